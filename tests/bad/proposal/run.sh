#!/bin/sh
# SPDX-License-Identifier: MIT
# The proposal bad-input corpus: every tests/bad/proposal/NAME.yaml (or
# NAME.json) is a proposal for scenario.yaml in the same directory, and
# NAME.expect the exact first line that
#   parley settle scenario.yaml --proposal NAME.ext
# must print on stderr.
#
#   sh tests/bad/proposal/run.sh PARLEY_BIN SOURCE_DIR BUILD_DIR
#
# First checks that scenario.yaml itself settles (exit 0), so that every
# failure below is the proposal's. Then each case is checked by bad_check
# (tests/bad/lib.sh): exit 2, that first line, nothing on stdout, nothing left
# behind with -o D/out.txt --frontier-out D/frontier.csv.
. "$(dirname "$0")/../lib.sh"
bad_init "$1" "$2" "$3" proposal

# The scenario on its own must be fine.
bad_good settle scenario.yaml

for expect in *.expect; do
    [ -e "$expect" ] || continue
    name=${expect%.expect}
    if [ -e "$name.yaml" ] && [ -e "$name.json" ]; then
        echo "FAIL $name: both $name.yaml and $name.json exist; expected one input"
        fail=$((fail + 1))
        continue
    elif [ -e "$name.yaml" ]; then
        f=$name.yaml
    elif [ -e "$name.json" ]; then
        f=$name.json
    else
        echo "FAIL $name: no input file $name.yaml or $name.json"
        fail=$((fail + 1))
        continue
    fi
    if [ "$(wc -l <"$expect" | tr -d ' ')" != 1 ] || [ "$(sed -n '$=' "$expect")" != 1 ]; then
        echo "FAIL $f: $expect must hold exactly one line ending in a newline"
        fail=$((fail + 1))
        continue
    fi
    bad_check "$f" "$(sed -n 1p "$expect")" "-o D/out.txt --frontier-out D/frontier.csv" \
        settle scenario.yaml --proposal "$f"
done
bad_finish 12
