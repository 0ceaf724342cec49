"""Small, fast text helpers shared by detectors: sentence spans, words, shouting."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

# A sentence ends at . ! ? (possibly repeated) or a line break. Kept simple and fast on
# purpose: support messages are short and messy, and offsets must map back to the text. The
# full stop of a title is none: "Dear Mr. Patel," is one sentence (a coach opener once went
# between "Mr." and "Patel").
# Written to start with its one character class, so that re skips ahead to a candidate: the
# same sentence ends as "(?<!\bMr)...(?<!\bRev)[.!?]+(?=\s|$)|\n+", whose seven leading
# lookbehinds made re try every character (~31 us for a 120-word draft against ~2 us;
# tests/test_text_sentences.py compares the two on random texts).
_SENT_END = re.compile(r"[.!?\n](?:(?<=\n)\n*|"
                       r"(?<!\bMr.)(?<!\bMrs.)(?<!\bMs.)(?<!\bMx.)(?<!\bDr.)(?<!\bProf.)(?<!\bRev.)[.!?]*(?=\s|$))")
WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*")
_CAPS_WORD = re.compile(r"\b[A-Z]{3,}\b")
# All-caps words that are normal in IT support and must not count as shouting.
_ACRONYMS = frozenset(
    [
        "VPN",
        "DNS",
        "DHCP",
        "MFA",
        "SSO",
        "TLS",
        "SSL",
        "SMTP",
        "IMAP",
        "POP",
        "HTTP",
        "HTTPS",
        "URL",
        "USB",
        "PDF",
        "RAM",
        "CPU",
        "GPU",
        "SSD",
        "HDD",
        "API",
        "LAN",
        "WAN",
        "WIFI",
        "IP",
        "MAC",
        "OS",
        "IOS",
        "IT",
        "ID",
        "PIN",
        "OTP",
        "AD",
        "LDAP",
        "SAML",
        "RDP",
        "SSH",
        "FTP",
        "SFTP",
        "NAS",
        "SAN",
        "CRM",
        "ERP",
        "ASAP",
        "FYI",
        "PC",
        "HR",
        "CEO",
        "CFO",
        "CTO",
        "CIO",
        "UTC",
        "EST",
        "PST",
        "GMT",
        "BST",
        "CET",
        "AM",
        "PM",
        "OK",
        "LOL",
        "OMG",
        "TPM",
        "BIOS",
        "UEFI",
        "VM",
        "VMS",
        "SQL",
        "DB",
        "SLA",
        "KB",
        "MB",
        "GB",
        "TB",
        "NTFS",
        "FAT",
        "EXE",
        "MSI",
        "APK",
        "ISP",
        "UPS",
        "BSOD",
        "CSV",
        "XLS",
        "XLSX",
        "DOCX",
        "PPT",
        "HDMI",
        "VGA",
        "DVI",
        "USBC",
        "ACK",
        "SMS",
    ]
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (whitespace trimmed, empty ones dropped)."""
    return list(sentence_tuple(text))


def sentence_tuple(text: str) -> tuple[tuple[int, int], ...]:
    """:func:`sentence_spans` as the cached tuple itself (no copy), for callers that only read it."""
    return _split_sentences(text) if len(text) > _CACHED_CHARS else _cached_split(text)


def _split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.end()
        _append_trimmed(text, start, end, spans)
        start = end
    _append_trimmed(text, start, len(text), spans)
    return tuple(spans)


# One coach check splits the same draft and context messages four or five times (detectors,
# customer state, the rewrite), ~40-80 us each on a 120-word draft; the split is pure in the
# text. Long texts are not kept: the cache stays a few MB whatever a batch holds.
_CACHED_CHARS = 4000
_cached_split = lru_cache(maxsize=4096)(_split_sentences)


def _append_trimmed(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with the characters of ``spans`` replaced by spaces: what other readers then
    see leaves those words out, at the same offsets."""
    for s, e in spans:
        text = text[:s] + " " * (e - s) + text[e:]
    return text


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def shouting_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ALL-CAPS words that are not common IT acronyms."""
    return [m.span() for m in _CAPS_WORD.finditer(text) if m.group().upper() not in _ACRONYMS]


def caps_ratio(text: str) -> float:
    """Share of letters in shouted words (0..1); acronyms do not count."""
    letters = sum(map(str.isalpha, text))  # True counts 1; no per-character Python frame
    if letters < 8:
        return 0.0
    shouted = sum(e - s for s, e in shouting_spans(text))
    return shouted / letters


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Lower-case, straight quotes, single spaces, no trailing punctuation: for exact reuse checks."""
    t = text.lower().replace("’", "'").replace("‘", "'")
    t = re.sub(r"\s+", " ", t)
    return t.strip(" .!?,;:")


# Function words left out when asking whether two sentences talk about the same things.
_STOP = frozenset(
    """a an the and or but so if then than of to in on at for from with by about as is are was were be
    been being am do does did done have has had having i me my mine you your yours u ur we us our they
    them their he she him her his it its it's this that these those there here what which who whom whose
    when where why how can could would will should shall may might must not no yes ok okay oh hi hey
    hello please pls plz thanks thank just really any anyone anybody someone somebody one some know idea
    ideas help tell let get got im i'm i've ive i'll ill i'd id you're youre dont don't doesnt doesn't
    cant can't isnt isn't still again also now well yeah sure right""".split()  # noqa: SIM905
)


def content_words(text: str) -> set[str]:
    return {w.lower().strip("'’-") for w in words(text)} - _STOP


_LEAD_NICK = re.compile(r"^\s*@?([^\s:,]{2,32})\s*[:,]\s+")
_HANDLE = re.compile(r"(?<!\w)@\w+")


def strip_addressing(text: str, nicks: frozenset[str]) -> tuple[str, int]:
    """Text without a leading "nick:" (when nick is a participant) and @handles, plus the cut.

    Chat and social messages start with whom they address ("dana: try this", "@brand ...");
    those names say nothing about meaning and make unrelated sentences look alike."""
    cut = 0
    m = _LEAD_NICK.match(text)
    if m and m.group(1).lower() in nicks:
        cut = m.end()
    return _HANDLE.sub(" ", text[cut:]).strip(), cut


_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def readable(template: str) -> str:
    """A suggestion template as a coach reads it: placeholders such as {step} become "…".

    Lexicons keep templates (the reply coach fills them with the draft's own words); an
    explanation shown to a person must not show raw placeholders."""
    return _PLACEHOLDER.sub("…", template)


def human_duration(seconds: float) -> str:
    """A wait as a coach would say it: "12 min", "3.5 hours", "2 days"."""
    if seconds >= 2 * 86400:
        value, unit = seconds / 86400, "days"
    elif seconds >= 2 * 3600:
        value, unit = seconds / 3600, "hours"
    else:
        return f"{max(1, round(seconds / 60))} min"
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"
