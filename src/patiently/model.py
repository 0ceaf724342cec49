"""The domain model: Conversation, Message, Span and Finding.

Plain frozen dataclasses (not pydantic) because they are created for every message of
every conversation on the hot path, and because they must pickle for Ray workers.
Validation of untrusted input happens once, in the readers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

Role = Literal["customer", "agent", "system"]
ROLES: tuple[str, ...] = ("customer", "agent", "system")



def _empty() -> dict[str, Any]:
    # Plain dicts (not MappingProxyType) because results must pickle for spools and workers;
    # treat them as read-only by convention.
    return {}


def add_meta(out: dict[str, Any], meta: Mapping[str, Any], reserved: tuple[str, ...] = ()) -> None:
    """Add ``meta`` to a record's dict without replacing its own fields: an export's own ``id``
    or ``text`` column must not stand in for the id the evidence points at, or for the text
    that was scored. A clashing key is kept as ``meta_<key>`` (``meta_meta_<key>`` when meta
    has that key too: meta's own keys keep their names)."""
    own = out.keys() | set(reserved)
    clashing = [key for key in meta if key in own]
    out.update((key, value) for key, value in meta.items() if key not in own)
    for key in clashing:
        name = f"meta_{key}"
        while name in out or name in own:
            name = f"meta_{name}"
        out[name] = meta[key]


@dataclass(frozen=True, slots=True)
class Message:
    """One message of a conversation, as the customer or the agent wrote it."""

    id: str
    role: Role
    text: str
    author: str | None = None
    sent_at: datetime | None = None
    labels: Mapping[str, Any] = field(default_factory=_empty)
    meta: Mapping[str, Any] = field(default_factory=_empty)

    def __post_init__(self) -> None:
        # A naive time is taken as UTC, as the readers do: naive and aware times of one
        # conversation could not even be compared (the timing detectors sort by them).
        if self.sent_at is not None and self.sent_at.tzinfo is None:
            object.__setattr__(self, "sent_at", self.sent_at.replace(tzinfo=UTC))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "role": self.role, "author": self.author, "text": self.text}
        out["sent_at"] = self.sent_at.isoformat() if self.sent_at else None
        if self.labels:
            out["labels"] = dict(self.labels)
        add_meta(out, self.meta, ("labels",))
        return out


@dataclass(frozen=True, slots=True)
class Conversation:
    """A support conversation: a ticket thread, a chat or an email exchange."""

    id: str
    messages: tuple[Message, ...]
    channel: str | None = None
    source: str | None = None
    subject: str | None = None
    labels: Mapping[str, Any] = field(default_factory=_empty)
    meta: Mapping[str, Any] = field(default_factory=_empty)

    def message(self, message_id: str) -> Message:
        for m in self.messages:
            if m.id == message_id:
                return m
        raise KeyError(message_id)

    @property
    def agents(self) -> list[str]:
        """Agent authors in order of first appearance (unnamed agents are 'agent')."""
        seen: dict[str, None] = {}
        for m in self.messages:
            if m.role == "agent":
                seen.setdefault(m.author or "agent", None)
        return list(seen)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "channel": self.channel,
            "source": self.source,
            "subject": self.subject,
        }
        if self.labels:
            out["labels"] = dict(self.labels)
        add_meta(out, self.meta, ("labels", "messages"))
        out["messages"] = [m.to_dict() for m in self.messages]
        return out


@dataclass(frozen=True, slots=True)
class Span:
    """Evidence: characters [start, end) of one message's text."""

    message_id: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"message_id": self.message_id, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Finding:
    """A behaviour (or its absence) found in a conversation, with the evidence for it.

    ``detector`` is ``name@version`` so a stored result stays explainable after a detector
    is improved (a better detector gets a new version, the old one keeps its meaning).
    ``data`` carries small detector-specific facts (e.g. a frustration trajectory).
    """

    label: str
    score: float
    evidence: tuple[Span, ...]
    explanation: str
    detector: str
    message_id: str | None = None
    author: str | None = None
    data: Mapping[str, Any] = field(default_factory=_empty)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "label": self.label,
            "score": round(float(self.score), 3),
            "message_id": self.message_id,
            "author": self.author,
            "evidence": [s.to_dict() for s in self.evidence],
            "explanation": self.explanation,
            "detector": self.detector,
        }
        if self.data:
            out["data"] = dict(self.data)
        return out

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Finding:
        return cls(
            label=d["label"],
            score=float(d["score"]),
            evidence=tuple(Span(e["message_id"], int(e["start"]), int(e["end"])) for e in d["evidence"]),
            explanation=d.get("explanation", ""),
            detector=d.get("detector", ""),
            message_id=d.get("message_id"),
            author=d.get("author"),
            data=dict(d.get("data") or {}),
        )
