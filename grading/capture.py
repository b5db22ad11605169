"""What runs inside the sandbox: execute one notebook's code cells and report its answers as data.

Started by :mod:`grading.sandbox` as ``python -I -B summitlab_capture.py PROGRAM`` (a copy of
this file sits beside the sandbox's private ``summitlab``). ``PROGRAM`` is a JSON file written
by the grader: the notebook's code cells (with only the ``save_work(...)``/``restore_work(...)``
calls taken out), the exercises to capture and, for each, the course's answer expression.

It runs the cells one after another in one IPython shell, in this process (no Jupyter
kernel, no sockets), with ``summitlab.check`` replaced by a recorder: the student's own
``check("01.1", answer)`` call records ``answer`` as plain data (JSON; a table as JSON, a chart
as its Vega-Lite spec) and judges nothing. The sandbox's copy of ``summitlab`` holds no
exercise definitions, so no expected value is anywhere in this process. An exercise whose
check was never called is captured at the end from its answer expression, as before.

Records go to standard output as JSON lines (``{"t": "cell" | "error" | "answer" | "stop" |
"done", ...}``); the student's ``print`` and display output go nowhere. The student's code can
write to this channel too: it can only ever send *answers*, never a verdict, and the grader
validates every line (grading/answers.py) and judges outside the sandbox.

This file is also imported by the grader for :func:`plain` (the same conversion, tested both
ways); it must import nothing from ``grading`` and nothing at module level but the standard
library.
"""

from __future__ import annotations

import json
import os
import signal
import sys

MAX_ANSWER_BYTES = 2 * 2**20  # one answer's JSON (a table, a chart spec)
MAX_TABLE_CELLS = 200_000  # a table larger than this is not turned into JSON at all


# --- answers to plain data --------------------------------------------------------------

def plain(value, depth: int = 0):
    """A value as plain JSON data: {"kind": ..., "value": ...} (see grading/answers.py)."""
    import datetime as dt

    if value is Ellipsis:
        return {"kind": "blank"}
    if depth > 3:
        return {"kind": "other", "type": type(value).__name__[:100]}
    module = type(value).__module__ or ""
    if value is None or type(value) is bool:
        return {"kind": "json", "value": value}
    if type(value) is str:
        return {"kind": "json", "value": value[:10_000]}
    if type(value) in (int, float):
        finite = value == value and abs(value) != float("inf")
        if type(value) is int and abs(value) > 2**63:
            return {"kind": "json", "value": float(value) if abs(value) < 1e308 else repr(value)[:50], "float": True}
        return {"kind": "json", "value": value if finite else repr(value), "float": isinstance(value, float) and not finite}
    if module.startswith("numpy") and hasattr(value, "item") and getattr(value, "ndim", 1) == 0:
        return plain(value.item(), depth + 1)
    if module.startswith("pandas") and type(value).__name__ == "Timestamp":
        return {"kind": "timestamp", "value": value.isoformat()}
    if type(value) in (dt.datetime, dt.date):
        return {"kind": "timestamp", "value": value.isoformat()}
    if module.startswith("pandas") and type(value).__name__ in ("DataFrame", "Series"):
        if value.size > MAX_TABLE_CELLS:
            return {"kind": "unreadable", "type": type(value).__name__,
                    "message": f"the table has {value.size} cells; the grader reads at most {MAX_TABLE_CELLS}"}
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
    if type(value) in (list, tuple):
        return {"kind": type(value).__name__, "value": [plain(v, depth + 1) for v in value[:1000]]}
    if type(value) is dict and all(type(k) is str for k in value):
        return {"kind": "dict", "value": {k[:200]: plain(v, depth + 1) for k, v in list(value.items())[:1000]}}
    return {"kind": "other", "type": type(value).__name__[:100]}


# --- the runner -------------------------------------------------------------------------

class _Sink:
    """Where the student's print and display output goes: nowhere."""

    encoding = "utf-8"
    errors = "replace"

    def write(self, text):
        return len(text) if isinstance(text, str) else 0

    def flush(self):
        pass

    def isatty(self):
        return False

    def fileno(self):  # noqa: D102 - faulthandler and friends ask
        raise OSError("no file descriptor")


class _CellTimeout(BaseException):
    """Raised in a cell that runs past its time limit."""


class Runner:
    def __init__(self, program: dict, channel: int):
        self.program = program
        self.channel = channel
        self.wanted = dict(program.get("capture", {}))
        self.captured: set[str] = set()
        self.cell = -1

    def send(self, record: dict) -> None:
        line = json.dumps(record, default=str, allow_nan=False) + "\n"
        data = line.encode("utf-8", "replace")
        while data:
            data = data[os.write(self.channel, data):]

    def answer(self, exercise_id, value, via: str) -> None:
        if not isinstance(exercise_id, str) or exercise_id not in self.wanted:
            return  # a check the grader does not grade (or a made-up id): nothing to record
        try:
            data = plain(value)
            if len(json.dumps(data, allow_nan=False)) > MAX_ANSWER_BYTES:
                data = {"kind": "unreadable", "type": type(value).__name__[:100],
                        "message": f"the answer is larger than {MAX_ANSWER_BYTES // 2**20} MB as data"}
        except Exception as error:  # noqa: BLE001 - a hostile or odd object: say so, carry on
            data = {"kind": "unreadable", "type": type(value).__name__[:100], "message": str(error)[:200]}
        self.captured.add(exercise_id)
        self.send({"t": "answer", "id": exercise_id, "cell": self.cell, "via": via, "answer": data})

    def install(self) -> dict:
        """Import the course's package and put the recorder in place of its check."""
        import summitlab
        import summitlab.bundle
        import summitlab.checks

        def check(exercise_id=None, answer=..., *args, **kwargs):
            """While grading, a check records the answer for the grader and judges nothing."""
            self.answer(exercise_id, answer, "check")

        def no_op(*args, **kwargs):
            """Saving and restoring work do nothing while grading."""

        summitlab.check = summitlab.checks.check = check
        for module in (summitlab, summitlab.bundle):
            module.save_work = module.restore_work = no_op
        return {"check": check}

    def run(self) -> None:
        from IPython.core.interactiveshell import InteractiveShell

        shell = InteractiveShell.instance(history_length=0)
        shell.history_manager.enabled = False
        shell.display_formatter.active_types = []
        shell.displayhook.write_format_data = lambda *a, **k: None
        self.install()
        limit = float(self.program.get("cell_timeout", 60))
        signal.signal(signal.SIGALRM, _alarm)
        stopped = False
        for index, source in enumerate(self.program.get("cells", [])):
            self.cell = index
            self.send({"t": "cell", "n": index})
            _timed_out[0] = False
            signal.setitimer(signal.ITIMER_REAL, limit)
            try:
                result = shell.run_cell(source, store_history=False, silent=False)
            except BaseException as error:  # noqa: BLE001 - run_cell itself raised
                result = None
                failure = error
            else:
                failure = result.error_before_exec or result.error_in_exec
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            if _timed_out[0] or isinstance(failure, _CellTimeout):
                self.send({"t": "stop", "n": index, "why": "timeout"})
                stopped = True
                break
            if failure is not None:
                self.send({"t": "error", "n": index, "ename": type(failure).__name__[:100],
                           "evalue": str(failure)[:300]})
        if not stopped:
            self.cell = len(self.program.get("cells", []))
            for exercise_id, expression in self.wanted.items():
                if exercise_id in self.captured:
                    continue
                try:
                    value = eval(expression, shell.user_ns)  # the course's own expression, e.g. "n_2017"
                except NameError as error:
                    self.send({"t": "answer", "id": exercise_id, "cell": self.cell, "via": "end",
                               "answer": {"kind": "undefined", "message": str(error)[:200]}})
                    continue
                except BaseException as error:  # noqa: BLE001
                    self.send({"t": "answer", "id": exercise_id, "cell": self.cell, "via": "end",
                               "answer": {"kind": "unreadable", "type": type(error).__name__,
                                          "message": str(error)[:200]}})
                    continue
                self.answer(exercise_id, value, "end")
        self.send({"t": "done"})


_timed_out = [False]


def _alarm(signum, frame):
    _timed_out[0] = True
    raise _CellTimeout()


def main(argv: list[str]) -> int:
    with open(argv[0], encoding="utf-8") as handle:
        program = json.load(handle)
    sys.path.insert(0, program.get("course", os.path.dirname(os.path.abspath(__file__))))
    os.chdir(program.get("work", os.getcwd()))
    channel = os.dup(1)  # the records channel; the student's own prints go to the sink
    os.set_inheritable(channel, False)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    sys.stdout = sys.stderr = _Sink()
    try:
        Runner(program, channel).run()
    except BaseException as error:  # noqa: BLE001 - the runner's own failure, for the grader's log
        os.write(2, f"capture failed: {type(error).__name__}: {error}"[:500].encode("utf-8", "replace"))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
