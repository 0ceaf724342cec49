"""What the rewrite keeps must agree with what it says, and must still say what the draft said.

A replacement never sits next to a kept clause that says the opposite (the library's ``contradictions``,
rewrite round 25): "When you're ready, please send me your answer, I'm not going to wait around all day."
(QA25 b26) loses the clause that refuses to wait, and "I'll keep this ticket open for now. If it doesn't
work, open a new one." (b37) asks for a reply here instead. A refusal's offer (the library's
``offer_tail``) ends its sentence: "That isn't something we support, but [alternative] works and I can help
you set it up and it won't be changed." (b25) ran the draft's next clause into the offer.

:func:`keeps_substance` says whether a rewrite still carries the draft's content: a rewrite that the
cuts left with little of what the draft said besides the flagged words ("Sure." for a reply that
offered to explain, b24) is never reported complete.
"""

from __future__ import annotations

import re
from functools import cache

from ..text import blank
from .rewrite import CONTENT_WORD, Edit, FlagDraft, leftover_words, library, sentence_holding, sentences
from .rewrite_frame import template_regex


@cache
def _contradictions() -> tuple[tuple[frozenset[str], re.Pattern[str] | None, re.Pattern[str], str], ...]:
    out = []
    for raw in library().templates["contradictions"]:
        said = raw.get("said")
        out.append((frozenset(raw["after"]), re.compile(said, re.IGNORECASE) if said else None,
                    re.compile(raw["kept"], re.IGNORECASE), str(raw.get("replace") or "")))
    return tuple(out)


def agree(draft: str, flags: list[FlagDraft], per_flag: list[list[Edit]]) -> list[list[Edit]]:
    """``per_flag`` with each kept clause that contradicts a replacement beside it (in its sentence or the
    next) reworded or left out, as the library's ``contradictions`` say; then each offer moved to the end
    of its sentence (:func:`offer_at_end`)."""
    every = [ed for eds in per_flag for ed in eds]
    out = [list(eds) for eds in per_flag]
    spans = sentences(draft)
    for i, flag in enumerate(flags):
        rules = [c for c in _contradictions() if flag.category in c[0]]
        if not rules:
            continue  # most flags: no contradiction is listed for their category
        for ed in per_flag[i]:
            if not ed.text:
                continue
            s, e = sentence_holding(draft, ed)
            nxt = next(((a, b) for a, b in spans if a >= e), (e, e))
            for _, said, kept, replace in rules:
                if said is not None and said.search(ed.text) is None:
                    continue
                for m in kept.finditer(draft, s, nxt[1]):
                    if m.end() > m.start() and not any(x.start < m.end() and m.start() < x.end for x in every):
                        out[i].append(Edit(m.start(), m.end(), replace))
                        every.append(out[i][-1])
    return offer_at_end(draft, out)


def offer_at_end(draft: str, per_flag: list[list[Edit]]) -> list[list[Edit]]:
    """An offer a refusal's replacement ends with (the library's ``offer_tail``) where the draft's sentence
    goes on after the replacement: the offer goes to the end of the sentence, after the draft's words, or
    it ran into them ("... and I can help you set it up and it won't be changed", QA25 b25)."""
    tail = template_regex("offer_tail")
    every = list({(ed.start, ed.end, ed.text): ed for eds in per_flag for ed in eds}.values())  # (shared by flags)
    swap: dict[tuple[int, int, str], list[Edit]] = {}
    for ed in every:
        m = tail.search(ed.text)
        if m is None or m.end() < len(ed.text.rstrip(" .")):
            continue
        end = sentence_holding(draft, ed)[1]
        while end > ed.end and draft[end - 1] in ".!? \n":
            end -= 1
        others = [x for x in every if x is not ed]
        if any(x.start < ed.end and ed.start < x.end for x in others):
            continue  # another edit takes these words: this one may never apply
        # what other edits leave of the rest of the sentence
        rest = blank(draft[ed.end:end], [(x.start - ed.end, min(x.end, end) - ed.end) for x in others
                                         if not x.text and ed.end <= x.start < end])
        if not CONTENT_WORD.search(rest) or re.match(r"\s*to\s", rest):
            continue  # nothing after it, or the refusal's own complement ("possible to do a breakdown")
        if any(x.text and ed.end <= x.start < end for x in others):
            swap[(ed.start, ed.end, ed.text)] = [Edit(ed.start, ed.end, ed.text[:m.start()])]  # no clean end
        else:
            swap[(ed.start, ed.end, ed.text)] = [Edit(ed.start, ed.end, ed.text[:m.start()]),
                                                 Edit(end, end, ed.text[m.start():])]
    if not swap:
        return per_flag
    done: set[tuple[int, int, str]] = set()  # the moved offer once, in the first flag that holds the edit
    out = []
    for eds in per_flag:
        mine = []
        for x in eds:
            key = (x.start, x.end, x.text)
            if key in swap:
                mine.extend(swap[key] if key not in done else swap[key][:1])
                done.add(key)
            else:
                mine.append(x)
        out.append(mine)
    return out


LOST_SHARE = 0.5  # a rewrite whose cuts took this share of the draft's own content words lost its answer
MIN_OWN_WORDS = 4  # ... of a draft with at least this many content words outside its flagged words


def keeps_substance(draft: str, flags: list[FlagDraft], text: str) -> bool:
    """The rewrite ``text`` still carries what the draft said. The draft's own words are its content words
    outside every flagged span (what the coach found no fault with). The cuts are what
    :func:`.rewrite_cover.cover` leaves out or puts a sentence's fallback in place of, where no library rule
    rewrote the flagged words (a rule's rewording is written to say what the draft meant). Where the draft has
    :data:`MIN_OWN_WORDS` own words or more and the cuts took :data:`LOST_SHARE` of them or more, gone from
    the rewrite, the cuts lost what answered the customer (QA25 b17: "To avoid this next time, [tip]." for
    "The files were deleted from your folder because ..."; b24: "Sure."): no complete rewrite (round 25)."""
    from .rewrite import edits_for
    from .rewrite_cover import cover

    function = leftover_words()[1]
    # a reason clause behind the flagged words is theirs, not the draft's answer: "keep it very simple for you since
    # computers clearly aren't your thing" goes whole, and its reason is no lost content (QA27 b23)
    flagged = [c for c in (_clause(draft, sp) for f in flags for sp in f.spans) if c[1] > c[0]]
    own = [m for m in CONTENT_WORD.finditer(draft)
           if m.group(0).lower() not in function and not any(s < m.end() and m.start() < e for s, e in flagged)]
    if len(own) < MIN_OWN_WORDS:
        return True
    ruled = [edits_for(draft, f) for f in flags]
    made = {(ed.start, ed.end, ed.text) for eds in ruled for ed in eds}
    cuts = [(ed.start, ed.end) for eds in cover(draft, flags, ruled) for ed in eds
            if ed.end > ed.start and (ed.start, ed.end, ed.text) not in made]
    if not cuts:
        return True
    said = {w.lower() for w in CONTENT_WORD.findall(text)}
    lost = [m for m in own if any(s <= m.start() and m.end() <= e for s, e in cuts) and m.group(0).lower() not in said]
    return len(lost) < LOST_SHARE * len(own)


_REASON_TAIL = re.compile(
    r"\s*,?\s*(?:since|because|as|cause|’cause|'cause|given\s+that|seeing\s+(?:as|that))\b[^,;:.!?\n]*", re.IGNORECASE)


def _clause(draft: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` with the reason clause right after it, which gives the flagged words' reason and goes with them."""
    s, e = span
    tail = _REASON_TAIL.match(draft, e)
    return (s, tail.end() if tail else e)
