#!/usr/bin/env bash
# Makes the negative copy of a test case from a patch: copies the case's files (not its
# subfolders) into OUT, applies PATCH there (`--- <file>` names a file of the case), and, if the
# patch changed a C file, recompiles it to LLVM IR with the command the committed .ll files were
# made with. The patch's first lines (before `---`) say what is wrong and `expect-fail: <file>`.
# Usage: scripts/negative-copy.sh CASE_DIR PATCH OUT
set -euo pipefail
case_dir=$1 patch_file=$2 out=$3
mkdir -p "$out"
find "$case_dir" -maxdepth 1 -type f -exec cp {} "$out/" \;
target=$(sed -n 's/^--- \([^[:space:]]*\).*/\1/p' "$patch_file" | head -1)
[ -n "$target" ] || { echo "negative-copy: $patch_file names no file (no '--- <file>' line)" >&2; exit 1; }
patch -s -d "$out" -p0 <"$patch_file"
if [[ $target == *.c ]]; then
  # a case's extra flags (its CFLAGS file, e.g. value names for a map's parameter names)
  extra=()
  [ -f "$out/CFLAGS" ] && read -r -a extra <"$out/CFLAGS"
  (cd "$out" && clang-14 -O1 -g -fdebug-prefix-map="$PWD"=. -fno-inline -fno-jump-tables "${extra[@]}" -S -emit-llvm \
    --target=aarch64-linux-gnu "$target" -o "${target%.c}.ll")
fi
