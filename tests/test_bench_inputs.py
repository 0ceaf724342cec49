"""Bench inputs that used to score silently: label values read as true, a NaN score that
emptied the data set, empty files scored as zeros, the wrong TweetEval folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from patiently.bench import readers as rd
from patiently.bench.cli import bench_command
from patiently.bench.tasks import run_bench
from patiently.errors import InputError, RecordError

TWEETEVAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "tweeteval"


def _jsonl(tmp_path: Path, rows: list[dict]) -> Path:
    p = tmp_path / "convs.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return p


def _esc(cid: str, derails: object) -> dict:
    return {"id": cid, "labels": {"derails": derails},
            "messages": [{"role": "customer", "text": "my printer is broken"}, {"role": "agent", "text": "Sure."}]}


@pytest.mark.parametrize("value", ["false", "no", "maybe", "0", "true", None, 2, [True]])
def test_escalation_label_must_be_true_false_or_0_1(tmp_path: Path, value: object) -> None:
    p = _jsonl(tmp_path, [_esc("a", True), _esc("b", 0), _esc("c", value)])
    with pytest.raises(RecordError) as err:
        run_bench("escalation", [p])
    assert (err.value.file, err.value.line, err.value.field) == (str(p), 3, "labels.derails")
    assert "expected true/false (or 0/1)" in err.value.reason


def test_escalation_accepts_booleans_and_0_1(tmp_path: Path) -> None:
    p = _jsonl(tmp_path, [_esc("a", True), _esc("b", 0), _esc("c", 1), _esc("d", False)])
    assert run_bench("escalation", [p])["positives"] == 2


def test_escalation_missing_label_names_the_line(tmp_path: Path) -> None:
    p = _jsonl(tmp_path, [_esc("a", True), {"id": "x", "messages": [{"role": "customer", "text": "hi"}]}])
    with pytest.raises(RecordError) as err:
        run_bench("escalation", [p])
    assert (err.value.line, err.value.field) == (2, "labels.derails")


def test_frustration_label_must_be_true_false_or_0_1(tmp_path: Path) -> None:
    msgs = [{"role": "customer", "text": "THIS IS RIDICULOUS!!!", "labels": {"negative": True}},
            {"role": "agent", "text": "Sorry."},
            {"role": "customer", "text": "thanks", "labels": {"negative": "false"}}]
    p = _jsonl(tmp_path, [{"id": "ok", "messages": msgs[:2]}, {"id": "c", "messages": msgs}])
    with pytest.raises(RecordError) as err:
        run_bench("frustration", [p])
    assert (err.value.line, err.value.field) == (2, "messages[2].labels.negative") and "'false'" in err.value.reason
    res = CliRunner().invoke(bench_command, ["frustration", str(p), "--json"])
    assert res.exit_code != 0 and f"{p}:2: field 'messages[2].labels.negative'" in res.output


@pytest.mark.parametrize("score", ["nan", "NaN", "inf", "-Infinity"])
def test_politeness_non_finite_score_is_an_error_for_its_row(tmp_path: Path, score: str) -> None:
    p = tmp_path / "p.csv"
    rows = [f'"request {i}?",{i / 10}' for i in range(8)]
    rows[4] = f'"request 4?",{score}'
    p.write_text("Request,Normalized Score\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(RecordError) as err:
        rd.read_politeness(p)
    assert (err.value.line, err.value.field) == (6, "Normalized Score") and "not a number" in err.value.reason


@pytest.mark.parametrize(("task", "name", "text", "options"), [
    ("goemotions", "g.tsv", "", {}),
    ("goemotions", "g.tsv", "\n\n", {}),
    ("politeness", "p.csv", "Request,Normalized Score\n", {}),
    ("epitome", "e.csv", "sp_id,rp_id,seeker_post,response_post,level,rationales\n", {"dimension": "er"}),
    ("esconv", "s.csv", "seeker_previous,supporter_utterance,strategy\n", {}),
])
def test_a_file_with_no_rows_is_an_error(tmp_path: Path, task: str, name: str, text: str,
                                        options: dict[str, str]) -> None:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    heads = _local_heads(tmp_path) if task in ("epitome", "esconv") else None
    with pytest.raises(InputError, match=f"{task}: no rows in {p}"):
        run_bench(task, [p], heads_dir=heads, **options)


def _local_heads(tmp_path: Path) -> Path:
    """The shipped heads plus stand-ins for the local-only ones (never asked to predict)."""
    from patiently.heads import load_heads

    shipped = load_heads(None).directory
    d = tmp_path / "heads"
    shutil.copytree(shipped, d)
    manifest = json.loads((d / "manifest.json").read_text(encoding="utf-8"))
    for name in ("epitome_er", "esconv"):
        shutil.copy(d / "politeness.npz", d / f"{name}.npz")
        manifest.setdefault("heads", {})[name] = manifest["heads"]["politeness"]
    (d / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return d


def test_tweeteval_empty_split_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "val_text.txt").write_text("", encoding="utf-8")
    (tmp_path / "val_labels.txt").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="no rows in"):
        run_bench("tweeteval-emotion", [tmp_path])


def _tweeteval(tmp_path: Path, mapping: str | None) -> Path:
    d = tmp_path / "tw"
    d.mkdir(parents=True)
    (d / "val_text.txt").write_text("I am so angry\nlovely day\n", encoding="utf-8")
    (d / "val_labels.txt").write_text("0\n1\n", encoding="utf-8")
    if mapping is not None:
        (d / "mapping.txt").write_text(mapping, encoding="utf-8")
    return d


@pytest.mark.parametrize(("mapping", "line"), [
    ("0\tnegative\n1\tneutral\n2\tpositive", None),
    ("0\tjoy\n1\tanger\n2\toptimism\n3\tsadness\n", None),  # the same names in another order
    ("0\tanger\n1\tjoy\n2\toptimism\n", None),
    ("0\tanger\n2\tjoy\n", 2),
])
def test_tweeteval_folder_of_another_task_is_refused(tmp_path: Path, mapping: str, line: int | None) -> None:
    d = _tweeteval(tmp_path, mapping)
    with pytest.raises(RecordError) as err:
        rd.read_tweeteval(d, "val")
    assert err.value.file == str(d / "mapping.txt") and err.value.line == line


def test_tweeteval_emotion_mapping_or_none_is_accepted(tmp_path: Path) -> None:
    _, y = rd.read_tweeteval(_tweeteval(tmp_path, "0\tanger\n1\tjoy\n2\toptimism\n3\tsadness"), "val")
    assert y.tolist() == [0, 1]
    assert rd.read_tweeteval(_tweeteval(tmp_path / "x", None), "val")[1].tolist() == [0, 1]


@pytest.mark.skipif(not TWEETEVAL.exists(), reason="../shared/data/tweeteval is not available")
def test_tweeteval_real_sentiment_folder_is_refused_and_emotion_accepted() -> None:
    res = CliRunner().invoke(bench_command, ["tweeteval-emotion", str(TWEETEVAL / "sentiment"), "--json"])
    assert res.exit_code != 0 and "mapping.txt" in res.output and "negative, neutral, positive" in res.output
    texts, y = rd.read_tweeteval(TWEETEVAL / "emotion", "val")
    assert len(texts) == len(y) > 0
