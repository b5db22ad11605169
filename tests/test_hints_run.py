"""No hint prints an answer (issue 28): the course code a hint tells a student to run must not
put the answer on the screen.

Every message and hint that a check can give (collected as tests/test_checks_catalogue.py
collects them, from wrong answers and named mistakes) is searched for calls of the course's
own functions (``model.rule_violations(rd.roadmap("…"))``, ``rd.compare()``, ``fc.score_table(…)``).
Each call that runs without the student's own variables is run, and what it shows is compared
with the answer: for a multiple-choice exercise, the text of the right option; for a number,
the number itself as the whole result.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import summitlab as sl
import test_checks_catalogue as catalogue_tests
from summitlab import checks
from summitlab.models import forecasts, roadmap, roadmaps_data, seismic

ROOT = Path(__file__).resolve().parent.parent
# The names the lessons and exercise notebooks give the course's modules.
NAMESPACE = {"sl": sl, "model": roadmap, "rm": roadmap, "roadmap": roadmap, "rd": roadmaps_data,
             "fc": forecasts, "seismic": seismic, "pd": pd, "np": np}
CALL = re.compile(r"\b(?:%s)\.[\w.]+\(" % "|".join(n for n in NAMESPACE if n not in ("pd", "np")))


def calls(text: str) -> list[str]:
    """Each call of a course function in ``text``, with its balanced arguments and any chained steps."""
    found = []
    for match in CALL.finditer(text):
        depth, end = 0, None
        for i in range(match.end() - 1, len(text)):
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            if depth == 0:
                end = i + 1
                break
        if end is None:
            continue
        tail = re.match(r"(?:\.\w+(?:\([^()]*\))?|\[[^\[\]]*\])*", text[end:])
        found.append(text[match.start():end + tail.end()])
    return found


def shown(code: str) -> str | None:
    """What running ``code`` would show, or None when it needs the student's own variables."""
    try:
        result = eval(code, dict(NAMESPACE))  # course code quoted in the course's own hints
    except Exception:
        return None
    if isinstance(result, (pd.DataFrame, pd.Series)):
        return result.to_string()
    return repr(result) + " " + str(result)


def said(exercise) -> list[str]:
    texts = [text for _, results in catalogue_tests._rejections(exercise.id) for r in results
             for text in (r.message, r.hint)]
    info = getattr(exercise.judge, "info", None)
    if info is not None:
        texts += [text for m in info.mistakes for text in (m.message, *m.hints)]
    return texts


def option_texts(exercise_id: str) -> dict[str, str]:
    """The options of a multiple-choice exercise, as its notebook lists them (``- **a** text``)."""
    lesson = exercise_id.split(".")[0]
    source = next((ROOT / "exercises" / "source").glob(f"{lesson}-*.py")).read_text(encoding="utf-8")
    block = re.search(rf"^# ## {re.escape(exercise_id)} .*?(?=^# %%)", source, flags=re.M | re.S)
    if block is None:
        return {}
    return {letter: text for letter, text in re.findall(r"^# - \*\*(\w)\*\* (.+)$", block.group(0), flags=re.M)}


def _bare(text: str) -> str:
    text = re.sub(r"[`*'\"]", "", text.lower())
    return re.sub(r"^(a|an|the) ", "", re.sub(r"\s+", " ", text)).strip(" .")


def answer_marks(exercise) -> list[str]:
    """Text that, shown by a hint, would give the answer away."""
    options = option_texts(exercise.id)
    right = [letter for letter in options if exercise.judge(letter) is None]
    return [_bare(options[letter]) for letter in right if len(_bare(options[letter])) >= 12]


def test_calls_are_found_with_their_arguments_and_chains():
    text = "Run model.rule_violations(rd.roadmap('x')) and read it; rd.compare()['tau'].max() too."
    assert calls(text) == ["model.rule_violations(rd.roadmap('x'))", "rd.roadmap('x')",
                           "rd.compare()['tau'].max()"]
    assert shown("rd.roadmap_ids()[0]") and shown("rd.roadmap(student_map)") is None


def test_the_check_can_fail():
    exercise = checks.catalogue()["04.4"]
    marks = answer_marks(exercise)
    assert marks == ["declaration before dismantlement"]
    leaking = shown("model.rule_violations(rd.roadmap('hanoi-dprk-offer'))")
    assert any(mark in _bare(leaking) for mark in marks)


@pytest.mark.parametrize("exercise", catalogue_tests.EXERCISES, ids=lambda e: e.id)
def test_no_hint_prints_the_answer(exercise):
    marks = answer_marks(exercise)
    info = getattr(exercise.judge, "info", None)
    expected = info.expected() if info is not None and info.kind == "number" else None
    for text in said(exercise):
        for code in calls(text):
            output = shown(code)
            if output is None:
                continue
            for mark in marks:
                assert mark not in _bare(output), f"{exercise.id}: running `{code}` from a hint shows the answer"
            if expected is not None:
                value = eval(code, dict(NAMESPACE))
                if isinstance(value, (int, float, np.number)):
                    assert not np.isclose(float(value), float(expected)), \
                        f"{exercise.id}: running `{code}` from a hint gives the answer"
