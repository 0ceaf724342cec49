#!/usr/bin/env python3
"""Write a STAND-IN evaluation file for `patiently bench frustration` from TweetEval sentiment.

Usage::

    python scripts/make_frustration_standin.py [--data ../shared/data] [--out FILE.jsonl]
    patiently bench frustration FILE.jsonl

No public file with frustration labels on customer messages is available here, so this wraps
the 2,000 tweets of TweetEval *sentiment* val (Rosenthal et al., SemEval 2017; research use
only) as one-message "customer" conversations in the canonical JSONL format, with
``labels.negative`` true for tweets labelled negative (label 0) and false for neutral and
positive ones. It is a stand-in, not a frustration benchmark: negative sentiment about
politics or the weather is not frustration with a service, so absolute numbers are low; it
is useful to compare the detector with the VADER baseline and to see whether a change helps.

The file is written to a temporary directory unless ``--out`` is given (never into the
repository: the tweets are not ours to redistribute). Prints the path.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
NEGATIVE = 0  # TweetEval sentiment mapping.txt: 0 negative, 1 neutral, 2 positive


def conversations(data: Path) -> list[dict[str, object]]:
    """One conversation per tweet of ``tweeteval/sentiment/val_*.txt``; errors name file and line."""
    folder = data / "tweeteval" / "sentiment"
    text_path, label_path = folder / "val_text.txt", folder / "val_labels.txt"
    for p in (text_path, label_path):
        if not p.is_file():
            raise SystemExit(f"error: {p} not found (expected TweetEval sentiment val under {data})")
    texts = text_path.read_text(encoding="utf-8").splitlines()
    labels = [v for v in label_path.read_text(encoding="utf-8").splitlines() if v.strip()]
    if len(labels) != len(texts):
        raise SystemExit(f"error: {label_path}: {len(labels)} labels for {len(texts)} tweets in {text_path.name}")
    out: list[dict[str, object]] = []
    for i, (text, raw) in enumerate(zip(texts, labels, strict=True), 1):
        if raw.strip() not in ("0", "1", "2"):
            raise SystemExit(f"error: {label_path}:{i}: label must be 0, 1 or 2, got {raw!r}")
        negative = int(raw) == NEGATIVE
        out.append({
            "id": f"tweeteval-sentiment-val-{i}", "channel": "social", "source": "tweeteval-sentiment-val",
            "labels": {"negative": negative, "stand_in": True},
            "messages": [{"id": "m1", "role": "customer", "text": text, "labels": {"negative": negative}}],
        })
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="layout like ../shared/data")
    ap.add_argument("--out", type=Path, help="output JSONL (default: a new temporary directory)")
    args = ap.parse_args(argv)
    convs = conversations(args.data)
    out = args.out or Path(tempfile.mkdtemp(prefix="patiently-frustration-")) / "tweeteval-sentiment-val.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        for c in convs:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    negatives = sum(1 for c in convs if c["labels"]["negative"])  # type: ignore[index]
    print(f"{out}  ({len(convs)} one-message conversations, {negatives} negative)", file=sys.stderr)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
