"""Editing the whole rubric as YAML on /rubric: validated as the CLI validates a --rubric file
(errors name the line and the field, nothing saved), saved as a new version that rescores the
stored findings, a summary of what changed, YAML download, and restoring an earlier version."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pytest
import yaml
from fastapi.testclient import TestClient

from patiently.rubric import RubricError, load_rubric, parse_rubric, rubric_yaml
from patiently.web.jobs import wait_for

from .conftest import csrf_of, pk_of

Clients = Callable[[str | None], TestClient]
DEFAULT = load_rubric()


def _post_yaml(c: TestClient, text: str):  # type: ignore[no-untyped-def]
    """The form as a browser without JavaScript sends it."""
    return c.post("/rubric/yaml", data={"yaml": text, "csrf_token": csrf_of(c)}, follow_redirects=False)


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def _versions(c: TestClient) -> list[int]:
    return [h["version"] for h in c.get("/rubric.json").json()["history"]]


def _textarea(page: str) -> str:
    m = re.search(r'<textarea name="yaml"[^>]*>(.*?)</textarea>', page, re.S)
    assert m, "no YAML editor on the page"
    return html.unescape(m.group(1))


def _text(page: str) -> str:
    """What a reader sees: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


# --- the validation itself (rubric.py), as the CLI meets it --------------------------------------
def test_rubric_errors_name_line_and_field() -> None:
    text = "name: x\nbehaviours:\n  empathy:\n    title: E\n    description: d\n    weight: -1\n" \
           "    credits:\n      - {label: agent.empathyy, points: 5}\n"
    with pytest.raises(RubricError) as info:
        parse_rubric(text, "r.yaml", labels={"agent.empathy"})
    assert [str(p) for p in info.value.problems] == [
        "line 6: behaviours.empathy.weight: Input should be greater than or equal to 0",
        "line 8: behaviours.empathy.credits[0].label: unknown label 'agent.empathyy'; did you mean 'agent.empathy'?",
    ]
    assert str(info.value).startswith("r.yaml: invalid rubric\n  line 6: ")
    parse_rubric(text.replace("-1", "1").replace("empathyy", "empathy"), labels={"agent.empathy"})
    # Without a label list (the CLI: plugins may add labels) only the shape is checked.
    assert parse_rubric(text.replace("-1", "1")).behaviours["empathy"].credits[0].label == "agent.empathyy"


def test_rubric_yaml_reads_back_to_the_same_rubric() -> None:
    text = rubric_yaml(DEFAULT)
    assert parse_rubric(text) == DEFAULT
    assert "weight: 1.2" in text and "- {label: agent.empathy, points: 15, max: 30, min_score: 0.5}" in text


# --- the page -------------------------------------------------------------------------------------
def test_json_twin_download_and_openapi(imported: dict, clients: Clients) -> None:
    c = clients("sam")  # any logged-in user may look
    page = c.get("/rubric.json").json()
    assert page == c.get("/rubric", headers={"Accept": "application/json"}).json()
    assert {"rubric", "id", "version", "history", "yaml", "yaml_errors", "yaml_href"} <= set(page)
    assert parse_rubric(page["yaml"]).model_dump(mode="json") == page["rubric"]
    assert all({"version", "rubric_id", "created_at", "user", "href", "active"} <= set(h) for h in page["history"])
    down = c.get("/rubric.yaml")
    assert down.status_code == 200 and down.headers["content-type"].startswith("application/yaml")
    assert "attachment" in down.headers["content-disposition"]
    assert parse_rubric(down.text).model_dump(mode="json") == page["rubric"]
    first = page["history"][-1]
    version = c.get(f"/rubric/versions/{first['version']}.json").json()
    assert version["id"] == first["rubric_id"] and "yaml" in version and "changes" in version
    assert c.get(f"/rubric/versions/{first['version']}").status_code == 200
    assert c.get("/rubric/versions/9999.json").status_code == 404
    paths = c.get("/openapi.json").json()["paths"]
    assert {"/rubric", "/rubric/yaml", "/rubric.yaml", "/rubric/versions/{version}",
            "/rubric/versions/{version}/restore"} <= set(paths)
    # Viewers see the YAML but get no editor and no restore buttons.
    seen = c.get("/rubric").text
    assert 'name="yaml"' not in seen and "/restore" not in seen and "Download YAML" in seen
    assert 'name="yaml"' in clients("admin").get("/rubric").text


def test_invalid_yaml_syntax_error_names_the_line(imported: dict, clients: Clients) -> None:
    c = clients("admin")
    before = _versions(c)
    text = c.get("/rubric.json").json()["yaml"]
    line = _line_of(text, "title: Active listening")
    broken = text.replace("title: Active listening", "title: [Active listening", 1)
    r = _post_yaml(c, broken)
    assert r.status_code == 422
    assert _textarea(r.text) == broken  # the admin's text is kept, not replaced by the stored rubric
    # YAML notices the slip on the next line; the message also names the line it started on.
    assert f"line {line + 1}: not valid YAML: expected ',' or ']', but got ':' (while parsing a flow sequence " \
           f"started on line {line})" in _text(r.text)
    data = c.post("/rubric/yaml.json", json={"yaml": broken}, headers={"X-CSRF-Token": csrf_of(c)})
    assert data.status_code == 422 and data.json()["yaml"] == broken
    (problem,) = data.json()["yaml_errors"]
    assert problem["line"] == line + 1 and problem["field"] == "" and "not valid YAML" in problem["message"]
    assert _versions(c) == before  # nothing saved


def test_unknown_label_names_line_and_field(imported: dict, clients: Clients) -> None:
    c = clients("admin")
    before = _versions(c)
    text = c.get("/rubric.json").json()["yaml"]
    line = _line_of(text, "{label: agent.empathy, points: 15")
    bad = text.replace("{label: agent.empathy, points: 15", "{label: agent.empathyy, points: 15", 1)
    r = _post_yaml(c, bad)
    assert r.status_code == 422 and _textarea(r.text) == bad
    expected = f"line {line}: behaviours.empathy.credits[0].label: unknown label 'agent.empathyy'"
    assert expected in _text(r.text)
    j = c.post("/rubric/yaml.json", json={"yaml": bad}, headers={"X-CSRF-Token": csrf_of(c)}).json()
    assert [e["text"] for e in j["yaml_errors"]] == [expected + "; did you mean 'agent.empathy'?"]
    assert _versions(c) == before


def test_weights_that_do_not_validate(imported: dict, clients: Clients) -> None:
    c = clients("admin")
    before = _versions(c)
    text = c.get("/rubric.json").json()["yaml"]
    line = _line_of(text, "weight: 1.2")
    negative = text.replace("weight: 1.2", "weight: -2", 1)
    errs = c.post("/rubric/yaml.json", json={"yaml": negative}, headers={"X-CSRF-Token": csrf_of(c)}).json()
    assert [e["text"] for e in errs["yaml_errors"]] == [
        f"line {line}: behaviours.empathy.weight: Input should be greater than or equal to 0"]
    word = c.post("/rubric/yaml.json", json={"yaml": text.replace("weight: 1.2", "weight: heavy", 1)},
                  headers={"X-CSRF-Token": csrf_of(c)}).json()
    assert word["yaml_errors"][0]["field"] == "behaviours.empathy.weight" and word["yaml_errors"][0]["line"] == line
    zero = re.sub(r"weight: [0-9.]+", "weight: 0", text)
    r = _post_yaml(c, zero)
    assert r.status_code == 422 and "at least one behaviour needs a weight above 0" in r.text
    # an infinite weight made every overall score NaN and the dashboard a 500
    inf = c.post("/rubric/yaml.json", json={"yaml": text.replace("weight: 1.2", "weight: .inf", 1)},
                 headers={"X-CSRF-Token": csrf_of(c)})
    assert inf.status_code == 422 and inf.json()["yaml_errors"][0]["line"] == line
    assert _versions(c) == before
    assert c.get("/").status_code == 200


def test_a_body_that_is_not_json_is_a_422(imported: dict, clients: Clients) -> None:
    c = clients("admin")
    for path in ("/rubric.json", "/rubric/yaml.json"):
        r = c.post(path, content=b"{not json", headers={"X-CSRF-Token": csrf_of(c), "content-type": "application/json"})
        assert r.status_code == 422, (path, r.status_code)


def test_non_admin_gets_403(imported: dict, clients: Clients) -> None:
    text = clients("admin").get("/rubric.json").json()["yaml"]
    oldest = clients("admin").get("/rubric.json").json()["history"][-1]["version"]
    for name in ("coach", "sam"):
        c = clients(name)
        assert _post_yaml(c, text).status_code == 403
        assert c.post("/rubric/yaml.json", json={"yaml": text}, headers={"X-CSRF-Token": csrf_of(c)}).status_code == 403
        assert c.post(f"/rubric/versions/{oldest}/restore", data={"csrf_token": csrf_of(c)}).status_code == 403
        assert c.get(f"/rubric/versions/{oldest}").status_code == 200  # looking is fine
    anon = clients(None)
    assert anon.get("/rubric.yaml", follow_redirects=False).status_code == 303  # to the log-in page
    admin = clients("admin")
    no_token = admin.post("/rubric/yaml", data={"yaml": text}, follow_redirects=False)
    assert no_token.status_code == 403 and "CSRF" in no_token.text


def test_valid_edit_changes_scores_after_rescoring(imported: dict, clients: Clients) -> None:
    c = clients("admin")
    pk = pk_of(c, "ex-001")
    old = c.get(f"/conversations/{pk}.json").json()["conversation"]
    current = c.get("/rubric.json").json()
    data = yaml.safe_load(current["yaml"])
    # Only empathy counts, from a lower baseline, and a new deduction rule: the overall score must move.
    for name, b in data["behaviours"].items():
        b["weight"] = 2 if name == "empathy" else 0
    data["behaviours"]["empathy"]["baseline"] = 40
    data["behaviours"]["empathy"]["deductions"].append({"label": "agent.jargon", "points": 5})
    text = yaml.safe_dump(data, sort_keys=False).replace("\n", "\r\n")  # as a browser sends a textarea
    r = _post_yaml(c, text)
    assert r.status_code == 303, r.text
    m = re.fullmatch(r"/rubric/versions/(\d+)\?job=(\d+)", r.headers["location"])
    assert m, r.headers["location"]
    version, job_id = int(m.group(1)), int(m.group(2))
    assert version == max(_versions(c)) and version > current["version"]
    job = wait_for(c.app.state.web.db, job_id)
    assert job["status"] == "done" and job["updated"] >= 35
    new = c.get(f"/conversations/{pk}.json").json()["conversation"]
    assert new["findings"] == old["findings"]  # scored again from stored findings, no detector ran
    assert new["rubric_id"] == f"default@{version}"
    assert new["scores"]["overall"] == new["scores"]["empathy"] != old["scores"]["overall"]
    assert new["scores"]["empathy"] < old["scores"]["empathy"]
    # The page after saving says what changed, and links the rescoring job.
    after = c.get(r.headers["location"])
    assert after.status_code == 200 and f"/jobs/{job_id}" in after.text
    page = c.get(f"/rubric/versions/{version}.json").json()
    summary = page["changes"]["summary"]
    assert "empathy: baseline 70 → 40" in summary and "empathy: weight 1.2 → 2" in summary
    assert "active_listening: weight 1 → 0" in summary
    assert "empathy: deductions rule added: agent.jargon −5" in summary
    assert "empathy: baseline 70 → 40" in _text(after.text)
    assert page["user"] == "admin" and page["created_at"] and page["active"]
    assert c.get("/rubric.json").json()["id"] == f"default@{version}"
    # Saving the same rubric again changes nothing and saves nothing.
    same = c.post("/rubric/yaml.json", json={"yaml": c.get("/rubric.json").json()["yaml"]},
                  headers={"X-CSRF-Token": csrf_of(c)})
    assert same.status_code == 200 and same.json()["notice"] and max(_versions(c)) == version


def test_restore_creates_a_new_version(imported: dict, clients: Clients) -> None:
    c = clients("admin")
    # Make sure there is an earlier version to go back to.
    weights = {n: 1.0 for n in DEFAULT.behaviours}
    saved = c.post("/rubric.json", json={"weights": weights}, headers={"X-CSRF-Token": csrf_of(c)})
    assert saved.status_code == 202 and "summary" in saved.json()["changes"]
    wait_for(c.app.state.web.db, saved.json()["job"]["id"])
    history = c.get("/rubric.json").json()["history"]
    builtin = history[-1]
    assert builtin["builtin"] and builtin["version"] == DEFAULT.version and not builtin["active"]
    active = history[0]
    assert active["active"]
    assert c.post(f"/rubric/versions/{active['version']}/restore.json", headers={"X-CSRF-Token": csrf_of(c)}
                  ).status_code == 409  # already in use
    r = c.post(f"/rubric/versions/{builtin['version']}/restore", data={"csrf_token": csrf_of(c)},
               follow_redirects=False)
    assert r.status_code == 303
    m = re.fullmatch(r"/rubric/versions/(\d+)\?job=(\d+)", r.headers["location"])
    assert m
    new_version = int(m.group(1))
    assert wait_for(c.app.state.web.db, int(m.group(2)))["status"] == "done"
    now = c.get("/rubric.json").json()
    assert now["version"] == new_version == active["version"] + 1 and len(now["history"]) == len(history) + 1
    assert now["rubric"] == DEFAULT.model_copy(update={"version": new_version}).model_dump(mode="json")
    assert now["history"][0]["user"] == "admin" and now["history"][-1] == builtin | {"active": False}
    changes = c.get(f"/rubric/versions/{new_version}.json").json()["changes"]
    assert "empathy: weight 1 → 1.2" in changes["summary"]
    pk = pk_of(c, "ex-001")
    assert c.get(f"/conversations/{pk}.json").json()["conversation"]["rubric_id"] == f"default@{new_version}"
