; The llvm-ir crate behind ir2json cannot read `callbr` (E-IR008), so tests/golden.rs reads this
; module and turns the asm call at the end of each block marked `; callbr` into a `callbr`
; terminator: `%r = callbr asm ... to label %ok [label %err]` for @jump and
; `callbr asm sideeffect "nop" to label %done []` for @nop.
target datalayout = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128"
target triple = "aarch64-unknown-linux-gnu"

define i32 @jump(i32 %x) {
entry: ; callbr
  %r = call i32 asm "cbz $1, ${2:l}; mov $0, $1", "=r,r,X"(i32 %x, i8* blockaddress(@jump, %err))
  br i1 true, label %ok, label %err
ok:
  %y = add i32 %r, 1
  ret i32 %y
err:
  %z = phi i32 [ -1, %entry ]
  ret i32 %z
}

define void @nop() {
entry: ; callbr
  call void asm sideeffect "nop", ""()
  br label %done
done:
  ret void
}
