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

from .rewrite import Edit, FlagDraft, fill, library, quotable

_FIRST_PERSON = re.compile(r"(?:i|i['’]m|i['’]ve|i['’]d|i['’]ll|my)\b", re.IGNORECASE)


def thanks_for(given: str, first: bool = True, last: bool = True) -> str:
    """A redundant question's replacement: thanks for what the customer said (the library's
    ``redundant_question``); what they said of themselves comes back in the second person, unquoted
    ("Thanks for letting me know you've turned the router off and on"). Of several, ``first`` says
    "earlier, thanks", a later one "You also mentioned", and only the ``last`` "I'll go from there"."""
    t = library().templates
    said = quotable(given)
    own = _FIRST_PERSON.match(said) is not None
    if own:
        said = second_person(said)
    if first:
        text = fill(str(t["redundant_question_done" if own else "redundant_question"]), {"given": said})
    else:
        text = fill(str(t["redundant_question_also"]), {"given": said})
        if own:
            text = text.replace(f'"{said}"', said)
    return text + (str(t["redundant_question_end"]) if last else ".")


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
             if f.category == "redundant_question" and len(eds) == 1 and f.data.get("given_text")]
    if len(found) < 2:
        return per_flag
    found.sort(key=lambda x: x[0].start)
    swap = {id(ed): Edit(ed.start, ed.end, thanks_for(str(f.data["given_text"]), k == 0, k == len(found) - 1))
            for k, (ed, f) in enumerate(found)}
    return [[swap.get(id(ed), ed) for ed in eds] for eds in per_flag]
