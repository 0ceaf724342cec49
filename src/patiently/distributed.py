"""Batch analysis on a Ray cluster: the same two passes as ``Analyzer.analyze_batch``.

    pip install 'patiently[ray]'
    patiently analyze big.jsonl --ray auto --out results.jsonl

Pass 1 (``Analyzer.analyze_chunk``) runs on Ray actors, one per CPU, each holding one
``Analyzer`` built once (loading detectors and the embedder is the expensive part); the
driver reads the inputs, ships chunks of conversations to the actors and takes their results
back in input order. Pass 2 (``Analyzer.corpus_pass``: the corpus detectors' reduce, then
rescoring) runs on the driver, exactly as in a local batch. No analysis code lives here: a
conversation scores the same alone, in a batch and on Ray.

Ray is an optional extra and imported only when a Ray run starts.
"""

from __future__ import annotations

import itertools
import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError, RecordError
from .model import Conversation
from .pipeline import CHUNK_MESSAGES, Analyzer, ConversationResult, Progress, chunk_conversations
from .readers import ReadOptions, read_conversations

if TYPE_CHECKING:
    from .config import Settings
    from .rubric import Rubric

log = logging.getLogger(__name__)

MISSING_RAY = "Ray is not installed: pip install 'patiently[ray]' (or analyse without --ray)"
LOCAL = ("", "local")  # addresses that mean "start a Ray on this machine"
QUEUED_PER_WORKER = 2  # chunks sent ahead to each actor: it never waits for the driver, memory stays bounded


def require_ray() -> Any:
    """The ``ray`` module, or an error that names the extra to install."""
    try:
        import ray
    except ImportError as exc:
        raise InputError(MISSING_RAY) from exc
    return ray


class ChunkWorker:
    """A Ray actor's state: one Analyzer for the life of the worker process."""

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer

    def analyze_chunk(self, convs: list[Conversation]) -> list[ConversationResult]:
        return self.analyzer.analyze_chunk(convs)


@dataclass(frozen=True)
class RayRunner:
    """Runs ``Analyzer.analyze_batch``'s passes on Ray; a drop-in for it in ``analyze_files``.

    ``address``: a running cluster ("auto", "ray://head:10001", "head:6379"); None, "" or
    "local" start a Ray on this machine for the run (shut down after it). ``num_cpus``: the
    CPUs of that local Ray (default: all), or on a cluster at most this many workers.
    ``batch_size``: about this many messages per task. When Ray is already initialised in
    this process (a Ray job, a notebook) it is used as it is.
    """

    address: str | None = None
    num_cpus: int | None = None
    batch_size: int = CHUNK_MESSAGES

    def __post_init__(self) -> None:
        require_ray()  # fail before any input is read
        if self.num_cpus is not None and self.num_cpus < 1:
            raise InputError(f"num_cpus must be at least 1, not {self.num_cpus}")
        if self.batch_size < 1:
            raise InputError(f"batch_size must be at least 1, not {self.batch_size}")

    def __call__(
        self,
        analyzer: Analyzer,
        items: Iterable[Conversation | RecordError],
        *,
        on_error: Callable[[RecordError], None] | None = None,
        on_progress: Progress | None = None,
    ) -> Iterator[ConversationResult]:
        ray = require_ray()
        started = self._start(ray)
        actors: list[Any] = []
        try:
            n = self._workers(ray)
            # No actor restarts: a worker that dies fails the run with Ray's error (an infrastructure
            # failure, not a bad record); rerun it, the results are deterministic.
            remote_worker = ray.remote(num_cpus=1)(ChunkWorker)
            shared = ray.put(analyzer)  # pickled once; each actor unpickles its own copy
            actors = [remote_worker.remote(shared) for _ in range(n)]
            log.info("analysing on Ray with %d workers", n)
            chunks = chunk_conversations(items, on_error, self.batch_size)
            yield from analyzer.corpus_pass(_in_order(ray, actors, chunks), on_progress=on_progress)
        finally:
            for actor in actors:  # free their CPUs now, not when the handles are collected
                ray.kill(actor)
            if started:
                ray.shutdown()

    def _start(self, ray: Any) -> bool:
        """Connect or start Ray; True when this run started it (and so shuts it down)."""
        if ray.is_initialized():
            log.info("using the Ray this process has already initialised")
            return False
        # Offline: no usage report, no dashboard; a local Ray listens on this machine only.
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        common: dict[str, Any] = {"include_dashboard": False, "logging_level": logging.WARNING,
                                  "log_to_driver": True}
        if self.address in (None, *LOCAL):
            ray.init(address="local", num_cpus=self.num_cpus, **common)
        else:
            ray.init(address=self.address, **common)
        return True

    def _workers(self, ray: Any) -> int:
        cpus = int(ray.cluster_resources().get("CPU", 1))
        return max(1, min(cpus, self.num_cpus or cpus))


def _in_order(ray: Any, actors: list[Any], chunks: Iterable[list[Conversation]]) -> Iterator[list[ConversationResult]]:
    """Each chunk's pass-1 results, in input order. Chunks go round-robin to the actors,
    a few queued on each; the oldest is awaited first, so at most that many are in flight."""
    pending: deque[Any] = deque()
    window = QUEUED_PER_WORKER * len(actors)
    for i, convs in enumerate(chunks):
        pending.append(actors[i % len(actors)].analyze_chunk.remote(convs))
        if len(pending) >= window:
            yield ray.get(pending.popleft())
    while pending:
        yield ray.get(pending.popleft())


def analyze_ray(
    inputs: Iterable[Conversation | RecordError] | Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    analyzer: Analyzer | None = None,
    *,
    address: str | None = None,
    num_cpus: int | None = None,
    batch_size: int = CHUNK_MESSAGES,
    settings: Settings | None = None,
    rubric: Rubric | None = None,
    options: ReadOptions | None = None,
    on_error: Callable[[RecordError], None] | None = None,
    on_progress: Progress | None = None,
) -> Iterator[ConversationResult]:
    """``Analyzer.analyze_batch`` on Ray: the same results, in input order.

    ``inputs``: conversations (bad records among them go to ``on_error``) or input file
    paths (read with ``options``, as ``patiently analyze`` reads them). ``analyzer`` or
    ``settings`` + ``rubric`` (default: the built-in ones, every detector).
    """
    runner = RayRunner(address, num_cpus, batch_size)
    analyzer = analyzer or Analyzer(settings, rubric)
    return runner(analyzer, _conversations(inputs, options), on_error=on_error, on_progress=on_progress)


def _conversations(inputs: Any, options: ReadOptions | None) -> Iterator[Conversation | RecordError]:
    """Conversations as given, or read from paths; the first item tells which."""
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    it = iter(inputs)
    first = next(it, None)
    if first is None:
        return iter(())
    if isinstance(first, str | os.PathLike):
        return read_conversations([Path(p) for p in itertools.chain([first], it)], options)
    return itertools.chain([first], it)
