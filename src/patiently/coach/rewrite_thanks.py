"""A redundant question's replacement: thanks for what the customer already said, said once.

"Have you tried turning the router off and on again?" to a customer who wrote "I've turned the
router off and on three times" becomes "Thanks for letting me know you've turned the router off and
on; I'll go from there." What the customer said of themselves comes back in the second person
(the library's ``pronoun_swaps``), never as a quote of their "I've ..." (QA17 b19); anything else
("order 55120", "0x80070005 Access denied") is quoted. Several redundant questions in one draft
thank once and say "I'll go from there" once (QA16 b35, b36).
"""

from __future__ import annotations

import re
from functools import cache

from .rewrite import CONTENT_WORD, Edit, FlagDraft, fill, library, quotable, sentence_range, sentences
from .rewrite_frame import template_regex

_FIRST_PERSON = re.compile(r"(?:i|i['’]m|i['’]ve|i['’]d|i['’]ll|my)\b", re.IGNORECASE)


def thanks_for(given: str, first: bool = True, last: bool = True, end: str | None = None,
               thanked: bool = False) -> str:
    """A redundant question's replacement: thanks for what the customer said (the library's
    ``redundant_question``); what they said of themselves comes back in the second person, unquoted
    ("Thanks for letting me know you've turned the router off and on"); a value they named comes back
    as theirs ("you already gave me your order number, 55102", the library's ``given_value``). Of
    several, ``first`` says "earlier, thanks", a later one "You also mentioned", and only the ``last``
    ends with ``end`` (:func:`next_step`). ``thanked``: the draft thanks the customer already, so the
    replacement does not (QA18 b12: "Thanks. You mentioned ... earlier, thanks")."""
    t = library().templates
    said = quotable(given)
    value = template_regex("given_value").match(said)
    own = _FIRST_PERSON.match(said) is not None
    if own:
        said = second_person(said)
    if value is not None and first:
        key = "redundant_question_value_plain" if thanked else "redundant_question_value"
        what = value.group("what")
        what = what[0].lower() + what[1:] if what[1:2].islower() else what  # "Order number", not "employee ID"
        text = fill(str(t[key]), {"what": what, "value": value.group("value")})
    elif first:
        key = "redundant_question_done" if own else "redundant_question"
        text = fill(str(t[key + "_plain" if thanked else key]), {"given": said})
    else:
        text = fill(str(t["redundant_question_also"]), {"given": said})
        if own:
            text = text.replace(f'"{said}"', said)
    if not last:
        return text + "."
    return text + (str(t["redundant_question_end"]) if end is None else end)


def next_step(draft: str, start: int, end: int) -> str:
    """How a redundant question's replacement ends: the question's own purpose as the next step ("...
    so I can look into this?" -> "; I'll look into this now.", the library's ``question_purpose``); a
    full stop where the draft goes on after the question (its next step follows); else a placeholder
    for the agent's next step (``redundant_question_next``): "I'll go from there" promised nothing
    (QA18 b12, b25, b40)."""
    t = library().templates
    purpose = template_regex("question_purpose").search(draft, start, end)
    if purpose is not None:
        act = purpose.group("act").strip()
        return fill(str(t["redundant_question_purpose"]), {"act": act})
    if any(CONTENT_WORD.search(draft, a, b) and not _closing(draft[a:b]) for a, b in sentences(draft) if a >= end):
        return "."
    return str(t["redundant_question_next"])


def _closing(sentence: str) -> bool:
    """A sign-off ("Regards,") or the name under it: no next step."""
    from .rewrite_frame import _NAME_LINE

    return template_regex("sign_off").match(sentence.strip()) is not None \
        or _NAME_LINE.match(sentence.strip()) is not None


def thanks_already(draft: str, start: int, end: int) -> bool:
    """The draft thanks the customer outside [start, end)."""
    thanks = template_regex("draft_thanks")
    return thanks.search(draft, 0, start) is not None or thanks.search(draft, end) is not None


@cache
def _pronouns() -> tuple[re.Pattern[str], dict[str, str]]:
    swaps = {str(k).lower(): str(v) for k, v in library().templates["pronoun_swaps"].items()}
    words = sorted(swaps, key=len, reverse=True)
    alts = "|".join(re.escape(w).replace("'", "['’]").replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"\b(?:{alts})\b", re.IGNORECASE), swaps


def second_person(text: str) -> str:
    """"I've turned the router off" -> "you've turned the router off" (the library's ``pronoun_swaps``)."""
    pattern, swaps = _pronouns()
    return pattern.sub(lambda m: swaps[" ".join(m.group(0).lower().replace("’", "'").split())], text)


def one_thanks(draft: str, flags: list[FlagDraft], per_flag: list[list[Edit]]) -> list[list[Edit]]:
    """Several redundant questions thank the customer once: "You mentioned "on Windows" earlier,
    thanks. You also mentioned ...; I'll go from there." (see :func:`thanks_for`; QA16 b35, b36)."""
    found = [(eds[0], f) for f, eds in zip(flags, per_flag, strict=True)
             if f.category == "redundant_question" and eds and f.data.get("given_text")]
    if len(found) < 2:
        return per_flag
    found.sort(key=lambda x: x[0].start)
    lo, hi = found[0][0].start, found[-1][0].end
    end, thanked = next_step(draft, lo, hi), thanks_already(draft, lo, hi)
    swap = {id(ed): Edit(ed.start, ed.end, thanks_for(str(f.data["given_text"]), k == 0, k == len(found) - 1,
                                                      end, thanked))
            for k, (ed, f) in enumerate(found)}
    return [[swap.get(id(ed), ed) for ed in eds] for eds in per_flag]


def question_edits(draft: str, flag: FlagDraft) -> list[Edit]:
    """A redundant question's edit: its sentence becomes the thanks (:func:`thanks_for`)."""
    given = flag.data.get("given_text")
    if not given:
        return []
    s, e = sentence_range(draft, flag.spans)
    out = [Edit(s, e, thanks_for(str(given), end=next_step(draft, s, e), thanked=thanks_already(draft, s, e)))]
    # the next sentence's "Also" added to the question, which is gone: "Thanks for letting me know you've
    # already restarted it. Also try unplugging ..." had nothing before it (QA19 b37)
    also = _ALSO.match(draft, e)
    nxt = next((b for a, b in sentences(draft) if a > e), len(draft))
    if also is not None and not draft[:nxt].rstrip().endswith("?"):  # a question of its own: its flag rewrites it
        out.append(Edit(also.start("also"), also.end(), ""))
    return out


_ALSO = re.compile(r"\s+(?P<also>(?:and\s+)?also\b\s*,?\s*|as\s+well\s*,\s*)(?=[a-z])", re.IGNORECASE)
