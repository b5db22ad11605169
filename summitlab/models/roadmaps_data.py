"""The course's road maps as data: build them from the tables and run the road-map model on them.

:mod:`summitlab.models.roadmap` is the model (exposure, Kendall's tau, sequencing rules); this module
feeds it the course's tables:

- ``roadmap_steps``: the step catalogue (actor, category, pillar, and the course's ASSUMED cost
  and value scores);
- ``roadmaps``: six published approaches as ordered lists of step ids;
- ``priority_orders``: each party's stated order of priorities.

    import summitlab.models.roadmaps_data as rd
    singapore = rd.roadmap("singapore-order")          # one row per step, in order
    rd.priorities()                                    # {"US": [...], "DPRK": [...]}
    rd.compare()                                       # one row per road map and party

Every function that uses the scores takes an optional ``catalogue``: a copy of the step
catalogue with edited scores, so that a student can change an assumption and re-run the model.
Text columns come back as plain strings (not categoricals), so edits never hit a category error.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from summitlab.models import roadmap as model
from summitlab.data import load

STEP_FIELDS = ["step_id", "actor", "action", "category", "pillar", "cost", "value"]


def _plain(table: pd.DataFrame) -> pd.DataFrame:
    """Categorical and string columns as plain Python strings; scores as floats."""
    table = table.copy()
    for column in table.columns:
        if isinstance(table[column].dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(table[column]):
            table[column] = table[column].astype(object).where(table[column].notna(), None)
    for column in ("cost", "value"):
        if column in table.columns:
            table[column] = table[column].astype(float)
    return table


def steps() -> pd.DataFrame:
    """The step catalogue (table ``roadmap_steps``), one row per step; edit a copy to test assumptions."""
    return _plain(load("roadmap_steps"))


def roadmap_ids() -> list[str]:
    """The ids of the published road maps, in the order of the ``roadmaps`` table."""
    return list(dict.fromkeys(load("roadmaps")["roadmap_id"].astype(str)))


def roadmap(name: str, catalogue: pd.DataFrame | None = None) -> pd.DataFrame:
    """Road map ``name`` as an ordered step table, ready for :mod:`summitlab.models.roadmap`.

    Columns: ``position``, ``step_id``, ``actor``, ``action``, ``category``, ``pillar``, ``cost``,
    ``value``, ``note``. ``catalogue`` replaces the course's step catalogue (e.g. with edited scores).
    """
    orders = load("roadmaps")
    orders = orders[orders["roadmap_id"].astype(str) == name]
    if orders.empty:
        raise KeyError(f"No road map named {name!r}. Road maps: {', '.join(roadmap_ids())}.")
    catalogue = steps() if catalogue is None else _plain(catalogue)
    missing = set(orders["step_id"].astype(str)) - set(catalogue["step_id"])
    if missing:
        raise KeyError(f"The catalogue lacks step(s) {sorted(missing)} used by {name!r}.")
    return (
        _plain(orders[["position", "step_id", "note"]])
        .merge(catalogue[STEP_FIELDS], on="step_id", how="left", validate="many_to_one")
        .sort_values("position")
        .reset_index(drop=True)
        .astype({"position": int})
        [["position", *STEP_FIELDS[:1], *STEP_FIELDS[1:], "note"]]
    )


def priorities() -> dict[str, list[str]]:
    """Each party's stated order of priorities (pillars, first first), from ``priority_orders``."""
    table = _plain(load("priority_orders")).sort_values(["party", "rank"])
    return {party: list(group["pillar"]) for party, group in table.groupby("party", sort=False)}


def by_pillar(steps_table: pd.DataFrame) -> pd.DataFrame:
    """A copy of a road map whose ``category`` is its ``pillar``.

    Parties stated priorities about pillars (``denuclearization``), not step categories
    (``declaration``), so alignment compares the order in which a road map first delivers each
    *pillar*: ``summitlab.models.roadmap.alignment(by_pillar(steps), priorities())``.
    """
    return steps_table.assign(category=steps_table["pillar"])


def exposures(names: Sequence[str] | None = None, catalogue: pd.DataFrame | None = None) -> pd.DataFrame:
    """Exposure after each step for each party, for several road maps, as one tidy table.

    Columns: ``roadmap_id``, ``step`` (0 = start), ``party``, ``given``, ``received``,
    ``exposure``, and the ``step_id``, ``actor`` and ``action`` of the step just taken (at step 0:
    ``"start"``, ``""`` and ``"start: nothing exchanged yet"``, never NaN, so that the table
    goes into a chart's JSON cleanly).
    """
    start = pd.DataFrame([{"step": 0, "step_id": "start", "actor": "", "action": "start: nothing exchanged yet"}])
    frames = []
    for name in names or roadmap_ids():
        table = roadmap(name, catalogue)
        info = pd.concat([start, table[["step_id", "actor", "action"]].assign(step=range(1, len(table) + 1))],
                         ignore_index=True)
        frames.append(model.exposure(table).merge(info, on="step", how="left").assign(roadmap_id=name))
    columns = ["roadmap_id", "step", "party", "given", "received", "exposure", "step_id", "actor", "action"]
    return pd.concat(frames, ignore_index=True)[columns]


def compare(
    names: Sequence[str] | None = None,
    catalogue: pd.DataFrame | None = None,
    wanted: Mapping[str, Sequence[str]] | None = None,
    tolerance: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """One row per road map and party: peak exposure, priority alignment, rules broken, breaking point.

    Columns: ``roadmap_id``, ``party``, ``steps`` (number of steps), ``peak_exposure``, ``tau``
    (Kendall's tau between the road map's pillar order and the party's stated priorities, NaN
    when fewer than two pillars are shared), ``rules_broken`` (number of sequencing rules the
    road map breaks, the same for both parties) and, when ``tolerance`` is given,
    ``walks_away_at_step``. ``wanted`` replaces the stated priorities.
    """
    wanted = priorities() if wanted is None else dict(wanted)
    rows = []
    for name in names or roadmap_ids():
        table = roadmap(name, catalogue)
        peak = model.peak_exposure(table)
        tau = model.alignment(by_pillar(table), wanted)
        broken = len(model.rule_violations(table))
        walk = (model.breaking_point(table, tolerance).set_index("party")["walks_away_at_step"]
                if tolerance is not None else None)
        for party in model.PARTIES:
            row = {"roadmap_id": name, "party": party, "steps": len(table),
                   "peak_exposure": float(peak[party]), "tau": float(tau.get(party, float("nan"))),
                   "rules_broken": broken}
            if walk is not None:
                row["walks_away_at_step"] = walk[party]
            rows.append(row)
    result = pd.DataFrame(rows)
    if tolerance is not None:
        result["walks_away_at_step"] = result["walks_away_at_step"].astype("Int64")
    return result
