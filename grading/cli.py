"""Grade a class: re-execute every handed-in exercise notebook and judge it with the course's checks.

    python -m grading SUBMISSIONS_DIR --out OUT_DIR [--lessons 01,02] [--jobs 2]

SUBMISSIONS_DIR holds one file per student (instructors/grading.md has the whole workflow):

* ``<student>.zip``: a bundle as ``sl.save_work()`` writes it (its exercise notebooks are
  graded; its progress file is never read);
* ``<student>.ipynb`` or ``<student>__<anything>.ipynb``: a loose exercise notebook; several
  files with the same ``<student>`` part before ``__`` are one student's submission.

The student key (the file name up to ``.zip``/``.ipynb`` or ``__``) is the gradebook's
``Student`` and ``SIS Login ID``: name the files by the LMS login when you collect them.

For each submission, in its own process and its own temporary folder, the grader copies only
the ``.ipynb`` files out of it, runs each exercise notebook from a fresh kernel (see
``grading/capture.py``: memory, CPU and file-size limits, no network, no writing outside its
folder) against a private copy of the course's own ``summitlab`` and ``data/``, and captures
the answer of every checked exercise as plain data. The grader then judges those answers in
its own process with ``summitlab.check`` — code the student's kernel never touched.

It writes ``OUT_DIR/gradebook.csv`` (one row per student: 1 or 0 per checked exercise, totals per
lesson and overall), ``OUT_DIR/results.csv`` (one row per student and exercise: status, message,
whether the answer was typed as a literal), ``OUT_DIR/problems.csv`` (what went wrong with each
submission) and ``OUT_DIR/feedback/<student>.html``.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from grading.bundles import assign_notebooks, discover, unpack
from grading.course import ROOT, course_exercises, course_notebooks, lesson_of, literal_assignment
from grading.gradebook import write_outputs
from grading.judge import judge
from grading.run import _first_error, captured, cell_errors, instrument, run_notebook

WORKER = Path(__file__).with_name("__main__.py")


# --- one submission, start to end (runs in a child process) ------------------------------

def grade_one(student: str, files: list[str], lessons: list[str], limits: dict, private: list[str],
              run_root: str) -> dict:
    started = time.monotonic()
    os.environ["SUMMITLAB_PROGRESS_FILE"] = "off"
    problems: list[str] = []
    exercises = {e: t for e, t in course_exercises().items() if lesson_of(e) in lessons}
    course = course_notebooks()
    results = {e: {"status": "not yet", "message": "no notebook for this lesson was handed in"} for e in exercises}
    sandbox = Path(tempfile.mkdtemp(prefix="submission-", dir=run_root))
    try:
        work = sandbox / "work"
        work.mkdir()
        (sandbox / "course").mkdir()
        shutil.copytree(ROOT / "summitlab", sandbox / "course" / "summitlab",
                        ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(ROOT / "data", sandbox / "course" / "data", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copyfile(Path(__file__).with_name("capture.py"), sandbox / "course" / "summitlab_grade_kernel.py")
        info = unpack([Path(f) for f in files], work, problems)
        chosen = assign_notebooks(work, course, lessons, problems)
        for lesson in lessons:
            if lesson in course and lesson not in chosen and not problems[:1] == ["fatal"]:
                problems.append(f"no notebook for lesson {lesson}")
        for lesson, path in sorted(chosen.items()):
            spec = course[lesson]
            try:
                notebook = json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                continue
            wanted = {e: x for e, x in spec["expressions"].items() if e in exercises}
            program, where = instrument(notebook, wanted)
            done, stopped = run_notebook(program, sandbox, work, limits, private)
            if stopped:
                problems.append(f"{path.name}: {stopped}")
            errors = cell_errors(done.cells)
            problems += [f"{path.name}: {error}" for error in errors[:5]]
            if len(errors) > 5:
                problems.append(f"{path.name}: {len(errors) - 5} more cells raised errors")
            for exercise_id, index in where.items():
                result = judge(exercise_id, captured(done, index, exercise_id), stopped, _first_error(done.cells, index))
                result["literal"] = (not spec["solution_literals"].get(exercise_id, True)
                                     and literal_assignment(notebook_as_dict(done), wanted[exercise_id], index))
                results[exercise_id] = result
    except Exception as error:  # never let one submission stop the class
        problems.append(f"grading failed: {type(error).__name__}: {str(error)[:300]}")
        info = locals().get("info", {"name": ""})
    finally:
        shutil.rmtree(sandbox, ignore_errors=True)
    return {"student": student, "name": info.get("name", ""), "files": [Path(f).name for f in files],
            "problems": problems, "exercises": results, "seconds": round(time.monotonic() - started, 2)}


def notebook_as_dict(notebook) -> dict:
    return {"cells": [{"cell_type": c.cell_type, "source": c.source} for c in notebook.cells]}


# --- the class: parallel runner ----------------------------------------------------------

def course_digest() -> str:
    digest = hashlib.sha256()
    for folder in ("summitlab", "data", "exercises"):  # what the checks and the kernels read
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _child(student: str, files: list[Path], args, run_root: Path, private: list[str]) -> dict:
    """Grade one submission in a child process, so that nothing it does reaches the others."""
    request = {"student": student, "files": [str(f) for f in files], "lessons": args.lessons,
               "limits": {"cell_timeout": args.cell_timeout, "notebook_timeout": args.notebook_timeout,
                          "memory_mb": args.memory_mb},
               "private": private, "run_root": str(run_root)}
    budget = args.notebook_timeout * max(1, len(args.lessons)) + 120
    child = subprocess.Popen([sys.executable, str(WORKER), "--one"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, cwd=run_root, start_new_session=True)
    try:
        stdout, stderr = child.communicate(json.dumps(request), timeout=budget)
        lines = [line for line in stdout.splitlines() if line.startswith("{")]
        if child.returncode == 0 and lines:
            return json.loads(lines[-1])
        reason = (stderr.strip().splitlines() or ["no output"])[-1][:300]
        problem = f"the grader's process for this submission failed (exit {child.returncode}: {reason})"
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, 9)
        child.communicate()
        problem = f"grading took longer than {budget} s and was stopped"
    return {"student": student, "name": "", "files": [f.name for f in files], "problems": [problem],
            "exercises": {}, "seconds": budget}


def grade_class(args) -> list[dict]:
    submissions = Path(args.submissions).resolve()
    out = Path(args.out).resolve()
    students, ignored = discover(submissions)
    for name in ignored:
        print(f"ignored {name}: not a .zip bundle or .ipynb notebook", file=sys.stderr)
    before = course_digest()
    run_root = Path(tempfile.mkdtemp(prefix="summitlab-grading-"))
    private = [str(ROOT), str(submissions), str(out), str(run_root)]
    results = []
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            futures = {pool.submit(_child, s, f, args, run_root, private): s for s, f in students.items()}
            for future in concurrent.futures.as_completed(futures):
                result = future.result()
                results.append(result)
                print(f"{result['student']}: {sum(r.get('status') == 'correct' for r in result['exercises'].values())} "
                      f"correct, {len(result['problems'])} problem(s), {result['seconds']} s", file=sys.stderr)
    finally:
        shutil.rmtree(run_root, ignore_errors=True)
    if course_digest() != before:
        print("WARNING: the course's files changed while grading; check `git status` and grade again.",
              file=sys.stderr)
        for result in results:
            result["problems"].append("the course's files changed while this class was graded; results withheld")
            result["exercises"] = {e: {"status": "error", "message": "withheld: the course's files changed while grading"}
                                   for e in result["exercises"]}
    write_outputs(results, {e: t for e, t in course_exercises().items() if lesson_of(e) in args.lessons}, out)
    return results


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--one"]:
        request = json.loads(sys.stdin.read())
        print(json.dumps(grade_one(**request)))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("submissions", help="folder of handed-in bundles (.zip) and/or notebooks (.ipynb)")
    parser.add_argument("--out", required=True, help="folder for gradebook.csv, results.csv and feedback/")
    parser.add_argument("--lessons", help="comma-separated lessons to grade, e.g. 01,02 (default: all)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="submissions graded at once")
    parser.add_argument("--cell-timeout", type=int, default=60, help="seconds per cell")
    parser.add_argument("--notebook-timeout", type=int, default=300, help="seconds per notebook")
    parser.add_argument("--memory-mb", type=int, default=2048, help="address-space limit of each kernel")
    args = parser.parse_args(argv)
    all_lessons = sorted({lesson_of(e) for e in course_exercises()})
    args.lessons = [x.strip() for x in args.lessons.split(",")] if args.lessons else all_lessons
    unknown = [x for x in args.lessons if x not in all_lessons]
    if unknown:
        parser.error(f"no checked exercises in lesson(s) {', '.join(unknown)}; the course has {', '.join(all_lessons)}")
    if not Path(args.submissions).is_dir():
        parser.error(f"{args.submissions} is not a folder")
    started = time.monotonic()
    results = grade_class(args)
    print(f"graded {len(results)} submission(s) in {time.monotonic() - started:.1f} s; wrote {args.out}/gradebook.csv",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
