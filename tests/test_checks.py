"""Unit tests of the check factories, on hand-made expectations (not the course's)."""

import re

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
        checks._GUESSES.pop(exercise_id, None)


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
        first, second, third, fourth = (checks.check("99.2", 1) for _ in range(4))
        assert (first.hint, second.hint) == ("gentle", "stronger")
        assert "lesson 99" in third.hint and third.hint == fourth.hint  # the strongest level: the lesson
        assert "too low" not in fourth.message and "compute" in fourth.message  # no more directions
        assert checks.check("99.2", 7).status == "correct"
        assert checks.check("99.2", 1).hint == "gentle"  # a correct answer resets the hints
    finally:
        checks._REGISTRY.pop("99.2")
        checks._ATTEMPTS.pop("99.2", None)
        checks._GUESSES.pop("99.2", None)


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
    assert judge(expected.set_index("year")) is None  # a key left in the index, as after a groupby
    assert judge(expected.assign(year=[2017.0, 2019.0])) is None  # a float year, as after a merge
    assert "holds text" in judge(expected.assign(year=["2017", "2019"])).message
    assert "more rows" in judge(pd.concat([expected, expected])).message
    assert "launches" in judge(expected.assign(launches=[20, 27])).message
    assert "Series" in judge(expected["year"]).message


def test_chart_is_checked_on_its_spec():
    table = pd.DataFrame({"kind": ["a", "b"], "n": [1, 2]})
    judge = chart(mark="bar", encodings={"x": "n:Q", "y": "kind:N"},
                  expected=lambda: pd.DataFrame({"x": [1, 2], "y": ["a", "b"]}))
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
    assert chart(mark="bar", encodings={"x": "n:Q"}, expected=lambda: pd.DataFrame({"x": [1]}))(layered) is None


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
    assert all(re.fullmatch(r"\d\d[a-z]?\.\d+", i) for i in ids)  # "01.2", and "00p.1" for the primer


def test_frame_compares_categories_by_value_not_category_order():
    expected = pd.DataFrame({"kind": ["a", "b"], "n": [1, 2]})
    given = expected.astype({"kind": pd.CategoricalDtype(["b", "a"])})
    assert frame(lambda: expected, columns=["kind", "n"])(given) is None


# --- charts are checked on their data (issue 14, item 1) -------------------------------------

COUNTS = pd.DataFrame({"kind": ["a", "a", "b"], "n": [1, 2, 5]})


def counted(table=COUNTS, **encoding):
    encoding = {"x": "count():Q", "y": "kind:N", "tooltip": ["kind:N"], **encoding}
    return alt.Chart(table).mark_bar().encode(**encoding).properties(title="t", description="d")


def count_judge(**options):
    return chart(mark="bar", encodings={"x": "count():Q", "y": "kind:N"},
                 expected=lambda: pd.DataFrame({"y": ["a", "b"], "x": [2, 1]}), **options)


def test_chart_counts_and_sums_from_its_own_data():
    judge = count_judge()
    assert judge(counted()) is None
    assert "does not give the values" in judge(counted(COUNTS.iloc[:2])).message
    summed = chart(mark="bar", encodings={"x": "sum(n):Q", "y": "kind:N"},
                   expected=lambda: pd.DataFrame({"y": ["a", "b"], "x": [3.0, 5.0]}))
    assert summed(counted(x="sum(n):Q")) is None
    assert "x channel's aggregate" in summed(counted(x="mean(n):Q")).message


def test_a_field_missing_from_the_data_is_named():
    problem = count_judge()(counted(y="knd:N"))
    assert "knd" in problem.message and "does not have" in problem.message
    tooltip_typo = counted(tooltip=["kind:N", "nn:Q"])
    assert "nn" in count_judge()(tooltip_typo).message


def test_fields_made_by_transforms_exist_and_simple_filters_are_applied():
    made = (alt.Chart(COUNTS).transform_calculate(kind2="datum.kind").mark_bar()
            .encode(x="count():Q", y="kind2:N", tooltip=["kind2:N"]).properties(title="t", description="d"))
    judge = chart(mark="bar", encodings={"x": "count():Q", "y": "kind2:N"},
                  expected=lambda: pd.DataFrame({"y": ["a", "b"], "x": [2, 1]}))
    assert judge(made) is None  # a calculate transform is evaluated like Vega's
    wrong = chart(mark="bar", encodings={"x": "count():Q", "y": "kind2:N"},
                  expected=lambda: pd.DataFrame({"y": ["zz"], "x": [9]}))
    assert "does not give the values" in wrong(made).message
    filtered = counted().transform_filter(alt.FieldOneOfPredicate(field="kind", oneOf=["a"]))
    assert "does not give the values" in count_judge()(filtered).message
    folded = (alt.Chart(pd.DataFrame({"p": [1], "q": [2]})).transform_fold(["p", "q"], as_=["kind", "v"])
              .mark_bar().encode(x="count():Q", y="kind:N", tooltip=["kind:N"]).properties(title="t", description="d"))
    two = chart(mark="bar", encodings={"x": "count():Q", "y": "kind:N"},
                expected=lambda: pd.DataFrame({"y": ["p", "q"], "x": [1, 1]}))
    assert two(folded) is None


def test_titles_and_descriptions_are_found_in_layers_concatenations_and_facets():
    judge = count_judge()
    bare = alt.Chart(COUNTS).mark_bar().encode(x="count():Q", y="kind:N", tooltip=["kind:N"])
    layered = bare.properties(title="t", description="d") + bare.mark_text().encode(text="count():Q")
    assert judge(layered) is None
    assert judge(alt.hconcat(bare.properties(title="t", description="d"), bare)) is None
    assert judge(bare.properties(title="t", description="d").facet(column="kind:N")) is None
    assert "no title" in judge(alt.hconcat(bare, bare)).message


def test_nominal_values_compare_as_text_and_the_stated_requirements_are_checked():
    years = pd.DataFrame({"year": [2017.0, 2019.0], "n": [3, 4]})
    judge = chart(mark="bar", encodings={"x": "n:Q", "y": "year:N", "yOffset": "year:N"},
                  expected=lambda: pd.DataFrame({"x": [3, 4], "y": [2017, 2019], "yOffset": ["2017", "2019"]}))
    bars = alt.Chart(years).mark_bar().encode(x="n:Q", y="year:N", tooltip=["n:Q"]).properties(title="t", description="d")
    assert "yOffset" in judge(bars).message
    assert judge(bars.encode(yOffset="year:N")) is None


def test_answer_forms_numpy_dates_and_lists():
    import datetime as dt

    import numpy as np

    assert number(lambda: 7)(np.int64(7)) is None and number(lambda: 7)(np.array(7.0)) is None
    assert "one number" in number(lambda: 7)([7]).message
    assert "days" in number(lambda: 7)(pd.Timedelta(days=7)).message
    judge = date(lambda: pd.Timestamp("2017-11-29"))
    assert judge(np.datetime64("2017-11-29")) is None and judge(dt.date(2017, 11, 29)) is None
    assert judge(pd.Timestamp("2017-11-29 08:00", tz="Asia/Seoul")) is None
    assert judge(pd.Timestamp("2017-11-28 23:00", tz="UTC")).message.startswith("close")


def test_decimals_accept_exactly_the_stated_precision():
    judge = number(lambda: 0.4537, decimals=2)
    assert judge(0.45) is None and judge(0.4537) is None and judge(0.46) is not None
    assert "2 decimals" in judge(0.47).message


def test_an_aggregate_over_the_whole_table_is_one_mark():
    judge = chart(mark="bar", encodings={"x": "sum(n):Q"}, expected=lambda: pd.DataFrame({"x": [8.0]}))
    bar = alt.Chart(COUNTS).mark_bar().encode(x="sum(n):Q", tooltip=["sum(n):Q"]).properties(title="t", description="d")
    assert judge(bar) is None
    assert "does not give the values" in judge(bar.properties(data=COUNTS.iloc[:1])).message


# --- issue 25: conditional encodings, time units, the data rule ----------------------------

def test_a_conditional_encoding_carries_its_field_in_any_chart_check():
    judge = count_judge()
    pick = alt.selection_point(fields=["kind"], bind="legend")
    highlighted = counted(color=alt.when(pick).then(alt.Color("kind:N")).otherwise(alt.value("grey"))).add_params(pick)
    assert judge(highlighted) is None
    on_color = chart(mark="bar", encodings={"x": "count():Q", "y": "kind:N", "color": "kind:N"},
                     expected=lambda: pd.DataFrame({"y": ["a", "b"], "x": [2, 1], "color": ["a", "b"]}))
    assert on_color(highlighted) is None
    greyed = counted(color=alt.when(pick).then(alt.value("red")).otherwise(alt.value("grey"))).add_params(pick)
    assert "color" in on_color(greyed).message


DAYS = pd.DataFrame({"day": pd.to_datetime(["2018-06-12", "2018-06-20", "2019-06-30"]), "n": [1, 2, 3]})


def test_time_units_are_judged_by_what_they_draw():
    def points(x):
        return (alt.Chart(DAYS).mark_point().encode(x=x, y="n:Q", tooltip=["n:Q"])
                .properties(title="t", description="d"))

    exact = dict(mark="point", encodings={"x": "day:T", "y": "n:Q"},
                 expected=lambda: DAYS.rename(columns={"day": "x", "n": "y"}))
    assert chart(**exact)(points("day:T")) is None
    assert chart(**exact)(points("yearmonthdate(day):T")) is None  # floors nothing: the same data
    assert "coarser" in chart(**exact)(points("yearmonth(day):T")).message
    assert "no year" in chart(**exact)(points("month(day):T")).message
    by_month = chart(**exact, time_units=("yearmonth",))  # an exercise that reads months
    assert by_month(points("yearmonth(day):T")) is None
    assert "no year" in by_month(points("month(day):T")).message


def test_a_chart_check_never_passes_a_chart_whose_data_it_cannot_compute():
    judge = count_judge()
    windowed = counted().transform_window(rank="rank()")
    assert "could not compute" in judge(windowed).message
    assert "no data to compare" in chart(mark="bar", encodings={"x": "count():Q", "y": "kind:N"})(counted()).message


def test_a_chart_whose_data_cannot_go_to_the_browser_is_said_to_be_undrawable():
    from decimal import Decimal

    judge = chart(mark="bar", encodings={"x": "n:Q", "y": "kind:N"},
                  expected=lambda: pd.DataFrame({"x": [1, 2], "y": ["a", "b"]}))

    def bars(table):
        return (alt.Chart(table).mark_bar().encode(x="n:Q", y="kind:N", tooltip=["kind:N", "n:Q"])
                .properties(title="t", description="d"))

    # Altair's to_dict keeps these values; the JSON the browser gets has no form for them.
    periods = pd.DataFrame({"kind": pd.period_range("2018-01", periods=2, freq="M"), "n": [1, 2]})
    message = judge(bars(periods)).message
    assert "cannot be drawn" in message and "'kind'" in message and ".dt.to_timestamp()" in message
    message = judge(bars(pd.DataFrame({"kind": ["a", "b"], "n": [Decimal(1), Decimal(2)]}))).message
    assert "cannot be drawn" in message and "Decimal" in message
    assert judge(bars(pd.DataFrame({"kind": ["a", "b"], "n": [1, 2]}))) is None
