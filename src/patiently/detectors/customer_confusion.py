"""customer.confusion: the customer does not follow what the agent said.

Signals, per customer message: phrases from ``lexicons/confusion.yaml`` (saying so, asking
what a term means, not finding what they were told to use, "which one?", "huh?"), and a
short question that echoes a term from the agent's previous message ("BIOS?", "the admin
portal?"): customers repeat the word they did not understand. Self-descriptions such as
"I'm not very technical" are reported with ``data={"non_technical": True}`` so the jargon
detector and the coach can hold the agent to plain words for the rest of the conversation.
v5 (QA pass 13): those self-descriptions, and asking for plain words ("in layman's terms", "eli5"), are read
from ``lexicons/non_technical.yaml`` (:func:`non_technical_matches`), the one list agent.jargon reads too;
confusion.yaml's own copy had drifted ("I don't really know computers" was in one list, "computers confuse
me" in the other), so the coach and the jargon detector disagreed about the same customer.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..lexicon import Match, load_lexicon
from ..model import Conversation, Finding
from ..text import words
from .base import Detector, DetectorContext

# The categories of lexicons/non_technical.yaml that say the customer is not technical, and the weight such a
# self-description carries here (confusion.yaml's non_technical weight before v5: it is not puzzlement).
# v6: lay_signs (non_technical.yaml v4: "I'm 78", "my grandson isn't around to help", "no idea how to do that")
NON_TECHNICAL_CATEGORIES = ("self_description", "lay_signs", "plain_request")
NON_TECHNICAL_WEIGHT = 0.6
ECHO_MAX_WORDS = 5  # "the admin portal?" echoes a term; longer questions are real questions
ECHO_SCORE = 0.5
# Confusion is about what the agent said: apart from "I'm not technical", a signal counts only
# when an agent message is among the customer's last few. Before any agent reply (or deep in the
# customer's own monologue), "I don't understand why it crashes", "what does this error mean?"
# and "I can't find it online" are about the fault (hand-judged on Ubuntu IRC / TWCS).
REPLY_WINDOW = 3
# "I don't understand why/how it broke", "that's why I'm confused": puzzled by the fault or the
# world, not by the agent. "how to", "how do I", "what you mean" still follow the agent.
_ABOUT_FAULT_AFTER = re.compile(
    r"\s{0,3}(?:(?:about|as\s+to|on)\s+)?(?:why|how\s+come|how\s+(?!to\b|do\b|does\b|i\b|you\b|u\b|that\b|this\b)\w+|"
    r"what(?:'s|s|\s+is|\s+was)?\s+(?:going\s+on|happen\w*|wrong|the\s+(?:problem|issue|deal))|"
    r"(?<=it)\s+(?!at\b|all\b|either\b|sorry\b|yet\b|now\b)[a-z])", re.I)  # "I don't get it to see the driver"
_ABOUT_FAULT_BEFORE = re.compile(r"\bwhy\s+(?:(?:i'?m|i\s+am|im)\s+)?(?:so\s+|really\s+|a\s+)?$", re.I)
# "what's that?", "what does this mean?" about the customer's own paste ("E: Package zsnes has no
# installation candidate", "console kit failed whats that"): a question about their output.
_ANAPHOR = re.compile(r"\b(?:that|this|it|those)\b", re.I)
_OWN_OUTPUT = re.compile(
    r"\b(?:errors?|warnings?|failed|failure|output|log|logs|syslog|dmesg)\b|^\s*[EW]:\s|\[\s*\d+\.\d+\]|https?://",
    re.I | re.M)
# A bare "I don't get it" / "I'm confused" right after the customer's own report ("rpcbind is
# installed" -> "i don't get it") is about the fault; "what you mean", "I don't follow" are not bare.
_BARE_PUZZLED = re.compile(r"^(?:i\s+)?(?:(?:do\s*n[o'’]?t|did\s*n[o'’]?t|do\s+not)\s+(?:understand|get\s+it)|"
                           r"(?:i['’]?m|i\s+am)\s+(?:so\s+|really\s+|a\s+bit\s+)?(?:confused|lost))$", re.I)
# "which option is better?", "which one should I choose": asking for advice, not lost.
_ADVICE = re.compile(r"[^.!?]*?\b(?:better|best|recommend\w*|prefer\w*|choose|pick|go\s+with|faster|safer)\b", re.I)
# "if you are new to linux", "for people who are not technical", (v4) "my colleague is not a tech
# person": about someone else.
_OTHER_PERSON = re.compile(
    r"\b(?:if\s+(?:you|u)|(?:you|u)\s*(?:are|'re|r)|(?:you|u)re|people|someone|users?|"
    r"(?:he|she|they|(?:my|his|her|our|their)\s+\w+)\s+(?:is|are|was|were|(?:is|are|was)n['’]?t))\s+(?:\w+\s+){0,2}$",
    re.I)
_ECHO_STOP = frozenset(
    "the a an my your that this it is do i you what which how where so and or to in on of".split()  # noqa: SIM905
)
_WH = frozenset(
    "what which how where when why who can could do does did is are should would will".split()  # noqa: SIM905
)
_BARE = re.compile(r"^\W*(?:huh|what|wha|eh)?\W*$", re.IGNORECASE)
_EXPLAIN = {
    "not_understand": "says they do not follow",
    "what_is": "asks what a term means",
    "where_find": "cannot find what they were pointed to",
    "which_one": "is unsure which thing was meant",
    "non_technical": "says they are not technical",
}


class CustomerConfusion(Detector):
    name = "customer.confusion"
    # v7 (QA pass 21, non_technical.yaml v5): "I'm just a pensioner" (lay_signs)
    # v8 (QA pass 23, non_technical.yaml v6): "I'm not good with phones", "hopeless with smartphones"
    version = 8  # v3 (QA pass 5): the family of "not good with computers" self-descriptions;
    # v4 (QA pass 8): "I don't understand computers", "computers confuse me", "not a tech person";
    # v5 (QA pass 13): self-descriptions read from non_technical.yaml, the list agent.jargon reads
    # v6 (QA passes 17-18): non_technical.yaml v4's lay_signs (age, the helping relative away, "no idea how to do that")
    labels = ("customer.confusion",)
    description = "The customer does not understand the agent (or says they are not technical)."

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        lex = load_lexicon("confusion")
        out: list[Finding] = []
        for i in ctx.targets("customer"):
            msg = conv.messages[i]
            found = [*lex.find(msg.text), *non_technical_matches(msg.text)]
            near = self._near_agent(ctx, i)
            if not near:  # before the overlap is settled: "in plain english" is then a plain request, not lost
                found = [m for m in found if m.category == "non_technical"]
            matches = [m for m in _dedupe(found) if _counts(msg.text, m)]
            if near and matches:
                matches = self._about_agent(ctx, i, matches)
            if matches and all(_BARE.match(m.text) for m in matches) and not self._replies_to_agent(ctx, i):
                matches = []  # a bare "?" after the customer's own message is a nudge, not puzzlement
            echo = None if matches else self._echo(conv, ctx, i)
            if not matches and echo is None:
                continue
            spans = [(m.start, m.end) for m in matches]
            cats = sorted({m.category for m in matches}, key=lambda c: -_weight(lex, c))
            score = max((m.weight for m in matches), default=0.0) + 0.1 * (len(cats) - 1)
            if echo is not None:
                spans.append(echo)
                cats.append("echo")
                score = max(score, ECHO_SCORE)
            non_technical = "non_technical" in cats
            quoted = msg.text[spans[0][0]:spans[0][1]]
            if echo is not None:
                why = f'repeats the agent\'s term as a question ("{quoted}")'
            else:
                why = _EXPLAIN.get(cats[0], "sounds unsure")
                why = f'{why} ("{quoted}")'
            advice = (
                "use plain words and go one step at a time for the rest of the chat."
                if non_technical and len(cats) == 1
                else "explain it again in plain words, one step at a time, and check it landed."
            )
            data: dict[str, Any] = {"reasons": cats}
            if non_technical:
                data["non_technical"] = True
            out.append(self.finding(msg, min(1.0, score), sorted(spans), f"Customer {why}: {advice}", data=data))
        return out

    @staticmethod
    def _near_agent(ctx: DetectorContext, i: int) -> bool:
        return any(ctx.messages[j].role == "agent" for j in range(max(0, i - REPLY_WINDOW), i))

    @staticmethod
    def _about_agent(ctx: DetectorContext, i: int, matches: list[Match]) -> list[Match]:
        """Drop what is about the customer's own output or report rather than the agent's words."""
        own = [ctx.messages[i].text]
        j = i - 1
        while j >= 0 and ctx.messages[j].role != "agent":
            own.append(ctx.messages[j].text)  # the customer's lines since the agent's last one
            j -= 1
        after_own = i > 0 and ctx.messages[i - 1].role != "agent"
        out = []
        for m in matches:
            if m.category == "what_is" and _ANAPHOR.search(m.text) and any(_OWN_OUTPUT.search(t) for t in own):
                continue
            if m.category == "not_understand" and after_own and _BARE_PUZZLED.match(m.text.lower()):
                continue
            out.append(m)
        return out

    @staticmethod
    def _replies_to_agent(ctx: DetectorContext, i: int) -> bool:
        return i > 0 and ctx.messages[i - 1].role == "agent"

    @staticmethod
    def _echo(conv: Conversation, ctx: DetectorContext, i: int) -> tuple[int, int] | None:
        """A short question whose words come from the agent's previous message."""
        text = conv.messages[i].text.strip()
        if not text.endswith("?"):
            return None
        toks = [w.lower() for w in words(text)]
        if not toks or len(toks) > ECHO_MAX_WORDS:
            return None
        j = i - 1
        if j < 0 or ctx.messages[j].role != "agent" or toks[0] in _WH:
            return None  # only a direct reply echoes the agent; "how do I delete it?" is a real question
        content = [w for w in toks if w not in _ECHO_STOP]
        agent_words = {w.lower() for w in words(conv.messages[j].text)}
        if not content or not all(w in agent_words for w in content):
            return None
        start = conv.messages[i].text.index(text)
        return (start, start + len(text))


def says_confused(text: str) -> float:
    """The weight of a plain statement of confusion in ``text`` ("I'm confused", "I don't
    understand how to reset my password"), wherever it stands, or 0.0. The detector reports one
    only near an agent message (before that it is usually about the fault); the reply coach uses
    this for the customer's state, because a confused customer needs plain words either way."""
    # "I don't understand computers" is a self-description (non_technical, the longer match), not
    # confusion about what the agent said.
    found = [m for m in _dedupe([*load_lexicon("confusion").find(text, ("not_understand",)),
                                 *non_technical_matches(text)])
             if m.category == "not_understand" and _counts(text, m)]
    return max((m.weight for m in found), default=0.0)


def non_technical_matches(text: str) -> list[Match]:
    """Where the customer says they are not technical or asks for plain words (``lexicons/non_technical.yaml``),
    as ``non_technical`` matches of :data:`NON_TECHNICAL_WEIGHT`."""
    return [replace(m, category="non_technical", weight=NON_TECHNICAL_WEIGHT)
            for m in load_lexicon("non_technical").find(text, NON_TECHNICAL_CATEGORIES)]


def says_non_technical(text: str) -> bool:
    """The customer says they are not technical, or asks for plain words, about themselves:
    "my colleague is not a tech person" says nothing about the writer (agent.jargon reads this)."""
    return any(_counts(text, m) for m in non_technical_matches(text))


def _weight(lex: Any, category: str) -> float:
    return NON_TECHNICAL_WEIGHT if category == "non_technical" else float(lex.category(category).weight)


def _counts(text: str, m: Match) -> bool:
    """Context rules that the phrase lists cannot express (see the patterns above; ``match`` at
    ``m.end`` anchors there)."""
    if m.category == "not_understand":
        return not (_ABOUT_FAULT_AFTER.match(text, m.end) or _ABOUT_FAULT_BEFORE.search(text[:m.start]))
    if m.category == "which_one":
        return not _ADVICE.match(text, m.end)
    if m.category == "non_technical":
        return not _OTHER_PERSON.search(text[max(0, m.start - 40):m.start])
    return True


def _dedupe(matches: list[Match]) -> list[Match]:
    """Overlapping matches of different categories: keep the longer (more specific) one."""
    out: list[Match] = []
    for m in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


DETECTOR = CustomerConfusion()
