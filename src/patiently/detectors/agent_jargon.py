"""agent.jargon: technical terms the agent uses without explaining them.

Two sources of terms, both cheap per message:

* the IT glossary (``data/it_glossary.yaml``): 200+ terms and acronyms with a plain-language
  explanation the coach can suggest. Terms marked ``common`` (VPN, Wi-Fi, router) only count
  for a customer who said they are not technical or is confused.
* rare words (``wordfreq`` Zipf frequency below ``Settings.jargon.rare_zipf``) that also LOOK
  technical. Rarity alone would flag names and typos, so a rare word counts only if it
  contains a digit (ext4, wlan0), is camelCase (NetworkManager), has dots or underscores
  (resolv.conf, x86_64), is a short all-caps acronym (NTLM), or, for a plain lowercase word,
  sits in a technical context: after a command verb ("run ndiswrapper"), before a technical
  noun ("the ndiswrapper driver") or in backticks/quotes. Title-case words (names) never count.

A term is fine when it is explained nearby ("DNS (the internet's address book)", "DNS, which
is ...", "— that's ...", "meaning ..."), was explained earlier by the agent, or was used by
the customer first (it is their vocabulary then). Severity rises when the customer said they
are not technical (``non_technical`` lexicon, or a customer.confusion finding with
``data["non_technical"]``) and when their last message was confused; it falls for a customer
who writes technical terms themselves.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..lexicon import load_data, load_lexicon, words_of
from ..model import Conversation, Finding
from .base import Detector, DetectorContext

REPORT_AT = 0.3
BASE_SCORE = 0.3
PER_EXTRA_TERM = 0.1  # up to MAX_EXTRA
MAX_EXTRA = 0.3
NON_TECHNICAL_BONUS = 0.35
CONFUSED_BONUS = 0.15
TECH_SAVVY_TERMS = 3  # the customer used this many distinct technical terms themselves ...
TECH_SAVVY_FACTOR = 0.6  # ... so jargon weighs less for them
_EXPLAINED_AFTER = re.compile(
    r"\s*(?:\(|:\s|,?\s*(?:which|that)\s+(?:is|are|means|does|lets|keeps|stores|turns|holds|checks|acts|"
    r"works|basically|just)\b|,?\s*(?:meaning|i\.e\.|aka|a\.k\.a\.|basically|in other words|also known as|"
    r"or in plain|think of it as|stands for|short for)\b|\s*[—–]|\s+-{1,2}\s+(?:that|this|it|which|basically|"
    r"meaning|the|a|an|your|think)\b|\s+(?:is|are|means)\s+(?:the|a|an|just|basically|like|how|what|where|"
    r"your|when)\b)",
    re.IGNORECASE,
)
_EXPLAINED_BEFORE = re.compile(r"(?:\(|\bcalled|\bknown as|\baka|\bnamed|\bso-called)\s*[\"'`]?$", re.IGNORECASE)
# ASCII words, with dots/hyphens/slashes inside; never right after @ # * ^ (handles,
# hashtags and the "*JoanO" / "^MK" signatures of social-media agents).
_TOKEN = re.compile(r"(?<![\w./\\@#*^-])[A-Za-z][A-Za-z0-9_]*(?:[.\-/][A-Za-z0-9_]+)*")
_WORDS = re.compile(r"[a-z0-9]+")
_CAMEL = re.compile(r"[a-z][A-Z]")
# Unix or Windows paths (/etc/fstab, ~/.bashrc, C:\Windows\System32), not URLs.
_PATH = re.compile(r"(?<![^\s(\"'`])(?:~/|\.{1,2}/|/[\w.\-]+/)(?:[\w.\-]+/)*[\w.\-]+|\b[A-Z]:\\[\w.\-\\]+")
_NOT_JARGON_SUFFIX = frozenset({
    "com", "org", "net", "io", "gov", "edu", "uk", "de", "fr", "co", "us", "ca", "au", "info", "biz", "me",
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "jpg", "jpeg", "png", "gif", "csv", "zip",
    "mp3", "mp4", "html", "htm",
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
_QUOTES = "`'\""


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _term_regex(term: str) -> str:
    out = re.escape(term.strip())
    out = re.sub(r"(?:\\ )+", r"\\s+", out).replace(r"\-", r"[-\s]?")
    return rf"(?<![\w]){out}(?![\w])(?!://)"  # "https://..." is a link, not the term HTTPS


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
    return by_anchor


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


def glossary_terms(text: str) -> list[tuple[int, int, dict[str, Any]]]:
    """Glossary terms in ``text``, longest first where they overlap ("DHCP lease" over "DHCP")."""
    by_anchor = glossary()
    found = [(m.start(), m.end(), entry)
             for w in words_of(text) if w in by_anchor
             for rx, entry in by_anchor[w] for m in rx.finditer(text)]
    if not found:
        return []
    found.sort(key=lambda t: (t[0], -t[1]))
    out: list[tuple[int, int, dict[str, Any]]] = []
    for s, e, entry in found:
        if not out or s >= out[-1][1]:
            out.append((s, e, entry))
    return out


def rare_technical_words(
    text: str, rare_zipf: float, taken: list[tuple[int, int]], names: frozenset[str] = frozenset()
) -> list[tuple[int, int]]:
    """Rare words that also look technical (see the module docstring), outside ``taken`` spans.

    ``names`` (lower-case authors of the conversation) are never jargon: chat nicknames such
    as "r0bby" or "zAo" look technical and are rare. Cheap shape checks come before the
    (cached) frequency lookup, because almost every token is a plain common word.
    """
    out: list[tuple[int, int]] = []
    if "/" in text or "\\" in text:
        for m in _PATH.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in taken) and len(m.group()) > 3:
                out.append(m.span())
        taken = taken + out
    tokens = list(_TOKEN.finditer(text))
    for n, m in enumerate(tokens):
        tok = m.group()
        if len(tok) < 3:
            continue
        dotted = "." in tok or "_" in tok
        if dotted:
            parts = re.split(r"[.\-/_]", tok)
            if (parts[-1].lower() in _NOT_JARGON_SUFFIX or min(len(p) for p in parts) < 2
                    or any(p[:1].isupper() for p in parts[1:])):
                continue  # a domain, a document name, "e.g", or a missing space ("confirmed.Thanks")
        elif tok[0].isupper() and tok[1:2].islower():
            # Title-case (names, "Furn20" promo codes, "DannyHarvey" signatures) only in tech context
            if not _technical_context(text, tokens, n):
                continue
        elif tok.isupper() and tok.isalpha():
            # an acronym outside the glossary counts only in technical context: "LAS JFK" are airports
            if len(tok) > 6 or not _technical_context(text, tokens, n):
                continue
        elif not (any(c.isdigit() for c in tok) or _CAMEL.search(tok) or _technical_context(text, tokens, n)):
            continue  # plain lowercase words and compounds ("ndiswrapper", "yes/no") need technical context
        low = tok.lower()
        if low in names or (n == 0 and text[m.end() : m.end() + 1] in (":", ",")):
            continue  # a nickname, or a chat address ("jhellen, file a bug")
        if taken and any(s <= m.start() < e for s, e in taken):
            continue
        if zipf(low) < rare_zipf:
            out.append(m.span())
    return sorted(out)


def _technical_context(text: str, tokens: list[re.Match[str]], n: int) -> bool:
    """A plain lowercase word right after a command verb, right before a technical noun, or quoted."""
    m = tokens[n]
    if m.start() > 0 and text[m.start() - 1] in _QUOTES:
        return True
    if n and tokens[n - 1].group().lower() in _CMD_VERBS and text[tokens[n - 1].end() : m.start()].isspace():
        return True
    if n + 1 < len(tokens):
        nxt = tokens[n + 1]
        return nxt.group().lower() in _TECH_NOUNS and text[m.end() : nxt.start()].isspace()
    return False


def is_explained(text: str, start: int, end: int) -> bool:
    return bool(_EXPLAINED_AFTER.match(text, end)) or bool(_EXPLAINED_BEFORE.search(text, max(0, start - 20), start))


class AgentJargon(Detector):
    name = "agent.jargon"
    version = 1
    labels = ("agent.jargon",)
    description = "Agent uses technical terms without explaining them, worse for non-technical customers."

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        rare_zipf = ctx.settings.jargon.rare_zipf
        confusion = ctx.by_label("customer.confusion")
        nt_ids = {f.message_id for f in confusion if f.data.get("non_technical")}
        confused_ids = {f.message_id for f in confusion}
        names = frozenset(m.author.lower() for m in conv.messages if m.author)
        customer_vocab: set[str] = set()  # terms the customer used: their words, not jargon
        explained: set[str] = set()  # terms the agent already explained
        customer_tech = 0
        non_technical = confused = False
        out: list[Finding] = []
        for msg in conv.messages:
            text = msg.text
            if msg.role == "customer":
                cats = {m.category for m in load_lexicon("non_technical").find(text)}
                non_technical = non_technical or bool(cats & {"self_description", "plain_request"}) or msg.id in nt_ids
                confused = "confusion" in cats or msg.id in confused_ids
                terms = glossary_terms(text)
                taken = [(s, e) for s, e, _ in terms]
                spans = taken + rare_technical_words(text, rare_zipf, taken, names)
                for s, e in spans:
                    k = _key(text[s:e])
                    if k not in customer_vocab:
                        customer_vocab.add(k)
                        customer_tech += 1
                customer_vocab.update(_key(t["term"]) for _, _, t in terms)
                continue
            if msg.role != "agent":
                continue
            found: list[tuple[int, int, dict[str, Any] | None]] = []
            for s, e, entry in glossary_terms(text):
                if entry.get("common") and not (non_technical or confused):
                    continue
                found.append((s, e, entry))
            taken = [(s, e) for s, e, _ in found]
            found += [(s, e, None) for s, e in rare_technical_words(text, rare_zipf, taken, names)]
            unexplained: list[tuple[int, int, dict[str, Any] | None]] = []
            seen: set[str] = set()
            for s, e, entry in sorted(found, key=lambda t: t[0]):
                k = _key(entry["term"]) if entry else _key(text[s:e])
                if k in customer_vocab or _key(text[s:e]) in customer_vocab or k in explained:
                    continue
                if is_explained(text, s, e):
                    explained.add(k)
                    continue
                if k not in seen:
                    seen.add(k)
                    unexplained.append((s, e, entry))
            if not unexplained:
                continue
            score = BASE_SCORE + min(MAX_EXTRA, PER_EXTRA_TERM * (len(unexplained) - 1))
            if non_technical:
                score += NON_TECHNICAL_BONUS
            if confused:
                score += CONFUSED_BONUS
            if customer_tech >= TECH_SAVVY_TERMS and not non_technical:
                score *= TECH_SAVVY_FACTOR
            if score < REPORT_AT:
                continue
            out.append(self._finding(msg, score, unexplained, non_technical, confused))
        return out

    def _finding(self, msg: Any, score: float, terms: list[tuple[int, int, dict[str, Any] | None]],
                 non_technical: bool, confused: bool) -> Finding:
        text = msg.text
        names = [text[s:e] for s, e, _ in terms]
        plain = {text[s:e]: entry["plain"] for s, e, entry in terms if entry}
        who = (" to a customer who said they aren't technical" if non_technical
               else " to a confused customer" if confused else "")
        first = names[0]
        if first in plain:
            hint = f'say what it means, e.g. "{first} ({plain[first]})".'
        else:
            hint = f'"{first}" is not in the glossary: say in plain words what it is or does.'
        quoted = ", ".join(f'"{n}"' for n in names[:5])
        return self.finding(
            msg, score, [(s, e) for s, e, _ in terms],
            f"Unexplained technical terms{who}: {quoted}; {hint}",
            data={"terms": names, "non_technical_customer": non_technical, "customer_confused": confused,
                  "plain": plain},
        )


DETECTOR = AgentJargon()
