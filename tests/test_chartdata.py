"""What a chart would draw, computed without a renderer (issue 25): the Vega expression subset,
the transforms and the time units the course teaches, and what cannot be computed."""

import math

import altair as alt
import pandas as pd
import pytest

from summitlab import chartdata, vegaexpr

ROWS = [{"d": "2018-01-15T00:00:00", "c": "ICBM", "n": 2}, {"d": "2018-03-02T00:00:00", "c": "SRBM", "n": 1},
        {"d": "2019-01-20T00:00:00", "c": "SRBM", "n": 4}, {"d": "2019-05-09T00:00:00", "c": None, "n": 3}]


def run(text, datum=None, params=None):
    return vegaexpr.evaluate(vegaexpr.parse(text), datum or {}, params or {})


@pytest.mark.parametrize("text, value", [
    ("1 + 2 * 3 - 4 / 2", 5.0),
    ("'a' + 1", "a1"),
    ("month(datetime(2019, 0, 31))", 0.0),  # JavaScript counts months from 0
    ("year(datum.d) == 2018 && month(datum.d) < 2", True),
    ("datum.n === 2", True),
    ("datum.n === '2'", False),  # strict: no conversion
    ("datum.n == '2'", True),
    ("datum.x || 'none'", "none"),  # || returns an operand
    ("0 && 1", 0.0),
    ("indexof(datum.c, 'BM') >= 0", True),
    ("indexof(['SRBM', 'ICBM'], datum.c)", 1.0),
    ("test(/^ic/i, datum.c)", True),
    ("datum.n > 1 ? 'many' : 'one'", "many"),
    ("isValid(datum.x)", False),
    ("upper(substring(datum.c, 0, 2))", "IC"),
    ("pow(10, 2) + shift", 101.5),
    ("datum['c'] + '!'", "ICBM!"),
])
def test_expressions_follow_javascript(text, value):
    datum = {"d": vegaexpr.to_date("2018-01-15T00:00:00"), "c": "ICBM", "n": 2.0}
    assert run(text, datum, {"shift": 1.5}) == value


@pytest.mark.parametrize("text, value", [
    # Bitwise operators work on 32-bit integers (ECMAScript's ToInt32 / ToUint32); each value
    # below is what JavaScript gives (checked in Node), not what the evaluator happens to return.
    ("5 & 3", 1.0), ("5 | 3", 7.0), ("5 ^ 3", 6.0), ("~5", -6.0), ("~~3.7", 3.0),
    ("true & false", 0.0), ("true | false", 1.0), ("~true", -2.0), ("~false", -1.0),
    ("1 << 31", -2147483648.0), ("1 << 32", 1.0), ("-16 >> 2", -4.0), ("-1 >>> 0", 4294967295.0),
    ("-16 >>> 28", 15.0), ("2.9 | 0", 2.0), ("-2.9 | 0", -2.0), ("NaN | 0", 0.0), ("Infinity | 0", 0.0),
    ("4294967297 | 0", 1.0), ("2147483648 | 0", -2147483648.0), ("'12' & 7", 4.0), ("'abc' | 0", 0.0),
    ("null | 1", 1.0), ("0x1F & 0xF0", 16.0),
    # Precedence: shifts bind less tightly than +, comparisons more tightly than & ^ |.
    ("1 + 2 << 1", 6.0), ("5 & 3 == 3", 1.0), ("1 | 2 ^ 3 & 4", 3.0), ("6 & 3 || 9", 2.0),
    ("datum.n > 1 & datum.c == 'ICBM'", 1.0), ("datum.n > 5 | datum.c == 'SRBM'", 0.0),
])
def test_bitwise_operators_follow_javascript(text, value):
    datum = {"c": "ICBM", "n": 2.0}
    result = run(text, datum)
    assert result == value and type(result) is float


@pytest.mark.parametrize("text", ["datum.n >>= 1", "datum.n &= 1", "datum.n |= 1", "datum.n ~ 1", "datum.n & "])
def test_bitwise_assignments_and_stray_operators_are_refused(text):
    with pytest.raises(vegaexpr.Unsupported):
        run(text, {"n": 1})


def test_a_filter_with_bitwise_and_keeps_the_rows_that_logical_and_keeps():
    def kept(predicate):
        chart = BASE.transform_filter(predicate).mark_point().encode(x="d:T", y="n:Q")
        return chartdata.drawn(view_of(chart), ["y"])["y"].tolist()

    wanted = [r["n"] for r in ROWS if r["c"] == "SRBM" and r["n"] > 1]
    assert kept("datum.c == 'SRBM' && datum.n > 1") == wanted
    assert kept("datum.c == 'SRBM' & datum.n > 1") == wanted  # (true & true) is 1, truthy
    assert kept("datum.c == 'SRBM' | datum.n > 2") == [r["n"] for r in ROWS if r["c"] == "SRBM" or r["n"] > 2]
    # pandas' ~ for "not" is bitwise NOT in JavaScript: ~true is -2 and ~false is -1, both
    # truthy, so the filter keeps every row (what the chart draws), where ! drops the SRBMs.
    assert kept("~(datum.c == 'SRBM')") == [r["n"] for r in ROWS]
    assert kept("!(datum.c == 'SRBM')") == [r["n"] for r in ROWS if r["c"] != "SRBM"]


def test_a_date_compared_with_text_is_false_as_in_javascript():
    datum = {"d": vegaexpr.to_date("2019-03-01")}
    assert run("datum.d > '2019-02-28'", datum) is False
    assert run("datum.d > datetime(2019, 1, 28)", datum) is True
    assert run("'2019-03-01' > '2019-02-28'") is True  # two strings compare as text


@pytest.mark.parametrize("text", [
    "__import__('os')", "open('x')", "eval('1')", "datum.n; 1", "a = 1",
    "test(/(a+)+$/, 'aaaa')", "test(/(a|aa)*b/, 'aaaa')", "(" * 200 + "1" + ")" * 200, "now()",
])
def test_anything_outside_the_subset_is_refused_not_run(text):
    with pytest.raises(vegaexpr.Unsupported):
        run(text, {"n": 1})


def test_a_field_name_is_only_ever_a_key_of_the_row():
    assert run("datum.__class__", {"n": 1}) is vegaexpr.UNDEFINED


def view_of(chart: alt.Chart) -> chartdata.View:
    (view,) = chartdata.views(chart.to_dict())
    return view


BASE = alt.Chart(alt.InlineData(values=ROWS))


def test_time_units_keep_or_stack_the_years():
    by_month = chartdata.drawn(view_of(BASE.mark_bar().encode(x="yearmonth(d):T", y="count():Q")), ["x", "y"])
    assert sorted(by_month["x"].dt.strftime("%Y-%m")) == ["2018-01", "2018-03", "2019-01", "2019-05"]
    stacked = chartdata.drawn(view_of(BASE.mark_bar().encode(x="month(d):T", y="count():Q")), ["x", "y"])
    januaries = stacked[stacked["x"].dt.month == 1]
    assert len(januaries) == 1 and januaries["y"].iloc[0] == 2  # both Januaries at one place
    assert set(stacked["x"].dt.year) == {chartdata.DEFAULT_YEAR}


def test_transforms_are_computed_in_order():
    chart = (BASE.transform_filter("isValid(datum.c)").transform_calculate(year="year(datum.d)")
             .transform_aggregate(total="sum(n)", groupby=["year"]).mark_bar().encode(x="year:O", y="total:Q"))
    drawn = chartdata.drawn(view_of(chart), ["x", "y"]).sort_values("x")
    assert drawn["y"].tolist() == [3.0, 4.0]
    chart = BASE.transform_filter(alt.FieldEqualPredicate(field="d", timeUnit="year", equal=2019)).mark_point().encode(
        x="d:T", y="n:Q")
    assert chartdata.drawn(view_of(chart), ["x", "y"])["y"].tolist() == [4, 3]
    joined = BASE.transform_joinaggregate(most="max(n)").transform_filter("datum.n == datum.most").mark_point().encode(
        x="d:T", y="n:Q")
    assert chartdata.drawn(view_of(joined), ["y"])["y"].tolist() == [4]


def test_what_cannot_be_computed_says_why():
    windowed = BASE.transform_window(rank="rank()").mark_point().encode(x="d:T", y="rank:Q")
    with pytest.raises(chartdata.NotComputable, match="window"):
        chartdata.drawn(view_of(windowed), ["x", "y"])
    from_url = alt.Chart("launches.csv").mark_point().encode(x="d:T", y="n:Q")
    with pytest.raises(chartdata.NotComputable, match="URL"):
        chartdata.drawn(view_of(from_url), ["x", "y"])
    binned = BASE.mark_bar().encode(x=alt.X("n:Q", bin=True), y="count():Q")
    with pytest.raises(chartdata.NotComputable, match="bins"):
        chartdata.drawn(view_of(binned), ["x", "y"])


def test_a_missing_position_is_not_drawn():
    rows = [{"x": 1, "y": None}, {"x": 2, "y": 5}]
    chart = alt.Chart(alt.InlineData(values=rows)).mark_point().encode(x="x:Q", y="y:Q")
    assert chartdata.drawn(view_of(chart), ["x", "y"])["x"].tolist() == [2]


def test_floor_time_matches_vega_for_quarters_and_missing_values():
    values = pd.Series(pd.to_datetime(["2019-05-09", None]))
    floored = chartdata.floor_time(values, "yearquarter")
    assert floored.iloc[0] == pd.Timestamp("2019-04-01") and pd.isna(floored.iloc[1])
    assert math.isnan(run("year(datum.x)", {"x": None}))
