"""agent.jargon's hands-on signs: what a customer who works at a terminal types or pastes (command lines, system
paths and config files, version strings, options, package names, error codes and output, paste links), a stronger
sign of a technical customer than a word. Split from :mod:`.agent_jargon`."""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon_index import folded
from ._jargon_terms import _NOT_JARGON_SUFFIX, _URL, command_spans

# Hands-on signs: what a customer who works at a terminal types or pastes.
_HANDS_ON_GROUPS = (
    ("path", r"(?<![^\s(\"'`])(?:~/|/(?:etc|usr|var|dev|boot|home|lib|proc|sys|opt|tmp|media|mnt|bin|sbin|root)\b)"
             r"[\w./\-]*|(?<![\w/.~])\.[A-Za-z][\w.\-]{2,}\b|\b[\w\-]+\.(?:conf|cfg|ini|list|lst|log|sh|rc|xml|yaml|yml|json)\b"),
    ("version", r"\b\d+\.\d+\.\d+(?:[.\-]\w+)*|\b\d+\.\d+-\d+"),
    ("option", r"(?<![\w/?&=.])[a-z][\w.]*=[\w\"'/.,:-]+"),
    ("package", r"\b(?:lib[a-z0-9+]+[\w.+\-]*|[a-z][a-z0-9+.]*(?:-[a-z0-9+.]+)*-(?:dev|server|client|common|base|"
                r"utils|tools|pc|bin|core|generic|headers|image|modules|extra|restricted|plugins?|daemon|desktop|"
                r"[0-9][\w.]*)|(?:linux|python|grub|xserver|gnome|kde|xorg|nvidia|ubuntu)-"
                r"(?!based\b|like\b|friendly\b|compatible\b)[a-z0-9][\w.+\-]*)\b"),
    ("output", r"\b0x[0-9a-fA-F]{3,}\b|(?-i:\b[A-Z][A-Z0-9]+_[A-Z0-9_]{2,}\b|^\s*[EW]:\s)|"
               r"\bno such file or directory\b|\bpermission denied\b|\bcommand not found\b|"
               r"\bsegmentation fault\b|\bkernel panic\b|\bsegfault\b|\berrno\b|"
               r"\b(?:paste\.ubuntu\.com|pastebin|dpaste|termbin|paste\.debian\.net|gist\.github)\b"),
)
_HANDS_ON_FLAGS = re.IGNORECASE | re.MULTILINE
_HANDS_ON = re.compile("|".join(f"(?P<{name}>{body})" for name, body in _HANDS_ON_GROUPS), _HANDS_ON_FLAGS)
_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}")
# v17 (QA pass 26): where a command is typed, named in the message ("open the Terminal", "in the command prompt")
_WHERE_TO_TYPE = re.compile(r"\b(?:command[\s-]+(?:prompt|line|window)|terminal|console|power\s*shell|cmd(?:\.exe)?|"
                            r"run\s+(?:box|dialog)|black\s+window|shell)\b", re.IGNORECASE)


_AT_TERMINAL = re.compile(r"\b(?:linux|ubuntu|kubuntu|xubuntu|debian|fedora|distro|terminal|console|shell|bash|"
                          r"command[\s-]+line|sudo|apt(?:-get)?|synaptic|xorg|grub)\b", re.IGNORECASE)


def at_terminal(text: str) -> bool:
    """v17: a customer who names Linux, a terminal or a shell types commands, new to it or not."""
    return _AT_TERMINAL.search(text) is not None


def says_where_to_type(text: str) -> bool:
    """v17: the message names the window a command is typed in (a term of its own for a lay customer)."""
    return _WHERE_TO_TYPE.search(text) is not None


def _hands_on(text: str) -> set[str]:
    """What a customer at a terminal types or pastes: command lines, system paths and config files,
    version strings, options ("acpi=off"), package names, error codes and output, paste links."""
    links = [m.span() for m in _URL.finditer(text)] if "/" in text or "www." in text else []
    out = {f"command:{text[s:e].split(None, 1)[0].lower()}" for s, e in command_spans(text)}
    groups = _possible_signs(text)
    if not groups:
        return out
    for m in _hands_on_regex(groups).finditer(text):
        if m.lastgroup != "output" and any(s <= m.start() < e for s, e in links):
            continue  # part of a link, not something typed
        sign = m.group().strip().lower()
        if (sign[:1] == "." and sign[1:] in _NOT_JARGON_SUFFIX) or _DATE.fullmatch(sign):
            continue  # "a .docx", "30.11.2026": a file type, a date
        out.add(f"{m.lastgroup}:{sign}")
    return out


# ``_HANDS_ON`` tries its five groups at every character (~30 us for a 65-character message), and most
# messages can hold none of them: each group needs a character or word that this looks for first
# (the folded text for letters, as IGNORECASE also matches "ſ" and "K" to ASCII letters). A group that
# cannot match anywhere never wins a place in the alternation, so the others alone find the same.
_DOT_LETTER = re.compile(r"\.[a-z]")
_DIGIT_DOT_DIGIT = re.compile(r"\d\.\d")
_OUTPUT_WORDS = ("0x", "no such file or directory", "permission denied", "command not found", "segmentation fault",
                 "kernel panic", "segfault", "errno", "paste.ubuntu.com", "pastebin", "dpaste", "termbin",
                 "paste.debian.net", "gist.github")


def _possible_signs(text: str) -> tuple[str, ...]:
    """The ``_HANDS_ON`` groups that can match somewhere in ``text``, in their order."""
    low = folded(text)[0]
    out = []
    if "/" in text or _DOT_LETTER.search(low):  # "/etc", ".bashrc", "sources.list"
        out.append("path")
    if "." in text and _DIGIT_DOT_DIGIT.search(text):  # "2.6.8"
        out.append("version")
    if "=" in text:  # "acpi=off"
        out.append("option")
    if "-" in text or "lib" in low:  # "libfoo", "foo-dev", "linux-image-..."
        out.append("package")
    if "_" in text or ":" in text or any(w in low for w in _OUTPUT_WORDS):  # "0x0000007b", "E_FAIL", "E: ..."
        out.append("output")
    return tuple(out)


@lru_cache(maxsize=32)  # one per subset of the five groups
def _hands_on_regex(groups: tuple[str, ...]) -> re.Pattern[str]:
    """``_HANDS_ON`` with only ``groups``, in its order and with its group names."""
    return re.compile("|".join(f"(?P<{name}>{body})" for name, body in _HANDS_ON_GROUPS if name in groups),
                      _HANDS_ON_FLAGS)
