"""scripts/make_frustration_bench.py: hand labels (ids only) joined with the public support data.

The synthetic tests always run; the real build needs ../shared/data and skips without it.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from patiently.bench.tasks import run_bench

from conftest import SHARED_DATA as SHARED
from conftest import jsonl_rows, load_script

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "benchmarks" / "data" / "frustration_labels.jsonl"
TUNING = ROOT / "benchmarks" / "data" / "frustration_tuning_labels.jsonl"

# A named mini-conversation in the source layout: the customer is calm, then annoyed, then
# thanks the agent; only the annoyed message is labelled.
STILL_WAITING = {
    "id": "twcs-1", "channel": "social", "source": "twcs",
    "messages": [
        {"id": "1", "role": "customer", "text": "@Acme my order has not arrived", "labels": {"negative": False}},
        {"id": "2", "role": "agent", "text": "@1 Sorry! Can you DM us the order number?"},
        {"id": "3", "role": "customer", "text": "@Acme Sent it twice now. Still waiting, this is ridiculous!!"},
        {"id": "4", "role": "customer", "text": "@Acme thanks, it's here"},
    ],
}


def _module() -> ModuleType:
    return load_script("make_frustration_bench")


def _rows(path: Path) -> list[dict]:
    return jsonl_rows(path)


def test_labels_file_holds_ids_only() -> None:
    rows = _rows(LABELS)
    assert len(rows) == 500
    assert all(set(r) == {"source", "conversation", "message", "negative", "unsure"} for r in rows)
    assert sum(r["source"] == "twcs-first-5000.jsonl" for r in rows) == 250
    assert len({(r["source"], r["conversation"]) for r in rows}) == 500  # one message per conversation


def test_second_annotator_labelled_the_same_messages_in_the_same_order() -> None:
    first, second = _rows(LABELS), _rows(ROOT / "benchmarks" / "data" / "frustration_labels_second.jsonl")
    key = ("source", "conversation", "message")
    assert [tuple(r[k] for k in key) for r in second] == [tuple(r[k] for k in key) for r in first]
    assert all(set(r) == {*key, "negative", "unsure"} for r in second)
    # the figures in frustration_labels.md: 120 negative, 18 items labelled differently
    assert sum(r["negative"] for r in second) == 120
    assert sum(a["negative"] != b["negative"] for a, b in zip(first, second, strict=True)) == 18


def test_tuning_labels_hold_ids_only_and_share_no_conversation_with_the_evaluation_set() -> None:
    rows = _rows(TUNING)
    assert len(rows) == 400
    assert all(set(r) == {"source", "conversation", "message", "negative", "unsure"} for r in rows)
    assert sum(r["source"] == "twcs-first-5000.jsonl" for r in rows) == 200
    convs = {(r["source"], r["conversation"]) for r in rows}
    assert len(convs) == 400  # one message per conversation
    # v3 of customer.frustration was tuned on this file and evaluated on the other: never mix them
    assert convs.isdisjoint({(r["source"], r["conversation"]) for r in _rows(LABELS)})


def test_tuning_sample_redraws_the_tuning_file() -> None:
    if not (SHARED / "conversations").exists():
        pytest.skip("../shared/data is not available")
    drawn = _module().tuning_sample(SHARED)
    assert [(r["source"], r["conversation"], r["message"]) for r in drawn] == \
        [(r["source"], r["conversation"], r["message"]) for r in _rows(TUNING)]


def test_build_cuts_after_the_label_and_labels_nothing_else(tmp_path: Path) -> None:
    mod = _module()
    conv_dir = tmp_path / "data" / "conversations"
    conv_dir.mkdir(parents=True)
    (conv_dir / "twcs-first-5000.jsonl").write_text(json.dumps(STILL_WAITING) + "\n", encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"source": "twcs-first-5000.jsonl", "conversation": "twcs-1", "message": "3",
                                  "negative": True, "unsure": False}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    argv = ["--data", str(tmp_path / "data"), "--labels", str(labels), "--out", str(out)]
    assert mod.main(argv) == 0
    (conv,) = _rows(out)
    assert [m["id"] for m in conv["messages"]] == ["1", "2", "3"]
    # The source's own label on message 1 is dropped: only our judgement reaches the bench.
    assert [m.get("labels") for m in conv["messages"]] == [None, None, {"negative": True}]
    r = run_bench("frustration", [out])
    assert r["n"] == 1 and r["positives"] == 1
    # The Ubuntu file is absent: asking for it fails with a message that says what to pass.
    labels.write_text(json.dumps({"source": "ubuntu-irc-train.jsonl", "conversation": "u-1", "message": "1",
                                  "negative": False, "unsure": False}) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"ubuntu-irc-train\.jsonl not found.*--data"):
        mod.main(argv)


def test_missing_data_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match=r"not found.*--data"):
        _module().main(["--data", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out.jsonl")])


def test_real_support_set_builds_and_scores(tmp_path: Path) -> None:
    if not (SHARED / "conversations").exists():
        pytest.skip("../shared/data is not available")
    out = tmp_path / "frustration.jsonl"
    assert _module().main(["--data", str(SHARED), "--out", str(out)]) == 0
    convs = _rows(out)
    labelled = [m for c in convs for m in c["messages"] if "labels" in m]
    assert len(convs) == 500 and len(labelled) == 500
    assert all(m["role"] == "customer" and c["messages"][-1] is m
               for c in convs for m in c["messages"] if "labels" in m)
    r = run_bench("frustration", [out])
    assert r["n"] == 500 and r["positives"] == 126
    assert 0 <= r["f1"] <= 1 and 0 <= r["baseline"]["f1"] <= 1
