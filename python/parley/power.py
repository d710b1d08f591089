# SPDX-License-Identifier: MIT
"""`parley power`: voting power in the scenario's bodies, or in an ad-hoc weighted game.

The document is the library's (pl_power_doc), as the command writes it: members of every
body, the conclusions, each body's summary and credibility.
"""

from ._native import ffi, lib, new_error, check, default_opts
from ._args import whole, flag, ids
from .results import Result
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


def _document(make, scenario_name, keep):
    """The Result of a pl_power_doc that make(out, err) composes, as `parley power` does."""
    out, err = ffi.new("pl_power_doc **"), new_error()
    check(make(out, err), err)
    d = ffi.gc(out[0], lib.pl_power_doc_free)
    return Result("power", lambda e: lib.pl_power_doc_emit(d, e), scenario_name, "members",
                  keep=keep + (d,))


def _id(argument, v):
    """An id given as a str, as C text (NULL for None)."""
    if v is None:
        return ffi.NULL
    if not isinstance(v, str):
        raise TypeError("%s: expected an id; got %r" % (argument, v))
    return ffi.new("char[]", v.encode())


def power(scn, body=None, against=None, method=None, samples=None, seed=None,
          max_memory=None, list_limit=None, no_shapley=False, floating=False):
    """`parley power FILE`: each body's power indices (Shapley-Shubik, Banzhaf, ...), its
    minimal winning and blocking coalitions, and whether it can act against the actor it
    is meant to restrain (against: another actor id). body: one body's id."""
    o = _power_opts(method, samples, seed, max_memory, list_limit, no_shapley, floating)
    cbody, cagainst = _id("body", body), _id("against", against)
    return _document(lambda out, err: lib.pl_power_doc_scenario(out, scn._s, cbody, cagainst,
                                                                o, err),
                     scn.name, (scn,))


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
    if against is not None and (isinstance(against, bool) or
                                not isinstance(against, (int, str))):
        raise TypeError("against: expected a member's name or number; got %r" % (against,))
    cagainst = _id("against", None if against is None else str(against))
    return _document(lambda out, err: lib.pl_power_doc_game(out, g, cagainst, o, err), None,
                     (g,))


Scenario.power = power
