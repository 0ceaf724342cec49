"""The detector contract and the per-conversation context detectors share.

A detector is a small, stateless, picklable object:

    class Dismissive(Detector):
        name = "agent.dismissive"; version = 1; labels = ("agent.dismissive",)
        def detect(self, conv, ctx) -> list[Finding]: ...

It declares what it needs (``needs = {"embeddings"}``) and which labels of other detectors
it reads (``requires``); the pipeline orders detectors so required findings exist first and
computes shared features (sentences, embeddings) once per conversation in the context.
Detectors compute; they never store (the pipeline and the stores do that).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from ..config import Settings
from ..model import Conversation, Finding, Message, Span
from ..text import sentence_spans, strip_addressing

if TYPE_CHECKING:
    from ..embeddings import Embedder


class Detector:
    name: ClassVar[str]
    version: ClassVar[int] = 1
    labels: ClassVar[tuple[str, ...]]
    description: ClassVar[str] = ""
    needs: ClassVar[frozenset[str]] = frozenset()
    requires: ClassVar[tuple[str, ...]] = ()
    # Corpus detectors also look across the conversations of a batch (map: collect, reduce).
    corpus: ClassVar[bool] = False

    @property
    def id(self) -> str:
        return f"{self.name}@{self.version}"

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        raise NotImplementedError

    def collect(self, conv: Conversation, ctx: DetectorContext) -> Any:
        """Per-conversation, picklable summary for the corpus pass (corpus detectors only)."""
        return None

    def reduce(self, collected: Mapping[str, Any], settings: Settings) -> dict[str, list[Finding]]:
        """Findings per conversation id from everything collected in a batch."""
        return {}

    def finding(
        self,
        message: Message,
        score: float,
        spans: Iterable[tuple[int, int]] | Iterable[Span],
        explanation: str,
        *,
        label: str | None = None,
        data: Mapping[str, Any] | None = None,
    ) -> Finding:
        """A finding on ``message`` with evidence spans (offsets into its text, or Spans)."""
        evidence = tuple(
            s if isinstance(s, Span) else Span(message.id, int(s[0]), int(s[1])) for s in spans
        )
        return Finding(
            label=label or self.labels[0],
            score=float(max(0.0, min(1.0, score))),
            evidence=evidence,
            explanation=explanation,
            detector=self.id,
            message_id=message.id,
            author=message.author or message.role,
            data=dict(data) if data else {},
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id}>"


@dataclass(frozen=True)
class Features:
    """Features of a conversation's messages kept for a longer conversation that starts with them
    (the coach's context, re-checked with every version of a draft): read-only."""

    sentences: Mapping[int, list[tuple[int, int]]]
    # sentence_vectors(): (message index, start, end), the text embedded, the vector; or None
    vectors: tuple[list[tuple[int, int, int]], list[str], np.ndarray] | None


class DetectorContext:
    """Shared, lazily computed features of one conversation.

    ``focus``: when set (it must be the index of the last message), detectors are asked for the
    findings ON that message only: they may skip evaluating the others (``targets`` lists what
    to evaluate) and must give exactly the findings a full run gives on it. The pipeline puts
    the earlier messages' findings, from an analysis of the conversation without the last
    message, in ``findings`` (see :meth:`patiently.pipeline.Analyzer.analyze_focused`).
    ``prior``: features of the earlier messages computed before (sentences, vectors).
    """

    def __init__(self, conv: Conversation, settings: Settings, embedder: Embedder | None = None,
                 *, focus: int | None = None, prior: Features | None = None) -> None:
        if focus is not None and focus != len(conv.messages) - 1:
            raise ValueError(f"focus must be the last message ({len(conv.messages) - 1}), not {focus}")
        self.conv = conv
        self.settings = settings
        self._embedder = embedder
        self.focus = focus
        self._prior = prior
        self.findings: list[Finding] = []
        self._sentences: dict[int, list[tuple[int, int]]] = dict(prior.sentences) if prior else {}
        self._msg_vecs: np.ndarray | None = None
        self._sent_index: list[tuple[int, int, int]] | None = None
        self._sent_texts: list[str] | None = None
        self._sent_vecs: np.ndarray | None = None
        self.index = {m.id: i for i, m in enumerate(conv.messages)}

    def features(self) -> Features:
        """What a longer conversation starting with this one can reuse (see ``prior``)."""
        vectors = None
        if self._sent_index is not None and self._sent_vecs is not None and self._sent_texts is not None:
            vectors = (self._sent_index, self._sent_texts, self._sent_vecs)
        return Features(dict(self._sentences), vectors)

    # --- messages -------------------------------------------------------------------
    @property
    def messages(self) -> tuple[Message, ...]:
        return self.conv.messages

    def indices(self, role: str) -> list[int]:
        return [i for i, m in enumerate(self.conv.messages) if m.role == role]

    def targets(self, role: str) -> list[int]:
        """Indices of ``role`` whose findings are wanted: all of them, or only the focus."""
        if self.focus is None:
            return self.indices(role)
        return [self.focus] if self.conv.messages[self.focus].role == role else []

    def latest_in_time(self, i: int) -> bool:
        """Is message ``i`` the latest in time (or untimed)? Ties count as latest for the last
        message in list order. Threads exported reply by reply (TWCS) are not in time order, so
        the last message listed may be waited on, or followed up, by one listed before it."""
        t = self.conv.messages[i].sent_at
        return t is None or all(m.sent_at is None or m.sent_at <= t for m in self.conv.messages)

    def wants(self, i: int) -> bool:
        """Are findings on message ``i`` wanted (no focus, or ``i`` is the focus)?"""
        return self.focus is None or i == self.focus

    def previous(self, i: int, role: str) -> int | None:
        """Index of the last message before ``i`` with ``role``."""
        for j in range(i - 1, -1, -1):
            if self.conv.messages[j].role == role:
                return j
        return None

    def next(self, i: int, role: str) -> int | None:
        for j in range(i + 1, len(self.conv.messages)):
            if self.conv.messages[j].role == role:
                return j
        return None

    def gap_seconds(self, i: int, j: int) -> float | None:
        a: datetime | None = self.conv.messages[i].sent_at
        b: datetime | None = self.conv.messages[j].sent_at
        if a is None or b is None:
            return None
        return (b - a).total_seconds()

    # --- sentences ------------------------------------------------------------------
    def sentences(self, i: int) -> list[tuple[int, int]]:
        spans = self._sentences.get(i)
        if spans is None:
            spans = sentence_spans(self.conv.messages[i].text)
            self._sentences[i] = spans
        return spans

    # --- embeddings -----------------------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            from ..embeddings import get_embedder

            self._embedder = get_embedder(self.settings.embeddings)
        return self._embedder

    def message_vectors(self) -> np.ndarray:
        """One normalised vector per message (row i = message i), computed once."""
        if self._msg_vecs is None:
            self._msg_vecs = self.embedder.encode([m.text for m in self.conv.messages])
        return self._msg_vecs

    def sentence_texts(self) -> tuple[list[tuple[int, int, int]], list[str]]:
        """All sentences as (message index, start, end) and the text to embed for each
        (leading "nick:" and @handles removed: they carry no meaning)."""
        nicks = frozenset((m.author or "").lower() for m in self.conv.messages if m.author)
        index: list[tuple[int, int, int]] = []
        texts: list[str] = []
        for i, m in enumerate(self.conv.messages):
            for s, e in self.sentences(i):
                index.append((i, s, e))
                cleaned = strip_addressing(m.text[s:e], nicks)[0]
                texts.append(cleaned or m.text[s:e])
        return index, texts

    def sentence_vectors(self) -> tuple[list[tuple[int, int, int]], np.ndarray]:
        """All sentences as (message index, start, end) and their vectors, computed once."""
        if self._sent_index is None or self._sent_vecs is None:
            index, texts = self.sentence_texts()
            self._sent_vecs = self._reuse_vectors(index, texts)
            if self._sent_vecs is None:
                self._sent_vecs = self.embedder.encode(texts)
            self._sent_index, self._sent_texts = index, texts
        return self._sent_index, self._sent_vecs

    def embedded_texts(self) -> list[str]:
        """The text each row of :meth:`sentence_vectors` was computed from."""
        self.sentence_vectors()
        assert self._sent_texts is not None
        return self._sent_texts

    def _reuse_vectors(self, index: list[tuple[int, int, int]], texts: list[str]) -> np.ndarray | None:
        """Vectors of the prior's sentences reused, only the rest encoded (each sentence's vector
        does not depend on what is encoded with it). A sentence whose embedded text changed (the
        new message's author is a nick that "nick: ..." addressing strips) is encoded again."""
        if self._prior is None or self._prior.vectors is None:
            return None
        p_index, p_texts, p_vecs = self._prior.vectors
        n = len(p_index)
        if index[:n] != p_index:
            return None
        redo = [k for k in range(n) if texts[k] != p_texts[k]]
        todo = [texts[k] for k in redo] + texts[n:]
        if not todo:
            return p_vecs
        new = self.embedder.encode(todo)
        vecs = np.concatenate([p_vecs, new[len(redo):]]) if n < len(texts) else p_vecs.copy()
        if redo:
            vecs[redo] = new[:len(redo)]
        return vecs

    def sentence_rows(self) -> dict[tuple[int, int, int], int]:
        """Row of ``sentence_vectors()`` for each (message index, start, end)."""
        index, _ = self.sentence_vectors()
        return {key: row for row, key in enumerate(index)}

    @staticmethod
    def precompute(contexts: list[DetectorContext], embedder: Embedder) -> None:
        """Sentence vectors for many conversations in one encode call.

        Encoding has a fixed cost per call; batching short conversations together keeps the
        cost per message the same for a 10-message chat and a 2,000-message thread."""
        parts = [c.sentence_texts() for c in contexts]
        vecs = embedder.encode([t for _, texts in parts for t in texts])
        start = 0
        for ctx, (index, texts) in zip(contexts, parts, strict=True):
            ctx._embedder = embedder
            ctx._sent_index, ctx._sent_texts = index, texts
            ctx._sent_vecs = vecs[start : start + len(texts)]
            start += len(texts)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self.embedder.encode(texts)

    def first_of(self, role: str) -> int:
        """Index of the first message of ``role`` (len(messages) when none): "has X spoken yet"."""
        return next((i for i, m in enumerate(self.conv.messages) if m.role == role), len(self.conv.messages))

    def rows_by_message(self) -> dict[int, list[int]]:
        """Rows of ``sentence_vectors()`` for each message index."""
        index, _ = self.sentence_vectors()
        rows: dict[int, list[int]] = {}
        for row, (i, _s, _e) in enumerate(index):
            rows.setdefault(i, []).append(row)
        return rows

    def earlier_rows(self, rows: dict[int, list[int]], i: int, role: str, window: int) -> list[int]:
        """Sentence rows of the last ``window`` messages of ``role`` before message ``i``.

        Bounded on purpose: comparing with a window keeps the cost per message flat however
        long the conversation is."""
        out: list[int] = []
        seen = 0
        j = i - 1
        while j >= 0 and seen < window:
            if self.conv.messages[j].role == role:
                out.extend(rows.get(j, ()))
                seen += 1
            j -= 1
        return out

    # --- findings of earlier detectors ---------------------------------------------
    def by_label(self, label: str) -> list[Finding]:
        return [f for f in self.findings if f.label == label]

    def on_message(self, label: str, message_id: str) -> list[Finding]:
        return [f for f in self.findings if f.label == label and f.message_id == message_id]
