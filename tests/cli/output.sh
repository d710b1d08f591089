#!/bin/sh
# SPDX-License-Identifier: MIT
# -o FILE is atomic: all or nothing; formats; CSV table selection.
. "$(dirname "$0")/lib.sh"

mkdir "$TMP/o"
expect_status 0 "json to stdout" -- "$PARLEY" --format json
cp "$TMP/out" "$TMP/stdout.json"
expect_status 0 "json to a file" -- "$PARLEY" --format json -o "$TMP/o/a.json"
cmp -s "$TMP/stdout.json" "$TMP/o/a.json" && ok || bad "-o file differs from stdout"
[ ! -s "$TMP/out" ] && ok || bad "-o also wrote to stdout"
[ "$(ls "$TMP/o")" = "a.json" ] && ok || bad "leftover files: $(ls "$TMP/o")"
perm=$(stat -c %a "$TMP/o/a.json")
[ "$perm" != "600" ] && ok || bad "output file has mode 600 (mkstemp leak)"

printf 'parley: 1\nname: x\n' > "$TMP/bad.yaml"
expect_status 2 "invalid input with -o" -- "$PARLEY" analyze "$TMP/bad.yaml" -o "$TMP/o/b.json"
[ "$(ls "$TMP/o")" = "a.json" ] && ok || bad "a failed run left files: $(ls "$TMP/o")"
expect_status 2 "unknown CSV table with -o" -- "$PARLEY" --format csv --table nope -o "$TMP/o/c.csv"
expect_grep "$TMP/err" "expected one of: actors, positions, ratification, red_lines, forecasts" "table list"
[ "$(ls "$TMP/o")" = "a.json" ] && ok || bad "a failed CSV run left files: $(ls "$TMP/o")"
expect_status 2 "missing directory" -- "$PARLEY" -o "$TMP/no/such/dir/x.txt"
expect_grep "$TMP/err" "directory $TMP/no/such/dir does not exist" "missing directory message"
expect_status 2 "--table without csv" -- "$PARLEY" --table actors

expect_status 0 "csv default table" -- "$PARLEY" --format csv
[ "$(head -1 "$TMP/out")" = "$(printf 'issue,model,forecast,nearest,anchor\r')" ] && ok || bad "csv header: $(head -1 "$TMP/out")"
# 6 issues x 5 models (mean, median, nbs, eum, exchange) + the header
[ "$(wc -l < "$TMP/out")" -eq 31 ] && ok || bad "csv rows: $(wc -l < "$TMP/out"), expected 31"
expect_status 0 "csv positions" -- "$PARLEY" --format csv --table positions
expect_grep "$TMP/out" "^RUS,TERR," "positions rows"
# overwrite an existing file atomically
echo old > "$TMP/o/a.json"
expect_status 0 "overwrite" -- "$PARLEY" -o "$TMP/o/a.json"
expect_grep "$TMP/o/a.json" "Forecasts" "overwritten file"
finish
