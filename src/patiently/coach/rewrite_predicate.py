"""No cut leaves a verb with nothing to say.

A rule or a cover cut takes a flagged word alone where the sentence still says something without it ("the
server is damn slow" -> "the server is slow"). Where the word was the sentence's predicate ("the damn thing has
been crap all week" less "crap", QA26 b21: "The thing has been all week."), the words left are no sentence:
a verb of being (the library's ``bare_copula``) with only a time after it (``bare_after``). Such a cut takes its
whole clause instead, or its sentence where the clause is all of it; where that would take a fact the customer
needs (:func:`.rewrite_cover.loses_facts`), the cut is dropped and its flag is listed in ``unchanged``.
"""

from __future__ import annotations

from .rewrite import Edit, sentences
from .rewrite_frame import template_regex


def bare_predicate(draft: str, ed: Edit) -> bool:
    """``ed`` deletes words right after a verb of being, and nothing but a time follows them in their clause."""
    if ed.text or ed.end <= ed.start:
        return False
    s0 = next((s for s, e in sentences(draft) if s <= ed.start < e), 0)
    # a cut that took the clause's comma with the word ("crap, the portal ...") ends the clause there
    stop = draft[ed.start:ed.end].rstrip()[-1:]
    after = (stop if stop in ",;:.!?" else "") + draft[ed.end:]
    return template_regex("bare_copula").search(draft[s0:ed.start]) is not None \
        and template_regex("bare_after").match(after) is not None


def whole_predicates(draft: str, per_flag: list[list[Edit]]) -> list[list[Edit]]:
    """``per_flag`` with each cut of a predicate (:func:`bare_predicate`) widened to its clause or sentence."""
    from .rewrite_cover import _clause, _sentence_of, loses_facts

    every = [ed for eds in per_flag for ed in eds]
    out: list[list[Edit]] = []
    for eds in per_flag:
        fixed: list[Edit] = []
        for ed in eds:
            # a replacement of the same words wins anyway ("is crap" -> "is having problems")
            if not bare_predicate(draft, ed) or any(x.text and x.start < ed.end and ed.start < x.end for x in every):
                fixed.append(ed)
                continue
            word = (ed.start, ed.start + len(draft[ed.start:ed.end].rstrip(" ,;:.!?")))  # "crap, " is "crap"
            s0, e0 = _sentence_of(draft, word)
            clause = _clause(draft, s0, e0, word)
            wide = Edit(*(clause or (s0, e0)), "")
            if not loses_facts(draft, wide, [(ed.start, ed.end)]):
                fixed.append(wide)
        out.append(fixed)
    return out
