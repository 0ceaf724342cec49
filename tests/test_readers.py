"""Readers: every format's happy path, every kind of bad input, streaming memory, real data."""

from __future__ import annotations

import gzip
import io
import json
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

import pytest

from patiently.errors import InputError, RecordError
from patiently.model import Conversation
from patiently.readers import ReadOptions, detect_format, is_warning, read_conversations
from patiently.readers._common import iter_lines

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def read(path: Path, **options: object) -> tuple[list[Conversation], list[RecordError]]:
    convs: list[Conversation] = []
    errors: list[RecordError] = []
    for item in read_conversations([path], ReadOptions(**options)):  # type: ignore[arg-type]
        (errors if isinstance(item, RecordError) else convs).append(item)  # type: ignore[arg-type]
    return convs, errors


def jline(cid: object = "c1", **kw: object) -> str:
    obj: dict[str, object] = {"id": cid, "messages": [
        {"role": "customer", "text": "My laptop will not boot."},
        {"role": "agent", "text": "Sorry to hear that. What do you see on screen?"},
    ]}
    obj.update(kw)
    return json.dumps(obj)


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def only(errors: list[RecordError]) -> RecordError:
    assert len(errors) == 1, [e.to_dict() for e in errors]
    return errors[0]


# --- JSONL ---------------------------------------------------------------------------------

def test_jsonl_full_record(tmp_path: Path) -> None:
    rec = {
        "id": 42, "channel": "chat", "source": "desk", "subject": "VPN", "labels": {"negative": True},
        "priority": "high",
        "messages": [
            {"id": 7, "role": "User", "author": "ann", "text": "VPN drops", "sent_at": "2024-05-01T09:00:00Z",
             "labels": {"frustrated": 1}, "lang": "en"},
            {"role": "support", "author": "sam", "text": "Which client version?",
             "sent_at": "2024-05-01 09:02"},
            {"id": "7", "role": "customer", "text": "4.2"},
            {"role": "BOT", "text": "Ticket updated", "sent_at": "2024-05-01T09:05:00+02:00"},
        ],
    }
    convs, errors = read(write(tmp_path, "a.jsonl", json.dumps(rec) + "\n\n"))
    assert errors == []
    (c,) = convs
    assert (c.id, c.channel, c.source, c.subject) == ("42", "chat", "desk", "VPN")
    assert c.labels == {"negative": True} and c.meta == {"priority": "high"}
    m = c.messages
    assert [x.role for x in m] == ["customer", "agent", "customer", "system"]
    assert [x.id for x in m] == ["7", "m2", "7-2", "m4"]
    assert m[2].meta == {"original_id": "7"}
    assert m[0].labels == {"frustrated": 1} and m[0].meta == {"lang": "en"}
    assert m[0].sent_at == datetime(2024, 5, 1, 9, tzinfo=UTC)
    assert m[1].sent_at == datetime(2024, 5, 1, 9, 2, tzinfo=UTC)  # naive -> UTC
    assert m[3].sent_at is not None and m[3].sent_at.utcoffset().total_seconds() == 7200  # type: ignore[union-attr]
    assert m[2].sent_at is None and m[1].author == "sam"


def test_jsonl_custom_role_map(tmp_path: Path) -> None:
    line = json.dumps({"id": "x", "messages": [{"role": "Kunde", "text": "Hallo"}]})
    convs, errors = read(write(tmp_path, "a.jsonl", line), role_map={"kunde": "customer"})
    assert not errors and convs[0].messages[0].role == "customer"


@pytest.mark.parametrize(("record", "field", "reason"), [
    ('{"id": "a", "messages": [', None, "invalid JSON"),
    ('["not", "an", "object"]', None, "JSON object"),
    (jline(None), "id", "missing conversation id"),
    (jline(""), "id", "missing conversation id"),
    ('{"id": "a"}', "messages", "missing messages"),
    ('{"id": "a", "messages": []}', "messages", "no messages"),
    ('{"id": "a", "messages": [{"role": "customer", "text": "hi"}, "x"]}', "messages[1]", "JSON object"),
    ('{"id": "a", "messages": [{"text": "hi"}]}', "messages[0].role", "missing role"),
    ('{"id": "a", "messages": [{"role": "customer", "text": "hi"}, {"role": "boss", "text": "x"}]}',
     "messages[1].role", "allowed roles are customer, agent, system"),
    ('{"id": "a", "messages": [{"role": "agent"}]}', "messages[0].text", "missing text"),
    ('{"id": "a", "messages": [{"role": "agent", "text": "  \\n "}]}', "messages[0].text", "empty text"),
    ('{"id": "a", "messages": [{"role": "agent", "text": 5}]}', "messages[0].text", "must be a string"),
    ('{"id": "a", "labels": [1], "messages": [{"role": "agent", "text": "x"}]}', "labels", "labels must be"),
    (jline(True), "id", "must be a string or a number, not a boolean"),
    (jline({"a": 1}), "id", "must be a string or a number, not an object"),
])
def test_jsonl_bad_records(tmp_path: Path, record: str, field: str | None, reason: str) -> None:
    path = write(tmp_path, "bad.jsonl", jline("ok1") + "\n\n" + record + "\n" + jline("ok2") + "\n")
    convs, errors = read(path)
    assert [c.id for c in convs] == ["ok1", "ok2"]
    err = only(errors)
    assert (err.file, err.line, err.field) == (str(path), 3, field)
    assert reason in err.reason
    assert err.to_dict()["line"] == 3


def test_jsonl_three_broken_lines_among_valid(tmp_path: Path) -> None:
    lines = [jline(f"c{i}") for i in range(10)]
    lines[2] = "{broken"
    lines[5] = jline("c5", messages=[{"role": "alien", "text": "hi"}])
    lines[9] = '{"messages": []}'
    convs, errors = read(write(tmp_path, "mix.jsonl", "\n".join(lines)))
    assert len(convs) == 7 and len(errors) == 3
    assert [e.line for e in errors] == [3, 6, 10]
    assert [e.field for e in errors] == [None, "messages[0].role", "id"]


def test_jsonl_non_utf8_line_costs_only_that_line(tmp_path: Path) -> None:
    data = (jline("a") + "\n").encode() + b'{"id": "b", "messages": [{"role": "agent", "text": "caf\xe9"}]}\n'
    data += (jline("c") + "\n").encode()
    convs, errors = read(write(tmp_path, "enc.jsonl", data))
    assert [c.id for c in convs] == ["a", "c"]
    err = only(errors)
    assert err.line == 2 and err.field is None and "not valid utf-8" in err.reason
    # ... and the right encoding reads it.
    convs, errors = read(tmp_path / "enc.jsonl", encoding="latin-1")
    assert not errors and convs[1].messages[0].text == "café"


def test_jsonl_limits(tmp_path: Path) -> None:
    long = jline("long", messages=[{"role": "customer", "text": "x" * 101}])
    many = jline("many", messages=[{"role": "customer", "text": "hi"}] * 4)
    convs, errors = read(write(tmp_path, "lim.jsonl", f"{long}\n{many}\n{jline()}\n"),
                         max_message_chars=100, max_messages=3)
    assert [c.id for c in convs] == ["c1"]
    assert (errors[0].line, errors[0].field) == (1, "messages[0].text")
    assert "101" in errors[0].reason and "100" in errors[0].reason and "max_message_chars" in errors[0].reason
    assert (errors[1].line, errors[1].field) == (2, "messages")
    assert "max_messages" in errors[1].reason


def test_jsonl_bad_timestamp_is_a_warning_and_keeps_the_conversation(tmp_path: Path) -> None:
    rec = jline("t", messages=[{"role": "customer", "text": "hi", "sent_at": "yesterday"},
                               {"role": "agent", "text": "hello", "sent_at": "2024-01-01T10:00:00Z"}])
    items = list(read_conversations([write(tmp_path, "t.jsonl", rec)]))
    assert len(items) == 2
    warn, conv = items
    assert isinstance(warn, RecordError) and isinstance(conv, Conversation)
    assert warn.reason.startswith("warning:") and is_warning(warn)
    assert (warn.line, warn.field) == (1, "messages[0].sent_at")
    assert conv.messages[0].sent_at is None and conv.messages[1].sent_at is not None


def test_jsonl_wrong_types_in_optional_fields_are_warnings_not_reprs(tmp_path: Path) -> None:
    # They used to become "{'x': 1}", "['a']", "True": Python's repr, in the results.
    rec = jline("w", channel=["a"], source=True, subject={"s": 1}, messages=[
        {"role": "customer", "text": "hi", "author": {"x": 1}, "id": {"a": 1}},
        {"role": "agent", "text": "hello", "author": 42, "id": 7},
    ])
    items = list(read_conversations([write(tmp_path, "w.jsonl", rec)]))
    warnings = [i for i in items if isinstance(i, RecordError)]
    (conv,) = [i for i in items if isinstance(i, Conversation)]
    assert all(is_warning(w) and w.line == 1 for w in warnings)
    assert {w.field for w in warnings} == {"messages[0].author", "messages[0].id", "channel", "source", "subject"}
    assert "author must be a string or a number, not an object" in \
        next(w.reason for w in warnings if w.field == "messages[0].author")
    assert (conv.channel, conv.source, conv.subject) == (None, None, None)
    m = conv.messages
    assert (m[0].id, m[0].author) == ("m1", None)  # the message is kept, without the bad values
    assert (m[1].id, m[1].author) == ("7", "42")  # numbers stay accepted, as text


@pytest.mark.parametrize(("message", "field", "reason"), [
    ({"role": "customer", "text": "\ud800 lone surrogate"}, "messages[0].text",
     "text is not valid Unicode: a lone surrogate at character 1"),
    ({"role": "customer", "text": "ok", "author": "ann\udc00"}, "messages[0].author",
     "author is not valid Unicode: a lone surrogate at character 4"),
    ({"role": "customer", "text": "ok", "extra": {"k\ud800": 1}}, "messages[0].extra",
     "a key is not valid Unicode"),
])
def test_jsonl_lone_surrogate_costs_its_record_only(tmp_path: Path, message: dict[str, object], field: str,
                                                    reason: str) -> None:
    # json.dumps writes the lone surrogate as the escape "\ud800": valid JSON, not valid Unicode.
    bad = json.dumps({"id": "s", "messages": [message]})
    emoji = jline("e", messages=[{"role": "customer", "text": "ok \U0001f600"}])  # a pair: fine
    path = write(tmp_path, "s.jsonl", f"{jline('ok1')}\n{bad}\n{emoji}\n")
    convs, errors = read(path)
    assert [c.id for c in convs] == ["ok1", "e"] and convs[1].messages[0].text == "ok \U0001f600"
    err = only(errors)
    assert (err.file, err.line, err.field) == (str(path), 2, field) and not is_warning(err)
    assert err.reason.startswith(reason)


def test_analyze_keeps_every_valid_conversation_beside_a_lone_surrogate(tmp_path: Path) -> None:
    """The QA case: the tokenizer raised on the surrogate in the corpus pass and the run lost
    every conversation; now the record is one error and the rest is analysed and written."""
    from patiently.analyze import analyze_files

    bad = '{"id": "s7", "messages": [{"role": "customer", "text": "\\ud800 lone surrogate"}]}'
    path = write(tmp_path, "s.jsonl", f"{jline('g')}\n{bad}\n{jline('h')}\n")
    out = io.StringIO()
    run = analyze_files([path], out=out)
    assert run.conversations == 2 and [json.loads(x)["id"] for x in out.getvalue().splitlines()] == ["g", "h"]
    err = only(run.errors)
    assert (err.line, err.field) == (2, "messages[0].text") and "not valid Unicode" in err.reason


def test_jsonl_array_file_is_an_input_error(tmp_path: Path) -> None:
    path = write(tmp_path, "arr.json", "[\n" + jline() + "\n]\n")
    with pytest.raises(InputError, match="JSON array"):
        list(read_conversations([path]))
    with pytest.raises(InputError, match="JSON array"):
        list(read_conversations([path], ReadOptions(format="jsonl")))


# --- CSV -----------------------------------------------------------------------------------

CSV_OK = (
    "\ufeffconversation_id,role,author,text,timestamp,message_id,channel,queue\n"
    "t1,customer,ann,Printer offline,2024-05-01T09:00:00Z,,email,L1\n"
    't1,agent,sam,"Is it plugged in?\nAnd on?",2024-05-01T09:05:00,,,\n'
    "t1,Customer,ann,yes,,,,\n"
    "t2,user,bob,hello,,x1,chat,\n"
    "t2,Helpdesk,,hi,,x1,,\n"
)


def test_csv_groups_rows_into_conversations(tmp_path: Path) -> None:
    convs, errors = read(write(tmp_path, "a.csv", CSV_OK))
    assert errors == []
    t1, t2 = convs
    assert t1.id == "t1" and t1.channel == "email" and len(t1.messages) == 3
    assert [m.id for m in t1.messages] == ["m1", "m2", "m3"]
    assert t1.messages[1].text == "Is it plugged in?\nAnd on?"
    assert t1.messages[1].sent_at == datetime(2024, 5, 1, 9, 5, tzinfo=UTC)
    assert t1.messages[0].meta == {"queue": "L1"} and t1.messages[1].meta == {}
    assert [m.role for m in t2.messages] == ["customer", "agent"]
    assert [m.id for m in t2.messages] == ["x1", "x1-2"] and t2.messages[1].author is None


def test_csv_column_mapping(tmp_path: Path) -> None:
    text = "Ticket,Who,Body\n9,user,hi\n9,support,hello\n"
    columns = {"conversation_id": "ticket", "role": "Who", "text": "Body"}
    convs, errors = read(write(tmp_path, "m.csv", text), csv_columns=columns)
    assert not errors and convs[0].id == "9" and len(convs[0].messages) == 2


def test_csv_missing_columns_is_one_error(tmp_path: Path) -> None:
    path = write(tmp_path, "m.csv", "ticket,speaker,text\n1,customer,hi\n1,agent,hello\n")
    convs, errors = read(path)
    err = only(errors)
    assert not convs and (err.line, err.field) == (1, None)
    assert "'conversation_id'" in err.reason and "'role'" in err.reason
    assert "ticket, speaker, text" in err.reason


def test_csv_bad_rows(tmp_path: Path) -> None:
    text = (
        "conversation_id,role,text,timestamp\n"
        "a,customer,hi,2024-01-01\n"
        "a,manager,hello,\n"      # line 3: unknown role -> conversation a skipped
        "a,agent,ok,\n"
        "b,customer,,\n"          # line 5: empty text -> b skipped
        "c,customer,hi,not a time\n"  # line 6: warning only
        "c,agent,hello,\n"
        ",customer,orphan,\n"     # line 8: no conversation id
        'd,customer,"two\nlines",\n'
        "c,agent,late,\n"         # line 11: c reappears
        "c,agent,later,\n"
        "e,agent,fine,\n"
    )
    path = write(tmp_path, "bad.csv", text)
    items = list(read_conversations([path]))
    got = [(i.line, i.field, i.reason[:20]) if isinstance(i, RecordError) else i.id for i in items]
    assert got == [
        (3, "role", "unknown role 'manage"),
        (5, "text", "empty text"),
        (8, "conversation_id", "missing conversation"),  # does not end conversation c
        (6, "timestamp", "warning: unparseable"),
        "c",
        "d",
        (11, "conversation_id", "rows of conversation"),
        "e",
    ]
    assert "allowed roles are" in items[0].reason  # type: ignore[union-attr]
    assert "Sort the file" in items[6].reason  # type: ignore[union-attr]


def test_csv_non_utf8_and_limits(tmp_path: Path) -> None:
    data = b"conversation_id,role,text\na,customer,caf\xe9\nb,customer,ok\nc,agent," + b"y" * 50 + b"\n"
    convs, errors = read(write(tmp_path, "e.csv", data), max_message_chars=20)
    assert [c.id for c in convs] == ["b"]
    assert [(e.line, e.field) for e in errors] == [(2, "text"), (4, "text")]
    assert "utf-8" in errors[0].reason and "max_message_chars" in errors[1].reason


def test_csv_max_messages(tmp_path: Path) -> None:
    text = "conversation_id,role,text\n" + "a,customer,hi\n" * 4 + "b,agent,x\n"
    convs, errors = read(write(tmp_path, "n.csv", text), max_messages=3)
    assert [c.id for c in convs] == ["b"] and only(errors).line == 5 and "max_messages" in errors[0].reason


# --- TWCS ----------------------------------------------------------------------------------

TWCS = (
    ",tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
    "0,1,AcmeCare,False,Tue Oct 31 22:10:47 +0000 2017,@c1 Please DM us,2,3.0\n"
    "1,2,c1,True,Tue Oct 31 22:11:45 +0000 2017,@AcmeCare done,,1.0\n"
    "2,3,c1,True,Tue Oct 31 22:08:27 +0000 2017,@AcmeCare my router is dead,1,\n"
    "3,10,AcmeCare,False,Mon Oct 30 15:00:02 +0000 2017,Promo today!,11,\n"  # broadcast: skipped
    "4,11,c2,True,Mon Oct 30 15:10:00 +0000 2017,@AcmeCare cool,,10.0\n"
    "5,20,c3,True,Tue Oct 31 10:00:00 +0000 2017,@AcmeCare help,21,\n"   # unanswered: skipped
    "6,30,AcmeCare,False,Tue Oct 31 11:00:00 +0000 2017,@c4 sure,,31.0\n"
    "7,31,c4,True,Tue Oct 31 10:59:00 +0000 2017,@AcmeCare reply to lost tweet,30,99.0\n"  # orphan root
    "8,40,c5,maybe,Tue Oct 31 10:59:00 +0000 2017,@AcmeCare ?,,\n"
    '9,50,c6,True,Tue Oct 31 09:00:00 +0000 2017,"@AcmeCare two\nlines",51,\n'
    "10,51,AcmeCare,False,bad time,@c6 hi,,50\n"
)


def test_twcs_rebuilds_threads(tmp_path: Path) -> None:
    path = write(tmp_path, "tw.csv", TWCS)
    assert detect_format(path) == "twcs"
    convs, errors = read(path)
    assert [c.id for c in convs] == ["twcs-3", "twcs-31", "twcs-50"]
    t3 = convs[0]
    assert [m.id for m in t3.messages] == ["3", "1", "2"]
    assert [m.role for m in t3.messages] == ["customer", "agent", "customer"]
    assert t3.messages[1].author == "AcmeCare" and t3.channel == "social" and t3.source == "twcs"
    assert t3.messages[0].sent_at == datetime(2017, 10, 31, 22, 8, 27, tzinfo=UTC)
    assert t3.messages[1].meta == {"in_reply_to": "3"}
    assert convs[2].messages[0].text == "@AcmeCare two\nlines"
    assert convs[2].messages[1].sent_at is None
    got = [(e.line, e.field, is_warning(e)) for e in errors]
    assert got == [(10, "inbound", False), (13, "created_at", True)]


def test_twcs_without_index_column_and_bare_carriage_return(tmp_path: Path) -> None:
    data = (b"tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
            b"5,u1,True,Tue Oct 31 18:13:06 +0000 2017,@Pay \r\rI love it,4,\n"
            b"4,Pay,False,Tue Oct 31 22:41:28 +0000 2017,@u1 sorry,,5.0\n")
    convs, errors = read(write(tmp_path, "tw2.csv", data))
    assert not errors
    assert [m.id for m in convs[0].messages] == ["5", "4"] and "I love it" in convs[0].messages[0].text


def test_twcs_wrong_header(tmp_path: Path) -> None:
    convs, errors = read(write(tmp_path, "x.csv", "tweet_id,author_id,inbound\n1,a,True\n"), format="twcs")
    assert not convs and only(errors).line == 1 and "created_at" in errors[0].reason


# --- transcripts ---------------------------------------------------------------------------

TRANSCRIPT = """Subject: Outlook crashes
[09:12] Customer: Outlook crashes when I open it.
It started this morning.

  Error: 0x800
[09:15] Agent (sam): Sorry about that. Which version?
[23:59] User: 2016
[00:01] Support (sam): Thanks
---
Customer: second chat
Agent: ok


Client: third chat
Tech: sure
"""


def test_transcript(tmp_path: Path) -> None:
    path = write(tmp_path, "chat.txt", TRANSCRIPT)
    assert detect_format(path) == "transcript"
    convs, errors = read(path)
    assert errors == [] and [c.id for c in convs] == ["chat-1", "chat-2", "chat-3"]
    c = convs[0]
    assert c.subject == "Outlook crashes" and c.meta == {"date_unknown": True}
    assert c.messages[0].text == "Outlook crashes when I open it.\nIt started this morning.\n\n  Error: 0x800"
    assert [m.role for m in c.messages] == ["customer", "agent", "customer", "agent"]
    assert c.messages[1].author == "sam" and c.messages[0].author is None
    assert c.messages[0].sent_at == datetime(1970, 1, 1, 9, 12, tzinfo=UTC)
    assert c.messages[3].sent_at == datetime(1970, 1, 2, 0, 1, tzinfo=UTC)  # past midnight
    assert [m.role for m in convs[2].messages] == ["customer", "agent"]


def test_transcript_iso_times_and_role_map(tmp_path: Path) -> None:
    text = "[2024-05-01 09:00] Ann: hi\n[2024-05-01T09:03:00Z] Sam: hello\n"
    convs, errors = read(write(tmp_path, "t.log", text), role_map={"ann": "customer", "Sam": "agent"})
    assert not errors and convs[0].messages[1].sent_at == datetime(2024, 5, 1, 9, 3, tzinfo=UTC)
    assert convs[0].meta == {}


def test_transcript_errors(tmp_path: Path) -> None:
    text = ("Customer: hi\nManager: what?\nAgent: hello\n---\n"
            "no speaker here\nAgent: x\n---\n"
            "Customer:\nAgent: hm\n---\n"
            "[when?] Customer: hi\nAgent: hey\n")
    path = write(tmp_path, "t.txt", text)
    items = list(read_conversations([path]))
    got = [(i.line, i.field) if isinstance(i, RecordError) else i.id for i in items]
    assert got == [(2, "role"), (5, "role"), (8, "text"), (11, "time"), "t-4"]
    assert "unknown speaker 'Manager'" in items[0].reason  # type: ignore[union-attr]
    assert is_warning(items[3])  # type: ignore[arg-type]


def test_transcript_limits_and_bad_bytes(tmp_path: Path) -> None:
    data = b"Customer: " + b"z" * 30 + b"\n---\nCustomer: caf\xe9\n---\nCustomer: a\nAgent: b\nCustomer: c\n"
    convs, errors = read(write(tmp_path, "t.txt", data), max_message_chars=20, max_messages=2)
    assert not convs
    assert [(e.line, e.field) for e in errors] == [(1, "text"), (3, "text"), (7, None)]


# --- detection, files, options -----------------------------------------------------------

def test_detect_format(tmp_path: Path) -> None:
    assert detect_format(write(tmp_path, "a.ndjson", jline())) == "jsonl"
    assert detect_format(write(tmp_path, "a.csv", CSV_OK)) == "csv"
    assert detect_format(write(tmp_path, "noext", jline())) == "jsonl"
    assert detect_format(write(tmp_path, "export.dat", CSV_OK)) == "csv"
    assert detect_format(write(tmp_path, "chat.md", "Customer: hi\nAgent: yo\n")) == "transcript"
    with pytest.raises(InputError, match="cannot tell the input format"):
        detect_format(write(tmp_path, "x.bin", "\x00\x01 nothing useful"))


def test_missing_file_and_folder_and_gzip(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.jsonl: file not found"):
        list(read_conversations([tmp_path / "nope.jsonl"]))
    with gzip.open(tmp_path / "z.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(jline("gz") + "\n")
    write(tmp_path, "b.csv", CSV_OK)
    write(tmp_path, "notes.bin", "ignored")
    convs, errors = read(tmp_path)
    assert not errors and sorted(c.id for c in convs) == ["gz", "t1", "t2"]


def test_options_are_validated() -> None:
    with pytest.raises(InputError, match="unknown input format"):
        ReadOptions(format="xml")
    with pytest.raises(InputError, match="role_map"):
        ReadOptions(role_map={"boss": "manager"})
    with pytest.raises(InputError, match="csv_columns"):
        ReadOptions(csv_columns={"body": "text"})


# --- streaming and real data ---------------------------------------------------------------

def test_streaming_50mb_jsonl_keeps_memory_low(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    text = "Still no network after the restart, the light is orange. " * 35
    line = json.dumps({"id": "x", "messages": [{"role": "customer", "text": text}] * 10}) + "\n"
    with path.open("w", encoding="utf-8") as f:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            f.write(line)
    assert path.stat().st_size > 50 * 1024 * 1024
    start = time.perf_counter()
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_conversations([path]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count > 2000
    assert peak < 30 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"
    assert time.perf_counter() - start < 60


def test_real_shared_data() -> None:
    # Not marked slow: reading both files takes well under a second.
    conversations = SHARED_DATA / "conversations"
    if not conversations.exists():
        pytest.skip("../shared/data is not available")
    convs, errors = read(conversations / "ubuntu-irc-train.jsonl")
    assert not errors and len(convs) == 3450 and sum(len(c.messages) for c in convs) == 50330
    ref = [json.loads(line) for line in (conversations / "twcs-first-5000.jsonl").open(encoding="utf-8")]
    convs, errors = read(conversations / "twcs-first-5000.csv")
    assert not errors
    # The provider's 1,287 threads plus twcs-3399, whose root tweet holds bare carriage returns
    # that made the provider's CSV parser drop it.
    assert len(ref) == 1287 and len(convs) == 1288
    mine = {c.id: {m.id for m in c.messages} for c in convs}
    assert set(mine) - {r["id"] for r in ref} == {"twcs-3399"}
    assert all(mine[r["id"]] == {m["id"] for m in r["messages"]} for r in ref)


def test_runaway_line_is_skipped_not_loaded() -> None:
    data = io.BytesIO(b"short\n" + b"x" * 100 + b"\nlast")
    got = list(iter_lines(data, "utf-8", limit=10))
    assert got[0] == (1, "short\n", None)
    assert got[1][0] == 2 and got[1][1] is None and "longer than 10 bytes" in (got[1][2] or "")
    assert got[2] == (3, "last", None)


def test_a_renamed_duplicate_id_keeps_the_message_s_own_original_id(tmp_path: Path) -> None:
    rec = {"id": "c1", "messages": [
        {"id": "7", "role": "customer", "text": "VPN drops", "original_id": "zendesk-1"},
        {"id": "7", "role": "agent", "text": "Which client?", "original_id": "zendesk-2"},
    ]}
    convs, errors = read(write(tmp_path, "a.jsonl", json.dumps(rec) + "\n"))
    assert errors == []
    m = convs[0].messages
    assert [x.id for x in m] == ["7", "7-2"]
    assert m[0].meta == {"original_id": "zendesk-1"}  # not renamed: kept as the record has it
    assert m[1].meta == {"original_id": "7", "meta_original_id": "zendesk-2"}  # the reader's key, and theirs


def test_advice_in_errors_names_the_command_line_flags(tmp_path: Path) -> None:
    """The advice named Python's role_map / csv_columns only, and Intercom said "author type None"."""
    _, errors = read(write(tmp_path, "a.jsonl", json.dumps({"id": "c", "messages": [
        {"role": "cust", "text": "hi"}]}) + "\n"))
    assert "--role NAME=ROLE" in errors[0].reason
    _, errors = read(write(tmp_path, "a.csv", "ticket,body\n1,hi\n"))
    assert "--csv-column FIELD=NAME" in errors[0].reason
