"""tools/release.py builds a student release that runs and holds no model answer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import link_check

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import course_config  # noqa: E402
import release  # noqa: E402

STUDENT_REPO = "https://git.example.edu/class-2027/nk-course"
TAG = "v2027.1"


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
    out = tmp_path_factory.mktemp("release") / "nk-course"
    files = release.build(out, repo=STUDENT_REPO, tag=TAG, git=True)
    return out, files


def _git(out: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(out), *args], capture_output=True, text=True, check=True).stdout.strip()


def test_the_release_keeps_the_course_and_drops_instructor_material(built):
    out, files = built
    assert (out / "exercises" / "01-crisis-to-summit.ipynb").exists()
    assert (out / "summitlab" / "checks.py").exists() and (out / "data" / "datapackage.json").exists()
    assert not any(name.startswith(release.EXCLUDED) for name in files)
    for gone in ("exercises/solutions", "exercises/source", "instructors"):
        assert not (out / gone).exists()
    log = _git(out, "log", "--format=%s")
    # Fresh history (the course's history holds the solutions): the release, then its record.
    assert log.splitlines() == [f"Record the release's commit {_git(out, 'rev-parse', 'HEAD~1')} for Colab",
                                f"Summit Lab student release {TAG}"]


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


def test_the_release_points_at_its_own_address_and_records_its_commit(built):
    out, files = built
    course = course_config.load(out)
    content = _git(out, "rev-parse", "HEAD~1")
    assert (course.repository, course.tag, course.commit) == (STUDENT_REPO, TAG, content)
    assert _git(out, "rev-parse", f"{TAG}^{{commit}}") == _git(out, "rev-parse", "HEAD")
    assert _git(out, "status", "--porcelain") == ""
    # Only the record changed after the release commit: course.toml and the Colab cells.
    changed = _git(out, "diff", "--name-only", "HEAD~1", "HEAD").splitlines()
    assert "course.toml" in changed and all(n == "course.toml" or n.endswith(".ipynb") for n in changed)
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert course.binder() in readme and course.nbgitpuller() in readme
    assert "The website" not in readme  # the release has no site builder or Pages workflow
    for name in ("notebooks/03-policy-process.ipynb", "exercises/03-policy-process.ipynb"):
        cell = next(c for c in json.loads((out / name).read_text())["cells"] if c["id"] == "colab-setup")
        assert f'"{STUDENT_REPO}", "{TAG}", "{content}"' in "".join(cell["source"]), name
    # The full course's address is nowhere in the release.
    full = course_config.load(ROOT)
    for name in files:
        text = (out / name).read_bytes().decode("utf-8", errors="replace")
        assert full.path not in text and full.repository not in text, name


def test_student_pages_mention_nothing_the_release_lacks(built):
    out, _ = built
    pages = [out / "README.md", out / "notebooks" / "00-start-here.ipynb", *sorted((out / "docs").glob("*.md"))]
    gone = list(release.EXCLUDED)  # folders with their slash: "tests/", not the word "tests"
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "course-only" not in text and "release-only" not in text, page.name
        assert [name for name in gone if name in text] == [], page.name
        assert "course.py test" not in text and "course.py site" not in text, page.name
    assert "Your instructor can give you the model answers" in (out / "README.md").read_text(encoding="utf-8")


def test_every_relative_link_in_the_release_resolves(built):
    out, files = built
    assert "README.md" in files and "notebooks/00-start-here.ipynb" in files
    assert link_check.broken_links(out, files) == []


def test_release_notebooks_are_the_courses_apart_from_the_colab_cell_and_student_wording(built):
    out, files = built
    notebooks = [name for name in files if name.endswith(".ipynb")]
    assert len(notebooks) >= 18
    for name in notebooks:
        ours, theirs = (json.loads(p.read_text(encoding="utf-8"))["cells"] for p in (ROOT / name, out / name))
        keep = lambda cells: ["".join(c["source"]) for c in cells  # noqa: E731
                              if c["id"] != "colab-setup" and c["cell_type"] == "code"]
        assert keep(ours) == keep(theirs), name  # the course's suite runs these with nbval
        markdown = lambda cells: [release.for_students("".join(c["source"])) for c in cells  # noqa: E731
                                  if c["cell_type"] == "markdown"]
        assert markdown(ours) == markdown(theirs), name


def test_the_release_lesson_00_passes_nbval(built):
    out, _ = built
    env = {**os.environ, "PYTHONPATH": str(out), "SUMMITLAB_DATA": str(out / "data"),
           "SUMMITLAB_PROGRESS_FILE": "off"}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "notebooks/00-start-here.ipynb"], cwd=out, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "passed" in done.stdout


def test_the_release_has_no_test_or_site_command(built):
    out, _ = built
    done = subprocess.run([sys.executable, str(out / "course.py"), "test"], capture_output=True, text=True)
    assert done.returncode == 2 and "not part of this copy" in done.stderr


def test_the_release_can_be_re_pointed_without_the_course_tools(built):
    """A fork of the release runs tools/configure.py with only the lab's packages (no jupytext)."""
    out, _ = built
    code = ("import runpy, sys; sys.modules['jupytext'] = None; "
            "sys.argv = ['configure.py', '--check']; runpy.run_path('tools/configure.py', run_name='__main__')")
    done = subprocess.run([sys.executable, "-c", code], cwd=out, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
