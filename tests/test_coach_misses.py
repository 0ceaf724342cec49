"""Reply coach, QA passes 8, 10, 11 and 12: bad drafts the agent-side detectors missed, each with made-up variants,
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


# QA pass 10: the same idea, one cue family per miss (case, made-up variants, polite look-alikes)
SERIAL_TONIGHT = "Customer: I'll check the serial number when I'm home tonight."
WHICH_SLOT = "Customer: I'm a bit confused about which repair slot to pick, can you explain the options?"
CASH_REFUND = "Customer: Can I get my refund in cash at the store?"
WAIVE_FEE = "Customer: Could you waive the shipping fee since the package arrived damaged?"
PHONE_CHARGER = "Customer: My tablet stopped charging after I used my phone charger."
TWO_FACTOR = "Customer: I don't understand how to set up two-factor authentication."
DIDNT_TOUCH = "Customer: My calendar stopped syncing yesterday, I didn't touch anything."
LASERJET = "Customer: I have an HP LaserJet Pro M404n and it won't print from my laptop."
ROUTER_RESTARTED = "Customer: I've restarted the router twice already and it's still not working."
CACHE_CLEARED = "Customer: I already cleared the cache and cookies, the page is still blank."

MISSES_QA10: dict[str, tuple[str, str | None, str]] = {
    # pressure v5: a demanded reply with any deadline, then "or / otherwise" and a threat to close or a loss
    "b05_answer_today_or_closing": ("I need an answer today or I'm closing this ticket.", SERIAL_TONIGHT, "pressure"),
    "send_it_today_or_closing": ("Send the serial number today or I'm closing the case.", SERIAL_TONIGHT, "pressure"),
    "confirm_by_5pm_or_cancel": ("Please confirm by 5pm today, or we will cancel the order.", None, "pressure"),
    "b39_reply_within_the_hour_otherwise": ("Hi, we need you to reply within the hour, otherwise we cannot guarantee "
                                            "your booking. Thanks!", WHICH_SLOT, "pressure"),
    "answer_within_10_minutes_or_lose": ("Answer within 10 minutes otherwise you'll lose your slot.", WHICH_SLOT,
                                         "pressure"),
    "let_us_know_by_friday_released": ("Let us know by Friday, otherwise the reservation will be released.",
                                       WHICH_SLOT, "pressure"),
    # dismissive v8: a curt refusal or correction with nothing else said
    "b08_lol_not_how_refunds_work": ("lol that's not how refunds work", CASH_REFUND, "dismissive"),
    "that_isnt_how_warranty_works": ("That isn't how the warranty works.", WAIVE_FEE, "dismissive"),
    "b24_sorry_no_next_question": ("Sorry, no. Next question?", WAIVE_FEE, "dismissive"),
    "nope_next_question": ("Nope. Next question.", WAIVE_FEE, "dismissive"),
    # condescending v7: "everyone knows", "a simple process", "most customers manage without help"
    "b25_everyone_knows": ("Everyone knows you can't use a USB-C charger from another brand. That's why it broke.",
                           PHONE_CHARGER, "condescending"),
    "everybody_knows_its_not": ("Everybody knows it's not waterproof.", PHONE_CHARGER, "condescending"),
    "b32_most_customers_without_assistance": ("I appreciate your concern, but this is a simple process that most "
                                              "customers complete without assistance.", TWO_FACTOR, "condescending"),
    "most_people_on_their_own": ("Most people manage this on their own in a couple of minutes.", TWO_FACTOR,
                                 "condescending"),
    "majority_of_users_themselves": ("The majority of users set it up themselves without any trouble.", TWO_FACTOR,
                                     "condescending"),
    # blame v6: the rule broken and the damage pinned on it; the passive voice on the customer's side
    "b25_thats_why_it_broke": ("Everyone knows you can't use a USB-C charger from another brand. That's why it "
                               "broke.", PHONE_CHARGER, "blame"),
    "you_shouldnt_thats_why_died": ("You shouldn't charge it overnight, that's why the battery died.", PHONE_CHARGER,
                                    "blame"),
    "b27_changed_on_your_device_which_caused": ("The settings appear to have been changed on your device, which "
                                                "caused the sync to stop.", DIDNT_TOUCH, "blame"),
    "deleted_from_your_account_which_is_why": ("The sync folder was deleted from your account, which is why "
                                               "nothing uploads.", DIDNT_TOUCH, "blame"),
    "changed_by_you_so": ("The calendar settings were changed by you, so the sync stopped.", DIDNT_TOUCH, "blame"),
    # redundant_question v7: any device by brand + model number; a fix the customer reported doing
    "b11_model_of_printer": ("What model of printer do you have?", LASERJET, "redundant_question"),
    "which_printer_model_brother": ("Which model is it?", "Customer: My Brother HL-L2350DW says offline.",
                                    "redundant_question"),
    "which_laptop_dell": ("Which laptop do you have?", "Customer: my Dell Inspiron 5420 won't boot after the update.",
                          "redundant_question"),
    "b40_have_you_restarted_the_router": ("Have you restarted the router?", ROUTER_RESTARTED, "redundant_question"),
    "did_you_try_rebooting_it": ("Did you try rebooting it?", ROUTER_RESTARTED, "redundant_question"),
    "have_you_cleared_the_cache": ("Did you try clearing the browser cache?", CACHE_CLEARED, "redundant_question"),
}

QUIET_QA10: dict[str, tuple[str, str | None, str]] = {
    "reply_within_the_hour_offer": ("If you can reply within the hour I can still hold the booking for you.",
                                    WHICH_SLOT, "pressure"),
    "reply_today_or_tomorrow": ("Reply today or tomorrow, whatever suits you.", WHICH_SLOT, "pressure"),
    "let_me_know_today_if_otherwise": ("Let me know today if you still need help, otherwise I'll close the ticket "
                                       "on Friday.", SERIAL_TONIGHT, "pressure"),
    "no_rush_tonight_is_fine": ("No rush, tonight is fine. I'll keep the ticket open until I hear from you.",
                                SERIAL_TONIGHT, "pressure"),
    "not_how_refunds_work_with_answer": ("Unfortunately that's not how refunds work here: they go back to the "
                                         "original card, and I can start that for you now.", CASH_REFUND,
                                         "dismissive"),
    "next_question_of_the_agent": ("Thanks! Next question: which browser are you using?", None, "dismissive"),
    "thats_how_it_works_explained": ("That's how it works: the fee is refunded once the damage report is in, and "
                                     "I've filed it for you.", WAIVE_FEE, "dismissive"),
    "most_customers_find_the_web_app": ("Most customers find the web app easiest; here's the link and I'm happy to "
                                        "walk you through it.", TWO_FACTOR, "condescending"),
    "many_customers_need_help": ("Many customers need help with this step, so let me walk you through it.",
                                 TWO_FACTOR, "condescending"),
    "everyone_knows_how_frustrating": ("Everyone knows how frustrating a dead tablet is, so let's get it fixed.",
                                       PHONE_CHARGER, "condescending"),
    "third_party_chargers_can_damage": ("Third-party chargers can damage the port, which is likely why it stopped; "
                                        "I'll book a free repair.", PHONE_CHARGER, "blame"),
    "reset_by_the_update": ("The settings were reset by the update on your device, which caused the sync to stop. "
                            "Let's switch them back together.", DIDNT_TOUCH, "blame"),
    "setting_changed_after_update": ("It looks like a setting on your device changed after the last update; let's "
                                     "switch it back together.", DIDNT_TOUCH, "blame"),
    "model_not_given_yet": ("What model of printer do you have?", "Customer: my printer won't print from my laptop.",
                            "redundant_question"),
    "restarted_router_asked_phone": ("Have you restarted your phone?", ROUTER_RESTARTED, "redundant_question"),
    "restart_request_once_more": ("Could you restart the router once more and tell me what the lights do?",
                                  ROUTER_RESTARTED, "redundant_question"),
    "restart_not_reported": ("Have you restarted the router?", "Customer: my internet has been down since this "
                             "morning.", "redundant_question"),
    "havent_restarted_yet": ("Have you restarted the router?", "Customer: I haven't restarted the router yet, "
                             "should I?", "redundant_question"),
}


@pytest.mark.parametrize("name", sorted(MISSES_QA10))
def test_qa10_miss_is_flagged(name: str) -> None:
    draft, context, category = MISSES_QA10[name]
    assert _serious(draft, context, category), f"{name}: no {category} warning for {draft!r}"


@pytest.mark.parametrize("name", sorted(QUIET_QA10))
def test_qa10_lookalike_stays_quiet(name: str) -> None:
    draft, context, category = QUIET_QA10[name]
    assert not _serious(draft, context, category), f"{name}: {category} flagged {draft!r}"


# --- QA pass 11 ---------------------------------------------------------------------------
PRINTER_UPDATE = "Customer: My printer still isn't working after the update."
APP_CRASHES = "Customer: The app crashes every time I upload a photo, I've reinstalled it twice."
SITE_DOWN = "Customer: The website won't load for me."
OUTLOOK_AGAIN = "Customer: Sorry to bother again, Outlook is crashing."
NO_VERIFY_EMAIL = "Customer: I never got the verification email."
EXPORT_CUT = "Customer: The export keeps cutting off half my data, this is a real problem for our audit."
MANAGER_TOMORROW = "Customer: I'll check with my manager tomorrow and get back to you."
ORDER_STATUS = "Customer: Could you please check my order status?"
COFFEE = "Customer: I spilled coffee on my keyboard and now it doesn't work."
SPEAKER = "Customer: My new speaker won't connect to bluetooth."
REFUND_WINDOW = "Customer: How long do I have to ask for a refund?"
STRETCHED = "Customer: Sorry, I'm not a computer person. The screen on my work PC is all stretched and blurry."
SLOW_NET = "Customer: I'm not technical at all, my internet is slow, what should I do?"
MAIL_OUT = "Customer: I'm not good with computers, my emails aren't going out."

MISSES_QA11: dict[str, tuple[str, str | None, str]] = {
    # dismissive v9: scope refusals with no hand-over, shrugs, "don't contact us until", "stop spamming"
    "b01_not_something_we_support": ("That's not something we support. Contact the manufacturer.", PRINTER_UPDATE,
                                     "dismissive"),
    "not_something_we_can_help_with": ("Sorry, this isn't something we can help with.", PRINTER_UPDATE,
                                       "dismissive"),
    "b21_outside_the_scope": ("Thank you so much for reaching out! Unfortunately that is outside the scope of what "
                              "we can help with. We wish you the best of luck resolving it!", APP_CRASHES,
                              "dismissive"),
    "beyond_the_scope_of_our_support": ("I'm afraid that is beyond the scope of our support. Good luck fixing it!",
                                        APP_CRASHES, "dismissive"),
    "b16_not_sure_what_to_tell_you": ("Not sure what to tell you.", SITE_DOWN, "dismissive"),
    "no_idea_what_else_to_tell_you": ("No idea what else to tell you.", SITE_DOWN, "dismissive"),
    "b34_just_how_the_software_works": ("I'm afraid that's just how the software works.", EXPORT_CUT, "dismissive"),
    "simply_the_way_it_is_designed": ("It's simply the way the system is designed.", EXPORT_CUT, "dismissive"),
    "b33_dont_contact_us_before_then": ("You can't log in until you verify your email, and we cannot resend it until "
                                        "24 hours have passed. Don't contact us before then.", NO_VERIFY_EMAIL,
                                        "dismissive"),
    "do_not_email_us_again_until": ("Do not email us again until the 24 hours are up.", NO_VERIFY_EMAIL,
                                    "dismissive"),
    "b17_stop_spamming_the_helpdesk": ("Stop spamming the helpdesk.", OUTLOOK_AGAIN, "dismissive"),
    "stop_emailing_support": ("Please stop emailing support about this.", OUTLOOK_AGAIN, "dismissive"),
    # pressure v6: a deadline, then "otherwise we'll assume it's resolved"
    "b28_by_end_of_day_assume_resolved": ("Just a friendly reminder that we will need your answer by end of day, "
                                          "otherwise we will assume the issue is resolved and close it.",
                                          MANAGER_TOMORROW, "pressure"),
    "reply_by_5pm_consider_resolved": ("Please reply by 5pm, otherwise we'll consider the ticket resolved.",
                                       MANAGER_TOMORROW, "pressure"),
    "response_today_or_mark_solved": ("We need a response today or we will mark this case as solved.",
                                      MANAGER_TOMORROW, "pressure"),
    # unprofessional v8: grudging help, mock surprise tagged on
    "b39_ugh_fine": ("ugh fine, I'll look at it. gimme a sec", ORDER_STATUS, "unprofessional"),
    "fine_ill_check_it": ("Fine, I'll check it.", ORDER_STATUS, "unprofessional"),
    "sigh_ok_ill_send_it": ("*sigh* ok, I'll send it again.", ORDER_STATUS, "unprofessional"),
    "b26_who_would_have_thought": ("Coffee and keyboards, who would have thought.", COFFEE, "unprofessional"),
    "liquid_and_laptops_who_knew": ("Liquid and laptops, who knew.", COFFEE, "unprofessional"),
    # blame v7: "You are doing wrong."
    "b38_you_are_doing_wrong": ("You are doing wrong.", SPEAKER, "blame"),
    "youre_doing_it_all_wrong": ("You're doing this all wrong, hold the button for five seconds.", SPEAKER, "blame"),
    "you_did_it_incorrectly": ("You did it incorrectly.", SPEAKER, "blame"),
    # condescending v8: "as is clearly stated", "actually read"
    "b29_clearly_stated_actually_read": ("As is clearly stated in our FAQ, which I'd encourage you to actually read, "
                                         "the refund window is 14 days.", REFUND_WINDOW, "condescending"),
    "as_clearly_explained_in_the_email": ("As clearly explained in the email, the refund window is 14 days.",
                                          REFUND_WINDOW, "condescending"),
    "suggest_you_actually_read": ("I suggest you actually read the instructions this time.", REFUND_WINDOW,
                                  "condescending"),
    # jargon v6 + glossary v2
    "b23_native_resolution_gpu": ("No worries! Just set the display to its native resolution and check the scaling "
                                  "in the GPU control panel.", STRETCHED, "jargon"),
    "b06_traceroute_packet_loss": ("Run a traceroute to isolate the hop with packet loss.", SLOW_NET, "jargon"),
    "b19_spf_dkim_mx": ("They'll check the SPF/DKIM records since your MX is misrouting.", MAIL_OUT, "jargon"),
    "escalated_to_l2": ("Your ticket was escalated to L2.", MAIL_OUT, "jargon"),
}

QUIET_QA11: dict[str, tuple[str, str | None, str]] = {
    "not_supported_but_handed_over": ("That's not something we support, but I've asked the manufacturer's support to "
                                      "call you today — their case number is 4471.", PRINTER_UPDATE, "dismissive"),
    "outside_scope_however_offer": ("That's outside the scope of our support, however here's what I can do: I'll "
                                    "reset it for you now.", APP_CRASHES, "dismissive"),
    "dont_contact_the_bank": ("Please don't contact the bank about this charge; we'll refund it today.", None,
                              "dismissive"),
    "dont_hesitate_to_contact_us": ("Don't hesitate to contact us again if it comes back.", NO_VERIFY_EMAIL,
                                    "dismissive"),
    "just_how_it_works_explained": ("That's just how the software works: exports are split into pages of 500 rows, "
                                    "so open page 2 for the rest.", EXPORT_CUT, "dismissive"),
    "good_luck_with_the_meeting": ("Good luck with the presentation tomorrow!", ORDER_STATUS, "dismissive"),
    "if_not_we_assume_resolved": ("Let me know by Friday if you still need help; otherwise we'll assume it's "
                                  "resolved.", MANAGER_TOMORROW, "pressure"),
    "no_rush_ticket_stays_open": ("No rush, get back to me whenever suits you; we'll keep the ticket open until "
                                  "then.", MANAGER_TOMORROW, "pressure"),
    "sure_give_me_a_second": ("Sure, I'll look at it now, give me a second.", ORDER_STATUS, "unprofessional"),
    "thats_fine_ill_check": ("That's fine, I'll check it for you now.", ORDER_STATUS, "unprofessional"),
    "who_would_have_thought_wonder": ("Who would have thought a tiny setting could cause this! Let's switch it back.",
                                      COFFEE, "unprofessional"),
    "not_doing_anything_wrong": ("You're not doing anything wrong; the speaker needs a firmware update first.",
                                 SPEAKER, "blame"),
    "if_youre_doing_it_wrong": ("If you're doing it wrong, the light blinks red, so watch for that.", SPEAKER,
                                "blame"),
    "as_stated_in_our_faq": ("As stated in our FAQ, the refund window is 14 days, so you still have until the 20th.",
                             REFUND_WINDOW, "condescending"),
    "once_you_actually_receive": ("Once you actually receive the parcel, you have 14 days to ask for a refund.",
                                  REFUND_WINDOW, "condescending"),
    "gpu_terms_to_a_sysadmin": ("Update the GPU driver and set the native resolution in the NVIDIA Control Panel.",
                                "Customer: I'm a sysadmin, the second monitor flickers on the new driver.", "jargon"),
}


@pytest.mark.parametrize("name", sorted(MISSES_QA11))
def test_qa11_miss_is_flagged(name: str) -> None:
    draft, context, category = MISSES_QA11[name]
    assert _serious(draft, context, category), f"{name}: no {category} warning for {draft!r}"


@pytest.mark.parametrize("name", sorted(QUIET_QA11))
def test_qa11_lookalike_stays_quiet(name: str) -> None:
    draft, context, category = QUIET_QA11[name]
    assert not _serious(draft, context, category), f"{name}: {category} flagged {draft!r}"


# --- QA pass 12 -----------------------------------------------------------------------------
LAPTOP_ON = "Customer: how do I turn on the laptop?"
APP_INSTALL = "Customer: my phone won't install the app"
BUTTON = "Customer: I pressed the button but nothing happened"
DISPUTE = "Customer: I want to dispute a charge on my bill."
KETTLE = "Customer: how do I get a refund for the broken kettle?"
WRONG_DATE = "Customer: my hotel booking is for the wrong date!"
VACUUM = "Customer: the robot vacuum keeps getting stuck under the sofa"
PACKAGE = "Customer: I'm not sure which broadband package to pick, can I think about it?"
WASHER = "Customer: my washing machine app won't connect since your firmware update"
VPN_NOT_TECH = "Customer: I'm not technical at all, the VPN keeps disconnecting, what do I do?"
BANK_79 = ("Customer: I'm 79 and not good with computers. The bank app says my login needs updating, what does "
           "that mean?")
LOST_THESIS = ("Customer: My laptop with my thesis died two days before the deadline and your repair shop lost it. "
               "I'm going to fail.")
DOUBLE_CHARGE = "Customer: I was charged twice this month and nobody has fixed it."
RED_LIGHT = "Customer: I don't really understand tech stuff, the internet light on my box is red."

MISSES_QA12 = {
    "b03_as_anyone_can_see": ("As anyone can see, the power button is the big one on the front. It's really not that "
                              "complicated.", LAPTOP_ON, "condescending"),
    "as_anybody_could_tell": ("As anybody could tell, the cable goes in the back.", LAPTOP_ON, "condescending"),
    "honestly_not_that_complicated": ("Honestly, this is really not that complicated.", LAPTOP_ON, "condescending"),
    "b20_again_slowly": ("Okay, let's try this again, slowly. The blue button. Not the red one. The blue one.", BUTTON,
                         "condescending"),
    "once_more_very_slowly": ("Once more, very slowly: press and hold the button.", BUTTON, "condescending"),
    "b31_be_more_careful": ("Mistakes were made when the form was filled in, so the booking went to the wrong date. "
                            "Please be more careful next time.", WRONG_DATE, "condescending"),
    "pay_more_attention": ("I've fixed the date. Pay more attention in future.", WRONG_DATE, "condescending"),
    "b09_a_you_problem": ("lol dude that's a you problem, your phone is ancient", APP_INSTALL, "dismissive"),
    "b09_lol_ancient_phone": ("lol dude that's a you problem, your phone is ancient", APP_INSTALL, "unprofessional"),
    "sounds_like_a_you_issue": ("Sounds like a you issue tbh.", APP_INSTALL, "dismissive"),
    "b15_great_idea_virus": ("Wow, great idea to install random software from the internet. Shockingly, now you have "
                             "a virus.", None, "unprofessional"),
    "brilliant_move_hacked": ("Brilliant move clicking that link. Now your account is hacked.", None, "unprofessional"),
    "shockingly_you_broke_it": ("You skipped the update. Shockingly, you're now locked out.", None, "unprofessional"),
    "b35_dont_call_again": ("Don't call us about this again, we don't handle billing disputes on this line, you "
                            "shouldn't have called here.", DISPUTE, "dismissive"),
    "do_not_email_about_this_again": ("Do not email us about this again.", DISPUTE, "dismissive"),
    "shouldnt_have_contacted_us": ("You shouldn't have contacted us, billing is a different line.", DISPUTE,
                                   "dismissive"),
    "b26_explained_in_manual": ("This happened because you didn't read the instructions. Everything is explained in "
                                "the manual.", VACUUM, "dismissive"),
    "its_all_in_the_instructions": ("It's all in the instructions.", VACUUM, "dismissive"),
    "b33_figure_it_out_with": ("I'm afraid there's nothing more I can do. You'll have to figure it out with the "
                               "manufacturer.", WASHER, "dismissive"),
    "b23_no_receipt_no_refund": ("You can't get a refund unless you send the receipt. No receipt, no refund. Don't "
                                 "send photos, we don't accept them.", KETTLE, "negative_phrasing"),
    "no_ticket_no_support": ("No ticket number, no support!", KETTLE, "negative_phrasing"),
    "we_dont_accept_returns": ("We don't accept returns.", KETTLE, "negative_phrasing"),
    "b34_cant_hold_forever": ("Hurry up and make a decision, the offer expires in 10 minutes and I can't hold it "
                              "forever.", PACKAGE, "pressure"),
    "wont_hold_the_price_all_day": ("The price is good today, but we won't hold the deal all day.", PACKAGE,
                                    "pressure"),
    "b06_fragmenting_tunnel": ("Flush your DNS cache, renew the DHCP lease and check that the MTU isn't fragmenting "
                               "over the IPsec tunnel.", VPN_NOT_TECH, "jargon"),
    "b19_totp_token": ("You'll need to enable two-factor authentication via TOTP and then re-provision the OAuth token "
                       "in the account console.", BANK_79, "jargon"),
    "b25_anything_else_after_lost_laptop": ("I understand your frustration and appreciate your patience. Is there "
                                            "anything else I can help you with today?", LOST_THESIS,
                                            "premature_closure"),
    "will_that_be_all_after_double_charge": ("Thanks for reaching out! Will that be all?", DOUBLE_CHARGE,
                                             "premature_closure"),
    "b32_ont_wan_port": ("Sounds like your ONT isn't getting a PPPoE session - could be a VLAN tagging issue on the "
                         "WAN port.", RED_LIGHT, "jargon"),
}

QUIET_QA12 = {
    "dont_call_the_bank": ("Please don't call the bank about this; I've already refunded it.", DISPUTE, "dismissive"),
    "shouldnt_have_to_call_again": ("You shouldn't have to call us again: the refund is on its way.", DISPUTE,
                                    "dismissive"),
    "should_have_received": ("You should have received an email from us yesterday with the details.", DISPUTE,
                             "dismissive"),
    "no_receipt_needed": ("No rush, and no receipt needed: a photo of the box is fine.", KETTLE, "negative_phrasing"),
    "no_rush_no_pressure": ("No rush, no pressure. Take your time.", KETTLE, "negative_phrasing"),
    "dont_accept_cheques_but_card": ("We don't accept cheques, but you can pay by card or bank transfer.", KETTLE,
                                     "negative_phrasing"),
    "again_together_slowly": ("Let's try it again together, slowly, one step at a time.", BUTTON, "condescending"),
    "again_slowly_step_by_step": ("Let's do it again, slowly, step by step, and I'll stay with you.", BUTTON,
                                  "condescending"),
    "as_you_can_see_screenshot": ("As you can see in the screenshot, the button is on the left.", LAPTOP_ON,
                                  "condescending"),
    "be_careful_lifting": ("Be careful next time you lift it: it's heavy. I'll send a new one.", WRONG_DATE,
                           "condescending"),
    "great_idea_back_up": ("Great idea to back up your photos first! Now let's reset the phone.", APP_INSTALL,
                           "unprofessional"),
    "great_idea_update_now_you_see": ("Great idea to install the update. Now you should see the new menu.",
                                      APP_INSTALL, "unprofessional"),
    "older_phone_kindly": ("Your phone is a bit older, so the app may not support it; here's what we can do.",
                           APP_INSTALL, "unprofessional"),
    "manual_page_12": ("It's in the manual on page 12, and I'll walk you through it here too.", VACUUM, "dismissive"),
    "anything_else_after_an_answer": ("I've refunded the second charge; you'll see it in 3-5 days. Is there anything "
                                      "else I can help with?", DOUBLE_CHARGE, "premature_closure"),
    "anything_else_after_thanks": ("Is there anything else I can help you with today?",
                                   "Customer: thanks, that worked perfectly", "premature_closure"),
    "take_as_long_as_you_need": ("Take as long as you need; I'll hold the offer for you until Friday.", PACKAGE,
                                 "pressure"),
}


@pytest.mark.parametrize("name", sorted(MISSES_QA12))
def test_qa12_miss_is_flagged(name: str) -> None:
    draft, context, category = MISSES_QA12[name]
    assert _serious(draft, context, category), f"{name}: no {category} warning for {draft!r}"


@pytest.mark.parametrize("name", sorted(QUIET_QA12))
def test_qa12_lookalike_stays_quiet(name: str) -> None:
    draft, context, category = QUIET_QA12[name]
    assert not _serious(draft, context, category), f"{name}: {category} flagged {draft!r}"
