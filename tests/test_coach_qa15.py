"""Reply coach, QA pass 15: how the customer is read (``frustration.yaml`` v5 through customer.frustration v9, and
``coach/customer_state.py``); each case of the pass with made-up variants both ways."""

from __future__ import annotations

import pytest

from patiently.coach import check

PROBE = "Let me check that for you."


def _customer(context: str) -> list[str]:
    return list(check(PROBE, context).context.customer)


# b21: "!!!" and a shouted "Fix it NOW." are an upset customer, so a stock line to them is a warning
@pytest.mark.parametrize("context", [
    pytest.param("Customer: You've charged me three times for the same concert tickets!!! Fix it NOW.", id="b21"),
    pytest.param("Customer: My order is a week late. Refund me TODAY!", id="refund_today"),
])
def test_a_shouted_order_is_frustrated(context: str) -> None:
    assert "frustrated" in _customer(context)


def test_b21_stock_line_to_a_shouting_customer_is_a_warning() -> None:
    r = check("We apologize for any inconvenience this may have caused. Your feedback is important to us. Please "
              "allow 7-10 business days for a review.",
              "Customer: You've charged me three times for the same concert tickets!!! Fix it NOW.")
    assert any(f.category == "scripted_empathy" and f.severity == "warning" for f in r.flags)


# b32: a fault with when it shows ("every time I pick a date range") is a calm report
@pytest.mark.parametrize("context, frustrated", [
    pytest.param("Customer: The report exports empty every time I pick a date range.", False, id="b32"),
    pytest.param("Customer: The app crashes every time I export a PDF.", False, id="every_time_export"),
    pytest.param("Customer: Every time I call, nobody answers! Third time this week.", True, id="every_time_call"),
])
def test_every_time_i_with_an_action_is_a_report(context: str, frustrated: bool) -> None:
    assert ("frustrated" in _customer(context)) is frustrated


# b35: asking what a word means is confusion, before any agent reply too; "what does this error mean?" asks about
# their own screen and is not read here
@pytest.mark.parametrize("context, confused", [
    pytest.param("Customer: I don't get why my transfer hasn't arrived, what does 'pending' mean?", True, id="b35"),
    pytest.param("Customer: My parcel says 'in transit', what does in transit mean?", True, id="in_transit"),
    pytest.param("Customer: what does this mean? E: Unable to locate package", False, id="own_output"),
])
def test_asking_what_a_word_means_is_confused(context: str, confused: bool) -> None:
    assert ("confused" in _customer(context)) is confused


def test_b35_bank_jargon_to_a_confused_customer_is_a_problem() -> None:
    r = check("It's held in the SWIFT gpi queue pending AML screening and the correspondent bank's nostro "
              "reconciliation.", "Customer: I don't get why my transfer hasn't arrived, what does 'pending' mean?")
    assert any(f.category == "jargon" and f.severity == "problem" for f in r.flags)
