#!/bin/sh
# SPDX-License-Identifier: MIT
# The CLI as a user types it: default run, help, version, usage errors.
. "$(dirname "$0")/lib.sh"

expect_status 0 "parley with no arguments" -- "$PARLEY"
for id in RUS UKR USA EUR TERR NATO GUAR ARMY SEQ PAY Forecasts GUARANTOR_COUNCIL; do
  expect_grep "$TMP/out" "$id" "default analysis mentions $id"
done
cp "$TMP/out" "$TMP/first"
expect_status 0 "second run" -- "$PARLEY" analyze
cmp -s "$TMP/first" "$TMP/out" && ok || bad "two runs differ (determinism)"

expect_status 0 "--version" -- "$PARLEY" --version
expect_grep "$TMP/out" "^parley [0-9]*\.[0-9]*\.[0-9]*$" "--version output"
expect_status 0 "--help" -- "$PARLEY" --help
cp "$TMP/out" "$TMP/help"
for c in analyze validate scenario; do
  expect_grep "$TMP/help" "^  $c" "--help lists $c"
  expect_status 0 "$c --help" -- "$PARLEY" "$c" --help
  expect_grep "$TMP/out" "Usage: parley $c" "$c --help usage line"
done
expect_status 0 "help after the command" -- "$PARLEY" analyze -h

# Every document a command's help sends the reader to is one the repository ships
# (the help once cited "MODELS.md section 9", a reference no user has).
for c in $(sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p' "$TMP/help"); do
  "$PARLEY" "$c" --help >"$TMP/h" 2>&1
  for f in $(grep -o '[A-Za-z/_.-]*\.md' "$TMP/h" | sort -u); do
    [ -f "$SRC/$f" ] && ok || bad "$c --help cites $f, which the repository does not have"
  done
done

# --builtin works on the analyses that read a scenario, as on forecast and power (settle,
# durability, stress, claims and report once refused it as an unknown option)
expect_status 0 "settle --builtin" -- "$PARLEY" settle --builtin
expect_status 0 "durability --builtin" -- "$PARLEY" durability --builtin
expect_status 0 "stress --builtin" -- "$PARLEY" stress --builtin -n 2
expect_status 0 "claims --builtin" -- "$PARLEY" claims --builtin --draws 0 --no-breakeven
expect_status 0 "report --builtin" -- "$PARLEY" report --builtin -n 0 -o "$TMP/builtin.html"
expect_status 2 "settle --builtin FILE" -- "$PARLEY" settle --builtin "$SRC/tests/scenarios/voters.yaml"

expect_status 2 "unknown command" -- "$PARLEY" analyse
expect_grep "$TMP/err" "did you mean 'analyze'" "command suggestion"
expect_status 2 "unknown option" -- "$PARLEY" analyze --wieghts cs
expect_grep "$TMP/err" "did you mean '--weights'" "option suggestion"
expect_status 2 "option of another command" -- "$PARLEY" validate --weights cs
expect_status 2 "bad option value" -- "$PARLEY" analyze --weights zz
expect_grep "$TMP/err" "expected one of: cs, s, c, 1" "lists the values"
expect_status 2 "missing option value" -- "$PARLEY" analyze --weights
expect_status 2 "bad format" -- "$PARLEY" --format xml
expect_status 2 "missing file" -- "$PARLEY" analyze "$TMP/nope.yaml"
expect_grep "$TMP/err" "nope.yaml: cannot open" "missing file message"
expect_status 2 "two files" -- "$PARLEY" analyze a.yaml b.yaml
expect_status 2 "file and --builtin" -- "$PARLEY" analyze --builtin x.yaml
expect_status 2 "unknown built-in" -- "$PARLEY" analyze --builtin=nope

# validate: the built-in scenario passes, with every number sourced
expect_status 0 "validate built-in" -- "$PARLEY" validate --require-sources
expect_grep "$TMP/err" "ok (9 actors" "validate reports ok"
# scenario prints the embedded YAML exactly
expect_status 0 "scenario" -- "$PARLEY" scenario
cmp -s "$TMP/out" "$SRC/scenarios/ukraine-2025.yaml" && ok || bad "scenario output differs from scenarios/ukraine-2025.yaml"
cp "$TMP/out" "$TMP/copy.yaml"
expect_status 0 "validate the printed copy" -- "$PARLEY" validate "$TMP/copy.yaml"
expect_status 0 "analyze FILE without the command" -- "$PARLEY" "$TMP/copy.yaml"
cmp -s "$TMP/first" "$TMP/out" && ok || bad "analysis of the copy differs from the built-in's"
expect_status 0 "scenario --list" -- "$PARLEY" scenario --list
expect_grep "$TMP/out" "ukraine-2025 (default)" "built-in list"

# options change results as documented
expect_status 0 "quadratic loss" -- "$PARLEY" analyze --loss quadratic --no-status-quo --format csv
expect_grep "$TMP/out" "^TERR,nbs," "csv forecasts"
expect_status 2 "bad disagreement" -- "$PARLEY" analyze --disagreement 5
finish
