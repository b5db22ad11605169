"""Written answers marked in one place: one marking sheet per written question, levels in a CSV.

``write_sheets`` writes, for each written question of the graded problem sets,

* ``marking/<question>.html``: every student's answer side by side with the rubric levels
  (the question as that student saw it, since variants differ), readable in a browser;
* ``marking/<question>.csv``: one row per answer, ``marking_id,level,comment``, with ``level``
  empty for the instructor to fill in (0 = no credit up to the top level of the config).

With ``anonymise=True`` the sheets and CSVs carry only a random marking id per student; the
ids are resolved to logins in ``marking/identities.csv``, which only :func:`read_levels`
reads, at the merge. The marker never sees a name.
"""

from __future__ import annotations

import csv
import html
import secrets
from collections.abc import Iterable, Mapping
from pathlib import Path

from grading.variants import ProblemSet

IDENTITIES = "identities.csv"


def _written(problem_set: ProblemSet):
    return [q for q in problem_set.questions if q.kind == "written"]


def write_sheets(submissions: Iterable[Mapping], problem_sets: Mapping[str, ProblemSet], out: Path, *,
                 levels: int = 3, anonymise: bool = False) -> list[Path]:
    """``submissions``: dicts with ``student`` (login), ``lesson``, ``variant`` and ``answers``
    (question id -> value). Returns the sheets written."""
    folder = Path(out) / "marking"
    folder.mkdir(parents=True, exist_ok=True)
    submissions = list(submissions)
    identities: dict[str, str] = {}
    if anonymise:
        for entry in sorted({s["student"] for s in submissions}):
            identities[entry] = f"M{secrets.token_hex(4)}"
        with open(folder / IDENTITIES, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["marking_id", "student"])
            writer.writerows(sorted((m, s) for s, m in identities.items()))
    written = []
    handed_in = {s["lesson"] for s in submissions}
    for lesson, problem_set in sorted(problem_sets.items()):
        if lesson not in handed_in:  # no empty sheets for a set nobody handed in
            continue
        for question in _written(problem_set):
            qid = problem_set.qid(question)
            rows = sorted((identities.get(s["student"], s["student"]), s) for s in submissions if s["lesson"] == lesson)
            with open(folder / f"{qid}.csv", "w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(["marking_id", "level", "comment"])
                writer.writerows([marking_id, "", ""] for marking_id, _ in rows)
            page = folder / f"{qid}.html"
            page.write_text(_sheet(problem_set, question, rows, levels), encoding="utf-8")
            written.append(page)
    return written


def _sheet(problem_set: ProblemSet, question, rows, levels: int) -> str:
    e = html.escape
    rubric = "".join(f"<li value='{i}'>{e(text)}</li>" for i, text in enumerate(question.rubric[:levels], start=1))
    body = []
    for marking_id, submission in rows:
        answer = submission["answers"].get(problem_set.qid(question))
        text = answer.strip() if isinstance(answer, str) else ""
        asked = question.render(question.text, problem_set.params(submission["variant"]))
        body.append(f"<tr><th scope='row'>{e(marking_id)}</th><td class='asked'>{e(asked)}</td>"
                    f"<td class='answer'>{e(text) if text else '<em>no answer</em>'}</td><td></td></tr>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Marking sheet {e(problem_set.qid(question))}</title>
<style>body{{font-family:sans-serif;margin:2em}}td,th{{border:1px solid #999;padding:.4em;vertical-align:top;text-align:left}}
table{{border-collapse:collapse;width:100%}}.answer{{white-space:pre-wrap;width:50%}}.asked{{font-size:.85em;color:#444;width:25%}}</style></head>
<body><h1>{e(problem_set.qid(question))}: {e(question.title)}</h1>
<p>{question.points:g} points. Enter a level per row in <code>{e(problem_set.qid(question))}.csv</code>
(0 = no credit; each level earns its share of the points). Rubric levels:</p>
<ol start="1">{rubric}</ol>
<table><caption>{len(rows)} answers</caption><thead><tr><th scope="col">Marking id</th><th scope="col">Question as asked</th>
<th scope="col">Answer</th><th scope="col">Level</th></tr></thead><tbody>{''.join(body)}</tbody></table></body></html>
"""


def marked_sheets(out: Path) -> list[str]:
    """The marking CSVs in ``out/marking`` in which a level has been entered (grading again
    into ``out`` would write them afresh)."""
    marked = []
    for sheet in sorted((Path(out) / "marking").glob("ps*.csv")):
        with open(sheet, encoding="utf-8-sig") as handle:
            if any((row.get("level") or "").strip() for row in csv.DictReader(handle)):
                marked.append(sheet.name)
    return marked


def read_levels(out: Path, *, levels: int = 3) -> tuple[dict[str, dict[str, int]], list[str]]:
    """Student -> {question id: level} from the filled-in CSVs, and the problems found in them."""
    folder = Path(out) / "marking"
    identities = {}
    if (folder / IDENTITIES).exists():
        with open(folder / IDENTITIES, encoding="utf-8") as handle:
            identities = {row["marking_id"]: row["student"] for row in csv.DictReader(handle)}
    found: dict[str, dict[str, int]] = {}
    problems = []
    for sheet in sorted(folder.glob("ps*.csv")):
        qid = sheet.stem
        with open(sheet, encoding="utf-8-sig") as handle:
            for row in csv.DictReader(handle):
                marking_id, level = (row.get("marking_id") or "").strip(), (row.get("level") or "").strip()
                student = identities.get(marking_id, marking_id) if identities else marking_id
                if identities and marking_id not in identities:
                    problems.append(f"{sheet.name}: marking id {marking_id!r} is not one this sheet was written with")
                    continue
                if level == "":
                    problems.append(f"{sheet.name}: {marking_id} has no level yet")
                    continue
                if not level.isdigit() or not 0 <= int(level) <= levels:
                    problems.append(f"{sheet.name}: {marking_id} has level {level!r}; levels run from 0 to {levels}")
                    continue
                found.setdefault(student, {})[qid] = int(level)
    return found, problems
