"""The magnitude-yield arithmetic, and that it agrees with the sourced constants' own examples."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from summitlab.models import seismic
from summitlab.data import load


def test_one_kiloton_has_the_intercept_as_magnitude():
    assert seismic.magnitude(1.0, a=4.48, b=0.79) == pytest.approx(4.48)
    assert seismic.yield_kt(4.48, a=4.48, b=0.79) == pytest.approx(1.0)


def test_ten_times_the_yield_adds_the_slope():
    assert seismic.magnitude(10.0, a=4.0, b=0.8) - seismic.magnitude(1.0, a=4.0, b=0.8) == pytest.approx(0.8)


@given(mb=st.floats(3.0, 7.5), a=st.floats(3.5, 5.0), b=st.floats(0.5, 1.2))
def test_yield_and_magnitude_are_inverses(mb, a, b):
    assert seismic.magnitude(seismic.yield_kt(mb, a, b), a, b) == pytest.approx(mb)


def test_an_error_of_a_tenth_of_a_magnitude_is_about_a_third_in_yield():
    assert seismic.error_factor(0.1, b=0.79) == pytest.approx(10 ** (0.1 / 0.79))
    assert 1.3 < seismic.error_factor(0.1, b=0.79) < 1.35


def test_the_sourced_hard_rock_relation_reproduces_the_1988_shagan_calibration_roughly():
    # A 1988 US on-site measurement at Shagan River: mb 6.03, yield 106-118 kt
    # (hafemeister-1995-04-monitoring-nuclear-test-ban-treaties). A relation for that site should
    # land within a factor of two.
    row = load("magnitude_yield_relations").set_index("relation_id").loc["sykes-1991-hard-rock"]
    estimate = float(seismic.yield_kt(6.03, row["intercept_a"], row["slope_b"]))
    assert 106 / 2 < estimate < 118 * 2


def test_yields_by_relation_crosses_tests_and_relations():
    tests = pd.DataFrame({"test_number": [1, 2], "mb_usgs": [4.3, 6.3]})
    relations = pd.DataFrame({"relation_id": ["r1", "r2"], "intercept_a": [4.48, 4.262], "slope_b": [0.79, 0.973]})
    table = seismic.yields_by_relation(tests, relations)
    assert len(table) == 4
    big = table.query("test_number == 2 and relation_id == 'r1'")["yield_kt"].item()
    assert big == pytest.approx(10 ** ((6.3 - 4.48) / 0.79))
    assert math.isfinite(table["yield_kt"].sum())


def test_nonsense_is_refused():
    with pytest.raises(ValueError):
        seismic.yield_kt(5.0, a=4.0, b=0.0)
    with pytest.raises(ValueError):
        seismic.magnitude(-1.0, a=4.0, b=0.8)
    with pytest.raises(ValueError, match="missing"):
        seismic.yields_by_relation(pd.DataFrame({"test_number": [1]}), pd.DataFrame())
    assert np.all(seismic.yield_kt([4.0, 5.0], 4.0, 0.8) > 0)
