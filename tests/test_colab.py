"""Open in Colab: the first code cell of every notebook sets the course up in Colab, and only
there (tools/make_notebooks.py writes it: ``colab_cell``, from course.toml).

The cell runs here in a fresh Python process: once as on a laptop or Binder (it must do
nothing at all), and in a simulated Colab: a stand-in ``google.colab`` module, with
``subprocess.run`` wrapped by a recorder that lets git run for real (fetching this repository
from disk by its commit id, in place of the course's host) and records the pip command instead
of running it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import course_config  # noqa: E402
import make_notebooks as gen  # noqa: E402

NOTEBOOKS = (sorted((ROOT / "notebooks").glob("*.ipynb"))
             + sorted((ROOT / "exercises").glob("*.ipynb"))
             + sorted((ROOT / "exercises" / "solutions").glob("*.ipynb")))
HEAD = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True,
                      check=True).stdout.strip()
# A release of this repository, fetched from disk: its commit is this repository's HEAD.
RELEASED = course_config.Course(repository=f"file://{ROOT}", branch="main", tag="v-test", commit=HEAD)

# Run before the cell in the simulated Colab: what a Colab runtime has, and a recorder.
FAKE_COLAB = """
import json, subprocess, sys, types
sys.modules["google"] = types.ModuleType("google")
sys.modules["google.colab"] = types.ModuleType("google.colab")
CALLS = []
_real_run = subprocess.run
def _fake_run(command, check=False, **kwargs):
    CALLS.append(list(command))
    if command[0] == "git":
        if {fake_head!r} and "rev-parse" in command:  # a host that gives another commit
            return subprocess.CompletedProcess(command, 0, stdout={fake_head!r} + "\\n", stderr="")
        return _real_run(command, check=check, **kwargs)
    return subprocess.CompletedProcess(command, 0)
subprocess.run = _fake_run
"""
REPORT = """
import os
print("CALLS=" + json.dumps(CALLS))
print("DATA=" + os.environ.get("SUMMITLAB_DATA", ""))
"""


def first_code_cell(path: Path) -> dict:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return next(cell for cell in cells if cell["cell_type"] == "code")


def _clean_env() -> dict:
    return {key: value for key, value in os.environ.items()
            if not key.startswith("COLAB_") and key != "SUMMITLAB_DATA"}


def _run(code: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env=env or _clean_env())


def test_every_notebook_starts_with_the_colab_cell_of_course_toml():
    assert NOTEBOOKS
    course = course_config.load(ROOT)
    expected = gen.colab_cell().source
    assert f'"{course.repository}", "{course.tag}", "{course.commit}"' in expected
    for path in NOTEBOOKS:
        cell = first_code_cell(path)
        assert cell["id"] == gen.COLAB_CELL_ID and "".join(cell["source"]) == expected, path.name


def test_the_cell_is_collapsed_to_its_title_and_left_off_the_site():
    for path in NOTEBOOKS:
        cell = first_code_cell(path)
        assert cell["metadata"]["jupyter"]["source_hidden"] is True, path.name  # JupyterLab
        assert cell["metadata"]["cellView"] == "form", path.name  # Colab shows the #@title line
        assert "remove-input" in cell["metadata"]["tags"], path.name  # Jupyter Book
        assert cell["source"][0].startswith("#@title ") and "nothing anywhere else" in cell["source"][0]


def test_outside_colab_the_cell_does_nothing(tmp_path):
    guard = "import subprocess\ndef _no(*a, **k): raise AssertionError('ran ' + str(a))\n" \
            "subprocess.run = _no\n"
    for course in (None, RELEASED):
        run = _run(guard + gen.colab_cell(course).source
                   + REPORT.replace("json.dumps(CALLS)", "'[]'"), tmp_path)
        assert run.returncode == 0, run.stderr
        assert run.stdout == "CALLS=[]\nDATA=\n"
        assert not any(tmp_path.iterdir())


def _simulated_colab(cwd: Path, course=RELEASED, env: dict | None = None, fake_head: str = "",
                     drop_module: bool = False) -> subprocess.CompletedProcess:
    fake = FAKE_COLAB.format(fake_head=fake_head)
    if drop_module:
        fake = fake.replace('sys.modules["google.colab"] = types.ModuleType("google.colab")', "")
    return _run(fake + gen.colab_cell(course).source + REPORT, cwd, env)


def _report(run: subprocess.CompletedProcess) -> tuple[list, str, str]:
    lines = run.stdout.splitlines()
    calls = json.loads(next(line for line in lines if line.startswith("CALLS="))[6:])
    data = next(line for line in lines if line.startswith("DATA="))[5:]
    said = "\n".join(line for line in lines if not line.startswith(("CALLS=", "DATA=")))
    return calls, data, said


def test_in_colab_the_cell_fetches_the_release_commit_checks_it_and_installs_only_summitlab(tmp_path):
    run = _simulated_colab(tmp_path)
    assert run.returncode == 0, run.stderr
    calls, data, said = _report(run)
    course = tmp_path / ROOT.name
    fetch = next(call for call in calls if "fetch" in call)
    assert fetch[-2:] == [RELEASED.repository, HEAD]  # by commit id, not by a movable tag
    assert any("rev-parse" in call for call in calls)  # ... and checked
    got = subprocess.run(["git", "-C", str(course), "rev-parse", "HEAD"], capture_output=True, text=True)
    assert got.stdout.strip() == HEAD
    (install,) = [call for call in calls if call[0] != "git"]
    assert install[:4] == [sys.executable, "-m", "pip", "install"] and install[-1] == str(course)
    assert "--no-deps" in install and "--no-build-isolation" in install  # nothing but summitlab
    assert "-e" not in install and "--editable" not in install  # Colab needs a restart for those
    assert data == str(course / "data") and (course / "data" / "events.csv").exists()
    assert "v-test" in said and HEAD[:12] in said and "SUMMITLAB_DATA" in said


def test_in_colab_a_second_run_reuses_the_checked_course(tmp_path):
    assert _simulated_colab(tmp_path).returncode == 0
    calls, data, said = _report(_simulated_colab(tmp_path))
    assert [call for call in calls if "rev-parse" not in call] == []
    assert data == str(tmp_path / ROOT.name / "data") and said


def test_a_release_that_does_not_exist_is_said_and_nothing_is_installed(tmp_path):
    missing = course_config.Course(repository=RELEASED.repository, branch="main", tag="v9.9",
                                   commit="0123456789" * 4)
    run = _simulated_colab(tmp_path, missing)
    assert run.returncode != 0
    assert "release v9.9 (commit 0123456789" in run.stderr and "was not found" in run.stderr
    assert "Nothing was installed" in run.stderr and "CALLS=" not in run.stdout
    assert not any(tmp_path.iterdir())


def test_without_a_recorded_release_the_cell_says_so_and_stops(tmp_path):
    unreleased = course_config.Course(repository=RELEASED.repository, branch="main")
    run = _simulated_colab(tmp_path, unreleased)
    assert run.returncode != 0 and "records no release" in run.stderr
    assert not any(tmp_path.iterdir())


def test_a_host_that_gives_another_commit_is_refused(tmp_path):
    run = _simulated_colab(tmp_path, fake_head="f" * 40)
    assert run.returncode != 0 and f"did not give commit {HEAD}" in run.stderr
    assert "pip" not in run.stdout and not any(tmp_path.iterdir())


def test_a_course_folder_at_another_commit_is_refused(tmp_path):
    assert _simulated_colab(tmp_path).returncode == 0
    run = _simulated_colab(tmp_path, fake_head="e" * 40)
    assert run.returncode != 0 and "is not release v-test" in run.stderr


def test_colab_is_also_recognised_by_its_environment_variables(tmp_path):
    run = _simulated_colab(tmp_path, env={**_clean_env(), "COLAB_RELEASE_TAG": "release-colab-test"},
                           drop_module=True)
    assert run.returncode == 0, run.stderr
    calls, _, _ = _report(run)
    assert [call[0] for call in calls if call[0] != "git"] == [sys.executable]
