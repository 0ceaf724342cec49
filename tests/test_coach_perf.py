"""The coach's speed work must not change a finding.

* The golden file (tests/data/findings_golden.json.gz, written before the work by
  ``tests/coach_golden.py``): full analysis of the examples and 365 coach checks, unchanged.
* Focus: analysing only the last message, with the earlier messages' analysis kept
  (``Analyzer.analyze_prefix`` + ``analyze_focused``), gives exactly the findings a full
  analysis gives on that message, for every prefix of every example conversation and for the
  coach tests' drafts.
* The context cache gives the same result as a first check, and stays bounded.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable

import pytest

import coach_golden
from patiently.coach import check
from patiently.coach.context import parse_context
from patiently.coach.engine import _CONTROL, DRAFT_ID, prefix_cache
from patiently.coach.prefixes import PrefixCache, context_key
from patiently.model import Conversation, Message
from patiently.pipeline import Analyzer
from test_coach import BAD, GOOD, NOT_TECHNICAL, UPSET


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def test_golden_findings_are_unchanged() -> None:
    golden = coach_golden.load()
    now = coach_golden.compute(golden)
    for part in ("analysis", "coach"):
        differ = [k for k in golden[part] if golden[part][k] != now[part].get(k)]
        assert not differ, f"{part}: {len(differ)} differ, e.g. {differ[:5]} (see tests/coach_golden.py)"
        assert set(now[part]) == set(golden[part])


def _on_last(findings: Iterable, conv: Conversation) -> list[dict]:
    last = conv.messages[-1].id
    return [f.to_dict() for f in findings if f.message_id == last]


def _same_on_last(analyzer: Analyzer, conv: Conversation) -> None:
    full = analyzer.analyze(conv)
    prefix = analyzer.analyze_prefix(Conversation(conv.id, conv.messages[:-1], channel=conv.channel))
    focused = analyzer.analyze_focused(conv, prefix)
    assert _on_last(focused.findings, conv) == _on_last(full.findings, conv), (conv.id, len(conv.messages))
    assert focused.errors == full.errors


def test_focus_equals_full_analysis_on_every_example_prefix(analyzer: Analyzer) -> None:
    n = 0
    for conv in coach_golden.example_conversations():
        for k in range(1, len(conv.messages) + 1):
            _same_on_last(analyzer, Conversation(conv.id, conv.messages[:k], channel=conv.channel))
            n += 1
    assert n > 300


@pytest.mark.parametrize("name", sorted(BAD) + sorted(GOOD))
@pytest.mark.parametrize("context", ["own", UPSET, NOT_TECHNICAL, None])
def test_focus_equals_full_analysis_on_coach_drafts(analyzer: Analyzer, name: str, context: str | None) -> None:
    draft, own = (BAD[name][0], BAD[name][1]) if name in BAD else GOOD[name]
    ctx = own if context == "own" else context
    msgs = parse_context(ctx)
    _same_on_last(analyzer, Conversation("coach", (*msgs, Message(DRAFT_ID, "agent", draft, author=DRAFT_ID))))


@pytest.mark.slow
def test_focus_equals_full_analysis_on_real_chats(analyzer: Analyzer, shared_data) -> None:
    from patiently.errors import RecordError
    from patiently.readers import read_conversations

    for name in ("ubuntu-irc-train.jsonl", "twcs-first-5000.jsonl"):
        items = read_conversations([shared_data / "conversations" / name])
        for conv, _ in zip(items, range(40), strict=False):
            if isinstance(conv, RecordError):
                continue
            msgs = conv.messages[:25]
            for k in range(1, len(msgs) + 1):
                _same_on_last(analyzer, Conversation(conv.id, msgs[:k], channel=conv.channel))


def test_focus_must_be_the_last_message(analyzer: Analyzer) -> None:
    from patiently.detectors.base import DetectorContext

    conv = Conversation("c", (Message("a", "customer", "hi"), Message("b", "agent", "hello")))
    with pytest.raises(ValueError, match="last message"):
        DetectorContext(conv, analyzer.settings, focus=0)
    prefix = analyzer.analyze_prefix(Conversation("c", ()))
    with pytest.raises(ValueError, match="does not fit"):
        analyzer.analyze_focused(conv, prefix)


def test_a_recheck_gives_the_first_checks_result() -> None:
    cache = prefix_cache()
    draft = "As I said, just restart it. Please flush the DNS cache."
    first = check(draft, UPSET)
    hits = cache.hits
    again = check(draft, UPSET)
    assert cache.hits == hits + 1
    assert again == first
    assert check(draft, UPSET + "\nAgent: ok") != first  # another context: analysed afresh


def test_context_cache_is_bounded_and_keyed_by_content(analyzer: Analyzer) -> None:
    cache = PrefixCache(analyzer, size=3)
    contexts = [[Message("c1", "customer", f"My printer {i} is broken!")] for i in range(5)]
    for msgs in contexts:
        cache.get(msgs)
    assert len(cache) == 3 and cache.misses == 5
    cache.get(contexts[-1])
    assert cache.hits == 1
    cache.get([Message("c1", "customer", "My printer 4 is broken!")])  # same content, new objects
    assert cache.hits == 2
    assert context_key(contexts[0]) != context_key([Message("c1", "customer", "My printer 0 is broken?")])
    assert context_key(contexts[0]) != context_key([Message("c1", "agent", "My printer 0 is broken!")])


def test_control_character_regex_is_the_unicode_categories() -> None:
    every = "".join(map(chr, range(0x110000)))
    expected = sum(1 for c in every if unicodedata.category(c) in ("Cc", "Cs", "Co") and c not in "\n\r\t")
    assert len(_CONTROL.findall(every)) == expected


def test_server_answers_the_same_json_as_the_python_api() -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from patiently.server import ServerSettings, create_app

    body = {"draft": BAD["jargon_terms"][0], "context": [{"role": "customer", "text": "I'm not technical!!"}]}
    with TestClient(create_app(ServerSettings(warm_up=False))) as client:
        r = client.post("/api/v1/check", json=body)
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert r.json() == json.loads(check(body["draft"], body["context"]).model_dump_json())
