"""The course's Altair theme: a colour-blind-safe palette and readable type.

Palette: Okabe & Ito's eight colours (Okabe and Ito, "Color Universal Design", 2008), chosen
because they stay distinguishable under the common forms of colour-vision deficiency. Charts
still never rest meaning on colour alone: marks differ by shape or label too.
"""

from __future__ import annotations

import altair as alt

from summitlab.render import use_offline_renderer

THEME_NAME = "summitlab"

# Okabe-Ito, in the order they are handed out to categories.
PALETTE = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)
SHAPES = ("circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "stroke", "wedge")
FONT = "Source Sans Pro, Helvetica, Arial, sans-serif"
LABEL_SIZE = 12
TITLE_SIZE = 16


def _config() -> dict:
    axis = {
        "labelFontSize": LABEL_SIZE,
        "titleFontSize": LABEL_SIZE + 1,
        "labelFont": FONT,
        "titleFont": FONT,
        "gridColor": "#e6e6e6",
    }
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": 560, "continuousHeight": 300, "stroke": None},
            "title": {"fontSize": TITLE_SIZE, "font": FONT, "anchor": "start"},
            "axis": axis,
            "legend": {"labelFontSize": LABEL_SIZE, "titleFontSize": LABEL_SIZE + 1},
            "header": {"labelFontSize": LABEL_SIZE, "titleFontSize": LABEL_SIZE + 1},
            "range": {"category": list(PALETTE), "shape": list(SHAPES)},
            "mark": {"color": PALETTE[0]},
        }
    }


def use_theme() -> str:
    """Register the course theme (once), make it the active Altair theme, and draw charts
    with JupyterLab's own copy of Vega-Lite so that they render with no internet
    (see :mod:`summitlab.render`). In a notebook it also switches on the plain-language
    line above common errors (:func:`summitlab.errors.explain_errors`; off with
    ``sl.explain_errors(False)``).

    Call it once, at the top of a notebook. Returns the theme's name.
    """
    if THEME_NAME not in alt.theme.names():
        alt.theme.register(THEME_NAME, enable=False)(_config)
    alt.theme.enable(THEME_NAME)
    use_offline_renderer()
    from summitlab.errors import explain_errors

    explain_errors()
    return THEME_NAME
