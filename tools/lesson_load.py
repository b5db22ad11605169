"""How much code and prose each generated lesson puts in front of a student.

For every lesson notebook (``notebooks/NN-*.ipynb``) it counts:

* **code lines**: non-blank code lines that are not comments, in all code cells;
* **in takeaway calls**: those of them inside a ``takeaway(...)`` call;
* **hidden**: those in cells whose input is collapsed (``jupyter.source_hidden``: the cells that
  only compute prose, see tools/make_notebooks.py) or in the Colab set-up cell (which does
  nothing outside Colab and is left off the site);
* **visible analysis lines**: code lines minus hidden ones — what a student reads line by line;
* **prose words**: words (runs of letters, digits and ``_``) in the Markdown cells.

    python tools/lesson_load.py          # a Markdown table, one row per lesson 01-07

Issue 28 set the target of at most ``VISIBLE_LIMIT`` visible analysis lines per lesson;
tests/test_lesson_load.py holds the lessons to it.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
LESSONS = "0[1-7]-*.ipynb"
VISIBLE_LIMIT = 200
COLAB_CELL_ID = "colab-setup"  # tools/make_notebooks.py


def code_lines(source: str) -> list[int]:
    """Line numbers (from 1) of the non-blank, non-comment lines of a code cell."""
    return [n for n, line in enumerate(source.splitlines(), 1)
            if line.strip() and not line.strip().startswith("#")]


def takeaway_lines(source: str) -> set[int]:
    """Line numbers covered by ``takeaway(...)`` calls (``sl.takeaway`` or a bare name)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name == "takeaway":
                found |= set(range(node.lineno, node.end_lineno + 1))
    return found


def is_hidden(cell: nbformat.NotebookNode) -> bool:
    return bool(cell.metadata.get("jupyter", {}).get("source_hidden")) or cell.get("id") == COLAB_CELL_ID


def load(path: Path) -> dict:
    notebook = nbformat.read(path, as_version=4)
    row = {"lesson": path.name[:2], "code": 0, "takeaway": 0, "hidden": 0, "words": 0}
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            row["words"] += len(re.findall(r"\w+", cell.source))
        elif cell.cell_type == "code":
            lines = code_lines(cell.source)
            row["code"] += len(lines)
            row["takeaway"] += len(set(lines) & takeaway_lines(cell.source))
            if is_hidden(cell):
                row["hidden"] += len(lines)
    row["visible"] = row["code"] - row["hidden"]
    return row


def table(root: Path = ROOT) -> list[dict]:
    return [load(path) for path in sorted((root / "notebooks").glob(LESSONS))]


def markdown(rows: list[dict]) -> str:
    out = ["| lesson | code lines | of which inside `takeaway(...)` calls | collapsed or Colab-only | "
           "visible analysis lines | prose words |", "|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        out.append(f"| {r['lesson']} | {r['code']} | {r['takeaway']} ({r['takeaway'] / r['code']:.0%}) | "
                   f"{r['hidden']} | {r['visible']} | {r['words']:,} |")
    return "\n".join(out)


def main() -> int:
    print(markdown(table()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
