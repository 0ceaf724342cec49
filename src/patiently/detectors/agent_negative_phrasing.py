"""agent.negative_phrasing: a "no" with nothing the customer can do next.

Signals come from the ``negative_phrasing`` lexicon (refusals, "not supported", dead ends).
A negative phrase is fine when an alternative follows: the ``tone_alternatives`` offer or
referral categories in the same sentence or the next one ("we don't support Macs, but you
can use the web app"). In chat, agents often split one thought over two messages, so when
the negative sentence ends the message and the agent's next message follows directly, its
first sentence counts as "the next sentence". Questions ("is that not possible?") are not
refusals and are skipped. Real IRC/Twitter support data added two kinds of rule, both in
the lexicon: context rules per category (``context_excludes``: "if one line is not possible,
use pastebin", "my soundcard is not supported", "not supported in Lightroom 6") and
``cleared_by`` cues that count as an alternative besides tone_alternatives ("try #windows",
"check with the developers", a link, "we'll share the interest with our team"), looked for
in the sentence before as well ("Just reinstall. There's no way to repair it.").
v3 (QA pass 12, lexicon v2): "we don't accept (them)" (``unsupported``) and the slogan "No receipt,
no refund." (``slogan``: a sentence of its own whose second half withholds a service).
v4 (QA pass 13, tone_alternatives v3): "I'd be happy to apply that for you" in the next sentence is an offer.
v5 (QA passes 16-17, lexicon v3): a condition the customer can meet, with what follows, is a way forward ("I can't reset
MFA for another staff member. If your colleague emails it-help, we'll sort it within the hour."), and so is what works
instead, named ("the Zoom web version works in Chrome"); a negated condition ("If you don't reply by Friday, ...") is
a threat, not one.
"""

from __future__ import annotations

from typing import Any

from ..lexicon import Match, load_lexicon, meta_regex
from ..model import Conversation, Finding
from ..text import readable
from .agent_dismissive import context_excludes
from .base import Detector, DetectorContext

REPORT_AT = 0.35
EXTRA_MATCH_BONUS = 0.1
_ALT = ("offer", "referral")


def _has_alternative(text: str, start: int, end: int, negatives: list[Match], cues: tuple[str, ...] = ()) -> bool:
    if any(meta_regex(c).search(text, start, end) for c in cues):
        return True
    for a in load_lexicon("tone_alternatives").find(text[start:end], _ALT):
        s, e = a.start + start, a.end + start
        if not any(s < n.end and n.start < e for n in negatives):
            return True
    return False


class AgentNegativePhrasing(Detector):
    name = "agent.negative_phrasing"
    # v6 (QA pass 22, lexicon v4): a flat "No, you can't." as a sentence of its own
    # v7 (tone_alternatives v4): "One thing that helps: ..." in the next sentence is an alternative
    version = 7  # v3 (QA pass 12, lexicon): "No receipt, no refund.", "we don't accept them"; v4 (QA pass 13,
    # tone_alternatives v3): "I'd be happy to apply that for you" is an alternative; v5 (QA passes 16-17, lexicon v3):
    # "If your colleague emails it-help, we'll sort it" and "the web version works" in the next sentence
    labels = ("agent.negative_phrasing",)
    description = "Agent says what can't be done (I can't, not supported, impossible) without an alternative."

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        lex = load_lexicon("negative_phrasing")
        out: list[Finding] = []
        n = len(conv.messages)
        for i in ctx.targets("agent"):
            msg = conv.messages[i]
            matches = lex.find(msg.text)
            if not matches:
                continue
            sents = ctx.sentences(i)
            bare: list[Match] = []
            for m in matches:
                k = next((k for k, (s, e) in enumerate(sents) if s <= m.start < e), None)
                if k is None:
                    continue
                s, e = sents[k]
                if msg.text[s:e].rstrip().endswith("?"):
                    continue
                meta: dict[str, Any] = lex.category(m.category).meta
                if context_excludes(msg.text, m, (s, e), meta):
                    continue
                cues = tuple(meta.get("cleared_by") or ())
                if _has_alternative(msg.text, s, e, matches, cues):
                    continue
                if k > 0 and any(meta_regex(c).search(msg.text, *sents[k - 1]) for c in cues):
                    continue
                if k + 1 < len(sents):
                    if _has_alternative(msg.text, sents[k + 1][0], sents[k + 1][1], matches, cues):
                        continue
                elif i + 1 < n and conv.messages[i + 1].role == "agent" and conv.messages[i + 1].author == msg.author:
                    follow = ctx.sentences(i + 1)[:1]
                    if follow and _has_alternative(conv.messages[i + 1].text, *follow[0], [], cues):
                        continue
                bare.append(m)
            if not bare:
                continue
            score = max(m.weight for m in bare) + EXTRA_MATCH_BONUS * (len({m.text.lower() for m in bare}) - 1)
            if score < REPORT_AT:
                continue
            suggestion = str(lex.category(bare[0].category).meta.get("suggestion", ""))
            quoted = "; ".join(f'"{m.text}"' for m in bare[:3])
            out.append(
                self.finding(
                    msg, score, [(m.start, m.end) for m in bare],
                    f"{quoted} with no alternative; say what you can do instead, e.g. \"{readable(suggestion)}\"",
                    data={"categories": sorted({m.category for m in bare}), "suggestion": suggestion},
                )
            )
        return out


DETECTOR = AgentNegativePhrasing()
