"""Records out of a JSON export, streamed, each with the line it starts on.

Help desks export in three shapes, all handled here without loading the file whole:

* JSON Lines / NDJSON: one record per line (read line by line, like the canonical reader:
  a broken line costs that line only);
* a JSON array of records: ``[{...}, {...}]``, pretty-printed or on one huge line;
* a wrapper object holding the array next to other keys, as list APIs answer:
  ``{"tickets": [...], "users": [...], "next_page": ...}``. The arrays under ``record_keys``
  are streamed record by record; every other key's value is kept as *side data* (Zendesk's
  sideloaded ``users`` say who is an agent). An object without such an array is one record.

Arrays and wrappers are read in chunks and cut with :meth:`json.JSONDecoder.raw_decode` (C
speed), so memory holds one record at a time. A syntax error inside such a document cannot
be skipped safely (where would the next record start?), so it ends the file with one error
naming the line; every record before it has been read. A record that decodes but cannot be
used (nested too deeply, a number of thousands of digits: see :mod:`._jsonvalue`) costs only
itself: the reader steps over it and goes on. Non-finite numbers (``NaN``) are read as null
and listed in the record's ``notes``.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import IO, Any

from ._common import iter_lines
from ._jsonvalue import Decoder, Notes, NotJson, check, decode_problem, finite, value_end

CHUNK = 1 << 20
NDJSON_PROBE = 2 << 20
_WS = re.compile(r"[ \t\n\r]*")


@dataclass
class Item:
    """One record (``value``), or a problem that cost the record (``problem``, about
    the field ``at`` when known), at ``line``. ``notes``: the record's non-finite numbers, now null."""

    line: int
    value: Any = None
    problem: str | None = None
    at: str | None = None
    notes: Notes = field(default_factory=list)


@dataclass
class SideData:
    """What a wrapper object holds besides its records (e.g. ``{"users": [...]}``)."""

    values: dict[str, Any] = field(default_factory=dict)


class _Syntax(Exception):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


class _Unusable(Exception):
    """A value that was stepped over (see :mod:`._jsonvalue`); the stream goes on after it."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


class _Chars:
    """Decoded text of a binary stream with a read position and the line number there."""

    def __init__(self, f: IO[bytes], encoding: str, limit: int) -> None:
        self._f = f
        self._decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        self.limit = limit
        self.buf = ""
        self.pos = 0
        self.line = 1
        self.eof = False
        self.replaced = False  # bytes that did not decode became U+FFFD somewhere
        self.json_decoder = Decoder()

    def more(self) -> bool:
        """Read another chunk (growing with the pending text, so big records cost linear time)."""
        if self.eof:
            return False
        if self.pos:
            self.buf, self.pos = self.buf[self.pos:], 0
        raw = self._f.read(max(CHUNK, len(self.buf)))
        text = self._decoder.decode(raw, final=not raw)
        if "\ufffd" in text:
            self.replaced = True
        if self.line == 1 and not self.buf and text.startswith("\ufeff"):
            text = text[1:]
        self.buf += text
        if not raw:
            self.eof = True
        return bool(text) or not self.eof

    def peek(self) -> str | None:
        """The next non-blank character (not consumed), None at the end."""
        while True:
            end = _WS.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            self.line += self.buf.count("\n", self.pos, end)
            self.pos = end
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return None

    def take(self, ch: str) -> None:
        got = self.peek()
        if got != ch:
            found = "the end of the file" if got is None else repr(got)
            raise _Syntax(self.line, f"invalid JSON: expected {ch!r}, found {found}")
        self.pos += 1

    def value(self) -> tuple[Any, Notes]:
        """Decode the JSON value at the position, reading on while it is incomplete; with the
        notes of its non-finite numbers (now null). Raises :class:`_Unusable` after stepping
        over a value that decodes but cannot be used."""
        self.peek()
        while True:
            self.json_decoder.non_finite = False
            try:
                obj, end = self.json_decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if not self.eof and len(self.buf) - self.pos <= self.limit:
                    self.more()
                    continue
                line = self.line + self.buf.count("\n", self.pos, exc.pos)
                if len(self.buf) - self.pos > self.limit:
                    raise _Syntax(self.line, f"a record is longer than {self.limit:,} characters, or the JSON "
                                             f"is broken after line {self.line}") from None
                column = exc.pos - self.buf.rfind("\n", 0, exc.pos)
                raise _Syntax(line, f"invalid JSON: {exc.msg} at line {line}, column {column}") from None
            except (RecursionError, ValueError) as exc:
                self._step_over(decode_problem(exc))
                continue
            if end == len(self.buf) and not self.eof:  # a number may go on in the next chunk
                self.more()
                continue
            start, line = self.pos, self.line
            self.line += self.buf.count("\n", self.pos, end)
            self.pos = end
            try:
                return finite(obj), check(obj, self.buf, start, end, non_finite=self.json_decoder.non_finite)
            except NotJson as exc:
                raise _Unusable(line, exc.reason) from None

    def _step_over(self, reason: str) -> None:
        """Move past the value at the position, which did not decode for ``reason``, and raise
        :class:`_Unusable`; returns (to decode again) when more text must be read first."""
        end = value_end(self.buf, self.pos)
        if (end is None or end == len(self.buf)) and not self.eof and len(self.buf) - self.pos <= self.limit:
            self.more()
            return
        if end is None:
            raise _Syntax(self.line, f"{reason}, and the JSON does not end")
        line = self.line
        self.line += self.buf.count("\n", self.pos, end)
        self.pos = end
        raise _Unusable(line, reason)


def iter_items(f: IO[bytes], encoding: str, limit: int, record_keys: tuple[str, ...],
               side: SideData | None = None, side_only: bool = False) -> Iterator[Item]:
    """Every record of the export in ``f`` (see the module doc); side data goes to ``side``.

    ``side_only``: a first pass for side data that may come after the records (a wrapper's
    ``users`` after its ``tickets``); it stops at once on JSON Lines, which have none.
    """
    chars = _Chars(f, encoding, limit)
    first = chars.peek()
    if first is None:
        return
    if first == "{" and _first_line_is_object(chars):
        if not side_only:
            yield from _lines(f, encoding, limit, record_keys, side if side is not None else SideData())
        return
    yield from _document(chars, record_keys, side if side is not None else SideData())
    if chars.replaced:
        yield Item(1, problem=f"warning: some bytes are not valid {encoding} and were replaced by U+FFFD; "
                              "if the text looks wrong, save the file as UTF-8 or give its encoding "
                              "(analyze --encoding cp1252)")


def _document(chars: _Chars, record_keys: tuple[str, ...], side: SideData, unit: str = "file") -> Iterator[Item]:
    """The records of a JSON document (arrays, wrappers, objects, one after the other) up to
    its end or its first syntax error (the rest of the ``unit`` is then lost)."""
    try:
        while (ch := chars.peek()) is not None:
            if ch == "[":
                yield from _array(chars)
            elif ch == "{":
                yield from _object(chars, record_keys, side)
            else:
                raise _Syntax(chars.line, f"expected a JSON object or array of records, found {ch!r}")
    except _Syntax as exc:
        yield Item(exc.line, problem=f"{exc.reason}; the rest of the {unit} could not be read")


def _first_line_is_object(chars: _Chars) -> bool:
    """NDJSON when the first line alone is a complete JSON object. Looked for in the first
    NDJSON_PROBE characters only: a longer first line is most likely a one-line page, and the
    document reader handles a stream of objects too (only its error recovery is coarser)."""
    while chars.buf.find("\n", chars.pos) < 0 and not chars.eof and len(chars.buf) - chars.pos <= NDJSON_PROBE:
        chars.more()
    end = chars.buf.find("\n", chars.pos)
    if end < 0 and not chars.eof:
        return False
    line = chars.buf[chars.pos:end if end >= 0 else len(chars.buf)].strip()
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False
    except (RecursionError, ValueError):  # a line too deep or long-numbered to decode: still one object?
        return line.startswith("{") and value_end(line, 0) == len(line)


def _lines(f: IO[bytes], encoding: str, limit: int, record_keys: tuple[str, ...], side: SideData) -> Iterator[Item]:
    # Start again from the top, line by line: each line decoded and parsed on its own. A line
    # may also be a whole (small) wrapper page: its records are yielded, its other keys are side data.
    f.seek(0)
    for number, text, problem in iter_lines(f, encoding, limit):
        if problem:
            yield Item(number, problem=problem)
            continue
        assert text is not None
        line = text.strip()
        if not line:
            continue
        decoder = Decoder()
        try:
            value = decoder.decode(line)
        except json.JSONDecodeError as exc:
            yield Item(number, problem=f"invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        except (RecursionError, ValueError):
            # Too deep, or a number of thousands of digits, somewhere: read the line as a
            # document, which steps over only the value that cannot be used (a page's one
            # record, a record's one field) and says which.
            chars = _Chars(io.BytesIO(line.encode("utf-8")), "utf-8", limit)
            yield from (replace(item, line=number) for item in _document(chars, record_keys, side, "line"))
            continue
        wrapped = [k for k in record_keys if isinstance(value, dict) and isinstance(value.get(k), list)]
        if not wrapped:
            yield _checked(number, value, line, decoder.non_finite)
            continue
        yield from _keep_side(number, {k: v for k, v in value.items() if k not in wrapped}, line, side,
                              decoder.non_finite)
        for key in wrapped:
            for record in value[key]:
                yield _checked(number, record, line, decoder.non_finite)


def _checked(line: int, record: Any, text: str, non_finite: bool) -> Item:
    """The record decoded from ``text`` (or part of it), checked (see :mod:`._jsonvalue`)."""
    try:
        return Item(line, record, notes=check(record, text, non_finite=non_finite))
    except NotJson as exc:
        return Item(line, problem=exc.reason)


def _keep_side(line: int, values: dict[str, Any], text: str, side: SideData, non_finite: bool) -> Iterator[Item]:
    """A wrapper's other keys kept as side data (checked like records: a value that cannot be
    used is left out), with a warning for each value left out or set to null."""
    for key, value in values.items():
        try:
            notes = check(value, text, field=key, non_finite=non_finite)
        except NotJson as exc:
            yield Item(line, problem=f"warning: {exc.reason}; it was left out", at=key)
            continue
        side.values[key] = finite(value)
        yield from _warnings(line, notes)


def _warnings(line: int, notes: Notes) -> Iterator[Item]:
    return (Item(line, problem=f"warning: {reason}", at=at) for at, reason in notes)


def _array(chars: _Chars) -> Iterator[Item]:
    chars.take("[")
    if chars.peek() == "]":
        chars.pos += 1
        return
    while True:
        chars.peek()
        line = chars.line
        try:
            value, notes = chars.value()
        except _Unusable as exc:
            yield Item(exc.line, problem=exc.reason)
        else:
            yield Item(line, value, notes=notes)
        ch = chars.peek()
        chars.pos += 1
        if ch == "]":
            return
        if ch != ",":
            found = "the end of the file" if ch is None else repr(ch)
            raise _Syntax(chars.line, f"invalid JSON: expected ',' or ']' after the record of line {line}, "
                                      f"found {found}")


def _object(chars: _Chars, record_keys: tuple[str, ...], side: SideData) -> Iterator[Item]:
    start = chars.line
    chars.take("{")
    own: dict[str, Any] = {}
    notes: Notes = []
    unusable: list[tuple[str, int, str]] = []  # (key, line, reason) of values stepped over
    streamed = False
    if chars.peek() == "}":
        chars.pos += 1
    else:
        while True:
            if chars.peek() != '"':
                raise _Syntax(chars.line, "invalid JSON: expected a quoted key")
            key, _ = chars.value()
            chars.take(":")
            if key in record_keys and chars.peek() == "[":
                streamed = True
                yield from _array(chars)
            else:
                try:
                    own[key], value_notes = chars.value()
                except _Unusable as exc:
                    unusable.append((key, exc.line, exc.reason))
                else:
                    notes += [(f"{key}.{at}" if at else key, reason) for at, reason in value_notes]
            ch = chars.peek()
            chars.pos += 1
            if ch == "}":
                break
            if ch != ",":
                raise _Syntax(chars.line, "invalid JSON: expected ',' or '}' between keys")
    if streamed:  # the other keys are side data: what could not be used is left out
        side.values.update(own)
        yield from (Item(line, problem=f"warning: {reason}; it was left out", at=key)
                    for key, line, reason in unusable)
        yield from _warnings(start, notes)
    elif unusable:
        key, _, reason = unusable[0]
        yield Item(start, problem=reason, at=key)
    else:
        yield Item(start, own, notes=notes)  # no array of records: the object is itself one record
