"""The concept inventory (summitlab/inventory.py, tools/make_inventory.py): its items, and its
pre/post analysis on a simulated class whose gains are planted.

The planted class is built here as a table of which items each student gets right before and
after; the gains the test expects are computed from that table with Hake's formula written out
below, not with the module. The answers reach the module the way a real class's do: the pre
sheets as work bundles written by ``sl.save_work`` (its public API), the post sheets as notebooks.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

import summitlab as sl
from summitlab import inventory

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import build_slides  # noqa: E402  (runs a notebook in a fresh kernel)
import make_inventory  # noqa: E402

IDS = [item.item_id for item in inventory.ITEMS]
N_STUDENTS = 20


# --- the items -------------------------------------------------------------------------------

def test_the_items_cover_every_concept_of_both_areas():
    assert 12 <= len(inventory.ITEMS) <= 16
    assert len(set(IDS)) == len(IDS)
    assert set(inventory.CONCEPTS.values()) == {"data skills", "international relations"}
    for concept in ("tidy tables", "choosing an aggregation", "reading a chart's encoding",
                    "UTC and local dates", "sequencing", "verification", "commitment problems",
                    "forecast scoring"):
        assert sum(item.concept == concept for item in inventory.ITEMS) >= 1, concept
    for item in inventory.ITEMS:
        assert item.area == inventory.CONCEPTS[item.concept]
        assert len(set(item.options)) == 4 and item.answer in inventory.LETTERS
        assert item.rationale.startswith(f"{item.answer}:"), item.item_id


def test_each_item_is_written_from_a_mistake_its_check_names():
    for item in inventory.ITEMS:
        exercise, words = item.mistake
        source = (ROOT / "summitlab" / "exercises" / f"ex{exercise[:2]}.py").read_text("utf-8")
        source = " ".join(re.sub(r'"\s*\n\s*"', "", source).split())
        assert f'"{exercise}"' in source, item.item_id
        assert words in source, f"{item.item_id}: {words!r} is not in ex{exercise[:2]}.py"


def test_the_generated_files_are_current():
    assert make_inventory.main(["--check"]) == 0
    text = make_inventory.BANK.read_text(encoding="utf-8")
    assert all(f"### {item_id} " in text for item_id in IDS)
    assert make_inventory.GIFT.read_text(encoding="utf-8").count("\t=") == len(IDS)


def test_hake_gain():
    assert inventory.hake_gain(0.5, 0.75) == 0.5
    assert inventory.hake_gain(0.2, 0.2) == 0.0
    assert inventory.hake_gain(0.6, 0.4) == pytest.approx(-0.5)
    assert inventory.hake_gain(1.0, 1.0) != inventory.hake_gain(1.0, 1.0)  # NaN: undefined


# --- a planted class --------------------------------------------------------------------------

# Per concept: how many of the 2 × 20 answers are right before and after (0-40).
PLANTED = {
    "tidy tables": (10, 34), "choosing an aggregation": (8, 20),
    "reading a chart's encoding": (20, 36), "UTC and local dates": (4, 31),
    "sequencing": (12, 16), "verification": (16, 37),
    "commitment problems": (0, 30), "forecast scoring": (24, 28),
}


def _planted_table() -> dict[str, dict[str, dict[str, bool]]]:
    """phase -> student -> item -> right, with exactly the PLANTED counts per concept."""
    students = [f"student-{n:02d}" for n in range(N_STUDENTS)]
    table = {phase: {s: {} for s in students} for phase in ("pre", "post")}
    for concept, counts in PLANTED.items():
        items = [i.item_id for i in inventory.ITEMS if i.concept == concept]
        slots = [(s, i) for i in items for s in students]
        # Spread the right answers so that students differ: rotate the slots by concept.
        shift = 7 * list(PLANTED).index(concept) % len(slots)
        slots = slots[shift:] + slots[:shift]
        for phase, n_right in zip(("pre", "post"), counts):
            right = set(slots[:n_right])
            for s, i in slots:
                table[phase][s][i] = (s, i) in right
    return table


def _hake(pre: float, post: float) -> float:
    return (post - pre) / (1 - pre)


def _write_class(tmp_path: Path, table) -> tuple[Path, Path]:
    pre_dir, post_dir = tmp_path / "pre", tmp_path / "post"
    pre_dir.mkdir()
    sheets = inventory.simulated_sheets(table["pre"])
    for n, (student, answers) in enumerate(sheets.items()):
        work = tmp_path / "work" / str(n)
        work.mkdir(parents=True)
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
            f"student = {student!r}\nanswers = {json.dumps(answers)}\ninventory.answered(answers)")])
        nbformat.write(notebook, work / inventory.NOTEBOOK_NAME)
        saved = sl.save_work(folder=work, student=student)
        shutil.move(os.fspath(saved), pre_dir / f"{student}.zip")
    inventory.write_sheets(inventory.simulated_sheets(table["post"]), post_dir)
    return pre_dir, post_dir


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    table = _planted_table()
    pre_dir, post_dir = _write_class(tmp_path_factory.mktemp("inventory"), table)
    return table, pre_dir, post_dir


def test_the_report_gives_the_planted_gains(planted):
    table, pre_dir, post_dir = planted
    report = inventory.analyse(inventory.read_answers(pre_dir), inventory.read_answers(post_dir))
    assert report.matched == N_STUDENTS and report.unmatched == []
    concepts = report.concepts.set_index("concept")
    for concept, (pre_right, post_right) in PLANTED.items():
        expected = _hake(pre_right / 40, post_right / 40)
        assert concepts.loc[concept, "gain"] == pytest.approx(expected), concept
    students = report.students.set_index("student")
    for student in table["pre"]:
        pre = sum(table["pre"][student].values()) / len(IDS)
        post = sum(table["post"][student].values()) / len(IDS)
        assert students.loc[student, "pre"] == pytest.approx(pre)
        assert students.loc[student, "gain"] == pytest.approx(_hake(pre, post)), student
    difficulty = report.difficulty.set_index("item_id")
    for item_id in IDS:
        share = sum(sheet[item_id] for sheet in table["post"].values()) / N_STUDENTS
        assert difficulty.loc[item_id, "post"] == pytest.approx(share)


def test_the_concepts_to_revisit_are_those_with_a_low_gain_or_a_low_end_score(planted):
    _, pre_dir, post_dir = planted
    report = inventory.analyse(inventory.read_answers(pre_dir), inventory.read_answers(post_dir))
    flagged = set(report.concepts.query("revisit")["concept"])
    # sequencing: g = (16-12)/(40-12) ≈ 0.14; forecast scoring: g = 0.25; aggregation: post 50%.
    assert flagged == {"sequencing", "forecast scoring", "choosing an aggregation"}
    assert len(inventory.charts(report)) == 3


def test_reading_answers_runs_nothing_and_matches_students(tmp_path):
    marker = tmp_path / "ran"
    hostile = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        f"student = 'mallory'\nanswers = __import__('pathlib').Path({str(marker)!r}).write_text('x')")])
    nbformat.write(hostile, tmp_path / inventory.NOTEBOOK_NAME)
    (tmp_path / "lms.csv").write_text("student,CI01,CI02,XX\nana,B,a,z\n", encoding="utf-8")
    (tmp_path / "broken.zip").write_bytes(b"not a zip")
    responses = inventory.read_answers(tmp_path)
    assert not marker.exists()
    assert set(responses["student"]) == {"ana"}
    assert responses.set_index("item_id")["response"].to_dict() == {"CI01": "b", "CI02": "a"}
    report = inventory.analyse(responses, responses.iloc[0:0])
    assert report.matched == 0 and report.unmatched == ["ana"]


def test_the_student_and_report_notebooks_run(tmp_path):
    for source in (make_inventory.STUDENT_NOTEBOOK, make_inventory.REPORT_NOTEBOOK):
        notebook = nbformat.read(source, as_version=4)
        build_slides.execute_notebook(notebook, tmp_path, {
            "SUMMITLAB_DATA": str(ROOT / "data"),
            "SUMMITLAB_BUNDLE_DIR": str(tmp_path / "bundles"),
            "SUMMITLAB_PROGRESS_FILE": str(tmp_path / "progress.json"),
            "TMPDIR": str(tmp_path)}, timeout=120)
        text = json.dumps(notebook)
        if source == make_inventory.STUDENT_NOTEBOOK:
            assert f"0 of {len(IDS)} items answered" in text and "summitlab-work-" in text
        else:
            assert "Concepts to revisit" in text and "24 students answered both times" in text
