"""One code path for a single conversation, a batch and a distributed job.

``Analyzer.analyze(conv)`` runs every detector on one conversation and scores it.
``Analyzer.analyze_batch(items)`` maps the same function over a stream, then runs the
corpus pass (e.g. the same stock apology reused across conversations) and rescoring.
A detector that fails on one conversation is recorded on that result, not fatal.

``Analyzer.analyze_prefix(conv)`` + ``Analyzer.analyze_focused(conv_plus_one, prefix)``: the
same findings on a conversation's last message, when the analysis of the messages before it
is kept (the reply coach re-checks drafts after one unchanged context).
"""

from __future__ import annotations

import json
import logging
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import __version__
from .config import Settings
from .detectors.base import Detector, DetectorContext, Features
from .detectors.registry import load_detectors
from .errors import RecordError
from .model import Conversation, Finding, add_meta
from .rubric import BehaviourScore, Rubric, load_rubric, overall, score_findings

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (conversations done, messages done)
CHUNK_MESSAGES = 1000  # conversations are embedded together in chunks of about this many messages


@dataclass
class ConversationResult:
    conversation: Conversation
    findings: list[Finding]
    behaviours: dict[str, BehaviourScore] = field(default_factory=dict)
    overall: float | None = None
    agents: dict[str, dict[str, Any]] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)
    collected: dict[str, Any] = field(default_factory=dict)  # corpus-pass material, not output

    @property
    def scores(self) -> dict[str, float | None]:
        out: dict[str, float | None] = {
            k: (None if v.score is None else round(v.score, 1)) for k, v in self.behaviours.items()
        }
        out["overall"] = self.overall
        return out

    def to_dict(self, include_messages: bool = True) -> dict[str, Any]:
        c = self.conversation
        out: dict[str, Any] = {
            "id": c.id,
            "channel": c.channel,
            "source": c.source,
            "subject": c.subject,
            "n_messages": len(c.messages),
            "agents": c.agents,
            "started_at": next((m.sent_at.isoformat() for m in c.messages if m.sent_at), None),
            "scores": self.scores,
            "score_details": {k: v.to_dict() for k, v in self.behaviours.items()},
            "agent_scores": self.agents,
            "findings": [f.to_dict() for f in self.findings],
            "errors": self.errors,
        }
        if c.labels:
            out["labels"] = dict(c.labels)
        if include_messages:
            out["messages"] = [m.to_dict() for m in c.messages]
        # the export's own fields (a help desk's status, priority, tags; unknown JSONL keys), beside
        # the results as a message's are beside its fields; a clashing name is kept as meta_<name>
        add_meta(out, c.meta, ("messages", "labels"))
        return out


@dataclass(frozen=True)
class Prefix:
    """The analysis of a conversation's first messages, kept to check one more message after
    them (:meth:`Analyzer.analyze_focused`). Read-only: safe to share between threads."""

    n_messages: int
    findings: Mapping[str, tuple[Finding, ...]]  # per detector id, in the order it found them
    errors: tuple[dict[str, str], ...]
    features: Features


class Analyzer:
    """Detectors + settings + rubric. Picklable: the embedder is rebuilt in each process."""

    def __init__(
        self,
        settings: Settings | None = None,
        rubric: Rubric | None = None,
        detectors: list[Detector] | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self.rubric = rubric or load_rubric()
        self.detectors = detectors if detectors is not None else load_detectors()

    @property
    def info(self) -> dict[str, Any]:
        return {
            "patiently": __version__,
            "rubric": self.rubric.id,
            "detectors": [d.id for d in self.detectors],
            "embeddings": self.settings.embeddings.backend,
        }

    # --- one conversation -----------------------------------------------------------
    def analyze(self, conv: Conversation, *, batch: bool = False,
                ctx: DetectorContext | None = None) -> ConversationResult:
        ctx = ctx or DetectorContext(conv, self.settings)
        result = ConversationResult(conv, ctx.findings)
        for det in self.detectors:
            try:
                ctx.findings.extend(det.detect(conv, ctx))
                if batch and det.corpus:
                    item = det.collect(conv, ctx)
                    if item is not None:
                        result.collected[det.name] = item
            except Exception as exc:  # one detector's bug must not lose the conversation
                log.exception("detector %s failed on conversation %s", det.id, conv.id)
                result.errors.append({"detector": det.id, "error": f"{type(exc).__name__}: {exc}"})
        self.score(result)
        return result

    def analyze_prefix(self, conv: Conversation) -> Prefix:
        """Full analysis of ``conv`` kept per detector, with its sentences and their vectors."""
        ctx = DetectorContext(conv, self.settings)
        per: dict[str, tuple[Finding, ...]] = {}
        errors: list[dict[str, str]] = []
        for det in self.detectors:
            try:
                found = det.detect(conv, ctx)
            except Exception as exc:  # as in analyze(): recorded, the others still run
                log.exception("detector %s failed on conversation %s", det.id, conv.id)
                errors.append({"detector": det.id, "error": f"{type(exc).__name__}: {exc}"})
                continue
            ctx.findings.extend(found)
            per[det.id] = tuple(found)
        if conv.messages and any("embeddings" in d.needs for d in self.detectors):
            try:  # vectors now, so that each message checked after this prefix only encodes its own
                ctx.sentence_vectors()
            except Exception:  # no embedder: the detectors that need one failed above already
                log.debug("no sentence vectors for prefix of %s", conv.id, exc_info=True)
        return Prefix(len(conv.messages), per, tuple(errors), ctx.features())

    def analyze_focused(self, conv: Conversation, prefix: Prefix, *, score: bool = True) -> ConversationResult:
        """``analyze(conv)`` when ``prefix`` is the analysis of all but its last message.

        Detectors are told to evaluate the last message only (``DetectorContext.focus``); the
        earlier messages' findings come from ``prefix``, added to the shared findings in
        detector order, so each detector sees what it would see in a full run. Findings ON
        the last message are exactly ``analyze``'s (tests/test_coach_perf.py checks it); those
        on earlier messages are the prefix's, so a detector that judges a message by what came
        after it (a promise kept or broken, a long silence) keeps its verdict from before.
        """
        if len(conv.messages) != prefix.n_messages + 1:
            raise ValueError(f"prefix of {prefix.n_messages} messages does not fit {len(conv.messages)} messages")
        focus = len(conv.messages) - 1
        target = conv.messages[focus].id
        ctx = DetectorContext(conv, self.settings, focus=focus, prior=prefix.features)
        result = ConversationResult(conv, ctx.findings)
        failed: set[str] = set()
        for det in self.detectors:
            try:
                found = [f for f in det.detect(conv, ctx) if f.message_id == target]
            except Exception as exc:  # one detector's bug must not lose the conversation
                log.exception("detector %s failed on conversation %s", det.id, conv.id)
                result.errors.append({"detector": det.id, "error": f"{type(exc).__name__}: {exc}"})
                failed.add(det.id)
                continue
            ctx.findings.extend(prefix.findings.get(det.id, ()))
            ctx.findings.extend(found)
        result.errors.extend(e for e in prefix.errors if e["detector"] not in failed)
        if score:
            self.score(result)
        else:
            result.findings.sort(key=_finding_order(conv))
        return result

    def score(self, result: ConversationResult) -> None:
        """(Re)compute behaviour scores from findings: overall and per agent."""
        result.findings.sort(key=_finding_order(result.conversation))
        result.behaviours = score_findings(self.rubric, result.findings)
        result.overall = overall(self.rubric, result.behaviours)
        agents = result.conversation.agents
        result.agents = {}
        for agent in agents:
            per = score_findings(self.rubric, result.findings, agent=agent, agent_ids=agents) \
                if len(agents) > 1 else result.behaviours
            scores: dict[str, float | None] = {k: v.score for k, v in per.items()}
            scores["overall"] = overall(self.rubric, per)
            result.agents[agent] = {"scores": {k: (None if v is None else round(v, 1)) for k, v in scores.items()}}

    # --- a batch --------------------------------------------------------------------
    # A batch is two passes, and the Ray job (patiently.distributed) runs the same two:
    #   1. ``analyze_chunk`` on chunks of conversations (here in-process, there on workers);
    #   2. ``corpus_pass`` over every chunk's results, in input order (on the driver there).
    def analyze_batch(
        self,
        items: Iterable[Conversation | RecordError],
        *,
        on_error: Callable[[RecordError], None] | None = None,
        on_progress: Progress | None = None,
    ) -> Iterator[ConversationResult]:
        """Analyse a stream; results come after the corpus pass, in input order.

        Results are spooled to a temporary file between the passes so memory stays flat
        on large inputs; only the small corpus-pass material is kept in memory.
        """
        chunks = (self.analyze_chunk(convs) for convs in chunk_conversations(items, on_error))
        return self.corpus_pass(chunks, on_progress=on_progress)

    def analyze_chunk(self, convs: Sequence[Conversation]) -> list[ConversationResult]:
        """Pass 1 on a chunk: each conversation analysed, ``collected`` filled for pass 2.

        Sentence vectors are precomputed for the whole chunk when a detector needs
        embeddings (the same vectors as unbatched, so the chunking never changes results).
        """
        chunk = [DetectorContext(conv, self.settings) for conv in convs]
        if chunk and any("embeddings" in d.needs for d in self.detectors):
            from .embeddings import get_embedder

            DetectorContext.precompute(chunk, get_embedder(self.settings.embeddings))
        return [self.analyze(ctx.conv, batch=True, ctx=ctx) for ctx in chunk]

    def corpus_pass(
        self, chunks: Iterable[list[ConversationResult]], *, on_progress: Progress | None = None
    ) -> Iterator[ConversationResult]:
        """Pass 2: the corpus detectors' ``reduce`` over what pass 1 collected, then the
        affected results rescored. ``chunks`` are pass-1 results in input order."""
        corpus = [d for d in self.detectors if d.corpus]
        collected: dict[str, dict[str, Any]] = {d.name: {} for d in corpus}
        n_conv = n_msg = 0
        with tempfile.TemporaryFile("w+b") as spool:
            for chunk in chunks:
                for res in chunk:
                    for name, value in res.collected.items():
                        collected[name][res.conversation.id] = value
                    res.collected = {}
                    pickle.dump(res, spool, protocol=pickle.HIGHEST_PROTOCOL)
                    n_conv += 1
                    n_msg += len(res.conversation.messages)
                    if on_progress:
                        on_progress(n_conv, n_msg)
            extra: dict[str, list[Finding]] = {}
            corpus_errors: list[dict[str, str]] = []
            for det in corpus:
                try:
                    for conv_id, found in det.reduce(collected[det.name], self.settings).items():
                        extra.setdefault(conv_id, []).extend(found)
                except Exception as exc:  # the per-conversation findings are still good
                    log.exception("corpus pass of %s failed", det.id)
                    corpus_errors.append({"detector": det.id, "error": f"{type(exc).__name__}: {exc}"})
            spool.seek(0)
            for _ in range(n_conv):
                res = pickle.load(spool)
                res.errors.extend(corpus_errors)
                if res.conversation.id in extra:
                    res.findings.extend(extra[res.conversation.id])
                    self.score(res)
                yield res


def chunk_conversations(
    items: Iterable[Conversation | RecordError],
    on_error: Callable[[RecordError], None] | None = None,
    max_messages: int = CHUNK_MESSAGES,
) -> Iterator[list[Conversation]]:
    """Conversations in chunks of about ``max_messages`` messages, in input order; each bad
    record goes to ``on_error`` (when given) as the stream reaches it."""
    chunk: list[Conversation] = []
    size = 0
    for item in items:
        if isinstance(item, RecordError):
            if on_error:
                on_error(item)
            continue
        chunk.append(item)
        size += len(item.messages)
        if size >= max_messages:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _finding_order(conv: Conversation) -> Callable[[Finding], tuple[int, int, str]]:
    pos = {m.id: i for i, m in enumerate(conv.messages)}

    def key(f: Finding) -> tuple[int, int, str]:
        start = f.evidence[0].start if f.evidence else 0
        return (pos.get(f.message_id or "", len(pos)), start, f.label)

    return key


def dumps_result(result: ConversationResult, include_messages: bool = True) -> str:
    return json.dumps(result.to_dict(include_messages), ensure_ascii=False)
