"""Reading submissions: who handed in what, unpacking bundles and loose notebooks safely, and
matching each notebook to its lesson."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections import Counter
from pathlib import Path

from grading.course import answer_expressions, lesson_of

BUNDLE_FORMAT = "summitlab-work/1"  # summitlab.bundle.FORMAT
MAX_UNPACKED = 50 * 2**20  # a bundle that unpacks to more than this is refused (zip bomb)


# --- one submission: unpack ---------------------------------------------------------------

def student_key(path: Path) -> str:
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return stem.split("__")[0]


def discover(folder: Path) -> tuple[dict[str, list[Path]], list[str]]:
    """Student key -> their files, and the names of files that are not submissions."""
    students: dict[str, list[Path]] = {}
    ignored = []
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix.lower() in (".zip", ".ipynb"):
            students.setdefault(student_key(path), []).append(path)
        elif not path.name.startswith("."):
            ignored.append(path.name)
    return students, ignored


def _safe_name(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", Path(name).name)[:120] or "notebook.ipynb"


def unpack(files: list[Path], work: Path, problems: list[str]) -> dict:
    """Copy the notebooks of a submission into ``work``; return the bundle's manifest fields."""
    info = {"name": ""}
    for path in files:
        if path.suffix.lower() == ".ipynb":
            shutil.copyfile(path, work / _safe_name(path.name))
            continue
        try:
            with zipfile.ZipFile(path) as archive:
                members = archive.infolist()
                try:
                    manifest = json.loads(archive.read("manifest.json"))
                except (KeyError, ValueError):
                    manifest = None
                if not isinstance(manifest, dict) or manifest.get("format") != BUNDLE_FORMAT:
                    problems.append(f"{path.name} is not a Summit Lab work bundle (no Summit Lab manifest: "
                                    f"another course's file?); nothing in it was graded")
                    continue
                info["name"] = str(manifest.get("student", ""))[:200]
                notebooks = [m for m in members if m.filename.startswith("notebooks/")
                             and m.filename.endswith(".ipynb") and not m.is_dir()]
                if sum(m.file_size for m in notebooks) > MAX_UNPACKED:
                    problems.append(f"{path.name} unpacks to more than {MAX_UNPACKED // 2**20} MB; not graded")
                    continue
                for member in notebooks:
                    (work / _safe_name(member.filename)).write_bytes(archive.read(member))
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as error:
            problems.append(f"{path.name} is not a readable zip file ({type(error).__name__}); nothing was graded")
    return info


def assign_notebooks(work: Path, course: dict[str, dict], lessons: list[str], problems: list[str]) -> dict[str, Path]:
    """Lesson -> the student's notebook for it (matched by its check ids, else by file name)."""
    by_name = {spec["name"]: lesson for lesson, spec in course.items()}
    chosen: dict[str, Path] = {}
    for path in sorted(work.glob("*.ipynb")):
        try:
            notebook = json.loads(path.read_text(encoding="utf-8"))
            ids = [e for e in answer_expressions(notebook) if lesson_of(e) in course]
        except (ValueError, UnicodeDecodeError, AttributeError, TypeError):
            problems.append(f"{path.name} is not a readable notebook; ignored")
            continue
        lesson = Counter(map(lesson_of, ids)).most_common(1)[0][0] if ids else by_name.get(path.name)
        if lesson is None:
            problems.append(f"{path.name} is not one of the course's exercise notebooks; ignored")
        elif lesson not in lessons:
            continue
        elif lesson in chosen and path.name != course[lesson]["name"]:
            problems.append(f"{path.name} is a second notebook for lesson {lesson}; "
                            f"{chosen[lesson].name} was graded")
        else:
            if lesson in chosen:
                problems.append(f"{chosen[lesson].name} is a second notebook for lesson {lesson}; {path.name} was graded")
            chosen[lesson] = path
    return chosen


