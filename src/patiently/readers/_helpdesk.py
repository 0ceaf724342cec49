"""What the help-desk readers (Zendesk, Freshdesk, Intercom) share: the read loop over an
export, one conversation's messages, times, HTML bodies and internal notes.

A format module supplies ``convert(record, ctx) -> Conversation`` and the keys under which
a wrapper object holds its records; :func:`read_export` does the rest. Problems follow the
readers' contract (see ``readers/__init__``): a :class:`Bad` aborts its record and becomes
one RecordError with the record's first line and the field (``comments[2].author_id``); a
``NaN`` or ``Infinity`` (not JSON) is read as null with a warning, or costs the record where
the conversion needed the value; a
message with no text is left out with a ``warning:`` RecordError, since exports are full of
attachment-only and event parts and one of them should not cost the whole ticket.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import RecordError
from ..model import Conversation, Message
from ._common import (
    ReadOptions,
    SkippedRecord,
    author_name,
    bad_time,
    find_not_unicode,
    message_id,
    not_unicode,
    open_binary,
    parse_iso,
    raw_id,
    too_long,
    too_many,
)
from ._html import html_to_text
from ._jsonstream import SideData, iter_items
from ._jsonvalue import required_reason


class Bad(Exception):
    """One record-level problem: aborts the record, becomes a RecordError."""

    def __init__(self, field: str | None, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


@dataclass
class Ctx:
    """One record being converted: where it is, the options, its warnings, the side data."""

    file: str
    line: int
    options: ReadOptions
    side: dict[str, Any]
    warnings: list[RecordError] = field(default_factory=list)

    def warn(self, field: str | None, reason: str) -> None:
        self.warnings.append(RecordError(self.file, self.line, field, f"warning: {reason}"))


Convert = Callable[[dict[str, Any], Ctx], Conversation]


def read_export(path: Path, options: ReadOptions, convert: Convert, record_keys: tuple[str, ...],
                what: str, side_first: bool = False) -> Iterator[Conversation | RecordError]:
    """Conversations (and RecordErrors) from one export file; ``what`` names a record ("ticket").

    ``side_first``: read the side data (sideloaded users) in a first pass, because a wrapper
    may list them after the records that need them.
    """
    file = str(path)
    side = SideData()
    if side_first:
        with open_binary(path) as f:
            for _ in iter_items(f, options.encoding, options.line_limit, record_keys, side, side_only=True):
                pass
    with open_binary(path) as f:
        for item in iter_items(f, options.encoding, options.line_limit, record_keys, side):
            if item.problem is not None:
                yield RecordError(file, item.line, item.at, item.problem)
                continue
            if not isinstance(item.value, dict):
                yield RecordError(file, item.line, None,
                                  f"a record must be a JSON object (one {what}), not {type(item.value).__name__}")
                continue
            ctx = Ctx(file, item.line, options, side.values)
            try:
                conv = convert(item.value, ctx)
            except Bad as bad:
                # a needed value that was NaN (now null) says so, not "missing"
                yield SkippedRecord(file, item.line, bad.field, required_reason(item.notes, bad.field) or bad.reason,
                                    record_id=_raw_record_id(item.value))
                continue
            if bad_text := _not_unicode(conv):
                yield SkippedRecord(file, item.line, *bad_text, record_id=conv.id)
                continue
            yield from (RecordError(file, item.line, at, f"warning: {reason}") for at, reason in item.notes)
            yield from ctx.warnings
            yield conv


def _raw_record_id(record: dict[str, Any]) -> str | None:
    # Zendesk's {"ticket": {...}, "comments": [...]} holds the id one level down.
    return raw_id(record.get("id")) or raw_id(as_obj(record.get("ticket")).get("id"))


def _not_unicode(conv: Conversation) -> tuple[str | None, str] | None:
    """A lone surrogate (a JSON "\\ud800" escape without its pair) in what the conversation
    keeps of the ticket: no JSON writer could write it out. Messages were checked as they were
    added; these come from several places (the ticket, sideloaded users), hence checked here."""
    head = {"id": conv.id, "subject": conv.subject, "channel": conv.channel, **conv.meta}
    return find_not_unicode(head)


def record_id(obj: dict[str, Any], key: str = "id") -> str:
    value = obj.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise Bad(key, f"missing {key}")
    if isinstance(value, dict | list | bool):
        raise Bad(key, f"{key} must be a string or a number")
    return str(value)


def id_str(value: Any) -> str | None:
    """A user or author id as text (exports mix numbers and strings), None when absent."""
    if value is None or isinstance(value, dict | list | bool) or value == "":
        return None
    return str(value)


def ids(value: Any) -> set[str]:
    """A list of ids (``collaborator_ids``) as a set of strings; anything else is empty."""
    return {s for v in value if (s := id_str(v))} if isinstance(value, list) else set()


def obj_list(value: Any, field: str, what: str, required: str) -> list[Any]:
    """The list under ``field``; ``required`` says how to export it when it is missing."""
    if value is None:
        raise Bad(field, f"missing {field} list: {required}")
    if not isinstance(value, list):
        raise Bad(field, f"{field} must be a list of {what}, not {type(value).__name__}")
    return value


def body_text(plain: Any, html: Any) -> str | None:
    """Message text from a plain-text field if there is one, else from an HTML field."""
    if isinstance(plain, str) and plain.strip():
        return plain.strip()
    if isinstance(html, str) and html.strip():
        return html_to_text(html)
    return None


def parse_time(value: Any, ctx: Ctx, field: str) -> datetime | None:
    """ISO 8601 text, or Unix seconds (Intercom; milliseconds are recognised by size)."""
    if value is None or value == "":
        return None
    try:
        if isinstance(value, bool):
            raise ValueError
        if isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit()):
            seconds = float(value)
            if seconds > 1e11:  # milliseconds
                seconds /= 1000
            return datetime.fromtimestamp(seconds, UTC)
        if isinstance(value, str):
            return parse_iso(value)
        raise ValueError
    except (ValueError, OverflowError, OSError):
        ctx.warnings.append(bad_time(ctx.file, ctx.line, field, value))
        return None


class Thread:
    """The messages of one conversation as they are added, with the shared checks."""

    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self.messages: list[Message] = []
        self._seen: set[str] = set()
        self.notes = 0  # internal notes seen (kept or left out)

    def add(self, at: str, text_field: str, role: str, text: str | None, *, author: str | None,
            time: Any, mid: Any, meta: dict[str, Any] | None = None, what: str = "comment") -> None:
        opts = self.ctx.options
        if text is None or not text.strip():
            self.ctx.warn(f"{at}.{text_field}", f"{what} has no text (empty, or attachments only); it was left out")
            return
        if len(text) > opts.max_message_chars:
            raise Bad(f"{at}.{text_field}", too_long(len(text), opts.max_message_chars))
        if problem := not_unicode(text):
            raise Bad(f"{at}.{text_field}", problem)
        if author is not None and (problem := not_unicode(author, "author")):
            self.ctx.warn(f"{at}.author", f"{problem}; the {what} is kept without its author")
            author = None
        author = author_name(author)
        if mid is not None and isinstance(mid, str) and (problem := not_unicode(mid, "id")):
            raise Bad(f"{at}.id", problem)
        if len(self.messages) >= opts.max_messages:
            raise Bad(at.split("[", 1)[0], too_many(len(self.messages) + 1, opts.max_messages))
        wanted = id_str(mid) or f"m{len(self.messages) + 1}"
        meta = dict(meta or {})
        self.messages.append(Message(message_id(wanted, self._seen, meta), role, text, author=author,  # type: ignore[arg-type]
                                     sent_at=parse_time(time, self.ctx, f"{at}.created_at"), meta=meta))

    def note(self, at: str, text_field: str, text: str | None, *, author: str | None, time: Any,
             mid: Any) -> None:
        """An agents' internal note. Left out by default: the customer never saw it, so it says
        nothing about the patience they met, yet it would read as an agent reply to the
        detectors (a blunt "user broke it again" as blame, a note as a progress update that
        never reached the customer). ``internal_notes="system"`` keeps it as a system message
        for a coach reading the thread."""
        self.notes += 1
        if self.ctx.options.internal_notes == "system":
            self.add(at, text_field, "system", text, author=author, time=time, mid=mid,
                     meta={"internal": True}, what="internal note")

    def finish(self, field: str, what: str) -> tuple[Message, ...]:
        if not self.messages:
            raise Bad(field, f"{what} has no message with text that the customer could see")
        # Exports list comments oldest first, but a merged or re-sorted export may not: keep time order.
        if all(m.sent_at for m in self.messages):
            self.messages.sort(key=lambda m: m.sent_at)  # type: ignore[arg-type,return-value]
        return tuple(self.messages)


def as_obj(value: Any) -> dict[str, Any]:
    """``value`` when it is a JSON object, else an empty one (optional nested objects)."""
    return value if isinstance(value, dict) else {}


def text_or_none(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None
