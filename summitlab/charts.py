"""Chart builders used by two or more lessons.

The course's signature chart is the *annotated timeline*: a chart over time with the main
diplomatic events drawn as vertical rules, labelled, with a tooltip on each.

    base = alt.Chart(monthly).mark_bar().encode(x="month:T", y="launches:Q", ...)
    sl.charts.annotated_timeline(base, key_events, title="...", description="...")
"""

from __future__ import annotations

import altair as alt
import pandas as pd

RULE_COLOUR = "#444444"


def _levels(dates: pd.Series, levels: int) -> list[int]:
    """Stagger labels over ``levels`` rows so that neighbouring labels do not overlap."""
    order = dates.rank(method="first").astype(int) - 1
    return [int(rank) % levels for rank in order]


def annotations(
    events: pd.DataFrame,
    *,
    date: str = "date",
    label: str = "label",
    detail: str | None = "summary",
    levels: int = 3,
) -> alt.LayerChart:
    """Rules and labels for ``events`` (one row per event, a date column and a short label)."""
    table = events[[c for c in (date, label, detail) if c and c in events.columns]].copy()
    table["label_level"] = _levels(table[date], levels)
    tooltip = [alt.Tooltip(f"{date}:T", title="Date", format="%d %b %Y"),
               alt.Tooltip(f"{label}:N", title="Event")]
    if detail and detail in table.columns:
        tooltip.append(alt.Tooltip(f"{detail}:N", title="What happened"))
    base = alt.Chart(table)
    rules = base.mark_rule(color=RULE_COLOUR, strokeDash=[4, 3]).encode(
        x=alt.X(f"{date}:T"), tooltip=tooltip
    )
    labels = base.mark_text(align="left", dx=3, fontSize=11, color=RULE_COLOUR).encode(
        x=alt.X(f"{date}:T"),
        y=alt.Y("label_level:Q").axis(None).scale(domain=[-0.5, levels - 0.5], reverse=True),
        text=alt.Text(f"{label}:N"),
        tooltip=tooltip,
    )
    return alt.layer(rules, labels)


def annotated_timeline(
    base: alt.Chart,
    events: pd.DataFrame,
    *,
    title: str,
    description: str,
    **options,
) -> alt.LayerChart:
    """``base`` (a chart with a temporal x axis) with ``events`` drawn over it as labelled rules."""
    return (
        alt.layer(base, annotations(events, **options))
        .resolve_scale(y="independent")
        .properties(title=title, description=description)
    )
