#!/usr/bin/env python3
"""Build the support-domain evaluation file for `patiently bench frustration` from our labels.

Usage::

    python scripts/make_frustration_bench.py --out FILE.jsonl [--data ../shared/data]
        [--source twcs-first-5000.jsonl] [--exclude-unsure]
    patiently bench frustration FILE.jsonl --json

``benchmarks/data/frustration_labels.jsonl`` holds one hand label per sampled customer message
(500: 250 from Twitter customer support, TWCS, CC BY-NC-SA, evaluation only; 250 from Ubuntu
IRC, CC BY 4.0) and only ids, never text: the text is joined here from the public files under
``--data/conversations``. How the messages were drawn and judged is in
``benchmarks/data/frustration_labels.md``.

Each output conversation is the source conversation cut after its last labelled message (the
detector sees what the customer had said so far, as it would live). Only the labelled messages
carry ``labels.negative``; every other message has its labels dropped, so the bench (which
scores customer messages that have ``labels.negative``) skips them.

``--print-sample`` re-draws the sample (fixed seed) and prints label skeletons without
labels, to show how the set was drawn; it is not needed to build the file.

``benchmarks/data/frustration_tuning_labels.jsonl`` is a second, disjoint set (400: 200 TWCS,
200 Ubuntu IRC, another seed, no conversation of the evaluation set) that the detector may be
tuned on; build it with ``--labels benchmarks/data/frustration_tuning_labels.jsonl``.
``--print-tuning-sample`` re-draws that sample.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _labelled_bench as lb  # a sibling module: scripts/ is not a package

DEFAULT_LABELS = lb.ROOT / "benchmarks" / "data" / "frustration_labels.jsonl"
SOURCES, SEED = lb.SOURCES, lb.SEED
TUNING_SEED = 20261201  # not SEED: the tuning draw must not replay the evaluation draw
PER_FILE = 250
TUNING_PER_FILE = 200
TASK = "frustration"
FIELDS = (("source", str), ("conversation", str), ("message", str), ("negative", bool), ("unsure", bool))
# A message counts as content when something other than @handles and links is left.
_NOISE = re.compile(r"(@\w+|https?://\S+|www\.\S+)")


def has_content(text: str) -> bool:
    return any(ch.isalnum() for ch in _NOISE.sub(" ", text or ""))


def sample(data: Path, seed: int = SEED, per_file: int = PER_FILE,
           exclude: frozenset[tuple[str, str]] = frozenset()) -> list[dict[str, Any]]:
    """How the labelled set was drawn: per file, conversations in a seeded random order, one
    customer message with content from each, until ``per_file``; (source, conversation) pairs
    in ``exclude`` are skipped."""
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    for name in SOURCES:
        taken = 0
        for c in lb.shuffled(data, name, TASK, rng):
            if (name, c["id"]) in exclude:
                continue
            msgs = [m for m in c["messages"] if m.get("role") == "customer" and has_content(m.get("text", ""))]
            if not msgs:
                continue
            m = rng.choice(msgs)
            out.append({"source": name, "conversation": c["id"], "message": m["id"]})
            taken += 1
            if taken == per_file:
                break
    return out


def tuning_sample(data: Path) -> list[dict[str, Any]]:
    """How the tuning set was drawn: like :func:`sample`, with its own seed and size, skipping
    every conversation of the evaluation set so the two never share a conversation."""
    evaluation = frozenset((r["source"], r["conversation"]) for r in read_labels(DEFAULT_LABELS))
    return sample(data, TUNING_SEED, TUNING_PER_FILE, evaluation)


def read_labels(path: Path) -> list[dict[str, Any]]:
    return lb.read_labels(path, FIELDS, ("source", "conversation", "message"))


def build(data: Path, labels: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Canonical conversations cut after their last labelled message, labels on those only."""
    out: list[dict[str, Any]] = []
    for name, c, rows in lb.labelled(data, labels, TASK):
        marks = {r["message"]: r["negative"] for r in rows}
        messages: list[dict[str, Any]] = []
        for m in c["messages"]:
            msg = lb.without_labels(m)
            if m["id"] in marks:
                if m.get("role") != "customer":
                    lb.fail(f"{name}: {c['id']}/{m['id']} is labelled but is not a customer message")
                msg["labels"] = {"negative": marks[m["id"]]}
            messages.append(msg)
            if all(x in {mm["id"] for mm in messages} for x in marks):
                break
        missing = set(marks) - {m["id"] for m in messages}
        if missing:
            lb.fail(f"{name}: conversation {c['id']} has no message {sorted(missing)[0]!r}; {lb.STALE}")
        out.append(lb.without_labels(c) | {"labels": {"frustration_bench": True}, "messages": messages})
    return out


def summary(rows: list[dict[str, Any]], convs: list[dict[str, Any]]) -> str:
    negatives = sum(r["negative"] for r in rows)
    return f"{len(rows)} labelled messages, {negatives} negative, in {len(convs)} conversations"


def main(argv: list[str] | None = None) -> int:
    return lb.main(argv, __doc__, DEFAULT_LABELS, read=read_labels, sample=sample, build=build, summary=summary,
                   tuning_sample=tuning_sample)

if __name__ == "__main__":
    sys.exit(main())
