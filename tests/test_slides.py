"""The lesson slide decks (tools/build_slides.py): built from the executed lessons, then opened in
one Chromium session with every request beyond this machine blocked.

Each deck must start with its lesson's title and carry a slide for each of its sections (so a
deck cannot drift from its lesson), draw every chart the lesson draws, log no console error,
carry the instructor guide's plan as speaker notes, and pass axe-core with no serious or
critical violation (in the normal view and in the print view, where every slide is laid out;
report in test-artifacts/a11y/slides.md). One deck is printed to PDF.

The decks are built into a temporary folder: from the site's build if the session already made
one (test_site.py), otherwise by executing the lessons (about a minute on two cores).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest

import axe_check
import lab_browser
import site_build
from test_site import browser  # noqa: F401  (one Chromium for the module, as on the site)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import build_slides  # noqa: E402

LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))
_MISSING = lab_browser.missing_requirements() or (
    None if (build_slides.NODE_MODULES / "reveal.js").exists()
    else "reveal.js is missing: run `npm ci --prefix site`")
needs_browser = pytest.mark.skipif(_MISSING is not None and not os.environ.get("CI"),
                                   reason=_MISSING or "")


# --- without a browser ------------------------------------------------------------------------

def test_every_lesson_has_a_guide_whose_plan_adds_up():
    for lesson in LESSONS:
        guide = build_slides.read_guide(lesson.stem)
        assert len(guide.plan) >= 4, lesson.stem
        minutes = sum(int(re.match(r"\d+", m).group(0)) for _, _, m in guide.plan)
        assert guide.total and minutes == int(guide.total), (lesson.stem, minutes, guide.total)


def test_a_section_gets_the_plan_segment_and_note_that_name_it():
    guide = build_slides.Guide(
        path=Path("x.md"),
        plan=[("1. Opening", "Read the statement aloud", "5"),
              ("2. Live coding", "The heatmap of earlier agreements", "10")],
        total="15",
        notes=["**Earlier agreements.** Run the heatmap of shares by agreement.", "**Opening.** Read it."],
        discussion="")
    section = build_slides.Section("How does Singapore compare with earlier agreements?")
    notes = build_slides.notes_for(section, guide)
    assert notes[0].startswith("In the plan: **2. Live coding** (10 min)")
    assert notes[1].startswith("**Earlier agreements.**") and len(notes) == 2
    assert build_slides.notes_for(build_slides.Section("Unrelated words entirely"), guide) == []


def test_relative_links_point_to_the_site_pages():
    markup = build_slides._markdown(
        "[a](../data/codebook/events.md), [b](01-crisis-to-summit.ipynb#x), [c](https://e.org/a.md)")
    assert 'href="../data/codebook/events.html"' in markup
    assert 'href="01-crisis-to-summit.html#x"' in markup
    assert 'href="https://e.org/a.md"' in markup


# --- the decks in Chromium --------------------------------------------------------------------

@pytest.fixture(scope="module")
def decks():
    """(folder of decks, folder of executed lessons); removed afterwards."""
    if _MISSING:
        pytest.fail(_MISSING)
    work = Path(tempfile.mkdtemp(prefix="summitlab-slides-test-"))
    try:
        if site_build.built_site.cache_info().currsize:  # the site was built in this session
            built = site_build.built_site().html
            executed = built.parent / "jupyter_execute" / "notebooks"
            yield built / "slides", executed
        else:
            executed = build_slides.execute_lessons(work)
            build_slides.build_decks(executed, work / "slides")
            yield work / "slides", executed
    finally:
        shutil.rmtree(work, ignore_errors=True)


_STATE = """() => ({
  ready: Reveal.isReady(),
  title: document.querySelector('.slides section h1').textContent,
  headings: [...document.querySelectorAll('.slides h2')].map(h => h.textContent),
  slides: Reveal.getTotalSlides(),
  planNotes: document.querySelector('.slides section.title-slide > aside.notes').textContent,
  charts: [...document.querySelectorAll('figure.summitlab-chart')].map(f => ({
    state: f.dataset.drawn || null,
    marks: f.querySelectorAll('svg.marks .role-mark > *').length,
    label: (f.querySelector('svg.marks') || {getAttribute: () => null}).getAttribute('aria-label'),
  })),
})"""
_ALL_DRAWN = build_slides._ALL_DRAWN
_PAGES_LAID_OUT = build_slides._PAGES_LAID_OUT
# Every slide, shown in turn: is its content larger than the slide (cut off on the screen)?
_OVERFLOWING = """async () => {
  const {width, height} = Reveal.getConfig();
  const out = [];
  for (const slide of Reveal.getSlides()) {
    const at = Reveal.getIndices(slide);
    Reveal.slide(at.h, at.v || 0);
    await new Promise(done => setTimeout(done, 30));
    if (slide.scrollHeight > height || slide.scrollWidth > width) {
      const heading = slide.querySelector('h1, h2, h3');
      out.push(`${heading ? heading.textContent : '?'} (${slide.scrollWidth}x${slide.scrollHeight})`);
    }
  }
  Reveal.slide(0, 0);
  return out;
}"""
# In the printed deck: the charts that do not fill the slide's width, or as much of its height as
# their shape allows (a projected chart drawn at its notebook size is half the slide and hard to read).
_SMALL_CHARTS = """() => {
  const height = Reveal.getConfig().height;
  return [...document.querySelectorAll('figure.summitlab-chart svg.marks')].map(svg => {
    const box = svg.getBoundingClientRect(), slide = svg.closest('section').getBoundingClientRect();
    const [, , w, h] = svg.getAttribute('viewBox').split(/[ ,]+/).map(Number);
    const scale = Math.min(box.width / w, box.height / h);  // the viewBox is fitted into the box
    return {label: svg.getAttribute('aria-label'), width: w * scale / slide.width,
            height: h * scale / height};
  }).filter(c => c.width < 0.9 && c.height < 0.7);
}"""


def _lesson_outline(executed: Path, stem: str) -> tuple[str, list[str], int]:
    lesson = build_slides.read_lesson(nbformat.read(executed / f"{stem}.ipynb", as_version=4),
                                      stem)
    shown = [section.title for section in lesson.sections
             if not section.title.lower().startswith(build_slides.SKIPPED_SECTIONS)]
    return lesson.title, shown, sum(len(section.charts) for section in lesson.sections)


def _open(browser, url: str):
    problems: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 800})

    def only_local(route):
        if urlsplit(route.request.url).hostname in lab_browser.LOCAL_HOSTS:
            route.continue_()
        else:
            problems.append(f"tried to reach {route.request.url}")
            route.abort("internetdisconnected")

    context.route("**/*", only_local)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.goto(url, wait_until="load")
    page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=30_000)
    page.wait_for_function(_ALL_DRAWN, timeout=30_000)
    return context, page, problems


@needs_browser
def test_every_deck_renders_offline_draws_its_charts_and_passes_axe(decks, browser):
    folder, executed = decks
    found, report = {}, {}
    with site_build.SiteServer(folder) as server:
        for lesson in LESSONS:
            title, sections, n_charts = _lesson_outline(executed, lesson.stem)
            context, page, problems = _open(browser, f"{server.url}/{lesson.stem}.html")
            try:
                state = page.evaluate(_STATE)
                if state["title"] != title:
                    problems.append(f"title {state['title']!r}, lesson {title!r}")
                missing = [s for s in sections
                           if re.sub(r"[`*]", "", s) not in state["headings"]]
                if missing:
                    problems.append(f"no slide for the sections {missing}")
                if len(state["charts"]) != n_charts or n_charts and state["slides"] <= n_charts:
                    problems.append(f"{len(state['charts'])} charts, the lesson draws {n_charts}")
                for n, chart in enumerate(state["charts"], 1):
                    if chart["state"] != "done" or not chart["marks"] or not chart["label"]:
                        problems.append(f"chart {n} not drawn or unlabelled: {chart}")
                problems += [f"cut off: {slide}" for slide in page.evaluate(_OVERFLOWING)]
                guide = build_slides.read_guide(lesson.stem)
                if not all(segment in state["planNotes"] for segment, _, _ in guide.plan):
                    problems.append("the title slide's notes lack the lesson plan")
                violations = axe_check.run_axe(page)
                page.goto(f"{server.url}/{lesson.stem}.html?print-pdf", wait_until="load")
                page.wait_for_function("() => window.Reveal && Reveal.isReady()")
                page.wait_for_function(_PAGES_LAID_OUT, timeout=30_000)
                page.wait_for_function(_ALL_DRAWN, timeout=30_000)
                problems += [f"chart drawn small ({c['width']:.0%} of the slide's width, "
                             f"{c['height']:.0%} of its height): {c['label']}"
                             for c in page.evaluate(_SMALL_CHARTS)]
                violations += axe_check.run_axe(page)
                report[lesson.stem] = violations
                problems += [f"axe: {line}" for line in axe_check.failing(violations)]
            finally:
                context.close()
            if problems:
                found[lesson.stem] = problems
    axe_check.write_report("slides", report)
    assert not found, "\n".join(f"{deck}:\n  " + "\n  ".join(lines)
                                for deck, lines in found.items())


@needs_browser
def test_a_chart_on_a_slide_is_interactive(decks, browser):
    folder, _ = decks
    with site_build.SiteServer(folder) as server:
        context, page, problems = _open(browser, f"{server.url}/02-singapore-statement.html")
        try:
            index = page.evaluate("""() => {
              const figure = document.querySelector('figure.summitlab-chart');
              return Reveal.getIndices(figure.closest('section'));
            }""")
            page.evaluate("([h, v]) => Reveal.slide(h, v)", [index["h"], index["v"] or 0])
            page.wait_for_timeout(800)  # the slide transition
            box = page.evaluate("""() => {
              const figure = document.querySelector('section.present figure.summitlab-chart');
              const mark = [...figure.querySelectorAll('svg.marks .role-mark > *')]
                .map(m => m.getBoundingClientRect()).find(b => b.width > 0 && b.height > 0);
              return {x: mark.x + mark.width / 2, y: mark.y + mark.height / 2};
            }""")
            page.mouse.move(box["x"], box["y"])
            page.wait_for_function("""() => {
              const tip = document.getElementById('vg-tooltip-element');
              return tip && tip.classList.contains('visible') && tip.innerText.trim();
            }""", timeout=5_000)
            assert not problems, problems
        finally:
            context.close()


@needs_browser
def test_a_deck_prints_to_pdf(decks, browser, tmp_path):
    folder, _ = decks
    deck = tmp_path / "00-start-here.html"
    shutil.copyfile(folder / deck.name, deck)
    shutil.copytree(folder / build_slides.ASSETS, tmp_path / build_slides.ASSETS)
    (pdf,) = build_slides.export_pdfs([deck], browser)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    slides = deck.read_text(encoding="utf-8").count("<section")
    groups = deck.read_text(encoding="utf-8").count("<section><section")
    assert pages >= slides - groups, (pages, re.findall(rb"/Count \d+", data))


def test_notes_name_the_live_coding_steps_of_the_matching_segment(tmp_path):
    (tmp_path / "live-coding-09-x.md").write_text(
        "# s\n## Segment 2 · Live coding (9 min)\n### 2a · The heatmap (5 min)\n"
        "### 2b · Scores (4 min)\n## Segment 4 · Live coding (3 min)\n### 4a · Gaps (3 min)\n",
        encoding="utf-8")
    guide = build_slides.Guide(path=tmp_path / "09-x.md", total="12", notes=[], discussion="",
                               plan=[("2. Live coding", "The heatmap of agreements", "9"),
                                     ("4. Live coding", "Gaps between meetings", "3")])
    notes = build_slides.notes_for(build_slides.Section("Gaps between meetings"), guide)
    assert notes == ["In the plan: **4. Live coding** (3 min): Gaps between meetings",
                     "Live-coding script (09-x): 4a · Gaps (3 min)."]
