"""tools/release.py builds a student release that runs and holds no model answer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import release  # noqa: E402


def solution_lines() -> set[str]:
    """Every substantial line of the model answers, read from the exercise sources.

    Lines that a lesson also shows as a worked example are public anyway and are left out, and
    so are the parts of a model answer that a guided exercise's skeleton (its ``# STUDENT:``
    lines) shows the student on purpose, and lines the course's own package holds (it ships
    with the release, so a line that a model answer shares with it is public too).
    """
    lessons = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "notebooks" / "source").glob("*.py"))
    lessons += "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "summitlab").rglob("*.py")
                         if "exercises" not in p.parts)
    sources = sorted((ROOT / "exercises" / "source").glob("*.py"))
    skeletons = "\n".join(line.split("# STUDENT:", 1)[1] for source in sources
                          for line in source.read_text(encoding="utf-8").splitlines() if "# STUDENT:" in line)
    lines, inside = set(), False
    for source in sources:
        for line in source.read_text(encoding="utf-8").splitlines():
            marker = line.strip().lstrip("# ").strip()
            if marker in ("### BEGIN SOLUTION", "<!-- BEGIN SOLUTION -->") or line.strip() == "### BEGIN SOLUTION":
                inside = True
            elif marker in ("### END SOLUTION", "<!-- END SOLUTION -->") or line.strip() == "### END SOLUTION":
                inside = False
            elif inside:
                text = line.strip().lstrip("#").strip()
                if len(text) >= 25 and text not in lessons and text not in skeletons:  # short lines give nothing away
                    lines.add(text)
    return lines


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("release") / "summit-lab"
    files = release.build(out, git=True)
    return out, files


def test_the_release_keeps_the_course_and_drops_instructor_material(built):
    out, files = built
    assert (out / "exercises" / "01-crisis-to-summit.ipynb").exists()
    assert (out / "summitlab" / "checks.py").exists() and (out / "data" / "datapackage.json").exists()
    assert not any(name.startswith(release.EXCLUDED) for name in files)
    for gone in ("exercises/solutions", "exercises/source", "instructors"):
        assert not (out / gone).exists()
    log = subprocess.run(["git", "-C", str(out), "log", "--oneline"], capture_output=True, text=True).stdout
    assert len(log.splitlines()) == 1  # fresh history: the course's history holds the solutions


def test_no_model_answer_is_in_the_release(built):
    out, files = built
    answers = solution_lines()
    assert len(answers) > 50  # the sources do hold model answers: the search below is not empty
    leaks = []
    for name in files:
        try:
            text = (out / name).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if name.endswith(".ipynb"):  # search the cells' text, not its JSON escaping
            text = "\n".join("".join(c["source"]) for c in json.loads(text)["cells"])
        for line in answers:
            if line in text:
                leaks.append(f"{name}: {line}")
    assert leaks == []


def test_the_release_student_notebook_passes_nbval_with_not_yet(built):
    out, _ = built
    notebook = out / "exercises" / "00-start-here.ipynb"
    tags = [c.get("metadata", {}).get("tags", []) for c in json.loads(notebook.read_text())["cells"]]
    assert sum("nbval-check-output" in t for t in tags) >= 3  # nbval compares the "not yet" outputs
    env = {**os.environ, "PYTHONPATH": str(out), "SUMMITLAB_DATA": str(out / "data"),
           "SUMMITLAB_PROGRESS_FILE": "off"}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "exercises/00-start-here.ipynb"], cwd=out, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "passed" in done.stdout
