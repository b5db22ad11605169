"""Judging, in the grader's own process: plain answers rebuilt into values and judged by
``summitlab.check``."""

from __future__ import annotations

import io

STATUSES = ("correct", "not quite", "not yet", "error")


# --- judging, in the grader's own process -------------------------------------------------

class _Opaque:
    """Stands in for an answer of a type the grader does not rebuild (the check says so)."""


def rebuild(plain: dict):
    """Plain data from the kernel -> a value ``summitlab.check`` can judge."""
    import pandas as pd

    kind = plain.get("kind")
    if kind == "blank":
        return ...
    if kind == "json":
        value = plain.get("value")
        return float(value) if plain.get("float") else value
    if kind == "timestamp":
        return pd.Timestamp(plain["value"])
    if kind == "dataframe":
        return pd.read_json(io.StringIO(plain["value"]), orient="table")
    if kind == "series":  # written as a one-column table (pandas reads "table" JSON only as a frame)
        frame = pd.read_json(io.StringIO(plain["value"]), orient="table")
        series = frame.iloc[:, 0]
        return series.rename(None) if series.name == "values" else series
    if kind in ("list", "tuple"):
        items = [rebuild(v) for v in plain.get("value", [])]
        return items if kind == "list" else tuple(items)
    if kind == "dict":
        return {k: rebuild(v) for k, v in plain.get("value", {}).items()}
    if kind == "chart":
        return _chart(plain["value"])
    name = str(plain.get("type", "object"))
    return type(name if name.isidentifier() else "object", (_Opaque,), {})()


def _chart(spec: dict):
    import altair as alt

    for cls in (alt.Chart, alt.LayerChart, alt.VConcatChart, alt.HConcatChart, alt.ConcatChart, alt.FacetChart):
        try:
            return cls.from_dict(spec)
        except Exception:
            continue
    return alt.Chart.from_dict(spec, validate=False)


def judge(exercise_id: str, plain: dict | None, stopped: str, first_error: str) -> dict:
    from summitlab import check

    if plain is None:
        return {"status": "error", "message": f"the notebook stopped before this exercise: {stopped or first_error or 'unknown reason'}"}
    kind = plain.get("kind")
    if kind == "undefined":
        reason = f" (first error in the notebook: {first_error})" if first_error else ""
        return {"status": "error", "message": f"the answer was never computed: {plain.get('message')}{reason}"}
    if kind == "unreadable":
        return {"status": "error", "message": f"the answer ({plain.get('type')}) could not be read: {plain.get('message')}"}
    if kind == "chart_error":
        return {"status": "not quite", "message": f"Altair cannot build this chart: {plain.get('message')}"}
    try:
        value = rebuild(plain)
    except Exception as error:
        return {"status": "error", "message": f"the answer could not be read back ({type(error).__name__})"}
    feedback = check(exercise_id, value)
    return {"status": feedback.status, "message": feedback.message, "hint": feedback.hint}


