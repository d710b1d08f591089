#!/bin/sh
# SPDX-License-Identifier: MIT
# The claims table of docs/case-study.md, from `parley claims` (200 draws, seed 1): verdicts,
# margins (value against threshold), the nearest break-even, labels and robustness.
#   scripts/case-study-table.sh PARLEY            print the table
#   scripts/case-study-table.sh PARLEY --check    exit 1 if docs/case-study.md has drifted
#   scripts/case-study-table.sh PARLEY --update   rewrite the table in docs/case-study.md
# The table sits between the lines <!-- claims-table --> and <!-- /claims-table -->.
set -eu
parley=$1
doc=$(dirname "$0")/../docs/case-study.md
table() {
  "$parley" claims --draws 200 --seed 1 --threads 2 --format json | jq -r '
    def num: if . == null then "–" else (. * 1000 | round / 1000 | tostring) end;
    "| claim | verdict | the number it turns on | threshold | nearest flip (one input alone) | label | holds in (200 draws) |",
    "|---|---|---|---|---|---|---|",
    (.claims.checks[] | "| `\(.claim)` | \(.status) | \(.value | num) | \(.threshold | num) | \(.breakeven // "–") | \(if .label == "" or .label == null then "–" else .label end) | \(if .holds_share == null then "–" else ((.holds_share * 1000 | round / 10 | tostring) + "%") end) |")'
}
current() { sed -n '/^<!-- claims-table -->$/,/^<!-- \/claims-table -->$/p' "$doc" | sed '1d;$d'; }
case "${2:-}" in
  --check)
    if [ "$(table)" = "$(current)" ]; then exit 0; fi
    echo "docs/case-study.md: the claims table differs from parley claims' output; now:" >&2
    table >&2
    echo "run: scripts/case-study-table.sh PARLEY --update" >&2
    exit 1 ;;
  --update)
    t=$(mktemp); table >"$t"
    awk -v tf="$t" '/^<!-- claims-table -->$/ {print; while ((getline l < tf) > 0) print l; skip=1; next}
                    /^<!-- \/claims-table -->$/ {skip=0} !skip' "$doc" >"$doc.new" && mv "$doc.new" "$doc"
    rm -f "$t" ;;
  *) table ;;
esac
