#!/bin/sh
# SPDX-License-Identifier: MIT
# parley serve's page in headless Chromium (issue 22): change-to-redraw time on the built-in
# scenario, slider input event to forecasts, packages and charts redrawn, over CHANGES changes
# (default 20), beside the server's own time for the analyses and its CPU time per change,
# and the 100 ms goal. Runs tests/browser/page_test.js (which also checks the page) on
# BUILD_DIR's parley; prints, never asserts.
#   sh bench/serve_page.sh BUILD_DIR [CHANGES]
set -eu
build=${1:-build}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
st=0
PARLEY_PAGE_CHANGES=${2:-20} sh tests/browser/run.sh "$build/cli/parley" "$(pwd)" "$T" >"$T/out" 2>&1 || st=$?
grep -E "^(change-to-redraw|server CPU|SKIP)" "$T/out" || true
[ $st -eq 0 ] || [ $st -eq 77 ] || { echo "bench/serve_page: the page test failed (exit $st):"; tail -5 "$T/out"; }
