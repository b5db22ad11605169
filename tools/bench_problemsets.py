"""Grading benchmark for the private problem sets: time per submission, beside the old figure.

    python tools/bench_problemsets.py [--students 20] [--lesson 01] [--jobs 2]

Issues the problem set to a generated class with a throw-away key (one variant per student),
hands in the model solution of each student's own variant for half of the class and the public
slice's model solution (a copier) for the other half, grades the class with
``grading.problemsets.grade`` (each notebook run in the grader's sandboxed kernel), checks
that solvers got every automatic question and copiers none, and writes
``bench/problemsets.csv`` and ``bench/problemsets.md``. The old figure (one lesson's exercise
notebook per submission, ``tools/bench_grading.py``) is read from ``bench/grading.csv``.
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


def run(students: int, lesson: str, jobs: int) -> dict:
    import nbformat

    from grading import problemsets, roster as rosters, variants

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
            variant = ps.public if i % 2 else ps.variant(key, login)
            notebook = variants.student_notebook(ps, variant, solutions=True)
            notebook.metadata["summitlab"] = {"problem_set": lesson}
            nbformat.write(notebook, submissions / f"{login}__{ps.id}.ipynb")
        load = os.getloadavg()[0]
        started = time.monotonic()
        problemsets.grade(submissions, key, tmp / "out", roster, per_student=True,
                          config={"points": {}, "partial": True, "levels": 3}, anonymise=False, jobs=jobs)
        wall = time.monotonic() - started
        scored = json.loads((tmp / "out" / "scores.json").read_text(encoding="utf-8"))
    auto = [q for q in ps.questions if q.kind != "written"]
    wrong = []
    for i, login in enumerate(logins):
        auto_ids = {ps.qid(q) for q in auto}
        got = sum(s["points"] or 0 for s in scored[login]["lessons"][lesson]["scores"] if s["question"] in auto_ids)
        want = 0 if i % 2 else sum(q.points for q in auto)
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
    args = parser.parse_args(argv)
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
