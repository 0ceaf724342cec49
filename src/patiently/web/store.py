"""Queries and upserts: the only module that knows how results are laid out in tables.

Pages get result dicts shaped exactly like the results JSONL (``docs/output-schema.md``)
plus ``pk`` (the row id used in URLs), so :mod:`patiently.summary` works on them as is.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .. import __version__
from ..model import Conversation as ConvModel
from ..model import Finding, Message
from ..pipeline import Analyzer, ConversationResult
from ..rubric import Rubric, load_rubric
from .db import Database
from .models import Conversation, ConversationAgent, ImportJob, Result, Review, RubricVersion, User, utcnow
from .text import bad_text_in

DEFAULT_SOURCE = "default"  # for conversations whose input names no source
# Column widths of models.Conversation / ConversationAgent. SQLite ignores them; PostgreSQL
# refuses a longer value and with it the whole batch, so values are fitted before they are written.
ID_CHARS, SOURCE_CHARS, CHANNEL_CHARS, AGENT_CHARS = 500, 200, 50, 200


def fit_key(value: str, limit: int) -> str:
    """``value`` if it fits, else a shortened form that stays unique: a prefix plus a hash of
    the whole (an identity column must never make two long ids one)."""
    if len(value) <= limit:
        return value
    digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{value[:limit - 17]}~{digest}"


def _no_nul(value: Any) -> Any:
    """PostgreSQL text cannot hold NUL characters. Each becomes U+FFFD, one character for one,
    so evidence offsets into message texts stay right."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd") if "\x00" in value else value
    if isinstance(value, dict):
        return {k: _no_nul(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_no_nul(v) for v in value]
    return value


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        return None
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).astimezone(UTC)


def _flags(data: dict[str, Any]) -> tuple[int, bool]:
    findings = data.get("findings") or []
    broken = sum(1 for f in findings if f.get("label") == "agent.broken_promise")
    escalated = any(f.get("label") == "customer.frustration_trajectory"
                    and (f.get("data") or {}).get("trend") == "escalating" for f in findings)
    return broken, escalated


def _set_result(row: Conversation, result: ConversationResult, rubric_id: str) -> None:
    data = _no_nul(result.to_dict(include_messages=False))
    broken, escalated = _flags(data)
    fields = {"overall": data["scores"].get("overall"), "data": data, "analyzer_version": __version__,
              "rubric_id": rubric_id, "broken_promises": broken, "escalated": escalated, "analyzed_at": utcnow()}
    if row.result is None:
        row.result = Result(**fields)
    else:
        for k, v in fields.items():
            setattr(row.result, k, v)


def upsert_results(session: Session, results: Iterable[ConversationResult], rubric_id: str,
                   job_id: int | None = None) -> tuple[int, int]:
    """Store conversations and their results; (source, id) already stored is updated. -> (created, updated)"""
    results = list(results)

    def key_of(c: ConvModel) -> tuple[str, str]:
        return fit_key(_no_nul(c.source or DEFAULT_SOURCE), SOURCE_CHARS), fit_key(_no_nul(c.id), ID_CHARS)

    by_source: dict[str, list[str]] = {}
    for r in results:
        source, ext = key_of(r.conversation)
        by_source.setdefault(source, []).append(ext)
    existing: dict[tuple[str, str], Conversation] = {}
    for source, ids in by_source.items():
        for row in session.scalars(select(Conversation).where(Conversation.source == source,
                                                              Conversation.external_id.in_(ids))):
            existing[(row.source, row.external_id)] = row
    created = updated = 0
    for r in results:
        c = r.conversation
        key = key_of(c)
        found = existing.get(key)
        if found is None:
            row = Conversation(source=key[0], external_id=key[1], agents=[])
            session.add(row)
            existing[key] = row
            created += 1
        else:
            row = found
            updated += 1
        row.channel = None if c.channel is None else _no_nul(c.channel)[:CHANNEL_CHARS]
        row.subject, row.n_messages = _no_nul(c.subject), len(c.messages)
        row.started_at = _parse_time(next((m.sent_at.isoformat() for m in c.messages if m.sent_at), None))
        row.data, row.job_id, row.updated_at = _no_nul(c.to_dict()), job_id, utcnow()
        # Diff rather than replace: same-key delete + insert in one flush would collide.
        wanted = list(dict.fromkeys(fit_key(_no_nul(a), AGENT_CHARS) for a in c.agents))
        row.agents = [a for a in row.agents if a.agent in wanted]
        have = {a.agent for a in row.agents}
        row.agents.extend(ConversationAgent(agent=a) for a in wanted if a not in have)
        _set_result(row, r, rubric_id)
    return created, updated


def result_dict(row: Conversation, include_messages: bool = True) -> dict[str, Any]:
    """The stored result as the results JSONL has it, plus ``pk``, ``source_key`` and times."""
    data: dict[str, Any] = dict(row.result.data) if row.result else {
        "id": row.external_id, "scores": {"overall": None}, "findings": [], "score_details": {},
        "agent_scores": {}, "errors": [], "n_messages": row.n_messages, "agents": []}
    data["pk"] = row.id
    data["source_key"] = row.source
    if row.result:
        data["analyzer_version"] = row.result.analyzer_version
        data["rubric_id"] = row.result.rubric_id
    if include_messages:
        data["messages"] = row.data.get("messages", [])
    return data


def all_results(db: Database) -> list[dict[str, Any]]:
    """Every stored result without messages, oldest first (cached until the next write)."""
    def load() -> list[dict[str, Any]]:
        with db.read() as s:
            rows = s.execute(select(Conversation.id, Conversation.source, Result.data)
                             .join(Result, Result.conversation_id == Conversation.id)
                             .order_by(Conversation.started_at, Conversation.id))
            return [{**data, "pk": pk, "source_key": source} for pk, source, data in rows]

    return db.cached("all_results", load)


def local_date(started_at: str | None) -> date | None:
    """The calendar day a conversation started on, in its own time zone (as its week is)."""
    if not started_at:
        return None
    try:
        return datetime.fromisoformat(started_at).date()
    except ValueError:
        return None


def _dated(db: Database) -> list[tuple[date | None, dict[str, Any]]]:
    """Every result with its start day, parsed once per data change."""
    return db.cached("dated_results", lambda: [(local_date(r.get("started_at")), r) for r in all_results(db)])


def date_span(db: Database) -> dict[str, Any]:
    """First and last start day of the stored conversations, and how many have no date."""
    days = [d for d, _ in _dated(db) if d is not None]
    return {"first": min(days, default=None), "last": max(days, default=None),
            "undated": sum(1 for d, _ in _dated(db) if d is None)}


def results_between(db: Database, start: date | None, end: date | None,
                    include_undated: bool = False) -> list[dict[str, Any]]:
    """Stored results whose conversation started on a day in [start, end] (both inclusive;
    None: open). Conversations without a date are left out unless ``include_undated``."""
    return [r for d, r in _dated(db)
            if (include_undated if d is None else (start is None or d >= start) and (end is None or d <= end))]


def data_stamp(session: Session) -> tuple[Any, ...]:
    """Changes whenever stored results or the rubric do, whichever process wrote them: results
    are written by jobs, which count what they saved (``created``, ``updated``) on their row
    after each batch. Not ``done``: an import counts analysed conversations there, long before
    it saves them, and each move would make every cached page stale for nothing. Small tables
    and indexes only, so it is cheap to ask (``Database.cached`` does, at most once a second)."""
    # coalesce(sum()) rather than SQLite's total(): PostgreSQL has no total().
    jobs = session.execute(select(func.count(ImportJob.id), func.max(ImportJob.id),
                                  *(func.coalesce(func.sum(c), 0) for c in
                                    (ImportJob.created, ImportJob.updated)))).one()
    results = session.execute(select(func.count(Result.id), func.max(Result.id))).one()
    return (*jobs, *results, session.scalar(select(func.max(RubricVersion.id))))


def jobs_writing(session: Session) -> bool:
    """Whether a job stores results now or is about to (queued or running, and not yet
    summarising: ``Jobs._finish`` writes the final counters with that phase, then warms the
    dashboard). Meanwhile the stamp moves after every batch, and pages may show values a few
    seconds old (``Database.cached``)."""
    return bool(session.scalar(select(func.count(ImportJob.id))
                               .where(ImportJob.status.in_(("queued", "running")), ImportJob.phase != "summarising")))


def get_conversation(db: Database, pk: int) -> dict[str, Any] | None:
    with db.read() as s:
        row = s.get(Conversation, pk)
        return None if row is None else result_dict(row)


def counts(db: Database) -> dict[str, int]:
    with db.read() as s:
        return {"conversations": s.scalar(select(func.count(Conversation.id))) or 0,
                "users": s.scalar(select(func.count(User.id))) or 0}


# --- rubric -----------------------------------------------------------------------------
def active_rubric(db: Database) -> Rubric:
    """The newest stored rubric, or the built-in default when none was saved."""
    def load() -> Rubric:
        with db.read() as s:
            data = s.scalar(select(RubricVersion.data).order_by(RubricVersion.id.desc()).limit(1))
        return Rubric.model_validate(data) if data else load_rubric()

    return db.cached("rubric", load)


# pg_advisory_xact_lock key of rubric saves ("rubr"); auth's log-in bookkeeping uses another.
_RUBRIC_LOCK = 0x7275_6272


def save_rubric(db: Database, rubric: Rubric, user_id: int | None) -> Rubric:
    """Store ``rubric`` as a new version and return it as stored. Its own ``version`` is
    ignored: the number (one above every stored version and the built-in one, so ``name@N`` is
    never reused) is chosen in the transaction that inserts the row. Two admins saving at once,
    in one process or several, so get two numbers: on SQLite the insert comes first, and the
    first write of a transaction holds the database's write lock until commit; on PostgreSQL a
    transaction-scoped advisory lock serialises the savers, and the unique index on
    ``rubric_versions.version`` refuses a duplicate from anything that skipped it (one retry).
    ValueError, and nothing stored, for text the database must not hold (web.text): stored
    and made active, it would fail every page showing the rubric."""
    bad = bad_text_in(rubric.model_dump(mode="json"))
    if bad:
        raise ValueError(" ".join(bad))

    def write(s: Session) -> Rubric:
        if s.get_bind().dialect.name == "postgresql":
            s.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _RUBRIC_LOCK})
        row = RubricVersion(rubric_id="", data={}, user_id=user_id)  # numbered below
        s.add(row)
        s.flush()
        saved = rubric.model_copy(update={"version": _next_version(s, row.id)})
        row.version, row.rubric_id, row.data = saved.version, saved.id, saved.model_dump(mode="json")
        return saved

    try:
        return db.write(write)
    except IntegrityError:  # another writer took the number between our read and our commit
        return db.write(write)


def _next_version(s: Session, own_id: int) -> int:
    """One above every version stored (rows without a number carry theirs in ``data``) and
    the built-in rubric's."""
    numbered = s.scalar(select(func.max(RubricVersion.version))) or 0
    loose = s.scalars(select(RubricVersion.data).where(RubricVersion.version.is_(None),
                                                       RubricVersion.id != own_id))
    return max([builtin_rubric().version, numbered, *(int((d or {}).get("version") or 0) for d in loose)]) + 1


@cache
def builtin_rubric() -> Rubric:
    """The packaged default rubric, parsed once (a rubric is immutable)."""
    return load_rubric()


def rubric_history(db: Database) -> list[dict[str, Any]]:
    """Every stored rubric version, newest first, with who saved it and when, then the built-in
    rubric (the one in use before the first save) unless a stored version has its number.
    ``version`` is the rubric's own number, the one pages and restore links use."""
    with db.read() as s:
        rows = s.execute(select(RubricVersion, User.username).outerjoin(User, RubricVersion.user_id == User.id)
                         .order_by(RubricVersion.id.desc())).all()
        out = [{"version": int((row.data or {}).get("version") or 0), "rubric_id": row.rubric_id,
                "created_at": row.created_at, "user": username, "builtin": False, "data": row.data}
               for row, username in rows]
    builtin = builtin_rubric()
    if all(h["version"] != builtin.version for h in out):
        out.append({"version": builtin.version, "rubric_id": builtin.id, "created_at": None, "user": None,
                    "builtin": True, "data": builtin.model_dump(mode="json")})
    return out


def _sent_at(value: Any) -> datetime | None:
    # Kept in its own offset (not UTC): weeks on the dashboard are the conversation's local weeks.
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def conversation_from_dict(data: dict[str, Any]) -> ConvModel:
    """Enough of a stored conversation to rescore it: message ids, order, roles, authors and times
    (the times give the result its ``started_at``, which the weekly charts need)."""
    messages = tuple(Message(str(m["id"]), m.get("role") or "system", m.get("text") or "", author=m.get("author"),
                             sent_at=_sent_at(m.get("sent_at")))
                     for m in data.get("messages") or [])
    return ConvModel(str(data.get("id")), messages, channel=data.get("channel"), source=data.get("source"),
                     subject=data.get("subject"))


def rescore_rows(session: Session, rows: Iterable[Conversation], rubric: Rubric) -> int:
    """Recompute scores from stored findings (a pure function of findings: no detector runs)."""
    scorer = Analyzer(rubric=rubric, detectors=[])
    n = 0
    for row in rows:
        if row.result is None:
            continue
        old = row.result.data
        res = ConversationResult(conversation_from_dict(row.data),
                                 [Finding.from_dict(f) for f in old.get("findings") or []],
                                 errors=list(old.get("errors") or []))
        scorer.score(res)
        _set_result(row, res, rubric.id)
        row.result.analyzer_version = old.get("analyzer_version") or row.result.analyzer_version
        n += 1
    return n


# --- reviews ----------------------------------------------------------------------------
def reviews_for(db: Database, pk: int) -> list[dict[str, Any]]:
    with db.read() as s:
        rows = s.scalars(select(Review).where(Review.conversation_id == pk).order_by(Review.updated_at))
        return [review_dict(r) for r in rows]


def review_dict(r: Review) -> dict[str, Any]:
    return {"id": r.id, "reviewer": r.reviewer.username if r.reviewer else None, "note": r.note,
            "verdicts": [{"finding": v["finding"], "verdict": v["verdict"],
                          "label": (v.get("snapshot") or {}).get("label")} for v in r.verdicts],
            "rubric_id": r.rubric_id, "updated_at": r.updated_at}


def save_review(db: Database, pk: int, reviewer_id: int, verdicts: dict[int, str], note: str) -> dict[str, Any]:
    """Create or replace this reviewer's review of conversation ``pk``. LookupError for a
    conversation without a result; ValueError (nothing changed) for a finding it does not have."""
    def write(s: Session) -> dict[str, Any]:
        row = s.get(Conversation, pk)
        if row is None or row.result is None:
            raise LookupError(pk)
        findings = row.result.data.get("findings") or []
        unknown = sorted(i for i in verdicts if not 0 <= i < len(findings))
        if unknown:
            have = f"findings 0 to {len(findings) - 1}" if findings else "no findings"
            raise ValueError(f"verdicts: no finding {', '.join(map(str, unknown))} (this conversation has {have})")
        items = [{"finding": i, "verdict": v, "snapshot": findings[i]} for i, v in sorted(verdicts.items())]
        review = s.scalar(select(Review).where(Review.conversation_id == pk, Review.reviewer_id == reviewer_id))
        if review is None:
            review = Review(conversation_id=pk, reviewer_id=reviewer_id)
            s.add(review)
        review.verdicts, review.note, review.updated_at = items, note, utcnow()
        review.analyzer_version, review.rubric_id = row.result.analyzer_version, row.result.rubric_id
        s.flush()
        return review_dict(review)

    return db.write(write)


def export_reviews(db: Database) -> Iterator[dict[str, Any]]:
    """One labelled example per judged finding: the finding as judged, the verdict, the
    message it points at, the coach's note. The input for evaluating or training detectors."""
    with db.read() as s:
        rows = s.execute(select(Review, Conversation).join(Conversation, Conversation.id == Review.conversation_id)
                         .order_by(Review.id))
        for review, conv in rows:
            texts = {str(m.get("id")): m.get("text") for m in conv.data.get("messages") or []}
            for v in review.verdicts:
                snap = v.get("snapshot") or {}
                yield {"conversation": conv.external_id, "source": conv.source, "finding": snap,
                       "label": snap.get("label"), "verdict": v["verdict"], "correct": v["verdict"] == "correct",
                       "message_text": texts.get(str(snap.get("message_id"))), "note": review.note,
                       "reviewer": review.reviewer.username if review.reviewer else None,
                       "analyzer_version": review.analyzer_version, "rubric_id": review.rubric_id,
                       "reviewed_at": review.updated_at.isoformat()}
