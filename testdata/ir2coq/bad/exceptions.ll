; ModuleID = 'bad/exceptions.cpp'
source_filename = "bad/exceptions.cpp"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; Function Attrs: mustprogress nofree norecurse nosync nounwind readnone uwtable willreturn
define dso_local noundef i32 @_Z2oki(i32 noundef %0) local_unnamed_addr #0 !dbg !9 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !14, metadata !DIExpression()), !dbg !15
  %2 = shl nsw i32 %0, 1, !dbg !16
  %3 = or i32 %2, 1, !dbg !17
  ret i32 %3, !dbg !18
}

; Function Attrs: mustprogress uwtable
define dso_local noundef i32 @_Z7catchesi(i32 noundef %0) local_unnamed_addr #1 personality i8* bitcast (i32 (...)* @__gxx_personality_v0 to i8*) !dbg !19 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !21, metadata !DIExpression()), !dbg !22
  invoke void @_Z9may_throwi(i32 noundef %0)
          to label %6 unwind label %2, !dbg !23

2:                                                ; preds = %1
  %3 = landingpad { i8*, i32 }
          catch i8* null, !dbg !25
  %4 = extractvalue { i8*, i32 } %3, 0, !dbg !25
  %5 = call i8* @__cxa_begin_catch(i8* %4) #4, !dbg !26
  call void @__cxa_end_catch(), !dbg !27
  br label %6

6:                                                ; preds = %1, %2
  %7 = phi i32 [ -1, %2 ], [ %0, %1 ], !dbg !22
  ret i32 %7, !dbg !29
}

declare !dbg !30 void @_Z9may_throwi(i32 noundef) local_unnamed_addr #2

declare i32 @__gxx_personality_v0(...)

declare i8* @__cxa_begin_catch(i8*) local_unnamed_addr

declare void @__cxa_end_catch() local_unnamed_addr

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare void @llvm.dbg.value(metadata, metadata, metadata) #3

attributes #0 = { mustprogress nofree norecurse nosync nounwind readnone uwtable willreturn "frame-pointer"="none" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { mustprogress uwtable "frame-pointer"="none" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #2 = { "frame-pointer"="none" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #3 = { nofree nosync nounwind readnone speculatable willreturn }
attributes #4 = { nounwind }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3, !4, !5, !6, !7}
!llvm.ident = !{!8}

!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus_14, file: !1, producer: "Debian clang version 14.0.6", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug, splitDebugInlining: false, nameTableKind: None)
!1 = !DIFile(filename: "bad/exceptions.cpp", directory: "/work/main/testdata/ir2coq", checksumkind: CSK_MD5, checksum: "4773c8705f5bc414d4870d532b358caf")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 1, !"wchar_size", i32 4}
!5 = !{i32 7, !"PIC Level", i32 2}
!6 = !{i32 7, !"PIE Level", i32 2}
!7 = !{i32 7, !"uwtable", i32 1}
!8 = !{!"Debian clang version 14.0.6"}
!9 = distinct !DISubprogram(name: "ok", linkageName: "_Z2oki", scope: !1, file: !1, line: 2, type: !10, scopeLine: 2, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !13)
!10 = !DISubroutineType(types: !11)
!11 = !{!12, !12}
!12 = !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)
!13 = !{!14}
!14 = !DILocalVariable(name: "x", arg: 1, scope: !9, file: !1, line: 2, type: !12)
!15 = !DILocation(line: 0, scope: !9)
!16 = !DILocation(line: 2, column: 26, scope: !9)
!17 = !DILocation(line: 2, column: 30, scope: !9)
!18 = !DILocation(line: 2, column: 17, scope: !9)
!19 = distinct !DISubprogram(name: "catches", linkageName: "_Z7catchesi", scope: !1, file: !1, line: 4, type: !10, scopeLine: 4, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !20)
!20 = !{!21}
!21 = !DILocalVariable(name: "x", arg: 1, scope: !19, file: !1, line: 4, type: !12)
!22 = !DILocation(line: 0, scope: !19)
!23 = !DILocation(line: 6, column: 5, scope: !24)
!24 = distinct !DILexicalBlock(scope: !19, file: !1, line: 5, column: 7)
!25 = !DILocation(line: 11, column: 1, scope: !24)
!26 = !DILocation(line: 7, column: 3, scope: !24)
!27 = !DILocation(line: 9, column: 3, scope: !28)
!28 = distinct !DILexicalBlock(scope: !19, file: !1, line: 7, column: 17)
!29 = !DILocation(line: 11, column: 1, scope: !19)
!30 = !DISubprogram(name: "may_throw", linkageName: "_Z9may_throwi", scope: !1, file: !1, line: 3, type: !31, flags: DIFlagPrototyped, spFlags: DISPFlagOptimized, retainedNodes: !33)
!31 = !DISubroutineType(types: !32)
!32 = !{null, !12}
!33 = !{}
