"""QA pass 19's failures that come from the customer state, no_acknowledgment and premature_closure (fixed after the
pass, unmeasured on new drafts), through ``check()`` and the detectors: each case and made-up variants of its cue
family must be flagged (or stay quiet, for a false alarm), and the near look-alikes must not change."""

from __future__ import annotations

import pytest

from patiently.coach import check
from patiently.detectors.customer_frustration import exclaims_about_fault, frustration_level
from test_coach_misses import _serious

FLIGHT = "Customer: My flight is in 3 hours and the app won't show my boarding pass!! Help"
CANCEL = "Customer: I want to cancel my subscription effective end of this month."
WIFI = "Customer: I tried resetting the router like you said, but the wifi still drops every 20 minutes."
CHARGED = ("Customer: Your app charged me three times for one order and nobody is answering my emails. I want my money "
           "NOW.")
FILES = "Customer: My files disappeared from the shared drive!!"
REFUND = ("Customer: The refund you promised last week still isn't in my account and I'm starting to think it never "
          "will be.")
SLOW = "Customer: Why is my internet so slow?! I pay for 500mb and get 20!!"
HOTEL = ("Customer: The hotel I booked through you was closed when I arrived at midnight. I had to find another one. I "
         "want a refund.")
NOTE = ("Customer: what's the wifi password again?\nAgent: It's Falcon2024.\nCustomer: sorry, what was it?\nAgent: "
        "Falcon2024.\nCustomer: one more time please, i lost the note")
SECURITY = ("Customer: Hi again, I'm still not sure how to enable two-factor on the new portal.\nAgent: Go to "
            "Profile > Security > Enable 2FA.\nCustomer: I don't see Security under Profile, sorry.")


def _states(context: str) -> list[str]:
    return check("Thanks for letting me know.", context=context).context.customer


# --- g11: a hurried customer answered at once, at more than 45 words ---------------------------------------------

BOARDING = ("I've got you. I've just emailed your boarding pass for flight LX 318 to the address on your booking, and "
            "you can also open it here: https://m.example-air.com/bp/LX318. If neither opens, show your passport at "
            "the check-in desk and they'll print one in a minute. Safe travels!")


@pytest.mark.parametrize("draft", [
    BOARDING,
    "I've reset your password to a temporary one, Blue-Harbour-42, and sent it to your phone as well. Sign in with it "
    "now and you'll be asked to choose your own; the meeting link in your calendar will then open as normal. If the "
    "temporary one is refused, the web version at https://meet.example.com takes the same details. Good luck!",
    "Done: your account is unlocked and your old password works again. You can sign in straight away on the laptop "
    "and on your phone. If the phone still refuses it, remove the account from Settings > Mail and add it again with "
    "the same password; that takes about a minute. The presentation file is where you left it.",
])
def test_g11_a_long_answer_that_says_it_is_done_already_acknowledges_a_hurry(draft: str) -> None:
    assert len(draft.split()) > 45
    assert not _serious(draft, FLIGHT, "no_acknowledgment")


@pytest.mark.parametrize("draft", [
    # the same length with nothing done yet, something put off, or a question: still needs an acknowledgment
    "I'll send your boarding pass for flight LX 318 to the address on your booking once the system lets me, and you "
    "can also try opening it here: https://m.example-air.com/bp/LX318. If neither opens, show your passport at the "
    "check-in desk and they'll print one in a minute. Safe travels!",
    "I've just emailed your boarding pass for flight LX 318 to the address on your booking. Could you check your inbox "
    "and your spam folder for it, and tell me whether it arrived? If it didn't, show your passport at the check-in "
    "desk and they'll print one for you in a minute. Safe travels!",
    "I've sent your request to the airline's ticketing team, and they will be in touch within 24 hours with the "
    "boarding pass for flight LX 318. In the meantime you can try opening it here: https://m.example-air.com/bp/LX318 "
    "or show your passport at the check-in desk and they'll print one. Safe travels!",
])
def test_hurried_customer_long_reply_without_the_thing_done_still_needs_acknowledging(draft: str) -> None:
    assert _serious(draft, FLIGHT, "no_acknowledgment")


def test_the_done_reading_is_for_time_pressure_only() -> None:
    # an angry customer is not acknowledged by the task done: only a hurried one
    angry = "Customer: This is ridiculous, I've been locked out for two days and nobody cares!!"
    draft = ("I've reset your password to a temporary one and sent it to your phone. Sign in with it now and you'll "
             "be asked to choose your own; your files and mail are all as you left them. If the temporary one is "
             "refused, the web version at https://mail.example.com takes the same details and works the same way.")
    assert _serious(draft, angry, "no_acknowledgment")


# --- g34: a plain request is calm --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "I want to cancel my subscription effective end of this month.",
    "Hi, I'd like to cancel my account from next month please.",
    "I want a refund for the annual plan, I only needed it for a month.",
    "I want to cancel my subscription when the contract ends in June.",
])
def test_g34_a_plain_request_is_no_frustration(text: str) -> None:
    assert "frustrated" not in _states(f"Customer: {text}")


@pytest.mark.parametrize("text", [
    "I want to cancel my subscription, this is ridiculous!!",
    "I want a refund, your service is a joke.",
    "Cancel my subscription NOW, I'm sick of this.",
])
def test_a_request_with_a_real_sign_is_still_frustration(text: str) -> None:
    assert frustration_level(text)[0] >= 0.35
    assert "frustrated" in _states(f"Customer: {text}")


def test_g34_the_cancellation_reply_gets_no_flag() -> None:
    draft = ("Done: your subscription will end on 31 May and you won't be charged again. You'll keep full access until "
             "then, and your files stay downloadable for 30 days after. Thanks for being with us, and if you ever want "
             "to come back, your settings will be waiting.")
    r = check(draft, context=CANCEL)
    assert not [f for f in r.flags if f.severity != "info"]


# --- b05, b19: premature_closure ---------------------------------------------------------------------------------

@pytest.mark.parametrize("draft", [
    "Okay, it's probably interference then. Try moving the router somewhere higher. I'll mark this ticket as resolved.",
    "Try a different channel in the router settings. Marking this case as closed.",
    "It's probably the neighbours' networks. I'm marking this ticket resolved now.",
])
def test_b05_marking_the_ticket_resolved_while_it_still_drops(draft: str) -> None:
    assert _serious(draft, WIFI, "premature_closure")


@pytest.mark.parametrize("draft", [
    "Try moving the router somewhere higher. Once you confirm it stays connected, I'll mark this ticket as resolved.",
    "Try moving the router somewhere higher. Shall I mark this ticket as resolved once you've tried it?",
    "Try moving the router somewhere higher, and mark this email as read so the alert clears.",
])
def test_marking_look_alikes_stay_quiet(draft: str) -> None:
    assert not _serious(draft, WIFI, "premature_closure")


@pytest.mark.parametrize("draft", [
    "Refunds can take some time. Is there anything else I can help you with today?",
    "These things can take a while. Anything else?",
    "It should come through eventually. Is there anything else I can do for you?",
    "Unfortunately refunds sometimes take a bit longer. Have a great day!",
])
def test_b19_a_vague_wait_then_moving_on_is_premature_closure(draft: str) -> None:
    assert _serious(draft, REFUND, "premature_closure")


@pytest.mark.parametrize("draft", [
    "Refunds can take up to 5 working days; yours was issued on Monday, so it should be with you by Friday. Is there "
    "anything else I can help you with today?",
    "I've chased the refund with our payments team and it's being paid today. Is there anything else I can help with?",
])
def test_an_answer_before_the_wrap_up_question_keeps_it_a_courtesy(draft: str) -> None:
    assert not _serious(draft, REFUND, "premature_closure")


# --- b06, b15, b19, b20, b33: customers who are upset but were read as calm --------------------------------------

@pytest.mark.parametrize("context", [
    CHARGED, FILES, REFUND, SLOW, HOTEL,
    "Customer: I want my refund TODAY, this has gone on long enough.",
    "Customer: No one is responding to my emails about the broken laptop.",
    "Customer: all my photos are gone!!",
    "Customer: the VPN is so slow?! I can't open anything",
    "Customer: The airline promised me a call back and still nothing, two days later.",
    "Customer: The apartment was locked when we got there at 11pm and nobody answered the phone.",
    "Customer: They had no record of my booking, so we had to find another hotel at 1am.",
])
def test_upset_customers_are_read_as_frustrated(context: str) -> None:
    assert "frustrated" in _states(context)


@pytest.mark.parametrize("context", [
    "Customer: Found it!!",
    "Customer: slow down!! I'm on step 2",
    "Customer: The office is closed when I arrive at 7, can I get in another way?",
    "Customer: You promised it by Friday, is that still on track?",
    "Customer: My charger broke so I had to find another one, does the new one need a driver?",
    "Customer: my files disappeared from the desktop after the update, where do I look?",
    'Customer: The error says "Files missing!!" when I open the app.',
])
def test_calm_look_alikes_stay_calm(context: str) -> None:
    assert "frustrated" not in _states(context)


def test_exclaiming_about_a_fault_needs_both_the_bangs_and_the_fault() -> None:
    assert exclaims_about_fault("My files disappeared from the shared drive!!")
    assert exclaims_about_fault("Why is my internet so slow?!")
    assert not exclaims_about_fault("My files disappeared from the shared drive.")
    assert not exclaims_about_fault("Great, thanks!!")
    assert not exclaims_about_fault("When will the new store open? Can't wait any more!!")


def test_b06_stock_lines_to_an_upset_customer_are_a_warning() -> None:
    draft = ("We apologize for any inconvenience this may have caused. Your satisfaction is our top priority. Please "
             "allow 7-10 business days for our team to review your case.")
    assert _serious(draft, CHARGED, "scripted_empathy")


def test_b15_going_straight_on_to_upset_customer_needs_acknowledging() -> None:
    draft = "Looking at the logs, the files were moved by your account at 10:14."
    assert _serious(draft, FILES, "no_acknowledgment")
    assert not _serious("I'm sorry, that's a horrible thing to find. " + draft, FILES, "no_acknowledgment")


@pytest.mark.parametrize("draft", [
    "Unfortunately we're just the booking platform, so you'd need to take that up with the hotel directly.",
    "You'll have to take this up with the hotel, we only take the booking.",
    "Please take your complaint up with the property directly.",
])
def test_b33_sending_the_customer_off_to_the_hotel_is_dismissive(draft: str) -> None:
    assert _serious(draft, HOTEL, "dismissive")
    assert _serious(draft, HOTEL, "no_acknowledgment")


def test_b33_a_real_hand_over_is_not_a_brush_off() -> None:
    draft = ("I'm so sorry, that's an awful way to end a journey. I've contacted the hotel's manager for you and our "
             "refunds team will take that up with them; you'll hear from us by 10am tomorrow.")
    assert not _serious(draft, HOTEL, "dismissive")


# --- b12, b39: customers who apologise are not frustrated --------------------------------------------------------

@pytest.mark.parametrize("context", [
    NOTE, SECURITY,
    "Customer: I can't find the setting you mentioned, sorry.",
    "Customer: i forgot the code you sent me, can you send it again",
    "Customer: sorry, where was that button again?",
])
def test_apologising_customers_are_not_frustrated(context: str) -> None:
    assert "frustrated" not in _states(context)


@pytest.mark.parametrize("context", [
    "Customer: Sorry but this is ridiculous, it's the third time it's broken!!",
    "Customer: I lost my job interview because your app crashed!",
    "Customer: I can't find the setting you mentioned, this is useless!!",
])
def test_apology_look_alikes_with_a_real_sign_stay_frustrated(context: str) -> None:
    assert "frustrated" in _states(context)


def test_b12_b39_the_impatient_drafts_are_still_caught() -> None:
    assert _serious("For the third time: Falcon2024. Please write it down this time.", NOTE, "impatient_repeat")
    draft = "I've already explained this. It's under Profile. If you can't see it, I don't know what to tell you."
    assert _serious(draft, SECURITY, "impatient_repeat")
    assert _serious(draft, SECURITY, "dismissive")


def test_marking_the_ticket_resolved_after_the_customer_confirmed_is_quiet() -> None:
    context = ("Customer: Laptop not charging.\nAgent: I've sent you a new charger. Can you let me know once you've "
               "tried it?\nCustomer: Got it this morning, it charges fine now.")
    assert not _serious("Thanks for confirming. I'll mark this ticket as resolved.", context, "premature_closure")
