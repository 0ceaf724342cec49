"""The rewrite never cuts a word of the draft (QA20 b23 "thi, but ...s fare", b27 "2; ... miss.4GHz").

Invariant: no edit starts or ends inside a word of the draft (:func:`rewrite.splits_word`), so every
word of a rewrite is either a whole word of the draft or its context, a word of the library's own
text (rewrites, glossary, lexicon wordings), or a form the rewriter derives from a draft word ("saved"
-> "save"). A half word ("thi", "4GHz") is none of these. Checked on every QA draft of passes 5-24
(``tests/data/qa_cases.json.gz``) and on made-up drafts full of decimals, versions and long clauses.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from patiently.coach import check
from patiently.coach import rewrite as rw

DRAFTS = Path(__file__).resolve().parent / "data" / "qa_cases.json.gz"
# a word as the rewrite test sees it: "2.4GHz", "1,000", "don't" are one word each
_WORD = re.compile(r"\w+(?:(?:\.|(?<=\d)[,:](?=\d))\w+)*(?:['’]\w+)*")


def words(text: str) -> set[str]:
    return {w.lower().replace("’", "'") for w in _WORD.findall(text)}


def _texts(node: Any) -> Iterator[str]:
    """The wordings of a data file: its strings, less its regular expressions ("thi" of "thi\\w*")."""
    if isinstance(node, str):
        if not any(mark in node for mark in ("\\", "(?", "[^", "|")):
            yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from _texts(v)
    elif isinstance(node, list):
        for v in node:
            yield from _texts(v)


@cache
def library_words() -> frozenset[str]:
    out: set[str] = set()
    for pkg in ("patiently.data", "patiently.lexicons"):
        for res in resources.files(pkg).iterdir():
            if res.name.endswith((".yaml", ".yml")):
                for text in _texts(yaml.safe_load(res.read_text(encoding="utf-8"))):
                    out |= words(text)
    return frozenset(out)


def foreign_words(draft: str, context: str, text: str) -> set[str]:
    """Words of ``text`` that are neither the draft's, the context's, the library's nor derived."""
    own = words(draft) | words(context)
    derived = {rw.base_form(w) for w in own} | {rw.participle(w) for w in own}
    return {w for w in words(text) - own - library_words() - derived
            if w.split("'")[0] not in own | library_words()}  # "it's" of "it" + "'s"


def _qa_drafts() -> list[tuple[str, str, str, str]]:
    with gzip.open(DRAFTS, "rt", encoding="utf-8") as f:
        return [(c["pass"], c["id"], c["context"], c["draft"]) for c in json.load(f)]


def test_every_qa_draft_keeps_its_words_whole() -> None:
    bad = []
    for q, cid, context, draft in _qa_drafts():
        r = check(draft, context=context or None)
        texts = [r.rewrite.text] if r.rewrite else []
        texts += [f.suggestion for f in r.flags if f.suggestion]
        for text in texts:
            extra = foreign_words(draft, context, text)
            if extra:
                bad.append((q, cid, sorted(extra), text))
    assert not bad, bad[:5]


_FACTS = ["the hub only works on 2.4GHz", "the fee is 12.50 a month", "the limit is 1,000 messages",
          "it syncs with mail.example.com only", "version 3.2.1 fixed it", "the sale ends at 10:30 tomorrow",
          "refunds on this fare are not part of the basic ticket conditions for passengers",
          "the reissue of tickets for passengers named on group bookings under the original fare rules"]
_FRAMES = ["If you had read the email, you would know {fact}.",
           "If you had checked the guide, you'd know {fact}.",
           "We cannot {act}.", "Unfortunately we can't {act} and we don't offer {fact}.",
           "There is no way to {act}.", "I can't {act} myself.",
           "As I already said, {fact}.", "Like I told you, {fact}. Just read the FAQ.",
           "You should have known {fact}. Calm down.", "Obviously {fact}, it's not rocket science."]
_ACTS = ["change names on tickets", "reissue the ticket either and we do not offer refunds on this fare",
         "move the 2.4GHz band to 5.0GHz for you", "refund the 1,250.00 you paid on 03.04.2026",
         "update firmware 10.2.3 on routers bought before the 2.1 release of the management console"]
_CATEGORIES = ("blame", "negative_phrasing", "dismissive", "condescending", "impatient_repeat", "pressure")


def _made_up(n: int) -> list[str]:
    rnd = random.Random(20)
    return [rnd.choice(_FRAMES).format(fact=rnd.choice(_FACTS), act=rnd.choice(_ACTS)) for _ in range(n)]


@pytest.mark.parametrize("draft", _made_up(60))
def test_made_up_drafts_keep_their_words_whole(draft: str) -> None:
    # every category flags the whole draft: every rule gets its chance to cut a word
    flags = [rw.FlagDraft(cat, [(0, len(draft))]) for cat in _CATEGORIES]
    per_flag = rw.plan(draft, flags)
    for ed in (e for eds in per_flag for e in eds):
        assert not rw.splits_word(draft, ed.start, ed.end), (draft[ed.start:ed.end], ed.text)
    text = rw.rewrite_draft(draft, flags, [], False, per_flag)
    assert not foreign_words(draft, "", text), text
    r = check(draft, context="Customer: why can't you just fix this? I've been waiting a week.")
    if r.rewrite:
        assert not foreign_words(draft, "", r.rewrite.text), r.rewrite.text


def test_inside_a_word_is_inside_a_match_of_the_word_pattern() -> None:
    from patiently.coach.rewrite_words import _WORD, _inside

    def _inside_by_words(text: str, i: int) -> bool:
        return any(m.start() < i < m.end() for m in _WORD.finditer(text))

    texts = ["Works on 2.4GHz, not 5. See example.com/help_page or v2.0.1; 1,000 at 10:30, a:b 1:a x.. y. .z",
             "__init__.py a_b 3,x x,3 ٣,٤ é.ü ½.x x.½ 'quoted' don't 1.5.",
             "", ".", "a", "1,2", ":1", "a.", ".a"]
    rng = random.Random(3)
    alphabet = "ab1 9.,:_'’-é٣\n"
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(3000)]
    for text in texts:
        for i in range(len(text) + 1):
            assert _inside(text, i) == _inside_by_words(text, i), (text, i)
