"""Reply coach, QA pass 14: how the customer is read and what acknowledges them (``coach_cues.yaml`` v8,
``coach/customer_state.py``); each case of the pass with made-up variants both ways."""

from __future__ import annotations

import pytest

from patiently.coach import check

PROBE = "Let me check that for you."


def _warned(r) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.category for f in r.flags if f.severity != "info"}


def _customer(context: str) -> list[str]:
    return list(check(PROBE, context).context.customer)


# g24: "never arrived" is as flat a report as "hasn't arrived" (coach_cues plain_report)
@pytest.mark.parametrize("context", [
    pytest.param("Customer: My order 55120 never arrived. I live in York.", id="g24_never_arrived"),
    pytest.param("Customer: The parcel never came.", id="never_came"),
    pytest.param("Customer: My order 88213 hasn't arrived, it was due on Monday.", id="hasnt_arrived"),
])
def test_a_plain_never_arrived_report_is_calm(context: str) -> None:
    assert "frustrated" not in _customer(context)


def test_never_arrived_with_anger_is_still_frustrated() -> None:
    assert "frustrated" in _customer("Customer: My order never arrived and nobody answers my emails!! This is "
                                     "ridiculous.")


def test_g24_checking_the_address_with_a_calm_customer_is_quiet() -> None:
    r = check("Thanks for the order number. I can see order 55120 shows as delivered to a Leeds address on 12 May. "
              "You mentioned you live in York, so I want to make sure we're looking at the right order: is it "
              "possible there was a second order, or was this one meant to go to York?",
              "Customer: My order 55120 never arrived. I live in York.")
    assert not _warned(r)


# b23: shaking, scammed, the rent money (coach_cues distressed); b06, b20: what the fault costs them (at_stake)
@pytest.mark.parametrize("context", [
    pytest.param("Customer: Someone took £800 from my account and I didn't authorise it. I'm shaking, I think I've "
                 "been scammed. That was my rent money.", id="b23_scammed_rent_money"),
    pytest.param("Customer: I'm shaking, someone has used my card.", id="shaking"),
    pytest.param("Customer: I think I've been scammed, a man on the phone took my bank details.", id="scammed"),
    pytest.param("Customer: The payment you took twice was my rent money.", id="rent_money"),
    pytest.param("Customer: I missed my flight because the time was different from what I booked! Nobody told me!",
                 id="b06_missed_flight"),
    pytest.param("Customer: Because of your app crash I missed my job interview.", id="missed_interview"),
    pytest.param("Customer: My package is 5 days late and it's a birthday present for tomorrow.",
                 id="b20_present_for_tomorrow"),
    pytest.param("Customer: The parcel is late and my son's birthday is tomorrow.", id="birthday_tomorrow"),
])
def test_distress_and_what_is_at_stake_read_as_frustrated(context: str) -> None:
    assert "frustrated" in _customer(context)


@pytest.mark.parametrize("context", [
    pytest.param("Customer: My screen is shaking when I scroll.", id="screen_shaking"),
    pytest.param("Customer: I missed your call earlier, can you ring back?", id="missed_call"),
    pytest.param("Customer: I lost my password, how do I reset it?", id="lost_password"),
    pytest.param("Customer: Can I add a birthday card to my order?", id="birthday_card"),
    pytest.param("Customer: How do I pay my rent through the app?", id="pay_rent"),
])
def test_lookalikes_of_distress_and_stakes_stay_calm(context: str) -> None:
    assert "frustrated" not in _customer(context)


def test_b23_a_form_to_a_scammed_customer_needs_an_acknowledgment() -> None:
    r = check("To dispute a transaction, please complete form D-12 on our website and allow 10 working days for a "
              "response.", "Customer: Someone took £800 from my account and I didn't authorise it. I'm shaking, I "
              "think I've been scammed. That was my rent money.")
    assert "no_acknowledgment" in _warned(r)


# g30, g37: the customer says they are repeating themselves (coach_cues says_repeating, repeat_cues said_before)
G30 = ("Customer: VPN keeps dropping.\nAgent: Can you describe the issue?\nCustomer: As I said, it drops every 10 "
       "minutes at home.\nAgent: When did it start?\nCustomer: I've told you this already!! Since the update on the "
       "4th. Every 10 minutes. At home. How many times do I have to say it?")


@pytest.mark.parametrize("context", [
    pytest.param(G30, id="g30_told_you_already"),
    pytest.param("Customer: sorry, I asked this yesterday too but I still can't find where to turn the contacts "
                 "sync on", id="g37_asked_yesterday_too"),
    pytest.param("Customer: How many times do I have to say it? The VPN drops at home.", id="how_many_times"),
    pytest.param("Customer: For the third time, I'm asking when my refund arrives.", id="for_the_third_time"),
    pytest.param("Customer: Again: it only drops at home.", id="again_colon"),
    pytest.param("Customer: I already told you, it's only at home.", id="said_before_phrase"),
])
def test_a_customer_who_says_they_repeat_is_repeating(context: str) -> None:
    assert "repeating" in _customer(context)


@pytest.mark.parametrize("context", [
    pytest.param("Customer: I told my manager already and he said to contact you.", id="told_manager"),
    pytest.param("Customer: The app crashed for the third time today.", id="fault_third_time"),
    pytest.param("Customer: The printer is offline again.", id="offline_again"),
    pytest.param("Customer: How many times do I have to restart it before it works?", id="restart_count"),
    pytest.param("Customer: I've asked IT too but they don't know.", id="asked_it"),
])
def test_lookalikes_of_saying_it_again_are_not_repeating(context: str) -> None:
    assert "repeating" not in _customer(context)


# g30: owning the fault in plain words acknowledges (coach_cues validates)
def test_g30_owning_the_fault_to_a_repeating_customer_is_quiet() -> None:
    r = check("You're right, you've had to explain this three times now, and that's on us, not you. I've read back "
              "through the whole thread so you don't have to repeat it again: the VPN disconnects every 10 minutes, "
              "only on the home network, since the update on the 4th. I've escalated it to our second-line team as "
              "urgent and I'll call you at 2pm with an update.", G30)
    assert not _warned(r)


ANGRY = "Customer: This is the third time the router has dropped today and I'm furious!!"


@pytest.mark.parametrize("draft", [
    pytest.param("You've had to explain this three times now, and that's on us. I've booked an engineer for 9am.",
                 id="q3_had_to_explain"),
    pytest.param("That one's on us. I've booked an engineer for 9am.", id="that_ones_on_us"),
    pytest.param("That's our fault, not yours. I've booked an engineer for 9am.", id="our_fault"),
    pytest.param("We got that wrong. I've booked an engineer for 9am.", id="got_that_wrong"),
    pytest.param("You shouldn't have had to chase us. I've booked an engineer for 9am.", id="shouldnt_have_had_to"),
])
def test_owning_the_fault_acknowledges(draft: str) -> None:
    assert "no_acknowledgment" not in _warned(check(draft, ANGRY))


@pytest.mark.parametrize("draft", [
    pytest.param("The delivery is on us. I've booked an engineer for 9am.", id="cost_on_us"),
    pytest.param("I've booked an engineer for 9am.", id="plain_step"),
])
def test_a_cost_taken_on_or_a_plain_step_does_not_acknowledge(draft: str) -> None:
    assert "no_acknowledgment" in _warned(check(draft, ANGRY))


# b02: "try again later" puts the answer off, so it is no answer given at once to a customer in a hurry
HURRY = "Customer: I'm locked out and my meeting starts in 2 min!"


def test_try_again_later_to_a_customer_in_a_hurry_is_no_acknowledgment() -> None:
    assert "no_acknowledgment" in _warned(check("It should be working. Try again later.", HURRY))


def test_the_answer_itself_to_a_customer_in_a_hurry_still_acknowledges() -> None:
    assert "no_acknowledgment" not in _warned(check("Sure! I've unlocked it; the temporary password is Guest-2024.",
                                                    HURRY))
