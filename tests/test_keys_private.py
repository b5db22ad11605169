"""Keys stay private: the site's pages and the student release hold no rubric example answer,
no assessment-bank key and no graded problem set's parameters or model solutions.

Cheap: it checks the file selection of tools/build_site.py (the staged pages, before any
Sphinx build) and of tools/release.py (the tracked files it keeps), not a full build.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import build_site  # noqa: E402
import export_quizzes  # noqa: E402
import release  # noqa: E402

from grading import variants  # noqa: E402


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def secrets() -> dict[str, list[str]]:
    """What must never be published, as whitespace-normalised snippets."""
    rubrics = (ROOT / "instructors" / "rubrics.md").read_text(encoding="utf-8")
    examples = [words(m) for m in re.findall(r"^- \*\*[0-3]\*\* — (.+)$", rubrics, re.MULTILINE) if len(m) >= 40]
    keys = []
    for bank in export_quizzes.bank_names():
        for item in export_quizzes.parse(bank):
            sentence = words(item.feedback).split(". ")[0]
            if len(sentence) >= 40:
                keys.append(sentence)
    solutions = set()

    def lines(ps, variant) -> set[str]:
        return {words(line) for code in variants.solution_code(ps, variant)[1:] for line in code.splitlines()
                if len(line.strip()) >= 30}

    # The lessons and the practice exercises with their model answers (public in the course
    # repository; the instructors' site shows them).
    taught = [p.read_text(encoding="utf-8") for folder in ("notebooks/source", "exercises/source")
              for p in (ROOT / folder).glob("*.py")]
    taught += [published_text(read(ROOT, [p.relative_to(ROOT).as_posix()]))
               for p in (ROOT / "exercises").glob("*.ipynb")]
    taught = words("\n".join(line.strip().lstrip("#") for text in taught for line in text.splitlines()))
    for ps in variants.problem_sets().values():
        public = lines(ps, ps.public)  # what the public slice's model answer would show anyway
        for variant in ps.domain:
            # The lines a variant's parameters are written into, unless the course shows the same
            # code anyway.
            solutions |= {line for line in lines(ps, variant) - public if line not in taught}
    return {"rubric example answers": examples, "bank keys": keys, "problem-set solutions": sorted(solutions)}


def published_text(files: dict[str, str]) -> str:
    parts = []
    for name, text in files.items():
        if name.endswith(".ipynb"):
            text = "\n".join("".join(c["source"]) for c in json.loads(text)["cells"])
        parts.append(text)
    return words("\n".join(parts))


def read(folder: Path, names) -> dict[str, str]:
    found = {}
    for name in names:
        try:
            found[name] = (folder / name).read_text(encoding="utf-8")
        except (UnicodeDecodeError, IsADirectoryError):
            continue
    return found


def leaks(text: str) -> list[str]:
    return [f"{kind}: {snippet[:80]}" for kind, snippets in secrets().items() for snippet in snippets if snippet in text]


def test_the_secrets_are_real():
    found = secrets()
    assert all(len(snippets) > 20 for snippets in found.values()), {k: len(v) for k, v in found.items()}
    rubrics = words((ROOT / "instructors" / "rubrics.md").read_text(encoding="utf-8"))
    assert leaks(rubrics)  # the search finds what the rubrics hold: it is not vacuous


@pytest.mark.parametrize("solutions", [False, True], ids=["student site", "instructor site"])
def test_the_site_publishes_no_key(tmp_path, solutions):
    parts = build_site.stage_pages(tmp_path, solutions=solutions)
    pages = [name for names in parts.values() for name in names]
    assert "instructors/grading" in pages and "instructors/rubrics" not in pages
    assert {"capstone/rubric", "capstone/exemplar"} <= set(pages)  # for students: checked like the rest
    assert not any(name.startswith(("instructors/assessment", "grading/")) for name in pages)
    staged = [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()]
    assert leaks(published_text(read(tmp_path, staged))) == []


def test_the_student_release_holds_no_key():
    files = release.release_files()
    assert not any(name.startswith(("instructors/", "grading/")) or name.endswith("export_quizzes.py")
                   for name in files)
    assert leaks(published_text(read(ROOT, [f for f in files if f.endswith((".md", ".ipynb", ".py", ".txt"))]))) == []
