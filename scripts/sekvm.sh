#!/usr/bin/env bash
# SeKVM stage A end to end (issue 13): `autov build sekvm-proof/proof.v`, `make` of the generated
# project, and the negatives (each must fail, in the named place).
#
#   scripts/sekvm.sh            the whole project (make -j2, then the assumption check) + negatives
#   scripts/sekvm.sh --subset   CI: a representative subset of make targets + negatives
#
# Reads ../shared/sekvm/SeKVM.ll (never copied into the repository; negatives patch a temporary copy).
# Figures (generation time, make time, slowest files) go to $SEKVM_FIGURES (default: stdout only).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
AUTOV=$ROOT/target/release/autov
IR=$ROOT/../shared/sekvm/SeKVM.ll
MODE=${1:-full}
[ -x "$AUTOV" ] || cargo build --release -q -p autov
[ -f "$IR" ] || { echo "sekvm: $IR not found (the shared inputs live next to the repository)"; exit 1; }
make -C coq-lib -j2 -s >/dev/null
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail=0
now() { date +%s.%N; }

# The negatives run two at a time (bg_run / bg_collect); `bg FUNCTION NAME ARGS...` runs one.
# shellcheck source=scripts/bg-jobs.sh
source scripts/bg-jobs.sh
BG_DIR=$WORK
bg() { bg_run "$2" "$@"; }

# A copy of sekvm-proof/ that reads a copy of the IR (the negatives patch one or the other).
copy_case() {
  local d=$WORK/$1
  cp -r sekvm-proof "$d"
  cp "$IR" "$d/SeKVM.ll"
  sed -i 's|"../../shared/sekvm/SeKVM.ll"|"SeKVM.ll"|' "$d/proof.v" "$d/memmap.map"
  echo "$d"
}

echo "== sekvm: autov build"
# The positive case is built from a copy too, so that a negative (a copy of the built project,
# regenerated from its patched copy) rewrites only the files its patch changes and make rebuilds
# only those and what depends on them.
pos=$(copy_case pos)
t0=$(now)
/usr/bin/time -f "%M" -o "$WORK/gen.mem" "$AUTOV" build "$pos/proof.v" -o "$pos/out" >"$WORK/build.log" 2>&1 \
  || { cat "$WORK/build.log"; echo "FAIL sekvm: autov build"; exit 1; }
t1=$(now)
grep -E "^(layer|Bottom|Accessors|Locks) " "$WORK/build.log" || true
tail -1 "$WORK/build.log"
gen=$(echo "$t1 - $t0" | bc)
echo "generation: ${gen}s, peak $(( $(cat "$WORK/gen.mem") / 1024 )) MB"

echo "== sekvm: make ($MODE)"
cd "$pos/out"
make -s Makefile.coq >/dev/null
export TIMED=1
t0=$(now)
if [ "$MODE" = "--subset" ]; then
  # the bottom, field specs (load, store, two indices, a computed vCPU slot, a pointer store, a
  # truth value), synthesised accessors with memory-map accesses lowered to their paths (a load and
  # a store with the out-of-bounds fallback of an unchecked index; get_pt_vttbr, field-level),
  # system-register wrappers (inline asm over the register view), two locks, a stage-2 walk step
  # (stage B, over page-table memory), the stage-2 tree layer (walk_npt, init_npt and set_npt against the
  # library's tree relation, the initial state, definedness, a lock passing through it) and a
  # lock-wrapped walk above it (S2PTOps), the SMMU walk passing through the stage-2 tree layer
  # and the SMMU tree layer's set and initial state, the access lemmas of the paths these use (MemMap.vo, all 63 paths' lemmas,
  # is half the subset's coqc time: the whole run checks it) and the hand lemmas about the
  # trusted lock, CPU-id and panic specs
  targets="Bottom/Layer.vo Proofs/locks.vo Proofs/bottom.vo
    Accessors/get_s2_page_vmid/RefProof.vo Accessors/get_s2_page_vmid/CodeProof.vo
    Accessors/set_vm_state/RefProof.vo Accessors/get_vm_load_addr/RefProof.vo
    Accessors/set_pgd_next/RefProof.vo
    Bottom/Asm.vo Accessors/get_esr_el2/RefProof.vo Accessors/get_esr_el2/CodeProof.vo
    Accessors/set_hcr_el2/RefProof.vo Accessors/get_pt_vttbr/RefProof.vo
    Locks/acquire_lock_vm/RefProof.vo Locks/acquire_lock_vm/CodeProof.vo
    Accessors/get_int_gpr/RefProof.vo Accessors/get_int_esr/CodeProof.vo
    Accessors/set_vm_vcpu/RefProof.vo Accessors/set_vm_vcpu/CodeProof.vo
    Accessors/get_vcpu_was_preempted/RefProof.vo
    S2PTWalk/walk_pte/RefProof.vo
    S2PTTreeOps/walk_npt/RefProof.vo S2PTTreeOps/init_npt/RefProof.vo S2PTTreeOps/set_npt/RefProof.vo
    S2PTTreeOps/InitRel.vo
    S2PTTreeOps/Defined.vo S2PTTreeOps/acquire_lock_pt/PassRef.vo S2PTOps/walk_s2pt/RefProof.vo
    S2PTTreeOps/walk_smmu_pgd/PassRef.vo SmmuPTTreeOps/set_smmu_pt/RefProof.vo SmmuPTTreeOps/InitRel.vo"
  make -f Makefile.coq -j2 $targets >"$WORK/make.log" 2>&1 || { tail -30 "$WORK/make.log"; echo "FAIL sekvm: make (subset)"; exit 1; }
else
  make -j2 >"$WORK/make.log" 2>&1 || { tail -30 "$WORK/make.log"; echo "FAIL sekvm: make"; exit 1; }
  grep "check-assumptions" "$WORK/make.log" || true
fi
t1=$(now)
echo "make: $(echo "$t1 - $t0" | bc)s wall"
echo "slowest files:"
grep -E "^[^ ]+ \(real: " "$WORK/make.log" | sed -E 's/^([^ ]+) \(real: ([0-9.]+).*/\2 \1/' | sort -rn | head -5 || true
cd "$ROOT"

# A negative must make `autov build` or `make <target>` fail, and the failure must name `$3`.
expect_fail() {
  local name=$1 log=$2 what=$3
  # the failure, not the COQC line of a file that may have compiled (no `grep -q`: under pipefail
  # its early exit can kill the first grep with SIGPIPE and fail the pipeline)
  if grep -v "^COQC " "$log" | grep -- "$what" >/dev/null; then
    echo "ok   $name: fails in $what"
  else
    tail -20 "$log"; echo "FAIL $name: the failure does not name $what"; fail=1
  fi
}

echo "== sekvm: negatives"
# An IR negative: the sed expression $2 applied to a copy of the IR (it must change it); `make $3`
# must fail, naming $4.
ir_negative() {
  local name=$1 expr=$2 target=$3 file=$4 why=$5
  d=$(copy_case "$name")
  sed -i "$expr" "$d/SeKVM.ll"
  if cmp -s "$IR" "$d/SeKVM.ll"; then
    echo "FAIL $name: the IR patch did not apply"; fail=1
  elif cp -a "$pos/out" "$d/out" && "$AUTOV" build "$d/proof.v" -o "$d/out" >"$d/build.log" 2>&1 \
     && (cd "$d/out" && make -s Makefile.coq >/dev/null && make -f Makefile.coq -j2 "$target") >"$d/make.log" 2>&1; then
    echo "FAIL $name: $why checks"; fail=1
  else
    [ -f "$d/make.log" ] || cp "$d/build.log" "$d/make.log"
    expect_fail "$name" "$d/make.log" "$file"
  fi
}
# (i) get_s2_page_vmid reads the neighbouring field (count instead of vmid)
bg ir_negative neg_neighbour_field \
  's/\(%vmid = getelementptr inbounds %struct.el2_data, %struct.el2_data\* %call, i64 0, i32 17, i64 %index, i32\) 1,/\1 0,/' \
  Accessors/get_s2_page_vmid/RefProof.vo Accessors/get_s2_page_vmid/RefProof.v "an accessor reading another field"
# (ii) map patch: s2_pages[i].gfn stated at offset 4 -> rejected before any Coq (E-MAP006)
d=$(copy_case neg_map_offset)
if ! (cd "$d" && patch -s -p1 < negative/neg_map_offset.patch) >"$d/patch.log" 2>&1; then
  cat "$d/patch.log"; echo "FAIL neg_map_offset: the patch does not apply"; fail=1
elif "$AUTOV" build "$d/proof.v" -o "$d/out" >"$d/build.log" 2>&1; then
  echo "FAIL neg_map_offset: a wrong offset builds"; fail=1
else
  expect_fail neg_map_offset "$d/build.log" "E-MAP006"
fi
# A patch negative: sekvm-proof/negative/$1.patch applied to a copy; `make $2` must fail, naming $3.
patch_negative() {
  local name=$1 target=$2 file=$3 why=$4
  d=$(copy_case "$name")
  # a patch that no longer applies (the files moved on) is a failure of its own, not the end
  if ! (cd "$d" && patch -s -p1 < "negative/$name.patch") >"$d/patch.log" 2>&1; then
    cat "$d/patch.log"; echo "FAIL $name: the patch does not apply"; fail=1; return
  fi
  cp -a "$pos/out" "$d/out"
  if "$AUTOV" build "$d/proof.v" -o "$d/out" >"$d/build.log" 2>&1 \
     && (cd "$d/out" && make -s Makefile.coq >/dev/null && make -f Makefile.coq -j2 "$target") >"$d/make.log" 2>&1; then
    echo "FAIL $name: $why checks"; fail=1
  else
    # a patch that `autov build` rejects fails there: show that log
    [ -f "$d/make.log" ] || cp "$d/build.log" "$d/make.log"
    expect_fail "$name" "$d/make.log" "$file"
  fi
}
# (iii) trusted-spec patches, each caught by a hand lemma or a generated proof:
# release forgets to clear the holder -> Proofs/locks.v (acquire then release restores the holders)
bg patch_negative neg_unlock_keeps_holder Proofs/locks.vo Proofs/locks.v "a release that keeps the holder"
# pt_store also frees a lock -> Proofs/bottom.v (a page-table store writes its entry and nothing else)
bg patch_negative neg_pt_store_locks Proofs/bottom.vo Proofs/bottom.v "a page-table store that changes the lock table"
# (the other negatives of Proofs/locks.v and Proofs/bottom.v -- acquire for another CPU, the two
# get_cpuid ones, __hyp_panic returning, the other page-table, print and v_panic ones -- are in the
# whole run only, below: CI's budget; each rebuilds the same file as the one above)
# (iv) acquire_lock_vm takes the VM's stage-2 table lock word (shadow_pt_lock, field 7) instead of
# its own (vm_lock, field 8) -> its lock-level spec's RefProof fails
bg ir_negative neg_wrong_lock_word \
  '/^define .*@acquire_lock_vm(/,/^}/ s/\(%vm_lock = getelementptr inbounds %struct.el2_data, %struct.el2_data\* %call, i64 0, i32 21, i64 %idxprom, i32\) 8,/\1 7,/' \
  Locks/acquire_lock_vm/RefProof.vo Locks/acquire_lock_vm/RefProof.v "a lock primitive taking another lock's word"
# (x) the stage-2 tree layer (S2PTTreeOps): walk_pmd extracting its index with the level-1 shift
# (27 instead of 18) fails in Proofs/s2pt.v (set_npt's lemma about walk_pmd's entry address); a
# set_npt spec writing a page without the level-3 marker bit (2^56) fails in set_npt's lemma in
# Proofs/s2pt.v (a walk_npt spec ignoring blocks is in the whole run, below: 33 s, and coq-lib's
# tests/pt/N_walk_noblock.v checks the library's side of it in CI)
bg ir_negative neg_walk_pmd_shift \
  '/^define .*@walk_pmd(/,/^}/ s/%0 = lshr i64 %addr, 18,/%0 = lshr i64 %addr, 27,/' \
  S2PTTreeOps/set_npt/RefProof.vo Proofs/s2pt.v "a walk step with another level's index"
bg patch_negative neg_set_no_marker S2PTTreeOps/set_npt/RefProof.vo Proofs/s2pt.v \
  "a page set without the level-3 marker bit"
# (xi) the SMMU tree layer (SmmuPTTreeOps): a set_smmu_pt spec that keeps an entry when the
# descriptor is zero fails in set_smmu_pt's leaf-write lemma in Proofs/smmupt.v
bg patch_negative neg_smmu_set_zero_keeps SmmuPTTreeOps/set_smmu_pt/RefProof.vo Proofs/smmupt.v \
  "a set_smmu_pt spec that keeps an entry for a zero descriptor"
# An IR negative rejected before any Coq: the sed expression $2 applied to a copy of the IR (it
# must change it); `autov build` must fail with code $3.
ir_build_negative() {
  local name=$1 expr=$2 code=$3 why=$4
  d=$(copy_case "$name")
  sed -i "$expr" "$d/SeKVM.ll"
  if cmp -s "$IR" "$d/SeKVM.ll"; then
    echo "FAIL $name: the IR patch did not apply"; fail=1
  elif "$AUTOV" build "$d/proof.v" -o "$d/out" >"$d/build.log" 2>&1; then
    echo "FAIL $name: $why builds"; fail=1
  else
    expect_fail "$name" "$d/build.log" "$code"
  fi
}
# (vi) get_int_gpr computes the vCPU slot as vmid * 8 + vcpuid: the map declares
# `vcpu_pool[i = vmid * 4 + vcpuid]` -> rejected before any Coq (E-MAP011)
bg ir_build_negative neg_wrong_slot \
  '/^define .*@get_int_gpr(/,/^}/ s/%mul = shl i32 %vmid, 2,/%mul = shl i32 %vmid, 3,/' \
  E-MAP011 "an accessor computing another slot"
# (vi') set_shadow_ctxt writes sys_regs[index - 46]: the map declares `sys_regs[r = index - 47]`
# -> rejected before any Coq (E-MAP011)
bg ir_build_negative neg_sysreg_offset \
  '/^define .*@set_shadow_ctxt(/,/^}/ s/%sub = add i32 %index, -47,/%sub = add i32 %index, -46,/' \
  E-MAP011 "an accessor computing another system-register index"
# (vii) the trusted start of the shared data points at the EL2 data -> the shared-data accessors'
# RefProofs, e.g. get_int_esr's. Like neg_start_offset it rebuilds every accessor's low
# spec (about a minute), so CI's subset leaves it to the full run.
if [ "$MODE" != "--subset" ]; then
  # (v) the system-register wrapper get_esr_el2 reads FAR_EL2 (its inline asm names another
  # register) -> its RefProof fails (the asm runs over the register view; the hand spec says
  # ESR_EL2). It rebuilds the accessors' specs (47 s), so CI leaves it to the full run; CI's IR
  # negatives caught in a RefProof are neg_neighbour_field and neg_walk_pmd_shift.
  bg ir_negative neg_wrong_asm_register \
    '/^define .*@get_esr_el2(/,/^}/ s/mrs $0, esr_el2/mrs $0, far_el2/' \
    Accessors/get_esr_el2/RefProof.vo Accessors/get_esr_el2/RefProof.v "a wrapper reading another system register"
  # get_cpuid admits a 17th CPU (no per-CPU slot) -> Proofs/bottom.v (the id names one of 16 slots)
  bg patch_negative neg_cpuid_bound Proofs/bottom.vo Proofs/bottom.v "a CPU id beyond the per-CPU slots"
  # get_cpuid changes the state -> Proofs/bottom.v
  bg patch_negative neg_cpuid_resets Proofs/bottom.vo Proofs/bottom.v "a get_cpuid that writes the state"
  # acquire records another CPU as the holder -> Proofs/locks.v (acquire makes this CPU the holder)
  bg patch_negative neg_acquire_other_cpu Proofs/locks.vo Proofs/locks.v "an acquire for another CPU"
  # __hyp_panic returns -> Proofs/bottom.v (a panic has no final state)
  bg patch_negative neg_panic_returns Proofs/bottom.vo Proofs/bottom.v "a panic that returns"
  bg patch_negative neg_pt_load_other Proofs/bottom.vo Proofs/bottom.v "a page-table load of another entry"
  bg patch_negative neg_print_changes Proofs/bottom.vo Proofs/bottom.v "a console print that writes the state"
  bg patch_negative neg_vpanic_returns Proofs/bottom.vo Proofs/bottom.v "a v_panic that returns"
  bg patch_negative neg_smmu_store_other Proofs/bottom.vo Proofs/bottom.v "an SMMU table store at another entry"
  bg patch_negative neg_tlb_flush_changes Proofs/bottom.vo Proofs/bottom.v "a TLB flush that writes the state"
  # (iii') the object's start is off by 8 bytes -> every field accessor's RefProof, e.g.
  # set_vm_state's (rebuilds every low spec too: full run only since the suite neared 20 minutes)
  bg patch_negative neg_start_offset Accessors/set_vm_state/RefProof.vo Accessors/set_vm_state/RefProof.v \
    "a shifted start of the EL2 data"
  bg patch_negative neg_shared_start Accessors/get_int_esr/RefProof.vo Accessors/get_int_esr/RefProof.v \
    "a start of the shared data at another object"
  # (viii) the register view and the system-register wrappers' hand specs, each caught by a
  # wrapper's RefProof: the view reading 0 / dropping writes; a wrapper writing another register,
  # another value, or nothing. They rebuild the layer's specs (the view is the bottom's), so they
  # run in the full script only.
  bg patch_negative neg_view_get Accessors/get_esr_el2/RefProof.vo Accessors/get_esr_el2/RefProof.v \
    "a register view whose reads return 0"
  bg patch_negative neg_view_set Accessors/set_hcr_el2/RefProof.vo Accessors/set_hcr_el2/RefProof.v \
    "a register view that drops writes"
  bg patch_negative neg_wrapper_hcr Accessors/set_hcr_el2/RefProof.vo Accessors/set_hcr_el2/RefProof.v \
    "set_hcr_el2 specified as writing VTTBR_EL2"
  bg patch_negative neg_wrapper_tpidr Accessors/set_tpidr_el2/RefProof.vo \
    Accessors/set_tpidr_el2/RefProof.v "set_tpidr_el2 specified as writing v + 1"
  bg patch_negative neg_wrapper_vttbr Accessors/set_vttbr_el2/RefProof.vo \
    Accessors/set_vttbr_el2/RefProof.v "set_vttbr_el2 specified as writing nothing"
  # (x') a walk_npt spec ignoring block entries -> its RefProof
  bg patch_negative neg_walk_noblock S2PTTreeOps/walk_npt/RefProof.vo S2PTTreeOps/walk_npt/RefProof.v \
    "a walk_npt spec that ignores block entries"
  # the tree layer's hand-written parts: boot pools 16 MiB apart (the host's 32 MiB pool
  # overlaps VM 1's) -> the initial-state lemma in Proofs/s2pt.v; init_npt specified without the
  # VMID bits -> its RefProof; a relation that forgets where a VM's root is -> the walk's lemma in
  # Proofs/s2pt.v
  bg patch_negative neg_init_pools_overlap Proofs/s2pt.vo Proofs/s2pt.v "overlapping boot pools"
  bg patch_negative neg_init_npt_no_vmid S2PTTreeOps/init_npt/RefProof.vo \
    S2PTTreeOps/init_npt/RefProof.v "init_npt specified without the VMID bits"
  bg patch_negative neg_rel_rootless Proofs/s2pt.vo Proofs/s2pt.v "a relation without the root's place"
  # set_npt: a spec that allocates a level-3 table without counting it, and a relation without
  # the walk's shape (the tables set_npt's allocations depend on) -> Proofs/s2pt.v
  bg patch_negative neg_set_uncounted Proofs/s2pt.vo Proofs/s2pt.v "a set_npt spec that does not count its allocation"
  bg patch_negative neg_rel_shapeless Proofs/s2pt.vo Proofs/s2pt.v "a relation without the walk's shape"
  # a trusted lock acquire that also writes page-table memory -> the obligation of acquire_lock_pt
  # passing through the tree layer (rebuilds every spec: the lock operations are global)
  bg patch_negative neg_lock_writes_tables S2PTTreeOps/acquire_lock_pt/PassRef.vo \
    S2PTTreeOps/acquire_lock_pt/PassRef.v "a lock acquire that writes the tables"
  # (xi') the SMMU side: a walk_smmu_pt spec reading another context, a set_smmu_pt spec that
  # does not count a level-2 allocation -> Proofs/smmupt.v; SMMU table loads without their rely
  # (an address outside every stage-2 pool), a clear of half the root -> Proofs/bottom.v; an
  # init_smmu_pt spec that keeps the map,
  # a relation without the SMMU pool's distance from the stage-2 pools, an SMMU pool at boot inside
  # VM 0's, walk_smmu_pmd extracting its index with the level-1 shift -> Proofs/smmupt.v
  bg patch_negative neg_smmu_walk_other_ctx SmmuPTTreeOps/walk_smmu_pt/RefProof.vo Proofs/smmupt.v \
    "a walk_smmu_pt spec reading another context"
  bg patch_negative neg_smmu_set_uncounted SmmuPTTreeOps/set_smmu_pt/RefProof.vo Proofs/smmupt.v \
    "a set_smmu_pt spec that does not count its level-2 allocation"
  bg patch_negative neg_smmu_rely_dropped Proofs/bottom.vo Proofs/bottom.v "an SMMU table load without its rely"
  bg patch_negative neg_smmu_clear_half Proofs/bottom.vo Proofs/bottom.v "an SMMU root clear of 4 KiB"
  bg patch_negative neg_smmu_init_keeps SmmuPTTreeOps/init_smmu_pt/RefProof.vo Proofs/smmupt.v \
    "an init_smmu_pt spec that keeps the context's map"
  bg patch_negative neg_smmu_rel_overlap Proofs/smmupt.vo Proofs/smmupt.v \
    "an SMMU relation without the pool's distance from the stage-2 pools"
  bg patch_negative neg_smmu_pool_in_s2 Proofs/smmupt.vo Proofs/smmupt.v "an SMMU pool inside VM 0's stage-2 pool"
  bg ir_negative neg_smmu_walk_pmd_shift \
    '/^define .*@walk_smmu_pmd(/,/^}/ s/%0 = lshr i64 %addr, 18,/%0 = lshr i64 %addr, 27,/' \
    SmmuPTTreeOps/walk_smmu_pt/RefProof.vo Proofs/smmupt.v "an SMMU walk step with another level's index"
  # (ix) the map swaps two of get_shadow_ctxt's cases (index 42 reading HCR_EL2, 43 HPFAR_EL2)
  # -> its RefProof (the code reads HPFAR_EL2 at 42)
  bg patch_negative neg_shadow_case Accessors/get_shadow_ctxt/RefProof.vo \
    Accessors/get_shadow_ctxt/RefProof.v "get_shadow_ctxt's cases swapped in the map"
fi
bg_collect
[ $fail = 0 ] && echo "sekvm: ok" || { echo "sekvm: FAILED"; exit 1; }
