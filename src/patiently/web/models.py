"""Tables. Conversations and their current result are stored as JSON documents (the same
dicts as the results JSONL) plus the few columns that pages filter and sort on.

A conversation is identified by (source, external id): importing it again updates the row
and its result instead of adding a duplicate. Reviews keep a snapshot of each finding they
judge, so exported labels stay meaningful after the conversation is re-analysed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

ROLES = ("admin", "coach", "agent")


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base of every table (its metadata is what Alembic compares against)."""


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    # For role "agent": the author name their messages carry in conversations.
    agent_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LoginSession(Base):
    """A browser login. Only a hash of the cookie value is stored."""

    __tablename__ = "login_sessions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    user: Mapped[User] = relationship(lazy="joined")


class ApiToken(Base):
    """A bearer token for scripts; acts with its user's role. Only a hash is stored."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))  # shown in lists so a user can tell tokens apart
    name: Mapped[str] = mapped_column(String(100))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    user: Mapped[User] = relationship(lazy="joined")


class LoginFailure(Base):
    """A failed log-in, once under the username and once under the client address
    (``auth.LoginLimiter``). In the database so every worker process counts the same
    failures and a restart keeps them; rows older than the window are deleted."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_kind_key", "kind", "key", "failed_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # "user" (lower-cased username) or "ip"
    key: Mapped[str] = mapped_column(String(255))
    failed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class ImportJob(Base):
    """A background job (an import, or rescoring after a rubric change) and its progress."""

    __tablename__ = "import_jobs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), default="import")
    filename: Mapped[str] = mapped_column(String(255), default="")
    format: Mapped[str] = mapped_column(String(16), default="auto")
    status: Mapped[str] = mapped_column(String(16), default="queued")  # queued running done failed
    phase: Mapped[str] = mapped_column(String(32), default="")
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [{"line", "field", "reason"}]
    # The reader options of an import (see jobs.stored_options); None: a rescore, or an older job.
    options: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    message: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Conversation(Base):
    __tablename__ = "conversations"
    __table_args__ = (UniqueConstraint("source", "external_id", name="uq_conversation_source_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(200))
    external_id: Mapped[str] = mapped_column(String(500))
    channel: Mapped[str | None] = mapped_column(String(50), nullable=True)
    subject: Mapped[str | None] = mapped_column(Text, nullable=True)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True, index=True)
    n_messages: Mapped[int] = mapped_column(Integer, default=0)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # Conversation.to_dict(): messages and all
    job_id: Mapped[int | None] = mapped_column(ForeignKey("import_jobs.id", ondelete="SET NULL"), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    result: Mapped[Result | None] = relationship(back_populates="conversation", uselist=False,
                                                 cascade="all, delete-orphan", lazy="joined")
    agents: Mapped[list[ConversationAgent]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class ConversationAgent(Base):
    """Which agents took part: lets "an agent's own conversations" be one indexed query."""

    __tablename__ = "conversation_agents"
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"),
                                                 primary_key=True)
    agent: Mapped[str] = mapped_column(String(200), primary_key=True)
    __table_args__ = (Index("ix_conversation_agents_agent", "agent"),)


class Result(Base):
    """The current analysis of a conversation: ConversationResult.to_dict() without messages."""

    __tablename__ = "results"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), unique=True)
    overall: Mapped[float | None] = mapped_column(Float, nullable=True, index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    analyzer_version: Mapped[str] = mapped_column(String(40))
    rubric_id: Mapped[str] = mapped_column(String(120))
    broken_promises: Mapped[int] = mapped_column(Integer, default=0)
    escalated: Mapped[bool] = mapped_column(Boolean, default=False)  # customer frustration rose
    analyzed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    conversation: Mapped[Conversation] = relationship(back_populates="result")


class Review(Base):
    """A coach's judgement of a conversation's findings, one per coach and conversation."""

    __tablename__ = "reviews"
    __table_args__ = (UniqueConstraint("conversation_id", "reviewer_id", name="uq_review_conversation_reviewer"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    # [{"finding": index, "verdict": "correct"|"wrong", "snapshot": finding dict}]
    verdicts: Mapped[list[Any]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    analyzer_version: Mapped[str] = mapped_column(String(40), default="")
    rubric_id: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    reviewer: Mapped[User | None] = relationship(lazy="joined")


class RubricVersion(Base):
    """Every rubric the team has used; the newest is active. Empty table: the built-in one."""

    __tablename__ = "rubric_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rubric_id: Mapped[str] = mapped_column(String(120))  # name@version
    # The rubric's own number (also in ``data``), unique so two saves can never both take N
    # (``store.save_rubric``). NULL only on rows saved before it existed whose number an
    # earlier row already had (migration 0004), and briefly on the row being saved.
    version: Mapped[int | None] = mapped_column(Integer, nullable=True, unique=True, index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


# --- practice (issue 6): simulated customers, sessions per trainee, assignments, peer comments ---
class PracticeSession(Base):
    """One practice conversation of a trainee with a simulated customer.

    The engine is deterministic for a (scenario, seed): the stored trainee messages replayed
    with the same seed rebuild the live session after a restart (``web.practice_live``)."""

    __tablename__ = "practice_sessions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(80), index=True)
    scenario_title: Mapped[str] = mapped_column(String(200), default="")  # kept if the scenario goes away
    seed: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="active")  # active finished abandoned
    show_mood: Mapped[bool] = mapped_column(Boolean, default=False)
    turns: Mapped[int] = mapped_column(Integer, default=0)  # trainee messages so far
    state: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # CustomerState.to_dict() now
    debrief: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    overall: Mapped[float | None] = mapped_column(Float, nullable=True)
    passed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    notes: Mapped[list[Any]] = mapped_column(JSON, default=list)  # e.g. a replay that came out differently
    analyzer_version: Mapped[str] = mapped_column(String(40), default="")
    rubric_id: Mapped[str] = mapped_column(String(120), default="")
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True, index=True)
    user: Mapped[User] = relationship(lazy="joined")


class PracticeMessage(Base):
    """A line of a practice transcript: the customer's (with the state it left) or the trainee's."""

    __tablename__ = "practice_messages"
    # Two tabs posting at once cannot both write turn n: the second insert fails and is told to reload.
    __table_args__ = (UniqueConstraint("session_id", "position", name="uq_practice_message_position"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("practice_sessions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # 0 is the customer's opening
    role: Mapped[str] = mapped_column(String(16))  # "customer" or "agent" (the trainee)
    text: Mapped[str] = mapped_column(Text)
    situations: Mapped[list[Any]] = mapped_column(JSON, default=list)  # why the customer said it
    state: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)  # customer state after it
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PracticeAssignment(Base):
    """A scenario a coach asked a trainee to practise, optionally by a date."""

    __tablename__ = "practice_assignments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(80))
    trainee_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    assigned_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    trainee: Mapped[User] = relationship(foreign_keys=[trainee_id], lazy="joined")
    assigner: Mapped[User | None] = relationship(foreign_keys=[assigned_by], lazy="joined")


class PracticeComment(Base):
    """A peer's or coach's comment on a finished practice transcript."""

    __tablename__ = "practice_comments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("practice_sessions.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    author: Mapped[User | None] = relationship(lazy="joined")
