"""The course map (every lesson, the question it answers, its time and its exercises) and the
helpers that write a lesson's computed sentences (``takeaway``, ``counts_in_words``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent

# The one table of the course's times, in minutes (tests/test_course_time.py keeps it honest):
# - reading: the lesson's prose words at READING_WORDS_PER_MINUTE, rounded up to 5 minutes
#   (a slow study pace: the time to run each cell and read its table or chart is in it);
# - exercises: the sum of the times stated in the exercise notebook's headings;
# - discussion: the discussion (or debate) segments of the instructor guide's lesson plan.
# tools/make_notebooks.py writes each lesson's "Estimated time" line from it; the instructor
# guides, the syllabus and the README state the same numbers.
READING_WORDS_PER_MINUTE = 100

# number, slug, title, question, reading, exercises, discussion
LESSONS = (
    ("00", "start-here", "Start here", "How does the course work, and where do its facts come from?", 15, 20, 7),
    ("00p", "python-primer", "A Python primer", "Which pandas and Altair does the course use, and how do they work?", 20, 39, 0),
    ("01", "crisis-to-summit", "From crisis to summit", "How did 2017's testing crisis turn into the June 2018 Singapore summit?", 30, 58, 10),
    ("02", "singapore-statement", "Reading the Singapore statement", "What did Singapore commit each side to, and how specific was it?", 30, 62, 12),
    ("03", "policy-process", "The policy process", "Who negotiated, through which channel, and did it work?", 25, 64, 15),
    ("04", "sequencing", "Sequencing", "Whose priorities come first, and what happens when they clash?", 35, 67, 15),
    ("05", "arms-control-road-maps", "Arms-control road maps", "What would a declaration, a freeze and verification have required?", 35, 71, 14),
    ("06", "hanoi-and-after", "Hanoi and after", "Did the article's forecast hold up?", 30, 75, 20),
    ("07", "after-hanoi", "After Hanoi, 2019–2026", "Do the article's three arguments survive seven more years?", 35, 57, 15),
)


def estimated_time(lesson: str) -> str:
    """A lesson's "Estimated time" line, from the course map: reading, exercises, discussion."""
    row = course_map().set_index("lesson").loc[lesson]
    return (f"**Estimated time:** {row['reading_minutes']} minutes of reading, {row['exercise_minutes']} "
            f"minutes of exercises" + (f" and {row['discussion_minutes']} minutes of discussion"
                                       if row["discussion_minutes"] else "")
            + f": {row['minutes']} minutes in all (from the course map in lesson 00; reading at "
            f"{READING_WORDS_PER_MINUTE} words a minute).")


def course_map() -> pd.DataFrame:
    """One row per lesson: number, title, question, minutes (reading, exercises, discussion and in
    all), and whether it is available yet."""
    rows = []
    for number, slug, title, question, reading, exercises, discussion in LESSONS:
        name = f"{number}-{slug}.ipynb"
        rows.append({
            "lesson": number,
            "title": title,
            "question": question,
            "reading_minutes": reading,
            "exercise_minutes": exercises,
            "discussion_minutes": discussion,
            "minutes": reading + exercises + discussion,
            "notebook": f"notebooks/{name}",
            "exercises": f"exercises/{name}",
            "available": (ROOT / "notebooks" / name).exists(),
        })
    return pd.DataFrame(rows)


def takeaway(text: str):
    """Show a computed takeaway in italics, as the lesson standard asks."""
    from IPython.display import Markdown

    return Markdown(f"*{text}*")


def counts_in_words(values: pd.Series, form: str = "{n} {value}", *, order: str = "count",
                    sep: str = ", ") -> str:
    """How often each value of ``values`` occurs, as a phrase for a takeaway.

    Each value that occurs is written with ``form`` (``{value}`` and ``{n}`` stand for the value
    and its count) and the pieces are joined with ``sep``:

        counts_in_words(statements["party"], "{n} from {value}")   # "5 from US, 3 from DPRK"

    ``order="count"`` lists the most frequent value first (ties as ``value_counts`` orders them);
    ``order="value"`` follows the column's own order: its categories' order, or sorted values.
    Values that never occur (unused categories) and missing values are left out.
    """
    if order == "count":
        counts = values.value_counts()
    elif order == "value":
        counts = values.groupby(values, observed=True).size()
    else:
        raise ValueError(f"order must be 'count' or 'value', not {order!r}")
    return sep.join(form.format(value=value, n=n) for value, n in counts.items() if n > 0)
