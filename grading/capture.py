"""The kernel that the grader (grading/run.py) runs a student's notebook in: limits first, then IPython.

Started as ``python -m summitlab_grade_kernel --folder F --memory-mb M --cpu-seconds S -f CONN``
from a copy of this file in the submission's private temporary folder. Before any student
code runs it

* caps the process's address space (memory), CPU time, file size and core dumps with
  ``resource.setrlimit`` (a runaway loop that ignores interrupts dies at the CPU limit);
* installs a Python audit hook (PEP 578; it cannot be removed from Python code) that refuses
  writing, deleting or renaming files outside the submission's folder, reading the grader's
  private folders, network connections, starting processes and loading C code through ctypes.

It also holds :func:`capture`, which the grader's own cells call to turn each answer into plain
data (JSON) that the grader judges in its own process: no student object leaves the kernel.
"""

from __future__ import annotations

import os
import sys

_BLOCKED_EVENTS = {
    "socket.connect", "socket.bind", "socket.sendto", "socket.getaddrinfo",
    "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
    "os.forkpty", "pty.spawn", "ctypes.dlopen", "ctypes.dlsym", "ctypes.cdata",
    "os.kill", "os.killpg", "sys.addaudithook", "os.chroot",
}
# Imported before the guard is installed (ctypes opens libraries as it loads).
_PRELOAD = ("ctypes", "socket", "numpy", "pandas", "altair", "IPython", "ipykernel.kernelapp")
_PATH_EVENTS = {  # event -> indexes of the path arguments that must stay inside the folder
    "os.remove": (0,), "os.rmdir": (0,), "os.rename": (0, 1), "os.replace": (0, 1),
    "os.mkdir": (0,), "os.chmod": (0,), "os.chown": (0,), "os.link": (0, 1),
    "os.symlink": (1,), "os.truncate": (0,), "os.utime": (0,), "shutil.rmtree": (0,),
    "shutil.copyfile": (1,), "shutil.copytree": (1,), "shutil.move": (0, 1),
}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC


def _inside(path, roots) -> bool:
    try:
        real = os.path.realpath(os.fsdecode(path))
    except (TypeError, ValueError):
        return False
    return any(real == root or real.startswith(root + os.sep) for root in roots)


def install_guard(folder: str, private: list[str], readable: list[str]) -> None:
    """Refuse, from now on, what a graded notebook has no business doing (see module doc)."""
    writable = [os.path.realpath(folder), os.path.realpath("/dev/null")]
    hidden = [os.path.realpath(p) for p in private]
    allowed = writable + [os.path.realpath(p) for p in readable]

    def guard(event, args):
        if event in _BLOCKED_EVENTS:
            if event.startswith("socket.") and args and getattr(args[0], "family", None) == getattr(
                    __import__("socket"), "AF_UNIX", None):
                return
            raise PermissionError(f"not allowed while grading: {event}")
        if event == "open":
            path, mode, flags = (list(args) + [None, None, None])[:3]
            if not isinstance(path, (str, bytes, os.PathLike)):
                return  # an already open file descriptor
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & _WRITE_FLAGS)
            if writing and not _inside(path, writable):
                raise PermissionError(f"not allowed while grading: writing {os.fsdecode(path)}")
            if _inside(path, hidden) and not _inside(path, allowed):
                raise PermissionError(f"not allowed while grading: reading {os.fsdecode(path)}")
        elif event in _PATH_EVENTS:
            for index in _PATH_EVENTS[event]:
                if index < len(args) and args[index] is not None and not _inside(args[index], writable):
                    raise PermissionError(f"not allowed while grading: {event} {os.fsdecode(args[index])}")

    sys.addaudithook(guard)


def set_limits(memory_mb: int, cpu_seconds: int, file_mb: int = 200) -> None:
    import resource

    limits = {
        resource.RLIMIT_AS: memory_mb * 2**20,
        resource.RLIMIT_CPU: cpu_seconds,
        resource.RLIMIT_FSIZE: file_mb * 2**20,
        resource.RLIMIT_CORE: 0,
    }
    for which, value in limits.items():
        soft, hard = resource.getrlimit(which)
        cap = value if hard == resource.RLIM_INFINITY else min(value, hard)
        try:
            resource.setrlimit(which, (cap, cap))
        except (ValueError, OSError):  # e.g. macOS refuses an address-space limit: run without it
            print(f"grader: could not set limit {which}", file=sys.stderr)


# --- answers to plain data --------------------------------------------------------------

def _plain(value, depth: int = 0):
    import datetime as dt
    import json

    if value is Ellipsis:
        return {"kind": "blank"}
    if depth > 3:
        return {"kind": "other", "type": type(value).__name__}
    module = type(value).__module__ or ""
    if value is None or isinstance(value, (bool, str)):
        return {"kind": "json", "value": value}
    if isinstance(value, (int, float)) and type(value) in (int, float):
        return {"kind": "json", "value": value if value == value and abs(value) != float("inf") else repr(value),
                "float": isinstance(value, float) and not (value == value and abs(value) != float("inf"))}
    if module.startswith("numpy") and hasattr(value, "item") and getattr(value, "ndim", 1) == 0:
        return _plain(value.item(), depth + 1)
    if module.startswith("pandas") and type(value).__name__ == "Timestamp":
        return {"kind": "timestamp", "value": value.isoformat()}
    if isinstance(value, (dt.datetime, dt.date)):
        return {"kind": "timestamp", "value": value.isoformat()}
    if module.startswith("pandas") and type(value).__name__ in ("DataFrame", "Series"):
        try:
            text = value.to_json(orient="table", date_format="iso")
        except Exception as error:  # e.g. a column of objects that JSON cannot hold
            return {"kind": "unreadable", "type": type(value).__name__, "message": str(error)[:200]}
        return {"kind": type(value).__name__.lower(), "value": text}
    if module.startswith("altair") and hasattr(value, "to_dict"):
        try:
            return {"kind": "chart", "value": json.loads(json.dumps(value.to_dict()))}
        except Exception as error:
            first = str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
            return {"kind": "chart_error", "message": first}
    if isinstance(value, (list, tuple)) and type(value) in (list, tuple):
        return {"kind": type(value).__name__, "value": [_plain(v, depth + 1) for v in value[:1000]]}
    if type(value) is dict and all(isinstance(k, str) for k in value):
        return {"kind": "dict", "value": {k: _plain(v, depth + 1) for k, v in list(value.items())[:1000]}}
    return {"kind": "other", "type": type(value).__name__}


def capture(expressions: dict, namespace: dict) -> None:
    """Evaluate each answer expression in the notebook's namespace and publish it as JSON."""
    import json

    from IPython.display import publish_display_data

    answers = {}
    for exercise_id, expression in expressions.items():
        try:
            value = eval(expression, namespace)  # the grader's own expression, e.g. "n_2017"
        except NameError as error:
            answers[exercise_id] = {"kind": "undefined", "message": str(error)}
            continue
        except Exception as error:
            answers[exercise_id] = {"kind": "unreadable", "type": type(error).__name__, "message": str(error)[:200]}
            continue
        try:
            answers[exercise_id] = _plain(value)
        except Exception as error:
            answers[exercise_id] = {"kind": "unreadable", "type": type(value).__name__, "message": str(error)[:200]}
    publish_display_data({"application/x-summitlab-answers+json": json.loads(json.dumps(answers, default=str))})


def main(argv: list[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--folder", required=True)
    parser.add_argument("--private", action="append", default=[])
    parser.add_argument("--readable", action="append", default=[])
    parser.add_argument("--memory-mb", type=int, default=2048)
    parser.add_argument("--cpu-seconds", type=int, default=600)
    args, rest = parser.parse_known_args(argv)
    set_limits(args.memory_mb, args.cpu_seconds)
    import importlib

    for name in _PRELOAD:
        importlib.import_module(name)
    from ipykernel import kernelapp

    install_guard(args.folder, args.private, [*args.readable, sys.prefix, sys.base_prefix])
    sys.argv = [sys.argv[0], *rest]
    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main(sys.argv[1:])
