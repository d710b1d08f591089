# SPDX-License-Identifier: MIT
"""Write examples/quickstart.ipynb from examples/quickstart.py: each "# %%" section is a
cell, run in one namespace as Jupyter would, its printed text and the rich form of its last
expression (SVG chart, HTML table) kept as the cell's outputs. So the notebook's outputs come
from a run (python/tests/test_examples.py runs this), without a Jupyter kernel, which
Debian's python3-nbconvert would need.
Usage: python3 examples/notebook.py [OUT.ipynb]"""
import ast
import contextlib
import io
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent


def cells(source):
    out, cur = [], []
    for line in source.splitlines():
        if line.startswith("# %%"):
            if cur:
                out.append(cur)
            cur = [line]
        elif out or cur:
            cur.append(line)
    if cur:
        out.append(cur)
    return ["\n".join(c).strip() + "\n" for c in out]


def rich(value):
    """Jupyter's data for a value: its SVG, else HTML, with the text repr."""
    data = {"text/plain": repr(value)}
    for method, mime in (("_repr_svg_", "image/svg+xml"), ("_repr_html_", "text/html")):
        f = getattr(value, method, None)
        got = f() if f else None
        if got:
            data[mime] = got
            break
    return data


def run_cell(code, ns, count):
    tree = ast.parse(code)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    buf, value = io.StringIO(), None
    with contextlib.redirect_stdout(buf):
        exec(compile(tree, "<cell %d>" % count, "exec"), ns)
        if last is not None:
            value = eval(compile(ast.Expression(last.value), "<cell %d>" % count, "eval"), ns)
    outputs = []
    if buf.getvalue():
        outputs.append({"output_type": "stream", "name": "stdout",
                        "text": buf.getvalue().splitlines(keepends=True)})
    if value is not None:
        outputs.append({"output_type": "execute_result", "execution_count": count,
                        "metadata": {}, "data": rich(value)})
    return outputs


def notebook(source):
    ns, nb_cells = {"__name__": "__main__"}, []
    for i, code in enumerate(cells(source), 1):
        nb_cells.append({"cell_type": "code", "execution_count": i, "metadata": {},
                         "source": code.splitlines(keepends=True),
                         "outputs": run_cell(code, ns, i)})
    return {"nbformat": 4, "nbformat_minor": 5, "cells": nb_cells,
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                        "language": "python"},
                         "language_info": {"name": "python"}}}


def main(argv):
    out = pathlib.Path(argv[1]) if len(argv) > 1 else HERE / "quickstart.ipynb"
    nb = notebook((HERE / "quickstart.py").read_text(encoding="utf-8"))
    out.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv)
