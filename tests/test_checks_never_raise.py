"""Throw arbitrary answers at every check in the course: each must answer, never raise."""

import datetime as dt

import altair as alt
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.pandas import column, data_frames

from summitlab import checks
from summitlab.feedback import STATUSES, Feedback

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), st.dates(min_value=dt.date(1900, 1, 1)), st.just(...),
    st.complex_numbers(), st.binary(max_size=10),
)
frames = data_frames([column("year", dtype=int), column("name", dtype=str), column("x", dtype=float)])
answers = st.one_of(
    scalars,
    st.lists(scalars, max_size=5),
    st.dictionaries(st.text(max_size=5), scalars, max_size=3),
    frames,
    frames.map(lambda f: f.iloc[:, 0]),
    st.sampled_from([
        alt.Chart(pd.DataFrame({"a": [1]})).mark_bar().encode(x="a:Q"),
        alt.Chart(pd.DataFrame({"a": [1]})).mark_point().encode(x="nonexistent:Q"),
        alt.Chart(),
        pd.DataFrame(),
        pd.Series([], dtype=float),
        pd.NaT,
        pd.Timestamp("2018-06-12", tz="Asia/Seoul"),
    ]),
)

EXERCISES = [e for e in checks.catalogue().values() if e.kind == "checked"]


@pytest.fixture(autouse=True)
def no_progress(monkeypatch):
    monkeypatch.setenv("SUMMITLAB_PROGRESS_FILE", "off")


@pytest.mark.parametrize("exercise_id", [e.id for e in EXERCISES])
@given(answer=answers)
def test_every_check_answers_with_a_message(exercise_id, answer):
    feedback = checks.check(exercise_id, answer)
    assert isinstance(feedback, Feedback)
    assert feedback.status in STATUSES
    assert str(feedback) and feedback._repr_html_()
