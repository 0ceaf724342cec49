"""The coach on QA pass 21's failures (fix round 20, unmeasured on new drafts), through ``check()``: each missed case
and made-up variants must get a warning or a problem in the expected category, each false alarm and its variants must
not, and near-misses (patient replies with similar words) stay quiet, or still get the flag the false alarm lost.
Cue families, not phrases: confirm v6 (agent.premature_closure v14), coach_cues v14, blame v13 (agent.blame v14),
condescending v19, dismissive v19 (agent.dismissive v20), unprofessional v17, pressure v11 (agent.pressure v13),
non_technical v5 (customer.confusion v7, agent.jargon v12), info_given v8 (agent.redundant_question v11)."""

from __future__ import annotations

import pytest

from patiently.coach import check
from test_coach_misses import _serious

OUTLOOK = ("Customer: Outlook keeps asking for my password every few minutes.\nAgent: I've cleared the saved "
           "credentials on your account from our side. Could you restart Outlook and let me know if it asks "
           "again?\nCustomer: ")
CLOSE = "Glad to hear it. I'll close this ticket now; just reply if it comes back."
LABEL = "Customer: I got an email with a return label but I don't have a printer. What now?"
BANKING = ("Customer: Oh fantastic, the banking app has logged me out for the fifth time today. Really loving this new "
           "update.")

B35C = "Customer: I don't get this bill, I'm just a pensioner, why is there an extra charge?"
B23C = 'Customer: I need to reschedule my appointment but I have to check with work first.'
B32C = 'Customer: Can I get back to you about the upgrade after I talk to my business partner?'
B02C = 'Customer: My phone is locked, it says try again in 60 minutes.'
B15C = 'Customer: All my project boards disappeared from Teamly this morning!'
B21C = ("Customer: I'm a teacher and I can't log into the grading system, it says my account is disabled. Grades are "
    'due tomorrow!')
B40C = 'Customer: I\'m getting bounce-backs saying "550 5.1.1 user unknown" when I email a client at brightline.co.'
B27C = ("Customer: I've checked the DNS records, SPF and DKIM both pass, but Gmail still marks our newsletters as "
        "spam.")
B08C = 'Customer: bro my account got banned for no reason fix it'
B13C = "Customer: I plugged the printer into the wall but it still won't print from my laptop."
B31C = "Customer: Sorry my english. The app say 'error 403'. What mean?"

# QA pass 21's misses and made-up variants: (draft, context, category) that must get a warning or a problem there
MISSES_QA21 = {
    'b35': (
        "That's a pro-rated true-up from your mid-cycle plan change, net of the MRC credit, plus the regulatory "
        'recovery fee per the T&Cs.',
        B35C, 'jargon'),
    'only_an_oap': (
        "That's a pro-rated true-up from your mid-cycle plan change, net of the MRC credit, plus the regulatory "
        'recovery fee per the T&Cs.',
        "Customer: I'm only an OAP, what is this extra charge on my bill?", 'jargon'),
    'just_a_pensioner_router': (
        'Your ONT is fine; the DHCP lease on the CPE is expiring, so power-cycle the CPE.',
        "Customer: I'm just a pensioner and the internet keeps dropping, what do I do?", 'jargon'),
    'simply_a_senior_citizen': (
        "It's the pro-rated true-up net of the MRC credit.",
        "Customer: I'm simply a senior citizen, why is my bill higher?", 'jargon'),
    'b23': (
        "I'll need your answer before the end of this call, otherwise your slot goes to the next patient and the "
        'next opening is in 6 weeks.',
        B23C, 'pressure'),
    'slot_goes_to_someone_else': (
        'I need an answer today, otherwise the slot goes to someone else.',
        B23C, 'pressure'),
    'booking_will_go_to_next': (
        'Please confirm within the hour or your booking will go to the next person on the waiting list.',
        B23C, 'pressure'),
    'reply_by_friday_or_table': (
        'Let me know by 5pm, otherwise the table gets given to another party.',
        'Customer: Can I confirm the table for 8 later?', 'pressure'),
    'b32': (
        "Sure, though I should mention the 20% discount is only valid if you sign today, so I'd strongly recommend "
        'not letting your partner slow you down.',
        B32C, 'pressure'),
    'dont_let_wife_talk_you_out': (
        "This deal is gone tomorrow, so don't let your wife talk you out of it.",
        B32C, 'pressure'),
    'only_valid_if_you_order_now': (
        'The offer is only valid if you order today.',
        B32C, 'pressure'),
    'price_only_if_you_commit_now': (
        'That price only stands if you commit right now.',
        B32C, 'pressure'),
    'b02': (
        'That happens when someone enters the wrong passcode ten times in a row, which you did this morning. Maybe '
        "slow down a bit when you type it next time. You'll be able to try again at 11:40.",
        B02C, 'blame'),
    'if_someone_types_which_you_did': (
        'This happens if someone types the wrong PIN three times, which you did.',
        B02C, 'blame'),
    'which_is_exactly_what_you_did': (
        'It locks when a user enters the wrong password five times, which is exactly what you did at 9am.',
        B02C, 'blame'),
    'after_someone_ignores_which_you_did': (
        'The account is frozen after someone skips the security check twice, which you did yesterday.',
        B02C, 'blame'),
    'b15': (
        'Looking at the logs, the boards were archived from your login at 09:12. Users archiving things by mistake '
        'is the most common cause of these tickets. You can unarchive them under Settings.',
        B15C, 'blame'),
    'people_deleting_by_accident_number_one': (
        'People deleting boards by accident is the number one reason for these tickets.',
        B15C, 'blame'),
    'customers_without_reading_main_cause': (
        'Customers clicking Archive without reading the warning is the main cause of this.',
        B15C, 'blame'),
    'b21': (
        "Accounts get disabled when staff ignore the password expiry emails, which went out three times. I've "
        're-enabled it, but please read your emails in future.',
        B21C, 'blame'),
    'locked_when_users_forget': (
        "Accounts are locked when users forget to renew their password. I've unlocked yours.",
        B21C, 'blame'),
    'suspended_if_people_dont_read': (
        "Logins get suspended if people don't read the renewal notices.",
        B21C, 'blame'),
    'b40': (
        'What does the error message say exactly? Most of the time people just typo the address.',
        B40C, 'blame'),
    'usually_users_mistype': (
        'Usually users mistype the domain.',
        B40C, 'blame'),
    'nine_times_they_forget': (
        'Nine times out of ten, people forget the .com at the end.',
        B40C, 'blame'),
    'people_often_typo': (
        'People often typo this address, so double-check it.',
        B40C, 'blame'),
    'b02_condescending': (
        'That happens when someone enters the wrong passcode ten times in a row, which you did this morning. Maybe '
        "slow down a bit when you type it next time. You'll be able to try again at 11:40.",
        B02C, 'condescending'),
    'just_slow_down_next_time': (
        'You can try again at 11:40. Just slow down next time.',
        B02C, 'condescending'),
    'try_going_slower_in_future': (
        'It unlocks at 11:40; try going slower when you enter your PIN in future.',
        B02C, 'condescending'),
    'perhaps_type_more_slowly': (
        'Perhaps type more slowly next time. It unlocks at 11:40.',
        B02C, 'condescending'),
    'b21_condescending': (
        "Accounts get disabled when staff ignore the password expiry emails, which went out three times. I've "
        're-enabled it, but please read your emails in future.',
        B21C, 'condescending'),
    'so_read_your_emails_from_now_on': (
        "I've re-enabled it, so read your emails from now on.",
        B21C, 'condescending'),
    'do_read_your_messages_more_carefully': (
        "It's back on; do read your messages more carefully in future.",
        B21C, 'condescending'),
    'b27': (
        'Let me explain how email works first, since it can get a bit technical. When you send an email, it goes '
        "from your computer to a server, and then the server passes it on to the other person's server. Does that "
        'make sense so far?',
        B27C, 'condescending'),
    'start_with_basics_technical': (
        "I'll start with the basics, as this can be quite technical.",
        B27C, 'condescending'),
    'explain_how_internet_works_complicated': (
        'Let me first explain how the internet works, because it gets a little complicated.',
        B27C, 'condescending'),
    'b08': (
        'lol no reason huh, they all say that. the system flagged u for aimbot, ban stays. gg.',
        B08C, 'dismissive'),
    'thats_what_they_all_say': (
        "That's what they all say. The ban stays.",
        B08C, 'dismissive'),
    'heard_that_one_before': (
        "Heard that one before. The system doesn't flag people for nothing.",
        B08C, 'dismissive'),
    'sure_no_reason_huh': (
        'Sure, no reason, huh? The logs show an aimbot.',
        B08C, 'dismissive'),
    'everyone_says_that_lol': (
        'everyone says that lol. ban stays',
        B08C, 'dismissive'),
    'b13': (
        'Wow, plugging it in, bold move. Did you try installing the driver, or were we saving that for next week?',
        B13C, 'unprofessional'),
    'restarting_how_revolutionary': (
        'Restarting it, how revolutionary.',
        B13C, 'unprofessional'),
    'turning_it_off_very_brave': (
        'Turning it off and on again, very brave!',
        B13C, 'unprofessional'),
    'or_are_you_keeping_it': (
        'Have you updated the driver, or are you keeping that for a special occasion?',
        B13C, 'unprofessional'),
    'b31': (
        'Ugh, again with the 403s. It means forbidden. Your account probably got blocked, whatever, try another '
        'login.',
        B31C, 'unprofessional'),
    'sigh_not_this_again': (
        'Sigh, not this again. It means your account is blocked.',
        B31C, 'unprofessional'),
    'here_we_go_again_with_the': (
        'Here we go again with the password resets. Click Forgot password.',
        B31C, 'unprofessional'),
    'blocked_whatever_try': (
        "403 means forbidden. It's probably blocked, whatever, just make a new account.",
        B31C, 'unprofessional'),
    'b40_redundant_question': (
        'What does the error message say exactly? Most of the time people just typo the address.',
        B40C, 'redundant_question'),
    'bounces_saying': (
        'Could you send me the exact error?',
        'Customer: I keep getting bounces saying "address rejected" from one client.', 'redundant_question'),
    'newsletter_bounce_backs': (
        "What's the exact error?",
        "Customer: Our newsletter gets bounce-backs saying 'mailbox unavailable' from half the list.",
        'redundant_question'),
    'undeliverable_messages_saying': (
        'What does the error say?',
        'Customer: Emails to my landlord come back as undeliverable messages saying "host unknown".',
        'redundant_question'),
}
# near-misses: patient replies with similar words, which must get no warning or problem in that category
QUIET_QA21 = {
    'pensioner_plain': (
        'The extra £4.20 is because you moved to the bigger plan halfway through the month, so this bill covers a '
        'few days of the new price. Next month it goes back to normal.',
        B35C, 'jargon'),
    'just_a_question': (
        "It's the pro-rated true-up net of the MRC credit.",
        "Customer: I'm just a customer asking, why is there an extra charge?", 'jargon'),
    'just_a_pensioner_plain_router': (
        'Please switch the router off at the wall, wait a minute and switch it back on.',
        "Customer: I'm just a pensioner and the internet keeps dropping, what do I do?", 'jargon'),
    'slot_goes_info_no_demand': (
        "Of course. If the slot goes to someone else in the meantime, I'll find you the nearest one after it.",
        B23C, 'pressure'),
    'take_your_time_slot': (
        "Take your time to check with work; I'll hold the slot until Friday, and after that it goes back to the pool.",
        B23C, 'pressure'),
    'goes_to_the_next_step': (
        "Once you confirm, your booking goes to the clinic and they'll text you.",
        B23C, 'pressure'),
    'dont_let_setup_slow_you': (
        "Take all the time you need with your partner; the setup itself is quick, so don't let it slow you down "
        'later.',
        B32C, 'pressure'),
    'valid_30_days': (
        "Of course. The 20% discount is valid for 30 days, so there's plenty of time to talk it over with your "
        'partner.',
        B32C, 'pressure'),
    'valid_if_you_sign_before_march': (
        'Of course, talk to your partner. The discount is valid if you sign before the end of March.',
        B32C, 'pressure'),
    'which_yours_did': (
        'That happens when a phone installs an update overnight, which yours did this morning. You can try again '
        'at 11:40.',
        B02C, 'blame'),
    'may_not_have_been_you': (
        'That happens when someone enters the wrong passcode ten times in a row; it may not have been you, kids '
        'often do it. You can try again at 11:40.',
        B02C, 'blame'),
    'which_you_can_do': (
        'That happens when someone enters the wrong passcode ten times, which you can undo by waiting an hour.',
        B02C, 'blame'),
    'most_common_cause_expired_card': (
        "The most common cause of this is a sync error on our side; I've restored your boards from the 09:00 backup.",
        B15C, 'blame'),
    'archived_by_mistake_easy': (
        "The boards were archived at 09:12, maybe by mistake; it's an easy button to hit. I've restored them.",
        B15C, 'blame'),
    'users_report_most_common': (
        "Users tell us the new archive button is the most common cause of confusion, so we're moving it next week.",
        B15C, 'blame'),
    'disabled_if_you_dont_respond': (
        "Accounts get disabled if you don't respond within 30 days, so I've re-enabled yours and reset the clock.",
        B21C, 'blame'),
    'disabled_when_expiry_unanswered': (
        "Accounts get disabled when the password expiry emails go unanswered for 30 days; I've re-enabled yours now.",
        B21C, 'blame'),
    'disabled_when_licence_lapses': (
        "Staff accounts get disabled when the school's licence lapses; I've renewed it and re-enabled yours.",
        B21C, 'blame'),
    'most_of_the_time_typo_in_domain': (
        "Most of the time this error means the mailbox doesn't exist, so let's check the address with the client.",
        B40C, 'blame'),
    'usually_people_type_into': (
        "Usually people type the address into the To field; yours looks right, so I'll check with brightline.",
        B40C, 'blame'),
    'typo_easy_to_make': (
        "A typo in the domain is easy to make and the bounce says the mailbox doesn't exist; could you paste the "
        'address you used?',
        B40C, 'blame'),
    'take_your_time_no_rush': (
        "It unlocks at 11:40. Take your time when you type it; there's no rush.",
        B02C, 'condescending'),
    'phone_slows_down': (
        'The phone slows down the retries each time, so the next try opens at 11:40.',
        B02C, 'condescending'),
    'slow_down_the_animation': (
        'If the keypad feels fiddly, you can slow down the keyboard animation in Settings > Accessibility.',
        B02C, 'condescending'),
    'read_your_emails_from_us_about': (
        "I've re-enabled it, but please read your emails from us about the move: the first one has the new login "
        'link.',
        B21C, 'condescending'),
    'check_your_inbox_for_link': (
        "I've re-enabled it; please check your inbox for the reset link, it's valid for an hour.",
        B21C, 'condescending'),
    'we_will_email_in_future': (
        "I've re-enabled it, and in future we'll also text you before a password expires.",
        B21C, 'condescending'),
    'explain_spf_alignment': (
        "Let me explain how SPF alignment works, since it's a bit technical: Gmail checks that the From domain "
        'matches the one SPF passed for.',
        B27C, 'condescending'),
    'explain_forwarding_since_you_asked': (
        'Let me explain how email forwarding works first, since you asked about it.',
        B27C, 'condescending'),
    'gmail_reputation_technical': (
        "Since you've already checked SPF and DKIM, the next thing is Gmail's domain reputation; it can get a bit "
        'technical, so stop me if I skip a step.',
        B27C, 'condescending'),
    'they_all_say_that_but_review': (
        "I know, they all say that, but I'll send your account for a manual review today and email you the result.",
        B08C, 'dismissive'),
    'they_all_say_the_update_is_safe': (
        "The reviews of the anti-cheat update all say that it flags aimbots only; I'll check your logs now.",
        B08C, 'dismissive'),
    'heard_that_before_router': (
        "I've heard that before from other players, and it turned out to be a shared IP; let me check yours.",
        B08C, 'dismissive'),
    'no_reason_given': (
        "No reason was given for the ban in the email, right? I'll look it up for you.",
        B08C, 'dismissive'),
    'bold_move_linux_good_one': (
        'Bold move switching to Linux, and a good one: the driver is in the software centre.',
        B13C, 'unprofessional'),
    'bold_move_small_team': (
        "That's a bold move for a small office, but it'll pay off: shared printers save a lot.",
        B13C, 'unprofessional'),
    'saving_that_file': (
        'Are you saving that file for later? If so, print it from the Files app.',
        B13C, 'unprofessional'),
    'ugh_annoying_sorry': (
        "Ugh, that's annoying, sorry! Error 403 means the app is not allowed to open your account. I will unblock "
        'it now.',
        B31C, 'unprofessional'),
    'try_again_with_new': (
        "Error 403 means the app can't open your account. Please try it again with the new version from the store.",
        B31C, 'unprofessional'),
    'list_whatever_pick': (
        'You can use Chrome, Firefox, whatever, just pick one and log in there.',
        B31C, 'unprofessional'),
    'bounce_no_quote': (
        'What does the error message say exactly?',
        "Customer: I'm getting bounce-backs when I email a client at brightline.co.", 'redundant_question'),
    'bounce_quoted_other_question': (
        'Which address are you sending from, your work one or your personal one?',
        B40C, 'redundant_question'),
    'bounce_quote_confirm': (
        'Thanks, "550 5.1.1 user unknown" means their server doesn\'t know that mailbox. Could you paste the address '
        'you used?',
        B40C, 'redundant_question'),
}

# premature_closure: (draft, context) that must not be flagged / must still be flagged
CLOSURE_OK_QA21 = {
    "g09_hasnt_asked_once": ("Great to hear it's stayed quiet for an hour. I'll close this ticket now, but if it "
                             "starts asking again, just reply to this email and it will reopen straight away. Have a "
                             "good rest of your day!",
                             OUTLOOK + "Restarted it an hour ago and it hasn't asked once. Thanks!"),
    "hasnt_popped_up_once": (CLOSE, OUTLOOK + "It hasn't popped up once since this morning. Thanks!"),
    "havent_been_asked_once": (CLOSE, OUTLOOK + "Haven't been asked for it once since the restart. Cheers!"),
    "hasnt_logged_me_out_once": (CLOSE, OUTLOOK + "Been using it all afternoon and it hasn't logged me out once. Thank "
                                 "you so much!"),
}
CLOSURE_FLAGGED_QA21 = {
    "hasnt_asked_yet": (CLOSE, OUTLOOK + "It hasn't asked yet, but I only restarted a minute ago. Thanks!"),
    "hasnt_stopped_asking": (CLOSE, OUTLOOK + "It hasn't stopped asking since the restart. Thanks."),
    "refund_hasnt_arrived": (CLOSE, OUTLOOK + "The refund hasn't arrived since you sent it. Thanks!"),
    "hasnt_worked_once": (CLOSE, OUTLOOK + "It hasn't worked once since the update. Thanks."),
}

# no_acknowledgment: (draft, context) acknowledged enough / still going straight on
ACKNOWLEDGED_QA21 = {
    "g26_what_now": ("No problem, you don't need a printer. The email also has a QR code; show it on your phone at any "
                     "post office counter and they'll print the label for you, free of charge. Just bring the laptop "
                     "in its box or any sturdy bag.", LABEL),
    "scanner_now_what": ("You can sign it on your phone instead: open the link in the email and draw your signature.",
                         "Customer: The form has to be signed and scanned but I don't have a scanner. Now what?"),
    "pin_old_address_what_now": ("I can send a new PIN to your new address; it arrives in 3 to 5 days.",
                                 "Customer: My new card arrived but I moved house and the letter with the PIN went to "
                                 "my old address. What now?"),
    "no_car_what_do_i_do_now": ("The engineer will come to you on Tuesday between 9 and 12, so you don't need to "
                                "bring it anywhere.", "Customer: The repair shop wants the laptop brought in and I "
                                "don't have a car. What do I do now?"),
    "g11_drive_anyone_up_the_wall": ("Five log-outs in one day would drive anyone up the wall, sorry. Version 6.2.0 "
                                     "has a bug that signs people out when the phone switches between wifi and mobile "
                                     "data. The fix (6.2.1) goes out tomorrow. Until then, turning off Wi-Fi Assist in "
                                     "your phone's settings should stop it. I'll message you as soon as the update is "
                                     "live.",
                                     BANKING),
    "drive_anyone_mad": ("That would drive anyone mad. The fix goes out tomorrow; until then turn off Wi-Fi Assist.",
                         BANKING),
    "enough_to_drive_anyone": ("Being logged out five times is enough to drive anyone round the bend. The fix goes out "
                               "tomorrow.", BANKING),
    "make_anybody_lose_patience": ("That would make anybody lose their patience. The fix goes out tomorrow.", BANKING),
    "trailing_sorry": ("Five log-outs in a day, sorry. The fix goes out tomorrow.", BANKING),
}
UNACKNOWLEDGED_QA21 = {
    "what_now_third_time": ("You can show the QR code at the post office instead.",
                            "Customer: The label failed to print AGAIN, third time this week!! What now?"),
    "what_now_waited": ("You can show the QR code at the post office instead.",
                        "Customer: I've been waiting three weeks for my refund and nobody answers. What now?"),
    "what_now_ridiculous": ("Use the QR code at the post office instead.",
                            "Customer: This is ridiculous, your label link is broken. What now?"),
    "anyone_who_switches": ("Version 6.2.0 logs out anyone who switches networks. The fix goes out tomorrow.", BANKING),
    "drive_the_battery": ("Wi-Fi Assist would drive the battery down anyway. The fix goes out tomorrow.", BANKING),
    "sorry_for_my_english": ("The fix goes out tomorrow, sorry for my English.", BANKING),
}


@pytest.mark.parametrize("name", sorted(CLOSURE_OK_QA21))
def test_qa21_confirmed_closure_is_not_flagged(name: str) -> None:
    draft, context = CLOSURE_OK_QA21[name]
    assert not _serious(draft, context, "premature_closure"), name


@pytest.mark.parametrize("name", sorted(CLOSURE_FLAGGED_QA21))
def test_qa21_unconfirmed_closure_is_still_flagged(name: str) -> None:
    draft, context = CLOSURE_FLAGGED_QA21[name]
    assert _serious(draft, context, "premature_closure"), name


@pytest.mark.parametrize("name", sorted(ACKNOWLEDGED_QA21))
def test_qa21_acknowledgment_false_alarm_is_gone(name: str) -> None:
    draft, context = ACKNOWLEDGED_QA21[name]
    r = check(draft, context=context)
    assert not [f for f in r.flags if f.severity != "info"], (name, [(f.category, f.text) for f in r.flags])


@pytest.mark.parametrize("name", sorted(UNACKNOWLEDGED_QA21))
def test_qa21_lookalike_still_needs_acknowledgment(name: str) -> None:
    draft, context = UNACKNOWLEDGED_QA21[name]
    assert _serious(draft, context, "no_acknowledgment"), name


@pytest.mark.parametrize("name", sorted(MISSES_QA21))
def test_qa21_miss_is_flagged(name: str) -> None:
    draft, context, category = MISSES_QA21[name]
    assert _serious(draft, context, category), f"{name}: no {category} warning for {draft!r}"


@pytest.mark.parametrize("name", sorted(QUIET_QA21))
def test_qa21_lookalike_stays_quiet(name: str) -> None:
    draft, context, category = QUIET_QA21[name]
    assert not _serious(draft, context, category), f"{name}: {category} flagged {draft!r}"
