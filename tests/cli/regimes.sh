#!/bin/sh
# SPDX-License-Identifier: MIT
# Issue 17 items 3 and 4 through the CLI.
# Regimes: the JCPOA test scenario (tests/scenarios/jcpoa-2015.yaml): a US
# administration hostile to the deal (hazard 0.15 a year) makes the United
# States leave (sanctions first: the deal is worth 0.725 to it against 1.16
# without), an Iranian hardline government does not (1.1 against 1.0), no
# side prefers war. By hand: S(t) = 0.85^t, S(10) = 0.196874; the US ends the
# deal within 10 years with 1 - 0.85^10 = 0.803126; expected lifetime
# (1 - 0.85^10) / -ln 0.85 = 4.941736 years.
# Time in years: the built-in scenario (periods of 1, 1/2 and 1/4 month) and
# the synthetic worked example of MODELS.md sec. 10 (12, 6 and 3 months): the
# verdicts are the same and the values converge at first order (tolerance: each
# halving of the period at least shrinks the change by 40%, and the quartered
# period's values lie within 5% of the first ones; the war value's yearly discretisation error is
# 5.4%, (p - c)/(1 - d) against the limit (p - c)/-ln d). Stage lengths in months.
. "$(dirname "$0")/lib.sh"
need_jq
P=$PARLEY
J="$SRC/tests/scenarios/jcpoa-2015.yaml"
D="$SRC/tests/scenarios/jcpoa-2015.deal.yaml"
near() { jqe "(($1) - ($2) | fabs) < ($3)"; }

# ---- regimes: the JCPOA ---------------------------------------------------------------------
expect_status 0 "jcpoa text" -- "$P" durability "$J" --proposal "$D"
expect_grep "$TMP/out" "survival: Over 10 years the deal survives with probability 0.20 and lasts 4.94 years on average; what ends it most often is USA leaving under regime 'us-hostile-administration' (0.80)." "survival finding"
expect_status 0 "jcpoa json" -- "$P" durability "$J" --proposal "$D" --format json
near .durability.lifetime.expected_lifetime 4.941736 1e-6
near .durability.lifetime.survives_horizon 0.196874 1e-6
jqe '.durability.lifetime.survives_horizon < 1'
jqe '.durability.lifetime.ends_by_war == 0 and .durability.lifetime.horizon_years == 10'
jqe '.durability.lifetime.main_cause == "us-hostile-administration" and .durability.lifetime.main_actor == "USA"'
near .durability.lifetime.main_actor_ends 0.803126 1e-6
jqe '.durability.regimes[0].regime == "us-hostile-administration" and .durability.regimes[0].actor == "USA"'
jqe '.durability.regimes[0].leaves == true and .durability.regimes[1].leaves == false'
near .durability.regimes[0].value 0.725 1e-12
near .durability.regimes[0].no_deal 1.16 1e-12
near .durability.regimes[0].ends 0.803126 1e-6
near .durability.regimes[1].value 1.1 1e-12
near .durability.regimes[1].no_deal 1 1e-12
jqe '.durability.regimes[1].ends == 0'
jqe '(.durability.survival | length) == 11 and .durability.survival[0].survival == 1'
near .durability.survival[1].survival 0.85 1e-12
near .durability.survival[10].survival 0.196874 1e-6
# no deal over time (the no_deal section) lowers what leaving is worth: with a war-like cost of
# 0.5 utility a year for the USA, the hostile administration's no-deal value is 1.16 - 0.5 = 0.66
# (the cost is the same every year, so the horizon's discounted average is 0.5), below the
# deal's 0.725: it stays, and nothing else ends the deal (hand derivation)
{ cat "$J"; printf 'no_deal:\n  horizon: 10\n  discount: 0.9\n  cost_unit: utility\n  costs: {USA: 0.5}\n'; } > "$TMP/jnd.yaml"
expect_status 0 "jcpoa with a no-deal cost" -- "$P" durability "$TMP/jnd.yaml" --proposal "$D" --format json
near .durability.regimes[0].no_deal 0.66 1e-12
jqe '.durability.regimes[0].leaves == false and .durability.lifetime.survives_horizon == 1'
# CSV: the survival table alone
expect_status 0 "jcpoa csv" -- "$P" durability "$J" --proposal "$D" --format csv --table survival
[ "$(wc -l < "$TMP/out")" -eq 12 ] && ok || bad "survival csv: $(wc -l < "$TMP/out") lines, expected 12"
# stress varies the hazards
expect_status 0 "jcpoa stress" -- "$P" stress "$J" -n 50 --analyses durability --format json
jqe '[.stress.inputs[].input] | index("regime us-hostile-administration hazard") != null'
jqe '[.stress.numbers[].metric] | index("durability.survival") != null'
# the same war-free scenario without its hostile regime: the deal outlives the horizon
sed '/^  - id: us-hostile-administration/,/^  - id: iran-hardliners/{/^  - id: iran-hardliners/!d}' "$J" > "$TMP/calm.yaml"
expect_status 0 "calm json" -- "$P" durability "$TMP/calm.yaml" --proposal "$D" --format json
jqe '.durability.lifetime.survives_horizon == 1 and .durability.lifetime.expected_lifetime == 10'
jqe '.durability.lifetime.main_cause == null and .durability.lifetime.main_actor == null'
# twice: the same bytes
for f in text json csv; do
  "$P" durability "$J" --proposal "$D" --format $f > "$TMP/r1" 2>&1
  "$P" durability "$J" --proposal "$D" --format $f > "$TMP/r2" 2>&1
  cmp -s "$TMP/r1" "$TMP/r2" && ok || bad "two runs differ ($f)"
done

# ---- time in years: the built-in scenario ---------------------------------------------------
# Its durability step is a month (its staging plans end at month 6); halved and quartered here.
# The verdicts: the Nash package is self-enforcing (Ukraine's chance falls by 0.046 over the
# first year, against (1 - d)(1 - p + c) ~ -ln 0.9 x (0.35 + 0.15) = 0.053 a year it can take);
# both guarantees hold (neither is provided by the deal, which holds without them); both staged
# plans are not durable: settled at month 6, the same 0.046 comes in half a year, 0.092 a year.
"$P" scenario > "$TMP/b1.yaml"
grep -q '^  period: {months: 1}$' "$TMP/b1.yaml" && ok || bad "the built-in's step is not a month"
for m in 0.5 0.25; do
  sed "s/^  period: {months: 1}\$/  period: {months: $m}/" "$TMP/b1.yaml" > "$TMP/b$m.yaml"
  grep -q "period: {months: $m}" "$TMP/b$m.yaml" && ok || bad "no period inserted ($m months)"
done
for m in 1 0.5 0.25; do
  expect_status 0 "builtin $m months" -- "$P" durability "$TMP/b$m.yaml" --format json
  jq -c '[(.durability.findings.commitment | test("is self-enforcing")),
          [.durability.guarantees[].holds], [.plans[].durable], [.plans[].agreement]]' \
     "$TMP/out" > "$TMP/verdict$m"
  jq '.durability.guarantees[1].maximum' "$TMP/out" > "$TMP/max$m"
done
cmp -s "$TMP/verdict1" "$TMP/verdict0.5" && cmp -s "$TMP/verdict1" "$TMP/verdict0.25" && ok ||
  bad "built-in verdicts differ: $(cat "$TMP/verdict1" "$TMP/verdict0.5" "$TMP/verdict0.25")"
grep -q '^\[true,\[true,true\],\[false,false\]' "$TMP/verdict1" && ok || bad "built-in verdict: $(cat "$TMP/verdict1")"
converges() { # yearly, half-year, quarter-year values
  awk -v a="$1" -v b="$2" -v c="$3" 'BEGIN { d1 = a - b; d2 = b - c; if (d1 < 0) d1 = -d1;
    if (d2 < 0) d2 = -d2; e = a - c; if (e < 0) e = -e; r = a < 0 ? -a : a; exit !(d2 <= 0.6 * d1 && e < 0.05 * r) }'
}
converges "$(cat "$TMP/max1")" "$(cat "$TMP/max0.5")" "$(cat "$TMP/max0.25")" && ok ||
  bad "built-in backstop maximum does not converge: $(cat "$TMP/max1" "$TMP/max0.5" "$TMP/max0.25")"

# ---- time in years: the synthetic worked example (MODELS.md sec. 10) ------------------------
cp "$SRC/tests/scenarios/commitment.yaml" "$TMP/s12.yaml"
printf 'ARMY: 100\n' > "$TMP/cap.yaml"
sed 's/^  periods: 1$/  periods: 1\n  period: {months: 6}/' "$TMP/s12.yaml" > "$TMP/s6.yaml"
sed 's/^  periods: 1$/  periods: {months: 12}\n  period: {years: 0.25}/' "$TMP/s12.yaml" > "$TMP/s3.yaml"
for m in 12 6 3; do
  expect_status 0 "synthetic $m months" -- "$P" durability "$TMP/s$m.yaml" --proposal "$TMP/cap.yaml" --format json
  jq -c '[(.durability.findings.commitment | test("not self-enforcing: in (period|year) 0 A")),
          (.durability.findings.commitment | test("phased over 3 (periods|years)")),
          .durability.guarantees[0].holds]' "$TMP/out" > "$TMP/sv$m"
  jq '.durability.guarantees[0].minimum' "$TMP/out" > "$TMP/min$m"
  jq '.durability.path[-1].war_a' "$TMP/out" > "$TMP/war$m"
done
[ "$(cat "$TMP/sv12")" = "[true,true,false]" ] && ok || bad "synthetic verdict: $(cat "$TMP/sv12")"
cmp -s "$TMP/sv12" "$TMP/sv6" && cmp -s "$TMP/sv12" "$TMP/sv3" && ok ||
  bad "synthetic verdicts differ: $(cat "$TMP/sv12" "$TMP/sv6" "$TMP/sv3")"
converges "$(cat "$TMP/min12")" "$(cat "$TMP/min6")" "$(cat "$TMP/min3")" && ok ||
  bad "guarantee minimum does not converge: $(cat "$TMP/min12" "$TMP/min6" "$TMP/min3")"
# war value at the horizon, in pie-years: (p - c) tau / (1 - d^tau) -> (0.3 - 0.05) / -ln 0.9
converges "$(cat "$TMP/war12")" "$(cat "$TMP/war6")" "$(cat "$TMP/war3")" && ok ||
  bad "war value does not converge: $(cat "$TMP/war12" "$TMP/war6" "$TMP/war3")"
awk -v w="$(cat "$TMP/war3")" 'BEGIN { x = 0.25 * 0.25 / (1 - exp(0.25 * log(0.9)));
  d = w - x; exit !(d < 1e-9 && d > -1e-9) }' && ok || bad "quarter-year war value $(cat "$TMP/war3")"
expect_status 0 "synthetic text 6 months" -- "$P" durability "$TMP/s6.yaml" --proposal "$TMP/cap.yaml"
expect_grep "$TMP/out" "in year 0 A values war" "years in words"
expect_grep "$TMP/out" "period  year  capability_a" "year column"

# war and a regime together: the cap makes A fight at once (year 0), before any shock
{ cat "$TMP/s12.yaml"; printf 'regimes:\n  - {id: b-turn, actor: B, hazard: 0.3, positions: {ARMY: {position: 0, salience: 1}}}\n'; } > "$TMP/sr.yaml"
expect_status 0 "war and regime" -- "$P" durability "$TMP/sr.yaml" --proposal "$TMP/cap.yaml" --format json
jqe '.durability.lifetime.expected_lifetime == 0 and .durability.lifetime.ends_by_war == 1'
jqe '.durability.lifetime.main_cause == "commitment" and .durability.lifetime.main_actor == "A"'
jqe '.durability.regimes[0].leaves == true and .durability.regimes[0].ends == 0'
jqe '.durability.survival[0].survival == 0'

# ---- stage lengths in months ----------------------------------------------------------------
for form in "1.5" "{months: 18}" "{years: 1.5}"; do
  { cat "$TMP/s12.yaml"; printf 'staging:\n  breakdown: 0.2\n  plans:\n    - {id: one, stages: [{id: all, issues: [ARMY], periods: %s}]}\n' "$form"; } > "$TMP/st.yaml"
  expect_status 0 "staging $form" -- "$P" durability "$TMP/st.yaml" --proposal "$TMP/cap.yaml" --format json
  near '.plans[0].agreement' 'pow(0.8; 1.5)' 1e-12
  jqe '.plans[0].periods == 1.5'
done
finish
