"""The course's concept inventory: a pre/post measure of learning, and its analysis.

Students answer the same 16 multiple-choice items at the start of the module and at the end
(``inventory/concept-inventory.ipynb``; they hand it in with ``sl.save_work``, like an exercise
notebook). Each item tests one of eight concepts, four data skills and four ideas of
international relations, and each wrong option is a mistake that the exercise checks name
(``mistake``: the exercise and the words of its check). The instructor's bank
(``instructors/assessment/concept-inventory.md``, and a Moodle GIFT file) is generated from
:data:`ITEMS` by ``tools/make_inventory.py``.

The analysis (``instructors/concept-inventory-report.ipynb``) reads a folder of pre answers and
a folder of post answers: work bundles (``summitlab-work-*.zip``), notebooks or a CSV exported
from an LMS (columns ``student``, ``CI01`` … ``CI16``). The answers are read from the notebook as
literals (:func:`ast.literal_eval`): nothing a student wrote is run. It reports per-item
difficulty (share correct), Hake's normalised gain g = (post − pre) / (1 − pre) per student and
per concept, and the concepts to revisit.

The items are not graded and their key is public, like the model answers: the inventory
measures what the class learned, not who did well.
"""

from __future__ import annotations

import ast
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

NOTEBOOK_NAME = "concept-inventory.ipynb"
LETTERS = "abcd"
# Hake (1998): a gain below 0.3 is "low", 0.3-0.7 "medium", above 0.7 "high".
LOW_GAIN = 0.3
# A concept is to revisit when its class gain is low or fewer than this share answer it right after.
POST_TARGET = 0.7


@dataclass(frozen=True)
class Item:
    item_id: str
    concept: str
    area: str  # "data skills" or "international relations"
    stem: str
    options: tuple[str, str, str, str]
    answer: str  # a letter
    rationale: str  # why the answer is right, and what each wrong option stands for
    mistake: tuple[str, str]  # (exercise id, the words of the check that names the mistake)


CONCEPTS = {
    "tidy tables": "data skills",
    "choosing an aggregation": "data skills",
    "reading a chart's encoding": "data skills",
    "UTC and local dates": "data skills",
    "sequencing": "international relations",
    "verification": "international relations",
    "commitment problems": "international relations",
    "forecast scoring": "international relations",
}

ITEMS: tuple[Item, ...] = (
    Item("CI01", "tidy tables", "data skills",
         "In `missile_launches` one row is one missile. On one morning a salvo of three missiles "
         "is fired. How does the salvo appear in the table?",
         ("one row, with a column saying 3", "three rows, one per missile",
          "one row for the day, whatever the number of missiles", "three columns on one row"),
         "b",
         "b: a tidy table has one row per observation, here per missile, so counting rows counts "
         "missiles. a and c describe a table of launch days (the mistake of counting days, not "
         "missiles); d is a wide layout that no count or chart in the course can use directly.",
         ("03.7", "that is the number of launch days; several missiles often flew on the same day.")),
    Item("CI02", "tidy tables", "data skills",
         "A table has the columns `agreement_id`, `feature` and `share`, one row per agreement and "
         "feature. To draw a heatmap with agreements down and features across, you…",
         ("use it as it is: y='agreement_id:N', x='feature:N', color='share:Q'",
          "first pivot it wide, one column per feature, then encode each column",
          "first sum `share` over all features",
          "first drop the `feature` column"),
         "a",
         "a: a long (tidy) table maps each column to one encoding channel. b is the wide layout a "
         "chart cannot encode; c and d throw away the feature the chart is about.",
         ("05.6", "the plan should be a step table (a DataFrame), one row per step.")),
    Item("CI03", "choosing an aggregation", "data skills",
         "You want the share of leader-level contacts (summits and letters) that were held. "
         "Which computation gives it?",
         ("held leader-level contacts ÷ all contacts in the table",
          "held leader-level contacts ÷ all leader-level contacts",
          "held leader-level contacts ÷ all held contacts",
          "(held + announced leader-level contacts) ÷ all leader-level contacts"),
         "b",
         "b: filter to the group first, then divide within it. a divides by every contact; c "
         "answers the reversed question (what share of held contacts were at leader level); d "
         "counts contacts only announced as if they were held.",
         ("03.1", "you divided by every contact in the table, not by the leader-level contacts.")),
    Item("CI04", "choosing an aggregation", "data skills",
         "You count Singapore's commitments per pillar with "
         "`singapore.groupby('pillar').size()`. The result lists pillars Singapore never "
         "mentions, with 0. Why?",
         ("the data are wrong", "`size()` counts missing values",
          "`pillar` is categorical, and without `observed=True` every category of the codebook "
          "is listed", "`groupby` always adds the pillars of every agreement"),
         "c",
         "c: grouping a categorical column lists all its categories unless `observed=True`. a "
         "blames the data for a pandas default; b and d describe behaviour pandas does not have.",
         ("02.1", "the table lists pillars that Singapore never mentions, with 0.")),
    Item("CI05", "reading a chart's encoding", "data skills",
         "A chart encodes x='date:T', y='channel:N' and shape='outcome_group:N'. A cross sits far "
         "to the right in the 'ministerial' row. What does it tell you?",
         ("a late ministerial contact whose outcome is the one the legend gives for a cross",
          "the ministerial channel had the most contacts", "a contact of unknown date",
          "the size of the ministerial delegation"),
         "a",
         "a: each channel maps one field; x is the date, the row the channel, the shape the "
         "outcome, read from the legend. b reads a count into a single mark; c and d read "
         "fields the chart does not encode.",
         ("03.4", "x is the date (temporal), y the channel (nominal, one lane each), shape what happened (nominal).")),
    Item("CI06", "reading a chart's encoding", "data skills",
         "In Altair, what changes between `color='share:Q'` and `color='share:N'`?",
         ("nothing: the type only changes the legend title",
          "Q draws a graded scale ordered by value; N gives each value its own unrelated colour",
          "N sorts the values; Q does not", "Q can only be used on the x axis"),
         "b",
         "b: the type after the colon says how a field is read: quantitative values get an "
         "ordered scale, nominal ones distinct categories. a, c and d misread what the type does.",
         ("02.4", "the colour shows shares from 0 to 1; the exercise asks for the share in percent.")),
    Item("CI07", "UTC and local dates", "data skills",
         "An invented example: a missile is launched at 06:30 on 4 July, local time in a place on "
         "UTC+9. What is its date in UTC?",
         ("3 July", "4 July", "5 July", "it depends on Washington's time zone"),
         "a",
         "a: 06:30 at UTC+9 is 21:30 the day before in UTC. b keeps the local date for a UTC "
         "column; c adds the offset instead of subtracting it; d picks a clock the data do not use.",
         ("01.3", "that is the launch's UTC date; the question asks for the date on Pyongyang's clock.")),
    Item("CI08", "UTC and local dates", "data skills",
         "The launch table gives dates in UTC; the events table gives local dates. You subtract "
         "a launch date from a summit date to count the days between them, without converting. "
         "What can go wrong?",
         ("nothing: a date is a date", "the result can be one day off",
          "the result is in hours, not days", "pandas refuses to subtract them"),
         "b",
         "b: the two dates are on different clocks, so a launch early on a Korean morning is a "
         "day earlier in UTC. a ignores the clocks; c and d are not what pandas does. Adding 1 to "
         "the difference 'to include both days' is another off-by-one.",
         ("01.4", "one day too many: did you start from the UTC date of the launch, or count both end days?")),
    Item("CI09", "sequencing", "international relations",
         "In the course's road-map model, a party's exposure after a step is what it has given so "
         "far minus what it has received. Its peak exposure is…",
         ("its exposure after the last step", "the highest exposure it reaches after any step",
          "the total of what it gives", "the other party's highest exposure"),
         "b",
         "b: the peak is the most a side has at risk at any point, which is what the order of "
         "steps changes. a is the end point; c ignores what it receives in between; d is the "
         "other side's peak.",
         ("04.2", "that is Washington's exposure at the end of the road map, not its highest point.")),
    Item("CI10", "sequencing", "international relations",
         "The Kendall's tau between a road map's order of pillars and one government's stated "
         "priorities is close to −1. This means…",
         ("the road map puts that government's priorities in nearly the reverse order",
          "the road map ignores that government", "the road map is unfair to the other side",
          "the road map has almost no steps"),
         "a",
         "a: tau compares orders pair by pair; −1 is the exact reverse. b, c and d read more into "
         "a rank correlation than it measures (it says nothing about fairness or length, and "
         "needs at least two shared pillars).",
         ("04.1", "that compares the Singapore order with Washington's priorities, not Pyongyang's.")),
    Item("CI11", "verification", "international relations",
         "An invented example: a state announces it has destroyed a test site and invites "
         "journalists, but no inspectors. In arms-control terms the step is…",
         ("verified, because it was filmed", "unilateral and not verified",
          "irreversible by definition", "a treaty obligation"),
         "b",
         "b: verification means agreed checks by inspectors or monitoring, which were absent. a "
         "confuses publicity with verification; c and d claim what an announcement cannot show.",
         ("05.6", "an arms-control road map needs these categories too")),
    Item("CI12", "verification", "international relations",
         "Why do arms-control road maps usually put a declaration before inspections?",
         ("inspectors need a list of what to check and where", "declarations are cheaper",
          "a declaration ends sanctions", "inspections are only symbolic"),
         "a",
         "a: a declaration is the list that inspections then check. b and c are not the reason "
         "(a declaration can be costly, and relief is a separate step); d denies what "
         "inspections are for.",
         ("04.6", "your road map never gets to")),
    Item("CI13", "commitment problems", "international relations",
         "What is a commitment problem in bargaining?",
         ("one side cannot credibly promise not to exploit a later advantage, so the other fears "
          "moving first", "the two sides do not want an agreement",
          "a leader breaks a promise on purpose", "the text of an agreement is too long"),
         "a",
         "a: the problem is credibility over time, not bad faith: each side fears that the other "
         "would exploit the concessions made first. b, c and d describe other obstacles.",
         ("04.2", "that adds up what Washington gives, but ignores what it receives in between.")),
    Item("CI14", "commitment problems", "international relations",
         "Which of these steps is the costliest signal, hardest to take back?",
         ("a verbal pledge at a summit", "suspending an exercise until further notice",
          "dismantling a reactor while inspectors watch", "a declared halt to testing"),
         "c",
         "c: a step that is checked from outside and costly to reverse signals intent most "
         "credibly. a is words only; b and d can be reversed by another decision, which is why "
         "the course's road-map model codes an exercise suspension and a test freeze as reversible.",
         ("04.4", "The offer has no inspection step, so this rule never applies.")),
    Item("CI15", "forecast scoring", "international relations",
         "A forecaster gave a probability of 0.8 that an event would happen; it did not happen. "
         "What is the squared error, the forecast's part of the Brier score?",
         ("0.64", "0.8", "0.04", "0.2"),
         "a",
         "a: (0.8 − 0)² = 0.64. b is the absolute error; c scores it as if the event had "
         "happened, (0.8 − 1)²; d is the probability given to 'no'.",
         ("06.3", "that is the mean absolute error, not the mean squared error.")),
    Item("CI16", "forecast scoring", "international relations",
         "Always answering 0.5 gives a Brier score of 0.25. A forecaster's Brier score is 0.30. "
         "What follows?",
         ("the forecaster did better than always saying 0.5",
          "the forecaster did worse than always saying 0.5",
          "the forecaster was right 30% of the time",
          "the score must be square-rooted before comparing"),
         "b",
         "b: lower is better, so 0.30 is worse than the no-skill baseline. a reverses the scale; "
         "c reads the score as a hit rate; d would compare a different quantity.",
         ("06.3", "that is the square root of the Brier score.")),
)


def item_table() -> pd.DataFrame:
    """One row per item: id, concept, area and the right answer."""
    return pd.DataFrame([{"item_id": i.item_id, "concept": i.concept, "area": i.area,
                          "answer": i.answer} for i in ITEMS])


# --- for students -----------------------------------------------------------------------------

def questions_markdown(with_key: bool = False) -> str:
    """All the items as Markdown (with the answers and rationales when `with_key`)."""
    parts = []
    for n, item in enumerate(ITEMS, 1):
        lines = [f"### {item.item_id} ({n} of {len(ITEMS)})", "", item.stem, ""]
        lines += [f"- {letter}) {option}" for letter, option in zip(LETTERS, item.options)]
        if with_key:
            exercise, words = item.mistake
            lines += ["", f"**Answer: {item.answer}.** {item.rationale}",
                      f"Concept: {item.concept} ({item.area}). Written from the mistake that the "
                      f"check of exercise {exercise} names: \"{words}\""]
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def show():
    """Display the items in a notebook."""
    from IPython.display import Markdown

    return Markdown(questions_markdown())


def blank_answers() -> dict[str, str]:
    return {item.item_id: "" for item in ITEMS}


def answered(answers: dict) -> str:
    """How many items have an answer (never whether it is right)."""
    valid = [k for k, v in answers.items()
             if len(str(v).strip()) == 1 and str(v).strip().lower() in LETTERS]
    left = [i.item_id for i in ITEMS if i.item_id not in valid]
    return (f"{len(valid)} of {len(ITEMS)} items answered."
            + (f" Not yet: {', '.join(left)}." if left else " Now save: run the next cell."))


# --- reading a class's answers -----------------------------------------------------------------

def _literal_answers(notebook: dict) -> tuple[str, dict]:
    """`student` and `answers` as assigned in the notebook's code cells, read as literals only."""
    student, answers = "", {}
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                    and isinstance(node.targets[0], ast.Name):
                try:
                    value = ast.literal_eval(node.value)
                except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                    continue
                if node.targets[0].id == "student" and isinstance(value, str):
                    student = value
                elif node.targets[0].id == "answers" and isinstance(value, dict):
                    answers = value
    return student, answers


def _rows(student: str, answers: dict, origin: str) -> list[dict]:
    known = {item.item_id for item in ITEMS}
    def letter(value) -> str:
        text = str(value).strip().lower()
        return text if len(text) == 1 and text in LETTERS else ""

    return [{"student": student.strip() or origin, "item_id": str(k), "response": letter(v)}
            for k, v in answers.items() if str(k) in known]


def read_answers(folder) -> pd.DataFrame:
    """Every student's responses in `folder`: columns student, item_id, response (a letter or "")."""
    rows: list[dict] = []
    for path in sorted(Path(folder).iterdir()):
        if path.suffix == ".zip":
            try:
                with zipfile.ZipFile(path) as archive:
                    names = [n for n in archive.namelist() if n.endswith(NOTEBOOK_NAME)]
                    for name in names[:1]:
                        if archive.getinfo(name).file_size > 5_000_000:
                            continue
                        notebook = json.loads(archive.read(name))
                        rows += _rows(*_literal_answers(notebook), path.stem)
            except (zipfile.BadZipFile, ValueError, KeyError):
                continue
        elif path.suffix == ".ipynb":
            try:
                rows += _rows(*_literal_answers(json.loads(path.read_text("utf-8"))), path.stem)
            except ValueError:
                continue
        elif path.suffix == ".csv":
            table = pd.read_csv(path, dtype=str).fillna("")
            for record in table.to_dict("records"):
                student = record.pop("student", "")
                rows += _rows(student, record, path.stem)
    responses = pd.DataFrame(rows, columns=["student", "item_id", "response"])
    # One answer sheet per student: the last one read wins (bundles sort by time).
    return responses.drop_duplicates(["student", "item_id"], keep="last").reset_index(drop=True)


def score(responses: pd.DataFrame) -> pd.DataFrame:
    """Every student × item, with `correct` (a blank or missing answer counts as wrong)."""
    students = responses["student"].drop_duplicates()
    grid = pd.MultiIndex.from_product([students, [i.item_id for i in ITEMS]],
                                      names=["student", "item_id"]).to_frame(index=False)
    table = grid.merge(responses, how="left").merge(item_table(), on="item_id")
    return table.assign(correct=table["response"].eq(table["answer"]))


# --- the analysis ----------------------------------------------------------------------------

def hake_gain(pre: pd.Series | float, post: pd.Series | float):
    """Hake's normalised gain (post − pre) / (1 − pre) on fractions; undefined (NaN) at pre = 1."""
    pre_s, post_s = pd.Series(pre, dtype=float), pd.Series(post, dtype=float)
    gain = (post_s - pre_s) / (1 - pre_s).where(pre_s < 1)
    return gain if isinstance(pre, pd.Series) else float(gain.iloc[0])


@dataclass
class Report:
    difficulty: pd.DataFrame   # item × phase: share correct
    students: pd.DataFrame     # student: pre, post (fractions), gain
    concepts: pd.DataFrame     # concept: pre, post, gain, n_students, revisit
    matched: int               # students with both a pre and a post sheet
    unmatched: list[str]       # students with only one of them


def analyse(pre: pd.DataFrame, post: pd.DataFrame) -> Report:
    """The report from the responses of `read_answers` (pre and post)."""
    scored = pd.concat([score(pre).assign(phase="pre"), score(post).assign(phase="post")])
    difficulty = (scored.groupby(["item_id", "concept", "phase"])["correct"].mean()
                  .unstack("phase").reindex(columns=["pre", "post"]).reset_index()
                  .rename_axis(columns=None))
    both = set(pre["student"]) & set(post["student"])
    unmatched = sorted(set(pre["student"]) ^ set(post["student"]))
    matched = scored[scored["student"].isin(both)]
    per_student = matched.groupby(["student", "phase"])["correct"].mean().unstack("phase")
    students = (per_student.reindex(columns=["pre", "post"])
                .assign(gain=lambda t: hake_gain(t["pre"], t["post"])).reset_index()
                .rename_axis(columns=None))
    per_concept = matched.groupby(["concept", "phase"])["correct"].mean().unstack("phase")
    concepts = (per_concept.reindex(columns=["pre", "post"])
                .assign(gain=lambda t: hake_gain(t["pre"], t["post"]), n_students=len(both))
                .reindex(list(CONCEPTS)).reset_index().rename_axis(columns=None))
    concepts["area"] = concepts["concept"].map(CONCEPTS)
    concepts["revisit"] = concepts["gain"].lt(LOW_GAIN) | concepts["post"].lt(POST_TARGET)
    return Report(difficulty, students, concepts, len(both), unmatched)


def charts(report: Report):
    """Three charts: item difficulty before and after, gain per student, gain per concept."""
    import altair as alt

    items = report.difficulty.melt(id_vars=["item_id", "concept"], var_name="phase",
                                   value_name="share_correct")
    difficulty = alt.Chart(items).mark_point(size=80, filled=True).encode(
        x=alt.X("share_correct:Q").title("Share answering correctly").scale(domain=[0, 1])
        .axis(format="%"),
        y=alt.Y("item_id:N").title("Item"),
        shape=alt.Shape("phase:N").title("When").sort(["pre", "post"]),
        color=alt.Color("phase:N").title("When").sort(["pre", "post"]),
        tooltip=[alt.Tooltip("item_id:N", title="Item"), alt.Tooltip("concept:N", title="Concept"),
                 alt.Tooltip("phase:N", title="When"),
                 alt.Tooltip("share_correct:Q", title="Share correct", format=".0%")],
    ).properties(title="Item difficulty before and after the module",
                 description=f"Dot chart of the share of students answering each of the "
                             f"{len(ITEMS)} items correctly, before and after the module.")
    students = alt.Chart(report.students.dropna(subset=["gain"])).mark_bar().encode(
        x=alt.X("gain:Q").bin(step=0.1).title("Normalised gain g (Hake)"),
        y=alt.Y("count():Q").title("Students"),
        tooltip=[alt.Tooltip("count():Q", title="Students")],
    ).properties(title="Normalised gain per student",
                 description=f"Histogram of the normalised gain of the {report.matched} students "
                             "who answered both before and after.")
    flagged = report.concepts.assign(flag=report.concepts["revisit"].map({True: "revisit",
                                                                          False: ""}))
    base = alt.Chart(flagged).encode(
        x=alt.X("gain:Q").title("Class normalised gain g (Hake)").scale(domain=[-0.2, 1.2]),
        y=alt.Y("concept:N").title("Concept").sort("x"),
    )
    bars = base.mark_bar().encode(
        color=alt.Color("revisit:N").title("Revisit"),
        tooltip=[alt.Tooltip("concept:N", title="Concept"),
                 alt.Tooltip("pre:Q", title="Correct before", format=".0%"),
                 alt.Tooltip("post:Q", title="Correct after", format=".0%"),
                 alt.Tooltip("gain:Q", title="Gain", format=".2f")],
    )
    # The word "revisit" beside a flagged bar: colour is never the only cue.
    concepts = (bars + base.mark_text(align="left", dx=4).encode(text="flag:N")).properties(
        title="Normalised gain per concept",
        description="Bar chart of the class normalised gain for each of the eight concepts, "
                    "coloured and labelled 'revisit' where the concept should be revisited.")
    return difficulty, students, concepts


# --- a simulated class, for trying the report without real answers -------------------------------

def simulated_sheets(correct: dict[str, dict[str, bool]]) -> dict[str, dict[str, str]]:
    """Answer sheets from a table of which items each student gets right (wrong = the next letter)."""
    key = {item.item_id: item.answer for item in ITEMS}
    return {student: {item_id: key[item_id] if right.get(item_id) else
                      LETTERS[(LETTERS.index(key[item_id]) + 1) % 4] for item_id in key}
            for student, right in correct.items()}


def write_sheets(sheets: dict[str, dict[str, str]], folder) -> None:
    """Write one student notebook per sheet into `folder` (as the student notebook would hold it)."""
    import nbformat

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for n, (student, answers) in enumerate(sheets.items()):
        cell = nbformat.v4.new_code_cell(f"student = {student!r}\nanswers = {answers!r}")
        notebook = nbformat.v4.new_notebook(cells=[cell])
        buffer = io.StringIO()
        nbformat.write(notebook, buffer)
        (folder / f"{n:03d}-{NOTEBOOK_NAME}").write_text(buffer.getvalue(), encoding="utf-8")
