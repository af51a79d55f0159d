; ModuleID = 'calls.c'
source_filename = "calls.c"
target datalayout = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128"
target triple = "aarch64-unknown-linux-gnu"

; Function Attrs: mustprogress nofree noinline norecurse nosync nounwind readnone uwtable willreturn
define dso_local i64 @leaf(i64 noundef %0) local_unnamed_addr #0 !dbg !14 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !19, metadata !DIExpression()), !dbg !20
  %2 = add i64 %0, 1, !dbg !21
  ret i64 %2, !dbg !22
}

; Function Attrs: noinline nounwind uwtable
define dso_local i64 @uses_ext(i64 noundef %0) local_unnamed_addr #1 !dbg !23 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !25, metadata !DIExpression()), !dbg !26
  %2 = call i64 @ext(i64 noundef %0) #6, !dbg !27
  %3 = call i64 @leaf(i64 noundef %0), !dbg !28
  %4 = add i64 %3, %2, !dbg !29
  ret i64 %4, !dbg !30
}

declare !dbg !31 i64 @ext(i64 noundef) local_unnamed_addr #2

; Function Attrs: nofree noinline nosync nounwind readnone uwtable
define dso_local i64 @self_rec(i64 noundef %0) local_unnamed_addr #3 !dbg !33 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !35, metadata !DIExpression()), !dbg !36
  %2 = icmp eq i64 %0, 0, !dbg !37
  br i1 %2, label %7, label %3, !dbg !37

3:                                                ; preds = %1
  %4 = add i64 %0, -1, !dbg !38
  %5 = call i64 @self_rec(i64 noundef %4), !dbg !39
  %6 = add i64 %5, 1, !dbg !40
  br label %7, !dbg !37

7:                                                ; preds = %1, %3
  %8 = phi i64 [ %6, %3 ], [ 0, %1 ], !dbg !37
  ret i64 %8, !dbg !41
}

; Function Attrs: nofree noinline nosync nounwind readnone uwtable
define dso_local i64 @pong(i64 noundef %0) local_unnamed_addr #3 !dbg !42 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !44, metadata !DIExpression()), !dbg !45
  %2 = icmp eq i64 %0, 0, !dbg !46
  br i1 %2, label %6, label %3, !dbg !46

3:                                                ; preds = %1
  %4 = add i64 %0, -1, !dbg !47
  %5 = call i64 @ping(i64 noundef %4), !dbg !48
  br label %6, !dbg !46

6:                                                ; preds = %1, %3
  %7 = phi i64 [ %5, %3 ], [ 0, %1 ], !dbg !46
  ret i64 %7, !dbg !49
}

; Function Attrs: nofree noinline nosync nounwind readnone uwtable
define dso_local i64 @ping(i64 noundef %0) local_unnamed_addr #3 !dbg !50 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !52, metadata !DIExpression()), !dbg !53
  %2 = icmp eq i64 %0, 0, !dbg !54
  br i1 %2, label %6, label %3, !dbg !54

3:                                                ; preds = %1
  %4 = add i64 %0, -1, !dbg !55
  %5 = call i64 @pong(i64 noundef %4), !dbg !56
  br label %6, !dbg !54

6:                                                ; preds = %1, %3
  %7 = phi i64 [ %5, %3 ], [ 1, %1 ], !dbg !54
  ret i64 %7, !dbg !57
}

; Function Attrs: nofree noinline norecurse nosync nounwind readnone uwtable
define dso_local i64 @halve(i64 noundef %0) local_unnamed_addr #4 !dbg !58 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !60, metadata !DIExpression()), !dbg !62
  call void @llvm.dbg.value(metadata i64 0, metadata !61, metadata !DIExpression()), !dbg !62
  %2 = icmp eq i64 %0, 0, !dbg !63
  br i1 %2, label %9, label %3, !dbg !63

3:                                                ; preds = %1, %3
  %4 = phi i64 [ %6, %3 ], [ 0, %1 ]
  %5 = phi i64 [ %7, %3 ], [ %0, %1 ]
  call void @llvm.dbg.value(metadata i64 %4, metadata !61, metadata !DIExpression()), !dbg !62
  call void @llvm.dbg.value(metadata i64 %5, metadata !60, metadata !DIExpression()), !dbg !62
  %6 = add i64 %4, %5, !dbg !64
  call void @llvm.dbg.value(metadata i64 %6, metadata !61, metadata !DIExpression()), !dbg !62
  %7 = lshr i64 %5, 1, !dbg !66
  call void @llvm.dbg.value(metadata i64 %7, metadata !60, metadata !DIExpression()), !dbg !62
  %8 = icmp ult i64 %5, 2, !dbg !63
  br i1 %8, label %9, label %3, !dbg !63, !llvm.loop !67

9:                                                ; preds = %3, %1
  %10 = phi i64 [ 0, %1 ], [ %6, %3 ], !dbg !62
  ret i64 %10, !dbg !71
}

; Function Attrs: nofree noinline norecurse nosync nounwind readnone uwtable
define dso_local i64 @uses_halve(i64 noundef %0) local_unnamed_addr #4 !dbg !72 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !74, metadata !DIExpression()), !dbg !75
  %2 = call i64 @halve(i64 noundef %0), !dbg !76
  %3 = add i64 %2, 1, !dbg !77
  ret i64 %3, !dbg !78
}

; Function Attrs: mustprogress nofree noinline norecurse nosync nounwind readnone uwtable willreturn
define dso_local i64 @ident(i64 noundef returned %0) local_unnamed_addr #0 !dbg !79 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !81, metadata !DIExpression()), !dbg !82
  ret i64 %0, !dbg !83
}

; Function Attrs: mustprogress nofree noinline norecurse nosync nounwind readnone uwtable willreturn
define dso_local i64 @uses_leaf(i64 noundef %0) local_unnamed_addr #0 !dbg !84 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !86, metadata !DIExpression()), !dbg !87
  %2 = call i64 @leaf(i64 noundef %0), !dbg !88
  %3 = shl i64 %2, 1, !dbg !89
  ret i64 %3, !dbg !90
}

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare void @llvm.dbg.value(metadata, metadata, metadata) #5

attributes #0 = { mustprogress nofree noinline norecurse nosync nounwind readnone uwtable willreturn "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-jump-tables"="true" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #1 = { noinline nounwind uwtable "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-jump-tables"="true" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #2 = { "frame-pointer"="non-leaf" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #3 = { nofree noinline nosync nounwind readnone uwtable "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-jump-tables"="true" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #4 = { nofree noinline norecurse nosync nounwind readnone uwtable "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-jump-tables"="true" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #5 = { nofree nosync nounwind readnone speculatable willreturn }
attributes #6 = { nounwind }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3, !4, !5, !6, !7, !8, !9, !10, !11, !12}
!llvm.ident = !{!13}

!0 = distinct !DICompileUnit(language: DW_LANG_C99, file: !1, producer: "Debian clang version 14.0.6", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug, splitDebugInlining: false, nameTableKind: None)
!1 = !DIFile(filename: "calls.c", directory: ".", checksumkind: CSK_MD5, checksum: "95a516e46f5d8bc353315036bc23d7dc")
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
!14 = distinct !DISubprogram(name: "leaf", scope: !1, file: !1, line: 3, type: !15, scopeLine: 3, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !18)
!15 = !DISubroutineType(types: !16)
!16 = !{!17, !17}
!17 = !DIBasicType(name: "unsigned long", size: 64, encoding: DW_ATE_unsigned)
!18 = !{!19}
!19 = !DILocalVariable(name: "x", arg: 1, scope: !14, file: !1, line: 3, type: !17)
!20 = !DILocation(line: 0, scope: !14)
!21 = !DILocation(line: 3, column: 48, scope: !14)
!22 = !DILocation(line: 3, column: 39, scope: !14)
!23 = distinct !DISubprogram(name: "uses_ext", scope: !1, file: !1, line: 4, type: !15, scopeLine: 4, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !24)
!24 = !{!25}
!25 = !DILocalVariable(name: "x", arg: 1, scope: !23, file: !1, line: 4, type: !17)
!26 = !DILocation(line: 0, scope: !23)
!27 = !DILocation(line: 4, column: 50, scope: !23)
!28 = !DILocation(line: 4, column: 59, scope: !23)
!29 = !DILocation(line: 4, column: 57, scope: !23)
!30 = !DILocation(line: 4, column: 43, scope: !23)
!31 = !DISubprogram(name: "ext", scope: !1, file: !1, line: 2, type: !15, flags: DIFlagPrototyped, spFlags: DISPFlagOptimized, retainedNodes: !32)
!32 = !{}
!33 = distinct !DISubprogram(name: "self_rec", scope: !1, file: !1, line: 5, type: !15, scopeLine: 5, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !34)
!34 = !{!35}
!35 = !DILocalVariable(name: "x", arg: 1, scope: !33, file: !1, line: 5, type: !17)
!36 = !DILocation(line: 0, scope: !33)
!37 = !DILocation(line: 5, column: 50, scope: !33)
!38 = !DILocation(line: 5, column: 65, scope: !33)
!39 = !DILocation(line: 5, column: 54, scope: !33)
!40 = !DILocation(line: 5, column: 70, scope: !33)
!41 = !DILocation(line: 5, column: 43, scope: !33)
!42 = distinct !DISubprogram(name: "pong", scope: !1, file: !1, line: 7, type: !15, scopeLine: 7, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !43)
!43 = !{!44}
!44 = !DILocalVariable(name: "x", arg: 1, scope: !42, file: !1, line: 7, type: !17)
!45 = !DILocation(line: 0, scope: !42)
!46 = !DILocation(line: 7, column: 46, scope: !42)
!47 = !DILocation(line: 7, column: 57, scope: !42)
!48 = !DILocation(line: 7, column: 50, scope: !42)
!49 = !DILocation(line: 7, column: 39, scope: !42)
!50 = distinct !DISubprogram(name: "ping", scope: !1, file: !1, line: 8, type: !15, scopeLine: 8, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !51)
!51 = !{!52}
!52 = !DILocalVariable(name: "x", arg: 1, scope: !50, file: !1, line: 8, type: !17)
!53 = !DILocation(line: 0, scope: !50)
!54 = !DILocation(line: 8, column: 46, scope: !50)
!55 = !DILocation(line: 8, column: 57, scope: !50)
!56 = !DILocation(line: 8, column: 50, scope: !50)
!57 = !DILocation(line: 8, column: 39, scope: !50)
!58 = distinct !DISubprogram(name: "halve", scope: !1, file: !1, line: 10, type: !15, scopeLine: 10, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !59)
!59 = !{!60, !61}
!60 = !DILocalVariable(name: "n", arg: 1, scope: !58, file: !1, line: 10, type: !17)
!61 = !DILocalVariable(name: "s", scope: !58, file: !1, line: 11, type: !17)
!62 = !DILocation(line: 0, scope: !58)
!63 = !DILocation(line: 12, column: 3, scope: !58)
!64 = !DILocation(line: 12, column: 17, scope: !65)
!65 = distinct !DILexicalBlock(scope: !58, file: !1, line: 12, column: 13)
!66 = !DILocation(line: 12, column: 25, scope: !65)
!67 = distinct !{!67, !63, !68, !69, !70}
!68 = !DILocation(line: 12, column: 32, scope: !58)
!69 = !{!"llvm.loop.mustprogress"}
!70 = !{!"llvm.loop.unroll.disable"}
!71 = !DILocation(line: 13, column: 3, scope: !58)
!72 = distinct !DISubprogram(name: "uses_halve", scope: !1, file: !1, line: 15, type: !15, scopeLine: 15, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !73)
!73 = !{!74}
!74 = !DILocalVariable(name: "n", arg: 1, scope: !72, file: !1, line: 15, type: !17)
!75 = !DILocation(line: 0, scope: !72)
!76 = !DILocation(line: 15, column: 52, scope: !72)
!77 = !DILocation(line: 15, column: 61, scope: !72)
!78 = !DILocation(line: 15, column: 45, scope: !72)
!79 = distinct !DISubprogram(name: "ident", scope: !1, file: !1, line: 16, type: !15, scopeLine: 16, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !80)
!80 = !{!81}
!81 = !DILocalVariable(name: "x", arg: 1, scope: !79, file: !1, line: 16, type: !17)
!82 = !DILocation(line: 0, scope: !79)
!83 = !DILocation(line: 16, column: 40, scope: !79)
!84 = distinct !DISubprogram(name: "uses_leaf", scope: !1, file: !1, line: 17, type: !15, scopeLine: 17, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !85)
!85 = !{!86}
!86 = !DILocalVariable(name: "x", arg: 1, scope: !84, file: !1, line: 17, type: !17)
!87 = !DILocation(line: 0, scope: !84)
!88 = !DILocation(line: 17, column: 51, scope: !84)
!89 = !DILocation(line: 17, column: 59, scope: !84)
!90 = !DILocation(line: 17, column: 44, scope: !84)
