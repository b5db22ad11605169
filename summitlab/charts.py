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
    """``base`` (a chart with a temporal x axis) with ``events`` drawn over it as labelled rules.

    Give ``base`` an explicit height (``.properties(height=...)``) when its y axis is
    categorical: otherwise the rules layer has no height to span.
    """
    return (
        alt.layer(base, annotations(events, **options))
        .resolve_scale(y="independent")
        .properties(title=title, description=description)
    )


def gantt(
    steps: pd.DataFrame,
    *,
    title: str,
    description: str,
    task: str = "step",
    start: str = "start",
    end: str = "end",
    group: str = "phase",
    x_title: str = "Years after the agreement",
    details: tuple[str, ...] = (),
) -> alt.LayerChart:
    """A Gantt chart of a phased plan: one bar per row of ``steps``, from ``start`` to ``end``.

    ``steps`` is a step table (one row per step) with a task name, a group (the phase), and
    start and end columns: numbers (years after an agreement) or datetimes (then the axis is
    temporal). Steps are listed top to bottom in the order of the table; each bar is coloured
    by its group and labelled with it, so the reading never rests on colour alone. ``details``
    names extra columns to show in the tooltip.
    """
    needed = [task, start, end, group, *details]
    missing = [column for column in needed if column not in steps.columns]
    if missing:
        raise ValueError(f"the step table lacks the column(s): {', '.join(missing)}")
    if (steps[end] < steps[start]).any():
        raise ValueError(f"a step ends before it starts: check the {start!r} and {end!r} columns")
    kind = "T" if pd.api.types.is_datetime64_any_dtype(steps[start]) else "Q"
    table = steps[needed].reset_index(drop=True)
    order = list(dict.fromkeys(table[task]))
    tooltip = [
        alt.Tooltip(f"{task}:N", title="Step"),
        alt.Tooltip(f"{group}:N", title="Phase"),
        alt.Tooltip(f"{start}:{kind}", title="Starts"),
        alt.Tooltip(f"{end}:{kind}", title="Ends"),
        *[alt.Tooltip(f"{column}:N", title=column.replace("_", " ").capitalize()) for column in details],
    ]
    base = alt.Chart(table).encode(
        y=alt.Y(f"{task}:N").title("Step").sort(order).axis(labelLimit=320),
        tooltip=tooltip,
    )
    bars = base.mark_bar(cornerRadius=2).encode(
        x=alt.X(f"{start}:{kind}").title(x_title),
        x2=alt.X2(f"{end}"),
        color=alt.Color(f"{group}:N").title("Phase").sort(list(dict.fromkeys(table[group]))),
    )
    labels = base.mark_text(align="left", dx=4, fontSize=10, color=RULE_COLOUR).encode(
        x=alt.X(f"{end}:{kind}"),
        text=alt.Text(f"{group}:N"),
    )
    return alt.layer(bars, labels).properties(title=title, description=description)


EXPOSURE_COLUMNS = ("roadmap_id", "step", "party", "exposure", "action")


def exposure_chart(
    exposures: pd.DataFrame,
    *,
    title: str,
    description: str,
    roadmaps: list[str] | None = None,
    labels: dict[str, str] | None = None,
    menu: bool = False,
    width: int = 280,
    height: int = 240,
) -> alt.Chart | alt.FacetChart:
    """Each party's exposure after each step of one or more road maps (lessons 04 and 06).

    ``exposures`` is the tidy table of ``summitlab.models.roadmaps_data.exposures`` (one row per
    road map, step and party). With ``menu=True`` one chart shows one road map at a time, picked
    in a drop-down menu under it (the first of ``roadmaps`` to begin with); otherwise each road
    map gets its own panel, side by side, and a party is picked out by clicking it in the legend
    or by choosing it in the "Party" menu under the chart (keyboard too: ``legend_or_menu``). Lines
    differ by colour and dash, so the reading never rests on colour alone. ``labels`` renames the
    road maps for panel titles and tooltips.
    """
    missing = [column for column in EXPOSURE_COLUMNS if column not in exposures.columns]
    if missing:
        raise ValueError(f"the exposure table lacks the column(s): {', '.join(missing)}")
    roadmaps = list(dict.fromkeys(exposures["roadmap_id"])) if roadmaps is None else list(roadmaps)
    unknown = [name for name in roadmaps if name not in set(exposures["roadmap_id"])]
    if unknown:
        raise ValueError(f"no exposure rows for road map(s): {', '.join(unknown)}")
    labels = {name: (labels or {}).get(name, name) for name in roadmaps}
    table = (exposures[exposures["roadmap_id"].isin(roadmaps)][list(EXPOSURE_COLUMNS)]
             .assign(road_map=lambda t: t["roadmap_id"].map(labels)))
    tooltip = [
        alt.Tooltip("road_map:N", title="Road map"),
        alt.Tooltip("step:O", title="Step"),
        alt.Tooltip("party:N", title="Party"),
        alt.Tooltip("exposure:Q", title="Exposure (points)"),
        alt.Tooltip("action:N", title="Step just taken"),
    ]
    low, high = float(table["exposure"].min()), float(table["exposure"].max())
    base = alt.Chart(table).mark_line(point=True).encode(
        x=alt.X("step:O").title("Step of the road map (0 = start)"),
        y=alt.Y("exposure:Q").title("Exposure (points given − points received)").scale(domain=[low - 1, high + 1]),
        color=alt.Color("party:N").title("Party"),
        strokeDash=alt.StrokeDash("party:N").title("Party"),
        tooltip=tooltip,
    )
    if menu:
        pick = alt.selection_point(
            fields=["roadmap_id"], value=[{"roadmap_id": roadmaps[0]}],
            bind=alt.binding_select(options=roadmaps, labels=[labels[n] for n in roadmaps], name="Road map: "),
        )
        return (base.add_params(pick).transform_filter(pick)
                .properties(title=title, description=description, width=width, height=height))
    pick, pick_menu = legend_or_menu(table, "party", "Party")
    return (
        base.encode(opacity=alt.when(pick & pick_menu).then(alt.value(1)).otherwise(alt.value(0.15)))
        .add_params(pick, pick_menu)
        .properties(width=width, height=height)
        .facet(column=alt.Column("road_map:N").title(None).sort([labels[n] for n in roadmaps]))
        .properties(title=title, description=description)
    )


def legend_or_menu(table: pd.DataFrame, field: str, title: str):
    """Two ways to pick out one value of ``field`` in a chart: click its legend entry (with a
    mouse), or choose it from a menu under the chart (with the keyboard too: Tab to the menu,
    Space opens it, the arrow keys move, Enter chooses). Returns the two selections; a chart
    uses them together (a faceted chart too: one menu serves every panel):

        pick, menu = legend_or_menu(monthly, "missile_class", "Missile class")
        ... .encode(opacity=alt.when(pick & menu).then(alt.value(1)).otherwise(alt.value(0.2)))
        ... .add_params(pick, menu)
    """
    values = sorted(table[field].dropna().unique().tolist())
    legend = alt.selection_point(fields=[field], bind="legend")
    menu = alt.selection_point(fields=[field], bind=alt.binding_select(
        options=[None, *values], labels=["All", *map(str, values)], name=f"{title}: "))
    return legend, menu
