#!/bin/sh
# SPDX-License-Identifier: MIT
# Fill docs/api.md's examples from a real run: start `parley serve` on the built-in scenario,
# send each example's request with curl, and write the request and the answer (long arrays
# and texts cut, with "…") between the <!-- example NAME --> and <!-- /example --> markers.
#   sh scripts/api-doc.sh PATH/TO/parley
set -eu
P=${1:?usage: $0 PATH/TO/parley}
root=$(cd "$(dirname "$0")/.." && pwd)
doc="$root/docs/api.md"
T=$(mktemp -d); trap 'kill $SPID 2>/dev/null || true; rm -rf "$T"' EXIT
"$P" serve --port 0 >"$T/out" 2>"$T/err" &
SPID=$!
i=0
while [ $i -lt 100 ] && ! grep -q http "$T/out"; do sleep 0.1; i=$((i + 1)); done
URL=$(sed -n 's/^parley serve: \(http:[^ ]*\).*/\1/p' "$T/out")
# cut: arrays to their first 2 items, objects to their first 6 members, strings to 100
# characters, nothing below depth 5
CUT='def cut(d): if (type == "array" or type == "object") and d > 4 then "…"
            elif type == "array" then (if length > 2 then (.[:2] | map(cut(d + 1))) + ["…"] else map(cut(d + 1)) end)
            elif type == "object" then (to_entries | (if length > 6 then .[:6] + [{key: "…", value: "…"}] else . end)
                                       | map(.value |= cut(d + 1)) | from_entries)
            elif type == "string" and length > 100 then .[:100] + "…" else . end; cut(0)'
# ex NAME METHOD PATH [BODY]: the example NAME's text into $T/NAME
ex() {
  name=$1 method=$2 path=$3
  { echo '```sh'
    if [ $# -ge 4 ]; then echo "curl -s -X $method http://127.0.0.1:8080$path -d '$4'"
    else echo "curl -s -X $method http://127.0.0.1:8080$path"; fi
    echo '```'
    echo '```'
    if [ $# -ge 4 ]; then
      curl -s -i -X "$method" --data-binary "$4" "${URL}${path#/}" >"$T/resp"
    else
      curl -s -i -X "$method" "${URL}${path#/}" >"$T/resp"
    fi
    sed -n '1p' "$T/resp" | tr -d '\r'
    grep -i '^content-type\|^content-disposition\|^allow' "$T/resp" | tr -d '\r'
    echo
    sed '1,/^\r$/d' "$T/resp" >"$T/body"
    if jq -e . "$T/body" >/dev/null 2>&1; then jq "$CUT" "$T/body"; else head -c 600 "$T/body"; echo; echo "…"; fi
    echo '```'; } >"$T/ex.$name"
}
ex index GET /api
ex scenario GET /api/scenario
ex validate POST /api/validate '{"set": [["positions.RUS.TERR.salience", "0.32"], ["actors.EUR.at_table", false]]}'
ex validate-error POST /api/validate '{"set": [["positions.RUS.TERR.salience", 1.7]]}'
ex run POST /api/run '{"set": [["positions.RUS.TERR.salience", "0.22"]], "analyses": ["forecast", "settle"]}'
ex run-bad-json POST /api/run '{"set": [["positions.RUS.TERR.salience", 0.22]'
ex charts POST /api/chart/issue-TERR '{"set": [["positions.RUS.TERR.salience", "0.22"]]}'
ex yaml POST /api/yaml '{"set": [["positions.RUS.TERR.salience", "0.32"], ["actors.EUR.risk", 0.5]]}'
# the stress job: start, then the state when done
ex stress POST /api/stress '{"options": {"draws": 100, "seed": 1}}'
job=$(jq -r .job "$T/body")
i=0
while [ $i -lt 600 ] && curl -s "${URL}api/stress/$job" | jq -e '.state == "running"' >/dev/null; do
  sleep 0.1; i=$((i + 1)); done
mv "$T/ex.stress" "$T/ex.stress0"
ex stress GET "/api/stress/$job"
cat "$T/ex.stress0" >"$T/ex.stress1"; echo >>"$T/ex.stress1"; cat "$T/ex.stress" >>"$T/ex.stress1"
mv "$T/ex.stress1" "$T/ex.stress"
sed -i "s|http://127.0.0.1:8080/api/stress/$job|http://127.0.0.1:8080/api/stress/ID|" "$T/ex.stress" 2>/dev/null || true
# splice each example between its markers
awk -v dir="$T" '
  /^<!-- example [a-z-]+ -->$/ { print; name = $3; while ((getline line < (dir "/ex." name)) > 0) print line; skip = 1; next }
  /^<!-- \/example -->$/ { skip = 0 }
  !skip { print }' "$doc" >"$T/api.md"
mv "$T/api.md" "$doc"
echo "api-doc: $doc updated from $URL"
