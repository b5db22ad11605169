"""A clean tree: running the notebooks or the tests leaves nothing for git to pick up, nor in /tmp.

The root conftest.py fails a test run that changes ``git status``; these tests run that hook on
small throw-away repositories (so it is shown to fail when it should), and ask git which of the
files that running the course creates .gitignore covers.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)


@pytest.fixture
def repo(tmp_path):
    """A committed repository with the course's conftest.py and .gitignore, and one data file."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copyfile(ROOT / "conftest.py", root / "conftest.py")
    shutil.copyfile(ROOT / ".gitignore", root / ".gitignore")
    (root / "tracked.txt").write_text("as committed\n")
    _git("init", "-q", cwd=root)
    _git("add", ".", cwd=root)
    _git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "start",
         cwd=root)
    return root


def _run_tests(root: Path, body: str) -> subprocess.CompletedProcess:
    (root / "test_it.py").write_text(f"from pathlib import Path\n\n\ndef test_it():\n    {body}\n")
    _git("add", "test_it.py", cwd=root)  # the test file itself is not a change made by the run
    # No bytecode files; none of the installed pytest plugins (nbval, hypothesis…): faster.
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "test_it.py"], cwd=root, env=env, capture_output=True, text=True,
                          timeout=120)


def test_a_run_that_changes_nothing_passes(repo):
    run = _run_tests(repo, "assert Path('tracked.txt').read_text() == 'as committed\\n'")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "work tree changed" not in run.stdout


def test_a_stray_file_fails_the_run_although_every_test_passed(repo):
    run = _run_tests(repo, "Path('stray-output.csv').write_text('x')")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "1 passed" in run.stdout and "work tree changed" in run.stdout
    assert "?? stray-output.csv" in run.stdout


def test_an_edited_tracked_file_fails_the_run(repo):
    run = _run_tests(repo, "Path('tracked.txt').write_text('overwritten by a test')")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "M tracked.txt" in run.stdout


def test_a_file_gitignore_covers_does_not_fail_the_run(repo):
    run = _run_tests(repo, "Path('exercises').mkdir(); "
                           "Path('exercises/summitlab-work-20260101-120000.zip').write_bytes(b'')")
    assert run.returncode == 0, run.stdout + run.stderr


# What running an exercise or solution notebook in place can leave behind.
MADE_BY_RUNNING = [
    "exercises/summitlab-work-20260131-170000.zip",
    "exercises/solutions/summitlab-work-20260131-170000.zip",
    "exercises/.summitlab-progress.json",
    "exercises/solutions/.summitlab-progress.json",
    "notebooks/.summitlab-progress.json",
    "exercises/.ipynb_checkpoints/01-crisis-to-summit-checkpoint.ipynb",
    "exercises/solutions/.ipynb_checkpoints/01-crisis-to-summit-solutions-checkpoint.ipynb",
    ".virtual_documents/exercises/01-crisis-to-summit.ipynb",
    "exercises/.~01-crisis-to-summit.ipynb",
    "summitlab/__pycache__/bundle.cpython-311.pyc",
]
# A student's own work, which git must keep showing.
STUDENT_WORK = [
    "exercises/01-crisis-to-summit-restored.ipynb",
    "exercises/01-crisis-to-summit-restored-2.ipynb",
    "exercises/Untitled.ipynb",
    "exercises/my-notes.md",
]


def _ignored(path: str) -> bool:
    run = subprocess.run(["git", "check-ignore", "--no-index", "-q", path], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode in (0, 1), run.stderr  # 128: not a repository, or a bad pattern
    return run.returncode == 0


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the course's git checkout")
@pytest.mark.parametrize("path", MADE_BY_RUNNING)
def test_gitignore_covers_what_running_the_notebooks_creates(path):
    assert _ignored(path)


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the course's git checkout")
@pytest.mark.parametrize("path", STUDENT_WORK)
def test_gitignore_keeps_student_work_visible(path):
    assert not _ignored(path)


def test_a_run_leaves_the_temporary_folder_as_it_was(repo, tmp_path):
    """Progress records, bundles and the tests' own tmp_path folders all go when the run ends."""
    (repo / "test_it.py").write_text(
        "import os\n\n\ndef test_it(tmp_path):\n"
        "    (tmp_path / 'scratch.txt').write_text('x')\n"
        "    assert os.environ['SUMMITLAB_PROGRESS_FILE']  # set by conftest.py, in the temp folder\n")
    _git("add", "test_it.py", cwd=repo)
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
           "TMPDIR": str(temp)}
    for name in ("SUMMITLAB_PROGRESS_FILE", "SUMMITLAB_BUNDLE_DIR"):
        env.pop(name, None)  # the outer run's settings would keep the inner run's out of `temp`
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "test_it.py"], cwd=repo, env=env, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert sorted(p.name for p in temp.iterdir()) == []
