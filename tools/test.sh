#!/usr/bin/env bash
# Installs what is missing, builds the CI preset and runs the whole test suite
# (Catch2 for core, Qt Test offscreen for ui), then the fuzz harnesses for a
# short time (tools/fuzz.sh), then the Debian package (tools/package.sh: built,
# checked, installed, run from /usr/bin, removed). Needs no network beyond apt.
# Ends with one line "tests: N passed, M failed" counting ctest's tests, the
# fuzz harnesses and the package step.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh --no-data
preset="${LATENTSET_TEST_PRESET:-ci}"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
set +e
ctest --preset "$preset" -j 2 2>&1 | tee "$logs/ctest"
ctest_rc=${PIPESTATUS[0]}
# Every file reader under libFuzzer (ASan+UBSan) for 30 s each; fails on any
# crash, leak, out-of-memory or timeout (docs/fuzzing.md).
bash tools/fuzz.sh 30 2>&1 | tee "$logs/fuzz"
fuzz_rc=${PIPESTATUS[0]}
bash tools/package.sh 2>&1 | tee "$logs/package"
package_rc=${PIPESTATUS[0]}
set -e
# The N-th number of the first line matching $1 in file $2 (empty if none; a
# missing line is no error, hence the || true under pipefail).
count() { { grep -oE "$1" "$2" || true; } | head -n 1 | { grep -oE '[0-9]+' || true; } | sed -n "${3}p"; }
ctest_total=$(count 'tests failed out of [0-9]+' "$logs/ctest" 1); ctest_total=${ctest_total:-0}
ctest_failed=$(count '[0-9]+ tests failed out of' "$logs/ctest" 1); ctest_failed=${ctest_failed:-0}
fuzz_total=$(count 'fuzz: [0-9]+ harnesses x' "$logs/fuzz" 1); fuzz_total=${fuzz_total:-0}
fuzz_failed=$(count 'fuzz: [0-9]+ of [0-9]+ harnesses found' "$logs/fuzz" 1); fuzz_failed=${fuzz_failed:-0}
# A step that failed without saying how many counts as one failure.
[ "$ctest_rc" -ne 0 ] && [ "$ctest_failed" -eq 0 ] && ctest_failed=1
[ "$fuzz_rc" -ne 0 ] && [ "$fuzz_failed" -eq 0 ] && fuzz_failed=1
package_failed=$(( package_rc != 0 ? 1 : 0 ))
passed=$(( ctest_total - ctest_failed + fuzz_total - fuzz_failed + 1 - package_failed ))
[ "$passed" -lt 0 ] && passed=0
echo
echo "tests: $passed passed, $(( ctest_failed + fuzz_failed + package_failed )) failed"
[ "$ctest_rc" -eq 0 ] && [ "$fuzz_rc" -eq 0 ] && [ "$package_rc" -eq 0 ]
