#!/usr/bin/env bash
# Benchmark of `autov ir2json` (not a test): throughput in MB of IR per second and peak memory
# (/usr/bin/time -v) over the shared corpus (../shared/corpus) and SeKVM.ll.
# Usage: bash scripts/bench-ir2json.sh [runs=3]     Target: whole corpus (~27 MB) < 10 s on 2 cores.
# Wall time depends on what else runs; CPU time (user+sys) is the load-independent figure.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
shared=../shared
cargo build --release -q -p autov
bin=target/release/autov
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

mb() { du -cb "$@" | tail -1 | awk '{printf "%.2f", $1/1e6}'; }

bench() { # name, jobs, inputs...
  local name=$1 jobs=$2; shift 2
  local size; size=$(mb $(find "$@" -name '*.ll' -o -name '*.bc' | sort))
  for i in $(seq "$runs"); do
    rm -rf "$out/json"
    /usr/bin/time -v "$bin" ir2json "$@" -j "$jobs" -o "$out/json/" 2>"$out/time.txt" >/dev/null \
      || { echo "$name: conversion failed"; grep -v '^\s' "$out/time.txt" | head; exit 1; }
    local wall rss
    wall=$(grep 'Elapsed (wall clock)' "$out/time.txt" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    rss=$(grep 'Maximum resident set size' "$out/time.txt" | awk '{printf "%.0f", $NF/1024}')
    cpu=$(awk -F': ' '/User time|System time/ { t += $2 } END { print t }' "$out/time.txt")
    awk -v n="$name" -v j="$jobs" -v s="$size" -v w="$wall" -v r="$rss" -v i="$i" -v c="$cpu" \
      'BEGIN { printf "%-8s -j%s run %s: %7.2f MB in %6.2f s = %6.2f MB/s (CPU %6.2f s), peak RSS %4d MB\n", n, j, i, s, w, s/w, c, r }'
  done
}

echo "machine: $(nproc) cores, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
bench corpus 2 "$shared/corpus"
bench corpus 1 "$shared/corpus"
bench SeKVM 1 "$shared/sekvm/SeKVM.ll"
