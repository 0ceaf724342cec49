"""The coach on QA pass 22's failures (fix round 21, unmeasured on new drafts), through ``check()``: each missed case
and made-up variants must get a warning or a problem in the expected category, each false alarm and its variants must
not, and near-misses (patient replies with similar words) stay quiet. Cue families, not phrases: pressure v12
(agent.pressure v14), condescending v20 (agent.condescending v20), blame v14 (agent.blame v15), dismissive v20
(agent.dismissive v21), negative_phrasing v4 (agent.negative_phrasing v6),
unprofessional v18 (agent.unprofessional v18),
impatient_repeat v9 (agent.impatient_repeat v11), it_glossary v7 (agent.jargon v13), coach_cues v15 (the customer's
mood). Left open (detector code): b39, "Glad I could help, have a good one!" after an open complaint, which
agent.premature_closure's cheap prefilter (`_CHEAP`: no "day", "else", ...) never reads."""

from __future__ import annotations

import pytest

from patiently.coach import check
from test_coach_misses import _serious

DBA = "Customer: I'm a DBA. Our replica is lagging 40 minutes behind the primary after the failover."
COURSE = "Customer: Can I have a couple more days to decide on the course?"
WIFE = "Customer: I need some time to check with my wife before changing plan."
WORD = "Customer: How do I change the font size in Word?"
SENIOR = "Customer: I'm a senior developer and the API returns 401 even with a valid bearer token."
REMINDER = "Customer: I missed my appointment because I never got the reminder text."
LOGOUT = "Customer: The app keeps logging me out, it's really annoying."
REFUND = "Customer: My refund still hasn't arrived after 3 weeks."
SUPERVISOR = "Customer: Can I speak to a supervisor please?"
COFFEE = "Customer: I spilled coffee on my keyboard and now some keys don't work."
ERROR500 = "Customer: Your website keeps giving me error 500."
DISK = ("Customer: Sorry, which button do I press to save?\nAgent: Click the disk icon at the top.\nCustomer: I don't "
        "see a disk icon.")
BILL = "Customer: What does this bill mean? I'm confused."
PARENT = "Customer: I'm a parent, how do I see my kid's homework?"
PARENT_NONTECH = "Customer: I'm a parent and not very good with computers, how do I see my kid's homework?"
ANGRY = "Customer: your software is garbage and your team are useless idiots."
ENGLISH = "Customer: Sorry my english is bad. I not find where is the grades."
DELETED = "Customer: so sorry, I think I deleted the shared folder by accident :("
WIPED = "Customer: Your update wiped all my notes. Years of work!!"

# QA pass 22's misses and made-up variants: (draft, context, category) that must get a warning or a problem there
MISSES_QA22 = {
    # pressure: "now or never", agreeing on the spot, and the customer told to speed up
    "b16": ("I'd strongly advise enrolling today. Places are going fast and I can't promise there'll be one left "
            "tomorrow, so it's really now or never.", COURSE, "pressure"),
    "now_or_never_afraid": ("It's now or never on this one, I'm afraid.", COURSE, "pressure"),
    "now_or_never_offer": ("Honestly, this is a now-or-never offer.", COURSE, "pressure"),
    "now_or_never_bare": ("Now or never! Shall I book it?", COURSE, "pressure"),
    "b27": ("Honestly, there's no need to overthink it. Just say yes now and I'll process it while we're on the line.",
            WIFE, "pressure"),
    "just_agree_now": ("Just agree now and we can get it done.", WIFE, "pressure"),
    "go_ahead_sign_up_today": ("Go ahead and sign up today, it's the best plan.", WIFE, "pressure"),
    "simply_accept_right_now": ("Simply accept the offer right now and you're sorted.", WIFE, "pressure"),
    "can_you_speed_it_up": ("Can you speed it up? I have other calls.", DBA, "pressure"),
    "please_speed_this_up": ("Please speed this up, we're out of time.", DBA, "pressure"),
    "lets_speed_it_up": ("Let's speed it up, I don't have all day.", DBA, "pressure"),
    # condescending: "you should know this by now"; "actually" in a check put to the customer
    "b38": ("This is basic stuff, you should really know this by now. Home tab, font size box.", WORD, "condescending"),
    "should_know_by_now_alone": ("You should really know this by now. Home tab, font size box.", WORD, "condescending"),
    "ought_to_know_already": ("You ought to know how to do this already. Home tab, font size box.", WORD,
                              "condescending"),
    "should_have_learned": ("Honestly, you should have learned this by now: Home tab, font size box.", WORD,
                            "condescending"),
    "of_all_people": ("You of all people should know how this works by now.", WORD, "condescending"),
    "b29": ("Let's start with the basics. A token is like a password that proves who you are. Make sure you're "
            "actually including it in the request, since that's usually the problem.", SENIOR, "condescending"),
    "check_actually_sending": ("Please check that you are actually sending the Authorization header.", SENIOR,
                               "condescending"),
    "double_check_actually_using": ("Double-check you're actually using the production key.", SENIOR,
                                    "condescending"),
    "make_sure_actually_calling": ("Make sure you're actually calling the v2 endpoint.", SENIOR, "condescending"),
    # blame: the customer's details made the cause; their phone / device / browser guessed as the place
    "b14": ("Reminders are sent to the number you gave us, so if you didn't get one, that's because your details were "
            "wrong. There will be a missed appointment fee of $40.", REMINDER, "blame"),
    "number_you_gave_incorrect": ("It's because the number you gave us was incorrect.", REMINDER, "blame"),
    "you_gave_wrong_number": ("That was because you gave us the wrong number, so the fee stands.", REMINDER, "blame"),
    "email_address_outdated": ("That's simply because your email address is out of date.", REMINDER, "blame"),
    "b15": ("We haven't had any other reports of this, so it's probably something on your phone.", LOGOUT, "blame"),
    "problem_with_your_browser": ("It's most likely a problem with your browser, not us.", LOGOUT, "blame"),
    "something_with_your_device": ("That must be something with your device.", LOGOUT, "blame"),
    "issue_on_your_phone": ("It's probably an issue on your phone.", LOGOUT, "blame"),
    # dismissive: left to find the right team themselves
    "b22": ("Thanks for getting in touch. I've looked at your account and I can see the refund was requested on 2 May. "
            "Refunds aren't handled by this team, so you'll have to track down the right department yourself. Have a "
            "nice day.", REFUND, "dismissive"),
    "need_to_find_right_team": ("Refunds aren't us. You'll need to find the right team.", REFUND, "dismissive"),
    "figure_out_who_handles": ("You'll have to figure out who handles refunds yourself, sorry.", REFUND, "dismissive"),
    "track_down_relevant": ("Just track down the relevant department and ask them.", REFUND, "dismissive"),
    # negative_phrasing: a flat "No, you can't."
    "b30": ("No, you can't. Supervisors don't take calls.", SUPERVISOR, "negative_phrasing"),
    "no_you_cannot": ("No you cannot.", SUPERVISOR, "negative_phrasing"),
    "sorry_no_you_cant": ("Sorry, no, you can't.", SUPERVISOR, "negative_phrasing"),
    "no_full_stop_you_cant": ("No. You can't.", SUPERVISOR, "negative_phrasing"),
    # unprofessional: "what could possibly go wrong?"; "the devs broke it again, typical"
    "b17": ("Well, coffee and keyboards, what could possibly go wrong? You'll need a new one.", COFFEE,
            "unprofessional"),
    "possibly_go_wrong_right": ("Coffee near a keyboard, what could possibly go wrong, right?", COFFEE,
                                "unprofessional"),
    "full_mug_possibly": ("Ah yes, a full mug next to the laptop. What could possibly go wrong?", COFFEE,
                          "unprofessional"),
    "b28": ("Yeah, the devs broke it again, typical. Try later I guess.", ERROR500, "unprofessional"),
    "developers_broken_again": ("The developers have broken the login again, typical. Try tomorrow I guess.", ERROR500,
                                "unprofessional"),
    "typical_it_team": ("Typical. The IT team messed it up again. Try later I guess.", ERROR500, "unprofessional"),
    "typical_bang_shrug": ("Typical! Try later I guess.", ERROR500, "unprofessional"),
    # impatient_repeat: "Once again:" opening the reply
    "b31": ("Once again: the disk icon. Top left. It's there.", DISK, "impatient_repeat"),
    "once_again_comma": ("Once again, click the disk icon at the top.", DISK, "impatient_repeat"),
    "once_again_colon_short": ("Once again: disk icon, top.", DISK, "impatient_repeat"),
    "once_again_other_topic": ("Once again: Settings, then Privacy.",
                               "Customer: Where do I turn off tracking?\nAgent: It's under Settings > Privacy.\n"
                               "Customer: I can't find it.", "impatient_repeat"),
    # jargon: US health-insurance billing and school-platform terms
    "b21": ("The EOB shows your deductible wasn't met, so coinsurance applied after the allowed amount was adjusted "
            "per "
            "the CPT code.", BILL, "jargon"),
    "allowed_amount_coinsurance": ("Your plan paid the allowed amount and the rest is coinsurance.", BILL, "jargon"),
    "cpt_above_allowed": ("The CPT code on the claim was billed above the allowed amount.", BILL, "jargon"),
    "eob_out_of_pocket": ("Per the EOB, you've hit your out-of-pocket maximum.", BILL, "jargon"),
    "b35": ("Just authenticate via SSO with your IdP credentials, then the LMS will federate your guardian role "
            "through "
            "the LTI integration.", PARENT, "jargon"),
    "lms_lti_nontech": ("Log in to the LMS and open the LTI tool.", PARENT_NONTECH, "jargon"),
    "lms_sso_idp": ("Sign in to the LMS with SSO through your school's IdP.", PARENT, "jargon"),
    "lti_federated_login": ("The LTI link uses a federated login from the LMS.", PARENT_NONTECH, "jargon"),
}

# Near-misses: patient replies with similar words, which must stay quiet in that category
QUIET_QA22 = {
    "speed_to_raise_limit": ("I've raised the replica's IOPS limit to speed it up, and I'll post the lag figure here "
                             "every 10 minutes.", DBA, "pressure"),
    "should_speed_this_up": ("I've added a second apply worker, which should speed this up a lot.", DBA, "pressure"),
    "clearing_should_speed": ("Clearing the old WAL segments should speed it up; I'll watch it with you.", DBA,
                              "pressure"),
    "can_speed_things_up": ("We can speed things up by adding another worker if you like.", DBA, "pressure"),
    "doesnt_have_to_be_now_or_never": ("Of course. It doesn't have to be now or never; take the couple of days and "
                                       "I'll hold your place until Friday.", COURSE, "pressure"),
    "isnt_now_or_never": ("Take your time. This isn't a now-or-never decision, and the course runs again in spring.",
                          COURSE, "pressure"),
    "no_now_or_never_here": ("Sure, there's no now or never here: places are open until the 30th.", COURSE,
                             "pressure"),
    "say_yes_whenever": ("Of course, take your time. Just say yes whenever you've talked it over and I'll process it "
                         "then.", WIFE, "pressure"),
    "if_you_say_yes_now": ("No problem. If you say yes now I'll process it today, but it can wait until you've spoken "
                           "with your wife.", WIFE, "pressure"),
    "say_the_word_once_decided": ("That's fine; just say the word once you've decided and I'll switch you over.", WIFE,
                                  "pressure"),
    "know_by_friday": ("You should know by Friday whether the change went through.", WORD, "condescending"),
    "should_have_received_by_now": ("You should have received the guide by now; the font size box is on the Home tab.",
                                    WORD, "condescending"),
    "know_this_by_heart": ("Once you've done it a couple of times you'll know this by heart: Home tab, then the font "
                           "size box.", WORD, "condescending"),
    "header_actually_sent": ("Could you make sure the header is actually being sent? A proxy sometimes strips it.",
                             SENIOR, "condescending"),
    "youre_actually_right": ("You're actually right: the token is valid, and our gateway rejected it because of a "
                             "clock "
                             "skew. I've fixed it.", SENIOR, "condescending"),
    "make_sure_on_v2": ("Make sure you're on the v2 endpoint; v1 rejects bearer tokens.", SENIOR, "condescending"),
    "wasnt_because_details": ("I'm sorry you missed it. It wasn't because your details were wrong; our SMS provider "
                              "had an outage that day, so I've waived the fee.", REMINDER, "blame"),
    "if_its_because_number": ("If it's because the number on file is out of date, I can update it now and waive the "
                              "fee.", REMINDER, "blame"),
    "checked_number_missing_digit": ("I'm so sorry. I checked, and the number on file is missing a digit, so the "
                                     "reminder never reached you; I've corrected it and waived the $40 fee.", REMINDER,
                                     "blame"),
    "check_something_on_phone": ("That sounds really annoying, sorry. Could you check something on your phone for me: "
                                 "is Background App Refresh on?", LOGOUT, "blame"),
    "something_on_our_side": ("I'm sorry, that's annoying. It's something on our side: a bug in 6.2 signs people out; "
                              "the fix is out tomorrow.", LOGOUT, "blame"),
    "phones_settings_screen": ("Sorry about this! The setting is something on your phone's settings screen: tap "
                               "Privacy, then Tracking.", LOGOUT, "blame"),
    "ill_track_down": ("I'm sorry it's taking so long. Refunds are handled by our payments team, so I'll track down "
                       "the "
                       "right department for you and pass this on today.", REFUND, "dismissive"),
    "wont_have_to_find": ("I'm sorry for the wait. You won't have to find the right team yourself: I've passed it to "
                          "payments, and they'll email you by Friday.", REFUND, "dismissive"),
    "contact_with_number": ("Sorry about the wait. You'll need to contact the payments team on 0800 123 456; they can "
                            "release it straight away.", REFUND, "dismissive"),
    "no_you_cant_break_anything": ("No, you can't break anything by trying it. Go ahead!", SUPERVISOR,
                                   "negative_phrasing"),
    "no_you_cant_with_offer": ("I'm sorry, no, you can't reach a supervisor by phone, but I can raise a complaint for "
                               "their review today and they'll email you within 2 days.", SUPERVISOR,
                               "negative_phrasing"),
    "yes_you_can": ("Yes, you can. I've asked my supervisor to call you back within the hour.", SUPERVISOR,
                    "negative_phrasing"),
    "check_what_could_go_wrong": ("Oh no, sorry! Before we order a new one, let's check what could go wrong with the "
                                  "other keys: unplug it and let it dry for 24 hours.", COFFEE, "unprofessional"),
    "nothing_could_possibly": ("That's bad luck. I'll make sure nothing else could possibly go wrong with the "
                               "replacement: it ships insured tomorrow.", COFFEE, "unprofessional"),
    "our_devs_rolled_back": ("Sorry about that! Our devs pushed a fix that broke checkout; it's being rolled back now "
                             "and should work again in 15 minutes.", ERROR500, "unprofessional"),
    "devs_fixing_again": ("Sorry for the error. The devs are fixing it again after last night's outage; I'll message "
                          "you once it's back.", ERROR500, "unprofessional"),
    "not_typical": ("That's not typical for us at all, sorry! I've reported it and will let you know when it's fixed.",
                    ERROR500, "unprofessional"),
    "a_typical_500": ("A typical 500 error means the server hit a problem; I've reported it and will update you.",
                      ERROR500, "unprofessional"),
    "disk_icon_reexplained": ("Sorry, that was unclear of me! The disk icon is tiny: it's at the very top left, just "
                              "above \"File\". Can you see a small square picture there?", DISK, "impatient_repeat"),
    "once_again_sorry": ("Once again, sorry for the confusion. It's a small square at the very top left, above "
                         "\"File\".", DISK, "impatient_repeat"),
    "once_again_thanks": ("Once again, thanks for bearing with me: the save button is the small square at the top "
                          "left.", DISK, "impatient_repeat"),
    "describe_once_again": ("I'll describe it once again in more detail: it's a small square at the very top left, "
                            "above \"File\".", DISK, "impatient_repeat"),
    "bill_in_plain_words": ("Sorry it's confusing! In short: your insurance paid $120 of the $200 visit, and the $80 "
                            "left is your share this year. I can go through each line with you.", BILL, "jargon"),
    "bill_first_500": ("The bill shows $80 for you to pay, because your insurance only starts paying in full after the "
                       "first $500 you pay each year.", BILL, "jargon"),
    "homework_steps": ("Open the school app, tap your child's name, then tap Homework. You'll see each assignment with "
                       "its due date.", PARENT, "jargon"),
}

# QA pass 22's false alarms and variants: good replies with no warning or problem at all
GOOD_QA22 = {
    "g23": ("Thanks for the clear details. After the failover the replica was rebuilt from a snapshot and is still "
            "replaying WAL; at the current apply rate it should catch up in about 25 minutes. I've raised the "
            "replica's "
            "IOPS limit to speed it up, and I'll post the lag figure here every 10 minutes until it's under a minute.",
            DBA),
    "g34": ("I'm sorry you've had such a frustrating experience. Obviously that's not what we want for you, and I'd "
            "like to help put it right. Could you tell me what happened just before the error appeared? Even a rough "
            "description helps me find the cause quickly.", ANGRY),
    "obviously_isnt_what_we_want": ("I'm sorry it's been so bad. Obviously that isn't what we want you to go through. "
                                    "What happened just before the error?", ANGRY),
    "obviously_we_want": ("I'm sorry. Obviously we want to put this right for you. What were you doing when it "
                          "crashed?", ANGRY),
    "obviously_id_like": ("I hear you, and I'm sorry. Obviously I'd like to fix this today. Which screen shows the "
                          "error?", ANGRY),
    "g36": ("Your English is fine, I understand you! To see your grades: 1. Log in. 2. Click 'My Courses'. 3. Click "
            "'Grades' on the left side. If you do not see it, send me a picture of your screen and I will help.",
            ENGLISH),
    "english_not_good_grades": ("To see your grades, log in and click 'Grades' on the left.",
                                "Customer: My english is not so good, sorry. Where I see the grades?"),
    "sorry_for_bad_english": ("To see your grades, log in and click 'Grades' on the left.",
                              "Customer: sorry for bad english, where is grades?"),
    "g20": ("No need to apologise, it happens and it's fixable. Deleted shared folders stay in the recycle bin for 30 "
            "days, and I've restored 'Q3 Reports' from there with all 47 files. It should reappear in your sidebar "
            "within a minute or two; let me know once you can see it.", DELETED),
}

# Still read by the coach: "Obviously" lecturing an angry customer, and lookalikes that stay upset
STILL_CONDESCENDING_QA22 = {
    "obviously_not_how_it_works": ("Obviously that's not how it works. Restart it.", ANGRY),
    "obviously_you_need": ("Obviously you need to update first.", ANGRY),
    "obviously_we_need": ("Obviously we need the error message before we can do anything.", ANGRY),
}

# The customer's mood: (context, whether the coach reads them as frustrated)
MOOD_QA22 = {
    "g36_english_apology": (ENGLISH, False),
    "english_not_good": ("Customer: My english is not so good, sorry. Where I see the grades?", False),
    "g20_so_sorry_deleted": (DELETED, False),
    "sorry_think_i_lost": ("Customer: sorry, I think I lost the code you sent :(", False),
    "b25_update_wiped": (WIPED, True),
    "app_deleted_all_photos": ("Customer: The app deleted all my photos after the update.", True),
    "sync_erased_everything": ("Customer: your sync erased everything in my calendar", True),
    "update_removed_shortcut": ("Customer: The update removed my desktop shortcut, how do I get it back?", False),
    "plain_question_calm": ("Customer: Where is the Spanish version of the app?", False),
}


@pytest.mark.parametrize("name", sorted(MISSES_QA22))
def test_qa22_miss_is_flagged(name: str) -> None:
    draft, context, category = MISSES_QA22[name]
    assert _serious(draft, context, category), f"{name}: no {category} warning for {draft!r}"


@pytest.mark.parametrize("name", sorted(QUIET_QA22))
def test_qa22_lookalike_stays_quiet(name: str) -> None:
    draft, context, category = QUIET_QA22[name]
    assert not _serious(draft, context, category), f"{name}: {category} flagged {draft!r}"


@pytest.mark.parametrize("name", sorted(GOOD_QA22))
def test_qa22_false_alarm_is_gone(name: str) -> None:
    draft, context = GOOD_QA22[name]
    r = check(draft, context=context)
    assert not [f for f in r.flags if f.severity != "info"], (name, [(f.category, f.text) for f in r.flags])


@pytest.mark.parametrize("name", sorted(STILL_CONDESCENDING_QA22))
def test_qa22_obviously_lecture_still_flagged(name: str) -> None:
    draft, context = STILL_CONDESCENDING_QA22[name]
    assert _serious(draft, context, "condescending"), name


@pytest.mark.parametrize("name", sorted(MOOD_QA22))
def test_qa22_customer_mood(name: str) -> None:
    context, frustrated = MOOD_QA22[name]
    r = check("Thanks for letting me know.", context=context)
    assert ("frustrated" in r.context.customer) is frustrated, (name, r.context.customer)
