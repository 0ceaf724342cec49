"""Help-desk exports through the web import: detected, imported, re-imported as updates, and
their bad records listed on the job with line and field."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from .conftest import EXAMPLES, import_file

HELPDESK = EXAMPLES / "helpdesk"


@pytest.mark.parametrize(("name", "fmt", "created", "bad_field"), [
    ("zendesk-tickets.ndjson", "auto", 4, "comments[1].author_id"),
    ("freshdesk-tickets.json", "freshdesk", 3, "conversations"),
    ("intercom-conversations.json", "auto", 3, "conversation_parts[0].author.type"),
])
def test_helpdesk_exports_import(clients: Callable[[str | None], TestClient], name: str, fmt: str, created: int,
                                 bad_field: str) -> None:
    coach = clients("coach")
    job = import_file(coach, HELPDESK / name, fmt)
    assert job["status"] == "done" and job["created"] == created, job
    skipped = [e for e in job["errors"] if e["skipped"]]
    assert [e["field"] for e in skipped] == [bad_field] and skipped[0]["line"]
    again = import_file(coach, HELPDESK / name, fmt)
    assert again["created"] == 0 and again["updated"] == created  # same source and id: updated
    assert "zendesk" in coach.get("/import").text  # offered on the page


def test_helpdesk_conversation_page(clients: Callable[[str | None], TestClient]) -> None:
    coach = clients("coach")
    import_file(coach, HELPDESK / "intercom-conversations.json")
    rows = coach.get("/conversations.json", params={"q": "215480"}).json()["conversations"]
    data = coach.get(f"/conversations/{rows[0]['pk']}.json").json()["conversation"]
    assert data["source"] == "intercom" and {m["role"] for m in data["messages"]} == {"customer", "agent"}
    assert "Sam Whitaker" in data["agents"]
