# SPDX-License-Identifier: MIT
"""`parley power`: voting power in the scenario's bodies, or in an ad-hoc weighted game.

The document is put together as cmd_power.c does (members of every body, the conclusions,
each body's summary and credibility), from the library's describers.
"""

from ._native import ffi, lib, new_error, check, default_opts, text
from ._args import whole, flag, ids
from ._errors import ScenarioError
from .results import Result, first_failure
from .scenario import Scenario

_METHODS = ("auto", "enumerate", "dp", "monte-carlo")


def _power_opts(method, samples, seed, max_memory, list_limit, no_shapley, floating):
    o = default_opts("power")
    if method is not None:
        if method not in _METHODS:
            raise ValueError("method=%r: expected one of %s" % (method, ", ".join(_METHODS)))
        o.method = _METHODS.index(method)
    if samples is not None:
        o.samples = whole("samples", samples, 1, 1 << 40)
    if seed is not None:
        o.seed = whole("seed", seed, 0, 2**64 - 1)
    if max_memory is not None:
        o.max_bytes = whole("max_memory", max_memory, 1, 1 << 30) * 1048576.0
    if list_limit is not None:
        o.list_limit = whole("list_limit", list_limit, 1, 100000)
    o.no_shapley, o.floating = flag("no_shapley", no_shapley), flag("floating", floating)
    return o


class _Job:
    """One body's (or the game's) power, and its credibility against a target member."""

    def __init__(self, ident, name, game, target, member):
        self.id, self.name, self.g, self.target = ident, name, game, target
        self.member, self.p, self.cr = member, None, None

    def run(self, o):
        out, err = ffi.new("pl_power **"), new_error()
        rc = lib.pl_power_compute(out, self.g, o, err)
        if rc == lib.PL_OK:
            self.p = ffi.gc(out[0], lib.pl_power_free)
            if self.target is not None:
                self.cr = ffi.new("pl_credibility *")
                rc = lib.pl_power_credibility(self.cr, self.g, self.p, self.member, err)
        if rc != lib.PL_OK:
            if rc == lib.PL_ENOMEM:
                raise MemoryError("parley: out of memory")
            raise ScenarioError("%s: %s" % (self.id, text(err.msg)), message=text(err.msg),
                                code=rc)


def _describe(jobs):
    cid = [ffi.new("char[]", j.id.encode()) for j in jobs]
    cname = [ffi.new("char[]", j.name.encode()) for j in jobs]
    ctarget = [ffi.new("char[]", j.target.encode()) if j.target else ffi.NULL for j in jobs]

    def describe(e):
        ps = ffi.new("const pl_power *[]", [j.p for j in jobs])
        gs = ffi.new("const pl_game *[]", [j.g for j in jobs])
        drc = lib.pl_power_emit_members(ps, gs, ffi.new("const char *[]", cid), len(jobs), e)
        lib.pl_emit_object_begin(e, b"conclusions", b"Can each body act against the actor "
                                 b"it is meant to restrain?")
        buf = ffi.new("char[]", 1024)
        for j, i, t in zip(jobs, cid, ctarget):
            if j.cr is not None:
                lib.pl_credibility_text(j.cr, j.g, ffi.NULL, t, buf, 1024)
                lib.pl_emit_string(e, i, buf)
        lib.pl_emit_object_end(e)
        lib.pl_emit_array_begin(e, b"bodies", ffi.NULL)
        for j, i, n, t in zip(jobs, cid, cname, ctarget):
            lib.pl_emit_object_begin(e, ffi.NULL, n)
            lib.pl_emit_string(e, b"id", i)
            lib.pl_emit_string(e, b"name", n)
            drc = first_failure(drc, lib.pl_power_emit_summary(j.p, j.g, e))
            if j.cr is not None:
                drc = first_failure(drc, lib.pl_credibility_emit(j.cr, j.g, i, t, e))
            lib.pl_emit_object_end(e)
        lib.pl_emit_array_end(e)
        return drc
    return describe


def power(scn, body=None, against=None, method=None, samples=None, seed=None,
          max_memory=None, list_limit=None, no_shapley=False, floating=False):
    """`parley power FILE`: each body's power indices (Shapley-Shubik, Banzhaf, ...), its
    minimal winning and blocking coalitions, and whether it can act against the actor it
    is meant to restrain (against: another actor id). body: one body's id."""
    o = _power_opts(method, samples, seed, max_memory, list_limit, no_shapley, floating)
    s = scn._s
    for arg, v, known in (("body", body, scn.bodies), ("against", against, scn.actors)):
        if v is not None and not isinstance(v, str):
            raise TypeError("%s: expected an id; got %r" % (arg, v))
        if v is not None and v not in known:
            raise ValueError("%s=%r: no such %s in scenario %s; expected one of %s"
                             % (arg, v, "body" if arg == "body" else "actor", scn.name,
                                ", ".join(known)))
    jobs = []
    for b in range(lib.pl_scenario_n_bodies(s)):
        bd = lib.pl_scenario_body(s, b)
        if body is not None and text(lib.pl_body_id(bd)) != body:
            continue
        out, err = ffi.new("pl_game **"), new_error()
        check(lib.pl_game_from_body(out, s, b, err), err)
        g = ffi.gc(out[0], lib.pl_game_free)
        actor = scn.actors.index(against) if against else lib.pl_body_against(bd)
        target = scn.actors[actor] if actor >= 0 else None
        member = -1
        for m in range(lib.pl_game_n_members(g) if target else 0):
            if text(lib.pl_game_member_name(g, m)) == target:
                member = m
        jobs.append(_Job(text(lib.pl_body_id(bd)), text(lib.pl_body_name(bd)), g, target,
                         member))
    if not jobs:
        raise ValueError("scenario %s has no bodies; expected a `bodies:` section, or use "
                         "parley.power_game(weights=..., quota=...)" % scn.name)
    for j in jobs:
        j.run(o)
    return Result("power", _describe(jobs), scn.name, "members", keep=(scn, jobs))


def _game_text(name, v):
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        raise TypeError("%s: expected a number or a list; got %r" % (name, v))
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, (list, tuple)) and v and all(isinstance(x, (int, str)) and
                                                  not isinstance(x, bool) for x in v):
        return ",".join(str(x) for x in v)
    raise TypeError("%s: expected a list of whole numbers (or the CLI's text, "
                    "\"7x5,1x10\"); got %r" % (name, v))


def power_game(weights=None, quota=None, min_members=None, names=None, veto=None,
               against=None, method=None, samples=None, seed=None, max_memory=None,
               list_limit=None, no_shapley=False, floating=False):
    """`parley power --weights ... --quota ...`: an ad-hoc weighted game. weights: a list of
    whole numbers (or "7x5,1x10"); quota: a number, "2/3", "65%", "majority" or
    "unanimity"; min_members: also at least that many members; names, veto: member names;
    against: a member (name or number)."""
    o = _power_opts(method, samples, seed, max_memory, list_limit, no_shapley, floating)
    if weights is None and names is None:
        raise TypeError("power_game: expected weights=[...] (and quota=...)")
    items = []
    if weights is not None:
        items.append((lib.pl_game_builder_weights, _game_text("weights", weights)))
    if quota is not None:
        items.append((lib.pl_game_builder_quota, _game_text("quota", quota)))
    if min_members is not None:
        items.append((lib.pl_game_builder_min_members,
                      str(whole("min_members", min_members, 1, 2**50))))
    if names is not None:
        items.append((lib.pl_game_builder_names, ids("names", names)))
    if veto is not None:
        items.append((lib.pl_game_builder_veto, ids("veto", veto)))
    out, err = ffi.new("pl_game_builder **"), new_error()
    check(lib.pl_game_builder_new(out, err), err)
    b = ffi.gc(out[0], lib.pl_game_builder_free)
    check(lib.pl_game_builder_max_memory(b, o.max_bytes if o.max_bytes > 0 else 1073741824.0,
                                         err), err)
    for add, v in items:
        check(add(b, v.encode(), err), err)
    g_out = ffi.new("pl_game **")
    check(lib.pl_game_builder_build(b, g_out, err), err)
    g = ffi.gc(g_out[0], lib.pl_game_free)
    member = -1
    if against is not None:
        a = str(against) if isinstance(against, int) and not isinstance(against, bool) \
            else against
        if not isinstance(a, str):
            raise TypeError("against: expected a member's name or number; got %r" % (against,))
        member = lib.pl_game_member_index(g, a.encode())
        if member < 0:
            raise ValueError("against=%r: not a member; expected a name or a number from 1 "
                             "to %d" % (against, lib.pl_game_n_members(g)))
        against = a
    job = _Job("game", "game", g, against, member)
    job.run(o)
    return Result("power", _describe([job]), None, "members", keep=(job,))


Scenario.power = power
