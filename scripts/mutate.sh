#!/usr/bin/env bash
# Mutation testing of the generated proofs (docs/mutate.md).
#
#   scripts/mutate.sh test                 the end-to-end test: five counter mutants with known
#                                          outcomes (four killed, one declared equivalent), run as
#                                          an interrupted run resumed; 2-3 min
#   scripts/mutate.sh counter [OPTS...]    every mutant of testdata/build/counter/proof.v
#   scripts/mutate.sh pagetable [OPTS...]  every mutant of testdata/pagetable/proof.v (hours on 2 cores)
#
# OPTS go to `autov mutate` (e.g. --only spec, --limit 20, --ids code-001,rel-003, --full-make).
# A demo run writes target/mutate/<demo>/{report.txt,report.json,run.log} (the work directory, with
# the base project, one log per mutant and the journal, is target/mutate/<demo>/work). J (default 2)
# is make's -j, W (default 1) the mutants checked side by side (`W=2 J=1` keeps two cores busy on
# the chains of files most mutants rebuild); runs are niced: the machine is shared.
# A demo run resumes: mutants the work directory's journal already decided for the same inputs,
# generated project and coq-lib are not run again (`--resume`; FRESH=1 starts over). It runs a copy
# of autov and of coq-lib, so rebuilding either meanwhile does not disturb it; a second run of the
# same demo while one is going is refused. `scripts/mutate.sh pagetable --journal-only` reports
# what the journal decided so far (safe beside a run); `--list` lists the mutants.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
what=${1:-test}
shift || true
J=${J:-2}
W=${W:-1}

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
  # --list and --journal-only read only: no lock, no copies, the run's logs left alone
  for a in "$@"; do
    if [ "$a" = --list ] || [ "$a" = --journal-only ]; then
      exec target/release/autov mutate "$cfg" -o "$out/work" --coqlib "$root/coq-lib" "$@"
    fi
  done
  exec 9>"$out/lock"
  flock -n 9 || { echo "scripts/mutate.sh: a $what run is already going ($out/lock)" >&2; exit 1; }
  # copies of the binary and of coq-lib: a long run must not see a rebuilt autov or library
  cp target/release/autov "$out/autov.new" && mv -f "$out/autov.new" "$out/autov"
  rm -rf "$out/coq-lib" && cp -a coq-lib "$out/coq-lib"
  resume=(--resume)
  [ "${FRESH:-0}" = 1 ] && resume=()
  t0=$SECONDS
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >"$out/run.log"
  nice "$out/autov" mutate "$cfg" -o "$out/work" -j "$J" -w "$W" --coqlib "$out/coq-lib" \
    --json "$out/report.json" "${resume[@]}" "$@" 2>>"$out/run.log" | tee "$out/report.txt"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); wall $((SECONDS - t0)) s" | tee -a "$out/run.log"
  ;;
*)
  echo "usage: scripts/mutate.sh test | counter | pagetable [autov mutate options]" >&2
  exit 2
  ;;
esac
