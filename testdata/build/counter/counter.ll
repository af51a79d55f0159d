; ModuleID = 'counter.c'
source_filename = "counter.c"
target datalayout = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128"
target triple = "aarch64-unknown-linux-gnu"

@slots = dso_local local_unnamed_addr global [16 x i64] zeroinitializer, align 8, !dbg !0

; Function Attrs: mustprogress nofree noinline norecurse nosync nounwind readonly uwtable willreturn
define dso_local i64 @get_slot(i64 noundef %0) local_unnamed_addr #0 !dbg !21 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !25, metadata !DIExpression()), !dbg !26
  %2 = and i64 %0, 15, !dbg !27
  %3 = getelementptr inbounds [16 x i64], [16 x i64]* @slots, i64 0, i64 %2, !dbg !28
  %4 = load i64, i64* %3, align 8, !dbg !28, !tbaa !29
  ret i64 %4, !dbg !33
}

; Function Attrs: mustprogress nofree noinline norecurse nosync nounwind uwtable willreturn writeonly
define dso_local void @set_slot(i64 noundef %0, i64 noundef %1) local_unnamed_addr #1 !dbg !34 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !38, metadata !DIExpression()), !dbg !40
  call void @llvm.dbg.value(metadata i64 %1, metadata !39, metadata !DIExpression()), !dbg !40
  %3 = and i64 %0, 15, !dbg !41
  %4 = getelementptr inbounds [16 x i64], [16 x i64]* @slots, i64 0, i64 %3, !dbg !42
  store i64 %1, i64* %4, align 8, !dbg !43, !tbaa !29
  ret void, !dbg !44
}

; Function Attrs: nofree noinline norecurse nosync nounwind readonly uwtable
define dso_local i64 @sum_slots() local_unnamed_addr #2 !dbg !45 {
  call void @llvm.dbg.value(metadata i64 0, metadata !49, metadata !DIExpression()), !dbg !52
  call void @llvm.dbg.value(metadata i64 0, metadata !50, metadata !DIExpression()), !dbg !53
  br label %2, !dbg !54

1:                                                ; preds = %2
  ret i64 %6, !dbg !55

2:                                                ; preds = %0, %2
  %3 = phi i64 [ 0, %0 ], [ %7, %2 ]
  %4 = phi i64 [ 0, %0 ], [ %6, %2 ]
  call void @llvm.dbg.value(metadata i64 %3, metadata !50, metadata !DIExpression()), !dbg !53
  call void @llvm.dbg.value(metadata i64 %4, metadata !49, metadata !DIExpression()), !dbg !52
  %5 = call i64 @get_slot(i64 noundef %3), !dbg !56
  %6 = add i64 %5, %4, !dbg !58
  call void @llvm.dbg.value(metadata i64 %6, metadata !49, metadata !DIExpression()), !dbg !52
  %7 = add nuw nsw i64 %3, 1, !dbg !59
  call void @llvm.dbg.value(metadata i64 %7, metadata !50, metadata !DIExpression()), !dbg !53
  %8 = icmp eq i64 %7, 16, !dbg !60
  br i1 %8, label %1, label %2, !dbg !54, !llvm.loop !61
}

; Function Attrs: nofree noinline norecurse nosync nounwind uwtable writeonly
define dso_local void @clear_upto(i64 noundef %0) local_unnamed_addr #3 !dbg !65 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !69, metadata !DIExpression()), !dbg !72
  call void @llvm.dbg.value(metadata i64 0, metadata !70, metadata !DIExpression()), !dbg !73
  %2 = icmp eq i64 %0, 0, !dbg !74
  br i1 %2, label %3, label %4, !dbg !76

3:                                                ; preds = %4, %1
  ret void, !dbg !77

4:                                                ; preds = %1, %4
  %5 = phi i64 [ %6, %4 ], [ 0, %1 ]
  call void @llvm.dbg.value(metadata i64 %5, metadata !70, metadata !DIExpression()), !dbg !73
  call void @set_slot(i64 noundef %5, i64 noundef 0), !dbg !78
  %6 = add nuw i64 %5, 1, !dbg !79
  call void @llvm.dbg.value(metadata i64 %6, metadata !70, metadata !DIExpression()), !dbg !73
  %7 = icmp eq i64 %6, %0, !dbg !74
  br i1 %7, label %3, label %4, !dbg !76, !llvm.loop !80
}

; Function Attrs: nofree noinline norecurse nosync nounwind uwtable writeonly
define dso_local void @fill_upto(i64 noundef %0, i64 noundef %1) local_unnamed_addr #3 !dbg !82 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !84, metadata !DIExpression()), !dbg !88
  call void @llvm.dbg.value(metadata i64 %1, metadata !85, metadata !DIExpression()), !dbg !88
  call void @llvm.dbg.value(metadata i64 0, metadata !86, metadata !DIExpression()), !dbg !89
  %3 = icmp eq i64 %0, 0, !dbg !90
  br i1 %3, label %4, label %5, !dbg !92

4:                                                ; preds = %5, %2
  ret void, !dbg !93

5:                                                ; preds = %2, %5
  %6 = phi i64 [ %7, %5 ], [ 0, %2 ]
  call void @llvm.dbg.value(metadata i64 %6, metadata !86, metadata !DIExpression()), !dbg !89
  call void @set_slot(i64 noundef %6, i64 noundef %1), !dbg !94
  %7 = add nuw i64 %6, 1, !dbg !95
  call void @llvm.dbg.value(metadata i64 %7, metadata !86, metadata !DIExpression()), !dbg !89
  %8 = icmp eq i64 %7, %0, !dbg !90
  br i1 %8, label %4, label %5, !dbg !92, !llvm.loop !96
}

; Function Attrs: noinline nounwind uwtable
define dso_local i64 @bump(i64 noundef %0) local_unnamed_addr #4 !dbg !98 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !100, metadata !DIExpression()), !dbg !102
  %2 = call i64 @get_slot(i64 noundef %0), !dbg !103
  call void @llvm.dbg.value(metadata i64 %2, metadata !101, metadata !DIExpression()), !dbg !102
  %3 = add i64 %2, 1, !dbg !104
  call void @set_slot(i64 noundef %0, i64 noundef %3), !dbg !105
  call void @log_event(i64 noundef %0) #7, !dbg !106
  ret i64 %2, !dbg !107
}

declare !dbg !108 void @log_event(i64 noundef) local_unnamed_addr #5

; Function Attrs: noinline nounwind uwtable
define dso_local i64 @note(i64 noundef %0) local_unnamed_addr #4 !dbg !110 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !112, metadata !DIExpression()), !dbg !113
  call void @log_event(i64 noundef %0) #7, !dbg !114
  %2 = add i64 %0, 1, !dbg !115
  ret i64 %2, !dbg !116
}

; Function Attrs: nofree noinline norecurse nosync nounwind readonly uwtable
define dso_local i64 @total() local_unnamed_addr #2 !dbg !117 {
  %1 = call i64 @sum_slots(), !dbg !118
  ret i64 %1, !dbg !119
}

; Function Attrs: nofree noinline norecurse nosync nounwind uwtable writeonly
define dso_local void @reset(i64 noundef %0) local_unnamed_addr #3 !dbg !120 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !122, metadata !DIExpression()), !dbg !123
  call void @clear_upto(i64 noundef %0), !dbg !124
  ret void, !dbg !125
}

; Function Attrs: nofree noinline norecurse nosync nounwind uwtable writeonly
define dso_local void @fill(i64 noundef %0, i64 noundef %1) local_unnamed_addr #3 !dbg !126 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !128, metadata !DIExpression()), !dbg !130
  call void @llvm.dbg.value(metadata i64 %1, metadata !129, metadata !DIExpression()), !dbg !130
  call void @fill_upto(i64 noundef %0, i64 noundef %1), !dbg !131
  ret void, !dbg !132
}

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare void @llvm.dbg.value(metadata, metadata, metadata) #6

attributes #0 = { mustprogress nofree noinline norecurse nosync nounwind readonly uwtable willreturn "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-jump-tables"="true" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #1 = { mustprogress nofree noinline norecurse nosync nounwind uwtable willreturn writeonly "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-jump-tables"="true" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #2 = { nofree noinline norecurse nosync nounwind readonly uwtable "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-jump-tables"="true" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #3 = { nofree noinline norecurse nosync nounwind uwtable writeonly "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-jump-tables"="true" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #4 = { noinline nounwind uwtable "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-jump-tables"="true" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #5 = { "frame-pointer"="non-leaf" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #6 = { nofree nosync nounwind readnone speculatable willreturn }
attributes #7 = { nounwind }

!llvm.dbg.cu = !{!2}
!llvm.module.flags = !{!9, !10, !11, !12, !13, !14, !15, !16, !17, !18, !19}
!llvm.ident = !{!20}

!0 = !DIGlobalVariableExpression(var: !1, expr: !DIExpression())
!1 = distinct !DIGlobalVariable(name: "slots", scope: !2, file: !3, line: 4, type: !5, isLocal: false, isDefinition: true)
!2 = distinct !DICompileUnit(language: DW_LANG_C99, file: !3, producer: "Debian clang version 14.0.6", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug, globals: !4, splitDebugInlining: false, nameTableKind: None)
!3 = !DIFile(filename: "counter.c", directory: ".", checksumkind: CSK_MD5, checksum: "3edc76c6897fbc2ae98450daf51000b8")
!4 = !{!0}
!5 = !DICompositeType(tag: DW_TAG_array_type, baseType: !6, size: 1024, elements: !7)
!6 = !DIBasicType(name: "unsigned long", size: 64, encoding: DW_ATE_unsigned)
!7 = !{!8}
!8 = !DISubrange(count: 16)
!9 = !{i32 7, !"Dwarf Version", i32 5}
!10 = !{i32 2, !"Debug Info Version", i32 3}
!11 = !{i32 1, !"wchar_size", i32 4}
!12 = !{i32 1, !"branch-target-enforcement", i32 0}
!13 = !{i32 1, !"sign-return-address", i32 0}
!14 = !{i32 1, !"sign-return-address-all", i32 0}
!15 = !{i32 1, !"sign-return-address-with-bkey", i32 0}
!16 = !{i32 7, !"PIC Level", i32 2}
!17 = !{i32 7, !"PIE Level", i32 2}
!18 = !{i32 7, !"uwtable", i32 1}
!19 = !{i32 7, !"frame-pointer", i32 1}
!20 = !{!"Debian clang version 14.0.6"}
!21 = distinct !DISubprogram(name: "get_slot", scope: !3, file: !3, line: 7, type: !22, scopeLine: 7, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !24)
!22 = !DISubroutineType(types: !23)
!23 = !{!6, !6}
!24 = !{!25}
!25 = !DILocalVariable(name: "i", arg: 1, scope: !21, file: !3, line: 7, type: !6)
!26 = !DILocation(line: 0, scope: !21)
!27 = !DILocation(line: 7, column: 58, scope: !21)
!28 = !DILocation(line: 7, column: 50, scope: !21)
!29 = !{!30, !30, i64 0}
!30 = !{!"long", !31, i64 0}
!31 = !{!"omnipotent char", !32, i64 0}
!32 = !{!"Simple C/C++ TBAA"}
!33 = !DILocation(line: 7, column: 43, scope: !21)
!34 = distinct !DISubprogram(name: "set_slot", scope: !3, file: !3, line: 8, type: !35, scopeLine: 8, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !37)
!35 = !DISubroutineType(types: !36)
!36 = !{null, !6, !6}
!37 = !{!38, !39}
!38 = !DILocalVariable(name: "i", arg: 1, scope: !34, file: !3, line: 8, type: !6)
!39 = !DILocalVariable(name: "v", arg: 2, scope: !34, file: !3, line: 8, type: !6)
!40 = !DILocation(line: 0, scope: !34)
!41 = !DILocation(line: 8, column: 59, scope: !34)
!42 = !DILocation(line: 8, column: 51, scope: !34)
!43 = !DILocation(line: 8, column: 65, scope: !34)
!44 = !DILocation(line: 8, column: 70, scope: !34)
!45 = distinct !DISubprogram(name: "sum_slots", scope: !3, file: !3, line: 11, type: !46, scopeLine: 11, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !48)
!46 = !DISubroutineType(types: !47)
!47 = !{!6}
!48 = !{!49, !50}
!49 = !DILocalVariable(name: "s", scope: !45, file: !3, line: 12, type: !6)
!50 = !DILocalVariable(name: "i", scope: !51, file: !3, line: 13, type: !6)
!51 = distinct !DILexicalBlock(scope: !45, file: !3, line: 13, column: 3)
!52 = !DILocation(line: 0, scope: !45)
!53 = !DILocation(line: 0, scope: !51)
!54 = !DILocation(line: 13, column: 3, scope: !51)
!55 = !DILocation(line: 15, column: 3, scope: !45)
!56 = !DILocation(line: 14, column: 10, scope: !57)
!57 = distinct !DILexicalBlock(scope: !51, file: !3, line: 13, column: 3)
!58 = !DILocation(line: 14, column: 7, scope: !57)
!59 = !DILocation(line: 13, column: 38, scope: !57)
!60 = !DILocation(line: 13, column: 31, scope: !57)
!61 = distinct !{!61, !54, !62, !63, !64}
!62 = !DILocation(line: 14, column: 20, scope: !51)
!63 = !{!"llvm.loop.mustprogress"}
!64 = !{!"llvm.loop.unroll.disable"}
!65 = distinct !DISubprogram(name: "clear_upto", scope: !3, file: !3, line: 19, type: !66, scopeLine: 19, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !68)
!66 = !DISubroutineType(types: !67)
!67 = !{null, !6}
!68 = !{!69, !70}
!69 = !DILocalVariable(name: "n", arg: 1, scope: !65, file: !3, line: 19, type: !6)
!70 = !DILocalVariable(name: "i", scope: !71, file: !3, line: 20, type: !6)
!71 = distinct !DILexicalBlock(scope: !65, file: !3, line: 20, column: 3)
!72 = !DILocation(line: 0, scope: !65)
!73 = !DILocation(line: 0, scope: !71)
!74 = !DILocation(line: 20, column: 31, scope: !75)
!75 = distinct !DILexicalBlock(scope: !71, file: !3, line: 20, column: 3)
!76 = !DILocation(line: 20, column: 3, scope: !71)
!77 = !DILocation(line: 22, column: 1, scope: !65)
!78 = !DILocation(line: 21, column: 5, scope: !75)
!79 = !DILocation(line: 20, column: 37, scope: !75)
!80 = distinct !{!80, !76, !81, !63, !64}
!81 = !DILocation(line: 21, column: 18, scope: !71)
!82 = distinct !DISubprogram(name: "fill_upto", scope: !3, file: !3, line: 25, type: !35, scopeLine: 25, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !83)
!83 = !{!84, !85, !86}
!84 = !DILocalVariable(name: "n", arg: 1, scope: !82, file: !3, line: 25, type: !6)
!85 = !DILocalVariable(name: "v", arg: 2, scope: !82, file: !3, line: 25, type: !6)
!86 = !DILocalVariable(name: "i", scope: !87, file: !3, line: 26, type: !6)
!87 = distinct !DILexicalBlock(scope: !82, file: !3, line: 26, column: 3)
!88 = !DILocation(line: 0, scope: !82)
!89 = !DILocation(line: 0, scope: !87)
!90 = !DILocation(line: 26, column: 31, scope: !91)
!91 = distinct !DILexicalBlock(scope: !87, file: !3, line: 26, column: 3)
!92 = !DILocation(line: 26, column: 3, scope: !87)
!93 = !DILocation(line: 28, column: 1, scope: !82)
!94 = !DILocation(line: 27, column: 5, scope: !91)
!95 = !DILocation(line: 26, column: 37, scope: !91)
!96 = distinct !{!96, !92, !97, !63, !64}
!97 = !DILocation(line: 27, column: 18, scope: !87)
!98 = distinct !DISubprogram(name: "bump", scope: !3, file: !3, line: 31, type: !22, scopeLine: 31, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !99)
!99 = !{!100, !101}
!100 = !DILocalVariable(name: "i", arg: 1, scope: !98, file: !3, line: 31, type: !6)
!101 = !DILocalVariable(name: "v", scope: !98, file: !3, line: 32, type: !6)
!102 = !DILocation(line: 0, scope: !98)
!103 = !DILocation(line: 32, column: 21, scope: !98)
!104 = !DILocation(line: 33, column: 17, scope: !98)
!105 = !DILocation(line: 33, column: 3, scope: !98)
!106 = !DILocation(line: 34, column: 3, scope: !98)
!107 = !DILocation(line: 35, column: 3, scope: !98)
!108 = !DISubprogram(name: "log_event", scope: !3, file: !3, line: 5, type: !66, flags: DIFlagPrototyped, spFlags: DISPFlagOptimized, retainedNodes: !109)
!109 = !{}
!110 = distinct !DISubprogram(name: "note", scope: !3, file: !3, line: 39, type: !22, scopeLine: 39, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !111)
!111 = !{!112}
!112 = !DILocalVariable(name: "i", arg: 1, scope: !110, file: !3, line: 39, type: !6)
!113 = !DILocation(line: 0, scope: !110)
!114 = !DILocation(line: 40, column: 3, scope: !110)
!115 = !DILocation(line: 41, column: 12, scope: !110)
!116 = !DILocation(line: 41, column: 3, scope: !110)
!117 = distinct !DISubprogram(name: "total", scope: !3, file: !3, line: 46, type: !46, scopeLine: 46, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !109)
!118 = !DILocation(line: 46, column: 36, scope: !117)
!119 = !DILocation(line: 46, column: 29, scope: !117)
!120 = distinct !DISubprogram(name: "reset", scope: !3, file: !3, line: 47, type: !66, scopeLine: 47, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !121)
!121 = !{!122}
!122 = !DILocalVariable(name: "n", arg: 1, scope: !120, file: !3, line: 47, type: !6)
!123 = !DILocation(line: 0, scope: !120)
!124 = !DILocation(line: 47, column: 31, scope: !120)
!125 = !DILocation(line: 47, column: 46, scope: !120)
!126 = distinct !DISubprogram(name: "fill", scope: !3, file: !3, line: 48, type: !35, scopeLine: 48, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !127)
!127 = !{!128, !129}
!128 = !DILocalVariable(name: "n", arg: 1, scope: !126, file: !3, line: 48, type: !6)
!129 = !DILocalVariable(name: "v", arg: 2, scope: !126, file: !3, line: 48, type: !6)
!130 = !DILocation(line: 0, scope: !126)
!131 = !DILocation(line: 48, column: 47, scope: !126)
!132 = !DILocation(line: 48, column: 64, scope: !126)
