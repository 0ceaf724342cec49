"""Better wordings from the rewrite library (``data/rewrites.yaml``), filled with the draft's words.

Every rewrite is an *edit* (replace characters [start, end) of the draft). A rule only fires
on words that overlap a flag of its category (or, for rules scoped wider, in a flagged
sentence or draft), so the coach never rewrites what it did not flag. Edits come from four
places: the phrase rules, jargon glosses (the glossary's plain explanation, from the jargon
finding), a redundant question (confirm what the customer already said), and
:mod:`.rewrite_cover`, which leaves out the clause or sentence of any flagged words no rule
replaced (a flagged span must never survive). A flagged span in a negated clause ("not a
silly question") gets no edit: every replacement would reverse its meaning. The suggestion of
one flag is its sentence with its edits applied; the full rewrite applies all edits, then
:mod:`.rewrite_frame` adds the acknowledgment or confirmation a flag asks for, where the
draft does not already say it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from ..text import blank, sentence_tuple
from .rewrite_frame import (
    Situation,
    template_regex,
    template_search,
    with_confirmation,
    with_opener,
    without_success_claims,
)
from .rewrite_library import SCOPES, Library, Rule, fill, library  # noqa: F401 (rw.library, rw.fill: other modules)
from .rewrite_prefilter import may_match, words_before
from .rewrite_tidy import joined, kept_stop, quotable, tidy  # noqa: F401 (quotable: rewrite_thanks)
from .rewrite_words import base_form, glued, matching_view, participle, splits_word, unmask  # noqa: F401 (rw.base_form, rw.participle)


@dataclass
class Edit:
    start: int
    end: int
    text: str


@dataclass
class FlagDraft:
    """What the rewriter needs of a flag (the engine's view, before it becomes a Flag)."""

    category: str
    spans: list[tuple[int, int]]
    data: Mapping[str, Any] = field(default_factory=dict)
    severity: str = "warning"


def _overlaps(s: int, e: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any((s < b and a < e) or (a == b and s <= a <= e) for a, b in spans)


# Every flag of a draft asks for the sentences around it: text keeps the draft's split (sentence_tuple).
sentences = sentence_tuple


def sentence_holding(draft: str, ed: Edit) -> tuple[int, int]:
    """The sentence of ``draft`` that ``ed`` starts in; the edit's own range where there is none."""
    return next(((a, b) for a, b in sentences(draft) if a <= ed.start < b), (ed.start, ed.end))


# "not", "never", "no" and real contractions ("don't", "isnt"); not the "nt" of "account" or "want".
_NEGATION = re.compile(r"\b(?:not|never|no)\b|\b(?:do|does|did|is|are|was|were|has|have|had|ca|wo|would|could|"
                       r"should|must|need|ai)n['’]?t\b", re.IGNORECASE)
# A new clause starts after punctuation or a conjunction: the negation of "It's not possible
# and there's nothing we can do" ends at "and".
_CLAUSE_START = re.compile(r".*(?:[,;:.!?]|\b(?:but|and|or|so|because|since|although|though|while)\b)",
                           re.DOTALL | re.IGNORECASE)
# Flagged words that open a clause of their own ("like I told you", "as I said"): a negation
# before them belongs to the clause before ("you didn't restart it like I told you").
_OWN_CLAUSE = re.compile(r"(?:like|as|because|since|if|when|unless)\b", re.IGNORECASE)
NEGATION_WINDOW = 4  # words before a span that can negate it ("I'm not saying it's your fault")


def negated(text: str, span: tuple[int, int]) -> bool:
    """A negation in the few words before ``span``, in its own clause: "not a silly question",
    "not saying it's your fault". Rewriting those words would reverse what the agent meant.
    Not negated: a span that opens a clause of its own ("like I told you"), and a negation in
    an earlier clause ("It's not possible and there's nothing we can do")."""
    if _OWN_CLAUSE.match(text, span[0]):
        return False
    before = text[:span[0]]
    cut = _CLAUSE_START.match(before)
    if cut:
        before = before[cut.end():]
    return bool(_NEGATION.search(" ".join(before.split()[-NEGATION_WINDOW:])))


def sentence_range(text: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """From the start of the first sentence touching ``spans`` to the end of the last one."""
    lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
    start, end = lo, hi
    # sentences are in order and apart: none that ends before lo or starts after hi touches them
    for s, e in sentences(text)[bisect_left(_sentence_ends(text), lo):]:
        if s > hi:
            break
        if s <= lo < e or (s < hi <= e) or (lo <= s and e <= hi):
            start, end = min(start, s), max(end, e)
    return start, end


@lru_cache(maxsize=64)
def _sentence_ends(text: str) -> tuple[int, ...]:
    return tuple(e for _, e in sentences(text))


def edits_for(draft: str, flag: FlagDraft) -> list[Edit]:
    if flag.category == "jargon":
        from .rewrite_gloss import jargon_edits

        return jargon_edits(draft, flag)
    if flag.category == "redundant_question":
        from .rewrite_thanks import question_edits

        return question_edits(draft, flag)
    # fresh edits each time: callers keep and pass on their own lists
    return [Edit(ed.start, ed.end, ed.text) for ed in _rule_edits(draft, flag.category, tuple(flag.spans))]


# The plan and the complete-rewrite test (rewrite_agree.keeps_substance) ask for the same flags' rule edits.
@lru_cache(maxsize=128)
def _rule_edits(draft: str, category: str, flagged: tuple[tuple[int, int], ...]) -> tuple[Edit, ...]:
    lib = library()
    out: list[Edit] = []
    spans = [sp for sp in flagged if not negated(draft, sp)]
    if not spans:
        return ()
    lo, hi = sentence_range(draft, spans)
    whole = category in lib.sentence_scope  # e.g. "your issue is resolved" next to "closing this ticket"
    view = matching_view(draft)
    known, near = words_before(view, len(view)), words_before(view, hi)  # the draft's words (for rule.key)
    for rule in lib.rules.get(category, ()):
        a, b = (0, len(draft)) if rule.scope == "draft" else (lo, hi)
        words = known if rule.scope == "draft" else near
        if (words is not None and rule.key and rule.key.isdisjoint(words)) or not may_match(rule.needs, view, a, b):
            continue
        for m in _matches(rule.regex, rule.probe, view, a, b):
            if splits_word(draft, m.start(), m.end()):
                continue  # a match that starts or ends inside a word is no match (QA20 b23 "thi|s fare")
            if whole or rule.scope != "span" or _overlaps(m.start(), m.end(), spans):
                groups = {k: unmask(v) for k, v in m.groupdict().items() if v is not None}
                out.append(Edit(m.start(), m.end(), fill(rule.replace, groups)))
    return tuple(out)


@lru_cache(maxsize=256)
def _matches(regex: re.Pattern[str], quick: re.Pattern[str] | None, draft: str, start: int,
             end: int) -> tuple[re.Match[str], ...]:
    # Categories share rules ("or not", "stop asking" anywhere in the draft; the library's YAML
    # anchors) and flags share sentences: each search is run once per draft. Most searches find
    # nothing: the rule's probe tells so in a fraction of the time.
    if quick is not None and quick.search(draft, start, end) is None:
        return ()
    return tuple(m for m in regex.finditer(draft, start, end) if m.end() > m.start())


def kept(flag: FlagDraft, where: Situation | None, draft: str = "") -> bool:
    """A flag whose words the rewrite keeps because they are right: a closing after the customer's
    last message confirmed that the fix works, or after the draft itself says so (:func:`confirmed_in`)."""
    return flag.category == "premature_closure" and ((where is not None and where.confirmed) or confirmed_in(draft))


def confirmed_in(draft: str) -> bool:
    """The draft thanks the customer for confirming the fix (the library's ``draft_confirmed``): "Thank you
    for confirming the new address works. ... I'll mark this as resolved" stays as it is (QA17 g21)."""
    return bool(draft) and template_search("draft_confirmed", draft) is not None


def plan(draft: str, flags: list[FlagDraft], where: Situation | None = None) -> list[list[Edit]]:
    """Every flag's edits: its rules, then a clause or sentence left out where no rule covered it.
    A :func:`kept` flag gets none; a no_acknowledgment flag (the rewrite puts an apology in
    front of the draft) takes out what may not stand behind it (:func:`.rewrite_apology.behind_apology`)."""
    from .rewrite_agree import agree
    from .rewrite_apology import behind_apology
    from .rewrite_cover import cover, end_asides, keep_referents, no_echo, offer_last, one_offer, one_step, with_hedges
    from .rewrite_frame import fit_to_situation, gives_fix, no_lead
    from .rewrite_gloss import compound_glosses
    from .rewrite_predicate import whole_predicates
    from .rewrite_thanks import one_thanks

    active = [FlagDraft(f.category, [], f.data, f.severity) if kept(f, where, draft) else f for f in flags]
    fix = any(f.category == "premature_closure" for f in active) and (
        (where is not None and where.fix_pending) or gives_fix(draft))
    out = cover(draft, active, compound_glosses(draft, active, [edits_for(draft, f) for f in active]), fix)
    out = one_offer(draft, one_offer(draft, with_hedges(draft, active, keep_referents(draft, out))), "repeat_leads")
    out = agree(draft, active, offer_last(draft, end_asides(draft, no_echo(draft, active, out))))
    out = whole_predicates(draft, one_thanks(draft, active, out))
    out = fit_to_situation(draft, out, where, [bool(f.data.get("learned")) for f in active])
    for f, eds in zip(active, out, strict=True):
        if f.category == "no_acknowledgment":
            eds.extend(behind_apology(draft))
        if f.category == "impatient_repeat":
            eds[:] = one_step(draft, eds, where.agent_said if where is not None else ())
            if where is not None and not where.agent_before:
                eds[:] = [Edit(ed.start, ed.end, first_time(ed.text)) for ed in eds]
            elif where is not None and where.confirmed:  # a reminder to a customer whose fix worked: no repeat
                eds[:] = [Edit(ed.start, ed.end, no_lead(ed.text)) for ed in eds]
    # The invariant every source of edits keeps (rules, glosses, cuts): none starts or ends inside a word,
    # and none glues its words to the draft's ("andI'm sorry").
    return [[Edit(ed.start, ed.end, glued(draft, ed.start, ed.end, ed.text)) for ed in eds
             if not splits_word(draft, ed.start, ed.end)] for eds in out]


_AGAIN = re.compile(r"\s+(?:again|once\s+more)\b,?(?=\s|$|:)", re.IGNORECASE)


def first_time(text: str) -> str:
    """A repeat's replacement without "again" / "once more", for a context with no earlier
    agent message: "let me go through it again, more fully:" would claim an answer never given."""
    return _AGAIN.sub("", text)


@cache
def leftover_words() -> tuple[re.Pattern[str], frozenset[str]]:
    """The library's ``leftover`` pattern and its ``function_words``, read once."""
    return template_regex("leftover"), frozenset(str(w).lower() for w in library().templates["function_words"])


def resolve(edits: list[Edit]) -> list[Edit]:
    """Non-overlapping edits in text order. Overlapping deletions merge ("It's obvious," +
    ", even a child could do it"); otherwise the earlier (then longer) edit wins."""
    kept: list[Edit] = []
    for ed in sorted(edits, key=lambda x: (x.start, -(x.end - x.start))):
        if kept and (ed.start < kept[-1].end or (ed.start == ed.end == kept[-1].start)):
            last = kept[-1]
            if not ed.text and not last.text:
                kept[-1] = Edit(last.start, max(last.end, ed.end), "")
            continue
        kept.append(ed)
    return kept


def apply(text: str, edits: list[Edit], offset: int = 0) -> str:
    # flags in one sentence, the leftovers and the rewrite apply the same edits: 6 calls a check, 3.6 distinct
    return _applied(text, _key(edits), offset)


@lru_cache(maxsize=64)
def _applied(text: str, key: tuple[tuple[int, int, str], ...], offset: int) -> str:
    out: list[str] = []
    pos = 0
    for ed in resolve([Edit(*k) for k in key]):
        s, e = ed.start - offset, ed.end - offset
        out.append(text[pos:s])
        out.append(ed.text or kept_stop("".join(out), text[s:e], text[e:]))
        pos = e
    out.append(text[pos:])
    return tidy(joined(out))


CONTENT_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")  # "don't", "v2": what a cut may leave standing
MIN_CONTENT_WORDS = 2  # a sentence a deletion left with fewer content words goes as well


def untouched(draft: str, flags: list[FlagDraft], per_flag: list[list[Edit]],
              where: Situation | None = None, acknowledgment_kept: bool = True) -> list[int]:
    """The flags whose words the full rewrite leaves as they were: no edit (nor a sentence left
    out with them, :func:`leftovers`) replaces any of their text or inserts inside it. Not a
    no_acknowledgment flag (the opener answers it) unless a jab stays (``acknowledgment_kept``), nor a
    :func:`kept` one (kept on purpose)."""
    edits = [ed for eds in per_flag for ed in eds]
    edits += leftovers(draft, edits)

    def touched(s: int, e: int) -> bool:
        # a replacement overlapping the words, or an insertion at or inside them (a jargon gloss), or after the
        # compound they are part of ("SSL/TLS (SSL is ...)" glosses SSL: it was listed as unchanged, QA27 b05)
        return any((ed.start < e and s < ed.end) or (ed.start == ed.end and s <= ed.start <= e) or
                   (ed.start == ed.end and e < ed.start <= e + 20 and _ONE_TOKEN.fullmatch(draft[e:ed.start]))
                   for ed in edits)

    out = [i for i, f in enumerate(flags)
           if f.category != "no_acknowledgment" and not kept(f, where, draft) and f.spans
           and not any(touched(s, e) for s, e in f.spans)]
    from .rewrite_apology import unanswered  # no opener before a jab the rewrite keeps (QA21 b08)
    return unanswered(draft, flags, per_flag, out) if acknowledgment_kept else out


_KEPT_OPEN = re.compile(r"\bkeep\s+(?:this|the|your)\s+(?:\w+\s+)?open\b")
_ONE_TOKEN = re.compile(r"[/\-+.\w]+")  # the rest of a compound term: "/TLS", "-in"


def leftovers(draft: str, edits: list[Edit]) -> list[Edit]:
    """Sentences to leave out as well once ``edits`` left something out: one a deletion cut
    down to fewer than :data:`MIN_CONTENT_WORDS` content words ("No offense."), and one that
    only made sense next to the words that went (the library's ``leftover``: "Let's hope it
    was worth it.")."""
    if not any(ed.end > ed.start for ed in edits):
        return []
    return [Edit(s, e, "") for s, e in _leftovers(draft, _key(edits))]


def _key(edits: list[Edit]) -> tuple[tuple[int, int, str], ...]:
    return tuple((ed.start, ed.end, ed.text) for ed in edits)


# The rewrite, its opener (rewrite_apology) and the engine's unchanged flags ask about the same edits of a
# draft three or four times a check: the leftovers and the edited draft are worked out once.
@lru_cache(maxsize=32)
def _leftovers(draft: str, key: tuple[tuple[int, int, str], ...]) -> tuple[tuple[int, int], ...]:
    edits = [Edit(*k) for k in key]
    cut = any(not ed.text and ed.end > ed.start for ed in edits)
    after, function = leftover_words()
    out: list[tuple[int, int]] = []
    for s, e in sentences(draft):
        inside = [ed for ed in edits if s <= ed.start and ed.end <= e]
        if not inside:
            if after.match(draft[s:e]):
                out.append((s, e))
            continue
        if not cut or not any(not ed.text and ed.end > ed.start for ed in inside):
            continue  # only replaced, nothing left out: the sentence keeps its weight
        rest = apply(draft[s:e], inside, offset=s)
        words = [w for w in CONTENT_WORD.findall(rest) if w.lower() not in function]
        # only a sentence the deletion cut down: "Is it plugged in or not?" less "or not" keeps its one word
        if rest and len(words) < MIN_CONTENT_WORDS and len(words) < _content_count(draft[s:e], function):
            out.append((s, e))
    return tuple(out)


def edited(draft: str, edits: list[Edit]) -> str:
    """The draft with ``edits`` and their :func:`leftovers` applied: the rewrite before its frame (both parts are
    cached: the rewrite, its opener and the engine ask for the same edits)."""
    return apply(draft, edits + leftovers(draft, edits))


def _content_count(text: str, function: frozenset[str]) -> int:
    return sum(w.lower() not in function for w in CONTENT_WORD.findall(text))


def suggestions(draft: str, flags: list[FlagDraft], context_state: list[str],
                per_flag: list[list[Edit]] | None = None, where: Situation | None = None) -> list[str]:
    """One rewritten sentence per flag: its sentence with every edit that falls in it (so the
    suggestion can be pasted as is), or the category's fallback wording when no rule matched.
    ``per_flag``: :func:`plan` of the flags, when already computed."""
    from .rewrite_apology import jab_first, jab_stays, opener_owed
    from .rewrite_frame import acknowledgment

    lib = library()
    if per_flag is None:
        per_flag = plan(draft, flags, where)
    every = [ed for eds in per_flag for ed in eds]
    owed = opener_owed(draft, "", flags, per_flag, context_state, where)
    out: list[str] = []
    for flag, own in zip(flags, per_flag, strict=True):
        if flag.category == "no_acknowledgment":  # the opener before the (rewritten) first sentence
            if jab_stays(draft, flags, per_flag):  # no apology before a jab the rewrite keeps (QA21 b08)
                out.append(jab_first(draft, flags, per_flag))
                continue
            first = sentences(draft)
            lo, hi = first[0] if first else (0, len(draft))
            opener = apply(draft[lo:hi], [ed for ed in every if lo <= ed.start and ed.end <= hi], offset=lo)
            out.append(with_opener(opener, context_state, where))
            continue
        text = ""
        if flag.category == "jargon" and own:  # a phrase is clearer than the whole sentence
            (s, e), ed = flag.spans[0], own[0]
            # a compound's edit holds all of it; a gloss goes at its point ("provision (...) the"); a term the
            # compound's gloss stops short of is not explained by it (QA19 b29 showed pro-rata's gloss)
            if ed.end > ed.start and ed.end <= s and ed.text.startswith(draft[ed.start:ed.end] + " ("):
                ed = Edit(e, e, " " + str(lib.templates["jargon_unknown"]))
            out.append(ed.text if ed.end > ed.start else draft[s:ed.start] + ed.text + draft[ed.start:e])
            continue
        if kept(flag, where, draft) and flag.spans:
            s, e = flag.spans[0]
            out.append(fill(str(lib.templates["confirmed_closure"]), {"text": draft[s:e]}))
            continue
        if not own and flag.spans and all(negated(draft, sp) for sp in flag.spans):
            s, e = flag.spans[0]
            out.append(fill(str(lib.templates["negated"]), {"text": draft[s:e]}))
            continue
        if own and flag.spans and (flag.category != "scripted_empathy" or _touches(flag.spans, own)):
            lo, hi = sentence_range(draft, flag.spans + [(x.start, x.end) for x in own])
            inside = [ed for ed in every if lo <= ed.start and ed.end <= hi]
            text = apply(draft[lo:hi], inside, offset=lo)
            if where is not None and where.failing:  # "Glad that should sort it!" to "it's offline again"
                text = tidy(without_success_claims(text))
            if text == tidy(draft[lo:hi]):
                text = ""
            elif not text:
                text = "(Leave this sentence out: it adds nothing the customer needs.)"
        if flag.category == "scripted_empathy" and text.startswith("(Leave") and owed:
            text = acknowledgment(context_state, where, draft)  # the opener takes the cut apology's place (QA19 b40)
        out.append(text or fill(lib.fallback.get(flag.category, "Say it more kindly."), {}))
    return out


def _touches(spans: list[tuple[int, int]], edits: list[Edit]) -> bool:
    """An edit replaces some of the spans' words: a stock line no rule rewrote keeps its advice as its
    suggestion, not the sentence with a sentence-scoped edit beside it (QA19 tail rule)."""
    return any(ed.start < e and s < ed.end for ed in edits for s, e in spans)


def rewrite_draft(draft: str, flags: list[FlagDraft], context_state: list[str],
                  has_confirmation: bool, per_flag: list[list[Edit]] | None = None,
                  where: Situation | None = None) -> str:
    """The whole draft with every flag's edits, plus an opener or a closing check if needed
    (see :mod:`.rewrite_frame`); ``where``: what the context says (earlier contact, ...)."""
    from .rewrite_apology import jab_stays, opener_owed

    if per_flag is None:
        per_flag = plan(draft, flags, where)
    from .rewrite_gloss import gloss_lists

    edits = [ed for eds in per_flag for ed in eds]
    text = edited(draft, gloss_lists(draft, flags, edits))
    if where is not None and where.failing:
        text = without_success_claims(text)
    if (text[-1:].isalnum() or text.endswith("]")) and any(ed.end >= len(draft.rstrip()) for ed in edits):
        text += "."  # the edit took the draft's last words and its end: "Try this one i guess" (qa16 b25)
    if not any(c.isalnum() for c in text):  # every sentence had to go
        text = str(library().templates["empty_reply"])
    cats = {f.category for f in flags}
    if ("no_acknowledgment" in cats or opener_owed(draft, text, flags, per_flag, context_state, where)) and \
            not jab_stays(draft, flags, per_flag):
        text = with_opener(text, context_state, where)
    if "impatient_repeat" in cats and where is not None and where.not_found:
        from .rewrite_steps import SAME_PLACE, said_before

        # the same path again to a customer who could not find it there (QA27 b02): the agent owes another way
        rest = blank(draft, [sp for f in flags for sp in f.spans])
        if said_before(rest, where.agent_said, SAME_PLACE):
            text = f"{text.rstrip()} {library().templates['not_found_more']}"
    if "premature_closure" in cats and _KEPT_OPEN.search(text):  # "... open for now. Anything else?" (QA27 b07)
        text = template_regex("anything_else").sub("", text)
    if "premature_closure" in cats and not has_confirmation and not confirmed_in(draft):
        text = with_confirmation(text, where, draft)
    return tidy(text)
