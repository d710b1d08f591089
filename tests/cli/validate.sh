#!/bin/sh
# SPDX-License-Identifier: MIT
# parley validate reports every problem of a file: each located error, sorted
# by line and column, at most 50, exit 2. Every other command still stops at
# the first error the reader finds, with the same message as before.
. "$(dirname "$0")/lib.sh"
P=$PARLEY
D=$SRC/tests/cli/validate

# errors FILE: the located error lines of the last command's stderr
errors() { grep "^$1:[0-9]*:[0-9]*: " "$TMP/err"; }

# every section of one file in error, independently: all of them, in file order
cd "$D" || exit 1
expect_status 2 "validate, many errors" -- "$P" validate every-section.yaml
errors every-section.yaml >"$TMP/got"
if cmp -s "$TMP/got" every-section.expect; then ok; else
  bad "validate every-section.yaml: the errors differ from every-section.expect"
  diff every-section.expect "$TMP/got" | head -10
fi
[ -s "$TMP/out" ] && bad "validate wrote to stdout" || ok
# each error is followed by its source line and a caret
[ "$(grep -c '^ *\^$' "$TMP/err")" -eq "$(wc -l <every-section.expect)" ] && ok ||
  bad "not one caret per error"
# sorted by line, then column
sort -t: -k2,2n -k3,3n -s every-section.expect | cmp -s - every-section.expect && ok ||
  bad "every-section.expect is not in file order"
# the other commands: the first error found, alone
expect_error "$(head -n1 every-section.expect)" -- "$P" analyze every-section.yaml
[ "$(errors every-section.yaml | wc -l)" -eq 1 ] && ok || bad "analyze reported more than one error"
# from standard input, the same errors under the name <stdin>
"$P" validate - <every-section.yaml >/dev/null 2>"$TMP/err"
sed 's/^every-section.yaml:/<stdin>:/' every-section.expect >"$TMP/want"
errors "<stdin>" | cmp -s - "$TMP/want" && ok || bad "validate - lists other errors"

# sorted by position, though the reader finds the actor's error first
expect_status 2 "validate, out of reading order" -- "$P" validate order.yaml
errors order.yaml >"$TMP/got"
printf '%s\n' "order.yaml:6:35: salience of 'A' on 'X' is 2; expected a number in [0, 1]" \
  "order.yaml:12:25: capability of actor 'B' is -3; expected a number in [0, 1e+12]" >"$TMP/want"
cmp -s "$TMP/got" "$TMP/want" && ok || { bad "order.yaml: errors not sorted"; cat "$TMP/got"; }
expect_error "order.yaml:12:25: capability of actor 'B' is -3; expected a number in [0, 1e+12]" -- "$P" forecast order.yaml

# at most 50, and a last line that says so
cd "$TMP" || exit 1
{
  printf 'parley: 1\nname: many\nactors:\n'
  i=1; while [ $i -le 60 ]; do printf '  - {id: A%d, capability: -%d}\n' $i $i; i=$((i + 1)); done
  printf 'issues:\n  - {id: X, scale: {0: no, 100: yes}}\npositions: {}\n'
} >many.yaml
expect_status 2 "validate, 60 errors" -- "$P" validate many.yaml
[ "$(errors many.yaml | wc -l)" -eq 50 ] && ok || bad "expected 50 errors, got $(errors many.yaml | wc -l)"
errors many.yaml | tail -n1 | grep -q "^many.yaml:53:" && ok || bad "the 50th error is not actor 50's"
tail -n1 "$TMP/err" | grep -qx "parley: stopped after 50 errors; there may be more" && ok ||
  bad "no 'stopped after 50 errors' line: $(tail -n1 "$TMP/err")"

# a valid file still says ok; --quiet says nothing
expect_status 0 "validate ok" -- "$P" validate "$SRC/scenarios/ukraine-2025.yaml"
expect_grep "$TMP/err" "ukraine-2025.yaml: ok (9 actors" "ok line"
expect_status 0 "validate -q" -- "$P" validate -q "$SRC/scenarios/ukraine-2025.yaml"
[ -s "$TMP/err" ] && bad "validate -q wrote to stderr" || ok
# --format json/csv: a valid file gives a document on stdout; a bad one nothing there
expect_status 0 "validate -f json" -- "$P" validate -f json "$SRC/scenarios/ukraine-2025.yaml"
jq -e '.validation[0].valid == true and .validation[0].actors == 9 and .validation[0].bodies == 5' \
  "$TMP/out" >/dev/null && ok || bad "validate -f json: $(head -c 200 "$TMP/out")"
expect_status 0 "validate -f csv" -- "$P" validate -f csv "$SRC/scenarios/ukraine-2025.yaml"
[ "$(sed -n 2p "$TMP/out" | tr -d "\r")" = "$SRC/scenarios/ukraine-2025.yaml,true,9,6,5" ] && ok ||
  bad "validate -f csv: $(cat "$TMP/out")"
expect_status 2 "validate -f json, bad file" -- "$P" validate -f json many.yaml
[ -s "$TMP/out" ] && bad "validate -f json wrote a document for an invalid file" || ok
# errors the reader cannot go on from: one line, as before
printf 'parley: 1\nname: [unclosed\n' >syntax.yaml
expect_status 2 "syntax error" -- "$P" validate syntax.yaml
[ "$(errors syntax.yaml | wc -l)" -eq 1 ] && ok || bad "a syntax error gave more than one error"
finish
