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


# --- a slot re-asked next to an unrelated "new"/"other"; quoted error text -----------------
SERIAL_REASKED_WITH_UNRELATED_NEW = conv(
    ("c", "Please set up the desktop with serial number 5CG1234XYZ for our new hire Priya."),
    ("a", "Sure. What is the serial number, and which new applications should be installed?"),
)
QUOTED_ERROR_GIVEN = conv(
    ("c", "Every time I open Teams the dialog reads 'We couldn't sign you in'. Rebooting changed nothing."),
    ("a", "Thanks for waiting. What error message does Teams show?"),
)
GETTING_QUOTED_ERROR = conv(
    ("c", 'I keep getting "The trust relationship failed" when I log on to the laptop.'),
    ("a", "Hi! Could you send me the exact error you get?"),
)
ASKS_FOR_A_NEW_VALUE = conv(
    ("c", "My asset tag is LT-20931 but that laptop was stolen."),
    ("a", "Sorry to hear it. What is the asset tag of the new loan laptop?"),
)
ASKS_ABOUT_NOW = conv(
    ("c", "Outlook keeps saying 'Disconnected' at the bottom."),
    ("a", "I've reset your mailbox connection. What message do you see now?"),
)
ASKS_ANY_OTHER_ERROR = conv(
    ("c", "The installer stops with error 1603."),
    ("a", "Is there any other error message in the log before that one?"),
)
SOMEONE_SAID_QUOTE = conv(
    ("c", "My manager said 'just ask IT' so here I am: the scanner doesn't work."),
    ("a", "No problem. What error do you get on the scanner?"),
)


def test_slot_reasked_next_to_an_unrelated_new() -> None:
    found = detect("agent.redundant_question", SERIAL_REASKED_WITH_UNRELATED_NEW)
    assert [f.message_id for f in found] == ["m2"]
    assert found[0].data["slot"] == "asset" and "5CG1234XYZ" in found[0].data["given_text"]


def test_quoted_error_text_counts_as_given() -> None:
    for c in (QUOTED_ERROR_GIVEN, GETTING_QUOTED_ERROR):
        found = detect("agent.redundant_question", c)
        assert [f.message_id for f in found] == ["m2"]
        assert found[0].data["slot"] == "error"


def test_asking_for_a_different_or_current_value_is_fine() -> None:
    for c in (ASKS_FOR_A_NEW_VALUE, ASKS_ABOUT_NOW, ASKS_ANY_OTHER_ERROR, SOMEONE_SAID_QUOTE):
        assert detect("agent.redundant_question", c) == [], c.messages[-1].text


# --- questions that only look like re-asks -------------------------------------------------
OTHER_OS_FAMILY = conv(
    ("c", "Dual boot: Windows 10 shows the drive but the other system doesn't."),
    ("a", "Which version of Ubuntu is the other system?"),
)
SAME_OS_FAMILY = conv(
    ("c", "On Windows 10 the drive shows up fine."),
    ("a", "OK. Which version of Windows are you on?"),
)
EITHER_FAMILY = conv(
    ("c", "My laptop runs Win 11 and the dock flickers."),
    ("a", "Are you on Linux or Windows on that laptop?"),
)
PREFERENCE = conv(
    ("c", "I'm on Office version 16.0 and need the add-in."),
    ("a", "Sure, which version of the add-in would you like?"),
)
WHAT_DO_YOU_MEAN = conv(
    ("c", "The blue banner thing at the top keeps flashing when I save."),
    ("a", "What do you mean by the blue banner thing at the top?"),
)


def test_os_family_must_match() -> None:
    assert detect("agent.redundant_question", OTHER_OS_FAMILY) == []
    assert [f.message_id for f in detect("agent.redundant_question", SAME_OS_FAMILY)] == ["m2"]
    assert [f.message_id for f in detect("agent.redundant_question", EITHER_FAMILY)] == ["m2"]


def test_preferences_and_clarifications_are_not_re_asks() -> None:
    assert detect("agent.redundant_question", PREFERENCE) == []
    assert detect("agent.redundant_question", WHAT_DO_YOU_MEAN) == []


CHOICE_NAMING_THE_VALUE = conv(
    ("c", "Could you help me set up the printer on the second floor?"),
    ("a", "Sure. Which printer do you see in the list: the one called Floor 2 or another one?"),
)


def test_a_choice_that_names_the_value_is_a_check() -> None:
    # offering the given value as one option confirms it rather than re-asking
    assert detect("agent.redundant_question", CHOICE_NAMING_THE_VALUE) == []
