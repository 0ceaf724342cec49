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
naming the line; every record before it has been read.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from ._common import iter_lines

CHUNK = 1 << 20
NDJSON_PROBE = 2 << 20
_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


@dataclass
class Item:
    """One record (``value``), or a problem that cost the record (``problem``), at ``line``."""

    line: int
    value: Any = None
    problem: str | None = None


@dataclass
class SideData:
    """What a wrapper object holds besides its records (e.g. ``{"users": [...]}``)."""

    values: dict[str, Any] = field(default_factory=dict)


class _Syntax(Exception):
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

    def value(self) -> Any:
        """Decode the JSON value at the position, reading on while it is incomplete."""
        self.peek()
        while True:
            try:
                obj, end = _DECODER.raw_decode(self.buf, self.pos)
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
            if end == len(self.buf) and not self.eof:  # a number may go on in the next chunk
                self.more()
                continue
            self.line += self.buf.count("\n", self.pos, end)
            self.pos = end
            return obj


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
    side = side if side is not None else SideData()
    try:
        while (ch := chars.peek()) is not None:
            if ch == "[":
                yield from _array(chars)
            elif ch == "{":
                yield from _object(chars, record_keys, side)
            else:
                raise _Syntax(chars.line, f"expected a JSON object or array of records, found {ch!r}")
    except _Syntax as exc:
        yield Item(exc.line, problem=f"{exc.reason}; the rest of the file could not be read")
    if chars.replaced:
        yield Item(1, problem=f"warning: some bytes are not valid {encoding} and were replaced by U+FFFD; "
                              "if the text looks wrong, save the file as UTF-8 or give its encoding "
                              "(analyze --encoding cp1252)")


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
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Item(number, problem=f"invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        wrapped = [k for k in record_keys if isinstance(value, dict) and isinstance(value.get(k), list)]
        if not wrapped:
            yield Item(number, value)
            continue
        side.values.update({k: v for k, v in value.items() if k not in wrapped})
        for key in wrapped:
            for record in value[key]:
                yield Item(number, record)


def _array(chars: _Chars) -> Iterator[Item]:
    chars.take("[")
    if chars.peek() == "]":
        chars.pos += 1
        return
    while True:
        chars.peek()
        line = chars.line
        yield Item(line, chars.value())
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
    streamed = False
    if chars.peek() == "}":
        chars.pos += 1
    else:
        while True:
            if chars.peek() != '"':
                raise _Syntax(chars.line, "invalid JSON: expected a quoted key")
            key = chars.value()
            chars.take(":")
            if key in record_keys and chars.peek() == "[":
                streamed = True
                yield from _array(chars)
            else:
                own[key] = chars.value()
            ch = chars.peek()
            chars.pos += 1
            if ch == "}":
                break
            if ch != ",":
                raise _Syntax(chars.line, "invalid JSON: expected ',' or '}' between keys")
    if streamed:
        side.values.update(own)
    else:
        yield Item(start, own)  # no array of records: the object is itself one record
