"""The coach on QA pass 21's failures (fix round 20, unmeasured on new drafts), through ``check()``: each missed case
and made-up variants must get a warning or a problem in the expected category, each false alarm and its variants must
not, and near-misses (patient replies with similar words) stay quiet, or still get the flag the false alarm lost.
Cue families, not phrases: confirm v6 (agent.premature_closure v14), coach_cues v14."""

from __future__ import annotations

import pytest

from patiently.coach import check
from test_coach_misses import _serious

OUTLOOK = ("Customer: Outlook keeps asking for my password every few minutes.\nAgent: I've cleared the saved credentials "
           "on your account from our side. Could you restart Outlook and let me know if it asks again?\nCustomer: ")
CLOSE = "Glad to hear it. I'll close this ticket now; just reply if it comes back."
LABEL = "Customer: I got an email with a return label but I don't have a printer. What now?"
BANKING = ("Customer: Oh fantastic, the banking app has logged me out for the fifth time today. Really loving this new "
           "update.")

# premature_closure: (draft, context) that must not be flagged / must still be flagged
CLOSURE_OK_QA21 = {
    "g09_hasnt_asked_once": ("Great to hear it's stayed quiet for an hour. I'll close this ticket now, but if it starts "
                             "asking again, just reply to this email and it will reopen straight away. Have a good rest "
                             "of your day!", OUTLOOK + "Restarted it an hour ago and it hasn't asked once. Thanks!"),
    "hasnt_popped_up_once": (CLOSE, OUTLOOK + "It hasn't popped up once since this morning. Thanks!"),
    "havent_been_asked_once": (CLOSE, OUTLOOK + "Haven't been asked for it once since the restart. Cheers!"),
    "hasnt_logged_me_out_once": (CLOSE, OUTLOOK + "Been using it all afternoon and it hasn't logged me out once. Thank "
                                 "you so much!"),
}
CLOSURE_FLAGGED_QA21 = {
    "hasnt_asked_yet": (CLOSE, OUTLOOK + "It hasn't asked yet, but I only restarted a minute ago. Thanks!"),
    "hasnt_stopped_asking": (CLOSE, OUTLOOK + "It hasn't stopped asking since the restart. Thanks."),
    "refund_hasnt_arrived": (CLOSE, OUTLOOK + "The refund hasn't arrived since you sent it. Thanks!"),
    "hasnt_worked_once": (CLOSE, OUTLOOK + "It hasn't worked once since the update. Thanks."),
}

# no_acknowledgment: (draft, context) acknowledged enough / still going straight on
ACKNOWLEDGED_QA21 = {
    "g26_what_now": ("No problem, you don't need a printer. The email also has a QR code; show it on your phone at any "
                     "post office counter and they'll print the label for you, free of charge. Just bring the laptop "
                     "in its box or any sturdy bag.", LABEL),
    "scanner_now_what": ("You can sign it on your phone instead: open the link in the email and draw your signature.",
                         "Customer: The form has to be signed and scanned but I don't have a scanner. Now what?"),
    "pin_old_address_what_now": ("I can send a new PIN to your new address; it arrives in 3 to 5 days.",
                                 "Customer: My new card arrived but I moved house and the letter with the PIN went to "
                                 "my old address. What now?"),
    "no_car_what_do_i_do_now": ("The engineer will come to you on Tuesday between 9 and 12, so you don't need to bring "
                                "it anywhere.", "Customer: The repair shop wants the laptop brought in and I don't have "
                                "a car. What do I do now?"),
    "g11_drive_anyone_up_the_wall": ("Five log-outs in one day would drive anyone up the wall, sorry. Version 6.2.0 has "
                                     "a bug that signs people out when the phone switches between wifi and mobile data. "
                                     "The fix (6.2.1) goes out tomorrow. Until then, turning off Wi-Fi Assist in your "
                                     "phone's settings should stop it. I'll message you as soon as the update is live.",
                                     BANKING),
    "drive_anyone_mad": ("That would drive anyone mad. The fix goes out tomorrow; until then turn off Wi-Fi Assist.",
                         BANKING),
    "enough_to_drive_anyone": ("Being logged out five times is enough to drive anyone round the bend. The fix goes out "
                               "tomorrow.", BANKING),
    "make_anybody_lose_patience": ("That would make anybody lose their patience. The fix goes out tomorrow.", BANKING),
    "trailing_sorry": ("Five log-outs in a day, sorry. The fix goes out tomorrow.", BANKING),
}
UNACKNOWLEDGED_QA21 = {
    "what_now_third_time": ("You can show the QR code at the post office instead.",
                            "Customer: The label failed to print AGAIN, third time this week!! What now?"),
    "what_now_waited": ("You can show the QR code at the post office instead.",
                        "Customer: I've been waiting three weeks for my refund and nobody answers. What now?"),
    "what_now_ridiculous": ("Use the QR code at the post office instead.",
                            "Customer: This is ridiculous, your label link is broken. What now?"),
    "anyone_who_switches": ("Version 6.2.0 logs out anyone who switches networks. The fix goes out tomorrow.", BANKING),
    "drive_the_battery": ("Wi-Fi Assist would drive the battery down anyway. The fix goes out tomorrow.", BANKING),
    "sorry_for_my_english": ("The fix goes out tomorrow, sorry for my English.", BANKING),
}


@pytest.mark.parametrize("name", sorted(CLOSURE_OK_QA21))
def test_qa21_confirmed_closure_is_not_flagged(name: str) -> None:
    draft, context = CLOSURE_OK_QA21[name]
    assert not _serious(draft, context, "premature_closure"), name


@pytest.mark.parametrize("name", sorted(CLOSURE_FLAGGED_QA21))
def test_qa21_unconfirmed_closure_is_still_flagged(name: str) -> None:
    draft, context = CLOSURE_FLAGGED_QA21[name]
    assert _serious(draft, context, "premature_closure"), name


@pytest.mark.parametrize("name", sorted(ACKNOWLEDGED_QA21))
def test_qa21_acknowledgment_false_alarm_is_gone(name: str) -> None:
    draft, context = ACKNOWLEDGED_QA21[name]
    r = check(draft, context=context)
    assert not [f for f in r.flags if f.severity != "info"], (name, [(f.category, f.text) for f in r.flags])


@pytest.mark.parametrize("name", sorted(UNACKNOWLEDGED_QA21))
def test_qa21_lookalike_still_needs_acknowledgment(name: str) -> None:
    draft, context = UNACKNOWLEDGED_QA21[name]
    assert _serious(draft, context, "no_acknowledgment"), name
