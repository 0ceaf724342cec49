"""Every page renders as HTML and has a JSON twin built from the same dict."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from patiently.web.cli import export_reviews_command
from patiently.web.jobs import wait_for

from .conftest import csrf_of, pk_of

PAGES = ["/team", "/agents/sam", "/conversations", "/import", "/rubric", "/users", "/account", "/check"]


@pytest.mark.parametrize("path", PAGES)
def test_page_and_json_twin(imported: dict, clients: Callable[[str | None], TestClient], path: str) -> None:
    c = clients("admin")
    html = c.get(path)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "<script src=\"http" not in html.text and "cdn" not in html.text.lower()  # nothing from the network
    by_suffix = c.get(path + ".json")
    by_accept = c.get(path, headers={"Accept": "application/json"})
    assert by_suffix.status_code == by_accept.status_code == 200
    assert by_suffix.json() == by_accept.json()


def test_conversation_page(imported: dict, clients: Callable[[str | None], TestClient]) -> None:
    c = clients("coach")
    pk = pk_of(c, "ex-001")
    html = c.get(f"/conversations/{pk}")
    assert html.status_code == 200 and "<mark class=" in html.text and 'name="finding-0"' in html.text
    data = c.get(f"/conversations/{pk}.json").json()
    assert data["conversation"]["id"] == "ex-001" and data["conversation"]["messages"]
    assert set(data["conversation"]["scores"]) >= {"overall", "empathy"}


def test_team_dashboard_numbers(imported: dict, clients: Callable[[str | None], TestClient]) -> None:
    data = clients("coach").get("/team.json").json()
    assert data["team"]["conversations"] >= 35
    assert data["weekly"] and all(w["week"].startswith("2026-W") for w in data["weekly"])
    assert {"lowest_scores", "broken_promises", "escalations"} <= set(data["worth_reviewing"])
    lowest = [r["overall"] for r in data["worth_reviewing"]["lowest_scores"]]
    assert lowest == sorted(lowest)
    assert "sam" in {a["agent"] for a in data["agents"]}
    html = clients("coach").get("/team").text
    assert "<svg" in html and "Worth reviewing" in html


def test_agent_page(imported: dict, clients: Callable[[str | None], TestClient]) -> None:
    data = clients("coach").get("/agents/sam.json").json()
    assert data["agent"] == "sam" and data["conversations"] and data["strengths"]
    assert all(row["pk"] for row in data["conversations"])
    assert clients("coach").get("/agents/nobody.json").status_code == 404


def test_review_and_export(imported: dict, clients: Callable[[str | None], TestClient], tmp_path: Path) -> None:
    c = clients("coach")
    pk = pk_of(c, "ex-002")
    html = c.get(f"/conversations/{pk}").text
    r = c.post(f"/conversations/{pk}/review", data={"finding-0": "correct", "finding-1": "wrong", "finding-2": "",
                                                    "note": "Good opener.", "csrf_token": csrf_of(c)},
               follow_redirects=False)
    assert r.status_code == 303 and "name=\"finding-0\"" in html
    reviews = c.get(f"/conversations/{pk}.json").json()["reviews"]
    assert len(reviews) == 1 and reviews[0]["note"] == "Good opener."
    assert [v["verdict"] for v in reviews[0]["verdicts"]] == ["correct", "wrong"]
    # Saving again replaces this coach's review rather than adding one.
    c.post(f"/conversations/{pk}/review", json={"verdicts": {"0": "wrong"}, "note": "changed"},
           headers={"X-CSRF-Token": csrf_of(c)})
    assert [r["note"] for r in c.get(f"/conversations/{pk}.json").json()["reviews"]] == ["changed"]
    bad = c.post(f"/conversations/{pk}/review", json={"verdicts": {"0": "maybe"}}, headers={"X-CSRF-Token": csrf_of(c)})
    assert bad.status_code == 422

    out = tmp_path / "reviews.jsonl"
    db_url = str(c.app.state.web.db.url)
    result = CliRunner().invoke(export_reviews_command, ["--db", db_url, "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    row = next(x for x in rows if x["conversation"] == "ex-002")
    assert row["verdict"] == "wrong" and row["correct"] is False and row["finding"]["label"] and row["message_text"]


def test_check_page(clients: Callable[[str | None], TestClient]) -> None:
    c = clients(None)  # open without an account
    r = c.post("/check", data={"draft": "As I said, restart it.", "context": "Customer: it STILL fails!!"})
    assert r.status_code == 200 and "Verdict" in r.text
    j = c.post("/check.json", data={"draft": "As I said, restart it."}).json()
    assert j["result"]["verdict"] in ("review", "rewrite") and j["result"]["flags"]
    assert c.post("/check.json", data={"draft": "  "}).status_code == 422


def test_rubric_edit_rescores_from_stored_findings(imported: dict,
                                                   clients: Callable[[str | None], TestClient]) -> None:
    c = clients("admin")
    before = c.get("/rubric.json").json()
    names = list(before["rubric"]["behaviours"])
    bad = c.post("/rubric.json", json={"weights": {names[0]: -1}}, headers={"X-CSRF-Token": csrf_of(c)})
    assert bad.status_code == 422 and names[0] in bad.json()["errors"]
    zero = c.post("/rubric.json", json={"weights": dict.fromkeys(names, 0)}, headers={"X-CSRF-Token": csrf_of(c)})
    assert zero.status_code == 422
    pk = pk_of(c, "ex-001")
    old = c.get(f"/conversations/{pk}.json").json()["conversation"]
    weights = {n: (1.0 if n == "empathy" else 0.0) for n in names}
    r = c.post("/rubric.json", json={"weights": weights}, headers={"X-CSRF-Token": csrf_of(c)})
    assert r.status_code == 202, r.text
    job = wait_for(c.app.state.web.db, r.json()["job"]["id"])
    assert job["status"] == "done" and job["updated"] >= 35
    new = c.get(f"/conversations/{pk}.json").json()["conversation"]
    assert new["rubric_id"] == r.json()["id"] != old["rubric_id"]
    assert new["findings"] == old["findings"]  # detectors did not run again
    assert new["scores"]["overall"] == new["scores"]["empathy"]  # only empathy counts now
    assert c.get("/rubric.json").json()["id"] == r.json()["id"]
