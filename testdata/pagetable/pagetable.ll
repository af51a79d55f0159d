; ModuleID = 'pagetable.c'
source_filename = "pagetable.c"
target datalayout = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128"
target triple = "aarch64-unknown-linux-gnu"

@pt_l0 = dso_local local_unnamed_addr global [2 x [512 x i64]] zeroinitializer, align 8, !dbg !0
@pt_l1 = dso_local local_unnamed_addr global [2 x [512 x i64]] zeroinitializer, align 8, !dbg !8
@pt_l2 = dso_local local_unnamed_addr global [2 x [512 x i64]] zeroinitializer, align 8, !dbg !16
@pt_l3 = dso_local local_unnamed_addr global [2 x [512 x i64]] zeroinitializer, align 8, !dbg !18
@pool_next = dso_local local_unnamed_addr global [4 x i64] zeroinitializer, align 8, !dbg !20

; Function Attrs: mustprogress nofree noinline norecurse nosync nounwind readonly uwtable willreturn
define dso_local i64 @pt_load(i32 noundef %0, i64 noundef %1, i32 noundef %2) local_unnamed_addr #0 !dbg !37 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !41, metadata !DIExpression()), !dbg !44
  call void @llvm.dbg.value(metadata i64 %1, metadata !42, metadata !DIExpression()), !dbg !44
  call void @llvm.dbg.value(metadata i32 %2, metadata !43, metadata !DIExpression()), !dbg !44
  switch i32 %0, label %6 [
    i32 0, label %7
    i32 1, label %4
    i32 2, label %5
  ], !dbg !45

4:                                                ; preds = %3
  br label %7, !dbg !46

5:                                                ; preds = %3
  br label %7, !dbg !48

6:                                                ; preds = %3
  br label %7, !dbg !50

7:                                                ; preds = %3, %6, %5, %4
  %8 = phi [2 x [512 x i64]]* [ @pt_l3, %6 ], [ @pt_l2, %5 ], [ @pt_l1, %4 ], [ @pt_l0, %3 ]
  %9 = zext i32 %2 to i64, !dbg !44
  %10 = getelementptr inbounds [2 x [512 x i64]], [2 x [512 x i64]]* %8, i64 0, i64 %1, i64 %9, !dbg !44
  %11 = load i64, i64* %10, align 8, !dbg !44, !tbaa !51
  ret i64 %11, !dbg !55
}

; Function Attrs: mustprogress nofree noinline norecurse nosync nounwind uwtable willreturn writeonly
define dso_local void @pt_store(i32 noundef %0, i64 noundef %1, i32 noundef %2, i64 noundef %3) local_unnamed_addr #1 !dbg !56 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !60, metadata !DIExpression()), !dbg !64
  call void @llvm.dbg.value(metadata i64 %1, metadata !61, metadata !DIExpression()), !dbg !64
  call void @llvm.dbg.value(metadata i32 %2, metadata !62, metadata !DIExpression()), !dbg !64
  call void @llvm.dbg.value(metadata i64 %3, metadata !63, metadata !DIExpression()), !dbg !64
  switch i32 %0, label %7 [
    i32 0, label %8
    i32 1, label %5
    i32 2, label %6
  ], !dbg !65

5:                                                ; preds = %4
  br label %8, !dbg !66

6:                                                ; preds = %4
  br label %8, !dbg !69

7:                                                ; preds = %4
  br label %8

8:                                                ; preds = %4, %5, %7, %6
  %9 = phi [2 x [512 x i64]]* [ @pt_l1, %5 ], [ @pt_l3, %7 ], [ @pt_l2, %6 ], [ @pt_l0, %4 ]
  %10 = zext i32 %2 to i64, !dbg !71
  %11 = getelementptr inbounds [2 x [512 x i64]], [2 x [512 x i64]]* %9, i64 0, i64 %1, i64 %10, !dbg !71
  store i64 %3, i64* %11, align 8, !dbg !71, !tbaa !51
  ret void, !dbg !72
}

; Function Attrs: mustprogress nofree noinline norecurse nosync nounwind readonly uwtable willreturn
define dso_local i64 @get_pool_next(i32 noundef %0) local_unnamed_addr #0 !dbg !73 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !77, metadata !DIExpression()), !dbg !78
  %2 = zext i32 %0 to i64, !dbg !79
  %3 = getelementptr inbounds [4 x i64], [4 x i64]* @pool_next, i64 0, i64 %2, !dbg !79
  %4 = load i64, i64* %3, align 8, !dbg !79, !tbaa !51
  ret i64 %4, !dbg !80
}

; Function Attrs: mustprogress nofree noinline norecurse nosync nounwind uwtable willreturn writeonly
define dso_local void @set_pool_next(i32 noundef %0, i64 noundef %1) local_unnamed_addr #1 !dbg !81 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !85, metadata !DIExpression()), !dbg !87
  call void @llvm.dbg.value(metadata i64 %1, metadata !86, metadata !DIExpression()), !dbg !87
  %3 = zext i32 %0 to i64, !dbg !88
  %4 = getelementptr inbounds [4 x i64], [4 x i64]* @pool_next, i64 0, i64 %3, !dbg !88
  store i64 %1, i64* %4, align 8, !dbg !89, !tbaa !51
  ret void, !dbg !90
}

; Function Attrs: mustprogress nofree noinline norecurse nosync nounwind readnone uwtable willreturn
define dso_local i64 @pool_limit(i32 noundef %0) local_unnamed_addr #2 !dbg !91 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !93, metadata !DIExpression()), !dbg !94
  %2 = add i32 %0, -1, !dbg !95
  %3 = icmp ult i32 %2, 3, !dbg !95
  %4 = select i1 %3, i64 2, i64 0, !dbg !95
  ret i64 %4, !dbg !96
}

; Function Attrs: mustprogress nofree noinline norecurse nosync nounwind readnone uwtable willreturn
define dso_local i32 @pt_index(i64 noundef %0, i32 noundef %1) local_unnamed_addr #2 !dbg !97 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !101, metadata !DIExpression()), !dbg !103
  call void @llvm.dbg.value(metadata i32 %1, metadata !102, metadata !DIExpression()), !dbg !103
  %3 = mul i32 %1, -9, !dbg !104
  %4 = add i32 %3, 39, !dbg !105
  %5 = zext i32 %4 to i64, !dbg !106
  %6 = lshr i64 %0, %5, !dbg !106
  %7 = trunc i64 %6 to i32, !dbg !107
  %8 = and i32 %7, 511, !dbg !107
  ret i32 %8, !dbg !108
}

; Function Attrs: mustprogress nofree noinline norecurse nosync nounwind uwtable willreturn
define dso_local i64 @alloc_table(i32 noundef %0) local_unnamed_addr #3 !dbg !109 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !111, metadata !DIExpression()), !dbg !113
  %2 = call i64 @get_pool_next(i32 noundef %0), !dbg !114
  call void @llvm.dbg.value(metadata i64 %2, metadata !112, metadata !DIExpression()), !dbg !113
  %3 = call i64 @pool_limit(i32 noundef %0), !dbg !115
  %4 = icmp ult i64 %2, %3, !dbg !117
  br i1 %4, label %5, label %7, !dbg !118

5:                                                ; preds = %1
  %6 = add i64 %2, 1, !dbg !119
  call void @set_pool_next(i32 noundef %0, i64 noundef %6), !dbg !120
  br label %7, !dbg !121

7:                                                ; preds = %1, %5
  %8 = phi i64 [ %6, %5 ], [ 0, %1 ], !dbg !113
  ret i64 %8, !dbg !122
}

; Function Attrs: mustprogress nofree noinline norecurse nosync nounwind uwtable willreturn
define dso_local i64 @walk_next(i32 noundef %0, i64 noundef %1, i64 noundef %2, i32 noundef %3) local_unnamed_addr #3 !dbg !123 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !127, metadata !DIExpression()), !dbg !134
  call void @llvm.dbg.value(metadata i64 %1, metadata !128, metadata !DIExpression()), !dbg !134
  call void @llvm.dbg.value(metadata i64 %2, metadata !129, metadata !DIExpression()), !dbg !134
  call void @llvm.dbg.value(metadata i32 %3, metadata !130, metadata !DIExpression()), !dbg !134
  %5 = call i32 @pt_index(i64 noundef %2, i32 noundef %0), !dbg !135, !range !136
  call void @llvm.dbg.value(metadata i32 %5, metadata !131, metadata !DIExpression()), !dbg !134
  %6 = call i64 @pt_load(i32 noundef %0, i64 noundef %1, i32 noundef %5), !dbg !137
  call void @llvm.dbg.value(metadata i64 %6, metadata !132, metadata !DIExpression()), !dbg !134
  %7 = and i64 %6, 1, !dbg !138
  %8 = icmp eq i64 %7, 0, !dbg !138
  br i1 %8, label %12, label %9, !dbg !140

9:                                                ; preds = %4
  %10 = lshr i64 %6, 12, !dbg !141
  %11 = and i64 %10, 68719476735, !dbg !141
  br label %21, !dbg !142

12:                                               ; preds = %4
  %13 = icmp eq i32 %3, 0, !dbg !143
  br i1 %13, label %21, label %14, !dbg !145

14:                                               ; preds = %12
  %15 = add i32 %0, 1, !dbg !146
  %16 = call i64 @alloc_table(i32 noundef %15), !dbg !147
  call void @llvm.dbg.value(metadata i64 %16, metadata !133, metadata !DIExpression()), !dbg !134
  %17 = icmp eq i64 %16, 0, !dbg !148
  br i1 %17, label %21, label %18, !dbg !150

18:                                               ; preds = %14
  %19 = shl i64 %16, 12, !dbg !151
  %20 = or i64 %19, 3, !dbg !152
  call void @pt_store(i32 noundef %0, i64 noundef %1, i32 noundef %5, i64 noundef %20), !dbg !153
  br label %21, !dbg !154

21:                                               ; preds = %18, %14, %12, %9
  %22 = phi i64 [ %11, %9 ], [ 0, %12 ], [ %16, %18 ], [ 0, %14 ], !dbg !134
  ret i64 %22, !dbg !155
}

; Function Attrs: nofree noinline norecurse nosync nounwind uwtable
define dso_local i64 @walk_to_leaf(i32 noundef %0, i64 noundef %1, i32 noundef %2) local_unnamed_addr #4 !dbg !156 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !158, metadata !DIExpression()), !dbg !167
  call void @llvm.dbg.value(metadata i64 %1, metadata !159, metadata !DIExpression()), !dbg !167
  call void @llvm.dbg.value(metadata i32 %2, metadata !160, metadata !DIExpression()), !dbg !167
  %4 = zext i32 %0 to i64, !dbg !168
  call void @llvm.dbg.value(metadata i64 %4, metadata !161, metadata !DIExpression()), !dbg !167
  call void @llvm.dbg.value(metadata i32 0, metadata !162, metadata !DIExpression()), !dbg !169
  %5 = call i64 @walk_next(i32 noundef 0, i64 noundef %4, i64 noundef %1, i32 noundef %2), !dbg !170
  call void @llvm.dbg.value(metadata i64 %5, metadata !164, metadata !DIExpression()), !dbg !171
  %6 = icmp eq i64 %5, 0, !dbg !172
  %7 = add i64 %5, -1, !dbg !174
  %8 = select i1 %6, i64 %4, i64 %7, !dbg !174
  call void @llvm.dbg.value(metadata i64 %8, metadata !161, metadata !DIExpression()), !dbg !167
  call void @llvm.dbg.value(metadata i32 1, metadata !162, metadata !DIExpression()), !dbg !169
  br i1 %6, label %23, label %9

9:                                                ; preds = %3, %14
  %10 = phi i32 [ %19, %14 ], [ 1, %3 ]
  %11 = phi i64 [ %18, %14 ], [ %8, %3 ]
  %12 = phi i32 [ %10, %14 ], [ 0, %3 ]
  call void @llvm.dbg.value(metadata i32 %12, metadata !162, metadata !DIExpression()), !dbg !169
  call void @llvm.dbg.value(metadata i32 %10, metadata !162, metadata !DIExpression()), !dbg !169
  call void @llvm.dbg.value(metadata i64 %11, metadata !161, metadata !DIExpression()), !dbg !167
  %13 = icmp eq i32 %10, 3, !dbg !175
  br i1 %13, label %20, label %14, !dbg !176, !llvm.loop !177

14:                                               ; preds = %9
  call void @llvm.dbg.value(metadata i32 %10, metadata !162, metadata !DIExpression()), !dbg !169
  call void @llvm.dbg.value(metadata i64 %11, metadata !161, metadata !DIExpression()), !dbg !167
  %15 = call i64 @walk_next(i32 noundef %10, i64 noundef %11, i64 noundef %1, i32 noundef %2), !dbg !170
  call void @llvm.dbg.value(metadata i64 %15, metadata !164, metadata !DIExpression()), !dbg !171
  %16 = icmp eq i64 %15, 0, !dbg !172
  %17 = add i64 %15, -1, !dbg !174
  %18 = select i1 %16, i64 %11, i64 %17, !dbg !174
  call void @llvm.dbg.value(metadata i64 %18, metadata !161, metadata !DIExpression()), !dbg !167
  %19 = add nuw nsw i32 %10, 1, !dbg !181
  call void @llvm.dbg.value(metadata i32 %19, metadata !162, metadata !DIExpression()), !dbg !169
  br i1 %16, label %20, label %9, !llvm.loop !177

20:                                               ; preds = %9, %14
  %21 = phi i64 [ %18, %14 ], [ %11, %9 ]
  %22 = icmp ult i32 %12, 2, !dbg !175
  br label %23

23:                                               ; preds = %20, %3
  %24 = phi i64 [ %8, %3 ], [ %21, %20 ], !dbg !174
  %25 = phi i1 [ true, %3 ], [ %22, %20 ], !dbg !175
  call void @llvm.dbg.value(metadata i64 %24, metadata !161, metadata !DIExpression()), !dbg !167
  %26 = add i64 %24, 1
  %27 = select i1 %25, i64 0, i64 %26
  ret i64 %27, !dbg !182
}

; Function Attrs: nofree noinline norecurse nosync nounwind uwtable
define dso_local i64 @get_leaf(i32 noundef %0, i64 noundef %1) local_unnamed_addr #4 !dbg !183 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !187, metadata !DIExpression()), !dbg !190
  call void @llvm.dbg.value(metadata i64 %1, metadata !188, metadata !DIExpression()), !dbg !190
  %3 = call i64 @walk_to_leaf(i32 noundef %0, i64 noundef %1, i32 noundef 0), !dbg !191
  call void @llvm.dbg.value(metadata i64 %3, metadata !189, metadata !DIExpression()), !dbg !190
  %4 = icmp eq i64 %3, 0, !dbg !192
  br i1 %4, label %9, label %5, !dbg !194

5:                                                ; preds = %2
  %6 = add i64 %3, -1, !dbg !195
  %7 = call i32 @pt_index(i64 noundef %1, i32 noundef 3), !dbg !196, !range !136
  %8 = call i64 @pt_load(i32 noundef 3, i64 noundef %6, i32 noundef %7), !dbg !197
  br label %9, !dbg !198

9:                                                ; preds = %2, %5
  %10 = phi i64 [ %8, %5 ], [ 0, %2 ], !dbg !190
  ret i64 %10, !dbg !199
}

; Function Attrs: nofree noinline norecurse nosync nounwind uwtable
define dso_local i32 @set_leaf(i32 noundef %0, i64 noundef %1, i64 noundef %2) local_unnamed_addr #4 !dbg !200 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !204, metadata !DIExpression()), !dbg !208
  call void @llvm.dbg.value(metadata i64 %1, metadata !205, metadata !DIExpression()), !dbg !208
  call void @llvm.dbg.value(metadata i64 %2, metadata !206, metadata !DIExpression()), !dbg !208
  %4 = call i64 @walk_to_leaf(i32 noundef %0, i64 noundef %1, i32 noundef 1), !dbg !209
  call void @llvm.dbg.value(metadata i64 %4, metadata !207, metadata !DIExpression()), !dbg !208
  %5 = icmp eq i64 %4, 0, !dbg !210
  br i1 %5, label %11, label %6, !dbg !212

6:                                                ; preds = %3
  %7 = add i64 %4, -1, !dbg !213
  %8 = call i32 @pt_index(i64 noundef %1, i32 noundef 3), !dbg !214, !range !136
  %9 = and i64 %2, 281474976706560, !dbg !215
  %10 = or i64 %9, 3, !dbg !216
  call void @pt_store(i32 noundef 3, i64 noundef %7, i32 noundef %8, i64 noundef %10), !dbg !217
  br label %11, !dbg !218

11:                                               ; preds = %3, %6
  %12 = phi i32 [ 0, %6 ], [ 1, %3 ], !dbg !208
  ret i32 %12, !dbg !219
}

; Function Attrs: nofree noinline norecurse nosync nounwind uwtable
define dso_local i64 @clear_leaf(i32 noundef %0, i64 noundef %1) local_unnamed_addr #4 !dbg !220 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !222, metadata !DIExpression()), !dbg !227
  call void @llvm.dbg.value(metadata i64 %1, metadata !223, metadata !DIExpression()), !dbg !227
  %3 = call i64 @walk_to_leaf(i32 noundef %0, i64 noundef %1, i32 noundef 0), !dbg !228
  call void @llvm.dbg.value(metadata i64 %3, metadata !224, metadata !DIExpression()), !dbg !227
  %4 = icmp eq i64 %3, 0, !dbg !229
  br i1 %4, label %9, label %5, !dbg !231

5:                                                ; preds = %2
  %6 = call i32 @pt_index(i64 noundef %1, i32 noundef 3), !dbg !232, !range !136
  call void @llvm.dbg.value(metadata i32 %6, metadata !225, metadata !DIExpression()), !dbg !227
  %7 = add i64 %3, -1, !dbg !233
  %8 = call i64 @pt_load(i32 noundef 3, i64 noundef %7, i32 noundef %6), !dbg !234
  call void @llvm.dbg.value(metadata i64 %8, metadata !226, metadata !DIExpression()), !dbg !227
  call void @pt_store(i32 noundef 3, i64 noundef %7, i32 noundef %6, i64 noundef 0), !dbg !235
  br label %9

9:                                                ; preds = %2, %5
  %10 = phi i64 [ %8, %5 ], [ 0, %2 ], !dbg !227
  ret i64 %10, !dbg !236
}

; Function Attrs: noinline nounwind uwtable
define dso_local i32 @map_page(i32 noundef %0, i64 noundef %1, i64 noundef %2) local_unnamed_addr #5 !dbg !237 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !239, metadata !DIExpression()), !dbg !243
  call void @llvm.dbg.value(metadata i64 %1, metadata !240, metadata !DIExpression()), !dbg !243
  call void @llvm.dbg.value(metadata i64 %2, metadata !241, metadata !DIExpression()), !dbg !243
  %4 = icmp ult i32 %0, 2, !dbg !244
  %5 = and i64 %1, -2093057, !dbg !246
  %6 = and i64 %2, -281474976706561
  %7 = or i64 %6, %5, !dbg !246
  %8 = icmp eq i64 %7, 0, !dbg !246
  %9 = and i1 %4, %8, !dbg !246
  br i1 %9, label %10, label %18, !dbg !246

10:                                               ; preds = %3
  call void @acquire_lock_s2pt(i32 noundef %0) #8, !dbg !247
  %11 = call i64 @get_leaf(i32 noundef %0, i64 noundef %1), !dbg !248
  %12 = and i64 %11, 1, !dbg !250
  %13 = icmp eq i64 %12, 0, !dbg !250
  br i1 %13, label %14, label %16, !dbg !251

14:                                               ; preds = %10
  %15 = call i32 @set_leaf(i32 noundef %0, i64 noundef %1, i64 noundef %2), !dbg !252
  call void @llvm.dbg.value(metadata i32 %15, metadata !242, metadata !DIExpression()), !dbg !243
  br label %16

16:                                               ; preds = %10, %14
  %17 = phi i32 [ %15, %14 ], [ 1, %10 ], !dbg !253
  call void @llvm.dbg.value(metadata i32 %17, metadata !242, metadata !DIExpression()), !dbg !243
  call void @release_lock_s2pt(i32 noundef %0) #8, !dbg !254
  br label %18, !dbg !255

18:                                               ; preds = %3, %16
  %19 = phi i32 [ %17, %16 ], [ 2, %3 ], !dbg !243
  ret i32 %19, !dbg !256
}

declare !dbg !257 void @acquire_lock_s2pt(i32 noundef) local_unnamed_addr #6

declare !dbg !261 void @release_lock_s2pt(i32 noundef) local_unnamed_addr #6

; Function Attrs: noinline nounwind uwtable
define dso_local i32 @unmap_page(i32 noundef %0, i64 noundef %1) local_unnamed_addr #5 !dbg !262 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !266, metadata !DIExpression()), !dbg !269
  call void @llvm.dbg.value(metadata i64 %1, metadata !267, metadata !DIExpression()), !dbg !269
  call void @llvm.dbg.value(metadata i32 1, metadata !268, metadata !DIExpression()), !dbg !269
  %3 = icmp ult i32 %0, 2, !dbg !270
  %4 = and i64 %1, -2093057, !dbg !272
  %5 = icmp eq i64 %4, 0, !dbg !272
  %6 = and i1 %3, %5, !dbg !272
  br i1 %6, label %7, label %14, !dbg !272

7:                                                ; preds = %2
  call void @acquire_lock_s2pt(i32 noundef %0) #8, !dbg !273
  %8 = call i64 @clear_leaf(i32 noundef %0, i64 noundef %1), !dbg !274
  %9 = and i64 %8, 1, !dbg !276
  %10 = icmp eq i64 %9, 0, !dbg !276
  br i1 %10, label %12, label %11, !dbg !277

11:                                               ; preds = %7
  call void @tlb_flush_vmid_ipa(i32 noundef %0, i64 noundef %1) #8, !dbg !278
  call void @llvm.dbg.value(metadata i32 0, metadata !268, metadata !DIExpression()), !dbg !269
  br label %12, !dbg !280

12:                                               ; preds = %11, %7
  %13 = phi i32 [ 0, %11 ], [ 1, %7 ], !dbg !269
  call void @llvm.dbg.value(metadata i32 %13, metadata !268, metadata !DIExpression()), !dbg !269
  call void @release_lock_s2pt(i32 noundef %0) #8, !dbg !281
  br label %14, !dbg !282

14:                                               ; preds = %2, %12
  %15 = phi i32 [ %13, %12 ], [ 2, %2 ], !dbg !269
  ret i32 %15, !dbg !283
}

declare !dbg !284 void @tlb_flush_vmid_ipa(i32 noundef, i64 noundef) local_unnamed_addr #6

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare void @llvm.dbg.value(metadata, metadata, metadata) #7

attributes #0 = { mustprogress nofree noinline norecurse nosync nounwind readonly uwtable willreturn "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-jump-tables"="true" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #1 = { mustprogress nofree noinline norecurse nosync nounwind uwtable willreturn writeonly "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-jump-tables"="true" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #2 = { mustprogress nofree noinline norecurse nosync nounwind readnone uwtable willreturn "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-jump-tables"="true" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #3 = { mustprogress nofree noinline norecurse nosync nounwind uwtable willreturn "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-jump-tables"="true" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #4 = { nofree noinline norecurse nosync nounwind uwtable "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-jump-tables"="true" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #5 = { noinline nounwind uwtable "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-jump-tables"="true" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #6 = { "frame-pointer"="non-leaf" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #7 = { nofree nosync nounwind readnone speculatable willreturn }
attributes #8 = { nounwind }

!llvm.dbg.cu = !{!2}
!llvm.module.flags = !{!25, !26, !27, !28, !29, !30, !31, !32, !33, !34, !35}
!llvm.ident = !{!36}

!0 = !DIGlobalVariableExpression(var: !1, expr: !DIExpression())
!1 = distinct !DIGlobalVariable(name: "pt_l0", scope: !2, file: !3, line: 40, type: !10, isLocal: false, isDefinition: true)
!2 = distinct !DICompileUnit(language: DW_LANG_C99, file: !3, producer: "Debian clang version 14.0.6", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug, retainedTypes: !4, globals: !7, splitDebugInlining: false, nameTableKind: None)
!3 = !DIFile(filename: "pagetable.c", directory: "/work/main/testdata/pagetable", checksumkind: CSK_MD5, checksum: "e4a951849cafd4c98f06b616d8e0e2a8")
!4 = !{!5}
!5 = !DIDerivedType(tag: DW_TAG_typedef, name: "u32", file: !3, line: 20, baseType: !6)
!6 = !DIBasicType(name: "unsigned int", size: 32, encoding: DW_ATE_unsigned)
!7 = !{!0, !8, !16, !18, !20}
!8 = !DIGlobalVariableExpression(var: !9, expr: !DIExpression())
!9 = distinct !DIGlobalVariable(name: "pt_l1", scope: !2, file: !3, line: 41, type: !10, isLocal: false, isDefinition: true)
!10 = !DICompositeType(tag: DW_TAG_array_type, baseType: !11, size: 65536, elements: !13)
!11 = !DIDerivedType(tag: DW_TAG_typedef, name: "u64", file: !3, line: 19, baseType: !12)
!12 = !DIBasicType(name: "unsigned long", size: 64, encoding: DW_ATE_unsigned)
!13 = !{!14, !15}
!14 = !DISubrange(count: 2)
!15 = !DISubrange(count: 512)
!16 = !DIGlobalVariableExpression(var: !17, expr: !DIExpression())
!17 = distinct !DIGlobalVariable(name: "pt_l2", scope: !2, file: !3, line: 42, type: !10, isLocal: false, isDefinition: true)
!18 = !DIGlobalVariableExpression(var: !19, expr: !DIExpression())
!19 = distinct !DIGlobalVariable(name: "pt_l3", scope: !2, file: !3, line: 43, type: !10, isLocal: false, isDefinition: true)
!20 = !DIGlobalVariableExpression(var: !21, expr: !DIExpression())
!21 = distinct !DIGlobalVariable(name: "pool_next", scope: !2, file: !3, line: 44, type: !22, isLocal: false, isDefinition: true)
!22 = !DICompositeType(tag: DW_TAG_array_type, baseType: !11, size: 256, elements: !23)
!23 = !{!24}
!24 = !DISubrange(count: 4)
!25 = !{i32 7, !"Dwarf Version", i32 5}
!26 = !{i32 2, !"Debug Info Version", i32 3}
!27 = !{i32 1, !"wchar_size", i32 4}
!28 = !{i32 1, !"branch-target-enforcement", i32 0}
!29 = !{i32 1, !"sign-return-address", i32 0}
!30 = !{i32 1, !"sign-return-address-all", i32 0}
!31 = !{i32 1, !"sign-return-address-with-bkey", i32 0}
!32 = !{i32 7, !"PIC Level", i32 2}
!33 = !{i32 7, !"PIE Level", i32 2}
!34 = !{i32 7, !"uwtable", i32 1}
!35 = !{i32 7, !"frame-pointer", i32 1}
!36 = !{!"Debian clang version 14.0.6"}
!37 = distinct !DISubprogram(name: "pt_load", scope: !3, file: !3, line: 47, type: !38, scopeLine: 48, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !40)
!38 = !DISubroutineType(types: !39)
!39 = !{!11, !5, !11, !5}
!40 = !{!41, !42, !43}
!41 = !DILocalVariable(name: "level", arg: 1, scope: !37, file: !3, line: 47, type: !5)
!42 = !DILocalVariable(name: "tbl", arg: 2, scope: !37, file: !3, line: 47, type: !11)
!43 = !DILocalVariable(name: "idx", arg: 3, scope: !37, file: !3, line: 47, type: !5)
!44 = !DILocation(line: 0, scope: !37)
!45 = !DILocation(line: 49, column: 6, scope: !37)
!46 = !DILocation(line: 52, column: 3, scope: !47)
!47 = distinct !DILexicalBlock(scope: !37, file: !3, line: 51, column: 6)
!48 = !DILocation(line: 54, column: 3, scope: !49)
!49 = distinct !DILexicalBlock(scope: !37, file: !3, line: 53, column: 6)
!50 = !DILocation(line: 55, column: 2, scope: !37)
!51 = !{!52, !52, i64 0}
!52 = !{!"long", !53, i64 0}
!53 = !{!"omnipotent char", !54, i64 0}
!54 = !{!"Simple C/C++ TBAA"}
!55 = !DILocation(line: 56, column: 1, scope: !37)
!56 = distinct !DISubprogram(name: "pt_store", scope: !3, file: !3, line: 58, type: !57, scopeLine: 59, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !59)
!57 = !DISubroutineType(types: !58)
!58 = !{null, !5, !11, !5, !11}
!59 = !{!60, !61, !62, !63}
!60 = !DILocalVariable(name: "level", arg: 1, scope: !56, file: !3, line: 58, type: !5)
!61 = !DILocalVariable(name: "tbl", arg: 2, scope: !56, file: !3, line: 58, type: !11)
!62 = !DILocalVariable(name: "idx", arg: 3, scope: !56, file: !3, line: 58, type: !5)
!63 = !DILocalVariable(name: "val", arg: 4, scope: !56, file: !3, line: 58, type: !11)
!64 = !DILocation(line: 0, scope: !56)
!65 = !DILocation(line: 60, column: 6, scope: !56)
!66 = !DILocation(line: 63, column: 3, scope: !67)
!67 = distinct !DILexicalBlock(scope: !68, file: !3, line: 62, column: 11)
!68 = distinct !DILexicalBlock(scope: !56, file: !3, line: 60, column: 6)
!69 = !DILocation(line: 65, column: 3, scope: !70)
!70 = distinct !DILexicalBlock(scope: !67, file: !3, line: 64, column: 11)
!71 = !DILocation(line: 0, scope: !68)
!72 = !DILocation(line: 68, column: 1, scope: !56)
!73 = distinct !DISubprogram(name: "get_pool_next", scope: !3, file: !3, line: 70, type: !74, scopeLine: 71, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !76)
!74 = !DISubroutineType(types: !75)
!75 = !{!11, !5}
!76 = !{!77}
!77 = !DILocalVariable(name: "level", arg: 1, scope: !73, file: !3, line: 70, type: !5)
!78 = !DILocation(line: 0, scope: !73)
!79 = !DILocation(line: 72, column: 9, scope: !73)
!80 = !DILocation(line: 72, column: 2, scope: !73)
!81 = distinct !DISubprogram(name: "set_pool_next", scope: !3, file: !3, line: 75, type: !82, scopeLine: 76, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !84)
!82 = !DISubroutineType(types: !83)
!83 = !{null, !5, !11}
!84 = !{!85, !86}
!85 = !DILocalVariable(name: "level", arg: 1, scope: !81, file: !3, line: 75, type: !5)
!86 = !DILocalVariable(name: "next", arg: 2, scope: !81, file: !3, line: 75, type: !11)
!87 = !DILocation(line: 0, scope: !81)
!88 = !DILocation(line: 77, column: 2, scope: !81)
!89 = !DILocation(line: 77, column: 19, scope: !81)
!90 = !DILocation(line: 78, column: 1, scope: !81)
!91 = distinct !DISubprogram(name: "pool_limit", scope: !3, file: !3, line: 80, type: !74, scopeLine: 81, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !92)
!92 = !{!93}
!93 = !DILocalVariable(name: "level", arg: 1, scope: !91, file: !3, line: 80, type: !5)
!94 = !DILocation(line: 0, scope: !91)
!95 = !DILocation(line: 82, column: 6, scope: !91)
!96 = !DILocation(line: 89, column: 1, scope: !91)
!97 = distinct !DISubprogram(name: "pt_index", scope: !3, file: !3, line: 91, type: !98, scopeLine: 92, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !100)
!98 = !DISubroutineType(types: !99)
!99 = !{!5, !11, !5}
!100 = !{!101, !102}
!101 = !DILocalVariable(name: "ipa", arg: 1, scope: !97, file: !3, line: 91, type: !11)
!102 = !DILocalVariable(name: "level", arg: 2, scope: !97, file: !3, line: 91, type: !5)
!103 = !DILocation(line: 0, scope: !97)
!104 = !DILocation(line: 93, column: 31, scope: !97)
!105 = !DILocation(line: 93, column: 27, scope: !97)
!106 = !DILocation(line: 93, column: 20, scope: !97)
!107 = !DILocation(line: 93, column: 9, scope: !97)
!108 = !DILocation(line: 93, column: 2, scope: !97)
!109 = distinct !DISubprogram(name: "alloc_table", scope: !3, file: !3, line: 99, type: !74, scopeLine: 100, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !110)
!110 = !{!111, !112}
!111 = !DILocalVariable(name: "level", arg: 1, scope: !109, file: !3, line: 99, type: !5)
!112 = !DILocalVariable(name: "next", scope: !109, file: !3, line: 101, type: !11)
!113 = !DILocation(line: 0, scope: !109)
!114 = !DILocation(line: 101, column: 13, scope: !109)
!115 = !DILocation(line: 102, column: 14, scope: !116)
!116 = distinct !DILexicalBlock(scope: !109, file: !3, line: 102, column: 6)
!117 = !DILocation(line: 102, column: 11, scope: !116)
!118 = !DILocation(line: 102, column: 6, scope: !109)
!119 = !DILocation(line: 104, column: 28, scope: !109)
!120 = !DILocation(line: 104, column: 2, scope: !109)
!121 = !DILocation(line: 105, column: 2, scope: !109)
!122 = !DILocation(line: 106, column: 1, scope: !109)
!123 = distinct !DISubprogram(name: "walk_next", scope: !3, file: !3, line: 111, type: !124, scopeLine: 112, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !126)
!124 = !DISubroutineType(types: !125)
!125 = !{!11, !5, !11, !11, !5}
!126 = !{!127, !128, !129, !130, !131, !132, !133}
!127 = !DILocalVariable(name: "level", arg: 1, scope: !123, file: !3, line: 111, type: !5)
!128 = !DILocalVariable(name: "tbl", arg: 2, scope: !123, file: !3, line: 111, type: !11)
!129 = !DILocalVariable(name: "ipa", arg: 3, scope: !123, file: !3, line: 111, type: !11)
!130 = !DILocalVariable(name: "alloc", arg: 4, scope: !123, file: !3, line: 111, type: !5)
!131 = !DILocalVariable(name: "idx", scope: !123, file: !3, line: 113, type: !5)
!132 = !DILocalVariable(name: "desc", scope: !123, file: !3, line: 114, type: !11)
!133 = !DILocalVariable(name: "fresh", scope: !123, file: !3, line: 119, type: !11)
!134 = !DILocation(line: 0, scope: !123)
!135 = !DILocation(line: 113, column: 12, scope: !123)
!136 = !{i32 0, i32 512}
!137 = !DILocation(line: 114, column: 13, scope: !123)
!138 = !DILocation(line: 115, column: 11, scope: !139)
!139 = distinct !DILexicalBlock(scope: !123, file: !3, line: 115, column: 6)
!140 = !DILocation(line: 115, column: 6, scope: !123)
!141 = !DILocation(line: 116, column: 29, scope: !139)
!142 = !DILocation(line: 116, column: 3, scope: !139)
!143 = !DILocation(line: 117, column: 7, scope: !144)
!144 = distinct !DILexicalBlock(scope: !123, file: !3, line: 117, column: 6)
!145 = !DILocation(line: 117, column: 6, scope: !123)
!146 = !DILocation(line: 119, column: 32, scope: !123)
!147 = !DILocation(line: 119, column: 14, scope: !123)
!148 = !DILocation(line: 120, column: 12, scope: !149)
!149 = distinct !DILexicalBlock(scope: !123, file: !3, line: 120, column: 6)
!150 = !DILocation(line: 120, column: 6, scope: !123)
!151 = !DILocation(line: 122, column: 35, scope: !123)
!152 = !DILocation(line: 122, column: 55, scope: !123)
!153 = !DILocation(line: 122, column: 2, scope: !123)
!154 = !DILocation(line: 123, column: 2, scope: !123)
!155 = !DILocation(line: 124, column: 1, scope: !123)
!156 = distinct !DISubprogram(name: "walk_to_leaf", scope: !3, file: !3, line: 128, type: !38, scopeLine: 129, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !157)
!157 = !{!158, !159, !160, !161, !162, !164}
!158 = !DILocalVariable(name: "vmid", arg: 1, scope: !156, file: !3, line: 128, type: !5)
!159 = !DILocalVariable(name: "ipa", arg: 2, scope: !156, file: !3, line: 128, type: !11)
!160 = !DILocalVariable(name: "alloc", arg: 3, scope: !156, file: !3, line: 128, type: !5)
!161 = !DILocalVariable(name: "tbl", scope: !156, file: !3, line: 130, type: !11)
!162 = !DILocalVariable(name: "level", scope: !163, file: !3, line: 131, type: !5)
!163 = distinct !DILexicalBlock(scope: !156, file: !3, line: 131, column: 2)
!164 = !DILocalVariable(name: "next", scope: !165, file: !3, line: 132, type: !11)
!165 = distinct !DILexicalBlock(scope: !166, file: !3, line: 131, column: 42)
!166 = distinct !DILexicalBlock(scope: !163, file: !3, line: 131, column: 2)
!167 = !DILocation(line: 0, scope: !156)
!168 = !DILocation(line: 130, column: 12, scope: !156)
!169 = !DILocation(line: 0, scope: !163)
!170 = !DILocation(line: 132, column: 14, scope: !165)
!171 = !DILocation(line: 0, scope: !165)
!172 = !DILocation(line: 133, column: 12, scope: !173)
!173 = distinct !DILexicalBlock(scope: !165, file: !3, line: 133, column: 7)
!174 = !DILocation(line: 133, column: 7, scope: !165)
!175 = !DILocation(line: 131, column: 28, scope: !166)
!176 = !DILocation(line: 131, column: 2, scope: !163)
!177 = distinct !{!177, !176, !178, !179, !180}
!178 = !DILocation(line: 136, column: 2, scope: !163)
!179 = !{!"llvm.loop.mustprogress"}
!180 = !{!"llvm.loop.unroll.disable"}
!181 = !DILocation(line: 131, column: 38, scope: !166)
!182 = !DILocation(line: 138, column: 1, scope: !156)
!183 = distinct !DISubprogram(name: "get_leaf", scope: !3, file: !3, line: 141, type: !184, scopeLine: 142, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !186)
!184 = !DISubroutineType(types: !185)
!185 = !{!11, !5, !11}
!186 = !{!187, !188, !189}
!187 = !DILocalVariable(name: "vmid", arg: 1, scope: !183, file: !3, line: 141, type: !5)
!188 = !DILocalVariable(name: "ipa", arg: 2, scope: !183, file: !3, line: 141, type: !11)
!189 = !DILocalVariable(name: "t", scope: !183, file: !3, line: 143, type: !11)
!190 = !DILocation(line: 0, scope: !183)
!191 = !DILocation(line: 143, column: 10, scope: !183)
!192 = !DILocation(line: 144, column: 8, scope: !193)
!193 = distinct !DILexicalBlock(scope: !183, file: !3, line: 144, column: 6)
!194 = !DILocation(line: 144, column: 6, scope: !183)
!195 = !DILocation(line: 146, column: 22, scope: !183)
!196 = !DILocation(line: 146, column: 27, scope: !183)
!197 = !DILocation(line: 146, column: 9, scope: !183)
!198 = !DILocation(line: 146, column: 2, scope: !183)
!199 = !DILocation(line: 147, column: 1, scope: !183)
!200 = distinct !DISubprogram(name: "set_leaf", scope: !3, file: !3, line: 150, type: !201, scopeLine: 151, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !203)
!201 = !DISubroutineType(types: !202)
!202 = !{!5, !5, !11, !11}
!203 = !{!204, !205, !206, !207}
!204 = !DILocalVariable(name: "vmid", arg: 1, scope: !200, file: !3, line: 150, type: !5)
!205 = !DILocalVariable(name: "ipa", arg: 2, scope: !200, file: !3, line: 150, type: !11)
!206 = !DILocalVariable(name: "pa", arg: 3, scope: !200, file: !3, line: 150, type: !11)
!207 = !DILocalVariable(name: "t", scope: !200, file: !3, line: 152, type: !11)
!208 = !DILocation(line: 0, scope: !200)
!209 = !DILocation(line: 152, column: 10, scope: !200)
!210 = !DILocation(line: 153, column: 8, scope: !211)
!211 = distinct !DILexicalBlock(scope: !200, file: !3, line: 153, column: 6)
!212 = !DILocation(line: 153, column: 6, scope: !200)
!213 = !DILocation(line: 155, column: 16, scope: !200)
!214 = !DILocation(line: 155, column: 21, scope: !200)
!215 = !DILocation(line: 155, column: 43, scope: !200)
!216 = !DILocation(line: 155, column: 69, scope: !200)
!217 = !DILocation(line: 155, column: 2, scope: !200)
!218 = !DILocation(line: 156, column: 2, scope: !200)
!219 = !DILocation(line: 157, column: 1, scope: !200)
!220 = distinct !DISubprogram(name: "clear_leaf", scope: !3, file: !3, line: 160, type: !184, scopeLine: 161, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !221)
!221 = !{!222, !223, !224, !225, !226}
!222 = !DILocalVariable(name: "vmid", arg: 1, scope: !220, file: !3, line: 160, type: !5)
!223 = !DILocalVariable(name: "ipa", arg: 2, scope: !220, file: !3, line: 160, type: !11)
!224 = !DILocalVariable(name: "t", scope: !220, file: !3, line: 162, type: !11)
!225 = !DILocalVariable(name: "idx", scope: !220, file: !3, line: 165, type: !5)
!226 = !DILocalVariable(name: "old", scope: !220, file: !3, line: 166, type: !11)
!227 = !DILocation(line: 0, scope: !220)
!228 = !DILocation(line: 162, column: 10, scope: !220)
!229 = !DILocation(line: 163, column: 8, scope: !230)
!230 = distinct !DILexicalBlock(scope: !220, file: !3, line: 163, column: 6)
!231 = !DILocation(line: 163, column: 6, scope: !220)
!232 = !DILocation(line: 165, column: 12, scope: !220)
!233 = !DILocation(line: 166, column: 25, scope: !220)
!234 = !DILocation(line: 166, column: 12, scope: !220)
!235 = !DILocation(line: 167, column: 2, scope: !220)
!236 = !DILocation(line: 169, column: 1, scope: !220)
!237 = distinct !DISubprogram(name: "map_page", scope: !3, file: !3, line: 173, type: !201, scopeLine: 174, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !238)
!238 = !{!239, !240, !241, !242}
!239 = !DILocalVariable(name: "vmid", arg: 1, scope: !237, file: !3, line: 173, type: !5)
!240 = !DILocalVariable(name: "ipa", arg: 2, scope: !237, file: !3, line: 173, type: !11)
!241 = !DILocalVariable(name: "pa", arg: 3, scope: !237, file: !3, line: 173, type: !11)
!242 = !DILocalVariable(name: "ret", scope: !237, file: !3, line: 175, type: !5)
!243 = !DILocation(line: 0, scope: !237)
!244 = !DILocation(line: 176, column: 11, scope: !245)
!245 = distinct !DILexicalBlock(scope: !237, file: !3, line: 176, column: 6)
!246 = !DILocation(line: 176, column: 21, scope: !245)
!247 = !DILocation(line: 178, column: 2, scope: !237)
!248 = !DILocation(line: 179, column: 6, scope: !249)
!249 = distinct !DILexicalBlock(scope: !237, file: !3, line: 179, column: 6)
!250 = !DILocation(line: 179, column: 26, scope: !249)
!251 = !DILocation(line: 179, column: 6, scope: !237)
!252 = !DILocation(line: 182, column: 9, scope: !249)
!253 = !DILocation(line: 0, scope: !249)
!254 = !DILocation(line: 183, column: 2, scope: !237)
!255 = !DILocation(line: 184, column: 2, scope: !237)
!256 = !DILocation(line: 185, column: 1, scope: !237)
!257 = !DISubprogram(name: "acquire_lock_s2pt", scope: !3, file: !3, line: 35, type: !258, flags: DIFlagPrototyped, spFlags: DISPFlagOptimized, retainedNodes: !260)
!258 = !DISubroutineType(types: !259)
!259 = !{null, !5}
!260 = !{}
!261 = !DISubprogram(name: "release_lock_s2pt", scope: !3, file: !3, line: 36, type: !258, flags: DIFlagPrototyped, spFlags: DISPFlagOptimized, retainedNodes: !260)
!262 = distinct !DISubprogram(name: "unmap_page", scope: !3, file: !3, line: 188, type: !263, scopeLine: 189, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !265)
!263 = !DISubroutineType(types: !264)
!264 = !{!5, !5, !11}
!265 = !{!266, !267, !268}
!266 = !DILocalVariable(name: "vmid", arg: 1, scope: !262, file: !3, line: 188, type: !5)
!267 = !DILocalVariable(name: "ipa", arg: 2, scope: !262, file: !3, line: 188, type: !11)
!268 = !DILocalVariable(name: "ret", scope: !262, file: !3, line: 190, type: !5)
!269 = !DILocation(line: 0, scope: !262)
!270 = !DILocation(line: 191, column: 11, scope: !271)
!271 = distinct !DILexicalBlock(scope: !262, file: !3, line: 191, column: 6)
!272 = !DILocation(line: 191, column: 21, scope: !271)
!273 = !DILocation(line: 193, column: 2, scope: !262)
!274 = !DILocation(line: 194, column: 6, scope: !275)
!275 = distinct !DILexicalBlock(scope: !262, file: !3, line: 194, column: 6)
!276 = !DILocation(line: 194, column: 28, scope: !275)
!277 = !DILocation(line: 194, column: 6, scope: !262)
!278 = !DILocation(line: 195, column: 3, scope: !279)
!279 = distinct !DILexicalBlock(scope: !275, file: !3, line: 194, column: 42)
!280 = !DILocation(line: 197, column: 2, scope: !279)
!281 = !DILocation(line: 198, column: 2, scope: !262)
!282 = !DILocation(line: 199, column: 2, scope: !262)
!283 = !DILocation(line: 200, column: 1, scope: !262)
!284 = !DISubprogram(name: "tlb_flush_vmid_ipa", scope: !3, file: !3, line: 37, type: !82, flags: DIFlagPrototyped, spFlags: DISPFlagOptimized, retainedNodes: !260)
