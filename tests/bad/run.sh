#!/bin/sh
# SPDX-License-Identifier: MIT
# The bad-input corpus: every tests/bad/NAME.expect holds the exact first
# line that `parley validate NAME.yaml` (or NAME.json) must print on stderr.
#
#   sh tests/bad/run.sh PARLEY_BIN SOURCE_DIR BUILD_DIR
#
# For each case, run from inside SOURCE_DIR/tests/bad with stdin from /dev/null:
#   parley validate NAME.ext      exit status exactly 2, first stderr line equal
#                                 to NAME.expect, nothing on stdout;
#   parley analyze NAME.ext -o D/out.txt
#                                 exit status exactly 2, and D (a fresh directory
#                                 under BUILD_DIR) still empty afterwards: no
#                                 output file, no leftover temporary.
# Under ASan/UBSan a crash or a leak changes the exit status, which the failure
# line reports. Prints one line per failing case, then "N passed, M failed".
# Exits 1 if a case failed or there are fewer than MIN_CASES cases, else 0.

MIN_CASES=40
TIME_LIMIT=60   # seconds per command, when timeout(1) is available

if [ "$#" -ne 3 ]; then
    echo "usage: sh run.sh PARLEY_BIN SOURCE_DIR BUILD_DIR" >&2
    exit 2
fi
bin=$1
src=$2
build=$3

# Absolute paths: the commands run from inside the corpus directory.
case $bin in
    /*) ;;
    */*) bin=$(pwd)/$bin ;;
    *) bin=$(command -v "$bin" || echo "$bin") ;;
esac
case $build in
    /*) ;;
    *) build=$(pwd)/$build ;;
esac
dir=$src/tests/bad
if [ ! -x "$bin" ]; then
    echo "run.sh: $1 is not an executable" >&2
    exit 1
fi
if [ ! -d "$dir" ]; then
    echo "run.sh: no directory $dir" >&2
    exit 1
fi
mkdir -p "$build" || exit 1

work=$build/bad-corpus.$$
rm -rf "$work"
mkdir "$work" || exit 1
trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM

limit=
if command -v timeout >/dev/null 2>&1; then
    limit="timeout $TIME_LIMIT"
fi

# status_text STATUS: the status, named when it is not an ordinary exit.
status_text() {
    if [ -n "$limit" ] && [ "$1" -eq 124 ]; then
        echo "124 (timed out after ${TIME_LIMIT}s)"
    elif [ "$1" -gt 128 ] && [ "$1" -lt 160 ]; then
        echo "$1 (killed by signal $(($1 - 128)))"
    else
        echo "$1"
    fi
}

passed=0
failed=0
cases=0

for expect in "$dir"/*.expect; do
    [ -e "$expect" ] || continue
    cases=$((cases + 1))
    name=$(basename "$expect" .expect)
    problems=

    if [ -e "$dir/$name.yaml" ] && [ -e "$dir/$name.json" ]; then
        echo "FAIL $name: both $name.yaml and $name.json exist; expected one input"
        failed=$((failed + 1))
        continue
    elif [ -e "$dir/$name.yaml" ]; then
        input=$name.yaml
    elif [ -e "$dir/$name.json" ]; then
        input=$name.json
    else
        echo "FAIL $name: no input file $name.yaml or $name.json"
        failed=$((failed + 1))
        continue
    fi

    # The .expect must be exactly one newline-terminated line.
    newlines=$(wc -l <"$expect" | tr -d ' ')
    lines=$(sed -n '$=' "$expect")
    if [ "$newlines" != 1 ] || [ "$lines" != 1 ]; then
        echo "FAIL $input: $name.expect must hold exactly one line ending in a newline"
        failed=$((failed + 1))
        continue
    fi
    want=$(sed -n 1p "$expect")

    # validate
    (cd "$dir" && $limit "$bin" validate "$input") \
        <"/dev/null" >"$work/stdout" 2>"$work/stderr"
    status=$?
    got=$(sed -n 1p "$work/stderr")
    if [ "$status" -ne 2 ] || [ "$got" != "$want" ]; then
        problems="$problems; validate: expected status 2 and '$want', got status $(status_text "$status") and '$got'"
    fi
    if [ -s "$work/stdout" ]; then
        problems="$problems; validate wrote to stdout: '$(sed -n 1p "$work/stdout")'"
    fi

    # analyze -o into a fresh, empty directory
    out=$work/$name
    mkdir "$out" || exit 1
    (cd "$dir" && $limit "$bin" analyze "$input" -o "$out/out.txt") \
        <"/dev/null" >"$work/stdout" 2>"$work/stderr"
    status=$?
    if [ "$status" -ne 2 ]; then
        problems="$problems; analyze -o: expected status 2, got $(status_text "$status") ('$(sed -n 1p "$work/stderr")')"
    fi
    # shellcheck disable=SC2012  # the names are ours: out.txt and its temporaries
    left=$(ls -A "$out" | tr '\n' ' ')
    if [ -n "$left" ]; then
        problems="$problems; analyze -o left files behind: ${left% }"
    fi
    rm -rf "$out"

    if [ -n "$problems" ]; then
        echo "FAIL $input: ${problems#; }"
        failed=$((failed + 1))
    else
        passed=$((passed + 1))
    fi
done

too_few=0
if [ "$cases" -lt "$MIN_CASES" ]; then
    echo "FAIL: only $cases cases in $dir; expected at least $MIN_CASES"
    too_few=1
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$too_few" -eq 0 ]
