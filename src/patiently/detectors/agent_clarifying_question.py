"""agent.clarifying_question: the agent asks for facts about the problem.

A question sentence (ends with "?", or starts like a question in chat that drops the "?")
is sorted with ``lexicons/questions.yaml``: open questions ("when did it start?"),
requests for details ("can you tell me which version?") and diagnostic yes/no questions
("does it happen on home wifi too?") count. Nudges, closings, fix checks, offers, greetings
and "send us a DM" do not, nor do questions that accuse, demand or make a point ("did you
even read my message?", "can you just answer?", "because linux > windows?"). Suggestion-
questions ("did you try restarting?") steer rather than ask and are not reported. The static
embeddings compare each question with prototype info-gathering and non-info questions
(``data/question_prototypes.yaml``); the margin nudges the score and admits questions without
any lexical marker. A question that agent.redundant_question found (the customer already
gave the answer) is not credited here.
"""

from __future__ import annotations

import re

import numpy as np

from ..lexicon import load_data, load_lexicon
from ..model import Conversation, Finding
from .base import Detector, DetectorContext

# Questions closer to info prototypes than to non-info ones by this cosine margin count
# even without a lexical marker (checked on Ubuntu IRC / TWCS questions; the static
# model's scale is compressed, so margins are small).
EMBED_ADMIT_MARGIN = 0.08
EMBED_BOOST_MARGIN = 0.08
EMBED_PENALTY_MARGIN = -0.15
MIN_SCORE = 0.25

_EXCLUDE = frozenset({"nudge", "closing", "fix_check", "offer", "greeting", "channel_move", "not_asking",
                      "help_request"})
_QUESTION_START = re.compile(
    r"^\W*(?:and\s+|so\s+|ok(?:ay)?,?\s+|also,?\s+)?(?:what|which|when|where|who|whose|why|how|do|does|did|"
    r"is|are|was|were|has|have|can|could|any)\b", re.I)
_NO_QMARK_QUESTION = re.compile(
    r"^\W*(?:(?:what|who|how)\s+(?:(?!(?:i|we|you|u|he|she|they|it)\b)\w+\s+)?(?:is|are|was|were|do|does|did|have|has|can|"
    r"version|kind|type|model|error|command|distro|release|happens|exactly|long|often|many|much)\b|"
    r"(?:where|when)\s+(?:(?!(?:i|we|he|she|they)\b)\w+\s+)?(?:is|are|was|were|do|does|did|have|has|can)\b|"
    r"which\s+(?:version|kind|type|model|release|distro|"
    r"(?!(?:i|we|you|u|he|she|they|it)\b)\w+\s+(?:is|are|was|were|do|does|did|have|has|can))\b|"
    r"(?:do|can|could)\s+(?:you|u|they)\b|(?:does|did|are|is|have|has)\s+(?:you|u|it|the|your|this|that|they)\b)",
    re.I)  # "do it from windows" and "do the following" are instructions; "which I do not recommend",
#            "which is, amusingly, in england", "when i do the ping it says ..." are statements
# A question answered by a pointer in the same breath is an FAQ line, not a question to this customer:
# "Problems during install? See https://...", "Trouble signing in? Check out https://..." (no "you":
# "Were you given a reason? Check here: https://..." asks this customer).
_FAQ_POINTER = re.compile(r"\s*(?:see|check(?:\s+out)?|visit|read|head\s+(?:over\s+)?to|go\s+to)\b[^.!?]{0,80}?https?://",
                          re.I)
_DETAIL = re.compile(
    r"\b(?:error|message|screen|version|model|happen\w*|start\w*|see|show\w*|say|says|using|use|device|"
    r"browser|network|wifi|wi-fi|cable|os|laptop|phone|printer|code|log|logs|output|exactly|since|"
    r"other|only|always|every|when|which|changed|installed|updated|account|username|kernel|driver)\b", re.I)
# Chat lines often start with who they are for ("Seveas, what..." on IRC, "@123 Can you..." on
# Twitter); question words are looked for after it.
_ADDRESSEE = re.compile(r"^\s*(?:(?:@\w+\s+)+|[\w\-\[\]`^|{}.]{2,24}[:,]\s+)")
_YOU = re.compile(r"\b(?:you|your|u|ur)\b", re.I)
_WORD = re.compile(r"[A-Za-z]+|\d[\w.]*")
# A one-word question: "why?", "when?" ask for a fact; "what?", "huh?", "who?" are puzzlement.
_ONE_WORD_ASK = re.compile(r"^\W*(?:why|when|where|which|how)\W*$", re.I)
_PROTO_CACHE: dict[str, tuple[np.ndarray, np.ndarray]] = {}


def strip_addressee(sentence: str) -> str:
    return _ADDRESSEE.sub("", sentence, count=1)


def is_question(sentence: str) -> bool:
    s = strip_addressee(sentence).rstrip()
    if s.endswith("?"):
        return True
    # Chat users often drop the "?": "what version are you running" (but "which doesn't help" is no question)
    return bool(_NO_QMARK_QUESTION.match(s)) and not s.endswith((".", "!", ":")) and len(s.split()) >= 3


def _prototypes(ctx: DetectorContext) -> tuple[np.ndarray, np.ndarray]:
    key = getattr(ctx.embedder, "name", type(ctx.embedder).__name__)
    cached = _PROTO_CACHE.get(key)
    if cached is None:
        data = load_data("question_prototypes")
        cached = (ctx.encode(data["info"]), ctx.encode(data["other"]))
        _PROTO_CACHE[key] = cached
    return cached


def classify(sentence: str) -> tuple[str | None, float]:
    """(kind, lexicon score) for one question sentence; kind None means 'not info-seeking'."""
    sentence = strip_addressee(sentence)
    if len(_WORD.findall(sentence)) < 2 and not _ONE_WORD_ASK.match(sentence):
        return None, 0.0  # "what?", "huh?", "??": puzzlement, not a question about the problem
    cats = {m.category: m.weight for m in load_lexicon("questions").find(sentence)}
    if cats.keys() & _EXCLUDE:
        return None, 0.0
    if "suggestion" in cats:
        return "suggestion", cats["suggestion"]
    best = max((w for c, w in cats.items() if c.startswith("info_")), default=0.0)
    if best == 0.0:
        return "unmarked", 0.0
    if re.match(r"^\W*why\b", sentence, re.I):
        best = 0.5  # "why did you...?" often challenges rather than asks
    if _DETAIL.search(sentence):
        best += 0.1
    return "info", best


class AgentClarifyingQuestion(Detector):
    name = "agent.clarifying_question"
    # v4 (QA pass 26, questions v4): "Could you let me know once you can see it, or if it's still missing?" is a fix
    # check
    version = 4  # v3 (QA pass 25, questions v3): "Can you add group 20 ... and retry?" instructs, it does not ask
    labels = ("agent.clarifying_question",)
    description = "The agent asks a question that gathers information about the problem."
    needs = frozenset({"embeddings"})
    requires = ("agent.redundant_question",)

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        candidates: list[tuple[int, int, int, str, float]] = []
        for i in ctx.targets("agent"):
            text = conv.messages[i].text
            if "?" not in text and not _QUESTION_START.search(strip_addressee(text[:60])):
                continue  # cheap skip: most agent messages ask nothing
            for s, e in ctx.sentences(i):
                sent = text[s:e]
                if not is_question(sent) or (_FAQ_POINTER.match(text, e) and not _YOU.search(sent)):
                    continue
                kind, score = classify(sent)
                if kind is not None:
                    candidates.append((i, s, e, kind, score))
        if not candidates:
            return []
        margins = self._margins(ctx, candidates)
        redundant = [(ctx.index.get(f.message_id or "", -1), sp.start, sp.end)
                     for f in ctx.by_label("agent.redundant_question") for sp in f.evidence]
        per_msg: dict[int, list[tuple[int, int, str, float]]] = {}
        for (i, s, e, kind, score), margin in zip(candidates, margins, strict=True):
            if kind == "unmarked":
                if margin < EMBED_ADMIT_MARGIN or len(strip_addressee(conv.messages[i].text[s:e]).split()) < 3:
                    continue
                kind, score = "info", 0.5
            elif kind == "info" and margin >= EMBED_BOOST_MARGIN:
                score += 0.1
            elif margin <= EMBED_PENALTY_MARGIN:
                score -= 0.2
            if kind == "suggestion":
                continue  # "did you try restarting?" steers; it does not gather facts
            if any(self._overlaps(rq, i, s, e) for rq in redundant):
                continue  # asking for what the customer already gave is not clarifying
            if score >= MIN_SCORE:
                per_msg.setdefault(i, []).append((s, e, kind, min(score, 0.95)))
        out: list[Finding] = []
        for i, qs in per_msg.items():
            msg = conv.messages[i]
            best = max(qs, key=lambda q: q[3])
            quote = msg.text[best[0]:best[1]]
            why = f"Asked \"{quote}\" to understand the problem before fixing it."
            out.append(self.finding(msg, best[3], [(s, e) for s, e, _, _ in qs], why,
                                    data={"questions": len(qs), "kind": best[2]}))
        return out

    @staticmethod
    def _overlaps(span: tuple[int, int, int], i: int, s: int, e: int) -> bool:
        return span[0] == i and span[1] < e and s < span[2]

    def _margins(self, ctx: DetectorContext, cands: list[tuple[int, int, int, str, float]]) -> list[float]:
        try:
            index, vecs = ctx.sentence_vectors()
            info, other = _prototypes(ctx)
        except Exception:  # no model available: the lexicon alone decides
            return [0.0 for _ in cands]
        row = {key: r for r, key in enumerate(index)}
        rows = [row.get((i, s, e), -1) for i, s, e, _, _ in cands]
        sub = vecs[[max(r, 0) for r in rows]]
        margin = (sub @ info.T).max(axis=1) - (sub @ other.T).max(axis=1)
        return [float(m) if r >= 0 else 0.0 for m, r in zip(margin, rows, strict=True)]


DETECTOR = AgentClarifyingQuestion()
