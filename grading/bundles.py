"""Reading submissions: who handed in what, unpacking bundles and loose notebooks safely, and
matching each notebook to its lesson.

Nothing from a submission is written to disk or executed here: notebooks are read into memory
with a cap on every size (the file, the manifest, each entry, the number of entries, the code
of each notebook), their saved outputs are dropped at once (they never count toward a limit),
and every oddity is a problem on that student's row: a duplicate name in a zip, an over-long
name, a name that is not UTF-8, a symbolic link, a corrupt or encrypted entry.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
import zipfile
import zlib
from collections import Counter
from pathlib import Path

from grading.course import answer_expressions, lesson_of

BUNDLE_FORMAT = "summitlab-work/1"  # summitlab.bundle.FORMAT
MANIFEST = "manifest.json"
MAX_FILE = 200 * 2**20  # a handed-in file (zip or notebook) on disk
MAX_MANIFEST = 2**20
MAX_ENTRIES = 500  # zip entries looked at
MAX_NOTEBOOK = 160 * 2**20  # one notebook as stored, outputs included (they are dropped once read)
MAX_CODE = 4 * 2**20  # the cell sources of one notebook: what counts
MAX_CELLS = 3000
MAX_NAME = 120


def display_name(name) -> str:
    """A file name as text that can be written anywhere (non-UTF-8 bytes become U+FFFD)."""
    if isinstance(name, bytes):
        text = name.decode("utf-8", "replace")
    else:
        text = os.fsencode(name).decode("utf-8", "replace") if isinstance(name, str) else str(name)
    return "".join(c if unicodedata.category(c)[0] != "C" else "\ufffd" for c in text)


def is_utf8(name: str) -> bool:
    try:
        os.fsencode(name).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def student_key(path: Path) -> str:
    name = display_name(path.name)
    stem = name[: -len(path.suffix)] if path.suffix else name
    return stem.split("__")[0]


def discover(folder: Path) -> tuple[dict[str, list[Path]], list[str]]:
    """Student key -> their files, and the names of files that are not submissions."""
    students: dict[str, list[Path]] = {}
    ignored = []
    for path in sorted(folder.iterdir(), key=lambda p: os.fsencode(p.name)):
        if path.suffix.lower() in (".zip", ".ipynb") and (path.is_file() or path.is_symlink()):
            students.setdefault(student_key(path), []).append(path)
        elif not path.name.startswith("."):
            ignored.append(display_name(path.name))
    return students, ignored


def clean_text(value, limit: int = 200) -> str:
    """A student-supplied string (e.g. the name in a manifest) as one safe line."""
    text = value if isinstance(value, str) else ""
    text = "".join(c if unicodedata.category(c)[0] != "C" else " " for c in text[: limit * 2])
    return re.sub(r"\s+", " ", text).strip()[:limit]


def parse_notebook(data: bytes, name: str, problems: list[str]) -> dict | None:
    """The notebook's cells as [{"cell_type", "source"}] (outputs dropped), or None with a problem."""
    try:
        notebook = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        problems.append(f"{name} is not a readable notebook; ignored")
        return None
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        problems.append(f"{name} is not a readable notebook (no cells); ignored")
        return None
    kept, size = [], 0
    for cell in cells[:MAX_CELLS]:
        if not isinstance(cell, dict) or cell.get("cell_type") not in ("code", "markdown", "raw"):
            continue
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(s for s in source if isinstance(s, str))
        if not isinstance(source, str):
            source = ""
        size += len(source)
        kept.append({"cell_type": cell["cell_type"], "source": source})
    if len(cells) > MAX_CELLS:
        problems.append(f"{name} has {len(cells)} cells; only the first {MAX_CELLS} were run")
    if size > MAX_CODE:
        problems.append(f"{name} has more than {MAX_CODE // 2**20} MB of code and text in its cells; ignored")
        return None
    return {"cells": kept}


def _read_capped(archive: zipfile.ZipFile, member: zipfile.ZipInfo, cap: int) -> bytes | None:
    """The member's bytes, or None if it unpacks to more than ``cap`` (whatever its header says)."""
    with archive.open(member) as handle:
        data = handle.read(cap + 1)
    return None if len(data) > cap else data


def _short(name: str) -> str:
    if len(name) <= MAX_NAME:
        return name
    return name[: MAX_NAME - 10] + "…" + name[-9:]


def unpack(files: list[Path], problems: list[str]) -> tuple[dict, list[tuple[str, dict]]]:
    """Read a submission: its manifest fields ({"name"}) and its notebooks as (name, notebook)."""
    info = {"name": ""}
    notebooks: list[tuple[str, dict]] = []
    for path in files:
        label = _short(display_name(path.name))
        if not is_utf8(path.name):
            problems.append(f"the file name {label!r} is not valid UTF-8 (shown with \ufffd)")
        if len(display_name(path.name)) > MAX_NAME:
            problems.append(f"the file name {label!r} is {len(display_name(path.name))} characters long")
        if path.is_symlink() or not path.is_file():
            problems.append(f"{label} is a symbolic link or not a regular file; not graded")
            continue
        try:
            size = path.stat().st_size
        except OSError:
            size = MAX_FILE + 1
        if size > MAX_FILE:
            problems.append(f"{label} is larger than {MAX_FILE // 2**20} MB; not graded")
            continue
        if path.suffix.lower() == ".ipynb":
            if size > MAX_NOTEBOOK:
                problems.append(f"{label} is larger than {MAX_NOTEBOOK // 2**20} MB; not graded")
                continue
            try:
                data = path.read_bytes()
            except OSError as error:
                problems.append(f"{label} could not be read ({type(error).__name__}); not graded")
                continue
            notebook = parse_notebook(data, label, problems)
            if notebook is not None:
                notebooks.append((display_name(path.name), notebook))
            continue
        try:
            _unpack_zip(path, label, info, notebooks, problems)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError,
                ValueError, KeyError) as error:
            problems.append(f"{label} is not a readable zip file ({type(error).__name__}); nothing in it was graded")
    return info, notebooks


def _unpack_zip(path: Path, label: str, info: dict, notebooks: list, problems: list[str]) -> None:
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
        if len(members) > MAX_ENTRIES:
            problems.append(f"{label} has {len(members)} entries; only the first {MAX_ENTRIES} were looked at")
            members = members[:MAX_ENTRIES]
        counts = Counter(m.filename for m in members)
        for name, count in sorted(counts.items()):
            if count > 1:
                problems.append(f"{label} holds {count} entries named {_short(display_name(name))!r}; "
                                "none of them was used (hand in a bundle with one of each)")
        manifests = [m for m in members if m.filename == MANIFEST]
        manifest = None
        if len(manifests) == 1:
            data = _read_capped(archive, manifests[0], MAX_MANIFEST)
            if data is None:
                problems.append(f"{label}: its {MANIFEST} is larger than {MAX_MANIFEST // 2**20} MB")
            else:
                try:
                    manifest = json.loads(data.decode("utf-8"))
                except (UnicodeDecodeError, ValueError, RecursionError):
                    manifest = None
        if not isinstance(manifest, dict) or manifest.get("format") != BUNDLE_FORMAT:
            problems.append(f"{label} is not a Summit Lab work bundle (no Summit Lab manifest: "
                            f"another course's file?); nothing in it was graded")
            return
        info["name"] = clean_text(manifest.get("student", ""))
        for member in members:
            name = member.filename
            if (counts[name] > 1 or not name.startswith("notebooks/") or not name.endswith(".ipynb")
                    or member.is_dir()):
                continue
            shown = _short(display_name(name.rsplit("/", 1)[-1]))
            if len(name) > 255:
                problems.append(f"{label}: the entry name {shown!r} is {len(name)} characters long")
            try:
                data = _read_capped(archive, member, MAX_NOTEBOOK)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError,
                    ValueError) as error:
                problems.append(f"{label}: {shown} cannot be unpacked ({type(error).__name__}); not graded")
                continue
            if data is None:
                problems.append(f"{label}: {shown} unpacks to more than {MAX_NOTEBOOK // 2**20} MB; not graded")
                continue
            notebook = parse_notebook(data, shown, problems)
            if notebook is not None:
                notebooks.append((display_name(name.rsplit("/", 1)[-1]), notebook))


def assign_notebooks(notebooks: list[tuple[str, dict]], course: dict[str, dict], lessons: list[str],
                     problems: list[str]) -> dict[str, tuple[str, dict]]:
    """Lesson -> the student's (name, notebook) for it (matched by its check ids, else by file name)."""
    by_name = {spec["name"]: lesson for lesson, spec in course.items()}
    chosen: dict[str, tuple[str, dict]] = {}
    for name, notebook in sorted(notebooks, key=lambda item: item[0]):
        shown = _short(name)
        ids = [e for e in answer_expressions(notebook) if lesson_of(e) in course]
        lesson = Counter(map(lesson_of, ids)).most_common(1)[0][0] if ids else by_name.get(name)
        if lesson is None:
            problems.append(f"{shown} is not one of the course's exercise notebooks; ignored")
        elif lesson not in lessons:
            continue
        elif lesson in chosen and name != course[lesson]["name"]:
            problems.append(f"{shown} is a second notebook for lesson {lesson}; {_short(chosen[lesson][0])} was graded")
        else:
            if lesson in chosen:
                problems.append(f"{_short(chosen[lesson][0])} is a second notebook for lesson {lesson}; {shown} was graded")
            chosen[lesson] = (name, notebook)
    return chosen
