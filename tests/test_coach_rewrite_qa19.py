"""Rewrite rules from QA pass 19 (rewrite library v6): each case and made-up variants. The rewriter is
handed its flags directly (:mod:`coach_rewrite_helpers`), so the tests pin what the rewrite does with a
flag, not what the detectors flag today; a few go through ``check()`` end to end."""

from __future__ import annotations

import pytest

from coach_rewrite_helpers import rewrite, suggestions
from patiently.coach import check
from patiently.coach import rewrite as rw
from patiently.coach.rewrite_frame import Situation, situation
from patiently.model import Message

AGENT_BEFORE = Situation(earlier_contact=True, agent_before=True)


def _msgs(*turns: tuple[str, str]) -> list[Message]:
    return [Message(id=str(k), role=role, text=text) for k, (role, text) in enumerate(turns)]  # type: ignore[arg-type]


# --- (1) self-contradiction, broken sentences ---------------------------------------------------
@pytest.mark.parametrize(("draft", "flag", "expected"), [
    # b25: "Can you take your time, I've got a queue of people waiting." said both things at once
    ("Can you hurry up please, I've got a queue of people waiting.", "hurry up", "Take your time."),
    ("Could you please hurry up, I've got other customers waiting.", "hurry up", "Take your time."),
    ("Please be quick, I have a line of people waiting.", "be quick", "Take your time."),
])
def test_b25_a_demand_and_its_queue_go_together(draft: str, flag: str, expected: str) -> None:
    assert rewrite(draft, ("pressure", flag)) == expected


def test_g01_an_aside_between_subject_and_verb_takes_both_commas() -> None:
    draft = "Being locked out three times in one week, with payroll waiting on you, is maddening. I've unlocked it."
    assert rewrite(draft, ("pressure", "waiting on you")) == (
        "Being locked out three times in one week is maddening. I've unlocked it.")
    # a clause that is no aside keeps the comma before what follows (right before, must stay)
    draft = "Fine, whatever you say, I'll reset it now."
    assert rewrite(draft, ("dismissive", "whatever you say")) == "Fine, I'll reset it now."


@pytest.mark.parametrize(("draft", "pointer"), [
    # b01: "a minute ago" was left behind ("Let me go through it again, more fully: a minute ago, ...")
    ("As I mentioned a minute ago, it's Billing > Invoices. It's in the left menu, where it has always been.",
     "As I mentioned"),
    ("Like I said 5 minutes ago, it's Billing > Invoices. It's in the left menu, where it's always been.",
     "Like I said"),
    ("As I explained just now, it's Billing > Invoices. It's in the left menu, right where it has always been.",
     "As I explained"),
])
def test_b01_a_time_ago_goes_with_the_pointer_and_the_jab_goes(draft: str, pointer: str) -> None:
    got = rewrite(draft, ("impatient_repeat", pointer), where=AGENT_BEFORE)
    assert got == "Let me go through it again: it's Billing > Invoices. It's in the left menu."


@pytest.mark.parametrize(("draft", "expected"), [
    # b30: "more fully: receipt and item" promised more than it gave; "That's it." was curt
    ("Yes. Like I said, receipt and item. That's it.",
     "Yes. Let me go through it again: receipt and item. That's all you need."),
    # two steps keep "more fully" (right before, must stay)
    ("Like I said, open Settings and tap Accounts.", "Let me go through it again, more fully: open Settings and tap "
                                                    "Accounts."),
    # a list of three is steps (QA8 b28)
    ("Like I said, Settings, Accounts, Sign out.", "Let me go through it again, more fully: Settings, Accounts, Sign "
                                                  "out."),
])
def test_b30_more_fully_only_before_more_than_one_step(draft: str, expected: str) -> None:
    assert rewrite(draft, ("impatient_repeat", "Like I said,"), where=AGENT_BEFORE) == expected


@pytest.mark.parametrize(("draft", "expected"), [
    # b37: "Also" had nothing before it once the question became a thank-you
    ("Have you tried restarting it? Also try unplugging any docking station.",
     "Thanks for letting me know you've already restarted it. Try unplugging any docking station."),
    ("Have you tried restarting it? And also, check the cable.",
     "Thanks for letting me know you've already restarted it. Check the cable."),
])
def test_b37_also_goes_with_the_question(draft: str, expected: str) -> None:
    fds = [rw.FlagDraft("redundant_question", [(0, draft.index("?") + 1)],
                        {"given_text": "I've already restarted it"})]
    assert rw.rewrite_draft(draft, fds, [], False, rw.plan(draft, fds)) == expected


# --- (2) no apology bolted onto a brush-off ---------------------------------------------------------
@pytest.mark.parametrize(("draft", "expected_tail"), [
    # b28: an apology in front of the same FAQ brush-off, and "Have a great day!" kept
    ("I'd kindly suggest you try our FAQ page, which covers most questions like this one. Have a great day!",
     "Our FAQ page covers this; here are the steps: [the steps, or a link to them]."),
    ("Please check our help centre. Have a nice day!",
     "Our help centre covers this; here are the steps: [the steps, or a link to them]."),
])
def test_b28_a_self_service_pointer_behind_an_apology_asks_for_the_steps(draft: str, expected_tail: str) -> None:
    got = rewrite(draft, ("no_acknowledgment", draft.split(".")[0] + "."), states=("frustrated",))
    assert got.startswith("I'm sorry") and got.endswith(expected_tail), got
    assert "great day" not in got and "nice day" not in got


def test_b28_a_farewell_after_a_fix_stays() -> None:
    draft = "I've reset your voicemail PIN to 1234. Have a great day!"
    got = rewrite(draft, ("no_acknowledgment", "I've reset your voicemail PIN to 1234."), states=("frustrated",))
    assert got.endswith("Have a great day!")


@pytest.mark.parametrize("draft", [
    # b21: "I'm so sorry for your loss and apologize for any inconvenience."
    "We understand your frustration and apologize for any inconvenience. The account holder must call us.",
    "I understand your frustration and we apologise for the inconvenience caused. The account holder must call us.",
])
def test_b21_one_condolence_and_no_stock_apology(draft: str) -> None:
    where = Situation(feeling="grieving")
    got = rewrite(draft, ("scripted_empathy", draft.split(" and")[0]), where=where, states=("frustrated",))
    assert got == "I'm so sorry for your loss. The account holder must call us."


def test_b21_the_stock_apology_tail_is_a_plain_apology_elsewhere() -> None:
    draft = "We understand your frustration and apologize for any inconvenience. Please reinstall the app."
    assert rewrite(draft, ("scripted_empathy", "We understand your frustration")) == (
        "I can see why this is frustrating and I'm sorry this has held you up. Please reinstall the app.")


# --- (3) an opener that fits the customer -----------------------------------------------------------
@pytest.mark.parametrize(("turns", "expected"), [
    # b39: "I don't see Security under Profile, sorry." is no frustrated customer
    ((("customer", "How do I enable 2FA?"), ("agent", "Profile > Security."),
      ("customer", "I don't see Security under Profile, sorry.")), True),
    # b12: the sorry was the turn before, and they now ask again, please
    ((("customer", "what's the wifi password?"), ("agent", "Falcon2024."), ("customer", "sorry, what was it?"),
      ("agent", "Falcon2024."), ("customer", "one more time please, i lost the note")), True),
    # an apology the agent already answered is none (golden ex-021)
    ((("customer", "thanks. sorry for the caps"), ("agent", "No need to apologise at all.")), False),
    # "sorry, but" is a complaint, "??" is no calm customer (right before, must stay)
    ((("customer", "Sorry, but this is the third time it's crashed"),), False),
    ((("customer", "Yes sorry."), ("agent", "Go to the portal."), ("customer", "What portal?? This is ridiculous.")),
     False),
])
def test_b12_b39_an_apologising_customer(turns: tuple[tuple[str, str], ...], expected: bool) -> None:
    assert situation(_msgs(*turns), ["frustrated"]).apologised is expected


def test_b12_no_problem_at_all_and_no_write_it_down() -> None:
    where = Situation(earlier_contact=True, agent_before=True, apologised=True)
    draft = "For the third time: Falcon2024. Please write it down this time."
    got = rewrite(draft, ("impatient_repeat", "For the third time"), ("no_acknowledgment", "For the third time:"),
                  where=where, states=("frustrated",))
    assert got == "No problem at all. Falcon2024."


def test_b40_a_cut_stock_apology_leaves_the_opener_for_an_upset_customer() -> None:
    draft = "Sorry to hear that. I've sent you the password reset guide."
    where = Situation(earlier_contact=True, feeling="worried")
    got = rewrite(draft, ("scripted_empathy", "Sorry to hear that"), where=where, states=("frustrated",))
    assert got == ("I'm sorry this is still going on, and I can understand how worrying it is. "
                   "I've sent you the password reset guide.")
    assert suggestions(draft, ("scripted_empathy", "Sorry to hear that"), where=where)[0] == (
        "I'm sorry this is still going on, and I can understand how worrying it is.")
    # a calm customer: the stock line just goes (right before, must stay)
    assert rewrite(draft, ("scripted_empathy", "Sorry to hear that")) == "I've sent you the password reset guide."


def test_b40_stressed_reads_as_worry() -> None:
    msgs = _msgs(("customer", "I still can't log into the payroll portal and payday is tomorrow. I'm really stressed."))
    assert situation(msgs, ["frustrated"]).feeling == "worried"


def test_dear_customer_is_a_greeting() -> None:
    draft = "Dear customer,\n\nPlease allow 10 business days for a response."
    got = rewrite(draft, ("no_acknowledgment", "Please allow 10 business days for a response."),
                  states=("frustrated",))
    assert got.startswith("Dear customer,\n\nI'm sorry"), got


# --- (4) glosses --------------------------------------------------------------------------------
def test_b03_a_gloss_never_splits_imap_sync() -> None:
    ctx = "Customer: I'm not very technical. My emails on my iPad stopped updating yesterday."
    got = check("Your IMAP sync is probably failing.", context=ctx)
    assert got.rewrite is not None and got.rewrite.text.startswith("Your IMAP sync (IMAP is ")


def test_b29_a_compound_of_two_glossed_nouns_names_both_after_it() -> None:
    draft = "The delta is due to a pro-rata true-up on your licence."
    terms = {"pro-rata": "charged only for the part of the billing period you had it",
             "true-up": "a catch-up charge for users or usage added since you last paid"}
    fds = [rw.FlagDraft("jargon", [(draft.index(t), draft.index(t) + len(t))], {"plain": {t: p}})
           for t, p in terms.items()]
    got = rw.rewrite_draft(draft, fds, [], False, rw.plan(draft, fds))
    assert "pro-rata true-up (pro-rata: charged only" in got and "; true-up is a catch-up charge" in got
    notes = rw.suggestions(draft, fds, [])
    assert notes[0] == notes[1] and "true-up is a catch-up" in notes[1]


def test_b29_a_term_the_gloss_stops_short_of_gets_no_other_terms_gloss() -> None:
    draft = "Check the Exchange cached mode settings."
    terms = {"Exchange": "the company's email and calendar system", "cached": "saved copies of web pages"}
    fds = [rw.FlagDraft("jargon", [(draft.index(t), draft.index(t) + len(t))], {"plain": {t: p}})
           for t, p in terms.items()]
    notes = rw.suggestions(draft, fds, [])
    assert notes[1] == "cached [say in plain words what it is]"


def test_a_gloss_with_its_own_colon_takes_is() -> None:
    draft = "Check the SSO token in dev tools."
    fds = [rw.FlagDraft("jargon", [(10, 13)], {"plain": {"SSO": "single sign-on: one login that opens all your apps"}})]
    got = rw.rewrite_draft(draft, fds, [], False, rw.plan(draft, fds))
    assert got == "Check the SSO token (SSO is single sign-on: one login that opens all your apps) in dev tools."


# --- (5) the flag's own suggestion ----------------------------------------------------------------
@pytest.mark.parametrize(("draft", "flag", "expected"), [
    # b20: the dismissive flag's suggestion was "Deal with it."
    ("Not much I can do from here, deal with it.", "Not much I can do",
     "I can't change that myself, but here's what I can do: [option]."),
    # b02: a refusal with no next step
    ("Liquid damage isn't covered, so there's not much we can do.", "not much we can do",
     "Liquid damage isn't covered, so I can't change that myself, but here's what I can do: [option]."),
    # in the middle of a run-on it is left to the clause rules (QA15 b18, right before, must stay)
    ("The courier is slow, not much I can do about it", "not much I can do",
     "The courier is slow."),
])
def test_b20_not_much_i_can_do_gives_a_next_step(draft: str, flag: str, expected: str) -> None:
    assert rewrite(draft, ("dismissive", flag)) == expected
    assert "deal with it" not in suggestions(draft, ("dismissive", flag))[0].lower()


def test_b39_i_dont_know_what_to_tell_you_becomes_a_next_step() -> None:
    draft = "It's under Profile. If you can't see it, I don't know what to tell you."
    assert rewrite(draft, ("dismissive", "I don't know what to tell you")) == (
        "It's under Profile. If you can't see it, let's find another way: [next step].")
