"""agent.scripted_empathy: stock sympathy that does not fit, and sympathy reused word for word.

Two paths. Per conversation (``detect``): a stock line from ``lexicons/stock_empathy.yaml``
("we apologize for any inconvenience", "I understand your frustration", "we value your
business") said when it does not fit: the customer had not shown frustration (no
``customer.frustration`` finding so far) or had just said thanks. Across a batch (``collect``
/ ``reduce``): the same normalised empathy or apology sentence used verbatim in at least
``Settings.scripted.min_conversations`` different conversations reads as a script whatever
its wording, so every use of it is reported with the count.

v6 (QA pass 19): a stock opener that goes on with "why you're ..." / "that you've ..." names the customer's
situation as "why you ..." always did ("I completely understand why you're thinking of leaving; two weeks of daily
drops ..."); a bare "I completely understand why you're upset." (one word after) is still stock.

v2, after hand-judging Twitter support chats: whether the customer was upset, or had
reported a fault, is also read from ``lexicons/complaint.yaml`` ("Lame.", "Really?", "😡",
"terrible customer service"), because customer.frustration is built for explicit frustration
and misses the short, sarcastic complaints of social support. A sympathy line for
frustration then fits a displeased customer, and one for "inconvenience" fits any fault
report. A "thanks" that comes with a complaint ("Thanks @airline for the huge delays") is
sarcasm, not thanks. A short sentence ("I'm sorry to hear that.") counts as reused only when
the same agent or team says it in several conversations: different companies saying the
same common phrase is not a script; a long one counts whoever says it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..config import Settings
from ..lexicon import Match, load_lexicon
from ..model import Conversation, Finding, Span
from ..text import normalise, words
from .base import Detector, DetectorContext

MIN_REUSE_WORDS = 4  # "sorry about that" is too short to be a recognisable script
LONG_SCRIPT_WORDS = 8  # from this length a verbatim sentence is a script whoever says it
MISFIT_SCORE = 0.55  # stock line to a customer who was not upset
THANKED_SCORE = 0.7  # ... or who had just said thanks
_THANKS = re.compile(
    r"^\W*(?:@\w+\s+)*(?:ok(?:ay)?[,!. ]+|great[,!. ]+|perfect[,!. ]+|awesome[,!. ]+|brilliant[,!. ]+|cool[,!. ]+)?"
    r"(?:thanks|thank\s+you|thx|ty|cheers|much\s+appreciated|that\s+(?:worked|works|fixed\s+it|did\s+it)|"
    r"it\s+works(?:\s+now)?|all\s+good|working\s+now)\b",
    re.IGNORECASE,
)
_ASSUMES_UPSET = re.compile(r"inconvenience|frustration", re.IGNORECASE)
_PATIENCE = re.compile(r"patience|understanding", re.IGNORECASE)
# Empathy or apology sentences worth collecting for the reuse check.
_SYMPATHY = re.compile(
    r"\b(?:sorry|apologi[sz]e|apologies|regret|inconvenience|frustrat\w*|understand|appreciate\s+your\s+patience|"
    r"that\s+sounds|must\s+be|can\s+imagine|can\s+see\s+why|no\s+wonder|upsetting|stressful)\b",
    re.IGNORECASE,
)
# v3 (QA pass 7): an understanding line that goes on to name what the customer wants or faces is
# specific, not stock: "I completely understand wanting this sorted before your flight".
# v6 (QA pass 19, g18): with the contracted verb too, "why you're thinking of leaving", "that you've had to chase".
_SPECIFIC_AFTER = re.compile(
    r"\s+(?:(?:wanting|needing|(?:why|that)\s+you(?:['’](?:re|ve|d))?|that\s+your|you\s+(?:want|need)|"
    r"how\s+(?:important|urgent|stressful|worrying)|the\s+need|the\s+urgency|the\s+rush)\b)(?:\s+[\w'’-]+){2,}",
    re.IGNORECASE,
)


def names_situation(text: str, end: int) -> bool:
    """Does the stock line ending at ``end`` go on to name the customer's situation?"""
    return _SPECIFIC_AFTER.match(text, end) is not None


# Twitter handles and sign-offs ("^JD", "- Kirsty") differ per message of the same script.
_HANDLES = re.compile(r"(?<!\w)@\w+")
_SIGNOFF = re.compile(r"\s*(?:[\^*~-]\s*[A-Z][A-Za-z]{0,15}|[:;]-?[)(DP])\s*$")


def _misplaced(x: Match, fault: bool) -> bool:
    """Does this stock line not fit a customer who showed no displeasure?

    Any apology fits a fault report ("sorry to hear that", "sorry for the inconvenience":
    on real support chats nearly every "frustration" apology answered one), and thanks for
    patience fit a customer left waiting; an apology for frustration or inconvenience to a
    plain request, "I understand your frustration" to a calm customer, and corporate lines
    ("we value your business") do not.
    """
    if x.category == "apology":
        return _ASSUMES_UPSET.search(x.text) is not None and not fault
    if _PATIENCE.search(x.text):
        return not fault
    return True


def _complaint_cues(text: str) -> set[str]:
    """Which of displeasure / fault the customer's message shows (``lexicons/complaint.yaml``)."""
    return {m.category for m in load_lexicon("complaint").find(text)}


def canonical(sentence: str) -> str:
    return normalise(_SIGNOFF.sub("", _HANDLES.sub(" ", sentence)))


class AgentScriptedEmpathy(Detector):
    name = "agent.scripted_empathy"
    # v5 (QA pass 16, stock_empathy v3): 'We understand how important this is to you',
    # 'Your custom is very important to us'
    # v6 (QA pass 19): "I completely understand why you're thinking of leaving; ..." names the situation (a
    # contracted "you're" / "you've" after "why" / "that" was read as the end of the line)
    version = 6  # v3 (QA pass 7): an understanding line naming the customer's situation is specific;
    # v4 (QA pass 12): "(we) (sincerely) regret any inconvenience" is a stock line (stock_empathy.yaml v2)
    labels = ("agent.scripted_empathy",)
    description = "Stock sympathy that does not fit the moment, or the same sympathy reused word for word."
    requires = ("customer.frustration",)
    corpus = True

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        lex = load_lexicon("stock_empathy")
        frustrated = {ctx.index[f.message_id] for f in ctx.by_label("customer.frustration")
                      if f.message_id in ctx.index}
        out: list[Finding] = []
        customers: list[int] = []
        for i, m in enumerate(conv.messages):
            if m.role == "customer":
                customers.append(i)
                continue
            if m.role != "agent" or not customers or not ctx.wants(i):
                continue
            matches = [x for x in lex.find(m.text) if not names_situation(m.text, x.end)]
            if not matches:
                continue
            # Read the customer's words only now: stock lines are rare.
            cues = [_complaint_cues(conv.messages[j].text) for j in customers]
            last_text = conv.messages[customers[-1]].text
            thanked = _THANKS.match(last_text) is not None and not cues[-1]  # "Thanks for the huge delays" is sarcasm
            if not thanked:
                if any(j in frustrated or "displeasure" in c for j, c in zip(customers, cues, strict=True)):
                    continue  # a stock line to an upset customer is weak, not misplaced (agent.empathy scores it)
                fault = any("fault" in c for c in cues)
                matches = [x for x in matches if _misplaced(x, fault)]
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
        # A short sentence is grouped per agent (or team handle): "I'm sorry to hear that." from
        # four different companies is a common phrase, from one team four times a script.
        by_sentence: dict[tuple[str, str], dict[str, list[tuple[str, int, int, str]]]] = {}
        for conv_id, items in collected.items():
            for key, message_id, start, end, author in items or ():
                who = "" if len(words(key)) >= LONG_SCRIPT_WORDS else author
                by_sentence.setdefault((key, who), {}).setdefault(conv_id, []).append((message_id, start, end, author))
        need = settings.scripted.min_conversations
        out: dict[str, list[Finding]] = {}
        for (key, _who), uses in by_sentence.items():
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
