# SPDX-License-Identifier: MIT
"""Ownership: objects are freed when collected, and 10,000 calls do not grow the process.
Under ASan (make check) the run script caps the quarantine of freed memory (8 MiB), which the
warm-up fills, so that only memory still held shows as growth."""
import gc
import tracemalloc

from conftest import parley


def rss_kib():
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    import os
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


def calls(s, n):
    for i in range(n):
        s.forecast(models=["median"]).to_dict()
        try:
            parley.load("name: x\nactors: [\n")
        except parley.ScenarioError:
            pass
        if i % 500 == 0:
            parley.builtin().settle(logrolls=0, max_enumerate=0).to_json()
            s.power().to_json()  # the library's power document, freed with its Result
            parley.bargain(delta=[0.9, 0.8]).to_json()


def test_rss_flat_over_10000_calls(builtin):
    calls(builtin, 2000)  # warm-up: caches, the allocator's arenas, ASan's quarantine
    gc.collect()
    before = rss_kib()
    calls(builtin, 10000)
    gc.collect()
    grown = rss_kib() - before
    # a median-only forecast never freed grows RSS by 7 MiB over 10,000 calls (measured)
    assert grown < 4096, "RSS grew by %d KiB over 10,000 calls" % grown


def test_python_objects_flat(builtin):
    calls(builtin, 200)
    gc.collect()
    tracemalloc.start()  # slows Python's allocations: fewer calls
    before = tracemalloc.get_traced_memory()[0]
    calls(builtin, 1000)
    gc.collect()
    grown = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert grown < 64 * 1024, "Python objects grew by %d bytes over 1,000 calls" % grown


def test_result_keeps_its_scenario_alive():
    r = parley.builtin().forecast()
    gc.collect()
    assert r.to_dict()["scenario"] == "ukraine-2025"  # the scenario was not freed under it
