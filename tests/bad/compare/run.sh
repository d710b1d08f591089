#!/bin/sh
# SPDX-License-Identifier: MIT
# `parley compare`'s bad-input corpus: every tests/bad/compare/NAME.args holds
# the arguments (one a line) given after `parley compare`, and NAME.expect the
# exact first line that must then be printed on stderr: scenarios with other
# issues or actors (named, at their place), an unknown variant, a proposal off
# the outcome space (on A or on B), an analysis a side cannot run, too many
# files, variants or standard inputs.
#
#   sh tests/bad/compare/run.sh PARLEY_BIN SOURCE_DIR BUILD_DIR
#
# First checks that a.yaml compares with itself and with its variant (exit 0),
# so that every failure below is the case's. Then each case is checked by
# bad_check (tests/bad/lib.sh): exit 2, that first line, nothing on stdout,
# nothing left behind with -o D/out.txt.
. "$(dirname "$0")/../lib.sh"
bad_init "$1" "$2" "$3" compare

bad_good compare a.yaml
bad_good compare a.yaml --variant c-moves --proposal p.yaml

bad_args_cases "compare"
bad_finish 15
