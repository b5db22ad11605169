"""Graded problem sets: every variant answerable, no variant answerable by the public answer."""

from __future__ import annotations

import itertools
import json
import os
import stat
from functools import lru_cache

import pytest

from grading import points, variants

SETS = variants.problem_sets()


@lru_cache(maxsize=None)
def _answers(lesson: str, variant: str) -> dict:
    return variants.model_answers(SETS[lesson], json.loads(variant, object_hook=_tuples))


def _tuples(mapping: dict) -> dict:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in mapping.items()}


def answers(lesson: str, variant) -> dict:
    return _answers(lesson, json.dumps(dict(variant), sort_keys=True))


CASES = [(lesson, dict(v)) for lesson, ps in SETS.items() for v in ps.domain]


def test_every_lesson_has_a_problem_set_of_five_mixed_questions():
    assert sorted(SETS) == ["01", "02", "03", "04", "05", "06", "07"]
    for ps in SETS.values():
        kinds = [q.kind for q in ps.questions]
        assert len(kinds) >= 5, ps.id
        assert kinds.count("written") == 1 and "table" in kinds and "chart" in kinds, ps.id
        assert {"number", "date"} & set(kinds), ps.id
        assert ps.public not in [dict(v) for v in ps.domain], f"{ps.id}: the public slice is a variant"
        assert len(ps.domain) >= 3, ps.id


@pytest.mark.parametrize("lesson, variant", CASES, ids=[f"{l}-{'-'.join(map(str, v.values()))}" for l, v in CASES])
def test_model_solution_earns_full_marks_under_every_variant(lesson, variant):
    ps = SETS[lesson]
    scores = points.score_answers(ps, variant, answers(lesson, variant))
    auto = [s for s, q in zip(scores, ps.questions) if q.kind != "written"]
    assert [s["status"] for s in auto] == ["correct"] * len(auto), [s["lost"] for s in auto]
    written = [s for s, q in zip(scores, ps.questions) if q.kind == "written"]
    assert [s["status"] for s in written] == ["to be marked"]


@pytest.mark.parametrize("lesson", sorted(SETS))
def test_public_model_answer_earns_nothing_under_any_variant(lesson):
    ps = SETS[lesson]
    public = answers(lesson, ps.public)
    for variant in ps.domain:
        for s, q in zip(points.score_answers(ps, variant, public), ps.questions):
            if q.kind != "written":
                assert s["points"] == 0, (ps.qid(q), variant, s["earned"])


@pytest.mark.parametrize("lesson", sorted(SETS))
def test_variants_that_ask_different_things_never_accept_each_others_answers(lesson):
    ps = SETS[lesson]
    for q in ps.questions:
        if q.kind == "written":
            continue
        # One variant per distinct value of what the question asks about: the others ask the same.
        distinct = list({tuple(v[u] for u in q.uses): v for v in ps.domain}.values())
        assert len(distinct) >= 3, ps.qid(q)
        for a, b in itertools.permutations(distinct, 2):
            s = points.score(ps, q, a, answers(lesson, b)[ps.qid(q)])
            assert s["points"] == 0, (ps.qid(q), a, b, s["earned"])


def test_draws_are_private_deterministic_and_reach_every_variant():
    keys = [bytes([i]) * 32 for i in range(200)]
    for ps in SETS.values():
        drawn = [ps.variant(k, "alice") for k in keys]
        assert drawn == [ps.variant(k, "alice") for k in keys]  # the key decides, nothing else
        assert all(d in [dict(v) for v in ps.domain] for d in drawn)
        assert len({json.dumps(d, sort_keys=True) for d in drawn}) == len(ps.domain), ps.id
    key = keys[0]
    per_student = {json.dumps(SETS["01"].variant(key, f"s{i:02}"), sort_keys=True) for i in range(40)}
    assert len(per_student) > 1  # per-student draws spread a class over the variants


def test_keygen_writes_an_owner_only_key_outside_the_repository(tmp_path):
    path = variants.keygen(tmp_path / "course.key")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert len(variants.read_key(path)) == 32
    with pytest.raises(FileExistsError):
        variants.keygen(path)
    with pytest.raises(ValueError):
        variants.keygen(variants.ROOT / "course.key")
    assert not (variants.ROOT / "course.key").exists()


def test_student_notebook_reads_naturally_and_holds_no_answers():
    ps = SETS["04"]
    variant = dict(ps.domain[2])
    notebook = variants.student_notebook(ps, variant, student="Ada Lovelace")
    text = "\n".join(c.source for c in notebook.cells).lower()
    for word in ("variant", "course key", "hmac", "domain", "solution", "public"):
        assert word not in text, word
    assert variant["roadmap"] in text and "ada lovelace" in text
    solved = variants.student_notebook(ps, variant, solutions=True)
    assert "model.exposure(rd.roadmap" in "\n".join(c.source for c in solved.cells)
    assert "model.exposure(rd.roadmap" not in text


def test_partial_credit_where_a_check_can_tell():
    ps = SETS["01"]
    variant = dict(ps.domain[0])
    right = answers("01", variant)
    chart_q, table_q, ratio_q = (ps.questions[i] for i in (3, 1, 4))
    untitled = right[ps.qid(chart_q)].properties(title="", description="")
    s = points.score(ps, chart_q, variant, untitled)
    assert (s["status"], s["points"]) == ("partly right", chart_q.points / 2) and "title" in s["lost"]
    wrong_counts = right[ps.qid(table_q)].assign(launches=lambda t: t["launches"] + 1)
    s = points.score(ps, table_q, variant, wrong_counts)
    assert s["status"] == "partly right" and "launches" in s["earned"] + s["lost"]
    off = right[ps.qid(ratio_q)] + 0.05
    assert points.score(ps, ratio_q, variant, off)["status"] == "partly right"
    assert points.score(ps, ratio_q, variant, off, {"partial": False})["points"] == 0
    assert points.score(ps, ratio_q, variant, right[ps.qid(ratio_q)] + 1)["points"] == 0
    s = points.score(ps, ps.questions[0], variant, ...)
    assert s["points"] == 0 and "not answered" in s["lost"]


def test_no_related_practice_answer_earns_points_on_a_variant():
    """A student who copies the public model answer of a practice exercise that asks the same
    thing (03.7's count for 2019 into "missiles in a year") gets nothing on any variant."""
    from summitlab.checks import catalogue

    exercises = catalogue()
    checked = 0
    for ps in SETS.values():
        for q in ps.questions:
            for exercise_id in q.related:
                info = exercises[exercise_id].judge.info  # a factory-built judge: its expectation
                assert info.kind in ("number", "date", "frame"), exercise_id
                value = info.expected()
                for variant in ps.domain:
                    s = points.score(ps, q, variant, value)
                    assert s["points"] == 0, (ps.qid(q), variant, exercise_id)
                    checked += 1
    assert checked > 100
