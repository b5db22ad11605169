"""Exercise notebook 01 (from crisis to summit): launches, clocks, the annotated chart, yields.

Every expectation is derived here from the course data by a different route than the model
answer takes (for example, the Korean date of the last ICBM comes from the events table, which
the data team dated in local time, while the solution converts the UTC time of the launch
table), so a wrong solution cannot agree with the check by accident.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from summitlab.checks import Exercise, Mistake, Problem, chart, choice, date, number, register
from summitlab.data import load
from summitlab.exercises.shared import launches_by_year_and_class_judge

SUMMIT_TRACK = "US-DPRK"


# --- 01.1 and 01.2: counting missiles -----------------------------------------------------

def _launch_years() -> pd.Series:
    return load("missile_launches")["date_utc"].map(lambda day: day.year)


def _missiles_in(year: int) -> int:
    return int((_launch_years() == year).sum())


def _launch_days_in(year: int) -> int:
    days = load("missile_launches")["date_utc"]
    return int(days[_launch_years() == year].nunique())


_by_class_judge = launches_by_year_and_class_judge(
    (2016, 2017),
    hints=("Add a year column, keep 2016 and 2017, group by year and missile_class, and count with .size().",
           "Group by both columns at once, with observed=True, count the rows of each group, and name "
           "the count launches when you turn the result back into a table."),
)


# --- 01.3 and 01.4: the last ICBM and the summit, on local clocks -------------------------

def _summit_local() -> pd.Timestamp:
    events = load("events")
    held = events[(events["track"] == SUMMIT_TRACK) & (events["event_type"] == "summit")
                  & (events["status"] == "held")]
    return held["date"].sort_values().iloc[0]


def _last_icbm_local() -> pd.Timestamp:
    """The Korean date of the last ICBM launch before the summit, from the events chronology."""
    events = load("events")
    icbm_days = events[(events["event_type"] == "missile launch")
                       & events["summary"].str.contains("(ICBM)", regex=False)]
    return icbm_days.loc[icbm_days["date"] < _summit_local(), "date"].max()


def _last_icbm_utc_day() -> pd.Timestamp:
    table = load("missile_launches")
    icbms = table[table["missile_class"].astype(str) == "ICBM"]
    return icbms.loc[icbms["date_utc"] < _summit_local(), "date_utc"].max()


def _first_icbm_of_last_year() -> pd.Timestamp:
    last = _last_icbm_local()
    events = load("events")
    same_year = events[(events["event_type"] == "missile launch")
                       & events["summary"].str.contains("(ICBM)", regex=False)
                       & (events["date"].map(lambda d: d.year) == last.year)]
    return same_year["date"].min()


def _days(start: pd.Timestamp) -> int:
    return int((_summit_local() - start) / pd.Timedelta(days=1))


# --- 01.5: the annotated chart ------------------------------------------------------------

def _monthly() -> pd.DataFrame:
    """What the 01.5 bars draw: missiles per month (UTC) and class, 2016-2019, counted row by row."""
    counts: dict[tuple, int] = {}
    for day, cls in zip(load("missile_launches")["date_utc"], load("missile_launches")["missile_class"]):
        if 2016 <= day.year <= 2019:  # lesson 01's window; later years are lesson 07's
            key = (pd.Timestamp(day.year, day.month, 1), str(cls))
            counts[key] = counts.get(key, 0) + 1
    return pd.DataFrame([{"x": month, "y": n, "color": cls} for (month, cls), n in counts.items()])


_BARS = chart(
    mark="bar",
    encodings={"x": "month:T", "y": "launches:Q", "color": "missile_class:N"},
    titled_tooltip=True,
    axis_titles=("x", "y"),
    expected=_monthly,
    hints=("Encode x=alt.X('yearmonth(month):T'), y=alt.Y('launches:Q') and color=alt.Color('missile_class:N').",
           "Build the bars from the monthly table first, then pass them to annotated_timeline with a title "
           "and a description."),
)


def _marks(spec: Any) -> list[str]:
    if not isinstance(spec, dict):
        return []
    found = []
    mark = spec.get("mark")
    if mark is not None:
        found.append(mark.get("type") if isinstance(mark, dict) else mark)
    for layer in spec.get("layer", []):
        found.extend(_marks(layer))
    return found


def _annotated_bars(answer: Any) -> Problem | None:
    problem = _BARS(answer)
    if problem is not None:
        return problem
    marks = _marks(answer.to_dict())
    if "rule" not in marks or "text" not in marks:
        return Problem("the bars are right, but the events are not drawn over them.",
                       ("Pass the bar chart to annotated_timeline(bars, key_events, title=..., description=...).",))
    return None


_annotated_bars.info = _BARS.info


# --- 01.7: the spread of yield estimates --------------------------------------------------

_YIELD_COLUMNS = ("yield_low_kt", "yield_central_kt", "yield_high_kt")


def _yield_ratio(columns: tuple[str, ...] = _YIELD_COLUMNS, test: int = 6) -> float:
    table = load("nuclear_yield_estimates")
    numbers = [float(v) for column in columns
               for v in table.loc[table["test_number"] == test, column] if pd.notna(v)]
    return max(numbers) / min(numbers)


register(
    Exercise(
        id="01.1",
        title="How many missiles in 2017?",
        objective="Compute the number of missiles launched in a year from the launch table.",
        judge=number(
            lambda: _missiles_in(2017),
            mistakes=[
                Mistake(lambda: _launch_days_in(2017),
                        "that is the number of launch days, not of missiles.",
                        ("A salvo of several missiles on one day is several rows: count rows, not dates.",
                         "len() of the rows whose date_utc falls in 2017 counts missiles.")),
                Mistake(lambda: _missiles_in(2016), "that is the count for 2016.",
                        ("Filter on the year 2017: launches['date_utc'].dt.year == 2017.",)),
            ],
            hints=("Keep the rows whose date_utc is in 2017, then count them.",
                   "launches['date_utc'].dt.year == 2017 selects the rows; len() counts them."),
        ),
        section="How intense was testing in 2016–2017, and when did it stop?",
    ),
    Exercise(
        id="01.2",
        title="Launches by year and class",
        objective="Group and count launches by year and missile class.",
        judge=_by_class_judge,
        section="How intense was testing in 2016–2017, and when did it stop?",
    ),
    Exercise(
        id="01.3",
        title="The last ICBM before Singapore, in Korean time",
        objective="Convert a UTC date and time to the local date.",
        judge=date(
            _last_icbm_local,
            mistakes=[
                Mistake(_last_icbm_utc_day,
                        "that is the launch's UTC date; the question asks for the date on Pyongyang's clock.",
                        ("Combine date_utc and time_utc into one Timestamp and convert it to Pyongyang time "
                         "(UTC+8:30 in November 2017).",
                         "Build one Timestamp from the date and the time of that row, convert it with the "
                         "course's Pyongyang-clock helper (lesson 01), then keep the day.")),
                Mistake(_first_icbm_of_last_year,
                        "that is the first ICBM of that year, not the last one before the summit.",
                        ("Sort by date and take the last ICBM row before 12 June 2018.",)),
            ],
            hints=("Filter missile_class == 'ICBM' and date_utc before the summit; take the last row.",),
        ),
        section="How long was the pause, and what did each side give before Singapore?",
    ),
    Exercise(
        id="01.4",
        title="Days from the last ICBM to Singapore",
        objective="Subtract two dates given on the same clock.",
        judge=number(
            lambda: _days(_last_icbm_local()),
            mistakes=[
                Mistake(lambda: _days(_last_icbm_local()) + 1,
                        "one day too many: did you start from the UTC date of the launch, or count both end days?",
                        ("Start from the Korean date you found in 01.3; the summit's date in events is local.",
                         "Subtract the two dates and take .days, with no +1.")),
                Mistake(lambda: _days(_first_icbm_of_last_year()),
                        "that counts from an earlier ICBM, not the last one before the summit.",
                        ("Use the date from 01.3.",)),
            ],
            hints=("Subtract the Korean launch date from the summit date and take .days.",),
        ),
        section="How long was the pause, and what did each side give before Singapore?",
    ),
    Exercise(
        id="01.5",
        title="The annotated launches chart",
        objective="Chart launches over time with diplomatic events annotated.",
        judge=_annotated_bars,
        section="What happened between the 2018 New Year address and Singapore, and on which track?",
    ),
    Exercise(
        id="01.6",
        title="Which track moved first in 2018?",
        objective="Read the timeline of January–June 2018 by track.",
        judge=choice(
            "ba1d9a84a51a9a25c0031b53e3554669ac0bb9a1e16ce27c80452807b17054d8",
            salt="01.6",
            options="abcd",
            feedback={
                "a": "Look at the date of the first US-DPRK row in 2018 and what came before it.",
                "c": "Kim's first trip to Beijing came in late March; were there earlier rows on another track?",
                "d": "The moratorium came in April; sort the 2018 rows by date and look at the first ones.",
            },
            hints=("Sort the 2018 events by date and read the track of the first rows.",),
        ),
        section="What happened between the 2018 New Year address and Singapore, and on which track?",
    ),
    Exercise(
        id="01.7",
        title="How far apart are the yield estimates?",
        objective="Compare yield estimates for one test and explain why they differ.",
        judge=number(
            _yield_ratio,
            decimals=2,
            mistakes=[
                Mistake(lambda: _yield_ratio(("yield_central_kt",)),
                        "you used only the central values; the ranges (low and high) count too.",
                        ("Stack the three columns (low, central, high) before taking max and min.",)),
                Mistake(lambda: _yield_ratio(test=1),
                        "that is the spread for the first test; the question asks about the sixth.",
                        ("Filter test_number == 6.",)),
            ],
            hints=("Keep test 6, take the three yield columns, drop empty cells, then max / min.",
                   "table[columns].stack() gives one value per non-empty cell."),
        ),
        section="How did the nuclear tests grow?",
    ),
    Exercise(
        id="01.8",
        title="Reflection: why did the crisis become a summit?",
        objective="Evaluate competing explanations of the turn to diplomacy.",
        judge=lambda answer: None,
        kind="reflection",
    ),
)


# --- 01.9: a written exercise, marked with its rubric in instructors/rubrics.md (issue 28) ---
register(
    Exercise(
        id="01.9",
        title="Why might the yield estimates differ?",
        objective="Explain why estimates of the same quantity differ, from who made them and how.",
        judge=lambda answer: None,
        kind="reflection",
    ),
)
