"""Did anything change the course while a submission was graded? A fingerprint of folders.

The fingerprint of a folder is every entry's path, type, size, inode, modification time and
*change* time (ctime): a file changed and then restored a moment later keeps its content but
not its ctime, which no program can set back. The grader takes it of the whole checkout (and
the submissions folder) before and after each submission, and of the Python environment
before and after the class. The sandbox cannot see any of these; this is the check that says
so, not the boundary.
"""

from __future__ import annotations

import os
from pathlib import Path

SKIP = {".git", "__pycache__", "node_modules", ".pytest_cache", ".hypothesis", ".ipynb_checkpoints"}


def fingerprint(roots: list[Path], skip_paths: list[Path] = ()) -> dict[str, tuple]:
    skipped = {os.path.realpath(p) for p in skip_paths}
    found: dict[str, tuple] = {}
    stack = [str(r) for r in roots if os.path.isdir(r)]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name in SKIP or os.path.realpath(entry.path) in skipped:
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
                continue
            found[entry.path] = (info.st_mode, info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns)
    return found


def changed(before: dict[str, tuple], after: dict[str, tuple]) -> list[str]:
    """Paths added, removed or changed between two fingerprints."""
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
