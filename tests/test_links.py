"""Every relative link in the course's Markdown files and notebooks resolves (LinkChecker,
offline: tests/link_check.py). The student release is checked in tests/test_release.py."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import link_check

ROOT = Path(__file__).resolve().parent.parent


def course_files() -> list[str]:
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "--cached", "--others", "--exclude-standard"],
                            capture_output=True, text=True, check=True).stdout.splitlines()
    return [name for name in listed if (ROOT / name).is_file()]


def test_every_relative_link_in_the_course_resolves():
    names = course_files()
    assert "README.md" in names and "exercises/solutions/00-start-here-solutions.ipynb" in names
    assert link_check.broken_links(ROOT, names) == []


def test_the_checker_finds_broken_links_in_markdown_and_notebooks(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "ok.md").write_text("# fine\n")
    (tmp_path / "README.md").write_text("[fine](docs/ok.md) [gone](docs/gone.md) "
                                        "[web](https://example.org/never-fetched) ![img](docs/no.png)\n")
    notebook = {"cells": [{"cell_type": "markdown", "source": ["[up](../README.md) [lost](../nothing.ipynb)"],
                           "metadata": {}}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "docs" / "n.ipynb").write_text(json.dumps(notebook))
    found = link_check.broken_links(tmp_path, ["README.md", "docs/ok.md", "docs/n.ipynb"])
    assert sorted(line.split(" (")[0] for line in found) == [
        "README.md: docs/gone.md", "README.md: docs/no.png", "docs/n.ipynb: ../nothing.ipynb"]
