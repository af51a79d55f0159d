#!/usr/bin/env bash
# High-spec synthesis figures (issue 12; a benchmark, not a timed test). For each case (default:
# the counter golden case and the page-table demo):
#  * cold: `autov build` with an empty Z3 cache file; warm: the same build again over that cache;
#  * determinism: the cold project, the warm project and a build with RAYON_NUM_THREADS=1 (cold
#    cache of its own) against RAYON_NUM_THREADS=4 are compared byte for byte (*.v, Makefile,
#    _CoqProject, scripts);
#  * the per-layer synthesis lines of the report (synthesised/total, queries, answered by
#    sampling, cache hits, unknown, time, nodes before -> after).
# Figures go to stdout and to $OUT (default target/bench-synth.txt), with the machine load.
# Usage: bash scripts/bench-synth.sh [CONFIG...]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
AUTOV=$ROOT/target/release/autov
OUT=${OUT:-$ROOT/target/bench-synth.txt}
cargo build --release -q -p autov
W=$(mktemp -d /tmp/autov-bench-synth.XXXXXX)
trap 'rm -rf "$W"' EXIT
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(testdata/build/counter/proof.v testdata/pagetable/proof.v)

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
# build NAME CONFIG CACHE THREADS: one `autov build`, its report in $W/NAME.out, wall seconds echoed
build() {
  local t0
  t0=$(now)
  RAYON_NUM_THREADS=$4 "$AUTOV" build "$2" -o "$W/$1" --coqlib "$ROOT/coq-lib" --plain \
    --synth-cache "$3" >"$W/$1.out" 2>&1 || { cat "$W/$1.out" >&2; echo "bench-synth: FAIL: build $1" >&2; exit 1; }
  secs "$t0" "$(now)"
}
same() { diff -r -q -x '*.vo*' -x '*.glob' -x '.*' -x '*.aux' -x 'Makefile.coq*' "$W/$1" "$W/$2" >/dev/null; }

{
  echo "== bench-synth $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  for cfg in "${cases[@]}"; do
    n=$(basename "$(dirname "$cfg")")
    cold=$(build "$n-cold" "$cfg" "$W/$n-cache.jsonl" 4)
    warm=$(build "$n-warm" "$cfg" "$W/$n-cache.jsonl" 4)
    one=$(build "$n-t1" "$cfg" "$W/$n-cache-t1.jsonl" 1)
    det="byte-identical"
    same "$n-cold" "$n-warm" || det="DIFFER (cold vs warm)"
    same "$n-cold" "$n-t1" || det="DIFFER (4 threads vs 1)"
    echo "-- $n ($cfg)"
    echo "cold cache (4 threads) ${cold}s, warm cache ${warm}s, cold cache 1 thread ${one}s"
    echo "projects cold/warm/1-thread: $det"
    echo "cache file: $(wc -l <"$W/$n-cache.jsonl") queries"
    echo "cold:"
    grep '^synthesis: ' "$W/$n-cold.out" | grep -v '^synthesis:   '
    echo "warm:"
    grep '^synthesis: total' "$W/$n-warm.out"
    grep '^synthesis:   ' "$W/$n-cold.out" || true
  done
} | tee "$OUT"
echo "bench-synth: figures in $OUT"
