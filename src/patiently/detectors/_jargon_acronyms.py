"""Acronyms the IT glossary lacks, for agent.jargon (v15, QA pass 25).

"Remove the EAS account and re-provision it" to a customer who said they are not a computer person: the
glossary cannot list every acronym of every product, and the rare-word reader only takes an acronym right
before a technical noun or after a command verb. To a lay customer (not technical, or confused right now)
an acronym is jargon on its own: a run of 3-5 capitals (not a word in capitals, "NOTE"; not a code,
"NW-GUEST-4471"; not part of an address, a path or a sign-off, "^MB") whose lower-case form is rare in
English (wordfreq Zipf under ``ACRONYM_ZIPF``: USB, PDF, GPS, PIN, ASAP and SMS are common and never count)
and which is not one of the everyday acronyms the glossary file lists (``everyday_acronyms``: DOB, RSVP,
IBAN, DHL, GBP, time zones, chat shorthand ...). Two-letter ones are left out: initials, US states and
agents' sign-offs ("TY", "MB") look the same. Nor are the letters of a code to read off a letter or a
screen ("the reference number is at the top right, starting with CLM", "reference CLM", "code ABX"). The
detector applies the usual excuses afterwards (explained, the customer's own word, a label or a quoted
instruction, a participant's name).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import load_data
from ._jargon_terms import zipf

ACRONYM_ZIPF = 3.0  # lower-case Zipf frequency under which an unknown acronym is not everyday
# 3-5 capitals as a word of their own, or before a hyphen and a lower-case word ("EAS-only"); not after
# a character that joins it to something else (@handle, #tag, ^sign-off, a path, a code "NW-GUEST"), nor
# before a digit, a path's slash or backslash ("HKLM\\Software": the path is the thing to read), an apostrophe
# ("DON'T"), an ampersand ("AT&T") or a dot inside a name.
_ACRONYM = re.compile(r"(?<![\w@#^*+=/.\\~:!&'’-])[A-Z]{3,5}"
                      r"(?=-[a-z]{3,}\b(?!-\w)|(?![\w&/\\'’@\-]|[.][A-Za-z0-9]))")
# The letters of a code the customer reads: "starting with CLM", "ends in XQ", "reference CLM", "code ABX".
_CODE_BEFORE = re.compile(r"\b(?:(?:starts?|starting|begins?|beginning|ends?|ending)\s+(?:with|in)|"
                          r"prefix(?:ed\s+(?:with|by))?|code|ref|reference|ticket|case|order|serial|number|no\.|id)"
                          r"\s*[:#]?\s*[\"'`“‘]?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def everyday_acronyms() -> frozenset[str]:
    """The glossary file's ``everyday_acronyms``: known to everyone, never jargon."""
    return frozenset(str(a) for a in load_data("it_glossary").get("everyday_acronyms") or [])


def unknown_acronyms(text: str, taken: list[tuple[int, int]], names: frozenset[str]) -> list[tuple[int, int]]:
    """Spans of acronyms outside ``taken`` that are neither everyday nor a participant's name (lower-case ``names``)."""
    if not any(c.isupper() for c in text):
        return []
    everyday = everyday_acronyms()
    out = []
    for m in _ACRONYM.finditer(text):
        tok = m.group()
        if tok in everyday or tok.lower() in names or zipf(tok.lower()) >= ACRONYM_ZIPF:
            continue
        if any(s <= m.start() < e for s, e in taken) or _CODE_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            continue
        out.append(m.span())
    return out
