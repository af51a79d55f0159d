; ModuleID = 'sysreg.c'
source_filename = "sysreg.c"
target datalayout = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128"
target triple = "aarch64-unknown-linux-gnu"

; Function Attrs: noinline nounwind uwtable
define dso_local i64 @read_esr() local_unnamed_addr #0 !dbg !16 {
  %1 = call i64 asm sideeffect "mrs $0, esr_el2", "=r"() #2, !dbg !22, !srcloc !23
  call void @llvm.dbg.value(metadata i64 %1, metadata !21, metadata !DIExpression()), !dbg !24
  ret i64 %1, !dbg !25
}

; Function Attrs: noinline nounwind uwtable
define dso_local void @write_hcr(i64 noundef %0) local_unnamed_addr #0 !dbg !26 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !30, metadata !DIExpression()), !dbg !31
  call void asm sideeffect "msr hcr_el2, ${0:x}", "rZ"(i64 %0) #2, !dbg !32, !srcloc !33
  ret void, !dbg !34
}

; Function Attrs: noinline nounwind uwtable
define dso_local i64 @swap_tpidr(i64 noundef %0) local_unnamed_addr #0 !dbg !35 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !39, metadata !DIExpression()), !dbg !41
  %2 = call i64 asm sideeffect "mrs $0, tpidr_el2\0A\09msr tpidr_el2, $1", "=&r,r"(i64 %0) #2, !dbg !42, !srcloc !43
  call void @llvm.dbg.value(metadata i64 %2, metadata !40, metadata !DIExpression()), !dbg !41
  ret i64 %2, !dbg !44
}

; Function Attrs: noinline nounwind uwtable
define dso_local void @flush_ipa(i64 noundef %0) local_unnamed_addr #0 !dbg !45 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !47, metadata !DIExpression()), !dbg !48
  call void asm sideeffect "dsb ishst\0A\09tlbi ipas2e1is, $0\0A\09dsb ish\0A\09isb", "r,~{memory}"(i64 %0) #2, !dbg !49, !srcloc !50
  ret void, !dbg !51
}

; Function Attrs: noinline nounwind uwtable
define dso_local void @sync_context() local_unnamed_addr #0 !dbg !52 {
  call void asm sideeffect "isb", "~{memory}"() #2, !dbg !56, !srcloc !57
  ret void, !dbg !58
}

; Function Attrs: noinline nounwind uwtable
define dso_local i32 @exception_class() local_unnamed_addr #0 !dbg !59 {
  %1 = call i64 @read_esr(), !dbg !61
  %2 = trunc i64 %1 to i32, !dbg !62
  %3 = lshr i32 %2, 26, !dbg !62
  ret i32 %3, !dbg !63
}

; Function Attrs: noinline nounwind uwtable
define dso_local void @hcr_from_tpidr(i64 noundef %0) local_unnamed_addr #0 !dbg !64 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !66, metadata !DIExpression()), !dbg !67
  %2 = call i64 @swap_tpidr(i64 noundef %0), !dbg !68
  %3 = or i64 %2, 1, !dbg !69
  call void @write_hcr(i64 noundef %3), !dbg !70
  ret void, !dbg !71
}

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare void @llvm.dbg.value(metadata, metadata, metadata) #1

attributes #0 = { noinline nounwind uwtable "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-jump-tables"="true" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #1 = { nofree nosync nounwind readnone speculatable willreturn }
attributes #2 = { nounwind }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!4, !5, !6, !7, !8, !9, !10, !11, !12, !13, !14}
!llvm.ident = !{!15}

!0 = distinct !DICompileUnit(language: DW_LANG_C99, file: !1, producer: "Debian clang version 14.0.6", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug, retainedTypes: !2, splitDebugInlining: false, nameTableKind: None)
!1 = !DIFile(filename: "sysreg.c", directory: ".", checksumkind: CSK_MD5, checksum: "084a2f2310fb7ea4a4662d426c81500a")
!2 = !{!3}
!3 = !DIBasicType(name: "unsigned int", size: 32, encoding: DW_ATE_unsigned)
!4 = !{i32 7, !"Dwarf Version", i32 5}
!5 = !{i32 2, !"Debug Info Version", i32 3}
!6 = !{i32 1, !"wchar_size", i32 4}
!7 = !{i32 1, !"branch-target-enforcement", i32 0}
!8 = !{i32 1, !"sign-return-address", i32 0}
!9 = !{i32 1, !"sign-return-address-all", i32 0}
!10 = !{i32 1, !"sign-return-address-with-bkey", i32 0}
!11 = !{i32 7, !"PIC Level", i32 2}
!12 = !{i32 7, !"PIE Level", i32 2}
!13 = !{i32 7, !"uwtable", i32 1}
!14 = !{i32 7, !"frame-pointer", i32 1}
!15 = !{!"Debian clang version 14.0.6"}
!16 = distinct !DISubprogram(name: "read_esr", scope: !1, file: !1, line: 4, type: !17, scopeLine: 5, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !20)
!17 = !DISubroutineType(types: !18)
!18 = !{!19}
!19 = !DIBasicType(name: "unsigned long", size: 64, encoding: DW_ATE_unsigned)
!20 = !{!21}
!21 = !DILocalVariable(name: "v", scope: !16, file: !1, line: 6, type: !19)
!22 = !DILocation(line: 7, column: 2, scope: !16)
!23 = !{i64 220}
!24 = !DILocation(line: 0, scope: !16)
!25 = !DILocation(line: 8, column: 2, scope: !16)
!26 = distinct !DISubprogram(name: "write_hcr", scope: !1, file: !1, line: 11, type: !27, scopeLine: 12, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !29)
!27 = !DISubroutineType(types: !28)
!28 = !{null, !19}
!29 = !{!30}
!30 = !DILocalVariable(name: "v", arg: 1, scope: !26, file: !1, line: 11, type: !19)
!31 = !DILocation(line: 0, scope: !26)
!32 = !DILocation(line: 13, column: 2, scope: !26)
!33 = !{i64 312}
!34 = !DILocation(line: 14, column: 1, scope: !26)
!35 = distinct !DISubprogram(name: "swap_tpidr", scope: !1, file: !1, line: 17, type: !36, scopeLine: 18, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !38)
!36 = !DISubroutineType(types: !37)
!37 = !{!19, !19}
!38 = !{!39, !40}
!39 = !DILocalVariable(name: "v", arg: 1, scope: !35, file: !1, line: 17, type: !19)
!40 = !DILocalVariable(name: "old", scope: !35, file: !1, line: 19, type: !19)
!41 = !DILocation(line: 0, scope: !35)
!42 = !DILocation(line: 20, column: 2, scope: !35)
!43 = !{i64 493, i64 513}
!44 = !DILocation(line: 21, column: 2, scope: !35)
!45 = distinct !DISubprogram(name: "flush_ipa", scope: !1, file: !1, line: 26, type: !27, scopeLine: 27, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !46)
!46 = !{!47}
!47 = !DILocalVariable(name: "ipa", arg: 1, scope: !45, file: !1, line: 26, type: !19)
!48 = !DILocation(line: 0, scope: !45)
!49 = !DILocation(line: 28, column: 2, scope: !45)
!50 = !{i64 773, i64 785, i64 807, i64 818}
!51 = !DILocation(line: 29, column: 1, scope: !45)
!52 = distinct !DISubprogram(name: "sync_context", scope: !1, file: !1, line: 33, type: !53, scopeLine: 34, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !55)
!53 = !DISubroutineType(types: !54)
!54 = !{null}
!55 = !{}
!56 = !DILocation(line: 35, column: 2, scope: !52)
!57 = !{i64 1008}
!58 = !DILocation(line: 36, column: 1, scope: !52)
!59 = distinct !DISubprogram(name: "exception_class", scope: !1, file: !1, line: 39, type: !60, scopeLine: 40, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !55)
!60 = !DISubroutineType(types: !2)
!61 = !DILocation(line: 41, column: 24, scope: !59)
!62 = !DILocation(line: 41, column: 9, scope: !59)
!63 = !DILocation(line: 41, column: 2, scope: !59)
!64 = distinct !DISubprogram(name: "hcr_from_tpidr", scope: !1, file: !1, line: 45, type: !27, scopeLine: 46, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !65)
!65 = !{!66}
!66 = !DILocalVariable(name: "x", arg: 1, scope: !64, file: !1, line: 45, type: !19)
!67 = !DILocation(line: 0, scope: !64)
!68 = !DILocation(line: 47, column: 12, scope: !64)
!69 = !DILocation(line: 47, column: 26, scope: !64)
!70 = !DILocation(line: 47, column: 2, scope: !64)
!71 = !DILocation(line: 48, column: 1, scope: !64)
