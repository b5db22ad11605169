"""Drive JupyterLab in a real browser: start a server, run a notebook, inspect what it shows.

Used by tests/test_browser.py. The server runs on 127.0.0.1 with a random token, on copies of
the notebooks in a temporary folder (so running them never writes outputs into the repository),
with the course's JupyterLab settings and a private configuration. The browser is Debian's
Chromium driven by Playwright, with every request to a host other than this machine blocked.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("SUMMITLAB_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
INSTALL_HINT = (
    "the browser test needs Debian's Chromium and Playwright's Python package: "
    "`apt-get update && apt-get install -y chromium` and "
    "`.venv/bin/pip install -r requirements-test.txt` (never `playwright install`)"
)
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def missing_requirements() -> str | None:
    """Why the browser test cannot run here, or None when it can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found; {INSTALL_HINT}"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return f"playwright is not installed; {INSTALL_HINT}"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LabServer:
    """A JupyterLab server of its own, serving `root`; a context manager that cleans up."""

    def __init__(self, root: Path, scratch: Path):
        self.root = root
        self.scratch = scratch
        self.port = _free_port()
        self.token = secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = scratch / "jupyterlab.log"
        self._process: subprocess.Popen | None = None

    def __enter__(self) -> "LabServer":
        settings = self.scratch / "app-settings"
        settings.mkdir(parents=True)
        # The course's overrides, as tools/install_lab_settings.py installs them for students.
        shutil.copyfile(ROOT / "tools" / "jupyterlab-overrides.json", settings / "overrides.json")
        env = {
            **os.environ,
            # Nothing from the user's own Jupyter or IPython set-up (kernels, settings, startup).
            "JUPYTER_CONFIG_DIR": str(self.scratch / "config"),
            "JUPYTER_DATA_DIR": str(self.scratch / "data"),
            "IPYTHONDIR": str(self.scratch / "ipython"),
            "JUPYTER_RUNTIME_DIR": str(self.scratch / "runtime"),
            "JUPYTERLAB_SETTINGS_DIR": str(self.scratch / "user-settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(self.scratch / "workspaces"),
            # Checks record progress beside the notebook by default; keep it out of the way.
            "SUMMITLAB_PROGRESS_FILE": str(self.scratch / "progress.json"),
        }
        # Work bundles go beside the notebooks (copies), as for a student, so links can be clicked.
        env.pop("SUMMITLAB_BUNDLE_DIR", None)
        command = [
            sys.executable, "-m", "jupyterlab",
            "--ip=127.0.0.1", f"--port={self.port}", "--port-retries=0",
            f"--IdentityProvider.token={self.token}",
            "--allow-root", "--ServerApp.open_browser=False",
            f"--ServerApp.root_dir={self.root}",
            f"--LabApp.app_settings_dir={settings}",
            # Lets the test call JupyterLab's own commands (open, run all) as a student's clicks do.
            "--LabApp.expose_app_in_browser=True",
        ]
        command, env = self.launch(command, env)
        with self.log.open("wb") as log:
            self._process = subprocess.Popen(command, cwd=self.root, env=env, stdout=log,
                                             stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            try:
                self.api("GET", "status")
                return self
            except OSError:
                if self._process.poll() is not None or time.monotonic() > deadline:
                    self.__exit__(None, None, None)
                    raise RuntimeError("JupyterLab did not start:\n" + self.log.read_text()[-3000:])
                time.sleep(0.3)

    def launch(self, command: list[str], env: dict) -> tuple[list[str], dict]:
        """The command and environment that start the server (LaunchedLab starts it otherwise)."""
        return command, env

    def opened_url(self) -> str | None:
        """The address JupyterLab would open in the student's browser, with the file it opens
        (from the page it writes for the browser in its runtime folder), or None."""
        pages = sorted((self.scratch / "runtime").glob("jpserver-file-to-run-*-open.html"))
        if not pages:
            return None
        match = re.search(r'href="([^"]+)"', pages[0].read_text(encoding="utf-8"))
        return match.group(1).replace("&amp;", "&") if match else None

    def api(self, method: str, path: str):
        request = urllib.request.Request(
            f"{self.url}/api/{path}", method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def running_kernels(self) -> list[dict]:
        return self.api("GET", "kernels")

    def shutdown_kernels(self) -> None:
        for kernel in self.running_kernels():
            self.api("DELETE", f"kernels/{kernel['id']}")

    def __exit__(self, *exc) -> None:
        if self._process is None:
            return
        try:
            if self._process.poll() is None:
                self.shutdown_kernels()
        except OSError:
            pass
        self._process.terminate()
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process = None


class LaunchedLab(LabServer):
    """The course started exactly as the README says (``python course.py lab``), in `root` (a
    clean copy of the course), with only what a test needs added: its own port and token, no
    browser of its own, root allowed, and JupyterLab's app object exposed to drive it.

    The launcher's virtual environment (``SUMMITLAB_VENV``) is prepared here so that it installs
    nothing: it sees the packages of the Python running the tests and the copy itself (as
    ``pip install -e`` would) and shares that Python's Jupyter data folder. Installing from
    scratch is what .ci/run does.
    """

    def launch(self, command: list[str], env: dict) -> tuple[list[str], dict]:
        import sysconfig

        sys.path.insert(0, str(self.root))
        import course  # the copy's launcher

        sys.path.remove(str(self.root))
        venv = self.scratch / "venv"
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
        python = course.venv_python(venv)
        site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                              capture_output=True, text=True, check=True).stdout.strip()
        Path(site, "summitlab-test.pth").write_text(
            f"{sysconfig.get_paths()['purelib']}\n{self.root}\n", encoding="utf-8")
        for shared in ("share/jupyter", "etc/jupyter"):
            if (Path(sys.prefix) / shared).exists():
                (venv / shared).parent.mkdir(parents=True, exist_ok=True)
                (venv / shared).symlink_to(Path(sys.prefix) / shared)
        (venv / course.STAMP).write_text(course.install_fingerprint("requirements.txt", self.root) + "\n")
        options = [f"--port={self.port}", "--port-retries=0", "--no-browser",
                   f"--IdentityProvider.token={self.token}", "--LabApp.expose_app_in_browser=True"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            options.append("--allow-root")
        env = {**env, "SUMMITLAB_VENV": str(venv)}
        env.pop("PYTHONPATH", None)  # the course comes from the copy, as for a student
        return [sys.executable, str(self.root / "course.py"), "lab", *options], env


class Browser:
    """Chromium showing one JupyterLab page, with the network beyond this machine cut off."""

    def __init__(self, server: LabServer, start: str | None = None, collapse_left: bool = True,
                 parent: "Browser | None" = None):
        self.server = server
        self.parent = parent  # shares its Chromium (Playwright runs one per test session)
        self.start = start or f"{server.url}/lab?token={server.token}"
        self.collapse_left = collapse_left
        self.blocked: list[str] = []
        self.console: list[str] = []
        self.page_errors: list[str] = []

    def __enter__(self) -> "Browser":
        from playwright.sync_api import sync_playwright

        if self.parent is not None:
            self._playwright, self._browser = self.parent._playwright, self.parent._browser
        else:
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        self.context = self._browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.route("**/*", self._only_local)
        self.page = self.context.new_page()
        self.page.on("console",
                     lambda message: self.console.append(f"{message.type}: {message.text}"))
        self.page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        self.page.goto(self.start)
        self.page.wait_for_function("() => window.jupyterapp", timeout=60_000)
        self.page.evaluate("() => window.jupyterapp.restored.then(() => true)")
        if self.collapse_left:  # the notebook gets the whole width, in the screenshots too
            self.page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
        return self

    def _only_local(self, route) -> None:
        url = route.request.url
        if urlsplit(url).hostname in LOCAL_HOSTS or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("internetdisconnected")

    def __exit__(self, *exc) -> None:
        self.context.close()
        if self.parent is None:
            self._browser.close()
            self._playwright.stop()


@dataclass
class Chart:
    """One chart output as the browser shows it."""

    cell: int
    description: str | None  # from the chart's specification
    label: str | None  # the aria-label the browser exposes for the chart
    graphic: str | None  # "svg", "canvas" or None when nothing was drawn
    marks: int  # data marks drawn (SVG only)
    text: str  # the output's text (shows render errors)


@dataclass
class Download:
    """A download link in a cell's output, and what clicking it gave."""

    cell: int
    name: str
    problem: str | None = None  # None: a file came down (and, for a .zip, opens as one)


@dataclass
class NotebookReport:
    path: str
    errors: list[str] = field(default_factory=list)
    unexecuted: list[int] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tooltip: str | None = None
    blocked: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    vega_warnings: list[str] = field(default_factory=list)
    downloads: list[Download] = field(default_factory=list)

    def problems(self) -> list[str]:
        """Everything a student would see go wrong, one line each; empty when all is well."""
        found = [f"cell {error}" for error in self.errors]
        if self.unexecuted:
            found.append(f"code cells that never ran: {self.unexecuted}")
        for n, chart in enumerate(self.charts, start=1):
            where = f"chart {n} (cell {chart.cell})"
            if chart.graphic is None:
                shows = repr(chart.text.strip()[:200]) if chart.text.strip() else "nothing"
                found.append(f"{where} was not drawn; its output shows {shows}")
                continue
            if chart.graphic != "svg":
                found.append(f"{where} is drawn on a {chart.graphic}, which screen readers cannot "
                             "read mark by mark; use the course's renderer (SVG)")
            elif chart.marks == 0:
                found.append(f"{where} draws no marks (a wrong field name or empty data?)")
            if not chart.description:
                found.append(f"{where} has no description: add .properties(description=...), "
                             "its alt text")
            elif chart.label != chart.description:
                found.append(f"{where}: the browser labels it {chart.label!r}, "
                             f"not its description {chart.description!r}")
        if self.charts and not self.tooltip:
            found.append("no chart showed a tooltip when a mark was hovered")
        found += [f"tried to reach the internet: {url}" for url in self.blocked]
        found += [f"the page raised: {error}" for error in self.page_errors]
        found += [f"Vega says: {message}" for message in self.vega_warnings]
        found += [f"cell {link.cell}: the download link {link.name!r} {link.problem}"
                  for link in self.downloads if link.problem]
        return found


# Opens a notebook, waits for its kernel, runs all cells like Run > Run All Cells.
_RUN_ALL = """
async ([path, timeout]) => {
  const app = window.jupyterapp;
  const panel = await app.commands.execute('docmanager:open', {path, factory: 'Notebook'});
  await panel.context.ready;
  await panel.sessionContext.ready;
  // Only this notebook in the main area (JupyterLab opens a Launcher when it empties).
  for (const widget of [...app.shell.widgets('main')]) if (widget !== panel) widget.dispose();
  app.shell.activateById(panel.id);
  const started = Date.now();
  while (panel.sessionContext.session?.kernel?.status !== 'idle') {
    if (Date.now() - started > 60000) throw new Error('the kernel did not start');
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  // Returns when the last cell has run, or at the time limit (the report shows what did not run).
  await Promise.race([app.commands.execute('notebook:run-all-cells'),
                      new Promise(resolve => setTimeout(resolve, timeout))]);
  return panel.id;
}
"""

_KERNEL_IDLE = """
(id) => {
  const panel = window.jupyterapp.shell.widgets('main').find(w => w.id === id);
  return panel.sessionContext.session?.kernel?.status === 'idle';
}
"""

# What an error looks like in an output's text: a traceback, a Python exception's name, or the
# messages of a link to a file that is not there (IPython's FileLink, the operating system).
ERROR_TEXT = (r"Traceback \(most recent call last\)|Javascript Error|\b[A-Z]\w*(Error|Exception)\b"
              r"|doesn't exist|does not exist|No such file or directory")

_CHARTS_JS = """
(id) => {
  const ERROR_TEXT = new RegExp(String.raw`""" + ERROR_TEXT + """`);
  const panel = window.jupyterapp.shell.widgets('main').find(w => w.id === id);
  const isChartType = type => /^application\\/vnd\\.vega(lite)?\\.v\\d/.test(type);
  const report = {errors: [], unexecuted: [], charts: []};
  panel.content.widgets.forEach((cell, index) => {
    if (cell.model.type !== 'code') return;
    if (!cell.model.executionCount) report.unexecuted.push(index);
    const children = cell.outputArea.node.querySelectorAll(':scope > .jp-OutputArea-child');
    cell.model.outputs.toJSON().forEach((output, n) => {
      const node = children[n];
      if (output.output_type === 'error') {
        report.errors.push(`${index}: ${output.ename}: ${output.evalue}`);
        return;
      }
      const data = output.data || {};
      const types = Object.keys(data);
      const chartType = types.find(isChartType);
      const html = data['text/html'];
      const isChart = chartType || (html && String(html).includes('vegaEmbed'));
      // textContent, not innerText: innerText is empty in cells scrolled out of view.
      const visible = node ? node.cloneNode(true) : null;
      visible?.querySelectorAll('style, script').forEach(hidden => hidden.remove());
      const text = visible ? visible.textContent.replace(/\\s+/g, ' ') : '';
      if (!isChart) {
        // An error message a student would read, in text or HTML output (not only tracebacks).
        const error = text.match(ERROR_TEXT);
        if (error) {
          const start = Math.max(0, error.index - 80);
          report.errors.push(`${index}: shows "${text.slice(start, error.index + 120).trim()}"`);
        }
        return;
      }
      const spec = chartType ? data[chartType] : null;
      const svg = node && node.querySelector('svg.marks');
      const canvas = node && node.querySelector('canvas.marks');
      const labelled = node && node.querySelector('[role="graphics-document"]');
      node && node.setAttribute('data-summitlab-chart', String(report.charts.length));
      report.charts.push({
        cell: index,
        description: spec && spec.description ? spec.description : null,
        label: labelled ? labelled.getAttribute('aria-label') : null,
        graphic: svg ? 'svg' : (canvas ? 'canvas' : null),
        marks: svg ? svg.querySelectorAll('.role-mark > *').length : 0,
        text: text,
      });
    });
  });
  return report;
}
"""

_ALL_DRAWN = """
(id) => {
  const panel = window.jupyterapp.shell.widgets('main').find(w => w.id === id);
  const outputs = [...panel.content.node.querySelectorAll('.jp-OutputArea-output')];
  const pending = outputs.filter(o => o.classList.contains('jp-RenderedVegaCommon5')
      || o.querySelector('.vega-embed, [id^="altair-viz"]'));
  return pending.every(o => o.querySelector('svg.marks, canvas.marks')
                            || o.textContent.includes('Error'));
}
"""

_TOOLTIP_SHOWN = """
() => {
  const tip = document.getElementById('vg-tooltip-element');
  const text = tip && tip.classList.contains('visible') ? tip.innerText.trim() : '';
  return text || null;
}
"""

_CLOSE = """
async (id) => {
  const panel = window.jupyterapp.shell.widgets('main').find(w => w.id === id);
  await panel.sessionContext.shutdown();
  panel.dispose();
}
"""


def _is_vega_warning(message: str) -> bool:
    # Vega and Vega-Lite log their warnings as "WARN ..." and errors as "ERROR ...".
    text = message.split(": ", 1)[-1]
    return text.startswith(("WARN ", "ERROR "))


def inspect_notebook(browser: Browser, path: str, screenshot: Path | None = None,
                     draw_timeout: float = 20.0, run_timeout: float = 300.0) -> NotebookReport:
    """Open `path` (relative to the server's root), run all its cells and report what shows.

    Hovers the marks of each chart in turn until a tooltip appears; saves a screenshot of that
    chart with its tooltip (or of the first chart, or of the notebook's end). Closes the notebook
    and shuts its kernel down whatever happens.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = browser.page
    browser.blocked.clear()
    browser.console.clear()
    browser.page_errors.clear()
    panel_id = page.evaluate(_RUN_ALL, [path, run_timeout * 1000])
    try:
        try:
            page.wait_for_function(_KERNEL_IDLE, arg=panel_id, timeout=run_timeout * 1000)
            page.wait_for_function(_ALL_DRAWN, arg=panel_id, timeout=draw_timeout * 1000)
        except PlaywrightTimeout:
            pass  # the report below says what is missing
        raw = page.evaluate(_CHARTS_JS, panel_id)
        report = NotebookReport(path=path, errors=raw["errors"], unexecuted=raw["unexecuted"],
                                charts=[Chart(**chart) for chart in raw["charts"]])
        report.tooltip = _hover_until_tooltip(page, panel_id, len(report.charts))
        if screenshot is not None:
            if report.charts and not report.tooltip:
                page.evaluate(_MARK_CENTRE, [panel_id, 0, -1])
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot))
        page.mouse.move(0, 0)
        report.blocked = list(browser.blocked)
        report.page_errors = list(browser.page_errors)
        report.vega_warnings = list(dict.fromkeys(
            message for message in browser.console if _is_vega_warning(message)))
        report.downloads = _click_download_links(page, panel_id)
        return report
    finally:
        page.evaluate(_CLOSE, panel_id)


MARKS_TRIED_PER_CHART = 6

# Scrolls chart n of a notebook into view and returns the centre of its k-th visible mark
# (k = -1: only scroll), or null when there is no such mark.
_MARK_CENTRE = """
async ([id, n, k]) => {
  const frame = () => new Promise(resolve => requestAnimationFrame(() => resolve()));
  const chart = document.getElementById(id).querySelector(`[data-summitlab-chart="${n}"]`);
  if (!chart) return null;
  chart.scrollIntoView({block: 'center'});
  await frame(); await frame();
  if (k < 0) return null;
  const marks = [...chart.querySelectorAll('svg.marks .role-mark > *')].filter(mark => {
    const box = mark.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  });
  const mark = marks[k];
  if (!mark) return null;
  mark.scrollIntoView({block: 'nearest', inline: 'nearest'});
  await frame(); await frame();
  const box = mark.getBoundingClientRect();
  return {x: box.x + box.width / 2, y: box.y + box.height / 2};
}
"""


def _hover_until_tooltip(page, panel_id: str, n_charts: int) -> str | None:
    """Move the mouse onto marks, chart by chart, until a tooltip shows; return its text."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    viewport = page.viewport_size
    for n in range(n_charts):
        for k in range(MARKS_TRIED_PER_CHART):
            point = page.evaluate(_MARK_CENTRE, [panel_id, n, k])
            if point is None:
                break
            if not (0 <= point["x"] < viewport["width"] and 0 <= point["y"] < viewport["height"]):
                continue
            page.mouse.move(0, 0)
            page.mouse.move(point["x"], point["y"])
            try:
                page.wait_for_function(_TOOLTIP_SHOWN, timeout=1500)
            except PlaywrightTimeout:
                continue
            return page.evaluate(_TOOLTIP_SHOWN)
    return None


# Marks every link with a `download` attribute in the notebook's outputs, and lists them.
_DOWNLOAD_LINKS = """
(id) => {
  const panel = window.jupyterapp.shell.widgets('main').find(w => w.id === id);
  const links = [];
  panel.content.widgets.forEach((cell, index) => {
    if (cell.model.type !== 'code') return;
    cell.outputArea.node.querySelectorAll('a[download]').forEach(link => {
      if (link.closest('.vega-embed')) return;  // a chart's own menu (save as SVG or PNG)
      link.setAttribute('data-summitlab-link', `${id}-${links.length}`);
      links.push({cell: index, name: link.getAttribute('download') || link.textContent.trim()});
    });
  });
  return links;
}
"""


def _click_download_links(page, panel_id: str, timeout: float = 15.0) -> list[Download]:
    """Click each download link in the outputs, as a student does, and check what comes down."""
    import zipfile

    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    found = []
    for n, link in enumerate(page.evaluate(_DOWNLOAD_LINKS, panel_id)):
        download = Download(cell=link["cell"], name=link["name"])
        anchor = page.locator(f'[data-summitlab-link="{panel_id}-{n}"]')
        try:
            with page.expect_download(timeout=timeout * 1000) as started:
                anchor.scroll_into_view_if_needed(timeout=timeout * 1000)
                anchor.click(timeout=timeout * 1000)
            failure = started.value.failure()
            if failure:
                download.problem = f"failed to download: {failure}"
            else:
                path = Path(started.value.path())
                if path.stat().st_size == 0:
                    download.problem = "downloaded an empty file"
                elif download.name.endswith(".zip") and not zipfile.is_zipfile(path):
                    download.problem = "downloaded something that is not a zip file"
        except (PlaywrightTimeout, PlaywrightError) as error:
            download.problem = f"downloaded nothing when clicked ({str(error).splitlines()[0]})"
        found.append(download)
    return found
