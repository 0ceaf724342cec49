"""Bench readers, metrics, tasks and CLI on tiny synthetic files; real data tests are slow."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from patiently.bench import metrics
from patiently.bench import readers as rd
from patiently.bench.cli import bench_command
from patiently.bench.tasks import (
    ESCALATION_AGENT_LABELS,
    ESCALATION_AGENT_NUDGE,
    ESCALATION_THRESHOLD,
    escalation_risk,
    run_bench,
)
from patiently.detectors.customer_frustration import REPORT_AT
from patiently.errors import InputError, ModelError, RecordError

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def test_metrics_match_hand_computed() -> None:
    assert metrics.accuracy([0, 1, 1, 0], [0, 1, 0, 0]) == 0.75
    assert metrics.prf([1, 1, 0, 0], [1, 0, 1, 0]) == (0.5, 0.5, 0.5)
    assert metrics.prf([0, 0], [0, 0]) == (0.0, 0.0, 0.0)  # undefined counts as 0
    # class 2 never occurs and is never predicted: it still counts (as 0) in the macro mean
    assert metrics.macro_f1([0, 1], [0, 1], 3) == pytest.approx(2 / 3, abs=1e-4)
    assert metrics.roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
    assert metrics.roc_auc([0, 1], [0.5, 0.5]) == 0.5  # ties get half credit
    assert metrics.roc_auc([1, 1], [0.1, 0.2]) is None
    y = np.array([[1, 0], [0, 1]])
    assert metrics.multilabel_f1(y, y)["macro_f1"] == 1.0


def test_epitome_reader_names_line_and_field(tmp_path: Path) -> None:
    p = tmp_path / "er.csv"
    p.write_text('sp_id,rp_id,seeker_post,response_post,level,rationales\n'
                 'a,b,"I feel sad","So sorry, that sounds hard",2,sounds hard\n'
                 'c,d,"help","multi\nline reply",1,\n'
                 'e,f,"x","y",7,\n', encoding="utf-8")
    it = rd.read_epitome(p)
    assert next(it).label == 2 and next(it).text == "multi\nline reply"
    with pytest.raises(RecordError) as err:
        next(it)
    assert (err.value.line, err.value.field) == (5, "level")


def test_readers_reject_wrong_headers_and_labels(tmp_path: Path) -> None:
    p = tmp_path / "bad.csv"
    p.write_text("Request,Score\nhi,1\n", encoding="utf-8")
    with pytest.raises(RecordError, match="Normalized Score"):
        rd.read_politeness(p)
    g = tmp_path / "g.tsv"
    g.write_text("fine\t27\tid1\nbad\t28\tid2\n", encoding="utf-8")
    with pytest.raises(RecordError) as err:
        rd.read_goemotions(g)
    assert err.value.line == 2 and err.value.field == "labels"
    e = tmp_path / "e.csv"
    e.write_text("seeker_previous,supporter_utterance,strategy\nhi,hello,Greeting\n", encoding="utf-8")
    with pytest.raises(RecordError, match="unknown strategy"):
        list(rd.read_esconv(e))


def test_tweeteval_reader_checks_lengths(tmp_path: Path) -> None:
    (tmp_path / "val_text.txt").write_text("a\nb\nc\n", encoding="utf-8")
    (tmp_path / "val_labels.txt").write_text("0\n3\n", encoding="utf-8")
    with pytest.raises(RecordError, match="2 labels for 3 texts"):
        rd.read_tweeteval(tmp_path, "val")
    with pytest.raises(InputError, match="--split"):
        rd.read_tweeteval(tmp_path, "test")


def test_politeness_quartiles_within_file() -> None:
    texts = [f"t{i}" for i in range(8)]
    kept, y = rd.politeness_binary(texts, np.arange(8, dtype=float))
    assert kept == ["t0", "t1", "t6", "t7"] and y.tolist() == [0, 0, 1, 1]


def _conv_file(tmp_path: Path, rows: list[dict]) -> Path:
    p = tmp_path / "convs.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return p


def _msg(i: str, role: str, text: str, **labels: bool) -> dict:
    return {"id": i, "role": role, "text": text, **({"labels": labels} if labels else {})}


def test_frustration_task_scores_the_real_detector(tmp_path: Path) -> None:
    p = _conv_file(tmp_path, [
        {"id": "c1", "messages": [
            _msg("1", "customer", "THIS IS RIDICULOUS!!! third time I am asking, fix it now!!!", negative=True),
            _msg("2", "agent", "Sorry about that, let me look."),
            _msg("3", "customer", "thanks, that worked", negative=False)]},
        {"id": "c2", "messages": [_msg("1", "customer", "how do I reset my password?", negative=False)]},
    ])
    r = run_bench("frustration", [p])
    assert r["n"] == 3 and r["positives"] == 1
    assert (r["precision"], r["recall"], r["f1"]) == (1.0, 1.0, 1.0)
    assert set(r["baseline"]) >= {"precision", "recall", "f1"} and r["items_per_second"] > 0


def test_frustration_needs_labels(tmp_path: Path) -> None:
    p = _conv_file(tmp_path, [{"id": "c", "messages": [_msg("1", "customer", "hello")]}])
    with pytest.raises(InputError, match=r"labels\.negative"):
        run_bench("frustration", [p])


def test_escalation_task_on_synthetic_file(tmp_path: Path) -> None:
    angry = "This is ridiculous!!! I WANT A MANAGER NOW, worst service ever"
    rows = [{"id": f"d{i}", "labels": {"derails": i % 2 == 0}, "messages": [
        _msg("1", "customer", angry if i % 2 == 0 else "could you help me with my printer?"),
        _msg("2", "agent", "Sure.")]} for i in range(6)]
    good = _conv_file(tmp_path, rows)
    r = run_bench("escalation", [good])
    assert r["n"] == 6 and r["auc"] == 1.0 and r["accuracy"] == 1.0 and r["threshold"] == ESCALATION_THRESHOLD
    assert r["majority"] == 0.5  # the always-"no derailment" baseline the accuracy is read against
    table = CliRunner().invoke(bench_command, ["escalation", str(good)]).output
    assert "majority  0.5000" in table and f"threshold {ESCALATION_THRESHOLD:g}" in table
    bad = _conv_file(tmp_path, [{"id": "x", "messages": [_msg("1", "customer", "hi")]}])
    with pytest.raises(InputError, match="derails"):
        run_bench("escalation", [bad])


# Named prefixes (the customer's opening and the first agent reply) for the escalation risk.
CALM_PREFIX = [("customer", "Could you help me set up my printer?"), ("agent", "Sure, which model is it?")]
# Below the frustration detector's reporting level (no finding), but not calm.
IRRITATED_PREFIX = [("customer", "My order is late again."),
                    ("agent", "Sorry about that! Can you DM us the order number?")]
IRRITATED_DISMISSED = [("customer", "My order is late again."),
                       ("agent", "That's not our problem, it's the courier's fault. Nothing we can do.")]
FURIOUS_PREFIX = [("customer", "This is ridiculous!!! I WANT A MANAGER NOW, worst service ever"), ("agent", "Sure.")]
RISING_PREFIX = [("customer", "My order is late again."),
                 ("customer", "Hello?? This is ridiculous, still NOTHING!!!"), ("agent", "Sorry, checking now.")]


def _risk(turns: list[tuple[str, str]]) -> tuple[float, list[str]]:
    from patiently.detectors.registry import load_detectors
    from patiently.model import Conversation, Message
    from patiently.pipeline import Analyzer

    conv = Conversation(id="c", messages=tuple(Message(id=str(i), role=r, text=t)  # type: ignore[arg-type]
                                               for i, (r, t) in enumerate(turns)))
    analyzer = Analyzer(detectors=load_detectors(["customer.frustration", *ESCALATION_AGENT_LABELS]))
    findings = analyzer.analyze(conv).findings
    return escalation_risk(conv, findings), [f.label for f in findings]


def test_escalation_risk_of_a_calm_prefix_is_low() -> None:
    risk, labels = _risk(CALM_PREFIX)
    assert risk == 0.0 and labels == []


def test_escalation_risk_counts_frustration_below_the_reporting_level() -> None:
    # No finding is reported, yet the irritated opening is riskier than a calm one.
    risk, labels = _risk(IRRITATED_PREFIX)
    assert "customer.frustration" not in labels
    assert 0.0 < risk < REPORT_AT


def test_escalation_risk_rises_when_the_first_reply_is_dismissive() -> None:
    helped, _ = _risk(IRRITATED_PREFIX)
    dismissed, labels = _risk(IRRITATED_DISMISSED)
    assert "agent.dismissive" in labels
    assert dismissed == pytest.approx(helped + ESCALATION_AGENT_NUDGE)


def test_escalation_risk_is_high_for_a_furious_customer_and_a_rising_one() -> None:
    furious, _ = _risk(FURIOUS_PREFIX)
    assert furious >= ESCALATION_THRESHOLD
    rising, labels = _risk(RISING_PREFIX)
    assert "customer.frustration_trajectory" in labels and rising >= ESCALATION_THRESHOLD
    assert _risk(CALM_PREFIX)[0] < _risk(IRRITATED_PREFIX)[0] < furious


def test_nc_tasks_need_local_heads(tmp_path: Path) -> None:
    p = tmp_path / "e.csv"
    p.write_text("seeker_previous,supporter_utterance,strategy\nhi,How are you?,Questions\n", encoding="utf-8")
    with pytest.raises(ModelError, match="train-heads"):
        run_bench("esconv", [p])


def test_goemotions_and_politeness_with_shipped_heads(tmp_path: Path) -> None:
    g = tmp_path / "g.tsv"
    g.write_text("Thank you so much, this is great!\t15\ta\nThis is so annoying, it never works\t3\tb\n"
                 "I'm furious about this\t2\tc\n", encoding="utf-8")
    r = run_bench("goemotions", [g])
    assert r["n"] == 3 and 0.0 <= r["macro_f1"] <= 1.0 and r["f1_per_label"]["gratitude"] == 1.0
    assert r["heads"]["shipped"] is True


def test_cli_json_and_errors(tmp_path: Path) -> None:
    d = tmp_path / "emo"
    d.mkdir()
    (d / "val_text.txt").write_text("I am so angry at this\nwhat a lovely day\n", encoding="utf-8")
    (d / "val_labels.txt").write_text("0\n1\n", encoding="utf-8")
    res = CliRunner().invoke(bench_command, ["tweeteval-emotion", str(d), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert {"task", "n", "macro_f1", "accuracy", "seconds", "items_per_second", "heads"} <= set(out)
    assert out["heads"]["head"] == "emotion4" and out["heads"]["embedder"] == "static"
    assert out["heads"]["method"].startswith("GoEmotions mapped")
    res = CliRunner().invoke(bench_command, ["epitome", str(d / "val_text.txt")])
    assert res.exit_code != 0 and "--dimension" in res.output


@pytest.mark.slow
def test_real_dev_numbers_with_shipped_heads() -> None:
    if not SHARED.exists():
        pytest.skip("../shared/data is not available")
    r = run_bench("goemotions", [SHARED / "goemotions" / "dev.tsv"])
    assert r["macro_f1"] >= 0.38 and r["items_per_second"] >= 500
    r = run_bench("tweeteval-emotion", [SHARED / "tweeteval" / "emotion"], split="val")
    assert r["macro_f1"] >= 0.55  # the shipped emotion4 head (GoEmotions relabelled): 0.573


def _standin_module() -> object:
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "scripts" / "make_frustration_standin.py"
    spec = importlib.util.spec_from_file_location("make_frustration_standin", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_frustration_standin_from_tweeteval_sentiment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mod = _standin_module()
    d = tmp_path / "data" / "tweeteval" / "sentiment"
    d.mkdir(parents=True)
    (d / "val_text.txt").write_text("worst service ever, I HATE THIS!!!\nnice weather today\nok\n", encoding="utf-8")
    (d / "val_labels.txt").write_text("0\n2\n1\n", encoding="utf-8")
    out = tmp_path / "standin.jsonl"
    assert mod.main(["--data", str(tmp_path / "data"), "--out", str(out)]) == 0  # type: ignore[attr-defined]
    assert capsys.readouterr().out.strip() == str(out)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["messages"][0]["labels"]["negative"] for r in rows] == [True, False, False]
    r = run_bench("frustration", [out])
    assert r["n"] == 3 and r["positives"] == 1 and r["recall"] == 1.0
    (d / "val_labels.txt").write_text("0\n5\n1\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"val_labels\.txt:2"):
        mod.main(["--data", str(tmp_path / "data"), "--out", str(out)])  # type: ignore[attr-defined]
