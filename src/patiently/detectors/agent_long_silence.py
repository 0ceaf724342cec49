"""agent.long_silence: the customer waited longer than the channel's threshold for the agent.

A wait starts at the first customer message the agent has not answered yet, or at an agent
message saying they are working on it (an agent.progress_update: the customer is now
waiting for the result). It ends at the next agent message; an agent message in between is
an update and restarts the clock. A wait longer than ``Settings.silence.threshold(channel)``
is reported on the message that waited, with ``waited_seconds`` and ``threshold``; the score
grows with how many times over the threshold it was. Not counted: gaps after the customer
said they would be away, try something or were done ("I'll try it tonight", "I'll keep
that in mind", ``lexicons/waiting.yaml`` ``away``), bare acknowledgements ("thanks nick",
"@brand thank you very much"), and waits the agent announced with a due time
(agent.promise) and kept. A wait that never got an answer counts only if the customer wrote
again after the threshold.

v2, from hand-judging findings on real chats: messages are taken in time order (threads
exported reply by reply are not); waits are kept per customer, so an agent reply addressed
to someone else ("@other ...", "nick: ...") does not end them and a customer talking to
another customer starts none; a remark that asked nothing ("as a fun fact, ...", "o.0")
followed by the customer's own pause longer than the threshold and a new topic is not
a wait: the wait restarts at the new message. Messages without ``sent_at`` are skipped.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from ..channels import channel_kind
from ..lexicon import load_lexicon
from ..model import Conversation, Finding
from ..text import human_duration
from .base import Detector, DetectorContext

UNANSWERED_FACTOR = 0.8  # no agent reply at all: less certain the agent was still expected
# Something the customer needs an answer to: a question, a call for help, a failure, confusion.
_ASKS = re.compile(r"\?|\b(?:help|anyone|anybody|someone|somebody|please|pls|plz|how|why|what|which|where|"
                   r"error|errors|fail|fails|failed|failing|broken|crash\w*|can'?t|cannot|won'?t|doesn'?t|"
                   r"isn'?t|didn'?t|not\s+working|no\s+luck|still\s+nothing|nothing\s+happen\w*|problem|issue|stuck|understand|confus\w*|lost|no\s+idea|don'?t\s+know|not\s+sure)\b",
                   re.I)
_LEAD = re.compile(r"^\s*(?:(?:@[\w.\-]+|[\w\-\[\]`^|{}.]{2,24}[:,])\s*)+")
_MENTION = re.compile(r"@[\w.\-]+")


@dataclass
class _Wait:
    start: int  # the message waited from
    last: int  # the customer's latest message in this wait (== start after an agent update)
    asked: bool  # the customer asked or reported something (an update always counts)
    deadline: datetime | None = None  # the agent's announced return time


class AgentLongSilence(Detector):
    name = "agent.long_silence"
    version = 3
    labels = ("agent.long_silence",)
    description = "The customer waited longer than the channel's threshold without an agent message."
    requires = ("agent.progress_update", "agent.promise")

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        if ctx.focus is not None and ctx.latest_in_time(ctx.focus):
            # A wait is pinned on the message waited from, which something later must end: never
            # on the latest message. Threads listed out of time order (TWCS) run in full.
            return []
        threshold = float(ctx.settings.silence.threshold(channel_kind(conv.channel, conv.source)))
        grace = timedelta(seconds=ctx.settings.promise.grace_seconds)
        working = {f.message_id for f in ctx.by_label("agent.progress_update")}
        promised: dict[str, datetime] = {}
        for f in ctx.by_label("agent.promise"):
            if f.data.get("due") and f.message_id:
                promised[f.message_id] = datetime.fromisoformat(f.data["due"]) + grace
        away = load_lexicon("waiting")
        msgs = conv.messages
        timed = sorted((j for j, m in enumerate(msgs) if m.sent_at is not None and m.role != "system"),
                       key=lambda j: msgs[j].sent_at)  # type: ignore[arg-type,return-value]
        roles: dict[str, str] = {(m.author or "").lower(): m.role for m in msgs if m.author}
        # An agent reply without a time cannot be placed in time, but it was an answer: a wait
        # with one listed between its start and its end was not silence.
        untimed = [0]
        for m in msgs:
            untimed.append(untimed[-1] + (m.role == "agent" and m.sent_at is None))

        def answered_untimed(start: int, end: int) -> bool:
            return start < end and untimed[end] - untimed[start + 1] > 0

        out: list[Finding] = []
        waits: dict[str, _Wait] = {}  # customer author (lower-case) -> their open wait
        last_customer: str | None = None
        for j in timed:
            m = msgs[j]
            who = _addressed(m.text, roles)
            if m.role == "customer":
                me = (m.author or "").lower()
                if who and me not in who and not any(roles[w] == "agent" for w in who):
                    continue  # talking to another customer, not to the agent
                bare = _bare(m.text, roles)
                said = away.first(bare, ("away", "ack"))
                if said is not None and said.category == "away":
                    w = waits.pop(me, None)
                    if w is not None and w.asked and w.last != w.start and not answered_untimed(w.start, j):
                        w.last = j  # left after asking and waiting: report what they waited, unanswered
                        out.extend(self._unanswered(conv, w, threshold))
                    continue
                w = waits.get(me)
                if said is not None and w is None:
                    continue  # "ok", "thanks": nothing the agent must answer
                asks = bool(_ASKS.search(bare))
                if w is not None and not w.asked and \
                        (_time(conv, j) - _time(conv, w.last)).total_seconds() > threshold and \
                        away.first(bare, ("chase",)) is None:
                    w = None  # a remark that asked nothing, then the customer's own pause: a new topic
                if w is None:
                    waits[me] = _Wait(j, j, asks)
                else:
                    w.last, w.asked = j, w.asked or asks
                last_customer = me
                continue
            # an agent message ends the waits of the customers it is for (all, when it names none)
            named = [c for c in waits if c in who] if who else list(waits)
            for c in named:
                w = waits.pop(c)
                waited = (_time(conv, j) - _time(conv, w.start)).total_seconds()
                if waited > threshold and not (w.deadline is not None and _time(conv, j) <= w.deadline) \
                        and not answered_untimed(w.start, j):
                    out.append(self._finding(conv, w.start, waited, threshold, m.author or "agent", j))
            if m.id in working or m.id in promised:
                for c in [c for c in who if roles[c] == "customer"] or [last_customer or ""]:
                    waits[c] = _Wait(j, j, True, promised.get(m.id))
        for w in waits.values():
            if w.last != w.start and not answered_untimed(w.start, len(msgs)):
                out.extend(self._unanswered(conv, w, threshold))
        return sorted(out, key=lambda f: ctx.index.get(f.message_id or "", 0))

    def _unanswered(self, conv: Conversation, w: _Wait, threshold: float) -> list[Finding]:
        """A wait no agent message ended, counted up to the customer's last message in it."""
        msgs = conv.messages
        t1 = _time(conv, w.last)
        waited = (t1 - _time(conv, w.start)).total_seconds()
        if waited <= threshold or (w.deadline is not None and t1 <= w.deadline):
            return []
        agent = next((msgs[k].author for k in range(w.start, -1, -1) if msgs[k].role == "agent"), None) or "agent"
        return [self._finding(conv, w.start, waited, threshold, agent, None)]

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


def _time(conv: Conversation, k: int) -> datetime:
    t = conv.messages[k].sent_at
    assert t is not None  # only timed messages are walked
    return t


def _addressed(text: str, roles: dict[str, str]) -> set[str]:
    """Participants (lower-case authors) a message opens by naming: "@sam ...", "nick: ...", "nick, ..."."""
    lead = _LEAD.match(text)
    names = {t.strip("@:, ").lower() for t in re.split(r"[\s]+", lead.group(0))} if lead else set()
    first = text.split(None, 1)[0].lower() if text.split() else ""  # "MM2 pmount ...": IRC without a colon
    if first in roles and len(first) >= 3:
        names.add(first)
    return {n for n in names if n in roles}


def _bare(text: str, roles: dict[str, str]) -> str:
    """The text without @mentions and participants' names ("thanks akashj87" -> "thanks")."""
    text = _MENTION.sub(" ", text)
    for name in roles:
        if len(name) >= 3 and name.lower() in text.lower():
            text = re.sub(rf"(?<![\w\-]){re.escape(name)}(?![\w\-])[:,]?", " ", text, flags=re.I)
    return text.strip()


DETECTOR = AgentLongSilence()
