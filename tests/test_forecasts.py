"""summitlab.models.forecasts: Brier scores, baselines, skill and calibration."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from summitlab.models import forecasts as fc

# --- known values, computed by hand ---------------------------------------------------------

def test_brier_of_a_small_set_by_hand():
    # (0.25-0)^2 = 0.0625; (0.75-1)^2 = 0.0625; (0.9-0)^2 = 0.81; mean = 0.935 / 3
    assert fc.brier_score([0.25, 0.75, 0.9], [False, True, False]) == pytest.approx(0.935 / 3)


def test_components_are_the_squared_errors():
    assert list(fc.brier_components([0.1, 0.6], [1, 0])) == pytest.approx([0.81, 0.36])


def test_uniform_baseline_scores_a_quarter_whatever_happens():
    assert fc.baseline_brier([True, False, False]) == pytest.approx(0.25)
    assert fc.baseline_brier([True, True]) == pytest.approx(0.25)


def test_base_rate_baseline_by_hand():
    # 1 of 4 true: r = 0.25, Brier = r(1-r) = 0.1875
    outcomes = [1, 0, 0, 0]
    assert fc.baseline_probability(outcomes, "base_rate") == pytest.approx(0.25)
    assert fc.baseline_brier(outcomes, "base_rate") == pytest.approx(0.1875)


def test_skill_score_by_hand():
    # Brier 0.0625 against 0.25: skill 1 - 0.25 = 0.75
    assert fc.brier_skill_score([0.25, 0.75], [0, 1]) == pytest.approx(0.75)
    # always 0.9 on two false questions: Brier 0.81, skill 1 - 0.81/0.25 = -2.24
    assert fc.brier_skill_score([0.9, 0.9], [0, 0]) == pytest.approx(-2.24)


def test_skill_against_a_perfect_base_rate_is_undefined():
    assert math.isnan(fc.brier_skill_score([0.2, 0.3], [0, 0], baseline="base_rate"))


def test_calibration_bins_by_hand():
    table = fc.calibration_table([0.1, 0.25, 0.2, 0.9, 1.0], [0, 1, 0, 1, 0])
    assert list(table["bin"]) == ["0-0.2", "0.2-0.4", "0.4-0.6", "0.6-0.8", "0.8-1"]
    assert list(table["n"]) == [1, 2, 0, 0, 2]  # 0.2 is in 0.2-0.4; 1.0 in the last bin
    row = table.set_index("bin").loc["0.2-0.4"]
    assert row["mean_probability"] == pytest.approx(0.225)
    assert row["observed_frequency"] == pytest.approx(0.5)
    assert math.isnan(table.set_index("bin").loc["0.4-0.6", "observed_frequency"])


def test_score_table_by_group():
    frame = pd.DataFrame({"who": ["a", "a", "b"], "probability": [0.25, 0.75, 0.9],
                          "outcome": [False, True, False]})
    table = fc.score_table(frame, by="who").set_index("who")
    assert table.loc["a", "brier"] == pytest.approx(0.0625)
    assert table.loc["b", "brier"] == pytest.approx(0.81)
    assert table.loc["b", "skill_vs_uniform"] == pytest.approx(1 - 0.81 / 0.25)
    assert int(table.loc["a", "n"]) == 2
    overall = fc.score_table(frame)
    assert overall.loc["all", "brier"] == pytest.approx(0.935 / 3)


@pytest.mark.parametrize("probabilities, outcomes", [
    ([1.2], [1]), ([-0.1], [0]), ([0.5], [2]), ([0.5, 0.5], [1]), ([], []), ([0.5], [None]),
])
def test_bad_input_is_refused(probabilities, outcomes):
    with pytest.raises(ValueError):
        fc.brier_score(probabilities, outcomes)


def test_unknown_baseline_is_refused():
    with pytest.raises(ValueError):
        fc.baseline_brier([1, 0], "climatology")


# --- invariants -----------------------------------------------------------------------------

pairs = st.lists(
    st.tuples(st.floats(0, 1, allow_nan=False), st.booleans()), min_size=1, max_size=40
)


@given(pairs)
def test_brier_lies_between_zero_and_one(data):
    p, o = zip(*data)
    assert 0.0 <= fc.brier_score(p, o) <= 1.0


@given(st.lists(st.booleans(), min_size=1, max_size=40))
def test_perfect_forecasts_score_zero_and_certain_wrong_ones_one(outcomes):
    certain_right = [1.0 if o else 0.0 for o in outcomes]
    certain_wrong = [0.0 if o else 1.0 for o in outcomes]
    assert fc.brier_score(certain_right, outcomes) == 0.0
    assert fc.brier_score(certain_wrong, outcomes) == 1.0
    assert fc.brier_skill_score(certain_right, outcomes) == 1.0


@given(pairs)
def test_flipping_the_question_leaves_the_score_unchanged(data):
    p, o = zip(*data)
    flipped = fc.brier_score([1 - x for x in p], [not x for x in o])
    assert flipped == pytest.approx(fc.brier_score(p, o))


@given(pairs)
def test_skill_is_at_most_one_and_consistent_with_brier(data):
    p, o = zip(*data)
    skill = fc.brier_skill_score(p, o)
    assert skill <= 1.0
    assert skill == pytest.approx(1 - fc.brier_score(p, o) / 0.25)


@given(st.lists(st.booleans(), min_size=1, max_size=40))
def test_base_rate_never_scores_worse_than_uniform(outcomes):
    assert fc.baseline_brier(outcomes, "base_rate") <= fc.baseline_brier(outcomes, "uniform") + 1e-12


@given(pairs)
def test_calibration_bins_count_every_forecast_once(data):
    p, o = zip(*data)
    table = fc.calibration_table(p, o)
    assert table["n"].sum() == len(p)
    assert table["n_true"].sum() == sum(o)
    filled = table[table["n"] > 0]
    assert ((filled["mean_probability"] >= filled["bin_low"]) & (filled["mean_probability"] <= filled["bin_high"])).all()
    assert filled["observed_frequency"].between(0, 1).all()


def _rows(**extra):
    table = pd.DataFrame({
        "forecast_id": ["A", "B", "C", "D", "E"],
        "forecaster": ["An analyst", "White House (published summit schedule)", "A minister", "A president", "An envoy"],
        "stated_date": pd.to_datetime(["2019-01-24", "2019-02-27", None, "2019-02-28", "2019-02-20"]),
        "resolution_date": pd.to_datetime(["2019-02-28", "2019-02-28", "2019-02-28", "2019-12-31", "2019-12-31"]),
        "verbal_level": ["probably not", "almost certainly", "even chance", "almost certainly not", None],
    })
    return table.assign(**extra)


def test_classify_keeps_only_dated_expectations_stated_before_the_outcome():
    result = fc.classify(_rows(), known_before="2019-02-28").set_index("forecast_id")
    # A: dated, before, worded. B: a schedule. C: no date. D: stated the day the summit ended.
    # E: no verbal expectation.
    assert result["counts"].to_dict() == {"A": True, "B": False, "C": False, "D": False, "E": False}
    assert "schedule" in result.loc["B", "reason"] and "no stated date" in result.loc["C", "reason"]
    assert "on or after" in result.loc["D", "reason"]
    # without a cut-off, D (stated before its own resolution date) counts
    assert fc.classify(_rows()).set_index("forecast_id").loc["D", "counts"]


def test_classify_honours_a_flag_column_whatever_its_type():
    for flags in ([True, True, True, True, False], np.array([True, True, True, True, False]),
                  ["true", "true", "true", "true", "false"]):
        table = _rows(verbal_level=["probably not"] * 5, is_forecast=flags)
        result = fc.classify(table).set_index("forecast_id")
        assert not result.loc["E", "counts"] and "is_forecast" in result.loc["E", "reason"]
        assert result.loc["A", "counts"]
    assert list(fc.genuine(_rows(), known_before="2019-02-28")["forecast_id"]) == ["A"]


def test_the_course_table_scores_only_genuine_forecasts():
    from summitlab.data import load
    table = load("forecasts")
    kept = fc.genuine(table, known_before=load("agreements").set_index("agreement_id").loc["hanoi-2019", "date"])
    assert set(kept["stance"]) == {"article", "contrary"}
    # every kept row was stated before the summit ended and is not a schedule
    assert (kept["stated_date"] < pd.Timestamp("2019-02-28")).all()
    assert not kept["forecaster"].str.contains("schedule").any()
