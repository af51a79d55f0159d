; ModuleID = 'levels.c'
source_filename = "levels.c"
target datalayout = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128"
target triple = "aarch64-unknown-linux-gnu"

; Function Attrs: mustprogress nofree noinline norecurse nosync nounwind readnone uwtable willreturn
define dso_local i32 @pt_index(i64 noundef %0, i32 noundef %1) local_unnamed_addr #0 !dbg !16 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !21, metadata !DIExpression()), !dbg !23
  call void @llvm.dbg.value(metadata i32 %1, metadata !22, metadata !DIExpression()), !dbg !23
  %3 = mul i32 %1, -9, !dbg !24
  %4 = add i32 %3, 39, !dbg !25
  %5 = zext i32 %4 to i64, !dbg !26
  %6 = lshr i64 %0, %5, !dbg !26
  %7 = trunc i64 %6 to i32, !dbg !27
  %8 = and i32 %7, 511, !dbg !28
  ret i32 %8, !dbg !29
}

; Function Attrs: mustprogress nofree noinline norecurse nosync nounwind readnone uwtable willreturn
define dso_local i32 @index_mix(i64 noundef %0, i32 noundef %1) local_unnamed_addr #0 !dbg !30 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !32, metadata !DIExpression()), !dbg !35
  call void @llvm.dbg.value(metadata i32 %1, metadata !33, metadata !DIExpression()), !dbg !35
  %3 = call i32 @pt_index(i64 noundef %0, i32 noundef %1), !dbg !36
  call void @llvm.dbg.value(metadata i32 %3, metadata !34, metadata !DIExpression()), !dbg !35
  switch i32 %1, label %10 [
    i32 0, label %4
    i32 1, label %6
    i32 2, label %8
  ], !dbg !37

4:                                                ; preds = %2
  %5 = add i32 %3, 1, !dbg !38
  br label %10, !dbg !40

6:                                                ; preds = %2
  %7 = shl i32 %3, 1, !dbg !41
  br label %10, !dbg !42

8:                                                ; preds = %2
  %9 = xor i32 %3, 7, !dbg !43
  br label %10, !dbg !44

10:                                               ; preds = %2, %8, %6, %4
  %11 = phi i32 [ %9, %8 ], [ %7, %6 ], [ %5, %4 ], [ 0, %2 ], !dbg !45
  ret i32 %11, !dbg !46
}

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare void @llvm.dbg.value(metadata, metadata, metadata) #1

attributes #0 = { mustprogress nofree noinline norecurse nosync nounwind readnone uwtable willreturn "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-jump-tables"="true" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #1 = { nofree nosync nounwind readnone speculatable willreturn }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!4, !5, !6, !7, !8, !9, !10, !11, !12, !13, !14}
!llvm.ident = !{!15}

!0 = distinct !DICompileUnit(language: DW_LANG_C99, file: !1, producer: "Debian clang version 14.0.6", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug, retainedTypes: !2, splitDebugInlining: false, nameTableKind: None)
!1 = !DIFile(filename: "levels.c", directory: ".", checksumkind: CSK_MD5, checksum: "1ee657a41d5688db504f79c3e513affa")
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
!16 = distinct !DISubprogram(name: "pt_index", scope: !1, file: !1, line: 3, type: !17, scopeLine: 3, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !20)
!17 = !DISubroutineType(types: !18)
!18 = !{!3, !19, !3}
!19 = !DIBasicType(name: "unsigned long", size: 64, encoding: DW_ATE_unsigned)
!20 = !{!21, !22}
!21 = !DILocalVariable(name: "addr", arg: 1, scope: !16, file: !1, line: 3, type: !19)
!22 = !DILocalVariable(name: "level", arg: 2, scope: !16, file: !1, line: 3, type: !3)
!23 = !DILocation(line: 0, scope: !16)
!24 = !DILocation(line: 4, column: 41, scope: !16)
!25 = !DILocation(line: 4, column: 37, scope: !16)
!26 = !DILocation(line: 4, column: 30, scope: !16)
!27 = !DILocation(line: 4, column: 10, scope: !16)
!28 = !DILocation(line: 4, column: 51, scope: !16)
!29 = !DILocation(line: 4, column: 3, scope: !16)
!30 = distinct !DISubprogram(name: "index_mix", scope: !1, file: !1, line: 7, type: !17, scopeLine: 7, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !31)
!31 = !{!32, !33, !34}
!32 = !DILocalVariable(name: "addr", arg: 1, scope: !30, file: !1, line: 7, type: !19)
!33 = !DILocalVariable(name: "level", arg: 2, scope: !30, file: !1, line: 7, type: !3)
!34 = !DILocalVariable(name: "i", scope: !30, file: !1, line: 8, type: !3)
!35 = !DILocation(line: 0, scope: !30)
!36 = !DILocation(line: 8, column: 20, scope: !30)
!37 = !DILocation(line: 9, column: 3, scope: !30)
!38 = !DILocation(line: 11, column: 14, scope: !39)
!39 = distinct !DILexicalBlock(scope: !30, file: !1, line: 9, column: 18)
!40 = !DILocation(line: 11, column: 5, scope: !39)
!41 = !DILocation(line: 13, column: 14, scope: !39)
!42 = !DILocation(line: 13, column: 5, scope: !39)
!43 = !DILocation(line: 15, column: 14, scope: !39)
!44 = !DILocation(line: 15, column: 5, scope: !39)
!45 = !DILocation(line: 0, scope: !39)
!46 = !DILocation(line: 19, column: 1, scope: !30)
