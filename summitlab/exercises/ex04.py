"""Exercise notebook 04 (sequencing): priority orders, exposure, rules, and a road map of your own.

Expectations are derived here from the tables by code written separately from the model in
summitlab.models.roadmap (plain loops over the CSV rows), so that a wrong solution cannot agree with
the check by sharing a bug. Multiple-choice answers are stored as salted digests.
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from summitlab.models import roadmap as model
from summitlab.checks import Exercise, Mistake, Problem, chart, choice, frame, number, register, sequence
from summitlab.data import load

TOLERANCE = 2.0
DESIGN_MUST_REACH = ("declaration", "inspection", "dismantlement", "elimination", "peace regime", "sanctions relief")
CAPITAL = {"US": "Washington", "DPRK": "Pyongyang"}


# --- 04.1: Kendall's tau between the Singapore order and Pyongyang's stated order -------------

def _stated(party: str, variant: str = "with-later-statements") -> list[str]:
    table = load("priority_orders")
    table = table[table["variant"].astype(str) == variant]  # 04.1 compares with the later statements
    rows = table[table["party"].astype(str) == party].sort_values("rank")
    return [str(p) for p in rows["pillar"]]


def _singapore_pillars(numbered_only: bool = True) -> list[str]:
    table = load("commitments")
    table = table[table["agreement_id"].astype(str) == "singapore-2018"].sort_values("order")
    if numbered_only:
        table = table[pd.to_numeric(table["position"], errors="coerce").notna()]
    seen: list[str] = []
    for pillar in table["pillar"].astype(str):
        if pillar not in seen:
            seen.append(pillar)
    return seen


def _tau_by_pairs(delivered: list[str], wanted: list[str]) -> float:
    rank = {item: i for i, item in enumerate(wanted)}
    shared = [item for item in delivered if item in rank]
    pairs = list(combinations(shared, 2))  # in delivered order
    if not pairs:
        return float("nan")
    score = sum(1 if rank[a] < rank[b] else -1 for a, b in pairs)
    return score / len(pairs)


# --- 04.2: Washington's peak exposure under the phased approach ------------------------------

def _running_balance(name: str, party: str) -> list[float]:
    steps = load("roadmap_steps").set_index("step_id")
    order = load("roadmaps")
    order = order[order["roadmap_id"].astype(str) == name].sort_values("position")
    balance, path = 0.0, [0.0]
    for step_id in order["step_id"].astype(str):
        step = steps.loc[step_id]
        if str(step["actor"]) == party:
            balance += float(step["cost"])
        else:
            balance -= float(step["value"])
        path.append(balance)
    return path


def _total_given(name: str, party: str) -> float:
    steps = load("roadmap_steps").set_index("step_id")
    order = load("roadmaps")
    ids = order.loc[order["roadmap_id"].astype(str) == name, "step_id"].astype(str)
    return float(sum(steps.loc[i, "cost"] for i in ids if str(steps.loc[i, "actor"]) == party))


# --- 04.3: the exposure chart ----------------------------------------------------------------

def _exposure_lines(name: str = "phased-synchronized") -> pd.DataFrame:
    """What the 04.3 chart draws: each party's exposure at each step, step 0 the start."""
    return pd.DataFrame([{"x": step, "y": value, "color": party}
                         for party in CAPITAL for step, value in enumerate(_running_balance(name, party))])


# --- 04.6: design your own road map -----------------------------------------------------------

RULE_SET_HINT = ('Name the rule set you defend, for example: check("04.6", {"rule_set": "freeze-first", '
                 '"steps": my_roadmap}). The rule sets: ' + ", ".join(model.RULE_SETS) + ".")


def _pick(answer, key: str) -> tuple[tuple, object] | Problem:
    """Split an answer ``{"rule_set": name, key: plan}`` into the chosen rules and the plan."""
    if not isinstance(answer, dict):
        return Problem("say which rule set your road map follows, and give the road map with it.",
                       (RULE_SET_HINT, "Then defend the rule set you chose in the reflection."))
    name = answer.get("rule_set")
    if not isinstance(name, str) or name.strip().lower() not in model.RULE_SETS:
        return Problem(f"the rule set should be one of: {', '.join(model.RULE_SETS)} (you gave {name!r}).",
                       (RULE_SET_HINT,))
    if key not in answer:
        return Problem(f"the answer has a rule set but no {key!r}.", (RULE_SET_HINT,))
    return model.rule_set(name.strip().lower()), answer[key]


def _as_step_ids(answer) -> list[str] | Problem:
    if isinstance(answer, pd.DataFrame):
        if "step_id" not in answer.columns:
            return Problem("your table has no step_id column.",
                           ("Give a list of step ids, e.g. [\"dprk-test-freeze\", ...].",))
        answer = answer["step_id"]
    items = sequence(answer)  # a list, tuple, numpy array, Series, Index or pandas array
    if items is None:
        return Problem("the road map should be a list of step ids (strings), in order.",
                       ("For example: my_roadmap = [\"dprk-test-freeze\", \"us-exercise-suspension\", ...]",))
    answer = items
    if not answer or not all(isinstance(item, str) for item in answer):
        return Problem("every item of the list should be a step id in quotes.",
                       ("Copy the ids from the step_id column of the catalogue.",))
    return [item.strip() for item in answer]


def _judge_design(answer) -> Problem | None:
    picked = _pick(answer, "steps")
    if isinstance(picked, Problem):
        return picked
    rules, plan = picked
    ids = _as_step_ids(plan)
    if isinstance(ids, Problem):
        return ids
    catalogue = load("roadmap_steps").astype({"actor": str, "category": str, "pillar": str})
    known = set(catalogue["step_id"].astype(str))
    unknown = [i for i in ids if i not in known]
    if unknown:
        return Problem(f"these are not step ids of the catalogue: {', '.join(unknown[:5])}.",
                       ("Copy the ids exactly from catalogue['step_id'] (lower case, hyphens).",))
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        return Problem(f"a step appears more than once: {', '.join(repeated)}.",
                       ("Each step can be taken once; remove the repeats.",))
    table = catalogue.set_index("step_id").loc[ids].reset_index()
    reached = set(table["category"])
    missing = [c for c in DESIGN_MUST_REACH if c not in reached]
    if missing:
        return Problem(f"your road map never gets to: {', '.join(missing)}.",
                       ("A complete road map ends with elimination verified by inspection, and gives "
                        "Pyongyang a peace regime and sanctions relief along the way.",
                        "Add at least one step of each missing category; the catalogue's category column lists them."))
    broken = model.rule_violations(table, rules)
    if broken:
        return Problem(" ".join(broken),
                       ("Move the step named first in the rule earlier, or the other one later.",
                        "model.RULE_SETS[name].table() lists the rules of the set you chose."))
    path = model.exposure(table)
    for party in model.PARTIES:
        over = path[(path["party"] == party) & (path["exposure"] > TOLERANCE)]
        if len(over):
            first = over.iloc[0]
            step = table.iloc[int(first["step"]) - 1]
            who = CAPITAL[party]
            return Problem(
                f"{who}'s exposure reaches {first['exposure']:g} at step {int(first['step'])} "
                f"({step['step_id']}), above the tolerance of {TOLERANCE:g}: {who} would walk away there.",
                (f"Before {step['step_id']}, let the other side take a step that {who} values.",
                 "Alternate the two sides, and put small steps (cost 1) before large ones (cost 3)."),
            )
    return None


register(
    Exercise(
        id="04.1",
        title="Kendall's tau: the Singapore order and Pyongyang's priorities",
        objective="Compute Kendall's tau between two priority orders.",
        judge=number(
            lambda: _tau_by_pairs(_singapore_pillars(), _stated("DPRK")),
            decimals=2,
            mistakes=[
                Mistake(lambda: _tau_by_pairs(_singapore_pillars(numbered_only=False), _stated("DPRK")),
                        "that includes the preamble and closing paragraphs, not only the numbered points.",
                        ("Keep the rows whose position is a number (1 to 4).",)),
                Mistake(lambda: _tau_by_pairs(_singapore_pillars(), _stated("US")),
                        "that compares the Singapore order with Washington's priorities, not Pyongyang's.",
                        ("Use priorities['DPRK'].",)),
            ],
            hints=("Filter the commitments to singapore-2018, keep the numbered points, sort by order, "
                   "and list their pillars once each.",
                   "Pass the list of pillars and Pyongyang's stated order to the course's Kendall's tau "
                   "function: it does the pair counting."),
        ),
        section="How can an order of steps be measured?",
    ),
    Exercise(
        id="04.2",
        title="Washington's peak exposure under the phased approach",
        objective="Compute a road map's peak exposure.",
        judge=number(
            lambda: max(_running_balance("phased-synchronized", "US")),
            mistakes=[
                Mistake(lambda: _running_balance("phased-synchronized", "US")[-1],
                        "that is Washington's exposure at the end of the road map, not its highest point.",
                        ("The peak is the largest value along the way: .max() over the steps.",)),
                Mistake(lambda: max(_running_balance("phased-synchronized", "DPRK")),
                        "that is Pyongyang's peak, not Washington's.",
                        ("Keep the rows where party == 'US'.",)),
                Mistake(lambda: _total_given("phased-synchronized", "US"),
                        "that adds up what Washington gives, but ignores what it receives in between.",
                        ("Exposure = given - received, after each step.",)),
            ],
            hints=("The exposure table of the phased road map has one row per step and party.",
                   "Filter party == 'US' and take the maximum of the exposure column."),
        ),
        section="Who is exposed, and when, under each published approach?",
    ),
    Exercise(
        id="04.3",
        title="Chart exposure along a road map",
        objective="Chart each party's exposure over the steps of a road map.",
        judge=chart(
            mark="line",
            encodings={"x": "step:O", "y": "exposure:Q", "color": "party:N"},
            titled_tooltip=True,
            expected=_exposure_lines,
            hints=("Chart the exposure table of the phased road map: x='step:O', y='exposure:Q', "
                   "color='party:N', with a tooltip.",
                   "One line per party, one point per step (step 0 is the start): the table from "
                   "model.exposure has exactly these rows."),
        ),
        section="Who is exposed, and when, under each published approach?",
    ),
    Exercise(
        id="04.4",
        title="Which rule does the DPRK's Hanoi offer break?",
        objective="Identify which sequencing rule a road map breaks.",
        judge=choice(
            "2ebd6f298a3f9c22cdfa16578c3d5b3c94b7f0d240993e7b2bf926354f7735c8",
            salt="04.4",
            options="abcd",
            feedback={
                "a": "The offer starts with a written halt to tests, so the freeze does come first.",
                "b": "The offer has no inspection step, so this rule never applies.",
                "d": "The offer does not reach elimination, so this rule never applies.",
            },
            hints=("Each rule names two categories of step and the order they must come in. Read the "
                   "category column of the offer's steps: which rule's two categories both appear there, "
                   "in the wrong order?",),
        ),
        section="Which approaches respect the arms-control rules?",
    ),
    Exercise(
        id="04.5",
        title="Which approach matches whose priorities?",
        objective="Compare road maps by their alignment with each party's stated priorities.",
        judge=choice(
            "cd575868d9fbfa2f2f33827f0818b2c067274f56a17c37287bbb4b130c937fb8",
            salt="04.5",
            options="abcd",
            feedback={
                "a": "Look at tau and pairs: the Singapore order shares too few pillars with Washington's list for "
                     "a tau, and denuclearization first scores below zero for Pyongyang.",
                "c": "The phased approach scores no better than zero for Washington.",
                "d": "Freeze for freeze shares only one pillar with Washington's list, so it has no tau for the US.",
            },
            hints=("rd.compare() has a tau column; pivot it to one column per party.",),
        ),
        section="Which approach matches whose priorities?",
    ),
    Exercise(
        id="04.6",
        title="Design your own road map",
        objective="Design a road map that respects every rule and keeps both parties' peak exposure within a tolerance.",
        judge=_judge_design,
    ),
    Exercise(
        id="04.7",
        title="Reflection: what does the model leave out?",
        objective="Evaluate the limits of the road-map model.",
        judge=lambda answer: None,
        kind="reflection",
    ),
)


# --- 04.8: the two tracks, month by month (issue 28) -----------------------------------------
# Counted here with plain loops over the rows of events and inter_korean_track (local dates),
# separately from the lesson's groupby, so that a shared bug cannot make both agree.

TRACKS_2018 = ("US-DPRK", "inter-Korean")


def _track_rows(with_other_tables: bool = True, whole_side_table: bool = False) -> list[tuple[int, str]]:
    rows = []
    events = load("events")
    for day, track in zip(events["date"], events["track"].astype(str)):
        if day.year == 2018 and track in TRACKS_2018:
            rows.append((day.month, track))
    if with_other_tables:
        steps = load("inter_korean_track")
        for day, track in zip(steps["date"], steps["track"].astype(str)):
            if whole_side_table:
                rows.append((day.month, "inter-Korean"))  # every row of the table counted as Seoul's track
            elif track in TRACKS_2018:
                rows.append((day.month, track))
    return rows


def _tracks_by_month(**how) -> pd.DataFrame:
    counts = {month: {"US-DPRK": 0, "inter-Korean": 0} for month in range(1, 13)}
    for month, track in _track_rows(**how):
        counts[month][track] += 1
    table = []
    for month, count in counts.items():
        us, ik = count["US-DPRK"], count["inter-Korean"]
        if us == 0 and ik == 0:
            continue  # a month with no event on either track has no row
        busier = "US-DPRK" if us > ik else "inter-Korean" if ik > us else "tied"
        table.append({"month": month, "us_dprk": us, "inter_korean": ik, "busier": busier})
    return pd.DataFrame(table, columns=["month", "us_dprk", "inter_korean", "busier"])


register(
    Exercise(
        id="04.8",
        title="The two tracks, month by month",
        objective="Compare the inter-Korean and US-DPRK tracks month by month in 2018.",
        judge=frame(
            _tracks_by_month,
            columns=["month", "us_dprk", "inter_korean", "busier"],
            mistakes=[
                Mistake(lambda: _tracks_by_month(with_other_tables=False),
                        "these counts come from the events table alone; the inter-Korean steps of "
                        "inter_korean_track are missing.",
                        ("Put the rows of both tables together (pd.concat) before counting.",
                         "events lists summits and announcements; inter_korean_track adds the steps carried out.")),
                Mistake(lambda: _tracks_by_month(whole_side_table=True),
                        "every row of inter_korean_track was counted as inter-Korean, including the UN Command, "
                        "sanctions and ROK-US rows.",
                        ("Read the track column of inter_korean_track too: keep only the two tracks compared.",
                         "Some of its rows are the clearances around the track, not steps of it.")),
            ],
            hints=("One row per month of 2018 that has an event on either track; count each track's rows, "
                   "then compare the two counts.",
                   "Keep the rows of 2018 and of the two tracks from both tables, count them by month and "
                   "track, put the tracks side by side, and name the busier one (or tied) in each month."),
        ),
        section="Did the inter-Korean track run ahead of the US–DPRK track in 2018?",
    ),
)

register(
    Exercise(
        id="04.9",
        title="Theory against data: the commitment problem",
        objective="Evaluate a theory's expectation (Fearon's commitment problem) against the road maps' exposure.",
        judge=lambda answer: None,
        kind="reflection",
    ),
)
