from conftest import conv, detect, evidence_text

DONT_UNDERSTAND = conv(
    ("c", "My Outlook won't sync."),
    ("a", "Please clear the OST cache and re-create your MAPI profile."),
    ("c", "Sorry, I don't understand. Where do I find that?"),
)
WHAT_IS_TERM = conv(
    ("c", "The internet is not working on my laptop."),
    ("a", "Can you flush your DNS and renew the DHCP lease?"),
    ("c", "what is a DNS?"),
)
NOT_TECHNICAL = conv(
    ("c", "Hi, I'm not very technical, but my email stopped working this morning."),
    ("a", "No problem, we'll go through it together."),
)
ECHOED_TERM = conv(
    ("c", "My laptop won't start properly."),
    ("a", "Please press F12 at startup and open the BIOS."),
    ("c", "BIOS?"),
)
HUH = conv(
    ("c", "The app crashes."),
    ("a", "Sounds like a corrupted cache in the roaming profile."),
    ("c", "huh?"),
)
PLAIN_QUESTION = conv(
    ("c", "How do I reset my password? What is a good time to call you?"),
    ("a", "Any time before 5pm. You can reset it on the portal."),
    ("c", "Great, where is it stored after I change it?"),
)
UNDERSTOOD = conv(
    ("c", "My printer is jammed."),
    ("a", "Open the front tray and pull out the stuck paper gently."),
    ("c", "Ok I understand, done. It's printing again, thanks!"),
)
NUDGE_NOT_PUZZLED = conv(
    ("c", "Does anyone know how to mount an ISO file?"),
    ("c", "?"),
)


def test_says_they_do_not_understand() -> None:
    found = detect("customer.confusion", DONT_UNDERSTAND)
    assert [f.message_id for f in found] == ["m3"]
    assert evidence_text(DONT_UNDERSTAND, found[0]) == ["I don't understand", "Where do I find that"]
    assert found[0].score >= 0.8


def test_asks_what_a_term_means() -> None:
    found = detect("customer.confusion", WHAT_IS_TERM)
    assert [f.message_id for f in found] == ["m3"]
    assert evidence_text(WHAT_IS_TERM, found[0]) == ["what is a DNS?"]


def test_non_technical_self_description_is_marked() -> None:
    found = detect("customer.confusion", NOT_TECHNICAL)
    assert [f.message_id for f in found] == ["m1"]
    assert found[0].data["non_technical"] is True
    assert evidence_text(NOT_TECHNICAL, found[0]) == ["I'm not very technical"]


def test_echoed_agent_term() -> None:
    found = detect("customer.confusion", ECHOED_TERM)
    assert [f.message_id for f in found] == ["m3"]
    assert evidence_text(ECHOED_TERM, found[0]) == ["BIOS?"]
    assert "non_technical" not in found[0].data


def test_huh() -> None:
    found = detect("customer.confusion", HUH)
    assert [f.message_id for f in found] == ["m3"]
    assert evidence_text(HUH, found[0]) == ["huh?"]


def test_plain_questions_are_not_confusion() -> None:
    assert detect("customer.confusion", PLAIN_QUESTION) == []


def test_understood_reply_is_quiet() -> None:
    assert detect("customer.confusion", UNDERSTOOD) == []


def test_bare_question_mark_after_own_message_is_a_nudge() -> None:
    assert detect("customer.confusion", NUDGE_NOT_PUZZLED) == []
