"""What an Altair chart would draw, read from its Vega-Lite spec without a renderer.

The exercise checks use this to look at a chart's *data*, not only at its spec: whether each
encoded field exists in the data the view gets (inline data or the DataFrame passed to
``alt.Chart``) or is made by a transform, and which values each channel would show, with
``count()``, ``sum()`` and the other aggregates computed here from the chart's rows.

Why not ``chart.transformed_data()``: it needs VegaFusion, a runtime dependency of tens of
megabytes that every Binder launch would install, while the course's charts use only inline
data, simple aggregates and time units, which this module evaluates with pandas. A view whose
transforms it cannot evaluate (``calculate``, ``window``, ...) is reported as not computable,
and the check then judges it on its spec alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

CONCAT_KEYS = ("hconcat", "vconcat", "concat")
# Transforms whose output columns are known from the spec.
_COMPUTABLE = {"filter", "fold"}
_AGGREGATES = {
    "count": "size", "sum": "sum", "mean": "mean", "average": "mean", "median": "median",
    "min": "min", "max": "max", "distinct": "nunique",
}
_TIME_UNITS = {
    "year": "YS", "utcyear": "YS", "yearmonth": "MS", "utcyearmonth": "MS",
    "yearmonthdate": "D", "utcyearmonthdate": "D",
}


@dataclass
class View:
    """One single-view part of a chart: its mark, its (inherited) encoding, data and transforms."""

    mark: str | None
    encoding: dict
    rows: list[dict] | None  # None when the data is not inline (a URL, a generator) or absent
    transforms: list[dict] = field(default_factory=list)


def views(spec: dict) -> list[View]:
    """Every unit view of ``spec`` (layers, concatenations, facets and repeats unfolded)."""
    return list(_walk(spec, spec.get("datasets", {}) or {}, None, {}, []))


def _walk(spec: dict, datasets: dict, data: Any, encoding: dict, transforms: list) -> Iterator[View]:
    if not isinstance(spec, dict):
        return
    data = spec.get("data", data)
    transforms = [*transforms, *(spec.get("transform") or [])]
    own = spec.get("encoding") or {}
    if "layer" in spec:
        for child in spec["layer"]:
            yield from _walk(child, datasets, data, {**encoding, **own}, transforms)
        return
    for key in CONCAT_KEYS:
        if key in spec:
            for child in spec[key]:
                yield from _walk(child, datasets, data, {}, transforms)
            return
    if "spec" in spec:  # facet or repeat
        yield from _walk(spec["spec"], datasets, data, {}, transforms)
        return
    mark = spec.get("mark")
    yield View(mark.get("type") if isinstance(mark, dict) else mark, {**encoding, **own},
               _rows(data, datasets), transforms)


def _rows(data: Any, datasets: dict) -> list[dict] | None:
    if not isinstance(data, dict):
        return None
    if "values" in data and isinstance(data["values"], list):
        return data["values"]
    if "name" in data and isinstance(datasets.get(data["name"]), list):
        return datasets[data["name"]]
    return None


def texts(spec: Any, key: str) -> list[str]:
    """Every non-empty ``key`` ("title", "description") anywhere in the chart: top level, layers,
    concatenated and faceted parts (a title may be a string, a list of lines or {"text": ...})."""
    found: list[str] = []
    if not isinstance(spec, dict):
        return found
    value = spec.get(key)
    if isinstance(value, dict):
        value = value.get("text")
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    if isinstance(value, str) and value.strip():
        found.append(value)
    for child_key in ("layer", *CONCAT_KEYS):
        for child in spec.get(child_key, []) or []:
            found.extend(texts(child, key))
    if isinstance(spec.get("spec"), dict):
        found.extend(texts(spec["spec"], key))
    return found


def channel_defs(encoding: dict) -> Iterator[tuple[str, dict]]:
    """(channel, field definition) pairs, with tooltip lists and conditions unfolded."""
    for channel, definition in encoding.items():
        items = definition if isinstance(definition, list) else [definition]
        for item in items:
            if isinstance(item, dict):
                yield channel, item
                condition = item.get("condition")
                for cond in (condition if isinstance(condition, list) else [condition]):
                    if isinstance(cond, dict) and "field" in cond:
                        yield channel, cond


def _field_name(definition: dict) -> str | None:
    name = definition.get("field")
    return name if isinstance(name, str) else None


def available_fields(view: View) -> set[str] | None:
    """The fields a view can encode: its data's columns plus what its transforms make
    (None when that cannot be known, e.g. data from a URL or a pivot)."""
    if view.rows is None:
        return None
    names: set[str] = set()
    for row in view.rows:
        if isinstance(row, dict):
            names.update(row)
    for transform in view.transforms:
        made = transform.get("as")
        if "fold" in transform:
            made = made or ["key", "value"]
        if "pivot" in transform or ("lookup" in transform and not made):
            return None
        for part in ("aggregate", "window", "joinaggregate"):
            for item in transform.get(part, []) or []:
                if isinstance(item, dict) and item.get("as"):
                    names.add(item["as"])
        if isinstance(made, str):
            names.add(made)
        elif isinstance(made, list):
            names.update(str(m) for m in made)
    return names


def missing_fields(view: View) -> list[str]:
    """Encoded fields that neither the view's data nor its transforms provide."""
    have = available_fields(view)
    if have is None:
        return []
    wanted = [_field_name(d) for _, d in channel_defs(view.encoding)]
    return list(dict.fromkeys(name for name in wanted if name and name not in have))


def _filter(table: pd.DataFrame, predicate: Any) -> pd.DataFrame | None:
    if not isinstance(predicate, dict) or "field" not in predicate:
        return None
    column = predicate["field"]
    if column not in table or "timeUnit" in predicate:
        return None
    values = table[column]
    if "equal" in predicate:
        keep = values == predicate["equal"]
    elif "oneOf" in predicate:
        keep = values.isin(predicate["oneOf"])
    elif "range" in predicate:
        low, high = predicate["range"]
        keep = values.between(low, high)
    elif "valid" in predicate:
        keep = values.notna() if predicate["valid"] else values.isna()
    else:
        ops = {"lt": values.lt, "lte": values.le, "gt": values.gt, "gte": values.ge}
        op = next((key for key in ops if key in predicate), None)
        if op is None:
            return None
        keep = ops[op](predicate[op])
    return table[keep.fillna(False).astype(bool)]


def _transformed(view: View) -> pd.DataFrame | None:
    table = pd.DataFrame([row for row in view.rows if isinstance(row, dict)]) if view.rows else pd.DataFrame()
    for transform in view.transforms:
        if "filter" in transform:
            table = _filter(table, transform["filter"])
        elif "fold" in transform:
            key, value = transform.get("as") or ["key", "value"]
            table = table.melt(id_vars=[c for c in table.columns if c not in transform["fold"]],
                               value_vars=transform["fold"], var_name=key, value_name=value)
        else:
            return None
        if table is None:
            return None
    return table


def _values(table: pd.DataFrame, definition: dict) -> pd.Series | None:
    name = _field_name(definition)
    values = table[name] if name in table else pd.Series([None] * len(table), index=table.index)
    if definition.get("type") == "temporal" or "timeUnit" in definition:
        values = pd.to_datetime(values, errors="coerce", utc=True).dt.tz_convert(None)
        unit = definition.get("timeUnit")
        if isinstance(unit, dict):
            unit = unit.get("unit")
        if unit:
            if unit not in _TIME_UNITS:
                return None
            freq = _TIME_UNITS[unit]
            values = values.dt.to_period({"YS": "Y", "MS": "M", "D": "D"}[freq]).dt.to_timestamp()
    if "bin" in definition and definition["bin"]:
        return None
    return values


def drawn(view: View, channels: list[str]) -> pd.DataFrame | None:
    """The values each of ``channels`` would show, one row per mark, or None when this module
    cannot compute them (unknown data, transforms it does not evaluate, binning)."""
    if view.rows is None:
        return None
    table = _transformed(view)
    if table is None:
        return None
    defs = list(channel_defs(view.encoding))
    keys, aggregates = [], []
    for channel, definition in defs:
        if "aggregate" in definition:
            aggregates.append((channel, definition))
        elif _field_name(definition):
            keys.append((channel, definition))
    frame = pd.DataFrame(index=table.index)
    key_names = []
    for channel, definition in keys:
        values = _values(table, definition)
        if values is None:
            return None
        name = f"{channel}|{_field_name(definition)}|{definition.get('timeUnit', '')}"
        if name not in frame:
            frame[name] = values
            key_names.append(name)
    if not aggregates:
        out = pd.DataFrame(index=table.index)
        for channel in channels:
            match = next((d for c, d in keys if c == channel), None)
            if match is None:
                return None
            out[channel] = _values(table, match)
        return out.reset_index(drop=True)
    grouped = frame.assign(_row=1)
    for channel, definition in aggregates:
        name = _field_name(definition)
        if name:
            grouped[f"agg|{channel}"] = pd.to_numeric(table[name], errors="coerce") \
                if definition["aggregate"] not in ("distinct", "min", "max") else table[name]
    groups = grouped.groupby(key_names, dropna=False, sort=False) if key_names else None
    result = groups.size().rename("_n").reset_index() if groups is not None else pd.DataFrame({"_n": [len(table)]})
    for channel, definition in aggregates:
        op = _AGGREGATES.get(definition["aggregate"])
        if op is None:
            return None
        if op == "size" or not _field_name(definition):
            result[channel] = result["_n"].astype(float)
        elif groups is not None:
            result[channel] = getattr(groups[f"agg|{channel}"], op)().reset_index(drop=True).values
        else:  # no grouping field: one mark for the whole table
            result[channel] = [getattr(grouped[f"agg|{channel}"], op)()]
    out = pd.DataFrame(index=result.index)
    for channel in channels:
        if channel in result.columns and any(c == channel for c, _ in aggregates):
            out[channel] = result[channel]
            continue
        name = next((n for n in key_names if n.split("|")[0] == channel), None)
        if name is None:
            return None
        out[channel] = result[name]
    return out.reset_index(drop=True)
