#!/usr/bin/env bash
# Builds the fuzz preset (clang, libFuzzer, ASan+UBSan) and runs every reader
# harness of tests/fuzz for SECONDS each (default 30), two at a time. Exits
# non-zero if any harness found a crash, a sanitizer report, a leak, an
# out-of-memory (rss or a single allocation over 2 GB) or an input slower
# than the per-input timeout. Prints one summary line per harness.
#
#   tools/fuzz.sh [SECONDS] [HARNESS...]     (harnesses: idx idx_gz csv models
#                                            likelihood cube concept project json npz)
#
# Environment: LATENTSET_FUZZ_JOBS harnesses at once (default 2),
# LATENTSET_FUZZ_TIMEOUT per-input limit in seconds (default 10),
# LATENTSET_FUZZ_NO_BUILD=1 skips the build, LATENTSET_FUZZ_FLAGS adds
# libFuzzer flags (after the defaults, so they override them),
# LATENTSET_FUZZ_OUT the folder of the outputs (default build/fuzz):
# new inputs go to OUT/work/<harness> (kept between runs, so a long campaign
# continues from the last one; the seeds in tests/fuzz/corpus are only
# read), findings to OUT/findings/<harness>/, libFuzzer's output to
# OUT/logs/<harness>.log. docs/fuzzing.md explains more.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-30}"
[ "$#" -gt 0 ] && shift
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "fuzz.sh: SECONDS must be a positive integer, got '$seconds'" >&2
  exit 2
fi
all=(idx idx_gz csv models likelihood cube concept project json npz world)
harnesses=("$@")
[ "${#harnesses[@]}" -gt 0 ] || harnesses=("${all[@]}")
for h in "${harnesses[@]}"; do
  case " ${all[*]} " in *" $h "*) ;; *) echo "fuzz.sh: unknown harness '$h' (${all[*]})" >&2; exit 2 ;; esac
done
jobs="${LATENTSET_FUZZ_JOBS:-2}"
timeout="${LATENTSET_FUZZ_TIMEOUT:-10}"
out="${LATENTSET_FUZZ_OUT:-build/fuzz}"

if [ "${LATENTSET_FUZZ_NO_BUILD:-0}" != 1 ]; then
  started=$(date +%s)
  cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz --target latentset_fuzzers
  echo "fuzz: build took $(( $(date +%s) - started )) s"
fi

bin=build/fuzz/tests/fuzz
mkdir -p "$out/logs"

# The largest input each harness may grow: the seeds of the chunk formats
# are up to 28 KB (a class set with every chunk); text and IDX inputs stay small
# so the fuzzer spends its time on structure, not on long payloads.
max_len() {
  case "$1" in
    models|project|cube|npz|world) echo 32768 ;;
    *) echo 8192 ;;
  esac
}

run_one() {
  local h="$1" log="$out/logs/$1.log" work="$out/work/$1" findings="$out/findings/$1/"
  mkdir -p "$work" "$findings"
  # Leaks are findings (libFuzzer checks each input that allocates more than
  # it frees); UBSan stops at the first report, so it is a crash too.
  ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:${ASAN_OPTIONS:-}" \
  UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}" \
    "$bin/latentset_fuzz_$h" "$work" "tests/fuzz/corpus/$h" \
      -max_total_time="$seconds" -timeout="$timeout" \
      -rss_limit_mb=2048 -malloc_limit_mb=2048 -max_len="$(max_len "$h")" \
      -artifact_prefix="$findings" -print_final_stats=1 ${LATENTSET_FUZZ_FLAGS:-} >"$log" 2>&1
}

summary() {
  local h="$1" rc="$2" log="$out/logs/$1.log" result
  local last execs cov ft corp
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
  execs=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$log" | grep -oE '[0-9]+$' || true)
  [ -n "$execs" ] || execs=$(echo "$last" | grep -oE '^#[0-9]+' | tr -d '#' || true)
  cov=$(echo "$last" | grep -oE 'cov: [0-9]+' | grep -oE '[0-9]+' || true)
  ft=$(echo "$last" | grep -oE 'ft: [0-9]+' | grep -oE '[0-9]+' || true)
  corp=$(echo "$last" | grep -oE 'corp: [0-9]+/[0-9]+[a-zA-Z]*' | cut -d' ' -f2 || true)
  if [ "$rc" = 0 ]; then
    result=ok
  elif grep -q 'ERROR: libFuzzer: timeout' "$log"; then result="TIMEOUT"
  elif grep -q 'ERROR: libFuzzer: out-of-memory' "$log"; then result="OOM"
  elif grep -q 'ERROR: LeakSanitizer' "$log"; then result="LEAK"
  elif grep -q 'ERROR: AddressSanitizer' "$log"; then result="ASAN: $(grep -m1 -oE 'AddressSanitizer: [a-z-]+' "$log" | cut -d' ' -f2)"
  elif grep -q 'runtime error:' "$log"; then result="UBSAN: $(grep -m1 -oE 'runtime error: .{0,60}' "$log")"
  elif grep -q 'ERROR: libFuzzer: deadly signal' "$log"; then result="CRASH (deadly signal)"
  else result="FAILED (exit $rc)"
  fi
  local artifact
  artifact=$(grep -m1 -oE 'Test unit written to [^ ]+' "$log" | cut -d' ' -f5 || true)
  printf 'fuzz: %-10s execs: %-9s cov: %-6s ft: %-6s corpus: %-10s %s%s\n' \
    "$h" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$result" "${artifact:+ ($artifact)}"
}

echo "fuzz: ${#harnesses[@]} harnesses x ${seconds} s, ${jobs} at a time, per-input timeout ${timeout} s, 2048 MB rss/malloc limit"
declare -A pid_of rc_of
running=0
for h in "${harnesses[@]}"; do
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
  run_one "$h" &
  pid_of[$h]=$!
  running=$((running + 1))
done
failed=0
for h in "${harnesses[@]}"; do
  rc=0
  wait "${pid_of[$h]}" || rc=$?
  rc_of[$h]=$rc
done
for h in "${harnesses[@]}"; do
  summary "$h" "${rc_of[$h]}"
  [ "${rc_of[$h]}" = 0 ] || failed=$((failed + 1))
done
if [ "$failed" -gt 0 ]; then
  echo "fuzz: $failed of ${#harnesses[@]} harnesses found a problem; logs in $out/logs, inputs in $out/findings" >&2
  exit 1
fi
echo "fuzz: all ${#harnesses[@]} harnesses ran ${seconds} s without a finding"
