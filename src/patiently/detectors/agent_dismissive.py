"""agent.dismissive: the agent brushes the customer off instead of owning the problem.

Signals come from the ``dismissive`` lexicon (refusing ownership, "works for me", quick
fixes thrown over the wall, shrugging, minimising). A match is softened when the same
message also offers a concrete next step, a referral or a reason (``tone_alternatives``
lexicon), because "not my department, but the network team can help: ..." is a hand-over,
not a brush-off. Purely lexical on purpose: the static embeddings put "it works on my end"
and "I see the issue on my end too, let me check" at the same similarity, so they cannot
separate a brush-off from engagement.
"""

from __future__ import annotations

from ..lexicon import Match, load_lexicon
from ..model import Conversation, Finding
from ..text import readable
from .base import Detector, DetectorContext

REPORT_AT = 0.35  # findings below this (e.g. a softened quick fix) are not reported
SOFTEN_FACTOR = 0.5  # a concrete alternative in the same message halves the severity
EXTRA_MATCH_BONUS = 0.1  # each further distinct brush-off phrase in the message


def alternatives(text: str, categories: tuple[str, ...], exclude: list[Match]) -> list[Match]:
    """Alternative/next-step phrases of ``categories`` not inside one of the ``exclude`` spans.

    "nothing I can do" contains "I can do", which must not count as an offer.
    """
    found = load_lexicon("tone_alternatives").find(text, categories)
    return [a for a in found if not any(a.start < x.end and x.start < a.end for x in exclude)]


class AgentDismissive(Detector):
    name = "agent.dismissive"
    version = 1
    labels = ("agent.dismissive",)
    description = "Agent brushes the customer off (not our problem, works for me, just google it, minimising)."

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        lex = load_lexicon("dismissive")
        out: list[Finding] = []
        for i in ctx.targets("agent"):
            msg = conv.messages[i]
            matches = lex.find(msg.text)
            if not matches:
                continue
            kept: list[tuple[Match, float]] = []
            for m in matches:
                meta = lex.category(m.category).meta
                softeners = tuple(meta.get("softened_by") or ())
                weight = m.weight
                if softeners and alternatives(msg.text, softeners, matches):
                    if meta.get("drop_if_softened"):
                        continue
                    weight *= SOFTEN_FACTOR
                kept.append((m, weight))
            if not kept:
                continue
            distinct = {m.text.lower() for m, _ in kept}
            score = max(w for _, w in kept) + EXTRA_MATCH_BONUS * (len(distinct) - 1)
            if score < REPORT_AT:
                continue
            top = max(kept, key=lambda mw: mw[1])[0]
            suggestion = str(lex.category(top.category).meta.get("suggestion", ""))
            quoted = "; ".join(f'"{m.text}"' for m, _ in kept[:3])
            out.append(
                self.finding(
                    msg, score, [(m.start, m.end) for m, _ in kept],
                    f"{quoted} brushes the customer off; own the problem and give a next step"
                    + (f', e.g. "{readable(suggestion)}"' if suggestion else "."),
                    data={"categories": sorted({m.category for m, _ in kept}), "suggestion": suggestion},
                )
            )
        return out


DETECTOR = AgentDismissive()
