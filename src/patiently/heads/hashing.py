"""Hashed word uni- and bigrams: the sparse half of a head's input.

A 256-d static embedding averages words away, so a reply's few decisive words ("that
sounds so hard", "have you tried") get diluted; a linear layer over hashed n-grams keeps
them. Hashing (crc32, stable across processes and machines, unlike ``hash()``) needs no
vocabulary file and lets predict run on numpy alone.
"""

from __future__ import annotations

import itertools
import re
import zlib
from collections.abc import Sequence
from typing import Any

import numpy as np

_TOKEN = re.compile(r"[a-z0-9']+|[?!]")


def grams(text: str) -> set[str]:
    """Distinct lower-cased word unigrams and bigrams ('?' and '!' count as words)."""
    words = _TOKEN.findall(text[:2000].lower())
    out = set(words)
    out.update(f"{a} {b}" for a, b in itertools.pairwise(words))
    return out


def bucket_ids(texts: Sequence[str], buckets: int) -> tuple[np.ndarray, np.ndarray]:
    """(row, bucket) pairs of the binary bag of hashed n-grams, deduplicated per row."""
    rows: list[int] = []
    cols: list[int] = []
    for i, t in enumerate(texts):
        ids = {zlib.crc32(g.encode("utf-8")) % buckets for g in grams(t)}
        rows.extend([i] * len(ids))
        cols.extend(sorted(ids))
    return np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)


def hashed_scores(texts: Sequence[str], weights: np.ndarray) -> np.ndarray:
    """Sum of the weight rows of each text's buckets: (n, k), without building a matrix."""
    n, k = len(texts), weights.shape[1]
    out = np.zeros((n, k), dtype=np.float32)
    rows, cols = bucket_ids(texts, weights.shape[0])
    if len(rows):
        np.add.at(out, rows, weights[cols].astype(np.float32))
    return out


def sparse_matrix(texts: Sequence[str], buckets: int) -> Any:
    """The same bag as a scipy CSR matrix, for training only (scipy comes with scikit-learn)."""
    import scipy.sparse as sp

    rows, cols = bucket_ids(texts, buckets)
    data = np.ones(len(rows), dtype=np.float32)
    return sp.csr_matrix((data, (rows, cols)), shape=(len(texts), buckets))
