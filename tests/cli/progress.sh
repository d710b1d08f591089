#!/bin/sh
# SPDX-License-Identifier: MIT
# Progress (hardening item 6): --progress writes progress lines to stderr for every long
# command even when stderr is not a terminal, nothing without it, and stdout is the same
# bytes with and without it and for any thread count. The SMP refuses a run estimated above
# its work or memory limit, and power --floating refuses a large game without first making
# a name per member.
. "$(dirname "$0")/lib.sh"
P=$PARLEY

# cmd LABEL ARGS...: progress lines with --progress, none without; stdout unchanged
check() {
  label=$1; shift
  "$P" "$@" >"$TMP/plain" 2>"$TMP/plain.err" </dev/null || bad "$label: exit $?"
  "$P" "$@" --progress >"$TMP/prog" 2>"$TMP/prog.err" </dev/null || bad "$label --progress"
  "$P" "$@" --progress --threads 3 >"$TMP/prog3" 2>/dev/null </dev/null ||
    bad "$label --progress --threads 3"
  expect_grep "$TMP/prog.err" "^$label: [0-9]*/[0-9]* .*/s, ETA" "$label --progress"
  if grep -q 'ETA' "$TMP/plain.err"; then bad "$label: progress without --progress"; else ok; fi
  cmp -s "$TMP/plain" "$TMP/prog" && ok || bad "$label: stdout differs with --progress"
  cmp -s "$TMP/plain" "$TMP/prog3" && ok || bad "$label: stdout differs with 3 threads"
}

check settle settle
check "forecast smp" forecast --model smp,exchange -f json
check "forecast exchange" forecast --model smp,exchange -f json
check stress stress -n 40 -f json
check claims claims -n 40 -f json
check report report -n 40
# --quiet keeps warnings away but not progress asked for by name
"$P" settle --progress --quiet >/dev/null 2>"$TMP/err"
expect_grep "$TMP/err" "^settle: 7/7 phases" "settle --progress --quiet"
# the final report always comes, at done == total, so one line is certain
expect_grep "$TMP/prog.err" "report: 40/40" "report reaches its total"

# The SMP: refused before it starts, with the estimate and the option that raises it
expect_status 2 "smp work" -- "$P" forecast --model smp --smp-max-work 1000
expect_grep "$TMP/err" "voter evaluations.*above the limit.*--smp-max-work N" "smp estimate"
expect_status 0 "smp under the limit" -- "$P" forecast --model smp --smp-max-work 1000000

# power --floating: refused by the memory check without a name string per member. 10^7
# members, not 10^8: at 10^8 the builder still expands the weights into two 8-byte arrays
# (1.5 GB, about 16 s here, 30 s under ASan) before pl_power_compute checks the limit.
expect_status 2 "floating 10^7" -- timeout 20 "$P" power --weights 1x10000000 \
  --quota 5000001 --floating --max-memory 64
expect_grep "$TMP/err" "floating mode needs .* GiB.*--max-memory MIB" "floating refusal"
finish
