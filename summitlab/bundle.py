"""Work that is never lost: bundle a student's exercise notebooks and progress into one file.

A Binder session is deleted after a few minutes without activity. Before leaving, a student
runs ``sl.save_work()`` in an exercise notebook: it writes ``summitlab-work-<time>.zip`` (the
exercise notebooks of that folder, the progress file and a manifest) **beside the notebook**
and shows a link to download it. The link is relative to the notebook and carries the
``download`` attribute, so JupyterLab (on a laptop, on Binder or on a JupyterHub) resolves it
to the file its server serves from the notebook's folder, and the browser downloads it; the
file is also in the file browser. (Written beside the progress file, as it once was, the file
was out of the link's reach whenever the progress file lived elsewhere.) In a new session,
upload the file and run ``sl.restore_work("summitlab-work-….zip")``.

The bundle holds the notebooks as they are on disk, which is not always what the student sees:
``save_work`` warns when the progress file says an exercise was solved but the answer cell in
the saved notebook still holds the ``...`` it started from ("press Ctrl+S, then run this cell
again").

Restoring never overwrites work: a notebook is only replaced when the copy on disk is still
untouched (its cell sources are exactly as generated, which the generator records in the
notebook's metadata); otherwise the bundled version is written beside it as
``<name>-restored.ipynb``. Progress is merged, keeping the best result per exercise, but only
progress the bundle can back up (:func:`trusted_progress`: well formed, and no "correct" without
the answer in the bundled notebook); every size is capped (a zip can unpack to far more than
its own size), and a bundle that exceeds a cap is refused whole. A file
that is missing, misnamed, not a zip, or not a Summit Lab bundle gets a message that says so,
and nothing is changed.

The same file is what a student hands in: an instructor reads a folder of bundles with
:func:`summarize` (or ``python tools/class_summary.py FOLDER``).

``SUMMITLAB_BUNDLE_DIR`` sends bundles to another folder (the test suite uses it to keep them
out of the repository); a link to it works only if JupyterLab serves that folder.
"""

from __future__ import annotations

import ast
import datetime as dt
import difflib
import hashlib
import html
import io
import json
import os
import re
import sys
import zipfile
import zlib
from pathlib import Path

import pandas as pd

from summitlab import tracker

MANIFEST = "manifest.json"
FORMAT = "summitlab-work/1"
BUNDLE_DIR_VAR = "SUMMITLAB_BUNDLE_DIR"
# A check cell as the generator writes it, ``check("01.1", n_2017)``, or ``sl.check(...)``.
_CHECK_CALL = re.compile(r"""^\s*(?:sl\.)?check\(\s*["']([\w.]+)["']""", re.MULTILINE)
_COLOURS = {"saved": "#009E73", "warning": "#E69F00", "problem": "#D55E00"}


def sources_digest(notebook) -> str:
    """SHA-256 of a notebook's cell types and sources (not outputs, ids or metadata)."""
    cells = notebook["cells"] if isinstance(notebook, dict) else notebook.cells
    text = json.dumps([[c["cell_type"], _source(c)] for c in cells], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _is_untouched(path: Path) -> bool:
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    pristine = notebook.get("metadata", {}).get("summitlab", {}).get("pristine_sources")
    return pristine is not None and pristine == sources_digest(notebook)


def notebook_folder() -> Path:
    """The folder of the notebook this kernel runs (where its relative links point).

    Jupyter Server tells the kernel its notebook's path (``JPY_SESSION_NAME``); elsewhere the
    kernel's working directory, which Jupyter sets to the notebook's folder, is used.
    """
    session = Path(os.environ.get("JPY_SESSION_NAME", ""))
    if session.is_absolute() and session.suffix == ".ipynb" and session.parent.is_dir():
        return session.parent
    return Path.cwd()


def _folder(folder) -> Path:
    return Path(folder) if folder is not None else notebook_folder()


def _notebooks(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.endswith("-solutions.ipynb"))


def make_bundle(folder=None, *, student: str = "") -> bytes:
    """The bundle (zip bytes) of every exercise notebook and the progress file in ``folder``."""
    folder = _folder(folder)
    files = _notebooks(folder)
    progress_path = tracker.progress_file()
    progress = tracker.read()
    manifest = {
        "format": FORMAT,
        "student": student,
        "created_utc": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "notebooks": [p.name for p in files],
        "progress": progress,
        # Solved in the session but not in the saved notebook: the instructor can see why.
        "unsaved_answers": unsaved_answers(folder, progress),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.write(path, f"notebooks/{path.name}")
        if progress_path and progress_path.exists():
            archive.write(progress_path, tracker.FILENAME)
        archive.writestr(MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
    return buffer.getvalue()


def _has_ellipsis(node: ast.AST) -> bool:
    return any(isinstance(part, ast.Constant) and part.value is Ellipsis for part in ast.walk(node))


def _still_a_stub(code: str, name: str | None = None) -> bool:
    """Whether an answer cell still holds a ``...`` to replace (or cannot have run at all).

    With ``name`` (the variable the check cell passes), only the cell's last assignment to it
    counts: a guided exercise keeps ``answer = ...`` above its skeleton, and a student who fills
    the skeleton in below it has answered.
    """
    lines = [line for line in code.splitlines() if not line.lstrip().startswith(("%", "!"))]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:  # what is on disk could not have produced a correct answer
        return True
    if name:
        assigned = [node for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
                    and any(isinstance(target, ast.Name) and target.id == name
                            for target in (node.targets if isinstance(node, ast.Assign) else [node.target]))]
        if assigned:
            return assigned[-1].value is None or _has_ellipsis(assigned[-1].value)
    return _has_ellipsis(tree)


# The variable a check cell passes: check("01.1", n_2017) -> "n_2017".
_CHECKED_NAME = re.compile(r"""check\(\s*["'][\w.]+["']\s*,\s*([A-Za-z_]\w*)\s*\)""")


def _only_checks(code: str) -> bool:
    lines = [line.strip() for line in code.splitlines()]
    return all(not line or line.startswith(("#", "check(", "sl.check(")) for line in lines)


def unsaved_answers(folder=None, progress: dict | None = None) -> dict[str, list[str]]:
    """Exercises the progress file records as correct whose answer is not in the saved notebook.

    The answer cell of an exercise is the code cell just above its check cell (as the exercise
    notebooks are generated). It counts as unsaved when, in every notebook of ``folder`` that
    checks the exercise, it still contains ``...`` (or does not parse) and the check cell holds
    nothing but the check. Returns ``{notebook name: [exercise ids]}``.
    """
    folder = _folder(folder)
    progress = tracker.read() if progress is None else progress
    notebooks = []
    for path in _notebooks(folder):
        try:
            notebooks.append((path.name, json.loads(path.read_text(encoding="utf-8"))["cells"]))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return _stub_answers(notebooks, progress)


def _stub_answers(notebooks: list[tuple[str, list]], progress: dict) -> dict[str, list[str]]:
    """:func:`unsaved_answers` over (name, cells) pairs."""
    solved = {key for key, entry in progress.items()
              if isinstance(entry, dict) and entry.get("status") == "correct"}
    stubs: dict[str, list[str]] = {}
    answered: set[str] = set()
    for name, cells in notebooks:
        if not isinstance(cells, list):
            continue
        above = None
        for cell in cells:
            if not isinstance(cell, dict) or cell.get("cell_type") != "code":
                continue
            code = _source(cell)
            for exercise_id in _CHECK_CALL.findall(code):
                if exercise_id not in solved:
                    continue
                named = _CHECKED_NAME.search(code)
                if above is not None and _still_a_stub(above, named and named.group(1)) and _only_checks(code):
                    stubs.setdefault(exercise_id, []).append(name)
                else:
                    answered.add(exercise_id)
            above = code
    by_notebook: dict[str, list[str]] = {}
    for exercise_id, names in sorted(stubs.items()):
        if exercise_id not in answered:
            for name in names:
                by_notebook.setdefault(name, []).append(exercise_id)
    return by_notebook


class Notice:
    """A message a student reads in the notebook (``kind`` is "saved", "warning" or "problem")."""

    def __init__(self, kind: str, text: str, html_text: str | None = None):
        self.kind = kind
        self.text = text
        self._html = html_text if html_text is not None else html.escape(text)

    def __bool__(self) -> bool:
        return self.kind != "problem"

    def __repr__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return (f'<div class="summitlab-{self.kind}" role="status" style="border-left: 4px solid '
                f'{_COLOURS[self.kind]}; padding: 0.3em 0.8em;">{self._html}</div>')


class SavedWork(Notice):
    """What ``save_work`` shows: a download link to the bundle and, if needed, a warning."""

    def __init__(self, path: Path, link: str, n_notebooks: int, unsaved: dict[str, list[str]]):
        self.path = path
        self.link = link
        self.unsaved = unsaved
        name = path.name
        saved = (f"{n_notebooks} notebook{'s' if n_notebooks != 1 else ''} and your progress")
        text = (f"Saved {saved} in {path}. Download {name} and keep it; next time, upload it "
                f'and run sl.restore_work("{name}").')
        body = (f'Saved {saved}: <a href="{html.escape(link, quote=True)}" '
                f'download="{html.escape(name, quote=True)}">{html.escape(name)}</a>. '
                f"Click the link to download the file and keep it (if it does not download, "
                f"right-click the file in the file browser and choose Download); next time, "
                f'upload it and run <code>sl.restore_work("{html.escape(name)}")</code>.')
        warning = _unsaved_text(unsaved)
        if warning:
            text = f"Warning: {warning}\n{text}"
            body = f"<strong>⚠ {html.escape(warning)}</strong><br>{body}"
        super().__init__("warning" if warning else "saved", text, body)

    def __fspath__(self) -> str:
        return str(self.path)


def _unsaved_text(unsaved: dict[str, list[str]]) -> str:
    if not unsaved:
        return ""
    where = "; ".join(f"{', '.join(ids)} in {name}" for name, ids in unsaved.items())
    return (f"Not all your answers are in this file. Your progress says you solved {where}, "
            "but the saved notebook still has ... in the answer cell. Press Ctrl+S (File → "
            "Save Notebook), then run this cell again.")


def save_work(folder=None, *, student: str = ""):
    """Write ``summitlab-work-<UTC time>.zip`` beside the notebook and show a link to download it.

    ``folder``: bundle the exercise notebooks of this folder, and write the file there, instead
    of the running notebook's folder.
    """
    here = notebook_folder()
    source = _folder(folder)
    target_dir = source if folder is not None else Path(os.environ.get(BUNDLE_DIR_VAR) or here)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S")
    target = target_dir / f"summitlab-work-{stamp}.zip"  # written under a temporary name first
    partial = target.with_name(f".{target.name}.partial")
    try:
        data = make_bundle(source, student=student)
        target_dir.mkdir(parents=True, exist_ok=True)
        with open(partial, "wb") as handle:  # a full disk leaves no truncated bundle under the real name
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except OSError as problem:
        try:
            partial.unlink()
        except OSError:
            pass
        reason = problem.strerror or str(problem)
        return Notice("problem", f"Your work could not be saved to {target} ({reason}). Download "
                      "your notebooks one by one from the file browser (right-click → Download).")
    unsaved = unsaved_answers(source)
    link = Path(os.path.relpath(target, here)).as_posix()
    if "google.colab" in sys.modules:  # Colab's output links cannot reach its disk
        try:
            from google.colab import files

            files.download(str(target))
        except Exception:  # noqa: BLE001 - the link and the path below still say where it is
            pass
    return SavedWork(target, link, len(_notebooks(source)), unsaved)


def _free_name(folder: Path, name: str) -> Path:
    stem, suffix = name.rsplit(".", 1)
    candidate = folder / f"{stem}-restored.{suffix}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-restored-{number}.{suffix}"
        number += 1
    return candidate


class BundleError(ValueError):
    """A file that cannot be restored; the message says why, in words for a student."""


_MADE_BY = "the file sl.save_work() writes, whose name starts with summitlab-work-"
# What a bundle may hold; anything larger is refused whole (a zip can unpack to far more than its size).
MAX_MANIFEST = 2**20
MAX_NOTEBOOK = 64 * 2**20
MAX_TOTAL = 256 * 2**20
MAX_ENTRIES = 500
MAX_PROGRESS = 1000


def _read_capped(archive: zipfile.ZipFile, member: str, cap: int, name: str) -> bytes:
    with archive.open(member) as handle:
        data = handle.read(cap + 1)
    if len(data) > cap:
        raise BundleError(f"{name} is not a Summit Lab work bundle: {Path(member).name} in it unpacks to "
                          f"more than {cap // 2**20} MB. Nothing was restored; use another bundle.")
    return data


def _read_bundle(bundle) -> tuple[dict, dict[str, bytes]]:
    """The manifest and notebooks of a bundle (a path or an open binary file); BundleError if not one."""
    name = Path(bundle).name if isinstance(bundle, (str, os.PathLike)) else "this file"
    if not zipfile.is_zipfile(bundle):
        what = " (it is a notebook: open it from the file browser)" if name.endswith(".ipynb") else ""
        raise BundleError(f"{name} is not a zip file{what}, so it is not a Summit Lab work bundle. "
                          f"Upload {_MADE_BY}.")
    if hasattr(bundle, "seek"):
        bundle.seek(0)
    try:
        with zipfile.ZipFile(bundle) as archive:
            names = archive.namelist()
            if len(names) > MAX_ENTRIES or len(set(names)) != len(names):
                raise BundleError(f"{name} is not a Summit Lab work bundle: it holds {len(names)} entries"
                                  f"{' with repeated names' if len(set(names)) != len(names) else ''}. "
                                  f"Upload {_MADE_BY}.")
            if MANIFEST not in names:
                raise BundleError(f"{name} is a zip file but not a Summit Lab work bundle: it has "
                                  f"no {MANIFEST}. Upload {_MADE_BY}.")
            try:
                manifest = json.loads(_read_capped(archive, MANIFEST, MAX_MANIFEST, name))
            except (ValueError, RecursionError):
                manifest = None
            if not isinstance(manifest, dict):
                raise BundleError(f"{name} is not a Summit Lab work bundle: its {MANIFEST} "
                                  f"cannot be read. Upload {_MADE_BY}.")
            made = manifest.get("format")
            if made != FORMAT:
                if isinstance(made, str) and made.startswith("summitlab-work/"):
                    raise BundleError(f"{name} was made by another version of Summit Lab "
                                      f"({made}; this one reads {FORMAT}). Ask your instructor.")
                raise BundleError(f"{name} is not a Summit Lab work bundle: it was made by "
                                  f"another course or tool (format {made!r}). Upload {_MADE_BY}.")
            files, total = {}, 0
            for member in names:
                if member.startswith("notebooks/") and member.endswith(".ipynb") and Path(member).name != ".ipynb":
                    files[member] = _read_capped(archive, member, MAX_NOTEBOOK, name)
                    total += len(files[member])
                    if total > MAX_TOTAL:
                        raise BundleError(f"{name} unpacks to more than {MAX_TOTAL // 2**20} MB; nothing was "
                                          "restored. Use another bundle.")
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, zlib.error, NotImplementedError) as problem:
        raise BundleError(f"{name} is damaged and cannot be read ({problem}). Download it "
                          "again, or use another bundle.") from problem
    for member, content in files.items():
        try:
            json.loads(content)["cells"]
        except (ValueError, KeyError, TypeError, RecursionError):
            raise BundleError(f"{name} is damaged: {Path(member).name} in it is not a notebook. "
                              "Nothing was restored; use another bundle.") from None
    return manifest, files


def _locate(bundle, folder: Path):
    """The bundle's path (or open file), or BundleError saying what is wrong with the name."""
    if hasattr(bundle, "read"):
        return bundle
    if not isinstance(bundle, (str, os.PathLike)) or not str(bundle).strip():
        raise BundleError('Give the name of your bundle as text in quotes, for example '
                          'sl.restore_work("summitlab-work-20260131-170000.zip").')
    given = Path(bundle)
    for candidate in (given, folder / given):
        if candidate.is_file():
            return candidate
    if given.is_dir() or (folder / given).is_dir():
        raise BundleError(f"{given} is a folder; give the name of the .zip file in it.")
    here = sorted(p.name for p in folder.glob("*.zip"))
    text = f"There is no file named {given.name} in {folder}."
    guess = difflib.get_close_matches(given.name, here, n=1, cutoff=0.6)
    if given.name == "the-file-name.zip":
        text += " Replace the-file-name.zip with the name of your bundle."
    if guess:
        text += f' Did you mean sl.restore_work("{guess[0]}")?'
    elif here:
        text += " The .zip files here are: " + ", ".join(here) + "."
    else:
        text += (" Upload your bundle first: drag it from your computer into the file browser "
                 "on the left (or use its upload button), then run this cell again.")
    raise BundleError(text)


def restore_work(bundle, folder=None):
    """Restore a bundle into ``folder`` without overwriting work; return what happened to each file.

    ``bundle``: the name of the uploaded file (looked up here and in the notebook's folder), a
    path, or an open binary file. A bundle that cannot be restored gets a message saying why,
    and nothing is changed.
    """
    folder = _folder(folder)
    try:
        manifest, files = _read_bundle(_locate(bundle, folder))
    except BundleError as problem:
        return Notice("problem", f"Nothing was restored: {problem}")
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
    _merge_progress(trusted_progress(manifest.get("progress"), files))
    return pd.DataFrame(report, columns=["notebook", "action", "written_to"])


def trusted_progress(progress, files: dict[str, bytes]) -> dict:
    """The part of a bundle's progress that restoring may merge: {} unless the whole record is sound.

    A bundle is made on the student's machine, so its progress is only a claim. It is merged
    only if every entry is well formed (an exercise of this course, a known status, small
    counts) and, for each exercise it records as correct, the bundled notebook holds an
    answer (not the ``...`` it started from); a correct claim without one is dropped.
    """
    from summitlab.checks import catalogue

    if not isinstance(progress, dict) or len(progress) > MAX_PROGRESS:
        return {}
    known = catalogue()
    for exercise_id, entry in progress.items():
        if exercise_id not in known or not isinstance(entry, dict) or entry.get("status") not in tracker._RANK:
            return {}
        for key in ("checks", "wrong"):
            value = entry.get(key, 0)
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100_000:
                return {}
    notebooks = []
    for member, content in files.items():
        try:
            notebooks.append((Path(member).name, json.loads(content)["cells"]))
        except (ValueError, KeyError, TypeError, RecursionError):
            continue
    unproven = {e for ids in _stub_answers(notebooks, progress).values() for e in ids}
    solved_somewhere = {e for e in progress if progress[e].get("status") == "correct"}
    checked = {e for _, cells in notebooks for c in cells if isinstance(c, dict) and c.get("cell_type") == "code"
               for e in _CHECK_CALL.findall(_source(c))}
    unproven |= solved_somewhere - checked  # a correct claim for a notebook that is not in the bundle
    return {e: entry for e, entry in progress.items() if e not in unproven}


def _merge_progress(saved: dict) -> None:
    for exercise_id, entry in saved.items():
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
