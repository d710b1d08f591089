#!/bin/sh
# SPDX-License-Identifier: MIT
# `parley durability`: the hand-derived example of MODELS.md section 10 (an
# army cap that moves A's chance of winning from 0.5 to 0.3, a commitment
# problem, phasing over 3 periods, a guarantee that needs probability 0.277778),
# a deal without a shift, a guarantor the restrained side can veto, the Nash
# package as the default deal, a scenario without the section, a bad proposal,
# CSV, determinism and --help.
. "$(dirname "$0")/lib.sh"
need_jq
P=$PARLEY

# The worked example (MODELS.md sec. 10): p = 3/(3+3) = 0.5, the cap multiplies
# A's capability by 3/7 -> p_1 = (9/7)/(9/7+3) = 0.3; the guarantor's 75/7 gives
# p(M_A + M_G, M_B) = 0.8, so g >= (0.5 - 0.438889)/(0.8 - 0.3) = 0.277778.
cp "$SRC/tests/scenarios/commitment.yaml" "$TMP/dur.yaml"
printf 'ARMY: 100\n' > "$TMP/cap.yaml"
printf 'ARMY: 0\n' > "$TMP/nocap.yaml"

# Text: the findings in words.
expect_status 0 "durability" -- "$P" durability "$TMP/dur.yaml" --proposal "$TMP/cap.yaml"
expect_grep "$TMP/out" "power: Without a deal A would win a war with probability 0.50; .* becomes 0.30 by period 1" "power finding"
expect_grep "$TMP/out" "commitment: The deal is not self-enforcing: in period 0 A values war" "commitment finding"
expect_grep "$TMP/out" "phased over 3 periods" "phasing finding"
expect_grep "$TMP/out" "guarantee_GUARANTOR: .* still fails; .* at least 0.278" "guarantee finding"
[ ! -s "$TMP/err" ] && ok || bad "durability wrote to stderr: $(head -n1 "$TMP/err")"

# JSON: the path, the guarantee and its minimum.
expect_status 0 "durability json" -- "$P" durability "$TMP/dur.yaml" --proposal "$TMP/cap.yaml" --format json
cp "$TMP/out" "$TMP/cap.json"
jqe '.scenario == "commitment"'
jqe '.deal.ARMY == 100'
jqe '.durability.side_a == "A" and .durability.side_b == "B"'
jqe '.durability.discount == 0.9'
jqe '(.durability.path | length) == 2'
jqe '[.durability.path[].period] == [0, 1]'
jqe '(.durability.path[0].p_a - 0.5 | fabs) < 1e-9'
jqe '(.durability.path[1].p_a - 0.3 | fabs) < 1e-9'
jqe '(.durability.path[1].capability_a - 9/7 | fabs) < 1e-9 and .durability.path[1].capability_b == 3'
# war_a = (p - c)/(1 - d): 4.5 then 2.5; A fights at 0: 4.5 > 1 + 0.9 * 2.5 = 3.25
jqe '(.durability.path[0].war_a - 4.5 | fabs) < 1e-9 and (.durability.path[1].war_a - 2.5 | fabs) < 1e-9'
jqe '(.durability.path[0].deal_max_a - 3.25 | fabs) < 1e-9'
jqe '.durability.path[0].war_a > .durability.path[0].deal_max_a'
# Fearon's range at p = 0.5: [p - c_A, p + c_B] = [0.45, 0.55]
jqe '(.durability.bargaining_range_lo - 0.45 | fabs) < 1e-9 and (.durability.bargaining_range_hi - 0.55 | fabs) < 1e-9'
jqe '(.durability.guarantees | length) == 1'
jqe '.durability.guarantees[0].body == "GUARANTOR" and .durability.guarantees[0].protects == "A"'
jqe '.durability.guarantees[0].credible == true'
jqe '.durability.guarantees[0].probability == 0.2 and .durability.guarantees[0].counted == 0.2'
jqe '(.durability.guarantees[0].minimum - 0.277778 | fabs) < 1e-6'
jqe '.durability.guarantees[0].holds == false'
jqe '.durability.findings.commitment | test("not self-enforcing")'
jqe '.durability.findings.commitment | test("phased over 3 periods")'

# The same guarantee at probability 0.3 (above the minimum) holds.
sed 's/probability: 0.2}/probability: 0.3}/' "$TMP/dur.yaml" > "$TMP/dur3.yaml"
expect_status 0 "guarantee 0.3" -- "$P" durability "$TMP/dur3.yaml" --proposal "$TMP/cap.yaml" --format json
jqe '.durability.guarantees[0].probability == 0.3 and .durability.guarantees[0].counted == 0.3'
jqe '.durability.guarantees[0].holds == true'
jqe '(.durability.guarantees[0].minimum - 0.277778 | fabs) < 1e-6'
jqe '.durability.findings.guarantee_GUARANTOR | test("the deal holds")'
# The guarantee changes nothing about the deal without it.
jqe '.durability.findings.commitment | test("not self-enforcing")'

# No cap (ARMY: 0): no shift of power, the deal is self-enforcing.
expect_status 0 "ARMY: 0" -- "$P" durability "$TMP/dur.yaml" --proposal "$TMP/nocap.yaml" --format json
jqe '.deal.ARMY == 0'
jqe '[.durability.path[].p_a] == [0.5, 0.5]'
# No shift reads as none: "stays 0.50", not "becomes 0.50".
jqe '.durability.findings.power | test("this stays 0.50 through period 1[.]")'
jqe '.durability.findings.commitment | test("self-enforcing") and (test("not self-enforcing") | not)'
# With ARMY: 0 the guarantee (protecting A from period 1) would lower B's chance
# from 0.5 to 0.436 and B would then prefer war in period 0: a guarantee holds
# only between its minimum and its maximum.
jqe '.durability.guarantees[0].holds == (.durability.guarantees[0].counted >= .durability.guarantees[0].minimum and .durability.guarantees[0].counted <= .durability.guarantees[0].maximum)'
jqe '.durability.guarantees[0].holds == false and .durability.guarantees[0].maximum < 0.2'
jqe '.durability.findings.guarantee_GUARANTOR | test("would rather fight")'

# A guarantor body B belongs to under unanimity: B can veto, the guarantee is not credible.
sed 's/members: \[G\], quota: majority/members: [G, B], quota: unanimity/' "$TMP/dur.yaml" > "$TMP/veto.yaml"
expect_status 0 "veto" -- "$P" durability "$TMP/veto.yaml" --proposal "$TMP/cap.yaml" --format json
jqe '.durability.guarantees[0].credible == false'
jqe '.durability.guarantees[0].counted == 0'
jqe '.durability.guarantees[0].probability == 0.2'
jqe '.durability.guarantees[0].holds == false'
jqe '.durability.findings.guarantee_GUARANTOR | test("cannot act against B")'

# Without --proposal: the Nash package of parley settle (a three-point scale and
# no-deal values that leave a zone: the Nash package is ARMY 50).
sed -e 's/{id: A, capability: 1}/{id: A, capability: 1, no_deal: 0.2}/' \
    -e 's/{id: B, capability: 1}/{id: B, capability: 1, no_deal: 0.2}/' \
    -e 's/scale: {0: "no cap", 100: "cap"}/scale: {0: "no cap", 50: "half", 100: "cap"}/' \
    "$TMP/dur.yaml" > "$TMP/nash.yaml"
"$P" settle "$TMP/nash.yaml" --format csv --table packages > "$TMP/pk" 2>&1
nash=$(awk -F, '$1 == "nash" && $2 == "ARMY" { print $3 }' "$TMP/pk")
[ -n "$nash" ] && ok || bad "settle found no Nash package for the test scenario: $(head -n2 "$TMP/pk")"
expect_status 0 "Nash package" -- "$P" durability "$TMP/nash.yaml" --format json
jqe '.deal != null and (.deal | has("ARMY"))'
jqe ".deal.ARMY == ${nash:-null}"
# ... and in words: 0, 50 and 100 are the scale's worded points (no "near:")
jqe '.deal_terms[0].issue == "ARMY" and .deal_terms[0].point == .deal.ARMY and
     .deal_terms[0].option == ({"0": "no cap", "50": "half", "100": "cap"}[.deal.ARMY | tostring])'
jqe '(.durability.path | length) == 2'
expect_status 0 "Nash package (text)" -- "$P" durability "$TMP/nash.yaml"
expect_grep "$TMP/out" "The agreement tested (the Nash package)" "Nash package heading"
expect_grep "$TMP/out" "Its terms in words" "the deal's terms in words"
# ... and no Nash package: the message says to give --proposal.
expect_status 1 "no Nash package" -- "$P" durability "$TMP/dur.yaml"
grep -q -- "--proposal" "$TMP/err" && ok || bad "no Nash package: message does not point to --proposal: $(head -n1 "$TMP/err")"

# A scenario without the section: exit 2 and a message that names the section.
awk '/^durability:/ { exit } { print }' "$TMP/dur.yaml" > "$TMP/nosec.yaml"
expect_error "parley: scenario 'commitment' has no durability section; expected one (sides, discount, costs, capability, terms; see docs/scenario-format.md)" -- "$P" durability "$TMP/nosec.yaml" --proposal "$TMP/cap.yaml"
[ ! -s "$TMP/out" ] && ok || bad "no section: wrote to stdout"
# Without --proposal too, the missing section is what is reported.
expect_status 2 "no section, no --proposal" -- "$P" durability "$TMP/nosec.yaml"
grep -q "no durability section" "$TMP/err" && ok || bad "no section, no --proposal: message does not say the section is missing: $(head -n1 "$TMP/err")"

# A bad proposal: exit 2, a message, and -o leaves no file.
mkdir "$TMP/fail"
printf 'NAVY: 5\n' > "$TMP/navy.yaml"
expect_status 2 "unknown issue in --proposal" -- "$P" durability "$TMP/dur.yaml" --proposal "$TMP/navy.yaml" -o "$TMP/fail/F"
grep -q "NAVY" "$TMP/err" && ok || bad "unknown issue not named: $(head -n1 "$TMP/err")"
printf 'ARMY: 150\n' > "$TMP/big.yaml"
expect_status 2 "out-of-range --proposal" -- "$P" durability "$TMP/dur.yaml" --proposal "$TMP/big.yaml" -o "$TMP/fail/F"
grep -q "150" "$TMP/err" && ok || bad "out-of-range point not named: $(head -n1 "$TMP/err")"
# A missing proposal file exits 1 (as in parley settle; a missing scenario file exits 2).
"$P" durability "$TMP/dur.yaml" --proposal "$TMP/nosuch.yaml" -o "$TMP/fail/F" >"$TMP/out" 2>"$TMP/err" </dev/null
st=$?
[ "$st" -eq 1 ] || [ "$st" -eq 2 ] && ok || bad "missing --proposal file: exit $st, expected 1 or 2"
grep -q "nosuch.yaml: cannot open" "$TMP/err" && ok || bad "missing --proposal file: $(head -n1 "$TMP/err")"
expect_status 2 "no section, -o" -- "$P" durability "$TMP/nosec.yaml" --proposal "$TMP/cap.yaml" -o "$TMP/fail/F"
[ -z "$(ls -A "$TMP/fail")" ] && ok || bad "files left behind after failing runs: $(ls -A "$TMP/fail")"
# ... while a good run with -o writes the same as stdout.
expect_status 0 "-o" -- "$P" durability "$TMP/dur.yaml" --proposal "$TMP/cap.yaml" --format json -o "$TMP/fail/F"
cmp -s "$TMP/fail/F" "$TMP/cap.json" && ok || bad "-o F differs from stdout"

# CSV: the path table by default, the guarantees with --table.
expect_status 0 "csv" -- "$P" durability "$TMP/dur.yaml" --proposal "$TMP/cap.yaml" --format csv
head -n1 "$TMP/out" | tr -d '\r' | grep -q '^period,capability_a,capability_b,p_a,war_a,deal_max_a,war_b,deal_max_b$' && ok ||
  bad "csv path header: $(head -n1 "$TMP/out")"
[ "$(wc -l < "$TMP/out")" -eq 3 ] && ok || bad "csv path: $(wc -l < "$TMP/out") lines, expected 3 (header + 2)"
tr -d '\r' < "$TMP/out" | awk -F, 'NR == 3 { exit !($1 == 1 && $4 > 0.299999 && $4 < 0.300001) }' && ok ||
  bad "csv path row 1: $(sed -n 3p "$TMP/out")"
expect_status 0 "csv guarantees" -- "$P" durability "$TMP/dur.yaml" --proposal "$TMP/cap.yaml" --format csv --table guarantees
head -n1 "$TMP/out" | tr -d '\r' | grep -q '^body,protects,credible,probability,counted,holds,minimum,maximum$' && ok ||
  bad "csv guarantees header: $(head -n1 "$TMP/out")"
expect_status 2 "csv unknown table" -- "$P" durability "$TMP/dur.yaml" --proposal "$TMP/cap.yaml" --format csv --table nosuch
grep -q "nosuch" "$TMP/err" && ok || bad "unknown --table not named: $(head -n1 "$TMP/err")"

# The same command twice: the same output, in every format.
for f in text json csv; do
  "$P" durability "$TMP/dur.yaml" --proposal "$TMP/cap.yaml" --format $f > "$TMP/r1" 2>&1
  "$P" durability "$TMP/dur.yaml" --proposal "$TMP/cap.yaml" --format $f > "$TMP/r2" 2>&1
  cmp -s "$TMP/r1" "$TMP/r2" && ok || bad "two runs differ ($f)"
done
"$P" durability "$TMP/nash.yaml" --format json > "$TMP/r1" 2>&1
"$P" durability "$TMP/nash.yaml" --format json > "$TMP/r2" 2>&1
cmp -s "$TMP/r1" "$TMP/r2" && ok || bad "two runs differ (Nash package)"

# A term's factor with a range is an uncertain input: stress draws it (and only in its range),
# and the walk labels it by issue, outcome and side.
sed 's|factor: {0: 1, 100: 0.42857142857142855}|factor: {0: 1, 100: {value: 0.42857142857142855, low: 0.2, high: 1}}|' \
  "$SRC/tests/scenarios/commitment.yaml" > "$TMP/ranged.yaml"
grep -q 'low: 0.2' "$TMP/ranged.yaml" && ok || bad "the ranged factor was not written"
expect_status 0 "stress a ranged factor" -- "$P" stress "$TMP/ranged.yaml" -n 50 --analyses forecast --format csv --table inputs
grep -q '^durability ARMY 100 (A) factor,uniform,0.2,0.42857142857142855,1' "$TMP/out" && ok ||
  bad "the factor is not an uncertain input: $(cat "$TMP/out")"
expect_status 0 "durability of the ranged factor" -- "$P" durability "$TMP/ranged.yaml" --proposal "$TMP/cap.yaml"
cp "$TMP/out" "$TMP/ranged.txt"
expect_status 0 "durability of the plain factor" -- "$P" durability "$TMP/dur.yaml" --proposal "$TMP/cap.yaml"
sed 1,3d "$TMP/out" > "$TMP/plain.txt"; sed 1,3d "$TMP/ranged.txt" > "$TMP/ranged3.txt"
cmp -s "$TMP/plain.txt" "$TMP/ranged3.txt" && ok || bad "a range changed the factor's value"

# --help lists the options.
expect_status 0 "durability --help" -- "$P" durability --help
for o in --from --proposal --format --output --table --quiet --help; do
  expect_grep "$TMP/out" "^ .*$o" "durability --help: $o"
done
expect_grep "$TMP/out" "durability" "durability --help: section named"
finish
