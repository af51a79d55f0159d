; Hand-written: va_arg (a layer primitive per site).
target datalayout = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128"
target triple = "aarch64-unknown-linux-gnu"

declare void @llvm.va_start(i8*)
declare void @llvm.va_end(i8*)

define i32 @sum2(i32 %n, ...) {
entry:
  %ap = alloca [32 x i8], align 8
  %p = bitcast [32 x i8]* %ap to i8*
  call void @llvm.va_start(i8* %p)
  %a = va_arg i8* %p, i32
  %b = va_arg i8* %p, i64
  %bt = trunc i64 %b to i32
  %s = add i32 %a, %bt
  call void @llvm.va_end(i8* %p)
  ret i32 %s
}

