# SPDX-License-Identifier: MIT
"""Progress and Ctrl-C during long calls.

cffi releases the GIL for every call into libparley, so other Python threads run while an
analysis does. The library calls back (include/parley/progress.h) on the calling thread at
fixed points of its work; each callback takes the GIL, and that is where Python's SIGINT
handler runs: a KeyboardInterrupt raised there is kept, and the call raises it when the
library returns. Stress also asks its per-draw callback (pl_stress_opts.on_draw) whether to
go on, which stops it at the next draw; other analyses finish their call first.
"""
import sys
import threading

from ._native import ffi, lib, new_error

_current = threading.local()


def _record(exc_type, exc, tb):
    w = getattr(_current, "watch", None)
    if w is not None and w.exc is None:
        w.exc = exc if exc is not None else exc_type()
    return None


def _record_stop(exc_type, exc, tb):
    _record(exc_type, exc, tb)
    return 1  # on_draw: non-zero stops the run


@ffi.callback("void(void *, uint64_t, uint64_t)", onerror=_record)
def _progress(payload, done, total):
    ffi.from_handle(payload).show(done, total)


@ffi.callback("int(void *, uint64_t, const double *, size_t)", onerror=_record_stop)
def _on_draw(payload, draw, values, n):
    w = ffi.from_handle(payload)
    if w.exc is not None:
        return 1
    if w.db is not None:  # store_draws: the draw's values into the run store (the GIL held)
        err = new_error()
        if lib.pl_store_draw(w.db, draw, values, n, err) != lib.PL_OK:
            w.store_err = err
            return 1
    return 0


class _Bar:
    def __init__(self, label, unit):
        self.label, self.unit = label, unit

    def __call__(self, done, total):
        pct = 100.0 * done / total if total else 100.0
        sys.stderr.write("\r%s: %d/%d %s (%.0f%%)" % (self.label, done, total, self.unit, pct))
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


class Watch:
    """One call's progress reports and interruption. progress: None or False (none), True
    (a line on stderr), or a callable f(done, total)."""

    def __init__(self, progress, label, unit, db=None):
        if progress is True:
            progress = _Bar(label, unit)
        elif progress is False:
            progress = None
        if progress is not None and not callable(progress):
            raise TypeError("progress: expected True, False, None or a callable "
                            "f(done, total); got %r" % (progress,))
        self.fn, self.exc = progress, None
        self.db, self.store_err = db, None  # stress: a run store taking every draw, its failure
        self.handle = ffi.new_handle(self)

    def show(self, done, total):
        if self.fn is not None and self.exc is None:
            self.fn(done, total)

    @property
    def callback(self):
        """The pl_progress_fn to give the library (always one: it is where Ctrl-C lands)."""
        return _progress

    @property
    def on_draw(self):
        return _on_draw

    def __enter__(self):
        self._outer = getattr(_current, "watch", None)
        _current.watch = self
        return self

    def __exit__(self, *exc):
        _current.watch = self._outer
        if self.exc is not None:  # also over the library's error when the run was stopped
            raise self.exc
        return False
