"""Intercom conversations with their conversation parts.

Accepted shapes (streamed): one conversation per line (NDJSON), a JSON array of
conversations, or a list page ``{"type": "conversation.list", "conversations": [...]}``
(``data`` also works). Each conversation needs its parts, as ``GET /conversations/{id}``
returns them: the list endpoint leaves them out.

Fields used, as the Intercom REST API documents them (developers.intercom.com, the
Conversation, Conversation Part and Conversation Source models): conversation ``id``,
``title``, ``state``, ``created_at`` (Unix seconds), ``source`` (the first message:
``type``, ``id``, ``subject``, ``body``, ``author``, ``delivered_as``) and
``conversation_parts.conversation_parts`` (or a plain list) with ``total_count``; part
``id``, ``part_type``, ``body`` (HTML), ``created_at``, ``author`` (``type``, ``id``,
``name``, ``email``, ``from_ai_agent``).

Who wrote a part, by ``author.type``: ``user``, ``lead``, ``contact`` and ``visitor`` are the
customer; ``admin`` and ``team`` are agents; ``bot`` (and any part with ``from_ai_agent``)
is system, since a bot's reply is not an agent's patience. ``role_map`` may override a type
(``{"bot": "agent"}`` to score the bot too). A missing or other type makes the conversation
a bad record. ``part_type: note`` is an internal note, left out by default (see
``ReadOptions.internal_notes``); parts without a body are events (assignment, open, close,
snooze) and are skipped without a word, except a ``comment`` without text, which is reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import RecordError
from ..model import Conversation
from ._common import ReadOptions
from ._helpdesk import Bad, Ctx, Thread, as_obj, body_text, id_str, read_export, record_id, text_or_none
from ._html import html_to_text

RECORD_KEYS = ("conversations", "data")
SOURCE = "intercom"
AUTHOR_ROLES = {"user": "customer", "lead": "customer", "contact": "customer", "visitor": "customer",
                "admin": "agent", "team": "agent", "bot": "system"}
_NOTES = frozenset(("note", "note_and_reopen"))
_CHANNELS = {"conversation": "chat", "email": "email", "phone_call": "phone", "push": "push", "sms": "sms",
             "twitter": "twitter", "facebook": "facebook", "instagram": "instagram", "whatsapp": "whatsapp"}
_META_KEYS = ("state", "priority", "tags", "created_at", "updated_at", "admin_assignee_id", "team_assignee_id")
_HOW = "the list endpoint leaves them out; export each conversation with GET /conversations/{id}"
R_HINT = "--role TYPE=ROLE (role_map in Python)"


def read_intercom(path: Path, options: ReadOptions) -> Iterator[Conversation | RecordError]:
    return read_export(path, options, convert, RECORD_KEYS, "conversation")


def _parts(conv: dict[str, Any], ctx: Ctx) -> list[Any]:
    value = conv.get("conversation_parts")
    if isinstance(value, dict):
        parts = value.get("conversation_parts")
        total = value.get("total_count")
        if isinstance(parts, list) and isinstance(total, int) and total > len(parts):
            ctx.warn("conversation_parts", f"the export holds {len(parts)} of {total} parts (Intercom returns at "
                                           "most 500); the rest is missing")
        value = parts
    if value is None:
        raise Bad("conversation_parts", f"missing conversation_parts list: {_HOW}")
    if not isinstance(value, list):
        raise Bad("conversation_parts", f"conversation_parts must be a list of parts, not {type(value).__name__}")
    return value


def _role(author: Any, at: str, ctx: Ctx) -> tuple[str, str | None]:
    if not isinstance(author, dict):
        raise Bad(f"{at}.author", "missing author" if author is None else "author must be an object")
    kind = str(author.get("type") or "").strip().lower()
    overrides = {k.strip().lower(): v for k, v in (ctx.options.role_map or {}).items()}
    role = overrides.get(kind) or ("system" if author.get("from_ai_agent") is True else AUTHOR_ROLES.get(kind))
    if role is None:
        what = "missing author type" if not kind else f"unknown author type {author.get('type')!r}"
        raise Bad(f"{at}.author.type", f"{what}; expected one of {', '.join(AUTHOR_ROLES)} (or map a type "
                                       f"with {R_HINT})")
    name = text_or_none(author.get("name")) or text_or_none(author.get("email")) or id_str(author.get("id"))
    return role, name


def convert(conv: dict[str, Any], ctx: Ctx) -> Conversation:
    cid = record_id(conv)
    parts = _parts(conv, ctx)
    source = as_obj(conv.get("source"))
    thread = Thread(ctx)
    items: list[tuple[str, dict[str, Any]]] = [("source", {**source, "part_type": "comment"})] if source else []
    items += [(f"conversation_parts[{i}]", p) for i, p in enumerate(parts)]
    for at, part in items:
        if not isinstance(part, dict):
            raise Bad(at, f"a conversation part must be a JSON object, not {type(part).__name__}")
        kind = str(part.get("part_type") or "comment")
        text = body_text(None, part.get("body"))
        if text is None and kind != "comment":
            continue  # an event (assignment, open, close...), not a message
        role, name = _role(part.get("author"), at, ctx)
        if kind in _NOTES:
            thread.note(at, "body", text, author=name, time=part.get("created_at"), mid=part.get("id"))
            continue
        thread.add(at, "body", role, text, author=name, time=part.get("created_at") or conv.get("created_at"),
                   mid=part.get("id"), what="message" if at == "source" else "comment")
    messages = thread.finish("conversation_parts", "conversation")
    meta = {k: conv[k] for k in _META_KEYS if conv.get(k) not in (None, "", [], {})}
    if thread.notes:
        meta["internal_notes"] = thread.notes
    raw_subject = source.get("subject")
    subject = text_or_none(conv.get("title")) or (
        html_to_text(raw_subject) or None if isinstance(raw_subject, str) else None)
    source_type = text_or_none(source.get("type"))
    channel = _CHANNELS.get(source_type or "", source_type)
    return Conversation(cid, messages, channel=channel, source=SOURCE, subject=subject,
                        meta=meta)
