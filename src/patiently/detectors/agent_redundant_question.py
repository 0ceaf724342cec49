"""agent.redundant_question: the agent asks for something the customer already gave.

Typed slots first: ``lexicons/info_given.yaml`` finds what customers gave (an email address,
an error code or quoted error text, an asset tag, the OS and its version, a device model, a
ticket or order number, a username, a phone number, the printer, the app, when it started)
and ``lexicons/info_asked.yaml`` what an agent question asks for, with the same slot names.
An agent question whose slot the customer filled in the last ``WINDOW`` customer messages is
redundant. Meaning is used twice: it raises the score when the question is also close to the
customer sentence that gave the value, and, without any slot, a question for how the problem
shows itself that is very close to an earlier customer *statement* ("what happens when you
print?" after "when I print it jams") counts at a lower score. Verification ("can you confirm your email is...?") is not
redundant: agents must re-check identity, so confirmation frames are skipped, and so is a
question for a different value when the words sit next to the slot ("a new asset tag", "the
error now"), or an OS question about another family than the one given.

Version 2 (precision on real IRC support chats, see the doc): the meaning path only takes
questions asking how the problem shows itself ("what happens…?"); an output (error, version,
what happens) asked after the agent had the customer run or try something is the new output,
not the old one; a value inside quotes (on-screen text) or an OS named as what is being
written to a USB stick is not the customer's own; and in multi-party chats a question
addressed to someone else, or the customer's own line under a second nick, is skipped.

Version 3 (QA pass 5): an ID that names the customer ("my employee ID is 44120", "badge #7781")
is a slot too (``person_id``), so "What's your employee ID?" after it is redundant.

Version 4 (QA pass 6): "when you open Teams" in the question is the situation the customer already
described ("when I start Teams it says ... Error code caa70004"), not a new try, when everything acted
on is named in the customer's message; "what do you get after you run sudo apt update?" still asks
for new output.

Version 6 (QA pass 8): "your account email" asks for the email, and a router named by brand and
model ("Netgear Nighthawk R7000") answers "What's the name of your router?".

Version 7 (QA pass 10): any device by brand and model number ("HP LaserJet Pro M404n") answers
"What model of printer do you have?", and a fix the customer reports having done is a slot too
(``did_restart``, ``did_reinstall``, ``did_reset``, ``did_clear``, ``did_relog``): "Have you
restarted the router?" after "I've restarted the router twice already" is redundant. Only when
the thing acted on matches (or either side names none: "restarted it"), and not once an agent
has since told them to do something (then the question asks about the new try).
Version 8 (QA pass 13): that the device has power is one more such slot (``did_power``): "Did you
check if it's plugged in?" or "Is the TV switched on?" after "It's plugged in, the power light is
on, I've tried two different sockets". "Please make sure it's plugged in" is a step, not a question.

v9 (QA pass 15, ``info_asked.yaml`` v8): "What does the error message say exactly?" asks for the error, so after
"It says 'Error 0x800F081F' like I told you" it is redundant.

v12 (QA pass 24, info_asked v10, info_given v9): a customer's "Yes, I cleared them" answering the agent's own "Did you
clear your cookies?" fills that did_* slot (the thing acted on read from the agent's question), so asking it again is
redundant; "What's your issue?" / "How can I help?" asks for the ``issue`` slot, which a need said in words fills ("can
you help me set up my email on my new phone?"); and "the serial number, it's XJ-4471" gives the asset tag.

v13 (QA pass 26, info_given v10): a bare "Mac" in the question is the macOS family ("Are you on Windows or Mac?" after
"macOS Sonoma 14.4"), a Mac named by model ("my MacBook Air") gives macOS, and the words of info_given's ``same_thing``
groups are one machine when comparing what a did_* question and the customer's report act on ("restarted my PC" answers
"Have you tried restarting your computer?").
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np

from ..lexicon import Lexicon, Match, load_lexicon, words_of
from ..model import Conversation, Finding
from ..text import content_words, words
from .base import Detector, DetectorContext
from .customer_repeat import is_question

WINDOW = 15  # earlier customer messages searched for the slot value
SLOT_SIMILARITY = 0.45  # question close to the sentence that gave the value: more certain
MEANING_SIMILARITY = 0.78  # no slot: a wh-question this close to a customer statement
MEANING_SCORE = 0.5
MIN_SHARED_WORDS = 2  # ... and shares this many content words with it
MIN_QUESTION_WORDS = 3  # "Windows 11?" echoes to confirm; it does not ask again
IMPLIES = {"os_version": ("os",)}  # "Windows 11" answers "which OS?" as well
DID = "did_"  # v7: slots for a fix the customer already did ("I've restarted the router")
# the words of a did_* match that name the action, not the thing acted on ("i've" -> i, ve)
_ACTION_WORDS = frozenset({
    "have", "did", "had", "you", "u", "i", "we", "ve", "d", "already", "also", "even", "ever", "just", "both",
    "again", "then", "obviously", "tried", "try", "to", "attempted", "restart", "restarted", "restarting", "reboot",
    "rebooted", "rebooting", "power", "cycle", "cycled", "cycling", "turn", "turned", "turning", "switch",
    "switched", "switching", "off", "and", "on", "back", "reinstall", "reinstalled", "reinstalling", "re",
    "install", "installed", "installing", "uninstall", "uninstalled", "uninstalling", "factory", "reset",
    "resetting", "clear", "cleared", "clearing", "empty", "emptied", "emptying", "delete", "deleted", "deleting",
    "log", "logged", "logging", "sign", "signed", "signing", "out", "in", "the", "your", "my", "our", "this",
    "that", "it", "them", "all", "didn", "t", "not", "doesn", "does", "hasn", "has", "help", "work", "fix",
    "change", "do", "anything", "solve", "twice",
    # v8: the words of a did_power match ("It's plugged in", "Did you check if the TV is switched on?")
    "plug", "plugs", "plugged", "plugging", "connected", "powered", "s", "is", "are", "was", "were", "been",
    "check", "checked", "tested", "make", "made", "sure", "look", "looked", "at", "see", "seen", "if", "whether",
    "definitely", "properly", "firmly", "securely", "fully", "actually", "two", "three", "few", "several",
    "different", "other", "another", "socket", "sockets", "outlet", "outlets", "points", "wall", "mains",
    "light", "led", "lamp", "standby", "lit", "comes", "turns", "cable", "cables", "cord", "cords", "supply",
})
SLOT_NAMES = {
    "email": "email address", "error": "error message", "asset": "asset tag / serial number",
    "os": "operating system", "os_version": "OS version", "device": "device model",
    "ticket": "ticket number", "order": "order/account number", "username": "username",
    "phone": "phone number", "printer": "printer", "app": "application", "started": "when it started",
    "browser": "browser", "version": "version", "person_id": "ID number", "issue": "request or problem",
}
# v12: a customer message answering yes to the agent's question just before it ("Yes, I cleared them")
_YES = re.compile(r"^\W*(?:yes|yeah|yep|yup|yea|ya|sure|of\s+course|i\s+did|i\s+have|done|already\s+did|"
                  r"i\s+already\s+did|did\s+that|i['’]?ve\s+done\s+that)\b", re.IGNORECASE)
_CONFIRM = re.compile(
    r"\b(?:confirm|verify|verification|double[-\s]?check|just\s+to\s+check|still|correct|right\?|"
    r"for\s+security|security\s+purposes|same\s+as|"
    # a choice that names a candidate checks it: "the one called Floor 2 or another one?"
    r"or\s+(?:another|a\s+different|some\s+other|an?\s+other|something\s+else)|"
    # a preference, not a fact: "which version would you like / do you need?"
    r"would\s*(?:you|u)\s*(?:like|prefer)|do\s+you\s+(?:want|need|prefer)|you\s+(?:need|want)(?=\s*\?))\b",
    re.IGNORECASE,
)
# "what do you mean by ...?", "what's a ppf patch?": asks to explain the customer's words, which
# are close in meaning on purpose
_CLARIFY = re.compile(r"\bwhat\s+(?:(?:do|did)\s+)?you\s+mean\b|\bwhat\s*(?:'s|\s+is)\s+(?:(?:a|an)\s|[\"“])",
                      re.IGNORECASE)
# An OS question naming one family is not answered by another family ("what ubuntu version?"
# after "Windows Vista").
# v13 (QA pass 26): a bare "Mac" and a Mac model name macOS ("are you on Windows or Mac?"), not "MAC address".
_FAMILY = re.compile(r"\b(?:(win)(?:dows|\s*\d+|xp|vista)|(mac)(?:\s*os|book|\b(?!\s*(?:address|addr)\b))|(imac)|(osx)|"
                     r"(ios)|(android)|"
                     r"(ubuntu|kubuntu|xubuntu|lubuntu|debian|fedora|mint|linux|distro))\b", re.IGNORECASE)
# "a new / another / a different asset tag", "any other error", "the error now / again": asks
# for a different value than the one given. Only next to the asked slot: the "new" of "when does
# the new starter begin?" says nothing about the asset tag asked for in the same sentence.
_OTHER = re.compile(r"\b(?:other\s+than|another|different|new|other|else|again|now|instead)\b", re.IGNORECASE)
_OTHER_BEFORE = re.compile(r"\b(?:another|different|new|other|any\s+more|more)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_OTHER_AFTER = re.compile(
    r"^\W*(?:(?:\w+\W+){0,4}?(?:other\s+than|else|again|now|instead|this\s+time)\b|"
    r"(?:of|for|on)\s+(?:the|your|a|an|this|that)\s+(?:new|other|second|spare|replacement|loan|different)\b)",
    re.IGNORECASE,
)
# The meaning-only path takes questions for how the problem shows itself, which an earlier
# description can answer. "What FTP server…?", "what is grub set to boot?" ask to identify or
# add something; a customer sentence close in meaning ("my ftp server") seldom holds it.
_DESCRIBE = re.compile(
    r"^\W*(?:@\w+\s+|<?[\w\-\[\]\\`^{}|]+>?[:,]\s+)?(?:and\s+|so\s+|ok(?:ay)?,?\s+)?what\s*"
    r"(?:happens|happened|goes\s+wrong|went\s+wrong|(?:does|did)\s+it\s+do|do\s+you\s+see|are\s+you\s+seeing|"
    r"(?:\s+is|'s|’s|s)\s+(?:wrong|happening|going\s+on|the\s+(?:problem|issue)))\b",
    re.IGNORECASE,
)
# Slots that are the output of an action: after "run `apt-cache policy`", "try --help", "restart
# it", asking what the error / version / result is asks for the new output.
OUTPUT_SLOTS = frozenset({"error", "version", None})
_ACTION = re.compile(
    r"(?:^|[.!?;:,]\s*|\b(?:now|then|just|please|pls|first|and|so|also)\s+)"
    r"(?:try|run|re-?run|type|reboot|restart|re-?install|install|update|upgrade|clear|open|go\s+to|click|press|"
    r"boot|execute|enter|remove|delete|reset|unplug)\b"
    r"|\bsudo\s+\w|\bapt(?:-get|-cache|itude)?\s+\w|`[^`]+`|"
    r"(?:^|\s)(?:ls|cat|grep|tail|dmesg|lspci|lsusb|lsmod|uname|dpkg|fdisk|mount|modprobe|ifconfig|iwconfig|xrandr)"
    r"\s+[-/\w]",
    re.IGNORECASE | re.MULTILINE,
)
_AFTER_ACTION = re.compile(
    r"\b(?:after|when|once|now\s+that)\s+you\s+(?:run|ran|type|typed|try|tried|do|did|enter|entered|reboot|"
    r"rebooted|restart|restarted|boot|install|installed|open|click|press)\b",
    re.IGNORECASE,
)
# Quoted text is what a screen or a person said ('it says "windows vista loader"'): an error,
# but not the customer's own OS, device or app.
_QUOTED = re.compile(r'"[^"]+"|“[^”]+”|‘[^’]+’|(?<!\w)\'[^\']+\'(?!\w)')
# An OS named as what is being written or installed ("a bootable win7 usb", "the ubuntu iso")
# is not the one the customer runs.
_TARGET_AFTER = re.compile(
    r"^\s*(?:bootable\s+)?(?:usb|iso|cd|dvd|disc|image|installer|install(?:ation)?\s+(?:cd|dvd|disc|disk|media|usb)|"
    r"live\s*(?:cd|usb|dvd)|vm|virtual\s*machine|stick)\b",
    re.IGNORECASE,
)
_TARGET_BEFORE = re.compile(
    r"\b(?:bootable|burn(?:ed|t|ing)?|download(?:ed|ing)?|write|wrote|writing|create|created|creating|make|making|"
    r"(?:tr(?:y|ied|ying)|want(?:ed)?|going|need)\s+to\s+(?:re)?install)\s+(?:an?\s+|the\s+|my\s+)?$",
    re.IGNORECASE,
)
# IRC lines start with the nick they answer: "erictr1ck: what is the model?", "<cesc_> and…"
_ADDRESSEE = re.compile(r"^\W*<?([\w\-\[\]\\`^{}|]+?)>?(:|,)\s")
_NICK_TAIL = re.compile(r"[_\-^`|\d]+$")


class _Vectors:
    """The sentence vectors and their rows, taken from ``ctx`` when a question first needs them.

    In a coach check, asking for them encodes the draft's sentences (~0.3 ms); most questions are
    settled without a vector (no slot the customer filled, not a "what happens?"). The encoding is
    then done by the next detector that needs vectors (agent.tone does on almost every draft, when
    its head reads the same embedder), so this saves time only where none does; it also keeps
    the encoding out of this detector's own cost in ``benchmarks/coach_parts.py``.
    """

    def __init__(self, ctx: DetectorContext) -> None:
        self.index, self.vecs = ctx.sentence_vectors()
        self.rows = ctx.rows_by_message()
        self.row_of = ctx.sentence_rows()

    def of(self, i: int, s: int, e: int) -> np.ndarray:
        """The vector of sentence ``(s, e)`` of message ``i``."""
        return self.vecs[self.row_of[(i, s, e)]]


class AgentRedundantQuestion(Detector):
    name = "agent.redundant_question"
    # v5 (QA pass 7): shorter order numbers, 'what the error says';
    # v3: + the person_id slot; v4 (QA pass 6): 'when you open <what they named>' is no new try
    # v7 (QA pass 10): any device by brand + model number; fixes already tried ("Have you restarted the router?")
    # v8 (QA pass 13): whether the device has power ("Did you check if it's plugged in?") after the
    # customer said so (``did_power``)
    # v9 (QA pass 15, info_asked v8): "What does the error message say exactly?"
    # v10 (QA pass 16): did_spam ('Could you check your spam folder?' after 'I already checked spam');
    # 'what email address is on the account?'
    # v11 (QA pass 21, info_given v8): a quoted mail bounce gives the error ("bounce-backs saying "550 5.1.1 ...""")
    # v12 (QA pass 24): a "yes" to the agent's own did-question fills it; the ``issue`` slot; "serial number, it's X"
    # v13 (QA pass 26, info_given v10): "Windows or Mac?" after "my MacBook Air, macOS Sonoma 14.4" (a bare "Mac" is the
    # macOS family, a Mac model gives macOS); "restarted my PC" answers "restarting your computer?" (same_thing)
    version = 13  # v6 (QA pass 8): "your account email", the router by brand and model (info lexicons)
    labels = ("agent.redundant_question",)
    description = "The agent asks for information the customer already gave."
    needs = frozenset({"embeddings"})

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        asked_lex = load_lexicon("info_asked")
        questions: list[tuple[int, int, int, list[Match]]] = []
        first_customer = ctx.first_of("customer")
        for i in ctx.targets("agent"):
            text = conv.messages[i].text
            if i < first_customer or ("?" not in text and "please" not in text.lower()):
                continue  # the cheap check first
            for s, e in ctx.sentences(i):
                sentence = text[s:e]
                if len(words(sentence)) < MIN_QUESTION_WORDS:
                    continue
                # What it asks for first: a sentence that asks for no slot and not "what happens?"
                # can lead to no finding below, so whether it is a question at all (a lexicon
                # search in most sentences, which have no "?") is not needed.
                asked = asked_lex.find(sentence)
                if not asked and not _DESCRIBE.match(sentence):
                    continue
                if not is_question(sentence) or _CONFIRM.search(sentence):
                    continue
                if _OTHER.search(sentence):
                    asked = [m for m in asked if not _asks_other(sentence, m)]
                    if not asked:
                        continue  # "any other error?" / "anything else?": not a repeat
                questions.append((i, s, e, asked))
        if not questions:
            return []
        given_lex = load_lexicon("info_given")
        given_cache: dict[int, list[Match]] = {}
        vectors: _Vectors | None = None  # on first use (see _Vectors)
        nicks = {(m.author or "").lower() for m in conv.messages}
        people = {n for m in conv.messages if m.author for n in (_nick(m.author), _nick(m.author).split(" ")[0])}
        out: list[Finding] = []
        for i, s, e, asked in questions:
            msg = conv.messages[i]
            question = msg.text[s:e]
            speakers = _speakers(conv, i, question, people)
            if speakers is None:
                continue  # addressed to someone who is not in this thread
            hit = self._slot_hit(conv, ctx, i, asked, given_lex, given_cache, question, speakers)
            if hit is not None and (hit[0] in OUTPUT_SLOTS or hit[0].startswith(DID)) \
                    and _new_action(conv, hit[1], i, e):
                continue  # "run apt-cache policy … which version is installed?": the new output
            # a fix already done is asked about in the same words ("restarted the router"): no refinement
            if hit is not None and (hit[0].startswith(DID) or not _mentions(question, hit[2].text)):
                slot, j, g = hit
                vectors = vectors or _Vectors(ctx)
                index, vecs, rows, qvec = vectors.index, vectors.vecs, vectors.rows, vectors.of(i, s, e)
                sim = self._sim_to(conv, index, vecs, rows.get(j, []), g, qvec)
                score = 0.55 + 0.3 * g.weight + (0.1 if sim >= SLOT_SIMILARITY else 0.0)
                asks = ("Asks whether the customer did what they already said they did" if slot.startswith(DID)
                        else f"Asks for the {SLOT_NAMES.get(slot, slot)} the customer already gave")
                out.append(self.finding(
                    msg, score, [(s, e)],
                    f'{asks} ("{_clip(g.text)}" in an earlier message): re-read the thread, or confirm it '
                    "instead of asking again.",
                    data={"slot": slot, "given_message_id": conv.messages[j].id, "given_text": g.text,
                          "similarity": round(sim, 3)},
                ))
                continue
            if hit is not None or any(m.category != "issue" for m in asked) or not _DESCRIBE.match(question) \
                    or _CLARIFY.search(question):
                continue  # a slot the customer has not given yet is a good question
            vectors = vectors or _Vectors(ctx)
            index, vecs, rows, qvec = vectors.index, vectors.vecs, vectors.rows, vectors.of(i, s, e)
            cust = [r for r in ctx.earlier_rows(rows, i, "customer", WINDOW)
                    if _nick(conv.messages[index[r][0]].author) in speakers and self._statement(conv, index[r])]
            if not cust:
                continue
            sims = vecs[cust] @ qvec
            k = int(np.argmax(sims))
            if float(sims[k]) < MEANING_SIMILARITY:
                continue
            ci, cs, ce = index[cust[k]]
            if _new_action(conv, ci, i, e):
                continue  # "try --help. what happens?": the result of the new try
            quote = conv.messages[ci].text[cs:ce]
            shared = (content_words(msg.text[s:e]) & content_words(quote)) - nicks
            if len(shared) < MIN_SHARED_WORDS:
                continue  # nicks and filler make short sentences look alike in a static model
            out.append(self.finding(
                msg, MEANING_SCORE, [(s, e)],
                f'Asks what the customer seems to have already said ("{_clip(quote)}"): re-read the thread, '
                "or refer to their words when you need more detail.",
                data={"slot": None, "given_message_id": conv.messages[ci].id, "similarity": round(float(sims[k]), 3)},
            ))
        return out

    @staticmethod
    def _slot_hit(
        conv: Conversation, ctx: DetectorContext, i: int, asked: list[Match], lex: Lexicon,
        cache: dict[int, list[Match]], question: str = "", speakers: frozenset[str] | None = None,
    ) -> tuple[str, int, Match] | None:
        """(slot, customer message index, the given value) for the first asked slot already filled,
        by one of ``speakers`` (normalised nicks; all customers when None)."""
        if not asked:
            return None
        wanted = {m.category for m in asked}
        asked_text = {m.category: m.text for m in asked}
        asked_families = _families(question) if wanted & {"os", "os_version"} else set()
        wants_did = any(w.startswith(DID) for w in wanted)
        seen = 0
        j = i - 1
        while j >= 0 and seen < WINDOW:
            if ctx.messages[j].role == "customer":
                seen += 1
                if speakers is not None and _nick(conv.messages[j].author) not in speakers:
                    j -= 1
                    continue  # another customer in a shared channel, or the agent under a second nick
                found = cache.get(j)
                if found is None:
                    found = lex.find(conv.messages[j].text)
                    cache[j] = found
                for g in found:
                    if g.category != "error" and _not_own(conv.messages[j].text, g):
                        continue  # 'it says "windows vista loader"', "a bootable win7 usb"
                    if asked_families and g.category in ("os", "os_version") \
                            and not asked_families & _families(g.text):
                        continue  # "which ubuntu version?" is not answered by "Windows Vista"
                    if g.category.startswith(DID) and g.category in wanted and not _same_object(
                            asked_text[g.category], g.text):
                        continue  # "restarted the router" does not answer "have you restarted your phone?"
                    for slot in (g.category, *IMPLIES.get(g.category, ())):
                        if slot in wanted:
                            return slot, j, g
                for g, before in _yes_to_did(conv, j) if wants_did else ():
                    if g.category in wanted and _same_object(asked_text[g.category], before):
                        return g.category, j, g  # v12: "Yes, I cleared them" to "Did you clear your cookies?"
            j -= 1
        return None

    @staticmethod
    def _sim_to(
        conv: Conversation, index: list[tuple[int, int, int]], vecs: np.ndarray, rows: list[int],
        g: Match, qvec: np.ndarray,
    ) -> float:
        """Similarity of the question to the customer sentence holding the given value."""
        for r in rows:
            _i, s, e = index[r]
            if s <= g.start < e or (g.start < s and g.end > s):
                return float(vecs[r] @ qvec)
        return float(vecs[rows[0]] @ qvec) if rows else 0.0

    @staticmethod
    def _statement(conv: Conversation, row: tuple[int, int, int]) -> bool:
        i, s, e = row
        sentence = conv.messages[i].text[s:e]
        return not sentence.endswith("?") and len(content_words(sentence)) >= 3


_ALNUM = re.compile(r"[^a-z0-9]+")


def _mentions(question: str, value: str) -> bool:
    """The question names the value itself ("which version of iOS 11?"): it refines, not repeats."""
    v = _ALNUM.sub("", value.lower())
    return len(v) >= 2 and v in _ALNUM.sub("", question.lower())


def _same_object(asked: str, given: str) -> bool:
    """A did_* question and the customer's report act on the same thing: either names nothing
    ("have you restarted it?") or they share a word ("your wifi router" / "the router"). Only the
    matched words count: "did you restart ssh?" is not answered by "i restarted networking ... i
    cannot ssh to it" (real IRC)."""
    a = _one_thing(words_of(asked) - _ACTION_WORDS)
    g = _one_thing(words_of(given) - _ACTION_WORDS)
    return not a or not g or bool(a & g)


def _one_thing(ws: frozenset[str]) -> set[str]:
    """v13 (QA pass 26): each word of an info_given ``same_thing`` group as the group's first word ("my PC" and "your
    computer" are one machine)."""
    canon = _same_thing()
    return {canon.get(w, w) for w in ws}


@cache
def _same_thing() -> dict[str, str]:
    """info_given's ``same_thing`` groups, each word to its group's first word (read once: asked per candidate)."""
    groups = load_lexicon("info_given").category("did_restart").meta.get("same_thing") or ()
    return {str(w).lower(): str(grp[0]).lower() for grp in groups for w in grp}


def _yes_to_did(conv: Conversation, j: int) -> list[tuple[Match, str]]:
    """v12: customer message ``j`` answers yes to a did_* question of the agent's message right before it: (the
    customer's first sentence as that slot's value, the agent's words that named the thing acted on)."""
    text = conv.messages[j].text
    if not _YES.match(text):
        return []
    k = j - 1
    while k >= 0 and conv.messages[k].role not in ("agent", "customer"):
        k -= 1
    if k < 0 or conv.messages[k].role != "agent" or "?" not in conv.messages[k].text:
        return []
    end = next((m.end() for m in re.finditer(r"[.!?](?:\s|$)", text)), len(text))
    return [(Match(m.category, 0, end, m.weight, text[:end].strip()), m.text)
            for m in load_lexicon("info_asked").find(conv.messages[k].text) if m.category.startswith(DID)]


def _families(text: str) -> set[str]:
    """OS families named in ``text`` (all Linux distributions count as one)."""
    out: set[str] = set()
    for m in _FAMILY.finditer(text):
        k = next(i for i, g in enumerate(m.groups()) if g)
        out.add("1" if k in (2, 3) else str(k))  # "imac" and "osx" are macOS
    return out


def _asks_other(sentence: str, m: Match) -> bool:
    """The words right around the asked slot ask for a different value ("a new tag", "the error now")."""
    clause_end = min((k for k in (sentence.find(c, m.end) for c in ",;") if k >= 0), default=len(sentence))
    return bool(_OTHER_BEFORE.search(sentence[max(0, m.start - 30):m.start])
                or _OTHER_AFTER.search(sentence[m.end:min(clause_end, m.end + 40)]))


_NOT_NICKS = frozenset({"note", "ps", "q", "question", "also", "ok", "okay", "update", "edit", "re", "hi",
                        "hello", "hey", "thanks", "so", "and", "sorry", "btw", "well", "sure", "tip"})


def _nick(author: str | None) -> str:
    """A chat name without case and the trailing marks of a second login ("dxdemetriou_")."""
    a = (author or "").lower()
    return _NICK_TAIL.sub("", a) or a


def _speakers(conv: Conversation, i: int, question: str, people: set[str]) -> frozenset[str] | None:
    """Customers whose earlier words can make question ``i`` redundant; None: it is addressed to
    someone outside the thread. A question addressed to a participant ("nick: …") counts only
    that participant's words, and the asking agent's own lines under a customer role never count."""
    agent = _nick(conv.messages[i].author)
    customers = {_nick(m.author) for m in conv.messages[:i] if m.role == "customer"}
    if agent:
        customers.discard(agent)
    m = _ADDRESSEE.match(question)
    if m is not None:
        name = _nick(m.group(1))
        if name in people:  # a nick, or the first name of "Dana Kim"
            return frozenset(c for c in customers if name in (c, c.split(" ")[0]))
        if m.group(2) == ":" and name not in _NOT_NICKS and not name.isdigit():
            return None
    return frozenset(customers)


def _not_own(text: str, g: Match) -> bool:
    """The value is text on a screen (inside quotes) or an OS being written to a stick."""
    if any(q.start() < g.start and g.end <= q.end() for q in _QUOTED.finditer(text)):
        return True
    return g.category in ("os", "os_version") and bool(
        _TARGET_AFTER.match(text[g.end:g.end + 40]) or _TARGET_BEFORE.search(text[max(0, g.start - 30):g.start]))


def _new_action(conv: Conversation, j: int, i: int, end: int) -> bool:
    """Since customer message ``j`` an agent had them run or try something (up to the end of the
    question at ``end`` of message ``i``), or the question itself asks about a new try."""
    for k in range(j + 1, i):
        if conv.messages[k].role == "agent" and _ACTION.search(conv.messages[k].text):
            return True
    text = conv.messages[i].text[:end]
    if _ACTION.search(text):
        return True
    after = _AFTER_ACTION.search(text)
    if after is None:
        return False
    # "when you open Teams" after the customer's "when I start Teams it says ...": the same situation
    acted_on = content_words(re.split(r"[?.!,;:]", text[after.end():after.end() + 60])[0])
    return not acted_on or not acted_on <= content_words(conv.messages[j].text)


def _clip(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


DETECTOR = AgentRedundantQuestion()
