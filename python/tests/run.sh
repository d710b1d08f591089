#!/bin/sh
# SPDX-License-Identifier: MIT
# The Python package's tests (CTest python.pytest): Debian's /usr/bin/python3 with pytest,
# on the libparley and the parley command of this build.
# Usage: python/tests/run.sh LIBPARLEY PARLEY_CLI
# Exits 77 (skipped) with the reason when the interpreter lacks the Debian modules.
set -u
py=${PARLEY_PYTHON:-/usr/bin/python3}
here=$(cd "$(dirname "$0")" && pwd)
if ! [ -x "$py" ]; then
  echo "python.pytest: skipped: no $py (Debian's python3)"; exit 77
fi
for m in cffi pytest pandas; do
  if ! "$py" -c "import $m" 2>/dev/null; then
    echo "python.pytest: skipped: $py has no module $m; install python3-cffi python3-pytest" \
         "python3-pandas (sh scripts/deps.sh check)"
    exit 77
  fi
done
export PARLEY_LIBRARY="$1" PARLEY_CLI="$2"
# A sanitized libparley (make check) needs its ASan runtime loaded first; Python's own
# allocations are not ours to report (no leak check), and a small quarantine of freed memory
# keeps the RSS of the leak test meaningful.
asan=$(ldd "$1" 2>/dev/null | awk '/libasan/ {print $3}')
if [ -n "$asan" ]; then
  export LD_PRELOAD="$asan"
  export ASAN_OPTIONS="detect_leaks=0:quarantine_size_mb=8:${ASAN_OPTIONS:-}"
fi
exec "$py" -m pytest -q -p no:cacheprovider "$here"
