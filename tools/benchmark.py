"""Benchmark the whole course against its physical floor, and flag every missed target.

The floor of any notebook is what no lesson can avoid: start a fresh Jupyter kernel, import
pandas and Altair (all that the course and summitlab's dependencies import), shut the kernel
down. This script measures that floor, then executes every lesson notebook
(``notebooks/*.ipynb``) and every solution notebook (``exercises/solutions/*.ipynb``) the same
way, each in a fresh kernel, several times, and compares:

* wall time (kernel start, every cell, kernel shutdown) and its ratio to the floor;
* the kernel process's peak resident memory (``VmHWM`` in ``/proc/<pid>/status``, exact);
* each notebook's committed size and its size once executed and saved with outputs;
* what importing summitlab adds to a kernel that already imported pandas and Altair;
* the installed environment's size and the time of the full test suite.

Runs are interleaved: a floor run precedes every notebook run, and every round runs each
notebook once, so that a busy moment on the machine weighs on floor and notebooks alike.
Results go to bench/results.md and bench/results.csv; any missed target is printed and, with
its cause found by cProfile (time) or tracemalloc (memory) inside the kernel, written to the
report.

    .venv/bin/python tools/benchmark.py              # full run: 5 runs each, test suite included
    .venv/bin/python tools/benchmark.py --runs 3     # fewer runs
    .venv/bin/python tools/benchmark.py --quick      # 1 run, no test suite, no profiles: a smoke check
    .venv/bin/python tools/benchmark.py --runtime-venv   # also build a runtime-only venv and du it
    .venv/bin/python tools/benchmark.py --quick --profile notebooks/03-policy-process.ipynb

Exit status: 0 if every target is met, 1 if any is missed (the report is written either way).
Executed copies go to a temporary folder; the repository's notebooks are never rewritten.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib.util
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LESSON_GLOB = "notebooks/*.ipynb"
SOLUTION_GLOB = "exercises/solutions/*.ipynb"
OUT_DIR = ROOT / "bench"

# What the course imports: summitlab depends on pandas and Altair and nothing else outside the
# standard library (pyproject.toml), and the notebooks import only these and summitlab.
FLOOR_CODE = "import pandas as pd\nimport altair as alt"
# The same imports, then summitlab, each timed inside the kernel.
SUMMITLAB_CODE = (
    "import time as _t\n"
    "_t0 = _t.perf_counter()\n"
    "import pandas as pd\n"
    "import altair as alt\n"
    "_t1 = _t.perf_counter()\n"
    "import summitlab as sl\n"
    "_t2 = _t.perf_counter()\n"
    "print(f'{_t1 - _t0:.6f} {_t2 - _t1:.6f}')"
)

KB = 1000
MB = 1000 * 1000


# ---------------------------------------------------------------- targets (pure, unit-tested)


@dataclass(frozen=True)
class Target:
    """One promise the course makes, e.g. "peak kernel memory under 250 MB"."""

    key: str
    text: str
    limit: float
    unit: str
    inclusive: bool = True  # "within 1.5x" allows 1.5; "under 250 MB" does not allow 250

    def met(self, value: float) -> bool:
        return value <= self.limit if self.inclusive else value < self.limit


TARGETS = {
    t.key: t
    for t in [
        Target("failures", "every notebook executes without an error (a failed one is not timed)", 0, "notebooks"),
        Target("ratio", "every notebook within 1.5× the floor (median of runs)", 1.5, "x"),
        Target("course_ratio", "the whole course within 2× the sum of the floors", 2.0, "x"),
        Target("peak_rss", "peak kernel memory under 250 MB for every notebook", 250.0, "MB", inclusive=False),
        Target("committed_size", "every committed notebook under 200 KB", 200.0, "KB", inclusive=False),
        Target("executed_size", "every executed notebook under 2 MB", 2.0, "MB", inclusive=False),
        Target("summitlab_import", "importing summitlab adds under 0.3 s to the floor", 0.3, "s", inclusive=False),
    ]
}


def median(values: list[float]) -> float:
    if not values:
        raise ValueError("median of no runs")
    return statistics.median(values)


def ratio(value: float, floor: float) -> float:
    if floor <= 0:
        raise ValueError(f"the floor must be positive, got {floor}")
    return value / floor


def course_ratio(notebook_medians: list[float], floor_median: float) -> float:
    """Sum of the notebooks' medians over the sum of as many floors (one per notebook)."""
    return ratio(sum(notebook_medians), floor_median * len(notebook_medians))


def notebook_misses(*, time_ratio: float, peak_rss_mb: float, committed_kb: float, executed_mb: float) -> list[str]:
    """The keys of the per-notebook targets this notebook misses."""
    measured = {"ratio": time_ratio, "peak_rss": peak_rss_mb, "committed_size": committed_kb, "executed_size": executed_mb}
    return [key for key, value in measured.items() if not TARGETS[key].met(value)]


def parse_vmhwm(status_text: str) -> int:
    """Peak resident set size in bytes from the text of /proc/<pid>/status."""
    match = re.search(r"^VmHWM:\s+(\d+)\s+kB$", status_text, re.MULTILINE)
    if match is None:
        raise ValueError("no VmHWM line in the process status")
    return int(match.group(1)) * 1024


def parse_cpu_seconds(stat_text: str, ticks_per_second: int) -> float:
    """User plus system CPU time of a process from the text of /proc/<pid>/stat."""
    # The command name (field 2) is in parentheses and may hold spaces: count fields after it.
    fields = stat_text.rsplit(")", 1)[1].split()
    utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of proc(5)
    return (utime + stime) / ticks_per_second


# ---------------------------------------------------------------- running notebooks


@dataclass
class Run:
    wall_s: float
    start_s: float  # from launching the kernel until it answered
    stop_s: float  # from the last cell's reply until the kernel had shut down
    cpu_s: float  # the kernel process's CPU time (user + system) up to its last cell
    peak_rss_bytes: int
    cell_seconds: list[float]
    stdout: str = ""


@dataclass
class Item:
    name: str
    kind: str  # floor, lesson, solution
    path: Path | None = None
    runs: list[Run] = field(default_factory=list)
    executed_bytes: int | None = None
    error: str | None = None  # why it failed to execute; a failed notebook is not timed again

    @property
    def median_s(self) -> float:
        return median([r.wall_s for r in self.runs])

    @property
    def median_cpu_s(self) -> float:
        return median([r.cpu_s for r in self.runs])

    @property
    def peak_rss_mb(self) -> float:
        return max(r.peak_rss_bytes for r in self.runs) / MB

    @property
    def committed_bytes(self) -> int | None:
        return self.path.stat().st_size if self.path else None


def code_notebook(*sources: str):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def execute(nb, cwd: Path, scratch: Path, save_to: Path | None = None) -> Run:
    """Execute ``nb`` in a fresh kernel started in ``cwd``; time it and read the kernel's peak RSS."""
    from nbclient import NotebookClient

    state: dict = {"pid": None, "hwm": 0, "cpu": 0.0}
    ticks = os.sysconf("SC_CLK_TCK")

    def read_peak(**_):
        # VmHWM and CPU time only grow, so the reading after the last cell is the kernel's total.
        state["last_cell"] = time.perf_counter()
        try:
            status = Path(f"/proc/{state['pid']}/status").read_text()
            stat = Path(f"/proc/{state['pid']}/stat").read_text()
        except OSError:
            return
        state["hwm"] = max(state["hwm"], parse_vmhwm(status))
        state["cpu"] = max(state["cpu"], parse_cpu_seconds(stat, ticks))

    def on_start(**_):
        state["pid"] = client.km.provisioner.pid
        state["ready"] = time.perf_counter()

    # Progress records from check() and the bundles of save_work() go to scratch files, not beside
    # the repository's notebooks; every run starts with no progress, as a student's first run does.
    progress = scratch / "progress.json"
    progress.unlink(missing_ok=True)
    env = dict(os.environ, SUMMITLAB_PROGRESS_FILE=str(progress),
               SUMMITLAB_BUNDLE_DIR=str(scratch / "bundles"))
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=600,
        allow_errors=False,
        record_timing=True,
        on_notebook_start=on_start,
        on_cell_executed=read_peak,
        resources={"metadata": {"path": str(cwd)}},
    )
    # The kernel's stderr (a warning about unencrypted local TCP on every start) goes to a log.
    with (scratch / "kernel-stderr.log").open("a") as log:
        started = time.perf_counter()
        client.execute(env=env, stderr=log)
        wall = time.perf_counter() - started
    if state["pid"] is None or state["hwm"] == 0:
        raise RuntimeError("could not read the kernel's peak memory")
    cells, stdout = [], []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        timing = cell.metadata.get("execution", {})
        begin, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
        cells.append(_seconds_between(begin, end) if begin and end else 0.0)
        stdout += [o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stdout"]
    if save_to is not None:
        import nbformat

        # Saved as JupyterLab saves it: without nbclient's per-cell timestamps.
        for cell in nb.cells:
            cell.metadata.pop("execution", None)
        nbformat.write(nb, save_to)
    stop_s = started + wall - state.get("last_cell", state["ready"])
    return Run(wall, state["ready"] - started, stop_s, state["cpu"], state["hwm"], cells, "".join(stdout))


def _seconds_between(begin: str, end: str) -> float:
    parse = lambda s: dt.datetime.fromisoformat(s.replace("Z", "+00:00"))  # noqa: E731
    return (parse(end) - parse(begin)).total_seconds()


def run_notebook(item: Item, scratch: Path, save: bool) -> Run:
    import nbformat

    nb = nbformat.read(item.path, as_version=4)
    target = scratch / "executed" / item.path.name if save else None
    run = execute(nb, item.path.parent, scratch, save_to=target)
    if target is not None:
        item.executed_bytes = target.stat().st_size
    return run


# ---------------------------------------------------------------- profiling a missed target


# Profiles start after the floor's imports, so they show only what the notebook adds to the floor.
PROFILE_START = (
    FLOOR_CODE + "\n"
    "import cProfile as _bench_cprofile\n"
    "_bench_profile = _bench_cprofile.Profile()\n"
    "_bench_profile.enable()"
)
PROFILE_STOP = "_bench_profile.disable()\n_bench_profile.dump_stats({path!r})"
MEMORY_START = FLOOR_CODE + "\nimport tracemalloc as _bench_tm\n_bench_tm.start(10)"
MEMORY_STOP = (
    "_bench_snap = _bench_tm.take_snapshot()\n"
    "_bench_now, _bench_peak = _bench_tm.get_traced_memory()\n"
    "_bench_tm.stop()\n"
    "print('=== tracemalloc ===')\n"
    "print(f'traced beyond the floor: {_bench_now / 1e6:.1f} MB live at the end, {_bench_peak / 1e6:.1f} MB at the peak; largest live:')\n"
    "for _s in _bench_snap.statistics('traceback')[:8]:\n"
    "    _frames = [f for f in _s.traceback if not any(m in f.filename for m in ('/IPython/', '/ipykernel/', '<frozen'))]\n"
    "    print(f'{_s.size / 1e6:8.2f} MB  ' + (' <- '.join(f'{f.filename.split(\"site-packages/\")[-1]}:{f.lineno}' for f in _frames[-3:][::-1]) or 'import machinery'))"
)
# Frames of the kernel's own machinery, not of the notebook's work.
MACHINERY = (
    "/IPython/", "/ipykernel/", "/asyncio/", "/tornado/", "/zmq/", "/traitlets/", "/jupyter_client/",
    "builtins.exec", "<string>", "'_contextvars.Context'", "'coroutine' objects", "_bench_",
    # the kernel's main thread waiting for messages between cells
    "'_thread.lock' objects", "'select.epoll' objects", "time.sleep", "/threading.py",
)


def profile_time(item: Item, scratch: Path, top: int = 15) -> str:
    """Run the notebook once under cProfile inside the kernel; return the heaviest calls."""
    import pstats

    import nbformat

    nb = nbformat.read(item.path, as_version=4)
    stats_path = scratch / f"{item.path.stem}.pstats"
    nb.cells.insert(0, nbformat.v4.new_code_cell(PROFILE_START))
    nb.cells.append(nbformat.v4.new_code_cell(PROFILE_STOP.format(path=str(stats_path))))
    execute(nb, item.path.parent, scratch)
    stats = pstats.Stats(str(stats_path))
    rows = []
    for (filename, line, function), (_, calls, tottime, cumtime, _) in stats.stats.items():
        where = f"{filename}:{line}({function})"
        if not any(m in where for m in MACHINERY):
            rows.append((cumtime, tottime, calls, filename, where.split("site-packages/")[-1]))
    header = f"{'cumulative s':>12} {'own s':>8} {'calls':>8}  function"
    # Python functions by the time spent in them and what they call; C functions by their own time.
    by_cumulative = sorted((r for r in rows if r[3] != "~" and not r[3].startswith("<frozen")), reverse=True)
    by_own = sorted(rows, key=lambda r: r[1], reverse=True)
    lines = [
        f"{stats.total_tt:.2f} s profiled beyond the floor's imports (cProfile inflates code made of many small calls).",
        "",
        "Heaviest Python calls (time including what they call):",
        header,
    ]
    lines += [f"{c:12.3f} {t:8.3f} {n:8d}  {w}" for c, t, n, _, w in by_cumulative[:top]]
    lines += ["", "Heaviest own time (Python or C):", header]
    lines += [f"{c:12.3f} {t:8.3f} {n:8d}  {w}" for c, t, n, _, w in by_own[: top // 2]]
    return "\n".join(lines)


def profile_memory(item: Item, scratch: Path) -> str:
    """Run the notebook once under tracemalloc; return where the largest live allocations come from."""
    import nbformat

    nb = nbformat.read(item.path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(MEMORY_START))
    nb.cells.append(nbformat.v4.new_code_cell(MEMORY_STOP))
    # Only what the last cell printed: the notebook's own output comes before the marker.
    return execute(nb, item.path.parent, scratch).stdout.split("=== tracemalloc ===\n")[-1].strip("\n")


# ---------------------------------------------------------------- environment and test suite


def du(path: Path) -> int:
    total = 0
    for dirpath, _, filenames in os.walk(path):
        for name in filenames:
            file = Path(dirpath) / name
            if not file.is_symlink():
                total += file.stat().st_size
    return total


def requirement_names(path: Path) -> list[str]:
    names = []
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            names.append(re.split(r"[=<>!~\[; ]", line, maxsplit=1)[0])
    return names


def runtime_closure_bytes(roots: list[str]) -> tuple[int, int]:
    """Bytes and count of the installed distributions that ``roots`` need, from their RECORDs.

    Walks the installed metadata of this environment (markers evaluated, extras followed only
    where requested), so it measures the runtime-only install without installing it again.
    """
    from importlib import metadata

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    installed = {canonicalize_name(d.metadata["Name"]): d for d in metadata.distributions()}
    needed: set[str] = set()
    visited: set[tuple[str, frozenset[str]]] = set()
    queue: list[tuple[str, frozenset[str]]] = [(r, frozenset()) for r in roots]
    while queue:
        name, extras = queue.pop()
        key = canonicalize_name(name)
        if key not in installed or (key, extras) in visited:
            continue
        visited.add((key, extras))
        needed.add(key)
        for spec in installed[key].requires or []:
            req = Requirement(spec)
            # A requirement with a marker counts if it holds with no extra or one we asked for.
            if req.marker is None or any(req.marker.evaluate({"extra": e}) for e in extras | {""}):
                queue.append((req.name, frozenset(req.extras)))
    total = 0
    for key in needed:
        dist = installed[key]
        for f in dist.files or []:
            p = Path(dist.locate_file(f))
            if p.is_file() and not p.is_symlink():
                total += p.stat().st_size
    return total, len(needed)


def build_runtime_venv(scratch: Path) -> int:
    """Install requirements.txt (and summitlab) alone into a new venv; return its size in bytes."""
    venv = scratch / "runtime-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    done = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-r", str(ROOT / "requirements.txt"), "-e", str(ROOT)],
        capture_output=True, text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"pip could not build the runtime-only venv:\n{done.stderr[-2000:]}")
    return du(venv)


def run_test_suite() -> tuple[float, int, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT, capture_output=True, text=True,
    )
    wall = time.perf_counter() - started
    lines = [l for l in done.stdout.splitlines() if l.strip()]
    return wall, done.returncode, lines[-1] if lines else ""


# ---------------------------------------------------------------- the machine


def machine() -> dict[str, str]:
    from importlib import metadata

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f"{mem_kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        memory = "unknown"
    versions = ", ".join(f"{p} {metadata.version(p)}" for p in ("pandas", "altair", "ipykernel", "nbclient"))
    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "os": f"{platform.system()} {platform.release()} {platform.machine()}",
        "cpu": f"{os.cpu_count()} cores ({cpu})",
        "memory": memory,
        "python": platform.python_version(),
        "packages": versions,
        "load": " / ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


# ---------------------------------------------------------------- report


def fmt(value: float, digits: int = 2) -> str:
    return f"{value:.{digits}f}"


def write_reports(r: dict, out_dir: Path) -> None:
    out_dir.mkdir(exist_ok=True)
    floor, with_sl, notebooks = r["floor"], r["with_summitlab"], r["notebooks"]
    rows = []  # tidy: one measurement per row

    def add(item, kind, metric, value, unit, target="", met=""):
        rows.append({"item": item, "kind": kind, "metric": metric, "value": value, "unit": unit,
                     "target": target, "met": met})

    for key, value in r["machine"].items():
        add("machine", "run", key, value, "")
    add("machine", "run", "runs", r["runs"], "")
    add(floor.name, "floor", "median_wall", fmt(floor.median_s, 3), "s")
    add(floor.name, "floor", "median_kernel_cpu", fmt(floor.median_cpu_s, 2), "s")
    add(floor.name, "floor", "peak_rss", fmt(floor.peak_rss_mb, 1), "MB")
    add(with_sl.name, "floor", "median_wall", fmt(with_sl.median_s, 3), "s")
    add(with_sl.name, "floor", "peak_rss", fmt(with_sl.peak_rss_mb, 1), "MB")
    t = TARGETS["summitlab_import"]
    add("summitlab", "import", "import_increment", fmt(r["sl_import_s"], 4), "s", t.limit, t.met(r["sl_import_s"]))
    for nb in notebooks:
        for key, metric, value, unit in [
            ("ratio", "ratio_to_floor", nb["ratio"], "x"),
            ("peak_rss", "peak_rss", nb["peak_mb"], "MB"),
            ("committed_size", "committed_size", nb["committed_kb"], "KB"),
            ("executed_size", "executed_size", nb["executed_mb"], "MB"),
        ]:
            target = TARGETS[key]
            add(nb["name"], nb["kind"], metric, fmt(value, 3), unit, target.limit, target.met(value))
        add(nb["name"], nb["kind"], "median_wall", fmt(nb["median_s"], 3), "s")
        add(nb["name"], nb["kind"], "median_kernel_cpu", fmt(nb["cpu_s"], 2), "s")
        add(nb["name"], nb["kind"], "cpu_ratio_to_floor", fmt(nb["cpu_ratio"], 3), "x")
        add(nb["name"], nb["kind"], "min_wall", fmt(nb["min_s"], 3), "s")
        add(nb["name"], nb["kind"], "max_wall", fmt(nb["max_s"], 3), "s")
    for item in r["failed"]:
        add(item.name, item.kind, "failed", item.error, "", 0, False)
    if notebooks:
        t = TARGETS["course_ratio"]
        add("course", "course", "ratio_to_floors", fmt(r["course_ratio"], 3), "x", t.limit, t.met(r["course_ratio"]))
        add("course", "course", "sum_of_medians", fmt(r["course_s"], 3), "s")
    for key, value in r["env"].items():
        add("environment", "environment", key, fmt(value / MB, 1), "MB")
    if r.get("tests"):
        wall, code, summary = r["tests"]
        add("test suite", "tests", "wall", fmt(wall, 1), "s")
        add("test suite", "tests", "exit_code", code, "")
    with (out_dir / "results.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    (out_dir / "results.md").write_text(markdown(r), encoding="utf-8")


def markdown(r: dict) -> str:
    m, floor, with_sl, notebooks = r["machine"], r["floor"], r["with_summitlab"], r["notebooks"]
    worst = max(notebooks, key=lambda nb: nb["ratio"]) if notebooks else None
    lines = [
        "# Benchmark results",
        "",
        f"Produced by `.venv/bin/python tools/benchmark.py{r['argv']}` on {m['date']}. "
        "How to read and rerun it: [README](README.md).",
        "",
        f"- **Machine:** {m['os']}, {m['cpu']}, {m['memory']} memory; Python {m['python']}; {m['packages']}.",
        f"- **Runs:** {r['runs']} per notebook in {r['runs']} rounds, each notebook run preceded by a floor run "
        f"({len(r['floor'].runs)} floor runs), after one discarded warm-up; "
        f"load average (1/5/15 min) at start {m['load']}, at end {r['load_end']}; "
        f"1-minute load after each round: {r['loads']}.",
        f"- **Notebooks:** {len(notebooks)} timed, {len(r['failed'])} failed ({sum(nb['kind'] == 'lesson' for nb in notebooks)} lessons, "
        f"{sum(nb['kind'] == 'solution' for nb in notebooks)} solutions timed), found by globbing "
        f"`{LESSON_GLOB}` and `{SOLUTION_GLOB}`.",
        "",
        "## Targets",
        "",
        "| Target | Measured (worst case) | Met |",
        "| --- | --- | --- |",
    ]
    for key, value, shown in r["target_rows"]:
        lines.append(f"| {TARGETS[key].text} | {shown} | {'yes' if TARGETS[key].met(value) else '**no**'} |")
    lines += [
        "",
        "## The floor",
        "",
        "A fresh kernel started by nbclient exactly as the notebooks are, running one cell and shut down; "
        "one floor run precedes every notebook run, in that notebook's folder. "
        "Start, cell and stop are medians of the phases (the cell as the kernel timed it; "
        "the rest of the wall time is messaging between nbclient and the kernel).",
        "",
        "| Kernel | Cell | Median s | Min s | Max s | Kernel start s | Cell s | Kernel stop s | Kernel CPU s | Peak RSS MB |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for item, cell in ((floor, "`import pandas, altair`"), (with_sl, "the same, then `import summitlab`")):
        walls = [x.wall_s for x in item.runs]
        lines.append(
            f"| {item.name} | {cell} | {fmt(item.median_s)} | {fmt(min(walls))} | {fmt(max(walls))} | "
            f"{fmt(median([x.start_s for x in item.runs]))} | {fmt(median([sum(x.cell_seconds) for x in item.runs]))} | "
            f"{fmt(median([x.stop_s for x in item.runs]))} | {fmt(item.median_cpu_s)} | {fmt(item.peak_rss_mb, 0)} |"
        )
    lines += [
        "",
        f"Importing summitlab after pandas and Altair, timed inside the kernel: median "
        f"**{r['sl_import_s'] * 1000:.0f} ms** over {len(with_sl.runs)} fresh kernels. "
        f"That is the measurement of the target; the wall-time medians of the two kernels differ by "
        f"{(with_sl.median_s - floor.median_s) * 1000:+.0f} ms, while the floor alone varies by "
        f"{(max(x.wall_s for x in floor.runs) - min(x.wall_s for x in floor.runs)) * 1000:.0f} ms between runs.",
        "",
        "## Notebooks",
        "",
        "Each from a fresh kernel in its own folder (as nbval and JupyterLab run it), all cells, kernel shut down. "
        "The target is on wall time (× floor); the kernel's CPU time (start to last cell) and its ratio to the "
        "floor's are shown because they vary less when other work shares the machine. "
        "Peak RSS is the largest over the runs. Sizes in KB/MB of 1000. Slowest code cells: number "
        "(counting code cells only) and time in the median run; the first holds the imports, so it carries the floor's cell.",
        "",
        "| Notebook | Kind | Median s | Min–max s | × floor | Kernel CPU s | CPU × floor | Peak RSS MB | Committed KB | Executed KB | Slowest code cells | Missed |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for nb in notebooks:
        lines.append(
            f"| `{nb['path']}` | {nb['kind']} | {fmt(nb['median_s'])} | {fmt(nb['min_s'])}–{fmt(nb['max_s'])} | "
            f"{fmt(nb['ratio'])} | {fmt(nb['cpu_s'])} | {fmt(nb['cpu_ratio'])} | {fmt(nb['peak_mb'], 0)} | {fmt(nb['committed_kb'], 1)} | "
            f"{fmt(nb['executed_mb'] * 1000, 1)} | {nb['slowest_cell']} | {', '.join(nb['misses']) or '—'} |"
        )
    if notebooks:
        lines += [
            "",
            f"Whole course: {fmt(r['course_s'], 1)} s for {len(notebooks)} notebooks against "
            f"{fmt(floor.median_s * len(notebooks), 1)} s of floors: **{fmt(r['course_ratio'])}×**. "
            f"Worst notebook: `{worst['path']}` at **{fmt(worst['ratio'])}×** the floor.",
        ]
    env = r["env"]
    lines += ["", "## Environment", "", "| What | MB |", "| --- | ---: |"]
    labels = {
        "venv_total": "the test venv (`.venv`, everything `sh course.sh test` installs)",
        "site_packages": "its `site-packages`",
        "runtime_closure": f"runtime only: `requirements.txt` and summitlab with all they depend on ({r['closure_count']} distributions, from their installed file records)",
        "runtime_venv": "runtime only, measured: a new venv with `pip install -r requirements.txt -e .`",
    }
    for key, value in env.items():
        lines.append(f"| {labels[key]} | {fmt(value / MB, 0)} |")
    lines += ["", "## Test suite", ""]
    if r.get("tests"):
        wall, code, summary = r["tests"]
        lines.append(f"`python -m pytest -q -p no:cacheprovider`: **{fmt(wall, 1)} s**, exit code {code} (`{summary}`).")
    else:
        lines.append("Not run this time (`--skip-tests`, `--quick`, or only some notebooks measured).")
    if r["profiles"]:
        lines += ["", "## Profiles", "", "Of every notebook that missed a time or memory target (or of all, with `--profile`).", ""]
        for title, text in r["profiles"]:
            lines += [f"### {title}", "", "```", text, "```", ""]
    if r["notes"]:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in r["notes"]]
    return "\n".join(lines).rstrip() + "\n"


# ---------------------------------------------------------------- main


def failure_summary(error: Exception) -> str:
    """One line saying why a notebook failed, without colour codes."""
    if getattr(error, "ename", None):  # nbclient's CellExecutionError: the kernel's exception
        text = f"{error.ename}: {error.evalue}"
    else:
        lines = [l for l in str(error).splitlines() if l.strip()]
        text = lines[-1] if lines else type(error).__name__
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    return " ".join(text.split())[:300]


def discover(only: list[Path] | None = None) -> list[Item]:
    """Every lesson and solution notebook, or those of them named in ``only``."""
    items = [Item(p.name, "lesson", p) for p in sorted(ROOT.glob(LESSON_GLOB))]
    items += [Item(p.name, "solution", p) for p in sorted(ROOT.glob(SOLUTION_GLOB))]
    if only:
        wanted = {p.resolve() for p in only}
        items = [item for item in items if item.path.resolve() in wanted]
        if len(items) != len(wanted):
            raise SystemExit(f"not a lesson or solution notebook: {', '.join(str(p) for p in only)}")
    return items


def measure(items: list[Item], runs: int, scratch: Path) -> tuple[Item, Item, list[float]]:
    """Run the floor, the floor with summitlab and every notebook ``runs`` times; fill ``items``."""
    floor = Item("floor", "floor")
    with_sl = Item("floor + summitlab", "floor")
    loads: list[float] = []
    # Warm-up: the first kernel after a while pays for a cold disk cache; not counted.
    execute(code_notebook(FLOOR_CODE), ROOT, scratch)
    if not items:  # still measure the floor when no notebook exists yet
        floor.runs += [execute(code_notebook(FLOOR_CODE), ROOT, scratch) for _ in range(runs)]
    for n in range(runs):
        with_sl.runs.append(execute(code_notebook(SUMMITLAB_CODE), ROOT, scratch))
        for item in items:
            if item.error:
                continue
            # A floor run just before every notebook run: the floor's samples span the same
            # moments as the notebooks', so a busy spell on the machine weighs on both alike.
            floor.runs.append(execute(code_notebook(FLOOR_CODE), item.path.parent, scratch))
            try:
                item.runs.append(run_notebook(item, scratch, save=(n == 0)))
            except Exception as error:  # a notebook that fails is reported, not timed
                item.error = failure_summary(error)
                print(f"  FAILED {item.path.relative_to(ROOT)}: {item.error}", flush=True)
                continue
            print(f"  run {n + 1}/{runs}  {item.path.relative_to(ROOT)}  {item.runs[-1].wall_s:.2f} s", flush=True)
        loads.append(os.getloadavg()[0])
        print(f"round {n + 1}/{runs} done: floor median so far {floor.median_s:.2f} s, load {loads[-1]:.2f}", flush=True)
    return floor, with_sl, loads


def summarise(item: Item, floor: Item) -> dict:
    """One notebook's row of the report, with the targets it misses."""
    walls = [x.wall_s for x in item.runs]
    # The slowest cells of the median run tell where the time above the floor went.
    typical = sorted(item.runs, key=lambda x: x.wall_s)[len(item.runs) // 2]
    slowest = sorted(range(len(typical.cell_seconds)), key=typical.cell_seconds.__getitem__, reverse=True)[:2]
    nb = {
        "name": item.name, "kind": item.kind, "path": str(item.path.relative_to(ROOT)),
        "median_s": item.median_s, "min_s": min(walls), "max_s": max(walls),
        "ratio": ratio(item.median_s, floor.median_s), "peak_mb": item.peak_rss_mb,
        "cpu_s": item.median_cpu_s, "cpu_ratio": ratio(item.median_cpu_s, floor.median_cpu_s),
        "committed_kb": item.committed_bytes / KB, "executed_mb": item.executed_bytes / MB,
        "slowest_cell": "; ".join(f"{i + 1}: {typical.cell_seconds[i]:.2f} s" for i in slowest) or "—",
    }
    nb["misses"] = notebook_misses(time_ratio=nb["ratio"], peak_rss_mb=nb["peak_mb"],
                                   committed_kb=nb["committed_kb"], executed_mb=nb["executed_mb"])
    return nb


def target_rows(notebooks: list[dict], failed: list[Item], course: float, sl_import_s: float) -> list[tuple]:
    """(target key, worst measured value, how to show it) for every target."""
    rows = []
    if notebooks:
        def worst(key: str, unit: str, digits: int) -> tuple:
            nb = max(notebooks, key=lambda nb: nb[key])
            return nb[key], f"{fmt(nb[key], digits)}{unit} (`{nb['path']}`)"

        rows += [
            ("ratio", *worst("ratio", "×", 2)),
            ("course_ratio", course, f"{fmt(course)}×"),
            ("peak_rss", *worst("peak_mb", " MB", 0)),
            ("committed_size", *worst("committed_kb", " KB", 1)),
            ("executed_size", *worst("executed_mb", " MB", 3)),
        ]
    rows.append(("failures", len(failed), f"{len(failed)} failed" + "".join(f"; `{i.path.relative_to(ROOT)}`" for i in failed)))
    rows.append(("summitlab_import", sl_import_s, f"{sl_import_s * 1000:.0f} ms"))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="measure only these notebooks (the report then goes to a temporary folder unless --out)")
    parser.add_argument("--runs", type=int, default=5, help="fresh-kernel runs per notebook (default 5)")
    parser.add_argument("--quick", action="store_true", help="1 run, no test suite, no profiles unless --profile")
    parser.add_argument("--skip-tests", action="store_true", help="do not time the test suite")
    parser.add_argument("--runtime-venv", action="store_true",
                        help="also install requirements.txt alone into a scratch venv and measure it (needs PyPI)")
    parser.add_argument("--profile", action="store_true",
                        help="profile time and memory of every notebook, not only of those that miss a target")
    parser.add_argument("--out", type=Path, help="folder for results.md and results.csv (default bench/)")
    parser.add_argument("--hub", action="store_true",
                        help="also run the class on a hub: tools/hub_loadtest.py --students 10 (hub.md, hub.csv)")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else args.runs
    if runs < 1:
        parser.error("--runs must be at least 1")

    # A report on some notebooks only must never replace the course's committed report.
    out = args.out or (Path(tempfile.mkdtemp(prefix="summitlab-bench-report-")) if args.notebooks else OUT_DIR)
    info = machine()
    items = discover(args.notebooks)
    notes: list[str] = []
    print(f"{len(items)} notebooks, {runs} run(s) each; load average {info['load']}", flush=True)

    with tempfile.TemporaryDirectory(prefix="summitlab-bench-") as tmp:
        scratch = Path(tmp)
        (scratch / "executed").mkdir()
        floor, with_sl, loads = measure(items, runs, scratch)
        sl_import_s = median([float(x.stdout.split()[1]) for x in with_sl.runs])
        failed = [item for item in items if item.error]
        items = [item for item in items if not item.error]
        notebooks = [summarise(item, floor) for item in items]

        profiles = []
        if args.profile or not args.quick:
            for item, nb in zip(items, notebooks):
                jobs = []
                if "ratio" in nb["misses"] or args.profile:
                    jobs.append((f"Time: {nb['path']} ({fmt(nb['ratio'])}× the floor), cProfile inside the kernel", profile_time))
                if "peak_rss" in nb["misses"] or args.profile:
                    jobs.append((f"Memory: {nb['path']} ({fmt(nb['peak_mb'], 0)} MB), largest live allocations (tracemalloc)", profile_memory))
                for title, profiler in jobs:
                    print(f"profiling: {title}", flush=True)
                    try:
                        profiles.append((title, profiler(item, scratch)))
                    except Exception as error:  # a failed profile must not lose the measurements
                        profiles.append((title, f"the profile failed: {failure_summary(error)}"))

        venv = Path(sys.prefix)
        env = {"venv_total": du(venv)}
        site = next(venv.glob("lib/python*/site-packages"), None)
        if site:
            env["site_packages"] = du(site)
        closure, closure_count = runtime_closure_bytes(requirement_names(ROOT / "requirements.txt") + ["summitlab"])
        env["runtime_closure"] = closure
        if args.runtime_venv:
            print("building a runtime-only venv", flush=True)
            try:
                env["runtime_venv"] = build_runtime_venv(scratch)
            except (OSError, RuntimeError, subprocess.CalledProcessError) as error:
                notes.append(f"The runtime-only venv could not be built: {failure_summary(error)}")

    tests = None
    skip_tests = args.quick or args.skip_tests or bool(args.notebooks)
    if not skip_tests and importlib.util.find_spec("pytest") is None:
        notes.append("The test suite was not timed: pytest is not installed here (a runtime-only venv?).")
    elif not skip_tests:
        print("timing the test suite", flush=True)
        tests = run_test_suite()
        if tests[1] != 0:
            notes.append(f"The test suite failed (exit {tests[1]}): its time is of a failing run.")

    course_s = sum(nb["median_s"] for nb in notebooks)
    c_ratio = course_ratio([nb["median_s"] for nb in notebooks], floor.median_s) if notebooks else 0.0
    targets = target_rows(notebooks, failed, c_ratio, sl_import_s)
    for item in failed:
        notes.append(f"`{item.path.relative_to(ROOT)}` failed to execute, so it is not in the tables: {item.error}")
    busy = max([os.getloadavg()[0], *loads])
    if busy > 0.5 * (os.cpu_count() or 1):
        notes.append(
            f"Other work shared the machine (1-minute load average up to {busy:.2f} on {os.cpu_count()} cores): "
            "wall times are noisier than on an idle machine; compare the CPU ratios."
        )
    if runs < 3:
        notes.append(f"Only {runs} run(s) per notebook: medians are not stable; use the default for a committed report.")
    result = {
        "machine": info, "runs": runs, "floor": floor, "with_summitlab": with_sl, "notebooks": notebooks,
        "failed": failed, "sl_import_s": sl_import_s, "course_s": course_s, "course_ratio": c_ratio, "env": env,
        "closure_count": closure_count, "tests": tests, "profiles": profiles, "notes": notes,
        "target_rows": targets, "loads": ", ".join(f"{x:.2f}" for x in loads),
        "load_end": " / ".join(f"{x:.2f}" for x in os.getloadavg()),
        "argv": "".join(f" {a}" for a in (argv if argv is not None else sys.argv[1:])),
    }
    write_reports(result, out)

    missed = [(key, shown) for key, value, shown in targets if not TARGETS[key].met(value)]
    print(f"\nfloor {floor.median_s:.2f} s, {floor.peak_rss_mb:.0f} MB; summitlab import +{sl_import_s * 1000:.0f} ms")
    if notebooks:
        w = max(notebooks, key=lambda nb: nb["ratio"])
        print(f"worst ratio: {w['ratio']:.2f}x the floor ({w['path']}); whole course {c_ratio:.2f}x")
    for key, shown in missed:
        print(f"MISSED: {TARGETS[key].text}: {shown}")
    print(f"report: {out / 'results.md'}, {out / 'results.csv'}")
    hub_status = 0
    if args.hub:
        import hub_loadtest  # tools/ is on sys.path when this script runs

        print("running the class on a hub (10 students)", flush=True)
        hub_status = hub_loadtest.main(["--students", "10", "--out", str(out)])
    return 1 if missed or hub_status else 0


if __name__ == "__main__":
    sys.exit(main())
