"""Import: background analysis, bad records with line and reason, re-import updates, and the
dashboard warmed by the job so the first view after an import does not compute it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from patiently.server import ServerSettings, create_app
from patiently.web import WebSettings
from patiently.web.auth import create_user
from patiently.web.routes import dashboard

from .conftest import EXAMPLES, PASSWORD, import_file, login


def test_import_examples(imported: dict, clients: Callable[[str | None], TestClient]) -> None:
    assert imported["status"] == "done" and imported["percent"] == 100.0
    assert imported["created"] == 35 and imported["errors"] == []
    assert clients("coach").get("/conversations.json").json()["total"] == 35


def test_reimport_updates_instead_of_duplicating(imported: dict, clients: Callable[[str | None], TestClient]) -> None:
    job = import_file(clients("coach"), EXAMPLES / "conversations.jsonl")
    assert (job["created"], job["updated"]) == (0, 35)
    assert clients("coach").get("/conversations.json").json()["total"] == 35


def test_bad_records_reported_rest_imported(imported: dict, clients: Callable[[str | None], TestClient],
                                            tmp_path: Path) -> None:
    good = {"id": "new-1", "source": "upload-test", "messages": [
        {"role": "customer", "author": "kim", "text": "My printer is offline again!!"},
        {"role": "agent", "author": "sam", "text": "Sorry about that, let's fix it together."}]}
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([json.dumps(good), "{not json", json.dumps({"id": "x", "messages": "nope"})]) + "\n")
    job = import_file(clients("coach"), path)
    assert job["status"] == "done" and job["created"] == 1
    lines = sorted(e["line"] for e in job["errors"] if e["skipped"])
    assert lines == [2, 3]
    assert all(e["reason"] for e in job["errors"])
    page = clients("coach").get(f"/jobs/{job['id']}")
    assert page.status_code == 200 and "Records not imported" in page.text


def test_csv_and_transcript(imported: dict, clients: Callable[[str | None], TestClient]) -> None:
    for name in ("tickets.csv", "transcript.txt"):
        job = import_file(clients("coach"), EXAMPLES / name)
        assert job["status"] == "done" and job["created"] >= 1, job


def test_reimporting_a_transcript_updates_it(imported: dict, clients: Callable[[str | None], TestClient]) -> None:
    """A transcript's ids come from the uploaded file's name, not the server's temporary copy."""
    c = clients("coach")
    import_file(c, EXAMPLES / "transcript.txt")
    again = import_file(c, EXAMPLES / "transcript.txt")
    assert again["status"] == "done" and (again["created"], again["updated"]) == (0, 2), again
    ids = [r["id"] for r in c.get("/conversations.json", params={"q": "transcript"}).json()["conversations"]]
    assert sorted(ids) == ["transcript-1", "transcript-2"]
    assert not c.get("/conversations.json", params={"q": "patiently-import"}).json()["conversations"]


@pytest.mark.parametrize(("given", "kept"), [
    ("chat.txt", "chat.txt"), ("C:\\Users\\kim\\chat log.txt", "chat log.txt"), ("../../etc/x.jsonl", "x.jsonl"),
    (".jsonl", "upload.jsonl"), ("..", "upload"), ("a\x00b\ud800.csv", "a_b_.csv"),
    ("a." + "x" * 300, "a." + "x" * 198), ("n" * 300 + ".jsonl.gz", "n" * 191 + ".jsonl.gz"),
    ("é" * 150 + ".txt", "é" * 98 + ".txt")])
def test_upload_names(given: str, kept: str) -> None:
    from patiently.web.routes.imports import upload_name

    assert upload_name(given) == kept
    assert len(kept.encode()) <= 200


def test_odd_upload_names_and_messages_name_the_upload(imported: dict, tmp_path: Path,
                                                       clients: Callable[[str | None], TestClient]) -> None:
    c = clients("coach")
    examples = EXAMPLES / "conversations.jsonl"
    for name in ("a." + "x" * 300, "a.jsonl." + "y" * 250):  # were a 500: File name too long
        job = import_file(c, examples, name=name)  # the content tells the format
        assert job["status"] == "done" and job["updated"] == 35 and job["filename"] == name[:200], job
    binary = tmp_path / "bin.bin"
    binary.write_bytes(b"\x00\x01\x02 nothing we can read")
    job = import_file(c, binary)
    assert job["message"].startswith("bin.bin: ") and job["filename"] == "bin.bin", job
    utf16 = tmp_path / "utf16.jsonl"
    utf16.write_bytes(examples.read_text(encoding="utf-8").encode("utf-16"))
    job = import_file(c, utf16)
    shown = json.dumps([job["message"], job["errors"]])
    assert "utf16.jsonl" in shown and "patiently-import" not in shown and "/tmp" not in shown, job


def test_unreadable_file_fails_the_job_with_a_reason(imported: dict, clients: Callable[[str | None], TestClient],
                                                     tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(b"\x00\x01\x02 nothing we can read")
    job = import_file(clients("coach"), path)
    assert job["status"] == "failed" and "format" in job["message"]


def test_import_page_and_job_json(imported: dict, clients: Callable[[str | None], TestClient]) -> None:
    c = clients("coach")
    html = c.get("/import")
    assert html.status_code == 200 and 'type="file"' in html.text
    data = c.get("/import.json").json()
    assert "jsonl" in data["formats"] and data["jobs"][0]["status"] in ("done", "failed")
    job = c.get(f"/jobs/{imported['id']}", headers={"Accept": "application/json"}).json()["job"]
    assert job["id"] == imported["id"] and job["created"] == 35


def test_an_import_warms_the_dashboard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(ServerSettings(warm_up=False, web=WebSettings(db=f"sqlite:///{tmp_path}/warm.db")))
    with TestClient(app) as c:
        db = app.state.web.db
        db.write(lambda s: create_user(s, "coach", PASSWORD, "coach"))
        login(c, "coach")
        assert c.get("/team.json").json()["team"]["conversations"] == 0  # cached while empty
        job = import_file(c, EXAMPLES / "conversations.jsonl")
        assert job["status"] == "done" and job["phase"] == "done", job
        assert {"team", "team:html"} <= set(db._cache)  # in place when the job says done

        numbers: list[int] = []
        charts: list[int] = []
        team_data, team_html = dashboard._team_data, dashboard._team_html
        monkeypatch.setattr(dashboard, "_team_data", lambda r: numbers.append(1) or team_data(r))
        monkeypatch.setattr(dashboard, "_team_html", lambda d, r: charts.append(1) or team_html(d, r))
        assert c.get("/team.json").json()["team"]["conversations"] == 35
        page = c.get("/team")
        assert page.status_code == 200 and "<svg" in page.text
        assert numbers == [] and charts == []  # the first views after the import computed nothing
        c.get("/team.json", params={"from": "2020-01-01"})  # another period is computed per request
        assert numbers == [1]
