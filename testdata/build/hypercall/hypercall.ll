; ModuleID = 'hypercall.c'
source_filename = "hypercall.c"
target datalayout = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128"
target triple = "aarch64-unknown-linux-gnu"

%struct.host_regs = type { [4 x i64] }

; Function Attrs: noinline nounwind uwtable
define dso_local void @dispatch(%struct.host_regs* noundef %0) local_unnamed_addr #0 !dbg !16 {
  call void @llvm.dbg.value(metadata %struct.host_regs* %0, metadata !27, metadata !DIExpression()), !dbg !29
  %2 = call i64 @get_reg(%struct.host_regs* noundef %0, i32 noundef 0) #3, !dbg !30
  call void @llvm.dbg.value(metadata i64 %2, metadata !28, metadata !DIExpression()), !dbg !29
  %3 = ptrtoint %struct.host_regs* %0 to i64, !dbg !31
  call void @save_regs_addr(i64 noundef %3) #3, !dbg !32
  switch i64 %2, label %11 [
    i64 3, label %4
    i64 5, label %8
    i64 9, label %10
  ], !dbg !33

4:                                                ; preds = %1
  %5 = call i64 @get_reg(%struct.host_regs* noundef %0, i32 noundef 1) #3, !dbg !34
  %6 = call i64 @get_reg(%struct.host_regs* noundef %0, i32 noundef 2) #3, !dbg !36
  %7 = call i64 @map_page(i64 noundef %5, i64 noundef %6) #3, !dbg !37
  call void @set_ret(i64 noundef %7) #3, !dbg !38
  br label %12, !dbg !39

8:                                                ; preds = %1
  %9 = call i64 @get_reg(%struct.host_regs* noundef %0, i32 noundef 1) #3, !dbg !40
  call void @unmap_page(i64 noundef %9) #3, !dbg !41
  call void @set_ret(i64 noundef 0) #3, !dbg !42
  br label %12, !dbg !43

10:                                               ; preds = %1
  call void @set_ret(i64 noundef 1) #3, !dbg !44
  br label %12, !dbg !45

11:                                               ; preds = %1
  call void @log_unknown(i64 noundef %2) #3, !dbg !46
  br label %12, !dbg !47

12:                                               ; preds = %11, %10, %8, %4
  ret void, !dbg !48
}

declare !dbg !49 i64 @get_reg(%struct.host_regs* noundef, i32 noundef) local_unnamed_addr #1

declare !dbg !54 void @save_regs_addr(i64 noundef) local_unnamed_addr #1

declare !dbg !57 void @set_ret(i64 noundef) local_unnamed_addr #1

declare !dbg !58 i64 @map_page(i64 noundef, i64 noundef) local_unnamed_addr #1

declare !dbg !61 void @unmap_page(i64 noundef) local_unnamed_addr #1

declare !dbg !62 void @log_unknown(i64 noundef) local_unnamed_addr #1

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare void @llvm.dbg.value(metadata, metadata, metadata) #2

attributes #0 = { noinline nounwind uwtable "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-jump-tables"="true" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #1 = { "frame-pointer"="non-leaf" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #2 = { nofree nosync nounwind readnone speculatable willreturn }
attributes #3 = { nounwind }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!4, !5, !6, !7, !8, !9, !10, !11, !12, !13, !14}
!llvm.ident = !{!15}

!0 = distinct !DICompileUnit(language: DW_LANG_C99, file: !1, producer: "Debian clang version 14.0.6", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug, retainedTypes: !2, splitDebugInlining: false, nameTableKind: None)
!1 = !DIFile(filename: "hypercall.c", directory: ".", checksumkind: CSK_MD5, checksum: "25d09dabbb98235ae18cdc11fcc90dd4")
!2 = !{!3}
!3 = !DIBasicType(name: "unsigned long", size: 64, encoding: DW_ATE_unsigned)
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
!16 = distinct !DISubprogram(name: "dispatch", scope: !1, file: !1, line: 15, type: !17, scopeLine: 16, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !26)
!17 = !DISubroutineType(types: !18)
!18 = !{null, !19}
!19 = !DIDerivedType(tag: DW_TAG_pointer_type, baseType: !20, size: 64)
!20 = distinct !DICompositeType(tag: DW_TAG_structure_type, name: "host_regs", file: !1, line: 4, size: 256, elements: !21)
!21 = !{!22}
!22 = !DIDerivedType(tag: DW_TAG_member, name: "regs", scope: !20, file: !1, line: 5, baseType: !23, size: 256)
!23 = !DICompositeType(tag: DW_TAG_array_type, baseType: !3, size: 256, elements: !24)
!24 = !{!25}
!25 = !DISubrange(count: 4)
!26 = !{!27, !28}
!27 = !DILocalVariable(name: "r", arg: 1, scope: !16, file: !1, line: 15, type: !19)
!28 = !DILocalVariable(name: "call", scope: !16, file: !1, line: 17, type: !3)
!29 = !DILocation(line: 0, scope: !16)
!30 = !DILocation(line: 17, column: 23, scope: !16)
!31 = !DILocation(line: 18, column: 17, scope: !16)
!32 = !DILocation(line: 18, column: 2, scope: !16)
!33 = !DILocation(line: 19, column: 2, scope: !16)
!34 = !DILocation(line: 21, column: 20, scope: !35)
!35 = distinct !DILexicalBlock(scope: !16, file: !1, line: 19, column: 16)
!36 = !DILocation(line: 21, column: 35, scope: !35)
!37 = !DILocation(line: 21, column: 11, scope: !35)
!38 = !DILocation(line: 21, column: 3, scope: !35)
!39 = !DILocation(line: 22, column: 3, scope: !35)
!40 = !DILocation(line: 24, column: 14, scope: !35)
!41 = !DILocation(line: 24, column: 3, scope: !35)
!42 = !DILocation(line: 25, column: 3, scope: !35)
!43 = !DILocation(line: 26, column: 3, scope: !35)
!44 = !DILocation(line: 28, column: 3, scope: !35)
!45 = !DILocation(line: 29, column: 3, scope: !35)
!46 = !DILocation(line: 31, column: 3, scope: !35)
!47 = !DILocation(line: 32, column: 2, scope: !35)
!48 = !DILocation(line: 33, column: 1, scope: !16)
!49 = !DISubprogram(name: "get_reg", scope: !1, file: !1, line: 8, type: !50, flags: DIFlagPrototyped, spFlags: DISPFlagOptimized, retainedNodes: !53)
!50 = !DISubroutineType(types: !51)
!51 = !{!3, !19, !52}
!52 = !DIBasicType(name: "unsigned int", size: 32, encoding: DW_ATE_unsigned)
!53 = !{}
!54 = !DISubprogram(name: "save_regs_addr", scope: !1, file: !1, line: 9, type: !55, flags: DIFlagPrototyped, spFlags: DISPFlagOptimized, retainedNodes: !53)
!55 = !DISubroutineType(types: !56)
!56 = !{null, !3}
!57 = !DISubprogram(name: "set_ret", scope: !1, file: !1, line: 10, type: !55, flags: DIFlagPrototyped, spFlags: DISPFlagOptimized, retainedNodes: !53)
!58 = !DISubprogram(name: "map_page", scope: !1, file: !1, line: 11, type: !59, flags: DIFlagPrototyped, spFlags: DISPFlagOptimized, retainedNodes: !53)
!59 = !DISubroutineType(types: !60)
!60 = !{!3, !3, !3}
!61 = !DISubprogram(name: "unmap_page", scope: !1, file: !1, line: 12, type: !55, flags: DIFlagPrototyped, spFlags: DISPFlagOptimized, retainedNodes: !53)
!62 = !DISubprogram(name: "log_unknown", scope: !1, file: !1, line: 13, type: !55, flags: DIFlagPrototyped, spFlags: DISPFlagOptimized, retainedNodes: !53)
