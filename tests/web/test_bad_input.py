"""Input the pages must refuse with a 4xx naming the field, never a 500, and never by storing
less than was sent: lone surrogates and NUL characters, ids no row can have, digits that are
not ASCII, reviews naming findings the conversation lacks, practice text that shows nothing or
is not a string, and JSON posted to /check."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from .conftest import csrf_of, pk_of
from .test_practice_web import finished_session, start

Clients = Callable[[str | None], TestClient]
HUGE = "99999999999999999999"  # more than SQLite's INTEGER holds
JUST_OVER = str(2**63)


def _post(c: TestClient, path: str, body: Any) -> Any:
    """``body`` as JSON, a lone surrogate as its ``\\ud800`` escape (as a script would send it)."""
    return c.post(path, content=json.dumps(body), headers={"X-CSRF-Token": csrf_of(c), "Accept": "application/json",
                                                           "Content-Type": "application/json"})


def _error(r: Any, status: int = 422) -> str:
    assert r.status_code == status, r.text
    return str(r.json()["error"])


# --- lone surrogates and NUL characters in JSON bodies and forms ----------------------------
def test_lone_surrogates_in_json_bodies_are_refused(imported: dict, clients: Clients) -> None:
    coach, sam = clients("coach"), clients("sam")
    pk = pk_of(coach, "ex-003")
    assert "note is not valid Unicode: a lone surrogate at character 2" in _error(
        _post(coach, f"/conversations/{pk}/review", {"note": "x\ud800"}))
    sid = start(sam)["id"]
    assert _error(_post(sam, f"/practice/sessions/{sid}/messages", {"text": "hi \ud800 there"})).startswith(
        "text is not valid Unicode")
    done = finished_session(sam)
    assert _error(_post(coach, f"/practice/sessions/{done}/comments", {"text": "nice \ud800"})).startswith(
        "text is not valid Unicode")
    assert _error(_post(coach, "/practice/assignments", {"trainee": "sam", "scenario": "vpn-home-wifi",
                                                         "due_date": "2026-12-01", "note": "\ud800"})
                  ).startswith("note is not valid Unicode")
    # Nested values and keys are named too.
    assert _error(_post(coach, f"/conversations/{pk}/review", {"verdicts": {"0": "x\udc00"}})).startswith(
        "verdicts.0 is not valid Unicode")
    assert _error(_post(coach, f"/conversations/{pk}/review", {"verdicts": {"\ud800": "correct"}})).startswith(
        "a key in verdicts is not valid Unicode")
    assert coach.get(f"/conversations/{pk}.json").json()["reviews"] == []  # nothing stored


def test_nul_characters_in_stored_text_are_refused(imported: dict, clients: Clients) -> None:
    coach, admin = clients("coach"), clients("admin")
    pk = pk_of(coach, "ex-003")
    assert "note contains a NUL character (at character 2)" in _error(
        _post(coach, f"/conversations/{pk}/review", {"note": "a\x00b"}))
    form = coach.post(f"/conversations/{pk}/review", data={"note": "a\x00b", "csrf_token": csrf_of(coach)},
                      headers={"Accept": "application/json"})
    assert _error(form).startswith("note contains a NUL character")
    r = admin.post("/users.json", data={"username": "nulagent", "password": "long enough pw", "role": "agent",
                                        "agent_name": "\x00", "csrf_token": csrf_of(admin)})
    assert r.status_code == 422 and "agent_name contains a NUL character" in r.json()["error"]
    assert "nulagent" not in {u["username"] for u in admin.get("/users.json").json()["users"]}
    r = admin.post("/account/tokens.json", data={"name": "t\x00", "csrf_token": csrf_of(admin)})
    assert _error(r).startswith("name contains a NUL character")


# --- ids no row can have: 404 like any unknown id ---------------------------------------------
@pytest.mark.parametrize("path", [f"/conversations/{JUST_OVER}", f"/conversations/{HUGE}", f"/jobs/{HUGE}",
                                  f"/practice/sessions/{HUGE}", f"/practice/sessions/{JUST_OVER}/debrief"])
def test_out_of_range_ids_in_pages_are_404(imported: dict, clients: Clients, path: str) -> None:
    r = clients("admin").get(path + ".json")
    assert r.status_code == 404 and r.json()["error"].startswith("no ")
    assert clients("admin").get(path).status_code == 404  # the HTML page too


@pytest.mark.parametrize(("path", "body"), [
    (f"/users/{HUGE}", {"role": "coach"}), (f"/conversations/{HUGE}/review", {"note": "x"}),
    (f"/practice/sessions/{HUGE}/comments", {"text": "x"}), (f"/practice/sessions/{HUGE}/messages", {"text": "x"}),
    (f"/practice/comments/{HUGE}/delete", {}), (f"/practice/assignments/{HUGE}/delete", {}),
    (f"/account/tokens/{HUGE}/revoke", {})])
def test_out_of_range_ids_in_posts_are_404(imported: dict, clients: Clients, path: str, body: dict) -> None:
    c = clients("admin")
    r = c.post(path, data={**body, "csrf_token": csrf_of(c)}, headers={"Accept": "application/json"})
    assert r.status_code == 404, r.text
    assert r.json()["error"].startswith("no ") and r.json()["error"].endswith(f" {HUGE}")


def test_team_period_before_the_calendar_is_422(imported: dict, clients: Clients) -> None:
    for to in ("0001-01-01", "0001-01-02"):
        assert _error(clients("coach").get(f"/team.json?to={to}")).startswith("to: ")
    assert clients("coach").get("/team.json?from=0001-01-01&to=0001-01-02").status_code == 200
    assert clients("coach").get("/team.json?to=9999-12-31").status_code == 200


# --- digits that are not ASCII ------------------------------------------------------------------
def test_superscript_digits_are_422(imported: dict, clients: Clients) -> None:
    coach = clients("coach")
    pk = pk_of(coach, "ex-003")
    assert "not a finding index" in _error(_post(coach, f"/conversations/{pk}/review",
                                                 {"verdicts": {"²": "correct"}}))
    assert _error(_post(clients("sam"), "/practice/sessions", {"scenario": "vpn-home-wifi", "seed": "²"})) == \
        "seed: a whole number"
    assert _error(_post(clients("sam"), "/practice/sessions", {"scenario": "vpn-home-wifi", "seed": "9" * 5000})) \
        == "seed: a whole number"
    assert _post(clients("sam"), "/practice/sessions", {"scenario": "vpn-home-wifi", "seed": 7}).status_code == 201


# --- reviews: what the coach sent is saved whole, or nothing changes ---------------------------
def test_review_with_unknown_findings_keeps_the_earlier_one(imported: dict, clients: Clients) -> None:
    coach = clients("coach")
    pk = pk_of(coach, "ex-004")
    n = len(coach.get(f"/conversations/{pk}.json").json()["conversation"]["findings"])
    assert n >= 2
    ok = _post(coach, f"/conversations/{pk}/review", {"verdicts": {"0": "correct", "1": "wrong"}, "note": "ok"})
    assert ok.status_code == 200 and len(ok.json()["review"]["verdicts"]) == 2
    assert _error(_post(coach, f"/conversations/{pk}/review", {"verdicts": {"999": "correct"}})) == \
        f"verdicts: no finding 999 (this conversation has findings 0 to {n - 1})"
    listed = {"verdicts": [{"finding": 0, "verdict": "correct"}]}
    assert _error(_post(coach, f"/conversations/{pk}/review", listed)).startswith("verdicts: expected an object")
    assert _error(_post(coach, f"/conversations/{pk}/review", {"verdicts": {"0": "correct"}, "note": 5})) == \
        "note: must be a string"
    form = coach.post(f"/conversations/{pk}/review", data={f"finding-{n}": "wrong", "csrf_token": csrf_of(coach)})
    assert form.status_code == 422
    reviews = coach.get(f"/conversations/{pk}.json").json()["reviews"]
    assert [(r["note"], [v["verdict"] for v in r["verdicts"]]) for r in reviews] == [("ok", ["correct", "wrong"])]


# --- practice text --------------------------------------------------------------------------------
def test_practice_text_that_shows_nothing_is_refused(imported: dict, clients: Clients) -> None:
    sam = clients("sam")
    sid = start(sam)["id"]
    for text in ("\u0007\u001b[31m", "\u200b\u00a0\t", "\u001b[0m\u001b[2J"):
        assert _error(_post(sam, f"/practice/sessions/{sid}/messages", {"text": text})).startswith(
            "message: write something to the customer")
    assert sam.get(f"/practice/sessions/{sid}.json").json()["session"]["turns"] == 0
    form = sam.post(f"/practice/sessions/{sid}/messages", data={"text": "\x07", "csrf_token": csrf_of(sam)})
    assert form.status_code == 422 and "write something to the customer" in form.text
    done = finished_session(sam)
    assert _error(_post(clients("lena"), f"/practice/sessions/{done}/comments", {"text": "\x1b[1m"})) == \
        "comment: write something"


def test_practice_json_values_must_be_strings(imported: dict, clients: Clients) -> None:
    sam = clients("sam")
    sid = start(sam)["id"]
    assert _error(_post(sam, f"/practice/sessions/{sid}/messages", {"text": ["a"]})) == "text: must be a string"
    assert _error(_post(sam, "/practice/sessions", {"scenario": ["vpn-home-wifi"]})) == \
        "scenario: must be a string"
    assert sam.get(f"/practice/sessions/{sid}.json").json()["session"]["turns"] == 0
    shown = _post(sam, f"/practice/sessions/{sid}/mood", {"show": True})
    assert shown.status_code == 200 and shown.json()["show_mood"] is True


# --- /check takes JSON like the other POST pages ------------------------------------------------
def test_check_page_takes_json(clients: Clients) -> None:
    c = clients(None)
    r = c.post("/check", json={"draft": "Calm down, that's not my problem."}, headers={"Accept": "application/json"})
    assert r.status_code == 200, r.text
    assert r.json()["draft"].startswith("Calm down") and r.json()["result"]["flags"]
    assert _error(_post(c, "/check.json", {"draft": ["x"]})) == "draft: must be a string"
    assert _error(_post(c, "/check.json", {"draft": "x\ud800"})).startswith("draft is not valid Unicode")
    assert _error(_post(c, "/check.json", {})) == c.post("/check.json", data={}).json()["error"]
