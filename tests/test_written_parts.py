"""Every written exercise has a rubric and an exemplar, and the exemplar stays out of the student's copy.

Written exercises are the catalogue's reflections (kind "reflection": 01.9's explanation, the
theory exercises 02.8, 03.9, 04.9, 05.9, 06.10 and 07.9, and the older reflections) and the open
tasks whose reasoning is marked by hand (04.6, 05.7, 06.9). Each needs a section of
instructors/rubrics.md; each but the two design tasks (whose model answers are code) needs an
exemplar (a Markdown solution block) in its exercise source that the student notebook must not
show (issue 28, item 4).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from summitlab.checks import catalogue

ROOT = Path(__file__).resolve().parent.parent
RUBRICS = (ROOT / "instructors" / "rubrics.md").read_text(encoding="utf-8")
MARKED_BY_HAND = {"04.6", "05.7", "06.9"}
WRITTEN = sorted(eid for eid, e in catalogue().items() if e.kind == "reflection" or eid in MARKED_BY_HAND)
# The design tasks' model answers are code (the road map, the plan); the others' are prose.
WITH_PROSE_EXEMPLAR = [eid for eid in WRITTEN if eid not in {"04.6", "05.7"}]
# The written exercises issue 28 added: one per lesson 02-07 applies its theory reading.
THEORY = {"02.8": "Abbott", "03.9": "Putnam", "04.9": "Fearon", "05.9": "Coe and Vaynman",
          "06.10": "Tetlock", "07.9": "Fearon"}


def _section(text: str, exercise_id: str) -> str:
    """The text from the heading "## <id> " to the next heading of the same level."""
    match = re.search(rf"^# ## {re.escape(exercise_id)} .*?(?=^# ## )", text, flags=re.M | re.S)
    assert match, f"no section for {exercise_id}"
    return match.group(0)


def _source(exercise_id: str) -> Path:
    return next((ROOT / "exercises" / "source").glob(f"{exercise_id.split('.')[0]}-*.py"))


def test_the_new_written_exercises_are_in_the_catalogue():
    assert {"01.9", *THEORY, "06.9"} <= set(WRITTEN)


@pytest.mark.parametrize("exercise_id", WRITTEN)
def test_each_written_exercise_has_a_rubric_with_four_levels(exercise_id):
    match = re.search(rf"^## {re.escape(exercise_id)} .*?(?=^## |\Z)", RUBRICS, flags=re.M | re.S)
    assert match, f"instructors/rubrics.md has no section '## {exercise_id} …'"
    levels = re.findall(r"^\| ([0-3]) \|", match.group(0), flags=re.M)
    assert levels == ["3", "2", "1", "0"], f"{exercise_id}: the rubric's levels are {levels}"


@pytest.mark.parametrize("exercise_id", WITH_PROSE_EXEMPLAR)
def test_each_written_exercise_has_an_exemplar_only_in_the_solutions(exercise_id):
    section = _section(_source(exercise_id).read_text(encoding="utf-8"), exercise_id)
    blocks = re.findall(r"<!-- BEGIN SOLUTION -->(.*?)<!-- END SOLUTION -->", section, flags=re.S)
    assert blocks and all(len(b.split()) >= 40 for b in blocks), f"{exercise_id}: no exemplar of substance"
    stem = _source(exercise_id).stem
    student = json.loads((ROOT / "exercises" / f"{stem}.ipynb").read_text(encoding="utf-8"))
    solution = json.loads((ROOT / "exercises" / "solutions" / f"{stem}-solutions.ipynb").read_text(encoding="utf-8"))
    first_line = next(line.lstrip("# ").strip() for line in blocks[0].splitlines() if line.strip("# ").strip())
    shown = lambda notebook: any(first_line in "".join(c["source"]) for c in notebook["cells"])  # noqa: E731
    assert shown(solution), f"{exercise_id}: the solutions notebook lacks the exemplar"
    assert not shown(student), f"{exercise_id}: the student notebook shows the exemplar"


@pytest.mark.parametrize(("exercise_id", "author"), THEORY.items())
def test_each_theory_exercise_names_its_lesson_reading(exercise_id, author):
    section = _section(_source(exercise_id).read_text(encoding="utf-8"), exercise_id)
    prompt = section.split("<!-- BEGIN SOLUTION -->")[0]
    assert author in prompt and "Objective: evaluate a theory's expectation" in prompt
    lesson = next((ROOT / "notebooks" / "source").glob(f"{exercise_id.split('.')[0]}-*.py")).read_text(encoding="utf-8")
    theory = lesson.split("## Theory and further reading", 1)[1].split("\n# ## ", 1)[0]
    assert author.split(" and ")[0] in theory, f"{exercise_id}: {author} is not the lesson's theory reading"


# --- the exemplars' numbers are the data's ------------------------------------------------------
# Exemplars are prose, so their numbers are typed; each is recomputed here from the tables, so
# that a correction to the data that changes one fails this test instead of leaving the exemplar
# wrong.

def _exemplar(exercise_id: str) -> str:
    section = _section(_source(exercise_id).read_text(encoding="utf-8"), exercise_id)
    text = "".join(re.findall(r"<!-- BEGIN SOLUTION -->(.*?)<!-- END SOLUTION -->", section, flags=re.S))
    return re.sub(r"\s+", " ", text.replace("\n#", "\n"))


WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def _expected_numbers() -> dict[str, list[str]]:
    import pandas as pd

    from summitlab.data import load

    yields = load("nuclear_yield_estimates").query("test_number == 6")
    figures = yields[["yield_low_kt", "yield_central_kt", "yield_high_kt"]].stack().astype(float)
    features = ["has_deadline", "has_verification", "names_facility", "quantified", "reciprocal_step"]
    score = load("commitments").groupby("agreement_id")[features].mean().mean(axis=1) * 100
    contacts = load("negotiation_contacts").query("date <= '2019-12-31' and happened == 'held'")
    events = load("events")
    steps = events[events["event_type"].isin(["detainee release", "remains repatriation", "dismantlement"])]
    followed = {channel: (sum(((steps["date"] > d) & (steps["date"] <= d + pd.Timedelta(days=60))).any()
                              for d in group["date"]), len(group))
                for channel, group in contacts.groupby(contacts["channel"].astype(str))}
    orders = load("roadmaps")
    peaks = {}
    for name in ("denuclearization-first", "hanoi-us-big-deal", "phased-synchronized", "hanoi-dprk-offer"):
        catalogue = load("roadmap_steps").set_index("step_id")
        balance, path = {"US": 0.0, "DPRK": 0.0}, {"US": [0.0], "DPRK": [0.0]}
        for step in orders[orders["roadmap_id"] == name].sort_values("position")["step_id"]:
            actor, other = str(catalogue.loc[step, "actor"]), "US" if str(catalogue.loc[step, "actor"]) == "DPRK" else "DPRK"
            balance[actor] += float(catalogue.loc[step, "cost"])
            balance[other] -= float(catalogue.loc[step, "value"])
            for party in path:
                path[party].append(balance[party])
        peaks[name] = {party: max(values) for party, values in path.items()}
    warheads = load("stockpile_estimates").query("unit == 'warheads'")
    warheads = warheads[warheads["as_of"].dt.year == 2018]
    article = load("forecasts").query("stance == 'article' and not forecast_id.str.startswith('H')")  # H: lesson 07
    brier = float(((article["probability"] - article["outcome"].astype(float)) ** 2).mean())
    icbm = load("missile_launches").query("missile_class == 'ICBM'")["date_utc"]
    return {
        "01.9": [f"The {WORDS[len(yields)]} estimates", f"{figures.min():g} kt", f"{figures.max():g} kt"],
        "02.8": [f"(about {score['initial-actions-2007']:.0f})", f"(about {score['cma-2018']:.0f})",
                 f"Singapore statement ({score['singapore-2018']:.0f})", f"2005 (about {score['six-party-2005']:.0f})"],
        "03.9": [f"({followed['ministerial'][0]} of {followed['ministerial'][1]})",
                 f"({followed['envoy or working level'][0]} of {followed['envoy or working level'][1]})",
                 f"({followed['leader summit'][0]} of {followed['leader summit'][1]})",
                 f"({followed['leader letter'][0]} of {followed['leader letter'][1]})", f"on {WORDS[len(steps)]} concrete steps"],
        "04.9": [f"peak at {peaks['hanoi-us-big-deal']['US']:g} and push Pyongyang's to {peaks['hanoi-us-big-deal']['DPRK']:g}",
                 f"Pyongyang's peak at {peaks['phased-synchronized']['DPRK']:g}",
                 f"(Washington's at {peaks['phased-synchronized']['US']:g} and {peaks['hanoi-dprk-offer']['US']:g})"],
        "05.9": [f"run from {warheads['low'].min():g} to {warheads['high'].max():g}",
                 f"The {WORDS[len(warheads)]} warhead estimates"],
        "06.10": [f"score about {brier:.2f}"],
        "07.9": [f"{int(icbm.between('2019-03-01', '2022-09-07').sum())} from March 2019 to the law",
                 f"against {int((icbm > '2022-09-08').sum())} in the roughly two years"],
    }


@pytest.mark.parametrize("exercise_id", sorted(_expected_numbers()))
def test_the_exemplars_numbers_are_the_datas(exercise_id):
    text = _exemplar(exercise_id)
    for phrase in _expected_numbers()[exercise_id]:
        assert phrase in text, f"{exercise_id}: the exemplar should say '{phrase}' (recomputed from the data)"
