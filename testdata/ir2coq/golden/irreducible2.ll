; ModuleID = golden
source_filename = "golden.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; Function Attrs: nofree noinline norecurse nosync nounwind readnone uwtable
define dso_local i32 @f(i32 noundef %0, i32 noundef %1) local_unnamed_addr #0 {
  %3 = and i32 %0, 1
  %4 = icmp eq i32 %3, 0
  br i1 %4, label %5, label %17

5:                                                ; preds = %26, %2
  %6 = phi i32 [ %1, %2 ], [ %24, %26 ]
  %7 = phi i32 [ 0, %2 ], [ %23, %26 ]
  br label %8

8:                                                ; preds = %5, %14
  %9 = phi i32 [ %12, %14 ], [ %6, %5 ]
  %10 = phi i32 [ %11, %14 ], [ %7, %5 ]
  %11 = add nsw i32 %10, 3
  %12 = add nsw i32 %9, -1
  %13 = icmp slt i32 %9, 2
  br i1 %13, label %29, label %14

14:                                               ; preds = %8
  %15 = srem i32 %11, 5
  %16 = icmp eq i32 %15, 0
  br i1 %16, label %17, label %8

17:                                               ; preds = %14, %2
  %18 = phi i32 [ %1, %2 ], [ %12, %14 ]
  %19 = phi i32 [ 0, %2 ], [ %11, %14 ]
  br label %20

20:                                               ; preds = %17, %26
  %21 = phi i32 [ %24, %26 ], [ %18, %17 ]
  %22 = phi i32 [ %23, %26 ], [ %19, %17 ]
  %23 = add nsw i32 %22, 7
  %24 = add nsw i32 %21, -1
  %25 = icmp slt i32 %21, 2
  br i1 %25, label %29, label %26

26:                                               ; preds = %20
  %27 = and i32 %23, 3
  %28 = icmp eq i32 %27, 0
  br i1 %28, label %5, label %20

29:                                               ; preds = %8, %20
  %30 = phi i32 [ %23, %20 ], [ %11, %8 ]
  ret i32 %30
}

attributes #0 = { nofree noinline norecurse nosync nounwind readnone uwtable "frame-pointer"="none" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }

!llvm.module.flags = !{!0, !1, !2, !3}
!llvm.ident = !{!4}

!0 = !{i32 1, !"wchar_size", i32 4}
!1 = !{i32 7, !"PIC Level", i32 2}
!2 = !{i32 7, !"PIE Level", i32 2}
!3 = !{i32 7, !"uwtable", i32 1}
!4 = !{!"Debian clang version 14.0.6"}
