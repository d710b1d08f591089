# SPDX-License-Identifier: MIT
# parley claims: the seed article's verdicts, determinism over draws, a flip by editing the
# scenario, bad use; and docs/case-study.md's table matches the program (no drift).
. "$(dirname "$0")/lib.sh"
P=$PARLEY
need_jq

expect_status 0 "claims" -- "$P" claims
expect_grep "$TMP/out" "Verdict: holds. GUARANTOR_COUNCIL cannot act against RUS" "council verdict"
expect_grep "$TMP/out" "stop the war. Verdict: not modelled." "not modelled"
expect_status 0 "json" -- "$P" claims --format json
jqe '[.claims.checks[] | .status] == ["holds", "holds", "holds", "fails", "fails", "not modelled", "holds"]'
"$P" claims -n 30 --threads 1 --format json >"$TMP/t1.json" 2>/dev/null
"$P" claims -n 30 --threads 3 --format json >"$TMP/t3.json" 2>/dev/null
cmp -s "$TMP/t1.json" "$TMP/t3.json" && ok || bad "--threads 3 differs from --threads 1"
cp "$TMP/t1.json" "$TMP/out"
jqe '[.claims.checks[] | select(.claim == "council-cannot-act")][0] | .holds_share == 1 and .draws == 30'

# a documented edit flips a verdict: drop Russia's veto, decide by 4 of 5
"$P" scenario | awk '/^    quota: unanimity$/ && !done {getline v; if (v == "    veto: all") {print "    quota: 4"; done=1; next} print; print v; next} {print}' >"$TMP/noveto.yaml"
expect_status 0 "claims on the edited scenario" -- "$P" claims "$TMP/noveto.yaml" --claims "$SRC/scenarios/ukraine-2025.claims.yaml" --format json
jqe '[.claims.checks[] | select(.claim == "council-cannot-act")][0].status == "fails"'

expect_error "parley: claims: give the claims to check with --claims FILE (only the built-in scenario has its own)" -- "$P" claims "$TMP/noveto.yaml"
expect_status 2 "missing claims file" -- "$P" claims --claims "$TMP/none.yaml"
expect_error "parley: --draws x: expected a whole number from 0 to 100000000" -- "$P" claims --draws x

# docs/case-study.md: its table is the program's output
sh "$SRC/scripts/case-study-table.sh" "$P" --check 2>"$TMP/drift" && ok || { bad "docs/case-study.md has drifted"; head -12 "$TMP/drift"; }
finish
