#!/bin/sh
# SPDX-License-Identifier: MIT
# The inputs' bad-input corpus: inputs too large for the limit, inputs whose
# format cannot be recognised, and inputs given in a way that cannot work.
# Every tests/bad/inputs/NAME.args holds one line, the arguments of a parley
# command run from this directory (split into words by the shell), and
# NAME.expect the exact first line it must print on stderr.
#
#   sh tests/bad/inputs/run.sh PARLEY_BIN SOURCE_DIR BUILD_DIR
#
# Each case is checked by bad_check (tests/bad/lib.sh): exit 2, that first
# line, nothing on stdout, nothing left behind with -o.
. "$(dirname "$0")/../lib.sh"
bad_init "$1" "$2" "$3" inputs
for f in *.args; do
    [ -f "$f" ] || continue
    name=${f%.args}
    want=$(cat "$name.expect" 2>/dev/null) || { echo "FAIL $f: no $name.expect"; fail=$((fail + 1)); continue; }
    # shellcheck disable=SC2046 # the arguments are split into words on purpose
    bad_check "$name" "$want" "-o D/out" $(cat "$f")
done
bad_finish 10
