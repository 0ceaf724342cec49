"""The coach on QA pass 15's misses and weak catches that the agent-side lexicons own (condescending, pressure,
unprofessional, dismissive, blame, redundant_question), through ``check()``: each case and made-up variants of the
same cue family must get a warning or a problem in the expected category, and the look-alikes must not."""

from __future__ import annotations

import pytest

from test_coach_misses import _serious

CACHE = "Customer: I use the internet every day, I'm asking how to clear the cache in Chrome."
EXPORT = "Customer: How do I export my contacts from the app?"
FLIGHT = "Customer: I'm not sure which flight yet, I need to check with my wife first."
PRINTER = "Customer: Our office printer keeps disappearing from the network."
DASHBOARD = "Customer: The dashboard takes 40 seconds to load every morning."
LETTER = "Customer: I'm confused, the letter says fasting but the website says not, which is it?"
CHARGED = "Customer: The app charges me twice every month, this is the second time I'm writing about it."
STRANDED = "Customer: My flight was cancelled and I'm stuck at the airport with two kids, nobody is helping us."
ERROR = "Agent: What's the error?\nCustomer: It says 'Error 0x800F081F' like I told you."

MISSES_QA15 = {
    # condescending v12 (lexicon v12)
    "b05_surely_used_one_before": ("Okay, so a browser is the program you use to go on the internet. It's the thing "
                                   "with the colourful circle icon. Surely you've used one before?", CACHE,
                                   "condescending"),
    "surely_youve_seen_it": ("Surely you've seen the menu button?", CACHE, "condescending"),
    "used_one_before_right": ("You've used a browser before, right?", CACHE, "condescending"),
    "b06_even_my_kids": ("It's honestly very simple, even my kids can do it: just tap the three dots and hit Export.",
                         EXPORT, "condescending"),
    "even_my_8_year_old": ("Even my 8-year-old manages it. Tap Export.", EXPORT, "condescending"),
    "even_my_nan_could": ("Even my nan could figure that out.", EXPORT, "condescending"),
    "b31_read_letter_properly": ("Just read the letter properly, it's all in there.", LETTER, "condescending"),
    "read_my_message_properly": ("Please read my last message properly.", LETTER, "condescending"),
    "read_it_again_properly": ("Read it again properly and you'll see.", LETTER, "condescending"),
    # pressure v9 (lexicon v8)
    "b08_make_a_decision_now": ("Please make a decision now, I can't keep this seat reserved while you think about "
                                "it.", FLIGHT, "pressure"),
    "just_decide_right_now": ("Just decide right now, please.", FLIGHT, "pressure"),
    "need_a_decision_now": ("I need a decision now.", FLIGHT, "pressure"),
    # unprofessional v11 (lexicon v11)
    "b20_whoever_set_up": ("Honestly, whoever set up your network had no clue what they were doing. What a mess.",
                           PRINTER, "unprofessional"),
    "guy_who_installed_didnt_know": ("The guy who installed this clearly didn't know what he was doing.", PRINTER,
                                     "unprofessional"),
    # dismissive v13 (lexicon v12) and blame v9 (lexicon v8)
    "b27_loads_fine_for_me": ("It loads fine for me. Maybe it's your internet.", DASHBOARD, "dismissive"),
    "b27_maybe_your_internet": ("It loads fine for me. Maybe it's your internet.", DASHBOARD, "blame"),
    "runs_perfectly_for_me": ("Runs perfectly for me.", DASHBOARD, "dismissive"),
    "probably_your_wifi": ("Probably your wifi.", DASHBOARD, "blame"),
    "maybe_just_your_connection": ("Not sure. Maybe just your connection!", DASHBOARD, "blame"),
    # dismissive v13 (lexicon v12): the fault left to go away on its own; a bare pointer to the website
    "b02_sort_itself_out": ("These things happen sometimes. It'll probably sort itself out.", CHARGED, "dismissive"),
    "should_fix_itself": ("It should fix itself.", CHARGED, "dismissive"),
    "b36_check_website_for_options": ("I understand your frustration and appreciate your patience. Your satisfaction "
                                      "is our top priority. Please check our website for rebooking options.", STRANDED,
                                      "dismissive"),
    "see_our_website_for_help": ("Please see our website for help.", STRANDED, "dismissive"),
    # redundant_question v9 (info_asked v8)
    "b37_error_message_again": ("OK. What does the error message say exactly?", ERROR, "redundant_question"),
}

QUIET_QA15 = {
    "have_you_used_before": ("Have you used our app before? If not, I'll start from the top.", EXPORT,
                             "condescending"),
    "if_youve_used_one_before": ("If you've used one before, skip ahead to step 3.", CACHE, "condescending"),
    "even_my_kids_use_it": ("Even my kids use it, it's a popular app.", EXPORT, "condescending"),
    "even_my_manager_couldnt": ("Even my manager couldn't find it at first, so let me show you.", EXPORT,
                                "condescending"),
    "camera_reads_it_properly": ("Hold the letter steady so the app can read it properly.", LETTER, "condescending"),
    "loads_properly": ("Once the page loads properly, tap Export.", EXPORT, "condescending"),
    "no_need_to_decide_now": ("You don't have to make a decision now, the seat is held until Friday.", FLIGHT,
                              "pressure"),
    "once_you_decide": ("Once you make a decision, just let me know and I'll book it.", FLIGHT, "pressure"),
    "whoever_set_up_can_reset": ("Whoever set up your network can reset the printer's IP address.", PRINTER,
                                 "unprofessional"),
    "works_for_me_at_3pm": ("A call at 3pm works for me.", DASHBOARD, "dismissive"),
    "maybe_router_check": ("Maybe it's your router, could you restart it and tell me if it's faster?", DASHBOARD,
                           "blame"),
    "could_be_browser_cache": ("It could be your browser cache; let's clear it together.", DASHBOARD, "blame"),
    "sorts_itself_out_in_24h": ("It should sort itself out within 24 hours, once the update reaches your phone.",
                                CHARGED, "dismissive"),
    "website_for_more_details": ("I've rebooked you on the 6pm flight. Please check our website for more details.",
                                 STRANDED, "dismissive"),
    "website_options_with_link": ("Please check our website for rebooking options: https://example.com/rebook",
                                  STRANDED, "dismissive"),
    "error_message_not_given": ("What does the error message say exactly?", "Customer: My update keeps failing.",
                                "redundant_question"),
}


@pytest.mark.parametrize("name", sorted(MISSES_QA15))
def test_qa15_miss_is_flagged(name: str) -> None:
    draft, context, category = MISSES_QA15[name]
    assert _serious(draft, context, category), f"{name}: no {category} warning for {draft!r}"


@pytest.mark.parametrize("name", sorted(QUIET_QA15))
def test_qa15_lookalike_stays_quiet(name: str) -> None:
    draft, context, category = QUIET_QA15[name]
    assert not _serious(draft, context, category), f"{name}: {category} flagged {draft!r}"
