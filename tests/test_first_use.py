"""Every pandas or Altair method the course uses is explained at or before its first use.

The course reads in order: lesson 00, its exercises, the primer (00p), its exercises, lesson
01, its exercises, and so on. The test walks it cell by cell and parses (with ``ast``) the code
of every lesson cell and every model answer (the lines between ``### BEGIN SOLUTION`` and
``### END SOLUTION`` in exercises/source/). Each attribute a cell uses (``table.groupby``,
``alt.Chart``, ``.dt.year``) whose name belongs to the pandas or Altair API must be
*explained* by then. A name counts as explained when:

* it appears in a code span (between backticks) in a Markdown cell at or before the cell,
  in this or an earlier notebook — e.g. `` `groupby` `` or `` `.groupby("year")` ``; or
* a ``#`` comment in the course's code at or before that line names it; or
* the line that uses it carries a comment (one short comment per step of a chain).

Names that are also methods of Python's own ``str``, ``list``, ``dict``, ``set`` and number
types (``items``, ``keys``, ``split``…) are taken as known from a first Python course, except
those that do something else in pandas or Altair (``encode``, ``title``, ``count``, ``replace``,
``copy``, ``index``).
A failure names the method, the notebook and the cell, so the missing note can be added
where the method is first used.

The course's own functions (``sl.load``, ``model.kendall_tau``, ``rd.compare``,
``annotated_timeline``…: attributes of a name bound to a ``summitlab`` module, or functions
imported from one) are held to a stricter rule: each must be named in a code span of a
*lesson's* Markdown, or in a comment of a lesson's code, at or before its first use. An
exercise's own instructions do not count, so no exercise can be done only because its text or
skeleton hands over a call the lessons never taught (issue 28).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import altair as alt
import jupytext
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
MD_SOLUTION = re.compile(r"<!-- BEGIN SOLUTION -->.*?<!-- END SOLUTION -->", re.DOTALL)
CODE_SPAN = re.compile(r"```.*?```|`[^`]+`", re.DOTALL)
WORD = re.compile(r"[A-Za-z_]\w*")


def _api() -> set[str]:
    """Public names of the pandas and Altair objects a student's code touches."""
    series = pd.Series(pd.to_datetime(["2018-06-12"]))
    objects = [
        pd, pd.DataFrame, pd.Series, pd.Index, pd.Timestamp, pd.Timedelta, pd.Categorical,
        series.dt, pd.Series(["a"]).str, pd.Series(["a"], dtype="category").cat,
        pd.DataFrame({"a": [1]}).groupby("a"), pd.Series([1]).groupby([1]),
        pd.DataFrame({"a": [1]}).rolling(1),
        alt, alt.Chart, alt.LayerChart, alt.HConcatChart, alt.VConcatChart, alt.X, alt.Y, alt.Color,
        alt.Tooltip, alt.Axis, alt.Scale, alt.Legend, alt.when(alt.selection_point()),
    ]
    names = {name for obj in objects for name in dir(obj) if not name.startswith("_")}
    builtin = {name for kind in (str, list, dict, set, tuple, int, float, bytes) for name in dir(kind)}
    # Shared with Python's own types, but doing something else in pandas or Altair.
    different = {"encode", "title", "count", "replace", "copy", "index"}
    return names - (builtin - different)


API = _api()


def course() -> list[tuple[Path, bool]]:
    """(source, is_exercise) in course order: each lesson, then its exercise notebook."""
    order = []
    for lesson in sorted((ROOT / "notebooks" / "source").glob("*.py")):
        order.append((lesson, False))
        exercise = ROOT / "exercises" / "source" / lesson.name
        if exercise.exists():
            order.append((exercise, True))
    return order


def model_answer(code: str) -> str:
    """The lines of an exercise cell between the solution markers (blank lines elsewhere)."""
    out, inside = [], False
    for line in code.splitlines():
        if line.strip() == BEGIN:
            inside = True
            out.append("")
        elif line.strip() == END:
            inside = False
            out.append("")
        else:
            out.append(line if inside else "")
    return "\n".join(out)


def _comments(code: str) -> dict[int, str]:
    """Line number -> the comment text on that line (a crude scan, enough for course code)."""
    found = {}
    for number, line in enumerate(code.splitlines(), 1):
        stripped = re.sub(r"(['\"]).*?\1", "", line)  # ignore # inside simple strings
        if "#" in stripped:
            found[number] = stripped.split("#", 1)[1]
    return found


def course_helpers(code: str) -> set[str]:
    """Names a cell binds to the course's own package (``import summitlab as sl``, …)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.asname or a.name.split(".")[0] for a in node.names if a.name.startswith("summitlab")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("summitlab"):
            names |= {a.asname or a.name for a in node.names}
    return names


def uses(code: str, helpers: set[str] = frozenset()) -> list[tuple[str, int]]:
    """(attribute name, line) for every pandas/Altair attribute the code uses, in order.

    Attributes of the course's own package (``sl.load``, ``rd.steps``) are not pandas or Altair.
    """
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    # A chain's steps, in the order they are written: by the line and column where each name ends.
    seen = sorted((node.end_lineno, node.end_col_offset, node.attr) for node in ast.walk(tree)
                  if isinstance(node, ast.Attribute) and node.attr in API
                  and not (isinstance(node.value, ast.Name) and node.value.id in helpers))
    return [(name, line) for line, _, name in seen]


def unexplained() -> list[str]:
    explained: set[str] = set()
    problems = []
    for path, is_exercise in course():
        notebook = jupytext.read(path, fmt="py:percent")
        helpers = set().union(*(course_helpers(c.source) for c in notebook.cells if c.cell_type == "code"))
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type == "markdown":
                text = MD_SOLUTION.sub("", cell.source) if is_exercise else cell.source
                for span in CODE_SPAN.findall(text):
                    explained.update(WORD.findall(span))
                continue
            if cell.cell_type != "code":
                continue
            code = model_answer(cell.source) if is_exercise else cell.source
            comments = _comments(code)
            for name, line in uses(code, helpers):
                earlier = " ".join(text for n, text in comments.items() if n <= line)
                if name in explained or line in comments or re.search(rf"\b{name}\b", earlier):
                    explained.add(name)
                    continue
                where = "model answer" if is_exercise else "code"
                problems.append(f"{path.relative_to(ROOT)} cell {index} ({where}, line {line}): "
                                f"`{name}` is used before any note explains it")
                explained.add(name)  # report each method once, at its first use
            explained.update(WORD.findall(" ".join(comments.values())))
    return problems


def course_names(code: str) -> dict[str, str]:
    """Names a cell binds to summitlab: ``{"sl": "module", "annotated_timeline": "function"}``."""
    import importlib

    try:
        tree = ast.parse(code)
    except SyntaxError:
        return {}
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.asname or a.name.split(".")[0]: "module" for a in node.names
                      if a.name.startswith("summitlab")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("summitlab"):
            for a in node.names:
                try:
                    importlib.import_module(f"{node.module}.{a.name}")
                    kind = "module"
                except ModuleNotFoundError:
                    kind = "function"
                names[a.asname or a.name] = kind
    return names


def course_uses(code: str, names: dict[str, str]) -> list[tuple[str, int]]:
    """(function, line) for each use of a course function: ``rd.compare`` -> ``compare``."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    seen = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and names.get(node.value.id) == "module"):
            seen.append((node.end_lineno, node.end_col_offset, node.attr))
        elif isinstance(node, ast.Name) and names.get(node.id) == "function":
            seen.append((node.end_lineno, node.end_col_offset, node.id))
    return [(name, line) for line, _, name in sorted(seen)]


def untaught() -> list[str]:
    """Course functions used (in a lesson or a model answer) before a lesson names them."""
    taught: set[str] = set()
    problems = []
    for path, is_exercise in course():
        notebook = jupytext.read(path, fmt="py:percent")
        names: dict[str, str] = {}
        for cell in notebook.cells:
            if cell.cell_type == "code":
                names |= course_names(cell.source)
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type == "markdown":
                if not is_exercise:
                    for span in CODE_SPAN.findall(cell.source):
                        taught.update(WORD.findall(span))
                continue
            if cell.cell_type != "code":
                continue
            code = model_answer(cell.source) if is_exercise else cell.source
            comments = {} if is_exercise else _comments(code)
            for name, line in course_uses(code, names):
                earlier = " ".join(text for n, text in comments.items() if n <= line)
                if name in taught or re.search(rf"\b{name}\b", earlier):
                    taught.add(name)
                    continue
                where = "model answer" if is_exercise else "code"
                problems.append(f"{path.relative_to(ROOT)} cell {index} ({where}, line {line}): "
                                f"the course function `{name}` is used before a lesson introduces it")
                taught.add(name)
            if not is_exercise:
                taught.update(WORD.findall(" ".join(_comments(cell.source).values())))
    return problems


def test_the_api_list_knows_the_methods_the_course_teaches():
    for name in ("groupby", "agg", "merge", "melt", "pivot_table", "value_counts", "dt", "tz_convert",
                 "Chart", "mark_bar", "encode", "selection_point", "add_params", "then"):
        assert name in API, name
    assert "append" not in API and "items" not in API and "split" not in API  # Python's own methods


def test_uses_finds_attributes_and_comments_count():
    code = "t = table.groupby('a').agg(n=('b', 'size'))\nchart = alt.Chart(t).mark_bar()  # bars\n"
    assert uses(code) == [("groupby", 1), ("agg", 1), ("Chart", 2), ("mark_bar", 2)]
    assert _comments(code) == {2: " bars"}
    assert uses("sl.load('x').head()\nrd.compare()", {"sl", "rd"}) == [("head", 1)]
    assert course_helpers("import summitlab as sl\nfrom summitlab.models import roadmaps_data as rd") == {"sl", "rd"}
    assert model_answer(f"x = 1\n{BEGIN}\ny = t.melt()\n{END}\n") == "\n\ny = t.melt()\n"


def test_every_method_is_explained_at_or_before_its_first_use():
    problems = unexplained()
    assert not problems, (
        f"{len(problems)} pandas/Altair method(s) used before they are explained. At each first use, "
        "name the method in backticks in a Markdown note (two or three lines on what it does) or "
        "add a short comment on the line:\n" + "\n".join(problems))


def test_a_method_with_no_note_is_reported_with_its_notebook_and_cell(tmp_path, monkeypatch):
    lesson = tmp_path / "notebooks" / "source" / "01-x.py"
    lesson.parent.mkdir(parents=True)
    lesson.write_text("# %% [markdown]\n# Count with `groupby`.\n\n# %%\nt = df.groupby('a').size()\n\n"
                      "# %%\nw = t.reset_index().melt()\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "ROOT", tmp_path)
    monkeypatch.setattr(__import__(__name__), "course", lambda: [(lesson, False)])
    problems = unexplained()
    assert [p.split(": ", 1)[1] for p in problems] == [
        "`size` is used before any note explains it", "`reset_index` is used before any note explains it",
        "`melt` is used before any note explains it"]
    assert problems[-1].startswith("notebooks/source/01-x.py cell 2 (code, line 1)")
    lesson.write_text(lesson.read_text().replace("# %%\nw =", "# %%\n# `melt`: wide to long\nw =")
                      .replace("t = df.groupby('a').size()", "t = df.groupby('a').size()  # rows per group")
                      .replace("reset_index()", "reset_index()  # labels back to a column"), encoding="utf-8")
    assert unexplained() == []


def test_course_functions_are_found_as_attributes_and_as_imported_names():
    code = ("import summitlab as sl\nfrom summitlab.models import roadmap as model\n"
            "from summitlab.charts import annotated_timeline\n"
            "t = sl.load('events')\nmodel.kendall_tau(a, b)\nannotated_timeline(c, t)\nt.groupby('x')\n")
    names = course_names(code)
    assert names == {"sl": "module", "model": "module", "annotated_timeline": "function"}
    assert course_uses(code, names) == [("load", 4), ("kendall_tau", 5), ("annotated_timeline", 6)]


def test_every_course_function_is_introduced_by_a_lesson_before_it_is_used():
    problems = untaught()
    assert not problems, (
        f"{len(problems)} course function(s) used before a lesson introduces them. Name each one in "
        "backticks in a lesson's Markdown (what it takes and what it returns) at or before its first "
        "use; an exercise's own text does not count:\n" + "\n".join(problems))


def test_a_function_only_the_exercise_names_is_reported(tmp_path, monkeypatch):
    lesson = tmp_path / "notebooks" / "source" / "01-x.py"
    exercise = tmp_path / "exercises" / "source" / "01-x.py"
    lesson.parent.mkdir(parents=True)
    exercise.parent.mkdir(parents=True)
    lesson.write_text("# %% [markdown]\n# `sl.load(name)` loads a table.\n\n# %%\nimport summitlab as sl\n"
                      "t = sl.load('events')\n", encoding="utf-8")
    exercise.write_text("# %% [markdown]\n# Use `model.kendall_tau`.\n\n# %%\n"
                        "from summitlab.models import roadmap as model\n"
                        f"{BEGIN}\ntau = model.kendall_tau(a, b)\n{END}\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "ROOT", tmp_path)
    monkeypatch.setattr(__import__(__name__), "course", lambda: [(lesson, False), (exercise, True)])
    problems = untaught()
    assert len(problems) == 1 and "`kendall_tau`" in problems[0] and "model answer" in problems[0]
    lesson.write_text(lesson.read_text() + "\n# %% [markdown]\n# `model.kendall_tau(a, b)`: tau of two lists.\n",
                      encoding="utf-8")
    assert untaught() == []
