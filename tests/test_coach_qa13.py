"""Reply coach, QA pass 13: how the customer is read and what acknowledges them (``coach_cues.yaml`` v7,
customer.frustration v8); each case of the pass with made-up variants both ways."""

from __future__ import annotations

import pytest

from patiently.coach import check


def _warned(r) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.category for f in r.flags if f.severity != "info"}


# Calm customers: a request for the money back, a switch of plan, a plain fault.
@pytest.mark.parametrize("context", [
    pytest.param("Customer: I need to cancel my flight to Lisbon and I want my money back.", id="g09_money_back"),
    pytest.param("Customer: I need to talk to my wife before switching to the fiber plan.", id="b39_switching_plan"),
    pytest.param("Customer: The smart lock won't respond to the app anymore.", id="b33_wont_respond"),
    pytest.param("Customer: The hotel booking was for the wrong dates, I want my money back please.",
                 id="money_back_please"),
])
def test_a_calm_request_or_report_is_not_read_as_frustrated(context: str) -> None:
    assert "frustrated" not in check("Let me check that for you.", context).context.customer


@pytest.mark.parametrize("context", [
    pytest.param("Customer: Third time this app has lost my data. I'm switching to Google Drive.", id="leaving"),
    pytest.param("Customer: This is a joke. I want my money back!", id="money_back_angry"),
    pytest.param("Customer: My pacemaker monitor stopped sending readings to the clinic since your update. "
                 "My cardiologist is worried.", id="b31_cardiologist_worried"),
    pytest.param("Customer: The alarm app hasn't sent my mum's medication reminders since Tuesday and my wife is "
                 "really worried.", id="wife_worried"),
])
def test_leaving_anger_and_someone_elses_worry_are_read_as_frustrated_or_stressed(context: str) -> None:
    assert "frustrated" in check("Let me check that for you.", context).context.customer


def test_b31_a_stock_reply_to_a_worried_clinic_patient_is_a_warning() -> None:
    r = check("We sincerely apologize for any inconvenience caused. We value you as a customer. Please find our "
              "standard procedure attached.",
              "Customer: My pacemaker monitor stopped sending readings to the clinic since your update. "
              "My cardiologist is worried.")
    assert "scripted_empathy" in _warned(r)


def test_nobody_worried_about_the_customer_is_no_stress() -> None:
    r = check("Let me check that for you.", "Customer: My son is not worried about the update, but I'd like to know "
                                            "when it comes.")
    assert "frustrated" not in r.context.customer


# What acknowledges the customer: agreeing the complaint is fair, granting the ask in their words,
# answering a wait with where it stands, reassuring a worry with what is not affected.
LATE_REPAIR = "Customer: You said my laptop would be fixed last Friday. It's Wednesday. Unacceptable."
MANAGER = "Customer: I want to speak to a manager. Now."
REFUND_WAIT = "Customer: Any update on my refund? It's been a week."
PANIC = "Customer: I can't log into the tax portal and my return is due today, I'm panicking."


@pytest.mark.parametrize(("draft", "context"), [
    pytest.param("I understand, and I'm not going to pretend that's acceptable. Your repair was promised for last "
                 "Friday and we missed it. Your laptop will be ready tomorrow by noon.", LATE_REPAIR,
                 id="g19_not_going_to_pretend"),
    pytest.param("That's not good enough, and we missed the date. Your laptop will be ready tomorrow by noon.",
                 LATE_REPAIR, id="not_good_enough"),
    pytest.param("You're right to be annoyed. Your laptop will be ready tomorrow by noon.", LATE_REPAIR,
                 id="right_to_be_annoyed"),
    pytest.param("We let you down on this one. Your laptop will be ready tomorrow by noon.", LATE_REPAIR,
                 id="let_you_down"),
    pytest.param("I understand you'd like to speak to a manager, and that's absolutely fine. I've requested a "
                 "callback from my team lead; they'll call you within 2 hours.", MANAGER, id="g39_you_d_like"),
    pytest.param("I hear that you want to speak to a manager. My team lead will call you within 2 hours.", MANAGER,
                 id="hear_you_want"),
    pytest.param("Good news: your refund of £42.50 was approved this morning. It usually shows on your statement "
                 "within 3 to 5 working days.", REFUND_WAIT, id="g05_refund_approved"),
    pytest.param("Your refund has been processed and should appear in your account by Friday.", REFUND_WAIT,
                 id="refund_processed"),
    pytest.param("Good morning, and thank you for getting in touch about your tax account. The portal is down for "
                 "planned maintenance until 10am today. Your deadline is not affected: filings due today will be "
                 "accepted until midnight tomorrow.", PANIC, id="g27_deadline_not_affected"),
    pytest.param("The portal is down until 10am. You won't be penalised: today's returns will still be accepted "
                 "tomorrow.", PANIC, id="wont_be_penalised"),
])
def test_these_drafts_acknowledge_the_customer(draft: str, context: str) -> None:
    r = check(draft, context)
    assert "frustrated" in r.context.customer
    assert "no_acknowledgment" not in {f.category for f in r.flags}, [(f.category, f.text) for f in r.flags]


@pytest.mark.parametrize(("draft", "context"), [
    pytest.param("I understand. Your laptop will be ready tomorrow by noon.", LATE_REPAIR, id="bare_understand"),
    pytest.param("It's not acceptable to skip the diagnostic. Your laptop will be ready tomorrow.", LATE_REPAIR,
                 id="policy_not_acceptable_to"),
    pytest.param("A manager is not available. Please hold.", MANAGER, id="refusal"),
    pytest.param("Refunds take 5 to 10 working days. Please wait.", REFUND_WAIT, id="no_status"),
    pytest.param("The portal is down for planned maintenance until 10am today.", PANIC, id="no_reassurance"),
    pytest.param("Your refund was approved this morning. Anything else?",
                 "Customer: This is RIDICULOUS, I've been chasing this refund for a MONTH!!", id="angry_not_a_wait"),
])
def test_these_drafts_still_go_straight_on(draft: str, context: str) -> None:
    assert "no_acknowledgment" in {f.category for f in check(draft, context).flags}


# One list of non-technical self-descriptions (non_technical.yaml v3): the coach's state and agent.jargon agree.
@pytest.mark.parametrize("context", [
    pytest.param("Customer: I'm 72 and my grandson set this up. I don't know what any of these words mean. The game "
                 "console won't go online.", id="b26_grandson"),
    pytest.param("Customer: Computers confuse me. The game console won't go online.", id="computers_confuse_me"),
    pytest.param("Customer: I don't really know computers. The game console won't go online.",
                 id="dont_really_know_computers"),
])
def test_jargon_to_a_non_technical_customer_is_a_problem(context: str) -> None:
    r = check("Please go to your router's admin panel at 192.168.1.1, enable UPnP and set a DHCP reservation for "
              "the console.", context)
    assert "non_technical" in r.context.customer
    assert any(f.category == "jargon" and f.severity == "problem" for f in r.flags)


def test_jargon_to_a_customer_who_gave_no_such_sign_stays_below_problem() -> None:
    r = check("Please go to your router's admin panel at 192.168.1.1, enable UPnP and set a DHCP reservation for "
              "the console.", "Customer: My son set up a minecraft server and the console won't go online.")
    assert "non_technical" not in r.context.customer
    assert not any(f.category == "jargon" and f.severity == "problem" for f in r.flags)
