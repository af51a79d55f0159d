#!/usr/bin/env bash
# Benchmark of `autov test-conversion` on the shared corpus (release build): conversion throughput
# without --check, and (with --check) conversion + coqc of every emitted file. Reports wall time,
# CPU time (user + sys: the machine is often shared, so wall time alone overstates the cost) and
# peak memory (GNU time), with the load average before and after each run.
# Usage: scripts/bench-ir2coq.sh [--check] [-j N]   (exit status non-zero if a run failed)
set -euo pipefail
cd "$(dirname "$0")/.."
CHECK=""
JOBS=2
while [ $# -gt 0 ]; do
  case "$1" in
    --check) CHECK="--check" ;;
    -j) JOBS="$2"; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
cargo build --release -p autov >&2
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
SHARED=${AUTOV_SHARED:-../shared}
CORPUS=("$SHARED/sekvm" "$SHARED/corpus/memcached" "$SHARED/corpus/mbedtls")
FMT="wall %e s, CPU %U s user + %S s sys, peak RSS %M KB"
status=0
load() { echo "# load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"; }

echo "# conversion only (-j $JOBS)"
load
/usr/bin/time -f "$FMT" target/release/autov test-conversion "${CORPUS[@]}" \
  -j "$JOBS" --out "$OUT/conv" --json "$OUT/report.json" || status=1
load
if [ -n "$CHECK" ]; then
  make -C coq-lib -j"$JOBS" >/dev/null
  echo "# conversion + coqc check (-j $JOBS)"
  load
  /usr/bin/time -f "$FMT" target/release/autov test-conversion "${CORPUS[@]}" \
    -j "$JOBS" --out "$OUT/check" --check --coqlib coq-lib --json "$OUT/report-check.json" || status=1
  load
fi
exit $status
