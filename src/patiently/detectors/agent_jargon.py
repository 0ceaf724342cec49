"""agent.jargon: technical terms the agent uses without explaining them.

Terms come from ``_jargon_terms``: the IT glossary (``data/it_glossary.yaml``, 220+ terms with
a plain-language explanation the coach can suggest) and rare words that also LOOK technical
(a digit, camelCase, dots, a path, or right after a command verb / before a technical noun).

Who is listening decides what counts. Glossary terms of ``level: common`` (VPN, driver,
access point, certificate, logs) only count for a customer who said they are not technical
or is confused. For a customer who gave no sign either way, one technical term in a message
is not reported: it takes two or more unexplained terms ("Flush the DNS and renew the DHCP
lease"). A customer who writes technical terms themselves (3+) is a technical audience and
the score is damped; IRC-style remarks addressed to another helper are skipped. In an IRC-style
channel (three or more people, "nick: ..." lines) only lines meant for the customer count: not
a helper's line in someone else's thread, their own story ("I'm booted from an iSCSI LUN"), or a
bot's canned reply to "!keyword". A term the agent side already said is not reported again
unless the customer was confused since.

A term is fine when it is explained ("DNS (the internet's address book)", "DNS, which is ...",
"a small program called a driver", anywhere in the message or earlier), when the customer
used it first (their vocabulary), or when it is an instruction rather than a concept: quoted
("type "Device Manager""), a menu path ("Settings > Mail"), a label the customer reads
("ports labelled DP1 and DP2"). Web addresses, file and folder names, ticket numbers, codes
and model numbers are not jargon. Scores of 0.5 and more (what the coach warns about) need a
non-technical or confused customer, or four unexplained terms in one message.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Any

from ..lexicon import load_lexicon
from ..model import Conversation, Finding, Message
from ._jargon_terms import glossary_terms, is_explained, is_instruction, key, level, rare_technical_words
from .base import Detector, DetectorContext

REPORT_AT = 0.3
BASE_SCORE = 0.2  # one term, customer of unknown skill: below REPORT_AT
PER_EXTRA_TERM = 0.1  # up to MAX_EXTRA
MAX_EXTRA = 0.3
NON_TECHNICAL_BONUS = 0.35
CONFUSED_BONUS = 0.25
TECH_SAVVY_TERMS = 3  # the customer used this many distinct technical terms themselves ...
TECH_SAVVY_FACTOR = 0.6  # ... so jargon weighs less for them
_ADDRESSEE = re.compile(r"^\s*@?([\w\-\[\]`^|{}.]{2,24})[:,]\s")
_NAME_PARTS = re.compile(r"[a-z0-9]+")
# "!pae | SSV", "!find libfoo.so": a request to the channel's bot, whose canned reply follows
_BOT_REQUEST = re.compile(r"^\s*!\w[\w.-]*(?:\s|$)")
IRC_ADDRESSED = 2  # "nick: ..." lines that make a chat of three or more people an IRC-style channel
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|ive|me|my|mine|we|we're|we've|our|ours)\b", re.IGNORECASE)
_SECOND_PERSON = re.compile(r"\b(?:you|your|you're|youre|you've|you'll|you'd|yours|yourself|ya|u|ur)\b",
                            re.IGNORECASE)
# "I'd fsck the partitions", "try ...": advice, even without a "you"
_ADVICE = re.compile(r"\b(?:i'?d|i\s+would|i\s+suggest|i\s+recommend|i\s+advise|try|please|make\s+sure)\b",
                     re.IGNORECASE)


@dataclass
class _State:
    """What agent.jargon has learnt from the messages read so far."""

    customer_words: str = " "  # everything the customer wrote, as spaced words: their vocabulary
    explained: set[str] = field(default_factory=set)  # terms the agent already explained
    customer_terms: set[str] = field(default_factory=set)
    said: set[str] = field(default_factory=set)  # terms the agent side already used to the customer
    # In an IRC-style channel: per helper, whether their last addressed line was to a customer
    to_customer: dict[str, bool] = field(default_factory=dict)
    non_technical: bool = False
    confused: bool = False

    def copy(self) -> _State:
        return replace(self, explained=set(self.explained), customer_terms=set(self.customer_terms),
                       said=set(self.said), to_customer=dict(self.to_customer))


# The state after a coach check's context, kept for the next check of a draft in the same
# conversation (the loop over the context was ~0.35 ms of every check). The key holds all the
# loop reads, so a hit is the state a full pass would reach.
_PREFIX_STATES: OrderedDict[tuple[Any, ...], _State] = OrderedDict()
_PREFIX_STATES_MAX = 256
_prefix_lock = threading.Lock()


class AgentJargon(Detector):
    name = "agent.jargon"
    version = 2
    labels = ("agent.jargon",)
    description = "Agent uses technical terms without explaining them, worse for non-technical customers."
    requires = ("customer.confusion",)

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        if not ctx.targets("agent"):
            return []
        rare_zipf = ctx.settings.jargon.rare_zipf
        confusion = ctx.by_label("customer.confusion")
        nt_ids = frozenset(f.message_id for f in confusion if f.data.get("non_technical"))
        confused_ids = frozenset(f.message_id for f in confusion if not f.data.get("non_technical"))
        authors = {m.author.lower() for m in conv.messages if m.author}
        names = frozenset(authors | {p for a in authors for p in _NAME_PARTS.findall(a) if len(p) > 2})
        customers = frozenset(_nick(m.author) for m in conv.messages if m.author and m.role == "customer")
        helpers = frozenset({_nick(m.author) for m in conv.messages if m.author and m.role == "agent"} - customers)
        # Many people and "nick: ..." lines: an IRC channel, where a helper's line is only for the
        # customer when addressed to them or continuing a thread with them.
        nicks = customers | {_nick(m.author) for m in conv.messages if m.author}
        irc = len(authors) > 2 and sum(
            1 for m in conv.messages if (a := _ADDRESSEE.match(m.text)) and _nick(a.group(1)) in nicks) >= IRC_ADDRESSED
        args = (rare_zipf, names, helpers, customers, irc, nt_ids, confused_ids)
        start, state = 0, _State()
        prefix_key: tuple[Any, ...] | None = None
        if ctx.focus is not None and ctx.focus > 0:
            prefix_key = (tuple((m.id, m.role, m.author, m.text) for m in conv.messages[:ctx.focus]), *args)
            with _prefix_lock:
                known = _PREFIX_STATES.get(prefix_key)
            if known is not None:
                start, state = ctx.focus, known.copy()
        out: list[Finding] = []
        for i in range(start, len(conv.messages)):
            if prefix_key is not None and i == ctx.focus and start == 0:
                with _prefix_lock:
                    _PREFIX_STATES[prefix_key] = state.copy()
                    while len(_PREFIX_STATES) > _PREFIX_STATES_MAX:
                        _PREFIX_STATES.popitem(last=False)
            msg = conv.messages[i]
            prev = conv.messages[i - 1] if i else None
            after_customer = prev is not None and prev.role == "customer"
            if prev is not None and msg.role == "agent" and prev.author != msg.author \
                    and _BOT_REQUEST.match(prev.text):
                continue  # a bot's canned factoid, not the helper's own words
            unexplained = self._read(msg, state, after_customer, *args)
            if not unexplained or not ctx.wants(i):
                continue
            score = BASE_SCORE + min(MAX_EXTRA, PER_EXTRA_TERM * (len(unexplained) - 1))
            if state.non_technical:
                score += NON_TECHNICAL_BONUS
            if state.confused:
                score += CONFUSED_BONUS
            if len(state.customer_terms) >= TECH_SAVVY_TERMS and not state.non_technical:
                score *= TECH_SAVVY_FACTOR
            if score < REPORT_AT - 1e-9:
                continue
            out.append(self._finding(msg, score, unexplained, state.non_technical, state.confused))
        return out

    def _read(self, msg: Message, state: _State, after_customer: bool, rare_zipf: float, names: frozenset[str],
              helpers: frozenset[str], customers: frozenset[str], irc: bool,
              nt_ids: frozenset[str | None], confused_ids: frozenset[str | None],
              ) -> list[tuple[int, int, dict[str, Any] | None]]:
        """Update ``state`` with one message; an agent message's unexplained terms."""
        text = msg.text
        if msg.role == "customer":
            cats = {m.category for m in load_lexicon("non_technical").find(text)}
            state.non_technical = state.non_technical or bool(cats & {"self_description", "plain_request"}) \
                or msg.id in nt_ids
            state.confused = "confusion" in cats or msg.id in confused_ids
            if state.confused:
                state.said.clear()  # what they did not follow may not be said again unexplained
            terms = [(s, e) for s, e, _ in glossary_terms(text)]
            state.customer_terms.update(key(text[s:e]) for s, e in terms + rare_technical_words(text, rare_zipf, terms))
            state.customer_words += key(text) + " "
            return []
        if msg.role != "agent":
            return []
        addressee = _ADDRESSEE.match(text)
        who = _who(_nick(addressee.group(1)), customers, helpers) if addressee else None
        author = _nick(msg.author or "")
        if who == "helper":
            state.to_customer[author] = False
            return []  # shop talk: "bob2: it's in the kernel"
        if irc:
            if who == "customer":
                state.to_customer[author] = True
            elif not state.to_customer.get(author, after_customer):
                return []  # a line in someone else's thread, or chat among helpers
            body = text[addressee.end():] if addressee else text
            if _FIRST_PERSON.search(body) and not _SECOND_PERSON.search(body) and not _ADVICE.search(body):
                return []  # the helper's own story ("I'm booted from an iSCSI LUN"), not an instruction
        # Earlier agent messages are read for what they explained, even when only the
        # focus message's findings are wanted.
        return self._unexplained(text, rare_zipf, names, state.non_technical or state.confused,
                                 state.customer_words, state.explained, state.said)

    @staticmethod
    def _unexplained(text: str, rare_zipf: float, names: frozenset[str], lay_audience: bool,
                     customer_words: str, explained: set[str], said: set[str],
                     ) -> list[tuple[int, int, dict[str, Any] | None]]:
        """First use of each term that is not common (for this audience), explained, shared or an instruction."""
        found: list[tuple[int, int, dict[str, Any] | None]] = [
            (s, e, entry) for s, e, entry in glossary_terms(text) if lay_audience or level(entry) != "common"]
        taken = [(s, e) for s, e, _ in found]
        found += [(s, e, None) for s, e in rare_technical_words(text, rare_zipf, taken, names)]
        found.sort(key=lambda t: t[0])
        keys = [key(entry["term"]) if entry else key(text[s:e]) for s, e, entry in found]
        # An explanation anywhere in the message covers every use of the term in it, and so does
        # an instruction that shows it ("ports labelled DP1 and DP2 ... move the cable to DP1").
        explained.update(k for (s, e, _), k in zip(found, keys, strict=True)
                         if is_explained(text, s, e) or is_instruction(text, s, e))
        out: list[tuple[int, int, dict[str, Any] | None]] = []
        seen: set[str] = set()
        for (s, e, entry), k in zip(found, keys, strict=True):
            if k in seen or k in explained or k in said:
                continue  # explained, or said before and the customer did not ask about it
            if f" {k} " in customer_words or f" {key(text[s:e])} " in customer_words:
                continue  # the customer's own word
            if any(k.endswith(" " + o) or o.endswith(" " + k) for o in seen):
                continue  # the same file twice: "/etc/apt/sources.list ... sources.list"
            seen.add(k)
            out.append((s, e, entry))
        said.update(seen)
        return out

    def _finding(self, msg: Message, score: float, terms: list[tuple[int, int, dict[str, Any] | None]],
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


def _nick(name: str) -> str:
    return key(name).replace(" ", "")


def _who(nick: str, customers: frozenset[str], helpers: frozenset[str]) -> str | None:
    """"customer" or "helper" for a chat address, allowing for short forms and typos ("media" for
    "media64", "jackie89" for "jackie189"); None for a word that is not a participant ("ok, ...")."""
    for group, who in ((customers, "customer"), (helpers, "helper")):
        if nick in group:
            return who
    for group, who in ((customers, "customer"), (helpers, "helper")):
        if len(nick) >= 3 and any((n.startswith(nick) and 2 * len(nick) >= len(n))
                                  or SequenceMatcher(None, nick, n).ratio() >= 0.8 for n in group):
            return who
    return None


DETECTOR = AgentJargon()
