#!/bin/sh
# SPDX-License-Identifier: MIT
# `parley bargain`: the closed forms over a pie of 1, backward induction over
# the built-in scenario's packages, and every way the command line can be wrong.
#
# The expected numbers come from the published closed forms collected in
# MODELS.md section 9 ("Bargaining over time") of the project reference
# (/work/shared/docs/MODELS.md), not from running parley:
#   Rubinstein (1982):          x1 = (1 - d2)/(1 - d1 d2), x2 = 1 - x1
#   outside options (Muthoo 1999, ch. 5: the outside option principle, either side may
#   quit when it responds); o1 + o2 > 1: no deal
#   breakdown risk (Binmore, Rubinstein & Wolinsky 1986): v1 = (1 + (1 - p) b1 - b2)/(2 - p)
#   finite horizon, equal d:    x1(T) = (1 - (-d)^T)/(1 + d)
. "$(dirname "$0")/lib.sh"
need_jq
P=$PARLEY

# jqn FILTER: like jqe, with near(a; b): |a - b| < 1e-6 (the precision MODELS.md quotes).
jqn() {
  jq -e "def near(a; b): ((a - b) | if . < 0 then -. else . end) < 1e-6; $1" "$TMP/out" >/dev/null &&
    ok || bad "jq: $1"
}

# --- The pie: closed forms ------------------------------------------------

# Rubinstein, d = (0.9, 0.9): x1 = 0.1/0.19 = 1/1.9 = 0.526316, x2 = 0.473684.
expect_status 0 "--delta 0.9,0.9" -- "$P" bargain --delta 0.9,0.9 --format json
jqe '.bargain.agreement == true'
jqn 'near(.bargain.first_mover; 0.526316)'
jqn 'near(.bargain.second_mover; 0.473684)'

# Rubinstein, d = (0.9, 0.8): x1 = 0.2/0.28 = 0.714286, x2 = 0.285714.
expect_status 0 "--delta 0.9,0.8" -- "$P" bargain --delta 0.9,0.8 --format json
jqe '.bargain.agreement == true'
jqn 'near(.bargain.first_mover; 0.714286)'
jqn 'near(.bargain.second_mover; 0.285714)'

# Outside options, d = 0.9, o2 = 0.6 > x2* = 0.473684 binds: x2 = 0.6, x1 = 0.4.
expect_status 0 "--delta 0.9 --outside 0,0.6" -- "$P" bargain --delta 0.9 --outside 0,0.6 --format json
jqe '.bargain.agreement == true'
jqn 'near(.bargain.first_mover; 0.4)'
jqn 'near(.bargain.second_mover; 0.6)'
# ... and o2 = 0.3 < x2* does not bind: x1 = 0.526316 as without it.
expect_status 0 "--delta 0.9 --outside 0,0.3" -- "$P" bargain --delta 0.9 --outside 0,0.3 --format json
jqn 'near(.bargain.first_mover; 0.526316)'

# The proposer's option binds too (Muthoo 1999, ch. 5): d = (0.5, 0.9), o = (0.4, 0):
# M1 = 0.181818 < o1, so x1 = 1 - 0.9 (1 - 0.4) = 0.46 (never below 1's own option).
expect_status 0 "--delta 0.5,0.9 --outside 0.4,0" -- "$P" bargain --delta 0.5,0.9 --outside 0.4,0 --format json
jqn 'near(.bargain.first_mover; 0.46)'
# d = 0.9, o = (0.6, 0.3): o1 binds, o2 <= 0.9 (1 - 0.6): x1 = 0.64.
expect_status 0 "--delta 0.9 --outside 0.6,0.3" -- "$P" bargain --delta 0.9,0.9 --outside 0.6,0.3 --format json
jqn 'near(.bargain.first_mover; 0.64)'

# Outside options o1 + o2 = 1.1 > 1: no deal.
expect_status 0 "--outside 0.5,0.6" -- "$P" bargain --outside 0.5,0.6 --format json
jqe '.bargain.agreement == false'

# Breakdown risk p = 0.1, b = (0.2, 0.1), no discounting:
# v1 = (1 + 0.9 * 0.2 - 0.1)/1.9 = 1.08/1.9 = 0.568421.
expect_status 0 "--breakdown 0.1 --fallback 0.2,0.1" -- "$P" bargain --breakdown 0.1 --fallback 0.2,0.1 --format json
jqe '.bargain.agreement == true'
jqn 'near(.bargain.first_mover; 0.568421)'
jqn 'near(.bargain.second_mover; 1 - 0.568421)'

# With both effects and b = 0, MODELS.md section 9 says to use
# d' = d (1 - p) = 0.81, so x1 = 1/(1 + 0.81) = 0.552486.
expect_status 0 "--delta 0.9 --breakdown 0.1" -- "$P" bargain --delta 0.9 --breakdown 0.1 --format json
jqn 'near(.bargain.first_mover; 0.552486)'

# Finite horizon, d = 0.9: x1(3) = (1 + 0.729)/1.9 = 0.91, x1(2) = (1 - 0.81)/1.9 = 0.1.
expect_status 0 "--delta 0.9 --horizon 3" -- "$P" bargain --delta 0.9 --horizon 3 --format json
jqn 'near(.bargain.first_mover; 0.91)'
jqn 'near(.bargain.second_mover; 0.09)'
expect_status 0 "--delta 0.9 --horizon 2" -- "$P" bargain --delta 0.9 --horizon 2 --format json
jqn 'near(.bargain.first_mover; 0.1)'
jqn 'near(.bargain.second_mover; 0.9)'

# --horizon with --outside: the closed form has no outside options, so parley
# must refuse the combination (or honour the option).
"$P" bargain --delta 0.9 --outside 0,0.6 --horizon 3 --format json >"$TMP/out" 2>"$TMP/err"
st=$?
if [ "$st" -eq 2 ]; then ok
elif [ "$st" -eq 0 ]; then jqn '.bargain.second_mover >= 0.6 - 1e-9'
else bad "--outside 0,0.6 --horizon 3: exit $st"; fi

# --- The pie: bad values exit 2 and name the option ---------------------------

expect_error "parley: --delta 1.5: expected up to 2 numbers in [1e-12, 1] separated by commas" -- "$P" bargain --delta 1.5
expect_error "parley: --delta 0,0.9: expected up to 2 numbers in [1e-12, 1] separated by commas" -- "$P" bargain --delta 0,0.9
expect_error "parley: --outside 2,0: expected up to 2 numbers in [0, 1] separated by commas" -- "$P" bargain --outside 2,0
expect_error "parley: --breakdown 0: expected a probability in (0, 1]" -- "$P" bargain --breakdown 0
# d1 = d2 = 1 and no breakdown risk: every split is an equilibrium (MODELS.md sec. 9, E).
expect_status 2 "--delta 1,1" -- "$P" bargain --delta 1,1
grep -q "every split" "$TMP/err" && ok || bad "--delta 1,1: message does not say 'every split': $(head -n1 "$TMP/err")"
[ ! -s "$TMP/out" ] && ok || bad "--delta 1,1 wrote to stdout"
# The message names the option at fault.
grep -q -- "--delta" "$TMP/err" && ok || bad "--delta 1,1: message does not name --delta: $(head -n1 "$TMP/err")"
# The finite-horizon closed form needs equal discounts.
expect_status 2 "--horizon 3 --delta 0.9,0.8" -- "$P" bargain --horizon 3 --delta 0.9,0.8
grep -q -- "--horizon" "$TMP/err" && ok || bad "--horizon with unequal discounts: message does not name --horizon: $(head -n1 "$TMP/err")"
grep -q "equal discounts" "$TMP/err" && ok || bad "--horizon with unequal discounts: message does not say why: $(head -n1 "$TMP/err")"
for o in "--delta 1.5" "--delta 0,0.9" "--delta 0.9,0.9,0.9" "--delta abc" "--outside 2,0" \
         "--breakdown 0" "--breakdown 1.5" "--horizon abc" "--horizon 3 --delta 0.9,0.8"; do
  # shellcheck disable=SC2086  # options and their values
  expect_status 2 "bargain $o" -- "$P" bargain $o
  opt=${o%% *}
  grep -q -- "$opt" "$TMP/err" && ok || bad "bargain $o: message does not name $opt: $(head -n1 "$TMP/err")"
  [ ! -s "$TMP/out" ] && ok || bad "bargain $o wrote to stdout"
done

# --threads belongs to settle, not to bargain.
expect_error "parley: unknown option '--threads' for 'bargain'; see 'parley bargain --help'" -- "$P" bargain --threads 2
expect_status 2 "--threads with a scenario" -- "$P" bargain --builtin --threads 2
grep -q -- "--threads" "$TMP/err" && ok || bad "--threads with a scenario: message does not name it: $(head -n1 "$TMP/err")"

# --- A scenario: backward induction over the efficient packages -------------

# Horizon 6, RUS first, no discounts in the scenario, so 0.9 each. By the
# backward induction of MODELS.md sec. 9 (V_{T+1} = d, each accepts or proposes
# only what is worth at least its discounted value of going on), every party
# ends with at least its no-deal value discounted over the 6 rounds: d * 0.9^6.
expect_status 0 "--builtin --parties RUS,UKR --horizon 6 --first RUS" -- \
  "$P" bargain --builtin --parties RUS,UKR --horizon 6 --first RUS --format json
jqe '.bargain.agreement == true'
jqe '(.bargain.values | length) == 2'
jqe '[.bargain.values[].party] == ["RUS", "UKR"]'
jqe '.bargain.rounds == 6 and .bargain.first == "RUS"'
jqe 'all(.bargain.values[]; .value >= .no_deal * pow(0.9; 6) - 1e-12)'
jqe '(.bargain.package | length) > 0'
# the discount each party was given, as used: 0.9 each without --delta (the scenario gives
# none), and the --delta values in the parties' order with it
jqe '[.bargain.values[].discount] == [0.9, 0.9]'
expect_status 0 "--builtin --delta 0.8,0.95" -- \
  "$P" bargain --builtin --parties RUS,UKR --delta 0.8,0.95 --format json
jqe '[.bargain.values[].discount] == [0.8, 0.95]'

# Horizon 1: the proposer takes the best package for it among those the
# responder accepts (u_r >= 0.9 d_r), so UKR proposing first does at least as
# well as UKR responding to RUS.
expect_status 0 "--horizon 1 --first UKR" -- "$P" bargain --builtin --parties RUS,UKR --horizon 1 --first UKR --format json
cp "$TMP/out" "$TMP/h1ukr.json"
jqe '.bargain.first == "UKR"'
jqe '.bargain.values[] | select(.party == "RUS") | .value >= 0.9 * .no_deal - 1e-12'
expect_status 0 "--horizon 1 --first RUS" -- "$P" bargain --builtin --parties RUS,UKR --horizon 1 --first RUS --format json
cp "$TMP/out" "$TMP/h1rus.json"
jq -e -n --slurpfile u "$TMP/h1ukr.json" --slurpfile r "$TMP/h1rus.json" \
  '($u[0].bargain.values[] | select(.party == "UKR") | .value) >=
   ($r[0].bargain.values[] | select(.party == "UKR") | .value) - 1e-12' >/dev/null &&
  ok || bad "horizon 1: UKR proposing first gets less than when RUS proposes first"

# CSV: the values table.
expect_status 0 "--builtin csv" -- "$P" bargain --builtin --parties RUS,UKR --format csv
head -n1 "$TMP/out" | tr -d '\r' | grep -q '^party,value,no_deal,discount$' && ok || bad "csv header: $(head -n1 "$TMP/out")"
[ "$(wc -l < "$TMP/out")" -eq 3 ] && ok || bad "csv: $(wc -l < "$TMP/out") lines, expected 3 (header + 2)"

# --- A scenario: bad values -------------------------------------------------

for v in 0 -1; do
  expect_error "parley: --horizon $v: expected a whole number from 1 to 100000" -- "$P" bargain --builtin --horizon $v
  expect_error "parley: --horizon $v: expected a whole number from 1 to 100000" -- "$P" bargain --horizon $v
done
expect_error "parley: --first XXX: not one of the 4 parties (see --parties)" -- "$P" bargain --first XXX --builtin
expect_error "parley: --outside, --breakdown and --fallback are for the pie (no FILE)" -- "$P" bargain --outside 0,0.3 --builtin
expect_status 2 "--builtin --delta 1.5" -- "$P" bargain --builtin --parties RUS,UKR --delta 1.5
grep -q -- "--delta 1.5" "$TMP/err" && ok || bad "--builtin --delta 1.5: message does not name it: $(head -n1 "$TMP/err")"
# With a scenario, more --delta values than parties is an error.
expect_status 2 "--builtin --parties RUS,UKR --delta 0.9,0.9,abc" -- "$P" bargain --builtin --parties RUS,UKR --delta 0.9,0.9,abc
grep -q -- "--delta" "$TMP/err" && ok || bad "--delta 0.9,0.9,abc: message does not name --delta: $(head -n1 "$TMP/err")"

# --- Determinism: the same command twice, byte for byte ----------------------

for args in "--delta 0.9,0.8" "--delta 0.9,0.8 --format json" "--breakdown 0.1 --fallback 0.2,0.1 --format json" \
            "--builtin --parties RUS,UKR --horizon 6 --first RUS" \
            "--builtin --parties RUS,UKR --horizon 6 --first RUS --format json"; do
  # shellcheck disable=SC2086  # options and their values
  "$P" bargain $args > "$TMP/r1" 2>&1
  # shellcheck disable=SC2086
  "$P" bargain $args > "$TMP/r2" 2>&1
  cmp -s "$TMP/r1" "$TMP/r2" && ok || bad "bargain $args: two runs differ"
done

# --- --help lists every option ------------------------------------------------
expect_status 0 "bargain --help" -- "$P" bargain --help
for o in --builtin --from --delta --horizon --first --outside --breakdown --fallback --parties --step \
         --format --output --table --quiet --help; do
  expect_grep "$TMP/out" "^ .*$o" "bargain --help: $o"
done
expect_grep "$TMP/out" "docs/models.md, \"Bargaining over" "bargain --help cites docs/models.md"
# The built-in scenario's game gives the USA 0.382 against its no-deal 0.424 (the finite
# horizon: holding out ends in no deal discounted by then); the output says so, with both
# numbers, instead of leaving a value below no deal unexplained.
expect_status 0 "bargain --builtin, below no deal" -- "$P" bargain --builtin
expect_grep "$TMP/out" "^below_no_deal: USA (0.382 against 0.424): gets less than its no-deal value, because no deal comes only after the last of the 10 rounds" "a value below no deal explained"
finish
