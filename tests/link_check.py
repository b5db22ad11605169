"""Relative links that do not resolve, found by LinkChecker (a well-kept link checker).

LinkChecker reads Markdown files with its MarkdownCheck plugin; a notebook's Markdown cells are
handed to it as a Markdown file beside the notebook (``NAME.ipynb.md``), so their relative links
resolve from the same folder. Every ``http(s)`` and ``mailto`` link is ignored: the check never
touches the network. Links written as raw HTML (``<a href>``) are not read.

LinkChecker drops root privileges to ``nobody`` when run as root, so the files are staged in a
world-readable temporary folder, removed afterwards.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CONFIG = """\
[checking]
recursionlevel=1
threads=4
[filtering]
ignore=
  ^https?:
  ^mailto:
[MarkdownCheck]
filename_re=.*\\.md$
"""


def _markdown_of(notebook: Path) -> str:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")


def broken_links(root: Path, names: list[str]) -> list[str]:
    """Each unresolved link in the Markdown files and notebooks among `names` (relative to
    `root`), as "file: link (reason)"; every file in `names` is a possible target."""
    with tempfile.TemporaryDirectory(prefix="summitlab-links-") as tmp:
        stage = Path(tmp)
        os.chmod(stage, 0o755)
        starts = []
        for name in names:
            target = stage / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / name, target)
            if name.endswith(".md"):
                starts.append(target)
            elif name.endswith(".ipynb"):
                page = target.with_name(target.name + ".md")
                page.write_text(_markdown_of(root / name), encoding="utf-8")
                starts.append(page)
        for folder, _, files in os.walk(stage):
            os.chmod(folder, 0o755)
            for file in files:
                os.chmod(Path(folder) / file, 0o644)
        (stage / ".linkcheckerrc").write_text(CONFIG, encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "linkcheck", "-f", str(stage / ".linkcheckerrc"),
                               "--no-status", "--no-warnings", "-o", "csv", *map(str, starts)],
                              capture_output=True, text=True, timeout=300,
                              env={**os.environ, "HOME": str(stage)})
        rows = csv.DictReader(io.StringIO("\n".join(line for line in done.stdout.splitlines()
                                                    if not line.startswith("#"))), delimiter=";")
        broken = []
        for row in rows:
            if row["valid"] != "True":
                parent = row["parentname"].removeprefix(stage.as_uri() + "/").removesuffix(".ipynb.md")
                parent = parent + ".ipynb" if row["parentname"].endswith(".ipynb.md") else parent
                broken.append(f"{parent or '?'}: {row['urlname']} ({row['result']})")
        if done.returncode not in (0, 1) or (done.returncode == 1 and not broken):
            raise RuntimeError(f"LinkChecker failed ({done.returncode}):\n{done.stderr[-2000:]}")
        return broken
