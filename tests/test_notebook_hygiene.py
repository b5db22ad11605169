"""Committed notebooks: small, without stray outputs, well named, with ordered headings."""

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))
STUDENT = sorted((ROOT / "exercises").glob("*.ipynb"))
SOLUTIONS = sorted((ROOT / "exercises" / "solutions").glob("*.ipynb"))
ALL = LESSONS + STUDENT + SOLUTIONS
MAX_BYTES = 200_000
NAME = re.compile(r"^\d\dp?-[a-z0-9]+(-[a-z0-9]+)*(-solutions)?\.ipynb$")


def _ids(paths):
    return [str(p.relative_to(ROOT)) for p in paths]


def test_there_are_lessons_and_exercises():
    assert LESSONS and STUDENT and SOLUTIONS


@pytest.mark.parametrize("path", ALL, ids=_ids(ALL))
def test_notebook_is_small_and_named(path):
    assert path.stat().st_size < MAX_BYTES
    assert NAME.match(path.name), path.name


@pytest.mark.parametrize("path", ALL, ids=_ids(ALL))
def test_only_check_cells_keep_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    for cell in notebook.cells:
        if cell.cell_type == "code" and "nbval-check-output" not in cell.metadata.get("tags", []):
            assert not cell.outputs and cell.execution_count is None, cell.source[:60]


def _headings(notebook):
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            in_code = False
            for line in cell.source.splitlines():
                if line.startswith("```"):
                    in_code = not in_code
                match = re.match(r"^(#{1,6}) ", line)
                if match and not in_code:
                    yield len(match.group(1))


@pytest.mark.parametrize("path", ALL, ids=_ids(ALL))
def test_one_h1_and_headings_in_order(path):
    levels = list(_headings(nbformat.read(path, as_version=4)))
    assert levels and levels[0] == 1 and levels.count(1) == 1, levels
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"heading jumps from h{before} to h{after}"


def test_every_lesson_has_an_exercise_notebook():
    lessons = {p.name.split("-")[0] for p in LESSONS}
    exercises = {p.name.split("-")[0] for p in STUDENT}
    assert lessons == exercises


def test_no_two_lessons_share_a_number():
    numbers = [p.name.split("-")[0] for p in LESSONS]
    assert len(numbers) == len(set(numbers))
