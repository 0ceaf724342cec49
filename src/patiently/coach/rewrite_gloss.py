"""Jargon glosses for compound terms: one gloss after the whole term, in the term's own sense.

agent.jargon reports each glossary match on its own, so "Flush the DNS cache" comes as "Flush
the DNS" and "cache" (the alias of *browser* cache). Glossing each one splits the term in two
("Flush the DNS (...) cache (...)") and explains the second word in the wrong sense. Jargon
spans that touch (only spaces or a hyphen between them) are one compound here: it gets one
gloss, after its last word, from the glossary term that spans the join ("DNS cache"); else
only its first term is glossed, right after it ("Exchange (...) cached mode": the browser
sense of "cached" is not this one). Which terms are jargon is the detector's business; this
only decides where a gloss goes and which entry it is read from. A span that ends in an
article ("provision the", then "Intune") is no compound with the next term: each is glossed
after its own term ("re-provision (...) the Intune (...) profile").
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .rewrite import Edit, FlagDraft, library
from .rewrite_frame import template_regex

# touching spans: a space or a hyphen between them, or a possessive ("the refresh token's TTL": a gloss between
# "token" and "'s" broke the possessive, QA23 b36)
# a slash ("SPF/DKIM": two terms, one gloss naming each, QA23 b07)
_JOIN = re.compile(r"[ \t]*[-/]?[ \t]*|['’]s[ \t]+")
_WORD_START = re.compile(r"\b\w")
_MODIFIER = re.compile(r"(?:ed|ing)$", re.IGNORECASE)  # "cached", "managed": a participle before its noun


_TRAILING_FUNCTION = re.compile(r"(?:\s+(?:the|a|an|your|my|our|this|that|its|their))+\s*$", re.IGNORECASE)


# the rest of a slashed pair ("SSL/TLS", "TCP/IP"): a gloss goes after the pair, never inside it (QA23 b07)
_SLASHED = re.compile(r"(?:/[A-Za-z0-9][\w.+-]*)+")
# a possessive and the noun it owns ("the router's settings"): a gloss goes after the noun and names the term
_POSSESSIVE = re.compile(r"['’]s[ \t]+[\w-]+")
# an acronym glued to the word it forms a compound with ("the MDM-pushed profile", "NTP-synced"): a gloss goes after
# the compound, and after the noun a participle compound modifies, and names the term ("MDM (...)-pushed" split it)
_HYPHENED = re.compile(r"-[a-z][\w]*")
_NEXT_WORD = re.compile(r"[ \t]+[A-Za-z][\w-]*")


def gloss_point(draft: str, s: int, e: int, slashed: bool = True) -> int:
    """Where a jargon span's gloss goes: after the term, before any article the span ends with
    ("re-provision the profile" flagged as "provision the": the gloss goes after "provision",
    never between "the" and its noun), and after the rest of a slashed pair ("SSL/TLS")."""
    m = _TRAILING_FUNCTION.search(draft, s, e)
    if m and m.start() > s:
        return m.start()
    pair = _SLASHED.match(draft, e) if slashed else None
    return pair.end() if pair else e


def in_sense(draft: str, term: str, gloss: str) -> str:
    """The glossary's gloss, or the library's ``gloss_senses`` wording where the draft is not about the field the
    glossary's gloss was written for: TTL's "how long a saved address is trusted" is DNS, and beside a login token
    it told a confused customer the wrong thing (QA23 b36)."""
    for sense in library().templates["gloss_senses"]:
        if str(sense["term"]).lower() == term.lower() and not re.search(str(sense["unless"]), draft, re.IGNORECASE):
            return printable(term, str(sense["plain"]))
    return printable(term, gloss)


_OWN_TERM_END = re.compile(r"\s*(?:,|:|\s-+|\s[–—]|\s+is\b)\s*")
_INNER = re.compile(r"\s*\(([^()]*)\)")
# "a folder shared over ...": the article and the one noun it heads, before what says more of it
_ONE_NOUN = re.compile(r"^(?:a|an)\s+([a-z]+)(?=\s+(?:\w+ed|shared|used|kept|that|which|who|of|for|on|in|with|where|"
                       r"from|to)\b|\s*$)")


def printable(term: str, gloss: str) -> str:
    """A gloss as it goes in brackets after ``term``: without the term it opens with ("Exchange ActiveSync
    (Exchange ActiveSync, the way ...)" repeated itself, QA26 b04), with no brackets inside ("the device (usually the
    router) ..." nested them, QA26 b25: they become commas), and a plural term's one-noun gloss in the plural
    ("SMB shares (folders shared over the network)", not "(a folder ...)")."""
    if gloss.lower().startswith(term.lower()) and len(gloss) > len(term):
        cut = _OWN_TERM_END.match(gloss, len(term))
        if cut is not None and cut.end() < len(gloss):
            gloss = gloss[cut.end():]
    if "(" in gloss:
        gloss = _INNER.sub(lambda m: ", " + m.group(1) + ",", gloss).replace(",,", ",").rstrip(",")
    last = term.split()[-1] if term.split() else ""
    if last.islower() and last.endswith("s") and not last.endswith(("ss", "us", "is")):
        one = _ONE_NOUN.match(gloss)
        if one is not None:
            noun = one.group(1)
            plural = noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else \
                noun + "es" if noun.endswith(("s", "x", "ch", "sh")) else noun + "s"
            gloss = plural + gloss[one.end():]
    return gloss


def compound_glosses(draft: str, flags: list[FlagDraft], per_flag: list[list[Edit]]) -> list[list[Edit]]:
    """``per_flag`` with the glosses of touching jargon spans merged into one edit each: the
    compound and its gloss, in the edit lists of every flag of the compound."""
    # A span that ends in an article ("provision the") ends at its term: the next term heads the
    # article's noun phrase ("the Intune profile"), it is no compound with it (qa8 b25).
    spans = sorted((s, gloss_point(draft, s, e, slashed=False), i)
                   for i, f in enumerate(flags) if f.category == "jargon" for s, e in f.spans)
    groups: list[list[tuple[int, int, int]]] = []
    for s, e, i in spans:
        if groups and _JOIN.fullmatch(draft, groups[-1][-1][1], s) and groups[-1][-1][1] <= s:
            groups[-1].append((s, e, i))
        else:
            groups.append([(s, e, i)])
    out = [list(eds) for eds in per_flag]
    for group in groups:
        if len(group) < 2:
            continue
        start = group[0][0]
        found = _compound_gloss(draft, group, flags)
        if found is None:
            continue
        end, gloss = found
        head = template_regex("gloss_heads").match(draft, end) if "/" in draft[start:end] else None
        end = head.end() if head else end  # "SPF/DKIM records (...)", never "SPF/DKIM (...) records"
        edit = Edit(start, end, f"{draft[start:end]} ({gloss})")
        end = group[-1][1]
        for _, _, i in group:
            out[i] = [ed for ed in out[i] if not start <= ed.start <= end] + [edit]
    return out


def _compound_gloss(draft: str, group: list[tuple[int, int, int]],
                    flags: list[FlagDraft]) -> tuple[int, str] | None:
    """(where the gloss goes, the gloss) of a compound, or None when no part has one."""
    from ..detectors._jargon_terms import glossary_terms

    start, end = group[0][0], group[-1][1]
    text = draft[start:end]
    joins = [e - start for _, e, _ in group[:-1]]
    for m in _WORD_START.finditer(text):  # the leftmost glossary term across a join: "DNS cache"
        k = m.start()
        if k >= joins[-1]:
            break
        found = glossary_terms(text[k:])
        if found and found[0][0] == 0 and any(k < j < k + found[0][1] for j in joins):
            whole = found[0][2].get("plain")
            if whole:
                return end, printable(text[k:k + found[0][1]], str(whole))
    parts = []
    for s, e, i in group:
        plain: Mapping[str, str] = flags[i].data.get("plain") or {}
        gloss = plain.get(draft[s:e])
        parts.append((draft[s:e], in_sense(draft, draft[s:e], gloss) if gloss else gloss))
    # a later part that modifies the next word ("Exchange cached mode") is not the glossary's sense of it:
    # only the first term is glossed, after itself
    if not any(gloss and not _MODIFIER.search(term) for term, gloss in parts[1:]):
        for (_, e, _), (_, gloss) in zip(group, parts, strict=True):
            if gloss:
                return e, str(gloss)
        return None
    # a later noun has its own gloss: the gloss goes after the whole compound and names each part, never
    # between them ("a pro-rata (...) true-up" split the term, and its suggestion for "true-up" was
    # pro-rata's gloss, QA19 b29); a part the glossary cannot explain asks the agent
    unknown = str(library().templates["jargon_unknown"])
    return end, "; ".join(named_gloss(term, str(gloss)) if gloss else f"{term}: {unknown}" for term, gloss in parts)


def jargon_edits(draft: str, flag: FlagDraft) -> list[Edit]:
    """A jargon flag's glosses: the glossary's plain words after each term, or a placeholder where it
    has none. After a noun the term modifies (the library's ``gloss_heads``: "reverse DNS lookup") the
    gloss follows the noun and names the term, never splitting the two (QA18 b06)."""
    plain: Mapping[str, str] = flag.data.get("plain") or {}
    unknown = str(library().templates["jargon_unknown"])
    out = []
    for s, e in flag.spans:
        gloss = plain.get(draft[s:e])
        gloss = in_sense(draft, draft[s:e], gloss) if gloss else gloss
        at = gloss_point(draft, s, e)
        # the term named is the flagged one: after "OAuth/SSO" the gloss is OAuth's alone ("OAuth is ...")
        term = draft[s:min(at, e)]
        # one term ("DNS"), not a phrase the glossary explains whole ("Flush your DNS"): only a term is named
        head = template_regex("gloss_heads").match(draft, at) if gloss and " " not in draft[s:at] else None
        if head is not None:
            out.append(Edit(s, head.end(), f"{draft[s:head.end()]} ({named_gloss(term, str(gloss))})"))
            continue
        owned = _POSSESSIVE.match(draft, at) if gloss else None
        if owned is not None:  # "the router's (...) settings" broke the possessive: after its noun, named
            out.append(Edit(s, owned.end(), f"{draft[s:owned.end()]} ({named_gloss(term, str(gloss))})"))
            continue
        glued = _HYPHENED.match(draft, at) if gloss and at == e else None
        if glued is not None:
            end = glued.end()
            noun = _NEXT_WORD.match(draft, end) if _MODIFIER.search(glued.group()) else None
            end = noun.end() if noun is not None else end
            out.append(Edit(s, end, f"{draft[s:end]} ({named_gloss(term, str(gloss))})"))
            continue
        if gloss and at > e:  # after a slashed pair: "SSL/TLS (SSL is the encryption ...)"
            out.append(Edit(at, at, f" ({named_gloss(term, str(gloss))})"))
            continue
        out.append(Edit(at, at, f" ({gloss})" if gloss else f" {unknown}"))
    return out


def named_gloss(term: str, gloss: str) -> str:
    """A gloss placed after the noun a term modifies names the term: "DNS is the internet's address book"."""
    # a gloss with a colon of its own ("single sign-on: one login ...") takes "is": never "SSO: single sign-on: ..."
    return f"{term} is {gloss}" if re.match(r"(?:the|an?)\s", gloss) or ":" in gloss else f"{term}: {gloss}"


# a gloss that opens by naming a term, in a word or three: "MDM is ...", "pro-rated: ..."
_NAMES = re.compile(r"[\w'’/-]+(?:[\s-]+[\w'’]+){0,2}?(?::|\s+is\b)")
MAX_GLOSSES = 2  # glosses one sentence holds in brackets; more go in a short list after it
LIST_ITEM = "\n- "


def gloss_lists(draft: str, flags: list[FlagDraft], edits: list[Edit]) -> list[Edit]:
    """``edits`` (the full rewrite's) with the glosses of a sentence that gets more than :data:`MAX_GLOSSES` moved
    out of it into a short list after it, one term a line: seven bracketed glosses in three sentences left the
    instructions unreadable (QA26 b35). Each flag's suggestion keeps its gloss in brackets."""
    from .rewrite import sentences

    jargon = [f for f in flags if f.category == "jargon"]
    if sum(len(f.spans) for f in jargon) <= MAX_GLOSSES:
        return edits
    spans = sorted(sp for f in jargon for sp in f.spans)
    glosses = [ed for ed in dict.fromkeys((ed.start, ed.end, ed.text) for ed in edits if _gloss_of(draft, ed))]
    out = list(edits)
    bounds = sentences(draft)
    for k, (s, e) in enumerate(bounds):
        inside = sorted(g for g in glosses if s <= g[0] and g[1] <= e)
        if len(inside) <= MAX_GLOSSES:
            continue
        lines = []
        for start, end, text in inside:
            inner = text[text.index(" (") + 2:-1] if text.endswith(")") and " (" in text else ""
            if start == end:  # a gloss after its term: the flagged words that end there
                term = next((draft[a:b] for a, b in spans if a < start and gloss_point(draft, a, b) == start), "")
            else:
                term = text[:text.index(" (")]
            # a compound's gloss that names its parts already ("MDM is ...; enrollment: ..."); else "term: gloss"
            words = re.split(r"[\s-]+", term)
            if not term or any(_NAMES.match(inner) and re.match(re.escape(w), inner, re.IGNORECASE) for w in words):
                lines.append(inner)
            else:
                lines.append(f"{term} is {inner}" if ":" in inner else f"{term}: {inner}")
        out = [ed for ed in out if (ed.start, ed.end, ed.text) not in inside]
        nxt = bounds[k + 1][0] if k + 1 < len(bounds) else e
        out.append(Edit(e, nxt, LIST_ITEM + LIST_ITEM.join(lines) + ("\n" if nxt > e else "")))
    return out


def _gloss_of(draft: str, ed: Edit) -> bool:
    """``ed`` is a jargon gloss: an insertion in brackets, or a term written again with its gloss after it."""
    if not ed.text.endswith(")") or " (" not in ed.text:
        return False
    return ed.start == ed.end or ed.text.startswith(draft[ed.start:ed.end] + " (")
