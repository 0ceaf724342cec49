"""agent.progress_update: the agent tells the customer what is being done.

Sentences of agent messages are matched against ``lexicons/progress.yaml``: what the agent
is doing now ("I'm checking the mail server logs"), that they are still on it, how far a
long job is ("the sync is at 60%"), who it was handed to ("I've escalated this to the
network team and they're looking at it"), what was checked so far, and holds that say what
the wait is for ("give me 2 minutes while I check"). A bare "one moment" scores low.
Questions are skipped ("are you checking the logs?" asks, it does not inform).

In group chats (IRC: several people answer, and people who are being helped are often
marked as agents too) a line from someone who was just told what to run on their own
system is the helped person working, not a helper informing (``being_helped``). "brb"
counts only when said to someone and not to reboot one's own machine, and "one moment"
after "in"/"at" is narration ("in one moment it said ..."), not a hold. A status or a team
inside a condition or purpose ("come back till the job is done", "so that the team is
aware") and "no way I'm reinstalling" are not updates either.
"""

from __future__ import annotations

import re

from ..lexicon import load_lexicon
from ..model import Conversation, Finding, Message
from .base import Detector, DetectorContext

# "I'm not checking", and "what I'm trying to do is..." (describing, not updating)
_NEGATED = re.compile(r"\b(?:not|n't|never)\s+(?:\w+\s+)?$|\bno\s+way\s+$|\b(?:what|how|why|where)\s+$", re.I)
# A state or a team named inside a condition or purpose is no update: "come back till the job
# is done", "report them so that the Enforcement team is aware".
_CLAUSE = re.compile(r"\b(?:till|until|once|unless|so\s+that|so|ensure|make\s+sure)\s+(?:that\s+)?(?:\w+\s+){0,3}$",
                     re.I)
_CLAUSE_KINDS = frozenset({"status", "handed_over"})
_CHEAP = re.compile(r"\b(?:i|i'm|im|i've|we|we're|we've|let|give|one|just|still|the|our|it's|it|bear|hang|hold|"
                    r"brb|almost|nearly|halfway|quick|small|so|here's|thanks|thank)\b|%", re.I)


# A hold word used as a time phrase ("in one moment it said", "for a sec") holds nothing.
_TIME_PHRASE = re.compile(r"\b(?:in|at|for|the|that|this|every|each)\s+$", re.I)
# "brb" that leaves to reboot or log out of one's own machine, or to see to one's own things
_LEAVING = re.compile(r"\b(?:reboot\w*|restart\w*|re-?log\w*|log(?:ging)?\s*(?:out|off)|going\s+down|my)\b", re.I)

# Group chats: a line addressed to someone ("nick: ...", "nick, ...", "nick you ...")
_LEAD = re.compile(r"^\W{0,2}([\w\-\[\]\\`^{}|.]{2,32}?)[:,]?(?:\s|$)")
_NICK_TAIL = re.compile(r"[_\-^`|]+$")
# ... that tells them what to do on their own system: their things ("your xorg.conf", not "your
# help"), a request to run or paste something, advice ("you should"), or a command line.
_INSTRUCTS = re.compile(
    r"\b(?:your|ur)\b(?!\s+(?:help|time|welcome|patience|advice|suggestion|link|idea|tip|command|script|"
    r"method|way|guide|solution|answer|instructions|question|problem))"
    r"|\b(?:can|could|would)\s+(?:you|u)\s+(?:please\s+)?(?:paste|pastebin|post|run|try|type|reboot|restart|"
    r"show\s+(?:us|me)\s+(?:the|your))\b"
    r"|\b(?:you|u)\s+(?:should|need\s+to|have\s+to|must|might\s+want|may\s+want)\b"
    r"|(?:^|[:,;.!]\s)\s*(?:try|run|type|paste|pastebin|reboot|sudo|cat|ls|apt-get|apt|dpkg|lspci|lsusb|dmesg|"
    r"grep|uname|ifconfig|iwconfig)\b", re.I)
# ... or the line opens by thanking someone for help ("thnx oliver, I'm checking"); a helper
# thanks for what the customer gave ("thanks for the paste, one sec").
_THANKS_FIRST = re.compile(
    r"^\W{0,2}(?:[\w\-\[\]\\`^{}|.]{2,32}[:,]\s*)?(?:ok(?:ay)?[,.]?\s+)?(?:thanks|thank\s+you|thx|thnx|thanx|ty)\b"
    r"(?!\s+(?:for\s+(?:waiting|your\s+patience|the\s+(?:info|information|output|paste|details|logs?)|that\s+(?:info|output))))",
    re.I)
HELPED_WINDOW = 8  # messages looked back for an instruction to the speaker


def _nick(author: str | None) -> str:
    a = (author or "").lower()
    return _NICK_TAIL.sub("", a) or a


def addressee(msg: Message, nicks: set[str]) -> str | None:
    """The participant a chat line starts by addressing, or None."""
    m = _LEAD.match(msg.text)
    if m is None:
        return None
    name = _nick(m.group(1))
    return name if name in nicks else None


def being_helped(conv: Conversation, i: int) -> bool:
    """In a group chat, the author of message ``i`` opens it by thanking someone, or was told in
    the last few lines, by someone other than the customer, what to run, paste or try on their
    own system: they are the one being helped, whatever their role says.
    One-to-one chats (a single agent author) are never judged this way."""
    me = _nick(conv.messages[i].author)
    agents = {_nick(m.author) for m in conv.messages if m.role == "agent" and m.author}
    if not me or len(agents) < 2:
        return False
    if _THANKS_FIRST.search(conv.messages[i].text):
        return True
    nicks = {_nick(m.author) for m in conv.messages if m.author}
    for j in range(max(0, i - HELPED_WINDOW), i):
        m = conv.messages[j]
        if m.role == "customer":
            continue  # the customer says "your settings" to a helper who compared them
        if _nick(m.author) != me and addressee(m, nicks) == me and _INSTRUCTS.search(m.text):
            return True
    return False


class AgentProgressUpdate(Detector):
    name = "agent.progress_update"
    version = 2
    labels = ("agent.progress_update",)
    description = "The agent tells the customer what is being done while troubleshooting."

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        lex = load_lexicon("progress")
        out: list[Finding] = []
        nicks: set[str] | None = None
        for i in ctx.targets("agent"):
            msg = conv.messages[i]
            if not _CHEAP.search(msg.text):
                continue
            best: tuple[float, int, int, str] | None = None
            spans: list[tuple[int, int]] = []
            for s, e in ctx.sentences(i):
                sent = msg.text[s:e]
                if sent.rstrip().endswith("?"):
                    continue
                hits = [m for m in lex.find(sent) if not _NEGATED.search(sent[: m.start])
                        and not (m.category == "hold_bare" and _TIME_PHRASE.search(sent[: m.start]))
                        and not (m.category in _CLAUSE_KINDS and _CLAUSE.search(sent[: m.start]))]
                if any(m.text.lower() == "brb" for m in hits):
                    if nicks is None:
                        nicks = {_nick(m.author) for m in conv.messages if m.author}
                    if addressee(msg, nicks) is None or _LEAVING.search(msg.text):
                        hits = [m for m in hits if m.text.lower() != "brb"]  # leaving, not holding
                if not hits:
                    continue
                top = max(hits, key=lambda m: m.weight)
                # A bare hold next to a real update adds nothing; alone it is weak.
                score = top.weight + 0.05 * (len({m.category for m in hits}) - 1)
                spans.append((s, e))
                if best is None or score > best[0]:
                    best = (score, s, e, top.category)
            if best is None or being_helped(conv, i):
                continue  # being_helped: the helped person reporting their own steps ("ok, I'm checking")
            score, s, e, cat = best
            quote = msg.text[s:e]
            if cat == "hold_bare":
                why = (f"Asked the customer to wait (\"{quote}\") without saying what for; "
                       "say what you are checking and for how long.")
            else:
                why = f"Kept the customer informed while working: \"{quote}\"."
            out.append(self.finding(msg, min(score, 0.95), spans, why, data={"kind": cat}))
        return out


DETECTOR = AgentProgressUpdate()
