"""Zendesk Support tickets with their comments.

Accepted shapes (all streamed, see :mod:`._jsonstream`): one ticket per line (NDJSON, as
Zendesk's JSON data export and most scripts write it), a JSON array of tickets, or an API
page ``{"tickets": [...], "users": [...]}`` (``results`` for search pages). A ticket may also
come as ``{"ticket": {...}, "comments": [...]}``, the answer of ``GET /tickets/{id}`` with
``GET /tickets/{id}/comments`` added.

Fields used, as the Zendesk Support API documents them (Tickets and Ticket Comments,
developer.zendesk.com/api-reference/ticketing/tickets/): ticket ``id``, ``subject``
(``raw_subject``), ``requester_id``, ``assignee_id``, ``submitter_id``,
``collaborator_ids``, ``email_cc_ids``, ``follower_ids``, ``via.channel``, ``status``,
``priority``, ``type``, ``tags``; comment ``id``, ``author_id``, ``public``, ``body``,
``plain_body``, ``html_body``, ``created_at``, ``attachments``. Sideloaded users
(``include=users``: ``id``, ``name``, ``role`` = ``end-user``/``agent``/``admin``) give names
and roles.

Who wrote a comment, in this order: the sideloaded user's role; the requester is the
customer; the assignee, anyone who wrote a private comment in the ticket (only agents can)
and followers are agents; CCs and collaborators are customers; author ``-1`` is Zendesk
itself (system). ``role_map`` may map an author id to a role (``{"381920": "agent"}``). Any
other author makes the ticket a bad record: guessing would put words in the wrong mouth.

The text is ``plain_body``, else ``body``, else ``html_body`` converted to text. Private
comments (``public: false``) are internal notes and are left out (see
``ReadOptions.internal_notes``): the customer never saw them. The description is the first
comment, so it is not added again.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import RecordError
from ..model import Conversation
from ._common import ReadOptions, RoleMapper
from ._helpdesk import (
    Bad,
    Ctx,
    Thread,
    as_obj,
    body_text,
    id_str,
    ids,
    obj_list,
    read_export,
    record_id,
    text_or_none,
)

RECORD_KEYS = ("tickets", "results")
SOURCE = "zendesk"
_USER_ROLES = {"end-user": "customer", "end_user": "customer", "agent": "agent", "admin": "agent"}
_SYSTEM_AUTHOR = "-1"  # Zendesk's own comments (triggers, automations)
_META_KEYS = ("status", "priority", "type", "tags", "requester_id", "assignee_id", "group_id", "organization_id",
              "created_at", "updated_at")
_HOW = ("export tickets with their comments (Zendesk's JSON data export includes them; from the API, add each "
        "ticket's GET /api/v2/tickets/{id}/comments as \"comments\")")


def read_zendesk(path: Path, options: ReadOptions) -> Iterator[Conversation | RecordError]:
    return read_export(path, options, convert, RECORD_KEYS, "ticket", side_first=True)


def _users(values: Any) -> dict[str, dict[str, Any]]:
    return {uid: u for u in values if isinstance(u, dict) and (uid := id_str(u.get("id")))} \
        if isinstance(values, list) else {}


class _Authors:
    """Decides each comment's role from what the ticket and the export say about its author."""

    def __init__(self, ticket: dict[str, Any], comments: list[Any], users: dict[str, dict[str, Any]],
                 role_map: RoleMapper | None) -> None:
        self.users = users
        self.requester = id_str(ticket.get("requester_id"))
        self.agents = {a for a in (id_str(ticket.get("assignee_id")),) if a} | ids(ticket.get("follower_ids"))
        # Only agents can write private comments: whoever did is an agent in this ticket.
        self.agents |= {a for c in comments if isinstance(c, dict) and c.get("public") is False
                        and (a := id_str(c.get("author_id")))}
        self.customers = ids(ticket.get("collaborator_ids")) | ids(ticket.get("email_cc_ids"))
        submitter = id_str(ticket.get("submitter_id"))
        if submitter and submitter != self.requester and submitter not in self.customers:
            self.agents.add(submitter)  # an agent who opened the ticket for the requester (a phone call)
        self.role_map = role_map

    def role(self, author: str) -> str | None:
        user = self.users.get(author)
        if user and (role := _USER_ROLES.get(str(user.get("role", "")).lower())):
            return role
        if self.role_map is not None and (mapped := self.role_map(author)):
            return mapped
        if author == self.requester:
            return "customer"
        if author == _SYSTEM_AUTHOR:
            return "system"
        if author in self.agents:
            return "agent"
        if author in self.customers:
            return "customer"
        return None

    def name(self, author: str, comment: dict[str, Any]) -> str:
        embedded = as_obj(comment.get("author"))
        user = self.users.get(author) or {}
        return text_or_none(user.get("name")) or text_or_none(embedded.get("name")) or author


def convert(obj: dict[str, Any], ctx: Ctx) -> Conversation:
    ticket = obj
    if isinstance(obj.get("ticket"), dict):  # {"ticket": {...}, "comments": [...]}
        ticket = {**obj["ticket"], **{k: v for k, v in obj.items() if k != "ticket"}}
    tid = record_id(ticket)
    comments = obj_list(ticket.get("comments"), "comments", "comment objects", _HOW)
    if not comments:
        raise Bad("comments", "ticket has no comments")
    users = {**_users(ctx.side.get("users")), **_users(ticket.get("users"))}
    role_map = RoleMapper(ctx.options.role_map) if ctx.options.role_map else None
    authors = _Authors(ticket, comments, users, role_map)
    thread = Thread(ctx)
    for i, c in enumerate(comments):
        at = f"comments[{i}]"
        if not isinstance(c, dict):
            raise Bad(at, f"a comment must be a JSON object, not {type(c).__name__}")
        author = id_str(c.get("author_id"))
        if author is None and isinstance(c.get("author"), dict):
            author = id_str(c["author"].get("id"))
        if author is None:
            raise Bad(f"{at}.author_id", "missing author_id")
        text = body_text(c.get("plain_body"), None) or body_text(c.get("body"), c.get("html_body"))
        field = next((k for k in ("plain_body", "body", "html_body") if k in c), "body")
        name = authors.name(author, c)
        if c.get("public") is False:
            thread.note(at, field, text, author=name, time=c.get("created_at"), mid=c.get("id"))
            continue
        role = authors.role(author)
        if role is None:
            raise Bad(f"{at}.author_id", f"unknown author {author}: not the requester, the assignee, a CC, a follower "
                                         "or a sideloaded user with a role; export with include=users or map the id "
                                         f"with --role {author}=agent (role_map in Python)")
        thread.add(at, field, role, text, author=name, time=c.get("created_at"), mid=c.get("id"),
                   meta={"attachments": len(c["attachments"])} if c.get("attachments") else None)
    messages = thread.finish("comments", "ticket")
    via = as_obj(ticket.get("via"))
    meta = {k: ticket[k] for k in _META_KEYS if ticket.get(k) not in (None, "", [])}
    if thread.notes:
        meta["internal_notes"] = thread.notes
    return Conversation(tid, messages, channel=text_or_none(via.get("channel")), source=SOURCE,
                        subject=text_or_none(ticket.get("subject")) or text_or_none(ticket.get("raw_subject")),
                        meta=meta)
