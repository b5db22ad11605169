import json
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import make_notebooks as gen  # noqa: E402

SOURCES = sorted(gen.SOURCE_DIR.glob("*.py"))

TINY = '''# %% [markdown]
# # Exercises 99
# Explain.
# <!-- BEGIN SOLUTION -->
# Model answer text.
# <!-- END SOLUTION -->

# %%
# STUDENT: total = ...
### BEGIN SOLUTION
total = 6 * 7
### END SOLUTION

# %%
check("99.1", total)
'''


@pytest.fixture
def tiny(tmp_path):
    source = tmp_path / "99-tiny.py"
    source.write_text(TINY, encoding="utf-8")
    return source


def test_there_is_at_least_one_exercise_source():
    assert SOURCES, "exercises/source/ holds no exercise notebooks"


def test_committed_notebooks_match_their_sources():
    assert gen.stale() == [], "run: python tools/make_notebooks.py"


def test_a_changed_source_is_reported_stale(tmp_path):
    source = tmp_path / SOURCES[0].name
    shutil.copy(SOURCES[0], source)
    source.write_text(source.read_text() + "\n# %%\nprint('new cell')\n")
    assert any("stale" in problem for problem in gen.stale([source]))


def test_student_version_hides_solutions_and_keeps_stubs(tiny):
    student = nbformat.writes(gen.build(tiny, solution=False))
    assert "total = ..." in student
    assert "6 * 7" not in student and "Model answer" not in student
    assert "BEGIN SOLUTION" not in student


def test_solution_version_keeps_solutions_without_markers(tiny):
    solution = nbformat.writes(gen.build(tiny, solution=True))
    assert "total = 6 * 7" in solution and "Model answer text." in solution
    assert "total = ..." not in solution and "BEGIN SOLUTION" not in solution


def test_check_cells_carry_the_output_each_version_must_produce(tiny):
    for solution, word in ((True, "Correct"), (False, "Not yet")):
        notebook = gen.build(tiny, solution=solution)
        checks = [c for c in notebook.cells if "nbval-check-output" in c.metadata.get("tags", [])]
        assert len(checks) == 1
        assert word in checks[0].outputs[0]["data"]["text/plain"]


def test_other_cells_have_no_outputs_and_stable_ids(tiny):
    first, second = gen.render(tiny, False), gen.render(tiny, False)
    assert first == second
    cells = [c for c in json.loads(first)["cells"] if c["id"] != gen.COLAB_CELL_ID]
    assert [c["id"] for c in cells] == [f"cell-{i:03d}" for i in range(len(cells))]
    assert all(not c.get("outputs") for c in cells if "nbval-check-output" not in c["metadata"].get("tags", []))


@pytest.mark.parametrize("broken", [
    "# %%\n### BEGIN SOLUTION\nx = 1\n",
    "# %%\nx = 1\n### END SOLUTION\n",
    "# %% [markdown]\n# <!-- BEGIN SOLUTION -->\n# text\n",
])
def test_unbalanced_markers_are_refused(tmp_path, broken):
    source = tmp_path / "98-broken.py"
    source.write_text(broken)
    with pytest.raises(gen.MarkerError):
        gen.build(source, solution=False)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_no_solution_line_leaks_into_the_student_notebook(source):
    text = source.read_text(encoding="utf-8")
    hidden = re.findall(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", text, re.DOTALL)
    student = (gen.STUDENT_DIR / f"{source.stem}.ipynb").read_text(encoding="utf-8")
    # What # STUDENT: lines show on purpose (a guided skeleton, a partly guided hint) may share
    # code with the answer.
    shown = [line.split(gen.STUDENT, 1)[1] for line in text.splitlines() if line.strip().startswith(gen.STUDENT)]
    for block in hidden:
        for line in block.splitlines():
            if len(line.strip()) > 12 and not line.strip().startswith(("#", ")", "]")) \
                    and not any(line.strip() in part for part in shown):
                assert json.dumps(line.strip())[1:-1] not in student, line


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_check_cell_names_a_registered_exercise(source):
    from summitlab.checks import catalogue

    ids = gen.CHECK_CALL.findall(source.read_text(encoding="utf-8"))
    assert ids, f"{source.name} has no check cells"
    assert set(ids) <= set(catalogue())


def test_regenerating_never_overwrites_a_notebook_with_work_in_it(tmp_path, monkeypatch):
    for name in ("source", "solutions"):
        (tmp_path / "exercises" / name).mkdir(parents=True)
    (tmp_path / "notebooks" / "source").mkdir(parents=True)
    source = tmp_path / "exercises" / "source" / "99-tiny.py"
    source.write_text(TINY)
    monkeypatch.setattr(gen, "ROOT", tmp_path)
    monkeypatch.setattr(gen, "SOURCE_DIR", source.parent)
    monkeypatch.setattr(gen, "LESSON_SOURCE_DIR", tmp_path / "notebooks" / "source")
    monkeypatch.setattr(gen, "STUDENT_DIR", tmp_path / "exercises")
    monkeypatch.setattr(gen, "SOLUTION_DIR", tmp_path / "exercises" / "solutions")
    assert gen.main([]) == 0
    student = tmp_path / "exercises" / "99-tiny.ipynb"
    notebook = json.loads(student.read_text())
    notebook["cells"][2]["source"] = "total = 42  # a student's answer"
    student.write_text(json.dumps(notebook))
    source.write_text(TINY + "\n# %%\nprint('a new cell')\n")
    assert gen.main([]) == 1
    assert "a student's answer" in student.read_text()
    assert gen.main(["--force"]) == 0
    assert "a new cell" in student.read_text()


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_exercise_notebook_links_the_stuck_page_from_its_header(source):
    for path in (gen.STUDENT_DIR / f"{source.stem}.ipynb", gen.SOLUTION_DIR / f"{source.stem}-solutions.ipynb"):
        header = nbformat.read(path, as_version=4).cells[0].source
        targets = re.findall(r"\]\(([^)]*stuck\.md)\)", header)
        assert targets, f"{path.name}: the header does not link the stuck page"
        assert all((path.parent / target).resolve().exists() for target in targets), targets
