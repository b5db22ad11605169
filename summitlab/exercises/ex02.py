"""Exercise notebook 02 (reading the Singapore statement): pillars, specificity scores, order.

Every expectation is derived here from the commitments table, by loops over its rows rather
than the pandas chains a solution would use, so that a wrong solution cannot agree with the
check by sharing its code. The multiple-choice answer is stored only as a salted digest.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pandas as pd

from summitlab.checks import Exercise, Mistake, Problem, chart, choice, frame, number, register, sequence
from summitlab.data import load

SINGAPORE = "singapore-2018"
FEATURES = ("has_deadline", "has_verification", "names_facility", "quantified", "reciprocal_step")
ARMS_CONTROL = {"has_deadline": 1, "has_verification": 3, "names_facility": 2,
                "quantified": 1, "reciprocal_step": 1}
EQUAL = dict.fromkeys(FEATURES, 1)


def _rows(agreement: str | None = None) -> list[dict]:
    table = load("commitments")
    records = table.astype(object).where(table.notna(), None).to_dict("records")
    return [r for r in records if agreement is None or r["agreement_id"] == agreement]


# --- 02.1 count by pillar --------------------------------------------------------------

def _pillar_counts(rows: list[dict]) -> pd.DataFrame:
    counts = Counter(str(r["pillar"]) for r in rows)
    return pd.DataFrame({"pillar": list(counts), "n_commitments": list(counts.values())})


def _singapore_pillars() -> pd.DataFrame:
    return _pillar_counts(_rows(SINGAPORE))


def _all_pillars() -> pd.DataFrame:
    return _pillar_counts(_rows())


def _with_empty_pillars() -> pd.DataFrame:
    counts = Counter(str(r["pillar"]) for r in _rows(SINGAPORE))
    every = [str(p) for p in load("commitments")["pillar"].cat.categories]
    return pd.DataFrame({"pillar": every, "n_commitments": [counts.get(p, 0) for p in every]})


def _numbered_pillars() -> pd.DataFrame:
    return _pillar_counts([r for r in _rows(SINGAPORE) if str(r["position"]).isdigit()])


# --- 02.2 and 02.3 specificity scores ------------------------------------------------------

def _shares(missing_as_false: bool = False) -> dict[str, dict[str, float]]:
    """{agreement: {feature: share of commitments with the feature, 0-1}}."""
    tally: dict[str, dict[str, list[int]]] = {}
    for row in _rows():
        per = tally.setdefault(row["agreement_id"], {f: [0, 0] for f in FEATURES})
        for feature in FEATURES:
            value = row[feature]
            if value is None and not missing_as_false:
                continue
            per[feature][0] += int(bool(value))
            per[feature][1] += 1
    return {a: {f: (t / n if n else float("nan")) for f, (t, n) in per.items()} for a, per in tally.items()}


def _long_shares(scale: float = 100.0, missing_as_false: bool = False) -> pd.DataFrame:
    """What the 02.4 heatmap draws: one cell per agreement and feature, the share in percent."""
    rows = [{"x": feature, "y": agreement, "color": scale * share}
            for agreement, per in _shares(missing_as_false).items() for feature, share in per.items()]
    return pd.DataFrame(rows)


def _score_table(weights: dict[str, float], scale: float = 100.0, missing_as_false: bool = False) -> pd.DataFrame:
    total = sum(weights.values())
    rows = [
        {"agreement_id": a, "score": scale * sum(weights[f] * s[f] for f in FEATURES) / total}
        for a, s in _shares(missing_as_false).items()
    ]
    return pd.DataFrame(rows)


def _pooled_scores() -> pd.DataFrame:
    tally: dict[str, list[int]] = {}
    for row in _rows():
        values = [row[f] for f in FEATURES if row[f] is not None]
        counts = tally.setdefault(row["agreement_id"], [0, 0])
        counts[0] += sum(bool(v) for v in values)
        counts[1] += len(values)
    return pd.DataFrame([{"agreement_id": a, "score": 100 * t / n} for a, (t, n) in tally.items()])


def _ranking(weights: dict[str, float]) -> list[str]:
    table = _score_table(weights)
    return [a for a, _ in sorted(zip(table["agreement_id"], table["score"]), key=lambda p: -p[1])]


def _as_ids(answer: Any) -> list[str] | Problem:
    if isinstance(answer, pd.DataFrame):
        return Problem("you gave a whole table; the answer is the list of agreement ids, in order.",
                       ("Sort the scores, then take the ids: list(table.sort_values(...)['agreement_id']).",
                        "A list holds only the ids, in order: list() of the sorted id column gives it."))
    if isinstance(answer, pd.Series):
        if answer.map(lambda v: isinstance(v, str)).all():
            return list(answer)
        return Problem("you gave a Series of scores; the answer is the list of agreement ids, in order.",
                       ("If the ids are in the index, list(series.index) gives them in order.",
                        "Sort the Series from highest to lowest first; its index then lists the ids in order."))
    items = sequence(answer)  # a list, tuple, numpy array, Index or pandas array (.values, .index.values)
    if items and all(isinstance(v, str) for v in items):
        return [str(v) for v in items]
    return Problem("the answer should be a list of agreement ids (strings), most specific first.",
                   ('For example: ["initial-actions-2007", "...", ...].',
                    "Sort the weighted scores from highest to lowest, then take the agreement ids in that order."))


def _judge_ranking(answer: Any) -> Problem | None:
    ids = _as_ids(answer)
    if isinstance(ids, Problem):
        return ids
    target = _ranking(ARMS_CONTROL)
    if ids == target:
        return None
    if sorted(ids) != sorted(target):
        return Problem("the list should hold each agreement that has commitments, once.",
                       ("There are as many ids as rows in your score table; Hanoi has no commitments.",
                        "Take the ids from the index of your weighted scores, not by typing them."))
    if ids == target[::-1]:
        return Problem("this is the order from least to most specific.",
                       ("Sort with ascending=False so that the highest score comes first.",
                        "The first id of the list is the agreement with the highest weighted score."))
    if ids == _ranking(EQUAL):
        return Problem("this is the order under equal weights, not the arms-control weights.",
                       ("Give has_verification a weight of 3 and names_facility a weight of 2.",
                        "Weighted score = sum of weight x share, divided by the sum of the weights (8)."))
    return Problem("the order is not the one the arms-control weights give.",
                   ("Check each weight, and divide by the sum of the weights.",
                    "Compute the weighted score for every agreement first, then sort it."))


# --- 02.6 place of denuclearization ------------------------------------------------------

def _numbered_point() -> int:
    points = sorted(int(r["position"]) for r in _rows(SINGAPORE)
                    if str(r["position"]).isdigit() and r["pillar"] == "denuclearization")
    return points[0]


def _order_value() -> int:
    return min(int(r["order"]) for r in _rows(SINGAPORE)
               if str(r["position"]).isdigit() and r["pillar"] == "denuclearization")


def _first_in_text() -> int:
    return min(int(r["order"]) for r in _rows(SINGAPORE) if r["pillar"] == "denuclearization")


register(
    Exercise(
        id="02.1",
        title="Count Singapore's commitments by pillar",
        objective="Compute how many commitments the statement makes on each pillar.",
        judge=frame(
            _singapore_pillars,
            columns=["pillar", "n_commitments"],
            mistakes=[
                Mistake(_all_pillars, "these are the counts for every agreement, not Singapore's alone.",
                        ("Keep only the rows whose agreement_id is 'singapore-2018' before counting.",)),
                Mistake(_with_empty_pillars, "the table lists pillars that Singapore never mentions, with 0.",
                        ("pillar is a categorical column: groupby(..., observed=True) keeps only pillars that occur.",)),
                Mistake(_numbered_pillars, "you counted only the numbered points; the preamble and closing commitments count too.",
                        ("Count every Singapore row, whatever its position.",)),
            ],
            hints=("Filter to Singapore, then group by pillar and count rows (.size()).",
                   "Group with observed=True so that only pillars that occur appear, and name the count "
                   "n_commitments when you turn it back into a table."),
        ),
        section="In what order does the statement list its commitments?",
    ),
    Exercise(
        id="02.2",
        title="A specificity score for each agreement",
        objective="Compute each agreement's specificity score from its coded features.",
        judge=frame(
            lambda: _score_table(EQUAL),
            columns=["agreement_id", "score"],
            decimals=1,
            mistakes=[
                Mistake(lambda: _score_table(EQUAL, missing_as_false=True),
                        "the CMA's score is too low: unchecked (missing) cells were counted as false.",
                        ("Leave missing values out: .mean() skips them unless you fill them first.",)),
                Mistake(lambda: _score_table(EQUAL, scale=1.0),
                        "these look like shares from 0 to 1; the score is on a 0-100 scale.",
                        ("Multiply by 100.",)),
                Mistake(_pooled_scores,
                        "close, but the CMA's score pools all cells together instead of averaging the five shares.",
                        ("First take each feature's share, then average the five shares.",)),
            ],
            hints=("Group the commitments by agreement_id and take the mean of the five feature columns.",
                   "The score is the mean of the five shares, times 100: average across the columns of the "
                   "table of shares, one agreement per row."),
        ),
        section="Can one number say how specific an agreement is?",
    ),
    Exercise(
        id="02.3",
        title="Rank the agreements under arms-control weights",
        objective="Evaluate how a ranking of agreements depends on the weights of the score.",
        judge=_judge_ranking,
        section="Can one number say how specific an agreement is?",
    ),
    Exercise(
        id="02.4",
        title="Heatmap of agreements by specificity feature",
        objective="Chart the share of commitments with each feature, agreement by agreement.",
        judge=chart(
            mark="rect",
            encodings={"x": "feature:N", "y": "agreement_id:N", "color": "share:Q"},
            titled_tooltip=True,
            expected=_long_shares,
            tolerance=0.5,  # shares rounded to whole percent draw the same heatmap
            mistakes=[Mistake(lambda: _long_shares(scale=1.0),
                              "the colour shows shares from 0 to 1; the exercise asks for the share in percent.",
                              ("Multiply the shares by 100 before melting the table.",)),
                      Mistake(lambda: _long_shares(missing_as_false=True),
                              "some shares are too low: unchecked (missing) cells were counted as false (a missing "
                              "value times 100 is 0 in a chart's calculate, and fillna(False) does the same).",
                              ("Leave missing cells out of each share: .mean() in pandas skips them.",))],
            hints=("Melt the table of shares to long form (agreement_id, feature, share), then "
                   "mark_rect() with x='feature:N', y='agreement_id:N', color='share:Q'.",),
        ),
        section="Can one number say how specific an agreement is?",
    ),
    Exercise(
        id="02.5",
        title="What does Singapore pin down?",
        objective="Explain what the statement leaves out, using the coded features.",
        judge=choice(
            "e280aba92f5519df349db612bd5b17442ddbb430fac69f4a84509b2cff018230",
            salt="02.5",
            options="abcd",
            feedback={
                "a": "The text says 'complete', not 'verifiable': CVID was Washington's demand, not the statement's "
                     "words. Check point 3's has_verification cell.",
                "b": "'Immediate' is vague timing: the codebook's deadline rule needs a date or a time limit.",
                "c": "You were right to read the closing paragraph too, but 'at the earliest possible date' is not a "
                     "time limit under the codebook's rule.",
            },
            hints=("Look at the five feature columns of the Singapore rows.",),
        ),
        section="What does the statement leave out?",
    ),
    Exercise(
        id="02.6",
        title="At which numbered point does denuclearization come?",
        objective="Explain the order of the statement's commitments.",
        judge=number(
            _numbered_point,
            mistakes=[
                Mistake(_order_value, "that is the commitment's running order in the whole text, counting the preamble.",
                        ("The question asks for the numbered point: look at the position column.",)),
                Mistake(_first_in_text, "that is the first denuclearization commitment in the whole text, in the preamble.",
                        ("Keep only the numbered points (position is a number) before looking.",)),
            ],
            hints=("Keep the Singapore rows whose position is a digit, then find the denuclearization one.",),
        ),
        section="Where does denuclearization come in each text?",
    ),
    Exercise(
        id="02.7",
        title="Reflection: rewrite point 3 so that it could be verified",
        objective="Explain what a verifiable denuclearization commitment would need.",
        judge=lambda answer: None,
        kind="reflection",
    ),
)


# --- 02.8: a written exercise, marked with its rubric in instructors/rubrics.md (issue 28) ---
register(
    Exercise(
        id="02.8",
        title="Theory against data: hard and soft agreements",
        objective="Evaluate a theory's expectation (Abbott and Snidal's hard and soft law) against the coded agreements.",
        judge=lambda answer: None,
        kind="reflection",
    ),
)
