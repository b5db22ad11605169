"""Grade a class: re-execute every handed-in exercise notebook and judge it with the course's checks.

    python tools/grade.py SUBMISSIONS_DIR --out OUT_DIR [--lessons 01,02] [--jobs 2]

SUBMISSIONS_DIR holds one file per student (instructors/grading.md has the whole workflow):

* ``<student>.zip``: a bundle as ``sl.save_work()`` writes it (its exercise notebooks are
  graded; its progress file is never read);
* ``<student>.ipynb`` or ``<student>__<anything>.ipynb``: a loose exercise notebook; several
  files with the same ``<student>`` part before ``__`` are one student's submission.

The student key (the file name up to ``.zip``/``.ipynb`` or ``__``) is the gradebook's
``Student`` and ``SIS Login ID``: name the files by the LMS login when you collect them.

For each submission, in its own process and its own temporary folder, the grader copies only
the ``.ipynb`` files out of it, runs each exercise notebook from a fresh kernel (see
``tools/grade_kernel.py``: memory, CPU and file-size limits, no network, no writing outside its
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
import ast
import asyncio
import concurrent.futures
import hashlib
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the grader's own summitlab, never a copy from elsewhere
EXERCISE_DIR = ROOT / "exercises"
SOLUTION_DIR = EXERCISE_DIR / "solutions"
BUNDLE_FORMAT = "summitlab-work/1"  # summitlab.bundle.FORMAT
MIME = "application/x-summitlab-answers+json"
STATUSES = ("correct", "not quite", "not yet", "error")
MAX_UNPACKED = 50 * 2**20  # a bundle that unpacks to more than this is refused (zip bomb)
CHECK_CALL = re.compile(r"""\bcheck\(\s*["']([\w.]+)["']""")
SKIP_CALLS = ("save_work(", "restore_work(")


# --- the course: exercises, their notebooks and answer expressions ----------------------

def course_exercises() -> dict[str, str]:
    """Checked exercise id -> title, from the course's public catalogue."""
    from summitlab.checks import catalogue

    return {e.id: e.title for e in catalogue().values() if e.kind == "checked"}


def lesson_of(exercise_id: str) -> str:
    return exercise_id.split(".")[0]


def _code_cells(notebook: dict) -> list[str]:
    return [_text(c) for c in notebook.get("cells", []) if c.get("cell_type") == "code"]


def _text(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def answer_expressions(notebook: dict) -> dict[str, str]:
    """Exercise id -> the answer expression of its check(...) call, e.g. {"01.1": "n_2017"}."""
    found = {}
    for source in _code_cells(notebook):
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and len(node.args) == 2
                    and (getattr(node.func, "id", None) == "check" or getattr(node.func, "attr", None) == "check")
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value, ast.get_source_segment(source, node.args[1]))
    return found


def course_notebooks() -> dict[str, dict]:
    """Lesson number -> {"name", "expressions", "solution_literals"} of the course's own notebooks."""
    lessons = {}
    for path in sorted(EXERCISE_DIR.glob("[0-9]*-*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        expressions = answer_expressions(notebook)
        if not expressions:
            continue
        lesson = Counter(lesson_of(e) for e in expressions).most_common(1)[0][0]
        solution = SOLUTION_DIR / f"{path.stem}-solutions.ipynb"
        literal = {}
        if solution.exists():
            solved = json.loads(solution.read_text(encoding="utf-8"))
            literal = {e: literal_assignment(solved, expr, len(solved["cells"])) for e, expr in expressions.items()}
        lessons[lesson] = {"name": path.name, "expressions": expressions, "solution_literals": literal}
    return lessons


# --- literal answers --------------------------------------------------------------------

_LITERAL_CALLS = {"Timestamp", "to_datetime", "DataFrame", "Series", "date", "datetime"}


def _is_literal(node: ast.AST) -> bool:
    try:
        ast.literal_eval(node)
        return True
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        pass
    if isinstance(node, ast.Call):
        name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
        return name in _LITERAL_CALLS and all(_is_literal(a) for a in [*node.args, *(k.value for k in node.keywords)])
    if isinstance(node, ast.UnaryOp):
        return _is_literal(node.operand)
    return False


def literal_assignment(notebook: dict, expression: str | None, before: int) -> bool:
    """Whether the last assignment to ``expression`` (a name) before cell ``before`` is a constant."""
    if not expression or not expression.isidentifier():
        return False
    last = None
    for cell in notebook.get("cells", [])[:before]:
        if cell.get("cell_type") != "code":
            continue
        try:
            tree = ast.parse(_text(cell))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            targets = node.targets if isinstance(node, ast.Assign) else (
                [node.target] if isinstance(node, ast.AnnAssign) and node.value is not None else [])
            if any(isinstance(t, ast.Name) and t.id == expression for t in targets):
                last = node.value
    return last is not None and not (isinstance(last, ast.Constant) and last.value is Ellipsis) and _is_literal(last)


# --- one submission: unpack ---------------------------------------------------------------

def student_key(path: Path) -> str:
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return stem.split("__")[0]


def discover(folder: Path) -> tuple[dict[str, list[Path]], list[str]]:
    """Student key -> their files, and the names of files that are not submissions."""
    students: dict[str, list[Path]] = {}
    ignored = []
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix.lower() in (".zip", ".ipynb"):
            students.setdefault(student_key(path), []).append(path)
        elif not path.name.startswith("."):
            ignored.append(path.name)
    return students, ignored


def _safe_name(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", Path(name).name)[:120] or "notebook.ipynb"


def unpack(files: list[Path], work: Path, problems: list[str]) -> dict:
    """Copy the notebooks of a submission into ``work``; return the bundle's manifest fields."""
    info = {"name": ""}
    for path in files:
        if path.suffix.lower() == ".ipynb":
            shutil.copyfile(path, work / _safe_name(path.name))
            continue
        try:
            with zipfile.ZipFile(path) as archive:
                members = archive.infolist()
                try:
                    manifest = json.loads(archive.read("manifest.json"))
                except (KeyError, ValueError):
                    manifest = None
                if not isinstance(manifest, dict) or manifest.get("format") != BUNDLE_FORMAT:
                    problems.append(f"{path.name} is not a Summit Lab work bundle (no Summit Lab manifest: "
                                    f"another course's file?); nothing in it was graded")
                    continue
                info["name"] = str(manifest.get("student", ""))[:200]
                notebooks = [m for m in members if m.filename.startswith("notebooks/")
                             and m.filename.endswith(".ipynb") and not m.is_dir()]
                if sum(m.file_size for m in notebooks) > MAX_UNPACKED:
                    problems.append(f"{path.name} unpacks to more than {MAX_UNPACKED // 2**20} MB; not graded")
                    continue
                for member in notebooks:
                    (work / _safe_name(member.filename)).write_bytes(archive.read(member))
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as error:
            problems.append(f"{path.name} is not a readable zip file ({type(error).__name__}); nothing was graded")
    return info


def assign_notebooks(work: Path, course: dict[str, dict], lessons: list[str], problems: list[str]) -> dict[str, Path]:
    """Lesson -> the student's notebook for it (matched by its check ids, else by file name)."""
    by_name = {spec["name"]: lesson for lesson, spec in course.items()}
    chosen: dict[str, Path] = {}
    for path in sorted(work.glob("*.ipynb")):
        try:
            notebook = json.loads(path.read_text(encoding="utf-8"))
            ids = [e for e in answer_expressions(notebook) if lesson_of(e) in course]
        except (ValueError, UnicodeDecodeError, AttributeError, TypeError):
            problems.append(f"{path.name} is not a readable notebook; ignored")
            continue
        lesson = Counter(map(lesson_of, ids)).most_common(1)[0][0] if ids else by_name.get(path.name)
        if lesson is None:
            problems.append(f"{path.name} is not one of the course's exercise notebooks; ignored")
        elif lesson not in lessons:
            continue
        elif lesson in chosen and path.name != course[lesson]["name"]:
            problems.append(f"{path.name} is a second notebook for lesson {lesson}; "
                            f"{chosen[lesson].name} was graded")
        else:
            if lesson in chosen:
                problems.append(f"{chosen[lesson].name} is a second notebook for lesson {lesson}; {path.name} was graded")
            chosen[lesson] = path
    return chosen


# --- one submission: run a notebook in the sandboxed kernel ------------------------------

def instrument(notebook: dict, expressions: dict[str, str]) -> tuple[dict, dict[str, int]]:
    """The notebook with a capture cell before each check (or at the end); id -> capture cell index."""
    import nbformat

    placed: dict[int, dict[str, str]] = {}
    cells = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") not in ("code", "markdown", "raw"):
            continue
        text = _text(cell)
        if cell.get("cell_type") == "code" and any(call in text for call in SKIP_CALLS):
            continue  # the save-your-work cell: nothing to grade, and it would write a zip
        if cell.get("cell_type") == "code":
            ids = [i for i in CHECK_CALL.findall(text) if i in expressions and not any(i in p for p in placed.values())]
            if ids:
                placed[len(cells)] = {i: expressions[i] for i in ids}
                cells.append(None)  # the capture cell goes here
        new = (nbformat.v4.new_code_cell(text) if cell.get("cell_type") == "code"
               else nbformat.v4.new_markdown_cell(text))
        cells.append(new)
    rest = {i: e for i, e in expressions.items() if not any(i in p for p in placed.values())}
    if rest:
        placed[len(cells)] = rest
        cells.append(None)
    where = {}
    for index, wanted in placed.items():
        code = ("import summitlab_grade_kernel as _summitlab_grader\n"
                f"_summitlab_grader.capture({json.dumps(wanted)}, globals())")
        cells[index] = nbformat.v4.new_code_cell(code)
        where.update({i: index for i in wanted})
    result = nbformat.v4.new_notebook(cells=cells)
    result.metadata = {"kernelspec": {"name": "summitlab-grader", "display_name": "grader", "language": "python"}}
    return result, where


def _kernel_manager(sandbox: Path, work: Path, limits: dict, private: list[str]):
    from jupyter_client import AsyncKernelManager
    from jupyter_client.kernelspec import KernelSpecManager

    spec_dir = sandbox / "kernels" / "summitlab-grader"
    spec_dir.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-m", "summitlab_grade_kernel", "--folder", str(work),
            "--memory-mb", str(limits["memory_mb"]), "--cpu-seconds", str(limits["notebook_timeout"] + 30),
            "--readable", str(sandbox / "course")]
    for path in private:
        argv += ["--private", path]
    argv += ["-f", "{connection_file}", "--HistoryManager.enabled=False"]
    (spec_dir / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "grader", "language": "python"}))
    course = sandbox / "course"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(work), "TMPDIR": str(work),
        "PYTHONPATH": str(course), "SUMMITLAB_DATA": str(course / "data"), "SUMMITLAB_PROGRESS_FILE": "off",
        "IPYTHONDIR": str(work / ".ipython"), "MPLCONFIGDIR": str(work / ".mpl"), "JUPYTER_PLATFORM_DIRS": "1",
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "no_proxy": "",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1", "LANG": "C.UTF-8",
        "JPY_PARENT_PID": str(os.getpid()),  # the kernel exits if the grader's process dies
    }
    manager = AsyncKernelManager(kernel_name="summitlab-grader",
                            kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(sandbox / "kernels")]))
    return manager, env


class _Stop(Exception):
    """The notebook must stop here: why, in words for the instructor and the student."""


def run_notebook(notebook: dict, sandbox: Path, work: Path, limits: dict, private: list[str]) -> tuple[dict, str]:
    """Execute ``notebook``; return it with outputs, and why it stopped early ("" if it did not).

    The grader keeps its own clock: each cell gets ``cell_timeout`` seconds and the notebook
    ``notebook_timeout``; a dead kernel is noticed within a second. Either stops the notebook
    there (the exercises after it are recorded as errors) and the kernel is killed.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    manager, env = _kernel_manager(sandbox, work, limits, private)
    client = NotebookClient(notebook, km=manager, timeout=None, allow_errors=True, startup_timeout=120,
                            shutdown_kernel="immediate", resources={"metadata": {"path": str(work)}})
    notebook_deadline = time.monotonic() + limits["notebook_timeout"]

    async def execute():
        try:
            await run_cells()
        finally:
            try:
                if manager.has_kernel:
                    await manager.shutdown_kernel(now=True)
            except Exception:
                pass

    async def run_cells():
        async with client.async_setup_kernel(env=env, cwd=str(work)):
            for index, cell in enumerate(client.nb.cells):
                task = asyncio.ensure_future(client.async_execute_cell(cell, index))
                cell_deadline = time.monotonic() + limits["cell_timeout"]
                while True:
                    done, _ = await asyncio.wait({task}, timeout=0.5)
                    if done:
                        try:
                            task.result()
                        except DeadKernelError:
                            raise _Stop("the kernel died (it crashed, exited, or ran out of memory or CPU time); "
                                        "the notebook was stopped there") from None
                        break
                    why = ""
                    if not await manager.is_alive():
                        why = "the kernel died (it crashed, exited, or ran out of memory or CPU time)"
                    elif time.monotonic() > notebook_deadline:
                        why = f"the notebook ran longer than the {limits['notebook_timeout']} s limit"
                    elif time.monotonic() > cell_deadline:
                        why = f"cell {index + 1} ran longer than the {limits['cell_timeout']} s limit (an endless loop?)"
                    if why:
                        task.add_done_callback(lambda t: t.cancelled() or t.exception())
                        task.cancel()
                        raise _Stop(f"{why}; the notebook was stopped there")

    stopped = ""
    try:
        asyncio.run(execute())
    except _Stop as stop:
        stopped = str(stop)
    except Exception as error:  # a kernel that never started, a broken connection
        stopped = f"the notebook could not be run ({type(error).__name__}: {str(error)[:200]})"
    return client.nb, stopped


def cell_errors(cells: list, before: int | None = None) -> list[str]:
    """What went wrong in each failing cell, in order (an interrupt is the cell time limit)."""
    found = []
    for number, cell in enumerate(cells[:before]):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                name, value = output.get("ename"), str(output.get("evalue"))[:200]
                found.append(f"cell {number + 1} raised {name}: {value}")
                break
    return found


def _first_error(cells: list, before: int) -> str:
    errors = cell_errors(cells, before)
    return errors[0] if errors else ""


def captured(notebook, index: int, exercise_id: str) -> dict | None:
    """The plain-data answer that the capture cell ``index`` published for ``exercise_id``."""
    if index >= len(notebook.cells):
        return None
    for output in notebook.cells[index].get("outputs", []):
        if output.get("output_type") == "display_data" and MIME in output.get("data", {}):
            data = output["data"][MIME]
            data = json.loads(data) if isinstance(data, str) else data
            entry = data.get(exercise_id) if isinstance(data, dict) else None
            return json.loads(json.dumps(entry)) if isinstance(entry, dict) else None
    return None


# --- judging, in the grader's own process -------------------------------------------------

class _Opaque:
    """Stands in for an answer of a type the grader does not rebuild (the check says so)."""


def rebuild(plain: dict):
    """Plain data from the kernel -> a value ``summitlab.check`` can judge."""
    import pandas as pd

    kind = plain.get("kind")
    if kind == "blank":
        return ...
    if kind == "json":
        value = plain.get("value")
        return float(value) if plain.get("float") else value
    if kind == "timestamp":
        return pd.Timestamp(plain["value"])
    if kind == "dataframe":
        return pd.read_json(io.StringIO(plain["value"]), orient="table")
    if kind == "series":  # written as a one-column table (pandas reads "table" JSON only as a frame)
        frame = pd.read_json(io.StringIO(plain["value"]), orient="table")
        series = frame.iloc[:, 0]
        return series.rename(None) if series.name == "values" else series
    if kind in ("list", "tuple"):
        items = [rebuild(v) for v in plain.get("value", [])]
        return items if kind == "list" else tuple(items)
    if kind == "dict":
        return {k: rebuild(v) for k, v in plain.get("value", {}).items()}
    if kind == "chart":
        return _chart(plain["value"])
    name = str(plain.get("type", "object"))
    return type(name if name.isidentifier() else "object", (_Opaque,), {})()


def _chart(spec: dict):
    import altair as alt

    for cls in (alt.Chart, alt.LayerChart, alt.VConcatChart, alt.HConcatChart, alt.ConcatChart, alt.FacetChart):
        try:
            return cls.from_dict(spec)
        except Exception:
            continue
    return alt.Chart.from_dict(spec, validate=False)


def judge(exercise_id: str, plain: dict | None, stopped: str, first_error: str) -> dict:
    from summitlab import check

    if plain is None:
        return {"status": "error", "message": f"the notebook stopped before this exercise: {stopped or first_error or 'unknown reason'}"}
    kind = plain.get("kind")
    if kind == "undefined":
        reason = f" (first error in the notebook: {first_error})" if first_error else ""
        return {"status": "error", "message": f"the answer was never computed: {plain.get('message')}{reason}"}
    if kind == "unreadable":
        return {"status": "error", "message": f"the answer ({plain.get('type')}) could not be read: {plain.get('message')}"}
    if kind == "chart_error":
        return {"status": "not quite", "message": f"Altair cannot build this chart: {plain.get('message')}"}
    try:
        value = rebuild(plain)
    except Exception as error:
        return {"status": "error", "message": f"the answer could not be read back ({type(error).__name__})"}
    feedback = check(exercise_id, value)
    return {"status": feedback.status, "message": feedback.message, "hint": feedback.hint}


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
        shutil.copyfile(Path(__file__).with_name("grade_kernel.py"), sandbox / "course" / "summitlab_grade_kernel.py")
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


# --- the class: parallel runner, gradebook, feedback ------------------------------------

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
    child = subprocess.Popen([sys.executable, __file__, "--one"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
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


def _file_key(student: str) -> str:
    return re.sub(r"[^\w.-]+", "_", student)[:100] or "student"


def write_outputs(results: list[dict], exercises: dict[str, str], out: Path) -> None:
    import pandas as pd

    lessons = sorted({lesson_of(e) for e in exercises})
    rows, details, problems = [], [], []
    for result in sorted(results, key=lambda r: r["student"]):
        row = {"Student": result["name"] or result["student"], "ID": "", "SIS User ID": "",
               "SIS Login ID": result["student"], "Section": ""}
        for exercise_id in exercises:
            entry = result["exercises"].get(exercise_id, {"status": "error", "message": "not graded"})
            row[f"{exercise_id} {exercises[exercise_id]}"[:60]] = 1 if entry["status"] == "correct" else 0
            details.append({"student": result["student"], "exercise": exercise_id, "status": entry["status"],
                            "message": entry.get("message", ""), "hint": entry.get("hint", ""),
                            "typed_as_literal": bool(entry.get("literal"))})
        for lesson in lessons:
            ids = [e for e in exercises if lesson_of(e) == lesson]
            row[f"Lesson {lesson} total (of {len(ids)})"] = sum(
                result["exercises"].get(e, {}).get("status") == "correct" for e in ids)
        row[f"Total (of {len(exercises)})"] = sum(
            result["exercises"].get(e, {}).get("status") == "correct" for e in exercises)
        rows.append(row)
        problems += [{"student": result["student"], "problem": p} for p in result["problems"]]
    out.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(rows).to_csv(out / "gradebook.csv", index=False)
    pd.DataFrame(details, columns=["student", "exercise", "status", "message", "hint", "typed_as_literal"]).to_csv(
        out / "results.csv", index=False)
    pd.DataFrame(problems, columns=["student", "problem"]).to_csv(out / "problems.csv", index=False)
    (out / "feedback").mkdir(exist_ok=True)
    for result in results:
        (out / "feedback" / f"{_file_key(result['student'])}.html").write_text(feedback_page(result, exercises),
                                                                                encoding="utf-8")


_ICON = {"correct": "✅", "not quite": "🔶", "not yet": "⏳", "error": "⚠️"}


def feedback_page(result: dict, exercises: dict[str, str]) -> str:
    e = html.escape
    rows = []
    for exercise_id, title in exercises.items():
        entry = result["exercises"].get(exercise_id, {"status": "error", "message": "not graded"})
        note = entry.get("message", "")
        if entry.get("hint"):
            note += f" Hint: {entry['hint']}"
        rows.append(f"<tr><td>{e(exercise_id)}</td><td>{e(title)}</td>"
                    f"<td>{_ICON.get(entry['status'], '')} {e(entry['status'])}</td><td>{e(note)}</td></tr>")
    correct = sum(r.get("status") == "correct" for r in result["exercises"].values())
    problems = "".join(f"<li>{e(p)}</li>" for p in result["problems"])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Summit Lab feedback: {e(result['student'])}</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}td,th{{border:1px solid #999;padding:.3em .6em;text-align:left;vertical-align:top}}table{{border-collapse:collapse}}</style></head>
<body><h1>Summit Lab: feedback for {e(result['name'] or result['student'])}</h1>
<p>Your notebooks were run again from the start with the course's own data and checks.
{correct} of {len(exercises)} checked exercises are correct. Reflections are marked by your instructor.</p>
{f'<h2>About your submission</h2><ul>{problems}</ul>' if problems else ''}
<table><caption>Result of each checked exercise</caption>
<thead><tr><th scope="col">Exercise</th><th scope="col">Title</th><th scope="col">Result</th><th scope="col">What the check says</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table></body></html>
"""


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
