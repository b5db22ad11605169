"""Build the course website with Jupyter Book 1 (Sphinx + MyST-NB), with no network at all.

    python tools/build_site.py                 # into build/site/ (git-ignored)
    python tools/build_site.py --solutions     # also the model answers (for instructors)
    python tools/build_site.py --out DIR       # elsewhere (the tests build into a temporary folder)

`python course.py site` installs what this needs (requirements-site.txt, and `npm ci` in site/ for
the JavaScript) and runs it. The pages are staged in DIR/source/ (a copy, so executing a
notebook never writes into the repository) and the HTML goes to DIR/html/:

* every lesson in notebooks/ (globbed: a new lesson or the primer needs no change here),
  executed, with its outputs;
* the student exercise notebooks, not executed (they are for doing), and the model answers
  only with ``--solutions``;
* the capstone (capstone/): its brief and milestones, its rubric, the template (not executed)
  and the worked exemplar (executed, with the exemplar's own table beside it);
* the data codebook (data/README.md and data/codebook/), the instructor guide (instructors/)
  and docs/glossary.md and docs/jupyterlite.md where they exist;
* a search box, and "Launch on Binder" and "Open in Colab" buttons on every notebook page;
* links to files the site does not publish (code, data files, folders) open the repository's
  page for them, from course.toml; links to private files (PRIVATE_PATHS) are plain text
  (site/summitlab_site.py);
* a reveal.js slide deck for every lesson in slides/ (tools/build_slides.py, from the executed
  lessons; not with ``--no-execute``).

Charts: the kernels run with ``SUMMITLAB_RENDERER=site``, so summitlab's renderer writes each
chart as HTML holding its specification (summitlab.render.site_bundle); every page loads the
site's own vega, vega-lite and vega-embed (pinned in site/package.json) once, and
site/summitlab-charts.js draws the charts. MathJax is served from the site too.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SITE_DIR = ROOT / "site"
NODE_MODULES = SITE_DIR / "node_modules"
DEFAULT_OUT = ROOT / "build" / "site"
sys.path.insert(0, str(ROOT / "tools"))
import build_cli  # noqa: E402
import course_config  # noqa: E402

COURSE = course_config.load(ROOT)
# Loaded in this order on every page, before the script that draws the charts.
CHART_SCRIPTS = {
    "vega": "vega/build/vega.min.js",
    "vega-lite": "vega-lite/build/vega-lite.min.js",
    "vega-embed": "vega-embed/build/vega-embed.min.js",
}
MATHJAX = "mathjax/es5"
STATIC = "site_static"  # copied into the site's _static/
EXECUTION_TIMEOUT = 300
COLAB_CELL_ID = "colab-setup"  # tools/make_notebooks.py  # seconds per notebook


# Instructor pages never published: the rubrics hold example answers at every level (the banks
# with their keys, instructors/assessment/, are in a subfolder the guide's glob does not reach).
PRIVATE_PAGES = ("rubrics.md",)
# What the site never links to, even in the repository (site/summitlab_site.py): the rubrics, the
# banks, the model answers (the instructors' site shows them as its own pages) and the grader.
PRIVATE_PATHS = (*(f"instructors/{name}" for name in PRIVATE_PAGES), "instructors/assessment/",
                 "exercises/solutions/", "exercises/source/", "grading/")
# The capstone (capstone/README.md), for students: the brief and milestones, the rubric they are
# marked with, the template (for doing: shown as committed, like the exercises) and the worked
# exemplar (run, like the lessons: it is the model of the form the brief points students to).
CAPSTONE_PAGES = ("README.md", "rubric.md", "template.ipynb", "exemplar.ipynb")
CAPSTONE_DATA = "exemplar"  # the exemplar's own table, which it reads when it runs
# Names in the navigation for pages whose own title is not one: the template's is for the student
# to replace.
NAV_TITLES = {"capstone/template": "Capstone template: start your notebook here"}


class SiteError(RuntimeError):
    pass


def _copy(source: Path, stage: Path) -> Path:
    target = stage / source.relative_to(ROOT)
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.suffix == ".ipynb":
        # The Colab set-up cell does nothing off Colab: the site leaves it out.
        notebook = json.loads(source.read_text(encoding="utf-8"))
        notebook["cells"] = [cell for cell in notebook["cells"]
                             if cell.get("id") != COLAB_CELL_ID]
        target.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    else:
        shutil.copyfile(source, target)
    return target


def _docname(path: Path, stage: Path) -> str:
    return path.relative_to(stage).with_suffix("").as_posix()


def stage_pages(stage: Path, solutions: bool = False) -> dict[str, list[str]]:
    """Copy the site's pages into `stage`; return the table of contents, part by part."""
    parts: dict[str, list[str]] = {}

    def add(part: str, sources: list[Path]) -> None:
        names = [_docname(_copy(source, stage), stage) for source in sources]
        if names:
            parts[part] = names

    add("Lessons", sorted((ROOT / "notebooks").glob("*.ipynb")))
    add("Exercises", sorted((ROOT / "exercises").glob("*.ipynb")))
    if solutions:
        add("Model answers", sorted((ROOT / "exercises" / "solutions").glob("*.ipynb")))
    add("Capstone", [ROOT / "capstone" / name for name in CAPSTONE_PAGES])
    shutil.copytree(ROOT / "capstone" / CAPSTONE_DATA, stage / "capstone" / CAPSTONE_DATA)
    codebook = sorted((ROOT / "data" / "codebook").glob("*.md"))
    add("Data codebook", [ROOT / "data" / "README.md", *codebook])
    guide = sorted(path for path in (ROOT / "instructors").glob("*.md") if path.name not in PRIVATE_PAGES)
    guide.sort(key=lambda path: path.name != "README.md")  # the guide's own start page first
    add("Instructor guide", guide)
    add("Reference", [path for path in (ROOT / "docs" / "glossary.md",
                                        ROOT / "docs" / "jupyterlite.md",
                                        ROOT / "docs" / "academic-integrity.md") if path.exists()])
    shutil.copyfile(SITE_DIR / "index.md", stage / "index.md")
    return parts


def stage_assets(stage: Path) -> list[str]:
    """Copy the pinned JavaScript into the site; return the scripts every page loads."""
    missing = [path for path in (*CHART_SCRIPTS.values(), MATHJAX)
               if not (NODE_MODULES / path).exists()]
    if missing:
        raise SiteError(f"missing {', '.join(missing)} in {NODE_MODULES}: "
                        "run `npm ci --prefix site` (python course.py site does)")
    # Not in _static/: Jupyter Book would load every script there on every page (MathJax's too).
    static = stage / STATIC / "summitlab"
    static.mkdir(parents=True, exist_ok=True)
    scripts = []
    for name, path in CHART_SCRIPTS.items():
        shutil.copyfile(NODE_MODULES / path, static / f"{name}.min.js")
        scripts.append(f"summitlab/{name}.min.js")
    for script in ("summitlab-charts.js", "summitlab-site.js"):
        shutil.copyfile(SITE_DIR / script, static / script)
        scripts.append(f"summitlab/{script}")
    shutil.copytree(NODE_MODULES / MATHJAX, static / "mathjax", dirs_exist_ok=True)
    return scripts


def config(scripts: list[str], execute: bool = True) -> dict:
    """Jupyter Book's _config.yml."""
    return {
        "title": "Summit Lab",
        "author": "The Summit Lab authors",
        "copyright": "2026",
        "only_build_toc_files": True,
        "execute": {
            "execute_notebooks": "force" if execute else "off",
            "timeout": EXECUTION_TIMEOUT,
            "allow_errors": False,
            # Students do the exercises and the capstone template; the model answers and the
            # capstone exemplar are shown run.
            "exclude_patterns": ["exercises/[0-9]*.ipynb", "capstone/template.ipynb"],
        },
        # Where the course lives: course.toml (tools/course_config.py), never spelled out here.
        "repository": {"url": COURSE.repository, "branch": COURSE.branch, "path_to_book": ""},
        "launch_buttons": {
            "notebook_interface": "jupyterlab",
            "binderhub_url": "https://mybinder.org",
            # Colab opens notebooks from GitHub only.
            **({"colab_url": "https://colab.research.google.com"} if COURSE.on_github else {}),
        },
        "html": {"use_repository_button": True, "use_issues_button": False},
        "sphinx": {
            "config": {
                # Served by the site itself, never from a CDN.
                "html_static_path": [STATIC],
                "html_js_files": scripts,
                "mathjax_path": "summitlab/mathjax/tex-chtml.js",
                "nb_mime_priority_overrides": [["html", "text/html", 0]],
                "suppress_warnings": ["myst.xref_missing", "myst.header"],
                # The theme's colour-mode switch needs a starting mode (else a console error).
                "html_context": {"default_mode": "auto"},
                # Links to files the site does not publish lead to the repository's pages for them
                # (site/summitlab_site.py).
                "summitlab_repository": str(ROOT),
                "summitlab_browse": COURSE.browse() or "",
                "summitlab_private": list(PRIVATE_PATHS),
            },
            "local_extensions": {"summitlab_site": str(SITE_DIR)},
        },
    }


def toc(parts: dict[str, list[str]]) -> dict:
    return {
        "format": "jb-book",
        "root": "index",
        "parts": [{"caption": caption,
                   "chapters": [{"file": name, **({"title": NAV_TITLES[name]} if name in NAV_TITLES else {})}
                                for name in names]}
                  for caption, names in parts.items()],
    }


def kernel_environment(stage: Path) -> dict[str, str]:
    return {
        **os.environ,
        "SUMMITLAB_RENDERER": "site",
        "SUMMITLAB_DATA": str(ROOT / "data"),
        # Checks record progress beside the notebook by default; keep it in the staged copy.
        "SUMMITLAB_PROGRESS_FILE": str(stage / ".summitlab-progress.json"),
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }


def build(out: Path, solutions: bool = False, execute: bool = True) -> Path:
    """Stage and build the site into `out`; return the folder of HTML pages."""
    stage = out / "source"
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    parts = stage_pages(stage, solutions)
    scripts = stage_assets(stage)
    (stage / "_config.yml").write_text(yaml.safe_dump(config(scripts, execute), sort_keys=False))
    (stage / "_toc.yml").write_text(yaml.safe_dump(toc(parts), sort_keys=False))
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    built = out / "_build"
    if built.exists():
        shutil.rmtree(built)
    run = subprocess.run(
        [str(jupyter_book), "build", str(stage), "--path-output", str(out), "--keep-going"],
        env=kernel_environment(stage), capture_output=True, text=True,
    )
    (out / "build.log").write_text(run.stdout + run.stderr)
    html = built / "html"
    if run.returncode != 0 or not (html / "index.html").exists():
        raise SiteError(f"jupyter-book failed (see {out / 'build.log'}):\n"
                        + (run.stdout + run.stderr)[-3000:])
    failed = [line for line in (run.stdout + run.stderr).splitlines()
              if "Executing notebook failed" in line or "execution failed" in line.lower()]
    if failed:
        raise SiteError("notebooks failed to execute:\n" + "\n".join(failed))
    name_toggles_by_their_text(html)
    build_slides_into(html, built / "jupyter_execute" / "notebooks", execute)
    return html


# MyST-NB gives every hide-input toggle the same aria-label, which hides the label that names what
# the collapsed code computes ("How this sentence is computed") from a screen reader and fails
# axe's label-content-name-mismatch rule: the toggle's visible text is its name.
GENERIC_TOGGLE_NAME = '<summary aria-label="Toggle hidden content">'


def name_toggles_by_their_text(html: Path) -> int:
    """Drop MyST-NB's generic aria-label from the toggles of the pages in `html`; return how many."""
    count = 0
    for page in html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if GENERIC_TOGGLE_NAME in text:
            count += text.count(GENERIC_TOGGLE_NAME)
            page.write_text(text.replace(GENERIC_TOGGLE_NAME, "<summary>"), encoding="utf-8")
    return count


def build_slides_into(html: Path, executed: Path, execute: bool) -> None:
    """The lessons' slide decks (tools/build_slides.py) in slides/, from the executed lessons."""
    import build_slides  # beside this file

    if execute and not build_slides.build_decks(executed, html / "slides"):
        raise SiteError(f"no executed lessons in {executed} to make slides from")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="build folder")
    parser.add_argument("--solutions", action="store_true",
                        help="include the model answers (instructors' copy of the site)")
    parser.add_argument("--no-execute", action="store_true",
                        help="show the notebooks as committed, without outputs (quick, for layout)")
    args = parser.parse_args(argv)
    return build_cli.run(lambda: str(build(args.out.resolve(), solutions=args.solutions,
                                           execute=not args.no_execute) / "index.html"), SiteError)


if __name__ == "__main__":
    sys.exit(main())
