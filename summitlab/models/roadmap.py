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
  The scores are ordinal (0-3): adding them up treats a 2 as worth exactly two 1s, which
  nobody measured; read exposure as a rough ranking of who has paid in advance, not a quantity.
- **Reversibility discount**: a step that can be undone (a moratorium, a suspended exercise)
  is worth less to the receiver and costs the giver less than one that cannot. With
  ``discount=d`` the cost and value of every step marked ``reversible`` count ``(1 - d)``
  times; ``d = 0`` is the plain model.
- **Priority alignment**: Kendall's tau-b between the order in which a road map first delivers
  each category and a party's stated order of priorities (+1 same order, -1 reversed), with
  the number of pairs behind it (:func:`kendall_pairs`), undefined below three pairs, and the
  plain pairwise table (:func:`pairwise_order`). Ties (things done together) are allowed.
- **Rules**: precedence constraints such as a freeze before dismantlement. Which constraints
  apply is a school of thought, so rules come in named, sourced rule sets (:data:`RULE_SETS`):
  declaration first (the US position of 2018) or halt, roll back, eliminate (Hecker and
  colleagues). :func:`rule_violations` names each rule of the chosen set a road map breaks.
- **Where it breaks**: :func:`breaking_point` finds the first step at which a party's exposure
  passes what it can tolerate.

Two parties are modelled (``parties`` defaults to ``("US", "DPRK")``): a step by one is
received by the other.
"""

from __future__ import annotations

import math
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
    source_ids: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return f"{self.before} before {self.after}"


@dataclass(frozen=True)
class RuleSet:
    """A named, sourced choice of sequencing rules: one school of thought, not a law of nature."""

    name: str
    label: str
    summary: str
    rules: tuple[Rule, ...]
    source_ids: tuple[str, ...]

    def table(self) -> pd.DataFrame:
        """One row per rule: its name, the reason, and the sources behind it."""
        return pd.DataFrame([{"rule_set": self.name, "rule": r.name, "why": r.reason,
                              "source_ids": ", ".join(r.source_ids)} for r in self.rules])


_COURSE = "summitlab-2026-roadmap-assumptions"
_INSPECTED_ELIMINATION = Rule(
    "inspection", "elimination", "elimination is only known to be complete once inspected (the course's reasoning)",
    (_COURSE,))

# Two schools of thought on what comes first (lessons 04 and 05; exercises 04.6 and 05.7 let
# students pick one and defend the choice). Sources are ids of data/sources.csv.
RULE_SETS: dict[str, RuleSet] = {
    "declaration-first": RuleSet(
        name="declaration-first",
        label="Declaration first (the US position in 2018)",
        summary=("Washington asked in 2018 for a declaration (an inventory) of the North's weapons, material and "
                 "sites early, as the baseline against which inspections and dismantlement are counted; "
                 "Pyongyang called the demand one-sided, and Hecker's account says the talks stalled on it."),
        rules=(
            Rule("test freeze", "dismantlement", "stop adding capability before taking it apart",
                 ("globaltimes-2018-04-21-dprk-suspend-tests", _COURSE)),
            Rule("declaration", "inspection", "inspectors need a list of what to inspect",
                 ("kcna-2018-07-07-fm-spokesman-high-level-talks", "chosun-2018-10-16-kim-refused-inventory")),
            Rule("declaration", "dismantlement", "without a baseline, nobody can tell what was removed",
                 ("chosun-2018-10-16-kim-refused-inventory", "thebulletin-2019-02-13-hecker-north-korea-2018")),
            _INSPECTED_ELIMINATION,
        ),
        source_ids=("kcna-2018-07-07-fm-spokesman-high-level-talks", "chosun-2018-10-16-kim-refused-inventory",
                    "thebulletin-2019-02-13-hecker-north-korea-2018"),
    ),
    "freeze-first": RuleSet(
        name="freeze-first",
        label="Halt, roll back, eliminate (Hecker, Carlin and Serbin, 2018)",
        summary=("The Stanford road map of May 2018 puts halting first (tests, and the production of plutonium "
                 "and enriched uranium), then rolling back, then eliminating, over ten years or more. It does not "
                 "ask for a declaration before the first dismantling; the sources read do not say where it "
                 "places one, so this rule set simply does not require it early."),
        rules=(
            Rule("test freeze", "dismantlement", "halting comes first: stop tests before rolling back",
                 ("fsi-stanford-2018-05-hecker-roadmap-news",)),
            Rule("test freeze", "elimination", "halting comes first: stop tests before eliminating",
                 ("fsi-stanford-2018-05-hecker-roadmap-news",)),
            Rule("dismantlement", "elimination", "roll back (dismantle facilities) before eliminating the arsenal",
                 ("fsi-stanford-2018-05-hecker-roadmap-news", "cnn-2018-05-denuclearization-could-take-decade")),
            _INSPECTED_ELIMINATION,
        ),
        source_ids=("fsi-stanford-2018-05-hecker-roadmap-news", "stanford-2018-05-hecker-carlin-serbin-roadmap",
                    "cnn-2018-05-denuclearization-could-take-decade"),
    ),
}
DEFAULT_RULE_SET = "declaration-first"


def rule_set(name: "str | RuleSet | Sequence[Rule]" = DEFAULT_RULE_SET) -> tuple[Rule, ...]:
    """The rules of the rule set ``name`` (a key of :data:`RULE_SETS`), or ``name`` itself if it is rules."""
    if isinstance(name, RuleSet):
        return name.rules
    if isinstance(name, str):
        key = name.strip().lower()
        if key not in RULE_SETS:
            raise KeyError(f"no rule set named {name!r}; the rule sets are: {', '.join(RULE_SETS)}")
        return RULE_SETS[key].rules
    return tuple(name)


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


DEFAULT_DISCOUNT = 0.5


def weighted(steps: pd.DataFrame, discount: float = 0.0) -> pd.DataFrame:
    """A copy of ``steps`` whose reversible steps' cost and value count ``(1 - discount)`` times.

    Needs a boolean ``reversible`` column when ``discount`` is not 0. ``discount`` runs from 0
    (reversibility ignored) to 1 (a reversible step counts for nothing).
    """
    if not 0 <= discount <= 1:
        raise ValueError(f"the discount must lie between 0 and 1, not {discount!r}")
    table = steps.copy()
    if discount == 0:
        return table
    if "reversible" not in table.columns:
        raise ValueError("a reversibility discount needs a 'reversible' column (True/False) in the step table")
    factor = 1 - discount * table["reversible"].fillna(False).astype(bool)
    table["cost"] = table["cost"].astype(float) * factor
    table["value"] = table["value"].astype(float) * factor
    return table


def exposure(steps: pd.DataFrame, parties: Sequence[str] = PARTIES, discount: float = 0.0) -> pd.DataFrame:
    """Each party's exposure after each step, as a tidy table.

    Columns: ``step`` (1-based; step 0 is the start, exposure 0), ``party``, ``given``,
    ``received``, ``exposure`` (= given - received). ``discount`` weighs reversible steps
    less (see :func:`weighted`).
    """
    steps = weighted(_checked(steps, parties), discount)
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


def peak_exposure(steps: pd.DataFrame, parties: Sequence[str] = PARTIES, discount: float = 0.0) -> pd.Series:
    """The highest exposure each party reaches anywhere in the road map (at least 0)."""
    return exposure(steps, parties, discount).groupby("party")["exposure"].max().reindex(list(parties))


def delivery_order(steps: pd.DataFrame) -> list[str]:
    """Categories in the order a road map first delivers them."""
    return list(dict.fromkeys(steps["category"]))


MIN_PAIRS = 3
Ordering = "Sequence[str | Sequence[str]] | Mapping[str, float]"


def ranks(ordering) -> dict[str, float]:
    """Rank of each item of an ordering; items that share a place share a rank (ties).

    ``ordering`` is a list of items, first first, where an element may be a tuple, list or set
    of items that come *together* (``["freeze", ("declaration", "relief"), "treaty"]``), or a
    mapping from item to rank (equal ranks are ties).
    """
    if isinstance(ordering, Mapping):
        return {str(k): float(v) for k, v in ordering.items()}
    result: dict[str, float] = {}
    for place, element in enumerate(ordering):
        group = [element] if isinstance(element, str) else list(element)
        for item in group:
            if item in result:
                raise ValueError(f"an ordering lists an item twice: {item!r} in {list(ordering)}")
            result[item] = float(place)
    return result


def kendall_pairs(first, second, min_pairs: int = MIN_PAIRS) -> dict[str, float]:
    """Kendall's tau-b between two orderings, with the pair counts behind it.

    Only the items both orderings contain are compared. Each pair of them is *concordant*
    (same order in both), *discordant* (opposite order) or *tied* (together in at least one
    ordering). tau-b = (concordant - discordant) / sqrt((pairs - ties in first) * (pairs - ties
    in second)), which is ordinary Kendall's tau when nothing is tied. It is NaN (undefined)
    when fewer than ``min_pairs`` pairs can be formed, because one or two pairs are too few to
    call an order aligned or reversed, and when every pair is tied in one of the orderings.

    Returns a dict: ``tau``, ``items`` (shared), ``pairs``, ``concordant``, ``discordant``,
    ``tied_first``, ``tied_second``, ``tied`` (tied in either).
    """
    a, b = ranks(first), ranks(second)
    shared = [item for item in a if item in b]
    pairs = list(combinations(shared, 2))
    counts = {"concordant": 0, "discordant": 0, "tied_first": 0, "tied_second": 0, "tied": 0}
    for x, y in pairs:
        da, db = a[x] - a[y], b[x] - b[y]
        counts["tied_first"] += da == 0
        counts["tied_second"] += db == 0
        if da == 0 or db == 0:
            counts["tied"] += 1
        elif (da > 0) == (db > 0):
            counts["concordant"] += 1
        else:
            counts["discordant"] += 1
    n = len(pairs)
    denominator = math.sqrt((n - counts["tied_first"]) * (n - counts["tied_second"]))
    tau = (counts["concordant"] - counts["discordant"]) / denominator if n >= min_pairs and denominator else math.nan
    return {"tau": tau, "items": len(shared), "pairs": n, **counts}


def kendall_tau(first, second, min_pairs: int = MIN_PAIRS) -> float:
    """Kendall's tau-b between two orderings (+1 same order, -1 reversed); see :func:`kendall_pairs`.

    NaN with fewer than ``min_pairs`` (default 3) pairs of shared items.
    """
    return kendall_pairs(first, second, min_pairs)["tau"]


def pairwise_order(first, second, names: tuple[str, str] = ("first", "second")) -> pd.DataFrame:
    """The plain "which comes first" table behind a tau: one row per pair of shared items.

    Columns: ``item_a``, ``item_b``, one column per ordering (named by ``names``) saying which
    comes first (``"item_a first"``, ``"item_b first"`` or ``"together"``), and ``verdict``:
    ``same order``, ``opposite order`` or ``tied``.
    """
    a, b = ranks(first), ranks(second)
    shared = [item for item in a if item in b]

    def says(r, x, y):
        return "together" if r[x] == r[y] else (f"{x} first" if r[x] < r[y] else f"{y} first")

    rows = []
    for x, y in combinations(shared, 2):
        da, db = a[x] - a[y], b[x] - b[y]
        verdict = "tied" if da == 0 or db == 0 else ("same order" if (da > 0) == (db > 0) else "opposite order")
        rows.append({"item_a": x, "item_b": y, names[0]: says(a, x, y), names[1]: says(b, x, y), "verdict": verdict})
    return pd.DataFrame(rows, columns=["item_a", "item_b", *names, "verdict"])


def delivery_ranks(steps: pd.DataFrame) -> dict[str, float]:
    """When a road map first delivers each category: its first position, or its first ``stage``.

    A road map may carry a ``stage`` column: steps of the same stage are taken together, so
    categories first delivered in the same stage are tied.
    """
    when = steps["stage"] if "stage" in steps.columns else pd.Series(range(len(steps)), index=steps.index)
    first: dict[str, float] = {}
    for category, moment in zip(steps["category"], when):
        first.setdefault(category, float(moment))
    return first


def alignment(steps: pd.DataFrame, priorities: Mapping[str, object], min_pairs: int = MIN_PAIRS) -> pd.Series:
    """Kendall's tau-b between the road map's delivery order and each party's priorities."""
    return alignment_table(steps, priorities, min_pairs).set_index("party")["tau"].rename("tau")


def alignment_table(steps: pd.DataFrame, priorities: Mapping[str, object], min_pairs: int = MIN_PAIRS) -> pd.DataFrame:
    """One row per party: tau-b and the pair counts behind it (see :func:`kendall_pairs`)."""
    order = delivery_ranks(steps)
    columns = ["party", "tau", "items", "pairs", "concordant", "discordant", "tied"]
    rows = [{"party": party, **kendall_pairs(order, wanted, min_pairs)} for party, wanted in priorities.items()]
    return pd.DataFrame(rows).reindex(columns=columns) if rows else pd.DataFrame(columns=columns)


def _first_times(steps: pd.DataFrame, when: str | None) -> dict[str, float]:
    if when is None:
        return {c: float(i) for i, c in reversed(list(enumerate(steps["category"])))}
    times = pd.to_numeric(steps[when])
    return {str(c): float(t) for c, t in times.groupby(steps["category"].astype(str)).min().items()}


def rule_violations(
    steps: pd.DataFrame,
    rules: "str | RuleSet | Sequence[Rule]" = DEFAULT_RULE_SET,
    *,
    when: str | None = None,
) -> list[str]:
    """A message for every rule the road map breaks (an empty list when it breaks none).

    ``rules`` is a rule set's name (a key of :data:`RULE_SETS`), a :class:`RuleSet`, or a list
    of :class:`Rule`. Without ``when``, the order is the order of the rows. With ``when`` (a
    column of times, such as a plan's ``start`` year), the row order does not matter: a rule
    holds when the ``before`` category starts strictly earlier than the ``after`` category
    first does; two steps starting at the same time are taken together, so neither comes first.
    """
    chosen = rule_set(rules)
    first = _first_times(steps, when)
    problems = []
    for rule in chosen:
        if rule.after not in first:
            continue
        why = f" ({rule.reason})" if rule.reason else ""
        if rule.before not in first or first[rule.before] > first[rule.after]:
            where = (f"step {int(first[rule.after]) + 1}" if when is None
                     else f"the step starting at {first[rule.after]:g}")
            problems.append(f"Rule '{rule.name}' is broken: {where} delivers {rule.after} "
                            f"with no {rule.before} before it{why}.")
        elif first[rule.before] == first[rule.after]:
            problems.append(f"Rule '{rule.name}' is broken: {rule.before} and {rule.after} both start at "
                            f"{first[rule.after]:g}, so {rule.before} does not come first{why}.")
    return problems


def breaking_point(
    steps: pd.DataFrame, tolerance: Mapping[str, float], parties: Sequence[str] = PARTIES, discount: float = 0.0
) -> pd.DataFrame:
    """For each party, the first step at which its exposure exceeds its tolerance (or none)."""
    table = exposure(steps, parties, discount)
    rows = []
    for party in parties:
        over = table[(table["party"] == party) & (table["exposure"] > tolerance[party])]
        first = int(over["step"].min()) if len(over) else None
        rows.append({"party": party, "tolerance": tolerance[party], "walks_away_at_step": first})
    return pd.DataFrame(rows).astype({"walks_away_at_step": "Int64"})
