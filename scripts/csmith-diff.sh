#!/usr/bin/env bash
# csmith differential testing at scale (issue 15): runs the harness of crates/ir2coq/tests/csmith.rs
# over a seed range (each program at -O0 and -O1), appending one line per program and level to
# REPORT, then prints the figures: programs, runs, and the runs per class (agree, fuel, MISMATCH,
# unsupported, no-result, timeout, native-timeout, coq-error), all counted, none dropped.
# Usage: scripts/csmith-diff.sh FIRST LAST [REPORT]     (default REPORT: target/csmith-report.txt)
#   CSMITH_JOBS (default 1: the machine is shared), CSMITH_COQ_SECS (interpreter wall-time limit),
#   CSMITH_KEEP=1 keeps every work folder (otherwise only the ones that did not agree).
#   `scripts/csmith-diff.sh --summary REPORT` prints the figures of an existing report.
# Needs csmith, libcsmith-dev, clang-14, coqc and a built coq-lib (make -C coq-lib).
set -euo pipefail
cd "$(dirname "$0")/.."

summary() {
  local r=$1
  [ -s "$r" ] || { echo "no runs in $r"; return; }
  local runs programs
  runs=$(grep -c '^seed ' "$r")
  programs=$(awk '/^seed /{print $2}' "$r" | sort -u | wc -l)
  echo "csmith: $programs programs, $runs runs (program x level), report $r"
  for lvl in -O0 -O1 all; do
    if [ "$lvl" = all ]; then sel='^seed '; else sel="^seed [0-9]+ $lvl:"; fi
    printf '  %-4s' "$lvl"
    for c in agree fuel MISMATCH unsupported no-result timeout native-timeout coq-error; do
      printf ' %s=%s' "$c" "$(grep -E "$sel" "$r" | grep -cE ": $c( |$)" || true)"
    done
    echo
  done
  # Why conversions failed, by code or reason.
  if grep -q ': unsupported ' "$r"; then
    echo "  unsupported, by reason:"
    grep ': unsupported ' "$r" | sed -E 's/^seed [0-9]+ -O[01]: unsupported //; s/ \([0-9.]+s\)$//' \
      | cut -c1-80 | sort | uniq -c | sort -rn | head -10
  fi
  grep -E ': (MISMATCH|coq-error)' "$r" | cut -c1-200 || true
}

if [ "${1:-}" = "--summary" ]; then
  summary "${2:?report}"
  exit 0
fi
FIRST=${1:?first seed}
LAST=${2:?last seed}
REPORT=${3:-target/csmith-report.txt}
mkdir -p "$(dirname "$REPORT")"
REPORT=$(cd "$(dirname "$REPORT")" && pwd)/$(basename "$REPORT")
[ -f coq-lib/Semantics/Interp.vo ] || nice make -C coq-lib -j"${CSMITH_JOBS:-1}"
# One seed range per test run, so that an interruption loses at most the programs in flight;
# the test's own verdict (it fails on a mismatch) is not the figure here: the report is.
CSMITH_SEEDS="$FIRST-$LAST" CSMITH_JOBS=${CSMITH_JOBS:-1} CSMITH_REPORT="$REPORT" \
  nice cargo test --release -p ir2coq --test csmith -- --nocapture >"$REPORT.log" 2>&1 || true
summary "$REPORT"
