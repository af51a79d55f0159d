#!/usr/bin/env bash
# Installs everything autov needs on Debian 12, idempotently: a package already present is not reinstalled.
# Usage: bash scripts/setup.sh        (run as root, or with sudo available)
set -euo pipefail

packages=(
  build-essential pkg-config
  llvm-14-dev clang-14 libclang-14-dev libpolly-14-dev   # LLVM 14: llvm-sys links libLLVM-14.so
  libz3-dev z3                                           # Z3 4.8.12 for spec synthesis
  coq                                                    # Coq 8.16.1 + stdlib, coq_makefile
  gcc-aarch64-linux-gnu qemu-user                        # differential tests of aarch64 semantics
  time                                                   # /usr/bin/time for peak-memory figures in benches
  patch                                                  # negative tests are patches of positive ones
  csmith libcsmith-dev                                   # differential testing of ir2coq (tests/csmith.rs)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found. Install the Rust toolchain (rustup, stable >= 1.80) and re-run." >&2
  exit 1
fi

# Fail early and clearly if a required tool did not come with the packages.
for tool in patch csmith llvm-config-14 clang-14 coqc coq_makefile z3 aarch64-linux-gnu-gcc qemu-aarch64; do
  command -v "$tool" >/dev/null 2>&1 || { echo "setup: $tool still missing after install" >&2; exit 1; }
done
coqc --version | grep -q "8.16" || echo "setup: warning: expected Coq 8.16.x, found $(coqc --version | head -1)" >&2
echo "setup: ok (LLVM $(llvm-config-14 --version), $(coqc --version | head -1 | sed 's/The Coq Proof Assistant, //'), $(z3 --version))"
