"""Read docs/glossary.md and find where the course first uses each of its terms.

A glossary entry is one line:

    <a id="moratorium"></a>**moratorium** (also: moratoria) · first used in lesson 01 — definition…

The term is the bold text; ``also:`` lists other spellings. Its *first use* is the first
Markdown cell of a lesson, in course order (00, 00p, 01 …), whose text
matches the term as a whole word, case-insensitively, ignoring code spans and links' targets.
"""

from __future__ import annotations

import re
from pathlib import Path

import jupytext

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "docs" / "glossary.md"
ENTRY = re.compile(r'^<a id="([a-z0-9-]+)"></a>\*\*([^*]+)\*\*(?: \(also: ([^)]*)\))? · first used in '
                   r'(?:lesson|exercises) (\d\dp?)\b', re.MULTILINE)


def entries() -> list[dict]:
    text = GLOSSARY.read_text(encoding="utf-8")
    return [{"anchor": a, "term": t, "also": [x.strip() for x in (also or "").split(",") if x.strip()],
             "lesson": lesson} for a, t, also, lesson in ENTRY.findall(text)]


def pattern(entry: dict) -> re.Pattern:
    words = [entry["term"], *entry["also"]]
    alternatives = "|".join(re.escape(w).replace("'", "['’]") for w in words)
    case = 0 if any(w.isupper() or w[:1].isupper() and w[1:2].isupper() for w in words) else re.IGNORECASE
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?:e?s)?(?![\w-])", case)


def course_order() -> list[Path]:
    """Lesson sources in course order (00, 00p, 01, …): where terms are defined and linked."""
    return sorted((ROOT / "notebooks" / "source").glob("*.py"))


def markdown_cells(path: Path) -> list[str]:
    return [cell.source for cell in jupytext.read(path, fmt="py:percent").cells if cell.cell_type == "markdown"]


def prose(text: str) -> str:
    """Markdown without code spans, code blocks and link targets (but with link texts)."""
    text = re.sub(r"```.*?```", " ", text, flags=re.DOTALL)
    text = re.sub(r"`[^`]*`", " ", text)
    return re.sub(r"\]\([^)]*\)", "]", text)


def first_use(entry: dict):
    """(path, cell index, cell text) of the term's first use in the course, or None."""
    found = pattern(entry)
    for path in course_order():
        for index, cell in enumerate(markdown_cells(path)):
            if found.search(prose(cell)):
                return path, index, cell
    return None
