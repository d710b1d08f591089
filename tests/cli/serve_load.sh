#!/bin/sh
# SPDX-License-Identifier: MIT
# parley serve under a short load (issue 22): wrk for 2 s at 8 connections on POST /api/run
# (the forecast of the built-in scenario with a change): no socket errors, no answer but
# 200, and the server's RSS grows by less than 64 MiB (ASan's quarantine is turned off so
# freed memory is not held). bench/serve.sh is the real measurement (30 s, p99, RSS).
. "$(dirname "$0")/lib.sh"
P=$PARLEY
command -v wrk >/dev/null 2>&1 || { echo "SKIP: wrk is not installed (scripts/deps.sh check)"; exit 77; }
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl is not installed"; exit 77; }
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0" \
  "$P" serve --port 0 --threads 2 >"$TMP/out" 2>"$TMP/err" &
SPID=$!
trap 'kill $SPID 2>/dev/null || true; rm -rf "$TMP"' EXIT
i=0
while [ $i -lt 100 ] && ! grep -q http "$TMP/out" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
URL=$(sed -n 's/^parley serve: \(http:[^ ]*\).*/\1/p' "$TMP/out")
if [ -z "$URL" ]; then
  grep -q 'without libmicrohttpd' "$TMP/err" && { echo "SKIP: built without libmicrohttpd"; exit 77; }
  bad "no URL"; cat "$TMP/err"; finish
fi
cat >"$TMP/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"analyses": ["forecast"], "set": [["positions.RUS.TERR.salience", "0.25"]]}'
LUA
rss() { awk '/^VmRSS/ {print $2}' /proc/$SPID/status; }
curl -s -X POST --data-binary '{"analyses": ["forecast"]}' "${URL}api/run" >/dev/null
r0=$(rss)
wrk -t2 -c8 -d2s -s "$TMP/post.lua" "${URL}api/run" >"$TMP/wrk" 2>&1 || bad "wrk failed"
r1=$(rss)
cat "$TMP/wrk"
if grep -q 'Socket errors\|Non-2xx' "$TMP/wrk"; then bad "errors under load"; else ok; fi
grep -q 'requests in' "$TMP/wrk" && ok || bad "wrk made no requests"
echo "RSS before $r0 KiB, after $r1 KiB"
[ $((r1 - r0)) -lt 65536 ] && ok || bad "RSS grew by $((r1 - r0)) KiB under load"
kill -TERM $SPID; wait $SPID && ok || bad "serve did not stop cleanly"
if grep -q 'ERROR: AddressSanitizer\|runtime error' "$TMP/err"; then bad "sanitizer report"; head -20 "$TMP/err"; else ok; fi
finish
