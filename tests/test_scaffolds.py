"""Scaffolds fade: each exercise says its level, and the help shrinks through each notebook.

In exercises/source/, the answer cell of every checked exercise carries, on ``# STUDENT:``
lines, a level: ``# Level: guided`` (a skeleton follows, as comments with ``____`` blanks),
``# Level: partly guided`` (a comment names the methods) or ``# Level: open``. The executed
line stays ``answer = ...``, so the generated student notebook still reports *not yet*.

The test checks that levels never rise within a notebook, that each notebook starts guided
and ends open, that most of notebooks 05 and 06 are open, that every skeleton is commented
out, and that every skeleton is a template of its model answer (filling the blanks can give
the model answer, so the skeleton never leads away from an answer the check accepts).
"""

import re
from pathlib import Path

import jupytext
import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "exercises" / "source").glob("*.py"))
STUDENT, BEGIN, END = "# STUDENT:", "### BEGIN SOLUTION", "### END SOLUTION"
LEVEL = re.compile(r"^# Level: (guided|partly guided|open)\b")
RANK = {"guided": 2, "partly guided": 1, "open": 0}
CHECK = re.compile(r"""^\s*check\(\s*["']([\w.]+)["']""", re.MULTILINE)


def exercises(source: Path) -> list[dict]:
    """One dict per checked exercise: id, level, skeleton lines, model answer text."""
    found, pending = [], {"levels": [], "skeleton": [], "answer": []}
    for cell in jupytext.read(source, fmt="py:percent").cells:
        if cell.cell_type != "code":
            continue
        match = CHECK.search(cell.source)
        if match:
            found.append({"id": match.group(1), **pending})
            pending = {"levels": [], "skeleton": [], "answer": []}
            continue
        inside, level_seen = False, False
        for line in cell.source.splitlines():
            stripped = line.strip()
            if stripped == BEGIN:
                inside = True
            elif stripped == END:
                inside = False
            elif inside:
                pending["answer"].append(line)
            elif stripped.startswith(STUDENT):
                shown = stripped[len(STUDENT):].strip()
                level = LEVEL.match(shown)
                if level:
                    pending["levels"].append(level.group(1))
                    level_seen = True
                elif level_seen:
                    pending["skeleton"].append(shown)
    return found


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def fits(skeleton: list[str], answer: list[str]) -> bool:
    """Whether filling the blanks of the (commented) skeleton can give the model answer."""
    code = "\n".join(line[2:] for line in skeleton)
    pattern = ".+?".join(re.escape(part) for part in _squash(code).split("____"))
    return re.search(pattern, _squash("\n".join(answer))) is not None


def test_the_parser_reads_levels_skeletons_and_answers(tmp_path):
    source = tmp_path / "99-x.py"
    source.write_text(
        "# %%\n# STUDENT: n = ...\n# STUDENT: # Level: guided. Fill it:\n# STUDENT: # n = len(____)\n"
        f"{BEGIN}\nn = len(tests)\n{END}\n\n# %%\ncheck(\"99.1\", n)\n", encoding="utf-8")
    assert exercises(source) == [{"id": "99.1", "levels": ["guided"], "skeleton": ["# n = len(____)"],
                                  "answer": ["n = len(tests)"]}]
    assert fits(["# n = len(____)"], ["n = len(tests)"])
    assert fits(["# t = (", "#     a.groupby(\"____\")", "# )"], ["t = (a", "  .groupby('x'))"]) is False  # quotes differ
    assert not fits(["# n = len(____)"], ["n = tests.shape[0]"])


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_levels_fade_from_guided_to_open(source):
    items = exercises(source)
    assert items, f"{source.name} has no checked exercises"
    for item in items:
        assert len(item["levels"]) == 1, f"{source.name} {item['id']}: say its level once (# STUDENT: # Level: …)"
    levels = [item["levels"][0] for item in items]
    assert levels[0] == "guided", f"{source.name}: the first exercise should be guided, not {levels[0]}"
    assert levels[-1] == "open", f"{source.name}: the last exercise should be open, not {levels[-1]}"
    ranks = [RANK[level] for level in levels]
    assert ranks == sorted(ranks, reverse=True), f"{source.name}: levels rise again: {levels}"
    if source.name[:2] in {"05", "06"}:
        assert levels.count("open") > len(levels) / 2, f"{source.name}: most exercises should be open: {levels}"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_guided_exercises_have_a_commented_skeleton_that_fits_the_model_answer(source):
    for item in exercises(source):
        if item["levels"] != ["guided"]:
            assert not any("____" in line for line in item["skeleton"]), f"{item['id']}: only guided exercises have blanks"
            continue
        skeleton = item["skeleton"]
        assert skeleton and any("____" in line for line in skeleton), f"{item['id']}: a guided exercise needs blanks"
        assert all(line.startswith("# ") for line in skeleton), f"{item['id']}: keep the skeleton commented out"
        assert fits(skeleton, item["answer"]), (
            f"{source.name} {item['id']}: filling the skeleton's blanks cannot give the model answer")
