"""agent.premature_closure: the agent closes or declares the problem fixed before the customer confirmed.

Closures come from ``lexicons/closing.yaml``: close actions ("closing the ticket", "marking
this as resolved", "I'll close this now"), declarations ("problem solved", "glad that's
sorted") and system lines ("Ticket closed") right after an agent turn. A hedge alone ("that
should fix it") is fine, and so is a closure that waits on the customer ("once you
confirm, I'll close it"). The closure is premature unless the customer confirmed first:
the customer's messages are read backwards (``lexicons/confirm.yaml``) until one confirms
("works now", "thanks, that fixed it", "no, that's all"), says it is still broken, or
raises something new. Findings on system lines are attributed to the last agent.

Not closures (v2, from hand-judged IRC chats): a yes/no question typed without its "?"
("and is it all sorted out"), a fix offered as a hypothetical ("use a different mail server,
problem solved"), praise for what the customer did ("good thing you got your problem
solved") and, in a group chat, a helper's "it works now" about their own machine: there a
declaration counts only from a helper who gave an instruction in their last few lines.

v3 (QA pass 4b): the customer confirms a fix that has lasted ("it has stayed connected for 20
minutes now", "no drops since") or that just worked ("it printed!"): ``confirm.yaml`` v2.

v4 (QA pass 5): a customer who says they will try it later ("I'll try this tomorrow when I'm
back in the office") has not confirmed anything, whatever else the message holds ("back in"
the office is a place, not a login); a declaration the agent wraps in a check ("I just want to
make sure you're sorted", "hope that's sorted") is not one; and "Done, you're all set" right
after the customer asked the agent to DO something ("can you unlock my account?") reports the
agent's own completed action, not a fix the customer still has to try.

v5 (QA pass 6): the awaited thing happening now confirms too ("Yes!! They're all coming in now,
thank you so much"): ``confirm.yaml`` v3.

v6 (QA pass 8): agent lines without an author do not make a group chat. The coach's context
("Agent: I've reset your MFA." / "Customer: ok but now I get 'invalid code'") has no authors, so
the draft "Problem solved then. Closing." looked like a second helper's line and was let off.

v7 (QA pass 12): the wrap-up question ("Is there anything else I can help you with today?") in a
reply that holds nothing else but stock sympathy or thanks, while the customer's last message is a
complaint or fault report (``complaint`` lexicon) that nobody has answered: the agent moves on from
a problem that is still open. After an answer, a step or a promise it is a courtesy and stays quiet.

v8 (QA pass 13, ``closing.yaml`` v3): the agent's own terse "Ticket closed." (a whole sentence) closes; the issue
declared resolved in the passive ("as per our records the issue has been resolved", "your problem is now fixed",
not "the bug is fixed in 8.04") or nothing left to do on the agent's side ("no further action is required from
our side") declares it fixed.

v9 (QA pass 14): a sentence that only notes the complaint ("I've noted that on your account.", "I've logged your
complaint.") is as hollow as stock sympathy beside the wrap-up question: "I've noted that on your account. Anything
else I can do for you today?" after a repeated double charge moves on from an open problem.

v12 (QA pass 17, ``closing.yaml`` v4): in such a hollow reply, the bare "Anything else?" is the wrap-up question too,
and a farewell ("We're sorry for the inconvenience. Have a great day!" to a customer stranded by a missed connection)
ends the exchange the same way (``sign_off``); after an answer, a step or a promise both stay courtesies.

v13 (QA pass 19, ``closing.yaml`` v5): "I'll mark this ticket as resolved." (the ticket named after "this") closes,
right after "the wifi still drops"; and a sentence that only says such things take time ("Refunds can take some
time.", "It should come through eventually.": ``vague_wait``) is as hollow as stock sympathy beside the wrap-up
question, so "Refunds can take some time. Is there anything else I can help you with today?" after a refund promised
and never paid moves on from an open complaint. With a number ("Refunds can take up to 5 working days") it is an
answer and the question a courtesy.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..lexicon import Lexicon, load_lexicon
from ..model import Conversation, Finding, Span
from ._chat_lines import nick, without_nick
from .base import Detector, DetectorContext

WINDOW = 30  # customer messages looked back at; keeps the cost per closure flat
# v7: + nobody/no one ("nobody has fixed it" is no confirmation)
_NEG_BEFORE = re.compile(r"\b(?:not|n't|no\s+longer|never|isn't|wasn't|nothing|nobody|no\s+one|noone)\s+"
                         r"(?:\w+\s+)?$", re.I)
# "was working fine", "used to print ok": the past, before the fault, is no confirmation
_PAST_BEFORE = re.compile(r"\b(?:was|were|used\s+to|had\s+been|always|before|until)\s+(?:\w+\s+)?$", re.I)
_NEG_INSIDE = re.compile(r"\b(?:not|never|cannot)\b|n['’]t\b", re.I)
# v15: a confirm.yaml pattern that carries its own negation ("hasn't dropped since", "has not crashed once", "no more
# drops since") starts with it; only the rest of the match is checked for a negation of its own
_OWN_NEG = re.compile(r"(?:\w+n['’]?t|\w+\s+not|not|no|never)\b", re.I)
_UNTIL_AFTER = re.compile(r"[\s,]*(?:\w+\s+){0,2}(?:until|till|before|but\s+(?:now|then|today|since))\b|"
                          r"[^.!?\n]{0,30}\b(?:error|problem|issue|same|warning|fail\w*|crash\w*|blank)", re.I)
# "and is it all sorted out>": a yes/no question typed without its question mark
_ASKS = re.compile(r"(?:^|[,;:])\W*(?:(?:and|so|but|ok(?:ay)?|well|hey)\W+)*"
                   r"(?:is|are|was|were|did|does|do|has|have|had)\s+"
                   r"(?:it|that|this|everything|things|the|your|you|all)\b[^,;:]*$", re.I)
# "use a different mail server, problem solved": a proposal and its promised outcome
_PROPOSAL = re.compile(r"^(?:(?:just|simply|then|so|now)\s+)*(?:if|use|install|run|try|get|switch|buy|set|add|remove|"
                       r"reboot|restart|do|change|edit|type|put|disable|enable|upgrade|update|download|replace|"
                       r"delete|uninstall|reinstall)\b[^.!?]*(?:,|;|\band|\bthen|->|=>?)\s*$", re.I)
# "good thing you got your problem solved": the customer's own result, so they reported it
_THEIR_RESULT = re.compile(r"\byou(?:'ve|\s+have)?\s+(?:got|gotten|managed\s+to\s+get)\s+"
                           r"(?:your\s+|the\s+|it\s+|that\s+)?$", re.I)
# an instruction: what a helper says before declaring the customer's problem fixed
_INSTRUCTION = re.compile(r"\b(?:try|restart|reboot|open|click|run|clear|reinstall|install|remove|unplug|type|use|"
                          r"edit|add|delete|set|enable|disable|update|upgrade|select|choose|go\s+to|sudo|apt-get|"
                          r"apt|press|change|switch|download|uninstall|purge|mount|check)\b|"
                          r"\b(?:i've|i\s+have|we've|i|we)\s+(?:just\s+)?(?:reset|restarted|cleared|fixed|updated|changed|"
                          r"pushed|applied|re-?enabled|enabled|unlocked|reinstalled|removed|added|rebuilt|repaired|"
                          r"re-?sent|resent|remapped)\b", re.I)
# The customer has not tried it yet: "I'll try this tomorrow", "will test it later", "when I'm back".
_NOT_YET = re.compile(r"\b(?:i['’]?ll|i\s+will|will|gonna|going\s+to|i\s+can)\s+(?:\w+\s+)?(?:try|test|check)\b|"
                      r"\b(?:haven['’]?t|have\s+not|didn['’]?t|not)\s+(?:\w+\s+)?(?:tried|tested|had\s+a\s+chance)\b|"
                      r"\bwhen\s+i(?:['’]m|\s+am|\s+get|\s+go)\s+back\b", re.I)
# "back in the office / at work": a place, not "I'm back in" (logged in)
_PLACE_AFTER = re.compile(r"\s+(?:the\s+|my\s+)?(?:office|work|town|building|country|bed|the\s+uk|the\s+us)\b", re.I)
# "make sure you're sorted", "hope that's sorted", "check that you're all set": a wish or a check
# v10 (review): a declaration negated or made a condition in its own clause declares nothing: "I don't
# think the issue is fixed yet", "After the issue is fixed you will get an email", "Assuming the
# problem is fixed, ..." (closing.yaml's lookbehinds see one word before the phrase only)
_NOT_DECLARED = re.compile(r"(?:n['’]t\b|\b(?:not|never|no\s+longer|after|assuming|before|in\s+case|make\s+sure|"
                           r"until|unless|if|once|when|whether|hope|hoping|as\s+soon\s+as|so\s+that)\b)[^,;:.!?]*$",
                           re.IGNORECASE)
_CHECKING = re.compile(r"\b(?:make\s+sure|ensure|check(?:ing)?(?:\s+(?:that|if|whether))?|see\s+(?:if|whether)|"
                       r"hope|hoping|know\s+(?:if|whether)|confirm(?:ing)?(?:\s+(?:that|if|whether))?)\s+"
                       r"(?:\w+\s+){0,2}$", re.I)
# The customer asked the agent to do something ("can you unlock my account?", "please reset my
# password"), and the draft reports it done ("Done, ...", "I've unlocked it, ...").
_ASKED_ACTION = re.compile(r"\b(?:can|could|would|will)\s+(?:you|u|someone)\s+(?:please\s+)?"
                           r"(?!help\b|tell\b|explain\b|check\b|look\b|see\b|fix\b|sort\b|solve\b|repair\b|resolve\b|figure\b)"
                           r"[a-z]+|\bplease\s+(?!help\b)(?:un|re)?[a-z]+\s+(?:my|the|our)\b|"
                           r"\bi\s+(?:need|want|would\s+like)\s+(?:you\s+to\s+|to\s+(?:have|get)\s+)?(?:my|the|our|an?)?\s*\w+\s+"
                           r"(?:unlocked|reset|enabled|added|removed|restored|changed|created|installed)\b", re.I)
_DONE_BEFORE = re.compile(r"^\W*(?:all\s+)?done\b|\b(?:i['’]ve|i\s+have|we['’]ve|we\s+have|i|we)\s+(?:just\s+)?"
                          r"(?:un[a-z]+ed|re[a-z]+ed|reset|enabled|added|removed|restored|changed|created|installed|"
                          r"granted|updated|extended|sent|set\s+up|activated|cleared|approved|processed)\b|"
                          r"\b(?:has|have)\s+been\s+\w+ed\b", re.I)
LOOKBACK = 8  # messages before a group-chat declaration in which its author must have instructed
# v7: + else/all (close_question); v8: + action ("no further action is required from our side", closing.yaml v3)
# v15: + glad/happy/pleased and "good one" (closing.yaml v6 sign_off: "Glad I could help, have a good one!")
_CHEAP = re.compile(r"\b(?:clos\w*|resolv\w*|mark\w*|solved|sorted|fixed|fix|set|good\s+to\s+go|works?|working|"
                    r"ended|done|care|wrap\w*|archiv\w*|end\w*|else|all|action|day|evening|weekend|afternoon|morning|night|week|"
                    r"glad|happy|pleased|(?:good|great|nice)\s+one)\b",
                    re.I)
# v7: a sentence that says something besides the wrap-up: a step, a link, a number, a promise of action
_SUBSTANCE = re.compile(r"https?://|\d|\b(?:i['’]ll|i\s+will|we['’]ll|we\s+will|let\s+me|i['’]ve|i\s+have|we['’]ve|"
                        r"we\s+have|i\s+can|we\s+can|you\s+can|please|here['’]?s|because|since)\b", re.I)
_THANKS = re.compile(r"^\W*(?:thanks?|thank\s+you|hi|hello|hey|ok(?:ay)?|sure)\b[^.!?]{0,30}[.!]?\s*$", re.I)
# v9 (QA pass 14): "I've noted that on your account.", "I've logged your complaint.": the complaint written down, with
# nothing done about it, is no answer either; "I've passed it to billing" (a hand-over) and "I've noted the refund
# and it will reach you Friday" (more said) are not this.
_NOTED = re.compile(r"^\W*(?:ok(?:ay)?,?\s+)?(?:i['’]ve|i\s+have|we['’]ve|we\s+have)\s+(?:now\s+|just\s+|duly\s+)?"
                    r"(?:noted|logged|recorded|made\s+a\s+note\s+of|added\s+a\s+note\s+(?:about|of)|taken\s+note\s+of)\s+"
                    r"(?:that|this|it|your\s+(?:feedback|comments?|concerns?|complaint|issue|problem))"
                    r"(?:\s+(?:on|to|in|against)\s+(?:your|the|our)\s+(?:account|file|records?|system|notes))?"
                    r"\s*[.!]?\s*$", re.I)
# v15 (real IRC chat): the customer thanks or credits the agent ("good catch", "that's it", "cheers"): a "glad I could
# help" after it answers the thanks, even where a complaint word ("haven't tried it") is in the same message
_CREDITS = re.compile(r"\b(?:thanks?|thank\s+you|thx|ty|cheers|good\s+catch|nice\s+catch|well\s+spotted|"
                      r"that['’]?s\s+it|that\s+(?:did|was)\s+it|you\s+nailed\s+it|you['’]?re\s+(?:a\s+star|the\s+best))\b",
                      re.I)
# "Thanks, but it still won't print" stays open; "haven't tried it but I know that's it" is sure of the fix
_BUT = re.compile(r"\b(?:but(?!\s+(?:i\s+)?(?:know|am\s+sure|['’]m\s+sure)\b)|still|however|though|yet)\b", re.I)
CLOSE_QUESTION_SCORE = 0.6
_IF_BEFORE = re.compile(r"\b(?:if|whether|should)\b[^.!?]*$", re.I)


# v16 (QA pass 23, b20): a fix confirmed and a second request in the same message ("The printer works now, but I also
# can't scan to email. Can you help with that too?"): after the confirmation, a question with "also / too / as well /
# another / one more" is something else worth answering, not the end of the conversation
_ALSO_ASKS = re.compile(r"\b(?:also|too|as\s+well|another|one\s+more|a\s+second|separate|different)\b[^?]*\?|"
                        r"\?[^?]*\b(?:also|too|as\s+well)\b", re.I)


def customer_state(text: str) -> str:
    """'confirmed', 'broken', 'new' (something else worth answering) or 'neutral'."""
    lex = load_lexicon("confirm")
    hits = lex.find(text)
    if any(h.category == "still_broken" for h in hits):
        return "broken"
    if _NOT_YET.search(text):
        return "neutral"  # "OK, I'll try this tomorrow": nothing confirmed yet
    for h in hits:
        if h.category == "works" and _real_works(text, h.start, h.end):
            return "new" if _ALSO_ASKS.search(text, h.end) else "confirmed"
        if h.category == "accept":
            return "confirmed"
    if "?" in text or len(text.split()) > 6:
        return "new"
    return "neutral"


def _real_works(text: str, start: int, end: int) -> bool:
    """A "works" match that is not negated, not about the past and not followed by "until ..."."""
    before = text[max(0, start - 20):start]
    own = _OWN_NEG.match(text, start, end)
    return not (_NEG_BEFORE.search(before) or _PAST_BEFORE.search(before)
                or _NEG_INSIDE.search(text, own.end() if own else start, end)
                or _UNTIL_AFTER.match(text, end) or _PLACE_AFTER.match(text, end))


class AgentPrematureClosure(Detector):
    name = "agent.premature_closure"
    # v7 (QA pass 12): a bare "anything else I can help with?" after an unanswered complaint;
    # v8 (QA pass 13, closing.yaml v3): a bare "Ticket closed.", "the issue has been resolved", "no further action
    # is required from our side"
    # v9 (QA pass 14): "I've noted that on your account." beside the wrap-up question is no answer
    # v10 (review): a declaration negated or made a condition in its clause declares nothing
    # v11 (QA pass 17, confirm.yaml v4): "Yes, it's right now. Thanks!" confirms the check
    # v12 (QA pass 17, closing.yaml v4): a bare "Anything else?" or "Have a great day!" in a hollow reply to a complaint
    # v13 (QA pass 19, closing.yaml v5): "mark this ticket as resolved"; "Refunds can take some time." is hollow too
    # v14 (QA pass 21, confirm.yaml v6): "... it hasn't asked once. Thanks!" confirms (accept)
    # v15 (QA pass 22 b39, closing.yaml v6): "Glad I could help, have a good one!" (prefilter words, sign_off); a
    # confirm.yaml pattern that carries its own negation ("hasn't dropped since") confirms with either apostrophe
    # v16 (QA pass 23, b20): "works now, but I also can't scan. Can you help with that too?" is a second request, not
    # a confirmation that ends the conversation
    # v17 (mood round 26, QA pass 26 g10, confirm.yaml v7): a terse chat confirmation ("vpn ok now thx", "sorted,
    # cheers", "fixed!!") confirms
    version = 17  # v6 (QA pass 8): authorless agent lines (the coach's context) are no second helper
    labels = ("agent.premature_closure",)
    description = "The agent closes or declares the problem fixed before the customer confirmed it works."

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        lex = load_lexicon("closing")
        out: list[Finding] = []
        reported_since_customer = False
        first = 0
        if ctx.focus is not None:  # the state restarts at each customer message
            last_customer = ctx.previous(ctx.focus + 1, "customer")
            first = 0 if last_customer is None else last_customer
        for i in range(first, len(conv.messages)):
            msg = conv.messages[i]
            if msg.role == "customer":
                reported_since_customer = False
                continue
            if reported_since_customer or not _CHEAP.search(msg.text):
                continue
            hit = self._closure(msg.text, lex, ctx, i, msg.role) or _open_close_question(msg.text, lex, ctx, i)
            if hit is None:
                continue
            kind, start, end = hit
            state = self._confirmation(conv, i)
            if kind in ("close_question", "sign_off") and state != "confirmed":
                state = "open"
            if state == "confirmed":
                continue
            score = {"close_action": 0.8, "declare_fixed": 0.6, "system_close": 0.7,
                     "close_question": CLOSE_QUESTION_SCORE, "sign_off": CLOSE_QUESTION_SCORE}[kind]
            if state == "broken":
                score += 0.15
            quote = msg.text[start:end]
            said = {"broken": "while the customer was saying it still doesn't work",
                    "open": "with nothing else said while the customer's complaint is still open",
                    "new": "before the customer confirmed the fix (their last message raised something else)",
                    }.get(state, "before the customer confirmed the fix worked")
            agent = msg.author or "agent"
            if msg.role == "system":
                pa = ctx.previous(i, "agent")
                agent = (conv.messages[pa].author if pa is not None else None) or "agent"
            f = self.finding(
                msg, score, [Span(msg.id, start, end)],
                f"\"{quote}\" {said}; ask them to try it and wait for their answer before closing.",
                data={"kind": kind, "customer_state": state},
            )
            if ctx.wants(i):
                out.append(replace(f, author=agent) if msg.role == "system" else f)
            reported_since_customer = True
        return out

    @staticmethod
    def _closure(text: str, lex: Lexicon, ctx: DetectorContext, i: int, role: str) -> tuple[str, int, int] | None:
        if role == "system":
            pa, pc = ctx.previous(i, "agent"), ctx.previous(i, "customer")
            if pa is None or (pc is not None and pc > pa):
                return None  # closed after the customer's own last word
            m = lex.first(text, ("system_close",))
            return ("system_close", m.start, m.end) if m else None
        if role != "agent":
            return None
        # Whether the reply also asks if the fix worked: looked up only when a declaration needs it
        # (a whole-reply lexicon search, and most replies declare nothing)
        confirm_check: bool | None = None
        # v8: a close action anywhere wins over a declaration before it ("Your issue has been resolved. I'm
        # closing the ticket.": closing is the stronger finding, and was reported before closing.yaml v3)
        declared: tuple[str, int, int] | None = None
        for s, e in ctx.sentences(i):
            sent = text[s:e]
            if sent.rstrip().endswith("?"):
                continue  # "was the problem resolved?" asks; it does not close
            found = lex.find(sent, ("close_action", "declare_fixed", "hedge", "conditional"))
            if not found or any(m.category == "conditional" for m in found):
                continue
            act = next((m for m in found if m.category == "close_action"), None)
            if act is not None:
                return "close_action", s + act.start, s + act.end
            hedges = {(m.start, m.end) for m in found if m.category == "hedge"}
            decl = next((m for m in found if m.category == "declare_fixed"
                         and not any(hs <= m.start < he for hs, he in hedges)), None)
            if decl is None or declared is not None:
                continue
            if confirm_check is None:
                confirm_check = load_lexicon("confirmation").first(text) is not None
            if confirm_check:
                continue
            before = without_nick(ctx.conv, sent[:decl.start])
            if (_ASKS.search(before) or _PROPOSAL.search(before) or _THEIR_RESULT.search(before)
                    or _CHECKING.search(before) or _NOT_DECLARED.search(before) or not _instructed(ctx.conv, i)):
                continue
            if _DONE_BEFORE.search(text[:s + decl.start]) and _asked_action(ctx, i):
                continue  # "Done, you're all set" after "can you unlock my account?"
            declared = ("declare_fixed", s + decl.start, s + decl.end)
        return declared

    @staticmethod
    def _confirmation(conv: Conversation, i: int) -> str:
        seen = 0
        for j in range(i - 1, -1, -1):
            m = conv.messages[j]
            if m.role != "customer":
                continue
            seen += 1
            st = customer_state(m.text)
            if st == "confirmed" or st == "broken":
                return st
            if st == "new":
                return "new"
            if seen >= WINDOW:
                break
        return "neutral"


def _open_close_question(text: str, lex: Lexicon, ctx: DetectorContext, i: int) -> tuple[str, int, int] | None:
    """v7: a wrap-up question in a reply that says nothing else, after an unanswered complaint.

    "Nothing else" is measured per sentence: each other sentence must be stock sympathy or thanks
    (``stock_empathy``/``empathy`` lexicons, "Thanks for waiting.") with no step, number, link or
    promise in it. The customer's last message must report a fault or displeasure (``complaint``).
    """
    if ctx.conv.messages[i].role != "agent":
        return None
    pc = ctx.previous(i, "customer")
    if pc is None or not load_lexicon("complaint").find(ctx.conv.messages[pc].text):
        return None
    if _CREDITS.search(ctx.conv.messages[pc].text) and not _BUT.search(ctx.conv.messages[pc].text):
        return None  # v15: "i haven't tried it but know thats it, good catch": thanked, not an open complaint
    hit: tuple[str, int, int] | None = None
    for s, e in ctx.sentences(i):
        sent = text[s:e]
        q = lex.first(sent, ("close_question", "sign_off"))
        if q is not None and _IF_BEFORE.search(sent[:q.start]):
            q = None  # "let us know if there's anything else we can do": an open door, not a wrap-up
        if q is not None and q.category == "sign_off" and sent.rstrip().endswith("?"):
            q = None  # v12: "Did you have a good day before this?" asks; it does not take leave
        if q is not None and hit is None:
            hit = (q.category, s + q.start, s + q.end)
            continue
        hollow = (_THANKS.match(sent) or load_lexicon("stock_empathy").first(sent)
                  or load_lexicon("empathy").first(sent)
                  or lex.first(sent, ("vague_wait",)))  # v13: "Refunds can take some time."
        if _NOTED.match(sent):
            continue  # v9: a note on the account answers nothing
        if _SUBSTANCE.search(sent) or not hollow:
            return None  # the reply answers or acts on something: the wrap-up is a courtesy
    return hit


def _asked_action(ctx: DetectorContext, i: int) -> bool:
    """The customer's last message before message ``i`` asks the agent to do something."""
    pc = ctx.previous(i, "customer")
    return pc is not None and bool(_ASKED_ACTION.search(ctx.conv.messages[pc].text))


def _instructed(conv: Conversation, i: int) -> bool:
    """In a group chat, the author of message ``i`` gave an instruction in it or in their recent lines.

    One-to-one chats always pass: there the agent's "it's working now" is about the customer.
    Agent lines without an author are no second helper (v6): the coach's pasted context ("Agent:
    I've reset your MFA.") has none, and read as one it made the draft a group-chat line.
    """
    who = nick(conv.messages[i].author)
    if len({nick(m.author) for m in conv.messages if m.role == "agent" and m.author}) < 2:
        return True
    return any(nick(conv.messages[j].author) == who and _INSTRUCTION.search(conv.messages[j].text)
               for j in range(max(0, i - LOOKBACK), i + 1))


DETECTOR = AgentPrematureClosure()
