# SPDX-License-Identifier: MIT
"""parley: multi-party, multi-issue negotiation analysis (libparley) from Python.

    import parley
    s = parley.builtin()                  # or parley.load("scenario.yaml" | text | dict)
    s.forecast().to_pandas()              # every model's forecast per issue

Every analysis of the CLI is a method of Scenario (analyze, forecast, settle, power,
bargain, durability, stress, claims, evaluate, report, compare) returning a Result
(to_dict(): the CLI's JSON document; to_pandas(table): a table) or a Report (HTML and SVG
charts); parley.power_game and parley.bargain need no scenario, parley.runs(store) reads a
run store. See docs/python.md.
"""
from ._native import __version__, library_version, library_path
from ._errors import ParleyError, ScenarioError
from .scenario import (Scenario, load, builtin, builtin_names, validate, import_decide,
                       import_deu, import_ktab, import_genius)
from .results import Result, Report, Chart
from . import analyses as _analyses, stress as _stress  # noqa: F401 (Scenario's methods)
from . import compare as _compare  # noqa: F401 (Scenario.compare)
from .power import power_game
from .analyses import bargain_pie as bargain
from .runs import Store, runs

__all__ = ["__version__", "library_version", "library_path", "ParleyError", "ScenarioError",
           "Scenario", "load", "builtin", "builtin_names", "validate", "import_decide",
           "import_deu", "import_ktab", "import_genius", "power_game", "bargain", "runs",
           "Store", "Result", "Report", "Chart"]
