"""The ``agent_tone`` head: which sentences of an agent's reply a support trainer would flag.

The coach's lexicons list the phrasings that sound impatient ("as I said", "you should have",
"not my department"), and each QA pass on new drafts found impatience worded in ways no list
held ("lol ur printer is cooked mate", "I'd kindly suggest you look for a solution
elsewhere"). This head reads a sentence's meaning instead: a softmax over ``ok`` and seven of
the coach's categories, trained on sentences the project wrote and labelled itself
(``patiently/data/agent_tone/*.jsonl``: flagged units and look-alikes a trainer would send
unchanged, in many registers), so its weights may ship (Apache-2.0, like the code), plus
Ubuntu IRC helper lines (CC BY 4.0) as weak "ok" examples when ``--data`` holds them.

    read_sentences() -> (texts, labels, files)  # the written training data
    build(run) -> (head, manifest entry)        # used by ``patiently train-heads``
"""

from __future__ import annotations

import json
import re
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import PatientlyError
from ..text import sentence_spans

if TYPE_CHECKING:
    from . import Head
    from .train import Run

LABELS = ("ok", "dismissive", "blame", "condescending", "unprofessional", "pressure", "impatient_repeat",
          "negative_phrasing")
LICENCE = "Apache-2.0 (written for patiently)"


def data_dir() -> Path:
    return Path(str(resources.files("patiently") / "data" / "agent_tone"))


def read_sentences(directory: Path | None = None) -> tuple[list[str], np.ndarray, dict[str, Path]]:
    """Every labelled unit of the ``*.jsonl`` files (sorted by name, so the order and the
    trained weights are reproducible): texts, label ids, and the files read."""
    directory = directory or data_dir()
    files = {p.name: p for p in sorted(directory.glob("*.jsonl"))}
    texts: list[str] = []
    labels: list[int] = []
    for path in files.values():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text, label = row["text"], row["label"]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise PatientlyError(f"{path}:{n}: not a {{\"text\", \"label\"}} object ({exc})") from exc
            if label not in LABELS or not isinstance(text, str) or not text.strip():
                raise PatientlyError(f"{path}:{n}: label: {label!r} is not one of {', '.join(LABELS)} "
                                     "(or the text is empty)")
            texts.append(text)
            labels.append(LABELS.index(label))
    if not texts:
        raise PatientlyError(f"{directory}: no labelled sentences (*.jsonl)")
    return texts, np.asarray(labels, dtype=np.int64), files


# What carries no tone and made the head guess: links, @handles, a leading "nick:" of a chat
# line, and the sign-off tags of social-media agents ("^AB", "*MikeRice", "/LO").
_NICK = r"\s*[\w\[\]|`^-]{2,20}[:,](?=\s)"  # a chat line's leading "nick:"
_NOISE = re.compile(rf"https?://\S+|www\.\S+|(?<!\w)@\w+|^{_NICK}|"
                    r"(?:^|\s)(?:\^[A-Z]{1,3}|\*[A-Z][A-Za-z]+|/[A-Z]{2})\s*$")
_WORD = re.compile(r"[^\W\d_]{2,}")
MIN_WORDS = 3  # "That's it.", "umm", "Nice costume!": too little for the head to judge tone


# What a match of _NOISE needs: "www.", "@", a tag's "^", "*" or "/" (a link's "://" holds one), or a nick at the
# very start (its "^" anchors it there). Most sentences hold none, and these tests cost a fraction of
# _NOISE.sub, which tries its five alternatives at every character (the head reads every draft sentence).
_NOISE_CHARS = ("www.", "@", "^", "*", "/")
_LEAD_NICK = re.compile(_NICK)


def clean(text: str) -> str:
    """The words the head reads: ``text`` without links, handles, nicks and sign-off tags."""
    if not any(c in text for c in _NOISE_CHARS) and _LEAD_NICK.match(text) is None:
        return " ".join(text.split())  # nothing for _NOISE to remove
    return " ".join(_NOISE.sub(" ", text).split())


def scoreable(text: str) -> bool:
    """Enough words (after :func:`clean`) for a reading of tone."""
    # counted up to MIN_WORDS: the rest of a long sentence need not be read
    return sum(1 for _ in islice(_WORD.finditer(text), MIN_WORDS)) >= MIN_WORDS


# Real agent lines as weak "ok" examples: the written sentences are all well-formed, and a head
# trained on them alone was sure of a tone for any fragment unlike them ("Why not this year?",
# "dunno much DB stuff"): it flagged 10% of Ubuntu IRC helper lines and 4% of Twitter brand
# replies at 0.9. Ubuntu IRC helpers (CC BY 4.0) are mostly plain and sometimes curt, so
# their lines weigh little: they teach the ordinary range of a reply, not a verdict.
BACKGROUND = "conversations/ubuntu-irc-train.jsonl"
BACKGROUND_N = 4000
BACKGROUND_WEIGHT = 0.3


def background_sentences(data: Path, seed: int = 0, n: int = BACKGROUND_N) -> list[str]:
    """Up to ``n`` distinct cleaned, scoreable agent sentences of the Ubuntu IRC file, a seeded
    sample ([] without the file)."""
    path = data / BACKGROUND
    if not path.exists():
        return []
    seen: dict[str, None] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            for m in json.loads(line).get("messages", []):
                if m.get("role") == "agent" and isinstance(m.get("text"), str):
                    t = m["text"]
                    for a, b in sentence_spans(t):
                        c = clean(t[a:b])
                        if scoreable(c):
                            seen.setdefault(c)
    pool = list(seen)
    rng = np.random.default_rng(seed)
    return [pool[i] for i in sorted(rng.permutation(len(pool))[:n])]


def flag_scores(p: np.ndarray) -> np.ndarray:
    """How strongly each row reads as flagged: 1 - p(ok)."""
    return 1.0 - p[:, 0]


def fit_tone(spec: Any, texts: list[str], y: np.ndarray, back: list[str], *, seed: int, embedder: str,
             dense: np.ndarray | None = None, back_dense: np.ndarray | None = None,
             back_weight: float = BACKGROUND_WEIGHT) -> Head:
    """The head on the written sentences plus the background lines (label ok, weight ``back_weight``)."""
    from .features import dense_features
    from .train import fit

    blocks = list(spec.blocks)
    dense = dense_features(texts, blocks, embedder) if dense is None else dense
    if back:
        back_dense = dense_features(back, blocks, embedder) if back_dense is None else back_dense
        dense = np.vstack([dense, back_dense])
        texts, y = texts + back, np.r_[y, np.zeros(len(back), dtype=np.int64)]
    weight = np.r_[np.ones(len(y) - len(back)), np.full(len(back), back_weight)]
    return fit("agent_tone", spec, list(LABELS), texts, y, seed=seed, dense=dense, embedder=embedder, weight=weight)


def cross_validate(spec: Any, texts: list[str], y: np.ndarray, back: list[str], *, seed: int, embedder: str,
                   dense: np.ndarray, back_dense: np.ndarray | None, folds: int = 5,
                   back_weight: float = BACKGROUND_WEIGHT) -> np.ndarray:
    """Out-of-fold probabilities of the written sentences (every fold trains on all the background)."""
    fold = np.random.default_rng(seed).permutation(len(texts)) % folds
    p = np.zeros((len(texts), len(LABELS)), dtype=np.float32)
    for k in range(folds):
        tr, te = np.where(fold != k)[0], np.where(fold == k)[0]
        head = fit_tone(spec, [texts[i] for i in tr], y[tr], back, seed=seed, embedder=embedder, dense=dense[tr],
                        back_dense=back_dense, back_weight=back_weight)
        p[te] = head.predict_proba([texts[i] for i in te], dense[te])
    return p


def build(run: Run) -> tuple[Head, dict[str, Any]]:
    from ..bench import metrics
    from ..bench import readers as rd

    texts, y, files = read_sentences()
    texts = [clean(t) for t in texts]
    back = background_sentences(run.data, run.seed)
    spec = run.spec("agent_tone")
    dense = run.dense("agent_tone", texts, spec.blocks)
    back_dense = run.dense("agent_tone#background", back, spec.blocks) if back else None
    p = cross_validate(spec, texts, y, back, seed=run.seed, embedder=run.embedder, dense=dense, back_dense=back_dense)
    head = fit_tone(spec, texts, y, back, seed=run.seed, embedder=run.embedder, dense=dense, back_dense=back_dense)
    flagged, truth = flag_scores(p), (y > 0).astype(int)
    at: dict[str, Any] = {}
    for t in (0.5, 0.7, 0.8, 0.9):
        pr, rc, f1 = metrics.prf(truth, (flagged >= t).astype(int))
        at[str(t)] = {"precision": round(pr, 4), "recall": round(rc, 4), "f1": round(f1, 4)}
    pred = p.argmax(axis=1)
    sources = {f"agent_tone/{k}": rd.sha256(v) for k, v in files.items()}
    if back:
        sources[BACKGROUND] = rd.sha256(run.data / BACKGROUND)
    entry: dict[str, Any] = {
        "data": "patiently's own agent-reply sentences, labelled ok or with a coach category (data/agent_tone), "
                f"and {len(back)} Ubuntu IRC helper lines as weak ok examples (weight {BACKGROUND_WEIGHT})",
        "licence": f"{LICENCE}; Ubuntu IRC: CC BY 4.0", "n": len(texts), "background": len(back), "files": sources,
        "class_counts": {lab: int((y == i).sum()) for i, lab in enumerate(LABELS)},
        "metrics": {"split": "5-fold CV on data/agent_tone (the background in every training fold)",
                    "accuracy": metrics.accuracy(y, pred), "macro_f1": metrics.macro_f1(y, pred, len(LABELS)),
                    "flagged_at": at}}
    return head, entry
