#!/bin/sh
# SPDX-License-Identifier: MIT
# `parley compare`: a scenario and a copy with two edits name exactly those two
# inputs with both values, and list the weighted mean of the edited issue with
# both values (derived by hand below); the same edits by --set give the same
# inputs and results; a variant, two variants and two proposals are named by
# path; identical sides print "No differences" and exit 0; the output is
# byte-identical from run to run; results come largest first; CSV tables.
. "$(dirname "$0")/lib.sh"
need_jq
P=$PARLEY
cd "$TMP" || exit 1

# Weights capability x salience. X: A 1x1 at 0, B 1x1 at 100, C 2x0.5 at 50: mean
# (0 + 100 + 50)/3 = 50; with A at 30, (30 + 100 + 50)/3 = 60. Y's mean is 50 both
# times: (0x0.5 + 100x0.5 + 50x2)/3 and, with C's salience 0.5, (0 + 50 + 50)/2.
cat > s.yaml <<'YAML'
parley: 1
name: compare
actors:
  - {id: A, capability: 1}
  - {id: B, capability: 1}
  - {id: C, capability: 2}
issues:
  - {id: X, scale: {0: none, 50: half, 100: all}, status_quo: 0}
  - {id: Y, scale: {0: no, 100: yes}, status_quo: 0}
positions:
  A: {X: {position: 0, salience: 1}, Y: {position: 0, salience: 0.5}}
  B: {X: {position: 100, salience: 1}, Y: {position: 100, salience: 0.5}}
  C: {X: {position: 50, salience: 0.5}, Y: {position: 50, salience: 1}}
bodies:
  - {id: P, members: [A, B, C], quota: majority}
variants:
  - {id: c-moves, note: C moves towards A, set: {positions.C.X.position: 20}}
  - {id: b-cares, note: B cares less about X, set: {positions.B.X.salience: 0.5}}
YAML
sed -e 's/A: {X: {position: 0,/A: {X: {position: 30,/' \
    -e 's/Y: {position: 50, salience: 1}}/Y: {position: 50, salience: 0.5}}/' s.yaml > b.yaml
cmp -s s.yaml b.yaml && bad "the hand edit changed nothing"

# two files
"$P" compare s.yaml b.yaml -f json > out || bad "compare s.yaml b.yaml exits $?"
jqe '.inputs == [{"what": "positions.A.X.position", "a": "0", "b": "30"},
                 {"what": "positions.C.Y.salience", "a": "1", "b": "0.5"}]'
jqe '[.results[] | select(.what == "forecasts[X,mean].forecast")] ==
     [{"analysis": "forecast", "what": "forecasts[X,mean].forecast", "a": "50", "b": "60",
       "change": 10, "size": (10 / 60)}]'
jqe '[.results[] | select(.what == "forecasts[Y,mean].forecast")] == []'
jqe '[.results[].size] as $s | $s == ($s | sort | reverse)'
jqe '.compared.a == "s.yaml" and .compared.b == "b.yaml" and
     .compared.analyses == "forecast, settle, power"'
cp out two-files.json

# the finding names the largest change with its values in 4 significant digits (every
# digit stays in the table): Moscow's terms against Europe and Kyiv's, whose largest change
# is a margin in points with 17 digits in the table
"$P" compare --builtin --proposal moscow-terms --proposal europe-kyiv --analyses settle \
    -f json > big.json || bad "compare two built-in proposals exits $?"
jq -e '.results[0] as $t | ($t.a | test("[0-9]\\.[0-9]{5}")) and
       (.compared.finding | contains("the largest: \($t.analysis) \($t.what), from ")) and
       (.compared.finding | test("[0-9]\\.[0-9]{5}") | not)' big.json >/dev/null && ok ||
  bad "the finding: $(jq -r .compared.finding big.json)"

# the same edits by --set: the same inputs and results
"$P" compare s.yaml --set positions.A.X.position=30 --set positions.C.Y.salience=0.5 \
    -f json > out || bad "compare --set exits $?"
jqe '.compared.b == "s.yaml --set positions.A.X.position=30 --set positions.C.Y.salience=0.5"'
jq -S '{inputs, results}' out > set.norm
jq -S '{inputs, results}' two-files.json > files.norm
cmp -s set.norm files.norm && ok || bad "--set and the edited file compare differently"

# deterministic: byte-identical twice, in every format
for f in text json csv; do
  "$P" compare s.yaml b.yaml -f $f > r1 && "$P" compare s.yaml b.yaml -f $f > r2
  cmp -s r1 r2 && ok || bad "compare -f $f differs from run to run"
done

# identical sides: no differences, exit 0
expect_status 0 "compare s.yaml" -- "$P" compare s.yaml
expect_grep "$TMP/out" "No differences: the inputs and every result compared are the same." \
    "identical sides"
"$P" compare s.yaml s.yaml -f json > out
jqe '.inputs == [] and .results == [] and .compared.results_changed == 0'

# one variant (B), then two (A and B): the paths they set
"$P" compare s.yaml --variant c-moves -f json > out
jqe '.inputs == [{"what": "positions.C.X.position", "a": "50", "b": "20"}]'
jqe '.compared.b == "s.yaml --variant c-moves"'
"$P" compare s.yaml --variant c-moves --variant b-cares -f json > out
jqe '.inputs == [{"what": "positions.B.X.salience", "a": "1", "b": "0.5"},
                 {"what": "positions.C.X.position", "a": "20", "b": "50"}]'

# two proposals on one scenario: the proposal's input, its utilities
printf 'X: 50\nY: 100\n' > p1.yaml
printf 'X: 100\nY: 100\n' > p2.yaml
"$P" compare s.yaml --proposal p1.yaml --proposal p2.yaml --analyses settle -f json > out
jqe '.inputs == [{"what": "proposal.X", "a": "50", "b": "100"}]'
jqe '.compared.analyses == "settle"'
jqe '.compared.a == "s.yaml --proposal p1.yaml" and .compared.b == "s.yaml --proposal p2.yaml"'
jqe '[.results[] | select(.what | startswith("settlement.proposal.u_"))] | length == 3'
# one proposal: judged on both sides
"$P" compare s.yaml --proposal p1.yaml --set positions.A.X.position=30 -f json > out
jqe '.inputs == [{"what": "positions.A.X.position", "a": "0", "b": "30"}]'
jqe '[.results[] | select(.what == "settlement.proposal.u_A")] | length == 1'
# proposals built in for the built-in scenario, by name (as settle and durability take them),
# and a name that is neither a file nor built in, answered with the built-in names
"$P" compare --proposal moscow-terms --proposal europe-kyiv --analyses settle -f json > out
jqe '.compared.a == "built-in ukraine-2025 --proposal proposals/moscow-terms.yaml"'
jqe '[.inputs[] | select(.what == "proposal.TERR.value")] == [{"what": "proposal.TERR.value", "a": "100", "b": "50"}]'
expect_status 2 "compare --proposal with an unknown name" -- "$P" compare --proposal nope --analyses settle
grep -q "its built-in proposals are: moscow-terms" "$TMP/err" && ok || bad "compare --proposal nope: no built-in names: $(head -n2 "$TMP/err")"

# power: the body's quota from majority to unanimity. Three equal members: a member is
# decisive for 2 of the 4 coalitions of the others under majority ({B}, {C}), for 1
# under unanimity ({B, C}): its absolute Banzhaf index goes from 1/2 to 1/4.
"$P" compare s.yaml --set bodies.P.quota=unanimity --analyses power -f json > out
jqe '.inputs == [{"what": "bodies.P.quota", "a": "majority", "b": "unanimity"}]'
jqe '[.results[] | select(.what == "P.power.exact[A].banzhaf_absolute")] ==
     [{"analysis": "power", "what": "P.power.exact[A].banzhaf_absolute", "a": "1/2",
       "b": "1/4", "change": -0.25, "size": 0.25}]'

# CSV: the results table, or --table inputs
"$P" compare s.yaml b.yaml -f csv --table inputs > out
[ "$(head -n1 out | tr -d "\r")" = "what,a,b" ] && ok || bad "CSV inputs header: $(head -n1 out)"
[ "$(wc -l < out)" -eq 3 ] && ok || bad "CSV inputs: $(wc -l < out) lines, expected 3"
"$P" compare s.yaml b.yaml -f csv > out
[ "$(head -n1 out | tr -d "\r")" = "analysis,what,a,b,change,size" ] && ok || bad "CSV results header"

# the built-in scenario: structure only (its numbers are re-encoded elsewhere)
"$P" compare --variant direct-dialogue --analyses forecast,settle -f json > out ||
  bad "compare --variant direct-dialogue exits $?"
jqe '.compared.inputs_differ >= 1 and .compared.results_changed >= 1'
jqe '[.results[].size] as $s | $s == ($s | sort | reverse)'
jqe '.compared.a == "built-in ukraine-2025"'

finish
