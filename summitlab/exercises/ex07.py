"""Exercise notebook 07 (after Hanoi): the end of the pause, contacts, estimates, forecasts.

Every expectation is derived here from the course data by another route than the model answer
takes: counts are loops over rows, not pandas groupbys or queries; the pause is computed from
plain Python dates; the Brier score is a plain sum. Multiple-choice answers are stored only as
salted digests.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from summitlab.checks import Exercise, Mistake, chart, choice, number, register
from summitlab.data import load

HANOI_END = date(2019, 2, 28)
ARTICLE_HORIZONS = ("H01", "H02", "H03", "H04", "H05", "H06")


# --- 07.1: missiles in 2022 ---------------------------------------------------------------------

def _rows_in(year: int) -> list[dict]:
    return [row for row in load("missile_launches").to_dict("records") if row["date_utc"].year == year]


def _missiles_in(year: int = 2022) -> int:
    return len(_rows_in(year))


def _launch_days_in(year: int = 2022) -> int:
    return len({row["date_utc"] for row in _rows_in(year)})


def _launch_events_in(year: int = 2022) -> int:
    return sum(1 for row in load("events").to_dict("records")
               if row["event_type"] == "missile launch" and row["date"].year == year)


# --- 07.2: the length of the pause ----------------------------------------------------------------

def _icbm_days(outcome: str | None = None, classes: tuple[str, ...] = ("ICBM",)) -> list[date]:
    return sorted(row["date_utc"].date() for row in load("missile_launches").to_dict("records")
                  if str(row["missile_class"]) in classes and (outcome is None or str(row["outcome"]) == outcome))


def _pause(outcome: str | None = None, classes: tuple[str, ...] = ("ICBM",), start: date | None = None) -> int:
    last_2017 = max(day for day in _icbm_days() if day.year == 2017)
    begin = start or last_2017
    after = min(day for day in _icbm_days(outcome, classes) if day > last_2017)
    return (after - begin).days


def _moratorium_day() -> date:
    events = {row["event_id"]: row for row in load("events").to_dict("records")}
    return events["E034"]["date"].date()


# --- 07.3: contacts held after Hanoi --------------------------------------------------------------

def _contacts_after(kinds: tuple[str, ...] | None = ("held",), since: date = HANOI_END, strict: bool = True) -> int:
    count = 0
    for row in load("negotiation_contacts").to_dict("records"):
        day = row["date"].date()
        later = day > since if strict else day >= since
        if later and (kinds is None or str(row["happened"]) in kinds):
            count += 1
    return count


# --- 07.4: SIPRI's estimates ----------------------------------------------------------------------

SIPRI = "SIPRI Yearbook"


def _estimate_points(estimator: str | None = SIPRI, column: str = "high") -> pd.DataFrame:
    """What the 07.4 chart draws: one point per estimate of ``estimator`` (every estimator when
    None) with a date and a figure; Vega leaves out a point whose date or figure is missing."""
    points = [{"x": row["as_of"], "y": float(row[column]), "color": str(row["quantity"])}
              for row in load("stockpile_estimates").to_dict("records")
              if (estimator is None or str(row["estimator"]) == estimator)
              and not pd.isna(row[column]) and not pd.isna(row["as_of"])]
    return pd.DataFrame(points, columns=["x", "y", "color"])


def _other_estimator() -> str:
    counts: dict[str, int] = {}
    for row in load("stockpile_estimates").to_dict("records"):
        if str(row["estimator"]) != SIPRI:
            counts[str(row["estimator"])] = counts.get(str(row["estimator"]), 0) + 1
    return max(counts, key=counts.get)


# --- 07.6: the Brier score of the article's forecasts at later horizons ------------------------------

def _pairs(ids) -> list[tuple[float, float]]:
    return [(float(row["probability"]), 1.0 if bool(row["outcome"]) else 0.0)
            for row in load("forecasts").to_dict("records") if row["forecast_id"] in ids]


def _h_ids(article_only: bool = True) -> tuple[str, ...]:
    ids = [row["forecast_id"] for row in load("forecasts").to_dict("records") if row["forecast_id"].startswith("H")]
    return tuple(i for i in ids if i in ARTICLE_HORIZONS) if article_only else tuple(ids)


def _brier(ids=None) -> float:
    pairs = _pairs(ids or _h_ids())
    return sum((p - o) ** 2 for p, o in pairs) / len(pairs)


def _mean_absolute() -> float:
    pairs = _pairs(_h_ids())
    return sum(abs(p - o) for p, o in pairs) / len(pairs)


register(
    Exercise(
        id="07.1",
        title="Missiles launched in 2022",
        objective="Compute how the launch record changed after the pause, counting rows by UTC year.",
        judge=number(
            _missiles_in,
            mistakes=[
                Mistake(_launch_days_in, "that is the number of days with a launch, not the number of missiles.",
                        ("One row is one missile: count rows, not distinct dates.",)),
                Mistake(_launch_events_in, "that is the number of 2022 launches in the events table, which lists "
                        "only key events.", ("Use the missile_launches table, not events.",)),
                Mistake(lambda: _missiles_in(2023), "that is the count for 2023.",
                        ("Filter on the year 2022: launches['date_utc'].dt.year == 2022.",)),
            ],
            hints=("launches['date_utc'].dt.year == 2022 selects the rows; len() counts them.",
                   "Put 2022 in the blank of the skeleton, then delete the ... line; the result is a whole number."),
        ),
    ),
    Exercise(
        id="07.2",
        title="How long did the pause last?",
        objective="Compute how long the pause on ICBM launches lasted, with date arithmetic on UTC dates.",
        judge=number(
            _pause,
            mistakes=[
                Mistake(lambda: _pause("success"), "you stopped at the first *successful* ICBM after the pause; "
                        "the first launch, even a failed one, ended the pause.",
                        ("Do not filter on outcome.",)),
                Mistake(lambda: _pause(classes=("ICBM", "IRBM")), "you stopped at the first IRBM; the moratorium "
                        "covered ICBMs.", ("Keep only missile_class == 'ICBM'.",)),
                Mistake(lambda: _pause(start=_moratorium_day()), "you counted from the moratorium of April 2018, "
                        "not from the last ICBM launch.", ("Start from the last ICBM of 2017.",)),
            ],
            hints=("Take the last ICBM date before 2018 and the first ICBM date after it; subtract them and read .days.",
                   "Both dates come from the icbms table: .max() of the dates before 2018, then .min() of the "
                   "dates later than that one."),
        ),
    ),
    Exercise(
        id="07.3",
        title="Contacts held after Hanoi",
        objective="Filter the contacts table by date and outcome to test the process argument after 2019.",
        judge=number(
            _contacts_after,
            mistakes=[
                Mistake(lambda: _contacts_after(None), "that counts every contact after Hanoi, including those "
                        "postponed, refused or never answered.", ("Keep only the rows where happened == 'held'.",)),
                Mistake(lambda: _contacts_after(("held", "announced")), "you also counted contacts that were only "
                        "announced.", ("'announced' means a source reported it, not that it took place.",)),
                # Not "from the start of 2019": with the 2020-2021 letters and outreach added (issue 27)
                # that count equals every contact after Hanoi, and two diagnoses would meet.
                Mistake(lambda: _contacts_after(since=date(2019, 2, 27), strict=False), "you counted from the "
                        "first day of the Hanoi summit, so Hanoi itself is in.",
                        ("Keep the dates after 28 February 2019, the last day of the Hanoi summit.",)),
            ],
            hints=("Keep the rows with two conditions at once: a date after 28 February 2019, and happened equal "
                   "to 'held'.",
                   "One .query() with and between the conditions keeps them; len() of that table is the answer."),
        ),
    ),
    Exercise(
        id="07.4",
        title="Chart SIPRI's estimates",
        objective="Chart the stockpile estimates over time with explicit encodings, a tooltip, a title and a description.",
        judge=chart(
            mark=("point", "circle", "square"),  # the text asks for "a point chart"
            encodings={"x": "as_of:T", "y": "high:Q", "color": "quantity:N"},
            expected=_estimate_points,
            mistakes=[
                Mistake(lambda: _estimate_points(None), "the chart shows every estimator's figures, not SIPRI's alone.",
                        ("Keep the rows whose estimator is 'SIPRI Yearbook' before you chart them.",)),
                Mistake(lambda: _estimate_points(_other_estimator()), "the chart shows another estimator's figures, "
                        "not SIPRI's.", ("Keep the rows whose estimator is 'SIPRI Yearbook'.",)),
            ],
            hints=("x=alt.X('as_of:T'), y=alt.Y('high:Q'), color=alt.Color('quantity:N'); add a tooltip list.",
                   "Finish with .properties(title='...', description='...')."),
        ),
    ),
    Exercise(
        id="07.5",
        title="Reading SIPRI's change of definition",
        objective="Explain what the stockpile estimates show once SIPRI's 2022 change is taken into account.",
        judge=choice(
            "1de5f3d27bafee7caaba095c9ab069c290a64f1486dba90df160d7827533f421",
            salt="07.5",
            options="abcd",
            feedback={
                "a": "Read the codebook note: do the 2021 and 2022 figures count the same thing?",
                "c": "Look for rows with as_of after 2022 in the SIPRI rows.",
                "d": "Compare the material rows for 2022 and 2024: did the high figure fall?",
            },
            hints=("Compare warheads with warheads: which rows count assembled warheads?",
                   "The codebook says what SIPRI counted before and after its 2022 Yearbook."),
        ),
    ),
    Exercise(
        id="07.6",
        title="The article's forecasts at later horizons",
        objective="Compute the Brier score of forecasts at several horizons, with only statements made before the outcome.",
        judge=number(
            _brier,
            decimals=3,
            mistakes=[
                Mistake(lambda: _brier(_h_ids(article_only=False)), "that includes Trump's forecasts (H07-H09); "
                        "the question asks for the article's.", ("Keep the rows whose stance is 'article'.",)),
                # Every article row is off by the same amount, so the mean absolute error and the
                # square root of the Brier score are the same number: one mistake, one message
                # naming both (they would meet within the tolerance as two).
                Mistake(_mean_absolute, "that is the mean absolute error (or the square root of the Brier "
                        "score), not the mean squared error.",
                        ("Square each difference (p - o), take the mean, and do not take a square root.",)),
            ],
            hints=("Keep the rows whose forecast_id starts with 'H' and whose stance is 'article', then "
                   "((probability - outcome) ** 2).mean() with outcome as 0/1.",
                   "fc.brier_score takes two columns of the same rows, the probabilities first, the outcomes second."),
        ),
    ),
    Exercise(
        id="07.7",
        title="Whose score changed, and why?",
        objective="Evaluate a forecast at several horizons and name the evidence that changed its score.",
        judge=choice(
            "7674c6d08eb7f84cd22b3debd0e85af07508dff7285cecfbe30389f6eff8f8cd",
            salt="07.7",
            options="abcd",
            feedback={
                "a": "Did any formal working-level round or agreed road map happen by 2022? Check the outcomes.",
                "c": "Compare the squared errors at the 2020 and 2022 horizons for each question.",
                "d": "Is there a nuclear test after 2017 in nuclear_tests? What did happen in 2022?",
            },
            hints=("Read the table of squared errors by question and horizon.",
                   "Then look for the event in missile_launches that resolved the question in 2022."),
        ),
    ),
    Exercise(
        id="07.8",
        title="Reflection: the strongest counter-argument",
        objective="Evaluate one of the article's arguments on the 2019-2026 record, with its strongest counter-argument.",
        judge=lambda answer: None,
        kind="reflection",
    ),
)


# --- 07.9: a written exercise, marked with its rubric in instructors/rubrics.md (issue 28) ---
register(
    Exercise(
        id="07.9",
        title="Theory against data: tying hands",
        objective="Evaluate a theory's expectation (Fearon's costly signals: tying hands) against statements and launches after the 2022 nuclear-forces law.",
        judge=lambda answer: None,
        kind="reflection",
    ),
)
