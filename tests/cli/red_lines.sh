#!/bin/sh
# SPDX-License-Identifier: MIT
# Red lines in `parley settle` and guarantees tied to packages in `parley
# durability` (docs/models.md, "Red lines"; the hand derivations are in
# tests/unit/test_settle.c and test_dynamics.c): the findings, the red_lines
# table in text, JSON and CSV, a proposal that crosses red lines, a clash, a
# ratifier's red line, bad input, determinism, a guarantee counted in one package
# and not in another.
. "$(dirname "$0")/lib.sh"
need_jq
P=$PARLEY
SEEDS=$SRC/fuzz/seeds/scenario

# 2 parties, X and Y with options 0, 50, 100; A rules out Y > 50, B rules out X = 0.
cat > "$TMP/rl.yaml" <<'YAML'
parley: 1
name: redlines-tiny
actors:
  - {id: A, capability: 1}
  - {id: B, capability: 1}
issues:
  - {id: X, scale: {0: a, 100: b}, status_quo: 50, options: [{id: x0, at: 0}, {id: x50, at: 50}, {id: x100, at: 100}]}
  - {id: Y, scale: {0: a, 100: b}, status_quo: 50, options: [{id: y0, at: 0}, {id: y50, at: 50}, {id: y100, at: 100}]}
positions:
  A: {X: {position: 0, salience: 0.6}, Y: {position: 0, salience: 0.4}}
  B: {X: {position: 100, salience: 0.4}, Y: {position: 100, salience: 0.6}}
red_lines:
  A: {Y: "> 50"}
  B: {X: [x0]}
YAML

expect_status 0 "settle with red lines" -- "$P" settle "$TMP/rl.yaml"
expect_grep "$TMP/out" 'red_line_A_Y: A rules out Y "> 50": this red line binds; alone it removes 1 package' "binding red line"
expect_grep "$TMP/out" "within_red_lines: yes" "frontier within red lines"
expect_grep "$TMP/out" "^  B      party  X      \[x0\]                  2        1                1$" "red_lines row"
cp "$TMP/out" "$TMP/text1"
expect_status 0 "settle again" -- "$P" settle "$TMP/rl.yaml"
cmp -s "$TMP/out" "$TMP/text1" && ok || bad "settle with red lines is not deterministic"

expect_status 0 "settle json" -- "$P" settle "$TMP/rl.yaml" --format json
jqe '.settlement.winsets.rational == 1'
jqe '[.settlement.red_lines[] | .removes] == [1, 1]'
jqe '.settlement.frontier.size == 3'
jqe '[.settlement.packages[] | select(.solution == "utilitarian") | .point] == [50, 50]'

expect_status 0 "settle csv red_lines" -- "$P" settle "$TMP/rl.yaml" --format csv --table red_lines
expect_grep "$TMP/out" "^actor,role,issue,rules_out,options_left,removes,zone_without_it" "csv header"
expect_grep "$TMP/out" '^A,party,Y,> 50,2,1,1' "csv row"

# A proposal across both red lines: whose and which, and not rational whatever its gains.
printf 'X: x0\nY: y100\n' > "$TMP/p.yaml"
expect_status 0 "proposal" -- "$P" settle "$TMP/rl.yaml" --proposal "$TMP/p.yaml" --format json
jqe '.settlement.proposal.red_lines_crossed == "A rules out Y \"> 50\"; B rules out X [x0]"'
jqe '.settlement.proposal.rational == false'
jqe '.settlement.proposal.u_A == 0.6 and .settlement.proposal.u_B == 0.6'

# A clash: A needs X = 0, B rules it out.
expect_status 0 "clash" -- "$P" settle "$SEEDS/red-lines-clash.yaml"
expect_grep "$TMP/out" "red_lines_clash_X: No package is within every party's red lines: on X, A rules out X \"> 0\" (it accepts 0) and B rules out X \[x0\] (it accepts 50, 100)." "clash finding"
expect_grep "$TMP/out" "dropping it alone would open a zone of 1 package" "dropping one opens a zone"

# Bargaining over a clash: no package to offer, so no deal, each party at its no-deal value.
expect_status 0 "bargain over a clash" -- "$P" bargain "$SEEDS/red-lines-clash.yaml" --format json
jqe '.bargain.packages == 0 and .bargain.agreement == false'
jqe '[.bargain.values[] | .value == .no_deal] == [true, true]'

# A ratifier's red line: PARL's only member C rules out X = 50, the one rational package.
expect_status 0 "ratifier" -- "$P" settle "$SEEDS/red-lines-ratify.yaml" --format json
jqe '.settlement.winsets.ratifiable == 3 and .settlement.winsets.rational_and_ratifiable == 0'
jqe '[.settlement.red_lines[] | select(.actor == "C")] == [{"actor": "C", "role": "ratifier", "issue": "X", "rules_out": "[50]", "options_left": 2, "removes": 2, "zone_without_it": 1}]'

# `parley scenario` lists the red lines as written.
expect_status 0 "scenario" -- "$P" scenario "$SEEDS/red-lines-ratify.yaml" --format json
jqe '[.red_lines[] | .rules_out] == ["> 50", "[x0]", "[50]"]'

# Bad input: exit 2 at file:line:col, nothing on stdout.
sed 's/B: {X: \[x0\]}/B: {X: [x0, x25]}/' "$TMP/rl.yaml" > "$TMP/bad.yaml"
expect_error "bad.yaml:14:15: red line of 'B' on issue 'X' lists \"x25\", which is not an option of issue 'X'; expected one of its options: x0, x50, x100" -- sh -c "cd '$TMP' && '$P' settle bad.yaml"
[ ! -s "$TMP/out" ] && ok || bad "bad red line: output on stdout"

# A guarantee tied to GUAR >= 50: counted with GUAR 100, not with GUAR 0.
printf 'ARMY: 100\nGUAR: 100\n' > "$TMP/with.yaml"
printf 'ARMY: 100\nGUAR: 0\n' > "$TMP/without.yaml"
expect_status 0 "provided" -- "$P" durability "$SEEDS/guarantee-provided-by.yaml" --proposal "$TMP/with.yaml" --format json
jqe '.durability.guarantees[0].provided == true and .durability.guarantees[0].counted == 0.3 and .durability.guarantees[0].holds == true'
expect_status 0 "not provided" -- "$P" durability "$SEEDS/guarantee-provided-by.yaml" --proposal "$TMP/without.yaml"
expect_grep "$TMP/out" "guarantee_GUARANTOR: GUARANTOR's guarantee is not counted: the deal does not provide it (provided_by: GUAR \">= 50\"); without it the deal fails." "not provided finding"
expect_grep "$TMP/out" "^  GUARANTOR  A         yes               0.3        0  no       0.278    0.522  no$" "guarantees row"
finish
