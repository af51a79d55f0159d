# Sourced by scripts/build-tests.sh and scripts/sekvm.sh: run checks two at a time.
#
#   bg_run NAME COMMAND ARGS...   run COMMAND in a subshell (at most two at a time), its output in
#                                 $BG_DIR/NAME.out; it fails by setting `fail=1` or returning non-zero
#   bg_collect                    wait for all, print the outputs in start order, and set the
#                                 caller's `fail=1` if one failed or did not finish
#
# Each check (a negative) rebuilds a few files of its own copy, mostly one coqc at a time, so two of
# them keep both cores busy. The caller sets BG_DIR (a scratch directory) before the first call.
bg_started=()
bg_run() {
  local job=$1
  shift
  while [ "$(jobs -rp | wc -l)" -ge 2 ]; do wait -n || true; done
  rm -f "$BG_DIR/$job.rc"
  (
    name=$job fail=0 t_bg=$SECONDS
    "$@" || { echo "FAIL $job: stopped with an error"; fail=1; }
    echo "time $job: $((SECONDS - t_bg)) s"
    echo "$fail" >"$BG_DIR/$job.rc"
  ) >"$BG_DIR/$job.out" 2>&1 &
  bg_started+=("$job")
}
bg_collect() {
  local j
  wait
  for j in ${bg_started[@]+"${bg_started[@]}"}; do
    cat "$BG_DIR/$j.out"
    case "$(cat "$BG_DIR/$j.rc" 2>/dev/null)" in
      0) ;;
      1) fail=1 ;; # its FAIL lines are in its output
      *) echo "FAIL $j: did not finish"; fail=1 ;;
    esac
  done
  bg_started=()
}
