; ModuleID = 'bad/seh.cpp'
source_filename = "bad/seh.cpp"
target datalayout = "e-m:w-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-windows-msvc19.20.0"

; Function Attrs: mustprogress nofree norecurse nosync nounwind readnone uwtable willreturn
define dso_local noundef i32 @"?ok@@YAHH@Z"(i32 noundef %0) local_unnamed_addr #0 !dbg !8 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !13, metadata !DIExpression()), !dbg !14
  %2 = shl nsw i32 %0, 1, !dbg !15
  %3 = or i32 %2, 1, !dbg !15
  ret i32 %3, !dbg !15
}

; Function Attrs: mustprogress uwtable
define dso_local noundef i32 @"?catches@@YAHH@Z"(i32 noundef %0) local_unnamed_addr #1 personality i8* bitcast (i32 (...)* @__CxxFrameHandler3 to i8*) !dbg !16 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !18, metadata !DIExpression()), !dbg !19
  invoke void @"?may_throw@@YAXH@Z"(i32 noundef %0)
          to label %6 unwind label %2, !dbg !20

2:                                                ; preds = %1
  %3 = catchswitch within none [label %4] unwind to caller, !dbg !22

4:                                                ; preds = %2
  %5 = catchpad within %3 [i8* null, i32 64, i8* null], !dbg !22
  catchret from %5 to label %6, !dbg !23

6:                                                ; preds = %1, %4
  %7 = phi i32 [ -1, %4 ], [ %0, %1 ], !dbg !19
  ret i32 %7, !dbg !25
}

declare dso_local void @"?may_throw@@YAXH@Z"(i32 noundef) local_unnamed_addr #2

declare dso_local i32 @__CxxFrameHandler3(...)

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare void @llvm.dbg.value(metadata, metadata, metadata) #3

attributes #0 = { mustprogress nofree norecurse nosync nounwind readnone uwtable willreturn "frame-pointer"="none" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { mustprogress uwtable "frame-pointer"="none" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #2 = { "frame-pointer"="none" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #3 = { nofree nosync nounwind readnone speculatable willreturn }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3, !4, !5, !6}
!llvm.ident = !{!7}

!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus_14, file: !1, producer: "Debian clang version 14.0.6", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug, splitDebugInlining: false, nameTableKind: None)
!1 = !DIFile(filename: "bad/seh.cpp", directory: "testdata/ir2coq", checksumkind: CSK_MD5, checksum: "0489d3d2a29e4dac7765ef822589c08a")
!2 = !{i32 2, !"CodeView", i32 1}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 1, !"wchar_size", i32 2}
!5 = !{i32 7, !"PIC Level", i32 2}
!6 = !{i32 7, !"uwtable", i32 1}
!7 = !{!"Debian clang version 14.0.6"}
!8 = distinct !DISubprogram(name: "ok", linkageName: "?ok@@YAHH@Z", scope: !1, file: !1, line: 3, type: !9, scopeLine: 3, flags: DIFlagPrototyped, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !12)
!9 = !DISubroutineType(types: !10)
!10 = !{!11, !11}
!11 = !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)
!12 = !{!13}
!13 = !DILocalVariable(name: "x", arg: 1, scope: !8, file: !1, line: 3, type: !11)
!14 = !DILocation(line: 0, scope: !8)
!15 = !DILocation(line: 3, scope: !8)
!16 = distinct !DISubprogram(name: "catches", linkageName: "?catches@@YAHH@Z", scope: !1, file: !1, line: 5, type: !9, scopeLine: 5, flags: DIFlagPrototyped, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !17)
!17 = !{!18}
!18 = !DILocalVariable(name: "x", arg: 1, scope: !16, file: !1, line: 5, type: !11)
!19 = !DILocation(line: 0, scope: !16)
!20 = !DILocation(line: 7, scope: !21)
!21 = distinct !DILexicalBlock(scope: !16, file: !1, line: 6)
!22 = !DILocation(line: 8, scope: !21)
!23 = !DILocation(line: 10, scope: !24)
!24 = distinct !DILexicalBlock(scope: !16, file: !1, line: 8)
!25 = !DILocation(line: 12, scope: !16)
