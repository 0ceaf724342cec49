"""The fast static encoder: the tokenizer's ids exactly, model2vec's vectors to the last float16 bit,
and each text's vector independent of the batch (see patiently/static_fast.py)."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest

from patiently.embeddings import StaticEmbedder, _normalise
from patiently.static_fast import WORD_CACHE_MAX, FastStaticEncoder
from patiently.text import sentence_spans

from conftest import ROOT_EXAMPLES, SHARED_DATA


@pytest.fixture(scope="module")
def embedder() -> StaticEmbedder:
    return StaticEmbedder()


def reference(emb: StaticEmbedder, texts: list[str]) -> np.ndarray:
    """model2vec's own encode, as StaticEmbedder called it before the fast path."""
    vecs = emb._model.encode([t[:2000] for t in texts], show_progress_bar=False, use_multiprocessing=False)
    return _normalise(vecs)


def same(emb: StaticEmbedder, texts: list[str]) -> None:
    """Same ids as the tokenizer; vectors equal up to float16 rounding of a differently ordered
    sum (model2vec's own vectors vary that much with the batch), and almost all bit-identical."""
    fast = emb._fast
    assert fast is not None
    tok = emb._model.tokenizer
    for t in texts:
        clipped = t[:2000][: fast._max_chars]
        assert fast.ids(clipped) == list(tok.encode(clipped, add_special_tokens=False).ids), t
    got, want = emb.encode(texts), reference(emb, texts)
    assert np.allclose(got, want, rtol=0, atol=2e-5)
    assert (np.abs(got - want).max(axis=1) > 0).sum() <= max(1, len(texts) // 100)


def example_texts() -> list[str]:
    out: list[str] = []
    for path in sorted(ROOT_EXAMPLES.rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                for m in json.loads(line).get("messages", []):
                    text = m.get("text") or ""
                    out.append(text)
                    out += [text[s:e] for s, e in sentence_spans(text)]
    return out


GENERATED = [
    "", " ", "!!!", "Hello, WORLD!!", "e-mail: a.b@example.com; call 555-0100 (ext. 12)",
    "C:\\Users\\ana\\AppData", "ping 10.0.0.1 -t && ipconfig /flushdns", "x" * 150, "word " * 700,
    "tab\there\r\nnew line", "café naïve résumé", "Ünïcödé ÄÖÜ straße", "日本語のテキスト", "emoji 😀 ok",
    "ctrl\x07char", "del\x7fchar", "nbsp\u00a0space", "zero\u200bwidth", "İstanbul ıi", "\ufffd replacement",
    "~`^|{}[]<>=+_#$%&*@", "don't won't can't I'm", "unk\x00nul",
    "error [UNK] token", "a [PAD] b", "[unk] lower-case is plain text", "[UNK][PAD]",
]


def test_identical_on_generated_text(embedder: StaticEmbedder) -> None:
    assert embedder._fast is not None
    same(embedder, GENERATED)


def test_identical_on_the_examples(embedder: StaticEmbedder) -> None:
    texts = example_texts()
    assert len(texts) > 500
    for k in range(0, len(texts), 64):  # batches of mixed lengths, like a conversation's sentences
        batch = texts[k:k + 64]
        same(embedder, batch)


def test_identical_on_random_ascii(embedder: StaticEmbedder) -> None:
    rng = random.Random(3)
    alphabet = "abcXYZ019 .,;:!?'\"-_/\\()[]{}@#$%^&*+=<>|~`\t\n"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 80))) for _ in range(400)]
    same(embedder, texts)


def test_a_vector_does_not_depend_on_the_batch(embedder: StaticEmbedder) -> None:
    texts = example_texts()[:300]
    together = embedder.encode(texts)
    alone = np.vstack([embedder.encode([t]) for t in texts])
    assert np.array_equal(together, alone)


def test_the_word_cache_is_bounded(embedder: StaticEmbedder, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = embedder._fast
    assert fast is not None
    monkeypatch.setattr("patiently.static_fast.WORD_CACHE_MAX", 50)
    texts = [f"ticket {n} for user{n} on host-{n}" for n in range(40)]
    for k in range(0, 40, 5):  # more new words than fit: the cache starts again, the ids stay right
        same(embedder, texts[k:k + 5])
        assert len(fast._words) <= 50
    assert WORD_CACHE_MAX >= 10_000


def test_other_tokenizers_use_model2vec(embedder: StaticEmbedder) -> None:
    class Other:
        tokenizer = embedder._model.tokenizer
        token_mapping = None
        weights = np.ones(3)  # token weights: not what the fast path reproduces

    assert FastStaticEncoder.for_model(Other()) is None


@pytest.mark.skipif(not (SHARED_DATA / "conversations").exists(), reason="../shared/data not available")
def test_identical_on_real_chats(embedder: StaticEmbedder) -> None:
    texts: list[str] = []
    for name in ("ubuntu-irc-train.jsonl", "twcs-first-5000.jsonl"):
        with open(SHARED_DATA / "conversations" / name, encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if n >= 300:
                    break
                texts += [m["text"] for m in json.loads(line)["messages"]]
    for k in range(0, len(texts), 256):
        same(embedder, texts[k:k + 256])
