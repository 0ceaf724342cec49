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

import re
from functools import cache, lru_cache

from ..lexicon import Match, load_lexicon
from ..model import Conversation, Finding
from .base import Detector, DetectorContext

REPORT_AT = 0.35  # findings below this (e.g. a softened quick fix) are not reported
SOFTEN_FACTOR = 0.5  # a concrete alternative in the same message halves the severity
EXTRA_MATCH_BONUS = 0.1  # each further distinct brush-off phrase in the message


_WORDS = re.compile(r"[a-z0-9]+")
Gate = tuple[frozenset[str], tuple[str, ...], "re.Pattern[str] | None"]


@lru_cache(maxsize=8192)
def words_of(text: str) -> frozenset[str]:
    """Lower-case alphanumeric tokens of ``text``; cached because six tone detectors read each message."""
    return frozenset(_WORDS.findall(text.lower()))


def _phrase_anchor(phrase: str) -> tuple[str, bool] | None:
    """The rarest whole word of a phrase (or its wildcard prefix), which any match must contain.

    Words touching an apostrophe are skipped: the phrase regex makes apostrophes optional, so
    "that's" also matches "thats" and neither "that" nor "s" is then a token of the text.
    """
    from wordfreq import zipf_frequency

    p = phrase.strip().lower()
    wildcard = p.endswith("*")
    p = p.rstrip("*")
    best: tuple[float, str, bool] | None = None
    for m in _WORDS.finditer(p):
        before, after = p[m.start() - 1 : m.start()], p[m.end() : m.end() + 1]
        if before in ("'", "’") or after in ("'", "’"):
            continue
        prefix = wildcard and m.end() == len(p)
        cand = (zipf_frequency(m.group(), "en"), m.group(), prefix)
        if best is None or cand < best:
            best = cand
    return (best[1], best[2]) if best else None


@cache
def _gates(name: str) -> dict[str, Gate | None]:
    """Per category: words/prefixes/regex of which one must occur for any match, or None (always run).

    Categories with raw ``patterns`` declare their own ``anchors`` (a trailing * is a prefix)
    and/or a cheap ``gate`` regex in the YAML; without them the category always runs.
    """
    out: dict[str, Gate | None] = {}
    for cat in load_lexicon(name).categories:
        words: set[str] = set()
        prefixes: list[str] = []
        ok = not cat.meta.get("patterns") or bool(cat.meta.get("anchors") or cat.meta.get("gate"))
        anchors = [(str(a).lower().rstrip("*"), str(a).endswith("*")) for a in cat.meta.get("anchors") or []]
        for phrase in cat.meta.get("phrases") or []:
            anchor = _phrase_anchor(str(phrase))
            if anchor is None:
                ok = False
                break
            anchors.append(anchor)
        for word, is_prefix in anchors:
            if is_prefix:
                prefixes.append(word)
            else:
                words.add(word)
        gate = re.compile(str(cat.meta["gate"]), re.IGNORECASE) if cat.meta.get("gate") else None
        out[cat.name] = (frozenset(words), tuple(prefixes), gate) if ok else None
    return out


def lexicon_find(name: str, text: str, categories: tuple[str, ...] | None = None) -> list[Match]:
    """``load_lexicon(name).find(text, categories)``, but a category's big regex only runs when
    one of its anchor words occurs in the text: a set lookup instead of trying a hundred
    alternatives at every character, which keeps the tone detectors at a few microseconds
    per message. Same results as ``Lexicon.find`` (checked on the real corpora in the tests)."""
    lex = load_lexicon(name)
    gates = _gates(name)
    words = words_of(text)
    found: list[Match] = []
    for cat in lex.categories:
        if categories is not None and cat.name not in categories:
            continue
        g = gates[cat.name]
        if g is not None and g[0].isdisjoint(words) and not (
            g[1] and any(w.startswith(g[1]) for w in words)) and not (g[2] is not None and g[2].search(text)):
            continue
        for m in cat.regex.finditer(text):
            if m.end() > m.start():
                found.append(Match(cat.name, m.start(), m.end(), cat.weight, m.group()))
    found.sort(key=lambda m: (m.start, -m.end))
    return found


def alternatives(text: str, categories: tuple[str, ...], exclude: list[Match]) -> list[Match]:
    """Alternative/next-step phrases of ``categories`` not inside one of the ``exclude`` spans.

    "nothing I can do" contains "I can do", which must not count as an offer.
    """
    found = lexicon_find("tone_alternatives", text, categories)
    return [a for a in found if not any(a.start < x.end and x.start < a.end for x in exclude)]


class AgentDismissive(Detector):
    name = "agent.dismissive"
    version = 1
    labels = ("agent.dismissive",)
    description = "Agent brushes the customer off (not our problem, works for me, just google it, minimising)."

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        lex = load_lexicon("dismissive")
        out: list[Finding] = []
        for i in ctx.indices("agent"):
            msg = conv.messages[i]
            matches = lexicon_find("dismissive", msg.text)
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
                    + (f', e.g. "{suggestion}"' if suggestion else "."),
                    data={"categories": sorted({m.category for m, _ in kept}), "suggestion": suggestion},
                )
            )
        return out


DETECTOR = AgentDismissive()
