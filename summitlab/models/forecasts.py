"""Scoring probability forecasts of yes/no questions: Brier score, baselines, calibration.

A *forecast* here is a probability ``p`` (between 0 and 1) that a yes/no question resolves
"yes"; its *outcome* is 1 (yes, true) or 0 (no, false) once the question's resolution date has
passed.

- **Brier score** (Brier 1950): the mean squared difference between the probabilities and
  the outcomes, ``mean((p - o) ** 2)``. 0 is perfect; 1 is the worst possible (certain and
  wrong every time). Lower is better.
- **No-skill baseline**: the score of a forecaster who knows nothing about the questions.
  The default, ``"uniform"``, always says 0.5 and so scores exactly 0.25 whatever happens.
  We use it by default because it needs no knowledge of the outcomes. The alternative,
  ``"base_rate"``, always says the share of questions that resolved "yes"; it scores
  ``r * (1 - r)`` (at most 0.25) but it is computed *from the outcomes themselves*, so it is a
  hindsight benchmark: useful to ask "did the forecaster beat simply knowing how often things
  happen?", unfair as a stand-in for someone forecasting at the time.
- **Brier skill score**: ``1 - Brier / Brier_baseline``. 1 is perfect, 0 is no better than
  the baseline, negative is worse than the baseline.
- **Calibration**: among forecasts given (say) about 70%, did about 70% come true?
  :func:`calibration_table` groups forecasts into probability bins and compares the mean
  forecast with the observed frequency in each bin.

With a handful of forecasts every one of these numbers is noisy: read them as a description
of these forecasts, not as a measure of a forecaster's skill in general.

**Which rows are forecasts.** Only an expectation stated *before* the outcome could be known,
and *framed as an expectation*, is a forecast; :func:`classify` applies that rule to the
``forecasts`` table's columns (see its docstring) and says why each other row is left out.

**What a Brier score cannot tell apart.** It scores outcomes, not reasons. Being right that
nothing happens earns the same score whatever the reason nothing happened, so a good score
for "no deal at Hanoi" cannot say whether the process, the sequencing or the missing road map
(or something else) was to blame.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

BASELINES = ("uniform", "base_rate")
# A column, if the table has one, that marks each row as a forecast (True) or not (False).
FLAG_COLUMNS = ("expectation_before_outcome", "is_forecast", "genuine_forecast", "counts_as_forecast", "forecast")
# A forecaster described as one of these is a document of plans: it states an intention, not an expectation.
PLAN_WORDS = ("schedule", "programme", "program", "agenda")
DEFAULT_BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)


def _arrays(probabilities, outcomes) -> tuple[np.ndarray, np.ndarray]:
    p = np.asarray(pd.Series(probabilities, dtype="float64"), dtype=float)
    o = pd.Series(outcomes)
    if o.isna().any():
        raise ValueError("an outcome is missing: score only questions that have resolved")
    o = np.asarray(o.astype(float), dtype=float)
    if p.shape != o.shape:
        raise ValueError(f"{len(p)} probabilities but {len(o)} outcomes")
    if len(p) == 0:
        raise ValueError("no forecasts to score")
    if np.isnan(p).any() or (p < 0).any() or (p > 1).any():
        raise ValueError("probabilities must lie between 0 and 1")
    if not np.isin(o, (0.0, 1.0)).all():
        raise ValueError("outcomes must be true/false (1/0)")
    return p, o


def brier_components(probabilities, outcomes) -> np.ndarray:
    """The squared error ``(p - o) ** 2`` of each forecast (each between 0 and 1)."""
    p, o = _arrays(probabilities, outcomes)
    return (p - o) ** 2


def brier_score(probabilities, outcomes) -> float:
    """Mean squared error of probability forecasts against 0/1 outcomes (0 best, 1 worst)."""
    return float(brier_components(probabilities, outcomes).mean())


def baseline_probability(outcomes, kind: str = "uniform") -> float:
    """The constant probability a no-skill forecaster gives every question."""
    if kind not in BASELINES:
        raise ValueError(f"kind must be one of {BASELINES}, not {kind!r}")
    _, o = _arrays(np.full(len(pd.Series(outcomes)), 0.5), outcomes)
    return 0.5 if kind == "uniform" else float(o.mean())


def baseline_brier(outcomes, kind: str = "uniform") -> float:
    """Brier score of the no-skill baseline (``"uniform"``: always 0.5; ``"base_rate"``)."""
    constant = baseline_probability(outcomes, kind)
    n = len(pd.Series(outcomes))
    return brier_score(np.full(n, constant), outcomes)


def brier_skill_score(probabilities, outcomes, baseline: str = "uniform") -> float:
    """``1 - Brier / Brier_baseline``: 1 perfect, 0 no better than the baseline, < 0 worse.

    NaN when the baseline itself is perfect (a base-rate baseline where every outcome is the
    same), because no forecaster can then improve on it.
    """
    reference = baseline_brier(outcomes, baseline)
    score = brier_score(probabilities, outcomes)
    if reference == 0:
        return float("nan")
    return 1.0 - score / reference


def score_table(
    forecasts: pd.DataFrame,
    by: str | Sequence[str] | None = None,
    *,
    probability: str = "probability",
    outcome: str = "outcome",
) -> pd.DataFrame:
    """Brier score, both baselines and skill scores, overall or for each group in ``by``.

    Columns: ``n``, ``brier``, ``baseline_uniform``, ``skill_vs_uniform``,
    ``baseline_base_rate``, ``skill_vs_base_rate``. The base rate of each group is that
    group's own share of "yes" outcomes.
    """
    def one(group: pd.DataFrame) -> pd.Series:
        # Checked and converted once per group (not once per score: lesson 06's run time).
        p, o = _arrays(group[probability], group[outcome])
        row = {"n": len(group), "brier": brier_score(p, o)}
        for kind in BASELINES:
            reference = brier_score(np.full(len(o), baseline_probability(o, kind)), o)
            row[f"baseline_{kind}"] = reference
            row[f"skill_vs_{kind}"] = float("nan") if reference == 0 else 1.0 - row["brier"] / reference
        return pd.Series(row)

    if by is None:
        return one(forecasts).to_frame("all").T.astype({"n": int})
    keys = [by] if isinstance(by, str) else list(by)
    rows = {name: one(group) for name, group in forecasts.groupby(keys, observed=True, sort=True)}
    table = pd.DataFrame(rows).T.astype({"n": int})
    table.index.names = keys
    return table.reset_index()


def calibration_table(
    probabilities, outcomes, bins: Sequence[float] = DEFAULT_BINS
) -> pd.DataFrame:
    """Forecasts grouped into probability bins, with the observed frequency in each.

    Bins are closed on the left and open on the right, except the last, which includes 1.0
    (so 0.2 falls in 0.2-0.4 and 1.0 in 0.8-1.0). Empty bins are kept with ``n`` = 0 so
    that a chart shows where no forecast fell. Columns: ``bin`` (a label such as
    ``"0.2-0.4"``), ``bin_low``, ``bin_high``, ``n``, ``mean_probability``,
    ``observed_frequency``, ``n_true``.
    """
    p, o = _arrays(probabilities, outcomes)
    edges = np.asarray(bins, dtype=float)
    if len(edges) < 2 or edges[0] != 0 or edges[-1] != 1 or (np.diff(edges) <= 0).any():
        raise ValueError("bins must rise strictly from 0 to 1")
    index = np.clip(np.searchsorted(edges, p, side="right") - 1, 0, len(edges) - 2)
    rows = []
    for i in range(len(edges) - 1):
        inside = index == i
        n = int(inside.sum())
        rows.append({
            "bin": f"{edges[i]:g}-{edges[i + 1]:g}",
            "bin_low": float(edges[i]),
            "bin_high": float(edges[i + 1]),
            "n": n,
            "mean_probability": float(p[inside].mean()) if n else float("nan"),
            "observed_frequency": float(o[inside].mean()) if n else float("nan"),
            "n_true": int(o[inside].sum()),
        })
    return pd.DataFrame(rows)


def classify(table: pd.DataFrame, known_before=None) -> pd.DataFrame:
    """Which rows count as forecasts, and why the others do not.

    A row counts when all of these hold:

    1. its ``stated_date`` is known (an undated expectation cannot be shown to precede the outcome);
    2. it was stated strictly before its ``resolution_date`` and, when ``known_before`` is given
       (the day the main outcome became known, such as the last day of a summit), strictly
       before that day too;
    3. it is framed as an expectation: it has a ``verbal_level`` and its ``forecaster`` is not a
       document of plans (a schedule or programme, see :data:`PLAN_WORDS`);
    4. if the table has a flag column (:data:`FLAG_COLUMNS`), the flag is not False.

    Returns ``forecast_id``, ``counts`` (bool) and ``reason`` (empty when it counts), in the
    table's order.
    """
    stated = pd.to_datetime(table["stated_date"])
    resolved = pd.to_datetime(table["resolution_date"])
    cutoff = resolved if known_before is None else resolved.clip(upper=pd.Timestamp(known_before))
    forecaster = table["forecaster"].astype("string").fillna("").str.lower()
    plan = forecaster.apply(lambda text: any(word in text for word in PLAN_WORDS))
    worded = table["verbal_level"].notna() & ~plan
    flag_column = next((c for c in FLAG_COLUMNS if c in table.columns), None)
    flagged = (~table[flag_column].astype("string").str.lower().isin(["false", "0", "no"])
               if flag_column else pd.Series(True, index=table.index))
    reasons = []
    for i in table.index:
        if pd.isna(stated[i]):
            reasons.append("no stated date: cannot be shown to precede the outcome")
        elif not stated[i] < cutoff[i]:
            reasons.append("stated on or after the day the outcome became known")
        elif not worded[i]:
            reasons.append("a plan or schedule, not an expectation")
        elif not flagged[i]:
            reasons.append(f"marked as not a forecast ({flag_column})")
        else:
            reasons.append("")
    reason = pd.Series(reasons, index=table.index)
    return pd.DataFrame({"forecast_id": table["forecast_id"], "counts": reason.eq(""), "reason": reason})


def genuine(table: pd.DataFrame, known_before=None) -> pd.DataFrame:
    """The rows of ``table`` that count as forecasts under :func:`classify`."""
    return table[classify(table, known_before)["counts"].to_numpy()]
