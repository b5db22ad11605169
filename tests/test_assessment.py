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


def test_facts_the_lesson_04_bank_states_hold_in_the_data():
    from summitlab.models import roadmap as model
    from summitlab.models import roadmaps_data as rd

    priorities = table("priority_orders")
    later = priorities[priorities["variant"] == "with-later-statements"]
    dprk = later[later["party"] == "DPRK"].sort_values("rank")["pillar"].tolist()
    assert answer("04-sequencing", 1) == dprk[-1] and dprk[:3] == ["new relations", "peace regime", "sanctions relief"]
    us = priorities[priorities["party"] == "US"].sort_values("rank")["pillar"].drop_duplicates().tolist()
    assert answer("04-sequencing", 2) == us[0] and us[1] == "sanctions relief" and "peace regime" not in us  # Q2, Q7
    path = model.exposure(rd.roadmap("phased-synchronized"))                                  # Q3
    assert (path["exposure"] == path["given"] - path["received"]).all()
    assert "given" in answer("04-sequencing", 3) and "received" in answer("04-sequencing", 3)
    steps = table("roadmap_steps")                                                            # Q5
    assert steps["reasoning"].str.startswith("ASSUMPTION").all()
    _, body = questions("04-sequencing")[3]                                                   # Q4
    options = dict(re.findall(r"^- ([a-d])\) (.*)$", body, re.MULTILINE))
    broken = {rules: [k for k, text in options.items()
                      if model.rule_violations(pd.DataFrame({"category": text.split(", then ")}), rules)]
              for rules in model.RULE_SETS}
    key = re.search(r"\*\*Answer: ([a-d])", body).group(1)
    assert broken == {"declaration-first": [key], "freeze-first": []}  # the key names its rule set
    assert "`declaration-first` rule set" in body and "none of the four" in body
    assert not re.search(r"summitlab/roadmap\.py|ARMS_CONTROL_RULES", (BANKS / "04-sequencing.md").read_text())
    agreements = table("agreements").set_index("agreement_id")                               # Q6
    assert agreements.loc["hanoi-2019", "kind"] == "no agreement" and "cut short" in answer("04-sequencing", 6)
    facilities = table("facilities").set_index("facility_id")                                 # Q8
    offered = facilities[facilities["offered_at_hanoi"] == "true"]
    assert answer("04-sequencing", 8).lower() in {n.split()[0].lower() for n in offered["name"]}
    assert (facilities.loc[[i for i in facilities.index if i.startswith(("kangson", "sino-ri", "punggye"))],
                           "offered_at_hanoi"] == "false").all()


def events_table() -> pd.DataFrame:
    return table("events").set_index("event_id")


def test_facts_the_lesson_00_bank_states_hold_in_the_data():
    import summitlab as sl
    from summitlab import check

    launches = table("missile_launches")
    row = launches[(launches["date_utc"] == "2017-07-04") & launches["time_utc"].str.startswith("00:40")]
    assert len(row) == 1                                                                          # Q1
    seoul = pd.Timestamp("2017-07-04 00:40", tz="UTC").tz_convert("Asia/Seoul")
    assert answer("00-start-here", 1) == seoul.strftime("%Y-%m-%d")
    tables = [p.stem for p in (ROOT / "data").glob("*.csv") if p.stem != "sources"]               # Q2
    assert all(any(c.endswith("source_id") for c in table(name).columns) for name in tables)
    first = next(e for e in catalogue().values() if e.id.startswith("00.") and e.kind == "checked")
    assert check(first.id, ...).status == "not yet" and "`...`" in answer("00-start-here", 3)     # Q3
    # Q4: a salvo is several rows of one day, and no column counts missiles within a row
    # (count_source_id names who counted, it holds no count).
    assert launches["date_utc"].value_counts().max() > 1
    assert not [c for c in launches.columns if c == "count" or (c.endswith("count") or c.startswith("n_"))]
    events = events_table()                                                                       # Q5
    summits = events[(events["track"] == "US-DPRK") & (events["event_type"] == "summit")]
    assert summits.loc[["E046", "E072", "E081"], "date"].tolist() == ["2018-06-12", "2019-02-27", "2019-06-30"]
    assert "Singapore" in events.loc["E046", "location"] and "Hanoi" in events.loc["E072", "location"]
    assert pd.api.types.is_datetime64_any_dtype(sl.load("events")["date"])                        # Q6
    assert not pd.api.types.is_datetime64_any_dtype(pd.read_csv(ROOT / "data" / "events.csv")["date"])
    conventions = (ROOT / "data" / "CONVENTIONS.md").read_text(encoding="utf-8")                  # Q7
    assert "Events: the **local date where the event happened**" in conventions                # Q7


def test_facts_the_lesson_01_bank_states_hold_in_the_data():
    events = events_table()
    options = {"E046": "the Singapore summit", "E019": "North Korea's sixth nuclear test",
               "E035": "the first Moon–Kim summit at Panmunjom", "E026": "Kim's 2018 New Year address"}
    assert answer("01-crisis-to-summit", 1) == options[events.loc[list(options), "date"].idxmin()]   # Q1
    in_2018 = events[events["date"].str.startswith("2018")
                     & events["track"].isin(["US-DPRK", "inter-Korean", "China-DPRK"])].sort_values("date")
    assert answer("01-crisis-to-summit", 2) == in_2018["track"].iloc[0]                           # Q2
    assert in_2018.loc[in_2018["track"] == "US-DPRK", "date"].iloc[0] == events.loc["E030", "date"]
    assert in_2018.loc[in_2018["track"] == "China-DPRK", "date"].iloc[0] == events.loc["E031", "date"]
    missiles = {"E024": "Hwasong-15 (ICBM)", "E021": "Hwasong-12 (IRBM)", "E012": "Hwasong-14 (ICBM)",
                "E013": "Hwasong-14 (ICBM)", "E002": "Pukguksong-2 (MRBM)"}                        # Q3
    assert all(name in events.loc[e, "summary"] for e, name in missiles.items())
    assert answer("01-crisis-to-summit", 3) == missiles["E024"].split(" (")[0]
    launches = table("missile_launches")
    utc = launches[(launches["missile_name"].str.contains("Hwasong-15")) & launches["date_utc"].str.startswith("2017")]
    assert utc["date_utc"].tolist() == ["2017-11-28"]  # Q4: the UTC date is the day before the local one
    assert "stop nuclear and ICBM tests" in events.loc["E034", "summary"]                          # Q5
    assert answer("01-crisis-to-summit", 5) == "stop nuclear and ICBM tests"
    assert events.loc["E039", "date"] == "2018-05-10" and "Singapore" in events.loc["E039", "summary"]
    yields = table("nuclear_yield_estimates")                                                     # Q6
    sixth = yields[yields["test_number"] == "6"]
    assert sixth["method"].nunique() > 1 and sixth["estimator"].nunique() > 1
    dates = events.loc[["E012", "E013", "E015", "E019"], "date"].tolist()                         # Q7
    assert dates == sorted(dates) and "fire and fury" in events.loc["E015", "summary"]
    assert events.loc["E025", "date"] == "2017-12-22" and events.loc["E025", "track"] == "sanctions"  # Q8


def test_facts_the_lesson_02_bank_states_hold_in_the_data():
    commitments = table("commitments").set_index("commitment_id")
    features = ["has_deadline", "has_verification", "names_facility", "quantified", "reciprocal_step"]
    point3 = commitments.loc["singapore-2018-05"]
    assert (point3[features] == "false").all() and answer("02-singapore-statement", 1) == "none"  # Q1
    assert "Panmunjom Declaration of 27 April 2018" in point3["commitment"]                       # Q2
    agreements = table("agreements").set_index("agreement_id")
    assert agreements.loc["panmunjom-2018", "date"] == "2018-04-27" == events_table().loc["E035", "date"]
    assert agreements.loc["pyongyang-2018", "date"] > agreements.loc["singapore-2018", "date"]
    numbered = commitments.loc[[f"singapore-2018-0{i}" for i in range(3, 7)]]                    # Q3
    assert numbered["position"].tolist() == ["1", "2", "3", "4"]
    assert numbered["pillar"].tolist() == ["new relations", "peace regime", "denuclearization", "remains/humanitarian"]
    assert commitments.loc["singapore-2018-02", "has_verification"] == "false"                   # Q4
    fuel = commitments.loc["agreed-framework-1994-03"]                                            # Q5
    assert fuel[["has_deadline", "quantified"]].tolist() == ["true", "true"]
    assert answer("02-singapore-statement", 5) == "the Agreed Framework of 1994"
    assert agreements.loc["hanoi-2019", "kind"] == "no agreement"
    assert "Secretary of State" in commitments.loc["singapore-2018-07", "commitment"]             # Q6
    assert answer("02-singapore-statement", 8) == point3["party_obligated"] == "DPRK"            # Q8
    assert commitments.loc["singapore-2018-01", "party_obligated"] == "US"
    assert set(commitments.loc[["singapore-2018-03", "singapore-2018-04", "singapore-2018-06"], "party_obligated"]) == {
        "US and DPRK"}


def test_facts_the_lesson_03_bank_states_hold_in_the_data():
    contacts = table("negotiation_contacts").set_index("contact_id")
    _, body = questions("03-policy-process")[0]                                                   # Q1
    options = dict(re.findall(r"^- ([a-d])\) (.*)$", body, re.MULTILINE))
    assert [k for k, v in options.items() if v not in set(contacts["channel"])] == [
        re.search(r"\*\*Answer: ([a-d])", body).group(1)]
    events = events_table()
    assert answer("03-policy-process", 2) in events.loc["E057", "summary"]                        # Q2
    assert "Trump called off" in events.loc["E058", "summary"]                                    # Q3
    assert contacts.loc["2018-08-24-pompeo-trip-cancelled", ["happened", "cancelled_by"]].tolist() == ["cancelled", "US"]
    assert events.loc[["E070", "E067"], "date"].tolist() == ["2019-02-05", "2019-01-19"]
    assert "Vietnam" in events.loc["E070", "summary"] and "Swedish" in events.loc["E067", "summary"]
    held = contacts[(contacts["channel"] == "envoy or working level") & (contacts["happened"] == "held")]  # Q4
    gaps = pd.to_datetime(held["date"]).sort_values().diff().dt.days
    assert gaps.max() > 180  # a half-year without a held working-level meeting, as the lesson finds
    pair = contacts.loc[["2019-01-18-kim-yong-chol-oval-office", "2019-01-18-kim-letter-via-kim-yong-chol"]]  # Q5
    assert pair["channel"].tolist() == ["ministerial", "leader letter"]
    assert events.loc[["E065", "E066"], "date"].tolist() == ["2019-01-18"] * 2
    assert events.loc["E091", "date"] == "2019-10-05" and "broken down" in events.loc["E091", "summary"].replace(
        "broke down", "broken down")                                                              # Q7
    assert "Choe Son Hui" in events.loc["E067", "summary"] and "Kim Hyok Chol" in events.loc["E071", "summary"]  # Q8


def test_facts_the_lesson_05_bank_states_hold_in_the_data():
    phases = table("roadmap_phases").set_index("phase_order")
    assert " ".join(phases.loc[["1", "2", "3"], "phase"]) == "halt roll back eliminate"           # Q1
    assert answer("05-arms-control-road-maps", 1) == ", ".join(phases.loc[["1", "2", "3"], "phase"])
    assert phases.loc["2", ["activities", "years_low", "years_high"]].tolist() == ["", "", ""]    # Q2
    per_weapon = table("fissile_material_per_weapon").set_index("assumption_id")                  # Q3
    assert float(per_weapon.loc["pu-per-weapon", "kg_low"]) < float(per_weapon.loc["pu-per-weapon", "kg_high"])
    facilities = table("facilities").set_index("facility_id")                                     # Q5
    assert facilities.loc["kangson", "declared_by_dprk"] == "false"
    assert (facilities.loc[["yongbyon-5mwe", "sohae", "punggye-ri"], "declared_by_dprk"] == "true").all()
    estimate = table("stockpile_estimates").set_index("estimate_id").loc["se-002"]                # Q8
    assert estimate[["estimator", "low", "high", "as_of"]].tolist() == ["SIPRI Yearbook", "10", "20", "2017-01-01"]
    assert answer("05-arms-control-road-maps", 8) == f"{estimate['low']} to {estimate['high']} warheads"


def test_facts_the_lesson_06_bank_states_hold_in_the_data():
    events = events_table()
    order = events.loc[["E072", "E081", "E091"], "date"].tolist()                                 # Q1
    assert order == sorted(order) and answer("06-hanoi-and-after", 1) == "Hanoi, DMZ meeting, Stockholm"
    forecasts = table("forecasts").set_index("forecast_id")
    assert forecasts.loc["F02", ["probability", "outcome"]].tolist() == ["0.1", "false"]          # Q2
    launches = table("missile_launches")                                                          # Q4
    in_2019 = launches[launches["date_utc"].str.startswith("2019")].sort_values("date_utc")
    classes = in_2019["missile_class"].value_counts()
    assert classes["SRBM"] > len(in_2019) / 2 and classes.get("unknown", 0) == 2 and classes["SLBM"] == 1
    assert "ICBM" not in classes.index
    slbm = in_2019[in_2019["missile_class"] == "SLBM"].iloc[0]  # the bank gives its local (Korean) date
    local = pd.Timestamp(f"{slbm['date_utc']} {slbm['time_utc']}", tz="UTC").tz_convert("Asia/Pyongyang")
    assert local.strftime("%Y-%m-%d") == "2019-10-02"
    assert events.loc["E090", "date"] == "2019-10-02" and "SLBM" in events.loc["E090", "summary"]
    after_first = in_2019[in_2019["classification_disputed"] != "true"]
    assert after_first["date_utc"].iloc[0] == events.loc["E076", "date"] == "2019-05-04"
    tests = table("nuclear_tests")
    assert tests["date_local"].max() == events.loc["E019", "date"]
    assert events.loc["E098", "date"] == "2019-12-28"                                             # Q5
    assert events.loc["E078", ["date", "event_type"]].tolist() == ["2019-06-11", "letter"]        # Q7
    assert events.loc["E081", "event_type"] == "summit"
    assert brier("F03") == brier("F04") == pytest.approx(0.0625)                                  # Q8
    assert answer("06-hanoi-and-after", 8) == "they scored the same"
