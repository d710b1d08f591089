#!/bin/sh
# SPDX-License-Identifier: MIT
# Inputs: every FILE is read once, at most --max-input MiB, "-" is standard
# input, and the format is recognised from the bytes (parley/input.h).
. "$(dirname "$0")/lib.sh"
P=$PARLEY
S=$SRC/scenarios/ukraine-2025.yaml
SEEDS=$SRC/fuzz/seeds
LIMIT="timeout 10"
SLOW="timeout 60"  # reading the default 256 MiB takes seconds under the sanitizers
command -v timeout >/dev/null 2>&1 || { LIMIT=; SLOW=; }

# run_in INPUT DESCRIPTION -- command...: exit 0 with INPUT on standard input
run_in() {
  input=$1; what=$2; shift 3
  $LIMIT "$@" <"$input" >"$TMP/out" 2>"$TMP/err"
  got=$?
  if [ "$got" -eq 0 ]; then ok; else bad "$what: exit $got"; sed 's/^/  | /' "$TMP/err" | head -5; fi
}
# same_out FILE DESCRIPTION: the last command's stdout equals FILE
same_out() { cmp -s "$TMP/out" "$1" && ok || bad "$2: output differs"; }

# ---- standard input: "-" and /dev/stdin, YAML and an importer's format ----------
"$P" analyze "$S" -f json >"$TMP/want.json" 2>/dev/null
run_in "$S" "analyze - (YAML)" -- "$P" analyze - -f json
same_out "$TMP/want.json" "analyze - (YAML)"
run_in "$S" "analyze /dev/stdin (YAML)" -- "$P" analyze /dev/stdin -f json
same_out "$TMP/want.json" "analyze /dev/stdin (YAML)"
run_in "$S" "validate -" -- "$P" validate -
expect_grep "$TMP/err" "^<stdin>: ok (9 actors" "validate - names <stdin>"
"$P" import --from ktab "$SEEDS/synthetic.ktab.txt" >"$TMP/want.yaml" 2>/dev/null
run_in "$SEEDS/synthetic.ktab.txt" "import - (KTAB CSV)" -- "$P" import -
# the same but for the input's name, kept as its source
sed "s|<stdin>|$SEEDS/synthetic.ktab.txt|" "$TMP/out" >"$TMP/got.yaml"
cmp -s "$TMP/got.yaml" "$TMP/want.yaml" && ok || bad "import - differs from import FILE"
expect_grep "$TMP/err" "^parley: importing <stdin> as KTAB CSV (recognised from its contents)$" "import - names the format"
run_in "$SEEDS/synthetic.decide.txt" "forecast /dev/stdin (Decide)" -- "$P" forecast /dev/stdin --model mean -f csv
"$P" forecast "$SEEDS/synthetic.decide.txt" --model mean -f csv >"$TMP/want.csv" 2>/dev/null
same_out "$TMP/want.csv" "forecast /dev/stdin (Decide)"
run_in "$S" "settle - -q" -- "$P" settle - -q
[ -s "$TMP/err" ] && bad "settle - -q wrote to stderr: $(head -n1 "$TMP/err")" || ok
# standard input can be read once
expect_error "parley: '-' (standard input) is given 2 times; expected it for one input only, since standard input can be read once" -- "$P" settle - --proposal -
# --claims and --proposal read "-" too
printf 'TERR: 50\nNATO: 50\nGUAR: 50\nARMY: 50\nSEQ: 50\nPAY: 50\n' >"$TMP/prop.yaml"
"$P" settle --proposal "$TMP/prop.yaml" -f json >"$TMP/want.json" 2>/dev/null
run_in "$TMP/prop.yaml" "settle --proposal -" -- "$P" settle --proposal - -f json
same_out "$TMP/want.json" "settle --proposal -"

# ---- a FIFO without an extension, written in the background: read once, no hang ----
if mkfifo "$TMP/fifo" 2>/dev/null; then
  cat "$S" >"$TMP/fifo" &
  expect_status 0 "validate FIFO" -- $LIMIT "$P" validate "$TMP/fifo"
  expect_grep "$TMP/err" "fifo: ok (9 actors" "FIFO read as YAML"
  wait
  cat "$SEEDS/synthetic.deu.txt" >"$TMP/fifo" &
  expect_status 0 "import FIFO (DEU)" -- $LIMIT "$P" import -q "$TMP/fifo"
  expect_grep "$TMP/out" "^parley: 1" "FIFO imported"
  wait
else
  echo "SKIP: mkfifo failed; FIFO not tested"
fi

# ---- the limit ------------------------------------------------------------------
expect_error "/dev/zero: larger than the input limit of 16 MiB; expected a smaller input or a higher limit (--max-input MIB, or PARLEY_MAX_INPUT=MIB in the environment)" -- $LIMIT "$P" validate --max-input 16 /dev/zero
expect_error "/dev/zero: larger than the input limit of 1 MiB; expected a smaller input or a higher limit (--max-input MIB, or PARLEY_MAX_INPUT=MIB in the environment)" -- $LIMIT "$P" import --max-input 1 /dev/zero
expect_error "/dev/zero: larger than the input limit of 256 MiB; expected a smaller input or a higher limit (--max-input MIB, or PARLEY_MAX_INPUT=MIB in the environment)" -- $SLOW "$P" validate /dev/zero
# a regular file just above 1 MiB is refused before it is read; 1 MiB itself is read
cp "$S" "$TMP/big.yaml"
head -c $((1048576 - $(wc -c <"$S"))) /dev/zero | tr '\0' '#' >>"$TMP/big.yaml"
[ "$(wc -c <"$TMP/big.yaml")" -eq 1048576 ] && ok || bad "big.yaml is $(wc -c <"$TMP/big.yaml") bytes"
expect_status 0 "1 MiB with --max-input 1" -- "$P" validate --max-input 1 "$TMP/big.yaml"
printf '#' >>"$TMP/big.yaml"
expect_error "$TMP/big.yaml: larger than the input limit of 1 MiB; expected a smaller input or a higher limit (--max-input MIB, or PARLEY_MAX_INPUT=MIB in the environment)" -- "$P" validate --max-input 1 "$TMP/big.yaml"
expect_status 0 "--max-input 2" -- "$P" validate --max-input 2 "$TMP/big.yaml"
expect_status 2 "PARLEY_MAX_INPUT=1" -- env PARLEY_MAX_INPUT=1 "$P" validate "$TMP/big.yaml"
expect_grep "$TMP/err" "larger than the input limit of 1 MiB" "PARLEY_MAX_INPUT sets the limit"
expect_status 0 "--max-input wins over PARLEY_MAX_INPUT" -- env PARLEY_MAX_INPUT=1 "$P" validate --max-input 3 "$TMP/big.yaml"
# a sparse file of 3 GiB is refused at once, without reading it
if dd if=/dev/null of="$TMP/sparse" bs=1 count=0 seek=3G 2>/dev/null; then
  expect_error "$TMP/sparse: larger than the input limit of 256 MiB; expected a smaller input or a higher limit (--max-input MIB, or PARLEY_MAX_INPUT=MIB in the environment)" -- $LIMIT "$P" analyze "$TMP/sparse"
fi
expect_error "parley: --max-input 0: expected the largest input in MiB, a whole number from 1 to 2047 (default 256)" -- "$P" validate --max-input 0
expect_error "parley: PARLEY_MAX_INPUT=lots: expected the largest input in MiB, a whole number from 1 to 2047 (default 256)" -- env PARLEY_MAX_INPUT=lots "$P" validate "$S"

# ---- formats recognised from the bytes ----------------------------------------------
# detects FILE TITLE: `import FILE` (no --from) names TITLE on stderr first
detects() {
  "$P" import "$1" >/dev/null 2>"$TMP/err" </dev/null
  line=$(head -n1 "$TMP/err")
  [ "$line" = "parley: importing $1 as $2 (recognised from its contents)" ] && ok ||
    bad "$1: expected it read as $2, got: $line"
}
for f in deu decide ktab; do
  s=$SEEDS/synthetic.$f.txt
  detects "$s" "$(case $f in deu) echo "a DEU table" ;; decide) echo "Decide CSV" ;; ktab) echo "KTAB CSV" ;; esac)"
  "$P" import "$s" >"$TMP/auto.yaml" 2>/dev/null
  "$P" import --from "$f" "$s" >"$TMP/from.yaml" 2>/dev/null
  cmp -s "$TMP/auto.yaml" "$TMP/from.yaml" && ok || bad "$s: import differs from import --from $f"
done
detects "$SEEDS/synthetic.ktab.xml" "KTAB XML"
# the bad-input corpora: each file is recognised as its corpus's format before the
# importer finds its fault (an empty file and binary garbage are no format at all)
for f in "$SRC"/tests/bad/import/*.txt; do
  case $f in
    *-empty.*|*binary-garbage*) continue ;;
    *.deu.txt) detects "$f" "a DEU table" ;;
    *.decide.txt) detects "$f" "Decide CSV" ;;
    *.ktab.txt) detects "$f" "KTAB CSV" ;;
  esac
done
for f in "$SRC"/tests/bad/ktabxml/*.xml; do
  case $f in *root-wrong*|*root-genius*) continue ;; esac
  detects "$f" "KTAB XML"
done
for d in "$SRC"/tests/bad/genius/*/; do
  set -- "$d"*
  case $d in */other-root/) continue ;; esac
  "$P" import "$@" >/dev/null 2>"$TMP/err" </dev/null
  expect_grep "$TMP/err" "^parley: importing $1 and $(($# - 1)) more files as GENIUS XML" "GENIUS $d"
done
# scenarios: YAML and JSON, by name and, on standard input, by their bytes
for f in "$SRC"/tests/bad/*.json; do
  expect_error "parley: $f is already a parley scenario (JSON); expected another tool's file to import (a DEU table, Decide CSV, KTAB CSV or XML, or GENIUS XML)" -- "$P" import "$f"
done
expect_error "parley: $S is already a parley scenario (YAML); expected another tool's file to import (a DEU table, Decide CSV, KTAB CSV or XML, or GENIUS XML)" -- "$P" import "$S"
"$P" import - <"$S" >/dev/null 2>"$TMP/err"
expect_grep "$TMP/err" "^parley: <stdin> is already a parley scenario (YAML)" "YAML on stdin"
cat >"$TMP/s.json" <<'EOF'
{"parley": 1, "name": "j",
 "actors": [{"id": "A", "capability": 1}, {"id": "B", "capability": 2}],
 "issues": [{"id": "X", "scale": {"0": "no", "100": "yes"}}],
 "positions": {"A": {"X": {"position": 0, "salience": 1}},
               "B": {"X": {"position": 100, "salience": 1}}}}
EOF
"$P" import - <"$TMP/s.json" >/dev/null 2>"$TMP/err"
expect_grep "$TMP/err" "^parley: <stdin> is already a parley scenario (JSON)" "JSON on stdin"
run_in "$TMP/s.json" "forecast - (JSON)" -- "$P" forecast - --model mean -f csv
expect_grep "$TMP/out" "^X,mean,66.6" "JSON on stdin forecast"
# --from on scenario and power, as import --help promises
expect_status 0 "scenario --from ktab" -- "$P" scenario --from ktab "$SEEDS/synthetic.ktab.txt" -f json
expect_grep "$TMP/out" '"name": "Synthetic"' "scenario --from describes the import"
expect_error "parley: scenario decide has no bodies; expected a \`bodies:\` section or an ad-hoc game (--weights W,... --quota Q)" -- "$P" power -q --from decide "$SEEDS/synthetic.decide.txt"
# not formats: text of no format, XML of another kind; --from yaml is not an importer
printf 'hello\n' >"$TMP/hello.txt"
expect_error "$TMP/hello.txt: the format is not one parley recognises; expected a DEU table, Decide CSV, KTAB CSV or XML, or GENIUS XML (or name it with --from FORMAT)" -- "$P" import "$TMP/hello.txt"
expect_error "parley: --from yaml: not a format parley imports; expected deu, decide, ktab or genius" -- "$P" import --from yaml "$S"
# text of no format is read as YAML by the other commands, as before
expect_error "<stdin>:1:1: the file is empty; expected a parley scenario (a mapping starting 'parley: 1')" -- "$P" analyze -
finish
