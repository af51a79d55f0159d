#!/usr/bin/env bash
# The stage-0 probes of SEKVM.md §6.1 (issue 13), measurements rather than tests: each
# configuration in sekvm-proof/probes/ is built over a copy of ../shared/sekvm/SeKVM.ll and its
# project made with `make -j2`; prints generation time and memory, make wall time, and every
# proof file's coqc time and peak memory (the budget for one file: < 120 s, < 2 GB).
#
#   scripts/sekvm-probes.sh [probe ...]     default: every sekvm-proof/probes/*.v
#
# Not run by CI (about 2 minutes); the README's table quotes its figures.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
AUTOV=$ROOT/target/release/autov
IR=$ROOT/../shared/sekvm/SeKVM.ll
[ -f "$IR" ] || { echo "sekvm-probes: $IR not found (the shared inputs live next to the repository)"; exit 1; }
cargo build --release -q -p autov
make -C coq-lib -j2 -s >/dev/null
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
now() { date +%s.%N; }

mkdir -p "$WORK/probes"
cp "$IR" "$WORK/SeKVM.ll"
probes=("$@")
[ ${#probes[@]} -gt 0 ] || probes=($(cd sekvm-proof/probes && ls *.v | sed 's/\.v$//'))
fail=0
for p in "${probes[@]}"; do
  cp "sekvm-proof/probes/$p.v" "$WORK/probes/"
  echo "== probe $p (load $(cut -d' ' -f1-3 /proc/loadavg))"
  t0=$(now)
  if ! /usr/bin/time -f "%M" -o "$WORK/$p.mem" "$AUTOV" build "$WORK/probes/$p.v" -o "$WORK/$p" \
      >"$WORK/$p.build.log" 2>&1; then
    cat "$WORK/$p.build.log"; echo "FAIL probe $p: autov build"; fail=1; continue
  fi
  t1=$(now)
  grep -E "^(layer |[A-Z][A-Za-z]* +[0-9])" "$WORK/$p.build.log" || true
  printf 'generation: %.2f s, peak %d MB\n' "$(echo "$t1 - $t0" | bc)" $(( $(cat "$WORK/$p.mem") / 1024 ))
  t0=$(now)
  if ! (cd "$WORK/$p" && make -s Makefile.coq >/dev/null && TIMED=1 make -j2) >"$WORK/$p.make.log" 2>&1; then
    tail -30 "$WORK/$p.make.log"; echo "FAIL probe $p: make"; fail=1; continue
  fi
  t1=$(now)
  printf 'make -j2: %.1f s wall\n' "$(echo "$t1 - $t0" | bc)"
  grep "check-assumptions" "$WORK/$p.make.log" || true
  echo "proof files (coqc s, peak MB):"
  grep -E "^[^ ]+(CodeProof|RefProof|Bound)\.vo \(real: " "$WORK/$p.make.log" \
    | sed -E 's/^([^ ]+) \(real: ([0-9.]+),.* mem: ([0-9]+) ko\)/\2 \3 \1/' | sort -rn \
    | awk '{ printf "  %7.2f %6d  %s\n", $1, $2 / 1024, $3 }'
done
[ $fail = 0 ] && echo "sekvm-probes: ok" || { echo "sekvm-probes: FAILED"; exit 1; }
