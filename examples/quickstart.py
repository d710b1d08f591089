# SPDX-License-Identifier: MIT
"""parley from Python: the built-in scenario through every analysis (docs/python.md).
Run: python3 examples/quickstart.py (with the package installed, or PYTHONPATH=python and
PARLEY_BUILD_DIR=build from a source checkout). The cells of examples/quickstart.ipynb are
this file's sections, in order."""
# %% Load the built-in scenario (or parley.load("file.yaml"), YAML text, or a dict)
import parley

s = parley.builtin()
print(s)

# %% Where each issue lands: every model side by side
f = s.forecast()
print(f.to_pandas()[["issue", "model", "forecast"]].head(10))

# %% What if Russia cared less about territory? (the CLI's --set; within its range)
what_if = s.with_changes({"positions.RUS.TERR.salience": 0.22})
print(what_if.forecast(models=["median", "eum"]).to_pandas().head(4))

# %% Package deals: the bargaining solutions on the Pareto frontier
print(s.settle().to_pandas()[["solution", "p_ratified", "gain_RUS", "gain_UKR"]])

# %% Voting power in the bodies that must ratify
print(s.power().to_pandas()[["body", "member", "shapley_shubik", "banzhaf"]].head(8))

# %% Would the Nash package last?
d = s.durability()
print(d["strategic"])

# %% How robust are the findings? 200 Monte Carlo draws, two threads
st = s.stress(draws=200, threads=2, seed=1)
print(st.to_pandas("flags")[["finding", "baseline", "share_yes"]].head(5))

# %% An ad-hoc weighted vote: 4,4,4,2,2,1 with a quota of 12
print(parley.power_game(weights=[4, 4, 4, 2, 2, 1], quota=12).to_pandas()[
    ["member", "shapley_shubik", "banzhaf"]])

# %% Bargaining: two parties split a pie (Rubinstein), or take turns over the packages
print(parley.bargain(delta=[0.9, 0.8])["bargain"])
print(s.bargain(horizon=6).to_pandas())

# %% Europe off the table: the variant compared with the scenario as written
c = s.compare(s.with_changes(variant="direct-dialogue"), analyses=["forecast"]).to_pandas()
print(c[c.change.notna()][["what", "a", "b", "change"]].head(6).to_string(index=False))

# %% Errors carry the position in the input, as the CLI prints them
try:
    parley.load("name: x\nactors: [\n")
except parley.ScenarioError as e:
    print("error at line %d, column %d: %s" % (e.line, e.col, e.message))

# %% The whole report, with its charts (shown inline in Jupyter)
r = s.report(draws=20)
print(r)
r.charts[0]
