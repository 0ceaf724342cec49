"""Log-in throttling: per username and per client address, 429 with Retry-After, the right
password refused while locked, freed when the window passes, configurable and bounded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from patiently.server import ServerSettings, create_app
from patiently.web import WebSettings
from patiently.web.auth import LoginLimiter, create_user

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
        limiter = LoginLimiter.from_settings(settings)
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


def test_limiter_window_off_switch_and_memory_bound() -> None:
    clock = Clock()
    lim = LoginLimiter(2, 0, 30, clock=clock, max_keys=100)  # per-address limit off
    lim.failed("x", "1.1.1.1")
    clock.now += 10
    lim.failed("x", "1.1.1.1")
    assert lim.retry_after("x", "1.1.1.1") == 20  # until the first failure is 30 s old
    assert lim.retry_after("y", "1.1.1.1") == 0
    clock.now += 21
    assert lim.retry_after("x", "1.1.1.1") == 0
    for n in range(1000):  # spraying random names cannot grow memory without bound
        lim.failed(f"user{n}", "1.1.1.1")
    assert len(lim._failures) <= 100
    assert LoginLimiter(0, 0, 30).retry_after("x", "y") == 0  # both limits off


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
