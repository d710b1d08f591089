#!/bin/sh
# The importers' bad-input corpus: every tests/bad/import/NAME.FORMAT.txt is
# an input in FORMAT (deu, decide or ktab) and NAME.FORMAT.expect the exact first
# line that `parley import --from FORMAT NAME.FORMAT.txt` must print on stderr.
#
#   sh tests/bad/import/run.sh PARLEY_BIN SOURCE_DIR BUILD_DIR
#
# For each case, run from inside the corpus directory with stdin from /dev/null:
# exit status exactly 2, first stderr line equal to the .expect file, nothing
# on stdout, and with -o D/out.yaml nothing left in D afterwards.
# Prints one line per failing case, then "N passed, M failed".
MIN_CASES=12
[ "$#" -eq 3 ] || { echo "usage: sh run.sh PARLEY_BIN SOURCE_DIR BUILD_DIR" >&2; exit 2; }
bin=$1
build=$3
case $bin in /*) ;; */*) bin=$(pwd)/$bin ;; *) bin=$(command -v "$bin" || echo "$bin") ;; esac
case $build in /*) ;; *) build=$(pwd)/$build ;; esac
dir=$2/tests/bad/import
tmp=$(mktemp -d "$build/badimport.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
cd "$dir" || exit 1
for f in *.deu.txt *.decide.txt *.ktab.txt; do
    [ -f "$f" ] || continue
    base=${f%.txt}
    fmt=${base##*.}
    want=$(cat "$base.expect" 2>/dev/null) || { echo "FAIL $f: no $base.expect"; fail=$((fail + 1)); continue; }
    "$bin" import --from "$fmt" "$f" </dev/null >"$tmp/out" 2>"$tmp/err"
    st=$?
    got=$(head -n1 "$tmp/err")
    mkdir "$tmp/o"
    "$bin" import --from "$fmt" "$f" -o "$tmp/o/out.yaml" </dev/null >/dev/null 2>&1
    left=$(ls -A "$tmp/o")
    rm -rf "$tmp/o"
    if [ "$st" -eq 2 ] && [ "$got" = "$want" ] && [ ! -s "$tmp/out" ] && [ -z "$left" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $f: exit $st, stderr: $got"
        echo "     expected: $want"
        [ -n "$left" ] && echo "     left behind: $left"
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ $((pass + fail)) -ge $MIN_CASES ]
