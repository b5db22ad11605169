"""What the problem-set grader does with what students hand in besides one notebook a set:
two copies of a set, files that are not problem-set notebooks, links, and no sandbox at all.

The sandbox run itself is replaced here (tests/test_problemsets_sandbox.py runs it for real):
these tests are about which notebook is graded and what the instructor is told.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from grading import problemsets, sandbox

GUIDE = Path(__file__).resolve().parent.parent / "instructors" / "grading.md"


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


def test_marking_sheets_only_for_the_sets_handed_in(graded_run):
    sheets = sorted(p.name for p in (graded_run["out"] / "marking").glob("ps*.csv"))
    assert sheets and {name[:4] for name in sheets} == {"ps01", "ps02"}, sheets  # ps03 was unreadable


def test_grading_again_never_overwrites_entered_levels(graded_run, capsys):
    sheet = sorted((graded_run["out"] / "marking").glob("ps01.*.csv"))[0]
    rows = sheet.read_text(encoding="utf-8").splitlines()
    rows[1] = rows[1].split(",")[0] + ",2,"
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
    (graded_run["out"].parent / "key").write_text("ab" * 32, encoding="utf-8")
    code = problemsets.main(["grade", str(graded_run["out"].parent / "submissions"), "--out", str(graded_run["out"]),
                             "--key", str(graded_run["out"].parent / "key")])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("Not grading:") and f"marking/{sheet.name}" in err
    assert sheet.read_text(encoding="utf-8").splitlines()[1].endswith(",2,")


def test_key_and_file_mistakes_stop_in_one_line(tmp_path, capsys):
    key = tmp_path / "course.key"
    assert problemsets.main(["keygen", "--key", str(key)]) == 0
    (tmp_path / "class.csv").write_text("login,name,sis_id,section\njdoe,Jane Doe,1,A\n", encoding="utf-8")
    roster = ["--roster", str(tmp_path / "r.csv"), "--out", str(tmp_path / "issued")]
    calls = {"--force": ["keygen", "--key", str(key)],
             "inside the course repository": ["keygen", "--key", str(problemsets.variants.ROOT / "course.key")],
             "make one with `keygen`": ["issue", "--key", str(tmp_path / "none.key"), "--roster", str(tmp_path / "class.csv"),
                                        "--out", str(tmp_path / "issued")],
             "r.csv": ["issue", "--key", str(key), *roster]}
    for said, argv in calls.items():
        capsys.readouterr()
        assert problemsets.main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.startswith("Stopped: ") and said in err and len(err.splitlines()) == 1, err
    assert not (problemsets.variants.ROOT / "course.key").exists() and not (tmp_path / "issued").exists()


def test_the_files_the_guide_promises_are_written_and_rewritten_by_the_merge(graded_run):
    """instructors/grading.md, problem sets steps 5 and 7: what `grade` writes, what `merge` rewrites."""
    guide = GUIDE.read_text(encoding="utf-8")
    step5 = guide.split("5. **Grade**", 1)[1].split("Without a", 1)[0].split("It writes", 1)[1]
    written = [name.replace("<login>", "dup") for name in re.findall(r"`([\w./<>-]+)`", step5)]
    assert {"canvas.csv", "moodle.csv", "marking/", "scores.json"} <= set(written), written
    assert [name for name in written if not (graded_run["out"] / name).exists()] == []
    step7 = guide.split("7. **Merge**", 1)[1].split("8. **", 1)[0].split("rewrites", 1)[1].split(", and lists", 1)[0]
    rewritten = re.findall(r"`([\w./-]+)`", step7)
    assert {"canvas.csv", "moodle.csv", "results.csv", "feedback/"} <= set(rewritten), rewritten
    for name in rewritten:
        target = graded_run["out"] / name
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()
    problemsets.merge(graded_run["out"], None, problemsets.points.DEFAULT_CONFIG)
    assert [name for name in rewritten if not (graded_run["out"] / name).exists()] == []
    assert (graded_run["out"] / "feedback" / "dup__ps01.html").exists()
