"""Cached pages while a job writes (QA pass 3, item 2): the stamp moves after every batch, and
each request for the team dashboard used to recompute it, one after another, until the job
ended (13-20 s with 11,000 conversations). Now readers get a recent value at once and, when
the job is done, its data."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.encoders import jsonable_encoder
from fastapi.testclient import TestClient

from patiently.server import ServerSettings, create_app
from patiently.web import WebSettings, jobs, store
from patiently.web import db as dbmod
from patiently.web.auth import create_user
from patiently.web.db import Database
from patiently.web.jobs import wait_for
from patiently.web.routes import dashboard

from .conftest import EXAMPLES, PASSWORD, csrf_of, import_file, login

SLOW = 0.4  # seconds a computation takes in these tests


class Flux:
    """The stamp and the "a job is writing" flag, moved by the test rather than by writes."""

    def __init__(self) -> None:
        self.stamp, self.busy, self.asked = 0, False, 0

    def read_stamp(self, _session: Any) -> int:
        self.asked += 1
        return self.stamp

    def is_busy(self, _session: Any) -> bool:
        return self.busy


@pytest.fixture
def flux(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Database, Flux]]:
    monkeypatch.setattr(dbmod, "STAMP_SECONDS", 0.0)  # ask for the stamp every time
    monkeypatch.setattr(dbmod, "STALE_SECONDS", 0.0)  # recompute in the background at once
    f = Flux()
    db = Database(f"sqlite:///{tmp_path / 'c.db'}", stamp=f.read_stamp, busy=f.is_busy)
    yield db, f
    db.dispose()


def _slow(f: Flux, calls: list[str] | None = None) -> Any:
    def compute() -> int:
        if calls is not None:
            calls.append(threading.current_thread().name)
        value = f.stamp
        time.sleep(SLOW)
        return value

    return compute


def _slowed(fn: Any, seconds: float) -> Any:
    def slow(*args: Any) -> Any:
        time.sleep(seconds)
        return fn(*args)

    return slow


def _eventually(check: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_while_a_job_writes_the_last_value_is_served_and_recomputed_aside(flux: tuple[Database, Flux]) -> None:
    db, f = flux
    calls: list[str] = []
    assert db.cached("team", _slow(f, calls), stale_ok=True) == 0
    f.stamp, f.busy = 1, True
    t0 = time.monotonic()
    assert db.cached("team", _slow(f, calls), stale_ok=True) == 0  # the last value, at once
    assert time.monotonic() - t0 < SLOW
    _eventually(lambda: db.cached("team", _slow(f, calls), stale_ok=True) == 1)  # the refresher's
    assert calls[1].startswith("patiently-cache")
    f.stamp, f.busy = 2, False  # the job saved its last batch: the next reader gets its data
    assert db.cached("team", _slow(f, calls), stale_ok=True) == 2


def test_the_last_value_is_served_while_another_thread_computes_the_next(flux: tuple[Database, Flux]) -> None:
    db, f = flux
    assert db.cached("k", _slow(f), stale_ok=True) == 0
    f.stamp = 1  # no job: the first reader computes, the others do not wait for it
    first = threading.Thread(target=db.cached, args=("k", _slow(f)), kwargs={"stale_ok": True})
    first.start()
    _eventually(lambda: db._lock_of("k").locked())
    t0 = time.monotonic()
    assert db.cached("k", _slow(f), stale_ok=True) == 0 and time.monotonic() - t0 < SLOW
    assert db.cached("k", _slow(f)) == 1  # without stale_ok: waits for it
    first.join()


def test_waiters_take_the_value_computed_after_they_asked(flux: tuple[Database, Flux]) -> None:
    """The queue QA found: every waiter found the value stale again (the stamp had moved)
    and computed it once more. The stamp here moves every time it is asked for."""
    db, f = flux
    calls: list[str] = []

    def moving_stamp(_session: Any) -> int:
        f.stamp += 1
        return f.stamp

    db.stamp = moving_stamp
    start = threading.Barrier(8)
    got: list[int] = []

    def ask() -> None:
        start.wait()
        got.append(db.cached("k", _slow(f, calls)))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 8 and len(calls) <= 2, calls  # was 8, one after another
    assert time.monotonic() - t0 < 5 * SLOW


def test_values_a_cached_value_is_made_of_are_never_stale(flux: tuple[Database, Flux]) -> None:
    """The outer value is stored under the stamp taken before computing it: what it is made of
    must be at least that new, even for keys that may be served stale to readers."""
    db, f = flux
    assert db.cached("results", lambda: f.stamp, stale_ok=True) == 0
    f.stamp, f.busy = 1, True
    assert db.cached("results", lambda: f.stamp, stale_ok=True) == 0  # a reader: the last value
    outer = db.cached("team", lambda: db.cached("results", lambda: f.stamp, stale_ok=True), stale_ok=True)
    assert outer == 1


def test_the_dashboard_answers_during_a_rescore_and_shows_its_result(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(ServerSettings(warm_up=False, web=WebSettings(db=f"sqlite:///{tmp_path / 'p.db'}")))
    with TestClient(app) as c:
        web = app.state.web
        web.db.write(lambda s: create_user(s, "admin", PASSWORD, "admin"))
        login(c, "admin")
        assert import_file(c, EXAMPLES / "conversations.jsonl")["status"] == "done"
        before = c.get("/team.json").json()
        # A long job of many batches, and a dashboard that takes SLOW seconds to compute.
        monkeypatch.setattr(jobs, "SAVE_BATCH", 2)
        monkeypatch.setattr(store, "rescore_rows", _slowed(store.rescore_rows, 0.1))
        monkeypatch.setattr(dashboard, "_team_data", _slowed(dashboard._team_data, SLOW))
        weight = c.get("/rubric.json").json()["rubric"]["behaviours"]["empathy"]["weight"]
        r = c.post("/rubric.json", json={"weights": {"empathy": weight + 3}}, headers={"X-CSRF-Token": csrf_of(c)})
        assert r.status_code == 202, r.text
        job_id = r.json()["job"]["id"]
        took: list[float] = []
        while c.get(f"/jobs/{job_id}.json").json()["job"]["status"] not in ("done", "failed"):
            t0 = time.monotonic()
            assert c.get("/team.json").status_code == 200
            took.append(time.monotonic() - t0)
            time.sleep(0.05)
        job = wait_for(web.db, job_id)
        after = c.get("/team.json").json()
        fresh = dashboard._team_period(web, dashboard.date_range(None, None, store.date_span(web.db)))
    assert job["status"] == "done" and job["updated"] == 35, job
    # Every request answered from the cache; at most one (just as the job saved its last
    # batch, before it warmed the dashboard) computed it: before, each one did, in turn.
    assert len(took) >= 5 and sum(t >= SLOW for t in took) <= 1, took
    assert after == json.loads(json.dumps(jsonable_encoder(fresh))) and after["team"] != before["team"]
