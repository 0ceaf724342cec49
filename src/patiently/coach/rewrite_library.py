"""The rewrite library (``data/rewrites.yaml``) read into rules and templates, and :func:`fill`, which puts
the draft's own words into a template. Split from :mod:`.rewrite`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..lexicon import load_data
from .rewrite_prefilter import Needs, needs, probe, word_key
from .rewrite_words import base_form, participle

_PLACEHOLDER = re.compile(r"\{([^{}|]+)(?:\|(\w+))?\}")


SCOPES = ("span", "sentence", "draft")


@dataclass(frozen=True, slots=True)
class Rule:
    category: str
    regex: re.Pattern[str]
    replace: str
    scope: str = "span"  # where it may fire: see SCOPES and the library's description
    needs: Needs = ()  # words every match holds (see .rewrite_prefilter)
    probe: re.Pattern[str] | None = None  # finds something wherever regex does, faster (.rewrite_prefilter)
    key: frozenset[str] = frozenset()  # whole words of which every match holds one (.rewrite_prefilter)


@dataclass(frozen=True)
class Library:
    rules: dict[str, tuple[Rule, ...]]
    participles: dict[str, str]  # past participle -> base form ({x|base})
    templates: dict[str, Any]
    fallback: dict[str, str]
    sentence_scope: frozenset[str] = frozenset()
    # category -> (the sentence, phrases that make it redundant)
    sentence_fallback: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    past_participles: dict[str, str] = field(default_factory=dict)  # simple past -> participle


_TEMPLATES = ("acknowledgment", "confirmation", "redundant_question", "jargon_unknown", "sign_off", "empty_reply",
              "negated", "greeting", "fix_given", "instruction_lead", "still_failing", "success_claim",
              "earlier_attempt", "reassurance", "leftover", "function_words", "never_right", "confirmed_closure",
              "hedge", "offer_placeholders", "in_full", "worry", "grief", "hurry", "repeat_leads", "held_up",
              "grief_swaps", "deadline", "draft_confirmed", "offer_tail", "offer_follows", "filler_opening",
              "redundant_question_done", "redundant_question_also", "redundant_question_end", "pronoun_swaps",
              "fix_claimed", "fix_reported", "redundant_question_plain", "redundant_question_done_plain",
              "redundant_question_value", "redundant_question_value_plain", "given_value", "question_purpose",
              "redundant_question_purpose", "redundant_question_next", "draft_thanks", "refusal_echo",
              "gloss_heads", "time_deadline", "charge_date", "self_service", "self_service_answer", "farewell",
              "apologetic", "refusal", "jab", "acknowledged", "jab_first", "waiting_on_us", "waiting_close",
              "waiting_answer", "gloss_senses", "ack_topics", "contradictions", "lecture",
              "lecture_first", "blame_guess", "bare_copula", "bare_after", "jab_kinds", "lost", "asks_for", "not_found",
              "not_found_more", "anything_else")


def _rule(cat: str, raw: Mapping[str, Any]) -> Rule:
    scope = str(raw.get("scope") or "span")
    if scope not in SCOPES:
        raise ValueError(f"rewrites.yaml: rule {raw['pattern']!r} has scope {scope!r}, not one of {SCOPES}")
    regex = re.compile(raw["pattern"], re.IGNORECASE)
    return Rule(cat, regex, str(raw["replace"]), scope, needs(regex), probe(regex), word_key(needs(regex)))


@cache
def library() -> Library:
    raw = load_data("rewrites")
    rules = {cat: tuple(_rule(cat, r) for r in items) for cat, items in (raw.get("rules") or {}).items()}
    templates = {k: raw[k] for k in _TEMPLATES}
    sentence_fallback = {str(k): (str(v.get("text") or ""), tuple(str(u) for u in v.get("unless") or ()))
                         for k, v in (raw.get("sentence_fallback") or {}).items()}
    return Library(rules, {str(k): str(v) for k, v in (raw.get("participles") or {}).items()},
                   templates, {str(k): str(v) for k, v in (raw.get("fallback") or {}).items()},
                   frozenset(raw.get("sentence_scope") or ()), sentence_fallback,
                   {str(k): str(v) for k, v in (raw.get("past_participles") or {}).items()})


def fill(template: str, values: Mapping[str, str | None], *, keep_missing: bool = True) -> str:
    """``{name}`` / ``{name|base}`` from ``values``; a missing name becomes ``[name]`` for the agent."""
    if "{" not in template:
        return template
    def sub(m: re.Match[str]) -> str:
        name, fn = m.group(1), m.group(2)
        value = values.get(name)
        if value is None:
            return f"[{name}]" if keep_missing else ""
        value = " ".join(value.split())
        if fn == "participle":
            return participle(value)
        return base_form(value) if fn == "base" else value

    return _PLACEHOLDER.sub(sub, template)
