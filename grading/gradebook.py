"""What the grader writes: gradebook.csv, results.csv, problems.csv and a feedback page per student.

Every file is safe for the instructor to open. Each text cell of every CSV file goes through
:func:`spreadsheet_safe` (a leading ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a
``'`` before it, so that a spreadsheet shows it as text instead of running it as a formula);
text is valid UTF-8; feedback pages escape HTML and their file names are derived from the
login so that no two students share one (:func:`feedback_names`), listed in
``feedback/index.csv``.
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

from grading.course import lesson_of

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """``value`` ready for a CSV cell: text that cannot start a formula, and valid UTF-8."""
    if not isinstance(value, str):
        return value
    text = value.encode("utf-8", "replace").decode("utf-8")
    if text.lstrip(" ").startswith(_FORMULA_START):
        text = "'" + text
    return text


def _file_key(student: str) -> str:
    """A file name for a login: itself when it is plain ASCII letters, digits, ``.``, ``_``, ``-``."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", student)[:80].lstrip("-.").rstrip(".") or "student"
    if safe == student:
        return safe
    return f"{safe}-{hashlib.sha256(student.encode('utf-8', 'replace')).hexdigest()[:10]}"


def feedback_names(students: list[str]) -> dict[str, str]:
    """Login -> feedback file name (without .html), never the same for two logins (case-insensitive)."""
    names, taken = {}, set()
    for student in sorted(students):
        base = _file_key(student)
        name, number = base, 2
        while name.lower() in taken:
            name, number = f"{base}-{number}", number + 1
        taken.add(name.lower())
        names[student] = name
    return names


def _csv(frame, path: Path) -> None:
    frame.map(spreadsheet_safe).to_csv(path, index=False, encoding="utf-8")


def write_outputs(results: list[dict], exercises: dict[str, str], out: Path) -> None:
    import pandas as pd

    lessons = sorted({lesson_of(e) for e in exercises})
    rows, details, problems = [], [], []
    for result in sorted(results, key=lambda r: r["student"]):
        row = {"Student": result["name"] or result["student"], "ID": "", "SIS User ID": "",
               "SIS Login ID": result["student"], "Section": ""}
        for exercise_id in exercises:
            entry = result["exercises"].get(exercise_id, {"status": "error", "message": "not graded"})
            row[f"{exercise_id} {exercises[exercise_id]}"[:60]] = 1 if entry["status"] == "correct" else 0
            details.append({"student": result["student"], "exercise": exercise_id, "status": entry["status"],
                            "message": entry.get("message", ""), "hint": entry.get("hint", ""),
                            "typed_as_literal": bool(entry.get("literal"))})
        for lesson in lessons:
            ids = [e for e in exercises if lesson_of(e) == lesson]
            row[f"Lesson {lesson} total (of {len(ids)})"] = sum(
                result["exercises"].get(e, {}).get("status") == "correct" for e in ids)
        row[f"Total (of {len(exercises)})"] = sum(
            result["exercises"].get(e, {}).get("status") == "correct" for e in exercises)
        rows.append(row)
        problems += [{"student": result["student"], "problem": p} for p in result["problems"]]
    out.mkdir(parents=True, exist_ok=True)
    _csv(pd.DataFrame(rows), out / "gradebook.csv")
    _csv(pd.DataFrame(details, columns=["student", "exercise", "status", "message", "hint", "typed_as_literal"]),
         out / "results.csv")
    _csv(pd.DataFrame(problems, columns=["student", "problem"]), out / "problems.csv")
    (out / "feedback").mkdir(exist_ok=True)
    names = feedback_names([r["student"] for r in results])
    for result in results:
        try:
            page = feedback_page(result, exercises)
        except Exception as error:  # noqa: BLE001 - one page must not stop the others
            page = f"<!DOCTYPE html><p>The feedback page could not be written ({html.escape(type(error).__name__)}).</p>"
        (out / "feedback" / f"{names[result['student']]}.html").write_text(page, encoding="utf-8", errors="replace")
    _csv(pd.DataFrame([{"student": s, "feedback file": f"{n}.html"} for s, n in sorted(names.items())],
                      columns=["student", "feedback file"]), out / "feedback" / "index.csv")


_ICON = {"correct": "✅", "not quite": "🔶", "not yet": "⏳", "error": "⚠️"}


def feedback_page(result: dict, exercises: dict[str, str]) -> str:
    e = html.escape
    rows = []
    for exercise_id, title in exercises.items():
        entry = result["exercises"].get(exercise_id, {"status": "error", "message": "not graded"})
        note = entry.get("message", "")
        if entry.get("hint"):
            note += f" Hint: {entry['hint']}"
        rows.append(f"<tr><td>{e(exercise_id)}</td><td>{e(title)}</td>"
                    f"<td>{_ICON.get(entry['status'], '')} {e(entry['status'])}</td><td>{e(note)}</td></tr>")
    correct = sum(r.get("status") == "correct" for r in result["exercises"].values())
    problems = "".join(f"<li>{e(p)}</li>" for p in result["problems"])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Summit Lab feedback: {e(result['student'])}</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}td,th{{border:1px solid #999;padding:.3em .6em;text-align:left;vertical-align:top}}table{{border-collapse:collapse}}</style></head>
<body><h1>Summit Lab: feedback for {e(result['name'] or result['student'])}</h1>
<p>Your notebooks were run again from the start with the course's own data and checks.
{correct} of {len(exercises)} checked exercises are correct. Reflections are marked by your instructor.</p>
{f'<h2>About your submission</h2><ul>{problems}</ul>' if problems else ''}
<table><caption>Result of each checked exercise</caption>
<thead><tr><th scope="col">Exercise</th><th scope="col">Title</th><th scope="col">Result</th><th scope="col">What the check says</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table></body></html>
"""


