"""Errors in plain words: one extra line above the traceback for the errors students meet most.

    import summitlab as sl
    sl.explain_errors()        # on (sl.use_theme() also switches it on)
    sl.explain_errors(False)   # off

It uses IPython's documented hook, ``InteractiveShell.set_custom_exc``: for the error types
below, IPython calls :func:`_handler`, which prints one line starting with "In plain words:"
and then shows IPython's own traceback, unchanged. An error the helper does not recognise
gets no extra line. The helper never raises: if explaining fails, the traceback alone is shown.
Outside IPython (a script, the test runner) it does nothing.

The warnings pandas gives for chained assignment (``SettingWithCopyWarning`` in pandas 2,
``ChainedAssignmentError`` in pandas 3) are warnings, not errors; a ``warnings.showwarning``
wrapper adds the same kind of line above them.
"""

from __future__ import annotations

import difflib
import re
import sys
import warnings
from typing import Any

PREFIX = "In plain words: "
_STATE: dict[str, Any] = {"shell": None, "showwarning": None}


def _shell():
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with Jupyter
        return None
    return get_ipython()


def _handled_types() -> tuple:
    """Error types the hook receives; anything else never reaches the helper."""
    types = [KeyError, NameError, TypeError, ValueError, AttributeError]
    try:
        from altair.utils.schemapi import SchemaValidationError
        types.append(SchemaValidationError)
    except ImportError:  # pragma: no cover
        pass
    return tuple(types)


# --- recognising an error ------------------------------------------------------------------

def _did_you_mean(close: list[str], quote: bool = True) -> str:
    if not close:
        return ""
    return " Did you mean " + " or ".join(repr(c) if quote else c for c in close) + "?"


def _columns_near(shell, missing: str) -> list[str]:
    """Column names close to ``missing`` in any DataFrame the student has defined."""
    import pandas as pd

    names: set[str] = set()
    for value in list((shell.user_ns if shell is not None else {}).values()):
        if isinstance(value, pd.DataFrame):
            names.update(str(c) for c in value.columns)
    return difflib.get_close_matches(missing, sorted(names), n=3, cutoff=0.6)


_DATE_COMPARE = re.compile(
    r"Invalid comparison between dtype=datetime64\S* and (str|int|float)"
    r"|not supported between instances of '(Timestamp|datetime\.date(?:time)?)' and '(str|int|float)'"
    r"|not supported between instances of '(str|int|float)' and '(Timestamp|datetime\.date(?:time)?)'")
# pandas' & and | on a condition written without parentheses: `a == 'x' & b > 1` reads as
# `a == ('x' & b) > 1`, and pandas refuses 'x' & b (its rand_ / ror_ operations) with a TypeError.
_UNBRACKETED = re.compile(r"'r?(and|or|xor)_'|unsupported operand type\(s\) for [&|^]:")
_PERIOD_JSON = re.compile(r"Can't clean for JSON: Period\(|Object of type Period is not JSON serializable")
_CHANNELS = ("x", "y", "x2", "y2", "color", "fill", "stroke", "opacity", "size", "shape",
             "tooltip", "text", "theta", "radius", "row", "column", "facet", "detail", "order",
             "href", "strokeDash")


def explain(error: BaseException, shell=None) -> str | None:
    """The plain-language line for ``error``, or None when the helper does not recognise it."""
    text = str(error)
    altair = _altair_line(error, shell)
    if altair:
        return altair
    if type(error) is KeyError and error.args and isinstance(error.args[0], str):
        missing = error.args[0]
        close = _columns_near(shell, missing)
        line = f"there is no column (or row label) called {missing!r}."
        return line + (_did_you_mean(close) or " Check its spelling and capitals against table.columns.")
    if type(error) is NameError and getattr(error, "name", None):
        if set(error.name) == {"_"}:
            return "a ____ blank from the skeleton is still there: replace each ____ with your code."
        return (f"Python does not know {error.name!r} yet. If a cell above defines it, run the cells "
                f"above first (Run > Run All Above Selected Cell); otherwise check its spelling.")
    if type(error) is ValueError and "truth value of a Series is ambiguous" in text:
        return ("`and`, `or` and `not` cannot combine whole columns: use & (and), | (or) and "
                "~ (not), with each condition in parentheses: table[(a > 1) & (b == 'x')].")
    if type(error) is TypeError and _UNBRACKETED.search(text):
        return ("& and | bind more tightly than ==, < and >, so a > 1 & b < 3 reads as a > (1 & b) < 3: "
                "put each condition in parentheses, table[(a > 1) & (b < 3)].")
    if type(error) is TypeError and _DATE_COMPARE.search(text):
        return ("a date can only be compared with a date: write pd.Timestamp('2018-06-12') "
                "(year-month-day), or compare one part of it, e.g. table['date'].dt.year == 2018.")
    return None


def _reworded(text: str, pattern: str, line: str) -> str | None:
    """``line`` with the groups of ``pattern`` in {0}, {1}, if ``text`` (Altair's message) has it; else None."""
    found = re.search(pattern, text)
    return line.format(*found.groups()) if found else None


def _altair_line(error: BaseException, shell=None) -> str | None:
    """A line for an error Altair raised while building or drawing a chart, else None."""
    text = str(error)
    module = type(error).__module__
    if type(error) in (TypeError, ValueError) and _PERIOD_JSON.search(text):
        return ("a chart cannot show a pandas Period (what .dt.to_period() makes): it is sent to the browser "
                "as JSON, which has no form for it. Turn the column into dates first, e.g. "
                "table['month'] = table['month'].dt.to_timestamp().")
    if module.startswith("altair"):  # SchemaValidationError: a value or parameter Altair refused
        return (_reworded(text, r"'([^']*)' is an invalid value for `(\w+)`",
                          "Altair does not accept {0!r} as the value of `{1}`; the lines below list the values "
                          "it does accept.")
                or _reworded(text, r"`(\w+)` has no parameter named '(\w+)'",
                             "{1!r} is not a setting of `{0}` in Altair: check its spelling against the list of "
                             "parameter names below.")
                or "Altair found a problem in the chart's specification; the last lines below say where.")
    if type(error) is ValueError:
        line = _reworded(text, r'"([^"]*)" is not one of the valid encoding data types',
                         "{0!r} is not an encoding type: after the colon write Q (number), T (date), N (label) "
                         "or O (ordered label), e.g. 'year:O'.")
        if line:
            return line
        found = re.search(r'Unable to determine data type for the field "([^"]*)"', text)
        if found:
            hint = _did_you_mean(_columns_near(shell, found.group(1)))
            return (f"Altair finds no column {found.group(1)!r} in the chart's table, or it needs a type "
                    f"('column:Q', ':T', ':N' or ':O').{hint}")
    if type(error) is TypeError:
        found = re.search(r"encode\(\) got an unexpected keyword argument '(\w+)'", text)
        if found:
            hint = _did_you_mean(difflib.get_close_matches(found.group(1), _CHANNELS, n=2), quote=False)
            return f"{found.group(1)!r} is not an encoding channel of Altair (x, y, color, tooltip…).{hint}"
    if type(error) is AttributeError:
        found = re.search(r"'(Chart|LayerChart)' object has no attribute '(\w+)'", text)
        if found:
            import altair as alt

            methods = [name for name in dir(alt.Chart) if not name.startswith("_")]
            hint = _did_you_mean(difflib.get_close_matches(found.group(2), methods, n=2), quote=False)
            return f"an Altair chart has no method {found.group(2)!r}.{hint}"
    return None


# --- showing it ----------------------------------------------------------------------------

def _say(value, shell) -> None:
    try:
        line = explain(value, shell)
        if line:
            print(PREFIX + line, file=sys.stderr, flush=True)
    except Exception:  # explaining must never get in the way of the error itself
        pass


def _handler(shell, etype, value, tb, tb_offset=None):
    """IPython's custom-exception hook: one plain line, then IPython's own traceback."""
    _say(value, shell)
    _STATE["showtraceback"]((etype, value, tb), tb_offset=tb_offset)


def _display_showtraceback(exc_tuple=None, *args, **kwargs):
    """For errors raised while a chart is drawn (IPython's formatters report them here)."""
    shell = _STATE["shell"]
    try:
        value = (exc_tuple or sys.exc_info())[1]
        if value is not None and _altair_line(value):
            _say(value, shell)
    except Exception:
        pass
    return _STATE["showtraceback"](exc_tuple, *args, **kwargs)


_CHAINED = ("SettingWithCopyWarning", "ChainedAssignmentError")


def _showwarning(message, category, filename, lineno, file=None, line=None):
    try:
        if category.__name__ in _CHAINED:
            print(PREFIX + "this changes a copy of part of a table, so the table itself may not "
                  "change. Set values in one step with .loc: table.loc[rows, 'column'] = value, "
                  "or make the part a table of its own with .copy().", file=sys.stderr)
    except Exception:
        pass
    _STATE["showwarning"](message, category, filename, lineno, file, line)


def explain_errors(on: bool = True) -> bool:
    """Switch the plain-language line on (default) or off. Returns whether it is now on.

    Does nothing (and returns False) outside IPython.
    """
    shell = _shell()
    if _STATE["shell"] is not None:  # undo first, so that switching on twice is harmless
        old = _STATE["shell"]
        old.set_custom_exc((), None)
        if old.__dict__.get("showtraceback") is _display_showtraceback:
            del old.showtraceback
        warnings.showwarning = _STATE["showwarning"]
        _STATE.update(shell=None, showwarning=None, showtraceback=None)
    if not on or shell is None:
        return False
    _STATE.update(shell=shell, showwarning=warnings.showwarning, showtraceback=shell.showtraceback)
    shell.set_custom_exc(_handled_types(), _handler)
    shell.showtraceback = _display_showtraceback
    warnings.showwarning = _showwarning
    return True
