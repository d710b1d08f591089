#!/bin/sh
# SPDX-License-Identifier: MIT
# `parley forecast`, `parley import` and `parley evaluate` as a user types them.
# Cases that read ../shared data skip that part with a message when it is absent.
. "$(dirname "$0")/lib.sh"
need_jq
P=$PARLEY
SHARED=$SRC/../shared

# The built-in scenario: every model, in [0, 100], one row per issue and model.
expect_status 0 "forecast" -- "$P" forecast -f json
jqe '[.forecasts[] | select(.forecast >= 0 and .forecast <= 100)] | length == 30'
for m in mean median nbs eum exchange; do
  jqe "[.forecasts[] | select(.model == \"$m\")] | length == 6"
done
expect_status 0 "--model" -- "$P" forecast --model eum,median -f json
jqe '[.forecasts[].model] | unique == ["eum", "median"]'
jqe '[.forecasts[] | select(.model == "nbs")] | length == 0'
expect_status 0 "trajectory and moves" -- "$P" forecast --model eum --trajectory --moves -f json
jqe '[.trajectory[] | select(.issue == "TERR")] | length >= 2'
jqe '.trajectory | map(select(.stop != null)) | length == 6'
jqe '(.moves | length) as $n | $n > 0 and ([.moves[] | select(.move == "conflict" or .move == "compromise" or .move == "capitulation")] | length) == $n'
expect_status 0 "scholz preset" -- "$P" forecast --model eum --eum-preset scholz_code --rounds 3 -f csv --table trajectory
expect_grep "$TMP/out" "^TERR,3," "three rounds"
expect_status 0 "exchanges" -- "$P" forecast --model exchange --exchanges --rounds 2 -f json
jqe '(.exchanges | length) > 0 and ([.exchanges[] | select(.gain > 0 and .round <= 2)] | length) == (.exchanges | length)'
# the same seed gives the same random-rate exchanges
"$P" forecast --model exchange --exchange-rule random-rate --seed 4 --exchanges -f json > "$TMP/r1"
"$P" forecast --model exchange --exchange-rule random-rate --seed 4 --exchanges -f json > "$TMP/r2"
cmp -s "$TMP/r1" "$TMP/r2" && ok || bad "random-rate runs differ with one seed"
expect_error "parley: --model: 'bdm' is not known; expected mean, median, nbs, eum, exchange, smp or veto" -- "$P" forecast --model bdm
expect_error "parley: --eum-preset nope: EUM preset 'nope' is not known; expected default or scholz_code" -- "$P" forecast --eum-preset nope
for v in 2.5 -1; do
  expect_error "parley: --rounds $v: expected a whole number from 0 to 10000" -- "$P" forecast --rounds $v
done
expect_error "parley: --seed 2.5: expected a whole number from 0 to 18446744073709551615" -- "$P" forecast --model exchange --seed 2.5
for v in 0 -1; do
  expect_error "parley: --threads $v: expected a whole number from 1 to 64" -- "$P" forecast --model smp --threads $v
done
expect_error "parley: --eum-q 2: expected a probability in [0, 1]" -- "$P" forecast --eum-q 2
expect_error "parley: --eum-prob odd is not known; expected one of: published, net, scholz" -- "$P" forecast --eum-prob odd
expect_error "parley: --from xml: not a format parley imports; expected deu, decide, ktab or genius" -- "$P" forecast --from xml x.csv
# --eum-cycle: every mode runs; a word it does not know is refused (forecast and evaluate)
for m in stop run mean; do
  expect_status 0 "--eum-cycle $m" -- "$P" forecast --model eum --eum-preset scholz_code --eum-cycle $m -f json
  jqe '[.forecasts[] | select(.model == "eum" and .forecast >= 0 and .forecast <= 100)] | length == 6'
done
expect_error "parley: --eum-cycle loop is not known; expected one of: stop, run, mean" -- "$P" forecast --eum-cycle loop
expect_error "parley: --eum-cycle loop is not known; expected one of: stop, run, mean" -- "$P" evaluate --eum-cycle loop x.csv
expect_error "parley: --from deu reads a FILE in that format; expected --from FORMAT FILE, without --builtin" -- "$P" forecast --from deu

# import and evaluate on the shared data
if [ -f "$SHARED/data/decide/sample_data.txt" ] && [ -f "$SHARED/deu3/deu3.csv" ]; then
  expect_status 0 "import decide" -- "$P" import --from decide "$SHARED/data/decide/sample_data.txt" -o "$TMP/s.yaml"
  expect_status 0 "imported file validates" -- "$P" validate "$TMP/s.yaml"
  expect_status 0 "forecast --from decide" -- "$P" forecast --from decide "$SHARED/data/decide/sample_data.txt" --model mean -f csv
  expect_grep "$TMP/out" "^tolheffing-binnenstad,mean,49.353" "Decide initial O"
  expect_status 2 "decide with errors" -- "$P" forecast --from decide "$SHARED/data/decide/copenhagen_with_errors.csv"
  expect_grep "$TMP/err" "copenhagen_with_errors.csv:86:19: position 160 of 'Russia'" "line-numbered error"
  expect_status 0 "evaluate DEU" -- "$P" evaluate --from deu "$SHARED/deu3/deu3.csv" --resamples 200 -q -f json
  jqe '.evaluation.issues == 353 and .evaluation.groups == 137 and .evaluation.issues_skipped == 11'
  jqe '[.summary[].method] == ["constant_50","status_quo","mean_unweighted","mean_salience","mean_cs","median_salience","median_cs","nbs","eum","eum_scholz","smp","veto","exchange_group"]'
  jqe '[.summary[] | select(.mae_low <= .mae and .mae <= .mae_high)] | length == 13'
  jqe '.summary[] | select(.method == "status_quo") | .n == 253'
  jqe '.summary[] | select(.method == "median_salience") | (.mae * 100 | round) == 2836'
  jqe '.errors == null'
  # --eum-cycle run: DEU n00030i1 as jmckib's replication of Scholz's code has it after round 10
  expect_status 0 "forecast --eum-cycle run" -- "$P" forecast --from deu "$SHARED/deu3/deu3.csv" --model eum --eum-preset scholz_code --eum-cycle run -f csv
  expect_grep "$TMP/out" "^n00030i1,eum,44.65586" "the replication's round-10 median"
  expect_status 0 "evaluate csv errors" -- "$P" evaluate --from deu "$SHARED/deu3/deu3.csv" --resamples 50 --errors -q -f csv
  [ "$(wc -l < "$TMP/out")" -eq 354 ] && ok || bad "errors rows: $(wc -l < "$TMP/out")"
  # cross-validated: the fitted methods and the best baseline chosen fold by fold
  expect_status 0 "evaluate --cv proposal" -- "$P" evaluate --from deu "$SHARED/deu3/deu3.csv" --cv proposal --resamples 100 -q -f json
  jqe '.evaluation.cross_validation | startswith("leave one group (proposal) out: 137 folds")'
  jqe '[.summary[] | select(.kind == "model, fitted in each fold")] | length >= 5'
  jqe '.summary[] | select(.method == "best_baseline") | .vs_best_baseline == 0 and .p_value == 1'
  jqe '[.summary[] | select(.n == 353 and .within_10 >= 0 and .within_10 <= 1 and .median_ae_low <= .median_ae)] | length >= 18'
  expect_status 0 "evaluate --cv 5" -- "$P" evaluate --from deu "$SHARED/deu3/deu3.csv" --cv 5 --seed 3 --resamples 20 -q -f csv
  cp "$TMP/out" "$TMP/cv5a"
  "$P" evaluate --from deu "$SHARED/deu3/deu3.csv" --cv 5 --seed 3 --resamples 20 -q -f csv > "$TMP/cv5b" 2>/dev/null
  cmp -s "$TMP/cv5a" "$TMP/cv5b" && ok || bad "--cv 5 with one seed gives two tables"
  expect_error "parley: --cv 500 would leave a fold empty or train on nothing: the data has 137 groups (proposals) with outcomes; expected a number of folds from 2 to 137, or 'proposal'" -- "$P" evaluate --from deu "$SHARED/deu3/deu3.csv" --cv 500 -q
  expect_status 0 "import ktab" -- "$P" import --from ktab "$SHARED/data/ktab/dummyData_3Dim.csv"
  expect_grep "$TMP/out" "salience: 0.4953" "ktab salience /100"
else
  echo "SKIP: ../shared data absent; import and evaluate on real data not run"
fi
# GENIUS: a domain and one profile per party, through import and any command's --from
GZ=$SHARED/data/genius/anac/y2010/EnglandZimbabwe
if [ -f "$GZ/England.xml" ]; then
  expect_status 0 "import genius" -- "$P" import --from genius "$GZ/EnglandZimbabwe_domain.xml" "$GZ/England10.xml" "$GZ/Zimbabwe10.xml" -o "$TMP/g.yaml"
  expect_grep "$TMP/g.yaml" "no_deal: 0.84001" "GENIUS reservation value"
  expect_status 0 "imported GENIUS file validates" -- "$P" validate "$TMP/g.yaml"
  expect_status 0 "forecast --from genius" -- "$P" forecast --from genius "$GZ/EnglandZimbabwe_domain.xml" "$GZ/England.xml" "$GZ/Zimbabwe.xml" --model mean -f csv
  expect_grep "$TMP/out" "^Size_of_Fund,mean," "GENIUS issue forecast"
else
  echo "SKIP: ../shared data absent; GENIUS import on real data not run"
fi
expect_error "parley: --from genius reads a domain and at least 2 profiles, got 1 file; expected --from genius DOMAIN.xml PROFILE1.xml PROFILE2.xml [...]" -- "$P" forecast --from genius d.xml
expect_error "parley: expected parley evaluate DATA (a scenario with outcomes, or --from deu deu3.csv)" -- "$P" evaluate
expect_status 2 "evaluate without outcomes" -- "$P" evaluate "$SRC/scenarios/ukraine-2025.yaml"
expect_grep "$TMP/err" "no issue of scenario 'ukraine-2025' has an outcome" "no outcomes message"
for v in 0 -1; do
  expect_error "parley: --resamples $v: expected a whole number from 1 to 1000000" -- "$P" evaluate x.yaml --resamples $v
done
for v in 1 x 2.5; do
  expect_error "parley: --cv $v: expected 'proposal' or a number of folds from 2 to 1000000" -- "$P" evaluate x.yaml --cv $v
done
# the veto-aware compromise, only on request, on the hand-made cases (tests/unit/test_veto.c)
expect_status 0 "veto" -- "$P" forecast "$SRC/tests/scenarios/veto.yaml" --model veto -f csv
expect_grep "$TMP/out" "^UNAN,veto,40," "unanimity: the win-set's edge"
expect_grep "$TMP/out" "^SPLIT,veto,50," "empty win-set: the status quo"
expect_status 2 "evaluate: outcomes missing, issues counted" -- "$P" evaluate "$SRC/tests/scenarios/veto.yaml" --cv proposal
expect_grep "$TMP/err" "no issue of scenario 'veto' has an outcome (5 issues skipped)" "skipped issues counted"
expect_error "parley: expected parley import [--from FORMAT] FILE [-o OUT.yaml]" -- "$P" import
# the SMP, only on request: its forecasts, turns and final positions; its knobs change it
expect_status 0 "smp" -- "$P" forecast --model smp --format json
jqe '[.forecasts[] | .model] | unique == ["smp"]'
jqe '.smp.turns >= 2 and (.smp.smp_final | length) == 4 and ([.smp.smp_final[].probability] | max) <= 1'
# why it stopped, with the ratio (not "the stop ratio", a setting the reader cannot see)
jqe '.smp.stopped | test("^the change fell below 2% of turn 1.s$") or test("^a cycle") or test("^the turn limit")'
jqe '.smp.stopped | test("stop ratio") | not'
# the SMP's turn-by-turn table in JSON (its column names were freed before its rows: a crash)
expect_status 0 "smp trajectory json" -- "$P" forecast --model smp --trajectory --format json
jqe '(.smp.smp_trajectory | length) == (.smp.turns + 1) * 4 and (.smp.smp_trajectory[0] | has("TERR"))'
"$P" forecast --model smp --format csv >"$TMP/d.csv" 2>/dev/null
"$P" forecast --model smp --smp-election markov-incentive --format csv >"$TMP/m.csv" 2>/dev/null
cmp -s "$TMP/d.csv" "$TMP/m.csv" && bad "--smp-election changes nothing" || ok
expect_status 0 "default set has no smp" -- "$P" forecast --format json
jqe '[.forecasts[] | .model] | index("smp") == null'
expect_error "parley: --smp-election markov is not known; expected one of: conditional, markov-uniform, markov-incentive" -- "$P" forecast --model smp --smp-election markov
for v in 0 -1; do
  expect_error "parley: --smp-turns $v: expected a whole number from 1 to 100000" -- "$P" forecast --model smp --smp-turns $v
done
finish
