#!/bin/sh
# SPDX-License-Identifier: MIT
# parley serve (issue 22), as a user's curl sees it: every endpoint of docs/api.md, the
# errors (bad JSON, wrong types, unknown paths, actors and issues, values off the scale,
# oversize bodies, 404, 405, 409), a request answered while a stress job runs, and the
# documents of /api/run equal to the CLI's `-f json` for the same --set. The server runs
# from the suite's build, so under ASan/UBSan in make check; it must keep serving after
# every error and stop cleanly on SIGTERM.
. "$(dirname "$0")/lib.sh"
P=$PARLEY
need_jq
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl is not installed (scripts/deps.sh check)"; exit 77; }

# start ARGS...: a server on a free port; URL is its address
start() {
  # emptied here, not only by the background job's redirection: the loop below could read a
  # previous server's URL before that job truncates the file (the flake seen three times)
  : >"$TMP/serve.out"; : >"$TMP/serve.err"
  "$P" serve --port 0 "$@" >"$TMP/serve.out" 2>"$TMP/serve.err" &
  SPID=$!
  trap 'kill $SPID 2>/dev/null || true; rm -rf "$TMP"' EXIT  # no server left behind a failed run
  i=0  # up to 60 s: a deadline for a loaded machine under the sanitizers, not a timing
  while [ $i -lt 600 ] && ! grep -q '^parley serve: http' "$TMP/serve.out" 2>/dev/null; do
    kill -0 $SPID 2>/dev/null || break
    sleep 0.1; i=$((i + 1))
  done
  URL=$(sed -n 's/^parley serve: \(http:[^ ]*\).*/\1/p' "$TMP/serve.out")
  if [ -z "$URL" ]; then
    if grep -q 'without libmicrohttpd' "$TMP/serve.err"; then
      echo "SKIP: parley was built without libmicrohttpd"; exit 77; fi
    if kill -0 $SPID 2>/dev/null; then how="still running after $((i / 10)) s"
    else wait $SPID; how="exited with status $? after $((i / 10)) s"; fi
    bad "serve $* did not print its URL ($how); its stdout and stderr follow"
    sed 's/^/  out| /' "$TMP/serve.out"; sed 's/^/  err| /' "$TMP/serve.err"; finish
  fi
}
stop() {
  kill -TERM $SPID; wait $SPID; st=$?
  [ $st -eq 0 ] && ok || bad "serve exited $st on SIGTERM"
  expect_grep "$TMP/serve.err" "stopped (SIGTERM)" "serve says it stopped"
  if grep -q 'ERROR: AddressSanitizer\|runtime error' "$TMP/serve.err"; then
    bad "sanitizer report"; head -20 "$TMP/serve.err"; else ok; fi
}
# req METHOD PATH [BODY]: the answer in $TMP/out, its status in $CODE, headers in $TMP/head
req() {
  if [ $# -ge 3 ]; then
    CODE=$(printf '%s' "$3" | curl -s -o "$TMP/out" -D "$TMP/head" -w '%{http_code}' \
           -X "$1" --data-binary @- "$URL${2#/}")
  else
    CODE=$(curl -s -o "$TMP/out" -D "$TMP/head" -w '%{http_code}' -X "$1" "$URL${2#/}")
  fi
}
# wait_job TENTHS: GET /api/stress/$JOB until it is not running, at most TENTHS/10 s
wait_job() {
  i=0
  while [ $i -lt "$1" ]; do
    req GET "/api/stress/$JOB"
    jq -e '.state != "running"' "$TMP/out" >/dev/null && break
    sleep 0.1; i=$((i + 1))
  done
}
# status WANT WHAT: the last answer had that status
status() { [ "$CODE" = "$1" ] && ok || { bad "$2: HTTP $CODE, expected $1"; head -c 300 "$TMP/out"; echo; }; }
# err WANT WHAT JQ: an error answer with that status whose error satisfies JQ
err() { status "$1" "$2"; jqe ".ok == false and .error.status == $1"; [ -z "${3:-}" ] || jqe "$3"; }

start
expect_grep "$TMP/serve.out" "^parley serve: http://127.0.0.1:[0-9]*/" "loopback URL"

# ---- the page and the index ----
req GET /
status 200 "the page"
expect_grep "$TMP/head" "Content-Type: text/html" "page type"
expect_grep "$TMP/head" "Content-Security-Policy: default-src 'self'" "no external requests"
expect_grep "$TMP/out" "<html" "the page is HTML"
req GET /api
status 200 "index"
jqe '[.endpoints[].path] | index("/api/run") != null'

# ---- the scenario ----
req GET /api/scenario
status 200 "scenario"
jqe '.name == "ukraine-2025" and (.text | startswith("# parley built-in"))'
jqe '[.variants[].name] == ["direct-dialogue", "us-re-engages", "no-army-cap"]'
jqe '.proposals == ["moscow-terms", "europe-kyiv", "istanbul-2022"] and (.charts | index("frontier") != null)'
"$P" scenario -f json >"$TMP/scenario.json"
jq -S .scenario "$TMP/out" | cmp -s - "$(jq -S . "$TMP/scenario.json" >"$TMP/s2"; echo "$TMP/s2")" &&
  ok || bad "/api/scenario's scenario differs from parley scenario -f json"

# ---- /api/run: the CLI's documents ----
SET1='positions.RUS.TERR.salience=0.22'
SET2='actors.EUR.at_table=false'
BODY='{"set": [["positions.RUS.TERR.salience", 0.22], ["actors.EUR.at_table", "false"]],
       "analyses": ["forecast", "settle", "power", "durability", "claims"], "options": {"draws": 20}}'
req POST /api/run "$BODY"
status 200 "run"
cp "$TMP/out" "$TMP/run.json"
for a in forecast settle power durability; do
  "$P" $a -f json --set "$SET1" --set "$SET2" | jq -S . >"$TMP/cli.$a"
  jq -S ".results.$a" "$TMP/run.json" | cmp -s - "$TMP/cli.$a" && ok ||
    bad "/api/run $a differs from parley $a -f json --set"
done
"$P" claims -f json -n 20 --set "$SET1" --set "$SET2" | jq -S . >"$TMP/cli.claims"
jq -S .results.claims "$TMP/run.json" | cmp -s - "$TMP/cli.claims" && ok ||
  bad "/api/run claims differs from parley claims -n 20 -f json --set"
jq -e '.ms.forecast >= 0 and .ms.settle >= 0' "$TMP/run.json" >/dev/null && ok || bad "ms"
# the change changes the answer: the settle document moves with Russia's salience
"$P" settle -f json | jq -S . >"$TMP/cli.settle0"
cmp -s "$TMP/cli.settle0" "$TMP/cli.settle" && bad "the change did not change settle" || ok
# the page's fast claims: no draws, no break-even search
req POST /api/run "{\"set\": [[\"positions.RUS.TERR.salience\", 0.22]], \"analyses\": [\"claims\"],
                   \"options\": {\"draws\": 0, \"breakeven\": false}}"
status 200 "claims without break-even"
"$P" claims -f json -n 0 --no-breakeven --set "$SET1" | jq -S . >"$TMP/cli.c0"
jq -S .results.claims "$TMP/out" | cmp -s - "$TMP/cli.c0" && ok ||
  bad "claims without break-even differs from parley claims -n 0 --no-breakeven"
req POST /api/run '{"options": {"breakeven": "no"}}'
err 400 "breakeven of the wrong type" '.error.message | test("true or false")'
# a variant and a proposal, as --variant and --proposal
req POST /api/run '{"variant": "direct-dialogue", "proposal": "moscow-terms", "analyses": ["settle"]}'
status 200 "run with variant and proposal"
"$P" settle -f json --variant direct-dialogue --proposal moscow-terms | jq -S . >"$TMP/cli.v"
jq -S .results.settle "$TMP/out" | cmp -s - "$TMP/cli.v" && ok || bad "variant/proposal settle differs"
# no body: the default analyses
req POST /api/run '{"options": {"draws": 0}}'
status 200 "run with the defaults"
jqe '(.results | keys) == ["claims", "durability", "forecast", "power", "settle"]'
# a scenario in the request (JSON), and a change to it
"$P" scenario --builtin >"$TMP/b.yaml"
jq -n --rawfile t "$TMP/b.yaml" '{scenario: $t, set: [["positions.USA.TERR.position", "60"]], analyses: ["forecast"]}' >"$TMP/body"
req POST /api/run "$(cat "$TMP/body")"
status 200 "run on a scenario in the request"
"$P" forecast -f json "$TMP/b.yaml" --set positions.USA.TERR.position=60 | jq -S . >"$TMP/cli.f"
jq -S .results.forecast "$TMP/out" | cmp -s - "$TMP/cli.f" && ok || bad "request scenario forecast differs"

# ---- /api/validate ----
req POST /api/validate '{"set": [["actors.EUR.at_table", false]]}'
status 200 "validate"
jqe '.ok and .changes == ["actors.EUR.at_table"] and .scenario.actors != null'

# ---- bad input: 400 with the CLI's message ----
req POST /api/run '{"set": [["positions.RUS.TERR.salience", "1.7"]]}'
"$P" forecast --set positions.RUS.TERR.salience=1.7 2>"$TMP/cli.err" >/dev/null
err 400 "salience off the scale" '.error.path == "positions.RUS.TERR.salience"'
jq -r .error.message "$TMP/out" | cmp -s - "$TMP/cli.err" && ok || bad "message differs from the CLI's"
req POST /api/run '{"set": [["positions.RUS.TERR.position", 101]]}'
err 400 "position off the scale" '.error.message | test("position")'
req POST /api/run '{"set": [["positions.XXX.TERR.salience", 0.3]]}'
err 400 "unknown actor" '.error.message | test("XXX")'
req POST /api/run '{"set": [["positions.RUS.NOPE.salience", 0.3]]}'
err 400 "unknown issue" '.error.message | test("NOPE")'
req POST /api/run '{"set": [["nonsense.path", 1]]}'
err 400 "unknown path" '.error.message | test("nonsense")'
req POST /api/run '{"set": [["positions.RUS.TERR.salience", 0.3]'
err 400 "malformed JSON" '.error.file == "request" and .error.line >= 1'
req POST /api/run 'not json at all'
err 400 "not JSON" ''
req POST /api/run '[1, 2]'
err 400 "not an object" '.error.message | test("expected a JSON object")'
req POST /api/run '{"set": "positions.RUS.TERR.salience=0.3"}'
err 400 "set of the wrong type" '.error.message | test("list of \\[PATH, VALUE\\]")'
req POST /api/run '{"set": [["positions.RUS.TERR.salience", {"a": 1}]]}'
err 400 "a value of the wrong type" '.error.col > 0'
req POST /api/run '{"analyses": ["forecast", "astrology"]}'
err 400 "unknown analysis" '.error.message | test("astrology")'
req POST /api/run '{"options": {"draws": -3}}'
err 400 "negative draws" ''
req POST /api/run '{"options": {"draws": 1000000}}'
err 503 "draws over the work limit" '.error.message | test("20000")'
req POST /api/run '{"variant": "nope"}'
err 400 "unknown variant" '.error.message | test("no variant")'
req POST /api/run '{"proposal": "nope"}'
err 400 "unknown proposal" '.error.message | test("moscow-terms|proposals")'
req POST /api/run '{"scenario": "parley: 1\nname: x\nactors: 3\n"}'
err 400 "a scenario that fails validation" '.error.file == "scenario.yaml" and .error.line == 3'
req POST /api/run '{"hello": 1}'
err 400 "unknown field" '.error.message | test("hello")'

# ---- 404, 405, 413 ----
req GET /nope
err 404 "unknown path" ''
req GET /api/run
err 405 "GET on a POST endpoint" ''
expect_grep "$TMP/head" "^Allow: POST" "405 names what is allowed"
req DELETE /api/scenario
err 405 "DELETE on the scenario" ''
head -c 1100000 /dev/zero | tr '\0' ' ' >"$TMP/big"
CODE=$(curl -s -o "$TMP/out" -w '%{http_code}' -X POST --data-binary @"$TMP/big" "${URL}api/run")
err 413 "a body over the limit" '.error.message | test("1048576")'

# ---- charts ----
req POST /api/charts '{}'
status 200 "charts"
jqe '.charts.frontier | startswith("<svg")'
req POST /api/chart/frontier '{"set": [["actors.EUR.at_table", "false"]]}'
status 200 "one chart"
expect_grep "$TMP/head" "Content-Type: image/svg+xml" "chart type"
req POST /api/chart/nope '{}'
err 404 "unknown chart" ''

# ---- yaml: the changes written into the text, comments kept ----
CH='[["positions.RUS.TERR.salience", "0.32"], ["actors.EUR.at_table", "false"],
     ["actors.EUR.risk", 0.5], ["positions.CHN.PAY", "{position: 30, salience: 0.1}"],
     ["bodies.GUARANTOR_COUNCIL.quota", 4]]'
req POST /api/yaml "{\"set\": $CH}"
status 200 "yaml"
expect_grep "$TMP/head" 'filename="ukraine-2025-edited.yaml"' "yaml download name"
cp "$TMP/out" "$TMP/edited.yaml"
expect_grep "$TMP/edited.yaml" "^# parley built-in scenario" "comments kept"
"$P" scenario -f json "$TMP/edited.yaml" >"$TMP/y1" || bad "the edited YAML does not load"
"$P" scenario -f json --set positions.RUS.TERR.salience=0.32 --set actors.EUR.at_table=false \
  --set actors.EUR.risk=0.5 --set 'positions.CHN.PAY={position: 30, salience: 0.1}' \
  --set bodies.GUARANTOR_COUNCIL.quota=4 >"$TMP/y2"
cmp -s "$TMP/y1" "$TMP/y2" && ok || bad "edited YAML loads to another scenario than --set"
[ "$(diff "$TMP/b.yaml" "$TMP/edited.yaml" | grep -c '^>')" -le 7 ] && ok ||
  bad "yaml: more lines changed than the changes need"
# a JSON scenario stays JSON
req POST /api/yaml '{"scenario": "{\"parley\": 1, \"name\": \"t\", \"actors\": [{\"id\": \"A\", \"name\": \"A\", \"capability\": 1}, {\"id\": \"B\", \"name\": \"B\", \"capability\": 1}], \"issues\": [{\"id\": \"X\", \"name\": \"X\", \"scale\": {\"0\": \"no\", \"100\": \"yes\"}}], \"positions\": {\"A\": {\"X\": {\"position\": 10, \"salience\": 1}}, \"B\": {\"X\": {\"position\": 90, \"salience\": 1}}}}", "set": [["positions.A.X.position", 20], ["actors.B.risk", 0.1]]}'
status 200 "yaml of a JSON scenario"
jq -e '.positions.A.X.position == 20 and .actors[1].risk == 0.1' "$TMP/out" >/dev/null && ok ||
  bad "the edited JSON is not JSON with the changes"
req POST /api/yaml '{"set": [["positions.RUS.TERR.salience", "9"]]}'
err 400 "yaml with a bad change" ''
req POST /api/save "{\"set\": $CH}"
err 404 "saving without --save-dir" '.error.message | test("--save-dir")'

# ---- stress: a job, its progress, a request while it runs, 409, cancel ----
req POST /api/stress '{"options": {"draws": 3000, "seed": 5}}'
status 202 "stress starts"
JOB=$(jq -r .job "$TMP/out")
req POST /api/stress '{"options": {"draws": 10}}'
err 409 "a second job while one runs" ''
req POST /api/run '{"analyses": ["forecast"]}'
status 200 "run while a stress job runs"
req GET "/api/stress/$JOB"
status 200 "job state"
jqe '.state == "running" or .state == "done"'
req DELETE "/api/stress/$JOB"
status 200 "cancel"
wait_job 100
jqe '.state == "cancelled" or .state == "done"'
req POST /api/stress '{"options": {"draws": 30, "seed": 5}}'
status 202 "a second job after the first"
JOB=$(jq -r .job "$TMP/out")
wait_job 300
jqe '.state == "done" and .done == 30 and .total == 30'
"$P" stress -n 30 --seed 5 -f json | jq -S . >"$TMP/cli.stress"
jq -S .result "$TMP/out" | cmp -s - "$TMP/cli.stress" && ok || bad "stress result differs from the CLI's"
req GET /api/stress/99
err 404 "unknown job" ''
req POST /api/stress '{"options": {"draws": 50000}}'
err 503 "a stress job over the limit" '.error.message | test("20000")'

# ---- still serving after all that, then a clean stop ----
req GET /api
status 200 "still serving"
stop

# ---- options: --max-body, a non-loopback host warned about, bad options ----
start --max-body 100 --threads 1
req POST /api/run '{"analyses": ["forecast"], "options": {"seed": 1}, "set": [["actors.EUR.at_table", "false"], ["actors.EUR.risk", 0.5]]}'
err 413 "--max-body 100" ''
stop
expect_status 2 "serve --port 70000" -- "$P" serve --port 70000
expect_status 2 "serve --host nonsense" -- "$P" serve --host nonsense --port 0
expect_grep "$TMP/err" "expected an IPv4 or IPv6 address" "bad host message"
expect_status 2 "serve --set" -- "$P" serve --set actors.EUR.at_table=false
mkdir "$TMP/saved"
start --save-dir "$TMP/saved"
req POST /api/save "{\"set\": $CH}"
status 200 "save into --save-dir"
jqe '.saved == "ukraine-2025-edited.yaml"'
"$P" scenario -f json "$TMP/saved/ukraine-2025-edited.yaml" | cmp -s - "$TMP/y2" && ok ||
  bad "the saved file is not the edited scenario"
[ "$(ls -A "$TMP/saved" | wc -l)" -eq 1 ] && ok || bad "save left other files"
stop
start --host 0.0.0.0
expect_grep "$TMP/serve.err" "warning: serving on 0.0.0.0, not loopback" "non-loopback warning"
stop

# ---- --claims FILE: a scenario file's claims, the same document as `parley claims` ----
J="$SRC/tests/scenarios/jcpoa-2015.yaml"; JC="$SRC/tests/scenarios/jcpoa-2015.claims.yaml"
start "$J" --claims "$JC"
req GET /api/scenario
jqe '.analyses | index("claims") != null'
req POST /api/run '{"analyses": ["claims"], "options": {"draws": 0, "breakeven": false}}'
status 200 "claims of --claims"
"$P" claims "$J" --claims "$JC" -f json -n 0 --no-breakeven | jq -S . >"$TMP/cli.jc"
jq -S .results.claims "$TMP/out" | cmp -s - "$TMP/cli.jc" && ok ||
  bad "/api/run claims of serve --claims differs from parley claims -n 0 --no-breakeven"
stop
# ... none without it (a file's scenario has no built-in claims), and bad claims stop the start
start "$J"
req POST /api/run '{"analyses": ["claims"]}'
err 400 "claims without --claims" '.error.message | test("serve --claims FILE")'
stop
printf 'parley-claims: 1\nclaims:\n  - {id: x, text: y, check: {kind: nope}}\n' >"$TMP/bad.claims.yaml"
expect_status 2 "serve --claims with a bad file" -- "$P" serve "$J" --claims "$TMP/bad.claims.yaml" --port 0
grep -q "^$TMP/bad.claims.yaml:3:" "$TMP/err" && ok || bad "bad claims: no file:line: $(head -n1 "$TMP/err")"
expect_status 2 "serve --claims with a missing file" -- "$P" serve --claims "$TMP/none.yaml" --port 0

finish
