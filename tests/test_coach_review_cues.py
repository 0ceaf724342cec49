"""Cue fixes from the session review: contractions after a name, a lost connection is no stake,
"even you'll"."""

from __future__ import annotations

from patiently.coach import check
from patiently.lexicon import load_lexicon


def test_a_relatives_worry_with_a_contraction_is_stress() -> None:
    cues = load_lexicon("coach_cues")
    assert {m.category for m in cues.find("My wife's really worried.")} >= {"stressed"}
    assert {m.category for m in cues.find("My wife is really worried.")} >= {"stressed"}


def test_a_lost_connection_is_a_fault_not_a_stake() -> None:
    assert not [m for m in load_lexicon("coach_cues").find("My router lost the connection this morning.")
                if m.category == "at_stake"]
    assert [m for m in load_lexicon("coach_cues").find("I missed my connecting flight because of this.")
            if m.category == "at_stake"]
    r = check("Please restart the router and check the cable.", context="Customer: My router lost the connection "
              "this morning.")
    assert not [f for f in r.flags if f.category == "no_acknowledgment"]


def test_even_you_will_with_a_contraction() -> None:
    assert [m.text for m in load_lexicon("condescending").find("I'm sure even you'll manage that.")] == \
        ["sure even you'll"]


def test_praise_after_an_ordinary_fix_is_no_mock_praise() -> None:
    r = check("Great job! Glad it is working now.", context="Customer: I just reset the router and unplugged the "
              "modem, and now everything works!")
    assert not [f for f in r.flags if f.category == "unprofessional"]
    r = check("Well done. You'll need a new one.", context="Customer: I dropped my phone in the bath.")
    assert [f for f in r.flags if f.category == "unprofessional"]
