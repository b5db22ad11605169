"""How the course's charts reach the browser: drawn by JupyterLab itself, with no internet.

Altair 6's default renderer writes HTML that downloads vega, vega-lite and vega-embed from a
CDN each time a chart is shown, so in a classroom without internet every chart is blank.
JupyterLab ships its own copy of Vega-Lite (5.6.1 in JupyterLab 4.6) and draws any output of
type ``application/vnd.vegalite.v5+json`` with no network at all; it does not know the
``application/vnd.vegalite.v6.json`` type that Altair 6 would send instead. This renderer sends
the chart's specification under the v5 type, so a saved notebook holds only the specification
(and the PNG that JupyterLab adds), not a copy of the JavaScript.

The older Vega-Lite draws the course's charts, with one known exception that
``for_jupyterlab`` works around (see there). The browser test (tests/test_browser.py) proves
that every course chart draws, with its tooltips and accessible label, under that copy: when
a chart needs something newer, that test fails and says which chart.

Colab does not draw that output type, so there the renderer leaves Altair's HTML renderer on
(Colab is always online). Nothing happens on import: ``use_offline_renderer()`` switches it on.

The course website (``sh course.sh site``, tools/build_site.py) is drawn by no JupyterLab:
when the build sets ``SUMMITLAB_RENDERER=site`` in the kernel's environment, charts leave as
HTML that holds only the specification (``site_bundle``); the site's own copies of vega,
vega-lite and vega-embed, loaded once per page, draw them (site/summitlab-charts.js).
"""

from __future__ import annotations

import copy
import html
import json
import math
import os
import sys
from typing import Any

import altair as alt

RENDERER_NAME = "summitlab"
SITE_RENDERER_NAME = "summitlab-site"
# Set by tools/build_site.py for the kernels that execute the website's notebooks.
RENDERER_ENV_VAR = "SUMMITLAB_RENDERER"
SITE_CHART_CLASS = "summitlab-chart"
MIME_TYPE = "application/vnd.vegalite.v5+json"
# SVG rather than canvas: every mark becomes an element with its own aria label. No actions
# menu: its button has no accessible name (axe-core: summary-name, tests/test_a11y.py).
EMBED_OPTIONS = {"renderer": "svg", "actions": False}
_COMPOSITIONS = ("layer", "concat", "hconcat", "vconcat")


def _unit_views(spec: dict):
    """Every named single view in a layered, concatenated or faceted specification.

    Repeated views are left out: Vega-Lite renames them, so a selection cannot move into them.
    """
    if "mark" in spec and "name" in spec:
        yield spec
    for key in _COMPOSITIONS:
        for child in spec.get(key, []):
            yield from _unit_views(child)
    if "facet" in spec and isinstance(spec.get("spec"), dict):
        yield from _unit_views(spec["spec"])


def for_jupyterlab(spec: dict) -> dict:
    """The specification with each top-level selection moved into the one view it belongs to.

    Altair puts the selections of a layered or faceted chart at the top level, each naming its
    view. JupyterLab's Vega-Lite 5.6.1 then fails with "Duplicate signal name" when that view
    is a line with ``point=True`` (vega-lite issue 7854); a selection defined in the view
    itself means the same and works. Specifications without such selections come back as they
    are; the chart's own specification is never changed.
    """
    views = {}
    for view in _unit_views(spec):
        views.setdefault(view["name"], []).append(view)
    movable = [
        param for param in spec.get("params", [])
        if "select" in param and len(param.get("views", [])) == 1
        and len(views.get(param["views"][0], [])) == 1
    ]
    if not movable:
        return spec
    # Copy only what changes: the data sets can be large.
    spec = {key: copy.deepcopy(value) if key in (*_COMPOSITIONS, "spec", "params") else value
            for key, value in spec.items()}
    targets = {view["name"]: view for view in _unit_views(spec)}
    kept = []
    for param in spec["params"]:
        if param in movable:
            view_params = targets[param["views"][0]].setdefault("params", [])
            view_params.append({key: value for key, value in param.items() if key != "views"})
        else:
            kept.append(param)
    if kept:
        spec["params"] = kept
    else:
        del spec["params"]
    return spec


def without_nan(value: Any) -> Any:
    """``value`` with every NaN or infinite float replaced by None (JSON null).

    Missing values in a chart's data otherwise reach the browser as ``NaN``, which is not JSON,
    and the chart does not draw. Vega-Lite treats null as missing, which is what NaN meant.
    """
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: without_nan(item) for key, item in value.items()}
    if isinstance(value, list):
        return [without_nan(item) for item in value]
    return value


def chart_bundle(spec: dict, **options: Any) -> tuple[dict, dict]:
    """The MIME bundle and metadata for one chart specification (an Altair renderer)."""
    embed_options = {**EMBED_OPTIONS, **options.pop("embed_options", {})}
    # Frontends that cannot draw the chart show this text instead: its alt text.
    alt_text = spec.get("description") or "Chart without a description"
    bundle = {MIME_TYPE: for_jupyterlab(without_nan(spec)), "text/plain": f"<Chart: {alt_text}>"}
    return bundle, {MIME_TYPE: {**options, "embed_options": embed_options}}


def site_bundle(spec: dict, **options: Any) -> dict:
    """The MIME bundle for one chart on the course website: HTML with the specification.

    No script is loaded here: the site's pages load vega-embed once, and its script
    (site/summitlab-charts.js) draws every element of class ``summitlab-chart`` from the JSON
    inside it, as SVG, and labels the drawing with the chart's description.
    """
    alt_text = spec.get("description") or "Chart without a description"
    # "</" never appears inside the script element, so no text can close it early.
    data = json.dumps(without_nan(spec), allow_nan=False).replace("</", "<\\/")
    label = html.escape(alt_text, quote=True)
    markup = (
        f'<figure class="{SITE_CHART_CLASS}">'
        f'<div class="{SITE_CHART_CLASS}-view"></div>'
        f'<script type="application/json" class="{SITE_CHART_CLASS}-spec">{data}</script>'
        f'<noscript><p>Chart: {label}</p></noscript>'
        "</figure>"
    )
    return {"text/html": markup, "text/plain": f"<Chart: {alt_text}>"}


def in_colab() -> bool:
    return "google.colab" in sys.modules


def use_offline_renderer() -> str:
    """Make Altair hand its charts to JupyterLab's own Vega-Lite; return the renderer's name."""
    if in_colab():
        alt.renderers.enable("colab")
        return "colab"
    if os.environ.get(RENDERER_ENV_VAR) == "site":
        if SITE_RENDERER_NAME not in alt.renderers.names():
            alt.renderers.register(SITE_RENDERER_NAME, site_bundle)
        alt.renderers.enable(SITE_RENDERER_NAME)
        return SITE_RENDERER_NAME
    if RENDERER_NAME not in alt.renderers.names():
        alt.renderers.register(RENDERER_NAME, chart_bundle)
    alt.renderers.enable(RENDERER_NAME)
    return RENDERER_NAME
