"""The coach on QA pass 14's misses that the agent-side detectors own (dismissive, condescending, unprofessional,
impatient_repeat, premature_closure), through ``check()``: each case and made-up variants of the same cue family
must get a warning or a problem in the expected category, and the look-alikes must not. (The customer-state and
acknowledgment cases of the pass are in ``test_coach_qa14.py``.)"""

from __future__ import annotations

import pytest

from test_coach_misses import _serious

PRINTER = "Customer: I'm working from home and want to connect my printer."
PORTAL = ("Customer: The customer portal has been giving me a blank page for two days now. I need to download my "
          "contract.")
SETTINGS = "Customer: I can't find where to change the language."
REFUND = ("Customer: When is my refund coming?\nAgent: Refund will come in 5 working days.\nCustomer: But when "
          "exactly? I need that money.\nAgent: 5 working days sir.\nCustomer: So when do I get it?")
EXPORT = "Customer: The export button has done nothing since today's update."
FORM = "Customer: how do i send the form? i filled it in but nothing happens"
WAITING = "Customer: Hello?? Are you still there? It's been 15 minutes!"
CHARGED = "Customer: You've charged me twice again. This is the second month in a row and nobody has fixed it."
LOCKED = "Customer: I'm locked out of my account and I have a presentation in 20 minutes!"
REFUND_3W = "Customer: Where is my refund?\nAgent: It is processing.\nCustomer: It's been 3 weeks, where is it??"

MISSES_QA14 = {
    # dismissive v12 (lexicon v11)
    "b01_try_googling_it": ("That's not really something we deal with. You could try Googling it.", PRINTER,
                            "dismissive"),
    "not_really_something_we_handle": ("That's not really something we handle.", PRINTER, "dismissive"),
    "maybe_try_googling_that": ("Maybe try googling that.", PRINTER, "dismissive"),
    "b02_try_again_later": ("It should be working. Try again later.", PORTAL, "dismissive"),
    "try_again_tomorrow": ("Just try again tomorrow.", PORTAL, "dismissive"),
    # condescending v11 (lexicon v11)
    "b09_even_you": ("I'm sure even you can find the Settings icon, it's the gear one.", SETTINGS, "condescending"),
    "even_you_should": ("Even you should be able to find the Settings icon.", SETTINGS, "condescending"),
    "bet_even_you": ("I bet even you could manage that.", SETTINGS, "condescending"),
    "b40_go_slow_here": ("Ok so basically, and I'll go slow here, you press the button that says Send. That's it. "
                         "That's the whole thing.", FORM, "condescending"),
    "go_slowly_this_time": ("I'm going to go really slowly this time: press Send.", FORM, "condescending"),
    "b26_dude_chill": ("Dude, chill. I'm working on it.", WAITING, "condescending"),
    "chill_alone": ("Chill. I'm on it.", None, "condescending"),
    "b05_more_careful_when_typing": ("The logs show the password was entered wrong five times, which locked the "
                                     "account. Please be more careful when typing it in future.", LOCKED,
                                     "condescending"),
    "more_careful_with_password": ("Please be more careful with your password.", LOCKED, "condescending"),
    "b05_no_quick_answer_exemption": ("The logs show the password was entered wrong five times, which locked the "
                                      "account. Please be more careful when typing it in future.", LOCKED,
                                      "no_acknowledgment"),
    # unprofessional v10 (lexicon v10): minor cues together
    "b27_devs_eye_roll": ("Honestly no clue, our devs break something every release 🙄 Try again tomorrow maybe.",
                          EXPORT, "unprofessional"),
    "it_team_messed_up_dunno": ("Dunno, our IT team messed it up again.", EXPORT, "unprofessional"),
    # impatient_repeat v8 (lexicon v7)
    "b13_already_telling_two_times": ("Sir I am already telling you two times, refund will come in 5 working days "
                                      "only. Please understand.", REFUND, "impatient_repeat"),
    "told_you_three_times": ("I told you three times, it's 5 working days.", REFUND, "impatient_repeat"),
    "telling_you_already": ("I'm telling you already, 5 working days.", REFUND, "impatient_repeat"),
    "b37_gone_over_this": ("Look, I've gone over this. The refund is processing.", REFUND_3W, "impatient_repeat"),
    "been_over_that_already": ("We have been over that already. It's processing.", REFUND_3W, "impatient_repeat"),
    # premature_closure v9
    "b33_noted_anything_else": ("I've noted that on your account. Anything else I can do for you today?", CHARGED,
                                "premature_closure"),
    "logged_complaint_anything_else": ("I've logged your complaint. Is there anything else I can help you with?",
                                       CHARGED, "premature_closure"),
}

QUIET_QA14 = {
    "try_googling_the_error": ("Try googling the exact error message, that usually finds the bug report.", PRINTER,
                               "dismissive"),
    "try_again_in_ten_minutes": ("We're restarting the server now, so please try again in ten minutes.", PORTAL,
                                 "dismissive"),
    "try_again_later_with_follow_up": ("Try again later, and I'll keep an eye on it and message you when it's back.",
                                       PORTAL, "dismissive"),
    "you_can_even_ask": ("You can even ask in the forum if you can't find it.", SETTINGS, "condescending"),
    "go_slowly_together": ("We'll go slowly, one step at a time.", FORM, "condescending"),
    "go_slowly_and_check": ("I'll go slowly through each setting with you.", FORM, "condescending"),
    "chill_the_drink": ("Chill the bottle before opening.", None, "condescending"),
    "careful_lifting": ("Be careful when you lift it, it's heavy.", None, "condescending"),
    "quick_answer_in_a_hurry": ("Sure! I've unlocked it; the temporary password is Guest-2024.", LOCKED,
                                "no_acknowledgment"),
    "devs_looking_into_it": ("Our devs are looking into it now and I'll update you by 3pm.", EXPORT,
                             "unprofessional"),
    "no_idea_alone": ("No idea yet, let me check with the team.", EXPORT, "unprofessional"),
    "telling_you_its_fine": ("I'm telling you, it's fine.", REFUND, "impatient_repeat"),
    "gone_over_the_logs": ("I've gone over the logs and found the error.", REFUND_3W, "impatient_repeat"),
    "gone_over_this_with_team": ("I've gone over this with the team and we'll refund you today.", REFUND_3W,
                                 "impatient_repeat"),
    "passed_to_billing": ("I've passed it to billing. Anything else I can do for you today?", CHARGED,
                          "premature_closure"),
    "noted_with_date": ("I've noted the refund and it will reach you Friday. Anything else I can do for you today?",
                        CHARGED, "premature_closure"),
}


@pytest.mark.parametrize("name", sorted(MISSES_QA14))
def test_qa14_miss_is_flagged(name: str) -> None:
    draft, context, category = MISSES_QA14[name]
    assert _serious(draft, context, category), f"{name}: no {category} warning for {draft!r}"


@pytest.mark.parametrize("name", sorted(QUIET_QA14))
def test_qa14_lookalike_stays_quiet(name: str) -> None:
    draft, context, category = QUIET_QA14[name]
    assert not _serious(draft, context, category), f"{name}: {category} flagged {draft!r}"
