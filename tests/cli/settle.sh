#!/bin/sh
# SPDX-License-Identifier: MIT
# `parley settle`: the built-in scenario in every format, the frontier file,
# threads, a chosen pair of parties, a proposal, a scenario without an
# agreement zone, and every way the command line can be wrong.
. "$(dirname "$0")/lib.sh"
need_jq
P=$PARLEY

# The built-in scenario: the findings in words.
expect_status 0 "settle" -- "$P" settle
expect_grep "$TMP/out" "agreement_zone: .* of the .* efficient packages give every party at least its no-deal value" "agreement zone"
expect_grep "$TMP/out" "nash: Nash bargaining solution: TERR " "Nash finding"
expect_grep "$TMP/out" "nash_ratified: " "ratified Nash finding"
expect_grep "$TMP/out" "kalai-smorodinsky" "solutions table"

# JSON: a frontier and the seven solutions.
expect_status 0 "settle json" -- "$P" settle --format json
jqe '.scenario == "ukraine-2025"'
jqe '.settlement.frontier.size > 0'
jqe '.settlement.frontier.rational <= .settlement.frontier.size'
jqe '(.settlement.solutions | length) == 7'
jqe '[.settlement.solutions[].solution] | index("nash") != null and index("nash-ratified") != null'
jqe '(.settlement.parties | length) == 4'
jq -r '.settlement.frontier.size' "$TMP/out" > "$TMP/size"
size=$(cat "$TMP/size")

# CSV: the solutions table by default, another with --table.
expect_status 0 "settle csv" -- "$P" settle --format csv
head -n1 "$TMP/out" | tr -d '\r' | grep -q '^solution,ties,p_ratified,u_RUS,u_UKR,u_USA,u_EUR,gain_RUS,gain_UKR,gain_USA,gain_EUR$' && ok ||
  bad "csv solutions header: $(head -n1 "$TMP/out")"
[ "$(wc -l < "$TMP/out")" -eq 8 ] && ok || bad "csv solutions: $(wc -l < "$TMP/out") lines, expected 8 (header + 7)"
expect_status 0 "settle csv packages" -- "$P" settle --format csv --table packages
head -n1 "$TMP/out" | tr -d '\r' | grep -q '^solution,issue,point,option$' && ok ||
  bad "csv packages header: $(head -n1 "$TMP/out")"
[ "$(wc -l < "$TMP/out")" -gt 1 ] && ok || bad "csv packages: no rows"
expect_status 2 "settle csv unknown table" -- "$P" settle --format csv --table nosuch
grep -q "nosuch" "$TMP/err" && ok || bad "unknown --table not named: $(head -n1 "$TMP/err")"

# --frontier-out: one CSV row per frontier package, plus the header.
mkdir "$TMP/fr"
expect_status 0 "--frontier-out" -- "$P" settle --frontier-out "$TMP/fr/F.csv"
if [ -f "$TMP/fr/F.csv" ]; then
  ok
  rows=$(wc -l < "$TMP/fr/F.csv")
  [ "$rows" -eq $((size + 1)) ] && ok || bad "--frontier-out: $rows lines, expected frontier.size + 1 = $((size + 1))"
  head -n1 "$TMP/fr/F.csv" | tr -d '\r' | grep -q '^TERR,NATO,GUAR,ARMY,SEQ,PAY,u_RUS,u_UKR,u_USA,u_EUR,rational$' && ok ||
    bad "--frontier-out header: $(head -n1 "$TMP/fr/F.csv")"
else
  bad "--frontier-out wrote no file"
fi
# ... and with -o and a JSON report at the same time.
expect_status 0 "--frontier-out with -o" -- "$P" settle --format json -o "$TMP/fr/report.json" --frontier-out "$TMP/fr/F2.csv"
cmp -s "$TMP/fr/F.csv" "$TMP/fr/F2.csv" && ok || bad "--frontier-out differs when -o and --format json are given"
jq -e '.settlement.frontier.size > 0' "$TMP/fr/report.json" >/dev/null 2>&1 && ok || bad "-o report.json with --frontier-out"
# A failing run (bad proposal) leaves no frontier file behind.
mkdir "$TMP/fail"
printf 'TERR: 50\n' > "$TMP/short.yaml"
expect_status 2 "--frontier-out with a bad proposal" -- "$P" settle --proposal "$TMP/short.yaml" --frontier-out "$TMP/fail/F.csv"
[ -z "$(ls -A "$TMP/fail")" ] && ok || bad "files left behind after a failing run: $(ls -A "$TMP/fail")"

# Threads never change the result.
"$P" settle --threads 1 > "$TMP/t1" 2>&1
"$P" settle --threads 2 > "$TMP/t2" 2>&1
cmp -s "$TMP/t1" "$TMP/t2" && ok || bad "--threads 1 and --threads 2 differ"
"$P" settle --threads 1 -f json > "$TMP/t1j" 2>&1
"$P" settle --threads 2 -f json > "$TMP/t2j" 2>&1
cmp -s "$TMP/t1j" "$TMP/t2j" && ok || bad "--threads 1 and --threads 2 differ (json)"

# A grid and two parties.
expect_status 0 "--step 25 --parties RUS,UKR" -- "$P" settle --step 25 --parties RUS,UKR --format json
jqe '(.settlement.parties | length) == 2'
jqe '[.settlement.parties[].party] == ["RUS", "UKR"]'
jqe '.settlement.frontier.size > 0'

# Errors: exit 2 and a message.
expect_status 2 "--parties XXX" -- "$P" settle --parties XXX
grep -q "XXX" "$TMP/err" && ok || bad "--parties XXX: message does not name XXX: $(head -n1 "$TMP/err")"
[ ! -s "$TMP/out" ] && ok || bad "--parties XXX wrote to stdout"
expect_error "parley: --tau 0: expected a probability in (0, 1]" -- "$P" settle --tau 0
expect_error "parley: --step 0: expected a grid step in [0.01, 100]" -- "$P" settle --step 0
expect_error "parley: --loss cubic is not known; expected one of: linear, quadratic" -- "$P" settle --loss cubic
expect_error "parley: --time 2: expected a time in [0, 1]" -- "$P" settle --time 2
for v in 0 -1; do
  expect_error "parley: --threads $v: expected a whole number from 1 to 256" -- "$P" settle --threads $v
done
for o in "--tau 0" "--step 0" "--loss cubic" "--time 2" "--threads 0" "--step 101" "--tau 1.5" "--time -1"; do
  # shellcheck disable=SC2086  # one option and its value
  expect_status 2 "settle $o" -- "$P" settle $o
  [ -s "$TMP/err" ] && ok || bad "settle $o: no message"
done

# A proposal: its utilities and distances. It is the built-in's Nash package, read from settle's
# own output (so the checks below hold whatever the scenario's numbers).
expect_status 0 "settle json for the Nash package" -- "$P" settle --format json
jq -r '.settlement.packages[] | select(.solution == "nash") | "\(.issue): \(.point)"' \
  "$TMP/out" > "$TMP/proposal.yaml"
[ "$(wc -l < "$TMP/proposal.yaml")" -eq 6 ] && ok || bad "the Nash package: $(cat "$TMP/proposal.yaml")"
expect_status 0 "--proposal" -- "$P" settle --proposal "$TMP/proposal.yaml"
expect_grep "$TMP/out" "proposal_distances" "proposal distances"
expect_grep "$TMP/out" "kalai-smorodinsky" "distance to KS"
expect_grep "$TMP/out" "utility_euclidean  *points_mean_abs" "every distance names its unit"
expect_grep "$TMP/out" "verdict: " "the proposal's verdict"
expect_status 0 "--proposal json" -- "$P" settle --proposal "$TMP/proposal.yaml" --format json
jqe '(.settlement.proposal.proposal_distances | length) > 0'
jqe '[.settlement.proposal.proposal_distances[] | select(.to == "frontier")][0].utility_euclidean >= 0'
jqe '[.settlement.proposal.proposal_distances[] | select(.to == "frontier")][0].points_mean_abs >= 0'
# the proposal above is the Nash package: 0 scale points from it, and the same votes
jqe '[.settlement.proposal.proposal_distances[] | select(.to == "nash")][0].points_mean_abs == 0'
jqe '[.settlement.votes[] | select(.package == "nash") | del(.package)] == [.settlement.votes[] | select(.package == "proposal") | del(.package)]'
jqe '.settlement.proposal.u_RUS > 0'
jqe '.settlement.proposal.p_ratified >= 0 and .settlement.proposal.p_ratified <= 1'
jqe '[.settlement.votes[] | select(.package == "proposal" and .role == "party")] | length == 4'
jqe '[.settlement.votes_bodies[] | select(.package == "proposal") | .body] == ["UKR_RADA", "UKR_RATIFY_PUBLIC"]'
# the same package written as JSON ({"TERR": 75, ...})
sed 's/^\([A-Z]*\): \(.*\)$/"\1": \2/' "$TMP/proposal.yaml" | paste -sd, - | sed 's/^/{/; s/$/}/' \
  > "$TMP/proposal.json"
"$P" settle --proposal "$TMP/proposal.json" --format json > "$TMP/pj" 2>&1
jq -c '.settlement.proposal' "$TMP/pj" > "$TMP/pj.c"
jq -c '.settlement.proposal' "$TMP/out" > "$TMP/py.c"
cmp -s "$TMP/pj.c" "$TMP/py.c" && ok || bad "the same proposal in JSON and YAML differs"
# A bad proposal is shown like a bad scenario: its line, and a caret under the place.
printf 'TERR: 50\nNATO: 175\n' > "$TMP/p175.yaml"
expect_error "$TMP/p175.yaml:2:7: proposal for issue 'NATO' is 175; expected a number in [0, 100]" -- "$P" settle --proposal "$TMP/p175.yaml"
[ "$(sed -n 2,3p "$TMP/err")" = "$(printf '  NATO: 175\n        ^')" ] && ok || bad "proposal error without its line and caret: $(sed -n 2,3p "$TMP/err")"
expect_error "$TMP/p175.yaml:2:7: proposal for issue 'NATO' is 175; expected a number in [0, 100]" -- "$P" durability --proposal "$TMP/p175.yaml"
[ "$(sed -n 3p "$TMP/err")" = "        ^" ] && ok || bad "durability: proposal error without its caret"

# Who votes no: tests/scenarios/voters.yaml, derived by hand in tests/unit/test_votes.c.
# The Nash package (X 0, Y 50, Z 100) is blocked by V3's veto in A's council: utility 0.34
# against 0.79, a margin of -0.45 (-45 scale points), mostly Z (-0.3).
V=$SRC/tests/scenarios/voters.yaml
expect_status 0 "settle voters.yaml" -- "$P" settle "$V"
expect_grep "$TMP/out" "A's council blocks it: no from Third councillor: utility 0.34 < no-deal 0.79 (margin -0.45), mostly Z (-0.3)" "the blocking voter, its margin and its issue"
expect_grep "$TMP/out" "B's referendum passes it with probability 0.159 only (below 0.5): yes from B's voters with probability 0.159: utility 0.7 < no-deal 0.8 (margin -0.1, -10 scale points against noise 10), mostly X (-0.15)" "a noisy vote in scale points"
expect_status 0 "settle voters.yaml json" -- "$P" settle "$V" --format json
jqe '[.settlement.votes[] | select(.actor == "V3")][0] | .vote == "no" and .margin == -0.45 and .margin_points == -45 and .top_issues == "Z -0.3, X -0.15"'
jqe '[.settlement.votes[] | select(.actor == "P")][0].p_yes == 0.15865525393145685'
jqe '[.settlement.votes_bodies[] | .rule] == ["2 of 3 members (quota “majority”); a veto: Third councillor", "the vote of its one member (quota “majority”)"]'
# V3 with no written veto but half the council's weight still blocks alone (V1 and V2 hold 2,
# not above 2 of 4): the rule in words names it rather than "no member can block alone".
expect_status 0 "settle voters.yaml, a veto by weight" -- "$P" settle "$V" --format json --set bodies.COUNCIL.veto=none --set 'bodies.COUNCIL.members={V1: 1, V2: 1, V3: 2}'
jqe '.settlement.votes_bodies[0].rule == "a weight above 2 of 4 (quota “majority”); a veto: Third councillor"'
# a typo in --parties (and report --pair) gets the hint the scenario reader gives
expect_error "parley: --parties (Python: parties=): 'UKRR' is not an actor of scenario 'ukraine-2025'; did you mean 'UKR'?" -- "$P" settle --parties RUS,UKRR
expect_error "parley: --parties (Python: parties=): 'XX' is not an actor of scenario 'ukraine-2025'; expected actor ids separated by commas (one of RUS, UKR, USA, EUR, CHN, GBR, FRA, UKR_PUBLIC, UKR_ELITES)" -- "$P" settle --parties RUS,XX
expect_error "parley: --pair: no actor 'UKRR'; did you mean 'UKR'?" -- "$P" report --pair RUS,UKRR -n 0 -o "$TMP/pair.html"
expect_status 0 "settle --table votes" -- "$P" settle "$V" --format csv --table votes
head -n1 "$TMP/out" | tr -d '\r' | grep -q '^package,role,actor,vote,p_yes,utility,no_deal,margin,margin_points,red_line,top_issues$' && ok ||
  bad "csv votes header: $(head -n1 "$TMP/out")"
grep -q '^nash,COUNCIL,V3,no,0,0.34,0.79,-0.45,-45,,"Z -0.3, X -0.15"' "$TMP/out" && ok || bad "csv votes: V3's row: $(grep V3 "$TMP/out")"
expect_status 0 "settle --table votes_bodies" -- "$P" settle "$V" --format csv --table votes_bodies
grep -q '^nash,COUNCIL,A,2 of 3 members (quota “majority”); a veto: Third councillor,0,0,false' "$TMP/out" && ok || bad "csv votes_bodies: $(cat "$TMP/out")"
# The status quo as a proposal: the parties accept (margin 0), the indifferent councillors vote no.
printf 'X: x50\nY: y50\nZ: 50\n' > "$TMP/sq.yaml"
expect_status 0 "voters.yaml --proposal" -- "$P" settle "$V" --proposal "$TMP/sq.yaml"
expect_grep "$TMP/out" "verdict: Accepted by Side A, Side B. Ratified with probability 0 (COUNCIL for A: 0; REF for B: 0.5). A's council blocks it: " "the proposal's verdict"

# No package every party likes: two parties at opposite ends who need everything.
cat > "$TMP/nozone.yaml" <<'YAML'
parley: 1
name: nozone
actors:
  - {id: A, capability: 1, no_deal: 1.0}
  - {id: B, capability: 1, no_deal: 1.0}
issues:
  - {id: X, scale: {0: none, 50: half, 100: all}}
positions:
  A: {X: {position: 0, salience: 1}}
  B: {X: {position: 100, salience: 1}}
YAML
expect_status 0 "no agreement zone" -- "$P" settle "$TMP/nozone.yaml"
expect_grep "$TMP/out" "No agreement zone" "no agreement zone finding"
expect_status 0 "no agreement zone json" -- "$P" settle "$TMP/nozone.yaml" --format json
jqe '.settlement.frontier.rational == 0'

# Work that would explode is refused at once, with the estimate and the option that raises
# the limit: a fine grid on 2 parties x 2 issues (10^8 candidate packages at step 0.01).
cat > "$TMP/two.yaml" <<'YAML'
parley: 1
name: two
actors:
  - {id: A, capability: 1, no_deal: 0.2}
  - {id: B, capability: 1, no_deal: 0.2}
issues:
  - {id: X, scale: {0: none, 50: half, 100: all}}
  - {id: Y, scale: {0: none, 50: half, 100: all}}
positions:
  A: {X: {position: 0, salience: 1}, Y: {position: 20, salience: 0.5}}
  B: {X: {position: 100, salience: 0.6}, Y: {position: 90, salience: 1}}
YAML
expect_status 2 "--step 0.01 refused" -- timeout 20 "$P" settle "$TMP/two.yaml" --step 0.01
expect_grep "$TMP/err" "would need 3.72 GiB at issue 2 of 2 .* above the limit of 1 GiB; .*--max-memory MIB" "--step 0.01 refusal gives the estimate and the option"
expect_status 2 "a coarse step under a small limit" -- timeout 20 "$P" settle "$TMP/two.yaml" --step 0.2 --max-memory 1
expect_grep "$TMP/err" "above the limit of 0.000977 GiB" "the limit in the message"
expect_status 0 "--max-memory raises the limit" -- timeout 20 "$P" settle "$TMP/two.yaml" --step 0.2 --max-memory 64

# Three and more parties (issue 21 item 4): synthetic scenarios, n parties x K issues x 10
# options (0, 10, ..., 90), positions and saliences from awk's generator with a fixed seed.
synth() { # parties issues seed
  awk -v n="$1" -v K="$2" -v seed="$3" 'BEGIN {
    srand(seed); print "parley: 1\nname: synth\ntitle: synthetic\nactors:"
    for (i = 0; i < n; i++) printf "  - {id: P%d, name: P%d, capability: 1}\n", i, i
    print "issues:"
    for (k = 0; k < K; k++) {
      printf "  - {id: I%d, name: I%d, scale: {0: lo, 100: hi}, status_quo: 50, options: [", k, k
      for (v = 0; v < 10; v++) printf "%s{id: o%d, at: %d}", v ? ", " : "", v, v * 10
      print "]}"
    }
    print "positions:"
    for (i = 0; i < n; i++) {
      printf "  P%d: {", i
      for (k = 0; k < K; k++)
        printf "%sI%d: {position: %d, salience: %.3f}", k ? ", " : "", k, int(rand() * 101),
               (1 + int(rand() * 9)) / (10 * K)
      print "}"
    }
  }'
}
# Progress within the phases: 3 parties x 22 issues shows several lines, their steps
# increasing, the last 700/700; stdout is the same without --progress. Every report is written
# (PARLEY_PROGRESS_EVERY=0): how many lines a second would give depends on the machine's speed.
synth 3 22 1 >"$TMP/three.yaml"
PARLEY_PROGRESS_EVERY=0 "$P" settle "$TMP/three.yaml" --progress >"$TMP/three.out" \
  2>"$TMP/three.err" ||
  bad "3 x 22 settle --progress: exit $?"
sed -n 's/^settle: \([0-9]*\)\/700 steps, .*/\1/p' "$TMP/three.err" >"$TMP/steps"
if [ "$(wc -l <"$TMP/steps")" -ge 2 ] && sort -n -c -u "$TMP/steps" 2>/dev/null &&
   [ "$(tail -n 1 "$TMP/steps")" = 700 ]; then ok
else bad "progress lines not several and increasing up to 700: $(tr '\n' ' ' <"$TMP/three.err")"; fi
"$P" settle "$TMP/three.yaml" >"$TMP/three.plain" 2>/dev/null || bad "3 x 22 settle: exit $?"
cmp -s "$TMP/three.out" "$TMP/three.plain" && ok || bad "stdout differs with --progress"
# claims and report run a settlement: its steps show under their labels too
"$P" claims -n 0 --progress >/dev/null 2>"$TMP/claims.err" || bad "claims --progress: exit $?"
expect_grep "$TMP/claims.err" "^claims: settle: 700/700 steps" "claims shows the settlement's steps"
"$P" report -n 0 --progress -o "$TMP/report.html" 2>"$TMP/report.err" ||
  bad "report --progress: exit $?"
expect_grep "$TMP/report.err" "^report: 700/700 steps" "report shows the settlement's steps"
# 4 parties x 20 issues: the projected frontier would outgrow the memory limit; refused at
# once (exit 2) with the estimate and the option
synth 4 20 1 >"$TMP/four.yaml"
expect_status 2 "4 parties x 20 issues refused" -- timeout 60 "$P" settle "$TMP/four.yaml"
expect_grep "$TMP/err" "estimated at about .* packages after issue 20 of 20 .* above the limit of 1 GiB; .*--max-memory MIB" "the refusal gives the estimate and the option"
# the built-in scenario's 4 parties at --step 5 (21^6 packages) are computed exactly
expect_status 0 "4 parties at --step 5" -- timeout 120 "$P" settle --step 5 -f json
expect_grep "$TMP/out" "of the 48020 efficient packages" "the 4-party frontier at --step 5"

# --help lists every option.
expect_status 0 "settle --help" -- "$P" settle --help
for o in --from --parties --step --loss --normalise --time --equal-power --tau --indifferent-yes \
         --max-enumerate --max-memory --logrolls --threads --proposal --frontier-out --format --output \
         --table --quiet --help; do
  expect_grep "$TMP/out" "^ .*$o" "settle --help: $o"
done
finish
