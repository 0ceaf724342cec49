"""Term matching for agent.jargon: glossary terms, rare technical words, and what excuses them.

Everything here is cheap per message: glossary terms are indexed by their rarest word (a set
lookup per message), rare words are shape-checked before the cached frequency lookup, and
the "is this excused?" checks only look at a few characters around a term.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import _parser as _sre_parse  # type: ignore[attr-defined]
from typing import Any

from ..lexicon import load_data, words_of
from ..lexicon_index import Need, finditer, first_literals, folded, needs_of

_WORDS = re.compile(r"[a-z0-9]+")
_CAMEL = re.compile(r"[a-z][A-Z]")
# ASCII words, with dots/hyphens/slashes inside; never right after @ # * ^ (handles,
# hashtags and the "*JoanO" / "^MK" signatures of social-media agents) or ! (a chat bot's
# help entry to look up: "see !ntfs-3g").
_TOKEN = re.compile(r"(?<![\w./\\@#*^+=?&%~:!-])[A-Za-z][A-Za-z0-9_]*(?:[.\-/][A-Za-z0-9_]+)*")
# Unix or Windows paths (/etc/fstab, ~/.bashrc, C:\Windows\System32), not URLs.
_PATH = re.compile(r"(?<![^\s(\"'`])(?:~/|\.{1,2}/|/[\w.\-]+/)(?:[\w.\-]+/)*[\w.\-]+|\b[A-Z]:\\[\w.\-\\]+")
# A drive-letter path is a place the customer can open ("F:\Budget\2026"), unless it points
# into the system's own folders.
_SYSTEM_DIR = re.compile(r"\\(?:windows|system32|programdata|appdata|program files)\b", re.IGNORECASE)
# So is a folder in the user's home ("/home/anna/Music", "~/Desktop") or where a drive shows
# up ("/media/disk-1"), unless it is a hidden settings folder ("~/.ssh/authorized_keys").
_HOME_DIR = re.compile(r"(?:~|/home|/media|/mnt)/(?![^\s]*/\.)(?!\.)")
# Ticket numbers, asset tags, voucher and flight codes, model numbers: NW-GUEST-4471, BA1441, DWL-G630.
_IDENTIFIER = re.compile(r"^(?=.*\d)[A-Z0-9]+(?:-[A-Z0-9]+)+$|^[A-Z]{1,4}\d{3,}$")
_ID_BEFORE = re.compile(r"\b(?:code|number|no\.|ticket|tag|voucher|id|ref|reference|serial|model|flight|order|"
                        r"case|pin|extension|ext|room|#)\s*[:#]?\s*$", re.IGNORECASE)
_DIGIT = re.compile(r"[0-9]")  # tokens are ASCII (_TOKEN)
_NOT_JARGON_SUFFIX = frozenset({
    "com", "org", "net", "io", "gov", "edu", "uk", "de", "fr", "co", "us", "ca", "au", "info", "biz", "me",
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "jpg", "jpeg", "png", "gif", "csv", "zip",
    "mp3", "mp4", "html", "htm", "gz", "tgz", "bz2", "xz", "tar", "deb", "rpm", "iso", "exe", "msi", "dmg", "img",
    "apk",
})
_CMD_VERBS = frozenset({
    "run", "type", "install", "reinstall", "uninstall", "enable", "disable", "load", "unload", "start",
    "stop", "restart", "launch", "execute", "sudo", "apt-get", "apt", "yum", "dnf", "brew", "pip",
    "configure", "edit", "modprobe", "rmmod", "invoke",
})
_TECH_NOUNS = frozenset({
    "command", "package", "service", "daemon", "driver", "module", "file", "config", "configuration",
    "setting", "settings", "flag", "option", "tool", "utility", "script", "plugin", "plug-in", "partition",
    "process", "server", "client", "port", "protocol", "interface", "entry", "log", "logs", "output",
    "binary", "library", "lib", "repo", "repository", "kernel", "extension", "parameter", "variable",
})
_QUOTES = "`'\"“”‘’"

_EXPLAINED_AFTER = re.compile(
    r"\s*(?:\(|:\s|,?\s*(?:which|that)\s+(?:is|are|means|does|lets|keeps|stores|turns|holds|checks|acts|"
    r"works|basically|just)\b|,?\s*(?:meaning|i\.e\.|aka|a\.k\.a\.|basically|in other words|also known as|"
    r"or in plain|think of it as|stands for|short for|in plain words|put simply|simply put)\b|\s*[—–]|"
    r"\s+-{1,2}\s+(?:that|this|it|which|basically|meaning|the|a|an|your|think)\b|\s+(?:is|are|means)\s+"
    r"(?:the|a|an|just|basically|like|how|what|where|your|when|simply|kind\s+of|sort\s+of)\b|"
    r"\s+(?:\w+\s+)?(?:is|are)\s+(?:a|an|the)\s+(?:small|little|kind|sort|type|piece|bit|way|list|place|"
    r"setting|program|code|file|box|device|number|name|window|screen)\b|"
    r"\s+(?:has|holds|lists|keeps|contains|stores)\s+(?:all|every|each|the\s+list)\b|"
    # QA pass 15 (g05): the explanation after the term's head noun, "DNS setting, which is basically the address
    # book ...", and an appositive, "DNS, the system that turns website names into numbers, ...": plain words
    # with a relative clause say what it is. Not "DNS, the router and the modem" (no "that/which/used").
    r"\s+[a-z]{3,15},\s*(?:which|that)\s+(?:is|are|means|does|lets|keeps|stores|turns|holds|checks|acts|works|"
    r"basically|just)\b|,\s*(?:the|a|an)\s+(?:[a-z\-]+\s+){1,4}?(?:that|which|used|where|who)\b)",
    re.IGNORECASE,
)
_EXPLAINED_BEFORE = re.compile(
    r"(?:\(|\b(?:called|known\s+as|aka|named|so-called|we\s+call\s+it|it'?s\s+called|referred\s+to\s+as|"
    r"also\s+called)\s+(?:an?\s+|the\s+)?)[\"'`“‘]?$", re.IGNORECASE)
# The customer reads it off a screen or a device: "ports labelled DP1 and DP2", "a button marked Input".
# Not "your invoice shows a pro-rated adjustment" (QA pass 17): "a"/"an" after says/reads/shows is a description.
_LABEL_BEFORE = re.compile(
    r"\b(?:label(?:l)?ed|marked|titled|entitled|says|saying|reads|shows|showing|select|choose|pick|tap|click|"
    r"press)\s+(?:(?:\w+|[\"'`“‘])\s+){0,1}$|\b(?:label(?:l)?ed|marked)\s+\S+\s+and\s+$", re.IGNORECASE)
_DESCRIBED_BEFORE = re.compile(r"\b(?:says|saying|reads|shows|showing)\s+an?\s+$", re.IGNORECASE)
# Links are addresses to open, not words to understand.
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
# An e-mail address ("jane.doe@acme.com", "it-help@vpn.example.org") is something to type or write
# to, not vocabulary: no part of it is jargon (QA pass 18, g09).
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
# A command line to type: from a shell command word, or any word followed by an option
# ("lsb_release -a", "xrandr --output VGA1"), to the end of the clause. What is in it is an
# instruction to copy ("sudo apt-get install libncurses5-dev"), not vocabulary to learn.
# Not a command word used as a noun after "a"/"an" ("run a traceroute to find the hop"): that is
# vocabulary, not a line to copy (QA pass 11).
_COMMAND = re.compile(
    r"(?:(?<=\s)|^|(?<=[\"'`(]))(?<!\b[Aa]\s)(?<!\b[Aa]n\s)(?:sudo|apt-get|apt-cache|aptitude|apt|dpkg|dpkg-reconfigure|yum|dnf|pip3?|brew|"
    r"ls|grep|nano|vim?|gedit|modprobe|lsmod|lspci|lsusb|dmesg|umount|chmod|chown|ipconfig|ifconfig|tracert|"
    r"traceroute|nslookup|systemctl|fdisk|killall|gpupdate|\./[\w.\-]+|mv|cp|rm|ln|mkfs(?:\.\w+)?|fsck\.\w+|"
    r"/etc/init\.d/[\w.\-]+(?=\s+\w)|(?:u?mount)(?=\s+/)|"
    r"(?:mount|cat|cd|kill|ping|tail|less|find|ps|df|du|host|man|service)(?=\s+-)|"
    r"[A-Za-z][\w.+-]*(?=\s+--?[A-Za-z]))\b(?:\s+[^\n;]*?)??"
    r"(?=\s+(?:and|then|or)\s|[;\n]|[.!?,](?:\s|$)|$)")
_MENU_SEP = re.compile(r"(?:>|→|»|->)\s*$")
_MENU_SEP_AFTER = re.compile(r"^\s*(?:>|→|»|->)")
# A name to type into a box the customer sees: "type Floor2-HP in the search box" (v4).
_TYPE_BEFORE = re.compile(r"\b(?:type|enter|search\s+for|look\s+for|put)\s+(?:in\s+)?$", re.IGNORECASE)
_INTO_BOX_AFTER = re.compile(
    r"\s+(?:in|into)\s+(?:the\s+|that\s+)?(?:[\w-]+\s+){0,2}?(?:search|box|field|bar|prompt|window|list|space)\b",
    re.IGNORECASE)


def key(text: str) -> str:
    """Spaced lower-case words of a term: "Resolv.conf" -> "resolv conf" (for vocabulary checks)."""
    return " ".join(_WORDS.findall(text.lower()))


def level(entry: dict[str, Any] | None) -> str:
    """'common' (known to most office workers) or 'technical'; rare non-glossary words are technical."""
    if entry is None:
        return "technical"
    if entry.get("common"):  # the older spelling of level: common
        return "common"
    return str(entry.get("level") or "technical")


def _term_regex(term: str) -> str:
    out = re.escape(term.strip())
    out = re.sub(r"(?:\\ )+", r"\\s+", out).replace(r"\-", r"[-\s]?")
    # not inside "apt-cache" or "foo/bar" (but "re-enroll" is the term "enroll"); "https://..."
    # is a link, not the term HTTPS. Two acronyms joined by a slash ("SPF/DKIM", "VPN/SSO") are two
    # terms (QA pass 11): a slash counts as a path only next to a lower-case letter or digit.
    # An acronym written in capitals is still the term before a hyphen and a lower-case word ("the MDM-pushed
    # profile", "SSO-enabled", "a VPN-only app": QA pass 25); "apt-cache", "dns-server" and "PPPoE-" are not.
    return (rf"(?<![\w.])(?<!(?-i:[a-z0-9_.])/)(?<!(?<!\bre)(?<!\bun)-){out}"
            rf"(?:(?<=(?-i:[A-Z0-9][A-Z]))(?=-(?-i:[a-z]{{3,}})\b(?!-\w))|(?![\w]|-\w|/(?-i:[a-z0-9_])))(?!://)")


@lru_cache(maxsize=1)
def glossary() -> dict[str, list[tuple[re.Pattern[str], dict[str, Any]]]]:
    """Anchor word -> [(term regex, glossary entry)].

    Each term is indexed under its rarest word, so a message only tries the few terms whose
    anchor it contains instead of one 400-branch regex (100x faster on typical messages).
    """
    from wordfreq import zipf_frequency

    by_anchor: dict[str, list[tuple[re.Pattern[str], dict[str, Any]]]] = {}
    for entry in load_data("it_glossary")["terms"]:
        flags = 0 if entry.get("exact_case") else re.IGNORECASE
        for name in [str(entry["term"]), *(str(a) for a in entry.get("aliases") or [])]:
            rx = re.compile(_term_regex(name), flags)
            # hyphens are optional in the regex, so "multifactor" must find "multi-factor" too
            for variant in {name.lower(), name.lower().replace("-", "")}:
                anchor = min(_WORDS.findall(variant), key=lambda w: (zipf_frequency(w, "en"), w))
                if all(r is not rx for r, _ in by_anchor.get(anchor, [])):
                    by_anchor.setdefault(anchor, []).append((rx, entry))
            first_literals(rx)  # warmed with the glossary (the term tests are built once in _anchored)
    return by_anchor


def _needs(rx: re.Pattern[str]) -> tuple[Need, ...]:
    """The literals every match of a term regex contains (see :func:`needs_of`)."""
    return tuple(needs_of(_sre_parse.parse(rx.pattern, rx.flags)))


# One need of a term, ready to test: (whole words, substrings), one of which every match contains.
_Test = tuple[frozenset[str], tuple[str, ...]]


def _tests(rx: re.Pattern[str]) -> tuple[_Test, ...]:
    """:func:`_needs` split into word and substring literals, for :func:`_passes`."""
    return tuple((frozenset(lit for lit, word in need if word), tuple(lit for lit, word in need if not word))
                 for need in _needs(rx))


@lru_cache(maxsize=1)
def _anchored() -> dict[str, list[tuple[re.Pattern[str], dict[str, Any], tuple[_Test, ...]]]]:
    """:func:`glossary` with each term's tests beside it: looking them up per term by its regex
    would hash the compiled pattern's code every time."""
    return {anchor: [(rx, entry, _tests(rx)) for rx, entry in terms] for anchor, terms in glossary().items()}


def _passes(tests: tuple[_Test, ...], low: str, tokens: frozenset[str]) -> bool:
    """False when a literal the term needs is absent from the text (``folded``): the anchor word
    picks a few terms ("cache": 8 of them), most of which then need a word the text lacks, and
    this test is ~20x cheaper than running the regex over the whole message. Plain loops and a
    set test per need, no generators: it runs for ~15 terms of a typical draft."""
    for words, texts in tests:
        if words.isdisjoint(tokens):
            for t in texts:
                if t in low:
                    break
            else:
                return False
    return True


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


def glossary_terms(text: str) -> list[tuple[int, int, dict[str, Any]]]:
    """Glossary terms in ``text``, longest first where they overlap ("DHCP lease" over "DHCP")."""
    return list(_glossary_terms(text))


# Both helpers are pure in their arguments and agent.jargon reads every earlier message of the
# conversation again for its state: remembered per text, for the coach's repeated checks.
@lru_cache(maxsize=4096)
def _glossary_terms(text: str) -> tuple[tuple[int, int, dict[str, Any]], ...]:
    by_anchor = _anchored()
    low, tokens = folded(text)
    # The term regexes begin with lookbehinds, so ``re`` itself tried every position of the
    # text (~13 us per term over a 120-word draft): ``finditer`` tries where they can start.
    found = [(m.start(), m.end(), entry)
             for w in words_of(text) if w in by_anchor
             for rx, entry, tests in by_anchor[w] if _passes(tests, low, tokens)
             for m in finditer(rx, text)]
    if found and "@" in text:
        mails = [m.span() for m in _EMAIL.finditer(text)]
        found = [t for t in found if not any(s <= t[0] < e for s, e in mails)]
    if not found:
        return ()
    found.sort(key=lambda t: (t[0], -t[1]))
    out: list[tuple[int, int, dict[str, Any]]] = []
    for s, e, entry in found:
        if not out or s >= out[-1][1]:
            out.append((s, e, entry))
    return tuple(out)


def _is_address(tok: str) -> bool:
    """A web address or host name: "aka.ms/mysecurityinfo", "portal.northwind.example"."""
    head = tok.split("/", 1)[0]
    if "/" in tok and "." in head:
        return True
    parts = tok.split(".")
    return len(parts) >= 3 and all(p.isalpha() for p in parts)


def rare_technical_words(
    text: str, rare_zipf: float, taken: list[tuple[int, int]], names: frozenset[str] = frozenset()
) -> list[tuple[int, int]]:
    """Rare words that also look technical, outside ``taken`` spans.

    A rare word counts only if it contains a digit (ext4, wlan0), is camelCase
    (NetworkManager), has dots or underscores (resolv.conf, x86_64), is a path, or sits in a
    technical context (after a command verb, before a technical noun). ``names`` (lower-case
    author names and their parts) never count; nor do web addresses, file names, drive-letter
    paths and identifiers (ticket numbers, codes, model numbers). What a token's verdict
    depends on is worked out once per token (``_shape``): almost every token is never reported
    whatever its context, so a message costs one set lookup per token.
    """
    return list(_rare_technical_words(text, rare_zipf, tuple(taken), names))


# Per threshold, what a token's verdict depends on (``_shape``, bounded): most tokens are never reported
# whatever their context (a common word in any case, too short, a file name, an identifier), so a message
# costs one set lookup per plain string token (``findall``: no match objects); only the few others are
# looked at where they stand.
_NEVER: dict[float, set[str]] = {}
_NEEDS: dict[float, dict[str, int]] = {}
_SHAPES_MAX = 50_000
_NEEDS_ID = 1  # has a digit: not a ticket or serial number ("ticket #A12")
_NEEDS_CONTEXT = 2  # counts only after a command verb or before a technical noun


def _shape(tok: str, rare_zipf: float) -> int | None:
    """None when ``tok`` is never a rare technical word; else which ``_NEEDS_*`` tests it must pass in place.

    The tests of the token alone, in their old order; the rare-word test last, as a token that is common
    in lower case is never reported whatever its context.
    """
    if len(tok) < 3:
        return None
    if tok.islower() and tok.isalpha():
        if zipf(tok) >= rare_zipf:
            return None  # a common plain word
        return _NEEDS_CONTEXT  # plain lowercase words ("ndiswrapper") need technical context
    need = 0
    if "." in tok or "_" in tok or "/" in tok:
        parts = re.split(r"[.\-/_]", tok)
        if (parts[-1].lower() in _NOT_JARGON_SUFFIX or min(len(p) for p in parts) < 2
                or any(p[:1].isupper() for p in parts[1:]) or _is_address(tok)):
            return None  # a domain or link, a document name, "e.g", or a missing space ("confirmed.Thanks")
        if "/" in tok and any(p.isalpha() and zipf(p.lower()) >= rare_zipf for p in parts):
            return None  # alternatives in words, not a path: "updates/deinstallations", "vmware/parallels"
    elif _IDENTIFIER.match(tok):
        return None  # a code, ticket or model number is something to read out, not jargon
    else:
        digit = _DIGIT.search(tok) is not None
        if digit:
            need |= _NEEDS_ID  # "ticket #A12" is read out too
        if tok[0].isupper() and tok[1:2].islower():
            need |= _NEEDS_CONTEXT  # Title-case (names, "Furn20" promo codes) only in tech context
        elif tok.isupper() and tok.isalpha():
            if len(tok) > 6:
                return None
            need |= _NEEDS_CONTEXT  # an acronym outside the glossary: "LAS JFK" are airports
        elif not (digit or _CAMEL.search(tok)):
            need |= _NEEDS_CONTEXT  # lowercase compounds ("yes-no") need technical context
    return need if zipf(tok.lower()) < rare_zipf else None


@lru_cache(maxsize=4096)
def _rare_technical_words(
    text: str, rare_zipf: float, taken_spans: tuple[tuple[int, int], ...], names: frozenset[str],
) -> tuple[tuple[int, int], ...]:
    taken = list(taken_spans)
    out: list[tuple[int, int]] = []
    if "/" in text or "www." in text:
        taken = taken + [m.span() for m in _URL.finditer(text)]
    if "@" in text:
        taken = taken + [m.span() for m in _EMAIL.finditer(text)]
    if "/" in text or "\\" in text:
        for m in _PATH.finditer(text):
            p = m.group()
            if len(p) <= 3 or any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if (p[1:2] == ":" and not _SYSTEM_DIR.search(p)) or _HOME_DIR.match(p):
                taken = [*taken, m.span()]  # "F:\Budget\2026": a folder the customer can open
                continue
            out.append(m.span())
        taken = taken + out
    tokens = _TOKEN.findall(text)
    never = _NEVER.setdefault(rare_zipf, set())
    needs = _NEEDS.setdefault(rare_zipf, {})
    spans: list[tuple[int, int]] = []  # of every token, found again only when a token needs its place
    for n in [n for n, tok in enumerate(tokens) if tok not in never]:
        tok = tokens[n]
        need = needs.get(tok)
        if need is None:
            need = _shape(tok, rare_zipf)
            # Tokens with a digit are mostly one-off numbers ("NB-4471", "BA1441"): not kept, so that
            # they never fill the bounded sets that the vocabulary of words needs.
            keep = _DIGIT.search(tok) is None
            if need is None:
                if keep and len(never) < _SHAPES_MAX:
                    never.add(tok)
                continue
            if keep and len(needs) < _SHAPES_MAX:
                needs[tok] = need
        low = tok.lower()
        if low in names or key(low) in names:
            continue  # a nickname
        if need & _NEEDS_CONTEXT and not _technical_context(text, tokens, spans, n):
            continue
        _places(text, spans)
        start, end = spans[n]
        if need & _NEEDS_ID and _id_before(text, start):
            continue  # a code, ticket or model number is something to read out, not jargon
        if n == 0 and text[end:end + 1] in (":", ","):
            continue  # a chat address ("jhellen, file a bug")
        if taken and any(s <= start < e for s, e in taken):
            continue
        out.append((start, end))
    return tuple(sorted(out))


def _id_before(text: str, start: int) -> bool:
    """``_ID_BEFORE`` ends right before ``start`` ("ticket #", "serial: "). Searched from just
    before its keyword, not from the start of the text: the same answer without scanning a
    long message once per token with a digit."""
    j = start
    while j and text[j - 1].isspace():
        j -= 1
    if j and text[j - 1] in ":#":
        j -= 1
        while j and text[j - 1].isspace():
            j -= 1
    # the longest keyword ("reference") and the character before it, for its \b
    return _ID_BEFORE.search(text, max(0, j - 10), start) is not None


def _technical_context(text: str, tokens: list[str], spans: list[tuple[int, int]], n: int) -> bool:
    """A plain word right after a command verb or right before a technical noun. The words decide
    first and seldom match: only then are the tokens' places (``spans``) needed, found on first use."""
    after_verb = n > 0 and tokens[n - 1].lower() in _CMD_VERBS
    before_noun = n + 1 < len(tokens) and tokens[n + 1].lower() in _TECH_NOUNS
    if not (after_verb or before_noun):
        return False
    _places(text, spans)
    if after_verb and text[spans[n - 1][1]:spans[n][0]].isspace():
        return True
    return before_noun and text[spans[n][1]:spans[n + 1][0]].isspace()


def _places(text: str, spans: list[tuple[int, int]]) -> None:
    """Fill ``spans`` with the place of every token of ``text`` (once)."""
    if not spans:
        spans.extend(m.span() for m in _TOKEN.finditer(text))


def is_explained(text: str, start: int, end: int) -> bool:
    """An explanation right after the term ("DNS (the ...)", "DNS, which is ...") or right before it,
    or a chat bot's help entry to look up ("see !grub")."""
    if start and text[start - 1] == "!" and (start < 2 or not text[start - 2].isalnum()):
        return True
    return bool(_EXPLAINED_AFTER.match(text, end)) or bool(_EXPLAINED_BEFORE.search(text, max(0, start - 24), start))


def is_instruction(text: str, start: int, end: int, commands: bool = True) -> bool:
    """The term is something to type, click or read, not a concept to understand.

    Quoted ("type "Device Manager"", 'run `dmesg`'), part of a menu path ("Settings > Mail"),
    a label the customer sees ("ports labelled DP1 and DP2", "select Authenticator app"), or a
    name to type into a box ("type Floor2-HP in the search box"). With ``commands`` false a command line is no
    excuse (agent.jargon v17: a customer who said they are not technical does not know where to type it).
    """
    before = text[max(0, start - 40):start]
    if before and before[-1] in _QUOTES and _quoted(text, start, end):
        return True
    if _inside_quotes(text, start, end):
        return True
    if commands and any(s <= start and end <= e for s, e in command_spans(text)):
        return True
    if _MENU_SEP.search(before) or _MENU_SEP_AFTER.match(text, end):
        return True
    if _TYPE_BEFORE.search(before) and _INTO_BOX_AFTER.match(text, end):
        return True  # "type Floor2-HP in the search box": a name to copy, not a concept
    return bool(_LABEL_BEFORE.search(before)) and not _DESCRIBED_BEFORE.search(before)


_QUOTE_PAIRS = (('"', '"'), ("`", "`"), ("“", "”"), ("«", "»"))


def _inside_quotes(text: str, start: int, end: int) -> bool:
    """Inside a quoted command on its line ('type "xrandr --output VGA1"'); not ' (it is also an apostrophe)."""
    line = text[max(text.rfind("\n", 0, start) + 1, start - 120):start]
    rest = text[end:text.find("\n", end) if "\n" in text[end:] else len(text)][:120]
    for opening, closing in _QUOTE_PAIRS:
        if opening not in line or closing not in rest:
            continue
        if opening == closing and line.count(opening) % 2:
            return True
        if opening != closing and line.rfind(opening) > line.rfind(closing):
            return True
    return False


def _quoted(text: str, start: int, end: int) -> bool:
    """Opened by a quote right before ``start`` and closed within a short command after it."""
    close = {"“": "”", "‘": "’"}.get(text[start - 1], text[start - 1])
    rest = text[end:end + 80]
    return close in rest or (close == "’" and "'" in rest)


@lru_cache(maxsize=4096)
def command_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of command lines to type (``_COMMAND``), including the command word itself."""
    if not _may_hold_command(text):
        return ()
    return tuple(m.span() for m in _COMMAND.finditer(text))


# What every ``_COMMAND`` match contains: a command word (the whole ASCII word it starts: "apt" of "apt-get"),
# "./", "/etc/init.d/", or an option after a space (" -a", " --output"; the other alternatives need one).
# ``_COMMAND`` tries its alternation at every position (~40 us a draft); most messages have none of these.
_COMMAND_WORDS = frozenset({
    "sudo", "apt", "aptitude", "dpkg", "yum", "dnf", "pip", "pip3", "brew", "ls", "grep", "nano", "vi", "vim",
    "gedit", "modprobe", "lsmod", "lspci", "lsusb", "dmesg", "umount", "chmod", "chown", "ipconfig", "ifconfig",
    "tracert", "traceroute", "nslookup", "systemctl", "fdisk", "killall", "gpupdate", "mv", "cp", "rm", "ln",
    "mkfs", "fsck", "mount",
})
_SPACE_DASH = re.compile(r"\s-")


def _may_hold_command(text: str) -> bool:
    """False when ``text`` cannot hold a ``_COMMAND`` match (a command word starts after a space,
    a quote or "(" and ends at a word break, so it is a whole word of :func:`folded`)."""
    return (not _COMMAND_WORDS.isdisjoint(folded(text)[1]) or "./" in text or "/etc/init.d/" in text
            or _SPACE_DASH.search(text) is not None)
