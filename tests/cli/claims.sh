# SPDX-License-Identifier: MIT
# parley claims: the seed article's verdicts with their margins, break-evens and labels,
# determinism over draws, a flip by editing the scenario, bad use; and docs/case-study.md's
# table matches the program (no drift).
. "$(dirname "$0")/lib.sh"
P=$PARLEY
need_jq

expect_status 0 "claims" -- "$P" claims --threads 2
expect_grep "$TMP/out" "Verdict: holds, by definition of the rules. GUARANTOR_COUNCIL cannot act against RUS" "council verdict"
expect_grep "$TMP/out" "it holds by definition of the rules (RUS is a veto member of GUARANTOR_COUNCIL)" "council rule"
expect_grep "$TMP/out" "stop the war. Verdict: not modelled." "not modelled"
# every verdict says its margin; those that can flip, the nearest flip (hand: on GUAR without
# EUR, RUS's 80 x 0.20 = 16 against UKR's and the USA's 15.05)
[ "$(grep -c 'Margin: ' "$TMP/out")" = 6 ] && ok || bad "a margin for each of the 6 verdicts"
expect_grep "$TMP/out" "median 100 holds by 0.95 weight units (16 at or above it against 15.05 below)" "leverage margin"
# on NATO and GUAR no package is in the zone: Russia's red line (GUAR "< 50") leaves GUAR 50,
# 75, 100, where Ukraine gains nothing on GUAR and NATO away from the status quo's 40 costs
# Russia or Ukraine (hand, from the positions)
expect_grep "$TMP/out" "0 packages against at most 2: within by 2 packages." "zone margin"
expect_grep "$TMP/out" "Break-even: it flips if RUS capability ≤ 67.5 (now 80; range 65 to 95)" "leverage break-even"
expect_grep "$TMP/out" "It tests its own input: its sentence is also the source of EUR capability" "circular"
"$P" claims -n 30 --threads 1 --format json >"$TMP/t1.json" 2>/dev/null
"$P" claims -n 30 --threads 3 --format json >"$TMP/t3.json" 2>/dev/null
cmp -s "$TMP/t1.json" "$TMP/t3.json" && ok || bad "--threads 3 differs from --threads 1"
cp "$TMP/t1.json" "$TMP/out"
jqe '[.claims.checks[] | select(.claim == "council-cannot-act")][0] | .holds_share == 1 and .draws == 30'

# --explain: every input that flips a verdict, ranked, in JSON and CSV
expect_status 0 "explain" -- "$P" claims --explain --draws 0 --threads 2 --format json
jqe '[.claims.checks[] | .status] == ["holds", "holds", "holds", "fails", "holds", "not modelled", "holds"]'
jqe '[.claims.breakeven[] | select(.claim == "europe-decorative")] | length == 1'
jqe '[.claims.breakeven[] | select(.claim == "council-cannot-act")] | length == 0'
jqe '[.claims.checks[] | select(.claim == "council-cannot-act")][0].label == "by definition of the rules"'
jqe '[.claims.breakeven | group_by(.claim)[] | [.[].change] | . == sort] | all and length == 3'
expect_status 0 "explain csv" -- "$P" claims --explain --draws 0 --threads 2 --format csv --table breakeven
expect_grep "$TMP/out" "^europe-decorative,RUS capability,80,67.49999" "csv break-even row"

# a documented edit flips a verdict: drop Russia's veto, decide by 4 of 5
"$P" scenario | awk '/^    quota: unanimity$/ && !done {getline v; if (v == "    veto: all") {print "    quota: 4"; done=1; next} print; print v; next} {print}' >"$TMP/noveto.yaml"
expect_status 0 "claims on the edited scenario" -- "$P" claims "$TMP/noveto.yaml" --claims "$SRC/scenarios/ukraine-2025.claims.yaml" --format json --draws 0 --threads 2
jqe '[.claims.checks[] | select(.claim == "council-cannot-act")][0].status == "fails"'

expect_error "parley: claims: give the claims to check with --claims FILE (only the built-in scenario has its own)" -- "$P" claims "$TMP/noveto.yaml"
expect_status 2 "missing claims file" -- "$P" claims --claims "$TMP/none.yaml"
expect_error "parley: --draws x: expected a whole number from 0 to 100000000" -- "$P" claims --draws x
expect_status 0 "no break-even" -- "$P" claims --no-breakeven --draws 0 --format json
jqe '(.claims | has("breakeven") | not) and ([.claims.checks[] | select(.claim == "thin-zone-guarantees")][0].margin | test("within by 2 packages"))'
expect_status 2 "--explain --no-breakeven" -- "$P" claims --explain --no-breakeven

# a zone check counts no package that crosses a party's red line (hand: one issue X with
# options 0, 50, 100, status quo 0; A at 100, B at 60, saliences 1: X 50 gives A +0.5 and B
# 0.9 - 0.4 = +0.5, X 100 gives A +1 and B 0.6 - 0.4 = +0.2, X 0 gives nobody a gain: 2
# packages, the claim allowing 1 fails; with B ruling out X "> 75", X 100 leaves the zone: 1)
cat >"$TMP/rz.yaml" <<'YAML'
parley: 1
name: rz
actors: [{id: A, capability: 1}, {id: B, capability: 1}]
issues: [{id: X, scale: {0: none, 50: half, 100: all}, status_quo: 0}]
positions: {A: {X: {position: 100, salience: 1}}, B: {X: {position: 60, salience: 1}}}
YAML
printf 'parley-claims: 1\nclaims:\n  - id: z\n    claim: thin\n    check: {kind: zone, issues: [X], max_packages: 1}\n' >"$TMP/rz.claims.yaml"
expect_status 0 "zone without red lines" -- "$P" claims "$TMP/rz.yaml" --claims "$TMP/rz.claims.yaml" --draws 0 --format json
jqe '.claims.checks[0].status == "fails" and .claims.checks[0].value == 2'
printf 'red_lines: {B: {X: "> 75"}}\n' >>"$TMP/rz.yaml"
expect_status 0 "zone with a red line" -- "$P" claims "$TMP/rz.yaml" --claims "$TMP/rz.claims.yaml" --draws 0 --format json
jqe '.claims.checks[0].status == "holds" and .claims.checks[0].value == 1'

# a durability section without guarantees: the margin says the deal holds on its own, and no
# heading "Guarantees, which the check leaves out:" is left with nothing after it
J="$SRC/tests/scenarios/jcpoa-2015"
expect_status 0 "self_enforcing, no guarantee" -- "$P" claims "$J.yaml" --claims "$J.claims.yaml" --no-breakeven --draws 0
expect_grep "$TMP/out" "Margin: It holds on its own.$" "margin without guarantees"
grep -q "leaves out: *$" "$TMP/out" && bad "a guarantees heading with no guarantee after it" || ok
# a reason written as a fragment reads as a sentence after "Verdict: not modelled."
printf 'parley-claims: 1\nclaims:\n  - {id: nm, claim: "No deal costs the UK more.", check: {kind: not_modelled, why: "the costs are inputs"}}\n' >"$TMP/nm.claims.yaml"
expect_status 0 "not_modelled, a fragment" -- "$P" claims "$J.yaml" --claims "$TMP/nm.claims.yaml" --no-breakeven --draws 0
expect_grep "$TMP/out" "Verdict: not modelled. The costs are inputs[.]$" "why as a sentence"
# a deal that shifts no power (Iran's enrichment left at 80, the term's factor 1): the chance
# "stays", not "goes from 0.90 to 0.90"
printf 'ENRICH: 80\nSANCT: 80\nINSP: 75\n' >"$TMP/noshift.yaml"
expect_status 0 "self_enforcing, no shift" -- "$P" claims "$J.yaml" --claims "$J.claims.yaml" --proposal "$TMP/noshift.yaml" --no-breakeven --draws 0
expect_grep "$TMP/out" "chance of winning a war stays 0.90 and neither side" "no shift reads as none"

# ratification: `above P` claims the deal passes (p > P), `below P` that it fails (p < P). On
# settle's Nash package (p_ratified 0.564 on the built-in) below 0.5 fails, too high, and above
# 0.5 holds; both report settle's probability. On a package no body passes (p 0), above fails,
# too low.
"$P" settle -f json >"$TMP/settle.json" || bad "settle: exit $?"
R=$(jq -r '"{" + ([.settlement.packages[] | select(.solution == "nash") | "\(.issue): \(.point)"] | join(", ")) + "}"' "$TMP/settle.json")
Z='{TERR: 75, NATO: 100, GUAR: 50, ARMY: 50, SEQ: 50, PAY: 50}'
rat() { printf '  - {id: %s, claim: c, check: {kind: ratification, proposal: %s, %s: 0.5}}\n' "$@"; }
{ printf 'parley-claims: 1\nscenario: ukraine-2025\nclaims:\n'
  rat lo "$R" below; rat hi "$R" above; rat zero "$Z" above; } >"$TMP/rat.claims.yaml"
expect_status 0 "ratification above and below" -- "$P" claims --claims "$TMP/rat.claims.yaml" --no-breakeven --draws 0 --format json
p=$(jq '.settlement.solutions[] | select(.solution == "nash") | .p_ratified' "$TMP/settle.json")
jqe "[.claims.checks[0].value, .claims.checks[1].value] == [$p, $p] and $p > 0.5"
jqe '[.claims.checks[].status] == ["fails", "holds", "fails"]'
jqe '(.claims.checks[0].margin | endswith("too high.")) and (.claims.checks[1].margin | endswith("to spare.")) and (.claims.checks[2].margin | endswith("too low."))'

# docs/case-study.md: its table is the program's output
sh "$SRC/scripts/case-study-table.sh" "$P" --check 2>"$TMP/drift" && ok || { bad "docs/case-study.md has drifted"; head -12 "$TMP/drift"; }
finish
