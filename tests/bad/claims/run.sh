#!/bin/sh
# SPDX-License-Identifier: MIT
# The claims bad-input corpus: every tests/bad/claims/NAME.yaml (or NAME.json)
# is a claims file read against the built-in scenario, and NAME.expect the
# exact first line that
#   parley claims --claims NAME.ext
# must print on stderr.
#
#   sh tests/bad/claims/run.sh PARLEY_BIN SOURCE_DIR BUILD_DIR
#
# First checks that the built-in scenario's own claims file
# (scenarios/ukraine-2025.claims.yaml) passes (exit 0), so that every failure
# below is the case's. Then each case is checked by bad_check
# (tests/bad/lib.sh): exit 2, that first line, nothing on stdout, nothing left
# behind with -o D/out.txt.

. "$(dirname "$0")/../lib.sh"
bad_init "$1" "$2" "$3" claims

# A valid claims file must pass.
good=../../../scenarios/ukraine-2025.claims.yaml
# the good file loads and runs (no draws and no break-even search: under a sanitizer on a busy
# machine they outlast the limit; tests/cli/claims.sh runs them)
bad_good claims --claims "$good" --draws 0 --no-breakeven

for f in *.yaml *.json; do
    [ -f "$f" ] || continue
    base=${f%.*}
    if [ ! -e "$base.expect" ]; then
        echo "FAIL $f: no $base.expect"
        fail=$((fail + 1))
        continue
    fi
    if [ "$(wc -l <"$base.expect" | tr -d ' ')" != 1 ]; then
        echo "FAIL $f: $base.expect must hold exactly one line ending in a newline"
        fail=$((fail + 1))
        continue
    fi
    bad_check "$f" "$(sed -n 1p "$base.expect")" "-o D/out.txt" claims --claims "$f"
done
bad_finish 30
