"""Exercise checks: compare a student's answer with a derived or hashed expectation.

A check never raises at a student and never prints the expected answer. Each exercise is
an :class:`Exercise` with a *judge*: a function that takes the answer and returns ``None``
when it is right, or a :class:`Problem` that says what is wrong and offers hints.

Hints escalate: each wrong try at the same exercise gets the next hint of the problem, and
the last level always points to the lesson that teaches the step (derived from the exercise
id, with the exercise's ``section`` when it names one). After several wrong numbers,
a check stops saying "too high" or "too low" and asks the student to compute the number from
the table, so that the checks cannot be beaten by halving the interval.

Judges are built from the small factories below (:func:`number`, :func:`date`,
:func:`choice`, :func:`frame`, :func:`chart`) or written by hand for open exercises.
Expectations are either derived from the course data when the check runs (so the answer
is not stored in the package) or compared as a salted SHA-256 digest (multiple choice).
The factories attach a :class:`JudgeInfo` to the judge they return (``judge.info``), so that
the tests can prove, over the whole catalogue, that no two named mistakes meet.

What the checks protect, and what they do not: they are practice feedback. A student who
reads the package source or the judge's closure can find the expected value; graded work is
re-executed by the grader, not judged by what a notebook's check printed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import json
import math
import numbers
import pkgutil
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from summitlab import chartdata
from summitlab import tracker as _tracker
from summitlab.feedback import Feedback

__all__ = [
    "Exercise",
    "JudgeInfo",
    "Mistake",
    "Problem",
    "catalogue",
    "chart",
    "check",
    "choice",
    "date",
    "digest",
    "frame",
    "legend_selection",
    "lesson_pointer",
    "number",
    "progress",
    "sequence",
]

#: After this many wrong numbers (since the last right answer), a numeric check stops giving a direction.
GUESS_LIMIT = 3


@dataclass(frozen=True)
class Problem:
    """What is wrong with an answer, and hints from gentle to strong.

    ``guessable`` marks a message that gives a direction ("too high"): repeated, such messages
    would let a student find the number by halving the interval, so the check withholds them
    after :data:`GUESS_LIMIT` tries.
    """

    message: str
    hints: tuple[str, ...] = ()
    guessable: bool = False

    def hint(self, attempt: int) -> str:
        if not self.hints:
            return ""
        return self.hints[min(max(attempt, 1), len(self.hints)) - 1]


@dataclass(frozen=True)
class Mistake:
    """A likely wrong answer, derived like the right one, with advice aimed at it."""

    value: Callable[[], Any]
    message: str
    hints: tuple[str, ...] = ()


@dataclass(frozen=True)
class JudgeInfo:
    """What a factory-built judge expects, for tests over the catalogue.

    ``meet(a, b)`` is true when some answer would be accepted as both ``a`` and ``b`` (two
    numbers within twice the tolerance, two equal dates, two tables that compare equal).
    """

    kind: str
    expected: Callable[[], Any]
    mistakes: tuple[Mistake, ...] = ()
    meet: Callable[[Any, Any], bool] | None = None
    tolerance: float = 0.0
    decimals: int | None = None
    mark: str | None = None  # charts: the mark and encodings the exercise asks for
    encodings: Mapping[str, Any] | None = None


Judge = Callable[[Any], "Problem | None"]


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    objective: str
    judge: Judge
    kind: str = "checked"  # "checked" or "reflection" (not auto-checked)
    section: str = ""  # the lesson section that teaches the step, for the strongest hint


_REGISTRY: dict[str, Exercise] = {}
_ATTEMPTS: Counter = Counter()  # wrong tries in a row, per exercise
_GUESSES: Counter = Counter()  # wrong numbers since the last right answer, per exercise


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
    """Course order: "00.2" < "00.10" < "00p.1" < "01.1"; a lettered notebook follows its number."""
    notebook, _, item = str(exercise_id).partition(".")
    match = re.fullmatch(r"(\d+)(\D*)", notebook)
    number_part, letters = (int(match.group(1)), match.group(2)) if match else (math.inf, notebook)
    items = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in item.split(".")) if item else ()
    return (number_part, letters, items)


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
        return Feedback.not_quite(str(exercise_id), f"the checks could not load ({type(error).__name__}).",
                                  "Restart the kernel and run the setup cell again.")
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


# --- hints that escalate ---------------------------------------------------------------------

def _lesson_path(prefix: str) -> str | None:
    from summitlab import course

    for number_, slug, *_ in course.LESSONS:
        if number_ == prefix:
            return f"notebooks/{number_}-{slug}.ipynb"
    found = sorted((course.ROOT / "notebooks").glob(f"{prefix}-*.ipynb"))
    return f"notebooks/{found[0].name}" if found else None


def lesson_pointer(exercise_id: str, section: str = "") -> str:
    """The strongest hint of every exercise: where in the lessons the step is taught."""
    prefix = str(exercise_id).partition(".")[0]
    path = _lesson_path(prefix)
    where = f"lesson {prefix} ({path})" if path else f"lesson {prefix}"
    if section:
        where += f", section \u201c{section}\u201d"
    return (f"Go back to {where}: it works through this step on the course data. "
            "Redo the step there, then build your answer here the same way, from the table.")


_GENTLE = "Read the exercise text again: it names the table, the rows to keep and the form of the answer."


def _ladder(exercise: Exercise, problem: Problem) -> tuple[str, ...]:
    """Up to two of the problem's hints, gentle to strong, then the lesson pointer: two or three
    levels, whatever the judge gave (a judge with no hint gets a generic first one)."""
    pointer = lesson_pointer(exercise.id, exercise.section)
    hints = [h for h in dict.fromkeys(problem.hints) if h and h != pointer][:2]
    if not hints:
        hints = [_GENTLE]
    return (*hints, pointer)


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
        _GUESSES.pop(exercise.id, None)
        return Feedback.correct(exercise.id)
    _ATTEMPTS[exercise.id] += 1
    ladder = _ladder(exercise, problem)
    message = problem.message
    if problem.guessable:
        _GUESSES[exercise.id] += 1
        if _GUESSES[exercise.id] > GUESS_LIMIT:
            tries = _GUESSES[exercise.id]
            message = (f"that is not it either, and after {tries} wrong numbers this check no longer "
                       "says higher or lower: compute the number from the table rather than adjusting it.")
            return Feedback.not_quite(exercise.id, message, ladder[-1])
    # Only a right answer resets the count: a named mistake or a type error in between must
    # not buy three more directions.
    return Feedback.not_quite(exercise.id, message, Problem(message, ladder).hint(_ATTEMPTS[exercise.id]))


def progress() -> pd.DataFrame:
    """A table of every exercise in the course with its state in this folder's progress file."""
    done = _tracker.read()
    rows = []
    for exercise in catalogue().values():
        entry = done.get(exercise.id, {}) if isinstance(done.get(exercise.id), dict) else {}
        status = "reflection (not checked)" if exercise.kind == "reflection" else entry.get("status", "not started")
        rows.append({
            "exercise": exercise.id,
            "notebook": exercise.id.split(".")[0],
            "title": exercise.title,
            "status": status,
            "checks run": _count(entry.get("checks")),
            "wrong tries": _count(entry.get("wrong")),
        })
    return pd.DataFrame(rows, columns=["exercise", "notebook", "title", "status", "checks run", "wrong tries"])


def _count(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


# --- shape of the answer -------------------------------------------------------------

def _is_missing(answer: Any) -> bool:
    """pandas' missing values (<NA>, NaT) and float NaN: what an empty filter or a failed
    lookup leaves."""
    if answer is pd.NA or answer is pd.NaT:
        return True
    return isinstance(answer, (float, np.floating)) and math.isnan(float(answer))


def _describe(answer: Any) -> str:
    if answer is None:
        return "None (did the cell end with an assignment and no value, or a print?)"
    if _is_missing(answer):
        shown = "NaN" if isinstance(answer, (float, np.floating)) else str(answer)
        return f"a missing value ({shown})"
    if isinstance(answer, pd.DataFrame):
        return "a whole table (DataFrame)"
    if isinstance(answer, pd.Series):
        return "a column or row (Series)"
    if isinstance(answer, str):
        return "text (a string)" if answer.strip() else "empty text ('')"
    if isinstance(answer, (bool, np.bool_)):
        return "a true/false value (bool)"
    if isinstance(answer, (numbers.Real, np.number)):
        return f"a number ({answer!r:.20})"
    if isinstance(answer, numbers.Number):
        return f"a complex number ({answer!r:.20})"
    if isinstance(answer, (list, tuple)):
        return f"a {type(answer).__name__} of {len(answer)} item(s)"
    if isinstance(answer, np.ndarray):
        return f"a numpy array of shape {answer.shape}"
    if isinstance(answer, pd.Index):
        return f"an Index of {len(answer)} item(s)"
    if isinstance(answer, pd.api.extensions.ExtensionArray):
        return f"an array of {len(answer)} item(s)"
    if isinstance(answer, dict):
        return f"a dict of {len(answer)} item(s)"
    if isinstance(answer, (set, frozenset)):
        return f"a set of {len(answer)} item(s)"
    if _is_chart(answer):
        return "a chart"
    return f"a value of type {type(answer).__name__}"


def sequence(answer: Any) -> list | None:
    """The items of a one-dimensional sequence of any kind, as a list, or None for anything else.

    Where an exercise asks for a sequence (a list of ids, say), a list, a tuple, a numpy array,
    a pandas Index or Series, and a pandas extension array (``.values`` of a text column is a
    ``StringArray`` under pandas 3) are all the same answer. numpy scalars become Python ones.
    """
    if isinstance(answer, (str, bytes, dict, set, frozenset, pd.DataFrame)) or _is_chart(answer):
        return None
    if isinstance(answer, np.ndarray):
        if answer.ndim != 1:
            return None
        items = list(answer)
    elif isinstance(answer, (list, tuple, pd.Series, pd.Index, pd.api.extensions.ExtensionArray)):
        items = list(answer)
    else:
        return None
    return [_unwrap(item) for item in items]


def _is_chart(answer: Any) -> bool:
    return type(answer).__module__.startswith("altair") and hasattr(answer, "to_dict")


def _unwrap(answer: Any) -> Any:
    """A numpy 0-d array or numpy scalar as a plain Python value; anything else unchanged."""
    if isinstance(answer, np.ndarray) and answer.ndim == 0:
        return answer.item()
    if isinstance(answer, np.generic):
        return answer.item()
    return answer


_EMPTY_HINTS = ("Did a filter leave no rows, or a column hold missing values?",
                "Look at the table just before the last step: len(table) == 0 means the filter kept nothing.")


def _as_number(answer: Any) -> float | Problem:
    answer = _unwrap(answer)
    if answer is pd.NA or answer is pd.NaT:
        return Problem(f"the answer is missing ({answer}): the mean of an empty column gives that, so did a filter keep no rows?",
                       _EMPTY_HINTS)
    if isinstance(answer, pd.Series) and len(answer) == 1:
        return Problem("you gave a Series holding one value; the answer is the number itself.",
                       ("Take the value out with .iloc[0] or .item().",
                        "A column of one row is still a column: series.iloc[0] is the number in it."))
    if isinstance(answer, pd.DataFrame):
        return Problem("you gave a whole table, but the answer is one number.",
                       ("len(table) counts rows; table['column'].sum() adds a column.",
                        "Reduce the table to one number (a count, a sum, a maximum) before assigning it."))
    if isinstance(answer, (list, tuple, np.ndarray, pd.Series, pd.Index, pd.api.extensions.ExtensionArray)):
        return Problem(f"the answer should be one number, and you gave {_describe(answer)}.",
                       ("Reduce the values to the one number the exercise asks for, e.g. with max() or len().",
                        "Assign a single number, such as 12 or 0.25, not a list of values."))
    if isinstance(answer, (pd.Timedelta, dt.timedelta, np.timedelta64)):
        return Problem("you gave a time difference (a Timedelta); the answer is its number of days.",
                       ("Take .days of the difference.",
                        "(later - earlier) is a Timedelta; (later - earlier).days is a whole number."))
    if isinstance(answer, str):
        return Problem("the answer should be a number, and you gave text (a string).",
                       ("Assign the number itself, without quotes.",
                        "int(text) or float(text) turns text into a number, but compute it from the table instead."))
    if isinstance(answer, bool) or not isinstance(answer, numbers.Number):
        return Problem(f"the answer should be a number, and you gave {_describe(answer)}.",
                       ("Assign the number itself, without quotes.",
                        "A number is what len(), .sum(), .mean() or .max() return."))
    try:
        value = float(answer)
    except (TypeError, ValueError, OverflowError):
        return Problem(f"the answer should be a real number, and you gave {_describe(answer)}.",
                       ("Assign a real number such as 12 or 0.25.",))
    if math.isnan(value):
        return Problem("the answer is NaN (not a number).", _EMPTY_HINTS)
    if math.isinf(value):
        return Problem("the answer is infinite: did you divide by zero?",
                       ("Look at the denominator: is it the number of rows you meant?",))
    return value


def _close(value: float, target: float, tolerance: float) -> bool:
    return math.isclose(value, target, rel_tol=0, abs_tol=tolerance)


def _tolerance(tolerance: float, decimals: int | None) -> float:
    if decimals is None:
        return tolerance
    return 0.5 * 10.0 ** (-decimals) + 1e-12


def number(
    expected: Callable[[], float],
    *,
    tolerance: float = 0.0,
    decimals: int | None = None,
    mistakes: Sequence[Mistake] = (),
    hints: Sequence[str] = (),
) -> Judge:
    """A numeric answer, equal to ``expected()`` within ``tolerance``.

    ``decimals=2`` accepts any answer that rounds to the expected value at two decimals or is
    more precise (a tolerance of half a unit in the last decimal): state it in the exercise.
    """
    tolerance = _tolerance(tolerance, decimals)
    mistakes = tuple(mistakes)

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
                return Problem(mistake.message, tuple(mistake.hints) + tuple(hints))
        direction = "too high" if value > target else "too low"
        precision = f" (the check accepts it to {decimals} decimals)" if decimals is not None else ""
        return Problem(f"{value:g} is {direction}{precision}.", tuple(hints), guessable=True)

    judge.info = JudgeInfo("number", expected, mistakes,
                           lambda a, b: abs(float(a) - float(b)) <= 2 * tolerance, tolerance, decimals)
    return judge


def _as_timestamp(answer: Any) -> pd.Timestamp | Problem:
    if answer is pd.NA or answer is pd.NaT:
        return Problem(f"the answer is missing ({answer}): no date.",
                       ("Did a filter leave no rows?", "Look at the table just before .max() or .iloc[0]."))
    if isinstance(answer, (pd.Series, pd.Index, np.ndarray, list, tuple, pd.api.extensions.ExtensionArray)) \
            and np.ndim(answer) == 1 and len(answer) == 1:
        return Problem(f"you gave {_describe(answer)} holding one date; the answer is the date itself.",
                       ("Take it out with .iloc[0] (or [0] for a list or array).",
                        "A column of one row is still a column: series.iloc[0] is the date in it."))
    if isinstance(answer, np.datetime64) or (isinstance(answer, np.ndarray) and answer.ndim == 0):
        answer = pd.Timestamp(answer)
    if isinstance(answer, (str, dt.date, pd.Timestamp)) and not isinstance(answer, bool):
        try:
            stamp = pd.Timestamp(answer)
        except (ValueError, TypeError, OverflowError):
            return Problem("that text is not a date pandas can read.",
                           ("Write it as 'YYYY-MM-DD'.", "Better: take the date from the table, not by typing it."))
        if pd.isna(stamp):
            return Problem("the answer is NaT (no date).",
                           ("Did a filter leave no rows?", "Look at the table just before .max() or .iloc[0]."))
        return stamp.tz_localize(None) if stamp.tzinfo is not None else stamp
    return Problem(f"the answer should be a date, and you gave {_describe(answer)}.",
                   ("A pandas Timestamp, a datetime.date or a 'YYYY-MM-DD' string all work.",
                    "Take one cell of a date column, e.g. table['date'].max()."))


def date(
    expected: Callable[[], Any],
    *,
    mistakes: Sequence[Mistake] = (),
    hints: Sequence[str] = (),
    one_day_hint: str = "This is one day off: is the date in UTC or local time, and which does the question ask for?",
) -> Judge:
    """A calendar date equal to ``expected()`` (time of day ignored; a tz-aware time is read on
    its own clock, so a Korean time counts by its Korean date)."""
    mistakes = tuple(mistakes)

    def day(value: Any) -> pd.Timestamp:
        stamp = pd.Timestamp(value)
        return (stamp.tz_localize(None) if stamp.tzinfo is not None else stamp).normalize()

    def judge(answer: Any) -> Problem | None:
        stamp = _as_timestamp(answer)
        if isinstance(stamp, Problem):
            return stamp
        target = day(expected())
        given = stamp.normalize()
        if given == target:
            return None
        for mistake in mistakes:
            if given == day(mistake.value()):
                return Problem(mistake.message, tuple(mistake.hints) + tuple(hints))
        if abs((given - target).days) == 1:
            return Problem("close, but not the date asked for.", (one_day_hint, *hints))
        return Problem("that is not the date asked for.", tuple(hints))

    judge.info = JudgeInfo("date", expected, mistakes, lambda a, b: day(a) == day(b))
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
    compare = "Read each option against the table: the right one is the only one the numbers support."

    def judge(answer: Any) -> Problem | None:
        answer = _unwrap(answer)
        if not isinstance(answer, str):
            return Problem(f"the answer should be one letter in quotes, and you gave {_describe(answer)}.",
                           (f"For example: answer = \"{options[0]}\".",
                            f"Write one of {', '.join(options)} between quotes, and nothing else."))
        picked = _normal(answer)
        if picked not in options:
            return Problem(f"pick one of the options: {', '.join(options)}.",
                           ("Write only the letter, in quotes, e.g. \"a\".",
                            f"The options are {', '.join(options)}; other text is not read."))
        if digest(picked, salt) == answer_digest:
            return None
        return Problem(feedback.get(picked, "that is not the best-supported option."), (*hints, compare))

    return judge


def _numeric_column(values: pd.Series) -> bool:
    inferred = values.infer_objects() if values.dtype == object else values
    return (pd.api.types.is_numeric_dtype(inferred) or pd.api.types.is_bool_dtype(inferred)) and not \
        isinstance(inferred.dtype, pd.CategoricalDtype)


def _text_column(values: pd.Series) -> bool:
    return bool(len(values)) and all(isinstance(v, str) for v in values if v is not None and v == v)


def frame(
    expected: Callable[[], pd.DataFrame],
    *,
    columns: Sequence[str],
    sort_by: Sequence[str] | None = None,
    tolerance: float = 1e-9,
    decimals: int | None = None,
    mistakes: Sequence[Mistake] = (),
    hints: Sequence[str] = (),
) -> Judge:
    """A table whose ``columns`` hold the same values as ``expected()``.

    Row order, column order, extra columns and the index are ignored (columns the exercise
    names may also be index levels, as after a groupby). Numeric columns are compared as
    numbers whatever their dtype (a float year equals an integer year); text in a column that
    should hold numbers is named as such.
    """
    columns = list(columns)
    tolerance = _tolerance(tolerance, decimals)
    mistakes = tuple(mistakes)

    def tidy(table: pd.DataFrame) -> pd.DataFrame:
        table = table[columns].reset_index(drop=True)
        out = {}
        for column in columns:
            values = table[column]
            if isinstance(values.dtype, pd.CategoricalDtype):
                values = values.astype(object)
            if pd.api.types.is_datetime64_any_dtype(values):
                values = values.dt.tz_localize(None) if getattr(values.dt, "tz", None) is not None else values
            if _numeric_column(values):
                values = values.astype(float)
            else:
                values = values.astype(object).where(values.notna(), None).map(lambda v: v if v is None else str(v))
            out[column] = values
        table = pd.DataFrame(out)
        return table.sort_values(list(sort_by or columns), ignore_index=True, na_position="last")

    def same_values(x: pd.Series, y: pd.Series) -> bool:
        if len(x) != len(y) or (x.dtype == float) != (y.dtype == float):
            return False
        x, y = x.reset_index(drop=True), y.reset_index(drop=True)
        if x.dtype == float:
            both_nan = x.isna() & y.isna()
            return bool(((x - y).abs().le(tolerance) | both_nan).all())
        return list(x) == list(y)

    def same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
        return a.shape == b.shape and all(same_values(a[c], b[c]) for c in columns)

    def prepare(answer: pd.DataFrame) -> pd.DataFrame | Problem:
        missing = [column for column in columns if column not in answer.columns]
        in_index = [name for name in answer.index.names if name in missing]
        if missing and set(missing) <= set(in_index):
            answer = answer.reset_index()
            missing = []
        if missing:
            return Problem(f"the table lacks the column(s): {', '.join(missing)}.",
                           ("Name the columns exactly as the exercise does (rename with .rename(columns=...)).",
                            f"The exercise asks for the columns {', '.join(columns)}; table.columns shows yours."))
        if answer.columns.duplicated().any():
            return Problem("the table has two columns with the same name.",
                           ("Drop or rename one of them: table.loc[:, ~table.columns.duplicated()].",))
        return answer

    def judge(answer: Any) -> Problem | None:
        if isinstance(answer, pd.Series):
            return Problem("you gave a Series; the answer should be a table (DataFrame).",
                           ("After a groupby, .reset_index() turns the result back into a table.",
                            "series.reset_index(name='...') names the counted column as the exercise asks."))
        if not isinstance(answer, pd.DataFrame):
            return Problem(f"the answer should be a table (DataFrame), and you gave {_describe(answer)}.",
                           ("Build the table with pandas (groupby, filter, pd.DataFrame(...)) and assign it.",
                            f"A table with the columns {', '.join(columns)}."))
        answer = prepare(answer)
        if isinstance(answer, Problem):
            return answer
        target = tidy(expected())
        for column in columns:
            if target[column].dtype == float and not _numeric_column(answer[column]) and _text_column(answer[column]):
                return Problem(f"the column {column} holds text; it should hold numbers.",
                               (f"Convert it: table['{column}'] = table['{column}'].astype(int) (or float).",
                                "Numbers read from text keep quotes; compute the column from the data instead."))
        try:
            given = tidy(answer)
        except (TypeError, ValueError):
            return Problem("the table's values could not be sorted and compared.",
                           ("Check each column's type (table.dtypes).",
                            "A column mixing text and numbers cannot be sorted: give each column one type."))
        if same(given, target):
            return None
        for mistake in mistakes:
            if same(given, tidy(mistake.value())):
                return Problem(mistake.message, tuple(mistake.hints) + tuple(hints))
        if len(given) != len(target):
            more = "more" if len(given) > len(target) else "fewer"
            return Problem(f"the table has {more} rows than it should.", tuple(hints))
        wrong = [c for c in columns if not same_values(given[c].sort_values(ignore_index=True),
                                                       target[c].sort_values(ignore_index=True))]
        return Problem(f"some values differ in column(s): {', '.join(wrong) or 'several (the rows pair up differently)'}.",
                       tuple(hints))

    def meet(a: pd.DataFrame, b: pd.DataFrame) -> bool:
        return same(tidy(a), tidy(b))

    judge.info = JudgeInfo("frame", expected, mistakes, meet, tolerance, decimals)
    return judge



# --- charts ----------------------------------------------------------------------------

def _expand(shorthand: str | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(shorthand, Mapping):
        return dict(shorthand)
    from altair.utils import parse_shorthand

    return parse_shorthand(shorthand)


_TYPE_CODES = {"quantitative": "Q", "temporal": "T", "nominal": "N", "ordinal": "O"}


def field_definition(definition: Any) -> Any:
    """A channel's field definition, also when it is conditional: ``alt.when(pick).then(
    alt.Color("class:N")).otherwise(alt.value("grey"))`` puts the field inside the condition."""
    if isinstance(definition, dict) and "field" not in definition and "aggregate" not in definition:
        conditions = definition.get("condition")
        for condition in (conditions if isinstance(conditions, list) else [conditions]):
            if isinstance(condition, dict) and ("field" in condition or "aggregate" in condition):
                return condition
    return definition


def _encoding_problem(encoding: dict, channel: str, want: dict, strict: bool = False) -> str | None:
    have = field_definition(encoding.get(channel))
    if have is None:
        return f"nothing is encoded on the {channel} channel."
    if isinstance(have, list):
        return f"the {channel} channel should hold one field, not a list."
    if "field" not in have and "aggregate" not in have:
        return (f"the {channel} channel holds a fixed value, not a field of the data (the exercise names "
                f"{want.get('field') or want.get('aggregate', 'a field')}).")
    # The same numbers computed another way: counted or summed in pandas first (a field where the
    # exercise writes count()), aggregated or time-floored in the chart from the raw table (count()
    # or yearmonth(date) where the exercise names a column computed in pandas), or by another
    # aggregate (sum of ones for count(); named by ``strict`` once the data differ). The field and
    # the aggregate are then left to the data comparison, which judges what the chart draws.
    precomputed = "aggregate" in want and "aggregate" not in have
    in_chart = ("aggregate" in have and "aggregate" not in want) or bool(have.get("timeUnit"))
    other_aggregate = not strict and "aggregate" in want and "aggregate" in have
    for key, value in want.items():
        if (precomputed or in_chart or other_aggregate) and key in ("aggregate", "field"):
            continue
        if have.get(key) != value:
            if key == "type":
                return f"the {channel} channel's type should be {value} (:{_TYPE_CODES.get(value, '?')})."
            if key == "field":
                return f"the {channel} channel shows another field than the one the exercise names."
            return f"the {channel} channel's {key} is not the one the exercise asks for."
    return None


def _as_label(value: Any) -> Any:
    """A nominal or ordinal value as text: 2017, 2017.0 and "2017" are the same category."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        value = int(value)
    return str(value)


def _categorical_as_text(table: pd.DataFrame, channels: Iterable[str]) -> pd.DataFrame:
    table = table.copy()
    for channel in channels:
        if channel in table:
            table[channel] = table[channel].astype(object).map(_as_label)
    return table


def _mark_tooltip(view: chartdata.View) -> bool:
    """Whether the mark itself shows a tooltip (mark_bar(tooltip=True)): Vega-Lite then shows the
    encoded fields, each under its channel's title."""
    shown = view.mark_def.get("tooltip") if isinstance(view.mark_def, dict) else None
    return "tooltip" not in view.encoding and (shown is True or isinstance(shown, dict))


def _untitled(encoding: dict, tooltip: bool, axes: Sequence[str], mark_tooltip: Any = False) -> str | None:
    if tooltip and isinstance(mark_tooltip, dict) and mark_tooltip.get("content") == "data":
        return ("the tooltip (content 'data' on the mark) shows the data's column names, not titles (the exercise "
                "asks for titled fields).")
    if tooltip and mark_tooltip:
        untitled = [channel for channel, definition in encoding.items() if channel not in ("tooltip", "text")
                    and isinstance(definition, dict) and ("field" in definition or "aggregate" in definition)
                    and not definition.get("title")]
        if untitled:
            return (f"the tooltip (tooltip=True on the mark) shows the {', '.join(untitled)} field(s) without a "
                    "title (the exercise asks for titled fields).")
    elif tooltip:
        fields = encoding.get("tooltip")
        fields = fields if isinstance(fields, list) else [fields]
        if any(isinstance(f, dict) and "field" in f and not f.get("title") for f in fields):
            return "some tooltip fields have no title (the exercise asks for titled fields)."
    for channel in axes:
        definition = encoding.get(channel)
        if isinstance(definition, dict):
            axis = definition.get("axis")
            if not (definition.get("title") or (isinstance(axis, dict) and axis.get("title"))):
                return f"the {channel} axis has no title (the exercise asks for axis titles)."
    return None


NO_DATA_HINTS = (
    "Do the work in pandas first (filter the rows, compute the columns, count or sum them) and pass "
    "alt.Chart the table the chart should show, with the encodings the exercise names: the check reads that table.",
    "Leave out transform_window, transform_lookup, bin=... and data read from a URL or file: "
    "the check cannot compute what those draw.",
)


_JSON_LEAVES = (str, int, float, bool, type(None))


def _first_odd_value(spec: Any) -> tuple[str, Any] | None:
    """The first value in ``spec`` that JSON has no form for, with the key it sits under
    (the column, for a row of data); walked without recursion, for a hostile chart's sake."""
    stack: list[tuple[str, Any]] = [("", spec)]
    while stack:
        key, node = stack.pop()
        if isinstance(node, dict):
            stack.extend(reversed([(str(k), v) for k, v in node.items()]))
        elif isinstance(node, (list, tuple)):
            stack.extend(reversed([(key, v) for v in node]))
        elif not isinstance(node, _JSON_LEAVES):
            return key, node
    return None


def _cannot_be_drawn(spec: dict) -> Problem | None:
    """Altair's ``to_dict`` leaves in the chart values of the table it has no JSON form for: a
    pandas Period (from ``.dt.to_period("M")``) above all. The chart goes to the browser as JSON,
    so showing it stops with an error ("Can't clean for JSON: Period(...)" in JupyterLab, "Object
    of type Period is not JSON serializable" from Altair's HTML renderer) and nothing is drawn:
    say so, and how to turn the column into something a chart can show."""
    try:
        json.dumps(spec)
        return None
    except (TypeError, ValueError, RecursionError):
        pass
    found = _first_odd_value(spec)
    where = f"the {found[0]!r} field of its data" if found and found[0] else "its data"
    if found and isinstance(found[1], pd.Period):
        return Problem(
            f"the chart cannot be drawn: {where} holds pandas Periods (what .dt.to_period() makes). A chart "
            "goes to the browser as JSON, which has no form for a Period, so showing it stops with an error "
            "that names Period and JSON. Turn them into dates with .dt.to_timestamp() before you chart the table.",
            (f"Convert the column before alt.Chart(...): table[{found[0]!r}] = table[{found[0]!r}].dt.to_timestamp() "
             "gives the first moment of each period, a date the chart can show.",
             "A Period is a span of time (a month, a year), not a date; .dt.to_period('M').dt.to_timestamp() "
             "floors each date to the first of its month and keeps it a date."))
    kind = type(found[1]).__name__ if found else "some values"
    return Problem(
        f"the chart cannot be drawn: {where} holds values of type {kind}. A chart goes to the browser as "
        "JSON, which has no form for them, so showing it stops with an error about JSON.",
        ("Convert that column to numbers, text or dates (pd.to_datetime) before you chart the table.",
         "Look at table.dtypes: a chart can show numbers, text, true/false and dates."))


_DATE_ONLY = re.compile(r"[+-]?\d{4,6}(-\d{2}(-\d{2})?)?")
_PART_WORDS = {"year": "year", "quarter": "quarter", "month": "month", "date": "day", "hours": "hour",
               "minutes": "minute", "seconds": "second", "milliseconds": "millisecond"}


def _read_as_utc(view: chartdata.View) -> Problem | None:
    """A local time unit (``yearmonth``) over text dates without a time of day ("2016-02", what
    ``.astype(str)`` makes of a Period): JavaScript reads such text as midnight UTC (and text with
    a time but no offset as local time), so for a reader west of UTC the value falls on the evening
    before, and a value on the first of a month is drawn in the month before."""
    from summitlab import vegaexpr  # imported when a chart is judged, not with the package

    for channel, definition in chartdata.channel_defs(view.encoding):
        unit, name = chartdata.unit_name(definition.get("timeUnit")), definition.get("field")
        if unit is None and channel in ("tooltip", "text") and definition.get("type") == "temporal":
            unit = "yearmonthdate"  # shown as text in the reader's time, to the day ("Jun 12, 2018")
        elif unit is None:
            continue  # a position drawn a few hours off: the same place on any axis the course draws
        if unit.startswith("utc") or not isinstance(name, str) or not view.rows:
            continue
        texts = [row[name] for row in view.rows if isinstance(row, dict) and isinstance(row.get(name), str)]
        if not texts or not all(_DATE_ONLY.fullmatch(text.strip()) for text in texts):
            continue
        try:
            parts = chartdata.unit_parts(unit)
            if not set(parts) <= set(_PART_WORDS):
                continue
            stamps = pd.Series([vegaexpr.to_date(text.strip()) for text in texts], dtype="datetime64[us]")
            at = chartdata.floor_time(stamps, unit)
            before = chartdata.floor_time(stamps - pd.Timedelta(milliseconds=1), unit)
        except (chartdata.NotComputable, TypeError, ValueError, OverflowError):
            continue
        shifted = (at != before) & at.notna()
        if not shifted.any():
            continue
        example = texts[int(shifted.to_numpy().nonzero()[0][0])]
        drawn = (f"the {channel} shows {example!r} as the day before" if not definition.get("timeUnit") else
                 f"{unit}({name}) draws {example!r} in the {_PART_WORDS[parts[-1]]} before")
        return Problem(
            f"the chart's {name!r} values are text dates without a time of day (such as {example!r}). Browsers "
            "read such text as midnight UTC, which west of UTC (in the Americas) is the evening before, so there "
            f"{drawn}. Give the chart dates, not text: table[{name!r}] = pd.to_datetime(table[{name!r}]).",
            ("Dates (datetime64) reach the browser with their time of day and are read on the reader's own clock, "
             "so every reader sees the same day and month; on a Period column use .dt.to_timestamp(), not .astype(str).",))
    return None


def _time_unit_problem(channel: str, unit: Any, coarser: bool) -> str:
    name = chartdata.unit_name(unit)
    if coarser:
        return (f"the {channel} channel uses the time unit {name}(...), which is coarser than the data the "
                "exercise asks for: marks of different dates are drawn at one place. Leave the time unit out, "
                "or use one that keeps the detail.")
    return (f"the {channel} channel uses the time unit {name}(...), which has no year: it draws the same "
            f"{chartdata.unit_parts(unit)[0]} of every year at one place (all Januaries together), a different "
            "chart. Use a unit with the year, such as yearmonth(...), or none.")


def _zero_length(shown: pd.DataFrame, wanted: Mapping[str, dict]) -> pd.Series:
    """Rows of a bar chart's drawn data whose bar has no length: a quantitative x (or y) of 0
    with no x2 (or y2) channel."""
    zero = pd.Series(False, index=shown.index)
    for channel, partner in (("x", "x2"), ("y", "y2")):
        if wanted.get(channel, {}).get("type") == "quantitative" and partner not in wanted and channel in shown:
            zero |= pd.to_numeric(shown[channel], errors="coerce").eq(0)
    return zero


def _drawn_by_layers(units: Sequence[chartdata.View], channels: list[str]) -> pd.DataFrame:
    """What the layers that draw the asked-for mark and encodings draw together: a second layer of
    the same kind adds its marks (one layer per class is the same chart as one layer for all), and a
    mark that an earlier layer already draws at the same place with the same values adds nothing
    (a highlight layer over the bars)."""
    tables = [chartdata.drawn(unit, channels) for unit in units]
    if len(tables) == 1:
        return tables[0]
    seen: set = set()
    kept = []
    for table in tables:
        keys = [tuple(_as_label(v) if not isinstance(v, (float, np.floating)) else round(float(v), 9) for v in row)
                for row in table[channels].itertuples(index=False)]
        fresh = [key not in seen for key in keys]
        seen.update(keys)
        kept.append(table[fresh])
    return pd.concat(kept, ignore_index=True)


def chart(
    *,
    mark: str | Sequence[str],
    encodings: Mapping[str, str | Mapping[str, Any]],
    expected: Callable[[], pd.DataFrame] | None = None,
    mistakes: Sequence[Mistake] = (),
    tolerance: float = 1e-3,
    tooltip: bool = True,
    titled_tooltip: bool = False,
    axis_titles: Sequence[str] = (),
    title: bool = True,
    description: bool = True,
    hints: Sequence[str] = (),
    time_units: Sequence[str] = (),
) -> Judge:
    """An Altair chart, checked on its specification *and* on its data.

    The data rule: the judge says *correct* only after comparing the data the chart would draw
    with ``expected()``. When it cannot compute that data (see :mod:`summitlab.chartdata`), it
    says so plainly, and what the student can do; it never passes a chart on its spec alone. A
    judge built without ``expected`` therefore never says *correct* (and the catalogue test
    fails on it).

    ``mark`` is the mark the exercise asks for, or a tuple of marks that draw the same data
    (``("point", "circle", "square")`` where the text asks for a point chart); messages name the first.

    ``encodings`` maps a channel to an Altair shorthand, e.g. ``{"x": "month:T"}``; a field may
    sit inside a condition (``alt.when(...).then(alt.Color(...))``). Every field any view encodes
    must exist in that view's data (or be made by a transform). ``expected`` returns a table with
    one column per channel (named "x", "y", "color", ...) holding what the chart should draw, one
    row per mark: the chart's own rows, after its transforms, aggregated as its encodings say
    (``count()``, ``sum(...)``, time units), are compared with it as a table, nominal and ordinal
    channels as text. ``mistakes`` are likely wrong tables of the same form.

    Time units on a temporal channel are judged by what they draw: a unit with the year that
    leaves the expected values unchanged (``yearmonth`` on monthly data) is accepted, and so is
    any unit listed in ``time_units`` (the expected values are then floored the same way); a unit
    without the year (``month``) stacks the years and is a different chart.
    Titles, descriptions and tooltips are found in layered, concatenated and faceted charts.
    ``titled_tooltip`` requires a title on every tooltip field and ``axis_titles`` an axis title
    on the channels named, where the exercise's text asks for them.
    """
    marks = (mark,) if isinstance(mark, str) else tuple(mark)
    mark = marks[0]  # what the messages name; the others draw the same data (circles for points)
    wanted = {channel: _expand(short) for channel, short in encodings.items()}
    channels = list(wanted)
    labels = [c for c, w in wanted.items() if w.get("type") in ("nominal", "ordinal")]
    temporal = [c for c, w in wanted.items() if w.get("type") == "temporal"]
    mistakes = tuple(mistakes)
    allowed_units = {chartdata.unit_parts(unit) for unit in time_units}

    def as_drawn(table_fn: Callable[[], pd.DataFrame], units: Mapping[str, Any]) -> Callable[[], pd.DataFrame]:
        def table() -> pd.DataFrame:
            out = table_fn().copy()
            for channel, unit in units.items():
                out[channel] = chartdata.floor_time(pd.to_datetime(out[channel]), unit)
            return _categorical_as_text(out, labels)
        return table

    def data_judge(units: Mapping[str, Any]) -> Judge:
        return frame(as_drawn(expected, units), columns=channels, tolerance=tolerance,
                     mistakes=[Mistake(as_drawn(m.value, units), m.message, m.hints) for m in mistakes])

    def units_of(chosen: chartdata.View) -> tuple[dict, str | None]:
        """Time units to floor the expected values with, and what to say if the data differ."""
        floors, note = {}, None
        target = expected()
        for channel in temporal:
            unit = field_definition(chosen.encoding.get(channel) or {}).get("timeUnit")
            if not chartdata.unit_name(unit):
                continue
            parts = chartdata.unit_parts(unit)
            if "year" not in parts:
                note = note or _time_unit_problem(channel, unit, coarser=False)
                continue
            values = pd.to_datetime(target[channel])
            if parts in allowed_units or \
                    chartdata.floor_time(values, unit).reset_index(drop=True).equals(
                        values.astype("datetime64[us]").reset_index(drop=True)):
                floors[channel] = unit
            else:
                note = note or _time_unit_problem(channel, unit, coarser=True)
        return floors, note

    def judge(answer: Any) -> Problem | None:
        if not _is_chart(answer):
            return Problem(f"the answer should be an Altair chart, and you gave {_describe(answer)}.",
                           ("Assign the chart itself: chart = alt.Chart(table).mark_...().encode(...)",
                            "A chart object is what alt.Chart(...).mark_...().encode(...) returns; do not call .show()."))
        try:
            spec = answer.to_dict()
        except Exception as error:  # Altair's schema validation: say what it found
            first = str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
            return Problem(f"Altair cannot build this chart: {first}",
                           ("Check each encoding's field name and type.",
                            "Build the chart again one encoding at a time to find the one Altair rejects."))
        undrawable = _cannot_be_drawn(spec)
        if undrawable is not None:
            return undrawable
        all_views = chartdata.views(spec)
        for view in all_views:
            absent = chartdata.missing_fields(view)
            if absent:
                columns = sorted(chartdata.available_fields(view) or [])
                shown = ", ".join(columns[:12]) + (", ..." if len(columns) > 12 else "")
                return Problem(
                    f"the chart encodes {', '.join(absent)}, which its data does not have "
                    f"(its columns: {shown or 'none'}); those marks would not be drawn.",
                    ("Check the spelling of each field against the columns of the table you pass to alt.Chart.",
                     "Pass alt.Chart the table that holds every column you encode (the long table, if you melted it)."))
        units = [view for view in all_views if view.mark in marks]
        if not units:
            return Problem(f"the chart should use mark_{mark}().",
                           (*hints, f"Start from alt.Chart(table).mark_{mark}(), then add .encode(...)."))
        problems: list[list[str]] = []
        passing = []
        for unit in units:
            found = [p for channel, want in wanted.items() if (p := _encoding_problem(unit.encoding, channel, want))]
            if tooltip and "tooltip" not in unit.encoding and not _mark_tooltip(unit):
                found.append("the marks have no tooltip (add tooltip=[...] with titled fields).")
            if not found:
                passing.append(unit)
            else:
                problems.append(found)
        chosen = passing[0] if passing else None
        if chosen is None:
            return Problem(" ".join(problems[0]),
                           (*hints, "Write each channel as the exercise gives it, e.g. x=alt.X('field:Q'), and add "
                                    "tooltip=[alt.Tooltip('field:N', title='...')]."))
        untitled = _untitled(chosen.encoding, titled_tooltip, axis_titles,
                             _mark_tooltip(chosen) and (chosen.mark_def.get("tooltip") or True))
        if untitled:
            return Problem(untitled, ("Give each field a title, e.g. alt.Tooltip('launches:Q', title='Missiles') "
                                      "or alt.X('month:T').title('Month (UTC)').",
                                      "A title says what a value is, with its unit, so that a reader need not "
                                      "guess from the column name."))
        if expected is None:  # a judge with no data to compare: never correct on the spec alone
            return Problem("the chart's encodings look right, but this check has no data to compare the chart "
                           "with, so it cannot say it is correct.", NO_DATA_HINTS)
        try:
            floors, note = units_of(chosen)
            shown = _drawn_by_layers(passing, channels)
        except chartdata.NotComputable as reason:
            return Problem(f"the chart's encodings look right, but this check could not compute the data it "
                           f"would draw ({reason}), so it cannot say it is correct.", NO_DATA_HINTS)
        except (TypeError, ValueError, KeyError, IndexError, OverflowError, RecursionError) as error:
            return Problem("the chart's encodings look right, but this check could not compute the data it "
                           f"would draw (its data holds values it cannot read: {type(error).__name__}), so it "
                           "cannot say it is correct.", NO_DATA_HINTS)
        if shown.empty:
            return Problem("the chart draws nothing: after its filters, its data has no rows.",
                           ("Look at the table you pass to alt.Chart (len(table)) and at each filter: one of them "
                            "keeps no row.", *hints))
        problem = data_judge(floors)(_categorical_as_text(shown, labels))
        if problem is not None and mark == "bar" and not any(m.message == problem.message for m in mistakes):
            zero = _zero_length(shown, wanted)
            if zero.any() and not zero.all() and data_judge(floors)(
                    _categorical_as_text(shown[~zero].reset_index(drop=True), labels)) is None:
                return Problem("the chart draws bars of length zero: its table has rows of zeros, for "
                               "categories with nothing to count (value_counts, a crosstab, or a groupby of a "
                               "categorical column without observed=True keeps them).",
                               ("Drop the rows whose count is 0 before you chart the table"
                                + "".join(f", e.g. .query('{w['field']} > 0')" for c, w in wanted.items()
                                          if c in ("x", "y") and w.get("type") == "quantitative"
                                          and isinstance(w.get("field"), str))[:60] + ".", *hints))
        if problem is not None:
            message = (problem.message.replace("the table has", "the chart draws")
                       .replace("rows than", "marks than").replace("column(s)", "channel(s)"))
            named = any(problem.message == m.message for m in mistakes)
            if note is not None and not named:
                message = note
            elif not named:
                # Computed another way (count() on the raw table, a sum for a count) and wrong:
                # say what differs from the encodings the exercise names, if anything does.
                other = [p for channel, want in wanted.items()
                         if (p := _encoding_problem(chosen.encoding, channel, want, strict=True))]
                message = " ".join(other) if other else f"the chart's data does not give the values it should: {message}"
            return Problem(message, (*problem.hints, *hints,
                                     "Look at the table you pass to alt.Chart: is it the one the exercise names, "
                                     "with the rows it asks for?"))
        shifted = next((p for p in map(_read_as_utc, passing) if p is not None), None)
        if shifted is not None:
            return Problem(shifted.message, (*shifted.hints, *hints))
        if title and not chartdata.texts(spec, "title"):
            return Problem("the chart has no title.", ("Add .properties(title='...').",
                                                       "Call .properties(title='What the chart shows, with units') on the chart."))
        if description and not chartdata.texts(spec, "description"):
            return Problem("the chart has no description (its alt text for screen readers).",
                           ("Add .properties(description='One sentence saying what the chart shows.').",
                            "The description is read aloud instead of the chart: say what is plotted against what."))
        return None

    if expected is not None:
        meet = data_judge({}).info.meet
        judge.info = JudgeInfo("chart", expected, mistakes, meet, tolerance, mark=mark, encodings=dict(encodings))
    else:
        judge.info = JudgeInfo("chart-without-data", lambda: None, (), None, tolerance, mark=mark,
                               encodings=dict(encodings))
    return judge


# --- selections, judged by what they do ------------------------------------------------------

#: Channels through which a selection visibly changes marks (a highlight).
HIGHLIGHT_CHANNELS = ("opacity", "fillOpacity", "strokeOpacity", "color", "fill", "stroke", "size", "strokeWidth")


def _walk_dicts(node: Any) -> Iterable[dict]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk_dicts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk_dicts(value)


def _names_param(node: Any, name: str) -> bool:
    return any(d.get("param") == name for d in _walk_dicts(node))


def _drives_marks(spec: dict, name: str) -> bool:
    """Whether the parameter ``name`` changes what is drawn: a condition on a highlight channel,
    or a filter transform, anywhere in the chart."""
    for node in _walk_dicts(spec):
        encoding = node.get("encoding")
        if isinstance(encoding, dict):
            for channel in HIGHLIGHT_CHANNELS:
                definition = encoding.get(channel)
                conditions = definition.get("condition") if isinstance(definition, dict) else None
                for condition in (conditions if isinstance(conditions, list) else [conditions]):
                    if isinstance(condition, dict) and (condition.get("param") == name
                                                        or _names_param(condition.get("test"), name)):
                        return True
        for transform in node.get("transform", []) or []:
            if isinstance(transform, dict) and _names_param(transform.get("filter"), name):
                return True
    return False


def legend_selection(answer: Any, field: str) -> Problem | None:
    """A point selection on ``field``, bound to the legend, that drives an encoding (opacity,
    colour, size) or a filter. A parameter's name proves nothing: it is judged by what it does."""
    spec = answer.to_dict()
    params = [p for d in _walk_dicts(spec) for p in (d.get("params") or []) if isinstance(p, dict)
              and "select" in p and isinstance(p.get("name"), str)]
    hint = (f"Make alt.selection_point(fields=['{field}'], bind='legend'), attach it with .add_params(...), "
            "and let it change the marks: alt.when(selection).then(...).otherwise(...) on opacity or colour.")
    if not params:
        return Problem("the chart has no selection.", (hint,))

    def kind(param: dict) -> str:
        select = param["select"]
        return select.get("type") if isinstance(select, dict) else str(select)

    def fields(param: dict) -> list:
        select = param["select"] if isinstance(param["select"], dict) else {}
        named = list(select.get("fields") or [])
        for channel in select.get("encodings") or []:
            definition = field_definition(_first_encoding(spec, channel))
            if isinstance(definition, dict) and definition.get("field"):
                named.append(definition["field"])
        return named

    def on_legend(param: dict) -> bool:
        bind = param.get("bind")
        return bind == "legend" or (isinstance(bind, dict) and "legend" in bind)

    legend = [p for p in params if kind(p) == "point" and on_legend(p)]
    if not legend:
        if all(kind(p) == "interval" and p.get("bind") == "scales" for p in params):
            return Problem(".interactive() only lets the reader zoom and pan; the exercise asks for a "
                           "selection that picks a class in the legend.", (hint,))
        if any(kind(p) == "interval" for p in params) and not any(kind(p) == "point" for p in params):
            return Problem("the selection is an interval (a brush dragged over the chart); the exercise asks for "
                           "a point selection bound to the legend.", (hint,))
        return Problem("the selection is not bound to the legend, so clicking the legend does nothing.",
                       ("Add bind='legend' to the selection.", hint))
    # fields=[...] and encodings=["color"] may both name the field: the set of fields is what counts.
    right_field = [p for p in legend if set(fields(p)) == {field}]
    if not right_field:
        if any(field in fields(p) for p in legend):
            return Problem(f"the legend selection picks by several fields; the exercise asks for {field} alone "
                           "(a legend can bind a selection on one field only).",
                           (f"Give the selection fields=['{field}'] and nothing else.", hint))
        return Problem(f"the legend selection picks by another field than {field}.",
                       (f"Give the selection fields=['{field}'].", hint))
    if not any(_drives_marks(spec, p["name"]) for p in right_field):
        return Problem("the legend selection changes nothing in the chart: a click on the legend would not "
                       "highlight anything.",
                       ("Use the selection in an encoding: alt.when(selection).then(alt.value(1)).otherwise("
                        "alt.value(0.2)) on opacity, or a colour that greys out the rest.", hint))
    return None


def _first_encoding(spec: dict, channel: str) -> Any:
    for node in _walk_dicts(spec):
        encoding = node.get("encoding")
        if isinstance(encoding, dict) and channel in encoding:
            return encoding[channel]
    return None
