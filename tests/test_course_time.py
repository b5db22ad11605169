"""Time that adds up (issue 28): one table in the course map (``summitlab.course.LESSONS``) gives
each lesson's reading, exercise and discussion minutes, and every place that states a time
agrees with it — the table's own inputs (word counts, the exercises' stated times, the
instructor plans' discussion segments), each lesson's header, each instructor guide, the
syllabus and the README.
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

import pytest

from summitlab.course import READING_WORDS_PER_MINUTE, course_map, estimated_time

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import lesson_load  # noqa: E402

from test_instructors import plan_minutes  # noqa: E402

MAP = course_map()
ROWS = list(MAP.itertuples())
EXERCISE_TIME = re.compile(r"^# ## \d\dp?\.\d+ .*?· (\d+) min", re.MULTILINE)
NUMBER_WORDS = {"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _one(folder: str, row, suffix: str) -> Path:
    return ROOT / folder / f"{row.lesson}-{Path(row.notebook).stem.split('-', 1)[1]}{suffix}"


def discussion_rows(markdown: str) -> list[int]:
    """Minutes of the lesson-plan rows whose segment is a discussion or a debate."""
    found = []
    for line in markdown.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and re.search(r"discussion|debate", cells[0], re.I) and cells[-1].isdigit():
            found.append(int(cells[-1]))
    return found


def test_the_table_adds_up():
    assert (MAP["minutes"] == MAP["reading_minutes"] + MAP["exercise_minutes"] + MAP["discussion_minutes"]).all()
    row = MAP.set_index("lesson").loc["05"]
    line = estimated_time("05")
    assert f"{row['minutes']} minutes in all" in line and f"{row['discussion_minutes']} minutes of discussion" in line


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.lesson)
def test_reading_time_is_the_word_count_at_the_stated_speed(row):
    words = lesson_load.load(ROOT / row.notebook)["words"]
    wanted = 5 * math.ceil(words / READING_WORDS_PER_MINUTE / 5)
    assert row.reading_minutes == wanted, (
        f"lesson {row.lesson} has {words} words: at {READING_WORDS_PER_MINUTE} a minute, rounded up to 5 "
        f"minutes, that is {wanted} minutes of reading; set it in summitlab/course.py")


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.lesson)
def test_exercise_time_is_the_sum_of_the_exercises_stated_times(row):
    source = _one("exercises/source", row, ".py").read_text(encoding="utf-8")
    stated = [int(m) for m in EXERCISE_TIME.findall(source)]
    assert stated, f"exercises {row.lesson}: no heading states a time"
    assert row.exercise_minutes == sum(stated), (
        f"exercises {row.lesson} state {sum(stated)} minutes; set it in summitlab/course.py")


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.lesson)
def test_header_and_instructor_guide_state_the_course_map_s_times(row):
    lesson = (ROOT / row.notebook).read_text(encoding="utf-8")
    assert estimated_time(row.lesson).replace('"', '\\"') in lesson, f"{row.notebook}: run tools/make_notebooks.py"
    guide = _one("instructors", row, ".md").read_text(encoding="utf-8")
    line = (f"**Student time (from the course map):** {row.reading_minutes} minutes of reading, "
            f"{row.exercise_minutes} of exercises, {row.discussion_minutes} of discussion: {row.minutes} in all.")
    assert line in guide, f"instructors/{row.lesson}: the plan must say: {line}"
    assert sum(discussion_rows(guide)) == row.discussion_minutes, (
        f"instructors/{row.lesson}: the plan's discussion segments add up to {sum(discussion_rows(guide))} "
        f"minutes, the course map says {row.discussion_minutes}")
    plan, total = plan_minutes(guide)
    assert re.search(rf"^## Lesson plan \({sum(plan)} minutes\)$", guide, re.M), \
        f"instructors/{row.lesson}: the plan's heading does not give its {sum(plan)} minutes"


def test_discussion_rows_are_read_from_the_plan():
    plan = "| 6. Synthesis debate | cards | 20 |\n| 7. Wrap-up | keypoints | 10 |\n| 8. Discussion and wrap-up | x | 12 |"
    assert discussion_rows(plan) == [20, 12]


def test_syllabus_and_readme_state_the_course_totals():
    syllabus = (ROOT / "instructors" / "README.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    totals = (f"{MAP['reading_minutes'].sum()} minutes of reading, {MAP['exercise_minutes'].sum()} of "
              f"exercises and {MAP['discussion_minutes'].sum()} of discussion: {MAP['minutes'].sum()} minutes")
    assert totals in syllabus, f"the syllabus must state the course map's totals: {totals}"
    assert totals in readme, f"the README must state the course map's totals: {totals}"


def test_the_syllabus_headings_count_their_sessions():
    syllabus = (ROOT / "instructors" / "README.md").read_text(encoding="utf-8")
    for match in re.finditer(r"^### .*?\b(six|seven|eight|nine|ten) sessions\b.*$", syllabus, re.M):
        table = syllabus[match.end():].split("\n\n", 2)[1]
        sessions = re.findall(r"^\| (\d+) \|", table, re.M)
        assert len(sessions) == NUMBER_WORDS[match.group(1)], (
            f"'{match.group(0)}' heads a table of {len(sessions)} sessions")
