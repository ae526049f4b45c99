#!/usr/bin/env bash
# Installs what is missing, builds the CI preset and runs the whole test suite
# (Catch2 for core, Qt Test offscreen for ui), then the fuzz harnesses for a
# short time (tools/fuzz.sh). Needs no network beyond apt.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh --no-data
preset="${LATENTSET_TEST_PRESET:-ci}"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
ctest --preset "$preset" -j 2
# Every file reader under libFuzzer (ASan+UBSan) for 30 s each; fails on any
# crash, leak, out-of-memory or timeout (docs/fuzzing.md).
bash tools/fuzz.sh 30
