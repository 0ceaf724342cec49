"""Readers for the public benchmark formats, exactly as their authors distribute them.

Each reader streams its file and raises :class:`~patiently.errors.InputError` naming the
file, the 1-based line and the field of the first malformed row: a benchmark that silently
drops rows reports numbers on a different set than the one asked for.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError, RecordError
from ..model import Conversation

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # Reddit posts can be long

GOEMOTIONS_LABELS = (
    "admiration", "amusement", "anger", "annoyance", "approval", "caring", "confusion", "curiosity",
    "desire", "disappointment", "disapproval", "disgust", "embarrassment", "excitement", "fear",
    "gratitude", "grief", "joy", "love", "nervousness", "optimism", "pride", "realization", "relief",
    "remorse", "sadness", "surprise", "neutral",
)
TWEETEVAL_EMOTIONS = ("anger", "joy", "optimism", "sadness")
ESCONV_STRATEGIES = (
    "Questions", "Restatement or Paraphrasing", "Reflection of feelings", "Self-disclosure",
    "Affirmation and Reassurance", "Providing Suggestions", "Information", "Other",
)


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file: manifests name the files a head was trained on by it."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _bad(path: Path, line: int | None, field: str | None, reason: str) -> RecordError:
    return RecordError(str(path), line, field, reason)


def _dict_rows(path: Path, required: tuple[str, ...], delimiter: str = ",") -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) of a CSV with a header; checks the header once."""
    try:
        f = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    with f:
        reader = csv.DictReader(f, delimiter=delimiter)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise _bad(path, 1, missing[0], f"header lacks column(s) {', '.join(missing)}; "
                       f"found {', '.join(reader.fieldnames or []) or 'nothing'}")
        start = reader.line_num + 1
        for row in reader:
            if None in row or any(row[c] is None for c in required):  # too many / too few cells
                raise _bad(path, start, None, f"expected {len(reader.fieldnames or [])} cells")
            yield start, row
            start = reader.line_num + 1


# --- EPITOME -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Pair:
    context: str
    text: str
    label: int
    rationales: tuple[str, ...] = ()  # EPITOME: the fragments of ``text`` that justify the label


def read_epitome(path: Path) -> Iterator[Pair]:
    """``sp_id,rp_id,seeker_post,response_post,level,rationales``; level 0, 1 or 2;
    rationales ``|``-separated (the column may be absent)."""
    for line, row in _dict_rows(path, ("seeker_post", "response_post", "level")):
        try:
            level = int(row["level"])
        except ValueError:
            level = -1
        if level not in (0, 1, 2):
            raise _bad(path, line, "level", f"must be 0, 1 or 2, got {row['level']!r}")
        frags = tuple(f.strip() for f in (row.get("rationales") or "").split("|") if f.strip())
        yield Pair(row["seeker_post"], row["response_post"], level, frags)


# --- Stanford Politeness -------------------------------------------------------------------
def read_politeness(path: Path) -> tuple[list[str], np.ndarray]:
    """Requests and their ``Normalized Score``."""
    texts: list[str] = []
    scores: list[float] = []
    for line, row in _dict_rows(path, ("Request", "Normalized Score")):
        try:
            score = float(row["Normalized Score"])
        except ValueError:
            score = math.nan
        if not math.isfinite(score):  # float() reads "nan" and "inf": one would empty the quartiles
            raise _bad(path, line, "Normalized Score", f"not a number: {row['Normalized Score']!r}")
        scores.append(score)
        texts.append(row["Request"])
    return texts, np.asarray(scores)


def politeness_binary(texts: list[str], scores: np.ndarray) -> tuple[list[str], np.ndarray]:
    """The paper's binary task: top quartile (polite, 1) vs bottom quartile (impolite, 0),
    with the quartiles computed within the file (i.e. within one domain)."""
    if len(scores) < 4:
        raise InputError("politeness: need at least 4 requests to take quartiles")
    lo, hi = np.quantile(scores, [0.25, 0.75])
    keep = [i for i, s in enumerate(scores) if s <= lo or s >= hi]
    return [texts[i] for i in keep], (scores[keep] >= hi).astype(np.int64)


# --- TweetEval ---------------------------------------------------------------------------
def read_tweeteval(directory: Path, split: str, names: tuple[str, ...] = TWEETEVAL_EMOTIONS,
                   ) -> tuple[list[str], np.ndarray]:
    """``{split}_text.txt`` and ``{split}_labels.txt``, one item per line, same length; label
    ``i`` is ``names[i]``, which the folder's ``mapping.txt`` (``0<TAB>anger``), when there,
    must confirm: every TweetEval task numbers its labels from 0, so the sentiment folder's
    labels (0..2) would pass for emotions."""
    text_path, label_path = directory / f"{split}_text.txt", directory / f"{split}_labels.txt"
    for p in (text_path, label_path):
        if not p.is_file():
            raise InputError(f"{p}: missing (expected TweetEval files {split}_text.txt and {split}_labels.txt "
                             f"in {directory}; choose the split with --split)")
    _check_mapping(directory / "mapping.txt", names)
    texts = text_path.read_text(encoding="utf-8").splitlines()
    raw = label_path.read_text(encoding="utf-8").splitlines()
    while raw and not raw[-1].strip():
        raw.pop()
    if len(texts) < len(raw) or any(t.strip() for t in texts[len(raw):]):
        raise _bad(label_path, None, None, f"{len(raw)} labels for {len(texts)} texts in {text_path.name}")
    labels = []
    for i, value in enumerate(raw, 1):
        if not value.strip().isdigit() or int(value) >= len(names):
            raise _bad(label_path, i, "label", f"expected an integer 0..{len(names) - 1}, got {value!r}")
        labels.append(int(value))
    return texts[: len(raw)], np.asarray(labels, dtype=np.int64)


def _check_mapping(path: Path, names: tuple[str, ...]) -> None:
    """Refuse a TweetEval ``mapping.txt`` whose labels are not ``names``, in that order."""
    if not path.is_file():
        return
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read ({exc})") from exc
    found: list[str] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        cells = line.split(None, 1)
        if len(cells) != 2 or cells[0] != str(len(found)):
            raise _bad(path, number, None, f"expected '{len(found)}<TAB>label', got {line!r}")
        found.append(cells[1].strip())
    if tuple(found) != names:
        raise _bad(path, None, None, f"labels are {', '.join(found) or 'none'}, not {', '.join(names)}: "
                                     "this folder holds another TweetEval task; pass the emotion folder")


# --- GoEmotions ----------------------------------------------------------------------------
def read_goemotions(path: Path) -> tuple[list[str], np.ndarray]:
    """``text<TAB>label ids<TAB>comment id`` (no header) -> texts and an (n, 28) 0/1 matrix."""
    texts: list[str] = []
    rows: list[np.ndarray] = []
    try:
        f = open(path, encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    with f:
        for line_no, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line:
                continue
            cells = line.split("\t")
            if len(cells) < 2:
                raise _bad(path, line_no, None, "expected text<TAB>labels<TAB>id")
            y = np.zeros(len(GOEMOTIONS_LABELS), dtype=np.int8)
            for part in cells[1].split(","):
                if not part.strip().isdigit() or int(part) >= len(GOEMOTIONS_LABELS):
                    raise _bad(path, line_no, "labels", f"expected label ids 0..27, got {cells[1]!r}")
                y[int(part)] = 1
            texts.append(cells[0])
            rows.append(y)
    return texts, np.vstack(rows) if rows else np.zeros((0, len(GOEMOTIONS_LABELS)), dtype=np.int8)


# --- ESConv --------------------------------------------------------------------------------
def read_esconv(path: Path) -> Iterator[Pair]:
    """``seeker_previous,supporter_utterance,strategy`` with one of the 8 strategies."""
    for line, row in _dict_rows(path, ("seeker_previous", "supporter_utterance", "strategy")):
        strategy = row["strategy"].strip()
        if strategy not in ESCONV_STRATEGIES:
            raise _bad(path, line, "strategy", f"unknown strategy {strategy!r}")
        yield Pair(row["seeker_previous"], row["supporter_utterance"], ESCONV_STRATEGIES.index(strategy))


# --- canonical conversations ---------------------------------------------------------------
def read_conversation_file(path: Path) -> Iterator[tuple[int, Conversation]]:
    """``(line, conversation)`` of a canonical JSONL file, through the analyser's own reader;
    the first bad record is raised (with its file, line and field), warnings are ignored."""
    from ..readers import ReadOptions, is_warning
    from ..readers.jsonl import iter_jsonl

    for line, item in iter_jsonl(path, ReadOptions(format="jsonl")):
        if isinstance(item, RecordError):
            if is_warning(item):
                continue
            raise item
        yield line, item


def binary_label(path: Path, line: int, field: str, value: Any) -> int:
    """A yes/no label as 1/0: JSON true/false, or the numbers 1 and 0. Anything else is an
    error naming the line and field: ``bool("false")`` (and "no", "maybe") is true."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float) and value in (0, 1):
        return int(value)
    shown = repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    raise _bad(path, line, field, f"expected true/false (or 0/1), got {shown[:80]}")
