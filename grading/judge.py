"""Judging, in the grader's own process: plain answers rebuilt into values and judged by
``summitlab.check``."""

from __future__ import annotations

import io

from grading.answers import Report, chart_spec_ok

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
        if not chart_spec_ok(plain["value"]):
            raise ValueError("the chart specification is too large or too deeply nested")
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
    try:
        feedback = check(exercise_id, value)
    except Exception as error:  # a check never raises at a student; if it does, it is one exercise's problem
        return {"status": "error", "message": f"the check could not judge this answer ({type(error).__name__})"}
    return {"status": str(feedback.status), "message": str(feedback.message), "hint": str(feedback.hint)}


def judge_report(report: Report, wanted: list[str], stopped: str) -> dict[str, dict]:
    """Exercise id -> result, from what one notebook's sandbox reported (answers as data only)."""
    results = {}
    for exercise_id in wanted:
        plain, cell = report.answers.get(exercise_id, (None, None))
        before = [text for n, text in sorted(report.errors) if cell is None or n < cell]
        results[exercise_id] = judge(exercise_id, plain, stopped, before[0] if before else "")
        results[exercise_id]["cell"] = cell
    return results


