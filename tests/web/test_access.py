"""Access rules per role, CSRF, API tokens, and data surviving a restart."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from patiently.server import ServerSettings, create_app
from patiently.web import WebSettings
from patiently.web.auth import create_user

from .conftest import EXAMPLES, PASSWORD, csrf_of, import_file, login, pk_of

TEAM_PAGES = ["/team", "/import", "/agents/lena"]
ADMIN_PAGES = ["/users"]


@pytest.mark.parametrize("path", ["/team", "/conversations", "/agents/sam", "/import", "/rubric", "/users",
                                  "/account"])
def test_anonymous_is_sent_to_login_or_gets_401(clients: Callable[[str | None], TestClient], path: str) -> None:
    c = clients(None)
    r = c.get(path, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")
    assert c.get(path + ".json").status_code == 401


@pytest.mark.parametrize(("user", "path", "status"), [
    ("sam", "/team", 403), ("sam", "/import", 403), ("sam", "/agents/lena", 403), ("sam", "/users", 403),
    ("sam", "/agents/sam", 200), ("sam", "/rubric", 200), ("sam", "/account", 200),
    ("coach", "/team", 200), ("coach", "/agents/lena", 200), ("coach", "/users", 403),
    ("admin", "/users", 200),
])
def test_roles(imported: dict, clients: Callable[[str | None], TestClient], user: str, path: str,
               status: int) -> None:
    assert clients(user).get(path + ".json").status_code == status
    assert clients(user).get(path).status_code == status  # the HTML page says the same


def test_agent_sees_only_own_conversations(imported: dict, clients: Callable[[str | None], TestClient]) -> None:
    sam = clients("sam")
    rows = sam.get("/conversations.json").json()["conversations"]
    assert rows and all("sam" in r["agents"] for r in rows)
    assert sam.get("/conversations.json", params={"agent": "lena"}).json()["agent"] == "sam"
    lena_only = pk_of(clients("coach"), "ex-003")  # lena's
    assert sam.get(f"/conversations/{lena_only}.json").status_code == 403
    own = rows[0]["pk"]
    assert sam.get(f"/conversations/{own}.json").status_code == 200
    r = sam.post(f"/conversations/{own}/review", json={"verdicts": {"0": "wrong"}},
                 headers={"X-CSRF-Token": csrf_of(sam)})
    assert r.status_code == 403  # agents do not review


def test_only_admin_edits_rubric_and_users(clients: Callable[[str | None], TestClient]) -> None:
    coach = clients("coach")
    assert coach.post("/rubric.json", json={"weights": {}}, headers={"X-CSRF-Token": csrf_of(coach)}).status_code == 403
    r = coach.post("/users.json", data={"username": "x", "password": "long enough", "role": "admin",
                                        "csrf_token": csrf_of(coach)})
    assert r.status_code == 403


def test_forms_need_csrf(imported: dict, clients: Callable[[str | None], TestClient]) -> None:
    c = clients("coach")
    pk = pk_of(c, "ex-001")
    assert c.post(f"/conversations/{pk}/review", data={"note": "x"}).status_code == 403
    assert c.post(f"/conversations/{pk}/review", data={"note": "x", "csrf_token": "forged"}).status_code == 403
    fresh = TestClient(c.app)
    assert fresh.post("/login", data={"username": "coach", "password": PASSWORD}).status_code == 403


def test_wrong_password_and_open_redirect(clients: Callable[[str | None], TestClient]) -> None:
    c = TestClient(clients(None).app)
    r = c.post("/login", data={"username": "coach", "password": "nope nope", "csrf_token": csrf_of(c)})
    assert r.status_code == 401 and "wrong username or password" in r.text
    r = c.post("/login", data={"username": "coach", "password": PASSWORD, "csrf_token": csrf_of(c),
                               "next": "//evil.example/x"}, follow_redirects=False)
    assert r.headers["location"] == "/"
    assert "httponly" in r.headers["set-cookie"].lower() and "samesite=lax" in r.headers["set-cookie"].lower()


def test_api_token_for_scripts(imported: dict, clients: Callable[[str | None], TestClient]) -> None:
    coach = clients("coach")
    token = coach.post("/account/tokens.json", data={"name": "ci", "csrf_token": csrf_of(coach)}).json()["new_token"]
    script = TestClient(coach.app)  # no cookies: the token alone, and no CSRF token needed
    auth = {"Authorization": f"Bearer {token}"}
    assert script.get("/team.json", headers=auth).status_code == 200
    with open(EXAMPLES / "transcript.txt", "rb") as fh:
        assert script.post("/import", files={"file": ("t.txt", fh)}, headers=auth).status_code == 202
    assert script.get("/team.json", headers={"Authorization": "Bearer pat_wrong"}).status_code == 401
    tid = coach.get("/account.json").json()["tokens"][-1]["id"]
    coach.post(f"/account/tokens/{tid}/revoke", data={"csrf_token": csrf_of(coach)})
    assert script.get("/team.json", headers=auth).status_code == 401
    sam = clients("sam")
    sam_token = sam.post("/account/tokens.json", data={"csrf_token": csrf_of(sam)}).json()["new_token"]
    assert script.get("/team.json", headers={"Authorization": f"Bearer {sam_token}"}).status_code == 403


def test_check_can_require_login(tmp_path: object) -> None:
    app = create_app(ServerSettings(warm_up=False, require_token="s3cret",
                                    web=WebSettings(db=f"sqlite:///{tmp_path}/x.db")))
    with TestClient(app) as c:
        assert c.get("/check.json").status_code == 401
        assert c.get("/api/v1/check").status_code in (401, 405)


def test_data_survives_restart(tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/restart.db"
    settings = ServerSettings(warm_up=False, web=WebSettings(db=url))

    with TestClient(create_app(settings)) as c:
        c.app.state.web.db.write(lambda s: create_user(s, "boss", PASSWORD, "admin"))
        login(c, "boss")
        assert import_file(c, EXAMPLES / "transcript.txt")["status"] == "done"
        before = c.get("/conversations.json").json()["total"]
    with TestClient(create_app(settings)) as c:  # a new process would see the same file
        login(c, "boss")
        assert c.get("/conversations.json").json()["total"] == before > 0


def test_openapi_lists_pages_and_keeps_the_api(clients: Callable[[str | None], TestClient]) -> None:
    spec = clients(None).get("/openapi.json").json()
    assert {"/api/v1/check", "/api/v1/health", "/team", "/import", "/conversations/{pk}"} <= set(spec["paths"])
    assert clients(None).get("/api/v1/health").json()["status"] == "ok"


def test_home_json_lists_the_pages_each_role_may_open(clients: Callable[[str | None], TestClient]) -> None:
    def links(user: str | None) -> dict[str, str]:
        r = clients(user).get("/", headers={"Accept": "application/json"})
        assert r.status_code == 200
        return r.json()["links"]

    assert set(links(None)) == {"check"}
    agent, coach = links("sam"), links("coach")
    assert {"practice", "practice_progress", "agent"} <= set(agent) and "practice_team" not in agent
    assert {"practice", "practice_team", "practice_assignments", "team", "import"} <= set(coach)
    for user in ("sam", "coach"):
        for href in links(user).values():  # every link it offers opens for that role
            assert clients(user).get(href, headers={"Accept": "application/json"}).status_code == 200, (user, href)


def test_new_agent_sees_an_empty_own_page_not_a_404(app: object, clients: Callable[[str | None], TestClient]
                                                     ) -> None:
    """Before any conversation of theirs is imported, "My page" opens and says why it is empty;
    for anyone else an agent name without conversations stays a 404."""
    app.state.web.db.write(lambda s: create_user(s, "newbie", PASSWORD, "agent", "newbie"))  # type: ignore[attr-defined]
    newbie = clients("newbie")
    data = newbie.get("/agents/newbie.json").json()
    assert data["summary"] is None and data["conversations"] == [] and data["coaching_points"] == []
    html = newbie.get("/agents/newbie")
    assert html.status_code == 200 and "No conversations with you yet" in html.text
    assert clients("coach").get("/agents/newbie.json").status_code == 404
