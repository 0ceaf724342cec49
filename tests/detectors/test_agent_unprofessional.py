import pytest

from conftest import conv, detect, evidence_text

OBFUSCATED_SWEAR = conv(
    ("c", "The laptop won't boot."),
    ("a", "What the f*ck did you do to it? This sh!t again."),
)
SHOUTING = conv(
    ("c", "I didn't get the instructions."),
    ("a", "READ THE EMAIL I SENT YOU"),
)
SARCASM = conv(
    ("c", "I'll just fix it myself then."),
    ("a", "Yeah right, good luck with that."),
)
INSULT_AND_BANGS = conv(
    ("c", "What's the difference between RAM and storage?"),
    ("a", "That's a stupid question!!!"),
)
WHATEVER = conv(
    ("c", "I still think the update broke it."),
    ("a", "Whatever."),
)
# --- must stay quiet ----------------------------------------------------------------
ACRONYMS = conv(
    ("c", "No internet."),
    ("a", "Please check the DNS and VPN settings, then open the SSO portal over HTTPS."),
)
HAPPY_BANGS = conv(
    ("c", "It works now!"),
    ("a", "Great, glad it works now!!!"),
)
LINUX_WORDS = conv(
    ("c", "My disk is corrupted."),
    ("a", "Run fsck on the drive from a shell; dependency hell is real with that package."),
)
POLITE = conv(
    ("c", "Sorry, is this a stupid question?"),
    ("a", "There are no stupid questions! Whatever works best for you is fine."),
)
NICKNAME = conv(
    ("c:idiot", "how do I mount a drive?"),
    ("a", "idiot: create the mount point first, then mount it."),
)


@pytest.mark.parametrize(
    ("conversation", "evidence", "kinds"),
    [
        (OBFUSCATED_SWEAR, ["f*ck", "sh!t"], ["profanity"]),
        (SHOUTING, ["READ THE EMAIL I SENT YOU"], ["shouting"]),
        (SARCASM, ["Yeah right", "good luck with that"], ["sarcasm"]),
        (INSULT_AND_BANGS, ["stupid question", "!!!"], ["exclamation", "insult"]),
        (WHATEVER, ["Whatever"], ["sarcasm"]),
    ],
)
def test_unprofessional_language_is_found(conversation, evidence, kinds) -> None:
    found = detect("agent.unprofessional", conversation)
    assert [(f.label, f.message_id) for f in found] == [("agent.unprofessional", "m2")]
    assert evidence_text(conversation, found[0]) == evidence
    assert found[0].data["kinds"] == kinds


def test_more_kinds_score_higher() -> None:
    assert detect("agent.unprofessional", INSULT_AND_BANGS)[0].score > 0.9


@pytest.mark.parametrize("conversation", [ACRONYMS, HAPPY_BANGS, LINUX_WORDS, POLITE, NICKNAME])
def test_professional_replies_stay_quiet(conversation) -> None:
    assert detect("agent.unprofessional", conversation) == []


# --- v2: false alarms measured on Ubuntu IRC and Twitter support threads ----------------------
PRODUCT_NAMES = conv(
    ("c", "Which IRC client and which small distro should I try?"),
    ("a", "Run sudo apt-get install bitchx, and for old laptops Damn Small Linux is fine."),
)
SELF_LABELS = conv(
    ("c", "My external disk does not mount."),
    ("a", "I'm a bit of a noob here, so excuse me: is it in /media? (probably a dumb question)"),
)
REPROACH_AND_QUOTE = conv(
    ("c", "Any retard can apt-get install, this is different."),
    ("a", 'Please don\'t call people retards. And "damn sentence" is a complete sentence.'),
)
CODE_IN_CAPS = conv(
    ("c", "The screen is black, what now?"),
    ("a", "ok type CTRL-ALT-F2 then export PATH=${PATH}:${HOME}/bin"),
)
HARDWARE_ID = conv(
    ("c", "Which drive does dmesg show?"),
    ("a", "hdb: HL-DT-ST DVDRAM GSA-4163B, ATAPI CD/DVD-ROM drive"),
)
TOOL_OUTPUT = conv(
    ("c", "What did fsck say?"),
    ("a", "***** FILE SYSTEM WAS MODIFIED ***** so it repaired something."),
)
JOY_AND_PLAY = conv(
    ("c", "Try the new driver."),
    ("a", "HECK YES! IT WORKED!! NO MORE CHOPPY!"),
    ("c", "Vim or emacs?"),
    ("a", "Vim rules!!!! :-)"),
)
# what v2 must still find
AIMED_NOOB = conv(
    ("c", "How do I open a terminal?"),
    ("a", "Stop being such a noob and read the wiki."),
)
SHOUTED_WARNING = conv(
    ("c", "Should I stop the backup?"),
    ("a", "NO!!! DO NOT STOP THE BACKUP"),
)


@pytest.mark.parametrize(
    "conversation",
    [PRODUCT_NAMES, SELF_LABELS, REPROACH_AND_QUOTE, CODE_IN_CAPS, HARDWARE_ID, TOOL_OUTPUT, JOY_AND_PLAY],
)
def test_names_quotes_self_labels_code_and_joy_are_not_unprofessional(conversation) -> None:
    assert detect("agent.unprofessional", conversation) == []


@pytest.mark.parametrize(
    ("conversation", "evidence", "kinds"),
    [
        (AIMED_NOOB, ["noob"], ["insult"]),
        (SHOUTED_WARNING, ["!!!", "NOT STOP THE BACKUP"], ["exclamation", "shouting"]),
    ],
)
def test_aimed_labels_and_shouted_warnings_are_still_found(conversation, evidence, kinds) -> None:
    found = detect("agent.unprofessional", conversation)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(conversation, found[0]) == evidence
    assert found[0].data["kinds"] == kinds


# v3 (QA pass 4b): negation and new sarcasm cues.
NOT_A_SILLY_QUESTION = conv(("c", "Sorry, this is probably obvious, what does offline mean?"),
                            ("a", "That's not a silly question at all. It means the computer can't reach the printer."))
NOT_AN_IDIOT = conv(("c", "I feel like an idiot."), ("a", "You're not an idiot, this trips up lots of people."))
LOL_WHATEVER = conv(("c", "My laptop won't turn on and I have a presentation in an hour."),
                    ("a", "lol ok whatever, restart it I guess"))
GREAT_JOB_LOCKING = conv(
    ("c", "I'm locked out AGAIN!!"), ("a", "Wow, great job locking yourself out again. Impressive."))
NOTHING_BETTER_TO_DO = conv(("c", "I'm locked out AGAIN!!"),
                            ("a", "Sure, because IT has nothing better to do than reset your password every day."))
# Negative: sincere praise, and "whatever" inside a sentence.
GREAT_JOB_FIXING = conv(("c", "I restarted it and it's back!"), ("a", "Great job finding that setting, well done."))
WHATEVER_WORKS = conv(("c", "Chrome or Firefox?"), ("a", "Whatever works best for you is fine."))


def test_negated_insult_is_its_opposite() -> None:
    assert detect("agent.unprofessional", NOT_A_SILLY_QUESTION) == []
    assert detect("agent.unprofessional", NOT_AN_IDIOT) == []


@pytest.mark.parametrize("c, words", [
    (LOL_WHATEVER, "lol ok whatever"), (GREAT_JOB_LOCKING, "great job locking"),
    (NOTHING_BETTER_TO_DO, "has nothing better to do than"),
], ids=["lol_whatever", "great_job_locking", "nothing_better_to_do"])
def test_new_sarcasm_cues(c, words: str) -> None:
    found = detect("agent.unprofessional", c)
    assert [f.message_id for f in found] == ["m2"] and found[0].data["kinds"] == ["sarcasm"]
    assert evidence_text(c, found[0]) == [words]


def test_sincere_praise_and_whatever_in_a_sentence_are_fine() -> None:
    assert detect("agent.unprofessional", GREAT_JOB_FIXING) == []
    assert detect("agent.unprofessional", WHATEVER_WORKS) == []


# v4 (QA pass 5): texting slang with a shrug; either alone stays quiet.
@pytest.mark.parametrize("text", ["lol that's a weird one, no idea tbh", "idk tbh", "no clue lmao"])
def test_slang_with_a_shrug(text: str) -> None:
    found = detect("agent.unprofessional", conv(("c", "My mouse cursor keeps jumping."), ("a", text)))
    assert [f.message_id for f in found] == ["m2"]


@pytest.mark.parametrize("text", ["lol nice, glad it works", "No idea yet, let me check the logs.",
                                  "tbh a reboot is best"])
def test_slang_or_shrug_alone_is_not_reported(text: str) -> None:
    assert detect("agent.unprofessional", conv(("c", "My mouse cursor keeps jumping."), ("a", text))) == []


# v5 (QA pass 6): sarcastic praise then the mishap pinned on the reader, mock compliance, and
# "garbage" about the customer's equipment together with texting slang.
GREAT_JOB_YOU_DELETED = conv(("c", "I think I accidentally deleted the shared folder..."),
                             ("a", "Wow, great job. You deleted the whole Sales folder. I'll check the backup."))
DROP_EVERYTHING = conv(("c", "can someone look at my printer today please?"),
                       ("a", "Sure, I'll just drop everything else for your printer."))
LOL_GARBAGE = conv(("c", "the printer on floor 2 is printing blank pages"),
                   ("a", "lol that printer is garbage anyway, use another one"))
# Negative: sincere praise, a real plan to drop other work, and "garbage" about output alone.
GREAT_JOB_YOU_FIXED = conv(("c", "I rebooted and it's back!"), ("a", "Great job. You fixed it yourself!"))
DROPPING_EVERYTHING_SINCERE = conv(("c", "The whole floor is offline!"),
                                   ("a", "I've dropped everything else and I'm on my way to the switch room now."))
GARBAGE_OUTPUT = conv(("c", "my terminal shows weird characters"),
                      ("a", "that output is garbage because the locale is wrong, run dpkg-reconfigure locales"))


@pytest.mark.parametrize("c, words", [
    (GREAT_JOB_YOU_DELETED, "great job. You deleted"),
    (DROP_EVERYTHING, "I'll just drop everything else for"),
    (LOL_GARBAGE, "that printer is garbage"),
], ids=["great_job_you_deleted", "drop_everything", "lol_garbage"])
def test_qa6_sarcasm_and_disparaging(c, words: str) -> None:
    found = detect("agent.unprofessional", c)
    assert [f.message_id for f in found] == [c.messages[-1].id]
    assert words in evidence_text(c, found[0])


def test_qa6_sincere_praise_plans_and_technical_garbage_are_fine() -> None:
    assert detect("agent.unprofessional", GREAT_JOB_YOU_FIXED) == []
    assert detect("agent.unprofessional", DROPPING_EVERYTHING_SINCERE) == []
    assert detect("agent.unprofessional", GARBAGE_OUTPUT) == []


# --- v6 (QA pass 7): sarcasm families --------------------------------------------------
MOCK_SURPRISE = conv(("c", "I forgot my password again, sorry"), ("a", "Wow, another password reset. Shocking."))
MOCK_SYMPATHY = conv(("c", "Where do I find the setup steps?"),
                     ("a", "Sure, because reading the instructions is so hard."))
MOCK_ADVICE = conv(("c", "Slack freezes every time I share my screen"),
                   ("a", "Interesting that it only breaks when you use it. Have you tried not doing that?"))
MOCK_DELIGHT = conv(("c", "I unplugged it during the update"), ("a", "Great, so you broke it. Nice job."))
# must stay quiet
SHOCKING_ADJECTIVE = conv(("c", "The bill was $900"), ("a", "That is a shocking amount; let me check the charges."))
SINCERE_BECAUSE = conv(("c", "Why reinstall?"), ("a", "Sure, because the old driver is still loaded."))
SINCERE_TRIED_NOT = conv(("c", "It crashes on login"), ("a", "Have you tried not using the proprietary driver?"))
PRAISE_AFTER_FIX = conv(("c", "I restarted the router"), ("a", "Great, so you fixed it. Nice job!"))


@pytest.mark.parametrize("conversation, quote", [
    (MOCK_SURPRISE, "Shocking."),
    (MOCK_SYMPATHY, "Sure, because reading the instructions is so hard"),
    (MOCK_ADVICE, "Have you tried not doing that"),
    (MOCK_DELIGHT, "Great, so you broke"),
])
def test_v6_sarcasm_families_are_flagged(conversation, quote):
    found = detect("agent.unprofessional", conversation)
    assert found and quote in evidence_text(conversation, found[0])


@pytest.mark.parametrize("conversation", [SHOCKING_ADJECTIVE, SINCERE_BECAUSE, SINCERE_TRIED_NOT, PRAISE_AFTER_FIX])
def test_v6_sincere_lookalikes_stay_quiet(conversation):
    assert detect("agent.unprofessional", conversation) == []


# --- v7 (QA pass 8) -------------------------------------------------------------------------
@pytest.mark.parametrize("reply", [
    "Wow, the update you skipped broke things. Who could have guessed.",  # QA8 b27
    "It crashed again, who would've guessed.",
    "Sure. I'll reset it again I guess.",  # QA8 b22
    "Fine, I can send it again, I guess.",
])
def test_v7_mock_surprise_and_grudging_again(reply):
    assert detect("agent.unprofessional", conv(("c", "the password you gave me doesn't work"), ("a", reply)))


@pytest.mark.parametrize("reply", [
    "I'll reset it again for you now, sorry about that.",
    "I guess the cache needs clearing again; I'll do that now.",
])
def test_v7_plain_offers_to_do_it_again(reply):
    assert detect("agent.unprofessional", conv(("c", "the password you gave me doesn't work"), ("a", reply))) == []


# --- v8 (QA pass 11) ----------------------------------------------------------------------

@pytest.mark.parametrize("text, quote", [
    ("ugh fine, I'll look at it. gimme a sec", "ugh fine"),  # b39
    ("Fine, I'll check it.", "Fine, I'll check"),
    ("*sigh* ok, I'll send it again.", "*sigh* ok, I'll"),
    ("Fine, whatever, I'll reset it.", "Fine, whatever, I'll reset"),
])
def test_v8_grudging_help(text: str, quote: str) -> None:
    c = conv(("c", "Could you please check my order status?"), ("a", text))
    found = detect("agent.unprofessional", c)
    assert found and quote in evidence_text(c, found[0]), text


@pytest.mark.parametrize("text, quote", [
    ("Wow, what a surprise. Coffee and keyboards, who would have thought.", "who would have thought."),  # b26
    ("Coffee and keyboards, who would have thought.", "who would have thought."),
    ("Liquid and laptops, who knew.", "who knew."),
])
def test_v8_mock_surprise_tagged_on(text: str, quote: str) -> None:
    c = conv(("c", "I spilled coffee on my keyboard and now it doesn't work."), ("a", text))
    found = detect("agent.unprofessional", c)
    assert found and quote in evidence_text(c, found[0]), text


@pytest.mark.parametrize("text", [
    "Sure, I'll look at it now, give me a second.",
    "That's fine, I'll check it for you now.",
    "Fine, thanks for your patience; your order ships today.",
    "ugh, okay",  # taking in bad news (IRC), not grudging help
    "Who would have thought a tiny setting could cause this! Let's switch it back.",
    "gimme a sec, uploading the log",  # slang alone is a minor cue, under the reporting level
])
def test_v8_willing_help_and_real_wonder_stay_quiet(text: str) -> None:
    c = conv(("c", "Could you please check my order status?"), ("a", text))
    assert detect("agent.unprofessional", c) == [], text


# --- v9 (QA pass 12) -------------------------------------------------------------------
@pytest.mark.parametrize(
    "draft",
    [
        "Wow, great idea to install random software from the internet. Shockingly, now you have a virus.",
        "Brilliant move clicking that link. Now your account is hacked.",
        "You skipped the update. Shockingly, you're now locked out.",
        "lol dude that's a you problem, your phone is ancient",
    ],
)
def test_v9_mock_praise_mock_surprise_and_ancient_device(draft) -> None:
    c = conv(("c", "my phone won't install the app"), ("a", draft))
    assert [f.message_id for f in detect("agent.unprofessional", c)] == ["m2"]


@pytest.mark.parametrize(
    "draft",
    [
        "Great idea to back up your photos first! Now let's reset the phone.",
        "Great idea to install the update. Now you should see the new menu.",
        "Your phone is ancient, so the app won't run on it; here's what we can do instead.",
        "Shockingly, the price went up again this year, I'm sorry.",
    ],
)
def test_v9_sincere_praise_and_a_lone_ancient_stay_quiet(draft) -> None:
    c = conv(("c", "my phone won't install the app"), ("a", draft))
    assert detect("agent.unprofessional", c) == []


# v13 (QA pass 18, b09 and b36): minor cues together ("haha", "piece of junk", "tbh", a step trailed by "I guess"),
# the mishap's ingredients praised as a pair, and a bare "Nice one." right after the customer's own mishap.
@pytest.mark.parametrize(
    "customer, draft, kinds",
    [
        pytest.param("hey my printer keeps printing blank pages",
                     "haha yeah that thing's a piece of junk tbh. try shaking the toner I guess",
                     ["chat_slang", "disparaging", "shrug"], id="b09"),
        pytest.param("hey my printer keeps printing blank pages", "lol that printer is a pile of garbage, no idea.",
                     ["chat_slang", "disparaging", "shrug"], id="pile_of_garbage"),
        pytest.param("I spilled coffee on my keyboard and now some keys don't work.",
                     "Nice one. Coffee and electronics, great combination. You'll need to request a new keyboard "
                     "through the portal.", ["mock_praise", "sarcasm"], id="b36"),
        pytest.param("I dropped my phone in the bath.", "Well done. You'll need a new one.", ["mock_praise"],
                     id="well_done_after_drop"),
        pytest.param("I think I deleted the shared folder.",
                     "Water and laptops: a match made in heaven. Anyway, I'll restore it.", ["sarcasm"],
                     id="match_made_in_heaven"),
    ],
)
def test_v13_b09_b36_junk_and_mock_praise(customer, draft, kinds) -> None:
    found = detect("agent.unprofessional", conv(("c", customer), ("a", draft)))
    assert [f.message_id for f in found] == ["m2"]
    assert found[0].data["kinds"] == kinds


@pytest.mark.parametrize(
    "customer, draft",
    [
        pytest.param("I restarted it like you said and it works now!", "Nice one! Glad it's sorted.",
                     id="nice_one_after_a_fix"),
        pytest.param("I found the setting and turned it on myself.", "Nice one, thanks for letting me know.",
                     id="nice_one_after_finding_it"),
        pytest.param("I spilled coffee on my keyboard but unplugged it straight away.",
                     "Good job. Unplugging it straight away was exactly the right thing to do. I'll send a new one.",
                     id="praise_for_the_right_move"),
        pytest.param("Which plan should I pick?", "Fibre and the mesh router are a great combination for a big house.",
                     id="sincere_combination"),
        pytest.param("printer prints blank pages", "haha, good question! Let me check the toner levels for you.",
                     id="haha_alone"),
        pytest.param("the update changed my settings", "I guess the update changed it; let's set it back together.",
                     id="i_guess_as_a_hedge"),
        pytest.param("printer prints blank pages", "Try shaking the toner cartridge gently, then print a test page.",
                     id="the_same_step_plainly"),
    ],
)
def test_v13_praise_after_a_fix_and_single_minor_cues_stay_quiet(customer, draft) -> None:
    assert detect("agent.unprofessional", conv(("c", customer), ("a", draft))) == []


# --- v14 (QA pass 19) ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "customer, draft, kind",
    [
        pytest.param("my printer keeps printing blank pages, what's going on?",
                     "lol yeah that printer is a total dinosaur tbh. prob out of ink, chuck a new cartridge in and "
                     "pray.",
                     "disparaging", id="b08_dinosaur_and_pray"),
        pytest.param("laptop is really slow",
                     "haha that laptop's a bit of a relic tbh, restart it and hope for the best.",
                     "shrug", id="relic_and_hope_for_the_best"),
        pytest.param("I set my password to 'password123' and now it says my account was compromised??",
                     "Wow, what a shock that 'password123' didn't keep the hackers out. I've reset it; maybe pick "
                     "something a little less creative this time.", "sarcasm", id="b11_what_a_shock_that"),
        pytest.param("I got a virus from a free download", "How surprising that the free antivirus didn't catch it.",
                     "sarcasm", id="how_surprising_that"),
        pytest.param("my password got hacked", "I've reset it. Maybe go for something a bit less original next time.",
                     "sarcasm", id="less_original_next_time"),
        pytest.param("Is the cloud the same as the internet?",
                     "Great question, really cutting edge stuff there. Yes, more or less. Anything else?",
                     "sarcasm", id="b31_cutting_edge_stuff_there"),
        pytest.param("Is wifi the same as the internet?", "Good question, truly groundbreaking stuff. No.",
                     "sarcasm", id="groundbreaking_stuff"),
        pytest.param("Why is my internet so slow?! I pay for 500mb and get 20!!",
                     "Dunno mate, probably everyone streaming. Not much I can do from here, deal with it.",
                     "rude_dismissal", id="b20_deal_with_it"),
        pytest.param("why is it so expensive", "It's the price, get over it.", "rude_dismissal", id="get_over_it"),
        pytest.param("the fan is loud", "Just suck it up, mate.", "rude_dismissal", id="suck_it_up"),
    ],
)
def test_v14_qa19_sarcasm_rude_dismissal_and_minor_cues(customer, draft, kind) -> None:
    found = detect("agent.unprofessional", conv(("c", customer), ("a", draft)))
    assert len(found) == 1
    assert kind in found[0].data["kinds"]


def test_v14_b20_evidence_is_the_order_itself() -> None:
    c = conv(("c", "Why is my internet so slow?!"), ("a", "Not much I can do from here, deal with it."))
    assert evidence_text(c, detect("agent.unprofessional", c)[0]) == ["deal with it"]


@pytest.mark.parametrize(
    "customer, draft",
    [
        pytest.param("printer is slow", "That printer is a bit of a dinosaur, so I've ordered you a replacement; it "
                     "arrives Tuesday.", id="dinosaur_alone_with_a_fix"),
        pytest.param("printer is slow", "Restart it and keep your fingers crossed; if it still fails I'll send an "
                     "engineer tomorrow.", id="fingers_crossed_going_on"),
        pytest.param("my account was hacked", "What a shock that must have been! I've locked the account and reset the "
                     "password.", id="sympathy_what_a_shock"),
        pytest.param("the update fixed it", "What a nice surprise that the update fixed it for you!",
                     id="pleasant_surprise"),
        pytest.param("Is the cloud the same as the internet?", "Great question! Not quite: the internet is the "
                     "network, and the cloud is other companies' computers you reach over it.",
                     id="sincere_great_question"),
        pytest.param("Does my laptop do wifi 7?", "Great question, cutting-edge stuff: Wi-Fi 7 only came out this "
                     "year, so your laptop won't support it yet.", id="cutting_edge_going_on"),
        pytest.param("my invoice is wrong", "I'll deal with it now and call you back within the hour.",
                     id="agent_deals_with_it"),
        pytest.param("my invoice is wrong", "How would you like us to deal with it?", id="deal_with_it_question"),
        pytest.param("naming files", "Be less creative with file names so search finds them.",
                     id="less_creative_as_a_tip"),
    ],
)
def test_v14_qa19_look_alikes_stay_quiet(customer, draft) -> None:
    assert detect("agent.unprofessional", conv(("c", customer), ("a", draft))) == []


@pytest.mark.parametrize(
    "customer, draft",
    [
        pytest.param("I just reset the router and unplugged the modem, and now everything works!",
                     "Great job! Glad it is working now.", id="reset_and_unplugged_then_works"),
        pytest.param("I deleted the old profile like you said and Outlook opens now.", "Well done.",
                     id="deleted_as_told_opens_now"),
        pytest.param("I just reset the router and unplugged the modem.", "Great job!", id="ordinary_steps_alone"),
        pytest.param("I deleted the old profile like you said.", "Well done.", id="deleted_as_told"),
        pytest.param("I dropped my phone in the bath and it works now.", "Well done.", id="mishap_but_works_now"),
        pytest.param("I spilled coffee on my keyboard.", "Nice one! Glad it's working again after drying.",
                     id="success_in_the_reply"),
    ],
)
def test_v16_praise_after_an_ordinary_step_or_a_success_stays_quiet(customer, draft) -> None:
    assert detect("agent.unprofessional", conv(("c", customer), ("a", draft))) == []


@pytest.mark.parametrize(
    "customer, draft",
    [
        pytest.param("I accidentally deleted the shared folder.", "Well done.", id="accidentally_deleted"),
        pytest.param("I deleted the shared folder by mistake.", "Nice one.", id="deleted_by_mistake"),
        pytest.param("I think I wiped the whole drive.", "Great job!", id="think_i_wiped"),
        pytest.param("I spilled water on the printer and now it prints blank pages.", "Great job.",
                     id="prints_blank_pages_is_no_success"),
        pytest.param("I dropped my laptop and it isn't working now.", "Well done.", id="isnt_working_now"),
    ],
)
def test_v16_mock_praise_after_a_mishap_is_still_found(customer, draft) -> None:
    found = detect("agent.unprofessional", conv(("c", customer), ("a", draft)))
    assert [f.message_id for f in found] == ["m2"]
    assert "mock_praise" in found[0].data["kinds"]
