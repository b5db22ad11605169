"""What students see: every lesson and solution notebook, run in JupyterLab in a real browser.

With every request beyond this machine blocked, each notebook must run with no error, draw
every chart (as SVG, with at least one mark), label every chart with its description (its alt
text for screen readers) and show a tooltip when a mark is hovered; no output may show an
error message, and a solution notebook's save link must download the work bundle when clicked.
A screenshot of each notebook goes to test-artifacts/browser/. The last tests prove the checks
can fail: broken charts and links in scratch notebooks must be caught, and no kernel may be
left running.

Needs Debian's Chromium and Playwright (skipped with instructions when they are missing); the
first tests, on the renderer's output alone, run everywhere.
"""

import os
import shutil
import sys
from pathlib import Path

import altair as alt
import nbformat
import pandas as pd
import psutil
import pytest

import lab_browser
from summitlab import render

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted(
    (ROOT / "exercises" / "solutions").glob("*.ipynb"))
ARTIFACTS = ROOT / "test-artifacts" / "browser"

_MISSING = lab_browser.missing_requirements()
# Skipped where Chromium or Playwright is missing, except in CI (CI=true), where it must run.
needs_browser = pytest.mark.skipif(_MISSING is not None and not os.environ.get("CI"),
                                   reason=_MISSING or "")


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.fixture
def restore_renderer():
    active = alt.renderers.active
    yield
    alt.renderers.enable(active)


def test_renderer_sends_the_spec_under_the_type_jupyterlab_draws(restore_renderer):
    assert render.use_offline_renderer() == "summitlab"
    chart = alt.Chart().mark_point().properties(description="Alt text here")
    bundle, metadata = chart._repr_mimebundle_()
    assert set(bundle) == {"application/vnd.vegalite.v5+json", "text/plain"}
    assert bundle["application/vnd.vegalite.v5+json"]["description"] == "Alt text here"
    assert "Alt text here" in bundle["text/plain"]
    assert metadata["application/vnd.vegalite.v5+json"]["embed_options"]["renderer"] == "svg"


def test_missing_values_reach_the_browser_as_json_null(restore_renderer):
    import json

    render.use_offline_renderer()
    # Inline values are passed through by Altair as they are, NaN included (not valid JSON).
    data = alt.Data(values=[{"x": 1.0}, {"x": float("nan")}, {"x": float("inf")}])
    bundle, _ = alt.Chart(data).mark_point().encode(x="x:Q")._repr_mimebundle_()
    text = json.dumps(bundle["application/vnd.vegalite.v5+json"], allow_nan=False)  # raises on NaN
    assert [row["x"] for row in json.loads(text)["data"]["values"]] == [1.0, None, None]


def test_renderer_leaves_colab_on_altairs_html(restore_renderer, monkeypatch):
    monkeypatch.setitem(sys.modules, "google.colab", object())
    assert render.use_offline_renderer() == "colab"
    bundle = alt.Chart().mark_point()._repr_mimebundle_()
    assert "text/html" in (bundle[0] if isinstance(bundle, tuple) else bundle)


# A line with points and a legend selection, layered: Vega-Lite 5.6.1 draws it only after
# render.for_jupyterlab has moved the selection into the line's view.
_LAYERED = """\
months = pd.DataFrame({"month": pd.to_datetime(["2018-01-01", "2018-02-01"] * 2),
                       "n": [1, 3, 2, 2], "track": ["a", "a", "b", "b"]})
pick = alt.selection_point(fields=["track"], bind="legend")
line = alt.Chart(months).mark_line(point=True).encode(
    x="month:T", y="n:Q", color="track:N", tooltip=["track:N", "n:Q"],
    opacity=alt.when(pick).then(alt.value(1)).otherwise(alt.value(0.2)),
).add_params(pick)
chart = alt.layer(line, alt.Chart(months).mark_rule().encode(x="month:T")).properties(
    description="Two lines with points, one per track, and a rule for each month.")
chart"""


def _layered_line_with_selection() -> alt.LayerChart:
    namespace = {"alt": alt, "pd": pd}
    exec(_LAYERED, namespace)
    return namespace["chart"]


def test_layered_selections_move_into_their_view_for_jupyterlabs_vega_lite():
    spec = _layered_line_with_selection().to_dict()
    assert spec["params"][0]["views"]  # what Altair writes, and Vega-Lite 5.6.1 cannot draw
    moved = render.for_jupyterlab(spec)
    assert "params" not in moved
    (param,) = moved["layer"][0]["params"]
    assert param["name"] == spec["params"][0]["name"] and "views" not in param
    assert spec["params"][0]["views"]  # the chart's own specification is left alone


def test_faceted_selections_move_into_the_inner_view():
    pick = alt.selection_point(fields=["track"], bind="legend")
    spec = (alt.Chart(alt.Data(values=[{"t": 1, "n": 2, "track": "a", "offer": "x"}]))
            .mark_line(point=True).encode(x="t:O", y="n:Q", color="track:N")
            .add_params(pick).facet(column="offer:N")).to_dict()
    assert spec["params"][0]["views"]
    moved = render.for_jupyterlab(spec)
    assert "params" not in moved and moved["spec"]["params"][0]["name"] == pick.name


def test_specifications_without_top_level_selections_pass_unchanged():
    spec = alt.Chart().mark_point().add_params(alt.selection_point()).to_dict()
    assert render.for_jupyterlab(spec) is spec


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server serving copies of the notebooks (so outputs never reach the repo)."""
    if _MISSING:
        pytest.fail(_MISSING)
    work = tmp_path_factory.mktemp("browser")
    root = work / "root"
    for notebook in NOTEBOOKS:
        target = root / _relative(notebook)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(notebook, target)
    (root / "data").symlink_to(ROOT / "data")  # the notebooks' links to the codebook
    (root / "scratch").mkdir()
    with lab_browser.LabServer(root, work / "server") as server:
        yield server


@pytest.fixture(scope="module")
def browser(lab):
    with lab_browser.Browser(lab) as browser:
        yield browser


@needs_browser
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[_relative(p) for p in NOTEBOOKS])
def test_notebook_runs_and_its_charts_draw_offline_with_labels_and_tooltips(browser, notebook):
    report = lab_browser.inspect_notebook(
        browser, _relative(notebook), screenshot=ARTIFACTS / f"{notebook.stem}.png")
    problems = report.problems()
    assert not problems, f"{report.path}:\n  " + "\n  ".join(problems)
    if notebook.parent.name == "solutions":  # the save cell's link was clicked and worked
        assert [link.name for link in report.downloads if link.name.startswith("summitlab-work-")]


# Scratch notebooks for the checks above: one intact chart and one break per notebook.
_SETUP = """\
import altair as alt
import pandas as pd

from summitlab.render import use_offline_renderer
import summitlab as sl

sl.use_theme()
use_offline_renderer()  # explicit, so that this test checks the checks whatever use_theme does
sources = pd.DataFrame({"kind": ["primary document", "news report"], "n_sources": [7, 4]})"""
_CHART = """\
(
    alt.Chart(sources)
    .mark_bar()
    .encode(
        x=alt.X("n_sources:Q").title("Number of sources"),
        y=alt.Y("kind:N").title("Kind of source"),
        tooltip=[alt.Tooltip("kind:N", title="Kind"), alt.Tooltip("n_sources:Q", title="Sources")],
    )
    .properties(description="Bar chart of the number of sources of each kind.")
)"""
_LINK = "import zipfile\nfrom IPython.display import FileLink, HTML, display\ndisplay({})\n"
BREAKS = {
    # name: (how the chart cell is broken, what the report must say)
    "intact": (lambda code: code, []),
    "wrong_field": (lambda code: code.replace('"n_sources:Q"', '"n_source:Q"'),
                    ["draws no marks"]),
    "no_description": (lambda code: code.replace(
        '    .properties(description="Bar chart of the number of sources of each kind.")\n', ""),
        ["has no description"]),
    "no_tooltip": (lambda code: code.replace("tooltip=", "detail="), ["no chart showed a tooltip"]),
    "cdn_renderer": (lambda code: 'alt.renderers.enable("default")\n' + code,
                     ["was not drawn", "tried to reach the internet"]),
    "bad_expression": (lambda code: code.replace(
        ".mark_bar()", '.transform_calculate(twice="datum.n_sources *")\n    .mark_bar()'),
        ["was not drawn"]),
    # Regression test for render.for_jupyterlab: this chart draws only with it.
    "layered_selection": (lambda code: _LAYERED, []),
    "error_before_chart": (lambda code: "1 / 0\n" + code,
                           ["ZeroDivisionError", "code cells that never ran"]),
    # Links to files: IPython's FileLink to a missing file says so in its output; a download
    # link to a missing file downloads nothing; one to a file that is there works.
    "missing_file_link": (lambda code: _LINK.format('FileLink("nothing-here.zip")') + code,
                          ["doesn't exist"]),
    "dead_download_link": (lambda code: _LINK.format(
        'HTML(\'<a href="nothing-here.zip" download="nothing-here.zip">get it</a>\')') + code,
        ["the download link 'nothing-here.zip'"]),
    "working_download_link": (lambda code: 'import zipfile\nzipfile.ZipFile("here.zip", "w").close()\n' + _LINK.format(
        'HTML(\'<a href="here.zip" download="here.zip">get it</a>\')') + code, []),
}


def _scratch_notebook(path: Path, break_chart) -> None:
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# A scratch notebook"),
            nbformat.v4.new_code_cell(_SETUP),
            nbformat.v4.new_code_cell(break_chart(_CHART)),
            nbformat.v4.new_code_cell("len(sources)"),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}},
    )
    nbformat.write(notebook, path)


@needs_browser
def test_broken_charts_are_caught_and_the_intact_one_passes(lab, browser):
    found = {}
    for name, (break_chart, _) in BREAKS.items():
        _scratch_notebook(lab.root / "scratch" / f"{name}.ipynb", break_chart)
        report = lab_browser.inspect_notebook(browser, f"scratch/{name}.ipynb", draw_timeout=8)
        found[name] = report.problems()
    for name, (_, expected) in BREAKS.items():
        if not expected:
            assert found[name] == [], f"{name}: {found[name]}"
        for words in expected:
            assert any(words in problem for problem in found[name]), f"{name}: {found[name]}"


@needs_browser
def test_no_kernel_is_left_running(lab, browser):
    assert lab.running_kernels() == []


# Runs every cell of the notebook in front (as Run > Run All Cells does) and reads what the
# check cells (tagged for nbval) show and any error.
_RUN_FRONT_NOTEBOOK = """
async (timeout) => {
  const app = window.jupyterapp;
  const panel = app.shell.currentWidget;
  await panel.context.ready;
  await panel.sessionContext.ready;
  const idle = () => panel.sessionContext.session?.kernel?.status === 'idle';
  const started = Date.now();
  while (!idle()) {
    if (Date.now() - started > 60000) throw new Error('the kernel did not start');
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  await Promise.race([app.commands.execute('notebook:run-all-cells'),
                      new Promise(resolve => setTimeout(resolve, timeout))]);
  const report = {path: panel.context.path, checks: [], errors: [], unexecuted: 0};
  panel.content.widgets.forEach((cell, index) => {
    if (cell.model.type !== 'code') return;
    if (!cell.model.executionCount) report.unexecuted += 1;
    for (const output of cell.model.outputs.toJSON())
      if (output.output_type === 'error') report.errors.push(`${index}: ${output.ename}: ${output.evalue}`);
    if ((cell.model.getMetadata('tags') || []).includes('nbval-check-output'))
      report.checks.push(cell.outputArea.node.textContent.replace(/\\s+/g, ' ').trim());
  });
  return report;
}
"""
_FRONT_PATH = "() => window.jupyterapp.shell.currentWidget?.context?.path ?? null"


def _course_copy(target: Path) -> None:
    """A clean copy of the course: the files git tracks (or would), nothing a run made."""
    import subprocess

    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "--cached", "--others", "--exclude-standard"],
                            capture_output=True, text=True, check=True).stdout.splitlines()
    for name in listed:
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)


@needs_browser
def test_the_readme_lab_command_opens_the_course_and_an_exercise_check_runs(tmp_path_factory, browser):
    """`python course.py lab`, as the README says: JupyterLab serves the course's root with
    lesson 00 open; from the file browser a student reaches an exercise notebook, and its check
    runs. (The launcher's own options for a test: port, token, no browser, root allowed.)"""
    if _MISSING:
        pytest.fail(_MISSING)
    from urllib.parse import urlsplit

    work = tmp_path_factory.mktemp("launched")
    root = work / "course"
    _course_copy(root)
    with lab_browser.LaunchedLab(root, work / "server") as lab:
        opened = lab.opened_url()
        assert opened and urlsplit(opened).path == "/lab/tree/notebooks/00-start-here.ipynb", opened
        assert f"Serving notebooks from local directory: {root}\n" in lab.log.read_text()
        # A page of its own in the suite's Chromium (one Playwright per session).
        with lab_browser.Browser(lab, start=opened, collapse_left=False, parent=browser) as launched:
            page = launched.page
            page.wait_for_function(f"() => ({_FRONT_PATH})() === 'notebooks/00-start-here.ipynb'",
                                   timeout=60_000)
            # The Colab set-up cell is collapsed to its one-line title (it does nothing here).
            # (The placeholder appears before JupyterLab writes its text in: wait for the text.)
            page.wait_for_function(
                "() => [...document.querySelectorAll('.jp-InputPlaceholder .jp-PlaceholderText')]"
                ".some(e => e.innerText.trim() !== '')", timeout=30_000)
            label = page.locator(".jp-InputPlaceholder .jp-PlaceholderText").first.inner_text()
            assert "Set up the course in Google Colab" in label, label
            # The file browser, at the top of the course (its home), lists every part of it.
            page.locator(".jp-BreadCrumbs-home").first.click()
            names = page.locator(".jp-DirListing-content .jp-DirListing-itemText")
            page.wait_for_function("() => [...document.querySelectorAll('.jp-DirListing-itemText')]"
                                   ".some(e => e.textContent.trim() === 'exercises')", timeout=30_000)
            shown = {text.strip() for text in names.all_inner_texts()}
            assert {"notebooks", "exercises", "docs", "data", "README.md"} <= shown, shown
            names.filter(has_text="exercises").filter(has_not_text="solutions").first.dblclick()
            page.wait_for_function("() => [...document.querySelectorAll('.jp-DirListing-itemText')]"
                                   ".some(e => e.textContent.trim() === '00-start-here.ipynb')", timeout=30_000)
            page.locator(".jp-DirListing-item[title*='00-start-here.ipynb'] .jp-DirListing-itemText").dblclick()
            page.wait_for_function(f"() => ({_FRONT_PATH})() === 'exercises/00-start-here.ipynb'",
                                   timeout=60_000)
            report = page.evaluate(_RUN_FRONT_NOTEBOOK, 240_000)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "launched-exercise-00.png"))
        assert report["path"] == "exercises/00-start-here.ipynb"
        assert report["errors"] == [] and report["unexecuted"] == 0, report
        # Unanswered, every check runs and says "not yet" (summitlab came from the course itself).
        assert len(report["checks"]) >= 3 and all("not yet" in text.lower() for text in report["checks"]), report
        assert launched.blocked == [], launched.blocked
    # Stopping the launcher stopped JupyterLab too: nothing serving the copy is left running.
    left = [p.info["cmdline"] for p in psutil.process_iter(["cmdline"])
            if any(str(root) in part for part in p.info["cmdline"] or [])]
    assert left == [], left
