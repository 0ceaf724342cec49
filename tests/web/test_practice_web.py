"""Practice in the web app: scenario list, chat (form posts and JSON), sessions that survive a
restart by replay, debriefs, progress, assignments, team results, peer comments, and who may
do what (trainees, peers, coaches, admins)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from patiently.practice import Session, get_scenario
from patiently.server import ServerSettings, create_app
from patiently.web import WebSettings
from patiently.web.auth import create_user
from patiently.web.models import PracticeMessage
from patiently.web.practice_live import LiveSessions

from .conftest import PASSWORD, csrf_of, hidden_csrf, login

Clients = Callable[[str | None], TestClient]
KIND_WORDS = ("I'm sorry it keeps dropping, that sounds really frustrating. Does it happen only at home, "
              "or in the office too?")
BLUNT = "Reinstall the VPN client. It's probably something on your end."


def start(c: TestClient, scenario: str = "vpn-home-wifi", seed: int | None = 1) -> dict[str, Any]:
    body: dict[str, Any] = {"scenario": scenario} | ({"seed": seed} if seed is not None else {})
    r = c.post("/practice/sessions.json", json=body, headers={"X-CSRF-Token": csrf_of(c)})
    assert r.status_code == 201, r.text
    return r.json()["session"]  # type: ignore[no-any-return]


def say(c: TestClient, sid: int, text: str, status: int = 200) -> dict[str, Any]:
    r = c.post(f"/practice/sessions/{sid}/messages.json", json={"text": text}, headers={"X-CSRF-Token": csrf_of(c)})
    assert r.status_code == status, r.text
    return r.json().get("turn") or r.json()  # type: ignore[no-any-return]


def end(c: TestClient, sid: int) -> dict[str, Any]:
    r = c.post(f"/practice/sessions/{sid}/end.json", headers={"X-CSRF-Token": csrf_of(c)})
    assert r.status_code == 200, r.text
    return r.json()["session"]  # type: ignore[no-any-return]


def finished_session(c: TestClient, scenario: str = "vpn-home-wifi") -> int:
    sid = start(c, scenario)["id"]
    say(c, sid, KIND_WORDS)
    say(c, sid, BLUNT)
    assert end(c, sid)["status"] == "finished"
    return sid


# --- pages and JSON twins --------------------------------------------------------------------
@pytest.mark.parametrize(("user", "path"), [("sam", "/practice"), ("sam", "/practice/progress"),
                                            ("coach", "/practice/progress/sam"), ("coach", "/practice/team"),
                                            ("coach", "/practice/assignments"), ("admin", "/practice/team")])
def test_pages_and_json_twins(clients: Clients, user: str, path: str) -> None:
    c = clients(user)
    html = c.get(path)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert 'href="/practice"' in html.text  # the nav link
    assert "<script src=\"http" not in html.text
    by_suffix, by_accept = c.get(path + ".json"), c.get(path, headers={"Accept": "application/json"})
    assert by_suffix.status_code == by_accept.status_code == 200
    assert by_suffix.json() == by_accept.json()


def test_scenario_list(clients: Clients) -> None:
    data = clients("lena").get("/practice.json").json()
    assert len(data["scenarios"]) >= 12
    first = data["scenarios"][0]
    assert {"id", "title", "persona", "sides", "targets", "assignment", "attempts", "best"} <= set(first)
    assert first["persona"]["name"] and first["sides"]


# --- chatting ----------------------------------------------------------------------------------
def test_chat_with_plain_form_posts(clients: Clients) -> None:
    """Without JavaScript: every step is a form post and a redirect."""
    c = clients("sam")
    page = c.get("/practice")
    token = hidden_csrf(page.text)
    r = c.post("/practice/sessions", data={"scenario": "vpn-home-wifi", "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    url = r.headers["location"]
    chat = c.get(url)
    assert chat.status_code == 200 and 'id="practice-form"' in chat.text
    assert "Show the customer&#39;s mood" in chat.text and 'class="mood"' not in chat.text
    for text in (KIND_WORDS, BLUNT):
        r = c.post(f"{url}/messages", data={"text": text, "csrf_token": token}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].endswith("#latest")
    r = c.post(f"{url}/messages", data={"text": "   ", "csrf_token": token})
    assert r.status_code == 422 and "write something" in r.text and 'id="practice-form"' in r.text
    c.post(f"{url}/mood", data={"show": "1", "csrf_token": token})
    chat = c.get(url)
    assert 'class="mood"' in chat.text and 'data-mood="anger"' in chat.text and chat.text.count('class="msg ') == 5
    data = c.get(f"{url}.json").json()["session"]
    assert data["turns"] == 2 and data["show_mood"] and [m["role"] for m in data["messages"]] == \
        ["customer", "agent", "customer", "agent", "customer"]
    assert "situations" not in data["messages"][0]  # no spoilers while the session runs
    r = c.post(f"{url}/end", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"{url}/debrief"
    debrief = c.get(f"{url}/debrief")
    assert debrief.status_code == 200
    assert "<mark class=" in debrief.text and 'class="verdict hurt"' in debrief.text
    assert "An ideal reply could have been" in debrief.text or "What would have worked" in debrief.text
    assert "<svg" in debrief.text


def test_debrief_json(clients: Clients) -> None:
    c = clients("sam")
    sid = finished_session(c)
    data = c.get(f"/practice/sessions/{sid}/debrief.json").json()
    d = data["debrief"]
    assert {"overall", "scores", "targets", "findings", "moves", "worst_moves", "success"} <= set(d)
    assert data["session"]["overall"] == d["overall"] and data["session"]["passed"] is False
    assert [m["verdict"] for m in d["moves"]][1] == "hurt"
    worst = d["worst_moves"][0]
    assert worst["text"].startswith("Reinstall") and worst["next_move"]
    assert data["session"]["messages"][0]["situations"] == ["opening"]  # shown once finished
    assert data["comments"] == []


def test_same_seed_same_conversation_as_the_engine(clients: Clients) -> None:
    c = clients("lena")
    s = start(c, "password-lockout-repeat", seed=7)
    engine = Session(get_scenario("password-lockout-repeat"), seed=7)
    assert s["messages"][0]["text"] == engine.opening
    for line in get_scenario("password-lockout-repeat").test_scripts.impatient[:3]:
        turn = say(c, s["id"], line)
        assert turn["customer"] == engine.reply(line).text
    assert turn["state"] == engine.state.to_dict()


def test_patient_script_resolves_and_ends_by_itself(clients: Clients) -> None:
    c = clients("lena")
    sc = get_scenario("password-lockout-repeat")
    sid = start(c, sc.id, seed=1)["id"]
    turns = [say(c, sid, line) for line in sc.test_scripts.patient]
    assert turns[-1]["finished"] and turns[-1]["debrief_href"] == f"/practice/sessions/{sid}/debrief"
    session = c.get(f"/practice/sessions/{sid}.json").json()["session"]
    assert session["status"] == "finished" and session["passed"] is True
    say(c, sid, "One more thing?", status=409)  # ended: nothing more to say


def test_input_errors(clients: Clients) -> None:
    c = clients("lena")
    h = {"X-CSRF-Token": csrf_of(c)}
    assert c.post("/practice/sessions.json", json={"scenario": "nope"}, headers=h).status_code == 422
    bad_seed = {"scenario": "vpn-home-wifi", "seed": "x"}
    assert c.post("/practice/sessions.json", json=bad_seed, headers=h).status_code == 422
    sid = start(c)["id"]
    assert "write something" in say(c, sid, "", status=422)["error"]
    assert say(c, sid, "x" * 4001, status=422)["error"].startswith("message: a message has at most 4,000 characters")
    assert c.post("/practice/sessions/99999/messages.json", json={"text": "hi"}, headers=h).status_code == 404


def test_session_without_a_message_is_abandoned(clients: Clients) -> None:
    c = clients("lena")
    sid = start(c)["id"]
    assert end(c, sid)["status"] == "abandoned"
    assert c.get(f"/practice/sessions/{sid}/debrief.json").status_code == 409
    assert clients("sam").get(f"/practice/sessions/{sid}.json").status_code == 403  # never shown to peers


# --- surviving a restart ---------------------------------------------------------------------
def test_session_survives_a_restart_by_replay(tmp_path: Path) -> None:
    """Two messages, a new server over the same database, a third message: the customer says
    exactly what an uninterrupted session would have said."""
    settings = ServerSettings(warm_up=False, web=WebSettings(db=f"sqlite:///{tmp_path}/restart.db"))
    sc = get_scenario("vpn-home-wifi")
    lines = sc.test_scripts.patient[:3]
    with TestClient(create_app(settings)) as c:
        c.app.state.web.db.write(lambda s: create_user(s, "tess", PASSWORD, "agent", "tess"))
        login(c, "tess")
        sid = start(c, seed=11)["id"]
        for line in lines[:2]:
            say(c, sid, line)
    with TestClient(create_app(settings)) as c:
        login(c, "tess")
        assert not hasattr(c.app.state, "practice_live")  # nothing live: the next message replays
        turn = say(c, sid, lines[2])
        session = c.get(f"/practice/sessions/{sid}.json").json()["session"]
    engine = Session(sc, seed=11)
    expected = [engine.reply(line) for line in lines][-1]
    assert turn["customer"] == expected.text and turn["state"] == expected.state.to_dict()
    assert session["notes"] == [] and session["turns"] == 3


def test_replay_that_differs_is_noted(app: Any, clients: Clients) -> None:
    c = clients("lena")
    sid = start(c, seed=5)["id"]
    say(c, sid, KIND_WORDS)
    db = app.state.web.db

    def tamper(s: Any) -> None:  # as if the scenario's lines had changed since
        msg = s.query(PracticeMessage).filter_by(session_id=sid, position=2).one()
        msg.text = "Something the engine would not say."

    db.write(tamper)
    app.state.practice_live = LiveSessions()  # a restart: no live engines
    say(c, sid, "Thanks, and which wifi network is it exactly?")
    notes = c.get(f"/practice/sessions/{sid}.json").json()["session"]["notes"]
    assert len(notes) == 1 and "came out differently" in notes[0]


# --- who may do what -------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/practice", "/practice/progress", "/practice/team", "/practice/assignments"])
def test_anonymous_is_sent_to_login(clients: Clients, path: str) -> None:
    c = clients(None)
    r = c.get(path, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")
    assert c.get(path + ".json").status_code == 401


@pytest.mark.parametrize(("user", "path", "status"), [
    ("sam", "/practice/assignments", 403), ("sam", "/practice/team", 403), ("sam", "/practice/progress/lena", 403),
    ("sam", "/practice/progress/sam", 200), ("coach", "/practice/progress/sam", 200),
    ("coach", "/practice/progress/nobody", 404), ("admin", "/practice/assignments", 200),
])
def test_roles(clients: Clients, user: str, path: str, status: int) -> None:
    assert clients(user).get(path + ".json").status_code == status
    assert clients(user).get(path).status_code == status


def test_others_cannot_read_or_write_an_unfinished_session(clients: Clients) -> None:
    sam, lena, coach = clients("sam"), clients("lena"), clients("coach")
    sid = start(sam)["id"]
    say(sam, sid, KIND_WORDS)
    for c in (lena, coach):
        assert c.get(f"/practice/sessions/{sid}.json").status_code == 403
        assert c.get(f"/practice/sessions/{sid}").status_code == 403
        assert c.get(f"/practice/sessions/{sid}/debrief.json").status_code == 403
        h = {"X-CSRF-Token": csrf_of(c)}
        assert c.post(f"/practice/sessions/{sid}/messages.json", json={"text": "hi"}, headers=h).status_code == 403
        assert c.post(f"/practice/sessions/{sid}/end.json", headers=h).status_code == 403
        assert c.post(f"/practice/sessions/{sid}/mood.json", json={"show": 1}, headers=h).status_code == 403
        assert c.post(f"/practice/sessions/{sid}/comments.json", json={"text": "x"}, headers=h).status_code == 403
    # ...and forms need the CSRF token, even the trainee's own.
    url = f"/practice/sessions/{sid}/messages"
    assert sam.post(url, data={"text": "hi"}).status_code == 403
    assert sam.post(url, data={"text": "hi", "csrf_token": "forged"}).status_code == 403
    assert sam.get(f"/practice/sessions/{sid}.json").json()["session"]["turns"] == 1


def test_peers_read_finished_sessions_and_comment_as_themselves(clients: Clients) -> None:
    sam, lena, admin = clients("sam"), clients("lena"), clients("admin")
    sid = finished_session(sam)
    assert any(s["id"] == sid for s in lena.get("/practice.json").json()["peers"])
    assert lena.get(f"/practice/sessions/{sid}.json").status_code == 200
    page = lena.get(f"/practice/sessions/{sid}/debrief")
    assert page.status_code == 200 and "Comment as lena" in page.text
    h = {"X-CSRF-Token": csrf_of(lena)}
    assert lena.post(f"/practice/sessions/{sid}/messages.json", json={"text": "hi"}, headers=h).status_code == 403
    # An "author" field is ignored: a comment is always by the logged-in user.
    r = lena.post(f"/practice/sessions/{sid}/comments.json", json={"text": "Great question at the start!",
                                                                  "author": "sam"}, headers=h)
    assert r.status_code == 201 and r.json()["comment"]["author"] == "lena"
    r = lena.post(f"/practice/sessions/{sid}/comments", data={"text": "Form comment", "csrf_token": csrf_of(lena)},
                  follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("/debrief#comments")
    comments = sam.get(f"/practice/sessions/{sid}/debrief.json").json()["comments"]
    assert [(x["author"], x["text"]) for x in comments] == [("lena", "Great question at the start!"),
                                                            ("lena", "Form comment")]
    assert "Great question at the start!" in sam.get(f"/practice/sessions/{sid}/debrief").text
    cid = comments[0]["id"]
    assert sam.post(f"/practice/comments/{cid}/delete.json", headers={"X-CSRF-Token": csrf_of(sam)}).status_code == 403
    assert admin.post(f"/practice/comments/{cid}/delete.json",
                      headers={"X-CSRF-Token": csrf_of(admin)}).status_code == 200
    assert len(sam.get(f"/practice/sessions/{sid}/debrief.json").json()["comments"]) == 1


# --- assignments, progress, team ----------------------------------------------------------------
def test_assignments(clients: Clients) -> None:
    coach, sam, lena = clients("coach"), clients("sam"), clients("lena")
    h = {"X-CSRF-Token": csrf_of(coach)}
    due = (date.today() + timedelta(days=7)).isoformat()
    r = coach.post("/practice/assignments.json", json={"trainee": "sam", "scenario": "phishing-scare",
                                                       "due_date": due, "note": "Before Friday"}, headers=h)
    assert r.status_code == 201, r.text
    made = r.json()["assignment"]
    assert made["status"] == "open" and made["assigned_by"] == "coach" and made["due_date"] == due
    past = (datetime.now(UTC).date() - timedelta(days=2)).isoformat()
    late = coach.post("/practice/assignments.json", json={"trainee": "sam", "scenario": "mailbox-full",
                                                          "due_date": past}, headers=h).json()["assignment"]
    assert late["status"] == "overdue"
    # The trainee sees them first in their list; another trainee does not.
    first = sam.get("/practice.json").json()["scenarios"][:2]
    assert [s["id"] for s in first] == ["mailbox-full", "phishing-scare"]
    assert first[1]["assignment"]["note"] == "Before Friday"
    assert "Assigned by coach" in sam.get("/practice").text
    assert lena.get("/practice.json").json()["scenarios"][0]["assignment"] is None
    # Finishing a session of the scenario does the assignment.
    finished_session(sam, "phishing-scare")
    mine = {a["scenario_id"]: a for a in sam.get("/practice/progress.json").json()["assignments"]}
    assert mine["phishing-scare"]["status"] == "done" and mine["phishing-scare"]["done_href"]
    # Bad input is named; trainees cannot assign; coaches withdraw.
    for body, field in (({"trainee": "nobody", "scenario": "mailbox-full"}, "trainee"),
                        ({"trainee": "sam", "scenario": "nope"}, "scenario"),
                        ({"trainee": "sam", "scenario": "mailbox-full", "due_date": "31/12/2026"}, "due_date")):
        r = coach.post("/practice/assignments.json", json=body, headers=h)
        assert r.status_code == 422 and r.json()["error"].startswith(field)
    form = coach.post("/practice/assignments", data={"trainee": "sam", "scenario": "nope",
                                                     "csrf_token": csrf_of(coach)})
    assert form.status_code == 422 and "no scenario" in form.text
    assert sam.post("/practice/assignments.json", json={"trainee": "sam", "scenario": "mailbox-full"},
                    headers={"X-CSRF-Token": csrf_of(sam)}).status_code == 403
    assert sam.post(f"/practice/assignments/{late['id']}/delete.json",
                    headers={"X-CSRF-Token": csrf_of(sam)}).status_code == 403
    assert coach.post(f"/practice/assignments/{late['id']}/delete.json", headers=h).status_code == 200
    assert all(a["id"] != late["id"] for a in coach.get("/practice/assignments.json").json()["assignments"])


def test_progress_page(clients: Clients) -> None:
    sam = clients("sam")
    finished_session(sam, "printer-non-technical")
    data = sam.get("/practice/progress.json").json()
    assert data["trainee"] == "sam" and data["summary"]["finished"] >= 1
    assert any(s["scenario_id"] == "printer-non-technical" for s in data["scenarios"])
    assert all(s["status"] == "finished" for s in data["sessions"])
    assert data["summary"]["behaviours"]
    html = sam.get("/practice/progress").text
    assert html.count("<svg") >= 3  # the trend, a sparkline per scenario, the behaviours


def test_team_results(clients: Clients) -> None:
    finished_session(clients("sam"), "slow-user-mfa")
    coach = clients("coach")
    data = coach.get("/practice/team.json").json()
    sam = next(t for t in data["trainees"] if t["trainee"] == "sam")
    assert sam["finished"] >= 1 and "slow-user-mfa" in sam["latest"] and sam["href"] == "/practice/progress/sam"
    assert any(s["trainee"] == "sam" for s in data["recent"])
    html = coach.get("/practice/team").text
    assert "Latest score per trainee and scenario" in html and re.search(r'<a href="/practice/progress/sam">', html)


def test_migrations_match_the_models(app: Any) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from patiently.web.models import Base

    with app.state.web.db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
