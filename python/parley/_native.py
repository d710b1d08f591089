# SPDX-License-Identifier: MIT
"""libparley through cffi's ABI mode: finding the library, its declarations, its errors.

ABI mode (ffi.dlopen) needs no compiler when the package is installed: the declarations
(_cdef.h) are the public headers run through the C preprocessor by
scripts/python-cdef.sh, so the structs are laid out as the library's. pl_opts_default
checks every option struct's size against the library's at first use.
"""
import os
import pathlib

import cffi

from ._errors import ScenarioError, ParleyError

__version__ = "0.1.0"

_HERE = pathlib.Path(__file__).resolve().parent

ffi = cffi.FFI()
ffi.cdef((_HERE / "_cdef.h").read_text(encoding="utf-8"))

# The names a library goes by, newest first: the SONAME (major.minor), then the dev link.
_NAMES = ("libparley.so." + ".".join(__version__.split(".")[:2]), "libparley.so")
# Build trees of a source checkout, relative to its top (the Makefile's and the guides').
_BUILD_DIRS = ("build", "build-check", "b", "rel")


def _candidates():
    """Paths to try, in order: PARLEY_LIBRARY, PARLEY_BUILD_DIR, a source checkout's build
    trees (when the package is imported from python/ of one), then the installed library."""
    env = os.environ.get("PARLEY_LIBRARY")
    if env:
        yield env
        return
    build = os.environ.get("PARLEY_BUILD_DIR")
    if build:
        for name in _NAMES:
            yield os.path.join(build, "src", name)
        return
    top = _HERE.parent.parent
    if (top / "include" / "parley" / "parley.h").is_file():
        for d in _BUILD_DIRS:
            for name in _NAMES:
                yield str(top / d / "src" / name)
    for prefix in ("/usr/local/lib", "/usr/lib", "/usr/local/lib64", "/usr/lib/x86_64-linux-gnu"):
        for name in _NAMES:
            yield os.path.join(prefix, name)
    yield from _NAMES  # the dynamic linker's own search (LD_LIBRARY_PATH, ld.so.cache)


def _open():
    tried = []
    for path in _candidates():
        if os.sep in path and not os.path.exists(path):
            tried.append(path)
            continue
        try:
            return ffi.dlopen(path), path
        except OSError as e:
            tried.append("%s (%s)" % (path, e))
    raise ImportError("parley: libparley not found; build it (make) or install it (make "
                      "install), or name it with PARLEY_LIBRARY=/path/to/libparley.so or "
                      "PARLEY_BUILD_DIR=BUILD; tried: " + "; ".join(tried))


lib, library_path = _open()

library_version = ffi.string(lib.pl_version()).decode()
if library_version.split(".")[:2] != __version__.split(".")[:2]:
    raise ImportError("parley: %s is libparley %s; this package is %s and needs %s.x"
                      % (library_path, library_version, __version__,
                         ".".join(__version__.split(".")[:2])))


def new_error():
    return ffi.new("pl_error *")


def text(p):
    """A C string as str (None for NULL)."""
    return None if p == ffi.NULL else ffi.string(p).decode("utf-8", "replace")


def error_from(err, code=None):
    """The Python exception for a pl_error: MemoryError for out of memory, ScenarioError
    (file, line, col, message as the CLI prints them) for bad input and unknown names,
    ParleyError otherwise."""
    code = err.code if code is None or err.code else code
    msg = text(err.msg) or text(lib.pl_strerror(code))
    if code == lib.PL_ENOMEM:
        return MemoryError(msg)
    buf = ffi.new("char[]", 1024)
    lib.pl_error_format(err, buf, 1024)
    formatted = text(buf) or msg
    if code in (lib.PL_EINPUT, lib.PL_ENOTFOUND, lib.PL_EIO):
        return ScenarioError(formatted, file=text(err.file) or None, line=err.line or None,
                             col=err.col or None, message=msg, code=code)
    return ParleyError(formatted, code=code)


def check(rc, err):
    if rc != lib.PL_OK:
        raise error_from(err, rc)


_OPTS_TYPES = {"load": "pl_load_opts", "forecast": "pl_forecast_opts",
               "settle": "pl_settle_opts", "stress": "pl_stress_opts",
               "power": "pl_power_opts", "report": "pl_report_opts",
               "evaluate": "pl_evaluate_opts", "compare": "pl_compare_opts"}


def default_opts(kind):
    """A new pl_<kind>_opts holding the library's defaults (its PL_*_OPTS_INIT)."""
    ctype = _OPTS_TYPES[kind]
    o = ffi.new(ctype + " *")
    rc = lib.pl_opts_default(kind.encode(), o, ffi.sizeof(ctype))
    if rc == lib.PL_EMISUSE:
        raise ImportError("parley: %s is laid out differently in %s; regenerate the "
                          "package's declarations (scripts/python-cdef.sh) and reinstall"
                          % (ctype, library_path))
    if rc != lib.PL_OK:
        raise ParleyError("pl_opts_default(%s): %s" % (kind, text(lib.pl_strerror(rc))), code=rc)
    return o


def choice(option, word, argument):
    """The enum value of an option's word (parley/options.h), else ValueError naming the
    argument and the words it takes."""
    n = ffi.new("size_t *")
    words = lib.pl_option_choices(option.encode(), n)
    names = [text(words[i]) for i in range(n[0])]
    if not isinstance(word, str):
        raise TypeError("%s: expected a str, one of %s; got %s"
                        % (argument, ", ".join(names), type(word).__name__))
    if word not in names:
        raise ValueError("%s=%r: expected one of %s" % (argument, word, ", ".join(names)))
    return names.index(word)
