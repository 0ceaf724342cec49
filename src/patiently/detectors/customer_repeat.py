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

v2 (measured on real chats, see the docs page): a repeat is the *same* customer asking again
(on Twitter several customers share one thread). A question that opens as a follow-up on the
answer it got ("so then it won't work with my drive?", "but is Ubuntu Desktop built by
Ubuntu?", "what about the other partition?", "you're saying I can upgrade?"), or comes after the
customer took an answer ("ok", "i see", "thanks") and is not put to the whole room again
("does anyone know ..."), builds on that answer instead of asking again, unless it says so
("again"), asks about the same wait or fix, or is nearly word for word the earlier question.

v3 (the practice customer who keeps asking "are my emails safe?", a help desk's "I already told
you it's only at home"): a customer who *says* they are repeating themselves ("I already told
you", "as I said", "sorry to ask again") makes every sentence of that message a candidate, and
the rules for follow-ups and taken answers do not apply to it (it says it is asked again). A
sentence of such a message that is no question is compared with all of the same customer's
earlier sentences, statements too ("I already told you it's only at home." / "Only at home."),
with a lower bar (``SAID_SIMILARITY``): the cue already says it is a repeat, the similarity
only has to find what of.
"""

from __future__ import annotations

import bisect
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
# From this similarity a question is the earlier one almost word for word: a repeat even when
# it opens like a follow-up ("Thanks, but can you tell me why Outlook keeps crashing ...?").
VERBATIM_SIMILARITY = 0.9
# With "I already told you"/"as I said" in the message, what it repeats only has to be found:
# "I already told you it's only at home." / "Only at home." score 0.74 in the static model. On
# Ubuntu IRC, the matches below 0.72 were mostly the wrong earlier sentence (the cue was about
# something said to someone else, or not in the window).
SAID_SIMILARITY = 0.72
_MESSAGE_CUES = ("said_before", "asking_again")

_INTENTS = ("timing", "status", "fix")
# "When will it be ready?" and "any update?" ask about the same wait.
_INTENT_GROUP = {"timing": "waiting", "status": "waiting", "fix": "fix"}
_LEAD_NICK = re.compile(r"^\s*@?([^\s:,]{2,32})\s*[:,]\s+")
_HANDLE = re.compile(r"(?<!\w)@\w+")
# A question that opens by building on the answer just given (after an optional "ok,", "hmm",
# "right,") or asks about "that" answer ("will that work?"): a follow-up or an understanding
# check, not the same question again. On Ubuntu IRC these were most of the false repeats
# between 0.76 and 0.88 similarity.
_FOLLOW_UP = re.compile(
    r"^(?:(?:ok(?:ay)?|k|hmm+|mhh*|um+|ah+|oh+|right|fine|well|yes|yeah|no|thanks|thank\s+you|i\s+see)\b[\s,.;:!-]*)*"
    r"(?:but|so|also|and|or|if|actually|btw|by\s+the\s+way|what\s+about|how\s+about|what\s+if|otherwise|"
    r"thanks|thank\s+you|i\s+see|"
    r"because|in\s+other\s+words|(?:will|would|does|did|is|can|could|should)\s+(?:that|this)|"
    r"(?:so\s+|do\s+)?you\s+mean|(?:so\s+|what\s+)?you(?:'re|\s+are)?\s+saying|does\s+(?:that|this)\s+mean)\b",
    re.IGNORECASE,
)

# The customer took the answer ("ok", "i see", "thanks"): a later question to the same helpers is
# a next step, unless it goes back to the whole room ("does anyone know ...") or says "again".
_ACK = re.compile(
    r"^\W*(?:[^\s:,]{2,32}[:,]\s*)?(?:(?:ah+|oh+|hm+)\W+)?(?:ok(?:ay)?|k|i\s+see|thanks?|thank\s+you|thx|ty|cheers|got\s+it|cool|"
    r"great|alright|understood|makes\s+sense)\b(?!\s*\?)",
    re.IGNORECASE,
)
_ROOM = re.compile(r"\b(?:any\s*one|any\s*body|some\s*one|some\s*body|guys|folks|people|all)\b", re.IGNORECASE)


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
    version = 4  # v4 (mood round 26, repeat_cues v3): "I don't see it. Where is ...?" counts as asked again
    labels = ("customer.repeat",)
    description = "The customer asks again (in any words) something they already asked."
    needs = frozenset({"embeddings"})

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        cfg = ctx.settings.repeat
        if not ctx.targets("customer"):
            return []  # findings sit on the customer message that asks again
        lex = load_lexicon("repeat_cues")
        said = {i for i in ctx.indices("customer") if lex.first(conv.messages[i].text, _MESSAGE_CUES) is not None}
        cands = question_sentences(conv, ctx, "customer", cfg.min_words)
        if said:
            return self._with_said(conv, ctx, cands, said)
        return self._questions(conv, ctx, cands, said)

    def _with_said(self, conv: Conversation, ctx: DetectorContext, cands: list[tuple[int, int, int, str]],
                   said: set[int]) -> list[Finding]:
        """Question repeats, plus the sentences of a message that says it repeats itself,
        matched against any earlier sentence of the same customer (the best one per message)."""
        found = {f.message_id: f for f in self._questions(conv, ctx, cands, said)}
        rows = ctx.sentence_rows()
        _, vecs = ctx.sentence_vectors()
        agents_upto = np.cumsum([m.role == "agent" for m in conv.messages])
        customer = ctx.indices("customer")
        for i in sorted(said):
            msg = conv.messages[i]
            if msg.id in found or not ctx.wants(i):
                continue
            mine = [(s, e) for s, e in ctx.sentences(i)[:MAX_SENTENCES_PER_MESSAGE] if (i, s, e) in rows]
            earlier = [(j, s, e) for j in customer if j < i and self._apart(ctx, agents_upto, j, i)
                       and _same_asker(msg.author, conv.messages[j].author)
                       for s, e in ctx.sentences(j)[:MAX_SENTENCES_PER_MESSAGE] if (j, s, e) in rows]
            if not mine or not earlier:
                continue
            sims = vecs[[rows[(i, s, e)] for s, e in mine]] @ vecs[[rows[k] for k in earlier]].T
            a, b = np.unravel_index(int(np.argmax(sims)), sims.shape)
            sim = float(sims[a, b])
            if sim < SAID_SIMILARITY:
                continue
            (s, e), (j, sj, ej) = mine[a], earlier[b]
            score = 0.55 + 0.4 * (sim - SAID_SIMILARITY) / (1.0 - SAID_SIMILARITY) + CUE_DISCOUNT
            quote = _clip(conv.messages[j].text[sj:ej])
            found[msg.id] = self.finding(
                msg, min(1.0, score), [(s, e)],
                f'Customer says again what they said earlier ("{quote}"): they feel unheard; '
                "show that you took it in before going on.",
                data={"repeats_message_id": conv.messages[j].id, "similarity": round(sim, 3)},
            )
        order = {m.id: n for n, m in enumerate(conv.messages)}
        return sorted(found.values(), key=lambda f: order.get(f.message_id or "", 0))

    def _questions(self, conv: Conversation, ctx: DetectorContext, cands: list[tuple[int, int, int, str]],
                   said: set[int]) -> list[Finding]:
        """Question sentences that ask again what an earlier question of the customer asked."""
        cfg = ctx.settings.repeat
        if len({c[0] for c in cands}) < 2:
            return []
        lex = load_lexicon("repeat_cues")
        # The context's sentence vectors are computed once per conversation (or batch),
        # on the same addressing-stripped text.
        row_of = ctx.sentence_rows()
        vecs = ctx.sentence_vectors()[1][[row_of[(c[0], c[1], c[2])] for c in cands]]
        intents = [frozenset(_INTENT_GROUP[m.category] for m in lex.find(c[3], _INTENTS)) for c in cands]
        found = [lex.find(conv.messages[c[0]].text[c[1]:c[2]], ("cue", "weak_cue")) for c in cands]
        # v4: a message that says the answer did not help ("I don't see it", "it's not there") asks its question again
        unhelped = {i for i in {c[0] for c in cands} if lex.first(conv.messages[i].text, ("not_helped",)) is not None}
        cues = [CUE_DISCOUNT if c[0] in said or c[0] in unhelped else self._cue(f)
                for c, f in zip(cands, found, strict=True)]
        # a bare "again" also ends follow-ups ("so I should try to hibernate again?"): only the
        # other cues ("I asked", "so again", a message that says so) say the question is asked again
        asked_again = [c[0] in said or c[0] in unhelped
                       or any(m.category == "cue" and m.text.lower() != "again" for m in f)
                       for c, f in zip(cands, found, strict=True)]
        nicks = frozenset((m.author or "").lower() for m in conv.messages if m.author)
        follow_up = [_follows_up(c[3], nicks) for c in cands]
        to_room = [_ROOM.search(c[3]) is not None for c in cands]
        acks: list[int] | None = None  # customer messages that take an answer; found when first needed
        # Position of each customer message among the customer messages: the window unit.
        ordinal = {i: n for n, i in enumerate(ctx.indices("customer"))}
        agents_upto = np.cumsum([m.role == "agent" for m in conv.messages])
        best: dict[int, tuple[float, int, int]] = {}  # message index -> (score, cand, earlier cand)
        lo = 0
        for k, (i, start, _e, _t) in enumerate(cands):
            while lo < k and ordinal[cands[lo][0]] < ordinal[i] - cfg.window:
                lo += 1
            if not ctx.wants(i):
                continue
            author = conv.messages[i].author
            earlier = [j for j in range(lo, k) if cands[j][0] != i and self._apart(ctx, agents_upto, cands[j][0], i)
                       and _same_asker(author, conv.messages[cands[j][0]].author)]
            if not earlier:
                continue
            sims = vecs[earlier] @ vecs[k]
            for j, sim in zip(earlier, sims.tolist(), strict=True):
                need = cfg.similarity - cues[k]
                shared = bool(intents[k] & intents[j])
                if shared:
                    need -= INTENT_DISCOUNT
                if sim < need:
                    continue
                if not asked_again[k] and not shared and sim < VERBATIM_SIMILARITY:
                    if follow_up[k]:
                        continue  # builds on the answer it got: a follow-up, not the question again
                    if not to_room[k]:
                        if acks is None:
                            acks = [n for n in ctx.indices("customer") if _ACK.match(conv.messages[n].text)]
                        if self._took_answer(conv, acks, cands[j][0], i, start):
                            continue  # the customer took the answer and asks the next thing
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
    def _took_answer(conv: Conversation, acks: list[int], j: int, i: int, start: int) -> bool:
        """After message j the same customer acknowledged an answer ("ok", "thanks"): in a message
        before i, or at the start of message i before the question ("okay, copied it. do I ...?")."""
        author = conv.messages[i].author
        lo = bisect.bisect_right(acks, j)
        hi = bisect.bisect_right(acks, i) if start > 0 else bisect.bisect_left(acks, i)
        return any(conv.messages[a].author == author for a in acks[lo:hi])

    @staticmethod
    def _apart(ctx: DetectorContext, agents_upto: np.ndarray, j: int, i: int) -> bool:
        """An agent replied in between, or the customer asked again after a silence."""
        if agents_upto[i] > agents_upto[j]:
            return True
        gap = ctx.gap_seconds(j, i)
        return gap is not None and gap >= MIN_GAP_SECONDS


def _same_asker(a: str | None, b: str | None) -> bool:
    """Both questions are the same customer's (unknown authors are taken as one customer)."""
    return a is None or b is None or a.lower() == b.lower()


def _follows_up(cleaned: str, nicks: frozenset[str]) -> bool:
    """The question opens as a follow-up on an answer; a leading nick without ":" is skipped."""
    head, _, rest = cleaned.partition(" ")
    if head.strip(",:;-").lower() in nicks and rest:
        cleaned = rest
    return _FOLLOW_UP.match(cleaned.lstrip(" ,:;-")) is not None


def _clip(text: str, n: int = 90) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


DETECTOR = CustomerRepeat()
