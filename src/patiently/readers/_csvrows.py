"""CSV records with the physical lines they came from, for the CSV and TWCS readers.

The csv module reads a quote that is never closed (a stray ``"`` at the start of a cell) as
a field running to the end of the file: every later row would vanish into one message's
text, silently. :func:`iter_rows` reports such a row as bad, at its first line, and reads
the lines after that line again as rows, so only the row with the stray quote is lost. The
same goes for a quoted field that grows past the csv module's field limit (four times
``max_message_chars``) before it closes: no message may be that long, so it is the same
mistake found before the end of the file.
"""

from __future__ import annotations

import csv
import re
from collections import deque
from collections.abc import Iterator
from typing import NamedTuple

from ._common import ReadOptions

Line = tuple[int, str | None, str | None]  # (number, text, problem), as iter_lines yields them
# The delimiters a header is searched for, in the order a tie prefers them.
DELIMITERS: dict[str, str] = {",": "',' (comma)", "\t": "tab", ";": "';' (semicolon)"}

_CR_NOT_CRLF = re.compile(r"\r(?!\n$)")
_TOO_LONG = "field larger than field limit"


class Row(NamedTuple):
    """One CSV record: its first physical line, its cells (None when unparseable), what is
    wrong with it, and the index of the cell at fault when known."""

    line: int
    cells: list[str] | None
    problem: str | None
    column: int | None = None


def sniff_delimiter(header: str, preferred: str = ",") -> str:
    """The delimiter of a CSV whose first line is ``header``: the one of comma, semicolon and tab
    (outside quotes) it holds most of; ``preferred`` on a tie or when it holds none."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in header:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts.values())
    if best == 0 or counts.get(preferred) == best:
        return preferred
    return next(d for d in DELIMITERS if counts[d] == best)


def delimiter_name(delimiter: str) -> str:
    return DELIMITERS.get(delimiter, repr(delimiter))


class _Source:
    """The csv module's line iterator. It keeps the lines of the record being parsed (with
    their numbers and decoding problems), and lines handed back with :meth:`again` come out
    first, even after the end of the file (an iterator, not a generator, so it can)."""

    def __init__(self, lines: Iterator[Line]) -> None:
        self._lines = lines
        self._again: deque[tuple[int, str, str | None]] = deque()
        self._in_quotes = False
        self.record: list[tuple[int, str, str | None]] = []
        self.problem: str | None = None  # the first problem of the record's lines
        self.ended = False  # the file ended while the csv module wanted another line

    def __iter__(self) -> _Source:
        return self

    def __next__(self) -> str:
        if self._again:
            item = self._again.popleft()
        else:
            line = next(self._lines, None)
            if line is None:
                self.ended = True
                raise StopIteration
            item = self._fixed(*line)
        self.record.append(item)
        if item[2] is not None and self.problem is None:
            self.problem = item[2]
        return item[1]

    def start_record(self) -> None:
        self.record, self.problem, self.ended = [], None, False

    def again(self, items: list[tuple[int, str, str | None]]) -> None:
        self._again.extendleft(reversed(items))

    def _fixed(self, number: int, text: str | None, problem: str | None) -> tuple[int, str, str | None]:
        """A bare carriage return inside an *unquoted* field makes the csv module end the row
        early (the shared TWCS file has one); such returns become spaces. Returns inside quotes
        are kept. (Quotes are counted per line: close enough for telling where a return is.)"""
        if text is None:  # a line too long to keep: its problem says so
            text = "\n"
        if "\r" in text and not (text.endswith("\r\n") and text.count("\r") == 1):
            text = _fix_cr(text, self._in_quotes)
        if text.count('"') % 2:
            self._in_quotes = not self._in_quotes
        return number, text, problem


def _fix_cr(text: str, in_quotes: bool) -> str:
    out = []
    for i, ch in enumerate(text):
        if ch == '"':
            in_quotes = not in_quotes
        elif ch == "\r" and not in_quotes and _CR_NOT_CRLF.match(text, i):
            ch = " "
        out.append(ch)
    return "".join(out)


def iter_rows(lines: Iterator[Line], options: ReadOptions, delimiter: str = ",") -> Iterator[Row]:
    """A :class:`Row` per CSV record of ``lines`` (from :func:`iter_lines`); blank lines are
    skipped. ``problem`` also reports undecodable bytes (the cells then hold U+FFFD
    replacement characters), and a quote never closed (see the module doc)."""
    # The limit is process-wide in the csv module; only ever raise it, so that a text just over
    # max_message_chars gets our clear message instead of the csv module's.
    csv.field_size_limit(max(csv.field_size_limit(), options.max_message_chars * 4 + 1))
    source = _Source(lines)
    reader = csv.reader(source, delimiter=delimiter)
    while True:
        source.start_record()
        try:
            cells: list[str] | None = next(reader)
            problem = None
        except StopIteration:
            return
        except csv.Error as exc:
            cells, problem = None, f"malformed CSV: {exc}"
        record = source.record
        if (source.ended or cells is None) and (runaway := _runaway(record, cells, problem, source.ended)):
            first = _first_line_cells(record[0][1], delimiter)
            yield Row(record[0][0], first, f"malformed CSV: {runaway}", len(first) - 1 if first else None)
            source.again(record[1:])  # every line after the bad one is read again, as rows
            reader = csv.reader(source, delimiter=delimiter)
            continue
        problem = problem or source.problem
        if cells == [] and problem is None:
            continue
        yield Row(record[0][0], cells, problem)


def _runaway(record: list[tuple[int, str, str | None]], cells: list[str] | None, problem: str | None,
             ended: bool) -> str | None:
    """Why the record is a quote that was never closed, or None: its quoted field ran to the
    end of the file, or over several lines past the field limit."""
    if not record:
        return None
    if cells is not None and ended:
        return (f"a quote opened on line {record[0][0]} is never closed, so its field would take in "
                f"the rest of the file (to line {record[-1][0]}); this row is skipped and the lines "
                "after it are read as rows")
    if cells is None and problem is not None and _TOO_LONG in problem and len(record) > 1:
        return (f"a quoted field that opens on line {record[0][0]} is still open on line "
                f"{record[-1][0]}, past {csv.field_size_limit() - 1:,} characters: a quote that is never "
                "closed? This row is skipped and the lines after it are read as rows")
    return None


def _first_line_cells(text: str, delimiter: str) -> list[str] | None:
    """The cells of one physical line on its own (its open quoted field cut at the line's
    end): enough to tell whose conversation the bad row was."""
    try:
        return next(csv.reader([text], delimiter=delimiter), None)
    except csv.Error:
        return None


def column_of_bad_cell(cells: list[str] | None, header: list[str], column: int | None = None) -> str | None:
    """The header name of the cell at fault: ``column`` when known, else the first cell
    holding a U+FFFD replacement character (undecodable bytes)."""
    if column is not None:
        return header[column] if 0 <= column < len(header) else None
    for i, cell in enumerate(cells or ()):
        if "\ufffd" in cell and i < len(header):
            return header[i]
    return None
