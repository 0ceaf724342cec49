"""Freshdesk tickets with their conversations.

Accepted shapes (streamed): one ticket per line (NDJSON), a JSON array of tickets (what
``GET /api/v2/tickets`` pages return), or ``{"tickets": [...], "agents": [...]}``. Each ticket
needs its ``conversations`` list, as ``GET /api/v2/tickets/{id}?include=conversations``
returns it. Agents' names come from ``agents`` (the answer of ``GET /api/v2/agents``: ``id``,
``contact.name``); without it an agent is named by their user id.

Fields used, as the Freshdesk API documents them (developers.freshdesk.com/api/, Tickets and
Conversations): ticket ``id``, ``subject``, ``description`` (HTML), ``description_text``,
``requester_id``, ``responder_id``, ``source`` (1 email, 2 portal, 3 phone, 7 chat, 9
feedback widget, 10 outbound email), ``status``, ``priority``, ``type``, ``tags``,
``created_at``, and ``requester.name`` when included; conversation ``id``, ``body`` (HTML),
``body_text``, ``incoming``, ``private``, ``user_id``, ``from_email``, ``created_at``.

The ticket's description is the customer's first message. Who wrote a conversation: the
requester (``user_id == requester_id``) or anything marked ``incoming: true`` (it came from
outside, e.g. the customer's e-mail reply) is the customer; ``incoming: false`` is an
agent. A conversation that is neither is a bad record. ``private: true`` marks an internal
note, left out by default (see ``ReadOptions.internal_notes``).

The text comes from the HTML ``body`` when there is one, not ``body_text``: Freshdesk puts
the quoted earlier e-mails of a reply in a ``freshdesk_quote`` block, which the HTML
conversion drops, so each message holds only what was newly written.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import RecordError
from ..model import Conversation
from ._common import ReadOptions
from ._helpdesk import Bad, Ctx, Thread, as_obj, body_text, id_str, obj_list, read_export, record_id, text_or_none
from ._html import html_to_text

RECORD_KEYS = ("tickets", "results")
SOURCE = "freshdesk"
CHANNELS = {1: "email", 2: "portal", 3: "phone", 7: "chat", 9: "feedback widget", 10: "outbound email"}
_META_KEYS = ("status", "priority", "type", "tags", "requester_id", "responder_id", "group_id", "company_id",
              "created_at", "updated_at")
_HOW = "export each ticket with GET /api/v2/tickets/{id}?include=conversations"


def read_freshdesk(path: Path, options: ReadOptions) -> Iterator[Conversation | RecordError]:
    return read_export(path, options, convert, RECORD_KEYS, "ticket", side_first=True)


def _agent_names(values: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for a in values if isinstance(values, list) else []:
        a = as_obj(a)
        contact = as_obj(a.get("contact"))
        if (aid := id_str(a.get("id"))) and (
                name := text_or_none(contact.get("name")) or text_or_none(contact.get("email"))):
            out[aid] = name
    return out


def _html_first(html: Any, plain: Any) -> str | None:
    if isinstance(html, str) and html.strip():
        return html_to_text(html) or body_text(plain, None)
    return body_text(plain, None)


def convert(ticket: dict[str, Any], ctx: Ctx) -> Conversation:
    tid = record_id(ticket)
    conversations = obj_list(ticket.get("conversations"), "conversations", "conversation objects", _HOW)
    requester = id_str(ticket.get("requester_id"))
    embedded = as_obj(ticket.get("requester"))
    requester_name = text_or_none(embedded.get("name")) or text_or_none(embedded.get("email")) or requester
    agents = ctx.side.setdefault("_agent_names", _agent_names(ctx.side.get("agents")))
    thread = Thread(ctx)
    if ticket.get("description") or ticket.get("description_text"):
        thread.add("ticket", "description", "customer", _html_first(ticket.get("description"),
                                                                    ticket.get("description_text")),
                   author=requester_name, time=ticket.get("created_at"), mid=f"{tid}-description",
                   what="description")
    for i, c in enumerate(conversations):
        at = f"conversations[{i}]"
        if not isinstance(c, dict):
            raise Bad(at, f"a conversation must be a JSON object, not {type(c).__name__}")
        text = _html_first(c.get("body"), c.get("body_text"))
        field = "body" if "body" in c or "body_text" not in c else "body_text"
        user = id_str(c.get("user_id"))
        if c.get("private") is True:
            thread.note(at, field, text, author=agents.get(user or "", user), time=c.get("created_at"), mid=c.get("id"))
            continue
        incoming = c.get("incoming")
        if (user is not None and user == requester) or incoming is True:
            role, author = "customer", requester_name if user == requester else (
                text_or_none(c.get("from_email")) or user)
        elif incoming is False:
            role, author = "agent", agents.get(user or "", user)
        else:
            raise Bad(f"{at}.incoming", f"unknown author {user!r}: not the requester, and incoming is "
                                        f"{incoming!r} rather than true (customer) or false (agent)")
        thread.add(at, field, role, text, author=author, time=c.get("created_at"), mid=c.get("id"),
                   what="conversation")
    messages = thread.finish("conversations", "ticket")
    meta = {k: ticket[k] for k in _META_KEYS if ticket.get(k) not in (None, "", [])}
    if thread.notes:
        meta["internal_notes"] = thread.notes
    source = ticket.get("source")
    channel = CHANNELS.get(source) if isinstance(source, int) else text_or_none(source)
    return Conversation(tid, messages, channel=channel, source=SOURCE, subject=text_or_none(ticket.get("subject")),
                        meta=meta)
