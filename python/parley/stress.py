# SPDX-License-Identifier: MIT
"""`parley stress`: Monte Carlo over every uncertain input of a scenario."""
import os

from ._native import ffi, lib, new_error, check, default_opts, text
from ._args import (FORECAST_KEYS, SETTLE_KEYS, both_opts, model_mask,
                    name_mask, whole, unknown)
from ._progress import Watch
from .analyses import load_proposal
from .results import Result
from .scenario import Scenario


def _store_open(scn, o, store, label):
    """The run store at `store` (a path) opened for writing, the run begun in it as `parley
    stress --store` begins it: (store, its run id, whether it replaces a stored run)."""
    if not isinstance(store, (str, bytes, os.PathLike)):
        raise TypeError("store: expected a path; got %s" % type(store).__name__)
    if label is not None and not isinstance(label, str):
        raise TypeError("label: expected a str; got %s" % type(label).__name__)
    out, err = ffi.new("pl_store **"), new_error()
    check(lib.pl_store_open(out, os.fsencode(store), 1, err), err)
    db = ffi.gc(out[0], lib.pl_store_close)
    run_id, replaced = ffi.new("char[33]"), ffi.new("int *")
    name = None if scn._builtin else scn._source.inputs[0][1]
    cfile = ffi.new("char[]", name.encode()) if name else ffi.NULL
    clabel = ffi.new("char[]", label.encode()) if label is not None else ffi.NULL
    check(lib.pl_store_begin_stress(db, scn._s, o, cfile, clabel, run_id, replaced, err), err)
    return db, text(run_id), bool(replaced[0])


def stress(scn, draws=1000, threads=None, seed=None, top=3, analyses=None, models=None,
           proposal=None, progress=None, store=None, label=None, store_draws=False, **kw):
    """`parley stress`: `draws` perturbed copies of the scenario (seed; threads never change
    the result), each analysed; per metric its mean, standard error, percentiles and
    sensitivities (top: how many inputs per metric). analyses: names from forecast, settle,
    power, durability, proposal (default: every one the scenario supports). Runs without
    the GIL; progress=True shows a line on stderr; Ctrl-C stops it at the next draw and
    raises KeyboardInterrupt. store: a run store's path (`--store FILE`) to record the run
    in, under the id `parley stress --store` gives the same inputs (the result's run_id;
    replaced says it replaced a stored run), with label (`--label`) and, when store_draws,
    every draw's values (`--store-draws`); nothing is stored when the run fails."""
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
    if store is None and (label is not None or store_draws):
        raise ValueError("label and store_draws need a run store; expected store=PATH")
    db, run_id, replaced = _store_open(scn, o, store, label) if store is not None else \
        (None, None, False)
    w = Watch(progress, "stress", "draws", db if store_draws else None)
    o.progress, o.on_draw, o.payload = w.callback, w.on_draw, w.handle
    out, err, s = ffi.new("pl_stress **"), new_error(), scn._s
    with w:
        rc = lib.pl_stress_run(out, s, o, err)
    if rc == lib.PL_OK and w.store_err is not None:
        rc, err = w.store_err.code, w.store_err
    if rc != lib.PL_OK and db is not None:
        lib.pl_store_rollback(db)
    check(rc, err)
    st = ffi.gc(out[0], lib.pl_stress_free)
    if db is not None:
        check(lib.pl_store_commit(db, st, err), err)
    r = Result("stress", lambda e: lib.pl_stress_emit(st, top, e), scn.name, "numbers",
               keep=(scn, st, p))
    r.run_id, r.replaced = run_id, replaced
    return r


Scenario.stress = stress
