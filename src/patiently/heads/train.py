"""``patiently train-heads``: fit the heads with scikit-learn, save them as numpy arrays.

    train_heads(data_dir, out_dir, shippable_only=False, seed=0) -> manifest dict

``data_dir`` is laid out like ``../shared/data`` (``goemotions/train.tsv``,
``politeness/wikipedia.annotated.csv``, ``tweeteval/emotion/``, ``epitome/*-dev.csv``,
``esconv/dev.csv``); a missing source is skipped and listed under ``skipped``.
``shippable_only`` keeps to data whose licence allows shipping the weights (CC BY 4.0:
GoEmotions, Stanford Politeness): that is how ``heads/shipped/`` is built.

Every head is logistic regression (lbfgs, L2, fixed ``seed``) over standardised dense
features, plus hashed n-grams for the heads where cross-validation showed they help.
Settings (``SPECS``) were chosen once by 5-fold cross-validation on the dev files, never
on a test split. The manifest records honest numbers per head: on a held-out split where
the source has one (TweetEval val, GoEmotions dev), else 5-fold cross-validation with the
same seed (politeness, EPITOME, ESConv), because those heads are trained on the very file
the benchmark reads.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..bench import metrics
from ..bench import readers as rd
from ..errors import PatientlyError
from . import Head
from .features import FEATURE_VERSION, features, lexical_names
from .hashing import sparse_matrix

CC_BY = "CC BY 4.0"


@dataclass(frozen=True)
class Spec:
    kind: str
    C: float
    buckets: int = 0  # 0: dense features only
    dense_weight: float = 1.0  # scales the dense block against the 0/1 n-gram block
    shippable: bool = False


SPECS: dict[str, Spec] = {
    "goemotions": Spec("sigmoid", C=0.05, shippable=True),
    "politeness": Spec("binary", C=0.3, buckets=1 << 14, dense_weight=0.2, shippable=True),
    "tweeteval_emotion": Spec("softmax", C=0.3, buckets=1 << 15, dense_weight=0.1),
    "epitome_er": Spec("softmax", C=1.0, buckets=1 << 15, dense_weight=0.1),
    "epitome_ip": Spec("softmax", C=0.3, buckets=1 << 15, dense_weight=0.1),
    "epitome_ex": Spec("softmax", C=1.0, buckets=1 << 15, dense_weight=0.1),
    "esconv": Spec("softmax", C=0.3, buckets=1 << 15, dense_weight=0.1),
}
EPITOME_FILES = {"epitome_er": "emotional-reactions", "epitome_ip": "interpretations",
                 "epitome_ex": "explorations"}


def _sklearn() -> Any:
    try:
        import scipy.sparse as sp
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:
        raise PatientlyError("training heads needs scikit-learn: pip install 'patiently[train]'") from exc
    return LogisticRegression, sp


def fit(name: str, spec: Spec, classes: list[str], texts: list[str], y: np.ndarray, *,
        seed: int = 0, dense: np.ndarray | None = None) -> Head:
    """One head. ``y``: class ids (softmax), 0/1 (binary) or an (n, k) 0/1 matrix (sigmoid)."""
    LogisticRegression, sp = _sklearn()
    x = features(texts) if dense is None else dense
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    z = (x - mean) / scale * spec.dense_weight
    a = sp.hstack([sparse_matrix(texts, spec.buckets), sp.csr_matrix(z)]).tocsr() if spec.buckets else z

    def lr() -> Any:
        return LogisticRegression(C=spec.C, max_iter=3000, random_state=seed)

    if spec.kind == "sigmoid":
        coefs, bias = [], []
        for j in range(y.shape[1]):
            m = lr().fit(a, y[:, j])
            coefs.append(m.coef_[0])
            bias.append(m.intercept_[0])
        coef, intercept = np.vstack(coefs), np.asarray(bias)
    else:
        m = lr().fit(a, y)
        coef, intercept = m.coef_, m.intercept_
    b = spec.buckets
    return Head(
        name=name, kind=spec.kind, classes=classes, mean=mean.astype(np.float32),
        w_dense=(coef[:, b:].T * spec.dense_weight / scale[:, None]).astype(np.float32),
        bias=intercept.astype(np.float32), w_hash=coef[:, :b].T.astype(np.float32) if b else None,
    )


def best_thresholds(p: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Per label, the probability cut with the best F1 on held-out data."""
    grid = np.round(np.arange(0.05, 0.96, 0.025), 3)
    out = np.full(p.shape[1], 0.5, dtype=np.float32)
    for j in range(p.shape[1]):
        f1s = [metrics.prf(y[:, j], (p[:, j] >= t).astype(int))[2] for t in grid]
        out[j] = grid[int(np.argmax(f1s))]
    return out


def cross_validate(name: str, spec: Spec, classes: list[str], texts: list[str], y: np.ndarray,
                   *, seed: int = 0, folds: int = 5) -> np.ndarray:
    """Out-of-fold predictions: every item predicted by a head that never saw it."""
    rng = np.random.default_rng(seed)
    fold = rng.permutation(len(texts)) % folds
    dense = features(texts)
    pred = np.zeros(len(texts), dtype=np.int64)
    for k in range(folds):
        tr, te = np.where(fold != k)[0], np.where(fold == k)[0]
        head = fit(name, spec, classes, [texts[i] for i in tr], y[tr], seed=seed, dense=dense[tr])
        pred[te] = head.predict([texts[i] for i in te], dense[te])
    return pred


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# --- one builder per source: (head, manifest entry) --------------------------------------
def _goemotions(data: Path, seed: int) -> tuple[Head, dict[str, Any]]:
    texts, y = rd.read_goemotions(data / "goemotions" / "train.tsv")
    # Thresholds come from a seeded 10% of train, so dev stays untouched for reporting.
    rng = np.random.default_rng(seed)
    hold = rng.permutation(len(texts)) < len(texts) // 10
    fit_texts = [t for t, h in zip(texts, hold, strict=True) if not h]
    head = fit("goemotions", SPECS["goemotions"], list(rd.GOEMOTIONS_LABELS), fit_texts, y[~hold], seed=seed)
    held = [t for t, h in zip(texts, hold, strict=True) if h]
    head.thresholds = best_thresholds(head.predict_proba(held), y[hold])
    entry: dict[str, Any] = {"data": "GoEmotions train.tsv (Demszky et al., 2020)", "licence": CC_BY,
                             "n": len(fit_texts),
                             "files": {"goemotions/train.tsv": _sha256(data / "goemotions/train.tsv")}}
    dev = data / "goemotions" / "dev.tsv"
    if dev.exists():
        dt, dy = rd.read_goemotions(dev)
        entry["metrics"] = {"split": "goemotions/dev.tsv", **metrics.multilabel_f1(dy, head.predict(dt))}
    return head, entry


def _politeness(data: Path, seed: int) -> tuple[Head, dict[str, Any]]:
    path = data / "politeness" / "wikipedia.annotated.csv"
    texts, y = rd.politeness_binary(*rd.read_politeness(path))
    spec = SPECS["politeness"]
    pred = cross_validate("politeness", spec, ["impolite", "polite"], texts, y, seed=seed)
    head = fit("politeness", spec, ["impolite", "polite"], texts, y, seed=seed)
    return head, {"data": "Stanford Politeness Corpus, Wikipedia requests, top vs bottom quartile",
                  "licence": CC_BY, "n": len(texts), "files": {"politeness/wikipedia.annotated.csv": _sha256(path)},
                  "metrics": {"split": "5-fold CV on wikipedia.annotated.csv", "accuracy": metrics.accuracy(y, pred)}}


def _tweeteval(data: Path, seed: int) -> tuple[Head, dict[str, Any]]:
    d = data / "tweeteval" / "emotion"
    texts, y = rd.read_tweeteval(d, "train")
    classes = list(rd.TWEETEVAL_EMOTIONS)
    head = fit("tweeteval_emotion", SPECS["tweeteval_emotion"], classes, texts, y, seed=seed)
    entry: dict[str, Any] = {"data": "TweetEval emotion train (SemEval 2018)", "licence": "research use only",
                             "n": len(texts),
                             "files": {"tweeteval/emotion/train_text.txt": _sha256(d / "train_text.txt")}}
    if (d / "val_text.txt").exists():
        vt, vy = rd.read_tweeteval(d, "val")
        p = head.predict(vt)
        entry["metrics"] = {"split": "tweeteval/emotion val", "accuracy": metrics.accuracy(vy, p),
                            "macro_f1": metrics.macro_f1(vy, p, len(classes))}
    return head, entry


def _pairs_builder(name: str, rel: str, reader: Callable[[Path], Any], classes: list[str], data_desc: str,
                   licence: str) -> Callable[[Path, int], tuple[Head, dict[str, Any]]]:
    def build(data: Path, seed: int) -> tuple[Head, dict[str, Any]]:
        path = data / rel
        pairs = list(reader(path))
        texts = [p.text for p in pairs]  # the reply alone: adding the context hurt in CV
        y = np.asarray([p.label for p in pairs], dtype=np.int64)
        spec = SPECS[name]
        pred = cross_validate(name, spec, classes, texts, y, seed=seed)
        head = fit(name, spec, classes, texts, y, seed=seed)
        return head, {"data": data_desc, "licence": licence, "n": len(texts), "files": {rel: _sha256(path)},
                      "metrics": {"split": f"5-fold CV on {rel}", "accuracy": metrics.accuracy(y, pred),
                                  "macro_f1": metrics.macro_f1(y, pred, len(classes))}}
    return build


BUILDERS: dict[str, tuple[str, Callable[[Path, int], tuple[Head, dict[str, Any]]]]] = {
    "goemotions": ("goemotions/train.tsv", _goemotions),
    "politeness": ("politeness/wikipedia.annotated.csv", _politeness),
    "tweeteval_emotion": ("tweeteval/emotion/train_text.txt", _tweeteval),
    **{name: (f"epitome/{stem}-dev.csv", _pairs_builder(
        name, f"epitome/{stem}-dev.csv", rd.read_epitome, ["none", "weak", "strong"],
        f"EPITOME {stem} (Sharma et al., 2020)", "research data, no licence: do not ship"))
       for name, stem in EPITOME_FILES.items()},
    "esconv": ("esconv/dev.csv", _pairs_builder(
        "esconv", "esconv/dev.csv", rd.read_esconv, list(rd.ESCONV_STRATEGIES),
        "ESConv supporter strategies (Liu et al., 2021)", "CC BY-NC 4.0: do not ship")),
}


def train_heads(data_dir: str | Path, out_dir: str | Path, *, shippable_only: bool = False, seed: int = 0,
                only: list[str] | None = None, log: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Train every head whose data is present; write ``NAME.npz`` + ``manifest.json``."""
    _sklearn()  # fail before minutes of feature extraction
    data, out = Path(data_dir), Path(out_dir)
    if not data.is_dir():
        raise PatientlyError(f"{data}: not a directory (expected a layout like ../shared/data)")
    out.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {"feature_version": FEATURE_VERSION, "seed": seed, "lexical_features":
                                list(lexical_names()), "heads": {}, "skipped": {}}
    for name, (rel, build) in BUILDERS.items():
        if only and name not in only:
            continue
        if shippable_only and not SPECS[name].shippable:
            manifest["skipped"][name] = "licence does not allow shipping"
            continue
        if not (data / rel).exists():
            manifest["skipped"][name] = f"{rel} not found"
            continue
        t0 = time.perf_counter()
        head, entry = build(data, seed)
        head.save(out)
        spec = SPECS[name]
        entry.update({"kind": head.kind, "classes": head.classes, "seed": seed, "C": spec.C,
                      "hash_buckets": spec.buckets, "shippable": spec.shippable,
                      "train_seconds": round(time.perf_counter() - t0, 1)})
        manifest["heads"][name] = entry
        if log:
            log(f"{name}: {json.dumps(entry.get('metrics', {}))}")
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return manifest
