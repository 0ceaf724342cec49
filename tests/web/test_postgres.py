"""The web app on PostgreSQL: migrations, import, re-import, review, export, rubric rescoring,
dashboards and a restart, against the server at ``$PATIENTLY_TEST_PG_URL``.

Each run works in a database of its own (created here, dropped at the end), so parallel
workers and earlier runs never meet; the URL's user must be allowed to create databases.
Without the variable the tests skip, unless ``PATIENTLY_PG_REQUIRED=1`` (``make test``, whose
``pg-deps`` target starts a throwaway cluster), which makes them fail instead.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("sqlalchemy")
pytest.importorskip("argon2")
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Engine, make_url

from patiently.server import ServerSettings, create_app
from patiently.web import WebSettings
from patiently.web.auth import create_user
from patiently.web.cli import export_reviews_command, users_group
from patiently.web.db import Database
from patiently.web.jobs import wait_for

from .conftest import EXAMPLES, PASSWORD, csrf_of, import_file, login, pk_of, save_at_once

pytestmark = pytest.mark.postgres
HELPDESK = EXAMPLES / "helpdesk"


def _server_url() -> str:
    url = os.environ.get("PATIENTLY_TEST_PG_URL", "").strip()
    if url:
        return url
    reason = "PATIENTLY_TEST_PG_URL is not set (make pg-deps starts a local PostgreSQL and prints one)"
    if os.environ.get("PATIENTLY_PG_REQUIRED") == "1":
        pytest.fail(f"PostgreSQL tests are required here but {reason}", pytrace=False)
    pytest.skip(reason)


def _admin_engine(url: str) -> Engine:
    """An engine in AUTOCOMMIT: CREATE and DROP DATABASE cannot run in a transaction."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    """A fresh, empty database on the test server; dropped afterwards."""
    pytest.importorskip("psycopg")
    server = _server_url()
    name = f"patiently_t_{uuid.uuid4().hex[:12]}"
    admin = _admin_engine(server)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # unreachable server or no CREATEDB right: say which
        admin.dispose()
        pytest.fail(f"cannot create a test database on {make_url(server).render_as_string(hide_password=True)}: "
                    f"{exc}", pytrace=False)
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module")
def pg_app(pg_url: str) -> Iterator[object]:
    app = create_app(ServerSettings(warm_up=False, web=WebSettings(db=pg_url)))
    with TestClient(app):  # the lifespan runs the Alembic migrations on PostgreSQL
        web = app.state.web
        web.db.write(lambda s: create_user(s, "lead", PASSWORD, "admin"))
        web.db.write(lambda s: create_user(s, "sam", PASSWORD, "agent", "sam"))
        yield app


@pytest.fixture(scope="module")
def lead(pg_app: object) -> Iterator[TestClient]:
    with TestClient(pg_app) as c:  # type: ignore[arg-type]
        login(c, "lead")
        yield c


@pytest.fixture(scope="module")
def imported(lead: TestClient) -> dict:
    """The examples, imported once per module (each xdist worker has its own database)."""
    job = import_file(lead, EXAMPLES / "conversations.jsonl")
    assert job["status"] == "done", job
    return job


def test_migrations_create_every_table(pg_app: object, pg_url: str) -> None:
    db: Database = pg_app.state.web.db  # type: ignore[attr-defined]
    assert db.engine.dialect.name == "postgresql"
    tables = set(inspect(db.engine).get_table_names())
    assert {"users", "conversations", "results", "reviews", "import_jobs", "rubric_versions",
            "alembic_version"} <= tables
    db.migrate()  # idempotent, as every start runs it


def test_import_reimport_and_bad_records(imported: dict, lead: TestClient, tmp_path: Path) -> None:
    assert imported["created"] >= 35 and imported["updated"] == 0
    total = lead.get("/conversations.json").json()["total"]
    again = import_file(lead, EXAMPLES / "conversations.jsonl")
    assert again["status"] == "done" and again["created"] == 0 and again["updated"] == imported["created"]
    assert lead.get("/conversations.json").json()["total"] == total
    # Bad records are listed on the job (a JSON column) with line and field; the rest is stored.
    bad = tmp_path / "mixed.jsonl"
    good = (EXAMPLES / "conversations.jsonl").read_text(encoding="utf-8").splitlines()[0]
    bad.write_text(good.replace('"ex-001"', '"pg-new"') + "\n{broken\n"
                   + json.dumps({"id": "x", "messages": [{"role": "boss", "text": "hi"}]}) + "\n", encoding="utf-8")
    mixed = import_file(lead, bad)
    assert mixed["status"] == "done" and mixed["created"] == 1
    assert [(e["line"], e["field"]) for e in mixed["errors"]] == [(2, None), (3, "messages[0].role")]
    assert lead.get("/conversations.json").json()["total"] == total + 1


def test_helpdesk_export_imports(imported: dict, lead: TestClient) -> None:
    job = import_file(lead, HELPDESK / "zendesk-tickets.ndjson")
    assert job["status"] == "done", job
    assert job["created"] >= 3 and any(e["skipped"] for e in job["errors"])


def test_review_export_and_rescore(imported: dict, lead: TestClient, pg_app: object, pg_url: str,
                                   tmp_path: Path) -> None:
    pk = pk_of(lead, "ex-002")
    r = lead.post(f"/conversations/{pk}/review", data={"finding-0": "correct", "finding-1": "wrong",
                                                       "note": "Good opener.", "csrf_token": csrf_of(lead)},
                  follow_redirects=False)
    assert r.status_code == 303, r.text
    lead.post(f"/conversations/{pk}/review", json={"verdicts": {"0": "wrong"}, "note": "changed"},
              headers={"X-CSRF-Token": csrf_of(lead)})
    reviews = lead.get(f"/conversations/{pk}.json").json()["reviews"]
    assert [(r["note"], [v["verdict"] for v in r["verdicts"]]) for r in reviews] == [("changed", ["wrong"])]

    out = tmp_path / "reviews.jsonl"
    res = CliRunner().invoke(export_reviews_command, ["--db", pg_url, "--out", str(out)])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["conversation"], r["verdict"]) for r in rows] == [("ex-002", "wrong")]

    before = lead.get("/rubric.json").json()
    weights = {name: b["weight"] * 3 if name == "empathy" else b["weight"]
               for name, b in before["rubric"]["behaviours"].items()}
    r = lead.post("/rubric.json", json={"weights": weights}, headers={"X-CSRF-Token": csrf_of(lead)})
    assert r.status_code == 202, r.text
    job = wait_for(pg_app.state.web.db, r.json()["job"]["id"])  # type: ignore[attr-defined]
    assert job["status"] == "done" and job["updated"] >= 35, job
    assert lead.get("/rubric.json").json()["id"] != before["id"]

    # The whole rubric as YAML, its history and a restore: the version queries on PostgreSQL.
    page = lead.get("/rubric.json").json()
    assert "weight: 3.6\n" in page["yaml"]  # tripled above, written without float noise
    edited = page["yaml"].replace("baseline: 80", "baseline: 82", 1)
    r = lead.post("/rubric/yaml.json", json={"yaml": edited}, headers={"X-CSRF-Token": csrf_of(lead)})
    assert r.status_code == 202, r.text
    assert wait_for(pg_app.state.web.db, r.json()["job"]["id"])["status"] == "done"  # type: ignore[attr-defined]
    history = lead.get("/rubric.json").json()["history"]
    assert history[0]["active"] and history[0]["version"] == page["version"] + 1 and history[-1]["builtin"]
    assert lead.get(f"/rubric/versions/{history[0]['version']}.json").json()["changes"]["summary"]
    r = lead.post(f"/rubric/versions/{page['version']}/restore.json", headers={"X-CSRF-Token": csrf_of(lead)})
    assert r.status_code == 202, r.text
    assert lead.get("/rubric.json").json()["version"] == page["version"] + 2


def test_pages_and_json_twins(imported: dict, lead: TestClient) -> None:
    for path in ("/team", "/agents/sam", "/conversations", "/import", "/rubric", "/users", "/account"):
        assert lead.get(path).status_code == 200, path
        assert lead.get(path + ".json").status_code == 200, path
    team = lead.get("/team.json").json()
    assert team["team"]["conversations"] >= 35 and team["weekly"]


def test_cli_users_and_restart(imported: dict, pg_app: object, pg_url: str) -> None:
    res = CliRunner().invoke(users_group, ["create", "coach2", "--role", "coach", "--db", pg_url],
                             env={"PATIENTLY_PASSWORD": PASSWORD})
    assert res.exit_code == 0, res.output
    # A second app on the same database (another process, or after a restart) sees everything.
    with TestClient(create_app(ServerSettings(warm_up=False, web=WebSettings(db=pg_url)))) as c:
        login(c, "coach2")
        assert c.get("/conversations.json").json()["total"] >= 35
        assert c.get("/team.json").json()["team"]["conversations"] >= 35


def test_values_sqlite_accepts_but_postgresql_checks(imported: dict, lead: TestClient, tmp_path: Path) -> None:
    """PostgreSQL enforces VARCHAR lengths and refuses NUL characters in text; SQLite does
    neither. Over-long ids, channels and agent names and stray NULs must not fail an import."""
    long_id = "ticket-" + "9" * 600
    conv = {"id": long_id, "channel": "c" * 80, "subject": "VPN\x00 drops", "source": "s" * 300,
            "messages": [{"role": "customer", "text": "It drops every hour\x00 since Monday. 😤"},
                         {"role": "agent", "author": "A" * 250, "text": "Sorry about that, let me check the logs."}]}
    twin = {**conv, "id": long_id + "0"}  # same first 500 characters: must stay a different conversation
    path = tmp_path / "odd.jsonl"
    path.write_text(json.dumps(conv) + "\n" + json.dumps(twin) + "\n", encoding="utf-8")
    job = import_file(lead, path)
    assert job["status"] == "done" and job["created"] == 2, job
    again = import_file(lead, path)
    assert again["created"] == 0 and again["updated"] == 2, again
    rows = lead.get("/conversations.json", params={"q": "ticket-999"}).json()["conversations"]
    assert {r["id"] for r in rows} == {long_id, long_id + "0"}
    page = lead.get(f"/conversations/{rows[0]['pk']}.json").json()["conversation"]
    assert "\x00" not in page["messages"][0]["text"] and page["messages"][0]["text"].endswith("😤")


def test_login_failures_are_shared_by_workers(pg_app: object, pg_url: str) -> None:
    """Failed log-ins are rows in the database: two apps (two worker processes) count them
    together. Odd names (over-long, with a NUL) are refused, not a server error."""
    pg_app.state.web.db.write(lambda s: create_user(s, "guarded", PASSWORD, "coach"))  # type: ignore[attr-defined]
    settings = WebSettings(db=pg_url, login_max_failures=2, login_max_failures_per_ip=0)

    def attempt(c: TestClient, username: str, password: str) -> int:
        return c.post("/login", data={"username": username, "password": password, "csrf_token": csrf_of(c)},
                      follow_redirects=False).status_code

    with TestClient(create_app(ServerSettings(warm_up=False, web=settings))) as a, \
            TestClient(create_app(ServerSettings(warm_up=False, web=settings))) as b:
        assert attempt(a, "guarded", "wrong") == 401
        assert attempt(b, "GUARDED", "wrong") == 401
        assert attempt(a, "guarded", PASSWORD) == 429 and attempt(b, "guarded", PASSWORD) == 429
        for odd in ("x" * 5000, "nul\x00name"):
            assert attempt(a, odd, "wrong") == 401 and attempt(b, odd, "wrong") == 401
            assert attempt(a, odd, "wrong") == 429


def test_simultaneous_rubric_saves_never_share_a_number(pg_app: object, pg_url: str) -> None:
    """Migration 0004's unique version index is there, and saves released at once from two
    Database objects (two worker processes' connections) get distinct, consecutive numbers."""
    from patiently.web import store

    indexes = {i["name"]: i for i in inspect(pg_app.state.web.db.engine).get_indexes("rubric_versions")}  # type: ignore[attr-defined]
    assert indexes["ix_rubric_versions_version"]["unique"]
    dbs = [Database(pg_url), Database(pg_url)]
    rubric = store.active_rubric(dbs[0])
    before = max(h["version"] for h in store.rubric_history(dbs[0]))
    saved = save_at_once(dbs, rubric, 6)
    for db in dbs:
        db.dispose()
    assert sorted(saved) == list(range(before + 1, before + 7))
