"""agent.broken_promise: a promised follow-up did not come by its due time.

For every agent.promise with a due time, the deadline is the due time plus
``Settings.promise.grace_seconds``. The promise is kept when an agent follows up by then
(an agent message at least ``FOLLOWUP_MIN_SECONDS`` after the promise, or any agent message
after the customer wrote again). It is broken when the first follow-up came after the
deadline, or none came while the conversation went on past it (the customer wrote after
the deadline). Customer chasers ("any update?", "still waiting", ``lexicons/waiting.yaml``)
are added as evidence and raise the score. Promises without times cannot be judged.

v2 (hand-judged on real chats): messages are taken in time order (threads exported reply by
reply are not), and a promise that first moves the customer to a private channel ("DM us your
details & we'll get back to you shortly") is not judged: its follow-up is not in this thread.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from ..lexicon import load_lexicon
from ..model import Conversation, Finding, Span
from ..text import human_duration
from .base import Detector, DetectorContext

FOLLOWUP_MIN_SECONDS = 60  # the agent's next line in the same breath is not a follow-up
MAX_SCAN = 300  # messages looked at after a promise; bounds the cost per promise


# The promise asks the customer to move to a private channel first: its follow-up is not in this thread.
_PRIVATE = re.compile(r"\b(?:dms?|direct\s+message|private\s+message|pm\s+(?:us|me))\b", re.I)


class AgentBrokenPromise(Detector):
    name = "agent.broken_promise"
    version = 2
    labels = ("agent.broken_promise",)
    description = "A promised follow-up did not arrive by its due time (plus grace)."
    requires = ("agent.promise",)

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        if ctx.focus is not None and ctx.latest_in_time(ctx.focus):
            return []  # judged by the messages after the promise: none after the latest one
        out: list[Finding] = []
        grace = timedelta(seconds=ctx.settings.promise.grace_seconds)
        chase = load_lexicon("waiting")
        # time order: threads exported reply by reply are not in the order they were written
        timed = sorted(((k, m.sent_at) for k, m in enumerate(conv.messages) if m.sent_at is not None),
                       key=lambda kt: kt[1])
        for p in ctx.by_label("agent.promise"):
            if not p.data.get("due") or p.message_id not in ctx.index:
                continue
            i = ctx.index[p.message_id]
            promised = conv.messages[i]
            said_at = promised.sent_at
            if said_at is None or _PRIVATE.search(promised.text):
                continue  # "DM us your details & we'll get back to you": the follow-up happens in private
            due = datetime.fromisoformat(p.data["due"])
            deadline = due + grace
            follow_at: datetime | None = None
            last_seen: datetime | None = None
            chaser: tuple[int, int, int] | None = None
            customer_spoke = False
            for j, at in [(k, t) for k, t in timed if t > said_at or (t == said_at and k > i)][:MAX_SCAN]:
                m = conv.messages[j]
                if m.role == "agent":
                    early = (at - said_at).total_seconds() < FOLLOWUP_MIN_SECONDS
                    if customer_spoke or not early:
                        follow_at = at
                        break
                    continue
                last_seen = at
                if m.role == "customer":
                    customer_spoke = True
                    hit = chase.first(m.text, ("chase",))
                    first_chase_at = conv.messages[chaser[0]].sent_at if chaser else None
                    if hit and (chaser is None or (at > due and (first_chase_at or due) <= due)):
                        chaser = (j, hit.start, hit.end)
            if follow_at is not None and follow_at <= deadline:
                continue
            if follow_at is None and (last_seen is None or last_seen <= deadline):
                continue  # the conversation ended before the deadline: nothing to judge
            late_until = follow_at or last_seen
            assert late_until is not None
            late = (late_until - due).total_seconds()
            scale = max(float(p.data.get("due_seconds") or 0), float(grace.total_seconds()), 600.0)
            score = 0.6 + 0.2 * min(1.0, late / scale) + (0.15 if chaser else 0.0)
            evidence = list(p.evidence)
            if chaser:
                evidence.append(Span(conv.messages[chaser[0]].id, chaser[1], chaser[2]))
            when = p.data.get("due_text") or "the promised time"
            how = "no follow-up came" if follow_at is None else f"the follow-up came {human_duration(late)} late"
            chased = f"; the customer chased (\"{conv.messages[chaser[0]].text[chaser[1]:chaser[2]]}\")" \
                if chaser else ""
            out.append(self.finding(
                promised, score, evidence,
                f"Promised {p.data.get('what', 'a follow-up')} {when}, but {how}{chased}. "
                "Send a short update before the deadline, even to say you're still on it.",
                data={"due": p.data["due"], "follow_up": follow_at.isoformat() if follow_at else None,
                      "late_seconds": round(late, 1),
                      "chased_by": conv.messages[chaser[0]].id if chaser else None},
            ))
        return out


DETECTOR = AgentBrokenPromise()
