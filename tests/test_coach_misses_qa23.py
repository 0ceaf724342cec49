"""The coach on QA pass 23's failures (fix round 24), through ``check()``: each missed case and made-up variants
must get a warning or a problem in the expected category, each false alarm and its variants must not, and near-misses
(patient replies with similar words) stay quiet. Cue families, not phrases: pressure v13 (agent.pressure v16),
dismissive v22 (agent.dismissive v23), condescending v22 (agent.condescending v22), blame v15 (agent.blame v16),
unprofessional v19 (agent.unprofessional v19), coach_cues v16 (reassurance as acknowledgment, the customer's mood),
non_technical v6 (customer.confusion, agent.jargon); code: agent.premature_closure v16 (a fix confirmed with a second
request in the same message is no end: b20). Left open: g18 ("As I mentioned earlier" to a customer who did not
repeat anything, arguable) and the customer asking back what was just answered ("what was it again?") not read as
repeating."""

from __future__ import annotations

import pytest

from patiently.coach import check
from test_coach_misses import _serious

RENEW = "Customer: I'm still deciding whether to renew my subscription."
SLOW = "Customer: My phone is running slow, can you help?"
APPT = "Customer: I'm not sure I can make the 9am appointment, can I let you know tomorrow?"
SALES = "Customer: I was told by your sales team that installation was free, but I was billed $99."
CHARGE = "Customer: My bank shows a charge from you that I don't recognise."
GAME = "Customer: The game freezes on level 12 every single time, I can't progress."
CRASH = "Customer: The app crashes every time I open my camera roll, I've lost so much time on this."
DOC = "Customer: I'm a doctor, not a techie. How do I share my screen on the video call?"
KID = "Customer: I want make appointment for my son vaccine, he is 4 years. Which day is possible?"
DL = "Customer: why is the download taking so long?"
CURVE = "Customer: I don't understand how the grading curve works."
SLOWPC = "Customer: The game stutters on my laptop even on low settings."
LAPTOP = "Customer: My laptop won't turn on after the update."
LATE = "Customer: Why was I charged a late fee? I paid on the 3rd."
DEL = "Customer: I accidentally deleted the whole shared folder. Can you restore it?"
FIXED = "Customer: I ran the repair tool like you said and now everything works!"
SPILL = "Customer: I think I spilled tea on the laptop."
ESSAY = ("Customer: I submitted my essay but the portal says 'not submitted' and the deadline is tonight. I'm"
         " so stressed.")
VISA = ("Customer: My visa letter has the wrong birth date and my embassy appointment is Monday. Please help,"
        " I'm panicking.")
TAX = "Customer: I'm really stressed, my tax return is due Friday and the upload keeps failing."
ANGRYC = "Customer: This is ridiculous, your useless portal lost my essay and the deadline is tonight!!"
PRINT = "Customer: The printer works now, but I also can't scan to email. Can you help with that too?"
WIFI = "Customer: Wifi is working again, thanks! One more thing: how do I change the network name?"
DONE = "Customer: The printer works now, thanks so much!"
ALSO_THANKS = "Customer: It works now. Thanks, you've been great too!"
SYSADMIN = "Customer: I'm a sysadmin. Your API returns 502 on every POST to /v2/orders since 10:00 UTC."

# QA pass 23's misses and made-up variants: (draft, context, category) that must get a warning or a problem there
MISSES_QA23 = {
    "b20": (
        "Glad the printer is working! Since the original issue is resolved, I'll close this ticket now. Have "
        "a great day!",
        PRINT, "premature_closure"),
    "close_after_one_more": (
        "Great, glad it's working! I'll close this ticket now.",
        WIFI, "premature_closure"),
    "close_after_as_well": (
        "Great! Closing the ticket now, have a good day.",
        "Customer: Outlook opens now, thank you. Could you look at my calendar sync as well?", "premature_closure"),
    "mark_resolved_second_request": (
        "Perfect, I'll mark this as resolved then.",
        PRINT, "premature_closure"),
    "b24": (
        "Have you made sure you're connected to the internet? A 502 usually means something is wrong on your "
        "computer. Try restarting your computer first.",
        SYSADMIN, "blame"),
    "normally_means_problem_device": (
        "That error normally means a problem with your device.",
        SYSADMIN, "blame"),
    "usually_means_issue_network": (
        "A 502 usually means there's an issue with your network.",
        SYSADMIN, "blame"),
    "just_means_wrong_your_end": (
        "It just means something is wrong on your end.",
        SYSADMIN, "blame"),
    "b05": (
        "This offer expires in one hour. If you don't renew now, you will lose all your data and your "
        "discount permanently.",
        RENEW, "pressure"),
    "b35": (
        "Honestly, your best option is to upgrade today. If you don't take the new plan now, the deal is gone"
        " and we won't be able to help you with that old phone anymore.",
        SLOW, "pressure"),
    "dont_upgrade_today_miss": (
        "If you don't upgrade today you'll miss the discount.",
        SLOW, "pressure"),
    "dont_sign_now_price_gone": (
        "If you don't sign up now, the special price is gone for good.",
        RENEW, "pressure"),
    "dont_renew_now_lose": (
        "If you don't renew right now you'll lose everything.",
        RENEW, "pressure"),
    "deal_ends_30_min": (
        "The deal ends in 30 minutes, so shall I put you down?",
        RENEW, "pressure"),
    "price_valid_two_hours": (
        "This price is only valid for two hours.",
        RENEW, "pressure"),
    "b16": (
        "If you can't confirm right now, I'll have to give the slot away. Our next opening isn't for three "
        "months, so it's up to you.",
        APPT, "pressure"),
    "cant_confirm_now_release": (
        "If you don't confirm now, we'll release your place to someone else.",
        APPT, "pressure"),
    "cant_book_immediately": (
        "If you can't book right away, I'll need to give it to the next patient.",
        APPT, "pressure"),
    "dont_answer_now_slot_goes": (
        "If you can't answer now, the appointment goes to someone on the waiting list.",
        APPT, "pressure"),
    "b40": (
        "I'm in technical support, I can't do anything about what sales told you. You'll have to call them.",
        SALES, "dismissive"),
    "cant_do_anything_about_that": (
        "Sorry, we can't really do anything about that.",
        SALES, "dismissive"),
    "youll_need_to_contact_them": (
        "Billing is separate from us. You'll need to contact them.",
        SALES, "dismissive"),
    "youd_have_to_ring_them": (
        "That was the sales team, so you'd have to ring them yourself.",
        SALES, "dismissive"),
    "b17": (
        "That's between you and your bank. We don't handle disputes.",
        CHARGE, "dismissive"),
    "between_you_card_issuer": (
        "This is really between you and your card issuer.",
        CHARGE, "dismissive"),
    "we_dont_handle_chargebacks": (
        "Sorry, we don't handle chargebacks.",
        CHARGE, "dismissive"),
    "between_you_and_the_bank": (
        "I'm afraid that's between you and the bank.",
        CHARGE, "dismissive"),
    "b23": (
        "Yeah, that's a known issue. Just wait for a patch.",
        GAME, "dismissive"),
    "youll_have_to_wait_next_update": (
        "You'll have to wait for the next update.",
        GAME, "dismissive"),
    "just_wait_for_the_fix": (
        "Known bug. Just wait for the fix!",
        GAME, "dismissive"),
    "wait_for_a_new_release": (
        "That's a known crash, so you'll need to wait for a new release.",
        GAME, "dismissive"),
    "b04": (
        "We haven't had any other reports of that, so it's probably nothing on our end. Try reinstalling.",
        CRASH, "dismissive"),
    "likely_not_anything_our_side": (
        "It's likely not anything on our side.",
        CRASH, "dismissive"),
    "must_be_nothing_our_end": (
        "That must be nothing on our end then.",
        CRASH, "dismissive"),
    "probably_nothing_wrong_our_end": (
        "Probably nothing wrong on our end, try again.",
        CRASH, "dismissive"),
    "still_like_explaining": (
        "It's like explaining it to a 5-year-old.",
        DOC, "condescending"),
    "still_even_a_5_year_old": (
        "Even a five-year-old could do this.",
        DOC, "condescending"),
    "b14": (
        "Sure, I'll keep this really basic for you. You see the button that says Share? Press it. That's it, "
        "nothing scary.",
        DOC, "condescending"),
    "keep_it_easy_for_you": (
        "I'll keep it nice and easy for you.",
        DOC, "condescending"),
    "make_it_basic_for_you": (
        "Let me make this super basic for you, since it's technical.",
        DOC, "condescending"),
    "keep_it_plain_for_you": (
        "Don't worry, I'll keep things very basic for you.",
        DOC, "condescending"),
    "b38": (
        "Dude, it's a 50 GB file, what did you expect? Just chill and wait.",
        DL, "condescending"),
    "what_did_you_expect_alone": (
        "Well, what did you expect? It's peak time.",
        DL, "condescending"),
    "what_else_did_you_expect": (
        "It's 4K video, what else did you expect?",
        DL, "condescending"),
    "chill_and_be_patient": (
        "Chill and be patient, it'll finish.",
        DL, "condescending"),
    "b30_most_students": (
        "Most students figure it out on their own.",
        CURVE, "condescending"),
    "most_parents_manage": (
        "Most parents manage this without any help.",
        CURVE, "condescending"),
    "most_players_find": (
        "Most players find it on their own.",
        CURVE, "condescending"),
    "b33_computer_clearly": (
        "Your computer clearly isn't good enough.",
        SLOWPC, "condescending"),
    "laptop_obviously_too_old": (
        "Your laptop is obviously too old for this.",
        SLOWPC, "condescending"),
    "pc_clearly_cant_handle": (
        "Your PC clearly can't handle it.",
        SLOWPC, "condescending"),
    "b02": (
        "You probably shut it down during the update, which is why it's broken. You need to send it in for "
        "repair.",
        LAPTOP, "blame"),
    "must_have_unplugged": (
        "You must have unplugged it mid-update, and that's what broke it.",
        LAPTOP, "blame"),
    "likely_turned_off": (
        "You likely turned it off too early, which is why it won't boot.",
        LAPTOP, "blame"),
    "obviously_interrupted": (
        "You obviously interrupted the update, that's why it's dead.",
        LAPTOP, "blame"),
    "b27_because_after_due": (
        "Because you paid after the due date.",
        LATE, "blame"),
    "because_paid_past_deadline": (
        "Because you paid past the deadline!",
        LATE, "blame"),
    "because_submitted_after_cutoff": (
        "Because you submitted it after the cut-off.",
        LATE, "blame"),
    "because_renewed_after_expiry": (
        "Because you renewed after the expiry date.",
        LATE, "blame"),
    "b18": (
        "Wow, impressive work. Yes, I'll restore it, but maybe don't click delete on everything next time.",
        DEL, "unprofessional"),
    "amazing_job": (
        "Amazing job! I'll get it back.",
        DEL, "unprofessional"),
    "very_impressive": (
        "Very impressive. Restoring it now.",
        DEL, "unprofessional"),
    "stellar_effort": (
        "Stellar effort. Let me see what's left.",
        SPILL, "unprofessional"),
}

# Near-misses: patient replies with similar words, which must stay quiet in that category
QUIET_QA23 = {
    "q_close_after_confirm": (
        "Glad the printer is working! I'll close this ticket now. Have a great day!",
        DONE, "premature_closure"),
    "q_answers_second_then_close": (
        "Glad the printer is working! For scanning, open the printer's panel, tap Scan, then Email. Let me "
        "know if it sends, and I'll keep the ticket open until then.",
        PRINT, "premature_closure"),
    "q_thanks_too": (
        "Glad it's working! I'll close this ticket now. Have a great day!",
        ALSO_THANKS, "premature_closure"),
    "q_our_side": (
        "Thanks for the precise report. A 502 usually means something is wrong on our side: our gateway lost "
        "the orders service at 09:58, and it's being restarted now.",
        SYSADMIN, "blame"),
    "q_token_check": (
        "A 401 usually means something is wrong with the token; could you check it hasn't expired?",
        SYSADMIN, "blame"),
    "q_means_nothing_wrong": (
        "A 502 means nothing is wrong on your computer: our load balancer is failing, and we're on it.",
        SYSADMIN, "blame"),
    "expected_vs_got_irc": ("Didn't work? How? What did you expect? What did you get?", DL, "condescending"),
    "q_dont_renew_stays": (
        "No rush. If you don't renew, your data stays safe for 90 days, so take the time you need.",
        RENEW, "pressure"),
    "q_dont_save_now": (
        "If you don't save now, you'll lose your changes, so press Ctrl+S first.",
        SLOW, "pressure"),
    "q_expires_date": (
        "The offer expires on 31 March, so there's plenty of time to decide.",
        RENEW, "pressure"),
    "q_expires_days": (
        "This offer is valid for 30 days, take your time.",
        RENEW, "pressure"),
    "q_dont_upgrade_fine": (
        "If you don't upgrade now, that's fine: the deal is there until the end of the month.",
        SLOW, "pressure"),
    "q_hold_until_friday": (
        "Of course. If you can't confirm today, I'll hold the slot until Friday for you.",
        APPT, "pressure"),
    "q_can_confirm_now": (
        "Sure! If you can confirm now, I'll give you the earlier slot; otherwise tomorrow is fine too.",
        APPT, "pressure"),
    "q_tomorrow_fine": (
        "Tomorrow is fine. I'll keep the 9am slot for you until noon tomorrow.",
        APPT, "pressure"),
    "q_call_them_number": (
        "I'm sorry about the $99. Sales can refund it: you'll need to call them on 0800 123 456, and I've "
        "noted your case.",
        SALES, "dismissive"),
    "q_ill_call_them": (
        "I'm sorry, that's not right. I'll call them for you and get the $99 refunded today.",
        SALES, "dismissive"),
    "q_cant_do_anything_but": (
        "I can't do anything about the bill myself, but I've passed it to sales and they'll refund you by "
        "Friday.",
        SALES, "dismissive"),
    "q_wont_have_to": (
        "You won't have to call them: I've asked sales to refund the $99 and they'll email you today.",
        SALES, "dismissive"),
    "q_difference_between": (
        "Let me check. The difference between your bank's figure and ours is a pending hold that drops off in"
        " 3 days.",
        CHARGE, "dismissive"),
    "q_charge_found": (
        "I'm sorry for the worry. I found it: it's your annual renewal from 3 May. I can refund it now if you"
        " didn't mean to renew.",
        CHARGE, "dismissive"),
    "q_dispute_handled": (
        "We don't handle disputes here, but I've passed your case to our billing team and they'll email you "
        "today.",
        CHARGE, "dismissive"),
    "q_patch_thursday": (
        "Sorry, that's a known freeze on level 12. The patch is out Thursday; until then, lowering the "
        "graphics setting avoids it.",
        GAME, "dismissive"),
    "q_wait_for_update_minutes": (
        "Sorry about that! Please wait for the update to finish; it takes about 10 minutes and fixes the "
        "freeze.",
        GAME, "dismissive"),
    "q_wait_for_patch_offer": (
        "Sorry, it's a known bug. The patch lands next week, and I can send you a save past level 12 in the "
        "meantime.",
        GAME, "dismissive"),
    "q_nothing_on_your_end": (
        "I'm sorry for the lost time! It's nothing on your end: a bug in 6.1 crashes the camera roll, and 6.2"
        " fixes it today.",
        CRASH, "dismissive"),
    "q_checked_not_our_end": (
        "Sorry about that. I checked our logs and nothing on our end shows a crash, so could you send me your"
        " phone model?",
        CRASH, "dismissive"),
    "q_probably_on_our_end": (
        "I'm sorry, that's a lot of lost time. It's probably something on our end, so I've sent it to the "
        "developers.",
        CRASH, "dismissive"),
    "q_keep_it_basic_colon": (
        "I'll keep this basic: click Share at the bottom, then pick your screen.",
        DOC, "condescending"),
    "q_basic_plan_for_you": (
        "The basic plan is enough for you: it includes screen sharing.",
        DOC, "condescending"),
    "q_basic_steps": (
        "Here are the basic steps: click Share at the bottom of the call, then pick your screen.",
        DOC, "condescending"),
    "q_what_did_you_expect_to_see": (
        "Sorry it's slow! What did you expect to see on the progress bar, a time or a percentage?",
        DL, "condescending"),
    "q_what_youd_expect": (
        "It's a 50 GB file, so it takes longer than you'd expect; at your speed about 40 minutes. Sorry for "
        "the wait!",
        DL, "condescending"),
    "q_chill_in_fridge": (
        "Sorry for the wait! While it downloads, the game runs the shaders; you can relax and it'll finish in"
        " about 20 minutes.",
        DL, "condescending"),
    "q_many_students_ask": (
        "Many students ask about this, so you're in good company. The curve moves every grade up by 5 points.",
        CURVE, "condescending"),
    "q_students_own_pace": (
        "Students work through the modules at their own pace, so don't worry; the curve adds 5 points to "
        "everyone.",
        CURVE, "condescending"),
    "q_most_students_find_helpful": (
        "Most students find the worked example helpful, so here it is: a 70 becomes a 75.",
        CURVE, "condescending"),
    "q_laptop_fact": (
        "Sorry about the stutter. Your laptop has 4 GB of memory and the game needs 8 GB, so turning off "
        "shadows should help most.",
        SLOWPC, "condescending"),
    "q_clearly_not_your_laptop": (
        "Sorry! It's clearly not your laptop: a bug in 1.3 stutters on every machine, and 1.4 fixes it.",
        SLOWPC, "condescending"),
    "q_good_enough": (
        "Your laptop is good enough for low settings, so let's check the driver first.",
        SLOWPC, "condescending"),
    "q_if_shut_down": (
        "I'm sorry! If it was shut down during the update, that can stop it booting; let's try recovery mode "
        "together.",
        LAPTOP, "blame"),
    "q_restarted_working": (
        "You probably restarted it, which is why it's working now. Great!",
        LAPTOP, "blame"),
    "q_update_interrupted": (
        "Sorry about this. The update was probably interrupted by a power cut on our server side, which is "
        "why it won't start; I'll send a recovery link.",
        LAPTOP, "blame"),
    "q_because_goes_on": (
        "Sorry for the confusion. Because the payment reached us after the due date, a fee was added; since "
        "you paid on the 3rd, I've removed it.",
        LATE, "blame"),
    "q_due_date_info": (
        "The due date was the 1st, and your payment on the 3rd arrived late because of the bank holiday, so "
        "I've waived the fee.",
        LATE, "blame"),
    "q_because_bank": (
        "Sorry! It's because your bank sent it after the due date; I've waived the fee this time.",
        LATE, "blame"),
    "q_impressive_after_fix": (
        "Impressive work! Glad it's working now.",
        FIXED, "unprofessional"),
    "q_amazing_job_fixed": (
        "Amazing job, and thanks for letting me know!",
        FIXED, "unprofessional"),
    "q_no_worries_restore": (
        "No worries, it happens! I've restored the folder from the recycle bin; it should reappear within a "
        "minute.",
        DEL, "unprofessional"),
    "q_impressive_mid_sentence": (
        "It's impressive how fast you spotted it. I've restored the folder from the recycle bin.",
        DEL, "unprofessional"),
}

# QA pass 23's false alarms and variants: good replies with no warning or problem at all
GOOD_QA23 = {
    "qa19_g21_easy_to_sort_out": (
        "That's okay, lots of people get asked this and it's easy to sort out. The passcode is just a 6-number code "
        "you choose yourself, so you don't need to remember an old one. On the screen where it asks, tap \"Forgot "
        "passcode?\" at the bottom.",
        "Customer: I'm not good with phones. The bank app asks me for a 'passcode' but I never made one."),
    "g22": (
        "Of course! For a 4-year-old's vaccine visit, we have openings on Wednesday 12 June at 10:00 or "
        "Friday 14 June at 15:30. Please tell me which day is better, and I will book it. Bring his "
        "vaccination card if you have it.",
        KID),
    "g22_child_dose": (
        "For a 4-year-old child the booster is a single jab, and it takes five minutes.",
        KID),
    "g22_visit_slot": (
        "A slot for a 4-year-old visit is 20 minutes; Wednesday at 10:00 is free.",
        KID),
    "g07": (
        "Your essay is safe: our logs show your upload at 4:12 pm, well before tonight's deadline. The 'not "
        "submitted' label is a display bug we're fixing today. I've also emailed your instructor to confirm "
        "the time stamp, so your submission is on record either way.",
        ESSAY),
    "g33": (
        "We can fix this well before Monday, so please try not to panic. I've asked the registrar to reissue "
        "your letter with the correct birth date, and they've promised it today by 5 pm. I'll email you the "
        "signed PDF as soon as it arrives, and a printed copy will be ready to collect from the front desk "
        "tomorrow morning.",
        VISA),
    "tax_well_ahead": (
        "We'll have this uploaded well ahead of Friday's deadline. I've reset the upload limit on your "
        "account; please try once more and I'll watch it from here.",
        TAX),
    "visa_comfortably_before": (
        "The new letter will reach you comfortably before your appointment: the registrar is reissuing it "
        "today.",
        VISA),
    "essay_try_not_to_worry": (
        "Please try not to worry. Your upload reached us at 4:12 pm and is on record; the label is a display "
        "bug.",
        ESSAY),
}

# Still no acknowledgment: a bare deadline, "try not to" with no worry named, and an angry customer
STILL_UNACKNOWLEDGED_QA23 = {
    "q_before_monday_plain": (
        "Send the corrected details before Monday and we'll see what we can do.",
        VISA),
    "q_try_not_to_click": (
        "Try not to click submit again. The label is a display bug.",
        ESSAY),
    "q_angry_well_before": (
        "Your essay arrived well before tonight's deadline. The label is a display bug.",
        ANGRYC),
}

# The customer's mood: (context, state the coach should or should not read)
MOOD_QA23 = {
    "g02_not_good_with_phones": ("Customer: My grandson set up this photo app and now I can't find the pictures from "
                                 "Christmas. I'm not good with phones.", "non_technical", True),
    "hopeless_with_smartphones": ("Customer: I'm hopeless with smartphones, where do I find my photos?",
                                  "non_technical", True),
    "not_confident_with_tablets": ("Customer: I'm not very confident with tablets. How do I open the app?",
                                   "non_technical", True),
    "phones_are_good_with_app": ("Customer: The new phones are good with the app, but my old one crashes.",
                                 "non_technical", False),
    "g06_wiped_save_file": ("Customer: Your stupid update wiped my save file. 200 hours GONE. Fix it.", "frustrated",
                            True),
    "update_deleted_my_photos": ("Customer: The update deleted my holiday photos.", "frustrated", True),
    "sync_erased_my_progress": ("Customer: your sync erased my progress in the course", "frustrated", True),
    "update_removed_shortcut": ("Customer: The update removed my desktop shortcut, how do I get it back?", "frustrated",
                                False),
}


@pytest.mark.parametrize("name", sorted(MISSES_QA23))
def test_qa23_miss_is_flagged(name: str) -> None:
    draft, context, category = MISSES_QA23[name]
    assert _serious(draft, context, category), f"{name}: no {category} warning for {draft!r}"


@pytest.mark.parametrize("name", sorted(QUIET_QA23))
def test_qa23_lookalike_stays_quiet(name: str) -> None:
    draft, context, category = QUIET_QA23[name]
    assert not _serious(draft, context, category), f"{name}: {category} flagged {draft!r}"


@pytest.mark.parametrize("name", sorted(GOOD_QA23))
def test_qa23_false_alarm_is_gone(name: str) -> None:
    draft, context = GOOD_QA23[name]
    r = check(draft, context=context)
    assert not [f for f in r.flags if f.severity != "info"], (name, [(f.category, f.text) for f in r.flags])


@pytest.mark.parametrize("name", sorted(STILL_UNACKNOWLEDGED_QA23))
def test_qa23_unanswered_worry_still_flagged(name: str) -> None:
    draft, context = STILL_UNACKNOWLEDGED_QA23[name]
    assert _serious(draft, context, "no_acknowledgment"), name


@pytest.mark.parametrize("name", sorted(MOOD_QA23))
def test_qa23_customer_mood(name: str) -> None:
    context, state, expected = MOOD_QA23[name]
    r = check("Thanks for letting me know.", context=context)
    assert (state in r.context.customer) is expected, (name, r.context.customer)
