"""The optional LLM only rephrases; the state machine decides, and failures fall back."""

from __future__ import annotations

import httpx

from patiently.practice import Session, get_scenario
from patiently.practice.llm import LLMSettings, build_prompt


def _client(handler) -> httpx.Client:  # type: ignore[no-untyped-def]
    return httpx.Client(transport=httpx.MockTransport(handler))


def test_llm_rephrases_but_state_is_unchanged() -> None:
    seen: list[dict] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(__import__("json").loads(request.content))
        return httpx.Response(200, json={"choices": [{"message": {"content": "Only at home, come to think of it."}}]})

    sc = get_scenario("vpn-home-wifi")
    text = "Does it happen everywhere, or only on certain networks?"
    plain = Session(sc).reply(text)
    s = Session(sc, llm=LLMSettings(url="http://llm.test"), llm_client=_client(handler))
    turn = s.reply(text)
    assert turn.text == "Only at home, come to think of it." and turn.source == "llm"
    assert turn.state == plain.state and turn.situations == plain.situations
    assert "Priya" in seen[0]["messages"][0]["content"]


def test_llm_failure_keeps_the_scenario_line() -> None:
    sc = get_scenario("vpn-home-wifi")
    s = Session(sc, llm=LLMSettings(url="http://llm.test"),
                llm_client=_client(lambda r: httpx.Response(500)))
    turn = s.reply("Does it happen everywhere, or only on certain networks?")
    assert turn.source == "scenario" and turn.text
    assert s.notes and "HTTP 500" in s.notes[0]


def test_prompt_forbids_new_facts() -> None:
    sc = get_scenario("printer-non-technical")
    msgs = build_prompt(sc, [], ["waiting"], "What should I do?")
    assert "add no new facts" in msgs[0]["content"] and "What should I do?" in msgs[1]["content"]
