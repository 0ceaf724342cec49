"""The coach on QA pass 13's misses that the agent-side detectors own (redundant_question,
condescending, dismissive, impatient_repeat, pressure), through ``check()``: each case and
made-up variants must get a warning or a problem in the expected category, and the look-alikes
must not. (The customer-state and acknowledgment cases of the pass have their own tests.)"""

from __future__ import annotations

import pytest

from test_coach_misses import _serious

PLUG = "Customer: I still can't connect my smart plug to the app."
TV = ("Customer: It's plugged in, the power light is on, I've tried two different sockets, and the TV still "
      "shows 'No signal'.")
HELP_CENTRE = "Customer: I followed the help centre and it didn't work. Can someone actually help me?"
WIFE = "Customer: I need to talk to my wife before switching to the fiber plan."

MISSES_QA13 = {
    "b18_so_much_trouble": ("Honestly, I don't know why you're having so much trouble with this. Nobody else has "
                            "this issue.", PLUG, "condescending"),
    "b18_nobody_else_has_this_issue": ("Honestly, I don't know why you're having so much trouble with this. "
                                       "Nobody else has this issue.", PLUG, "dismissive"),
    "so_hard_for_you": ("I can't see why this is so hard for you.", PLUG, "condescending"),
    "b36_plugged_in": ("Did you check if it's plugged in?", TV, "redundant_question"),
    "is_the_tv_on": ("Is the TV turned on?", TV, "redundant_question"),
    "b24_previous_email": ("Thank you so much for reaching out! As mentioned in our previous email, the steps are in "
                           "the help centre. Have a wonderful day!", HELP_CENTRE, "impatient_repeat"),
    "per_my_last_email_sorry": ("Sorry about that. As per my last email, the steps are in the help centre.",
                                HELP_CENTRE, "impatient_repeat"),
    "b39_decide_today": ("You need to decide today, the offer ends at midnight and I won't be able to hold it for "
                         "you. Many customers regret waiting.", WIFE, "pressure"),
    "choose_by_midnight": ("You have to choose by midnight.", WIFE, "pressure"),
}

QUIET_QA13 = {
    "vpn_trouble": ("I'm not sure why the VPN is giving you so much trouble; let me check the server now.", PLUG,
                    "condescending"),
    "make_sure_plugged_in": ("Please make sure it's plugged in, then hold the power button for 10 seconds.",
                             "Customer: My TV won't turn on.", "redundant_question"),
    "plugged_in_not_said": ("Did you check if it's plugged in?", "Customer: My TV won't turn on.",
                            "redundant_question"),
    "as_mentioned_kindly": ("Sorry for the confusion! As mentioned, open Orders, then Refunds, and click the order.",
                            HELP_CENTRE, "impatient_repeat"),
    "offer_ends_take_your_time": ("The offer ends at midnight, but there's no rush: take the time you need to talk "
                                  "it over, and I'll be here whenever you're ready.", WIFE, "pressure"),
}


@pytest.mark.parametrize("name", sorted(MISSES_QA13))
def test_qa13_miss_is_flagged(name: str) -> None:
    draft, context, category = MISSES_QA13[name]
    assert _serious(draft, context, category), f"{name}: no {category} warning for {draft!r}"


@pytest.mark.parametrize("name", sorted(QUIET_QA13))
def test_qa13_lookalike_stays_quiet(name: str) -> None:
    draft, context, category = QUIET_QA13[name]
    assert not _serious(draft, context, category), f"{name}: {category} flagged {draft!r}"
