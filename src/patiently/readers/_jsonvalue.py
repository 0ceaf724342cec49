"""One JSON record decoded safely: what Python's ``json`` accepts but JSON is not, and what
would fail far from the record it came in.

* **Nesting.** The decoder recurses once per level: a record of 5,000 ``{"a": ...}`` raises
  RecursionError (no JSONDecodeError), which would end the whole run. Such a record is
  refused (:data:`TOO_DEEP`), and so is one deeper than :data:`MAX_DEPTH` that did decode:
  every writer (``json.dumps`` of its metadata, the web app's encoder) recurses too, later,
  from a deeper stack.
* **Non-finite numbers.** ``NaN``, ``Infinity`` and numbers too large for a float
  (``1e999999``) decode, but are not JSON: kept, they make every JSON output invalid (or
  fail). :func:`replace_non_finite` sets them to null and says where, so a reader warns
  (an optional value) or refuses the record (a value it needs).
* **Integers of thousands of digits**: ``int()`` refuses them with a ValueError.

:func:`value_end` steps over a value without decoding it, so a stream can go on after one.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from ..textcheck import field_path, walk

# Real exports nest a dozen levels at most; this leaves room and stays far below the
# interpreter's recursion limit (1,000 frames), whatever the stack depth of a later writer.
MAX_DEPTH = 100
TOO_DEEP = f"nested too deeply (more than {MAX_DEPTH} levels of objects and lists)"
# (field, reason) of each value set to null, fields named as the readers name them
# (``messages[2].x``; None for the record itself).
Notes = list[tuple[str | None, str]]


class NotJson(ValueError):
    """A record that cannot be used at all: ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def decode_problem(exc: BaseException) -> str:
    """Why the decoder failed with ``exc`` (raised by ``json.loads``/``raw_decode``), worded
    for the user; JSONDecodeError is the caller's (it has a position to report)."""
    if isinstance(exc, RecursionError):
        return TOO_DEEP
    # CPython refuses to convert integers of more than 4,300 digits (sys.int_info).
    return f"invalid JSON: a number has too many digits ({exc})"


class Decoder(json.JSONDecoder):
    """Python's decoder, noting in ``non_finite`` whether what it decoded held a NaN, an
    Infinity or a number too large for a float: only then is the value searched for them
    (the hooks run for such numbers only, or for every float: cheaper than any search of
    the text). One per reader or call: the flag is per decoder."""

    def __init__(self) -> None:
        super().__init__(parse_float=self._float, parse_constant=self._constant)
        self.non_finite = False

    def _float(self, text: str) -> float:
        x = float(text)
        if not math.isfinite(x):
            self.non_finite = True
        return x

    def _constant(self, text: str) -> float:
        self.non_finite = True  # NaN, Infinity or -Infinity, which float() reads as such
        return float(text)


def loads(text: str) -> tuple[Any, Notes]:
    """One JSON text (a line) as its value, checked as the module doc says, with the notes of
    its non-finite numbers (now null). Raises :class:`NotJson` with the reason."""
    decoder = Decoder()
    try:
        value = decoder.decode(text)
    except json.JSONDecodeError as exc:
        raise NotJson(f"invalid JSON: {exc.msg} at column {exc.colno}") from None
    except (RecursionError, ValueError) as exc:
        raise NotJson(decode_problem(exc)) from None
    return value, check(value, text, non_finite=decoder.non_finite)


def check(value: Any, text: str, start: int = 0, end: int | None = None, *, field: str | None = None,
          non_finite: bool = True) -> Notes:
    """Refuse ``value`` (decoded from ``text[start:end]``, or from part of it) when it is
    nested too deeply (:class:`NotJson`), else set its non-finite numbers to null (when the
    decoder saw some: ``non_finite``) and return the notes, their fields under ``field``."""
    end = len(text) if end is None else end
    # Only a text with more brackets than the limit can be that deep: the cheap test first.
    if text.count("{", start, end) + text.count("[", start, end) > MAX_DEPTH and too_deep(value):
        raise NotJson(TOO_DEEP)
    return replace_non_finite(value, field) if non_finite else []


def too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """True when ``value`` has more than ``limit`` levels of objects and lists (textcheck.walk
    loops, so any depth the decoder allowed can be measured)."""
    return any(len(loc) >= limit and isinstance(item, dict | list) for loc, _, _, item in walk(value))


def replace_non_finite(value: Any, field: str | None = None) -> Notes:
    """Set every NaN and infinite float in ``value`` to None, in place, and return
    ``(field, reason)`` for each, in file order. A non-finite ``value`` itself is reported but
    cannot be replaced here: its caller treats the record as null."""
    notes: Notes = []
    for loc, parent, key, item in walk(value):
        if isinstance(item, float) and not math.isfinite(item):
            if parent is not None:
                parent[key] = None
            notes.append((field_path(loc, field) or None, not_json_number(item)))
    return notes


def finite(value: Any) -> Any:
    """``value``, or None for a non-finite float (which :func:`replace_non_finite` reports
    but, being the value itself, cannot replace)."""
    return None if isinstance(value, float) and not math.isfinite(value) else value


def not_json_number(x: float) -> str:
    """The reason a non-finite float was dropped, in the words of the file it came from."""
    if math.isnan(x):
        return "NaN is not valid JSON (JSON has no NaN); it was read as null"
    sign = "-" if x < 0 else ""
    return (f"{sign}Infinity, or a number too large to store (beyond ±1.8e308), is not valid JSON; "
            "it was read as null")


def required_reason(notes: Notes, field: str | None) -> str | None:
    """When ``field`` (one a reader needs, which it found missing) held a non-finite number
    now null, the reason to give instead of "missing ...": what the file really had."""
    for at, reason in notes:
        if at == field:
            return reason.replace("; it was read as null", "")
    return None


_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_STRUCTURE = re.compile(r'[\[\]{}"]')
_SCALAR = re.compile(r'[^\s,:\]}]*')


def value_end(text: str, pos: int) -> int | None:
    """Where the JSON value starting at ``text[pos]`` ends, found by matching brackets and
    quotes without decoding it (a loop: any depth); None when ``text`` ends first."""
    if pos >= len(text):
        return None
    first = text[pos]
    if first == '"':
        m = _STRING.match(text, pos)
        return m.end() if m else None
    if first not in "[{":
        return _SCALAR.match(text, pos).end()  # type: ignore[union-attr]
    depth, i = 0, pos
    while (m := _STRUCTURE.search(text, i)) is not None:
        if m.group() == '"':
            s = _STRING.match(text, m.start())
            if s is None:
                return None
            i = s.end()
            continue
        depth += 1 if m.group() in "[{" else -1
        i = m.end()
        if depth == 0:
            return i
    return None
