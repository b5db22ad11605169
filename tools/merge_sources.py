"""Merge the bibliography parts in data/sources.d/*.csv into data/sources.csv.

Sources are written in parts (one file per topic or table) so that several people can add
sources at once without editing the same file. The merged table is sorted by source_id; the
same id may appear in several parts: empty cells are filled from the other parts, notes are
joined, and any other cell that differs between parts is an error to settle by hand.

    python tools/merge_sources.py           # write data/sources.csv
    python tools/merge_sources.py --check   # exit 1 if data/sources.csv is not current
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
COLUMNS = ["source_id", "author", "title", "publisher", "date", "url", "kind", "note"]


class ConflictError(ValueError):
    pass


def merged(parts_dir: Path = DATA / "sources.d") -> str:
    rows: dict[str, dict] = {}
    origin: dict[str, str] = {}
    for part in sorted(parts_dir.glob("*.csv")):
        with part.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames != COLUMNS:
                raise ConflictError(f"{part.name}: columns must be {','.join(COLUMNS)}")
            for row in reader:
                if row.get(None):  # more cells than columns: an unquoted comma cut a note short
                    raise ConflictError(f"{part.name}, line {reader.line_num}: {len(COLUMNS) + len(row[None])} cells "
                                        f"where there are {len(COLUMNS)} columns (quote a field that holds a comma)")
                row = {column: (row[column] or "").strip() for column in COLUMNS}
                key = row["source_id"]
                if key not in rows:
                    rows[key], origin[key] = row, part.name
                    continue
                _combine(rows[key], row, f"{key} ({origin[key]} vs {part.name})")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for key in sorted(rows):
        writer.writerow(rows[key])
    return out.getvalue()


def _combine(kept: dict, other: dict, where: str) -> None:
    for column in COLUMNS:
        mine, theirs = kept[column], other[column]
        if not theirs or theirs == mine:
            continue
        if not mine:
            kept[column] = theirs
        elif column == "note":
            if theirs not in mine:
                kept[column] = f"{mine} / {theirs}"
        else:
            raise ConflictError(f"{where}: {column} differs: {mine!r} vs {theirs!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    target = DATA / "sources.csv"
    text = merged()
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print("data/sources.csv is not current: run python tools/merge_sources.py")
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target} ({text.count(chr(10)) - 1} sources)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
