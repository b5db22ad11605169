"""Acceptance battery for the two design exercises, 04.6 (a road map) and 05.7 (a phased plan).

Each case is an answer a student might give, legitimate or wrong, with the verdict a teacher
would give and the gist of the message. The road maps and plans are written out by hand here;
nothing is copied from the judges.
"""

import numpy as np
import pandas as pd
import pytest

from summitlab.checks import check

# A road map that keeps both sides within 2 points and reaches everything (verified by hand with
# the scores of data/roadmap_steps.csv: the two sides alternate, cheap steps first).
DECLARE_FIRST = [
    "dprk-test-freeze", "us-exercise-suspension", "us-end-of-war-declaration", "dprk-declaration",
    "us-exchanges", "dprk-inspections", "us-partial-sanctions-relief", "dprk-yongbyon-dismantlement",
    "us-security-assurance", "us-peace-treaty", "dprk-full-dismantlement", "us-full-sanctions-relief",
    "dprk-weapons-elimination", "us-normalization",
]
# The same road map with Yongbyon dismantled before the declaration: the Stanford sequence allows
# this, the declaration-first sequence does not.
DISMANTLE_EARLY = [
    "dprk-test-freeze", "us-exercise-suspension", "us-end-of-war-declaration", "dprk-yongbyon-dismantlement",
    "us-exchanges", "dprk-declaration", "us-partial-sanctions-relief", "dprk-inspections",
    "us-security-assurance", "us-peace-treaty", "dprk-full-dismantlement", "us-full-sanctions-relief",
    "dprk-weapons-elimination", "us-normalization",
]


@pytest.fixture(autouse=True)
def no_progress(monkeypatch):
    monkeypatch.setenv("SUMMITLAB_PROGRESS_FILE", "off")


def verdict(exercise, answer):
    feedback = check(exercise, answer)
    return feedback.status, feedback.message


def moved(ids, item, to):
    result = [i for i in ids if i != item]
    result.insert(to, item)
    return result


ROADMAP_CASES = [
    # (answer, passes?, words the message must contain)
    ({"rule_set": "declaration-first", "steps": DECLARE_FIRST}, True, ""),
    ({"rule_set": "freeze-first", "steps": DECLARE_FIRST}, True, ""),
    ({"rule_set": "declaration-first", "steps": tuple(DECLARE_FIRST)}, True, ""),
    ({"rule_set": "declaration-first", "steps": np.array(DECLARE_FIRST)}, True, ""),
    ({"rule_set": "Declaration-First", "steps": pd.Series(DECLARE_FIRST)}, True, ""),
    ({"rule_set": "freeze-first", "steps": pd.DataFrame({"step_id": DISMANTLE_EARLY})}, True, ""),
    ({"rule_set": "freeze-first", "steps": DISMANTLE_EARLY}, True, ""),
    # Ids taken from a table under pandas 3: .values of a text column is a StringArray, not numpy.
    ({"rule_set": "freeze-first", "steps": pd.Series(DISMANTLE_EARLY, dtype="string").values}, True, ""),
    ({"rule_set": "freeze-first", "steps": pd.DataFrame(index=pd.Index(DISMANTLE_EARLY, dtype="string")).index.values},
     True, ""),
    ({"rule_set": "freeze-first", "steps": pd.Index(DISMANTLE_EARLY)}, True, ""),
    ({"rule_set": "freeze-first", "steps": pd.array([1, 2], dtype="Int64")}, False, "step id in quotes"),
    ({"rule_set": "freeze-first", "steps": np.array([DISMANTLE_EARLY, DISMANTLE_EARLY])}, False, "list of step ids"),
    ({"rule_set": "declaration-first", "steps": DISMANTLE_EARLY}, False, "declaration before dismantlement"),
    (DECLARE_FIRST, False, "which rule set"),
    ({"rule_set": "realism", "steps": DECLARE_FIRST}, False, "should be one of"),
    ({"rule_set": "freeze-first"}, False, "no 'steps'"),
    ({"rule_set": "freeze-first", "steps": DECLARE_FIRST[:-2]}, False, "never gets to: elimination"),
    ({"rule_set": "freeze-first", "steps": DECLARE_FIRST + ["dprk-test-freeze"]}, False, "more than once"),
    ({"rule_set": "freeze-first", "steps": ["dprk-freeze"] + DECLARE_FIRST[1:]}, False, "not step ids"),
    ({"rule_set": "freeze-first", "steps": "dprk-test-freeze"}, False, "list of step ids"),
    # Elimination before any dismantlement breaks a rule of both sets.
    ({"rule_set": "freeze-first", "steps": moved(DECLARE_FIRST, "dprk-weapons-elimination", 7)}, False,
     "dismantlement before elimination"),
    # All US steps first: Washington pays far ahead and walks away.
    ({"rule_set": "freeze-first",
      "steps": [i for i in DECLARE_FIRST if i.startswith("us-")] + [i for i in DECLARE_FIRST if i.startswith("dprk-")]},
     False, "Washington's exposure"),
]


@pytest.mark.parametrize(("answer", "passes", "gist"), ROADMAP_CASES)
def test_04_6_battery(answer, passes, gist):
    status, message = verdict("04.6", answer)
    assert (status == "correct") is passes, message
    assert gist.lower() in message.lower()


PLAN_COLUMNS = ["step", "phase", "actor", "category", "start", "end"]
GIVEN = pd.DataFrame([  # the plan of exercise 05.6: inspections and dismantling before the declaration
    ("Freeze nuclear and missile tests", "halt", "DPRK", "test freeze", 0, 1),
    ("Open liaison offices", "halt", "US", "liaison office", 0.5, 1.5),
    ("Inspect Yongbyon", "roll back", "DPRK", "inspection", 1, 3),
    ("Dismantle Yongbyon", "roll back", "DPRK", "dismantlement", 2, 4),
    ("Ease some sanctions", "roll back", "US", "sanctions relief", 2, 4),
    ("Declare material, weapons and sites", "roll back", "DPRK", "declaration", 3, 4),
    ("Remove material and weapons", "eliminate", "DPRK", "elimination", 5, 10),
], columns=PLAN_COLUMNS)
DECLARED = GIVEN.assign(  # the declaration moved to year 1, inspections to 1.5, dismantling to 3
    start=[0, 0.5, 1.5, 3, 2, 1, 5], end=[1, 1.5, 4, 6, 4, 2, 10])
SAME_YEAR = DECLARED.assign(start=[0, 0.5, 1.5, 1, 2, 1, 5])  # declaration and dismantlement both in year 1

PLAN_CASES = [
    ({"rule_set": "declaration-first", "plan": DECLARED}, True, ""),
    ({"rule_set": "freeze-first", "plan": DECLARED}, True, ""),
    ({"rule_set": "declaration-first", "plan": DECLARED.iloc[::-1]}, True, ""),  # row order does not matter
    ({"rule_set": "freeze-first", "plan": GIVEN}, True, ""),
    ({"rule_set": "declaration-first", "plan": GIVEN}, False, "declaration before inspection"),
    ({"rule_set": "declaration-first", "plan": SAME_YEAR}, False, "both start at 1"),
    ({"rule_set": "declaration-first", "plan": SAME_YEAR.iloc[::-1]}, False, "both start at 1"),
    (DECLARED, False, "which rule set"),
    ({"rule_set": "hecker", "plan": DECLARED}, False, "should be one of"),
    ({"rule_set": "freeze-first", "plan": DECLARED.to_dict("records")}, False, "step table"),
    ({"rule_set": "freeze-first", "plan": DECLARED[DECLARED["category"] != "inspection"]}, False,
     "needs these categories too: inspection"),
    ({"rule_set": "freeze-first", "plan": DECLARED[DECLARED["actor"] == "DPRK"]}, False, "only North Korea"),
    ({"rule_set": "freeze-first", "plan": DECLARED.assign(phase="phase 1")}, False, "unknown phase"),
    ({"rule_set": "freeze-first", "plan": DECLARED.assign(end=DECLARED["start"] - 1)}, False, "end before it starts"),
    ({"rule_set": "freeze-first", "plan": DECLARED.assign(start=[6, 0.5, 1.5, 3, 2, 1, 5], end=[7, 1.5, 4, 6, 4, 2, 10])}, False,
     "test freeze before dismantlement"),
]


@pytest.mark.parametrize(("answer", "passes", "gist"), PLAN_CASES)
def test_05_7_battery(answer, passes, gist):
    status, message = verdict("05.7", answer)
    assert (status == "correct") is passes, message
    assert gist.lower() in message.lower()


# --- 06.9: evidence cards of the student's own (issue 28) -----------------------------------------
# Cards written out by hand; their values are placeholders that the sentences quote, since the
# check tests the form (real tables, quoted values, both sides), and the rubric the substance.
CARD_COLUMNS = ["argument", "effect", "table", "value", "evidence"]
CARDS = pd.DataFrame([
    ("process", "supports", "negotiation_contacts", 3, "Working-level meetings held after Hanoi: 3"),
    ("process", "undercuts", "negotiation_contacts", 14, "Leader letters recorded: 14"),
    ("road map", "supports", "missile_launches", 27.0, "Missiles launched in 2019: 27"),
], columns=CARD_COLUMNS)

CARD_CASES = [
    (CARDS, True, ""),
    (CARDS.iloc[::-1], True, ""),
    (CARDS.assign(value=[3, 14, 27.4], evidence=[*CARDS["evidence"][:2], "A share of 27.4 percent"]), True, ""),
    (CARDS.assign(evidence=[*CARDS["evidence"][:2], "Missiles launched in 2019: 1,027"]), False, "does not state its value"),
    (CARDS.iloc[:2], False, "at least 3"),
    (CARDS.drop(columns="table"), False, "lacks the column(s): table"),
    (CARDS.assign(argument=["process", "process", "roadmap"]), False, "'roadmap'"),
    (CARDS.assign(effect=["supports", "against", "supports"]), False, "'against'"),
    (CARDS.assign(table=["negotiation_contacts", "contacts", "missile_launches"]), False, "not course tables: 'contacts'"),
    (CARDS.assign(value=[3, "fourteen", 27]), False, "card 2 has no number"),
    (CARDS.assign(evidence=["Working-level meetings held after Hanoi: three", *CARDS["evidence"][1:]]), False,
     "card 1's evidence sentence does not state its value"),
    (CARDS.assign(argument="process"), False, "one argument"),
    (CARDS.assign(effect="supports"), False, "no card undercuts"),
    (CARDS.assign(evidence=["Count: 3", "Count: 14", "Count: 27"]).iloc[[0, 0, 1, 2]], False, "same evidence"),
    (CARDS.to_dict("records"), False, "table (DataFrame)"),
    # A share quoted as a percentage, as f"{share:.0%}" writes it (round 2 of the battery).
    (CARDS.assign(value=[3, 14, 0.4], evidence=[*CARDS["evidence"][:2], f"Share of tests announced: {0.4:.0%}"]),
     True, ""),
    (CARDS.assign(value=[3, 14, 0.4], evidence=[*CARDS["evidence"][:2], "Share of tests announced: 41%"]),
     False, "does not state its value"),
]


@pytest.mark.parametrize(("answer", "passes", "gist"), CARD_CASES)
def test_06_9_battery(answer, passes, gist):
    status, message = verdict("06.9", answer)
    assert (status == "correct") is passes, message
    assert gist.lower() in message.lower()
