#!/bin/sh
# SPDX-License-Identifier: MIT
# The importers' bad-input corpus: every tests/bad/import/NAME.FORMAT.txt is
# an input in FORMAT (deu, decide or ktab) and NAME.FORMAT.expect the exact first
# line that `parley import --from FORMAT NAME.FORMAT.txt` must print on stderr.
#
#   sh tests/bad/import/run.sh PARLEY_BIN SOURCE_DIR BUILD_DIR
#
# Each case is checked by bad_check (tests/bad/lib.sh): exit 2, that first
# line, nothing on stdout, nothing left behind with -o.
. "$(dirname "$0")/../lib.sh"
bad_init "$1" "$2" "$3" import
for f in *.deu.txt *.decide.txt *.ktab.txt; do
    [ -f "$f" ] || continue
    base=${f%.txt}
    want=$(cat "$base.expect" 2>/dev/null) || { echo "FAIL $f: no $base.expect"; fail=$((fail + 1)); continue; }
    bad_check "$f" "$want" "-o D/out.yaml" import --from "${base##*.}" "$f"
done
bad_finish 12
