#!/bin/sh
# SPDX-License-Identifier: MIT
# parley serve's page in headless Chromium (page_test.js), as CTest runs it:
#   sh run.sh PARLEY_BIN SOURCE_DIR BUILD_DIR
# Skipped (77), saying why, without Node.js, puppeteer-core (scripts/deps.sh check runs npm ci
# here) or Chromium; the test itself skips when parley serve is not built. The screenshots
# land in BUILD_DIR (docs/serve.png is a copy of serve.png).
PARLEY=$1
SRC=$2
BLD=$3
command -v node >/dev/null 2>&1 || { echo "SKIP: Node.js is not installed (scripts/deps.sh check)"; exit 77; }
[ -d "$SRC/tests/browser/node_modules/puppeteer-core" ] ||
  { echo "SKIP: puppeteer-core is not installed (scripts/deps.sh check runs npm ci in tests/browser)"; exit 77; }
CHROME=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROME" ] || { echo "SKIP: Chromium is not installed (scripts/deps.sh check)"; exit 77; }
exec node "$SRC/tests/browser/page_test.js" "$PARLEY" "$BLD" "$CHROME"
