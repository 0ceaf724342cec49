"""agent.promise: the agent commits to doing something later, with a due time when given.

Commitments come from ``lexicons/promise.yaml`` (call back, email, update, follow up, visit,
fix); each needs a first-person future subject, and conditionals, offers, threats to close
and negations are skipped (``not_promise``). The due time is parsed from the same sentence
by ``patiently.timeparse`` relative to the message's ``sent_at`` and in its timezone ("by
3 pm", "within the hour", "tomorrow morning", "on Monday"). Vague words ("shortly", "soon")
get ``Settings.promise.default_chat_seconds`` on chat, social and phone channels and
``default_async_seconds`` elsewhere. Without ``sent_at`` a relative due still gives
``due_seconds``. agent.broken_promise checks the due times later.
"""

from __future__ import annotations

import re

from ..lexicon import load_lexicon
from ..model import Conversation, Finding
from ..timeparse import parse_due
from .base import Detector, DetectorContext

SYNC_CHANNELS = frozenset({"chat", "social", "phone"})
_CHEAP = re.compile(r"\b(?:i'll|ill|i\s+will|we'll|we\s+will|going\s+to|shall|will|they'll)\b|\bi\s+can\b", re.I)


def vague_seconds(ctx: DetectorContext) -> int:
    p = ctx.settings.promise
    return p.default_chat_seconds if (ctx.conv.channel or "") in SYNC_CHANNELS else p.default_async_seconds


class AgentPromise(Detector):
    name = "agent.promise"
    version = 1
    labels = ("agent.promise",)
    description = "The agent makes a commitment (call back, update, visit) and when it is due."

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        lex = load_lexicon("promise")
        vague = vague_seconds(ctx)
        out: list[Finding] = []
        for i in ctx.targets("agent"):
            msg = conv.messages[i]
            if not _CHEAP.search(msg.text):
                continue
            for s, e in ctx.sentences(i):
                sent = msg.text[s:e]
                found = lex.find(sent)
                if not found or any(m.category == "not_promise" for m in found):
                    continue
                if sent.rstrip().endswith("?"):
                    continue  # "shall I call you back?" offers, it does not commit
                top = max(found, key=lambda m: m.weight)
                due = parse_due(sent, msg.sent_at, vague)
                what = top.category.replace("_", " ")
                due_text = sent[due.start:due.end].rstrip(" .") if due else None
                if due is None:
                    score, when = 0.6, "with no time given"
                elif due.vague:
                    score, when = 0.7, f"\"{due_text}\" (taken as {int(due.seconds or 0) // 60} min)"
                else:
                    score, when = 0.85, f"\"{due_text}\""
                tip = " Say when, so the customer knows what to expect." if due is None else ""
                out.append(self.finding(
                    msg, score, [(s, e)],
                    f"Committed to {what} {when}: keep it, or update the customer before it is due.{tip}",
                    data={
                        "due": due.due.isoformat() if due and due.due else None,
                        "due_seconds": due.seconds if due else None,
                        "due_text": due_text,
                        "vague": bool(due and due.vague),
                        "what": what,
                    },
                ))
                break  # one commitment per message is enough for coaching and follow-up checks
        return out


DETECTOR = AgentPromise()
