"""Exercise notebook 05 (arms-control road maps): warheads from kilograms, yields from
magnitudes, who observed the 2018-2019 steps, and a phased plan that passes the rules.

Every expectation is derived here from the course data, by a different route from the model
answers, so that a wrong solution cannot agree with the check by accident.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from summitlab.checks import Exercise, Mistake, Problem, chart, choice, frame, number, register
from summitlab.data import load
from summitlab.models.roadmap import RULE_SETS, rule_set, rule_violations

PLANNING = "amount needed for one weapon"
MATERIALS = ("plutonium", "highly enriched uranium")
HARD_ROCK = "sykes-1991-hard-rock"


# --- 05.1 warheads from kilograms --------------------------------------------------------

def _kg(material: str, bound: str) -> float:
    rows = [r for r in load("stockpile_estimates").to_dict("records")
            if r["unit"] == "kg" and r["quantity"] == material]
    return float(rows[0][bound])


def _kg_per_weapon(material: str, bound: str, basis: str = PLANNING) -> float:
    rows = [r for r in load("fissile_material_per_weapon").to_dict("records")
            if r["material"] == material and r["basis"] == basis]
    return float(rows[0][bound])


def _weapons(material_bound: str, per_weapon_bound: str, basis: str = PLANNING,
             whole: bool = True, materials=MATERIALS) -> float:
    total = 0.0
    for material in materials:
        count = _kg(material, material_bound) / _kg_per_weapon(material, per_weapon_bound, basis)
        total += math.floor(count) if whole else count
    return total


# --- 05.2 and 05.3 yields from magnitudes ------------------------------------------------

def _constants(relation_id: str = HARD_ROCK) -> tuple[float, float]:
    row = load("magnitude_yield_relations").set_index("relation_id").loc[relation_id]
    return float(row["intercept_a"]), float(row["slope_b"])


def _mb(test_number: int) -> float:
    tests = load("nuclear_tests")
    return float(tests.loc[tests["test_number"] == test_number, "mb_usgs"].iloc[0])


def _yield(test_number: int = 6, relation_id: str = HARD_ROCK, mb: float | None = None) -> float:
    a, b = _constants(relation_id)
    magnitude = _mb(test_number) if mb is None else mb
    return 10 ** ((magnitude - a) / b)


def _published_bounds(columns=("yield_low_kt", "yield_central_kt", "yield_high_kt")) -> dict[int, tuple[float, float]]:
    bounds: dict[int, tuple[float, float]] = {}
    for row in load("nuclear_yield_estimates").to_dict("records"):
        for column in columns:
            value = row[column]
            if value is None or pd.isna(value):
                continue
            low, high = bounds.get(int(row["test_number"]), (math.inf, -math.inf))
            bounds[int(row["test_number"])] = (min(low, float(value)), max(high, float(value)))
    return bounds


def _n_inside(relation_id: str = HARD_ROCK, columns=("yield_low_kt", "yield_central_kt", "yield_high_kt")) -> int:
    bounds = _published_bounds(columns)
    count = 0
    for test_number in range(1, 7):
        low, high = bounds.get(test_number, (math.inf, -math.inf))
        count += low <= _yield(test_number, relation_id) <= high
    return count


# --- 05.4 who observed the changes ------------------------------------------------------

def _by_status(all_categories: bool = False, distinct_sites: bool = False) -> pd.DataFrame:
    changes = load("facility_status_changes")
    statuses = changes["status"].astype(str)
    experts = changes["outside_experts_present"].fillna(False).astype(bool)
    if distinct_sites:
        counts = changes.assign(status=statuses).groupby("status")["facility_id"].nunique()
    else:
        counts = statuses.value_counts()
    rows = [{"status": s, "changes": int(counts.get(s, 0)), "with_experts": int(experts[statuses == s].sum())}
            for s in (changes["status"].cat.categories if all_categories else counts.index)]
    return pd.DataFrame(rows)


# The status column is categorical: compare it as text, so that row order (which sorts a
# categorical by its categories, not alphabetically) cannot make a right table look wrong.
_BY_STATUS_FRAME = frame(
    _by_status,
    columns=["status", "changes", "with_experts"],
    mistakes=[
        Mistake(lambda: _by_status(all_categories=True),
                "the table lists statuses that never occur, with zero rows.",
                ("status is a categorical column: group with observed=True.",)),
        Mistake(lambda: _by_status(distinct_sites=True),
                "that counts distinct sites, not recorded changes.",
                ("Count rows (size), not unique facility_id values.",)),
    ],
    hints=("Group changes by status; count rows, and sum outside_experts_present (missing counts as no).",
           "Use .agg with named aggregations — one counting rows ('size'), one summing the true/false "
           "column — and finish with .reset_index()."),
)


def _status_table_judge(answer: Any) -> Problem | None:
    if isinstance(answer, pd.DataFrame) and "status" in answer.columns:
        answer = answer.assign(status=answer["status"].astype(str))
    return _BY_STATUS_FRAME(answer)


_status_table_judge.info = _BY_STATUS_FRAME.info


# --- 05.6 the Gantt chart of the given plan ----------------------------------------------

# The step table the exercise gives (a stylized teaching plan, not a fact): what the chart draws.
GIVEN_PLAN = (
    ("Freeze nuclear and missile tests", "halt", 0, 1),
    ("Open liaison offices", "halt", 0.5, 1.5),
    ("Inspect Yongbyon", "roll back", 1, 3),
    ("Dismantle Yongbyon", "roll back", 2, 4),
    ("Ease some sanctions", "roll back", 2, 4),
    ("Declare material, weapons and sites", "roll back", 3, 4),
    ("Remove material and weapons", "eliminate", 5, 10),
)


def _gantt_bars() -> pd.DataFrame:
    return pd.DataFrame([{"x": start, "x2": end, "y": step, "color": phase}
                         for step, phase, start, end in GIVEN_PLAN])


# --- 05.7 a phased plan that passes the rules --------------------------------------------

PLAN_COLUMNS = ("step", "phase", "actor", "category", "start", "end")
PHASES = {"halt", "roll back", "eliminate"}
NEEDED = ("test freeze", "declaration", "inspection", "dismantlement", "elimination")


PLAN_HINT = ('Name the rule set you defend, for example: check("05.7", {"rule_set": "declaration-first", '
             '"plan": my_plan}). The rule sets: ' + ", ".join(RULE_SETS) + ".")


def _judge_plan(answer: Any) -> Problem | None:
    if not isinstance(answer, dict):
        return Problem("say which rule set your plan follows, and give the plan with it.",
                       (PLAN_HINT, "Then defend the rule set you chose in the reflection (05.8)."))
    name = answer.get("rule_set")
    if not isinstance(name, str) or name.strip().lower() not in RULE_SETS:
        return Problem(f"the rule set should be one of: {', '.join(RULE_SETS)} (you gave {name!r}).", (PLAN_HINT,))
    answer = answer.get("plan")
    if not isinstance(answer, pd.DataFrame):
        return Problem("the plan should be a step table (a DataFrame), one row per step.",
                       ("Start from the `plan` table of exercise 05.6 and change its rows.", PLAN_HINT))
    missing = [c for c in PLAN_COLUMNS if c not in answer.columns]
    if missing:
        return Problem(f"the step table lacks the column(s): {', '.join(missing)}.",
                       ("Keep the columns of `plan`: step, phase, actor, category, start, end.",))
    categories = set(answer["category"].astype(str))
    absent = [c for c in NEEDED if c not in categories]
    if absent:
        return Problem(f"an arms-control road map needs these categories too: {', '.join(absent)}.",
                       ("Write the categories exactly as the rules name them, e.g. 'declaration'.",))
    odd_phases = sorted(set(answer["phase"].astype(str)) - PHASES)
    if odd_phases:
        return Problem(f"unknown phase(s): {', '.join(odd_phases)}; use halt, roll back or eliminate.")
    if not set(answer["actor"].astype(str)) <= {"US", "DPRK"}:
        return Problem("each actor should be 'US' or 'DPRK'.")
    if "US" not in set(answer["actor"].astype(str)):
        return Problem("only North Korea acts in this plan: a negotiated road map has steps by both sides.",
                       ("Add at least one US step, such as sanctions relief or a liaison office.",))
    try:
        start = pd.to_numeric(answer["start"])
        end = pd.to_numeric(answer["end"])
    except (TypeError, ValueError):
        return Problem("start and end should be numbers (years after the agreement).")
    if start.isna().any() or end.isna().any() or (end < start).any():
        return Problem("every step needs a start and an end, and no step may end before it starts.")
    # Judged by start year, whatever the order of the rows; steps starting together are simultaneous.
    broken = rule_violations(answer.assign(start=start), rule_set(name.strip().lower()), when="start")
    if broken:
        return Problem(f"by start year, the plan breaks {len(broken)} rule(s) of '{name.strip().lower()}'. "
                       f"First: {broken[0]}",
                       ("Move the step named in the message later, or the step it needs earlier: "
                        "a step that must come first has to start strictly earlier.",
                        f"RULE_SETS['{name.strip().lower()}'].table() lists the rules of the set you chose."))
    return None


register(
    Exercise(
        id="05.1",
        title="Warheads from kilograms",
        objective="Compute a range of possible warheads from fissile-material estimates under stated assumptions.",
        judge=number(
            lambda: _weapons("high", "kg_low"),
            mistakes=[
                Mistake(lambda: _weapons("high", "kg_low", whole=False),
                        "close, but a fraction of a weapon cannot be built.",
                        ("Round down each material's count to whole weapons (// or np.floor) before adding.",)),
                Mistake(lambda: _weapons("high", "kg_high"),
                        "that divides by the most kilograms per weapon, which gives fewer weapons, not the most.",
                        ("The most weapons come from the most material and the fewest kilograms per weapon (kg_low).",)),
                Mistake(lambda: _weapons("low", "kg_low"),
                        "that starts from the low uranium estimate; the question asks for the largest number.",
                        ("Use the `high` column of the stockpile estimates.",)),
                Mistake(lambda: _weapons("high", "kg_low", materials=("highly enriched uranium",)),
                        "that counts the uranium only; add the plutonium weapons too.",
                        ("Do the division for both materials, then add.",)),
            ],
            hints=("Most weapons = most material / fewest kilograms per weapon, for each material.",
                   "Plutonium: high kg // kg_low per weapon; uranium the same; then add the two."),
        ),
        section="Why does a declaration matter?",
    ),
    Exercise(
        id="05.2",
        title="The yield of the 2017 test",
        objective="Estimate a test's yield from its body-wave magnitude with a published relation.",
        judge=number(
            _yield,
            decimals=0,
            mistakes=[
                Mistake(lambda: _yield(relation_id="shagan-low-yield-2006"),
                        "that is the other relation's answer; the exercise asks for sykes-1991-hard-rock.",
                        ("Pick the row whose relation_id is 'sykes-1991-hard-rock'.",)),
                Mistake(lambda: _yield(mb=6.1),
                        "that uses a magnitude of 6.1, the CTBTO's figure; use the USGS magnitude in mb_usgs.",
                        ("Take mb_usgs for test_number 6 from the tests table.",)),
                Mistake(lambda: math.exp((_mb(6) - _constants()[0]) / _constants()[1]),
                        "that raises e, not 10, to the power: the relation uses log10.",
                        ("Y = 10 ** ((mb - a) / b), or seismic.yield_kt(mb, a, b).",)),
                Mistake(lambda: 10 ** ((_mb(6) - _constants()[0]) * _constants()[1]),
                        "that multiplies by the slope b; invert the relation by dividing by b.",
                        ("From mb = a + b log10(Y): log10(Y) = (mb - a) / b.",)),
            ],
            hints=("Y = 10 ** ((mb - a) / b), with a = intercept_a and b = slope_b.",
                   "seismic.yield_kt(mb, a, b) does the arithmetic for you."),
        ),
        section="Reading the tests from afar",
    ),
    Exercise(
        id="05.3",
        title="Inside the published range?",
        objective="Compare yields from a magnitude-yield relation with published estimates.",
        judge=number(
            _n_inside,
            mistakes=[
                Mistake(lambda: _n_inside(columns=("yield_central_kt",)),
                        "that compares with the central figures only; use low, central and high figures together.",
                        ("Melt or stack the three yield columns before taking the minimum and maximum.",)),
                Mistake(lambda: _n_inside("shagan-low-yield-2006"),
                        "that count is for the other relation; use sykes-1991-hard-rock.",),
            ],
            hints=("For each test: the smallest and largest of all yield figures, then check the formula's yield.",
                   "Series.between(low, high) tests whether values lie in a range, ends included."),
        ),
        section="Reading the tests from afar",
    ),
    Exercise(
        id="05.4",
        title="Who saw the steps?",
        objective="Count facility changes by status and whether outside experts observed them.",
        judge=_status_table_judge,
        section="What was dismantled, and what kept running?",
    ),
    Exercise(
        id="05.5",
        title="What can seismology verify?",
        objective="Explain what seismic monitoring can and cannot establish about a nuclear programme.",
        judge=choice(
            "092f92452008ee022c24d3c31d29307c229f548436329101a67b4e246ca18e5d",
            salt="05.5",
            options="abcd",
            feedback={
                "a": "Try the other relation with the same USGS magnitude: the yield moves with the constants "
                     "chosen, not only with the magnitude.",
                "c": "Look again at your count in 05.3, made with the hard-rock relation, not the other one.",
                "d": "A test shows that a device worked, not how many exist or how much material is left: "
                     "the stockpile needs a declaration.",
            },
            hints=("Compare the two relations' answers for the 2017 test with the range of published figures.",),
        ),
        section="Reading the tests from afar",
    ),
    Exercise(
        id="05.6",
        title="Draw the plan as a Gantt chart",
        objective="Build a Gantt chart of a phased plan from a step table.",
        judge=chart(
            mark="bar",
            encodings={"x": "start:Q", "x2": "end", "y": "step:N", "color": "phase:N"},
            expected=_gantt_bars,
            hints=("mark_bar() with x='start:Q', x2='end', y='step:N' and color='phase:N'.",
                   "Pass alt.Chart the plan table itself: one bar per step, from its start to its end."),
        ),
        section="A phased road map",
    ),
    Exercise(
        id="05.7",
        title="Design a plan that passes the rules",
        objective="Design a phased road map and check it against the sequencing rules of lesson 04.",
        judge=_judge_plan,
    ),
    Exercise(
        id="05.8",
        title="Reflection: which single step would most reduce uncertainty?",
        objective="Evaluate which step of a road map most reduces uncertainty about North Korea's arsenal.",
        judge=lambda answer: None,
        kind="reflection",
    ),
)


# --- 05.9: a written exercise, marked with its rubric in instructors/rubrics.md (issue 28) ---
register(
    Exercise(
        id="05.9",
        title="Theory against data: the transparency trade-off",
        objective="Evaluate a theory's expectation (Coe and Vaynman's transparency trade-off) against the estimates and the Hanoi offers.",
        judge=lambda answer: None,
        kind="reflection",
    ),
)
