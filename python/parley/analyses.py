# SPDX-License-Identifier: MIT
"""The analyses of a scenario, each as its CLI command computes and describes it: the same
library calls in the same order, so to_dict() is the command's JSON document."""
import os

from ._native import ffi, lib, new_error, check, default_opts
from ._args import (FORECAST_KEYS, SETTLE_KEYS, CENTRAL_KEYS, forecast_opts, settle_opts,
                    both_opts, number, model_mask, whole, flag, unknown)
from ._progress import Watch
from .results import Result, Report
from .scenario import Scenario, bytes_of


def proposal_bytes(scn, proposal):
    """(bytes, name in messages) of a proposal for scn: a built-in proposal's name (as
    `--proposal NAME`), a path, YAML text or a dict."""
    if isinstance(proposal, str) and "\n" not in proposal and not os.path.exists(proposal):
        n = ffi.new("size_t *")
        t = lib.pl_builtin_proposal(scn.name.encode(), proposal.encode(), n)
        if t != ffi.NULL:  # messages name it as the file it was built from
            return ffi.buffer(t, n[0])[:], "proposals/%s.yaml" % proposal
    return bytes_of(proposal, "proposal")


def parse_proposal(scn, data, name):
    out, err = ffi.new("pl_proposal **"), new_error()
    check(lib.pl_proposal_load_buffer(out, scn._s, data, len(data), name.encode(), err), err)
    return ffi.gc(out[0], lib.pl_proposal_free)


def load_proposal(scn, proposal):
    """A pl_proposal read against scn (see proposal_bytes), and the name its titles use."""
    data, name = proposal_bytes(scn, proposal)
    return parse_proposal(scn, data, name), \
        proposal if isinstance(proposal, str) and "\n" not in proposal else name


def claims_bytes(scn, claims):
    """(bytes, name in messages) of claims: a path, YAML text or a dict; None: the built-in
    scenario's own claims (as the CLI without --claims), else None."""
    if claims is not None:
        return bytes_of(claims, "claims")
    if scn._builtin is None:
        return None
    n = ffi.new("size_t *")
    t = lib.pl_builtin_claims(scn.name.encode(), n)
    return None if t == ffi.NULL else (ffi.buffer(t, n[0])[:], scn.name + ".claims.yaml")


def parse_claims(scn, data, name):
    out, err = ffi.new("pl_claims **"), new_error()
    check(lib.pl_claims_load_buffer(out, scn._s, data, len(data), name.encode(), err), err)
    return ffi.gc(out[0], lib.pl_claims_free)


def load_claims(scn, claims):
    """A pl_claims read against scn (see claims_bytes), or None."""
    found = claims_bytes(scn, claims)
    return parse_claims(scn, *found) if found else None


def _computed(kind, free, compute, watch=None):
    """Run compute(out, err) under watch (progress, Ctrl-C); the object it makes, owned."""
    out, err = ffi.new(kind + " **"), new_error()
    if watch is None:
        rc = compute(out, err)
    else:
        with watch:
            rc = compute(out, err)
    check(rc, err)
    return ffi.gc(out[0], free)


def forecast(scn, models=None, trajectory=False, moves=False, exchanges=False, progress=None,
             **kw):
    """`parley forecast`: every model's forecast per issue (models: names from mean, median,
    nbs, eum, exchange, smp; default all but smp); trajectory/moves: the EUM's rounds and
    offers; exchanges: the exchange model's trades. Keywords: the CLI's forecast options
    with _ for - (weights="cs", eum_preset="scholz_code", rounds=10, seed=0, ...)."""
    unknown(kw, FORECAST_KEYS, "forecast")
    fo = default_opts("forecast")
    forecast_opts(fo, kw)
    traj, moves = flag("trajectory", trajectory), flag("moves", moves)
    exchanges = flag("exchanges", exchanges)
    if models is not None:
        fo.models = model_mask(models)
    w = Watch(progress, "forecast", "steps")
    for p in (fo.smp.progress, fo.exchange.progress):
        p.fn, p.payload = w.callback, w.handle
    s = scn._s
    f = _computed("pl_forecast", lib.pl_forecast_free,
                  lambda out, err: lib.pl_forecast_compute(out, s, fo, err), w)

    parts = (lib.PL_FORECAST_DOC_TRAJECTORY * traj | lib.PL_FORECAST_DOC_MOVES * moves |
             lib.PL_FORECAST_DOC_EXCHANGES * exchanges)

    def describe(e):
        return lib.pl_forecast_emit_document(f, s, parts, e)
    return Result("forecast", describe, scn.name, "forecasts", keep=(scn, f, w))


def analyze(scn, **kw):
    """`parley analyze`: the scenario at a glance (actors, issues, positions, bodies) and
    where each issue lands (mean, median, nbs, eum, exchange). Keywords: weights, median_tie,
    loss, no_status_quo, disagreement, as forecast."""
    unknown(kw, CENTRAL_KEYS, "analyze")
    fo = default_opts("forecast")
    forecast_opts(fo, kw)
    s = scn._s
    f = _computed("pl_forecast", lib.pl_forecast_free,
                  lambda out, err: lib.pl_forecast_compute(out, s, fo, err))
    return Result("analyze", lambda e: lib.pl_forecast_emit_document(
        f, s, lib.PL_FORECAST_DOC_SCENARIO, e), None, "forecasts", keep=(scn, f))


def _settlement(scn, kw, progress, label="settle"):
    o, keep = default_opts("settle"), []
    settle_opts(o, kw, keep)
    w = Watch(progress, label, "steps")
    o.progress.fn, o.progress.payload = w.callback, w.handle
    s = scn._s
    return _computed("pl_settlement", lib.pl_settle_free,
                     lambda out, err: lib.pl_settle_compute(out, s, o, err), w)


def settle(scn, proposal=None, progress=None, **kw):
    """`parley settle`: the outcome space's Pareto frontier, the bargaining solutions,
    ratification, win-sets and logrolls; with proposal, that package judged too. Keywords:
    parties, step, normalise, time, equal_power, tau, indifferent_yes, max_enumerate,
    max_memory, threads, logrolls, loss."""
    unknown(kw, SETTLE_KEYS, "settle")
    st = _settlement(scn, kw, progress)
    pu, n, K = ffi.NULL, lib.pl_frontier_n_parties(lib.pl_settle_frontier(st)), len(scn.issues)
    if proposal is not None:
        p, _ = load_proposal(scn, proposal)
        pu, err = ffi.new("double[]", n + K), new_error()
        check(lib.pl_settle_proposal(st, p, pu, err), err)
        pts = lib.pl_proposal_points(p)
        for k in range(K):
            pu[n + k] = pts[k]
    points = pu + n if pu != ffi.NULL else ffi.NULL

    def describe(e):
        return lib.pl_settle_emit_proposal(st, pu, points, e)
    res = Result("settle", describe, scn.name, "solutions", keep=(scn, st, pu))
    res.frontier = Result("settle frontier", lambda e: lib.pl_settle_emit_frontier(st, e),
                          None, "frontier", keep=(scn, st), header=False)
    return res


def durability(scn, proposal=None):
    """`parley durability`: would the agreement (proposal, else the Nash package of settle)
    last? The commitment check, each party's gains, the verdict on a proposal, the staged
    plans. The document is the library's (pl_durability_doc), as the command writes it."""
    p = name = None
    if proposal is not None:
        p, name = load_proposal(scn, proposal)
    cname = ffi.new("char[]", name.encode()) if name else ffi.NULL
    s = scn._s
    d = _computed("pl_durability_doc", lib.pl_durability_doc_free,
                  lambda out, err: lib.pl_durability_doc_compute(
                      out, s, p if p is not None else ffi.NULL, cname, err))
    return Result("durability", lambda e: lib.pl_durability_doc_emit(d, e), scn.name, "path",
                  keep=(scn, p, d))


def evaluate(scn, resamples=None, seed=None, rounds=None):
    """`parley evaluate`: each model's forecast error against the recorded outcomes, with
    bootstrap intervals (resamples, default 2000; seed; rounds: the EUM's limit)."""
    o = default_opts("evaluate")
    if resamples is not None:
        o.resamples = whole("resamples", resamples, 1, 1000000)
    if seed is not None:
        o.seed = whole("seed", seed, 0, 2**64 - 1)
    if rounds is not None:
        o.rounds = whole("rounds", rounds, 0, 100000)
    s = scn._s
    ev = _computed("pl_evaluation", lib.pl_evaluation_free,
                   lambda out, err: lib.pl_evaluate(out, s, o, err))
    return Result("evaluate", lambda e: lib.pl_evaluation_emit(ev, s, e), scn.name, "errors",
                  keep=(scn, ev))


def claims(scn, claims=None, proposal=None, draws=200, seed=1, threads=1, breakeven=True,
           explain=False, progress=None):
    """`parley claims`: an article's claims checked against the analyses (claims: a path,
    text or dict; None: the built-in scenario's own), each verdict's margin and break-even,
    and the share of `draws` Monte Carlo draws in which each holds."""
    draws = whole("draws", draws, 0, 100000000)
    seed, threads = whole("seed", seed, 0, 2**64 - 1), whole("threads", threads, 1, 256)
    breakeven, explain = flag("breakeven", breakeven), flag("explain", explain)
    if explain and not breakeven:
        raise ValueError("explain=True lists what the break-even search finds: drop "
                         "breakeven=False")
    s, c = scn._s, load_claims(scn, claims)
    if c is None:
        raise ValueError("claims: give the claims to check (only the built-in scenario has "
                         "its own)")
    if proposal is not None:
        p, name = load_proposal(scn, proposal)
        n, err = ffi.new("size_t *"), new_error()
        check(lib.pl_claims_use_proposal(c, p, name.encode(), n, err), err)
        if not n[0]:
            raise ValueError("proposal %s: no claim takes a package (ratification, "
                             "self_enforcing or no_winners); expected claims to check it "
                             "against" % name)
    nc = lib.pl_claims_count(c)
    res = ffi.new("pl_claim_result[]", max(nc, 1))
    holds, defined = ffi.new("uint64_t[]", max(nc, 1)), ffi.new("uint64_t[]", max(nc, 1))
    err = new_error()
    check(lib.pl_claims_evaluate(c, s, res, err), err)
    x = ffi.NULL
    if breakeven:
        x = _computed("pl_claims_explained", lib.pl_claims_explained_free,
                      lambda out, err: lib.pl_claims_explain(out, c, s, threads, err))
    if draws:
        w = Watch(progress, "claims", "draws")
        cb = ffi.new("pl_progress *")
        cb.fn, cb.payload = w.callback, w.handle
        with w:
            rc = lib.pl_claims_robustness_progress(c, s, draws, seed, threads, cb, holds,
                                                   defined, err)
        check(rc, err)

    def describe(e):
        return lib.pl_claims_emit_explained(c, res, holds, defined, draws, x, explain, e)
    return Result("claims", describe, scn.name, "checks", keep=(scn, c, res, holds, defined, x))


def report(scn, path=None, draws=200, seed=None, threads=None, claims=None, proposal=None,
           pair=None, issues=None, progress=None, **kw):
    """`parley report`: one HTML page of every analysis with its charts (a Report: .html,
    .charts, shown inline in Jupyter); written to path when given. Keywords: the forecast
    and settlement options."""
    unknown(kw, set(FORECAST_KEYS) | set(SETTLE_KEYS), "report")
    o, keep = default_opts("report"), []
    o.draws = whole("draws", draws, 0, 1000000000)
    o.seed = whole("seed", 1 if seed is None else seed, 0, 2**64 - 1)
    o.threads = whole("threads", 1 if threads is None else threads, 1, 256)
    both_opts(o, kw, seed, threads, keep)
    for field, v in (("pair", pair), ("issues", issues)):
        if v is not None:
            from ._args import ids
            keep.append(ffi.new("char[]", ids(field, v).encode()))
            setattr(o, field, keep[-1])
    c = load_claims(scn, claims)
    o.claims = c if c is not None else ffi.NULL
    p = load_proposal(scn, proposal)[0] if proposal is not None else None
    o.proposal = p if p is not None else ffi.NULL
    w = Watch(progress, "report", "steps")
    o.progress.fn, o.progress.payload = w.callback, w.handle
    s = scn._s
    r = _computed("pl_report", lib.pl_report_free,
                  lambda out, err: lib.pl_report_build(out, s, o, err), w)
    rep = Report(r, scn.name)
    rep._keep = (scn, c, p, keep)
    if path is not None:
        rep.save(path)
    return rep


def bargain(scn, first=None, delta=None, horizon=10, parties=None, step=None):
    """`parley bargain FILE`: alternating offers over the settlement's efficient packages by
    backward induction (horizon rounds); first: the party that proposes first (default the
    first party); delta: one discount for all or one per party (default each party's own
    below 1, else 0.9); parties, step as settle."""
    T = whole("horizon", horizon, 1, 100000)
    kw = {k: v for k, v in (("parties", parties), ("step", step)) if v is not None}
    st = _settlement(scn, dict(kw, max_enumerate=0, logrolls=0), None, "bargain")
    n = lib.pl_frontier_n_parties(lib.pl_settle_frontier(st))
    ids = [scn.actors[lib.pl_settle_party(st, i)] for i in range(n)]
    f = 0
    if first is not None:
        if first not in ids:
            raise ValueError("first=%r: not one of the %d parties (%s)"
                             % (first, n, ", ".join(ids)))
        f = ids.index(first)
    d = ffi.new("double[]", max(n, 1))
    lib.pl_bargain_discounts(scn._s, st, d)
    if delta is not None:
        ds = [delta] * n if not isinstance(delta, (list, tuple)) else list(delta)
        if len(ds) not in (1, n):
            raise ValueError("delta: expected one discount or %d, one per party" % n)
        ds = ds * n if len(ds) == 1 else ds
        for i, x in enumerate(ds):
            d[i] = number("delta", x, 1e-12, 1, "discounts in (0, 1]")
    r, err = ffi.new("pl_bargain_result *"), new_error()
    rc = lib.pl_bargain_settlement(r, st, f, d, T, err)
    res = ffi.gc(r, lib.pl_bargain_result_clear)
    check(rc, err)
    s = scn._s
    return Result("bargain", lambda e: lib.pl_bargain_settlement_emit(res, s, st, f, d, T, e),
                  scn.name, "values", keep=(scn, st, res, d))


def _pair(name, v, lo, hi, expect):
    """Two numbers, one per party, from a list of two (or one number for both), as a C
    double[2]."""
    vs = [v, v] if not isinstance(v, (list, tuple)) else list(v)
    if len(vs) != 2:
        raise ValueError("%s: expected two numbers, one per party; got %d" % (name, len(vs)))
    return ffi.new("double[2]", [number(name, x, lo, hi, expect) for x in vs])


def bargain_pie(delta=None, outside=None, breakdown=None, fallback=None, horizon=None):
    """`parley bargain` without a scenario: two parties split a pie of 1, the first proposing
    first. delta: a discount in (0, 1] for both, or one per party (default 0.9, or 1 with
    breakdown alone); outside: both parties' outside options in [0, 1]; breakdown: the
    probability in (0, 1] that talks break down after a rejection, with fallback: both
    payoffs then; horizon: rounds of offers (equal discounts). The closed form the terms
    call for: Rubinstein (1982), outside options, breakdown risk or the finite horizon."""
    t, keep = ffi.new("pl_pie_terms *"), []
    if delta is not None:
        keep.append(_pair("delta", delta, 1e-12, 1, "discounts in (0, 1]"))
        t.delta = keep[-1]
    for name, v in (("outside", outside), ("fallback", fallback)):
        if v is not None:
            if not isinstance(v, (list, tuple)):
                raise TypeError("%s: expected two numbers in [0, 1], one per party; got %r"
                                % (name, v))
            keep.append(_pair(name, v, 0, 1, "two numbers in [0, 1]"))
            setattr(t, name, keep[-1])
    if breakdown is not None:
        t.breakdown = number("breakdown", breakdown, 1e-12, 1, "a probability in (0, 1]")
    if horizon is not None:
        t.horizon = whole("horizon", horizon, 1, 100000)
    r, err = ffi.new("pl_pie_result *"), new_error()
    check(lib.pl_bargain_pie(r, t, err), err)
    return Result("bargain", lambda e: lib.pl_bargain_pie_emit(r, e), None, None, keep=(r,))


def _attach():
    """The analyses as Scenario's methods."""
    for f in (forecast, analyze, settle, durability, evaluate, claims, report, bargain):
        setattr(Scenario, f.__name__, f)


_attach()
