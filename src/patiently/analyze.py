"""Analyse input files end to end: read, analyse, write JSONL, collect for the report.

The CLI is a thin layer over ``analyze_files``; the web app and the Ray job call the same
``Analyzer`` underneath, so a conversation scores the same everywhere. ``--ray`` only swaps
the runner of the batch (``patiently.distributed``).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

from .errors import RecordError
from .model import Conversation
from .pipeline import Analyzer, ConversationResult, Progress
from .readers import ReadOptions, SkippedRecord, is_file_error, is_warning, read_conversations


class BatchRunner(Protocol):
    """Runs an analyzer's batch passes over a stream: ``Analyzer.analyze_batch`` in this
    process (the default), or ``patiently.distributed.RayRunner`` on a Ray cluster."""

    def __call__(self, analyzer: Analyzer, items: Iterable[Conversation | RecordError], *,
                 on_error: Callable[[RecordError], None] | None = None,
                 on_progress: Progress | None = None) -> Iterator[ConversationResult]: ...


def local_batch(analyzer: Analyzer, items: Iterable[Conversation | RecordError], *,
                on_error: Callable[[RecordError], None] | None = None,
                on_progress: Progress | None = None) -> Iterator[ConversationResult]:
    """The default runner: the batch in this process."""
    return analyzer.analyze_batch(items, on_error=on_error, on_progress=on_progress)


@dataclass
class AnalysisRun:
    """What happened in one run: counts, errors and (optionally) the result dicts."""

    conversations: int = 0
    messages: int = 0
    errors: list[RecordError] = field(default_factory=list)
    results: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def messages_per_second(self) -> float:
        return self.messages / self.seconds if self.seconds else 0.0

    @property
    def warnings(self) -> int:
        """Records kept with a warning (a message without a time, a comment left out)."""
        return sum(1 for e in self.errors if is_warning(e))

    @property
    def skipped_files(self) -> int:
        """Input files skipped whole because their format could not be told."""
        return sum(1 for e in self.errors if is_file_error(e))

    @property
    def skipped_records(self) -> int:
        """Records skipped: every error that is neither a warning nor a skipped file."""
        return len(self.errors) - self.warnings - self.skipped_files

    def to_dict(self) -> dict[str, Any]:
        # "errors" keeps every reported problem, as before; "skipped" tells the lost from the kept.
        return {
            "conversations": self.conversations,
            "messages": self.messages,
            "errors": [error_dict(e) for e in self.errors],
            "skipped_records": self.skipped_records,
            "skipped_files": self.skipped_files,
            "warnings": self.warnings,
            "seconds": round(self.seconds, 3),
            "messages_per_second": round(self.messages_per_second, 1),
        }


def error_dict(error: RecordError) -> dict[str, object]:
    """A RecordError as JSON, with ``skipped``: false for a warning (its record was kept),
    as in the web app's import errors."""
    return {**error.to_dict(), "skipped": not is_warning(error)}


def analyze_files(
    paths: Iterable[str | Path],
    analyzer: Analyzer | None = None,
    *,
    options: ReadOptions | None = None,
    out: IO[str] | None = None,
    keep_results: bool = False,
    include_messages: bool = True,
    on_error: Callable[[RecordError], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    runner: BatchRunner = local_batch,
) -> AnalysisRun:
    """Analyse every valid conversation in ``paths``; bad records are collected, not fatal.

    ``runner`` runs the batch: here by default, or on Ray (``patiently.distributed.RayRunner``);
    either way bad records are reported through the same ``on_error`` and ``run.errors``.
    """
    analyzer = analyzer or Analyzer()
    run = AnalysisRun()
    t0 = time.perf_counter()

    def record_error(err: RecordError) -> None:
        run.errors.append(err)
        if on_error:
            on_error(err)

    stream = read_conversations([Path(p) for p in paths], options)
    for result in runner(analyzer, stream, on_error=record_error, on_progress=on_progress):
        run.conversations += 1
        run.messages += len(result.conversation.messages)
        if out is not None or keep_results:
            data = result.to_dict(include_messages)
            if out is not None:
                out.write(json.dumps(data, ensure_ascii=False) + "\n")
            if keep_results:
                data.setdefault("messages", [m.to_dict() for m in result.conversation.messages])
                run.results.append(data)
    run.seconds = time.perf_counter() - t0
    return run


def find_conversation(paths: Iterable[str | Path], conversation_id: str,
                      options: ReadOptions | None = None) -> Conversation | SkippedRecord | None:
    """The conversation ``conversation_id`` of the inputs; else the bad record skipped under
    that id (``explain`` says why, with its line); else None. One read of the inputs, so a
    miss in a large export does not read it twice."""
    skipped: SkippedRecord | None = None
    for item in read_conversations([Path(p) for p in paths], options):
        if isinstance(item, Conversation):
            if item.id == conversation_id:
                return item
        elif skipped is None and isinstance(item, SkippedRecord) and not is_warning(item) \
                and item.record_id == conversation_id:
            skipped = item
    return skipped


def load_results(path: str | Path) -> list[dict[str, Any]]:
    """Read a results JSONL written by ``patiently analyze --out``."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line))
    return out


def is_results_file(path: str | Path) -> bool:
    """True when ``path`` is a results JSONL (its first record has scores), not an input file."""
    p = Path(path)
    if p.suffix not in (".jsonl", ".json", ".ndjson"):
        return False
    with open(p, encoding="utf-8", errors="replace") as fh:
        first = fh.readline()
    try:
        return isinstance(json.loads(first), dict) and "scores" in json.loads(first)
    except json.JSONDecodeError:
        return False
