"""The ``rationale`` block: a sentence-level sub-head trained on EPITOME's rationales.

EPITOME marks, in each empathic reply, the fragments that justify its level ("I know how
you feel, I lost my job last year too"). A reply-level head sees the reply averaged into
one vector, where that one sentence is diluted by advice and small talk. So a head with the
``rationale`` block carries a second, sentence-level head: it scores every sentence of the
reply (none / weak / strong rationale), and the reply-level head reads, per level, the
highest and the mean sentence score. This is stacking: while training, the reply-level head
sees out-of-fold sentence scores (``heads.train``), never scores from a sentence head that
saw the same reply, so it learns how far to trust them on unseen text.

    split(texts) -> (sentences, owner)           # owner[i]: the text sentence i belongs to
    sentence_labels(text, rationales, level)     # per sentence: level if mostly rationale else 0
    aggregate(p, owner, n)                       # (n, 2 * (k - 1)): max and mean per level >= 1
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..text import sentence_spans

# A sentence counts as a rationale when at least this share of its characters lies in one.
COVERAGE = 0.5


def _spans(text: str) -> list[tuple[int, int]]:
    t = text[:2000]  # the cut every feature uses
    return sentence_spans(t) or [(0, len(t))]


def split(texts: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """All sentences of ``texts`` and, for each, the index of its text (an empty text gets one
    empty sentence, so every text has at least one row)."""
    sents: list[str] = []
    owner: list[int] = []
    for i, text in enumerate(texts):
        for s, e in _spans(text):
            sents.append(text[s:e])
            owner.append(i)
    return sents, np.asarray(owner, dtype=np.int64)


def sentence_labels(text: str, rationales: Sequence[str], level: int) -> list[int]:
    """Per sentence of ``text`` (as :func:`split` cuts it): ``level`` when at least
    :data:`COVERAGE` of it lies inside the rationale fragments, else 0. Fragments are found
    verbatim; one that does not occur in the text is ignored."""
    t = text[:2000]
    mask = np.zeros(len(t) + 1, dtype=bool)
    for frag in rationales:
        k = t.find(frag) if len(frag) >= 3 else -1
        if k >= 0:
            mask[k : k + len(frag)] = True
    return [level if e > s and mask[s:e].mean() >= COVERAGE else 0 for s, e in _spans(text)]


def aggregate(p: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
    """Per text, for each sentence class but the first ("none"): the highest and the mean
    probability over its sentences. (n, 2 * (k - 1)) float32."""
    k = p.shape[1]
    counts = np.maximum(np.bincount(owner, minlength=n), 1)
    out = np.zeros((n, 2 * (k - 1)), dtype=np.float32)
    for c in range(1, k):
        peak = np.zeros(n)
        np.maximum.at(peak, owner, p[:, c])
        out[:, 2 * (c - 1)] = peak
        out[:, 2 * (c - 1) + 1] = np.bincount(owner, weights=p[:, c], minlength=n) / counts
    return out


@dataclass
class Sentences:
    """The sentences of a set of texts, for training: text, owning text, rationale label, and
    their dense features (computed once: with the transformer that takes minutes)."""

    texts: list[str]
    owner: np.ndarray
    labels: np.ndarray
    dense: np.ndarray

    def of(self, rows: np.ndarray) -> Sentences:
        """The sentences of texts ``rows`` (in that order), owners renumbered 0..len(rows)-1."""
        new = np.full(int(self.owner.max(initial=-1)) + 1, -1, dtype=np.int64)
        new[rows] = np.arange(len(rows))
        keep = np.where(new[self.owner] >= 0)[0]
        keep = keep[np.argsort(new[self.owner[keep]], kind="stable")]
        return Sentences([self.texts[i] for i in keep], new[self.owner[keep]], self.labels[keep], self.dense[keep])
