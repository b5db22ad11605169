"""Points and partial credit for the graded problem sets (grading/variants.py).

A question earns its full points when its check accepts the answer; otherwise the first
*tier* of partial credit that accepts it (a chart with the right data but no title, a table
with the right rows and a wrong column, a number within a wider tolerance) earns that tier's
fraction. Written answers earn what the instructor's rubric level gives (grading/marking.py).

The grading config is a small JSON file, every key optional::

    {"points": {"ps01.1": 3, "ps01.4": 4},   # points per question (default: the problem set's)
     "partial": true,                          # false: all-or-nothing
     "levels": 3}                              # rubric levels of a written answer above 0

Each scored answer says what earned and what lost points, in words for the student.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from grading.variants import WRITTEN_PLACEHOLDER, ProblemSet, Question

DEFAULT_CONFIG = {"points": {}, "partial": True, "levels": 3}


def load_config(path: Path | str | None = None) -> dict:
    config = dict(DEFAULT_CONFIG)
    if path:
        given = json.loads(Path(path).read_text(encoding="utf-8"))
        unknown = set(given) - set(DEFAULT_CONFIG)
        if unknown:
            raise ValueError(f"unknown grading config key(s): {', '.join(sorted(unknown))}")
        config.update(given)
    return config


def points_of(problem_set: ProblemSet, question: Question, config: Mapping[str, Any]) -> float:
    return float(config.get("points", {}).get(problem_set.qid(question), question.points))


def _run(judge, answer):
    try:
        return judge(answer)
    except Exception as error:  # a check must never stop the class
        from summitlab.checks import Problem

        return Problem(f"the answer could not be checked ({type(error).__name__}).")


def score(problem_set: ProblemSet, question: Question, variant: Mapping[str, Any], answer: Any,
          config: Mapping[str, Any] = DEFAULT_CONFIG, *, level: int | None = None) -> dict:
    """One answer's score: ``{"question", "points", "max", "status", "earned", "lost"}``.

    ``answer`` is the value the student's notebook left in the question's variable (``...`` or
    ``None`` when not answered). Written answers are scored from ``level`` (None: not marked yet).
    """
    full = points_of(problem_set, question, config)
    qid = problem_set.qid(question)
    result = {"question": qid, "max": full, "points": 0.0, "status": "not yet", "earned": "", "lost": ""}
    if question.kind == "written":
        levels = int(config.get("levels", 3))
        text = answer.strip() if isinstance(answer, str) else ""
        text = "" if text == WRITTEN_PLACEHOLDER else text
        if level is None:
            result.update(status="to be marked", lost="" if text else "no written answer")
            result["points"] = None if text else 0.0
            return result
        level = max(0, min(int(level), levels))
        got = round(full * level / levels, 2)
        result.update(points=got, status="marked", earned=f"rubric level {level} of {levels}: {got:g} point(s)",
                      lost=f"{full - got:g} point(s) below the top level" if got < full else "")
        return result
    if answer is None or answer is Ellipsis:
        result["lost"] = f"not answered: {full:g} point(s)"
        return result
    problem = _run(question.judge(problem_set.params(variant)), answer)
    if problem is None:
        result.update(points=full, status="correct", earned=f"correct: {full:g} point(s)")
        return result
    if config.get("partial", True):
        for tier in question.partial(problem_set.params(variant)):
            if _run(tier.judge, answer) is None:
                got = round(full * tier.fraction, 2)
                result.update(points=got, status="partly right", earned=f"{tier.label}: {got:g} of {full:g} point(s)",
                              lost=f"{full - got:g} point(s): {problem.message}")
                return result
    result.update(status="not quite", lost=f"{full:g} point(s): {problem.message}")
    return result


def score_answers(problem_set: ProblemSet, variant: Mapping[str, Any], answers: Mapping[str, Any],
                  config: Mapping[str, Any] = DEFAULT_CONFIG, levels: Mapping[str, int] | None = None) -> list[dict]:
    """Score every question of a problem set; ``answers`` and ``levels`` are keyed by question id."""
    levels = levels or {}
    return [score(problem_set, q, variant, answers.get(problem_set.qid(q)), config, level=levels.get(problem_set.qid(q)))
            for q in problem_set.questions]


def total(scores: list[dict]) -> tuple[float, float]:
    """Points earned (unmarked written answers count 0 until marked) and points possible."""
    return (round(sum(s["points"] or 0.0 for s in scores), 2), round(sum(s["max"] for s in scores), 2))
