"""Help-desk exports (Zendesk, Freshdesk, Intercom): named mini-exports in every shape the
readers accept, the bad records each must report with file, line and field, HTML bodies,
internal notes, detection, streaming, and the bundled examples."""

from __future__ import annotations

import gzip
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from patiently.errors import InputError, RecordError
from patiently.model import Conversation
from patiently.readers import ReadOptions, detect_format, is_warning, read_conversations
from patiently.readers._html import html_to_text

HELPDESK = Path(__file__).resolve().parents[2] / "examples" / "helpdesk"


def read(path: Path, **options: Any) -> tuple[list[Conversation], list[RecordError]]:
    convs: list[Conversation] = []
    errors: list[RecordError] = []
    for item in read_conversations([path], ReadOptions(**options)):
        if isinstance(item, RecordError):
            errors.append(item)
        else:
            convs.append(item)
    return convs, errors


def ndjson(tmp_path: Path, name: str, *records: Any) -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def where(errors: list[RecordError]) -> list[tuple[int | None, str | None]]:
    return [(e.line, e.field) for e in errors]


# --- Zendesk -------------------------------------------------------------------------------

REQUESTER, AGENT, OTHER_AGENT = 501, 901, 902


def zc(cid: int, author: int, text: str | None = None, *, public: bool = True, html: str | None = None,
       at: str = "2026-11-02T09:00:00Z") -> dict[str, Any]:
    c: dict[str, Any] = {"id": cid, "author_id": author, "public": public, "created_at": at}
    if text is not None:
        c["body"] = c["plain_body"] = text
    if html is not None:
        c["html_body"] = html
    return c


def zticket(tid: int = 1, comments: Any = None, **kw: Any) -> dict[str, Any]:
    t: dict[str, Any] = {"id": tid, "subject": "VPN drops", "requester_id": REQUESTER, "assignee_id": AGENT,
                         "via": {"channel": "email"}, "status": "open", "tags": ["vpn"]}
    t["comments"] = [zc(1, REQUESTER, "My VPN drops every ten minutes.", at="2026-11-02T09:00:00Z"),
                     zc(2, AGENT, "Sorry about that! Which Wi-Fi are you on?", at="2026-11-02T09:05:00Z")] \
        if comments is None else comments
    t.update(kw)
    return t


VPN_TICKET = zticket()
NOTE_TICKET = zticket(2, [zc(1, REQUESTER, "Outlook keeps asking for my password."),
                          zc(2, AGENT, "Token cache is stale, user broke it again.", public=False),
                          zc(3, AGENT, "Let's clear the saved password together.")])
HTML_ONLY_TICKET = zticket(3, [zc(1, REQUESTER, html="<p>Printer&nbsp;is <b>offline</b><br>since 9am</p>"),
                               zc(2, AGENT, html="<p>Please try:</p><ol><li>Turn it off</li><li>Wait 10 s</li></ol>")])
NO_COMMENTS_TICKET = {k: v for k, v in zticket(4).items() if k != "comments"}
UNKNOWN_AUTHOR_TICKET = zticket(5, [zc(1, REQUESTER, "Teams recordings are gone."), zc(2, 7777, "Check OneDrive.")])
EMPTY_BODY_TICKET = zticket(6, [zc(1, REQUESTER, "Laptop fan is very loud."), zc(2, AGENT, "", html=""),
                                zc(3, AGENT, "I'll swap the laptop tomorrow.")])


def test_zendesk_ndjson_roles_text_and_meta(tmp_path: Path) -> None:
    convs, errors = read(ndjson(tmp_path, "z.ndjson", VPN_TICKET), format="zendesk")
    assert errors == []
    (conv,) = convs
    assert (conv.id, conv.source, conv.channel, conv.subject) == ("1", "zendesk", "email", "VPN drops")
    assert [(m.id, m.role, m.author) for m in conv.messages] == [("1", "customer", "501"), ("2", "agent", "901")]
    assert conv.messages[0].sent_at is not None and conv.messages[0].sent_at.hour == 9
    assert conv.meta["tags"] == ["vpn"] and conv.meta["status"] == "open"


def test_zendesk_internal_notes_are_left_out_or_kept_as_system(tmp_path: Path) -> None:
    path = ndjson(tmp_path, "z.ndjson", NOTE_TICKET)
    (conv,), errors = read(path)
    assert errors == [] and [m.role for m in conv.messages] == ["customer", "agent"]
    assert "broke it" not in " ".join(m.text for m in conv.messages) and conv.meta["internal_notes"] == 1
    (kept,), _ = read(path, internal_notes="system")
    assert [m.role for m in kept.messages] == ["customer", "system", "agent"]
    assert kept.messages[1].meta == {"internal": True}


def test_zendesk_html_only_comments_become_text(tmp_path: Path) -> None:
    (conv,), errors = read(ndjson(tmp_path, "z.ndjson", HTML_ONLY_TICKET), format="zendesk")
    assert errors == []
    assert conv.messages[0].text == "Printer is offline\nsince 9am"
    assert conv.messages[1].text == "Please try:\n\n1. Turn it off\n2. Wait 10 s"


def test_zendesk_bad_records_name_line_and_field(tmp_path: Path) -> None:
    path = ndjson(tmp_path, "z.ndjson", VPN_TICKET, NO_COMMENTS_TICKET, UNKNOWN_AUTHOR_TICKET, EMPTY_BODY_TICKET)
    convs, errors = read(path, format="zendesk")
    assert [c.id for c in convs] == ["1", "6"]  # the valid tickets survive their neighbours
    assert where(errors) == [(2, "comments"), (3, "comments[1].author_id"), (4, "comments[1].plain_body")]
    assert all(e.file == str(path) for e in errors)
    assert "missing comments list" in errors[0].reason and "unknown author 7777" in errors[1].reason
    assert not is_warning(errors[1]) and is_warning(errors[2])  # an empty comment costs only itself
    assert [m.id for m in convs[1].messages] == ["1", "3"]


def test_zendesk_who_is_who(tmp_path: Path) -> None:
    cc, follower = 601, 903
    ticket = zticket(7, [zc(1, REQUESTER, "Scanner sends to the wrong folder."),
                         zc(2, OTHER_AGENT, "Escalating to the print team.", public=False),
                         zc(3, OTHER_AGENT, "Hi, print team here: fixed the address book."),
                         zc(4, cc, "Works for me too, thanks."),
                         zc(5, follower, "Closing as solved."),
                         zc(6, -1, "Your request was solved.")],
                     collaborator_ids=[cc], follower_ids=[follower])
    (conv,), errors = read(ndjson(tmp_path, "z.ndjson", ticket))
    assert errors == []
    assert [m.role for m in conv.messages] == ["customer", "agent", "customer", "agent", "system"]
    # A sideloaded user's role wins, and gives the name; role_map can vouch for an id.
    ticket = zticket(8, [zc(1, REQUESTER, "Hello?"), zc(2, 4242, "Hi, how can I help?")])
    paged = {"tickets": [ticket], "users": [{"id": 4242, "name": "Kim Agent", "role": "agent"}]}
    (tmp_path / "page.json").write_text(json.dumps(paged), encoding="utf-8")
    (conv,), errors = read(tmp_path / "page.json")
    assert errors == [] and (conv.messages[1].role, conv.messages[1].author) == ("agent", "Kim Agent")
    (conv,), errors = read(ndjson(tmp_path, "z.ndjson", ticket), format="zendesk", role_map={"4242": "agent"})
    assert errors == [] and conv.messages[1].role == "agent"


def test_zendesk_ticket_with_comments_beside_it(tmp_path: Path) -> None:
    """``{"ticket": {...}, "comments": [...], "users": [...]}``: GET /tickets/{id} plus its comments."""
    ticket = {k: v for k, v in VPN_TICKET.items() if k != "comments"}
    users = [{"id": AGENT, "name": "Ana", "role": "agent"}]
    rec = {"ticket": ticket, "comments": VPN_TICKET["comments"], "users": users}
    (conv,), errors = read(ndjson(tmp_path, "t.json", rec))
    assert errors == [] and conv.messages[1].author == "Ana"


def test_zendesk_users_after_the_tickets_still_count(tmp_path: Path) -> None:
    """Sideloaded users that come after the tickets in a page (a first pass reads them)."""
    ticket = zticket(9, [zc(1, REQUESTER, "Hi"), zc(2, 4343, "Hello! What can I do for you?")])
    text = json.dumps({"tickets": [ticket], "count": 1, "users": [{"id": 4343, "name": "Lee", "role": "admin"}]},
                      indent=2)
    (tmp_path / "page.json").write_text(text, encoding="utf-8")
    (conv,), errors = read(tmp_path / "page.json", format="zendesk")
    assert errors == [] and (conv.messages[1].role, conv.messages[1].author) == ("agent", "Lee")


def test_zendesk_lone_surrogate_costs_its_ticket_or_only_the_author_name(tmp_path: Path) -> None:
    """A lone "\\ud800" escape (valid JSON, not valid Unicode) used to crash the whole run."""
    bad_body = zticket(20, [zc(1, REQUESTER, "VPN \ud800 drops"), zc(2, AGENT, "Which Wi-Fi?")])
    bad_subject = zticket(21, subject="VPN \udc00")
    bad_name = zticket(22, [zc(1, REQUESTER, "Hi"), zc(2, 4444, "Hello! What can I do for you?")])
    page = {"tickets": [VPN_TICKET, bad_body, bad_subject, bad_name],
            "users": [{"id": 4444, "name": "Kim \ud800", "role": "agent"}]}
    path = tmp_path / "page.json"
    path.write_text(json.dumps(page, indent=2), encoding="utf-8")
    convs, errors = read(path, format="zendesk")
    assert [c.id for c in convs] == ["1", "22"]
    assert [e.field for e in errors] == ["comments[0].plain_body", "subject", "comments[1].author"]
    assert errors[0].reason.startswith("text is not valid Unicode: a lone surrogate at character 5")
    assert errors[1].reason.startswith("subject is not valid Unicode") and not is_warning(errors[1])
    assert is_warning(errors[2]) and convs[1].messages[1].author is None  # the message is kept


# --- Freshdesk -----------------------------------------------------------------------------

def fconv(cid: int, body: str | None, *, incoming: bool | None, user: int, private: bool = False,
          body_text: str | None = None) -> dict[str, Any]:
    c: dict[str, Any] = {"id": cid, "body": body, "body_text": body_text, "user_id": user, "private": private,
                         "created_at": f"2026-11-10T10:{cid:02d}:00Z"}
    if incoming is not None:
        c["incoming"] = incoming
    return c


def fticket(tid: int = 10, conversations: Any = None, **kw: Any) -> dict[str, Any]:
    t: dict[str, Any] = {"id": tid, "subject": "Shared mailbox missing", "requester_id": 11, "responder_id": 21,
                         "source": 2, "status": 2, "created_at": "2026-11-10T09:58:00Z",
                         "description": "<div>The <b>Billing</b> mailbox vanished from Outlook.</div>",
                         "description_text": "The Billing mailbox vanished from Outlook.",
                         "requester": {"id": 11, "name": "Ben Okafor"}}
    t["conversations"] = [fconv(1, "<p>Sorry about that. Did it vanish after a restart?</p>", incoming=False, user=21),
                          fconv(2, "<p>Yes, right after.</p>", incoming=True, user=11)] \
        if conversations is None else conversations
    t.update(kw)
    return t


MAILBOX_TICKET = fticket()
QUOTED_REPLY_TICKET = fticket(11, [
    fconv(1, "<p>Can you restart Outlook?</p>", incoming=False, user=21),
    fconv(2, '<div>Done, still missing.</div><div class="freshdesk_quote"><blockquote class="freshdesk_quote">'
             "On Tue IT wrote:<br>Can you restart Outlook?</blockquote></div>", incoming=True, user=11,
          body_text="Done, still missing.\n\nOn Tue IT wrote:\nCan you restart Outlook?"),
    fconv(3, "<p>Mailbox permission was removed by the cleanup script.</p>", incoming=False, user=21, private=True),
])
NO_CONVERSATIONS_TICKET = {k: v for k, v in fticket(12).items() if k != "conversations"}
UNKNOWN_SIDE_TICKET = fticket(13, [fconv(1, "<p>Hello</p>", incoming=None, user=99)])
EMPTY_TICKET = fticket(14, [fconv(1, "<p> </p>", incoming=False, user=21)], description="", description_text="")


def test_freshdesk_array_description_roles_and_channel(tmp_path: Path) -> None:
    path = tmp_path / "tickets.json"
    path.write_text(json.dumps([MAILBOX_TICKET], indent=2), encoding="utf-8")
    assert detect_format(path) == "freshdesk"
    (conv,), errors = read(path)
    assert errors == []
    assert (conv.id, conv.source, conv.channel) == ("10", "freshdesk", "portal")
    assert [(m.role, m.author, m.text) for m in conv.messages] == [
        ("customer", "Ben Okafor", "The Billing mailbox vanished from Outlook."),
        ("agent", "21", "Sorry about that. Did it vanish after a restart?"),
        ("customer", "Ben Okafor", "Yes, right after.")]


def test_freshdesk_quoted_history_and_private_notes_left_out(tmp_path: Path) -> None:
    (conv,), errors = read(ndjson(tmp_path, "f.ndjson", QUOTED_REPLY_TICKET), format="freshdesk")
    assert errors == []
    assert [m.text for m in conv.messages][1:] == ["Can you restart Outlook?", "Done, still missing."]
    assert conv.meta["internal_notes"] == 1


def test_freshdesk_bad_records_name_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "tickets.json"
    path.write_text(json.dumps({"tickets": [MAILBOX_TICKET, NO_CONVERSATIONS_TICKET, UNKNOWN_SIDE_TICKET,
                                            EMPTY_TICKET]}, indent=1), encoding="utf-8")
    convs, errors = read(path)
    assert [c.id for c in convs] == ["10"]
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = [i + 1 for i, line in enumerate(lines) if line.startswith('  {')]  # each ticket's first line
    # The empty ticket's warnings about its blank parts go with it: one error for the record.
    assert [(e.line, e.field, is_warning(e)) for e in errors] == [
        (starts[1], "conversations", False), (starts[2], "conversations[0].incoming", False),
        (starts[3], "conversations", False)]
    assert "include=conversations" in errors[0].reason and "unknown author '99'" in errors[1].reason
    assert "no message with text" in errors[2].reason


# --- Intercom ------------------------------------------------------------------------------

def ipart(pid: int, kind: str, author: dict[str, Any] | None, body: str | None) -> dict[str, Any]:
    return {"type": "conversation_part", "id": str(pid), "part_type": kind, "body": body,
            "created_at": 1794300000 + pid * 60, "author": author}


USER = {"type": "user", "id": "u1", "name": "Tom Becker"}
ADMIN = {"type": "admin", "id": "a1", "name": "Lena Ortiz"}
BOT = {"type": "bot", "id": "b1", "name": "Fin"}


def iconv(cid: str = "100", parts: Any = None, **kw: Any) -> dict[str, Any]:
    c: dict[str, Any] = {"type": "conversation", "id": cid, "created_at": 1794300000, "state": "closed",
                         "source": {"type": "conversation", "id": "s1", "delivered_as": "customer_initiated",
                                    "subject": "", "body": "<p>Wi-Fi won't connect</p>", "author": USER}}
    c["conversation_parts"] = {"type": "conversation_part.list", "total_count": 5, "conversation_parts": [
        ipart(1, "comment", BOT, "<p>Which building are you in?</p>"),
        ipart(2, "assignment", BOT, None),
        ipart(3, "comment", ADMIN, "<p>Hi Tom, sorry about that. Is your phone connecting?</p>"),
        ipart(4, "note", ADMIN, "<p>Cert expired.</p>"),
        ipart(5, "close", ADMIN, None)]} if parts is None else parts
    c.update(kw)
    return c


WIFI_CHAT = iconv()
LIST_PAGE_CHAT = {k: v for k, v in iconv("101").items() if k != "conversation_parts"}
NO_AUTHOR_TYPE_CHAT = iconv("102", [ipart(1, "comment", {"id": "x"}, "<p>Sent to your manager.</p>")])
EMPTY_COMMENT_CHAT = iconv("103", [ipart(1, "comment", ADMIN, "<p></p>"), ipart(2, "comment", ADMIN, "<p>Hi!</p>")])


def test_intercom_parts_roles_events_and_notes(tmp_path: Path) -> None:
    path = tmp_path / "conversations.json"
    path.write_text(json.dumps({"type": "conversation.list", "conversations": [WIFI_CHAT]}), encoding="utf-8")
    assert detect_format(path) == "intercom"
    (conv,), errors = read(path)
    assert errors == []
    assert (conv.id, conv.source, conv.channel) == ("100", "intercom", "chat")
    assert [(m.id, m.role, m.author) for m in conv.messages] == [
        ("s1", "customer", "Tom Becker"), ("1", "system", "Fin"), ("3", "agent", "Lena Ortiz")]
    assert conv.messages[1].sent_at is not None and conv.messages[1].sent_at.year == 2026
    assert conv.meta["internal_notes"] == 1
    (scored,), _ = read(path, role_map={"bot": "agent"})  # a team that wants its bot scored
    assert scored.messages[1].role == "agent"


def test_intercom_bad_records_name_line_and_field(tmp_path: Path) -> None:
    path = ndjson(tmp_path, "c.ndjson", WIFI_CHAT, LIST_PAGE_CHAT, NO_AUTHOR_TYPE_CHAT, EMPTY_COMMENT_CHAT)
    convs, errors = read(path, format="intercom")
    assert [c.id for c in convs] == ["100", "103"]
    assert where(errors) == [(2, "conversation_parts"), (3, "conversation_parts[0].author.type"),
                             (4, "conversation_parts[0].body")]
    assert "GET /conversations/{id}" in errors[0].reason and is_warning(errors[2])


def test_intercom_truncated_parts_warn(tmp_path: Path) -> None:
    chat = iconv("104", {"total_count": 900, "conversation_parts": [ipart(1, "comment", ADMIN, "<p>Hello</p>")]})
    (conv,), errors = read(ndjson(tmp_path, "c.ndjson", chat), format="intercom")
    assert len(conv.messages) == 2 and is_warning(errors[0]) and "1 of 900" in errors[0].reason


# --- shapes, detection, broken JSON, streaming -------------------------------------------

def test_detection_and_explicit_format(tmp_path: Path) -> None:
    z = ndjson(tmp_path, "z.json", VPN_TICKET)
    f = ndjson(tmp_path, "f.jsonl", MAILBOX_TICKET)
    i = ndjson(tmp_path, "noext", WIFI_CHAT)
    assert (detect_format(z), detect_format(f), detect_format(i)) == ("zendesk", "freshdesk", "intercom")
    canonical = ndjson(tmp_path, "c.jsonl", {"id": "c", "author_id": 3, "messages": [{"role": "agent", "text": "x"}]})
    assert detect_format(canonical) == "jsonl"  # canonical records win over an extra key
    mixed = ndjson(tmp_path, "m.json", VPN_TICKET, MAILBOX_TICKET)
    with pytest.raises(InputError, match="more than one help-desk export"):
        detect_format(mixed)
    convs, errors = read(z, format="freshdesk")  # the wrong format, forced: every record says why
    assert convs == [] and where(errors) == [(1, "conversations")]


def test_single_pretty_object_gzip_and_broken_json(tmp_path: Path) -> None:
    pretty = tmp_path / "one.json"
    pretty.write_text(json.dumps(VPN_TICKET, indent=2), encoding="utf-8")
    assert [c.id for c in read(pretty)[0]] == ["1"]
    gz = tmp_path / "z.ndjson.gz"
    gz.write_bytes(gzip.compress((json.dumps(VPN_TICKET) + "\n" + json.dumps(NOTE_TICKET) + "\n").encode()))
    assert [c.id for c in read(gz)[0]] == ["1", "2"]
    # NDJSON: a broken line costs that line. An array: the rest cannot be found, so it stops there.
    lines = ndjson(tmp_path, "z.ndjson", VPN_TICKET, NOTE_TICKET)
    lines.write_text(lines.read_text() + '{"id": 3, "comments": [\n' + json.dumps(HTML_ONLY_TICKET) + "\n")
    convs, errors = read(lines, format="zendesk")
    assert [c.id for c in convs] == ["1", "2", "3"] and where(errors) == [(3, None)]
    array = tmp_path / "a.json"
    array.write_text("[\n" + json.dumps(VPN_TICKET) + ",\n" + json.dumps(NOTE_TICKET)[:-1] + ",\n"
                     + json.dumps(HTML_ONLY_TICKET) + "\n]\n", encoding="utf-8")
    convs, errors = read(array, format="zendesk")
    assert [c.id for c in convs] == ["1"] and len(errors) == 1 and errors[0].line is not None
    assert errors[0].line >= 3 and "rest of the file could not be read" in errors[0].reason


def test_big_array_streams_in_bounded_memory(tmp_path: Path) -> None:
    """A 20 MB single-line JSON array is read record by record, not loaded whole."""
    path = tmp_path / "big.json"
    filler = "All good here, thanks for checking. " * 120
    with path.open("w", encoding="utf-8") as f:
        f.write("[")
        for n in range(4000):
            t = zticket(n, [zc(1, REQUESTER, f"Ticket {n}: {filler}"), zc(2, AGENT, "Glad it works now!")])
            f.write(("," if n else "") + json.dumps(t))
        f.write("]")
    assert path.stat().st_size > 15_000_000
    tracemalloc.start()
    count = sum(1 for item in read_conversations([path]) if not isinstance(item, RecordError))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 4000
    assert peak < 8_000_000, f"peak {peak:,} bytes"


def test_html_to_text_edges() -> None:
    assert html_to_text("<p>a</p><script>alert(1)</script><style>p{}</style><p>b &amp; c</p>") == "a\n\nb & c"
    assert html_to_text('<div>Yes.</div><div class="gmail_quote">On Mon X wrote:<div>old</div></div>') == "Yes."
    assert html_to_text("<ul><li>one<li>two</ul>") == "- one\n- two"
    assert html_to_text("<table><tr><td>OS</td><td>Windows 11</td></tr></table>") == "OS Windows 11"
    assert html_to_text("<p>   </p><br><br>") == ""


# --- the bundled examples ------------------------------------------------------------------

@pytest.mark.parametrize(("name", "kind", "good", "bad_field"), [
    ("zendesk-tickets.ndjson", "zendesk", 4, "comments[1].author_id"),
    ("freshdesk-tickets.json", "freshdesk", 3, "conversations"),
    ("intercom-conversations.json", "intercom", 3, "conversation_parts[0].author.type"),
])
def test_bundled_examples(name: str, kind: str, good: int, bad_field: str) -> None:
    path = HELPDESK / name
    assert detect_format(path) == kind
    convs, errors = read(path)
    assert len(convs) == good
    bad = [e for e in errors if not is_warning(e)]
    assert [e.field for e in bad] == [bad_field] and bad[0].line and bad[0].file == str(path)
    assert all({m.role for m in c.messages} >= {"customer", "agent"} for c in convs)
