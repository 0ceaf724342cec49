"""Which hidden facts a trainee's questions uncover and which steps their instructions give.

Matching is by meaning: every sentence of the trainee's message is compared (cosine of the
shared sentence embeddings) with the scenario's prototypes, the ``ask`` questions of each
fact and the ``say`` wordings of each step. A close match counts on its own; a looser one
counts only with one of the item's keywords, because the static model scores short
questions on the same topic close together ("when did it start?" vs "where does it fail?").
Facts are only uncovered by questions: telling the customer a fact is not asking about it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..embeddings import Embedder
from ..lexicon import load_data
from .scenario import Scenario

STRONG = {"fact": 0.78, "step": 0.85, "wrong": 0.85}
WITH_KEYWORD = {"fact": 0.55, "step": 0.6, "wrong": 0.62}
_QUESTION_START = re.compile(
    r"^\s*(?:and |so |also |just |ok(?:ay)?,? )?(?:who|what|when|where|which|why|how|is|are|was|were|do|does|did|"
    r"have|has|can|could|would|will|should|may|tell me|let me know|walk me through|describe)\b", re.I)


def is_question(sentence: str) -> bool:
    return "?" in sentence or bool(_QUESTION_START.match(sentence))


@dataclass(frozen=True)
class _Bank:
    """Prototype vectors of one kind (facts, steps or wrong steps) with their owners."""

    owners: tuple[str, ...]  # item id per prototype row
    vectors: np.ndarray
    keywords: dict[str, tuple[re.Pattern[str], ...]]


def _keyword_patterns(words: Sequence[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(rf"\b{re.escape(w.lower())}", re.I) for w in words)


class Matcher:
    """Prototype vectors of one scenario, embedded once and reused for every message."""

    def __init__(self, scenario: Scenario, embedder: Embedder) -> None:
        p = scenario.problem
        self.embedder = embedder
        self.banks = {
            "fact": self._bank(embedder, [(f.id, f.ask, f.keywords) for f in p.facts]),
            "step": self._bank(embedder, [(s.id, s.say, s.keywords) for s in p.steps]),
            "wrong": self._bank(embedder, [(w.id, w.say, w.keywords) for w in p.wrong_steps]),
        }

    @staticmethod
    def _bank(embedder: Embedder, items: list[tuple[str, list[str], list[str]]]) -> _Bank:
        owners = tuple(i for i, protos, _ in items for _ in protos)
        vectors = embedder.encode([t for _, protos, _ in items for t in protos])
        return _Bank(owners, vectors, {i: _keyword_patterns(kw) for i, _, kw in items})

    def match(self, sentences: Sequence[str], vectors: np.ndarray | None = None) -> dict[str, list[str]]:
        """Ids matched per kind ("fact", "step", "wrong"), in the order the sentences give them.

        A question can only uncover a fact; an instruction can only give a step or a wrong
        step, whichever it is closer to (one sentence is one move)."""
        out: dict[str, list[str]] = {k: [] for k in self.banks}
        if not sentences:
            return out
        vecs = vectors if vectors is not None else self.embedder.encode(list(sentences))
        sims = {k: vecs @ b.vectors.T for k, b in self.banks.items() if b.owners}
        for row, sentence in enumerate(sentences):
            kinds = ["fact"] if is_question(sentence) else []
            if is_instruction(sentence):
                kinds += ["step", "wrong"]
            best: tuple[float, str, str] | None = None
            for kind in kinds:
                if kind not in sims:
                    continue
                bank = self.banks[kind]
                col = int(np.argmax(sims[kind][row]))
                owner, sim = bank.owners[col], float(sims[kind][row, col])
                keyword = any(p.search(sentence) for p in bank.keywords[owner])
                if (sim >= STRONG[kind] or (keyword and sim >= WITH_KEYWORD[kind])) and (best is None or sim > best[0]):
                    best = (sim, kind, owner)
            if best is not None and best[2] not in out[best[1]]:
                out[best[1]].append(best[2])
        return out


@lru_cache(maxsize=1)
def _imperative_verbs() -> frozenset[str]:
    return frozenset(v.lower() for v in load_data("imperative_verbs")["verbs"])


_REQUEST = re.compile(
    r"\b(?:please|let'?s|let us|could you|can you|would you|will you|you(?:'ll| will)? (?:need|have) to|"
    r"you must|you should|try|go to|i'?ll|i will|i'?m going to|i am going to|i'?m (?:\w+ing)\b|i am \w+ing|"
    r"we'?ll|we will|"
    r"i can give you|i'?ve (?:\w+ed|sent|set)|i have (?:\w+ed|sent|set))\b", re.I)
_SKIP = re.compile(r"^\s*(?:(?:ok(?:ay)?|great|perfect|right|now|so|then|first|next|and|also|wonderful|thanks|"
                   r"thank you|good|alright|just|then)[,!.]?\s+)+", re.I)


def is_instruction(sentence: str) -> bool:
    """An instruction (imperative or a request) or the agent saying what they are doing."""
    if _REQUEST.search(sentence):
        return True
    verbs = _imperative_verbs()
    # Any clause may carry the verb: "Then, when the window opens, click Reception."
    for clause in re.split(r"[,;:]\s*", sentence):
        rest = _SKIP.sub("", clause).strip()
        if rest and rest.split(maxsplit=1)[0].strip(".!?\"'").lower() in verbs:
            return True
    return False
