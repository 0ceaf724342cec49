"""agent.jargon: technical terms the agent uses without explaining them.

Terms come from ``_jargon_terms``: the IT glossary (``data/it_glossary.yaml``, 220+ terms with
a plain-language explanation the coach can suggest) and rare words that also LOOK technical
(a digit, camelCase, dots, a path, or right after a command verb / before a technical noun).

Who is listening decides what counts. Glossary terms of ``level: common`` (VPN, driver, access
point, certificate, logs) only count for a customer who said they are not technical or is
confused. For a customer who gave no sign either way, one technical term in a message is not
reported: it takes two or more unexplained terms ("Flush the DNS and renew the DHCP lease"). A
customer who shows they are technical is a technical audience and the score is damped: two
technical terms of their own, or one thing typed at a terminal (a command, a system path or
config file, a version string, an option, a package name, an error code or output, a paste
link). Saying they are new or not technical ("I'm new to linux", "no Linux experience"), asking
for plain words, or being confused right now wins over all of that. IRC-style remarks addressed
to another helper are skipped. In an IRC-style channel (three or more people, "nick: ..." lines)
only lines meant for the customer count: not a helper's line in someone else's thread, their own
story ("I'm booted from an iSCSI LUN"), or a bot's canned reply to "!keyword". A term the agent
side already said is not reported again unless the customer was confused since.

A term is fine when it is explained ("DNS (the internet's address book)", "DNS, which is ...",
"a small program called a driver", anywhere in the message or earlier), when the customer used
it first (their vocabulary, also in singular or plural), or when it is an instruction rather
than a concept: quoted ("type "Device Manager""), a menu path ("Settings > Mail"), a label the
customer reads ("ports labelled DP1 and DP2"). Web addresses, file and folder names, ticket
numbers, codes and model numbers are not jargon. v4 (QA pass 4b): a name to type into a box
("type Floor2-HP in the search box") is an instruction, and a name the agent gave the customer
to pick, click or type stays excused when it comes back later (even after the customer was
confused). v5 (QA pass 8): so is an app the customer is told to open, install or tap ("Open the
Microsoft Authenticator app"): it is a name to find on their phone. Scores of 0.5 and more (what the coach warns
about) need a non-technical or confused customer, or four unexplained terms in one message.

v6 (QA pass 11): two acronyms joined by a slash ("SPF/DKIM") are two terms, a command word after
"a"/"an" ("run a traceroute") is a noun to explain, not a line to copy; glossary v2 adds display
terms (GPU, native resolution, display scaling, graphics control panel), a bare "MX" and support
tiers ("escalated to L2").

v9 (QA pass 15): an explanation after the term's head noun ("DNS setting, which is basically the address book
...") or an appositive with a relative clause ("DNS, the system that turns website names into numbers, ...")
explains the term; glossary v5 adds operator-internal mobile terms (HLR, OTA, UE) and bank back-office terms (SWIFT
gpi, AML screening, nostro, correspondent bank), so four of them to an ordinary customer reach a warning.

v10 (QA pass 18): an e-mail address ("for example jane.doe@acme.com", "vpn.help@it.acme.com") is something to
type or write to, like a web address: no part of it is a glossary term or a rare technical word.
v11 (QA passes 16-18): glossary v6 adds billing and contract terms (ARR, MSA, true-up, pro-rated, per-seat licence,
net 30, accrual ...), the Wi-Fi bands and "contention on the node", the boot order and a website's certificate words
(intermediate chain, "the handshake fails", ACME). The customer's state reads non_technical.yaml v4, which also hears a
customer who shows it without saying it: their age ("I'm 78"), the relative who helps being away ("my grandson isn't
around to help"), "I have no idea how to do that". Three or more glossary terms packed into few words (at most eight
words a term) add 0.1: a wall of jargon weighs more than the same terms spread out (not for a technical customer). "Your
invoice shows a pro-rated adjustment" describes, it is no label read off a screen.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Any

from ..lexicon import load_lexicon
from ..lexicon_index import finditer, first_literals
from ..model import Conversation, Finding, Message
from ._jargon_acronyms import unknown_acronyms
from ._jargon_signs import _hands_on, at_terminal, says_where_to_type
from ._jargon_terms import (
    glossary_terms,
    is_explained,
    is_instruction,
    key,
    level,
    rare_technical_words,
)
from .base import Detector, DetectorContext
from .customer_confusion import says_non_technical

REPORT_AT = 0.3
BASE_SCORE = 0.2  # one term, customer of unknown skill: below REPORT_AT
PER_EXTRA_TERM = 0.1  # up to MAX_EXTRA
MAX_EXTRA = 0.3
NON_TECHNICAL_BONUS = 0.35
CONFUSED_BONUS = 0.25
TECH_SAVVY_SIGNS = 2  # the customer showed this many signs of being technical ...
TECH_SAVVY_FACTOR = 0.6  # ... so jargon weighs less for them
HANDS_ON_WEIGHT = 2  # what they typed or pasted (a command, a path, output) is a stronger sign than a word
# v10 (QA pass 16 b18): terms packed into a short reply ("Your TLS certificate expired and the intermediate chain is
# misconfigured, so the handshake fails HSTS checks.") weigh more than the same terms spread over a long one:
# three or more glossary terms (concepts, not a list of paths or names to type) with at most this many words per term
# add DENSITY_BONUS (not for a technical customer).
DENSE_TERMS = 3
DENSE_WORDS_PER_TERM = 8
DENSITY_BONUS = 0.1
# A name the agent shows for the customer to pick, click or type: quoted, or right after the verb.
_SHOWN_NAME = re.compile(
    r"\b(?:pick|select|choose|click(?:\s+on)?|tap|press|type|enter|find|look\s+for|search\s+for|named|called)\s+"
    r"[\"'`“‘]?([A-Za-z0-9][\w.\-]{1,40}?)[\"'`”’]?(?=[\s.,;:!?)]|$)",
    re.IGNORECASE)
# finditer looks only where a match can start ("pick", "select", ...): the pattern must tell it where
assert first_literals(_SHOWN_NAME), "finditer needs the literals every _SHOWN_NAME match starts with"
# ... shaped like a name (a digit, a hyphen or a capital inside: Floor2-HP, HP-Reception, LaserJet),
# not a plain word ("'whats new' type articals")
_NAME_SHAPE = re.compile(r".[\w.]*[0-9A-Z\-]")
# "I'm a newbie", "I'm new to linux", "I have no Linux experience": a lay audience too (the shared
# non_technical lexicon has "I'm new to this"; these are the IT-support spellings of it).
_NEW_USER = re.compile(
    r"\b(?:i'?m|im|i\s+am)\s+(?!not\b|no\b)(?:(?:a|an|very|really|pretty|total|totally|complete|completely|quite|"
    r"still|kinda|fairly|relatively|linux|ubuntu|computer|super)\s+){0,3}"
    r"(?:newbie|noob|n00b|newb|beginner|novice|new\s+(?:to|at|with|in|user)\b)"
    r"|\b(?:no|little|zero)\s+(?:\w+\s+)?(?:linux|ubuntu|computer|technical|tech)\s+(?:experience|knowledge|skills)\b"
    r"|\ba\s+new\s+(?:linux|ubuntu)\s+user\b",
    re.IGNORECASE)
# v10: a customer who introduces themselves by a technical job ("I'm a sysadmin", "I'm the network admin at our Leeds
# branch", "I'm a senior DevOps engineer", "network engineer here") is a technical audience, as if they had shown
# TECH_SAVVY_SIGNS; not "I'm an office manager", "the engineer didn't come", "I'm a customer of your dev team".
_TECH_ROLE = re.compile(
    r"\b(?:(?:i['’]?m|im|i\s+am)\s+(?:a|an|the|our|one\s+of\s+the)|as\s+(?:a|an|the))\s+"
    r"(?:(?!(?:of|your|their|his|her|the|for|with|at|to|that|and|but|not)\b)[\w-]+\s+){0,3}?"
    r"(?P<role>sys-?admins?|(?:systems?|network|it|site|domain|database|db|linux|server|cloud|web)\s+admin(?:istrator)?s?|"
    r"(?:software|web|backend|front-?end|full-?stack|app|mobile|python|java|linux|kernel)?\s*developers?|programmers?|"
    r"devs?|(?:software|network|systems?|devops|site\s+reliability|cloud|security|it|platform|infrastructure|data|"
    r"backend|qa|test|support|solutions?)\s+engineers?|devops|sres?|(?:solutions?|cloud|software|systems?|network|"
    r"it)\s+architects?|it\s+(?:manager|technician|guy|person|lead|director))\b"
    r"|\b(?:sys-?admin|developer|(?:network|software|devops|systems?|security|cloud)\s+engineer|devops|dev)\s+here\b",
    re.IGNORECASE)
# Questions about where to click are not confusion about a word (for this detector: agent.condescending
# reads the same lexicon and keeps them).
_NOT_CONFUSION = frozenset({"how do i find", "where do i find"})
# v16 (QA pass 24): limited English, and not knowing their own router's IP address, are a lay audience here alone
_LAY_AUDIENCE = frozenset({"limited_english", "setup_unknown"})
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
    customer_terms: set[str] = field(default_factory=set)  # technical words the customer wrote
    hands_on: set[str] = field(default_factory=set)  # commands, paths, output ... the customer typed
    said: set[str] = field(default_factory=set)  # terms the agent side already used to the customer
    # In an IRC-style channel: per helper, whether their last addressed line was to a customer
    to_customer: dict[str, bool] = field(default_factory=dict)
    non_technical: bool = False
    confused: bool = False
    tech_role: bool = False  # introduced themselves by a technical job (v10)
    at_terminal: bool = False  # named Linux, a terminal or a shell (v17): commands are their medium

    def copy(self) -> _State:
        return replace(self, explained=set(self.explained), customer_terms=set(self.customer_terms),
                       hands_on=set(self.hands_on), said=set(self.said), to_customer=dict(self.to_customer))

    @property
    def technical(self) -> bool:
        """The customer showed they are technical and never said otherwise, nor is confused now."""
        signs = len(self.customer_terms) + HANDS_ON_WEIGHT * len(self.hands_on) + TECH_SAVVY_SIGNS * self.tech_role
        return signs >= TECH_SAVVY_SIGNS and not self.non_technical and not self.confused


# v5 (QA pass 8): an app the customer is told to open, install or tap is a name to find on their
# phone, not a concept to understand: "Open the Microsoft Authenticator app", "install the
# Company Portal app" (up to two name words between the verb and the term).
_APP_VERB_BEFORE = re.compile(r"\b(?:open|launch|install|download|start|tap|find|use|get)\s+(?:(?:the|your|an?)\s+)?"
                              r"(?:[\w&+-]+\s+){0,2}$", re.IGNORECASE)
_APP_AFTER = re.compile(r"\s+app(?:lication)?\b", re.IGNORECASE)


def _app_to_open(text: str, start: int, end: int) -> bool:
    """The term names an app ("... app") that the customer opens, installs or taps."""
    is_app = text[start:end].lower().endswith(("app", "application")) or bool(_APP_AFTER.match(text, end))
    return is_app and bool(_APP_VERB_BEFORE.search(text, max(0, start - 48), start))


# The state after a coach check's context, kept for the next check of a draft in the same
# conversation (the loop over the context was ~0.35 ms of every check). The key holds all the
# loop reads, so a hit is the state a full pass would reach.
_PREFIX_STATES: OrderedDict[tuple[Any, ...], _State] = OrderedDict()
_PREFIX_STATES_MAX = 256
_prefix_lock = threading.Lock()


class AgentJargon(Detector):
    name = "agent.jargon"
    # v5 (QA pass 8): an app to open or install ("Open the Microsoft Authenticator app") is no jargon
    # v8 (QA pass 13): the one non-technical list (non_technical.yaml v3), read with customer.confusion's
    # rule that it describes the writer ("my colleague is not a tech person" does not)
    # v9 (QA pass 15): "DNS setting, which is basically ..." is explained; glossary v5 (HLR, OTA, AML, nostro ...)
    # v10 (QA pass 18): no part of an e-mail address is a term ("for example jane.doe@acme.com")
    # v11 (QA passes 16-18): glossary v6 (billing and contract terms, the Wi-Fi bands, "contention on the node", the
    # boot order, certificate chains); non_technical.yaml v4 (age, the helping relative away, "no idea how to do
    # that"); terms packed densely weigh more; "your invoice shows a pro-rated ..." is no label to read off a screen
    # v12 (QA pass 21, non_technical.yaml v5 via customer.confusion): jargon to "I'm just a pensioner" is raised
    # v13 (QA pass 22, glossary v7): health-insurance billing (EOB, coinsurance, allowed amount, CPT code) and school
    # platforms (LMS, LTI, federate)
    # v14 (QA pass 23, non_technical.yaml v6 via customer.confusion): jargon to "I'm not good with phones" is raised
    # v15 (QA pass 25): glossary v8 (EAS, re-auth, re-provision, WAN, credentials ...); "the MDM-pushed profile" is
    # MDM; an acronym the glossary lacks is jargon to a lay customer (_jargon_acronyms)
    # v16 (QA pass 24, non_technical.yaml v7): "my english not good", "I don't know what my router's IP address is": lay
    # v17 (QA pass 26, glossary v9): a command line to a customer who said they are not technical, with no word on where
    # to type it, is jargon ("Renew it with ipconfig /renew"); "modern auth" and "basic auth" are glossary terms
    version = 17  # v7 (QA pass 12): glossary v3; v6 (QA pass 11): "SPF/DKIM" is two terms, "run a traceroute" a noun
    labels = ("agent.jargon",)
    description = "Agent uses technical terms without explaining them, worse for non-technical customers."
    requires = ("customer.confusion",)

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        if not ctx.targets("agent"):
            return []
        rare_zipf = ctx.settings.jargon.rare_zipf
        nt_ids, confused_ids, authors, names = _audience(conv, ctx)
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
            concepts = sum(1 for _, _, entry in unexplained if entry)  # glossary terms: not paths or names to type
            # (at most ``most`` + 1 words split off: enough to tell whether there are more than ``most``)
            most = DENSE_WORDS_PER_TERM * concepts
            if concepts >= DENSE_TERMS and not state.technical and len(msg.text.split(None, most)) <= most:
                score += DENSITY_BONUS  # many concepts in few words: a wall of jargon
            if state.non_technical:
                score += NON_TECHNICAL_BONUS
            if state.confused:
                score += CONFUSED_BONUS
            if state.technical:
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
            _read_customer(msg, state, rare_zipf, names, nt_ids, confused_ids)
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
        # v17 (QA pass 26): a command line is a line to copy, but not to a customer who said they are not
        # technical and was not told where to type it ("Renew it with ipconfig /renew" to "I'm 74 and not very good
        # with computers"); a Linux newcomer in a help channel works at a terminal, so there it stays a line to copy
        # (a technical customer is never non_technical: `not state.non_technical` covers them)
        commands = irc or state.at_terminal or bool(state.hands_on) or not state.non_technical \
            or says_where_to_type(text)
        return self._unexplained(text, rare_zipf, names, state.non_technical or state.confused,
                                 state.customer_words, state.explained, state.said, commands)

    @staticmethod
    def _unexplained(text: str, rare_zipf: float, names: frozenset[str], lay_audience: bool,
                     customer_words: str, explained: set[str], said: set[str], commands: bool,
                     ) -> list[tuple[int, int, dict[str, Any] | None]]:
        """First use of each term that is not common (for this audience), explained, shared or an instruction."""
        found: list[tuple[int, int, dict[str, Any] | None]] = [
            (s, e, entry) for s, e, entry in glossary_terms(text) if lay_audience or level(entry) != "common"]
        taken = [(s, e) for s, e, _ in found]
        found += [(s, e, None) for s, e in rare_technical_words(text, rare_zipf, taken, names)]
        if lay_audience:  # v15: an acronym the glossary lacks ("remove the EAS account") is jargon to them
            found += [(s, e, None) for s, e in unknown_acronyms(text, [(s, e) for s, e, _ in found], names)]
        found.sort(key=lambda t: t[0])
        keys = [key(entry["term"]) if entry else key(text[s:e]) for s, e, entry in found]
        # An explanation anywhere in the message covers every use of the term in it, and so does
        # an instruction that shows it ("ports labelled DP1 and DP2 ... move the cable to DP1").
        # (a key already explained, earlier or at a use before in this message, needs no more tests)
        explained.update(k for (s, e, _), k in zip(found, keys, strict=True) if k not in explained
                         and (is_explained(text, s, e) or is_instruction(text, s, e, commands)
                              or _app_to_open(text, s, e)))
        # A name the agent gave to pick or type ("pick 'Floor2-HP'") stays a name when it comes
        # back later in the conversation, even after the customer was confused (v4).
        # (tried only where one of its verbs is: ~4x faster than ``re`` trying every position)
        explained.update(key(m.group(1)) for m in finditer(_SHOWN_NAME, text)
                         if _NAME_SHAPE.search(m.group(1)))
        out: list[tuple[int, int, dict[str, Any] | None]] = []
        seen: set[str] = set()
        for (s, e, entry), k in zip(found, keys, strict=True):
            if k in seen or k in explained or k in said:
                continue  # explained, or said before and the customer did not ask about it
            if any(f" {w} " in customer_words for w in _forms(k) | _forms(key(text[s:e]))):
                continue  # the customer's own word, also in the singular or plural ("drivers", "MP3s")
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


def _read_customer(msg: Message, state: _State, rare_zipf: float, names: frozenset[str],
                   nt_ids: frozenset[str | None], confused_ids: frozenset[str | None]) -> None:
    """Update ``state`` with what one customer message shows: lay or confused, their words, technical signs."""
    text = msg.text
    matches = load_lexicon("non_technical").find(text)
    # the one non-technical list, with customer.confusion's rule that it is about the writer
    state.non_technical = state.non_technical or says_non_technical(text) or msg.id in nt_ids \
        or bool(_NEW_USER.search(text)) or any(m.category in _LAY_AUDIENCE for m in matches)
    state.confused = any(m.category == "confusion" and key(m.text) not in _NOT_CONFUSION for m in matches) \
        or msg.id in confused_ids
    if state.confused:
        state.said.clear()  # what they did not follow may not be said again unexplained
    found = glossary_terms(text)
    taken = [(s, e) for s, e, _ in found]
    # Everyday terms (Wi-Fi driver, terminal, logs) do not show a technical customer; the rest do.
    state.customer_terms.update(key(text[s:e]) for s, e, entry in found if level(entry) != "common")
    state.customer_terms.update(key(text[s:e]) for s, e in rare_technical_words(text, rare_zipf, taken, names))
    state.hands_on.update(_hands_on(text))
    state.tech_role = state.tech_role or bool(_TECH_ROLE.search(text))
    state.at_terminal = state.at_terminal or at_terminal(text)
    state.customer_words += key(text) + " "


def _audience(conv: Conversation, ctx: DetectorContext
              ) -> tuple[frozenset[str | None], frozenset[str | None], set[str], frozenset[str]]:
    """What agent.jargon and :func:`technical_customer` read the customers by: the messages customer.confusion
    found non-technical, those it found confused, the authors (lower-case) and the names in them."""
    confusion = ctx.by_label("customer.confusion")
    nt_ids = frozenset(f.message_id for f in confusion if f.data.get("non_technical"))
    confused_ids = frozenset(f.message_id for f in confusion if not f.data.get("non_technical"))
    authors = {m.author.lower() for m in conv.messages if m.author}
    names = frozenset(authors | {p for a in authors for p in _NAME_PARTS.findall(a) if len(p) > 2})
    return nt_ids, confused_ids, authors, names


def technical_customer(conv: Conversation, ctx: DetectorContext, i: int) -> bool:
    """agent.jargon's reading of the customer before message ``i``, for agent.condescending (v21): they showed they are
    technical (a technical job, technical terms of their own, something typed at a terminal), never said they are not
    (customer.confusion's non_technical reading) and are not confused in their last message. Needs
    customer.confusion."""
    nt_ids, confused_ids, _, names = _audience(conv, ctx)
    state = _State()
    for m in conv.messages[:i]:
        if m.role == "customer":
            _read_customer(m, state, ctx.settings.jargon.rare_zipf, names, nt_ids, confused_ids)
    return state.technical


def _forms(k: str) -> set[str]:
    """A term and its singular or plural: "mp3s" -> {"mp3s", "mp3"}."""
    return {k, k[:-1]} if k.endswith("s") and len(k) > 3 else {k, k + "s"}


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
