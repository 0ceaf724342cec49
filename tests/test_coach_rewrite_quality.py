"""The coach's rewrites as model answers: named drafts from QA pass 4b (findings 2, 3, 7, 8) and 5 (2d).

Most tests give the rewriter its flags directly (category + the flagged words), so they test
the rewrite and not what the detectors happen to flag today; the rewrite must also be safe
when a detector flags a negated phrase. The property tests at the end run ``check`` on every
example and test draft: no flagged words survive, and the punctuation is clean.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

import coach_golden
from patiently.coach import check
from patiently.coach import rewrite as rw
from patiently.coach.rewrite_apology import never_right
from patiently.coach.rewrite_cover import owned_acknowledgment
from patiently.coach.rewrite_frame import Situation, acknowledges, situation
from patiently.model import Message

Flag = tuple[str, str]  # (category, the flagged words as they appear in the draft)


def flags_for(draft: str, flags: list[Flag]) -> list[rw.FlagDraft]:
    out = []
    for category, words in flags:
        start = draft.index(words)
        out.append(rw.FlagDraft(category, [(start, start + len(words))]))
    return out


def rewrite(draft: str, *flags: Flag, states: tuple[str, ...] = (), where: Situation | None = None) -> str:
    fds = flags_for(draft, list(flags))
    return rw.rewrite_draft(draft, fds, list(states), False, rw.plan(draft, fds, where), where)


def suggestions(draft: str, *flags: Flag) -> list[str]:
    fds = flags_for(draft, list(flags))
    return rw.suggestions(draft, fds, [], rw.plan(draft, fds))


# name -> (draft, flags, the full rewrite expected)
REWRITES: dict[str, tuple[str, list[Flag], str]] = {
    "hurry_is_a_whole_clause": (
        "I need you to hurry up, I have other tickets waiting. Are you done yet?", [("pressure", "hurry up")],
        "Take your time. Just let me know when you're done."),
    "hurry_up_please": (
        "Open Settings. Hurry up please, I have other tickets.", [("pressure", "Hurry up")],
        "Open Settings. Take your time."),
    "deadline_and_ultimatum": (
        "Quickly, please, I need an answer in the next minute or I'll have to close the chat.",
        [("pressure", "answer in the next minute or I'll have to close")],
        "Take your time to reply, and I'll keep this chat open."),
    "ultimatum_on_a_numbered_ticket": (
        "Please reply within 55 minutes or I will close ticket 41290.", [("pressure", "within 55 minutes or")],
        "Please reply when you're ready, and I'll keep this ticket open."),
    "calm_down_before_i_can_help": (
        "You need to calm down before I can help you.", [("condescending", "calm down")],
        "I understand this is frustrating; let me help you."),
    "cant_help_unless_calm": (
        "I can't help you if you won't calm down.",
        [("negative_phrasing", "I can't help"), ("condescending", "calm down")],
        "I understand this is frustrating, and I'm here to help you."),
    "that_is_on_you": (
        "You should have saved your work before the update. That's on you.",
        [("blame", "You should have saved"), ("blame", "That's on you"), ("dismissive", "That's on you")],
        "Next time, it helps to save your work before the update."),
    "whatever_you_say": ("Whatever you say.", [("unprofessional", "Whatever you say")],
                         "[Your answer, in plain words.]"),
    "read_the_faq": ("Please read the FAQ.", [("dismissive", "read the FAQ")],
                     "Here's the guide that covers it: [link], and I'm happy to walk you through it."),
    "again_word_by_word": ("Again: restart. The. Router.", [("impatient_repeat", "Again:")],
                           "Let me go through it once more: restart the router."),
    "if_you_had_read": (
        "If you had read the email we sent last week you would know the VPN changed.", [("blame", "If you had read")],
        "Just so you know, the VPN changed; it was in the email we sent last week, but that's easy to miss."),
    "did_you_even_check": (
        "Obviously the printer has to be turned on. Did you even check that?", [("condescending", "Obviously")],
        "The printer has to be turned on. Have you had a chance to check that?"),
    "not_our_problem_contact_vendor": (
        "That's not our problem, contact the vendor.", [("dismissive", "That's not our problem")],
        "The vendor can sort this out for you, and I'm happy to help you reach them."),
    "should_have_with_a_past_date": (
        "You should have restarted the laptop after the update on Tuesday. Please restart it now, then sign in "
        "with your badge.", [("blame", "You should have restarted")],
        "It's best to restart the laptop after the update. Please restart it now, then sign in with your badge."),
    "should_have_when_you_changed": (
        "You should have updated your phone when you changed the password.", [("blame", "You should have updated")],
        "It helps to update your phone whenever you change the password."),
    "two_stock_lines": (
        "We apologize for any inconvenience this may have caused. Your satisfaction is important to us.",
        [("scripted_empathy", "We apologize for any inconvenience")], "I'm sorry this has held you up."),
    "even_my_grandmother": (
        "Obviously it's the wrong default printer. Even my grandmother could fix this.",
        [("condescending", "Obviously"), ("condescending", "Even my grandmother")], "It's the wrong default printer."),
    "stop_asking": ("As I said, your emails are fine. Stop asking.", [("impatient_repeat", "As I said,")],
                    # "Stop asking." goes, so the one short answer left gets no "more fully" (round 24)
                    "Let me go through it again: your emails are fine."),
    "keyboard_and_chair": (
        "The problem is clearly between the keyboard and the chair.",
        [("blame", "between the keyboard and the chair")], "To avoid this next time, [tip]."),
    "blaming_clause_left_out": ("I've reset your password, that's on you.", [("blame", "that's on you")],
                                "I've reset your password."),
    "not_saying_but_clicked": (
        "I'm not saying it's your fault, but you clearly clicked the phishing link.",
        [("blame", "your fault"), ("blame", "you clearly clicked")],
        "I'm not saying it's your fault, but it looks like the phishing link got clicked, which is easy to do."),
    "closure_before_bye": (
        "That should fix it. Closing the ticket. Bye.", [("premature_closure", "Closing the ticket")],
        "That should fix it. I'll keep this ticket open for now. Could you try it and let me know whether it works "
        "for you? Bye."),
    "every_closure_goes": (
        "Great, that's sorted then. I've resolved the ticket.", [("premature_closure", "that's sorted then")],
        "Great, that should sort it. I'll keep this ticket open for now. Could you try it and let me know whether it "
        "works for you?"),
    "referral_with_a_task": (
        "That's not our problem, ask your manager to request it.", [("dismissive", "That's not our problem")],
        "Your manager can request it for you, and I'm happy to help you reach them."),
    "all_set_is_not_a_closure": (
        "Excellent, you're all set for your meeting. Have a good call!", [("premature_closure", "you're all set")],
        "Excellent, you should be all set for your meeting. Could you try it and let me know whether it works for "
        "you? Have a good call!"),
    "resolving_the_ticket": (  # no fix in the draft: nothing to try, so no "Could you try it?"
        "Good luck with the audit! I'm resolving this ticket now.", [("premature_closure", "resolving this ticket")],
        "Good luck with the audit! I'll keep this ticket open for now."),
    "close_if_no_reply": (
        "I'll close this chat if you don't respond in 1 minute.", [("pressure", "close this chat if you don't")],
        "Take your time; I'll keep this chat open until you're ready."),
    "marks_not_their_clause": (
        "Damn, I don't know, turn your volume down!!! Or dial in with your phone.",
        [("unprofessional", "Damn"), ("unprofessional", "!!!")], "I don't know, turn your volume down! Or dial in with "
        "your phone."),
    "left_out_before_a_signature": (
        "Hello,\n\nPython isn't something we offer. That won't work on your device.\n\nRegards,\nTom",
        [("negative_phrasing", "That won't work")], "Hello,\n\nPython isn't something we offer. What I can do is "
        "[alternative].\n\nRegards,\nTom"),
    "kept_open_is_not_reopened": (
        "Great, glad it's stable. I'll close the ticket now, and feel free to reopen it if it drops again.",
        [("premature_closure", "I'll close the ticket")],
        "Great, glad it's stable. I'll keep this ticket open for now, so just reply here if it drops again."),
    # -- QA pass 5, section 2d --
    "past_event_after_next_time": (  # B02: no "next time ... before the laptop died"
        "You should have saved the file before the laptop died. There's nothing we can do now.",
        [("blame", "You should have saved"), ("dismissive", "nothing we can do")],
        "Next time, it helps to save the file. I can't change that myself, but here's what I can do: [option]."),
    "or_clause_is_one_unit": (  # B05: the ultimatum with "or" goes as a whole; no fix, so no "try it"
        "I need an answer in the next 5 minutes or I'm closing the ticket.",
        [("pressure", "answer in the next 5 minutes or"), ("premature_closure", "I'm closing the ticket")],
        "Take your time to reply, and I'll keep this ticket open."),
    "referral_to_a_company": (  # B12: the draft's own referral, no comma splice
        "That's not our problem, contact Microsoft.", [("dismissive", "That's not our problem")],
        "Microsoft can sort this out for you, and I'm happy to help you reach them."),
    "no_invented_promise": (  # B21: a placeholder, not "I'll pass it on to them for you"
        "Let me check. It's not my department.", [("dismissive", "not my department")],
        "Let me check. That's handled by [the right team], and here's how to reach them: [contact]."),
    "calm_down_and_its_rebuke": (  # B13: the rebuke goes with "calm down", the goal stays
        "Please calm down, shouting won't get your printer fixed any faster.", [("condescending", "Please calm down")],
        "I understand this is frustrating; let's get your printer fixed as quickly as we can."),
    "repeat_phrase_with_twice_now": (  # B15
        "Like I told you twice now, the Wi-Fi password is on the sticker.", [("impatient_repeat", "Like I told you")],
        "Let me go through it again: the Wi-Fi password is on the sticker."),
    "repeat_phrase_with_several_times": (  # B39
        "As mentioned several times, we don't refund shipping costs.", [("impatient_repeat", "As mentioned")],
        "Let me go through it again: we don't refund shipping costs."),
    "again_for_the_last_time_keeps_the_answer": (  # B28
        "Again, for the last time: the MFA code is in the Authenticator app.",
        [("impatient_repeat", "Again,"), ("impatient_repeat", "for the last time")],
        "Let me go through it once more: the MFA code is in the Authenticator app."),
    "no_offense_but_basic_stuff": (  # B40: the hedge and the noun go with the judgement
        "No offense, but this is pretty basic stuff. You just click Sync.",
        [("condescending", "this is pretty basic")], "You just click Sync."),
    "sarcasm_left_after_the_jab": (  # B03: "Let's hope it was worth it." only made sense with the jab
        "Wow, great job clicking the phishing link. Let's hope it was worth it.",
        [("unprofessional", "great job clicking")], "[Your answer, in plain words.]"),
    "works_on_my_end_so_your_side": (  # B29: the two halves are one claim
        "It works on my end, so it must be something on your side.",
        [("blame", "it must be something on your side")],
        "It works on my side, so let's find out what's different on yours."),
    "really_quite_simple_goes_too": (  # B04
        "It's really quite simple, even a child could do it: just click Reset Password.",
        [("condescending", "even a child could")], "Just click Reset Password."),
    "demand_right_now": (  # B37
        "I need you to do this right now, I have a queue of other customers waiting.",
        [("pressure", "I have a queue"), ("pressure", "other customers waiting")],
        "When you're ready, please do this."),
    "timeless_before_stays": (  # only a past EVENT clashes with "next time"; "before editing" is advice
        "You should have saved your own copy before editing a shared file.", [("blame", "You should have saved")],
        "Next time, it helps to save your own copy before editing a shared file."),
    "closure_after_a_comma": (  # no comma splice once the closure is reworded
        "That should fix it, closing the ticket.", [("premature_closure", "closing the ticket")],
        "That should fix it; I'll keep this ticket open for now. Could you try it and let me know whether it works "
        "for you?"),
    "draft_names_who_to_ask": (  # the draft's own referral stays; the jab goes, nothing is promised
        "The payroll portal is run by an external provider, that's not our problem.",
        [("dismissive", "that's not our problem")], "The payroll portal is run by an external provider."),
    # QA pass 6
    "qa6_b04_wrong_password_is_not_a_negation": (  # the "nt" of "account" is no "n't"
        "Your account is locked because you typed the wrong password five times. I've unlocked it.",
        [("blame", "you typed the wrong")],
        "Your account is locked because the wrong password was entered five times, which happens to everyone. "
        "I've unlocked it."),
    "qa6_b14_negation_ends_at_and": (
        "It's not possible and there's nothing we can do.", [("dismissive", "nothing we can do")],
        "It's not possible and I can't change that myself, but here's what I can do: [option]."),
    "qa6_b28_like_i_told_you_opens_its_own_clause": (
        "You didn't restart the laptop like I told you to.", [("impatient_repeat", "like I told you")],
        "You didn't restart the laptop."),
    "qa6_b21_no_dangling_and": (
        "Hurry up, the code expires in 30 seconds and I don't have all day.",
        [("pressure", "Hurry up"), ("pressure", "I don't have all day")],
        # the deadline is a fact and stays; "Take your time" in front of it contradicted it (qa12 b34)
        "The code expires in 30 seconds."),
    "qa6_b39_relative_clause_goes_with_the_judgement": (
        "Honestly, this is basic stuff that any computer user should know. Open File Explorer and click Map "
        "network drive.", [("condescending", "this is basic stuff")],
        "Open File Explorer and click Map network drive."),
    "qa6_b20_no_counterfactual_after_next_time": (
        "If you had saved your work to OneDrive, this wouldn't have happened. I'll check whether there's an "
        "autosave copy.", [("blame", "If you had saved")],
        "Next time, it helps to save your work to OneDrive. I'll check whether there's an autosave copy."),
    "qa6_b17_faq_tail_goes": (
        "Please read the FAQ before contacting the helpdesk.", [("dismissive", "read the FAQ")],
        "Here's the guide that covers it: [link], and I'm happy to walk you through it."),
    "qa6_b25_again_keeps_the_answer": (
        "Again, you need to click 'Forgot password' on the login page.", [("impatient_repeat", "Again,")],
        "Let me go through it once more, step by step: you need to click 'Forgot password' on the login page."),
    "qa6_once_again_keeps_the_answer": (
        "Once again, open Settings and tap Accounts.", [("impatient_repeat", "Once again,")],
        "Let me go through it once more, step by step: open Settings and tap Accounts."),
    "qa6_b07_quick_answer_demand_goes": (
        "I need a quick answer here, I have a queue of other customers waiting.",
        [("pressure", "I have a queue"), ("pressure", "other customers waiting")], "Take your time."),
}

# Negated or reassuring words: flagged or not, the rewrite must not touch them (it would
# reverse their meaning: "not a silly question" -> "not a good question").
NEGATED: dict[str, tuple[str, Flag]] = {
    "not_a_silly_question": ("That's not a silly question at all. Let's check the cable together.",
                             ("unprofessional", "silly question")),
    "not_saying_your_fault": ("I'm not saying it's your fault at all, these lockouts happen to everyone.",
                              ("blame", "your fault")),
    "not_your_fault": ("It's not your fault at all. This happens to a lot of people.", ("blame", "your fault")),
    "no_need_to_hurry": ("There's no need to hurry, I'll wait.", ("pressure", "hurry")),
}


@pytest.mark.parametrize("name", sorted(REWRITES))
def test_rewrite_is_a_model_answer(name: str) -> None:
    draft, flags, expected = REWRITES[name]
    got = rewrite(draft, *flags)
    assert got == expected, name
    for _, words in flags:
        if not rw.negated(draft, (draft.index(words), draft.index(words) + len(words))):
            assert words.lower() not in got.lower(), (name, words)


@pytest.mark.parametrize(("text", "words"), [
    ("Your account is locked because you typed the wrong password.", "you typed the wrong"),
    ("It's not possible and there's nothing we can do.", "nothing we can do"),
    ("Clearly you didn't restart the laptop like I told you to.", "like I told you"),
])
def test_a_negation_outside_the_flagged_clause_does_not_count(text: str, words: str) -> None:
    start = text.index(words)
    assert not rw.negated(text, (start, start + len(words)))
    (note,) = suggestions(text, (("blame" if "wrong" in words else "dismissive"), words))
    assert not note.startswith("No change needed")


def test_qa6_g25_closing_after_the_customer_confirmed_stays() -> None:
    draft = "Great to hear, thanks for confirming! I'll close the ticket now. Have a lovely afternoon."
    flag = ("premature_closure", "I'll close the ticket")
    assert rewrite(draft, flag, where=Situation(confirmed=True)) == draft
    fds = flags_for(draft, [flag])
    where = Situation(confirmed=True)
    (note,) = rw.suggestions(draft, fds, [], rw.plan(draft, fds, where), where)
    assert note.startswith("No change needed: the customer has confirmed it works")
    # the draft's own "thanks for confirming" says so too (QA17 g21): kept without the context's word
    assert rewrite(draft, flag) == draft
    other = "Great, I've reset it. I'll close the ticket now. Have a lovely afternoon."
    assert "keep this ticket open" in rewrite(other, flag)  # without any confirmation it is reworded


@pytest.mark.parametrize(("name", "draft", "kept"), [
    ("qa6_b40", "Stop sending me messages. I'll get to it when I get to it.", ""),
    ("qa6_b22", "Not sure what you expect me to do about it. Zoom freezes sometimes.", "Zoom freezes sometimes."),
    ("stop_asking", "Please stop asking me. Restart the router and wait a minute.", "Restart the router and wait"),
])
def test_no_apology_in_front_of_a_brush_off(name: str, draft: str, kept: str) -> None:
    first = draft.split(".")[0] + "."
    got = rewrite(draft, ("no_acknowledgment", first), states=("frustrated",))
    assert got.startswith("I'm sorry"), name
    assert first not in got and kept in got, (name, got)


def test_never_right_finds_brush_offs_only() -> None:
    draft = "Stop sending me messages. Restart the router."
    assert never_right(draft) and not never_right("Restart the router. I'll look at it today.")


def test_a_failing_fix_is_not_called_resolved() -> None:  # qa6 B23
    draft = "Your issue has been resolved. I'm closing the ticket."
    got = rewrite(draft, ("premature_closure", "I'm closing the ticket"), where=Situation(failing=True))
    assert "resolved" not in got and "open" in got, got


@pytest.mark.parametrize("name", sorted(NEGATED))
def test_negated_words_are_not_rewritten(name: str) -> None:
    draft, flag = NEGATED[name]
    assert rewrite(draft, flag) == draft
    (note,) = suggestions(draft, flag)
    assert note.startswith("No change needed") and flag[1] in note


def test_suggestion_of_a_left_out_sentence() -> None:
    draft = "Thanks for waiting. Whatever you say."
    (text,) = suggestions(draft, ("unprofessional", "Whatever you say"))
    assert text.startswith("(Leave this sentence out")
    assert rewrite(draft, ("unprofessional", "Whatever you say")) == "Thanks for waiting."


def test_glosses_attach_to_the_whole_compound() -> None:
    """B06: "Flush the DNS" + "cache" is one term: one gloss after it, from "DNS cache", not
    the browser-cache sense of "cache"."""
    draft = "Flush the DNS cache and renew your DHCP lease."
    terms = {"Flush the DNS": "clearing your computer's saved list of website addresses so it looks them up fresh",
             "cache": "copies of web pages your browser saves to load them faster",
             "DHCP lease": "the network address your device has borrowed for a while from the network"}
    fds = [rw.FlagDraft("jargon", [(draft.index(t), draft.index(t) + len(t))], {"plain": {t: p}})
           for t, p in terms.items()]
    got = rw.rewrite_draft(draft, fds, [], False, rw.plan(draft, fds))
    assert got == ("Flush the DNS cache (your computer's saved list of recently looked-up website addresses) and "
                   "renew your DHCP lease (the network address your device has borrowed for a while from the network).")
    notes = rw.suggestions(draft, fds, [])
    compound = "Flush the DNS cache (your computer's saved list of recently looked-up website addresses)"
    assert notes[0] == notes[1] == compound


def test_compound_without_a_joint_entry_glosses_its_first_term() -> None:
    """"Exchange cached mode": no entry spans the join, and "cached" is not the browser sense."""
    draft = "Check the Exchange cached mode settings."
    terms = {"Exchange": "the company's email and calendar system", "cached": "saved copies of web pages"}
    fds = [rw.FlagDraft("jargon", [(draft.index(t), draft.index(t) + len(t))], {"plain": {t: p}})
           for t, p in terms.items()]
    got = rw.rewrite_draft(draft, fds, [], False, rw.plan(draft, fds))
    assert got == "Check the Exchange (the company's email and calendar system) cached mode settings."


def test_given_value_is_quoted_once() -> None:
    """B32: the customer's "it says "0x8007..."" is quoted as the code alone."""
    assert rw.quotable('it says "0x80070005 Access denied"') == "0x80070005 Access denied"
    assert rw.quotable("I told you, it says 0x80070005") == "0x80070005"
    draft = "What's the error message?"
    fd = rw.FlagDraft("redundant_question", [(0, len(draft))], {"given_text": 'it says "0x80070005 Access denied"'})
    assert rw.rewrite_draft(draft, [fd], [], False) == ('You mentioned "0x80070005 Access denied" earlier, thanks. '
                                                       "Next, [your next step].")


def test_an_owned_apology_is_never_left_out() -> None:
    """G27: a specific apology in the agent's own words stays, flagged or not; a bare stock one goes."""
    draft = ("You're right, you already told me the serial number, and I'm sorry about that. I've found the laptop "
             "and booked the battery replacement for Friday morning.")
    assert rewrite(draft, ("scripted_empathy", draft.split(". ")[0] + ".")) == draft
    assert rewrite("Sorry about that. I've reset it.", ("scripted_empathy", "Sorry about that")) == "I've reset it."


def test_no_glad_i_could_help_when_it_still_fails() -> None:
    """B17: the customer just said it still fails: no "Glad I could help!", no "Could you try it?"."""
    draft = "Glad I could help! Closing the ticket. Have a nice day."
    where = situation([Message("m1", "agent", "Please update Teams and try again."),
                       Message("m2", "customer", "I tried that but Teams still crashes when I share my screen.")], [])
    assert where.failing and not where.fix_pending
    assert rewrite(draft, ("premature_closure", "Closing the ticket"), where=where) == (
        "I'll keep this ticket open for now. Have a nice day.")


def test_confirmation_only_about_a_fix() -> None:
    """B05, G38: "Could you try it?" asks about a fix: one in the draft or the context's last,
    unanswered agent message; not after a question for the printer model."""
    draft = "Closing the ticket."
    assert rewrite(draft, ("premature_closure", "Closing the ticket")) == "I'll keep this ticket open for now."
    asked = situation([Message("m1", "agent", "Can you confirm the printer model?")], [])
    assert not asked.fix_pending
    told = situation([Message("m1", "agent", "Please restart the router, then try again.")], [])
    assert told.fix_pending
    assert rewrite(draft, ("premature_closure", "Closing the ticket"), where=told).endswith(
        "Could you try it and let me know whether it works for you?")
    fixed = "I've reset your password. Closing the ticket."
    assert rewrite(fixed, ("premature_closure", "Closing the ticket")).endswith("whether it works for you?")


# -- the acknowledgment opener ------------------------------------------------------------------

FRUSTRATED = ("frustrated",)
# Drafts that already apologise or acknowledge: no second, generic acknowledgment in front.
ACKNOWLEDGING: dict[str, str] = {
    "own_apology": "I'm sorry for the disruption. We know about the email outage and our team is on it.",
    "non_native_apology": "Sorry, my English is not perfect. I understand you are very stressed. I have unlock your "
                          "account now.",
    "apology_then_refusal": "I'm sorry, I don't have access to payroll systems, but I've passed your ticket to the "
                            "payroll team.",
    "understand_frustrated": "I understand you're frustrated, and you're right that this has taken too long.",
    "would_be_worried": "I'd be worried too in your position.",
}


@pytest.mark.parametrize("name", sorted(ACKNOWLEDGING))
def test_no_opener_in_front_of_an_acknowledgment(name: str) -> None:
    draft = ACKNOWLEDGING[name]
    first = draft.split(".")[0]
    assert rewrite(draft, ("no_acknowledgment", first), states=FRUSTRATED) == draft


def test_no_opener_in_front_of_a_rewritten_acknowledgment() -> None:
    assert rewrite("Calm down.", ("condescending", "Calm down"), ("no_acknowledgment", "Calm down."),
                   states=FRUSTRATED) == "I understand this is frustrating."


def test_opener_goes_after_a_greeting() -> None:
    draft = "Peter,\n\nShare permissions are owned by the department.\n\nMarco"
    got = rewrite(draft, ("no_acknowledgment", "Peter,"), states=FRUSTRATED)
    assert got.startswith("Peter,\n\nI'm sorry this is causing you trouble") and got.endswith("department.\n\nMarco")
    got = rewrite("Hi Dana, click Settings.", ("no_acknowledgment", "Hi Dana, click Settings."), states=FRUSTRATED)
    assert got == "Hi Dana, I'm sorry this is causing you trouble, and I can see how frustrating it is. Click Settings."


def test_confirmation_question_before_a_signature() -> None:
    draft = "Please restart Outlook. Closing this ticket now.\n\nRegards,\nTom"
    got = rewrite(draft, ("premature_closure", "Closing this ticket now"))
    assert got == ("Please restart Outlook. I'll keep this ticket open for now. Could you try it and let me know "
                   "whether it works for you?\n\nRegards,\nTom")


def test_opener_goes_after_a_reassurance() -> None:
    """G03: an apology in front of "No problem at all." clashes; it goes after it."""
    draft = "No problem at all. Let's go step by step."
    got = rewrite(draft, ("no_acknowledgment", "No problem at all."), states=FRUSTRATED)
    assert got == ("No problem at all. I'm sorry this is causing you trouble, and I can see how frustrating it is. "
                   "Let's go step by step.")


def test_opener_says_still_only_after_an_earlier_contact() -> None:
    draft = "Click Settings, then Accounts."
    first = rewrite(draft, ("no_acknowledgment", draft), states=FRUSTRATED, where=Situation())
    assert first == "I'm sorry this is causing you trouble, and I can see how frustrating it is. " + draft
    again = rewrite(draft, ("no_acknowledgment", draft), states=FRUSTRATED, where=Situation(earlier_contact=True))
    assert again.startswith("I'm sorry this is still causing you trouble")


def test_repeated_question_gets_asked_again_not_explained() -> None:
    draft = "Open Settings, then Printers."
    states = ("frustrated", "repeating")
    asked = rewrite(draft, ("no_acknowledgment", draft), states=states, where=Situation(True, asked_again=True))
    assert asked == "Sorry you've had to ask again. Open Settings, then Printers."
    told = rewrite(draft, ("no_acknowledgment", draft), states=states, where=Situation(True))
    assert told.startswith("Sorry you've had to explain this more than once")


def test_what_does_not_acknowledge() -> None:
    assert not acknowledges("I can't change the deadline, but I can make sure you're back in within five minutes.")
    assert not acknowledges("Your account was locked out, so I reset it.")
    assert acknowledges("I understand this is frustrating.") and acknowledges("Apologies for the delay.")


def test_situation_from_the_context() -> None:
    customer = Message("m1", "customer", "My email is down. We can't work.")
    agent = Message("m2", "agent", "Could you restart Outlook?")
    assert situation([customer], ["frustrated"]) == Situation()
    assert situation([customer, agent], []).earlier_contact
    assert situation([Message("m1", "customer", "It STILL does not work!!")], []).earlier_contact
    asked = situation([Message("m1", "customer", "How do I connect to the printer?")], ["repeating"])
    assert asked.asked_again and asked.earlier_contact
    assert situation([customer, agent, Message("m3", "customer", "It works now, thanks!")], []).confirmed


def test_no_confirmation_question_after_the_customer_confirmed() -> None:
    draft = "Glad it's working. Closing the ticket."
    got = rewrite(draft, ("premature_closure", "Closing the ticket"), where=Situation(confirmed=True))
    assert got == draft  # confirmed: closing is right, and no question follows (qa6 G25)


def test_confirmation_question_before_every_sign_off() -> None:
    draft = "That should fix it, closing this ticket now. Thanks. Have a good day!"
    got = rewrite(draft, ("premature_closure", "closing this ticket now"))
    assert got.endswith("whether it works for you? Thanks. Have a good day!")


# QA pass 7: (id, words the rewrite must not have, words it must have), through check() with the QA7 context
QA7_NAMED = {
    "b08_rebuke_after_calm_down_in_the_next_sentence": ("b08", ["yelling", "calm down"], ["Wi-Fi fixed"]),
    "b11_subject_of_works_here_is_kept": ("b11", ["everything it works", "next time"],
                                          ["Everything works on my side"]),
    "b21_ultimatum_closure_never_or_i_keep": ("b21", ["or I'll keep", "five minutes"], ["keep this ticket open"]),
    "b23_resolution_claim_goes_with_its_closure": ("b23", ["problem solved", "should fix it"],
                                                   ["keep this ticket open"]),
    "b29_brush_off_after_an_apology_goes": ("b29", ["figure it out"], ["I'm sorry"]),
    "b34_reason_before_the_offer": ("b34", ["[option], the data"], ["[option]."]),
    "b39_participle_from_the_table": ("b39", ["broked", "Nice job", "Great, so"], ["got broken by accident"]),
    "b40_sneers_after_an_apology_go": ("b40", ["interesting that", "tried not doing"], ["I'm sorry"]),
    "g21_specific_acknowledgment_stays": ("g21", [],
                                         ["I completely understand wanting this sorted before your flight."]),
}


@pytest.mark.parametrize("name", sorted(QA7_NAMED))
def test_qa7_rewrites(name: str) -> None:
    case, banned, wanted = QA7_NAMED[name]
    r = check(*QA7[case])
    text = r.rewrite.text if r.rewrite is not None else QA7[case][0]
    for words in banned:
        assert words.lower() not in text.lower(), (name, words, text)
    for words in wanted:
        assert words in text, (name, words, text)


def test_qa7_b20_gloss_goes_before_the_article() -> None:
    draft = QA7["b20"][0]
    k = draft.index("provision the")
    fd = rw.FlagDraft("jargon", [(k, k + len("provision the"))], {"plain": {"provision the": "setting it up"}})
    got = rw.apply(draft, rw.edits_for(draft, fd))
    assert got.endswith("re-provision (setting it up) the profile via autodiscover."), got


def test_qa7_b24_a_cited_policy_is_not_a_repeat() -> None:
    draft = "As stated in our policy, returns are only accepted within 14 days."
    fd = rw.FlagDraft("impatient_repeat", [(0, len("As stated"))])
    got = rw.rewrite_draft(draft, [fd], [], False, where=situation([], []))
    assert got == "As set out in our policy, returns are only accepted within 14 days.", got


def test_qa7_b24_again_only_after_an_earlier_agent_message() -> None:
    draft = "As I said, the refund takes 10 days."
    fd = rw.FlagDraft("impatient_repeat", [(0, len("As I said"))])
    alone = rw.rewrite_draft(draft, [fd], [], False, where=situation([], []))
    assert "again" not in alone.lower() and "once more" not in alone.lower(), alone
    before = situation([Message(id="1", role="agent", text="It takes 10 days.")], [])
    assert "again" in rw.rewrite_draft(draft, [fd], [], False, where=before)


def test_qa7_participles_are_never_invented() -> None:
    assert [rw.participle(v) for v in ("broke", "deleted", "messed up", "wiped")] == [
        "broken", "deleted", "messed up", "wiped"]


# -- end to end, through check() (what the detectors flag may change; the rewrite's rules must hold) --

ANGRY = ("Customer: This is the THIRD time I've been locked out this week!! I have a payroll deadline at 3pm and "
         "nobody is helping me.")
NONTECH = ("Customer: Hi, I'm not very technical at all. My printer just says 'offline' and I don't know what that "
           "means. Can you help?")
# name -> (draft, context, words the rewrite must not contain)
REPORT: dict[str, tuple[str, str | None, list[str]]] = {
    "b6_hurry": ("I need you to hurry up, I have other tickets waiting. Are you done yet?",
                 "Customer: Sorry, I'm slow with phones. Where do I press?", ["take your time I", "hurry", "tickets"]),
    "calm_down": ("You need to calm down before I can help you.", ANGRY, ["need to I", "calm down"]),
    "on_you": ("You should have saved your work before the update. That's on you.",
               "Customer: I lost my whole report after the update restarted my laptop!", ["on you"]),
    "whatever": ("Whatever you say.", ANGRY, ["Whatever"]),
    "silly": ("That's not a silly question at all. The 'offline' message means the computer can't reach the printer "
              "right now.", NONTECH, ["good question"]),
    "not_saying": ("I'm not saying it's your fault at all, these lockouts happen to everyone. I've unlocked your "
                   "account now.", ANGRY, ["lots of people"]),
    "bye": ("That should fix it. Closing the ticket. Bye.", None, ["Bye. Could"]),
    "outage_apology": ("I'm sorry for the disruption. We know about the email outage and our team is working on it.",
                       "Customer: Email has been down for the whole office for two hours now. What is going on?",
                       ["I'm sorry this is", "still"]),
}


@pytest.mark.parametrize("name", sorted(REPORT))
def test_report_cases_end_to_end(name: str) -> None:
    draft, context, banned = REPORT[name]
    r = check(draft, context)
    if r.rewrite is None:
        return  # nothing worth rewriting: fine
    for words in banned:
        assert words.lower() not in r.rewrite.text.lower(), (name, words, r.rewrite.text)


# -- properties over every example and test draft ---------------------------------------------

_UGLY = re.compile(r"  | [,.;:!?]|\.\.(?!\.)|[,;:][,.;:!?]|\.[,;:]| \n")
_NO_SPAN_CHECK = frozenset({"jargon", "no_acknowledgment", "redundant_question"})
# The tone model's flags ("judge it yourself") may keep their sentence: a guess never deletes one (qa10 b25)
_LEARNED = "agent.tone"


def _cases() -> list[tuple[str, str, Any]]:
    named = [(f"rewrite:{n}", d, None) for n, (d, _, _) in REWRITES.items()]
    report = [(f"report:{n}", d, c) for n, (d, c, _) in REPORT.items()]
    qa7 = [(f"qa7:{n}", d, c) for n, (d, c) in QA7.items()]
    return coach_golden.coach_cases() + named + report + qa7


@pytest.fixture(scope="module")
def checked() -> list[tuple[str, str, Any]]:
    return [(name, draft, check(draft, context)) for name, draft, context in _cases()]


def _sentence(draft: str, at: int) -> str:
    return next((draft[s:e] for s, e in rw.sentences(draft) if s <= at < e), "")


def test_no_flagged_words_survive_the_rewrite(checked: list[tuple[str, str, Any]]) -> None:
    bad = []
    for name, draft, r in checked:
        if r.rewrite is None:
            continue
        text = r.rewrite.text.lower()
        # a closing the draft itself says was confirmed ("Thanks for confirming, ...") stays on purpose
        spans = [f for f in r.flags if f.category not in _NO_SPAN_CHECK and f.label != _LEARNED
                 and not (f.category == "premature_closure" and rw.confirmed_in(draft))
                 and not rw.negated(draft, (f.span.start, f.span.end))
                 and not owned_acknowledgment(_sentence(draft, f.span.start))]
        for f in spans:
            words = f.text.lower()
            # The same words elsewhere in the draft, not flagged, may stay (a generated draft repeats itself).
            flagged_here = len({(g.span.start, g.span.end) for g in spans if g.text.lower() == words})
            if text.count(words) > draft.lower().count(words) - flagged_here:
                bad.append((name, f.category, f.text))
    assert not bad, bad[:10]


def test_rewrite_punctuation_is_clean(checked: list[tuple[str, str, Any]]) -> None:
    bad = [(name, r.rewrite.text) for name, _, r in checked
           if r.rewrite is not None and _UGLY.search(r.rewrite.text.replace("...", "…"))]
    assert not bad, bad[:5]


# What a deletion or a template must never leave: a sentence that starts in lower case (a cut
# clause) or with the rest of a repeat phrase ("twice now, ..."), a doubled comma, an "or" clause
# glued to the ticket kept open, or quotes inside quotes.
_LEFTOVER_START = re.compile(r"^(?:(?:let me go through it again|let me explain it again)[^:]*:\s*)?"
                             r"(?:twice|several times|many times|(?:a few|multiple|\d+) times|now,|again,|"
                             r"for the \w+ time|already,|before,|earlier,)", re.IGNORECASE)
_GLUED = re.compile(r",\s*,| or I'll keep|\bbut\s*[.!?]|\"[^\"]*\"[^\"]*\"\"")


def _grammar_problems(text: str) -> list[str]:
    from patiently.text import sentence_spans

    out = [m.group(0) for m in _GLUED.finditer(text)]
    for s, e in sentence_spans(text):
        sentence = text[s:e].strip(" \n\"'(")
        first = sentence.split(" ", 1)[0]
        if first[:1].islower() and not any(c.isupper() for c in first[1:]):  # "iPhone" may start one
            out.append(sentence)
        if _LEFTOVER_START.match(sentence):
            out.append(sentence)
    return out


def test_rewrite_sentences_are_whole(checked: list[tuple[str, str, Any]]) -> None:
    bad = [(name, r.rewrite.text, _grammar_problems(r.rewrite.text)) for name, _, r in checked
           if r.rewrite is not None and _grammar_problems(r.rewrite.text)]
    assert not bad, bad[:5]


@pytest.mark.parametrize("name", sorted(REWRITES))
def test_named_rewrites_are_whole_sentences(name: str) -> None:
    assert not _grammar_problems(rewrite(REWRITES[name][0], *REWRITES[name][1])), name


# QA pass 7: all 80 drafts (id -> (draft, context)); the properties below run over them too
QA7: dict[str, tuple[str, str | None]] = {
    'g01': ("I'm sorry you've been locked out twice today, that's really annoying. I've unlocked your "
           "account just now; could you try signing in again and tell me if it works?",
           "Customer: I'm locked out AGAIN. This is the second time today!"),
    'g02': ("Thanks for the screenshot. The code 'AADSTS50076' means the sign-in needs your second factor. "
           "Open the Microsoft Authenticator app on your phone and approve the prompt that appears; I'll "
           "stay on the chat while you do it.",
           "Customer: I get an error AADSTS50076 when I log in"),
    'g03': ("No worries at all, this happens to a lot of people when they change phones. I'll send a new MFA"
           " registration link to your personal email within the next ten minutes.",
           "Customer: I got a new phone and now I can't get the codes, sorry if this is a dumb question"),
    'g04': ("I understand how stressful it is to lose a presentation the day before a meeting. The good news"
           " is that OneDrive keeps older versions for 30 days, so we have a very good chance of getting it"
           " back. Let's look at it together: right-click the file and choose 'Version history'.",
           "Customer: I saved over my presentation by mistake and I have a meeting tomorrow morning, I'm "
           "panicking"),
    'g05': ("Hello Maria, thank you for your patience. The printer on the 3rd floor is back online; please "
           "send your document again and let me know if it comes out.",
           "Customer: the printer on 3rd floor does not print since morning"),
    'g06': ("Unfortunately I can't approve a refund for a plan that was used for more than 30 days, because "
           "that is our policy for all accounts. What I can do is switch you to the monthly plan from today"
           " so you won't be charged for the full year again.",
           "Customer: I want a refund for the annual plan, I used it for 3 months"),
    'g07': ("You're right, and I apologise: you already sent me the order number. I've found order 48213 and"
           " the return label is on its way to your email.",
           "Customer: I want to return my headset, order 48213\nAgent: Could you send me the order number?\n"
           "Customer: I ALREADY GAVE IT TO YOU. 48213."),
    'g08': ("Sorry for my English. I check your VPN account and it is active now. Please try connect again "
           "with GlobalProtect and tell me if still problem.",
           "Customer: VPN says 'authentication failed' since this morning"),
    'g09': ("That's a good question. Wi-Fi 'Guest' is separate from the office network, so shared drives "
           "won't show up there. Connect to 'Corp-WiFi' instead, using your usual login, and the drives "
           "should appear.",
           "Customer: I'm on the Wi-Fi but I can't see the shared drives? I'm not very techy"),
    'g10': ("It's not your fault at all; the update last night changed the Outlook settings for everyone. "
           "I've reset your profile remotely, so please close Outlook and open it again.",
           "Customer: Outlook isn't showing my emails, did I break something?"),
    'g11': ("I'm sorry your laptop arrived with a cracked screen. I've arranged a replacement, which will "
           "ship tomorrow by courier, and the courier will collect the damaged one at the same time. You "
           "don't need to pack it in the original box.",
           "Customer: My new laptop arrived with a cracked screen. Really disappointed."),
    'g12': ("Take your time, there's no rush. When you're back at your desk, let me know what the screen "
           "shows and we'll continue from there.",
           "Customer: sorry I need to step away for a few minutes, can we continue after?"),
    'g13': ("I can see why that's confusing: Teams shows two calendars when you have a shared mailbox. The "
           "one with your name is yours; the 'Support Team' one belongs to the shared mailbox. Does that "
           "match what you see?",
           "Customer: why do I have two calendars in Teams?? which one is mine"),
    'g14': ("Thanks for letting me know it's working now! I'll close this ticket, but if the sound drops "
           "again in Zoom just reply here and it will reopen.",
           "Agent: Could you try selecting 'Headset' as the speaker in Zoom settings?\nCustomer: That "
           "worked, thank you so much!"),
    'g15': ("I'm really sorry about the outage this morning. Email was down for everyone between 8:10 and "
           "9:40 because of a problem at our provider, and it's fully back now. Messages sent to you during"
           " that time will arrive over the next hour.",
           "Customer: Our whole team couldn't send email for over an hour, this is unacceptable."),
    'g16': ("Happy to help with that. To install Adobe Acrobat, open 'Company Portal' from the Start menu, "
           "search for Acrobat and click Install. It takes about five minutes.",
           "Customer: how do I install Acrobat?"),
    'g17': ("I know you've been waiting since Monday for this, and I'm sorry it's taken so long. I've "
           "escalated your data recovery request to our storage team as urgent, and I'll update you by 3 pm"
           " today even if they haven't finished.",
           "Customer: It's been 3 days. I need those files back for payroll."),
    'g18': ("I'm not able to see your personal Gmail account from here, but I can walk you through adding it"
           " to Outlook on your phone step by step if you'd like.",
           "Customer: can you fix my gmail on my phone?"),
    'g19': ("Welcome to the team, Priya! Your laptop is ready for pickup at the front desk, and your login "
           "details are in the envelope with it. On your first sign-in you'll be asked to set up MFA; I'm "
           "here if anything is unclear.",
           "Customer: Hi, I'm starting on Monday, what do I need to do for my laptop?"),
    'g20': ("Good catch, and thanks for reporting it. You were charged twice for March because of a billing "
           "error on our side. I've refunded the duplicate charge of $49.00; it should be back on your card"
           " within 5 business days.",
           "Customer: Why was I charged twice this month??"),
    'g21': ("I completely understand wanting this sorted before your flight. Let's try the quickest option "
           "first: restart your phone while connected to Wi-Fi, then open Slack. If that doesn't work, I'll"
           " reset your session from my side right away.",
           "Customer: Slack won't load on my phone and I'm boarding in 30 minutes!!"),
    'g22': ("Let me explain it again in a different way, since my last message wasn't very clear. The "
           "password has to be at least 12 characters and can't include your name. For example, "
           "'BlueTrain!River42' would work.",
           "Agent: Your password must meet the complexity requirements.\nCustomer: I still don't understand "
           "what it wants from me. I've tried 5 passwords."),
    'g23': ("That sounds really frustrating, especially after restarting it three times. Thank you for "
           "trying that. The next step is for me to check the docking station firmware remotely; could you "
           "leave the laptop connected for ten minutes?",
           "Customer: my second monitor keeps going black. I restarted three times already."),
    'g24': ("Don't worry, you haven't lost anything. The files are just hidden by the new Finder view. Click"
           " 'Recents' on the left side and you should see them all again.",
           "Customer: All my files disappeared from my Mac!!! I'm really scared I deleted them"),
    'g25': ("I'm sorry, but I can't share another employee's calendar without their permission. If you ask "
           "Tom to share it with you from Outlook, you'll be able to see his free/busy times straight away.",
           "Customer: can you give me access to Tom's calendar?"),
    'g26': ("Thanks, that error message helps a lot. \"Printer driver is unavailable\" usually means Windows "
           "updated the driver. I'll push the correct driver to your PC now; it will take about two minutes"
           " and you don't need to do anything.",
           "Customer: It says \"Printer driver is unavailable\""),
    'g27': ("I hear you, and I'd feel the same way after being transferred three times. I'll stay with this "
           "ticket myself until your phone is working again. Could you tell me what the screen shows when "
           "you turn it on?",
           "Customer: I've been transferred three times and nobody can fix my phone. I'm fed up."),
    'g28': ("Great news: your package left our warehouse this morning. The tracking number is "
           "1Z999AA10123456784, and UPS expects to deliver it on Thursday.",
           "Customer: where is my order? it's been a week"),
    'g29': ("Yes, you can keep using your old laptop until the new one arrives. When it does, we'll move "
           "your files over for you, so there's nothing you need to back up yourself.",
           "Customer: can I still use my old laptop?"),
    'g30': ("Fair point, and I'm sorry the automatic reply wasn't helpful. I've read your whole message: the"
           " Zoom recording from Tuesday didn't save to the cloud. I'm checking the recording logs for your"
           " account now and will reply within the hour.",
           "Customer: Oh great, another automated reply. Really helpful. My Zoom recording from Tuesday is "
           "gone."),
    'g31': ("Before I reset anything, could you tell me which app shows the error, Outlook or Teams? That "
           "way I won't change something that's working.",
           "Customer: I keep getting a password prompt every few minutes"),
    'g32': ("I'm sorry for the inconvenience. Because your account was flagged for unusual sign-ins, I can't"
           " reactivate it over chat. Please call the security desk at 555-0142, and they can verify you "
           "and unlock it in a few minutes.",
           "Customer: my account is disabled, why?"),
    'g33': ("Thank you for being so patient while we sorted this out. Your new SIM is active, and your "
           "number has been moved over. If calls don't come through in the next hour, just reply here.",
           "Customer: ok thanks, waiting"),
    'g34': ("No problem, let me go through it step by step. First, click the Wi-Fi icon at the bottom right "
           "of your screen. Second, choose 'Corp-WiFi'. Third, type the password from the sticker on your "
           "badge. Tell me when you've done the first step.",
           "Customer: I don't know how to connect to the wifi, I'm not good with computers"),
    'g35': ("I'm sorry the replacement mouse also doesn't work; that's really bad luck. I'll ship a "
           "different model today at no cost, and you can keep the faulty one.",
           "Customer: The replacement mouse doesn't work either. Ridiculous."),
    'g36': ("That makes sense, and thanks for the detail. Since the VPN drops only on your home Wi-Fi, it's "
           "probably your router's settings rather than your laptop. Would you be okay with a quick call "
           "tomorrow at 10 so we can check it together?",
           "Customer: the VPN only drops when I'm at home, at the office it's fine"),
    'g37': ("I can't promise the data will be recoverable, since the drive was physically damaged, but our "
           "recovery partner succeeds in most cases like this. I'll send it to them today and let you know "
           "as soon as I hear back.",
           "Customer: I dropped my external drive and now it won't turn on. Can you get my photos back?"),
    'g38': ("Hi James, apologies for the wait on this one. I've added you to the Finance distribution list, "
           "so you'll start receiving their emails from today.",
           "Customer: can someone add me to the Finance list? asked last week"),
    'g39': ("You're welcome! Have a great weekend.",
           "Agent: I've reset your password; you should be able to log in now.\nCustomer: Yes it works, "
           "thank you!"),
    'g40': ("I understand you need the conference room screen working for your 2 pm meeting. I've sent a "
           "technician, Alex, who will be there within 15 minutes. In the meantime, you can share your "
           "screen through the Teams app on the room's tablet.",
           "Customer: The screen in room B doesn't work and I have a client meeting at 2!"),
    'b01': ("As I already explained twice, you need to click 'Forgot password'.",
           "Customer: I can't log in\nAgent: Click 'Forgot password' on the login page.\nCustomer: I still "
           "can't log in, what do I do?"),
    'b02': ("Did you even try turning it off and on again?",
           "Customer: my laptop is really slow today"),
    'b03': ("Just flush your DNS cache and renew the DHCP lease, then ping the gateway.",
           "Customer: the internet doesn't work on my computer. I'm not technical at all, sorry"),
    'b04': ("Well, if you had read the email we sent last week, you would know the VPN changed.",
           "Customer: the VPN doesn't connect anymore"),
    'b05': ("I'll go ahead and close this ticket now.",
           "Customer: I tried the steps but the printer still shows offline"),
    'b06': ("What's your order number?",
           "Customer: My order 55120 arrived broken. Order number 55120. I need a refund."),
    'b07': ("We apologize for any inconvenience this may have caused. Your request has been noted.",
           "Customer: I've been without email for two days!! I can't work!"),
    'b08': ("Calm down. Yelling at me won't fix your Wi-Fi.",
           "Customer: THE WIFI HAS BEEN DOWN ALL DAY AND NOBODY IS DOING ANYTHING"),
    'b09': ("Please hurry up and send the screenshot, I have a lot of other tickets to deal with.",
           "Customer: ok let me find how to take a screenshot"),
    'b10': ("That's not my department. Contact billing.",
           "Customer: I was charged for a subscription I cancelled"),
    'b11': ("Obviously, the problem is on your end. Everything works fine here.",
           "Customer: Teams keeps dropping my calls"),
    'b12': ("Wow, another password reset. Shocking.",
           "Customer: I forgot my password again, sorry"),
    'b13': ("Restart the router.",
           "Customer: I've already restarted the router four times and the Wi-Fi is STILL dropping. I'm so "
           "fed up."),
    'b14': ("You should have backed up your files before updating.",
           "Customer: after the update all my documents are gone, please help"),
    'b15': ("Like I said before, the refund takes 10 business days.",
           "Customer: when will I get my refund?\nAgent: The refund takes 10 business days.\nCustomer: but "
           "when will I get it?"),
    'b16': ("It's a simple setting, anyone can do it. Just go to Settings and enable it.",
           "Customer: I don't understand how to turn on MFA"),
    'b17': ("I can't help you with that.",
           "Customer: my calendar invites aren't showing up for my team"),
    'b18': ("Per my last message, the MFA app must be reinstalled.",
           "Agent: You'll need to reinstall the authenticator app.\nCustomer: So what should I do about the "
           "codes?"),
    'b19': ("Sure, because reading the instructions is so hard.",
           "Customer: how do I set up the printer?"),
    'b20': ("Your Exchange mailbox hit its quota, so the MAPI sync stalled; purge the OST and re-provision "
           "the profile via autodiscover.",
           "Customer: I'm not a computer person, my emails stopped coming in. What do I do?"),
    'b21': ("I need an answer in the next five minutes or I'm closing this ticket.",
           "Customer: give me a moment, I'm checking the laptop"),
    'b22': ("Which laptop model do you have?",
           "Customer: My Dell Latitude 5420 won't charge. It's a Dell Latitude 5420."),
    'b23': ("Problem solved then. Closing the ticket. Bye.",
           "Agent: Try reinstalling Zoom.\nCustomer: I reinstalled it but the camera still doesn't work"),
    'b24': ("I understand your frustration. As stated in our policy, returns are only accepted within 14 "
           "days.",
           "Customer: This is the worst service ever. I want to return this phone NOW."),
    'b25': ("No offense, but this is really basic stuff.",
           "Customer: how do I attach a file in Outlook?"),
    'b26': ("Again, for the third time: your account is locked because of too many attempts.",
           "Customer: why can't I log in?\nAgent: Your account is locked.\nCustomer: why is it locked though?"),
    'b27': ("Whatever. Try it again later.",
           "Customer: the app keeps crashing"),
    'b28': ("You clearly didn't follow the steps I sent you.",
           "Agent: Step 1: open Settings. Step 2: choose Accounts.\nCustomer: I did those but there's no "
           "'Accounts' option"),
    'b29': ("I'm sure you'll figure it out. Let me know if there's anything else.",
           "Customer: I still can't connect to the VPN and I have a deadline in an hour"),
    'b30': ("Can you tell me what the error says?",
           "Customer: the install fails with \"Error 1603: A fatal error occurred during installation\""),
    'b31': ("Honestly, I don't know why you'd click on a link like that.",
           "Customer: I think I clicked a phishing link and now my account is sending spam, I'm so worried"),
    'b32': ("Read the FAQ.",
           "Customer: how do I change my billing address?"),
    'b33': ("We've been over this. The printer needs the new driver.",
           "Agent: The printer needs the new driver.\nCustomer: ok but the printer still says error"),
    'b34': ("There's nothing we can do, the data is gone.",
           "Customer: I accidentally deleted the shared folder with all our client files, please tell me "
           "you can get it back"),
    'b35': ("Sorry, but that's user error.",
           "Customer: my phone screen went black after I updated it"),
    'b36': ("Just open PowerShell as admin and run Reset-ComputerMachinePassword, it re-establishes the "
           "secure channel with the DC.",
           "Customer: I'm not really good with computers, my laptop says the trust relationship failed"),
    'b37': ("Thank you for your patience. Your ticket will be handled in due course.",
           "Customer: I've been waiting 3 days for my new laptop. My old one is dead. I can't work at all. "
           "This is ridiculous."),
    'b38': ("Look, I don't have all day. Can you just tell me if it's working or not?",
           "Customer: hmm, let me check, the page is still loading"),
    'b39': ("Great, so you broke it. Nice job.",
           "Customer: I changed some settings in the router and now nothing works"),
    'b40': ("Hmm, interesting that it only breaks when you use it. Have you tried not doing that?",
           "Customer: Slack freezes every time I share my screen"),
}
