"""The coach on QA pass 24's last 13 misses (round fl24), through ``check()``: each missed case and made-up variants in
other wordings must get a warning or a problem in the expected category, and near-misses (kind or plain replies with
similar words) stay quiet in it. Cue families, not phrases: condescending v25 (agent.condescending v25: "people like
you", "the first thing anyone would do", "the 10th time today someone asks this", "you need to be more careful with
...", "did you actually check ..."), blame v18 (agent.blame v19: "what did you do to it", "if you'd bothered to
check", "we can't keep resetting passwords for parents who lose them"), dismissive v24 (agent.dismissive v24: "Pending
means pending.", "when they get to it", "take time off work like other patients do"), non_technical v7 (agent.jargon
v16: limited English and an unknown router IP read as a lay audience), info_given v9 / info_asked v10 (agent
.redundant_question v12: the serial number given after a comma, the issue already stated, a "yes" to the agent's own
did-question)."""

from __future__ import annotations

import pytest

from test_coach_misses import _serious

PRINTER = "Customer: My printer shows offline."
RESET = "Customer: how do i reset my password"
SERIAL = "Customer: I already sent you the serial number, it's XJ-4471.\nAgent: Thanks.\nCustomer: So what now?"
EMAIL = "Customer: Hi, can you help me set up my email on my new phone?"
LOST = "Customer: I lost my son's school login details."
PAD = "Customer: The controller disconnects every few minutes."
CARD = "Customer: Sorry, my english not good. The card is block?"
TV = "Customer: my tv says no signal"
PHARMA = "Customer: The medication refill request says 'pending' for 5 days."
LATER = "Customer: Is there any way to get a later appointment? I work until 6."
ROUTER = "Customer: I don't know what my router's IP address is."
PARCEL = "Customer: Is my package coming today? I have to leave at 3."
COOKIES = ("Customer: I tried the steps but it still fails with error 403.\nAgent: Did you clear your cookies?\n"
           "Customer: Yes, I cleared them and restarted the browser.")
RESTARTED = "Customer: The app won't sync.\nAgent: Have you restarted the router?\nCustomer: Yep, did that an hour ago."
HELLO = "Customer: Hi, are you there?"
ENGLISH_OK = "Customer: Is the app available in English? The card is blocked."
ROUTER_WHY = "Customer: I'm a network admin. I don't know why my router's IP address changed overnight."
NOT_YET = ("Customer: It still fails with error 403.\nAgent: Did you clear your cookies?\n"
           "Customer: No, not yet.")

# QA pass 24's misses and made-up variants: (draft, context, category) that must get a warning or a problem there
MISSES_QA24 = {
    # a kind of people who are the problem (condescending)
    "b02": ("Well, did you actually check if it's plugged in? That's usually the problem with people like you.",
            PRINTER, "condescending"),
    "trouble_with_users_like_you": ("That's the trouble with users like you.", PRINTER, "condescending"),
    "people_like_you_never_read": ("People like you never read the instructions.", PRINTER, "condescending"),
    "problem_with_you_people": ("The problem with you people is that nobody checks the cable.", PRINTER,
                                "condescending"),
    "did_you_actually_restart": ("Did you actually restart it?", PRINTER, "condescending"),
    "did_you_actually_follow": ("did you actually follow the steps I sent?", PRINTER, "condescending"),
    # the question made tiresome by how often others ask it (condescending)
    "b08": ("lol this is like the 10th time today someone asks this. it's on the login page", RESET, "condescending"),
    "fifth_person_today": ("You're the fifth person today to ask me that! It's on the login page.", RESET,
                           "condescending"),
    "everyone_asks_this": ("Everyone asks this. It's on the login page.", RESET, "condescending"),
    "answered_hundred_times": ("I've answered this a hundred times today. It's on the login page.", RESET,
                               "condescending"),
    # the lecture on being more careful said as the customer's duty (condescending), the kind of customer who causes
    # the work (blame)
    "b22": ("You really need to be more careful with this kind of thing. We can't keep resetting passwords for parents "
            "who lose them.", LOST, "condescending"),
    "should_be_more_careful": ("You should be more careful with your passwords.", LOST, "condescending"),
    "got_to_take_more_care": ("You've got to take more care with your login details.", LOST, "condescending"),
    "must_pay_more_attention": ("You must pay more attention in future.", LOST, "condescending"),
    "b22_cant_keep": ("We can't keep resetting passwords for parents who lose them.", LOST, "blame"),
    "cant_keep_sending_cards": ("We can't keep sending new cards to people who don't look after them.", LOST, "blame"),
    "wont_keep_unlocking": ("I won't keep unlocking accounts for users who forget their PIN.", LOST, "blame"),
    # the step put down as what anyone does first (condescending)
    "b23": ("Have you tried turning it off and on again? Because that's like the first thing anyone would do.", PAD,
            "condescending"),
    "first_thing_everybody_tries": ("That's literally the first thing everybody tries.", PAD, "condescending"),
    "very_first_thing_normal_person": ("It's the very first thing any normal person would check.", PAD,
                                       "condescending"),
    "most_basic_thing_people": ("Restarting? That's the most basic thing people know.", PAD, "condescending"),
    # jargon to a customer with limited English
    "b26": ("Your card has been blocked due to a suspected fraudulent transaction flagged by our AML/KYC compliance "
            "engine pending secondary authentication via 3DS challenge.", CARD, "jargon"),
    "english_not_first_language": ("The block came from AML screening; clear the 3DS challenge to lift it.",
                                   "Customer: English is not my first language. Why is my card blocked?", "jargon"),
    "sorry_poor_english": ("Our KYC refresh failed, so the AML screening put a hold on the card.",
                           "Customer: Sorry for my poor English, my card is stop working.", "jargon"),
    "speak_little_english": ("Pass the 3DS challenge and the AML screening hold will lift.",
                             "Customer: I speak little English. Card not work.", "jargon"),
    # jargon to a customer who does not know their own router's IP address
    "b36": ("Just ssh into it and grep the config, or check the ARP table.", ROUTER, "jargon"),
    "no_idea_ip_of_modem": ("Check the DHCP lease table or ping the default gateway.",
                            "Customer: I have no idea what the IP of my modem is.", "jargon"),
    "dont_know_how_to_find_ip": ("Run an ARP scan or read it off the DHCP lease table.",
                                 "Customer: I don't know how to find my router's IP address.", "jargon"),
    "not_sure_what_gateway": ("Ping the gateway, then check the DHCP lease and the ARP table.",
                              "Customer: Not sure what my default gateway is.", "jargon"),
    # asking what the customer did to the thing (blame)
    "b28": ("ok so what did you do to it", TV, "blame"),
    "what_have_you_done_to_the_tv": ("What have you done to the TV?", TV, "blame"),
    "what_did_you_do_to_your_laptop_now": ("what did you do to your laptop now?", TV, "blame"),
    "what_did_you_do_to_this_one": ("Hmm, what did you do to this one?", TV, "blame"),
    # the tautology and "when they get to it" (dismissive)
    "b31": ("Pending means pending. The pharmacy will process it when they get to it.", PHARMA, "dismissive"),
    "a_rule_is_a_rule": ("A rule is a rule.", PHARMA, "dismissive"),
    "closed_is_closed": ("Sorry, but closed is closed.", PHARMA, "dismissive"),
    "whenever_they_get_round": ("They'll reply whenever they get round to it.", PHARMA, "dismissive"),
    "look_at_it_when_we_get_around": ("We'll look at it when we get around to it.", PHARMA, "dismissive"),
    # the customer told to put up with it as the others do (dismissive)
    "b34": ("No. We close at 5. You'll have to take time off work like other patients do.", LATER, "dismissive"),
    "queue_like_everyone_else": ("You'll need to queue like everyone else.", LATER, "dismissive"),
    "pay_like_rest_of_customers": ("You have to pay the fee like the rest of our customers.", LATER, "dismissive"),
    "book_like_all_the_other": ("You'll just have to book a morning slot like all the other parents do.", LATER,
                                "dismissive"),
    # the counterfactual that the customer would know with some effort (blame)
    "b37": ("If you'd bothered to check the tracking link we sent, you'd already know.", PARCEL, "blame"),
    "if_you_had_bothered_to_read": ("It's all in the email, if you had bothered to read it.", PARCEL, "blame"),
    "if_you_had_just_checked": ("If you had just checked your inbox, you would have seen it.", PARCEL, "blame"),
    "if_youd_taken_the_time": ("If you'd taken the time to look, it's on the tracking page.", PARCEL, "blame"),
    # redundant questions: the serial number given after a comma, the issue already stated, a "yes" to a did-question
    "b10": ("Can you send me the serial number of the device?", SERIAL, "redundant_question"),
    "asset_tag_which_is": ("What's the asset tag on the laptop?",
                           "Customer: I gave you my asset tag, which is AT-55012.", "redundant_question"),
    "serial_it_is": ("Could you tell me the serial number please?",
                     "Customer: The serial number, it is SN-88123, is on the sticker.", "redundant_question"),
    "b16": ("Sure. What's your issue?", EMAIL, "redundant_question"),
    "what_seems_to_be_the_problem": ("Hello! What seems to be the problem?",
                                     "Customer: My laptop won't turn on after the update.", "redundant_question"),
    "how_can_i_help": ("Of course. How can I help?",
                       "Customer: Could you help me reset my voicemail PIN?", "redundant_question"),
    "what_can_i_help_you_with": ("What can I help you with today?",
                                 "Customer: I need help installing the printer driver.", "redundant_question"),
    "b39": ("Did you clear your cookies though? Please clear them and try again.", COOKIES, "redundant_question"),
    "yep_restarted_router": ("Have you restarted the router?", RESTARTED, "redundant_question"),
    "i_did_reinstall": ("Did you reinstall the app?",
                        "Customer: It crashes.\nAgent: Did you reinstall the app?\nCustomer: I did, twice.",
                        "redundant_question"),
}

# Near-misses: kind or plain replies with similar words, which must stay quiet in that category
QUIET_QA24 = {
    "q_people_like_you_praise": ("People like you make this job worthwhile.", PRINTER, "condescending"),
    "q_customers_like_you_fit": ("For customers like you who travel a lot, the roaming add-on helps.", PRINTER,
                                 "condescending"),
    "q_did_you_actually_get": ("Did you actually get charged twice? I only see one payment.", PRINTER,
                               "condescending"),
    "q_did_you_actually_receive": ("Did you actually receive a code? Sometimes it lands in spam.", PRINTER,
                                   "condescending"),
    "q_third_person_escalated": ("You're the third person to ask about the outage today, so we've escalated it.",
                                 RESET, "condescending"),
    "q_second_time_ive_asked": ("Sorry, this is the second time I've asked you for the receipt.", RESET,
                                "condescending"),
    "q_everyone_asks_dont_worry": ("Everyone asks this at first, so don't worry! It's on the login page.", RESET,
                                   "condescending"),
    "q_we_need_more_careful": ("We need to be more careful on our side; sorry about that.", LOST, "condescending"),
    "q_careful_with_blade": ("You need to be more careful with the blade, it's sharp.", LOST, "condescending"),
    "q_be_careful_public_wifi": ("Be careful with public Wi-Fi when you log in.", LOST, "condescending"),
    "q_cant_keep_slot": ("We can't keep the slot open for people who don't confirm.", LOST, "blame"),
    "q_keep_helping": ("We'll keep helping you until it's sorted.", LOST, "blame"),
    "q_first_thing_id_try": ("The first thing I'd try is a restart.", PAD, "condescending"),
    "q_first_thing_we_check": ("That's the first thing we check on our side.", PAD, "condescending"),
    "q_most_people_try_first": ("Most people try a restart first, so let's go a step further.", PAD,
                                "condescending"),
    "q_card_english_available": ("Your card was blocked by our fraud check. Reply YES to unblock it.", ENGLISH_OK,
                                 "jargon"),
    "q_network_admin_why": ("Check the DHCP lease.", ROUTER_WHY, "jargon"),
    "q_what_did_you_do_before": ("What did you do just before it stopped?", TV, "blame"),
    "q_what_did_you_do_to_get": ("What did you do to get that error?", TV, "blame"),
    "q_what_did_you_do_to_fix": ("What did you do to fix it last time?", TV, "blame"),
    "q_pending_means_explained": ("Pending means the pharmacy has your request and will fill it within 2 days.",
                                  PHARMA, "dismissive"),
    "q_process_when_signed": ("They'll process it when the doctor signs it, usually within a day.", PHARMA,
                              "dismissive"),
    "q_get_to_it_in_the_queue": ("They will process it when they get to it in the queue, usually within a day.",
                                 PHARMA, "dismissive"),
    "q_like_other_patients_option": ("Like other patients, you can book an evening slot online.", LATER,
                                     "dismissive"),
    "q_reminder_like_all": ("You'll get a reminder text, like all our patients do.", LATER, "dismissive"),
    "q_if_youd_like_to_check": ("If you'd like to check the tracking link, it says today by 2pm.", PARCEL, "blame"),
    "q_sorry_to_bother": ("Sorry to bother you: the driver will arrive before 3.", PARCEL, "blame"),
    "q_if_you_havent_checked": ("If you haven't had a chance to check the tracking link, no worries: it's today.",
                                PARCEL, "blame"),
    "q_serial_no_value": ("Can you send me the serial number of the device?",
                          "Customer: Where do I find the serial number?", "redundant_question"),
    "q_what_issue_after_hello": ("Sure. What's your issue?", HELLO, "redundant_question"),
    "q_help_me_with_something": ("Of course! What do you need help with?",
                                 "Customer: Can you help me with something?", "redundant_question"),
    "q_exactly_what_happens": ("What exactly happens when you try to add the account?", EMAIL,
                               "redundant_question"),
    "q_no_not_yet": ("Did you clear your cookies? That often fixes a 403.", NOT_YET, "redundant_question"),
    "q_yes_other_object": ("Did you clear them in Firefox too?", COOKIES, "redundant_question"),
}


@pytest.mark.parametrize("name", sorted(MISSES_QA24))
def test_qa24_miss_is_flagged(name: str) -> None:
    draft, context, category = MISSES_QA24[name]
    assert _serious(draft, context, category), f"{name}: no {category} warning for {draft!r}"


@pytest.mark.parametrize("name", sorted(QUIET_QA24))
def test_qa24_lookalike_stays_quiet(name: str) -> None:
    draft, context, category = QUIET_QA24[name]
    assert not _serious(draft, context, category), f"{name}: {category} flagged {draft!r}"
