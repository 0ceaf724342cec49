"""agent.dismissive: the agent brushes the customer off instead of owning the problem.

Signals come from the ``dismissive`` lexicon (refusing ownership, "works for me", quick
fixes thrown over the wall, shrugging, minimising). A match is softened when the same
message also offers a concrete next step, a referral or a reason (``tone_alternatives``
lexicon), because "not my department, but the network team can help: ..." is a hand-over,
not a brush-off. Real IRC/Twitter support data showed the bare phrases over-fire, so a
category may also declare context rules (``context_excludes``): ``skip_if_before`` /
``skip_if_after`` regexes around the match ("should I just google it?", "just wait a few
minutes", "I don't know what to tell you other than ..."), ``skip_in_question`` and
``max_other_words`` (a quick fix or "works for me" is only thrown over the wall when the
message says little else). Purely lexical on purpose: the static embeddings put "it works on my end"
and "I see the issue on my end too, let me check" at the same similarity, so they cannot
separate a brush-off from engagement.

v3 (QA pass 4b): "works fine on my end" / "works fine for everyone else" with any adverb, and
the ``shut_down`` category ("Stop asking."), both in the lexicon.

v4 (QA pass 5): sending the customer to read something first, whatever it is called ("Please
read it before contacting support"), and "this is covered in the FAQ" (``look_it_up`` patterns).

v5 (QA pass 6): a bare "Read the guide." as a sentence of its own (``look_it_up``), "what do you
expect me to do about it" (``brush_off``), and "Stop sending me messages" / "I'll get to it when I
get to it" (``shut_down``).

v7 (QA pass 8): "not my department" is excused only by a real hand-over (tone_alternatives
``handover`` / ``contact``), not by a bare "Contact the billing team."; "you'll need to open a new
ticket", "Please refer to the FAQ." and "I'm sorry you feel that way. Anyway, ..." are brush-offs.

v8 (QA pass 10): ``curt_refusal``, a refusal or correction with little else said ("Sorry, no. Next
question?", "lol that's not how refunds work"); an explanation or offer in the message softens it.

v9 (QA pass 11): ``scope_refusal`` ("That's not something we support.", "outside the scope of what we
can help with"), dropped by a real hand-over, an address, an offer or a "but ..." right after;
``just_how_it_works`` ("that's just how the software works" with no reason after it); "not sure
what to tell you" in any wording; "best of luck resolving it"; "Don't contact us before then" and
"Stop spamming the helpdesk" (``shut_down``).
v10 (QA pass 12, lexicon v9): "that's a you problem" (``brush_off``), "Don't call us about this again"
and "you shouldn't have called here" (``shut_down``), "You'll have to figure it out with the
manufacturer" and "Everything is explained in the manual." (``look_it_up``).
v11 (QA pass 13, lexicon v10): "Nobody else has this issue" in any wording (``works_for_me``), "the steps are in
the help centre" ending its sentence (``look_it_up``); and (tone_alternatives v3) "I'd be happy to ..." is an
offer, so a refusal with it in the next sentence is softened.
v12 (QA pass 14, lexicon v11): a hedged scope refusal ("That's not really something we deal with"), "You could
try Googling it" (``look_it_up``) and ``try_later``: "It should be working. Try again later." with next to nothing
else said (no reason, no status, no follow-up) puts the customer off.
v13 (QA pass 15, lexicon v12): "It loads fine for me." / "runs perfectly for me" (``works_for_me``: any verb of
working with a manner word, not only "works fine for me"); "It'll probably sort itself out." with no time or reason
after it (``minimising``) and "Please check our website for rebooking options." as the last sentence (``look_it_up``:
options, help or answers, not "for more details").
v15 (QA pass 18, lexicon v14): ``normal_no_worry``, the problem called normal and the worry waved away together with no
reason between ("That's normal, laptops get loud. Nothing to worry about."), where the "nothing to worry about" is
part of the brush-off and no longer softens it as an explanation; "stop asking" said of a program ("Does it stop
asking after that?", "Outlook should stop asking") is the fix being checked, not a ``shut_down``.
v17 (QA pass 19, lexicon v16): ``infallible``, the customer's doubt waved away by declaring the system unable to err
("The system doesn't make mistakes.", "Our records are never wrong"), dropped with an offer or a hand-over.
v19 (QA pass 20, lexicon v18): a scope refusal with a bare "You'll need to contact your bank." after it ("That's not
something we can help with. You'll need to contact your bank.") is not softened: "you'll need to" counts as an offer
elsewhere, but here it only sends the customer away (``not_softened_by``); with a number, an address or a real
hand-over it is still dropped.
"""

from __future__ import annotations

import re
from typing import Any

from ..lexicon import Match, load_lexicon, meta_regex
from ..model import Conversation, Finding
from ..text import readable
from .base import Detector, DetectorContext

REPORT_AT = 0.35  # findings below this (e.g. a softened quick fix) are not reported
SOFTEN_FACTOR = 0.5  # a concrete alternative in the same message halves the severity
EXTRA_MATCH_BONUS = 0.1  # each further distinct brush-off phrase in the message
# An IRC line quoting someone else ("<Tigran_> ... oh well"): the words are not the agent's.
QUOTED = re.compile(r"<[\w\[\]\\^{}|`-]+>\s")
# A leading "nick:" / "@nick" address is not part of what the agent says.
ADDRESS = re.compile(r"^\s*(?:@\w+\s+|[\w\[\]\\^{}|`.-]+\s*[:,]\s+)")
WORD = re.compile(r"\w+")


def context_excludes(text: str, m: Match, sentence: tuple[int, int], meta: dict[str, Any]) -> bool:
    """True when the lexicon category's context rules say this match is not meant as written.

    ``skip_if_before`` regexes are searched in the sentence before the match, ``skip_if_after``
    ones matched right after it; ``skip_in_question`` skips matches in a question, and
    ``max_other_words`` skips a match when the message (or, with ``words_in: sentence``, its
    sentence), less a leading nick, says more than that many other words. Any quoted IRC
    line before the match makes it someone else's words.
    """
    s, e = sentence
    before = text[s : m.start]
    if QUOTED.search(text[: m.start]):
        return True
    if any(meta_regex(p).search(before) for p in meta.get("skip_if_before") or ()):
        return True
    if any(meta_regex(p).match(text, m.end) for p in meta.get("skip_if_after") or ()):
        return True
    if meta.get("skip_in_question") and "?" in text[s:e]:
        return True
    limit = meta.get("max_other_words")
    if limit is not None:
        lo, hi = (s, e) if meta.get("words_in") == "sentence" else (0, len(text))
        rest = ADDRESS.sub("", text[lo : m.start] + " " + text[m.end : hi], count=1)
        if len(WORD.findall(rest)) > int(limit):
            return True
    return False


def sentence_of(sents: list[tuple[int, int]], pos: int, length: int) -> tuple[int, int]:
    return next(((s, e) for s, e in sents if s <= pos < e), (0, length))


def alternatives(text: str, categories: tuple[str, ...], exclude: list[Match]) -> list[Match]:
    """Alternative/next-step phrases of ``categories`` not inside one of the ``exclude`` spans.

    "nothing I can do" contains "I can do", which must not count as an offer.
    """
    found = load_lexicon("tone_alternatives").find(text, categories)
    return [a for a in found if not any(a.start < x.end and x.start < a.end for x in exclude)]


def _real(text: str, found: list[Match], meta: dict[str, Any]) -> list[Match]:
    """The softeners that count: a category's ``not_softened_by`` regexes, tried at a softener's start, drop it
    (v19, QA pass 20: "You'll need to contact your bank." after a scope refusal is the bare referral itself, not the
    offer "you'll need to" otherwise reads as)."""
    rules = [meta_regex(p) for p in meta.get("not_softened_by") or ()]
    return [a for a in found if not any(r.match(text, a.start) for r in rules)]


class AgentDismissive(Detector):
    name = "agent.dismissive"
    # v7 (QA pass 8): bare referrals ("Contact the billing team."), new-ticket and FAQ brush-offs,
    # "sorry you feel that way. Anyway"
    # v8 (QA pass 10): curt refusals ("Next question?", "that's not how refunds work")
    # v9 (QA pass 11): scope refusals with no hand-over, "not sure what to tell you", "don't contact us
    # until ...", "stop spamming the helpdesk", "that's just how the software works"
    # v10 (QA pass 12, lexicon): "a you problem", "Don't call us about this again", "you shouldn't have
    # called here", "figure it out with the manufacturer", "Everything is explained in the manual."
    # v11 (QA pass 13, lexicon v10): "Nobody else has this issue", "the steps are in the help centre"
    # v12 (QA pass 14, lexicon v11): "not really something we deal with", "try Googling it", a bare "Try again later."
    # v13 (QA pass 15, lexicon v12): "It loads fine for me.", "It'll sort itself out.", "check our website for options"
    # v14 (QA pass 16, lexicon): 'not really our problem'
    # v15 (QA pass 17, lexicon v14): "Please stop sending multiple messages", "Someone will get to you when they can"
    # v16 (QA pass 18, lexicon v15): "That's normal ... Nothing to worry about."; "Does it stop asking?" is no shut-down
    # v17 (QA pass 19, lexicon v16): `infallible`, "The system doesn't make mistakes." with no check offered
    # v18 (QA pass 19, lexicon v17): "take that up with the hotel directly"; "I'll take that up with them" is none
    # v19 (QA pass 20, lexicon v18): a scope refusal followed by a bare "You'll need to contact your bank." is no
    # hand-over ("you'll need to" is no offer there, scope_refusal's `not_softened_by`)
    # v20 (QA pass 21, lexicon v19): `disbelief`, "they all say that.", "That's what they all say", "no reason huh"
    # v21 (QA pass 22, lexicon v20): "you'll have to track down the right department yourself"
    # v22 (QA pass 22, lexicon v21): "Side effects are normal. It's nothing to worry about, just keep taking it.",
    # `policy_pointer` ("Please review our Terms of Service, section 4.2, ..." in place of an answer)
    # v23 (QA pass 23, lexicon v22): "so it's probably nothing on our end", "That's between you and your bank.", "We
    # don't handle disputes.", "I can't do anything about what sales told you", "Just wait for a patch.", a bare "You'll
    # have to call them."
    # v24 (QA pass 25, lexicon v23, tone_alternatives v4): "That's not an IT issue.", "Refunds are processed by the
    # billing team." with no hand-over, "It'll be fixed when it's fixed.", "Everyone is affected, not just you."
    # v25 (QA pass 24, lexicon v24): "Pending means pending.", "will process it when they get to it", "You'll have to
    # take time off work like other patients do."
    # v26 (QA pass 26, lexicon v25): "That's a vendor issue, you'll have to contact the manufacturer yourself.",
    # "Repairs take what they take.", "The system works as designed.", "That's by design.", "It works fine for
    # everyone else, so ..." (`works_for_others`: no short-reply rule)
    # v27 (QA pass 27, lexicon v26): "We're not aware of any issues." as a sentence of its own with no next step
    version = 27
    labels = ("agent.dismissive",)
    description = "Agent brushes the customer off (not our problem, works for me, just google it, minimising)."

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        lex = load_lexicon("dismissive")
        out: list[Finding] = []
        for i in ctx.targets("agent"):
            msg = conv.messages[i]
            matches = lex.find(msg.text)
            if not matches:
                continue
            kept: list[tuple[Match, float]] = []
            sents = ctx.sentences(i)
            for m in matches:
                meta = lex.category(m.category).meta
                if context_excludes(msg.text, m, sentence_of(sents, m.start, len(msg.text)), meta):
                    continue
                softeners = tuple(meta.get("softened_by") or ())
                weight = m.weight
                if softeners and _real(msg.text, alternatives(msg.text, softeners, matches), meta):
                    if meta.get("drop_if_softened"):
                        continue
                    weight *= SOFTEN_FACTOR
                kept.append((m, weight))
            if not kept:
                continue
            distinct = {m.text.lower() for m, _ in kept}
            score = max(w for _, w in kept) + EXTRA_MATCH_BONUS * (len(distinct) - 1)
            if score < REPORT_AT:
                continue
            top = max(kept, key=lambda mw: mw[1])[0]
            suggestion = str(lex.category(top.category).meta.get("suggestion", ""))
            quoted = "; ".join(f'"{m.text}"' for m, _ in kept[:3])
            out.append(
                self.finding(
                    msg, score, [(m.start, m.end) for m, _ in kept],
                    f"{quoted} brushes the customer off; own the problem and give a next step"
                    + (f', e.g. "{readable(suggestion)}"' if suggestion else "."),
                    data={"categories": sorted({m.category for m, _ in kept}), "suggestion": suggestion},
                )
            )
        return out


DETECTOR = AgentDismissive()
