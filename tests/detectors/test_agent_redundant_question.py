from conftest import conv, detect, evidence_text

EMAIL_GIVEN = conv(
    ("c", "I can't log in to the portal. My email is dana.kim@acme.com."),
    ("a", "Sorry about that. What is your email address?"),
)
ERROR_GIVEN = conv(
    ("c", "Windows Update fails with error 0x80070005 every time."),
    ("a", "Let me look into it."),
    ("a", "Which error do you see exactly?"),
)
OS_GIVEN = conv(
    ("c", "My laptop runs Windows 11 and the Wi-Fi keeps dropping."),
    ("a", "Thanks. What operating system are you using?"),
)
TICKET_GIVEN = conv(
    ("c", "I'm following up on ticket INC0012345 about my monitor."),
    ("a", "Happy to help. Could you give me your ticket number?"),
)
ASKS_WHAT_WAS_NOT_GIVEN = conv(
    ("c", "I can't log in to the portal. My email is dana.kim@acme.com."),
    ("a", "Thanks. Which browser are you using?"),
)
VERIFIES = conv(
    ("c", "I can't log in to the portal. My email is dana.kim@acme.com."),
    ("a", "For security, can you confirm the email on the account is dana.kim@acme.com?"),
)
REFINES = conv(
    ("c", "Since updating to iOS 11 my mail app crashes."),
    ("a", "Which version of iOS 11 are you running?"),
)
PATIENT = conv(
    ("c", "My printer on floor 2 shows a paper jam."),
    ("a", "Thanks for the details! Please open tray 2 and remove the stuck sheet, then tell me what the screen shows."),
)


def test_email_already_given() -> None:
    found = detect("agent.redundant_question", EMAIL_GIVEN)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(EMAIL_GIVEN, found[0]) == ["What is your email address?"]
    assert found[0].data["slot"] == "email"
    assert found[0].data["given_message_id"] == "m1"
    assert "dana.kim@acme.com" in found[0].explanation


def test_error_code_already_given() -> None:
    found = detect("agent.redundant_question", ERROR_GIVEN)
    assert [f.message_id for f in found] == ["m3"]
    assert evidence_text(ERROR_GIVEN, found[0]) == ["Which error do you see exactly?"]
    assert found[0].data["given_text"] == "0x80070005"


def test_os_already_given() -> None:
    found = detect("agent.redundant_question", OS_GIVEN)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(OS_GIVEN, found[0]) == ["What operating system are you using?"]
    assert found[0].data["slot"] == "os"


def test_ticket_already_given() -> None:
    found = detect("agent.redundant_question", TICKET_GIVEN)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(TICKET_GIVEN, found[0]) == ["Could you give me your ticket number?"]


def test_new_information_is_a_good_question() -> None:
    assert detect("agent.redundant_question", ASKS_WHAT_WAS_NOT_GIVEN) == []


def test_verification_is_not_redundant() -> None:
    assert detect("agent.redundant_question", VERIFIES) == []


def test_refining_the_given_value_is_not_redundant() -> None:
    assert detect("agent.redundant_question", REFINES) == []


def test_patient_reply_is_quiet() -> None:
    assert detect("agent.redundant_question", PATIENT) == []


ALREADY_DESCRIBED = conv(
    ("c", "When I print from Excel the pages come out completely blank."),
    ("a", "What happens when you print from Excel?"),
)


def test_question_about_what_was_already_described_by_meaning() -> None:
    found = detect("agent.redundant_question", ALREADY_DESCRIBED)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(ALREADY_DESCRIBED, found[0]) == ["What happens when you print from Excel?"]
    assert found[0].data["slot"] is None and found[0].data["given_message_id"] == "m1"
    assert found[0].score <= 0.5
