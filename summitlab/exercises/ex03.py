"""Exercise notebook 03 (the policy process): channels, gaps, cancellations and the testing pause.

Every expected answer is derived here from the course data, by code written apart from the
model answers in exercises/source/03-policy-process.py, or stored as a salted digest.
"""

from __future__ import annotations

import numbers

import pandas as pd

from summitlab.checks import Exercise, Mistake, Problem, chart, choice, frame, number, register
from summitlab.data import load

LEADER_CHANNELS = ("leader summit", "leader letter")
CALLED_OFF = ("cancelled", "postponed", "refused")


def _contacts() -> pd.DataFrame:
    table = load("negotiation_contacts")
    return table[table["date"] <= "2019-12-31"]  # the 2025 rows belong to lesson 07


# --- 03.1 share held at leader level ----------------------------------------------------

def _held_share(channels, count_announced: bool = False, denominator_all: bool = False,
                of_held: bool = False) -> float:
    """Share of the contacts in ``channels`` that were held.

    ``of_held`` answers the reversed question (what share of the held contacts were in
    ``channels``); ``channels=None`` keeps every channel.
    """
    table = _contacts()
    in_level = [channels is None or str(c) in channels for c in table["channel"]]
    ok = {"held", "announced"} if count_announced else {"held"}
    was_held = [str(what) in ok for what in table["happened"]]
    held = sum(1 for keep, yes in zip(in_level, was_held) if keep and yes)
    if of_held:
        return held / sum(was_held)
    total = len(table) if denominator_all else sum(in_level)
    return held / total


# --- 03.2 longest gap between held working-level meetings --------------------------------

def _longest_gap(*, channels=("envoy or working level",), held_only: bool = True, extra: int = 0) -> int:
    table = _contacts()
    dates = sorted(
        row.date for row in table.itertuples()
        if str(row.channel) in channels and (str(row.happened) == "held" or not held_only)
    )
    return max((later - earlier).days for earlier, later in zip(dates, dates[1:])) + extra


# --- 03.3 contacts called off, by side -----------------------------------------------------

def _called_off_by_side(states=CALLED_OFF, drop_unknown: bool = False) -> pd.DataFrame:
    counts: dict[str, int] = {}
    for row in _contacts().itertuples():
        if str(row.happened) not in states:
            continue
        side = "not stated" if pd.isna(row.cancelled_by) else str(row.cancelled_by)
        if drop_unknown and side == "not stated":
            continue
        counts[side] = counts.get(side, 0) + 1
    return pd.DataFrame({"side": list(counts), "n_contacts": list(counts.values())})


# --- 03.4 the swim-lane chart ---------------------------------------------------------------

def _lanes() -> pd.DataFrame:
    """What the 03.4 chart draws: one point per contact, with its date, channel and outcome."""
    return pd.DataFrame([{"x": row.date, "y": str(row.channel), "shape": str(row.happened)}
                         for row in _contacts().itertuples()])


# --- 03.6 longest gap between Six-Party sessions -------------------------------------------

def _six_party_gap(*, all_processes: bool = False, from_end: bool = False, extra: int = 0) -> int:
    table = load("earlier_talks")
    if not all_processes:
        table = table[table["process"].astype(str) == "Six-Party Talks"]
    table = table.sort_values("date")
    starts = list(table["date"])
    ends = list(table["end_date"].where(table["end_date"].notna(), table["date"]))
    previous = ends if from_end else starts
    return max((starts[i] - previous[i - 1]).days for i in range(1, len(starts))) + extra


# --- 03.7 missiles launched in 2019 ----------------------------------------------------------

def _missiles_2019() -> int:
    launches = load("missile_launches")
    return int((launches["date_utc"].dt.year == 2019).sum())


def _launch_days_2019() -> int:
    launches = load("missile_launches")
    return launches.loc[launches["date_utc"].dt.year == 2019, "date_utc"].nunique()


def _launch_events_2019() -> int:
    events = load("events")
    return int(((events["event_type"] == "missile launch") & (events["date"].dt.year == 2019)).sum())


def _share_judge(expected, *, decimals, **options):
    """A share between 0 and 1, with a targeted message when it was given as a percentage."""
    base = number(expected, decimals=decimals, **options)
    tolerance = base.info.tolerance

    def judge(answer):
        problem = base(answer)
        if problem is None or isinstance(answer, bool) or not isinstance(answer, numbers.Real):
            return problem
        try:
            as_share = float(answer) / 100
        except (TypeError, ValueError, OverflowError):
            return problem
        if abs(as_share - float(expected())) <= tolerance:
            return Problem("that looks like a percentage; the exercise asks for a share between 0 and 1.",
                           ("Divide by 100, or leave out the multiplication by 100.",
                            "A share of 0.5 means half; 50 is the same thing in percent."))
        return problem

    judge.info = base.info
    return judge


register(
    Exercise(
        id="03.1",
        title="Share of contacts held at leader level",
        objective="Compute the share of contacts held at each level.",
        judge=_share_judge(
            lambda: _held_share(LEADER_CHANNELS),
            decimals=2,
            mistakes=[
                # Summits alone (3 of 6) and letters alone (7 of 14) give the same share as
                # the two channels together (10 of 20) in the corrected table, so a number
                # cannot tell those mistakes from the right answer: they are not diagnosed.
                Mistake(lambda: _held_share(None),
                        "that is the share held among all contacts; keep only the two leader channels first.",
                        ("Filter the rows whose channel is 'leader summit' or 'leader letter' before you divide.",)),
                Mistake(lambda: _held_share(LEADER_CHANNELS, of_held=True),
                        "that is the share of the held contacts that were at leader level: the question is the "
                        "other way round.",
                        ("Divide the held leader-level contacts by all leader-level contacts, held or not.",)),
                Mistake(lambda: _held_share(LEADER_CHANNELS, count_announced=True),
                        "you counted 'announced' contacts as held.",
                        ("Only happened == 'held' counts as held; 'announced' means known only from a public mention.",)),
                Mistake(lambda: _held_share(LEADER_CHANNELS, denominator_all=True),
                        "you divided by every contact in the table, not by the leader-level contacts.",
                        ("The denominator is the number of leader-level contacts.",)),
            ],
            hints=("Filter to the two leader channels, then divide the number held by the number of rows.",
                   "The mean of a true/false column is the share of True: compare happened with 'held' first."),
        ),
        section="What share of contacts at each level happened as planned?",
    ),
    Exercise(
        id="03.2",
        title="The longest gap between working-level meetings",
        objective="Compute the gaps between working-level meetings.",
        judge=number(
            _longest_gap,
            mistakes=[
                # Keeping the contacts that were not held and keeping the ministerial ones give
                # the same longest gap in this table: one mistake, one message naming both.
                Mistake(lambda: _longest_gap(held_only=False),
                        "you kept contacts that are not held working-level meetings: cancelled, postponed or "
                        "announced ones, or ministerial ones.",
                        ("Keep channel == 'envoy or working level' and happened == 'held', both.",
                         "A gap between meetings runs from one held working-level meeting to the next.")),
                Mistake(lambda: _longest_gap(extra=1),
                        "one day too many: subtracting two dates already gives the days between them.",
                        ("Do not add 1 to the difference.",)),
            ],
            hints=("Sort the held working-level meetings by date, then take .diff() of the date column.",
                   "The differences are Timedeltas: turn them into days with .dt.days, then take the largest."),
        ),
        section="How long were the gaps between working-level meetings?",
    ),
    Exercise(
        id="03.3",
        title="Who called contacts off?",
        objective="Compute how many contacts were called off, and by which side.",
        judge=frame(
            _called_off_by_side,
            columns=["side", "n_contacts"],
            mistakes=[
                Mistake(lambda: _called_off_by_side(states=("cancelled", "refused")),
                        "you left out the postponed contacts.",
                        ("Keep happened in cancelled, postponed or refused.",)),
                Mistake(lambda: _called_off_by_side(drop_unknown=True),
                        "the contacts whose side is not stated are missing.",
                        ("Fill the missing cancelled_by values with 'not stated' before you count.",)),
            ],
            hints=("Filter with .isin(['cancelled', 'postponed', 'refused']), then group by the side column.",
                   "cancelled_by is a categorical column: .astype('string').fillna('not stated') avoids an error."),
        ),
        section="What share of contacts at each level happened as planned?",
    ),
    Exercise(
        id="03.4",
        title="Draw the swim-lane chart",
        objective="Chart US–DPRK contacts by channel over time, marking which ones happened.",
        judge=chart(
            mark="point",
            encodings={"x": "date:T", "y": "channel:N", "shape": "happened:N"},
            titled_tooltip=True,
            expected=_lanes,
            time_units=("yearmonth",),  # the lesson reads the lanes month by month
            hints=("x is the date (temporal), y the channel (nominal, one lane each), shape what happened (nominal).",
                   "Draw every row of contacts: one point per contact, with its date, channel and what happened."),
        ),
        section="Which channels carried US–DPRK contact, month by month?",
    ),
    Exercise(
        id="03.5",
        title="Does the data support the claim from Singapore to Hanoi?",
        objective="Evaluate the article's claim for a stated period.",
        judge=choice(
            "2ac7fb243487025b7b6e1b070ebd26ef5a13bbed389e8c9781c55fc26c61a5e9",
            salt="03.5",
            options="abcd",
            feedback={
                "b": "Count the gaps in that period: is there any stretch longer than two months without a held working-level meeting?",
                "c": "Count both in that period: letters held or announced, and working-level meetings held.",
                "d": "Look at the happened column for the letters: several are coded held.",
            },
            hints=("Filter the contacts to dates after 12 June 2018 and before 27 February 2019, then count by channel and outcome.",),
        ),
        section="The article's claim, tested",
    ),
    Exercise(
        id="03.6",
        title="Was the Six-Party channel steadier?",
        objective="Compare the 2018–2019 channel with the Six-Party Talks.",
        judge=number(
            _six_party_gap,
            mistakes=[
                Mistake(lambda: _six_party_gap(all_processes=True),
                        "that gap runs from the 1994 talks to 2003: keep only the Six-Party Talks.",
                        ("Filter process == 'Six-Party Talks' first.",)),
                Mistake(lambda: _six_party_gap(from_end=True),
                        "you measured from the last day of one session; the exercise measures start to start.",
                        ("Use the date column for both sessions, not end_date.",)),
                Mistake(lambda: _six_party_gap(extra=1),
                        "one day too many: subtracting two dates already gives the days between them.",
                        ("Do not add 1 to the difference.",)),
            ],
            hints=("Sort the Six-Party sessions by date and take the largest .diff() in days.",),
        ),
        section="How does this compare with a process that had a standing channel?",
    ),
    Exercise(
        id="03.7",
        title="What did the testing pause cover?",
        objective="Evaluate the strongest counter-argument with launch data.",
        judge=number(
            _missiles_2019,
            mistakes=[
                Mistake(_launch_days_2019,
                        "that is the number of launch days; several missiles often flew on the same day.",
                        ("Each row of missile_launches is one missile: count rows, not unique dates.",)),
                Mistake(_launch_events_2019,
                        "that counts launch days in the events table; the question asks for missiles.",
                        ("Use missile_launches, where one row is one missile.",)),
            ],
            hints=("Keep the rows of missile_launches whose date_utc falls in 2019, and count them.",),
        ),
        section="The other side of the argument: what did leader-level diplomacy achieve?",
    ),
    Exercise(
        id="03.8",
        title="Reflection: what would change your mind?",
        objective="Explain what a standing channel would have needed, and what evidence would change your verdict.",
        judge=lambda answer: None,
        kind="reflection",
    ),
)


# --- 03.9: a written exercise, marked with its rubric in instructors/rubrics.md (issue 28) ---
register(
    Exercise(
        id="03.9",
        title="Theory against data: two-level games",
        objective="Evaluate a theory's expectation (Putnam's two-level games) against the contact record.",
        judge=lambda answer: None,
        kind="reflection",
    ),
)
