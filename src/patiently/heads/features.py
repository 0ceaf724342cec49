"""The feature vector every head reads: sentence embedding + a few lexical counts.

    features(texts) -> float32 array (n, EMBED_DIM + len(LEXICAL_NAMES))
    dense_features(texts, blocks=("text", "questions"), embedder="transformer")

The embedding carries meaning; the lexical part carries what a 256-d static embedding
smooths away and what the literature shows matters for these tasks: VADER's
negative/positive/compound scores, the politeness strategies of Danescu-Niculescu-Mizil et
al. (``politeness.yaml``), question and exclamation marks, shouting and length.
Everything is deterministic (no sampling, no threads with ordering effects) so a head
predicts the same on every machine. Heads store their own standardisation, so the raw
scales here do not matter, only that they never change without a new head version.

A head names the *blocks* it reads (``text``: embedding + lexical, always first;
``questions``: the mean embedding of the text's question sentences, which the averaged
whole-text embedding dilutes, e.g. EPITOME explorations; ``rationale``, last: scores of a
sentence-level sub-head, computed by the head itself, see :mod:`.rationale`) and the *embedder*: ``static``
(the shipped 256-d model2vec model, numpy only) or ``transformer`` (the full 384-d
all-MiniLM-L6-v2 of the ``[transformer]`` extra: better features for locally trained heads,
but ~100 texts/s on one CPU core instead of thousands). Shipped heads are always static.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np
import yaml

from ..errors import ModelError
from ..lexicon import Lexicon, parse_lexicon
from ..text import sentence_spans

if TYPE_CHECKING:
    from ..embeddings import Embedder

FEATURE_VERSION = 1  # bump when the lexical part changes: heads record it and refuse a mismatch
EMBEDDERS = ("static", "transformer")
# The first block is "text" (embedding + lexical) or "embedding" (the embedding alone: the
# rationale block's sentence head, where VADER and the lexicons on every sentence would
# double the cost of a prediction). "rationale" is computed by the head (heads.rationale).
FIRST_BLOCKS = ("text", "embedding")
BLOCKS = (*FIRST_BLOCKS, "questions", "rationale")


@lru_cache(maxsize=1)
def politeness_lexicon() -> Lexicon:
    text = (resources.files("patiently") / "heads" / "politeness.yaml").read_text(encoding="utf-8")
    return parse_lexicon(yaml.safe_load(text), "heads/politeness.yaml")


def _strategy_names() -> tuple[str, ...]:
    return tuple(c.name for c in politeness_lexicon().categories)


@lru_cache(maxsize=1)
def lexical_names() -> tuple[str, ...]:
    return (
        "vader_compound", "vader_neg", "vader_pos",
        *(f"pol_{n}" for n in _strategy_names()),
        "questions", "exclamations", "caps_ratio", "log_chars",
    )


@lru_cache(maxsize=1)
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


_LETTERS = re.compile(r"[A-Za-z]")
_UPPER = re.compile(r"[A-Z]")


def lexical(text: str) -> list[float]:
    """The lexical features of one text (see :func:`lexical_names` for their order)."""
    t = text[:2000]  # same cut as the embedder: the first 2,000 chars carry the message
    scores = _vader().polarity_scores(t)
    lex = politeness_lexicon()
    counts = dict.fromkeys(_strategy_names(), 0)
    for m in lex.find(t):
        counts[m.category] += 1
    letters = len(_LETTERS.findall(t))
    caps = len(_UPPER.findall(t)) / letters if letters >= 8 else 0.0
    return [
        scores["compound"], scores["neg"], scores["pos"],
        # log1p: the second "please" says much less than the first
        *(math.log1p(counts[n]) for n in _strategy_names()),
        math.log1p(t.count("?")), math.log1p(t.count("!")), caps, math.log1p(len(t)),
    ]


def get_head_embedder(name: str = "static") -> Embedder:
    """The embedder a head was trained with: ``static`` or ``transformer``. Independent of the
    analyser's ``embeddings.backend`` setting: a head only works with its own embedder."""
    from ..config import EmbeddingSettings
    from ..embeddings import get_embedder

    if name not in EMBEDDERS:
        raise ModelError(f"unknown head embedder {name!r}; expected one of {', '.join(EMBEDDERS)}")
    return get_embedder(EmbeddingSettings(backend="transformer") if name == "transformer" else None)


def embed(texts: Sequence[str], embedder: str = "static") -> np.ndarray:
    return get_head_embedder(embedder).encode(list(texts))


def features(texts: Sequence[str], *, batch: int = 4096, embedder: str = "static") -> np.ndarray:
    """Embedding + lexical features, one float32 row per text."""
    texts = [t if isinstance(t, str) else "" for t in texts]
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    parts = []
    for i in range(0, len(texts), batch):  # bounded memory on big training files
        chunk = texts[i : i + batch]
        emb = embed(chunk, embedder)
        lex = np.asarray([lexical(t) for t in chunk], dtype=np.float32)
        parts.append(np.hstack([emb, lex]).astype(np.float32))
    return np.vstack(parts)


def question_sentences(text: str) -> list[str]:
    """The sentences of ``text`` (first 2,000 chars) that ask something (contain '?')."""
    t = text[:2000]
    return [t[s:e] for s, e in sentence_spans(t) if "?" in t[s:e]]


def question_embedding(texts: Sequence[str], embedder: str = "static") -> np.ndarray:
    """Mean embedding of each text's question sentences; a zero row for a text without one.

    Why: in a long reply one question ("what happened with your sister?") is what makes it
    an exploration, and the whole-text average buries it under the rest of the reply.
    """
    emb = get_head_embedder(embedder)
    owner: list[int] = []
    sents: list[str] = []
    for i, t in enumerate(texts):
        qs = question_sentences(t if isinstance(t, str) else "")
        owner.extend([i] * len(qs))
        sents.extend(qs)
    out = np.zeros((len(texts), emb.dim), dtype=np.float32)
    if sents:
        vecs = emb.encode(sents)
        rows = np.asarray(owner)
        np.add.at(out, rows, vecs)
        out /= np.maximum(np.bincount(rows, minlength=len(texts)), 1)[:, None]
    return out


def valid_blocks(blocks: Sequence[str]) -> bool:
    """``text`` or ``embedding`` first (only), known blocks, no repeats, ``rationale`` (if any) last."""
    return (bool(blocks) and blocks[0] in FIRST_BLOCKS and all(b in BLOCKS for b in blocks)
            and not any(b in FIRST_BLOCKS for b in blocks[1:])
            and len(set(blocks)) == len(blocks) and "rationale" not in blocks[:-1])


def dense_features(texts: Sequence[str], blocks: Sequence[str] = ("text",), embedder: str = "static"
                   ) -> np.ndarray:
    """The dense input of a head: its ``blocks`` side by side (``text`` or ``embedding``
    first; ``rationale`` needs the head's sentence head: use :meth:`Head.dense` for it)."""
    if not valid_blocks(blocks) or "rationale" in blocks:
        raise ModelError(f"bad feature blocks {list(blocks)}: start with one of {', '.join(FIRST_BLOCKS)}, "
                         "then 'questions' if wanted")
    texts = [t if isinstance(t, str) else "" for t in texts]
    if blocks[0] == "embedding":
        x = embed(texts, embedder) if texts else np.zeros((0, 0), dtype=np.float32)
    else:
        x = features(texts, embedder=embedder)
    if not texts:
        return x
    parts = [x]
    for b in blocks[1:]:
        if b == "questions":
            parts.append(question_embedding(texts, embedder))
    return np.hstack(parts).astype(np.float32) if len(parts) > 1 else x
