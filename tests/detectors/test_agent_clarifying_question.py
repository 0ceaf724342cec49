import pytest

from conftest import conv, detect, evidence_text

NAME = "agent.clarifying_question"

WIFI_OR_OFFICE = conv(
    ("c", "Outlook keeps asking for my password."),
    ("a", "Sorry about that. Does this happen on home wifi or in the office too?"),
)
WHEN_AND_WHAT = conv(
    ("c", "my laptop is acting weird"),
    ("a", "Let's look into it. When did it start? What exactly do you see on the screen?"),
)
WHICH_VERSION_NO_QMARK = conv(
    ("c", "wifi stopped working after the update"),
    ("a", "what version of ubuntu are you running"),
)
SUGGESTION_QUESTION = conv(
    ("c", "The printer is dead."),
    ("a", "Did you try turning it off and on again?"),
)
NUDGE_AND_CLOSING = conv(
    ("c", "thanks, it works"),
    ("a", "Great! Is there anything else I can help you with?"),
    ("a", "Are you there?"),
)
POLITE_STATEMENTS = conv(
    ("c", "My VPN drops every hour."),
    ("a", "Thanks for the details, I understand how annoying that is. I'm checking the VPN logs now."),
)
OFFER_AND_FIX_CHECK = conv(
    ("c", "I can't print."),
    ("a", "I've restarted the spooler. Did that fix it? Would you like me to call you?"),
    ("a", "How can I help you today?"),
)


def test_diagnostic_yes_no_question() -> None:
    found = detect(NAME, WIFI_OR_OFFICE)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(WIFI_OR_OFFICE, found[0]) == ["Does this happen on home wifi or in the office too?"]
    assert found[0].score >= 0.6


def test_open_questions_both_cited() -> None:
    found = detect(NAME, WHEN_AND_WHAT)
    assert [f.label for f in found] == [NAME]
    assert evidence_text(WHEN_AND_WHAT, found[0]) == ["When did it start?", "What exactly do you see on the screen?"]
    assert found[0].score >= 0.8


def test_chat_question_without_question_mark() -> None:
    found = detect(NAME, WHICH_VERSION_NO_QMARK)
    assert evidence_text(WHICH_VERSION_NO_QMARK, found[0]) == ["what version of ubuntu are you running"]


def test_suggestion_question_is_not_reported() -> None:
    # "did you try restarting?" steers towards a fix; it gathers no facts about the problem
    assert detect(NAME, SUGGESTION_QUESTION) == []


def test_nudges_and_closings_are_not_clarifying() -> None:
    assert detect(NAME, NUDGE_AND_CLOSING) == []


def test_polite_statement_stays_quiet() -> None:
    assert detect(NAME, POLITE_STATEMENTS) == []


def test_offers_fix_checks_and_greetings_are_not_clarifying() -> None:
    assert detect(NAME, OFFER_AND_FIX_CHECK) == []


# --- precision: questions that do not gather facts ----------------------------------
ACCUSING = conv(("c", "I told you it's the second monitor"), ("a", "Did you even read what I wrote?"))
DEMANDING = conv(("c", "it's a Dell I think"), ("a", "Can you just answer the question?"))
HOW_MANY_TIMES = conv(("c", "where is that setting?"), ("a", "How many times do I have to explain this?"))
RHETORICAL = conv(("c", "why not Windows?"), ("a", "Because Linux is better for servers?"))
INSTALL_CHECK = conv(
    ("c", "I need Visio please"),
    ("a", "Assigned. Could you let me know when it has installed and opens properly?"),
)
RESTORE_CHECK = conv(("c", "my folder vanished"), ("a", "Restored it. Could you check that all your files are back?"))
OUTPUT_CHECK = conv(
    ("c", "prints are faint"), ("a", "New toner is in. Can you print a page to make sure it looks as it should?")
)
IMPERATIVE_NO_QMARK = conv(("c", "how do I resize the partition"), ("a", "do it from the disk management tool instead"))
ALREADY_GIVEN = conv(
    ("c", "My Surface Pro 9 shows error 0x80070005 when updating."),
    ("a", "Thanks. Which device model are you using?"),
)


@pytest.mark.parametrize(
    "conversation",
    [ACCUSING, DEMANDING, HOW_MANY_TIMES, RHETORICAL, INSTALL_CHECK, RESTORE_CHECK, OUTPUT_CHECK, IMPERATIVE_NO_QMARK],
)
def test_demands_accusations_and_fix_checks_are_not_clarifying(conversation) -> None:
    assert detect(NAME, conversation) == []


def test_question_already_answered_is_left_to_redundant_question() -> None:
    assert detect("agent.redundant_question", ALREADY_GIVEN)  # the premise of this test
    assert detect(NAME, ALREADY_GIVEN) == []


def test_still_there_inside_a_real_question_counts() -> None:
    c = conv(("c", "the tray icon vanished"), ("a", "Is the icon still there after a restart?"))
    found = detect(NAME, c)
    assert evidence_text(c, found[0]) == ["Is the icon still there after a restart?"]
