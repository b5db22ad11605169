"""The course map: every lesson, the question it answers, its time and its exercises."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent

# number, slug, title, question, minutes (reading + exercises)
LESSONS = (
    ("00", "start-here", "Start here", "How does the course work, and where do its facts come from?", 30),
    ("00p", "python-primer", "A Python primer", "Which pandas and Altair does the course use, and how do they work?", 60),
    ("01", "crisis-to-summit", "From crisis to summit", "How did 2017's testing crisis turn into the June 2018 Singapore summit?", 90),
    ("02", "singapore-statement", "Reading the Singapore statement", "What did Singapore commit each side to, and how specific was it?", 90),
    ("03", "policy-process", "The policy process", "Who negotiated, through which channel, and did it work?", 90),
    ("04", "sequencing", "Sequencing", "Whose priorities come first, and what happens when they clash?", 90),
    ("05", "arms-control-road-maps", "Arms-control road maps", "What would a declaration, a freeze and verification have required?", 90),
    ("06", "hanoi-and-after", "Hanoi and after", "Did the article's forecast hold up?", 90),
    ("07", "after-hanoi", "After Hanoi, 2019–2026", "Do the article's three arguments survive seven more years?", 85),
)


def course_map() -> pd.DataFrame:
    """One row per lesson: number, title, question, minutes, and whether it is available yet."""
    rows = []
    for number, slug, title, question, minutes in LESSONS:
        name = f"{number}-{slug}.ipynb"
        rows.append({
            "lesson": number,
            "title": title,
            "question": question,
            "minutes": minutes,
            "notebook": f"notebooks/{name}",
            "exercises": f"exercises/{name}",
            "available": (ROOT / "notebooks" / name).exists(),
        })
    return pd.DataFrame(rows)


def takeaway(text: str):
    """Show a computed takeaway in italics, as the lesson standard asks."""
    from IPython.display import Markdown

    return Markdown(f"*{text}*")
