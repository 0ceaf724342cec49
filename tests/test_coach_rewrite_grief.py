"""The rewrite's opener for a bereaved customer, and "held you up" swapped for the loss (QA pass 14:
"I can see how frustrating it is" to someone whose father died last week, b24; "I'm sorry this has
held you up" to a widow, b30). A hospital stay reads as worry."""

from __future__ import annotations

import pytest

from patiently.coach import check
from patiently.coach.rewrite_frame import feeling

FATHER = ("Customer: My father passed away last week and I need to close his phone contract. "
          "I don't know where to start.")
WIDOW = ("Customer: My husband died in March and I still get letters addressed to him every week. "
         "It's upsetting every time.")


def test_a_bereaved_customer_gets_condolences_not_frustration() -> None:
    r = check("We will need a certified copy of the death certificate, the account number, and proof of your "
              "identity.", context=FATHER)
    assert r.rewrite is not None
    assert r.rewrite.text.startswith("I'm so sorry for your loss, and thank you for letting us know. We will need")
    assert "frustrating" not in r.rewrite.text and "trouble" not in r.rewrite.text


def test_held_up_becomes_the_loss() -> None:
    r = check("Sorry for the inconvenience. Please send the account holder's details.", context=WIDOW)
    assert r.rewrite is not None
    assert "I'm so sorry for your loss" in r.rewrite.text and "held you up" not in r.rewrite.text


@pytest.mark.parametrize("text, expected", [
    ("My father passed away last week", "grieving"),
    ("My husband died in March", "grieving"),
    ("I'm sorting out my late wife's accounts", "grieving"),
    ("I lost my mum in May and the bills are in her name", "grieving"),
    ("My mum is in hospital and I can't get calls from the ward!", "worried"),
    ("My laptop has died again", ""),
    ("I passed on the message to my manager", ""),
    ("I lost my dad's phone charger", ""),
    ("It died on me in the middle of a call", ""),
    # review: a place, a form or a business named after the event is no feeling
    ("Please update my emergency contact number in the HR system.", ""),
    ("The badge reader is in the hospital wing, it is offline.", ""),
    ("I need access to the bereavement leave form.", ""),
    ("Our funeral home website is down.", ""),
    ("I\u2019m in hospital until Friday.", "worried"),
    ("We had a family emergency.", "worried"),
])
def test_feeling_of_the_last_customer_message(text: str, expected: str) -> None:
    assert feeling(text) == expected


def test_a_stock_line_to_a_bereaved_customer_becomes_condolences() -> None:
    # qa15 b22: "We understand your frustration" became "I can see why this is frustrating"
    r = check("Thank you for reaching out! We understand your frustration. I'd be happy to assist you with "
              "cancelling the policy today.",
              context="Customer: My wife died last week and I need to cancel her car insurance policy.")
    assert r.rewrite is not None
    assert "I'm so sorry for your loss" in r.rewrite.text and "frustrat" not in r.rewrite.text
