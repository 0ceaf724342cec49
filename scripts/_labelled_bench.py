"""What the scripts that build bench files from our hand labels share (make_*_bench.py).

The labels files under ``benchmarks/data`` hold ids only, never dataset text; a script joins
them with the public conversation files under ``DATA/conversations`` and writes a canonical
JSONL for ``patiently bench``. Here: reading those files, checking a labels file line by line
(file:line: field), iterating the labelled conversations of each source, and the command line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
SOURCES = ("twcs-first-5000.jsonl", "ubuntu-irc-train.jsonl")
SEED = 20261130
STALE = "is --data the same version the labels were made on?"


def fail(msg: str) -> None:
    raise SystemExit(f"error: {msg}")


def conversations(path: Path) -> Iterable[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as e:
                    fail(f"{path}:{n}: not JSON ({e.msg})")


def source_path(data: Path, name: str, task: str) -> Path:
    path = data / "conversations" / name
    if not path.is_file():
        fail(f"{path} not found: the {task} labels join with the public conversation files "
             f"{', '.join(SOURCES)} under DATA/conversations; pass --data DIR (default {DEFAULT_DATA})")
    return path


def shuffled(data: Path, name: str, task: str, rng: Any) -> list[dict[str, Any]]:
    """A source's conversations in the seeded order the samples were drawn in."""
    convs = list(conversations(source_path(data, name, task)))
    rng.shuffle(convs)
    return convs


def read_labels(path: Path, fields: tuple[tuple[str, type], ...], key: tuple[str, ...],
                check: Callable[[dict[str, Any]], str | None] | None = None) -> list[dict[str, Any]]:
    """Rows of a labels file; each must have ``fields`` of their types, a unique ``key`` and
    pass ``check`` (which returns what is wrong, or None)."""
    if not path.is_file():
        fail(f"{path} not found")
    rows: list[dict[str, Any]] = []
    seen: set[tuple[Any, ...]] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            fail(f"{path}:{n}: not JSON ({e.msg})")
        for name, kind in fields:
            # bool is an int in Python: a count of `true` is a typo, not 1.
            if not isinstance(row.get(name), kind) or (kind is int and isinstance(row.get(name), bool)):
                fail(f"{path}:{n}: {name!r} must be a {kind.__name__}")
        if row["source"] not in SOURCES:
            fail(f"{path}:{n}: unknown source {row['source']!r}; expected one of {', '.join(SOURCES)}")
        problem = check(row) if check is not None else None
        if problem:
            fail(f"{path}:{n}: {problem}")
        k = tuple(row[f] for f in key)
        if k in seen:
            fail(f"{path}:{n}: {k} labelled twice")
        seen.add(k)
        rows.append(row)
    return rows


Row = dict[str, Any]


def labelled(data: Path, labels: list[Row], task: str) -> Iterator[tuple[str, Row, list[Row]]]:
    """(source, conversation, its label rows) for every labelled conversation, in source order;
    fails when a labelled conversation is not in the data."""
    by_source: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for row in labels:
        by_source.setdefault(row["source"], {}).setdefault(row["conversation"], []).append(row)
    for name in SOURCES:
        wanted = by_source.get(name)
        if not wanted:
            continue
        found: set[str] = set()
        for c in conversations(source_path(data, name, task)):
            rows = wanted.get(c["id"])
            if rows is not None:
                found.add(c["id"])
                yield name, c, rows
        lost = set(wanted) - found
        if lost:
            fail(f"{name}: {len(lost)} labelled conversations not found (e.g. {sorted(lost)[0]!r}); {STALE}")


def without_labels(item: dict[str, Any]) -> dict[str, Any]:
    """A conversation or message without the labels its source carried: only our judgements
    may reach the bench."""
    return {k: v for k, v in item.items() if k not in ("messages", "labels")}


def main(argv: list[str] | None, doc: str | None, default_labels: Path, *,
         read: Callable[[Path], list[dict[str, Any]]],
         sample: Callable[[Path], list[dict[str, Any]]],
         build: Callable[[Path, list[dict[str, Any]]], list[dict[str, Any]]],
         summary: Callable[[list[dict[str, Any]], list[dict[str, Any]]], str],
         tuning_sample: Callable[[Path], list[dict[str, Any]]] | None = None) -> int:
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="layout like ../shared/data")
    ap.add_argument("--labels", type=Path, default=default_labels)
    ap.add_argument("--out", type=Path, help="output canonical JSONL (required unless --print-sample)")
    ap.add_argument("--source", action="append", choices=SOURCES, help="only this source file (repeatable)")
    ap.add_argument("--exclude-unsure", action="store_true", help="leave out the items marked unsure")
    ap.add_argument("--print-sample", action="store_true", help="print the seeded sample (ids only) and exit")
    if tuning_sample is not None:
        ap.add_argument("--print-tuning-sample", action="store_true",
                        help="print the seeded tuning sample (ids only, disjoint from the sample) and exit")
    args = ap.parse_args(argv)
    drawn = tuning_sample if getattr(args, "print_tuning_sample", False) else sample if args.print_sample else None
    if drawn is not None:
        for row in drawn(args.data):
            print(json.dumps(row))
        return 0
    if args.out is None:
        ap.error("--out is required")
    rows = [r for r in read(args.labels)
            if (not args.source or r["source"] in args.source) and not (args.exclude_unsure and r["unsure"])]
    if not rows:
        fail("no labels left after --source/--exclude-unsure")
    convs = build(args.data, rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        for c in convs:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"{args.out}  ({summary(rows, convs)})", file=sys.stderr)
    print(args.out)
    return 0
