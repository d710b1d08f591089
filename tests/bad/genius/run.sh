#!/bin/sh
# SPDX-License-Identifier: MIT
# The GENIUS importer's bad-input corpus: every tests/bad/genius/NAME/ holds
# the files of one import, in name order (a-domain.xml, then the profiles),
# and NAME.expect the exact first line that
# `parley import --from genius NAME/*` must print on stderr.
#
#   sh tests/bad/genius/run.sh PARLEY_BIN SOURCE_DIR BUILD_DIR
#
# Each case is checked by bad_check (tests/bad/lib.sh): exit 2, that first
# line, nothing on stdout, nothing left behind with -o.
. "$(dirname "$0")/../lib.sh"
bad_init "$1" "$2" "$3" genius
for d in */; do
    name=${d%/}
    [ -d "$name" ] || continue
    want=$(cat "$name.expect" 2>/dev/null) || { echo "FAIL $name: no $name.expect"; fail=$((fail + 1)); continue; }
    bad_check "$name" "$want" "-o D/out.yaml" import --from genius "$name"/*
done
bad_finish 15
