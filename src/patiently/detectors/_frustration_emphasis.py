"""customer.frustration's reading of emphasis: shouted words in two or more places of a mostly calm message, not
a label quoted from the screen, a code a system returns, or a technical compound; and the shouted adverbs of
expectation ("i JUST bought it"). Split from :mod:`.customer_frustration`."""

from __future__ import annotations

import re

from ..text import shouting_spans

# A shouted word quoted from the screen or a button ("it says ACCESS DENIED", "I clicked
# CONTINUE") is not emphasis.
# v17 (mood round, QA pass 24 g12): a code a system returns or logs ("Your DNS resolver returns SERVFAIL", "throws
# NXDOMAIN", "the log reports TIMEOUT") is quoted output too.
_QUOTING = re.compile(r"(?:\b(?:click(?:ed)?|press(?:ed)?|tap(?:ped)?|select(?:ed)?|chose|choose|says?|said|"
                      r"shows?|showed|reads?|error|message|button|option|menu|key|returns?|returned|returning|throws?|"
                      r"threw|thrown|logs?|logged|reports?|reported|responds?\s+with|status|code)\b\W*(?:\w+\W+)?|[\"'“‘])\s*$",
                      re.IGNORECASE)


# v14: a shouted adverb of expectation ("i JUST bought it", "you STILL send me a bill", "couldn't deliver EVEN after a
# month", "I'm NEVER using Amazon again") stresses that what should have happened did not: emphasis, where one shouted
# noun is more often a label ("it says ACCESS DENIED"). Adverbs, so never a button, an error or an acronym.
# Not "JUST the modem" (only, not expectation), nor beside a smiley ("Dont you EVER sleep? :)": teasing).
_STRESSED = re.compile(r"(?<![\w'’])(?:JUST(?!\s+(?:the|a|an|my|one|this|that|to)\b)|"
                       r"ALREADY|STILL|NEVER|EVEN|AGAIN|EVER|ALWAYS|YET)(?![\w'’])")
_PLAYFUL = re.compile(r"(?:^|\s)[:;=]-?[)D>pP](?!\w)|\blo+l\w*\b|\b(?:ha){2,}\w*|\bhehe\w*|[😂🤣😉😀😄😁😆😊😜😛]")


# v17 (mood round, QA pass 24 g12): a capitalised word joined to another by a hyphen, a slash, a dot or an underscore
# is a technical term or a name ("DNSSEC-signed domains", "WPA2/TKIP", "ACCESS_DENIED"), not emphasis
_COMPOUND = re.compile(r"[-_/.][A-Za-z0-9]")


def _emphasis(text: str) -> list[tuple[int, int]]:
    """Shouted words in two or more separate places of a mostly calm message ("I AM RESPONDING
    ... my laptop is LOCKED", "I tried EVERYTHING and it is STILL broken"): emphasis, where one
    run of capitals is more often a quoted label."""
    words = [(s, e) for s, e in shouting_spans(text)
             if e - s >= 5 and not _QUOTING.search(text, max(0, s - 25), s) and not _COMPOUND.match(text, e)
             and not (s and text[s - 1] in "-_/.")]
    places: list[tuple[int, int]] = []
    for s, e in words:
        if places and not re.search(r"[a-z]", text[places[-1][1]:s]):
            places[-1] = (places[-1][0], e)  # the same run of capitals
        else:
            places.append((s, e))
    return places if len(places) >= 2 else []
