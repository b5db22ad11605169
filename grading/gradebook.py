"""What the grader writes: gradebook.csv, results.csv, problems.csv and a feedback page per student."""

from __future__ import annotations

import html
import re
from pathlib import Path

from grading.course import lesson_of


def _file_key(student: str) -> str:
    return re.sub(r"[^\w.-]+", "_", student)[:100] or "student"


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
    pd.DataFrame(rows).to_csv(out / "gradebook.csv", index=False)
    pd.DataFrame(details, columns=["student", "exercise", "status", "message", "hint", "typed_as_literal"]).to_csv(
        out / "results.csv", index=False)
    pd.DataFrame(problems, columns=["student", "problem"]).to_csv(out / "problems.csv", index=False)
    (out / "feedback").mkdir(exist_ok=True)
    for result in results:
        (out / "feedback" / f"{_file_key(result['student'])}.html").write_text(feedback_page(result, exercises),
                                                                                encoding="utf-8")


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


