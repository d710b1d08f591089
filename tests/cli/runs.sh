# SPDX-License-Identifier: MIT
# The run store: identical inputs give the identical run id (and replace the stored run), a
# run killed with SIGKILL leaves no partial run and an intact file, runs list/show/diff/export,
# and bad stores (not SQLite, newer schema, read-only) are refused without losing anything.
. "$(dirname "$0")/lib.sh"
P=$PARLEY
need_jq
DB=$TMP/runs.db
ids() { "$P" runs list --store "$DB" --format json 2>/dev/null | jq -r '.runs[].id' | sort | tr '\n' ' '; }

# --- ids: stable for the same inputs, different for another seed --------------------------
expect_status 0 "first run" -- "$P" stress -n 60 --analyses forecast,power --store "$DB" -o "$TMP/a.json"
id1=$(sed -n 's/^parley: run \([0-9a-f]*\) in .*/\1/p' "$TMP/err")
[ ${#id1} -eq 32 ] && ok || bad "no 32-digit run id on stderr: $(cat "$TMP/err")"
expect_status 0 "same inputs again" -- "$P" stress -n 60 --analyses forecast,power --store "$DB" -o "$TMP/b.json"
expect_grep "$TMP/err" "run $id1 (same inputs as a stored run, which it replaces)" "same id, replaced"
cmp -s "$TMP/a.json" "$TMP/b.json" && ok || bad "same inputs, different output"
expect_status 0 "threads do not change the id" -- "$P" stress -n 60 --analyses forecast,power --threads 2 --store "$DB" -o "$TMP/c.json"
expect_grep "$TMP/err" "run $id1 (same inputs" "--threads is not part of the id"
expect_status 0 "another seed" -- env PARLEY_STORE="$DB" "$P" stress -n 60 --analyses forecast,power --seed 9 -o "$TMP/d.json"
id2=$(sed -n 's/^parley: run \([0-9a-f]*\) in .*/\1/p' "$TMP/err")
[ -n "$id2" ] && [ "$id2" != "$id1" ] && ok || bad "--seed 9 gave id '$id2' (first: $id1)"
n=$("$P" runs list --store "$DB" --format json | jq '.runs | length')
[ "$n" -eq 2 ] && ok || bad "$n runs stored, expected 2"
# the id comes from option values, not their spelling: --eum-q .5 and 0.5 are one run
Q=$TMP/q.db
qid() { "$P" stress -n 20 --analyses forecast --eum-q "$1" --store "$Q" -o "$TMP/q.json" 2>&1 | sed -n 's/^parley: run \([0-9a-f]*\).*/\1/p'; }
q1=$(qid .5); q2=$(qid 0.5); q3=$(qid 5e-1); q4=$(qid 0.6)
[ ${#q1} -eq 32 ] && [ "$q1" = "$q2" ] && [ "$q1" = "$q3" ] && ok || bad "--eum-q .5, 0.5, 5e-1 gave ids $q1, $q2, $q3"
[ -n "$q4" ] && [ "$q4" != "$q1" ] && ok || bad "--eum-q 0.6 gave id '$q4' (0.5: $q1)"
expect_status 0 "show the canonical options" -- "$P" runs show "$q1" --store "$Q" --format json
jqe '.run.options == ["analyses=forecast", "eum-q=0.5"]'

# --- show, diff, export -----------------------------------------------------------------------
short=$(printf %s "$id1" | cut -c1-6)
expect_status 0 "show by prefix" -- "$P" runs show "$short" --store "$DB" --format json
jqe ".run.id == \"$id1\" and .run.draws == 60 and (.numbers | length) > 0"
jqe '[.flags[] | select(.finding == "power.GUARANTOR_COUNCIL.acts_against_RUS")][0] | .share_yes == 0 and .baseline == false'
expect_status 0 "diff" -- "$P" runs diff "$id1" "$id2" --store "$DB" --format json
jqe '[.changes[] | select(.what == "seed")] | length == 1'
jqe '[.metrics[] | select(.key == "forecast.TERR.mean")][0] | .a_baseline == .b_baseline'
expect_status 0 "export" -- "$P" runs export "$short" --store "$DB" --format json
jqe '.scenario_text | test("name: ukraine-2025")'
expect_status 2 "unknown id" -- "$P" runs show ffff0000 --store "$DB"
expect_grep "$TMP/err" "no run matches 'ffff0000'" "unknown id message"
[ -s "$TMP/out" ] && bad "output for an unknown id" || ok

# --- kill -9 midway: no partial run, the file intact, earlier runs kept ------------------------
before=$(ids)
"$P" stress -n 200000 --store "$DB" --store-draws -q -o "$TMP/killed.json" >/dev/null 2>&1 &
pid=$!
i=0
while [ $i -lt 100 ] && [ ! -e "$DB-wal" ]; do sleep 0.1; i=$((i + 1)); done
sleep 1
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
[ -e "$TMP/killed.json" ] && bad "a killed run left its output file" || ok
if command -v sqlite3 >/dev/null 2>&1; then
  [ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ] && ok || bad "integrity_check after kill -9"
  [ "$(sqlite3 "$DB" 'SELECT count(*) FROM draw_value')" -eq 0 ] && ok || bad "draw rows of the killed run remain"
fi
[ "$(ids)" = "$before" ] && ok || bad "runs after kill -9: $(ids), before: $before"

# --- bad stores: clear messages, nothing lost ------------------------------------------------
printf 'hello, not a database\n' >"$TMP/text.db"
expect_status 2 "not SQLite" -- "$P" stress -n 10 --store "$TMP/text.db"
expect_grep "$TMP/err" "text.db: not a SQLite run store" "not-SQLite message"
[ "$(cat "$TMP/text.db")" = "hello, not a database" ] && ok || bad "the non-SQLite file was changed"
if command -v sqlite3 >/dev/null 2>&1; then
  cp "$DB" "$TMP/newer.db" && sqlite3 "$TMP/newer.db" 'PRAGMA user_version = 7'
  expect_status 2 "newer schema" -- "$P" stress -n 10 --store "$TMP/newer.db"
  expect_grep "$TMP/err" "schema version 7 is newer than this parley understands (2)" "newer-schema message"
  expect_status 2 "newer schema, runs" -- "$P" runs list --store "$TMP/newer.db"
  sqlite3 "$TMP/other.db" 'CREATE TABLE t(x); INSERT INTO t VALUES (1)'
  expect_status 2 "someone else's database" -- "$P" stress -n 10 --store "$TMP/other.db"
  [ "$(sqlite3 "$TMP/other.db" 'SELECT count(*) FROM sqlite_master')" -eq 1 ] && ok || bad "tables added to another database"
fi
expect_status 2 "missing store for runs" -- "$P" runs list --store "$TMP/none.db"
[ -e "$TMP/none.db" ] && bad "runs created a store" || ok
# read-only: a directory of its own under /tmp (the build tree may be closed to other users),
# and, as root, the store opened as nobody (root may write anything)
RO=$(mktemp -d /tmp/parley-ro.XXXXXX)
cp "$DB" "$RO/r.db" && chmod 444 "$RO/r.db" && chmod 555 "$RO"
as_user() { if [ "$(id -u)" -eq 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi; }
if [ "$(id -u)" -ne 0 ] || command -v setpriv >/dev/null 2>&1; then
  as_user "$P" stress -n 10 --store "$RO/r.db" >"$TMP/out" 2>"$TMP/err"
  st=$?
  [ $st -eq 2 ] && ok || bad "read-only store: exit $st"
  expect_grep "$TMP/err" "cannot write the run store" "read-only message"
  [ "$(as_user "$P" runs list --store "$RO/r.db" --format json 2>/dev/null | jq '.runs | length')" = "$n" ] && ok || bad "the read-only store cannot be read"
else
  echo "note: read-only check skipped (root without setpriv)"
fi
chmod 755 "$RO"; rm -rf "$RO"
finish
