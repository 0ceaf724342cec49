"""agent.progress_update: the agent tells the customer what is being done.

Sentences of agent messages are matched against ``lexicons/progress.yaml``: what the agent
is doing now ("I'm checking the mail server logs"), that they are still on it, how far a
long job is ("the sync is at 60%"), who it was handed to ("I've escalated this to the
network team and they're looking at it"), what was checked so far, and holds that say what
the wait is for ("give me 2 minutes while I check"). A bare "one moment" scores low.
Questions are skipped ("are you checking the logs?" asks, it does not inform).
"""

from __future__ import annotations

import re

from ..lexicon import load_lexicon
from ..model import Conversation, Finding
from .base import Detector, DetectorContext

# "I'm not checking", and "what I'm trying to do is..." (describing, not updating)
_NEGATED = re.compile(r"\b(?:not|n't|never)\s+(?:\w+\s+)?$|\b(?:what|how|why|where)\s+$", re.I)
_CHEAP = re.compile(r"\b(?:i|i'm|im|i've|we|we're|we've|let|give|one|just|still|the|our|it's|it|bear|hang|hold|"
                    r"brb|almost|nearly|halfway|quick|small|so|here's|thanks|thank)\b|%", re.I)


class AgentProgressUpdate(Detector):
    name = "agent.progress_update"
    version = 1
    labels = ("agent.progress_update",)
    description = "The agent tells the customer what is being done while troubleshooting."

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        lex = load_lexicon("progress")
        out: list[Finding] = []
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
                hits = [m for m in lex.find(sent) if not _NEGATED.search(sent[: m.start])]
                if not hits:
                    continue
                top = max(hits, key=lambda m: m.weight)
                # A bare hold next to a real update adds nothing; alone it is weak.
                score = top.weight + 0.05 * (len({m.category for m in hits}) - 1)
                spans.append((s, e))
                if best is None or score > best[0]:
                    best = (score, s, e, top.category)
            if best is None:
                continue
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
