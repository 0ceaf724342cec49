"""agent.paraphrase: the agent restates the customer's problem to check they understood it.

Two signals per agent sentence. A frame from ``lexicons/paraphrase.yaml`` ("so if I
understand correctly", "just to confirm", "to recap") and meaning: the sentence's vector is
close to a sentence the customer wrote in their last ``WINDOW`` messages. A frame alone is a
weak signal (agents write "just to confirm" before any question), so a `restate` frame alone
scores low and a `check` frame needs the similarity; both together score high. The customer
sentence it restates is given in ``data`` so a coach can compare the two.

Not restatements (v2, from hand-judged IRC chats): "so the/so it's/so your" as a statement
draws the agent's own conclusion ("so the grub config is now wrong", "so its a debugging
proxy"); only as a question does it check understanding. "Sounds like you're missing some
libs" diagnoses, "correct me if I'm wrong" usually hedges the agent's own claim (so it is a
`check` frame), and a line addressed to another helper restates nothing the customer said.
"""

from __future__ import annotations

import re

import numpy as np

from ..lexicon import Match, load_lexicon
from ..model import Conversation, Finding
from ..text import content_words
from ._chat_lines import to_other_helper
from .base import Detector, DetectorContext

SIMILARITY = 0.58  # static-model cosine above which a sentence restates a customer sentence
WINDOW = 10  # earlier customer messages searched for what is restated
FRAME_ONLY_SCORE = 0.45
CHECK_FRAME_MAX_START = 12  # "Ok, so you're seeing..." - check frames open the sentence
_TAIL_TAGS = ("is that right", "is that correct", "have i got that right", "did i get that right", "am i right")


# "so the grub config is now wrong": a conclusion unless asked ("so the laptop has that feature?")
_SO_CONCLUSION = ("so the", "so it", "so your")
# "sounds like you're missing some libs / going to need a script": a diagnosis, not a summary
_DIAGNOSIS = re.compile(r"\s*(?:missing|going\s+to|gonna|need|needing|better\s+off|using\s+the\s+wrong|suggesting|"
                        r"telling\s+me|asking\s+me)\b", re.I)
_URL = re.compile(r"https?://\S+|www\.\S+|(?<!\w)@\w+")
_ASKS_NEW = re.compile(
    r"[\s,:;-]*(?:what|which|who|whose|when|where|why|how|have|has|did|do|does|can|could|would|will|please)\b",
    re.IGNORECASE,
)


class AgentParaphrase(Detector):
    name = "agent.paraphrase"
    version = 2
    labels = ("agent.paraphrase",)
    description = "The agent restates the customer's problem in their own words to check understanding."
    needs = frozenset({"embeddings"})

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        lex = load_lexicon("paraphrase")
        framed: list[tuple[int, int, int, Match]] = []
        first_customer = ctx.first_of("customer")
        for i in ctx.targets("agent"):
            text = conv.messages[i].text
            if i < first_customer:
                continue
            found = [(i, s, e, f) for s, e in ctx.sentences(i) if (f := self._frame(text[s:e], lex.find(text[s:e])))]
            if found and not to_other_helper(conv, i):  # the helper check reads the whole chat: only on a frame
                framed.extend(found)
        if not framed:
            return []  # the cheap check first: no frame, no vectors
        index, vecs = ctx.sentence_vectors()
        rows = ctx.rows_by_message()
        row_of = {(i, s, e): r for r, (i, s, e) in enumerate(index)}
        out: list[Finding] = []
        done: set[int] = set()
        for i, s, e, frame in framed:
            if i in done:
                continue
            cust = [r for r in ctx.earlier_rows(rows, i, "customer", WINDOW) if self._meaningful(conv, index[r])]
            sim, best = 0.0, None
            if cust:
                sims = vecs[cust] @ vecs[row_of[(i, s, e)]]
                k = int(np.argmax(sims))
                sim, best = float(sims[k]), cust[k]
            restate = frame.category == "restate"
            if sim >= SIMILARITY:
                base = 0.75 if restate else 0.6
                score = base + 0.25 * (sim - SIMILARITY) / (1.0 - SIMILARITY)
            elif restate:
                score = FRAME_ONLY_SCORE
            else:
                continue
            msg = conv.messages[i]
            sentence = msg.text[s:e]
            data: dict[str, object] = {"frame": frame.text, "similarity": round(sim, 3)}
            if best is not None and sim >= SIMILARITY:
                ci, cs, ce = index[best]
                data["paraphrases_message_id"] = conv.messages[ci].id
                quote = conv.messages[ci].text[cs:ce]
                why = (f'Agent restates the customer\'s "{_clip(quote)}" to check understanding '
                       f'("{_clip(sentence)}"): good listening, keep doing it.')
            else:
                why = (f'Agent signals a summary ("{frame.text}") but the restatement is far from what the '
                       "customer said: restate their problem in their terms.")
            out.append(self.finding(msg, score, [(s, e)], why, data=data))
            done.add(i)
        return out

    @staticmethod
    def _meaningful(conv: Conversation, row: tuple[int, int, int]) -> bool:
        """A customer sentence with some content: a bare link or "ok" matches anything."""
        i, s, e = row
        return len(content_words(_URL.sub(" ", conv.messages[i].text[s:e]))) >= 2

    @staticmethod
    def _frame(sentence: str, matches: list[Match]) -> Match | None:
        for m in matches:
            if m.category == "restate" and not _DIAGNOSIS.match(sentence, m.end):
                return m
        for m in matches:
            if m.category != "check":
                continue
            if m.text.lower().startswith(_SO_CONCLUSION) and "?" not in sentence[m.start:]:
                continue
            if m.text.lower() in _TAIL_TAGS:
                return m
            if m.start > CHECK_FRAME_MAX_START or sentence[: m.start].rstrip().lower().endswith(("what", "how")):
                continue  # "what do you mean by X?" asks the customer to explain; it restates nothing
            if _ASKS_NEW.match(sentence, m.end):
                continue  # "just to confirm, which model is it?" gathers a new fact
            return m
        return None


def _clip(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


DETECTOR = AgentParaphrase()
