r"""The lexicon prefilter: a category's alternatives, indexed by the literal text each one needs.

A category regex is one alternation of up to a hundred phrases, compiled case-insensitively.
Python's re tries every alternative at every character and cannot skip case-insensitive
alternatives by their first letter, so a 120-word draft cost ~0.3-0.6 ms per category. Each
alternative, though, needs some literal text to match ("said" in ``as\s+i\s+said``); an
alternative whose literal is absent from the text cannot match anywhere, and dropping it
cannot change what the others match. The few alternatives left are scanned in order with
the alternation's own rule (leftmost match; at one position the earliest alternative), so
the matches are exactly the combined regex's (tests/test_lexicon_index.py checks it).

A literal between word breaks (``\b``, ``\s+``, punctuation: most phrase words) must be a
whole word of the text, a set lookup; other literals are looked for with ``in``, those of
three or more word characters only when their first three letters occur in a word.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from re import _constants as _sre  # type: ignore[attr-defined]
from re import _parser as _sre_parse  # type: ignore[attr-defined]
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .lexicon import Category

Need = frozenset[tuple[str, bool]]  # (literal, whole word?): every match contains one of them
# Characters re.IGNORECASE matches to an ASCII letter although str.lower() does not map them there.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_TOKENS = re.compile(r"[a-z0-9]+")
_REPEATS = frozenset(
    op for op in (getattr(_sre, n, None) for n in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")) if op)
_BREAK_AT = frozenset({_sre.AT_BOUNDARY, _sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING, _sre.AT_END,
                       _sre.AT_END_STRING})


@lru_cache(maxsize=2048)  # the texts of a few checks: every lexicon reads each text
def folded(text: str) -> tuple[str, frozenset[str]]:
    """``text`` lower-cased as IGNORECASE sees ASCII letters, and its ASCII words (for the prefilter)."""
    low = lowered(text)
    return low, frozenset(_TOKENS.findall(low))


def lowered(text: str) -> str:
    """``text`` lower-cased as IGNORECASE sees ASCII letters (U+0130, U+017F, U+212A ... to ASCII)."""
    return text.translate(_FOLD).lower()


@lru_cache(maxsize=2048)  # the texts of a few checks: every lexicon reads each text
def trigrams(text: str) -> frozenset[str]:
    """Three-letter pieces of the words of ``text`` (folded): a word-character literal of three
    or more characters can only occur in the text if its first three are one of them."""
    return frozenset(t[i:i + 3] for t in folded(text)[1] for i in range(len(t) - 2))


def _nonword_char(code: int) -> bool:
    c = chr(code)
    return not (c.isalnum() or c == "_")


def _is_break(item: Any) -> bool:
    """Does this parsed item only ever sit on, or consume, non-word characters?"""
    op, av = item
    if op is _sre.AT:
        return av in _BREAK_AT
    if op is _sre.LITERAL:
        return _nonword_char(av)
    if op is _sre.IN:
        return bool(av) and all((o is _sre.CATEGORY and a == _sre.CATEGORY_SPACE)
                                or (o is _sre.LITERAL and _nonword_char(a)) for o, a in av)
    if op in _REPEATS:
        return av[0] >= 1 and len(av[2]) == 1 and _is_break(av[2][0])
    return False


@lru_cache(maxsize=16384)
def _rarity(lit: str, word: bool) -> float:
    """How rarely a literal occurs in English text (higher: rarer); a piece of a word is
    commoner than the word, so substrings count as more frequent."""
    from wordfreq import zipf_frequency

    zipf = zipf_frequency(lit, "en") if _TOKENS.fullmatch(lit) else 3.0
    return -(zipf if word else zipf + 1.0)


def _score(need: Need) -> tuple[bool, float, int]:
    """The better index need is the one least likely in a text: long enough to test, and rare."""
    return min(len(lit) for lit, _ in need) >= 2, min(_rarity(lit, word) for lit, word in need), -len(need)


def needs_of(items: Any, left_break: bool = False, right_break: bool = False) -> list[Need]:
    """What every match of the parsed pattern contains: ALL of the returned needs hold.

    Conservative by construction: runs of ASCII literal characters (and the words in them,
    marked whole words when word breaks surround them), a group's own needs, a repeat of at
    least one, an alternation whose every branch needs something. Lookarounds, classes and
    boundaries need nothing (they consume no text, or any of many characters). ``left_break``
    / ``right_break``: the items sit between word breaks (a group in ``\b(?:a|b)\b``).
    """
    items = list(items)
    out: list[Need] = []

    def breaks(k: int, end: int) -> tuple[bool, bool]:
        """Are items[k:end] preceded / followed by a word break?"""
        return ((k > 0 and _is_break(items[k - 1])) or (k == 0 and left_break),
                (end < len(items) and _is_break(items[end])) or (end == len(items) and right_break))

    k = 0
    while k < len(items):
        op, av = items[k]
        if op is _sre.LITERAL and av < 128:
            end = k
            while end < len(items) and items[end][0] is _sre.LITERAL and items[end][1] < 128:
                end += 1
            run = "".join(chr(items[j][1]) for j in range(k, end)).lower()
            out.append(frozenset({(run, False)}))
            left, right = breaks(k, end)
            for m in _TOKENS.finditer(run):
                before = run[m.start() - 1] if m.start() else None
                after = run[m.end()] if m.end() < len(run) else None
                word = (left if before is None else _nonword_char(ord(before))) and \
                    (right if after is None else _nonword_char(ord(after)))
                if m.group() != run or word:
                    out.append(frozenset({(m.group(), word)}))
            k = end
            continue
        left, right = breaks(k, k + 1)
        if op is _sre.SUBPATTERN:
            out += needs_of(av[3], left, right)
        elif op is _sre.BRANCH:
            alts = [_best(needs_of(a, left, right)) for a in av[1]]
            if all(a is not None for a in alts):
                out.append(frozenset().union(*[a for a in alts if a is not None]))
        elif op in _REPEATS:
            if av[0] >= 1:  # repeated more than once, the body's neighbours are itself
                out += needs_of(av[2], left and av[1] == 1, right and av[1] == 1)
        elif op is getattr(_sre, "ATOMIC_GROUP", None):
            out += needs_of(av, left, right)
        k += 1
    return [n for n in out if n and all(lit for lit, _ in n)]


def _best(needs: list[Need]) -> Need | None:
    return max(needs, key=_score, default=None)


def required_literals(items: Any) -> Need | None:
    """The most selective single need of a parsed pattern (one of its literals is in every match)."""
    return _best(needs_of(items))


@dataclass(frozen=True)
class Rest:
    """The other needs of one alternative, checked once its index need is met."""

    words: frozenset[str]  # whole words, all of them
    texts: tuple[str, ...]  # substrings, all of them
    anys: tuple[tuple[frozenset[str], tuple[str, ...]], ...]  # one word or substring of each

    def met(self, low: str, tokens: frozenset[str]) -> bool:
        # plain loops, no generators: this runs for every alternative the index selects
        if not self.words <= tokens:
            return False
        for t in self.texts:
            if t not in low:
                return False
        for w, ts in self.anys:
            if w.isdisjoint(tokens):
                for t in ts:
                    if t in low:
                        break
                else:
                    return False
        return True


def _rest(needs: list[Need], key: Need | None) -> Rest | None:
    others = {n for n in needs if n != key}
    words = frozenset(lit for n in others if len(n) == 1 for lit, word in n if word)
    singles = {lit for n in needs if len(n) == 1 for lit, _ in n}  # all required (the key too)
    single_words = {lit for n in needs if len(n) == 1 for lit, word in n if word}
    # a substring inside another required literal, or a required word itself, is implied by it
    texts = tuple(sorted(lit for n in others if len(n) == 1 for lit, word in n
                         if not word and lit not in single_words
                         and not any(lit in other for other in singles if other != lit)))
    anys = tuple((frozenset(lit for lit, w in n if w), tuple(sorted(lit for lit, w in n if not w)))
                 for n in others if len(n) > 1)
    return Rest(words, texts, anys) if words or texts or anys else None


def split(parts: tuple[str, ...]) -> list[tuple[re.Pattern[str], list[Need]]] | None:
    """A category's alternatives compiled alone, with their needs; None when one can match empty
    text (:func:`scan` relies on every match consuming text) or does not compile alone."""
    out: list[tuple[re.Pattern[str], list[Need]]] = []
    for part in parts:
        try:
            parsed = _sre_parse.parse(part, re.IGNORECASE)
            if parsed.getwidth()[0] == 0:
                return None
            out.append((re.compile(part, re.IGNORECASE), needs_of(parsed)))
        except (re.error, TypeError, ValueError, IndexError):
            return None
    return out


class Index:
    """Every alternative of a lexicon's categories, indexed by the most selective literal it needs.

    Alternative ids are numbered category by category, in order, so sorted ids give each
    category's live alternatives in their order in the category regex.
    """

    def __init__(self, categories: list[Category], only: tuple[str, ...] | None = None) -> None:
        """``only``: index the alternatives of these categories alone (the others are never live)."""
        self.regexes: list[re.Pattern[str]] = []
        self.category: list[int] = []  # category index of each alternative
        self.rests: list[Rest | None] = []
        self.whole: set[int] = set()  # categories that cannot be split: their regex runs whole
        groups: dict[Need | None, list[int]] = {}
        for ci, cat in enumerate(categories):
            if only is not None and cat.name not in only:
                continue
            alts = split(cat.parts) if cat.parts else None
            if alts is None:
                self.whole.add(ci)
                continue
            for regex, needs in alts:
                key = _best(needs)
                groups.setdefault(key, []).append(len(self.regexes))
                self.regexes.append(regex)
                self.category.append(ci)
                self.rests.append(_rest(needs, key))
        # An alternative is live when any literal of its index need occurs: each literal lists
        # the alternatives it can make live.
        by_word: dict[str, list[int]] = {}
        by_text: dict[str, list[int]] = {}
        for key, ids in groups.items():
            for lit, word in key or ():
                (by_word if word else by_text).setdefault(lit, []).extend(ids)
        self.always = tuple(groups.get(None, ()))
        self.by_word = {lit: tuple(ids) for lit, ids in by_word.items()}
        self.words = frozenset(self.by_word)
        # Substrings: of three or more word characters, looked up by their first three (one
        # set intersection per text), the others tried one by one.
        by_tri: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
        for lit, ids in by_text.items():
            if len(lit) >= 3 and _TOKENS.fullmatch(lit):
                by_tri.setdefault(lit[:3], []).append((lit, tuple(ids)))
        self.by_tri = {tri: tuple(v) for tri, v in by_tri.items()}
        self.tris = frozenset(self.by_tri)
        self.by_text = tuple((lit, tuple(ids)) for lit, ids in by_text.items()
                             if not (len(lit) >= 3 and _TOKENS.fullmatch(lit)))

    def live(self, text: str) -> dict[int, list[re.Pattern[str]]]:
        """Per category index: the alternatives that can match ``text``, in order."""
        low, tokens = folded(text)
        ids: list[int] = list(self.always)
        by_word = self.by_word
        for w in self.words & tokens:  # a C intersection, iterating the smaller set
            ids += by_word[w]
        for lit, more in self.by_text:
            if lit in low:
                ids += more
        if self.tris:
            by_tri = self.by_tri
            for tri in self.tris.intersection(trigrams(text)):
                for lit, more in by_tri[tri]:
                    if lit in low:
                        ids += more
        if not ids:
            return _NONE  # most texts: nothing of this lexicon can match
        out: dict[int, list[re.Pattern[str]]] = {}
        rests, category, regexes = self.rests, self.category, self.regexes
        for i in sorted(set(ids)):
            rest = rests[i]
            if rest is None or rest.met(low, tokens):
                ci = category[i]
                if ci in out:
                    out[ci].append(regexes[i])
                else:
                    out[ci] = [regexes[i]]
        return out


_NONE: dict[int, list[re.Pattern[str]]] = {}  # shared, never modified


_ZERO_WIDTH = frozenset({_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT})


MIN_FIRST = 2  # shorter first literals occur too often to be worth looking for one by one


@lru_cache(maxsize=16384)  # the alternatives of the loaded lexicons
def first_literals(rx: re.Pattern[str]) -> tuple[str, ...]:
    r"""ASCII texts, lower-cased, one of which every match of ``rx`` starts with; () when
    unknown or when one is too short to help. ``\bas\s+i\s+said`` starts with "as" (after
    the zero-width ``\b``), ``\b(?:call|ring)\s+you`` with "call" or "ring"."""
    lits = _starts(_sre_parse.parse(rx.pattern, rx.flags))
    if not lits or min(len(lit) for lit in lits) < MIN_FIRST:
        return ()
    # "call" covers "calls": a place where the longer one starts is a place of the shorter
    return tuple(sorted(lit for lit in lits if not any(o != lit and lit.startswith(o) for o in lits)))


def _starts(items: Any) -> set[str] | None:
    items = list(items)
    k = 0
    while k < len(items) and items[k][0] in _ZERO_WIDTH:
        k += 1
    if k == len(items):
        return None
    op, av = items[k]
    if op is _sre.LITERAL and av < 128:
        end = k
        while end < len(items) and items[end][0] is _sre.LITERAL and items[end][1] < 128:
            end += 1
        return {"".join(chr(items[j][1]) for j in range(k, end)).lower()}
    if op is _sre.SUBPATTERN:
        return _starts(av[3])
    if op is _sre.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            got = _starts(branch)
            if got is None:
                return None
            out |= got
        return out
    return None


def _places(lits: tuple[str, ...], low: str) -> list[int]:
    """Where one of ``lits`` (:func:`first_literals`) occurs in ``low`` (the folded text), in
    order: the only places a match can start. Each literal is looked for once (looking for all
    of them again after each place that fails is as slow as ``re`` for a dozen common verbs)."""
    if len(lits) == 1:
        lit = lits[0]
        out: list[int] = []
        p = low.find(lit)
        while p >= 0:
            out.append(p)
            p = low.find(lit, p + 1)
        return out
    places: set[int] = set()
    for lit in lits:
        p = low.find(lit)
        while p >= 0:
            places.add(p)
            p = low.find(lit, p + 1)
    return sorted(places)


def _search(rx: re.Pattern[str], places: list[int] | None, text: str, pos: int) -> re.Match[str] | None:
    r"""``rx.search(text, pos)``, trying only at ``places`` (:func:`_places`; None: everywhere):
    ``re`` cannot skip ahead by a case-insensitive prefix and tries every position (7.5 us for a
    phrase over a 120-word draft, ~0.6 us this way). A match can only start at one of them, and
    ``match`` at a position still sees the text before it (``\b``, lookbehinds), so the result
    is the same."""
    if places is None:
        return rx.search(text, pos)
    for k in range(bisect_left(places, pos), len(places)):
        m = rx.match(text, places[k])
        if m is not None:
            return m
    return None


def _aligned_low(text: str) -> str | None:
    """The folded text when it is the text character for character (else None: U+0130
    lower-cases to two characters, and positions in it would not be positions in ``text``)."""
    low = folded(text)[0]
    return low if len(low) == len(text) else None


def _where(rx: re.Pattern[str], low: str | None) -> list[int] | None:
    """The places a match of ``rx`` can start in the text folded as ``low`` (:func:`_aligned_low`),
    or None when unknown (try everywhere)."""
    lits = first_literals(rx)
    return _places(lits, low) if lits and low is not None else None


def finditer(rx: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """``list(rx.finditer(text))``, looking for matches only where they can start (:func:`_search`)."""
    places = _where(rx, _aligned_low(text))
    if places is None:
        return list(rx.finditer(text))
    out: list[re.Match[str]] = []
    end = 0
    for p in places:
        if p >= end and (m := rx.match(text, p)) is not None:
            out.append(m)  # a match holds its first literal, so it is never empty
            end = m.end()
    return out


def scan(text: str, live: list[re.Pattern[str]]) -> list[re.Match[str]]:
    """Non-overlapping matches of the alternation of ``live`` (in order), like its finditer."""
    if len(live) == 1:
        return finditer(live[0], text)
    low = _aligned_low(text)
    places = [_where(b, low) for b in live]
    out: list[re.Match[str]] = []
    nxt: list[re.Match[str] | None] = [_search(b, w, text, 0) for b, w in zip(live, places, strict=True)]
    pos = 0
    while True:
        best: re.Match[str] | None = None
        for k, m in enumerate(nxt):
            if m is None:
                continue
            if m.start() < pos:  # overtaken by an earlier match: the next one from pos
                m = nxt[k] = _search(live[k], places[k], text, pos)
                if m is None:
                    continue
            if best is None or m.start() < best.start():  # ties: the earlier alternative wins
                best = m
        if best is None:
            return out
        out.append(best)
        pos = best.end()
