"""The coach on QA pass 18's failures (fixed after the pass, unmeasured on new drafts), through ``check()``: each
missed case and made-up variants must get a warning or a problem in the expected category, each false alarm and the
look-alikes must not. The detectors' own tests hold more variants of each cue family."""

from __future__ import annotations

import pytest

from patiently.coach import check
from test_coach_misses import _serious

FAN = ("Customer: My laptop fan is really loud since yesterday's update, it sounds like a jet engine and I can't "
       "concentrate.")
PLANS = "Customer: I'm still deciding between the Pro and Business plans, can I get back to you next week?"
FINANCE = "Customer: I'll need to check with my finance team before approving the licence renewal."
PRINTER = "Customer: hey my printer keeps printing blank pages"
SHEET = "Customer: The shared budget spreadsheet has lost all of yesterday's changes!"
TEAMS = "Customer: How do I change my profile picture in Teams?"
RESET = ("Customer: sorry which button do I press to reset the router?\nAgent: The small one on the back labelled "
         "RESET.\nCustomer: the one next to the cable?")
COFFEE = "Customer: I spilled coffee on my keyboard and now some keys don't work."
FIXED = "Customer: I restarted the router like you said and it works now!"
OUTLOOK = "Customer: Outlook keeps asking for my password every few minutes."
PHONE = ("Customer: how do I add my work email to my phone?\nAgent: Open Settings, tap Mail, then Accounts, then Add "
         "Account, and choose Microsoft Exchange.\nCustomer: I did that but I don't understand what to do now. Sorry, "
         "how do I add it?")
FOLDER = ("Customer: I think I deleted the whole shared Marketing folder by accident. I'm so sorry, I feel "
          "terrible.")

MISSES_QA18 = {
    "b01_normal_nothing_to_worry": ("That's normal, laptops get loud. Nothing to worry about.", FAN, "dismissive"),
    "totally_normal_dont_worry": ("Totally normal, don't worry about it.", FAN, "dismissive"),
    "b04_decide_today": ("I'd strongly advise you to decide today. This price is only guaranteed until I log off, and "
                         "I can't keep holding your quote while you think it over.", PLANS, "pressure"),
    "offer_ends_when_i_hang_up": ("This offer ends when I hang up.", PLANS, "pressure"),
    "b18_answer_by_5pm": ("I need an answer by 5pm today. I've got a lot of other accounts to get through, so I can't "
                          "keep chasing you on this.", FINANCE, "pressure"),
    "cant_keep_waiting_on_you": ("We can't keep waiting on you for this.", FINANCE, "pressure"),
    "b09_piece_of_junk": ("haha yeah that thing's a piece of junk tbh. try shaking the toner I guess", PRINTER,
                          "unprofessional"),
    "b14_as_instructed": ("It looks like you may have overwritten the file when you saved your offline copy over it. "
                          "In future, please make sure to always work in the online version as instructed in the "
                          "onboarding guide.", SHEET, "blame"),
    "b26_slowly_for_you": ("Ah, this one trips up a lot of people who aren't very tech-savvy. Let me explain it slowly "
                           "so it's easy for you: click your picture at the top, then 'Change picture'.", TEAMS,
                           "condescending"),
    "b34_spelled_out": ("The one labelled RESET. R-E-S-E-T. It's literally written on it.", RESET, "condescending"),
    "right_in_front_of_you": ("It's right in front of you, next to the cable.", RESET, "condescending"),
    "b36_nice_one": ("Nice one. Coffee and electronics, great combination. You'll need to request a new keyboard "
                     "through the portal.", COFFEE, "unprofessional"),
    "well_done_after_a_spill": ("Well done. You'll need a new one.", COFFEE, "unprofessional"),
}

QUIET_QA18 = {
    "g09_example_address": ("No problem, let's go through it one step at a time. After you choose Microsoft Exchange, "
                            "you'll see a box asking for your email. Type your full work email, for example "
                            "jane.doe@acme.com, and tap Next.", PHONE, "jargon"),
    "g20_does_it_stop_asking": ("Thanks for reporting this. I've cleared the old saved sign-in on your account from "
                                "our side, which is the usual cause of that loop. Please close Outlook completely, "
                                "open it again and sign in once. Does it stop asking after that?", OUTLOOK,
                                "dismissive"),
    "g30_feels_terrible": ("Please don't worry, this happens more often than you'd think and it's completely fixable. "
                           "Deleted shared folders stay in the recycle bin for 93 days, and I've just restored it with "
                           "all its files. Could you open it and check that everything you expect is there?", FOLDER,
                           "no_acknowledgment"),
    "nice_one_after_a_fix": ("Nice one! Glad it's working again.", FIXED, "unprofessional"),
    "reply_by_friday_so_i_can_book": ("Please reply by Friday so I can book the engineer.", FINANCE, "pressure"),
    "explain_step_by_step": ("Let me explain it step by step: click your picture at the top, then 'Change picture'.",
                             TEAMS, "condescending"),
    "normal_with_a_reason": ("That's normal for the first day after an update: it's re-indexing your files, so the fan "
                             "works harder. If it's still loud tomorrow, tell me and I'll book a check.", FAN,
                             "dismissive"),
}


@pytest.mark.parametrize("name", sorted(MISSES_QA18))
def test_qa18_miss_is_flagged(name: str) -> None:
    draft, context, category = MISSES_QA18[name]
    assert _serious(draft, context, category), f"{name}: no {category} warning for {draft!r}"


@pytest.mark.parametrize("name", sorted(QUIET_QA18))
def test_qa18_false_alarm_and_lookalike_stay_quiet(name: str) -> None:
    draft, context, category = QUIET_QA18[name]
    assert not _serious(draft, context, category), f"{name}: {category} flagged {draft!r}"


def test_qa18_b26_a_flagged_jab_is_no_strength() -> None:
    draft = MISSES_QA18["b26_slowly_for_you"][0]
    r = check(draft, context=TEAMS)
    flagged = [(f.span.start, f.span.end) for f in r.flags if f.category == "condescending"]
    assert flagged
    assert not any(a < s.span.end and s.span.start < b for s in r.strengths for a, b in flagged)
