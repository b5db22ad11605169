"""Exercise notebook 00p (Python primer): one small check per pandas or Altair idea."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from summitlab import chartdata
from summitlab.checks import (NO_DATA_HINTS, Exercise, Mistake, Problem, _as_label, chart, date, frame,
                              legend_selection, number, register)
from summitlab.data import load
from summitlab.exercises.shared import launches_by_year_and_class, launches_by_year_and_class_judge


def _tests() -> pd.DataFrame:
    return load("nuclear_tests")


def _magnitude(test_number: int) -> float:
    tests = _tests()
    return float(tests.loc[tests["test_number"].eq(test_number), "mb_usgs"].iloc[0])


def _long_range_2017(classes=("ICBM", "IRBM")) -> int:
    launches = load("missile_launches")
    return sum(1 for day, cls in zip(launches["date_utc"], launches["missile_class"])
               if day.year == 2017 and cls in classes)


def _highest_launch(lowest: bool = False):
    launches = load("missile_launches").dropna(subset=["apogee_km"])
    rows = sorted(zip(launches["apogee_km"], launches["date_utc"]), reverse=not lowest)
    return rows[0][1]


def _outcomes(outcome: str) -> int:
    return int(load("missile_launches")["outcome"].eq(outcome).sum())


def _per_year(distinct_days: bool = False) -> pd.DataFrame:
    days = load("missile_launches")["date_utc"]
    counts: dict[int, int] = {}
    for day in (set(days) if distinct_days else days):
        counts[day.year] = counts.get(day.year, 0) + 1
    return pd.DataFrame(sorted(counts.items()), columns=["year", "launches"])


def _estimates_per_test(count_all: bool = False) -> pd.DataFrame:
    tests, yields = _tests(), load("nuclear_yield_estimates")
    rows = []
    for number_, mb in zip(tests["test_number"], tests["mb_usgs"]):
        n = len(yields) if count_all else int(yields["test_number"].eq(number_).sum())
        rows.append({"test_number": int(number_), "mb_usgs": float(mb), "n_estimates": n})
    return pd.DataFrame(rows)


def _sixth_test_wall_clock(offset_minutes: int) -> pd.Timestamp:
    utc = _tests().sort_values("test_number")["time_utc"].iloc[-1]
    return utc.tz_localize(None) + pd.Timedelta(minutes=offset_minutes)


def _pyongyang_time(answer) -> Problem | None:
    """The sixth test's time on Pyongyang's clock (UTC+8:30 in 2017), as a wall-clock time."""
    if isinstance(answer, pd.Series) and len(answer) == 1:
        return Problem("you gave a Series holding one time; the answer is the time itself.",
                       ("Take it out with .iloc[-1] or .iloc[0].",))
    if isinstance(answer, dt.datetime):  # .to_pydatetime() or .item() of a time: the same moment
        answer = pd.Timestamp(answer)
    if not isinstance(answer, pd.Timestamp):
        return Problem("the answer should be a pandas Timestamp (one date and time).",
                       ("Convert the time_utc column with .dt.tz_convert('Asia/Pyongyang'), then take one value.",))
    wall = answer.tz_localize(None) if answer.tzinfo is not None else answer
    tolerance = pd.Timedelta(minutes=1)
    if abs(wall - _sixth_test_wall_clock(8 * 60 + 30)) <= tolerance:
        return None
    if abs(wall - _sixth_test_wall_clock(0)) <= tolerance:
        return Problem("that is the time in UTC, not on Pyongyang's clock.",
                       ("Convert with .dt.tz_convert('Asia/Pyongyang').",))
    if abs(wall - _sixth_test_wall_clock(9 * 60)) <= tolerance:
        return Problem("that is Seoul's clock (UTC+9); in 2017 Pyongyang's clock ran 30 minutes behind it.",
                       ("Let the time-zone database do it: .dt.tz_convert('Asia/Pyongyang').",))
    return Problem("that is not the time of the sixth test on Pyongyang's clock.",
                   ("Take the row whose test_number is 6 (the last one), then convert its time_utc.",))


def _year_bars(distinct_days: bool = False) -> pd.DataFrame:
    """What the 00p.10 bars draw: one bar per year, as tall as that year's missiles."""
    return _per_year(distinct_days).rename(columns={"year": "x", "launches": "y"})


_YEAR_BARS = chart(
    mark="bar", encodings={"x": "year:O", "y": "launches:Q"},
    expected=_year_bars,
    mistakes=[Mistake(lambda: _year_bars(distinct_days=True),
                      "the bars show launch days per year, not missiles.",
                      ("Chart per_year from 00p.6, which counts rows (one row is one missile), not distinct dates.",))],
    hints=("Chart your per_year table from 00p.6: every year of the table, one bar each.",
           "alt.Chart(per_year).mark_bar() with year on x (ordinal) and launches on y (quantitative), "
           "plus a tooltip list."),
)


def _class_lines(**options) -> pd.DataFrame:
    """What the 00p.11 lines draw: missiles per year and class, 2016 and 2017, no rows of zeros."""
    table = launches_by_year_and_class((2016, 2017), **options)
    return pd.DataFrame({"x": table["year"], "y": table["launches"], "color": table["missile_class"]})


_CLASS_LINES = chart(
    mark="line", encodings={"x": "year:O", "y": "launches:Q", "color": "missile_class:N"},
    expected=_class_lines,
    mistakes=[
        Mistake(lambda: _class_lines(with_zeros=True),
                "the lines run through rows of zeros: the melted table still has the classes with no launch.",
                ("Chart by_class from 00p.9, which keeps only the rows where launches is above 0.",)),
        Mistake(lambda: _class_lines(count_days=True), "the lines show launch days per class, not missiles.",
                ("One row of missile_launches is one missile: count rows, not distinct dates.",)),
    ],
    hints=("Chart by_class from 00p.9 (2016 and 2017, rows above 0): x='year:O', y='launches:Q', "
           "color='missile_class:N' on a base chart.",),
)


def _layered_with_selection(answer) -> Problem | None:
    problem = _CLASS_LINES(answer)
    if problem is not None:
        return problem
    all_views = chartdata.views(answer.to_dict())
    marks = {view.mark for view in all_views}
    # mark_line(point=True) is one mark, not two layers; circles or squares are points too.
    if "line" not in marks or not marks & POINT_MARKS:
        return Problem("the chart should layer points on the line (two layers).",
                       ("Draw base.mark_line() + base.mark_point().",))
    for view in all_views:  # the points must sit on the lines: the same years and counts
        if view.mark in POINT_MARKS:
            problem = _points_on_the_lines(view)
            if problem is not None:
                return problem
    return legend_selection(answer, "missile_class")


POINT_MARKS = {"point", "circle", "square"}


def _points_on_the_lines(view: chartdata.View) -> Problem | None:
    try:
        shown = chartdata.drawn(view, ["x", "y"])
    except chartdata.NotComputable as reason:
        return Problem(f"the lines look right, but this check could not compute what the points draw ({reason}), "
                       "so it cannot say the chart is correct.", NO_DATA_HINTS)
    except (TypeError, ValueError, KeyError, IndexError, OverflowError, RecursionError) as error:
        return Problem("the lines look right, but this check could not compute what the points draw (their "
                       f"data holds values it cannot read: {type(error).__name__}).", NO_DATA_HINTS)
    as_text = lambda table: table.assign(x=table["x"].astype(object).map(_as_label))  # noqa: E731
    if _SAME_POINTS(as_text(shown)) is not None:
        return Problem("the points do not sit on the lines: the points layer draws other years or counts than "
                       "the lines.",
                       ("Build both layers from one chart: encode alt.Chart(by_class) once with the shared "
                        "channels, then add that chart's mark_line() and its mark_point() with +.",))
    return None


_SAME_POINTS = frame(lambda: _class_lines()[["x", "y"]].assign(x=lambda t: t["x"].map(_as_label)), columns=["x", "y"])


_layered_with_selection.info = _CLASS_LINES.info


register(
    Exercise(
        id="00p.1",
        title="How many nuclear tests?",
        objective="Load a table and count its rows.",
        judge=number(lambda: len(_tests()),
                     mistakes=[Mistake(lambda: len(_tests().columns), "that is the number of columns, not of rows.",
                                       ("len(table) counts rows.",))],
                     hints=("One row of nuclear_tests is one test.", "len(tests) counts the rows.")),
    ),
    Exercise(
        id="00p.2",
        title="The magnitude of the sixth test",
        objective="Select a value by a condition on rows and a column name.",
        judge=number(lambda: _magnitude(6), tolerance=1e-9,
                     mistakes=[Mistake(lambda: _magnitude(5), "that is the fifth test's magnitude.",
                                       ("Select by the test_number column (== 6), not by position.",))],
                     hints=("tests.loc[condition, 'mb_usgs'] picks the column for the rows that match.",
                            "Add .iloc[0] to take the single value out of the result.")),
    ),
    Exercise(
        id="00p.3",
        title="Long-range missiles in 2017",
        objective="Filter rows with two conditions combined by & and |.",
        judge=number(_long_range_2017,
                     mistakes=[Mistake(lambda: _long_range_2017(("ICBM",)), "that counts ICBMs only.",
                                       ("Keep ICBM or IRBM: .isin(['ICBM', 'IRBM']).",)),
                               Mistake(lambda: _long_range_2017(("SRBM", "MRBM", "IRBM", "ICBM", "SLBM", "SLV", "unknown")),
                                       "that counts every missile of 2017.",
                                       ("Add the condition on missile_class.",))],
                     hints=("Two conditions, each in parentheses, joined by &.",
                            "launches['date_utc'].dt.year == 2017 is the year condition.")),
    ),
    Exercise(
        id="00p.4",
        title="The highest flight",
        objective="Sort a table and take its first row.",
        judge=date(_highest_launch,
                   mistakes=[Mistake(lambda: _highest_launch(lowest=True), "that is the lowest flight, not the highest.",
                                     ("sort_values(..., ascending=False) puts the largest first.",))],
                   hints=("Sort by apogee_km, largest first, and take date_utc of the first row.",)),
    ),
    Exercise(
        id="00p.5",
        title="How many launches failed?",
        objective="Count the values of a column with value_counts.",
        judge=number(lambda: _outcomes("failure"),
                     mistakes=[Mistake(lambda: _outcomes("success"), "that is the number of successes.",
                                       ("Look up the 'failure' row of value_counts().",))],
                     hints=("launches['outcome'].value_counts() counts each outcome.",
                            "Index its result by the label: counts['failure'].")),
    ),
    Exercise(
        id="00p.6",
        title="Missiles per year",
        objective="Compute one row per group with groupby and a named aggregation.",
        judge=frame(_per_year, columns=["year", "launches"],
                    mistakes=[Mistake(lambda: _per_year(distinct_days=True), "these are launch days, not missiles.",
                                      ("Count rows (\"size\"), not distinct dates.",))],
                    hints=("First make a year column from date_utc (its .dt part that gives the year), then group by it.",
                           "In .agg, name the new column launches and count the rows of each group with \"size\"; "
                           "finish with .reset_index() so that year is a column.")),
    ),
    Exercise(
        id="00p.7",
        title="Estimates per test",
        objective="Combine two tables with merge.",
        judge=frame(_estimates_per_test, columns=["test_number", "mb_usgs", "n_estimates"],
                    mistakes=[Mistake(lambda: _estimates_per_test(count_all=True),
                                      "every test has the total number of estimates.",
                                      ("Count estimates per test: group by test_number first.",))],
                    hints=("Count the estimates per test_number, then merge that table with tests on test_number.",
                           "The count table needs a column named n_estimates (a named aggregation with \"size\"); "
                           "then merge it onto tests[['test_number', 'mb_usgs']] on test_number.")),
    ),
    Exercise(
        id="00p.8",
        title="Which clock? The sixth test in Pyongyang time",
        objective="Convert a UTC time to local time and explain which clock a date is in.",
        judge=_pyongyang_time,
    ),
    Exercise(
        id="00p.9",
        title="From wide back to long",
        objective="Reshape a wide table into a long one with melt.",
        judge=launches_by_year_and_class_judge(
            (2016, 2017),
            hints=("Turn year back into a column with .reset_index(), then .melt() keeping year as the id; "
                   "name the new columns missile_class and launches.",
                   "Then keep the rows with launches > 0: .query('launches > 0').")),
    ),
    Exercise(
        id="00p.10",
        title="A bar chart of missiles per year",
        objective="Chart a table with a mark, typed encodings, a tooltip, a title and a description.",
        judge=_YEAR_BARS,
    ),
    Exercise(
        id="00p.11",
        title="Layers and a legend selection",
        objective="Layer two marks and add one selection.",
        judge=_layered_with_selection,
    ),
)
