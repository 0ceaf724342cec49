"""scripts/make_escalation_bench.py: hand labels (ids only) joined with the public support data.

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
LABELS = ROOT / "benchmarks" / "data" / "escalation_labels.jsonl"
TUNING = ROOT / "benchmarks" / "data" / "escalation_tuning_labels.jsonl"

# A named mini-conversation in the source layout: a calm opening and first reply (the prefix),
# then the customer turns hostile and threatens to leave (the derailment the label records).
CALM_THEN_QUITS = {
    "id": "twcs-1", "channel": "social", "source": "twcs", "labels": {"derails": False},
    "messages": [
        {"id": "1", "role": "customer", "text": "@Acme my order has not arrived", "labels": {"negative": False}},
        {"id": "2", "role": "agent", "text": "@1 Sorry! Can you DM us the order number?"},
        {"id": "3", "role": "customer", "text": "@Acme Sent it twice. You people are useless."},
        {"id": "4", "role": "customer", "text": "@Acme Cancelling my account today."},
    ],
}


def _module() -> ModuleType:
    return load_script("make_escalation_bench")


def _rows(path: Path) -> list[dict]:
    return jsonl_rows(path)


def _label(**kw: object) -> str:
    row = {"source": "twcs-first-5000.jsonl", "conversation": "twcs-1", "prefix_messages": 2,
           "derails": True, "unsure": False} | kw
    return json.dumps(row) + "\n"


def test_labels_file_holds_ids_only() -> None:
    rows = _rows(LABELS)
    assert len(rows) == 300
    assert all(set(r) == {"source", "conversation", "prefix_messages", "derails", "unsure"} for r in rows)
    assert sum(r["source"] == "twcs-first-5000.jsonl" for r in rows) == 150
    assert len({(r["source"], r["conversation"]) for r in rows}) == 300
    assert all(isinstance(r["prefix_messages"], int) and r["prefix_messages"] >= 2 for r in rows)


def test_tuning_labels_hold_ids_only_and_share_no_conversation_with_the_evaluation_set() -> None:
    rows = _rows(TUNING)
    assert len(rows) == 300
    assert all(set(r) == {"source", "conversation", "prefix_messages", "derails", "unsure"} for r in rows)
    assert sum(r["source"] == "twcs-first-5000.jsonl" for r in rows) == 150
    convs = {(r["source"], r["conversation"]) for r in rows}
    assert len(convs) == 300
    # The escalation score and its threshold were tuned on this file and evaluated on the other:
    # never mix them.
    assert convs.isdisjoint({(r["source"], r["conversation"]) for r in _rows(LABELS)})


def test_sample_skips_excluded_conversations(tmp_path: Path) -> None:
    mod = _module()
    conv_dir = tmp_path / "conversations"
    conv_dir.mkdir()
    other = CALM_THEN_QUITS | {"id": "twcs-2"}
    (conv_dir / "twcs-first-5000.jsonl").write_text(
        json.dumps(CALM_THEN_QUITS) + "\n" + json.dumps(other) + "\n", encoding="utf-8")
    (conv_dir / "ubuntu-irc-train.jsonl").write_text("", encoding="utf-8")
    assert {r["conversation"] for r in mod.sample(tmp_path)} == {"twcs-1", "twcs-2"}
    drawn = mod.sample(tmp_path, exclude=frozenset({("twcs-first-5000.jsonl", "twcs-1")}))
    assert [r["conversation"] for r in drawn] == ["twcs-2"]


def test_tuning_sample_redraws_the_tuning_file(tmp_path: Path) -> None:
    if not (SHARED / "conversations").exists():
        pytest.skip("../shared/data is not available")
    mod = _module()
    drawn = mod.tuning_sample(SHARED)
    assert [(r["source"], r["conversation"], r["prefix_messages"]) for r in drawn] == \
        [(r["source"], r["conversation"], r["prefix_messages"]) for r in _rows(TUNING)]
    out = tmp_path / "tuning.jsonl"
    assert mod.main(["--data", str(SHARED), "--labels", str(TUNING), "--out", str(out)]) == 0
    r = run_bench("escalation", [out])
    assert r["n"] == 300 and r["positives"] == sum(row["derails"] for row in _rows(TUNING))


def test_prefix_is_up_to_the_first_agent_message() -> None:
    mod = _module()
    assert mod.prefix_length(CALM_THEN_QUITS["messages"]) == 2
    assert mod.eligible(CALM_THEN_QUITS["messages"])
    # The agent answers last: nothing later to judge, so the conversation is not sampled.
    assert mod.prefix_length(CALM_THEN_QUITS["messages"][:2]) is None
    # The agent speaks first: nothing from the customer to read early.
    agent_first = [CALM_THEN_QUITS["messages"][1], *CALM_THEN_QUITS["messages"][2:]]
    assert mod.prefix_length(agent_first) is None


def test_build_keeps_only_the_prefix_and_our_label(tmp_path: Path) -> None:
    mod = _module()
    conv_dir = tmp_path / "data" / "conversations"
    conv_dir.mkdir(parents=True)
    (conv_dir / "twcs-first-5000.jsonl").write_text(json.dumps(CALM_THEN_QUITS) + "\n", encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    labels.write_text(_label(), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    argv = ["--data", str(tmp_path / "data"), "--labels", str(labels), "--out", str(out)]
    assert mod.main(argv) == 0
    (conv,) = _rows(out)
    # The score must not see the outcome: only the prefix travels.
    assert [m["id"] for m in conv["messages"]] == ["1", "2"]
    # The source's own labels (conversation and message) are dropped: only our judgement remains.
    assert conv["labels"] == {"derails": True}
    assert all("labels" not in m for m in conv["messages"])
    r = run_bench("escalation", [out])
    assert r["n"] == 1 and r["positives"] == 1
    # --exclude-unsure drops the only label: a clear error rather than an empty file.
    labels.write_text(_label(unsure=True), encoding="utf-8")
    with pytest.raises(SystemExit, match="no labels left"):
        mod.main([*argv, "--exclude-unsure"])
    # A prefix length that no longer matches the data is refused, not silently re-cut.
    labels.write_text(_label(prefix_messages=3), encoding="utf-8")
    with pytest.raises(SystemExit, match="same version"):
        mod.main(argv)
    # The Ubuntu file is absent: asking for it fails with a message that says what to pass.
    labels.write_text(_label(source="ubuntu-irc-train.jsonl", conversation="u-1"), encoding="utf-8")
    with pytest.raises(SystemExit, match=r"ubuntu-irc-train\.jsonl not found.*--data"):
        mod.main(argv)


def test_bad_label_rows_are_refused(tmp_path: Path) -> None:
    mod = _module()
    labels = tmp_path / "labels.jsonl"
    labels.write_text(_label(prefix_messages=True), encoding="utf-8")
    with pytest.raises(SystemExit, match="'prefix_messages' must be a int"):
        mod.read_labels(labels)
    labels.write_text(_label() + _label(derails=False), encoding="utf-8")
    with pytest.raises(SystemExit, match="labelled twice"):
        mod.read_labels(labels)


def test_missing_data_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match=r"not found.*--data"):
        _module().main(["--data", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out.jsonl")])


def test_real_support_set_builds_and_scores(tmp_path: Path) -> None:
    if not (SHARED / "conversations").exists():
        pytest.skip("../shared/data is not available")
    mod = _module()
    out = tmp_path / "escalation.jsonl"
    assert mod.main(["--data", str(SHARED), "--out", str(out)]) == 0
    convs = _rows(out)
    assert len(convs) == 300
    # Every prefix ends on its first agent message and holds at least one customer message.
    for c in convs:
        roles = [m["role"] for m in c["messages"]]
        assert roles[-1] == "agent" and roles.index("agent") == len(roles) - 1 and "customer" in roles
    # The sample is reproducible: the labelled ids are exactly the seeded draw.
    drawn = {(r["source"], r["conversation"], r["prefix_messages"]) for r in mod.sample(SHARED)}
    assert drawn == {(r["source"], r["conversation"], r["prefix_messages"]) for r in _rows(LABELS)}
    r = run_bench("escalation", [out])
    assert r["n"] == 300 and r["positives"] == 35
    assert 0 <= r["accuracy"] <= 1 and 0 <= r["auc"] <= 1
