"""The Gantt chart builder, checked on its specification."""

import pandas as pd
import pytest

from summitlab import charts

STEPS = pd.DataFrame({
    "step": ["Freeze tests", "Declare stocks", "Inspect sites"],
    "phase": ["halt", "roll back", "roll back"],
    "start": [0.0, 0.5, 1.0],
    "end": [0.5, 1.0, 3.0],
    "actor": ["DPRK", "DPRK", "IAEA"],
})


def _bars(spec):
    return spec["layer"][0]


def test_bars_run_from_start_to_end_with_explicit_types():
    spec = charts.gantt(STEPS, title="Plan", description="A plan.").to_dict()
    enc = _bars(spec)["encoding"]
    assert _bars(spec)["mark"]["type"] == "bar"
    assert (enc["x"]["field"], enc["x"]["type"]) == ("start", "quantitative")
    assert enc["x2"]["field"] == "end"
    assert enc["color"]["field"] == "phase" and enc["color"]["type"] == "nominal"
    assert spec["title"] == "Plan" and spec["description"] == "A plan."


def test_steps_keep_the_order_of_the_table_and_carry_titled_tooltips():
    spec = charts.gantt(STEPS, title="T", description="D", details=("actor",)).to_dict()
    shared = spec["layer"][0]["encoding"]
    assert shared["y"]["sort"] == ["Freeze tests", "Declare stocks", "Inspect sites"]
    assert [t["title"] for t in shared["tooltip"]] == ["Step", "Phase", "Starts", "Ends", "Actor"]


def test_each_bar_is_labelled_with_its_phase_so_colour_is_not_the_only_cue():
    spec = charts.gantt(STEPS, title="T", description="D").to_dict()
    text = spec["layer"][1]
    assert text["mark"]["type"] == "text" and text["encoding"]["text"]["field"] == "phase"


def test_datetime_columns_give_a_temporal_axis():
    dated = STEPS.assign(start=pd.to_datetime(["2018-04-21", "2018-06-12", "2019-01-01"]),
                         end=pd.to_datetime(["2018-06-12", "2018-12-31", "2019-12-31"]))
    spec = charts.gantt(dated, title="T", description="D", x_title="Date").to_dict()
    assert _bars(spec)["encoding"]["x"]["type"] == "temporal"


def test_a_missing_column_or_a_backwards_step_is_refused():
    with pytest.raises(ValueError, match="lacks"):
        charts.gantt(STEPS.drop(columns="phase"), title="T", description="D")
    with pytest.raises(ValueError, match="ends before"):
        charts.gantt(STEPS.assign(end=[0.5, 0.2, 3.0]), title="T", description="D")
