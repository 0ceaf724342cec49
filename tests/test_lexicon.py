"""Lexicon loading, phrase compilation and the anchor gate (which must never change results)."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from patiently.errors import ConfigError
from patiently.lexicon import lexicon_names, load_lexicon, parse_lexicon, phrase_to_regex

ALL_LEXICONS = lexicon_names()
TEXTS = [
    "That's not our problem.", "thats not our problem lol", "It works fine for me!", "just google it",
    "It is only a printer.", "That's just a warning.", "I'll deal with it", "nothing I can do, sorry",
    "Please restart, it'll be fine", "you can't do that", "What I can do is call the service desk team",
    "RTFM", "not my dept", "it's in the FAQ", "can’t reproduce", "Not My Department!!",
    "This is RIDICULOUS!!!", "I'll call you back by 3 pm", "So if I understand correctly, it only fails at home?",
    # once missed by a gate: a YAML `no` read as False, anchors that left out a pattern's words
    "So is that a no?", "Please watch your language.", "That setting catches a lot of people out.",
    "It can catch a lot of people out", "There's no need to shout.",
]
_REGEX_CHARS = set(".^$*+?{}[]|()\\")


def test_phrases_are_flexible_about_spacing_and_apostrophes() -> None:
    import re

    rx = re.compile(phrase_to_regex("that's not our problem"), re.IGNORECASE)
    assert rx.search("Thats  not our PROBLEM") and rx.search("that’s not our problem")
    assert not rx.search("that's not our problems")
    assert re.search(phrase_to_regex("restart*"), "please restarting it")


def test_bad_lexicons_fail_with_the_source_named() -> None:
    with pytest.raises(ConfigError, match=r"my\.yaml"):
        parse_lexicon({"categories": {"x": {"weight": 1}}}, "my.yaml")
    with pytest.raises(ConfigError, match="bad pattern"):
        parse_lexicon({"categories": {"x": {"patterns": ["("]}}}, "my.yaml")
    # YAML reads a bare `no` as False: say so instead of matching the word "False"
    with pytest.raises(ConfigError, match=r"my\.yaml.*'x'.*anchors.*quote"):
        parse_lexicon({"categories": {"x": {"patterns": ["or not"], "anchors": ["not", False]}}}, "my.yaml")


@pytest.mark.parametrize("name", ALL_LEXICONS)
def test_every_lexicon_loads_and_has_a_description(name: str) -> None:
    lex = load_lexicon(name)
    assert lex.categories and lex.description


@pytest.mark.parametrize("name", ALL_LEXICONS)
def test_anchor_gate_finds_exactly_what_every_regex_finds(name: str) -> None:
    lex = load_lexicon(name)
    phrases = [str(p).rstrip("*") for c in lex.categories for p in c.meta.get("phrases") or []]
    # a pattern with no regex syntax is a phrase too: the gate must let it through
    phrases += [str(p) for c in lex.categories for p in c.meta.get("patterns") or []
                if not _REGEX_CHARS & set(str(p))]
    for text in TEXTS + phrases + [p.upper() for p in phrases] + [f"Well, {p}." for p in phrases]:
        assert lex.find(text) == lex.find(text, gated=False), text


def _comment_examples(name: str) -> list[str]:
    """The double-quoted examples in a lexicon's YAML comments (a comment block read as one text, so a quote may run
    over a line break)."""
    text = (resources.files("patiently") / "lexicons" / f"{name}.yaml").read_text(encoding="utf-8")
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        comment = re.match(r"\s*#\s?(.*)$", line)
        if comment:
            blocks[-1].append(comment.group(1))
        elif blocks[-1]:
            blocks.append([])
    return [t for b in blocks for t in re.findall(r'"([^"]{2,})"', " ".join(b))]


@pytest.mark.parametrize("name", ALL_LEXICONS)
def test_anchor_gate_finds_every_example_in_the_comments(name: str) -> None:
    """Review: a pattern whose words are not among its category's anchors is never reached ("I'll use small words"
    in condescending v17): every quoted example in the comments is found gated exactly as ungated."""
    lex = load_lexicon(name)
    for text in _comment_examples(name):
        assert lex.find(text) == lex.find(text, gated=False), text


def test_comment_examples_cover_the_use_small_words_case() -> None:
    assert "I'll use small words" in _comment_examples("condescending")
    assert [m.category for m in load_lexicon("condescending").find("I'll use small words")] == ["belittling"]
    assert [m.category for m in load_lexicon("condescending").find("Let me dumb it down for you.")] == ["belittling"]
    assert load_lexicon("condescending").find("I'll keep this simple: restart the router first.") == []


def test_anchor_gate_matches_on_real_chats(shared_data) -> None:
    path = shared_data / "conversations" / "ubuntu-irc-train.jsonl"
    texts: list[str] = []
    with path.open(encoding="utf-8") as f:
        for line, _ in zip(f, range(150), strict=False):
            texts += [m["text"] or "" for m in json.loads(line)["messages"]]
    for name in ALL_LEXICONS:
        lex = load_lexicon(name)
        assert all(lex.find(t) == lex.find(t, gated=False) for t in texts), name
