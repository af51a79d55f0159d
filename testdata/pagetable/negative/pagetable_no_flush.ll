; ModuleID = 'pagetable_no_flush.c'
source_filename = "pagetable_no_flush.c"
target datalayout = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128"
target triple = "aarch64-unknown-linux-gnu"

@pt_l0 = dso_local local_unnamed_addr global [2 x [512 x i64]] zeroinitializer, align 8, !dbg !0
@pt_l1 = dso_local local_unnamed_addr global [2 x [512 x i64]] zeroinitializer, align 8, !dbg !8
@pt_l2 = dso_local local_unnamed_addr global [2 x [512 x i64]] zeroinitializer, align 8, !dbg !16
@pt_l3 = dso_local local_unnamed_addr global [4 x [512 x i64]] zeroinitializer, align 8, !dbg !18
@pool_next = dso_local local_unnamed_addr global [4 x i64] zeroinitializer, align 8, !dbg !23
@switch.table.pool_limit = private unnamed_addr constant [3 x i64] [i64 2, i64 2, i64 4], align 8

; Function Attrs: mustprogress nofree noinline norecurse nosync nounwind readonly uwtable willreturn
define dso_local i64 @pt_load(i32 noundef %0, i64 noundef %1, i32 noundef %2) local_unnamed_addr #0 !dbg !39 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !43, metadata !DIExpression()), !dbg !46
  call void @llvm.dbg.value(metadata i64 %1, metadata !44, metadata !DIExpression()), !dbg !46
  call void @llvm.dbg.value(metadata i32 %2, metadata !45, metadata !DIExpression()), !dbg !46
  switch i32 %0, label %13 [
    i32 0, label %4
    i32 1, label %7
    i32 2, label %10
  ], !dbg !47

4:                                                ; preds = %3
  %5 = zext i32 %2 to i64, !dbg !48
  %6 = getelementptr inbounds [2 x [512 x i64]], [2 x [512 x i64]]* @pt_l0, i64 0, i64 %1, i64 %5, !dbg !48
  br label %16, !dbg !50

7:                                                ; preds = %3
  %8 = zext i32 %2 to i64, !dbg !51
  %9 = getelementptr inbounds [2 x [512 x i64]], [2 x [512 x i64]]* @pt_l1, i64 0, i64 %1, i64 %8, !dbg !51
  br label %16, !dbg !53

10:                                               ; preds = %3
  %11 = zext i32 %2 to i64, !dbg !54
  %12 = getelementptr inbounds [2 x [512 x i64]], [2 x [512 x i64]]* @pt_l2, i64 0, i64 %1, i64 %11, !dbg !54
  br label %16, !dbg !56

13:                                               ; preds = %3
  %14 = zext i32 %2 to i64, !dbg !57
  %15 = getelementptr inbounds [4 x [512 x i64]], [4 x [512 x i64]]* @pt_l3, i64 0, i64 %1, i64 %14, !dbg !57
  br label %16, !dbg !58

16:                                               ; preds = %13, %10, %7, %4
  %17 = phi i64* [ %6, %4 ], [ %9, %7 ], [ %12, %10 ], [ %15, %13 ]
  %18 = load i64, i64* %17, align 8, !dbg !46, !tbaa !59
  ret i64 %18, !dbg !63
}

; Function Attrs: mustprogress nofree noinline norecurse nosync nounwind uwtable willreturn writeonly
define dso_local void @pt_store(i32 noundef %0, i64 noundef %1, i32 noundef %2, i64 noundef %3) local_unnamed_addr #1 !dbg !64 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !68, metadata !DIExpression()), !dbg !72
  call void @llvm.dbg.value(metadata i64 %1, metadata !69, metadata !DIExpression()), !dbg !72
  call void @llvm.dbg.value(metadata i32 %2, metadata !70, metadata !DIExpression()), !dbg !72
  call void @llvm.dbg.value(metadata i64 %3, metadata !71, metadata !DIExpression()), !dbg !72
  switch i32 %0, label %14 [
    i32 0, label %5
    i32 1, label %8
    i32 2, label %11
  ], !dbg !73

5:                                                ; preds = %4
  %6 = zext i32 %2 to i64, !dbg !74
  %7 = getelementptr inbounds [2 x [512 x i64]], [2 x [512 x i64]]* @pt_l0, i64 0, i64 %1, i64 %6, !dbg !74
  br label %17, !dbg !74

8:                                                ; preds = %4
  %9 = zext i32 %2 to i64, !dbg !76
  %10 = getelementptr inbounds [2 x [512 x i64]], [2 x [512 x i64]]* @pt_l1, i64 0, i64 %1, i64 %9, !dbg !76
  br label %17, !dbg !76

11:                                               ; preds = %4
  %12 = zext i32 %2 to i64, !dbg !78
  %13 = getelementptr inbounds [2 x [512 x i64]], [2 x [512 x i64]]* @pt_l2, i64 0, i64 %1, i64 %12, !dbg !78
  br label %17, !dbg !78

14:                                               ; preds = %4
  %15 = zext i32 %2 to i64, !dbg !80
  %16 = getelementptr inbounds [4 x [512 x i64]], [4 x [512 x i64]]* @pt_l3, i64 0, i64 %1, i64 %15, !dbg !80
  br label %17

17:                                               ; preds = %8, %14, %11, %5
  %18 = phi i64* [ %10, %8 ], [ %16, %14 ], [ %13, %11 ], [ %7, %5 ]
  store i64 %3, i64* %18, align 8, !dbg !81, !tbaa !59
  ret void, !dbg !82
}

; Function Attrs: mustprogress nofree noinline norecurse nosync nounwind readonly uwtable willreturn
define dso_local i64 @get_pool_next(i32 noundef %0) local_unnamed_addr #0 !dbg !83 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !87, metadata !DIExpression()), !dbg !88
  %2 = zext i32 %0 to i64, !dbg !89
  %3 = getelementptr inbounds [4 x i64], [4 x i64]* @pool_next, i64 0, i64 %2, !dbg !89
  %4 = load i64, i64* %3, align 8, !dbg !89, !tbaa !59
  ret i64 %4, !dbg !90
}

; Function Attrs: mustprogress nofree noinline norecurse nosync nounwind uwtable willreturn writeonly
define dso_local void @set_pool_next(i32 noundef %0, i64 noundef %1) local_unnamed_addr #1 !dbg !91 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !95, metadata !DIExpression()), !dbg !97
  call void @llvm.dbg.value(metadata i64 %1, metadata !96, metadata !DIExpression()), !dbg !97
  %3 = zext i32 %0 to i64, !dbg !98
  %4 = getelementptr inbounds [4 x i64], [4 x i64]* @pool_next, i64 0, i64 %3, !dbg !98
  store i64 %1, i64* %4, align 8, !dbg !99, !tbaa !59
  ret void, !dbg !100
}

; Function Attrs: mustprogress nofree noinline norecurse nosync nounwind readnone uwtable willreturn
define dso_local i64 @pool_limit(i32 noundef %0) local_unnamed_addr #2 !dbg !101 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !103, metadata !DIExpression()), !dbg !104
  %2 = add i32 %0, -1, !dbg !105
  %3 = icmp ult i32 %2, 3, !dbg !105
  br i1 %3, label %4, label %8, !dbg !105

4:                                                ; preds = %1
  %5 = sext i32 %2 to i64, !dbg !105
  %6 = getelementptr inbounds [3 x i64], [3 x i64]* @switch.table.pool_limit, i64 0, i64 %5, !dbg !105
  %7 = load i64, i64* %6, align 8, !dbg !105
  br label %8, !dbg !105

8:                                                ; preds = %1, %4
  %9 = phi i64 [ %7, %4 ], [ 0, %1 ], !dbg !104
  ret i64 %9, !dbg !106
}

; Function Attrs: mustprogress nofree noinline norecurse nosync nounwind readnone uwtable willreturn
define dso_local i32 @pt_index(i64 noundef %0, i32 noundef %1) local_unnamed_addr #2 !dbg !107 {
  call void @llvm.dbg.value(metadata i64 %0, metadata !111, metadata !DIExpression()), !dbg !113
  call void @llvm.dbg.value(metadata i32 %1, metadata !112, metadata !DIExpression()), !dbg !113
  %3 = mul i32 %1, -9, !dbg !114
  %4 = add i32 %3, 39, !dbg !115
  %5 = zext i32 %4 to i64, !dbg !116
  %6 = lshr i64 %0, %5, !dbg !116
  %7 = trunc i64 %6 to i32, !dbg !117
  %8 = and i32 %7, 511, !dbg !117
  ret i32 %8, !dbg !118
}

; Function Attrs: nofree noinline norecurse nosync nounwind uwtable
define dso_local i64 @alloc_table(i32 noundef %0) local_unnamed_addr #3 !dbg !119 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !121, metadata !DIExpression()), !dbg !125
  %2 = call i64 @get_pool_next(i32 noundef %0), !dbg !126
  call void @llvm.dbg.value(metadata i64 %2, metadata !122, metadata !DIExpression()), !dbg !125
  %3 = call i64 @pool_limit(i32 noundef %0), !dbg !127
  %4 = icmp ult i64 %2, %3, !dbg !129
  br i1 %4, label %7, label %11, !dbg !130

5:                                                ; preds = %7
  %6 = add i64 %2, 1, !dbg !131
  call void @set_pool_next(i32 noundef %0, i64 noundef %6), !dbg !132
  br label %11, !dbg !133

7:                                                ; preds = %1, %7
  %8 = phi i32 [ %9, %7 ], [ 0, %1 ]
  call void @llvm.dbg.value(metadata i32 %8, metadata !123, metadata !DIExpression()), !dbg !134
  call void @pt_store(i32 noundef %0, i64 noundef %2, i32 noundef %8, i64 noundef 0), !dbg !135
  %9 = add nuw nsw i32 %8, 1, !dbg !137
  call void @llvm.dbg.value(metadata i32 %9, metadata !123, metadata !DIExpression()), !dbg !134
  %10 = icmp eq i32 %9, 512, !dbg !138
  br i1 %10, label %5, label %7, !dbg !139, !llvm.loop !140

11:                                               ; preds = %1, %5
  %12 = phi i64 [ %6, %5 ], [ 0, %1 ], !dbg !125
  ret i64 %12, !dbg !144
}

; Function Attrs: nofree noinline norecurse nosync nounwind uwtable
define dso_local i64 @walk_next(i32 noundef %0, i64 noundef %1, i64 noundef %2, i32 noundef %3) local_unnamed_addr #3 !dbg !145 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !149, metadata !DIExpression()), !dbg !156
  call void @llvm.dbg.value(metadata i64 %1, metadata !150, metadata !DIExpression()), !dbg !156
  call void @llvm.dbg.value(metadata i64 %2, metadata !151, metadata !DIExpression()), !dbg !156
  call void @llvm.dbg.value(metadata i32 %3, metadata !152, metadata !DIExpression()), !dbg !156
  %5 = call i32 @pt_index(i64 noundef %2, i32 noundef %0), !dbg !157, !range !158
  call void @llvm.dbg.value(metadata i32 %5, metadata !153, metadata !DIExpression()), !dbg !156
  %6 = call i64 @pt_load(i32 noundef %0, i64 noundef %1, i32 noundef %5), !dbg !159
  call void @llvm.dbg.value(metadata i64 %6, metadata !154, metadata !DIExpression()), !dbg !156
  %7 = and i64 %6, 1, !dbg !160
  %8 = icmp eq i64 %7, 0, !dbg !160
  br i1 %8, label %12, label %9, !dbg !162

9:                                                ; preds = %4
  %10 = lshr i64 %6, 12, !dbg !163
  %11 = and i64 %10, 68719476735, !dbg !163
  br label %21, !dbg !164

12:                                               ; preds = %4
  %13 = icmp eq i32 %3, 0, !dbg !165
  br i1 %13, label %21, label %14, !dbg !167

14:                                               ; preds = %12
  %15 = add i32 %0, 1, !dbg !168
  %16 = call i64 @alloc_table(i32 noundef %15), !dbg !169
  call void @llvm.dbg.value(metadata i64 %16, metadata !155, metadata !DIExpression()), !dbg !156
  %17 = icmp eq i64 %16, 0, !dbg !170
  br i1 %17, label %21, label %18, !dbg !172

18:                                               ; preds = %14
  %19 = shl i64 %16, 12, !dbg !173
  %20 = or i64 %19, 3, !dbg !174
  call void @pt_store(i32 noundef %0, i64 noundef %1, i32 noundef %5, i64 noundef %20), !dbg !175
  br label %21, !dbg !176

21:                                               ; preds = %18, %14, %12, %9
  %22 = phi i64 [ %11, %9 ], [ 0, %12 ], [ %16, %18 ], [ 0, %14 ], !dbg !156
  ret i64 %22, !dbg !177
}

; Function Attrs: nofree noinline norecurse nosync nounwind uwtable
define dso_local i64 @walk_to_leaf(i32 noundef %0, i64 noundef %1, i32 noundef %2) local_unnamed_addr #3 !dbg !178 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !180, metadata !DIExpression()), !dbg !189
  call void @llvm.dbg.value(metadata i64 %1, metadata !181, metadata !DIExpression()), !dbg !189
  call void @llvm.dbg.value(metadata i32 %2, metadata !182, metadata !DIExpression()), !dbg !189
  %4 = zext i32 %0 to i64, !dbg !190
  call void @llvm.dbg.value(metadata i64 %4, metadata !183, metadata !DIExpression()), !dbg !189
  call void @llvm.dbg.value(metadata i32 0, metadata !184, metadata !DIExpression()), !dbg !191
  %5 = call i64 @walk_next(i32 noundef 0, i64 noundef %4, i64 noundef %1, i32 noundef %2), !dbg !192
  call void @llvm.dbg.value(metadata i64 %5, metadata !186, metadata !DIExpression()), !dbg !193
  %6 = icmp eq i64 %5, 0, !dbg !194
  %7 = add i64 %5, -1, !dbg !196
  %8 = select i1 %6, i64 %4, i64 %7, !dbg !196
  call void @llvm.dbg.value(metadata i64 %8, metadata !183, metadata !DIExpression()), !dbg !189
  call void @llvm.dbg.value(metadata i32 1, metadata !184, metadata !DIExpression()), !dbg !191
  br i1 %6, label %23, label %9

9:                                                ; preds = %3, %14
  %10 = phi i32 [ %19, %14 ], [ 1, %3 ]
  %11 = phi i64 [ %18, %14 ], [ %8, %3 ]
  %12 = phi i32 [ %10, %14 ], [ 0, %3 ]
  call void @llvm.dbg.value(metadata i32 %12, metadata !184, metadata !DIExpression()), !dbg !191
  call void @llvm.dbg.value(metadata i32 %10, metadata !184, metadata !DIExpression()), !dbg !191
  call void @llvm.dbg.value(metadata i64 %11, metadata !183, metadata !DIExpression()), !dbg !189
  %13 = icmp eq i32 %10, 3, !dbg !197
  br i1 %13, label %20, label %14, !dbg !198, !llvm.loop !199

14:                                               ; preds = %9
  call void @llvm.dbg.value(metadata i32 %10, metadata !184, metadata !DIExpression()), !dbg !191
  call void @llvm.dbg.value(metadata i64 %11, metadata !183, metadata !DIExpression()), !dbg !189
  %15 = call i64 @walk_next(i32 noundef %10, i64 noundef %11, i64 noundef %1, i32 noundef %2), !dbg !192
  call void @llvm.dbg.value(metadata i64 %15, metadata !186, metadata !DIExpression()), !dbg !193
  %16 = icmp eq i64 %15, 0, !dbg !194
  %17 = add i64 %15, -1, !dbg !196
  %18 = select i1 %16, i64 %11, i64 %17, !dbg !196
  call void @llvm.dbg.value(metadata i64 %18, metadata !183, metadata !DIExpression()), !dbg !189
  %19 = add nuw nsw i32 %10, 1, !dbg !201
  call void @llvm.dbg.value(metadata i32 %19, metadata !184, metadata !DIExpression()), !dbg !191
  br i1 %16, label %20, label %9, !llvm.loop !199

20:                                               ; preds = %9, %14
  %21 = phi i64 [ %18, %14 ], [ %11, %9 ]
  %22 = icmp ult i32 %12, 2, !dbg !197
  br label %23

23:                                               ; preds = %20, %3
  %24 = phi i64 [ %8, %3 ], [ %21, %20 ], !dbg !196
  %25 = phi i1 [ true, %3 ], [ %22, %20 ], !dbg !197
  call void @llvm.dbg.value(metadata i64 %24, metadata !183, metadata !DIExpression()), !dbg !189
  %26 = add i64 %24, 1
  %27 = select i1 %25, i64 0, i64 %26
  ret i64 %27, !dbg !202
}

; Function Attrs: nofree noinline norecurse nosync nounwind uwtable
define dso_local i64 @get_leaf(i32 noundef %0, i64 noundef %1) local_unnamed_addr #3 !dbg !203 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !207, metadata !DIExpression()), !dbg !210
  call void @llvm.dbg.value(metadata i64 %1, metadata !208, metadata !DIExpression()), !dbg !210
  %3 = call i64 @walk_to_leaf(i32 noundef %0, i64 noundef %1, i32 noundef 0), !dbg !211
  call void @llvm.dbg.value(metadata i64 %3, metadata !209, metadata !DIExpression()), !dbg !210
  %4 = icmp eq i64 %3, 0, !dbg !212
  br i1 %4, label %9, label %5, !dbg !214

5:                                                ; preds = %2
  %6 = add i64 %3, -1, !dbg !215
  %7 = call i32 @pt_index(i64 noundef %1, i32 noundef 3), !dbg !216, !range !158
  %8 = call i64 @pt_load(i32 noundef 3, i64 noundef %6, i32 noundef %7), !dbg !217
  br label %9, !dbg !218

9:                                                ; preds = %2, %5
  %10 = phi i64 [ %8, %5 ], [ 0, %2 ], !dbg !210
  ret i64 %10, !dbg !219
}

; Function Attrs: nofree noinline norecurse nosync nounwind uwtable
define dso_local i32 @set_leaf(i32 noundef %0, i64 noundef %1, i64 noundef %2) local_unnamed_addr #3 !dbg !220 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !224, metadata !DIExpression()), !dbg !228
  call void @llvm.dbg.value(metadata i64 %1, metadata !225, metadata !DIExpression()), !dbg !228
  call void @llvm.dbg.value(metadata i64 %2, metadata !226, metadata !DIExpression()), !dbg !228
  %4 = call i64 @walk_to_leaf(i32 noundef %0, i64 noundef %1, i32 noundef 1), !dbg !229
  call void @llvm.dbg.value(metadata i64 %4, metadata !227, metadata !DIExpression()), !dbg !228
  %5 = icmp eq i64 %4, 0, !dbg !230
  br i1 %5, label %11, label %6, !dbg !232

6:                                                ; preds = %3
  %7 = add i64 %4, -1, !dbg !233
  %8 = call i32 @pt_index(i64 noundef %1, i32 noundef 3), !dbg !234, !range !158
  %9 = and i64 %2, 281474976706560, !dbg !235
  %10 = or i64 %9, 3, !dbg !236
  call void @pt_store(i32 noundef 3, i64 noundef %7, i32 noundef %8, i64 noundef %10), !dbg !237
  br label %11, !dbg !238

11:                                               ; preds = %3, %6
  %12 = phi i32 [ 0, %6 ], [ 1, %3 ], !dbg !228
  ret i32 %12, !dbg !239
}

; Function Attrs: nofree noinline norecurse nosync nounwind uwtable
define dso_local i64 @clear_leaf(i32 noundef %0, i64 noundef %1) local_unnamed_addr #3 !dbg !240 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !242, metadata !DIExpression()), !dbg !247
  call void @llvm.dbg.value(metadata i64 %1, metadata !243, metadata !DIExpression()), !dbg !247
  %3 = call i64 @walk_to_leaf(i32 noundef %0, i64 noundef %1, i32 noundef 0), !dbg !248
  call void @llvm.dbg.value(metadata i64 %3, metadata !244, metadata !DIExpression()), !dbg !247
  %4 = icmp eq i64 %3, 0, !dbg !249
  br i1 %4, label %9, label %5, !dbg !251

5:                                                ; preds = %2
  %6 = call i32 @pt_index(i64 noundef %1, i32 noundef 3), !dbg !252, !range !158
  call void @llvm.dbg.value(metadata i32 %6, metadata !245, metadata !DIExpression()), !dbg !247
  %7 = add i64 %3, -1, !dbg !253
  %8 = call i64 @pt_load(i32 noundef 3, i64 noundef %7, i32 noundef %6), !dbg !254
  call void @llvm.dbg.value(metadata i64 %8, metadata !246, metadata !DIExpression()), !dbg !247
  call void @pt_store(i32 noundef 3, i64 noundef %7, i32 noundef %6, i64 noundef 0), !dbg !255
  br label %9

9:                                                ; preds = %2, %5
  %10 = phi i64 [ %8, %5 ], [ 0, %2 ], !dbg !247
  ret i64 %10, !dbg !256
}

; Function Attrs: noinline nounwind uwtable
define dso_local i32 @map_page(i32 noundef %0, i64 noundef %1, i64 noundef %2) local_unnamed_addr #4 !dbg !257 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !259, metadata !DIExpression()), !dbg !263
  call void @llvm.dbg.value(metadata i64 %1, metadata !260, metadata !DIExpression()), !dbg !263
  call void @llvm.dbg.value(metadata i64 %2, metadata !261, metadata !DIExpression()), !dbg !263
  %4 = icmp ult i32 %0, 2, !dbg !264
  %5 = and i64 %1, -4190209, !dbg !266
  %6 = and i64 %2, -281474976706561
  %7 = or i64 %6, %5, !dbg !266
  %8 = icmp eq i64 %7, 0, !dbg !266
  %9 = and i1 %4, %8, !dbg !266
  br i1 %9, label %10, label %18, !dbg !266

10:                                               ; preds = %3
  call void @acquire_lock_s2pt(i32 noundef %0) #7, !dbg !267
  %11 = call i64 @get_leaf(i32 noundef %0, i64 noundef %1), !dbg !268
  %12 = and i64 %11, 1, !dbg !270
  %13 = icmp eq i64 %12, 0, !dbg !270
  br i1 %13, label %14, label %16, !dbg !271

14:                                               ; preds = %10
  %15 = call i32 @set_leaf(i32 noundef %0, i64 noundef %1, i64 noundef %2), !dbg !272
  call void @llvm.dbg.value(metadata i32 %15, metadata !262, metadata !DIExpression()), !dbg !263
  br label %16

16:                                               ; preds = %10, %14
  %17 = phi i32 [ %15, %14 ], [ 1, %10 ], !dbg !273
  call void @llvm.dbg.value(metadata i32 %17, metadata !262, metadata !DIExpression()), !dbg !263
  call void @release_lock_s2pt(i32 noundef %0) #7, !dbg !274
  br label %18, !dbg !275

18:                                               ; preds = %3, %16
  %19 = phi i32 [ %17, %16 ], [ 2, %3 ], !dbg !263
  ret i32 %19, !dbg !276
}

declare !dbg !277 void @acquire_lock_s2pt(i32 noundef) local_unnamed_addr #5

declare !dbg !281 void @release_lock_s2pt(i32 noundef) local_unnamed_addr #5

; Function Attrs: noinline nounwind uwtable
define dso_local i32 @unmap_page(i32 noundef %0, i64 noundef %1) local_unnamed_addr #4 !dbg !282 {
  call void @llvm.dbg.value(metadata i32 %0, metadata !286, metadata !DIExpression()), !dbg !289
  call void @llvm.dbg.value(metadata i64 %1, metadata !287, metadata !DIExpression()), !dbg !289
  call void @llvm.dbg.value(metadata i32 1, metadata !288, metadata !DIExpression()), !dbg !289
  %3 = icmp ult i32 %0, 2, !dbg !290
  %4 = and i64 %1, -4190209, !dbg !292
  %5 = icmp eq i64 %4, 0, !dbg !292
  %6 = and i1 %3, %5, !dbg !292
  br i1 %6, label %7, label %12, !dbg !292

7:                                                ; preds = %2
  call void @acquire_lock_s2pt(i32 noundef %0) #7, !dbg !293
  %8 = call i64 @clear_leaf(i32 noundef %0, i64 noundef %1), !dbg !294
  %9 = trunc i64 %8 to i32, !dbg !296
  %10 = and i32 %9, 1, !dbg !296
  %11 = xor i32 %10, 1, !dbg !296
  call void @llvm.dbg.value(metadata i32 %11, metadata !288, metadata !DIExpression()), !dbg !289
  call void @release_lock_s2pt(i32 noundef %0) #7, !dbg !297
  br label %12, !dbg !298

12:                                               ; preds = %2, %7
  %13 = phi i32 [ %11, %7 ], [ 2, %2 ], !dbg !289
  ret i32 %13, !dbg !299
}

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare void @llvm.dbg.value(metadata, metadata, metadata) #6

attributes #0 = { mustprogress nofree noinline norecurse nosync nounwind readonly uwtable willreturn "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #1 = { mustprogress nofree noinline norecurse nosync nounwind uwtable willreturn writeonly "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #2 = { mustprogress nofree noinline norecurse nosync nounwind readnone uwtable willreturn "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #3 = { nofree noinline norecurse nosync nounwind uwtable "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #4 = { noinline nounwind uwtable "frame-pointer"="non-leaf" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #5 = { "frame-pointer"="non-leaf" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="generic" "target-features"="+neon,+outline-atomics,+v8a" }
attributes #6 = { nofree nosync nounwind readnone speculatable willreturn }
attributes #7 = { nounwind }

!llvm.dbg.cu = !{!2}
!llvm.module.flags = !{!27, !28, !29, !30, !31, !32, !33, !34, !35, !36, !37}
!llvm.ident = !{!38}

!0 = !DIGlobalVariableExpression(var: !1, expr: !DIExpression())
!1 = distinct !DIGlobalVariable(name: "pt_l0", scope: !2, file: !3, line: 41, type: !10, isLocal: false, isDefinition: true)
!2 = distinct !DICompileUnit(language: DW_LANG_C99, file: !3, producer: "Debian clang version 14.0.6", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug, retainedTypes: !4, globals: !7, splitDebugInlining: false, nameTableKind: None)
!3 = !DIFile(filename: "pagetable_no_flush.c", directory: "/work/main/testdata/pagetable/negative", checksumkind: CSK_MD5, checksum: "bc1897c25774edb12ff7d234d71eba93")
!4 = !{!5}
!5 = !DIDerivedType(tag: DW_TAG_typedef, name: "u32", file: !3, line: 21, baseType: !6)
!6 = !DIBasicType(name: "unsigned int", size: 32, encoding: DW_ATE_unsigned)
!7 = !{!0, !8, !16, !18, !23}
!8 = !DIGlobalVariableExpression(var: !9, expr: !DIExpression())
!9 = distinct !DIGlobalVariable(name: "pt_l1", scope: !2, file: !3, line: 42, type: !10, isLocal: false, isDefinition: true)
!10 = !DICompositeType(tag: DW_TAG_array_type, baseType: !11, size: 65536, elements: !13)
!11 = !DIDerivedType(tag: DW_TAG_typedef, name: "u64", file: !3, line: 20, baseType: !12)
!12 = !DIBasicType(name: "unsigned long", size: 64, encoding: DW_ATE_unsigned)
!13 = !{!14, !15}
!14 = !DISubrange(count: 2)
!15 = !DISubrange(count: 512)
!16 = !DIGlobalVariableExpression(var: !17, expr: !DIExpression())
!17 = distinct !DIGlobalVariable(name: "pt_l2", scope: !2, file: !3, line: 43, type: !10, isLocal: false, isDefinition: true)
!18 = !DIGlobalVariableExpression(var: !19, expr: !DIExpression())
!19 = distinct !DIGlobalVariable(name: "pt_l3", scope: !2, file: !3, line: 44, type: !20, isLocal: false, isDefinition: true)
!20 = !DICompositeType(tag: DW_TAG_array_type, baseType: !11, size: 131072, elements: !21)
!21 = !{!22, !15}
!22 = !DISubrange(count: 4)
!23 = !DIGlobalVariableExpression(var: !24, expr: !DIExpression())
!24 = distinct !DIGlobalVariable(name: "pool_next", scope: !2, file: !3, line: 45, type: !25, isLocal: false, isDefinition: true)
!25 = !DICompositeType(tag: DW_TAG_array_type, baseType: !11, size: 256, elements: !26)
!26 = !{!22}
!27 = !{i32 7, !"Dwarf Version", i32 5}
!28 = !{i32 2, !"Debug Info Version", i32 3}
!29 = !{i32 1, !"wchar_size", i32 4}
!30 = !{i32 1, !"branch-target-enforcement", i32 0}
!31 = !{i32 1, !"sign-return-address", i32 0}
!32 = !{i32 1, !"sign-return-address-all", i32 0}
!33 = !{i32 1, !"sign-return-address-with-bkey", i32 0}
!34 = !{i32 7, !"PIC Level", i32 2}
!35 = !{i32 7, !"PIE Level", i32 2}
!36 = !{i32 7, !"uwtable", i32 1}
!37 = !{i32 7, !"frame-pointer", i32 1}
!38 = !{!"Debian clang version 14.0.6"}
!39 = distinct !DISubprogram(name: "pt_load", scope: !3, file: !3, line: 48, type: !40, scopeLine: 49, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !42)
!40 = !DISubroutineType(types: !41)
!41 = !{!11, !5, !11, !5}
!42 = !{!43, !44, !45}
!43 = !DILocalVariable(name: "level", arg: 1, scope: !39, file: !3, line: 48, type: !5)
!44 = !DILocalVariable(name: "tbl", arg: 2, scope: !39, file: !3, line: 48, type: !11)
!45 = !DILocalVariable(name: "idx", arg: 3, scope: !39, file: !3, line: 48, type: !5)
!46 = !DILocation(line: 0, scope: !39)
!47 = !DILocation(line: 50, column: 6, scope: !39)
!48 = !DILocation(line: 51, column: 10, scope: !49)
!49 = distinct !DILexicalBlock(scope: !39, file: !3, line: 50, column: 6)
!50 = !DILocation(line: 51, column: 3, scope: !49)
!51 = !DILocation(line: 53, column: 10, scope: !52)
!52 = distinct !DILexicalBlock(scope: !39, file: !3, line: 52, column: 6)
!53 = !DILocation(line: 53, column: 3, scope: !52)
!54 = !DILocation(line: 55, column: 10, scope: !55)
!55 = distinct !DILexicalBlock(scope: !39, file: !3, line: 54, column: 6)
!56 = !DILocation(line: 55, column: 3, scope: !55)
!57 = !DILocation(line: 56, column: 9, scope: !39)
!58 = !DILocation(line: 56, column: 2, scope: !39)
!59 = !{!60, !60, i64 0}
!60 = !{!"long", !61, i64 0}
!61 = !{!"omnipotent char", !62, i64 0}
!62 = !{!"Simple C/C++ TBAA"}
!63 = !DILocation(line: 57, column: 1, scope: !39)
!64 = distinct !DISubprogram(name: "pt_store", scope: !3, file: !3, line: 59, type: !65, scopeLine: 60, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !67)
!65 = !DISubroutineType(types: !66)
!66 = !{null, !5, !11, !5, !11}
!67 = !{!68, !69, !70, !71}
!68 = !DILocalVariable(name: "level", arg: 1, scope: !64, file: !3, line: 59, type: !5)
!69 = !DILocalVariable(name: "tbl", arg: 2, scope: !64, file: !3, line: 59, type: !11)
!70 = !DILocalVariable(name: "idx", arg: 3, scope: !64, file: !3, line: 59, type: !5)
!71 = !DILocalVariable(name: "val", arg: 4, scope: !64, file: !3, line: 59, type: !11)
!72 = !DILocation(line: 0, scope: !64)
!73 = !DILocation(line: 61, column: 6, scope: !64)
!74 = !DILocation(line: 62, column: 3, scope: !75)
!75 = distinct !DILexicalBlock(scope: !64, file: !3, line: 61, column: 6)
!76 = !DILocation(line: 64, column: 3, scope: !77)
!77 = distinct !DILexicalBlock(scope: !75, file: !3, line: 63, column: 11)
!78 = !DILocation(line: 66, column: 3, scope: !79)
!79 = distinct !DILexicalBlock(scope: !77, file: !3, line: 65, column: 11)
!80 = !DILocation(line: 68, column: 3, scope: !79)
!81 = !DILocation(line: 0, scope: !75)
!82 = !DILocation(line: 69, column: 1, scope: !64)
!83 = distinct !DISubprogram(name: "get_pool_next", scope: !3, file: !3, line: 71, type: !84, scopeLine: 72, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !86)
!84 = !DISubroutineType(types: !85)
!85 = !{!11, !5}
!86 = !{!87}
!87 = !DILocalVariable(name: "level", arg: 1, scope: !83, file: !3, line: 71, type: !5)
!88 = !DILocation(line: 0, scope: !83)
!89 = !DILocation(line: 73, column: 9, scope: !83)
!90 = !DILocation(line: 73, column: 2, scope: !83)
!91 = distinct !DISubprogram(name: "set_pool_next", scope: !3, file: !3, line: 76, type: !92, scopeLine: 77, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !94)
!92 = !DISubroutineType(types: !93)
!93 = !{null, !5, !11}
!94 = !{!95, !96}
!95 = !DILocalVariable(name: "level", arg: 1, scope: !91, file: !3, line: 76, type: !5)
!96 = !DILocalVariable(name: "next", arg: 2, scope: !91, file: !3, line: 76, type: !11)
!97 = !DILocation(line: 0, scope: !91)
!98 = !DILocation(line: 78, column: 2, scope: !91)
!99 = !DILocation(line: 78, column: 19, scope: !91)
!100 = !DILocation(line: 79, column: 1, scope: !91)
!101 = distinct !DISubprogram(name: "pool_limit", scope: !3, file: !3, line: 81, type: !84, scopeLine: 82, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !102)
!102 = !{!103}
!103 = !DILocalVariable(name: "level", arg: 1, scope: !101, file: !3, line: 81, type: !5)
!104 = !DILocation(line: 0, scope: !101)
!105 = !DILocation(line: 83, column: 6, scope: !101)
!106 = !DILocation(line: 90, column: 1, scope: !101)
!107 = distinct !DISubprogram(name: "pt_index", scope: !3, file: !3, line: 92, type: !108, scopeLine: 93, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !110)
!108 = !DISubroutineType(types: !109)
!109 = !{!5, !11, !5}
!110 = !{!111, !112}
!111 = !DILocalVariable(name: "ipa", arg: 1, scope: !107, file: !3, line: 92, type: !11)
!112 = !DILocalVariable(name: "level", arg: 2, scope: !107, file: !3, line: 92, type: !5)
!113 = !DILocation(line: 0, scope: !107)
!114 = !DILocation(line: 94, column: 31, scope: !107)
!115 = !DILocation(line: 94, column: 27, scope: !107)
!116 = !DILocation(line: 94, column: 20, scope: !107)
!117 = !DILocation(line: 94, column: 9, scope: !107)
!118 = !DILocation(line: 94, column: 2, scope: !107)
!119 = distinct !DISubprogram(name: "alloc_table", scope: !3, file: !3, line: 99, type: !84, scopeLine: 100, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !120)
!120 = !{!121, !122, !123}
!121 = !DILocalVariable(name: "level", arg: 1, scope: !119, file: !3, line: 99, type: !5)
!122 = !DILocalVariable(name: "next", scope: !119, file: !3, line: 101, type: !11)
!123 = !DILocalVariable(name: "i", scope: !124, file: !3, line: 104, type: !5)
!124 = distinct !DILexicalBlock(scope: !119, file: !3, line: 104, column: 2)
!125 = !DILocation(line: 0, scope: !119)
!126 = !DILocation(line: 101, column: 13, scope: !119)
!127 = !DILocation(line: 102, column: 14, scope: !128)
!128 = distinct !DILexicalBlock(scope: !119, file: !3, line: 102, column: 6)
!129 = !DILocation(line: 102, column: 11, scope: !128)
!130 = !DILocation(line: 102, column: 6, scope: !119)
!131 = !DILocation(line: 106, column: 28, scope: !119)
!132 = !DILocation(line: 106, column: 2, scope: !119)
!133 = !DILocation(line: 107, column: 2, scope: !119)
!134 = !DILocation(line: 0, scope: !124)
!135 = !DILocation(line: 105, column: 3, scope: !136)
!136 = distinct !DILexicalBlock(scope: !124, file: !3, line: 104, column: 2)
!137 = !DILocation(line: 104, column: 35, scope: !136)
!138 = !DILocation(line: 104, column: 20, scope: !136)
!139 = !DILocation(line: 104, column: 2, scope: !124)
!140 = distinct !{!140, !139, !141, !142, !143}
!141 = !DILocation(line: 105, column: 29, scope: !124)
!142 = !{!"llvm.loop.mustprogress"}
!143 = !{!"llvm.loop.unroll.disable"}
!144 = !DILocation(line: 108, column: 1, scope: !119)
!145 = distinct !DISubprogram(name: "walk_next", scope: !3, file: !3, line: 113, type: !146, scopeLine: 114, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !148)
!146 = !DISubroutineType(types: !147)
!147 = !{!11, !5, !11, !11, !5}
!148 = !{!149, !150, !151, !152, !153, !154, !155}
!149 = !DILocalVariable(name: "level", arg: 1, scope: !145, file: !3, line: 113, type: !5)
!150 = !DILocalVariable(name: "tbl", arg: 2, scope: !145, file: !3, line: 113, type: !11)
!151 = !DILocalVariable(name: "ipa", arg: 3, scope: !145, file: !3, line: 113, type: !11)
!152 = !DILocalVariable(name: "alloc", arg: 4, scope: !145, file: !3, line: 113, type: !5)
!153 = !DILocalVariable(name: "idx", scope: !145, file: !3, line: 115, type: !5)
!154 = !DILocalVariable(name: "desc", scope: !145, file: !3, line: 116, type: !11)
!155 = !DILocalVariable(name: "fresh", scope: !145, file: !3, line: 121, type: !11)
!156 = !DILocation(line: 0, scope: !145)
!157 = !DILocation(line: 115, column: 12, scope: !145)
!158 = !{i32 0, i32 512}
!159 = !DILocation(line: 116, column: 13, scope: !145)
!160 = !DILocation(line: 117, column: 11, scope: !161)
!161 = distinct !DILexicalBlock(scope: !145, file: !3, line: 117, column: 6)
!162 = !DILocation(line: 117, column: 6, scope: !145)
!163 = !DILocation(line: 118, column: 29, scope: !161)
!164 = !DILocation(line: 118, column: 3, scope: !161)
!165 = !DILocation(line: 119, column: 7, scope: !166)
!166 = distinct !DILexicalBlock(scope: !145, file: !3, line: 119, column: 6)
!167 = !DILocation(line: 119, column: 6, scope: !145)
!168 = !DILocation(line: 121, column: 32, scope: !145)
!169 = !DILocation(line: 121, column: 14, scope: !145)
!170 = !DILocation(line: 122, column: 12, scope: !171)
!171 = distinct !DILexicalBlock(scope: !145, file: !3, line: 122, column: 6)
!172 = !DILocation(line: 122, column: 6, scope: !145)
!173 = !DILocation(line: 124, column: 35, scope: !145)
!174 = !DILocation(line: 124, column: 55, scope: !145)
!175 = !DILocation(line: 124, column: 2, scope: !145)
!176 = !DILocation(line: 125, column: 2, scope: !145)
!177 = !DILocation(line: 126, column: 1, scope: !145)
!178 = distinct !DISubprogram(name: "walk_to_leaf", scope: !3, file: !3, line: 130, type: !40, scopeLine: 131, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !179)
!179 = !{!180, !181, !182, !183, !184, !186}
!180 = !DILocalVariable(name: "vmid", arg: 1, scope: !178, file: !3, line: 130, type: !5)
!181 = !DILocalVariable(name: "ipa", arg: 2, scope: !178, file: !3, line: 130, type: !11)
!182 = !DILocalVariable(name: "alloc", arg: 3, scope: !178, file: !3, line: 130, type: !5)
!183 = !DILocalVariable(name: "tbl", scope: !178, file: !3, line: 132, type: !11)
!184 = !DILocalVariable(name: "level", scope: !185, file: !3, line: 133, type: !5)
!185 = distinct !DILexicalBlock(scope: !178, file: !3, line: 133, column: 2)
!186 = !DILocalVariable(name: "next", scope: !187, file: !3, line: 134, type: !11)
!187 = distinct !DILexicalBlock(scope: !188, file: !3, line: 133, column: 42)
!188 = distinct !DILexicalBlock(scope: !185, file: !3, line: 133, column: 2)
!189 = !DILocation(line: 0, scope: !178)
!190 = !DILocation(line: 132, column: 12, scope: !178)
!191 = !DILocation(line: 0, scope: !185)
!192 = !DILocation(line: 134, column: 14, scope: !187)
!193 = !DILocation(line: 0, scope: !187)
!194 = !DILocation(line: 135, column: 12, scope: !195)
!195 = distinct !DILexicalBlock(scope: !187, file: !3, line: 135, column: 7)
!196 = !DILocation(line: 135, column: 7, scope: !187)
!197 = !DILocation(line: 133, column: 28, scope: !188)
!198 = !DILocation(line: 133, column: 2, scope: !185)
!199 = distinct !{!199, !198, !200, !142, !143}
!200 = !DILocation(line: 138, column: 2, scope: !185)
!201 = !DILocation(line: 133, column: 38, scope: !188)
!202 = !DILocation(line: 140, column: 1, scope: !178)
!203 = distinct !DISubprogram(name: "get_leaf", scope: !3, file: !3, line: 143, type: !204, scopeLine: 144, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !206)
!204 = !DISubroutineType(types: !205)
!205 = !{!11, !5, !11}
!206 = !{!207, !208, !209}
!207 = !DILocalVariable(name: "vmid", arg: 1, scope: !203, file: !3, line: 143, type: !5)
!208 = !DILocalVariable(name: "ipa", arg: 2, scope: !203, file: !3, line: 143, type: !11)
!209 = !DILocalVariable(name: "t", scope: !203, file: !3, line: 145, type: !11)
!210 = !DILocation(line: 0, scope: !203)
!211 = !DILocation(line: 145, column: 10, scope: !203)
!212 = !DILocation(line: 146, column: 8, scope: !213)
!213 = distinct !DILexicalBlock(scope: !203, file: !3, line: 146, column: 6)
!214 = !DILocation(line: 146, column: 6, scope: !203)
!215 = !DILocation(line: 148, column: 22, scope: !203)
!216 = !DILocation(line: 148, column: 27, scope: !203)
!217 = !DILocation(line: 148, column: 9, scope: !203)
!218 = !DILocation(line: 148, column: 2, scope: !203)
!219 = !DILocation(line: 149, column: 1, scope: !203)
!220 = distinct !DISubprogram(name: "set_leaf", scope: !3, file: !3, line: 152, type: !221, scopeLine: 153, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !223)
!221 = !DISubroutineType(types: !222)
!222 = !{!5, !5, !11, !11}
!223 = !{!224, !225, !226, !227}
!224 = !DILocalVariable(name: "vmid", arg: 1, scope: !220, file: !3, line: 152, type: !5)
!225 = !DILocalVariable(name: "ipa", arg: 2, scope: !220, file: !3, line: 152, type: !11)
!226 = !DILocalVariable(name: "pa", arg: 3, scope: !220, file: !3, line: 152, type: !11)
!227 = !DILocalVariable(name: "t", scope: !220, file: !3, line: 154, type: !11)
!228 = !DILocation(line: 0, scope: !220)
!229 = !DILocation(line: 154, column: 10, scope: !220)
!230 = !DILocation(line: 155, column: 8, scope: !231)
!231 = distinct !DILexicalBlock(scope: !220, file: !3, line: 155, column: 6)
!232 = !DILocation(line: 155, column: 6, scope: !220)
!233 = !DILocation(line: 157, column: 16, scope: !220)
!234 = !DILocation(line: 157, column: 21, scope: !220)
!235 = !DILocation(line: 157, column: 43, scope: !220)
!236 = !DILocation(line: 157, column: 69, scope: !220)
!237 = !DILocation(line: 157, column: 2, scope: !220)
!238 = !DILocation(line: 158, column: 2, scope: !220)
!239 = !DILocation(line: 159, column: 1, scope: !220)
!240 = distinct !DISubprogram(name: "clear_leaf", scope: !3, file: !3, line: 162, type: !204, scopeLine: 163, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !241)
!241 = !{!242, !243, !244, !245, !246}
!242 = !DILocalVariable(name: "vmid", arg: 1, scope: !240, file: !3, line: 162, type: !5)
!243 = !DILocalVariable(name: "ipa", arg: 2, scope: !240, file: !3, line: 162, type: !11)
!244 = !DILocalVariable(name: "t", scope: !240, file: !3, line: 164, type: !11)
!245 = !DILocalVariable(name: "idx", scope: !240, file: !3, line: 167, type: !5)
!246 = !DILocalVariable(name: "old", scope: !240, file: !3, line: 168, type: !11)
!247 = !DILocation(line: 0, scope: !240)
!248 = !DILocation(line: 164, column: 10, scope: !240)
!249 = !DILocation(line: 165, column: 8, scope: !250)
!250 = distinct !DILexicalBlock(scope: !240, file: !3, line: 165, column: 6)
!251 = !DILocation(line: 165, column: 6, scope: !240)
!252 = !DILocation(line: 167, column: 12, scope: !240)
!253 = !DILocation(line: 168, column: 25, scope: !240)
!254 = !DILocation(line: 168, column: 12, scope: !240)
!255 = !DILocation(line: 169, column: 2, scope: !240)
!256 = !DILocation(line: 171, column: 1, scope: !240)
!257 = distinct !DISubprogram(name: "map_page", scope: !3, file: !3, line: 175, type: !221, scopeLine: 176, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !258)
!258 = !{!259, !260, !261, !262}
!259 = !DILocalVariable(name: "vmid", arg: 1, scope: !257, file: !3, line: 175, type: !5)
!260 = !DILocalVariable(name: "ipa", arg: 2, scope: !257, file: !3, line: 175, type: !11)
!261 = !DILocalVariable(name: "pa", arg: 3, scope: !257, file: !3, line: 175, type: !11)
!262 = !DILocalVariable(name: "ret", scope: !257, file: !3, line: 177, type: !5)
!263 = !DILocation(line: 0, scope: !257)
!264 = !DILocation(line: 178, column: 11, scope: !265)
!265 = distinct !DILexicalBlock(scope: !257, file: !3, line: 178, column: 6)
!266 = !DILocation(line: 178, column: 21, scope: !265)
!267 = !DILocation(line: 180, column: 2, scope: !257)
!268 = !DILocation(line: 181, column: 6, scope: !269)
!269 = distinct !DILexicalBlock(scope: !257, file: !3, line: 181, column: 6)
!270 = !DILocation(line: 181, column: 26, scope: !269)
!271 = !DILocation(line: 181, column: 6, scope: !257)
!272 = !DILocation(line: 184, column: 9, scope: !269)
!273 = !DILocation(line: 0, scope: !269)
!274 = !DILocation(line: 185, column: 2, scope: !257)
!275 = !DILocation(line: 186, column: 2, scope: !257)
!276 = !DILocation(line: 187, column: 1, scope: !257)
!277 = !DISubprogram(name: "acquire_lock_s2pt", scope: !3, file: !3, line: 36, type: !278, flags: DIFlagPrototyped, spFlags: DISPFlagOptimized, retainedNodes: !280)
!278 = !DISubroutineType(types: !279)
!279 = !{null, !5}
!280 = !{}
!281 = !DISubprogram(name: "release_lock_s2pt", scope: !3, file: !3, line: 37, type: !278, flags: DIFlagPrototyped, spFlags: DISPFlagOptimized, retainedNodes: !280)
!282 = distinct !DISubprogram(name: "unmap_page", scope: !3, file: !3, line: 190, type: !283, scopeLine: 191, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !285)
!283 = !DISubroutineType(types: !284)
!284 = !{!5, !5, !11}
!285 = !{!286, !287, !288}
!286 = !DILocalVariable(name: "vmid", arg: 1, scope: !282, file: !3, line: 190, type: !5)
!287 = !DILocalVariable(name: "ipa", arg: 2, scope: !282, file: !3, line: 190, type: !11)
!288 = !DILocalVariable(name: "ret", scope: !282, file: !3, line: 192, type: !5)
!289 = !DILocation(line: 0, scope: !282)
!290 = !DILocation(line: 193, column: 11, scope: !291)
!291 = distinct !DILexicalBlock(scope: !282, file: !3, line: 193, column: 6)
!292 = !DILocation(line: 193, column: 21, scope: !291)
!293 = !DILocation(line: 195, column: 2, scope: !282)
!294 = !DILocation(line: 196, column: 6, scope: !295)
!295 = distinct !DILexicalBlock(scope: !282, file: !3, line: 196, column: 6)
!296 = !DILocation(line: 196, column: 6, scope: !282)
!297 = !DILocation(line: 200, column: 2, scope: !282)
!298 = !DILocation(line: 201, column: 2, scope: !282)
!299 = !DILocation(line: 202, column: 1, scope: !282)
