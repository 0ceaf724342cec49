"""The feature vector every head reads: static sentence embedding + a few lexical counts.

    features(texts) -> float32 array (n, EMBED_DIM + len(LEXICAL_NAMES))

The embedding carries meaning; the lexical part carries what a 256-d static embedding
smooths away and what the literature shows matters for these tasks: VADER's
negative/positive/compound scores, the politeness strategies of Danescu-Niculescu-Mizil et
al. (``politeness.yaml``), question and exclamation marks, shouting and length.
Everything is deterministic (no sampling, no threads with ordering effects) so a head
predicts the same on every machine. Heads store their own standardisation, so the raw
scales here do not matter, only that they never change without a new head version.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import yaml

from ..lexicon import Lexicon, parse_lexicon

FEATURE_VERSION = 1  # bump when the lexical part changes: heads record it and refuse a mismatch


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


def embed(texts: Sequence[str]) -> np.ndarray:
    from ..embeddings import get_embedder

    return get_embedder().encode(list(texts))


def features(texts: Sequence[str], *, batch: int = 4096) -> np.ndarray:
    """Embedding + lexical features, one float32 row per text."""
    texts = [t if isinstance(t, str) else "" for t in texts]
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    parts = []
    for i in range(0, len(texts), batch):  # bounded memory on big training files
        chunk = texts[i : i + batch]
        emb = embed(chunk)
        lex = np.asarray([lexical(t) for t in chunk], dtype=np.float32)
        parts.append(np.hstack([emb, lex]).astype(np.float32))
    return np.vstack(parts)


def pair_features(first: Sequence[str], second: Sequence[str]) -> np.ndarray:
    """Features of a (context, reply) pair: the reply's features, the context's embedding and
    their elementwise product, so a head can tell a reply that engages with the context
    (EPITOME interpretations, ESConv restatements) from a generic one."""
    reply = features(second)
    ctx = embed(first)
    dim = ctx.shape[1]
    return np.hstack([reply, ctx, reply[:, :dim] * ctx]).astype(np.float32)
