"""What an Altair chart would draw, read from its Vega-Lite spec without a renderer.

The exercise checks use this to look at a chart's *data*, not only at its spec: whether each
encoded field exists in the data the view gets (inline data or the DataFrame passed to
``alt.Chart``) or is made by a transform, and which values each channel would show. It follows
Vega-Lite's order: fields encoded as temporal are parsed as dates, then the view's transforms
run (``filter`` with field predicates, logical compositions, selections and expressions;
``calculate``; ``fold``; ``timeUnit``; ``aggregate``; ``joinaggregate``), then the encodings'
time units and aggregates (``count()``, ``sum()``, ...). Expressions are evaluated by
:mod:`summitlab.vegaexpr`, a parser for the subset of the Vega expression language the course
uses, never by Python's ``eval``.

What it cannot compute (data from a URL, ``window``, ``lookup``, ``bin``, weeks, an expression
outside the subset) raises :class:`NotComputable` with the reason; a check then says plainly that
it could not check the data. It never judges a chart on its spec alone.

Why not ``chart.transformed_data()``: it needs VegaFusion, which pulls in vl-convert, pyarrow
and vegafusion (330 MB installed, against 373 MB for the whole runtime today), raises the
kernel's memory from about 153 MB to 281 MB on first use (the benchmark's target is 250 MB),
and VegaFusion 2.0.3 fails on a categorical column under pandas 3 ("Categorical categories must
be unique"), which is what ``sl.load`` returns (measured for issue 25).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

CONCAT_KEYS = ("hconcat", "vconcat", "concat")
_AGGREGATES = {
    "count": "size", "sum": "sum", "mean": "mean", "average": "mean", "median": "median",
    "min": "min", "max": "max", "distinct": "nunique",
}


@dataclass
class View:
    """One single-view part of a chart: its mark, its (inherited) encoding, data and transforms."""

    mark: str | None
    encoding: dict
    rows: list[dict] | None  # None when the data is not inline (a URL, a generator) or absent
    transforms: list[dict] = field(default_factory=list)
    params: dict = field(default_factory=dict)  # values of the chart's named parameters
    mark_def: dict = field(default_factory=dict)  # the mark's properties, e.g. {"type": "bar", "tooltip": True}


def views(spec: dict) -> list[View]:
    """Every unit view of ``spec`` (layers, concatenations, facets and repeats unfolded)."""
    found = list(_walk(spec, spec.get("datasets", {}) or {}, None, {}, []))
    params = _params(spec)
    for view in found:
        view.params = params
    return found


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
               _rows(data, datasets), transforms, mark_def=mark if isinstance(mark, dict) else {"type": mark})


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
    if not view.rows:  # no data inside the chart, or no rows: the columns are not known
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


class NotComputable(ValueError):
    """What a view would draw cannot be computed here; the message says why, in a student's words."""


def _params(spec: dict) -> dict[str, Any]:
    """Values of the named parameters anywhere in ``spec`` (sliders, constants), for expressions;
    a selection reads as ``None``: it has no value until the reader picks."""
    found: dict[str, Any] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for param in node.get("params", []) or []:
                if isinstance(param, dict) and isinstance(param.get("name"), str):
                    found.setdefault(param["name"], None if "select" in param else param.get("value"))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return found


# --- time units ------------------------------------------------------------------------------

_UNIT_PARTS = ("year", "quarter", "month", "week", "dayofyear", "date", "day", "hours", "minutes",
               "seconds", "milliseconds")
#: The year Vega gives a time unit without a year (month(date) puts every January in 2012).
DEFAULT_YEAR = 2012


def unit_name(unit: Any) -> str | None:
    """The time unit's name ("yearmonth"), whether written as text or as {"unit": ...}."""
    if isinstance(unit, dict):
        unit = unit.get("unit")
    return unit if isinstance(unit, str) and unit else None


def unit_parts(unit: Any) -> tuple[str, ...]:
    """The parts of a Vega-Lite time unit: "utcyearmonthdate" -> ("year", "month", "date")."""
    name = unit_name(unit)
    if name is None:
        return ()
    text = name.removeprefix("binned").removeprefix("utc")
    parts = []
    while text:
        part = next((p for p in _UNIT_PARTS if text.startswith(p)), None)
        if part is None:
            raise NotComputable(f"the time unit {name!r} is not one Vega-Lite knows")
        parts.append(part)
        text = text[len(part):]
    return tuple(parts)


def floor_time(values: pd.Series, unit: Any) -> pd.Series:
    """Dates floored to a time unit as Vega does: ``yearmonth`` keeps year and month; a unit
    without ``year`` (``month``) puts every year's values in :data:`DEFAULT_YEAR`."""
    parts = unit_parts(unit)
    if not parts:
        return values
    if {"week", "day", "dayofyear"} & set(parts):
        raise NotComputable(f"the time unit {unit_name(unit)!r} (days of the week or weeks)")
    stamps = pd.to_datetime(values, errors="coerce")
    valid = stamps.notna()
    month = stamps.dt.month if "month" in parts else (((stamps.dt.month - 1) // 3) * 3 + 1 if "quarter" in parts else 1)
    columns = {
        "year": stamps.dt.year if "year" in parts else DEFAULT_YEAR,
        "month": month,
        "day": stamps.dt.day if "date" in parts else 1,
        "hour": stamps.dt.hour if "hours" in parts else 0,
        "minute": stamps.dt.minute if "minutes" in parts else 0,
        "second": stamps.dt.second if "seconds" in parts else 0,
        "ms": (stamps.dt.microsecond // 1000) if "milliseconds" in parts else 0,
    }
    frame = pd.DataFrame({k: (v if isinstance(v, pd.Series) else pd.Series(v, index=values.index))
                          for k, v in columns.items()})[valid]
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[us]")
    if len(frame):
        out[valid] = pd.to_datetime(frame.astype(int), errors="coerce").astype("datetime64[us]")
    return out


def _as_dates(values: pd.Series) -> pd.Series:
    """Values as Vega parses a temporal field: ISO text, or numbers as milliseconds since 1970."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.dt.tz_convert(None) if getattr(values.dt, "tz", None) is not None else values
    numeric = pd.to_numeric(values, errors="coerce")
    if len(values) and numeric.notna().sum() == values.notna().sum() and values.notna().any():
        return pd.to_datetime(numeric, unit="ms", errors="coerce")
    return pd.to_datetime(values.astype(object), errors="coerce", utc=True, format="mixed").dt.tz_convert(None)


# --- the rows a view gets, after its transforms --------------------------------------------------

def _temporal_fields(view: View) -> set[str]:
    """Fields Vega-Lite parses as dates before the transforms run: those encoded as temporal or
    with a time unit, and those a time-unit filter or transform reads."""
    names = {d["field"] for _, d in channel_defs(view.encoding)
             if isinstance(d.get("field"), str) and (d.get("type") == "temporal" or d.get("timeUnit"))}

    def predicates(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("timeUnit") and isinstance(node.get("field"), str):
                names.add(node["field"])
            for value in node.values():
                predicates(value)
        elif isinstance(node, list):
            for value in node:
                predicates(value)

    predicates(view.transforms)
    return names


def _parse_dates(rows: list[dict], fields: set[str]) -> list[dict]:
    from summitlab import vegaexpr  # imported when a chart is judged, not with the package

    out = []
    for row in rows:
        row = dict(row)
        for name in fields & row.keys():
            value = row[name]
            if isinstance(value, str) or (isinstance(value, (int, float)) and not isinstance(value, bool)):
                row[name] = vegaexpr.to_date(value)
        out.append(row)
    return out


def _predicate_test(predicate: Any, params: dict) -> Callable[[dict], bool]:
    """A row test for one Vega-Lite filter: an expression string, a field predicate, a logical
    composition of predicates, or a selection parameter."""
    from summitlab import vegaexpr  # imported when a chart is judged, not with the package

    if isinstance(predicate, str):
        tree = vegaexpr.parse(predicate)
        return lambda row: vegaexpr.truthy(vegaexpr.evaluate(tree, row, params))
    if not isinstance(predicate, dict):
        raise NotComputable("a filter this check does not read")
    if "and" in predicate or "or" in predicate:
        tests = [_predicate_test(p, params) for p in predicate.get("and", predicate.get("or")) or []]
        combine = all if "and" in predicate else any
        return lambda row: combine(test(row) for test in tests)
    if "not" in predicate:
        test = _predicate_test(predicate["not"], params)
        return lambda row: not test(row)
    if "param" in predicate:  # a selection: before the reader picks, an empty one keeps every row
        keep = predicate.get("empty", True) is not False
        return lambda row: keep
    if "field" not in predicate:
        raise NotComputable("a filter this check does not read")
    name, unit = predicate["field"], predicate.get("timeUnit")

    def value_of(row: dict) -> Any:
        value = row.get(name, vegaexpr.UNDEFINED)
        if unit:
            stamp = vegaexpr.to_date(value)
            if stamp is None:
                return None
            value = floor_time(pd.Series([stamp]), unit).iloc[0]
        return value

    def operand(value: Any) -> Any:
        if isinstance(value, dict):  # a DateTime object: {"year": 2017, "month": 5, ...}
            stamp = _datetime_object(value)
            return floor_time(pd.Series([stamp]), unit).iloc[0] if unit else stamp
        if not unit:
            return value
        if isinstance(value, (int, float)) and unit_parts(unit) == ("year",):
            return pd.Timestamp(int(value), 1, 1)
        stamp = vegaexpr.to_date(value)
        return None if stamp is None else floor_time(pd.Series([stamp]), unit).iloc[0]

    def same(a: Any, b: Any) -> bool:
        if isinstance(a, pd.Timestamp) and isinstance(b, pd.Timestamp):
            return a == b
        if isinstance(a, pd.Timestamp) or isinstance(b, pd.Timestamp):
            return vegaexpr.to_number(a) == vegaexpr.to_number(b)
        return vegaexpr._equal(a, b, strict=True)

    if "equal" in predicate:
        target = operand(predicate["equal"])
        return lambda row: same(value_of(row), target)
    if "oneOf" in predicate:
        targets = [operand(v) for v in predicate["oneOf"]]
        return lambda row: any(same(value_of(row), t) for t in targets)
    if "valid" in predicate:
        want = bool(predicate["valid"])
        return lambda row: vegaexpr.FUNCTIONS["isValid"](value_of(row)) and \
            not (isinstance(value_of(row), float) and value_of(row) != value_of(row)) if want else \
            not vegaexpr.FUNCTIONS["isValid"](value_of(row))
    if "range" in predicate:
        low, high = (operand(v) for v in predicate["range"])

        def in_range(row: dict) -> bool:
            value = vegaexpr.to_number(value_of(row))
            lo = -math.inf if low is None else vegaexpr.to_number(low)
            hi = math.inf if high is None else vegaexpr.to_number(high)
            return lo <= value <= hi
        return in_range
    for key, op in (("lt", "<"), ("lte", "<="), ("gt", ">"), ("gte", ">=")):
        if key in predicate:
            target = operand(predicate[key])
            return lambda row, op=op, target=target: vegaexpr._compare(op, value_of(row), target)
    raise NotComputable("a filter this check does not read")


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _datetime_object(value: dict) -> pd.Timestamp:
    """A Vega-Lite DateTime object ({"year": 2020, "month": 1, "date": 1}, months 1-12 or by
    name) as the time it stands for; parts left out default as Vega-Lite's do."""
    month = value.get("month", 1)
    if isinstance(month, str):
        name = month.strip().lower()[:3]
        if name not in _MONTHS:
            raise NotComputable(f"the month {month!r} in a DateTime")
        month = _MONTHS.index(name) + 1
    if "quarter" in value and "month" not in value:
        month = 3 * (int(value["quarter"]) - 1) + 1
    try:
        return pd.Timestamp(int(value.get("year", DEFAULT_YEAR)), int(month), int(value.get("date", 1)),
                            int(value.get("hours", 0)), int(value.get("minutes", 0)), int(value.get("seconds", 0)),
                            int(value.get("milliseconds", 0)) * 1000)
    except (TypeError, ValueError, OverflowError) as error:
        raise NotComputable(f"a DateTime this check does not read ({type(error).__name__})") from None


def _aggregate_rows(rows: list[dict], groupby: list[str], ops: list[dict]) -> tuple[list[tuple], dict]:
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        groups.setdefault(tuple(_key(row.get(g)) for g in groupby), []).append(row)
    results = {}
    for key, members in groups.items():
        values = {}
        for op in ops:
            name = op.get("op")
            column = pd.Series([r.get(op.get("field")) if op.get("field") else 1 for r in members], dtype=object)
            values[op.get("as") or f"{name}_{op.get('field', '')}"] = _aggregate(column, name)
        results[key] = values
    return list(groups), {"groups": groups, "results": results}


def _key(value: Any) -> Any:
    return value.isoformat() if isinstance(value, pd.Timestamp) else value


def _aggregate(values: pd.Series, op: Any) -> Any:
    from summitlab import vegaexpr  # imported when a chart is judged, not with the package

    if op == "count":
        return float(len(values))
    numbers = pd.to_numeric(values.map(lambda v: vegaexpr.to_number(v) if v is not None else None), errors="coerce")
    valid = values.map(lambda v: v is not None and not (isinstance(v, float) and math.isnan(v)))
    if op == "valid":
        return float(valid.sum())
    if op == "missing":
        return float((~valid).sum())
    if op == "distinct":
        return float(len({_key(v) for v in values}))
    if op in ("min", "max"):
        kept = values[valid]
        if len(kept) and all(isinstance(v, pd.Timestamp) for v in kept):
            return kept.min() if op == "min" else kept.max()
        return getattr(numbers, op)()
    method = {"sum": "sum", "mean": "mean", "average": "mean", "median": "median",
              "stdev": "std", "variance": "var", "q1": None, "q3": None}.get(op, "?")
    if method == "?":
        raise NotComputable(f"the aggregate {op!r}")
    if method is None:
        return numbers.quantile(0.25 if op == "q1" else 0.75)
    return float(getattr(numbers, method)()) if numbers.notna().any() or op == "sum" else math.nan


def rows_after_transforms(view: View) -> list[dict]:
    """The rows a view's marks are drawn from, after its transforms (as Vega would compute them)."""
    from summitlab import vegaexpr  # imported when a chart is judged, not with the package

    if view.rows is None:
        raise NotComputable("its data is read from a URL or a file, or generated, not held in the chart")
    rows = _parse_dates([r for r in view.rows if isinstance(r, dict)], _temporal_fields(view))
    params = view.params
    for transform in view.transforms:
        if not isinstance(transform, dict):
            raise NotComputable("a transform this check does not read")
        try:
            rows = _transform(rows, transform, params)
        except vegaexpr.Unsupported as error:
            raise NotComputable(f"an expression this check does not evaluate ({error})") from None
        if len(rows) > 200_000:
            raise NotComputable("its transforms make too many rows")
    return rows


def _transform(rows: list[dict], transform: dict, params: dict) -> list[dict]:
    from summitlab import vegaexpr  # imported when a chart is judged, not with the package

    if "filter" in transform:
        test = _predicate_test(transform["filter"], params)
        return [row for row in rows if test(row)]
    if "calculate" in transform:
        tree = vegaexpr.parse(transform["calculate"])
        name = transform.get("as")
        return [{**row, name: vegaexpr.evaluate(tree, row, params)} for row in rows]
    if "fold" in transform:
        key, value = (transform.get("as") or ["key", "value"])[:2]
        return [{**row, key: field_, value: row.get(field_)} for row in rows for field_ in transform["fold"]]
    if "timeUnit" in transform:
        stamps = floor_time(pd.Series([vegaexpr.to_date(r.get(transform.get("field"))) for r in rows],
                                      dtype="datetime64[us]"), transform["timeUnit"])
        name = transform.get("as")
        return [{**row, name: (None if pd.isna(stamp) else stamp)} for row, stamp in zip(rows, stamps)]
    if "aggregate" in transform:
        groupby = list(transform.get("groupby") or [])
        keys, found = _aggregate_rows(rows, groupby, transform["aggregate"])
        return [{**dict(zip(groupby, (found["groups"][k][0].get(g) for g in groupby))), **found["results"][k]}
                for k in keys]
    if "joinaggregate" in transform:
        groupby = list(transform.get("groupby") or [])
        _, found = _aggregate_rows(rows, groupby, transform["joinaggregate"])
        return [{**row, **found["results"][tuple(_key(row.get(g)) for g in groupby)]} for row in rows]
    kind = next(iter(transform), "?")
    raise NotComputable(f"it uses a {kind} transform, which this check does not compute")


# --- what each channel draws ---------------------------------------------------------------------

def _values(table: pd.DataFrame, definition: dict) -> pd.Series:
    name = _field_name(definition)
    values = table[name] if name in table else pd.Series([None] * len(table), index=table.index, dtype=object)
    unit = definition.get("timeUnit")
    if definition.get("type") == "temporal" or unit:
        values = _as_dates(values)
        if unit:
            values = floor_time(values, unit)
            if definition.get("type") in ("nominal", "ordinal") and unit_parts(unit) == ("year",):
                values = values.dt.year.astype("Int64").astype(object).where(values.notna(), None)
    if definition.get("bin"):
        raise NotComputable("it bins a field, which this check does not compute")
    return values


_POSITIONS = ("x", "y", "x2", "y2", "theta", "radius")


def drawn(view: View, channels: list[str]) -> pd.DataFrame:
    """The values each of ``channels`` would show, one row per mark. Raises :class:`NotComputable`
    (with the reason) when this module cannot compute them."""
    rows = rows_after_transforms(view)
    table = pd.DataFrame(rows) if rows else pd.DataFrame(index=pd.RangeIndex(0))
    defs = list(channel_defs(view.encoding))
    keys, aggregates = [], []
    for channel, definition in defs:
        if "aggregate" in definition:
            aggregates.append((channel, definition))
        elif _field_name(definition):
            keys.append((channel, definition))
    for channel in channels:
        if not any(c == channel for c, _ in keys + aggregates):
            raise NotComputable(f"nothing is drawn from a field on the {channel} channel")
    frame = pd.DataFrame(index=table.index)
    key_names = []
    for channel, definition in keys:
        name = f"{channel}|{_field_name(definition)}|{unit_name(definition.get('timeUnit')) or ''}"
        if name not in frame:
            frame[name] = _values(table, definition)
            key_names.append(name)
    if not aggregates:
        # Vega drops marks whose position on a continuous scale is missing.
        keep = pd.Series(True, index=table.index)
        for channel, definition in keys:
            if channel in _POSITIONS and definition.get("type") in ("quantitative", "temporal"):
                column = frame[f"{channel}|{_field_name(definition)}|{unit_name(definition.get('timeUnit')) or ''}"]
                keep &= column.notna()
        out = pd.DataFrame(index=table.index)
        for channel in channels:
            match = next(n for n in key_names if n.split("|")[0] == channel)
            out[channel] = frame[match]
        return out[keep].reset_index(drop=True)
    grouped = frame.assign(_row=1)
    for channel, definition in aggregates:
        op = definition["aggregate"]
        if not isinstance(op, str) or (op not in _AGGREGATES and op not in ("valid", "missing")):
            raise NotComputable(f"the aggregate {op!r}")
        name = _field_name(definition)
        if name:
            column = table[name] if name in table else pd.Series([None] * len(table), index=table.index)
            grouped[f"agg|{channel}"] = column if op in ("distinct", "min", "max", "valid", "missing") \
                else pd.to_numeric(column, errors="coerce")
    groups = grouped.groupby(key_names, dropna=False, sort=False) if key_names else None
    result = groups.size().rename("_n").reset_index() if groups is not None else pd.DataFrame({"_n": [len(table)]})
    for channel, definition in aggregates:
        op = definition["aggregate"]
        name = _field_name(definition)
        if op == "count" or not name:
            result[channel] = result["_n"].astype(float)
        elif op in ("valid", "missing"):
            flags = grouped[f"agg|{channel}"].notna() if op == "valid" else grouped[f"agg|{channel}"].isna()
            summed = flags.groupby([grouped[k] for k in key_names], dropna=False, sort=False).sum() \
                if key_names else pd.Series([flags.sum()])
            result[channel] = summed.reset_index(drop=True).astype(float).values
        elif groups is not None:
            result[channel] = getattr(groups[f"agg|{channel}"], _AGGREGATES[op])().reset_index(drop=True).values
        else:  # no grouping field: one mark for the whole table
            result[channel] = [getattr(grouped[f"agg|{channel}"], _AGGREGATES[op])()]
    out = pd.DataFrame(index=result.index)
    for channel in channels:
        if channel in result.columns and any(c == channel for c, _ in aggregates):
            out[channel] = result[channel]
            continue
        name = next(n for n in key_names if n.split("|")[0] == channel)
        out[channel] = result[name]
    return out.reset_index(drop=True)
