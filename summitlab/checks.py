"""Exercise checks: compare a student's answer with a derived or hashed expectation.

A check never raises at a student and never prints the expected answer. Each exercise is
an :class:`Exercise` with a *judge*: a function that takes the answer and returns ``None``
when it is right, or a :class:`Problem` that says what is wrong and offers hints, gentle
first and stronger on later attempts.

Judges are built from the small factories below (:func:`number`, :func:`date`,
:func:`choice`, :func:`frame`, :func:`chart`) or written by hand for open exercises.
Expectations are either derived from the course data when the check runs (so the answer
is not stored in the package) or compared as a salted SHA-256 digest (multiple choice).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import math
import numbers
import pkgutil
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from summitlab import tracker as _tracker
from summitlab.feedback import Feedback

__all__ = [
    "Exercise",
    "Mistake",
    "Problem",
    "catalogue",
    "chart",
    "check",
    "choice",
    "date",
    "digest",
    "frame",
    "number",
]


@dataclass(frozen=True)
class Problem:
    """What is wrong with an answer, and hints from gentle to strong."""

    message: str
    hints: tuple[str, ...] = ()

    def hint(self, attempt: int) -> str:
        if not self.hints:
            return ""
        return self.hints[min(attempt, len(self.hints)) - 1]


@dataclass(frozen=True)
class Mistake:
    """A likely wrong answer, derived like the right one, with advice aimed at it."""

    value: Callable[[], Any]
    message: str
    hints: tuple[str, ...] = ()


Judge = Callable[[Any], "Problem | None"]


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    objective: str
    judge: Judge
    kind: str = "checked"  # "checked" or "reflection" (not auto-checked)


_REGISTRY: dict[str, Exercise] = {}
_ATTEMPTS: Counter = Counter()


def register(*exercises: Exercise) -> None:
    """Add exercises to the course catalogue (called by the modules in summitlab.exercises)."""
    for item in exercises:
        _REGISTRY[item.id] = item


def catalogue() -> dict[str, Exercise]:
    """Every exercise of the course, by id, in course order."""
    from summitlab import exercises as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    return dict(sorted(_REGISTRY.items(), key=lambda item: _sort_key(item[0])))


def _sort_key(exercise_id: str) -> tuple:
    # "00p.10" -> ((0, "p"), (10, "")): the primer's "00p" sorts after "00" and before "01".
    key = []
    for part in exercise_id.split("."):
        digits = part[:len(part) - len(part.lstrip("0123456789"))]
        key.append((int(digits) if digits else -1, part[len(digits):]))
    return tuple(key)


def _is_blank(answer: Any) -> bool:
    if answer is Ellipsis:
        return True
    if isinstance(answer, (list, tuple, set)) and answer and all(a is Ellipsis for a in answer):
        return True
    return isinstance(answer, dict) and bool(answer) and all(v is Ellipsis for v in answer.values())


def check(exercise_id: str, answer: Any) -> Feedback:
    """Check ``answer`` for exercise ``exercise_id`` ("00.1") and say how it went."""
    try:
        exercises = catalogue()
    except Exception as error:  # a broken catalogue must not break a student's notebook
        return Feedback.not_quite(str(exercise_id), f"the checks could not load ({type(error).__name__}).")
    exercise = exercises.get(exercise_id) if isinstance(exercise_id, str) else None
    if exercise is None:
        return Feedback.not_quite(
            str(exercise_id)[:20],
            "there is no exercise with that id.",
            "Keep the check cell as it came: check(\"NN.k\", your_answer).",
        )
    if _is_blank(answer):
        result = Feedback.not_yet(exercise.id)
    else:
        result = _judge(exercise, answer)
    _tracker.record(exercise.id, result.status)
    return result


def _judge(exercise: Exercise, answer: Any) -> Feedback:
    try:
        problem = exercise.judge(answer)
    except Exception as error:
        problem = Problem(
            f"this answer could not be checked ({type(error).__name__}).",
            ("Check that the answer has the form the exercise asks for.",),
        )
    if problem is None:
        _ATTEMPTS.pop(exercise.id, None)
        return Feedback.correct(exercise.id)
    _ATTEMPTS[exercise.id] += 1
    return Feedback.not_quite(exercise.id, problem.message, problem.hint(_ATTEMPTS[exercise.id]))


# --- shape of the answer -------------------------------------------------------------

def _describe(answer: Any) -> str:
    if answer is None:
        return "None (did the cell end with an assignment and no value, or a print?)"
    if isinstance(answer, pd.DataFrame):
        return "a whole table (DataFrame)"
    if isinstance(answer, pd.Series):
        return "a column or row (Series)"
    if isinstance(answer, str):
        return "text (a string)"
    if _is_chart(answer):
        return "a chart"
    return f"a value of type {type(answer).__name__}"


def _is_chart(answer: Any) -> bool:
    return type(answer).__module__.startswith("altair") and hasattr(answer, "to_dict")


def _as_number(answer: Any) -> float | Problem:
    if isinstance(answer, pd.Series) and len(answer) == 1:
        return Problem("you gave a Series holding one value; the answer is the number itself.",
                       ("Take the value out with .iloc[0] or .item().",))
    if isinstance(answer, pd.DataFrame):
        return Problem("you gave a whole table, but the answer is one number.",
                       ("len(table) counts rows; table['column'].sum() adds a column.",))
    if isinstance(answer, bool) or not isinstance(answer, numbers.Number):
        return Problem(f"the answer should be a number, and you gave {_describe(answer)}.",
                       ("Assign the number itself, without quotes.",))
    try:
        value = float(answer)
    except (TypeError, ValueError, OverflowError):
        return Problem(f"the answer should be a real number, and you gave {_describe(answer)}.")
    if math.isnan(value):
        return Problem("the answer is NaN (not a number).",
                       ("Did a filter leave no rows, or a column hold missing values?",))
    return value


def _close(value: float, target: float, tolerance: float) -> bool:
    return math.isclose(value, target, rel_tol=0, abs_tol=tolerance)


def number(
    expected: Callable[[], float],
    *,
    tolerance: float = 0.0,
    mistakes: Sequence[Mistake] = (),
    hints: Sequence[str] = (),
) -> Judge:
    """A numeric answer, equal to ``expected()`` within ``tolerance``."""

    def judge(answer: Any) -> Problem | None:
        value = _as_number(answer)
        if isinstance(value, Problem):
            return value
        target = float(expected())
        if _close(value, target, tolerance):
            return None
        for mistake in mistakes:
            try:
                wrong = float(mistake.value())
            except (TypeError, ValueError):
                continue
            if _close(value, wrong, tolerance):
                return Problem(mistake.message, tuple(mistake.hints) or tuple(hints))
        direction = "too high" if value > target else "too low"
        return Problem(f"{value:g} is {direction}.", tuple(hints))

    return judge


def _as_timestamp(answer: Any) -> pd.Timestamp | Problem:
    if isinstance(answer, pd.Series) and len(answer) == 1:
        return Problem("you gave a Series holding one date; the answer is the date itself.",
                       ("Take it out with .iloc[0] or .max().",))
    if isinstance(answer, (str, dt.date, pd.Timestamp)) and not isinstance(answer, bool):
        try:
            stamp = pd.Timestamp(answer)
        except (ValueError, TypeError, OverflowError):
            return Problem("that text is not a date pandas can read.", ("Write it as 'YYYY-MM-DD'.",))
        if pd.isna(stamp):
            return Problem("the answer is NaT (no date).", ("Did a filter leave no rows?",))
        return stamp.tz_localize(None) if stamp.tzinfo is not None else stamp
    return Problem(f"the answer should be a date, and you gave {_describe(answer)}.",
                   ("A pandas Timestamp or a 'YYYY-MM-DD' string both work.",))


def date(
    expected: Callable[[], Any],
    *,
    mistakes: Sequence[Mistake] = (),
    hints: Sequence[str] = (),
    one_day_hint: str = "This is one day off: is the date in UTC or local time, and which does the question ask for?",
) -> Judge:
    """A calendar date equal to ``expected()`` (time of day ignored)."""

    def judge(answer: Any) -> Problem | None:
        stamp = _as_timestamp(answer)
        if isinstance(stamp, Problem):
            return stamp
        target = pd.Timestamp(expected()).normalize()
        given = stamp.normalize()
        if given == target:
            return None
        for mistake in mistakes:
            if given == pd.Timestamp(mistake.value()).normalize():
                return Problem(mistake.message, tuple(mistake.hints) or tuple(hints))
        if abs((given - target).days) == 1:
            return Problem("close, but not the date asked for.", (one_day_hint, *hints))
        return Problem("that is not the date asked for.", tuple(hints))

    return judge


def _normal(value: Any) -> str:
    return str(value).strip().strip(").").strip().lower()


def digest(value: Any, salt: str) -> str:
    """Salted SHA-256 of a normalised answer: how multiple-choice answers are stored."""
    return hashlib.sha256(f"summitlab|{salt}|{_normal(value)}".encode()).hexdigest()


def choice(
    answer_digest: str,
    *,
    salt: str,
    options: Iterable[str],
    feedback: Mapping[str, str] | None = None,
    hints: Sequence[str] = (),
) -> Judge:
    """A multiple-choice answer (one option letter), stored only as a digest."""
    options = tuple(_normal(option) for option in options)
    feedback = {_normal(k): v for k, v in (feedback or {}).items()}

    def judge(answer: Any) -> Problem | None:
        if not isinstance(answer, str):
            return Problem(f"the answer should be one letter in quotes, and you gave {_describe(answer)}.",
                           (f"For example: answer = \"{options[0]}\".",))
        picked = _normal(answer)
        if picked not in options:
            return Problem(f"pick one of the options: {', '.join(options)}.")
        if digest(picked, salt) == answer_digest:
            return None
        return Problem(feedback.get(picked, "that is not the best-supported option."), tuple(hints))

    return judge


def frame(
    expected: Callable[[], pd.DataFrame],
    *,
    columns: Sequence[str],
    sort_by: Sequence[str] | None = None,
    tolerance: float = 1e-9,
    mistakes: Sequence[Mistake] = (),
    hints: Sequence[str] = (),
) -> Judge:
    """A table whose ``columns`` hold the same values as ``expected()`` (row order ignored)."""
    columns = list(columns)

    def tidy(table: pd.DataFrame) -> pd.DataFrame:
        table = table[columns].reset_index(drop=True)
        # Sort categories by their values, not by their category order.
        table = table.astype({c: object for c in columns if isinstance(table[c].dtype, pd.CategoricalDtype)})
        table = table.sort_values(list(sort_by or columns), ignore_index=True)
        return table.astype(object).where(table.notna(), None)

    def same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
        if a.shape != b.shape:
            return False
        for column in columns:
            x, y = a[column], b[column]
            if pd.api.types.is_numeric_dtype(x.infer_objects()) and pd.api.types.is_numeric_dtype(y.infer_objects()):
                if not all(
                    (p is None and q is None) or (p is not None and q is not None and abs(float(p) - float(q)) <= tolerance)
                    for p, q in zip(x, y)
                ):
                    return False
            elif [str(v) for v in x] != [str(v) for v in y]:
                return False
        return True

    def judge(answer: Any) -> Problem | None:
        if isinstance(answer, pd.Series):
            return Problem("you gave a Series; the answer should be a table (DataFrame).",
                           ("After a groupby, .reset_index() turns the result back into a table.",))
        if not isinstance(answer, pd.DataFrame):
            return Problem(f"the answer should be a table (DataFrame), and you gave {_describe(answer)}.")
        missing = [column for column in columns if column not in answer.columns]
        if missing:
            index_names = [name for name in answer.index.names if name in missing]
            hint = ("Those are in the index: call .reset_index()." if index_names
                    else "Name the columns exactly as the exercise does (rename with .rename(columns=...)).")
            return Problem(f"the table lacks the column(s): {', '.join(missing)}.", (hint,))
        target = tidy(expected())
        try:
            given = tidy(answer)
        except (TypeError, ValueError):
            return Problem("the table's values could not be sorted and compared.",
                           ("Check each column's type (table.dtypes).",))
        if same(given, target):
            return None
        for mistake in mistakes:
            if same(given, tidy(mistake.value())):
                return Problem(mistake.message, tuple(mistake.hints) or tuple(hints))
        if len(given) != len(target):
            more = "more" if len(given) > len(target) else "fewer"
            return Problem(f"the table has {more} rows than it should.", tuple(hints))
        wrong = [c for c in columns if sorted(map(str, given[c])) != sorted(map(str, target[c]))]
        return Problem(f"some values differ in column(s): {', '.join(wrong) or 'several'}.", tuple(hints))

    return judge


def _expand(shorthand: str | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(shorthand, Mapping):
        return dict(shorthand)
    from altair.utils import parse_shorthand

    return parse_shorthand(shorthand)


_TYPE_CODES = {"quantitative": "Q", "temporal": "T", "nominal": "N", "ordinal": "O"}


def _units(spec: dict) -> list[dict]:
    """The single-view parts of a chart spec, with a layer inheriting its parent's encoding."""
    if "layer" in spec:
        units = []
        for layer in spec["layer"]:
            child = dict(layer)
            child["encoding"] = {**spec.get("encoding", {}), **layer.get("encoding", {})}
            units.extend(_units(child))
        return units
    return [spec]


def _mark_type(unit: dict) -> str | None:
    mark = unit.get("mark")
    return mark.get("type") if isinstance(mark, dict) else mark


def _encoding_problem(unit: dict, channel: str, want: dict) -> str | None:
    have = unit.get("encoding", {}).get(channel)
    if have is None:
        return f"nothing is encoded on the {channel} channel."
    if isinstance(have, list):
        return f"the {channel} channel should hold one field, not a list."
    for key, value in want.items():
        if have.get(key) != value:
            if key == "type":
                return f"the {channel} channel's type should be {value} (:{_TYPE_CODES.get(value, '?')})."
            if key == "field":
                return f"the {channel} channel shows another field than the one the exercise names."
            return f"the {channel} channel's {key} is not the one the exercise asks for."
    return None


def chart(
    *,
    mark: str,
    encodings: Mapping[str, str | Mapping[str, Any]],
    tooltip: bool = True,
    title: bool = True,
    description: bool = True,
    hints: Sequence[str] = (),
) -> Judge:
    """An Altair chart, checked on its specification (mark, encodings, tooltip, title, alt text).

    ``encodings`` maps a channel to an Altair shorthand, e.g. ``{"x": "month:T"}``.
    """
    wanted = {channel: _expand(short) for channel, short in encodings.items()}

    def judge(answer: Any) -> Problem | None:
        if not _is_chart(answer):
            return Problem(f"the answer should be an Altair chart, and you gave {_describe(answer)}.",
                           ("Assign the chart itself: chart = alt.Chart(table).mark_...().encode(...)",))
        try:
            spec = answer.to_dict()
        except Exception as error:  # Altair's schema validation: say what it found
            first = str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
            return Problem(f"Altair cannot build this chart: {first}", ("Check each encoding's field name and type.",))
        units = [unit for unit in _units(spec) if _mark_type(unit) == mark]
        if not units:
            return Problem(f"the chart should use mark_{mark}().", tuple(hints))
        problems = []
        for unit in units:
            found = [p for channel, want in wanted.items() if (p := _encoding_problem(unit, channel, want))]
            if tooltip and "tooltip" not in unit.get("encoding", {}):
                found.append("the marks have no tooltip (add tooltip=[...] with titled fields).")
            if not found:
                problems = []
                break
            problems.append(found)
        if problems:
            return Problem(" ".join(problems[0]), tuple(hints))
        if title and not spec.get("title"):
            return Problem("the chart has no title.", ("Add .properties(title='...').",))
        if description and not spec.get("description"):
            return Problem("the chart has no description (its alt text for screen readers).",
                           ("Add .properties(description='One sentence saying what the chart shows.').",))
        return None

    return judge
