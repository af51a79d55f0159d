#!/usr/bin/env bash
# Benchmark of `autov test-conversion --check` (issue 15): the shared corpus plus SeKVM, converted
# and every emitted file compiled with coqc against coq-lib, at -j N. For each autov binary given
# (default: this tree's release build) it records wall time, CPU time, peak memory (GNU time -v:
# the largest resident set of autov or of one coqc it ran; coqc runs in parallel add up to about
# N times that), the coqc runs, the emitted files compiled, and wall/CPU time per converted
# function, with the load average before and after (the machine is shared: CPU time is the figure
# that load does not inflate).
# Usage: scripts/bench-check.sh [-j N] [--out FILE] [NAME=AUTOV_BINARY ...]
#   e.g. scripts/bench-check.sh before=/tmp/old/target/release/autov after=target/release/autov
#   (the binaries run one after the other, in the order given, on the same inputs).
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=2
OUTFILE=target/bench-check.txt
BINS=()
while [ $# -gt 0 ]; do
  case "$1" in
    -j) JOBS="$2"; shift ;;
    --out) OUTFILE="$2"; shift ;;
    *=*) BINS+=("$1") ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
if [ ${#BINS[@]} -eq 0 ]; then
  cargo build --release -p autov >&2
  BINS=("current=target/release/autov")
fi
make -C coq-lib -j"$JOBS" >/dev/null
SHARED=${AUTOV_SHARED:-../shared}
CORPUS=("$SHARED/sekvm" "$SHARED/corpus/memcached" "$SHARED/corpus/mbedtls")
for d in "${CORPUS[@]}"; do [ -e "$d" ] || { echo "missing $d" >&2; exit 2; }; done
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$(dirname "$OUTFILE")"
status=0
load() { echo "load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"; }
{
  echo "# autov test-conversion --check -j $JOBS on ${CORPUS[*]} ($(date -u +%FT%TZ), $(uname -n))"
  for nb in "${BINS[@]}"; do
    name=${nb%%=*}
    bin=${nb#*=}
    echo "## $name ($bin)"
    echo "before: $(load)"
    /usr/bin/time -v -o "$WORK/$name.time" nice "$bin" test-conversion "${CORPUS[@]}" -j "$JOBS" \
      --check --coqlib coq-lib --out "$WORK/$name" >"$WORK/$name.log" 2>"$WORK/$name.err" || status=1
    echo "after:  $(load)"
    grep -E '^(==|files:|check:|  (failed|coqc failed|unreadable))' "$WORK/$name.log" | head -40
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$WORK/$name.time")
    secs=$(echo "$wall" | awk -F: '{s=0; for(i=1;i<=NF;i++) s=s*60+$i; print s}')
    user=$(awk -F': ' '/User time/{print $2}' "$WORK/$name.time")
    sys=$(awk -F': ' '/System time/{print $2}' "$WORK/$name.time")
    rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$WORK/$name.time")
    funcs=$(awk -F'converted: ' '/^files:/{split($2,a,","); s+=a[1]} END{print s+0}' "$WORK/$name.log")
    # (binaries before the grouped check print no run count: then none is given)
    runs=$(grep -oE '\(([0-9]+) coqc runs\)' "$WORK/$name.log" | grep -oE '[0-9]+' | awk '{s+=$1} END{print s+0}' || true)
    echo "wall ${secs}s, CPU ${user}s user + ${sys}s sys, peak RSS ${rss} KB, converted functions $funcs, coqc runs ${runs:-n/a}"
    awk -v w="$secs" -v u="$user" -v s="$sys" -v n="$funcs" 'BEGIN{ if (n>0) printf "per function: %.2f ms wall, %.2f ms CPU\n", 1000*w/n, 1000*(u+s)/n }'
  done
} | tee "$OUTFILE"
exit $status
