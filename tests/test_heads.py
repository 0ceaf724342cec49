"""Heads: feature extraction, numpy prediction, save/load round trip, shipped manifest."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from patiently.errors import ModelError
from patiently.heads import Head, emotion_signal, features, load_heads, shipped_dir
from patiently.heads.features import FEATURE_VERSION, lexical, lexical_names
from patiently.heads.hashing import grams, hashed_scores

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def test_features_are_deterministic_and_named() -> None:
    texts = ["Could you please check this? Thanks!", "THIS IS BROKEN AGAIN!!!", ""]
    a, b = features(texts), features(texts)
    assert a.shape == (3, 256 + len(lexical_names())) and a.dtype == np.float32
    assert np.array_equal(a, b)
    lex = dict(zip(lexical_names(), lexical(texts[0]), strict=True))
    assert lex["pol_please"] > 0 and lex["pol_gratitude"] > 0 and lex["pol_counterfactual_modal"] > 0
    assert dict(zip(lexical_names(), lexical(texts[1]), strict=True))["caps_ratio"] > 0.9


def test_hashing_is_stable() -> None:
    assert grams("Have you tried it?") >= {"have", "you", "have you", "?", "it ?"}
    w = np.arange(8, dtype=np.float32).reshape(4, 2)
    assert np.array_equal(hashed_scores(["a b", "a b"], w)[0], hashed_scores(["a b"], w)[0])


def _toy_head(kind: str, k: int, buckets: int = 0) -> Head:
    rng = np.random.default_rng(0)
    d = 256 + len(lexical_names())
    return Head(name=f"toy_{kind}", kind=kind, classes=[f"c{i}" for i in range(k)],
                mean=np.zeros(d, np.float32), w_dense=rng.normal(size=(d, k)).astype(np.float32),
                bias=np.zeros(k, np.float32),
                w_hash=rng.normal(size=(buckets, k)).astype(np.float32) if buckets else None,
                thresholds=np.full(k, 0.5, np.float32) if kind != "softmax" else None,
                meta={"kind": kind})


@pytest.mark.parametrize(("kind", "k"), [("softmax", 3), ("sigmoid", 4), ("binary", 1)])
def test_head_save_load_round_trip(tmp_path: Path, kind: str, k: int) -> None:
    head = _toy_head(kind, k, buckets=64)
    head.save(tmp_path)
    manifest = {"feature_version": FEATURE_VERSION, "heads": {head.name: {"kind": kind, "classes": head.classes}}}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    loaded = load_heads(tmp_path)[head.name]
    texts = ["my vpn drops every hour", "thanks, all good now"]
    p = loaded.predict_proba(texts)
    assert np.allclose(p, head.predict_proba(texts), atol=2e-3)  # float16 n-gram weights
    if kind == "softmax":
        assert np.allclose(p.sum(axis=1), 1.0, atol=1e-5) and loaded.predict(texts).shape == (2,)
    elif kind == "binary":
        assert set(loaded.predict(texts).tolist()) <= {0, 1}


def test_load_errors_are_clear(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"manifest\.json"):
        load_heads(tmp_path)
    (tmp_path / "manifest.json").write_text('{"feature_version": -1, "heads": {}}', encoding="utf-8")
    with pytest.raises(ModelError, match="retrain"):
        load_heads(tmp_path)


def test_shipped_heads_are_small_and_licensed_for_shipping() -> None:
    heads = load_heads()
    assert heads.shipped and set(heads) == {"goemotions", "politeness"}
    assert all(h.meta["licence"] == "CC BY 4.0" and h.meta["shippable"] for h in heads.values())
    assert sum(p.stat().st_size for p in shipped_dir().iterdir()) < 5 * 1024 * 1024
    with pytest.raises(ModelError, match="no head 'esconv'"):
        heads["esconv"]


def test_shipped_heads_behave_sensibly() -> None:
    heads = load_heads()
    go = heads["goemotions"]
    p = go.predict_proba(["Thank you so much for your help!"])[0]
    assert go.classes[int(p.argmax())] == "gratitude"
    pol = heads["politeness"].predict_proba(["Could you please take a look when you have a moment? Thanks!",
                                             "Why did you delete my edit? Stop it."])[:, 0]
    assert pol[0] > pol[1]
    sig = emotion_signal(["This is ridiculous, I am so annoyed, nothing ever works", "Thanks, that fixed it"])
    assert sig[0] > 0.5 > sig[1] and emotion_signal([]).shape == (0,)


def test_train_heads_tiny(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    from patiently.heads.train import train_heads

    pol = tmp_path / "data" / "politeness"
    pol.mkdir(parents=True)
    rows = ["Community,Id,Request,Score1,Score2,Score3,Score4,Score5,TurkId1,TurkId2,TurkId3,TurkId4,TurkId5,"
            "Normalized Score"]
    for i in range(40):
        polite = i % 2 == 0
        text = "Could you please help me with this? Thanks!" if polite else "Why did you break it? Fix it."
        rows.append(f'W,{i},"{text} {i}",1,1,1,1,1,a,b,c,d,e,{1.0 if polite else -1.0}')
    (pol / "wikipedia.annotated.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "heads"
    manifest = train_heads(tmp_path / "data", out, seed=0)
    assert set(manifest["heads"]) == {"politeness"} and "goemotions" in manifest["skipped"]
    assert manifest["heads"]["politeness"]["metrics"]["accuracy"] == 1.0
    first = (out / "politeness.npz").read_bytes()
    train_heads(tmp_path / "data", out, seed=0)
    assert (out / "politeness.npz").read_bytes() == first  # fixed seeds: same bytes
