"""The rewrite's shortcuts for speed may only skip work whose result is known.

* The prefilter (``coach/rewrite_prefilter.py``): the literals a pattern needs (read as the
  lexicon index reads them), on hand-made patterns; and every pattern of the rewrite library,
  on every string of the coach tests and the coach's example drafts (and the same texts
  upper-cased, with odd whitespace and Turkish i's): where the pattern matches, in the whole
  text or in one sentence, the prefilter lets it search.
* The sentence range of a flag, found from the sentences that can touch it, is the one the
  scan of every sentence finds.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

from patiently.coach import rewrite as rw
from patiently.coach import rewrite_frame
from patiently.coach.rewrite_prefilter import may_match, may_occur, needs, probe, word_key, words_before

TESTS = Path(__file__).resolve().parent


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\bstop\s+asking\b", {(("stop", True),), (("asking", True),)}),
    (r"\s*,?\s+or\s+not(?=\s*\?)", {(("or", True),), (("not", False),)}),  # not the "or" of "work"
    (r"(?:i|we)\s+can't\s+(?:help|fix)", {(("can't", False),), (("can", True),), (("fix", False), ("help", False))}),
    (r"(?:please\s+)?[a-z]+", set()),  # nothing it cannot do without
    (r"(?:hi|hello|[a-z]+)\b", set()),  # a branch without a literal of its own needs none
])
def test_needs(pattern: str, expected: set[tuple[tuple[str, bool], ...]]) -> None:
    assert set(needs(re.compile(pattern, re.IGNORECASE))) == expected


def test_may_match_looks_only_in_the_range() -> None:
    text = "Stop asking. I said stop\tASKING!"
    wanted = needs(re.compile(r"\bstop\s+asking\b", re.IGNORECASE))
    assert may_match(wanted, text) and may_match(wanted, text, 13)
    assert not may_match(wanted, text, 2, 20)
    assert not may_match(wanted, "Please stop. Keep trying.")
    assert not may_match(wanted, "nonstop basking")  # the literals, but not as words
    # a search that ends inside a word sees a word end there: "stop ask" of "stop asking"
    ask = re.compile(r"\bstop\s+ask\b", re.IGNORECASE)
    assert ask.search(text, 0, 8) and may_match(needs(ask), text, 0, 8)


def _texts() -> list[str]:
    sys.path.insert(0, str(TESTS))
    import coach_golden

    out = {draft for _, draft, _ in coach_golden.coach_cases()}
    for path in sorted(TESTS.glob("test_coach*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) > 12:
                out.add(node.value)
    return sorted(out)


def _variants(text: str) -> list[str]:
    return [text, text.upper(), re.sub(r" ", "\u00a0", text), re.sub(r"\s+", "\n", text),
            text.replace("i", "\u0131").replace("I", "\u0130").replace("s", "\u017f")]


def _patterns() -> list[re.Pattern[str]]:
    lib = rw.library()
    out = [r.regex for rules in lib.rules.values() for r in rules]
    out += [re.compile(str(p), re.IGNORECASE) for p in lib.templates["never_right"]]
    return out + [rewrite_frame.template_regex(name) for name in ("success_claim", "hedge", "leftover", *SEARCHED)]


# the templates rewrite_frame.template_search looks for
SEARCHED = ("acknowledged", "jab", "draft_confirmed", "fix_claimed", "fix_reported", "earlier_attempt", "grief",
            "worry", "hurry")


def test_the_prefilter_never_skips_a_match_of_the_library() -> None:
    patterns = [(p, needs(p)) for p in _patterns()]
    assert sum(bool(n) for _, n in patterns) > 0.9 * len(patterns)
    hits = 0
    for text in (v for t in _texts() for v in _variants(t)):
        ranges = [(0, len(text)), *rw.sentences(text)]
        for pattern, wanted in patterns:
            for s, e in ranges:
                if pattern.search(text, s, e):
                    hits += 1
                    assert may_match(wanted, text, s, e), (pattern.pattern, text[s:e])
                    assert may_occur(wanted, text), (pattern.pattern, text)
                    words, key = words_before(text, e), word_key(wanted)
                    assert words is None or not key or not key.isdisjoint(words), (pattern.pattern, text[s:e])
    assert hits > 2000  # the texts exercise the library, not just its misses


def _sentence_range_by_scan(text: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
    start, end = lo, hi
    for s, e in rw.sentences(text):
        if s <= lo < e or (s < hi <= e) or (lo <= s and e <= hi):
            start, end = min(start, s), max(end, e)
    return start, end


def test_sentence_range_is_that_of_a_scan() -> None:
    text = "Hi Sam.  As I said, restart it!! Then: sign in again.\n\nThanks,\nTom"
    edges = sorted({0, len(text), *(k for s, e in rw.sentences(text) for k in (s - 1, s, s + 1, e - 1, e, e + 1))})
    edges = [k for k in edges if 0 <= k <= len(text)]
    for lo in edges:
        for hi in edges:
            if lo <= hi:
                for spans in ([(lo, hi)], [(lo, lo), (hi, hi)]):
                    assert rw.sentence_range(text, spans) == _sentence_range_by_scan(text, spans), spans


def test_probe_leaves_out_only_a_slow_start() -> None:
    quick = probe(re.compile(r"\s*,?\s+or\s+not(?=\s*\?)", re.IGNORECASE))
    assert quick is not None and quick.flags & re.IGNORECASE
    assert quick.search("Is it on OR NOT?") and not quick.search("Is it on or not.")
    # nothing to leave out, a short rest, a rest that refers to a group left out: no probe
    assert probe(re.compile(r"\bstop\s+asking\b", re.IGNORECASE)) is None
    assert probe(re.compile(r"\s*it", re.IGNORECASE)) is None
    assert probe(re.compile(r"(?P<w>\w+)?\s+again\s+(?P=w)", re.IGNORECASE)) is None
    anchored = probe(re.compile(r"(?:^|(?<=[.!?]\s))that['’]s\s+it\b", re.IGNORECASE))
    assert anchored is not None and anchored.search("so that's it") and not anchored.search("that is it")


def test_a_probe_finds_something_wherever_its_pattern_does() -> None:
    probes = [(p, probe(p)) for p in _patterns()]
    probes = [(p, q) for p, q in probes if q is not None]
    assert len(probes) > 40
    hits = 0
    for text in (v for t in _texts() for v in _variants(t)):
        ranges = [(0, len(text)), *rw.sentences(text)]
        for pattern, quick in probes:
            for s, e in ranges:
                if pattern.search(text, s, e):
                    hits += 1
                    assert quick.search(text, s, e), (pattern.pattern, text[s:e])
    assert hits > 500
