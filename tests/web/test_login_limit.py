"""Log-in throttling: per username and per client address, 429 with Retry-After, the right
password refused while locked, freed when the window passes, configurable and bounded; the
counts are stored in the database, so worker processes share them and a restart keeps them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select

from patiently.server import ServerSettings, create_app
from patiently.web import WebSettings
from patiently.web.auth import LoginLimiter, create_user
from patiently.web.db import Database
from patiently.web.models import LoginFailure

from .conftest import PASSWORD, csrf_of


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def limited(tmp_path: Path) -> Iterator[tuple[Any, Clock]]:
    settings = WebSettings(db=f"sqlite:///{tmp_path}/limit.db", login_max_failures=3, login_max_failures_per_ip=5,
                           login_window_seconds=60)
    app = create_app(ServerSettings(warm_up=False, web=settings))
    with TestClient(app):  # runs the lifespan: migrations
        for name in ("alice", "bob", "carol"):
            app.state.web.db.write(lambda s, n=name: create_user(s, n, PASSWORD, "coach"))
        clock = Clock()
        limiter = LoginLimiter.from_settings(settings, app.state.web.db)
        limiter.clock = clock  # the app's limiter, on a clock the tests move
        app.state.web.login_limiter = limiter
        yield app, clock


def attempt(c: TestClient, username: str, password: str, json: bool = False) -> Response:
    return c.post("/login.json" if json else "/login", data={"username": username, "password": password,
                                                             "csrf_token": csrf_of(c)}, follow_redirects=False)


def test_username_locked_after_n_failures(limited: tuple[Any, Clock]) -> None:
    app, clock = limited
    c = TestClient(app)
    for _ in range(3):
        assert attempt(c, "alice", "wrong password").status_code == 401
    r = attempt(c, "alice", PASSWORD)  # the right password is refused too while locked
    assert r.status_code == 429 and 0 < int(r.headers["retry-after"]) <= 60
    assert "too many failed log-ins" in r.text and "try again in 1 minute" in r.text
    as_json = attempt(c, "ALICE", PASSWORD, json=True)  # case does not get around it
    assert as_json.status_code == 429 and as_json.json()["retry_after"] > 0
    assert attempt(c, "bob", PASSWORD).status_code == 303  # others unaffected
    clock.now += 61
    assert attempt(c, "alice", PASSWORD).status_code == 303


def test_address_locked_after_failures_across_usernames(limited: tuple[Any, Clock]) -> None:
    app, clock = limited
    sprayer = TestClient(app, client=("203.0.113.9", 4000))
    for name in ("alice", "bob", "carol", "dave", "erin"):
        assert attempt(sprayer, name, "Winter2026!").status_code == 401
    assert attempt(sprayer, "carol", PASSWORD).status_code == 429
    # Someone else, from another address, logs in as usual.
    elsewhere = TestClient(app, client=("198.51.100.7", 4000))
    assert attempt(elsewhere, "carol", PASSWORD).status_code == 303
    clock.now += 60.5
    assert attempt(sprayer, "carol", PASSWORD).status_code == 303


def test_success_clears_the_username_count(limited: tuple[Any, Clock]) -> None:
    app, _ = limited
    c = TestClient(app, client=("192.0.2.1", 1))
    for _ in range(2):
        attempt(c, "bob", "nope nope")
    assert attempt(c, "bob", PASSWORD).status_code == 303
    for _ in range(2):  # two more do not lock: the count started again
        assert attempt(c, "bob", "nope nope").status_code == 401
    assert attempt(c, "bob", PASSWORD).status_code == 303


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path}/limiter.db")
    database.migrate()
    yield database
    database.dispose()


def rows(db: Database) -> list[tuple[str, str]]:
    with db.read() as s:
        return [(r.kind, r.key) for r in s.scalars(select(LoginFailure).order_by(LoginFailure.id))]


def test_limiter_window_off_switch_and_storage_bound(db: Database) -> None:
    clock = Clock()
    lim = LoginLimiter(db, 2, 0, 30, clock=clock, max_rows=100)  # per-address limit off
    lim.failed("x", "1.1.1.1")
    clock.now += 10
    lim.failed("X ", "1.1.1.1")  # the same username: case and surrounding blanks do not count
    assert lim.retry_after("x", "1.1.1.1") == 20  # until the first failure is 30 s old
    assert lim.retry_after("y", "1.1.1.1") == 0
    assert rows(db) == [("user", "x"), ("user", "x")]  # nothing kept for the address: its limit is off
    clock.now += 21
    assert lim.retry_after("x", "1.1.1.1") == 0
    for _ in range(5):  # a key keeps only its limit's newest failures: more say nothing new
        lim.failed("z", "1.1.1.1")
    assert rows(db).count(("user", "z")) == 2
    clock.now += 31
    lim.failed("w", "1.1.1.1")
    assert rows(db) == [("user", "w")]  # each failure deletes those that aged out of the window
    for n in range(150):  # spraying random names cannot grow the table without bound
        lim.failed(f"user{n}", "1.1.1.1")
    assert len(rows(db)) == 100 and rows(db)[-1] == ("user", "user149")  # the oldest went first
    assert LoginLimiter(db, 0, 0, 30).retry_after("x", "y") == 0  # both limits off


def test_odd_usernames_are_stored_as_a_digest(db: Database) -> None:
    """The form may send anything; PostgreSQL checks widths and refuses NUL characters."""
    lim = LoginLimiter(db, 1, 0, 60)
    for name in ("a" * 5000, "nul\x00name"):
        lim.failed(name, "10.0.0.1")
        assert lim.retry_after(name.upper(), "10.0.0.1") > 0
    assert all(key.startswith("sha256:") and len(key) == 71 for _, key in rows(db))


def app_on(path: Path) -> Any:
    settings = WebSettings(db=f"sqlite:///{path}", login_max_failures=3, login_max_failures_per_ip=0,
                           login_window_seconds=600)
    return create_app(ServerSettings(warm_up=False, web=settings))


def test_two_workers_share_the_count(tmp_path: Path) -> None:
    """Two apps on one database file, as two ``serve --workers 2`` processes are: failures
    counted by either lock the account in both."""
    one, two = app_on(tmp_path / "shared.db"), app_on(tmp_path / "shared.db")
    with TestClient(one), TestClient(two):
        one.state.web.db.write(lambda s: create_user(s, "alice", PASSWORD, "coach"))
        a, b = TestClient(one), TestClient(two)
        assert attempt(a, "alice", "wrong 1").status_code == 401
        assert attempt(b, "alice", "wrong 2").status_code == 401
        assert attempt(a, "Alice", "wrong 3").status_code == 401
        for client in (a, b):  # each worker alone has seen fewer than 3
            r = attempt(client, "alice", PASSWORD)
            assert r.status_code == 429 and 0 < int(r.headers["retry-after"]) <= 600
        one.state.web.db.write(lambda s: create_user(s, "bob", PASSWORD, "coach"))
        for client in (a, b):
            assert attempt(client, "bob", "wrong").status_code == 401
        # A success in one worker clears the count for both: two more failures do not lock.
        assert attempt(a, "bob", PASSWORD).status_code == 303
        for _ in range(2):
            assert attempt(b, "bob", "wrong").status_code == 401
        assert attempt(b, "bob", PASSWORD).status_code == 303


def test_the_count_survives_a_restart(tmp_path: Path) -> None:
    first = app_on(tmp_path / "restart.db")
    with TestClient(first):
        first.state.web.db.write(lambda s: create_user(s, "bob", PASSWORD, "coach"))
        c = TestClient(first)
        for _ in range(3):
            assert attempt(c, "bob", "not it").status_code == 401
    again = app_on(tmp_path / "restart.db")  # a new process on the same database
    with TestClient(again):
        c = TestClient(again)
        assert attempt(c, "bob", PASSWORD).status_code == 429


def test_settings_validate_and_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError):
        WebSettings(login_max_failures=-1)
    with pytest.raises(ValueError):
        WebSettings(login_window_seconds=0)
    monkeypatch.setenv("PATIENTLY_LOGIN_MAX_FAILURES", "3")
    monkeypatch.setenv("PATIENTLY_LOGIN_WINDOW_SECONDS", "60")
    s = WebSettings()
    assert (s.login_max_failures, s.login_max_failures_per_ip, s.login_window_seconds) == (3, 20, 60.0)
    assert WebSettings(login_max_failures=9).login_max_failures == 9  # explicit settings win
    monkeypatch.setenv("PATIENTLY_LOGIN_MAX_FAILURES_PER_IP", "lots")
    with pytest.raises(ValueError, match="login_max_failures_per_ip"):
        WebSettings()


def test_concurrent_attempts_cannot_all_slip_through(limited: tuple[Any, Clock]) -> None:
    """Each attempt is counted before its password is checked: 10 guesses in flight at once
    (none has failed yet) still let only the limit (3 for a username) go on to argon2."""
    app, _ = limited
    limiter: LoginLimiter = app.state.web.login_limiter
    started = [limiter.begin("alice", f"10.0.0.{k}") for k in range(10)]
    going = [held for wait, held in started if wait == 0]
    assert len(going) == 3 and all(held for held in going)
    assert all(wait > 0 and not held for wait, held in started[3:])
    for k, held in enumerate(going):
        limiter.failed("alice", f"10.0.0.{k}", held)
    assert limiter.retry_after("alice", "10.0.0.99") > 0
    # a success releases what its attempt held, and the name's failures
    limiter.succeeded("alice", going[0])
    assert limiter.retry_after("alice", "10.0.0.99") == 0


def test_usernames_differing_only_in_case_are_one_name(limited: tuple[Any, Clock]) -> None:
    """Throttling counts "ALICE" as "alice": two such accounts would clear each other's count."""
    from patiently.errors import InputError

    app, _ = limited
    with pytest.raises(InputError, match="taken"):
        app.state.web.db.write(lambda s: create_user(s, "ALICE", PASSWORD, "coach"))
