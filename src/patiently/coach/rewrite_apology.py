"""What stands behind the apology the full rewrite adds, and when a cut apology is replaced.

An apology in front of a brush-off reads as a sneer (docs/coach.md, "No apology in front of a
brush-off"). Behind an added opener, the library's ``never_right`` sentences go (:func:`never_right`);
a pointer to self-service that is all the draft answers ("I'd kindly suggest you try our FAQ page,
which covers most questions like this one.", the library's ``self_service``) keeps its page and asks
the agent for the steps (``self_service_answer``); and a cheery farewell ("Have a great day!", the
library's ``farewell``) goes where the draft fixes nothing (QA19 b28). A stock sympathy line the
rewrite leaves out is the customer's only acknowledgment: where the customer is upset and nothing
else acknowledges them, the opener takes its place (:func:`empathy_cut`, QA19 b40). No apology is added
in front of a jab the rewrite keeps (:func:`jab_stays`, QA21 b08): the no_acknowledgment flag is then
listed in ``unchanged`` instead, and so where a kept sentence lectures the customer on their habits
(:func:`lecture_stays`, rewrite round 25).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from .rewrite import Edit, FlagDraft, fill, library, sentences
from .rewrite_frame import Situation, acknowledges, gives_fix, template_regex, template_search
from .rewrite_prefilter import Needs, may_match, needs


def never_right(draft: str) -> list[Edit]:
    """The draft's sentences that match one of the library's ``never_right`` phrases (a brush-off
    such as "Stop sending me messages."): an apology in front of them would read as a sneer."""
    # a sentence never ends inside a word: what the whole draft cannot match, no sentence can
    phrases = [p for p, needed in _never_right_patterns() if may_match(needed, draft)]
    if not phrases:
        return []
    return [Edit(s, e, "") for s, e in sentences(draft) if any(p.search(draft, s, e) for p in phrases)]


@cache
def _never_right_patterns() -> tuple[tuple[re.Pattern[str], Needs], ...]:
    compiled = [re.compile(str(p), re.IGNORECASE) for p in library().templates["never_right"]]
    return tuple((p, needs(p)) for p in compiled)


def behind_apology(draft: str) -> list[Edit]:
    """Edits for the sentences an added apology may not stand in front of: :func:`never_right`
    ones go; a self-service pointer keeps its page and asks for the steps; a cheery farewell goes
    where the draft gives no fix ("I'm sorry ... Have a great day!" after a FAQ link, QA19 b28)."""
    out = never_right(draft)
    gone = {(ed.start, ed.end) for ed in out}
    pointer, farewell = template_regex("self_service"), template_regex("farewell")
    # Whether the draft gives a fix only matters beside a farewell, which few drafts have: asked
    # only then (a draft's instructions and "fix_given" cost more than the rest of this together).
    fixes: list[bool] = []

    def gives() -> bool:
        if not fixes:
            fixes.append(gives_fix(draft))
        return fixes[0]

    pointed = False  # a pointer was the answer: nothing in the draft fixed anything
    for s, e in sentences(draft):
        if (s, e) in gone:
            continue
        m = pointer.match(draft, s, e)
        if m is not None:
            res = m.group("res")
            out.append(Edit(s, e, fill(str(library().templates["self_service_answer"]),
                                       {"res": res[:1].upper() + res[1:]})))
            pointed = True
        elif farewell.match(draft, s, e) and s > 0 and (pointed or not gives()):
            out.append(Edit(s, e, ""))
    if pointed or not any(not ed.text and farewell.match(draft, ed.start, ed.end) for ed in out) or not gives():
        return out
    return [ed for ed in out if ed.text or not farewell.match(draft, ed.start, ed.end)]


def upset(context_state: Sequence[str], where: Situation | None) -> bool:
    """The customer is frustrated, worried or grieving: an acknowledgment is owed."""
    return "frustrated" in context_state or (where is not None and where.feeling in ("worried", "grieving"))


def empathy_cut(draft: str, flags: list[FlagDraft], per_flag: list[list[Edit]]) -> bool:
    """A scripted_empathy flag's whole sentence is left out ("Sorry to hear that."): the draft loses
    its only apology, and an upset customer gets the opener in its place (QA19 b40)."""
    if any(f.category == "no_acknowledgment" for f in flags):
        return False  # the opener comes anyway
    for f, eds in zip(flags, per_flag, strict=True):
        if f.category != "scripted_empathy":
            continue
        for ed in eds:
            whole = [(s, e) for s, e in sentences(draft) if s >= ed.start and e <= ed.end]
            if not ed.text and whole and any(s < sp[1] and sp[0] < e for s, e in whole for sp in f.spans):
                return True
    return False


def opener_owed(draft: str, text: str, flags: list[FlagDraft], per_flag: list[list[Edit]],
                context_state: Sequence[str], where: Situation | None) -> bool:
    """The full rewrite ``text`` (the edits applied, where ``text`` is empty) needs the opener although
    no_acknowledgment was not flagged."""
    if not (upset(context_state, where) and empathy_cut(draft, flags, per_flag)):
        return False
    if not text:
        from .rewrite import edited

        text = edited(draft, [ed for eds in per_flag for ed in eds])
    return not acknowledges(text)


# the engine's jab categories, less pressure (a deadline is no mockery)
JAB_CATEGORIES = frozenset({"dismissive", "blame", "condescending", "impatient_repeat", "unprofessional"})


def jab_stays(draft: str, flags: list[FlagDraft], per_flag: list[list[Edit]]) -> bool:
    """The full rewrite keeps a jab: a flag of :data:`JAB_CATEGORIES` no edit touches, or mockery the
    library's ``jab`` names ("lol no reason huh, they all say that."). An apology in front of it would
    read as a sneer ("I'm sorry ... Lol no reason huh, they all say that.", QA21 b08)."""
    # The suggestions, the rewrite and the engine's unchanged flags ask with the same flags and edits:
    # answered once (what it reads of a flag is its category and spans).
    return _jab_stays(draft, tuple((f.category, tuple((s, e) for s, e in f.spans)) for f in flags),
                      tuple(tuple((ed.start, ed.end, ed.text) for ed in eds) for eds in per_flag))


@lru_cache(maxsize=32)
def _jab_stays(draft: str, flag_key: tuple[tuple[str, tuple[tuple[int, int], ...]], ...],
               edit_key: tuple[tuple[tuple[int, int, str], ...], ...]) -> bool:
    from .rewrite import edited, untouched

    flags = [FlagDraft(category, list(spans)) for category, spans in flag_key]
    per_flag = [[Edit(*k) for k in eds] for eds in edit_key]
    if any(flags[i].category in JAB_CATEGORIES for i in untouched(draft, flags, per_flag, acknowledgment_kept=False)):
        return True
    if lecture_stays(draft, per_flag):
        return True
    jab = template_regex("jab")
    if not template_search("jab", draft):
        return False
    return jab.search(edited(draft, [ed for eds in per_flag for ed in eds])) is not None


def jab_first(draft: str, flags: list[FlagDraft], per_flag: list[list[Edit]]) -> str:
    """The no_acknowledgment suggestion where a jab or a ``lecture`` stays (:func:`jab_stays`): it names what is kept
    and quotes it,
    the library's ``jab_kinds`` by the kept flag's category, or the mockery the library's ``jab`` finds ("Take out
    the joke ..." was said of a draft that only blamed the customer, QA26 b16)."""
    from .rewrite import untouched

    kinds = library().templates["jab_kinds"]
    what, words = "", ""
    lecture = kept_lecture(draft, per_flag)
    if lecture is not None:  # the kept lecture, quoted
        words = _quoted(lecture)
        text = fill(str(library().templates["lecture_first"]), {"words": words})
        return text if words else text.replace(' ("")', "")
    for i in untouched(draft, flags, per_flag, acknowledgment_kept=False):
        if flags[i].category in JAB_CATEGORIES and flags[i].spans:
            s, e = flags[i].spans[0]
            what, words = str(kinds[flags[i].category]), _quoted(draft[s:e])
            break
    if not what:
        every = [ed for eds in per_flag for ed in eds]  # the mockery in the draft's words, where no edit took it
        joke = next((m.group(0) for m in template_regex("jab").finditer(draft)
                     if not any(x.start < m.end() and m.start() < x.end for x in every)), "")
        what, words = str(kinds["jab"]), joke
    text = fill(str(library().templates["jab_first"]), {"what": what, "words": words})
    return text if words else text.replace(' (""):', ":")


QUOTE_WORDS = 12  # a longer flagged sentence is quoted by its first words


def _quoted(text: str) -> str:
    """A flagged span's words, without the full stop; a long sentence by its first :data:`QUOTE_WORDS` words."""
    words = text.split()
    body = " ".join(words[:QUOTE_WORDS]).rstrip(" .!?,;:")
    return body + (" ..." if len(words) > QUOTE_WORDS else "")


def lecture_stays(draft: str, per_flag: list[list[Edit]]) -> bool:
    """A sentence of the draft that no edit touches lectures the customer on their habits (the library's
    ``lecture``: "Please save your work regularly.", "Next time, back up first."): an apology in front of it
    reads as sarcasm (QA25 b12), so none is added; the agent's advice stays theirs to keep or drop."""
    return kept_lecture(draft, per_flag) is not None


def kept_lecture(draft: str, per_flag: list[list[Edit]]) -> str | None:
    """The first sentence of the draft that lectures (the library's ``lecture``) and that no edit touches."""
    lecture = template_regex("lecture")
    every = [ed for eds in per_flag for ed in eds]
    return next((draft[s:e] for s, e in sentences(draft)
                 if lecture.match(draft[s:e]) and not any(x.start < e and s < x.end for x in every)), None)


def unanswered(draft: str, flags: list[FlagDraft], per_flag: list[list[Edit]], out: list[int]) -> list[int]:
    """``out`` (the untouched flags' indices) with the no_acknowledgment flags where a jab stays and the
    rewrite therefore adds no opener (:func:`jab_stays`)."""
    acks = [i for i, f in enumerate(flags) if f.category == "no_acknowledgment"]
    return sorted(out + acks) if acks and jab_stays(draft, flags, per_flag) else out
