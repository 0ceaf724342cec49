"""CSV with one row per message, grouped into conversations by a conversation id column.

Default columns: ``conversation_id, role, author, text, timestamp`` (``message_id`` and
``channel`` are optional, other columns are kept in the message's ``meta``); rename them
with ``ReadOptions.csv_columns``. Header names match case-insensitively.

Streaming contract: a conversation is emitted as soon as a row with another id follows it,
so memory holds one conversation, plus a set of the (hashed) ids already emitted. The rows
of a conversation therefore must be contiguous; if an id shows up again after its
conversation ended, that row gets a RecordError (the rest of that block is skipped
silently) saying to sort the file by conversation id. Any other bad row (unknown role,
empty text, too long) skips its whole conversation, reported once at that row's line, since
analysing a conversation with a hole in it would mislead. A bad timestamp only drops that
message's time, reported as a ``warning:`` RecordError before the conversation.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from ..errors import RecordError
from ..model import Conversation, Message
from ._common import (
    CSV_FIELDS,
    ReadOptions,
    RoleMapper,
    SkippedRecord,
    bad_time,
    check_text,
    csv_lines,
    iter_lines,
    open_binary,
    parse_iso,
    too_many,
    unique_id,
)

REQUIRED = ("conversation_id", "role", "text")

Row = tuple[int, list[str] | None, str | None]


def iter_rows(f: IO[bytes], options: ReadOptions) -> Iterator[Row]:
    """Yield ``(first_physical_line, cells, problem)`` per CSV record; blank lines are skipped.

    ``cells`` is None when the record could not be parsed at all; ``problem`` also reports
    undecodable bytes (the cells then hold U+FFFD replacement characters).
    """
    # The limit is process-wide in the csv module; only ever raise it, so that a text just over
    # max_message_chars gets our clear message instead of the csv module's.
    csv.field_size_limit(max(csv.field_size_limit(), options.max_message_chars * 4 + 1))
    bad: dict[int, str] = {}
    reader = csv.reader(csv_lines(iter_lines(f, options.encoding, options.line_limit), bad))
    prev = 0
    while True:
        try:
            cells: list[str] | None = next(reader)
            problem = None
        except StopIteration:
            return
        except csv.Error as exc:
            cells, problem = None, f"malformed CSV: {exc}"
        start, prev = prev + 1, reader.line_num
        for n in range(start, prev + 1):
            line_problem = bad.pop(n, None)
            problem = problem or line_problem
        if cells == [] and problem is None:
            continue
        yield start, cells, problem


def column_of_bad_cell(cells: list[str] | None, header: list[str]) -> str | None:
    for i, cell in enumerate(cells or ()):
        if "\ufffd" in cell and i < len(header):
            return header[i]
    return None


def read_csv(path: Path, options: ReadOptions) -> Iterator[Conversation | RecordError]:
    file = str(path)
    with open_binary(path) as f:
        rows = iter_rows(f, options)
        first = next(rows, None)
        if first is None:
            return
        _, header, problem = first
        if header is None or problem:
            yield RecordError(file, 1, None, f"unreadable CSV header: {problem}")
            return
        names = [h.strip() for h in header]
        wanted = {fld: (options.csv_columns or {}).get(fld, fld) for fld in CSV_FIELDS}
        lower = {n.lower(): i for i, n in enumerate(names)}
        index = {fld: lower.get(col.strip().lower()) for fld, col in wanted.items()}
        missing = [f"{wanted[fld]!r}" + ("" if wanted[fld] == fld else f" (for {fld})")
                   for fld in REQUIRED if index[fld] is None]
        if missing:
            yield RecordError(file, 1, None, f"missing required column(s) {', '.join(missing)}; "
                              f"found columns: {', '.join(names) or '(none)'}; "
                              "rename them or map yours with csv_columns")
            return
        yield from _Grouper(file, names, index, options).run(rows)


class _Grouper:
    """Turns contiguous rows with one conversation id into one Conversation."""

    def __init__(self, file: str, names: list[str], index: dict[str, int | None],
                 options: ReadOptions) -> None:
        self.file, self.names, self.index, self.options = file, names, index, options
        self.roles = RoleMapper(options.role_map)
        used = {i for i in index.values() if i is not None}
        self.extra = [(i, n) for i, n in enumerate(names) if i not in used and n]
        self.finished: set[int] = set()  # hashes, not ids: 1 M conversations stay ~50 MB
        self.cid: str | None = None
        self._reset(failed=False)

    def _reset(self, failed: bool) -> None:
        self.failed = failed
        self.messages: list[Message] = []
        self.warnings: list[RecordError] = []
        self.seen: set[str] = set()
        self.channel: str | None = None

    def col(self, fld: str) -> str:
        i = self.index[fld]
        return self.names[i] if i is not None else fld

    def cell(self, cells: list[str], fld: str) -> str:
        i = self.index[fld]
        return cells[i] if i is not None and i < len(cells) else ""

    def flush(self) -> Iterator[Conversation | RecordError]:
        if self.cid is not None and not self.failed and self.messages:
            yield from self.warnings
            yield Conversation(self.cid, tuple(self.messages), channel=self.channel)
        self._reset(failed=False)

    def fail(self, line: int, field: str | None, reason: str) -> RecordError:
        self._reset(failed=True)
        return SkippedRecord(self.file, line, field, reason, record_id=self.cid)

    def run(self, rows: Iterator[Row]) -> Iterator[Conversation | RecordError]:
        for line, cells, problem in rows:
            if cells is None or (problem and not any(cells)):
                yield RecordError(self.file, line, None, problem or "unreadable row")
                continue
            cid = self.cell(cells, "conversation_id").strip()
            if not cid:
                yield RecordError(self.file, line, self.col("conversation_id"), "missing conversation id")
                continue
            if cid != self.cid:
                yield from self.flush()
                self.cid = cid
                key = hash(cid)
                if key in self.finished:
                    yield self.fail(line, self.col("conversation_id"),
                                    f"rows of conversation {cid!r} are not contiguous: it already ended "
                                    "earlier in the file; this block of rows is skipped. "
                                    "Sort the file by conversation id")
                    continue
                self.finished.add(key)
            if self.failed:
                continue
            if problem:
                yield self.fail(line, column_of_bad_cell(cells, self.names), problem)
                continue
            error = self.add(line, cells)
            if error is not None:
                yield error
        yield from self.flush()

    def add(self, line: int, cells: list[str]) -> RecordError | None:
        raw_role = self.cell(cells, "role")
        role = self.roles(raw_role)
        if role is None:
            reason = "missing role" if not raw_role.strip() else self.roles.unknown(raw_role)
            return self.fail(line, self.col("role"), reason)
        text = self.cell(cells, "text")
        problem = check_text(text, self.options.max_message_chars)
        if problem:
            return self.fail(line, self.col("text"), problem)
        if len(self.messages) >= self.options.max_messages:
            return self.fail(line, None, too_many(len(self.messages) + 1, self.options.max_messages))
        meta: dict[str, Any] = {n: cells[i] for i, n in self.extra if i < len(cells) and cells[i] != ""}
        wanted = self.cell(cells, "message_id").strip() or f"m{len(self.messages) + 1}"
        mid = unique_id(wanted, self.seen)
        if mid != wanted:
            meta["original_id"] = wanted
        sent_at: datetime | None = None
        raw_time = self.cell(cells, "timestamp").strip()
        if raw_time:
            try:
                sent_at = parse_iso(raw_time)
            except ValueError:
                self.warnings.append(bad_time(self.file, line, self.col("timestamp"), raw_time))
        self.channel = self.channel or self.cell(cells, "channel").strip() or None
        author = self.cell(cells, "author").strip() or None
        self.messages.append(Message(mid, role, text, author=author, sent_at=sent_at,  # type: ignore[arg-type]
                                     meta=meta))
        return None
