"""agent.promise: the agent commits to doing something later, with a due time when given.

Commitments come from ``lexicons/promise.yaml`` (call back, email, update, follow up, visit,
fix); each needs a first-person future subject, and conditionals, offers, threats to close
and negations are skipped (``not_promise``). The due time is parsed from the same sentence
by ``patiently.timeparse`` relative to the message's ``sent_at`` and in its timezone ("by
3 pm", "within the hour", "tomorrow morning", "on Monday"). Vague words ("shortly", "soon")
get ``Settings.promise.default_chat_seconds`` on chat, social and phone channels and
``default_async_seconds`` elsewhere. Without ``sent_at`` a relative due still gives
``due_seconds``. agent.broken_promise checks the due times later. v4 (QA pass 25): a due tied to an event ("I'll call
you as soon as it's ready to collect") is quoted whole, not as "soon" taken as a number of minutes.

"They will reply" is the agent's promise only when the message says who "they" are on the
agent's side (forwarded to a case manager, looping in an expert); otherwise it is a guess
about other people ("they will reply, hang on"). In group chats, a line from someone who was
just told what to run on their own system is the helped person's plan ("I'll be back in a
few"), not a commitment to a customer (``agent_progress_update.being_helped``).
"""

from __future__ import annotations

import re

from ..channels import channel_kind
from ..lexicon import load_lexicon
from ..model import Conversation, Finding
from ..timeparse import parse_due
from .agent_progress_update import being_helped
from .base import Detector, DetectorContext

SYNC_CHANNELS = frozenset({"chat", "social", "phone"})
_THEY = re.compile(r"^they\b", re.I)
# Who "they" are on the agent's side: handed over to, or a named team or role.
_HANDOVER = re.compile(r"\b(?:forward\w*|escalat\w*|refer\w*|pass\w*\s+(?:it|this|your)|loop\w*\s+in|"
                       r"hand\w*\s+(?:it|this|your|over)|assign\w*|transferr?\w*|colleagues?|team|specialists?|manager|expert|department|"
                       r"engineers?|technicians?|supervisor|agents?|advisors?|representatives?)\b", re.I)
# v5 (QA pass 26, g12): the due is read from the commitment's own clause: in "the access is added automatically,
# usually within 15 minutes, and I'll message you when it's live" the 15 minutes are the approval's, not the promise's
_CLAUSE = re.compile(r",\s+(?:and|but|so|while|then|which)\s+|;\s*|\s[-–—]\s|:\s+")
# ... and when that clause gives no time or only an event, a firm time elsewhere in the sentence is when the event
# happens ("The network team will swap it tomorrow morning, and I'll message you once it's done"), unless it is hedged
# as a typical delay ("usually within 15 minutes"): that is how long something else takes, not the agent's due
_HEDGED = re.compile(r"\b(?:usually|typically|normally|generally|often|about|around|roughly|approximately|up\s+to)\s+$",
                     re.I)
_CHEAP = re.compile(r"\b(?:i'll|ill|i\s+will|we'll|we\s+will|going\s+to|shall|will|they'll)\b|\bi\s+can\b", re.I)


def _handed_over(conv: Conversation, i: int) -> bool:
    """Message ``i``, or a neighbouring part by the same author ("1/3 ... 2/3"), says to whom
    on the agent's side the case went."""
    author = conv.messages[i].author
    return any(_HANDOVER.search(conv.messages[j].text)
               for j in range(max(0, i - 2), min(len(conv.messages), i + 3))
               if j == i or conv.messages[j].author == author)


def vague_seconds(ctx: DetectorContext) -> int:
    p = ctx.settings.promise
    return p.default_chat_seconds if channel_kind(ctx.conv.channel, ctx.conv.source) in SYNC_CHANNELS \
        else p.default_async_seconds


class AgentPromise(Detector):
    name = "agent.promise"
    # v5 (QA pass 26, promise v3): "I'll message you" is a message, not an email; the due is read from the commitment's
    # clause ("..., usually within 15 minutes, and I'll message you when it's live": "when it's live"), and "the moment
    # it's back up" / "when it's live" are events (timeparse)
    version = 5  # v4 (QA pass 25): "as soon as it's ready" is quoted as the event, not as "soon" (1440 min)
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
                if sent.rstrip().endswith("?"):
                    continue  # "shall I call you back?" offers, it does not commit
                # Every commitment pattern holds its future subject, which _CHEAP finds: a sentence
                # without one cannot match (tests/test_detectors_agent.py checks it on the examples),
                # and skipping the lexicon there is most of this detector's cost.
                if not _CHEAP.search(sent):
                    continue
                found = lex.find(sent)
                if not found or any(m.category == "not_promise" for m in found):
                    continue
                found = [m for m in found if not _THEY.match(m.text) or _handed_over(conv, i)]
                if not found:
                    continue  # "they will reply": other people, not the agent's side
                if being_helped(conv, i):
                    break  # the helped person's own plan ("I'll be back in a few"), checked last: O(n)
                top = max(found, key=lambda m: m.weight)
                cs = max((b.end() for b in _CLAUSE.finditer(sent, 0, top.start)), default=0)
                ce = next((b.start() for b in _CLAUSE.finditer(sent, top.end)), len(sent))
                clause = sent[cs:ce]
                due = parse_due(clause, msg.sent_at, vague)
                if (due is None or due.event) and clause != sent:
                    whole = parse_due(sent, msg.sent_at, vague)
                    if whole is not None and not whole.vague and not _HEDGED.search(sent[:whole.start]):
                        due, clause = whole, sent
                what = top.category.replace("_", " ")
                due_text = clause[due.start:due.end].rstrip(" .") if due else None
                if due is None:
                    score, when = 0.6, "with no time given"
                elif due.event:
                    score, when = 0.7, f"\"{due_text}\""  # v4: "as soon as it's ready", not "soon (1440 min)"
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
