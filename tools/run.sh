#!/usr/bin/env bash
# Installs what is missing, builds the Release preset and opens LatentSet on MNIST.
# Extra arguments go to the app (e.g. --view heatmap).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release
data_dir="${LATENTSET_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/latentset}"
exec build/release/app/latentset --dataset "$data_dir/mnist" "$@"
