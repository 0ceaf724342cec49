"""Live practice sessions: the engine :class:`~patiently.practice.Session` behind each stored one.

The database is the truth; an engine session is a cache. The engine is deterministic for a
(scenario, seed): replaying the stored trainee messages with the stored seed rebuilds the
same customer, so after a restart (or in another worker) the first message to a session
rebuilds it. A cached engine is used only while it has played exactly the stored number of
turns; otherwise it is rebuilt. Replaying costs one analysis per turn (``benchmarks/practice_web.py``:
the first message after a restart to a 41-turn session took 140-215 ms), so a session is
capped at ``MAX_TURNS`` trainee messages.

The engine is not thread-safe: each session has a lock, held while a message is answered.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..pipeline import Analyzer
from ..practice import Session, get_scenario

log = logging.getLogger(__name__)
MAX_TURNS = 60
CACHED_SESSIONS = 256  # live engines kept in memory (least recently used dropped; rebuilt on need)


class ReplayResult:
    """A rebuilt engine and where its customer said something else than the stored transcript."""

    def __init__(self, session: Session, mismatches: list[int]) -> None:
        self.session = session
        self.mismatches = mismatches


def replay(scenario_id: str, seed: int, trainee: Sequence[str], analyzer: Analyzer,
           customer: Sequence[str] | None = None) -> ReplayResult:
    """A fresh engine session that has answered ``trainee`` in order. With ``customer`` (the
    stored customer lines, opening first) the turns whose reply differs are reported, which
    happens only when the analyser or the scenario changed since the session was played."""
    session = Session(get_scenario(scenario_id), seed=seed, analyzer=analyzer)
    said = [session.opening] + [session.reply(text).text for text in trainee]
    mismatches = [i for i, (a, b) in enumerate(zip(said, customer or (), strict=False)) if a != b]
    return ReplayResult(session, mismatches)


class LiveSessions:
    """Engine sessions by practice-session id (LRU), and a lock per session."""

    def __init__(self, size: int = CACHED_SESSIONS) -> None:
        self.size = size
        self._engines: OrderedDict[int, Session] = OrderedDict()
        self._locks: dict[int, threading.Lock] = {}
        self._guard = threading.Lock()

    @contextmanager
    def lock(self, session_id: int) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(session_id, threading.Lock())
        with lock:
            yield

    def get(self, session_id: int, turns: int) -> Session | None:
        """The cached engine if it has played exactly ``turns`` trainee messages."""
        with self._guard:
            engine = self._engines.get(session_id)
            if engine is None:
                return None
            if len(engine.turns) != turns:  # another worker or tab moved on, or a failed write
                del self._engines[session_id]
                return None
            self._engines.move_to_end(session_id)
            return engine

    def put(self, session_id: int, engine: Session) -> None:
        with self._guard:
            self._engines[session_id] = engine
            self._engines.move_to_end(session_id)
            while len(self._engines) > self.size:
                self._engines.popitem(last=False)

    def drop(self, session_id: int) -> None:
        with self._guard:
            self._engines.pop(session_id, None)

    def __len__(self) -> int:
        return len(self._engines)


def live_sessions(app: Any) -> LiveSessions:
    """The app's live sessions, created on first use (kept on ``app.state``)."""
    live = getattr(app.state, "practice_live", None)
    if live is None:
        with _create_lock:
            live = getattr(app.state, "practice_live", None)
            if live is None:
                live = app.state.practice_live = LiveSessions()
    return live


_create_lock = threading.Lock()
