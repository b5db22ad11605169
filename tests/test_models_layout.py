"""The course's models live in summitlab.models; nothing imports them from their old places."""

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODELS = ("roadmap", "roadmaps_data", "forecasts", "seismic")
OLD_IMPORT = re.compile(
    r"summitlab\.(?:%s)\b|from\s+summitlab\s+import\s+[^\n]*\b(?:%s)\b" % ("|".join(MODELS), "|".join(MODELS))
)
SEARCHED = ["summitlab", "tests", "tools", "bench", "notebooks", "exercises", "instructors", "data/codebook"]


@pytest.mark.parametrize("name", MODELS)
def test_each_model_is_in_the_models_subpackage(name):
    assert importlib.import_module(f"summitlab.models.{name}").__name__ == f"summitlab.models.{name}"
    assert not (ROOT / "summitlab" / f"{name}.py").exists(), f"summitlab/{name}.py should have moved to summitlab/models/"


def test_no_file_uses_an_old_model_path():
    offenders = []
    for folder in SEARCHED:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in {".py", ".md", ".ipynb"} or ".ipynb_checkpoints" in path.parts:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if OLD_IMPORT.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert not offenders, "old model paths (use summitlab.models.<module>):\n" + "\n".join(offenders)
