"""Small trained heads over sentence features, predicted with numpy alone.

    heads = load_heads()                      # shipped heads (GoEmotions, politeness)
    heads = load_heads("my-heads/")           # a local set from `patiently train-heads`
    heads["tweeteval_emotion"].predict(texts)  # linear or fine-tuned (--embedder finetuned)
    p = heads["goemotions"].predict_proba(texts)   # (n, 28) sigmoid probabilities
    emotion_signal(texts)                     # 0..1 negative-emotion signal for frustration

A head is a linear layer: standardised dense features (:mod:`.features`: sentence embedding +
lexical counts, plus the blocks the head names) plus, optionally, hashed n-grams
(:mod:`.hashing`). ``kind`` is ``softmax``
(one class), ``sigmoid`` (multi-label, per-label thresholds) or ``binary``. Each head is one
``NAME.npz`` (arrays only, loaded with ``allow_pickle=False`` so a heads directory cannot
run code) plus its entry in ``manifest.json`` (classes, thresholds, data, licence, n,
metrics, seed). Training lives in :mod:`.train` and needs scikit-learn (the ``[train]``
extra); nothing here does.

Only heads trained on data whose licence allows redistribution are shipped
(``shipped/``): GoEmotions and Stanford Politeness, both CC BY 4.0. Heads trained on
research-only or non-commercial data (EPITOME, ESConv, TweetEval) exist only in a local
directory a user builds.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from . import rationale
from .features import BLOCKS, EMBEDDERS, FEATURE_VERSION, dense_features, features, valid_blocks
from .finetune import FineTunedHead
from .hashing import hashed_scores

__all__ = ["NEGATIVE_EMOTIONS", "AnyHead", "FineTunedHead", "Head", "Heads", "emotion_signal", "features",
           "load_heads", "shipped_dir"]

# GoEmotions labels that mean "this customer is unhappy with us" (not sadness or fear,
# which describe the customer's situation more than their mood towards the agent).
NEGATIVE_EMOTIONS = ("anger", "annoyance", "disappointment", "disapproval", "disgust")


def shipped_dir() -> Path:
    return Path(str(resources.files("patiently") / "heads" / "shipped"))


@dataclass
class Head:
    name: str
    kind: str  # softmax | sigmoid | binary
    classes: list[str]
    mean: np.ndarray  # (d,) dense feature means
    w_dense: np.ndarray  # (d, k) already divided by the feature scale
    bias: np.ndarray  # (k,)
    w_hash: np.ndarray | None = None  # (buckets, k) or None
    thresholds: np.ndarray | None = None  # sigmoid/binary decision thresholds
    meta: dict[str, Any] = field(default_factory=dict)
    blocks: tuple[str, ...] = ("text",)  # dense feature blocks, see features.dense_features
    embedder: str = "static"  # static | transformer: the embedder the head was trained with
    sentence_head: Head | None = None  # the "rationale" block's sentence scorer (see .rationale)

    def dense(self, texts: Sequence[str]) -> np.ndarray:
        """The dense features this head reads (its blocks, its embedder)."""
        x = dense_features(texts, [b for b in self.blocks if b != "rationale"], self.embedder)
        if "rationale" not in self.blocks or not len(texts):
            return x
        if self.sentence_head is None:
            raise ModelError(f"head '{self.name}' reads the rationale block but has no sentence head")
        sents, owner = rationale.split([t if isinstance(t, str) else "" for t in texts])
        scores = rationale.aggregate(self.sentence_head.predict_proba(sents), owner, len(texts))
        return np.hstack([x, scores]).astype(np.float32)

    def logits(self, texts: Sequence[str], dense: np.ndarray | None = None) -> np.ndarray:
        """Raw scores (n, k); pass ``dense`` (from :meth:`dense`) to share it across heads that
        read the same blocks with the same embedder."""
        x = self.dense(texts) if dense is None else dense
        if len(texts) == 0:
            return np.zeros((0, len(self.bias)), dtype=np.float32)
        if x.shape[1] != self.mean.shape[0]:
            raise ModelError(f"head '{self.name}' expects {self.mean.shape[0]} features, got {x.shape[1]}: "
                             "retrain it with this version of patiently")
        z = (x - self.mean) @ self.w_dense + self.bias
        if self.w_hash is not None:
            z = z + hashed_scores(texts, self.w_hash)
        return z.astype(np.float32)

    def predict_proba(self, texts: Sequence[str], dense: np.ndarray | None = None) -> np.ndarray:
        z = self.logits(texts, dense)
        if self.kind == "softmax":
            z = z - z.max(axis=1, keepdims=True)
            e = np.exp(z)
            return e / e.sum(axis=1, keepdims=True)
        return 1.0 / (1.0 + np.exp(-z))  # sigmoid and binary: one probability per column

    def predict(self, texts: Sequence[str], dense: np.ndarray | None = None) -> np.ndarray:
        """Class indices (softmax), 0/1 per label (sigmoid) or 0/1 (binary)."""
        p = self.predict_proba(texts, dense)
        if self.kind == "softmax":
            return p.argmax(axis=1)
        t = self.thresholds if self.thresholds is not None else np.full(p.shape[1], 0.5)
        out = (p >= t).astype(np.int64)
        return out[:, 0] if self.kind == "binary" else out

    def save(self, directory: Path) -> Path:
        arrays: dict[str, np.ndarray] = {"mean": self.mean.astype(np.float32),
                                         "w_dense": self.w_dense.astype(np.float32),
                                         "bias": self.bias.astype(np.float32)}
        if self.w_hash is not None:
            # float16 halves the file; the rounding moves probabilities by < 1e-3.
            arrays["w_hash"] = self.w_hash.astype(np.float16)
        if self.thresholds is not None:
            arrays["thresholds"] = self.thresholds.astype(np.float32)
        if self.sentence_head is not None:
            s = self.sentence_head
            arrays.update({"s_mean": s.mean.astype(np.float32), "s_w_dense": s.w_dense.astype(np.float32),
                           "s_bias": s.bias.astype(np.float32)})
            if s.w_hash is not None:
                arrays["s_w_hash"] = s.w_hash.astype(np.float16)
        path = directory / f"{self.name}.npz"
        np.savez_compressed(path, **arrays)  # type: ignore[arg-type]
        return path


AnyHead = Head | FineTunedHead


class Heads(Mapping[str, AnyHead]):
    """The heads of one directory, by name, with the directory's manifest."""

    def __init__(self, directory: Path, manifest: dict[str, Any], heads: dict[str, AnyHead]) -> None:
        self.directory = directory
        self.manifest = manifest
        self._heads = heads

    def __getitem__(self, name: str) -> AnyHead:
        try:
            return self._heads[name]
        except KeyError:
            raise ModelError(f"no head '{name}' in {self.directory} (has: {', '.join(self._heads) or 'none'})"
                             ) from None

    def linear(self, name: str) -> Head:
        """Head ``name``, which the analyser reads as a linear head (features in, scores out)."""
        head = self[name]
        if not isinstance(head, Head):
            raise ModelError(f"head '{name}' in {self.directory} is fine-tuned; the analyser needs the linear "
                             "head of that name: build it with --embedder static or transformer")
        return head

    def __contains__(self, name: object) -> bool:
        return name in self._heads

    def __iter__(self) -> Iterator[str]:
        return iter(self._heads)

    def __len__(self) -> int:
        return len(self._heads)

    @property
    def shipped(self) -> bool:
        return self.directory.resolve() == shipped_dir().resolve()

    def describe(self) -> dict[str, Any]:
        return {"dir": str(self.directory), "shipped": self.shipped,
                "heads": {n: {k: h.meta.get(k) for k in ("data", "licence", "n", "seed", "embedder")}
                          for n, h in self._heads.items()}}


def _load_dir(directory: Path) -> Heads:
    manifest_path = directory / "manifest.json"
    if not manifest_path.exists():
        raise ModelError(f"{directory}: no manifest.json; build heads with 'patiently train-heads'")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ModelError(f"{manifest_path}: invalid JSON ({exc})") from exc
    if manifest.get("feature_version") != FEATURE_VERSION:
        raise ModelError(f"{directory}: heads built for feature version {manifest.get('feature_version')}, "
                         f"this patiently computes version {FEATURE_VERSION}; retrain them")
    heads: dict[str, AnyHead] = {}
    for name, meta in manifest.get("heads", {}).items():
        blocks, embedder = meta.get("blocks", ["text"]), meta.get("embedder", "static")
        if embedder == "finetuned":  # its encoder loads on first use (see .finetune)
            if not isinstance(meta.get("classes"), list) or not (directory / name).is_dir():
                raise ModelError(f"{manifest_path}: fine-tuned head '{name}' needs its classes and the folder "
                                 f"{directory / name}; retrain it")
            heads[name] = FineTunedHead(directory, name, meta)
            continue
        if embedder not in EMBEDDERS or not valid_blocks(blocks):
            raise ModelError(f"{manifest_path}: head '{name}' has embedder {embedder!r} and blocks {blocks}; "
                             f"expected an embedder in {list(EMBEDDERS)} and blocks from {list(BLOCKS)}, "
                             "'text' or 'embedding' first, 'rationale' last")
        try:
            with np.load(directory / f"{name}.npz", allow_pickle=False) as z:
                arrays = {k: z[k] for k in z.files}
        except (OSError, ValueError) as exc:
            raise ModelError(f"{directory / (name + '.npz')}: cannot be loaded ({exc})") from exc
        sentence_head = None
        sentence_blocks = meta.get("sentence_blocks", ["text"])
        if not valid_blocks(sentence_blocks) or "rationale" in sentence_blocks:
            raise ModelError(f"{manifest_path}: head '{name}' has sentence blocks {sentence_blocks}")
        if "s_mean" in arrays:
            k = arrays["s_bias"].shape[0]
            classes = [str(c) for c in meta.get("sentence_classes") or range(k)]
            sentence_head = Head(name=f"{name}.sentences", kind="softmax", classes=classes, mean=arrays["s_mean"],
                                 w_dense=arrays["s_w_dense"], bias=arrays["s_bias"], w_hash=arrays.get("s_w_hash"),
                                 blocks=tuple(sentence_blocks), embedder=embedder)
        elif "rationale" in blocks:
            raise ModelError(f"{directory / (name + '.npz')}: head '{name}' reads the rationale block "
                             "but the file has no sentence head (s_* arrays); retrain it")
        heads[name] = Head(
            name=name, kind=meta["kind"], classes=list(meta["classes"]), mean=arrays["mean"],
            w_dense=arrays["w_dense"], bias=arrays["bias"], w_hash=arrays.get("w_hash"),
            thresholds=arrays.get("thresholds"), meta=meta,
            blocks=tuple(blocks), embedder=embedder, sentence_head=sentence_head,
        )
    return Heads(directory, manifest, heads)


@lru_cache(maxsize=8)
def _cached(directory: str) -> Heads:
    return _load_dir(Path(directory))


# The heads the analyser's detectors read, and who reads them: a heads folder given to the
# analyser or the coach (``heads.dir``, ``--heads``) must hold them all.
ANALYSER_HEADS = {"goemotions": "customer.frustration", "agent_tone": "agent.tone"}


def heads_folder_problem(directory: str | Path) -> str | None:
    """Why ``directory`` cannot serve the analyser (no manifest, a head it needs missing), or None."""
    d = Path(directory)
    if not (d / "manifest.json").is_file():
        return (f"{d} is not a heads folder (no manifest.json): build one with "
                "`patiently train-heads --data DIR --out HEADS_DIR`")
    try:
        names = set(json.loads((d / "manifest.json").read_text(encoding="utf-8")).get("heads", {}))
    except (OSError, ValueError, AttributeError) as exc:
        return f"{d / 'manifest.json'}: not a readable heads manifest ({exc})"
    missing = [h for h in ANALYSER_HEADS if h not in names]
    if missing:
        only = " ".join(f"--only {h}" for h in missing)
        return (f"{d} has no head {', '.join(f'{h!r} ({ANALYSER_HEADS[h]} reads it)' for h in missing)}: "
                f"train it into that folder with `patiently train-heads --data DIR --out {d} {only}`")
    return None


def load_heads(directory: str | Path | None = None) -> Heads:
    """The shipped heads, or those in ``directory`` (cached per directory)."""
    return _cached(str(Path(directory) if directory else shipped_dir()))


def emotion_signal(texts: Sequence[str], heads: Heads | None = None, dense: np.ndarray | None = None
                   ) -> np.ndarray:
    """0..1 per text: how likely the text voices anger, annoyance, disappointment,
    disapproval or disgust, from the GoEmotions head (max over those labels, each divided
    by its own decision threshold and capped at 1, so 1.0 means "twice what the head needs
    to say so"). 0 when the head's ``neutral`` is stronger still (same scale): a long, calm
    fault report ("Outlook keeps asking for my password...") trips "annoyance" a little but
    reads as neutral above all, and must not make the customer sound frustrated.

    Meant as one more signal of ``frustration_level``: lexicons miss frustration said in
    ordinary words ("the new VPN client is awful and I dislike it"), which the head has
    learned from 43k labelled comments.
    """
    h = (heads or load_heads()).linear("goemotions")
    if len(texts) == 0:
        return np.zeros(0, dtype=np.float32)
    p = h.predict_proba(texts, dense)
    t = h.thresholds if h.thresholds is not None else np.full(len(h.classes), 0.5)
    ratio = p / t
    negative = ratio[:, [h.classes.index(c) for c in NEGATIVE_EMOTIONS]].max(axis=1)
    signal = np.minimum(1.0, negative * 0.5)
    return np.where(ratio[:, h.classes.index("neutral")] > negative, 0.0, signal).astype(np.float32)
