"""agent.confirmation_check: the agent checks that the fix worked before moving on.

Agent sentences are matched against ``lexicons/confirmation.yaml``: direct questions ("Does
that solve it for you?"), questions about the state now ("Is the printer printing now?"),
requests to try and report back ("Could you try it now and let me know if it works?") and
short check-ins ("any luck?"), and requests to verify the fixed thing and report back
("let me know whether it stays connected", "check that the files are all there", "print a
test page to make sure everything comes out as it should", "is typing back to normal?").
"Let me know if you have questions", "let me know if 3 pm works for you" and the agent's
own checks ("I'll email you to confirm it's back") do not count. The check is worth most
right after the agent proposed or applied a fix, so it scores a little higher when an
earlier agent message in the last few turns gave instructions; a question form scores a little higher than a statement.

Not checks (v2, from hand-judged IRC chats): tests that isolate a cause rather than check a
fix ("boot the live CD and see if everything works", "make a new user, is it ok there?",
"is it working fine on 9.04?"), history questions ("did it ever work?"), a check embedded in
a statement ("I don't know how does the router work"), the speaker's own problem or plan
("did it fix my problem?", "gonna reboot and see if it works", "let me make sure it works",
"I restart mine to make sure everything is ok"), "how does that work?", agreement with a plan
("..., is that fine?") and a bot's canned reply to a "!command" line.
"""

from __future__ import annotations

import re

from ..lexicon import load_lexicon
from ..model import Conversation, Finding
from ._chat_lines import bot_reply
from .base import Detector, DetectorContext

LOOKBACK = 4  # messages before the check that may hold the fix it refers to
_CHEAP = re.compile(r"\b(?:work|works|worked|working|help|fix|fixed|solve|solved|resolve|resolved|luck|now|"
                    r"again|sorted|better|trick|know|goes|go|went|stays?|stops?|arrive|arrives|show|shows|appears?|"
                    r"opens?|normal|there|sure|confirm|check|test|properly|correctly|expected|should)\b", re.I)
_OTHER_NEEDS = re.compile(r"\b(?:anything|something)\s+else\b|\byou(?:'re|\s+are)\s+(?:ok|okay|fine|back|there)\b|"
                          r"\b(?:questions?|concerns?)\b", re.I)
_SELF = re.compile(r"\b(?:i|we)(?:'ll|\s+will|'m\s+going\s+to|\s+can|'d|\s+would|\s+need\s+to|'re\s+going\s+to|"
                   r"(?:\s+\w+ly)?\s+(?:want|wanted|need)|'d\s+like|\s+would\s+like)\b|\blet'?s\b|"
                   r"^\W*(?:(?:ok(?:ay)?|so|now|well)\W+)*(?:gonna|going\s+to)\b|\bill\s+(?:try|check|see|test)\b|"
                   r"\blet\s+me\s+(?!know\b)", re.I)
# Testing elsewhere isolates the cause; it does not check a fix: "boot the live CD and see if
# everything works", "make a new user, is it ok there?", "is it working fine on 9.04?"
_LIVE = re.compile(r"\blive\s*(?:cd|dvd|usb|image|session|desktop)\b", re.I)  # anywhere in the message
_ELSEWHERE = re.compile(r"\b(?:a|another|new|different|other|second|"
                        r"test|guest)\s+(?:user|account|profile|machine|pc|computer|laptop|port|browser|session|"
                        r"cable|kernel)\b|\b(?:ok|okay|fine|good|work\w*)\s+there\W*$|"
                        r"\bon\s+(?:\d+\.\d+|version\s+\d)", re.I)
_HISTORY = re.compile(r"\b(?:ever|previously|originally|used\s+to)\b", re.I)
_MINE = re.compile(r"\bmy\s+(?:problem|issue|error|question)\b|\bmine\b", re.I)
# "how does that work?", "how does that fix anything", "the quickest way to see if it worked?":
# asks how, not whether
_HOW = re.compile(r"\b(?:how|why|where|what)\W*$|\b(?:way|how)\s+to\s+$", re.I)
# "have you checked to make sure your cables are connected properly": asks what they already
# tried (a diagnosis), not whether a fix worked
_TRIED = re.compile(r"\b(?:have|did)\s+you\s+(?:\w+\s+)?(?:checked|check|tried|made\s+sure|verified)\b"
                    r"[^.!?]{0,12}$", re.I)
# "..., is that fine?": asks for agreement with a plan, not about the fix
_AGREE = re.compile(r"(?:is|are)\s+that\s+(?:ok|okay|fine|good|alright)\b(?![^.!?]*\b(?:now|again)\b)", re.I)
# "I don't know how does the router work": an indirect question inside a statement
_EMBEDDED = re.compile(r"\b(?:know|sure|wonder(?:ing)?|idea|understand|explain|tell\s+you)\s+"
                       r"(?:how|if|whether|what|why|when)\s+$", re.I)
_NEGATED = re.compile(r"\b(?:not|never|no\s+longer)\b|n't\b", re.I)
_ASK = re.compile(r"\b(?:let\s+(?:me|us)\s+know|tell\s+me|(?:could|can|would|will)\s+you|please)\b", re.I)
# "let me know if 3 pm works for you" arranges a time; it does not check a fix.
_SCHEDULING = re.compile(r"\bworks?\s+(?:for|with)\s+you\b", re.I)
_WHEN = re.compile(r"\b(?:time|slot|call|meeting|appointment|visit|am|pm|\d{1,2}[:.]\d{2}|monday|tuesday|wednesday|"
                   r"thursday|friday|tomorrow|today|morning|afternoon)\b", re.I)
_FIX = re.compile(r"\b(?:i've|i\s+have|we've|i|we)\s+(?:just\s+)?(?:reset|restarted|cleared|fixed|updated|changed|"
                  r"pushed|applied|re-?enabled|enabled|unlocked|reinstalled|removed|added|rebuilt|repaired|"
                  r"re-?sent|resent)\b|\b(?:try|restart|reboot|open|click|run|clear|reinstall|unplug|go\s+to)\b",
                  re.I)


class AgentConfirmationCheck(Detector):
    name = "agent.confirmation_check"
    version = 2
    labels = ("agent.confirmation_check",)
    description = "The agent asks whether the fix worked before closing."

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        lex = load_lexicon("confirmation")
        out: list[Finding] = []
        for i in ctx.targets("agent"):
            msg = conv.messages[i]
            if not _CHEAP.search(msg.text) or bot_reply(conv, i) or _LIVE.search(msg.text):
                continue
            hits: list[tuple[float, int, int]] = []
            for s, e in ctx.sentences(i):
                sent = msg.text[s:e]
                found = [m for m in lex.find(sent) if _keep(sent, m.start, m.end, m.category)]
                if not found or _OTHER_NEEDS.search(sent) or _ELSEWHERE.search(sent) or _MINE.search(sent):
                    continue  # "let me know if there's anything else I can help with" closes, not checks
                if _SCHEDULING.search(sent) and _WHEN.search(sent):
                    continue
                if all(m.category == "report_back" for m in found) and (
                        (_SELF.search(sent) and not _ASK.search(sent)) or any(_NEGATED.search(m.text) for m in found)):
                    continue  # "I'll email you to confirm it's back", "let us know if it doesn't arrive by 8"
                score = max(m.weight for m in found) + (0.05 if sent.rstrip().endswith("?") else 0.0)
                hits.append((score, s, e))
            if not hits:
                continue
            best = max(hits)
            after_fix = any(_FIX.search(conv.messages[j].text)
                            for j in range(max(0, i - LOOKBACK), i + 1) if conv.messages[j].role == "agent")
            score = min(0.95, best[0] + (0.05 if after_fix else 0.0))
            quote = msg.text[best[1]:best[2]]
            out.append(self.finding(
                msg, score, [(s, e) for _, s, e in hits],
                f"Checked that the fix worked (\"{quote}\") instead of assuming it did.",
                data={"after_fix": after_fix},
            ))
        return out


def _keep(sent: str, start: int, end: int, category: str) -> bool:
    """A lexicon match that really asks about the fix."""
    head = sent[:start]
    if _EMBEDDED.search(head) or _HOW.search(head) or _TRIED.search(head) or _HISTORY.search(sent, start, end):
        return False
    if _AGREE.match(sent, start):
        return False
    # "check that it's there in menu.lst", "see if any thing is there": an existence test;
    # "confirm that all the drawings are there" after a restore checks it
    text = sent[start:end].lower()
    return not (category == "report_back" and text.endswith("there")
                and not re.search(r"\b(?:all|every\w*|still|back)\b", text))


DETECTOR = AgentConfirmationCheck()
