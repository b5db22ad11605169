"""The glossary (docs/glossary.md) and the lessons agree on where each term is defined.

A lesson *defines* a term by writing it in bold and linking it to its glossary entry,
``[**moratorium**](../docs/glossary.md#moratorium)``. For every entry: the term's first use in
the lessons (course order, see tests/glossary_terms.py) is in the lesson the entry names, and
that lesson links the term, in bold, in the cell of its first use or an earlier one. Every link
to the glossary in lessons, exercises and docs points at an entry, and the docs' own links resolve.
"""

import re
from pathlib import Path

import pytest

import glossary_terms as g

ROOT = g.ROOT
ENTRIES = g.entries()
LINK = re.compile(r"\[([^\]]*)\]\((?:\.\./)*docs/glossary\.md#([a-z0-9-]+)\)|\[([^\]]*)\]\(glossary\.md#([a-z0-9-]+)\)")


def test_the_glossary_has_entries_with_unique_anchors():
    assert len(ENTRIES) >= 20
    anchors = [e["anchor"] for e in ENTRIES]
    assert len(anchors) == len(set(anchors))
    # Every entry line was parsed (none with a typo in its "first used in" part).
    assert len(ENTRIES) == g.GLOSSARY.read_text(encoding="utf-8").count('<a id="')


def test_the_term_parser_finds_whole_words_only():
    entry = {"anchor": "x", "term": "freeze", "also": [], "lesson": "01"}
    assert g.pattern(entry).search("a freeze on testing") and g.pattern(entry).search("two freezes")
    assert not g.pattern(entry).search("antifreeze") and not g.pattern(entry).search("freeze-for-freeze")
    assert g.prose("see `freeze` and [x](freeze.md)") .count("freeze") == 0


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["anchor"])
def test_the_first_use_is_in_the_named_lesson_and_links_here(entry):
    found = g.first_use(entry)
    assert found, f"no lesson uses {entry['term']!r}: drop the entry or use the term"
    path, index, _ = found
    lesson = path.name.split("-")[0]
    assert lesson == entry["lesson"], (
        f"{entry['term']!r} is first used in lesson {lesson} ({path.name}, Markdown cell {index}), "
        f"but the glossary says lesson {entry['lesson']}")
    linked = [
        text for cell in g.markdown_cells(path)[: index + 1]
        for text, anchor in ((m[0] or m[2], m[1] or m[3]) for m in LINK.findall(cell))
        if anchor == entry["anchor"]
    ]
    assert linked, (f"{path.name}: link the first use of {entry['term']!r} (Markdown cell {index}) as "
                    f"[**{entry['term']}**](../docs/glossary.md#{entry['anchor']})")
    assert any(text.startswith("**") and text.endswith("**") for text in linked), \
        f"{path.name}: the link to #{entry['anchor']} should show the term in bold (its definition)"


LINKING = [*sorted((ROOT / "notebooks" / "source").glob("*.py")), *sorted((ROOT / "exercises" / "source").glob("*.py")),
           *sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md", *sorted((ROOT / "tools").glob("make_notebooks.py"))]


@pytest.mark.parametrize("path", LINKING, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_link_to_the_glossary_points_at_an_entry(path):
    anchors = {e["anchor"] for e in ENTRIES}
    text = path.read_text(encoding="utf-8")
    wrong = [m[1] or m[3] for m in LINK.findall(text) if (m[1] or m[3]) not in anchors]
    assert not wrong, f"{path.name} links unknown glossary entries: {wrong}"


@pytest.mark.parametrize("page", sorted((ROOT / "docs").glob("*.md")), ids=lambda p: p.name)
def test_docs_links_resolve(page):
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            continue
        if not (page.parent / target.split("#", 1)[0]).resolve().exists():
            broken.append(target)
    assert not broken, f"{page.name} has broken links: {broken}"
