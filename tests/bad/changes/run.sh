#!/bin/sh
# SPDX-License-Identifier: MIT
# The command-line changes' bad-input corpus: every tests/bad/changes/NAME.args
# holds the arguments (one a line) given after `parley forecast scenario.yaml`,
# and NAME.expect the exact first line that must then be printed on stderr.
#
#   sh tests/bad/changes/run.sh PARLEY_BIN SOURCE_DIR BUILD_DIR
#
# First checks that scenario.yaml itself forecasts (exit 0), so that every
# failure below is the change's. Then each case is checked by bad_check
# (tests/bad/lib.sh): exit 2, that first line, nothing on stdout, nothing left
# behind with -o D/out.txt.
. "$(dirname "$0")/../lib.sh"
bad_init "$1" "$2" "$3" changes

bad_good forecast scenario.yaml

bad_args_cases "forecast scenario.yaml"
bad_finish 12
