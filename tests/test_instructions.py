"""Instructions that match the notebooks: what the text says the notebooks contain, they contain."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STUDENT_NOTEBOOKS = sorted((ROOT / "exercises").glob("*.ipynb"))
EXERCISE_SOURCES = sorted((ROOT / "exercises" / "source").glob("*.py"))
GUIDES = sorted((ROOT / "instructors").glob("*.md"))
NUMBERS = {word: n for n, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}


def _code_cells(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


@pytest.mark.parametrize("notebook", STUDENT_NOTEBOOKS, ids=lambda p: p.name)
def test_every_exercise_notebook_ends_with_a_save_cell(notebook):
    assert "sl.save_work(" in _code_cells(notebook)[-1]


# Sentences of the kind that went stale once every exercise notebook had a save cell.
NO_SAVE_CELL = re.compile(r"no save cell|(only|just) (exercises?|notebooks?) [\w ,]+ (have|has|end "
                          r"with) (a|this|the) (save )?cell|in the others, type it", re.IGNORECASE)


@pytest.mark.parametrize("page", GUIDES + [ROOT / "README.md"], ids=lambda p: str(p.relative_to(ROOT)))
def test_no_page_says_an_exercise_notebook_lacks_its_save_cell(page):
    text = " ".join(page.read_text(encoding="utf-8").split())
    assert not NO_SAVE_CELL.search(text), NO_SAVE_CELL.search(text).group(0)


@pytest.mark.parametrize("source", EXERCISE_SOURCES, ids=lambda p: p.name)
def test_the_stated_number_of_exercises_is_the_number_there_is(source):
    text = source.read_text(encoding="utf-8")
    headings = re.findall(r"^# ## (\d\dp?\.\d+) ", text, re.MULTILINE)
    stated = re.search(r"\b(\w+) (?:short )?exercises\b", text.split("# %%", 2)[1], re.IGNORECASE)
    assert stated and stated.group(1).lower() in NUMBERS, "the header should say how many exercises"
    assert NUMBERS[stated.group(1).lower()] == len(headings)


@pytest.mark.parametrize("source", EXERCISE_SOURCES, ids=lambda p: p.name)
def test_a_header_table_lists_each_exercise_once_with_its_own_objective(source):
    rows = re.findall(r"^# \| (\d\dp?\.\d+)[^|]*\| [^|]+\| ([^|]+)\|", source.read_text(encoding="utf-8"),
                      re.MULTILINE)
    if not rows:
        pytest.skip("no table of exercises in the header")
    headings = re.findall(r"^# ## (\d\dp?\.\d+) ", source.read_text(encoding="utf-8"), re.MULTILINE)
    assert [exercise for exercise, _ in rows] == headings
    objectives = [objective.strip() for _, objective in rows]
    assert len(set(objectives)) == len(objectives), "two exercises share an objective"


def test_nothing_that_exists_is_called_still_being_written():
    pages = sorted((ROOT / "notebooks" / "source").glob("*.py")) + EXERCISE_SOURCES + GUIDES
    for page in pages:
        for line in page.read_text(encoding="utf-8").splitlines():
            if "being written" in line:
                for name in re.findall(r"[\w-]+\.ipynb", line):
                    assert not list(ROOT.glob(f"**/{name}")), f"{page.name}: {line.strip()}"
