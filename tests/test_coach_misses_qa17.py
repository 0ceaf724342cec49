"""QA pass 17's customer-state misses and no_acknowledgment false alarms (coach_cues v10), fixed after the pass (not
measured on new drafts): each case with made-up variants both ways."""

from __future__ import annotations

import pytest

from patiently.coach import check
from test_coach_misses import _serious

STOCK = "We apologize for any inconvenience this may have caused. Your feedback is important to us."


# --- the customer read as calm although the service harmed, failed or cost them (let_down, at_stake) ----------------
@pytest.mark.parametrize("context", [
    pytest.param("Customer: Your technician broke my gate and left without saying anything. I want this fixed.",
                 id="b10_broke_my_gate"),
    pytest.param("Customer: your delivery driver damaged my front door frame", id="driver_damaged_door"),
    pytest.param("Customer: the heating engineer didn't turn up again and it's freezing in here, I have a baby",
                 id="b15_no_show_freezing_baby"),
    pytest.param("Customer: Your engineer didn't show up and I took a day off work for it. This is the second time!",
                 id="qa16_b28_no_show_day_off"),
    pytest.param("Customer: You cut off my internet even though I paid on time and I work from home. I've lost a "
                 "day's pay.", id="b29_cut_off_though_paid"),
    pytest.param("Customer: I've missed my connecting flight because your first flight was delayed 3 hours and nobody "
                 "at the gate is helping. I'm stuck in Frankfurt with two kids.", id="b36_stranded_with_kids"),
    pytest.param("Customer: my transfer to my landlord bounced back, I'm going to be late on rent",
                 id="b14_late_on_rent"),
    pytest.param("Customer: the card reader failed all weekend, I've lost hundreds of pounds in sales",
                 id="lost_sales"),
])
def test_harm_or_cost_to_the_customer_reads_as_frustrated(context: str) -> None:
    r = check(STOCK, context)
    assert "frustrated" in r.context.customer
    assert _serious(STOCK, context, "scripted_empathy")  # a stock line to them is no longer info


@pytest.mark.parametrize("context", [
    pytest.param("Customer: My technician broke it, can I order a replacement part?", id="own_technician"),
    pytest.param("Customer: Your engineer fixed my boiler yesterday, can I get the invoice?", id="engineer_fixed"),
    pytest.param("Customer: I'm stuck at the login screen with my kids' tablet", id="stuck_at_login_kids_tablet"),
    pytest.param("Customer: the app keeps freezing when I open the baby monitor", id="app_freezing"),
    pytest.param("Customer: I lost my password, can you reset it?", id="lost_password"),
    pytest.param("Customer: I'm taking a day off on Friday, can the engineer come then?", id="planned_day_off"),
    pytest.param("Customer: I need the invoice for my records", id="need_for_records"),
    pytest.param("Customer: my parcel was supposed to come today and nobody came", id="qa9_g35_parcel_nobody_came"),
    pytest.param("Customer: When will my order come? I need it for tomorrow.", id="qa10_g28_needed_tomorrow"),
])
def test_look_alikes_stay_calm(context: str) -> None:
    assert "frustrated" not in check("Sure, happy to help with that.", context).context.customer


# --- a draft that takes up what the customer did, thanks them for it or says where the parcel stands ----------------
RESTARTED = "Customer: I've restarted the router twice and checked all the cables, still no internet. What now?"


@pytest.mark.parametrize("draft", [
    pytest.param("I can see you've already restarted the router and checked the cables, thank you for doing that. "
                 "Since that didn't help, I'm going to run a line test from our side now; it takes about two minutes.",
                 id="g17_can_see_already"),
    pytest.param("I know you've already tried rebooting it twice, so I'm running a line test from here now.",
                 id="know_already_tried"),
])
def test_naming_what_the_customer_already_did_acknowledges(draft: str) -> None:
    assert not _serious(draft, RESTARTED, "no_acknowledgment")


@pytest.mark.parametrize("draft", [
    pytest.param("I'm going to run a line test from our side now; it takes about two minutes.", id="goes_straight_on"),
    pytest.param("I see you haven't restarted the modem yet. Please do that first.", id="havent_restarted"),
])
def test_going_straight_on_still_needs_an_acknowledgment(draft: str) -> None:
    assert _serious(draft, RESTARTED, "no_acknowledgment")


BILLING = "Customer: billing is wrong again, we pay for 10 seats but only have 8 people"


def test_g40_thanks_for_the_detail_acknowledges_a_mild_complaint() -> None:
    draft = ("Thanks for the detail. Just to check I've understood: the invoice shows 10 seats but you only have 8 "
             "active users? If so, I'll remove the two unused seats and credit the difference back to your card.")
    assert not _serious(draft, BILLING, "no_acknowledgment")
    assert _serious("I'll remove the two unused seats and credit the difference.", BILLING, "no_acknowledgment")


ORDER = "Customer: where is my order? it's been 8 days"


@pytest.mark.parametrize("draft", [
    pytest.param("I can't give you a definite delivery date yet because the courier hasn't scanned the parcel since "
                 "Tuesday. I've opened an investigation with them, and if there's no scan by Monday, I'll send a "
                 "replacement free of charge.", id="g29_no_scan_investigation"),
    pytest.param("Its last scan was at the Leeds depot on Tuesday; I've raised a trace with the courier.",
                 id="last_scan_trace"),
])
def test_where_the_trace_stands_answers_a_plain_wait(draft: str) -> None:
    assert not _serious(draft, ORDER, "no_acknowledgment")


def test_a_reply_that_says_nothing_of_the_parcel_still_needs_an_acknowledgment() -> None:
    assert _serious("Please check your spam folder for the dispatch email.", ORDER, "no_acknowledgment")
