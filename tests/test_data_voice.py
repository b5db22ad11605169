"""The data speak to students: what was checked and when, not the authors' working process.

Source notes, codebooks and the tables' prose cells must not describe "this session", a
"stored copy", "live web" access or searches made with the authors' tools; they say, in plain
words, what could or could not be consulted and when (e.g. "could not be consulted when this
entry was written (November 2026)"). Honest uncertainty stays: only its wording is checked.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
# Development language, and what to say instead.
WORDING = re.compile(
    r"\b(in |of )?this session\b|\blive web\b|\bstored (copy|copies|excerpt|web pages?)\b"
    r"|\bmirror copy\b|\bsearch(es|ed)? (of|in|with|for) stored\b|\bnot captured\b|\bsearch tool\b",
    re.IGNORECASE)
TITLE_FIELDS = {"title"}  # headlines that were not shown are marked in titles; notes explain them


def _cells():
    for path in sorted(DATA.rglob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                for column, value in row.items():
                    if isinstance(value, list):  # cells beyond the header (restkey)
                        value = ",".join(value)
                    if column not in TITLE_FIELDS and value:
                        yield f"{path.relative_to(DATA)}:{number} {column}", value
    for path in sorted(DATA.rglob("*.md")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            yield f"{path.relative_to(DATA)}:{number}", line


def test_no_development_language_in_the_data():
    found = [f"{where}: {WORDING.search(text).group(0)!r}" for where, text in _cells() if WORDING.search(text)]
    assert found == []


@pytest.mark.parametrize("text", [
    "The page itself was not opened in this session (no live web).",
    "Headline not shown in the stored copy.",
    "Seven searches of stored web pages did not return it.",
    "read in a mirror copy",
])
def test_the_wording_check_catches_development_language(text):
    assert WORDING.search(text)


def test_the_rewritten_notes_keep_their_caveats():
    notes = {row["source_id"]: row["note"] for row in csv.DictReader((DATA / "sources.csv").open(encoding="utf-8"))}
    usgs = [note for sid, note in notes.items() if sid.startswith("usgs-") and "event" in sid]
    assert len(usgs) == 6 and all("could not be consulted when this entry was written" in n for n in usgs)
    assert "left empty rather than guessed" in notes["washingtonpost-2019-01-24-rapp-hooper-what-not-to-expect"]
