; ModuleID = 'exceptions.cpp'
source_filename = "exceptions.cpp"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.Guard = type { i32* }

@_ZTIi = external constant i8*

; Function Attrs: mustprogress uwtable
define dso_local noundef i32 @_Z7catchesi(i32 noundef %0) local_unnamed_addr #0 personality i8* bitcast (i32 (...)* @__gxx_personality_v0 to i8*) {
  invoke void @_Z9may_throwi(i32 noundef %0)
          to label %13 unwind label %2

2:                                                ; preds = %1
  %3 = landingpad { i8*, i32 }
          catch i8* bitcast (i8** @_ZTIi to i8*)
          catch i8* null
  %4 = extractvalue { i8*, i32 } %3, 0
  %5 = extractvalue { i8*, i32 } %3, 1
  %6 = call i32 @llvm.eh.typeid.for(i8* bitcast (i8** @_ZTIi to i8*)) #5
  %7 = icmp eq i32 %5, %6
  %8 = call i8* @__cxa_begin_catch(i8* %4) #5
  br i1 %7, label %9, label %12

9:                                                ; preds = %2
  %10 = bitcast i8* %8 to i32*
  %11 = load i32, i32* %10, align 4, !tbaa !5
  call void @__cxa_end_catch() #5
  br label %13

12:                                               ; preds = %2
  call void @__cxa_end_catch()
  br label %13

13:                                               ; preds = %1, %9, %12
  %14 = phi i32 [ %11, %9 ], [ -1, %12 ], [ %0, %1 ]
  ret i32 %14
}

declare void @_Z9may_throwi(i32 noundef) local_unnamed_addr #1

declare i32 @__gxx_personality_v0(...)

; Function Attrs: nofree nosync nounwind readnone
declare i32 @llvm.eh.typeid.for(i8*) #2

declare i8* @__cxa_begin_catch(i8*) local_unnamed_addr

declare void @__cxa_end_catch() local_unnamed_addr

; Function Attrs: argmemonly mustprogress nofree nosync nounwind willreturn
declare void @llvm.lifetime.start.p0i8(i64 immarg, i8* nocapture) #3

; Function Attrs: argmemonly mustprogress nofree nosync nounwind willreturn
declare void @llvm.lifetime.end.p0i8(i64 immarg, i8* nocapture) #3

; Function Attrs: mustprogress uwtable
define dso_local noundef i32 @_Z7cleanupPii(i32* noundef %0, i32 noundef %1) local_unnamed_addr #0 personality i8* bitcast (i32 (...)* @__gxx_personality_v0 to i8*) {
  %3 = alloca %struct.Guard, align 8
  %4 = bitcast %struct.Guard* %3 to i8*
  call void @llvm.lifetime.start.p0i8(i64 8, i8* nonnull %4) #5
  %5 = getelementptr inbounds %struct.Guard, %struct.Guard* %3, i64 0, i32 0
  store i32* %0, i32** %5, align 8, !tbaa !9
  invoke void @_Z9may_throwi(i32 noundef %1)
          to label %6 unwind label %8

6:                                                ; preds = %2
  %7 = add nsw i32 %1, 1
  call void @_ZN5GuardD1Ev(%struct.Guard* noundef nonnull align 8 dereferenceable(8) %3) #5
  call void @llvm.lifetime.end.p0i8(i64 8, i8* nonnull %4) #5
  ret i32 %7

8:                                                ; preds = %2
  %9 = landingpad { i8*, i32 }
          cleanup
  call void @_ZN5GuardD1Ev(%struct.Guard* noundef nonnull align 8 dereferenceable(8) %3) #5
  call void @llvm.lifetime.end.p0i8(i64 8, i8* nonnull %4) #5
  resume { i8*, i32 } %9
}

; Function Attrs: nounwind
declare void @_ZN5GuardD1Ev(%struct.Guard* noundef nonnull align 8 dereferenceable(8)) unnamed_addr #4

attributes #0 = { mustprogress uwtable "frame-pointer"="none" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { "frame-pointer"="none" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #2 = { nofree nosync nounwind readnone }
attributes #3 = { argmemonly mustprogress nofree nosync nounwind willreturn }
attributes #4 = { nounwind "frame-pointer"="none" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #5 = { nounwind }

!llvm.module.flags = !{!0, !1, !2, !3}
!llvm.ident = !{!4}

!0 = !{i32 1, !"wchar_size", i32 4}
!1 = !{i32 7, !"PIC Level", i32 2}
!2 = !{i32 7, !"PIE Level", i32 2}
!3 = !{i32 7, !"uwtable", i32 1}
!4 = !{!"Debian clang version 14.0.6"}
!5 = !{!6, !6, i64 0}
!6 = !{!"int", !7, i64 0}
!7 = !{!"omnipotent char", !8, i64 0}
!8 = !{!"Simple C++ TBAA"}
!9 = !{!10, !11, i64 0}
!10 = !{!"_ZTS5Guard", !11, i64 0}
!11 = !{!"any pointer", !7, i64 0}
