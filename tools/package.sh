#!/usr/bin/env bash
# Builds the Debian package (CPack, docs/packaging.md), checks it (lintian: no errors;
# desktop-file-validate; appstreamcli validate; no file pointing into the build tree), installs
# it with apt-get, runs the installed programs from /usr/bin (latentset-cli --version, a real
# command on a tiny IDX file made here, latentset --help offscreen), then removes it again.
# Prints "package: ok <file> (<size>)" last, or exits non-zero naming the failed step.
#
#   tools/package.sh [BUILD_DIR]     (default build/package: the release preset without tests)
#
# Environment: LATENTSET_PACKAGE_KEEP=1 leaves the package installed.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/package}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
fail() { echo "package: FAILED: $*" >&2; exit 1; }

# The release preset's flags in a folder of its own, without the test suites (the package holds
# none of them); `cmake --build --preset release --target package` makes the same package.
# A package runs on other machines than the one that built it: x86-64-v3
# (AVX2 + FMA, the kernels' AVX2 width; docs/packaging.md), not -march=native.
# Both programs refuse, with a message, a CPU that lacks it.
arch="${LATENTSET_PACKAGE_ARCH:-x86-64-v3}"
# Without MPI (-DLATENTSET_MPI=OFF): the desktop package needs no OpenMPI, and this build is
# the one CI builds and runs without MPI (docs/scale.md); mpirun users build from source.
cmake --preset release -B "$build" -DLATENTSET_BUILD_TESTS=OFF -DLATENTSET_ARCH="$arch" -DLATENTSET_MPI=OFF >/dev/null
cmake --build "$build" -j 2 --target package
deb=$(ls -t "$build"/latentset_*.deb | head -n 1)
[ -f "$deb" ] || fail "no latentset_*.deb in $build"
echo "package: built $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb --info "$deb" | sed -n 's/^ \(Package\|Version\|Architecture\|Depends\|Recommends\|Installed-Size\):/package:   \1:/p'

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dpkg-deb -x "$deb" "$tmp/root"
for f in usr/bin/latentset usr/bin/latentset-cli usr/share/applications/org.latentset.latentset.desktop \
         usr/share/icons/hicolor/scalable/apps/latentset.svg usr/share/metainfo/org.latentset.latentset.metainfo.xml \
         usr/share/man/man1/latentset.1.gz usr/share/man/man1/latentset-cli.1.gz \
         usr/share/doc/latentset/copyright usr/share/latentset/doc/README.md usr/share/latentset/doc/docs/cli.md; do
  [ -e "$tmp/root/$f" ] || fail "the package lacks /$f"
done
desktop-file-validate "$tmp/root/usr/share/applications/org.latentset.latentset.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net --pedantic "$tmp/root/usr/share/metainfo/org.latentset.latentset.metainfo.xml" \
  || fail "appstreamcli validate"
# Nothing installed may name the source or build tree (paths compiled in, scripts, documents).
if grep -rlF "$(pwd)/" "$tmp/root" >/dev/null 2>&1; then
  fail "files point into the source or build tree: $(grep -rlF "$(pwd)/" "$tmp/root" | tr '\n' ' ')"
fi
# lintian: errors fail the step; warnings are listed (docs/packaging.md explains each).
lintian --fail-on error --tag-display-limit 0 "$deb" 2>/dev/null | tee "$tmp/lintian" || fail "lintian reports errors"
echo "package: lintian $(grep -c '^E:' "$tmp/lintian" || true) errors, $(grep -c '^W:' "$tmp/lintian" || true) warnings"

# Installed, the programs run from /usr/bin, find what they need there and nothing in the build.
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "$(realpath "$deb")" >"$tmp/apt.log" 2>&1 \
  || { cat "$tmp/apt.log"; fail "apt-get install"; }
remove() { [ "${LATENTSET_PACKAGE_KEEP:-0}" = 1 ] || DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -q latentset >/dev/null; }
trap 'remove; rm -rf "$tmp"' EXIT
[ "$(command -v latentset-cli)" = /usr/bin/latentset-cli ] || fail "latentset-cli is not /usr/bin/latentset-cli"
/usr/bin/latentset-cli --version | grep -q "^latentset-cli [0-9]" || fail "latentset-cli --version"
# A tiny IDX pair: two 2x2 images, labels 0 and 1.
mkdir -p "$tmp/idx"
printf '\x00\x00\x08\x03\x00\x00\x00\x02\x00\x00\x00\x02\x00\x00\x00\x02\x00\x40\x80\xff\xff\x80\x40\x00' \
  >"$tmp/idx/t10k-images-idx3-ubyte"
printf '\x00\x00\x08\x01\x00\x00\x00\x02\x00\x01' >"$tmp/idx/t10k-labels-idx1-ubyte"
info=$(cd / && /usr/bin/latentset-cli dataset info "$tmp/idx/t10k-images-idx3-ubyte" --json | tail -n 1)
echo "package: /usr/bin/latentset-cli dataset info -> $info"
case "$info" in *'"images":2'*'"width":2'*) ;; *) fail "dataset info on the tiny IDX file" ;; esac
(cd / && env -u DISPLAY QT_QPA_PLATFORM=offscreen /usr/bin/latentset --help) | grep -q -- "--project" \
  || fail "latentset --help"
(cd / && env -u DISPLAY /usr/bin/latentset --version) | grep -q "LatentSet [0-9]" || fail "latentset --version"
# Help > Documentation finds the installed documents (the app's own screenshot of it would need a
# display; the path rule is ui/shell/HelpBrowser.cpp's: <executable>/../share/latentset/doc).
[ -f /usr/share/latentset/doc/docs/interop.md ] || fail "the documents are not in /usr/share/latentset/doc"
if command -v man >/dev/null; then man -w latentset-cli >/dev/null 2>&1 || fail "man latentset-cli"; fi
echo "package: ok $deb ($(du -h "$deb" | cut -f1))"
