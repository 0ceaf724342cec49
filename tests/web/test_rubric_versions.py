"""Rubric version numbers under concurrency: the number is chosen in the transaction that
saves the version, so two admins (threads, worker processes, servers on one database) saving
at once get two numbers, one above the other, never the same ``name@N``; and migration 0004,
which adds the unique number column to databases that may already hold a duplicate."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect, text

from patiently.rubric import load_rubric
from patiently.server import ServerSettings, create_app
from patiently.web import WebSettings, store
from patiently.web.auth import create_user
from patiently.web.db import Database
from patiently.web.jobs import wait_for

from .conftest import PASSWORD, csrf_of, login, save_at_once

DEFAULT = load_rubric()


def _app(url: str) -> object:
    return create_app(ServerSettings(warm_up=False, web=WebSettings(db=url)))


@pytest.fixture
def two_admins(tmp_path: Path) -> Iterator[tuple[TestClient, TestClient]]:
    """Two app instances (two worker processes, as far as the database can tell) on one SQLite
    file, an admin logged in to each."""
    url = f"sqlite:///{tmp_path}/shared.db"
    first, second = _app(url), _app(url)
    with TestClient(first) as a, TestClient(second) as b:  # type: ignore[arg-type]
        first.state.web.db.write(lambda s: create_user(s, "lead", PASSWORD, "admin"))  # type: ignore[attr-defined]
        login(a, "lead")
        login(b, "lead")
        yield a, b


def _save_weights(c: TestClient, factor: float) -> dict:
    """Every weight times ``factor``, from this client's view of the rubric."""
    rubric = c.get("/rubric.json").json()["rubric"]
    weights = {name: b["weight"] * factor for name, b in rubric["behaviours"].items()}
    r = c.post("/rubric.json", json={"weights": weights}, headers={"X-CSRF-Token": csrf_of(c)})
    assert r.status_code == 202, r.text
    assert wait_for(c.app.state.web.db, r.json()["job"]["id"])["status"] == "done"  # type: ignore[attr-defined]
    return r.json()


def test_saves_from_two_app_instances_get_consecutive_versions(two_admins: tuple[TestClient, TestClient]) -> None:
    a, b = two_admins
    base = DEFAULT.version
    assert _save_weights(a, 2)["version"] == base + 1
    assert _save_weights(b, 3)["version"] == base + 2
    # The YAML form and a restore from either instance number on from there too.
    yaml_text = a.get("/rubric.json").json()["yaml"].replace("baseline: 80", "baseline: 81", 1)
    r = b.post("/rubric/yaml.json", json={"yaml": yaml_text}, headers={"X-CSRF-Token": csrf_of(b)})
    assert r.status_code == 202 and r.json()["version"] == base + 3, r.text
    wait_for(b.app.state.web.db, r.json()["job"]["id"])  # type: ignore[attr-defined]
    r = a.post(f"/rubric/versions/{base}/restore.json", headers={"X-CSRF-Token": csrf_of(a)})
    assert r.status_code == 202 and r.json()["version"] == base + 4 and r.json()["restored_from"] == base, r.text
    wait_for(a.app.state.web.db, r.json()["job"]["id"])  # type: ignore[attr-defined]
    for c in (a, b):
        history = c.get("/rubric.json").json()["history"]
        assert [h["version"] for h in history] == [base + 4, base + 3, base + 2, base + 1, base]
        assert history[0]["rubric_id"] == f"{DEFAULT.name}@{base + 4}" and history[-1]["builtin"]


def test_simultaneous_saves_from_two_databases_never_share_a_number(tmp_path: Path) -> None:
    """Eight saves released at once from two Database objects (two processes' worth of
    connections) on one SQLite file."""
    url = f"sqlite:///{tmp_path}/race.db"
    dbs = [Database(url), Database(url)]
    dbs[0].migrate()
    saved = save_at_once(dbs, DEFAULT, 8)
    assert sorted(saved) == list(range(DEFAULT.version + 1, DEFAULT.version + 9))
    with dbs[1].read() as s:
        rows = s.execute(text("SELECT version, rubric_id FROM rubric_versions ORDER BY id")).all()
    assert sorted(v for v, _ in rows) == sorted(saved)
    assert all(rid == f"{DEFAULT.name}@{v}" for v, rid in rows)
    for db in dbs:
        db.dispose()


def test_migration_0004_numbers_stored_versions_and_keeps_a_duplicate(tmp_path: Path) -> None:
    """A database from before 0004 whose race already saved version 2 twice: the first row
    keeps the number, the second stays unnumbered (still listed), and the next save is 4."""
    from alembic import command
    from alembic.config import Config

    db = Database(f"sqlite:///{tmp_path}/old.db")
    cfg = Config()
    cfg.set_main_option("script_location", "patiently.web:migrations")
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
        for version in (2, 3, 2):
            data = DEFAULT.model_copy(update={"version": version}).model_dump(mode="json")
            conn.execute(text("INSERT INTO rubric_versions (rubric_id, data, created_at) VALUES (:r, :d, :t)"),
                         {"r": f"{DEFAULT.name}@{version}", "d": json.dumps(data), "t": "2026-11-01 10:00:00"})
    db.migrate()
    db.migrate()  # idempotent, as every start runs it
    indexes = {i["name"]: i for i in inspect(db.engine).get_indexes("rubric_versions")}
    assert indexes["ix_rubric_versions_version"]["unique"]
    with db.read() as s:
        assert s.execute(text("SELECT version FROM rubric_versions ORDER BY id")).scalars().all() == [2, 3, None]
    assert store.save_rubric(db, DEFAULT, None).version == 4
    assert [h["version"] for h in store.rubric_history(db)] == [4, 2, 3, 2, DEFAULT.version]
    db.dispose()
