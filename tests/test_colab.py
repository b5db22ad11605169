"""Open in Colab: the first code cell of every notebook sets the course up in Colab, and only
there (tools/make_notebooks.py writes it: ``colab_cell``).

The cell runs here in a fresh Python process: once as on a laptop or Binder (it must do
nothing at all), and once in a simulated Colab: a stand-in ``google.colab`` module, with
``subprocess.run`` replaced by a recorder that clones this repository from disk instead of
GitHub and records the pip command instead of running it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import make_notebooks as gen  # noqa: E402

NOTEBOOKS = (sorted((ROOT / "notebooks").glob("*.ipynb"))
             + sorted((ROOT / "exercises").glob("*.ipynb"))
             + sorted((ROOT / "exercises" / "solutions").glob("*.ipynb")))
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]

# Run before the cell in the simulated Colab: what a Colab runtime has, and a recorder.
FAKE_COLAB = """
import json, subprocess, sys, types
sys.modules["google"] = types.ModuleType("google")
sys.modules["google.colab"] = types.ModuleType("google.colab")
CALLS = []
_real_run = subprocess.run
def _fake_run(command, check=False, **kwargs):
    CALLS.append(list(command))
    if command[:2] == ["git", "clone"]:
        # The repository from disk, in place of GitHub (no tag exists here).
        return _real_run(["git", "clone", "--quiet", "--depth", "1", "file://" + {root!r},
                          command[-1]], check=check)
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


def test_every_notebook_starts_with_the_colab_cell_at_the_release_tag():
    assert NOTEBOOKS
    expected = gen.colab_cell().source
    assert f'"--branch", "v{VERSION}"' in expected and "install_lab" not in expected
    for path in NOTEBOOKS:
        cell = first_code_cell(path)
        assert cell["id"] == gen.COLAB_CELL_ID and "".join(cell["source"]) == expected, path.name


def test_outside_colab_the_cell_does_nothing(tmp_path):
    guard = "import subprocess\ndef _no(*a, **k): raise AssertionError('ran ' + str(a))\n" \
            "subprocess.run = _no\n"
    run = _run(guard + gen.colab_cell().source + REPORT.replace("json.dumps(CALLS)", "'[]'"),
               tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "CALLS=[]\nDATA=\n"
    assert not any(tmp_path.iterdir())


def _simulated_colab(cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    code = FAKE_COLAB.format(root=str(ROOT)) + gen.colab_cell().source + REPORT
    return _run(code, cwd, env)


def _report(run: subprocess.CompletedProcess) -> tuple[list, str, str]:
    lines = run.stdout.splitlines()
    calls = json.loads(next(line for line in lines if line.startswith("CALLS="))[6:])
    data = next(line for line in lines if line.startswith("DATA="))[5:]
    said = "\n".join(line for line in lines if not line.startswith(("CALLS=", "DATA=")))
    return calls, data, said


def test_in_colab_the_cell_fetches_the_tag_installs_summitlab_and_sets_the_data(tmp_path):
    run = _simulated_colab(tmp_path)
    assert run.returncode == 0, run.stderr
    calls, data, said = _report(run)
    course = tmp_path / "summit-lab"
    clone, install = calls
    assert clone[:2] == ["git", "clone"] and clone[-2:] == [gen.COLAB_REPOSITORY, str(course)]
    assert clone[clone.index("--branch") + 1] == f"v{VERSION}"
    assert install[1:4] == ["-m", "pip", "install"] and install[-1] == str(course)
    assert "-e" not in install and "--editable" not in install  # Colab needs a restart for those
    assert data == str(course / "data") and (course / "data" / "events.csv").exists()
    assert (course / "pyproject.toml").exists()
    assert f"v{VERSION}" in said and str(course) in said and "SUMMITLAB_DATA" in said


def test_in_colab_a_second_run_reuses_the_course(tmp_path):
    assert _simulated_colab(tmp_path).returncode == 0
    calls, data, said = _report(_simulated_colab(tmp_path))
    assert calls == [] and data == str(tmp_path / "summit-lab" / "data") and said


def test_colab_is_also_recognised_by_its_environment_variables(tmp_path):
    code = FAKE_COLAB.format(root=str(ROOT)).replace(
        'sys.modules["google.colab"] = types.ModuleType("google.colab")', "")
    run = _run(code + gen.colab_cell().source + REPORT, tmp_path,
               env={**_clean_env(), "COLAB_RELEASE_TAG": "release-colab-test"})
    assert run.returncode == 0, run.stderr
    calls, _, _ = _report(run)
    assert [call[:2] for call in calls] == [["git", "clone"], [sys.executable, "-m"]]
