"""Issue and grade the private problem sets, from "issue variants" to "upload grades".

    python -m grading.problemsets keygen [--key ~/.summitlab/course.key]
    python -m grading.problemsets issue  --roster roster.csv --lessons 01,02 --out issued/ [--per-student]
    python -m grading.problemsets grade  SUBMISSIONS --roster roster.csv --out graded/ [--per-student]
                                         [--config grading.json] [--anonymise]
    python -m grading.problemsets merge  --roster roster.csv --out graded/ [--config grading.json]

``issue`` writes one notebook per student and problem set (``<login>__ps01.ipynb``), with
that student's slice of the data written into the text. ``grade`` runs each handed-in
notebook in the grader's sandbox (grading/sandbox.py), captures the answer variables,
scores them (grading/points.py), writes one marking sheet per written question
(grading/marking.py), a feedback page per student and problem set, and the gradebooks
``canvas.csv`` and ``moodle.csv`` (grading/lms.py) joined to the roster (grading/roster.py).
``merge`` reads the levels entered in ``marking/*.csv`` and writes the gradebooks again.
The key is read by the grader's own process only; the sandbox holds nothing but the notebook, a
copy of ``summitlab`` without exercise definitions, and ``data/``.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import html
import json
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from grading import lms, marking, points, roster as rosters, variants

LIMITS = {"cell_timeout": 60, "notebook_timeout": 300, "memory_mb": 2048}  # grading.sandbox.Limits
_PS = re.compile(r"ps(\d\d)")


def item_name(lesson: str) -> str:
    """The gradebook column (Canvas assignment / Moodle grade item) of a problem set."""
    return f"Summit Lab problem set {lesson}"


# --- issue -------------------------------------------------------------------------------------

def issue(key: bytes, roster, lessons: Iterable[str], out: Path, *, per_student: bool = False) -> list[Path]:
    import nbformat

    sets = variants.problem_sets()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for row in roster.itertuples():
        for lesson in lessons:
            ps = sets[lesson]
            variant = ps.variant(key, row.login if per_student else "")
            notebook = variants.student_notebook(ps, variant, student=row.name or row.login)
            notebook.metadata["summitlab"] = {"problem_set": lesson}
            path = out / f"{row.login}__{ps.id}.ipynb"
            nbformat.write(notebook, path)
            written.append(path)
    return written


# --- run a handed-in notebook in the sandbox ---------------------------------------------------

def lesson_of(notebook: dict, name: str) -> str | None:
    tagged = str(notebook.get("metadata", {}).get("summitlab", {}).get("problem_set", ""))
    if tagged in variants.problem_sets():
        return tagged
    found = _PS.search(name)
    return found.group(1) if found else None


def run_submission(notebook: dict, ps: variants.ProblemSet, backend, scratch: Path,
                   limits: Mapping = LIMITS) -> tuple[dict, list[str]]:
    """Run one problem-set notebook (its cells as ``grading.bundles.parse_notebook`` gives them)
    in the grader's sandbox (grading/sandbox.py); return its answers (question id -> value,
    rebuilt from plain data in this process) and its problems."""
    from grading import answers as channel
    from grading import sandbox
    from grading.cli import program_for, stop_reason
    from grading.judge import rebuild

    wanted = variants.answer_names(ps)
    bounds = sandbox.Limits(**limits)
    outcome = backend.run(program_for(notebook, wanted, bounds.cell_timeout), bounds, scratch)
    report = channel.read(outcome.data, outcome.truncated, set(wanted))
    problems = [why for why in [stop_reason(report, outcome, bounds)] if why]
    problems += [text for _, text in sorted(report.errors)][:5]
    found = {}
    for qid in wanted:
        plain, _ = report.answers.get(qid, (None, None))
        try:
            found[qid] = None if plain is None or plain.get("kind") in ("undefined", "unreadable") else rebuild(plain)
        except Exception as error:
            problems.append(f"{qid}: the answer could not be read back ({type(error).__name__})")
            found[qid] = None
    return found, problems


# --- score a class and write everything ---------------------------------------------------------

def score_entries(entries: Iterable[Mapping], config: Mapping = points.DEFAULT_CONFIG) -> dict:
    """``entries``: dicts with student, name, lesson, variant, answers (question id -> value)
    and problems. Returns the scores as plain data: {student: {"name", "lessons": {lesson:
    {"variant", "problems", "scores": [...]}}}}."""
    sets = variants.problem_sets()
    scored: dict = {}
    for entry in entries:
        ps = sets[entry["lesson"]]
        student = scored.setdefault(entry["student"], {"name": entry.get("name", ""), "lessons": {}})
        scores = points.score_answers(ps, entry["variant"], entry["answers"], config)
        for s, q in zip(scores, ps.questions):
            s["answered"] = q.kind != "written" or bool(str(entry["answers"].get(ps.qid(q)) or "").strip())
        student["lessons"][entry["lesson"]] = {"variant": dict(entry["variant"]), "problems": list(entry.get("problems", [])),
                                               "scores": scores}
    return scored


def apply_levels(scored: dict, levels: Mapping[str, Mapping[str, int]], config: Mapping = points.DEFAULT_CONFIG) -> dict:
    sets = variants.problem_sets()
    for student, data in scored.items():
        for lesson, entry in data["lessons"].items():
            ps = sets[lesson]
            for s, q in zip(entry["scores"], ps.questions):
                level = levels.get(student, {}).get(s["question"])
                if q.kind == "written" and level is not None and s.get("answered"):
                    answered = s["answered"]
                    s.update(points.score(ps, q, entry["variant"], "answered", config, level=level))
                    s["answered"] = answered
    return scored


def write_outputs(scored: dict, out: Path, roster=None, *, anonymise: bool = False,
                  config: Mapping = points.DEFAULT_CONFIG, entries: Iterable[Mapping] = (),
                  ungraded: Mapping[str, list[str]] | None = None) -> dict:
    """results.csv, feedback pages, marking sheets (when ``entries`` carry the written answers),
    canvas.csv, moodle.csv and roster.txt; returns the lists of mismatches."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "scores.json").write_text(json.dumps(scored, indent=1, default=str), encoding="utf-8")
    sets = variants.problem_sets()
    entries = list(entries)
    if entries:
        marking.write_sheets(entries, sets, out, levels=int(config.get("levels", 3)), anonymise=anonymise)
    lessons = sorted({lesson for data in scored.values() for lesson in data["lessons"]})
    with open(out / "results.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", "question", "status", "points", "max", "earned", "lost"])
        for student, data in sorted(scored.items()):
            for lesson, entry in sorted(data["lessons"].items()):
                for s in entry["scores"]:
                    writer.writerow([lms._safe(student), s["question"], s["status"],
                                     "" if s["points"] is None else s["points"], s["max"],
                                     lms._safe(s["earned"]), lms._safe(s["lost"])])
    (out / "feedback").mkdir(exist_ok=True)
    for student, data in scored.items():
        for lesson, entry in data["lessons"].items():
            name = re.sub(r"[^\w.-]+", "_", student)[:80] or "student"
            (out / "feedback" / f"{name}__ps{lesson}.html").write_text(feedback_page(student, data, lesson, entry),
                                                                      encoding="utf-8")
    if roster is None:
        roster = rosters.pd.DataFrame({"login": sorted(scored), "name": [scored[s]["name"] for s in sorted(scored)]})
        for column in rosters.COLUMNS:
            if column not in roster:
                roster[column] = ""
    joined, not_on_roster, missing = rosters.join(roster, list(scored))
    items = {item_name(l): sum(points.points_of(sets[l], q, config) for q in sets[l].questions) for l in lessons}
    rows = []
    for person in joined.to_dict("records"):
        data = scored.get(person["login"], {"lessons": {}})
        row = dict(person)
        for lesson in lessons:
            entry = data["lessons"].get(lesson)
            row[item_name(lesson)] = points.total(entry["scores"])[0] if entry else None
        rows.append(row)
    lms.write_canvas(rows, items, out / "canvas.csv")
    notes = {s: {item_name(l): f"{points.total(e['scores'])[0]:g} of {points.total(e['scores'])[1]:g}: see your feedback page"
                 for l, e in d["lessons"].items()} for s, d in scored.items()}
    lms.write_moodle(rows, items, out / "moodle.csv", feedback=notes)
    (out / "roster.txt").write_text(
        "Submissions whose login is not on the roster (not in the gradebooks):\n"
        + "".join(f"  {s}\n" for s in not_on_roster) + "Roster students with no submission:\n"
        + "".join(f"  {s}\n" for s in missing)
        + "Students who handed in files of which nothing was graded, and why:\n"
        + "".join(f"  {s}: {'; '.join(why)}\n" for s, why in sorted((ungraded or {}).items())), encoding="utf-8")
    return {"not_on_roster": not_on_roster, "missing": missing, "ungraded": sorted(ungraded or {})}


def _shown(value) -> str:
    return "" if value is None else f"{value:g}"


def feedback_page(student: str, data: Mapping, lesson: str, entry: Mapping) -> str:
    e = html.escape
    got, possible = points.total(entry["scores"])
    rows = "".join(f"<tr><td>{e(s['question'])}</td><td>{e(s['status'])}</td>"
                   f"<td>{_shown(s['points'])} / {s['max']:g}</td>"
                   f"<td>{e(s['earned'])}</td><td>{e(s['lost'])}</td></tr>" for s in entry["scores"])
    problems = "".join(f"<li>{e(p)}</li>" for p in entry.get("problems", []))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Problem set {e(lesson)}: {e(student)}</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}td,th{{border:1px solid #999;padding:.3em .6em;text-align:left;vertical-align:top}}table{{border-collapse:collapse}}</style></head>
<body><h1>Problem set {e(lesson)}: {e(data.get('name') or student)}</h1>
<p>{got:g} of {possible:g} points. Written answers count once your instructor has marked them.</p>
{f'<h2>About your submission</h2><ul>{problems}</ul>' if problems else ''}
<table><caption>Points per question</caption><thead><tr><th scope="col">Question</th><th scope="col">Result</th>
<th scope="col">Points</th><th scope="col">What earned points</th><th scope="col">What lost points</th></tr></thead>
<tbody>{rows}</tbody></table></body></html>
"""


# --- the command line ---------------------------------------------------------------------------

def grade(submissions: Path, key: bytes, out: Path, roster, *, per_student: bool, config: Mapping,
          anonymise: bool, limits: Mapping = LIMITS, jobs: int = 1, sandbox_kind: str = "auto") -> dict:
    """Grade every problem-set notebook in ``submissions``. The sandbox holds a private copy of
    ``summitlab`` (without exercise definitions) and ``data/`` only: never the key, the
    submissions or the output."""
    from grading import sandbox
    from grading.bundles import discover

    sets = variants.problem_sets()
    students, _ = discover(submissions)
    names = dict(zip(roster["login"], roster["name"])) if roster is not None else {}
    work, ungraded = [], {}
    for student, files in sorted(students.items()):
        found, problems = _handed_in(files, sets)
        by_lesson: dict[str, list[tuple[str, dict]]] = {}
        for lesson, label, notebook in found:
            by_lesson.setdefault(lesson, []).append((label, notebook))
        for lesson, copies in sorted(by_lesson.items()):
            copies.sort(key=lambda copy: copy[0].rsplit(".", 1)[0])  # by name without ".ipynb": ps01 before ps01-2
            label, notebook = copies[-1]
            more = [] if len(copies) == 1 else [
                f"{len(copies)} notebooks for problem set {lesson} ({', '.join(l for l, _ in copies)}): graded {label}, "
                "the last by name; the others were not graded"]
            work.append((student, lesson, notebook, problems + more))
        if not by_lesson:
            ungraded[student] = problems or ["no problem-set notebook was handed in"]
    run_root = Path(tempfile.mkdtemp(prefix="summitlab-problemsets-"))
    try:
        backend = sandbox.choose(sandbox_kind, sandbox.prepare_course(run_root / "course"))

        def one(job):
            student, lesson, notebook, problems = job
            ps = sets[lesson]
            scratch = Path(tempfile.mkdtemp(prefix="scratch-", dir=run_root))
            try:
                found, more = run_submission(notebook, ps, backend, scratch, limits)
                problems = problems + more
            except Exception as error:  # never let one submission stop the class
                found = {}
                problems = problems + [f"grading failed: {type(error).__name__}: {str(error)[:300]}"]
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
            return {"student": student, "name": names.get(student, ""), "lesson": lesson,
                    "variant": ps.variant(key, student if per_student else ""), "answers": found, "problems": problems}

        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            entries = list(pool.map(one, work))
    finally:
        shutil.rmtree(run_root, ignore_errors=True)
    scored = score_entries(entries, config)
    out.mkdir(parents=True, exist_ok=True)
    (out / "ungraded.json").write_text(json.dumps(ungraded, indent=1), encoding="utf-8")
    return write_outputs(scored, out, roster, anonymise=anonymise, config=config, entries=entries, ungraded=ungraded)


def _handed_in(files: Iterable[Path], sets: Mapping) -> tuple[list[tuple[str, str, dict]], list[str]]:
    """One student's files as (lesson, label, notebook) for each problem-set notebook, in the
    order of their names, and the problems met (files not graded, and why)."""
    from grading.bundles import display_name, parse_notebook, unpack

    found, problems = [], []
    for path in files:
        label = display_name(path.name)
        if path.suffix.lower() == ".zip":  # the bundle sl.save_work writes: its problem-set notebooks, by name
            _, inside = unpack([path], problems)
            kept = [(lesson_of(notebook, name), f"{label}/{name}", notebook) for name, notebook in inside]
            kept = [item for item in kept if item[0] in sets]
            if not kept and inside:
                problems.append(f"{label} holds no problem-set notebook (psNN in its name); nothing in it was graded")
            found += kept
            continue
        if path.is_symlink() or not path.is_file():
            problems.append(f"{label} is a symbolic link or not a regular file; not graded")
            continue
        if path.stat().st_size > 20 * 2**20:
            problems.append(f"{label} is larger than 20 MB; not graded")
            continue
        data = path.read_bytes()
        try:
            lesson = lesson_of(json.loads(data.decode("utf-8")), path.name)
        except (ValueError, UnicodeDecodeError, AttributeError, TypeError, RecursionError):
            lesson = None
        notebook = parse_notebook(data, label, problems)
        if notebook is None:
            continue
        if lesson in sets:
            found.append((lesson, label, notebook))
        else:
            problems.append(f"{label} is not a problem-set notebook (no psNN in its name or metadata); not graded")
    return found, problems


def merge(out: Path, roster, config: Mapping) -> tuple[dict, list[str]]:
    scored = json.loads((out / "scores.json").read_text(encoding="utf-8"))
    levels, problems = marking.read_levels(out, levels=int(config.get("levels", 3)))
    apply_levels(scored, levels, config)
    ungraded_file = out / "ungraded.json"
    ungraded = json.loads(ungraded_file.read_text(encoding="utf-8")) if ungraded_file.exists() else {}
    return write_outputs(scored, out, roster, config=config, ungraded=ungraded), problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("keygen", "issue", "grade", "merge"):
        command = sub.add_parser(name)
        command.add_argument("--key", default=str(variants.DEFAULT_KEY), help="the private course key (outside the repository)")
        if name == "keygen":
            command.add_argument("--force", action="store_true")
            continue
        command.add_argument("--roster", help="LMS roster export (Canvas, Moodle or login,name,sis_id,section)")
        command.add_argument("--out", required=True)
        command.add_argument("--config", help="grading config (JSON): points, partial, levels")
        command.add_argument("--per-student", action="store_true", help="one variant per student, not one per class")
        if name == "issue":
            command.add_argument("--lessons", default="01,02,03,04,05,06,07")
        if name == "grade":
            command.add_argument("submissions")
            command.add_argument("--anonymise", action="store_true", help="hide names on the marking sheets")
            command.add_argument("--jobs", type=int, default=2, help="notebooks run at once")
            command.add_argument("--sandbox", default="auto", choices=["auto", "bwrap", "docker", "podman"],
                                 help="where student code runs (grading/sandbox.py; as for python -m grading)")
    args = parser.parse_args(argv)
    try:
        return _run(parser, args)
    except (ValueError, OSError) as error:  # a wrong path or file: one line, no traceback
        if isinstance(error, FileNotFoundError) and Path(error.filename or "") == Path(args.key).expanduser():
            error = f"no course key at {args.key}: make one with `keygen` (or name yours with --key)"
        print(f"Stopped: {error}", file=sys.stderr)
        return 2


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.command == "keygen":
        print(f"wrote {variants.keygen(Path(args.key), force=args.force)}; keep it private and backed up")
        return 0
    roster = rosters.read_roster(args.roster) if args.roster else None
    config = points.load_config(args.config)
    out = Path(args.out)
    if args.command == "grade" and marking.marked_sheets(out):
        print(f"Not grading: {out} already holds the levels you entered in "
              f"{', '.join('marking/' + name for name in marking.marked_sheets(out))}; grading writes the "
              "marking sheets afresh: grade into another --out folder",
              file=sys.stderr)
        return 2
    if args.command == "issue":
        if roster is None:
            parser.error("issue needs --roster")
        paths = issue(variants.read_key(args.key), roster, args.lessons.split(","), out, per_student=args.per_student)
        print(f"wrote {len(paths)} notebooks to {out}")
    elif args.command == "grade":
        from grading import sandbox

        try:
            report = grade(Path(args.submissions), variants.read_key(args.key), out, roster, per_student=args.per_student,
                           config=config, anonymise=args.anonymise, jobs=args.jobs, sandbox_kind=args.sandbox)
        except sandbox.SandboxUnavailable as error:
            print(f"Not grading: {error}", file=sys.stderr)
            return 2
        print(f"graded; see {out}/roster.txt ({len(report['not_on_roster'])} not on the roster, "
              f"{len(report['missing'])} without a submission, {len(report['ungraded'])} with nothing graded) "
              f"and {out}/marking/")
    else:
        report, problems = merge(out, roster, config)
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"merged the marks into {out}/canvas.csv and {out}/moodle.csv")
    return 0


if __name__ == "__main__":
    sys.exit(main())
