# SPDX-License-Identifier: MIT
# parley stress: byte-identical output for any thread count, the findings the issue names,
# progress only on a terminal, and bad input (exit 2, a clear message, no output file left).
. "$(dirname "$0")/lib.sh"
P=$PARLEY
need_jq

# --- determinism: --threads 1, 2 and 8 give the same bytes; the seed matters -------------------
for t in 1 2 8; do
  "$P" stress -n 300 --threads $t --format json >"$TMP/t$t.json" 2>"$TMP/t$t.err" || bad "--threads $t failed"
done
cmp -s "$TMP/t1.json" "$TMP/t2.json" && ok || bad "--threads 2 differs from --threads 1"
cmp -s "$TMP/t1.json" "$TMP/t8.json" && ok || bad "--threads 8 differs from --threads 1"
"$P" stress -n 300 --seed 2 --format json >"$TMP/s2.json" 2>/dev/null
cmp -s "$TMP/t1.json" "$TMP/s2.json" && bad "--seed 2 gives the output of seed 1" || ok
[ -s "$TMP/t1.err" ] && bad "stderr is not empty when it is not a terminal" || ok

# --- the report ---------------------------------------------------------------------------
cp "$TMP/t1.json" "$TMP/out"
jqe '.stress.draws == 300 and .stress.seed == "1"'
jqe '.stress.analyses == ["forecast", "settle", "power", "durability"]'
jqe '.stress.findings["power.GUARANTOR_COUNCIL.acts_against_RUS"] | test("no as written; across 300 draws, no in 100.0%")'
jqe '[.stress.flags[] | select(.finding == "power.GUARANTOR_COUNCIL.acts_against_RUS")][0] | .baseline == false and .share_yes == 0 and .agreement == 1'
jqe '[.stress.flags[] | select(.finding == "settle.zone")][0] | .baseline == true and .share_yes > 0.5 and .share_yes <= 1'
jqe '[.stress.numbers[] | select(.metric == "forecast.TERR.mean")][0] | (.baseline * 1000 | round) == 72042 and .p5 <= .p50 and .p50 <= .p95'
jqe '[.stress.packages[] | select(.solution == "settle.nash")] | length >= 1 and (map(.share) | add) <= 1'
jqe '[.stress.sensitivity[] | select(.metric == "forecast.TERR.mean")] | length == 3'
jqe '[.stress.sensitivity[] | .variance_share >= 0 and .variance_share <= 1] | all'
# the size of a correlation that chance alone gives (2/sqrt(300) = 0.115), beside the table
jqe '.stress.sensitivity_noise | test("^with 300 draws an [|]r[|] below 0[.]115 ")'
jqe '[.stress.inputs[] | .low <= .value and .value <= .high] | all'
expect_status 0 "text output" -- "$P" stress -n 50
expect_grep "$TMP/out" "GUARANTOR_COUNCIL can act against RUS: no as written" "robustness in words"
expect_grep "$TMP/out" "^sensitivity:" "tornado table"
expect_status 0 "csv numbers" -- "$P" stress -n 50 --format csv
expect_grep "$TMP/out" "^metric,baseline,mean,se,p5,p50,p95,min,max,draws" "csv header"
expect_status 0 "csv sensitivity" -- "$P" stress -n 50 --format csv --table sensitivity
expect_grep "$TMP/out" "^metric,input,r,variance_share,at_low,at_high" "sensitivity header"
expect_status 0 "analyses subset" -- "$P" stress -n 50 --analyses power --format json
jqe '.stress.analyses == ["power"] and (.stress.numbers | length) == 0'
expect_status 0 "one forecast model" -- "$P" stress -n 50 --analyses forecast --model mean --format json
jqe '(.stress.numbers | length) == 6'

# --- progress: on a terminal only, and never with --quiet ------------------------------------
if command -v script >/dev/null 2>&1; then
  script -qec "$P stress -n 600 -o $TMP/p.txt" "$TMP/tty.log" >/dev/null 2>&1
  grep -q "draws, .*/s, ETA" "$TMP/tty.log" && ok || bad "no progress line on a terminal"
  script -qec "$P stress -n 600 -q -o $TMP/p.txt" "$TMP/tty.log" >/dev/null 2>&1
  grep -q "ETA" "$TMP/tty.log" && bad "progress shown despite --quiet" || ok
fi

# --- bad input --------------------------------------------------------------------------------
expect_error "parley: --draws 0: expected a whole number from 1 to 1000000000000" -- "$P" stress --draws 0
expect_error "parley: --draws -5: expected a whole number from 1 to 1000000000000" -- "$P" stress --draws -5
expect_error "parley: --draws many: expected a whole number from 1 to 1000000000000" -- "$P" stress -n many
for v in 0 -1; do
  expect_error "parley: --threads $v: expected a whole number from 1 to 256" -- "$P" stress --threads $v
  expect_error "parley: --threads $v: expected a whole number from 1 to 256" -- "$P" claims --threads $v
  expect_error "parley: --threads $v: expected a whole number from 1 to 256" -- "$P" report --threads $v
done
expect_error "parley: --analyses: 'votes' is not known; expected forecast, settle, power, durability or proposal" -- "$P" stress --analyses votes
expect_error "parley: --model: 'bdm' is not known; expected mean, median, nbs, eum, exchange, smp or veto" -- "$P" stress --model bdm
expect_error "parley: --store-draws needs a run store: --store FILE or PARLEY_STORE" -- "$P" stress --store-draws
expect_error "parley: --seed x: expected a whole number from 0 to 18446744073709551615" -- "$P" stress --seed x
cat >"$TMP/nodur.yaml" <<'YAML'
parley: 1
name: small
actors:
  - {id: A, capability: {value: 10, low: 5, high: 15}}
  - {id: B, capability: 10}
issues:
  - id: X
    scale: {0: "none", 100: "all"}
positions:
  A: {X: {position: 20, salience: 1}}
  B: {X: {position: 80, salience: 1}}
YAML
expect_error "parley: durability: the scenario has no durability section" -- "$P" stress "$TMP/nodur.yaml" --analyses durability -o "$TMP/never.json"
[ -e "$TMP/never.json" ] && bad "an output file was left behind after an error" || ok
expect_status 0 "a small scenario" -- "$P" stress "$TMP/nodur.yaml" -n 100 --format json
jqe '.stress.analyses == ["forecast", "settle"] and (.stress.inputs | length) == 1'
sed 's/capability: {value: 10, low: 5, high: 15}/capability: {value: 10, low: 15, high: 5}/' \
  "$TMP/nodur.yaml" >"$TMP/lowhigh.yaml"
expect_status 2 "low above high" -- "$P" stress "$TMP/lowhigh.yaml"
expect_grep "$TMP/err" "lowhigh.yaml:4:.*low of .* is 15, above high 5; expected low <= value <= high" "low > high message"
# A flag the same in every draw has a standard error of 0, which says nothing; the finding
# gives the exact one-sided 95% bound instead (Clopper-Pearson with all n of n: 0.05^(1/n);
# by hand 0.05^(1/64) = 0.95429). The guarantor council never acts against RUS (a written veto).
expect_status 0 "stress -n 64" -- "$P" stress -n 64
expect_grep "$TMP/out" "GUARANTOR_COUNCIL can act against RUS: no as written; across 64 draws, no in 100.0% (all 64; at least 95.4% with 95% confidence)." "bound when every draw agrees"
grep -q "standard error 0.0 points" "$TMP/out" && bad "a standard error of 0 still shown" || ok
finish
