#!/bin/sh
# The GENIUS importer's bad-input corpus: every tests/bad/genius/NAME/ holds
# the files of one import, in name order (a-domain.xml, then the profiles),
# and NAME.expect the exact first line that
# `parley import --from genius NAME/*` must print on stderr.
#
#   sh tests/bad/genius/run.sh PARLEY_BIN SOURCE_DIR BUILD_DIR
#
# For each case, run from inside the corpus directory with stdin from /dev/null:
# exit status exactly 2, first stderr line equal to the .expect file, nothing
# on stdout, and with -o D/out.yaml nothing left in D afterwards.
# Prints one line per failing case, then "N passed, M failed".
MIN_CASES=15
[ "$#" -eq 3 ] || { echo "usage: sh run.sh PARLEY_BIN SOURCE_DIR BUILD_DIR" >&2; exit 2; }
bin=$1
build=$3
case $bin in /*) ;; */*) bin=$(pwd)/$bin ;; *) bin=$(command -v "$bin" || echo "$bin") ;; esac
case $build in /*) ;; *) build=$(pwd)/$build ;; esac
dir=$2/tests/bad/genius
tmp=$(mktemp -d "$build/badgenius.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
LC_ALL=C
export LC_ALL
pass=0
fail=0
cd "$dir" || exit 1
for d in */; do
    name=${d%/}
    [ -d "$name" ] || continue
    want=$(cat "$name.expect" 2>/dev/null) || { echo "FAIL $name: no $name.expect"; fail=$((fail + 1)); continue; }
    # shellcheck disable=SC2086
    set -- "$name"/*
    "$bin" import --from genius "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
    st=$?
    got=$(head -n1 "$tmp/err")
    mkdir "$tmp/o"
    "$bin" import --from genius "$@" -o "$tmp/o/out.yaml" </dev/null >/dev/null 2>&1
    left=$(ls -A "$tmp/o")
    rm -rf "$tmp/o"
    if [ "$st" -eq 2 ] && [ "$got" = "$want" ] && [ ! -s "$tmp/out" ] && [ -z "$left" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $name: exit $st, stderr: $got"
        echo "     expected: $want"
        [ -n "$left" ] && echo "     left behind: $left"
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ $((pass + fail)) -ge $MIN_CASES ]
