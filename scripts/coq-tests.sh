#!/usr/bin/env bash
# Builds coq-lib (logical name AutoV), compiles its positive tests (which must be accepted), then
# its negative tests (wrong specs, each of which coqc must reject), and checks Print Assumptions.
set -uo pipefail
cd "$(dirname "$0")/.."

JOBS="${COQ_JOBS:-2}"
echo "== coq-lib: make -C coq-lib -j$JOBS"
start=$(date +%s)
make -C coq-lib -j"$JOBS" >/tmp/coq-lib-build.$$ 2>&1 || { cat /tmp/coq-lib-build.$$; rm -f /tmp/coq-lib-build.$$; echo "coq-tests: library build failed"; exit 1; }
rm -f /tmp/coq-lib-build.$$
echo "coq-lib built in $(( $(date +%s) - start ))s"

LIB="$PWD/coq-lib"
T="$LIB/tests"
COQC=(coqc -q -w -overriding-logical-loadpath -Q "$LIB" AutoV -Q "$T/sum" ExSum -Q "$T/prog" Prog -Q "$T/gen" G -Q "$T/pos" T)
passed=0
failed=0
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT

# coqc prints a load-path remapping warning (tests/ lives inside the AutoV tree); drop it.
run_coqc() {
  "${COQC[@]}" "$1" >"$LOG" 2>&1
  local rc=$?
  grep -v -e 'overriding-logical-loadpath' -e 'was previously bound to' -e '^AutoV\.tests' "$LOG" >"$LOG.f" || true
  mv "$LOG.f" "$LOG"
  return $rc
}

positive() {
  local f="$1"
  if run_coqc "$f"; then
    passed=$((passed + 1)); echo "ok    $f"
  else
    failed=$((failed + 1)); echo "FAIL  $f (should be accepted)"; cat "$LOG"
  fi
}

negative() {
  local f="$1"
  if timeout 120 "${COQC[@]}" "$f" >"$LOG" 2>&1; then
    failed=$((failed + 1)); echo "FAIL  $f (wrong spec accepted)"
  else
    # The rejection must come from a proof, not from a broken statement: the error must be
    # located at or after the file's first "Proof." line.
    local err_line proof_line
    err_line=$(grep -o 'line [0-9]*' "$LOG" | head -1 | cut -d' ' -f2)
    proof_line=$(grep -n '^Proof' "$f" | head -1 | cut -d: -f1)
    if [ -n "$err_line" ] && [ -n "$proof_line" ] && [ "$err_line" -ge "$proof_line" ]; then
      passed=$((passed + 1)); echo "ok    $f (rejected at line $err_line)"
    else
      failed=$((failed + 1)); echo "FAIL  $f (rejected before its proof, line ${err_line:-?}):"; cat "$LOG"
    fi
  fi
  rm -f "${f%.v}.vo" "${f%.v}.vok" "${f%.v}.vos" "${f%.v}.glob"
}

# Print Assumptions: every theorem the file $1 prints (its coqc output in $LOG) must be closed
# under the global context; $2 names the check.
assumptions_closed() {
  local n_closed n_checked
  n_closed=$(grep -c 'Closed under the global context' "$LOG" || true)
  n_checked=$(grep -c '^Print Assumptions' "$1" || true)
  if [ "$n_closed" = "$n_checked" ]; then
    passed=$((passed + 1)); echo "ok    $2: $n_closed/$n_checked theorems closed"
  else
    failed=$((failed + 1)); echo "FAIL  $2: only $n_closed/$n_checked closed"; cat "$LOG"
  fi
}

# Negatives written as patches of positive tests (`--- pos/T_x.v` / `+++ neg/N_y.v`, paths relative
# to tests/), each in folder $1: applied into a scratch folder, each must be rejected inside a proof.
patch_negatives() {
  local p base out
  for p in "$1"/*.patch; do
    [ -f "$p" ] || continue
    base=$(sed -n '1s/^--- //p' "$p")
    out="$GEN/$(basename "$p" .patch).v"
    if [ -z "$base" ] || ! patch -s -o "$out" "$T/$base" <"$p" >"$LOG" 2>&1; then
      failed=$((failed + 1)); echo "FAIL  $p does not apply to tests/$base:"; cat "$LOG"; continue
    fi
    negative "$out"
  done
}

# Patched copies of tests (negatives written as patches) and the sections' logs.
GEN=$(mktemp -d)
trap 'rm -f "$LOG"; rm -rf "$GEN"' EXIT

# Three independent sections (the core tests, the page-table library, the MMU layers), each a
# chain of single coqc runs: they run side by side, each with its own log and counts, and their
# outputs are printed in order when all are done.
core_tests() {
  echo "== coq-lib positive tests"
  for f in sum/Globals sum/F_sum sum/Code \
           prog/Globals prog/F_arith prog/F_branch prog/F_find prog/F_callp prog/F_inc prog/F_inc2 prog/Code \
           gen/Types gen/Globals gen/F_f gen/Code \
           pos/Layers pos/Layers2 pos/T_arith pos/T_branch pos/T_find pos/T_callp pos/T_inc pos/T_compose \
           pos/T_interp pos/T_gen pos/T_sem pos/T_ub pos/T_asmview pos/T_signed pos/T_synth pos/T_pass pos/Assumptions; do
    [ -f "$T/$f.v" ] && positive "$T/$f.v"
  done

  # Print Assumptions: every checked theorem must be closed under the global context.
  if [ -f "$T/pos/Assumptions.v" ]; then
    run_coqc "$T/pos/Assumptions.v" || true
    assumptions_closed "$T/pos/Assumptions.v" "Print Assumptions"
  fi

  # No Admitted / admit / Axiom anywhere in coq-lib.
  if grep -rnwE 'Admitted|admit|Axiom|Parameter' --include='*.v' coq-lib >/dev/null; then
    failed=$((failed + 1)); echo "FAIL  coq-lib contains Admitted/admit/Axiom/Parameter:"
    grep -rnwE 'Admitted|admit|Axiom|Parameter' --include='*.v' coq-lib
  else
    passed=$((passed + 1)); echo "ok    no Admitted/admit/Axiom/Parameter in coq-lib"
  fi

  echo "== coq-lib negative tests (each must be rejected)"
  for f in "$T"/neg/*.v; do
    [ -f "$f" ] && negative "$f"
  done
  patch_negatives "$T"/neg
}

pt_tests() {
  # ================================================================ page-table library (coq-lib/PT)
  # Worked examples on the SeKVM stage-2, SMMU and demonstration instances (tests/pt, logical name
  # PTT), Print Assumptions of the library's main theorems, and negatives written as patches of the
  # examples (tests/pt/neg/*.patch: `--- pt/T_x.v` / `+++ neg/N_y.v`), each rejected inside a proof.
  echo "== coq-lib page-table library tests (tests/pt)"
  COQC+=(-Q "$T/pt" PTT)
  for f in pt/T_s2 pt/T_smmu pt/T_demo; do
    [ -f "$T/$f.v" ] && positive "$T/$f.v"
  done
  if [ -f "$T/pt/Assumptions.v" ]; then
    run_coqc "$T/pt/Assumptions.v" || true
    assumptions_closed "$T/pt/Assumptions.v" "PT Print Assumptions"
  fi
  patch_negatives "$T"/pt/neg
  # ================================================================ end page-table library
}

mmu_tests() {
  # ===================== MMU layers (coq-lib/MMU, issue 16) =====================
  # Positive tests: concrete executions of the MMU models (tests/mmu/T_*.v), then Print Assumptions
  # of the main theorems and tests.  Negative tests: each tests/mmu/neg/*.patch weakens one
  # condition (or hardware assumption) in a scratch copy of coq-lib/MMU; the copy is rebuilt in
  # _CoqProject order and the first failure must be in the file and lemma its "# expect:" line names.
  echo "== coq-lib MMU tests"
  MT="$T/mmu"
  MCOQC=(coqc -q -w -overriding-logical-loadpath -Q "$LIB" AutoV -Q "$MT" MMUT)
  run_mcoqc() {
    "${MCOQC[@]}" "$1" >"$LOG" 2>&1
    local rc=$?
    grep -v -e 'overriding-logical-loadpath' -e 'was previously bound to' -e '^AutoV\.tests' -e '^\[overriding' "$LOG" >"$LOG.f" || true
    mv "$LOG.f" "$LOG"
    return $rc
  }
  for f in Setup T_stale T_tlbi T_early T_bbm T_race T_link; do
    if run_mcoqc "$MT/$f.v"; then
      passed=$((passed + 1)); echo "ok    $MT/$f.v"
    else
      failed=$((failed + 1)); echo "FAIL  $MT/$f.v (should be accepted)"; cat "$LOG"
    fi
  done
  run_mcoqc "$MT/Assumptions.v" || true
  assumptions_closed "$MT/Assumptions.v" "MMU Print Assumptions"
  rm -f "$MT"/*.vo "$MT"/*.vok "$MT"/*.vos "$MT"/*.glob "$MT"/.*.aux
  echo "== coq-lib MMU negative tests (each must fail in the named lemma)"
  MMU_FILES=$(grep '^MMU/' "$LIB/_CoqProject")
  for p in "$MT"/neg/*.patch; do
    [ -f "$p" ] || continue
    read -r exp_file exp_lemma < <(sed -n 's/^# expect: //p' "$p")
    SCR=$(mktemp -d)
    mkdir -p "$SCR/MMU" && cp "$LIB"/MMU/*.v "$SCR/MMU/"
    if [ -z "$exp_lemma" ] || ! patch -s -p0 -d "$SCR" <"$p" >"$LOG" 2>&1; then
      failed=$((failed + 1)); echo "FAIL  $p does not apply to coq-lib/MMU (or has no # expect: line)"; cat "$LOG"
      rm -rf "$SCR"; continue
    fi
    bad=""
    for f in $MMU_FILES; do
      if ! timeout 120 coqc -q -R "$SCR" AutoV "$SCR/$f" >"$LOG" 2>&1; then bad="$f"; break; fi
    done
    if [ -z "$bad" ]; then
      failed=$((failed + 1)); echo "FAIL  $p: the weakened library still checks"
    elif [ "$bad" != "$exp_file" ]; then
      failed=$((failed + 1)); echo "FAIL  $p: first failure in $bad, expected $exp_file"; cat "$LOG"
    else
      err_line=$(grep -o 'line [0-9]*' "$LOG" | head -1 | cut -d' ' -f2)
      start=$(grep -nE "^(Lemma|Theorem|Corollary) $exp_lemma( |$)" "$SCR/$bad" | head -1 | cut -d: -f1)
      end=$(awk -v s="${start:-0}" 'NR > s && /^(Qed|Defined)\./ { print NR; exit }' "$SCR/$bad")
      if [ -n "$err_line" ] && [ -n "$start" ] && [ -n "$end" ] && [ "$err_line" -ge "$start" ] && [ "$err_line" -le "$end" ]; then
        passed=$((passed + 1)); echo "ok    $(basename "$p"): rejected in $bad, $exp_lemma (line $err_line)"
      else
        failed=$((failed + 1)); echo "FAIL  $p: error at line ${err_line:-?} of $bad, outside $exp_lemma (lines ${start:-?}-${end:-?})"; cat "$LOG"
      fi
    fi
    rm -rf "$SCR"
  done
  # =================== end of MMU layers section ===================
}

run_section() {
  ( LOG=$(mktemp); passed=0; failed=0; "$2"; rm -f "$LOG" "$LOG.f"; echo "$passed $failed" >"$GEN/$1.res" ) >"$GEN/$1.out" 2>&1
}
echo "== coq-lib tests: core, page-table library and MMU sections side by side"
run_section pt pt_tests & p_pt=$!
run_section mmu mmu_tests & p_mmu=$!
run_section core core_tests
wait "$p_pt" "$p_mmu" || true
for s in core pt mmu; do
  cat "$GEN/$s.out"
  if [ -f "$GEN/$s.res" ]; then
    read -r p f <"$GEN/$s.res"; passed=$((passed + p)); failed=$((failed + f))
  else
    failed=$((failed + 1)); echo "FAIL  section $s did not finish"
  fi
done

echo "coq-tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
