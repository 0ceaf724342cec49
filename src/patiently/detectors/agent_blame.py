"""agent.blame: the agent puts the fault on the customer.

Signals come from the ``blame`` lexicon: hindsight ("you should have saved your work",
"if you had read the email"), accusation ("you must have deleted it", "that's because you
clicked"), labels ("user error", "your fault"), and deflection onto the customer's side
without a check ("it's probably something on your end"). The lexicon only names the customer as
the cause with mistake verbs, so neutral causal explanations about the system ("that happens
because the cache was full", "because your password expired") never match. Hypotheses and
questions ("if you deleted it, it's in the bin", "did you delete it?", "either ... in which
case you put the wrong disc in") are skipped, so is an expected state ("now you should have
installed the client") and a label the agent puts on themselves ("I filed so many bugs that
were just plain user error when I started out"), and
reassurance in the same message ("easy to do, it happens to everyone") lowers the score.

v3 (QA pass 4b): a match inside a disclaimer is its denial ("I'm not saying it's your fault
at all", "I don't think it's your fault") unless the sentence goes on with "but" ("I'm not
saying it's your fault, but you clearly clicked the phishing link" stays blame); new cues in
the lexicon ("you're the one who clicked", "you probably typed it wrong", "stop typing the
wrong password", "between the keyboard and the chair").

v5 (QA pass 8): second-person fault verbs with the consequence pinned on them ("You broke the
hinge by opening it too far, so this isn't covered"), "You typed the password wrong.", "unless you
deleted them yourself", "the update you skipped broke things".

v6 (QA pass 10): the passive voice with the change placed on the customer's side and made the
cause ("The settings appear to have been changed on your device, which caused the sync to stop"),
and a rule the customer broke with the damage pinned on it ("you can't use a charger from another
brand. That's why it broke").

v7 (QA pass 11): "You are doing wrong." - you + doing/did/set + wrong with or without an object,
as non-native writers put it; not "you did nothing wrong" nor a condition.

v9 (QA pass 15, lexicon v8): a bare guess that the customer's connection is at fault, as its whole sentence ("Maybe
it's your internet.", "Probably your wifi."); "Maybe it's your router, could you restart it?" goes on to a check.
v11 (QA pass 18, lexicon v10): the lecture for next time that points at the rules the customer was given ("In future,
please make sure to always work in the online version as instructed in the onboarding guide", ``hindsight``).
v12 (QA pass 19, lexicon v11): "That's what you get for hanging on to an ancient Samsung" (not "... with the free plan:
5 GB") and the bare answer "Because you paid late." as a sentence of its own.
"""

from __future__ import annotations

import re

from ..lexicon import load_lexicon
from ..model import Conversation, Finding
from ..text import readable
from .base import Detector, DetectorContext

REPORT_AT = 0.35
SOFTENED_FACTOR = 0.6  # "easy to do, don't worry" in the same message
EXTRA_MATCH_BONUS = 0.1
# "you deleted it" after these words is a hypothesis or question, not an accusation.
_HYPOTHESIS = re.compile(
    r"\b(?:if|when|once|after|before|did|whether|unless|in\s+case|maybe|perhaps|where|how|until|as\s+soon\s+as|"
    r"either|or|otherwise|in\s+which\s+case|suppose|assuming)"
    r"\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
# "now you should have installed the driver": an expected state after a step, not hindsight.
_EXPECTED_STATE = re.compile(
    r"\b(?:now|then|hopefully|by\s+now|at\s+this\s+point|after\s+that|which\s+means|so)\s*,?\s+$", re.IGNORECASE
)
_SCORED = ("hindsight", "you_caused", "user_error", "your_side")
# "user error" in a sentence about the speaker ("I filed bugs that were user error"), not the customer
_FIRST_PERSON = re.compile(r"\b(?:i|i['’]m|im|i['’]ve|my|me|we|our)\b", re.IGNORECASE)
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|you['’]re|u|ur)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;]+(?:\s|$)|\n")
# "I'm not saying it's your fault", "nobody is blaming you", "I don't think it's your fault":
# what follows in the sentence is denied ...
_DISCLAIMER = re.compile(
    r"\b(?:(?:i|we)(?:['’]m|\s+am|['’]re|\s+are|\s+was|\s+were)\s+(?:not|never)|(?:nobody|no\s*-?\s*one)(?:['’]s|\s+is)|"
    r"(?:i|we)\s+(?:don['’]?t|do\s+not|didn['’]?t|did\s+not|wouldn['’]?t|would\s+not|never)|not\s+that\s+(?:i['’]m|i\s+am))"
    r"\s+(?:\w+\s+){0,2}?(?:saying|suggesting|implying|blaming|claiming|think|thinking|say|said|mean|meant|believe)\b"
    r"(?:(?!\b(?:but|however|though|still)\b)[^.!?;\n])*$", re.IGNORECASE)
# "not something you did wrong", "It wasn't because you typed it wrong", "nothing you did":
# the words right before the match deny it (QA pass 13: a reassurance flagged as blame).
_DENIED_BEFORE = re.compile(
    r"(?:\b(?:not|never)|n['’]t)\s+(?:\w+\s+){0,1}?(?:something|anything|because|due\s+to)\s+(?:that\s+)?$"
    r"|\bnothing\s+(?:that\s+)?$", re.IGNORECASE)
# ... unless the sentence turns on it: "I'm not saying it's your fault, but you clicked the link".
_BUT_AFTER = re.compile(r"[^.!?;\n]*?\b(?:but|however|though|still)\b", re.IGNORECASE)


class AgentBlame(Detector):
    name = "agent.blame"
    # v9 (QA pass 15, lexicon v8): "Maybe it's your internet." (``your_side``)
    # v10 (QA pass 16, lexicon): 'accidental damage on your part', 'screens don't crack by themselves'
    # v11 (QA pass 18, lexicon v10): "In future, please make sure to always ... as instructed in the onboarding guide"
    # v12 (QA pass 19, lexicon v11): "That's what you get for hanging on to ...", a bare "Because you paid late."
    # v14 (QA pass 21, lexicon v13): "..., which you did this morning", "Users archiving things by mistake is the most
    # common cause", "people just typo the address", "Accounts get disabled when staff ignore the ... emails"
    # v15 (QA pass 22, lexicon v14): "that's because your details were wrong", "so it's probably something on your
    # phone"
    # v16 (QA pass 23, lexicon v15): "You probably shut it down during the update, which is why it's broken",
    # "Because you paid after the due date."
    # v17 (QA pass 23, lexicon v16): "A 502 usually means something is wrong on your computer"
    # v18 (QA pass 25, lexicon v17): "Probably something on your phone." as a sentence of its own
    # v19 (QA pass 24, lexicon v18): "what did you do to it", "If you'd bothered to check ..., you'd already know", "We
    # can't keep resetting passwords for parents who lose them."
    # v20 (QA pass 26, lexicon v19): "we can't keep doing this for you", "I can't keep resetting it every week"
    # v21 (QA pass 27, lexicon v20): a setting guessed and pinned on the customer, "You must have set up an archive
    # rule"
    version = 21  # v13 (QA pass 20, lexicon v12): "so the problem must be on yours", "it must be on your side"
    # v4 (QA pass 7): a reproachful "why would you click on that"
    # v8 (QA pass 13): a fault denied right before it is no blame ("not something you did wrong")
    # v7 (QA pass 11): "You are doing wrong." (you + doing/did/set + wrong, any or no object)
    # v6 (QA pass 10): passive "... have been changed on your device, which caused ...", "you can't use
    # X. That's why it broke"
    # v5 (QA pass 8): second-person fault verb + consequence ("You broke the hinge by opening it too far,
    # so this isn't covered"), "You typed the password wrong.", "unless you deleted them yourself"
    labels = ("agent.blame",)
    description = "Agent blames the customer (you should have, you must have deleted it, user error)."

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        lex = load_lexicon("blame")
        out: list[Finding] = []
        for i in ctx.targets("agent"):
            msg = conv.messages[i]
            text = msg.text
            matches = [
                m for m in lex.find(text, _SCORED)
                if not (m.text[:3].lower() == "you" and _HYPOTHESIS.search(text, max(0, m.start - 30), m.start))
                and not (m.category == "hindsight" and _EXPECTED_STATE.search(text, max(0, m.start - 20), m.start))
                and not (m.category == "user_error" and _about_speaker(text, m.start, m.end))
                and not _disclaimed(text, m.start, m.end)
                and not _DENIED_BEFORE.search(text, max(0, m.start - 30), m.start)
            ]
            if not matches:
                continue
            softened = bool(lex.find(text, ("softener",)))
            score = max(m.weight for m in matches) + EXTRA_MATCH_BONUS * (len({m.text.lower() for m in matches}) - 1)
            if softened:
                score *= SOFTENED_FACTOR
            if score < REPORT_AT:
                continue
            top = max(matches, key=lambda m: m.weight)
            suggestion = str(lex.category(top.category).meta.get("suggestion", ""))
            quoted = "; ".join(f'"{m.text}"' for m in matches[:3])
            out.append(
                self.finding(
                    msg, score, [(m.start, m.end) for m in matches],
                    f"{quoted} puts the fault on the customer; focus on the fix and on next time, "
                    f'e.g. "{readable(suggestion)}"',
                    data={"categories": sorted({m.category for m in matches}), "softened": softened,
                          "suggestion": suggestion},
                )
            )
        return out


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts (after the last _SENTENCE_END before it)."""
    return max((m.end() for m in _SENTENCE_END.finditer(text, 0, pos)), default=0)


def _disclaimed(text: str, start: int, end: int) -> bool:
    """The match sits in a disclaimer ("I'm not saying it's your fault at all") that no "but" turns."""
    return bool(_DISCLAIMER.search(text, _sentence_start(text, start), start)) and not _BUT_AFTER.match(text, end)


def _about_speaker(text: str, start: int, end: int) -> bool:
    """The sentence around [start, end) speaks of the speaker ("I", "my", "we") and never of "you"."""
    e = next((m.start() for m in _SENTENCE_END.finditer(text, end)), len(text))
    sentence = text[_sentence_start(text, start):e]
    return bool(_FIRST_PERSON.search(sentence)) and not _SECOND_PERSON.search(sentence)


DETECTOR = AgentBlame()
