"""Unit tests of the check factories, on hand-made expectations (not the course's)."""

import altair as alt
import pandas as pd
import pytest

from summitlab import checks
from summitlab.checks import Exercise, Mistake, Problem, chart, choice, date, digest, frame, number
from summitlab.feedback import Feedback


def run(judge, answer, exercise_id="99.1"):
    checks.register(Exercise(exercise_id, "test", "test", judge))
    try:
        return checks.check(exercise_id, answer)
    finally:
        checks._REGISTRY.pop(exercise_id, None)
        checks._ATTEMPTS.pop(exercise_id, None)


@pytest.fixture(autouse=True)
def no_progress(monkeypatch):
    monkeypatch.setenv("SUMMITLAB_PROGRESS_FILE", "off")


def test_ellipsis_is_not_yet():
    assert run(number(lambda: 7), ...).status == "not yet"


def test_number_right_and_wrong():
    judge = number(lambda: 7)
    assert judge(7) is None and judge(7.0) is None
    assert "too high" in judge(8).message
    assert "too low" in judge(6).message


def test_number_names_the_likely_mistake():
    judge = number(lambda: 21, mistakes=[Mistake(lambda: 17, "you counted events, not missiles.")])
    assert judge(17).message == "you counted events, not missiles."


@pytest.mark.parametrize("answer, words", [
    ("7", "text"), (None, "None"), (True, "bool"), (pd.DataFrame({"a": [7]}), "whole table"),
    (pd.Series([7]), ".iloc[0]"), (float("nan"), "NaN"),
])
def test_number_explains_wrong_shapes(answer, words):
    problem = number(lambda: 7)(answer)
    assert isinstance(problem, Problem)
    assert words in problem.message + " ".join(problem.hints)


def test_second_wrong_attempt_gives_stronger_hint():
    judge = number(lambda: 7, hints=("gentle", "stronger"))
    checks.register(Exercise("99.2", "t", "t", judge))
    try:
        first, second, third = (checks.check("99.2", 1) for _ in range(3))
        assert (first.hint, second.hint, third.hint) == ("gentle", "stronger", "stronger")
        assert checks.check("99.2", 7).status == "correct"
        assert checks.check("99.2", 1).hint == "gentle"  # a correct answer resets the hints
    finally:
        checks._REGISTRY.pop("99.2")
        checks._ATTEMPTS.pop("99.2", None)


def test_feedback_never_shows_the_expected_number():
    feedback = run(number(lambda: 1234, hints=("count rows",)), 1000)
    assert feedback.status == "not quite" and "1234" not in str(feedback) + feedback._repr_html_()


def test_date_accepts_strings_and_timestamps_and_flags_utc_slips():
    judge = date(lambda: pd.Timestamp("2017-11-29"))
    assert judge("2017-11-29") is None
    assert judge(pd.Timestamp("2017-11-29 03:17", tz="UTC")) is None
    assert "UTC" in judge("2017-11-28").hints[0]
    assert judge("not a date").message.startswith("that text")
    assert judge(20171129).message.startswith("the answer should be a date")


def test_choice_compares_a_digest():
    judge = choice(digest("b", "salt"), salt="salt", options="abc", feedback={"a": "a is tempting"})
    assert judge("b") is None and judge(" B) ") is None
    assert judge("a").message == "a is tempting"
    assert "pick one" in judge("z").message
    assert "one letter" in judge(2).message


def test_frame_ignores_row_order_and_names_the_problem():
    expected = pd.DataFrame({"year": [2017, 2019], "launches": [21, 27]})
    judge = frame(lambda: expected, columns=["year", "launches"])
    assert judge(expected.iloc[::-1]) is None
    assert "lacks the column" in judge(expected.rename(columns={"launches": "n"})).message
    assert ".reset_index()" in judge(expected.set_index("year")).hints[0]
    assert "more rows" in judge(pd.concat([expected, expected])).message
    assert "launches" in judge(expected.assign(launches=[20, 27])).message
    assert "Series" in judge(expected["year"]).message


def test_chart_is_checked_on_its_spec():
    table = pd.DataFrame({"kind": ["a", "b"], "n": [1, 2]})
    judge = chart(mark="bar", encodings={"x": "n:Q", "y": "kind:N"})
    good = (alt.Chart(table).mark_bar()
            .encode(x="n:Q", y="kind:N", tooltip=["kind:N", "n:Q"])
            .properties(title="t", description="d"))
    assert judge(good) is None
    assert "mark_bar" in judge(good.mark_point()).message
    assert "type should be nominal" in judge(good.encode(y="kind:O")).message
    assert "another field" in judge(good.encode(x="kind:Q")).message
    assert "tooltip" in judge(alt.Chart(table).mark_bar().encode(x="n:Q", y="kind:N")).message
    assert "no title" in judge(good.properties(title="")).message
    assert "description" in judge(good.properties(description="")).message
    assert "Altair chart" in judge(42).message


def test_chart_finds_the_mark_inside_a_layer():
    table = pd.DataFrame({"kind": ["a"], "n": [1]})
    bars = alt.Chart(table).mark_bar().encode(x="n:Q", y="kind:N", tooltip=["n:Q"])
    layered = (bars + bars.mark_text()).properties(title="t", description="d")
    assert chart(mark="bar", encodings={"x": "n:Q"})(layered) is None


def test_a_judge_that_crashes_gives_a_message():
    def broken(answer):
        raise RuntimeError("bug")

    feedback = run(broken, 3)
    assert feedback.status == "not quite" and "could not be checked" in feedback.message


def test_unknown_exercise_id_gives_a_message():
    assert checks.check("77.7", 1).status == "not quite"
    assert checks.check(None, 1).status == "not quite"


def test_feedback_renders_text_and_html():
    feedback = Feedback.not_quite("01.2", "too <high>", "count")
    assert "Not quite (exercise 01.2): too <high>" in str(feedback)
    assert "too &lt;high&gt;" in feedback._repr_html_()
    assert not feedback and Feedback.correct("01.2")


def test_catalogue_ids_are_unique_and_well_formed():
    ids = list(checks.catalogue())
    assert ids == sorted(ids, key=checks._sort_key)
    # "NN.k", or "00p.k" for the Python primer
    assert all(len(i.split(".")) == 2 and i.split(".")[0].removesuffix("p").isdigit() for i in ids)


def test_frame_compares_categories_by_value_not_category_order():
    expected = pd.DataFrame({"kind": ["a", "b"], "n": [1, 2]})
    given = expected.astype({"kind": pd.CategoricalDtype(["b", "a"])})
    assert frame(lambda: expected, columns=["kind", "n"])(given) is None
