#!/bin/sh
# The proposal bad-input corpus: every tests/bad/proposal/NAME.yaml (or
# NAME.json) is a proposal for scenario.yaml in the same directory, and
# NAME.expect the exact first line that
#   parley settle scenario.yaml --proposal NAME.ext
# must print on stderr.
#
#   sh tests/bad/proposal/run.sh PARLEY_BIN SOURCE_DIR BUILD_DIR
#
# First checks that scenario.yaml itself settles (exit 0), so that every
# failure below is the proposal's. Then for each case, run from inside the
# corpus directory with stdin from /dev/null: exit status exactly 2, first
# stderr line equal to the .expect file, nothing on stdout, and with
# -o D/out.txt --frontier-out D/frontier.csv nothing left in D afterwards.
# Prints one line per failing case, then "N passed, M failed".
MIN_CASES=12
TIME_LIMIT=60   # seconds per command, when timeout(1) is available
[ "$#" -eq 3 ] || { echo "usage: sh run.sh PARLEY_BIN SOURCE_DIR BUILD_DIR" >&2; exit 2; }
bin=$1
build=$3
case $bin in /*) ;; */*) bin=$(pwd)/$bin ;; *) bin=$(command -v "$bin" || echo "$bin") ;; esac
case $build in /*) ;; *) build=$(pwd)/$build ;; esac
dir=$2/tests/bad/proposal
[ -x "$bin" ] || { echo "run.sh: $1 is not an executable" >&2; exit 1; }
mkdir -p "$build" || exit 1
tmp=$(mktemp -d "$build/badproposal.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
limit=
command -v timeout >/dev/null 2>&1 && limit="timeout $TIME_LIMIT"
cd "$dir" || exit 1

pass=0
fail=0
cases=0

# The scenario on its own must be fine.
$limit "$bin" settle scenario.yaml </dev/null >"$tmp/out" 2>"$tmp/err"
st=$?
if [ "$st" -ne 0 ]; then
    echo "FAIL scenario.yaml: parley settle scenario.yaml exits $st: $(head -n1 "$tmp/err")"
    fail=$((fail + 1))
fi

for expect in *.expect; do
    [ -e "$expect" ] || continue
    cases=$((cases + 1))
    name=${expect%.expect}
    if [ -e "$name.yaml" ] && [ -e "$name.json" ]; then
        echo "FAIL $name: both $name.yaml and $name.json exist; expected one input"
        fail=$((fail + 1))
        continue
    elif [ -e "$name.yaml" ]; then
        f=$name.yaml
    elif [ -e "$name.json" ]; then
        f=$name.json
    else
        echo "FAIL $name: no input file $name.yaml or $name.json"
        fail=$((fail + 1))
        continue
    fi
    if [ "$(wc -l <"$expect" | tr -d ' ')" != 1 ] || [ "$(sed -n '$=' "$expect")" != 1 ]; then
        echo "FAIL $f: $expect must hold exactly one line ending in a newline"
        fail=$((fail + 1))
        continue
    fi
    want=$(sed -n 1p "$expect")
    $limit "$bin" settle scenario.yaml --proposal "$f" </dev/null >"$tmp/out" 2>"$tmp/err"
    st=$?
    got=$(sed -n 1p "$tmp/err")
    mkdir "$tmp/o" || exit 1
    $limit "$bin" settle scenario.yaml --proposal "$f" -o "$tmp/o/out.txt" \
        --frontier-out "$tmp/o/frontier.csv" </dev/null >/dev/null 2>"$tmp/err2"
    st2=$?
    left=$(ls -A "$tmp/o" | tr '\n' ' ')
    rm -rf "$tmp/o"
    if [ "$st" -eq 2 ] && [ "$got" = "$want" ] && [ ! -s "$tmp/out" ] && [ "$st2" -eq 2 ] &&
       [ -z "$left" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $f: exit $st, stderr: $got"
        echo "     expected: exit 2, $want"
        [ -s "$tmp/out" ] && echo "     wrote to stdout: $(head -n1 "$tmp/out")"
        [ "$st2" -ne 2 ] && echo "     with -o: exit $st2 ($(head -n1 "$tmp/err2"))"
        [ -n "$left" ] && echo "     with -o: left behind: ${left% }"
    fi
done
if [ "$cases" -lt "$MIN_CASES" ]; then
    echo "FAIL: only $cases cases in $dir; expected at least $MIN_CASES"
    fail=$((fail + 1))
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
