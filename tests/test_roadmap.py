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
    with pytest.raises(ValueError):
        roadmap.kendall_tau(["a", "a"], ["a"])


def test_alignment_uses_first_delivery_of_each_category():
    table = steps(("DPRK", "test freeze", 1, 1), ("US", "peace regime", 1, 1), ("DPRK", "test freeze", 1, 1))
    tau = roadmap.alignment(table, {"US": ["test freeze", "peace regime"], "DPRK": ["peace regime", "test freeze"]})
    assert tau.to_dict() == {"US": 1.0, "DPRK": -1.0}


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
