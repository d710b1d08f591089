# SPDX-License-Identifier: MIT
# Shared by the bad-input corpora's run.sh (import, genius, proposal): the
# set-up and the check of one case. Source it, then:
#   bad_init PARLEY_BIN SOURCE_DIR BUILD_DIR SUBDIR   (cd's into tests/bad/SUBDIR)
#   bad_check NAME WANT OUTARGS ARGS...
#       runs parley ARGS with stdin from /dev/null and expects: exit status 2,
#       the first stderr line equal to WANT, nothing on stdout; then runs it
#       again with OUTARGS appended (D/ standing for an empty directory, e.g.
#       "-o D/out.yaml") and expects exit 2 and nothing left in that directory.
#   bad_args_cases "WORDS"  each NAME.expect of the folder with its NAME.args (the
#                           arguments, one a line, spaces kept) through bad_check
#                           as `parley WORDS ARGUMENTS` (WORDS split at spaces)
#   bad_finish MIN_CASES   prints "N passed, M failed"; fails on any failure
#                          or when fewer than MIN_CASES cases ran.
# Commands are limited to 60 s each when timeout(1) is available.

bad_init() {
    [ "$#" -eq 4 ] || { echo "usage: sh run.sh PARLEY_BIN SOURCE_DIR BUILD_DIR" >&2; exit 2; }
    bin=$1
    case $bin in /*) ;; */*) bin=$(pwd)/$bin ;; *) bin=$(command -v "$bin" || echo "$bin") ;; esac
    [ -x "$bin" ] || { echo "run.sh: $1 is not an executable" >&2; exit 1; }
    build=$3
    case $build in /*) ;; *) build=$(pwd)/$build ;; esac
    mkdir -p "$build" || exit 1
    tmp=$(mktemp -d "$build/bad$4.XXXXXX") || exit 1
    trap 'rm -rf "$tmp"' EXIT
    trap 'exit 1' HUP INT TERM
    limit=
    command -v timeout >/dev/null 2>&1 && limit="timeout 60"
    LC_ALL=C
    export LC_ALL
    pass=0
    fail=0
    cd "$2/tests/bad/$4" || exit 1
}

bad_check() {
    name=$1
    want=$2
    outargs=$3
    shift 3
    $limit "$bin" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
    st=$?
    got=$(sed -n 1p "$tmp/err")
    mkdir "$tmp/o" || exit 1
    # shellcheck disable=SC2046 # OUTARGS is split into words on purpose
    $limit "$bin" "$@" $(printf '%s\n' "$outargs" | sed "s|D/|$tmp/o/|g") \
        </dev/null >/dev/null 2>"$tmp/err2"
    st2=$?
    left=$(ls -A "$tmp/o" | tr '\n' ' ')
    rm -rf "$tmp/o"
    if [ "$st" -eq 2 ] && [ "$got" = "$want" ] && [ ! -s "$tmp/out" ] && [ "$st2" -eq 2 ] &&
       [ -z "$left" ]; then
        pass=$((pass + 1))
        return 0
    fi
    fail=$((fail + 1))
    echo "FAIL $name: exit $st, stderr: $got"
    echo "     expected: exit 2, $want"
    [ -s "$tmp/out" ] && echo "     wrote to stdout: $(head -n1 "$tmp/out")"
    [ "$st2" -ne 2 ] && echo "     with $outargs: exit $st2 ($(head -n1 "$tmp/err2"))"
    [ -n "$left" ] && echo "     with $outargs: left behind: ${left% }"
    return 1
}

# bad_good ARGS...: the corpus's good input must pass: `parley ARGS` exits 0, else a
# failure is counted (so that every failure of the cases is theirs, not the input's).
bad_good() {
    $limit "$bin" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
    st=$?
    if [ "$st" -ne 0 ]; then
        echo "FAIL parley $* exits $st: $(head -n1 "$tmp/err")"
        fail=$((fail + 1))
    fi
}

bad_args_cases() {
    prefix=$1
    nl='
'
    for expect in *.expect; do
        [ -e "$expect" ] || continue
        name=${expect%.expect}
        if [ ! -e "$name.args" ]; then
            echo "FAIL $name: no $name.args"
            fail=$((fail + 1))
            continue
        fi
        old_ifs=$IFS
        IFS=$nl
        # shellcheck disable=SC2046 # split on newlines only, on purpose
        set -- $(cat "$name.args")
        IFS=$old_ifs
        # shellcheck disable=SC2086 # the command's words, split on purpose
        bad_check "$name" "$(cat "$expect")" "-o D/out.txt" $prefix "$@"
    done
}

bad_finish() {
    if [ $((pass + fail)) -lt "$1" ]; then
        echo "FAIL: only $((pass + fail)) cases; expected at least $1"
        fail=$((fail + 1))
    fi
    echo "$pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
