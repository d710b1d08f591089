# SPDX-License-Identifier: MIT
"""Arguments: checked in Python so that a wrong one is a TypeError or ValueError naming it,
never a value the library would misread."""
import numbers

from ._native import ffi, lib, choice, new_error, text


def whole(name, v, lo, hi):
    if isinstance(v, bool) or not isinstance(v, numbers.Integral):
        raise TypeError("%s: expected a whole number from %d to %d; got %r" % (name, lo, hi, v))
    if not lo <= v <= hi:
        raise ValueError("%s=%r: expected a whole number from %d to %d" % (name, v, lo, hi))
    return int(v)


def number(name, v, lo, hi, expect):
    if isinstance(v, bool) or not isinstance(v, numbers.Real):
        raise TypeError("%s: expected %s; got %r" % (name, expect, v))
    v = float(v)
    if not lo <= v <= hi:  # also NaN
        raise ValueError("%s=%r: expected %s" % (name, v, expect))
    return v


def flag(name, v):
    if not isinstance(v, bool):
        raise TypeError("%s: expected True or False; got %r" % (name, v))
    return int(v)


def ids(name, v):
    """A list of ids (or one comma-separated str) as the CLI's "a,b" text."""
    if isinstance(v, str):
        return v
    if isinstance(v, (list, tuple)) and v and all(isinstance(x, str) for x in v):
        return ",".join(v)
    raise TypeError("%s: expected a list of ids; got %r" % (name, v))


def model_mask(v, argument="models"):
    names = [text(lib.pl_model_name(m)) for m in range(lib.PL_MODEL_COUNT)]
    return name_mask(v, names, argument)


def name_mask(v, names, argument):
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, (list, tuple)) or not v or not all(isinstance(x, str) for x in v):
        raise TypeError("%s: expected a list of names from %s; got %r"
                        % (argument, ", ".join(names), v))
    mask = 0
    for x in v:
        if x not in names:
            raise ValueError("%s: unknown %r; expected names from %s"
                             % (argument, x, ", ".join(names)))
        mask |= 1 << names.index(x)
    return mask


# The enumerated forecast options (parley/options.h): the option's word list and the field
# of pl_forecast_opts it sets.
_FORECAST_ENUMS = {
    "weights": ("weights",), "median_tie": ("tie",), "loss": ("loss",),
    "eum_prob": ("eum", "prob"), "eum_select": ("eum", "select"),
    "eum_compromise": ("eum", "compromise"), "eum_perspective": ("eum", "perspective"),
    "eum_salience_25b": ("eum", "sal25b_printed"), "exchange_rule": ("exchange", "rule"),
    "smp_vote": ("smp", "vote"), "smp_victory": ("smp", "vpm"), "smp_election": ("smp", "pce"),
    "smp_risk": ("smp", "risk"), "smp_perspective": ("smp", "persp"),
    "smp_bargain": ("smp", "interp"), "smp_commit": ("smp", "commit"),
    "smp_bargains": ("smp", "bargains"),
}
FORECAST_KEYS = tuple(_FORECAST_ENUMS) + ("eum_preset", "rounds", "seed", "eum_q",
                                           "disagreement", "no_status_quo", "threads",
                                           "smp_turns", "smp_accommodate", "smp_stochastic",
                                           "eum_capitulation")


# The central-tendency options (the CLI's CLI_FORECAST_OPTDEFS), all that analyze and compare
# take of the forecast's.
CENTRAL_KEYS = ("weights", "median_tie", "loss", "no_status_quo", "disagreement")


def _set(o, path, value):
    for p in path[:-1]:
        o = getattr(o, p)
    setattr(o, path[-1], value)


def forecast_opts(fo, kw):
    """Read the forecast keywords (FORECAST_KEYS) into a pl_forecast_opts, as the CLI's
    forecast options are read (the preset first, then each knob over it)."""
    if kw.get("eum_preset") is not None:
        err = new_error()
        if not isinstance(kw["eum_preset"], str):
            raise TypeError("eum_preset: expected a str; got %r" % (kw["eum_preset"],))
        if lib.pl_eum_preset(ffi.addressof(fo, "eum"), kw["eum_preset"].encode(), err):
            raise ValueError("eum_preset=%r: %s" % (kw["eum_preset"], text(err.msg)))
    for key, path in _FORECAST_ENUMS.items():
        if kw.get(key) is not None:
            _set(fo, path, choice(key.replace("_", "-"), kw[key], key))
    if kw.get("rounds") is not None:
        fo.eum.rounds = fo.exchange.rounds = whole("rounds", kw["rounds"], 0, 10000)
    if kw.get("seed") is not None:
        fo.exchange.seed = fo.smp.seed = whole("seed", kw["seed"], 0, 2**64 - 1)
    if kw.get("eum_q") is not None:
        fo.eum.q = number("eum_q", kw["eum_q"], 0, 1, "a probability in [0, 1]")
    if kw.get("eum_capitulation"):
        fo.eum.no_capitulation = 0
    if kw.get("disagreement") is not None:
        fo.disagreement = number("disagreement", kw["disagreement"], -1e12, -1e-300,
                                 "a negative number")
    fo.ignore_status_quo = flag("no_status_quo", kw.get("no_status_quo", False))
    if kw.get("threads") is not None:
        fo.smp.threads = whole("threads", kw["threads"], 1, 64)
    if kw.get("smp_turns") is not None:
        fo.smp.max_turns = whole("smp_turns", kw["smp_turns"], 1, 100000)
    if kw.get("smp_accommodate") is not None:
        fo.smp.accommodate = number("smp_accommodate", kw["smp_accommodate"], 0, 1,
                                    "a share in [0, 1]")
    fo.smp.stochastic = flag("smp_stochastic", kw.get("smp_stochastic", False))


SETTLE_KEYS = ("parties", "step", "normalise", "time", "equal_power", "tau",
               "indifferent_yes", "max_enumerate", "max_memory", "threads", "logrolls", "loss")


def settle_opts(o, kw, keep):
    """Read the settlement keywords (SETTLE_KEYS) into a pl_settle_opts; C strings it
    points to are appended to keep."""
    if kw.get("parties") is not None:
        keep.append(ffi.new("char[]", ids("parties", kw["parties"]).encode()))
        o.parties = keep[-1]
    if kw.get("step") is not None:
        o.step = number("step", kw["step"], 0.01, 100, "a grid step in [0.01, 100]")
    o.normalise = flag("normalise", kw.get("normalise", False))
    if kw.get("time") is not None:
        o.time = number("time", kw["time"], 0, 1, "a time in [0, 1]")
    o.equal_power = flag("equal_power", kw.get("equal_power", False))
    if kw.get("tau") is not None:
        o.tau = number("tau", kw["tau"], 1e-9, 1, "a probability in (0, 1]")
    o.indifferent_yes = flag("indifferent_yes", kw.get("indifferent_yes", False))
    if kw.get("max_enumerate") is not None:
        o.max_enumerate = number("max_enumerate", kw["max_enumerate"], 0, 9e15,
                                 "a number of packages")
    if kw.get("max_memory") is not None:
        o.max_bytes = whole("max_memory", kw["max_memory"], 1, 1 << 30) * 1048576.0
    if kw.get("threads") is not None:
        o.threads = whole("threads", kw["threads"], 1, 256)
    if kw.get("logrolls") is not None:
        o.logrolls = whole("logrolls", kw["logrolls"], 0, 1000)
    if kw.get("loss") is not None:
        o.loss = choice("loss", kw["loss"], "loss")


def unknown(kw, allowed, function):
    bad = sorted(set(kw) - set(allowed))
    if bad:
        raise TypeError("%s() got unexpected keyword argument%s %s; expected %s"
                        % (function, "s" if len(bad) > 1 else "", ", ".join(bad),
                           ", ".join(sorted(allowed))))


def both_opts(o, kw, seed, threads, keep):
    """The forecast and settlement keywords of stress and report into o.forecast and
    o.settle: a seed and a thread count given are for all (as the CLI's --seed and
    --threads), and one loss for both."""
    given = {k: v for k, v in (("seed", seed), ("threads", threads)) if v is not None}
    forecast_opts(o.forecast, dict({k: v for k, v in kw.items() if k in FORECAST_KEYS},
                                   **given))
    settle_opts(o.settle, dict({k: v for k, v in kw.items() if k in SETTLE_KEYS},
                               **{k: v for k, v in given.items() if k == "threads"}), keep)
    o.settle.loss = o.forecast.loss
