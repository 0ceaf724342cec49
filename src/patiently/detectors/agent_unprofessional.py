"""agent.unprofessional: profanity, insults, sarcasm, shouting and "!!!" runs from the agent.

Words come from the ``unprofessional`` lexicon (with obfuscations such as f*ck and sh!t).
Shouting uses ``patiently.text.caps_ratio``/``shouting_spans``, which ignore IT acronyms,
so "check the DNS and VPN settings" is not shouting but "READ THE EMAIL" is. Runs of
exclamation marks count only when they contain at least three marks with "!" in them
("!!!", "?!?"), and a happy "it works now!!!" is let off, because enthusiasm is not rudeness.
"""

from __future__ import annotations

import re

from ..lexicon import load_lexicon
from ..model import Conversation, Finding
from ..text import caps_ratio, readable, shouting_spans
from .base import Detector, DetectorContext

REPORT_AT = 0.35
SHOUT_RATIO = 0.3  # share of letters in shouted words from which a message shouts
SHOUT_WEIGHT = 0.6
BANG_WEIGHT = 0.4  # "!!!" runs
INTERROBANG_WEIGHT = 0.45  # "?!?" runs sound exasperated
EXTRA_KIND_BONUS = 0.1
_BANG_RUN = re.compile(r"[!?]{3,}")
_POSITIVE = re.compile(
    r"\b(?:thanks?|thank you|glad|great|awesome|congrat\w*|welcome|happy|brilliant|perfect|fantastic|yay|"
    r"excellent|amazing|wonderful|works now|working now|fixed|hi|hello|hey|yes+|woo+hoo+|hooray)\b",
    re.IGNORECASE,
)
_LOWER = re.compile(r"[a-z]")
_CHEAP = re.compile(r"[!*#@$%]|[A-Z]{3}")  # a lexicon-free message needs one of these to need a look


def _runs(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join shouted words separated only by non-lowercase text: "READ THE EMAIL I SENT" is one span."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and not _LOWER.search(text, out[-1][1], s):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans without those inside another ("pissed" inside "pissed off")."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(set(spans), key=lambda se: (se[0], -se[1])):
        if out and s >= out[-1][0] and e <= out[-1][1]:
            continue
        out.append((s, e))
    return out


class AgentUnprofessional(Detector):
    name = "agent.unprofessional"
    version = 1
    labels = ("agent.unprofessional",)
    description = "Agent uses profanity, insults, sarcasm, shouting caps or '!!!' runs."

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        lex = load_lexicon("unprofessional")
        out: list[Finding] = []
        names: frozenset[str] | None = None
        for i in ctx.targets("agent"):
            msg = conv.messages[i]
            text = msg.text
            matches = load_lexicon("unprofessional").find(text)
            if matches:
                # chat nicknames ("idiot", "bugger") are names, not insults
                if names is None:
                    names = frozenset(m.author.lower() for m in conv.messages if m.author)
                matches = [m for m in matches if m.text.lower() not in names]
            spans: list[tuple[int, int]] = [(m.start, m.end) for m in matches]
            kinds: dict[str, float] = {}
            for m in matches:
                kinds[m.category] = max(kinds.get(m.category, 0.0), m.weight)
            if _CHEAP.search(text):
                ratio = caps_ratio(text)
                if ratio >= SHOUT_RATIO:
                    shouted = shouting_spans(text)
                    # two shouted words, one of them a real word: "LAS JFK" flight codes are not shouting
                    if len(shouted) >= 2 and any(e - s >= 4 for s, e in shouted):
                        kinds["shouting"] = SHOUT_WEIGHT + (0.1 if ratio >= 0.6 else 0.0)
                        spans += _runs(text, shouted)
                runs = [r for r in _BANG_RUN.finditer(text) if "!" in r.group()]
                if runs and not (_POSITIVE.search(text) and not matches and "shouting" not in kinds):
                    kinds["exclamation"] = max(
                        INTERROBANG_WEIGHT if "?" in r.group() else BANG_WEIGHT for r in runs
                    )
                    spans += [r.span() for r in runs]
            if not kinds:
                continue
            score = max(kinds.values()) + EXTRA_KIND_BONUS * (len(kinds) - 1)
            if score < REPORT_AT:
                continue
            spans = _outermost(spans)
            top = max(kinds, key=lambda k: kinds[k])
            if top in ("shouting", "exclamation"):
                suggestion = "Write in normal case with one exclamation mark at most; calm text reads as calm help."
            else:
                suggestion = str(lex.category(top).meta.get("suggestion", ""))
            quoted = "; ".join(f'"{text[s:e]}"' for s, e in spans[:4])
            out.append(
                self.finding(
                    msg, score, spans,
                    f"Unprofessional ({', '.join(sorted(kinds))}): {quoted}. {readable(suggestion)}",
                    data={"kinds": sorted(kinds), "suggestion": suggestion},
                )
            )
        return out


DETECTOR = AgentUnprofessional()
