"""agent.tone: a learned reading of each agent sentence's tone, for what no lexicon lists.

The rule-based detectors (agent.dismissive, agent.blame, ...) find the phrasings their
lexicons hold, with evidence a trainer can check word by word. Impatience worded any other
way ("lol ur printer is cooked mate", "I'd kindly suggest you look for a solution
elsewhere") passed them all. This detector scores every sentence of an agent message with the
shipped ``agent_tone`` head (:mod:`patiently.heads.tone`: a linear layer over the sentence
embedding and hashed n-grams, trained on sentences the project wrote and labelled), and
reports a sentence when the head is confident it is not ``ok``: the finding's ``category`` is
the coach category it reads (dismissive, blame, condescending, unprofessional, pressure,
impatient_repeat, negative_phrasing) and ``score`` is 1 - p(ok).

It is a second opinion, not a rule: the coach shows it only where no rule-based detector
flagged the same sentence, never above ``warning``, and says that it is the model's reading.
The rubric gives it no weight. Bot replies and lines to another helper of a group chat are
skipped like in the other agent detectors.

v2 (QA pass 14): a condescending reading of a sentence that names a physical control and where it sits, and says
nothing of the customer ("On the front of the printer there is a round button with a little power symbol."), is
dropped: a plain description of the device, not talking down.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from ..heads.tone import clean, scoreable
from ..lexicon import load_lexicon
from ..model import Conversation, Finding
from ._chat_lines import bot_reply, to_other_helper
from .base import Detector, DetectorContext

if TYPE_CHECKING:
    from ..heads import Head

# 1 - p(ok) at which a sentence is reported: the head's 5-fold CV precision on the written
# sentences is 0.96 there (recall 0.15: it speaks when sure; see docs/detectors/agent.tone.md).
REPORT_AT = 0.8
MAX_SENTENCES = 200  # a pasted log is not a reply: its first sentences are enough
# A refusal read alone sounds like a brush-off ("Unfortunately we can't ship to PO boxes with
# this courier."); with an offer, referral or hand-over in it or in the next sentence it is the
# firm, kind no that the rule detectors let pass, and so does this one.
_EXCUSED_BY_ALTERNATIVE = frozenset({"dismissive", "negative_phrasing"})
_ALTERNATIVES = ("offer", "referral", "handover", "contact")
# v2 (QA pass 14): the head reads a plain description of where a control is and what it looks like ("On the
# front of the printer there is a round button with a little power symbol.") as condescending: it learned the
# words of "it's the big round button, you can't miss it" without the jab. A sentence that names a physical
# control and where it sits, and says nothing about the customer ("you", "yourself"), describes the device: the
# concrete instruction the docs ask for with a non-technical customer, not talking down.
_CONTROL = re.compile(r"\b(?:button|switch|icon|symbol|light|lamp|led|port|socket|plug|cable|lever|knob|dial|slot|"
                      r"tab|key|sticker|label|screen|display|tray|lid|cover)s?\b", re.IGNORECASE)
_PLACE = re.compile(r"\b(?:on|at|in)\s+the\s+(?:very\s+)?(?:front|back|rear|side|top|bottom|left|right|corner|"
                    r"(?:top|bottom|upper|lower)\s+(?:left|right))\b|\b(?:next\s+to|beside|underneath|below|"
                    r"above|behind)\s+(?:the|a|your)\b", re.IGNORECASE)
_ABOUT_THEM = re.compile(r"\byou(?:[''’](?:re|ll|d|ve))?\b|\byourself\b", re.IGNORECASE)


_CLAUSES = re.compile(r"\s*[,;]\s*|\s+[-\u2013\u2014]\s+|\s+but\s+", re.IGNORECASE)


def _describes_device(sentence: str) -> bool:
    """Names a physical control and where it is, says nothing of the customer, and holds nothing
    else: every clause of three words or more names the control or the place (a lead-in before a
    colon aside, "Let's try one small thing: ..."). "The button is on the top, it's literally the
    only button, how did anyone miss it" keeps its reading (v2)."""
    body = sentence.split(":", 1)[1] if ":" in sentence else sentence
    if not (_CONTROL.search(body) and _PLACE.search(body)) or _ABOUT_THEM.search(body):
        return False
    return all(_CONTROL.search(c) or _PLACE.search(c) for c in _CLAUSES.split(body) if len(c.split()) >= 3)


# The lexicons of the rule-based detectors of the same categories (and of closing the ticket,
# which only the context can judge): where one of them matched in a sentence, the rule had its
# say, including when it let the words pass ("It's really simple." to a calm customer;
# "Closing the ticket." after "that worked, thanks"). The model speaks on the other sentences.
RULE_LEXICONS = ("dismissive", "blame", "condescending", "unprofessional", "pressure", "impatient_repeat",
                 "negative_phrasing", "closing")


def _ruled(text: str) -> list[tuple[int, int]]:
    """Where a rule lexicon matched (the detectors' own lookups of the whole text: memoised)."""
    return [(m.start, m.end) for name in RULE_LEXICONS for m in load_lexicon(name).find(text)]


@cache
def _head(directory: str | None = None) -> Head:
    """The ``agent_tone`` head of ``directory`` (``heads.dir``), else the shipped one."""
    from ..heads import load_heads

    return load_heads(directory).linear("agent_tone")


def _alternative_near(text: str, sents: list[tuple[int, int]], k: int) -> bool:
    end = sents[k + 1][1] if k + 1 < len(sents) else sents[k][1]
    return bool(load_lexicon("tone_alternatives").find(text[sents[k][0]:end], _ALTERNATIVES))


def _vectors(ctx: DetectorContext, head: Head, spans: list[tuple[int, int]], texts: list[str]) -> np.ndarray:
    """The head's input (its ``embedding`` block): the sentence vectors the other detectors
    already computed, where this head reads the same text with the same embedder (a draft's
    sentences, usually), the rest encoded here."""
    from ..heads.features import get_head_embedder

    if head.blocks != ("embedding",):
        return head.dense(texts)
    own = get_head_embedder(head.embedder)
    if getattr(ctx.embedder, "name", None) != getattr(own, "name", object()):
        return own.encode(texts)
    index, vecs = ctx.sentence_vectors()
    embedded = ctx.embedded_texts()
    row = {(i, s): r for r, (i, s, _) in enumerate(index)}
    found = [row.get((i, ctx.sentences(i)[k][0]), -1) for i, k in spans]
    out = np.zeros((len(texts), vecs.shape[1]), dtype=np.float32)
    todo = [j for j, r in enumerate(found) if r < 0 or embedded[r] != texts[j]]
    fresh = set(todo)
    reuse = [j for j in range(len(texts)) if j not in fresh]
    out[reuse] = vecs[[found[j] for j in reuse]]
    if todo:
        out[todo] = own.encode([texts[j] for j in todo])
    return out


class AgentTone(Detector):
    name = "agent.tone"
    # v2 (QA pass 14): a condescending reading of a sentence that only describes where a control is is dropped
    # v3 (QA pass 25, tone_alternatives v4): "One thing that helps: ..." in the next sentence excuses a refusal
    version = 3
    labels = ("agent.tone",)
    description = ("A learned reading of an agent sentence's tone (dismissive, blame, condescending, ...), "
                   "for impatience worded outside the lexicons; the coach's second opinion.")

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        targets = [i for i in ctx.targets("agent") if not bot_reply(conv, i) and not to_other_helper(conv, i)]
        if not targets:
            return []
        head = _head(ctx.settings.heads.dir)
        spans: list[tuple[int, int]] = []  # (message index, sentence number)
        texts: list[str] = []
        for i in targets:
            text = conv.messages[i].text
            for k, (s, e) in enumerate(ctx.sentences(i)[:MAX_SENTENCES]):
                cleaned = clean(text[s:e])
                if scoreable(cleaned):
                    spans.append((i, k))
                    texts.append(cleaned)
        if not texts:
            return []
        p = head.predict_proba(texts, _vectors(ctx, head, spans, texts))
        bad = 1.0 - p[:, 0]
        out: list[Finding] = []
        ruled: dict[int, list[tuple[int, int]]] = {}
        for j in np.flatnonzero(bad >= REPORT_AT):
            i, k = spans[int(j)]
            msg, sents = conv.messages[i], ctx.sentences(i)
            s, e = sents[k]
            if i not in ruled:
                ruled[i] = _ruled(msg.text)
            if any(a < e and s < b for a, b in ruled[i]):
                continue
            category = head.classes[1 + int(np.argmax(p[j, 1:]))]
            if category in _EXCUSED_BY_ALTERNATIVE and _alternative_near(msg.text, sents, k):
                continue
            if category == "condescending" and _describes_device(msg.text[s:e]):
                continue  # v2: where the button is, not who the customer is
            out.append(self.finding(
                msg, float(bad[j]), [(s, e)],
                f"reads as {category.replace('_', ' ')} to the tone model "
                f"(p = {float(p[j, head.classes.index(category)]):.2f}); no rule decides this",
                data={"category": category, "p_ok": round(float(p[j, 0]), 3)}))
        return out


DETECTOR = AgentTone()
