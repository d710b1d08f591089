# SPDX-License-Identifier: MIT
# The run store under concurrency: three `stress --store` writers (one with --store-draws)
# and a `runs list` reader in a loop, all on one new store. No writer fails or waits for
# another's whole run, the reader never fails, and afterwards every run is there and whole
# (its row counts match its draws, inputs and results) and the file passes integrity_check.
. "$(dirname "$0")/lib.sh"
P=$PARLEY
need_jq
command -v sqlite3 >/dev/null 2>&1 || { echo "SKIP: the sqlite3 shell is not installed"; exit 77; }
DB=$TMP/shared.db
RUNS=4 # per writer

# writer W: RUNS runs with seeds W01.., each its own run id; writer 1 also stores draws
writer() {
  w=$1; shift
  k=1
  while [ $k -le $RUNS ]; do
    "$P" stress -n 300 --analyses forecast,power --seed "$w$k" --store "$DB" "$@" -q \
      -o "$TMP/w$w.json" 2>>"$TMP/w$w.err" || echo "writer $w run $k: exit $?" >>"$TMP/w$w.fail"
    k=$((k + 1))
  done
}
writer 1 --store-draws & p1=$!
writer 2 & p2=$!
writer 3 & p3=$!

# the reader: lists the store while the writers run (the file may not exist at first)
reads=0
while kill -0 $p1 2>/dev/null || kill -0 $p2 2>/dev/null || kill -0 $p3 2>/dev/null; do
  if [ -e "$DB" ]; then
    "$P" runs list --store "$DB" --format json >"$TMP/list.json" 2>"$TMP/list.err"
    st=$?
    # a store that exists but is still empty (the first writer is creating it) is exit 2
    if [ $st -ne 0 ] && ! grep -q "an empty file, not a run store yet" "$TMP/list.err"; then
      bad "runs list during the writes: exit $st: $(head -1 "$TMP/list.err")"
    elif [ $st -eq 0 ]; then
      jq -e '.runs | type == "array"' "$TMP/list.json" >/dev/null || bad "runs list: bad JSON"
      reads=$((reads + 1))
    fi
  fi
done
wait $p1 $p2 $p3
for w in 1 2 3; do
  [ -e "$TMP/w$w.fail" ] && { bad "$(cat "$TMP/w$w.fail")"; sed 's/^/  | /' "$TMP/w$w.err" | head -5; } || ok
done
[ $reads -gt 0 ] && ok || bad "the reader never read the store"

q() { sqlite3 "$DB" "$1"; }
[ "$(q 'PRAGMA integrity_check')" = ok ] && ok || bad "integrity_check: $(q 'PRAGMA integrity_check')"
[ "$(q 'PRAGMA journal_mode')" = wal ] && ok || bad "the store is not in WAL mode"
n=$(q 'SELECT count(*) FROM run WHERE finished IS NOT NULL')
[ "$n" -eq $((3 * RUNS)) ] && ok || bad "$n finished runs stored, expected $((3 * RUNS))"
# whole: every run has the same inputs and results (same scenario and options), draws
# x (inputs + results) draw rows with --store-draws (seeds 1k), none otherwise
q "SELECT r.seed, r.draws, (SELECT count(*) FROM input i WHERE i.run = r.id),
          (SELECT count(*) FROM metric m WHERE m.run = r.id),
          (SELECT count(*) FROM failure f WHERE f.run = r.id),
          (SELECT count(*) FROM draw_value d WHERE d.run = r.id) FROM run r" | tr '|' ' ' >"$TMP/counts"
first=$(head -1 "$TMP/counts" | cut -d' ' -f3-5)
while read -r seed draws ni nm nf nd; do
  [ "$ni $nm $nf" = "$first" ] && [ "$nm" -gt 0 ] && ok || bad "run with seed $seed: $ni inputs, $nm results, $nf failure rows; another run has $first"
  case $seed in
    1?) want=$((draws * (ni + nm))) ;;
    *) want=0 ;;
  esac
  [ "$nd" -eq "$want" ] && ok || bad "run with seed $seed: $nd draw rows, expected $want"
done <"$TMP/counts"

# a long run holds no lock while it computes: a short run and a listing finish meanwhile
"$P" stress -n 100000 --seed 99 --store "$DB" --store-draws -q -o "$TMP/long.json" 2>/dev/null &
long=$!
sleep 0.5
expect_status 0 "a short run during a long one" -- "$P" stress -n 20 --seed 98 --store "$DB" -q -o "$TMP/short.json"
expect_status 0 "runs list during a long run" -- "$P" runs list --store "$DB"
kill -0 $long 2>/dev/null && ok || bad "the long run ended before the short one (make it longer)"
kill -9 $long 2>/dev/null; wait $long 2>/dev/null
[ "$(q "SELECT count(*) FROM run WHERE seed IN ('98', '99')")" -eq 1 ] && ok || bad "not just the short run stored"
[ "$(q 'PRAGMA integrity_check')" = ok ] && ok || bad "integrity_check after kill -9"
finish
