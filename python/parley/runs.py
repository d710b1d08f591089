# SPDX-License-Identifier: MIT
"""`parley runs`: the run store (`parley stress --store FILE`), read only: list, show, diff
and export, each the library's document (pl_store_list, _show, _diff, _export)."""
import os

from ._native import ffi, lib, new_error, check, error_from
from .results import Result


@ffi.callback("int(const char *, size_t, void *)")
def _discard(data, length, payload):
    return 0


class Store:
    """A run store opened for reading (never created or changed). One Store is for one
    thread at a time; open another for another thread. Each method returns a Result whose
    to_dict() is `parley runs ... --format json` parsed."""

    def __init__(self, path=None):
        if path is None:
            path = os.environ.get("PARLEY_STORE") or None
        if path is None:
            raise ValueError("store: no run store; give a path or set PARLEY_STORE")
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError("store: expected a path; got %s" % type(path).__name__)
        self.path = os.fspath(path)
        out, err = ffi.new("pl_store **"), new_error()
        check(lib.pl_store_open(out, os.fsencode(self.path), 0, err), err)
        self._db = ffi.gc(out[0], lib.pl_store_close)

    def _ids(self, *ids):
        """The runs' ids as C text, each checked first (as the command does before it writes
        anything): an unknown or ambiguous id raises ScenarioError here."""
        out = []
        for i in ids:
            if not isinstance(i, str):
                raise TypeError("id: expected a run id or a prefix of at least 4 hex digits; "
                                "got %r" % (i,))
            out.append(ffi.new("char[]", i.encode()))
            em, err = ffi.new("pl_emitter **"), new_error()
            check(lib.pl_emitter_new(em, lib.PL_FORMAT_JSON, _discard, ffi.NULL, ffi.NULL,
                                     err), err)
            try:
                lib.pl_emit_object_begin(em[0], ffi.NULL, ffi.NULL)
                check(lib.pl_store_show(self._db, out[-1], em[0], err), err)
            finally:
                lib.pl_emitter_free(em[0])
        return out

    def _result(self, what, table, emit, *ids):
        cids = self._ids(*ids)

        def describe(e):
            err = new_error()
            rc = emit(self._db, *cids, e, err)
            if rc != lib.PL_OK:
                raise error_from(err, rc)
            return rc
        return Result("runs " + what, describe, None, table, keep=(self, cids))

    def list(self):
        """Every run, newest first: id, command, scenario, draws, seed, start, seconds."""
        return self._result("list", "runs", lib.pl_store_list)

    def show(self, run):
        """A run (its id or a unique prefix of at least 4 hex digits): inputs and summary."""
        return self._result("show", "numbers", lib.pl_store_show, run)

    def diff(self, a, b):
        """Two runs side by side: what differs in their inputs, each metric's change."""
        return self._result("diff", "metrics", lib.pl_store_diff, a, b)

    def export(self, run):
        """Everything of one run: the scenario text, every result, the per-draw values
        when stored."""
        return self._result("export", "metrics", lib.pl_store_export, run)

    def __repr__(self):
        return "<parley.Store %s>" % self.path


def runs(store=None):
    """The run store at `store` (a path; default $PARLEY_STORE), opened for reading."""
    return Store(store)
