"""customer.frustration's fault reading (split out of customer_frustration.py, v15): which words name a fault that is
still there (:func:`faults`), (v17, moved here) the words that name the fault or a lost thing, which the emotion head
does not read (:data:`_FAULT_WORDS`, :func:`lost_things`), and the v15 guards of the review of v14: thanks or
success, a loss said as over, a shouted adverb's grievance, "I feel ... terrible"."""

from __future__ import annotations

import re

# v5: "!!" on a message that says something does not work ("I can't log in to anything!!") is
# exclaiming about the problem; on anything else ("Found it!!", "$3 burritos!!!") it is as often joy.
# v13 (QA pass 19): a loss or a slowness is a fault too ("My files disappeared from the shared drive!!", "my photos are
# gone!!", "Why is my internet so slow?! ... get 20!!"); not a bare "slow" ("slow down!!") nor "gone" alone
# v17 (mood round): and a loss in the passive ("My character's inventory was wiped after the patch!!")
_FAULT = re.compile(r"\b(?:can['’]?t|cannot|won['’]?t|wont|doesn['’]?t|does\s+not|isn['’]?t|"
                    r"not\s+working|stopped\s+working|broken|still\s+not|"
                    r"no\s+longer(?!\s+(?:so\s+|too\s+)?(?:slow|broken|missing|gone|an?\s+(?:issue|problem)))|"
                    r"(?P<loss>disappeared|vanished|(?:is|are|has|have|all|just)\s+(?:been\s+)?gone|missing|"
                    # v17 (mood round, QA pass 24 b35): a loss said in the passive ("My inventory was wiped after the
                    # patch!!", "all my photos got deleted!!", "my settings were erased")
                    r"(?:was|were|been|got|gets|getting)\s+(?:(?:completely|all|just|totally|entirely)\s+)?(?:wiped|erased|deleted|lost)|"
                    # v19 (QA pass 27, b19): the loss said in the active voice with the thing lost ("Outlook deleted
                    # all my emails from 2022!!", "the update wiped my photos!!", "I lost all my files!!"); not the own
                    # clean-up ("I deleted all my spam!!": "I" / "we" before deleted / wiped / erased / removed)
                    r"(?<!\bi\s)(?<!\bwe\s)(?:deleted|wiped|erased|removed)\s+(?:all\s+(?:of\s+)?)?(?:my|our)|"
                    r"lost\s+(?:all\s+(?:of\s+)?)?(?:my|our)"
                    r"(?!\s+(?:temper|mind|patience|cool|head|marbles|sanity|nerve))|"
                    r"(?:so|too|really|very|super|painfully|extremely|unbelievably|ridiculously|incredibly)\s+slow))\b",
                    re.IGNORECASE)
# v15 (review): a loss or a slowness said as over ("the error is gone!!", "not so slow anymore!!", "All gone!! Perfect,
# thank you!") or as a question about the customer ("Am I missing something?!") is relief or doubt, no fault: not with
# a negation just before it or "anymore" / "no longer" in its sentence, nor with a thanks or success word in the
# message; any fault word beside thanks or success in its own sentence ("It worked, I can't believe it!!") neither.
_SUCCESS = re.compile(r"\b(?:thanks(?!\s+for\s+nothing)|thank\s+you|thx|ty|worked|works\s+(?:now|again|fine|great)|"
                      r"working\s+(?:now|again)|fixed|solved|resolved|sorted|perfect|great|glad)\b", re.IGNORECASE)
_OVER = re.compile(r"\bany\s*more\b|\bno\s+longer\b", re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:not|never|nothing|no|n['’]t)\s+(?:\w+\s+){0,2}$|n['’]t\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_SELF_DOUBT = re.compile(r"\bam\s+i\s+(?:just\s+)?$", re.IGNORECASE)
_SOMETHING = re.compile(r"\s+(?:something|anything|a\s+(?:step|trick|setting))\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?\n]")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence around ``text[start:end]``."""
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return (before[-1] if before else 0), (after.start() if after else len(text))


def faults(text: str) -> list[re.Match[str]]:
    """The :data:`_FAULT` matches that name a fault still there (v15 guard, see :data:`_SUCCESS`)."""
    out = []
    thanked = bool(_SUCCESS.search(text))
    for m in _FAULT.finditer(text):
        s, e = _sentence(text, m.start(), m.end())
        if _SUCCESS.search(text, s, e):
            continue
        if m.group("loss"):
            word = m.group("loss").lower()
            if thanked or _OVER.search(text, s, e) or _NEGATED.search(text[s:m.start()]):
                continue
            if word == "missing" and (_SELF_DOUBT.search(text[s:m.start()]) or _SOMETHING.match(text, m.end())):
                continue
        out.append(m)
    return out


# v7: words that name the fault itself. A fault is what happened, not how the customer feels about it;
# the head (trained on Reddit comments) hears "stopped syncing" or "broken" as disappointment. Not "keeps
# giving me": blanking it leaves fragments the head reads as worse; "a broken man" is a feeling.
_FAULT_WORDS = re.compile(
    r"\b(?:(?:has|have|had|did)n['’]?t\s+(?:arrived|come|turned\s+up|shown\s+up|been\s+delivered)|"
    r"(?:has|have)\s+not\s+(?:arrived|come)|never\s+arrived|not\s+(?:arrived|delivered|working|syncing|loading|"
    r"responding|connecting|printing|charging)|stopped\s+\w+ing|stopped|broken(?!\s+(?:man|woman|person|heart))|broke|"
    r"crash(?:ed|es|ing)?|froze|frozen|is\s+down|went\s+down|faulty|(?:was|were|is)\s+due|"
    # v8 (QA pass 13): a thing that will not do its job ("the smart lock won't respond to the app anymore",
    # "it doesn't connect any more"), which the head heard as annoyance in a calm one-line report. Not "work":
    # "and no, it does not work." is a frustrated reply the head rightly hears (hand-labelled evaluation set).
    r"(?:won['’]?t|wont|will\s+not|doesn['’]?t|does\s+not|didn['’]?t|did\s+not|isn['’]?t|is\s+not)\s+"
    r"(?:respond|connect|turn\s+on|power\s+on|start|boot|load|open|print|sync|charge|pair|update|play|show)\w*|"
    # v17 (mood round, QA pass 25 b27): a search or a screen that comes back empty ("it finds nothing older than a
    # week", "returns no results", "nothing happens when I click"): the head heard "finds nothing" as annoyance (1.0)
    r"(?:finds?|found|shows?|showed|returns?|returned|displays?|brings\s+up|comes\s+up\s+with)\s+"
    r"(?:nothing|no\s+results?|zero\s+results?|an?\s+empty\s+\w+)|nothing\s+(?:happens|happened|shows|showed|loads|loaded|comes\s+up|came\s+up))\b",
    re.IGNORECASE)
# v8: "anymore" / "any longer" after a fault named above says since when, not how the customer feels.
_FAULT_SINCE = re.compile(r"\bany\s*more\b|\bany\s+longer\b", re.IGNORECASE)
SINCE_WITHIN = 40  # characters after the fault words: "won't respond to the app anymore"
_CLAUSE_END = re.compile(r"[.!?;]")

# v17 (mood round): losing or leaving a thing ("I lost my son's school login details", "I've lost my wallet", "Please
# cancel my card, I lost it.") is what happened, not a feeling; the head heard "I lost it" as losing one's temper (1.0).
# Not the temper idioms ("lost my temper / patience / mind": frustration.yaml reads those), nor "lost it" said of the
# customer's own state ("I totally lost it when they hung up", "When they hung up I lost it."): only a plain "(I) lost
# it" ending its clause in a message that names a thing of theirs before it ("my card ..., I lost it").
_LOST = re.compile(
    r"\b(?:lost|misplaced|mislaid)\s+(?:my|our|his|her|their|the|a|an|all\s+(?:my|our|the))\b"
    r"(?!\s+(?:temper|mind|patience|cool|head|marbles|sanity|shit|nerve|rag|plot|will|faith|trust|hope)\b)",
    re.IGNORECASE)
_LOST_IT = re.compile(r"\b(?:i|we)(?:['’]ve|\s+have|\s+(?:think|guess)\s+(?:i|we)|\s+must\s+have)?\s+"
                      r"(?:lost|misplaced)\s+(?:it|them)\b(?=\s*(?:[.,;!?]|$|somewhere|yesterday|today|last|on\s+the|"
                      r"in\s+the|at\s+the|this\s+morning))", re.IGNORECASE)
_THING_BEFORE = re.compile(r"\b(?:my|our)\s+[\w-]+", re.IGNORECASE)
_OWN_STATE = re.compile(r"\b(?:when|then|totally|completely|just|nearly|almost|kind\s+of|really|literally|actually|"
                        r"finally)\b", re.IGNORECASE)


def lost_things(text: str) -> list[tuple[int, int]]:
    """The words that say the customer lost or mislaid a thing (:data:`_LOST`, :data:`_LOST_IT`)."""
    out = [m.span() for m in _LOST.finditer(text)]
    for m in _LOST_IT.finditer(text):
        clause = _sentence(text, m.start(), m.end())[0]
        if _THING_BEFORE.search(text, 0, m.start()) and not _OWN_STATE.search(text, clause, m.start()):
            out.append(m.span())
    return out


# v15: "i JUST bought it", "I ALREADY paid": a purchase the customer stresses as recent or done is the complaint itself
_PAID = re.compile(r"(?-i:\b(?:JUST|ALREADY))\s+(?:bought|paid|purchased|ordered|renewed|upgraded|replaced)\b",
                   re.IGNORECASE)
# v15: what went wrong in other words than _FAULT's, for the shouted adverb only ("You couldn't deliver EVEN AFTER A
# MONTH", "order messed up AGAIN", "gonna EVER fix the stuck hand tool", "send multiple defective items")
_GRIEVANCE = re.compile(r"\b(?:\w+n['’]t|(?:did|could|would|was|were|has|have|had|do|should)nt|dont|cant|wont|"
                        r"messed\s+up|defective|faulty|stuck|errors?|wrong|fail(?:ed|s|ing|ure)?|lost|late|ashamed|"
                        r"compensation|refund|charged|bill(?:ed)?)\b", re.IGNORECASE)

# v15 (review): "terrible" / "horrible" / "awful" after "I feel / felt / am feeling" and up to two words ("I'm feeling
# really awful about this", "I felt absolutely terrible", "I feel  terrible") is the customer's guilt, no insult; v12's
# fixed-width lookbehinds in the YAML missed those
_FEELING = re.compile(r"\b(?:feel|feels|felt|feeling)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_FEELING_WORD = re.compile(r"terrible|horrible|awful", re.IGNORECASE)

__all__ = ["SINCE_WITHIN", "_CLAUSE_END", "_FAULT", "_FAULT_SINCE", "_FAULT_WORDS", "_FEELING", "_FEELING_WORD",
           "_GRIEVANCE", "_PAID", "_SUCCESS", "faults", "lost_things"]
