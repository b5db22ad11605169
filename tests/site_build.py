"""The course website, built once per test session and served on 127.0.0.1 (for test_site.py
and test_a11y.py).

The build goes to a temporary folder (never build/ in the repository), with the model answers
included, so that the tests see every chart that the lessons and the solutions draw. Building
takes two to four minutes on two cores: the lessons and solutions are executed.
"""

from __future__ import annotations

import atexit
import functools
import http.server
import json
import re
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import build_site  # noqa: E402

NODE_MODULES = build_site.NODE_MODULES
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
NPM_HINT = "the site's JavaScript is missing: run `npm ci --prefix site` (python course.py test does)"
_SPEC = re.compile(
    r'<script type="application/json" class="summitlab-chart-spec">(.*?)</script>', re.DOTALL)


def missing_requirements() -> str | None:
    if not AXE.exists() or not (NODE_MODULES / "vega-embed").exists():
        return NPM_HINT
    if shutil.which("jupyter-book", path=str(Path(sys.executable).parent)) is None:
        return "jupyter-book is not installed: `.venv/bin/pip install -r requirements-test.txt`"
    return None


@dataclass
class Site:
    html: Path
    seconds: float  # how long the build took

    def pages(self) -> list[str]:
        """Every page of the site, as a path relative to its root."""
        skip = {"genindex.html", "search.html"}
        return sorted(
            path.relative_to(self.html).as_posix() for path in self.html.rglob("*.html")
            if not path.relative_to(self.html).parts[0].startswith("_") and path.name not in skip
            and path.relative_to(self.html).parts[0] != "slides"  # decks: test_slides.py
        )

    def chart_specs(self) -> dict[str, list[dict]]:
        """The chart specifications on each page (what the site renderer wrote)."""
        found = {}
        for page in self.pages():
            text = (self.html / page).read_text(encoding="utf-8")
            specs = [json.loads(match.replace("<\\/", "</")) for match in _SPEC.findall(text)]
            if specs:
                found[page] = specs
        return found


@functools.cache
def built_site() -> Site:
    """Build the site (once per session) into a temporary folder removed at exit."""
    out = Path(tempfile.mkdtemp(prefix="summitlab-site-"))
    atexit.register(shutil.rmtree, out, ignore_errors=True)
    started = time.monotonic()
    html = build_site.build(out, solutions=True)
    return Site(html=html, seconds=time.monotonic() - started)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class SiteServer:
    """A static file server for the built site on 127.0.0.1; a context manager."""

    def __init__(self, root: Path):
        handler = functools.partial(_QuietHandler, directory=str(root))
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> "SiteServer":
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
