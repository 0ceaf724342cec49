"""Optional polish of the embedded rewrite by an OpenAI-compatible chat endpoint.

Any server that speaks ``POST /v1/chat/completions`` works (llama.cpp's ``llama-server``,
Ollama, vLLM, a hosted API). It is only used when asked for (``--llm-url`` or the server
setting), it only rewrites the already-rewritten draft (the flags, severities and evidence
always come from the detectors), and any failure falls back to the embedded rewrite with a
note: the coach must work offline and never block on a model.
"""

from __future__ import annotations

from collections.abc import Sequence

import httpx
from pydantic import BaseModel, ConfigDict, Field

from ..model import Message
from ..readers._common import not_unicode
from .models import CheckResult, Rewrite

SYSTEM_PROMPT = (
    "You help IT support agents write patient, warm and clear replies. Rewrite the agent's draft reply "
    "so it keeps every fact, step and link of the draft, acknowledges the customer's feelings when they "
    "are upset, uses plain words, and sounds like a person. Fix the listed problems. Keep any [bracketed "
    "placeholders]. Answer with the rewritten reply only, no preamble."
)
MAX_REPLY_CHARS = 8_000


class LLMSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str = Field(description="Base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:8080 "
                                 "(or the full .../v1/chat/completions URL).")
    model: str = "local"
    api_key: str | None = Field(None, repr=False)
    timeout_s: float = Field(15.0, gt=0, le=120)
    temperature: float = Field(0.2, ge=0, le=2)


def endpoint(url: str) -> str:
    u = url.rstrip("/")
    if u.endswith("/chat/completions"):
        return u
    return f"{u}/chat/completions" if u.endswith("/v1") else f"{u}/v1/chat/completions"


def build_messages(result: CheckResult, context: Sequence[Message]) -> list[dict[str, str]]:
    lines = [f"{m.role.capitalize()}: {m.text}" for m in context[-6:]]
    problems = [f"- {f.category} ({f.severity}): {f.why}" for f in result.flags if f.severity != "info"]
    user = (
        ("Conversation so far:\n" + "\n".join(lines) + "\n\n" if lines else "")
        + f"Draft reply:\n{result.draft}\n\nProblems found:\n" + "\n".join(problems)
        + f"\n\nA first rewrite:\n{result.rewrite.text if result.rewrite else result.draft}\n\n"
        "Write the improved reply."
    )
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


def complete(settings: LLMSettings, messages: list[dict[str, str]], client: httpx.Client | None = None) -> str:
    headers = {"Authorization": f"Bearer {settings.api_key}"} if settings.api_key else {}
    body = {"model": settings.model, "messages": messages, "temperature": settings.temperature, "stream": False}
    own = client is None
    c = client or httpx.Client(timeout=settings.timeout_s)
    try:
        r = c.post(endpoint(settings.url), json=body, headers=headers, timeout=settings.timeout_s)
        r.raise_for_status()
        text = r.json()["choices"][0]["message"]["content"]
    finally:
        if own:
            c.close()
    if not isinstance(text, str) or not text.strip():
        raise ValueError("empty answer")
    if not_unicode(text):  # a lone "\ud800" escape in the answer: the result could not be written as JSON
        raise ValueError("answer is not valid Unicode")
    return text.strip()[:MAX_REPLY_CHARS]


def polish(result: CheckResult, context: Sequence[Message], settings: LLMSettings,
           client: httpx.Client | None = None) -> None:
    """Replace ``result.rewrite`` by the model's version; on any failure keep it and add a note."""
    if result.rewrite is None:
        return
    try:
        text = complete(settings, build_messages(result, context), client)
    except (httpx.HTTPError, KeyError, IndexError, TypeError, ValueError) as exc:
        reason = f"HTTP {exc.response.status_code}" if isinstance(exc, httpx.HTTPStatusError) else type(exc).__name__
        result.notes.append(f"LLM polish unavailable ({reason}); showing the embedded rewrite.")
        return
    # the words no rule rewrote stay listed while the model kept them word for word
    unchanged = [t for t in result.rewrite.unchanged if t in text]
    result.rewrite = Rewrite(text=text, source="llm", complete="[" not in text and not unchanged,
                             unchanged=unchanged)
