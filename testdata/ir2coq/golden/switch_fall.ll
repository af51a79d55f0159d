; ModuleID = golden
source_filename = "golden.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; Function Attrs: mustprogress nofree noinline norecurse nosync nounwind readnone uwtable willreturn
define dso_local i32 @f(i32 noundef %0) local_unnamed_addr #0 {
  switch i32 %0, label %8 [
    i32 0, label %2
    i32 1, label %9
    i32 2, label %3
    i32 3, label %4
    i32 4, label %6
  ]

2:                                                ; preds = %1
  br label %9

3:                                                ; preds = %1
  br label %4

4:                                                ; preds = %1, %3
  %5 = phi i32 [ 2000, %1 ], [ 2200, %3 ]
  br label %6

6:                                                ; preds = %1, %4
  %7 = phi i32 [ 0, %1 ], [ %5, %4 ]
  br label %9

8:                                                ; preds = %1
  br label %9

9:                                                ; preds = %2, %1, %8, %6
  %10 = phi i32 [ -5, %8 ], [ %7, %6 ], [ 10, %1 ], [ 11, %2 ]
  ret i32 %10
}

attributes #0 = { mustprogress nofree noinline norecurse nosync nounwind readnone uwtable willreturn "frame-pointer"="none" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }

!llvm.module.flags = !{!0, !1, !2, !3}
!llvm.ident = !{!4}

!0 = !{i32 1, !"wchar_size", i32 4}
!1 = !{i32 7, !"PIC Level", i32 2}
!2 = !{i32 7, !"PIE Level", i32 2}
!3 = !{i32 7, !"uwtable", i32 1}
!4 = !{!"Debian clang version 14.0.6"}
