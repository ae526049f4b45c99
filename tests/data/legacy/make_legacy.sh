#!/bin/sh
# Remakes the legacy files of this folder (README.md here) with the binaries of commit 9701faf,
# the code before experiments moved into core. Run from the repository root:
#
#   tests/data/legacy/make_legacy.sh OLD_BUILD_APP_DIR [OUT]
#
# OLD_BUILD_APP_DIR holds latentset-cli and latentset built from 9701faf (e.g. a release build's
# app/ folder); OUT defaults to tests/data/legacy. Data: tests/cli/make_data.py (the golden runs'
# generated MNIST-shaped set, seeded), so the tests can re-open every file without a download.
# The project is the old app's own autosave (it autosaves every 5 minutes): the script waits
# about 5.5 minutes for it. Figures the old CLI printed go to OUT/*.json beside the files.
set -eu
OLD=$1
OUT=${2:-tests/data/legacy}
mkdir -p "$OUT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 tests/cli/make_data.py "$WORK/data"
export LATENTSET_DATA_DIR="$WORK/data" XDG_CACHE_HOME="$WORK/cache" HOME="$WORK/home"
CLI="$OLD/latentset-cli"
last() { tail -n 1; }

# Class set + MLP (10 members 784-4-2 tied, 20 epochs), the old CLI's report.
"$CLI" mnist --epochs 20 --hidden 4 --latent 2 --lr 0.01 --threads 2 --calibration 20 --seed 1 \
    --save "$OUT/classset.lset" --json 2>/dev/null | last > "$OUT/classset.json"
# Likelihood model: the class set with sigma, p(z) and eq. 5's constants fitted and saved.
cp "$OUT/classset.lset" "$OUT/likelihood.lset"
"$CLI" likelihood --model "$OUT/likelihood.lset" --save --fashion "$WORK/data/fashion" --validation 50 \
    --components 2 --speed-samples 16 --threads 2 --path dense --json 2>/dev/null | last > "$OUT/likelihood.json"
# Per-image scores of the first 20 test images under the saved likelihood model (no refit), and
# those 20 images as IDX files (what tests/core re-scores with today's code).
cp "$OUT/likelihood.lset" "$WORK/lk.lset"
"$CLI" likelihood --model "$WORK/lk.lset" --fashion "$WORK/data/fashion" --validation 50 --components 2 \
    --speed-samples 16 --threads 2 --path dense --limit 20 --scores-csv "$WORK/scores.csv" --json 2>/dev/null \
    | last > "$OUT/likelihood-20.json"
grep -E '^(set|mnist_test),' "$WORK/scores.csv" > "$OUT/likelihood-20-scores.csv"
python3 - "$WORK/data/mnist" "$OUT" <<'PY'
import struct, sys
src, out = sys.argv[1], sys.argv[2]
with open(src + '/t10k-images-idx3-ubyte', 'rb') as f:
    f.read(16)
    pixels = f.read(20 * 28 * 28)
with open(src + '/t10k-labels-idx1-ubyte', 'rb') as f:
    f.read(8)
    labels = f.read(20)
with open(out + '/test20-images-idx3-ubyte', 'wb') as f:
    f.write(struct.pack('>IIII', 0x803, 20, 28, 28) + pixels)
with open(out + '/test20-labels-idx1-ubyte', 'wb') as f:
    f.write(struct.pack('>II', 0x801, 20) + labels)
PY
# Cube world: 12 contexts, members 4 hidden / 2 latent, 400 rounds.
"$CLI" cube train --steps 400 --contexts 12 --hidden 4 --latent 2 --batch 8 --lr 0.01 --threads 2 --eval-digits 5 \
    --seed 1 --progress-seconds 100 --save "$OUT/cube.lset" --json 2>/dev/null | last > "$OUT/cube.json"
"$CLI" cube transfer --model "$OUT/cube.lset" --glyph V --json 2>/dev/null | last > "$OUT/cube-transfer-V.json"
# Level-2 concept on that world.
"$CLI" concept train --model "$OUT/cube.lset" --cubes 40 --held-out 10 --hidden 4 --epochs 30 --restarts 1 --seed 1 \
    --save "$OUT/concept.lset" --json 2>/dev/null | last > "$OUT/concept.json"
"$CLI" concept imagine --model "$OUT/concept.lset" --glyph V --steps 4 --json 2>/dev/null | last > "$OUT/concept-imagine-V.json"

# What the old CLI printed when it re-opened its own files: the figures tests/cli's legacy
# cases expect from today's code (reopen-*.json).
"$CLI" mnist --load "$OUT/classset.lset" --threads 2 --json 2>/dev/null | last > "$OUT/reopen-mnist-load.json"
cp "$OUT/likelihood.lset" "$WORK/lk.lset"
"$CLI" likelihood --model "$WORK/lk.lset" --fashion "$WORK/data/fashion" --validation 50 --components 2 \
    --speed-samples 16 --threads 2 --path dense --json 2>/dev/null | last > "$OUT/reopen-likelihood.json"
"$CLI" cube transfer --model "$OUT/cube.lset" --digit-index 2 --json 2>/dev/null | last > "$OUT/reopen-cube-transfer.json"
"$CLI" oneshot --model "$OUT/cube.lset" --json 2>/dev/null | last > "$OUT/reopen-oneshot.json"
"$CLI" maps --model "$OUT/cube.lset" --samples 2 --json 2>/dev/null | last > "$OUT/reopen-maps.json"
"$CLI" concept imagine --model "$OUT/concept.lset" --glyph V --steps 4 --json 2>/dev/null | last > "$OUT/reopen-concept-imagine.json"

# App project with training state. The old app has no headless save, so it is driven on a
# virtual screen (Xvfb 1600x1000, window 1400x900 at the top left; xdotool): in the training view
# set validation split 100, hidden 2, latent 2, learning rate 0.01, epochs 5; Load (the
# generated MNIST again, to carve the 100 validation images), Reset, Play (5 epochs, < 1 s),
# then File > Save As (Ctrl+Shift+S) and the file name typed into Qt's file dialog.
# The click positions are those of commit 9701faf's training panel.
mkdir -p "$WORK/rt" && chmod 700 "$WORK/rt"
Xvfb :87 -screen 0 1600x1000x24 >/dev/null 2>&1 &
XVFB=$!
sleep 1
export DISPLAY=:87 XDG_RUNTIME_DIR="$WORK/rt" XDG_CONFIG_HOME="$WORK/config"
"$OLD/latentset" --view training --size 1400x900 >/dev/null 2>&1 &
APP=$!
sleep 5
field() { xdotool mousemove "$1" "$2" click 1; sleep 0.3; xdotool key ctrl+a; xdotool type --delay 60 "$3"; xdotool key Tab; sleep 0.3; }
field 219 159 100   # validation split
field 230 228 2     # hidden sizes
field 219 257 2     # latent size
field 219 427 0.01  # learning rate
field 219 485 5     # epochs
xdotool mousemove 288 130 click 1; sleep 2   # Load
xdotool mousemove 288 583 click 1; sleep 1.5 # Reset
xdotool mousemove 69 583 click 1; sleep 5    # Play
xdotool key ctrl+shift+s; sleep 2
xdotool key ctrl+a; xdotool type --delay 30 "$(realpath "$OUT")/project.lset"; xdotool key Return; sleep 3
kill $APP; sleep 1; kill $XVFB
ls -l "$OUT"
