"""Grade a class: re-execute every handed-in exercise notebook and judge it with the course's checks.

    python -m grading SUBMISSIONS_DIR --out OUT_DIR [--lessons 01,02] [--jobs 2]

SUBMISSIONS_DIR holds one file per student (instructors/grading.md has the whole workflow):

* ``<student>.zip``: a bundle as ``sl.save_work()`` writes it (its exercise notebooks are
  graded; its progress file is never read);
* ``<student>.ipynb`` or ``<student>__<anything>.ipynb``: a loose exercise notebook; several
  files with the same ``<student>`` part before ``__`` are one student's submission.

The student key (the file name up to ``.zip``/``.ipynb`` or ``__``) is the gradebook's
``Student`` and ``SIS Login ID``: name the files by the LMS login when you collect them.

For each submission, in a worker process of its own, the grader reads only the notebooks out
of it (grading/bundles.py: every size capped), runs each exercise notebook in a fresh
operating-system sandbox (grading/sandbox.py: no network, nothing of the checkout, the
submissions, the output folder or the instructor's environment visible, limits on memory,
time, disk and processes) against a private copy of the course's ``summitlab`` without its
expected values and ``data/``, and reads back only the answers, as size-capped plain data
(grading/capture.py, grading/answers.py). The worker judges those answers in its own process
with ``summitlab.check`` (grading/judge.py) — code the student's sandbox never touched.
Without a sandbox the grader refuses to run (``--no-sandbox`` is for trusted work only).

It writes ``OUT_DIR/gradebook.csv`` (one row per student: 1 or 0 per checked exercise, totals per
lesson and overall), ``OUT_DIR/results.csv`` (one row per student and exercise: status, message,
whether the answer was typed as a literal), ``OUT_DIR/problems.csv`` (what went wrong with each
submission) and ``OUT_DIR/feedback/<student>.html``.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from grading import answers, integrity, sandbox
from grading.bundles import assign_notebooks, discover, display_name, unpack
from grading.course import (ROOT, answer_expressions, course_exercises, course_notebooks, lesson_of,
                            literal_argument, literal_assignment, without_bundle_calls)
from grading.gradebook import write_outputs
from grading.judge import judge_report

WORKER = Path(__file__).with_name("__main__.py")
MAX_PROBLEMS = 30  # listed per submission; the rest are counted
WORKER_MEMORY_MB = 4096  # the worker unpacks and judges one submission: never the sandbox's limits


# --- one submission, start to end (runs in a worker process) ------------------------------

def program_for(notebook: dict, wanted: dict[str, str], cell_timeout: int) -> dict:
    """What the sandbox runs: every cell in place (markdown as empty code), bundle calls taken out."""
    cells = [without_bundle_calls(c["source"]) if c["cell_type"] == "code" else "" for c in notebook["cells"]]
    return {"cells": cells, "capture": wanted, "cell_timeout": cell_timeout}


def stop_reason(report: answers.Report, outcome: sandbox.Outcome, limits: sandbox.Limits) -> str:
    if report.stopped_at is not None:
        return (f"cell {report.stopped_at + 1} ran longer than the {limits.cell_timeout} s limit (an endless loop?); "
                "the notebook was stopped there")
    if outcome.timed_out:
        return f"the notebook ran longer than the {limits.notebook_timeout} s limit; it was stopped at cell {report.last_cell + 1}"
    if not report.done and not outcome.truncated:
        where = f" at cell {report.last_cell + 1}" if report.last_cell >= 0 else " before its first cell"
        return (f"the kernel died{where} (it crashed, exited, or ran out of memory or CPU time; exit code "
                f"{outcome.exit_code}); the notebook was stopped there")
    return ""


def grade_notebook(name: str, notebook: dict, spec: dict, wanted: dict[str, str], backend: sandbox.Backend,
                   limits: sandbox.Limits, scratch: Path, problems: list[str]) -> dict[str, dict]:
    outcome = backend.run(program_for(notebook, wanted, limits.cell_timeout), limits, scratch)
    report = answers.read(outcome.data, outcome.truncated, set(wanted))
    stopped = stop_reason(report, outcome, limits)
    if stopped:
        problems.append(f"{name}: {stopped}")
    if outcome.truncated:
        problems.append(f"{name}: the notebook sent more than {answers.MAX_CHANNEL_BYTES // 2**20} MB of answers; "
                        "the rest was ignored")
    if report.malformed:
        problems.append(f"{name}: {report.malformed} line(s) on the answers channel were not answers and were ignored")
    errors = [text for _, text in sorted(report.errors)]
    problems += [f"{name}: {error}" for error in errors[:5]]
    if len(errors) > 5:
        problems.append(f"{name}: {len(errors) - 5} more cells raised errors")
    results = judge_report(report, list(wanted), stopped)
    typed = answer_expressions(notebook)
    for exercise_id, result in results.items():
        cell = result.pop("cell")
        result["literal"] = bool(
            not spec["solution_literals"].get(exercise_id, True) and cell is not None
            and (literal_argument(typed.get(exercise_id))
                 or literal_assignment(notebook, wanted[exercise_id], cell)))
    return results


def grade_one(student: str, files: list[str], lessons: list[str], limits: dict, sandbox_kind: str,
              image: str, course_dir: str, scratch: str) -> dict:
    started = time.monotonic()
    os.environ["SUMMITLAB_PROGRESS_FILE"] = "off"
    problems: list[str] = []
    info = {"name": ""}
    exercises = {e: t for e, t in course_exercises().items() if lesson_of(e) in lessons}
    course = course_notebooks()
    results = {e: {"status": "not yet", "message": "no notebook for this lesson was handed in"} for e in exercises}
    try:
        backend = sandbox.choose(sandbox_kind, Path(course_dir), image, probe=False)
        info, notebooks = unpack([Path(f) for f in files], problems)
        chosen = assign_notebooks(notebooks, course, lessons, problems)
        for lesson in lessons:
            if lesson in course and lesson not in chosen:
                problems.append(f"no notebook for lesson {lesson}")
        for lesson, (name, notebook) in sorted(chosen.items()):
            spec = course[lesson]
            wanted = {e: x for e, x in spec["expressions"].items() if e in exercises}
            try:
                results.update(grade_notebook(name, notebook, spec, wanted, backend, sandbox.Limits(**limits),
                                              Path(scratch), problems))
            except Exception as error:  # one notebook's failure is that notebook's problem
                problems.append(f"{name}: grading failed ({type(error).__name__}: {str(error)[:200]})")
                results.update({e: {"status": "error", "message": "grading this notebook failed"} for e in wanted})
    except Exception as error:  # never let one submission stop the class
        problems.append(f"grading failed: {type(error).__name__}: {str(error)[:300]}")
    if len(problems) > MAX_PROBLEMS:
        problems = problems[:MAX_PROBLEMS] + [f"... and {len(problems) - MAX_PROBLEMS} more problems"]
    return {"student": student, "name": info.get("name", ""), "files": [display_name(Path(f).name) for f in files],
            "problems": problems, "exercises": results, "seconds": round(time.monotonic() - started, 2)}


def _die_with_parent() -> None:
    """Linux: this worker is killed when the grader's process ends (and its sandbox with it)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
    except (OSError, AttributeError):
        pass


def worker(request_text: str) -> int:
    import resource

    _die_with_parent()
    request = json.loads(request_text)
    if os.getppid() != request.pop("parent"):
        return 1  # the grader is already gone
    memory = WORKER_MEMORY_MB * 2**20
    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ValueError, OSError):
        pass
    result_file = Path(request.pop("result_file"))
    result = grade_one(**request)
    partial = result_file.with_suffix(".part")
    partial.write_text(json.dumps(result), encoding="utf-8")
    partial.replace(result_file)
    return 0


# --- the class: parallel runner ----------------------------------------------------------

def _valid_result(result, student: str) -> bool:
    return (isinstance(result, dict) and result.get("student") == student and isinstance(result.get("name"), str)
            and isinstance(result.get("problems"), list) and all(isinstance(p, str) for p in result["problems"])
            and isinstance(result.get("exercises"), dict)
            and all(isinstance(v, dict) and isinstance(v.get("status"), str) for v in result["exercises"].values()))


def _child(student: str, files: list[Path], args, run_root: Path, course_dir: Path) -> dict:
    """Grade one submission in a worker process, so that nothing it does reaches the others."""
    scratch = Path(tempfile.mkdtemp(prefix="submission-", dir=run_root))
    result_file = scratch / "result.json"
    request = {"student": student, "files": [str(f) for f in files], "lessons": args.lessons,
               "limits": {"cell_timeout": args.cell_timeout, "notebook_timeout": args.notebook_timeout,
                          "memory_mb": args.memory_mb},
               "sandbox_kind": args.sandbox, "image": args.container_image, "course_dir": str(course_dir),
               "scratch": str(scratch), "result_file": str(result_file), "parent": os.getpid()}
    budget = (args.notebook_timeout + sandbox.STARTUP_SECONDS + 30) * max(1, len(args.lessons)) + 120
    log = scratch / "worker.log"
    problem = ""
    with open(log, "wb") as stderr:
        child = subprocess.Popen([sys.executable, str(WORKER), "--one"], stdin=subprocess.PIPE,
                                 stdout=subprocess.DEVNULL, stderr=stderr, cwd=scratch, start_new_session=True)
        try:
            child.communicate(json.dumps(request).encode("utf-8"), timeout=budget)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, 9)
            child.wait()
            problem = f"grading took longer than {budget} s and was stopped"
    try:
        result = json.loads(result_file.read_text(encoding="utf-8"))
        if _valid_result(result, student):
            return result
        problem = problem or "the grader's worker for this submission returned an unreadable result"
    except (OSError, ValueError):
        if not problem:
            tail = log.read_bytes()[-2000:].decode("utf-8", "replace").strip().splitlines()
            problem = (f"the grader's worker for this submission failed (exit {child.returncode}: "
                       f"{(tail or ['no output'])[-1][:300]})")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return {"student": student, "name": "", "files": [display_name(f.name) for f in files], "problems": [problem],
            "exercises": {}, "seconds": 0.0}


def _withhold(result: dict, paths: list[str], exercises: list[str]) -> None:
    shown = ", ".join(paths[:5]) + (f" and {len(paths) - 5} more" if len(paths) > 5 else "")
    result["problems"].append(f"files of the course changed while this submission was graded ({shown}); "
                              "results withheld: grade it again")
    result["exercises"] = {e: {"status": "error", "message": "withheld: the course's files changed while grading"}
                           for e in exercises}


def grade_class(args) -> list[dict]:
    submissions = Path(args.submissions).resolve()
    out = Path(args.out).resolve()
    students, ignored = discover(submissions)
    for name in ignored:
        print(f"ignored {name}: not a .zip bundle or .ipynb notebook", file=sys.stderr)
    exercises = {e: t for e, t in course_exercises().items() if lesson_of(e) in args.lessons}
    run_root = Path(tempfile.mkdtemp(prefix="summitlab-grading-"))
    results = []
    watched, skip = [ROOT, submissions], [out, run_root]
    env_before = integrity.fingerprint([Path(r) for r in sandbox.python_roots()])
    try:
        course_dir = sandbox.prepare_course(run_root / "course")
        sandbox.choose(args.sandbox, course_dir, args.container_image)  # refuses here, once, if none can run

        def one(student, files):
            before = integrity.fingerprint(watched, skip)
            result = _child(student, files, args, run_root, course_dir)
            moved = integrity.changed(before, integrity.fingerprint(watched, skip))
            if moved:
                _withhold(result, [os.path.relpath(p, ROOT) if p.startswith(str(ROOT)) else p for p in moved],
                          list(exercises))
            return result

        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futures = {pool.submit(one, s, f): s for s, f in students.items()}
            for future in concurrent.futures.as_completed(futures):
                try:
                    result = future.result()
                except Exception as error:  # the runner itself failed for this one: say so, carry on
                    student = futures[future]
                    result = {"student": student, "name": "", "files": [], "exercises": {}, "seconds": 0.0,
                              "problems": [f"grading failed: {type(error).__name__}: {str(error)[:300]}"]}
                results.append(result)
                print(f"{display_name(result['student'])}: "
                      f"{sum(r.get('status') == 'correct' for r in result['exercises'].values())} "
                      f"correct, {len(result['problems'])} problem(s), {result['seconds']} s", file=sys.stderr)
    finally:
        shutil.rmtree(run_root, ignore_errors=True)
    moved = integrity.changed(env_before, integrity.fingerprint([Path(r) for r in sandbox.python_roots()]))
    if moved:
        print(f"WARNING: the Python environment changed while grading ({', '.join(moved[:5])}); "
              "results withheld: check it and grade again.", file=sys.stderr)
        for result in results:
            _withhold(result, moved, list(exercises))
    write_outputs(results, exercises, out)
    return results


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--one"]:
        return worker(sys.stdin.read())
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("submissions", help="folder of handed-in bundles (.zip) and/or notebooks (.ipynb)")
    parser.add_argument("--out", required=True, help="folder for gradebook.csv, results.csv and feedback/")
    parser.add_argument("--lessons", help="comma-separated lessons to grade, e.g. 01,02 (default: all)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="submissions graded at once")
    parser.add_argument("--cell-timeout", type=int, default=60, help="seconds per cell")
    parser.add_argument("--notebook-timeout", type=int, default=300, help="seconds per notebook")
    parser.add_argument("--memory-mb", type=int, default=2048, help="address-space limit of each sandbox")
    parser.add_argument("--sandbox", default="auto", choices=["auto", "bwrap", "docker", "podman"],
                        help="where student code runs (default: bubblewrap on Linux)")
    parser.add_argument("--container-image", default="summitlab-grader",
                        help="image for --sandbox docker/podman (build it from grading/Containerfile)")
    parser.add_argument("--no-sandbox", action="store_true",
                        help="run student code without a sandbox: ONLY for work you trust")
    args = parser.parse_args(argv)
    if args.no_sandbox:
        args.sandbox = "none"
        print("WARNING: --no-sandbox: student code runs with your permissions and can read, change or delete "
              "your files, reach the network and forge its results. Use it only for work you trust.",
              file=sys.stderr)
    all_lessons = sorted({lesson_of(e) for e in course_exercises()})
    args.lessons = [x.strip() for x in args.lessons.split(",")] if args.lessons else all_lessons
    unknown = [x for x in args.lessons if x not in all_lessons]
    if unknown:
        parser.error(f"no checked exercises in lesson(s) {', '.join(unknown)}; the course has {', '.join(all_lessons)}")
    if not Path(args.submissions).is_dir():
        parser.error(f"{args.submissions} is not a folder")
    started = time.monotonic()
    try:
        results = grade_class(args)
    except sandbox.SandboxUnavailable as error:
        print(f"Not grading: {error}", file=sys.stderr)
        return 2
    print(f"graded {len(results)} submission(s) in {time.monotonic() - started:.1f} s; wrote {args.out}/gradebook.csv",
          file=sys.stderr)
    return 0
