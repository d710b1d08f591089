# SPDX-License-Identifier: MIT
"""The bindings added for issue 23's last items: bargain without a scenario, analyze,
compare and the run store; each gives the CLI's JSON document byte for byte, and bad
arguments raise TypeError or ValueError naming them."""
import os
import subprocess
import sys

import pytest

from conftest import parley, cli, cli_json, ROOT, SCENARIOS


PIE = [
    ({}, []),
    ({"delta": [0.9, 0.8]}, ["--delta", "0.9,0.8"]),
    ({"delta": 0.95, "outside": [0, 0.6]}, ["--delta", "0.95", "--outside", "0,0.6"]),
    ({"outside": [0.5, 0.6]}, ["--outside", "0.5,0.6"]),
    ({"breakdown": 0.2, "fallback": [0.1, 0.3]}, ["--breakdown", "0.2", "--fallback", "0.1,0.3"]),
    ({"breakdown": 0.5, "delta": [0.9, 0.7]}, ["--breakdown", "0.5", "--delta", "0.9,0.7"]),
    ({"horizon": 3, "delta": 0.5}, ["--horizon", "3", "--delta", "0.5"]),
]


@pytest.mark.parametrize("kw,args", PIE, ids=[" ".join(a) or "default" for _, a in PIE])
def test_pie_same_as_cli(kw, args):
    assert parley.bargain(**kw).to_json() == cli_json("bargain", *args)


def test_pie_values():
    # Rubinstein (1982): x1 = (1 - d2) / (1 - d1 d2) = 0.2 / 0.28 with d = 0.9, 0.8
    d = parley.bargain(delta=[0.9, 0.8])["bargain"]
    assert d["model"] == "Rubinstein (1982)"
    assert d["first_mover"] == pytest.approx(0.2 / 0.28, abs=1e-3)
    # outside options 0.5 + 0.6 > 1: no deal, each takes its own (Muthoo 1999, ch. 5)
    d = parley.bargain(outside=[0.5, 0.6])["bargain"]
    assert (d["agreement"], d["first_mover"], d["second_mover"]) == (False, 0.5, 0.6)


@pytest.mark.parametrize("kw,exc,match", [
    ({"delta": "0.9"}, TypeError, "delta"),
    ({"delta": [0.9, 0.8, 0.7]}, ValueError, "delta"),
    ({"delta": 0}, ValueError, "delta"),
    ({"outside": 0.3}, TypeError, "outside"),
    ({"outside": [0.3, 2]}, ValueError, "outside"),
    ({"breakdown": -1}, ValueError, "breakdown"),
    ({"horizon": 2.5}, TypeError, "horizon"),
    ({"horizon": 0}, ValueError, "horizon"),
    ({"fallback": [0.1, 0.1]}, parley.ScenarioError, "--fallback needs --breakdown"),
    ({"horizon": 3, "delta": [0.9, 0.8]}, parley.ScenarioError, "equal discounts"),
    ({"horizon": 3, "outside": [0.1, 0.1]}, parley.ScenarioError, "--horizon on the pie"),
    ({"delta": 1}, parley.ScenarioError, "every split is an equilibrium"),
])
def test_pie_bad_arguments(kw, exc, match):
    with pytest.raises(exc, match=match):
        parley.bargain(**kw)


def test_pie_errors_are_the_cli_messages():
    r = cli("bargain", "--fallback", "0.1,0.1", check=False)
    with pytest.raises(parley.ScenarioError) as ei:
        parley.bargain(fallback=[0.1, 0.1])
    assert r.returncode == 2 and r.stderr == "parley: %s\n" % ei.value


def test_analyze_same_as_cli(builtin):
    assert builtin.analyze().to_json() == cli_json("analyze")
    assert builtin.analyze(weights="s", loss="quadratic").to_json() == \
        cli_json("analyze", "--weights", "s", "--loss", "quadratic")
    assert builtin.analyze().to_pandas().shape[0] == len(builtin.issues) * 5
    with pytest.raises(TypeError, match="rounds"):
        builtin.analyze(rounds=3)  # a forecast option analyze does not take


COMPARE = [
    ("set", lambda s: s.compare(s.with_changes({"positions.RUS.TERR.salience": 0.3})),
     ["--set", "positions.RUS.TERR.salience=0.3"]),
    ("variant", lambda s: s.compare(s.with_changes(variant="direct-dialogue"),
                                    analyses=["forecast", "settle"]),
     ["--variant", "direct-dialogue", "--analyses", "forecast,settle"]),
    ("proposals", lambda s: s.compare(proposal=("moscow-terms", "europe-kyiv"),
                                      analyses=["settle", "durability"]),
     ["--proposal", "%P%/moscow-terms.yaml", "--proposal", "%P%/europe-kyiv.yaml",
      "--analyses", "settle,durability"]),
]


@pytest.mark.parametrize("name,py,args", COMPARE, ids=[c[0] for c in COMPARE])
def test_compare_same_as_cli(builtin, name, py, args):
    prop = str(SCENARIOS.parent.parent / "scenarios" / "proposals")
    args = [a.replace("%P%", prop) for a in args]
    # the labels name each side's proposal: the CLI's as the path given, the binding's
    # built-in one as proposals/NAME.yaml
    cli = cli_json("compare", *args).replace(prop + "/", "proposals/")
    assert py(builtin).to_json() == cli


def test_compare_files_same_as_cli(tmp_path):
    a = SCENARIOS / "jcpoa-2015.yaml"
    text = a.read_text().replace("salience: 0.9", "salience: 0.8", 1)
    b = tmp_path / "b.yaml"
    b.write_text(text)
    r = parley.load(a).compare(parley.load(b), analyses=["forecast"])
    assert r.to_json() == cli_json("compare", str(a), str(b), "--analyses", "forecast")
    assert list(r.to_pandas().columns) == ["analysis", "what", "a", "b", "change", "size"]


def test_compare_errors(builtin):
    with pytest.raises(TypeError, match="other"):
        builtin.compare("other.yaml")
    with pytest.raises(ValueError, match="analyses"):
        builtin.compare(analyses=["weather"])
    with pytest.raises(TypeError, match="rounds"):
        builtin.compare(rounds=2)
    with pytest.raises(parley.ScenarioError):  # other actors: refused with its position
        builtin.compare(parley.load(SCENARIOS / "jcpoa-2015.yaml"))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "runs.db"
    cli("stress", "-n", "16", "--seed", "1", "--store", str(path))
    cli("stress", "-n", "16", "--seed", "2", "--store", str(path))
    return path


def test_runs_same_as_cli(store):
    st = parley.runs(store)
    listed = st.list()
    assert listed.to_json() == cli_json("runs", "list", "--store", str(store))
    ids = [r["id"] for r in listed.to_dict()["runs"]]
    assert len(ids) == 2
    assert st.show(ids[0][:6]).to_json() == cli_json("runs", "show", ids[0][:6], "--store",
                                                     str(store))
    assert st.diff(*ids).to_json() == cli_json("runs", "diff", *ids, "--store", str(store))
    assert st.export(ids[1]).to_json() == cli_json("runs", "export", ids[1], "--store",
                                                   str(store))
    assert st.list().to_pandas().shape[0] == 2


def test_runs_errors(store, tmp_path, monkeypatch):
    st = parley.runs(store)
    with pytest.raises(parley.ScenarioError) as ei:
        st.show("ffffffff")
    r = cli("runs", "show", "ffffffff", "--store", str(store), check=False)
    assert r.returncode == 2 and r.stderr == "%s\n" % ei.value  # it names the store file
    with pytest.raises(TypeError, match="id"):
        st.show(12)
    with pytest.raises(parley.ScenarioError):
        parley.runs(tmp_path / "missing.db")
    monkeypatch.delenv("PARLEY_STORE", raising=False)
    with pytest.raises(ValueError, match="PARLEY_STORE"):
        parley.runs()
    monkeypatch.setenv("PARLEY_STORE", str(store))
    assert parley.runs().path == str(store)


def test_stress_writes_a_run_store(builtin, tmp_path):
    """stress(store=...) records the run as `parley stress --store` does: the same id for the
    same inputs (the CLI then replaces it), the label and the draws; runs reads it back."""
    path = tmp_path / "py.db"
    r = builtin.stress(draws=12, seed=3, store=path, label="from Python", store_draws=True)
    assert len(r.run_id) == 32 and not r.replaced
    listed = parley.runs(path).list().to_dict()["runs"]
    assert [(x["id"], x["label"], x["draws"]) for x in listed] == [(r.run_id, "from Python", 12)]
    exported = parley.runs(path).export(r.run_id).to_dict()
    assert exported["run"]["draws"] == 12
    c = cli("stress", "-n", "12", "--seed", "3", "--store", str(path))
    assert "run %s (same inputs as a stored run, which it replaces)" % r.run_id in c.stderr
    again = builtin.stress(draws=12, seed=3, store=path)
    assert again.run_id == r.run_id and again.replaced
    with pytest.raises(ValueError, match="store=PATH"):
        builtin.stress(draws=2, label="no store")
    with pytest.raises(TypeError, match="store"):
        builtin.stress(draws=2, store=12)
    with pytest.raises(parley.ScenarioError, match="cannot create the run store"):
        builtin.stress(draws=2, store=tmp_path / "no" / "such" / "dir.db")


def test_out_of_memory_is_memory_error():
    """The library's PL_ENOMEM reaches Python as MemoryError: a game of 2^60 members, whose
    veto flags alone (2^60 bytes) cannot be allocated. In a child process, whose sanitizer
    (make check) is told to return NULL rather than stop at an impossible size."""
    code = ("from parley._native import ffi, lib, new_error, check\n"
            "err = new_error()\n"
            "try:\n"
            "    check(lib.pl_game_new(ffi.new('pl_game **'), 2**60, err), err)\n"
            "except MemoryError as e:\n"
            "    print('MemoryError:', e)\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "python"),
               ASAN_OPTIONS=os.environ.get("ASAN_OPTIONS", "") + ":allocator_may_return_null=1")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "MemoryError: out of memory\n"
