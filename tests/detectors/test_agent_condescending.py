import pytest

from conftest import conv, detect, evidence_text

OBVIOUS_AND_SIMPLE = conv(
    ("c", "I don't understand where the settings are."),
    ("a", "It's really simple, as anyone knows."),
)
CALM_DOWN_TO_ANGRY = conv(
    ("c", "This is RIDICULOUS, the third time this week!!!"),
    ("a", "Calm down."),
)
QUIZ = conv(
    ("c", "Where do I type the address?"),
    ("a", "You do know what a browser is, right?"),
)
ROCKET_SCIENCE = conv(
    ("c", "Sorry, can you explain the steps again?"),
    ("a", "It's not rocket science. Even a child could do it."),
)
OBVIOUSLY_YOU = conv(
    ("c", "The screen is black."),
    ("a", "Obviously you need to turn the monitor on."),
)
# --- must stay quiet ----------------------------------------------------------------
EMPATHIC_OBVIOUSLY = conv(
    ("c", "It froze again in the middle of my presentation."),
    ("a", "Obviously that's frustrating. Let's fix it now."),
)
CLEARLY_SEE = conv(
    ("c", "The sync fails."),
    ("a", "Thanks, I can clearly see the problem in the sync log. I'll fix it on our side."),
)
REASSURING_SIMPLE = conv(
    ("c", "Hi, how do I change my display name?"),
    ("a", "Good question! It's really simple: open Settings, then Profile, then Name."),
)
NO_STUPID_QUESTIONS = conv(
    ("c", "Sorry if this is a dumb question, what is a browser?"),
    ("a", "Not at all! A browser is the app you use to open websites, like Chrome or Edge."),
)


@pytest.mark.parametrize(
    ("conversation", "evidence"),
    [
        (OBVIOUS_AND_SIMPLE, ["It's really simple", "as anyone knows"]),
        (CALM_DOWN_TO_ANGRY, ["Calm down"]),
        (QUIZ, ["You do know what a browser is, right?"]),
        (ROCKET_SCIENCE, ["It's not rocket science", "Even a child could"]),
        (OBVIOUSLY_YOU, ["Obviously"]),
    ],
)
def test_condescension_is_found(conversation, evidence) -> None:
    found = detect("agent.condescending", conversation)
    assert [(f.label, f.message_id) for f in found] == [("agent.condescending", "m2")]
    assert evidence_text(conversation, found[0]) == evidence


def test_calm_down_is_worse_to_an_upset_customer() -> None:
    calm = conv(("c", "ok I will try that."), ("a", "Calm down."))
    angry = detect("agent.condescending", CALM_DOWN_TO_ANGRY)[0]
    assert angry.data["customer_upset"] and "upset customer" in angry.explanation
    assert angry.score > detect("agent.condescending", calm)[0].score


@pytest.mark.parametrize("conversation", [EMPATHIC_OBVIOUSLY, CLEARLY_SEE, REASSURING_SIMPLE, NO_STUPID_QUESTIONS])
def test_patient_replies_stay_quiet(conversation) -> None:
    assert detect("agent.condescending", conversation) == []


# --- v2: false positives measured on real support chats (docs/detectors/agent.condescending.md)
BOT_LANGUAGE_NOTICE = conv(
    ("c:jerware", "debian is a pain in the balls with wireless"),
    ("a:ompaul", "!language"),
    ("a:ubotu", "Please watch your language. We try to be nice and help but some of us don't like to see that."),
)
HUMAN_LANGUAGE_REMARK = conv(
    ("c:pr0zac", "fuck i cant take a print screen"),
    ("a:ocean", "pr0zac: watch your language"),
)
TO_ANOTHER_HELPER = conv(
    ("c:kim", "How do I join a channel?"),
    ("a:ann", "kim: type /join #channel"),
    ("a:bob", "ann: calm down - all is well ;)"),
)
REAL_QUESTION_ABOUT_A_TOOL = conv(
    ("c", "It says it auto fills the ati x850."),
    ("a", "you know how to use the pastebin?"),
)
DO_YOU_KNOW_HOW = conv(
    ("c", "*.deb is the package format, thanks."),
    ("a", "do you know how to use apt"),
)
COMPARISON_ABOUT_SOMETHING_ELSE = conv(
    ("c", "Who controls the FloodBots and what do they do?"),
    ("a", "They're the equivalent of a two year old who's learned how to operate the light switch."),
)
FIVE_YEAR_OLD = conv(
    ("c", "How do I open the file?"),
    ("a", "Even a five year old could do this, just double-click it."),
)
EVEN_YOU_CAN_ASK = conv(
    ("c", "Is this software for chatting with Ubuntu friends?"),
    ("a", "You can ask for support here. Even you can ask for Windows support on ##windows!"),
)
EVEN_YOU_CAN_DO_IT = conv(
    ("c", "Do I really have to edit this file?"),
    ("a", "Yes, even you can do it."),
)
SURELY_YOU_CANT = conv(
    ("c", "Shouldn't I add the www-data group to my own?"),
    ("a", "If www-data is a group, surely you can't add that to yourself."),
)
OBVIOUSLY_YOU_CAN = conv(
    ("c", "ok"),
    ("a", "Obviously you can mount it wherever you wish, but you get the idea."),
)
BASIC_STUFF_FIRST = conv(
    ("c", "I am skeptical to try this fan tool for now."),
    ("a", "Also make sure it is clean. Basic stuff first, eh?"),
)
THATS_BASIC_STUFF = conv(
    ("c", "How do I copy a file?"),
    ("a", "That's basic stuff, use cp."),
)
DESCRIBES_NOT_ORDERS = conv(
    ("c", "Our mince pies got the same score as yours!"),
    ("a", "Do you know what happens when you try and keep up with our jokes? You get a pie."),
)


@pytest.mark.parametrize(
    "conversation",
    [BOT_LANGUAGE_NOTICE, TO_ANOTHER_HELPER, REAL_QUESTION_ABOUT_A_TOOL, DO_YOU_KNOW_HOW,
     COMPARISON_ABOUT_SOMETHING_ELSE, EVEN_YOU_CAN_ASK, SURELY_YOU_CANT, OBVIOUSLY_YOU_CAN, BASIC_STUFF_FIRST,
     DESCRIBES_NOT_ORDERS],
)
def test_bots_helpers_real_questions_and_look_alikes_stay_quiet(conversation) -> None:
    assert detect("agent.condescending", conversation) == []


@pytest.mark.parametrize(
    ("conversation", "evidence"),
    [
        (HUMAN_LANGUAGE_REMARK, ["watch your language"]),
        (FIVE_YEAR_OLD, ["Even a five year old"]),
        (EVEN_YOU_CAN_DO_IT, ["even you can do"]),
        (THATS_BASIC_STUFF, ["That's basic stuff"]),
    ],
)
def test_the_real_thing_is_still_found(conversation, evidence) -> None:
    found = detect("agent.condescending", conversation)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(conversation, found[0]) == evidence


# v3 (QA pass 4b)
WHERE = "Where do I find that? I don't understand."
OBVIOUSLY_AT_END = conv(("c", WHERE), ("a", "It's in Settings, obviously."))
DID_YOU_EVEN_CHECK = conv(("c", "The printer is offline!!"), ("a", "Did you even check that?"))
SLOWLY_SO_YOU_CAN_FOLLOW = conv(("c", WHERE), ("a", "Let me explain this slowly so you can follow."))
# the customer's "I still don't understand" is read as upset now that customer.confusion runs first
NOT_THAT_HARD_AFTER_CONFUSION = conv(
    ("c", "Hi, I'm not very good with computers. The printer says offline."),
    ("a", "It's in Settings."),
    ("c", "Sorry, I still don't understand where to click. Where is it?"),
    ("a", "Like I said, Settings. It's not that hard."),
)
# Negative
NOT_OBVIOUSLY = conv(("c", WHERE), ("a", "It's in Settings, though not obviously."))
SLOWLY_ONE_STEP = conv(("c", WHERE), ("a", "We'll go slowly, one step at a time. First open Settings."))
DID_YOU_GET_EMAIL = conv(("c", "I reset it."), ("a", "Did you even get the reset email? Sometimes it's in spam."))


@pytest.mark.parametrize("c, words", [
    (OBVIOUSLY_AT_END, ", obviously"), (DID_YOU_EVEN_CHECK, "Did you even check"),
    (SLOWLY_SO_YOU_CAN_FOLLOW, "slowly so you can follow"), (NOT_THAT_HARD_AFTER_CONFUSION, "It's not that hard"),
], ids=["obviously_at_end", "did_you_even_check", "slowly_so_you_can_follow", "not_that_hard_after_confusion"])
def test_new_condescending_cues(c, words: str) -> None:
    found = detect("agent.condescending", c)
    assert [f.message_id for f in found] == [c.messages[-1].id]
    assert evidence_text(c, found[0]) == [words]


def test_not_obviously_slow_steps_and_did_you_get_are_fine() -> None:
    for c in (NOT_OBVIOUSLY, SLOWLY_ONE_STEP, DID_YOU_GET_EMAIL):
        assert detect("agent.condescending", c) == []


# v4 (QA pass 5): "simple" with any intensifier, to a confused customer; not to a calm one.
QUITE_SIMPLE_TO_CONFUSED = conv(("c", "I don't understand how to reset my password"),
                                ("a", "I explained it."), ("c", "I'm confused, I don't get it."),
                                ("a", "It's really quite simple: just click Reset Password."))
QUITE_SIMPLE_TO_CALM = conv(("c", "How do I reset my password?"),
                            ("a", "It's honestly pretty straightforward: click Reset Password."))


def test_intensified_simplicity_to_a_confused_customer() -> None:
    assert [f.message_id for f in detect("agent.condescending", QUITE_SIMPLE_TO_CONFUSED)] == ["m4"]
    assert detect("agent.condescending", QUITE_SIMPLE_TO_CALM) == []


# --- v5 (QA pass 7) -------------------------------------------------------------------------
TONE_REBUKE = conv(("c", "THE WIFI HAS BEEN DOWN ALL DAY AND NOBODY IS DOING ANYTHING"),
                   ("a", "Yelling at me won't fix your Wi-Fi."))
YELLING_ABOUT_THE_DEVICE = conv(("c", "the fan is loud"), ("a", "A fan that is yelling like that needs cleaning."))


def test_v5_rebuke_for_tone_is_tone_policing():
    found = detect("agent.condescending", TONE_REBUKE)
    assert found and "Yelling at me won't fix" in evidence_text(TONE_REBUKE, found[0])


def test_v5_yelling_without_a_rebuke_is_quiet():
    assert detect("agent.condescending", YELLING_ABOUT_THE_DEVICE) == []


# --- v6 (QA pass 8) -------------------------------------------------------------------------
@pytest.mark.parametrize("reply", [
    "No offense, but anyone could figure this out. Click Join.",  # QA8 b33
    "Everybody else manages to do it. Click Join.",
    "Oh great, another person who can't find the power button.",  # QA8 b07
    "Try again, carefully this time.",  # QA8 b39
    "Do it properly this time and it will work.",
    "The invoice was sent on the 3rd. Please read your emails.",  # QA8 b20
])
def test_v6_belittling_family(reply):
    assert detect("agent.condescending", conv(("c", "I'm not good with this stuff, how do I join?"), ("a", reply)))


@pytest.mark.parametrize("reply", [
    "Anyone can join from the invite link: click Join, then Join now.",
    "Sorry about that, let me do it properly this time.",
    "Please check your inbox for the reset link.",
    "I read your emails and the invoice is attached again here.",
])
def test_v6_lookalikes_are_not_condescending(reply):
    c = conv(("c", "I'm not good with this stuff, how do I join?"), ("a", reply))
    assert detect("agent.condescending", c) == []


@pytest.mark.parametrize("text, quote", [
    ("Everyone knows you can't use a USB-C charger from another brand.", "Everyone knows"),
    ("This is a simple process that most customers complete without assistance.",
     "most customers complete without assistance"),
    ("Most people manage this on their own.", "Most people manage this on their own"),
])
def test_v7_common_knowledge_and_customers_who_cope(text: str, quote: str) -> None:
    # QA pass 10 (b25, b32)
    c = conv(("c", "I don't understand how to set this up, it's so confusing."), ("a", text))
    found = detect("agent.condescending", c)
    assert len(found) == 1 and quote in evidence_text(c, found[0])


@pytest.mark.parametrize("text", [
    "Most customers find the web app easiest; here's the link and I'm happy to walk you through it.",
    "Many customers need help with this step, so let me walk you through it.",
    "Everyone knows how frustrating a dead tablet is, so let's get it fixed.",
    "Everyone knows about the outage and we're on it.",
])
def test_v7_lookalikes_are_quiet(text: str) -> None:
    c = conv(("c", "I don't understand how to set this up, it's so confusing."), ("a", text))
    assert detect("agent.condescending", c) == []


# --- v8 (QA pass 11) ----------------------------------------------------------------------

@pytest.mark.parametrize("text, quote", [
    # b29
    ("As is clearly stated in our FAQ, which I'd encourage you to actually read, the refund window is 14 days.",
     "As is clearly stated"),
    ("As clearly explained in the email, the refund window is 14 days.", "As clearly explained"),
    ("I suggest you actually read the instructions this time.", "suggest you actually read"),
    ("If you had actually read the email, you'd know the window is 14 days.", "If you had actually read"),
])
def test_v8_clearly_stated_and_actually_read(text: str, quote: str) -> None:
    c = conv(("c", "How long do I have to ask for a refund?"), ("a", text))
    found = detect("agent.condescending", c)
    assert found and quote in " ".join(evidence_text(c, found[0])), text


@pytest.mark.parametrize("text", [
    "As stated in our FAQ, the refund window is 14 days, so you still have until the 20th.",
    "Once you actually receive the parcel, you have 14 days to ask for a refund.",
    "The FAQ clearly explains the 14-day window, and I'm happy to start the refund for you now.",
    "I can see clearly from your order that you're still inside the 14 days.",
])
def test_v8_plain_pointers_stay_quiet(text: str) -> None:
    c = conv(("c", "How long do I have to ask for a refund?"), ("a", text))
    assert detect("agent.condescending", c) == [], text


# --- v9 (QA pass 12) -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("draft", "evidence"),
    [
        ("As anyone can see, the power button is the big one on the front. It's really not that complicated.",
         ["As anyone can see", "It's really not that complicated"]),
        ("Okay, let's try this again, slowly. The blue button. Not the red one. The blue one.", ["again, slowly"]),
        ("Once more, very slowly: hold the button.", ["Once more, very slowly"]),
        ("I've moved the booking. Please be more careful next time.", ["Please be more careful next time."]),
    ],
)
def test_v9_anyone_can_see_again_slowly_and_the_careful_lecture(draft, evidence) -> None:
    c = conv(("c", "I pressed the button but nothing happened."), ("a", draft))
    found = detect("agent.condescending", c)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(c, found[0]) == evidence


@pytest.mark.parametrize(
    "draft",
    [
        "Let's try it again together, slowly, one step at a time.",
        "Let's do it again, slowly, step by step.",
        "As you can see in the screenshot, the button is on the left.",
        "Be careful next time you lift it: it's heavy. I'll send a new one.",
    ],
)
def test_v9_slowly_offered_as_help_and_safety_tips_stay_quiet(draft) -> None:
    c = conv(("c", "I pressed the button but nothing happened."), ("a", draft))
    assert detect("agent.condescending", c) == []


# v10 (QA pass 13, b18): puzzling aloud over the customer's difficulty
@pytest.mark.parametrize(
    "draft, evidence",
    [
        ("Honestly, I don't know why you're having so much trouble with this. Nobody else has this issue.",
         "I don't know why you're having so much trouble"),
        ("I can't see why this is so hard for you.", "I can't see why this is so hard for you"),
        ("I really don't understand why you're finding this so difficult.",
         "I really don't understand why you're finding this so difficult"),
    ],
)
def test_v10_puzzling_over_the_customers_difficulty(draft, evidence) -> None:
    c = conv(("c", "I still can't connect my smart plug to the app."), ("a", draft))
    found = detect("agent.condescending", c)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(c, found[0]) == [evidence]


@pytest.mark.parametrize(
    "draft",
    [
        "I'm not sure why the VPN is giving you so much trouble, let me check the server.",  # the system at fault
        "I don't know why it's so slow today; I'll look at the logs.",
        "I don't know why you're having trouble with the login, let me check the server.",  # no "so much"
        "I can see why this is so confusing for you.",  # empathy
    ],
)
def test_v10_the_system_at_fault_or_empathy_stays_quiet(draft) -> None:
    c = conv(("c", "I still can't connect my smart plug to the app."), ("a", draft))
    assert detect("agent.condescending", c) == []


# v14 (QA pass 17, b26): "Obviously you can't ..." lectures; only the permission "obviously you can" and the excuse
# "you couldn't have known" are let off.
OBVIOUSLY_YOU_CANT = conv(
    ("c", "why can't I edit this invoice? I need to change the address on it"),
    ("a", "That's not how the software works. Obviously you can't edit a locked invoice."),
)
CLEARLY_YOU_CANNOT = conv(("c", "It logs me out of one account."),
                          ("a", "Clearly you cannot use two accounts at once."))
OBVIOUSLY_YOU_COULDNT = conv(("c", "It won't start."), ("a", "Obviously you couldn't run it without the licence key."))
OBVIOUSLY_YOU_CAN = conv(("c", "Where can I mount it?"), ("a", "Obviously you can mount it anywhere you like."))
COULDNT_HAVE_KNOWN = conv(("c", "I didn't know it was locked."),
                          ("a", "Obviously, you couldn't have known that, the lock icon is hidden. I've unlocked it."))
WERENT_TO_KNOW = conv(("c", "Sorry, I deleted the wrong one."), ("a", "Clearly you weren't to know. I've restored it."))


@pytest.mark.parametrize("conversation", [OBVIOUSLY_YOU_CANT, CLEARLY_YOU_CANNOT, OBVIOUSLY_YOU_COULDNT])
def test_obviously_you_cant_is_condescending(conversation) -> None:
    found = detect("agent.condescending", conversation)
    assert [f.message_id for f in found] == ["m2"]


@pytest.mark.parametrize("conversation", [OBVIOUSLY_YOU_CAN, COULDNT_HAVE_KNOWN, WERENT_TO_KNOW])
def test_obviously_you_can_or_couldnt_have_known_stays_quiet(conversation) -> None:
    assert detect("agent.condescending", conversation) == []


# v15 (QA pass 18, b26 and b34): the answer put down as impossible to miss, slowness offered as what this customer
# needs, the question put down to a lack of skill, and a common word the agent already wrote spelled out.
RESET_AGAIN = (
    ("c", "sorry which button do I press to reset the router?"),
    ("a", "The small one on the back labelled RESET."),
    ("c", "the one next to the cable?"),
)


@pytest.mark.parametrize(
    "draft, evidence",
    [
        pytest.param("The one labelled RESET. R-E-S-E-T. It's literally written on it.",
                     ["R-E-S-E-T", "It's literally written"], id="b34"),
        pytest.param("Yes. It literally says RESET on it.", ["It literally says"], id="literally_says"),
        pytest.param("The button is right there. It's right in front of you.", ["It's right in front of you"],
                     id="in_front_of_you"),
        pytest.param("The answer is staring you in the face: the reset button.", ["staring you in the face"],
                     id="staring"),
        pytest.param("The reset button, like I said. R-E-S-E-T.", ["R-E-S-E-T"], id="spelled_after_earlier_message"),
    ],
)
def test_v15_b34_impossible_to_miss_and_spelled_out(draft, evidence) -> None:
    c = conv(*RESET_AGAIN, ("a", draft))
    found = detect("agent.condescending", c)
    assert [f.message_id for f in found] == ["m4"]
    assert evidence_text(c, found[0]) == evidence


@pytest.mark.parametrize(
    "draft",
    [
        pytest.param("Yes, that's the one: the small button next to the cable, marked RESET. Press it with a "
                     "paperclip for ten seconds.", id="answers_again"),
        pytest.param("It's written on the sticker on the back of the router: look for 'Wi-Fi Key'.",
                     id="where_to_look"),
        pytest.param("The surname on the booking is Smith, S-M-I-T-H, and I've corrected it.", id="name_spelled"),
        pytest.param("Is that Jones, J-O-N-E-S?", id="spelling_asked"),
        pytest.param("Your code is X-K-Q-7, valid for 10 minutes.", id="code"),
        pytest.param("It's in the top-right corner, right in front of the clock.", id="in_front_of_a_thing"),
    ],
)
def test_v15_where_to_look_and_spellings_stay_quiet(draft) -> None:
    assert detect("agent.condescending", conv(*RESET_AGAIN, ("a", draft))) == []


@pytest.mark.parametrize(
    "draft, evidence",
    [
        pytest.param("Ah, this one trips up a lot of people who aren't very tech-savvy. Let me explain it slowly so "
                     "it's easy for you: click your picture at the top, then 'Change picture'.",
                     ["trips up a lot of people who aren't very tech-savvy", "slowly so it's easy for you"], id="b26"),
        pytest.param("Let me explain it slowly for you: click your picture.", ["slowly for you"], id="slowly_for_you"),
        pytest.param("I'll go slowly so it's simple enough for you. Click your picture.",
                     ["slowly so it's simple enough for you"], id="simple_enough_for_you"),
        pytest.param("No worries, this confuses folks who aren't good with computers.",
                     ["confuses folks who aren't good with computers"], id="good_with_computers"),
    ],
)
def test_v15_b26_slowly_for_you_and_not_tech_savvy(draft, evidence) -> None:
    c = conv(("c", "How do I change my profile picture in Teams?"), ("a", draft))
    found = detect("agent.condescending", c)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(c, found[0]) == evidence


@pytest.mark.parametrize(
    "draft",
    [
        "Let me explain it step by step: click your picture at the top, then 'Change picture'.",
        "This one trips up a lot of people, it's well hidden. Click your picture at the top, then 'Change picture'.",
        "I'll go slowly so it's easy to follow: first, click your picture at the top.",
        "We'll go slowly, one step at a time. First, click your picture at the top.",
    ],
)
def test_v15_step_by_step_and_well_hidden_stay_quiet(draft) -> None:
    c = conv(("c", "How do I change my profile picture in Teams?"), ("a", draft))
    assert detect("agent.condescending", c) == []


# --- v16 (QA pass 19) ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "customer, draft, evidence",
    [
        ("How do I attach a file to an email? Sorry if this is a silly question.",
         "No worries, this is something most people pick up on their first day with a computer, but I'm happy to "
         "spell it out for you. Click the paperclip.",
         ["most people pick up on their first day", "spell it out for you"]),
        ("How do I attach a file?", "Honestly, everyone learns this as a kid. Click the paperclip.",
         ["everyone learns this as a kid"]),
        ("Where is dark mode?", "Most users figure it out in five minutes. It's under Settings.",
         ["Most users figure it out in five minutes"]),
        ("Where is it?", "Happy to spell this out for you: Settings, then Mail, then Accounts.",
         ["spell this out for you"]),
        ("Your banking app crashes every time I open it on my phone.",
         "Your phone runs Android 8. Honestly, anyone who cares about their banking would have upgraded years ago.",
         ["anyone who cares about their banking would have"]),
        ("I lost my files", "Anybody who knows what they're doing would've backed it up first.",
         ["Anybody who knows what they're doing would've"]),
    ],
)
def test_v16_qa19_b09_b24_learned_at_once_spelled_out_and_care_judged(customer, draft, evidence) -> None:
    c = conv(("c", customer), ("a", draft))
    found = detect("agent.condescending", c)
    assert len(found) == 1
    assert evidence_text(c, found[0]) == evidence


@pytest.mark.parametrize(
    "customer, draft",
    [
        ("How do I attach a file? Sorry if this is silly.", "Not a silly question at all! Most people get the hang of "
         "it in their first week, so don't worry. Click the paperclip at the top."),
        ("How long does it take to learn Excel?", "Most people pick it up within a month of daily use."),
        ("How do I attach a file?", "Let me spell out the steps: click the paperclip, pick the file, press Send."),
        ("I need my account", "Could you spell out your surname for me?"),
        ("I never got the email", "Anyone who signed up before March would have received the email about it; I'll "
         "resend it now."),
        ("Is 2FA worth it?", "Anyone who cares about security should turn it on; here's how."),
    ],
)
def test_v16_qa19_look_alikes_stay_quiet(customer, draft) -> None:
    assert detect("agent.condescending", conv(("c", customer), ("a", draft))) == []
