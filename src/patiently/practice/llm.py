"""Optional: an OpenAI-compatible model rephrases the customer's chosen line.

The state machine stays in charge: it decides what happened (a fact revealed, a step done,
the customer angrier) and picks the scenario line; the model only says the same thing in
the persona's voice. Any failure keeps the scenario's line, with a note, so practice works
offline and never blocks on a model. Reuses the reply coach's client and settings.
"""

from __future__ import annotations

from collections.abc import Sequence

import httpx

from ..coach.llm import LLMSettings, complete
from ..model import Message
from .scenario import Scenario

__all__ = ["LLMSettings", "build_prompt", "rephrase"]

MAX_LINE_CHARS = 600


def build_prompt(scenario: Scenario, history: Sequence[Message], situations: Sequence[str],
                 line: str) -> list[dict[str, str]]:
    p = scenario.persona
    system = (
        f"You play {p.name}, {p.role}, in an IT support chat practice. Technical level: {p.technical_level}; "
        f"mood: {p.mood}; pace: {p.pace}. Rephrase the customer's next line in your own natural words. "
        "Keep every fact and its meaning, add no new facts, do not solve the problem, and keep the same "
        "emotion. One to three short sentences. Answer with the line only."
    )
    convo = "\n".join(f"{'Agent' if m.role == 'agent' else 'Customer'}: {m.text}" for m in history[-6:])
    user = (f"Conversation so far:\n{convo}\n\nSituation: {', '.join(situations)}\n"
            f"Line to rephrase:\n{line}")
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def rephrase(settings: LLMSettings, scenario: Scenario, history: Sequence[Message], situations: Sequence[str],
             line: str, client: httpx.Client | None = None) -> tuple[str, str | None]:
    """(text, note): the model's wording, or the scenario line and why the model was not used."""
    try:
        text = complete(settings, build_prompt(scenario, history, situations, line), client)
    except (httpx.HTTPError, KeyError, IndexError, TypeError, ValueError) as exc:
        reason = f"HTTP {exc.response.status_code}" if isinstance(exc, httpx.HTTPStatusError) else type(exc).__name__
        return line, f"LLM unavailable ({reason}); the scenario's line was used."
    return text[:MAX_LINE_CHARS], None
