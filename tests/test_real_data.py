"""The whole pipeline on real public conversations (skipped when ../shared/data is absent).

Ubuntu IRC (CC BY 4.0) is real technical support; TWCS (CC BY-NC-SA, evaluation only) is
brand support on Twitter.
"""

from __future__ import annotations

import pytest

from patiently.errors import RecordError
from patiently.pipeline import Analyzer
from patiently.readers import read_conversations

pytestmark = pytest.mark.slow


def _check_results(results) -> None:
    for r in results:
        assert not r.errors, r.errors
        d = r.to_dict()
        for v in d["scores"].values():
            assert v is None or 0 <= v <= 100
        texts = {m.id: m.text for m in r.conversation.messages}
        for f in r.findings:
            assert 0 <= f.score <= 1
            for s in f.evidence:
                assert s.message_id in texts
                assert 0 <= s.start < s.end <= len(texts[s.message_id]), (f.label, s)


def test_ubuntu_irc(shared_data) -> None:
    items = read_conversations([shared_data / "conversations" / "ubuntu-irc-train.jsonl"])
    valid = (i for i in items if not isinstance(i, RecordError))
    convs = [c for c, _ in zip(valid, range(600), strict=False)]
    results = list(Analyzer().analyze_batch(convs))
    assert len(results) == 600
    _check_results(results)
    labels = {f.label for r in results for f in r.findings}
    # Real IRC help has clarifying questions, and frustrated, confused, repeating askers.
    assert {"customer.frustration", "customer.confusion", "customer.repeat", "agent.clarifying_question"} <= labels


def test_twcs_brand_support_threads(shared_data) -> None:
    items = read_conversations([shared_data / "conversations" / "twcs-first-5000.jsonl"])
    convs = [i for i in items if not isinstance(i, RecordError)]
    results = list(Analyzer().analyze_batch(convs))
    assert len(results) == len(convs) > 1000
    _check_results(results)
    customer_msgs = sum(1 for c in convs for m in c.messages if m.role == "customer")
    frustrated = sum(1 for r in results for f in r.findings if f.label == "customer.frustration")
    # Customers who tweet at a brand are often upset, but not most of them in every message.
    assert 0.03 < frustrated / customer_msgs < 0.5
    # Brands reuse the same stock sentences across threads: the corpus pass must see it.
    assert any(f.label == "agent.scripted_empathy" for r in results for f in r.findings)
