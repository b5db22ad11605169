"""Private graded problem sets: the practice skills, asked about another slice of the data.

Each lesson 01-07 has a :class:`ProblemSet` of at least five questions (numbers, a table, a
chart, a date or a second number, and one short written answer). A problem set has a small
*domain* of variants (another year, agreement, channel, road map, test, pair of years); which
variant a student gets is drawn from the instructor's private course key with HMAC-SHA256,
per student (``HMAC(key, lesson|login)``) or for the whole class (``login=""``). The public
exercise's slice is never in a domain, and ``tests/test_variants.py`` proves over every
variant that:

* the model solution, run under the variant, gets full marks (the question is answerable
  from the data with what the lesson teaches);
* the public model answer fails every variant, and two variants that differ in what a
  question asks about never accept the same answer.

Expectations are computed from the course data when the grader judges, with the practice
checks' own factories and expectation functions (``summitlab.checks``,
``summitlab.exercises``), and the practice checks' named mistakes where a mistake applies.

The notebook a student receives (:func:`student_notebook`) has the parameters written into
its text and code; nothing in it names a variant, a key or a domain. Nothing here runs on
import, and the key never leaves the instructor's machine: only :func:`draw` reads it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import string
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from summitlab.checks import Judge, Mistake, Problem, catalogue, chart, date, frame, number
from summitlab.data import load

#: Where ``keygen`` writes the course key unless told otherwise (outside every repository).
DEFAULT_KEY = Path.home() / ".summitlab" / "course.key"
ROOT = Path(__file__).resolve().parent.parent


# --- the private course key ------------------------------------------------------------------

def keygen(path: Path = DEFAULT_KEY, *, force: bool = False) -> Path:
    """Write a new random course key (64 hex digits) to ``path``, readable by its owner only.

    Refuses a path inside the course repository (a key committed by mistake is public) and an
    existing key unless ``force`` (a new key re-draws every variant already issued).
    """
    path = Path(path).expanduser().resolve()
    if path == ROOT or ROOT in path.parents:
        raise ValueError(f"{path} is inside the course repository; keep the key outside it (e.g. {DEFAULT_KEY})")
    if path.exists() and not force:
        raise FileExistsError(f"{path} exists; it may already have drawn issued variants "
                              "(force=True, or --force on the command line, replaces it)")
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(secrets.token_hex(32) + "\n")
    return path


def read_key(path: Path | str = DEFAULT_KEY) -> bytes:
    text = Path(path).expanduser().read_text(encoding="utf-8").strip()
    key = bytes.fromhex(text)
    if len(key) < 16:
        raise ValueError(f"{path} does not hold a course key of at least 128 bits")
    return key


def _index(key: bytes, *parts: str, size: int) -> int:
    mac = hmac.new(key, "|".join(("summitlab-variant/1", *parts)).encode(), hashlib.sha256).digest()
    return int.from_bytes(mac[:8], "big") % size


# --- questions and problem sets ----------------------------------------------------------------

@dataclass(frozen=True)
class Tier:
    """A partly right answer the check can tell apart: ``judge`` accepts it, it earns ``fraction``."""

    judge: Judge
    fraction: float
    label: str


@dataclass(frozen=True)
class Question:
    """One graded question. ``text``, ``solution`` and ``skeleton`` are ``string.Template``s over
    the variant's parameters (``$year``); ``judge(params)`` builds the full-credit check and
    ``partial(params)`` the tiers of partial credit. ``uses`` names the parameters the answer
    depends on (two variants that agree on them ask the same question)."""

    number: int
    title: str
    kind: str  # "number", "date", "table", "chart" or "written"
    var: str
    text: str
    solution: str
    uses: tuple[str, ...]
    judge: Callable[[Mapping[str, Any]], Judge] | None = None
    partial: Callable[[Mapping[str, Any]], Sequence[Tier]] = lambda params: ()
    points: float = 2.0
    skeleton: str = ""
    rubric: tuple[str, ...] = ()  # written answers: what each level above 0 asks for
    related: tuple[str, ...] = ()  # practice exercises asking the same thing: their public answers earn 0

    def render(self, template: str, params: Mapping[str, Any]) -> str:
        return string.Template(template).substitute({k: _shown(v) for k, v in params.items()})


def _shown(value: Any) -> str:
    if isinstance(value, tuple):
        return " and ".join(str(v) for v in value)
    return str(value)


@dataclass(frozen=True)
class ProblemSet:
    lesson: str
    title: str
    setup: str
    domain: tuple[Mapping[str, Any], ...]  # the variants an instructor's key may draw
    public: Mapping[str, Any]  # the slice the public exercises and their model answers use
    questions: tuple[Question, ...]
    extra: Callable[[Mapping[str, Any]], Mapping[str, Any]] = field(default=lambda params: {})

    @property
    def id(self) -> str:
        return f"ps{self.lesson}"

    def qid(self, question: Question) -> str:
        return f"{self.id}.{question.number}"

    def params(self, variant: Mapping[str, Any]) -> dict[str, Any]:
        """The variant's parameters with the values derived from them (for the texts)."""
        return {**variant, **self.extra(variant)}

    def variant(self, key: bytes, login: str = "") -> dict[str, Any]:
        """The variant of this problem set drawn for ``login`` ("" for one variant per class)."""
        return dict(self.domain[_index(key, self.lesson, login, size=len(self.domain))])


def _named(exercise_id: str, index: int = 0) -> tuple[str, tuple[str, ...]]:
    """The message and hints of a practice check's named mistake (reused, not copied)."""
    mistake = catalogue()[exercise_id].judge.info.mistakes[index]
    return mistake.message, tuple(mistake.hints)


def _mistake(value: Callable[[], Any], exercise_id: str, index: int = 0) -> Mistake:
    message, hints = _named(exercise_id, index)
    return Mistake(value, message, hints)


def _untitled_ok(**options) -> Judge:
    """A chart judge that does not ask for a title or a description (for partial credit)."""
    return chart(title=False, description=False, **options)


def _chart_tiers(options: Mapping[str, Any]) -> tuple[Tier, ...]:
    return (Tier(_untitled_ok(**options), 0.5, "the chart draws the right data, but lacks a title or a description"),)


def _number_tiers(expected: Callable[[], float], tolerance: float, label: str) -> tuple[Tier, ...]:
    return (Tier(number(expected, tolerance=tolerance), 0.5, label),)


def _rows_tier(expected: Callable[[], pd.DataFrame], keys: Sequence[str], label: str) -> tuple[Tier, ...]:
    return (Tier(frame(expected, columns=list(keys)), 0.5, label),)


WRITTEN_RUBRIC = (
    "names a relevant fact from the course data, with its table",
    "uses that fact to answer the question asked, with its limits",
    "adds a second piece of evidence or a counter-argument and weighs the two",
)
WRITTEN_POINTS = 3.0
WRITTEN_PLACEHOLDER = "Your answer here."


# The checks of a question, by kind: each returns a Question's ``judge`` and ``partial``, with
# the expected value written once for the full-credit check and its tier of partial credit.

def _charted(options: Callable[[Mapping[str, Any]], Mapping[str, Any]]) -> dict:
    """A chart question: full credit for the whole chart ``options(p)`` asks for, half credit for
    the right data without a title or a description."""
    return dict(judge=lambda p: chart(**options(p)), partial=lambda p: _chart_tiers(options(p)))


def _chart_of(mark: str, table: Callable[[], pd.DataFrame], **encodings: str) -> dict:
    """The options of a chart drawn from ``table()``, one row per mark (the table the student
    builds for it), both axes titled: what it draws is the encoded columns, renamed to their channels."""
    fields = {shorthand.split(":")[0]: channel for channel, shorthand in encodings.items()}
    return dict(mark=mark, encodings=encodings, axis_titles=("x", "y"),
                expected=lambda: table().rename(columns=fields)[list(encodings)])


def _numbered(expected: Callable[[Mapping[str, Any]], float], near: tuple[float, str], *,
              decimals: int | None = None,
              mistakes: Callable[[Mapping[str, Any]], Sequence[Mistake]] = lambda p: ()) -> dict:
    """A number question read to ``decimals``, with its named ``mistakes(p)``; half credit within
    the wider tolerance of ``near`` (tolerance, label)."""
    return dict(judge=lambda p: number(lambda: expected(p), decimals=decimals, mistakes=mistakes(p)),
                partial=lambda p: _number_tiers(lambda: expected(p), *near))


def _tabled(expected: Callable[[Mapping[str, Any]], pd.DataFrame], columns: Sequence[str], label: str,
            **options: Any) -> dict:
    """A table question over ``columns`` (the last holds the values, the others name the rows);
    half credit for the right rows with wrong values."""
    return dict(judge=lambda p: frame(lambda: expected(p), columns=list(columns), **options),
                partial=lambda p: _rows_tier(lambda: expected(p), columns[:-1], label))


def _written(index: int, title: str, var: str, text: str, solution: str, uses: tuple[str, ...]) -> Question:
    """A written answer, marked by the instructor on the course rubric."""
    return Question(index, title, "written", var, text, solution, uses, points=WRITTEN_POINTS, rubric=WRITTEN_RUBRIC)


def _setup(*loads: str) -> str:
    """A problem set's first cell: the usual imports and theme, then the tables it loads."""
    return "import altair as alt\nimport pandas as pd\n\nimport summitlab as sl\n\nsl.use_theme()\n" + "\n".join(loads)


# --- lesson 01: another year, another test -----------------------------------------------------

def _ex(module: str):
    import importlib

    return importlib.import_module(f"summitlab.exercises.{module}")


def _launches_in(year: int) -> pd.DataFrame:
    table = load("missile_launches")
    return table[table["date_utc"].dt.year == year]


def _monthly(year: int) -> pd.DataFrame:
    """What the monthly bars of ``year`` draw: missiles per month (UTC) and class."""
    rows = _launches_in(year)
    months = rows["date_utc"].dt.to_period("M").dt.to_timestamp()
    counts = rows.assign(x=months, color=rows["missile_class"].astype(str)).groupby(["x", "color"]).size()
    return counts.rename("y").reset_index()


def _ps01_bars(year: int) -> dict:
    return dict(mark="bar", encodings={"x": "month:T", "y": "launches:Q", "color": "missile_class:N"},
                axis_titles=("x", "y"), titled_tooltip=True, expected=lambda: _monthly(year))


# Questions on one year's launches that lessons 06 and 07 ask again.
N_MISSILES_SOLUTION = "n_missiles = len(launches[launches[\"date_utc\"].dt.year == $year])"


def _launch_date(year: int, end: str, hint: str) -> Judge:
    """The date of the ``end`` ("first" or "last") launch of ``year``; the other end is the named mistake."""
    other = "last" if end == "first" else "first"

    def on(which: str) -> Callable[[], pd.Timestamp]:
        earliest = which == "first"
        return lambda: _launches_in(year)["date_utc"].min() if earliest else _launches_in(year)["date_utc"].max()

    return date(on(end), mistakes=[Mistake(on(other), f"that is the year's {other} launch, not its {end}.", (hint,))])


def _by_class_solution(var: str, query: str) -> str:
    """The model solution of a table of missiles by year and class (``query`` keeps the years asked)."""
    return (f"{var} = (\n    launches\n    .assign(year=launches[\"date_utc\"].dt.year)\n"
            f"    .query(\"{query}\")\n    .groupby([\"year\", \"missile_class\"], observed=True)\n"
            f"    .size()\n    .reset_index(name=\"launches\")\n)\n{var}")


def _by_class(years: Callable[[Mapping[str, Any]], tuple[int, ...]], label: str, hints: Sequence[str] = ()) -> dict:
    """The checks of a table of missiles by year and class: the practice exercises' own judge, and
    half credit for the right years and classes with wrong counts."""
    shared = _ex("shared")
    return dict(judge=lambda p: shared.launches_by_year_and_class_judge(years(p), hints),
                partial=lambda p: _rows_tier(lambda: shared.launches_by_year_and_class(years(p)),
                                             ("year", "missile_class"), label))


def _year_by_class(index: int, text: str, hints: Sequence[str] = ()) -> Question:
    """The table of the year's missiles by class, which lessons 01 and 07 both ask for."""
    return Question(index, "Missiles by class", "table", "by_class", text,
                    _by_class_solution("by_class", "year == $year"), ("year",), related=('01.2', '06.5'),
                    **_by_class(lambda p: (p["year"],), "the right classes, but the launches column is wrong", hints))


def _ps01() -> ProblemSet:
    ex01 = _ex("ex01")
    by_class_hints = ("Keep the rows of that year, group by year and missile_class with observed=True, and count with .size().",)
    return ProblemSet(
        lesson="01",
        title="From crisis to summit: another year of testing",
        setup=_setup("launches = sl.load(\"missile_launches\")", "yields = sl.load(\"nuclear_yield_estimates\")"),
        # Not 2017 (exercise 01.1), 2019 (03.7) or 2022 (07.1): their counts are public.
        domain=tuple({"year": y, "test": t} for y in (2014, 2015, 2016, 2023, 2024) for t in (2, 3, 4, 5)),
        public={"year": 2017, "test": 6},
        questions=(
            Question(1, "Missiles in one year", "number", "n_missiles",
                     "One row of `launches` is one **missile**. How many missiles did North Korea launch in "
                     "$year, by the table's `date_utc`? Assign a whole number to `n_missiles`.",
                     N_MISSILES_SOLUTION,
                     ("year",),
                     related=('01.1', '03.7', '07.1'),
                     judge=lambda p: number(lambda: ex01._missiles_in(p["year"]),
                                            mistakes=[_mistake(lambda: ex01._launch_days_in(p["year"]), "01.1")])),
            _year_by_class(2, "Build a table `by_class` with one row per missile class launched in $year and three "
                              "columns: `year` (a whole number), `missile_class` and `launches` (the number of missiles).",
                           by_class_hints),
            Question(3, "The year's first launch", "date", "first_launch",
                     "On which date (UTC, as the table gives it) did the first launch of $year take place? "
                     "Assign it to `first_launch` as a `Timestamp` or a `\"YYYY-MM-DD\"` string.",
                     "first_launch = launches.loc[launches[\"date_utc\"].dt.year == $year, \"date_utc\"].min()",
                     ("year",),
                     judge=lambda p: _launch_date(p["year"], "first", "Take the minimum of the dates, not the maximum.")),
            Question(4, "Monthly launches, by class", "chart", "monthly_chart",
                     "Chart the missiles launched in $year as bars: one bar per month (`month`, temporal, on x), "
                     "its height the number of missiles (`launches`, on y), coloured by `missile_class`. Give both "
                     "axes a title, add a tooltip with titled fields, a chart title and a description.",
                     "monthly = (\n    launches[launches[\"date_utc\"].dt.year == $year]\n"
                     "    .assign(month=lambda t: t[\"date_utc\"].dt.to_period(\"M\").dt.to_timestamp())\n"
                     "    .groupby([\"month\", \"missile_class\"], observed=True)\n    .size()\n"
                     "    .reset_index(name=\"launches\")\n)\n"
                     "monthly_chart = alt.Chart(monthly).mark_bar().encode(\n"
                     "    x=alt.X(\"month:T\").title(\"Month (UTC)\"),\n"
                     "    y=alt.Y(\"launches:Q\").title(\"Missiles launched\"),\n"
                     "    color=alt.Color(\"missile_class:N\").title(\"Class\"),\n"
                     "    tooltip=[alt.Tooltip(\"month:T\", title=\"Month\", format=\"%B %Y\"),\n"
                     "             alt.Tooltip(\"missile_class:N\", title=\"Class\"),\n"
                     "             alt.Tooltip(\"launches:Q\", title=\"Missiles\")],\n"
                     ").properties(title=\"North Korean missiles by month, $year\",\n"
                     "             description=\"Bars of missiles launched per month in $year, coloured by missile class.\")\n"
                     "monthly_chart",
                     ("year",),
                     **_charted(lambda p: _ps01_bars(p["year"]))),
            Question(5, "How far apart are the yield estimates?", "number", "yield_ratio",
                     "For nuclear test number $test, divide the largest yield estimate by the smallest, counting "
                     "every non-empty low, central and high value in `yields`. Assign the ratio to `yield_ratio` "
                     "(the check reads it to 2 decimals).",
                     "columns = [\"yield_low_kt\", \"yield_central_kt\", \"yield_high_kt\"]\n"
                     "values = yields.loc[yields[\"test_number\"] == $test, columns].stack()\n"
                     "yield_ratio = values.max() / values.min()",
                     ("test",),
                     related=('01.7',),
                     **_numbered(lambda p: ex01._yield_ratio(test=p["test"]),
                                 (0.1, "within 0.1 of the ratio, but not to 2 decimals"), decimals=2,
                                 mistakes=lambda p: [_mistake(lambda: ex01._yield_ratio(("yield_central_kt",), test=p["test"]),
                                                              "01.7")])),
            _written(6, "What does the count leave out?", "count_limits",
                     "In three or four sentences: compare the number of missiles in $year with 2017 (lesson 01). "
                     "Is a count of missiles a good measure of how threatening a year's testing was? Name one "
                     "thing the count leaves out, using a column of `launches`.",
                     "count_limits = \"\"\"A count treats a short-range missile like an ICBM: in $year ...\"\"\"",
                     ("year",)),
        ),
    )


# --- lesson 02: another agreement ----------------------------------------------------------------

def _commitments_of(agreement: str) -> pd.DataFrame:
    table = load("commitments")
    return table[table["agreement_id"].astype(str) == agreement]


def _share_with(agreement: str, feature: str) -> float:
    return 100 * float(_commitments_of(agreement)[feature].fillna(False).astype(bool).mean())


def _by_pillar(agreement: str | None = None) -> pd.DataFrame:
    """Commitments per pillar of ``agreement`` (of every agreement: None), counted as exercise 02.1 does."""
    ex02 = _ex("ex02")
    return ex02._pillar_counts(ex02._rows(agreement))


AGREEMENTS = ("agreed-framework-1994", "six-party-2005", "panmunjom-2018", "pyongyang-2018")


def _agreement_name(agreement: str) -> str:
    """The agreement as the question names it: its name and date from the agreements table."""
    row = load("agreements").set_index("agreement_id").loc[agreement]
    return f"the {row['name']} ({row['date'].day} {row['date']:%B %Y})"


def _ps02() -> ProblemSet:
    return ProblemSet(
        lesson="02",
        title="Reading another agreement",
        setup=_setup("commitments = sl.load(\"commitments\")"),
        # Chosen so that no two variants share a percentage (and none is Singapore's 0).
        domain=tuple({"agreement": a, "feature": f} for a, f in (
            ("agreed-framework-1994", "reciprocal_step"), ("agreed-framework-1994", "quantified"),
            ("six-party-2005", "has_verification"), ("six-party-2005", "has_deadline"),
            ("panmunjom-2018", "has_deadline"), ("pyongyang-2018", "names_facility"),
            ("pyongyang-2018", "has_deadline"))),
        public={"agreement": "singapore-2018", "feature": "has_deadline"},
        extra=lambda p: {"name": _agreement_name(p["agreement"])},
        questions=(
            Question(1, "Commitments by pillar", "table", "by_pillar",
                     "Build a table `by_pillar` of $name (`agreement_id == \"$agreement\"`) with one row per "
                     "pillar that has at least one commitment and two columns: `pillar` and `n_commitments`.",
                     "agreement = commitments.query(\"agreement_id == '$agreement'\")\n"
                     "by_pillar = agreement.groupby(\"pillar\", observed=True).size().reset_index(name=\"n_commitments\")\n"
                     "by_pillar",
                     ("agreement",),
                     related=('02.1',),
                     **_tabled(lambda p: _by_pillar(p["agreement"]), ["pillar", "n_commitments"],
                               "the right pillars, but the counts are wrong",
                               mistakes=[Mistake(lambda: _by_pillar(),
                                                 "these are the counts for every agreement, not for this one alone.",
                                                 ("Keep the rows of the agreement first, then group by pillar.",))])),
            Question(2, "What does the DPRK promise alone?", "number", "n_dprk",
                     "How many commitments of $name oblige the DPRK alone (`party_obligated == \"DPRK\"`)? "
                     "Assign a whole number to `n_dprk`.",
                     "n_dprk = len(commitments.query(\"agreement_id == '$agreement' and party_obligated == 'DPRK'\"))",
                     ("agreement",),
                     judge=lambda p: number(lambda: int((_commitments_of(p["agreement"])["party_obligated"].astype(str)
                                                         == "DPRK").sum()),
                                            mistakes=[Mistake(lambda: len(_commitments_of(p["agreement"])),
                                                              "that counts every commitment of the agreement, whoever is obliged.",
                                                              ("Keep only the rows whose party_obligated is DPRK.",))])),
            Question(3, "How specific is it?", "number", "share_feature",
                     "What percentage of the commitments of $name have `$feature` true? Assign a number "
                     "between 0 and 100 to `share_feature` (the check reads it to 1 decimal).",
                     "agreement = commitments.query(\"agreement_id == '$agreement'\")\n"
                     "share_feature = agreement[\"$feature\"].mean() * 100",
                     ("agreement", "feature"),
                     **_numbered(lambda p: _share_with(p["agreement"], p["feature"]),
                                 (0.5, "within half a percentage point, but not to 1 decimal"), decimals=1,
                                 mistakes=lambda p: [Mistake(lambda: _share_with(p["agreement"], p["feature"]) / 100,
                                                             "that is a share between 0 and 1; the question asks for a percentage.",
                                                             ("Multiply the share by 100.",))])),
            Question(4, "Chart the pillars", "chart", "pillar_chart",
                     "Draw `by_pillar` as horizontal bars: `n_commitments` (quantitative) on x, `pillar` (nominal) "
                     "on y, both axes titled, with a tooltip, a chart title and a description.",
                     "pillar_chart = alt.Chart(by_pillar).mark_bar().encode(\n"
                     "    x=alt.X(\"n_commitments:Q\").title(\"Commitments\"),\n"
                     "    y=alt.Y(\"pillar:N\").title(\"Pillar\"),\n"
                     "    tooltip=[alt.Tooltip(\"pillar:N\", title=\"Pillar\"),\n"
                     "             alt.Tooltip(\"n_commitments:Q\", title=\"Commitments\")],\n"
                     ").properties(title=\"Commitments of $name by pillar\",\n"
                     "             description=\"Horizontal bars giving the number of commitments per pillar.\")\n"
                     "pillar_chart",
                     ("agreement",),
                     **_charted(lambda p: _chart_of("bar", lambda: _by_pillar(p["agreement"]),
                                                    x="n_commitments:Q", y="pillar:N"))),
            _written(5, "Rewrite one commitment", "rewrite",
                     "In three or four sentences: pick one commitment of $name that lacks `$feature`. Quote its "
                     "`commitment_id`, say what it leaves open, and rewrite it so that it would have the feature. "
                     "Why might the parties not have signed your version?",
                     "rewrite = \"\"\"Commitment ... leaves open ...\"\"\"",
                     ("agreement", "feature")),
        ),
    )


# --- lesson 03: another channel -------------------------------------------------------------------

def _contacts_in(channel: str) -> pd.DataFrame:
    table = _ex("ex03")._contacts()
    return table[table["channel"].astype(str) == channel]


def _by_outcome(channel: str) -> pd.DataFrame:
    counts = _contacts_in(channel)["happened"].astype(str).value_counts()
    return pd.DataFrame({"happened": list(counts.index), "n_contacts": list(counts.values)})


def _ps03_points(channel: str) -> dict:
    rows = _contacts_in(channel)
    return dict(mark="point", encodings={"x": "date:T", "color": "happened:N"}, axis_titles=("x",),
                expected=lambda: pd.DataFrame({"x": rows["date"], "color": rows["happened"].astype(str)}))


def _ps03() -> ProblemSet:
    ex03 = _ex("ex03")
    return ProblemSet(
        lesson="03",
        title="Another channel of contact",
        setup=_setup("contacts = sl.load(\"negotiation_contacts\").query(\"date <= '2019-12-31'\")"),
        domain=tuple({"channel": c} for c in ("leader summit", "leader letter", "ministerial")),
        public={"channel": "envoy or working level"},
        questions=(
            Question(1, "Which share of the held contacts?", "number", "held_share",
                     "Of all the contacts that were actually held (`happened == \"held\"`, any channel), what share "
                     "was in the channel `$channel`? Assign a number between 0 and 1 to `held_share` (read to 2 decimals).",
                     "held = contacts[contacts[\"happened\"] == \"held\"]\n"
                     "held_share = (held[\"channel\"] == \"$channel\").mean()",
                     ("channel",),
                     related=('03.1',),
                     **_numbered(lambda p: ex03._held_share((p["channel"],), of_held=True),
                                 (0.02, "within 0.02 of the share, but not to 2 decimals"), decimals=2,
                                 mistakes=lambda p: [Mistake(lambda: ex03._held_share((p["channel"],)),
                                                             "that is the share of the channel's contacts that were held: "
                                                             "the question is the other way round.",
                                                             ("Keep the held contacts first, then ask which share is in the channel.",))])),
            Question(2, "The longest gap", "number", "longest_gap",
                     "Sort the **held** contacts in the channel `$channel` by date. What is the longest gap, in "
                     "days, between two that follow each other? Assign a whole number to `longest_gap`.",
                     "held = contacts.query(\"channel == '$channel' and happened == 'held'\")\n"
                     "longest_gap = int(held.sort_values(\"date\")[\"date\"].diff().dt.days.max())",
                     ("channel",),
                     related=('03.2', '03.6'),
                     judge=lambda p: number(lambda: ex03._longest_gap(channels=(p["channel"],)),
                                            mistakes=[Mistake(lambda: ex03._longest_gap(channels=(p["channel"],), held_only=False),
                                                              "that gap counts contacts that were not held.",
                                                              ("Keep only the rows where happened is 'held' before sorting.",))])),
            Question(3, "What happened to them?", "table", "by_outcome",
                     "Build a table `by_outcome` for the channel `$channel` with one row per value of `happened` "
                     "that occurs and two columns: `happened` and `n_contacts`.",
                     "by_outcome = (\n    contacts[contacts[\"channel\"] == \"$channel\"]\n"
                     "    .groupby(\"happened\", observed=True)\n    .size()\n    .reset_index(name=\"n_contacts\")\n)\n"
                     "by_outcome",
                     ("channel",),
                     related=('03.3',),
                     **_tabled(lambda p: _by_outcome(p["channel"]), ["happened", "n_contacts"],
                               "the right outcomes, but the counts are wrong")),
            Question(4, "A timeline of the channel", "chart", "channel_chart",
                     "Draw the contacts in the channel `$channel` as points on a timeline: `date` (temporal) on x "
                     "with an axis title, coloured by `happened`, with a tooltip, a chart title and a description.",
                     "channel_chart = alt.Chart(contacts[contacts[\"channel\"] == \"$channel\"]).mark_point(filled=True).encode(\n"
                     "    x=alt.X(\"date:T\").title(\"Date (local)\"),\n"
                     "    color=alt.Color(\"happened:N\").title(\"What happened\"),\n"
                     "    tooltip=[alt.Tooltip(\"date:T\", title=\"Date\"), alt.Tooltip(\"happened:N\", title=\"What happened\")],\n"
                     ").properties(title=\"US-DPRK contacts in the channel $channel\",\n"
                     "             description=\"One point per contact over time, coloured by whether it was held.\")\n"
                     "channel_chart",
                     ("channel",),
                     **_charted(lambda p: _ps03_points(p["channel"]))),
            _written(5, "A channel or a process?", "channel_verdict",
                     "In three or four sentences: does the record of the `$channel` channel support the argument "
                     "that diplomacy ran through leaders rather than a working-level process? Use your numbers, "
                     "and say what the data cannot show.",
                     "channel_verdict = \"\"\"The $channel channel ...\"\"\"",
                     ("channel",)),
        ),
    )


# --- lesson 04: another road map, another party ---------------------------------------------------

def _path_table(roadmap: str) -> pd.DataFrame:
    lines = _ex("ex04")._exposure_lines(roadmap)
    return lines.rename(columns={"x": "step", "y": "exposure", "color": "party"})


ROADMAP_NAMES = {
    "singapore-order": "the order of the Singapore statement",
    "denuclearization-first": "the denuclearization-first approach",
    "freeze-for-freeze": "the freeze-for-freeze approach",
    "hanoi-dprk-offer": "the DPRK's Hanoi offer",
}


def _ps04() -> ProblemSet:
    ex04 = _ex("ex04")
    return ProblemSet(
        lesson="04",
        title="Another road map",
        setup=("import altair as alt\n\nimport summitlab as sl\nfrom summitlab.models import roadmap as model\n"
               "from summitlab.models import roadmaps_data as rd\n\nsl.use_theme()"),
        # Chosen so that no two variants share a peak or a total (the scores are small integers).
        domain=tuple({"roadmap": r, "party": p} for r, p in (
            ("singapore-order", "US"), ("singapore-order", "DPRK"), ("denuclearization-first", "US"),
            ("hanoi-dprk-offer", "DPRK"))),
        public={"roadmap": "phased-synchronized", "party": "US"},
        extra=lambda p: {"name": ROADMAP_NAMES.get(p["roadmap"], p["roadmap"]),
                         "capital": ex04.CAPITAL[p["party"]]},
        questions=(
            Question(1, "Peak exposure", "number", "peak",
                     "Along $name (`rd.roadmap(\"$roadmap\")`), what is $capital's ($party) peak exposure, the "
                     "largest value of `exposure` for that party in `model.exposure(...)`? Assign it to `peak`.",
                     "path = model.exposure(rd.roadmap(\"$roadmap\"))\n"
                     "peak = path.loc[path[\"party\"] == \"$party\", \"exposure\"].max()",
                     ("roadmap", "party"),
                     judge=lambda p: number(lambda: max(ex04._running_balance(p["roadmap"], p["party"])),
                                            mistakes=[Mistake(lambda: max(ex04._running_balance(
                                                p["roadmap"], "DPRK" if p["party"] == "US" else "US")),
                                                "that is the other party's peak.",
                                                ("Keep the rows of the party the question names.",))])),
            Question(2, "Points given", "number", "given",
                     "Along $name, how many points does $capital ($party) give in all (the sum of the `cost` of "
                     "its own steps)? Assign it to `given`.",
                     "steps = rd.roadmap(\"$roadmap\")\n"
                     "given = steps.loc[steps[\"actor\"] == \"$party\", \"cost\"].sum()",
                     ("roadmap", "party"),
                     judge=lambda p: number(lambda: ex04._total_given(p["roadmap"], p["party"]))),
            Question(3, "The exposure table", "table", "path",
                     "Build the table `path` of both parties' exposure after each step of $name, with the columns "
                     "`step` (0 = the start), `party` and `exposure`.",
                     "path = model.exposure(rd.roadmap(\"$roadmap\"))[[\"step\", \"party\", \"exposure\"]]\npath",
                     ("roadmap",),
                     related=('04.2', '06.1'),
                     **_tabled(lambda p: _path_table(p["roadmap"]), ["step", "party", "exposure"],
                               "the right steps and parties, but the exposure column is wrong")),
            Question(4, "Chart the exposure", "chart", "exposure_chart",
                     "Draw `path` as lines: `step` (ordinal) on x, `exposure` (quantitative) on y, one line per "
                     "`party` (colour), both axes titled, with a tooltip, a chart title and a description.",
                     "exposure_chart = alt.Chart(path).mark_line(point=True).encode(\n"
                     "    x=alt.X(\"step:O\").title(\"Step (0 = start)\"),\n"
                     "    y=alt.Y(\"exposure:Q\").title(\"Exposure (points)\"),\n"
                     "    color=alt.Color(\"party:N\").title(\"Party\"),\n"
                     "    tooltip=[alt.Tooltip(\"step:O\", title=\"Step\"), alt.Tooltip(\"party:N\", title=\"Party\"),\n"
                     "             alt.Tooltip(\"exposure:Q\", title=\"Exposure\")],\n"
                     ").properties(title=\"Exposure along $name (stylized scores)\",\n"
                     "             description=\"Lines of US and DPRK exposure after each step of the road map.\")\n"
                     "exposure_chart",
                     ("roadmap",),
                     **_charted(lambda p: _chart_of("line", lambda: _path_table(p["roadmap"]),
                                                    x="step:O", y="exposure:Q", color="party:N"))),
            _written(5, "Would $capital walk away?", "walk_away",
                     "In three or four sentences: at which step of $name is $capital most exposed, and would its "
                     "own statements (lesson 04) lead it to accept that? Say what the model's scores leave out.",
                     "walk_away = \"\"\"$capital is most exposed after step ...\"\"\"",
                     ("roadmap", "party")),
        ),
    )


# --- lesson 05: another test ----------------------------------------------------------------------

def _ps05_tests(last: int) -> pd.DataFrame:
    ex05 = _ex("ex05")
    numbers = [int(n) for n in load("nuclear_tests")["test_number"] if int(n) <= last]
    return pd.DataFrame({"test_number": numbers, "kt": [ex05._yield(n) for n in numbers]})


def _ps05() -> ProblemSet:
    ex05 = _ex("ex05")
    return ProblemSet(
        lesson="05",
        title="Another nuclear test",
        setup=("import altair as alt\nimport pandas as pd\n\nimport summitlab as sl\nfrom summitlab.models import seismic\n\n"
               "sl.use_theme()\ntests = sl.load(\"nuclear_tests\")\nrelations = sl.load(\"magnitude_yield_relations\")\n"
               "hard_rock = relations.set_index(\"relation_id\").loc[\"sykes-1991-hard-rock\"]"),
        domain=tuple({"test": t} for t in (2, 3, 5)),  # tests 3 and 4 share a USGS magnitude (5.1)
        public={"test": 6},
        questions=(
            Question(1, "The yield of one test", "number", "yield_kt",
                     "Using the hard-rock relation (`hard_rock`) and the USGS body-wave magnitude `mb_usgs`, what "
                     "yield in kilotons does `seismic.yield_kt` give for test number $test? Assign it to "
                     "`yield_kt` (read to 1 decimal).",
                     "mb = tests.set_index(\"test_number\").loc[$test, \"mb_usgs\"]\n"
                     "yield_kt = float(seismic.yield_kt(mb, hard_rock[\"intercept_a\"], hard_rock[\"slope_b\"]))",
                     ("test",),
                     related=('05.2',),
                     **_numbered(lambda p: ex05._yield(p["test"]),
                                 (0.5, "within half a kiloton, but not to 1 decimal"), decimals=1,
                                 mistakes=lambda p: [_mistake(lambda: ex05._yield(p["test"], relation_id="shagan-low-yield-2006"),
                                                              "05.2", 0)])),
            Question(2, "How many times stronger?", "number", "times",
                     "By the same relation, how many times larger was the yield of test 6, the largest, than that of test "
                     "$test? Assign the ratio to `times` (read to 1 decimal).",
                     "mb_6 = tests.set_index(\"test_number\").loc[6, \"mb_usgs\"]\n"
                     "yield_6 = float(seismic.yield_kt(mb_6, hard_rock[\"intercept_a\"], hard_rock[\"slope_b\"]))\n"
                     "times = yield_6 / yield_kt",
                     ("test",),
                     **_numbered(lambda p: ex05._yield(6) / ex05._yield(p["test"]),
                                 (1.0, "within 1 of the ratio, but not to 1 decimal"), decimals=1,
                                 mistakes=lambda p: [Mistake(lambda: ex05._yield(p["test"]) / ex05._yield(6),
                                                             "the ratio is upside down.",
                                                             ("Divide the larger yield (test 6) by the smaller.",))])),
            Question(3, "Yields up to that test", "table", "early",
                     "Build a table `early` with one row for each test up to and including test $test and two "
                     "columns: `test_number` and `kt` (the hard-rock yield).",
                     "early = (\n    tests[tests[\"test_number\"] <= $test]\n"
                     "    .assign(kt=lambda t: seismic.yield_kt(t[\"mb_usgs\"], hard_rock[\"intercept_a\"], hard_rock[\"slope_b\"]))\n"
                     "    [[\"test_number\", \"kt\"]]\n)\nearly",
                     ("test",),
                     **_tabled(lambda p: _ps05_tests(p["test"]), ["test_number", "kt"],
                               "the right tests, but the kt column is wrong", tolerance=1e-6)),
            Question(4, "Chart the yields", "chart", "yield_chart",
                     "Draw `early` as bars: `test_number` (ordinal) on x, `kt` (quantitative) on y, both axes "
                     "titled, with a tooltip, a chart title and a description.",
                     "yield_chart = alt.Chart(early).mark_bar().encode(\n"
                     "    x=alt.X(\"test_number:O\").title(\"Test\"),\n"
                     "    y=alt.Y(\"kt:Q\").title(\"Yield (kt, hard-rock relation)\"),\n"
                     "    tooltip=[alt.Tooltip(\"test_number:O\", title=\"Test\"), alt.Tooltip(\"kt:Q\", title=\"Yield (kt)\", format=\".1f\")],\n"
                     ").properties(title=\"Yields of North Korea's tests 1 to $test (hard-rock relation)\",\n"
                     "             description=\"Bars of the estimated yield of each test, in kilotons.\")\n"
                     "yield_chart",
                     ("test",),
                     **_charted(lambda p: _chart_of("bar", lambda: _ps05_tests(p["test"]), x="test_number:O", y="kt:Q"))),
            _written(5, "How sure can we be?", "how_sure",
                     "In three or four sentences: how far would you trust your yield for test $test? Name two "
                     "reasons the published estimates for it differ, and what a verification regime could add.",
                     "how_sure = \"\"\"The yield of test $test depends on ...\"\"\"",
                     ("test",)),
        ),
    )


# --- lesson 06: another pair of years, another argument -------------------------------------------

def _brier_of(argument: str) -> float:
    rows = [r for r in load("forecasts").to_dict("records")
            if not r["forecast_id"].startswith("H") and str(r["argument"]) == argument]
    return sum((float(r["probability"]) - float(bool(r["outcome"]))) ** 2 for r in rows) / len(rows)


def _ps06() -> ProblemSet:
    ex01 = _ex("ex01")
    shared = _ex("shared")
    return ProblemSet(
        lesson="06",
        title="Hanoi and after: another comparison",
        setup=_setup("forecasts = sl.load(\"forecasts\").query(\"not forecast_id.str.startswith('H')\")",
                     "launches = sl.load(\"missile_launches\")"),
        domain=tuple({"years": y, "argument": a} for y in ((2016, 2019), (2015, 2019), (2014, 2017), (2016, 2020))
                     for a in ("road map", "sequencing", "none")),  # not "process": its one forecast scores 07.6's public answer
        public={"years": (2017, 2019), "argument": "process"},
        extra=lambda p: {"first": p["years"][0], "second": p["years"][1]},
        questions=(
            Question(1, "Brier score of one argument", "number", "brier",
                     "Keep the forecasts whose `argument` is \"$argument\" (article and contrary). What is their "
                     "Brier score (the mean of (probability − outcome)², the outcome as 1 or 0)? Assign it to "
                     "`brier` (read to 3 decimals).",
                     "rows = forecasts[forecasts[\"argument\"] == \"$argument\"]\n"
                     "brier = ((rows[\"probability\"] - rows[\"outcome\"].astype(int)) ** 2).mean()",
                     ("argument",),
                     related=('06.3', '07.6'),
                     **_numbered(lambda p: _brier_of(p["argument"]),
                                 (0.01, "within 0.01 of the score, but not to 3 decimals"), decimals=3)),
            Question(2, "Missiles by class in two years", "table", "counts",
                     "Build a table `counts` with one row per year ($first and $second) and missile class "
                     "launched that year, and three columns: `year`, `missile_class` and `launches`.",
                     _by_class_solution("counts", "year in [$first, $second]"),
                     ("years",),
                     related=('06.5', '01.2'),
                     **_by_class(lambda p: tuple(p["years"]), "the right years and classes, but the launches column is wrong")),
            Question(3, "The change in missiles", "number", "change",
                     "How many more (or, as a negative number, fewer) missiles were launched in $second than in "
                     "$first? Assign a whole number to `change`.",
                     "change = int(counts.loc[counts[\"year\"] == $second, \"launches\"].sum()\n"
                     "             - counts.loc[counts[\"year\"] == $first, \"launches\"].sum())",
                     ("years",),
                     judge=lambda p: number(lambda: ex01._missiles_in(p["years"][1]) - ex01._missiles_in(p["years"][0]),
                                            mistakes=[Mistake(lambda: ex01._missiles_in(p["years"][0]) - ex01._missiles_in(p["years"][1]),
                                                              "the sign is reversed: the later year minus the earlier one.",
                                                              ("Subtract the first year's count from the second year's.",))])),
            Question(4, "Chart the comparison", "chart", "comparison_chart",
                     "Draw `counts` as horizontal bars: `launches` (quantitative) on x, `missile_class` (nominal) "
                     "on y, `year` (nominal) as colour, both axes titled, with a tooltip, a chart title and a description.",
                     "comparison_chart = alt.Chart(counts).mark_bar().encode(\n"
                     "    x=alt.X(\"launches:Q\").title(\"Missiles launched\"),\n"
                     "    y=alt.Y(\"missile_class:N\").title(\"Missile class\"),\n"
                     "    yOffset=alt.YOffset(\"year:N\"),\n"
                     "    color=alt.Color(\"year:N\").title(\"Year\"),\n"
                     "    tooltip=[alt.Tooltip(\"year:N\", title=\"Year\"), alt.Tooltip(\"missile_class:N\", title=\"Class\"),\n"
                     "             alt.Tooltip(\"launches:Q\", title=\"Missiles\")],\n"
                     ").properties(title=\"Missiles by class, $first and $second\",\n"
                     "             description=\"Horizontal bars comparing missiles per class in the two years.\")\n"
                     "comparison_chart",
                     ("years",),
                     **_charted(lambda p: _chart_of("bar", lambda: shared.launches_by_year_and_class(tuple(p["years"])),
                                                    x="launches:Q", y="missile_class:N", color="year:N"))),
            _written(5, "Which constraint held?", "held_verdict",
                     "In three or four sentences: what does the comparison of $first and $second say about which "
                     "kinds of testing were restrained, and what does the Brier score of the \"$argument\" forecasts "
                     "say about that argument? Name one limit of each number.",
                     "held_verdict = \"\"\"Between $first and $second ...\"\"\"",
                     ("years", "argument")),
        ),
    )


# --- lesson 07: another year after Hanoi ----------------------------------------------------------

def _ps07_years(last: int) -> pd.DataFrame:
    ex07 = _ex("ex07")
    return pd.DataFrame({"year": list(range(2019, last + 1)),
                         "launches": [ex07._missiles_in(y) for y in range(2019, last + 1)]})


def _ps07() -> ProblemSet:
    ex07 = _ex("ex07")
    return ProblemSet(
        lesson="07",
        title="After Hanoi: another year",
        setup=_setup("launches = sl.load(\"missile_launches\")"),
        domain=tuple({"year": y} for y in (2020, 2021, 2023, 2024, 2025)),
        public={"year": 2022},
        questions=(
            Question(1, "Missiles in one year", "number", "n_missiles",
                     "How many missiles did North Korea launch in $year, by `date_utc`? Assign a whole number to `n_missiles`.",
                     N_MISSILES_SOLUTION,
                     ("year",),
                     related=('07.1', '01.1', '03.7'),
                     judge=lambda p: number(lambda: ex07._missiles_in(p["year"]),
                                            mistakes=[_mistake(lambda: ex07._launch_days_in(p["year"]), "07.1", 0),
                                                      Mistake(lambda: ex07._launch_events_in(p["year"]),
                                                              "that counts the launches in the events table, which lists only key events.",
                                                              ("Count the rows of missile_launches, one per missile.",))])),
            Question(2, "The year's last launch", "date", "last_launch",
                     "On which date (UTC) did the last launch of $year take place? Assign it to `last_launch`.",
                     "last_launch = launches.loc[launches[\"date_utc\"].dt.year == $year, \"date_utc\"].max()",
                     ("year",),
                     judge=lambda p: _launch_date(p["year"], "last", "Take the maximum of the dates.")),
            _year_by_class(3, "Build a table `by_class` with one row per missile class launched in $year and three columns: "
                              "`year`, `missile_class` and `launches`."),
            Question(4, "Missiles per year since 2019", "chart", "years_chart",
                     "Build a table with one row per year from 2019 to $year (`year`, `launches`) and draw it as "
                     "bars: `year` (ordinal) on x, `launches` on y, both axes titled, with a tooltip, a chart "
                     "title and a description.",
                     "per_year = (\n    launches.assign(year=launches[\"date_utc\"].dt.year)\n"
                     "    .query(\"2019 <= year <= $year\")\n    .groupby(\"year\")\n    .size()\n"
                     "    .reset_index(name=\"launches\")\n)\n"
                     "years_chart = alt.Chart(per_year).mark_bar().encode(\n"
                     "    x=alt.X(\"year:O\").title(\"Year (UTC)\"),\n"
                     "    y=alt.Y(\"launches:Q\").title(\"Missiles launched\"),\n"
                     "    tooltip=[alt.Tooltip(\"year:O\", title=\"Year\"), alt.Tooltip(\"launches:Q\", title=\"Missiles\")],\n"
                     ").properties(title=\"North Korean missiles per year, 2019 to $year\",\n"
                     "             description=\"Bars of the number of missiles launched each year.\")\n"
                     "years_chart",
                     ("year",),
                     **_charted(lambda p: _chart_of("bar", lambda: _ps07_years(p["year"]), x="year:O", y="launches:Q"))),
            _written(5, "The strongest counter-argument", "counter",
                     "In three or four sentences: does the record of $year support the article's expectation that "
                     "without a road map the programme would grow? Give the strongest counter-argument and say "
                     "which data could settle it.",
                     "counter = \"\"\"In $year ...\"\"\"",
                     ("year",)),
        ),
    )


_BUILDERS = {"01": _ps01, "02": _ps02, "03": _ps03, "04": _ps04, "05": _ps05, "06": _ps06, "07": _ps07}


def problem_sets() -> dict[str, ProblemSet]:
    """Every graded problem set, by lesson ("01" ... "07")."""
    return {lesson: build() for lesson, build in _BUILDERS.items()}


# --- answers: the model solution under a variant ------------------------------------------------

def solution_code(problem_set: ProblemSet, variant: Mapping[str, Any]) -> list[str]:
    """The code cells of the model solution under ``variant``: setup, then each question's cell."""
    params = problem_set.params(variant)
    return [problem_set.setup] + [q.render(q.solution, params) for q in problem_set.questions]


def model_answers(problem_set: ProblemSet, variant: Mapping[str, Any]) -> dict[str, Any]:
    """Run the course's own model solution under ``variant`` in-process (trusted code only);
    return each question's answer by question id."""
    namespace: dict[str, Any] = {}
    for code in solution_code(problem_set, variant):
        exec(compile(code, f"<{problem_set.id} model solution>", "exec"), namespace)  # noqa: S102 (course code)
    return {problem_set.qid(q): namespace.get(q.var) for q in problem_set.questions}


# --- the notebook a student receives -------------------------------------------------------------

def student_notebook(problem_set: ProblemSet, variant: Mapping[str, Any], *, student: str = "",
                     solutions: bool = False):
    """The problem set as a notebook with the variant written in (or its model solution)."""
    import nbformat

    params = problem_set.params(variant)
    total = sum(q.points for q in problem_set.questions)
    who = f"For {student}. " if student else ""
    cells = [nbformat.v4.new_markdown_cell(
        f"# Graded problem set {problem_set.lesson}: {problem_set.title}\n\n{who}"
        f"{len(problem_set.questions)} questions, {total:g} points. Answer each question in the cell below it "
        "by replacing `...`, computing every value from the tables (a typed number earns nothing if the data "
        "would give another one). Run the whole notebook from the top before you hand it in: it is graded by "
        "running it again. Written answers are marked by your instructor."),
        nbformat.v4.new_code_cell(problem_set.setup)]
    for question in problem_set.questions:
        cells.append(nbformat.v4.new_markdown_cell(
            f"## {question.number}. {question.render(question.title, params)} ({question.points:g} points)\n\n"
            + question.render(question.text, params)))
        if solutions:
            code = question.render(question.solution, params)
        elif question.kind == "written":
            code = f'{question.var} = """\n{WRITTEN_PLACEHOLDER}\n"""'
        else:
            code = question.render(question.skeleton, params) if question.skeleton else f"{question.var} = ..."
        cells.append(nbformat.v4.new_code_cell(code))
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata = {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
                         "language_info": {"name": "python"}}
    return notebook


def answer_names(problem_set: ProblemSet) -> dict[str, str]:
    """Question id -> the variable that holds its answer (what the grader captures)."""
    return {problem_set.qid(q): q.var for q in problem_set.questions}
