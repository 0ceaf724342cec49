"""The coach on QA pass 16's cases it missed or flagged wrongly (fixed after the pass), through
``check()``: each case and made-up variants must get a warning or a problem in the expected
category, and the look-alikes must not."""

from __future__ import annotations

import pytest

from test_coach_misses import _serious

PASSWORD = "Customer: I can't find where to change my password in the portal."
CRACKED = "Customer: The laptop screen cracked after one week!"
BOUNCING = "Customer: My emails to clients are bouncing back since yesterday, this is costing us business."
SYNC = "Customer: I've lost three days of work because the sync deleted my files."
FORGOT = "Customer: I forgot my password again, sorry"
SPAM = ("Customer: My account email is j.moreno@fastmail.com and I can't reset my password, the email never arrives. "
        "I already checked spam.")
PIN = "Customer: Where is Forgot PIN?\nAgent: It's under Settings.\nCustomer: I still can't find it. Where is it??"

MISSES_QA16 = {
    "b08_hard_to_miss": ("It's right there on the main page, honestly it's hard to miss.", PASSWORD, "condescending"),
    "b38_at_least_consistent": ("Again? Well, at least you're consistent. I've sent another reset link.", FORGOT,
                                "condescending"),
    "b05_damage_on_your_part": ("Screens don't crack by themselves. This is clearly accidental damage on your part, "
                                "so it isn't covered.", CRACKED, "blame"),
    "error_on_your_part": ("That was an error on your part, I'm afraid.", CRACKED, "blame"),
    "b10_not_really_our_problem": ("That's not really our problem, you'll have to contact your email provider.",
                                   BOUNCING, "dismissive"),
    "b30_how_important_this_is": ("Thank you for reaching out! We understand how important this is to you and we're "
                                  "here to help. Please restore from the recycle bin.", SYNC, "scripted_empathy"),
    "b36_spam_again": ("Could you check your spam folder?", SPAM, "redundant_question"),
    "b36_email_again": ("Also, what email address is on the account?", SPAM, "redundant_question"),
    "b27_hate_dealing_with_it": ("Honestly this system is garbage and I hate dealing with it as much as you do, but "
                                 "I'll try to push your ticket through.", None, "unprofessional"),
    "cant_stand_this_system": ("I can't stand this system either. I'll reset it.", None, "unprofessional"),
}

QUIET_QA16 = {
    "g16_easy_to_miss": ("No problem, let's go through it again. Tap Settings, then Security. Under the PIN box "
                         "there's a small grey link that says Forgot PIN. It's easy to miss because it's quite faint.",
                         PIN, "condescending"),
    "easy_to_overlook": ("The option is easy to overlook, it's at the very bottom of the page.", PASSWORD,
                         "condescending"),
    "hate_it_when": ("Oh no, I hate it when that happens! Let me restore the files for you.", SYNC, "unprofessional"),
    "spam_not_said": ("Could you check your spam folder?", "Customer: The reset email never arrives.",
                      "redundant_question"),
    "spam_again_with_a_reason": ("Could you check your spam folder again? I've just sent a new link.", SPAM,
                                 "redundant_question"),
    "on_your_side_we_will": ("On your side, nothing needs to change; we'll fix the screen for free.", CRACKED, "blame"),
}


@pytest.mark.parametrize("name", sorted(MISSES_QA16))
def test_qa16_miss_is_flagged(name: str) -> None:
    draft, context, category = MISSES_QA16[name]
    assert _serious(draft, context, category), f"{name}: no {category} warning for {draft!r}"


@pytest.mark.parametrize("name", sorted(QUIET_QA16))
def test_qa16_lookalike_stays_quiet(name: str) -> None:
    draft, context, category = QUIET_QA16[name]
    assert not _serious(draft, context, category), f"{name}: {category} flagged {draft!r}"
