"""Build the student release of the course: everything students need, no model answers.

    python tools/release.py OUT_DIR            # a folder to publish
    python tools/release.py OUT_DIR --git      # ... and make it a fresh git repository (one commit)

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
    "tools/export_quizzes.py",
    "tools/bench_problemsets.py",
)


def release_files(root: Path = ROOT) -> list[str]:
    """The repository's tracked files that a student release keeps, as relative paths."""
    listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z"], capture_output=True, check=True).stdout
    names = [name for name in listed.decode("utf-8").split("\0") if name]
    return sorted(name for name in names if not name.startswith(EXCLUDED) and (root / name).is_file())


def build(out: Path, *, git: bool = False, root: Path = ROOT) -> list[str]:
    """Copy the release into ``out`` (which must not exist or be empty); return the files copied."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out} is not empty: choose a new folder for the release")
    files = release_files(root)
    for name in files:
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target)
    if git:
        run = lambda *args: subprocess.run(["git", "-C", str(out), *args], check=True, capture_output=True)  # noqa: E731
        run("init", "--quiet")
        run("add", "--all")
        run("-c", "user.name=Summit Lab release", "-c", "user.email=release@invalid", "commit", "--quiet",
            "-m", "Summit Lab student release")
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="new folder for the release")
    parser.add_argument("--git", action="store_true", help="make the folder a fresh git repository")
    args = parser.parse_args(argv)
    files = build(Path(args.out), git=args.git)
    print(f"wrote {len(files)} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
