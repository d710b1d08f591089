#!/bin/sh
# SPDX-License-Identifier: MIT
# Out of memory as a user sees it: exit 1, "parley: out of memory", no output file.
# parley-failalloc is the CLI built with tests/unit/fail_alloc_env.c: PARLEY_FAIL_ALLOC=N
# fails its Nth allocation (N = 50: loading the scenario; 300: the forecast). Then the last
# allocations of a few commands, where the describers (pl_*_emit) run: each run either
# succeeds with its whole document or fails as above (cli_document_done).
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
# $1: a name; the rest: the command. N counts from the end of a run that fails nothing.
tail_sweep() {
  name=$1; shift
  total=$(PARLEY_FAIL_ALLOC_COUNT=1 "$BIN" "$@" -o "$T/want" 2>&1 >/dev/null |
          sed -n 's/^allocations: //p')
  [ -n "$total" ] || { echo "$name: no allocation count"; exit 1; }
  k=1
  while [ $k -le 30 ] && [ $k -lt "$total" ]; do
    n=$((total - k)); k=$((k + 1))
    rm -f "$T/out"
    PARLEY_FAIL_ALLOC=$n "$BIN" "$@" -o "$T/out" 2>"$T/err"; rc=$?
    if [ "$rc" = 0 ]; then
      cmp -s "$T/out" "$T/want" || { echo "$name N=$n: exit 0, other output"; exit 1; }
      continue
    fi
    [ "$rc" = 1 ] || { echo "$name N=$n: exit $rc, expected 0 or 1"; cat "$T/err"; exit 1; }
    grep -qx 'parley: out of memory' "$T/err" || { echo "$name N=$n: stderr:"; cat "$T/err"; exit 1; }
    [ ! -e "$T/out" ] && [ -z "$(ls "$T" | grep -v '^err$\|^want$')" ] ||
      { echo "$name N=$n: an output file was left"; ls "$T"; exit 1; }
  done
}
tail_sweep forecast forecast -f json --model smp,exchange --exchanges --trajectory
tail_sweep settle settle -f json
tail_sweep power power -f json
tail_sweep durability durability -f json
echo ok
