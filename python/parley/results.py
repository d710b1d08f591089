# SPDX-License-Identifier: MIT
"""Results: an analysis's document as the CLI writes it (JSON, text, CSV), parsed on demand.

A Result keeps the library's result objects alive and asks the library's emitter for the
document each time one of its forms is wanted, so to_dict() is exactly `parley CMD
--format json` parsed, to_text() the terminal text and to_csv() a table.
"""
import json

from ._native import ffi, lib, new_error, check, error_from, text


@ffi.callback("int(const char *, size_t, void *)")
def _write(data, length, payload):
    ffi.from_handle(payload).append(ffi.buffer(data, length)[:])
    return 0


_FORMATS = {"json": 1, "text": 0, "csv": 2}  # pl_format


def emit_document(describe, scenario_name=None, fmt="json", table=None, header=True):
    """The document a CLI command writes: its root object with the parley version and the
    scenario's name, then describe(emitter) (which returns the first describer's failure,
    PL_OK when none), as a str."""
    chunks = []
    handle = ffi.new_handle(chunks)
    err = new_error()
    opts = ffi.new("pl_emit_opts *")
    ctable = ffi.new("char[]", table.encode()) if table else ffi.NULL
    opts.csv_table = ctable
    em = ffi.new("pl_emitter **")
    check(lib.pl_emitter_new(em, _FORMATS[fmt], _write, handle, opts, err), err)
    e = em[0]
    try:
        lib.pl_emit_object_begin(e, ffi.NULL, ffi.NULL)
        if header:
            lib.pl_emit_string(e, b"parley", lib.pl_version())
        if header and scenario_name is not None:
            lib.pl_emit_string(e, b"scenario", scenario_name.encode())
        drc = describe(e)
        lib.pl_emit_object_end(e)
        if drc == lib.PL_ENOMEM:
            raise MemoryError("parley: out of memory (the document would miss a part)")
        check(lib.pl_emitter_finish(e, err), err)
    finally:
        lib.pl_emitter_free(e)
    return b"".join(chunks).decode("utf-8")


def _find_table(node, key):
    if isinstance(node, dict):
        if key in node and isinstance(node[key], list):
            return node[key]
        for v in node.values():
            found = _find_table(v, key)
            if found is not None:
                return found
    elif isinstance(node, list):
        for v in node:
            found = _find_table(v, key)
            if found is not None:
                return found
    return None


def _is_table(v):
    return isinstance(v, list) and v and all(isinstance(r, dict) for r in v) and \
        all(not isinstance(c, (dict, list)) for r in v for c in r.values())


class Result:
    """The result of one analysis. to_dict(): the CLI's JSON document, parsed; to_json(),
    to_text(), to_csv(table): the CLI's other outputs; to_pandas(table): a table as a
    pandas DataFrame (pandas is imported only then); tables(): the tables' keys."""

    def __init__(self, command, describe, scenario_name=None, default_table=None, keep=(),
                 header=True):
        self.command, self._header = command, header
        self._describe = describe
        self._name = scenario_name
        self.default_table = default_table
        self._keep = keep
        self._dict = None

    def to_json(self):
        return emit_document(self._describe, self._name, "json", header=self._header)

    def to_text(self):
        return emit_document(self._describe, self._name, "text", header=self._header)

    def to_csv(self, table=None):
        return emit_document(self._describe, self._name, "csv", table or self.default_table,
                             header=self._header)

    def to_dict(self):
        if self._dict is None:
            self._dict = json.loads(self.to_json())
        return json.loads(json.dumps(self._dict))  # the caller's own copy

    def __getitem__(self, key):
        if self._dict is None:
            self.to_dict()
        return self._dict[key]

    def tables(self):
        """Keys of the document's tables (lists of flat rows), in document order."""
        out = []

        def walk(node):
            if isinstance(node, dict):
                for k, v in node.items():
                    if _is_table(v):
                        out.append(k)
                    else:
                        walk(v)
            elif isinstance(node, list):
                for v in node:
                    walk(v)
        walk(self.to_dict())
        return out

    def to_pandas(self, table=None):
        key = table or self.default_table
        if key is None:
            raise ValueError("table: this result has no default table; expected one of %s"
                             % ", ".join(self.tables()))
        if not isinstance(key, str):
            raise TypeError("table: expected a str, one of %s" % ", ".join(self.tables()))
        rows = _find_table(self.to_dict(), key)
        if rows is None:
            raise ValueError("table=%r: no such table; expected one of %s"
                             % (key, ", ".join(self.tables()) or "(none)"))
        import pandas  # only when asked
        return pandas.DataFrame(rows)

    def _repr_html_(self):
        if self.default_table is None:
            return None
        try:
            return self.to_pandas()._repr_html_()
        except (ImportError, ValueError):
            return None

    def __repr__(self):
        return "<parley.Result %s%s>" % (self.command,
                                         " of " + self._name if self._name else "")

    def __str__(self):
        return self.to_text()


def _save(path, content):
    """Write content as the CLI writes it: UTF-8, line ends as they are."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(content)


class Chart:
    """One SVG chart; Jupyter shows it inline (_repr_svg_)."""

    def __init__(self, name, svg):
        self.name, self.svg = name, svg

    def _repr_svg_(self):
        return self.svg

    def save(self, path):
        _save(path, self.svg)

    def __repr__(self):
        return "<parley.Chart %s, %d bytes of SVG>" % (self.name, len(self.svg))


class Report:
    """`parley report`: one HTML page (html, _repr_html_ for Jupyter) and its charts."""

    def __init__(self, r, scenario_name):
        self._r = r
        self.scenario = scenario_name
        self.charts = []
        n = lib.pl_report_n_charts(r)
        for i in range(n):
            ln = ffi.new("size_t *")
            svg = lib.pl_report_chart_svg(r, i, ln)
            self.charts.append(Chart(text(lib.pl_report_chart_name(r, i)),
                                     ffi.buffer(svg, ln[0])[:].decode("utf-8")))
        self._html = None

    @property
    def html(self):
        if self._html is None:
            chunks = []
            err = new_error()
            rc = lib.pl_report_html(self._r, _write, ffi.new_handle(chunks), err)
            if rc:
                raise error_from(err, rc)
            self._html = b"".join(chunks).decode("utf-8")
        return self._html

    def _repr_html_(self):
        return self.html

    def save(self, path):
        _save(path, self.html)

    def __repr__(self):
        return "<parley.Report of %s, %d charts>" % (self.scenario, len(self.charts))
