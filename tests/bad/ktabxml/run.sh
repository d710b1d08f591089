#!/bin/sh
# SPDX-License-Identifier: MIT
# The KTAB XML importer's bad-input corpus: every tests/bad/ktabxml/NAME.xml is
# a KTAB SMP scenario broken in one place, and NAME.expect the exact first
# line that `parley import --from ktab NAME.xml` must print on stderr
# (FILE:LINE:COL: what is wrong; what is expected).
#
#   sh tests/bad/ktabxml/run.sh PARLEY_BIN SOURCE_DIR BUILD_DIR
#
# Each case is checked by bad_check (tests/bad/lib.sh): exit 2, that first
# line, nothing on stdout, nothing left behind with -o.
. "$(dirname "$0")/../lib.sh"
bad_init "$1" "$2" "$3" ktabxml
for f in *.xml; do
    [ -f "$f" ] || continue
    name=${f%.xml}
    if [ ! -f "$name.expect" ]; then
        echo "FAIL $f: no $name.expect"
        fail=$((fail + 1))
        continue
    fi
    if [ "$(wc -l <"$name.expect" | tr -d ' ')" != 1 ] || [ "$(sed -n '$=' "$name.expect")" != 1 ]; then
        echo "FAIL $f: $name.expect must hold exactly one line ending in a newline"
        fail=$((fail + 1))
        continue
    fi
    bad_check "$f" "$(sed -n 1p "$name.expect")" "-o D/out.yaml" import --from ktab "$f"
done
bad_finish 30
