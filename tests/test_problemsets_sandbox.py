"""Every graded problem set (01-07) end to end through the real sandbox, as an instructor runs it.

One class, one grading run: the instructor makes a key (``keygen``) and issues every problem set
per student (``issue --per-student``); a *solver* answers each issued notebook with the course's
model solution for their own variant (code that computes from the data, never a typed value) and
hands in the bundle ``sl.save_work`` writes (beside a practice notebook, which is not graded); a
*copier* pastes the public model solution into each answer cell and hands in the loose
notebooks. The instructor grades the folder with ``grade --per-student --sandbox bwrap``: each
notebook runs in a bubblewrap sandbox, its answer variables come back as plain data and are
judged outside. The solver must earn every automatic point of all seven problem sets, the copier
none, and both written answers must be on the marking sheets with the question as each student
saw it. In-process, tests/test_variants.py proves the same for every variant; this proves that
the answers survive the sandbox (charts, tables, dates, data files, imports) for one drawn
variant per problem set, and ``tools/bench_problemsets.py --every-variant`` for all of them.
"""

from __future__ import annotations

import csv
import html
import json
import shutil
import tempfile
from pathlib import Path

import nbformat
import pytest

import summitlab as sl
from grading import problemsets, sandbox, variants

ROOT = Path(__file__).resolve().parent.parent
SETS = variants.problem_sets()
LESSONS = sorted(SETS)
STUDENTS = {"solver": "Ada Solver", "copier": "Ben Copier"}


def written(login: str, lesson: str) -> str:
    """A written answer of the student's own, told apart per student and lesson."""
    return (f"{STUDENTS[login]} on problem set {lesson}: the table counts events, not intent, "
            f"so the number says less than it seems.")


def answer(issued: Path, ps: variants.ProblemSet, variant: dict, login: str):
    """The issued notebook with its answer cells filled in as the student would, with the model
    solution's code for ``variant`` (the student's own variant, or the public one for a copier)."""
    notebook = nbformat.read(issued, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    solution = variants.solution_code(ps, variant)
    assert len(code) == len(solution) == len(ps.questions) + 1, ps.id
    assert code[0].source == solution[0], f"{ps.id}: the setup cell is given, not an answer"
    for cell, question, model in zip(code[1:], ps.questions, solution[1:]):
        stub = variants.WRITTEN_PLACEHOLDER if question.kind == "written" else "..."
        assert stub in cell.source and question.var in cell.source, (ps.qid(question), cell.source)
        if question.kind == "written":
            cell.source = f'{question.var} = """\n{written(login, ps.lesson)}\n"""'
        else:
            cell.source = model
    return notebook


@pytest.fixture(scope="module")
def graded():
    base = Path(tempfile.mkdtemp(prefix="summitlab-pse2e-"))  # removed below: /tmp stays as it was
    try:
        (base / "probe").mkdir()
        why = sandbox.Bwrap(base / "probe").probe()
        if why:
            pytest.skip(f"no bubblewrap sandbox on this machine: {why}")
        key, roster = base / "key" / "course.key", base / "roster.csv"
        roster.write_text("login,name,sis_id,section\n" + "".join(
            f"{login},{name},S{i},A\n" for i, (login, name) in enumerate(STUDENTS.items())), encoding="utf-8")
        assert problemsets.main(["keygen", "--key", str(key)]) == 0
        assert problemsets.main(["issue", "--key", str(key), "--roster", str(roster), "--lessons", ",".join(LESSONS),
                                 "--out", str(base / "issued"), "--per-student"]) == 0
        course_key = variants.read_key(key)
        drawn = {login: {lesson: ps.variant(course_key, login) for lesson, ps in SETS.items()} for login in STUDENTS}
        submissions, solver_folder = base / "submissions", base / "solver-work"
        submissions.mkdir()
        solver_folder.mkdir()
        for lesson, ps in SETS.items():
            name = f"{ps.id}.ipynb"
            solved = answer(base / "issued" / f"solver__{name}", ps, drawn["solver"][lesson], "solver")
            nbformat.write(solved, solver_folder / f"solver__{name}")
            copied = answer(base / "issued" / f"copier__{name}", ps, ps.public, "copier")
            nbformat.write(copied, submissions / f"copier__{name}")
        # The solver keeps the problem sets beside a practice notebook, which the bundle holds too.
        shutil.copyfile(ROOT / "exercises" / "07-after-hanoi.ipynb", solver_folder / "07-after-hanoi.ipynb")
        saved = sl.save_work(solver_folder, student=STUDENTS["solver"])  # the bundle a student hands in
        assert saved.kind == "saved" and saved.path.suffix == ".zip", saved.text
        shutil.move(saved.path, submissions / "solver.zip")
        out = base / "graded"
        assert problemsets.main(["grade", str(submissions), "--key", str(key), "--roster", str(roster),
                                 "--out", str(out), "--per-student", "--sandbox", "bwrap", "--jobs", "2"]) == 0
        yield {
            "scores": json.loads((out / "scores.json").read_text(encoding="utf-8")),
            "roster": (out / "roster.txt").read_text(encoding="utf-8"),
            "sheets": {lesson: (out / "marking" / f"{SETS[lesson].qid(q)}.html").read_text(encoding="utf-8")
                       for lesson in LESSONS for q in SETS[lesson].questions if q.kind == "written"},
            "canvas": {row["SIS Login ID"]: row for row in csv.DictReader((out / "canvas.csv").read_text(
                encoding="utf-8").splitlines())},
            "drawn": drawn,
        }
    finally:
        shutil.rmtree(base, ignore_errors=True)


def automatic(scores: dict, login: str, lesson: str) -> list[dict]:
    ps = SETS[lesson]
    entry = scores[login]["lessons"][lesson]
    return [s for s, q in zip(entry["scores"], ps.questions) if q.kind != "written"]


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_solver_earns_every_automatic_point_through_the_sandbox(graded, lesson):
    entry = graded["scores"]["solver"]["lessons"][lesson]
    assert entry["problems"] == [], entry["problems"]
    drawn = json.loads(json.dumps(graded["drawn"]["solver"][lesson]))  # as scores.json holds it (lists)
    assert entry["variant"] == drawn != json.loads(json.dumps(dict(SETS[lesson].public)))
    auto = automatic(graded["scores"], "solver", lesson)
    assert [s["status"] for s in auto] == ["correct"] * len(auto), [(s["question"], s["lost"]) for s in auto]
    assert [s["points"] for s in auto] == [s["max"] for s in auto]


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_public_model_answers_earn_nothing_through_the_sandbox(graded, lesson):
    entry = graded["scores"]["copier"]["lessons"][lesson]
    assert entry["problems"] == [], entry["problems"]  # the notebook ran: the answers were judged, and wrong
    auto = automatic(graded["scores"], "copier", lesson)
    assert [s["points"] for s in auto] == [0] * len(auto), [(s["question"], s["earned"]) for s in auto]
    assert all(s["status"] != "not answered" for s in auto), [(s["question"], s["status"]) for s in auto]


@pytest.mark.parametrize("lesson", LESSONS)
def test_written_answers_land_on_the_marking_sheet_as_asked(graded, lesson):
    ps = SETS[lesson]
    question = next(q for q in ps.questions if q.kind == "written")
    sheet = graded["sheets"][lesson]
    for login in STUDENTS:
        assert html.escape(written(login, lesson)) in sheet, (login, lesson)
        asked = question.render(question.text, ps.params(graded["drawn"][login][lesson]))  # as that student saw it
        assert html.escape(asked) in sheet, (login, lesson)
        score = graded["scores"][login]["lessons"][lesson]["scores"][ps.questions.index(question)]
        assert score["status"] == "to be marked" and score["answered"], score


def test_the_gradebook_holds_both_students_with_their_automatic_points(graded):
    assert sorted(graded["scores"]["solver"]["lessons"]) == sorted(graded["scores"]["copier"]["lessons"]) == LESSONS
    assert "not on the roster" in graded["roster"] and "  " not in graded["roster"]  # nobody missing or extra
    for lesson in LESSONS:
        column = problemsets.item_name(lesson)
        top = sum(s["max"] for s in automatic(graded["scores"], "solver", lesson))
        assert float(graded["canvas"]["solver"][column]) == top
        assert float(graded["canvas"]["copier"][column]) == 0
