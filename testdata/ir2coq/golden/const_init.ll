; Hand-written: global initializers that are constant expressions, and byte strings.
target datalayout = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128"
target triple = "aarch64-unknown-linux-gnu"

%struct.pair = type { i32, [3 x i64] }

@tab = global [4 x i32] [i32 1, i32 2, i32 3, i32 4]
@pr = global %struct.pair zeroinitializer
@x = global i32 0
@y = global i32 0
; pointer plus offset (the mbedtls_psa_random_state shape)
@p_off = constant i8* bitcast (i32* getelementptr ([4 x i32], [4 x i32]* @tab, i64 0, i64 2) to i8*)
@p_field = constant i64* getelementptr (%struct.pair, %struct.pair* @pr, i64 0, i32 1, i64 1)
@p_nested = constant i8* getelementptr (i8, i8* bitcast (i64* getelementptr (%struct.pair, %struct.pair* @pr, i64 0, i32 1, i64 1) to i8*), i64 -3)
@p_int = constant i8* inttoptr (i64 4096 to i8*)
@p_back = constant i32* getelementptr (i32, i32* inttoptr (i64 4096 to i32*), i64 -1)
@d_ptr = constant i64 sub (i64 ptrtoint (i32* @y to i64), i64 ptrtoint (i32* @x to i64))
@d_rel = constant i32 trunc (i64 sub (i64 ptrtoint (i32* @y to i64), i64 ptrtoint (i32* @x to i64)) to i32)
@eq = constant i1 icmp eq (i32* @x, i32* @y)
@sel = constant i32 select (i1 icmp eq (i32* @x, i32* @x), i32 7, i32 8)
@str = constant [7 x i8] c"a\\b\22\0A\00\FF"
@long = constant [70 x i8] c"0123456789012345678901234567890123456789012345678901234567890123456789"
@arr = constant [2 x [3 x i8]] [[3 x i8] c"ab\00", [3 x i8] c"cd\00"]

define i32* @get() {
  ret i32* getelementptr ([4 x i32], [4 x i32]* @tab, i64 0, i64 1)
}
