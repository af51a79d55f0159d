#!/usr/bin/env bash
# CPU seconds used by every process whose command line contains PATTERN, while it runs: samples
# /proc every 5 s and keeps the last utime+stime seen per pid (a pid that ends between two samples
# loses at most 5 s). Runs until the file STOP exists, then writes the total to OUT.
# Usage: scripts/proc-cpu.sh PATTERN OUT STOP   (used by scripts/fuzz.sh: AFL++'s persistent
# children are not reaped by the fuzzer's parent, so `time` does not see their CPU)
set -uo pipefail
PAT=${1:?pattern} OUT=${2:?output file} STOP=${3:?stop file}
TICKS=$(getconf CLK_TCK)
declare -A seen
while :; do
  for p in $(pgrep -f -- "$PAT"); do
    [ "$p" = "$$" ] && continue
    read -r -a f <"/proc/$p/stat" 2>/dev/null || continue
    # fields 14 and 15 (utime, stime); the command name (field 2) has no spaces here
    seen[$p]=$(( ${f[13]} + ${f[14]} ))
  done
  [ -e "$STOP" ] && break
  sleep 5
done
t=0
for p in "${!seen[@]}"; do t=$(( t + ${seen[$p]} )); done
awk -v t="$t" -v k="$TICKS" 'BEGIN {printf "%.0f\n", t / k}' >"$OUT"
