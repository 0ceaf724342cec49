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


def _let_down(text: str) -> bool:
    return any(m.category == "let_down" for m in load_lexicon("coach_cues").find(text))


@pytest.mark.parametrize("text", ["I'm stuck in Frankfurt with two kids.", "I'm stuck at the airport.",
                                  "I'm stranded in Frankfurt", "The flight was cancelled and we're stranded.",
                                  "We're waiting outside in the rain with my kids.",
                                  "The engineer never came and I've been sitting here with the kids for hours.",
                                  "The flight was delayed and we're stuck at the gate with a baby."])
def test_stranded_or_waiting_with_children_somewhere_or_after_a_failure_is_let_down(text: str) -> None:
    assert _let_down(text)


@pytest.mark.parametrize("text", ["I'm sitting with my kids trying to set up the Disney+ profiles.",
                                  "Is stranded cable OK for the patch lead?", "I'm stuck in a loop",
                                  "I need 2m of stranded wire, the flight was delayed",
                                  "I'm waiting with my kids for the bus",
                                  "sitting at home with the kids, can you help me pick a plan?"])
def test_children_or_stranded_with_no_place_or_failure_is_no_let_down(text: str) -> None:
    assert not _let_down(text)


def test_setting_up_profiles_with_the_kids_reads_calm() -> None:
    draft = "Go to Settings, then Profiles, then Add Profile."
    r = check(draft, "Customer: I'm sitting with my kids trying to set up the Disney+ profiles. How do I add a "
              "profile?")
    assert "frustrated" not in r.context.customer
    assert not [f for f in r.flags if f.category == "no_acknowledgment"]
    r = check(draft, "Customer: Our flight was cancelled and I'm sitting at the airport with my kids. How do I "
              "rebook?")
    assert "frustrated" in r.context.customer


def _done(text: str) -> bool:
    return any(m.category == "done_now" for m in load_lexicon("coach_cues").find(text))


@pytest.mark.parametrize("text", ["I've sent your question over to billing.",
                                  "I've sent your account details to the security team",
                                  "I've cancelled your refund request", "I've sent your file to the support desk",
                                  "I've emailed your boarding pass over to our airport team"])
def test_a_hand_over_is_not_done(text: str) -> None:
    assert not _done(text)


@pytest.mark.parametrize("text", ["I've just emailed your boarding pass", "I've reset your password",
                                  "I've emailed your invoice to the billing address", "I've unlocked your account",
                                  "I've sent your new card to the address we have on file",
                                  "I've cancelled your subscription with immediate effect"])
def test_the_thing_done_is_still_done(text: str) -> None:
    assert _done(text)


def test_a_long_hand_over_to_a_hurried_customer_still_needs_acknowledging() -> None:
    from test_coach_misses import _serious
    from test_coach_state_qa19 import BOARDING, FLIGHT
    handed = BOARDING.replace("I've just emailed your boarding pass for flight LX 318 to the address on your booking",
                              "I've sent your question about the missing boarding pass for flight LX 318 over to "
                              "billing, who can see the booking")
    assert len(handed.split()) > 45
    assert handed != BOARDING
    assert _serious(handed, FLIGHT, "no_acknowledgment")
    assert not _serious(BOARDING, FLIGHT, "no_acknowledgment")
