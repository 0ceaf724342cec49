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
    assert heads.shipped and set(heads) == {"goemotions", "politeness", "emotion4", "agent_tone"}
    # CC BY 4.0 data, or the project's own sentences (agent_tone, with CC BY 4.0 Ubuntu IRC lines)
    assert all(h.meta["licence"] in ("CC BY 4.0", "Apache-2.0 (written for patiently); Ubuntu IRC: CC BY 4.0")
               and h.meta["shippable"] for h in heads.values())
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
    # a calm fault report trips "annoyance" a little but reads as neutral above all: no signal
    report = ("Since this morning Outlook keeps popping up a window asking for my password every few "
              "minutes. I type it in and it comes back again.")
    assert emotion_signal([report])[0] == 0.0


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
    # agent_tone's sentences are the package's own (no background file here): it is always built
    assert set(manifest["heads"]) == {"politeness", "agent_tone"} and "goemotions" in manifest["skipped"]
    assert manifest["heads"]["agent_tone"]["background"] == 0
    assert manifest["heads"]["politeness"]["metrics"]["accuracy"] == 1.0
    first = (out / "politeness.npz").read_bytes()
    train_heads(tmp_path / "data", out, seed=0)
    assert (out / "politeness.npz").read_bytes() == first  # fixed seeds: same bytes


# --- feature blocks, the rationale block, emotion4, the transformer option -----------------
def test_question_block_is_the_mean_embedding_of_question_sentences() -> None:
    from patiently.heads.features import dense_features, embed, question_embedding, question_sentences

    texts = ["That sounds hard. What happened with your sister? I hope it gets better.", "No question here."]
    assert question_sentences(texts[0]) == ["What happened with your sister?"]
    q = question_embedding(texts)
    assert np.allclose(q[0], embed(["What happened with your sister?"])[0], atol=1e-6)
    assert not q[1].any()  # no question: a zero row
    x = dense_features(texts, ("text", "questions"))
    assert x.shape == (2, 256 + len(lexical_names()) + 256)
    with pytest.raises(ModelError, match="bad feature blocks"):
        dense_features(texts, ("questions",))


def test_rationale_sentences_labels_and_aggregate() -> None:
    from patiently.heads import rationale

    text = "Have you tried sleeping more? I know how you feel, I went through it too. Hang in there."
    assert rationale.sentence_labels(text, ["I know how you feel, I went through it too."], 2) == [0, 2, 0]
    assert rationale.sentence_labels(text, ["not in the text"], 2) == [0, 0, 0]
    sents, owner = rationale.split([text, ""])
    assert len(sents) == 4 and owner.tolist() == [0, 0, 0, 1]  # an empty text still gets a row
    p = np.array([[0.9, 0.1], [0.2, 0.8], [0.8, 0.2], [1.0, 0.0]])
    agg = rationale.aggregate(p[:, :2], owner, 2)
    assert np.allclose(agg, [[0.8, (0.1 + 0.8 + 0.2) / 3], [0.0, 0.0]])
    s = rationale.Sentences(sents, owner, np.array([0, 2, 0, 0]), np.arange(4.0)[:, None])
    sub = s.of(np.array([1]))
    assert sub.texts == [""] and sub.owner.tolist() == [0] and sub.dense.tolist() == [[3.0]]


def _epitome_csv(path: Path, n: int = 60) -> None:
    import csv

    subjects = ["job", "sister", "exam", "dog", "breakup", "move", "landlord", "boss", "team", "friend"]
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["sp_id", "rp_id", "seeker_post", "response_post", "level", "rationales"])
        for i in range(n):
            level, topic = i % 3, subjects[i % len(subjects)]
            tip = f"Maybe talk to someone about the {topic}."
            strong = f"I am so sorry, that sounds heartbreaking about your {topic}."
            feel = {0: "", 1: "That's rough.", 2: strong}[level]
            reply = f"{tip} {feel}".strip()
            w.writerow([f"s{i}", f"r{i}", f"My {topic} is a mess and I feel awful.", reply, level,
                        f"{feel}|" if feel else ""])


def test_train_epitome_head_with_rationale_block(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("sklearn")
    from dataclasses import replace

    from patiently.heads import train
    from patiently.heads.train import train_heads

    # Fewer hash buckets and a stronger prior: the same code path, seconds instead of half a minute.
    monkeypatch.setitem(train.SPECS, "epitome_er", replace(train.SPECS["epitome_er"], buckets=1 << 10, C=0.1))
    monkeypatch.setattr(train, "SENTENCE_SPEC", replace(train.SENTENCE_SPEC, buckets=1 << 10, C=0.1))

    _epitome_csv(tmp_path / "data" / "epitome" / "emotional-reactions-dev.csv")
    out = tmp_path / "heads"
    manifest = train_heads(tmp_path / "data", out, seed=0, only=["epitome_er"])
    entry = manifest["heads"]["epitome_er"]
    assert entry["blocks"] == ["text", "rationale"] and entry["rationale_sentences"] == 40
    assert entry["metrics"]["accuracy"] >= 0.9  # cross-validated: the sentence head never saw the fold
    head = load_heads(out)["epitome_er"]
    assert head.sentence_head is not None and head.sentence_head.classes == ["none", "weak", "strong"]
    replies = ["Go for a walk. I am so sorry, that sounds heartbreaking about your cat.",
               "Maybe talk to someone about the exam."]
    assert head.predict(replies).tolist() == [2, 0]
    assert head.dense(replies).shape[1] == head.mean.shape[0]
    first = (out / "epitome_er.npz").read_bytes()
    train_heads(tmp_path / "data", out, seed=0, only=["epitome_er"])
    assert (out / "epitome_er.npz").read_bytes() == first  # the stacked head is deterministic too


def test_train_emotion4_and_only_adds_to_a_manifest(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    from patiently.heads.train import go_to_four, train_heads

    rows = {2: "I am furious and angry about {}", 17: "so happy and joyful about {}",
            20: "I hope {} will work out, fingers crossed", 25: "so sad and heartbroken about {}"}
    go = tmp_path / "data" / "goemotions"
    go.mkdir(parents=True)
    lines = [f"{t.format(w)}\t{lab}\tid{i}" for i, w in enumerate(["the team", "my car", "the trip", "the game",
                                                                        "the result", "my exam"])
             for lab, t in rows.items()]
    (go / "train.tsv").write_text("\n".join([*lines, "a neutral remark\t27\tn1", "mixed\t2,17\tm1"]) + "\n",
                                  encoding="utf-8")
    y = np.zeros((3, 28), dtype=np.int8)
    y[0, 3], y[1, [2, 17]], y[2, 27] = 1, 1, 1  # annoyance -> anger; anger + joy is ambiguous; neutral
    kept, labels = go_to_four(y)
    assert kept.tolist() == [0] and labels.tolist() == [0]
    out = tmp_path / "heads"
    train_heads(tmp_path / "data", out, seed=0, only=["emotion4"])
    manifest = train_heads(tmp_path / "data", out, seed=0, only=["goemotions"])
    assert set(manifest["heads"]) == {"emotion4", "goemotions"}  # --only kept the earlier head
    e4 = load_heads(out)["emotion4"]
    assert e4.classes == ["anger", "joy", "optimism", "sadness"]
    assert e4.classes[int(e4.predict(["I am so angry and furious about the printer"])[0])] == "anger"


def test_train_heads_rejects_bad_options(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    from patiently.errors import PatientlyError
    from patiently.heads.train import train_heads

    with pytest.raises(PatientlyError, match="static embedder"):
        train_heads(tmp_path, tmp_path / "o", shippable_only=True, embedder="transformer")
    with pytest.raises(PatientlyError, match="unknown head"):
        train_heads(tmp_path, tmp_path / "o", only=["nope"])
    with pytest.raises(PatientlyError, match="unknown embedder"):
        train_heads(tmp_path, tmp_path / "o", embedder="bert")


def test_softmax_fit_keeps_one_row_per_class() -> None:
    from patiently.heads.train import _all_classes

    coef, bias = _all_classes(np.array([0, 2]), np.array([[1.0, -1.0]]), np.array([0.5]), 3)
    assert coef.shape == (3, 2) and bias[1] == -30.0 and coef[2].tolist() == [1.0, -1.0] and bias[2] == 0.5


def test_heads_name_their_embedder_and_blocks(tmp_path: Path) -> None:
    head = _toy_head("softmax", 3)
    head.save(tmp_path)
    meta = {"kind": "softmax", "classes": head.classes, "embedder": "word2vec"}
    (tmp_path / "manifest.json").write_text(json.dumps({"feature_version": FEATURE_VERSION,
                                                        "heads": {head.name: meta}}), encoding="utf-8")
    with pytest.raises(ModelError, match="embedder 'word2vec'"):
        load_heads(tmp_path)
    meta.update(embedder="static", blocks=["text", "rationale"])
    (tmp_path / "manifest.json").write_text(json.dumps({"feature_version": FEATURE_VERSION,
                                                        "heads": {head.name: meta}}), encoding="utf-8")
    with pytest.raises(ModelError, match="no sentence head"):
        load_heads(tmp_path)


def test_transformer_embedder_is_optional() -> None:
    from patiently.heads.features import get_head_embedder

    with pytest.raises(ModelError, match="unknown head embedder"):
        get_head_embedder("bert")
    try:
        import sentence_transformers  # noqa: F401
    except ImportError:
        with pytest.raises(ModelError, match="transformer"):
            get_head_embedder("transformer")


def test_tone_clean_fast_path_is_the_regex() -> None:
    """clean() skips _NOISE when nothing it needs is there; the result is the regex's on any text."""
    import random

    from patiently.heads import tone

    texts = ["dana: try this", "  bob, restart it", "see https://x.org/a now", "www.example.com", "@brand hi",
             "thanks ^AB", "cheers *MikeRice", "bye /LO", "First, click Start.", "plain text, no noise", ""]
    rng = random.Random(5)
    texts += ["".join(rng.choice("ab: ,@^*/wW.Xhtps-_[]|`\n?Z1") for _ in range(rng.randint(0, 24)))
              for _ in range(20000)]
    for t in texts:
        assert tone.clean(t) == " ".join(tone._NOISE.sub(" ", t).split()), t
        assert tone.scoreable(t) == (len(tone._WORD.findall(t)) >= tone.MIN_WORDS), t
