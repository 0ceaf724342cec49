"""The analysed context of recent checks, kept by content so that a re-check analyses the draft only.

Agents check a draft, edit it and check again, with the same conversation each time. The
context's analysis (:class:`patiently.pipeline.Prefix`: every detector's findings on it, its
sentences and their vectors) is kept in a small LRU keyed by a hash of the messages' content,
and each check then runs the detectors on the draft alone (``Analyzer.analyze_focused``),
which gives the same findings on the draft as analysing the whole conversation again.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence

from ..model import Conversation, Message
from ..pipeline import Analyzer, Prefix

CACHE_SIZE = 256  # contexts; each is a few findings and ~1 kB of vectors per sentence
CONVERSATION_ID = "coach"


def context_key(messages: Sequence[Message]) -> bytes:
    """A digest of everything about the messages a detector can read."""
    h = hashlib.blake2b(digest_size=16)
    for m in messages:
        for part in (m.id, m.role, m.author or "", m.sent_at.isoformat() if m.sent_at else "", m.text):
            data = part.encode("utf-8", "surrogatepass")
            h.update(len(data).to_bytes(8, "little"))
            h.update(data)
    return h.digest()


class PrefixCache:
    """A thread-safe LRU of context analyses for one Analyzer."""

    def __init__(self, analyzer: Analyzer, size: int = CACHE_SIZE) -> None:
        self.analyzer = analyzer
        self.size = size
        self._items: OrderedDict[bytes, Prefix] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, messages: Sequence[Message]) -> Prefix:
        key = context_key(messages)
        with self._lock:
            prefix = self._items.get(key)
            if prefix is not None:
                self._items.move_to_end(key)
                self.hits += 1
                return prefix
            self.misses += 1
        # Analysed outside the lock: two threads missing the same context both analyse it
        # (same result), rather than every check waiting behind one analysis.
        prefix = self.analyzer.analyze_prefix(Conversation(CONVERSATION_ID, tuple(messages)))
        with self._lock:
            self._items[key] = prefix
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return prefix

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._items)
