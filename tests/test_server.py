"""HTTP API: in-process (fastapi TestClient), no ports."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from patiently.coach import check
from patiently.server import ServerSettings, create_app

UPSET = "Customer: My username is jdoe. This is ridiculous, it STILL does not work!!"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(ServerSettings(warm_up=False)), raise_server_exceptions=False) as c:
        yield c


def test_health(client: TestClient) -> None:
    assert client.get("/api/v1/health").json()["status"] == "ok"


def test_check_matches_python_api(client: TestClient) -> None:
    body = {"draft": "As I said, what is your username?", "context": UPSET}
    r = client.post("/api/v1/check", json=body)
    assert r.status_code == 200
    assert r.json() == check(body["draft"], body["context"]).model_dump(mode="json")
    assert {"impatient_repeat", "redundant_question"} <= {f["category"] for f in r.json()["flags"]}


@pytest.mark.parametrize("context", [
    [{"role": "customer", "text": "It STILL does not work!! This is ridiculous."}],
    {"id": "x", "messages": [{"role": "customer", "text": "It STILL does not work!! This is ridiculous."}]},
])
def test_context_as_json(client: TestClient, context: object) -> None:
    r = client.post("/api/v1/check", json={"draft": "Click Settings.", "context": context})
    assert r.status_code == 200 and "frustrated" in r.json()["context"]["customer"]


def test_openapi_documents_the_result(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/v1/check" in spec["paths"]
    assert {"CheckRequest", "CheckResult", "Flag"} <= set(spec["components"]["schemas"])
    assert set(spec["components"]["schemas"]["Flag"]["properties"]) >= {"category", "span", "severity", "why",
                                                                         "suggestion"}


@pytest.mark.parametrize(("body", "status", "needle"), [
    (b"", 422, "body"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe binary", 400, "not valid JSON"),
    (b"\x00\x01garbage", 400, "not valid JSON"),
    (b'{"draft": ""}', 422, "empty"),
    (b'{"draft": 42}', 422, "draft"),
    (b'{"draft": "ok", "extra": 1}', 422, "extra"),
    (b'["draft"]', 422, "body"),
    (b'{"draft": "\\u0000\\u0001\\u0002\\u0003"}', 422, "binary"),
    (b'{"draft": "ok", "context": "{broken"}', 422, "invalid JSON"),
    (b'{"draft": "ok", "context": "Boss: now"}', 422, "unknown speaker"),
    (b'{"draft": "ok", "context": [1, 2]}', 422, "context"),
    (b'{"draft": "ok", "context": [{"role": "ceo", "text": "x"}]}', 422, "role"),
    # Lone surrogates (valid JSON escapes, not valid Unicode): a bare 500, or "Looks good".
    (b'{"draft": "\\ud800 restart it now"}', 422, "draft is not valid Unicode: a lone surrogate at character 1"),
    (b'{"draft": "ok", "context": "Customer: \\ud800 it STILL drops!!"}', 422, "context line 1: text is not valid"),
    (b'{"draft": "ok", "context": [{"role": "customer", "text": "\\udc00 STILL!!"}]}', 422, "not valid Unicode"),
    (b'{"draft": "ok", "\\ud800": 1}', 422, "valid string"),
])
def test_bad_input_is_4xx_with_a_clear_error(client: TestClient, body: bytes, status: int, needle: str) -> None:
    r = client.post("/api/v1/check", content=body, headers={"content-type": "application/json"})
    assert r.status_code == status, r.text
    assert needle in r.json()["error"]


@pytest.mark.parametrize(("body", "where"), [
    (b'{"draft":', "Expecting value at line 1, column 10"),
    (b'{"draft": "ok",}', "Expecting property name enclosed in double quotes at line 1, column 16"),
    (b'{"draft": "ok"}\n{"x"', "Extra data at line 2, column 1"),
])
def test_malformed_json_is_400_with_its_position(client: TestClient, body: bytes, where: str) -> None:
    """docs/coach.md: 400 for a body that is not JSON; it was 422 with the offset as a "field"."""
    r = client.post("/api/v1/check", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 400, r.text
    assert r.json() == {"error": f'request body is not valid JSON: {where}; send {{"draft": "...", "context": ...}}'}


def test_own_failures_are_json_500s_not_bare_ones(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from patiently.server import app as app_module

    def unwritable(draft: str, context: object, llm: object = None) -> object:
        # A result the validation let through with text no JSON writer can encode.
        return check("Thanks, I'm on it.").model_copy(update={"draft": "\ud800"})

    monkeypatch.setattr(app_module, "check", unwritable)
    r = client.post("/api/v1/check", json={"draft": "ok"})
    assert r.status_code == 500 and "could not be written as JSON" in r.json()["error"]

    def broken(draft: str, context: object, llm: object = None) -> object:
        raise RuntimeError("a bug")

    monkeypatch.setattr(app_module, "check", broken)
    r = client.post("/api/v1/check", json={"draft": "ok"})
    assert r.status_code == 500 and r.json()["error"].startswith("internal error")


def test_one_megabyte_draft_is_413(client: TestClient) -> None:
    r = client.post("/api/v1/check", json={"draft": "x" * 1_000_000})
    assert r.status_code == 413 and "limit" in r.json()["error"]


def test_streamed_body_over_the_limit_is_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(400):
            yield b"x" * 1024

    r = client.post("/api/v1/check", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_long_draft_under_body_limit_is_422(client: TestClient) -> None:
    r = client.post("/api/v1/check", json={"draft": "word " * 10_000})
    assert r.status_code == 422 and "over the limit" in r.json()["error"]


def test_token_when_required() -> None:
    app = create_app(ServerSettings(warm_up=False, require_token="s3cret"))
    with TestClient(app) as c:
        assert c.get("/api/v1/health").status_code == 200
        assert c.post("/api/v1/check", json={"draft": "Hello"}).status_code == 401
        ok = c.post("/api/v1/check", json={"draft": "Hello"}, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200
