"""Reply coach: what counts as acknowledging an upset customer (``no_acknowledgment``; QA pass 4b)."""

from __future__ import annotations

import pytest

from patiently.coach import check

ANGRY = ("Customer: This is the THIRD time I've been locked out this week!! I have a payroll deadline at 3pm "
         "and nobody is helping me.")
OUTAGE = "Customer: Email has been down for the whole office for two hours now. What is going on? We can't work."
REPEATED_QUESTION = ("Customer: How do I connect to the office printer?\n"
                     "Agent: Open Settings, then Printers, then click Add printer and pick Floor2-HP.\n"
                     "Customer: How do I connect to the office printer?")

# name -> (draft, context): warm replies that acknowledge the customer
ACKNOWLEDGES: dict[str, tuple[str, str]] = {
    "understand_frustrated": ("I understand you're frustrated, and I'm sorry.", ANGRY),
    "understand_right_escalated": ("I understand you're frustrated, and you're right that this has taken too long. "
                                   "I've escalated it to the network team; they will call you within 30 minutes.",
                                   ANGRY),
    "non_native_stressed": ("Sorry, my English is not perfect. I understand you are very stressed. I have unlock "
                            "your account now, please try again and tell me if it is working.", ANGRY),
    "understand_tight": ("I understand, forty minutes is tight and I'll make this my priority right now.", ANGRY),
    "know_how_important": ("I know how important payroll is, so I'll make this my top priority.", ANGRY),
    "worried_too": ("I'd be worried too in your position.", ANGRY),
    "lot_of_pressure": ("That's a lot of pressure with payroll due at 3pm.", ANGRY),
    "sorry_no_access": ("I'm sorry, I don't have access to payroll systems, but I've passed your ticket INC0051234 "
                        "to the payroll team and asked them to call you before 2pm.", ANGRY),
    "sorry_for_disruption": ("I'm sorry for the disruption. We know about the email outage and our team is working "
                             "on it right now. I'll send you an update by 11:30, even if it's not fixed yet.", OUTAGE),
    "walk_through_again": ("Sure! Let me walk you through it again, step by step. First, open Settings. Then click "
                           "Printers. Does that screen open for you?", REPEATED_QUESTION),
}
# Replies that still go straight on (or only apologise for the speaker).
GOES_STRAIGHT_ON: dict[str, tuple[str, str]] = {
    "plain_instruction": ("Click Settings, then Accounts, then Sign in again.", ANGRY),
    "sorry_my_english": ("Sorry, my English is not perfect. Click Settings, then Accounts.", ANGRY),
    "step_by_step_to_angry": ("Let me walk you through it again, step by step. Open Settings.", ANGRY),
}


@pytest.mark.parametrize("name", sorted(ACKNOWLEDGES))
def test_warm_replies_are_acknowledgements(name: str) -> None:
    draft, context = ACKNOWLEDGES[name]
    r = check(draft, context)
    assert "no_acknowledgment" not in {f.category for f in r.flags}
    assert r.verdict == "ok", [(f.category, f.severity, f.text) for f in r.flags]


@pytest.mark.parametrize("name", sorted(GOES_STRAIGHT_ON))
def test_going_straight_on_still_needs_acknowledgment(name: str) -> None:
    draft, context = GOES_STRAIGHT_ON[name]
    assert "no_acknowledgment" in {f.category for f in check(draft, context).flags}


def test_stock_line_is_scripted_empathy_not_an_acknowledgment() -> None:
    cats = {f.category for f in check("We apologize for any inconvenience. Please try again.", ANGRY).flags}
    assert "scripted_empathy" in cats and "no_acknowledgment" not in cats


@pytest.mark.parametrize("draft", [
    "Sorry for my late reply. Restart the router and try again.",
    "Sorry, my English is not perfect. Click Settings, then Accounts.",
])
def test_flag_and_rewrite_agree_on_what_apologises(draft: str) -> None:
    """An apology for the agent's own reply or English is no acknowledgment: the check flags it,
    and the rewrite (which reads the same rule) adds the acknowledgment instead of keeping the
    draft as it is."""
    r = check(draft, ANGRY)
    assert "no_acknowledgment" in {f.category for f in r.flags}
    assert r.rewrite is not None
    assert r.rewrite.text != draft and r.rewrite.text.endswith(draft.split(". ", 1)[1])


def _categories(result) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.category for f in result.flags}


# QA pass 8: reassurance that answers the worry acknowledges a customer who is sad about a loss
# (g29), and a direct answer that the feared loss will not happen acknowledges a worried one (g23);
# "Don't worry" is no answer to anger at the service.
PHOTOS_UPSET = "Customer: I deleted all my holiday photos by accident, I'm so upset"
PHOTOS_SAFE = ("Don't worry, your photos aren't gone. They are in the Recently Deleted album for 30 days. "
               "Open Photos, tap Albums, scroll to the bottom and tap Recently Deleted, then Recover.")
WIPED_DEVASTATED = "Customer: I accidentally wiped my phone and I'm devastated, all my notes were on it"
BACKUP_BACK = "We can get them back: your notes sync to iCloud, so sign in on the phone and they will reappear."
OLD_APP_WORRIED = "Customer: can I still use the old banking app? I'm worried I'll lose access to my money"
KEEP_USING = ("Yes, that's right, you can keep using the old app until Friday. After that, the new one will ask "
              "you to log in once with your usual card PIN, nothing else changes.")
WONT_LOSE = "You won't lose access: your account and your money stay exactly as they are when you switch."
STRAIGHT_ON_APP = "The new app is available in the app store. Download it and log in with your card PIN."
UPSET_WITH_SERVICE = ("Customer: I'm so upset with your service, this is ridiculous, "
                      "my photos were deleted by your update")


@pytest.mark.parametrize(("draft", "context"), [
    pytest.param(PHOTOS_SAFE, PHOTOS_UPSET, id="g29_photos_not_gone"),
    pytest.param(BACKUP_BACK, WIPED_DEVASTATED, id="wiped_devastated"),
    pytest.param(KEEP_USING, OLD_APP_WORRIED, id="g23_keep_using"),
    pytest.param(WONT_LOSE, OLD_APP_WORRIED, id="wont_lose"),
])
def test_reassurance_that_answers_the_worry_acknowledges(draft: str, context: str) -> None:
    r = check(draft, context)
    assert "no_acknowledgment" not in _categories(r)
    assert r.verdict == "ok", [(f.category, f.severity, f.text) for f in r.flags]


@pytest.mark.parametrize(("draft", "context"), [
    pytest.param(STRAIGHT_ON_APP, OLD_APP_WORRIED, id="worried_straight_on"),
    pytest.param("Open Photos and tap Recently Deleted, then Recover.", PHOTOS_UPSET, id="upset_straight_on"),
    pytest.param(PHOTOS_SAFE, UPSET_WITH_SERVICE, id="angry_at_service"),
])
def test_going_on_without_answering_the_worry_needs_acknowledgment(draft: str, context: str) -> None:
    assert "no_acknowledgment" in _categories(check(draft, context))


# QA pass 10 (g11): a customer whose only sign is a plain wait ("where is my order? it's been 4 days") is
# mildly upset; a reply that says where the thing stands or when it comes answers them, and is the
# acknowledgment. A wait said with heat ("... and NOTHING, this is a joke"), or asking again ("the third
# time I'm asking"), still needs it first; so does a plain wait answered without a status.
WHERE_IS_ORDER = "Customer: where is my order? it's been 4 days"
PARCEL_STATUS = ("Sure! Your parcel left our warehouse yesterday and is with the courier now. The tracking says it "
                 "should arrive Thursday. I'll keep an eye on it for you.")
REFUND_WAIT = "Customer: hi, it's been two weeks and my refund isn't in my account yet"
REFUND_STATUS = "I've checked: your refund was processed this morning and will be credited to your card by Friday."
OUT_FOR_DELIVERY = "Good news, it's out for delivery today, so you should have it by this evening."
WAIT_WITH_HEAT = "Customer: it's been 4 days and NOTHING, this is a joke"
ASKING_AGAIN = "Customer: this is the third time I'm asking where my order is"
NO_STATUS = "Please check the tracking link in your confirmation email."


@pytest.mark.parametrize(("draft", "context"), [
    pytest.param(PARCEL_STATUS, WHERE_IS_ORDER, id="g11_parcel_status"),
    pytest.param(OUT_FOR_DELIVERY, WHERE_IS_ORDER, id="out_for_delivery"),
    pytest.param(REFUND_STATUS, REFUND_WAIT, id="refund_by_friday"),
])
def test_a_status_answers_a_plain_wait(draft: str, context: str) -> None:
    r = check(draft, context)
    assert "frustrated" in r.context.customer  # still read as mildly upset
    assert "no_acknowledgment" not in _categories(r), [(f.category, f.severity, f.text) for f in r.flags]


@pytest.mark.parametrize(("draft", "context"), [
    pytest.param(PARCEL_STATUS, WAIT_WITH_HEAT, id="wait_with_heat"),
    pytest.param(PARCEL_STATUS, ASKING_AGAIN, id="asking_again"),
    pytest.param(NO_STATUS, WHERE_IS_ORDER, id="plain_wait_no_status"),
])
def test_a_status_does_not_answer_heat_or_a_repeat(draft: str, context: str) -> None:
    assert "no_acknowledgment" in _categories(check(draft, context))


# QA pass 10 (g32): "It's okay to be annoyed, honestly, I would be too." is an acknowledgment
# (agent.empathy v7), not a sentence that goes straight on.
COURIER_DONE = "Customer: This is the third time your courier didn't show up. I'm done."


@pytest.mark.parametrize("draft", [
    pytest.param("It's okay to be annoyed, honestly, I would be too. Three missed deliveries is not the experience "
                 "we want for you. I've booked a redelivery for Saturday with a specific two-hour window.", id="g32"),
    pytest.param("You have every right to be upset. I've booked a redelivery for Saturday, 9-11am.",
                 id="every_right"),
    pytest.param("Three missed deliveries, honestly anyone would be. I've booked a redelivery for Saturday, 9-11am.",
                 id="anyone_would_be"),
])
def test_permission_to_be_annoyed_acknowledges(draft: str) -> None:
    r = check(draft, COURIER_DONE)
    assert "no_acknowledgment" not in _categories(r), [(f.category, f.severity, f.text) for f in r.flags]


def test_redelivery_alone_still_needs_acknowledgment() -> None:
    assert "no_acknowledgment" in _categories(check("I've booked a redelivery for Saturday, 9-11am.", COURIER_DONE))


# QA pass 11 (G35, G11): the agent taking up the customer's feeling, or their reading of what happened, in
# their own words acknowledges them ("I hear you, it can be a nuisance", "I can see why they looked like a
# duplicate"); coach_cues `validates`.
ANNOYING = "Customer: Why do I have to change my password every 90 days? It's so annoying."
CHARGED_TWICE = "Customer: The invoice is wrong, you charged me twice in March."
POLICY = ("The 90-day rule is required by the security policy, so I can't turn it off. To make it easier, you can "
          "turn on the password manager.")
VALIDATES: dict[str, tuple[str, str]] = {
    "g35_hear_you_nuisance": ("I hear you, it can be a nuisance. " + POLICY, ANNOYING),
    "thats_annoying": ("That's annoying, I know. " + POLICY, ANNOYING),
    "what_a_pain": ("What a pain, I agree. " + POLICY, ANNOYING),
    "i_get_it": ("I get it, and it's a fair question. " + POLICY, ANNOYING),
    "g11_see_why_duplicate": ("Thanks for flagging this. I've looked at your account: one charge is the $20 "
                              "subscription and the other the $5 storage add-on. I can see why they looked like a "
                              "duplicate. If you'd like to remove the add-on, I can do that right away.",
                              CHARGED_TWICE),
    "understand_why_youd_think": ("I understand why you'd think so: the two charges are the subscription and the "
                                  "storage add-on.", CHARGED_TWICE),
}
NOT_VALIDATING: dict[str, tuple[str, str]] = {
    "policy_only": (POLICY, ANNOYING),
    "not_annoying": ("It's not annoying once you get used to it. " + POLICY, ANNOYING),
    "see_why_it_failed": ("I can see why it failed: the card was charged for two items. One is the add-on.",
                          CHARGED_TWICE),
}


@pytest.mark.parametrize("name", sorted(VALIDATES))
def test_taking_up_the_feeling_or_reading_acknowledges(name: str) -> None:
    draft, context = VALIDATES[name]
    r = check(draft, context)
    assert "frustrated" in r.context.customer
    assert r.verdict == "ok", [(f.category, f.severity, f.text) for f in r.flags]


@pytest.mark.parametrize("name", sorted(NOT_VALIDATING))
def test_explaining_without_taking_it_up_still_needs_acknowledgment(name: str) -> None:
    draft, context = NOT_VALIDATING[name]
    assert "no_acknowledgment" in {f.category for f in check(draft, context).flags}


# QA pass 11 (G30): when the customer's only sign is time pressure, a short answer given at once is the
# acknowledgment; a question first, a deferral or a long reply still goes straight on.
MEETING = ("Customer: quick question, what's the wifi password for the guest network? meeting starts in 2 min")
FLIGHT = "Customer: my flight boards in 20 minutes, how do I get the boarding pass on my phone?"


@pytest.mark.parametrize(("draft", "context"), [
    pytest.param("Sure! It's Guest-2024 (capital G). Good luck with the meeting!", MEETING, id="g30_wifi_password"),
    pytest.param("It's Guest-2024, capital G.", MEETING, id="bare_answer"),
    pytest.param("Open the app, tap Trips, then Boarding pass, and it's there. Safe flight!", FLIGHT,
                 id="flight_steps"),
])
def test_an_answer_at_once_acknowledges_a_customer_in_a_hurry(draft: str, context: str) -> None:
    r = check(draft, context)
    assert "frustrated" in r.context.customer
    assert "no_acknowledgment" not in {f.category for f in r.flags}, [(f.category, f.text) for f in r.flags]


@pytest.mark.parametrize(("draft", "context"), [
    pytest.param("Which floor is your meeting on?", MEETING, id="question_first"),
    pytest.param("I'll look into it and get back to you.", MEETING, id="deferral"),
    pytest.param("Thank you for contacting the IT service desk. Guest network access is governed by our acceptable "
                 "use policy, which every visitor must accept before connecting. The policy covers acceptable "
                 "content, bandwidth limits and data retention, and it is reviewed every year by the security "
                 "team. The password changes every month. It's Guest-2024.", MEETING, id="long_preamble"),
    pytest.param("Sure! It's Guest-2024.",
                 "Customer: This is RIDICULOUS, the wifi is down AGAIN and my meeting starts in 2 min!!",
                 id="angry_not_only_hurried"),
])
def test_a_slow_or_questioning_reply_to_a_customer_in_a_hurry_still_needs_acknowledgment(draft: str,
                                                                                       context: str) -> None:
    assert "no_acknowledgment" in {f.category for f in check(draft, context).flags}
