"""The database: engine, read sessions, the one writer and migrations.

Reads open a session each and may run concurrently (SQLite in WAL mode lets readers go on
while a write commits). Writes go through :meth:`Database.write`, which holds one lock for
the whole transaction: SQLite allows one writer at a time anyway, and serialising in the
process turns "database is locked" errors into a short wait. PostgreSQL would cope
without the lock; keeping the one path means both behave the same.

``version`` counts committed writes so pages can cache what they derive from the data
(the dashboard). With a ``stamp`` (a cheap query that changes whenever the cached data
does, in any process) a cached value survives writes that do not touch it (log-ins,
reviews) and is recomputed once, by one thread, when the stamp moves.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from ..errors import ConfigError

T = TypeVar("T")
# Without a stamp: a cached value lives until the next write here, or this long (other processes).
CACHE_SECONDS = 5.0
# With a stamp: how long a checked stamp is trusted before asking the database again.
STAMP_SECONDS = 1.0


@dataclass
class _Entry:
    version: int
    stamp: Any
    checked: float
    value: Any


class Database:
    def __init__(self, url: str, stamp: Callable[[Session], Any] | None = None) -> None:
        self.url = url
        self.stamp = stamp
        parsed = make_url(url)
        if parsed.drivername == "postgresql":
            # SQLAlchemy's default PostgreSQL driver is psycopg2; the web extra ships psycopg 3.
            parsed = parsed.set(drivername="postgresql+psycopg")
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        kwargs: dict[str, Any] = {}
        if self.is_sqlite:
            # Sessions move between the threadpool and job threads; each is used by one at a time.
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        self.engine: Engine = create_engine(parsed, **kwargs)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_lock = threading.Lock()
        self.version = 0
        self._cache: dict[str, _Entry] = {}
        self._cache_lock = threading.Lock()
        self._key_locks: dict[str, threading.Lock] = {}
        self._stamp: tuple[int, float, Any] | None = None  # (version, checked, value)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading. Closing it ends the transaction without committing; objects
        loaded from it stay readable afterwards (detached, not expired)."""
        with self._sessions() as session:
            yield session

    def write(self, fn: Callable[[Session], T]) -> T:
        """Run ``fn(session)`` in one transaction, one writer at a time; commit or roll back."""
        with self._write_lock, self._sessions() as session:
            try:
                out = fn(session)
                session.commit()
            except BaseException:
                session.rollback()
                raise
            self.version += 1
            return out

    def cached(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()`` again only when the data may have changed; one thread computes, the
        others asking for the same key meanwhile wait for its value."""
        entry = self._cache.get(key)
        if entry is not None and self._fresh(entry):
            return entry.value  # type: ignore[no-any-return,unused-ignore]
        with self._cache_lock:
            lock = self._key_locks.setdefault(key, threading.Lock())
        with lock:
            entry = self._cache.get(key)
            if entry is not None and self._fresh(entry):
                return entry.value  # type: ignore[no-any-return,unused-ignore]
            # Version and stamp are taken before computing: a write that lands meanwhile moves them again.
            version, stamp = self.version, self._current_stamp()
            value = compute()
            self._cache[key] = _Entry(version, stamp, time.monotonic(), value)
            return value

    def _fresh(self, entry: _Entry) -> bool:
        now = time.monotonic()
        if entry.version == self.version and now - entry.checked < (STAMP_SECONDS if self.stamp else CACHE_SECONDS):
            return True
        if self.stamp is None:  # any write, or age (writes by other processes), invalidates
            return False
        if self._current_stamp() != entry.stamp:
            return False
        entry.version, entry.checked = self.version, now  # still right: trust it a while longer
        return True

    def _current_stamp(self) -> Any:
        """The stamp, asked for again after a write here or every STAMP_SECONDS (others' writes)."""
        if self.stamp is None:
            return None
        now, version, last = time.monotonic(), self.version, self._stamp
        if last is not None and last[0] == version and now - last[1] < STAMP_SECONDS:
            return last[2]
        with self.read() as session:
            value = self.stamp(session)
        self._stamp = (version, now, value)
        return value

    def migrate(self) -> None:
        """Bring the schema to the newest revision (idempotent; runs at start)."""
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", "patiently.web:migrations")
        with self._write_lock, self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str, *, create: bool = True) -> Database:
    """The database at ``url``, migrated to the newest schema; a ConfigError that names the URL
    (password hidden) and says what to give when it cannot be opened: a malformed URL, a
    database without its driver, a folder that does not exist, a server that does not answer.
    ``create=False`` (commands that only read, like export-reviews): a SQLite file that does
    not exist is an error too, rather than a new empty database that looks like "no data"."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

    shown = url
    try:
        shown = make_url(url).render_as_string(hide_password=True)
        db = Database(url)
    except (ArgumentError, ValueError) as exc:
        raise ConfigError(f"--db {shown!r}: not a database URL; use sqlite:///file.db or "
                          "postgresql://user@host/dbname") from exc
    except (NoSuchModuleError, ImportError) as exc:
        raise ConfigError(f"--db {shown!r}: this database is not supported; use sqlite:///file.db or "
                          f"postgresql://user@host/dbname ({type(exc).__name__}: {exc})") from exc
    missing = _missing_sqlite_file(db) if not create else None
    if missing:
        db.dispose()
        raise ConfigError(f"--db {shown!r}: no database at {missing} (check the path; `patiently serve` "
                          "or `patiently users create` makes a new one)")
    try:
        db.migrate()
    except SQLAlchemyError as exc:
        db.dispose()
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        hint = " (does its folder exist, and may this user write there?)" if db.is_sqlite else ""
        raise ConfigError(f"--db {shown!r}: cannot open the database: {reason}{hint}") from exc
    return db


def _missing_sqlite_file(db: Database) -> str | None:
    """The path of ``db``'s SQLite file when there is none (an in-memory database never is)."""
    if not db.is_sqlite:
        return None
    name = db.engine.url.database or ""
    if name in ("", ":memory:") or name.startswith("file:") or db.engine.url.query.get("mode") == "memory":
        return None
    return None if os.path.exists(name) else os.path.abspath(name)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # readers do not wait for the writer
    cur.execute("PRAGMA foreign_keys=ON")  # ON DELETE CASCADE needs it
    cur.execute("PRAGMA synchronous=NORMAL")  # safe with WAL, much faster commits
    cur.close()
