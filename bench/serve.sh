#!/bin/sh
# SPDX-License-Identifier: MIT
# parley serve under load (issue 22): wrk against loopback, SECONDS (default 30) at 8
# connections on POST /api/run of the built-in scenario, the forecast and then the
# settlement; each run prints wrk's latency percentiles (p99 among them), the non-2xx
# answers and socket errors, and the server's RSS before and after. Then the server-side
# change-to-result time (bench_serve), beside the 100 ms goal. Prints, never asserts.
#   sh bench/serve.sh BUILD_DIR [SECONDS]
set -eu
build=${1:-build}
secs=${2:-30}
P="$build/cli/parley"
command -v wrk >/dev/null 2>&1 || { echo "bench/serve: wrk is not installed (scripts/deps.sh check)"; exit 0; }
T=$(mktemp -d); trap 'kill $SPID 2>/dev/null || true; rm -rf "$T"' EXIT
"$P" serve --port 0 --threads 2 >"$T/out" 2>"$T/err" &
SPID=$!
i=0
while [ $i -lt 100 ] && ! grep -q http "$T/out"; do sleep 0.1; i=$((i + 1)); done
URL=$(sed -n 's/^parley serve: \(http:[^ ]*\).*/\1/p' "$T/out")
rss() { awk '/^VmRSS/ {print $2}' /proc/$SPID/status; }
cpu() { awk '{print ($14 + $15) / 100}' /proc/$SPID/stat; }  # utime + stime, clock ticks of 1/100 s
for a in forecast settle; do
  cat >"$T/$a.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"analyses": ["$a"], "set": [["positions.RUS.TERR.salience", "0.25"]]}'
wrk.headers["Content-Type"] = "application/json"
LUA
  curl -s -X POST --data-binary '{"analyses": ["'$a'"]}' "${URL}api/run" >/dev/null  # warm
  r0=$(rss); c0=$(cpu); t0=$(date +%s.%N)
  echo "== POST /api/run $a: ${secs} s, 8 connections, 2 wrk threads, server --threads 2"
  wrk -t2 -c8 -d"${secs}s" --latency -s "$T/$a.lua" "${URL}api/run" | sed 's/^/  /'
  r1=$(rss); c1=$(cpu); t1=$(date +%s.%N)
  awk -v r0="$r0" -v r1="$r1" -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" 'BEGIN {
    printf "  server RSS before %d KiB, after %d KiB (%+d); server CPU %.1f s over %.1f s wall\n",
           r0, r1, r1 - r0, c1 - c0, t1 - t0 }'
done
kill $SPID; wait $SPID 2>/dev/null || true
if [ -x "$build/bench/bench_serve" ]; then
  echo "== server side, change to result (bench_serve)"
  "$build/bench/bench_serve" 200
fi
