#!/usr/bin/env bash
# Mutation testing of the generated proofs (docs/mutate.md).
#
#   scripts/mutate.sh test                 the end-to-end test: five counter mutants with known
#                                          outcomes (four killed, one equivalent survives); 1-3 min
#   scripts/mutate.sh counter [OPTS...]    every mutant of testdata/build/counter/proof.v
#   scripts/mutate.sh pagetable [OPTS...]  every mutant of testdata/pagetable/proof.v (hours on 2 cores)
#
# OPTS go to `autov mutate` (e.g. --only spec, --limit 20, --ids code-001,rel-003, --full-make).
# A demo run writes target/mutate/<demo>/{report.txt,report.json,run.log} (the work directory, with
# the base project and one log per mutant, is target/mutate/<demo>/work). J (default 2) is make's -j;
# runs are niced: the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
what=${1:-test}
shift || true
J=${J:-2}

cargo build --release -q -p autov
make -C coq-lib -j"$J" >/dev/null

case $what in
test)
  nice cargo test --release -q -p mutate --test e2e -- --ignored --nocapture
  ;;
counter | pagetable)
  if [ "$what" = counter ]; then cfg=testdata/build/counter/proof.v; else cfg=testdata/pagetable/proof.v; fi
  out=$root/target/mutate/$what
  mkdir -p "$out"
  # a copy of the binary: a long run must not see a rebuilt autov
  cp target/release/autov "$out/autov"
  t0=$SECONDS
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >"$out/run.log"
  nice "$out/autov" mutate "$cfg" -o "$out/work" -j "$J" --coqlib "$root/coq-lib" \
    --json "$out/report.json" "$@" 2>>"$out/run.log" | tee "$out/report.txt"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); wall $((SECONDS - t0)) s" | tee -a "$out/run.log"
  ;;
*)
  echo "usage: scripts/mutate.sh test | counter | pagetable [autov mutate options]" >&2
  exit 2
  ;;
esac
