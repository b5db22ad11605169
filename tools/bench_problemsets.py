"""Grading benchmark for the private problem sets: time per submission, beside the old figure.

    python tools/bench_problemsets.py [--students 20] [--lesson 01] [--jobs 2]
    python tools/bench_problemsets.py --every-variant [--jobs 2]

Issues the problem set to a generated class with a throw-away key (one variant per student),
hands in the model solution of each student's own variant for half of the class and the public
slice's model solution (a copier) for the other half, grades the class with
``grading.problemsets.grade`` (each notebook run in the grader's sandboxed kernel), checks
that solvers got every automatic question and copiers none, and writes
``bench/problemsets.csv`` and ``bench/problemsets.md``. The old figure (one lesson's exercise
notebook per submission, ``tools/bench_grading.py``) is read from ``bench/grading.csv``.

``--every-variant`` is the heavy end-to-end proof that tests/test_problemsets_sandbox.py keeps
small: every variant of every problem set 01-07 (a solver per variant, whose per-student draw is
that variant, handing in its model solution) and one copier per problem set (the public slice's
model solution), graded in one sandboxed run; it writes ``bench/problemsets-variants.csv`` and
``bench/problemsets-variants.md`` and exits 1 unless every solver gets every automatic point and
every copier none.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
BENCH = ROOT / "bench"


def old_figure() -> str:
    """Wall time per submission of the exercise-notebook benchmark (bench/grading.csv)."""
    path = BENCH / "grading.csv"
    if not path.exists():
        return "not measured"
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    students = sum(1 for r in rows if not r["submission"].startswith("TOTAL"))
    totals = {r["submission"]: float(r["seconds_in_worker"]) for r in rows if r["submission"].startswith("TOTAL")}
    return f"{totals['TOTAL wall time'] / students:.1f} s ({students} submissions)"


def hand_in(ps, variant, path: Path) -> None:
    """A submission: the model solution of ``variant``, tagged with its problem set as issued."""
    import nbformat

    from grading import variants

    notebook = variants.student_notebook(ps, variant, solutions=True)
    notebook.metadata["summitlab"] = {"problem_set": ps.lesson}
    nbformat.write(notebook, path)


def automatic_points(ps, scores: list[dict]) -> tuple[float, float]:
    """Points earned and possible on the automatically scored questions."""
    auto = {ps.qid(q) for q in ps.questions if q.kind != "written"}
    return (sum(s["points"] or 0 for s in scores if s["question"] in auto),
            sum(q.points for q in ps.questions if q.kind != "written"))


def grade_timed(submissions: Path, key: bytes, out: Path, roster, jobs: int) -> tuple[float, float, dict]:
    """Grade a class in the sandbox: (load average at the start, wall seconds, scores.json)."""
    from grading import problemsets

    load = os.getloadavg()[0]
    started = time.monotonic()
    problemsets.grade(submissions, key, out, roster, per_student=True,
                      config={"points": {}, "partial": True, "levels": 3}, anonymise=False, jobs=jobs)
    wall = time.monotonic() - started
    return load, wall, json.loads((out / "scores.json").read_text(encoding="utf-8"))


def logins_for_every_variant(ps, key: bytes) -> dict[str, dict]:
    """login -> variant: one login per variant of ``ps`` whose per-student draw is that variant."""
    wanted = [dict(v) for v in ps.domain]
    chosen: dict[int, str] = {}
    tried = 0
    while len(chosen) < len(wanted):
        login = f"ps{ps.lesson}-{tried:04d}"
        chosen.setdefault(wanted.index(ps.variant(key, login)), login)
        tried += 1
    return {login: wanted[i] for i, login in sorted(chosen.items())}


def run_every_variant(jobs: int) -> dict:
    from grading import roster as rosters, variants

    sets = variants.problem_sets()
    with tempfile.TemporaryDirectory(prefix="bench-problemsets-") as tmp:
        tmp = Path(tmp)
        key = variants.read_key(variants.keygen(tmp / "key" / "course.key"))
        submissions = tmp / "submissions"
        submissions.mkdir()
        plan = {}  # login -> (lesson, variant or None for a copier)
        for lesson, ps in sets.items():
            for login, variant in logins_for_every_variant(ps, key).items():
                plan[login] = (lesson, variant)
                hand_in(ps, variant, submissions / f"{login}__{ps.id}.ipynb")
            plan[f"copier{lesson}"] = (lesson, None)
            hand_in(ps, ps.public, submissions / f"copier{lesson}__{ps.id}.ipynb")
        (tmp / "roster.csv").write_text("login,name,sis_id,section\n" + "".join(f"{l},{l},,\n" for l in plan))
        roster = rosters.read_roster(tmp / "roster.csv")
        load, wall, scored = grade_timed(submissions, key, tmp / "out", roster, jobs)
    wrong, per_lesson = [], {}
    for login, (lesson, variant) in plan.items():
        ps = sets[lesson]
        entry = scored.get(login, {}).get("lessons", {}).get(lesson)
        got, possible = automatic_points(ps, entry["scores"]) if entry else (None, None)
        want = possible if variant is not None else 0
        if entry is None or got != want or (variant is not None and entry["variant"] != json.loads(json.dumps(variant))):
            wrong.append(f"{login} ({ps.id}, {variant or 'public'}): {got} points, expected {want}; "
                         f"{entry['problems'] if entry else 'not graded'}")
        row = per_lesson.setdefault(lesson, {"variants": 0, "solvers_full": 0, "copiers_zero": 0})
        if variant is not None:
            row["variants"] += 1
            row["solvers_full"] += entry is not None and got == want
        else:
            row["copiers_zero"] += entry is not None and got == 0
    return {"submissions": len(plan), "jobs": jobs, "wall_s": round(wall, 1), "load": round(load, 1),
            "wall_s_per_submission": round(wall / len(plan), 2), "per_lesson": per_lesson, "wrong": wrong}


def write_every_variant(result: dict) -> None:
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    with open(BENCH / "problemsets-variants.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["when", "problem_set", "variants", "solvers_full_marks",
                                                    "copiers_zero", "jobs", "wall_s_whole_run", "load_average"])
        writer.writeheader()
        for lesson, row in sorted(result["per_lesson"].items()):
            writer.writerow({"when": when, "problem_set": f"ps{lesson}", "variants": row["variants"],
                             "solvers_full_marks": row["solvers_full"], "copiers_zero": row["copiers_zero"],
                             "jobs": result["jobs"], "wall_s_whole_run": result["wall_s"], "load_average": result["load"]})
    rows = "".join(f"| ps{lesson} | {row['variants']} | {row['solvers_full']} of {row['variants']} | "
                   f"{'yes' if row['copiers_zero'] else 'no'} |\n" for lesson, row in sorted(result["per_lesson"].items()))
    (BENCH / "problemsets-variants.md").write_text(f"""# Every variant of every problem set through the sandbox

Measured {when} on {platform.machine()} with {os.cpu_count()} cores, load average {result['load']} when it
started, `python tools/bench_problemsets.py --every-variant --jobs {result['jobs']}`: for each problem set
01-07, one solver per variant (a login whose per-student draw is that variant) hands in the model
solution of its variant, and one copier hands in the public slice's model solution; all
{result['submissions']} notebooks are graded in one `grading.problemsets.grade` run, each in the grader's
bubblewrap sandbox. {result['wall_s']} s in all ({result['wall_s_per_submission']} s per submission).
tests/test_problemsets_sandbox.py runs one drawn variant per problem set on every test run.

| problem set | variants | solvers with every automatic point | copier scored 0 |
|---|---|---|---|
{rows}
{len(result['wrong'])} submissions scored otherwise than designed{': ' + '; '.join(result['wrong']) if result['wrong'] else '.'}
""", encoding="utf-8")


def run(students: int, lesson: str, jobs: int) -> dict:
    from grading import roster as rosters, variants

    ps = variants.problem_sets()[lesson]
    with tempfile.TemporaryDirectory(prefix="bench-problemsets-") as tmp:
        tmp = Path(tmp)
        key_path = variants.keygen(tmp / "key" / "course.key")
        key = variants.read_key(key_path)
        logins = [f"student{i:02d}" for i in range(students)]
        (tmp / "roster.csv").write_text("login,name,sis_id,section\n" + "".join(f"{l},{l},,\n" for l in logins))
        roster = rosters.read_roster(tmp / "roster.csv")
        submissions = tmp / "submissions"
        submissions.mkdir()
        for i, login in enumerate(logins):
            hand_in(ps, ps.public if i % 2 else ps.variant(key, login), submissions / f"{login}__{ps.id}.ipynb")
        load, wall, scored = grade_timed(submissions, key, tmp / "out", roster, jobs)
    wrong = []
    for i, login in enumerate(logins):
        got, possible = automatic_points(ps, scored[login]["lessons"][lesson]["scores"])
        want = 0 if i % 2 else possible
        if got != want:
            wrong.append(f"{login}: {got} points, expected {want}")
    return {"students": students, "lesson": lesson, "jobs": jobs, "wall_s": round(wall, 1), "load": round(load, 1),
            "wall_s_per_submission": round(wall / students, 2),
            "wrong": wrong}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--lesson", default="01")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--every-variant", action="store_true",
                        help="every variant of every problem set (and a copier each) in one sandboxed run")
    args = parser.parse_args(argv)
    if args.every_variant:
        result = run_every_variant(args.jobs)
        BENCH.mkdir(exist_ok=True)
        write_every_variant(result)
        print(json.dumps({k: v for k, v in result.items() if k != "per_lesson"}))
        return 1 if result["wrong"] else 0
    result = run(args.students, args.lesson, args.jobs)
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    BENCH.mkdir(exist_ok=True)
    with open(BENCH / "problemsets.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["when", "students", "lesson", "jobs", "wall_s",
                                                    "wall_s_per_submission", "wrong", "load_average"])
        writer.writeheader()
        writer.writerow({**{k: v for k, v in result.items() if k != "load"}, "when": when,
                         "wrong": len(result["wrong"]), "load_average": result["load"]})
    (BENCH / "problemsets.md").write_text(f"""# Grading benchmark: private problem sets

Measured {when} on {platform.machine()} with {os.cpu_count()} cores, load average
{result['load']} when it started (other work shared the machine), `python tools/bench_problemsets.py --students {result['students']} --lesson {result['lesson']}
--jobs {result['jobs']}`: half the class hands in the model solution of its own variant, half the
public slice's (copiers); every notebook runs in the grader's sandbox (grading/sandbox.py, bubblewrap
here). The old figure was measured on an idle machine with the Jupyter-kernel grader that issue 23
replaced; the exercise benchmark has not been rerun with the sandbox here.

| figure | problem set {result['lesson']} (this benchmark) | exercise notebook (tools/bench_grading.py, bench/results.md) |
|---|---|---|
| wall time per submission (total / submissions) | {result['wall_s_per_submission']} s | {old_figure()} |
| submissions scored as designed (solvers full, copiers 0) | {result['students'] - len(result['wrong'])} of {result['students']} | |
""", encoding="utf-8")
    print(json.dumps(result))
    return 1 if result["wrong"] else 0


if __name__ == "__main__":
    sys.exit(main())
