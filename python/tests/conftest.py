# SPDX-License-Identifier: MIT
"""Shared pieces of the Python package's tests: the package from this source tree, the CLI
of the same build (PARLEY_CLI) to compare with, the shared data (PARLEY_SHARED)."""
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python"))

import parley  # noqa: E402

SCENARIOS = ROOT / "tests" / "scenarios"
SHARED = pathlib.Path(os.environ.get("PARLEY_SHARED", ROOT.parent / "shared"))


def cli(*args, check=True):
    """The CLI's output (stdout, stderr, status) for args."""
    exe = os.environ.get("PARLEY_CLI")
    if not exe or not os.path.exists(exe):
        pytest.skip("PARLEY_CLI (the parley command of the same build) is not set")
    r = subprocess.run([exe, *args], capture_output=True)  # bytes: CSV keeps its CRLF
    r.stdout, r.stderr = r.stdout.decode(), r.stderr.decode()
    if check and r.returncode != 0:
        raise AssertionError("parley %s: exit %d: %s" % (" ".join(args), r.returncode, r.stderr))
    return r


def cli_json(*args):
    return cli(*args, "--format", "json").stdout


@pytest.fixture(scope="session")
def builtin():
    return parley.builtin()
