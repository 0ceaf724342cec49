"""Helpers of the rewrite tests of QA passes 10-12: the rewriter is handed its flags directly
(category + the flagged words), so a test pins what the rewrite does with a flag, not what the
detectors flag today."""

from __future__ import annotations

from patiently.coach import rewrite as rw
from patiently.coach.rewrite_frame import Situation

Flag = tuple[str, str]  # (category, the flagged words as they appear in the draft)


def flags_for(draft: str, flags: list[Flag], learned: bool = False) -> list[rw.FlagDraft]:
    out = []
    for category, words in flags:
        start = draft.index(words)
        out.append(rw.FlagDraft(category, [(start, start + len(words))], {"learned": True} if learned else {}))
    return out


def rewrite(draft: str, *flags: Flag, where: Situation | None = None, learned: bool = False,
            states: tuple[str, ...] = ()) -> str:
    fds = flags_for(draft, list(flags), learned)
    return rw.rewrite_draft(draft, fds, list(states), False, rw.plan(draft, fds, where), where)


def suggestions(draft: str, *flags: Flag, where: Situation | None = None, learned: bool = False) -> list[str]:
    fds = flags_for(draft, list(flags), learned)
    return rw.suggestions(draft, fds, [], rw.plan(draft, fds, where), where)
