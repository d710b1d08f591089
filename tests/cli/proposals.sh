#!/bin/sh
# SPDX-License-Identifier: MIT
# --proposal on durability, claims and stress (issue 18 item 6), on the hand-derived scenario
# tests/scenarios/proposal.yaml (its header derives every number checked here): the verdict
# (acceptance per party, ratification, self-enforcement), claims checked against a proposal
# instead of their own package, the proposal analysis of stress, terms written
# {value, source, note}, the built-in proposals by name, and bad proposals (exit 2, the position).
. "$(dirname "$0")/lib.sh"
need_jq
P=$PARLEY
S="$SRC/tests/scenarios/proposal.yaml"
printf 'ARMY: 50\n' > "$TMP/mid.yaml"
printf 'ARMY: {value: 100, source: "the cap, as quoted", note: "a note"}\n' > "$TMP/cap.yaml"
printf 'ARMY: 40\n' > "$TMP/off.yaml"

# ---- durability --proposal: the verdict ------------------------------------------------
expect_status 0 "durability mid" -- "$P" durability "$S" --proposal "$TMP/mid.yaml" --format json
jqe '.deal.ARMY == 50'
jqe '[.verdict.acceptance[] | [.party, .utility, .no_deal, .accepts]] == [["A", 0.5, 0.4, true], ["B", 0.5, 0.3, true]]'
jqe '(.verdict.acceptance[0].margin - 0.1 | fabs) < 1e-12 and (.verdict.acceptance[1].margin - 0.2 | fabs) < 1e-12'
jqe '.verdict.accepted == true and .verdict.package == true'
# Phi(1) Phi(3) = 0.8413447461 * 0.9986501020
jqe '(.verdict.ratified - 0.8402090165 | fabs) < 1e-9'
jqe '.verdict.self_enforcing == true'
jqe '.terms == null'  # no term has a source or note

expect_status 0 "durability cap" -- "$P" durability "$S" --proposal "$TMP/cap.yaml" --format json
jqe '[.verdict.acceptance[].accepts] == [false, true] and .verdict.accepted == false'
jqe '(.verdict.acceptance[0].margin + 0.4 | fabs) < 1e-12'
# Phi(-4) Phi(-2) = 3.167124183e-5 * 0.02275013195 = 7.2052493e-7
jqe '(.verdict.ratified - 7.2052493e-7 | fabs) < 1e-13'
jqe '.verdict.self_enforcing == false'
jqe '.durability.findings.commitment | test("not self-enforcing")'
jqe '.terms == [{"issue": "ARMY", "point": 100, "source": "the cap, as quoted", "note": "a note"}]'
expect_status 0 "durability cap (text)" -- "$P" durability "$S" --proposal "$TMP/cap.yaml"
expect_grep "$TMP/out" "The agreement tested (the proposal $TMP/cap.yaml)" "the proposal named"
expect_grep "$TMP/out" "acceptance: Refused by 1 of 2 parties: A (utility 0 < no deal 0.4, short by 0.4)." "refusal in words"

# Off the outcome space (40 is no worded point): judged all the same; the voters vote on 40:
# V1 u 0.6, g 20; V2 u 0.8, g 40: P = Phi(2) Phi(4) = 0.97725 * 0.999968 = 0.977219.
expect_status 0 "durability off" -- "$P" durability "$S" --proposal "$TMP/off.yaml" --format json
jqe '.verdict.package == false and .verdict.accepted == true'
jqe '(.verdict.ratified - 0.9772189173 | fabs) < 1e-9'
jqe '.verdict.self_enforcing == true'

# ---- claims --proposal -----------------------------------------------------------------
cat > "$TMP/c.yaml" <<'CL'
parley-claims: 1
scenario: proposal
claims:
  - id: unratifiable
    claim: The cap would not be ratified.
    check: {kind: ratification, proposal: {ARMY: 100}, below: 0.5}
  - id: unstable
    claim: The cap would not last.
    check: {kind: self_enforcing, proposal: {ARMY: 100}, expect: false}
  - id: acts
    claim: PARL can act.
    check: {kind: not_modelled, why: "not a package claim"}
CL
expect_status 0 "claims" -- "$P" claims "$S" --claims "$TMP/c.yaml" --draws 0 --no-breakeven --format json
jqe '[.claims.checks[] | .status] == ["holds", "holds", "not modelled"]'
jqe '(.claims.checks[0].value - 7.2052493e-7 | fabs) < 1e-13'
expect_status 0 "claims --proposal" -- "$P" claims "$S" --claims "$TMP/c.yaml" --proposal "$TMP/mid.yaml" --draws 0 --no-breakeven --format json
jqe '[.claims.checks[] | .status] == ["fails", "fails", "not modelled"]'
jqe '(.claims.checks[0].value - 0.8402090165 | fabs) < 1e-9'
jqe '.claims.findings.unratifiable | test("Checked against the proposal .*mid.yaml, not the claims file")'
jqe '.claims.findings.acts | test("Checked against") | not'
# A claims file with no package claim: --proposal has nothing to replace.
sed '/^  - id: unratifiable/,/^  - id: acts/{/^  - id: acts/!d}' "$TMP/c.yaml" > "$TMP/c1.yaml"
expect_status 2 "claims --proposal, no package claim" -- "$P" claims "$S" --claims "$TMP/c1.yaml" --proposal "$TMP/mid.yaml" --draws 0
expect_grep "$TMP/err" "no claim takes a package" "no package claim message"

# ---- stress --proposal -----------------------------------------------------------------
expect_status 0 "stress" -- "$P" stress "$S" --proposal "$TMP/mid.yaml" --analyses proposal -n 2000 --format json
jqe '.stress.analyses == ["proposal"]'
jqe '[.stress.flags[].finding] == ["proposal.A.accepts", "proposal.B.accepts", "proposal.accepted", "proposal.self_enforcing"]'
# A accepts iff its no-deal value (uniform on [0.3, 0.6]) is <= 0.5: 2/3; 4 standard errors
# of 2000 draws: 4 sqrt((2/9)/2000) = 0.042.
jqe '.stress.flags[0].baseline == true and (.stress.flags[0].share_yes - 2/3 | fabs) < 0.042'
jqe '.stress.flags[1].share_yes == 1 and .stress.flags[3].share_yes == 1'
jqe '(.stress.numbers[] | select(.metric == "proposal.ratified") | .mean - 0.8402090165 | fabs) < 1e-9'
jqe '[.stress.sensitivity[] | select(.metric == "proposal.A.accepts") | .input][0] == "A no_deal"'
# Deterministic, and the same with more threads.
cp "$TMP/out" "$TMP/s1.json"
"$P" stress "$S" --proposal "$TMP/mid.yaml" --analyses proposal -n 2000 --format json --threads 2 > "$TMP/s2.json" 2>/dev/null
cmp -s "$TMP/s1.json" "$TMP/s2.json" && ok || bad "stress --proposal differs with --threads 2"
# The proposal analysis needs a proposal.
expect_error "parley: proposal: there is no proposal to judge; expected one: --proposal FILE (Python: proposal=)" -- "$P" stress "$S" --analyses proposal -n 10
# A run store keeps the proposal among the run's options: another proposal is another run.
expect_status 0 "store 1" -- "$P" stress "$S" --proposal "$TMP/mid.yaml" --analyses proposal -n 20 --store "$TMP/r.db" --quiet
expect_status 0 "store 2" -- "$P" stress "$S" --proposal "$TMP/cap.yaml" --analyses proposal -n 20 --store "$TMP/r.db" --quiet
n=$("$P" runs list --store "$TMP/r.db" --format csv 2>/dev/null | tail -n +2 | wc -l)
[ "$n" -eq 2 ] && ok || bad "two proposals, $n stored runs (expected 2)"

# ---- bad proposals: exit 2 with file:line:col, nothing on stdout --------------------------
printf 'ARMY: 120\n' > "$TMP/far.yaml"
for cmd in durability claims stress; do
  extra=""
  [ "$cmd" = claims ] && extra="--claims $TMP/c.yaml"
  # shellcheck disable=SC2086
  expect_error "$TMP/far.yaml:1:7: proposal for issue 'ARMY' is 120; expected a number in [0, 100]" -- "$P" $cmd "$S" $extra --proposal "$TMP/far.yaml"
  [ ! -s "$TMP/out" ] && ok || bad "$cmd: wrote to stdout on a bad proposal"
done
printf 'ARMY: {value: 50, sorce: "x"}\n' > "$TMP/typo.yaml"
expect_error "$TMP/typo.yaml:1:19: unknown key 'sorce' in proposal for issue 'ARMY'; did you mean 'source'?" -- "$P" durability "$S" --proposal "$TMP/typo.yaml"
# A name that is neither a file nor a built-in proposal: the read error, then the names.
expect_status 2 "unknown name" -- "$P" durability --proposal moscow-term
grep -q "neither a file nor a proposal built in for scenario 'ukraine-2025'; its built-in proposals are: moscow-terms, europe-kyiv, istanbul-2022" "$TMP/err" && ok || bad "unknown name: $(cat "$TMP/err")"
# On another scenario the built-in names mean nothing.
expect_status 2 "built-in name on another scenario" -- "$P" durability "$S" --proposal moscow-terms

# ---- the built-in proposals (structure only: the scenario is re-encoded elsewhere) -------
for name in moscow-terms europe-kyiv istanbul-2022; do
  expect_status 0 "durability $name" -- "$P" durability --proposal "$name" --format json
  jqe '(.deal | length) >= 1 and (.verdict.acceptance | length) >= 2'
  jqe '.verdict.package == true and (.verdict.ratified | type) == "number"'
  jqe '[.terms[] | select(.source == null and .note == null)] == []'
  jqe ".deal.GUAR == $(grep -A1 '^GUAR:' "$SRC/scenarios/proposals/$name.yaml" | sed -n 's/.*value: *//p')"
done
# A file of that name in the working directory wins over the built-in copy.
( cd "$TMP" && printf 'TERR: 50\nNATO: 50\nGUAR: 50\nARMY: 50\nSEQ: 50\nPAY: 50\n' > moscow-terms &&
  "$P" durability --proposal moscow-terms --format json > out2 2>/dev/null )
jq -e '.deal.GUAR == 50' "$TMP/out2" >/dev/null && ok || bad "a file named moscow-terms did not win"
expect_status 0 "claims --proposal built-in" -- "$P" claims --proposal istanbul-2022 --draws 0 --no-breakeven --format json
jqe '[.claims.findings[] | select(test("Checked against the proposal istanbul-2022"))] | length == 3'

finish
