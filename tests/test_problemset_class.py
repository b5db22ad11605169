"""A simulated class of 40 graded end to end on the private problem sets.

Half the class copies the public model answers, half solves its own variant. The answers are
judged directly (no kernel) for the class; one small run puts real notebooks through the
grader's sandboxed kernel.
"""

from __future__ import annotations

import csv
import json
import secrets
from functools import lru_cache

import nbformat
import pandas as pd
import pytest

from grading import lms, marking, problemsets, roster as rosters, variants

LESSONS = ("01", "04")
SETS = variants.problem_sets()


@lru_cache(maxsize=None)
def _model(lesson: str, variant_json: str) -> dict:
    return variants.model_answers(SETS[lesson], json.loads(variant_json))


def model(lesson: str, variant) -> dict:
    return dict(_model(lesson, json.dumps(dict(variant), sort_keys=True)))


def canvas_roster(path, logins):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Old quiz (123)"])
        writer.writerow(["    Points Possible", "", "", "", "", "10"])
        for i, login in enumerate(logins):
            writer.writerow([f"Student {i:02}, Test", 1000 + i, f"S{i:05}", login, "Section A" if i % 2 else "Section B", ""])
    return path


def written_answer(lesson: str, login: str) -> str:
    draft = sum(ord(c) * 31 ** i for i, c in enumerate(login)) % 99991  # tells answers apart, names no one
    return f"Draft {draft} on lesson {lesson}: the count leaves out range and payload, and the table says so."


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    out = tmp_path_factory.mktemp("graded")
    key = secrets.token_bytes(32)
    logins = [f"s{i:02}" for i in range(40)]
    roster = rosters.read_roster(canvas_roster(out / "roster.csv", logins + ["absent"]))
    entries = []
    for i, login in enumerate(logins + ["intruder"]):
        copier = i % 2 == 0
        for lesson in LESSONS:
            ps = SETS[lesson]
            variant = ps.variant(key, login)
            answers = model(lesson, ps.public if copier else variant)
            written = next(q for q in ps.questions if q.kind == "written")
            answers[ps.qid(written)] = written_answer(lesson, login)
            if login == "s01" and lesson == "01":  # a solver whose chart lost its title
                chart_q = ps.questions[3]
                answers[ps.qid(chart_q)] = answers[ps.qid(chart_q)].properties(title="", description="")
            entries.append({"student": login, "name": "", "lesson": lesson, "variant": variant,
                            "answers": answers, "problems": []})
    scored = problemsets.score_entries(entries)
    report = problemsets.write_outputs(scored, out, roster, anonymise=True, entries=entries)
    return {"out": out, "scored": scored, "report": report, "logins": logins, "entries": entries}


def auto_points(scored, login, lesson):
    ps = SETS[lesson]
    scores = scored[login]["lessons"][lesson]["scores"]
    return [s["points"] for s, q in zip(scores, ps.questions) if q.kind != "written"], \
           [s["max"] for s, q in zip(scores, ps.questions) if q.kind != "written"]


def test_copiers_score_zero_and_solvers_full_marks(graded):
    for i, login in enumerate(graded["logins"]):
        for lesson in LESSONS:
            got, possible = auto_points(graded["scored"], login, lesson)
            if i % 2 == 0:
                assert got == [0] * len(got), (login, lesson)
            elif (login, lesson) != ("s01", "01"):
                assert got == possible, (login, lesson)


def test_partial_credit_shows_where_designed(graded):
    scores = graded["scored"]["s01"]["lessons"]["01"]["scores"]
    chart_score = scores[3]
    assert chart_score["status"] == "partly right" and 0 < chart_score["points"] < chart_score["max"]
    assert "title" in chart_score["lost"] and "right data" in chart_score["earned"]
    page = (graded["out"] / "feedback" / "s01__ps01.html").read_text(encoding="utf-8")
    assert "partly right" in page and "What lost points" in page


def test_written_answers_on_anonymous_marking_sheets_and_merged_back(graded):
    out = graded["out"]
    sheet = (out / "marking" / "ps01.6.html").read_text(encoding="utf-8")
    assert sheet.count(written_answer("01", "s02")) == 1
    assert "s02" not in sheet and "Student 02" not in sheet  # names hidden until the merge
    with open(out / "marking" / "ps01.6.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 41 and all(r["level"] == "" for r in rows)
    with open(out / "marking" / "identities.csv", encoding="utf-8") as handle:
        who = {r["marking_id"]: r["student"] for r in csv.DictReader(handle)}
    for row in rows:
        row["level"] = "3" if who[row["marking_id"]] == "s03" else "1"
    with open(out / "marking" / "ps01.6.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["marking_id", "level", "comment"])
        writer.writeheader()
        writer.writerows(rows)
    roster = rosters.read_roster(out / "roster.csv")
    _, problems = problemsets.merge(out, roster, {"points": {}, "partial": True, "levels": 3})
    assert any("ps04.5.csv" in p and "no level yet" in p for p in problems)
    scored = json.loads((out / "scores.json").read_text(encoding="utf-8"))
    written = {s: d["lessons"]["01"]["scores"][5] for s, d in scored.items()}
    assert written["s03"]["points"] == written["s03"]["max"] == 3
    assert written["s05"]["points"] == 1 and "rubric level 1 of 3" in written["s05"]["earned"]
    canvas = pd.read_csv(out / "canvas.csv", dtype=str).set_index("SIS Login ID")
    s03_auto = sum(auto_points(scored, "s03", "01")[1])
    assert float(canvas.loc["s03", problemsets.item_name("01")]) == s03_auto + 3


def test_gradebooks_follow_the_canvas_and_moodle_import_formats(graded):
    out = graded["out"]
    with open(out / "canvas.csv", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:5] == lms.CANVAS_IDENTITY
    assert rows[0][5:] == [problemsets.item_name(lesson) for lesson in LESSONS]
    assert rows[1][0] == "Points Possible"
    possible = [float(p) for p in rows[1][5:]]
    body = {r[3]: r for r in rows[2:]}
    assert set(body) == set(graded["logins"]) | {"absent"}  # the roster, not the intruder
    assert body["s07"][1:3] == ["1007", "S00007"] and body["s07"][4] == "Section A"
    for login, row in body.items():
        for cell, top in zip(row[5:], possible):
            assert cell == "" if login == "absent" else 0 <= float(cell) <= top
    moodle = pd.read_csv(out / "moodle.csv", dtype=str, keep_default_na=False)
    assert list(moodle.columns[:2]) == ["Username", "ID number"] and moodle["Username"].is_unique
    for lesson in LESSONS:
        assert f"Feedback: {problemsets.item_name(lesson)}" in moodle.columns
        pd.to_numeric(moodle.loc[moodle["Username"] != "absent", problemsets.item_name(lesson)], errors="raise")


def test_roster_mismatches_are_listed(graded):
    assert graded["report"] == {"not_on_roster": ["intruder"], "missing": ["absent"], "ungraded": []}
    assert "intruder" in (graded["out"] / "roster.txt").read_text(encoding="utf-8")


def test_moodle_and_plain_rosters_read_the_same_columns(tmp_path):
    (tmp_path / "m.csv").write_text("First name,Last name,ID number,Username,Email address,Groups\n"
                                    "Ada,Lovelace,S1,ada,ada@example.org,G1\n", encoding="utf-8")
    (tmp_path / "p.csv").write_text("login,name,sis_id,section\nada,Ada Lovelace,S1,G1\n", encoding="utf-8")
    moodle, plain = rosters.read_roster(tmp_path / "m.csv"), rosters.read_roster(tmp_path / "p.csv")
    assert moodle.loc[0, ["login", "name", "sis_id", "section"]].tolist() == \
        plain.loc[0, ["login", "name", "sis_id", "section"]].tolist() == ["ada", "Ada Lovelace", "S1", "G1"]
    (tmp_path / "bad.csv").write_text("who,what\n1,2\n", encoding="utf-8")
    with pytest.raises(ValueError):
        rosters.read_roster(tmp_path / "bad.csv")


def test_spreadsheet_formulas_are_neutralised():
    assert lms._safe("=HYPERLINK(1)") == "'=HYPERLINK(1)" and lms._safe("-3") == "-3"


def test_real_notebooks_through_the_sandbox(tmp_path):
    """One solver and one copier notebook of problem set 07, issued, run and graded for real."""
    key_path = variants.keygen(tmp_path / "key" / "course.key")
    key = variants.read_key(key_path)
    roster = rosters.read_roster(canvas_roster(tmp_path / "roster.csv", ["solver", "copier"]))
    issued = problemsets.issue(key, roster, ["07"], tmp_path / "issued", per_student=True)
    assert sorted(p.name for p in issued) == ["copier__ps07.ipynb", "solver__ps07.ipynb"]
    ps = SETS["07"]
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    for login, variant in (("solver", ps.variant(key, "solver")), ("copier", ps.public)):
        handed = nbformat.read(tmp_path / "issued" / f"{login}__ps07.ipynb", as_version=4)
        solved = variants.student_notebook(ps, variant, solutions=True)
        for cell, answer in zip(handed.cells, solved.cells):
            cell.source = answer.source if cell.cell_type == "code" else cell.source
        nbformat.write(handed, submissions / f"{login}__ps07.ipynb")
    out = tmp_path / "graded"
    report = problemsets.grade(submissions, key, out, roster, per_student=True,
                               config={"points": {}, "partial": True, "levels": 3}, anonymise=False)
    assert report == {"not_on_roster": [], "missing": [], "ungraded": []}
    scored = json.loads((out / "scores.json").read_text(encoding="utf-8"))
    solver = [s for s in scored["solver"]["lessons"]["07"]["scores"] if s["question"] != "ps07.5"]
    copier = [s for s in scored["copier"]["lessons"]["07"]["scores"] if s["question"] != "ps07.5"]
    assert [s["status"] for s in solver] == ["correct"] * 4, [s["lost"] for s in solver]
    assert [s["points"] for s in copier] == [0] * 4, [s["earned"] for s in copier]
    assert "In " in (out / "marking" / "ps07.5.html").read_text(encoding="utf-8")
