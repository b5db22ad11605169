import altair as alt
import pandas as pd

from summitlab import charts

EVENTS = pd.DataFrame({
    "date": pd.to_datetime(["2018-04-27", "2018-06-12", "2019-02-27", "2019-06-30"]),
    "label": ["Panmunjom", "Singapore", "Hanoi", "DMZ"],
    "summary": ["a", "b", "c", "d"],
})


def test_annotated_timeline_layers_rules_and_labels_over_the_base():
    base = alt.Chart(pd.DataFrame({"month": pd.to_datetime(["2018-01-01"]), "n": [1]})).mark_bar().encode(
        x="month:T", y="n:Q")
    spec = charts.annotated_timeline(base, EVENTS, title="T", description="D").to_dict()
    assert spec["title"] == "T" and spec["description"] == "D"
    marks = [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
             for layer in spec["layer"][1]["layer"]]
    assert marks == ["rule", "text"]
    rule = spec["layer"][1]["layer"][0]["encoding"]
    assert rule["x"]["type"] == "temporal"
    assert [t["title"] for t in rule["tooltip"]] == ["Date", "Event", "What happened"]


def test_neighbouring_labels_sit_on_different_levels():
    levels = charts._levels(EVENTS["date"], 3)
    assert levels == [0, 1, 2, 0]
    assert all(a != b for a, b in zip(levels, levels[1:]))
