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
expect_grep "$TMP/err" "^settle: 700/700 steps" "settle --progress --quiet"
# PARLEY_PROGRESS_EVERY: a number of seconds from 0 to 3600, else a usage error before any work
for v in -1 abc 1e9 nan " 1" 2x 3601; do
  PARLEY_PROGRESS_EVERY="$v" expect_status 2 "PARLEY_PROGRESS_EVERY='$v'" -- "$P" settle --progress
  expect_grep "$TMP/err" "^parley: PARLEY_PROGRESS_EVERY=$v: expected the seconds between progress lines" \
    "PARLEY_PROGRESS_EVERY='$v' names the variable"
  [ -s "$TMP/out" ] && bad "PARLEY_PROGRESS_EVERY='$v': output on stdout" || ok
done
PARLEY_PROGRESS_EVERY=0.5 expect_status 0 "PARLEY_PROGRESS_EVERY=0.5" -- "$P" settle --progress
PARLEY_PROGRESS_EVERY= expect_status 0 "PARLEY_PROGRESS_EVERY empty: the default" -- "$P" settle
# the final report always comes, at done == total, so one line is certain
expect_grep "$TMP/prog.err" "report: 40/40" "report reaches its total"

# The SMP: refused before it starts, with the estimate and the option that raises it
expect_status 2 "smp work" -- "$P" forecast --model smp --smp-max-work 1000
expect_grep "$TMP/err" "voter evaluations.*above the limit.*--smp-max-work N" "smp estimate"
expect_status 0 "smp under the limit" -- "$P" forecast --model smp --smp-max-work 1000000

# power --floating: refused by the memory check without a name string per member (10^7
# members: the game's weights need 17 x 10^7 bytes = 0.158 GiB, under the limit of 200 MiB;
# the floating tables and results then pass it)
expect_status 2 "floating 10^7" -- timeout 20 "$P" power --weights 1x10000000 \
  --quota 5000001 --floating --max-memory 200
expect_grep "$TMP/err" "floating mode needs .* GiB.*--max-memory MIB" "floating refusal"
# 10^8 members: refused from the member count, before the weights are expanded (1.7 GB,
# 16 s before the builder checked); 17 x 10^8 bytes = 1.58 GiB
expect_status 2 "floating 10^8" -- timeout 10 "$P" power --weights 1x100000000 \
  --quota 50000001 --floating --max-memory 64
expect_grep "$TMP/err" "^parley: --weights has 100000000 members, whose weights alone need 1.58 GiB, above the limit of 0.0625 GiB; expected a smaller game or --max-memory MIB$" "builder refusal"
finish
