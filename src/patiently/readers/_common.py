"""Helpers shared by the readers: options, role names, timestamps, limits and safe line reading."""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from ..errors import InputError, RecordError
from ..model import ROLES
from ..textcheck import bad_strings, field_path, text_problem

FORMATS: tuple[str, ...] = ("auto", "jsonl", "csv", "twcs", "transcript", "zendesk", "freshdesk", "intercom")
# What help-desk readers do with agents' internal notes: leave them out, or keep them as system messages.
INTERNAL_NOTES: tuple[str, ...] = ("skip", "system")
CSV_FIELDS: tuple[str, ...] = (
    "conversation_id", "role", "author", "text", "timestamp", "message_id", "channel",
)

# Synonyms seen in real exports (helpdesk tools, chat logs, CRM dumps). Keys are lower case.
DEFAULT_ROLES: dict[str, str] = {
    **dict.fromkeys(("customer", "user", "client", "requester", "end-user", "enduser", "end user",
                     "caller", "visitor"), "customer"),
    **dict.fromkeys(("agent", "support", "staff", "helpdesk", "help desk", "technician", "tech",
                     "operator", "engineer"), "agent"),
    **dict.fromkeys(("system", "bot", "automated", "auto"), "system"),
}

# Lines longer than this are not even decoded: one runaway line must not exhaust memory.
MIN_LINE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class ReadOptions:
    """How to read input files; every default suits the canonical JSONL format."""

    format: str = "auto"
    csv_columns: Mapping[str, str] | None = None
    role_map: Mapping[str, str] | None = None
    max_message_chars: int = 100_000
    max_messages: int = 20_000
    encoding: str = "utf-8"
    internal_notes: str = "skip"
    # None: a tab for .tsv files, else guessed from the header line (comma, semicolon or tab).
    csv_delimiter: str | None = None

    def __post_init__(self) -> None:
        # Options come from the command line or a settings file: fail once, early and clearly.
        if self.format not in FORMATS:
            raise InputError(f"unknown input format {self.format!r}; choose one of {', '.join(FORMATS)}")
        if self.internal_notes not in INTERNAL_NOTES:
            raise InputError(f"unknown internal_notes {self.internal_notes!r}; choose one of "
                             f"{', '.join(INTERNAL_NOTES)}")
        if self.max_message_chars < 1 or self.max_messages < 1:
            raise InputError("max_message_chars and max_messages must be positive")
        unknown = sorted(set(self.csv_columns or {}) - set(CSV_FIELDS))
        if unknown:
            raise InputError(f"csv_columns has unknown field(s) {unknown}; "
                             f"known fields: {', '.join(CSV_FIELDS)}")
        if self.csv_delimiter is not None and not usable_delimiter(self.csv_delimiter):
            raise InputError(f"csv_delimiter must be one character other than a quote or a line break, "
                             f"not {self.csv_delimiter!r}")
        bad = {k: v for k, v in (self.role_map or {}).items() if v not in ROLES}
        if bad:
            raise InputError(f"role_map maps to unknown role(s) {bad}; roles are {', '.join(ROLES)}")
        try:
            b"".decode(self.encoding)
        except LookupError:
            raise InputError(f"unknown text encoding {self.encoding!r}") from None

    @property
    def line_limit(self) -> int:
        return max(MIN_LINE_BYTES, 8 * self.max_message_chars)


class RoleMapper:
    """Maps a role or speaker name from the input to customer/agent/system, case-insensitively."""

    def __init__(self, role_map: Mapping[str, str] | None) -> None:
        self._map = dict(DEFAULT_ROLES)
        self._map.update({k.strip().lower(): v for k, v in (role_map or {}).items()})

    def __call__(self, value: str) -> str | None:
        return self._map.get(value.strip().lower())

    def allowed(self) -> str:
        # Listing the canonical roles first keeps the message short when the map is large.
        names = sorted(set(self._map) - set(ROLES))
        return (f"{', '.join(ROLES)} (or a synonym: {', '.join(names)}; "
                "add others with --role NAME=ROLE (role_map in Python))")

    def unknown(self, value: object) -> str:
        return f"unknown role {value!r}; allowed roles are {self.allowed()}"


class SkippedRecord(RecordError):
    """A RecordError that cost a record whose id could still be read (``record_id``), so
    ``patiently explain FILE ID`` can say the conversation was skipped, and why, rather than
    that the file has no such conversation."""

    def __init__(self, file: str, line: int | None, field: str | None, reason: str, record_id: str | None) -> None:
        super().__init__(file, line, field, reason)
        self.record_id = record_id


def raw_id(value: Any) -> str | None:
    """A record's id as the readers would name its conversation (``str`` of a string or a
    number), read from a record that may be broken; None when it has none."""
    if isinstance(value, bool) or not isinstance(value, str | int | float) or not str(value).strip():
        return None
    return str(value)


def parse_iso(value: str) -> datetime:
    """Parse ISO 8601; a trailing Z means UTC and naive times are taken as UTC."""
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    dt = datetime.fromisoformat(text)
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def bad_time(file: str, line: int, field: str, value: object) -> RecordError:
    # A bad timestamp loses only the time, not the conversation, hence a warning.
    return RecordError(file, line, field, f"warning: unparseable timestamp {str(value)[:80]!r} "
                       "(expected ISO 8601, e.g. 2024-05-01T09:12:00Z); the message is kept without a time")


# The advice that ends the limit messages; the coach, whose clients cannot change the
# options, replaces it with its own (coach/context.py).
RAISE_CHARS = "raise max_message_chars to accept it"
RAISE_MESSAGES = "raise max_messages to accept it"


def too_long(size: int, limit: int) -> str:
    return f"text has {size:,} characters, over the limit of {limit:,}; {RAISE_CHARS}"


def too_many(count: int, limit: int) -> str:
    return f"conversation has {count:,} messages or more, over the limit of {limit:,}; {RAISE_MESSAGES}"


# Where a JSON text's decoded value may hold a lone surrogate (textcheck): the cheap test
# before looking at each string.
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def not_unicode(text: str, what: str = "text") -> str | None:
    """Why ``text`` is not valid Unicode (a lone surrogate, 1-based position), or None."""
    return text_problem(text, what)


def find_not_unicode(value: Any) -> tuple[str | None, str] | None:
    """The first string (key or value, in document order) of a decoded JSON value that holds a
    lone surrogate, as ``(field, reason)`` with the field as the readers name it
    (``messages[2].author``; a key is named by its mapping); None when every string is valid."""
    for loc, is_key, why in bad_strings(value):
        if is_key:
            return field_path(loc[:-1]) or None, f"a key {why}"
        return field_path(loc) or None, f"{loc[-1] if loc and isinstance(loc[-1], str) else 'text'} {why}"
    return None


def usable_delimiter(value: str) -> bool:
    """One character that can separate CSV fields: not a quote or a line break."""
    return len(value) == 1 and value not in '"\r\n'


def check_text(text: object, limit: int) -> str | None:
    """The reason a message text is unusable, or None when it is fine."""
    if not isinstance(text, str):
        return "missing text" if text is None else f"text must be a string, not {type(text).__name__}"
    if not text.strip():
        return "empty text"
    if len(text) > limit:
        return too_long(len(text), limit)
    return not_unicode(text)


def author_name(value: str | None) -> str | None:
    """An author's name as one agent is known by: surrounding whitespace stripped and inner
    runs of it (two spaces, a tab, a line break) made one space, so ``"sam "`` and ``"sam"``
    are not two agents. None for a name of only whitespace."""
    if value is None:
        return None
    return " ".join(value.split()) or None


def unique_id(wanted: str, seen: set[str]) -> str:
    """``wanted`` or, if taken, ``wanted-2``, ``wanted-3``...: evidence spans need unique ids."""
    out, n = wanted, 1
    while out in seen:
        n += 1
        out = f"{wanted}-{n}"
    seen.add(out)
    return out


def message_id(wanted: str, seen: set[str], meta: dict[str, Any]) -> str:
    """A unique message id (:func:`unique_id`); a renamed one keeps the id it had as
    ``meta["original_id"]``. A record's own ``original_id`` field is then kept as
    ``meta_original_id`` (as CSV columns named like a reader's key are), not overwritten."""
    out = unique_id(wanted, seen)
    if out != wanted:
        if "original_id" in meta:
            meta["meta_original_id"] = meta.pop("original_id")
        meta["original_id"] = wanted
    return out


def open_binary(path: Path) -> IO[bytes]:
    """Open for binary reading; every failure becomes an InputError that says what to do."""
    if not path.exists():
        raise InputError(f"{path}: file not found; check the path")
    if path.is_dir():
        raise InputError(f"{path}: is a directory; pass the files in it")
    try:
        if path.suffix.lower() == ".gz":
            return gzip.open(path, "rb")  # type: ignore[return-value]
        return path.open("rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc}); check its permissions") from exc


def iter_lines(f: IO[bytes], encoding: str, limit: int) -> Iterator[tuple[int, str | None, str | None]]:
    """Yield ``(line_number, text, problem)`` per physical line, decoding each line on its own.

    One bad byte sequence then costs one line, not the file. ``text`` keeps its line ending
    (the csv module needs it); it is None only when the line is too long to be kept.
    When the bytes do not decode, ``text`` is decoded with replacement characters so a
    caller that must keep parsing (CSV with quoted newlines) can, and ``problem`` says why.
    """
    number = 0
    bom = encoding.lower().replace("_", "-") in ("utf-8", "utf8", "utf-8-sig")
    while True:
        try:
            raw = f.readline(limit + 1)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise InputError(f"{getattr(f, 'name', '?')}: read failed after line {number} ({exc})") from exc
        if not raw:
            return
        number += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            while (chunk := f.readline(limit)) and not chunk.endswith(b"\n"):
                pass
            yield number, None, f"line is longer than {limit:,} bytes and was skipped"
            continue
        if number == 1 and bom and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            yield number, raw.decode(encoding), None
        except UnicodeDecodeError as exc:
            yield number, raw.decode(encoding, errors="replace"), (
                f"bytes at column {exc.start + 1} are not valid {encoding} ({exc.reason}); "
                f"save the file as UTF-8, or give its encoding (analyze --encoding cp1252)")
