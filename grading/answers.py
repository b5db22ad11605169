"""The answers channel: what a sandbox may send back, and how the grader reads it.

The sandbox writes JSON lines (grading/capture.py). Everything on that channel is written by a
process that ran student code, so the grader treats it as untrusted *data*: the channel is read
with a size cap, every line is parsed on its own, and only records that match the schema below
are kept. There is no field for a verdict: a record can only carry an answer, which the grader
judges in its own process. Anything else is counted and reported for that student alone.

Records (``n``/``cell``: index of the code cell in the program):

* ``{"t": "cell", "n": int}``: the cell started;
* ``{"t": "error", "n": int, "ename": str, "evalue": str}``: it raised;
* ``{"t": "stop", "n": int, "why": "timeout"}``: it ran past its time limit;
* ``{"t": "answer", "id": str, "cell": int, "via": "check" | "end", "answer": ANSWER}``;
* ``{"t": "done"}``: the runner finished every cell.

``ANSWER`` is ``{"kind": K, ...}`` with K one of blank, json, timestamp, dataframe, series,
list, tuple, dict, chart, chart_error, unreadable, undefined, other (see :func:`valid_answer`).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

MAX_CHANNEL_BYTES = 16 * 2**20  # everything a sandbox may send for one notebook
MAX_LINE_BYTES = 3 * 2**20  # one record (an answer is capped at 2 MB in the sandbox)
MAX_TEXT = 20_000
MAX_ITEMS = 1000
MAX_DEPTH = 6
_KINDS_WITH_TEXT = {"dataframe", "series"}
_SIMPLE = {"blank": (), "unreadable": ("type", "message"), "undefined": ("message",),
           "chart_error": ("message",), "other": ("type",)}


@dataclass
class Report:
    """What the grader learnt from one run of one notebook."""

    answers: dict = field(default_factory=dict)  # exercise id -> (answer, cell index)
    errors: list = field(default_factory=list)  # (cell index, "cell N raised X: ...")
    last_cell: int = -1
    stopped_at: int | None = None  # a cell that ran past its limit
    done: bool = False
    malformed: int = 0
    truncated: bool = False


def _text(value, limit: int = MAX_TEXT) -> bool:
    return isinstance(value, str) and len(value) <= limit


def _json_value(value, depth: int = 0) -> bool:
    if value is None or isinstance(value, bool):
        return True
    if isinstance(value, int):
        return abs(value) <= 2**63
    if isinstance(value, float):
        return math.isfinite(value)
    return _text(value)


def valid_answer(answer, depth: int = 0) -> bool:
    """Whether ``answer`` is one plain answer as grading/capture.py writes it."""
    if not isinstance(answer, dict) or depth > MAX_DEPTH:
        return False
    kind = answer.get("kind")
    if kind in _SIMPLE:
        allowed = {"kind", *_SIMPLE[kind]}
        return set(answer) <= allowed and all(_text(answer.get(k, ""), 1000) for k in _SIMPLE[kind])
    if kind == "json":
        return set(answer) <= {"kind", "value", "float"} and _json_value(answer.get("value")) and \
            isinstance(answer.get("float", False), bool)
    if kind == "timestamp":
        return set(answer) == {"kind", "value"} and _text(answer["value"], 100)
    if kind in _KINDS_WITH_TEXT:
        return set(answer) == {"kind", "value"} and _text(answer["value"], MAX_LINE_BYTES)
    if kind in ("list", "tuple"):
        items = answer.get("value")
        return set(answer) == {"kind", "value"} and isinstance(items, list) and len(items) <= MAX_ITEMS and \
            all(valid_answer(v, depth + 1) for v in items)
    if kind == "dict":
        items = answer.get("value")
        return set(answer) == {"kind", "value"} and isinstance(items, dict) and len(items) <= MAX_ITEMS and \
            all(_text(k, 200) and valid_answer(v, depth + 1) for k, v in items.items())
    if kind == "chart":
        return set(answer) == {"kind", "value"} and isinstance(answer["value"], dict)
    return False


def _index(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100_000


def read(data: bytes, truncated: bool, wanted: set[str]) -> Report:
    """Parse the channel's bytes into a :class:`Report`; never raises."""
    report = Report(truncated=truncated)
    for line in data.split(b"\n"):
        if not line.strip():
            continue
        if len(line) > MAX_LINE_BYTES:
            report.malformed += 1
            continue
        try:
            record = json.loads(line.decode("utf-8"))
        except (ValueError, UnicodeDecodeError, RecursionError):
            report.malformed += 1
            continue
        if not isinstance(record, dict):
            report.malformed += 1
            continue
        kind = record.get("t")
        if kind == "cell" and _index(record.get("n")):
            report.last_cell = max(report.last_cell, record["n"])
        elif kind == "error" and _index(record.get("n")) and _text(record.get("ename"), 200) \
                and _text(record.get("evalue"), 1000):
            report.errors.append((record["n"], f"cell {record['n'] + 1} raised {record['ename']}: "
                                               f"{record['evalue'][:200]}"))
        elif kind == "stop" and _index(record.get("n")) and record.get("why") == "timeout":
            report.stopped_at = record["n"] if report.stopped_at is None else report.stopped_at
        elif kind == "answer" and record.get("id") in wanted and _index(record.get("cell")) \
                and record.get("via") in ("check", "end") and valid_answer(record.get("answer")):
            report.answers[record["id"]] = (record["answer"], record["cell"])  # the last one counts
        elif kind == "done" and set(record) == {"t"}:
            report.done = True
        else:
            report.malformed += 1
    return report


def chart_spec_ok(spec: dict, limit: int = MAX_LINE_BYTES) -> bool:
    """A chart spec small and shallow enough to hand to Altair (its JSON already passed the cap)."""
    def depth(value, level=0):
        if level > 40:
            raise RecursionError
        if isinstance(value, dict):
            return max((depth(v, level + 1) for v in value.values()), default=level)
        if isinstance(value, list):
            return max((depth(v, level + 1) for v in value), default=level)
        return level
    try:
        depth(spec)
    except RecursionError:
        return False
    return len(json.dumps(spec)) <= limit
