"""The web performance fixes found with the load benchmark (benchmarks/web_load.py), tested
without a browser: cached pages are computed once per data change (not once per write or
every few seconds), by one thread, and other processes' imports are seen within a second."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("sqlalchemy")
from sqlalchemy import text

from patiently.pipeline import Analyzer
from patiently.web import db as dbmod
from patiently.web import store
from patiently.web.auth import create_user
from patiently.web.db import Database
from patiently.web.jobs import Jobs, wait_for

from .conftest import EXAMPLES


@pytest.fixture
def two_workers(tmp_path: Path) -> Iterator[tuple[Database, Database]]:
    """Two Database objects on one SQLite file: what two `serve --workers 2` processes see."""
    url = f"sqlite:///{tmp_path / 'p.db'}"
    a, b = Database(url, stamp=store.data_stamp), Database(url, stamp=store.data_stamp)
    a.migrate()
    yield a, b
    a.dispose()
    b.dispose()


def _import(db: Database, path: Path) -> dict:
    jobs = Jobs(db, Analyzer)
    copy = path.parent / f"upload-{time.monotonic_ns()}.jsonl"
    copy.write_bytes((EXAMPLES / "conversations.jsonl").read_bytes())
    job_id, _ = jobs.start_import(copy, "conversations.jsonl", "jsonl", None)
    job = wait_for(db, job_id)
    jobs.shutdown()
    return job


def test_unrelated_writes_keep_the_cache(two_workers: tuple[Database, Database]) -> None:
    db, _ = two_workers
    calls: list[int] = []
    assert db.cached("k", lambda: calls.append(1) or len(calls)) == 1
    db.write(lambda s: create_user(s, "coach", "long enough pw", "coach"))  # a log-in, a review...
    assert db.cached("k", lambda: calls.append(1) or len(calls)) == 1
    db.write(lambda s: s.execute(text("insert into rubric_versions (rubric_id, data, created_at) "
                                      "values ('x@2', '{}', '2026-01-01')")))
    assert db.cached("k", lambda: calls.append(1) or len(calls)) == 2  # the rubric changed: recomputed


def test_one_thread_computes(two_workers: tuple[Database, Database]) -> None:
    db, _ = two_workers
    calls: list[int] = []

    def slow() -> int:
        calls.append(1)
        time.sleep(0.2)
        return 42

    got: list[int] = []
    threads = [threading.Thread(target=lambda: got.append(db.cached("slow", slow))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == [42] * 8 and len(calls) == 1


def test_an_import_by_another_process_is_seen(two_workers: tuple[Database, Database], tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    writer, reader = two_workers
    assert store.all_results(reader) == []
    job = _import(writer, tmp_path)
    assert job["status"] == "done", job
    assert len(store.all_results(writer)) == 35  # this process: at once
    monkeypatch.setattr(dbmod, "STAMP_SECONDS", 0.0)  # the other: after at most STAMP_SECONDS
    assert len(store.all_results(reader)) == 35
    # Without a stamp the old rule holds: any write here invalidates.
    plain = Database(writer.url)
    n = plain.cached("n", lambda: len(store.all_results(writer)))
    plain.write(lambda s: None)
    assert plain.cached("n", lambda: -1) == -1 and n == 35
    plain.dispose()


def test_agent_page_lists_a_bounded_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An agent page shows their lowest-scored conversations, linking to the rest (the JSON has all)."""
    from fastapi.testclient import TestClient

    from patiently.server import ServerSettings, create_app
    from patiently.web import WebSettings
    from patiently.web.routes import dashboard

    monkeypatch.setattr(dashboard, "AGENT_TABLE_ROWS", 2)
    app = create_app(ServerSettings(warm_up=False, web=WebSettings(db=f"sqlite:///{tmp_path / 'p.db'}")))
    with TestClient(app) as client:
        web = app.state.web
        web.db.write(lambda s: create_user(s, "coach", "long enough pw", "coach"))
        assert _import(web.db, tmp_path)["status"] == "done"
        token = client.get("/login").cookies.get("patiently_csrf") or client.cookies["patiently_csrf"]
        client.post("/login", data={"username": "coach", "password": "long enough pw", "csrf_token": token})
        html = client.get("/agents/marco", headers={"Accept": "text/html"}).text
        n = len(client.get("/agents/marco.json").json()["conversations"])
    assert n > 2 and html.count('href="/conversations/') >= 2
    assert f"All {n} conversations with marco" in html and 'href="/conversations?agent=marco"' in html
