"""Check pieces that two or more exercise notebooks use (registers no exercise)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pandas as pd

from summitlab.checks import Judge, Mistake, Problem, frame
from summitlab.data import load


def launches_by_year_and_class(years: Sequence[int], *, count_days: bool = False,
                               with_zeros: bool = False) -> pd.DataFrame:
    """Missiles per (year, missile_class) in ``years``, counted row by row (UTC years).

    ``count_days`` counts distinct launch days instead (a likely mistake); ``with_zeros`` adds
    rows of zeros for classes with no launch (another one).
    """
    table = load("missile_launches")
    rows = [(day.year, str(cls), day) for day, cls in zip(table["date_utc"], table["missile_class"])
            if day.year in years]
    counter = Counter((year, cls) for year, cls, _ in (set(rows) if count_days else rows))
    if with_zeros:
        for year in years:
            for cls in table["missile_class"].cat.categories:
                counter.setdefault((year, str(cls)), 0)
    return pd.DataFrame(
        [{"year": year, "missile_class": cls, "launches": n} for (year, cls), n in counter.items()],
        columns=["year", "missile_class", "launches"],
    )


def launches_by_year_and_class_judge(years: Sequence[int], hints: Sequence[str]) -> Judge:
    """Judge a table of missiles per year and class for ``years``, with the usual mistakes named."""
    years = tuple(years)
    by_class = frame(
        lambda: launches_by_year_and_class(years),
        columns=["year", "missile_class", "launches"],
        mistakes=[
            Mistake(lambda: launches_by_year_and_class(years, with_zeros=True),
                    "the table has rows of zeros for classes with no launch that year.",
                    ("Pass observed=True to groupby, or drop the rows where launches is 0.",
                     "missile_class is categorical: without observed=True, groupby makes a row for every class.")),
            Mistake(lambda: launches_by_year_and_class(years, count_days=True),
                    "these are launch days per class, not missiles.",
                    ("Each row of missile_launches is one missile: count rows (.size()), not unique dates.",
                     "A salvo of several missiles on one day is several rows: count them all.")),
        ],
        hints=hints,
    )
    wanted = " and ".join(str(year) for year in years)

    def judge(answer) -> Problem | None:
        if isinstance(answer, pd.DataFrame) and "year" in answer.columns:
            # Years are compared as numbers, so a float year (as after a merge) is a year too;
            # text years are left to the table check, which names the form it expects.
            as_numbers = pd.to_numeric(answer["year"], errors="coerce")
            if as_numbers.notna().all() and not set(as_numbers.unique()) <= {float(y) for y in years}:
                return Problem(f"the table has years other than {wanted}.",
                               (f"Keep only the rows whose year is {wanted.replace(' and ', ' or ')}, e.g. .query('year in {list(years)}').",
                                "Filter the rows on the year before you group them."))
        return by_class(answer)

    judge.info = by_class.info
    return judge
