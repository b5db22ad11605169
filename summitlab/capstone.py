"""Check a capstone project's own table the way the course checks its data (capstone/README.md).

A project folder holds, in the course's format (data/CONVENTIONS.md):

    my-project/
        <table>.csv            one row per item, a ``source_id`` on every row
        schemas/<table>.json   its Frictionless Table Schema (``source_id`` declared required)
        sources.csv            the documents your rows cite that the course's sources table lacks
                               (same columns as data/sources.csv; the header alone if none)

:func:`check_project` validates each table against its schema and the sources file against the
course's sources schema with Frictionless, then resolves every ``source_id`` in your sources or
the course's. It reads files only, never runs code from the project, and refuses files that
link out of the folder or exceed 5 MB. A schema's ``pattern`` constraints are regular
expressions that Frictionless runs, so check a project you did not write with a time limit
(``timeout 60 python tools/check_capstone.py …``). It needs the ``frictionless`` package
(``pip install -r requirements-capstone.txt``); nothing is imported until you call it.

    import summitlab.capstone as cap
    report = cap.check_project("my-project")
    report            # in a notebook: "valid", or one line per problem
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from summitlab.data import data_dir, load

SOURCE_FIELD = "source_id"
MAX_BYTES = 5_000_000  # a capstone table is small; a bigger file is rejected before it is read
_SPLIT = re.compile(r";\s*")


@dataclass
class Report:
    """The result of :func:`check_project`: ``valid`` and one plain sentence per problem."""

    folder: str
    tables: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems and bool(self.tables)

    def __str__(self) -> str:
        if self.valid:
            return f"{self.folder}: valid ({', '.join(self.tables)}; every row has a source that resolves)."
        lines = [f"{self.folder}: not valid yet ({len(self.problems)} problem(s)):"]
        return "\n".join(lines + [f"- {problem}" for problem in self.problems])

    def _repr_markdown_(self) -> str:
        text = str(self).replace("\n- ", "\n\n- ")
        return text if self.valid else f"**{text.splitlines()[0]}**\n" + "\n".join(text.splitlines()[1:])


def _frictionless():
    try:
        import frictionless
    except ImportError as error:  # the course runtime does not carry it; the capstone does
        raise ImportError("The capstone checker needs the frictionless package: run "
                          "`pip install -r requirements-capstone.txt` (from the course folder), "
                          "then restart the kernel.") from error
    return frictionless


def _read_json(path: Path, problems: list[str]) -> dict | None:
    refused = _unsafe(path, path.parent.parent)
    if refused:
        problems.append(refused)
        return None
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        problems.append(f"{path.name} is not valid JSON ({error}).")
        return None
    if not isinstance(value, dict) or not isinstance(value.get("fields"), list):
        problems.append(f"{path.name} is not a Table Schema: it needs a list of \"fields\".")
        return None
    return value


def _describe(error, csv_name: str) -> str:
    """One plain sentence for a Frictionless error, naming the line of the CSV file."""
    where = f"line {error.row_number} of {csv_name}" if getattr(error, "row_number", None) else csv_name
    name = getattr(error, "field_name", "") or ""
    if error.type == "constraint-error" and name == SOURCE_FIELD and "required" in error.note:
        return (f"{where} has no source: its {SOURCE_FIELD} is empty. Every row needs the "
                f"{SOURCE_FIELD} of a document in your sources.csv or in the course's sources table.")
    if error.type == "type-error":
        wanted = re.search(r'type is "(\w+)', error.note or "")
        return (f"{where}, column {name}: {getattr(error, 'cell', '')!r} is not a valid "
                f"{wanted.group(1) if wanted else 'value'} (dates are written YYYY-MM-DD, numbers without units).")
    if error.type == "constraint-error" and "required" in error.note:
        return f"{where}: the column {name} is required, and the cell is empty."
    if name:
        return f"{where}, column {name}: {error.note or error.message}"
    return f"{where}: {error.note or error.message}"


def _unsafe(path: Path, folder: Path) -> str | None:
    """Why a project file is not read (a link out of the folder, or too large), or None."""
    if path.is_symlink() or not path.resolve().is_relative_to(folder.resolve()):
        return f"{path.name} is a link to a file outside the project: copy the file into the folder instead."
    if path.stat().st_size > MAX_BYTES:
        return f"{path.name} is larger than {MAX_BYTES // 1_000_000} MB: a capstone table should be small."
    return None


def _validate(frictionless, folder: Path, csv_name: str, schema: dict) -> list[str]:
    path = folder / csv_name
    refused = _unsafe(path, folder)
    if refused:
        return [refused]
    # Sources are resolved by check_project, against the course's table too: a foreign key to a
    # "sources" resource (as in the course's own schemas) has no package to resolve it here.
    schema = {key: value for key, value in schema.items() if key != "foreignKeys"}
    resource = frictionless.Resource(path=csv_name, basepath=str(folder),
                                     schema=frictionless.Schema.from_descriptor(schema))
    report = resource.validate()
    messages = [_describe(error, csv_name) for task in report.tasks for error in task.errors]
    messages += [f"{csv_name}: {error.message}" for error in report.errors]
    return messages


def _source_ids(path: Path) -> list[tuple[int, list[str]]]:
    """(line number, ids) of each row of a CSV file's source_id column (empty cells skipped)."""
    import csv

    with path.open(encoding="utf-8", newline="") as handle:
        rows = []
        for line, row in enumerate(csv.DictReader(handle), start=2):
            cell = (row.get(SOURCE_FIELD) or "").strip()
            if cell:
                rows.append((line, [part for part in _SPLIT.split(cell) if part]))
        return rows


def _has_rows(path: Path) -> bool:
    with path.open(encoding="utf-8") as handle:
        return sum(1 for line in handle if line.strip()) > 1


def check_project(folder: str | Path) -> Report:
    """Validate every table of a capstone project folder and its sources; see the module docstring."""
    folder = Path(folder)
    report = Report(folder=folder.resolve().name or str(folder))
    if not folder.is_dir():
        report.problems.append(f"there is no folder {folder}: make it, with your table, schemas/ and sources.csv.")
        return report
    frictionless = _frictionless()
    course_schema = json.loads((data_dir() / "schemas" / "sources.json").read_text(encoding="utf-8"))
    own_sources: set[str] = set()
    sources_csv = folder / "sources.csv"
    if not sources_csv.exists():
        report.problems.append("sources.csv is missing: add it with the columns of the course's "
                               "data/sources.csv (the header alone if every source is the course's).")
    else:
        problems = _validate(frictionless, folder, "sources.csv", course_schema)
        report.problems += problems
        if not any("is a link" in p or "larger than" in p for p in problems):
            own_sources = {ids[0] for _, ids in _source_ids(sources_csv)}
    known = own_sources | set(load("sources")[SOURCE_FIELD].astype(str))
    schemas = sorted((folder / "schemas").glob("*.json")) if (folder / "schemas").is_dir() else []
    if not schemas:
        report.problems.append("schemas/ has no schema: describe each table in schemas/<table>.json "
                               "(a Frictionless Table Schema, like the course's data/schemas/).")
    for schema_path in schemas:
        csv_name = f"{schema_path.stem}.csv"
        schema = _read_json(schema_path, report.problems)
        if schema is None:
            continue
        if not (folder / csv_name).exists():
            report.problems.append(f"schemas/{schema_path.name} describes {csv_name}, which is missing.")
            continue
        report.tables.append(schema_path.stem)
        source_field = next((f for f in schema["fields"] if isinstance(f, dict) and f.get("name") == SOURCE_FIELD), None)
        if source_field is None or not (source_field.get("constraints") or {}).get("required"):
            report.problems.append(f"schemas/{schema_path.name} must declare a {SOURCE_FIELD} field with "
                                   '"constraints": {"required": true}, so that no row can go without a source.')
        problems = _validate(frictionless, folder, csv_name, schema)
        report.problems += problems
        if any("is a link" in p or "larger than" in p for p in problems):
            continue
        rows = _source_ids(folder / csv_name)
        if not _has_rows(folder / csv_name):
            report.problems.append(f"{csv_name} has no rows yet: add one row per item, each with its source.")
        for line, ids in rows:
            unknown = [i for i in ids if i not in known]
            if unknown:
                report.problems.append(
                    f"line {line} of {csv_name} cites {', '.join(repr(i) for i in unknown)}, which is in neither "
                    "your sources.csv nor the course's sources table: add a row for it to sources.csv.")
    return report
