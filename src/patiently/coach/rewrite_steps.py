"""A repeat's lead-in that promises more than the answer gives: "Let me go through it again, more fully:"
(the library's ``in_full``) before one short step, or before what the agent said before word for word,
loses "more fully" / "step by step" (QA passes 10, 19, 20, 23). Split from :mod:`.rewrite_cover`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .rewrite import CONTENT_WORD, Edit, sentences
from .rewrite_frame import template_regex

ONE_STEP_WORDS = 8  # an answer this short is one step: "more fully" in front of it promises too much
# "Open Settings and tap Accounts", "Restart it, then sign in": two steps, "step by step" fits; "receipt
# and item" is one list, no steps: "more fully" in front of it promised more than it gave (QA19 b30)
_MORE_STEPS = re.compile(r"[,;]|\b(?:and|then|or)\b", re.IGNORECASE)
_CONTRAST = re.compile(r"\s*(?:not|never|rather\s+than|instead\s+of)\b", re.IGNORECASE)
STEP_WORDS = 2  # a part of an answer with this many content words is a step of its own


def _steps(text: str) -> int:
    """How many steps an answer gives: parts of more than one word each; a list of three or more is steps
    ("Settings, Accounts, Sign out")."""
    # "..., not type the old one" / "rather than ..." is a contrast with the one step, no step of its own (QA27 b38)
    parts = [p for p in _MORE_STEPS.split(text) if CONTENT_WORD.search(p) and not _CONTRAST.match(p)]
    return len(parts) if len(parts) > 2 else sum(len(CONTENT_WORD.findall(p)) >= STEP_WORDS for p in parts)


def one_step(draft: str, edits: list[Edit], said: Sequence[str] = ()) -> list[Edit]:
    """A repeat's lead-in without "more fully" / "step by step" (the library's ``in_full``)
    where the answer after it is one short clause and nothing after that gives another
    instruction: "Let me go through it again: restart the router." (qa10 b01), or where the
    answer is what the agent ``said`` before, word for word: "more fully" before the same terse
    instruction claims what the rewrite does not give (QA20 b01)."""
    from .rewrite_frame import gives_fix

    in_full = template_regex("in_full")
    out = []
    for ed in edits:
        if in_full.search(ed.text) and "[" not in ed.text:
            spans = [(max(a, ed.end), b) for a, b in sentences(draft) if b > ed.end]
            # a sentence the repeat's own edits take out ("Note it down.") is no further step (QA23 b28)
            spans = [(a, b) for a, b in spans if CONTENT_WORD.search(draft, a, b) and not _gone(draft, a, b, edits)]
            first = _without_contrast(draft[spans[0][0]:spans[0][1]]) if spans else ""
            short = spans and len(CONTENT_WORD.findall(first)) <= ONE_STEP_WORDS \
                and _steps(draft[spans[0][0]:spans[0][1]]) < 2 \
                and not any(gives_fix(draft[a:b]) for a, b in spans[1:])
            if short or (spans and said_before(draft[ed.end:spans[-1][1]], said)):
                ed = Edit(ed.start, ed.end, in_full.sub("", ed.text))
        out.append(ed)
    return out


def _without_contrast(text: str) -> str:
    """``text`` less a contrast: "click Forgot password, not type the old one", "use the blue one rather than the grey
    one" is one step."""
    return _CONTRAST_TAIL.sub("", text)


_CONTRAST_TAIL = re.compile(r"(?:,\s*(?:not|never)|,?\s*\b(?:rather\s+than|instead\s+of))\b[^,;.!?]*", re.IGNORECASE)


def _gone(draft: str, a: int, b: int, edits: list[Edit]) -> bool:
    """The sentence ``draft[a:b]`` is taken out whole by one of ``edits`` (an edit with no text)."""
    a, b = a + len(draft[a:b]) - len(draft[a:b].lstrip()), a + len(draft[a:b].rstrip())
    return any(not ed.text.strip() and ed.start <= a and b <= ed.end for ed in edits)


SAID_BEFORE = 0.8  # this share of an answer's content words in one earlier agent message: it is a repeat
SAME_PLACE = 0.75  # ... and this share where the customer could not find it there ("it's under X > Y > Z")


def said_before(answer: str, said: Sequence[str], share: float = SAID_BEFORE) -> bool:
    """``answer`` says again what one of the agent's earlier messages said (``share`` of its content words)."""
    from .rewrite import leftover_words

    function = leftover_words()[1]
    words = _words(answer) - function
    return bool(words) and any(len(words & _words(text)) >= share * len(words) for text in said)


@lru_cache(maxsize=256)  # the agent's earlier messages come back in every check of a conversation
def _words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in CONTENT_WORD.findall(text))
