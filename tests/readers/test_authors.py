"""Author names: whitespace around or inside a name does not make another agent (QA pass 3: 8)."""

from __future__ import annotations

import json
from pathlib import Path

from patiently.model import Conversation
from patiently.readers import ReadOptions, read_conversations
from patiently.readers._common import author_name


def authors(path: Path, **options: object) -> list[str | None]:
    convs = [c for c in read_conversations([path], ReadOptions(**options)) if isinstance(c, Conversation)]  # type: ignore[arg-type]
    return [m.author for c in convs for m in c.messages]


def test_author_name() -> None:
    assert author_name(" sam ") == "sam" and author_name("Sam \t Smith\n") == "Sam Smith"
    assert author_name("Lena\u00a0 Ortiz") == "Lena Ortiz"
    assert author_name("  ") is None and author_name(None) is None


def test_every_reader_trims_author_names(tmp_path: Path) -> None:
    messages = [{"role": "agent", "author": a, "text": "hello"} for a in ("sam ", " sam", "sam", "Sam  Smith", " ")]
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(json.dumps({"id": "c1", "messages": messages}) + "\n", encoding="utf-8")
    assert authors(jsonl) == ["sam", "sam", "sam", "Sam Smith", None]
    csv = tmp_path / "a.csv"
    csv.write_text('conversation_id,role,author,text\nc1,agent,"sam ",hi\nc1,agent,"Sam\tSmith",hi\n', encoding="utf-8")
    assert authors(csv) == ["sam", "Sam Smith"]
    transcript = tmp_path / "a.txt"
    transcript.write_text("Customer: hi\nAgent ( sam  smith ): hello\n", encoding="utf-8")
    assert authors(transcript) == [None, "sam smith"]
    part = {"type": "conversation_part", "id": "2", "part_type": "comment", "body": "<p>Hi</p>",
            "created_at": 1794300060, "author": {"type": "admin", "id": "a1", "name": "Lena  Ortiz "}}
    chat = {"type": "conversation", "id": "100", "created_at": 1794300000,
            "source": {"type": "conversation", "id": "s1", "body": "<p>Wi-Fi</p>",
                       "author": {"type": "user", "id": "u1", "name": "Tom"}},
            "conversation_parts": {"type": "conversation_part.list", "total_count": 1, "conversation_parts": [part]}}
    intercom = tmp_path / "i.jsonl"
    intercom.write_text(json.dumps(chat) + "\n", encoding="utf-8")
    assert authors(intercom, format="intercom") == ["Tom", "Lena Ortiz"]


def test_trailing_space_is_the_same_agent(tmp_path: Path) -> None:
    messages = [{"role": "customer", "text": "help"}, {"role": "agent", "author": "sam ", "text": "On it."},
                {"role": "agent", "author": "sam", "text": "Done."}]
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "c1", "messages": messages}) + "\n", encoding="utf-8")
    (conv,) = [c for c in read_conversations([path]) if isinstance(c, Conversation)]
    assert conv.agents == ["sam"]
