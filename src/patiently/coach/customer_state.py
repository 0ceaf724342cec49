"""How the reply coach reads the customer (:func:`customer_state`) and whether a draft acknowledges them
(:func:`acknowledges`), from the detectors' findings on the context and the coach's own cues
(``lexicons/coach_cues.yaml``). Split out of :mod:`.engine`, which maps findings to flags.
"""

from __future__ import annotations

import re

from ..detectors.agent_scripted_empathy import names_situation
from ..detectors.customer_confusion import says_confused
from ..detectors.customer_frustration import exclaims_about_fault
from ..lexicon import load_lexicon
from ..model import Conversation, Finding, Message
from ..text import sentence_spans
from .rewrite_frame import own_apology


def customer_state(conv: Conversation, findings: list[Finding]) -> tuple[list[str], dict[str, float]]:
    """What the customer's latest messages show; non-technical counts from anywhere in the context.
    A customer who apologises for themselves with no sign but soft ones is not frustrated (:func:`_apologetic`);
    one who is worried, stressed or in distress (a theft, illness, a death, tears) is read as ``frustrated``
    (the state that wants an acknowledgment and weighs a stock line more), and so is one who says what the fault
    costs them (QA pass 14: "I missed my flight", "a birthday present for tomorrow"; QA pass 17: "I've lost a day's
    pay") or that the service harmed or failed them in person (QA pass 17: "Your technician broke my gate"). A customer
    who says they are
    repeating themselves (:func:`says_repeating`) is ``repeating`` without a customer.repeat finding."""
    msgs = conv.messages[:-1]
    recent = _recent_customer_ids(conv)
    scores: dict[str, float] = {}
    for f in findings:
        state = None
        if f.label == "customer.confusion":
            if f.data.get("non_technical"):
                scores["non_technical"] = max(scores.get("non_technical", 0.0), f.score)
            if f.message_id in recent and set(f.data.get("reasons") or ()) - {"non_technical"}:
                state = "confused"
        elif (f.label == "customer.frustration" and f.message_id in recent and not _apologetic(f, msgs)
              and not _plain_report(f, msgs) and not _plain_request(f)):
            state = "frustrated"
        elif f.label == "customer.repeat" and f.message_id in recent:
            state = "repeating"
        if state:
            scores[state] = max(scores.get(state, 0.0), f.score)
    # "I'm so worried", "please tell me you can get it back": stress; "my laptop was stolen", "my mother is in
    # hospital": distress (QA pass 11), which no frustration cue hears but a stock line hurts as much;
    # QA pass 14: what the fault costs them ("I missed my flight", "a birthday present for tomorrow") too
    # QA pass 17: harmed or failed in person by the service, said flatly ("Your technician broke my gate", "the engineer
    # didn't turn up again and it's freezing in here, I have a baby"): no frustration cue hears it, a stock line hurts
    if "frustrated" not in scores and any(_cue(m.text, "stressed") or _cue(m.text, "distressed")
                                          or _cue(m.text, "at_stake") or _cue(m.text, "let_down")
                                          for m in msgs if m.id in recent):
        scores["frustrated"] = STRESSED_SCORE
    # QA pass 19: "!!" or "?!" on a fault, a loss or a slowness ("My files disappeared from the shared drive!!", "Why is
    # my internet so slow?! I pay for 500mb and get 20!!") is upset, though customer.frustration's level stays under its
    # reporting line when the emotion head hears nothing; not "Found it!!" or "slow down!!" (no fault)
    if "frustrated" not in scores and any(exclaims_about_fault(m.text) for m in msgs if m.id in recent):
        scores["frustrated"] = EXCLAIMED_SCORE
    # QA pass 14: the customer says they are repeating themselves ("I've told you this already!!", "I asked this
    # yesterday too"). customer.repeat needs the earlier message, which a short context often lacks, and misses a
    # reworded repeat; the customer's own word is enough for the coach.
    if "repeating" not in scores and any(says_repeating(m.text) for m in msgs if m.id in recent):
        scores["repeating"] = SAYS_REPEATING_SCORE
    if "confused" not in scores:  # "I'm confused" before any agent reply: no finding, still confused
        said = max((says_confused(m.text) for m in msgs if m.id in recent), default=0.0)
        # QA pass 15 (b35): "what does 'pending' mean?" asks what a word means: the reply must be in plain words,
        # agent reply or not. Not "what does this error mean?" (this/that/it: their own paste or screen).
        said = said or max((m.weight for msg in msgs if msg.id in recent
                            for m in load_lexicon("confusion").find(msg.text, ("what_is",))
                            if not _ANAPHOR.search(m.text)), default=0.0)
        if said:
            scores["confused"] = said
    order = ("frustrated", "repeating", "confused", "non_technical")
    return [s for s in order if s in scores], scores


_ANAPHOR = re.compile(r"\b(?:this|that|it|those|these)\b", re.IGNORECASE)


# What the coach reads itself (lexicons/coach_cues.yaml): an apology in the agent's own voice,
# thanks for the customer's effort, reassurance that answers a worry, and a customer who sounds
# worried or stressed. Thanks acknowledge only a mildly upset customer (below THANKS_ACK_BELOW).
THANKS_ACK_BELOW = 0.8
STRESSED_SCORE = 0.55
EXCLAIMED_SCORE = 0.5  # "!!" on a fault with nothing else: below a frustration finding's usual level
SAYS_REPEATING_SCORE = 0.7  # the customer's "I've told you this already": as sure as a matched repeat


def says_repeating(text: str) -> bool:
    """The customer says they are saying or asking this again: customer.repeat's ``said_before`` phrases ("I
    already told you", "as I said") or the coach's ``says_repeating`` cue ("How many times do I have to say it?")."""
    return (load_lexicon("repeat_cues").first(text, ("said_before",)) is not None
            or _cue(text, "says_repeating"))


def reassures(text: str) -> bool:
    """Reassurance that answers a worry (coach_cues ``reassures``: "Don't worry", "you won't lock yourself out")."""
    return _cue(text, "reassures")


def _cue(text: str, category: str) -> bool:
    return load_lexicon("coach_cues").first(text, (category,)) is not None


# customer.frustration's reasons that are soft on their own: the emotion head (which hears "sorry i lost
# the invoice" as sadness), a sad emoji, "again", a fault that persists. On a message where the customer
# apologises for themselves ("hey sorry to bother u again, printer is offline again :(") they are not
# frustration at anyone; any other reason (shouting, "!!", exasperation, a wait, urgency) still is.
_SOFT = frozenset({"annoyed or angry wording (model)", "upset emoji", "complaint wording", "negative tone",
                   "problem persists", "problem got worse"})
# The reasons of a plain wait ("where is my order? it's been 4 days"); see acknowledges().
_WAIT = frozenset({"waiting", "repeated question marks"})
# The reasons of plain time pressure ("meeting starts in 2 min", "flight in an hour!"); see _answers_at_once().
_HURRY = frozenset({"urgency", "exclamation"})
QUICK_ANSWER_WORDS = 45  # a reply this short, with no question and no deferral, is the answer itself
# QA pass 19 (g11): a reply whose first sentences say the thing is done for them ("I've just emailed your boarding pass
# ...") is the answer given at once, with a fallback or a link after it, up to this many words
DONE_ANSWER_WORDS = 80
DONE_WITHIN_SENTENCES = 2
# QA pass 14: a short reply that blames, lectures or brushes off ("The logs show the password was entered wrong five
# times. Please be more careful when typing it in future.") is no answer given at once, however short.
_JABS = frozenset({"agent.blame", "agent.condescending", "agent.dismissive", "agent.unprofessional", "agent.pressure",
                   "agent.tone"})


def _apologetic(f: Finding, msgs: tuple[Message, ...]) -> bool:
    """A frustration finding with only soft reasons, on a message where the customer apologises for themselves."""
    if not set(f.data.get("reasons") or ()) <= _SOFT:
        return False
    return any(m.id == f.message_id and _cue(m.text, "customer_apology") for m in msgs)


# QA pass 12: the reasons of a plain report that something has not come ("My order 88213 hasn't arrived, it
# was due on Monday."): customer.frustration's failed-service cue, alone, with nothing added (no second cue,
# no "!!", no feeling word the head hears). A fact about the order, not a feeling; see _plain_report().
_REPORT = frozenset({"complaint about the service", "negative tone"})
PLAIN_REPORT_BELOW = 0.5


def _plain_report(f: Finding, msgs: tuple[Message, ...]) -> bool:
    """A frustration finding whose only evidence is a calm "hasn't arrived" / "wasn't delivered"."""
    if f.score >= PLAIN_REPORT_BELOW or not set(f.data.get("reasons") or ()) <= _REPORT:
        return False
    text = next((m.text for m in msgs if m.id == f.message_id), "")
    ev = [text[s.start:s.end] for s in f.evidence if s.message_id == f.message_id]
    return bool(ev) and all(_cue(t, "plain_report") for t in ev)


# QA pass 19 (g34): a plain request ("I want to cancel my subscription effective end of this month.") with nothing but
# the emotion head's reading beside it: frustration.yaml's `request` is no frustration by itself, and the head hears
# "cancel" as annoyance (0.25 + 0.31). A second cue, "!!", shouting or a strong head reading still is frustration.
_REQUEST = frozenset({"request", "annoyed or angry wording (model)", "negative tone"})
PLAIN_REQUEST_BELOW = 0.6


def _plain_request(f: Finding) -> bool:
    """A frustration finding whose only evidence is a plain request and a mild emotion-head reading."""
    reasons = set(f.data.get("reasons") or ())
    return "request" in reasons and reasons <= _REQUEST and f.score < PLAIN_REQUEST_BELOW


def _mild_wait(f: Finding, conv: Conversation) -> bool:
    """A mildly upset customer whose only sign is how long they have waited ("it's been 4 days"),
    not that they are asking again ("the third time I'm asking")."""
    if f.score >= THANKS_ACK_BELOW or not set(f.data.get("reasons") or ()) <= _WAIT:
        return False
    text = next((m.text for m in conv.messages if m.id == f.message_id), "")
    return not any(_cue(text[s.start:s.end], "asked_again") for s in f.evidence if s.message_id == f.message_id)


# customer.frustration's reasons that say the customer is angry at the service, not worried or sad:
# "Don't worry, ..." does not answer "This is ridiculous, I'm worried I'll lose my money".
_ANGRY = frozenset({"anger", "threat", "exasperation", "insulting words", "sarcasm"})
# What customer.frustration says when the only sign is the same question asked again.
_REPEAT_ONLY = frozenset({"pasted the same message again"})


def acknowledges(draft: str, on_draft: list[Finding], findings: list[Finding], conv: Conversation) -> bool:
    """Does the draft acknowledge the customer before going on (so no ``no_acknowledgment``)?

    An agent.empathy finding (own words or stock; a stock line is judged as scripted_empathy),
    an apology in the agent's own voice (also after a comma or "and"), thanks for what a mildly
    upset customer did or explained, or, when the customer's only sign of frustration is
    asking the same thing again, an answer that kindly goes through it again ("Sure! Let me walk
    you through it again, step by step": impatient_repeat's ``kind`` phrases, with no
    impatient_repeat finding), or reassurance that answers a worried or distressed customer's worry
    ("Don't worry, it's not something you did" to "I'm really worried I've deleted them"; "your photos
    aren't gone" to "I deleted my photos by accident, I'm so upset"; "you can keep using the old app"
    to "I'm worried I'll lose access"), unless they are also angry at the service, or, when the
    customer's only sign is a plain wait ("where is my order? it's been 4 days"), an answer that says
    where it stands or when it comes ("It left our warehouse yesterday and should arrive Thursday").
    QA pass 11: the agent taking up the feeling or the customer's reading in their own words ("I hear you,
    it can be a nuisance", "what a pain", "I can see why they looked like a duplicate"; QA pass 14: owning the
    fault, "that's on us", "you've had to explain this three times"), and, when the
    customer's only sign is time pressure, a short answer given at once (:func:`_answers_at_once`).
    """
    if any(f.label == "agent.empathy" for f in on_draft) or own_apology(draft):
        return True
    if any(names_situation(draft, m.end) for m in load_lexicon("stock_empathy").find(draft)):
        return True  # "I completely understand wanting this sorted before your flight"
    if any(f.label == "agent.impatient_repeat" for f in on_draft):
        return False
    if _cue(draft, "validates"):
        return True  # "I hear you, it can be a nuisance"; "I can see why they looked like a duplicate"
    recent = _recent_customer_ids(conv)
    frustration = [f for f in findings if f.label == "customer.frustration" and f.message_id in recent]
    if (frustration and all(set(f.data.get("reasons") or ()) <= _HURRY for f in frustration) and _answers_at_once(draft)
            and not any(f.label in _JABS for f in on_draft)):
        return True  # "meeting starts in 2 min" answered with the password itself: speed is the acknowledgment
    mild = max((f.score for f in frustration), default=0.0) < THANKS_ACK_BELOW
    if _cue(draft, "thanks_effort") and mild:
        return True
    # Reassurance acknowledges, unless the customer is angry at the service: when it answers a worried or distressed
    # customer's worry, or (QA pass 23, g07) a stressed one's ("I'm so stressed", coach_cues ``stressed``: "Your essay
    # is safe: ... well before tonight's deadline"), or (QA pass 20, g30) comes with the fix already done ("Don't
    # worry, I've caught it in time. I've changed your booking ...")
    if reassures(draft) and not any(_ANGRY.intersection(f.data.get("reasons") or ()) for f in frustration) and (
            any(load_lexicon("coach_cues").first(m.text, ("worried", "distressed", "stressed")) is not None
                for m in conv.messages[:-1] if m.id in recent) or _done_first(draft)):
        return True
    if frustration and all(_mild_wait(f, conv) for f in frustration) and (
            _cue(draft, "status") or any(f.label == "agent.progress_update" for f in on_draft)):
        return True  # "it's been 4 days" answered with where the order is and when it comes
    repeat_only = bool(frustration) and all(set(f.data.get("reasons") or ()) <= _REPEAT_ONLY for f in frustration)
    return repeat_only and load_lexicon("impatient_repeat").first(draft, ("kind", "courtesy")) is not None


def _answers_at_once(draft: str) -> bool:
    """A short reply that asks nothing and puts nothing off ("Sure! It's Guest-2024 (capital G)."): to a
    customer whose only sign is time pressure, it is the answer itself, not a reply that goes straight on. QA pass 19:
    so is a longer one (up to :data:`DONE_ANSWER_WORDS`) whose first sentences say it is done for them already ("I've
    just emailed your boarding pass ...", coach_cues ``done_now``): the length is a fallback, not a delay."""
    if "?" in draft or _cue(draft, "defers"):
        return False
    words = len(draft.split())
    if words <= QUICK_ANSWER_WORDS:
        return True
    return words <= DONE_ANSWER_WORDS and _done_first(draft)


def _done_first(draft: str) -> bool:
    """The draft's first sentences say the thing is done for the customer already (coach_cues ``done_now``)."""
    spans = sentence_spans(draft)[:DONE_WITHIN_SENTENCES]
    return bool(spans) and _cue(draft[:spans[-1][1]], "done_now")


def _recent_customer_ids(conv: Conversation) -> set[str]:
    """The customer's messages after the context's last agent message; when the context ends with an
    agent message, the customer's messages among its last four (their last word still counts)."""
    msgs = conv.messages[:-1]
    last_agent = max((i for i, m in enumerate(msgs) if m.role == "agent"), default=-1)
    recent = {m.id for m in msgs[last_agent + 1:] if m.role == "customer"}
    return recent or {m.id for m in msgs[-4:] if m.role == "customer"}
