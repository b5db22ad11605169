"""The course as the grader sees it: checked exercises, their notebooks, answer expressions and
which answers are typed literals."""

from __future__ import annotations

import ast
import json
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXERCISE_DIR = ROOT / "exercises"
SOLUTION_DIR = EXERCISE_DIR / "solutions"
CHECK_CALL = re.compile(r"""\bcheck\(\s*["']([\w.]+)["']""")


# --- the course: exercises, their notebooks and answer expressions ----------------------

def course_exercises() -> dict[str, str]:
    """Checked exercise id -> title, from the course's public catalogue."""
    from summitlab.checks import catalogue

    return {e.id: e.title for e in catalogue().values() if e.kind == "checked"}


def lesson_of(exercise_id: str) -> str:
    return exercise_id.split(".")[0]


def _code_cells(notebook: dict) -> list[str]:
    return [_text(c) for c in notebook.get("cells", []) if c.get("cell_type") == "code"]


def _text(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def answer_expressions(notebook: dict) -> dict[str, str]:
    """Exercise id -> the answer expression of its check(...) call, e.g. {"01.1": "n_2017"}."""
    found = {}
    for source in _code_cells(notebook):
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and len(node.args) == 2
                    and (getattr(node.func, "id", None) == "check" or getattr(node.func, "attr", None) == "check")
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value, ast.get_source_segment(source, node.args[1]))
    return found


def course_notebooks() -> dict[str, dict]:
    """Lesson number -> {"name", "expressions", "solution_literals"} of the course's own notebooks."""
    lessons = {}
    for path in sorted(EXERCISE_DIR.glob("[0-9]*-*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        expressions = answer_expressions(notebook)
        if not expressions:
            continue
        lesson = Counter(lesson_of(e) for e in expressions).most_common(1)[0][0]
        solution = SOLUTION_DIR / f"{path.stem}-solutions.ipynb"
        literal = {}
        if solution.exists():
            solved = json.loads(solution.read_text(encoding="utf-8"))
            literal = {e: literal_assignment(solved, expr, len(solved["cells"])) for e, expr in expressions.items()}
        lessons[lesson] = {"name": path.name, "expressions": expressions, "solution_literals": literal}
    return lessons


# --- literal answers --------------------------------------------------------------------

_LITERAL_CALLS = {"Timestamp", "to_datetime", "DataFrame", "Series", "date", "datetime"}


def _is_literal(node: ast.AST) -> bool:
    try:
        ast.literal_eval(node)
        return True
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        pass
    if isinstance(node, ast.Call):
        name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
        return name in _LITERAL_CALLS and all(_is_literal(a) for a in [*node.args, *(k.value for k in node.keywords)])
    if isinstance(node, ast.UnaryOp):
        return _is_literal(node.operand)
    return False


def literal_assignment(notebook: dict, expression: str | None, before: int) -> bool:
    """Whether the last assignment to ``expression`` (a name) before cell ``before`` is a constant."""
    if not expression or not expression.isidentifier():
        return False
    last = None
    for cell in notebook.get("cells", [])[:before]:
        if cell.get("cell_type") != "code":
            continue
        try:
            tree = ast.parse(_text(cell))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for node in ast.walk(tree):
            targets = node.targets if isinstance(node, ast.Assign) else (
                [node.target] if isinstance(node, ast.AnnAssign) and node.value is not None else [])
            if any(isinstance(t, ast.Name) and t.id == expression for t in targets):
                last = node.value
    return last is not None and not (isinstance(last, ast.Constant) and last.value is Ellipsis) and _is_literal(last)




def literal_argument(expression: str | None) -> bool:
    """Whether a check call's answer argument is itself a typed constant, e.g. ``check("01.1", 42)``."""
    if not expression or expression.isidentifier():
        return False
    try:
        node = ast.parse(expression.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return not (isinstance(node, ast.Constant) and node.value is Ellipsis) and _is_literal(node)


BUNDLE_CALLS = ("save_work", "restore_work")


def without_bundle_calls(source: str) -> str:
    """``source`` with each ``save_work(...)``/``restore_work(...)`` call replaced by ``None``.

    Only the calls go (a comment or a string that mentions them stays, and so does the rest of
    the cell); a cell that is not plain Python (a magic) is left as it is: in the sandbox those
    functions do nothing anyway.
    """
    if not any(name in source for name in BUNDLE_CALLS):
        return source
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return source
    spans = sorted(((n.lineno, n.col_offset, n.end_lineno, n.end_col_offset) for n in ast.walk(tree)
                    if isinstance(n, ast.Call) and (getattr(n.func, "id", None) in BUNDLE_CALLS
                                                    or getattr(n.func, "attr", None) in BUNDLE_CALLS)),
                   reverse=True)
    lines = [line.encode("utf-8") for line in source.splitlines(keepends=True)]
    outer = []
    for span in spans:  # a call nested in another one goes with it
        if not any((o[0], o[1]) <= (span[0], span[1]) and (span[2], span[3]) <= (o[2], o[3]) for o in outer):
            outer.append(span)
    for start, col, end, end_col in outer:  # from the last call to the first: offsets stay valid
        head, tail = lines[start - 1][:col], lines[end - 1][end_col:]
        lines[start - 1: end] = [head + b"None" + tail]
    return b"".join(lines).decode("utf-8")
