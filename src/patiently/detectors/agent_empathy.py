"""agent.empathy: the agent acknowledges the customer's feelings or situation in their own words.

Per agent sentence, cheap lexical signals first (``lexicons/empathy.yaml``): an
acknowledgement on its own ("I'd be frustrated too"), a reassurance that normalises
("no need to apologise", "that confuses a lot of people", "it's not your fault"), an
evaluation of the customer's situation with an affect predicate ("getting kicked out before
a deadline is really disruptive", "would test anyone"), or a frame ("that sounds", "I can
see why", "no wonder") with a feeling or situation word ("stressful", "deadline"). A frame
without a feeling word counts only when the sentence is clearly closer in meaning to the
empathy prototypes than to the technical counter-prototypes in
``data/empathy_prototypes.yaml`` ("that sounds like a driver issue" is not).

Then specificity: real empathy is about *this* customer's situation, so the sentence must
share content words with, or be close in meaning to, what the customer wrote recently; an
evaluation ("is really annoying") only counts when it is. Stock lines from
``lexicons/stock_empathy.yaml`` ("I understand your frustration") that say nothing specific
get a low score and ``data["stock"] = True``; agent.scripted_empathy judges them.

v2 adds the lexicon's context rules (``skip_if_after`` / ``skip_if_before`` regexes around a
match, ``subject_ok`` for an evaluation's subject), found by hand-judging real chats: an
exclamation or evaluation followed by the thing it qualifies ("that's terrible advice", "an
annoying popup", "a pain to maintain"), an evaluation of a product or of the speaker
("dreamweaver is awful", "my notes are terrible"), and an apology for the speaker ("sorry
it's been a while since I've been in there") are not empathy.

v3 (QA pass 4b) recognises acknowledgements by their structure: a ``frame`` pattern "I
understand / know / can see / get" + what the customer feels or faces ("I understand you're
frustrated", "I know how important payroll is", "I understand, forty minutes is tight"),
``direct`` patterns for putting oneself in their place ("I'd be worried too in your
position", "anyone would be stressed"), "that's a lot of pressure" as an evaluation, and
``apology``: an apology for a named harm in the agent's own words ("I'm sorry for the
disruption"), which counts on its own like ``direct``. Stock apologies ("sorry for the
inconvenience") are still stock.

v4 answers a deadline worry: after a customer message read as urgent (customer.frustration's
``urgency``: "meeting in 15 min, help"), "15 minutes is plenty" or "we'll get you connected
before your presentation" is an acknowledgement (``deadline`` in the lexicon); to a calm
question the same words are information.

v9 (QA pass 25): an exclamation or evaluation ("What a nightmare.", "what a mess") in a sentence that runs someone
down, or right after one ("Honestly, whoever set up your mailbox made a total mess of it. What a nightmare."), is
part of the jab (``unprofessional`` lexicon: insult, sarcasm, disparaging, venting), not empathy.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import numpy as np

from ..lexicon import Lexicon, Match, load_data, load_lexicon, meta_regex
from ..model import Conversation, Finding
from ..text import content_words
from .agent_scripted_empathy import names_situation
from .base import Detector, DetectorContext

WINDOW = 5  # recent customer messages the acknowledgement should refer to
# The static model's cosines are compressed (any short sentence reaches 0.6-0.8 to some
# prototype; on Twitter support replies the median max-similarity is 0.47 and "How can I help
# you?" reaches 0.8), so the prototype signal is a margin: best empathy prototype minus best
# technical counter-prototype. Measured: technical "that sounds like ..." -0.26, instructions
# -0.4, real acknowledgements +0.05..+0.38; on Twitter agent sentences the 95th percentile is 0.08.
PROTO_WITH_FRAME = 0.15  # margin a frame without a feeling word needs
PROTO_BONUS_AT = 0.08  # margin that adds to the score of an acknowledgement
MIN_OWN_WORDS_FOR_MEANING = 2  # "Oh no!" is too short for its vector to show what it refers to
SPECIFIC_SIM = 0.5  # closeness to a customer sentence that makes it specific
STOCK_SCORE = 0.3
GENERIC_MAX = 0.5

# Stock lines that pretend to empathise; "we value your business" does not even pretend.
_STOCK_EMPATHY = ("apology", "understanding")
_PROTOTYPES: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # per embedder name; built once per process


def prototype_vectors(ctx: DetectorContext) -> tuple[np.ndarray, np.ndarray]:
    """(empathy prototypes, technical counter-prototypes), encoded once per embedder."""
    name = ctx.embedder.name
    vecs = _PROTOTYPES.get(name)
    if vecs is None:
        data = load_data("empathy_prototypes")
        pos = [str(p) for p in data["prototypes"]]
        neg = [str(p) for p in data.get("counter_prototypes") or ["Please restart it and try again."]]
        both = ctx.encode(pos + neg)
        vecs = _PROTOTYPES[name] = both[: len(pos)], both[len(pos):]
    return vecs


class AgentEmpathy(Detector):
    name = "agent.empathy"
    # v9 (QA pass 25): an exclamation right after (or inside) a jab at someone is part of the jab
    version = 9  # v6: "please don't apologise" matched again; "lots of people find X confusing";
    # v7: "It's okay to be annoyed", "I would be too", "anyone would be" (empathy.yaml v4);
    # v8: "(sincerely) regret any inconvenience" is a stock line (stock_empathy.yaml v2)
    labels = ("agent.empathy",)
    requires = ("customer.frustration",)  # v4: a deadline reassurance counts after an urgent message
    description = "The agent acknowledges the customer's feelings or situation, specifically and in their own words."
    needs = frozenset({"embeddings"})

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        lex = load_lexicon("empathy")
        stock_lex = load_lexicon("stock_empathy")
        cands: list[tuple[int, int, int, dict[str, list[tuple[int, int]]]]] = []
        first_customer = ctx.first_of("customer")
        urgent = {f.message_id for f in ctx.by_label("customer.frustration")
                  if f.message_id is not None and "urgency" in (f.data.get("reasons") or ())}
        for i in ctx.targets("agent"):
            if i < first_customer:
                continue
            text = conv.messages[i].text
            jabs: list[tuple[int, int]] | None = None
            prev_start = 0
            for s, e in ctx.sentences(i):
                sentence = text[s:e]
                kinds: dict[str, list[tuple[int, int]]] = {}
                for m in lex.find(sentence):
                    if not _excluded(lex, sentence, m):
                        kinds.setdefault(m.category, []).append((s + m.start, s + m.end))
                for m in stock_lex.find(sentence, _STOCK_EMPATHY):
                    if names_situation(sentence, m.end):
                        continue  # v5: "I completely understand wanting this sorted before your flight"
                    kinds.setdefault("stock", []).append((s + m.start, s + m.end))
                # looked up only for a deadline cue: most agent messages have none
                if "deadline" in kinds and not (urgent and _after_urgent(conv, i, urgent)):
                    del kinds["deadline"]
                if kinds and kinds.keys() <= _REACTION:
                    if jabs is None:
                        jabs = [(m.start, m.end) for m in load_lexicon("unprofessional").find(text, _JABS)]
                    if any(prev_start <= a < e for a, _ in jabs):
                        kinds = {}  # v9: "... made a total mess of it. What a nightmare." reacts to the jab
                prev_start = s
                if kinds.keys() & _CANDIDATE:
                    cands.append((i, s, e, kinds))
        if not cands:
            return []  # the cheap check first: no acknowledgement words, no vectors
        index, vecs = ctx.sentence_vectors()
        rows = ctx.rows_by_message()
        row_of = {(i, s, e): r for r, (i, s, e) in enumerate(index)}
        protos, counter = prototype_vectors(ctx)
        best: dict[int, Finding] = {}
        for i, s, e, kinds in cands:
            v = vecs[row_of[(i, s, e)]]
            sim = float(np.max(protos @ v))
            proto = sim - float(np.max(counter @ v))
            feeling = "feeling" in kinds
            strong = bool(kinds.keys() & _STRONG)
            own = strong or ("frame" in kinds and (feeling or proto >= PROTO_WITH_FRAME))
            if not own and not kinds.keys() & {"stock", "situational", "evaluative"}:
                continue
            specific, ref = self._specific(conv, ctx, rows, index, vecs, i, s, e, v, kinds)
            if "evaluative" in kinds and not own:
                own = specific  # "losing the report before the audit is awful" yes, "updates are annoying" no
                if not own and not kinds.keys() & {"stock", "situational"}:
                    continue
            if "situational" in kinds and not own:
                own = specific  # "sorry to hear about your friend" yes, "sorry to hear about this" no
                if not own:
                    kinds.setdefault("stock", kinds["situational"])
            msg = conv.messages[i]
            sentence = msg.text[s:e]
            if "stock" in kinds and not specific:
                score, spans = STOCK_SCORE, kinds["stock"]
                why = (f'Stock sympathy ("{msg.text[spans[0][0]:spans[0][1]]}") says nothing about this '
                       "customer: name what you understand about their situation.")
                data: dict[str, Any] = {"stock": True, "specific": False, "prototype_similarity": round(sim, 3),
                        "prototype_margin": round(proto, 3)}
            elif own:
                score = 0.55 + (0.1 if feeling or strong else 0.0)
                score += 0.1 if proto >= PROTO_BONUS_AT else 0.0
                score = score + 0.2 if specific else min(score, GENERIC_MAX)
                spans = [(s, e)]
                if specific:
                    why = f'Acknowledges the customer\'s situation in their own words ("{_clip(sentence)}").'
                else:
                    why = (f'Acknowledges feelings ("{_clip(sentence)}") but generically: mention what '
                           "actually happened to them to make it land.")
                data = {"stock": "stock" in kinds, "specific": specific,
                        "prototype_similarity": round(sim, 3), "prototype_margin": round(proto, 3)}
                if ref is not None:
                    data["refers_to_message_id"] = ref
            else:
                continue
            f = self.finding(msg, min(1.0, score), spans, why, data=data)
            if i not in best or f.score > best[i].score:
                best[i] = f
        return [best[i] for i in sorted(best)]

    @staticmethod
    def _specific(
        conv: Conversation, ctx: DetectorContext, rows: dict[int, list[int]], index: list[tuple[int, int, int]],
        vecs: np.ndarray, i: int, s: int, e: int, v: np.ndarray, kinds: dict[str, list[tuple[int, int]]],
    ) -> tuple[bool, str | None]:
        """Does the sentence refer to what the customer said? (and to which message)."""
        cust = ctx.earlier_rows(rows, i, "customer", WINDOW)
        if not cust:
            return False, None
        text = conv.messages[i].text
        # Words of the acknowledgement itself ("frustrating", "sounds") are not about the situation.
        masked = text[s:e]
        for a, b in [span for k in _ACK_KINDS for span in kinds.get(k, [])]:
            masked = masked[: a - s] + " " * (b - a) + masked[b - s:]
        own_words = content_words(masked) - _GENERIC
        sims = vecs[cust] @ v
        for r, sim in zip(cust, sims.tolist(), strict=True):
            ci, cs, ce = index[r]
            shared = own_words & _customer_words(conv.messages[ci].text[cs:ce])
            # A stock line is close in meaning to any complaint; only its own words can make it specific.
            if shared or (sim >= SPECIFIC_SIM and "stock" not in kinds and len(own_words) >= MIN_OWN_WORDS_FOR_MEANING):
                return True, conv.messages[ci].id
        return False, None


_STRONG = frozenset({"direct", "exclaim", "reassure", "apology", "deadline"})  # acknowledgements on their own
_CANDIDATE = _STRONG | {"evaluative", "frame", "situational", "stock"}
# v9: a bare reaction ("What a nightmare.") in or right after a sentence that runs someone down is the jab's tail
_REACTION = frozenset({"exclaim", "evaluative", "feeling"})
_JABS = ("insult", "sarcasm", "disparaging", "venting", "mock_praise")
_ACK_KINDS = ("stock", "frame", "direct", "exclaim", "reassure", "evaluative", "situational", "apology", "deadline")
# An evaluation that starts with its verb ("is really disruptive") has a subject before it.
_COPULA = re.compile(r"(?:is|are|was|were|'s|'re|sounds?|feels?|seems?|looks?|be)\b", re.IGNORECASE)
# Where the evaluated clause starts: punctuation, a conjunction, or a leading "nick:" / discourse word.
_CLAUSE_CUT = re.compile(r".*(?:[,;:!?.()…]|\b(?:and|but|because|since|though|although|cause)\b)",
                         re.DOTALL | re.IGNORECASE)
_RELATIVE = re.compile(r"(?<=\w)" + "".join(f"(?<!{v})" for v in (  # not "I know that is awful"
    "know", "think", "guess", "feel", "see", "understand", "agree", "bet", "hope", "sure", "say", "said",
    "mean", "imagine")) + r"\s+(?:that|which|who)$", re.IGNORECASE)
_LEAD = re.compile(r"^\W*(?:(?:yeah|yes|yep|ok(?:ay)?|well|so|basically|honestly|oh|ah|hmm|in\s+reality)\b\W*)+",
                   re.IGNORECASE)


def _excluded(lex: Lexicon, sentence: str, m: Match) -> bool:
    """The category's context rules say this match is not an acknowledgement (see the lexicon)."""
    meta = lex.category(m.category).meta
    if any(meta_regex(p).match(sentence, m.end) for p in meta.get("skip_if_after") or ()):
        return True
    if any(meta_regex(p).search(sentence[: m.start]) for p in meta.get("skip_if_before") or ()):
        return True
    subject_ok = meta.get("subject_ok")
    if subject_ok and _COPULA.match(m.text):
        # "Ultimate edition, ultamatix, are both horrible": the subject may sit before a comma.
        clause = _LEAD.sub("", _CLAUSE_CUT.sub("", sentence[: m.start].rstrip(" ,"), count=1)).strip()
        if not m.text.startswith(("'", "’")):
            # "it's lexmark that is terrible": a relative pronoun stands for the noun before it.
            clause = _RELATIVE.sub("", clause)
        return bool(clause) and not any(meta_regex(p).search(clause) for p in subject_ok)
    return False


_GENERIC = frozenset(
    "sorry apologize apologise apologies inconvenience caused understand frustration frustrating frustrated "  # noqa: SIM905
    "issue issues problem problems trouble experience experiencing situation this that hear feel sounds "
    "must really very completely totally imagine see why how know thing things time".split()
)


@lru_cache(maxsize=4096)
def _customer_words(sentence: str) -> frozenset[str]:
    """Content words of a customer sentence: the context's sentences are compared with every version
    of a draft, so their words are kept (a pure function of the text; bounded)."""
    return frozenset(content_words(sentence))


def _after_urgent(conv: Conversation, i: int, urgent: set[str]) -> bool:
    """Is one of the customer's last WINDOW messages before message ``i`` an urgent one?"""
    recent = [m.id for m in conv.messages[:i] if m.role == "customer"][-WINDOW:]
    return any(mid in urgent for mid in recent)


def _clip(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


DETECTOR = AgentEmpathy()
