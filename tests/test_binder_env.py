"""Binder resolves with no conflict: repo2docker's own environment plus ours passes `pip check`.

On Binder, repo2docker first installs its frozen base environment for Python 3.11 (the conda
lock file shipped inside the jupyter-repo2docker package), then our environment.yml, whose pip
section installs requirements.txt and summitlab on top. This test does the same with pip in a
fresh virtual environment: the lock's Python packages at their locked versions (``--no-deps``,
as conda installs an explicit lock), then ``pip install -r requirements.txt -e .``; then
``pip check`` must be clean and ``jupyter lab`` must start and serve lesson 00.

A real install, not a dry run: a dry run of both sets together fails on any difference of pins
(pip would upgrade them on Binder) and says nothing about whether JupyterLab starts. It takes
one to two minutes with pip's cache warm.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCK_NAME = "environment.py-3.11-linux-64.lock"
# conda package names whose PyPI name differs; conda-only packages are left out.
CONDA_TO_PYPI = {
    "brotli-python": "brotli",
    "python-fastjsonschema": "fastjsonschema",
    "jupyterhub-base": "jupyterhub",
    "nbconvert-core": "nbconvert",
}
NOT_ON_PYPI_OR_TOOLING = {"pip", "setuptools", "wheel", "python"}


def repo2docker_lock() -> Path:
    import repo2docker

    return Path(repo2docker.__file__).parent / "buildpacks" / "conda" / LOCK_NAME


def frozen_python_packages(lock: Path) -> dict[str, str]:
    """The Python packages of a conda explicit lock, as PyPI names and exact versions."""
    pins = {}
    for line in lock.read_text().splitlines():
        if not line.startswith("https://"):
            continue
        filename = line.split("#")[0].rsplit("/", 1)[1]
        stem = filename.removesuffix(".conda").removesuffix(".tar.bz2")
        name, version, build = stem.rsplit("-", 2)
        if not build.startswith("py") or name in NOT_ON_PYPI_OR_TOOLING:
            continue  # compiled libraries, Node.js, Python itself
        pins[CONDA_TO_PYPI.get(name, name).replace("_", "-").lower()] = version
    return pins


def our_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if "==" in line:
            name, version = line.split("==")
            pins[name.strip().lower()] = version.strip()
    return pins


def test_the_lock_is_read_as_repo2docker_ships_it():
    pins = frozen_python_packages(repo2docker_lock())
    # What repo2docker's environment.yml asks for (jupyterlab 4, notebook 7, ipykernel).
    assert pins["jupyterlab"].startswith("4.") and pins["notebook"].startswith("7.")
    assert "ipykernel" in pins and "jupyterhub" in pins
    assert "python" not in pins and "openssl" not in pins and "nodejs" not in pins


def test_we_pin_the_notebook_package_that_repo2docker_installs():
    # repo2docker's notebook (7.4 in its lock) requires jupyterlab<4.5; ours is newer, so
    # requirements.txt must pin a notebook that accepts it (the install test checks it does).
    assert "notebook" in frozen_python_packages(repo2docker_lock())
    assert "notebook" in our_pins() and "jupyterlab" in our_pins()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=900, **kwargs)


def test_binder_environment_passes_pip_check_and_serves_lesson_00(tmp_path):
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)]).check_returncode()
    python = str(venv / "bin" / "python")
    pip = [python, "-m", "pip", "--disable-pip-version-check", "--no-input", "-q"]
    frozen = tmp_path / "frozen.txt"
    frozen.write_text("".join(f"{name}=={version}\n" for name, version in
                              sorted(frozen_python_packages(repo2docker_lock()).items())))
    base = _run([*pip, "install", "--no-deps", "-r", str(frozen)])
    assert base.returncode == 0, base.stderr[-3000:]
    # environment.yml's pip section, as repo2docker runs it (tests/test_binder.py checks it).
    ours = _run([*pip, "install", "-r", str(ROOT / "requirements.txt"), "-e", str(ROOT)])
    assert ours.returncode == 0, ours.stderr[-3000:]
    assert "dependency conflicts" not in ours.stderr, ours.stderr[-3000:]
    check = _run([python, "-m", "pip", "check"])
    assert check.returncode == 0, check.stdout + check.stderr

    port, token = _free_port(), secrets.token_hex(16)
    scratch = tmp_path / "jupyter"
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(scratch / "config"),
           "JUPYTER_DATA_DIR": str(scratch / "data"), "JUPYTER_RUNTIME_DIR": str(scratch / "run"),
           "IPYTHONDIR": str(scratch / "ipython")}
    log = (tmp_path / "lab.log").open("wb")
    server = subprocess.Popen(
        [str(venv / "bin" / "jupyter"), "lab", "--ip=127.0.0.1", f"--port={port}",
         "--port-retries=0", f"--IdentityProvider.token={token}", "--allow-root",
         "--ServerApp.open_browser=False", f"--ServerApp.root_dir={ROOT}"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        headers = {"Authorization": f"token {token}"}
        deadline = time.monotonic() + 90
        while True:
            try:
                request = urllib.request.Request(
                    f"{url}/api/contents/notebooks/00-start-here.ipynb", headers=headers)
                with urllib.request.urlopen(request, timeout=10) as response:
                    body = response.read().decode()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("jupyter lab did not start:\n"
                                + (tmp_path / "lab.log").read_text()[-3000:])
                time.sleep(0.5)
        assert '"type": "notebook"' in body or '"type":"notebook"' in body
        page = urllib.request.Request(f"{url}/lab/tree/notebooks/00-start-here.ipynb",
                                      headers=headers)
        with urllib.request.urlopen(page, timeout=10) as response:
            assert response.status == 200 and "JupyterLab" in response.read().decode()
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
