"""Cue fixes from the session review: contractions after a name, a lost connection is no stake,
"even you'll"."""

from __future__ import annotations

import pytest

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


def _stake(text: str) -> bool:
    return any(m.category == "at_stake" for m in load_lexicon("coach_cues").find(text))


@pytest.mark.parametrize("text", ["I've taken a day off work for this", "I've had to take a day off",
                                  "I have taken a day off for this", "I took a day off work for it"])
def test_a_day_off_with_a_contraction_is_at_stake(text: str) -> None:
    assert _stake(text)


@pytest.mark.parametrize("text", ["I'm taking a day off on Friday", "I've lost my pay slip for March",
                                  "I lost my payslip", "I've lost the booking reference", "I've lost my job title",
                                  "I've lost the flight booking reference", "I lost my booking confirmation email"])
def test_a_lost_document_or_a_planned_day_off_is_no_stake(text: str) -> None:
    assert not _stake(text)


@pytest.mark.parametrize("text", ["I've lost a day's pay", "I lost my job because of this", "we lost our booking",
                                  "I missed my flight because the time was different"])
def test_a_lost_job_pay_or_booking_is_still_at_stake(text: str) -> None:
    assert _stake(text)


def test_a_lost_pay_slip_reads_calm_a_day_off_reads_frustrated() -> None:
    draft = "Sure, happy to help with that."
    assert "frustrated" not in check(draft, "Customer: I've lost my pay slip for March, can you resend it?"
                                     ).context.customer
    assert "frustrated" in check(draft, "Customer: The engineer never came. I've taken a day off work for this."
                                 ).context.customer
