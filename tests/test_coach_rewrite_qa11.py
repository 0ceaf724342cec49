"""The coach's rewrite on QA pass 11's drafts (``Rewrite problems``), each with made-up variants.

Like ``test_coach_rewrite_qa10.py``, the tests hand the rewriter its flags directly (category
+ the flagged words), so they pin what the rewrite does with a flag, not what the detectors
flag today. Each rule has the QA case, variants, and drafts where the behaviour before the
fix was already right and must stay.
"""

from __future__ import annotations

import pytest

from coach_rewrite_helpers import Flag, rewrite, suggestions
from patiently.coach import rewrite as rw
from patiently.coach.rewrite_frame import Situation, acknowledgment, feeling, situation, still_failing
from patiently.model import Message

FAILING = Situation(earlier_contact=True, failing=True, agent_before=True)
FIRST = Situation()


# --- b25: "I'll go ahead and close the ticket": the lead-in belongs to the closing clause ------
@pytest.mark.parametrize(("draft", "closure", "expected"), [
    ("I'll go ahead and close the ticket. Have a good one!", "close the ticket",
     "I'll keep this ticket open for now. Have a good one!"),
    ("We're going ahead and closing this case now.", "closing this case", "I'll keep this case open for now."),
    ("Let me go ahead and close this ticket.", "close this ticket", "I'll keep this ticket open for now."),
    # right before: a plain closing
    ("I'm closing the ticket.", "closing the ticket", "I'll keep this ticket open for now."),
])
def test_qa11_b25_go_ahead_and_goes_with_the_closing(draft: str, closure: str, expected: str) -> None:
    assert rewrite(draft, ("premature_closure", closure), where=FAILING) == expected


# --- b20: "Since I haven't heard back," is the reason for a closing and goes with it ---------
@pytest.mark.parametrize(("draft", "closure", "expected"), [
    ("Since I haven't heard back, I'm closing this ticket.", "I'm closing this ticket",
     "I'll keep this ticket open for now."),
    ("As we have not received a reply from you, we will close this case.", "we will close this case",
     "I'll keep this case open for now."),
    ("Because I didn't hear back from you, I'm closing the ticket now.", "closing the ticket",
     "I'll keep this ticket open for now."),
])
def test_qa11_b20_no_reply_reason_goes_with_the_closing(draft: str, closure: str, expected: str) -> None:
    got = rewrite(draft, ("premature_closure", closure), where=FAILING)
    assert got == expected and ";" not in got


def test_qa11_b20_a_two_clause_closing_keeps_its_first_clause() -> None:
    # the comma rule for two main clauses stays: "That should fix it; I'll keep ..."
    got = rewrite("I reset your password, closing the ticket.", ("premature_closure", "closing the ticket"))
    assert got.startswith("I reset your password; I'll keep this ticket open for now.")


# --- b40: "This should be fixed now." after "it's still down" -------------------------------
@pytest.mark.parametrize("last", [
    "The lab results system is still down on our ward.",
    "The site is still offline.",
    "Email is still unavailable for the whole team.",
])
def test_qa11_b40_still_down_is_still_failing(last: str) -> None:
    assert still_failing(last)


@pytest.mark.parametrize("last", ["Is it still possible to use the old app?",
                                  "The server went down yesterday, fixed now."])
def test_qa11_b40_a_bare_still_or_down_is_not_failing(last: str) -> None:
    assert not still_failing(last)


@pytest.mark.parametrize(("draft", "expected"), [
    ("This should be fixed now. Closing the ticket.", "I'll keep this ticket open for now."),
    ("It should be working again. Closing the ticket.", "I'll keep this ticket open for now."),
    # a claim inside a sentence that also reports work stays: the work is a fact; and the work is a new fix,
    # so the customer is asked to try it (QA18 b17)
    ("I reset the server, so this should be fixed now. Closing the ticket.",
     "I reset the server, so this should be fixed now. I'll keep this ticket open for now. "
     "Could you try it and let me know whether it works for you?"),
])
def test_qa11_b40_a_success_claim_goes_when_the_customer_says_it_still_fails(draft: str, expected: str) -> None:
    assert rewrite(draft, ("premature_closure", "Closing the ticket"), where=FAILING) == expected


def test_qa11_b40_the_claim_stays_when_nothing_failed() -> None:
    got = rewrite("This should be fixed now. Closing the ticket.", ("premature_closure", "Closing the ticket"))
    assert got.startswith("This should be fixed now. I'll keep this ticket open for now.")


# --- b37: a quote the detector cut after "and" ends before it ---------------------------------
@pytest.mark.parametrize(("given", "expected"), [
    ("I already restarted the router and", "I already restarted the router"),
    ("I tried with", "I tried"),
    ("I cleared the cache, and", "I cleared the cache"),
    # a whole phrase and a quoted error stay as they are
    ("I already restarted the router and the modem", "I already restarted the router and the modem"),
    ('it says "0x8007"', "0x8007"),
])
def test_qa11_b37_a_quote_never_ends_on_a_joining_word(given: str, expected: str) -> None:
    assert rw.quotable(given) == expected


# --- b36, g30: the acknowledgment fits the customer's state -----------------------------------
def _where(last: str, agent_before: bool = False) -> Situation:
    msgs = ([Message("m0", "agent", "Please try restarting it.")] if agent_before else [])
    return situation([*msgs, Message("m1", "customer", last)], ["frustrated"])


@pytest.mark.parametrize(("last", "word"), [
    ("I'm so worried, my bank card was charged three times and I have no money left for groceries.", "worrying"),
    ("I'm scared I've lost all my thesis files.", "worrying"),
    ("quick question, what's the wifi password? meeting starts in 2 min", "short on time"),
    ("I need this urgently, the client call is at 3.", "short on time"),
    # frustrated stays frustrated
    ("This is ridiculous, it has crashed five times today!", "frustrating"),
])
def test_qa11_b36_the_opener_names_the_customers_state(last: str, word: str) -> None:
    assert word in acknowledgment(["frustrated"], _where(last))


def test_qa11_b36_a_worried_customer_after_an_earlier_contact_gets_still() -> None:
    assert "still" in acknowledgment(["frustrated"], _where("I'm really worried it will happen again.", True))


@pytest.mark.parametrize("last", ["yes, right now", "It's been slow for a week.", "Thanks, that worked."])
def test_qa11_b36_no_feeling_in_a_plain_message(last: str) -> None:
    assert feeling(last) == ""


def test_qa11_b36_the_opener_in_the_rewrite() -> None:
    draft = "Please send a screenshot of your statement showing the charges."
    got = rewrite(draft, ("no_acknowledgment", draft), states=("frustrated",),
                  where=_where("I'm so worried, my card was charged three times."))
    # the worried opener, naming the charges since round 24 (ack_topics)
    assert got.startswith("I'm sorry about the extra charges; I can understand how worrying that is.")
    assert "frustrating" not in got


# --- b05: one "let me go through it again" per rewrite ----------------------------------------
@pytest.mark.parametrize(("draft", "flags", "expected"), [
    ("As I already told you, it's on the back. Read my previous message.",
     [("impatient_repeat", "As I already told you"), ("impatient_repeat", "Read my previous message")],
     "Let me go through it again: it's on the back."),
    ("As I said, click Save. Please re-read my last message.",
     [("impatient_repeat", "As I said"), ("impatient_repeat", "Please re-read my last message")],
     "Let me go through it again: click Save."),
    # one lead-in alone stays, placeholder and all
    ("Read my previous message.", [("impatient_repeat", "Read my previous message")],
     "Here it is again in full: [the answer, step by step]."),
])
def test_qa11_b05_one_repeat_lead_in_per_rewrite(draft: str, flags: list[Flag], expected: str) -> None:
    assert rewrite(draft, *flags, where=Situation(agent_before=True)) == expected


# --- b07: an empty refusal goes; the concrete one keeps its fact and gets the offer -----------
@pytest.mark.parametrize(("draft", "flags", "expected"), [
    ("We can't do anything about that. That's not possible and there's no way to recover it.",
     [("negative_phrasing", "We can't do"), ("negative_phrasing", "not possible"),
      ("negative_phrasing", "there's no way")],
     "We're not able to recover it, but what we can do is [what you can offer]."),
    ("There's no way to undo a sent message.", [("negative_phrasing", "There's no way")],
     "We're not able to undo a sent message, but what we can do is [what you can offer]."),
    # alone, "We can't do anything about that" keeps its one rewrite
    ("We can't do anything about that.", [("negative_phrasing", "We can't do")],
     "We're not able to do anything about that, but what we can do is [what you can offer]."),
])
def test_qa11_b07_the_concrete_refusal_keeps_its_fact(draft: str, flags: list[Flag], expected: str) -> None:
    assert rewrite(draft, *flags) == expected


# --- b29, b22: a learned flag never puts a placeholder where the draft had content ------------
@pytest.mark.parametrize(("draft", "category", "expected"), [
    ("As is clearly stated in our FAQ, which I'd encourage you to actually read, the refund window is 14 days.",
     "impatient_repeat", "As set out in our FAQ, the refund window is 14 days."),
    ("As is clearly stated in our FAQ, which I'd encourage you to actually read, the refund window is 14 days.",
     "condescending", "As set out in our FAQ, the refund window is 14 days."),
    ("As stated in our terms, which I'd suggest you actually read, returns close after 30 days.",
     "impatient_repeat", "As set out in our terms, returns close after 30 days."),
])
def test_qa11_b29_a_cited_fact_stays_and_the_jab_goes(draft: str, category: str, expected: str) -> None:
    assert rewrite(draft, (category, draft), learned=True) == expected


@pytest.mark.parametrize(("draft", "expected"), [
    ("It appears the files were deleted by the user. The settings were changed incorrectly on your end.",
     "It appears the files were deleted. The settings were changed."),
    ("The profile was removed by you.", "The profile was removed."),
    ("The cable was connected wrongly.", "The cable was connected."),
])
def test_qa11_b22_a_passive_blame_keeps_the_fact(draft: str, expected: str) -> None:
    flags = [("blame", s.strip()) for s in draft.split(". ") if s]
    flags = [(c, w if w.endswith(".") else w + ".") for c, w in flags]
    assert rewrite(draft, *flags, learned=True) == expected


def test_qa11_b29_a_learned_flag_with_no_rule_leaves_its_sentence() -> None:
    # no rule, no lead-in to an answer: the sentence stays; its suggestion gives the advice
    draft = "Your router is quite old. The refund window is 14 days."
    assert rewrite(draft, ("condescending", "Your router is quite old."), learned=True) == draft


def test_qa11_b29_a_learned_repeat_before_an_answer_still_becomes_a_lead_in() -> None:
    draft = "Kindly note this is the last time I am explaining. Press Reset."
    got = rewrite(draft, ("impatient_repeat", "Kindly note this is the last time I am explaining."),
                  where=Situation(), learned=True)
    assert got == "Let me go through it: Press Reset."


# --- b13: a tip that still says "you didn't follow what I sent" -------------------------------
@pytest.mark.parametrize(("draft", "expected"), [
    ("If you had followed the instructions I sent you, this wouldn't have happened.",
     "Let's go through the instructions I sent you together, so this doesn't happen again."),
    ("If you'd read the guide we emailed you, none of this would have happened.",
     "Let's go through the guide we emailed you together, so this doesn't happen again."),
    # a tip about the customer's own step stays a tip
    ("If you had saved the file, this wouldn't have happened.", "Next time, it helps to save the file."),
])
def test_qa11_b13_the_agents_instructions_are_gone_through_together(draft: str, expected: str) -> None:
    assert rewrite(draft, ("blame", draft[:draft.index(" ", 10)])) == expected


# --- b17, b09: a garbled remainder --------------------------------------------------------------
def test_qa11_b17_a_count_of_asks_and_its_jabs_go() -> None:
    draft = "Seriously? This is the third time today. Stop spamming the helpdesk."
    got = rewrite(draft, ("impatient_repeat", "This is the third time today."), learned=True)
    assert "Let me go through it:" not in got and "Seriously" not in got and "spamming" not in got


def test_qa11_b17_a_count_before_an_answer_keeps_the_answer() -> None:
    draft = "This is the third time today. Open Settings and tap Reset."
    assert rewrite(draft, ("impatient_repeat", "This is the third time today.")) == "Open Settings and tap Reset."


@pytest.mark.parametrize(("draft", "flags", "expected"), [
    ("lol dude chill, it's just a printer. wtf do you want me to do",
     [("unprofessional", "lol"), ("dismissive", "it's just a printer"), ("unprofessional", "wtf")],
     "I understand this is frustrating. Tell me what you need, and I'll help."),
    ("wtf do you want me to do about it?", [("unprofessional", "wtf")], "Tell me what you need, and I'll help."),
    # a swear on its own still just goes
    ("lol, I'll reset it now.", [("unprofessional", "lol")], "I'll reset it now."),
])
def test_qa11_b09_a_swear_that_is_the_question_gets_a_whole_sentence(draft: str, flags: list[Flag],
                                                                       expected: str) -> None:
    assert rewrite(draft, *flags) == expected


def test_qa11_b09_the_suggestion_is_a_sentence() -> None:
    draft = "lol dude chill, it's just a printer. wtf do you want me to do"
    got = suggestions(draft, ("unprofessional", "wtf"))
    assert got[0].endswith("Tell me what you need, and I'll help.") and "Do you want" not in got[0]
