"""The deployment files (deploy/) and the README agree with the measured class in bench/hub.csv."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import hub_loadtest as hubtool  # noqa: E402


def _megabytes(size: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)\s*([KMG])i?B?", str(size).strip()).groups()
    return float(number) * {"K": 1 / 1024, "M": 1, "G": 1024}[unit]


@pytest.fixture(scope="module")
def measured():
    rows = list(csv.DictReader((ROOT / "bench" / "hub.csv").open(encoding="utf-8")))
    class_rows = [row for row in rows if row["run"] == "class"]
    assert len(class_rows) >= 10, "bench/hub.csv should hold the 10-student benchmark run"
    peak = max(float(row["total_peak_mb"]) for row in rows)
    cores = sorted(float(row["cpu_s"]) / float(row["active_s"]) for row in class_rows)
    report = (ROOT / "bench" / "hub.md").read_text(encoding="utf-8")
    machine_cores = int(re.search(r"\((\d+) cores,", report).group(1))
    return {"peak_mb": peak, "median_cores": cores[len(cores) // 2],
            "share": machine_cores / len(class_rows), "sizing": hubtool.sizing(peak)}


@pytest.fixture(scope="module")
def tljh():
    from traitlets.config import Config

    config = Config()
    source = (ROOT / "deploy" / "jupyterhub_config.py").read_text(encoding="utf-8")
    exec(compile(source, "jupyterhub_config.py", "exec"), {"get_config": lambda: config})
    return config


@pytest.fixture(scope="module")
def z2jh():
    return yaml.safe_load((ROOT / "deploy" / "z2jh" / "config.yaml").read_text(encoding="utf-8"))


def test_sizing_rounds_the_peak_up_to_128_mb_and_doubles_it_for_the_limit():
    assert hubtool.sizing(444.2) == {"mem_guarantee_mb": 512, "mem_limit_mb": 1024}
    assert hubtool.sizing(512.0) == {"mem_guarantee_mb": 512, "mem_limit_mb": 1024}
    assert hubtool.sizing(512.5) == {"mem_guarantee_mb": 640, "mem_limit_mb": 1280}


def test_the_measured_peak_fits_the_guarantee(measured):
    assert measured["peak_mb"] <= measured["sizing"]["mem_guarantee_mb"]


def test_single_server_config_uses_the_measured_sizes(tljh, measured):
    assert _megabytes(tljh.Spawner.mem_guarantee) == measured["sizing"]["mem_guarantee_mb"]
    assert _megabytes(tljh.Spawner.mem_limit) == measured["sizing"]["mem_limit_mb"]
    # At least the share of a core each student had in the measured class, which met its target.
    assert measured["median_cores"] <= measured["share"] <= tljh.Spawner.cpu_guarantee <= tljh.Spawner.cpu_limit


def test_kubernetes_config_uses_the_measured_sizes_and_culls_idle_servers(z2jh, measured):
    single = z2jh["singleuser"]
    assert _megabytes(single["memory"]["guarantee"]) == measured["sizing"]["mem_guarantee_mb"]
    assert _megabytes(single["memory"]["limit"]) == measured["sizing"]["mem_limit_mb"]
    assert measured["median_cores"] <= measured["share"] <= single["cpu"]["guarantee"] <= single["cpu"]["limit"]
    assert single["defaultUrl"] == "/lab/tree/summit-lab/notebooks/00-start-here.ipynb"
    assert (ROOT / "notebooks" / "00-start-here.ipynb").exists()
    assert z2jh["cull"]["enabled"] is True and 0 < z2jh["cull"]["timeout"] <= 4 * 3600


def test_the_readme_quotes_the_measured_sizes(measured):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Teaching at scale", 1)[1].split("\n## ", 1)[0]
    assert f"{measured['sizing']['mem_guarantee_mb']} MB" in section
    assert f"{measured['sizing']['mem_limit_mb']} MB" in section
    assert f"{measured['peak_mb']:.0f} MB" in section
    assert "bench/hub.md" in section


def test_singleuser_image_recipe_adds_nbgitpuller_outside_the_home_volume():
    """deploy/README.md's repo2docker command, checked with --no-build (no Docker needed)."""
    recipe = (ROOT / "deploy" / "README.md").read_text(encoding="utf-8")
    appendix = re.search(r"--appendix '([^']+)'", recipe).group(1)
    assert "--target-repo-dir /srv/summit-lab" in recipe
    exe = shutil.which("repo2docker") or str(Path(sys.executable).with_name("repo2docker"))
    run = subprocess.run([exe, "--no-build", "--debug", "--user-name", "jovyan",
                          "--target-repo-dir", "/srv/summit-lab", "--appendix", appendix, str(ROOT)],
                         capture_output=True, text=True, timeout=300)
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-2000:]
    # --target-repo-dir reaches the build as the REPO_DIR build argument; the appendix is the last step.
    assert "ARG REPO_DIR=" in output and "COPY --chown=0:0 src/ ${REPO_DIR}/" in output
    assert appendix in output
    pins = (ROOT / "deploy" / "requirements-singleuser.txt").read_text(encoding="utf-8")
    hub_pins = (ROOT / "requirements-hub.txt").read_text(encoding="utf-8")
    nbgitpuller = re.search(r"^nbgitpuller==\S+", pins, re.MULTILINE).group(0)
    assert nbgitpuller in hub_pins  # the load test measured the version students get


def test_hub_tools_are_pinned_exactly_and_kept_out_of_the_runtime():
    lines = [line.split("#")[0].strip() for line in (ROOT / "requirements-hub.txt").read_text().splitlines()]
    packages = [line for line in lines if line]
    assert packages and all("==" in line for line in packages), packages
    runtime = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert not any(line.split("==")[0] in runtime for line in packages)
    assert "-r requirements-hub.txt" in (ROOT / "requirements-test.txt").read_text(encoding="utf-8")
