"""CSV edge cases from QA pass 3: columns named like message fields, duplicate headers,
delimiters, and quotes that are never closed."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from patiently.cli import cli
from patiently.errors import InputError, RecordError
from patiently.model import Conversation, Message
from patiently.readers import ReadOptions, is_warning, read_conversations


def read(path: Path, **options: object) -> tuple[list[Conversation], list[RecordError]]:
    convs: list[Conversation] = []
    errors: list[RecordError] = []
    for item in read_conversations([path], ReadOptions(**options)):  # type: ignore[arg-type]
        (errors if isinstance(item, RecordError) else convs).append(item)  # type: ignore[arg-type]
    return convs, errors


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


ID_COLUMN = (
    "id,conversation_id,role,author,text,sent_at\n"
    '101,c1,customer,dana,"my vpn is broken, this is ridiculous!!!",2026-10-05T09:12:00Z\n'
    '102,c1,agent,sam,"As I said, just restart it.",2026-10-05T09:13:00Z\n'
    "103,c1,customer,dana,still broken,2026-10-05T11:13:00Z\n"
)


# --- columns named like the message's own fields ---------------------------------------------

def test_meta_never_replaces_a_message_s_own_fields() -> None:
    m = Message("m1", "agent", "scored text", author="sam", meta={"id": "101", "text": "other", "labels": "x"})
    d = m.to_dict()
    assert (d["id"], d["text"], d["author"]) == ("m1", "scored text", "sam")
    assert (d["meta_id"], d["meta_text"], d["meta_labels"]) == ("101", "other", "x")
    conv = Conversation("c1", (m,), channel="chat", meta={"id": "x", "messages": 3, "meta_id": "y"})
    c = conv.to_dict()
    assert c["id"] == "c1" and c["meta_id"] == "y" and c["meta_meta_id"] == "x" and c["meta_messages"] == 3
    assert c["messages"][0]["id"] == "m1"


def test_id_and_sent_at_columns_are_the_message_id_and_time(tmp_path: Path) -> None:
    convs, errors = read(write(tmp_path, "idcol.csv", ID_COLUMN))
    assert errors == []
    (c1,) = convs
    assert [m.id for m in c1.messages] == ["101", "102", "103"]
    assert all(m.sent_at is not None for m in c1.messages) and all(m.meta == {} for m in c1.messages)


def test_unused_columns_named_like_fields_are_kept_apart_with_a_warning(tmp_path: Path) -> None:
    text = ("message_id,id,conversation_id,role,author,body,text,timestamp,sent_at\n"
            "x1,101,c1,customer,dana,scored,FIRST,2026-10-05T09:12:00Z,yesterday\n")
    convs, errors = read(write(tmp_path, "f.csv", text), csv_columns={"text": "body"})
    assert all(is_warning(e) and e.line == 1 for e in errors)
    assert [e.field for e in errors] == ["id", "text", "sent_at"]
    assert "message_id comes from column 'message_id'" in errors[0].reason and "meta_id" in errors[0].reason
    d = convs[0].messages[0].to_dict()
    assert (d["id"], d["text"], d["sent_at"]) == ("x1", "scored", "2026-10-05T09:12:00+00:00")
    assert (d["meta_id"], d["meta_text"], d["meta_sent_at"]) == ("101", "FIRST", "yesterday")


def test_a_field_column_named_twice_is_an_error(tmp_path: Path) -> None:
    text = "conversation_id,role,author,text,TEXT\nc1,customer,dana,FIRST,SECOND\n"
    convs, errors = read(write(tmp_path, "dup.csv", text))
    (err,) = errors
    assert not convs and (err.line, err.field) == (1, "text") and not is_warning(err)
    assert "2 times (columns 4, 5)" in err.reason and str(tmp_path / "dup.csv") in str(err)


def test_other_columns_named_twice_keep_both_values(tmp_path: Path) -> None:
    text = "conversation_id,role,text,note,note,original_id\nc1,customer,hi,a,b,o\nc1,agent,hello,,,\n"
    convs, errors = read(write(tmp_path, "n.csv", text))
    assert [(e.line, e.field) for e in errors] == [(1, "note"), (1, "original_id")]
    assert all(is_warning(e) for e in errors) and "'note-2'" in errors[0].reason
    assert convs[0].messages[0].meta == {"note": "a", "note-2": "b", "original_id-2": "o"}


def test_cli_evidence_points_at_messages_of_the_results(tmp_path: Path) -> None:
    inp, out = write(tmp_path, "idcol.csv", ID_COLUMN), tmp_path / "r.jsonl"
    res = CliRunner().invoke(cli, ["analyze", str(inp), "--out", str(out), "-q"])
    assert res.exit_code == 0, res.output
    (row,) = [json.loads(line) for line in out.read_text().splitlines()]
    ids = {m["id"] for m in row["messages"]}
    assert ids == {"101", "102", "103"} and row["started_at"] is not None
    spans = [s["message_id"] for f in row["findings"] for s in f["evidence"]]
    assert spans and set(spans) <= ids


# --- delimiters ------------------------------------------------------------------------------

TABS = ("conversation_id\trole\tauthor\ttext\ttimestamp\n"
        "c1\tcustomer\tdana\tmy vpn, is broken\t2026-10-05T09:12:00Z\n"
        "c1\tagent\tsam\tWhich network?\t2026-10-05T09:13:00Z\n")


def test_tsv_is_read_with_tabs(tmp_path: Path) -> None:
    convs, errors = read(write(tmp_path, "tabs.tsv", TABS))
    assert errors == [] and [m.text for m in convs[0].messages] == ["my vpn, is broken", "Which network?"]


def test_the_delimiter_is_found_from_the_header(tmp_path: Path) -> None:
    semi = 'conversation_id;role;author;text\nc1;customer;dana;"hi; it, broke"\nc1;agent;sam;ok, then\n'
    for name, text in (("semi.csv", semi), ("tabs.csv", TABS), ("semi.dat", semi)):
        convs, errors = read(write(tmp_path, name, text))
        assert errors == [] and len(convs[0].messages) == 2, name
    convs, _ = read(write(tmp_path, "semi2.csv", semi))
    assert convs[0].messages[0].text == "hi; it, broke"
    # a quoted name holding another delimiter does not count
    quoted = 'conversation_id,role,"text; body"\nc1,customer,hi\n'
    convs, errors = read(write(tmp_path, "q.csv", quoted), csv_columns={"text": "text; body"})
    assert errors == [] and convs[0].messages[0].text == "hi"


def test_a_given_delimiter_wins_and_a_wrong_one_is_named(tmp_path: Path) -> None:
    pipes = "conversation_id|role|text\nc1|customer|a, b; c\n"
    convs, errors = read(write(tmp_path, "p.csv", pipes), csv_delimiter="|")
    assert errors == [] and convs[0].messages[0].text == "a, b; c"
    semi = "conversation_id;role;text\nc1;customer;hi\n"
    _, errors = read(write(tmp_path, "s.csv", semi), csv_delimiter=",")
    (err,) = errors
    assert err.line == 1 and "split at ',' (comma), but its names hold ';' (semicolon)" in err.reason
    assert "--csv-delimiter ';'" in err.reason and "rename them" not in err.reason


def test_cli_csv_delimiter_option(tmp_path: Path) -> None:
    inp = write(tmp_path, "p.txt.csv", "conversation_id|role|author|text\nc1|customer|dana|hi\nc1|agent|sam|hello\n")
    res = CliRunner().invoke(cli, ["analyze", str(inp), "--csv-delimiter", "|", "--json", "-q"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout[res.stdout.index("{"):])["conversations"] == 1
    # as many commas as tabs in the header: a .csv is taken as comma-separated unless told
    tabs = write(tmp_path, "t.csv", "conversation_id\trole\ttext\tnote,a,b,c\nc1\tcustomer\thi, there\tx\n")
    assert read(tabs)[1] and not read(tabs, csv_delimiter="\t")[1]
    res = CliRunner().invoke(cli, ["analyze", str(tabs), "--csv-delimiter", "tab", "--json", "-q"])
    assert json.loads(res.stdout[res.stdout.index("{"):])["conversations"] == 1
    res = CliRunner().invoke(cli, ["analyze", str(inp), "--csv-delimiter", "ab"])
    assert res.exit_code == 2 and "one character" in res.output
    with pytest.raises(InputError, match="csv_delimiter"):
        ReadOptions(csv_delimiter='"')


# --- a quote that is never closed ------------------------------------------------------------

UNTERMINATED = (
    "conversation_id,role,author,text,timestamp\n"
    "c0,customer,ann,fine,\n"
    "c0,agent,bo,ok,\n"
    'c1,customer,dana,"unterminated quote,2026-10-05T09:12:00Z\n'
    "c1,agent,sam,Which network?,2026-10-05T09:13:00Z\n"
    "c2,customer,x,hello,\n"
    "c2,agent,y,hi,\n"
)


def test_an_unclosed_quote_costs_its_row_only(tmp_path: Path) -> None:
    convs, errors = read(write(tmp_path, "unterm.csv", UNTERMINATED))
    assert [c.id for c in convs] == ["c0", "c2"]
    assert [m.text for m in convs[1].messages] == ["hello", "hi"]
    (err,) = errors
    assert (err.line, err.field, getattr(err, "record_id", None)) == (4, "text", "c1") and not is_warning(err)
    assert "quote opened on line 4 is never closed" in err.reason and "to line 7" in err.reason


def test_an_unclosed_quote_past_the_field_limit(tmp_path: Path) -> None:
    # A later stray quote closes the first one, so the file does not end inside it; the field
    # still grows past the limit (4 x max_message_chars) first.
    rows = "".join(f"c{i},customer,x,message number {i} with some words in it,\n" for i in range(2, 40))
    text = ("conversation_id,role,author,text,timestamp\n" 'c1,customer,dana,"oops\n' + rows
            + 'c40,agent,y,"a reply" with a quote,\n')
    limit = csv.field_size_limit()
    csv.field_size_limit(201)  # process-wide, raised by every read: as a fresh process has it
    try:
        convs, errors = read(write(tmp_path, "long.csv", text), max_message_chars=50)
    finally:
        csv.field_size_limit(limit)
    assert [c.id for c in convs] == [f"c{i}" for i in range(2, 41)]
    (err,) = errors
    assert (err.line, err.field) == (2, "text") and "still open on line 6, past 200 characters" in err.reason


def test_cli_counts_the_unclosed_quote_as_a_bad_record(tmp_path: Path) -> None:
    inp = write(tmp_path, "unterm.csv", UNTERMINATED)
    res = CliRunner().invoke(cli, ["analyze", str(inp), "--json", "-q"])
    summary = json.loads(res.stdout[res.stdout.index("{"):])
    assert (summary["conversations"], summary["skipped_records"]) == (2, 1)
