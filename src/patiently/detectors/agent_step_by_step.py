"""agent.step_by_step: instructions given as a sequence the customer can follow.

Signals from ``lexicons/steps.yaml``: numbered lines ("1.", "2)", "Step 3:"), bulleted lines
that start with an instruction verb (``data/imperative_verbs.yaml``), and sequence words at
the start of a clause ("First, open Settings, then tap Wi-Fi, finally ..."). At least two
steps are needed. A run of consecutive agent messages (chat users send one step per line)
counts as one set of instructions. Clauses that narrate the agent's own work ("then I
restarted the server") and numbered questions are not steps. Numbered lists score highest,
then bullets, then sequence words; more steps score a little higher.

v2: a chain of instructions in one sentence counts too: a sentence that opens with an
instruction verb (not "Let me ...": the agent's own work) and goes on with at least two more
clauses that each open with one (after a comma, a semicolon, "then", "and then", "next" or a bare
"and"): "Restart the router, wait two minutes, then
reconnect", "Click Start, then open Settings, then choose Network". Two clauses ("Open the app,
then sign in") are one instruction with a follow-up, as before; a sentence that opens with
anything else ("Thanks, check your email") is no chain.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import load_data, load_lexicon
from ..model import Conversation, Finding, Span
from ..text import sentence_tuple
from .base import Detector, DetectorContext

RUN_GAP_SECONDS = 600  # agent messages further apart than this are separate instructions
MAX_RUN = 12  # bounds the work per run; longer runs are split
_CLAUSE_START = re.compile(r"(?:^|[.!;:,\n]|\band\b|\bthen\b)\s*$", re.I)
_WORD = re.compile(r"[A-Za-z][\w'-]*")
_BASE = {"numbered": 0.7, "bullet": 0.6, "words": 0.5}


@lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    return frozenset(v.lower() for v in load_data("imperative_verbs")["verbs"])


def _first_word(text: str, pos: int) -> str:
    m = _WORD.search(text, pos, min(len(text), pos + 40))
    return m.group().lower() if m else ""


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


_STEP_END = re.compile(r"[.!?](?=\s|$)|\n")


def _step_end(text: str, pos: int) -> int:
    """v3: where a numbered step run on in a paragraph ends: its sentence's end mark, or the line's end."""
    m = _STEP_END.search(text, pos)
    return len(text) if m is None else m.end()


# Where the next clause of a chain may open: after a comma or semicolon, "then", "and then",
# "next", "and", each optionally followed by "please" / "just".
_LINK = re.compile(r"\s*(?:[,;]\s*(?:and\s+)?(?:then\s+|next\s+)?|\s+(?:and\s+)?then\s+|\s+and\s+)"
                   r"(?:please\s+|just\s+)?$", re.I)
CHAIN_MIN = 3  # instruction clauses in one sentence that make a list of steps
_OPENING = re.compile(r"\W*(?:(?:ok(?:ay)?|so|now|next|please|just)\W+)*([A-Za-z][\w'-]*)", re.I)  # its first word
_COMPOUND = re.compile(r"\s+and\s+", re.I)  # two verbs joined bare: "drag and drop", "copy and paste"


def _chain(text: str, verbs: frozenset[str]) -> list[tuple[int, int]]:
    """The instruction clauses of each sentence that is a chain of them (see v2 above)."""
    out: list[tuple[int, int]] = []
    for s, e in sentence_tuple(text):  # the text's split, cached: the detector context made the same one
        first = _OPENING.match(text, s, e)
        if first is None or first.group(1).lower() not in verbs or first.group(1).lower() == "let":
            continue  # most sentences: no chain starts here; "Let me check the logs, ..." is the agent's own work
        starts = [first.span(1)]  # the opening instruction, after its optional "ok", "please", ...
        for m in _WORD.finditer(text, first.end(1), e):
            if m.group().lower() not in verbs:
                continue
            between = text[starts[-1][1]:m.start()]  # since the last clause's verb: where a link can be
            if _LINK.search(between) and _COMPOUND.fullmatch(between) is None:
                starts.append((m.start(), m.end()))  # not the "drop" of "drag and drop": one action
        if len(starts) >= CHAIN_MIN:
            out += starts
    return out


def steps_in(text: str) -> tuple[list[tuple[int, int, str]], bool]:
    """Step spans with their kind, and whether a sequence opener ("first") was seen."""
    lex = load_lexicon("steps")
    verbs = _verbs()
    steps: list[tuple[int, int, str]] = []
    opener = False
    for m in lex.find(text):
        if m.category in ("numbered", "bullet", "numbered_inline"):
            inline = m.category == "numbered_inline"
            end = _step_end(text, m.end) if inline else _line_end(text, m.start)
            line = text[m.start:end].rstrip()
            if line.endswith("?"):
                continue  # numbered questions are a questionnaire, not instructions
            if m.category == "bullet" and _first_word(text, m.end - 1) not in verbs | {"you", "please"}:
                continue
            steps.append((m.start, end, "numbered" if inline else m.category))
        else:
            if not _CLAUSE_START.search(text[max(0, m.start - 12):m.start]):
                continue
            nxt = _first_word(text, m.end)
            if nxt in ("i", "we", "it's", "i'll", "we'll", "i've"):
                continue  # narration of the agent's own actions
            if nxt not in verbs and nxt not in ("you", "please", "go", "the", "your") and m.category != "opener":
                continue
            steps.append((m.start, m.end, "words"))
            opener = opener or m.category == "opener"
    # v2: a chain's clauses, each once (a "then" already counted covers the verb right after it)
    words = [s for s, _, k in steps if k == "words"]
    for s, e in _chain(text, verbs):
        if not any(w <= s <= w + 16 for w in words):
            steps.append((s, e, "words"))
    steps.sort()
    return steps, opener


class AgentStepByStep(Detector):
    name = "agent.step_by_step"
    # v3 (QA pass 26, steps v2): numbered steps run on in one paragraph ("... step by step: 1) Click 'File' ... 2) ...")
    version = 3  # v2: a chain of three instructions in one sentence
    labels = ("agent.step_by_step",)
    description = "The agent gives instructions as numbered, bulleted or sequenced steps."

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        out: list[Finding] = []
        runs = self._runs(conv)
        if ctx.focus is not None:  # only the run holding the focus can put a finding on it
            runs = [r for r in runs if ctx.focus in r]
        for run in runs:
            found: list[tuple[int, int, int, str]] = []
            opener = False
            for i in run:
                steps, op = steps_in(conv.messages[i].text)
                opener = opener or op
                found += [(i, s, e, k) for s, e, k in steps]
            structured = [f for f in found if f[3] != "words"]
            words = [f for f in found if f[3] == "words"]
            if len(structured) >= 2:
                kind = "numbered" if sum(f[3] == "numbered" for f in structured) >= 2 else "bullet"
                used = structured
            elif len(words) >= 2 and (opener or len(words) >= 3):
                kind, used = "words", words
            else:
                continue
            score = min(0.95, _BASE[kind] + 0.05 * (len(used) - 2) + (0.05 if opener else 0.0))
            if not ctx.wants(used[0][0]):
                continue
            first = conv.messages[used[0][0]]
            evidence = [Span(conv.messages[i].id, s, e) for i, s, e, _ in used]
            what = {"numbered": "numbered steps", "bullet": "bulleted steps", "words": "steps in order"}[kind]
            out.append(self.finding(
                first, score, evidence,
                f"Gave {len(used)} {what} the customer can follow one at a time.",
                data={"steps": len(used), "structure": kind},
            ))
        return out

    @staticmethod
    def _runs(conv: Conversation) -> list[list[int]]:
        """Consecutive messages of one agent, split at customer turns and long pauses."""
        runs: list[list[int]] = []
        cur: list[int] = []
        for i, m in enumerate(conv.messages):
            if m.role != "agent":
                if cur:
                    runs.append(cur)
                    cur = []
                continue
            if cur:
                prev = conv.messages[cur[-1]]
                gap = (m.sent_at - prev.sent_at).total_seconds() if m.sent_at and prev.sent_at else 0.0
                if prev.author != m.author or gap > RUN_GAP_SECONDS or len(cur) >= MAX_RUN:
                    runs.append(cur)
                    cur = []
            cur.append(i)
        if cur:
            runs.append(cur)
        return runs


DETECTOR = AgentStepByStep()
