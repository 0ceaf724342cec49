"""The coach's result: pydantic models shared by the Python API, the CLI (--json) and HTTP.

They are pydantic (unlike the hot-path dataclasses in :mod:`patiently.model`) because one is
built per check, and because FastAPI uses them as the response model: /openapi.json then
documents exactly what ``patiently check --json`` prints.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Severity = Literal["info", "warning", "problem"]
SEVERITIES: tuple[str, ...] = ("info", "warning", "problem")
Category = Literal[
    "dismissive", "blame", "condescending", "pressure", "impatient_repeat", "jargon", "negative_phrasing",
    "no_acknowledgment", "unprofessional", "scripted_empathy", "premature_closure", "redundant_question",
]
CustomerState = Literal["frustrated", "confused", "repeating", "non_technical"]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TextSpan(_Out):
    """Characters [start, end) of the draft."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Flag(_Out):
    category: Category
    span: TextSpan
    text: str = Field(description="The flagged words of the draft (draft[span.start:span.end]).")
    severity: Severity
    why: str = Field(description="One line, addressed to the agent.")
    suggestion: str = Field(description="A rewritten sentence or phrase for the flagged part.")
    label: str = Field(description="The analyser label behind the flag, e.g. agent.dismissive.")
    score: float = Field(ge=0, le=1, description="The detector's confidence/strength, 0..1.")


class Strength(_Out):
    label: str
    span: TextSpan
    text: str
    note: str


class ContextSummary(_Out):
    messages: int = Field(0, description="Context messages analysed (the last ones, capped).")
    truncated: int = Field(0, description="Earlier context messages left out by the cap.")
    customer: list[CustomerState] = Field(default_factory=list,
                                          description="What the coach noticed about the customer.")
    notes: list[str] = Field(default_factory=list, description="How the coach adapts to the customer.")


class Rewrite(_Out):
    text: str
    source: Literal["embedded", "llm"] = "embedded"
    complete: bool = Field(True, description="False when some flags had no automatic rewrite: the text "
                                             "still holds [placeholders] to fill in, or flagged words left "
                                             "as they were (see unchanged).")
    unchanged: list[str] = Field(default_factory=list, description=(
        "Flagged words (warning or problem) the rewrite keeps as they were, because no rule rewrites "
        "them (often a tone model's reading): reword them yourself."))


class CheckResult(_Out):
    draft: str
    verdict: Literal["ok", "review", "rewrite"] = Field(
        description="ok: nothing above info; review: warnings; rewrite: at least one problem.")
    flags: list[Flag] = Field(default_factory=list)
    strengths: list[Strength] = Field(default_factory=list)
    context: ContextSummary = Field(default_factory=ContextSummary)
    rewrite: Rewrite | None = Field(None, description="A full rewritten draft, when any flag is a warning "
                                                      "or a problem.")
    notes: list[str] = Field(default_factory=list)
    errors: list[dict[str, str]] = Field(default_factory=list, description="Detectors that failed on this draft.")
    version: str

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(SEVERITIES, 0)
        for f in self.flags:
            out[f.severity] += 1
        return out
