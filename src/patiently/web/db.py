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

While a job writes results (``busy``), the stamp moves after every batch, faster than the
dashboard over every result can be computed. Values cached with ``stale_ok`` are then served
as they are, and recomputed on a thread of their own once STALE_SECONDS old: readers never
queue behind a recomputation, and get the last complete value. Once the job has saved its
last batch the strict rule holds again (and the job warms the dashboard before it is done).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from ..errors import ConfigError

T = TypeVar("T")
log = logging.getLogger(__name__)
# Without a stamp: a cached value lives until the next write here, or this long (other processes).
CACHE_SECONDS = 5.0
# With a stamp: how long a checked stamp is trusted before asking the database again.
STAMP_SECONDS = 1.0
# While a job writes: a ``stale_ok`` value computed less than this long ago is served without
# computing the next one. It bounds the recomputations (CPU taken from the job), not the age.
STALE_SECONDS = 2.0


@dataclass
class _Entry:
    version: int
    stamp: Any  # taken before computing: the value holds data at least this new
    checked: float
    value: Any
    started: float  # when computing it began (just after the stamp was taken)
    made: float  # when computing it ended


@dataclass
class _Stamp:
    version: int
    checked: float
    value: Any
    busy: bool


class Database:
    def __init__(self, url: str, stamp: Callable[[Session], Any] | None = None,
                 busy: Callable[[Session], bool] | None = None) -> None:
        self.url = url
        self.stamp = stamp
        self.busy = busy  # asked with the stamp: is a job writing the data the stamp covers?
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
        self._stamp: _Stamp | None = None
        self._local = threading.local()  # .depth: how many cached values this thread is computing
        # One thread recomputes stale values in the background: a bounded share of the CPU.
        self._refresher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="patiently-cache")
        self._queued: set[str] = set()  # keys waiting for the refresher or being computed by it

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

    def cached(self, key: str, compute: Callable[[], T], *, stale_ok: bool = False) -> T:
        """``compute()`` again only when the data may have changed. One thread computes a key
        at a time; one that had to wait takes the value computed meanwhile if that began after
        it asked (so it holds data at least as new), rather than computing it once more: no
        queue of recomputations however often a job moves the stamp.

        ``stale_ok``: rather than wait, get the last value while another thread computes the
        next, or while a job is writing (see the module's docstring). Ignored for values used
        in computing another cached value: the outer one is stored under the stamp taken
        before it was computed, so what it is made of must be at least that new."""
        stale_ok = stale_ok and getattr(self._local, "depth", 0) == 0
        asked = time.monotonic()
        entry = self._cache.get(key)
        if entry is not None and self._fresh(entry):
            return entry.value  # type: ignore[no-any-return,unused-ignore]
        lock = self._lock_of(key)
        if entry is not None and stale_ok and self._serve_stale(key, entry, lock, compute):
            return entry.value  # type: ignore[no-any-return,unused-ignore]
        with lock:
            newer = self._cache.get(key)
            if newer is not None and (newer.started >= asked or self._fresh(newer)):
                return newer.value  # type: ignore[no-any-return,unused-ignore]
            return self._compute(key, compute)

    def _lock_of(self, key: str) -> threading.Lock:
        with self._cache_lock:
            return self._key_locks.setdefault(key, threading.Lock())

    def _serve_stale(self, key: str, entry: _Entry, lock: threading.Lock, compute: Callable[[], Any]) -> bool:
        """Whether a ``stale_ok`` value whose stamp has moved is served as it is: while another
        thread computes the next one, and while a job writes (then the next one is computed in
        the background, when this one is STALE_SECONDS old). Once the data has settled, the
        caller computes the value itself: after a job it sees the job's data."""
        if lock.locked() or key in self._queued:
            return True
        if not self._busy():
            return False
        if time.monotonic() - entry.made >= STALE_SECONDS:
            self._queue_refresh(key, compute)
        return True

    def _queue_refresh(self, key: str, compute: Callable[[], Any]) -> None:
        with self._cache_lock:
            if key in self._queued:
                return
            self._queued.add(key)
        try:
            self._refresher.submit(self._refresh, key, compute)
        except RuntimeError:  # shut down (the server is stopping): nothing recomputes it now
            self._queued.discard(key)

    def _refresh(self, key: str, compute: Callable[[], Any]) -> None:
        """Compute ``key`` anew on the refresher thread. The key's lock is taken here, not by
        the thread that queued this: a value queued after it (one this value is made of) could
        otherwise hold a lock this thread waits for, and never run."""
        try:
            with self._lock_of(key):
                entry = self._cache.get(key)
                if entry is None or not self._fresh(entry):
                    self._compute(key, compute)
        except Exception:  # the old value stays; a later reader queues it again
            log.exception("recomputing the cached %s failed", key)
        finally:
            self._queued.discard(key)

    def _compute(self, key: str, compute: Callable[[], T]) -> T:
        # Version and stamp are taken before computing: a write that lands meanwhile moves them again.
        version, stamp = self.version, self._current_stamp()
        started = time.monotonic()
        self._local.depth = getattr(self._local, "depth", 0) + 1
        try:
            value = compute()
        finally:
            self._local.depth -= 1
        now = time.monotonic()
        self._cache[key] = _Entry(version, stamp, now, value, started, now)
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
        return self._checked_stamp().value

    def _busy(self) -> bool:
        return self._checked_stamp().busy

    def _checked_stamp(self) -> _Stamp:
        """The stamp (and whether a job is writing), asked for again after a write here or
        every STAMP_SECONDS (others' writes)."""
        now, version, last = time.monotonic(), self.version, self._stamp
        if self.stamp is None:
            return _Stamp(version, now, None, False)
        if last is not None and last.version == version and now - last.checked < STAMP_SECONDS:
            return last
        with self.read() as session:
            value = self.stamp(session)
            busy = bool(self.busy(session)) if self.busy else False
        self._stamp = _Stamp(version, now, value, busy)
        return self._stamp

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
        self._refresher.shutdown(wait=True, cancel_futures=True)
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
