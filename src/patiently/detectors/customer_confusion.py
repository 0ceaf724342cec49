"""customer.confusion: the customer does not follow what the agent said.

Signals, per customer message: phrases from ``lexicons/confusion.yaml`` (saying so, asking
what a term means, not finding what they were told to use, "which one?", "huh?"), and a
short question that echoes a term from the agent's previous message ("BIOS?", "the admin
portal?"): customers repeat the word they did not understand. Self-descriptions such as
"I'm not very technical" are reported with ``data={"non_technical": True}`` so the jargon
detector and the coach can hold the agent to plain words for the rest of the conversation.
"""

from __future__ import annotations

import re
from typing import Any

from ..lexicon import Match, load_lexicon
from ..model import Conversation, Finding
from ..text import words
from .base import Detector, DetectorContext

ECHO_MAX_WORDS = 5  # "the admin portal?" echoes a term; longer questions are real questions
ECHO_SCORE = 0.5
# Before any agent reply, "I don't understand why it crashes" is about the fault, not the agent.
FIRST_MESSAGE_FACTOR = 0.7
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
    version = 1
    labels = ("customer.confusion",)
    description = "The customer does not understand the agent (or says they are not technical)."

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        lex = load_lexicon("confusion")
        out: list[Finding] = []
        first_agent = ctx.first_of("agent")
        for i in ctx.targets("customer"):
            msg = conv.messages[i]
            matches = _dedupe(lex.find(msg.text))
            if matches and all(_BARE.match(m.text) for m in matches) and not self._replies_to_agent(ctx, i):
                matches = []  # a bare "?" after the customer's own message is a nudge, not puzzlement
            echo = None if matches else self._echo(conv, ctx, i)
            if not matches and echo is None:
                continue
            spans = [(m.start, m.end) for m in matches]
            cats = sorted({m.category for m in matches}, key=lambda c: -lex.category(c).weight)
            score = max((m.weight for m in matches), default=0.0) + 0.1 * (len(cats) - 1)
            if echo is not None:
                spans.append(echo)
                cats.append("echo")
                score = max(score, ECHO_SCORE)
            non_technical = "non_technical" in cats
            if i < first_agent and not non_technical:
                score *= FIRST_MESSAGE_FACTOR
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


def _dedupe(matches: list[Match]) -> list[Match]:
    """Overlapping matches of different categories: keep the longer (more specific) one."""
    out: list[Match] = []
    for m in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


DETECTOR = CustomerConfusion()
