#!/usr/bin/env python3
"""A class on one hub, measured: JupyterHub + nbgitpuller with simulated students.

Starts a real JupyterHub on 127.0.0.1 only (configurable-http-proxy from the npm registry,
DummyAuthenticator, a local-process spawner with one home folder per student under a
temporary folder). Each simulated student then does what a student clicking the class link
does: the hub creates the user and starts the user's server; an nbgitpuller link pulls the
course from a local clone; lesson 01 and its exercise notebook are opened as kernel sessions
and every code cell is executed through the Jupyter server's kernel websocket, as JupyterLab
does. The tool records spawn, pull and execution times, errors, and the peak memory of each
student's server and kernels, then stops every process it started (by its own PIDs) and
removes every folder.

    python tools/hub_loadtest.py --students 10              # rewrites bench/hub.md, bench/hub.csv
    python tools/hub_loadtest.py --students 30 --stagger 2  # a stretch run
    python tools/hub_loadtest.py --students 2 --out /tmp/x  # a short run, report elsewhere

Before the class run, one student runs alone (the solo baseline the targets compare with);
`--no-solo` skips it. Targets (checked and printed, exit status 1 when one is missed):
0 errors; the 95th-percentile time to execute lesson 01 no more than 4x the solo time; peak
memory per student (server + two kernels) no more than 450 MB. Traffic goes only to
127.0.0.1; the run is bounded by --timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import datetime as dt
import json
import math
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
CHP_VERSION = "5.3.0"
CHP_CACHE = Path(os.environ.get("SUMMITLAB_HUB_CACHE", Path.home() / ".cache" / "summitlab-hub"))
LESSON = "notebooks/01-crisis-to-summit.ipynb"
EXERCISE = "exercises/01-crisis-to-summit.ipynb"
TARGET_DIR = "summit-lab"
MB = 1024 * 1024
# Targets, from the issue that asked for this test (see bench/hub.md).
TARGET_P95_RATIO = 4.0
TARGET_PEAK_MB = 450.0


# --- the proxy ------------------------------------------------------------------------------

def find_proxy(install: bool = True) -> Path:
    """configurable-http-proxy: $CHP, on PATH, or installed from the npm registry into a cache."""
    if os.environ.get("CHP"):
        return Path(os.environ["CHP"])
    on_path = shutil.which("configurable-http-proxy")
    if on_path:
        return Path(on_path)
    cached = CHP_CACHE / "node_modules" / ".bin" / "configurable-http-proxy"
    if not cached.exists():
        if not install:
            raise RuntimeError("configurable-http-proxy is not installed (npm install configurable-http-proxy)")
        if not shutil.which("npm"):
            raise RuntimeError("npm is needed to install configurable-http-proxy (apt-get install -y npm)")
        CHP_CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(CHP_CACHE), "--no-audit", "--no-fund",
                        "--loglevel=error", f"configurable-http-proxy@{CHP_VERSION}"],
                       check=True, stdout=subprocess.DEVNULL, timeout=600)
    return cached


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- the course as a git remote ------------------------------------------------------------

def course_remote(scratch: Path, source: Path = ROOT) -> Path:
    """A bare clone of the course's committed HEAD: the remote that nbgitpuller links point at."""
    remote = scratch / "course.git"
    subprocess.run(["git", "clone", "--quiet", "--bare", "--no-hardlinks", str(source), str(remote)],
                   check=True)
    # The branch students follow is whatever HEAD is; call it main in the remote.
    head = subprocess.run(["git", "-C", str(source), "rev-parse", "HEAD"], check=True,
                          capture_output=True, text=True).stdout.strip()
    subprocess.run(["git", "-C", str(remote), "update-ref", "refs/heads/main", head], check=True)
    subprocess.run(["git", "-C", str(remote), "symbolic-ref", "HEAD", "refs/heads/main"], check=True)
    return remote


def pull_link(remote: Path, urlpath: str = f"lab/tree/{TARGET_DIR}/notebooks/00-start-here.ipynb") -> str:
    """The query string of an nbgitpuller link for the course (the part after /git-pull?)."""
    return urlencode({"repo": remote.as_uri(), "branch": "main", "targetpath": TARGET_DIR,
                      "urlpath": urlpath})


# --- the hub ---------------------------------------------------------------------------------

HUB_CONFIG = """\
# Written by tools/hub_loadtest.py for one run; listens on 127.0.0.1 only.
c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.pid_file = {pid_file!r}
c.JupyterHub.db_url = "sqlite:///{db}"
c.JupyterHub.cookie_secret_file = {cookie!r}
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = {homes!r} + "/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.Spawner.environment = {environment!r}
c.JupyterHub.services = [{{"name": "loadtest", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{
    "name": "loadtest",
    "scopes": ["admin:users", "admin:servers", "access:servers", "read:users"],
    "services": ["loadtest"],
}}]
c.JupyterHub.cleanup_servers = True
"""


class Hub:
    """A JupyterHub of its own on 127.0.0.1, in `scratch`; a context manager that cleans up."""

    def __init__(self, scratch: Path, proxy: Path, *, password: str = "summit",
                 server_args: list[str] = ()):
        self.scratch = scratch
        self.server_args = list(server_args)
        self.homes = scratch / "homes"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(24)
        self.password = password
        self.proxy = proxy
        self.log = scratch / "jupyterhub.log"
        self.pids: set[int] = set()
        self._process: subprocess.Popen | None = None
        self._log_file = None

    def __enter__(self) -> "Hub":
        import requests

        self.homes.mkdir(parents=True, exist_ok=True)
        bindir = Path(sys.executable).parent
        singleuser = bindir / "jupyterhub-singleuser"
        config = self.scratch / "jupyterhub_config.py"
        environment = {
            # Students' servers see the course's JupyterLab settings and nothing of this machine's.
            "JUPYTERLAB_SETTINGS_DIR": str(self.scratch / "lab-user-settings"),
            "PATH": f"{bindir}:{os.environ.get('PATH', '/usr/bin:/bin')}",
        }
        config.write_text(HUB_CONFIG.format(
            port=self.port, hub_port=free_port(), proxy_api_port=free_port(), proxy=str(self.proxy),
            pid_file=str(self.scratch / "proxy.pid"), db=self.scratch / "jupyterhub.sqlite",
            cookie=str(self.scratch / "cookie_secret"), password=self.password,
            homes=str(self.homes), singleuser=str(singleuser),
            args=(["--allow-root"] if os.geteuid() == 0 else []) + self.server_args,
            environment=environment,
            token=self.token), encoding="utf-8")
        self._log_file = open(self.log, "wb")
        env = {**os.environ, "JUPYTER_CONFIG_DIR": str(self.scratch / "config"),
               "JUPYTER_RUNTIME_DIR": str(self.scratch / "runtime")}
        self._process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=self.scratch, env=env,
            stdout=self._log_file, stderr=subprocess.STDOUT, start_new_session=True)
        self.pids.add(self._process.pid)
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"token {self.token}"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"JupyterHub exited; see its log:\n{self.log_tail()}")
            try:
                if self.session.get(f"{self.url}/hub/api/", timeout=5).ok:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.5)
        self.__exit__(None, None, None)
        raise RuntimeError(f"JupyterHub did not answer within 120 s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def api(self, method: str, path: str, **kwargs):
        kwargs.setdefault("timeout", 60)
        return self.session.request(method, f"{self.url}/hub/api{path}", **kwargs)

    def user_url(self, name: str, path: str) -> str:
        return f"{self.url}/user/{name}/{path.lstrip('/')}"

    def server_pids(self) -> dict[str, int]:
        """The PID of each user's single-user server, from the processes this hub started."""
        import psutil

        found = {}
        if self._process is None:
            return found
        try:
            hub = psutil.Process(self._process.pid)
            children = hub.children(recursive=True)
        except psutil.Error:
            return found
        for process in children:
            try:  # a process can end (or be a zombie) between listing and reading it
                environ = process.environ()
                command = " ".join(process.cmdline())
            except psutil.Error:
                continue
            name = environ.get("JUPYTERHUB_USER")
            if name and "jupyterhub-singleuser" in command:
                found[name] = process.pid
                self.pids.add(process.pid)
        return found

    def __exit__(self, *exc) -> None:
        import psutil

        if self._process is not None:
            self.server_pids()  # remember every server's PID before anything stops
            try:
                for user in self.api("GET", "/users", timeout=10).json():
                    if user.get("servers"):
                        self.api("DELETE", f"/users/{user['name']}/server", timeout=30)
            except Exception:
                pass
            try:
                for child in psutil.Process(self._process.pid).children(recursive=True):
                    self.pids.add(child.pid)
            except psutil.Error:
                pass
            try:
                os.killpg(self._process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self._process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self._process.pid, signal.SIGKILL)
                self._process.wait(timeout=10)
            # Servers and kernels run in sessions of their own: stop each PID this hub started.
            for pid in sorted(self.pids):
                try:
                    process = psutil.Process(pid)
                    process.terminate()
                    process.wait(timeout=5)
                except psutil.TimeoutExpired:
                    process.kill()
                except psutil.Error:
                    pass
            self._process = None
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None


# --- one student ------------------------------------------------------------------------------

@dataclass
class StudentResult:
    run: str
    student: str
    started_s: float = 0.0
    spawn_s: float = math.nan
    pull_s: float = math.nan
    lesson_s: float = math.nan
    exercise_s: float = math.nan
    cells: int = 0
    errors: list[str] = field(default_factory=list)
    server_peak_mb: float = math.nan
    kernels_peak_mb: float = math.nan
    total_peak_mb: float = math.nan
    cpu_s: float = math.nan  # CPU time (user + system) of the student's server and kernels
    active_s: float = math.nan  # from the spawn request to the end of the last cell

    def row(self) -> dict:
        row = asdict(self)
        row["errors"] = len(self.errors)
        row["error_detail"] = "; ".join(self.errors)[:300]
        for key, value in row.items():
            if isinstance(value, float):
                row[key] = "" if math.isnan(value) else round(value, 2)
        return row


class MemoryWatch:
    """Samples the resident memory of each user's server and its kernels (children)."""

    def __init__(self, hub: Hub, interval: float = 0.25):
        self.hub, self.interval = hub, interval
        self.peaks: dict[str, dict[str, float]] = {}
        self.cpu: dict[str, dict[int, float]] = {}  # student -> pid -> CPU seconds last seen
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "MemoryWatch":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def sample(self) -> None:
        """One reading of every student's processes; never raises (a failed reading is skipped)."""
        try:
            self._sample()
        except Exception:
            pass

    def _sample(self) -> None:
        import psutil

        for name, pid in self.hub.server_pids().items():
            try:
                server = psutil.Process(pid)
                server_rss = server.memory_info().rss
                kernels = server.children(recursive=True)
                kernel_rss = 0
                cpu = self.cpu.setdefault(name, {})
                times = server.cpu_times()
                cpu[pid] = times.user + times.system
                for kernel in kernels:
                    self.hub.pids.add(kernel.pid)
                    try:
                        kernel_rss += kernel.memory_info().rss
                        times = kernel.cpu_times()
                        cpu[kernel.pid] = times.user + times.system
                    except psutil.Error:
                        pass
            except psutil.Error:
                continue
            peak = self.peaks.setdefault(name, {"server": 0.0, "kernels": 0.0, "total": 0.0})
            peak["server"] = max(peak["server"], server_rss / MB)
            peak["kernels"] = max(peak["kernels"], kernel_rss / MB)
            peak["total"] = max(peak["total"], (server_rss + kernel_rss) / MB)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)


def spawn(hub: Hub, name: str, timeout: float = 180) -> float:
    """Create the user and start the user's server through the hub's REST API; seconds taken."""
    response = hub.api("POST", f"/users/{name}")
    if response.status_code not in (201, 409):
        raise RuntimeError(f"creating {name}: HTTP {response.status_code}")
    start = time.monotonic()
    response = hub.api("POST", f"/users/{name}/server")
    if response.status_code not in (201, 202):
        raise RuntimeError(f"spawning {name}: HTTP {response.status_code} {response.text[:200]}")
    while time.monotonic() - start < timeout:
        server = hub.api("GET", f"/users/{name}").json().get("servers", {}).get("", {})
        if server.get("ready"):
            return time.monotonic() - start
        time.sleep(0.25)
    raise RuntimeError(f"{name}'s server was not ready after {timeout:.0f} s")


def pull(hub: Hub, name: str, remote: Path, timeout: float = 300) -> float:
    """Follow the nbgitpuller link's API as its page does; seconds until it reports finished."""
    start = time.monotonic()
    query = urlencode({"repo": remote.as_uri(), "branch": "main", "targetpath": TARGET_DIR})
    with hub.session.get(hub.user_url(name, f"git-pull/api?{query}"), stream=True, timeout=timeout) as response:
        if response.status_code != 200:
            raise RuntimeError(f"nbgitpuller for {name}: HTTP {response.status_code}")
        for line in response.iter_lines(decode_unicode=True):
            if not line or not line.startswith("data:"):
                continue
            event = json.loads(line[len("data:"):])
            if event.get("phase") == "finished":
                return time.monotonic() - start
            if event.get("phase") == "error":
                raise RuntimeError(f"nbgitpuller for {name}: {event.get('message', '')[:200]}")
    raise RuntimeError(f"nbgitpuller for {name} ended without finishing")


def _message(session_id: str, code: str) -> dict:
    msg_id = uuid.uuid4().hex
    return {
        "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "loadtest",
                   "session": session_id, "date": dt.datetime.now(dt.timezone.utc).isoformat(),
                   "version": "5.3"},
        "parent_header": {}, "metadata": {}, "buffers": [], "channel": "shell",
        "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": True},
    }


RECONNECTS = 3  # times one cell may lose the kernel's websocket and reconnect, as JupyterLab does


async def _execute_cells(ws_url: str, token: str, cells: list[str], cell_timeout: float,
                         reconnects: int = RECONNECTS) -> list[str]:
    """Run each cell on the kernel's websocket, one after another; the errors it reported.

    A loaded server can drop the websocket. Like JupyterLab, the client then reconnects with
    the same ``session_id``: the Jupyter server kept the kernel's replies for that session while
    it was away and sends them on reconnection, so a cell is never run twice. A request whose
    sending failed is sent again; a cell that loses the connection more than ``reconnects``
    times is an error."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import WebSocketClosedError, websocket_connect

    session_id = uuid.uuid4().hex
    url = f"{ws_url}{'&' if '?' in ws_url else '?'}session_id={session_id}"

    async def connect():
        request = HTTPRequest(url, headers={"Authorization": f"token {token}"}, request_timeout=60)
        return await websocket_connect(request)

    connection = await connect()
    errors: list[str] = []
    try:
        for number, code in enumerate(cells, 1):
            message = _message(session_id, code)
            replied = idle = sent = False
            lost = 0
            while not (replied and idle):
                try:
                    if not sent:
                        await connection.write_message(json.dumps(message))
                        sent = True
                    raw = await asyncio.wait_for(connection.read_message(), timeout=cell_timeout)
                except WebSocketClosedError:
                    raw = None
                if raw is None:  # closed: reconnect and keep waiting for this cell's replies
                    lost += 1
                    if lost > reconnects:
                        raise RuntimeError(f"the kernel's websocket closed {lost} times "
                                           f"during cell {number}")
                    connection.close()
                    connection = await connect()
                    continue
                reply = json.loads(raw)
                if reply.get("parent_header", {}).get("msg_id") != message["header"]["msg_id"]:
                    continue
                kind = reply.get("msg_type") or reply.get("header", {}).get("msg_type")
                if kind == "execute_reply":
                    replied = True
                    if reply["content"].get("status") != "ok":
                        errors.append(f"cell {number}: {reply['content'].get('ename', 'error')}")
                elif kind == "status" and reply["content"].get("execution_state") == "idle":
                    idle = True
            if errors:
                break
    finally:
        connection.close()
    return errors


def open_and_run(hub: Hub, name: str, path: str, cell_timeout: float = 120) -> tuple[str, float, int, list[str]]:
    """Open a notebook as JupyterLab does (a kernel session) and execute every code cell."""
    notebook_path = f"{TARGET_DIR}/{path}"
    content = hub.session.get(hub.user_url(name, f"api/contents/{quote(notebook_path)}?content=1"),
                              timeout=60)
    content.raise_for_status()
    cells = ["".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
             for cell in content.json()["content"]["cells"] if cell["cell_type"] == "code"]
    session = hub.session.post(hub.user_url(name, "api/sessions"), timeout=60, json={
        "path": notebook_path, "name": Path(path).name, "type": "notebook",
        "kernel": {"name": "python3"}})
    session.raise_for_status()
    session = session.json()
    ws_url = hub.user_url(name, f"api/kernels/{session['kernel']['id']}/channels").replace("http://", "ws://")
    start = time.monotonic()
    errors = asyncio.run(_execute_cells(ws_url, hub.token, cells, cell_timeout))
    return session["id"], time.monotonic() - start, len(cells), errors


def student(hub: Hub, remote: Path, run: str, name: str, delay: float, deadline: float,
            watch: MemoryWatch) -> StudentResult:
    result = StudentResult(run=run, student=name, started_s=delay)
    time.sleep(delay)
    sessions = []
    start = time.monotonic()
    try:
        result.spawn_s = spawn(hub, name, timeout=max(10.0, deadline - time.monotonic()))
        result.pull_s = pull(hub, name, remote)
        for path in (LESSON, EXERCISE):
            if time.monotonic() > deadline:
                raise RuntimeError("the run's time limit was reached")
            session_id, seconds, cells, errors = open_and_run(hub, name, path)
            sessions.append(session_id)
            result.cells += cells
            result.errors.extend(f"{Path(path).name} {error}" for error in errors)
            if path == LESSON:
                result.lesson_s = seconds
            else:
                result.exercise_s = seconds
        watch.sample()  # both kernels are alive now: the student's heaviest moment
        result.active_s = time.monotonic() - start
    except Exception as error:  # one student's failure is recorded, the class goes on
        result.errors.append(f"{type(error).__name__}: {str(error)[:200]}")
    finally:
        for session_id in sessions:
            try:
                hub.session.delete(hub.user_url(name, f"api/sessions/{session_id}"), timeout=30)
            except Exception:
                pass
    return result


def run_class(hub: Hub, remote: Path, run: str, names: list[str], stagger: float, deadline: float) -> list[StudentResult]:
    with MemoryWatch(hub) as watch, ThreadPoolExecutor(max_workers=max(1, len(names))) as pool:
        futures = [pool.submit(student, hub, remote, run, name, i * stagger, deadline, watch)
                   for i, name in enumerate(names)]
        results = [future.result() for future in futures]
    for result in results:
        peak = watch.peaks.get(result.student)
        if peak:
            result.server_peak_mb = peak["server"]
            result.kernels_peak_mb = peak["kernels"]
            result.total_peak_mb = peak["total"]
        if watch.cpu.get(result.student):
            result.cpu_s = sum(watch.cpu[result.student].values())
        hub.api("DELETE", f"/users/{result.student}/server", timeout=60)
    return results


# --- the report --------------------------------------------------------------------------------

def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation between closest ranks."""
    values = sorted(v for v in values if not math.isnan(v))
    if not values:
        return math.nan
    position = (len(values) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return values[low] + (values[high] - values[low]) * (position - low)


def summarise(solo: list[StudentResult], group: list[StudentResult]) -> dict:
    everyone = solo + group
    solo_lesson = solo[0].lesson_s if solo else math.nan
    p95_lesson = percentile([r.lesson_s for r in group], 95)
    summary = {
        "students": len(group),
        "errors": sum(len(r.errors) for r in everyone),
        "solo_lesson_s": solo_lesson,
        "p95_lesson_s": p95_lesson,
        "p95_ratio": p95_lesson / solo_lesson if solo_lesson and not math.isnan(solo_lesson) else math.nan,
        "median_spawn_s": percentile([r.spawn_s for r in group], 50),
        "p95_spawn_s": percentile([r.spawn_s for r in group], 95),
        "median_pull_s": percentile([r.pull_s for r in group], 50),
        "max_server_mb": max((r.server_peak_mb for r in everyone if not math.isnan(r.server_peak_mb)), default=math.nan),
        "max_kernels_mb": max((r.kernels_peak_mb for r in everyone if not math.isnan(r.kernels_peak_mb)), default=math.nan),
        "max_total_mb": max((r.total_peak_mb for r in everyone if not math.isnan(r.total_peak_mb)), default=math.nan),
        "median_total_mb": percentile([r.total_peak_mb for r in everyone], 50),
        "mean_cores_active": percentile([r.cpu_s / r.active_s for r in group
                                         if r.active_s and not math.isnan(r.cpu_s)], 50),
        "solo_cores_active": (solo[0].cpu_s / solo[0].active_s
                              if solo and solo[0].active_s and not math.isnan(solo[0].cpu_s) else math.nan),
    }
    summary["sizing"] = sizing(summary["max_total_mb"])
    summary["targets"] = {
        "no errors": summary["errors"] == 0,
        f"p95 lesson time <= {TARGET_P95_RATIO:g}x solo": (not solo) or summary["p95_ratio"] <= TARGET_P95_RATIO,
        f"peak per student <= {TARGET_PEAK_MB:g} MB": summary["max_total_mb"] <= TARGET_PEAK_MB,
    }
    return summary


def sizing(peak_mb: float) -> dict:
    """Per-student resources for the deployment files, from the measured peak (server + two kernels).

    The guarantee is the peak rounded up to the next 128 MB; the limit is twice the guarantee,
    room for a third notebook or a heavier exercise before the server is stopped.
    """
    if math.isnan(peak_mb):
        return {"mem_guarantee_mb": math.nan, "mem_limit_mb": math.nan}
    guarantee = int(math.ceil(peak_mb / 128) * 128)
    return {"mem_guarantee_mb": guarantee, "mem_limit_mb": 2 * guarantee}


def _fmt(value: float, digits: int = 1) -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.{digits}f}"


def write_report(out: Path, solo: list[StudentResult], group: list[StudentResult], summary: dict,
                 meta: dict, name: str = "hub") -> None:
    out.mkdir(parents=True, exist_ok=True)
    rows = [r.row() for r in solo + group]
    with open(out / f"{name}.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else ["run"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    lines = [
        "# A class on one hub: JupyterHub + nbgitpuller, measured",
        "",
        f"Written by `tools/hub_loadtest.py --students {summary['students']}` on {meta['when']} "
        f"({meta['cores']} cores, {meta['memory_gb']:.0f} GB, Python {meta['python']}, JupyterHub "
        f"{meta['jupyterhub']}, nbgitpuller {meta['nbgitpuller']}, configurable-http-proxy "
        f"{CHP_VERSION}; load average {meta['load_start']} at the start, {meta['load_end']} at the end; "
        f"stagger {meta['stagger']:g} s). Every student's server is a `jupyterhub-singleuser` "
        "process started by a local-process spawner; each student pulls the course with an "
        f"nbgitpuller link from a local clone, then opens `{LESSON}` and `{EXERCISE}` as kernel "
        "sessions and executes every code cell through the kernel websocket, keeping both kernels "
        "open, as a student with the lesson and its exercise side by side does. Memory is the "
        "resident set (RSS) of the student's server and of its kernels, sampled every 0.25 s; "
        "the per-student peak is the largest sum seen at one moment.",
        *([ "", f"The load average was above the machine's {meta['cores']} cores during the run: other work "
            "shared the machine, so the times here are pessimistic (memory is not affected)."]
          if max(float(x) for x in (meta['load_start'] + ' ' + meta['load_end']).split()) > meta['cores'] else []),
        "",
        "## Targets",
        "",
        "| target | result | met |",
        "|---|---|---|",
        f"| 0 errors | {summary['errors']} | {'yes' if summary['targets']['no errors'] else '**no**'} |",
        f"| p95 time to execute lesson 01 ≤ {TARGET_P95_RATIO:g}× one student alone | "
        f"{_fmt(summary['p95_lesson_s'])} s vs {_fmt(summary['solo_lesson_s'])} s alone = "
        f"{_fmt(summary['p95_ratio'], 2)}× | "
        f"{('not measured (--no-solo)' if not solo else 'yes') if list(summary['targets'].values())[1] else '**no**'} |",
        f"| peak memory per student (server + two kernels) ≤ {TARGET_PEAK_MB:g} MB | "
        f"{_fmt(summary['max_total_mb'])} MB at most (median {_fmt(summary['median_total_mb'])} MB) | "
        f"{'yes' if list(summary['targets'].values())[2] else '**no**'} |",
        "",
        "## Per student",
        "",
        "| run | student | start (s) | spawn (s) | pull (s) | lesson 01 (s) | exercise 01 (s) | cells | "
        "errors | server peak (MB) | kernels peak (MB) | total peak (MB) | CPU (s) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in solo + group:
        lines.append(
            f"| {r.run} | {r.student} | {r.started_s:g} | {_fmt(r.spawn_s)} | {_fmt(r.pull_s)} | "
            f"{_fmt(r.lesson_s)} | {_fmt(r.exercise_s)} | {r.cells} | {len(r.errors)} | "
            f"{_fmt(r.server_peak_mb)} | {_fmt(r.kernels_peak_mb)} | {_fmt(r.total_peak_mb)} | "
            f"{_fmt(r.cpu_s)} |")
    errors = [f"- {r.run} {r.student}: {e}" for r in solo + group for e in r.errors]
    if errors:
        lines += ["", "## Errors", "", *errors]
    lines += [
        "",
        "## Summary",
        "",
        f"- Spawn: median {_fmt(summary['median_spawn_s'])} s, p95 {_fmt(summary['p95_spawn_s'])} s.",
        f"- nbgitpuller clone: median {_fmt(summary['median_pull_s'])} s.",
        f"- Memory: server at most {_fmt(summary['max_server_mb'])} MB, two kernels at most "
        f"{_fmt(summary['max_kernels_mb'])} MB, together at most {_fmt(summary['max_total_mb'])} MB.",
        f"- CPU: while active (spawn to last cell) a student of the class used a median of "
        f"{_fmt(summary['mean_cores_active'], 2)} cores (alone: {_fmt(summary['solo_cores_active'], 2)}); "
        "a student reading and typing between cells uses almost none.",
        "",
        "## Sizing",
        "",
        f"- Memory guarantee per student: **{summary['sizing']['mem_guarantee_mb']} MB** (the peak, "
        "rounded up to the next 128 MB).",
        f"- Memory limit per student: **{summary['sizing']['mem_limit_mb']} MB** (twice the guarantee).",
        "",
        "The deployment files in `deploy/` take their memory guarantee and limit from this report; "
        "`tests/test_deploy.py` checks that they agree with it.",
        "",
    ]
    (out / f"{name}.md").write_text("\n".join(lines), encoding="utf-8")


def _meta(stagger: float, load_start: str) -> dict:
    from importlib.metadata import version

    import psutil

    return {
        "when": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": os.cpu_count(), "memory_gb": psutil.virtual_memory().total / 1024 ** 3,
        "python": sys.version.split()[0], "jupyterhub": version("jupyterhub"),
        "nbgitpuller": version("nbgitpuller"), "stagger": stagger,
        "load_start": load_start, "load_end": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=10, help="simulated students (default 10)")
    parser.add_argument("--stagger", type=float, default=0.5, help="seconds between students' starts")
    parser.add_argument("--timeout", type=float, default=1200, help="limit for the whole run, in seconds")
    parser.add_argument("--no-solo", action="store_true", help="skip the one-student baseline run")
    parser.add_argument("--out", type=Path, default=ROOT / "bench", help="where hub.md and hub.csv go")
    parser.add_argument("--name", default="hub", help="report file names: NAME.md and NAME.csv (default hub)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (for debugging)")
    args = parser.parse_args(argv)
    if args.students < 1:
        parser.error("--students must be at least 1")

    load_start = " ".join(f"{x:.2f}" for x in os.getloadavg())
    deadline = time.monotonic() + args.timeout
    scratch = Path(tempfile.mkdtemp(prefix="summitlab-hub-"))
    try:
        proxy = find_proxy()
        remote = course_remote(scratch)
        with Hub(scratch, proxy) as hub:
            solo = [] if args.no_solo else run_class(hub, remote, "solo", ["solo"], 0, deadline)
            names = [f"student{i:02d}" for i in range(1, args.students + 1)]
            group = run_class(hub, remote, "class", names, args.stagger, deadline)
        summary = summarise(solo, group)
        write_report(args.out, solo, group, summary, _meta(args.stagger, load_start), name=args.name)
    finally:
        if args.keep:
            print(f"scratch folder kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    print(json.dumps({k: (None if isinstance(v, float) and math.isnan(v) else v)
                      for k, v in summary.items()}, indent=1, default=str))
    missed = [name for name, met in summary["targets"].items() if not met]
    for name in missed:
        print(f"target missed: {name}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
