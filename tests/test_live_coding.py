"""The live-coding scripts (instructors/live-coding-NN-slug.md, lessons 02-07; lesson 01's is in
its guide, and its code is run after the lesson cells the guide says to run first).

Every ```python block of a script runs, in order, in one fresh kernel per script; the script's
segments are the live-coding segments of its lesson plan, with the same minutes, and its steps
add up to them; every mistake it quotes in a "Stumbles" paragraph is a message of that
lesson's checks (summitlab/exercises/exNN.py), so the script cannot invent one.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import build_slides  # noqa: E402  (reads the lesson plans from the guides)

GUIDES = ROOT / "instructors"
LESSONS = [p.stem for p in sorted((ROOT / "notebooks").glob("0[2-7]-*.ipynb"))]
CODE = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)
SEGMENT = re.compile(r"^## Segment (\d+) · .*\((\d+) min\)$", re.MULTILINE)
STEP = re.compile(r"^### .*\((\d+) min\)$", re.MULTILINE)
QUOTED = re.compile(r'"([^"]{12,}?)"')


def script(lesson: str) -> str:
    return (GUIDES / f"live-coding-{lesson}.md").read_text(encoding="utf-8")


def code_blocks(text: str) -> list[str]:
    return CODE.findall(text)


def segments(text: str) -> dict[int, tuple[int, list[int]]]:
    """Segment number -> (its minutes, the minutes of its steps)."""
    found = {}
    starts = list(SEGMENT.finditer(text))
    for k, match in enumerate(starts):
        end = starts[k + 1].start() if k + 1 < len(starts) else len(text)
        steps = [int(m) for m in STEP.findall(text[match.end():end])]
        found[int(match.group(1))] = (int(match.group(2)), steps)
    return found


def test_the_parsers_read_a_small_script():
    sample = ("# x\n## Segment 3 · Live coding (9 min)\n### a (4 min)\n```python\nx = 1\n```\n"
              "### b (5 min)\n```python\ny = x\n```\n```text\nnot code\n```\n"
              "## Segment 5 · Live coding (2 min)\n### c (2 min)\n")
    assert code_blocks(sample) == ["x = 1\n", "y = x\n"]
    assert segments(sample) == {3: (9, [4, 5]), 5: (2, [2])}


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_script_follows_the_plan_and_its_guide_links_it(lesson):
    text = script(lesson)
    plan = build_slides.read_guide(lesson).plan
    live = {int(segment.split(".")[0]): int(minutes) for segment, activity, minutes in plan
            if "live coding" in f"{segment} {activity}".lower()}
    found = segments(text)
    assert set(found) == set(live), (lesson, sorted(found), sorted(live))
    for number, (minutes, steps) in found.items():
        assert minutes == live[number], f"segment {number}: {minutes} min, the plan says {live[number]}"
        assert steps and sum(steps) == minutes, f"segment {number}: steps add up to {sum(steps)}"
    guide = (GUIDES / f"{lesson}.md").read_text(encoding="utf-8")
    assert f"(live-coding-{lesson}.md)" in guide


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_mistakes_quoted_are_the_checks_own_messages(lesson):
    checks = (ROOT / "summitlab" / "exercises" / f"ex{lesson[:2]}.py").read_text(encoding="utf-8")
    checks = re.sub(r'"\s*\n\s*"', "", checks)  # messages split over several string literals
    stumbles = "\n".join(re.findall(r"\*\*Stumbles[^*]*\*\*(.*?)(?:\n\n|\Z)", script(lesson),
                                    re.DOTALL))
    quoted = [" ".join(q.split()) for q in QUOTED.findall(stumbles)]
    assert quoted, f"{lesson}: the script names no mistake"
    unknown = [q for q in quoted if q not in " ".join(checks.split())]
    assert not unknown, f"{lesson}: not messages of ex{lesson[:2]}.py: {unknown}"


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_code_line_runs_in_order_in_a_fresh_kernel(lesson, tmp_path):
    blocks = code_blocks(script(lesson))
    assert len(blocks) >= 4, f"{lesson}: only {len(blocks)} code blocks"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(b) for b in blocks])
    build_slides.execute_notebook(notebook, tmp_path, {
        "SUMMITLAB_DATA": str(ROOT / "data"),
        "SUMMITLAB_PROGRESS_FILE": str(tmp_path / "progress.json"),
        "PYDEVD_DISABLE_FILE_VALIDATION": "1"}, timeout=120)


def test_lesson_01_guide_code_runs_after_the_cells_it_says_to_run_first(tmp_path):
    """Lesson 01's script lives in its guide: "run the first two code cells …, and type …"."""
    guide = (GUIDES / "01-crisis-to-summit.md").read_text(encoding="utf-8")
    assert "run the first two code cells" in guide
    lesson = nbformat.read(ROOT / "notebooks" / "01-crisis-to-summit.ipynb", as_version=4)
    setup = [c.source for c in lesson.cells
             if c.cell_type == "code" and c.get("id") != "colab-setup"][:2]
    blocks = code_blocks(guide)
    assert blocks
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(code) for code in [*setup, *blocks]])
    build_slides.execute_notebook(notebook, tmp_path, {
        "SUMMITLAB_DATA": str(ROOT / "data"),
        "SUMMITLAB_PROGRESS_FILE": str(tmp_path / "progress.json")}, timeout=120)
