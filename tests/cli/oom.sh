#!/bin/sh
# SPDX-License-Identifier: MIT
# Out of memory as a user sees it: exit 1, "parley: out of memory", no output file.
# parley-failalloc is the CLI built with tests/unit/fail_alloc_env.c: PARLEY_FAIL_ALLOC=N
# fails its Nth allocation (N = 50: loading the scenario; 300: the forecast).
set -u
BIN=$3/parley-failalloc
[ -x "$BIN" ] || { echo "no $BIN"; exit 1; }
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
for n in 50 300; do
  PARLEY_FAIL_ALLOC=$n "$BIN" forecast -f json -o "$T/out.json" 2>"$T/err"; rc=$?
  [ "$rc" = 1 ] || { echo "N=$n: exit $rc, expected 1"; exit 1; }
  grep -qx 'parley: out of memory' "$T/err" || { echo "N=$n: stderr:"; cat "$T/err"; exit 1; }
  [ ! -e "$T/out.json" ] && [ -z "$(ls "$T" | grep -v '^err$')" ] ||
    { echo "N=$n: an output file was left"; ls "$T"; exit 1; }
done
echo ok
