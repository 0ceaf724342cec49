"""Classification metrics in numpy (no scikit-learn at benchmark time).

Conventions follow scikit-learn's defaults so numbers compare with published ones: an
undefined precision/recall/F1 (no predicted or no true positives) counts as 0, and macro
F1 averages over every class of the task, including classes absent from the file.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def _r(x: float) -> float:
    return round(float(x), 4)


def accuracy(y: Sequence[int] | np.ndarray, pred: Sequence[int] | np.ndarray) -> float:
    y, pred = np.asarray(y), np.asarray(pred)
    return _r((y == pred).mean()) if len(y) else 0.0


def prf(y: Sequence[int] | np.ndarray, pred: Sequence[int] | np.ndarray) -> tuple[float, float, float]:
    """Precision, recall, F1 of the positive class (1) of a binary task."""
    y, pred = np.asarray(y).astype(bool), np.asarray(pred).astype(bool)
    tp = float((y & pred).sum())
    p = tp / pred.sum() if pred.sum() else 0.0
    r = tp / y.sum() if y.sum() else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return _r(p), _r(r), _r(f)


def per_class_f1(y: Sequence[int] | np.ndarray, pred: Sequence[int] | np.ndarray, n_classes: int) -> list[float]:
    y, pred = np.asarray(y), np.asarray(pred)
    return [prf(y == k, pred == k)[2] for k in range(n_classes)]


def macro_f1(y: Sequence[int] | np.ndarray, pred: Sequence[int] | np.ndarray, n_classes: int) -> float:
    return _r(float(np.mean(per_class_f1(y, pred, n_classes))))


def multilabel_f1(y: np.ndarray, pred: np.ndarray, labels: Sequence[int] | None = None) -> dict[str, float]:
    """Macro F1 over label columns of 0/1 matrices (all columns, or ``labels``)."""
    cols = list(range(y.shape[1])) if labels is None else list(labels)
    f1s = [prf(y[:, j], pred[:, j])[2] for j in cols]
    return {"macro_f1": _r(float(np.mean(f1s))) if f1s else 0.0}


def roc_auc(y: Sequence[int] | np.ndarray, score: Sequence[float] | np.ndarray) -> float | None:
    """Area under the ROC curve by the rank statistic (ties get half credit), or None
    when the file has only one class and AUC is undefined."""
    y, s = np.asarray(y).astype(bool), np.asarray(score, dtype=float)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        return None
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s), dtype=float)
    sorted_s = s[order]
    # average ranks over ties
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and sorted_s[j + 1] == sorted_s[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return _r((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))
