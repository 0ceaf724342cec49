"""agent.impatient_repeat: the agent answers a repeated question impatiently.

Two signals. Phrases from ``lexicons/impatient_repeat.yaml`` that point back at what the
agent already said ("as I already said", "read my previous message", "again, ...") work
on their own, and weigh more in a reply to a ``customer.repeat``. A curt reply: when the
customer asked again (a ``customer.repeat`` finding), the agent's next reply is much shorter
than the answer they gave the first time (under ``CURT_RATIO`` of its words), so the customer
gets less help the second time, when they needed more (for a repeated yes/no question only
when the reply holds no answer at all: "Use the hotspot." to "will it work or not?").
Softeners ("happy to explain again", "let me put it another way") mark a reply that points back but re-explains kindly.

Not impatience: "as stated in the bug report" (a source, not the agent's earlier words), "like I
said, I can't reach the router" (the speaker restating their own situation), a curt-looking
reply that admits not knowing ("not sure", "no idea") or holds the line ("one sec, googling"),
a bot's canned "please see above" after a helper's ``!command``, and a group-chat line
addressed to another helper ("bob2: did you read what I suggested?").

v3 (QA pass 4b): a pointer that names a message ("Per my last message, I need the Outlook
version") is impatient even when "I need ..." follows (v2 read that as the speaker restating
their own situation), and the ``kind`` phrases take "let me walk you through it again" (the
coach also reads them as acknowledging a customer who asked again).

v4 (QA pass 6): the agent counting their own explanations ("This is the third time I'm
explaining this"), refusing to go over it again ("I don't have time to go through this again",
"I'm not explaining this again"), and non-native "I say already".

v6 (QA pass 8): the pointer family with a count or time ("Like I said twice now", "as I've
explained three times"), refusing to repeat ("I'm not going to repeat myself") and sending them
back to a named message ("Check the previous message"); "here are the steps again" is kind.

v7 (QA pass 13): pleasantries ("thank you", "thanks for", "sorry") are their own ``courtesy``
category, no longer ``kind``: they still excuse a bare "as mentioned", but not a soft pointer that
names an earlier message ("Thank you so much for reaching out! As mentioned in our previous email,
the steps are in the help centre."), which keeps its own weight: a thank-you re-explains nothing.
A strong pointer with a pleasantry is softened as before ("like I said, it's a start, and you
can't, sorry").
v8 (QA pass 14, lexicon v7): non-native counts ("Sir I am already telling you two times", "I told you two
times") and "Look, I've gone over this." ending its sentence.
v9 (QA pass 17, lexicon v8): "Again," opening a later sentence ("Sure, I'll check. Again, the Wi-Fi password is on the
sticker.") points back when the rest of that sentence restates an earlier agent message (:func:`_restates`: most of
its content words were in one); "Again, thanks for your patience." is a pleasantry said again, not a pointer.
"""

from __future__ import annotations

import re

from ..lexicon import Match, load_lexicon
from ..model import Conversation, Finding, Message
from ..text import words
from ._chat_lines import bot_reply, to_other_helper, without_nick
from .base import Detector, DetectorContext

CURT_RATIO = 0.4  # a reply to a repeat with fewer words than this share of the first answer
CURT_MIN_FIRST_WORDS = 8  # ... when the first answer was a real answer
CURT_MAX_WORDS = 12  # a long second answer is not curt whatever the first one was
KIND_DISCOUNT = 0.35
# A yes/no question may be answered in one word; only open questions can get a curt reply.
_YES_NO = re.compile(
    r"^\W*(?:@?\S+[:,]\s+)?(?:so\s+|and\s+|but\s+|ok(?:ay)?,?\s+)?(?:is|are|was|were|do|does|did|can|could|will|would|"
    r"should|shall|has|have|had|am|may|might|must|isn't|aren't|don't|doesn't|didn't|can't|won't|wouldn't)\b",
    re.IGNORECASE,
)
# A yes/no question in its last clause: "astro76, yes i know, but do i need smoothwall?"
_YES_NO_TAIL = re.compile(
    r"(?:[,;:.!]\s*|\b(?:but|and|so|ok(?:ay)?)\s+)(?:is|are|was|were|do|does|did|can|could|will|would|should|shall|"
    r"has|have|am|may|might|must|isn't|aren't|don't|doesn't|didn't|can't|won't|wouldn't)\s+"
    r"(?:i|you|we|it|they|he|she|this|that|these|those|there|my|the|ubuntu)\b[^,;:.!?]*\?\W*$",
    re.IGNORECASE,
)
# "yes" / "no" first, after an optional "nick:" (a bare participant nick is cut off first:
# "geirha  yea after reboots")
_ANSWER_WORD = re.compile(r"^\W*(?:@?\S+[:,]\s+)?(?:yes|yeah|yea|yep|yup|ya|yah|no|nope|nah|correct|right|exactly|"
                          r"sure)\b", re.IGNORECASE)
# A short reply that admits not knowing or holds the line is honest, not curt.
_NOT_CURT = re.compile(
    r"\b(?:no\s+idea|not\s+sure|(?:don['’]?t|do\s+not|dont)\s+know|dunno|idk|no\s+clue|not\s+a\s+clue|"
    r"one\s+(?:sec|second|moment|min(?:ute)?)|just\s+a\s+(?:sec|second|moment|min(?:ute)?)|hold\s+on|"
    r"let\s+me\s+(?:check|look|see|google|search|find)|checking|looking(?:\s+(?:it\s+)?up)?|googling|searching|brb)\b",
    re.IGNORECASE,
)
# "as stated in the bug report": points at a source, not at the agent's earlier words; v5 (QA pass 7):
# also a document of ours ("as stated in our policy"), but never "in our previous chat"
_SOURCE_AFTER = re.compile(
    r"\s+(?:in|on|by|at|from)\s+(?!(?:my|our(?!\s+(?:policy|policies|terms|documentation|docs|faq|guide|guidelines|"
    r"article|agreement|contract|handbook|website|site|knowledge\s*base|kb|help\s+(?:center|centre)|t&cs?|sla|"
    r"warranty|return\s+policy|refund\s+policy)\b)|previous|earlier|above|the\s+(?:previous|last|earlier|above)|"
    r"what\s+i)\b)", re.IGNORECASE)
# "like I said, I can't, it's not in reach": the speaker restating their own situation
_OWN_SITUATION_AFTER = re.compile(
    r"\W*(?:but\s+)?i\s*(?:need|want|can['’]?t|cannot|cant|have|had|tried|did|didn['’]?t)\b",
    re.IGNORECASE)
# A reply to a repeated yes/no question that holds any of these answers it, however briefly
# ("it won't, sorry", "probably not"); one without them ("Use the hotspot.") sidesteps it.
_YES_NO_ANSWER = re.compile(
    r"\b(?:yes|yeah|yep|yup|no|nope|nah|not|never|cannot|\w+n['’]t|dont|cant|wont|isnt|doesnt|didnt|havent|hasnt|arent|wasnt|fine|ok|okay|alright|good|great|works|worked|"
    r"done|will\s+do|tried|"
    r"(?:it|that|this|they|you|we|i)\s+(?:do|does|did|will|would|should|shall|can|could|is|are|was|were|might|may|must|has|have)|"
    r"probably|maybe|perhaps|likely|unlikely|unfortunately|afraid|sure|correct|right|definitely|certainly|possibly|"
    r"depends|hopefully|should|might)\b",
    re.IGNORECASE,
)
REPEAT_BONUS = 0.1
# "per my last message, I need the version": a pointer that names a message points at the
# agent's earlier words whatever follows (v3; "like I said, I need ..." may restate their situation)
_NAMES_MESSAGE = re.compile(r"\b(?:message|messages|email|e-mail|mail|reply|note|post)\b", re.IGNORECASE)
# "... in our previous email", "... in my last reply": the message the pointer names, right after it
_MESSAGE_AFTER = re.compile(r"\s+(?:in|on|by|from)\s+(?:my|our|the)\s+(?:(?:previous|last|earlier|first|above|"
                            r"original)\s+)?(?:message|messages|email|e-mail|mail|reply|replies|note|post|response)\b",
                            re.IGNORECASE)


class AgentImpatientRepeat(Detector):
    name = "agent.impatient_repeat"
    # v6 (QA pass 8): "Like I said twice now", "I'm not going to repeat myself", "Check the previous message"
    # v8 (QA pass 14, lexicon v7): "I am already telling you two times", "I've gone over this."
    # v9 (QA pass 17, lexicon v8): "Again, <what an earlier agent message said>" mid-reply; "Again, thanks" is none
    # v10 (review): "it’s" / "that’s" with a curly apostrophe are function words in `_restates`, like "it's"
    # v11 (QA pass 22, lexicon v9): "Once again: the disk icon." opening the reply, as "Again," does
    # v12 (QA pass 25, lexicon v10): "I'll say this one more time", "I'm going to tell you one last time"
    version = 12  # v6 (QA pass 8); v7 (QA pass 13): a pleasantry does not excuse "as mentioned in our previous email"
    labels = ("agent.impatient_repeat",)
    description = "The agent shows impatience at answering again: points back at earlier answers or replies curtly."
    requires = ("customer.repeat",)

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        lex = load_lexicon("impatient_repeat")
        repeats = {ctx.index[f.message_id]: f for f in ctx.by_label("customer.repeat") if f.message_id in ctx.index}
        # The agent reply to each repeated question, and the answer the agent gave the first time.
        replies: dict[int, tuple[int, int | None, bool]] = {}
        for i, f in repeats.items():
            j = ctx.next(i, "agent")
            if j is None or j in replies:
                continue
            first = ctx.index.get(str(f.data.get("repeats_message_id")))
            a = ctx.next(first, "agent") if first is not None else None
            usable = (
                a is not None and a < i
                and conv.messages[a].author == conv.messages[j].author  # the same agent, answering again
            )
            q = _question_of(conv, f)
            replies[j] = (i, a if usable else None, bool(_YES_NO.match(q) or _YES_NO_TAIL.search(q)))
        out: list[Finding] = []
        for j in ctx.targets("agent"):
            msg = conv.messages[j]
            matches = lex.find(msg.text)
            matches = [m for m in matches if m.category != "restated" or _restates(conv, j, m)]
            pointers = [m for m in matches if m.category in ("pointer", "soft_pointer", "restated")
                        and not _SOURCE_AFTER.match(msg.text, m.end)
                        and not (_OWN_SITUATION_AFTER.match(msg.text, m.end)
                                 and not _NAMES_MESSAGE.search(m.text))]
            kind = any(m.category == "kind" for m in matches)
            courtesy = any(m.category == "courtesy" for m in matches)
            if kind:
                pointers = [m for m in pointers if m.category == "pointer"]
            elif courtesy:  # v7: a pleasantry excuses "as mentioned", not "as mentioned in our previous email"
                pointers = [m for m in pointers if m.category == "pointer" or _names_a_message(msg.text, m)]
            curt = self._curt(conv, j, replies.get(j), kind or courtesy)
            if not pointers and curt is None:
                continue
            if bot_reply(conv, j) or to_other_helper(conv, j):
                continue  # read only for the few candidate lines: it scans the chat's authors
            # a pleasantry still softens "like I said, ..., sorry" as it always did; the soft
            # pointers it lets through are kept at their own weight
            soften = kind or (courtesy and any(m.category == "pointer" for m in pointers))
            out.append(self._finding(conv, msg, pointers, curt, soften, j in replies))
        return out

    def _finding(
        self, conv: Conversation, msg: Message, pointers: list[Match], curt: tuple[int, int] | None,
        softened: bool, to_repeat: bool,
    ) -> Finding:
        text = msg.text
        if pointers:
            score = max(m.weight for m in pointers) - (KIND_DISCOUNT if softened else 0.0)
            score += REPEAT_BONUS if to_repeat else 0.0
            spans = [(m.start, m.end) for m in pointers]
            quote = pointers[0].text
            why = (f'Points the customer back to an earlier answer ("{quote}"): a repeat means the first '
                   "answer didn't land; answer again in full, ideally in different words.")
        else:
            score, spans, why = 0.0, [], ""
        if curt is not None:
            n_now, n_first = curt
            score = max(score, 0.6) + (0.1 if pointers else 0.0)
            s = len(text) - len(text.lstrip())
            spans.append((s, len(text.rstrip())))
            if not pointers:
                why = (f'Replies to a repeated question in {n_now} words after a {n_first}-word first answer '
                       f'("{_clip(text.strip())}"): answer again fully and calmly.')
        data = {"reply_to_repeat": to_repeat, "curt": curt is not None}
        return self.finding(msg, min(1.0, score), sorted(set(spans)), why, data=data)

    @staticmethod
    def _curt(
        conv: Conversation, j: int, reply: tuple[int, int | None, bool] | None, kind: bool,
    ) -> tuple[int, int] | None:
        if reply is None or reply[1] is None or kind:
            return None
        if _ANSWER_WORD.match(without_nick(conv, conv.messages[j].text)):
            return None  # "yes" / "no" is a complete answer, however short
        if _NOT_CURT.search(conv.messages[j].text) or conv.messages[j].text.rstrip().endswith("?"):
            return None  # "not sure", "one sec, checking", a question back: honest, not curt
        if reply[2] and _YES_NO_ANSWER.search(conv.messages[j].text):
            return None  # a yes/no question answered briefly ("it won't, sorry") is answered
        n_now = len(words(conv.messages[j].text))
        n_first = len(words(conv.messages[reply[1]].text))
        if n_first >= CURT_MIN_FIRST_WORDS and n_now <= CURT_MAX_WORDS and n_now < CURT_RATIO * n_first:
            return n_now, n_first
        return None


# Words that say nothing about what was restated ("Again, the password is on the sticker" vs the earlier answer).
_FUNCTION_WORDS = frozenset({
    "the", "a", "an", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these", "those", "on",
    "in", "at", "of", "to", "for", "and", "or", "but", "so", "you", "your", "we", "our", "i", "my", "me", "it's",
    "that's", "there", "here", "with", "from", "by", "as", "can", "will", "just"})
RESTATED_SHARE = 0.6  # of the sentence's content words that an earlier agent message held
RESTATED_MIN_WORDS = 2


def _content_words(text: str) -> set[str]:
    # a plural or third-person "s" dropped: "Refunds take" and "the refund takes" say the same thing
    # v10: a curly apostrophe folded to a straight one first, so "it’s" is a function word like "it's"
    out = {w.lower().replace("’", "'").strip("'") for w in words(text)} - _FUNCTION_WORDS
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in out}


def _restates(conv: Conversation, j: int, m: Match) -> bool:
    """v9: the sentence after a mid-reply "Again," restates an earlier message of the agent's: most of its content
    words were in one ("Again, the Wi-Fi password is on the sticker." after "The Wi-Fi password is on the sticker on
    the back of the router."). Without that it may be "Again, if you have questions, let us know."."""
    text = conv.messages[j].text
    end = next((k + 1 for k in range(m.end, len(text)) if text[k] in ".!?\n"), len(text))
    said = _content_words(text[m.end:end])
    if len(said) < RESTATED_MIN_WORDS:
        return False
    return any(len(said & _content_words(conv.messages[k].text)) >= RESTATED_SHARE * len(said)
               for k in range(j) if conv.messages[k].role == "agent")


def _names_a_message(text: str, m: Match) -> bool:
    """The pointer sends the customer back to an earlier message: "as per my last email", "as
    mentioned in our previous email", "as stated in my reply"."""
    return bool(_NAMES_MESSAGE.search(m.text) or _MESSAGE_AFTER.match(text, m.end))


def _question_of(conv: Conversation, f: Finding) -> str:
    if not f.evidence or f.message_id is None:
        return ""
    span = f.evidence[0]
    return conv.message(f.message_id).text[span.start:span.end]


def _clip(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


DETECTOR = AgentImpatientRepeat()
