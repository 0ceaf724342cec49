"""Leave out what no rule could fix: a flagged span must never survive the full rewrite.

The phrase rules know the common shapes ("you should have saved", "as I said"); a flagged
"That's on you.", "Whatever you say." or an insult has no better wording to put in its slot.
For each flagged span that the rules' edits do not cover, the clause it sits in is left out
when the rest of its sentence still says something ("Fine, whatever you say, I'll reset it"
-> "Fine, I'll reset it"); otherwise the whole sentence goes, and the category's
``sentence_fallback`` takes its place (a sentence that only blames becomes a tip for next
time), unless the rewrite already says it. Spans in a negated clause are left alone (see
:func:`.rewrite.negated`), and so is a sentence that apologises in the agent's own words
("you already told me the serial number, and I'm sorry about that"): leaving it out would take
away the very acknowledgment the coach asks for elsewhere.

A sentence left out whole may hold what the next sentence points back at ("Oh great, another
person who can't find the power button. It's the round one."): then its last noun phrase
takes the pronoun's place ("The power button is the round one."), see :func:`keep_referents`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..text import blank
from .rewrite import CONTENT_WORD, Edit, FlagDraft, fill, library, negated, resolve, sentence_holding, sentences
from .rewrite_frame import template_regex
from .rewrite_steps import one_step, said_before  # noqa: F401 (rewrite.plan and tests import them from here)

# Categories whose edits are insertions or whole-sentence rewrites of their own.
NO_COVER = frozenset({"jargon", "redundant_question", "no_acknowledgment"})
# Clause boundaries inside a sentence: , ; : or a dash, and "but".
_CLAUSE_SPLIT = re.compile(r"\s*(?:[,;:]|\s[-–—]\s)\s*|\s+but\s+", re.IGNORECASE)
MAX_WORDS_LEFT = 1  # a replacement may keep a pronoun of the flagged words, not a phrase
_TIE = re.compile(r"(?:so|and|but|which\s+means|because|as)\s+", re.IGNORECASE)
# A clause that cannot stand without its main clause: a reason or a condition.
_SUBORDINATE = re.compile(r"(?:since|because|as|if|unless|when|whenever|although|though|once|now\s+that|"
                          r"given\s+that|seeing\s+(?:as|that))\b", re.IGNORECASE)
_TIED_CONDITION = re.compile(r"(?:so|and|but|then|or)\s+" + _SUBORDINATE.pattern, re.IGNORECASE)  # "so if ..."
_RELATIVE = re.compile(r"(?:which|who|whom|whose)\b", re.IGNORECASE)
# what goes on after an aside between commas is the sentence's verb ("..., with payroll waiting, is ...")
_PREDICATE = re.compile(r"(?:is|are|was|were|has|have|had|will|would|can|could|should|must|makes?|made|seems?|"
                        r"looks?|sounds?|feels?)\b", re.IGNORECASE)
MIN_REST_WORDS = 3  # what the rest of a sentence needs to stand on its own once a clause goes


def cover(draft: str, flags: list[FlagDraft], per_flag: list[list[Edit]], fix: bool = True) -> list[list[Edit]]:
    """``per_flag`` with an edit that leaves out each flagged span no edit replaced. A clause or
    sentence that holds more than the flagged words (:func:`loses_facts`) is kept instead: its
    flag is then listed in ``unchanged``. ``fix``: the draft or the context gives a fix (only then
    may a closing's fallback speak of confirming that it works)."""
    out = [list(eds) for eds in per_flag]
    resolved = resolve([e for eds in out for e in eds])  # what the edits so far do, until one is added
    for i, flag in enumerate(flags):
        if flag.category in NO_COVER:
            continue
        for span in flag.spans:
            if negated(draft, span) or _covered(draft, span, resolved):
                continue
            ed = _leave_out(draft, flag.category, span, out, fix)
            # a tone model's guess ("That's why it broke.") never deletes a sentence on its own, nor
            # puts a placeholder in its place: "[the answer in full]" lost "the refund window is 14
            # days" (qa11 b29); a lead-in to the answer that follows may replace it
            if flag.data.get("learned") and (not ed.text or "[" in ed.text) \
                    and (ed.start, ed.end) == _sentence_of(draft, span):
                continue
            if owned_apology(draft[ed.start:ed.end]) or owned_acknowledgment(draft[ed.start:ed.end]):
                continue
            # what other edits already leave out is no fact this cut loses (QA18 b04: ", and I can't keep
            # holding your quote ..." went by its rule, and still counted as six words to keep)
            gone = [(x.start, x.end) for x in resolved if not x.text and x.end > x.start]
            if loses_facts(draft, ed, flag.spans, gone):
                continue
            out = [[x for x in eds if not (x.start < ed.end and ed.start < x.end)] for eds in out]
            out[i].append(ed)
            resolved = resolve([e for eds in out for e in eds])
    return out


# What a cut may not take (QA17 b04, b31, b39: "Please send the documents by 5pm today, otherwise we'll
# close your claim." became "Take your time."): a number, a time or a date, or more content words
# than a jab's remainder has ("I can't install software on classroom PCs without a request approved by the
# head of department, ..." is the rule and its reason, QA16 g30).
_FACT = re.compile(r"\b\d[\d.,:/]*(?:am|pm|%|h)?\b(?!\s*(?:times?|x)\b)|"
                   r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|"
                   r"june|july|august|september|october|november|december)\b|"
                   r"\b(?:an?|one|two|three|four|five|six|seven|ten|twelve|fifteen|twenty|thirty|few|several)\s+"
                   r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b", re.IGNORECASE)
FACT_WORDS = 6  # content words outside the flagged words that make a clause or sentence worth keeping


def loses_facts(draft: str, ed: Edit, spans: list[tuple[int, int]], gone: Sequence[tuple[int, int]] = ()) -> bool:
    """Would ``ed``, a clause or sentence left out (or put in a stock line's place), take what the
    customer needs with the flagged words: a number, a day, a date, a stretch of time or a deadline
    (the library's ``deadline``) anywhere in it, or at least
    :data:`FACT_WORDS` content words outside the flagged words? Then the rewrite keeps the draft's
    words and says so (``unchanged``) rather than drop them. ``gone``: ranges other edits leave out."""
    from .rewrite import leftover_words

    if ed.end <= ed.start:
        return False

    def within(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        return [(max(a, ed.start) - ed.start, min(b, ed.end) - ed.start) for a, b in ranges
                if a < ed.end and ed.start < b]

    removed = blank(draft[ed.start:ed.end], within(gone)) if gone else draft[ed.start:ed.end]
    if _FACT.search(removed) or template_regex("deadline").search(removed):
        return True
    rest = blank(removed, within(spans))
    function = leftover_words()[1] | _GRAMMAR
    return sum(w.lower() not in function for w in CONTENT_WORD.findall(rest)) >= FACT_WORDS


# Words that carry no fact of their own, beside the library's ``function_words``.
_GRAMMAR = frozenset({"have", "has", "had", "will", "would", "should", "could", "can", "may", "might", "must",
                      "i've", "i'll", "i'd", "we've", "we'll", "we're", "you've", "you'll", "since", "because",
                      "if", "when", "all", "any", "some", "what", "which", "who", "about", "from", "up", "out",
                      "than", "not", "don't", "can't", "won't", "isn't", "there's", "that's", "please", "sure"})


OWN_WORDS = 3  # content words beside a stock apology that make it the agent's own


def owned_apology(text: str) -> bool:
    """An apology in the agent's own words: "sorry" with more to it than a stock line
    ("I'm sorry about that" alone is stock; "you already told me the serial number, and I'm
    sorry about that" says what for)."""
    from ..lexicon import load_lexicon
    from .rewrite_frame import own_apology

    if not own_apology(text):
        return False
    stock = load_lexicon("stock_empathy").find(text)
    rest = blank(text, ((m.start, m.end) for m in stock))
    return len(CONTENT_WORD.findall(rest)) - (0 if stock else 1) >= OWN_WORDS


_UNDERSTAND = re.compile(r"\b(?:understand|know|see|hear|imagine|appreciate)\b", re.IGNORECASE)
_OBJECT = re.compile(r"\s+(?!(?:but|and|so|your\s+frustration|how\s+you\s+feel|that\s+this\s+is\s+frustrating)\b)"
                     r"[A-Za-z]", re.IGNORECASE)


def owned_acknowledgment(text: str) -> bool:
    """A stock line of understanding that goes on to name the customer's own situation ("I
    completely understand wanting this sorted before your flight"): the specific part makes it
    the agent's own, and leaving the sentence out would take the acknowledgment away."""
    from ..lexicon import load_lexicon

    stock = load_lexicon("stock_empathy").find(text)
    if not stock or not _UNDERSTAND.search(text, stock[0].start, stock[0].end):
        return False
    after = text[stock[0].end:]
    return bool(_OBJECT.match(after)) and len(CONTENT_WORD.findall(after)) >= OWN_WORDS


def _covered(draft: str, span: tuple[int, int], edits: list[Edit]) -> bool:
    """An edit replaces the span's words; one word may stay ("Just restart it" -> "Let's restart it")."""
    ranges = [(e.start, e.end) for e in edits if e.end > e.start and e.start < span[1] and span[0] < e.end]
    if not ranges:
        return False
    s0, e0 = span
    left = blank(draft[s0:e0], ((max(a, s0) - s0, min(b, e0) - s0) for a, b in ranges))
    # nor words with no content of their own: ", so there" left of "you deleted the folder yourself,
    # so there" is no jab that survives (QA17 b02); "You didn't" left of "You clearly didn't" is
    from .rewrite import leftover_words

    function = leftover_words()[1]
    words = CONTENT_WORD.findall(left)
    return len(words) <= MAX_WORDS_LEFT or not any(w.lower() not in function for w in words)


def _leave_out(draft: str, category: str, span: tuple[int, int], per_flag: list[list[Edit]],
               fix: bool = True) -> Edit:
    every = [e for eds in per_flag for e in eds]
    if not CONTENT_WORD.search(draft, span[0], span[1]):
        # "!!!", a stray symbol: only the marks go, not their clause; one that ended a sentence leaves
        # its full stop ("... every release 🙄 Try again" -> "... every release. Try again")
        before, after = draft[:span[0]].rstrip(), draft[span[1]:].lstrip()
        ends = before[-1:].isalnum() and after[:1].isupper()
        return Edit(span[0], span[1], ". " if ends else "")
    s0, e0 = _sentence_of(draft, span)
    tail = _POINTER_END.search(draft, span[0], span[1])  # "You ignored the warning, that's why": the blame is
    if tail is not None:                                 # the first clause; the pointer goes with it
        span = (span[0], tail.start())
    clause = _reason(draft, s0, e0, span) or _clause(draft, s0, e0, span)
    # A clause may go only if no other edit reaches across its edge (it would be cut in two); a deletion that does
    # merges with it, and where the two take all the sentence before the clause, the clause goes as a first one
    # would, with what tied the next clause to it ("It's very basic stuff, most people figure it out on their own,
    # but I'll ..." -> "Let me walk you through it ...": the whole sentence went, and the help with it, QA25 b24)
    if clause is not None:
        across = [x for x in every if x.start < clause[1] and clause[0] < x.end
                  and not (clause[0] <= x.start and x.end <= clause[1])]
        if not across:
            return Edit(clause[0], clause[1], "")
        if all(not x.text for x in across) and min(x.start for x in across) <= s0 < clause[0]:
            sep = _CLAUSE_SPLIT.match(draft, clause[1])
            if sep is not None and sep.end() > sep.start():
                tie = _TIE.match(draft, sep.end())
                return Edit(min(x.start for x in across), tie.end() if tie else sep.end(), "")
    text, unless = library().sentence_fallback.get(category, ("", ()))
    values: dict[str, str | None] = {}
    guess = template_regex("blame_guess").match(draft, s0, e0) if category == "blame" else None
    if guess is not None:  # a guess at the customer's side: an offer to check it, no tip for next time (QA25 b18)
        text, unless = library().sentence_fallback.get("blame_guess", ("", ()))
        values = {"thing": guess.group("thing").lower()}
    if category == "premature_closure" and not fix:
        # "until you've confirmed it works" with nothing to try is a new claim (QA17 b29)
        text, unless = library().sentence_fallback.get("premature_closure_no_fix", ("", ()))
    if text and unless:
        said = " ".join([draft[:s0], draft[e0:], *(x.text for x in every)]).lower()
        if any(u.lower() in said for u in unless):
            text = ""
    lead = _LEAD.match(text)
    if lead and _goes_on(draft, e0, every):  # "..., step by step: Settings, Accounts, Sign out." (qa8 b28)
        return Edit(s0, e0, lead.group(1) + ":")
    return Edit(s0, e0, fill(text, values) if text else "")


# A fallback whose placeholder is all that follows its colon ("step by step: {the answer}."):
# where the draft goes on after the sentence, what follows is that answer, never a placeholder.
_LEAD = re.compile(r"^(.*\S)\s*:\s*\{[^{}]+\}\s*\.$")


def _goes_on(draft: str, end: int, edits: list[Edit]) -> bool:
    """The draft's next sentence after ``end`` stays as it is (no edit touches it)."""
    nxt = next(((s, e) for s, e in sentences(draft) if s >= end), None)
    return nxt is not None and CONTENT_WORD.search(draft, *nxt) is not None \
        and not any(x.start < nxt[1] and nxt[0] < x.end for x in edits)


def _sentence_of(draft: str, span: tuple[int, int]) -> tuple[int, int]:
    touched = [(s, e) for s, e in sentences(draft) if s < span[1] and span[0] < e]
    if not touched:
        return span
    return touched[0][0], touched[-1][1]


# A reason given after the main clause, up to the sentence's end: "... from your folder because you didn't ..."
_REASON = re.compile(r"\s*,?\s+(?:because|since|cause|as)\s+(?=\S)", re.IGNORECASE)


def _reason(draft: str, s0: int, e0: int, span: tuple[int, int]) -> tuple[int, int] | None:
    """The reason clause that holds ``span`` and ends the sentence, where the main clause before it stands on
    its own: it goes, and what happened stays ("The files were deleted from your folder because you didn't
    follow the retention policy." kept only a tip for next time, QA25 b17). A condition ("if ...") is no
    reason: the claim without it would be a new one."""
    body_end = e0
    while body_end > s0 and draft[body_end - 1] in ".!?":
        body_end -= 1
    cut = None
    for m in _REASON.finditer(draft, s0, span[1]):
        if m.end() <= span[0] + 1 and not re.search(r"[,;:]", draft[m.end():span[0]]):
            cut = m
    if cut is None or span[1] > body_end or re.search(r"[,;:]|\s[-–—]\s", draft[span[1]:body_end]):
        return None
    from .rewrite import MIN_CONTENT_WORDS, leftover_words

    main = draft[s0:cut.start()]
    content = [w for w in CONTENT_WORD.findall(main) if w.lower() not in leftover_words()[1]]
    if len(re.findall(r"[A-Za-z]+", main)) < MIN_REST_WORDS or len(content) < MIN_CONTENT_WORDS \
            or _SUBORDINATE.match(draft, s0) or re.search(r"[,;:]", main):
        return None
    return cut.start(), body_end


def _clause(draft: str, s0: int, e0: int, span: tuple[int, int]) -> tuple[int, int] | None:
    """The range to delete to leave out the clause holding ``span`` (with one of its
    separators), or None when the span is not inside one clause or the rest is too short."""
    seps = [(m.start(), m.end()) for m in _CLAUSE_SPLIT.finditer(draft, s0, e0) if m.end() > m.start()]
    if not seps:
        return None
    body_end = e0
    while body_end > s0 and draft[body_end - 1] in ".!?":
        body_end -= 1  # the sentence's own full stop stays with the sentence
    bounds = [s0] + [x for sep in seps for x in sep] + [body_end]
    clauses = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]
    for k, (cs, ce) in enumerate(clauses):
        if cs <= span[0] and (span[1] <= ce or (k == len(clauses) - 1 and span[1] <= e0)):
            rest = draft[s0:cs] + " " + draft[ce:body_end]
            if len(re.findall(r"[A-Za-z]+", rest)) < MIN_REST_WORDS:
                return None
            # "Since the reset should have fixed it" without "I've marked this as resolved" is a
            # fragment, and "I'll close your case" without "If I don't hear back" a new, unconditional
            # claim: a reason or condition and its main clause go together (qa12 b17, b22)
            others = [c for j, c in enumerate(clauses) if j != k]
            if _SUBORDINATE.match(draft, cs) or (len(others) == 1 and _SUBORDINATE.match(draft, others[0][0])):
                return None
            # a condition just before the clause is that clause's, not the one before it: "..., so if you
            # didn't get one, that's because your details were wrong" goes from the "so", or it left
            # "Reminders are sent to the number you gave us, so if you didn't get one." (QA22 b14)
            if k == 1 and _SUBORDINATE.match(draft, clauses[0][0]):
                return None
            if k >= 2 and _TIED_CONDITION.match(draft, clauses[k - 1][0]):
                if len(re.findall(r"[A-Za-z]+", draft[s0:clauses[k - 1][0]])) < MIN_REST_WORDS:
                    return None
                return seps[k - 2][0], ce
            # a relative clause never stays without the clause it hangs on: "You clearly didn't follow
            # the setup guide, which is why it's not working" is no "Which is why ..." (QA17 b34)
            if k + 1 < len(clauses) and _RELATIVE.match(draft, clauses[k + 1][0]):
                return None
            if k > 0 and k + 1 < len(clauses) and _PREDICATE.match(draft, clauses[k + 1][0]) \
                    and draft[slice(*seps[k - 1])].strip() == draft[slice(*seps[k])].strip() == ",":
                # an aside between subject and verb takes both commas: "Being locked out three times in
                # one week, with payroll waiting on you, is maddening" (QA19 g01 kept "week, is")
                return seps[k - 1][0], draft.index(",", seps[k][0]) + 1
            if k > 0:  # with the separator before it: "Fine, whatever you say" -> "Fine"
                return seps[k - 1][0], ce
            # the first clause, with the separator after it and a conjunction that tied the next
            # clause to it: "You broke the hinge ..., so this isn't covered" -> "This isn't covered"
            tie = _TIE.match(draft, seps[0][1])
            end = tie.end() if tie else seps[0][1]
            # and "that's why" pointing back at it goes too: "That's why your account got locked." said why no
            # more (QA25 b02); what happened stays
            back = _POINTER.match(draft, end)
            return cs, back.end() if back else end
    return None


# A clause that says the one before it was the cause: "that's why", "this is how", "hence".
_POINTER = re.compile(r"(?:(?:that|this)(?:['’]s|\s+is|\s+was)\s+(?:why|how)|hence|thus|which\s+is\s+why)\s+",
                      re.IGNORECASE)
_POINTER_END = re.compile(r"\s*[,;]\s*(?:that|this)(?:['’]s|\s+is|\s+was)\s+(?:why|how)\s*$", re.IGNORECASE)
# The next sentence points back: "It's ...", "That is ...", "It needs ...", "Press it ...".
_POINTS_BACK = re.compile(r"(?:it|that|this)(?P<be>['’]s\b|\s+is\b|\s+was\b)?(?=\s)", re.IGNORECASE)
_IT = re.compile(r"\bit\b(?!['’])", re.IGNORECASE)
# "another person who forgot their password": the sneer's third person is the customer
_THIRD = re.compile(r"^(?:their|his|her)\b", re.IGNORECASE)
# "the round one": "one" stands for the head noun of the left-out noun phrase
_ONE = re.compile(r"\b(?:the|a|an)\s+[a-z-]+\s+(?P<one>one)\b", re.IGNORECASE)
_NP_WORD = r"(?!(?:who|which|that|and|or|but|is|are|was|were|to|can|could|will|if|when|because)\b)[A-Za-z-]+"
# The sentence's last noun phrase, up to its end: "... can't find the power button."
_LAST_NP = re.compile(rf"\b(?:the|your|my|our|their|his|her)\s+(?:{_NP_WORD}\s+){{0,3}}{_NP_WORD}(?=[.!?]*$)",
                      re.IGNORECASE)


def keep_referents(draft: str, per_flag: list[list[Edit]]) -> list[list[Edit]]:
    """``per_flag`` with each whole sentence left out that the next sentence points back at
    ("It's the round one.") turned into that sentence's noun phrase in the pronoun's place."""
    from .rewrite import leftover_words

    spans = sentences(draft)
    leftover = leftover_words()[0]
    every = [e for eds in per_flag for e in eds]
    out = per_flag
    for k, (s, e) in enumerate(spans[:-1]):
        cut = next((ed for ed in every if not ed.text and ed.start <= s and e <= ed.end), None)
        ns, ne = spans[k + 1]
        if cut is None or cut.end > ns or any(x.start < ne and ns < x.end for x in every):
            continue  # not left out, or the next sentence is edited or left out too
        np = _LAST_NP.search(draft, s, e)
        if np is None or leftover.match(draft[ns:ne]):
            continue  # "Let's hope it was worth it." goes with the jab (the library's `leftover`)
        back, one, it = _POINTS_BACK.match(draft, ns), _ONE.search(draft, ns, ne), _IT.search(draft, ns, ne)
        noun = _THIRD.sub("your", np.group(0))
        if back is not None:
            be = back.group("be")
            text = noun[0].upper() + noun[1:] + ("" if be is None else " is" if be[0] in "'’" else be)
            keep = [Edit(cut.start, back.end(), text)]
        elif one is not None:  # "Press the round one." -> "Press the round button."
            keep = [cut, Edit(one.start("one"), one.end("one"), noun.split()[-1])]
        elif it is not None:  # "Press it for two seconds." -> "Press the power button for two seconds."
            keep = [cut, Edit(it.start(), it.end(), noun[0].lower() + noun[1:])]
        else:
            continue
        out = [[y for x in eds for y in (keep if x is cut else [x])] for eds in out]
    return out


# --- what a replacement takes along, and what it must not say twice (QA pass 10) -------------

def with_hedges(draft: str, flags: list[FlagDraft], per_flag: list[list[Edit]]) -> list[list[Edit]]:
    """Each edit that follows a sentence's opening hedge ("With all due respect, if you had
    followed ...") starts at the sentence instead: the hedge only announced the jab, and kept in
    front of "next time, it helps to ..." it still reads as one (the library's ``hedge``)."""
    hedge = template_regex("hedge")
    out = []
    for flag, eds in zip(flags, per_flag, strict=True):
        if flag.category in NO_COVER:
            out.append(eds)
            continue
        moved = []
        for ed in eds:
            s = sentence_holding(draft, ed)[0]
            if s < ed.start and ed.end > ed.start and hedge.match(draft[s:ed.start]):
                ed = Edit(s, ed.end, ed.text)
            moved.append(ed)
        out.append(moved)
    return out


def one_offer(draft: str, per_flag: list[list[Edit]], marks_of: str = "offer_placeholders") -> list[list[Edit]]:
    """One placeholder for the agent's offer per rewrite: a later replacement with another
    (``offer_placeholders``) that is all its sentence says, and keeps none of the draft's own
    words, goes with its sentence; "That isn't
    something we support, but [alternative] works. That isn't something we offer, but
    [alternative] is." says the same thing twice and asks for the same offer twice. With
    ``marks_of="repeat_leads"``: one "let me go through it again" per rewrite, the same way."""
    from .rewrite import leftover_words

    marks = tuple(str(m) for m in library().templates[marks_of])
    function = leftover_words()[1]
    seen = False
    out = [list(eds) for eds in per_flag]
    for ed in sorted((e for eds in out for e in eds), key=lambda e: e.start):
        offers = any(m in ed.text for m in marks)
        if offers and seen:
            s, e = sentence_holding(draft, ed)
            rest = draft[s:ed.start] + " " + draft[ed.end:e]
            # what the refusal is about ("transfers between accounts") is the draft's and stays
            about = {w.lower() for w in CONTENT_WORD.findall(draft, ed.start, ed.end)} \
                & {w.lower() for w in CONTENT_WORD.findall(ed.text)}
            if len(CONTENT_WORD.findall(rest)) <= MAX_WORDS_LEFT and about <= function:
                out = [[Edit(s, e, "") if x is ed else x for x in eds] for eds in out]
        seen = seen or offers
    return out


# --- one offer, after the last refusal; no run-on after an aside (QA pass 17) ------------------

def offer_last(draft: str, per_flag: list[list[Edit]]) -> list[list[Edit]]:
    """The offer a refusal's replacement asks for (the library's ``offer_tail``: "..., but what we can
    do is [what you can offer]") only once, after the last refusal ("We're not able to X. We're not
    able to Y, but what we can do is [...]", QA17 b07), and not at all where the draft's sentence
    after the refusal makes an offer already (``offer_follows``: "If your colleague emails it-help
    ..., we'll sort it within the hour", QA17 g24)."""
    tail, follows = template_regex("offer_tail"), template_regex("offer_follows")
    offers = sorted((ed for eds in per_flag for ed in eds if tail.search(ed.text)), key=lambda ed: ed.start)
    if not offers:
        return per_flag
    swap: dict[int, Edit] = {}
    for ed in offers:
        end = sentence_holding(draft, ed)[1]
        nxt = next(((a, b) for a, b in sentences(draft) if a >= end and CONTENT_WORD.search(draft, a, b)), None)
        later = any(x.start >= end for x in offers)  # (one edit may stand in several flags' lists)
        if later or (nxt is not None and follows.match(draft[nxt[0]:nxt[1]])):
            text = tail.sub("", ed.text, count=1)
            if CONTENT_WORD.search(text):
                swap[id(ed)] = Edit(ed.start, ed.end, text)
    return [[swap.get(id(ed), ed) for ed in eds] for eds in per_flag]


# An aside a replacement ends with ("..., which is easy to do"), then the draft's ", that's why X":
# two comma clauses after one main clause run on, so "that's why" starts a sentence (QA17 b14).
_ASIDE_END = re.compile(r",\s*which\s+[^,.;!?]+$|,\s*which\s+happens\s+to\s+everyone$", re.IGNORECASE)
_RUN_ON = re.compile(r"\s*,\s*(?=(?:and\s+)?(?:that|this)(?:['’]s|\s+is|\s+was)\s+(?:why|how|what)\b)", re.IGNORECASE)


def end_asides(draft: str, per_flag: list[list[Edit]]) -> list[list[Edit]]:
    """``per_flag`` with the comma after an edit that ends in an aside turned into a full stop where
    the draft goes on with "that's why ..." ("It looks like the wrong IBAN got entered, which is easy
    to do. That's why the transfer bounced.")."""
    swap: dict[int, Edit] = {}
    for eds in per_flag:
        for ed in eds:
            m = _RUN_ON.match(draft, ed.end)
            if m and _ASIDE_END.search(ed.text):
                swap[id(ed)] = Edit(ed.start, m.end(), ed.text + ". ")
    if not swap:
        return per_flag
    return [[swap.get(id(ed), ed) for ed in eds] for eds in per_flag]


# --- a refusal said once (QA pass 18) ----------------------------------------------------------

def no_echo(draft: str, flags: list[FlagDraft], per_flag: list[list[Edit]]) -> list[list[Edit]]:
    """``per_flag`` with a sentence that only says the refusal again ("That's not possible.", the
    library's ``refusal_echo``) left out, where it follows a refusal the rewrite reworded and no edit
    touches it: "No, we're not able to change the address ... That's not possible. I can't change that
    myself, but ..." says no three times (QA18 b07)."""
    if not any(f.category == "negative_phrasing" for f in flags):
        return per_flag
    echo = template_regex("refusal_echo")
    spans = sentences(draft)
    every = [x for eds in per_flag for x in eds]
    out = [list(eds) for eds in per_flag]
    for i, flag in enumerate(flags):
        if flag.category != "negative_phrasing":
            continue
        for ed in per_flag[i]:
            if not ed.text:
                continue
            end = sentence_holding(draft, ed)[1]
            nxt = next(((a, b) for a, b in spans if a >= end), None)
            if nxt is not None and echo.match(draft[nxt[0]:nxt[1]]) \
                    and not any(x.start < nxt[1] and nxt[0] < x.end for x in every):
                out[i].append(Edit(nxt[0], nxt[1], ""))
                every.append(out[i][-1])
    return out
