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
