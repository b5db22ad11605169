"""Citations generated from the sources table, for each lesson's References section."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from summitlab.data import load


def _citation(row: pd.Series) -> str:
    author = row["author"] if pd.notna(row["author"]) else row["publisher"]
    date = row["date"].strftime("%-d %B %Y") if pd.notna(row["date"]) else "n.d."
    title = f"“{row['title']}”" if row["kind"] != "database" else f"*{row['title']}*"
    parts = [f"{author}, {title}", str(row["publisher"]), date]
    text = ", ".join(part for part in parts if part and part != "nan").rstrip(".") + "."
    if pd.notna(row["url"]):
        text += f" <{row['url']}>"
    return f"- `{row['source_id']}` — {text}"


def references(source_ids: Iterable[str]):
    """Full citations, in Markdown, for the given source ids (unknown ids are named as such)."""
    from IPython.display import Markdown

    wanted = list(dict.fromkeys(source_ids))
    table = load("sources").set_index("source_id", drop=False)
    lines = [
        _citation(table.loc[sid]) if sid in table.index else f"- `{sid}` — (not in data/sources.csv)"
        for sid in wanted
    ]
    return Markdown("\n".join(lines))
