"""From a seismic magnitude to an explosive yield, with a published magnitude-yield relation.

An underground explosion of yield Y (kilotons of TNT equivalent) produces seismic P waves whose
size far away is measured as the body-wave magnitude mb. Test sites of known yields give
empirical relations of the form

    mb = a + b * log10(Y)

whose constants depend on the rock around the explosion and on the mantle beneath the site.
The constants the course uses are sourced in the ``magnitude_yield_relations`` table; this
module only does the arithmetic, so that a lesson can show how the answer moves with them.

    relations = sl.load("magnitude_yield_relations")
    yield_kt(6.3, a=4.48, b=0.79)   # about 200 kt
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def _check_slope(b) -> None:
    if np.any(np.asarray(b, dtype=float) <= 0):
        raise ValueError("the slope b of a magnitude-yield relation must be positive")


def yield_kt(mb, a, b):
    """Yield in kilotons implied by magnitude ``mb`` under mb = a + b log10(Y) (vectorised)."""
    _check_slope(b)
    return np.power(10.0, (np.asarray(mb, dtype=float) - np.asarray(a, dtype=float)) / np.asarray(b, dtype=float))


def magnitude(yield_kilotons, a, b):
    """Body-wave magnitude expected for a yield in kilotons under mb = a + b log10(Y)."""
    _check_slope(b)
    y = np.asarray(yield_kilotons, dtype=float)
    if np.any(y <= 0):
        raise ValueError("a yield must be positive")
    return np.asarray(a, dtype=float) + np.asarray(b, dtype=float) * np.log10(y)


def error_factor(delta_mb, b):
    """By what factor the yield changes when mb (or the intercept a) is off by ``delta_mb``."""
    _check_slope(b)
    return np.power(10.0, np.asarray(delta_mb, dtype=float) / np.asarray(b, dtype=float))


def yields_by_relation(tests: pd.DataFrame, relations: pd.DataFrame, *, mb: str = "mb_usgs") -> pd.DataFrame:
    """Every test under every relation: a tidy table with a ``yield_kt`` column.

    ``tests`` needs ``test_number`` and the magnitude column ``mb``; ``relations`` needs
    ``relation_id``, ``intercept_a`` and ``slope_b`` (the ``magnitude_yield_relations`` table).
    """
    for table, columns in ((tests, ["test_number", mb]), (relations, ["relation_id", "intercept_a", "slope_b"])):
        missing = [c for c in columns if c not in table.columns]
        if missing:
            raise ValueError(f"missing column(s): {', '.join(missing)}")
    both = tests[["test_number", mb]].merge(relations[["relation_id", "intercept_a", "slope_b"]], how="cross")
    both["yield_kt"] = yield_kt(both[mb].astype(float), both["intercept_a"].astype(float), both["slope_b"].astype(float))
    return both
