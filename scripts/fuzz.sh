#!/usr/bin/env bash
# Coverage-guided fuzzing of a front end with AFL++ (cargo-afl, stable Rust), outside CI.
# Usage: scripts/fuzz.sh ir|config|asm SECONDS [OUTDIR]
#   builds fuzz/ with AFL instrumentation (cargo afl build --release), seeds from testdata/, runs
#   afl-fuzz for SECONDS (wall) under nice (FUZZ_NICE, default 10), then prints executions, paths,
#   crashes from fuzzer_stats and the CPU seconds used (this run and all runs logged in OUT/cpu.log).
#   Crash inputs are in OUTDIR/default/crashes (default OUTDIR: target/fuzz/TARGET); replay one
#   with `fuzz/target/release/replay TARGET FILE`; fixed crashes are kept in
#   testdata/fuzz/TARGET/ (the regression inputs run by `cargo test` in CI).
# Needs: cargo install cargo-afl && cargo afl config --build (done by this script when missing).
# FUZZ_RANDOM=1 (or cargo-afl not installable): the seeded mutation fuzzer of crates/fuzzing
# instead (no coverage feedback), crash inputs in OUTDIR.
set -euo pipefail
cd "$(dirname "$0")/.."
T=${1:?target: ir, config or asm}
SECS=${2:?seconds}
OUT=${3:-target/fuzz/$T}
ROOT=$PWD
if [ -n "${FUZZ_RANDOM:-}" ] || ! { command -v cargo-afl >/dev/null || cargo install cargo-afl; }; then
  nice cargo build --release -p fuzzing --bin fuzz-random >&2
  exec nice target/release/fuzz-random "$T" "$SECS" "${FUZZ_SEED:-$RANDOM}" "$OUT"
fi
[ -x "$(ls -d ~/.local/share/afl.rs/rustc-*/afl.rs-*/afl/bin/afl-fuzz 2>/dev/null | head -1)" ] || cargo afl config --build
(cd fuzz && nice cargo afl build --release --bin "fuzz_$T" --bin replay >&2)
SEEDS=$(mktemp -d)
trap 'rm -rf "$SEEDS"' EXIT
case "$T" in
  ir)
    cp testdata/ir2json/all_instructions.ll testdata/ir2coq/golden/*.ll testdata/ir2coq/callbr/callbr.ll "$SEEDS"/
    # Constructs of testdata/ir2coq/constructs, compiled as the tests compile them.
    for c in testdata/ir2coq/constructs/*.c; do
      n=$(basename "$c" .c)
      clang-14 --target=aarch64-linux-gnu -ffreestanding -march=armv8-a+sve -O1 -S -emit-llvm -w \
        -o "$SEEDS/$n.ll" "$c" 2>/dev/null || true
    done
    DICT=(-x fuzz/dict/ir.dict) ;;
  config) cp testdata/config/ok/*.v testdata/config/err/*.v "$SEEDS"/; DICT=(-x fuzz/dict/config.dict) ;;
  asm) cp testdata/asm/*.S "$SEEDS"/; DICT=(-x fuzz/dict/asm.dict) ;;
  *) echo "unknown target $T" >&2; exit 2 ;;
esac
[ -d "testdata/fuzz/$T" ] && cp "testdata/fuzz/$T"/* "$SEEDS"/ 2>/dev/null || true
mkdir -p "$OUT"
export AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1
# Resume an existing run (-i -) so several sessions add up.
IN=("-i" "$SEEDS")
[ -f "$OUT/default/fuzzer_stats" ] && IN=("-i" "-")
# CPU seconds of afl-fuzz and the target processes, sampled from /proc (AFL++'s persistent
# children are not reaped by the fuzzer's parent, so `time` would miss them), appended per run to
# OUT/cpu.log so runs that shared the cores are reported honestly.
rm -f "$OUT/cpu.stop" "$OUT/cpu.sec"
scripts/proc-cpu.sh "fuzz/target/release/fuzz_$T" "$OUT/cpu.sec" "$OUT/cpu.stop" &
SAMPLER=$!
nice -n "${FUZZ_NICE:-10}" cargo afl fuzz "${IN[@]}" -o "$OUT" "${DICT[@]}" -V "$SECS" -t 5000 -m none \
  -- "$ROOT/fuzz/target/release/fuzz_$T" >"$OUT/afl.log" 2>&1 || true
touch "$OUT/cpu.stop"
wait "$SAMPLER"
CPU=$(cat "$OUT/cpu.sec" 2>/dev/null || echo 0)
echo "$(date -u +%FT%TZ) wall_s=$SECS cpu_s=$CPU" >>"$OUT/cpu.log"
echo "cpu_seconds_this_run : $CPU"
echo "cpu_seconds_all_logged_runs : $(awk -F'cpu_s=' '{s+=$2} END {print s}' "$OUT/cpu.log")"
S="$OUT/default/fuzzer_stats"
if [ -f "$S" ]; then
  grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg)' "$S"
else
  tail -20 "$OUT/afl.log"
  exit 1
fi
