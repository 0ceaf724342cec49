"""Words stay whole: no edit of the rewrite starts or ends inside a word of the draft (QA pass 20).

"We cannot reissue the ticket either and we do not offer refunds on this fare" became "... refunds on
thi, but what we can do is [what you can offer]s fare" (a rule's capped group stopped in a word), and
"you'd know the hub only works on 2.4GHz" became "... works on 2; ... easy to miss.4GHz" (a rule's
"[^,.!?;]" stopped at the decimal point). The rules match a :func:`matching_view` of the draft in which
such joiners are masked; :func:`splits_word` is the invariant :func:`.rewrite.plan` holds every edit to,
whatever made it; :func:`glued` keeps a replacement from running into the draft's next word. The
forms of a draft's verbs that the rewrites put in ("saved" -> "save", "broke" -> "broken") are here
too (:func:`base_form`, :func:`participle`).
"""

from __future__ import annotations

import re
from functools import lru_cache

# A word with what joins it inside: "2.4GHz", "example.com", "1,000", "10:30" are one word each.
_WORD = re.compile(r"\w+(?:(?:\.|(?<=\d)[,:](?=\d))\w+)*")
# A position strictly inside a word of _WORD, told by the characters around it: between two word
# characters, at a joiner ("." between word characters, "," or ":" between digits) or just after one.
# Matches of _WORD are maximal and cover every word character, so these are exactly the positions
# inside one; looking at a position's neighbours beats listing every word of the draft (~30 us a
# check), as a check asks about some 30 positions.
_INSIDE_WORD = re.compile(r"(?<=\w)(?:\w|\.(?=\w))|(?<=\w\.)\w|(?<=\d)[,:](?=\d)|(?<=\d[,:])\d")
# The "." of "2.4GHz" or "example.com" and the "," of "1,000" are no clause ends: the rules' "[^,.!?;]"
# would stop there and cut the word ("the hub only works on 2; ... easy to miss.4GHz", QA20 b27).
# (The same as "(?<=\d)[.,](?=\d)|(?<=[a-z])\.(?=[a-z])", written to start with the "." or "," itself: the
# regex engine then jumps from one to the next instead of trying the lookbehinds at every character.)
_JOINER = re.compile(r"[.,](?:(?<=\d[.,])(?=\d)|(?<=[a-z]\.)(?=[a-z]))")
_MASK = {".": "\ue000", ",": "\ue001"}
_UNMASK = {ord(v): k for k, v in _MASK.items()}


@lru_cache(maxsize=64)
def matching_view(draft: str) -> str:
    """The draft as the rules see it, character for character (offsets fit the draft): apostrophes
    straight (the rules spell "I'll"; a draft may type "I’ll") and the joiners inside words masked."""
    view = draft.replace("\u2019", "'") if "\u2019" in draft else draft
    return _JOINER.sub(lambda m: _MASK[m.group(0)], view) if ("." in view or "," in view) else view


def unmask(text: str) -> str:
    """A group of :func:`matching_view` as the draft spells it (its joiners back)."""
    return text.translate(_UNMASK)


def _inside(draft: str, i: int) -> bool:
    """Is ``i`` strictly inside a word (a match of ``_WORD``) of ``draft``?"""
    return _INSIDE_WORD.match(draft, i) is not None


def splits_word(draft: str, start: int, end: int) -> bool:
    """``[start, end)`` starts or ends inside a word of ``draft`` ("thi|s", "2|.4GHz"): an edit there
    would leave half a word behind. An apostrophe is a boundary ("you|'ll" may become "we'll")."""
    return _inside(draft, start) or _inside(draft, end)


def glued(draft: str, start: int, end: int, text: str) -> str:
    """``text`` with a space where it would run into the draft's word before or after it ("andI'm")."""
    if text[:1].isalnum() and start > 0 and draft[start - 1].isalnum():
        text = " " + text
    if text[-1:].isalnum() and end < len(draft) and draft[end].isalnum():
        text += " "
    return text


# --- the forms of a draft's verbs that the rewrites put in ({x|base}, {x|participle}) -------------

@lru_cache(maxsize=1024)  # a draft's verbs come back in every check of it (wordfreq is slow)
def base_form(word: str) -> str:
    """'saved' -> 'save', 'checked' -> 'check', 'stopped' -> 'stop' (for "Next time, ...")."""
    from .rewrite import library

    w = word.lower()
    irregular = library().participles.get(w)
    if irregular:
        return irregular
    if not w.endswith("ed") or len(w) < 4:
        return word
    if w.endswith("ied"):
        return w[:-3] + "y"
    # Candidates: drop "d", "ed" or a doubled consonant + "ed"; the commonest English word wins.
    from wordfreq import zipf_frequency

    return max((w[:-1], w[:-2], w[:-3]), key=lambda c: zipf_frequency(c, "en"))


def participle(verb: str) -> str:
    """'broke' -> 'broken', 'messed up' -> 'messed up': the library's table, else the word itself
    (a regular past tense is its own participle); never an invented form such as 'broked'."""
    from .rewrite import library

    head, _, rest = verb.partition(" ")
    done = library().past_participles.get(head.lower(), head)
    return f"{done} {rest}" if rest else done
