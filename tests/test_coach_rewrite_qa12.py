"""The coach's rewrite on QA pass 12's drafts (``Rewrite problems, quoted``), each with made-up variants.

Like ``test_coach_rewrite_qa11.py``, the tests hand the rewriter its flags directly (category
+ the flagged words), so they pin what the rewrite does with a flag, not what the detectors
flag today. Each rule has the QA case, variants, and drafts where the behaviour before the
fix was already right and must stay.
"""

from __future__ import annotations

import pytest

from coach_rewrite_helpers import Flag, rewrite
from patiently.coach import rewrite as rw
from patiently.coach.rewrite_frame import Situation, acknowledgment, still_failing

FAILING = Situation(earlier_contact=True, failing=True, agent_before=True)
FIRST = Situation()
WORRIED = Situation(feeling="worried")


# --- b17: a reason or condition clause never stays without its main clause ------------------
@pytest.mark.parametrize(("draft", "flag", "where", "expected"), [
    ("Since the reset should have fixed it, I've marked this as resolved. Thanks for contacting us!",
     ("premature_closure", "marked this as resolved"), FAILING,
     "I'll keep the ticket open until you've confirmed it works. Thanks for contacting us!"),
    ("As the patch is installed, we have marked it as done.", ("premature_closure", "marked it as done"), FIRST,
     "I'll keep the ticket open until you've confirmed it works."),
    # a reason in front of a closing that a rule rewrites goes with the closing as well
    ("Because the update went through, I've closed the ticket.", ("premature_closure", "I've closed the ticket"),
     FAILING, "I'll keep this ticket open for now."),
    # a main clause with a clause left out of it stays (right before, must stay)
    ("Fine, whatever you say, I'll reset it.", ("unprofessional", "whatever you say"), FIRST, "Fine, I'll reset it."),
])
def test_qa12_b17_a_reason_clause_goes_with_its_main_clause(draft: str, flag: Flag, where: Situation,
                                                             expected: str) -> None:
    assert rewrite(draft, flag, where=where) == expected


# --- b22: a condition and its consequence go together ----------------------------------------
@pytest.mark.parametrize(("draft", "flag", "expected"), [
    ("If I don't hear back within the hour, I'll have to assume the issue is resolved and close your case.",
     "If I don't hear back within", "Take your time; I'll keep this case open until you're ready."),
    ("If we don't hear back within 2 days, we will consider it fixed and close the ticket.",
     "If we don't hear back within", "Take your time; I'll keep this ticket open until you're ready."),
    # the plain shape (right before, must stay)
    ("If I don't hear back within 24 hours, I'll close the chat.", "If I don't hear back within",
     "Take your time; I'll keep this chat open until you're ready."),
])
def test_qa12_b22_a_condition_never_leaves_an_unconditional_closure(draft: str, flag: str, expected: str) -> None:
    assert rewrite(draft, ("pressure", flag), where=FIRST) == expected


# --- b04: the request for the customer's answer stays, the rush goes --------------------------
@pytest.mark.parametrize(("draft", "flags", "expected"), [
    ("I need an answer from you right now or I'll close the ticket. I have other customers waiting.",
     [("pressure", "need an answer from you right now or I'll close"), ("premature_closure", "I'll close the ticket"),
      ("pressure", "I have other customers")],
     "When you're ready, please send me your answer, and I'll keep this ticket open."),
    ("We need your decision immediately.", [("pressure", "need your decision immediately")],
     "When you're ready, please send me your decision."),
    ("I need a reply right away.", [("pressure", "need a reply right away")],
     "When you're ready, please send me your reply."),
])
def test_qa12_b04_the_request_for_an_answer_survives_the_pressure(draft: str, flags: list[Flag],
                                                                  expected: str) -> None:
    assert rewrite(draft, *flags, where=FIRST) == expected


# --- b34: "take your time" never stands next to a deadline the rewrite keeps -----------------
@pytest.mark.parametrize(("draft", "expected"), [
    ("Hurry up and make a decision, the offer expires in 10 minutes and I can't hold it forever.",
     "Make a decision, the offer expires in 10 minutes."),
    ("Hurry up and pick one, the sale ends tonight.", "Pick one, the sale ends tonight."),
    ("Hurry up, the code expires in 30 seconds.", "The code expires in 30 seconds."),
    # no deadline: "take your time" stays (right before, must stay)
    ("Hurry up and restart it.", "Take your time and restart it."),
])
def test_qa12_b34_no_take_your_time_beside_a_kept_deadline(draft: str, expected: str) -> None:
    assert rewrite(draft, ("pressure", "Hurry up"), where=FIRST) == expected


# --- b36: a success claim goes when the customer says it still fails -------------------------
@pytest.mark.parametrize("text", ["Nothing has changed.", "Still the same error. Nothing changed.",
                                  "no change at all", "It's the same as before."])
def test_qa12_b36_no_change_counts_as_still_failing(text: str) -> None:
    assert still_failing(text)


def test_qa12_b36_a_change_is_not_still_failing() -> None:
    assert not still_failing("It changed colour and works now, thanks!")


@pytest.mark.parametrize(("draft", "where", "expected"), [
    ("This should work now. Closing the ticket.", FAILING, "I'll keep this ticket open for now."),
    ("It should work now! Closing the ticket.", FAILING, "I'll keep this ticket open for now."),
    # no failure reported: the claim stays and the rewrite asks (right before, must stay)
    ("That should work now! Closing the ticket.", FIRST,
     "That should work now! I'll keep this ticket open for now. "
     "Could you try it and let me know whether it works for you?"),
])
def test_qa12_b36_should_work_now_goes_after_a_failure(draft: str, where: Situation, expected: str) -> None:
    assert rewrite(draft, ("premature_closure", "Closing the ticket"), where=where) == expected


# --- b18: a quote never ends on a count without its noun -------------------------------------
@pytest.mark.parametrize(("given", "expected"), [
    ("I restarted the modem three", "I restarted the modem"),
    ("I tried it twice", "I tried it twice"),  # "twice" needs no noun: it is kept (QA18 b40)
    ("I rebooted it a few", "I rebooted it"),
    # a whole count and an identifier stay (right before, must stay)
    ("I restarted the modem three times", "I restarted the modem three times"),
    ("order 88213", "order 88213"),
])
def test_qa12_b18_a_quote_never_ends_on_a_bare_count(given: str, expected: str) -> None:
    assert rw.quotable(given) == expected


# --- b14, b30: a learned flag's sentence takes the category's own rules ----------------------
@pytest.mark.parametrize(("draft", "flag", "expected"), [
    ("Thank you for reaching out! Unfortunately this falls outside the scope of what we support, so we won't be "
     "able to assist further. Have a great day!",
     ("dismissive", "Unfortunately this falls outside the scope of what we support, so we won't be able to "
      "assist further."),
     "Thank you for reaching out! Unfortunately this isn't something we usually cover, but here's what I can do: "
     "[next step]. Have a great day!"),
    ("We won't be able to help you any further.", ("dismissive", "We won't be able to help you any further."),
     "Here's what I can do: [next step]."),
    ("Click the link in the email. I told you this before.", ("impatient_repeat", "I told you this before."),
     "Click the link in the email."),
    # a learned guess with a fact and no rule keeps its sentence (right before, must stay)
    ("You can't use a charger from another brand. That's why it broke.", ("unprofessional", "That's why it broke."),
     "You can't use a charger from another brand. That's why it broke."),
])
def test_qa12_b14_b30_learned_flags_use_the_category_rules(draft: str, flag: Flag, expected: str) -> None:
    assert rewrite(draft, flag, where=FIRST, learned=True) == expected


def test_qa12_b30_the_jab_goes_beside_the_rule_based_repeat() -> None:
    draft = "AGAIN: click the link in the email. I've told you this already."
    got = rewrite(draft, ("impatient_repeat", "AGAIN:"), where=FIRST)
    assert got == "Let me go through it: click the link in the email."


# --- b10, b12, b13, g34: the opener fits the customer's situation ---------------------------
@pytest.mark.parametrize(("where", "expected"), [
    (WORRIED, "I'm sorry you're dealing with this. Please reset your device."),
    # a delay or no context: "held you up" stays (right before, must stay)
    (FIRST, "I'm sorry this has held you up. Please reset your device."),
    (None, "I'm sorry this has held you up. Please reset your device."),
])
def test_qa12_b10_the_stock_apology_takes_the_situation_words(where: Situation | None, expected: str) -> None:
    draft = "We apologize for any inconvenience this may have caused. Please reset your device."
    assert rewrite(draft, ("scripted_empathy", "We apologize for any inconvenience"), where=where) == expected


@pytest.mark.parametrize(("states", "where", "expected"), [
    (("non_technical",), FIRST, "Don't worry, we'll take it one step at a time."),
    ((), FIRST, "I'm sorry this is causing you trouble."),
    ((), WORRIED, "I'm sorry you're dealing with this, and I can understand how worrying it is."),
    # a frustrated customer keeps the frustrated opener (right before, must stay)
    (("frustrated", "non_technical"), FIRST,
     "I'm sorry this is causing you trouble, and I can see how frustrating it is."),
])
def test_qa12_b12_g34_a_calm_customer_is_not_called_frustrated(states: tuple[str, ...], where: Situation,
                                                               expected: str) -> None:
    assert acknowledgment(list(states), where) == expected
