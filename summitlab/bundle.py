"""Work that is never lost: bundle a student's exercise notebooks and progress into one file.

A Binder session is deleted after a few minutes without activity. Before leaving, a student
runs ``sl.save_work()`` in an exercise notebook: it writes ``summitlab-work-<time>.zip`` beside
the notebooks (exercise notebooks, the progress file and a manifest) and shows a link to
download it. In a new session, upload the file and run ``sl.restore_work("summitlab-work-….zip")``.

Restoring never overwrites work: a notebook is only replaced when the copy on disk is still
untouched (its cell sources are exactly as generated, which the generator records in the
notebook's metadata); otherwise the bundled version is written beside it as
``<name>-restored.ipynb``. Progress is merged, keeping the best result per exercise.

The same file is what a student hands in: an instructor reads a folder of bundles with
:func:`summarize` (or ``python tools/class_summary.py FOLDER``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pandas as pd

from summitlab import tracker

MANIFEST = "manifest.json"
FORMAT = "summitlab-work/1"


def sources_digest(notebook) -> str:
    """SHA-256 of a notebook's cell types and sources (not outputs, ids or metadata)."""
    cells = notebook["cells"] if isinstance(notebook, dict) else notebook.cells
    text = json.dumps([[c["cell_type"], _source(c)] for c in cells], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _source(cell) -> str:
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else source


def _is_untouched(path: Path) -> bool:
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    pristine = notebook.get("metadata", {}).get("summitlab", {}).get("pristine_sources")
    return pristine is not None and pristine == sources_digest(notebook)


def _folder(folder) -> Path:
    if folder is not None:
        return Path(folder)
    progress_path = tracker.progress_file()
    return progress_path.parent if progress_path else Path.cwd()


def make_bundle(folder=None, *, student: str = "") -> bytes:
    """The bundle (zip bytes) of every exercise notebook and the progress file in ``folder``."""
    folder = _folder(folder)
    files = sorted(p for p in folder.glob("*.ipynb") if not p.name.endswith("-solutions.ipynb"))
    progress_path = tracker.progress_file()
    manifest = {
        "format": FORMAT,
        "student": student,
        "created_utc": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "notebooks": [p.name for p in files],
        "progress": tracker.read(),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.write(path, f"notebooks/{path.name}")
        if progress_path and progress_path.exists():
            archive.write(progress_path, tracker.FILENAME)
        archive.writestr(MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
    return buffer.getvalue()


def save_work(folder=None, *, student: str = ""):
    """Write ``summitlab-work-<UTC time>.zip`` into ``folder`` and return a link to download it."""
    folder = _folder(folder)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S")
    target = folder / f"summitlab-work-{stamp}.zip"
    target.write_bytes(make_bundle(folder, student=student))
    try:
        from IPython.display import FileLink

        return FileLink(target.name, result_html_prefix="Download your work (right-click → Save link as): ")
    except ImportError:  # outside Jupyter
        return target


def _free_name(folder: Path, name: str) -> Path:
    stem, suffix = name.rsplit(".", 1)
    candidate = folder / f"{stem}-restored.{suffix}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-restored-{number}.{suffix}"
        number += 1
    return candidate


def _read_bundle(bundle) -> tuple[dict, dict[str, bytes]]:
    with zipfile.ZipFile(bundle) as archive:
        manifest = json.loads(archive.read(MANIFEST))
        if manifest.get("format") != FORMAT:
            raise ValueError("this file is not a Summit Lab work bundle")
        files = {name: archive.read(name) for name in archive.namelist() if name.startswith("notebooks/")}
    return manifest, files


def restore_work(bundle, folder=None) -> pd.DataFrame:
    """Restore a bundle into ``folder`` without overwriting work; return what happened to each file."""
    folder = _folder(folder)
    manifest, files = _read_bundle(bundle)
    report = []
    for member, content in sorted(files.items()):
        name = Path(member).name
        target = folder / name
        if not target.exists():
            target.write_bytes(content)
            action, written = "restored", name
        elif target.read_bytes() == content:
            action, written = "already up to date", name
        elif _is_untouched(target):
            target.write_bytes(content)
            action, written = "restored (replaced an untouched copy)", name
        else:
            beside = _free_name(folder, name)
            beside.write_bytes(content)
            action, written = "kept your copy; bundle version written beside it", beside.name
        report.append({"notebook": name, "action": action, "written_to": written})
    _merge_progress(manifest.get("progress", {}))
    return pd.DataFrame(report, columns=["notebook", "action", "written_to"])


def _merge_progress(saved: dict) -> None:
    for exercise_id, entry in saved.items():
        if isinstance(entry, dict) and isinstance(entry.get("status"), str):
            tracker.merge(exercise_id, entry)


def summarize(folder) -> pd.DataFrame:
    """One row per bundle in ``folder`` and one column per exercise: the status each student reached."""
    from summitlab.checks import catalogue

    exercises = [e.id for e in catalogue().values() if e.kind == "checked"]
    rows = []
    for path in sorted(Path(folder).glob("*.zip")):
        try:
            manifest, _ = _read_bundle(path)
        except (zipfile.BadZipFile, KeyError, ValueError):
            rows.append({"student": path.stem, "bundle": path.name, "error": "not a Summit Lab bundle"})
            continue
        progress = manifest.get("progress", {})
        row = {"student": manifest.get("student") or path.stem, "bundle": path.name, "error": ""}
        for exercise_id in exercises:
            entry = progress.get(exercise_id)
            row[exercise_id] = entry.get("status", "not started") if isinstance(entry, dict) else "not started"
        row["correct"] = sum(row[e] == "correct" for e in exercises)
        rows.append(row)
    return pd.DataFrame(rows, columns=["student", "bundle", "error", *exercises, "correct"])
