"""Reader options on the import form and its multipart twin: the CLI's --role, --csv-column,
--csv-delimiter, --encoding and --internal-notes as fields, read by the CLI's rules, stored
with the job and shown on its page; a bad value is a 422 naming the field and line, and
nothing is imported; a job whose errors advise a CLI flag points at the form field."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from patiently.web.jobs import wait_for
from patiently.web.models import Conversation, ImportJob

from .conftest import EXAMPLES, csrf_of, pk_of

Clients = Callable[[str | None], TestClient]

# A Zendesk API page whose second comment is by 55501: not the requester, the assignee or a
# sideloaded user, so the reader cannot tell who wrote it without a role.
ZENDESK_PAGE = {
    "tickets": [{
        "id": 48277, "subject": "Teams meeting recordings missing", "requester_id": 90014, "assignee_id": 70022,
        "via": {"channel": "web"}, "created_at": "2026-11-13T14:20:00Z",
        "comments": [
            {"id": 1, "author_id": 90014, "public": True, "created_at": "2026-11-13T14:20:00Z",
             "plain_body": "Yesterday's Teams meeting recordings are gone. Where did they go?"},
            {"id": 2, "author_id": 55501, "public": True, "created_at": "2026-11-13T14:48:00Z",
             "plain_body": "Recordings now go to the organiser's OneDrive, in the Recordings folder."},
        ]}],
    "users": [{"id": 90014, "name": "Omar Haddad", "role": "end-user"}],
}
TICKET_BODY_CSV = ("ticket,role,author,body\n"
                   "tb-1,customer,kim,My laptop will not boot since the update.\n"
                   "tb-1,agent,sam,Sorry to hear that. Let's try a hard reset together.\n")
# Four commas after the last semicolon: the header alone looks comma-separated.
SEMICOLON_CSV = ("conversation_id;role;author;text;notes, see a, b, c, d\n"
                 "semi-1;customer;kim;Hi, my VPN drops, again, and again;x\n"
                 "semi-1;agent;sam;Sorry about that, let's fix it now;y\n")
LATIN1_CSV = ("conversation_id,role,author,text\n"
              "latin-1,customer,kim,Le wifi du café est en panne\n"
              "latin-1,agent,sam,Désolé, je regarde tout de suite\n")


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _post(c: TestClient, path: Path, fmt: str = "auto", json_twin: bool = True, **options: str) -> Any:
    with open(path, "rb") as fh:
        return c.post("/import.json" if json_twin else "/import", files={"file": (path.name, fh)},
                      data={"format": fmt, **options}, headers={"X-CSRF-Token": csrf_of(c)}, follow_redirects=False)


def _import(c: TestClient, path: Path, fmt: str = "auto", **options: str) -> dict:
    r = _post(c, path, fmt, **options)
    assert r.status_code == 202, r.text
    return wait_for(c.app.state.web.db, r.json()["job"]["id"])


def _messages(c: TestClient, external_id: str) -> list[dict]:
    return c.get(f"/conversations/{pk_of(c, external_id)}.json").json()["conversation"]["messages"]


def _counts(c: TestClient) -> tuple[int, int]:
    with c.app.state.web.db.read() as s:
        return (s.scalar(select(func.count()).select_from(ImportJob)) or 0,
                s.scalar(select(func.count()).select_from(Conversation)) or 0)


def test_zendesk_page_with_an_unknown_author_imports_with_roles(clients: Clients, tmp_path: Path) -> None:
    coach = clients("coach")
    path = _write(tmp_path, "zendesk-page.json", json.dumps(ZENDESK_PAGE))
    failed = _import(coach, path)
    assert failed["created"] == 0 and [e["field"] for e in failed["errors"]] == ["comments[1].author_id"]
    assert "--role 55501=agent" in failed["errors"][0]["reason"]  # the reader's wording, unchanged
    assert any("Roles" in h for h in failed["hints"]), failed["hints"]
    page = coach.get(f"/jobs/{failed['id']}").text
    assert 'class="hint"' in page and "Roles (one NAME=ROLE a line)" in page

    job = _import(coach, path, roles="55501=agent")
    assert job["status"] == "done" and job["created"] == 1 and job["errors"] == [] and job["hints"] == [], job
    assert [m["role"] for m in _messages(coach, "48277")] == ["customer", "agent"]
    again = _import(coach, path, roles="\n55501 = agent\n")  # blank lines and spaces as the CLI allows
    assert (again["created"], again["updated"]) == (0, 1)  # re-import: updated, not duplicated


def test_csv_with_ticket_and_body_columns_imports_with_csv_columns(clients: Clients, tmp_path: Path) -> None:
    coach = clients("coach")
    path = _write(tmp_path, "tickets.csv", TICKET_BODY_CSV)
    failed = _import(coach, path)
    assert failed["created"] == 0 and any("CSV columns" in h for h in failed["hints"]), failed
    job = _import(coach, path, csv_columns="conversation_id=ticket\ntext=body")
    assert job["status"] == "done" and job["created"] == 1 and job["errors"] == [], job
    assert job["options"]["csv_columns"] == {"conversation_id": "ticket", "text": "body"}
    assert _messages(coach, "tb-1")[1]["text"].startswith("Sorry to hear that")


def test_semicolon_csv_imports_with_the_delimiter(clients: Clients, tmp_path: Path) -> None:
    coach = clients("coach")
    path = _write(tmp_path, "semi.csv", SEMICOLON_CSV)
    failed = _import(coach, path)
    assert failed["created"] == 0 and any("CSV delimiter" in h for h in failed["hints"]), failed
    job = _import(coach, path, csv_delimiter=";")
    assert job["status"] == "done" and job["created"] == 1 and job["options"]["csv_delimiter"] == ";", job
    assert _messages(coach, "semi-1")[0]["text"] == "Hi, my VPN drops, again, and again"
    tabs = _write(tmp_path, "tabs.csv", SEMICOLON_CSV.replace(";", "\t").replace("semi-1", "tab-1"))
    assert _import(coach, tabs, csv_delimiter="tab")["created"] == 1  # "tab" as the CLI takes it


def test_latin1_file_imports_with_the_encoding(clients: Clients, tmp_path: Path) -> None:
    coach = clients("coach")
    path = _write(tmp_path, "latin.csv", LATIN1_CSV.encode("latin-1"))
    failed = _import(coach, path)
    assert failed["created"] == 0 and any("Encoding" in h for h in failed["hints"]), failed
    job = _import(coach, path, encoding="latin-1")
    assert job["status"] == "done" and job["created"] == 1 and job["errors"] == [], job
    assert _messages(coach, "latin-1")[0]["text"] == "Le wifi du café est en panne"


@pytest.mark.parametrize(("options", "field", "line", "message"), [
    ({"roles": "55501=agent\nbob"}, "roles", 2, "roles line 2: 'bob' must be NAME=ROLE"),
    ({"roles": "\n\nbot=robot"}, "roles", 3, "roles line 3: 'bot=robot': unknown role 'robot'"),
    ({"roles": "=agent"}, "roles", 1, "roles line 1: '=agent' must be NAME=ROLE"),
    ({"csv_columns": "conversation_id=ticket\r\nbody=text"}, "csv_columns", 2,
     "csv_columns line 2: 'body=text': unknown field 'body'"),
    ({"csv_columns": "text="}, "csv_columns", 1, "csv_columns line 1: 'text=' must be FIELD=NAME"),
    ({"csv_delimiter": ";;"}, "csv_delimiter", None, "csv_delimiter: ';;': give one character"),
    ({"encoding": "utf-16"}, "encoding", None, "encoding: 'utf-16' files cannot be read line by line"),
    ({"encoding": "klingon"}, "encoding", None, "encoding: unknown text encoding 'klingon'"),
    ({"internal_notes": "keep"}, "internal_notes", None, "internal_notes: 'keep': one of skip, system"),
])
def test_bad_option_values_are_a_422_naming_field_and_line_and_nothing_is_stored(
        clients: Clients, options: dict[str, str], field: str, line: int | None, message: str) -> None:
    coach = clients("coach")
    before = _counts(coach)
    r = _post(coach, EXAMPLES / "tickets.csv", **options)
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["error"].startswith(message) and (body["field"], body["line"]) == (field, line), body
    assert _counts(coach) == before  # no job, no conversation


def test_a_bad_value_shows_the_form_again_with_what_was_typed(clients: Clients, tmp_path: Path) -> None:
    coach = clients("coach")
    before = _counts(coach)
    r = _post(coach, _write(tmp_path, "t.csv", TICKET_BODY_CSV), json_twin=False,
              roles="55501=agent", csv_columns="conversation_id=ticket\ntext body", encoding="latin-1")
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html"), r.text
    assert "csv_columns line 2: &#39;text body&#39; must be FIELD=NAME" in r.text
    assert 'name="csv_columns"' in r.text and "conversation_id=ticket\ntext body</textarea>" in r.text
    assert 'value="latin-1"' in r.text and 'aria-invalid="true"' in r.text
    assert _counts(coach) == before
    nul = _post(coach, _write(tmp_path, "t.csv", TICKET_BODY_CSV), roles="a\x00b=agent")
    assert nul.status_code == 422 and nul.json()["error"].startswith("roles contains a NUL"), nul.text


def test_job_json_twin_and_page_show_the_options(clients: Clients, tmp_path: Path) -> None:
    coach = clients("coach")
    path = _write(tmp_path, "zendesk-page.json", json.dumps(ZENDESK_PAGE))
    job = _import(coach, path, "zendesk", roles="55501=agent\nBot=system", encoding="cp1252",
                  internal_notes="system", csv_delimiter="tab")
    twin = coach.get(f"/jobs/{job['id']}.json").json()["job"]
    assert twin["format"] == "zendesk" and twin["options"] == {
        "roles": {"55501": "agent", "Bot": "system"}, "csv_columns": {}, "csv_delimiter": "\t",
        "encoding": "cp1252", "internal_notes": "system"}
    page = coach.get(f"/jobs/{job['id']}").text
    assert "Read with:" in page and "55501=agent, Bot=system" in page and "Internal notes <code>system</code>" in page
    plain = _import(coach, path)  # a client that sends no options: the readers' defaults, stored
    assert plain["options"] == {"roles": {}, "csv_columns": {}, "csv_delimiter": None, "encoding": "utf-8",
                                "internal_notes": "skip"}
    assert "Read with:" not in coach.get(f"/jobs/{plain['id']}").text
    form = coach.get("/import.json").json()
    assert form["choices"]["internal_notes"] == ["skip", "system"] and "text" in form["choices"]["csv_fields"]
    html = coach.get("/import").text
    for name in ("roles", "csv_columns", "csv_delimiter", "encoding", "internal_notes"):
        assert f'name="{name}"' in html


def test_the_cli_reads_options_by_the_same_rules() -> None:
    from patiently.cli import cli

    tickets = str(EXAMPLES / "tickets.csv")
    res = CliRunner().invoke(cli, ["analyze", tickets, "--role", "55501=agent", "--role", "bob"])
    assert res.exit_code == 2 and "'bob' must be NAME=ROLE" in res.output
    res = CliRunner().invoke(cli, ["analyze", tickets, "--csv-column", "body=text"])
    assert res.exit_code == 2 and "unknown field 'body'" in res.output


def test_a_job_without_stored_options_still_shows(clients: Clients) -> None:
    """Jobs from before migration 0005, and rescoring jobs, have no options."""
    coach = clients("coach")

    def add(s: Any) -> int:
        job = ImportJob(kind="import", filename="old.jsonl", status="failed", phase="reading",
                        message="old.jsonl: cannot tell the input format; pass --format NAME")
        s.add(job)
        s.flush()
        return job.id

    job_id = coach.app.state.web.db.write(add)
    twin = coach.get(f"/jobs/{job_id}.json").json()["job"]
    assert twin["options"] is None and twin["hints"] and "Format" in twin["hints"][0]
    page = coach.get(f"/jobs/{job_id}")
    assert page.status_code == 200 and "Read with:" not in page.text and 'class="hint"' in page.text
