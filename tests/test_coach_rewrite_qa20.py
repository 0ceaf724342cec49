"""Rewrite fixes from QA pass 20 (rewrite library v7): each case and made-up variants. The rewriter is
handed its flags directly (:mod:`coach_rewrite_helpers`), so the tests pin what the rewrite does with a
flag, not what the detectors flag today; a few go through ``check()`` end to end."""

from __future__ import annotations

import pytest

from coach_rewrite_helpers import rewrite
from patiently.coach import check
from patiently.coach import rewrite as rw
from patiently.lexicon import load_data


def test_library_is_v7() -> None:
    assert load_data("rewrites")["version"] == 7


# --- (1) no edit starts or ends inside a word -------------------------------------------------------
def test_b27_a_decimal_point_is_no_clause_end() -> None:
    draft = "If you had read the setup guide, you'd know the hub only works on 2.4GHz."
    assert rewrite(draft, ("blame", "If you had read")) == (
        "Just so you know, the hub only works on 2.4GHz; it was in the setup guide, but that's easy to miss.")


@pytest.mark.parametrize(("fact", "kept"), [
    ("the fee is 12.50 a month", "the fee is 12.50 a month"),
    ("the limit is 1,000 messages", "the limit is 1,000 messages"),
    ("it only syncs with icloud.com", "it only syncs with icloud.com"),
    ("version 3.2.1 fixed it", "version 3.2.1 fixed it"),
])
def test_numbers_and_addresses_stay_whole(fact: str, kept: str) -> None:
    draft = f"If you had read the email, you would know {fact}."
    out = rewrite(draft, ("blame", "If you had read"))
    assert kept in out
    assert out.startswith("Just so you know")


def test_b23_a_long_refusal_is_never_cut_inside_a_word() -> None:
    draft = ("Unfortunately we cannot change names on tickets. We cannot reissue the ticket either and we do not "
             "offer refunds on this fare.")
    second = draft[draft.index("We cannot"):]
    out = rewrite(draft, ("negative_phrasing", "we cannot change"), ("negative_phrasing", second))
    assert out == ("Unfortunately we're not able to change names on tickets. We're not able to reissue the ticket "
                   "either and we do not offer refunds on this fare, but what we can do is [what you can offer].")


def test_a_refusal_longer_than_the_rule_reaches_is_left_whole() -> None:
    # 80+ characters of action: no rule match may end in its middle (the old cap cut "thi|s")
    action = "reissue the ticket for the passenger named on the booking under the original fare conditions"
    draft = f"We cannot {action}."
    eds = rw.plan(draft, [rw.FlagDraft("negative_phrasing", [(0, len(draft))])])
    for ed in (e for es in eds for e in es):
        assert not rw.splits_word(draft, ed.start, ed.end)


def test_splits_word() -> None:
    draft = "It works on 2.4GHz, this fare costs 1,000 at 10:30, don't worry."
    assert rw.splits_word(draft, draft.index("fare") - 2, draft.index("fare"))  # "thi|s"
    assert rw.splits_word(draft, 0, draft.index(".4GHz"))  # "2|.4GHz"
    assert rw.splits_word(draft, 0, draft.index(",000"))
    assert not rw.splits_word(draft, draft.index("this"), draft.index("this") + 4)
    assert not rw.splits_word(draft, draft.index("don"), draft.index("'t"))  # an apostrophe is a boundary


def test_b27_end_to_end() -> None:
    r = check("If you had read the setup guide, you'd know the hub only works on 2.4GHz.",
              context="Customer: my smart hub won't connect to my wifi, I've tried everything")
    assert r.rewrite is not None
    assert "2.4GHz" in r.rewrite.text and ".4GHz" not in r.rewrite.text.replace("2.4GHz", "")
