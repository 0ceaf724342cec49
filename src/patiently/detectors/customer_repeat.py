"""customer.repeat: the customer asks again, in any words, something they asked before.

Only customer *questions and requests* are compared (sentences ending in "?" or request
forms from ``lexicons/repeat_cues.yaml``): statements repeat naturally while a problem is
described. Each question is compared by meaning (cosine of sentence vectors) with the
customer's question sentences from the last ``Settings.repeat.window`` customer messages,
so the cost per message stays flat however long the conversation is.

Lexical cues lower the bar: "again", "still", "I asked" say outright that it is a repeat,
and two questions of the same intent (both about timing, status or a fix: "when will it be
fixed?" / "any idea how long this will take?") are worded differently more often than not.
IRC nick addressing ("bob2: ...") and Twitter handles are removed before encoding because
a rare nick weighs heavily in a static embedding and makes unrelated questions look alike.
"""

from __future__ import annotations

import re

import numpy as np

from ..lexicon import Match, load_lexicon
from ..model import Conversation, Finding
from ..text import content_words, strip_addressing, words
from .base import Detector, DetectorContext

CUE_DISCOUNT = 0.10  # similarity bonus when the customer says "again", "I asked"
WEAK_CUE_DISCOUNT = 0.05  # ... or only "still"/"yet" (also common in plain fault reports)
# ... and when both questions share an intent (waiting: when/how long/any update; fix). Timing
# questions vary most in wording and the static model scores them only ~0.6 apart.
INTENT_DISCOUNT = 0.16
MIN_GAP_SECONDS = 120.0  # a follow-up without an agent reply in between must be this late
MAX_SENTENCES_PER_MESSAGE = 6  # long pastes (logs) are not questions; cap the work

_INTENTS = ("timing", "status", "fix")
# "When will it be ready?" and "any update?" ask about the same wait.
_INTENT_GROUP = {"timing": "waiting", "status": "waiting", "fix": "fix"}
_LEAD_NICK = re.compile(r"^\s*@?([^\s:,]{2,32})\s*[:,]\s+")
_HANDLE = re.compile(r"(?<!\w)@\w+")
def is_question(sentence: str) -> bool:
    """A question or a request form (the customer wants something from the agent)."""
    if sentence.rstrip().endswith("?"):
        return True
    return load_lexicon("repeat_cues").first(sentence, ("request",)) is not None


def question_sentences(
    conv: Conversation, ctx: DetectorContext, role: str, min_words: int
) -> list[tuple[int, int, int, str]]:
    """(message index, start, end, cleaned text) of every question sentence of ``role``."""
    nicks = frozenset((m.author or "").lower() for m in conv.messages if m.author)
    out: list[tuple[int, int, int, str]] = []
    for i in ctx.indices(role):
        text = conv.messages[i].text
        if "?" not in text and not _might_request(text):
            continue  # the cheap check first: most messages are neither
        for s, e in ctx.sentences(i)[:MAX_SENTENCES_PER_MESSAGE]:
            sentence = text[s:e]
            if not is_question(sentence):
                continue
            cleaned, _ = strip_addressing(sentence, nicks)
            if len(words(cleaned)) >= min_words and content_words(cleaned):
                out.append((i, s, e, cleaned))
    return out


_REQUEST_HINT = re.compile(r"\b(?:please|pls|plz|can|could|would|will|need|want|tell|let|any|waiting|wondering|"
                           r"know|like)\b", re.IGNORECASE)


def _might_request(text: str) -> bool:
    return _REQUEST_HINT.search(text) is not None


class CustomerRepeat(Detector):
    name = "customer.repeat"
    version = 1
    labels = ("customer.repeat",)
    description = "The customer asks again (in any words) something they already asked."
    needs = frozenset({"embeddings"})

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        cfg = ctx.settings.repeat
        if not ctx.targets("customer"):
            return []  # findings sit on the customer message that asks again
        cands = question_sentences(conv, ctx, "customer", cfg.min_words)
        if len({c[0] for c in cands}) < 2:
            return []
        lex = load_lexicon("repeat_cues")
        # The context's sentence vectors are computed once per conversation (or batch),
        # on the same addressing-stripped text.
        row_of = ctx.sentence_rows()
        vecs = ctx.sentence_vectors()[1][[row_of[(c[0], c[1], c[2])] for c in cands]]
        intents = [frozenset(_INTENT_GROUP[m.category] for m in lex.find(c[3], _INTENTS)) for c in cands]
        cues = [self._cue(lex.find(conv.messages[c[0]].text[c[1]:c[2]], ("cue", "weak_cue"))) for c in cands]
        # Position of each customer message among the customer messages: the window unit.
        ordinal = {i: n for n, i in enumerate(ctx.indices("customer"))}
        agents_upto = np.cumsum([m.role == "agent" for m in conv.messages])
        best: dict[int, tuple[float, int, int]] = {}  # message index -> (score, cand, earlier cand)
        lo = 0
        for k, (i, _s, _e, _t) in enumerate(cands):
            while lo < k and ordinal[cands[lo][0]] < ordinal[i] - cfg.window:
                lo += 1
            if not ctx.wants(i):
                continue
            earlier = [j for j in range(lo, k) if cands[j][0] != i and self._apart(ctx, agents_upto, cands[j][0], i)]
            if not earlier:
                continue
            sims = vecs[earlier] @ vecs[k]
            for j, sim in zip(earlier, sims.tolist(), strict=True):
                need = cfg.similarity - cues[k]
                if intents[k] & intents[j]:
                    need -= INTENT_DISCOUNT
                if sim < need:
                    continue
                score = 0.55 + 0.4 * (sim - need) / max(1e-6, 1.0 - need) + cues[k]
                if i not in best or score > best[i][0]:
                    best[i] = (score, k, j)
        out: list[Finding] = []
        for _i, (score, k, j) in sorted(best.items()):
            mi, s, e, _ = cands[k]
            mj, sj, ej, _ = cands[j]
            earlier_msg = conv.messages[mj]
            sim = float(np.dot(vecs[k], vecs[j]))
            quote = _clip(earlier_msg.text[sj:ej])
            out.append(self.finding(
                conv.messages[mi], score, [(s, e)],
                f'Customer asks again what they asked earlier ("{quote}"): the first answer did not land; '
                "answer it fully again or ask what is still unclear.",
                data={"repeats_message_id": earlier_msg.id, "similarity": round(sim, 3)},
            ))
        return out

    @staticmethod
    def _cue(matches: list[Match]) -> float:
        cats = {m.category for m in matches}
        return CUE_DISCOUNT if "cue" in cats else WEAK_CUE_DISCOUNT if cats else 0.0

    @staticmethod
    def _apart(ctx: DetectorContext, agents_upto: np.ndarray, j: int, i: int) -> bool:
        """An agent replied in between, or the customer asked again after a silence."""
        if agents_upto[i] > agents_upto[j]:
            return True
        gap = ctx.gap_seconds(j, i)
        return gap is not None and gap >= MIN_GAP_SECONDS


def _clip(text: str, n: int = 90) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


DETECTOR = CustomerRepeat()
