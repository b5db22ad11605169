"""The class roster: an LMS export joined to the graded submissions.

``read_roster`` reads either a Canvas gradebook export (its first columns are ``Student``,
``ID``, ``SIS User ID``, ``SIS Login ID``, ``Section``; a second row ``Points Possible`` is
skipped) or a Moodle participants/grades export (``First name``, ``Last name``, ``ID number``,
``Username``, ``Email address``), or a plain ``login,name,sis_id,section`` file. Every form
becomes the columns ``login, name, sis_id, section, lms_id``.

``join`` pairs roster rows with graded students by login (the submission's file name, as
instructors/grading.md asks), and lists both kinds of mismatch.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

COLUMNS = ["login", "name", "sis_id", "section", "lms_id"]
_FORMS = {
    "canvas": {"SIS Login ID": "login", "Student": "name", "SIS User ID": "sis_id", "Section": "section", "ID": "lms_id"},
    "moodle": {"Username": "login", "ID number": "sis_id", "Email address": "email"},
    "plain": {"login": "login", "name": "name", "sis_id": "sis_id", "section": "section"},
}


def read_roster(path: Path | str) -> pd.DataFrame:
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    table.columns = [c.strip() for c in table.columns]
    for form, names in _FORMS.items():
        if set(names) - {"Email address"} <= set(table.columns):
            break
    else:
        raise ValueError(f"{path}: not a Canvas, Moodle or login,name,sis_id,section roster "
                         f"(its columns: {', '.join(table.columns[:8])})")
    first = table.columns[0]
    table = table[~table[first].str.strip().str.startswith(("Points Possible", "Test Student"))]
    out = table.rename(columns=names)
    if form == "moodle":
        out["name"] = (table.get("First name", "") + " " + table.get("Last name", "")).str.strip()
        out["section"] = table.get("Groups", "")
    for column in COLUMNS:
        if column not in out:
            out[column] = ""
    out = out[COLUMNS].map(lambda v: str(v).strip())
    duplicated = out["login"][out["login"].duplicated() & out["login"].ne("")]
    if len(duplicated):
        raise ValueError(f"{path}: the login(s) {', '.join(sorted(set(duplicated)))} appear twice")
    return out[out["login"].ne("")].reset_index(drop=True)


def join(roster: pd.DataFrame, graded: list[str]) -> tuple[pd.DataFrame, list[str], list[str]]:
    """The roster with a ``submitted`` column; logins graded but not on the roster; roster
    logins with no submission."""
    graded_set = set(graded)
    joined = roster.assign(submitted=roster["login"].isin(graded_set))
    not_on_roster = sorted(graded_set - set(roster["login"]))
    missing = sorted(set(roster["login"]) - graded_set)
    return joined, not_on_roster, missing
