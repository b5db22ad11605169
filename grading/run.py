"""Running one notebook: the grader's capture cells, the kernel and its clock, and reading the
captured answers back from the executed notebook."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from pathlib import Path

from grading.course import CHECK_CALL, _text

MIME = "application/x-summitlab-answers+json"
SKIP_CALLS = ("save_work(", "restore_work(")


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


