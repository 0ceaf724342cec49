"""customer.frustration's fault reading (split out of customer_frustration.py, v15): which words name a fault that is
still there (:func:`faults`), and the v15 guards of the review of v14: thanks or success, a loss said as over, a shouted
adverb's grievance, "I feel ... terrible"."""

from __future__ import annotations

import re

# v5: "!!" on a message that says something does not work ("I can't log in to anything!!") is
# exclaiming about the problem; on anything else ("Found it!!", "$3 burritos!!!") it is as often joy.
# v13 (QA pass 19): a loss or a slowness is a fault too ("My files disappeared from the shared drive!!", "my photos are
# gone!!", "Why is my internet so slow?! ... get 20!!"); not a bare "slow" ("slow down!!") nor "gone" alone
_FAULT = re.compile(r"\b(?:can['’]?t|cannot|won['’]?t|wont|doesn['’]?t|does\s+not|isn['’]?t|"
                    r"not\s+working|stopped\s+working|broken|still\s+not|"
                    r"no\s+longer(?!\s+(?:so\s+|too\s+)?(?:slow|broken|missing|gone|an?\s+(?:issue|problem)))|"
                    r"(?P<loss>disappeared|vanished|(?:is|are|has|have|all|just)\s+(?:been\s+)?gone|missing|"
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

__all__ = ["_FAULT", "_FEELING", "_FEELING_WORD", "_GRIEVANCE", "_PAID", "_SUCCESS", "faults"]
