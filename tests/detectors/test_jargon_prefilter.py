"""The prefilters of agent.jargon (the glossary's ``_jargon_terms._passes`` and others) never hide a match."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from patiently.detectors import _jargon_terms as jt
from patiently.errors import RecordError
from patiently.lexicon import load_data, words_of
from patiently.lexicon_index import finditer
from patiently.readers import read_conversations


def _unfiltered(text: str) -> tuple[tuple[int, int, object], ...]:
    """``_glossary_terms`` as it was before the prefilter: every regex under an anchor word runs."""
    by_anchor = jt.glossary()
    found = [(m.start(), m.end(), entry) for w in words_of(text) if w in by_anchor
             for rx, entry in by_anchor[w] for m in rx.finditer(text)]
    found.sort(key=lambda t: (t[0], -t[1]))
    out: list[tuple[int, int, object]] = []
    for s, e, entry in found:
        if not out or s >= out[-1][1]:
            out.append((s, e, entry))
    return tuple(out)


def _names() -> list[str]:
    return [str(n) for entry in load_data("it_glossary")["terms"]
            for n in [entry["term"], *(entry.get("aliases") or [])]]


def _texts() -> list[str]:
    rng = random.Random(7)
    names = _names()
    out = []
    for name in names:
        variants = {name, name.lower(), name.upper(), name.replace("-", ""), name.replace("-", " ")}
        out += [f"Please check the {v} settings, then restart." for v in variants]
    joins = [" and ", " ", "-", "/", ".", " re-", " un-", "://", ", DNS ", "\u0130", "\u212a", "_"]
    for _ in range(600):  # several terms, cut, repeated and joined at random (also non-ASCII folds)
        parts = rng.sample(names, 4) + [rng.choice(names)] * rng.randint(0, 2)
        text = ""
        for p in parts:
            text += rng.choice(joins) + (p[: rng.randint(2, len(p))] if rng.random() < 0.3 else p)
        out.append((text.upper() if rng.random() < 0.2 else text) + ".")
    return out


@pytest.mark.parametrize("chunk", range(4))
def test_prefilter_keeps_every_term(chunk: int) -> None:
    texts = _texts()
    for text in texts[chunk::4]:
        assert jt._glossary_terms.__wrapped__(text) == _unfiltered(text), text


def test_prefilter_on_example_messages() -> None:
    examples = Path(__file__).resolve().parents[2] / "examples"
    convs = read_conversations([examples / n for n in ("conversations.jsonl", "tickets.csv", "transcript.txt")])
    texts = [m.text for c in convs if not isinstance(c, RecordError) for m in c.messages]
    assert len(texts) > 100
    for text in texts:
        assert jt._glossary_terms.__wrapped__(text) == _unfiltered(text), text


def test_prefilter_skips_terms_whose_words_are_absent() -> None:
    by_anchor = jt.glossary()
    text = "Please clear the cache."
    low, tokens = jt.folded(text)
    skipped = [rx.pattern for rx, _ in by_anchor["cache"] if not jt._passes(jt._tests(rx), low, tokens)]
    assert skipped, "no term under 'cache' was skipped: the prefilter does nothing"


def test_id_before_searches_a_window_with_the_same_answer() -> None:
    """``_id_before`` looks just before the keyword; the whole-text search it replaced agrees."""
    rng = random.Random(5)
    pieces = ["ticket", "Ticket", "no.", "serial", "reference", "#", ":", " ", "  \n", "x", "abc", "ref",
              "model", "ticketed", "id", "9", "-"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 12)))
        for start in range(len(text) + 1):
            assert jt._id_before(text, start) == bool(jt._ID_BEFORE.search(text, 0, start)), (text, start)


def _command_texts() -> list[str]:
    """Command words, options and paths joined at random with words, quotes and punctuation."""
    rng = random.Random(11)
    words = ["sudo", "apt-get", "apt-cache", "aptitude", "apt", "dpkg", "dpkg-reconfigure", "yum", "dnf", "pip",
             "pip3", "brew", "ls", "grep", "nano", "vi", "vim", "gedit", "modprobe", "lsmod", "lspci", "lsusb",
             "dmesg", "umount", "chmod", "chown", "ipconfig", "ifconfig", "tracert", "traceroute", "nslookup",
             "systemctl", "fdisk", "killall", "gpupdate", "./run.sh", "mv", "cp", "rm", "ln", "mkfs.ext4", "mkfs",
             "fsck.ext4", "/etc/init.d/networking", "mount", "cat", "cd", "kill", "ping", "tail", "less", "find",
             "ps", "df", "du", "host", "man", "service", "xrandr", "Sudo", "LS", "also", "via", "a", "an", "the",
             "install", "then", "and", "or", "restart", "-a", "--output", "-", "/dev/sdb1", "/", "VGA1", "x"]
    joins = [" ", "  ", "\n", "; ", ", ", ". ", "\"", "'", "`", "(", "-", "_", "é", "\u00a0", " -", "\t"]
    out = []
    for _ in range(3000):
        text = ""
        for _ in range(rng.randrange(1, 9)):
            text += rng.choice(joins) + rng.choice(words)
        out.append(text + rng.choice(["", ".", "!", " and more"]))
    return out


def test_command_prefilter_keeps_every_command() -> None:
    """``command_spans`` skips ``_COMMAND`` only for texts where it finds nothing."""
    for text in _command_texts():
        assert jt.command_spans.__wrapped__(text) == tuple(m.span() for m in jt._COMMAND.finditer(text)), text


def test_command_prefilter_skips_plain_messages() -> None:
    assert not jt._may_hold_command("Please restart the laptop and try again, then let me know.")
    assert jt._may_hold_command("Run ls in the folder")


def test_finditer_finds_what_re_finds() -> None:
    """``lexicon_index.finditer`` (``rx.match`` only where a first literal is) agrees with ``re``, also for
    the characters IGNORECASE folds to ASCII ("ſelect") and one that lower-cases to two ("İ")."""
    from patiently.detectors.agent_jargon import _SHOWN_NAME

    rng = random.Random(3)
    pieces = ["pick", "Select", "\u017felect", "choose", "click on", "CLICK", "tap", "press", "type", "enter",
              "find", "look for", "search  for", "named", "called", "\u0130", " ", '"', "'", "Floor2-HP", "x", "ab",
              ".", "?", "typed", "retype", "\n"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 15)))
        got = [m.span(1) for m in finditer(_SHOWN_NAME, text)]
        assert got == [m.span(1) for m in _SHOWN_NAME.finditer(text)], text


def test_hands_on_groups_left_out_change_nothing() -> None:
    """``_hands_on`` runs only the ``_HANDS_ON`` groups that can match: the same signs as the whole regex."""
    from patiently.detectors import _jargon_signs as aj

    def whole(text: str) -> set[tuple[str | None, str, int]]:
        return {(m.lastgroup, m.group(), m.start()) for m in aj._HANDS_ON.finditer(text)}

    def subset(text: str) -> set[tuple[str | None, str, int]]:
        groups = aj._possible_signs(text)
        return {(m.lastgroup, m.group(), m.start()) for m in aj._hands_on_regex(groups).finditer(text)} \
            if groups else set()

    rng = random.Random(5)
    pieces = ["/etc/fstab", "~/", ".bashrc", "sources.list", "2.6.8", "1.2-3", "acpi=off", "libfoo", "L\u0130B",
              "l\u0131b", "foo-dev", "linux-image-5", "0x0000007b", "0X1AB", "E_FAIL", "E: x", "\nW: y", "errno",
              "Segfault", "pastebin", "x", " ", ".", "\u017f", "\u212a", "\u0663.\u0664.\u0665", "-", "_", ":", "=",
              "no such file or directory", "http://a.b/c", "www.x.org", "1.2.2026", "Hello there", "It works."]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 10))) for _ in range(4000)]
    assert sum(1 for t in texts if not aj._possible_signs(t)) > 50, "no text skips every group"
    for text in texts:
        assert subset(text) == whole(text), text
