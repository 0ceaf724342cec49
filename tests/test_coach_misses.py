"""Reply coach, QA pass 8: bad drafts the agent-side detectors missed, each with made-up variants,
and polite look-alikes that must stay quiet in the same category.

Each case is (draft, context, category). A miss must get a warning or problem in its category;
a quiet case must get nothing above info in it (other categories, e.g. no_acknowledgment, are
other tests' business).
"""

from __future__ import annotations

import pytest

from patiently.coach import check

ASKED_THREE_TIMES = ("Agent: Refunds take 10 business days.\nCustomer: When will I get my refund?\n"
                     "Agent: It takes 10 business days.\nCustomer: but when exactly?")
WHICH_NETWORK = ("Agent: To connect, select 'CorpNet' and use your network password.\n"
                 "Customer: which network do I choose?")
HINGE = "Customer: the laptop hinge snapped when I opened it"
NOT_TECHNICAL = "Customer: How do I join the Teams meeting from the invite? I'm not good with this stuff."
HOSPITAL = ("Customer: I can't believe you won't take it back, it was one day late because I was in "
            "hospital!")
RETURNED_PHONE = "Customer: I was charged for a phone I returned, please help."
ROUTER = "Customer: I have a Netgear Nighthawk R7000 router and it keeps dropping the Wi-Fi."
GAVE_EMAIL = ("Customer: My account is jen.ortiz@example.com and I can't log in. I already told your "
              "colleague this.")
STILL_BROKEN_AFTER_RESET = "Agent: I've reset your MFA.\nCustomer: ok but now I get 'invalid code' every time"
CONFIRMED_AFTER_RESET = "Agent: I've reset your MFA.\nCustomer: ok thanks, that worked"
URGENT_CALENDAR = ("Customer: Thanks for fixing email. Also my calendar is not syncing, it's urgent because of "
                   "tomorrow's board meeting.")
DOUBLE_BILLED = ("Customer: I've been double billed for three months and nobody is fixing it. This is "
                 "unacceptable.")
NEW_PHONE = ("Customer: I got a new phone and now I can't get the MFA codes. I'm not very good with technology, "
             "sorry.")

MISSES: dict[str, tuple[str, str | None, str]] = {
    # impatient_repeat v6: the pointer family with a count or a time, refusing to repeat, "check the previous message"
    "b12_like_i_said_twice": ("Like I said twice now, the refund takes 10 days.", ASKED_THREE_TIMES,
                              "impatient_repeat"),
    "like_ive_explained_three_times": ("As I've explained three times, the refund takes 10 days.", ASKED_THREE_TIMES,
                                       "impatient_repeat"),
    "ive_told_you_twice": ("I've told you twice now: 10 business days.", ASKED_THREE_TIMES, "impatient_repeat"),
    "b38_not_going_to_repeat": ("I'm not going to repeat myself. Check the previous message.", WHICH_NETWORK,
                                "impatient_repeat"),
    "i_wont_repeat_myself": ("I won't repeat myself.", WHICH_NETWORK, "impatient_repeat"),
    "see_my_last_reply": ("Please refer back to my previous message.", WHICH_NETWORK, "impatient_repeat"),
    # blame v5: a second-person fault verb and its consequence; "You typed it wrong."; "... yourself"
    "b16_you_broke_the_hinge": ("You broke the hinge by opening it too far, so this isn't covered.", HINGE, "blame"),
    "you_dropped_it_so": ("You dropped the laptop, so the warranty doesn't apply.", HINGE, "blame"),
    "you_damaged_which_voids": ("You damaged the screen, which voids the warranty.", HINGE, "blame"),
    "b39_you_typed_it_wrong": ("You typed the password wrong. Try again.", None, "blame"),
    "b24_unless_you_deleted_yourself": ("It's impossible to lose emails like that unless you deleted them yourself.",
                                        None, "blame"),
    "b27_the_update_you_skipped": ("The update you skipped broke things.", None, "blame"),
    # condescending v6
    "b33_anyone_could_figure_this_out": ("No offense, but anyone could figure this out. Click Join.", NOT_TECHNICAL,
                                         "condescending"),
    "everybody_manages_to_do_it": ("Everybody else manages to do it. Click Join.", NOT_TECHNICAL, "condescending"),
    "b07_another_person_who_cant": ("Another person who can't find the power button. It's the round one.", None,
                                    "condescending"),
    "b39_carefully_this_time": ("Try again, carefully this time.", None, "condescending"),
    "do_it_properly_this_time": ("Do it properly this time and it will work.", None, "condescending"),
    "b20_read_your_emails": ("The invoice was sent on the 3rd. Please read your emails.", None, "condescending"),
    # dismissive v7
    "b14_not_my_department_bare_referral": ("That's not my department. Contact the billing team.", RETURNED_PHONE,
                                            "dismissive"),
    "not_my_job_speak_to_it": ("Not my job. Speak to the IT team.", RETURNED_PHONE, "dismissive"),
    "b35_open_a_new_ticket": ("You'll need to open a new ticket for that, this one is about email. Bye.",
                              URGENT_CALENDAR, "dismissive"),
    "please_raise_a_separate_case": ("Please raise a separate case for the calendar.", URGENT_CALENDAR, "dismissive"),
    "b10_refer_to_the_faq": ("We understand your frustration. Please refer to the FAQ.", DOUBLE_BILLED, "dismissive"),
    "see_our_website": ("See our website.", DOUBLE_BILLED, "dismissive"),
    "b21_sorry_you_feel_that_way_anyway": ("I'm sorry you feel that way. Anyway, the return window closed yesterday.",
                                           HOSPITAL, "dismissive"),
    "sorry_youre_upset_regardless": ("Sorry you're upset, regardless the policy is 30 days.", HOSPITAL, "dismissive"),
    # unprofessional v7
    "b27_who_could_have_guessed": ("It crashed again. Who could have guessed.", None, "unprofessional"),
    "b22_again_i_guess": ("I'll reset it again I guess.", None, "unprofessional"),
    # redundant_question v6 (info lexicons)
    "b18_name_of_your_router": ("What's the name of your router?", ROUTER, "redundant_question"),
    "which_router_do_you_have": ("Which router do you have?", ROUTER, "redundant_question"),
    "b29_your_account_email": ("Please provide your account email so I can look into this.", GAVE_EMAIL,
                               "redundant_question"),
    "whats_your_login_email": ("What's your login email address?", GAVE_EMAIL, "redundant_question"),
    # premature_closure v6: the context's authorless agent line is no second helper
    "b34_problem_solved_while_broken": ("Problem solved then. Closing.", STILL_BROKEN_AFTER_RESET,
                                        "premature_closure"),
}

QUIET: dict[str, tuple[str, str | None, str]] = {
    "as_i_mentioned_with_steps": ("As I mentioned, the refund takes 10 days; here are the steps again: open Orders, "
                                  "then Refunds.", ASKED_THREE_TIMES, "impatient_repeat"),
    "ill_check_the_previous_message": ("Let me check the previous message and get back to you.", WHICH_NETWORK,
                                       "impatient_repeat"),
    "if_you_deleted_by_mistake": ("If you deleted the file by mistake, you can restore it from the Trash.", None,
                                  "blame"),
    "if_you_typed_it_wrong_it_locks": ("If you typed the password wrong three times, the account locks for "
                                       "15 minutes.", None, "blame"),
    "hinge_no_fault": ("I'm sorry the hinge snapped. I've booked a free repair under warranty.", HINGE, "blame"),
    "anyone_can_join": ("Anyone can join from the invite link: click Join, then Join now.", NOT_TECHNICAL,
                        "condescending"),
    "let_me_do_it_properly_this_time": ("Sorry about that, let me do it properly this time.", None, "condescending"),
    "check_your_inbox_for_the_link": ("Please check your inbox for the reset link.", None, "condescending"),
    "not_my_department_with_handover": ("That's not my department, but I've passed your case to billing and "
                                        "they'll email you today.", RETURNED_PHONE, "dismissive"),
    "not_my_department_with_contact": ("That's not my department, but the billing team can help: "
                                       "billing@example.com.", RETURNED_PHONE, "dismissive"),
    "i_opened_a_new_ticket": ("I've opened a new ticket for the calendar so the right team picks it up today.",
                              URGENT_CALENDAR, "dismissive"),
    "faq_with_link_and_offer": ("Our FAQ has screenshots for each step: [link]. I'm happy to go through them with "
                                "you too.", DOUBLE_BILLED, "dismissive"),
    "faq_section_link": ("Please refer to the FAQ at https://example.com/faq#billing.", DOUBLE_BILLED, "dismissive"),
    "sorry_you_feel_that_way_and_help": ("I'm sorry you feel that way, and I understand why. Let me see what I can "
                                         "do about the return window.", HOSPITAL, "dismissive"),
    "who_knew_glad": ("I'll reset it again for you now, sorry about that.", None, "unprofessional"),
    "router_not_named_yet": ("What's the name of your router?", "Customer: my Wi-Fi keeps dropping.",
                             "redundant_question"),
    "confirm_the_email": ("Could you confirm the account email is jen.ortiz@example.com?", GAVE_EMAIL,
                          "redundant_question"),
    "closing_after_confirmation": ("Problem solved then. Closing.", CONFIRMED_AFTER_RESET, "premature_closure"),
    # jargon v5: an app to open is a name to find, not a concept (g02)
    "g02_open_the_authenticator_app": ("No worries at all. Open the Microsoft Authenticator app on your new phone, "
                                       "tap the plus sign, and scan the QR code I just emailed you.", NEW_PHONE,
                                       "jargon"),
    "install_the_company_portal_app": ("Install the Company Portal app from the App Store, then sign in.", NEW_PHONE,
                                       "jargon"),
}


def _serious(draft: str, context: str | None, category: str) -> list[str]:
    r = check(draft, context=context)
    return [f.text for f in r.flags if f.category == category and f.severity in ("warning", "problem")]


@pytest.mark.parametrize("name", sorted(MISSES))
def test_qa8_miss_is_flagged(name: str) -> None:
    draft, context, category = MISSES[name]
    assert _serious(draft, context, category), f"{name}: no {category} warning for {draft!r}"


@pytest.mark.parametrize("name", sorted(QUIET))
def test_qa8_lookalike_stays_quiet(name: str) -> None:
    draft, context, category = QUIET[name]
    assert not _serious(draft, context, category), f"{name}: {category} flagged {draft!r}"


def test_jargon_after_open_is_still_jargon_when_not_an_app() -> None:
    # the v5 excuse is for apps only: "Open the DNS settings" still explains nothing
    assert _serious("Open the DNS settings and flush the cache.", NEW_PHONE, "jargon")
