"""Practice sessions in the database: start, answer, end with a debrief, comment.

Every trainee message is answered by the engine (:mod:`patiently.practice`) and stored with
the customer's reply and the state it left, in one write; the session row keeps the current
state and, once ended, the debrief (``practice.debrief``: scores, evidence, moves that helped
and hurt, better wordings). :mod:`.practice_live` keeps the engines and rebuilds them by
replay. Errors are :class:`PracticeError` with the HTTP status a page should answer.

Who may do what (the routes check it with :func:`may_read`): a session's trainee reads and
writes it; anyone logged in may read a *finished* session (peers learn from each other's
transcripts) and comment on it; an unfinished or abandoned one stays private to its trainee.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as DBSession

from .. import __version__
from ..pipeline import Analyzer
from ..practice import Session, UnknownScenarioError, debrief, load_scenarios
from ..practice.engine import shows_something, trainee_text_problem  # the CLI's rules
from .db import Database
from .models import PracticeComment, PracticeMessage, PracticeSession, User, utcnow
from .practice_live import MAX_TURNS, LiveSessions, replay

log = logging.getLogger(__name__)
MAX_COMMENT_CHARS = 2_000
MAX_SEED = 1_000_000


def clean(text: str) -> str:
    """User text as stored: trimmed, without NUL characters (PostgreSQL text cannot hold them)."""
    return text.replace("\x00", "").strip()


class PracticeError(Exception):
    """A request the practice pages refuse, with the HTTP status to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


# --- scenarios ----------------------------------------------------------------------------
def scenario_summary(scenario_id: str) -> dict[str, Any] | None:
    sc = load_scenarios().get(scenario_id)
    return sc.summary_dict() if sc else None


def scenario_titles() -> dict[str, str]:
    return {k: sc.title for k, sc in load_scenarios().items()}


# --- dicts --------------------------------------------------------------------------------
def session_dict(row: PracticeSession, messages: Sequence[PracticeMessage] | None = None) -> dict[str, Any]:
    """A session as pages and their JSON twins show it (messages when given)."""
    finished = row.status == "finished"
    out: dict[str, Any] = {
        "id": row.id, "href": f"/practice/sessions/{row.id}", "scenario_id": row.scenario_id,
        "title": row.scenario_title, "seed": row.seed, "trainee": row.user.username if row.user else None,
        "status": row.status, "show_mood": row.show_mood, "turns": row.turns, "max_turns": MAX_TURNS,
        "state": row.state, "overall": row.overall, "passed": row.passed, "notes": list(row.notes or []),
        "started_at": row.started_at, "ended_at": row.ended_at, "rubric_id": row.rubric_id or None,
        "debrief_href": f"/practice/sessions/{row.id}/debrief" if finished else None,
    }
    if messages is not None:
        persona = (scenario_summary(row.scenario_id) or {}).get("persona") or {}
        out["messages"] = [message_dict(m, persona.get("name"), out["trainee"], finished) for m in messages]
    return out


def message_dict(m: PracticeMessage, customer: str | None, trainee: str | None, finished: bool) -> dict[str, Any]:
    d: dict[str, Any] = {"position": m.position, "id": f"m{m.position + 1}", "role": m.role, "text": m.text,
                         "author": (customer or "customer") if m.role == "customer" else trainee,
                         "state": m.state}
    if finished:  # why the customer said it: a spoiler while the session runs
        d["situations"] = list(m.situations or [])
    return d


def comment_dict(c: PracticeComment) -> dict[str, Any]:
    return {"id": c.id, "author": c.author.username if c.author else None, "text": c.text,
            "created_at": c.created_at}


def may_read(row: PracticeSession, viewer_id: int) -> bool:
    """Own sessions always; anyone's once finished (never someone else's unfinished one)."""
    return row.user_id == viewer_id or row.status == "finished"


# --- reading ------------------------------------------------------------------------------
def load(db: Database, session_id: int) -> tuple[PracticeSession, list[PracticeMessage]]:
    with db.read() as s:
        row = s.get(PracticeSession, session_id)
        if row is None:
            raise PracticeError(404, f"no practice session {session_id}")
        msgs = list(s.scalars(select(PracticeMessage).where(PracticeMessage.session_id == session_id)
                              .order_by(PracticeMessage.position)))
        return row, msgs


def readable(db: Database, session_id: int, viewer_id: int) -> tuple[PracticeSession, list[PracticeMessage]]:
    row, msgs = load(db, session_id)
    if not may_read(row, viewer_id):
        raise PracticeError(403, "this practice session is not finished: only its trainee can see it")
    return row, msgs


def comments_for(db: Database, session_id: int) -> list[dict[str, Any]]:
    with db.read() as s:
        rows = s.scalars(select(PracticeComment).where(PracticeComment.session_id == session_id)
                         .order_by(PracticeComment.id))
        return [comment_dict(c) for c in rows]


def sessions_of(db: Database, user_id: int, *, status: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """A user's sessions, newest first."""
    with db.read() as s:
        q = select(PracticeSession).where(PracticeSession.user_id == user_id)
        if status:
            q = q.where(PracticeSession.status == status)
        rows = s.scalars(q.order_by(PracticeSession.id.desc()).limit(limit))
        return [session_dict(r) for r in rows]


def peer_sessions(db: Database, viewer_id: int, limit: int = 20) -> list[dict[str, Any]]:
    """Recently finished sessions of everyone else: transcripts to learn from and comment on."""
    with db.read() as s:
        rows = s.scalars(select(PracticeSession).where(PracticeSession.status == "finished",
                                                       PracticeSession.user_id != viewer_id)
                         .order_by(PracticeSession.ended_at.desc()).limit(limit))
        return [session_dict(r) for r in rows]


# --- writing ------------------------------------------------------------------------------
def start(db: Database, live: LiveSessions, analyzer: Analyzer, user_id: int, scenario_id: str,
          seed: int | None = None) -> dict[str, Any]:
    """A new session: the engine starts (the customer's opening line) and both are stored."""
    sc = load_scenarios().get(scenario_id)
    if sc is None:
        raise PracticeError(422, f"scenario: no scenario {scenario_id!r}; choose one of {', '.join(load_scenarios())}")
    if seed is None:
        seed = secrets.randbelow(MAX_SEED)
    elif not 0 <= seed < MAX_SEED:
        raise PracticeError(422, f"seed: a whole number from 0 to {MAX_SEED - 1}")
    engine = Session(sc, seed=seed, analyzer=analyzer)

    def write(s: DBSession) -> int:
        row = PracticeSession(scenario_id=sc.id, scenario_title=sc.title, seed=seed, user_id=user_id,
                              status="active", state=engine.state.to_dict(), notes=[], turns=0)
        s.add(row)
        s.flush()
        s.add(PracticeMessage(session_id=row.id, position=0, role="customer", text=engine.opening,
                              situations=["opening"], state=engine.state.to_dict()))
        return row.id

    session_id = db.write(write)
    live.put(session_id, engine)
    row, msgs = load(db, session_id)
    return session_dict(row, msgs)


def _owned_active(row: PracticeSession, user_id: int) -> None:
    if row.user_id != user_id:
        raise PracticeError(403, "only the trainee of a practice session can write in it or end it")
    if row.status != "active":
        raise PracticeError(409, "this practice session has ended")


def _engine(db: Database, live: LiveSessions, analyzer: Analyzer, row: PracticeSession,
            msgs: Sequence[PracticeMessage]) -> Session:
    """The live engine of a stored session: cached, or rebuilt by replaying its trainee messages."""
    engine = live.get(row.id, row.turns)
    if engine is not None:
        return engine
    trainee = [m.text for m in msgs if m.role == "agent"]
    customer = [m.text for m in msgs if m.role == "customer"]
    try:
        rebuilt = replay(row.scenario_id, row.seed, trainee, analyzer, customer)
    except UnknownScenarioError as exc:
        raise PracticeError(410, f"scenario {row.scenario_id!r} is no longer installed: this session cannot "
                                 "continue (its transcript stays readable)") from exc
    if rebuilt.mismatches:
        note = (f"replayed after a restart: the customer's line {rebuilt.mismatches[0]} came out differently "
                f"(the analyser or the scenario changed since); the transcript shows what was said")
        log.warning("practice session %s: %s", row.id, note)

        def add_note(s: DBSession) -> None:
            r = s.get(PracticeSession, row.id)
            if r is not None and note not in (r.notes or []):
                r.notes = [*(r.notes or []), note]

        db.write(add_note)
    live.put(row.id, rebuilt.session)
    return rebuilt.session


def send(db: Database, live: LiveSessions, analyzer: Analyzer, session_id: int, user_id: int,
         text: str) -> dict[str, Any]:
    """The trainee's message, the customer's answer, both stored. -> the turn (and the session
    finished with its debrief when the customer has thanked them for the fix)."""
    text = clean(text)
    if problem := trainee_text_problem(text):  # the CLI's rule and wording
        raise PracticeError(422, f"message: {problem}")
    row, _ = load(db, session_id)
    _owned_active(row, user_id)
    with live.lock(session_id):
        row, msgs = load(db, session_id)  # again under the lock: another request may have just written
        _owned_active(row, user_id)
        if row.turns >= MAX_TURNS:
            raise PracticeError(409, f"a session has at most {MAX_TURNS} messages: end it to see your debrief")
        engine = _engine(db, live, analyzer, row, msgs)
        turn = engine.reply(text)
        said = engine.messages[-2].text  # as the engine read it (whitespace folded): what a replay feeds
        position = len(msgs)

        def write(s: DBSession) -> None:
            r = s.get(PracticeSession, session_id)
            if r is None or r.status != "active":
                raise PracticeError(409, "this practice session has ended")
            s.add(PracticeMessage(session_id=session_id, position=position, role="agent", text=said))
            s.add(PracticeMessage(session_id=session_id, position=position + 1, role="customer", text=turn.text,
                                  situations=list(turn.situations), state=turn.state.to_dict()))
            r.turns, r.state, r.updated_at = len(engine.turns), turn.state.to_dict(), utcnow()
            s.flush()

        try:
            db.write(write)
        except IntegrityError as exc:  # another worker stored this turn first
            live.drop(session_id)
            raise PracticeError(409, "this session moved on in another window: reload the page") from exc
        except BaseException:
            live.drop(session_id)  # the engine is a turn ahead of the database now
            raise
        out = {"session": session_id, "trainee": said, "customer": turn.text, "state": turn.state.to_dict(),
               "position": position, "finished": turn.finished, "debrief_href": None}
        if turn.finished:  # the customer has thanked them: nothing left to practise here
            _finish(db, live, analyzer, session_id, engine)
            out["debrief_href"] = f"/practice/sessions/{session_id}/debrief"
        return out


def end(db: Database, live: LiveSessions, analyzer: Analyzer, session_id: int, user_id: int) -> dict[str, Any]:
    """End a session: the debrief is computed and stored (a session without a trainee message
    is just abandoned)."""
    with live.lock(session_id):
        row, msgs = load(db, session_id)
        _owned_active(row, user_id)
        if row.turns == 0:
            def abandon(s: DBSession) -> None:
                r = s.get(PracticeSession, session_id)
                if r is not None:
                    r.status, r.ended_at = "abandoned", utcnow()

            db.write(abandon)
            live.drop(session_id)
        else:
            _finish(db, live, analyzer, session_id, _engine(db, live, analyzer, row, msgs))
    row, _ = load(db, session_id)
    return session_dict(row)


def _finish(db: Database, live: LiveSessions, analyzer: Analyzer, session_id: int, engine: Session) -> None:
    report = debrief(engine)

    def write(s: DBSession) -> None:
        r = s.get(PracticeSession, session_id)
        if r is None:
            return
        r.status, r.ended_at, r.updated_at = "finished", utcnow(), utcnow()
        r.debrief, r.overall, r.passed = report, report.get("overall"), bool(report["success"]["passed"])
        r.state, r.analyzer_version, r.rubric_id = engine.state.to_dict(), __version__, analyzer.rubric.id

    db.write(write)
    live.drop(session_id)


def set_mood(db: Database, session_id: int, user_id: int, show: bool) -> None:
    def write(s: DBSession) -> None:
        r = s.get(PracticeSession, session_id)
        if r is None:
            raise PracticeError(404, f"no practice session {session_id}")
        if r.user_id != user_id:
            raise PracticeError(403, "only the trainee of a practice session can change how it is shown")
        r.show_mood = show

    db.write(write)


def add_comment(db: Database, session_id: int, author_id: int, text: str) -> dict[str, Any]:
    """A comment by ``author_id`` (always the logged-in user) on a finished session."""
    text = clean(text)
    if not shows_something(text):
        raise PracticeError(422, "comment: write something")
    if len(text) > MAX_COMMENT_CHARS:
        raise PracticeError(422, f"comment: at most {MAX_COMMENT_CHARS:,} characters")

    def write(s: DBSession) -> dict[str, Any]:
        r = s.get(PracticeSession, session_id)
        if r is None:
            raise PracticeError(404, f"no practice session {session_id}")
        if r.status != "finished":
            raise PracticeError(403 if r.user_id != author_id else 409,
                                "comments open once the session is finished")
        c = PracticeComment(session_id=session_id, author_id=author_id, text=text)
        s.add(c)
        s.flush()
        c.author = s.get(User, author_id)
        return comment_dict(c)

    return db.write(write)


def delete_comment(db: Database, comment_id: int, viewer_id: int, is_admin: bool) -> int:
    """Delete a comment (its author or an admin). -> the session it was on."""
    def write(s: DBSession) -> int:
        c = s.get(PracticeComment, comment_id)
        if c is None:
            raise PracticeError(404, f"no comment {comment_id}")
        if c.author_id != viewer_id and not is_admin:
            raise PracticeError(403, "only its author or an admin can delete a comment")
        s.delete(c)
        return c.session_id

    return db.write(write)
