#!/usr/bin/env python3
"""Build the support-domain evaluation file for `patiently bench escalation` from our labels.

Usage::

    python scripts/make_escalation_bench.py --out FILE.jsonl [--data ../shared/data]
        [--source twcs-first-5000.jsonl] [--exclude-unsure]
    patiently bench escalation FILE.jsonl --json

``benchmarks/data/escalation_labels.jsonl`` holds one hand label per sampled conversation
(150 from Twitter customer support, TWCS, CC BY-NC-SA, evaluation only; 150 from Ubuntu IRC,
CC BY 4.0) and only ids, never text: the text is joined here from the public files under
``--data/conversations``. How the conversations were drawn and judged is in
``benchmarks/data/escalation_labels.md``.

This is derailment *forecasting*: each output conversation is only the PREFIX of its source
conversation, up to and including the first agent message (what a coach sees early), and
carries ``labels.derails``, which the annotator judged from what came AFTER the prefix. Message
labels of the source are dropped, so nothing but our judgement reaches the bench.

``--print-sample`` re-draws the sample (fixed seed) and prints label skeletons without
labels, to show how the set was drawn; it is not needed to build the file.

``benchmarks/data/escalation_tuning_labels.jsonl`` is a second, disjoint set (300: 150 TWCS,
150 Ubuntu IRC, another seed, no conversation of the evaluation set) that the escalation score
and its threshold may be tuned on; build it with
``--labels benchmarks/data/escalation_tuning_labels.jsonl``. ``--print-tuning-sample``
re-draws that sample.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _labelled_bench as lb  # a sibling module: scripts/ is not a package

DEFAULT_LABELS = lb.ROOT / "benchmarks" / "data" / "escalation_labels.jsonl"
SOURCES, SEED = lb.SOURCES, lb.SEED
TUNING_SEED = 20261201  # not SEED: the tuning draw must not replay the evaluation draw
PER_FILE = 150
TASK = "escalation"
FIELDS = (("source", str), ("conversation", str), ("prefix_messages", int), ("derails", bool), ("unsure", bool))


def prefix_length(messages: list[dict[str, Any]]) -> int | None:
    """Messages up to and including the first agent message, or None when the conversation
    cannot be forecast: no customer message before that point (nothing to read early), or
    none after it (no customer behaviour left to judge)."""
    roles = [m.get("role") for m in messages]
    if "agent" not in roles:
        return None
    cut = roles.index("agent") + 1
    if "customer" not in roles[:cut] or "customer" not in roles[cut:]:
        return None
    return cut


def eligible(messages: list[dict[str, Any]]) -> bool:
    roles = [m.get("role") for m in messages]
    return roles.count("customer") >= 2 and prefix_length(messages) is not None


def sample(data: Path, seed: int = SEED, per_file: int = PER_FILE,
           exclude: frozenset[tuple[str, str]] = frozenset()) -> list[dict[str, Any]]:
    """How the labelled set was drawn: per file, conversations in a seeded random order, the
    first ``per_file`` that are eligible (at least 2 customer messages, an agent message, and a
    customer message on each side of the first agent message); (source, conversation) pairs in
    ``exclude`` are skipped."""
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    for name in SOURCES:
        picked = [c for c in lb.shuffled(data, name, TASK, rng)
                  if (name, c["id"]) not in exclude and eligible(c["messages"])][:per_file]
        out += [{"source": name, "conversation": c["id"], "prefix_messages": prefix_length(c["messages"])}
                for c in picked]
    return out


def tuning_sample(data: Path) -> list[dict[str, Any]]:
    """How the tuning set was drawn: like :func:`sample`, with its own seed, skipping every
    conversation of the evaluation set so the two never share a conversation."""
    evaluation = frozenset((r["source"], r["conversation"]) for r in read_labels(DEFAULT_LABELS))
    return sample(data, TUNING_SEED, PER_FILE, evaluation)


def read_labels(path: Path) -> list[dict[str, Any]]:
    def check(row: dict[str, Any]) -> str | None:
        return "'prefix_messages' must be at least 1" if row["prefix_messages"] < 1 else None

    return lb.read_labels(path, FIELDS, ("source", "conversation"), check)


def build(data: Path, labels: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Canonical conversations cut to their labelled prefix, with ``labels.derails``."""
    out: list[dict[str, Any]] = []
    for name, c, rows in lb.labelled(data, labels, TASK):
        row = rows[0]
        cut = row["prefix_messages"]
        # The stored length must still be the first-agent cut: if the data changed, the label
        # would describe a different prefix (and a different "later").
        if prefix_length(c["messages"]) != cut:
            lb.fail(f"{name}: conversation {c['id']} no longer has its first agent message at position "
                    f"{cut}; {lb.STALE}")
        messages = [lb.without_labels(m) for m in c["messages"][:cut]]
        out.append(lb.without_labels(c) | {"labels": {"derails": row["derails"]}, "messages": messages})
    return out


def summary(rows: list[dict[str, Any]], convs: list[dict[str, Any]]) -> str:
    return f"{len(convs)} conversation prefixes, {sum(r['derails'] for r in rows)} derail later"


def main(argv: list[str] | None = None) -> int:
    return lb.main(argv, __doc__, DEFAULT_LABELS, read=read_labels, sample=sample, build=build, summary=summary,
                   tuning_sample=tuning_sample)

if __name__ == "__main__":
    sys.exit(main())
