#!/bin/sh
# SPDX-License-Identifier: MIT
# Install the build tree into a temporary prefix, build examples/forecast.c
# against it with pkg-config (public API only) and run it.
BLD=$1
SRC=$2
CC=$3
SANFLAGS=$4
command -v pkg-config >/dev/null 2>&1 || { echo "SKIP: pkg-config not installed"; exit 77; }
TMP=$(mktemp -d "$BLD/example.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cmake --install "$BLD" --prefix "$TMP/prefix" >"$TMP/install.log" 2>&1 || { cat "$TMP/install.log"; echo "FAIL: install"; exit 1; }
libdir=$(ls -d "$TMP"/prefix/lib*/pkgconfig | head -1)
export PKG_CONFIG_PATH="$libdir"
flags=$(pkg-config --cflags --libs parley) || { echo "FAIL: pkg-config parley"; exit 1; }
# shellcheck disable=SC2086
"$CC" -std=c11 -Wall -Werror $SANFLAGS "$SRC/examples/forecast.c" $flags -o "$TMP/forecast" || { echo "FAIL: compile"; exit 1; }
LD_LIBRARY_PATH=$(dirname "$libdir") "$TMP/forecast" >"$TMP/out" 2>&1 || { cat "$TMP/out"; echo "FAIL: run"; exit 1; }
cat "$TMP/out"
grep -q "^ukraine-2025 (libparley" "$TMP/out" && grep -q "^TERR " "$TMP/out" || { echo "FAIL: output"; exit 1; }
[ -f "$TMP/prefix/share/man/man1/parley.1" ] || { echo "FAIL: man page not installed"; exit 1; }
echo "1 passed, 0 failed"
