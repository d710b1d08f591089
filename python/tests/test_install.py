# SPDX-License-Identifier: MIT
"""The documented install: a venv over Debian's site packages, pip without network or build
isolation, then the README's one-liner."""
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT


def test_pip_install_offline(tmp_path):
    if subprocess.run([sys.executable, "-c", "import venv, ensurepip"],
                      capture_output=True).returncode:
        pytest.skip("no venv/ensurepip (python3-venv)")
    src = tmp_path / "src"
    shutil.copytree(ROOT / "python", src, ignore=shutil.ignore_patterns("tests", "__pycache__",
                                                                         "build", "*.egg-info"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)],
                   check=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "LD_PRELOAD")}
    r = subprocess.run([str(venv / "bin" / "pip"), "install", "--no-build-isolation",
                        "--no-index", "--quiet", str(src)], capture_output=True, text=True,
                       env=env, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    env.update(LD_PRELOAD=os.environ.get("LD_PRELOAD", ""))
    r = subprocess.run([str(venv / "bin" / "python"), "-c",
                        "import parley; print(parley.__file__); "
                        "print(parley.builtin().forecast().to_pandas())"],
                       capture_output=True, text=True, env=env, cwd=str(tmp_path), timeout=600)
    assert r.returncode == 0, r.stderr
    assert str(venv) in r.stdout.splitlines()[0] and "TERR" in r.stdout
