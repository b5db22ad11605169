"""Test-session setup shared by the unit tests and the nbval notebook runs.

Running the tests must leave the work tree and the temporary folder as they were: kernels write
progress records and work bundles, and tests their ``tmp_path`` folders, to one temporary folder
that is removed when the run ends (pytest's own default keeps the last three runs' folders in
/tmp), and the run fails if ``git status`` changed during it.
"""

import atexit
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

# Notebook kernels inherit this environment: keep their progress records and bundles out of the repo.
_scratch_dir = Path(tempfile.mkdtemp(prefix="summitlab-progress-"))
atexit.register(shutil.rmtree, _scratch_dir, ignore_errors=True)  # leave /tmp as it was
os.environ.setdefault("SUMMITLAB_PROGRESS_FILE", str(_scratch_dir / "progress.json"))
os.environ.setdefault("SUMMITLAB_BUNDLE_DIR", str(_scratch_dir / "bundles"))


def _git_status(root: Path) -> str | None:
    """``git status --porcelain`` of the work tree holding ``root``, or None outside git."""
    try:
        run = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"],
                             cwd=root, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return run.stdout if run.returncode == 0 else None


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    """Tests' ``tmp_path`` folders live in the run's scratch folder unless ``--basetemp`` is given."""
    if config.option.basetemp is None:
        config.option.basetemp = str(_scratch_dir / "pytest")


def pytest_sessionstart(session):
    session.config.stash[_STATUS] = _git_status(Path(session.config.rootpath))


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session, exitstatus):
    before = session.config.stash.get(_STATUS, None)
    after = _git_status(Path(session.config.rootpath)) if before is not None else None
    if before is None or after is None or after == before:
        return
    old, new = set(before.splitlines()), set(after.splitlines())
    lines = [f"  now:    {line}" for line in sorted(new - old)]
    lines += [f"  before: {line}" for line in sorted(old - new)]
    message = ("The test run changed the work tree (git status differs from when it started): "
               "tests must write to temporary folders, or .gitignore must cover what running "
               "the notebooks creates (or files were edited while the tests ran):\n"
               + "\n".join(lines))
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_sep("=", "work tree changed", red=True)
        reporter.write_line(message)
    else:
        print(message)
    if session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_unconfigure(config):
    """The progress records, bundles and tmp_path folders go with the run (they piled up in /tmp)."""
    shutil.rmtree(_scratch_dir, ignore_errors=True)


_STATUS = pytest.StashKey[str | None]()
