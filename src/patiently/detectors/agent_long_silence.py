"""agent.long_silence: the customer waited longer than the channel's threshold for the agent.

A wait starts at the first customer message the agent has not answered yet, or at an agent
message saying they are working on it (an agent.progress_update: the customer is now
waiting for the result). It ends at the next agent message; an agent message in between is
an update and restarts the clock. A wait longer than ``Settings.silence.threshold(channel)``
is reported on the message that waited, with ``waited_seconds`` and ``threshold``; the score
grows with how many times over the threshold it was. Not counted: gaps after the customer
said they would be away or come back ("I'll try it tonight", ``lexicons/waiting.yaml``
``away``) and waits the agent announced with a due time (agent.promise) and kept. A wait
that never got an answer counts only if the customer wrote again after the threshold.
Messages without ``sent_at`` cannot be timed and are skipped.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import datetime, timedelta

from ..lexicon import load_lexicon
from ..model import Conversation, Finding
from ..text import human_duration
from .base import Detector, DetectorContext

UNANSWERED_FACTOR = 0.8  # no agent reply at all: less certain the agent was still expected


class AgentLongSilence(Detector):
    name = "agent.long_silence"
    version = 1
    labels = ("agent.long_silence",)
    description = "The customer waited longer than the channel's threshold without an agent message."
    requires = ("agent.progress_update", "agent.promise")

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        if ctx.focus is not None:
            return []  # a wait is pinned on the message waited from, never on the last one
        threshold = float(ctx.settings.silence.threshold(conv.channel))
        grace = timedelta(seconds=ctx.settings.promise.grace_seconds)
        working = {f.message_id for f in ctx.by_label("agent.progress_update")}
        promised: dict[str, datetime] = {}
        for f in ctx.by_label("agent.promise"):
            if f.data.get("due") and f.message_id:
                promised[f.message_id] = datetime.fromisoformat(f.data["due"]) + grace
        away = load_lexicon("waiting")
        out: list[Finding] = []
        start: int | None = None  # index of the message the customer is waiting from
        deadline: datetime | None = None  # announced return time of the last agent message
        last_customer: int | None = None
        for j, m in enumerate(conv.messages):
            if m.sent_at is None or m.role == "system":
                continue
            if m.role == "customer":
                said = away.first(m.text, ("away", "ack"))
                if said is not None and said.category == "away":
                    start = None
                    continue
                if said is not None and start is None:
                    continue  # "ok", "thanks": nothing the agent must answer
                if start is None:
                    start = j
                last_customer = j
                continue
            # an agent message ends the wait
            if start is not None:
                waited = (m.sent_at - conv.messages[start].sent_at).total_seconds()  # type: ignore[operator]
                if waited > threshold and not (deadline is not None and m.sent_at <= deadline):
                    out.append(self._finding(conv, start, waited, threshold, m.author or "agent", j))
            deadline = promised.get(m.id)
            start = j if (m.id in working or m.id in promised) else None
            last_customer = None
        if start is not None and last_customer is not None and last_customer != start:
            t0, t1 = conv.messages[start].sent_at, conv.messages[last_customer].sent_at
            waited = (t1 - t0).total_seconds()  # type: ignore[operator]
            if waited > threshold and not (deadline is not None and t1 <= deadline):  # type: ignore[operator]
                agent = next((conv.messages[k].author for k in range(start, -1, -1)
                              if conv.messages[k].role == "agent"), None) or "agent"
                out.append(self._finding(conv, start, waited, threshold, agent, None))
        return out

    def _finding(self, conv: Conversation, start: int, waited: float, threshold: float,
                 agent: str, answer: int | None) -> Finding:
        msg = conv.messages[start]
        ratio = waited / threshold
        score = min(1.0, 0.35 + 0.35 * math.log2(max(ratio, 1.0)))
        if answer is None:
            score *= UNANSWERED_FACTOR
        after_update = msg.role == "agent"
        head = "After saying you were on it, the customer" if after_update else "The customer"
        reply = "no reply came" if answer is None else "the next agent message came"
        f = self.finding(
            msg, score, [(0, len(msg.text))],
            f"{head} waited {human_duration(waited)} ({ratio:.1f}x the {human_duration(threshold)} limit) and {reply}; "
            "send a short update during long checks.",
            data={"waited_seconds": round(waited, 1), "threshold": threshold,
                  "answered_by": conv.messages[answer].id if answer is not None else None,
                  "after_update": after_update},
        )
        # The silence is the agent's, whichever message it is pinned to.
        return replace(f, author=agent)


DETECTOR = AgentLongSilence()
