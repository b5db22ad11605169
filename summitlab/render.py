"""How the course's charts reach the browser: drawn by JupyterLab itself, with no internet.

Altair 6's default renderer writes HTML that downloads vega, vega-lite and vega-embed from a
CDN each time a chart is shown, so in a classroom without internet every chart is blank.
JupyterLab ships its own copy of Vega-Lite (5.6.1 in JupyterLab 4.6) and draws any output of
type ``application/vnd.vegalite.v5+json`` with no network at all; it does not know the
``application/vnd.vegalite.v6.json`` type that Altair 6 would send instead. This renderer sends
the chart's specification under the v5 type. The browser test (tests/test_browser.py) proves
that every course chart draws, with its tooltips and accessible label, under that copy.

Colab does not draw that output type, so there the renderer leaves Altair's HTML renderer on
(Colab is always online). Nothing happens on import: ``use_offline_renderer()`` switches it on.
"""

from __future__ import annotations

import sys
from typing import Any

import altair as alt

RENDERER_NAME = "summitlab"
MIME_TYPE = "application/vnd.vegalite.v5+json"
# SVG rather than canvas: every mark becomes an element with its own aria label.
EMBED_OPTIONS = {"renderer": "svg"}


def chart_bundle(spec: dict, **options: Any) -> tuple[dict, dict]:
    """The MIME bundle and metadata for one chart specification (an Altair renderer)."""
    embed_options = {**EMBED_OPTIONS, **options.pop("embed_options", {})}
    # Frontends that cannot draw the chart show this text instead: its alt text.
    alt_text = spec.get("description") or "Chart without a description"
    bundle = {MIME_TYPE: spec, "text/plain": f"<Chart: {alt_text}>"}
    return bundle, {MIME_TYPE: {**options, "embed_options": embed_options}}


def in_colab() -> bool:
    return "google.colab" in sys.modules


def use_offline_renderer() -> str:
    """Make Altair hand its charts to JupyterLab's own Vega-Lite; return the renderer's name."""
    if in_colab():
        alt.renderers.enable("colab")
        return "colab"
    if RENDERER_NAME not in alt.renderers.names():
        alt.renderers.register(RENDERER_NAME, chart_bundle)
    alt.renderers.enable(RENDERER_NAME)
    return RENDERER_NAME
