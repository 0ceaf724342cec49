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


class DetectorContext:
    """Shared, lazily computed features of one conversation."""

    def __init__(self, conv: Conversation, settings: Settings, embedder: Embedder | None = None) -> None:
        self.conv = conv
        self.settings = settings
        self._embedder = embedder
        self.findings: list[Finding] = []
        self._sentences: dict[int, list[tuple[int, int]]] = {}
        self._msg_vecs: np.ndarray | None = None
        self._sent_index: list[tuple[int, int, int]] | None = None
        self._sent_vecs: np.ndarray | None = None
        self.index = {m.id: i for i, m in enumerate(conv.messages)}

    # --- messages -------------------------------------------------------------------
    @property
    def messages(self) -> tuple[Message, ...]:
        return self.conv.messages

    def indices(self, role: str) -> list[int]:
        return [i for i, m in enumerate(self.conv.messages) if m.role == role]

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
            self._sent_index = index
            self._sent_vecs = self.embedder.encode(texts)
        return self._sent_index, self._sent_vecs

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
            ctx._sent_index = index
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
