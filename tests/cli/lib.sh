# SPDX-License-Identifier: MIT
# Shared helpers for the CLI tests (sourced). Each test script is called as
#   sh SCRIPT PARLEY_BIN SOURCE_DIR BUILD_DIR [extra...]
PARLEY=$1
SRC=$2
BLD=$3
pass=0
fail=0
TMP=$(mktemp -d "${BLD:-/tmp}/clitest.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect_status WANT DESCRIPTION -- command...
expect_status() {
  want=$1; what=$2; shift 3
  "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
  got=$?
  if [ "$got" -eq "$want" ]; then ok; else bad "$what: exit $got, expected $want"; sed 's/^/  | /' "$TMP/err" | head -5; fi
}

# expect_grep FILE PATTERN DESCRIPTION
expect_grep() {
  if grep -q -- "$2" "$1"; then ok; else bad "$3: no '$2' in output"; head -5 "$1" | sed 's/^/  | /'; fi
}

# expect_error MESSAGE -- command...: exit 2 and exactly this first stderr line
expect_error() {
  msg=$1; shift 2
  "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
  got=$?
  line=$(head -n1 "$TMP/err")
  if [ "$got" -eq 2 ] && [ "$line" = "$msg" ]; then ok; else
    bad "exit $got, first stderr line: $line"; echo "  expected: $msg"; fi
}

# need_jq: skip the whole script (CTest's 77) when jq is not installed
need_jq() {
  command -v jq >/dev/null 2>&1 || { echo "SKIP: jq is not installed (scripts/deps.sh check installs it)"; exit 77; }
}

# jqe FILTER: the last command's stdout (JSON) satisfies the jq filter
jqe() { jq -e "$1" "$TMP/out" >/dev/null && ok || bad "jq: $1"; }

finish() {
  echo "$pass passed, $fail failed"
  [ "$fail" -eq 0 ]
  exit $?
}
