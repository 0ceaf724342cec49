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
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_LABELS = ROOT / "benchmarks" / "data" / "escalation_labels.jsonl"
SOURCES = ("twcs-first-5000.jsonl", "ubuntu-irc-train.jsonl")
SEED = 20261130
PER_FILE = 150


def _fail(msg: str) -> None:
    raise SystemExit(f"error: {msg}")


def _conversations(path: Path) -> Iterable[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as e:
                    _fail(f"{path}:{n}: not JSON ({e.msg})")


def _source_path(data: Path, name: str) -> Path:
    path = data / "conversations" / name
    if not path.is_file():
        _fail(f"{path} not found: the escalation labels join with the public conversation files "
              f"{', '.join(SOURCES)} under DATA/conversations; pass --data DIR (default {DEFAULT_DATA})")
    return path


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


def sample(data: Path, seed: int = SEED, per_file: int = PER_FILE) -> list[dict[str, Any]]:
    """How the labelled set was drawn: per file, conversations in a seeded random order, the
    first ``per_file`` that are eligible (at least 2 customer messages, an agent message, and a
    customer message on each side of the first agent message)."""
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    for name in SOURCES:
        convs = list(_conversations(_source_path(data, name)))
        rng.shuffle(convs)
        picked = [c for c in convs if eligible(c["messages"])][:per_file]
        out += [{"source": name, "conversation": c["id"], "prefix_messages": prefix_length(c["messages"])}
                for c in picked]
    return out


def read_labels(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        _fail(f"{path} not found")
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            _fail(f"{path}:{n}: not JSON ({e.msg})")
        for key, kind in (("source", str), ("conversation", str), ("prefix_messages", int),
                          ("derails", bool), ("unsure", bool)):
            # bool is an int in Python: a prefix length of `true` is a typo, not 1.
            if not isinstance(row.get(key), kind) or (kind is int and isinstance(row.get(key), bool)):
                _fail(f"{path}:{n}: {key!r} must be a {kind.__name__}")
        if row["prefix_messages"] < 1:
            _fail(f"{path}:{n}: 'prefix_messages' must be at least 1")
        if row["source"] not in SOURCES:
            _fail(f"{path}:{n}: unknown source {row['source']!r}; expected one of {', '.join(SOURCES)}")
        key2 = (row["source"], row["conversation"])
        if key2 in seen:
            _fail(f"{path}:{n}: {key2} labelled twice")
        seen.add(key2)
        rows.append(row)
    return rows


def build(data: Path, labels: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Canonical conversations cut to their labelled prefix, with ``labels.derails``."""
    by_source: dict[str, dict[str, dict[str, Any]]] = {}
    for label in labels:
        by_source.setdefault(label["source"], {})[label["conversation"]] = label
    out: list[dict[str, Any]] = []
    for name in SOURCES:
        wanted = by_source.get(name)
        if not wanted:
            continue
        found: set[str] = set()
        for c in _conversations(_source_path(data, name)):
            row = wanted.get(c["id"])
            if row is None:
                continue
            found.add(c["id"])
            cut = row["prefix_messages"]
            # The stored length must still be the first-agent cut: if the data changed, the label
            # would describe a different prefix (and a different "later").
            if prefix_length(c["messages"]) != cut:
                _fail(f"{name}: conversation {c['id']} no longer has its first agent message at position "
                      f"{cut}; is --data the same version the labels were made on?")
            # Drop whatever labels the source carried: only our judgement may reach the bench.
            messages = [{k: v for k, v in m.items() if k != "labels"} for m in c["messages"][:cut]]
            out.append({k: v for k, v in c.items() if k not in ("messages", "labels")}
                       | {"labels": {"derails": row["derails"]}, "messages": messages})
        lost = set(wanted) - found
        if lost:
            _fail(f"{name}: {len(lost)} labelled conversations not found (e.g. {sorted(lost)[0]!r}); "
                  "is --data the same version the labels were made on?")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="layout like ../shared/data")
    ap.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    ap.add_argument("--out", type=Path, help="output canonical JSONL (required unless --print-sample)")
    ap.add_argument("--source", action="append", choices=SOURCES, help="only this source file (repeatable)")
    ap.add_argument("--exclude-unsure", action="store_true", help="leave out the conversations marked unsure")
    ap.add_argument("--print-sample", action="store_true", help="print the seeded sample (ids only) and exit")
    args = ap.parse_args(argv)
    if args.print_sample:
        for row in sample(args.data):
            print(json.dumps(row))
        return 0
    if args.out is None:
        ap.error("--out is required")
    rows = [r for r in read_labels(args.labels)
            if (not args.source or r["source"] in args.source) and not (args.exclude_unsure and r["unsure"])]
    if not rows:
        _fail("no labels left after --source/--exclude-unsure")
    convs = build(args.data, rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        for c in convs:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    derails = sum(r["derails"] for r in rows)
    print(f"{args.out}  ({len(convs)} conversation prefixes, {derails} derail later)", file=sys.stderr)
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
