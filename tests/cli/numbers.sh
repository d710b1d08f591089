#!/bin/sh
# SPDX-License-Identifier: MIT
# Clean numbers in every output (docs/design-notes.md, "Numbers as text"):
# every command in text, JSON and CSV (the report as HTML and SVG) on the
# built-in scenario, the importers' samples under fuzz/seeds/, the claims
# seeds and, when ../shared/data is there, Decide, KTAB and a GENIUS pair.
# No output may hold
#   - a negative zero as a number ("-0", "-0.000"),
#   - float noise: a run of 6 or more zeros or nines after a decimal point
#     followed by another digit ("22.400000000000002", "94.99999999999999"),
#     or an exponent e-10 .. e-19 ("-1.11e-16"),
#   - nan or inf.
# A command that does not apply to an input (exit 2) is passed over; any
# other failure is one.
. "$(dirname "$0")/lib.sh"
P=$PARLEY
SHARED=$SRC/../shared/data
LC_ALL=C
export LC_ALL

NEGZERO='(^|[^[:alnum:]_.-])-0(\.0+)?([^[:alnum:].]|$)'
NOISE='\.[0-9]*(0{6,}|9{6,})[0-9]|[0-9][eE]-1[0-9]'
NONFINITE='(^|[^[:alpha:]])(nan|inf|infinity)([^[:alpha:]]|$)'

# scan NAME FILE: the three checks on one output
scan() {
  found=0
  for what in "negative zero:$NEGZERO" "float noise:$NOISE" "nan or inf:$NONFINITE"; do
    if grep -Eiq -- "${what#*:}" "$2" 2>/dev/null; then
      bad "$1: ${what%%:*}: $(grep -Eno -- "${what#*:}" "$2" | head -3 | tr '\n' ' ')"
      found=1
    fi
  done
  [ "$found" -eq 0 ] && ok
}

# run NAME ARGS...: run parley, scan stdout when it succeeds
run() {
  name=$1; shift
  "$P" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
  st=$?
  case $st in
    0) scan "$name" "$TMP/out" ;;
    2) skipped=$((skipped + 1)) ;;
    *) bad "$name: exit $st: $(head -n1 "$TMP/err")" ;;
  esac
}

# every_command LABEL [FILE]: the commands of the issue on a scenario file
# (an import written as parley YAML), or on the built-in scenario
every_command() {
  label=$1; shift
  pie=--builtin  # bargain without a file splits a pie; with one it bargains over packages
  [ "$#" -gt 0 ] && pie=
  for f in text json csv; do
    run "$label analyze -f $f" analyze "$@" -f $f
    for m in mean median nbs eum exchange smp; do
      run "$label forecast --model $m -f $f" forecast "$@" --model $m -f $f
    done
    run "$label forecast details -f $f" forecast "$@" -f $f --trajectory --moves --exchanges
    run "$label settle -f $f" settle "$@" -f $f
    run "$label power -f $f" power "$@" -f $f
    run "$label durability -f $f" durability "$@" -f $f
    run "$label bargain -f $f" bargain "$@" $pie -f $f
    run "$label stress -f $f" stress "$@" -n 32 -f $f
    run "$label claims -f $f" claims "$@" -n 16 -f $f
    run "$label scenario -f $f" scenario "$@" -f $f
  done
  run "$label report" report "$@" -n 16
  rm -rf "$TMP/svg"
  mkdir "$TMP/svg"
  if "$P" report "$@" -n 16 --svg-dir "$TMP/svg" >/dev/null 2>&1; then
    cat "$TMP"/svg/*.svg >"$TMP/svgs" 2>/dev/null
    scan "$label report --svg-dir" "$TMP/svgs"
  fi
}

# imported LABEL FORMAT FILE...: import, scan the YAML, then every command on it
imported() {
  label=$1; fmt=$2; shift 2
  run "$label import" import --from "$fmt" "$@"
  if "$P" import --from "$fmt" "$@" -o "$TMP/$label.yaml" 2>/dev/null; then
    every_command "$label" "$TMP/$label.yaml"
  else
    bad "$label: import --from $fmt failed"
  fi
}

skipped=0
# the scanner itself: it must see what it is for
printf 'a -0 b\nx,-0.000,y\n' >"$TMP/t1"
printf '"w": 22.400000000000002\n94.99999999999999\n-1.11e-16\n' >"$TMP/t2"
printf 'x: nan\n' >"$TMP/t3"
printf '2025-01-05 -0.5 d-0 0.1 1e-05 100.000005\n' >"$TMP/t4"
grep -Eq -- "$NEGZERO" "$TMP/t1" && [ "$(grep -Ec -- "$NEGZERO" "$TMP/t1")" -eq 2 ] && ok || bad "scanner misses -0"
[ "$(grep -Ec -- "$NOISE" "$TMP/t2")" -eq 3 ] && ok || bad "scanner misses float noise"
grep -Eiq -- "$NONFINITE" "$TMP/t3" && ok || bad "scanner misses nan"
grep -Eiq -- "$NEGZERO|$NOISE|$NONFINITE" "$TMP/t4" && bad "scanner flags clean numbers" || ok

every_command builtin
run "scenario yaml" scenario
run "bargain pie" bargain --delta 0.5,0.9 --outside 0.4,0
run "power ad hoc" power --weights 3,2,1x4 --quota 2/3 --veto 1
for s in "$SRC"/fuzz/seeds/synthetic.*; do
  imported "$(basename "$s")" "$(basename "$s" | cut -d. -f2)" "$s"
done
for c in "$SRC"/fuzz/seeds/claims/*; do
  for f in text json csv; do
    run "claims $(basename "$c") -f $f" claims --claims "$c" -n 16 -f $f
  done
done
if [ -d "$SHARED" ]; then
  imported decide decide "$SHARED/decide/sample_data.txt"
  imported ktab ktab "$SHARED/ktab/dummyData_3Dim.csv"
  imported ktabxml ktab "$SHARED/ktab/dummyData_3Dim.xml"
  G=$SHARED/genius/anac/y2010/EnglandZimbabwe
  imported genius genius "$G/EnglandZimbabwe_domain.xml" "$G/England.xml" "$G/Zimbabwe.xml"
else
  echo "SKIP: ../shared/data absent; Decide, KTAB and GENIUS samples not scanned"
fi
echo "($skipped command-input pairs do not apply: exit 2)"
finish
