"""Generate the course's notebooks from their single sources.

Lessons are written as Jupytext "percent" scripts in ``notebooks/source/NN-slug.py``; this
tool writes ``notebooks/NN-slug.ipynb`` (no outputs). Scripts diff and review well, and the
committed notebooks are what students open.

Each exercise notebook is written once, as a Jupytext "percent" script in
``exercises/source/NN-slug.py`` with its solutions marked:

* in code cells, lines between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` are the model
  answer; a line ``# STUDENT: <code>`` is what the student sees in its place
  (typically ``answer = ...``);
* in Markdown cells, text between ``<!-- BEGIN SOLUTION -->`` and ``<!-- END SOLUTION -->``
  is a model answer (for reflections) that only the solutions show.

From it this tool writes ``exercises/NN-slug.ipynb`` (for students: answers become ``...``,
no outputs) and ``exercises/solutions/NN-slug-solutions.ipynb``. Check cells
(``check("NN.k", ...)``) are tagged for nbval with the output each version must produce:
*correct* in the solutions, *not yet* in the student notebook.

The capstone's notebooks (``capstone/source/*.py`` → ``capstone/*.ipynb``: the template and
the worked exemplar) are generated like lessons: no solutions, no outputs.

In a lesson, the code that only computes the sentences of the prose (each ``takeaway(...)``, a
table of computed evidence sentences, the reference list) sits in cells of its own whose header
carries a label and the tag ``hide-input``, e.g. ``# %% How this sentence is computed
tags=["hide-input"]``. Such a cell is generated collapsed (``jupyter.source_hidden``, honoured
by JupyterLab and Notebook 7; Jupyter Book hides the input behind a toggle for the tag, and
``mystnb.code_prompt_show`` names the toggle with the label) and starts with the label as a comment, so the analysis is what a student reads line by line and
the sentence's computation is one click away; the cell still runs, and nbval still tests it.

A lesson's header says ``{estimated_time}`` where its time goes; this tool writes there the
reading, exercise and discussion minutes of the course map (``summitlab.course``), so that the
header, the course map and the instructor guides cannot disagree.

Every generated notebook also starts with a cell that, only in Google Colab, fetches the
course's release by the commit id that ``course.toml`` records, checks it, and installs
``summitlab`` from it and nothing else (``colab_cell``); elsewhere it does nothing. It is added
here, not in the sources; ``tools/configure.py`` rewrites it when the address or release changes.

    python tools/make_notebooks.py           # write the generated notebooks
    python tools/make_notebooks.py --check   # exit 1 if a committed notebook is stale
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
LESSON_SOURCE_DIR = ROOT / "notebooks" / "source"
LESSON_DIR = ROOT / "notebooks"
SOURCE_DIR = ROOT / "exercises" / "source"
STUDENT_DIR = ROOT / "exercises"
SOLUTION_DIR = ROOT / "exercises" / "solutions"
CAPSTONE_SOURCE_DIR = ROOT / "capstone" / "source"
CAPSTONE_DIR = ROOT / "capstone"

CODE_BEGIN, CODE_END, STUDENT = "### BEGIN SOLUTION", "### END SOLUTION", "# STUDENT:"
MD_BEGIN, MD_END = "<!-- BEGIN SOLUTION -->", "<!-- END SOLUTION -->"
CHECK_CALL = re.compile(r"""^\s*check\(\s*["']([\w.]+)["']""", re.MULTILINE)
CHECK_TAG = "nbval-check-output"
RELATIVE_LINK = re.compile(r"(\]\()(?=\.\./)")  # a Markdown link that starts with ../
TIME_TOKEN = "{estimated_time}"  # in a lesson's header: filled from the course map
HIDE_TAG = "hide-input"  # a lesson cell that only computes prose: generated collapsed
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
COLAB_CELL_ID = "colab-setup"
# Collapsed to its title line: in Colab by the form view, in JupyterLab by source_hidden; the
# site leaves the cell out (tools/build_site.py) and tags it remove-input besides.
COLAB_METADATA = {"tags": [COLAB_CELL_ID, "remove-input"], "cellView": "form",
                  "jupyter": {"source_hidden": True}}
# Run in Colab only. It fetches the release by the commit id recorded in course.toml when the
# release was made, checks that it got exactly that commit, and installs only the course's own
# package from it (--no-deps: Colab already has pandas and Altair; --no-build-isolation: no
# build tools are fetched either). Installed non-editably: Colab does not see an editable
# install until its runtime restarts.
COLAB_CELL = """\
#@title Set up the course in Google Colab (this cell does nothing anywhere else)
import os, shutil, subprocess, sys
if "google.colab" in sys.modules or any(name.startswith("COLAB_") for name in os.environ):
    REPOSITORY, RELEASE, COMMIT = "{repository}", "{tag}", "{commit}"
    course = os.path.abspath("{name}")
    git = lambda *args: subprocess.run(["git", "-C", course, *args], capture_output=True, text=True)
    if not COMMIT:
        raise RuntimeError("This copy of the course records no release, so Colab has nothing "
                           "safe to install: open it on Binder or your own computer (README).")
    if not os.path.isdir(course):
        os.makedirs(course)
        git("init", "--quiet")
        if git("fetch", "--quiet", "--depth", "1", REPOSITORY, COMMIT).returncode != 0:
            shutil.rmtree(course)
            raise RuntimeError(f"The course's release {{RELEASE}} (commit {{COMMIT}}) was not found "
                               f"at {{REPOSITORY}}. Nothing was installed.")
        git("checkout", "--quiet", "FETCH_HEAD")
        if git("rev-parse", "HEAD").stdout.strip() != COMMIT:
            shutil.rmtree(course)
            raise RuntimeError(f"{{REPOSITORY}} did not give commit {{COMMIT}}. Nothing was installed.")
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                        "--no-build-isolation", course], check=True)
    elif git("rev-parse", "HEAD").stdout.strip() != COMMIT:
        raise RuntimeError(f"{{course}} is not release {{RELEASE}} (commit {{COMMIT}}): delete it "
                           "(Runtime > Disconnect and delete runtime) and run this cell again.")
    os.environ["SUMMITLAB_DATA"] = os.path.join(course, "data")
    print(f"Colab: release {{RELEASE}} (commit {{COMMIT[:12]}}) is in {{course}}; summitlab is "
          f"installed from it and SUMMITLAB_DATA={{os.environ['SUMMITLAB_DATA']}}.")"""


class MarkerError(ValueError):
    pass


def _split_code(source: str, solution: bool) -> str:
    out, inside = [], False
    for number, line in enumerate(source.splitlines(), 1):
        stripped = line.strip()
        if stripped == CODE_BEGIN:
            if inside:
                raise MarkerError(f"line {number}: nested {CODE_BEGIN}")
            inside = True
        elif stripped == CODE_END:
            if not inside:
                raise MarkerError(f"line {number}: {CODE_END} without {CODE_BEGIN}")
            inside = False
        elif stripped.startswith(STUDENT):
            if not solution:
                indent = line[: len(line) - len(line.lstrip())]
                out.append(indent + stripped[len(STUDENT):].strip())
        elif solution or not inside:
            out.append(line)
    if inside:
        raise MarkerError(f"{CODE_BEGIN} is never closed")
    return "\n".join(out)


def _split_markdown(source: str, solution: bool) -> str:
    pattern = re.compile(re.escape(MD_BEGIN) + r"(.*?)" + re.escape(MD_END), re.DOTALL)
    if source.count(MD_BEGIN) != source.count(MD_END):
        raise MarkerError("unbalanced solution markers in a Markdown cell")
    replacement = (lambda m: m.group(1).strip("\n")) if solution else (lambda m: "")
    return pattern.sub(replacement, source).rstrip()


def _expected_output(exercise_id: str, solution: bool) -> list:
    from summitlab.feedback import Feedback

    feedback = Feedback.correct(exercise_id) if solution else Feedback.not_yet(exercise_id)
    return [
        nbformat.v4.new_output(
            "execute_result",
            data={"text/plain": repr(feedback), "text/html": feedback._repr_html_()},
            execution_count=None,
        )
    ]


def _banner(source: Path, solution: bool) -> nbformat.NotebookNode:
    what = "solutions" if solution else "exercises"
    text = (
        "**Stuck?** [When you are stuck](../docs/stuck.md) explains the common errors, the hints "
        "and where to ask; the [glossary](../docs/glossary.md) defines the course's terms.\n\n"
        f"<small>Generated from `exercises/source/{source.name}` by `tools/make_notebooks.py`: "
        f"edit the source, not this file.</small>"
    )
    if solution:
        text = (
            "> **Model answers.** Try each exercise in the student notebook first; "
            "come here to compare once you have an answer of your own.\n\n"
            + text.replace("../docs/", "../../docs/")
        )
    cell = nbformat.v4.new_markdown_cell(text)
    cell.metadata = {"tags": [f"generated-{what}-banner"]}
    return cell


def _collapse(cell: nbformat.NotebookNode, label: str, where: str) -> None:
    """Collapse the input of a cell that only computes prose, under its one-line label."""
    if cell.cell_type != "code" or not label.strip():
        raise MarkerError(f"{where}: a {HIDE_TAG} cell must be a code cell whose header carries a "
                          f"label, e.g. '# %% How this sentence is computed tags=[\"{HIDE_TAG}\"]'")
    label = label.strip()
    cell.source = f"# {label}\n{cell.source}"
    cell.metadata["jupyter"] = {"source_hidden": True}
    # The site's toggle (MyST-NB, per-cell configuration) says what the hidden code does.
    cell.metadata["mystnb"] = {"code_prompt_show": label, "code_prompt_hide": f"Hide: {label[0].lower()}{label[1:]}"}


def _fill_time(notebook: nbformat.NotebookNode, source: Path) -> None:
    """Write the course map's times where the lesson's header says ``{estimated_time}``."""
    from summitlab.course import course_map, estimated_time

    number = source.name.split("-")[0]
    cells = [cell for cell in notebook.cells if TIME_TOKEN in cell.source]
    if number not in set(course_map()["lesson"]):
        if cells:
            raise MarkerError(f"{source.name}: {TIME_TOKEN} in a lesson the course map does not list")
        return
    if len(cells) != 1 or cells[0].source.count(TIME_TOKEN) != 1:
        raise MarkerError(f"{source.name}: the header must say {TIME_TOKEN} once (the course map's times go there)")
    cells[0].source = cells[0].source.replace(TIME_TOKEN, estimated_time(number))


def colab_cell(course=None) -> nbformat.NotebookNode:
    """The Colab set-up cell for `course` (tools/course_config.Course; default: course.toml)."""
    if course is None:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import course_config

        course = course_config.load()
    cell = nbformat.v4.new_code_cell(COLAB_CELL.format(
        repository=course.repository, tag=course.tag, commit=course.commit, name=course.name))
    cell.id = COLAB_CELL_ID
    cell.metadata = copy.deepcopy(COLAB_METADATA)
    return cell


def build(source: Path, solution: bool | None) -> nbformat.NotebookNode:
    """The student (``solution=False``) or solution notebook for an exercise source, or the
    lesson notebook for a lesson source (``solution=None``)."""
    import jupytext  # only here: tools/configure.py uses this module where jupytext is not installed

    notebook = jupytext.read(source, fmt="py:percent")
    lesson = solution is None
    cells = [] if lesson else [_banner(source, solution)]
    if lesson:
        _fill_time(notebook, source)
    for cell in notebook.cells:
        cell = copy.deepcopy(cell)
        text = cell.source
        if lesson and (CODE_BEGIN in text or MD_BEGIN in text):
            raise MarkerError(f"{source.name}: lessons have no solutions to mark")
        if cell.cell_type == "code" and not lesson:
            text = _split_code(text, solution)
        elif cell.cell_type == "markdown" and not lesson:
            text = _split_markdown(text, solution)
            if solution:  # one folder deeper: exercises/solutions/
                text = RELATIVE_LINK.sub(r"\1../", text)
        if not text.strip():
            continue
        tags = [tag for tag in cell.metadata.get("tags", []) if tag != CHECK_TAG]
        new = (nbformat.v4.new_code_cell(text) if cell.cell_type == "code"
               else nbformat.v4.new_markdown_cell(text))
        if cell.cell_type == "code" and not lesson:
            match = CHECK_CALL.search(text)
            if match:
                tags.append(CHECK_TAG)
                new.outputs = _expected_output(match.group(1), solution)
                # nbval only compares the outputs of cells that were run.
                new.execution_count = 1
        if tags:
            new.metadata["tags"] = tags
        if HIDE_TAG in tags:
            _collapse(new, cell.metadata.get("title", ""), source.name)
        cells.append(new)
    for index, cell in enumerate(cells):
        cell.id = f"cell-{index:03d}"
    # Before the first code cell, with an id of its own (the other cells' ids stay as they were).
    first_code = next((n for n, cell in enumerate(cells) if cell.cell_type == "code"), len(cells))
    cells.insert(first_code, colab_cell())
    result = nbformat.v4.new_notebook(cells=cells)
    result.metadata = {
        "kernelspec": KERNELSPEC,
        "language_info": {"name": "python"},
    }
    if solution is False:
        # Lets summitlab.bundle tell an untouched student notebook from one with work in it.
        from summitlab.bundle import sources_digest

        result.metadata["summitlab"] = {"pristine_sources": sources_digest(result)}
    return result


def all_sources() -> list[Path]:
    return (sorted(LESSON_SOURCE_DIR.glob("*.py")) + sorted(SOURCE_DIR.glob("*.py"))
            + sorted(CAPSTONE_SOURCE_DIR.glob("*.py")))


def targets(source: Path) -> dict[Path, bool | None]:
    if source.parent.parent.name == "notebooks" or source.parent == LESSON_SOURCE_DIR:
        return {LESSON_DIR / f"{source.stem}.ipynb": None}
    if source.parent == CAPSTONE_SOURCE_DIR:
        return {CAPSTONE_DIR / f"{source.stem}.ipynb": None}
    return {
        STUDENT_DIR / f"{source.stem}.ipynb": False,
        SOLUTION_DIR / f"{source.stem}-solutions.ipynb": True,
    }


def render(source: Path, solution: bool | None) -> str:
    return nbformat.writes(build(source, solution)) + "\n"


def stale(only: list[Path] | None = None) -> list[str]:
    """Generated notebooks that differ from what the sources would produce now."""
    problems = []
    for source in only or all_sources():
        for path, solution in targets(source).items():
            if not path.exists():
                problems.append(f"{path.relative_to(ROOT)} is missing")
            elif path.read_text(encoding="utf-8") != render(source, solution):
                problems.append(f"{path.relative_to(ROOT)} is stale")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale notebooks")
    parser.add_argument("--force", action="store_true",
                        help="also overwrite student notebooks that contain someone's work")
    args = parser.parse_args(argv)
    if args.check:
        problems = stale()
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    SOLUTION_DIR.mkdir(parents=True, exist_ok=True)
    from summitlab.bundle import _is_untouched

    kept = 0
    for source in all_sources():
        for path, solution in targets(source).items():
            text = render(source, solution)
            if path.exists() and path.read_text(encoding="utf-8") == text:
                continue
            if solution is False and path.exists() and not _is_untouched(path) and not args.force:
                # Someone worked in this copy (a student running the course from the repo).
                print(f"kept {path.relative_to(ROOT)}: it holds work; --force overwrites it")
                kept += 1
                continue
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    return 1 if kept else 0


if __name__ == "__main__":
    sys.exit(main())
