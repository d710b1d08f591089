# SPDX-License-Identifier: MIT
"""`parley compare`: two scenarios (or a scenario and its variant or changes, or two
proposals) through the same analyses, and what differs: the library's pl_compare."""
from ._native import ffi, lib, new_error, check, default_opts, text
from ._args import SETTLE_KEYS, CENTRAL_KEYS, forecast_opts, settle_opts, name_mask, unknown
from .analyses import proposal_bytes, parse_proposal, claims_bytes, parse_claims
from .results import Result
from .scenario import Scenario

_COMPARE_SETTLE_KEYS = tuple(k for k in SETTLE_KEYS if k not in ("logrolls", "loss"))


class _Side:
    """One side as pl_compare_side borrows it, with everything it points to kept alive."""

    def __init__(self, scn, proposal, claims):
        self.c = ffi.new("pl_compare_side *")
        src = scn._source.inputs[0]
        self.file = None if scn._builtin else src[1]
        text = scn.text.encode()
        self.text = ffi.new("char[]", text)
        self.name = ffi.new("char[]", (scn.name if scn._builtin else src[1]).encode())
        label = ffi.new("char[]", 512)
        lib.pl_compare_label(scn._s, self.file.encode() if self.file else ffi.NULL, label, 512)
        self.label = label
        c = self.c
        c.label, c.s, c.text, c.len, c.name = label, scn._s, self.text, len(text), self.name
        self.keep = [scn]
        if proposal is not None:
            data, name = proposal
            p = parse_proposal(scn, data, name)
            self.keep += [p, ffi.new("char[]", data), ffi.new("char[]", name.encode())]
            c.proposal, c.proposal_text, c.proposal_len = p, self.keep[-2], len(data)
            c.proposal_name = self.keep[-1]
        if claims is not None:
            self.keep.append(parse_claims(scn, *claims))
            c.claims = self.keep[-1]


def _proposals(a, b, proposal):
    """(A's, B's) proposal bytes: one proposal for both sides, or a pair (A's, B's)."""
    if proposal is None:
        return None, None
    if isinstance(proposal, tuple):
        if len(proposal) != 2:
            raise ValueError("proposal: expected one proposal (both sides) or a pair (A's, "
                             "B's); got %d" % len(proposal))
        pa, pb = proposal
        return (proposal_bytes(a, pa) if pa is not None else None,
                proposal_bytes(b, pb) if pb is not None else None)
    return proposal_bytes(a, proposal), proposal_bytes(b, proposal)


def compare(scn, other=None, proposal=None, claims=None, analyses=None, threads=None, **kw):
    """`parley compare`: this scenario (A) and `other` (B; default A itself, e.g. with a
    proposal pair) through the same analyses (names from forecast, settle, power,
    durability, claims; default each one both sides can run), and what differs: the inputs
    by path, then every result that changed, largest first. proposal: one proposal judged
    on both sides, or a pair (A's, B's); claims: a claims file read against both (default
    the built-in scenario's own when A is built in). Keywords: the forecast options of
    analyze and the settlement options of settle."""
    unknown(kw, CENTRAL_KEYS + _COMPARE_SETTLE_KEYS, "compare")
    b = scn if other is None else other
    if not isinstance(b, Scenario):
        raise TypeError("other: expected a parley.Scenario; got %s" % type(b).__name__)
    o, keep = default_opts("compare"), []
    if analyses is not None:
        names = [text(lib.pl_compare_analysis_name(k)) for k in range(lib.PL_COMPARE_COUNT)]
        o.analyses = name_mask(analyses, names, "analyses")
    forecast_opts(o.forecast, {k: v for k, v in kw.items() if k in CENTRAL_KEYS})
    settle_opts(o.settle, dict({k: v for k, v in kw.items() if k in _COMPARE_SETTLE_KEYS},
                               **({"threads": threads} if threads is not None else {})), keep)
    o.settle.loss = o.forecast.loss  # one --loss for both, as the command reads it
    pa, pb = _proposals(scn, b, proposal)
    found = claims_bytes(scn, claims)
    sides = (_Side(scn, pa, found), _Side(b, pb, found))
    out, err = ffi.new("pl_compare **"), new_error()
    check(lib.pl_compare_compute(out, sides[0].c, sides[1].c, o, err), err)
    c = ffi.gc(out[0], lib.pl_compare_free)
    return Result("compare", lambda e: lib.pl_compare_emit(c, e), None, "results",
                  keep=(sides, c, keep))


Scenario.compare = compare
