#!/bin/sh
# SPDX-License-Identifier: MIT
# Install the Debian packages parley needs, only those missing.
# Usage: scripts/deps.sh [run|check|fuzz|browser|all]   (default: run)
#   run    build and run parley
#   check  also the test suite (cmocka, jq, sqlite3, Open MPI, g++ for the header test,
#          locales for the comma-decimal locale of the locale test, Debian's python3 with
#          cffi, pytest, pandas and venv for the Python package's tests; curl and wrk for
#          parley serve's API and load tests; libunistring-dev for the static-link test;
#          Chromium, Node.js and npm for the browser tests, then `npm ci` in tests/browser
#          for puppeteer-core)
#   fuzz   also clang + libFuzzer
#   browser  the same as check (kept for old instructions)
# Idempotent: does nothing when everything is present. When not root and
# something is missing, prints the exact command to run and exits 1.
set -eu

need_run="cmake make gcc pkg-config libfyaml-dev libcsv-dev libgmp-dev libxml2-dev libsqlite3-dev libxxhash-dev
          libsleef-dev"
# parley serve: the HTTP server (libmicrohttpd); its tests: curl, and wrk for the load test
need_run="$need_run libmicrohttpd-dev"
need_check="$need_run g++ libcmocka-dev jq sqlite3 openmpi-bin libopenmpi-dev locales
            python3 python3-cffi python3-pytest python3-pandas python3-venv
            curl wrk libunistring-dev"
# libunistring-dev: the static-link consumer test (pkg-config --static parley) links
# libmicrohttpd's GnuTLS, whose gnutls.pc names -lunistring; Debian's libgnutls28-dev does
# not pull in the package that has that link-time library.
need_fuzz="$need_run clang libclang-rt-14-dev"
# The browser tests (the report, parley serve's page): Debian's chromium, and Node.js with npm
# for puppeteer-core. Node is looked for as a command, not a package: a machine with Node from
# elsewhere (its own npm) keeps it; Debian 12's nodejs and npm are installed where none is.
need_browser="chromium"
command -v node >/dev/null 2>&1 || need_browser="$need_browser nodejs"
command -v npm >/dev/null 2>&1 || need_browser="$need_browser npm"
need_check="$need_check $need_browser"

case "${1:-run}" in
  run)   want=$need_run ;;
  check) want=$need_check ;;
  fuzz)  want=$need_fuzz ;;
  browser) want=$need_check ;;
  all)   want="$need_check clang libclang-rt-14-dev" ;;
  *) echo "usage: $0 [run|check|fuzz|browser|all]" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing="$missing $p"
  fi
done

# puppeteer-core for the browser tests, as tests/browser/package-lock.json pins it; a failure
# (no registry reachable) only leaves those tests skipped.
npm_ci() {
  case "${1:-run}" in check|browser|all) ;; *) return 0 ;; esac
  dir="$(dirname "$0")/../tests/browser"
  [ -d "$dir/node_modules/puppeteer-core" ] && [ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ] && return 0
  command -v npm >/dev/null 2>&1 || return 0
  echo "deps: npm ci in tests/browser (puppeteer-core)" >&2
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2) ||
    echo "deps: npm ci failed; the browser tests will be skipped" >&2
}

if [ -z "$missing" ]; then npm_ci "${1:-run}"; exit 0; fi

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    echo "deps: installing:$missing (via sudo)" >&2
    sudo apt-get update -qq && sudo env DEBIAN_FRONTEND=noninteractive $cmd
    st=$?
    [ $st -eq 0 ] && npm_ci "${1:-run}"
    exit $st
  fi
  echo "deps: missing Debian packages:$missing" >&2
  echo "deps: run as root:  apt-get update && $cmd" >&2
  exit 1
fi
echo "deps: installing:$missing" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive $cmd
npm_ci "${1:-run}"
