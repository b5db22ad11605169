"""The assessment banks and rubrics in instructors/ are complete and agree with the course data."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from summitlab.checks import catalogue

ROOT = Path(__file__).resolve().parent.parent
BANKS = ROOT / "instructors" / "assessment"
LESSONS = sorted(p.stem for p in (ROOT / "notebooks").glob("0*-*.ipynb"))  # 00, 00p, 01–07
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


def answer(lesson: str, number: int) -> str:
    """The bank's text for question `number`: the option marked right, or the short-answer key."""
    kind, body = questions(lesson)[number - 1]
    if kind == "short answer":
        return body.split("**Key:**")[1]
    letter = re.search(r"\*\*Answer: ([a-d])", body).group(1)
    return re.search(rf"^- {letter}\) (.*)$", body, re.MULTILINE).group(1)


def brier(forecast_id: str) -> float:
    row = table("forecasts").set_index("forecast_id").loc[forecast_id]
    return (float(row["probability"]) - (row["outcome"] == "true")) ** 2


def test_facts_the_primer_bank_states_hold_in_the_data():
    tests = pd.read_csv(ROOT / "data" / "nuclear_tests.csv").set_index("test_number")
    fifth = pd.to_datetime(pd.Series([tests.loc[5, "time_utc"]]))
    assert fifth.dt.tz_convert("Asia/Pyongyang").dt.strftime("%H:%M:%S").iloc[0] == answer("00p-python-primer", 4)
    assert fifth.dt.tz_convert("Asia/Seoul").dt.strftime("%H:%M:%S").iloc[0] == "09:30:01"      # its distractor c
    launches = table("missile_launches")
    years = launches["date_utc"].str[:4].astype(int)
    per_year = years[years.between(2012, 2017)].value_counts()
    assert str(per_year.idxmax()) == answer("00p-python-primer", 5)                       # 00p Q5
    long_range = years[launches["missile_class"].isin(["ICBM", "IRBM"])].value_counts()
    assert long_range[2017] > long_range[2016] and per_year[2017] < per_year[2016]         # distractor d


def test_facts_the_lesson_07_bank_states_hold_in_the_data():
    launches = table("missile_launches").set_index("launch_id")
    years = launches["date_utc"].str[:4].astype(int)
    icbm = launches[launches["missile_class"] == "ICBM"].sort_values("date_utc")
    assert icbm.query("date_utc < '2018'").index[-1] == "L2017-21"                           # Q1
    assert icbm.query("date_utc >= '2018'").index[0] == "L2022-12"
    assert answer("07-after-hanoi", 1) == icbm.query("date_utc >= '2018'")["date_utc"].iloc[0][:4]
    assert launches.loc["L2022-12", "date_utc"] == "2022-03-16"
    assert not years[launches["missile_class"] == "ICBM"].between(2019, 2021).any()          # Q1, Q8
    in_2019 = launches[years == 2019]
    assert (in_2019["missile_class"] == "SLBM").sum() == 1 and (in_2019["missile_class"] == "SRBM").mean() > 0.5
    assert in_2019.sort_values("date_utc").index[0] == "L2019-01"                             # Q8
    assert in_2019.loc["L2019-01", ["date_utc", "classification_disputed"]].tolist() == ["2019-04-17", "true"]
    counts = years[years.between(2019, 2026)].value_counts()
    assert counts.idxmax() == 2022 and counts[2022] == years.value_counts().max()            # Q8
    assert answer("07-after-hanoi", 8).split(",")[0].strip() == str(counts.idxmax())
    events = table("events").set_index("event_id")
    hwasong19 = launches[launches["missile_name"] == "Hwasong-19"].iloc[0]                     # Q2
    moment = pd.Timestamp(f"{hwasong19['date_utc']} {hwasong19['time_utc']}", tz="UTC")
    assert hwasong19["date_utc"] == "2024-10-30" and hwasong19["missile_name"] == "Hwasong-19"
    assert moment.tz_convert("Asia/Pyongyang").strftime("%Y-%m-%d %H:%M") == "2024-10-31 07:11"
    assert events.loc["E145", "date"] == "2024-10-31" and "Hwasong-19" in events.loc["E145", "summary"]
    assert brier("H07") == pytest.approx(0.01)                                                # Q3
    assert brier("H08") == brier("H09") == pytest.approx(0.81)
    assert all(f"= {brier(f):.2f}" in answer("07-after-hanoi", 3) for f in ("H07", "H08"))
    assert all(brier(f) == pytest.approx(0.0625) for f in ("H01", "H02", "H03"))              # Q4
    contacts = table("negotiation_contacts").set_index("contact_id")
    assert contacts.loc["2019-10-05-stockholm-talks", "channel"] == "envoy or working level"
    estimates = table("stockpile_estimates").set_index("estimate_id")                         # Q5
    bounds = estimates[["low", "high"]]
    assert bounds.loc["se-016"].tolist() == ["40", "50"] and bounds.loc["se-017"].tolist() == ["", "20"]
    assert bounds.loc["se-023"].tolist() == ["50", "50"] and "assembled" in estimates.loc["se-017", "note"]
    assert (estimates.loc[["se-016", "se-017", "se-023"], "quantity"] == "warheads").all()
    statements = table("statements").set_index("statement_id")                                # Q6, Q7
    assert statements.loc["S084", "party"] == "DPRK"
    assert statements.loc["S094", ["date", "party"]].tolist() == ["2025-09-21", "DPRK"]
    assert events.loc["E150", "date"] == "2025-09-21" and "denuclearization" in statements.loc["S094", "paraphrase"]
    assert statements.loc["S091", "party"] == "US" and "Singapore" in statements.loc["S091", "paraphrase"]
