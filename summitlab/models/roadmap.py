"""A small model of negotiation road maps: exposure, priority alignment, sequencing rules.

A *road map* is an ordered list of steps. Each step has an ``actor`` (the party that takes it),
a ``category`` (for example ``"test freeze"`` or ``"sanctions relief"``), a ``cost`` to the
actor and a ``value`` to the other party, both on a small ordinal scale (0 = nothing, 3 =
very large). The scores are the course's stylized assumptions, not facts: lessons show them
and students may change them.

- **Exposure** of a party after step *k*: everything it has given (the costs of its own steps)
  minus everything it has received (the values of the other party's steps), over steps 1..k.
  A party with high exposure has paid in advance and risks being left with nothing if talks
  stop; :func:`peak_exposure` is the worst point of a road map for each party.
- **Priority alignment**: Kendall's tau between the order in which a road map first delivers
  each category and a party's stated order of priorities (+1 same order, -1 reversed).
- **Rules**: precedence constraints an arms-control road map must respect, such as a freeze
  before dismantlement. :func:`rule_violations` names each rule a road map breaks.
- **Where it breaks**: :func:`breaking_point` finds the first step at which a party's exposure
  passes what it can tolerate.

Two parties are modelled (``parties`` defaults to ``("US", "DPRK")``): a step by one is
received by the other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

import pandas as pd

PARTIES = ("US", "DPRK")
STEP_COLUMNS = ("actor", "category", "cost", "value")


@dataclass(frozen=True)
class Rule:
    """``before`` must be delivered before ``after`` is (when ``after`` appears at all)."""

    before: str
    after: str
    reason: str = ""

    @property
    def name(self) -> str:
        return f"{self.before} before {self.after}"


# The precedence rules the course applies to arms-control road maps (lessons 04 and 05).
ARMS_CONTROL_RULES = (
    Rule("test freeze", "dismantlement", "stop adding capability before taking it apart"),
    Rule("declaration", "inspection", "inspectors need a list of what to inspect"),
    Rule("declaration", "dismantlement", "without a baseline, nobody can tell what was removed"),
    Rule("inspection", "elimination", "elimination is only known to be complete once inspected"),
)


def _checked(steps: pd.DataFrame, parties: Sequence[str]) -> pd.DataFrame:
    missing = [c for c in STEP_COLUMNS if c not in steps.columns]
    if missing:
        raise ValueError(f"a road map needs the columns {', '.join(STEP_COLUMNS)}; missing: {', '.join(missing)}")
    unknown = set(steps["actor"]) - set(parties)
    if unknown:
        raise ValueError(f"unknown actor(s) {sorted(unknown)}; parties are {list(parties)}")
    if len(parties) != 2:
        raise ValueError("the model has exactly two parties")
    return steps.reset_index(drop=True)


def exposure(steps: pd.DataFrame, parties: Sequence[str] = PARTIES) -> pd.DataFrame:
    """Each party's exposure after each step, as a tidy table.

    Columns: ``step`` (1-based; step 0 is the start, exposure 0), ``party``, ``given``,
    ``received``, ``exposure`` (= given - received).
    """
    steps = _checked(steps, parties)
    rows = [{"step": 0, "party": p, "given": 0.0, "received": 0.0, "exposure": 0.0} for p in parties]
    given = dict.fromkeys(parties, 0.0)
    received = dict.fromkeys(parties, 0.0)
    for number, step in enumerate(steps.itertuples(index=False), start=1):
        other = parties[1] if step.actor == parties[0] else parties[0]
        given[step.actor] += float(step.cost)
        received[other] += float(step.value)
        for p in parties:
            rows.append({"step": number, "party": p, "given": given[p], "received": received[p],
                         "exposure": given[p] - received[p]})
    return pd.DataFrame(rows)


def peak_exposure(steps: pd.DataFrame, parties: Sequence[str] = PARTIES) -> pd.Series:
    """The highest exposure each party reaches anywhere in the road map (at least 0)."""
    return exposure(steps, parties).groupby("party")["exposure"].max().reindex(list(parties))


def delivery_order(steps: pd.DataFrame) -> list[str]:
    """Categories in the order a road map first delivers them."""
    return list(dict.fromkeys(steps["category"]))


def kendall_tau(first: Sequence[str], second: Sequence[str]) -> float:
    """Kendall's tau between two orderings, over the items both contain.

    +1 when the common items come in the same order, -1 when reversed; NaN with fewer than
    two common items.
    """
    for ordering in (first, second):
        if len(set(ordering)) != len(ordering):
            raise ValueError(f"an ordering lists an item twice: {list(ordering)}")
    common = [item for item in first if item in set(second)]
    if len(common) < 2:
        return float("nan")
    rank = {item: i for i, item in enumerate(second)}
    pairs = list(combinations(common, 2))
    concordant = sum(1 for a, b in pairs if rank[a] < rank[b])
    return (2 * concordant - len(pairs)) / len(pairs)


def alignment(steps: pd.DataFrame, priorities: Mapping[str, Sequence[str]]) -> pd.Series:
    """Kendall's tau between the road map's delivery order and each party's priorities."""
    order = delivery_order(steps)
    return pd.Series({party: kendall_tau(order, wanted) for party, wanted in priorities.items()},
                     name="tau")


def rule_violations(steps: pd.DataFrame, rules: Sequence[Rule] = ARMS_CONTROL_RULES) -> list[str]:
    """A message for every rule the road map breaks (an empty list when it breaks none)."""
    categories = list(steps["category"])
    problems = []
    for rule in rules:
        if rule.after not in categories:
            continue
        first_after = categories.index(rule.after)
        if rule.before not in categories[:first_after]:
            why = f" ({rule.reason})" if rule.reason else ""
            problems.append(f"Rule '{rule.name}' is broken: step {first_after + 1} delivers "
                            f"{rule.after} with no {rule.before} before it{why}.")
    return problems


def breaking_point(
    steps: pd.DataFrame, tolerance: Mapping[str, float], parties: Sequence[str] = PARTIES
) -> pd.DataFrame:
    """For each party, the first step at which its exposure exceeds its tolerance (or none)."""
    table = exposure(steps, parties)
    rows = []
    for party in parties:
        over = table[(table["party"] == party) & (table["exposure"] > tolerance[party])]
        first = int(over["step"].min()) if len(over) else None
        rows.append({"party": party, "tolerance": tolerance[party], "walks_away_at_step": first})
    return pd.DataFrame(rows).astype({"walks_away_at_step": "Int64"})
