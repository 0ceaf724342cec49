"""agent.scripted_empathy: stock sympathy that does not fit, and sympathy reused word for word.

Two paths. Per conversation (``detect``): a stock line from ``lexicons/stock_empathy.yaml``
("we apologize for any inconvenience", "I understand your frustration", "we value your
business") said when it does not fit: the customer had not shown frustration (no
``customer.frustration`` finding so far) or had just said thanks. Across a batch (``collect``
/ ``reduce``): the same normalised empathy or apology sentence used verbatim in at least
``Settings.scripted.min_conversations`` different conversations reads as a script whatever
its wording, so every use of it is reported with the count.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..config import Settings
from ..lexicon import load_lexicon
from ..model import Conversation, Finding, Span
from ..text import normalise, words
from .base import Detector, DetectorContext

MIN_REUSE_WORDS = 4  # "sorry about that" is too short to be a recognisable script
MISFIT_SCORE = 0.55  # stock line to a customer who was not upset
THANKED_SCORE = 0.7  # ... or who had just said thanks
_THANKS = re.compile(
    r"^\W*(?:@\w+\s+)*(?:ok(?:ay)?[,!. ]+|great[,!. ]+|perfect[,!. ]+|awesome[,!. ]+|brilliant[,!. ]+|cool[,!. ]+)?"
    r"(?:thanks|thank\s+you|thx|ty|cheers|much\s+appreciated|that\s+(?:worked|works|fixed\s+it|did\s+it)|"
    r"it\s+works(?:\s+now)?|all\s+good|working\s+now)\b",
    re.IGNORECASE,
)
_ASSUMES_UPSET = re.compile(r"inconvenience|frustration", re.IGNORECASE)
# Empathy or apology sentences worth collecting for the reuse check.
_SYMPATHY = re.compile(
    r"\b(?:sorry|apologi[sz]e|apologies|regret|inconvenience|frustrat\w*|understand|appreciate\s+your\s+patience|"
    r"that\s+sounds|must\s+be|can\s+imagine|can\s+see\s+why|no\s+wonder|upsetting|stressful)\b",
    re.IGNORECASE,
)
# Twitter handles and sign-offs ("^JD", "- Kirsty") differ per message of the same script.
_HANDLES = re.compile(r"(?<!\w)@\w+")
_SIGNOFF = re.compile(r"\s*(?:[\^*~-]\s*[A-Z][A-Za-z]{0,15}|[:;]-?[)(DP])\s*$")


def canonical(sentence: str) -> str:
    return normalise(_SIGNOFF.sub("", _HANDLES.sub(" ", sentence)))


class AgentScriptedEmpathy(Detector):
    name = "agent.scripted_empathy"
    version = 1
    labels = ("agent.scripted_empathy",)
    description = "Stock sympathy that does not fit the moment, or the same sympathy reused word for word."
    requires = ("customer.frustration",)
    corpus = True

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        lex = load_lexicon("stock_empathy")
        frustrated = {ctx.index[f.message_id] for f in ctx.by_label("customer.frustration")
                      if f.message_id in ctx.index}
        out: list[Finding] = []
        upset_so_far = False
        last_customer: int | None = None
        for i, m in enumerate(conv.messages):
            if m.role == "customer":
                last_customer = i
                upset_so_far = upset_so_far or i in frustrated
                continue
            if m.role != "agent" or last_customer is None or not ctx.wants(i):
                continue
            matches = lex.find(m.text)
            if not matches:
                continue
            thanked = _THANKS.match(conv.messages[last_customer].text) is not None
            if not thanked:
                if upset_so_far:
                    continue  # a stock line to an upset customer is weak, not misplaced (agent.empathy scores it)
                # "sorry to hear that" fits any fault report; sympathy for frustration or
                # "inconvenience" nobody mentioned, and corporate lines, do not.
                matches = [x for x in matches if x.category != "apology" or _ASSUMES_UPSET.search(x.text)]
                if not matches:
                    continue
            quote = matches[0].text
            if thanked:
                why = (f'"{quote}" right after the customer said thanks sounds scripted: '
                       "reply to what they said instead.")
            else:
                why = (f'"{quote}" when the customer had shown no frustration sounds scripted: '
                       "keep sympathy for real upsets, and make it specific.")
            out.append(self.finding(
                m, THANKED_SCORE if thanked else MISFIT_SCORE, [(x.start, x.end) for x in matches], why,
                data={"reason": "after_thanks" if thanked else "customer_not_upset",
                      "phrases": [x.text for x in matches]},
            ))
        return out

    def collect(self, conv: Conversation, ctx: DetectorContext) -> Any:
        """(normalised sentence, message id, start, end, author) of agent sympathy sentences."""
        items: list[tuple[str, str, int, int, str]] = []
        for i in ctx.indices("agent"):
            m = conv.messages[i]
            if _SYMPATHY.search(m.text) is None:
                continue  # the cheap check first
            for s, e in ctx.sentences(i):
                sentence = m.text[s:e]
                if _SYMPATHY.search(sentence) is None:
                    continue
                key = canonical(sentence)
                if len(words(key)) >= MIN_REUSE_WORDS:
                    items.append((key, m.id, s, e, m.author or m.role))
        return items or None

    def reduce(self, collected: Mapping[str, Any], settings: Settings) -> dict[str, list[Finding]]:
        by_sentence: dict[str, dict[str, list[tuple[str, int, int, str]]]] = {}
        for conv_id, items in collected.items():
            for key, message_id, start, end, author in items or ():
                by_sentence.setdefault(key, {}).setdefault(conv_id, []).append((message_id, start, end, author))
        need = settings.scripted.min_conversations
        out: dict[str, list[Finding]] = {}
        for key, uses in by_sentence.items():
            n = len(uses)
            if n < need:
                continue
            score = min(0.9, 0.5 + 0.1 * (n - need))
            for conv_id, occurrences in uses.items():
                for message_id, start, end, author in occurrences:
                    out.setdefault(conv_id, []).append(Finding(
                        label=self.labels[0], score=score, evidence=(Span(message_id, start, end),),
                        explanation=(f'Used word for word in {n} conversations: "{key}". Customers notice a '
                                     "script; say what you understand about this customer's situation."),
                        detector=self.id, message_id=message_id, author=author,
                        data={"reason": "reused", "conversations": n, "sentence": key},
                    ))
        return out


DETECTOR = AgentScriptedEmpathy()
