# SPDX-License-Identifier: MIT
"""Loading: every kind of input, changes, validation, and bad input as exceptions."""
import json

import pytest

from conftest import parley, cli, SCENARIOS, SHARED, ROOT


def test_version_matches_library_and_cmake():
    cmake = (ROOT / "CMakeLists.txt").read_text()
    assert 'project(parley VERSION %s ' % parley.__version__ in cmake
    assert parley.library_version == parley.__version__


def test_builtin(builtin):
    assert builtin.name == "ukraine-2025"
    assert "RUS" in builtin.actors and "TERR" in builtin.issues
    assert len(builtin.bodies) == 5
    assert parley.builtin_names()[0] == "ukraine-2025"
    assert builtin.validate() == []


def test_load_path_text_bytes_dict_agree():
    path = SCENARIOS / "jcpoa-2015.yaml"
    text = path.read_text()
    a = parley.load(path)
    b = parley.load(str(path))
    c = parley.load(text)
    d = parley.load(text.encode())
    for s in (b, c, d):
        assert s.name == a.name and s.actors == a.actors and s.issues == a.issues
    assert a.forecast().to_dict() == c.forecast().to_dict()


# tests/bad/actor-dup-id.yaml without its duplicate, as a dict
SMALL = {"parley": 1, "name": "base",
         "actors": [{"id": "RUS", "capability": 80}, {"id": "UKR", "capability": 40}],
         "issues": [{"id": "TERR", "scale": {0: "Ukraine keeps all", 100: "Russia takes all"}}],
         "positions": {"RUS": {"TERR": {"position": 90, "salience": 0.8}},
                       "UKR": {"TERR": {"position": 10, "salience": 0.9}}}}


def test_load_dict():
    s = parley.load(SMALL)
    assert (s.name, s.actors, s.issues) == ("base", ["RUS", "UKR"], ["TERR"])
    # mean: (90*80*0.8 + 10*40*0.9) / (80*0.8 + 40*0.9) = 6120/100 = 61.2 (by hand)
    rows = s.forecast(models=["mean"]).to_dict()["forecasts"]
    assert rows[0]["model"] == "mean" and abs(rows[0]["forecast"] - 61.2) < 1e-9


def test_syntax_error_has_position_and_cli_text(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nactors: [\n")
    with pytest.raises(parley.ScenarioError) as ei:
        parley.load(bad)
    e = ei.value
    assert (e.file, e.line, e.col) == (str(bad), 3, 1)
    assert "YAML syntax error" in e.message
    first = cli("validate", str(bad), check=False).stderr.splitlines()[0]
    assert first == str(e)


def test_semantic_error_position(tmp_path):
    text = (SCENARIOS / "jcpoa-2015.yaml").read_text().replace("salience: 0.", "salience: 1.", 1)
    with pytest.raises(parley.ScenarioError) as ei:
        parley.load(text)
    assert ei.value.file == "<text>" and ei.value.line > 1 and ei.value.col >= 1
    assert "salience" in ei.value.message


def test_missing_file_and_bad_types():
    with pytest.raises(parley.ScenarioError) as ei:
        parley.load("/nonexistent/scenario.yaml")
    assert "cannot open" in str(ei.value)
    with pytest.raises(TypeError, match="scenario"):
        parley.load(42)
    with pytest.raises(ValueError, match="scenario"):
        parley.load("")
    with pytest.raises(ValueError, match="format"):
        parley.load("x: 1\n", format="word")
    with pytest.raises(TypeError, match="name"):
        parley.builtin(3)
    with pytest.raises(ValueError, match="no such built-in"):
        parley.builtin("atlantis")


def test_dict_that_is_not_a_scenario():
    with pytest.raises(parley.ScenarioError) as ei:
        parley.load({"hello": [1, 2]})
    assert ei.value.file == "<dict>" and ei.value.line >= 1
    errors = parley.validate({"hello": [1, 2]})
    assert len(errors) >= 2 and all(isinstance(x, parley.ScenarioError) for x in errors)
    assert [(x.line, x.col) for x in errors] == sorted((x.line, x.col) for x in errors)


def test_validate_require_sources(builtin):
    assert parley.validate(SCENARIOS / "jcpoa-2015.yaml") == []
    r = cli("validate", "--require-sources", str(SCENARIOS / "nodeal.yaml"), check=False)
    found = parley.validate(SCENARIOS / "nodeal.yaml", require_sources=True)
    assert bool(found) == (r.returncode != 0)


def test_with_changes(builtin):
    s = builtin.with_changes({"positions.RUS.TERR.salience": 0.32})
    assert s.changes == {"positions.RUS.TERR.salience": "0.32"}
    want = cli("forecast", "--set", "positions.RUS.TERR.salience=0.32", "--format", "json").stdout
    assert s.forecast().to_json() == want
    assert builtin.forecast().to_json() != want
    with pytest.raises(parley.ScenarioError, match="--set positions.RUS.TERR.salience"):
        builtin.with_changes({"positions.RUS.TERR.salience": "high"})
    with pytest.raises(TypeError, match="changes"):
        builtin.with_changes(["positions.RUS.TERR.salience=1"])
    with pytest.raises(TypeError, match="changes"):
        builtin.with_changes({"positions.RUS.TERR.salience": object()})


def test_import_decide_and_deu():
    decide = SHARED / "data" / "decide" / "copenhagen.csv"
    deu = SHARED / "deu3" / "deu3.csv"
    if not decide.exists() or not deu.exists():
        pytest.skip("the shared data (PARLEY_SHARED) is not here")
    s = parley.import_decide(decide)
    assert s.to_dict() == json.loads(cli("scenario", "--from", "decide", str(decide),
                                         "--format", "json").stdout)
    d = parley.import_deu(deu)
    assert len(d.issues) > 300 and d.warnings and "counted as 0" in d.warnings[0]
    with pytest.raises(parley.ScenarioError):
        parley.import_decide("#A;x\n#P;bad;\n")


def test_scenario_document(builtin):
    assert builtin.describe().to_json() == cli("scenario", "--builtin", "--format",
                                               "json").stdout
    assert builtin.text.startswith("parley:") or "name:" in builtin.text
