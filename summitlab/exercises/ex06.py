"""Exercise notebook 06 (Hanoi and after): encode forecasts, score them, compare 2019 with 2017.

Every expectation is derived here from the course data by another route than the model answer
takes: the encoded forecasts come from the ``forecasts`` table (the student types them from the
prose); the Brier score is a plain loop over rows, not ``summitlab.models.forecasts``; the launch counts
use a Counter over (year, class) pairs, not a pandas groupby. Multiple-choice answers are stored
only as salted digests.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from summitlab.checks import Exercise, Mistake, Problem, chart, choice, frame, number, register
from summitlab.data import load
from summitlab.exercises.shared import launches_by_year_and_class, launches_by_year_and_class_judge

ENCODED_IDS = ("F02", "C02", "C04")
BIG_DEAL = "hanoi-us-big-deal"
YEARS = (2017, 2019)


# --- 06.1: the peak of an offer, walked step by step -----------------------------------------

def _walk(name: str = BIG_DEAL) -> list[dict[str, float]]:
    """Given, received and exposure of both parties after each step, from the two tables."""
    order = load("roadmaps")
    order = order[order["roadmap_id"].astype(str) == name].sort_values("position")
    catalogue = load("roadmap_steps").set_index("step_id")
    totals = {"US": [0.0, 0.0], "DPRK": [0.0, 0.0]}  # party: [given, received]
    path = []
    for step_id in order["step_id"].astype(str):
        actor = str(catalogue.at[step_id, "actor"])
        other = "US" if actor == "DPRK" else "DPRK"
        totals[actor][0] += float(catalogue.at[step_id, "cost"])
        totals[other][1] += float(catalogue.at[step_id, "value"])
        path.append({party: given - received for party, (given, received) in totals.items()})
    return path


def _peak(party: str = "DPRK", name: str = BIG_DEAL) -> float:
    return max([0.0] + [step[party] for step in _walk(name)])


def _final(party: str = "DPRK", name: str = BIG_DEAL) -> float:
    return _walk(name)[-1][party]


# --- 06.2: encode three forecasts ------------------------------------------------------------

def _encoded(flip_probability: bool = False, flip_outcome: bool = False) -> pd.DataFrame:
    table = load("forecasts").set_index("forecast_id")
    rows = []
    for forecast_id in ENCODED_IDS:
        p = float(table.at[forecast_id, "probability"])
        o = bool(table.at[forecast_id, "outcome"])
        rows.append({"forecast_id": forecast_id,
                     "probability": 1 - p if flip_probability else p,
                     "outcome": (not o) if flip_outcome else o})
    return pd.DataFrame(rows)


_ENCODE = frame(
    _encoded,
    columns=["forecast_id", "probability", "outcome"],
    tolerance=1e-6,
    mistakes=[
        Mistake(lambda: _encoded(flip_probability=True),
                "the probabilities are those of the answer 'no', not 'yes'.",
                ("Each probability is the chance that the question resolves YES.",
                 "'Almost certainly not' means a low probability of yes: 0.1, not 0.9.")),
        Mistake(lambda: _encoded(flip_outcome=True),
                "the outcomes are the wrong way round.",
                ("outcome is True when the question resolved yes, that is, when the event happened.",)),
    ],
    hints=("One row per forecast (F02, C02, C04) with the columns forecast_id, probability and outcome.",
           "Use the scale in the exercise: almost certainly not = 0.1, almost certainly = 0.9; outcome is True or False."),
)


def _encode_judge(answer: Any) -> Problem | None:
    if isinstance(answer, pd.DataFrame) and "outcome" in answer.columns:
        outcome = answer["outcome"]
        if outcome.map(lambda v: isinstance(v, str)).any():
            return Problem("the outcome column holds text; it should hold True or False.",
                           ("Write True and False without quotes.",))
    return _ENCODE(answer)


_encode_judge.info = _ENCODE.info


# --- 06.3: a Brier score by hand ----------------------------------------------------------------

def _contrary_rows(stance: str | None = "contrary") -> list[tuple[float, float]]:
    table = load("forecasts")
    table = table[~table["forecast_id"].str.startswith("H")]  # H rows: lesson 07's horizons
    pairs = []
    for _, row in table.iterrows():
        if stance is None or str(row["stance"]) == stance:
            pairs.append((float(row["probability"]), 1.0 if bool(row["outcome"]) else 0.0))
    return pairs


def _brier(stance: str | None = "contrary") -> float:
    pairs = _contrary_rows(stance)
    return sum((p - o) ** 2 for p, o in pairs) / len(pairs)


def _mean_absolute(stance: str | None = "contrary") -> float:
    pairs = _contrary_rows(stance)
    return sum(abs(p - o) for p, o in pairs) / len(pairs)


# --- 06.5 and 06.6: launches by class, 2017 against 2019 ----------------------------------------

_by_class_judge = launches_by_year_and_class_judge(
    YEARS,
    hints=("Add a year column from date_utc, keep 2017 and 2019, group by year and missile_class, count with .size().",
           "Group by both columns at once, with observed=True, count the rows of each group, and name "
           "the count launches when you turn the result back into a table."),
)


def _comparison_bars() -> pd.DataFrame:
    """What the 06.6 chart draws: one bar per year and class, as long as its missiles."""
    table = launches_by_year_and_class(YEARS)
    return pd.DataFrame({"x": table["launches"], "y": table["missile_class"],
                         "color": table["year"], "yOffset": table["year"]})


register(
    Exercise(
        id="06.1",
        title="North Korea's peak exposure under the US big deal",
        objective="Run the road-map model on a Hanoi offer and read its peak exposure.",
        judge=number(
            _peak,
            tolerance=1e-6,
            mistakes=[
                Mistake(_final, "that is North Korea's exposure at the end of the road map, not its peak.",
                        ("The peak is the highest exposure reached at any step, not the last one.",)),
                Mistake(lambda: _peak("US"), "that is the peak exposure of the United States.",
                        ("Read the row of the party DPRK.",)),
                Mistake(lambda: _peak("DPRK", "hanoi-dprk-offer"), "that is the peak under the DPRK's own offer.",
                        ("Use the road map named 'hanoi-us-big-deal'.",)),
            ],
            hints=("rd.compare(['hanoi-us-big-deal']) has a peak_exposure column for each party.",
                   "Walk the steps in order: after each, add what North Korea gave and subtract what it "
                   "received; the peak is the largest running total."),
        ),
        section="What did each offer ask of the other side?",
    ),
    Exercise(
        id="06.2",
        title="Encode three forecasts",
        objective="Turn verbal expectations and outcomes into a table of probabilities and true/false outcomes.",
        judge=_encode_judge,
        section="How good were the forecasts?",
    ),
    Exercise(
        id="06.3",
        title="The Brier score of the contrary forecasts",
        objective="Compute the Brier score of a set of probability forecasts.",
        judge=number(
            _brier,
            decimals=2,
            mistakes=[
                # At two decimals, scoring all ten forecasts and scoring the probability of "no"
                # give the same number: one mistake, one message naming both routes.
                Mistake(lambda: _brier(None),
                        "that is what scoring all ten forecasts gives, and also about what scoring the "
                        "probability of 'no' gives: keep only the contrary rows, and score the probability of yes.",
                        ("Keep the rows whose stance is 'contrary' first.",
                         "Use the probability column as it is: it is the probability of yes.")),
                Mistake(_mean_absolute, "that is the mean absolute error, not the mean squared error.",
                        ("Square each difference (p - o) before taking the mean: (p - o) ** 2.",)),
                Mistake(lambda: _brier() ** 0.5, "that is the square root of the Brier score.",
                        ("The Brier score is the mean of the squared errors; do not take a square root.",)),
            ],
            hints=("Convert outcome to 0/1 with .astype(int), then take ((probability - outcome) ** 2).mean().",
                   "Keep only the rows whose stance is 'contrary' before computing."),
        ),
        section="How good were the forecasts?",
    ),
    Exercise(
        id="06.4",
        title="Against the no-skill baseline",
        objective="Compare Brier scores with a no-skill baseline and say what the comparison shows.",
        judge=choice(
            "a94414cd9ccc52e414421d7da90bc15c2ea6c2761bffebe123e1e6d39c072fcf",
            salt="06.4",
            options="abcd",
            feedback={
                "a": "Compute the contrary group's score: is it below 0.25?",
                "c": "Compute the article group's score: is it above 0.25?",
                "d": "Being made closer to the event did not help these forecasts; compare the two scores.",
            },
            hints=("Always saying 0.5 scores exactly 0.25: a lower score beats the baseline.",),
        ),
        section="How good were the forecasts?",
    ),
    Exercise(
        id="06.5",
        title="Missiles by class, 2017 against 2019",
        objective="Count missile launches by year and class with a groupby.",
        judge=_by_class_judge,
        section="After Hanoi: which constraints held?",
    ),
    Exercise(
        id="06.6",
        title="Chart the comparison",
        objective="Build a bar chart with explicit encodings, a tooltip, a title and a description.",
        judge=chart(
            mark="bar",
            encodings={"x": "launches:Q", "y": "missile_class:N", "color": "year:N", "yOffset": "year:N"},
            expected=_comparison_bars,
            hints=("x=alt.X('launches:Q'), y=alt.Y('missile_class:N'), color=alt.Color('year:N'); "
                   "add yOffset=alt.YOffset('year:N') to put the two years side by side.",),
        ),
        section="After Hanoi: which constraints held?",
    ),
    Exercise(
        id="06.7",
        title="Which constraint held?",
        objective="Read the 2019 launch and test record against the moratorium's scope.",
        judge=choice(
            "4fb1bbf527550f6151382b5c8e2283fc4cbf8b600c71bed9716957de6bee7310",
            salt="06.7",
            options="abcd",
            feedback={
                "a": "Count missiles (rows), not launch days: a salvo of several missiles on one day is several rows.",
                "c": "Look for the class SLBM in your 2019 counts.",
                "d": "Look at the longest distance_km in 2019.",
            },
            hints=("Check each option against your table from 06.5 and the nuclear_tests table.",),
        ),
        section="After Hanoi: which constraints held?",
    ),
    Exercise(
        id="06.8",
        title="Reflection: your own forecast",
        objective="State a probability forecast for a named question, with reasoning from course data.",
        judge=lambda answer: None,
        kind="reflection",
    ),
)


# --- 06.9: evidence cards of the student's own (issue 28) -------------------------------------
# An open exercise: the check tests the form of the cards (real tables, quoted values, both
# sides, two arguments); which cards, and how they are weighed, is marked with the rubric.

CARD_COLUMNS = ("argument", "effect", "table", "value", "evidence")
ARGUMENTS = ("process", "sequencing", "road map")
EFFECTS = ("supports", "undercuts")
MIN_CARDS = 3
_NUMBER = r"-?\d+(?:[.,]\d+)?"


def _quotes(text: str, value: float) -> bool:
    """Whether ``text`` states ``value`` (to the decimals it is written with); a share may be
    written as a percentage (0.4 as "40%", as f"{share:.0%}" writes it)."""
    import re

    for token, percent in re.findall(rf"({_NUMBER})\s*(%?)", text.replace(",", "").replace("\u2212", "-")):
        decimals = len(token.split(".")[1]) if "." in token else 0
        if abs(float(token) - value) <= 0.5 * 10 ** -decimals + 1e-9:
            return True
        if percent and abs(float(token) / 100 - value) <= 0.5 * 10 ** -(decimals + 2) + 1e-9:
            return True
    return False


def _judge_cards(answer: Any) -> Problem | None:
    if not isinstance(answer, pd.DataFrame):
        return Problem("the answer should be a table (DataFrame) with one row per card.",
                       ("Build it with pd.DataFrame([...], columns=[...]), one tuple per card.",
                        f"The columns are {', '.join(CARD_COLUMNS)}."))
    missing = [c for c in CARD_COLUMNS if c not in answer.columns]
    if missing:
        return Problem(f"the table lacks the column(s): {', '.join(missing)}.",
                       ("Name the columns exactly as the exercise does.",))
    cards = answer.reset_index(drop=True)
    if len(cards) < MIN_CARDS:
        return Problem(f"the table has {len(cards)} card(s); the exercise asks for at least {MIN_CARDS}.",
                       ("Add a card for each argument you can test with a course table.",))
    for column, allowed in (("argument", ARGUMENTS), ("effect", EFFECTS)):
        wrong = sorted({str(v) for v in cards[column] if str(v) not in allowed})
        if wrong:
            return Problem(f"the {column} column holds {', '.join(repr(w) for w in wrong)}; it takes "
                           f"{', '.join(repr(a) for a in allowed)}.",
                           ("Use exactly these words, in lower case.",))
    known = set(_course_tables())
    unknown = sorted({str(v) for v in cards["table"] if str(v) not in known})
    if unknown:
        return Problem(f"these are not course tables: {', '.join(repr(u) for u in unknown)}.",
                       ("sl.tables() lists the names of the course's tables.",
                        "Name the table you computed the value from, as sl.load takes it."))
    values = pd.to_numeric(cards["value"], errors="coerce")
    if values.isna().any():
        row = int(values.isna().to_numpy().nonzero()[0][0]) + 1
        return Problem(f"card {row} has no number in its value column.",
                       ("Each card's value is a number you computed from the table.",
                        "Assign the computed variable, not a text."))
    for row, (text, value) in enumerate(zip(cards["evidence"].astype(str), values), start=1):
        if not _quotes(text, float(value)):
            return Problem(f"card {row}'s evidence sentence does not state its value.",
                           ("Build the sentence with an f-string that quotes the computed value.",
                            "The sentence and the value column should give the same number."))
    if cards["evidence"].astype(str).duplicated().any():
        return Problem("two cards have the same evidence sentence.",
                       ("Each card states a different fact.",))
    if cards["argument"].astype(str).nunique() < 2:
        return Problem("all your cards bear on one argument; the exercise asks for at least two.",
                       ("Add a card on another of the article's three arguments.",))
    if "undercuts" not in set(cards["effect"].astype(str)):
        return Problem("no card undercuts the article: the debate needs the evidence against it too.",
                       ("Look for a number that the article's argument would not lead you to expect.",
                        "The lesson's synthesis section shows cards on both sides."))
    return None


def _course_tables() -> list[str]:
    from summitlab.data import tables

    return tables()


register(
    Exercise(
        id="06.9",
        title="Build your own evidence cards",
        objective="Build evidence cards from course data and weigh them for and against the article's arguments.",
        judge=_judge_cards,
        section="Synthesis: which argument does the evidence support most?",
    ),
    Exercise(
        id="06.10",
        title="Theory against data: judging forecasts",
        objective="Evaluate a theory's expectation (Tetlock on expert forecasts) against the article's forecasts.",
        judge=lambda answer: None,
        kind="reflection",
    ),
)
