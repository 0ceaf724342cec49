"""agent.pressure: the agent rushes the customer.

Phrases from ``lexicons/pressure.yaml``: ultimatums ("I'll close this chat if you don't
respond", "if I don't hear back in 5 minutes"; not a reopen offer such as "I'll close this now;
reply if it comes back"), hurry phrases ("I don't have all day", "I have other customers",
"just answer the question") and requests to be quick ("can you quickly...", "reply asap";
ignored when the agent says it of themselves, "let me quickly check", when it only describes
something, "it boots fast", and in "if you're in a hurry, ..."). Nudges ("are you there?",
"you there yet?", "hello??"; not "I can't help you there") are pressure only when sent sooner
than ``Settings.pressure.nudge_within_seconds`` after the agent's own previous message with no
customer reply in between; a check-in after a real pause is patient. v2 (hand-judged on real
chats): "come on" said in reaction to the customer's last words (they spoke since the agent's
own last message) is exasperation, not hurry; "just do what I said in my last comment" points
back to the steps and is not counted. v5 (QA pass 10): a demanded reply with any deadline
("today", "within the hour", "by Friday") followed by "or / otherwise" and a threat to close or
a loss ("otherwise we cannot guarantee your booking", "or you'll lose your slot"). Without times a nudge
straight after the agent's own message scores low (``UNTIMED_NUDGE_SCORE``).

v6 (QA pass 11): the threat after a demanded reply may be to treat the case as solved: "we need
your answer by end of day, otherwise we will assume the issue is resolved and close it".
v7 (QA pass 12, lexicon v6): "I can't hold it forever", "we won't wait all day" (``hurry``).
v8 (QA pass 13, lexicon v7): ``hard_sell``, a decision demanded by a deadline ("You need to decide
today, the offer ends at midnight") and regret held over the customer ("Many customers regret
waiting"); the deadline said as information ("the offer ends at midnight, but take your time") is not.
v9 (QA pass 15, lexicon v8): ``hard_sell`` also takes a decision ordered now ("Please make a decision now", "I need
a decision right now"); "you don't have to decide now" and "decide now or later" are not.
v11 (QA pass 18, lexicon v9): ``hard_sell`` also takes the decision urged by a deadline as advice ("I'd strongly advise
you to decide today"; not with a condition after it, "... today if you want it before the holidays") and an offer
that lasts only while the agent is there ("This price is only guaranteed until I log off"; a date is information);
``hurry`` the agent's patience running out on the customer ("I can't keep chasing you on this", "I can't keep
holding your quote while you think it over"; not "I can't keep chasing the courier") and other work as the reason
("I've got a lot of other accounts to get through"); ``quick_request`` an answer demanded by a clock time with no
reason ("I need an answer by 5pm today"; not "... by 3pm so I can book the engineer").
v12 (QA pass 19, lexicon v10): "waiting on you" with someone else in the customer's life waiting ("with payroll waiting
on you", "your team is waiting on you") is sympathy, not hurry; the demanded reply may be the thing itself ("We need it
within the hour, otherwise I'll have to close the case", "I need that screenshot today or ...") and the loss may be
starting over ("... otherwise you'll need to start again").
"""

from __future__ import annotations

import re

from ..lexicon import load_lexicon
from ..model import Conversation, Finding
from .base import Detector, DetectorContext

UNTIMED_NUDGE_SCORE = 0.35
_NEGATION = re.compile(r"\b(?:no|not|don't|dont|do\s+not|never|no\s+need\s+to|there's\s+no|without\s+any)\s+"
                       r"(?:\w+\s+)?$", re.I)
# "if you're in a hurry, ..." offers a faster route; it does not rush anyone
_IF_YOU = re.compile(r"\bif\s+(?:you|u)(?:'re|\s+are|r)?\s+(?:\w+\s+){0,2}$", re.I)
_SELF = re.compile(r"\b(?:i'll|i\s+will|let\s+me|i'm|im|i\s+am|we'll|we\s+will|i\s+can|we\s+can|i)\s+"
                   r"(?:\w+\s+){0,3}$", re.I)
_ASKS_YOU = re.compile(r"(?:need|want|require)\s+you\b", re.I)
# v5: + cancel/today/tonight/lose for "confirm by 5pm today, or we will cancel the order"
_CHEAP = re.compile(r"\b(?:close|closed|closing|otherwise|cancel|today|tonight|lose|hear|quick|quickly|fast|hurry|"
                    r"day|time|customers|"
                    r"queue|busy|wrap|speed|there|hello+|helo|message|answer|respond|reply|waiting|with\s+me|chop|pace|asap|come|"
                    r"people|move|end|last|interest|sake|delay|rush|just|now|minute|instant|"
                    r"forever|indefinitely|away|immediately|"
                    r"midnight|regret|"
                    r"keep|other|advise|recommend|suggest|urge|encourage|guaranteed|valid|decision|confirmation|hang|ends|log|"
                    r"offer|price|quote|deal|discount|"
                    r"let(?:ting)?\s+(?:your|the))\b",
                    re.I)  # v7: "I can't hold it forever"; v8: hard_sell; v11: QA pass 18
# v16: + away/immediately ("If you can't book right away, I'll give it to the next patient")
# v15: "let your" / "letting the": hard_sell's person cast as the obstacle ("Don't let your wife talk you out of it.")
# has no deal or deadline word, so said alone it never reached the lexicon

# what follows "just do what I said" when it only points back to earlier steps
_POINTER = re.compile(r"\s*(?:in\s+|on\s+)?(?:my\s+|the\s+)?(?:last|above|earlier|before|previous)\b", re.I)
_COME_ON = re.compile(r"\bcome\s+on\b", re.I)
# v12 (QA pass 19, g01): "waiting on you" is hurry only when the agent (or no one named) waits: "I'm still waiting on
# you", "Waiting on you.". Someone else in the customer's life waiting on them is sympathy: "with payroll waiting on
# you", "your team is waiting on you", "the whole office has been waiting on you".
_WAITING = re.compile(r"\bwaiting\s+on\s+you$", re.I)
_OTHER_WAITS = re.compile(
    r"(?<![\w'’])(?!(?:i|we|i'm|i’m|we're|we’re|im|am|are|is|was|were|been|be|still|just|all|me|us|and|so|now|keep|kept|"
    r"left|leave|leaves|here|there|m|re|ve|s|this|that|you)\b)[a-z]+s?\s+(?:(?:is|are|was|were|has\s+been|have\s+been|"
    r"['’]s|['’]re|sits?|sitting|left)\s+)?(?:still\s+|all\s+|just\s+)?(?:still\s+)?$", re.I)
# v10 (QA pass 17, g35): "Please enter it straight away" beside "the code is only valid for 10 minutes" is
# the instruction the customer needs, not a rush: the message says why there is no time
_SPAN = r"(?:\d+|a\s+few|five|ten|fifteen|thirty)\s*(?:sec|secs|seconds|min|mins|minutes|hours?)\b"
_VALIDITY = re.compile(r"\b(?:valid|good|active|live)\s+for\s+(?:only\s+)?(?:the\s+next\s+)?" + _SPAN +
                       r"|\bexpires?\s+(?:in|after|within)\s+" + _SPAN, re.I)


class AgentPressure(Detector):
    name = "agent.pressure"
    # v5 (QA pass 10): any deadline then a threat to close or a loss: 'I need an answer today or I'm
    # closing this ticket', 'reply within the hour, otherwise we cannot guarantee your booking';
    # v4 (QA pass 7): 'I need an answer in the next five minutes or ...';
    # v3 (QA pass 5): "right now", "this minute" in a request to the customer
    # v7 (QA pass 12, lexicon): "I can't hold it forever"
    # v8 (QA pass 13, lexicon v7): hard_sell, "You need to decide today", "Many customers regret waiting"
    # v9 (QA pass 15, lexicon v8): "Please make a decision now"
    # v10 (QA pass 17): a quick request beside what expires ("only valid for 10 minutes") is no rush
    # v11 (QA pass 18, lexicon v9): "I'd strongly advise you to decide today", "only guaranteed until I log off",
    # "I can't keep chasing you", "other accounts to get through", "I need an answer by 5pm today"
    # v12 (QA pass 19, lexicon v10): "with payroll waiting on you" is no hurry; "We need it within the hour, otherwise
    # I'll have to close the case and you'll need to start again"
    # v13 (QA pass 21, lexicon v11): "..., otherwise your slot goes to the next patient", "the 20% discount is only
    # valid if you sign today", "not letting your partner slow you down"
    # v14 (QA pass 22, lexicon v12): "so it's really now or never", "Just say yes now and I'll process it"; "to speed it
    # up" said of the thing the agent is speeding up is no hurry
    # v15 (QA pass 21 b32 leftover): "Don't let your wife talk you out of it." said alone reaches the lexicon
    # (prefilter)
    # v16 (QA pass 23, lexicon v13): "if you don't renew now, you will lose ...", a slot given away unless confirmed now
    # v17 (QA pass 25, lexicon v14): "I'm not going to wait around all day", "I won't sit here forever"
    # v18 (QA pass 27, lexicon v15): "If I don't get the logs by end of day, I'll close the ticket"
    version = 18  # v6 (QA pass 11): "otherwise we will assume the issue is resolved" as the threat
    labels = ("agent.pressure",)
    description = "The agent rushes the customer: ultimatums, hurry phrases, quick 'are you there?' nudges."

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        lex = load_lexicon("pressure")
        nudge_within = ctx.settings.pressure.nudge_within_seconds
        out: list[Finding] = []
        for i in ctx.targets("agent"):
            msg = conv.messages[i]
            if not _CHEAP.search(msg.text):
                continue
            hits: list[tuple[float, int, int, str]] = []
            for m in lex.find(msg.text):
                before = msg.text[max(0, m.start - 30):m.start]
                if m.category in ("hurry", "quick_request", "hard_sell") and (
                        _NEGATION.search(before) or _IF_YOU.search(before)):
                    continue  # "no hurry", "don't rush" are patient; "if you're in a hurry" offers a shortcut
                if m.category == "quick_request" and _VALIDITY.search(msg.text):
                    continue  # v10: a code that expires in 10 minutes is why it must be entered now
                if m.category == "quick_request" and _SELF.search(before) and not _ASKS_YOU.match(m.text):
                    continue  # "I'll send it right away" is the agent's own pace; "I need you to ..." is not
                if m.category == "hurry" and _POINTER.match(msg.text, m.end):
                    continue  # "just do what I said in my last comment": points back to the steps
                if m.category == "hurry" and _WAITING.search(m.text) and _OTHER_WAITS.search(
                        re.split(r"[.!?;:,\n]", msg.text[max(0, m.start - 60):m.start])[-1]):
                    continue  # v12: "with payroll waiting on you": the customer's work waits, not the agent
                if m.category == "hurry" and _COME_ON.search(msg.text[m.start:m.end]) and \
                        self._reacts_to_customer(conv, ctx, i):
                    continue  # "We're Linux geeks. Come on.": exasperation at what was said, not hurry
                if m.category == "nudge":
                    score = self._nudge_score(ctx, i, nudge_within)
                    if score is None:
                        continue
                    if "??" in msg.text[m.start:m.end + 3]:
                        score += 0.1
                    hits.append((score, m.start, m.end, "nudge"))
                else:
                    hits.append((m.weight, m.start, m.end, m.category))
            if not hits:
                continue
            best = max(hits)
            quote = msg.text[best[1]:best[2]]
            tip = {
                "ultimatum": "Threatening to close makes the customer rush; say you'll keep the ticket open "
                             "and how they can reach you.",
                "hurry": "Rushing the customer adds stress; give them the time they need.",
                "quick_request": "Asking the customer to be quick adds pressure; let them go at their pace.",
                "hard_sell": "Pushing for a decision now rushes the customer; give them the facts and the time "
                             "to decide, and say how to come back to you.",
                "nudge": "Checked whether the customer was there very soon after your own message; "
                         "give them time to read and try it.",
            }[best[3]]
            out.append(self.finding(
                msg, min(best[0], 1.0), [(s, e) for _, s, e, _ in hits], f"\"{quote}\": {tip}",
                data={"kind": best[3], "kinds": sorted({h[3] for h in hits})},
            ))
        return out

    @staticmethod
    def _reacts_to_customer(conv: Conversation, ctx: DetectorContext, i: int) -> bool:
        """The customer spoke since this agent's own last message (or the agent had not spoken)."""
        author = conv.messages[i].author
        own = next((k for k in range(i - 1, -1, -1)
                    if conv.messages[k].role == "agent" and conv.messages[k].author == author), None)
        pc = ctx.previous(i, "customer")
        return pc is not None and (own is None or pc > own)

    @staticmethod
    def _nudge_score(ctx: DetectorContext, i: int, within: int) -> float | None:
        """How pushy an "are you there?" is, given how long the agent waited; None: not pushy."""
        pa = ctx.previous(i, "agent")
        if pa is None:
            return None
        pc = ctx.previous(i, "customer")
        if pc is not None and pc > pa:
            return None  # the customer spoke last: not a nudge after the agent's own message
        gap = ctx.gap_seconds(pa, i)
        if gap is None:
            return UNTIMED_NUDGE_SCORE
        if gap >= within:
            return None
        return 0.6 + 0.3 * (1.0 - max(gap, 0.0) / within)


DETECTOR = AgentPressure()
