#!/usr/bin/env bash
# coqc checks of the `autov build` golden cases (testdata/build/<case>/proof.v; the Rust test
# crates/specgen/tests/build_golden.rs compares their generated files byte for byte):
#  * the generated project of each case compiles with `make` (every proof, 0 Admitted);
#  * re-running on the unchanged input writes nothing and `make` then rebuilds nothing;
#  * extra Coq files of a case (<case>/*.v other than proof.v, e.g. fuel/Fuel.v) compile against it;
#  * each negative (<case>/neg_*.patch, made into a copy of the case by scripts/negative-copy.sh;
#    its first lines say `expect-fail: <file>...`, `expect-fail: autov <CODE>` or
#    `expect-fail: assumptions <name>`), generated over a copy of the built project, makes
#    `make -k` fail in exactly those files, autov build fail with that code, or make's assumption
#    check (check-assumptions.sh) fail naming that assumption while every proof checks; a
#    negative whose header has `ci: full` runs only with FULL=1 (the whole run; CI skips it);
#  * the counter case's synthesis under stress: an unsound rewrite rule must fail in coqc (fault
#    injection), and Z3 starved of resources (`--synth-rlimit 1`) must still give checked certificates.
# ONLY="<case>..." checks those cases, SKIP="<case>..." all but those (scripts/test.sh runs the
# two side by side, split by their measured times); SHARD=k/n checks every n-th case from the k-th
# (0-based, in name order). Each case's and each negative's time
# is printed. A case's negatives run two at a time (their outputs are printed in order once all
# have finished).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
J=${J:-2}
cargo build --release -q -p autov
autov=$root/target/release/autov
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
t0=$SECONDS

bad() { echo "FAIL: $*"; fail=1; }

# One negative of the current case ($dir, its built project $out): $1 the patch, $name its name.
negative() {
  local negp=$1 expect want neg code ax got
  # expect-fail: <file.v>... (make fails in exactly those files), `autov <CODE>` (autov build
  # fails with that code) or `assumptions <name>` (make's assumption check fails naming it)
  expect=$(sed -n 's/.*expect-fail: *//p' "$negp" | head -1)
  want=${expect%% *}
  [ -n "$want" ] || { bad "$name: no expect-fail line"; return; }
  scripts/negative-copy.sh "$dir" "$negp" "$tmp/src-$name" || { bad "$name: negative copy"; return; }
  neg=$tmp/src-$name/proof.v
  cp -a "$out" "$tmp/$name"
  if [ "$want" = autov ]; then
    code=${expect#autov }
    if "$autov" build "$neg" -o "$tmp/$name" --coqlib "$root/coq-lib" --plain >"$tmp/$name.gen" 2>&1; then
      bad "$name: autov build succeeded, expected $code"
    elif grep -q "error\[$code\]" "$tmp/$name.gen"; then
      echo "ok   $name: autov build fails with $code ($(grep -m1 "error\[$code\]" "$tmp/$name.gen"))"
    else
      cat "$tmp/$name.gen"; bad "$name: autov build failed without $code"
    fi
    return
  fi
  "$autov" build "$neg" -o "$tmp/$name" --coqlib "$root/coq-lib" --plain >"$tmp/$name.gen" 2>&1 ||
    { cat "$tmp/$name.gen"; bad "$name: autov build"; return; }
  if nice make -k -C "$tmp/$name" -j"$J" >"$tmp/$name.make" 2>&1; then
    bad "$name: make succeeded on a wrong spec/code"
    return
  fi
  if [ "$want" = assumptions ]; then
    ax=${expect#assumptions }
    if grep -q "check-assumptions: error: \`$ax\`" "$tmp/$name.make" && ! grep -q 'Makefile.coq:[0-9]*: .*o\] Error' "$tmp/$name.make"; then
      echo "ok   $name: every proof checks, the assumption check fails on \`$ax\`"
    else
      tail -20 "$tmp/$name.make"; bad "$name: expected only the assumption check to fail on $ax"
    fi
    return
  fi
  got=$(sed -n 's/.*\*\*\* \[Makefile.coq:[0-9]*: \(.*\)o\] Error.*/\1/p' "$tmp/$name.make" | sort -u | tr '\n' ' ')
  want=$(tr ' ' '\n' <<<"$expect" | grep . | sort -u | tr '\n' ' ')
  if [ "$got" = "$want" ]; then
    echo "ok   $name: make fails in ${want% } ($(grep -m1 '^Error' "$tmp/$name.make"))"
  else
    tail -20 "$tmp/$name.make"
    bad "$name: expected make to fail in ${want% } only, failed in: $got"
  fi
}

# The counter rebuilt over a copy of its project ($out) with extra synthesis flags ($@), into
# $tmp/$name; sets `certs` to the RefProof.vo of each synthesised spec the report names (the
# certificates). Fails (returns 1) after reporting what went wrong.
synth_variant() {
  cp -a "$out" "$tmp/$name"
  "$autov" build "$cfg" -o "$tmp/$name" --coqlib "$root/coq-lib" --plain --no-synth-cache "$@" \
    >"$tmp/$name.gen" 2>&1 || { cat "$tmp/$name.gen"; bad "$name: autov build"; return 1; }
  certs=$(sed -n 's/^synthesis:   \([A-Za-z0-9_]*\) .* nodes *$/\1/p' "$tmp/$name.gen" |
    while read -r p; do (cd "$tmp/$name" && ls ./*/"$p"/RefProof.v); done | sed 's|^\./||; s|\.v$|.vo|' | tr '\n' ' ')
  [ -n "$certs" ] || { cat "$tmp/$name.gen"; bad "$name: no synthesised spec listed"; return 1; }
}

# The counter case's fault injection, over a copy of its built project ($out): only the
# certificates are made (`make -k` of each synthesised spec's RefProof.vo), and every file that
# fails must be one. (The hand proofs about the synthesised loops fail too; they are not made.)
fault_injection() {
  local got others certs
  synth_variant --synth-fault-injection || return 0
  # shellcheck disable=SC2086
  if nice make -k -C "$tmp/$name" -f Makefile.coq -j"$J" $certs >"$tmp/$name.make" 2>&1; then
    bad "$name: make passed with the unsound rule"
  else
    got=$(sed -n 's/.*\*\*\* \[Makefile.coq:[0-9]*: \(.*\)o\] Error.*/\1/p' "$tmp/$name.make" | sort -u | tr '\n' ' ')
    others=$(tr ' ' '\n' <<<"$got" | grep -v '^$' | grep -cv '/RefProof\.v$' || true)
    if [ -n "$got" ] && [ "$others" = 0 ]; then
      echo "ok   $name: make fails in the certificates $got"
    else
      tail -20 "$tmp/$name.make"; bad "$name: expected failures in RefProof.v files only, got: ${got:-none}"
    fi
  fi
}

# Z3 starved (issue 12): with --synth-rlimit 1 Z3 answers unknown to every query it runs; each
# keeps the unsimplified term (counted in the report) and every certificate (the RefProof of each
# synthesised spec, listed by the report) still checks. The hand-written specs' RefProofs above
# them are not made: their generic tactic may need the simplified specs (bump's does).
starved_z3() {
  local unknown certs
  synth_variant --synth-rlimit 1 || return 0
  unknown=$(sed -n 's/^synthesis: total .* \([0-9]*\) unknown,.*/\1/p' "$tmp/$name.gen")
  [ "${unknown:-0}" -gt 0 ] || { cat "$tmp/$name.gen"; bad "$name: no unknown answer counted"; return; }
  # shellcheck disable=SC2086
  if nice make -C "$tmp/$name" -f Makefile.coq -j"$J" $certs >"$tmp/$name.make" 2>&1; then
    echo "ok   $name: $unknown unknown answers, each term kept unsimplified; the $(wc -w <<<"$certs") certificates check"
  else
    tail -20 "$tmp/$name.make"; bad "$name: a certificate fails with Z3 starved"
  fi
}

# negatives two at a time (bg_run / bg_collect)
# shellcheck source=scripts/bg-jobs.sh
source scripts/bg-jobs.sh
BG_DIR=$tmp

shard=${SHARD:-0/1}
shard_k=${shard%/*} shard_n=${shard#*/} case_i=-1
for cfg in testdata/build/*/proof.v; do
  # ONLY / SKIP: lists of case names; SHARD=k/n every n-th from the k-th
  this=$(basename "$(dirname "$cfg")")
  [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $this "* ]] && continue
  [ -n "${SKIP:-}" ] && [[ " $SKIP " == *" $this "* ]] && continue
  case_i=$((case_i + 1))
  [ $((case_i % shard_n)) = "$shard_k" ] || continue
  t_case=$SECONDS
  dir=$(dirname "$cfg")
  case=$(basename "$dir")
  out=$tmp/$case
  "$autov" build "$cfg" -o "$out" --coqlib "$root/coq-lib" --plain >"$tmp/$case.gen" 2>&1 ||
    { cat "$tmp/$case.gen"; bad "$case: autov build"; continue; }
  grep -q ' 0 Admitted' "$tmp/$case.gen" || bad "$case: Admitted emitted"
  if ! nice make -C "$out" -j"$J" >"$tmp/$case.make" 2>&1; then
    tail -30 "$tmp/$case.make"
    bad "$case: make"
    continue
  fi
  echo "ok   $case: generated project checks"
  # incremental: an unchanged input rewrites nothing, so make rebuilds nothing
  "$autov" build "$cfg" -o "$out" --coqlib "$root/coq-lib" --plain >"$tmp/$case.gen2" 2>&1
  grep -q '(0 written,' "$tmp/$case.gen2" || bad "$case: re-run rewrote files: $(tail -1 "$tmp/$case.gen2")"
  if make -C "$out" -j"$J" 2>&1 | grep 'COQC' >/dev/null; then bad "$case: make rebuilt after an unchanged re-run"; fi
  for extra in "$dir"/*.v; do
    [ "$(basename "$extra")" = proof.v ] && continue
    cp "$extra" "$out/"
    # shellcheck disable=SC2046
    if (cd "$out" && coqc $(grep -E '^-[RQ] ' _CoqProject | tr '\n' ' ') "$(basename "$extra")") >"$tmp/extra.log" 2>&1; then
      echo "ok   $case: $(basename "$extra")"
    else
      cat "$tmp/extra.log"
      bad "$case: $(basename "$extra")"
    fi
  done
  # The negatives (and the counter's fault injection) run two at a time: each rebuilds a few files
  # of its own copy, mostly one coqc at a time, so two of them keep both cores busy.
  for negp in "$dir"/neg_*.patch; do
    [ -f "$negp" ] || continue
    name=$case-$(basename "$negp" .patch)
    # a negative whose header says `ci: full` repeats a kind another case's negative already
    # checks: run only with FULL=1 (CI's 20-minute budget)
    if grep -q '^ci: full' "$negp" && [ "${FULL:-0}" != 1 ]; then
      echo "skip $name (ci: full; FULL=1 runs it)"; continue
    fi
    bg_run "$name" negative "$negp"
  done
  # Fault injection (issue 12): a deliberately unsound rewrite rule (`iadd w a b -> a + b`, on only
  # under --synth-fault-injection) gives synthesised specs that are wrong; their certificates must
  # fail in coqc (make fails, only in RefProof.v files), never a passing project.
  if [ "$case" = counter ]; then
    bg_run "$case-fault-injection" fault_injection
    bg_run "$case-starved-z3" starved_z3
  fi
  bg_collect
  echo "time $(basename "$(dirname "$cfg")"): $((SECONDS - t_case)) s (with its negatives)"
done
echo "build-tests: $((SECONDS - t0)) s"
exit $fail
