#!/bin/sh
# SPDX-License-Identifier: MIT
# `parley power`: the built-in scenario's councils, ad-hoc games with vectors
# from MODELS.md section 11, and every way the command line can be wrong.
. "$(dirname "$0")/lib.sh"
need_jq
P=$PARLEY


# The built-in scenario: the article's question in words.
expect_status 0 "power" -- "$P" power
expect_grep "$TMP/out" "GUARANTOR_COUNCIL: cannot act against RUS: RUS can block alone (a veto written into the rules)" "council verdict"
expect_grep "$TMP/out" "drop RUS's veto and lower the quota from 5 to 4 of 5." "smallest change"
expect_grep "$TMP/out" "US_LED_BACKSTOP: can act without RUS: RUS is not a member, so its consent is never needed; but it cannot act without USA." "US-led verdict"
expect_status 0 "power json" -- "$P" power -f json
jqe '.bodies[] | select(.id == "GUARANTOR_COUNCIL") | .against.can_act == false and .against.smallest_change.drop_veto'
jqe '.bodies[] | select(.id == "REASSURANCE_COALITION") | .against.member == false and .against.can_act'
jqe '[.members[] | select(.body == "US_LED_BACKSTOP" and .member == "USA")][0].shapley_shubik == 0.5'
jqe '.bodies[] | select(.id == "US_LED_BACKSTOP") | .exact[0].banzhaf == "2/5"'
expect_status 0 "one body, csv" -- "$P" power --body GUARANTOR_COUNCIL -f csv
[ "$(head -n1 "$TMP/out" | tr -d '\r')" = "body,member,veto,swings,shapley_shubik,banzhaf,banzhaf_absolute,coleman_prevent,coleman_initiate,deegan_packel,public_good,johnston,blocking_with" ] && ok || bad "csv header: $(head -n1 "$TMP/out")"
[ "$(wc -l < "$TMP/out")" -eq 6 ] && ok || bad "csv rows"
expect_status 0 "--against another actor" -- "$P" power --body REASSURANCE_COALITION --against USA -f json
jqe '.conclusions.REASSURANCE_COALITION | startswith("cannot act against USA")'
jqe '.conclusions.none == null'
# bodies with no `against`: the question's section says why it has no answer
expect_status 0 "no against" -- "$P" power "$SRC/tests/scenarios/veto.yaml" -f json
jqe '.conclusions | keys == ["none"] and (.none | startswith("No body names an actor it is meant to restrain"))'

# EEC 1958 (Felsenthal & Machover 1998): Luxembourg is a dummy.
expect_status 0 "EEC" -- "$P" power --weights 4,4,4,2,2,1 --quota 12 --names FR,DE,IT,BE,NL,LU -f json
jqe '[.bodies[0].exact[].shapley_shubik] == ["7/30","7/30","7/30","3/20","3/20","0"]'
jqe '[.bodies[0].exact[].banzhaf] == ["5/21","5/21","5/21","1/7","1/7","0"]'
jqe '.members[5].swings == "0"'
# UN Security Council by WxK weights; an elected member can be overruled.
expect_status 0 "UNSC" -- "$P" power --weights 7x5,1x10 --quota 39 --against 6 -f json
jqe '.bodies[0].exact[0].shapley_shubik == "421/2145" and .bodies[0].exact[5].shapley_shubik == "4/2145"'
jqe '.bodies[0].winning_coalitions == "848" and .bodies[0].minimal_winning == "210" and .bodies[0].minimal_blocking == "125"'
jqe '.bodies[0].against.share_of_winning_without == (382 / 848)'
# ... and the same council as five vetoes plus 9 of 15; the method does not matter.
expect_status 0 "UNSC vetoes" -- "$P" power --names P1,P2,P3,P4,P5,E1,E2,E3,E4,E5,E6,E7,E8,E9,E10 --min-members 9 --veto P1,P2,P3,P4,P5 --method dp -f json
jqe '.bodies[0].exact[0].banzhaf == "106/635" and .bodies[0].method == "dp"'
# Two majorities: >= 4 of 7 members and >= 65 of 100 population.
expect_status 0 "two majorities" -- "$P" power --min-members 4 --weights 33,28,14,12,6,5,2 --quota 65 -f json
jqe '.bodies[0].winning_coalitions == "33" and .bodies[0].minimal_winning == "13"'
# Shares are tested in integers: 2/3 of 3 is 2, 66.7% of 3 needs 3, majority of 4 needs 3.
expect_status 0 "2/3" -- "$P" power --weights 1,1,1 --quota 2/3 -f json
jqe '.bodies[0].rules[0].quota == 2'
expect_status 0 "66.7%" -- "$P" power --weights 1,1,1 --quota 66.7% -f json
jqe '.bodies[0].rules[0].quota == 3'
expect_status 0 "majority" -- "$P" power --weights 1,1,1,1 --quota majority -f json
jqe '.bodies[0].rules[0].quota == 3'
# Alternatives: --or.
expect_status 0 "or" -- "$P" power --weights 3,2,1 --quota 5 --or --min-members 3 -f json
jqe '(.bodies[0].rules | length) == 2 and .bodies[0].winning_coalitions == "2"'
# A scenario body with an alternative rule equals the same game typed with --or.
# council NAME ID...: the top of a scenario for a body appended after it: actors ID... of
# capability 1, one issue X on which A and B take the ends
council() {
  name=$1; shift
  printf 'parley: 1\nname: %s\nactors:\n' "$name"
  for a in "$@"; do printf '  - {id: %s, capability: 1}\n' "$a"; done
  printf 'issues:\n  - {id: X, scale: {0: no, 100: yes}}\npositions:\n'
  printf '  A: {X: {position: 0, salience: 1}}\n  B: {X: {position: 100, salience: 1}}\nbodies:\n'
}
{ council council A B C D E F G; cat <<'YAML'
  - id: COUNCIL
    members: [A, B, C, D, E, F, G]
    quota:
      - {members: 4}
      - {quota: 65, weights: {A: 33, B: 28, C: 14, D: 12, E: 6, F: 5, G: 2}}
    alternatives:
      - {members: 5}
YAML
} > "$TMP/alt.yaml"
expect_status 0 "body with alternatives" -- "$P" power "$TMP/alt.yaml" -q -f json
jq -c '[.bodies[0].winning_coalitions, [.bodies[0].exact[].shapley_shubik]]' "$TMP/out" > "$TMP/body.txt"
"$P" power -f json --min-members 4 --weights 33,28,14,12,6,5,2 --quota 65 --or --min-members 5 | jq -c '[.bodies[0].winning_coalitions, [.bodies[0].exact[].shapley_shubik]]' > "$TMP/adhoc.txt"
cmp -s "$TMP/body.txt" "$TMP/adhoc.txt" && ok || bad "body alternatives differ from --or: $(cat "$TMP/body.txt") vs $(cat "$TMP/adhoc.txt")"
grep -q '"33"' "$TMP/body.txt" && bad "the alternative changed nothing" || ok
# The scenario's body in words: the weighted condition says it is measured by its own
# weights (65 of 100), not the members' weight 1 listed beside it.
expect_status 0 "analyze: a condition with its own weights" -- "$P" analyze "$TMP/alt.yaml" -q
expect_grep "$TMP/out" "quota: members (at least 4), 65 (at least 65 of 100, by its own weights), or members (at least 5)" "own weights named, with their total"

# Weights with decimals are counted exactly in tenths (or hundredths, ...), but shown in the
# scenario's own numbers: quota 6.1 of 12.1 (majority of 5.5 + 4.1 + 2.5), not 61 of 121; and
# the smallest change that lets the body act against A names the quota the same way (the
# others hold 6.6, so the quota must fall from 7 to 6.6 of 12.1)
{ council decimals A B C; cat <<'YAML'
  - id: HALF
    members: {A: 5.5, B: 4.1, C: 2.5}
    quota: majority
  - id: HIGH
    members: {A: 5.5, B: 4.1, C: 2.5}
    quota: 7
    against: A
YAML
} > "$TMP/decw.yaml"
expect_status 0 "decimal weights" -- "$P" power "$TMP/decw.yaml" -q -f json
jqe '[.bodies[0].rules[0].quota, .bodies[0].rules[0].total] == [6.1, 12.1]'
jqe '.bodies[1].against.smallest_change.quota_changes[0] | [.quota, .new_quota, .total] == [7, 6.6, 12.1]'
jqe '.bodies[1].against.verdict | endswith("lower the quota from 7 to 6.6 of 12.1.")'
# whole weights stay integers
expect_status 0 "whole weights" -- "$P" power --weights 33,28,14 --quota 40 -f json
jqe '[.bodies[0].rules[0].quota, .bodies[0].rules[0].total] == [40, 75]'

# Above the enumeration limit (25 members), one condition: Deegan-Packel, public good and
# Johnston from the critical-member tables (40 equal members: 1/40 each, by symmetry) ...
expect_status 0 "minimal indices at 40 members" -- "$P" power --weights 1x40 --quota 21 -f json
jqe '.bodies[0].exact[0].deegan_packel == "1/40" and .bodies[0].exact[39].johnston == "1/40" and .bodies[0].exact[5].public_good == "1/40"'
# ... and left out with a note giving the estimate and the option when they do not fit.
expect_status 0 "minimal indices over --max-memory" -- "$P" power --weights 1x600 --quota majority --max-memory 8 -f json
jqe '.bodies[0].note | contains("Deegan-Packel, public good and Johnston not computed: their tables need 0.0138 GiB (302 x 302 entries of 10 words, twice), above the limit of 0.00781 GiB; expected a smaller game or --max-memory MIB")'
jqe '.members[0] | has("johnston") | not'

# Monte Carlo: reproducible, with its bound.
"$P" power --weights 4,4,4,2,2,1 --quota 12 --method monte-carlo --samples 20000 --seed 5 -f json > "$TMP/mc1" 2>&1
"$P" power --weights 4,4,4,2,2,1 --quota 12 --method monte-carlo --samples 20000 --seed 5 -f json > "$TMP/mc2" 2>&1
cmp -s "$TMP/mc1" "$TMP/mc2" && ok || bad "Monte Carlo not reproducible"
jq -e '.bodies[0].monte_carlo.samples == 20000 and .bodies[0].monte_carlo.seed == "5"' "$TMP/mc1" >/dev/null && ok || bad "Monte Carlo block"
expect_status 0 "10^6 members by Monte Carlo" -- "$P" power --weights 1x1000000 --quota majority --method monte-carlo --samples 20 --no-shapley -f csv

# Errors: exit 2, one clear line.
expect_error "parley: --quota 8: quota 8 is outside [1, 7]; expected a quota no larger than the total weight" -- "$P" power --weights 4,2,1 --quota 8
expect_error "parley: --weights: '-2' (item 2) is not a whole number from 0 to 2^50 or WxK (K members of weight W, K <= 10^8)" -- "$P" power --weights 4,-2 --quota 1
expect_error "parley: --quota 1: the weights sum to 0; expected a positive weight for at least one member" -- "$P" power --weights 0,0 --quota 1
expect_error "parley: --quota 3/2: share 3/2 is outside (0, 1]; expected a share such as 2/3" -- "$P" power --weights 1,1 --quota 3/2
expect_error "parley: --quota 0/3: expected a whole number, a share like 2/3 or 65%, majority or unanimity" -- "$P" power --weights 1,1 --quota 0/3
expect_error "parley: --quota 2x: expected a whole number >= 1, a share like 2/3 or 65%, majority or unanimity" -- "$P" power --weights 1,1 --quota 2x
expect_error "parley: --veto: '3' is not a member; expected a name from --names or a number from 1 to 2" -- "$P" power --weights 1,1 --quota 2 --veto 3
expect_error "parley: --quota comes before the members are known; expected --weights or --names first" -- "$P" power --quota 2
expect_error "parley: --names has 1 members but the game has 2 (set by the first --weights or --names)" -- "$P" power --weights 1,2 --quota 2 --names A
expect_error "parley: the game has no quota; expected --quota Q after --weights" -- "$P" power --weights 1,2
expect_error "parley: game: rule 2 of the game has no quota; expected at least one condition per rule" -- "$P" power --weights 1,1 --quota 1 --or
expect_error "parley: game: exact counts for 1000000 members are numbers of up to 1000000 bits each, 233 GiB in all, above the limit of 1 GiB; expected --method monte-carlo" -- "$P" power --weights 1x1000000 --quota majority
# the floating mode's limit covers the per-member results too, not only its weight tables
expect_status 2 "--floating over --max-memory" -- timeout 20 "$P" power --floating --weights 1x3000000 --quota majority --max-memory 100
expect_grep "$TMP/err" "the floating mode needs 0.251 GiB (weight tables of 1500002 entries, results for 3000000 members), above the limit of 0.0977 GiB; expected a smaller game or --max-memory MIB" "floating refusal gives the estimate"
expect_error "parley: game: enumeration of all coalitions handles at most 30 members, the game has 40; expected --method dp (integer weights) or monte-carlo" -- "$P" power --weights 1x40 --quota 21 --method enumerate
expect_error "parley: --body NOPE: no such body in scenario ukraine-2025; see \`parley scenario\`" -- "$P" power --body NOPE
expect_error "parley: --against NOPE: no such actor in scenario ukraine-2025" -- "$P" power --against NOPE
expect_error "parley: an ad-hoc game (--weights, --quota) takes no FILE, --builtin or --body" -- "$P" power --builtin --weights 1,1 --quota 1
expect_error "parley: --method foo is not known; expected one of: auto, enumerate, dp, monte-carlo" -- "$P" power --method foo
expect_error "parley: --samples 0: expected a whole number from 1 to 2^40" -- "$P" power --samples 0
# A body whose weights cannot be made whole without rounding: the weight's position.
cat > "$TMP/dec.yaml" <<'YAML'
parley: 1
name: dec
actors:
  - {id: A, capability: 1}
  - {id: B, capability: 1}
issues:
  - {id: X, scale: {0: none, 100: all}}
positions:
  A: {X: {position: 10, salience: 0.5}}
  B: {X: {position: 90, salience: 0.5}}
bodies:
  - id: C
    members: {A: 1, B: 0.12345678}
YAML
expect_error "$TMP/dec.yaml:13:24: body 'C': the weights of quota 'majority' have more than 6 decimals; expected whole numbers or short decimals for power indices (they never round weights)" -- "$P" power "$TMP/dec.yaml"
# -o: nothing is left behind on error.
mkdir "$TMP/o"
expect_status 2 "-o on error" -- "$P" power --weights 1,1 --quota 3 -o "$TMP/o/x.json"
[ -z "$(ls -A "$TMP/o")" ] && ok || bad "files left behind: $(ls "$TMP/o")"
finish
