"""Build the student release of the course: everything students need, no model answers.

    python tools/release.py OUT_DIR --repo https://HOST/OWNER/STUDENT-REPO          # a folder
    python tools/release.py OUT_DIR --repo https://HOST/OWNER/STUDENT-REPO --git    # a repository

``--repo`` (and ``--branch``, ``--tag``) is the address the release will be published at: its
``course.toml`` says so, and tools/configure.py points every link in it (Binder badge, Colab
cells) there, never at the full course. With ``--git`` the folder becomes a fresh repository
with two commits: the release itself, then one that records the release's commit id in
``course.toml`` and the Colab cells (a commit cannot hold its own id), tagged with ``--tag``;
the Colab cell fetches exactly that first commit. Push the branch and the tag as they are.

The student README, lesson 00 and help pages mention nothing the release lacks: text between
``<!-- course-only -->`` and ``<!-- /course-only -->`` is left out, and
``<!-- release-only: TEXT -->`` becomes TEXT.

The release holds the course's tracked files (``git ls-files``) except what is for instructors:
``exercises/solutions/`` (the solved notebooks), ``exercises/source/`` (the exercise sources, whose
``### BEGIN SOLUTION`` blocks are the model answers), ``instructors/`` (lesson plans, rubrics,
assessment banks, the grading guide), the grader and this tool, and the tests and benchmarks that
read the solutions. Students get the lesson notebooks, the exercise notebooks with ``...`` to fill
in, ``summitlab`` and ``data/``.

Publish the folder as its own repository (``--git``), not as a branch of this one: a branch
carries this repository's history, and the history holds every solution.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Path prefixes (relative to the repository) that stay with the instructors.
EXCLUDED = (
    "exercises/solutions/",
    "exercises/source/",
    "instructors/",
    "tests/",
    "bench/",
    ".ci/",
    "tools/grade.py",
    "grading/",
    "tools/bench_grading.py",
    "tools/benchmark.py",
    "tools/release.py",
    "tools/class_summary.py",
    # For the course's maintainers and instructors, not for students.
    ".github/",
    "deploy/",
    "site/",
    "CHANGELOG.md",
    "CONTRIBUTING.md",
    "docs/jupyterlite.md",
    "requirements-test.txt",
    "requirements-hub.txt",
    "requirements-site.txt",
    "tools/build_site.py",
    # The slides are built from the site's JavaScript (site/) and the site's kernel settings.
    "tools/build_slides.py",
    "tools/build_cli.py",
    "tools/hub_loadtest.py",
    "tools/build_missile_launches.py",
    "tools/export_quizzes.py",
    "tools/bench_problemsets.py",
)
COURSE_ONLY = re.compile(r"<!-- course-only -->.*?<!-- /course-only -->\n?", re.DOTALL)
RELEASE_ONLY = re.compile(r"<!-- release-only: (.*?)-->", re.DOTALL)  # spaces before --> are kept


def for_students(text: str) -> str:
    """Markdown with the course-only passages left out and the release-only ones shown."""
    return RELEASE_ONLY.sub(r"\1", COURSE_ONLY.sub("", text))


def _notebook_for_students(text: str) -> str:
    import nbformat

    notebook = nbformat.reads(text, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = for_students(cell.source)
    if "pristine_sources" in notebook.metadata.get("summitlab", {}):
        from summitlab.bundle import sources_digest  # the fingerprint covers every cell's source

        notebook.metadata["summitlab"]["pristine_sources"] = sources_digest(notebook)
    return nbformat.writes(notebook) + "\n"


def release_files(root: Path = ROOT) -> list[str]:
    """The repository's tracked files that a student release keeps, as relative paths."""
    listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z"], capture_output=True, check=True).stdout
    names = [name for name in listed.decode("utf-8").split("\0") if name]
    return sorted(name for name in names if not name.startswith(EXCLUDED) and (root / name).is_file())


def build(out: Path, *, repo: str, branch: str = "main", tag: str = "", git: bool = False,
          root: Path = ROOT) -> list[str]:
    """Copy the release into ``out`` (which must not exist or be empty), pointed at `repo`;
    return the files copied."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out} is not empty: choose a new folder for the release")
    files = release_files(root)
    for name in files:
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        source = root / name
        if name.endswith(".md"):
            target.write_text(for_students(source.read_text(encoding="utf-8")), encoding="utf-8")
        elif name.endswith(".ipynb"):
            target.write_text(_notebook_for_students(source.read_text(encoding="utf-8")), encoding="utf-8")
        else:
            shutil.copy2(source, target)
    configure = [sys.executable, str(out / "tools" / "configure.py"), "--repo", repo, "--branch", branch,
                 "--release-tag", tag, "--release-commit", ""]
    subprocess.run(configure, check=True, capture_output=True)
    if git:
        run = lambda *args: subprocess.run(["git", "-C", str(out), *args], check=True, capture_output=True,  # noqa: E731
                                           text=True)
        who = ("-c", "user.name=Summit Lab release", "-c", "user.email=release@invalid")
        run("init", "--quiet", "--initial-branch", branch)
        run("add", "--all")
        run(*who, "commit", "--quiet", "-m", f"Summit Lab student release {tag}".rstrip())
        commit = run("rev-parse", "HEAD").stdout.strip()
        subprocess.run(configure[:-1] + [commit], check=True, capture_output=True)
        run("add", "--all")
        run(*who, "commit", "--quiet", "-m", f"Record the release's commit {commit} for Colab")
        if tag:
            run(*who, "tag", "-a", tag, "-m", f"Summit Lab student release {tag} (content: {commit})")
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="new folder for the release")
    parser.add_argument("--repo", required=True,
                        help="where the release will be published, e.g. https://github.com/OWNER/NAME-student")
    parser.add_argument("--branch", default="main", help="its branch (default: main)")
    parser.add_argument("--tag", default="", help="the release's tag, e.g. v2027.1")
    parser.add_argument("--git", action="store_true", help="make the folder a fresh git repository")
    args = parser.parse_args(argv)
    files = build(Path(args.out), repo=args.repo, branch=args.branch, tag=args.tag, git=args.git)
    print(f"wrote {len(files)} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
