"""Web app fixtures: one app over a temporary SQLite file, users of every role, and the
example conversations imported once per module (in-process TestClient, no ports)."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("sqlalchemy")
pytest.importorskip("argon2")
from fastapi.testclient import TestClient

from patiently.server import ServerSettings, create_app
from patiently.web import WebSettings
from patiently.web.auth import create_user
from patiently.web.jobs import wait_for

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PASSWORD = "correct horse battery"
USERS = {"admin": ("admin", None), "coach": ("coach", None), "sam": ("agent", "sam"), "lena": ("agent", "lena")}


def csrf_of(client: TestClient) -> str:
    """The CSRF token a page gave this client (the cookie, as a form would echo it)."""
    if "patiently_csrf" not in client.cookies:
        client.get("/login")
    return client.cookies["patiently_csrf"]


def login(client: TestClient, username: str, password: str = PASSWORD) -> None:
    r = client.post("/login", data={"username": username, "password": password, "csrf_token": csrf_of(client),
                                     "next": "/"}, follow_redirects=False)
    assert r.status_code == 303, r.text


def import_file(client: TestClient, path: Path, fmt: str = "auto", name: str | None = None) -> dict:
    with open(path, "rb") as fh:
        r = client.post("/import.json", files={"file": (name or path.name, fh)}, data={"format": fmt},
                        headers={"X-CSRF-Token": csrf_of(client)})
    assert r.status_code == 202, r.text
    return wait_for(client.app.state.web.db, r.json()["job"]["id"])


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    db = tmp_path_factory.mktemp("web") / "patiently.db"
    application = create_app(ServerSettings(warm_up=False, web=WebSettings(db=f"sqlite:///{db}")))
    with TestClient(application):  # runs the lifespan: migrations
        web = application.state.web
        for name, (role, agent) in USERS.items():
            web.db.write(lambda s, n=name, r=role, a=agent: create_user(s, n, PASSWORD, r, a))
        yield application


@pytest.fixture(scope="module")
def clients(app: object) -> Iterator[Callable[[str | None], TestClient]]:
    """``clients("coach")``: a client logged in as that user (None: anonymous)."""
    made: dict[str | None, TestClient] = {}

    def get(name: str | None) -> TestClient:
        if name not in made:
            c = TestClient(app, raise_server_exceptions=True)
            if name:
                login(c, name)
            made[name] = c
        return made[name]

    yield get
    for c in made.values():
        c.close()


@pytest.fixture(scope="module")
def imported(clients: Callable[[str | None], TestClient]) -> dict:
    job = import_file(clients("coach"), EXAMPLES / "conversations.jsonl")
    assert job["status"] == "done", job
    return job


def pk_of(client: TestClient, external_id: str) -> int:
    rows = client.get("/conversations.json", params={"q": external_id}).json()["conversations"]
    return next(r["pk"] for r in rows if r["id"] == external_id)


def hidden_csrf(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, "page has no CSRF field"
    return m.group(1)


def save_at_once(dbs: list[Any], rubric: Any, n: int) -> list[int]:
    """``n`` rubric saves released together (a barrier) from threads taking turns over ``dbs``
    (Database objects: separate connection pools, as separate worker processes have); the
    versions they got. A thread's error fails the caller's test instead of vanishing."""
    from patiently.web import store

    start = threading.Barrier(n)
    saved: list[int] = []
    errors: list[BaseException] = []

    def save(db: Any) -> None:
        try:
            start.wait()
            saved.append(store.save_rubric(db, rubric, None).version)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(dbs[i % len(dbs)],)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    return saved
