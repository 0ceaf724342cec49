"""Canonical conversation JSONL: one conversation object per line (see the shared data README).

Each line is decoded and parsed on its own, so memory stays at one line whatever the file
size, and one broken line costs only that conversation. A record with an error is skipped
and reported once (its first problem); a bad ``sent_at``, or an optional field of the wrong
type (``author``, ``channel``, ``source``, ``subject``, a message ``id``), only drops that
value and is reported as a ``warning:`` RecordError before the conversation; so does a
``NaN``, ``Infinity`` or ``1e999999`` (not JSON, see :mod:`._jsonvalue`), read as null,
except in a field the record needs (``id``, a message's ``role`` or ``text``), where it costs
the record. A string that is not valid Unicode (a lone ``\\ud800`` escape) anywhere in the
record costs the record, and so does nesting too deep to decode safely.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import InputError, RecordError
from ..model import Conversation, Message
from ._common import (
    SURROGATE_ESCAPE,
    ReadOptions,
    RoleMapper,
    SkippedRecord,
    author_name,
    bad_time,
    check_text,
    find_not_unicode,
    iter_lines,
    message_id,
    open_binary,
    parse_iso,
    raw_id,
    too_many,
)
from ._jsonvalue import NotJson, loads, required_reason

_CONV_KEYS = frozenset(("id", "messages", "channel", "source", "subject", "labels"))
_MSG_KEYS = frozenset(("id", "role", "text", "author", "sent_at", "labels"))


class _Bad(Exception):
    """One record-level problem: aborts the record, becomes a RecordError."""

    def __init__(self, field: str | None, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


def read_jsonl(path: Path, options: ReadOptions) -> Iterator[Conversation | RecordError]:
    return (item for _, item in iter_jsonl(path, options))


def iter_jsonl(path: Path, options: ReadOptions) -> Iterator[tuple[int, Conversation | RecordError]]:
    """:func:`read_jsonl` with each item's line: a benchmark names the line of a bad label."""
    file = str(path)
    roles = RoleMapper(options.role_map)
    with open_binary(path) as f:
        first = True
        for number, text, problem in iter_lines(f, options.encoding, options.line_limit):
            if problem:
                yield number, RecordError(file, number, None, problem)
                continue
            assert text is not None
            line = text.strip()
            if not line:
                continue  # blank lines (often a trailing one) are not records
            if first and line.startswith("["):
                raise InputError(f"{file}: is a JSON array, not JSON Lines; convert it with "
                                 f"`jq -c '.[]' {path.name} > {path.stem}.jsonl`")
            first = False
            try:
                obj, non_finite = loads(line)
            except NotJson as exc:
                yield number, RecordError(file, number, None, exc.reason)
                continue
            cid = raw_id(obj.get("id")) if isinstance(obj, dict) else None
            if SURROGATE_ESCAPE.search(line) and (bad_text := find_not_unicode(obj)):
                yield number, SkippedRecord(file, number, *bad_text, record_id=cid)
                continue
            warnings: list[RecordError] = []
            try:
                conv = _conversation(obj, file, number, roles, options, warnings)
            except _Bad as bad:
                reason = required_reason(non_finite, bad.field) or bad.reason
                yield number, SkippedRecord(file, number, bad.field, reason, record_id=cid)
                continue
            yield from ((number, RecordError(file, number, at, f"warning: {reason}")) for at, reason in non_finite)
            yield from ((number, w) for w in warnings)
            yield number, conv


def _optional_text(obj: dict[str, Any], key: str, at: str, warnings: list[RecordError], file: str,
                   number: int) -> str | None:
    """An optional text field: a string, or a number taken as text (ids, channel codes).
    Anything else is dropped with a warning rather than kept as a Python repr."""
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    warnings.append(RecordError(file, number, f"{at}{key}", f"warning: {key} must be a string or a number, "
                                f"not {_json_type(value)}; it was left out"))
    return None


def _json_type(value: Any) -> str:
    # The JSON names a user knows from the file, not Python's (dict, list, bool).
    return {dict: "an object", list: "a list", bool: "a boolean"}.get(type(value), type(value).__name__)


def _labels(value: Any, field: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _Bad(field, f"labels must be an object of label -> value, not {type(value).__name__}")
    return value


def _conversation(obj: Any, file: str, number: int, roles: RoleMapper, options: ReadOptions,
                  warnings: list[RecordError]) -> Conversation:
    if not isinstance(obj, dict):
        raise _Bad(None, f"a line must hold a JSON object (one conversation), not {type(obj).__name__}")
    cid = obj.get("id")
    if cid is None or (isinstance(cid, str) and not cid.strip()):
        raise _Bad("id", "missing conversation id")
    if isinstance(cid, dict | list | bool):
        raise _Bad("id", f"conversation id must be a string or a number, not {_json_type(cid)}")
    raw_messages = obj.get("messages")
    if not isinstance(raw_messages, list):
        raise _Bad("messages", "missing messages list" if raw_messages is None else
                   f"messages must be a list, not {type(raw_messages).__name__}")
    if not raw_messages:
        raise _Bad("messages", "conversation has no messages")
    if len(raw_messages) > options.max_messages:
        raise _Bad("messages", too_many(len(raw_messages), options.max_messages))
    seen: set[str] = set()
    messages = [_message(m, i, file, number, roles, options, seen, warnings)
                for i, m in enumerate(raw_messages)]
    meta = {k: v for k, v in obj.items() if k not in _CONV_KEYS}
    return Conversation(
        str(cid), tuple(messages),
        channel=_optional_text(obj, "channel", "", warnings, file, number),
        source=_optional_text(obj, "source", "", warnings, file, number),
        subject=_optional_text(obj, "subject", "", warnings, file, number),
        labels=_labels(obj.get("labels"), "labels"),
        meta=meta,
    )


def _message(m: Any, i: int, file: str, number: int, roles: RoleMapper, options: ReadOptions,
             seen: set[str], warnings: list[RecordError]) -> Message:
    at = f"messages[{i}]"
    if not isinstance(m, dict):
        raise _Bad(at, f"a message must be a JSON object, not {type(m).__name__}")
    raw_role = m.get("role")
    if raw_role is None:
        raise _Bad(f"{at}.role", "missing role")
    role = roles(raw_role) if isinstance(raw_role, str) else None
    if role is None:
        raise _Bad(f"{at}.role", roles.unknown(raw_role))
    text = m.get("text")
    problem = check_text(text, options.max_message_chars)
    if problem:
        raise _Bad(f"{at}.text", problem)
    meta = {k: v for k, v in m.items() if k not in _MSG_KEYS}
    raw_id = _optional_text(m, "id", f"{at}.", warnings, file, number)
    wanted = f"m{i + 1}" if raw_id is None or raw_id == "" else raw_id
    mid = message_id(wanted, seen, meta)
    sent_at: datetime | None = None
    raw_time = m.get("sent_at")
    if raw_time is not None and raw_time != "":
        try:
            if not isinstance(raw_time, str):
                raise ValueError
            sent_at = parse_iso(raw_time)
        except ValueError:
            warnings.append(bad_time(file, number, f"{at}.sent_at", raw_time))
    author = author_name(_optional_text(m, "author", f"{at}.", warnings, file, number))
    return Message(mid, role, text, author=author,  # type: ignore[arg-type]
                   sent_at=sent_at, labels=_labels(m.get("labels"), f"{at}.labels"), meta=meta)
