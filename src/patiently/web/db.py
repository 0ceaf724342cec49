"""The database: engine, read sessions, the one writer and migrations.

Reads open a session each and may run concurrently (SQLite in WAL mode lets readers go on
while a write commits). Writes go through :meth:`Database.write`, which holds one lock for
the whole transaction: SQLite allows one writer at a time anyway, and serialising in the
process turns "database is locked" errors into a short wait. PostgreSQL would cope
without the lock; keeping the one path means both behave the same.

``version`` counts committed writes so pages can cache what they derive from the data
(the dashboard) until the next write.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

T = TypeVar("T")
CACHE_SECONDS = 5.0


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        kwargs: dict[str, Any] = {}
        if self.is_sqlite:
            # Sessions move between the threadpool and job threads; each is used by one at a time.
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        self.engine: Engine = create_engine(url, **kwargs)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_lock = threading.Lock()
        self.version = 0
        self._cache: dict[str, tuple[int, float, Any]] = {}

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
        """``compute()`` once per data version (a write anywhere invalidates everything)."""
        hit = self._cache.get(key)
        version = self.version
        # The age limit covers writes by other worker processes, which this counter cannot see.
        if hit is not None and hit[0] == version and time.monotonic() - hit[1] < CACHE_SECONDS:
            return hit[2]  # type: ignore[no-any-return,unused-ignore]
        value = compute()
        self._cache[key] = (version, time.monotonic(), value)
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


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # readers do not wait for the writer
    cur.execute("PRAGMA foreign_keys=ON")  # ON DELETE CASCADE needs it
    cur.execute("PRAGMA synchronous=NORMAL")  # safe with WAL, much faster commits
    cur.close()
