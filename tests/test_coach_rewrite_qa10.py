"""The coach's rewrite on QA pass 10's drafts (``Rewrite quotes``), each with made-up variants.

Like ``test_coach_rewrite_qa8.py``, the tests hand the rewriter its flags directly (category
+ the flagged words), so they pin what the rewrite does with a flag, not what the detectors
flag today. Each rule has the QA case, variants, and drafts where the behaviour before the
fix was already right and must stay.
"""

from __future__ import annotations

import pytest

from coach_rewrite_helpers import Flag, rewrite, suggestions
from patiently.coach.rewrite_frame import Situation, situation, still_failing
from patiently.model import Message

FAILING = Situation(earlier_contact=True, failing=True, agent_before=True)
AGAIN = Situation(earlier_contact=True, agent_before=True)


# --- b10: the reason for a closure ("Since the issue is resolved,") goes with the closure ----
@pytest.mark.parametrize(("draft", "closure", "expected"), [
    ("Since the issue is resolved, I'll close this ticket now.", "I'll close this ticket",
     "I'll keep this ticket open for now."),
    ("Now that the problem has been fixed, I'm closing the case.", "I'm closing the case",
     "I'll keep this case open for now."),
    ("As your issue is resolved, we will close this ticket.", "we will close this ticket",
     "I'll keep this ticket open for now."),
])
def test_qa10_b10_a_success_clause_goes_with_the_closure(draft: str, closure: str, expected: str) -> None:
    assert rewrite(draft, ("premature_closure", closure), where=FAILING) == expected


def test_qa10_b10_a_claim_keeps_no_stray_determiner() -> None:
    # "the issue is resolved" inside a longer clause is softened whole, never "the this should fix it"
    draft = "I think the issue is resolved and I'm closing this ticket."
    got = rewrite(draft, ("premature_closure", "closing this ticket"))
    assert "the this" not in got and "this should fix it" in got


# --- b14: the subject of "works fine for everyone else" belongs to the replaced slot ---------
@pytest.mark.parametrize(("draft", "words", "expected"), [
    ("The software works fine for everyone else.", "works fine for everyone else",
     "The software is working for others, so let's find out what's different on your side."),
    ("Our new portal works for everybody else.", "works for everybody else",
     "Our new portal is working for others, so let's find out what's different on your side."),
    ("The app works fine for me.", "works fine for me",
     "The app works on my side, so let's find out what's different on yours."),
    # right before, must stay: a pronoun subject, and no subject at all
    ("It works fine for everyone else.", "works fine for everyone else",
     "It's working for others, so let's find out what's different on your side."),
    ("Works fine for me.", "Works fine for me", "It works on my side, so let's find out what's different on yours."),
])
def test_qa10_b14_works_for_others_keeps_its_subject(draft: str, words: str, expected: str) -> None:
    assert rewrite(draft, ("dismissive", words)) == expected


@pytest.mark.parametrize("draft", ["This is clearly user error.", "That's obviously user error.",
                                   "This is user error."])
def test_qa10_b14_user_error_with_an_adverb_is_one_slot(draft: str) -> None:
    assert rewrite(draft, ("blame", "user error")) == "This one is easy to run into."


# --- b26: "in my previous three emails" belongs to the repeat lead-in ------------------------
@pytest.mark.parametrize(("draft", "words", "expected"), [
    ("As mentioned in my previous three emails, the update must be installed manually.", "As mentioned",
     "Let me go through it again: the update must be installed manually."),
    ("As I said in my last message, the refund takes five days.", "As I said",
     "Let me go through it again: the refund takes five days."),
    ("As explained in our earlier emails, you need to sign in with your work account and then open Teams.",
     "As explained", "Let me go through it again, more fully: you need to sign in with your work account "
                     "and then open Teams."),
    # a document is not an earlier answer: right before, must stay
    ("As stated in our refund policy, shipping is not refunded.", "As stated",
     "As set out in our refund policy, shipping is not refunded."),
])
def test_qa10_b26_the_pointer_goes_with_the_repeat(draft: str, words: str, expected: str) -> None:
    assert rewrite(draft, ("impatient_repeat", words), where=AGAIN) == expected


# --- b01/b37: "more fully" / "step by step" only before an answer with more than one step --
@pytest.mark.parametrize(("draft", "expected"), [
    ("As I already said, restart the router.", "Let me go through it again: restart the router."),
    ("As I said before, the code is on the back.", "Let me go through it again: the code is on the back."),
    # more than one step: the lead-in keeps its promise (right before, must stay)
    ("As I already said, open Settings and tap Accounts.",
     "Let me go through it again, more fully: open Settings and tap Accounts."),
    ("As I already said, restart the router. Then sign in again.",
     "Let me go through it again, more fully: restart the router. Then sign in again."),
])
def test_qa10_b01_in_full_only_before_more_than_one_step(draft: str, expected: str) -> None:
    assert rewrite(draft, ("impatient_repeat", draft.split(",")[0]), where=AGAIN) == expected


def test_qa10_b37_a_first_answer_says_neither_again_nor_step_by_step_for_one_step() -> None:
    draft = "Kindly note this is the last time I am explaining. Press Reset."
    got = rewrite(draft, ("impatient_repeat", "Kindly note this is the last time I am explaining."),
                  where=Situation(), learned=True)
    assert got == "Let me go through it: Press Reset."


# --- b33: a hedge that opens the sentence goes with the jab after it ------------------------
@pytest.mark.parametrize(("draft", "flag", "expected"), [
    ("With all due respect, if you had followed the instructions, this wouldn't have happened.",
     ("blame", "if you had followed"), "Next time, it helps to follow the instructions."),
    ("No offense, but you should have saved the file.", ("blame", "you should have saved"),
     "Next time, it helps to save the file."),
    ("Honestly, whatever you say.", ("unprofessional", "whatever you say"), "[Your answer, in plain words.]"),
    # a hedge that is not at the front of the jab's sentence stays (right before, must stay)
    ("I'll be honest with you: the order left today. You should have saved the file.",
     ("blame", "You should have saved"),
     "I'll be honest with you: the order left today. Next time, it helps to save the file."),
])
def test_qa10_b33_a_hedge_goes_with_its_jab(draft: str, flag: Flag, expected: str) -> None:
    assert rewrite(draft, flag) == expected


# --- b30: a closure the customer contradicted goes, and no "Could you try it?" ---------------
@pytest.mark.parametrize("said", [
    "The reset helped for an hour but now the printer is offline again.",
    "It worked for a day, but the app is crashing again.",
    "Thanks, but the VPN is down again.",
])
def test_qa10_b30_the_customer_says_it_fails_again(said: str) -> None:
    assert still_failing(said)
    where = situation([Message("a1", "agent", "Please reset the printer."), Message("c1", "customer", said)], [])
    draft = "Great, glad that's sorted! I'll go ahead and mark this as resolved."
    assert rewrite(draft, ("premature_closure", "glad that's sorted"), where=where) == \
        "I'll keep this ticket open for now."
    assert suggestions(draft, ("premature_closure", "glad that's sorted"), where=where) == \
        ["I'll keep this ticket open for now."]


def test_qa10_b30_without_a_failure_the_closure_is_softened_and_checked() -> None:
    # right before, must stay: no word from the customer yet, so "should" and the question
    draft = "Please restart the app. Great, glad that's sorted! I'll go ahead and mark this as resolved."
    got = rewrite(draft, ("premature_closure", "glad that's sorted"), where=Situation())
    assert got == ("Please restart the app. Great, glad that should sort it! I'll keep this ticket open for now. "
                   "Could you try it and let me know whether it works for you?")


@pytest.mark.parametrize("said", ["I'm going offline now, thanks!", "It worked, thanks again!",
                                  "Can I still use the old app?"])
def test_qa10_b30_no_failure_read_into_ordinary_words(said: str) -> None:
    assert not still_failing(said)


# --- b22: one placeholder for the agent's offer per rewrite ---------------------------------
def test_qa10_b22_a_second_refusal_with_its_own_placeholder_goes() -> None:
    draft = "It's not possible. We don't do that."
    assert rewrite(draft, ("negative_phrasing", "not possible"), ("negative_phrasing", "We don't do that")) == \
        "That isn't something we support, but [alternative] works and I can help you set it up."


@pytest.mark.parametrize(("draft", "flags", "expected"), [
    ("I can't do that. That's not supported.", [("negative_phrasing", "I can't do that"),
                                                ("negative_phrasing", "That's not supported")],
     "I'm not able to do that myself, but what I can do is [what you can offer]."),
    # the second refusal says more than the refusal: it stays (right before, must stay); the offer is
    # asked for once, after the last refusal (QA17 b07)
    ("It's not possible. We don't support transfers between accounts.",
     [("negative_phrasing", "not possible"), ("negative_phrasing", "We don't support transfers")],
     "That isn't something we support. "
     # a plural takes "aren't", and the draft's own verb stays (QA18 b15)
     "Transfers between accounts aren't something we support, but [alternative] is."),
])
def test_qa10_b22_variants(draft: str, flags: list[Flag], expected: str) -> None:
    assert rewrite(draft, *flags) == expected


# --- b25: a tone model's guess never deletes a sentence; "Everyone knows" leaves its fact ----
def test_qa10_b25_a_learned_flag_keeps_its_sentence() -> None:
    draft = "You can't use a charger from another brand. That's why it broke."
    assert rewrite(draft, ("unprofessional", "That's why it broke."), learned=True) == draft
    assert suggestions(draft, ("unprofessional", "That's why it broke."), learned=True) == \
        ["Keep it neutral and kind: [the same point, plainly]."]
    # a rule-based flag on the same words still leaves the sentence out (right before, must stay)
    assert rewrite(draft, ("unprofessional", "That's why it broke.")) == "You can't use a charger from another brand."


@pytest.mark.parametrize(("draft", "words", "expected"), [
    ("Everyone knows you can't use a USB-C charger from another brand. That's why it broke.", "Everyone knows",
     "You can't use a USB-C charger from another brand. That's why it broke."),
    ("Everybody knows that the warranty doesn't cover water damage.", "Everybody knows that",
     "The warranty doesn't cover water damage."),
    ("As everyone knows, the app needs Wi-Fi.", "As everyone knows", "The app needs Wi-Fi."),
])
def test_qa10_b25_everyone_knows_keeps_the_fact(draft: str, words: str, expected: str) -> None:
    assert rewrite(draft, ("condescending", words)) == expected


# --- b03: the library's own "it's basic" jab goes anywhere in a draft flagged condescending -
@pytest.mark.parametrize(("draft", "words", "expected"), [
    ("Obviously you need to plug the printer in first. It's pretty basic.", "Obviously",
     "You need to plug the printer in first."),
    ("Clearly the cable is loose. This is really basic stuff.", "Clearly", "The cable is loose."),
])
def test_qa10_b03_a_basic_jab_beside_a_flag_goes(draft: str, words: str, expected: str) -> None:
    assert rewrite(draft, ("condescending", words)) == expected


def test_qa10_b03_it_stays_in_a_draft_with_no_condescending_flag() -> None:
    # right before, must stay: the rule fires only where the draft has a flag of its category
    draft = "Please restart the router ASAP. It's pretty basic, it only takes a minute."
    assert rewrite(draft, ("pressure", "ASAP")) == \
        "Please restart the router when you can. It's pretty basic, it only takes a minute."
