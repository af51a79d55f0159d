; ModuleID = 'relpass.c'
source_filename = "relpass.c"
target datalayout = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128"
target triple = "aarch64-unknown-linux-gnu"

; Function Attrs: noinline nounwind uwtable
define dso_local i64 @get_val() local_unnamed_addr #0 !dbg !14 {
  %1 = call i64 @get_raw() #2, !dbg !19
  %2 = lshr i64 %1, 1, !dbg !20
  ret i64 %2, !dbg !21
}

declare !dbg !22 i64 @get_raw() local_unnamed_addr #1

; Function Attrs: noinline nounwind uwtable
define dso_local void @tick2() local_unnamed_addr #0 !dbg !23 {
  call void @tick() #2, !dbg !26
  call void @tick() #2, !dbg !27
  ret void, !dbg !28
}

declare !dbg !29 void @tick() local_unnamed_addr #1

; Function Attrs: noinline nounwind uwtable
define dso_local i64 @step() local_unnamed_addr #0 !dbg !30 {
  call void @tick2(), !dbg !31
  %1 = call i64 @get_val(), !dbg !32
  %2 = add i64 %1, 1, !dbg !33
  ret i64 %2, !dbg !34
}

attributes #0 = { noinline nounwind uwtable "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-jump-tables"="true" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #1 = { "frame-pointer"="non-leaf" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #2 = { nounwind }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3, !4, !5, !6, !7, !8, !9, !10, !11, !12}
!llvm.ident = !{!13}

!0 = distinct !DICompileUnit(language: DW_LANG_C99, file: !1, producer: "Debian clang version 14.0.6", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug, splitDebugInlining: false, nameTableKind: None)
!1 = !DIFile(filename: "relpass.c", directory: ".", checksumkind: CSK_MD5, checksum: "9280f62376ba8fd87d8fc17b06428773")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 1, !"wchar_size", i32 4}
!5 = !{i32 1, !"branch-target-enforcement", i32 0}
!6 = !{i32 1, !"sign-return-address", i32 0}
!7 = !{i32 1, !"sign-return-address-all", i32 0}
!8 = !{i32 1, !"sign-return-address-with-bkey", i32 0}
!9 = !{i32 7, !"PIC Level", i32 2}
!10 = !{i32 7, !"PIE Level", i32 2}
!11 = !{i32 7, !"uwtable", i32 1}
!12 = !{i32 7, !"frame-pointer", i32 1}
!13 = !{!"Debian clang version 14.0.6"}
!14 = distinct !DISubprogram(name: "get_val", scope: !1, file: !1, line: 8, type: !15, scopeLine: 8, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !18)
!15 = !DISubroutineType(types: !16)
!16 = !{!17}
!17 = !DIBasicType(name: "unsigned long", size: 64, encoding: DW_ATE_unsigned)
!18 = !{}
!19 = !DILocation(line: 8, column: 38, scope: !14)
!20 = !DILocation(line: 8, column: 48, scope: !14)
!21 = !DILocation(line: 8, column: 31, scope: !14)
!22 = !DISubprogram(name: "get_raw", scope: !1, file: !1, line: 5, type: !15, flags: DIFlagPrototyped, spFlags: DISPFlagOptimized, retainedNodes: !18)
!23 = distinct !DISubprogram(name: "tick2", scope: !1, file: !1, line: 10, type: !24, scopeLine: 10, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !18)
!24 = !DISubroutineType(types: !25)
!25 = !{null}
!26 = !DILocation(line: 11, column: 3, scope: !23)
!27 = !DILocation(line: 12, column: 3, scope: !23)
!28 = !DILocation(line: 13, column: 1, scope: !23)
!29 = !DISubprogram(name: "tick", scope: !1, file: !1, line: 6, type: !24, flags: DIFlagPrototyped, spFlags: DISPFlagOptimized, retainedNodes: !18)
!30 = distinct !DISubprogram(name: "step", scope: !1, file: !1, line: 15, type: !15, scopeLine: 15, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !18)
!31 = !DILocation(line: 16, column: 3, scope: !30)
!32 = !DILocation(line: 17, column: 10, scope: !30)
!33 = !DILocation(line: 17, column: 20, scope: !30)
!34 = !DILocation(line: 17, column: 3, scope: !30)
