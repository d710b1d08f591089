# SPDX-License-Identifier: MIT
"""The examples run: examples/quickstart.py as a script, and as the notebook's cells
(examples/notebook.py writes the notebook's outputs from this run)."""
import json
import os
import subprocess
import sys

from conftest import ROOT


def env():
    e = dict(os.environ)
    e["PYTHONPATH"] = str(ROOT / "python") + os.pathsep + e.get("PYTHONPATH", "")
    return e


def test_quickstart_script():
    r = subprocess.run([sys.executable, str(ROOT / "examples" / "quickstart.py")],
                       capture_output=True, text=True, env=env(), timeout=600)
    assert r.returncode == 0, r.stderr
    assert "ukraine-2025" in r.stdout and "error at line 3, column 1" in r.stdout


def test_notebook_from_a_run(tmp_path):
    out = tmp_path / "quickstart.ipynb"
    r = subprocess.run([sys.executable, str(ROOT / "examples" / "notebook.py"), str(out)],
                       capture_output=True, text=True, env=env(), timeout=600)
    assert r.returncode == 0, r.stderr
    nb = json.loads(out.read_text())
    assert all(c["outputs"] for c in nb["cells"])  # every cell printed or showed something
    assert "image/svg+xml" in nb["cells"][-1]["outputs"][-1]["data"]
    committed = json.loads((ROOT / "examples" / "quickstart.ipynb").read_text())
    # the committed notebook has the same cells (its outputs: from an earlier such run)
    assert [c["source"] for c in committed["cells"]] == [c["source"] for c in nb["cells"]]
