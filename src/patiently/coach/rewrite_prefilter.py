"""Which of the rewrite library's patterns can match a text at all, from the words each one needs.

A check runs some 140 phrase rules over the sentences of a draft, and nearly all of them need a
word that the sentence does not hold ("stated", "policy"): a search that finds nothing costs as
much as one that finds something. What every match of a pattern contains is read as the
lexicons read it (:func:`..lexicon_index.needs_of`: its literal text, one literal of each
branch of an alternation, whole words where word breaks surround them), and looked for in the
same folded copy of the text, within the range the rule searches. A pattern is skipped only
where something it cannot match without is missing, so skipping never changes what matches.
"""

from __future__ import annotations

import re
import string
from functools import cache, lru_cache
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any

from ..lexicon_index import _REPEATS, folded, lowered, needs_of

_WORD_CHARS = frozenset(string.ascii_lowercase + string.digits)  # what the folded words are made of
# All of them hold; of each, one (literal, whole word?) at least: the most telling first.
Needs = tuple[tuple[tuple[str, bool], ...], ...]


@cache
def needs(pattern: re.Pattern[str]) -> Needs:
    """What every match of ``pattern`` contains; () when nothing can be told (or the parser of a
    later Python reads the pattern differently: then it is always searched)."""
    try:
        found = needs_of(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # the private parser is only an optimisation: never let it fail a check
        return ()
    words = {lit for need in found if len(need) == 1 for lit, word in need if word}
    unique = set()
    for need in found:
        alternatives = tuple(sorted(need))
        if min(len(lit) for lit, _ in alternatives) < 2:
            continue  # one letter is in nearly every text
        if len(alternatives) == 1 and not alternatives[0][1] and alternatives[0][0] in words:
            continue  # looked for anyway as the word it is
        unique.add(alternatives)
    # the longest shortest literal first: "stated" rules a rule out more often than "you" does
    return tuple(sorted(unique, key=lambda need: (-min(len(lit) for lit, _ in need), len(need), need)))


def may_match(needed: Needs, text: str, start: int = 0, end: int | None = None) -> bool:
    """Does ``text`` hold, within [start, end), one literal of each of ``needed`` (a whole word
    as a word of the text)? False means ``pattern.search(text, start, end)`` finds nothing."""
    low, words = folded(text)
    # A search that stops inside a word sees a word end there ("ask" of "asking"): then a whole
    # word is only a piece of one of the text's words.
    if len(low) != len(text):  # a character lower-cased to two: offsets differ, look everywhere
        start, end, cut = 0, None, end is not None
    else:
        cut = end is not None and end < len(low) and low[end] in _WORD_CHARS
    for need in needed:  # plain loops: this runs for every rule of every flag
        for lit, word in need:
            if (not word or cut or lit in words) and low.find(lit, start, end) >= 0:
                break
        else:
            return False
    return True


def word_key(needed: Needs) -> frozenset[str]:
    """The literals of the first need that holds whole words only (the most telling): empty if none."""
    for need in needed:
        if all(word for _, word in need):
            return frozenset(lit for lit, _ in need)
    return frozenset()


def words_before(text: str, end: int) -> frozenset[str] | None:
    """The words :func:`may_match` reads a need of whole words against, for a search of ``text`` that
    ends at ``end``: a rule whose :func:`word_key` has none of them cannot match, one set test instead
    of a call (a check runs ~90 rules, most of which need a word the draft lacks). None where
    may_match takes whole words for pieces: the search stops inside a word, or folding moves offsets."""
    low, words = folded(text)
    if len(low) != len(text) or (end < len(low) and low[end] in _WORD_CHARS):
        return None
    return words


@lru_cache(maxsize=64)  # the texts of a check: a rewrite is tested for several templates
def _lowered(text: str) -> str:
    return lowered(text)


def may_occur(needed: Needs, text: str) -> bool:
    """A looser :func:`may_match` for a text read once (a rewritten sentence or reply): one literal of
    each need anywhere in the lower-cased text, whole word or not. ``may_match`` also reads the text's
    words, ~40 us for a new 120-word text, more than most searches it would spare. Where
    ``may_match(needed, text)`` holds, this holds too, so False still means no match."""
    low = _lowered(text)
    for need in needed:
        for lit, _ in need:
            if lit in low:
                break
        else:
            return False
    return True


# What a pattern may start with that makes the regex engine work at every character of the text: an
# optional or repeated part ("\\s*,?\\s+or\\s+not") or a group of alternative anchors ("(?:^|(?<=[.!?]\\s))").
# Not a lone "\\b" or lookbehind: those rule most characters out at once (without them it is slower).
_SLOW_START = _REPEATS  # the regex parser's repeat operations, as lexicon_index reads them
_GROUP_REFS = frozenset({_parser.GROUPREF, _parser.GROUPREF_EXISTS})
PROBE_MIN_WIDTH = 3  # a shorter tail ("it") is found in nearly every text: no probe


@cache
def probe(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``pattern`` less its leading optional, repeated or zero-width parts: every match of ``pattern``
    ends with a match of the probe (the same text, flags and search range), so where the probe finds
    nothing, ``pattern`` finds nothing either. The probe starts with text the engine rules out at the
    first character, so it fails some five times faster than ``pattern`` tried at every character
    ("or\\s+not(?=\\s*\\?)" 3.5 us, "\\s*,?\\s+or\\s+not(?=\\s*\\?)" 17 us on a 120-word draft). None
    where nothing can be left out, the rest is short, or it refers to a group left out."""
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        items = list(parsed.data)
        k = 0
        while k < len(items) and _slow_start(parsed.state, items[k]):
            k += 1
        if k == 0 or k == len(items) or _refers(items[k:]):
            return None
        tail = _parser.SubPattern(parsed.state, items[k:])
        if tail.getwidth()[0] < PROBE_MIN_WIDTH:
            return None
        compiled: re.Pattern[str] = _compiler.compile(tail, pattern.flags)
        return compiled
    except Exception:  # the private parser is only an optimisation: never let it fail a check
        return None


def _slow_start(state: Any, item: tuple[Any, Any]) -> bool:
    op, _ = item
    return op in _SLOW_START or (op in (_parser.SUBPATTERN, _parser.BRANCH)
                                 and _parser.SubPattern(state, [item]).getwidth() == (0, 0))


def _refers(items: Any) -> bool:
    """Does any of the parsed ``items`` refer back to a group ("(?P=name)", "(?(1)...)")?"""
    for op, av in items:
        if op in _GROUP_REFS:
            return True
        for sub in av if isinstance(av, (list, tuple)) else ():
            if isinstance(sub, _parser.SubPattern) and _refers(sub.data):
                return True
            if isinstance(sub, (list, tuple)) and any(isinstance(x, _parser.SubPattern) and _refers(x.data)
                                                      for x in sub):
                return True
    return False
