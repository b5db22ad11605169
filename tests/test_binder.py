import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_repo2docker_builds_from_environment_yml():
    exe = shutil.which("repo2docker") or str(Path(sys.executable).with_name("repo2docker"))
    run = subprocess.run([exe, "--no-build", "--debug", str(ROOT)], capture_output=True,
                         text=True, timeout=300)
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-2000:]
    assert "Building conda environment for python=3.11" in output
    assert '--file "environment.yml"' in output
    assert "RUN chmod +x postBuild" in output


def test_environment_yml_installs_the_pinned_requirements():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(item["pip"] for item in env["dependencies"] if isinstance(item, dict))
    assert pip_section == ["-r requirements.txt", "-e ."]
    assert "python=3.11" in env["dependencies"]


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-test.txt", "requirements-capstone.txt"])
def test_every_requirement_is_pinned_exactly(name):
    lines = [line.split("#")[0].strip() for line in (ROOT / name).read_text().splitlines()]
    packages = [line for line in lines if line and not line.startswith("-r")]
    assert packages and all("==" in line for line in packages), packages


def test_runtime_has_the_course_packages():
    names = {line.split("==")[0] for line in (ROOT / "requirements.txt").read_text().splitlines() if "==" in line}
    assert {"jupyterlab", "pandas", "altair", "nbval"} <= names


def test_lab_settings_silence_popups():
    settings = json.loads((ROOT / "tools" / "jupyterlab-overrides.json").read_text())
    notification = settings["@jupyterlab/apputils-extension:notification"]
    assert notification == {"checkForUpdates": False, "fetchNews": "false"}
