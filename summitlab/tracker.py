"""A student's progress: each check records its result in a small JSON file beside the work.

The file (``.summitlab-progress.json`` in the folder the notebook runs in, or the path in
``SUMMITLAB_PROGRESS_FILE``; the value ``off`` disables recording) is never required: if it
cannot be read or written, checks carry on without it.

Each entry keeps the best result so far, how many checks ran (``checks``) and how many of
them were wrong (``wrong``), so that an instructor can see how many tries an answer took.
This module stores; it does not know the catalogue (``summitlab.checks.progress`` builds the
table of every exercise), so the checks can import it without an import circle.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

ENV_VAR = "SUMMITLAB_PROGRESS_FILE"
FILENAME = ".summitlab-progress.json"
# A better result is never overwritten by a worse one.
_RANK = {"not started": 0, "not yet": 1, "not quite": 2, "correct": 3}


def progress_file() -> Path | None:
    setting = os.environ.get(ENV_VAR, "")
    if setting.lower() == "off":
        return None
    return Path(setting) if setting else Path.cwd() / FILENAME


def read() -> dict[str, dict]:
    path = progress_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path else {}
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def record(exercise_id: str, status: str) -> None:
    """Remember the best result so far for one exercise (silently does nothing on failure)."""
    _update(exercise_id, status, lambda checks: checks + 1,
            lambda wrong: wrong + (status == "not quite"))


def merge(exercise_id: str, saved: dict) -> None:
    """Fold a saved entry (from a work bundle) into this folder's progress: best result wins."""
    saved_checks = _count(saved.get("checks"))
    saved_wrong = _count(saved.get("wrong"))
    _update(exercise_id, str(saved.get("status")), lambda checks: max(checks, saved_checks),
            lambda wrong: max(wrong, saved_wrong))


def _count(value) -> int:
    try:
        return max(int(value or 0), 0)
    except (TypeError, ValueError):
        return 0


def _update(exercise_id: str, status: str, count, wrong=lambda wrong: wrong) -> None:
    path = progress_file()
    if path is None:
        return
    data = read()
    entry = data.get(exercise_id) if isinstance(data.get(exercise_id), dict) else {}
    best = entry.get("status", "not started")
    if _RANK.get(status, 0) >= _RANK.get(best, 0) and status in _RANK:
        best = status
    data[exercise_id] = {
        "status": best,
        "checks": count(_count(entry.get("checks"))),
        "wrong": wrong(_count(entry.get("wrong"))),
        "updated": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }
    try:
        path.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
    except OSError:
        pass
