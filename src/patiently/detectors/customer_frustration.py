"""customer.frustration: how frustrated each customer message is (0..1), and the trajectory.

Signals, combined per message: phrases from ``lexicons/frustration.yaml`` (exasperation,
anger, threats to escalate or leave, urgency), shouting (ALL CAPS beyond IT acronyms),
repeated ``!``/``?!``, VADER's negativity, and (v2) the shipped GoEmotions head's
anger/annoyance/disappointment/disapproval/disgust signal (:func:`patiently.heads.emotion_signal`),
which hears frustration said in ordinary words that no lexicon lists. Lexicon hits carry
most of the weight because VADER alone reads a neutral fault report ("the printer is broken")
as negative; the head adds at most :data:`HEAD_WEIGHT`, so on its own only a clear signal
reaches the reporting level.
v3 adds complaint cues from ``lexicons/frustration_cues.yaml`` (the flat and sarcastic ways
social and chat customers say the service failed them: "sent it twice now to apparently no
one", "still waiting 3 days", "Figure it out", "#xsucks", "😠"), a question pasted again word for
word, and a guard that stops the head from hearing frustration in a bare "no" or "weird"
reply. The cue weights were set on a hand-labelled tuning set disjoint from the evaluation set
(benchmarks/data/frustration_tuning_labels.jsonl; docs/detectors/customer.frustration.md).
v4 (QA pass 5): words inside double quotes are what the screen or someone else said
(`Outlook says "Cannot connect to server"`), not the customer's feeling, so no cue, shouting or
VADER tone is read there; the head does not hear the customer's self-description ("I'm not very good
with computers": self-deprecation, not annoyance); "every time I" that only says when a fault
shows ("every time I open it"), and "I want a refund" alone, no longer read as exasperation or a
threat; an event of theirs minutes or hours away ("presenting to the board in 20 minutes") is
urgency.
v5 (QA pass 8): a plain request ("I want to cancel my subscription", "I want a refund for the annual
plan") and a fault report about a message the system did not send ("I never got the password reset
email") are not frustration on their own; threatening to leave still is ("I'll cancel my account").
Stress idioms are read as a family ("about to lose my mind", "pulling my hair out", "close to
tears"), as are a shouted deadline ("I need to pay rent TODAY"), time spent trying ("been trying for 2
hours"), a problem that got worse ("I did but now I can't log in"), and "!!" on a fault report.
v6 (QA pass 11): the customer's self-introduction by role ("I'm a sysadmin.", ``lexicons/self_intro.yaml``)
is not read by the emotion head, as "I'm not very technical" already was not: a calm technical report
that opens with who the customer is read as frustrated.
v7 (QA pass 12): the customer's description of themselves ("I'm hopeless with technology") is not read by the
lexicons or VADER either (it read "hopeless" as anger); and the emotion head does not read the words that name
the fault ("stopped syncing", "broken", "hasn't arrived"): it heard a calm one-line report ("my calendar stopped
syncing", "how do I get a refund for the broken kettle?") as annoyance. The feeling words around a fault are
still read ("my calendar stopped syncing, this is so disappointing").
v8 (QA pass 13, ``frustration.yaml`` v4): "I want my money back" asks for a refund (a `request`, not a
threat); "switching to" is a threat only when the customer says they are leaving ("I'm switching to Verizon"),
not in "before switching to the fiber plan" or "switching to 64 bit image"; and the head does not read a thing
that will not do its job ("won't respond to the app anymore"), which it heard as annoyance in a calm report.
The trajectory compares the start and the end of the conversation, so coaches can see
whether the agent calmed the customer down or the conversation escalated.
v9 (QA pass 15, ``frustration.yaml`` v5): a shouted order opening its sentence ("...!!! Fix it NOW.", "Refund me
TODAY!") is urgency; "every time I pick / enter / export ..." only says when a fault shows ("The report exports empty
every time I pick a date range." is a calm fault report).
v12 (QA pass 18, ``frustration_cues.yaml`` v4): "terrible", "horrible", "awful" after "I feel / felt / am feeling (so)"
are how the customer feels about their own mistake ("I deleted the folder by accident. I'm so sorry, I feel terrible"),
not name-calling: no ``insult`` cue there; "your service is terrible" still is one.
v13 (QA pass 19, ``frustration.yaml`` v7, ``frustration_cues.yaml`` v5): "!!" or "?!" on a loss or a slowness ("My files
disappeared from the shared drive!!", "Why is my internet so slow?! I pay for 500mb and get 20!!") is exclaiming about
the problem, as on "can't" / "not working"; a shouted deadline after
"want" ("I want my money NOW") is urgency, as after "need"; "nobody is answering my emails" is a failed service.
v14 (recall round on the tuning set, ``frustration.yaml`` v8, ``frustration_cues.yaml`` v6): a shouted adverb of
expectation ("i JUST bought it", "you STILL send me a bill") is emphasis on its own (:data:`_STRESSED`); "and yet" /
"but yet" is a persisting problem; "for the two weeks" is a wait; "Is it really necessary?" is rhetorical.
v15 (review, ``frustration.yaml`` v9, ``frustration_cues.yaml`` v7): a loss or slowness said as over or beside thanks
("It worked, the error is gone!! Thanks so much!!", "not so slow anymore!!") and "Am I missing something?!" are no fault
(:func:`faults`); a shouted adverb counts only with a complaint, a fault or a cue in the message and never beside thanks
or success ("Thanks, that worked! I NEVER knew that menu existed."); "for the two weeks" is a wait only after a fault or
wait word; the "I feel terrible" exception is checked in code at any width (:data:`_FEELING`); "want ... NOW" is urgency
only at the end of its clause.
v16 (``frustration.yaml`` v10, ``cancellation.yaml`` v1): a plain request to cancel or close something, in any common
wording ("Please cancel my account.", "I'd like to terminate my contract", "unsubscribe me"; v5's two ``request``
phrases generalised), is no sign: no weight, and the emotion head does not read it (:func:`head_text`), which heard "I
want to cancel my membership." as annoyance (0.57); said in anger the other words still count ("Cancel my account NOW,
this is a joke!!"). The parts the head does not read are left out, not blanked: the head read a run of spaces as a sign.
v17 (mood round, ``frustration.yaml`` v11, ``frustration_cues.yaml`` v8): calm read as upset: a deadline days away
("Deadline is Friday.") is no urgency, the customer's own attempts ("i try many times") are weak `attempts`, a code a
system returns or a hyphenated term ("returns SERVFAIL for DNSSEC-signed domains") is no shouting, the head does not
read an empty result ("it finds nothing") or a lost thing ("I lost my card", "cancel my card, I lost it"), and a phrase
of both lexicons ("still no") counts once. Upset read as calm: the agent's suggestions failing ("nothing you suggested
worked"), the people sent not coming ("never turned up"), "This is theft.", "I'm considering switching.", "ruining my
business", "payroll is due tomorrow!" and a passive loss ("was wiped ...!!").
v18 (mood round 26, ``frustration.yaml`` v12, ``frustration_cues.yaml`` v9): "I TOLD you it's not there!!" (the verb of
having said it shouted) is exasperation, and "I've looked three times" an attempt.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..lexicon import load_lexicon
from ..model import Conversation, Finding, Span
from ..text import blank, caps_ratio, shouting_spans
from ._frustration_emphasis import _PLAYFUL, _STRESSED, _emphasis
from ._frustration_faults import (
    _CLAUSE_END,
    _FAULT_SINCE,
    _FAULT_WORDS,
    _FEELING,
    _FEELING_WORD,
    _GRIEVANCE,
    _PAID,
    _SUCCESS,
    SINCE_WITHIN,
    faults,
    lost_things,
)
from .base import Detector, DetectorContext

_BANGS = re.compile(r"[!?]*![!?]*!+[!?]*|\?!+")
_QUERIES = re.compile(r"\?{2,}")
# Three or more shouted words in a row read as shouting even inside a long, calm message.
_SHOUT_RUN = re.compile(r"\b[A-Z]{2,}(?:[\s,]+[A-Z]{2,}){2,}\b")
REPORT_AT = 0.35  # a message is reported as frustrated from this level
BANG_ON_FAULT = 0.3
# Weight of the GoEmotions head's 0..1 negative-emotion signal. 0.6 was chosen on half of the
# TweetEval-sentiment stand-in (scripts/make_frustration_standin.py; the other half only
# reports) as the weight with the best F1 there that adds at most one flagged message on the
# bundled IT examples; see docs/detectors/customer.frustration.md.
HEAD_WEIGHT = 0.6
HEAD_REASON_AT = 0.1  # name the model as a reason when it adds at least this much
# v3: each further distinct complaint cue adds this much to the strongest one (as v2 does for
# its lexicon), and a question pasted again word for word adds REPEAT_WEIGHT; both chosen on the
# tuning set, where 0.4 was the best of 0 / 0.4 in every cross-validation fold but one.
CUE_EXTRA = 0.1
REPEAT_WEIGHT = 0.4
CUE_REASONS = {
    "failed_service": "complaint about the service", "persisting": "problem persists",
    "repeated_contact": "has asked or tried repeatedly", "impatience": "impatience",
    "insult": "insulting words", "sarcasm": "sarcasm", "emoji": "upset emoji", "hint": "complaint wording",
    "worse": "problem got worse", "worse_after": "problem got worse", "attempts": "tried several times",
}


@lru_cache(maxsize=1)
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def vader_compound(text: str) -> float:
    return float(_vader().polarity_scores(text[:2000])["compound"])


# (heads folder, text) -> head signal; the coach re-reads the same context
_EMOTION_CACHE: dict[tuple[str | None, str], float] = {}


def emotion(texts: list[str], heads_dir: str | None = None) -> list[float]:
    """The GoEmotions head's negative-emotion signal (0..1) of each text, from the shipped
    heads or those of ``heads_dir`` (``heads.dir``); the texts not seen before are scored in
    one batch (the head is vectorised, a call per text is not)."""
    from ..heads import emotion_signal, load_heads

    # Answers come from a local dict, never from the shared cache after an update: the cache
    # may be cleared (size bound) or written by another thread (web jobs) in between.
    known: dict[str, float] = {}
    for t in texts:
        v = _EMOTION_CACHE.get((heads_dir, t))
        if v is not None:
            known[t] = v
    todo = list(dict.fromkeys(t for t in texts if t not in known))
    if todo:
        signal = emotion_signal(todo, load_heads(heads_dir))
        fresh = dict(zip(todo, (float(v) for v in signal), strict=True))
        known.update(fresh)
        if len(_EMOTION_CACHE) > 8192:
            _EMOTION_CACHE.clear()
        _EMOTION_CACHE.update({(heads_dir, t): v for t, v in fresh.items()})
    return [known[t] for t in texts]


# Quoted text: an error message, a button, someone else's words.
_QUOTED = re.compile(r'"[^"\n]{2,200}"|“[^”\n]{2,200}”')


def masked(text: str) -> str:
    """The text with double-quoted parts blanked out (same length, so spans stay valid)."""
    return _QUOTED.sub(lambda m: " " * len(m.group()), text) if '"' in text or "“" in text else text


def _self_spans(text: str) -> list[tuple[int, int]]:
    """The customer's description of themselves: not technical ("I'm hopeless with technology") or (v6)
    their self-introduction by role ("I'm a sysadmin."): who they are, not how they feel."""
    # (v8: the non-technical list is non_technical.yaml's, which customer.confusion and agent.jargon read too)
    found = [*load_lexicon("non_technical").find(text, ("self_description",)), *load_lexicon("self_intro").find(text)]
    return [(m.start, m.end) for m in found]


def head_text(text: str) -> str:
    """What the emotion head reads: the message less the customer's description of themselves
    (:func:`_self_spans`), (v7) the words naming the fault (:data:`_FAULT_WORDS`) and (v16) a request to cancel or
    close something (``lexicons/cancellation.yaml``: "cancel my membership", "close my account", "unsubscribe me"),
    which the head heard as annoyance in a calm "I want to cancel my membership." (0.95); the words around it are
    still read ("Cancel my account NOW, this is a joke!!"). (v16) The hidden parts are left out (:func:`left_out`).
    (Quoted text stays: blanking it left fragments such as 'there is no' that the head heard as annoyance, 15 of
    19 new findings wrong on Ubuntu IRC / TWCS.)"""
    faults = [m.span() for m in _FAULT_WORDS.finditer(text)]
    # only the "anymore" of the fault's own clause: "It doesn't connect. I can't take this anymore!" keeps
    # the second one, which is how the customer feels (review)
    since = [m.span() for m in _FAULT_SINCE.finditer(text)
             if any(0 <= m.start() - fe <= SINCE_WITHIN and not _CLAUSE_END.search(text, fe, m.start())
                    for _, fe in faults)]
    asked = [(m.start, m.end) for m in load_lexicon("cancellation").find(text)]
    return left_out(text, [*_self_spans(text), *faults, *since, *asked, *lost_things(text)])


def left_out(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` without ``spans``, each hidden part (with the spaces around it) one space (v16). Blanking them (same
    length) left runs of spaces that the head's character features read as a sign of their own: "Could you please"
    and 43 spaces read 0.58 annoyance, "Could you please ." 0.0."""
    if not spans:
        return text
    kept: list[str] = []
    at = 0
    for s, e in sorted(spans):
        kept.append(text[at:max(s, at)])
        at = max(at, e)
    kept.append(text[at:])
    return " ".join(p for p in (k.strip() for k in kept) if p)


def frustration_level(text: str, emotion_score: float | None = None, heads_dir: str | None = None
                      ) -> tuple[float, list[tuple[int, int]], list[str]]:
    """Level 0..1, evidence spans and the reasons, for one customer message.
    ``emotion_score``: the head's signal when already computed for a batch (see :func:`emotion`)."""
    level, spans, reasons = _frustration_level(text)
    out_reasons = list(reasons)
    # A bare reply ("no", "weird", "nope, not a laptop") reads as disapproval to the head, but in
    # a help chat it answers a question; without any other sign it is not frustration.
    if text.strip() and not (level == 0.0 and _bare_reply(text)):
        added = HEAD_WEIGHT * (emotion([head_text(text)], heads_dir)[0] if emotion_score is None else emotion_score)
        level = min(1.0, level + added)
        if added >= HEAD_REASON_AT:
            out_reasons.append("annoyed or angry wording (model)")
    return level, list(spans), out_reasons


_HANDLES = re.compile(r"@\w+|https?://\S+|^\s*[\w\[\]|^`-]{2,20}[:,]\s")  # @handles, links, an IRC "nick:" prefix
_ANSWER_WORDS = frozenset({"no", "nope", "nah", "not", "wrong", "weird", "strange", "odd", "nothing", "none",
                           "never", "yes", "yeah", "yep", "ok", "okay", "hmm"})


def exclaims_about_fault(text: str) -> bool:
    """v13: "!!" or "?!" on a message that names a fault, a loss or a slowness (:data:`_FAULT`), outside quotes
    ("My files disappeared from the shared drive!!"): the reply coach reads it as upset even below the reporting level.
    "Can't wait!!" is eagerness, not a fault."""
    text = masked(text)
    return bool(_BANGS.search(text)) and any(not _EAGER.match(text, m.end()) for m in faults(text))


_EAGER = re.compile(r"\s+wait\b", re.IGNORECASE)  # "Can't wait any more!!": eagerness, no fault


def _bare_reply(text: str) -> bool:
    """A short answer: up to three words, or up to six that open with an answer word
    ("no its not a laptop", "weird, it worked yesterday")."""
    words = re.findall(r"[a-z']+", _HANDLES.sub(" ", text.lower()))
    return len(words) <= 3 or (len(words) <= 6 and words[0] in _ANSWER_WORDS)


def _cues(text: str, taken: tuple[tuple[int, int], ...] = ()) -> tuple[float, list[tuple[int, int]], list[str]]:
    """v3's complaint cues: the strongest weight plus CUE_EXTRA per further distinct cue; a
    cue inside a longer one ("still" in "still can't") is the same evidence and not counted, nor (v17) one inside
    a ``frustration.yaml`` phrase already counted (``taken``): "Still no sound." read "still no" twice, as urgency
    and as a persisting problem (0.45 + 0.25)."""
    matches = [m for m in load_lexicon("frustration_cues").find(text)
               if not (m.category == "insult" and _FEELING_WORD.fullmatch(m.text) and _FEELING.search(text[:m.start]))
               and not any(s <= m.start and m.end <= e for s, e in taken)]
    kept = [m for m in matches
            if not any(o is not m and o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start)
                       for o in matches)
            and not any(o.start == m.start and o.end == m.end and o.weight > m.weight for o in matches)]
    if not kept:
        return 0.0, [], []
    level = max(m.weight for m in kept) + CUE_EXTRA * (len({m.text.lower() for m in kept}) - 1)
    reasons = sorted({CUE_REASONS.get(m.category, m.category) for m in kept})
    return level, [(m.start, m.end) for m in kept], reasons


def _normalised(text: str) -> str:
    return " ".join(re.findall(r"\w+", _HANDLES.sub(" ", text.lower())))


def pasted_again(text: str, earlier: set[str]) -> bool:
    """The customer pastes the same question again (four words or more), as IRC users do when
    no one answered: impatience, whatever the words. ``earlier``: the :func:`_normalised`
    earlier messages, which this adds ``text`` to (a set: one lookup per message, however
    long the conversation)."""
    norm = _normalised(text)
    again = len(norm.split()) >= 4 and norm in earlier
    earlier.add(norm)
    return again


@lru_cache(maxsize=4096)
def _frustration_level(text: str) -> tuple[float, tuple[tuple[int, int], ...], tuple[str, ...]]:
    # Pure in the text, and VADER costs ~0.1 ms a message: the coach reads the same context
    # messages on every check of a draft (and agent.condescending reads them again).
    text = masked(text)
    text = blank(text, _self_spans(text))  # v7: "I'm hopeless with technology" is not anger
    lex = load_lexicon("frustration")
    matches = lex.find(text)
    spans = [(m.start, m.end) for m in matches]
    reasons = sorted({m.category for m in matches})
    level = 0.0
    if matches:
        strongest = max(m.weight for m in matches)
        level = strongest + 0.1 * (len({m.text.lower() for m in matches}) - 1)
    ratio = caps_ratio(text)
    runs = [m.span() for m in _SHOUT_RUN.finditer(text) if shouting_spans(m.group())]
    cue_level, cue_spans, cue_reasons = _cues(text, tuple(spans))
    # v15 (review): a shouted adverb is emphasis only on a complaint, a fault or a cue in the message, never beside
    # thanks or success ("Thanks, that worked! I NEVER knew that menu existed." is delight)
    # (the shouted word's own cue, "NEVER", is not the complaint)
    stressed = [m.span() for m in _STRESSED.finditer(text)]
    found_faults: list[re.Match[str]] | None = None  # faults(text), worked out once if needed (~30 us)
    if stressed:  # the guard only matters when a word is shouted
        other = [(s, e) for s, e in [*((m.start, m.end) for m in matches), *cue_spans]
                 if not any(s < se and ss < e for ss, se in stressed)]
        if _PLAYFUL.search(text) or _SUCCESS.search(text):
            stressed = []
        elif not other:
            found_faults = faults(text)
            if not (found_faults or _PAID.search(text) or _GRIEVANCE.search(text)):
                stressed = []
    if ratio >= 0.3 or runs:
        level += 0.35 if ratio >= 0.6 or runs or stressed else 0.25
        spans += runs or shouting_spans(text)
        reasons.append("shouting")
    elif emphasis := _emphasis(text) or stressed:
        level += 0.35
        spans += emphasis
        reasons.append("shouting")
    bangs = list(_BANGS.finditer(text))
    if bangs:
        if found_faults is None:
            found_faults = faults(text)
        level += BANG_ON_FAULT if found_faults else 0.15
        spans += [b.span() for b in bangs]
        reasons.append("exclamation")
    elif queries := list(_QUERIES.finditer(text)):
        level += 0.1
        spans += [q.span() for q in queries]
        reasons.append("repeated question marks")
    if cue_level:
        level += cue_level
        spans += cue_spans
        reasons += [r for r in cue_reasons if r not in reasons]
    if level > 0 or len(text) > 20:
        compound = vader_compound(text)
        if compound <= -0.5:
            level += 0.2 * (-compound)
            if not spans:
                reasons.append("negative tone")
    return min(1.0, level), tuple(sorted(set(spans))), tuple(reasons)


def trend_of(levels: list[float]) -> tuple[float, float, float, str]:
    """(start, end, peak, trend) over the customer's messages.

    Long conversations look at the two first and two last messages so one calm "ok" does
    not hide an angry ending; short ones at the first and the last.
    """
    if not levels:
        return 0.0, 0.0, 0.0, "steady"
    k = 2 if len(levels) >= 5 else 1
    start, end, peak = max(levels[:k]), max(levels[-k:]), max(levels)
    if len(levels) >= 2 and end >= REPORT_AT and end >= start + 0.25:
        trend = "escalating"
    elif len(levels) >= 2 and peak >= REPORT_AT and end <= peak - 0.3 and end < REPORT_AT:
        trend = "calmed"
    else:
        trend = "steady"
    return start, end, peak, trend


class CustomerFrustration(Detector):
    name = "customer.frustration"
    # v9 (QA pass 15, frustration.yaml v5): "Fix it NOW." is urgency; "every time I pick ..." says when
    # v10 (review): only the "anymore" of the fault's own clause is hidden from the head
    # v11 (QA pass 17, frustration.yaml v6): "it's right now" (correct now) is no urgency
    # v12 (QA pass 18, frustration_cues.yaml v4): "I feel terrible" is the customer's own guilt, no insult
    # v13 (QA pass 19, frustration.yaml v7, frustration_cues.yaml v5): "!!" on a loss or slowness ("disappeared!!",
    # "so slow?!"), "I want my money NOW", "nobody is answering my emails"
    # v14 (recall round, frustration.yaml v8, frustration_cues.yaml v6): shouted expectation adverbs ("i JUST bought
    # it"), "and yet" / "but yet", "for the two weeks", "Is it really necessary?"
    # v15 (review, frustration.yaml v9, frustration_cues.yaml v7): no fault in a loss said as over ("the error is
    # gone!! Thanks"), a shouted adverb only on a complaint, "for the two weeks" only after a fault or wait, "I feel
    # ... terrible" at any width, "want ... NOW" only at the clause end
    # v16 (frustration.yaml v10, cancellation.yaml v1): a request to cancel or close something ("Please cancel my
    # account.") is no sign and is not read by the emotion head; hidden words are left out of what the head reads
    # v17 (mood round, frustration.yaml v11, frustration_cues.yaml v8): calm misread (deadline days away, own attempts,
    # returned codes, empty results and lost things hidden from the head, one phrase counted once) and upset misread
    # (failed suggestions, no-shows, theft, leaving, livelihood, due tomorrow, passive loss)
    # v18 (mood round 26, frustration.yaml v12, frustration_cues.yaml v9): "I TOLD you", "I've looked three times"
    # v19 (QA pass 27): "!!" on a loss said in the active voice ("Outlook deleted all my emails from 2022!!")
    version = 19
    # v2: + the GoEmotions head's negative-emotion signal; v3: + complaint cues, repeats, bare-reply guard;
    # v4: quoted text and self-descriptions are not read, fault-timing "every time I", time pressure;
    # v5: plain requests and missing system messages are calm; stress idioms, shouted deadlines, got worse,
    # "!!" on a fault; v6: a self-introduction by role is not read by the emotion head; v7: self-descriptions are
    # not read by any signal, and the head does not read the words naming the fault; v8: "I want my money back" is a
    # request, "switching to" a threat only as the customer's decision, "won't respond (anymore)" a fault word
    labels = ("customer.frustration", "customer.frustration_trajectory")
    description = "Customer frustration per message (0..1) and whether it escalated or calmed down."

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        out: list[Finding] = []
        levels: list[float] = []
        frustrated: list[int] = []
        if not ctx.targets("customer"):
            return []  # both labels sit on customer messages
        customers = ctx.indices("customer")
        # one batch: the head is vectorised
        signals = emotion([head_text(conv.messages[i].text) for i in customers], ctx.settings.heads.dir)
        said: set[str] = set()
        for i, signal in zip(customers, signals, strict=True):
            msg = conv.messages[i]
            level, spans, reasons = frustration_level(msg.text, signal)
            if pasted_again(msg.text, said):
                level = min(1.0, level + REPEAT_WEIGHT)
                reasons = [*reasons, "pasted the same message again"]
                spans = spans or [(0, len(msg.text))]
            levels.append(level)
            if level >= REPORT_AT:
                frustrated.append(i)
                if not ctx.wants(i):
                    continue
                if not spans:
                    spans = ctx.sentences(i)[:1] or [(0, len(msg.text))]
                out.append(
                    self.finding(
                        msg, level, spans,
                        f"Customer sounds frustrated ({', '.join(reasons)}): acknowledge it before the fix.",
                        data={"reasons": reasons},
                    )
                )
        if len(levels) >= 2 and max(levels) >= REPORT_AT:
            start, end, peak, trend = trend_of(levels)
            last = conv.messages[customers[-1]]
            if not ctx.wants(frustrated[0]):
                return out
            evidence = list(out[0].evidence[:1])
            if last.id != out[0].message_id:
                evidence.append(Span(last.id, 0, len(last.text)))
            words = {
                "escalating": "Frustration grew over the conversation",
                "calmed": "The customer calmed down by the end",
                "steady": "Frustration stayed about the same",
            }[trend]
            out.append(
                self.finding(
                    conv.messages[frustrated[0]], end, evidence,
                    f"{words} (start {start:.2f}, peak {peak:.2f}, end {end:.2f}).",
                    label="customer.frustration_trajectory",
                    data={"start": round(start, 3), "end": round(end, 3), "peak": round(peak, 3), "trend": trend},
                )
            )
        return out


DETECTOR = CustomerFrustration()
