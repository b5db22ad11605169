"""Gradebooks an LMS imports: Canvas's gradebook CSV and Moodle's CSV grade import.

Canvas (Grades > Import) reads the layout of its own gradebook export: the columns
``Student, ID, SIS User ID, SIS Login ID, Section``, then one column per assignment, with an
optional second row ``Points Possible`` giving each assignment's maximum; a column whose name
matches no assignment becomes a new assignment. Students are matched by ``ID`` or, when it is
empty, by ``SIS User ID`` / ``SIS Login ID``.

Moodle (Grades > Import > CSV file) reads any header row; the instructor maps one column to a
user field (``Username``, ``ID number`` or ``Email address``) and each grade column to a grade
item. We write ``Username`` and ``ID number`` columns, one numeric column per problem set and a
feedback column per problem set (``Feedback: <item>``), which Moodle's mapping offers too.

Where these layouts are documented: for Canvas, its gradebook export and the import guides
built on it (e.g. Ohio State's "Import a CSV file to Carmen Grades",
https://teaching.resources.osu.edu/toolsets/carmencanvas/guides/calculating-final-grades/import-csv-file-carmen-grades:
columns A-C student name, ID or SIS User ID, D SIS Login ID, E Section, then assignments, a new
column creating a new assignment); for Moodle, ``grade/import/csv/classes/load_data.php``
(``map_user_data_with_value``: a column mapped to ``userid``, ``useridnumber``, ``useremail``
or ``username`` identifies the user; other columns map to grade items or their feedback).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

CANVAS_IDENTITY = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MOODLE_IDENTITY = ["Username", "ID number", "Full name"]


def _safe(value) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def write_canvas(rows: Sequence[Mapping], items: Mapping[str, float], path: Path) -> Path:
    """``rows``: dicts with login, name, sis_id, section, lms_id and a score per item name;
    ``items``: item name -> points possible."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CANVAS_IDENTITY + list(items))
        writer.writerow(["Points Possible", "", "", "", ""] + [f"{p:g}" for p in items.values()])
        for row in rows:
            writer.writerow([_safe(row.get("name") or row["login"]), _safe(row.get("lms_id", "")),
                             _safe(row.get("sis_id", "")), _safe(row["login"]), _safe(row.get("section", ""))]
                            + [_score(row.get(item)) for item in items])
    return path


def write_moodle(rows: Sequence[Mapping], items: Mapping[str, float], path: Path,
                 feedback: Mapping[str, Mapping[str, str]] | None = None) -> Path:
    feedback = feedback or {}
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(MOODLE_IDENTITY + list(items) + [f"Feedback: {item}" for item in items])
        for row in rows:
            notes = feedback.get(row["login"], {})
            writer.writerow([_safe(row["login"]), _safe(row.get("sis_id", "")), _safe(row.get("name", ""))]
                            + [_score(row.get(item)) for item in items]
                            + [_safe(notes.get(item, "")) for item in items])
    return path


def _score(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return f"{float(value):g}"
