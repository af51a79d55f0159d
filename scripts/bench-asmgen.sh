#!/usr/bin/env bash
# asmgen parse throughput (not a test): synthetic input from testdata/asm snippets, release build.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --release -q -p asmgen --example bench -- "${1:-400}"
