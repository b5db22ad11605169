"""The course website (tools/build_site.py, Jupyter Book 1): built once per session, then read
in Chromium with every request beyond this machine blocked.

Every page must load with no console error and no request leaving the site; every chart must
draw its marks as SVG labelled with its description and show a tooltip on hover; notebook pages
carry Binder and Colab buttons; the search box finds a lesson; axe-core finds no serious or
critical violation on any page (report in test-artifacts/a11y/site.md). The first tests, on the
renderer and the staging alone, need no build and no browser.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import altair as alt
import pytest

import axe_check
import lab_browser
import site_build
from summitlab import render

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "site"
CAPSTONE_PAGES = ["README", "rubric", "template", "exemplar"]
CAPSTONE_NOTEBOOKS = sorted((ROOT / "capstone").glob("*.ipynb"))
# A relative link that MyST could not resolve is written as href="#the/path.md": Sphinx's own
# anchors never hold "/" or ".".
_DEAD_LINK = re.compile(r'href="(#[^"]*[/.][^"]*)"')
_HREF = re.compile(r'href="([^"]*)"')

_MISSING = lab_browser.missing_requirements() or site_build.missing_requirements()
# Skipped where Chromium, Playwright or the site's tools are missing, except in CI (CI=true).
needs_site = pytest.mark.skipif(_MISSING is not None and not os.environ.get("CI"),
                                reason=_MISSING or "")


@pytest.fixture
def restore_renderer():
    active = alt.renderers.active
    yield
    alt.renderers.enable(active)


def test_site_renderer_writes_the_spec_for_vega_embed_and_loads_no_script(
        restore_renderer, monkeypatch):
    monkeypatch.setenv(render.RENDERER_ENV_VAR, "site")
    assert render.use_offline_renderer() == render.SITE_RENDERER_NAME
    data = alt.Data(values=[{"x": 1.0, "t": "</script><b>"}, {"x": float("nan"), "t": "a"}])
    chart = alt.Chart(data).mark_point().encode(x="x:Q", tooltip=["t:N"]).properties(
        description='Points, "quoted" & <escaped>')
    bundle = chart._repr_mimebundle_()
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    markup = bundle["text/html"]
    assert "<script src" not in markup and "cdn" not in markup.lower()
    (inside,) = re.findall(r'class="summitlab-chart-spec">(.*?)</script>', markup, re.DOTALL)
    spec = json.loads(inside)  # the "</script>" in the data cannot end the element early
    assert spec["description"] == 'Points, "quoted" & <escaped>'
    assert [row["x"] for row in spec["data"]["values"]] == [1.0, None]
    assert "&lt;escaped&gt;" in markup.split("<noscript>")[1]


def test_without_the_site_setting_the_jupyterlab_renderer_stays(restore_renderer, monkeypatch):
    monkeypatch.delenv(render.RENDERER_ENV_VAR, raising=False)
    assert render.use_offline_renderer() == render.RENDERER_NAME


def test_staging_globs_the_pages_and_adds_model_answers_only_when_asked(tmp_path):
    student = site_build.build_site.stage_pages(tmp_path / "student")
    lessons = sorted(path.stem for path in (ROOT / "notebooks").glob("*.ipynb"))
    assert student["Lessons"] == [f"notebooks/{name}" for name in lessons]
    assert student["Exercises"] and "Model answers" not in student
    assert not (tmp_path / "student" / "exercises" / "solutions").exists()
    assert "data/codebook/events" in student["Data codebook"]
    assert student["Instructor guide"][0] == "instructors/README"
    with_answers = site_build.build_site.stage_pages(tmp_path / "all", solutions=True)
    assert len(with_answers["Model answers"]) == len(student["Exercises"])
    # The capstone: brief, rubric, template and exemplar, with the table the exemplar reads.
    assert student["Capstone"] == [f"capstone/{name}" for name in CAPSTONE_PAGES]
    assert (tmp_path / "student" / "capstone" / "exemplar" / "summits.csv").is_file()


def test_a_link_to_a_file_of_the_course_is_read_from_the_page_that_has_it():
    spec = importlib.util.spec_from_file_location("summitlab_site", ROOT / "site" / "summitlab_site.py")
    extension = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(extension)
    where = extension.repository_path
    assert where("capstone/README", "../data/schemas/", ROOT) == "data/schemas"
    assert where("capstone/README", "starter/", ROOT) == "capstone/starter"
    assert where("instructors/README", "../README.md#teaching-at-scale", ROOT) == "README.md"
    assert where("capstone/README", "no-such-file.md", ROOT) is None
    assert where("index", "../outside.md", ROOT) is None
    assert where("index", "https://example.org/data/", ROOT) is None


@pytest.fixture(scope="module")
def site():
    if _MISSING:
        pytest.fail(_MISSING)
    built = site_build.built_site()
    print(f"\nsite built in {built.seconds:.0f} s")
    return built


@pytest.fixture(scope="module")
def server(site):
    with site_build.SiteServer(site.html) as server:
        yield server


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(lab_browser.CHROMIUM),
                                              args=lab_browser.CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


class Visit:
    """One page in a fresh browser context, recording what goes wrong."""

    def __init__(self, browser, url: str):
        self.blocked: list[str] = []
        self.console: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.route("**/*", self._only_local)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.console.append(m.text))
        self.page.on("pageerror", lambda error: self.console.append(f"page error: {error}"))
        self.page.goto(url, wait_until="load")

    def _only_local(self, route) -> None:
        url = route.request.url
        if urlsplit(url).hostname in lab_browser.LOCAL_HOSTS or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("internetdisconnected")

    def close(self) -> None:
        self.context.close()


_CHARTS = """
() => [...document.querySelectorAll('figure.summitlab-chart')].map((figure, n) => {
  figure.setAttribute('data-chart-index', String(n));
  const spec = JSON.parse(figure.querySelector('script.summitlab-chart-spec').textContent);
  const svg = figure.querySelector('svg.marks');
  return {
    state: figure.dataset.drawn || null,
    description: spec.description || null,
    label: svg ? svg.getAttribute('aria-label') : null,
    marks: svg ? svg.querySelectorAll('.role-mark > *').length : 0,
    text: figure.textContent.slice(0, 200),
  };
})
"""
_ALL_DRAWN = """
() => [...document.querySelectorAll('figure.summitlab-chart')]
        .every(f => f.dataset.drawn === 'done' || f.dataset.drawn === 'error')
"""
_MARKS = """
([n, k]) => {
  const figure = document.querySelector(`[data-chart-index="${n}"]`);
  const marks = [...figure.querySelectorAll('svg.marks .role-mark > *')].filter(mark => {
    const box = mark.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  });
  const mark = marks[k];
  if (!mark) return null;
  mark.scrollIntoView({block: 'center', inline: 'nearest'});
  const box = mark.getBoundingClientRect();
  return {x: box.x + box.width / 2, y: box.y + box.height / 2};
}
"""
_TOOLTIP = """
() => {
  const tip = document.getElementById('vg-tooltip-element');
  return tip && tip.classList.contains('visible') ? tip.innerText.trim() || null : null;
}
"""


def _hover_until_tooltip(page, n_charts: int) -> str | None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for n in range(n_charts):
        for k in range(lab_browser.MARKS_TRIED_PER_CHART):
            point = page.evaluate(_MARKS, [n, k])
            if point is None:
                break
            page.mouse.move(0, 0)
            page.mouse.move(point["x"], point["y"])
            try:
                page.wait_for_function(_TOOLTIP, timeout=1000)
                return page.evaluate(_TOOLTIP)
            except PlaywrightTimeout:
                continue
    return None


def inspect_page(browser, url: str, screenshot: Path | None = None) -> tuple[list[str], list[dict]]:
    """What goes wrong on one page, one line each, and axe-core's violations there."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    visit = Visit(browser, url)
    page = visit.page
    try:
        try:
            page.wait_for_function(_ALL_DRAWN, timeout=30_000)
        except PlaywrightTimeout:
            pass  # the report below says which chart did not draw
        problems = []
        charts = page.evaluate(_CHARTS)
        for n, chart in enumerate(charts, start=1):
            if chart["state"] != "done" or chart["marks"] == 0:
                problems.append(f"chart {n} was not drawn (state {chart['state']}, "
                                f"{chart['marks']} marks): {chart['text']!r}")
            elif not chart["description"]:
                problems.append(f"chart {n} has no description")
            elif chart["label"] != chart["description"]:
                problems.append(f"chart {n} is labelled {chart['label']!r}, "
                                f"not {chart['description']!r}")
        if charts and not _hover_until_tooltip(page, len(charts)):
            problems.append("no chart showed a tooltip when a mark was hovered")
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot))
        page.mouse.move(0, 0)
        violations = axe_check.run_axe(page)
        problems += [f"axe: {line}" for line in axe_check.failing(violations)]
        problems += [f"tried to reach the internet: {url}" for url in visit.blocked]
        problems += [f"console: {message}" for message in visit.console]
        return problems, violations
    finally:
        visit.close()


@needs_site
def test_every_page_loads_offline_draws_its_charts_and_passes_axe(site, server, browser):
    pages = site.pages()
    assert "index.html" in pages and any(page.startswith("notebooks/") for page in pages)
    assert {f"capstone/{name}.html" for name in CAPSTONE_PAGES} <= set(pages)  # axe reads them too
    found, report = {}, {}
    for page in pages:
        shot = ARTIFACTS / (page.replace("/", "_").removesuffix(".html") + ".png")
        problems, violations = inspect_page(browser, f"{server.url}/{page}", screenshot=shot)
        report[page] = violations
        if problems:
            found[page] = problems
    axe_check.write_report("site", report)
    assert not found, "\n".join(f"{page}:\n  " + "\n  ".join(lines)
                                for page, lines in found.items())


@needs_site
def test_lessons_show_executed_outputs_and_every_lesson_chart_is_on_the_site(site):
    specs = site.chart_specs()
    for lesson in sorted((ROOT / "notebooks").glob("*.ipynb")):
        text = (site.html / "notebooks" / f"{lesson.stem}.html").read_text(encoding="utf-8")
        assert "cell_output" in text, f"{lesson.name} shows no outputs"
        source = lesson.read_text(encoding="utf-8")
        if "alt.Chart" in source or "sl.charts" in source:
            assert specs.get(f"notebooks/{lesson.stem}.html"), f"{lesson.name} shows no chart"


@needs_site
def test_notebook_pages_have_binder_and_colab_buttons(site):
    assert CAPSTONE_NOTEBOOKS
    for lesson in sorted((ROOT / "notebooks").glob("*.ipynb")) + CAPSTONE_NOTEBOOKS:
        folder = lesson.parent.name
        text = (site.html / folder / f"{lesson.stem}.html").read_text(encoding="utf-8")
        path = f"{folder}/{lesson.name}"
        # The address is course.toml's (tools/course_config.py), as the site builder reads it.
        course = site_build.build_site.COURSE
        assert course.binder(path=path) in text, lesson.name
        assert course.colab(path=path) in text, lesson.name


def _links_in(text: str, element: str) -> set[str]:
    """The addresses linked from the elements that the regular expression `element` matches."""
    return {href for part in re.findall(element, text, re.DOTALL) for href in _HREF.findall(part)}


@needs_site
def test_the_capstone_is_on_the_site_linked_from_the_contents_and_the_navigation(site):
    index = (site.html / "index.html").read_text(encoding="utf-8")
    contents = _links_in(index, r'<div class="toctree-wrapper[^"]*">.*?</div>')  # one per part
    lesson = (site.html / "notebooks" / "01-crisis-to-summit.html").read_text(encoding="utf-8")
    navigation = _links_in(lesson, r'<nav class="[^"]*\bbd-docs-nav\b.*?</nav>')
    for name in CAPSTONE_PAGES:
        assert (site.html / "capstone" / f"{name}.html").is_file(), name
        assert f"capstone/{name}.html" in contents, f"the index's contents do not list capstone/{name}"
        assert f"../capstone/{name}.html" in navigation, f"the navigation does not link capstone/{name}"
    # The exemplar is shown run, charts and all; the template, for doing, as committed.
    exemplar = (site.html / "capstone" / "exemplar.html").read_text(encoding="utf-8")
    assert "cell_output" in exemplar and len(site.chart_specs().get("capstone/exemplar.html", [])) >= 2
    assert "cell_output" not in (site.html / "capstone" / "template.html").read_text(encoding="utf-8")


@needs_site
def test_links_to_files_the_site_does_not_publish_lead_to_the_repository_never_to_a_key(site):
    course = site_build.build_site.COURSE
    dead = {page: found for page in site.pages()
            if (found := _DEAD_LINK.findall((site.html / page).read_text(encoding="utf-8")))}
    assert not dead, dead
    brief = set(_HREF.findall((site.html / "capstone" / "README.html").read_text(encoding="utf-8")))
    if course.browse():  # a host whose pages the course knows (else such links are plain text)
        assert {course.browse("capstone/starter"), course.browse("capstone/exemplar"),
                course.browse("data/schemas"), course.browse("data/CONVENTIONS.md")} <= brief
    # The rubric names the instructors' rubrics (example answers at every level) without a link.
    rubric = (site.html / "capstone" / "rubric.html").read_text(encoding="utf-8")
    assert "instructors/rubrics.md" in rubric
    # No page sends a reader to a private file in the repository (the instructors' site, built
    # here, shows the model answers as its own pages, with their launch buttons).
    private = [course.browse(path.rstrip("/")) for path in site_build.build_site.PRIVATE_PATHS]
    to_private = {page: found for page in site.pages()
                  if (found := [href for href in _HREF.findall((site.html / page).read_text(encoding="utf-8"))
                                if course.browse() and href.startswith(tuple(private))])}
    assert not to_private, to_private


@needs_site
def test_search_box_finds_a_lesson_offline(site, server, browser):
    visit = Visit(browser, f"{server.url}/index.html")
    try:
        page = visit.page
        assert page.locator("form[action*='search'] input[name='q']").count() > 0
        page.goto(f"{server.url}/search.html?q=Singapore", wait_until="load")
        page.wait_for_selector("#search-results li a", timeout=30_000)
        hits = page.eval_on_selector_all("#search-results li a", "as => as.map(a => a.href)")
        assert any("02-singapore-statement" in hit for hit in hits), hits
        assert not visit.blocked and not visit.console, (visit.blocked, visit.console)
    finally:
        visit.close()


@needs_site
def test_the_site_checks_can_fail(site, server, browser, tmp_path):
    """A page with a chart that cannot draw, a CDN script and an unlabelled image must fail."""
    good = re.search(r'<figure class="summitlab-chart">.*?</figure>',
                     (site.html / "notebooks" / "01-crisis-to-summit.html").read_text("utf-8"),
                     re.DOTALL).group(0)
    broken = re.sub(r'(class="summitlab-chart-spec">).*?(</script>)',
                    r'\1{"mark": "no-such-mark", "description": "Broken"}\2', good, flags=re.DOTALL)
    page = site.html / "notebooks" / "zz-broken-test-page.html"
    page.write_text(
        "<!DOCTYPE html><html lang='en'><head><title>broken</title>"
        "<script src='../_static/summitlab/vega.min.js'></script>"
        "<script src='../_static/summitlab/vega-lite.min.js'></script>"
        "<script src='../_static/summitlab/vega-embed.min.js'></script>"
        "<script src='../_static/summitlab/summitlab-charts.js'></script>"
        "<script src='https://cdn.example.org/x.js'></script></head>"
        f"<body><main>{broken}<img src='../_static/images/logo_binder.svg'></main></body></html>",
        encoding="utf-8")
    try:
        problems, _ = inspect_page(browser, f"{server.url}/notebooks/zz-broken-test-page.html")
    finally:
        page.unlink()
    text = "\n".join(problems)
    assert "chart 1 was not drawn" in text, text
    assert "tried to reach the internet: https://cdn.example.org/x.js" in text, text
    assert "axe: critical image-alt" in text, text
