# SPDX-License-Identifier: MIT
"""Scenarios: loading (a file, text, a dict, the built-in one, another tool's file), what-if
changes, validation. Analyses are methods of Scenario (analyses.py, stress.py, power.py)."""
import json
import os

from ._native import ffi, lib, new_error, check, error_from, text, default_opts
from ._errors import ScenarioError
from .results import Result


@ffi.callback("void(const pl_error *, void *)")
def _warn(warning, payload):
    buf = ffi.new("char[]", 1024)
    lib.pl_error_format(warning, buf, 1024)
    ffi.from_handle(payload).append(text(buf))


_FORMATS = ("yaml", "json", "deu", "decide", "ktab", "genius")


def _format(name, argument="format"):
    if name is None:
        return lib.PL_INPUT_UNKNOWN
    if not isinstance(name, str):
        raise TypeError("%s: expected a str, one of %s; got %s"
                        % (argument, ", ".join(_FORMATS), type(name).__name__))
    f = ffi.new("pl_input_format *")
    if lib.pl_input_format_parse(f, name.encode()) != lib.PL_OK:
        raise ValueError("%s=%r: expected one of %s" % (argument, name, ", ".join(_FORMATS)))
    return f[0]


def _change_text(path, value):
    """--set PATH=VALUE; VALUE in YAML: a str as written, anything else as JSON (which YAML
    reads)."""
    if not isinstance(path, str) or not path:
        raise TypeError("changes: each key is a path such as 'positions.RUS.TERR.salience'; "
                        "got %r" % (path,))
    if isinstance(value, str):
        return "%s=%s" % (path, value)
    try:
        return "%s=%s" % (path, json.dumps(value, allow_nan=False))
    except (TypeError, ValueError):
        raise TypeError("changes[%r]: expected a number, str, bool, None, list or dict; "
                        "got %r" % (path, value)) from None


class _Source:
    """What a scenario was read from, kept to read it again with changes: the inputs' bytes
    and names, and the format they were read as."""

    def __init__(self, inputs, fmt):
        self.inputs, self.fmt = inputs, fmt  # [(bytes, name)], pl_input_format

    def load(self, changes=(), variant=None, flags=0, errors=None):
        err = new_error()
        keep, ptrs = [], []
        for data, name in self.inputs:
            p = ffi.new("pl_input **")
            check(lib.pl_input_from_buffer(p, data, len(data), name.encode(), err), err)
            keep.append(ffi.gc(p[0], lib.pl_input_free))
            ptrs.append(p[0])
        opts = default_opts("load")
        warnings = []
        handle = ffi.new_handle(warnings)
        opts.flags, opts.warn, opts.payload = flags, _warn, handle
        cchanges = [ffi.new("char[]", c.encode()) for c in changes]
        arr = ffi.new("const char *[]", cchanges) if cchanges else ffi.NULL
        opts.changes, opts.n_changes = arr, len(cchanges)
        cvariant = ffi.new("char[]", variant.encode()) if variant else ffi.NULL
        opts.variant = cvariant
        if errors is not None:
            opts.errors = errors
        out = ffi.new("pl_scenario **")
        ins = ffi.new("pl_input *[]", ptrs)
        rc = lib.pl_input_load(out, ffi.NULL, len(ptrs), ins, self.fmt, opts, err)
        if rc != lib.PL_OK:
            raise error_from(err, rc)
        return ffi.gc(out[0], lib.pl_scenario_free), warnings


def _read_file(path):
    err = new_error()
    p = ffi.new("pl_input **")
    check(lib.pl_input_read(p, os.fsencode(path), 0, err), err)
    inp = ffi.gc(p[0], lib.pl_input_free)
    n = ffi.new("size_t *")
    data = lib.pl_input_data(inp, n)
    return ffi.buffer(data, n[0])[:], text(lib.pl_input_name(inp))


def bytes_of(x, argument):
    """(bytes, name in messages) of an input given for `argument`: a path (str without a
    line break, or os.PathLike), YAML or JSON text (str with a line break, or bytes), or a
    dict (as the JSON json.dumps(x, indent=2) writes, named <dict>)."""
    if isinstance(x, dict):
        return json.dumps(x, indent=2, allow_nan=False).encode(), "<dict>"
    if isinstance(x, (bytes, bytearray)):
        return bytes(x), "<text>"
    if isinstance(x, str) and "\n" in x:
        return x.encode(), "<text>"
    if isinstance(x, str) and not x:
        raise ValueError("%s: an empty path; expected a file, YAML text or a dict" % argument)
    if isinstance(x, (str, os.PathLike)):
        return _read_file(x)
    raise TypeError("%s: expected a path, YAML or JSON text, bytes or a dict; got %s"
                    % (argument, type(x).__name__))


def _source_of(x, fmt, argument="scenario"):
    return _Source([bytes_of(x, argument)], _format(fmt))


def load(scenario, format=None, variant=None, changes=None):
    """A scenario from a file path, YAML or JSON text (a str with a line break), bytes or a
    dict; format names an importer ("decide", "deu", "ktab", "genius") or "yaml"/"json"
    (default: as the bytes show). variant and changes as Scenario.with_changes."""
    s = Scenario(_source_of(scenario, format))
    return s.with_changes(changes, variant) if changes or variant else s


def builtin(name=None):
    """A scenario compiled into the library (default: the first, ukraine-2025)."""
    if name is None:
        name = text(lib.pl_builtin_name(0))
    if not isinstance(name, str):
        raise TypeError("name: expected a str, one of %s; got %s"
                        % (", ".join(builtin_names()), type(name).__name__))
    n = ffi.new("size_t *")
    t = lib.pl_builtin_text(name.encode(), n)
    if t == ffi.NULL:
        raise ValueError("name=%r: no such built-in scenario; expected one of %s"
                         % (name, ", ".join(builtin_names())))
    return Scenario(_Source([(ffi.buffer(t, n[0])[:], name + ".yaml")], lib.PL_INPUT_YAML),
                    builtin=name)


def builtin_names():
    out, i = [], 0
    while lib.pl_builtin_name(i) != ffi.NULL:
        out.append(text(lib.pl_builtin_name(i)))
        i += 1
    return out


def _import(fmt, paths):
    return Scenario(_Source([bytes_of(p, "path") for p in paths], _format(fmt)))


def import_decide(path):
    """A Decide exchange-model CSV (path or text) as a scenario."""
    return _import("decide", [path])


def import_deu(path):
    """A DEU I-III table (path or text) as a scenario."""
    return _import("deu", [path])


def import_ktab(path):
    """A KTAB CSV or SMP XML (path or text) as a scenario."""
    return _import("ktab", [path])


def import_genius(domain, *profiles):
    """A GENIUS domain and its profiles (paths or texts) as a scenario."""
    return _import("genius", [domain, *profiles])


def validate(scenario, format=None, require_sources=False):
    """Every error a scenario has (up to 50), sorted by line and column, as ScenarioError
    objects (not raised); [] when it is valid."""
    return _validate(_source_of(scenario, format), require_sources)


def _validate(source, require_sources, changes=(), variant=None):
    lst = ffi.new("pl_error_list **")
    if lib.pl_error_list_new(lst, 0) != lib.PL_OK:
        raise MemoryError("parley: out of memory")
    errors = ffi.gc(lst[0], lib.pl_error_list_free)
    flags = lib.PL_LOAD_REQUIRE_SOURCES if require_sources else 0
    try:
        source.load(changes, variant, flags, errors)
        return []
    except ScenarioError as first:
        n = lib.pl_error_list_count(errors)
        found = [error_from(lib.pl_error_list_get(errors, i)) for i in range(n)]
        return found or [first]


class Scenario:
    """A loaded, validated scenario (immutable). Analyses are its methods; every one
    returns a Result (or a Report) and raises ScenarioError on bad input."""

    def __init__(self, source, changes=(), variant=None, builtin=None):
        self._source, self._changes, self._variant = source, tuple(changes), variant
        self._builtin = builtin
        self._s, self.warnings = source.load(self._changes, variant)

    # ---- what it is -------------------------------------------------------------------
    @property
    def name(self):
        return text(lib.pl_scenario_name(self._s))

    @property
    def title(self):
        return text(lib.pl_scenario_title(self._s))

    def _ids(self, count, get, ident):
        return [text(ident(get(self._s, i))) for i in range(count(self._s))]

    @property
    def actors(self):
        return self._ids(lib.pl_scenario_n_actors, lib.pl_scenario_actor, lib.pl_actor_id)

    @property
    def issues(self):
        return self._ids(lib.pl_scenario_n_issues, lib.pl_scenario_issue, lib.pl_issue_id)

    @property
    def bodies(self):
        return self._ids(lib.pl_scenario_n_bodies, lib.pl_scenario_body, lib.pl_body_id)

    @property
    def text(self):
        """The YAML or JSON it was loaded from (an import: the scenario the importer wrote)."""
        n = ffi.new("size_t *")
        t = lib.pl_scenario_text(self._s, n)
        return ffi.buffer(t, n[0])[:].decode("utf-8")

    @property
    def changes(self):
        return dict(c.split("=", 1) for c in self._changes)

    def describe(self):
        """`parley scenario FILE`: actors, issues, positions, bodies, ratification."""
        return Result("scenario", lambda e: lib.pl_scenario_emit(self._s, e), None,
                      "positions", keep=(self,), header=False)

    def to_dict(self):
        return self.describe().to_dict()

    def __repr__(self):
        return "<parley.Scenario %s: %d actors, %d issues, %d bodies>" % (
            self.name, len(self.actors), len(self.issues), len(self.bodies))

    # ---- checking and changing ----------------------------------------------------------
    def validate(self, require_sources=False):
        """Every error of the scenario as loaded (with require_sources: also each number
        without a source or note), as a list of ScenarioError; [] when valid."""
        return _validate(self._source, require_sources, self._changes, self._variant)

    def with_changes(self, changes=None, variant=None):
        """A new scenario with what-if changes ({"positions.RUS.TERR.salience": 0.32}: the
        CLI's --set PATH=VALUE, applied after those already made) and/or a variant."""
        if changes is None:
            changes = {}
        if not isinstance(changes, dict):
            raise TypeError("changes: expected a dict of PATH: VALUE; got %s"
                            % type(changes).__name__)
        if variant is not None and not isinstance(variant, str):
            raise TypeError("variant: expected a str; got %s" % type(variant).__name__)
        more = tuple(_change_text(p, v) for p, v in changes.items())
        return Scenario(self._source, self._changes + more, variant or self._variant,
                        builtin=self._builtin)

    def _raw(self):
        return self._s
