#!/usr/bin/env bash
# Conversion throughput of `autov test-conversion` on the shared corpus (release build), without and
# (with --check) with coqc, reporting wall time and peak memory (GNU time).
# Usage: scripts/bench-ir2coq.sh [--check] [-j N]
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
CORPUS=(../shared/corpus/mbedtls ../shared/corpus/memcached ../shared/sekvm/SeKVM.ll)
echo "# conversion only (-j $JOBS)"
/usr/bin/time -f "wall %e s, peak RSS %M KB" target/release/autov test-conversion "${CORPUS[@]}" \
  -j "$JOBS" --out "$OUT" --json "$OUT/report.json" || true
if [ -n "$CHECK" ]; then
  make -C coq-lib >/dev/null
  echo "# conversion + coqc check (-j $JOBS)"
  /usr/bin/time -f "wall %e s, peak RSS %M KB" target/release/autov test-conversion "${CORPUS[@]}" \
    -j "$JOBS" --out "$OUT" --check --coqlib coq-lib --json "$OUT/report-check.json" || true
fi
