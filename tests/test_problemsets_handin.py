"""What the problem-set grader does with what students hand in besides one notebook a set:
two copies of a set, files that are not problem-set notebooks, links, and no sandbox at all.

The sandbox run itself is replaced here (tests/test_problemsets_sandbox.py runs it for real):
these tests are about which notebook is graded and what the instructor is told.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from grading import problemsets, sandbox


def notebook(path: Path, text: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(text)]
    nbformat.write(nb, path)


@pytest.fixture
def graded_run(tmp_path, monkeypatch):
    submissions, out = tmp_path / "submissions", tmp_path / "out"
    submissions.mkdir()
    notebook(submissions / "dup__ps01.ipynb", "# first try")
    notebook(submissions / "dup__ps01-2.ipynb", "# second try")
    notebook(submissions / "dup__ps02.ipynb", "# only one")
    notebook(submissions / "stray__essay.ipynb", "# not a problem set")
    (submissions / "broken__ps03.ipynb").write_text("{ not json", encoding="utf-8")
    (tmp_path / "elsewhere.ipynb").write_text("{}", encoding="utf-8")
    (submissions / "link__ps01.ipynb").symlink_to(tmp_path / "elsewhere.ipynb")
    ran = []

    def run_submission(nb, ps, backend, scratch, limits):
        ran.append((ps.lesson, nb["cells"][0]["source"]))
        return {}, []

    monkeypatch.setattr(problemsets, "run_submission", run_submission)
    monkeypatch.setattr(sandbox, "prepare_course", lambda path: path)
    monkeypatch.setattr(sandbox, "choose", lambda kind, course: None)
    report = problemsets.grade(submissions, b"k" * 32, out, None, per_student=True, config=problemsets.points.DEFAULT_CONFIG,
                               anonymise=False)
    return {"report": report, "ran": ran, "out": out,
            "scores": json.loads((out / "scores.json").read_text(encoding="utf-8")),
            "roster": (out / "roster.txt").read_text(encoding="utf-8")}


def test_two_copies_of_a_set_grade_the_last_by_name_and_say_so(graded_run):
    assert sorted(graded_run["ran"]) == [("01", "# second try"), ("02", "# only one")]
    problems = graded_run["scores"]["dup"]["lessons"]["01"]["problems"]
    assert len(problems) == 1 and "2 notebooks for problem set 01" in problems[0], problems
    assert "graded dup__ps01-2.ipynb" in problems[0]
    assert graded_run["scores"]["dup"]["lessons"]["02"]["problems"] == []


def test_students_with_nothing_graded_are_listed_with_the_reason(graded_run):
    roster, report = graded_run["roster"], graded_run["report"]
    assert report["ungraded"] == ["broken", "link", "stray"]
    section = roster.split("nothing was graded, and why:\n", 1)[1]
    assert "stray: stray__essay.ipynb is not a problem-set notebook" in section
    assert "link: link__ps01.ipynb is a symbolic link" in section
    assert "broken: broken__ps03.ipynb is not a readable notebook" in section
    assert "dup" not in section


def test_the_reasons_survive_a_merge(graded_run):
    report, _ = problemsets.merge(graded_run["out"], None, problemsets.points.DEFAULT_CONFIG)
    assert report["ungraded"] == ["broken", "link", "stray"]
    assert "stray: stray__essay.ipynb" in (graded_run["out"] / "roster.txt").read_text(encoding="utf-8")


def test_without_a_sandbox_grade_refuses_in_one_line(tmp_path, monkeypatch, capsys):
    (tmp_path / "key").write_bytes(b"k" * 32)
    (tmp_path / "in").mkdir()

    def unavailable(kind, course):
        raise sandbox.SandboxUnavailable("bubblewrap (bwrap) is not installed")

    monkeypatch.setattr(sandbox, "choose", unavailable)
    monkeypatch.setattr(problemsets.variants, "read_key", lambda path: b"k" * 32)
    code = problemsets.main(["grade", str(tmp_path / "in"), "--key", str(tmp_path / "key"), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("Not grading: bubblewrap") and "Traceback" not in err
