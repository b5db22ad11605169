"""Build a reveal.js slide deck for every lesson, from the lessons themselves, with no network.

    python tools/build_slides.py                  # execute the lessons, decks into build/slides/
    python tools/build_slides.py --pdf            # also one PDF per deck (the projector-only room;
                                                  # needs Playwright, requirements-test.txt, and Chromium)
    python tools/build_slides.py --executed DIR   # use already executed lessons (DIR/NN-slug.ipynb)
    python tools/build_site.py                    # the site builds the decks too, into slides/

Single source: nothing is written for the slides by hand. Each deck is derived from the
structure every lesson already has (docs: /work/shared/guides/lesson-standard.md):

* the title slide is the lesson's title, its opening paragraph and its objectives;
* each ``##`` section is one slide: its question (the heading) and the italic takeaways its
  code computes (``sl.takeaway``), or, if it computes none, its first paragraph (and, in the
  primer, its first short code cell); each chart the section draws follows on a slide below it,
  interactive (vega-embed, from site/node_modules, exactly as on the website);
* Discussion and Keypoints become list slides; "Code new in this lesson", Next and References
  are left out (they are for reading, not projecting).

Speaker notes come from the lesson's instructor guide (instructors/NN-slug.md): the title slide
carries the lesson plan with its timings; a section's slide carries the guide's segment notes
that name it; the Discussion slide the guide's prompts and facilitation; the Keypoints slide the
wrap-up. Press S in a deck for the speaker view. The PDF is Chromium's print of reveal's
``?print-pdf`` view, with the charts drawn (headless, every request beyond the machine blocked).

reveal.js is pinned in site/package.json and copied from site/node_modules (`npm ci --prefix
site`, which `sh course.sh site` runs); nothing is loaded from a CDN.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "site" / "node_modules"
LESSON_DIR = ROOT / "notebooks"
GUIDE_DIR = ROOT / "instructors"
DEFAULT_OUT = ROOT / "build" / "slides"
ASSETS = "assets"
REVEAL_FILES = ["dist/reset.css", "dist/reveal.css", "dist/reveal.js", "dist/theme",
                "plugin/notes/notes.js"]
CHART_SCRIPTS = ["vega/build/vega.min.js", "vega-lite/build/vega-lite.min.js",
                 "vega-embed/build/vega-embed.min.js"]
SKIPPED_SECTIONS = ("code new in this lesson", "next", "references")
CHART_CLASS = "summitlab-chart"
TAKEAWAYS_PER_SLIDE = 3
TAKEAWAY_CHARS_PER_SLIDE = 650  # about what fits at 1280x720 beside the heading
PRIMER_CODE_LINES = 8
EXECUTION_TIMEOUT = 300

_MD = MarkdownIt("commonmark", {"html": False}).enable("table")
_WORD = re.compile(r"[a-z][a-z'-]{3,}")
_STOP = {"what", "which", "does", "each", "with", "from", "that", "this", "they", "their",
         "were", "when", "there", "have", "than", "into", "after", "before", "about", "lesson",
         "other", "could", "would", "should", "come", "came", "first", "said", "side", "sides",
         "many", "much", "article's", "reading", "further"}


class SlidesError(RuntimeError):
    pass


# --- the lesson -------------------------------------------------------------------------------

@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)  # Markdown blocks of its prose
    takeaways: list[str] = field(default_factory=list)   # Markdown (already italic)
    charts: list[str] = field(default_factory=list)      # the site renderer's <figure> HTML
    code: list[str] = field(default_factory=list)


@dataclass
class Lesson:
    stem: str
    title: str
    intro: list[str]
    sections: list[Section]


def _blocks(markdown: str) -> list[str]:
    return [block.strip() for block in re.split(r"\n\s*\n", markdown) if block.strip()]


def read_lesson(notebook: nbformat.NotebookNode, stem: str) -> Lesson:
    """The lesson's title, opening and ``##`` sections, with what its code showed."""
    title, intro, sections = stem, [], []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for part in re.split(r"(?m)^(?=#{1,2} )", cell.source):
                heading = re.match(r"(#{1,2}) (.*)", part)
                body = part[heading.end():] if heading else part
                if heading and heading.group(1) == "#":
                    title = heading.group(2).strip()
                    intro += _blocks(body)
                elif heading:
                    sections.append(Section(heading.group(2).strip(), _blocks(body)))
                elif sections:
                    sections[-1].paragraphs += _blocks(body)
                else:
                    intro += _blocks(body)
        elif cell.cell_type == "code" and sections:
            section = sections[-1]
            if cell.source.strip():
                section.code.append(cell.source)
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                markup = data.get("text/html", "")
                if isinstance(markup, list):
                    markup = "".join(markup)
                if f'class="{CHART_CLASS}"' in markup:
                    section.charts.append(markup)
                elif "text/markdown" in data:
                    text = data["text/markdown"]
                    section.takeaways.append("".join(text) if isinstance(text, list) else text)
    return Lesson(stem, title, intro, sections)


# --- the instructor guide ---------------------------------------------------------------------

@dataclass
class Guide:
    path: Path
    plan: list[tuple[str, str, str]]   # (segment, activity, minutes)
    total: str
    notes: list[str]                   # Markdown: segment notes (bullets or ### subsections)
    discussion: str                    # Markdown: prompts and facilitation


def _guide_sections(text: str) -> dict[str, str]:
    parts = re.split(r"(?m)^## ", text)
    return {part.split("\n", 1)[0].strip().lower(): part.split("\n", 1)[1] if "\n" in part else ""
            for part in parts[1:]}


def read_guide(stem: str) -> Guide:
    path = GUIDE_DIR / f"{stem}.md"
    if not path.exists():
        raise SlidesError(f"lesson {stem} has no instructor guide ({path.relative_to(ROOT)})")
    sections = _guide_sections(path.read_text(encoding="utf-8"))
    plan_key = next((key for key in sections if key.startswith("lesson plan")), None)
    if plan_key is None:
        raise SlidesError(f"{path.name} has no '## Lesson plan' section")
    plan, total = [], ""
    for line in sections[plan_key].splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("Segment", "") or set(cells[0]) <= {"-"}:
            continue
        if cells[0].startswith("**Total"):
            total = cells[2].strip("*")
        else:
            plan.append((cells[0], cells[1], cells[2]))
    # Segment notes: the bullets of "Segment notes", or the "### N." subsections of the plan.
    notes = []
    for key, body in sections.items():
        if key.startswith("segment notes"):
            notes += [block.strip() for block in re.split(r"(?m)^- ", body) if block.strip()]
    notes += [block.strip() for block in re.split(r"(?m)^### ", sections[plan_key])[1:]]
    discussion = next((body for key, body in sections.items()
                       if key.startswith("discussion prompts")), "")
    return Guide(path, plan, total, notes, discussion.strip())


def _words(text: str) -> set[str]:
    return {word[:6] for word in _WORD.findall(text.lower()) if word not in _STOP}


def script_steps(guide_path: Path) -> dict[str, list[str]]:
    """Segment number -> the step headings of the lesson's live-coding script, if it has one."""
    script = guide_path.with_name(f"live-coding-{guide_path.name}")
    if not script.exists():
        return {}
    steps: dict[str, list[str]] = {}
    segment = None
    for line in script.read_text(encoding="utf-8").splitlines():
        if match := re.match(r"## Segment (\d+) ", line):
            segment = match.group(1)
        elif line.startswith("### ") and segment:
            steps.setdefault(segment, []).append(line[4:].strip())
    return steps


def _score(heading: set[str], label: str, text: str) -> int:
    return 2 * len(heading & _words(label)) + len(heading & _words(text))


def notes_for(section: Section, guide: Guide) -> list[str]:
    """The plan's segment and the guide's segment note that best match this section's heading
    (shared content words; the note's bold label counts double). None if nothing matches."""
    heading = _words(section.title)
    notes = []
    rows = [(_score(heading, segment, activity), segment, activity, minutes)
            for segment, activity, minutes in guide.plan]
    best = max(rows, default=(0, "", "", ""))
    if best[0] >= 1:
        notes.append(f"In the plan: **{best[1]}** ({best[3]} min): {best[2]}")
        steps = script_steps(guide.path).get(best[1].split(".")[0], [])
        if steps:
            notes.append(f"Live-coding script ({guide.path.stem}): " + "; ".join(steps) + ".")
    scored = [(_score(heading, note.split(".", 1)[0], note[:600]), note) for note in guide.notes]
    top = max(scored, default=(0, ""))
    if top[0] >= 2:
        notes.append(top[1])
    return notes


# --- HTML -------------------------------------------------------------------------------------

def _markdown(text: str) -> str:
    markup = _MD.render(text)
    # Lessons link to other notebooks and to the codebook; on the site those are .html pages
    # at the same depth as the decks (slides/ beside notebooks/).
    return re.sub(r'href="(?!https?:|#)([^"#]+?)\.(?:md|ipynb)(#[^"]*)?"',
                  lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', markup)


def _notes(parts: list[str]) -> str:
    body = "\n".join(_markdown(part) for part in parts if part)
    return f'<aside class="notes">{body}</aside>' if body else ""


def _plan_notes(guide: Guide) -> str:
    rows = [f"**{segment}** ({minutes} min): {activity}" for segment, activity, minutes in guide.plan]
    total = f"Total: {guide.total} minutes." if guide.total else ""
    return "Lesson plan, from the instructor guide:\n\n" + "\n".join(f"- {row}" for row in rows) \
        + f"\n\n{total}"


def _is_list(block: str) -> bool:
    return block.lstrip().startswith(("- ", "* ", "1. "))


def takeaway_groups(takeaways: list[str]) -> list[list[str]]:
    """The takeaways a slide at a time: at most TAKEAWAYS_PER_SLIDE, and no more text than
    TAKEAWAY_CHARS_PER_SLIDE fits on the projector (a longer takeaway gets a slide of its own)."""
    groups: list[list[str]] = []
    for takeaway in takeaways:
        last = groups[-1] if groups else None
        if (last is None or len(last) == TAKEAWAYS_PER_SLIDE
                or sum(map(len, last)) + len(takeaway) > TAKEAWAY_CHARS_PER_SLIDE):
            groups.append([takeaway])
        else:
            last.append(takeaway)
    return groups


def section_slides(section: Section, guide: Guide, primer: bool) -> str:
    title = section.title.lower()
    heading = f"<h2>{_MD.renderInline(section.title)}</h2>"
    notes: list[str] = []
    if title.startswith("discussion"):
        body = [block for block in section.paragraphs if _is_list(block)] or section.paragraphs[:1]
        notes = [guide.discussion]
    elif title.startswith("keypoints"):
        body = section.paragraphs
        notes = [f"**{segment}** ({minutes} min): {activity}"
                 for segment, activity, minutes in guide.plan if "wrap" in segment.lower()]
    elif section.takeaways:
        groups = takeaway_groups(section.takeaways)
        body = groups[0]
        notes = notes_for(section, guide)
    else:
        body = section.paragraphs[:1]
        if primer and section.code and len(section.code[0].splitlines()) <= PRIMER_CODE_LINES:
            body.append(f"```python\n{section.code[0]}\n```")
        notes = notes_for(section, guide)
    slides = [f"<section>{heading}{''.join(_markdown(block) for block in body)}"
              f"{_notes(notes)}</section>"]
    rest = takeaway_groups(section.takeaways)[1:] if section.takeaways else []
    for group in rest:
        blocks = "".join(_markdown(t) for t in group)
        slides.append(f"<section>{heading}{blocks}</section>")
    for chart in section.charts:
        slides.append(f'<section class="chart-slide"><h3>{html.escape(section.title)}</h3>'
                      f"{chart}</section>")
    if len(slides) == 1:
        return slides[0]
    return "<section>" + "".join(slides) + "</section>"


def deck_html(lesson: Lesson, guide: Guide) -> str:
    primer = "primer" in lesson.stem
    opening = [block for block in lesson.intro
               if not block.startswith("**Prerequisites") and not block.startswith("**Data")]
    first = opening[:1]
    objectives = [block for block in opening
                  if block.startswith("**Objectives") or _is_list(block)][:1]
    guide_link = f"../instructors/{lesson.stem}.html"
    title_slide = (
        f'<section class="title-slide"><h1>{html.escape(lesson.title)}</h1>'
        + "".join(_markdown(block) for block in first)
        + f'<p class="small">Summit Lab · lesson notebook: '
          f'<a href="../notebooks/{lesson.stem}.html">{lesson.stem}</a> · '
          f'<a href="{guide_link}">instructor guide</a></p>'
        + _notes([_plan_notes(guide)]) + "</section>")
    if objectives:  # below the title slide, so that neither overflows
        title_slide = (f"<section>{title_slide}<section><h2>Objectives</h2>"
                       f"{_markdown(objectives[0].replace('**Objectives.**', '', 1).strip())}"
                       "</section></section>")
    sections = [section_slides(section, guide, primer) for section in lesson.sections
                if not section.title.lower().startswith(SKIPPED_SECTIONS)]
    scripts = "".join(f'<script src="{ASSETS}/{Path(path).name}"></script>'
                      for path in CHART_SCRIPTS)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(lesson.title)}: slides</title>
<link rel="stylesheet" href="{ASSETS}/reveal/reset.css">
<link rel="stylesheet" href="{ASSETS}/reveal/reveal.css">
<link rel="stylesheet" href="{ASSETS}/reveal/theme/white.css">
<link rel="stylesheet" href="{ASSETS}/summitlab-slides.css">
{scripts}
</head>
<body>
<div class="reveal"><main class="slides">
{title_slide}
{chr(10).join(sections)}
</main></div>
<script src="{ASSETS}/reveal/reveal.js"></script>
<script src="{ASSETS}/reveal/notes.js"></script>
<script src="{ASSETS}/summitlab-charts.js"></script>
<script>
Reveal.initialize({{hash: true, width: 1280, height: 800, margin: 0.04, center: false,
  slideNumber: "c/t", plugins: [RevealNotes], pdfSeparateFragments: false}});
</script>
</body>
</html>
"""


SLIDES_CSS = """\
/* Summit Lab decks: reveal's white theme, with contrast kept at WCAG AA and long slides fitting. */
.reveal { font-size: 30px; color: #1a1a1a; }
.reveal h1 { font-size: 1.8em; }
.reveal h2 { font-size: 1.25em; }
.reveal h3 { font-size: 0.9em; }
.reveal h1, .reveal h2, .reveal h3 { text-transform: none; color: #1a1a1a; }
.reveal .slides section { text-align: left; }
.reveal a { color: #0b5394; text-decoration: underline; }
.reveal .small { font-size: 0.6em; }
.reveal em { font-style: italic; }
.reveal ul, .reveal ol { display: block; margin-left: 1em; }
.reveal pre { width: 100%; font-size: 0.6em; box-shadow: none; }
.reveal pre code { background: #f4f4f4; color: #1a1a1a; max-height: 420px; }
.reveal .controls { color: #0b5394; }
.reveal .progress { color: #0b5394; }
.reveal .slide-number { background: #1a1a1a; color: #ffffff; }
.reveal figure.summitlab-chart { margin: 0; font-size: 16px; }
/* A chart fills the slide's width (its SVG scales by its viewBox), as tall as the slide allows. */
.reveal .chart-slide .vega-embed { display: block; }
.reveal .chart-slide svg.marks { width: 100%; height: auto; max-height: 620px; }
#vg-tooltip-element { font-size: 16px; }
"""


# --- building ---------------------------------------------------------------------------------

def copy_assets(out: Path) -> None:
    missing = [path for path in [*(f"reveal.js/{p}" for p in REVEAL_FILES), *CHART_SCRIPTS]
               if not (NODE_MODULES / path).exists()]
    if missing:
        raise SlidesError(f"missing {', '.join(missing)} in {NODE_MODULES}: "
                          "run `npm ci --prefix site` (sh course.sh site does)")
    assets = out / ASSETS
    reveal = assets / "reveal"
    reveal.mkdir(parents=True, exist_ok=True)
    for path in REVEAL_FILES:
        source = NODE_MODULES / "reveal.js" / path
        if source.is_dir():
            shutil.copytree(source, reveal / source.name, dirs_exist_ok=True)
        else:
            shutil.copyfile(source, reveal / source.name)
    for path in CHART_SCRIPTS:
        shutil.copyfile(NODE_MODULES / path, assets / Path(path).name)
    shutil.copyfile(ROOT / "site" / "summitlab-charts.js", assets / "summitlab-charts.js")
    (assets / "summitlab-slides.css").write_text(SLIDES_CSS, encoding="utf-8")


def execute_lessons(work: Path, only: str = "") -> Path:
    """Run every lesson (or those whose name starts with `only`) with the site's renderer in a
    copy under `work`; return that folder."""
    sys.path.insert(0, str(ROOT / "tools"))
    import build_site

    done = work / "executed"
    done.mkdir(parents=True, exist_ok=True)
    environment = build_site.kernel_environment(work)
    for path in sorted(LESSON_DIR.glob(f"{only}*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        notebook.cells = [c for c in notebook.cells if c.get("id") != build_site.COLAB_CELL_ID]
        execute_notebook(notebook, done, environment)
        nbformat.write(notebook, done / path.name)
        print(f"executed {path.name}", file=sys.stderr)
    return done


def execute_notebook(notebook, folder: Path, environment: dict[str, str],
                     timeout: int = EXECUTION_TIMEOUT) -> None:
    """Run `notebook` in place in a fresh kernel started in `folder`, with `environment` added to
    this process's (the kernel inherits it); raise on the first error."""
    import os

    from nbclient import NotebookClient

    saved = dict(os.environ)
    os.environ.update(environment)
    try:
        NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(folder)}}).execute()
    finally:
        os.environ.clear()
        os.environ.update(saved)


def build_decks(executed: Path, out: Path) -> list[Path]:
    """One deck per lesson in `executed` (executed notebooks), written into `out`."""
    copy_assets(out)
    decks = []
    for path in sorted(executed.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        lesson = read_lesson(notebook, path.stem)
        if not any(section.takeaways or section.charts for section in lesson.sections) \
                and not any("outputs" in c and c["outputs"] for c in notebook.cells):
            raise SlidesError(f"{path} has no outputs: build decks from executed lessons")
        deck = out / f"{path.stem}.html"
        deck.write_text(deck_html(lesson, read_guide(path.stem)), encoding="utf-8")
        decks.append(deck)
    return decks


_ALL_DRAWN = """() => [...document.querySelectorAll('figure.summitlab-chart')]
  .every(f => f.dataset.drawn === 'done' || f.dataset.drawn === 'error')"""
# In the ?print-pdf view reveal lays the slides out as pages after it is ready.
_PAGES_LAID_OUT = """() => document.querySelectorAll('.pdf-page').length >= Reveal.getTotalSlides()"""


def export_pdfs(decks: list[Path], browser=None) -> list[Path]:
    """Print each deck's ?print-pdf view to PDF in headless Chromium, offline (in `browser`, a
    Playwright Chromium, if given)."""
    if browser is not None:
        return [_print(browser, deck) for deck in decks]
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    import lab_browser  # Chromium's path and arguments, shared with the tests

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(lab_browser.CHROMIUM),
                                             args=lab_browser.CHROMIUM_ARGS, headless=True)
        try:
            return [_print(browser, deck) for deck in decks]
        finally:
            browser.close()


def _print(browser, deck: Path) -> Path:
    deck = deck.resolve()
    context = browser.new_context()
    try:
        context.route("**/*", lambda route: route.continue_()
                      if route.request.url.startswith(("file:", "data:", "blob:"))
                      else route.abort("internetdisconnected"))
        page = context.new_page()
        page.goto(deck.as_uri() + "?print-pdf", wait_until="load")
        page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=30_000)
        # reveal lays the slides out as pages after it is ready: wait for every slide's page.
        page.wait_for_function(_PAGES_LAID_OUT, timeout=30_000)
        page.wait_for_function(_ALL_DRAWN, timeout=30_000)
        pdf = deck.with_suffix(".pdf")
        # One PDF page per reveal page, of the size reveal laid them out at.
        # (Asked until it answers: reveal may lay the pages out once more after they first appear.)
        size = page.wait_for_function("""() => {
          const first = document.querySelector('.pdf-page');
          return first && first.offsetWidth ? {width: first.offsetWidth, height: first.offsetHeight} : null;
        }""", timeout=30_000).json_value()
        page.pdf(path=str(pdf), width=f"{size['width']}px", height=f"{size['height']}px",
                 print_background=True, margin={"top": "0", "right": "0", "bottom": "0", "left": "0"})
        return pdf
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the decks")
    parser.add_argument("--executed", type=Path,
                        help="folder of executed lesson notebooks (default: execute them now)")
    parser.add_argument("--only", default="", help="only the lessons starting with this, e.g. 02")
    parser.add_argument("--pdf", action="store_true", help="also print each deck to PDF")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    sys.path.insert(0, str(ROOT / "tools"))
    import build_cli  # beside this file: the command line it shares with build_site.py

    def slides() -> str:
        if args.executed:
            decks = build_decks(args.executed, out)
        else:
            with tempfile.TemporaryDirectory(prefix="summitlab-slides-") as work:
                decks = build_decks(execute_lessons(Path(work), args.only), out)
        if not decks:
            raise SlidesError("no lessons to make slides from")
        if args.pdf:
            export_pdfs(decks)
        return f"{len(decks)} decks in {out}"

    return build_cli.run(slides, SlidesError)


if __name__ == "__main__":
    sys.exit(main())
