"""What the full rewrite adds around the draft: an acknowledgment first, a confirmation check last.

Both are added only where the draft does not already do it. An opener in front of a draft
that already apologises or acknowledges reads as two apologies in a row, so the draft is
checked with the same cues the empathy detector starts from (``lexicons/empathy.yaml``, the
stock lines of ``stock_empathy.yaml``) and a plain apology (the library's ``apology``). The
opener says "still" only after an earlier contact, and "you've had to explain this again"
only when the customer repeated themselves; a repeated *question* gets "ask again". The
confirmation question goes before a closing "Bye." / "Thanks", and is asked only about a fix
(the draft gives an instruction or reports one, or the context's last agent message did and
the customer has not answered yet); not when the customer has already said that it works, nor
right after they said it still fails (then a "Glad I could help!" goes too).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ..lexicon import load_lexicon
from ..model import Message
from ..text import sentence_spans
from .rewrite_prefilter import Needs, may_match, may_occur, needs

if TYPE_CHECKING:
    from .rewrite import Edit

# Empathy-lexicon kinds that acknowledge on their own; a feeling or situation word ("stressed",
# "deadline") counts only with a verb of understanding ("I understand you are very stressed"):
# "I can't change the deadline" does not acknowledge anything.
_ACK_KINDS = frozenset({"direct", "exclaim", "reassure", "situational"})
_NAME_LINE = re.compile(r"^(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*)?$")
_UNDERSTANDING = re.compile(r"\b(?:understand|know|see|imagine|hear|reali[sz]e|appreciate|must\s+be|sounds?|"
                            r"i['’]?d\s+be|i\s+would\s+be)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Situation:
    """What the context says beyond the customer's state, for the words around the draft."""

    earlier_contact: bool = False  # an agent already answered, or the customer tried or asked before
    asked_again: bool = False  # the customer's repeat is a question, not an explanation
    confirmed: bool = False  # the customer's last message says the fix works
    failing: bool = False  # the customer's last message says it still fails
    fix_pending: bool = False  # the context ends with an agent's fix the customer has not answered
    agent_before: bool = False  # an agent message in the context: only then may a rewrite say "again"
    feeling: str = ""  # "grieving", "worried", "hurried" or "lost" from the customer's last message (see feeling())
    apologised: bool = False  # the customer said sorry for themselves and their last message is calm
    agent_said: tuple[str, ...] = ()  # the agent's earlier messages (a repeat of one is no fuller answer)
    topic: int = -1  # which of the library's ack_topics the customer's last message names (-1: none)
    waiting: bool = False  # the customer's last message waits on us (the library's waiting_on_us)
    not_found: bool = False  # the customer's last message says they cannot find what they were told (not_found)


def situation(messages: Sequence[Message], states: Sequence[str]) -> Situation:
    """The :class:`Situation` of a check's context messages."""
    from ..detectors.agent_premature_closure import customer_state

    customers = [m for m in messages if m.role == "customer"]
    last = customers[-1].text if customers else ""
    cues = load_lexicon("repeat_cues")
    agent_before = any(m.role == "agent" for m in messages)
    # An earlier contact is an earlier attempt that failed or an earlier asking: "It STILL does
    # not work", "I asked again", "still waiting". A bare "still" is not one ("can I still use
    # the old app?", qa8 g23): it opened the rewrite with "sorry this is still causing you trouble".
    earlier = (agent_before or "repeating" in states
               or any(cues.first(m.text, ("cue",)) is not None or still_failing(m.text)
                      or template_search("earlier_attempt", m.text) is not None for m in customers))
    state = customer_state(last) if last else "neutral"
    ends = messages[-1] if messages else None
    return Situation(
        earlier_contact=earlier,
        asked_again="repeating" in states and last.rstrip().endswith("?"),
        confirmed=state == "confirmed",
        failing=ends is not None and ends.role == "customer" and (state == "broken" or still_failing(last)),
        fix_pending=ends is not None and ends.role == "agent" and gives_fix(ends.text),
        agent_before=agent_before,
        feeling=feeling(last),
        apologised=apologised(messages),
        agent_said=tuple(m.text for m in messages if m.role == "agent"),
        waiting=template_search("waiting_on_us", last) is not None,
        not_found=agent_before and template_search("not_found", last) is not None,
        topic=ack_topic(last),
    )


def apologised(messages: Sequence[Message]) -> bool:
    """The customer apologised for themselves (the library's ``apologetic``) in the messages the draft
    answers ("I don't see Security under Profile, sorry."), or in the turn before when they now just ask
    again, please ("sorry, what was it?" ... "one more time please"), and they neither exclaim nor say it
    still fails: "I can see how frustrating it is" misread them (QA19 b12, b39). An apology the agent
    already answered is no longer one ("sorry for the caps" ... "No need to apologise")."""
    turns: list[list[str]] = [[]]
    for m in messages:
        if m.role == "agent" and turns[-1]:
            turns.append([])
        elif m.role == "customer":
            turns[-1].append(m.text)
    if messages and messages[-1].role != "customer":
        return False
    now = turns[-1]
    if not now or any("!" in t or "??" in t or still_failing(t) for t in now):
        return False
    sorry = template_regex("apologetic")

    def says_sorry(texts: list[str]) -> bool:
        return any(sorry.search(s) for t in texts for s in re.split(r"(?<=[.!?])\s+|\n+", t.strip()))

    return says_sorry(now) or (len(turns) > 1 and says_sorry(turns[-2]) and any(
        re.search(r"\bplease\b", t, re.IGNORECASE) for t in now))


def feeling(last: str) -> str:
    """"grieving" ("my father passed away last week"), "worried" ("I'm so worried, I have no money
    left"), "hurried" ("meeting starts in 2 min") or "lost" ("I don't know what to do"), from the
    customer's last message; "" otherwise. The frustrated opener misreads all four."""
    if template_search("grief", last):
        return "grieving"
    if template_search("worry", last):
        return "worried"
    if template_search("hurry", last):
        return "hurried"
    # lost, not angry: "I don't know what to do" read as frustration got "how frustrating it is" (QA27 g06)
    return "lost" if "!" not in last and template_search("lost", last) else ""


def ack_topic(last: str) -> int:
    """The first of the library's ``ack_topics`` whose cue the customer's last message says, or -1: the opener
    names their situation ("I'm sorry you've been left waiting for your money") instead of one stock line."""
    for i, (cue, needed) in enumerate(_ack_topic_cues()):
        if may_match(needed, last) and cue.search(last):
            return i
    return -1


@cache
def _ack_topic_cues() -> tuple[tuple[re.Pattern[str], Needs], ...]:
    """The ``ack_topics`` cues compiled once, each with what every match needs (asked on every check: most
    messages hold none of them)."""
    from .rewrite import library

    compiled = [re.compile(str(topic["cue"]), re.IGNORECASE) for topic in library().templates["ack_topics"]]
    return tuple((p, needs(p)) for p in compiled)


@cache
def template_regex(name: str) -> re.Pattern[str]:
    """A pattern of the rewrite library's templates, compiled once."""
    from .rewrite import library

    return re.compile(str(library().templates[name]), re.IGNORECASE)


@cache
def _template_needs(name: str) -> Needs:
    return needs(template_regex(name))


def template_search(name: str, text: str, *, fresh: bool = False) -> re.Match[str] | None:
    """``template_regex(name).search(text)``, not run where a word that every match holds is missing
    (:mod:`.rewrite_prefilter`). A big template tried at every character costs 30-90 us on a
    120-word draft ("jab", "acknowledged"); the test of its words, about 1 us on the draft or a
    context message (the lexicons keep their word lists). A ``fresh`` text (a rewrite) is only
    lower-cased for the test (:func:`.rewrite_prefilter.may_occur`): its word list costs ~40 us.
    Only for templates whose words most texts lack: "fix_given" or "refusal" would search anyway."""
    wanted = _template_needs(name)
    if not (may_occur(wanted, text) if fresh else may_match(wanted, text)):
        return None
    return template_regex(name).search(text)


@cache
def _instruction_verbs() -> frozenset[str]:
    from ..lexicon import load_data

    return frozenset(str(v).lower() for v in load_data("imperative_verbs")["verbs"]) - {"let", "keep", "leave"}


def gives_fix(text: str) -> bool:
    """Does ``text`` give the customer something to try, or report a fix? ("Open Settings.",
    "Please restart it", "I've reset your password", "That should fix it")."""
    # the sentences of a draft are split already (rewrite.sentences): its instructions are the cheaper test
    return instructs(text) or template_regex("fix_given").search(text) is not None


def instructs(text: str) -> bool:
    """Does a sentence of ``text`` tell the customer to do something ("Open Settings.", "Please
    restart it")? A reported action ("I've escalated it") is no instruction, nor a request for what the customer
    has (the library's ``asks_for``: "Please send the logs", QA27: "Could you try it?" after it asked about nothing)."""
    from .rewrite import sentences  # the draft's are split once per check

    lead, verbs = template_regex("instruction_lead"), _instruction_verbs()
    for s, e in sentences(text):
        sentence = text[s:e].strip()
        m = lead.match(sentence)
        rest = sentence[m.end():] if m else sentence
        word = re.match(r"[A-Za-z-]+", rest)
        if word and word.group(0).lower() in verbs and not re.match(r"(?i)(?:let|call)\s+me\b", rest) \
                and not template_regex("asks_for").match(rest):
            return True
    return False


def still_failing(text: str) -> bool:
    """The customer says the problem is still there ("Teams still crashes", "didn't work")."""
    return bool(template_regex("still_failing").search(text))


def without_success_claims(text: str) -> str:
    """``text`` less the sentences that say the problem is solved ("Glad I could help!")."""
    claim = template_regex("success_claim")
    # most texts say nothing of the kind: no need to split them (a text seen once: lower-cased only)
    if not may_occur(_template_needs("success_claim"), text):
        return text
    spans = [(s, e) for s, e in sentence_spans(text) if claim.match(text[s:e])]
    for s, e in reversed(spans):
        text = text[:s] + text[e:]
    return text


def own_apology(text: str) -> bool:
    """An apology to the customer ("I'm sorry, I don't have access", "My apologies"), not one for
    the speaker's own English or a late reply ("Sorry for my late reply"). The one rule the
    coach's check (no_acknowledgment) and its rewrite (opener, what a cut may not take) share:
    when they disagreed, a draft was flagged for no acknowledgment and its rewrite added none."""
    return load_lexicon("coach_cues").first(text, ("own_apology",)) is not None


def acknowledges(text: str) -> bool:
    """Does the text already apologise or acknowledge how the customer feels?"""
    if own_apology(text) or template_search("acknowledged", text, fresh=True):  # "..., sorry." (QA21 g11)
        return True
    emp, stock = load_lexicon("empathy"), load_lexicon("stock_empathy")
    for s, e in sentence_spans(text):
        sentence = text[s:e]
        kinds = {m.category for m in emp.find(sentence)}
        if kinds & _ACK_KINDS or ("feeling" in kinds and _UNDERSTANDING.search(sentence)):
            return True
        if stock.first(sentence, ("apology", "understanding")) is not None:
            return True
    return False


def acknowledgment(context_state: Sequence[str], where: Situation | None = None, text: str = "") -> str:
    """The opener for the customer's state and situation; ``text``: the reply it goes in front of ("No
    problem at all." never goes before a reply that says something is a problem or refuses, QA21 b37)."""
    from .rewrite import library

    where = where or Situation()
    ack: Mapping[str, str] = library().templates["acknowledgment"]
    if where.feeling == "grieving":  # a loss comes before any frustration or repeat
        return ack["grieving"]
    if "repeating" in context_state:
        return ack["asked_again"] if where.asked_again else ack["repeating"]
    if "confused" in context_state and "frustrated" not in context_state:
        # "my last message wasn't clear" only where there was one (QA17: no action never taken)
        return ack["confused"] if where.agent_before else ack["confused_first"]
    if where.feeling == "lost":  # reassurance, not frustration (QA27 g06)
        return ack["lost_refused"] if template_regex("refusal").search(text) else ack["lost"]
    if where.apologised and where.feeling not in ("worried", "hurried"):
        if template_regex("refusal").search(text):
            return ack["apologised_refused"]
        return ack["apologised"]  # "No problem at all." to "sorry, what was it?" (QA19 b12, b39)
    if "frustrated" not in context_state and where.feeling != "worried":
        # not frustrated: "how frustrating it is" misreads a calm or self-deprecating customer
        return ack["non_technical"] if "non_technical" in context_state else ack["calm"]
    if where.feeling == "hurried":
        return ack["urgent"]
    kind = "worried" if where.feeling == "worried" else "frustrated"
    kind = f"{kind}_still" if where.earlier_contact else kind
    named: Mapping[str, str] = library().templates["ack_topics"][where.topic] if where.topic >= 0 else {}
    return str(named.get(kind) or ack[kind])


def with_opener(text: str, context_state: Sequence[str], where: Situation | None) -> str:
    """The acknowledgment in front of ``text``, unless ``text`` already acknowledges."""
    if acknowledges(text):
        return text
    hello = template_regex("greeting").match(text)
    cut = hello.end() if hello and hello.end() < len(text) else 0
    if cut and not text[cut - 1].isspace():
        cut = 0
    # "No problem at all." answers the customer: an apology in front of it reads as a clash
    calm = template_regex("reassurance").match(text, cut)
    if calm and calm.end() < len(text):
        cut = calm.end()
    rest = text[cut:]
    filler = template_regex("filler_opening").match(rest)
    if filler:  # "I'm sorry ... Ok. Anything else?": the shrug goes behind the apology (QA17 b17)
        rest = rest[filler.end():]
        rest = rest[:1].upper() + rest[1:]
    if where is not None and where.feeling == "lost" and load_lexicon("coach_cues").first(rest, ("reassures",)):
        return text  # the draft already reassures a lost customer ("Don't worry, we'll sort this out together")
    opener = not_repeating(acknowledgment(context_state, where, rest), rest)
    if _STILL.search(opener):  # "sorry this is still causing you trouble ... glad that's sorted!" (QA20 b10)
        rest = without_success_claims(rest).strip()
    return f"{text[:cut]}{opener} {rest}".strip()


_STILL = re.compile(r"\bstill\b")


_AND_CLAUSE = re.compile(r",\s+and\s+(?P<lead>\w+(?:['’]\w+)?\s+\w+\s+\w+)[^.!?]*(?P<end>[.!?])$")


def not_repeating(opener: str, text: str) -> str:
    """The opener without its second clause where the draft says the same words ("I'm sorry ..., and
    I can see how frustrating it is. I can see you've already restarted ..." says "I can see" twice,
    QA17 g17): no phrase twice."""
    m = _AND_CLAUSE.search(opener)
    if m and re.search(r"\b" + r"\s+".join(map(re.escape, m.group("lead").split())) + r"\b", text, re.IGNORECASE):
        return opener[:m.start()] + m.group("end")
    return opener


def with_confirmation(text: str, where: Situation | None, draft: str = "") -> str:
    """The confirmation question after the last sentence that is not a sign-off. After the
    customer said it still fails, only about a new fix: the rewrite gives an instruction, or the
    draft reports a fix and says it should work now ("I've reset your mail app settings. This should be
    fixed now.", QA18 b17; "Try changing the protocol to TCP", b11); a claim alone ("This should be fixed
    now.") or "I've escalated it" is none."""
    from .rewrite import library

    where = where or Situation()
    if where.failing:
        fresh = instructs(text) or (template_search("fix_claimed", draft) is not None
                                    and template_search("fix_reported", draft) is not None)
        if not fresh:
            return text
    elif where.confirmed or not (where.fix_pending or gives_fix(text)):
        return text  # nothing to try: "Could you try it?" would ask about a fix never given
    question = str(library().templates["confirmation"])
    spans = sentence_spans(text)
    cut = len(text)
    for k in range(len(spans) - 1, -1, -1):
        s, e = spans[k]
        # a signature line ("Tom") under a sign-off ("Regards,") belongs to it
        name = k == len(spans) - 1 and k > 0 and _NAME_LINE.match(text[s:e]) is not None
        sign_off = template_regex("sign_off")
        if not (sign_off.match(text[s:e]) or (name and sign_off.match(text[spans[k - 1][0]:spans[k - 1][1]]))):
            break
        cut = s
    if cut == len(text):
        return f"{text.rstrip()} {question}"
    head = text[:cut].rstrip()
    gap = text[len(head):cut] if "\n" in text[len(head):cut] else " "  # a sign-off on its own line stays there
    return f"{head} {question}{gap}{text[cut:]}".strip()


_AND = re.compile(r"\s*and\s+", re.IGNORECASE)
# What a tied verb says up to its sentence's end, three words at most: "decide", "make a decision"
_SHORT_END = re.compile(r"(?:\w+\s+){0,2}\w+(?=\s*(?:[.!]|$))")
_TAKE_YOUR_TIME = re.compile(r"\btake\s+your\s+time\b\s*(?:[,;]\s*|and\s+|to\s+)?", re.IGNORECASE)


def fit_to_situation(draft: str, per_flag: list[list[Edit]], where: Situation | None,
                     learned: Sequence[bool] = ()) -> list[list[Edit]]:
    """``per_flag`` with replacements that the situation would contradict reworded:
    "I'm sorry this has held you up" to a worried customer (an alarm at 3am held nothing up) takes
    the library's ``held_up`` wording for that feeling, and "take your time" goes where the same
    sentence keeps a deadline ("the offer expires in 10 minutes", qa12 b34): the deadline is a
    fact the customer needs, and "take your time" next to it says the opposite. A "Take your
    time." in a whole sentence's place looks at the whole draft ("Send the receipt today,
    otherwise ...", qa16 b15); with nothing left to say, the sentence goes, or stays as it was for
    a ``learned`` flag's edit (a tone model's guess never deletes a sentence: it is listed in
    ``unchanged`` instead)."""
    from .rewrite import fill, library, sentence_holding

    swaps: Mapping[str, str] = library().templates["held_up"]
    grief = [str(p) for p in library().templates["grief_swaps"]]
    held = "I'm sorry this has held you up"
    condoled = False
    out = []
    for i, eds in enumerate(per_flag):
        fitted = []
        for ed in eds:
            text = ed.text
            if where is not None and held in text and where.feeling in swaps:
                text = text.replace(held, swaps[where.feeling])
            if where is not None and where.feeling == "grieving":
                for phrase in grief:
                    text = text.replace(phrase, swaps["grieving"])
                if swaps["grieving"] in text and condoled:  # one "I'm so sorry for your loss" (QA19 b21)
                    text = re.sub(r"\s*,?\s*(?:and\s+)?" + re.escape(swaps["grieving"]), "", text)
                condoled = condoled or swaps["grieving"] in text
                end = _dangling_end(draft, ed) if swaps["grieving"] in text else ed.end
                if end > ed.end:  # "I'm so sorry for your loss this may cause." (QA21 b09): the tail goes too
                    fitted.append(type(ed)(ed.start, end, text))
                    continue
            wait = template_regex("waiting_close").match(text) if where is not None and where.waiting else None
            if wait:  # the customer waits on us: the case stays open for our part, not theirs (QA22 b19)
                text = fill(str(library().templates["waiting_answer"]), wait.groupdict())
            elif _TAKE_YOUR_TIME.search(text):
                s, e = sentence_holding(draft, ed)
                whole = not any(c.isalnum() for c in draft[s:ed.start] + draft[ed.end:e])
                # a deadline anywhere in the draft: "The code is only valid for 10 minutes. Please hurry up
                # and enter it." is no "take your time" (QA17 g35)
                rest = draft[:ed.start] + " " + draft[ed.end:]
                if _dated(rest):
                    text = _TAKE_YOUR_TIME.sub("", text, count=1)
                    if whole and not text.strip(" .") and i < len(learned) and learned[i]:
                        continue
                    tie = _AND.match(draft, ed.end) if not text else None
                    if tie:  # "Hurry up and make a decision" -> "Make a decision"
                        fitted.append(type(ed)(ed.start, tie.end(), ""))
                        # "..., within 7 days you'll be charged, so I'd decide before then" (QA20 b29)
                        then = _SHORT_END.match(draft, tie.end())
                        if then and _dated(draft[s:ed.start]):
                            fitted.append(type(ed)(then.end(), then.end(), " before then"))
                        continue
            fitted.append(ed if text == ed.text else type(ed)(ed.start, ed.end, text))
        out.append(fitted)
    return out


_TIED_ON = re.compile(r"\s*(?:[,;:(–—-]|(?:and|but|so|because|as|while|though|although|if|until|when)\b)",
                      re.IGNORECASE)


def _dangling_end(draft: str, ed: Edit) -> int:
    """Where a condolence that replaced a stock line must end: at its sentence's last word when the rest of
    the sentence is no clause of its own ("We apologize for any inconvenience | this may cause."): a
    condolence with a stock line's tail reads as a sneer to a bereaved customer. ``ed.end`` otherwise."""
    from .rewrite import sentence_holding

    _, e = sentence_holding(draft, ed)
    tail = draft[ed.end:e]
    if not any(c.isalnum() for c in tail) or _TIED_ON.match(tail):
        return ed.end
    return ed.end + max(i for i, c in enumerate(tail) if c.isalnum()) + 1


def _dated(text: str) -> bool:
    """``text`` names a deadline or a charge date ("within 7 days you'll be charged"): "before then" fits."""
    return any(template_regex(name).search(text) for name in ("deadline", "time_deadline", "charge_date"))


_LEAD = re.compile(r"^\s*let\s+me\s+go\s+through\s+it\s+again(?:,\s*more\s+fully)?\s*:?\s*$", re.IGNORECASE)


def no_lead(text: str) -> str:
    """A repeat's lead-in that is all its replacement says, dropped where the customer's last message says the fix
    worked: they asked nothing again, and "Great news! Let me go through it again, more fully: the update installs
    overnight" re-answers a question nobody asked (QA23 g18); the agent's reminder just goes. A customer who asks
    the same question in new words ("but when will I get it?") is asking again, so only a confirmation counts."""
    return "" if _LEAD.match(text) else text
