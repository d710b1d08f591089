#!/bin/sh
# SPDX-License-Identifier: MIT
# Print a SHA-256 of every command's output on the built-in scenario and the
# repository's samples, one line per command. Run it with two builds' parley
# before and after a change that must not change any output, then diff:
#   scripts/output-hashes.sh build/cli/parley > before.txt
# Commands that need ../shared are included when it is there.
set -u
P=${1:?usage: $0 PATH/TO/parley}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SH="$ROOT/../shared/data"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
run() { # name, then the command's arguments
  name=$1; shift
  "$P" "$@" >"$T/out" 2>"$T/err"; rc=$?
  printf '%s rc=%s out=%s err=%s\n' "$name" "$rc" \
    "$(sha256sum <"$T/out" | cut -c1-16)" "$(sha256sum <"$T/err" | cut -c1-16)"
}
for f in text json csv; do
  run "analyze.$f" analyze -f $f
  run "forecast.$f" forecast -f $f --model mean,median,nbs,eum,exchange,smp --trajectory --moves --exchanges
  run "settle.$f" settle -f $f
  run "power.$f" power -f $f
  run "durability.$f" durability -f $f
  run "bargain.$f" bargain --builtin -f $f
  run "stress.$f" stress -n 64 -f $f
  run "claims.$f" claims -n 32 -f $f
  run "scenario.$f" scenario -f $f
done
run scenario.yaml scenario
run validate validate "$ROOT/scenarios/ukraine-2025.yaml"
run power.adhoc power --weights 3,2,1x4 --quota 2/3 --veto 1
run bargain.pie bargain --delta 0.5,0.9 --outside 0.4,0
run report report -n 16
mkdir "$T/svg"; "$P" report -n 16 --svg-dir "$T/svg" >/dev/null 2>&1
printf 'report.svg %s\n' "$(cd "$T/svg" && cat $(ls) | sha256sum | cut -c1-16)"
for s in "$ROOT"/fuzz/seeds/synthetic.*; do
  fmt=$(basename "$s" | cut -d. -f2)
  run "import.$(basename "$s")" import --from "$fmt" "$s"
done
if [ -d "$SH" ]; then
  run import.decide import --from decide "$SH/decide/sample_data.txt"
  run import.ktab import --from ktab "$SH/ktab/dummyData_3Dim.csv"
  run import.ktabxml import --from ktab "$SH/ktab/dummyData_3Dim.xml"
  run evaluate.deu3 evaluate --from deu "$ROOT/../shared/deu3/deu3.csv" --resamples 50
  G="$SH/genius/anac/y2010/EnglandZimbabwe"
  run settle.genius settle --from genius "$G/EnglandZimbabwe_domain.xml" "$G/England.xml" "$G/Zimbabwe.xml"
fi
