# SPDX-License-Identifier: MIT
"""`parley stress`: Monte Carlo over every uncertain input of a scenario."""
from ._native import ffi, lib, new_error, check, default_opts, text
from ._args import (FORECAST_KEYS, SETTLE_KEYS, both_opts, model_mask,
                    name_mask, whole, unknown)
from ._progress import Watch
from .analyses import load_proposal
from .results import Result
from .scenario import Scenario


def stress(scn, draws=1000, threads=None, seed=None, top=3, analyses=None, models=None,
           proposal=None, progress=None, **kw):
    """`parley stress`: `draws` perturbed copies of the scenario (seed; threads never change
    the result), each analysed; per metric its mean, standard error, percentiles and
    sensitivities (top: how many inputs per metric). analyses: names from forecast, settle,
    power, durability, proposal (default: every one the scenario supports). Runs without
    the GIL; progress=True shows a line on stderr; Ctrl-C stops it at the next draw and
    raises KeyboardInterrupt."""
    unknown(kw, set(FORECAST_KEYS) | set(SETTLE_KEYS), "stress")
    o, keep = default_opts("stress"), []
    o.draws = whole("draws", draws, 1, 1000000000000)
    o.seed = whole("seed", 1 if seed is None else seed, 0, 2**64 - 1)
    o.threads = whole("threads", 1 if threads is None else threads, 1, 256)
    top = whole("top", top, 0, 1000)
    both_opts(o, kw, seed, threads, keep)
    if analyses is not None:
        n = ffi.new("size_t *")
        words = lib.pl_option_choices(b"analyses", n)
        o.analyses = name_mask(analyses, [text(words[i]) for i in range(n[0])], "analyses")
    if models is not None:
        o.forecast.models = model_mask(models)
    p = None
    if proposal is not None:
        p = load_proposal(scn, proposal)[0]
        o.proposal = p
    w = Watch(progress, "stress", "draws")
    o.progress, o.on_draw, o.payload = w.callback, w.on_draw, w.handle
    out, err, s = ffi.new("pl_stress **"), new_error(), scn._s
    with w:
        rc = lib.pl_stress_run(out, s, o, err)
    check(rc, err)
    st = ffi.gc(out[0], lib.pl_stress_free)
    return Result("stress", lambda e: lib.pl_stress_emit(st, top, e), scn.name, "numbers",
                  keep=(scn, st, p))


Scenario.stress = stress
