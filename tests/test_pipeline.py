"""The Analyzer: one conversation, a batch with bad records, failing detectors, pickling."""

from __future__ import annotations

import pickle

from patiently.detectors.base import Detector
from patiently.detectors.registry import load_detectors
from patiently.errors import RecordError
from patiently.model import Conversation
from patiently.pipeline import Analyzer

from conftest import conv

ANGRY = conv(
    ("c", "This is ridiculous, my VPN dropped AGAIN!!!"),
    ("a", "That sounds really frustrating, especially mid-meeting. Let me look at your VPN profile now."),
    ("c", "ok thanks, it works now"),
)


class Exploding(Detector):
    name = "test.exploding"
    labels = ("test.exploding",)
    description = "always fails"

    def detect(self, conv, ctx):
        raise RuntimeError("boom")


def test_single_conversation_has_scores_and_findings() -> None:
    res = Analyzer().analyze(ANGRY)
    d = res.to_dict()
    assert d["id"] == "c1" and d["n_messages"] == 3
    assert 0 <= d["scores"]["overall"] <= 100
    assert "customer.frustration" in {f["label"] for f in d["findings"]}
    assert set(d["agent_scores"]) == {"sam"}
    assert d["messages"][0]["text"].startswith("This is ridiculous")


def test_a_failing_detector_is_recorded_not_fatal() -> None:
    analyzer = Analyzer(detectors=[*load_detectors(["customer.frustration"]), Exploding()])
    res = analyzer.analyze(ANGRY)
    assert res.errors == [{"detector": "test.exploding@1", "error": "RuntimeError: boom"}]
    assert any(f.label == "customer.frustration" for f in res.findings)


def test_batch_skips_bad_records_and_reports_them() -> None:
    errors: list[RecordError] = []
    progress: list[tuple[int, int]] = []
    bad = RecordError("x.jsonl", 2, "messages[0].role", "unknown role 'bot'")
    items = [ANGRY, bad, conv(("c", "hi"), ("a", "hello"), cid="c2")]
    results = list(Analyzer().analyze_batch(items, on_error=errors.append,
                                            on_progress=lambda c, m: progress.append((c, m))))
    assert [r.conversation.id for r in results] == ["c1", "c2"]
    assert errors == [bad]
    assert progress[-1] == (2, 5)


def test_analyzer_pickles_for_workers() -> None:
    analyzer = Analyzer()
    clone = pickle.loads(pickle.dumps(analyzer))
    assert clone.analyze(ANGRY).to_dict()["scores"] == analyzer.analyze(ANGRY).to_dict()["scores"]


def test_batched_embeddings_give_the_same_findings_as_one_by_one() -> None:
    from patiently.readers import read_conversations

    from conftest import ROOT_EXAMPLES

    convs = [c for c in read_conversations([ROOT_EXAMPLES / "conversations.jsonl"]) if not isinstance(c, RecordError)]
    analyzer = Analyzer()
    batched = {r.conversation.id: r.to_dict()["findings"] for r in analyzer.analyze_batch(convs[:12])}
    for c in convs[:12]:
        single = analyzer.analyze(c).to_dict()["findings"]
        # the corpus pass only adds findings in a batch; everything else must be identical
        assert [f for f in batched[c.id] if f["detector"] != "agent.scripted_empathy@1"] == \
               [f for f in single if f["detector"] != "agent.scripted_empathy@1"]


def test_naive_times_are_taken_as_utc_like_the_readers_do() -> None:
    """A Python caller mixing naive and aware times: the timing detectors still run (they sort
    and subtract times) instead of failing with a TypeError."""
    from datetime import UTC, datetime

    from patiently.model import Conversation, Message

    naive = Message("1", "customer", "My VPN is down, can you help?", sent_at=datetime(2026, 1, 1, 9, 0))
    assert naive.sent_at == datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    aware = Message("2", "agent", "Looking now.", sent_at=datetime(2026, 1, 1, 12, 0, tzinfo=UTC))
    result = Analyzer().analyze(Conversation("c", (naive, aware), channel="chat"))
    assert result.errors == [] and any(f.label == "agent.long_silence" for f in result.findings)


def test_the_conversation_s_own_fields_are_written_with_its_results(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A help desk's status, priority and tags (and unknown JSONL keys) were read and then lost."""
    import json

    from patiently.readers import read_conversations

    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps({"id": "t1", "priority": "high", "team": "L1", "messages": [
        {"role": "customer", "text": "VPN drops", "queue": "x"}, {"role": "agent", "text": "On it."}]}) + "\n",
        encoding="utf-8")
    (c,) = [x for x in read_conversations([path]) if not isinstance(x, RecordError)]
    d = Analyzer().analyze(c).to_dict()
    assert (d["priority"], d["team"], d["messages"][0]["queue"]) == ("high", "L1", "x")
    clash = Conversation("t2", c.messages, meta={"scores": "gold", "id": "zd-9"})
    d = Analyzer().analyze(clash).to_dict()  # the results' own fields win; the export's are kept apart
    assert d["id"] == "t2" and d["meta_id"] == "zd-9" and d["meta_scores"] == "gold" and "overall" in d["scores"]
