"""CSV with one row per message, grouped into conversations by a conversation id column.

Default columns: ``conversation_id, role, author, text, timestamp`` (``message_id`` and
``channel`` are optional, other columns are kept in the message's ``meta``); rename them
with ``ReadOptions.csv_columns``. Header names match case-insensitively; without a
``timestamp`` or ``message_id`` column, the canonical names ``sent_at`` and ``id`` are read.
A field's column named twice in the header is an error (which one holds it cannot be told).
Another column named twice, or named like a message field it is not read as (``id`` beside
``message_id``), is kept under another key with a ``warning:`` at line 1: meta never stands
in for the message's own id, text or time (see :meth:`Message.to_dict`).

Streaming contract: a conversation is emitted as soon as a row with another id follows it,
so memory holds one conversation, plus a set of the (hashed) ids already emitted. The rows
of a conversation therefore must be contiguous; if an id shows up again after its
conversation ended, that row gets a RecordError (the rest of that block is skipped
silently) saying to sort the file by conversation id. Any other bad row (unknown role,
empty text, too long) skips its whole conversation, reported once at that row's line, since
analysing a conversation with a hole in it would mislead; so does a row whose quote is never
closed (the lines after it are read again, see :mod:`._csvrows`). A bad timestamp only drops
that message's time, reported as a ``warning:`` RecordError before the conversation. The
delimiter is a tab for ``.tsv``, else found from the header (``ReadOptions.csv_delimiter``
sets it).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from itertools import chain
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import RecordError
from ..model import Conversation, Message
from ._common import (
    CSV_FIELDS,
    ReadOptions,
    RoleMapper,
    SkippedRecord,
    author_name,
    bad_time,
    check_text,
    iter_lines,
    message_id,
    open_binary,
    parse_iso,
    too_many,
    unique_id,
)
from ._csvrows import DELIMITERS, Row, column_of_bad_cell, delimiter_name, iter_rows, sniff_delimiter

REQUIRED = ("conversation_id", "role", "text")
# The canonical (JSONL) names of two fields, read when the file has no column of the field's
# own name and the field is not mapped: an export of canonical records names them so.
ALIASES: dict[str, tuple[str, ...]] = {"timestamp": ("sent_at",), "message_id": ("id",)}
# A message's own keys in the results, with the field each is read from: a column of that name
# not read as the field stays in meta, which the results write as ``meta_<name>``.
_OWN_KEYS: dict[str, str | None] = {
    "id": "message_id", "role": "role", "author": "author", "text": "text", "sent_at": "timestamp", "labels": None,
}



def read_csv(path: Path, options: ReadOptions) -> Iterator[Conversation | RecordError]:
    file = str(path)
    with open_binary(path) as f:
        lines = iter_lines(f, options.encoding, options.line_limit)
        head = next(lines, None)
        if head is None:
            return
        preferred = "\t" if [s.lower() for s in path.suffixes if s.lower() != ".gz"][-1:] == [".tsv"] else ","
        delimiter = options.csv_delimiter or sniff_delimiter(head[1] or "", preferred)
        rows = iter_rows(chain([head], lines), options, delimiter)
        first = next(rows, None)
        if first is None:
            return
        header, problem = first.cells, first.problem
        if header is None or problem:
            yield RecordError(file, 1, None, f"unreadable CSV header: {problem}")
            return
        names = [h.strip() for h in header]
        columns = map_columns(file, names, options, delimiter)
        if isinstance(columns, RecordError):
            yield columns
            return
        yield from columns.notes
        yield from _Grouper(file, names, columns, options).run(rows)


class Columns(NamedTuple):
    """Where each field is read from, and what the other columns become."""

    fields: dict[str, int | None]  # field -> column
    extra: list[tuple[int, str]]  # (column, meta key) of every other named column
    notes: list[RecordError]  # warnings about the header


def map_columns(file: str, names: list[str], options: ReadOptions, delimiter: str = ",") -> Columns | RecordError:
    """Find each field's column (case-insensitively): the mapped name, else the field's own,
    else an alias; the RecordError when a required one is missing, or a field's column is
    named twice (which of them holds it cannot be told)."""
    mapped = options.csv_columns or {}
    where: dict[str, list[int]] = {}
    for i, n in enumerate(names):
        if n:
            where.setdefault(n.lower(), []).append(i)
    wanted = {fld: mapped.get(fld, fld).strip().lower() for fld in CSV_FIELDS}
    index: dict[str, int | None] = {fld: where[col][0] if col in where else None for fld, col in wanted.items()}
    for fld, aliases in ALIASES.items():
        taken = {i for i in index.values() if i is not None}
        if index[fld] is None and fld not in mapped:
            index[fld] = next((where[a][0] for a in aliases if a in where and where[a][0] not in taken), None)
    missing = [f"{mapped.get(fld, fld)!r}" + ("" if fld not in mapped else f" (for {fld})")
               for fld in REQUIRED if index[fld] is None]
    if missing:
        return RecordError(file, 1, None, f"missing required column(s) {', '.join(missing)}; "
                           f"found columns: {', '.join(n.replace(chr(9), '<tab>') for n in names) or '(none)'}; "
                           + _missing_hint(names, delimiter))
    for fld, col in index.items():
        if col is not None and len(same := where[names[col].lower()]) > 1:
            return RecordError(file, 1, names[col], f"column {names[col]!r} is in the header {len(same)} times "
                               f"(columns {', '.join(str(j + 1) for j in same)}); which one holds the {fld} "
                               "cannot be told: rename or remove the others")
    extra, notes = _extra_columns(file, names, index)
    return Columns(index, extra, notes)


def _missing_hint(names: list[str], delimiter: str) -> str:
    """What to do about missing columns: when the names hold another delimiter, the file was
    split at the wrong one (renaming columns would not help)."""
    other = [d for d in DELIMITERS if d != delimiter and any(d in n for n in names)]
    if other:
        return (f"the header was split at {delimiter_name(delimiter)}, but its names hold "
                f"{' and '.join(map(delimiter_name, other))}: give the delimiter with csv_delimiter, "
                f"e.g. --csv-delimiter {'tab' if other[0] == chr(9) else repr(other[0])}")
    return "rename them or map yours with --csv-column FIELD=NAME (csv_columns in Python)"


def _extra_columns(file: str, names: list[str], index: dict[str, int | None],
                   ) -> tuple[list[tuple[int, str]], list[RecordError]]:
    """The meta key of each column not read as a field, with a warning for each one whose name
    another column or a message field has: its values are kept, under another key."""
    used = {i for i in index.values() if i is not None}
    keys: set[str] = {"original_id"}  # the readers' own key (a duplicated message id)
    extra: list[tuple[int, str]] = []
    notes: list[RecordError] = []
    for i, n in enumerate(names):
        if i in used or not n:
            continue
        key = unique_id(n, keys)
        extra.append((i, key))
        if key != n:
            why = "of an earlier column" if n in names[:i] else "the reader keeps a repeated message id under"
            notes.append(RecordError(file, 1, n, f"warning: column {n!r} (column {i + 1}) has the name {why}; "
                                     f"its values are kept as {key!r}"))
        elif n in _OWN_KEYS:
            fld = _OWN_KEYS[n]
            col = index[fld] if fld else None
            source = f"the {fld} comes from column {names[col]!r}" if col is not None else "it is not a CSV field"
            notes.append(RecordError(file, 1, n, f"warning: column {n!r} has the name of a message field but is "
                                     f"not read as one ({source}); its values are kept as 'meta_{n}'"))
    return extra, notes


class _Grouper:
    """Turns contiguous rows with one conversation id into one Conversation."""

    def __init__(self, file: str, names: list[str], columns: Columns, options: ReadOptions) -> None:
        self.file, self.names, self.index, self.options = file, names, columns.fields, options
        self.roles = RoleMapper(options.role_map)
        self.extra = columns.extra
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
        for line, cells, problem, column in rows:
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
                yield self.fail(line, column_of_bad_cell(cells, self.names, column), problem)
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
        mid = message_id(wanted, self.seen, meta)
        sent_at: datetime | None = None
        raw_time = self.cell(cells, "timestamp").strip()
        if raw_time:
            try:
                sent_at = parse_iso(raw_time)
            except ValueError:
                self.warnings.append(bad_time(self.file, line, self.col("timestamp"), raw_time))
        self.channel = self.channel or self.cell(cells, "channel").strip() or None
        author = author_name(self.cell(cells, "author"))
        self.messages.append(Message(mid, role, text, author=author, sent_at=sent_at,  # type: ignore[arg-type]
                                     meta=meta))
        return None
