# SPDX-License-Identifier: MIT
"""The package's declarations are the headers': scripts/python-cdef.sh writes the same file,
and every option struct has the library's size (pl_opts_default checks it)."""
import os
import shutil
import subprocess

import pytest

from conftest import ROOT
from parley import _native


def test_cdef_is_current():
    cc = os.environ.get("CC", "cc")
    if not shutil.which(cc):
        pytest.skip("no C preprocessor (%s) to regenerate the declarations" % cc)
    r = subprocess.run(["sh", str(ROOT / "scripts" / "python-cdef.sh"), "-"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout == (ROOT / "python" / "parley" / "_cdef.h").read_text(), \
        "python/parley/_cdef.h is stale: run scripts/python-cdef.sh"


@pytest.mark.parametrize("kind", sorted(_native._OPTS_TYPES))
def test_struct_sizes_match_library(kind):
    _native.default_opts(kind)  # raises ImportError on a size mismatch


def test_unknown_option_kind():
    o = _native.ffi.new("pl_power_opts *")
    assert _native.lib.pl_opts_default(b"nope", o, 1) == _native.lib.PL_ENOTFOUND
    assert _native.lib.pl_opts_default(b"power", o, 1) == _native.lib.PL_EMISUSE
    assert _native.lib.pl_opts_default(_native.ffi.NULL, o, 1) == _native.lib.PL_EMISUSE
