"""Grading benchmark: time tools/grade.py on a generated class of one lesson.

    python tools/bench_grading.py [--students 60] [--lesson 01] [--jobs 2]

Generates the class in a temporary folder (most students hand in the solved notebook, some
the blank one, some a solved notebook with one answer edited wrong, half as bundles and half as
loose notebooks), grades it with the parallel runner, checks that each student got what their
notebook computes, and writes ``bench/grading.csv`` (one row per submission and a total) and
the "Grading" section of ``bench/results.md``. Target: under 10 s per submission on average
(total wall time / submissions). The test suite grades only a few submissions
(tests/test_grade.py); this is the load test.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
TARGET_SECONDS = 10.0
BEGIN, END = "<!-- BEGIN GRADING BENCHMARK -->", "<!-- END GRADING BENCHMARK -->"


def _wrong(notebook: dict, expression: str) -> dict:
    """The solved notebook with the answer ``expression`` set to a wrong value after it is computed."""
    notebook = json.loads(json.dumps(notebook))
    for index, cell in enumerate(notebook["cells"]):
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "code" and source.lstrip().startswith("check(") and expression in source:
            notebook["cells"].insert(index, {"cell_type": "code", "metadata": {}, "outputs": [],
                                             "execution_count": None, "source": f"{expression} = None  # edited wrong"})
            return notebook
    raise ValueError(f"no check cell for {expression}")


def generate(folder: Path, lesson: str, students: int) -> dict[str, str]:
    """Write the class into ``folder``; return student -> what they should get ("all", "none", "all but one")."""
    sys.path.insert(0, str(ROOT))
    from grading.course import course_notebooks

    spec = course_notebooks()[lesson]
    name = spec["name"]
    solved = json.loads((ROOT / "exercises" / "solutions" / name.replace(".ipynb", "-solutions.ipynb")).read_text())
    blank = json.loads((ROOT / "exercises" / name).read_text())
    first = next(iter(spec["expressions"].values()))
    expected = {}
    for number in range(students):
        student = f"student{number:02d}"
        if number % 6 == 5:
            notebook, expected[student] = blank, "none"
        elif number % 6 == 4:
            notebook, expected[student] = _wrong(solved, first), "all but one"
        else:
            notebook, expected[student] = solved, "all"
        if number % 2:
            (folder / f"{student}__{name}").write_text(json.dumps(notebook))
        else:
            with zipfile.ZipFile(folder / f"{student}.zip", "w") as archive:
                archive.writestr(f"notebooks/{name}", json.dumps(notebook))
                archive.writestr("manifest.json", json.dumps({"format": "summitlab-work/1", "student": student}))
    return expected


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--lesson", default="01")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="summitlab-bench-grading-") as tmp:
        submissions, out = Path(tmp) / "submissions", Path(tmp) / "out"
        submissions.mkdir()
        expected = generate(submissions, args.lesson, args.students)
        load_before = os.getloadavg()[0]
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.monotonic()
        done = subprocess.run([sys.executable, str(ROOT / "tools" / "grade.py"), str(submissions), "--out", str(out),
                               "--lessons", args.lesson, "--jobs", str(args.jobs)], capture_output=True, text=True)
        total = time.monotonic() - started
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return 1
        seconds = {}
        for line in done.stderr.splitlines():  # "student07: 6 correct, 0 problem(s), 8.1 s"
            if line.startswith("student") and line.endswith(" s"):
                seconds[line.split(":")[0]] = float(line.rsplit(", ", 1)[1][:-2])
        with open(out / "gradebook.csv", newline="", encoding="utf-8") as handle:
            book = {row["SIS Login ID"]: row for row in csv.DictReader(handle)}
    n_checked = int(next(k for k in next(iter(book.values())) if k.startswith("Total")).split("of ")[1].rstrip(")"))
    total_column = f"Total (of {n_checked})"
    wanted = {"all": n_checked, "none": 0, "all but one": n_checked - 1}
    wrong = [s for s, what in expected.items() if int(book[s][total_column]) != wanted[what]]
    mean = total / args.students
    rows = [{"submission": s, "expected": expected[s], "correct": book[s][total_column],
             "seconds_in_worker": seconds.get(s, "")} for s in sorted(expected)]
    BENCH.mkdir(exist_ok=True)
    with open(BENCH / "grading.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["submission", "expected", "correct", "seconds_in_worker"])
        writer.writeheader()
        writer.writerows(rows)
        writer.writerow({"submission": "TOTAL wall time", "expected": "", "correct": "",
                         "seconds_in_worker": round(total, 1)})
        writer.writerow({"submission": "TOTAL CPU time", "expected": "", "correct": "",
                         "seconds_in_worker": round(cpu, 1)})
    worker = sorted(seconds.values())
    median = worker[len(worker) // 2] if worker else float("nan")
    section = f"""{BEGIN}
## Grading

`python tools/bench_grading.py --students {args.students} --lesson {args.lesson} --jobs {args.jobs}`
({dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.system()} {platform.machine()},
{os.cpu_count()} cores, load average {load_before:.1f} when it started): {args.students} generated
submissions of lesson {args.lesson} graded by `tools/grade.py` with {args.jobs} parallel workers, each
notebook in its own bubblewrap sandbox. Before the sandbox (issue 23) the figure was 5.9 s per
submission, and 3.4 s in the last run on an idle machine (2026-12-02).

| measure | value | target |
|---|---|---|
| total wall time | {total:.0f} s | |
| wall time per submission (total / {args.students}) | {mean:.1f} s | < {TARGET_SECONDS:.0f} s ({'met' if mean < TARGET_SECONDS else 'missed'}) |
| CPU time per submission (grader, workers and kernels) | {cpu / args.students:.1f} s | |
| CPU-bound estimate on an idle machine (CPU per submission / {args.jobs} workers) | {cpu / args.students / args.jobs:.1f} s | < {TARGET_SECONDS:.0f} s |
| median time of one submission in its worker (unpack, run, judge) | {median:.1f} s | |
| slowest submission in its worker | {(worker[-1] if worker else float('nan')):.1f} s | |
| submissions graded as their notebooks compute | {args.students - len(wrong)} of {args.students} | all |

Per-submission times are in [grading.csv](grading.csv). A submission's time is mostly a sandbox
start and the lesson's own run time; the wall time per submission falls with more cores
(`--jobs`). On a shared machine the numbers depend on the other load (the load average above).
{END}"""
    results = BENCH / "results.md"
    text = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    if BEGIN in text:
        text = text[: text.index(BEGIN)] + section + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    results.write_text(text, encoding="utf-8")
    print(f"{args.students} submissions in {total:.0f} s: {mean:.1f} s per submission; "
          f"{len(wrong)} graded differently from what their notebooks compute {wrong}")
    return 0 if not wrong and mean < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
