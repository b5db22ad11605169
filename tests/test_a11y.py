"""Accessibility beyond our own checks: axe-core on every lesson as JupyterLab shows it, and
no chart whose meaning rests on colour alone.

* axe-core (the npm package, site/node_modules) runs in Chromium on each lesson after Run All,
  with every request beyond this machine blocked: the lesson itself (the notebook's cells and
  outputs, charts included) must have no serious or critical violation, but for one upstream
  problem named in KNOWN_IN_JUPYTERLAB. JupyterLab's own interface around it (code editors,
  toolbars) is checked too and reported, not failed: it is not the course's to fix.
  Reports: test-artifacts/a11y/jupyterlab.md and .json. The site's pages are checked in
  tests/test_site.py.
* Colour alone: every chart the lessons and the model answers draw, collected from the site
  build (tests/site_build.py, which executes them all), is checked: each colour encoding of a
  nominal field must be doubled by shape, stroke dash, text, a position axis or a facet; filled
  against hollow marks count only if the hollow ones (and their legend symbol) have an outline.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import altair as alt
import pytest

import axe_check
import lab_browser
import site_build

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))

_MISSING = lab_browser.missing_requirements() or (
    None if axe_check.AXE.exists() else site_build.NPM_HINT)
needs_browser = pytest.mark.skipif(_MISSING is not None and not os.environ.get("CI"),
                                   reason=_MISSING or "")

# What the lesson itself puts on the page: its rendered text and its cells' outputs. The code
# editors and the notebook's list around them are JupyterLab's (checked and reported only).
LESSON_PARTS = (".jp-MarkdownOutput", ".jp-OutputArea-output")
# Vega-Lite draws an interval selection's brush as marks with a role and no label; the course
# site hides them from screen readers (site/summitlab-charts.js), JupyterLab's renderer cannot.
KNOWN_IN_JUPYTERLAB = {"svg-img-alt": "_brush"}

# Channels that carry a nominal field's values in something other than colour.
DOUBLING_CHANNELS = ("shape", "strokeDash", "text", "row", "column", "facet", "x", "y")
COLOUR_CHANNELS = ("color", "fill", "stroke")


def _field(channel) -> tuple[str | None, str | None]:
    """The field and type a channel encodes, looking inside a condition (a selection)."""
    if not isinstance(channel, dict):
        return None, None
    if "field" in channel:
        return channel["field"], channel.get("type")
    conditions = channel.get("condition")
    for condition in conditions if isinstance(conditions, list) else [conditions]:
        if isinstance(condition, dict) and "field" in condition:
            return condition["field"], condition.get("type")
    return None, None


def _facet_fields(spec: dict) -> set[str]:
    facet = spec.get("facet")
    if not isinstance(facet, dict):
        return set()
    fields = {facet["field"]} if "field" in facet else set()
    return fields | {facet[key]["field"] for key in ("row", "column")
                     if isinstance(facet.get(key), dict) and "field" in facet[key]}


def _views(spec: dict, inherited: dict, doubled: frozenset):
    """Every single view with its full encoding and the fields that views around it double."""
    encoding = {**inherited, **spec.get("encoding", {})}
    doubled = doubled | _facet_fields(spec)
    if "layer" in spec:
        # A text layer (or shapes or dashes) doubles the colour of the layers beside it.
        for child in spec["layer"]:
            child_encoding = {**encoding, **child.get("encoding", {})}
            doubled |= {_field(child_encoding.get(channel))[0] for channel in
                        ("text", "shape", "strokeDash")} - {None}
        for child in spec["layer"]:
            yield from _views(child, encoding, doubled)
    for key in ("concat", "hconcat", "vconcat"):
        for child in spec.get(key, []):
            yield from _views(child, {}, doubled)
    if isinstance(spec.get("spec"), dict):
        yield from _views(spec["spec"], encoding, doubled)
    if "mark" in spec:
        yield spec, encoding, doubled


def _data_sets(spec: dict):
    """Every table of values in a specification (named data sets and inline data)."""
    yield from spec.get("datasets", {}).values()
    stack = [spec]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            data = node.get("data")
            if isinstance(data, dict) and isinstance(data.get("values"), list):
                yield data["values"]
            stack += [value for key, value in node.items() if key != "datasets"]
        elif isinstance(node, list):
            stack += node


def _named_in_axis_labels(spec: dict, field: str, encoding: dict) -> bool:
    """Whether a position axis's labels spell out the colour's value on every row of the data
    (an axis of "2019-02 · Estimator" labels names the estimator in text)."""
    rows = [row for values in _data_sets(spec) for row in values
            if isinstance(row, dict) and row.get(field) is not None]
    for channel in ("x", "y"):
        axis_field, kind = _field(encoding.get(channel))
        if not rows or axis_field is None or kind not in ("nominal", "ordinal"):
            continue
        if all(str(row[field]) in str(row.get(axis_field, "")) for row in rows):
            return True
    return False


def _filled_or_open(definition) -> bool:
    """A fill scale with two values, one of them transparent: filled and hollow marks."""
    scale = definition.get("scale", {}) if isinstance(definition, dict) else {}
    values = [str(v).lower() for v in scale.get("range", [])] if isinstance(scale.get("range"), list) else []
    return len(values) == 2 and sum(v in ("transparent", "none") for v in values) == 1


def _outlined(view: dict, definition) -> bool:
    """Whether hollow marks and their legend symbol have an outline: a stroke set on the mark (the
    legend's symbols take it) or on the fill legend's symbols. Without one the hollow value's
    legend entry is invisible."""
    mark = view["mark"] if isinstance(view["mark"], dict) else {}
    legend = definition.get("legend") if isinstance(definition, dict) else None
    return bool(mark.get("stroke")) or bool(isinstance(legend, dict)
                                             and legend.get("symbolStrokeColor"))


def colour_alone(spec: dict) -> list[str]:
    """Each view of a chart where colour alone tells a nominal field's values apart."""
    found = []
    for view, encoding, doubled in _views(spec, {}, frozenset()):
        others = {_field(encoding.get(channel))[0] for channel in DOUBLING_CHANNELS}
        for channel in COLOUR_CHANNELS:
            field, kind = _field(encoding.get(channel))
            if field is None or kind != "nominal" or field in others or field in doubled:
                continue
            if _named_in_axis_labels(spec, field, encoding):
                continue
            mark = view["mark"]["type"] if isinstance(view["mark"], dict) else view["mark"]
            if channel == "fill" and _filled_or_open(encoding[channel]):
                # filled against hollow marks: a difference of shape, not of hue, if one sees it
                if not _outlined(view, encoding[channel]):
                    found.append(f"{mark} marks: the hollow {field!r} symbol has no outline")
                continue
            found.append(f"{mark} marks: only colour ({channel}) shows {field!r}")
    return found


_TRACKS = alt.Data(values=[{"t": 1, "n": 2, "track": "a"}, {"t": 2, "n": 3, "track": "b"}])


@pytest.mark.parametrize("chart, alone", [
    (alt.Chart(_TRACKS).mark_line().encode(x="t:Q", y="n:Q", color="track:N"), True),
    (alt.Chart(_TRACKS).mark_line().encode(x="t:Q", y="n:Q", color="track:N",
                                           strokeDash="track:N"), False),
    (alt.Chart(_TRACKS).mark_point().encode(x="t:Q", y="n:Q", color="track:N",
                                            shape="track:N"), False),
    (alt.Chart(_TRACKS).mark_bar().encode(x="n:Q", y="track:N", color="track:N"), False),
    (alt.Chart(_TRACKS).mark_line().encode(x="t:Q", y="n:Q", color="track:N")
     .facet(row="track:N"), False),
    (alt.layer(alt.Chart(_TRACKS).mark_line().encode(x="t:Q", y="n:Q", color="track:N"),
               alt.Chart(_TRACKS).mark_text().encode(x="t:Q", y="n:Q", text="track:N")), False),
    (alt.Chart(_TRACKS).mark_line().encode(x="t:Q", y="n:Q", color="n:Q"), False),  # a scale
    (alt.Chart(_TRACKS).mark_point().encode(x="t:Q", y="n:Q", color=alt.when(
        alt.selection_point(fields=["track"])).then("track:N").otherwise(alt.value("grey"))),
     True),
    (alt.Chart(alt.Data(values=[{"n": 2, "track": "east", "label": "May · east"}])).mark_bar().encode(
        x="n:Q", y="label:N", color="track:N"), False),  # the axis labels name the track
    (alt.Chart(alt.Data(values=[{"n": 2, "track": "east", "label": "May"}])).mark_bar().encode(
        x="n:Q", y="label:N", color="track:N"), True),
    (alt.Chart(_TRACKS).mark_point().encode(x="t:Q", y="n:Q", fill=alt.Fill("track:N").scale(
        range=["#555555", "transparent"]).legend(symbolStrokeColor="#555555")),
     False),  # filled against hollow, the legend's hollow symbol outlined
    (alt.Chart(_TRACKS).mark_bar(stroke="#4c78a8").encode(x="t:Q", y="n:Q", fill=alt.Fill(
        "track:N").scale(range=["#4c78a8", "transparent"])), False),  # the mark's own outline
    (alt.Chart(alt.Data(values=[{"t": 1, "n": 2, "track": "a", "variant": "early"},
                                {"t": 2, "n": 3, "track": "a", "variant": "late"}])).mark_point().encode(
        x="t:Q", y="n:Q", color="track:N", shape="track:N",
        fill=alt.Fill("variant:N").scale(range=["#555555", "transparent"])),
     True),  # lesson 04 before: the hollow value's legend entry was invisible
    (alt.Chart(_TRACKS).mark_point().encode(x="t:Q", y="n:Q", fill=alt.Fill("track:N").scale(
        range=["#555555", "#E69F00"])), True),  # two fill colours
    (alt.hconcat(alt.Chart(_TRACKS).mark_point().encode(x="t:Q", y="n:Q", shape="track:N"),
                 alt.Chart(_TRACKS).mark_bar().encode(x="t:Q", y="n:Q", color="track:N")), True),
])
def test_the_colour_check_tells_doubled_colour_from_colour_alone(chart, alone):
    assert bool(colour_alone(chart.to_dict())) is alone


def test_no_chart_of_the_lessons_or_solutions_rests_on_colour_alone():
    if site_build.missing_requirements() and not os.environ.get("CI"):
        pytest.skip(site_build.missing_requirements())
    specs = site_build.built_site().chart_specs()
    assert any(page.startswith("notebooks/") for page in specs)
    assert any(page.startswith("exercises/solutions/") for page in specs)
    found = [f"{page}, chart {n} ({spec.get('description', '')[:70]}...): {problem}"
             for page, page_specs in specs.items() for n, spec in enumerate(page_specs, 1)
             for problem in colour_alone(spec)]
    assert not found, "\n".join(found)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if _MISSING:
        pytest.fail(_MISSING)
    work = tmp_path_factory.mktemp("a11y")
    root = work / "root"
    (root / "notebooks").mkdir(parents=True)
    for lesson in LESSONS:
        shutil.copyfile(lesson, root / "notebooks" / lesson.name)
    (root / "data").symlink_to(ROOT / "data")
    with lab_browser.LabServer(root, work / "server") as server:
        yield server


@pytest.fixture(scope="module")
def browser(lab):
    with lab_browser.Browser(lab) as browser:
        yield browser


@pytest.fixture(scope="module")
def report():
    results: dict[str, list[dict]] = {}
    yield results
    axe_check.write_report("jupyterlab", results)


def _lesson_view(browser, path: str, run_timeout: float = 300.0) -> str:
    """Open and run a lesson as a student does; return its panel's id once its charts drew."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = browser.page
    panel_id = page.evaluate(lab_browser._RUN_ALL, [path, run_timeout * 1000])
    try:
        page.wait_for_function(lab_browser._KERNEL_IDLE, arg=panel_id,
                               timeout=run_timeout * 1000)
        page.wait_for_function(lab_browser._ALL_DRAWN, arg=panel_id, timeout=20_000)
    except PlaywrightTimeout:
        pass  # axe checks what is there; test_browser.py says what did not draw
    return panel_id


@needs_browser
@pytest.mark.parametrize("lesson", LESSONS, ids=[path.name for path in LESSONS])
def test_axe_finds_no_serious_violation_in_the_lesson_view(browser, report, lesson):
    path = f"notebooks/{lesson.name}"
    panel_id = _lesson_view(browser, path)
    try:
        in_lesson = axe_check.run_axe(browser.page, [f"#{panel_id} {part}" for part in LESSON_PARTS])
        whole_page = axe_check.run_axe(browser.page)
    finally:
        browser.page.evaluate(lab_browser._CLOSE, panel_id)
    report[f"{path} (the lesson)"] = in_lesson
    report[f"{path} (JupyterLab around it, not failed)"] = whole_page
    assert not browser.blocked, browser.blocked
    problems = axe_check.failing(in_lesson, known=KNOWN_IN_JUPYTERLAB)
    assert not problems, f"{path}:\n  " + "\n  ".join(problems)
