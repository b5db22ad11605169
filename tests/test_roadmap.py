import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from summitlab.models import roadmap
from summitlab.models.roadmap import Rule

CATEGORIES = ["test freeze", "declaration", "inspection", "dismantlement", "elimination",
              "sanctions relief", "peace regime", "new relations"]


def steps(*rows):
    return pd.DataFrame(rows, columns=["actor", "category", "cost", "value"])


SIMPLE = steps(("DPRK", "test freeze", 1, 2), ("US", "sanctions relief", 2, 3), ("DPRK", "declaration", 2, 1))


def test_exposure_by_hand():
    table = roadmap.exposure(SIMPLE).set_index(["step", "party"])["exposure"]
    # step 1: DPRK gives 1, US receives 2 -> DPRK +1, US -2
    assert table[(1, "DPRK")] == 1 and table[(1, "US")] == -2
    # step 2: US gives 2, DPRK receives 3 -> DPRK 1-3 = -2, US -2+2 = 0
    assert table[(2, "DPRK")] == -2 and table[(2, "US")] == 0
    # step 3: DPRK gives 2, US receives 1 -> DPRK 0, US -1
    assert table[(3, "DPRK")] == 0 and table[(3, "US")] == -1
    assert roadmap.peak_exposure(SIMPLE).to_dict() == {"US": 0, "DPRK": 1}


def test_kendall_tau_known_values():
    assert roadmap.kendall_tau(["a", "b", "c"], ["a", "b", "c"]) == 1
    assert roadmap.kendall_tau(["a", "b", "c"], ["c", "b", "a"]) == -1
    assert roadmap.kendall_tau(["a", "b", "c"], ["b", "a", "c"]) == pytest.approx(1 / 3)
    assert math.isnan(roadmap.kendall_tau(["a"], ["a", "b"]))
    assert math.isnan(roadmap.kendall_tau(["a", "b"], ["b", "a"]))  # one pair only
    with pytest.raises(ValueError):
        roadmap.kendall_tau(["a", "a"], ["a"])


def test_alignment_uses_first_delivery_of_each_category():
    table = steps(("DPRK", "test freeze", 1, 1), ("US", "peace regime", 1, 1), ("DPRK", "test freeze", 1, 1),
                  ("US", "new relations", 1, 1))
    tau = roadmap.alignment(table, {"US": ["test freeze", "peace regime", "new relations"],
                                    "DPRK": ["new relations", "peace regime", "test freeze"]})
    assert tau.to_dict() == {"US": 1.0, "DPRK": -1.0}


def test_tau_needs_three_pairs_and_reports_them():
    # two shared items: one pair, too few to call an order aligned
    result = roadmap.kendall_pairs(["a", "b"], ["a", "b"])
    assert result["pairs"] == 1 and math.isnan(result["tau"])
    assert roadmap.kendall_tau(["a", "b"], ["a", "b"], min_pairs=1) == 1
    # three shared items out of four listed: three pairs
    result = roadmap.kendall_pairs(["a", "x", "b", "c"], ["c", "a", "b", "y"])
    # by hand: (a,b) same, (a,c) opposite, (b,c) opposite -> (1 - 2) / 3
    assert (result["pairs"], result["concordant"], result["discordant"]) == (3, 1, 2)
    assert result["tau"] == pytest.approx(-1 / 3)


def test_tau_b_with_ties_by_hand():
    # second ordering ties b and c: pairs (a,b) C, (a,c) C, (a,d) C, (b,c) tied, (b,d) C, (c,d) C
    # tau-b = (5 - 0) / sqrt((6 - 0) * (6 - 1)) = 5 / sqrt(30)
    assert roadmap.kendall_tau(["a", "b", "c", "d"], ["a", ("b", "c"), "d"]) == pytest.approx(5 / math.sqrt(30))
    # first ties a and b; second is b, c, a, d: (a,b) tied, (a,c) D, (a,d) C, (b,c) C, (b,d) C, (c,d) C
    # tau-b = (4 - 1) / sqrt((6 - 1) * (6 - 0)) = 3 / sqrt(30)
    assert roadmap.kendall_tau([("a", "b"), "c", "d"], ["b", "c", "a", "d"]) == pytest.approx(3 / math.sqrt(30))
    # a mapping of ranks is read like a list with tuples
    assert roadmap.kendall_tau({"a": 1, "b": 1, "c": 2, "d": 3}, ["b", "c", "a", "d"]) == pytest.approx(3 / math.sqrt(30))
    # all tied in one ordering: undefined, not a division by zero
    assert math.isnan(roadmap.kendall_tau([("a", "b", "c")], ["a", "b", "c"]))


def test_pairwise_order_by_hand():
    table = roadmap.pairwise_order(["a", "b", "c"], ["b", ("a", "c")], names=("map", "party"))
    assert table.to_dict("records") == [
        {"item_a": "a", "item_b": "b", "map": "a first", "party": "b first", "verdict": "opposite order"},
        {"item_a": "a", "item_b": "c", "map": "a first", "party": "together", "verdict": "tied"},
        {"item_a": "b", "item_b": "c", "map": "b first", "party": "b first", "verdict": "same order"},
    ]


def test_rule_sets_are_named_and_sourced():
    sources = set(pd.read_csv("data/sources.csv")["source_id"])
    assert {"declaration-first", "freeze-first"} <= set(roadmap.RULE_SETS)
    for name, chosen in roadmap.RULE_SETS.items():
        assert chosen.name == name and chosen.label and chosen.rules
        assert set(chosen.source_ids) <= sources
        for rule in chosen.rules:
            assert rule.source_ids and set(rule.source_ids) <= sources, rule
    names = {name: {r.name for r in chosen.rules} for name, chosen in roadmap.RULE_SETS.items()}
    assert "declaration before dismantlement" in names["declaration-first"]
    assert "declaration before dismantlement" not in names["freeze-first"]
    with pytest.raises(KeyError, match="freeze-first"):
        roadmap.rule_set("libya")


def test_timed_rules_ignore_row_order_and_treat_same_start_as_together():
    plan = pd.DataFrame({"category": ["dismantlement", "declaration", "test freeze"], "start": [2, 1, 0]})
    assert roadmap.rule_violations(plan, "declaration-first", when="start") == []
    assert roadmap.rule_violations(plan.iloc[::-1], "declaration-first", when="start") == []
    together = plan.assign(start=[1, 1, 0])
    for table in (together, together.iloc[::-1]):
        messages = roadmap.rule_violations(table, "declaration-first", when="start")
        assert len(messages) == 1 and "both start at 1" in messages[0]
    assert roadmap.rule_violations(together, "freeze-first", when="start") == []


def test_reversibility_discount_by_hand():
    table = SIMPLE.assign(reversible=[True, False, False])
    # step 1 (reversible, discount 0.5): DPRK gives 0.5, US receives 1
    path = roadmap.exposure(table, discount=0.5).set_index(["step", "party"])["exposure"]
    assert path[(1, "DPRK")] == 0.5 and path[(1, "US")] == -1
    # step 2 (not reversible): US gives 2, DPRK receives 3 -> DPRK 0.5 - 3, US -1 + 2
    assert path[(2, "DPRK")] == -2.5 and path[(2, "US")] == 1
    assert roadmap.exposure(table, discount=0).equals(roadmap.exposure(SIMPLE))
    with pytest.raises(ValueError, match="reversible"):
        roadmap.exposure(SIMPLE, discount=0.5)
    with pytest.raises(ValueError, match="between 0 and 1"):
        roadmap.exposure(table, discount=1.5)


def test_rule_violations_name_the_rule():
    bad = steps(("DPRK", "dismantlement", 2, 2), ("DPRK", "test freeze", 1, 1))
    messages = roadmap.rule_violations(bad)
    assert any("test freeze before dismantlement" in m for m in messages)
    assert any("declaration before dismantlement" in m for m in messages)
    good = steps(("DPRK", "test freeze", 1, 1), ("DPRK", "declaration", 1, 1), ("DPRK", "dismantlement", 2, 2))
    assert roadmap.rule_violations(good) == []


def test_rules_ignore_categories_that_never_appear():
    assert roadmap.rule_violations(steps(("US", "peace regime", 1, 1))) == []
    assert roadmap.rule_violations(SIMPLE, [Rule("peace regime", "elimination")]) == []


def test_breaking_point():
    result = roadmap.breaking_point(SIMPLE, {"US": 0, "DPRK": 0}).set_index("party")["walks_away_at_step"]
    assert result["DPRK"] == 1 and pd.isna(result["US"])


def test_bad_input_is_explained():
    with pytest.raises(ValueError, match="missing: value"):
        roadmap.exposure(SIMPLE.drop(columns="value"))
    with pytest.raises(ValueError, match="unknown actor"):
        roadmap.exposure(steps(("ROK", "peace regime", 1, 1)))


step_rows = st.lists(
    st.tuples(st.sampled_from(["US", "DPRK"]), st.sampled_from(CATEGORIES),
              st.integers(0, 3), st.integers(0, 3)),
    min_size=1, max_size=12,
)


@given(step_rows)
def test_exposure_accounts_for_every_point(rows):
    table = steps(*rows)
    result = roadmap.exposure(table)
    final = result[result["step"] == len(rows)].set_index("party")
    # What both parties gave minus what both received equals total cost minus total value.
    assert final["exposure"].sum() == pytest.approx(table["cost"].sum() - table["value"].sum())
    assert final.loc["US", "given"] == table.loc[table["actor"] == "US", "cost"].sum()
    assert final.loc["DPRK", "received"] == table.loc[table["actor"] == "US", "value"].sum()
    assert (roadmap.peak_exposure(table) >= 0).all()


@given(st.permutations(CATEGORIES), st.permutations(CATEGORIES))
def test_tau_is_bounded_and_symmetric(first, second):
    tau = roadmap.kendall_tau(first, second)
    assert -1 <= tau <= 1
    assert tau == pytest.approx(roadmap.kendall_tau(second, first))
    assert roadmap.kendall_tau(first, list(reversed(first))) == -1


@given(step_rows)
def test_a_road_map_that_breaks_no_rule_stays_valid_when_cut_short(rows):
    table = steps(*rows)
    if not roadmap.rule_violations(table):
        for end in range(1, len(table)):
            assert roadmap.rule_violations(table.iloc[:end]) == []


tied_orders = st.lists(st.integers(0, 3), min_size=5, max_size=5)  # a rank for each of five items


@given(tied_orders, tied_orders)
def test_tau_b_is_bounded_and_symmetric_with_ties(first, second):
    a = dict(zip("abcde", first))
    b = dict(zip("abcde", second))
    tau = roadmap.kendall_tau(a, b)
    if not math.isnan(tau):
        assert -1 - 1e-12 <= tau <= 1 + 1e-12
        assert tau == pytest.approx(roadmap.kendall_tau(b, a))
        assert roadmap.kendall_tau(a, {k: -v for k, v in b.items()}) == pytest.approx(-tau)


timed_plans = st.lists(st.tuples(st.sampled_from(CATEGORIES), st.integers(0, 4)), min_size=1, max_size=8)


@given(timed_plans, st.randoms())
def test_timed_rule_checks_do_not_depend_on_row_order(rows, random):
    plan = pd.DataFrame(rows, columns=["category", "start"])
    shuffled = plan.sample(frac=1, random_state=random.randint(0, 10_000))
    for name in roadmap.RULE_SETS:
        assert sorted(roadmap.rule_violations(plan, name, when="start")) == \
            sorted(roadmap.rule_violations(shuffled, name, when="start"))
