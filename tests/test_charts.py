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


EXPOSURES = pd.DataFrame({
    "roadmap_id": ["a"] * 4 + ["b"] * 4,
    "step": [0, 0, 1, 1] * 2,
    "party": ["US", "DPRK"] * 4,
    "exposure": [0, 0, 1, -2, 0, 0, -1, 3],
    "action": ["start", "start", "x", "x", "start", "start", "y", "y"],
})


def test_exposure_chart_with_a_menu_filters_one_road_map_at_a_time():
    spec = charts.exposure_chart(EXPOSURES, title="T", description="D", menu=True,
                                 roadmaps=["b", "a"], labels={"b": "Bee"}).to_dict()
    assert spec["title"] == "T" and spec["description"] == "D"
    (param,) = spec["params"]
    assert param["bind"]["options"] == ["b", "a"] and param["bind"]["labels"] == ["Bee", "a"]
    assert param["value"] == [{"roadmap_id": "b"}]
    assert spec["transform"] == [{"filter": {"param": param["name"]}}]
    encoding = spec["encoding"]
    assert (encoding["x"]["type"], encoding["y"]["type"]) == ("ordinal", "quantitative")
    assert encoding["strokeDash"]["field"] == encoding["color"]["field"] == "party"
    assert encoding["y"]["scale"]["domain"] == [-3, 4]  # one point of room below -2 and above 3
    assert [t["title"] for t in encoding["tooltip"]][:2] == ["Road map", "Step"]


def test_exposure_chart_panels_facet_by_road_map_with_a_legend_selection():
    spec = charts.exposure_chart(EXPOSURES, title="T", description="D", roadmaps=["a", "b"],
                                 labels={"a": "Ay", "b": "Bee"}).to_dict()
    assert spec["facet"]["column"]["field"] == "road_map"
    assert spec["facet"]["column"]["sort"] == ["Ay", "Bee"]
    assert spec["spec"]["encoding"]["opacity"]["condition"][0]["value"] == 1
    assert any(p.get("bind") == "legend" for p in spec["params"])
    assert spec["description"] == "D"


def test_exposure_chart_panels_offer_a_keyboard_menu_for_the_party():
    spec = charts.exposure_chart(EXPOSURES, title="T", description="D", roadmaps=["a", "b"]).to_dict()
    (menu,) = [p for p in spec["params"] if isinstance(p.get("bind"), dict)]
    assert menu["bind"]["input"] == "select" and menu["select"]["fields"] == ["party"]
    # "All" (no pick) first, then each party of the table.
    assert menu["bind"]["options"] == [None, "DPRK", "US"]
    assert menu["bind"]["labels"] == ["All", "DPRK", "US"]
    (legend,) = [p for p in spec["params"] if p.get("bind") == "legend"]
    # A mark stays bright only when both the legend and the menu allow it.
    test = spec["spec"]["encoding"]["opacity"]["condition"][0]["test"]
    assert test == {"and": [{"param": legend["name"]}, {"param": menu["name"]}]}


def test_exposure_chart_explains_bad_input():
    import pytest
    with pytest.raises(ValueError, match="action"):
        charts.exposure_chart(EXPOSURES.drop(columns="action"), title="T", description="D")
    with pytest.raises(ValueError, match="road map"):
        charts.exposure_chart(EXPOSURES, title="T", description="D", roadmaps=["c"])


def test_legend_or_menu_offers_all_then_each_value_and_skips_missing_ones():
    table = pd.DataFrame({"kind": ["b", None, "a", "b"]})
    legend, menu = charts.legend_or_menu(table, "kind", "Kind")
    legend, menu = legend.param.to_dict(), menu.param.to_dict()
    assert legend["bind"] == "legend" and legend["select"]["fields"] == ["kind"]
    assert menu["bind"]["input"] == "select" and menu["bind"]["name"] == "Kind: "
    assert menu["bind"]["options"] == [None, "a", "b"]
    assert menu["bind"]["labels"] == ["All", "a", "b"]
