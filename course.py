"""Summit Lab: set up and run the course, its tests or its website, on Linux, macOS or Windows.

    python course.py lab     install (first time) and open the course in JupyterLab
    python course.py test    install (first time) and run the whole test suite [pytest options]
    python course.py site    install (first time) and build the website [--solutions]

Needs only Python 3.11 or newer (on Windows ``py course.py lab`` works too). The first run
creates a virtual environment in ``.venv/`` (``SUMMITLAB_VENV`` names another folder) and
installs the pinned requirements and the course's helper package into it; later runs install
again only when a requirements file or ``pyproject.toml`` has changed. JupyterLab serves the
course's root folder, so every lesson, exercise, doc and data file is one click away, and
opens lesson 00. Options after ``lab`` go to JupyterLab (e.g. ``--no-browser --port=8889``).

Standard library only: this file runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
START = "notebooks/00-start-here.ipynb"
REQUIREMENTS = {"lab": "requirements.txt", "test": "requirements-test.txt", "site": "requirements-site.txt"}
NEEDS_JS = ("test", "site")  # the site's pinned JavaScript (site/package-lock.json)
STAMP = "summitlab-installed.txt"
MINIMUM_PYTHON = (3, 11)
USAGE = "usage: python course.py lab [JupyterLab options] | test [pytest options] | site [--solutions]"


def venv_dir(root: Path = ROOT, environ: dict | None = None) -> Path:
    """The course's virtual environment: ``.venv`` in the course, or ``SUMMITLAB_VENV``."""
    environ = os.environ if environ is None else environ
    return Path(environ.get("SUMMITLAB_VENV") or root / ".venv")


def venv_python(venv: Path, os_name: str | None = None) -> Path:
    """Where a virtual environment keeps its Python: ``Scripts\\python.exe`` on Windows."""
    if (os_name or os.name) == "nt":
        return venv / "Scripts" / "python.exe"
    return venv / "bin" / "python"


def too_old(version: tuple = tuple(sys.version_info[:2])) -> str | None:
    """Why this Python cannot run the course, or None."""
    if tuple(version[:2]) >= MINIMUM_PYTHON:
        return None
    wanted = ".".join(map(str, MINIMUM_PYTHON))
    return (f"Summit Lab needs Python {wanted} or newer; this is {version[0]}.{version[1]}. "
            f"Run this file with a newer Python (Windows: py -{wanted} course.py lab; "
            f"macOS/Linux: python{wanted} course.py lab).")


def install_fingerprint(requirements: str, root: Path = ROOT) -> str:
    """A digest of everything an install reads: the requirements files and pyproject.toml."""
    digest = hashlib.sha256(requirements.encode())
    for path in sorted(root.glob("requirements*.txt")) + [root / "pyproject.toml"]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def install_commands(python: Path, requirements: str, root: Path = ROOT) -> list[list[str]]:
    """The commands that install the pins, the course's package and its JupyterLab settings."""
    return [
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-r", str(root / requirements), "-e", str(root)],
        [str(python), str(root / "tools" / "install_lab_settings.py")],
    ]


def lab_command(python: Path, root: Path = ROOT, extra: list[str] | tuple = ()) -> list[str]:
    """JupyterLab serving the course's root, with lesson 00 open."""
    return [str(python), "-m", "jupyterlab", f"--ServerApp.root_dir={root}", *extra, START]


def npm_command(which=shutil.which) -> str | None:
    """npm's executable (``npm.cmd`` on Windows, which ``shutil.which`` finds by PATHEXT)."""
    return which("npm")


def run(command: list[str], cwd: Path = ROOT) -> None:
    done = subprocess.run(command, cwd=cwd)
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(command)}")


def setup(task: str, root: Path = ROOT) -> Path:
    """Create the virtual environment if needed, install what `task` needs; return its Python."""
    venv = venv_dir(root)
    python = venv_python(venv)
    if not python.exists():
        print(f"Creating the virtual environment {venv} ...", flush=True)
        run([sys.executable, "-m", "venv", str(venv)], cwd=root)
    requirements = REQUIREMENTS[task]
    stamp = venv / STAMP
    fingerprint = install_fingerprint(requirements, root)
    installed = stamp.read_text(encoding="utf-8").split() if stamp.exists() else []
    if fingerprint not in installed:
        print(f"Installing {requirements} and the course's package (first run) ...", flush=True)
        for command in install_commands(python, requirements, root):
            run(command, cwd=root)
        stamp.write_text("\n".join([*installed, fingerprint]) + "\n", encoding="utf-8")
    return python


def setup_js(root: Path = ROOT) -> None:
    """The site's JavaScript and the accessibility checker, exactly as site/package-lock.json pins."""
    lock, marker = root / "site" / "package-lock.json", root / "site" / "node_modules" / ".summitlab-installed"
    if marker.exists() and marker.read_bytes() == lock.read_bytes():
        return
    npm = npm_command()
    if npm is None:
        raise SystemExit("Node.js and npm are needed for the website and its tests: https://nodejs.org/")
    run([npm, "ci", "--prefix", "site", "--no-audit", "--no-fund", "--loglevel=error"], cwd=root)
    shutil.copyfile(lock, marker)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    problem = too_old()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if not argv or argv[0] not in REQUIREMENTS:
        print(USAGE, file=sys.stderr)
        return 2
    task, rest = argv[0], argv[1:]
    if not (ROOT / REQUIREMENTS[task]).exists():  # e.g. a student release has no test suite
        print(f"`python course.py {task}` is not part of this copy of the course "
              f"({REQUIREMENTS[task]} is missing).", file=sys.stderr)
        return 2
    python = setup(task)
    if task in NEEDS_JS:
        setup_js()
    if task == "lab":
        command = lab_command(python, ROOT, rest)
        if os.name == "posix":
            # JupyterLab takes the launcher's place: a signal that stops `course.py lab` reaches
            # JupyterLab itself, which shuts down, instead of leaving it running without its parent.
            sys.stdout.flush()
            sys.stderr.flush()
            os.chdir(ROOT)
            os.execv(command[0], command)
    elif task == "test":
        command = [str(python), "-m", "pytest", *rest]
    else:
        command = [str(python), str(ROOT / "tools" / "build_site.py"), *rest]
    try:
        return subprocess.run(command, cwd=ROOT).returncode
    except KeyboardInterrupt:  # Ctrl+C stops JupyterLab; it has already shut itself down
        return 0


if __name__ == "__main__":
    sys.exit(main())
