"""LLM polish: a fake OpenAI-compatible server (httpx.MockTransport), never a real model."""

from __future__ import annotations

import json

import httpx

from patiently.coach import check
from patiently.coach.llm import LLMSettings, endpoint, polish

DRAFT = "As I said, just restart it."


def fake(status: int = 200, content: object = "Let me walk you through the restart again, step by step.",
         seen: list[dict[str, object]] | None = None) -> httpx.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append({"url": str(request.url), "body": json.loads(request.content),
                         "auth": request.headers.get("authorization")})
        if status != 200:
            return httpx.Response(status, json={"error": "boom"})
        return httpx.Response(200, json={"choices": [{"message": {"role": "assistant", "content": content}}]})

    return httpx.Client(transport=httpx.MockTransport(handler))


def test_endpoint_urls() -> None:
    assert endpoint("http://127.0.0.1:8080") == "http://127.0.0.1:8080/v1/chat/completions"
    assert endpoint("http://h/v1/") == "http://h/v1/chat/completions"
    assert endpoint("http://h/v1/chat/completions") == "http://h/v1/chat/completions"


def test_polish_replaces_the_rewrite() -> None:
    seen: list[dict[str, object]] = []
    r = check(DRAFT, "Customer: it STILL crashes!! This is ridiculous.")
    polish(r, [], LLMSettings(url="http://llm.test", model="tiny", api_key="k"), client=fake(seen=seen))
    assert r.rewrite is not None and r.rewrite.source == "llm"
    assert r.rewrite.text.startswith("Let me walk you through")
    body = seen[0]["body"]
    assert seen[0]["url"] == "http://llm.test/v1/chat/completions" and seen[0]["auth"] == "Bearer k"
    assert body["model"] == "tiny" and DRAFT in body["messages"][1]["content"]  # type: ignore[index]


def test_failure_falls_back_with_a_note() -> None:
    for client in (fake(status=500), fake(content=""), fake(content=None)):
        r = check(DRAFT)
        before = r.rewrite
        polish(r, [], LLMSettings(url="http://llm.test"), client=client)
        assert r.rewrite == before and r.rewrite is not None and r.rewrite.source == "embedded"
        assert any("LLM polish unavailable" in n for n in r.notes)


def test_unreachable_server_falls_back() -> None:
    # Port 9 on loopback: nothing listens; the connection is refused at once.
    r = check(DRAFT, llm=LLMSettings(url="http://127.0.0.1:9", timeout_s=2))
    assert r.rewrite is not None and r.rewrite.source == "embedded"
    assert any("LLM polish unavailable" in n for n in r.notes)


def test_no_llm_call_for_a_good_draft() -> None:
    r = check("Thanks, I'm looking into it now and will update you by 3pm.",
              llm=LLMSettings(url="http://127.0.0.1:9", timeout_s=2))
    assert r.rewrite is None and not r.notes


def test_words_no_rule_rewrote_stay_listed_only_while_the_model_keeps_them() -> None:
    bank = "Not sure why you're contacting us about this, it's a bank issue."  # QA14 b03: the tone model's flag
    context = "Customer: My payment to you was declined but the money has left my account!"
    settings = LLMSettings(url="http://llm.test", model="tiny")
    kept = check(bank, context)
    assert kept.rewrite is not None and kept.rewrite.unchanged == [bank]
    polish(kept, [], settings, client=fake(content=f"I'm sorry about the payment. {bank}"))
    assert kept.rewrite.unchanged == [bank] and kept.rewrite.complete is False
    reworded = check(bank, context)
    polish(reworded, [], settings, client=fake(content="I'm sorry: the money left your account, so let me check "
                                                        "with our payments team now."))
    assert reworded.rewrite is not None and reworded.rewrite.unchanged == [] and reworded.rewrite.complete is True
