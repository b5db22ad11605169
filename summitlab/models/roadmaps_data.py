"""The course's road maps as data: build them from the tables and run the road-map model on them.

:mod:`summitlab.models.roadmap` is the model (exposure, Kendall's tau, sequencing rules); this module
feeds it the course's tables:

- ``roadmap_steps``: the step catalogue (actor, category, pillar, and the course's ASSUMED cost
  and value scores);
- ``roadmaps``: six published approaches as ordered lists of step ids;
- ``priority_orders``: each party's stated order of priorities, in two variants: the main one
  uses only statements made before the Singapore summit (12 June 2018), so that the Singapore
  text cannot have shaped the order it is compared with; ``"with-later-statements"`` adds the
  statements of July 2018 to March 2019 and is labelled as such wherever it is used.

Each step also has a ``reversible`` flag (:data:`REVERSIBILITY`, the course's sourced reasoning,
editable in a copy of the catalogue) for the reversibility discount of the model.

    import summitlab.models.roadmaps_data as rd
    singapore = rd.roadmap("singapore-order")          # one row per step, in order
    rd.priorities()                                    # {"US": [...], "DPRK": [...], "China": [...]}
    rd.compare(rule_set="freeze-first", discount=0.5)  # one row per road map and party

Every function that uses the scores takes an optional ``catalogue``: a copy of the step
catalogue with edited scores, so that a student can change an assumption and re-run the model.
Text columns come back as plain strings (not categoricals), so edits never hit a category error.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import pandas as pd

from summitlab.models import roadmap as model
from summitlab.data import data_dir, load

STEP_FIELDS = ["step_id", "actor", "action", "category", "pillar", "cost", "value", "reversible"]
MAIN_VARIANT = "before-singapore"
LATER_VARIANT = "with-later-statements"
SINGAPORE = pd.Timestamp("2018-06-12")
_ASSUMED = "summitlab-2026-roadmap-assumptions"

# Whether each step can be undone at little cost, with the reasoning (the course's, editable) and
# the sources it rests on. A reversible step is worth less to the side that receives it, and
# costs less to the side that takes it, than one that cannot be undone.
REVERSIBILITY: dict[str, tuple[bool, str, tuple[str, ...]]] = {
    "us-exercise-suspension": (True, "exercises suspended for one season can be held the next",
                               ("cnn-2018-06-18-pentagon-suspends-exercise-planning",)),
    "us-end-of-war-declaration": (True, "a political declaration, not legally binding", (_ASSUMED,)),
    "us-exchanges": (True, "talks and visits are easy to stop", (_ASSUMED,)),
    "us-security-assurance": (True, "restates a policy and can be withdrawn", (_ASSUMED,)),
    "us-partial-sanctions-relief": (False, "UN sanctions, once lifted, need a new Security Council resolution "
                                    "to come back, which a permanent member can veto (course's reasoning)", (_ASSUMED,)),
    "us-full-sanctions-relief": (False, "as for partial relief, and the pressure campaign cannot be rebuilt quickly",
                                 (_ASSUMED,)),
    "us-peace-treaty": (False, "a ratified treaty is legally binding", (_ASSUMED,)),
    "us-normalization": (False, "embassies and recognition are hard to withdraw", (_ASSUMED,)),
    "dprk-test-freeze": (True, "a declared moratorium, announced unilaterally, can be lifted by another announcement",
                         ("globaltimes-2018-04-21-dprk-suspend-tests",)),
    "dprk-engine-site-dismantlement": (True, "the Sohae structures taken down in 2018 were being rebuilt by March 2019",
                                       ("japantimes-2019-03-06-sohae-rebuilding",)),
    "dprk-declaration": (False, "information, once handed over, cannot be taken back", (_ASSUMED,)),
    "dprk-inspections": (True, "access granted can be withdrawn and inspectors sent home (course's reasoning)",
                         (_ASSUMED,)),
    "dprk-yongbyon-dismantlement": (False, "dismantled with US experts present; rebuilding would take years and be seen",
                                    (_ASSUMED,)),
    "dprk-full-dismantlement": (False, "as for Yongbyon, for every site", (_ASSUMED,)),
    "dprk-weapons-elimination": (False, "weapons and material handed over or destroyed are gone", (_ASSUMED,)),
}


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
    """The step catalogue (table ``roadmap_steps``), one row per step; edit a copy to test assumptions.

    Adds ``reversible`` (True/False) and ``reversibility_reason`` from :data:`REVERSIBILITY`.
    """
    table = _plain(load("roadmap_steps"))
    unknown = sorted(set(table["step_id"]) - set(REVERSIBILITY))
    if unknown:
        raise KeyError(f"REVERSIBILITY has no entry for step(s) {unknown}")
    return table.assign(
        reversible=table["step_id"].map(lambda i: REVERSIBILITY[i][0]).astype(bool),
        reversibility_reason=table["step_id"].map(lambda i: REVERSIBILITY[i][1]),
    )


def reversibility() -> pd.DataFrame:
    """:data:`REVERSIBILITY` as a table: ``step_id``, ``reversible``, ``reason``, ``source_ids``."""
    return pd.DataFrame([{"step_id": k, "reversible": v[0], "reason": v[1], "source_ids": ", ".join(v[2])}
                         for k, v in REVERSIBILITY.items()])


def roadmap_ids() -> list[str]:
    """The ids of the published road maps, in the order of the ``roadmaps`` table."""
    return list(dict.fromkeys(load("roadmaps")["roadmap_id"].astype(str)))


def roadmap(name: str, catalogue: pd.DataFrame | None = None) -> pd.DataFrame:
    """Road map ``name`` as an ordered step table, ready for :mod:`summitlab.models.roadmap`.

    Columns: ``position``, ``stage`` (steps proposed together share one), ``step_id``, ``actor``,
    ``action``, ``category``, ``pillar``, ``cost``, ``value``, ``reversible``, ``note``. ``catalogue`` replaces the course's step catalogue (e.g. with edited scores).
    """
    if catalogue is None:
        # Built once per data folder (the tables themselves are cached by summitlab.data): a
        # lesson asks for the same road map many times. Each caller gets its own copy.
        return _course_roadmap(name, data_dir()).copy()
    return _build(name, catalogue)


@lru_cache(maxsize=None)
def _course_roadmap(name: str, folder: Path) -> pd.DataFrame:
    return _build(name, None)


def _build(name: str, catalogue: pd.DataFrame | None) -> pd.DataFrame:
    orders = load("roadmaps")
    orders = orders[orders["roadmap_id"].astype(str) == name]
    if orders.empty:
        raise KeyError(f"No road map named {name!r}. Road maps: {', '.join(roadmap_ids())}.")
    catalogue = steps() if catalogue is None else _plain(catalogue)
    if "reversible" not in catalogue.columns:
        catalogue = catalogue.assign(reversible=catalogue["step_id"].map(lambda i: REVERSIBILITY.get(i, (False,))[0]))
    missing = set(orders["step_id"].astype(str)) - set(catalogue["step_id"])
    if missing:
        raise KeyError(f"The catalogue lacks step(s) {sorted(missing)} used by {name!r}.")
    stage = ["stage"] if "stage" in orders.columns else []
    return (
        _plain(orders[["position", *stage, "step_id", "note"]])
        .merge(catalogue[STEP_FIELDS], on="step_id", how="left", validate="many_to_one")
        .sort_values("position")
        .reset_index(drop=True)
        .astype({"position": int, **{column: int for column in stage}})
        [["position", *stage, *STEP_FIELDS, "note"]]
    )


def variants() -> list[str]:
    """The variants of ``priority_orders``: the main one (before Singapore) first."""
    return [MAIN_VARIANT, LATER_VARIANT]


def priorities(variant: str = MAIN_VARIANT) -> dict[str, list]:
    """Each party's stated order of priorities (pillars, first first), from ``priority_orders``.

    ``variant`` is ``"before-singapore"`` (the default: statements made before 12 June 2018) or
    ``"with-later-statements"``. Pillars that share a rank (proposed together) come as a tuple,
    which :func:`summitlab.models.roadmap.kendall_pairs` reads as a tie.
    """
    table = _plain(load("priority_orders"))
    if variant not in set(table["variant"]):
        raise KeyError(f"No variant {variant!r} of priority_orders; variants: {', '.join(variants())}.")
    table = table[table["variant"] == variant].sort_values(["rank", "pillar"], kind="stable")
    result: dict[str, list] = {}
    for party in dict.fromkeys(table["party"]):
        rows = table[table["party"] == party]
        order = []
        for _, group in rows.groupby("rank", sort=True):
            pillars = list(group["pillar"])
            order.append(pillars[0] if len(pillars) == 1 else tuple(pillars))
        result[party] = order
    return result


def by_pillar(steps_table: pd.DataFrame) -> pd.DataFrame:
    """A copy of a road map whose ``category`` is its ``pillar``.

    Parties stated priorities about pillars (``denuclearization``), not step categories
    (``declaration``), so alignment compares the order in which a road map first delivers each
    *pillar*: ``summitlab.models.roadmap.alignment(by_pillar(steps), priorities())``.
    """
    return steps_table.assign(category=steps_table["pillar"])


def exposures(
    names: Sequence[str] | None = None, catalogue: pd.DataFrame | None = None, discount: float = 0.0
) -> pd.DataFrame:
    """Exposure after each step for each party, for several road maps, as one tidy table.

    Columns: ``roadmap_id``, ``step`` (0 = start), ``party``, ``given``, ``received``,
    ``exposure``, and the ``step_id``, ``actor`` and ``action`` of the step just taken (at step 0:
    ``"start"``, ``""`` and ``"start: nothing exchanged yet"``, never NaN, so that the table
    goes into a chart's JSON cleanly). ``discount`` weighs reversible steps less.
    """
    start = pd.DataFrame([{"step": 0, "step_id": "start", "actor": "", "action": "start: nothing exchanged yet"}])
    frames = []
    for name in names or roadmap_ids():
        table = roadmap(name, catalogue)
        info = pd.concat([start, table[["step_id", "actor", "action"]].assign(step=range(1, len(table) + 1))],
                         ignore_index=True)
        frames.append(model.exposure(table, discount=discount).merge(info, on="step", how="left").assign(roadmap_id=name))
    columns = ["roadmap_id", "step", "party", "given", "received", "exposure", "step_id", "actor", "action"]
    return pd.concat(frames, ignore_index=True)[columns]


def alignments(
    names: Sequence[str] | None = None,
    variant: str = MAIN_VARIANT,
    wanted: Mapping[str, Sequence] | None = None,
    catalogue: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Kendall's tau-b of every road map with every party's stated order, with its pair counts.

    One row per road map and party (every party of ``priority_orders``, China included):
    ``roadmap_id``, ``party``, ``variant``, ``tau`` (NaN below three pairs), ``items``,
    ``pairs``, ``concordant``, ``discordant``, ``tied``. ``wanted`` replaces the stated orders
    (the ``variant`` column then says ``"custom"``).
    """
    label = variant if wanted is None else "custom"
    wanted = priorities(variant) if wanted is None else dict(wanted)
    frames = [model.alignment_table(by_pillar(roadmap(name, catalogue)), wanted).assign(roadmap_id=name)
              for name in names or roadmap_ids()]
    table = pd.concat(frames, ignore_index=True).assign(variant=label)
    return table[["roadmap_id", "party", "variant", "tau", "items", "pairs", "concordant", "discordant", "tied"]]


def pairwise(name: str, party: str, variant: str = MAIN_VARIANT) -> pd.DataFrame:
    """The "which comes first" table behind one tau: each pair of pillars, in the road map and for the party."""
    order = model.delivery_ranks(by_pillar(roadmap(name)))
    return model.pairwise_order(order, priorities(variant)[party], names=(f"road map {name}", f"{party} ({variant})"))


def compare(
    names: Sequence[str] | None = None,
    catalogue: pd.DataFrame | None = None,
    wanted: Mapping[str, Sequence[str]] | None = None,
    tolerance: Mapping[str, float] | None = None,
    *,
    variant: str = MAIN_VARIANT,
    rule_set: str = model.DEFAULT_RULE_SET,
    discount: float = 0.0,
) -> pd.DataFrame:
    """One row per road map and party: peak exposure, priority alignment, rules broken, breaking point.

    Columns: ``roadmap_id``, ``party``, ``steps`` (number of steps), ``peak_exposure``, ``tau``
    (Kendall's tau-b between the road map's pillar order and the party's stated priorities, NaN
    when fewer than three pairs of pillars are shared), ``pairs`` (the pairs behind the tau),
    ``rules_broken`` (number of rules of ``rule_set`` the road map breaks, the same for both
    parties) and, when ``tolerance`` is given, ``walks_away_at_step``. ``wanted`` replaces the
    stated priorities of ``variant``; ``discount`` weighs reversible steps less.
    """
    wanted = priorities(variant) if wanted is None else dict(wanted)
    rows = []
    for name in names or roadmap_ids():
        table = roadmap(name, catalogue)
        peak = model.peak_exposure(table, discount=discount)
        tau = model.alignment_table(by_pillar(table), wanted).set_index("party")
        broken = len(model.rule_violations(table, rule_set))
        walk = (model.breaking_point(table, tolerance, discount=discount).set_index("party")["walks_away_at_step"]
                if tolerance is not None else None)
        for party in model.PARTIES:
            row = {"roadmap_id": name, "party": party, "steps": len(table),
                   "peak_exposure": float(peak[party]),
                   "tau": float(tau["tau"].get(party, float("nan"))),
                   "pairs": int(tau["pairs"].get(party, 0)),
                   "rules_broken": broken}
            if walk is not None:
                row["walks_away_at_step"] = walk[party]
            rows.append(row)
    result = pd.DataFrame(rows)
    if tolerance is not None:
        result["walks_away_at_step"] = result["walks_away_at_step"].astype("Int64")
    return result
