; ModuleID = golden
source_filename = "golden.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; Function Attrs: nofree noinline norecurse nosync nounwind readnone uwtable
define dso_local i32 @f(i32 noundef %0, i32 noundef %1, i32 noundef %2, i32 noundef %3) local_unnamed_addr #0 {
  br label %5

5:                                                ; preds = %5, %4
  %6 = phi i32 [ %1, %4 ], [ %7, %5 ]
  %7 = phi i32 [ %2, %4 ], [ %9, %5 ]
  %8 = phi i32 [ %3, %4 ], [ %11, %5 ]
  %9 = phi i32 [ %0, %4 ], [ %6, %5 ]
  %10 = icmp sgt i32 %8, 0
  %11 = add nsw i32 %8, -1
  br i1 %10, label %5, label %12, !llvm.loop !5

12:                                               ; preds = %5
  %13 = mul nsw i32 %9, 10000
  %14 = mul nsw i32 %6, 100
  %15 = add i32 %7, %14
  %16 = add i32 %15, %13
  ret i32 %16
}

attributes #0 = { nofree noinline norecurse nosync nounwind readnone uwtable "frame-pointer"="none" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }

!llvm.module.flags = !{!0, !1, !2, !3}
!llvm.ident = !{!4}

!0 = !{i32 1, !"wchar_size", i32 4}
!1 = !{i32 7, !"PIC Level", i32 2}
!2 = !{i32 7, !"PIE Level", i32 2}
!3 = !{i32 7, !"uwtable", i32 1}
!4 = !{!"Debian clang version 14.0.6"}
!5 = distinct !{!5, !6, !7}
!6 = !{!"llvm.loop.mustprogress"}
!7 = !{!"llvm.loop.unroll.disable"}
