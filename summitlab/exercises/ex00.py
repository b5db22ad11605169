"""Exercise notebook 00 (start here): the warm-up that runs the whole check pipeline."""

import pandas as pd

from summitlab.checks import Exercise, Mistake, chart, choice, number, register
from summitlab.data import load


def _source_count() -> int:
    return len(load("sources"))


def _us_dprk_summits():
    events = load("events")
    summits = events[
        events["track"].eq("US-DPRK")
        & events["event_type"].eq("summit")
        & events["status"].eq("held")
    ]
    return summits.sort_values("date")


def _days_between_summits(end: bool = False) -> int:
    first, second = _us_dprk_summits().iloc[:2].itertuples()
    later = second.end_date if end and second.end_date == second.end_date else second.date
    return (later - first.date).days


def _kinds() -> pd.DataFrame:
    """What the 00.3 chart draws: one bar per kind of source, as long as its number of rows."""
    counts: dict[str, int] = {}
    for kind in load("sources")["kind"]:
        counts[str(kind)] = counts.get(str(kind), 0) + 1
    return pd.DataFrame({"y": list(counts), "x": list(counts.values())})


def _publisher_count() -> int:
    return load("sources")["publisher"].nunique()


register(
    Exercise(
        id="00.1",
        title="Count the sources",
        objective="Load a course table and count its rows.",
        judge=number(
            _source_count,
            mistakes=[Mistake(_publisher_count, "that is the number of publishers, not of sources.",
                              ("Each row of the sources table is one document: count rows, not unique publishers.",))],
            hints=("Each row of the sources table is one source.", "len() of a table counts its rows."),
        ),
        section="Where do the facts come from?",
    ),
    Exercise(
        id="00.2",
        title="Days from Singapore to Hanoi",
        objective="Filter a table and subtract two dates.",
        judge=number(
            _days_between_summits,
            mistakes=[
                # Hanoi lasted two days, so running to its end_date gives the same number as
                # counting both summit days: one mistake, one message naming both routes.
                Mistake(lambda: _days_between_summits() + 1,
                        "one day too many: that counts both summit days, or runs to the last day of the Hanoi summit.",
                        ("Subtract the two values of the date column (not end_date); no +1 is needed.",
                         "(later - earlier).days already gives the days between two dates.")),
            ],
            hints=("Filter the events table to US-DPRK summits that were held, then take the first two dates.",
                   "Sort by date: the first row is Singapore, the second Hanoi; subtract and take .days."),
        ),
        section="How are exercises checked?",
    ),
    Exercise(
        id="00.3",
        title="Chart the sources by kind",
        objective="Build an Altair chart with explicit encodings, a tooltip, a title and a description.",
        judge=chart(
            mark="bar",
            encodings={"x": "count():Q", "y": "kind:N"},
            expected=_kinds,
            hints=("x should count rows: alt.X('count():Q'); y shows the kind: alt.Y('kind:N').",),
        ),
        section="How are exercises checked?",
    ),
    Exercise(
        id="00.4",
        title="UTC or local time?",
        objective="Find in the codebook which clock a table's dates use.",
        judge=choice(
            "ad3604ef2074e4b58465af96501b0a768f87fdbccd6b13287574c3148242ec64",
            salt="00.4",
            options="abc",
            feedback={
                "a": "Local Korean time is what the events table uses for events on the peninsula.",
                "c": "No table in the course uses Washington time for launches.",
            },
            hints=("Open data/README.md and read the missile_launches section on dates.",),
        ),
        section="Where do the facts come from?",
    ),
    Exercise(
        id="00.5",
        title="Reflection: what do you want to find out?",
        objective="State a question about the summits you want the data to answer.",
        judge=lambda answer: None,
        kind="reflection",
    ),
)
