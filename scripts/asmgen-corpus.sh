#!/usr/bin/env bash
# Real compiler output through asmgen: compile every .ll under the given directories (default: the
# shared corpus and SeKVM) with clang-14 for aarch64 (-O1 -S), run `autov asmgen` on each .s, and
# print totals. With CHECK=1 also compile every emitted .v with coqc against coq-lib/AArch64.
# Usage: scripts/asmgen-corpus.sh [DIR...]
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dirs=("$@")
[ ${#dirs[@]} -eq 0 ] && dirs=(../shared/corpus ../shared/sekvm)
cargo build -q --release -p autov || exit 1
out=$(mktemp -d)
if [ "${CHECK:-0}" = 1 ]; then
  # A private copy of the AArch64 library, so a concurrent coq-lib rebuild cannot interfere.
  mkdir -p "$out/lib/AArch64"
  for f in AsmSyntax AsmSemantics; do
    cp "coq-lib/AArch64/$f.v" "$out/lib/AArch64/" && coqc -R "$out/lib" AutoV "$out/lib/AArch64/$f.v" || exit 1
  done
fi
procs=0; instrs=0; failed=0; files=0; clang_fail=0; coq_fail=0
while IFS= read -r ll; do
  # Coq module names must be identifiers: number the files.
  b="f$((files+clang_fail))"; s="$out/$b.s"; v="$out/$b.v"
  if ! clang-14 --target=aarch64-linux-gnu -O1 -S -o "$s" "$ll" 2>/dev/null; then
    clang_fail=$((clang_fail+1)); continue
  fi
  files=$((files+1))
  line=$(RUST_BACKTRACE=0 "$root/target/release/autov" asmgen --plain "$s" -o "$v" 2>&1 | grep "^asmgen:")
  set -- $line
  procs=$((procs+$2)); instrs=$((instrs+$4)); f=$(echo "$line" | sed 's/.*; \([0-9]*\) procedure(s) failed/\1/')
  failed=$((failed+f))
  [ "$f" != 0 ] && RUST_BACKTRACE=0 "$root/target/release/autov" asmgen --plain "$s" -o /dev/null 2>&1 | grep -A3 "^error\\[" | head -8
  if [ "${CHECK:-0}" = 1 ] && ! (cd "$out" && coqc -R "$out/lib" AutoV "$v" >/dev/null 2>&1); then
    coq_fail=$((coq_fail+1)); echo "coqc failed: $ll"
  fi
done < <(find "${dirs[@]}" -name '*.ll' | sort)
echo "files: $files (clang failed on $clang_fail), procedures: $procs, instructions: $instrs, failed procedures: $failed${CHECK:+, coqc failures: $coq_fail}"
rm -rf "$out"
