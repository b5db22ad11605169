"""The assessment banks and rubrics in instructors/ are complete and agree with the course data."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from summitlab.checks import catalogue

ROOT = Path(__file__).resolve().parent.parent
BANKS = ROOT / "instructors" / "assessment"
LESSONS = sorted(p.stem for p in (ROOT / "notebooks").glob("0[0-6]-*.ipynb"))
QUESTION = re.compile(r"^### Q(\d+) \((multiple choice|short answer)\)$", re.MULTILINE)
# A cited row: `table` `id` (or `table` id for event, statement and forecast ids).
CITED = re.compile(r"`(\w+)` (?:`([\w.-]+)`|([A-Z]\d{2,3})\b)")
EVENT_DATE = re.compile(r"\bE(\d{3}), (\d{4}-\d{2}-\d{2})")


def questions(lesson: str) -> list[tuple[str, str]]:
    text = (BANKS / f"{lesson}.md").read_text(encoding="utf-8")
    parts = QUESTION.split(text)[1:]
    return [(parts[i + 1], parts[i + 2]) for i in range(0, len(parts), 3)]


def table(name: str) -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / f"{name}.csv", dtype=str, keep_default_na=False)


@pytest.mark.parametrize("lesson", LESSONS)
def test_each_lesson_has_a_bank_of_8_to_10_questions_with_keys(lesson):
    found = questions(lesson)
    assert 8 <= len(found) <= 10
    for kind, body in found:
        if kind == "short answer":
            assert "**Key:**" in body
            continue
        letters = re.findall(r"^- ([a-d])\) ", body, re.MULTILINE)
        answer = re.search(r"\*\*Answer: ([a-d])", body)
        assert len(letters) >= 3 and answer and answer.group(1) in letters, body[:200]
        for letter in set(letters) - {answer.group(1)}:  # why each distractor is wrong
            assert re.search(rf"\b{letter}(, [a-d])*( and [a-d])? (is|are) wrong", body), (lesson, letter, body[:120])


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_cited_row_exists_and_every_event_date_matches(lesson):
    text = (BANKS / f"{lesson}.md").read_text(encoding="utf-8")
    tables = {p.stem for p in (ROOT / "data").glob("*.csv")}
    cited = [(t, quoted or bare) for t, quoted, bare in CITED.findall(text) if t in tables]
    assert cited, "a bank cites the rows it rests on"
    for name, row_id in cited:
        rows = table(name)
        if row_id in rows.columns:  # "`facilities` `offered_at_hanoi`" names a column
            continue
        assert row_id in set(rows.iloc[:, 0]), f"`{name}` has no row {row_id}"
    events = table("events").set_index("event_id")["date"]
    for number, date in EVENT_DATE.findall(text):
        assert events[f"E{number}"] == date, f"E{number} is dated {events[f'E{number}']}, not {date}"


def test_facts_the_banks_state_hold_in_the_data():
    commitments = table("commitments")
    singapore = commitments[commitments["agreement_id"] == "singapore-2018"]
    features = ["has_deadline", "has_verification", "names_facility", "quantified", "reciprocal_step"]
    assert (singapore[features] == "false").all().all()                       # 02 Q1
    assert (commitments.loc[commitments["agreement_id"] == "panmunjom-2018", "quantified"] == "false").all()  # 02 Q5
    priorities = table("priority_orders")
    later = priorities[priorities["variant"] == "with-later-statements"]
    assert later.query("party == 'DPRK' and rank == '4'")["pillar"].tolist() == ["denuclearization"]  # 04 Q1
    assert set(priorities.query("party == 'US' and rank == '1'")["pillar"]) == {"denuclearization"}  # 04 Q2
    facilities = table("facilities").set_index("facility_id")
    assert facilities.loc["yongbyon", "offered_at_hanoi"] == "true"
    assert facilities.loc["kangson", "declared_by_dprk"] == "false"
    forecasts = table("forecasts").set_index("forecast_id")
    scores = {f: (float(forecasts.loc[f, "probability"]) - (forecasts.loc[f, "outcome"] == "true")) ** 2
              for f in ("F02", "F03", "F04")}
    assert forecasts.loc["F02", "outcome"] == "false" and scores["F03"] == scores["F04"]  # 06 Q2, Q8
    launches = table("missile_launches")
    classes = launches.loc[launches["date_utc"].str.startswith("2019"), "missile_class"]
    assert "ICBM" not in set(classes) and (classes == "SRBM").mean() > 0.5  # 06 Q4


def test_every_reflection_and_design_task_has_a_rubric():
    text = (ROOT / "instructors" / "rubrics.md").read_text(encoding="utf-8")
    lessons = {name.split("-")[0] for name in LESSONS}
    wanted = [e.id for e in catalogue().values() if e.kind == "reflection" and e.id.split(".")[0] in lessons]
    wanted += ["04.6", "05.7"]
    for exercise_id in wanted:
        section = re.search(rf"^## {re.escape(exercise_id)} (.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
        assert section, f"no rubric for {exercise_id}"
        body = section.group(1)
        assert "min" in section.group(0).splitlines()[0]  # how long marking takes
        assert all(f"- **{level}** —" in body for level in "3210"), exercise_id  # an example per level
