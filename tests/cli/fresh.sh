#!/bin/sh
# SPDX-License-Identifier: MIT
# `make run` as on a fresh machine that has only the run packages: every package
# the test suite needs is hidden, and the build is Release with -Werror, so this
# one build proves both that the run build needs nothing the tests need and that
# the optimised build is free of warnings.
#   - pkg-config sees only the run packages' .pc files (PKG_CONFIG_LIBDIR overlay):
#     cmocka and Open MPI's are gone;
#   - the test tools (jq, sqlite3, mpicc, mpirun, chromium, g++, c++) are shims
#     that fail loudly if anything calls them; CXX points at one too.
# Then: the analysis runs, ends with the hint, and make prints no
# "Entering directory" lines.
. "$(dirname "$0")/lib.sh"
command -v pkg-config >/dev/null 2>&1 || { echo "SKIP: pkg-config not installed"; exit 77; }
command -v make >/dev/null 2>&1 || { echo "SKIP: make not installed"; exit 77; }

pc="$TMP/pkgconfig"; shims="$TMP/shims"
mkdir -p "$pc" "$shims"
for m in libfyaml gmp libxml-2.0 sqlite3 libxxhash sleef; do
  f=$(pkg-config --path "$m") || { bad "run package $m has no .pc file"; exit 1; }
  cp "$f" "$pc/"
done
for t in jq sqlite3 mpicc mpirun mpiexec chromium g++ c++; do
  printf '#!/bin/sh\necho "fresh.sh: %s is a test-only tool; the run build must not call it" >&2\nexit 127\n' "$t" >"$shims/$t"
  chmod +x "$shims/$t"
done
PKG_CONFIG_LIBDIR="$pc" pkg-config --exists cmocka && bad "cmocka is still visible"

# make's own variables from the make check that runs this test would leak in
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
out="$TMP/run.out"
env PKG_CONFIG_LIBDIR="$pc" PKG_CONFIG_PATH= PATH="$shims:$PATH" CXX="$shims/c++" \
  sh -c 'cd "$1" && shift && exec make "$@"' sh "$SRC" run BUILD="$TMP/build" JOBS=2 \
  CMAKE_FLAGS="-DCMAKE_BUILD_TYPE=Release -DPARLEY_WERROR=ON" >"$out" 2>&1
rc=$?
if [ $rc -eq 0 ]; then ok; else bad "make run exited $rc"; grep -E 'error|warning|CMake Error' "$out" | head -20; fi
grep -q 'cmocka' "$TMP/build/CMakeCache.txt" 2>/dev/null && grep -q '^CMOCKA_FOUND:INTERNAL=1' "$TMP/build/CMakeCache.txt" && bad "cmocka was found"
[ -e "$TMP/build/tests" ] && bad "the run build configured the tests"
[ -e "$TMP/build/bench" ] && bad "the run build configured the benchmarks"
grep -q 'CMAKE_BUILD_TYPE:STRING=Release' "$TMP/build/CMakeCache.txt" || bad "not a Release build"
expect_grep "$out" "^Forecasts" "the analysis of the built-in scenario"
expect_grep "$out" "^Next: .*parley report -o report.html" "the hint at the end"
if grep -q 'Entering directory\|Leaving directory' "$out"; then bad "make's directory lines in the output"; else ok; fi
if grep -q 'warning:' "$out"; then bad "compiler warnings"; grep 'warning:' "$out" | head; else ok; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
