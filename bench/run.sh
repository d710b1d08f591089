#!/bin/sh
# SPDX-License-Identifier: MIT
# Run every benchmark; each prints its own baseline and ratios.
#   sh bench/run.sh BUILD_DIR
set -eu
build=${1:-build}
echo "== bench/load: loading and validating a 10,000 x 100 scenario"
"$build/bench/bench_load" 10000 100
echo "== bench/power: enumeration vs generating functions and critical-member tables, exact; the naive generating-function path vs prefix sums; Banzhaf at 1,000 members, Deegan-Packel/public good/Johnston at 200, Shapley-Shubik at 200 (naive vs new), at 400 and at 1,000 (the goal row) by residues against the table in GMP words"
"$build/bench/bench_power" 200 1000
echo "== bench/eum: Expected Utility Model, fast vote sums vs naive; scholz_code vs the earlier fast path (to 3,000) and issue 21's goal at 10,000, 1 and 2 threads"
"$build/bench/bench_eum" 10000 2
echo "== bench/exchange: exchange model, fast path vs naive (sample_data, 30 x 30) or issue 20's heap (DEU III as one scenario, goal < 1 s); 100 x 100 (goal < 10 s)"
"$build/bench/bench_exchange" "${SHARED:-../shared}" 30 30 100 100
echo "== bench/settle: Pareto frontiers: sort vs streaming, merge vs enumeration, Party domain"
"$build/bench/bench_settle" 1e8 "${SHARED:-../shared}"
echo "== bench/frontier: 3+ parties, divide and conquer vs the sort-filter skyline (baseline)"
"$build/bench/bench_frontier"
echo "== bench/stress: Monte Carlo draws per second, 1 vs 2 threads; memory over 10^6 draws"
"$build/bench/bench_stress" 2000 1000000
echo "== bench/smp: Spatial Model of Politics, CPU per turn, 10 to 1,000 actors x 3 dimensions (goal at 1,000: < 2 s); naive up to 250, the previous fast turn up to 1,000"
"$build/bench/bench_smp" 2 1000 250 1000
echo "== bench/evaluate: parley evaluate on DEU I-III, without and with cross-validation"
"$build/bench/bench_evaluate" "${SHARED:-../shared}" 2000
echo "== bench/serve: parley serve under wrk (forecast, settle) and its change-to-result time"
sh bench/serve.sh "$build" 30
echo "== bench/serve_page: the what-if page in headless Chromium, change-to-redraw time"
sh bench/serve_page.sh "$build" 20
if /usr/bin/python3 -c "import cffi" 2>/dev/null; then
  echo "== bench/python_overhead: a Python call vs the CLI; the EUM at n = 300 from Python"
  /usr/bin/python3 bench/python_overhead.py "$build" 50
else
  echo "== bench/python_overhead: skipped (/usr/bin/python3 has no cffi: python3-cffi)"
fi
