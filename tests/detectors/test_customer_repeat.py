import pytest

from conftest import conv, detect, evidence_text

WHEN_FIXED = conv(
    ("c", "Our shared drive is down for the whole finance team. When will it be fixed?"),
    ("a", "I've raised it with the storage team and they're looking at the server now."),
    ("c", "Ok. Any idea how long this will take?"),
)
ASKED_AGAIN_WITH_CUE = conv(
    ("c", "How do I reset my VPN password?"),
    ("a", "You can do it on the self-service portal under Security."),
    ("c", "I looked there. Again, how can I change my VPN password?"),
)
SAME_WORDS_LATER = conv(
    ("c", "Can you tell me why Outlook keeps crashing when I open attachments?"),
    ("a", "Let me check the logs on your machine."),
    ("a", "I see a faulty add-in, I'm disabling it."),
    ("c", "Thanks, but can you tell me why Outlook keeps crashing when I open attachments?"),
)
FOLLOW_UP_NOT_REPEAT = conv(
    ("c", "How do I reset my VPN password?"),
    ("a", "Go to the self-service portal and choose Security."),
    ("c", "Done, thanks! Where do I find the printer drivers for floor 2?"),
)
ONE_MESSAGE_TWO_QUESTIONS = conv(
    ("c", "When will the laptop be ready? How long does the repair usually take?"),
    ("a", "It should be ready by Friday afternoon."),
)
STATEMENTS_REPEATED = conv(
    ("c", "My monitor is flickering."),
    ("a", "Could you try another cable?"),
    ("c", "My monitor is still flickering with the new cable."),
)
PATIENT_CHAT = conv(
    ("c", "Hi, my printer shows error 0x51. Can you help?"),
    ("a", "Of course! Please turn it off and on again and tell me what the screen says."),
    ("c", "It says ready now. Should I print a test page?"),
    ("a", "Yes please, from the printer menu."),
    ("c", "Perfect, it works. Thanks a lot!"),
)


def test_repeat_by_meaning_not_words() -> None:
    found = detect("customer.repeat", WHEN_FIXED)
    assert [f.message_id for f in found] == ["m3"]
    assert evidence_text(WHEN_FIXED, found[0]) == ["Any idea how long this will take?"]
    assert found[0].data["repeats_message_id"] == "m1"
    assert "When will it be fixed?" in found[0].explanation


def test_repeat_with_lexical_cue() -> None:
    found = detect("customer.repeat", ASKED_AGAIN_WITH_CUE)
    assert [f.message_id for f in found] == ["m3"]
    assert evidence_text(ASKED_AGAIN_WITH_CUE, found[0]) == ["Again, how can I change my VPN password?"]
    assert found[0].data["similarity"] > 0.6


def test_repeat_verbatim_after_agent_replies() -> None:
    found = detect("customer.repeat", SAME_WORDS_LATER)
    assert [f.message_id for f in found] == ["m4"]
    assert evidence_text(SAME_WORDS_LATER, found[0])[0].startswith("Thanks, but can you tell me why Outlook")
    assert found[0].data["repeats_message_id"] == "m1"
    assert found[0].score >= 0.8


def test_new_question_is_not_a_repeat() -> None:
    assert detect("customer.repeat", FOLLOW_UP_NOT_REPEAT) == []


def test_questions_in_one_message_are_not_repeats() -> None:
    assert detect("customer.repeat", ONE_MESSAGE_TWO_QUESTIONS) == []


def test_repeated_statements_are_not_repeated_questions() -> None:
    assert detect("customer.repeat", STATEMENTS_REPEATED) == []


def test_patient_chat_stays_quiet() -> None:
    assert detect("customer.repeat", PATIENT_CHAT) == []


def test_window_bounds_the_lookback() -> None:
    from patiently.config import RepeatSettings, Settings

    narrow = Settings(repeat=RepeatSettings(window=1))
    long_gap = conv(
        ("c", "When will it be fixed?"),
        ("a", "Working on it."),
        ("c", "Is the VPN server in London?"),
        ("a", "Yes."),
        ("c", "Which port does it use?"),
        ("a", "443."),
        ("c", "So when will it be fixed?"),
    )
    assert [f.message_id for f in detect("customer.repeat", long_gap)] == ["m7"]
    assert detect("customer.repeat", long_gap, narrow) == []


# --- v2: false repeats measured on Ubuntu IRC and Twitter support threads ---------------------
# Twitter threads hold several customers: a question is only asked *again* by the same one.
OTHER_CUSTOMER_ASKS = conv(
    ("c:ana", "When will the VPN be fixed?"),
    ("a", "We're working on it now."),
    ("c:ben", "When will the VPN be fixed?"),
)
# "so then ...?": an understanding check built on the answer, not the first question again.
UNDERSTANDING_CHECK = conv(
    ("c", "For what reason would a dvd not play if I have libdvdcss2 installed?"),
    ("a", "Your drive may be region locked, or the disc is damaged."),
    ("c", "So then libdvdcss2 will not play a dvd in my drive?"),
)
# The customer took the answer ("cheers") and asks the next, related question.
NEXT_QUESTION_AFTER_THANKS = conv(
    ("c", "What's the command to see where a symlink is pointing?"),
    ("a", "readlink"),
    ("c", "cheers"),
    ("c", "How can I confirm that a file is a symlink?"),
)
# "again" about an action ("hibernate again") is no cue that the question is asked again.
AGAIN_ABOUT_AN_ACTION = conv(
    ("c", "When I run sudo pm-hibernate the screen just flashes. How can I make hibernate work?"),
    ("a", "Do you have a swap partition? Make one with gparted."),
    ("c", "So now that I have a swap partition, should I try to hibernate again?"),
)
# After "ok thanks" a question put to the whole room again is still a repeat.
ROOM_ASKED_AGAIN_AFTER_THANKS = conv(
    ("c", "How come traceroute only shows *** instead of the IP addresses?"),
    ("a", "ICMP is filtered on that network."),
    ("c", "ok thanks"),
    ("c", "Does anybody know why traceroute only shows *** instead of the IP addresses?"),
)


@pytest.mark.parametrize(
    "conversation",
    [OTHER_CUSTOMER_ASKS, UNDERSTANDING_CHECK, NEXT_QUESTION_AFTER_THANKS, AGAIN_ABOUT_AN_ACTION],
)
def test_follow_ups_and_other_customers_are_not_repeats(conversation) -> None:
    assert detect("customer.repeat", conversation) == []


def test_question_put_to_the_room_again_is_a_repeat() -> None:
    found = detect("customer.repeat", ROOM_ASKED_AGAIN_AFTER_THANKS)
    assert [f.message_id for f in found] == ["m4"]
    assert found[0].data["repeats_message_id"] == "m1"


# --- v3: the customer says they are repeating themselves (QA: practice and team.jsonl) ---------
# The practice customer whose whole point is the repeated worry: "Sorry, I just worry" says it
# is asked again, so the "OK. Thank you" in between does not make it a new question.
WORRIED_ABOUT_EMAILS = conv(
    ("c", "Hi, it says my account is locked. Again! Will I lose all my emails? I've got years of them."),
    ("a", "I'm sorry you're locked out again, and no, you won't lose any emails. Did you change your password?"),
    ("c", "OK. Thank you for explaining. Yes, on Monday it made me pick a new one. Is that why?"),
    ("a", "Thank you, that helps. I'm unlocking your account now."),
    ("c", "I'm in! And my emails are all still there, aren't they? Sorry, I just worry. Are my emails safe?"),
)
# "I already told you": a repeat of what the customer *said*, not only of a question.
ALREADY_TOLD_YOU = conv(
    ("c", "My VPN keeps disconnecting every few minutes when I work from home. It's driving me crazy."),
    ("a", "Does it happen only at home, or in the office as well?"),
    ("c", "Only at home. In the office it's fine."),
    ("a", "Could you tell me roughly how often it drops?"),
    ("c", "It keeps disconnecting, why does it keep disconnecting? I already told you it's only at home."),
)
AS_I_SAID_STATEMENT = conv(
    ("c", "Outlook asks for my password every time I open it."),
    ("a", "Have you restarted the laptop?"),
    ("c", "Yes, twice."),
    ("a", "And what happens when you open Outlook?"),
    ("c", "As I said, Outlook keeps asking for my password every time I open it."),
)
# A cue with nothing it could repeat: no finding, only the cue.
AS_I_SAID_NOTHING_EARLIER = conv(
    ("c", "My monitor flickers when the laptop is docked."),
    ("a", "Which dock model is it?"),
    ("c", "Like I said on the phone to your colleague, the new USB-C one from the store."),
)


def test_apology_for_asking_again_overrides_the_taken_answer() -> None:
    found = detect("customer.repeat", WORRIED_ABOUT_EMAILS)
    assert [f.message_id for f in found] == ["m5"]
    assert found[0].data["repeats_message_id"] == "m1"
    assert "Will I lose all my emails?" in found[0].explanation


@pytest.mark.parametrize("conversation", [ALREADY_TOLD_YOU, AS_I_SAID_STATEMENT])
def test_said_before_cue_finds_a_repeated_statement(conversation) -> None:
    found = detect("customer.repeat", conversation)
    assert [f.message_id for f in found] == ["m5"]
    assert found[0].data["repeats_message_id"] in {"m1", "m3"}
    assert found[0].data["similarity"] >= 0.65


def test_said_before_cue_needs_something_it_repeats() -> None:
    assert detect("customer.repeat", AS_I_SAID_NOTHING_EARLIER) == []
