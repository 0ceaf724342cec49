"""The coach on QA pass 20's failures (fixed after the pass, unmeasured on new drafts), through ``check()``: each
missed case and made-up variants must get a warning or a problem in the expected category, each false alarm and the
look-alikes must not. Cue families, not phrases: condescending v17, unprofessional v15, blame v13, dismissive v19,
coach_cues v12."""

from __future__ import annotations

import pytest

from patiently.coach import check
from test_coach_misses import _serious

INVOICE = "Customer: I'm confused, the invoice says 'pro-rata adjustment' but I didn't change my plan?"
CARD = ("Customer: Your app says my card was declined but the bank says there's no problem on their side. What's "
        "going on?")
ENVELOPE = "Customer: so i put the envelope in the paper tray and now it's stuck inside and making a grinding noise"
BLACK = "Customer: my computer won't turn on, the screen is just black"
BOOKING = ("Customer: The booking site won't load for me on any browser. I've tried Chrome and Firefox. I need to book "
           "my train home tonight!")
PHOTO = "Customer: I can't work out how to attach a photo to the email. I'm 72."
MOODLE = ("Customer: moodle keeps saying 'upload failed' on my dissertation and its due at 5pm TODAY. ive tried 4 "
          "times. im going to fail")
TWO_FA = ("Customer: it says I need to 'set up two-factor authentication'. I don't know what that means and I'm "
          "worried I'll lock myself out")
DOORBELL = ("Customer: The doorbell battery is dead AGAIN after 10 days. It's supposed to last 6 months. I'm getting "
            "really tired of charging this thing.")
ROME = ("Customer: I just realised my hotel in Rome is booked for the 14th to 16th but I arrive on the 15th!! Please "
        "help, I can't afford to pay for a night I'm not there")
OUTLOOK = ("Customer: Outlook calendar invites are showing an hour late for everyone I send them to. Board meeting "
           "invites go out in 20 mins. Fix?")

MISSES_QA20 = {
    "b03_bit_much": ("I'll try to keep this as simple as possible for you, since billing seems to be a bit much. The "
                     "adjustment is for the extra user you added on the 12th.", INVOICE, "condescending"),
    "seems_a_little_much_for_you": ("Since all this seems a little much for you, I'll handle it.", INVOICE,
                                    "condescending"),
    "keep_it_simple_for_you": ("I'll keep it really simple for you.", INVOICE, "condescending"),
    "b12_bank_no_handover": ("That's not something we can help with. You'll need to contact your bank.", CARD,
                             "dismissive"),
    "speak_to_your_bank": ("That isn't something I can help you with. You will need to speak to your bank.", CARD,
                           "dismissive"),
    "b13_creative_way": ("Well, that's certainly a creative way to use a printer. Turn it off and pull the envelope "
                         "out gently.", ENVELOPE, "unprofessional"),
    "original_use_of": ("Wow, that's quite an original use of the paper tray.", ENVELOPE, "unprofessional"),
    "what_an_interesting_way": ("What an interesting way to load paper. Turn it off.", ENVELOPE, "unprofessional"),
    "b17_on_their_own": ("Just so you know, the power button is the round one on the side. Most people find it on "
                         "their own.", BLACK, "condescending"),
    "locate_without_help": ("Most users locate it without help.", BLACK, "condescending"),
    "b21_must_be_on_yours": ("It works fine on my end, so the problem must be on yours.", BOOKING, "blame"),
    "docs_must_be_on_your_side": ("It works on my end, so it must be on your side.", BOOKING, "blame"),
    "has_to_be_with_yours": ("Loads fine here, so the issue has to be with yours.", BOOKING, "blame"),
    "b34_at_your_age": ("I appreciate that technology can be challenging for some people, especially at your age. "
                        "Click the paperclip.", PHOTO, "condescending"),
    "for_someone_your_age": ("For someone your age, this is tricky. Click the paperclip.", PHOTO, "condescending"),
    "people_your_age": ("People your age often struggle with it.", PHOTO, "condescending"),
}

QUIET_QA20 = {
    "keep_this_simple_colon": ("I'll keep this simple: click Billing, then Invoices.", INVOICE, "condescending"),
    "as_simple_as_possible_plain": ("I'll keep this as simple as possible. Click Billing.", INVOICE, "condescending"),
    "bill_seems_a_bit_much": ("The bill seems a bit much, so I've applied a discount.", INVOICE, "condescending"),
    "bank_number_and_offer": ("That's not something we can help with. You'll need to contact your bank on 0800 123 "
                              "456; I can stay on the line.", CARD, "dismissive"),
    "handover_to_payments": ("That's not something we can help with here, so I'll pass your details to the payments "
                             "team, who will call you today.", CARD, "dismissive"),
    "creative_solution": ("That's a creative solution, and it works!", ENVELOPE, "unprofessional"),
    "creative_way_plain": ("That's a creative way to use the template, nice one.", ENVELOPE, "unprofessional"),
    "unusual_fault": ("Well, that's an unusual fault, let's get it out.", ENVELOPE, "unprofessional"),
    "setting_under_profile": ("Most people find the setting under Profile.", BLACK, "condescending"),
    "works_on_my_end_too": ("It works on my end too, so let's compare settings.", BOOKING, "blame"),
    "your_side_of_the_screen": ("The Save button is on your side of the screen, at the bottom.", BOOKING, "blame"),
    "age_on_form": ("Your age is shown on the form; leave it as it is.", PHOTO, "condescending"),
}

ACKNOWLEDGED_QA20 = {
    "g13_not_going_to_fail": ("You're not going to fail over this, I promise. Upload failures like this are usually "
                              "the file being over Moodle's 50 MB limit. Please email the file to me at "
                              "it-help@uni.ac.uk right now and I'll forward it to your module office with a timestamp, "
                              "which counts as on time.", MOODLE),
    "g17_fair_worry": ("That's a fair worry, and you won't lock yourself out doing this. Two-factor just means that as "
                       "well as your password, you'll confirm it's you with your phone.", TWO_FA),
    "wont_lock_yourself_out": ("You won't lock yourself out doing this. Install Microsoft Authenticator, then click "
                               "Next.", TWO_FA),
    "understandable_concern": ("That's a completely understandable concern. Install Microsoft Authenticator, then "
                               "click Next.", TWO_FA),
    "g27_tired_of_it_too": ("That's fair, 10 days is nowhere near what it should manage, and I'd be tired of it too. "
                            "Your doorbell is recording every time a car passes, which drains the battery quickly.",
                            DOORBELL),
    "fed_up_with_that": ("I'd be fed up with that as well. Your doorbell is recording every car that passes.",
                         DOORBELL),
    "g30_dont_worry_done": ("Don't worry, I've caught it in time. I've changed your booking to the 15th to 17th at the "
                            "same price, and the hotel has confirmed it. You won't pay anything for the 14th.", ROME),
    "g39_quick_fix": ("Quick fix: your Outlook time zone is set to UTC instead of London. In Outlook go to File > "
                      "Options > Calendar, set Time zone to London, and click OK. Invites you send after that will "
                      "show the right time. I'll resend last week's invites for you if you want.", OUTLOOK),
    "heres_the_fix": ("Here's the fix: your Outlook time zone is set to UTC. Go to File > Options > Calendar, set Time "
                      "zone to London and click OK, and invites you send after that will show the right time for "
                      "everyone on the board list.", OUTLOOK),
}

UNACKNOWLEDGED_QA20 = {
    "fair_price_goes_straight_on": ("That's a fair price for a battery. Open the app and go to Motion Settings.",
                                    DOORBELL),
    "not_going_to_get_refund": ("You're not going to get a refund for the 14th. Open the booking and change the dates.",
                                ROME),
    "look_for_a_fix": ("I'll look for a fix and get back to you once I have checked your Outlook settings, the "
                       "Exchange server and the calendar policy, which can take a little while with board invites "
                       "involved.",
                       OUTLOOK),
    "happy_to_help_straight_on": ("I'd be happy to help with that. Open the app and go to Motion Settings.", DOORBELL),
}


@pytest.mark.parametrize("name", sorted(MISSES_QA20))
def test_qa20_miss_is_flagged(name: str) -> None:
    draft, context, category = MISSES_QA20[name]
    assert _serious(draft, context, category), f"{name}: no {category} warning for {draft!r}"


@pytest.mark.parametrize("name", sorted(QUIET_QA20))
def test_qa20_lookalike_stays_quiet(name: str) -> None:
    draft, context, category = QUIET_QA20[name]
    assert not _serious(draft, context, category), f"{name}: {category} flagged {draft!r}"


@pytest.mark.parametrize("name", sorted(ACKNOWLEDGED_QA20))
def test_qa20_false_alarm_is_gone(name: str) -> None:
    draft, context = ACKNOWLEDGED_QA20[name]
    r = check(draft, context=context)
    assert not [f for f in r.flags if f.severity != "info"], (name, [(f.category, f.text) for f in r.flags])


@pytest.mark.parametrize("name", sorted(UNACKNOWLEDGED_QA20))
def test_qa20_lookalike_still_needs_acknowledgment(name: str) -> None:
    draft, context = UNACKNOWLEDGED_QA20[name]
    assert _serious(draft, context, "no_acknowledgment"), name
