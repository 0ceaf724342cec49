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
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_LABELS = ROOT / "benchmarks" / "data" / "frustration_labels.jsonl"
SOURCES = ("twcs-first-5000.jsonl", "ubuntu-irc-train.jsonl")
SEED = 20261130
PER_FILE = 250
# A message counts as content when something other than @handles and links is left.
_NOISE = re.compile(r"(@\w+|https?://\S+|www\.\S+)")


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
        _fail(f"{path} not found: the frustration labels join with the public conversation files "
              f"{', '.join(SOURCES)} under DATA/conversations; pass --data DIR (default {DEFAULT_DATA})")
    return path


def has_content(text: str) -> bool:
    return any(ch.isalnum() for ch in _NOISE.sub(" ", text or ""))


def sample(data: Path, seed: int = SEED, per_file: int = PER_FILE) -> list[dict[str, Any]]:
    """How the labelled set was drawn: per file, conversations in a seeded random order, one
    customer message with content from each, until ``per_file``."""
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    for name in SOURCES:
        convs = list(_conversations(_source_path(data, name)))
        rng.shuffle(convs)
        taken = 0
        for c in convs:
            msgs = [m for m in c["messages"] if m.get("role") == "customer" and has_content(m.get("text", ""))]
            if not msgs:
                continue
            m = rng.choice(msgs)
            out.append({"source": name, "conversation": c["id"], "message": m["id"]})
            taken += 1
            if taken == per_file:
                break
    return out


def read_labels(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        _fail(f"{path} not found")
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            _fail(f"{path}:{n}: not JSON ({e.msg})")
        for key, kind in (("source", str), ("conversation", str), ("message", str),
                          ("negative", bool), ("unsure", bool)):
            if not isinstance(row.get(key), kind):
                _fail(f"{path}:{n}: {key!r} must be a {kind.__name__}")
        if row["source"] not in SOURCES:
            _fail(f"{path}:{n}: unknown source {row['source']!r}; expected one of {', '.join(SOURCES)}")
        key3 = (row["source"], row["conversation"], row["message"])
        if key3 in seen:
            _fail(f"{path}:{n}: {key3} labelled twice")
        seen.add(key3)
        rows.append(row)
    return rows


def build(data: Path, labels: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Canonical conversations cut after their last labelled message, labels on those only."""
    by_source: dict[str, dict[str, dict[str, bool]]] = {}
    for row in labels:
        by_source.setdefault(row["source"], {}).setdefault(row["conversation"], {})[row["message"]] = row["negative"]
    out: list[dict[str, Any]] = []
    for name in SOURCES:
        wanted = by_source.get(name)
        if not wanted:
            continue
        found: set[str] = set()
        for c in _conversations(_source_path(data, name)):
            marks = wanted.get(c["id"])
            if marks is None:
                continue
            found.add(c["id"])
            messages: list[dict[str, Any]] = []
            for m in c["messages"]:
                # Drop whatever labels the source carried: only our judgements may reach the bench.
                msg = {k: v for k, v in m.items() if k != "labels"}
                if m["id"] in marks:
                    if m.get("role") != "customer":
                        _fail(f"{name}: {c['id']}/{m['id']} is labelled but is not a customer message")
                    msg["labels"] = {"negative": marks[m["id"]]}
                messages.append(msg)
                if all(x in {mm["id"] for mm in messages} for x in marks):
                    break
            missing = set(marks) - {m["id"] for m in messages}
            if missing:
                _fail(f"{name}: conversation {c['id']} has no message {sorted(missing)[0]!r}; "
                      "is --data the same version the labels were made on?")
            out.append({k: v for k, v in c.items() if k not in ("messages", "labels")}
                       | {"labels": {"frustration_bench": True}, "messages": messages})
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
    ap.add_argument("--exclude-unsure", action="store_true", help="leave out the items marked unsure")
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
    negatives = sum(r["negative"] for r in rows)
    print(f"{args.out}  ({len(rows)} labelled messages, {negatives} negative, in {len(convs)} conversations)",
          file=sys.stderr)
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
