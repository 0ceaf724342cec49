"""Import: background analysis, bad records with line and reason, re-import updates."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from .conftest import EXAMPLES, import_file


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
