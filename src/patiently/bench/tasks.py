"""The benchmark tasks: each reads a public format and scores what the analyser really uses.

    run_bench(task, files, heads_dir=None, dimension=None, split=None) -> dict

The dict has ``task``, ``n``, the task's metrics at the top level, ``seconds``,
``items_per_second`` and ``heads`` (which heads directory and head answered). Timing covers
reading and predicting, after the embedding model and heads are loaded once, so
``items_per_second`` is the steady-state rate a batch of messages sees.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError, ModelError, RecordError
from ..heads import FineTunedHead, Heads, load_heads
from ..heads.features import features
from . import metrics
from . import readers as rd

# Escalation (derailment forecasting): see `escalation_risk`. The threshold was chosen on the
# tuning set benchmarks/data/escalation_tuning_labels.jsonl (300 conversations that share none
# with the evaluation set), never on a file being scored: it is the accuracy-maximising cut
# there (it flags only prefixes whose risk sits at the top of the scale; any cut in
# (0.967, 1.0] draws the same line on the tuning set, 0.98 keeps clear of float noise at 1.0).
ESCALATION_THRESHOLD = 0.98
ESCALATION_TREND_NUDGE = 0.1  # the detector saw the customer escalate (+) or calm down (-)
ESCALATION_AGENT_NUDGE = 0.15  # the agent's reply so far was flagged by one of these detectors
ESCALATION_AGENT_LABELS = ("agent.dismissive", "agent.scripted_empathy", "agent.negative_phrasing",
                           "agent.pressure", "agent.condescending", "agent.blame", "agent.unprofessional")
VADER_NEGATIVE = -0.05  # the customary VADER cut for "negative"

# TweetEval's four emotions from GoEmotions labels (the TweetEval head itself cannot be
# shipped): the shipped ``emotion4`` head is trained on GoEmotions comments relabelled this
# way; older head sets without it take the strongest of each class's labels at predict time.
GO_TO_TWEETEVAL = {
    "anger": ("anger", "annoyance", "disgust", "disapproval"),
    "joy": ("joy", "amusement", "excitement", "love", "admiration", "gratitude"),
    "optimism": ("optimism", "caring", "desire", "approval", "relief", "pride"),
    "sadness": ("sadness", "disappointment", "grief", "remorse", "fear", "nervousness", "embarrassment"),
}
GOEMOTIONS_SUBSET = ("anger", "annoyance", "disappointment", "disapproval", "confusion", "gratitude")
EPITOME_DIMENSIONS = {"er": "epitome_er", "ip": "epitome_ip", "ex": "epitome_ex"}


def _some_rows(task: str, path: Path, n: int) -> None:
    # Metrics of nothing are zeros that read like a (very bad) result.
    if n == 0:
        raise InputError(f"{task}: no rows in {path}; nothing to score")


def _one_file(task: str, files: list[Path]) -> Path:
    if len(files) != 1:
        raise InputError(f"{task}: expected one file, got {len(files)}")
    if not files[0].exists():
        raise InputError(f"{files[0]}: not found")
    return files[0]


def _head_info(heads: Heads, name: str, scored: list[Path]) -> dict[str, Any]:
    """Which head answered, and a warning when it was trained on the very file scored."""
    meta = heads[name].meta
    info: dict[str, Any] = {"dir": str(heads.directory), "shipped": heads.shipped, "head": name,
                            "embedder": heads[name].embedder, "data": meta.get("data"),
                            "licence": meta.get("licence")}
    trained = set((meta.get("files") or {}).values())
    if trained and any(p.is_file() and rd.sha256(p) in trained for p in scored):
        info["warning"] = ("this head was trained on this file: the numbers are training-set numbers; "
                           f"see the manifest for honest ones ({meta.get('metrics', {}).get('split')})")
        info["honest_metrics"] = meta.get("metrics")
    return info


def _local_only(heads: Heads, name: str, why: str) -> None:
    if name not in heads:
        raise ModelError(f"no '{name}' head in {heads.directory}: {why}. Build one locally with "
                         "'patiently train-heads --data DIR --out HEADS_DIR' and pass --heads HEADS_DIR")


# --- tasks -----------------------------------------------------------------------------------
def _epitome(files: list[Path], heads: Heads, dimension: str | None, **_: Any) -> dict[str, Any]:
    if dimension not in EPITOME_DIMENSIONS:
        raise InputError("epitome: --dimension must be er, ip or ex")
    name = EPITOME_DIMENSIONS[dimension]
    _local_only(heads, name, "EPITOME has no licence, so no EPITOME head is shipped")
    path = _one_file("epitome", files)
    pairs = list(rd.read_epitome(path))
    _some_rows("epitome", path, len(pairs))
    y = np.asarray([p.label for p in pairs])
    pred = heads[name].predict([p.text for p in pairs])
    return {"dimension": dimension, "n": len(y), "accuracy": metrics.accuracy(y, pred),
            "macro_f1": metrics.macro_f1(y, pred, 3), "heads": _head_info(heads, name, files)}


def _politeness(files: list[Path], heads: Heads, **_: Any) -> dict[str, Any]:
    path = _one_file("politeness", files)
    texts, scores = rd.read_politeness(path)
    _some_rows("politeness", path, len(texts))
    texts, y = rd.politeness_binary(texts, scores)
    pred = heads["politeness"].predict(texts)
    return {"n": len(y), "accuracy": metrics.accuracy(y, pred), "heads": _head_info(heads, "politeness", files)}


def _tweeteval(files: list[Path], heads: Heads, split: str | None, **_: Any) -> dict[str, Any]:
    directory = _one_file("tweeteval-emotion", files)
    if not directory.is_dir():
        raise InputError(f"{directory}: tweeteval-emotion takes the directory holding {{split}}_text.txt")
    texts, y = rd.read_tweeteval(directory, split or "val")
    _some_rows("tweeteval-emotion", directory / f"{split or 'val'}_labels.txt", len(y))
    if "tweeteval_emotion" in heads:
        name, pred = "tweeteval_emotion", heads["tweeteval_emotion"].predict(texts)
        method = "TweetEval-trained head"
    elif "emotion4" in heads:
        name, pred = "emotion4", heads["emotion4"].predict(texts)
        method = "GoEmotions mapped to 4 classes, trained as a 4-class head"
    else:  # heads built before emotion4 existed
        name, method = "goemotions", "GoEmotions head's 28 labels mapped to 4 classes"
        go = heads["goemotions"]
        p = go.predict_proba(texts) / go.thresholds if go.thresholds is not None else go.predict_proba(texts)
        cols = [[go.classes.index(g) for g in gs] for gs in GO_TO_TWEETEVAL.values()]
        pred = np.stack([p[:, c].max(axis=1) for c in cols], axis=1).argmax(axis=1)
    info = _head_info(heads, name, [directory / f"{split or 'val'}_text.txt"])
    info["method"] = method
    return {"split": split or "val", "n": len(y), "macro_f1": metrics.macro_f1(y, pred, 4),
            "accuracy": metrics.accuracy(y, pred), "heads": info}


def _goemotions(files: list[Path], heads: Heads, **_: Any) -> dict[str, Any]:
    path = _one_file("goemotions", files)
    texts, y = rd.read_goemotions(path)
    _some_rows("goemotions", path, len(texts))
    head = heads["goemotions"]
    pred = head.predict(texts)
    subset = [head.classes.index(c) for c in GOEMOTIONS_SUBSET]
    per_label = {c: metrics.prf(y[:, j], pred[:, j])[2] for j, c in enumerate(head.classes)}
    return {"n": len(texts), "macro_f1": metrics.multilabel_f1(y, pred)["macro_f1"],
            "subset_macro_f1": metrics.multilabel_f1(y, pred, subset)["macro_f1"],
            "f1_per_label": per_label, "heads": _head_info(heads, "goemotions", files)}


def _esconv(files: list[Path], heads: Heads, **_: Any) -> dict[str, Any]:
    _local_only(heads, "esconv", "ESConv is CC BY-NC 4.0, so no ESConv head is shipped")
    path = _one_file("esconv", files)
    pairs = list(rd.read_esconv(path))
    _some_rows("esconv", path, len(pairs))
    y = np.asarray([p.label for p in pairs])
    pred = heads["esconv"].predict([p.text for p in pairs])
    return {"n": len(y), "accuracy": metrics.accuracy(y, pred), "macro_f1": metrics.macro_f1(y, pred, 8),
            "heads": _head_info(heads, "esconv", files)}


def _analyzer(heads: Heads, labels: tuple[str, ...] = ()) -> Any:
    """customer.frustration (and ``labels``) as the analyser runs them, reading ``heads``: the
    shipped ones, or a local folder's GoEmotions head (``--heads``), as ``analyze --heads`` does."""
    from ..config import settings_for_heads
    from ..detectors.registry import load_detectors
    from ..pipeline import Analyzer

    # the analyser's own settings for the folder, checked as `analyze --heads` checks them
    settings = None if heads.shipped else settings_for_heads(heads.directory)
    return Analyzer(settings=settings, detectors=load_detectors(["customer.frustration", *labels]))


def _frustration(files: list[Path], heads: Heads, **_: Any) -> dict[str, Any]:
    from ..detectors.customer_frustration import vader_compound

    analyzer = _analyzer(heads)
    y: list[int] = []
    pred: list[int] = []
    base: list[int] = []
    for path in files:
        for line, conv in rd.read_conversation_file(path):
            found = {f.message_id for f in analyzer.analyze(conv).findings if f.label == "customer.frustration"}
            for i, m in enumerate(conv.messages):
                if m.role != "customer" or "negative" not in m.labels:
                    continue
                y.append(rd.binary_label(path, line, f"messages[{i}].labels.negative", m.labels["negative"]))
                pred.append(int(m.id in found))
                base.append(int(vader_compound(m.text) <= VADER_NEGATIVE))
    if not y:
        raise InputError(f"frustration: no customer message in {', '.join(map(str, files))} carries "
                         "labels.negative; nothing to score")
    p, r, f = metrics.prf(y, pred)
    bp, br, bf = metrics.prf(y, base)
    return {"n": len(y), "positives": int(sum(y)), "precision": p, "recall": r, "f1": f,
            "baseline": {"name": f"VADER compound <= {VADER_NEGATIVE}", "precision": bp, "recall": br, "f1": bf},
            "heads": {"detector": "customer.frustration", "head": "goemotions", "dir": str(heads.directory),
                      "shipped": heads.shipped}}


def escalation_risk(conv: Any, findings: list[Any], heads_dir: str | None = None) -> float:
    """Risk 0..1 that a conversation derails later, from what the analyser found so far
    (``findings`` of ``conv``, the prefix up to and including the first agent reply; the
    levels of unreported messages read the GoEmotions head of ``heads_dir``, else the shipped one).

    Three signals, weighted by hand and checked on the tuning set (docs/model-card.md):

    - **the customer's peak frustration**, with levels below the detector's reporting level
      (``REPORT_AT``) included: a reported message counts with its finding's score, any other
      customer message with :func:`frustration_level` of its text. An irritated but
      unreported opening ("still no refund.") is the commonest start of a derailment, and
      reading only reported findings scored it as calm as a thank-you;
    - **the frustration trajectory** (``ESCALATION_TREND_NUDGE``): up when the detector saw
      the customer escalate, down when it saw them calm down;
    - **the agent's reply** (``ESCALATION_AGENT_NUDGE``): up when a detector flagged it as
      dismissive, scripted, negative, pressuring, condescending, blaming or unprofessional,
      behaviour that provokes a customer who was already unhappy.
    """
    from ..detectors.customer_frustration import frustration_level

    reported = {f.message_id: f.score for f in findings if f.label == "customer.frustration"}
    levels = [reported[m.id] if m.id in reported else frustration_level(m.text, heads_dir=heads_dir)[0]
              for m in conv.messages if m.role == "customer"]
    risk = max(levels, default=0.0)
    for f in findings:
        if f.label == "customer.frustration_trajectory":
            trend = f.data.get("trend")
            risk += ESCALATION_TREND_NUDGE if trend == "escalating" else -ESCALATION_TREND_NUDGE if trend == "calmed" \
                else 0.0
    if any(f.label in ESCALATION_AGENT_LABELS for f in findings):
        risk += ESCALATION_AGENT_NUDGE
    return float(min(1.0, max(0.0, risk)))


def _escalation(files: list[Path], heads: Heads, **_: Any) -> dict[str, Any]:
    analyzer = _analyzer(heads, ESCALATION_AGENT_LABELS)
    heads_dir = analyzer.settings.heads.dir
    y: list[int] = []
    score: list[float] = []
    for path in files:
        for line, conv in rd.read_conversation_file(path):
            if "derails" not in conv.labels:
                raise RecordError(str(path), line, "labels.derails", f"conversation {conv.id!r} has no labels.derails")
            y.append(rd.binary_label(path, line, "labels.derails", conv.labels["derails"]))
            score.append(escalation_risk(conv, analyzer.analyze(conv).findings, heads_dir))
    if not y:
        raise InputError(f"escalation: no conversations in {', '.join(map(str, files))}")
    pred = [int(s >= ESCALATION_THRESHOLD) for s in score]
    return {"n": len(y), "positives": int(sum(y)), "accuracy": metrics.accuracy(y, pred),
            "majority": metrics.accuracy(y, [int(2 * sum(y) > len(y))] * len(y)),
            "auc": metrics.roc_auc(y, score), "threshold": ESCALATION_THRESHOLD,
            "heads": {"detector": "customer.frustration", "head": "goemotions", "dir": str(heads.directory),
                      "shipped": heads.shipped}}


TASKS: dict[str, Callable[..., dict[str, Any]]] = {
    "epitome": _epitome, "politeness": _politeness, "tweeteval-emotion": _tweeteval,
    "goemotions": _goemotions, "esconv": _esconv, "frustration": _frustration, "escalation": _escalation,
}


def _warm_up(heads: Heads, task: str, dimension: str | None) -> None:
    """Load the embedding models, VADER and lexicons outside the timed region, and the
    fine-tuned encoder the task reads (only that one: a directory may hold four)."""
    for embedder in sorted({h.embedder for h in heads.values() if h.embedder != "finetuned"} | {"static"}):
        features(["warm up the model, please? Thanks!"], embedder=embedder)
    name = EPITOME_DIMENSIONS.get(dimension or "") if task == "epitome" else \
        "tweeteval_emotion" if task == "tweeteval-emotion" else None
    if name is not None and name in heads:
        head = heads[name]
        if isinstance(head, FineTunedHead):
            head.predict(["warm up the model, please? Thanks!"])


def run_bench(task: str, files: list[str | Path], *, heads_dir: str | Path | None = None,
              dimension: str | None = None, split: str | None = None) -> dict[str, Any]:
    if task not in TASKS:
        raise InputError(f"unknown task {task!r}; choose one of {', '.join(TASKS)}")
    if not files:
        raise InputError(f"{task}: give at least one file")
    heads = load_heads(heads_dir)
    _warm_up(heads, task, dimension)
    t0 = time.perf_counter()
    result = TASKS[task]([Path(f) for f in files], heads, dimension=dimension, split=split)
    seconds = time.perf_counter() - t0
    return {"task": task, **result, "seconds": round(seconds, 3),
            "items_per_second": round(result["n"] / seconds, 1) if seconds > 0 else None}
