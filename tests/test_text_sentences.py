"""``text._SENT_END`` is written to start with a character class (fast); it must find the same
sentence ends as the plain form it replaced, on random texts built from the pieces that matter."""

from __future__ import annotations

import random
import re

from patiently import text

# The form before (seven leading lookbehinds: re tried it at every character).
_PLAIN = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bMx)(?<!\bDr)(?<!\bProf)(?<!\bRev)[.!?]+(?=\s|$)|\n+")

PIECES = ["Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Rev", "mr", "AMr", "Dr.", ".", "..", "!", "?", "?!", "\n", "\n\n",
          " ", "  ", "\t", "a", "word", "x.y", "e.g.", "Hi", "'", "\u00a0", "\u2019", "\r\n", "1.5", "Mrs.Smith"]


def test_sentence_ends_are_those_of_the_plain_form() -> None:
    rng = random.Random(5)
    for _ in range(20_000):
        t = "".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 14)))
        assert [m.span() for m in text._SENT_END.finditer(t)] == [m.span() for m in _PLAIN.finditer(t)], repr(t)


def test_named_sentences() -> None:
    t = "Dear Mr. Patel, thanks!! Is it fixed?\n\nYes... it is. Dr. Who called."
    assert [t[s:e] for s, e in text.sentence_spans(t)] == [
        "Dear Mr. Patel, thanks!!", "Is it fixed?", "Yes...", "it is.", "Dr. Who called."]


def test_spans_are_a_fresh_list_each_time() -> None:
    """The split is cached; callers get their own list (some extend or sort it)."""
    t = "One. Two."
    first = text.sentence_spans(t)
    first.append((0, 0))
    assert text.sentence_spans(t) == [(0, 4), (5, 9)]
