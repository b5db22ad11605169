"""The notebook tests must fail when a notebook is wrong: prove it on broken copies.

One nbval run over a folder holding an intact solution notebook (the control) and three
broken copies: a solution with a wrong answer, a student notebook with an error, and a
lesson that raises. Exactly the three broken ones must fail.
"""

import re
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SOLUTION = ROOT / "exercises" / "solutions" / "00-start-here-solutions.ipynb"
STUDENT = ROOT / "exercises" / "00-start-here.ipynb"
LESSON = ROOT / "notebooks" / "00-start-here.ipynb"


def _copy(source: Path, target: Path, edit) -> None:
    notebook = nbformat.read(source, as_version=4)
    edit(notebook)
    nbformat.write(notebook, target)


def _wrong_answer(notebook):
    cell = next(c for c in notebook.cells if c.source.strip() == 'clock = "b"')
    cell.source = 'clock = "a"'


def _error(notebook):
    notebook.cells.insert(3, nbformat.v4.new_code_cell("undefined_name_in_student_notebook"))


def _raise(notebook):
    notebook.cells.append(nbformat.v4.new_code_cell("raise RuntimeError('lesson broke')"))


def test_broken_notebooks_fail_and_the_intact_one_passes(tmp_path):
    _copy(SOLUTION, tmp_path / "intact_solution.ipynb", lambda nb: None)
    _copy(SOLUTION, tmp_path / "wrong_solution.ipynb", _wrong_answer)
    _copy(STUDENT, tmp_path / "student_with_error.ipynb", _error)
    _copy(LESSON, tmp_path / "lesson_that_raises.ipynb", _raise)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider", "-q", "-rf",
         "--rootdir", str(tmp_path), str(tmp_path)],
        cwd=tmp_path, capture_output=True, text=True, timeout=900,
    )
    failed = set(re.findall(r"FAILED (?:\S*/)?(\w+)\.ipynb::", run.stdout))
    assert failed == {"wrong_solution", "student_with_error", "lesson_that_raises"}, run.stdout[-3000:]
    assert "Not quite (exercise 00.4)" in run.stdout
