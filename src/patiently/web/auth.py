"""Accounts: argon2 password hashes, login sessions, API tokens, CSRF and role checks.

Who can do what (tested in tests/web/test_access.py):

==========  ======================================  ==================================
role        reads                                   writes
==========  ======================================  ==================================
admin       everything                              users, rubric, imports, reviews
coach       team, every agent and conversation      imports, reviews
agent       own agent page, own conversations       nothing but their own API tokens
            and the reviews of them
==========  ======================================  ==================================

Failed log-ins are throttled per username and per client address (:class:`LoginLimiter`):
past the limit a log-in gets 429 with ``Retry-After``, whatever the password, so guessing
one account's password or spraying many accounts from one address stops being cheap. The
failures are stored in the database, so every worker process counts them and a restart keeps them.

Browsers log in with a session cookie (HttpOnly, SameSite=Lax, Secure over https); every
form post also carries a CSRF token that must match the ``patiently_csrf`` cookie (double
submit). Scripts send ``Authorization: Bearer <token>`` instead and need no CSRF token,
since a browser never adds that header on its own. Cookies and tokens are random; only
their SHA-256 is stored, so a leaked database does not log anyone in.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import secrets
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import HTTPException, Request
from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from ..errors import InputError
from .models import ROLES, ApiToken, LoginFailure, LoginSession, User
from .text import text_problem

if TYPE_CHECKING:
    from .db import Database
    from .settings import WebSettings

SESSION_COOKIE = "patiently_session"
CSRF_COOKIE = "patiently_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
MIN_PASSWORD = 8
_USERNAME = re.compile(r"^[A-Za-z0-9_.@-]{1,80}$")
_hasher = PasswordHasher()


class LoginRequired(Exception):
    """No (valid) session or token: a browser is sent to the login page, a script gets 401."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def aware(dt: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything we store is UTC."""
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Viewer:
    """The user behind a request and how they proved it."""

    id: int
    username: str
    role: str
    agent_name: str | None
    via: str  # "session" or "token"

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def sees_team(self) -> bool:
        return self.role in ("admin", "coach")

    def may_see_agent(self, agent: str) -> bool:
        return self.sees_team or (self.agent_name is not None and agent == self.agent_name)

    def may_see_conversation(self, agents: list[str]) -> bool:
        return self.sees_team or (self.agent_name is not None and self.agent_name in agents)

    def to_dict(self) -> dict[str, Any]:
        return {"username": self.username, "role": self.role, "agent_name": self.agent_name}


def _viewer(user: User, via: str) -> Viewer:
    return Viewer(user.id, user.username, user.role, user.agent_name, via)


# --- users ------------------------------------------------------------------------------
def validate_user(username: str, password: str | None, role: str, agent_name: str | None) -> None:
    if not _USERNAME.match(username or ""):
        raise InputError("username: 1-80 letters, digits or . _ @ -")
    if password is not None and len(password) < MIN_PASSWORD:
        raise InputError(f"password: at least {MIN_PASSWORD} characters")
    if role not in ROLES:
        raise InputError(f"role: one of {', '.join(ROLES)}")
    if role == "agent" and not (agent_name or "").strip():
        raise InputError("agent_name: an agent account needs the name their messages carry")
    problem = text_problem(agent_name or "")
    if problem:  # a NUL: PostgreSQL refuses it, so it must not reach the row
        raise InputError(f"agent_name {problem}")


def create_user(session: Session, username: str, password: str, role: str, agent_name: str | None = None) -> User:
    """Add a user (inside a write); InputError when invalid or the name is taken."""
    validate_user(username, password, role, agent_name)
    # Taken case-insensitively: log-in throttling counts "Alice" and "alice" as one name, so
    # two accounts differing in case would clear each other's failures.
    if session.scalar(select(User.id).where(func.lower(User.username) == username.lower())) is not None:
        raise InputError(f"username {username!r} is taken")
    user = User(username=username, password_hash=hash_password(password), role=role,
                agent_name=(agent_name or "").strip() or None, active=True)
    session.add(user)
    session.flush()
    return user


def authenticate(db: Database, username: str, password: str) -> User | None:
    with db.read() as s:
        # No stored name holds a NUL (validate_user), and PostgreSQL refuses one in a query.
        user = None if "\x00" in username else s.scalar(select(User).where(User.username == username))
        if user is None or not user.active:
            _hasher.hash(password)  # same work either way: timing does not tell which names exist
            return None
        return user if verify_password(user.password_hash, password) else None


# --- log-in throttling ------------------------------------------------------------------
KEY_CHARS = 255  # the width of login_failures.key


def _stored_key(value: str) -> str:
    """A throttling key as stored. The form may send anything as a username, but PostgreSQL
    enforces the column's width and refuses NUL characters: such a value counts as its SHA-256."""
    if len(value) <= KEY_CHARS and "\x00" not in value:
        return value
    return "sha256:" + digest(value)


class LoginLimiter:
    """Counts failed log-ins per username and per client address in a sliding window.

    The failures are rows of ``login_failures`` (migration 0003), so the worker processes of
    one server (``--workers N``) count the same failures and a restart keeps them. Times are
    wall-clock seconds (``time.time``): another process cannot compare a monotonic clock.
    Storage is bounded: each failure deletes the rows that have aged out of the window, a key
    keeps only its limit's newest rows (more say nothing new), and past ``max_rows`` (someone
    spraying random names from many addresses) the oldest rows go first. Usernames are
    compared case-insensitively.
    """

    def __init__(self, db: Database, max_per_user: int, max_per_ip: int, window: float,
                 clock: Callable[[], float] = time.time, max_rows: int = 100_000) -> None:
        self.db = db
        self.max_per_user = max_per_user
        self.max_per_ip = max_per_ip
        self.window = window
        self.clock = clock
        self.max_rows = max_rows

    @classmethod
    def from_settings(cls, settings: WebSettings, db: Database) -> LoginLimiter:
        return cls(db, settings.login_max_failures, settings.login_max_failures_per_ip,
                   settings.login_window_seconds)

    def _keys(self, username: str, ip: str) -> list[tuple[str, str, int]]:
        keys = [("user", _stored_key(username.strip().lower()), self.max_per_user),
                ("ip", _stored_key(ip), self.max_per_ip)]
        return [(kind, key, limit) for kind, key, limit in keys if limit > 0]

    @staticmethod
    def _at(seconds: float) -> datetime:
        return datetime.fromtimestamp(seconds, UTC)

    def retry_after(self, username: str, ip: str) -> int:
        """Seconds until a log-in may be tried again (0: now)."""
        keys = self._keys(username, ip)
        if not keys:
            return 0
        now = self.clock()
        since = self._at(now - self.window)
        wait = 0.0
        with self.db.read() as s:
            for kind, key, limit in keys:
                # The limit-th newest failure in the window: free again when it ages out.
                nth = s.scalar(select(LoginFailure.failed_at)
                               .where(LoginFailure.kind == kind, LoginFailure.key == key,
                                      LoginFailure.failed_at > since)
                               .order_by(LoginFailure.failed_at.desc()).offset(limit - 1).limit(1))
                if nth is not None:
                    wait = max(wait, aware(nth).timestamp() + self.window - now)
        return math.ceil(wait) if wait > 0 else 0

    def begin(self, username: str, ip: str) -> tuple[int, list[int]]:
        """Start a log-in attempt: (seconds to wait, 0 when it may go on; the rows it holds).

        The attempt is counted as a failure BEFORE the password is checked, in the same
        transaction that counts, so concurrent attempts (other threads, other workers) see
        each other and no more than the limit get through; :meth:`failed` keeps the rows,
        :meth:`succeeded` removes them. A refused attempt holds nothing (the count, and so the
        wait, is what it was before it)."""
        keys = self._keys(username, ip)
        if not keys:
            return 0, []
        now = self.clock()
        since = self._at(now - self.window)

        def hold(s: Session) -> list[int]:
            _serialise(s)
            rows = [LoginFailure(kind=kind, key=key, failed_at=self._at(now)) for kind, key, _ in keys]
            s.add_all(rows)
            s.flush()
            over = any((s.scalar(select(func.count()).select_from(LoginFailure).where(
                LoginFailure.kind == kind, LoginFailure.key == key, LoginFailure.failed_at > since)) or 0) > limit
                for kind, key, limit in keys)
            if over:
                for row in rows:
                    s.delete(row)
                return []
            return [row.id for row in rows]

        held = self.db.write(hold)
        if not held:
            return max(1, self.retry_after(username, ip)), []
        return 0, held

    def failed(self, username: str, ip: str, held: Sequence[int] = ()) -> None:
        """Record a failed log-in (or keep the rows :meth:`begin` holds for it)."""
        keys = self._keys(username, ip)
        if not keys:
            return
        now = self.clock()

        def record(s: Session) -> None:
            s.execute(delete(LoginFailure).where(LoginFailure.failed_at <= self._at(now - self.window)))
            for kind, key, limit in keys:
                if not held:
                    s.add(LoginFailure(kind=kind, key=key, failed_at=self._at(now)))
                    s.flush()
                surplus = s.scalars(select(LoginFailure.id)
                                    .where(LoginFailure.kind == kind, LoginFailure.key == key)
                                    .order_by(LoginFailure.failed_at.desc(), LoginFailure.id.desc())
                                    .offset(limit)).all()
                if surplus:
                    s.execute(delete(LoginFailure).where(LoginFailure.id.in_(surplus)))
            rows = s.scalar(select(func.count()).select_from(LoginFailure)) or 0
            if rows > self.max_rows:
                oldest = s.scalars(select(LoginFailure.id).order_by(LoginFailure.failed_at, LoginFailure.id)
                                   .limit(rows - self.max_rows)).all()
                s.execute(delete(LoginFailure).where(LoginFailure.id.in_(oldest)))

        self.db.write(record)

    def succeeded(self, username: str, held: Sequence[int] = ()) -> None:
        """A right password clears that username's failures (not the address's: one known
        account must not reset the count of an address that sprays others), and the rows its
        attempt held."""
        key = _stored_key(username.strip().lower())

        def clear(s: Session) -> None:
            s.execute(delete(LoginFailure).where(LoginFailure.kind == "user", LoginFailure.key == key))
            if held:
                s.execute(delete(LoginFailure).where(LoginFailure.id.in_(list(held))))

        self.db.write(clear)


def _serialise(s: Session) -> None:
    """One log-in bookkeeping transaction at a time. SQLite serialises writers already (the
    first write takes the database's write lock); PostgreSQL's READ COMMITTED would let two
    attempts count before either inserts, so take a transaction-scoped advisory lock there."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": 0x7061_7469})  # "pati"


_LIMITER_LOCK = threading.Lock()


def login_limiter(request: Request) -> LoginLimiter:
    """The app's limiter, made on first use from the web settings."""
    web = request.app.state.web
    limiter: LoginLimiter | None = getattr(web, "login_limiter", None)
    if limiter is None:
        with _LIMITER_LOCK:
            limiter = getattr(web, "login_limiter", None)
            if limiter is None:
                limiter = LoginLimiter.from_settings(web.settings, web.db)
                web.login_limiter = limiter
    return limiter


def client_address(request: Request) -> str:
    """The peer's address. Forwarded-for headers are not trusted: any client can send them."""
    return request.client.host if request.client else "unknown"


# --- sessions and tokens ----------------------------------------------------------------
def start_session(db: Database, user_id: int, hours: float) -> str:
    token = secrets.token_urlsafe(32)
    expires = datetime.now(UTC) + timedelta(hours=hours)
    db.write(lambda s: s.add(LoginSession(token_hash=digest(token), user_id=user_id, expires_at=expires)))
    return token


def end_session(db: Database, token: str) -> None:
    def drop(s: Session) -> None:
        row = s.scalar(select(LoginSession).where(LoginSession.token_hash == digest(token)))
        if row is not None:
            s.delete(row)

    db.write(drop)


def create_token(session: Session, user_id: int, name: str) -> tuple[ApiToken, str]:
    """A new API token (inside a write); the plain value is returned once, never stored."""
    name = name.strip()[:100] or "token"
    plain = "pat_" + secrets.token_urlsafe(32)
    row = ApiToken(token_hash=digest(plain), prefix=plain[:10], name=name, user_id=user_id)
    session.add(row)
    session.flush()
    return row, plain


def viewer_for(request: Request) -> Viewer | None:
    """The user of this request, from a bearer token or the session cookie (cached per request)."""
    if hasattr(request.state, "viewer"):
        return request.state.viewer  # type: ignore[no-any-return,unused-ignore]
    db: Database = request.app.state.web.db
    viewer: Viewer | None = None
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        with db.read() as s:
            row = s.scalar(select(ApiToken).where(ApiToken.token_hash == digest(auth[7:].strip())))
            if row is not None and not row.revoked and row.user.active:
                viewer = _viewer(row.user, "token")
        if viewer is None:
            raise LoginRequired("unknown or revoked API token")
    elif cookie := request.cookies.get(SESSION_COOKIE):
        with db.read() as s:
            sess = s.scalar(select(LoginSession).where(LoginSession.token_hash == digest(cookie)))
            if sess is not None and aware(sess.expires_at) > datetime.now(UTC) and sess.user.active:
                viewer = _viewer(sess.user, "session")
    request.state.viewer = viewer
    return viewer


# --- dependencies -----------------------------------------------------------------------
def optional_viewer(request: Request) -> Viewer | None:
    return viewer_for(request)


def require_login(request: Request) -> Viewer:
    viewer = viewer_for(request)
    if viewer is None:
        raise LoginRequired("log in first, or send 'Authorization: Bearer <token>'")
    return viewer


def require_team(request: Request) -> Viewer:
    viewer = require_login(request)
    if not viewer.sees_team:
        raise HTTPException(403, "only coaches and admins can see team data")
    return viewer


def require_admin(request: Request) -> Viewer:
    viewer = require_login(request)
    if not viewer.is_admin:
        raise HTTPException(403, "only admins can do this")
    return viewer


# --- CSRF -------------------------------------------------------------------------------
def csrf_token(request: Request) -> str:
    """The token forms must echo; a new one is set as a cookie by the page renderer."""
    token = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf", None)
    if not token:
        token = secrets.token_urlsafe(24)
        request.state.new_csrf = token
    return token


async def check_csrf(request: Request) -> None:
    """Dependency for every state-changing route. Bearer-token requests are exempt."""
    if request.headers.get("authorization", "").lower().startswith("bearer "):
        return
    cookie = request.cookies.get(CSRF_COOKIE, "")
    given = request.headers.get(CSRF_HEADER, "")
    if not given and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        given = str((await request.form()).get(CSRF_FIELD) or "")
    if not cookie or not given or not hmac.compare_digest(cookie.encode(), given.encode()):
        raise HTTPException(403, "missing or stale form token (CSRF): reload the page and try again")
