"""agent.condescending: the agent talks down to the customer.

Signals come from the ``condescending`` lexicon: calling things obvious or simple
("it's not rocket science"), belittling comparisons ("even a child could"), quizzing the
customer on basics ("you do know what a browser is, right?") and tone policing ("calm
down"). Context matters for two categories: "calm down" is worse said to an upset customer
(``upset_weight``), and "it's really simple" reassures a calm customer but stings one who
is struggling (``calm_weight`` otherwise, too low to report). "Upset" means the customer's
previous message has a customer.frustration or customer.confusion finding (v3 ``requires``
both, so they run first when selected: v2 ran before them and missed "Sorry, I still don't
understand where to click" as upset), or else the same frustration measure or the
confusion phrases of the ``non_technical`` lexicon match that one message.

v3 (QA pass 4b) lexicon cues: "..., obviously." at the end of a sentence, "did you even
<any verb>", and "slowly so you can follow".

Group chats: a bot's canned reply to a helper's ``!command`` ("Please watch your language",
"PLEASE DON'T SHOUT!") and a line that opens by addressing another helper ("bob2: chill out")
are not words to the customer and are skipped. A phrase right after "when you" / "if you"
("do you know what happens when you try and keep up?") describes, it does not order.

v6 (QA pass 8): ``belittling`` takes "anyone could figure this out", "another person who can't
...", "Try again, carefully this time" and a bare "Please read your emails."

v7 (QA pass 10): "Everyone knows you can't ..." (``obviousness``), "this is a simple process"
(``simplicity``) and "most customers complete it without assistance" (``belittling``).

v8 (QA pass 11): "as is clearly stated in our FAQ" (``obviousness``) and urging the customer to
"actually read" it ("which I'd encourage you to actually read", ``quizzing``).

v9 (QA pass 12): "As anyone can see" (``obviousness``); "It's really not that complicated", "slowly"
pinned on a retry ("let's try this again, slowly"; "again together, slowly, one step at a time" offers
help and stays quiet) and the lecture "Please be more careful next time." (``belittling``).

v10 (QA pass 13): puzzling aloud over the customer's difficulty, "I don't know why you're having so
much trouble with this", "I can't see why this is so hard for you" (``belittling``); not "I'm not
sure why the VPN is giving you trouble" (the system is the subject).
v11 (QA pass 14, lexicon v11): "I'm sure even you can find the Settings icon" / "Even you should be able to
..." (``belittling``: "even you" after a show of confidence or with "should"), "I'll go slow here" (pacing pinned
on the customer), and a bare "Dude, chill." (``tone_policing``).
v12 (QA pass 15, lexicon v12): "even my kids can do it" (``belittling``: anyone in the agent's family, any verb of
coping), "Just read the letter properly" (``belittling``) and "Surely you've used one before?" / "You've used a
browser before, right?" (``quizzing``).
v15 (QA pass 18, lexicon v14): "It's literally written on it", "it's right in front of you" (``obviousness``), "Let me
explain it slowly so it's easy for you" and "trips up a lot of people who aren't very tech-savvy" (``belittling``),
and ``spelled_out``: a common word the agent already wrote, spelled out letter by letter ("The one labelled RESET.
R-E-S-E-T."); a name, code or address spelled for clarity, a rare word, or a spelling asked about is not one.
v16 (QA pass 19, lexicon v16): "something most people pick up on their first day with a computer" (not reassurance,
"... in their first week, so don't worry"), "I'm happy to spell it out for you" and "anyone who cares about their
banking would have upgraded years ago" (``belittling``).
v21 (QA pass 22 b29, pass 21 b27, lexicon v21): ``basics_first``, the basics explained first ("Let's start with the
basics", "Let me explain how email works first", "let me explain what a token is") counts only to a customer who showed
they are technical, read as agent.jargon reads its audience (:func:`.agent_jargon.technical_customer`: a technical job,
"I'm a senior developer"; technical terms or terminal output of their own, "I've checked the DNS records, SPF and DKIM
both pass"), never to one who said they are not technical (customer.confusion's ``non_technical``) or is confused now:
to them it is good practice.
"""

from __future__ import annotations

import re

from ..lexicon import Match, load_lexicon
from ..model import Conversation, Finding
from ..text import readable
from ._chat_lines import bot_reply, to_other_helper
from ._jargon_terms import zipf
from .agent_jargon import technical_customer
from .base import Detector, DetectorContext
from .customer_frustration import REPORT_AT as UPSET_AT
from .customer_frustration import frustration_level

REPORT_AT = 0.35
MIN_WEIGHT = 0.3  # matches weighing less (e.g. "it's simple" to a calm customer) are no evidence
EXTRA_MATCH_BONUS = 0.1
# "... when you try and keep up": a description of what the customer does, not an imperative.
_DESCRIBED = re.compile(r"\b(?:when|if|whenever|once|as)\s+you\s+$", re.IGNORECASE)
# v13 (QA pass 16, g16): "it's easy to miss because it's quite faint" blames the screen, not the
# customer: a simplicity claim followed by what is easy to get wrong is sympathy
_EASY_TO_GET_WRONG = re.compile(r"\s+to\s+(?:miss|overlook|get\s+wrong|mix\s+up|confuse|forget|misread|lose\s+track|"
                                r"trip\s+over|get\s+stuck|click\s+the\s+wrong|"
                                r"sort(?:\s+out)?|fix|solve|put\s+right|undo|recover|get\s+back|reset)\b",
                                re.IGNORECASE)
# v22 (QA pass 23, QA pass 19 g21 kept quiet): "it's easy to sort out / fix / undo" says the problem is small, not the
# customer slow: reassurance, read like "easy to miss" (a customer who says "I'm not good with phones" is now read as
# non-technical, so a bare simplicity claim to them counts at full weight)

# v15 (QA pass 18): a spelling given for clarity ("the surname is Smith, S-M-I-T-H", "is that J-O-N-E-S?")
_SPELLING_ASKED = re.compile(r"\b(?:name|surname|username|user\s+name|e-?mail|address|code|password|reference|spell\w*|"
                             r"spelt|letters?)\b", re.IGNORECASE)
SPELLED_COMMON_ZIPF = 3.0  # a common word (reset, power, mail), not a rare name or a code


def _spelled_like_a_jab(conv: Conversation, i: int, m: Match) -> bool:
    """v15: a common word spelled out letter by letter that the agent already wrote out ("RESET. R-E-S-E-T."),
    outside a question and with nothing saying a spelling is being given (a name, an address, a code)."""
    text = conv.messages[i].text
    word = m.text.replace("-", "").lower()
    if len(word) < 3 or zipf(word) < SPELLED_COMMON_ZIPF:
        return False
    start = max(text.rfind(c, 0, m.start) for c in ".!?\n") + 1
    end = min((k for k in (text.find(c, m.end) for c in ".!?\n") if k >= 0), default=len(text))
    if text[end:end + 1] == "?" or _SPELLING_ASKED.search(text, max(0, m.start - 40), m.start) \
            or _SPELLING_ASKED.search(text[start:end]):
        return False
    said = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
    own = [k for k in range(i) if conv.messages[k].role == "agent"][-1:]
    return bool(said.search(text[:m.start]) or said.search(text[m.end:])
                or any(said.search(conv.messages[k].text) for k in own))


def customer_was_upset(conv: Conversation, ctx: DetectorContext, i: int) -> bool:
    """Was the customer's last message before ``i`` frustrated or confused?"""
    j = ctx.previous(i, "customer")
    if j is None:
        return False
    prev = conv.messages[j]
    if ctx.on_message("customer.frustration", prev.id) or ctx.on_message("customer.confusion", prev.id):
        return True
    if load_lexicon("non_technical").find(prev.text, ("confusion",)):
        return True
    return frustration_level(prev.text, heads_dir=ctx.settings.heads.dir)[0] >= UPSET_AT


class AgentCondescending(Detector):
    name = "agent.condescending"
    # v5 (QA pass 7): rebukes for tone ('yelling at me won't fix it');
    # v4 (QA pass 5): simplicity claims with any intensifier ("really quite simple")
    # v6 (QA pass 8): "anyone could figure this out", "another person who can't", "carefully this time",
    # "Please read your emails."
    # v7 (QA pass 10, lexicon): "Everyone knows ...", "this is a simple process", "most customers manage it
    # without help"
    # v9 (QA pass 12, lexicon): "As anyone can see", "again, slowly", "be more careful next time"
    # v10 (QA pass 13, lexicon): "I don't know why you're having so much trouble with this"
    # v11 (QA pass 14, lexicon): "I'm sure even you can find ...", "I'll go slow here", "Dude, chill."
    # v12 (QA pass 15, lexicon v12): "even my kids can do it", "read the letter properly", "Surely you've used one"
    # v13 (QA pass 16): 'it's easy to miss' is sympathy; 'it's hard to miss', 'at least you're consistent' (lexicon)
    # v14 (QA pass 17, lexicon v14): "Obviously you can't ..." is no permission (only "obviously you can" is let off)
    # v15 (QA pass 18, lexicon v15): "literally written on it", "explain it slowly so it's easy for you", "people who
    # aren't very tech-savvy", a common word spelled out ("R-E-S-E-T")
    # v16 (QA pass 19, lexicon v16): "something most people pick up on their first day", "spell it out for you",
    # "anyone who cares about their banking would have upgraded"
    # v17 (QA pass 20, lexicon v17): "since billing seems to be a bit much", "keep it simple for you", "Most people
    # find it on their own", "especially at your age"
    # v18 (review, lexicon v18): "I'll use small words" and "dumb it down" are found (their anchors were missing)
    # v19 (QA pass 21, lexicon v19): "Maybe slow down a bit when you type it next time", "..., but please read your
    # emails in future.", "Let me explain how email works first, since it can get a bit technical"
    # v20 (QA pass 22, lexicon v20): "you should really know this by now", "Make sure you're actually including it";
    # "Obviously that's not what we want for you" is no lecture
    # v21 (QA pass 22 b29, pass 21 b27, lexicon v21): the basics explained first ("Let's start with the basics", "Let me
    # explain how email works first") to a customer who showed they are technical (agent.jargon's reading)
    # v22 (QA pass 23, lexicon v22): "I'll keep this really basic for you", "Most students figure it out on their own",
    # "what did you expect?", "Your computer clearly isn't good enough", "Just chill and wait."; "For a 4-year-old's
    # vaccine visit" is no comparison; "it's easy to sort out" is reassurance
    # v23: "on their own" only as "alone" (not "on their own phones")
    # v24 (QA pass 25, lexicon v24): "one more time, slowly", "You should clean it up more often.", "It might be worth
    # actually reading it through."
    # v25 (QA pass 24, lexicon v25): "the problem with people like you", "the first thing anyone would do", "the 10th
    # time today someone asks this", "You really need to be more careful with ...", "did you actually check ..."
    # v26 (QA pass 26, lexicon v26): "You really need to start writing it down", "Maybe try the right port this time."
    # v27 (QA pass 27, lexicon v27): "Please don't change things you don't understand."
    version = 27  # v8 (QA pass 11): "as is clearly stated in our FAQ", "I'd encourage you to actually read"
    labels = ("agent.condescending",)
    description = "Agent talks down to the customer (obviously, it's not rocket science, calm down)."
    requires = ("customer.frustration", "customer.confusion")

    def detect(self, conv: Conversation, ctx: DetectorContext) -> list[Finding]:
        lex = load_lexicon("condescending")
        # the categories that talk down only to a customer who showed they know this (v21: basics_first)
        expert_only = frozenset(c.name for c in lex.categories if c.meta.get("expert_only"))
        out: list[Finding] = []
        for i in ctx.targets("agent"):
            msg = conv.messages[i]
            matches = [m for m in lex.find(msg.text)
                       if not _DESCRIBED.search(msg.text, max(0, m.start - 20), m.start)
                       and not (m.category == "simplicity" and _EASY_TO_GET_WRONG.match(msg.text, m.end))
                       and not (lex.category(m.category).meta.get("common_word_only")
                                and not _spelled_like_a_jab(conv, i, m))]
            if not matches or bot_reply(conv, i) or to_other_helper(conv, i):
                continue
            # v21: the basics explained first ("Let's start with the basics") talk down only to a customer who showed
            # they know them; to one who said they are not technical they are good practice
            expert: bool | None = None
            if any(m.category in expert_only for m in matches):
                expert = technical_customer(conv, ctx, i)
                if not expert:
                    matches = [m for m in matches if m.category not in expert_only]
                    if not matches:
                        continue
            weights: list[tuple[Match, float]] = []
            upset: bool | None = None
            for m in matches:
                w = m.weight
                meta = lex.category(m.category).meta
                if "upset_weight" in meta or "calm_weight" in meta:
                    if upset is None:
                        upset = customer_was_upset(conv, ctx, i)
                    w = float(meta.get("upset_weight", w)) if upset else float(meta.get("calm_weight", w))
                weights.append((m, w))
            weights = [(m, w) for m, w in weights if w >= MIN_WEIGHT]
            if not weights:
                continue
            matches = [m for m, _ in weights]
            score = max(w for _, w in weights) + EXTRA_MATCH_BONUS * (len({m.text.lower() for m in matches}) - 1)
            if score < REPORT_AT:
                continue
            top = max(weights, key=lambda mw: mw[1])[0]
            suggestion = str(lex.category(top.category).meta.get("suggestion", ""))
            quoted = "; ".join(f'"{m.text.strip()}"' for m in matches[:3])
            shown = expert and top.category in expert_only
            extra = " to an upset customer" if upset else " to a customer who showed they know this" if shown else ""
            out.append(
                self.finding(
                    msg, score, [(m.start, m.end) for m in matches],
                    f"{quoted}{extra} sounds condescending; explain without judging, e.g. \"{readable(suggestion)}\"",
                    data={"categories": sorted({m.category for m in matches}), "customer_upset": bool(upset),
                          "suggestion": suggestion},
                )
            )
        return out


DETECTOR = AgentCondescending()
