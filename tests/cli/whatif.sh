#!/bin/sh
# SPDX-License-Identifier: MIT
# What-if from the command line: `--set PATH=VALUE` and `--variant NAME` give
# byte for byte the output of the file edited by hand the same way (cmp), for
# every command that reads a scenario; the built-in scenario's variants equal
# their hand edits; errors name the change (unknown path, id, key, variant, a
# value out of range or of the wrong type) and exit 2 with nothing on stdout;
# commands that read no scenario refuse the options.
. "$(dirname "$0")/lib.sh"
P=$PARLEY

mkdir "$TMP/a" "$TMP/b"
# A small scenario and, in b/, the same file edited by hand: A's capability 3
# (inside its range), C off the table, the body's quota 3, B's salience on Y
# given where there was none, and the variant `split` (X's status quo 40).
cat > "$TMP/a/s.yaml" <<'YAML'
parley: 1
name: whatif
actors:
  - {id: A, capability: {value: 2, low: 1, high: 4}}
  - {id: B, capability: 1}
  - {id: C, capability: 1}
issues:
  - {id: X, scale: {0: none, 50: half, 100: all}, status_quo: 50}
  - {id: Y, scale: {0: no, 100: yes}, status_quo: 0}
positions:
  A: {X: {position: 10, salience: 0.6}, Y: {position: 80, salience: 0.4}}
  B: {X: {position: 90, salience: 1}}
  C: {X: {position: 60, salience: 0.3}, Y: {position: 20, salience: 0.3}}
bodies:
  - {id: P, members: [A, B, C], quota: majority}
ratification: {B: P}
variants:
  - id: split
    note: the status quo moves
    set: {issues.X.status_quo: 40}
YAML
sed -e 's/capability: {value: 2, low: 1, high: 4}/capability: {value: 3, low: 1, high: 4}/' \
    -e 's/{id: C, capability: 1}/{id: C, capability: 1, at_table: false}/' \
    -e 's/quota: majority/quota: 3/' \
    -e 's/B: {X: {position: 90, salience: 1}}/B: {X: {position: 90, salience: 1}, Y: {position: 50, salience: 0.2}}/' \
    -e 's/status_quo: 50}/status_quo: 40}/' "$TMP/a/s.yaml" > "$TMP/b/s.yaml"
cmp -s "$TMP/a/s.yaml" "$TMP/b/s.yaml" && bad "the hand edit changed nothing"

# same_output DESCRIPTION ARGS...: `parley ARGS a/s.yaml CHANGES` = `parley ARGS b/s.yaml`
same_output() {
  what=$1; shift
  (cd "$TMP/a" && "$P" "$@" s.yaml --variant split --set actors.A.capability=3 \
      --set actors.C.at_table=false --set bodies.P.quota=3 \
      --set 'positions.B.Y={position: 50, salience: 0.2}') >"$TMP/out.a" 2>"$TMP/err.a"
  sa=$?
  (cd "$TMP/b" && "$P" "$@" s.yaml) >"$TMP/out.b" 2>"$TMP/err.b"
  sb=$?
  (cd "$TMP/a" && "$P" "$@" s.yaml) >"$TMP/out.c" 2>/dev/null
  if [ "$sa" -eq 0 ] && [ "$sb" -eq 0 ] && cmp -s "$TMP/out.a" "$TMP/out.b" &&
     cmp -s "$TMP/err.a" "$TMP/err.b"; then ok; else
    bad "$what: with the changes exit $sa, edited exit $sb, outputs differ"
    head -3 "$TMP/err.a" | sed 's/^/  | /'; fi
  # and the changes change something (the comparison is not vacuous)
  if cmp -s "$TMP/out.a" "$TMP/out.c"; then bad "$what: the changes changed nothing"; else ok; fi
}
same_output analyze analyze
same_output forecast forecast --model mean,median,nbs,eum,exchange
same_output "forecast json" forecast -f json
same_output settle settle
same_output power power
same_output stress stress -n 16 -f json
same_output "scenario json" scenario -f json
same_output report report -n 4

# The built-in scenario's variants, against its text edited by hand.
"$P" scenario > "$TMP/a/u.yaml"
awk '/^  - id: EUR$/ { eur = 1 } eur && /at_table: true/ { sub(/true/, "false"); eur = 0 } { print }' \
    "$TMP/a/u.yaml" > "$TMP/b/u.yaml"
for cmd in forecast settle power; do
  (cd "$TMP/a" && "$P" $cmd u.yaml --variant direct-dialogue) > "$TMP/out.a" 2>&1
  (cd "$TMP/b" && "$P" $cmd u.yaml) > "$TMP/out.b" 2>&1
  if cmp -s "$TMP/out.a" "$TMP/out.b"; then ok; else bad "$cmd --variant direct-dialogue differs from the edit"; fi
done
sed 's/salience: {value: 0.17, low: 0.12, high: 0.22}/salience: {value: 0, note: "Moscow drops the demand for a cap (variant no-army-cap)."}/' \
    "$TMP/a/u.yaml" > "$TMP/b/u.yaml"
(cd "$TMP/a" && "$P" forecast u.yaml --variant no-army-cap -f json) > "$TMP/out.a" 2>&1
(cd "$TMP/b" && "$P" forecast u.yaml -f json) > "$TMP/out.b" 2>&1
if cmp -s "$TMP/out.a" "$TMP/out.b"; then ok; else bad "--variant no-army-cap differs from the edit"; fi
# every built-in variant runs every analysis of analyze
for v in direct-dialogue us-re-engages no-army-cap; do
  expect_status 0 "analyze --variant $v" -- "$P" analyze --variant "$v"
done
# --set on top of a variant, and the built-in scenario as the brief's examples write them
expect_status 0 "the examples" -- "$P" settle --variant us-re-engages \
  --set positions.RUS.TERR.salience=0.32 --set actors.EUR.at_table=false \
  --set bodies.GUARANTOR_COUNCIL.quota=4

# Errors: exit 2, the change named, nothing on stdout.
expect_error "--set positions.RUS.TERX.salience: issue 'TERX' in positions of 'RUS' is not defined; did you mean 'TERR'?" \
  -- "$P" forecast --set positions.RUS.TERX.salience=0.3
[ -s "$TMP/out" ] && bad "an error wrote to stdout"
expect_error "--set actors.EUX.at_table: actors has no entry with id 'EUX'; did you mean 'EUR'?" \
  -- "$P" settle --set actors.EUX.at_table=false
expect_error "--set actors.EUR.at_tabel: unknown key 'at_tabel' in an actor; did you mean 'at_table'?" \
  -- "$P" power --set actors.EUR.at_tabel=false
expect_error "--set positions.RUS.TERR.salience: salience of 'RUS' on 'TERR' is 0.5, outside its range [0.22, 0.32]; expected low <= value <= high" \
  -- "$P" analyze --set positions.RUS.TERR.salience=0.5
expect_error "--set actors.EUR.at_table: at_table of actor 'EUR' is \"no way\"; expected true or false" \
  -- "$P" analyze --set 'actors.EUR.at_table=no way'
expect_error "--set bodies.GUARANTOR_COUNCIL.quota: quota of body 'GUARANTOR_COUNCIL' is 6 (range 6 to 6) but the members' total weight is 5; expected a quota in (0, 5]" \
  -- "$P" power --set bodies.GUARANTOR_COUNCIL.quota=6
expect_error "--set actors.RUS.capability.value.x: actors.RUS.capability.value is a single value ('80'), not a mapping or list; expected the path to end there" \
  -- "$P" forecast --set actors.RUS.capability.value.x=1
expect_error "--variant europe-of: ukraine-2025.yaml has no variant 'europe-of'; expected one of: direct-dialogue, us-re-engages, no-army-cap" \
  -- "$P" forecast --variant europe-of
expect_error "--variant no-army-cp: ukraine-2025.yaml has no variant 'no-army-cp'; did you mean 'no-army-cap'? (its variants: direct-dialogue, us-re-engages, no-army-cap)" \
  -- "$P" durability --variant no-army-cp
expect_error "--variant x: s.yaml declares no variants; expected a scenario with a variants section" \
  -- sh -c "sed '/^variants:/,\$d' '$TMP/a/s.yaml' > '$TMP/s.yaml' && cd '$TMP' && '$P' forecast s.yaml --variant x"
expect_error "parley: --set: runs reads a run store, not a scenario; expected --set and --variant only with a command that reads a scenario" \
  -- "$P" runs list --store "$TMP/r.db" --set a.b=1
expect_error "parley: --variant: import writes the file as converted (apply changes where it is used); expected --set and --variant only with a command that reads a scenario" \
  -- "$P" import "$SRC/fuzz/seeds/synthetic.deu.txt" --variant x
expect_error "parley: --variant is given 2 times; expected one variant (add changes to it with --set)" \
  -- "$P" forecast --variant no-army-cap --variant direct-dialogue
# validate checks the changes too, and says ok
expect_status 0 "validate --variant" -- "$P" validate --variant us-re-engages
expect_status 2 "validate --set" -- "$P" validate --set positions.RUS.TERR.salience=2

# The run store records the changes: runs list shows them, runs diff names them (and the
# places where two runs' scenario texts differ, by path).
if command -v jq >/dev/null 2>&1; then
  DB=$TMP/runs.db
  (cd "$TMP/a" && "$P" stress -n 4 -q --store "$DB" s.yaml >/dev/null &&
   "$P" stress -n 4 -q --store "$DB" s.yaml --variant split --set actors.A.capability=3 >/dev/null)
  (cd "$TMP/b" && "$P" stress -n 4 -q --store "$DB" s.yaml >/dev/null)
  "$P" runs list --store "$DB" -f json > "$TMP/out"
  jqe '[.runs[].what_if] | sort_by(.) == [null, null, "variant=split; set.actors.A.capability=3"]'
  # newest first: the edited file's run, then the changed one, then the plain one
  plain=$("$P" runs list --store "$DB" -f csv | awk -F, 'NR > 1 && $4 == "" {print $1}' | tail -n1)
  changed=$("$P" runs list --store "$DB" -f json | jq -r '.runs[] | select(.what_if != null) | .id')
  edited=$("$P" runs list --store "$DB" -f csv | awk -F, 'NR > 1 && $4 == "" {print $1}' | head -n1)
  "$P" runs diff "$plain" "$changed" --store "$DB" -f json > "$TMP/out"
  jqe '[.changes[] | select(.what | startswith("--")) | [.what, .a, .b]] == [["--variant", null, "split"], ["--set actors.A.capability", null, "3"]]'
  "$P" runs diff "$plain" "$edited" --store "$DB" -f json > "$TMP/out"
  jqe '[.changes[] | select(.what | startswith("scenario ")) | .what] | sort == ["scenario actors.A.capability.value", "scenario actors.C.at_table", "scenario bodies.P.quota", "scenario issues.X.status_quo", "scenario positions.B.Y"]'
  jqe '.changes[] | select(.what == "scenario actors.A.capability.value") | .a == "2" and .b == "3"'
  # the file as named and a label, neither part of the id
  DB2=$TMP/label.db
  "$P" stress -n 4 -q --store "$DB2" --label "the baseline" >/dev/null
  (cd "$TMP/b" && "$P" stress -n 4 -q --store "$DB2" s.yaml --label "hand edit" >/dev/null)
  "$P" runs list --store "$DB2" -f json > "$TMP/out"
  jqe '[.runs[] | [.file, .label]] == [["s.yaml", "hand edit"], [null, "the baseline"]]'
  ids=$(jq -r '.runs[].id' "$TMP/out" | tr '\n' ' ')
  # shellcheck disable=SC2086 # two ids
  "$P" runs diff $ids --store "$DB2" -f json > "$TMP/out"
  jqe '[.changes[] | select(.what == "file" or .what == "label") | [.what, .a, .b]] == [["file", "s.yaml", null], ["label", "hand edit", "the baseline"]]'
  "$P" stress -n 4 -q --store "$DB2" --label "again" >/dev/null
  [ "$("$P" runs list --store "$DB2" -f json | jq '.runs | length')" = 2 ] && ok ||
    bad "another label made another run (the label is not part of the id)"
  expect_error "parley: --label needs a run store: --store FILE or PARLEY_STORE" \
    -- env -u PARLEY_STORE "$P" stress -n 4 --label x
  # a store of schema 1 is read as it is (a reader changes nothing) and upgraded by a writer
  if command -v sqlite3 >/dev/null 2>&1; then
    sqlite3 "$DB2" 'ALTER TABLE run DROP COLUMN file; ALTER TABLE run DROP COLUMN label;
                    PRAGMA user_version = 1'
    "$P" runs list --store "$DB2" -f json > "$TMP/out"
    jqe '[.runs[] | [.file, .label]] == [[null, null], [null, null]]'
    [ "$(sqlite3 "$DB2" 'PRAGMA user_version')" = 1 ] && ok || bad "runs list upgraded the store"
    "$P" stress -n 4 -q --store "$DB2" --label new >/dev/null
    [ "$(sqlite3 "$DB2" 'PRAGMA user_version')" = 2 ] && ok || bad "stress did not upgrade the store"
  fi
fi

finish
