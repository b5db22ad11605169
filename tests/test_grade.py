"""The grader (tools/grade.py, the grading package) grades a class of lesson-00 submissions: good, blank, wrong, tampered and hostile.

One grader run (module fixture) covers every case; each test reads its own student's row.
Expected values come from the course data and from what each notebook computes, never from
the grader.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import summitlab as sl

from grading import bundles, capture, course, judge

ROOT = Path(__file__).resolve().parent.parent

SOLVED = json.loads((ROOT / "exercises/solutions/00-start-here-solutions.ipynb").read_text(encoding="utf-8"))
BLANK = json.loads((ROOT / "exercises/00-start-here.ipynb").read_text(encoding="utf-8"))
LESSON_00 = ["00.1", "00.2", "00.3", "00.4"]


def _source(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _answer_cell(notebook: dict, name: str) -> int:
    """Index of the cell that assigns ``name`` (the exercise's answer cell)."""
    return next(i for i, c in enumerate(notebook["cells"])
                if c["cell_type"] == "code" and f"{name} =" in _source(c) and "check(" not in _source(c))


def edited(base: dict, *, before: dict[str, str] | None = None, replace: dict[str, str] | None = None,
           first: str | None = None) -> dict:
    """A copy of ``base`` with code inserted before an answer cell, an answer cell replaced, or a first cell."""
    notebook = json.loads(json.dumps(base))
    for name, code in (replace or {}).items():
        notebook["cells"][_answer_cell(notebook, name)]["source"] = code
    for name, code in (before or {}).items():
        index = _answer_cell(notebook, name)
        notebook["cells"].insert(index, {"cell_type": "code", "metadata": {}, "outputs": [],
                                         "execution_count": None, "source": code})
    if first:
        notebook["cells"].insert(1, {"cell_type": "code", "metadata": {}, "outputs": [],
                                     "execution_count": None, "source": first})
    return notebook


def write_bundle(path: Path, notebooks: dict[str, dict], *, progress: dict | None = None,
                 fmt: str = "summitlab-work/1", student: str = "") -> None:
    """A zip laid out as summitlab.bundle.make_bundle writes it."""
    from summitlab.bundle import MANIFEST

    with zipfile.ZipFile(path, "w") as archive:
        for name, notebook in notebooks.items():
            archive.writestr(f"notebooks/{name}", json.dumps(notebook))
        if progress is not None:
            archive.writestr(".summitlab-progress.json", json.dumps(progress))
        archive.writestr(MANIFEST, json.dumps({"format": fmt, "student": student, "progress": progress or {}}))


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("grading")
    submissions, out = base / "submissions", base / "out"
    submissions.mkdir()
    outside = base / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("the grader's file")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(0.2)
    connections = []

    def accept():
        while not stop.is_set():
            try:
                connections.append(listener.accept())
            except OSError:
                pass

    stop = threading.Event()
    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    name = "00-start-here.ipynb"
    claims = {e: {"status": "correct", "checks": 1} for e in LESSON_00}
    sources = len(sl.load("sources"))
    summits = sl.load("events").query("event_type == 'summit' and status == 'held' and track == 'US-DPRK'")

    write_bundle(submissions / "perfect.zip", {name: SOLVED}, student="Perfect Student")
    write_bundle(submissions / "edited.zip", {name: edited(SOLVED, replace={
        "n_sources": "n_sources = len(sources) + 1",
        "days_between": f"days_between = {(summits['date'].iloc[1] - summits['date'].iloc[0]).days}",
    })})
    write_bundle(submissions / "forged.zip", {name: BLANK}, progress=claims)
    (submissions / "cheater__00.ipynb").write_text(json.dumps(edited(BLANK, first=(
        "import summitlab, summitlab.checks\n"
        "from summitlab.feedback import Feedback\n"
        "always = lambda exercise_id, answer: Feedback.correct(exercise_id)\n"
        "summitlab.check = summitlab.checks.check = check = always\n"
        "Feedback.__bool__ = lambda self: True\n"
        "class Anything:\n"
        "    __eq__ = lambda self, other: True\n"
        "    __float__ = lambda self: 0.0\n"), replace={"n_sources": "n_sources = Anything()"})))
    (submissions / "corrupt.zip").write_bytes(b"PK\x03\x04 this is not really a zip file")
    write_bundle(submissions / "othercourse.zip", {name: SOLVED}, fmt="another-course/2")
    write_bundle(submissions / "missing.zip", {"my-notes.ipynb": {"cells": [], "metadata": {}, "nbformat": 4,
                                                                  "nbformat_minor": 5}})
    (submissions / "loop.ipynb").write_text(json.dumps(edited(SOLVED, before={"clock": "while True:\n    pass"})))
    vandal = (
        "import os, pathlib, shutil, socket, subprocess\n"
        "tries = {}\n"
        f"outside = pathlib.Path({str(outside)!r})\n"
        f"course = pathlib.Path({str(ROOT)!r})\n"
        "attempts = [\n"
        "    lambda: (outside / 'keep.txt').write_text('changed'),\n"
        "    lambda: os.remove(outside / 'keep.txt'),\n"
        "    lambda: (outside / 'new.txt').write_text('planted'),\n"
        "    lambda: (course / 'summitlab' / 'checks.py').write_text('def check(*a): return True'),\n"
        "    lambda: (course / 'exercises' / 'solutions' / '00-start-here-solutions.ipynb').read_text(),\n"
        "    lambda: shutil.rmtree(course / 'data'),\n"
        f"    lambda: socket.create_connection(('127.0.0.1', {listener.getsockname()[1]}), timeout=2),\n"
        "    lambda: subprocess.run(['touch', str(outside / 'spawned.txt')]),\n"
        "    lambda: os.system('touch ' + str(outside / 'system.txt')),\n"
        "]\n"
        "for number, attempt in enumerate(attempts):\n"
        "    try:\n"
        "        attempt()\n"
        "        tries[number] = 'worked'\n"
        "    except Exception as error:\n"
        "        tries[number] = type(error).__name__\n"
        "pathlib.Path('mine.txt').write_text('a file in my own folder is fine')\n"
        "assert all(v != 'worked' for k, v in tries.items() if k != 8), tries  # os.system returns -1\n"
    )
    hog = "hog = []\nwhile True:\n    hog.append(bytearray(50 * 2**20))"
    (submissions / "vandal.ipynb").write_text(json.dumps(edited(SOLVED, first=vandal, before={"days_between": hog})))
    (submissions / "dies.ipynb").write_text(json.dumps(edited(SOLVED, before={"kinds_chart": "import os\nos._exit(3)"})))
    (submissions / "readme.txt").write_text("not a submission")

    course_before = _tree_digest(ROOT / "summitlab") + _tree_digest(ROOT / "data")
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools/grade.py"), str(submissions), "--out", str(out), "--lessons", "00",
         "--jobs", "2", "--cell-timeout", "8", "--notebook-timeout", "150", "--memory-mb", "1500"],
        capture_output=True, text=True, timeout=600)
    stop.set()
    thread.join()
    listener.close()
    print(done.stderr, file=sys.stderr)
    assert done.returncode == 0, done.stderr
    results = pd.read_csv(out / "results.csv", keep_default_na=False, dtype=str)
    return {
        "out": out, "outside": outside, "connections": connections, "stderr": done.stderr,
        "gradebook": pd.read_csv(out / "gradebook.csv", keep_default_na=False).set_index("SIS Login ID"),
        "status": results.pivot(index="student", columns="exercise", values="status"),
        "results": results.set_index(["student", "exercise"]),
        "problems": pd.read_csv(out / "problems.csv").groupby("student")["problem"].apply(" | ".join),
        "course_unchanged": course_before == _tree_digest(ROOT / "summitlab") + _tree_digest(ROOT / "data"),
    }


def statuses(graded, student) -> list[str]:
    return list(graded["status"].loc[student, LESSON_00])


def test_every_submission_has_a_row_and_a_feedback_page(graded):
    students = {"perfect", "edited", "forged", "cheater", "corrupt", "othercourse", "missing",
                "loop", "vandal", "dies"}
    assert set(graded["gradebook"].index) == students
    assert {p.stem for p in (graded["out"] / "feedback").glob("*.html")} == students
    assert "ignored readme.txt" in graded["stderr"]


def test_a_solved_notebook_gets_full_credit(graded):
    assert statuses(graded, "perfect") == ["correct"] * 4
    book = graded["gradebook"]
    assert book.loc["perfect", "Total (of 4)"] == 4
    assert book.loc["perfect", "Student"] == "Perfect Student"
    page = (graded["out"] / "feedback" / "perfect.html").read_text(encoding="utf-8")
    assert "4 of 4 checked exercises are correct" in page


def test_a_wrong_answer_is_not_quite_and_a_typed_number_is_flagged(graded):
    assert statuses(graded, "edited") == ["not quite", "correct", "correct", "correct"]
    results = graded["results"]
    assert "too high" in results.loc[("edited", "00.1"), "message"]
    assert results.loc[("edited", "00.2"), "typed_as_literal"] is True or \
        str(results.loc[("edited", "00.2"), "typed_as_literal"]) == "True"
    # The solved notebook computes its answers, and 00.4 is a multiple choice (a letter is expected).
    flagged = results[results["typed_as_literal"].astype(str) == "True"].index.tolist()
    assert flagged == [("edited", "00.2")]


def test_a_blank_notebook_with_a_forged_progress_file_earns_nothing(graded):
    assert statuses(graded, "forged") == ["not yet"] * 4
    assert graded["gradebook"].loc["forged", "Total (of 4)"] == 0


def test_a_notebook_that_replaces_check_earns_nothing(graded):
    assert statuses(graded, "cheater") == ["not quite", "not yet", "not yet", "not yet"]
    assert "Anything" in graded["results"].loc[("cheater", "00.1"), "message"]


def test_bad_files_are_recorded_with_a_reason(graded):
    problems = graded["problems"]
    assert "not a readable zip file" in problems["corrupt"]
    assert "not a Summit Lab work bundle" in problems["othercourse"]
    assert "my-notes.ipynb is not one of the course's exercise notebooks" in problems["missing"]
    assert "no notebook for lesson 00" in problems["missing"]
    for student in ("corrupt", "othercourse", "missing"):
        assert graded["gradebook"].loc[student, "Total (of 4)"] == 0


def test_a_cell_that_loops_forever_is_stopped_and_what_came_before_graded(graded):
    assert statuses(graded, "loop") == ["correct", "correct", "correct", "error"]
    assert "ran longer than the 8 s limit" in graded["results"].loc[("loop", "00.4"), "message"]
    assert "ran longer than the 8 s limit" in graded["problems"]["loop"]


def test_memory_exhaustion_fails_one_cell_only(graded):
    # The vandal's hog is a cell of its own before the 00.2 answer cell: only it fails.
    assert statuses(graded, "vandal") == ["correct"] * 4
    problems = graded["problems"]["vandal"]
    assert "raised MemoryError" in problems and problems.count("raised") == 1, problems


def test_a_kernel_that_dies_keeps_what_it_had_done(graded):
    assert statuses(graded, "dies") == ["correct", "correct", "error", "error"]
    assert "kernel died" in graded["results"].loc[("dies", "00.3"), "message"]


def test_nothing_outside_the_submission_folder_changes(graded):
    # The vandal's own assertion (every attempt failed) passed: its only failing cell is the hog.
    assert graded["problems"]["vandal"].count("raised") == 1, graded["problems"]["vandal"]
    assert "AssertionError" not in graded["problems"]["vandal"]
    assert statuses(graded, "vandal") == ["correct"] * 4
    outside = graded["outside"]
    assert sorted(p.name for p in outside.iterdir()) == ["keep.txt"]
    assert (outside / "keep.txt").read_text() == "the grader's file"
    assert graded["connections"] == []
    assert graded["course_unchanged"]


@pytest.mark.parametrize("name, key", [("alice.zip", "alice"), ("bob__01-crisis.ipynb", "bob"),
                                       ("c.d@uni.ipynb", "c.d@uni")])
def test_the_naming_rule(name, key):
    assert bundles.student_key(Path(name)) == key


def test_literal_detection_tells_typed_values_from_computations():
    notebook = {"cells": [{"cell_type": "code", "source": src} for src in (
        "a = 354", "b = len(x)", "c = pd.Timestamp('2019-02-27')", "d = ...", "e = -3.5", "f = x['y'].max()")]}
    flags = {name: course.literal_assignment(notebook, name, 6) for name in "abcdef"}
    assert flags == {"a": True, "b": False, "c": True, "d": False, "e": True, "f": False}


def test_answers_cross_as_plain_data_and_come_back_judgeable():
    import altair as alt

    table = sl.load("events")[["event_id", "date", "track"]].head(5)
    back = judge.rebuild(json.loads(json.dumps(capture.plain(table))))
    pd.testing.assert_frame_equal(back, table, check_dtype=False, check_categorical=False)
    layered = alt.layer(alt.Chart(table).mark_point().encode(x="date:T"),
                        alt.Chart(table).mark_rule().encode(x="date:T")).properties(title="t")
    rebuilt = judge.rebuild(json.loads(json.dumps(capture.plain(layered))))
    assert rebuilt.to_dict() == layered.to_dict()
    counts = sl.load("missile_launches")["missile_class"].value_counts()
    back = judge.rebuild(json.loads(json.dumps(capture.plain(counts))))
    pd.testing.assert_series_equal(back, counts, check_dtype=False, check_categorical=False, check_index_type=False)
    assert judge.rebuild(capture.plain(...)) is Ellipsis
    assert judge.rebuild(capture.plain(pd.Timestamp("2018-06-12"))) == pd.Timestamp("2018-06-12")
