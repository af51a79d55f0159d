; ModuleID = golden
source_filename = "golden.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.P = type { i32, i8, i64, i16 }

; Function Attrs: nofree noinline nosync nounwind readnone uwtable
define dso_local i32 @f(i32 noundef %0, i32 noundef %1) local_unnamed_addr #0 {
  %3 = alloca [3 x %struct.P], align 16
  %4 = bitcast [3 x %struct.P]* %3 to i8*
  call void @llvm.lifetime.start.p0i8(i64 72, i8* nonnull %4) #2
  %5 = sext i32 %0 to i64
  %6 = sext i32 %1 to i64
  %7 = mul nsw i64 %6, %5
  %8 = sub nsw i32 %0, %1
  %9 = trunc i32 %8 to i16
  br label %10

10:                                               ; preds = %2, %10
  %11 = phi i64 [ 0, %2 ], [ %22, %10 ]
  %12 = trunc i64 %11 to i32
  %13 = add nsw i32 %12, %0
  %14 = getelementptr inbounds [3 x %struct.P], [3 x %struct.P]* %3, i64 0, i64 %11, i32 0
  store i32 %13, i32* %14, align 8, !tbaa !5
  %15 = trunc i64 %11 to i32
  %16 = add nsw i32 %15, %1
  %17 = trunc i32 %16 to i8
  %18 = getelementptr inbounds [3 x %struct.P], [3 x %struct.P]* %3, i64 0, i64 %11, i32 1
  store i8 %17, i8* %18, align 4, !tbaa !12
  %19 = add nsw i64 %7, %11
  %20 = getelementptr inbounds [3 x %struct.P], [3 x %struct.P]* %3, i64 0, i64 %11, i32 2
  store i64 %19, i64* %20, align 8, !tbaa !13
  %21 = getelementptr inbounds [3 x %struct.P], [3 x %struct.P]* %3, i64 0, i64 %11, i32 3
  store i16 %9, i16* %21, align 8, !tbaa !14
  %22 = add nuw nsw i64 %11, 1
  %23 = icmp eq i64 %22, 3
  br i1 %23, label %25, label %10, !llvm.loop !15

24:                                               ; preds = %25
  call void @llvm.lifetime.end.p0i8(i64 72, i8* nonnull %4) #2
  ret i32 %42

25:                                               ; preds = %10, %25
  %26 = phi i64 [ %43, %25 ], [ 0, %10 ]
  %27 = phi i32 [ %42, %25 ], [ 0, %10 ]
  %28 = getelementptr inbounds [3 x %struct.P], [3 x %struct.P]* %3, i64 0, i64 %26, i32 0
  %29 = load i32, i32* %28, align 8, !tbaa !5
  %30 = getelementptr inbounds [3 x %struct.P], [3 x %struct.P]* %3, i64 0, i64 %26, i32 1
  %31 = load i8, i8* %30, align 4, !tbaa !12
  %32 = sext i8 %31 to i32
  %33 = getelementptr inbounds [3 x %struct.P], [3 x %struct.P]* %3, i64 0, i64 %26, i32 2
  %34 = load i64, i64* %33, align 8, !tbaa !13
  %35 = trunc i64 %34 to i32
  %36 = getelementptr inbounds [3 x %struct.P], [3 x %struct.P]* %3, i64 0, i64 %26, i32 3
  %37 = load i16, i16* %36, align 8, !tbaa !14
  %38 = sext i16 %37 to i32
  %39 = add i32 %29, %27
  %40 = add i32 %39, %32
  %41 = add i32 %40, %35
  %42 = add i32 %41, %38
  %43 = add nuw nsw i64 %26, 1
  %44 = icmp eq i64 %43, 3
  br i1 %44, label %24, label %25, !llvm.loop !18
}

; Function Attrs: argmemonly mustprogress nofree nosync nounwind willreturn
declare void @llvm.lifetime.start.p0i8(i64 immarg, i8* nocapture) #1

; Function Attrs: argmemonly mustprogress nofree nosync nounwind willreturn
declare void @llvm.lifetime.end.p0i8(i64 immarg, i8* nocapture) #1

attributes #0 = { nofree noinline nosync nounwind readnone uwtable "frame-pointer"="none" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { argmemonly mustprogress nofree nosync nounwind willreturn }
attributes #2 = { nounwind }

!llvm.module.flags = !{!0, !1, !2, !3}
!llvm.ident = !{!4}

!0 = !{i32 1, !"wchar_size", i32 4}
!1 = !{i32 7, !"PIC Level", i32 2}
!2 = !{i32 7, !"PIE Level", i32 2}
!3 = !{i32 7, !"uwtable", i32 1}
!4 = !{!"Debian clang version 14.0.6"}
!5 = !{!6, !7, i64 0}
!6 = !{!"P", !7, i64 0, !8, i64 4, !10, i64 8, !11, i64 16}
!7 = !{!"int", !8, i64 0}
!8 = !{!"omnipotent char", !9, i64 0}
!9 = !{!"Simple C/C++ TBAA"}
!10 = !{!"long long", !8, i64 0}
!11 = !{!"short", !8, i64 0}
!12 = !{!6, !8, i64 4}
!13 = !{!6, !10, i64 8}
!14 = !{!6, !11, i64 16}
!15 = distinct !{!15, !16, !17}
!16 = !{!"llvm.loop.mustprogress"}
!17 = !{!"llvm.loop.unroll.disable"}
!18 = distinct !{!18, !16, !17}
