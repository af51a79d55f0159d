; ModuleID = 'choose.c'
source_filename = "choose.c"
target datalayout = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128"
target triple = "aarch64-unknown-linux-gnu"

%struct.data = type { i32, [4 x %struct.ctxt] }
%struct.ctxt = type { [8 x i64], i64, i64, i64 }

@data_start = external global %struct.data, align 8

; Function Attrs: mustprogress nofree noinline norecurse nosync nounwind readnone uwtable willreturn
define dso_local nonnull %struct.data* @data_address() local_unnamed_addr #0 !dbg !14 {
entry:
  ret %struct.data* @data_start, !dbg !37
}

; Function Attrs: noinline nounwind uwtable
define dso_local i64 @get_far(i32 noundef %vcpu) local_unnamed_addr #1 !dbg !38 {
entry:
  call void @llvm.dbg.value(metadata i32 %vcpu, metadata !42, metadata !DIExpression()), !dbg !43
  %call = call %struct.data* @get_data_start() #4, !dbg !44
  %idxprom = zext i32 %vcpu to i64, !dbg !44
  %far = getelementptr inbounds %struct.data, %struct.data* %call, i64 0, i32 1, i64 %idxprom, i32 1, !dbg !45
  %0 = load i64, i64* %far, align 8, !dbg !45, !tbaa !46
  ret i64 %0, !dbg !51
}

declare !dbg !52 %struct.data* @get_data_start() local_unnamed_addr #2

; Function Attrs: noinline nounwind uwtable
define dso_local i64 @get_ctxt(i32 noundef %vcpu, i32 noundef %index) local_unnamed_addr #1 !dbg !53 {
entry:
  call void @llvm.dbg.value(metadata i32 %vcpu, metadata !57, metadata !DIExpression()), !dbg !60
  call void @llvm.dbg.value(metadata i32 %index, metadata !58, metadata !DIExpression()), !dbg !60
  %call = call %struct.data* @get_data_start() #4, !dbg !61
  call void @llvm.dbg.value(metadata %struct.data* %call, metadata !59, metadata !DIExpression()), !dbg !60
  %cmp = icmp ult i32 %index, 8, !dbg !62
  br i1 %cmp, label %if.then, label %if.end, !dbg !64

if.then:                                          ; preds = %entry
  %idxprom = zext i32 %vcpu to i64, !dbg !65
  %idxprom1 = zext i32 %index to i64, !dbg !65
  %arrayidx2 = getelementptr inbounds %struct.data, %struct.data* %call, i64 0, i32 1, i64 %idxprom, i32 0, i64 %idxprom1, !dbg !65
  br label %cleanup, !dbg !66

if.end:                                           ; preds = %entry
  switch i32 %index, label %sw.default [
    i32 8, label %sw.bb
    i32 9, label %sw.bb6
  ], !dbg !67

sw.bb:                                            ; preds = %if.end
  %idxprom4 = zext i32 %vcpu to i64, !dbg !68
  %far = getelementptr inbounds %struct.data, %struct.data* %call, i64 0, i32 1, i64 %idxprom4, i32 1, !dbg !70
  br label %cleanup, !dbg !71

sw.bb6:                                           ; preds = %if.end
  %idxprom8 = zext i32 %vcpu to i64, !dbg !72
  %esr = getelementptr inbounds %struct.data, %struct.data* %call, i64 0, i32 1, i64 %idxprom8, i32 2, !dbg !73
  br label %cleanup, !dbg !74

sw.default:                                       ; preds = %if.end
  %idxprom11 = zext i32 %vcpu to i64, !dbg !75
  %flags = getelementptr inbounds %struct.data, %struct.data* %call, i64 0, i32 1, i64 %idxprom11, i32 3, !dbg !76
  br label %cleanup, !dbg !77

cleanup:                                          ; preds = %sw.default, %sw.bb6, %sw.bb, %if.then
  %retval.0.in = phi i64* [ %arrayidx2, %if.then ], [ %flags, %sw.default ], [ %esr, %sw.bb6 ], [ %far, %sw.bb ]
  %retval.0 = load i64, i64* %retval.0.in, align 8, !dbg !60, !tbaa !78
  ret i64 %retval.0, !dbg !79
}

; Function Attrs: noinline nounwind uwtable
define dso_local void @set_ctxt(i32 noundef %vcpu, i32 noundef %index, i64 noundef %v) local_unnamed_addr #1 !dbg !80 {
entry:
  call void @llvm.dbg.value(metadata i32 %vcpu, metadata !84, metadata !DIExpression()), !dbg !88
  call void @llvm.dbg.value(metadata i32 %index, metadata !85, metadata !DIExpression()), !dbg !88
  call void @llvm.dbg.value(metadata i64 %v, metadata !86, metadata !DIExpression()), !dbg !88
  %call = call %struct.data* @get_data_start() #4, !dbg !89
  call void @llvm.dbg.value(metadata %struct.data* %call, metadata !87, metadata !DIExpression()), !dbg !88
  %cmp = icmp ult i32 %index, 8, !dbg !90
  br i1 %cmp, label %if.then, label %if.else, !dbg !92

if.then:                                          ; preds = %entry
  %idxprom = zext i32 %vcpu to i64, !dbg !93
  %idxprom1 = zext i32 %index to i64, !dbg !93
  %arrayidx2 = getelementptr inbounds %struct.data, %struct.data* %call, i64 0, i32 1, i64 %idxprom, i32 0, i64 %idxprom1, !dbg !93
  br label %if.end19, !dbg !93

if.else:                                          ; preds = %entry
  switch i32 %index, label %if.else14 [
    i32 8, label %if.then4
    i32 9, label %if.then10
  ], !dbg !94

if.then4:                                         ; preds = %if.else
  %idxprom6 = zext i32 %vcpu to i64, !dbg !95
  %far = getelementptr inbounds %struct.data, %struct.data* %call, i64 0, i32 1, i64 %idxprom6, i32 1, !dbg !97
  br label %if.end19, !dbg !95

if.then10:                                        ; preds = %if.else
  %idxprom12 = zext i32 %vcpu to i64, !dbg !98
  %esr = getelementptr inbounds %struct.data, %struct.data* %call, i64 0, i32 1, i64 %idxprom12, i32 2, !dbg !100
  br label %if.end19, !dbg !98

if.else14:                                        ; preds = %if.else
  %idxprom16 = zext i32 %vcpu to i64, !dbg !101
  %flags = getelementptr inbounds %struct.data, %struct.data* %call, i64 0, i32 1, i64 %idxprom16, i32 3, !dbg !102
  br label %if.end19

if.end19:                                         ; preds = %if.then4, %if.else14, %if.then10, %if.then
  %far.sink = phi i64* [ %far, %if.then4 ], [ %flags, %if.else14 ], [ %esr, %if.then10 ], [ %arrayidx2, %if.then ]
  store i64 %v, i64* %far.sink, align 8, !dbg !103, !tbaa !78
  ret void, !dbg !104
}

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare void @llvm.dbg.value(metadata, metadata, metadata) #3

attributes #0 = { mustprogress nofree noinline norecurse nosync nounwind readnone uwtable willreturn "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-jump-tables"="true" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #1 = { noinline nounwind uwtable "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-jump-tables"="true" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #2 = { "frame-pointer"="non-leaf" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #3 = { nofree nosync nounwind readnone speculatable willreturn }
attributes #4 = { nounwind }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3, !4, !5, !6, !7, !8, !9, !10, !11, !12}
!llvm.ident = !{!13}

!0 = distinct !DICompileUnit(language: DW_LANG_C99, file: !1, producer: "Debian clang version 14.0.6", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug, splitDebugInlining: false, nameTableKind: None)
!1 = !DIFile(filename: "choose.c", directory: ".", checksumkind: CSK_MD5, checksum: "2bbae705b07f83fa8a78cd6def22aae8")
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
!14 = distinct !DISubprogram(name: "data_address", scope: !1, file: !1, line: 18, type: !15, scopeLine: 18, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !36)
!15 = !DISubroutineType(types: !16)
!16 = !{!17}
!17 = !DIDerivedType(tag: DW_TAG_pointer_type, baseType: !18, size: 64)
!18 = distinct !DICompositeType(tag: DW_TAG_structure_type, name: "data", file: !1, line: 9, size: 2880, elements: !19)
!19 = !{!20, !22}
!20 = !DIDerivedType(tag: DW_TAG_member, name: "count", scope: !18, file: !1, line: 10, baseType: !21, size: 32)
!21 = !DIBasicType(name: "unsigned int", size: 32, encoding: DW_ATE_unsigned)
!22 = !DIDerivedType(tag: DW_TAG_member, name: "ctxt", scope: !18, file: !1, line: 11, baseType: !23, size: 2816, offset: 64)
!23 = !DICompositeType(tag: DW_TAG_array_type, baseType: !24, size: 2816, elements: !34)
!24 = distinct !DICompositeType(tag: DW_TAG_structure_type, name: "ctxt", file: !1, line: 2, size: 704, elements: !25)
!25 = !{!26, !31, !32, !33}
!26 = !DIDerivedType(tag: DW_TAG_member, name: "regs", scope: !24, file: !1, line: 3, baseType: !27, size: 512)
!27 = !DICompositeType(tag: DW_TAG_array_type, baseType: !28, size: 512, elements: !29)
!28 = !DIBasicType(name: "unsigned long", size: 64, encoding: DW_ATE_unsigned)
!29 = !{!30}
!30 = !DISubrange(count: 8)
!31 = !DIDerivedType(tag: DW_TAG_member, name: "far", scope: !24, file: !1, line: 4, baseType: !28, size: 64, offset: 512)
!32 = !DIDerivedType(tag: DW_TAG_member, name: "esr", scope: !24, file: !1, line: 5, baseType: !28, size: 64, offset: 576)
!33 = !DIDerivedType(tag: DW_TAG_member, name: "flags", scope: !24, file: !1, line: 6, baseType: !28, size: 64, offset: 640)
!34 = !{!35}
!35 = !DISubrange(count: 4)
!36 = !{}
!37 = !DILocation(line: 18, column: 35, scope: !14)
!38 = distinct !DISubprogram(name: "get_far", scope: !1, file: !1, line: 21, type: !39, scopeLine: 22, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !41)
!39 = !DISubroutineType(types: !40)
!40 = !{!28, !21}
!41 = !{!42}
!42 = !DILocalVariable(name: "vcpu", arg: 1, scope: !38, file: !1, line: 21, type: !21)
!43 = !DILocation(line: 0, scope: !38)
!44 = !DILocation(line: 23, column: 9, scope: !38)
!45 = !DILocation(line: 23, column: 38, scope: !38)
!46 = !{!47, !50, i64 64}
!47 = !{!"ctxt", !48, i64 0, !50, i64 64, !50, i64 72, !50, i64 80}
!48 = !{!"omnipotent char", !49, i64 0}
!49 = !{!"Simple C/C++ TBAA"}
!50 = !{!"long", !48, i64 0}
!51 = !DILocation(line: 23, column: 2, scope: !38)
!52 = !DISubprogram(name: "get_data_start", scope: !1, file: !1, line: 17, type: !15, flags: DIFlagPrototyped, spFlags: DISPFlagOptimized, retainedNodes: !36)
!53 = distinct !DISubprogram(name: "get_ctxt", scope: !1, file: !1, line: 27, type: !54, scopeLine: 28, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !56)
!54 = !DISubroutineType(types: !55)
!55 = !{!28, !21, !21}
!56 = !{!57, !58, !59}
!57 = !DILocalVariable(name: "vcpu", arg: 1, scope: !53, file: !1, line: 27, type: !21)
!58 = !DILocalVariable(name: "index", arg: 2, scope: !53, file: !1, line: 27, type: !21)
!59 = !DILocalVariable(name: "d", scope: !53, file: !1, line: 29, type: !17)
!60 = !DILocation(line: 0, scope: !53)
!61 = !DILocation(line: 29, column: 19, scope: !53)
!62 = !DILocation(line: 30, column: 12, scope: !63)
!63 = distinct !DILexicalBlock(scope: !53, file: !1, line: 30, column: 6)
!64 = !DILocation(line: 30, column: 6, scope: !53)
!65 = !DILocation(line: 31, column: 10, scope: !63)
!66 = !DILocation(line: 31, column: 3, scope: !63)
!67 = !DILocation(line: 32, column: 2, scope: !53)
!68 = !DILocation(line: 34, column: 10, scope: !69)
!69 = distinct !DILexicalBlock(scope: !53, file: !1, line: 32, column: 17)
!70 = !DILocation(line: 34, column: 24, scope: !69)
!71 = !DILocation(line: 34, column: 3, scope: !69)
!72 = !DILocation(line: 36, column: 10, scope: !69)
!73 = !DILocation(line: 36, column: 24, scope: !69)
!74 = !DILocation(line: 36, column: 3, scope: !69)
!75 = !DILocation(line: 38, column: 10, scope: !69)
!76 = !DILocation(line: 38, column: 24, scope: !69)
!77 = !DILocation(line: 38, column: 3, scope: !69)
!78 = !{!50, !50, i64 0}
!79 = !DILocation(line: 40, column: 1, scope: !53)
!80 = distinct !DISubprogram(name: "set_ctxt", scope: !1, file: !1, line: 42, type: !81, scopeLine: 43, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !83)
!81 = !DISubroutineType(types: !82)
!82 = !{null, !21, !21, !28}
!83 = !{!84, !85, !86, !87}
!84 = !DILocalVariable(name: "vcpu", arg: 1, scope: !80, file: !1, line: 42, type: !21)
!85 = !DILocalVariable(name: "index", arg: 2, scope: !80, file: !1, line: 42, type: !21)
!86 = !DILocalVariable(name: "v", arg: 3, scope: !80, file: !1, line: 42, type: !28)
!87 = !DILocalVariable(name: "d", scope: !80, file: !1, line: 44, type: !17)
!88 = !DILocation(line: 0, scope: !80)
!89 = !DILocation(line: 44, column: 19, scope: !80)
!90 = !DILocation(line: 45, column: 12, scope: !91)
!91 = distinct !DILexicalBlock(scope: !80, file: !1, line: 45, column: 6)
!92 = !DILocation(line: 45, column: 6, scope: !80)
!93 = !DILocation(line: 46, column: 3, scope: !91)
!94 = !DILocation(line: 47, column: 11, scope: !91)
!95 = !DILocation(line: 48, column: 3, scope: !96)
!96 = distinct !DILexicalBlock(scope: !91, file: !1, line: 47, column: 11)
!97 = !DILocation(line: 48, column: 17, scope: !96)
!98 = !DILocation(line: 50, column: 3, scope: !99)
!99 = distinct !DILexicalBlock(scope: !96, file: !1, line: 49, column: 11)
!100 = !DILocation(line: 50, column: 17, scope: !99)
!101 = !DILocation(line: 52, column: 3, scope: !99)
!102 = !DILocation(line: 52, column: 17, scope: !99)
!103 = !DILocation(line: 0, scope: !91)
!104 = !DILocation(line: 53, column: 1, scope: !80)
