; Hand-written LLVM 14 module exercising every instruction and constant kind of the LLVM 14 language
; reference that C code compiled by clang-14 does not produce (or not reliably). Part of the ir2json
; golden tests (golden/all_instructions.json).
source_filename = "all_instructions.ll"
target datalayout = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128"
target triple = "aarch64-unknown-linux-gnu"

%struct.pair = type { i32, i64 }
%struct.packed = type <{ i8, i32 }>
%struct.opaque = type opaque
%struct.nested = type { %struct.pair, [3 x i16], <4 x float> }

@g_int = global i32 -1, align 4
@g_i128 = global i128 -170141183460469231731687303715884105728, align 16
@g_big = constant i128 18446744073709551617
@g_half = global half 0xH3C00
@g_fp128 = global fp128 0xL00000000000000003FFF000000000000
@g_x86 = global x86_fp80 0xK3FFF8000000000000000
@g_bf = global bfloat 0xR3F80
@g_double = global double 0x7FF8000000000001
@g_float = global float -0.000000e+00
@g_str = private unnamed_addr constant [6 x i8] c"hi\22\\\0A\00", align 1
@g_struct = global %struct.pair { i32 7, i64 -9 }
@g_packed = global %struct.packed <{ i8 1, i32 2 }>
@g_zero = global %struct.nested zeroinitializer
@g_vec = global <4 x i32> <i32 1, i32 undef, i32 poison, i32 -4>
@g_null = global i32* null
@g_expr = global i64 add (i64 ptrtoint (i32* @g_int to i64), i64 8)
@g_expr2 = global i64 sub nuw (i64 ptrtoint (i32* @g_int to i64), i64 mul nsw (i64 ptrtoint (i32* @g_weak to i64), i64 2))
@g_gep = global i32* getelementptr inbounds (%struct.pair, %struct.pair* @g_struct, i64 0, i32 0)
@g_cast = global i8* bitcast (i32* @g_int to i8*)
@g_icmp = global i1 icmp ult (i64 ptrtoint (i32* @g_int to i64), i64 ptrtoint (i32* @g_weak to i64))
@g_select = global i32 select (i1 icmp ult (i64 ptrtoint (i32* @g_int to i64), i64 ptrtoint (i32* @g_weak to i64)), i32 1, i32 2)
@g_ba = global i8* blockaddress(@indirect, %target2)
@g_tls = thread_local(initialexec) global i32 0
@g_ext = external global i32
@g_opq = external global %struct.opaque
@g_weak = weak global i32 0, section ".data.w", align 8
@g_alias = alias i32, i32* @g_int
@g_ifunc = ifunc void (), void ()* ()* @resolver
@g_anon = internal global [2 x { i8, i16 }] [{ i8, i16 } { i8 1, i16 2 }, { i8, i16 } zeroinitializer]

module asm ".globl marker"

declare void @ext(i32 noundef signext, i8* nocapture readonly) nounwind
declare i32 @vfun(i32, ...)
declare i32 @__gxx_personality_v0(...)
declare void @llvm.va_start(i8*)
declare void @llvm.va_end(i8*)
declare float @llvm.fabs.f32(float)

define internal void ()* @resolver() {
  ret void ()* null
}

define i32 @arith(i32 %a, i32 %b, i128 %w) {
entry:
  %add = add nsw i32 %a, %b
  %sub = sub nuw i32 %a, 1
  %mul = mul nuw nsw i32 %a, %b
  %udiv = udiv exact i32 %a, %b
  %sdiv = sdiv i32 %a, -7
  %urem = urem i32 %a, %b
  %srem = srem i32 %a, %b
  %shl = shl nuw i32 %a, 3
  %lshr = lshr exact i32 %a, 1
  %ashr = ashr i32 %a, 31
  %and = and i32 %a, 255
  %or = or i32 %a, %b
  %xor = xor i32 %a, -1
  %wide = mul i128 %w, 340282366920938463463374607431768211455
  %wsh = lshr i128 %wide, 64
  %t = trunc i128 %wsh to i32
  %r = add i32 %t, %add
  ret i32 %r
}

define float @floats(float %x, double %y, half %h) {
  %fadd = fadd fast float %x, 1.000000e+00
  %fsub = fsub nnan ninf float %x, %fadd
  %fmul = fmul float %fsub, 0x3FB99999A0000000
  %fdiv = fdiv arcp float %fmul, %x
  %frem = frem float %fdiv, 2.0
  %fneg = fneg nsz float %frem
  %ext = fpext float %fneg to double
  %tr = fptrunc double %ext to float
  %hx = fpext half %h to float
  %hh = fadd half %h, 0xH3C00
  %c = fcmp olt float %tr, %hx
  %c2 = fcmp uno double %y, 0x7FF0000000000000
  %c3 = fcmp true float %x, %x
  %ui = fptoui float %x to i32
  %si = fptosi double %y to i64
  %uf = uitofp i32 %ui to float
  %sf = sitofp i64 %si to float
  %abs = call float @llvm.fabs.f32(float %sf)
  %sel = select i1 %c, float %uf, float %abs
  ret float %sel
}

define i64 @memory(i32* %p, i64* %q) {
  %a = alloca i32, align 4
  %arr = alloca i8, i32 16, align 16
  store volatile i32 5, i32* %a, align 4
  %v = load volatile i32, i32* %a, align 4
  %la = load atomic i64, i64* %q acquire, align 8
  store atomic i64 %la, i64* %q release, align 8
  %lu = load atomic i32, i32* %p unordered, align 4
  %lm = load atomic i32, i32* %p syncscope("singlethread") monotonic, align 4
  fence acquire
  fence release
  fence acq_rel
  fence syncscope("singlethread") seq_cst
  %cx = cmpxchg i32* %p, i32 %v, i32 7 seq_cst acquire
  %cxw = cmpxchg weak volatile i64* %q, i64 0, i64 1 acq_rel monotonic
  %ok = extractvalue { i32, i1 } %cx, 1
  %old = extractvalue { i32, i1 } %cx, 0
  %r0 = atomicrmw xchg i32* %p, i32 1 monotonic
  %r1 = atomicrmw add i32* %p, i32 1 acquire
  %r2 = atomicrmw sub i32* %p, i32 1 release
  %r3 = atomicrmw and i32* %p, i32 1 acq_rel
  %r4 = atomicrmw nand i32* %p, i32 1 seq_cst
  %r5 = atomicrmw or i32* %p, i32 1 seq_cst
  %r6 = atomicrmw xor i32* %p, i32 1 seq_cst
  %r7 = atomicrmw max i32* %p, i32 1 seq_cst
  %r8 = atomicrmw min i32* %p, i32 1 seq_cst
  %r9 = atomicrmw umax i32* %p, i32 1 seq_cst
  %r10 = atomicrmw volatile umin i32* %p, i32 1 syncscope("singlethread") seq_cst
  %fp = bitcast i32* %p to float*
  %r11 = atomicrmw fadd float* %fp, float 1.0 seq_cst
  %r12 = atomicrmw fsub float* %fp, float 1.0 seq_cst
  %g = getelementptr inbounds %struct.nested, %struct.nested* null, i64 1, i32 1, i64 2
  %g2 = getelementptr i8, i8* %arr, i64 %la
  %pi = ptrtoint i16* %g to i64
  %ip = inttoptr i64 %pi to i8*
  %as = addrspacecast i8* %ip to i8 addrspace(1)*
  %z = zext i1 %ok to i64
  %s = sext i32 %old to i64
  %sum = add i64 %z, %s
  ret i64 %sum
}

define <4 x i32> @vectors(<4 x i32> %v, <4 x i32> %w, i32 %x) {
  %e = extractelement <4 x i32> %v, i32 0
  %i = insertelement <4 x i32> %v, i32 %x, i64 3
  %s = shufflevector <4 x i32> %i, <4 x i32> %w, <4 x i32> <i32 0, i32 5, i32 undef, i32 7>
  %z = shufflevector <4 x i32> %s, <4 x i32> undef, <4 x i32> zeroinitializer
  %c = icmp sgt <4 x i32> %z, <i32 1, i32 2, i32 3, i32 4>
  %sel = select <4 x i1> %c, <4 x i32> %z, <4 x i32> zeroinitializer
  %fr = freeze <4 x i32> %sel
  ret <4 x i32> %fr
}

define { i32, i64 } @aggregates(%struct.pair %p, [2 x i8] %a) {
  %f0 = extractvalue %struct.pair %p, 0
  %a1 = extractvalue [2 x i8] %a, 1
  %r0 = insertvalue { i32, i64 } undef, i32 %f0, 0
  %r1 = insertvalue { i32, i64 } %r0, i64 poison, 1
  ret { i32, i64 } %r1
}

define i32 @control(i32 %x, i8* %p) personality i32 (...)* @__gxx_personality_v0 {
entry:
  switch i32 %x, label %def [
    i32 0, label %a
    i32 -1, label %b
  ]
a:
  br label %join
b:
  %c = icmp ugt i32 %x, 10
  br i1 %c, label %join, label %def
def:
  invoke void @ext(i32 signext %x, i8* %p) to label %join unwind label %lpad
join:
  %phi = phi i32 [ 1, %a ], [ 2, %b ], [ 3, %def ]
  %call = tail call i32 (i32, ...) @vfun(i32 %phi, i32 7)
  ret i32 %call
lpad:
  %lp = landingpad { i8*, i32 }
          cleanup
          catch i8* null
          catch i8* bitcast (i32* @g_int to i8*)
          filter [1 x i8*] [i8* bitcast (i32* @g_int to i8*)]
  resume { i8*, i32 } %lp
}

define i32 @leaf(i32 %x) {
  %n = notail call fastcc i32 @leaf2(i32 %x)
  %m = musttail call i32 @leaf3(i32 %n)
  ret i32 %m
}

define i32 @leaf3(i32 %x) {
  ret i32 %x
}

define fastcc i32 @leaf2(i32 %x) alignstack(16) noinline align 32 section ".text.leaf" {
  ret i32 %x
}

define void @indirect(i8* %t) {
entry:
  indirectbr i8* %t, [label %target1, label %target2]
target1:
  unreachable
target2:
  ret void
}

define i32 @varargs(i32 %n, ...) {
  %ap = alloca i8*, align 8
  %ap1 = bitcast i8** %ap to i8*
  call void @llvm.va_start(i8* %ap1)
  %v = va_arg i8** %ap, i32
  call void @llvm.va_end(i8* %ap1)
  ret i32 %v
}

define i32 @asm_calls(i32 %x) {
entry:
  %r = call i32 asm sideeffect alignstack "add $0, $1, #1\0A\09// \22quoted\22", "=r,r,~{memory}"(i32 %x)
  %two = call { i32, i32 } asm "mov $0, $2; mov $1, $2", "=&r,=r,r"(i32 %r)
  call void asm inteldialect "nop", ""()
  %o = extractvalue { i32, i32 } %two, 1
  callbr void asm "cbz $0, ${1:l}", "r,X"(i32 %o, i8* blockaddress(@asm_calls, %err))
          to label %ok [label %err]
ok:
  ret i32 %o
err:
  ret i32 -1
}

define void @eh_funclets() personality i32 (...)* @__gxx_personality_v0 {
entry:
  invoke void @ext(i32 0, i8* null) to label %done unwind label %dispatch
dispatch:
  %cs = catchswitch within none [label %handler] unwind label %cleanup
handler:
  %cp = catchpad within %cs [i8* null, i32 64, i8* null]
  catchret from %cp to label %done
cleanup:
  %cl = cleanuppad within none []
  cleanupret from %cl unwind to caller
done:
  ret void
}
