"""Stored values a page cannot write as they are must not make it a 500 for good: a rubric with
a lone surrogate (saved before rubrics were checked for them), NaN or Infinity in a
conversation's data. And a rubric whose text cannot be stored is refused, not saved and made
active."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from patiently.web import store
from patiently.web.models import Conversation, RubricVersion

from .conftest import csrf_of, pk_of

Clients = Callable[[str | None], TestClient]


def _versions(c: TestClient) -> list[int]:
    return [h["version"] for h in c.get("/rubric.json").json()["history"]]


def _post_yaml(c: TestClient, text: str) -> Any:
    # json.dumps writes a lone surrogate as its escape, as a script would send it.
    return c.post("/rubric/yaml", content=json.dumps({"yaml": text}),
                  headers={"X-CSRF-Token": csrf_of(c), "Accept": "application/json",
                           "Content-Type": "application/json"})


def test_json_twin_writes_what_json_cannot_hold() -> None:
    from patiently.web.render import JsonResponse

    body = JsonResponse({"x": float("nan"), "y": [float("inf"), -float("inf"), 1.5], "s": "a\ud800b"}).body
    assert json.loads(body) == {"x": None, "y": [None, None, 1.5], "s": "a\ufffdb"}


def test_rubric_with_text_that_cannot_be_stored_is_refused(imported: dict, clients: Clients) -> None:
    admin = clients("admin")
    yaml_text = admin.get("/rubric.yaml").text
    before = _versions(admin)
    for escape in ("\\ud800", "\\0"):
        odd = yaml_text.replace("title: Empathy", f'title: "Emp{escape}athy"', 1)
        assert odd != yaml_text
        r = _post_yaml(admin, odd)
        assert r.status_code == 422, r.text
        assert any("title" in e["text"] for e in r.json()["yaml_errors"]), r.json()["yaml_errors"]
    assert _versions(admin) == before  # nothing saved
    assert admin.get("/rubric").status_code == 200


def test_pages_survive_a_stored_lone_surrogate(imported: dict, app: Any, clients: Clients) -> None:
    admin = clients("admin")
    db = app.state.web.db
    good = max(_versions(admin))
    bad = good + 1
    data = store.active_rubric(db).model_dump(mode="json")
    data["version"] = bad
    data["behaviours"]["empathy"]["title"] = "Emp\ud800athy"
    # As an older patiently stored it: straight into the table, bypassing the checks.
    db.write(lambda s: s.add(RubricVersion(rubric_id=f"{data['name']}@{bad}", version=bad, data=data)))
    try:
        for path in ("/rubric", "/rubric.json", f"/rubric/versions/{bad}", f"/rubric/versions/{bad}.json",
                     "/rubric.yaml", f"/rubric.yaml?version={bad}"):
            r = admin.get(path)
            assert r.status_code == 200, (path, r.status_code)
        assert admin.get("/rubric.json").json()["rubric"]["behaviours"]["empathy"]["title"] == "Emp\ufffdathy"
        assert "Emp\ufffdathy" in admin.get("/rubric").text
        # The editor still answers: an invalid save is a 422 (its page shows the active rubric) ...
        r = admin.post("/rubric/yaml", data={"yaml": "name: [", "csrf_token": csrf_of(admin)})
        assert r.status_code == 422
        # ... restoring a good version repairs it, and the odd one cannot be restored.
        restore = admin.post(f"/rubric/versions/{good}/restore", headers={"X-CSRF-Token": csrf_of(admin),
                                                                          "Accept": "application/json"})
        assert restore.status_code == 202, restore.text
        restore = admin.post(f"/rubric/versions/{bad}/restore", headers={"X-CSRF-Token": csrf_of(admin),
                                                                         "Accept": "application/json"})
        assert restore.status_code == 422 and "not valid Unicode" in restore.json()["error"]
        assert max(_versions(admin)) == bad + 1  # the restore of the good one only
    finally:
        db.write(lambda s: s.execute(RubricVersion.__table__.delete().where(RubricVersion.version == bad)))


def test_conversation_with_nan_has_a_json_twin(imported: dict, app: Any, clients: Clients) -> None:
    coach = clients("coach")
    pk = pk_of(coach, "ex-005")
    db = app.state.web.db

    def poison(s: Any) -> None:
        row = s.scalar(select(Conversation).where(Conversation.id == pk))
        messages = [dict(m) for m in row.data["messages"]]
        messages[0] |= {"x": float("nan"), "n": float("inf"), "text": messages[0]["text"] + " \ud800"}
        row.data = {**row.data, "messages": messages}

    db.write(poison)
    r = coach.get(f"/conversations/{pk}.json")
    assert r.status_code == 200, r.text
    first = r.json()["conversation"]["messages"][0]
    assert first["x"] is None and first["n"] is None and first["text"].endswith(" \ufffd")
    assert coach.get(f"/conversations/{pk}").status_code == 200
