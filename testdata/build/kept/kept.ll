; ModuleID = 'kept.c'
source_filename = "kept.c"
target datalayout = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128"
target triple = "aarch64-unknown-linux-gnu"

; Function Attrs: noinline nounwind uwtable
define dso_local i64 @bump(i64 noundef %0) local_unnamed_addr #0 !dbg !14 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !19, metadata !DIExpression()), !dbg !21
  %2 = call i64 @get_level() #3, !dbg !22
  call void @llvm.dbg.value(metadata i64 %2, metadata !20, metadata !DIExpression()), !dbg !21
  %3 = add i64 %2, %0, !dbg !23
  call void @set_level(i64 noundef %3) #3, !dbg !24
  ret i64 %2, !dbg !25
}

declare !dbg !26 i64 @get_level() local_unnamed_addr #1

declare !dbg !30 void @set_level(i64 noundef) local_unnamed_addr #1

; Function Attrs: noinline nounwind uwtable
define dso_local i64 @bump2() local_unnamed_addr #0 !dbg !33 {
  %1 = call i64 @bump(i64 noundef 1), !dbg !34
  %2 = call i64 @bump(i64 noundef 2), !dbg !35
  ret i64 %2, !dbg !36
}

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare void @llvm.dbg.value(metadata, metadata, metadata) #2

attributes #0 = { noinline nounwind uwtable "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-jump-tables"="true" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #1 = { "frame-pointer"="non-leaf" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #2 = { nofree nosync nounwind readnone speculatable willreturn }
attributes #3 = { nounwind }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3, !4, !5, !6, !7, !8, !9, !10, !11, !12}
!llvm.ident = !{!13}

!0 = distinct !DICompileUnit(language: DW_LANG_C99, file: !1, producer: "Debian clang version 14.0.6", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug, splitDebugInlining: false, nameTableKind: None)
!1 = !DIFile(filename: "kept.c", directory: "/work/main/testdata/build/kept", checksumkind: CSK_MD5, checksum: "abcc0ee1afba35c98bee7fd9a4d3e9b5")
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
!14 = distinct !DISubprogram(name: "bump", scope: !1, file: !1, line: 8, type: !15, scopeLine: 9, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !18)
!15 = !DISubroutineType(types: !16)
!16 = !{!17, !17}
!17 = !DIBasicType(name: "unsigned long", size: 64, encoding: DW_ATE_unsigned)
!18 = !{!19, !20}
!19 = !DILocalVariable(name: "d", arg: 1, scope: !14, file: !1, line: 8, type: !17)
!20 = !DILocalVariable(name: "l", scope: !14, file: !1, line: 10, type: !17)
!21 = !DILocation(line: 0, scope: !14)
!22 = !DILocation(line: 10, column: 20, scope: !14)
!23 = !DILocation(line: 11, column: 14, scope: !14)
!24 = !DILocation(line: 11, column: 2, scope: !14)
!25 = !DILocation(line: 12, column: 2, scope: !14)
!26 = !DISubprogram(name: "get_level", scope: !1, file: !1, line: 5, type: !27, flags: DIFlagPrototyped, spFlags: DISPFlagOptimized, retainedNodes: !29)
!27 = !DISubroutineType(types: !28)
!28 = !{!17}
!29 = !{}
!30 = !DISubprogram(name: "set_level", scope: !1, file: !1, line: 6, type: !31, flags: DIFlagPrototyped, spFlags: DISPFlagOptimized, retainedNodes: !29)
!31 = !DISubroutineType(types: !32)
!32 = !{null, !17}
!33 = distinct !DISubprogram(name: "bump2", scope: !1, file: !1, line: 15, type: !27, scopeLine: 16, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !29)
!34 = !DILocation(line: 17, column: 2, scope: !33)
!35 = !DILocation(line: 18, column: 9, scope: !33)
!36 = !DILocation(line: 18, column: 2, scope: !33)
