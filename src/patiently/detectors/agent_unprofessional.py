"""agent.unprofessional: profanity, insults, sarcasm, shouting and "!!!" runs from the agent.

Words come from the ``unprofessional`` lexicon (with obfuscations such as f*ck and sh!t).
Shouting uses ``patiently.text.caps_ratio``/``shouting_spans``, which ignore IT acronyms,
so "check the DNS and VPN settings" is not shouting but "READ THE EMAIL" is. Runs of
exclamation marks count only when they contain at least three marks with "!" in them
("!!!", "?!?"), and a happy "it works now!!!" is let off, because enthusiasm is not rudeness.

v2 (hand-judged on real chats, see the docs page): words inside product names ("BitchX",
"Damn Small Linux"), self-labels ("I'm a bit of a noob", "probably a dumb question"), words
in quotes or in a reproach ("please don't call people retards") are not the agent's language.
Shouting needs two plain words in a row, not code (CTRL+ALT+F1, PATH=${HOME}/bin) or a
hardware id; a joyful "IT WORKED!! YAY" and a playful "go aussie!!! :-)" are let off.

v3 (QA pass 4b): a negated insult is its opposite ("That's not a silly question at all"), and
new sarcasm cues: mock praise for a mishap ("great job locking yourself out again"), "has
nothing better to do than ...", and a shrugged "lol ok whatever".

v4 (QA pass 5): texting slang ("lol", "tbh", "smh") together with a shrug ("no idea", "dunno",
"beats me"): "lol that's a weird one, no idea tbh". Each alone stays below the reporting level.

v5 (QA pass 6): sarcastic praise as its own sentence followed by the mishap pinned on the reader
("Wow, great job. You deleted the whole Sales folder."), mock compliance ("Sure, I'll just drop
everything else for your printer"), and a minor ``disparaging`` cue for calling the customer's
equipment garbage or junk, reported with slang or a shrug ("lol that printer is garbage anyway").

v6 (QA pass 7): more sarcasm families: mock surprise as its own sentence ("Another reset. Shocking."),
mock sympathy ("Sure, because reading the instructions is so hard."), mock advice ("Have you tried not
doing that?"), and sarcastic delight at a mishap pinned on the reader ("Great, so you broke it.",
"You deleted it. Nice job.").

v7 (QA pass 8): mock surprise ("Who could have guessed") and a grudging "I'll reset it again I
guess" (``sarcasm``).

v8 (QA pass 11): ``grudging`` help ("ugh fine, I'll look at it", "Fine, I'll check it."), mock
surprise tagged on after a comma ("Coffee and keyboards, who would have thought.") and "gimme"
as texting slang (a minor cue).
v9 (QA pass 12): mock praise for a risky move followed by its bad outcome ("Great idea to install
random software. Shockingly, now you have a virus."), a sentence opening "Shockingly, you ..." and,
as a minor ``disparaging`` cue, "your phone is ancient" (reported with slang: "lol ... ancient").
v10 (QA pass 14, lexicon v10): two more minor cues, an eye-roll emoji (``eye_roll``) and running down the company's
own developers ("our devs break something every release", ``disparaging``): "Honestly no clue, our devs break
something every release 🙄" is three minor cues together.
v11 (QA pass 15, lexicon v11): mocking whoever set up the customer's system ("whoever set up your network had no
clue what they were doing", ``insult``).
v13 (QA pass 18, lexicon v13): "Coffee and electronics, great combination." (``sarcasm``); ``mock_praise``, a bare
"Nice one." right after the customer told their own mishap (a category with ``after_customer``: the match counts only
when the customer's last message matches it, and not when the reply goes on to praise what they did, ``unless``);
minor cues "piece of junk" (``disparaging``), "haha" (``chat_slang``) and "try shaking the toner I guess"
(``shrug``), so "haha yeah that thing's a piece of junk tbh. try shaking the toner I guess" is three of them.
v14 (QA pass 19, lexicon v14): mock surprise with what failed ("what a shock that 'password123' didn't keep the hackers
out"), "a little less creative this time", mock praise of a basic question closing its sentence ("Great question,
really cutting edge stuff there."), ``rude_dismissal`` ("..., deal with it.", "get over it", "suck it up"), and minor
cues "that printer is a total dinosaur" (``disparaging``) and a step trailed by "and pray" (``shrug``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..lexicon import Lexicon, Match, load_lexicon, meta_regex
from ..model import Conversation, Finding
from ..text import caps_ratio, readable, shouting_spans
from .base import Detector, DetectorContext

REPORT_AT = 0.35
SHOUT_RATIO = 0.3  # share of letters in shouted words from which a message shouts
SHOUT_WEIGHT = 0.6
BANG_WEIGHT = 0.4  # "!!!" runs
INTERROBANG_WEIGHT = 0.45  # "?!?" runs sound exasperated
EXTRA_KIND_BONUS = 0.1
_BANG_RUN = re.compile(r"[!?]{3,}")
_POSITIVE = re.compile(
    r"\b(?:thanks?|thank you|glad|great|awesome|congrat\w*|welcome|happy|brilliant|perfect|fantastic|yay|"
    r"excellent|amazing|wonderful|works now|working now|fixed|hi|hello|hey|yes+|woo+hoo+|hooray)\b",
    re.IGNORECASE,
)
# Shouted for joy or relief, not at anyone: lets off caps as _POSITIVE lets off "!!!".
_JOY = re.compile(
    r"\b(?:thanks?|thank you|it works|works now|working now|worked|fixed it|solved|got it|yay\w*|woo+\w*|hooray|"
    r"love|saved|finally|awesome|excellent|amazing|congrat\w*)\b",
    re.IGNORECASE,
)
# Playful "!!!": a smiley or a laugh next to it.
_PLAYFUL = re.compile(r"(?:^|\s)[:;=]-?[)D>pP]|\blo+l\w*\b|\b(?:ha){2,}\w*|\bhehe\w*|\brules\b|\brocks\b|😂|😉|😀|😄",
                      re.IGNORECASE)
_URL = re.compile(r"\w+://\S+")
# Quoted text (a command, an error, someone else's words): double or curly quotes, a single
# quote not inside a word ("don't"), backticks, and "*****" banners of tool output.
_QUOTED = re.compile(
    r"\"[^\"\n]{1,80}\"|“[^”\n]{1,80}”|(?<!\w)'[^'\n]{1,60}'(?!\w)|`[^`\n]{1,80}`|\*{3,}[^*\n]{1,80}\*{3,}"
)
# Telling someone off for a word is not using it: "please don't call people retards".
_REPROACH = re.compile(
    r"\b(?:don'?t|do\s+not|stop|no\s+need\s+to)\s+(?:call(?:ing)?|say(?:ing)?|use|using)\b[^.!?]{0,30}$", re.IGNORECASE
)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|me|my|myself|we)\b", re.IGNORECASE)
# A shouted word glued to code characters is a key combo, variable, file name or id.
_CODE_EDGE = set("=$_{}/\\.+-<>[]()~|#%&*0123456789")
_GAP = re.compile(r"[\s,.;:!?'\"]*(?:[A-Z]{1,2}[\s,.;:!?'\"]+)*")  # between two words of one shouted phrase
# v4/v5: reported only together (each weighs less than REPORT_AT); v10 (QA pass 14): + eye_roll
_MINOR = ("chat_slang", "shrug", "disparaging", "eye_roll")
_CHEAP = re.compile(r"[!*#@$%]|[A-Z]{3}")  # a lexicon-free message needs one of these to need a look


def _plain(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Shouted words that are words: not touching code characters (CTRL+ALT, ${HOME}, GSA-4163B)."""
    return [(s, e) for s, e in spans
            if not (s > 0 and text[s - 1] in _CODE_EDGE) and not (e < len(text) and text[e] in _CODE_EDGE)]


def _phrases(text: str, spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Shouted words grouped into phrases: consecutive words with only spaces, punctuation or "I"
    between them ("READ THE EMAIL I SENT"); "Tag: TOSHIBA Tag: TOSHIBA" is two one-word phrases."""
    out: list[list[tuple[int, int]]] = []
    for s, e in spans:
        if out and _GAP.fullmatch(text, out[-1][-1][1], s):
            out[-1].append((s, e))
        else:
            out.append([(s, e)])
    return out


def _inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a <= s and e <= b for a, b in spans)


def _own_language(text: str, m: Match, lex: Lexicon, quoted: list[tuple[int, int]]) -> bool:
    """The match is the agent's own unprofessional language (not a name, a quote, a self-label)."""
    if _inside(quoted, m.start, m.end):
        return False
    meta = lex.category(m.category).meta
    for name in meta.get("names") or ():
        if any(n.start() <= m.start and m.end <= n.end() for n in re.finditer(name, text, re.IGNORECASE)):
            return False
    before = text[max(0, m.start - 40):m.start]
    before = re.split(r"[.!?;\n]", before)[-1]  # the same sentence only
    if _REPROACH.search(before):
        return False
    word = m.text.lower()
    if word in (meta.get("aimed_only") or ()):
        aimed = meta_regex(str(meta["aimed"])).search(before)
        return aimed is not None and not _FIRST_PERSON.search(before[aimed.start():])
    negated = meta.get("not_if_negated")
    if negated and meta_regex(str(negated)).search(before):
        return False  # "that's not a silly question at all"
    if meta.get("self_hedge") and word.endswith(("question", "questions")):
        return meta_regex(str(meta["self_hedge"])).search(before) is None
    return True


def _fits_context(conv: Conversation, ctx: DetectorContext, i: int, m: Match, lex: Lexicon) -> bool:
    """v13: a category with ``after_customer`` counts only after a customer message that matches it ("I spilled
    coffee on my keyboard" before "Nice one."), and not when the reply matches its ``unless``."""
    meta = lex.category(m.category).meta
    need = meta.get("after_customer")
    if not need:
        return True
    j = ctx.previous(i, "customer")
    if j is None or not meta_regex(str(need)).search(conv.messages[j].text):
        return False
    unless = meta.get("unless")
    if unless and meta_regex(str(unless)).search(conv.messages[i].text):
        return False
    # v16: a success in either message ("... and now everything works!", "Glad it's working now.") is real praise
    success = meta.get("success")
    return not (success and any(meta_regex(str(success)).search(conv.messages[k].text) for k in (i, j)))


def _tail(m: Match, lex: Lexicon) -> Match:
    """v13: the match cut to the part its category's ``evidence_tail`` regex finds at its end ("I guess" of "try
    shaking the toner I guess"): the rest was only context."""
    tail = lex.category(m.category).meta.get("evidence_tail")
    found = meta_regex(str(tail)).search(m.text) if tail else None
    if found is None or found.start() == 0:
        return m
    return replace(m, start=m.start + found.start(), text=m.text[found.start():])


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans without those inside another ("pissed" inside "pissed off")."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(set(spans), key=lambda se: (se[0], -se[1])):
        if out and s >= out[-1][0] and e <= out[-1][1]:
            continue
        out.append((s, e))
    return out


class AgentUnprofessional(Detector):
    name = "agent.unprofessional"
    # v7 (QA pass 8): "Who could have guessed", a grudging "again, I guess"
    # v9 (QA pass 12, lexicon): "great idea to ... Now you have a virus", "Shockingly,", "your phone is ancient"
    # v10 (QA pass 14, lexicon v10): an eye-roll emoji and "our devs break something", minor cues
    # v11 (QA pass 15, lexicon v11): "whoever set up your network had no clue"
    # v12 (QA pass 16, lexicon): venting, 'I hate dealing with it', 'I can't stand this system'
    # v13 (QA pass 18, lexicon v13): "great combination." sarcasm, "Nice one." after the customer's mishap, and minor
    # cues "piece of junk", "haha", "... I guess"
    # v14 (QA pass 19, lexicon v14): "what a shock that ... didn't", "less creative this time", "Great question, really
    # cutting edge stuff there.", "deal with it" (rude_dismissal), minor "a total dinosaur" and "... and pray"
    # v15 (QA pass 20, lexicon v15): "Well, that's certainly a creative way to use a printer." (sarcasm)
    # v16 (review, lexicon v16): "Great job!" after an ordinary fix ("I just reset the router ...") or a success is
    # not mock praise: `after_customer` needs a mishap, and a `success` in either message cancels it
    # v17 (QA pass 21, lexicon v17): "Wow, plugging it in, bold move.", "or were we saving that for next week?",
    # "..., whatever, try another login", "Ugh, again with the 403s." (venting)
    # v18 (QA pass 22, lexicon v18): "what could possibly go wrong?", "the devs broke it again, typical." (minor cues)
    # v19 (QA pass 23, lexicon v19): "Wow, impressive work." after the customer's own mishap (mock_praise)
    # v20 (QA pass 25, lexicon v20): "whoever set up your mailbox made a total mess of it", "great idea to ... Now we
    # get to reimage your laptop", minor "that printer is cursed" and "good luck with it"
    # v21 (QA pass 26, lexicon v21): "Wow, great job." after "I plugged it into the network port by mistake" (a mishap
    # owned up to with "by mistake", "the wrong X" or any verb after "accidentally")
    # v22 (QA pass 27, lexicon v22): a mock guess at the outcome, "Let me guess, it didn't work?"
    version = 22  # v8 (QA pass 11): grudging "ugh fine, I'll look", "..., who would have thought."
    labels = ("agent.unprofessional",)
    description = "Agent uses profanity, insults, sarcasm, shouting caps or '!!!' runs."

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        lex = load_lexicon("unprofessional")
        out: list[Finding] = []
        names: frozenset[str] | None = None
        for i in ctx.targets("agent"):
            msg = conv.messages[i]
            text = msg.text
            matches = lex.find(text)
            cheap = _CHEAP.search(text) is not None
            quoted = [q.span() for q in _QUOTED.finditer(text)] if matches or cheap else []
            if matches:
                # chat nicknames ("idiot", "bugger") are names, not insults
                if names is None:
                    names = frozenset(m.author.lower() for m in conv.messages if m.author)
                matches = [m for m in matches if m.text.lower() not in names and _own_language(text, m, lex, quoted)
                           and _fits_context(conv, ctx, i, m, lex)]
                matches = [_tail(m, lex) for m in matches]
                # "lol" inside "lol ok whatever" is part of that sarcasm, not texting slang of its own
                matches = [m for m in matches if m.category not in _MINOR or not any(
                    o.category not in _MINOR and o.start <= m.start and m.end <= o.end for o in matches)]
            spans: list[tuple[int, int]] = [(m.start, m.end) for m in matches]
            kinds: dict[str, float] = {}
            for m in matches:
                kinds[m.category] = max(kinds.get(m.category, 0.0), m.weight)
            if cheap:
                ratio = caps_ratio(text)
                if ratio >= SHOUT_RATIO and (matches or not _JOY.search(text)):
                    shouted = [(s, e) for s, e in _plain(text, shouting_spans(text)) if not _inside(quoted, s, e)]
                    # a phrase of two shouted words, one of them a real word: "LAS JFK" flight codes
                    # and a lone "TOSHIBA" are not shouting
                    phrases = [p for p in _phrases(text, shouted) if len(p) >= 2 and any(e - s >= 4 for s, e in p)]
                    if phrases:
                        kinds["shouting"] = SHOUT_WEIGHT + (0.1 if ratio >= 0.6 else 0.0)
                        spans += [(p[0][0], p[-1][1]) for p in phrases]
                urls = [u.span() for u in _URL.finditer(text)] if "://" in text else []
                runs = [r for r in _BANG_RUN.finditer(text)
                        if "!" in r.group() and not _inside(quoted + urls, r.start(), r.end())]
                if runs and not ((_POSITIVE.search(text) or _PLAYFUL.search(text)) and not matches
                                 and "shouting" not in kinds):
                    kinds["exclamation"] = max(
                        INTERROBANG_WEIGHT if "?" in r.group() else BANG_WEIGHT for r in runs
                    )
                    spans += [r.span() for r in runs]
            if not kinds:
                continue
            score = max(kinds.values()) + EXTRA_KIND_BONUS * (len(kinds) - 1)
            if score < REPORT_AT:
                continue
            spans = _outermost(spans)
            top = max(kinds, key=lambda k: kinds[k])
            if top in ("shouting", "exclamation"):
                suggestion = "Write in normal case with one exclamation mark at most; calm text reads as calm help."
            else:
                suggestion = str(lex.category(top).meta.get("suggestion", ""))
            shown = "; ".join(f'"{text[s:e]}"' for s, e in spans[:4])
            out.append(
                self.finding(
                    msg, score, spans,
                    f"Unprofessional ({', '.join(sorted(kinds))}): {shown}. {readable(suggestion)}",
                    data={"kinds": sorted(kinds), "suggestion": suggestion},
                )
            )
        return out


DETECTOR = AgentUnprofessional()
