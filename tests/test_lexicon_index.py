"""The lexicon prefilter: alternatives indexed by the literal they need, scanned in order.

``Lexicon.find`` must give exactly what each category's one big regex gives; these tests
compare the index + scan with ``cat.regex.finditer`` directly (no category gates involved).
"""

from __future__ import annotations

import random
import re
import string
from functools import cache
from re import _parser as sre_parse  # type: ignore[attr-defined]

import pytest

from patiently.lexicon import lexicon_names, load_lexicon, parse_lexicon
from patiently.lexicon_index import Index, needs_of, required_literals, scan

from conftest import ROOT_EXAMPLES

ALL_LEXICONS = lexicon_names()


def _texts() -> list[str]:
    from patiently.errors import RecordError
    from patiently.readers import read_conversations
    from patiently.text import sentence_spans

    out: list[str] = []
    for c in read_conversations([ROOT_EXAMPLES / "conversations.jsonl", ROOT_EXAMPLES / "transcript.txt"]):
        if isinstance(c, RecordError):
            continue
        for m in c.messages:
            out.append(m.text)
            out += [m.text[s:e] for s, e in sentence_spans(m.text)]
    return out


EXAMPLE_TEXTS = _texts()


@cache
def _index(lex_name: str) -> Index:
    return Index(load_lexicon(lex_name).categories)


def _by_index(lex_name: str, text: str) -> dict[str, list[tuple[int, int, str]]]:
    lex = load_lexicon(lex_name)
    index = _index(lex_name)
    live = index.live(text)
    out: dict[str, list[tuple[int, int, str]]] = {}
    for ci, cat in enumerate(lex.categories):
        matches = cat.regex.finditer(text) if ci in index.whole else scan(text, live.get(ci, []))
        out[cat.name] = [(m.start(), m.end(), m.group()) for m in matches if m.end() > m.start()]
    return out


def _by_regex(lex_name: str, text: str) -> dict[str, list[tuple[int, int, str]]]:
    return {c.name: [(m.start(), m.end(), m.group()) for m in c.regex.finditer(text) if m.end() > m.start()]
            for c in load_lexicon(lex_name).categories}


@pytest.mark.parametrize("name", ALL_LEXICONS)
def test_index_finds_exactly_what_each_category_regex_finds(name: str) -> None:
    lex = load_lexicon(name)
    phrases = [str(p).rstrip("*") for c in lex.categories for p in c.meta.get("phrases") or []]
    texts = phrases + [p.upper() for p in phrases] + [f"Well, {p}... and {p}!" for p in phrases]
    texts += EXAMPLE_TEXTS + [" ".join(EXAMPLE_TEXTS[i:i + 6]) for i in range(0, len(EXAMPLE_TEXTS), 6)]
    for text in texts:
        assert _by_index(name, text) == _by_regex(name, text), text


def test_every_packaged_category_is_indexed() -> None:
    for name in ALL_LEXICONS:
        assert not _index(name).whole, name  # a category that falls back is slow, not wrong


def test_needs_of_phrases_and_patterns() -> None:
    def needs(p: str) -> object:
        return required_literals(sre_parse.parse(p, re.IGNORECASE))

    assert needs(r"\bas\s+i\s+said\s+before\b") in ({("said", True)}, {("before", True)})
    assert needs(r"\b(?:outlook|teams)\b") == {("outlook", True), ("teams", True)}
    assert needs(r"\brestart\w*") == {("restart", False)}  # a prefix: not a whole word
    assert needs(r"\bfoo(?:bar|baz)") == {("fooba", False)}  # the parser factors "ba" out
    assert needs(r"(?:^|\s)(?:ok)?") is None or needs(r"(?:^|\s)(?:ok)?") == set()
    assert needs(r"\d+ minutes") in ({(" minutes", False)}, {("minutes", False)})  # not a whole word: "5 minutesX"
    # every word of a phrase is needed, not only the indexed one
    assert {("as", True), ("i", True), ("said", True)} <= {
        lit for need in needs_of(sre_parse.parse(r"\bas\s+i\s+said\b", re.IGNORECASE)) for lit in need}


def test_ignorecase_letters_outside_ascii_still_match() -> None:
    # re.IGNORECASE matches KELVIN SIGN to k and LONG S to s; the prefilter must not lose them.
    lex = parse_lexicon({"categories": {"x": {"phrases": ["kiosk mode", "same issue"]}}}, "t.yaml")
    for text in ("\u212aiosk mode is on", "the \u017fame issue again"):
        assert lex.find(text) == lex.find(text, gated=False) != []


def test_scan_equals_the_alternation_on_random_patterns() -> None:
    """Leftmost match, earliest alternative at one position, no overlaps: like finditer."""
    rng = random.Random(4)
    words = ["ab", "abc", "b", "bc", "cab", "a b", "ca"]
    for _ in range(300):
        alts = [re.escape(rng.choice(words)).replace(r"\ ", r"\s+") + rng.choice(["", r"\b", "c?", "(?:b|c)"])
                for _ in range(rng.randint(1, 5))]
        combined = re.compile("|".join(f"(?:{a})" for a in alts), re.IGNORECASE)
        text = "".join(rng.choice("abcAB  ") for _ in range(rng.randint(0, 40)))
        got = [(m.start(), m.end()) for m in scan(text, [re.compile(a, re.IGNORECASE) for a in alts])]
        assert got == [(m.start(), m.end()) for m in combined.finditer(text) if m.end() > m.start()], (alts, text)


def test_random_texts_through_every_lexicon() -> None:
    rng = random.Random(11)
    vocab = [w for t in EXAMPLE_TEXTS[:300] for w in t.split()] + list(string.punctuation) + ["\n", "’"]
    texts = [" ".join(rng.choice(vocab) for _ in range(rng.randint(1, 60))) for _ in range(150)]
    for name in ALL_LEXICONS:
        for text in texts:
            assert _by_index(name, text) == _by_regex(name, text), (name, text)
