"""QA pass 17's clear false alarms, fixed after the pass (not measured on new drafts): each case and
made-up variants must stay quiet, and the look-alikes that should still be flagged are."""

from __future__ import annotations

import pytest

from patiently.coach import check
from patiently.detectors.agent_premature_closure import customer_state
from patiently.detectors.customer_frustration import frustration_level
from test_coach_misses import _serious

ADDRESS = ("Agent: I've updated your delivery address to 12 Mill Lane. Can you check it shows correctly in your "
           "account?\nCustomer: Yes, it's right now. Thanks!")
PHOTOS = "Customer: I'm scared if I delete the app I lose all photos of my grandchildren"
CODE = "Customer: I typed the code exactly and it says invalid, I've tried three times now!"


@pytest.mark.parametrize("text", ["Yes, it's right now. Thanks!", "It's correct now, thank you.",
                                  "Yep, it shows correctly now."])
def test_g21_a_check_answered_yes_is_a_confirmation_not_urgency(text: str) -> None:
    assert customer_state(text) == "confirmed"
    assert frustration_level(text)[0] < 0.35


@pytest.mark.parametrize("text", ["I need this working right now!", "Fix it right now."])
def test_right_now_still_asks_for_speed(text: str) -> None:
    assert "urgency" in frustration_level(text)[2]


def test_g21_closing_after_the_customer_confirmed_is_quiet() -> None:
    r = check("Thank you for confirming the new address works. Since everything's sorted, I'll mark this as "
              "resolved. Have a lovely weekend!", ADDRESS)
    assert not [f for f in r.flags if f.severity != "info"]


def test_g22_answering_the_fear_acknowledges_it() -> None:
    draft = ("That's a reasonable question. Deleting the app doesn't delete your photos; they're stored in your "
             "account online. When you reinstall and sign in, they'll all be there.")
    assert not _serious(draft, PHOTOS, "no_acknowledgment")
    # the same facts without the answer to the fear still need an acknowledgment
    assert _serious("Please reinstall the app and sign in.", PHOTOS, "no_acknowledgment")


def test_g35_a_quick_request_beside_an_expiry_is_no_pressure() -> None:
    draft = ("Sorry, I should have been clearer earlier. The code we sent is only valid for 10 minutes; the one you "
             "entered had expired. I've sent a fresh code now. Please enter it straight away and it should work.")
    assert not _serious(draft, CODE, "pressure")
    assert _serious("I've sent a fresh code now. Please enter it straight away.", CODE, "pressure")
