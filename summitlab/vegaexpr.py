"""A small, safe evaluator for the Vega expressions students write in chart filters and
calculations (``"datum.year == 2017 && month(datum.date) < 6"``), so that a check can compute
what a chart would draw without a renderer.

It parses the subset of the Vega expression language the course and its exercises use, with a
tokenizer and a recursive-descent parser, and evaluates the tree row by row over plain
dictionaries. Nothing is ever passed to Python's ``eval``: a name that is not a field of
``datum``, a parameter or a known function is an error. JavaScript's rules are followed where
they change what a chart draws: months count from 0, ``===`` compares without conversion,
comparing a date with text gives false, ``&&`` and ``||`` return one of their operands.

Covered: number, string, boolean, null and regular-expression literals; ``datum.field`` and
``datum["field"]``; parameters by name; ``! - + ~``; ``* / % + -``; ``<< >> >>>``;
``< <= > >= == != === !==``; ``& ^ |`` (bitwise, on 32-bit integers, as in JavaScript: a filter
``datum.a > 1 & datum.b < 3`` gives 1 or 0 and keeps the rows ``&&`` would); ``&& ||``; ``?:``;
array literals; and the functions in :data:`FUNCTIONS` (dates and times,
text, ``indexof``, ``test``, maths, type tests). Anything else raises :class:`Unsupported`,
which the checks report as "could not compute the chart's data".
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

__all__ = ["Unsupported", "evaluate", "parse", "to_date", "truthy"]

MAX_LENGTH = 2000  # characters of one expression
MAX_PATTERN = 200  # characters of one regular expression
MAX_DEPTH = 60  # nesting of brackets and operators


class Unsupported(ValueError):
    """The expression uses something this evaluator does not know, or is malformed."""


class _Undefined:
    """JavaScript's ``undefined``: what a missing field reads as."""

    def __repr__(self) -> str:
        return "undefined"


UNDEFINED = _Undefined()

# --- tokens ---------------------------------------------------------------------------------

# Longest first: ">>>" before ">>" before ">=" before ">", "&&" before "&".
_PUNCTUATION = ("===", "!==", ">>>", "==", "!=", "<=", ">=", "<<", ">>", "&&", "||", "<", ">", "&", "|", "^",
                "~", "+", "-", "*", "/", "%", "!", "?", ":", "(", ")", "[", "]", ",", ".")
_NUMBER = re.compile(r"0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_NAME = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")


def _tokens(text: str) -> list[tuple[str, Any]]:
    if not isinstance(text, str) or len(text) > MAX_LENGTH:
        raise Unsupported("the expression is not text, or is too long")
    out: list[tuple[str, Any]] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
            continue
        if char in "'\"":
            value, i = _string(text, i)
            out.append(("str", value))
            continue
        if char == "/" and _operand_expected(out):
            end = text.find("/", i + 1)
            while end > 0 and text[end - 1] == "\\":
                end = text.find("/", end + 1)
            if end < 0:
                raise Unsupported("an unfinished regular expression")
            flags = _NAME.match(text, end + 1)
            out.append(("regex", (text[i + 1:end], flags.group(0) if flags else "")))
            i = end + 1 + (len(flags.group(0)) if flags else 0)
            continue
        number = _NUMBER.match(text, i)
        if number and (char.isdigit() or char == "."):
            raw = number.group(0)
            out.append(("num", float(int(raw, 16)) if raw[:2].lower() == "0x" else float(raw)))
            i = number.end()
            continue
        name = _NAME.match(text, i)
        if name:
            out.append(("name", name.group(0)))
            i = name.end()
            continue
        for punct in _PUNCTUATION:
            if text.startswith(punct, i):
                out.append(("op", punct))
                i += len(punct)
                break
        else:
            raise Unsupported(f"unexpected character {char!r}")
    out.append(("end", None))
    return out


def _operand_expected(tokens: list) -> bool:
    if not tokens:
        return True
    kind, value = tokens[-1]
    return kind == "op" and value not in (")", "]")


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def _string(text: str, start: int) -> tuple[str, int]:
    quote, i, chars = text[start], start + 1, []
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt == "u" and i + 5 < len(text):
                chars.append(chr(int(text[i + 2:i + 6], 16)))
                i += 6
                continue
            chars.append(_ESCAPES.get(nxt, nxt))
            i += 2
            continue
        if char == quote:
            return "".join(chars), i + 1
        chars.append(char)
        i += 1
    raise Unsupported("an unfinished string")


# --- parser: a tree of tuples ----------------------------------------------------------------

# Loosest first, as JavaScript binds them: a comparison binds more tightly than &, so
# "datum.a > 1 & datum.b < 3" is (datum.a > 1) & (datum.b < 3), a bitwise AND of two booleans.
_BINARY = [("||",), ("&&",), ("|",), ("^",), ("&",), ("==", "!=", "===", "!=="), ("<", "<=", ">", ">="),
           ("<<", ">>", ">>>"), ("+", "-"), ("*", "/", "%")]


class _Parser:
    def __init__(self, text: str):
        self.tokens = _tokens(text)
        self.at = 0
        self.depth = 0

    def peek(self) -> tuple[str, Any]:
        return self.tokens[self.at]

    def take(self, kind: str | None = None, value: Any = None) -> tuple[str, Any]:
        token = self.tokens[self.at]
        if (kind and token[0] != kind) or (value is not None and token[1] != value):
            raise Unsupported(f"expected {value or kind}, found {token[1]!r}")
        self.at += 1
        return token

    def is_op(self, *values: str) -> bool:
        kind, value = self.peek()
        return kind == "op" and value in values

    def expression(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise Unsupported("the expression is nested too deeply")
        try:
            return self._expression()
        finally:
            self.depth -= 1

    def _expression(self):
        test = self.binary(0)
        if self.is_op("?"):
            self.take()
            yes = self.expression()
            self.take("op", ":")
            no = self.expression()
            return ("if", test, yes, no)
        return test

    def binary(self, level: int):
        if level == len(_BINARY):
            return self.unary()
        left = self.binary(level + 1)
        while self.is_op(*_BINARY[level]):
            op = self.take()[1]
            left = ("bin", op, left, self.binary(level + 1))
        return left

    def unary(self):
        if self.is_op("!", "-", "+", "~"):
            op = self.take()[1]
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise Unsupported("the expression is nested too deeply")
            try:
                return ("unary", op, self.unary())
            finally:
                self.depth -= 1
        return self.postfix(self.primary())

    def postfix(self, node):
        while True:
            if self.is_op("."):
                self.take()
                node = ("get", node, ("lit", self.take("name")[1]))
            elif self.is_op("["):
                self.take()
                key = self.expression()
                self.take("op", "]")
                node = ("get", node, key)
            elif self.is_op("(") and node[0] == "name":
                self.take()
                args = []
                while not self.is_op(")"):
                    args.append(self.expression())
                    if not self.is_op(")"):
                        self.take("op", ",")
                self.take("op", ")")
                node = ("call", node[1], args)
            else:
                return node

    def primary(self):
        kind, value = self.take()
        if kind in ("num", "str"):
            return ("lit", value)
        if kind == "regex":
            return ("regex", value)
        if kind == "name":
            return {"true": ("lit", True), "false": ("lit", False), "null": ("lit", None),
                    "undefined": ("lit", UNDEFINED), "NaN": ("lit", math.nan),
                    "Infinity": ("lit", math.inf)}.get(value, ("name", value))
        if kind == "op" and value == "(":
            inner = self.expression()
            self.take("op", ")")
            return inner
        if kind == "op" and value == "[":
            items = []
            while not self.is_op("]"):
                items.append(self.expression())
                if not self.is_op("]"):
                    self.take("op", ",")
            self.take("op", "]")
            return ("array", items)
        raise Unsupported(f"unexpected {value!r}")


def parse(text: str):
    """The expression's tree; raises :class:`Unsupported` on anything outside the subset."""
    parser = _Parser(text)
    tree = parser.expression()
    parser.take("end")
    return tree


# --- JavaScript values -------------------------------------------------------------------------

def _missing(value: Any) -> bool:
    return value is None or value is UNDEFINED or value is pd.NA or value is pd.NaT


def truthy(value: Any) -> bool:
    if _missing(value):
        return False
    if isinstance(value, float):
        return not (value == 0 or math.isnan(value))
    if isinstance(value, (bool, int)):
        return bool(value)
    if isinstance(value, str):
        return value != ""
    return True


def to_number(value: Any) -> float:
    if value is None or value is pd.NA:
        return 0.0 if value is None else math.nan
    if value is UNDEFINED or value is pd.NaT:
        return math.nan
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, pd.Timestamp):
        return value.value / 1e6  # milliseconds since 1970, as a JavaScript Date
    if isinstance(value, str):
        text = value.strip()
        if text == "":
            return 0.0
        try:
            return float(int(text, 16)) if text[:2].lower() == "0x" else float(text)
        except ValueError:
            return math.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def to_string(value: Any) -> str:
    if value is None:
        return "null"
    if value is UNDEFINED:
        return "undefined"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if value.is_integer() and abs(value) < 1e21:
            return str(int(value))
        return repr(value)
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, list):
        return ",".join("" if _missing(v) else to_string(v) for v in value)
    return str(value)


def to_date(value: Any) -> pd.Timestamp | None:
    """What ``new Date(value)`` gives (None for an invalid date). Naive times are read as the
    chart's clock, as the course's charts are."""
    if isinstance(value, pd.Timestamp):
        return value
    if _missing(value) or isinstance(value, bool):
        return None
    try:
        if isinstance(value, (int, float)):
            return None if math.isnan(value) else pd.Timestamp(int(value), unit="ms")
        stamp = pd.Timestamp(str(value))
    except (ValueError, TypeError, OverflowError):
        return None
    if pd.isna(stamp):
        return None
    return stamp.tz_convert("UTC").tz_localize(None) if stamp.tzinfo is not None else stamp


def _equal(a: Any, b: Any, strict: bool) -> bool:
    if strict:
        if isinstance(a, bool) or isinstance(b, bool):
            return type(a) is type(b) and a == b
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            return float(a) == float(b)
        if isinstance(a, str) and isinstance(b, str):
            return a == b
        if _missing(a) or _missing(b):
            return (a is UNDEFINED) == (b is UNDEFINED) and _missing(a) and _missing(b)
        return a is b  # two Date objects are equal only if they are the same object
    if _missing(a) or _missing(b):
        return _missing(a) and _missing(b)
    if isinstance(a, str) and isinstance(b, str):
        return a == b
    if isinstance(a, pd.Timestamp) and isinstance(b, pd.Timestamp):
        return a is b
    if isinstance(a, pd.Timestamp) or isinstance(b, pd.Timestamp):
        other = b if isinstance(a, pd.Timestamp) else a
        stamp = a if isinstance(a, pd.Timestamp) else b
        if isinstance(other, str):
            return to_string(stamp) == other
    return to_number(a) == to_number(b)


def _compare(op: str, a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        x, y = a, b
    else:
        x, y = to_number(a), to_number(b)
        if math.isnan(x) or math.isnan(y):
            return False
    return {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y}[op]


def _arithmetic(op: str, a: Any, b: Any) -> Any:
    if op == "+" and (isinstance(a, (str, list)) or isinstance(b, (str, list))):
        return to_string(a) + to_string(b)
    x, y = to_number(a), to_number(b)
    if op == "+":
        return x + y
    if op == "-":
        return x - y
    if op == "*":
        return x * y
    if op == "/":
        if y == 0:
            return math.nan if x == 0 or math.isnan(x) else math.copysign(math.inf, x) * math.copysign(1, y)
        return x / y
    if y == 0 or math.isnan(x) or math.isnan(y) or math.isinf(x):
        return math.nan
    return math.fmod(x, y)


def to_int32(value: Any) -> int:
    """JavaScript's ToInt32: the number truncated towards zero, wrapped to a signed 32-bit
    integer; NaN and the infinities give 0 (``true & 1`` is 1, ``'abc' | 0`` is 0)."""
    x = to_number(value)
    if math.isnan(x) or math.isinf(x):
        return 0
    n = int(x) % 2**32  # int() truncates towards zero, as JavaScript does
    return n - 2**32 if n >= 2**31 else n


def _bitwise(op: str, a: Any, b: Any) -> float:
    """``& | ^ << >> >>>`` as JavaScript computes them, on 32-bit integers; the result is a number."""
    x = to_int32(a)
    if op in ("<<", ">>", ">>>"):
        shift = to_int32(b) & 31  # JavaScript uses only the low five bits of the count
        if op == ">>>":
            return float((x % 2**32) >> shift)
        return float(to_int32(x << shift) if op == "<<" else x >> shift)
    y = to_int32(b)
    return float({"&": x & y, "|": x | y, "^": x ^ y}[op])


# --- functions -----------------------------------------------------------------------------------

def _date_part(part: str) -> Callable[[Any], float]:
    def get(value: Any) -> float:
        stamp = to_date(value)
        if stamp is None:
            return math.nan
        if part == "year":
            return float(stamp.year)
        if part == "quarter":
            return float((stamp.month - 1) // 3 + 1)
        if part == "month":
            return float(stamp.month - 1)  # JavaScript counts months from 0
        if part == "date":
            return float(stamp.day)
        if part == "day":
            return float((stamp.day_of_week + 1) % 7)  # Sunday is 0
        if part == "dayofyear":
            return float(stamp.day_of_year)
        return float({"hours": stamp.hour, "minutes": stamp.minute, "seconds": stamp.second,
                      "milliseconds": stamp.microsecond // 1000}[part])
    return get


def _datetime(*parts: Any) -> pd.Timestamp | float:
    numbers = [to_number(p) for p in parts] + [0.0] * (7 - len(parts))
    if len(parts) < 1 or any(math.isnan(n) for n in numbers):
        return math.nan
    year, month, day, hours, minutes, seconds, ms = numbers
    day = day if len(parts) >= 3 else 1.0
    try:
        return (pd.Timestamp(int(year), 1, 1) + pd.DateOffset(months=int(month))
                + pd.Timedelta(days=day - 1, hours=hours, minutes=minutes, seconds=seconds, milliseconds=ms))
    except (ValueError, OverflowError):
        return math.nan


# Patterns that can take exponential time (catastrophic backtracking): a repeated group that
# itself repeats or alternates, as in (a+)+ or (a|aa)*. The grader judges charts in its own
# process, so a hostile pattern must not be run.
_NESTED_QUANTIFIER = re.compile(r"\([^)]*[+*}|?][^)]*\)\s*[+*{]")


def _regex(pattern: Any, flags: str = "") -> re.Pattern:
    if isinstance(pattern, re.Pattern):
        return pattern
    text = to_string(pattern)
    if len(text) > MAX_PATTERN or _NESTED_QUANTIFIER.search(text) or re.search(r"\\[1-9]", text):
        raise Unsupported("a regular expression this check does not run (too long, or nested repetition)")
    options = (re.IGNORECASE if "i" in flags else 0) | (re.MULTILINE if "m" in flags else 0) | \
        (re.DOTALL if "s" in flags else 0)
    try:
        return re.compile(text, options)
    except re.error as error:
        raise Unsupported(f"an invalid regular expression ({error})") from None


def _indexof(container: Any, item: Any) -> float:
    if isinstance(container, list):
        for i, value in enumerate(container):
            if _equal(value, item, strict=True):
                return float(i)
        return -1.0
    if isinstance(container, str):
        return float(container.find(to_string(item)))
    raise Unsupported("indexof() needs text or an array")


def _substring(text: Any, start: Any, end: Any = UNDEFINED) -> str:
    text = to_string(text)
    a = 0 if math.isnan(to_number(start)) else int(max(0, min(len(text), to_number(start))))
    b = len(text) if end is UNDEFINED else (0 if math.isnan(to_number(end)) else
                                            int(max(0, min(len(text), to_number(end)))))
    return text[min(a, b):max(a, b)]


def _slice(value: Any, start: Any, end: Any = UNDEFINED) -> Any:
    if not isinstance(value, (str, list)):
        value = to_string(value)
    n = len(value)

    def index(v: Any, default: int) -> int:
        if v is UNDEFINED:
            return default
        k = to_number(v)
        k = 0 if math.isnan(k) else int(k)
        return max(0, n + k) if k < 0 else min(k, n)

    return value[index(start, 0):index(end, n)]


def _replace(text: Any, pattern: Any, replacement: Any) -> str:
    text, replacement = to_string(text), to_string(replacement)
    if isinstance(pattern, tuple):  # a regular expression literal with its flags
        compiled = _regex(pattern[0], pattern[1])
        return compiled.sub(lambda m: replacement, text, count=0 if "g" in pattern[1] else 1)
    return text.replace(to_string(pattern), replacement, 1)


def _round(value: Any) -> float:
    x = to_number(value)
    return x if math.isnan(x) or math.isinf(x) else float(math.floor(x + 0.5))


def _math(fn: Callable[[float], float]) -> Callable[[Any], float]:
    def apply(value: Any) -> float:
        x = to_number(value)
        try:
            return float(fn(x))
        except (ValueError, OverflowError):
            return math.nan
    return apply


def _is_valid(value: Any) -> bool:
    return not _missing(value) and not (isinstance(value, float) and math.isnan(value))


def _is_date_like(value: Any) -> bool:
    return isinstance(value, pd.Timestamp)


def _split(text: Any, separator: Any = UNDEFINED, limit: Any = UNDEFINED) -> list:
    parts = [to_string(text)] if separator is UNDEFINED else (
        list(to_string(text)) if to_string(separator) == "" else to_string(text).split(to_string(separator)))
    return parts if limit is UNDEFINED else parts[:max(int(to_number(limit)), 0)]


def _inrange(value: Any, bounds: Any) -> bool:
    """Vega's inrange(value, [a, b]): a <= value <= b, whichever of a and b is the larger."""
    if not isinstance(bounds, list) or len(bounds) < 2:
        raise Unsupported("inrange() needs a range of two values")
    low, high, x = to_number(bounds[0]), to_number(bounds[-1]), to_number(value)
    return min(low, high) <= x <= max(low, high)


def _parse_number(text: Any, integer: bool) -> float:
    """JavaScript's parseFloat / parseInt (base 10): the leading number of the text, else NaN."""
    pattern = r"[+-]?\d+" if integer else r"[+-]?(\d+\.?\d*(e[+-]?\d+)?|\.\d+(e[+-]?\d+)?)"
    found = re.match(pattern, to_string(text).strip(), re.IGNORECASE)
    return float(found.group(0)) if found else math.nan


FUNCTIONS: dict[str, Callable[..., Any]] = {
    **{name: _date_part(name) for name in
       ("year", "quarter", "month", "date", "day", "dayofyear", "hours", "minutes", "seconds", "milliseconds")},
    **{f"utc{name}": _date_part(name) for name in
       ("year", "quarter", "month", "date", "day", "dayofyear", "hours", "minutes", "seconds", "milliseconds")},
    "datetime": _datetime, "utc": _datetime,
    "time": lambda v: (to_number(to_date(v)) if to_date(v) is not None else math.nan),
    "toDate": lambda v: to_date(v) if not _missing(v) else None,
    "toNumber": lambda v: None if _missing(v) else to_number(v),
    "toString": lambda v: None if _missing(v) else to_string(v),
    "toBoolean": lambda v: None if _missing(v) else truthy(v),
    "isValid": _is_valid,
    "isNaN": lambda v: math.isnan(to_number(v)),
    "isFinite": lambda v: math.isfinite(to_number(v)),
    "isDate": _is_date_like,
    "isNumber": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "isString": lambda v: isinstance(v, str),
    "isBoolean": lambda v: isinstance(v, bool),
    "isArray": lambda v: isinstance(v, list),
    "indexof": _indexof,
    "lastindexof": lambda c, i: (float(c.rfind(to_string(i))) if isinstance(c, str) else
                                 max([float(k) for k, v in enumerate(c) if _equal(v, i, True)] or [-1.0])
                                 if isinstance(c, list) else _indexof(c, i)),
    "test": lambda pattern, text=UNDEFINED: bool(_regex(*pattern if isinstance(pattern, tuple) else (pattern,))
                                                 .search(to_string(text))),
    "regexp": lambda pattern, flags="": (to_string(pattern), to_string(flags)),
    "length": lambda v: float(len(v)) if isinstance(v, (str, list)) else math.nan,
    "lower": lambda v: to_string(v).lower(),
    "upper": lambda v: to_string(v).upper(),
    "trim": lambda v: to_string(v).strip(),
    "substring": _substring,
    "slice": _slice,
    "replace": _replace,
    "pad": lambda v, n, c=" ", a="right": to_string(v).ljust(int(to_number(n)), to_string(c)[:1] or " "),
    "abs": _math(abs), "floor": _math(math.floor), "ceil": _math(math.ceil), "round": _round,
    "sqrt": _math(math.sqrt), "exp": _math(math.exp), "log": _math(math.log),
    "pow": lambda a, b: _math(lambda x: x ** to_number(b))(a),
    "min": lambda *v: min((to_number(x) for x in v), default=math.inf),
    "max": lambda *v: max((to_number(x) for x in v), default=-math.inf),
    "clamp": lambda v, lo, hi: max(to_number(lo), min(to_number(hi), to_number(v))),
    "split": _split,
    "join": lambda items, separator=",": to_string(separator).join(
        "" if _missing(v) else to_string(v) for v in items) if isinstance(items, list) else to_string(items),
    "inrange": _inrange,
    "parseFloat": lambda v: _parse_number(v, integer=False),
    "parseInt": lambda v, base=10: _parse_number(v, integer=True) if to_number(base) == 10 else math.nan,
    "if": None,  # evaluated lazily, below
}
CONSTANTS = {"PI": math.pi, "E": math.e, "LN2": math.log(2), "LN10": math.log(10),
             "SQRT2": math.sqrt(2), "MAX_VALUE": 1.7976931348623157e308, "MIN_VALUE": 5e-324}


def evaluate(tree: Any, datum: Mapping[str, Any], params: Mapping[str, Any] | None = None) -> Any:
    """Evaluate a parsed expression for one row (``datum``), with named parameter values."""
    params = params or {}
    kind = tree[0]
    if kind == "lit":
        return tree[1]
    if kind == "regex":
        return tree[1]
    if kind == "name":
        name = tree[1]
        if name == "datum":
            return datum
        if name in params:
            return params[name]
        if name in CONSTANTS:
            return CONSTANTS[name]
        raise Unsupported(f"the name {name!r} is not a field, parameter or constant")
    if kind == "array":
        return [evaluate(item, datum, params) for item in tree[1]]
    if kind == "get":
        target = evaluate(tree[1], datum, params)
        key = evaluate(tree[2], datum, params)
        if isinstance(target, Mapping):
            return target.get(to_string(key), UNDEFINED)
        if isinstance(target, (list, str)):
            if key == "length":
                return float(len(target))
            index = to_number(key)
            if not math.isnan(index) and index.is_integer() and 0 <= index < len(target):
                return target[int(index)]
            return UNDEFINED
        if _missing(target):
            raise Unsupported("a field of a missing value was read")
        return UNDEFINED
    if kind == "unary":
        value = evaluate(tree[2], datum, params)
        return {"!": lambda: not truthy(value), "-": lambda: -to_number(value), "+": lambda: to_number(value),
                "~": lambda: float(~to_int32(value))}[tree[1]]()
    if kind == "if":
        return evaluate(tree[2] if truthy(evaluate(tree[1], datum, params)) else tree[3], datum, params)
    if kind == "bin":
        op, left = tree[1], evaluate(tree[2], datum, params)
        if op == "&&":
            return evaluate(tree[3], datum, params) if truthy(left) else left
        if op == "||":
            return left if truthy(left) else evaluate(tree[3], datum, params)
        right = evaluate(tree[3], datum, params)
        if op in ("==", "!=", "===", "!=="):
            same = _equal(left, right, strict=len(op) == 3)
            return same if op[0] == "=" else not same
        if op in ("<", "<=", ">", ">="):
            return _compare(op, left, right)
        if op in ("&", "|", "^", "<<", ">>", ">>>"):
            return _bitwise(op, left, right)
        return _arithmetic(op, left, right)
    if kind == "call":
        name, args = tree[1], tree[2]
        if name == "if":
            if len(args) != 3:
                raise Unsupported("if() takes three arguments")
            return evaluate(args[1] if truthy(evaluate(args[0], datum, params)) else args[2], datum, params)
        function = FUNCTIONS.get(name)
        if function is None:
            raise Unsupported(f"the function {name}() is not one this check evaluates")
        values = [evaluate(arg, datum, params) for arg in args]
        try:
            return function(*values)
        except TypeError:
            raise Unsupported(f"{name}() was called with the wrong number of arguments") from None
    raise Unsupported("an expression this check does not evaluate")
