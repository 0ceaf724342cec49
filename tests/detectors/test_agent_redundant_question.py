import pytest

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


# --- v2: false-positive patterns from real IRC support chats ---------------------------------
PREFERENCE_WITH_A_TYPO = conv(
    ("c", "how can i install mysql for ubuntu 6.06?"),
    ("a", "which version wouldyou like?"),
)
OUTPUT_AFTER_A_NEW_COMMAND = conv(
    ("c", "startx fails with error: no screen found"),
    ("a", "try running X --help and look for the verbose flag"),
    ("a", "What did it say?"),
)
COMMAND_IN_THE_SAME_MESSAGE = conv(
    ("c", "sudo tail says no such file"),
    ("a", "Really? No /var/ directory?     ls /var    #What does that say?"),
)
QUESTION_NAMES_THE_NEW_TRY = conv(
    ("c", "I get this error message: The following packages have unmet dependencies"),
    ("a", "What message did it say after you run dpkg?"),
)
VERSION_AFTER_A_CHECK_COMMAND = conv(
    ("c", "xserver-xorg-core 1:1.02-0ubuntu10.4 I think"),
    ("a", "apt-cache policy xserver-xorg-core"),
    ("a", "which version is installed?"),
)
OUTPUT_ASKED_WITHOUT_A_NEW_TRY = conv(
    ("c", "startx fails with error: no screen found"),
    ("a", "Hmm, that is odd."),
    ("a", "What did it say exactly?"),
)
AGE_OF_THE_INSTALL = conv(
    ("c", "Everything is slow and nothing has changed since I updated from 7.10."),
    ("a", "Boredom_inc, how long has it been installed?"),
)
HOW_LONG_THE_PROBLEM = conv(
    ("c", "Outlook has been crashing since the update."),
    ("a", "Sorry to hear that. How long has this been happening?"),
)
OS_NAME_ON_THE_SCREEN = conv(
    ("c", 'it first says "windows vista loader" but i don\'t have vista, I tried to install win7 but it failed'),
    ("a", "what version of windows are you using?"),
)
OS_BEING_WRITTEN_TO_A_STICK = conv(
    ("c", "Hello, can someone please help me create a bootable win7 usb?"),
    ("a", "Are you on linux or windows cyphex?"),
)
ADDRESSED_TO_SOMEONE_ELSE = conv(
    ("c:erinaceus_", "anyone in here using an asus u33jc? mine keeps typing by itself"),
    ("a:parsnip", "erinaceus_: try the boot option i8042.reset"),
    ("a:parsnip", "erictr1ck: what is the model of the system?"),
)
ADDRESSED_TO_THE_CUSTOMER = conv(
    ("c:erinaceus_", "anyone in here using an asus u33jc? mine keeps typing by itself"),
    ("a:parsnip", "erinaceus_: what is the model of the system?"),
)
ANOTHER_CUSTOMER_GAVE_IT = conv(
    ("c:tom", "my machine runs xubuntu and the wifi is fine"),
    ("c:cesc_", "my wireless usb adapter is not recognised"),
    ("a:sarah", "cesc_: and what OS do you use?"),
)
SAME_CUSTOMER_GAVE_IT = conv(
    ("c:cesc_", "I'm trying to install drivers on my machine running xubuntu."),
    ("a:sarah", "<cesc_> and what OS do you use ?"),
)
SECOND_NICK_OF_THE_CUSTOMER = conv(
    ("c:dxdemetriou_", "When my pc crashes with the wireless adapter I cannot find the reason anywhere."),
    ("a:dxdemetriou", "what happens when my pc crashes, can I find the reason somewhere?"),
)
PROGRAM_UNDER_DISCUSSION = conv(
    ("c", "now it scrolled off the tiny default log size of xchat"),
    ("c", "hence the kdesudo before it"),
    ("a", "TomyLobo: what program is this anyway?"),
)
MEANING_BUT_ASKS_TO_IDENTIFY = conv(
    ("c", "I can enter in my ftp server with my own pc but not from outside."),
    ("a", "what FTP server are you using on your own pc?"),
)
MEANING_BUT_CHALLENGES = conv(
    ("c", "I think hibernate wrote something bogus to the swap partition because now I can't boot up."),
    ("a", "what does your swap partition have to do with booting up?"),
)
ASKS_ABOUT_THE_CUSTOMERS_WORDS = conv(
    ("c", "glitsj16: it uninstalled itself after the system update"),
    ("a", "adroit_machine, what you mean with 'it uninstalled itself after the system update' ?"),
)
ERROR_NOT_GIVEN_YET = conv(
    ("c", "I tried the boot rescue command on the live cd, but it just gave me some error."),
    ("a", "Joe_SWAU: what's the error you get from the live CD?"),
)
WHATS_THE_ERROR = conv(
    ("c", "Windows Update fails with error 0x80070005 every time."),
    ("a", "Sorry about that. What's the error you get?"),
)


def test_preference_with_a_typo_is_not_a_re_ask() -> None:
    assert detect("agent.redundant_question", PREFERENCE_WITH_A_TYPO) == []


def test_output_after_a_new_try_is_new_information() -> None:
    for c in (OUTPUT_AFTER_A_NEW_COMMAND, COMMAND_IN_THE_SAME_MESSAGE, QUESTION_NAMES_THE_NEW_TRY,
              VERSION_AFTER_A_CHECK_COMMAND):
        assert detect("agent.redundant_question", c) == [], c.messages[-1].text


def test_output_re_asked_without_a_new_try_is_still_found() -> None:
    found = detect("agent.redundant_question", OUTPUT_ASKED_WITHOUT_A_NEW_TRY)
    assert [f.message_id for f in found] == ["m3"] and found[0].data["slot"] == "error"


def test_age_of_the_install_is_not_when_it_started() -> None:
    assert detect("agent.redundant_question", AGE_OF_THE_INSTALL) == []
    found = detect("agent.redundant_question", HOW_LONG_THE_PROBLEM)
    assert [f.message_id for f in found] == ["m2"] and found[0].data["slot"] == "started"


def test_an_os_on_a_screen_or_a_stick_is_not_the_customers_os() -> None:
    assert detect("agent.redundant_question", OS_NAME_ON_THE_SCREEN) == []
    assert detect("agent.redundant_question", OS_BEING_WRITTEN_TO_A_STICK) == []


def test_multi_party_chat_counts_the_addressed_customer_only() -> None:
    assert detect("agent.redundant_question", ADDRESSED_TO_SOMEONE_ELSE) == []
    assert detect("agent.redundant_question", ANOTHER_CUSTOMER_GAVE_IT) == []
    assert detect("agent.redundant_question", SECOND_NICK_OF_THE_CUSTOMER) == []
    for c, slot in ((ADDRESSED_TO_THE_CUSTOMER, "device"), (SAME_CUSTOMER_GAVE_IT, "os")):
        found = detect("agent.redundant_question", c)
        assert [f.message_id for f in found] == ["m2"] and found[0].data["slot"] == slot


def test_the_program_under_discussion_is_not_the_customers_app() -> None:
    assert detect("agent.redundant_question", PROGRAM_UNDER_DISCUSSION) == []


def test_meaning_alone_only_for_how_the_problem_shows() -> None:
    for c in (MEANING_BUT_ASKS_TO_IDENTIFY, MEANING_BUT_CHALLENGES, ASKS_ABOUT_THE_CUSTOMERS_WORDS,
              ERROR_NOT_GIVEN_YET):
        assert detect("agent.redundant_question", c) == [], c.messages[-1].text


def test_contracted_whats_asks_for_the_slot() -> None:
    found = detect("agent.redundant_question", WHATS_THE_ERROR)
    assert [f.message_id for f in found] == ["m2"] and found[0].data["slot"] == "error"


# v3 (QA pass 5): an ID that names the customer is a slot.
EMPLOYEE_ID_GIVEN = conv(("c", "Hi, my employee ID is 44120 and I can't log in to the payroll portal."),
                         ("a", "What's your employee ID?"))
EMPLOYEE_ID_NOT_GIVEN = conv(("c", "Hi, I can't log in to the payroll portal."), ("a", "What's your employee ID?"))


def test_employee_id_already_given() -> None:
    assert [f.message_id for f in detect("agent.redundant_question", EMPLOYEE_ID_GIVEN)] == ["m2"]
    assert detect("agent.redundant_question", EMPLOYEE_ID_NOT_GIVEN) == []


# v4 (QA pass 6): "when you open Teams" is the situation the customer already described, not a new try.
QUOTED_TEAMS_ERROR = conv(
    ("c", 'when I start Teams it says "We\'re sorry—we\'ve run into an issue. Error code caa70004"'),
    ("a", "What error message do you get when you open Teams?"),
)
# Negative: the question asks for the output of something new the customer has not done yet.
ERROR_AFTER_NEW_COMMAND = conv(
    ("c", 'when I start Teams it says "We\'re sorry—we\'ve run into an issue. Error code caa70004"'),
    ("a", "What error message do you get when you run the Teams repair tool?"),
)


def test_qa6_asking_again_for_a_quoted_error_is_redundant() -> None:
    found = detect("agent.redundant_question", QUOTED_TEAMS_ERROR)
    assert [f.message_id for f in found] == ["m2"]
    assert found[0].data["slot"] == "error"


def test_qa6_error_after_a_new_try_is_a_fair_question() -> None:
    assert detect("agent.redundant_question", ERROR_AFTER_NEW_COMMAND) == []


# --- v5 (QA pass 7) -----------------------------------------------------------------------
SHORT_ORDER_GIVEN = conv(("c", "My order 55120 arrived broken. Order number 55120. I need a refund."),
                         ("a", "What's your order number?"))
QUOTED_ERROR_GIVEN = conv(
    ("c", 'the install fails with "Error 1603: A fatal error occurred during installation"'),
    ("a", "Can you tell me what the error says?"),
)
ORDER_NOT_GIVEN = conv(("c", "My order arrived broken, I need a refund."), ("a", "What's your order number?"))
ERROR_NOT_GIVEN = conv(("c", "the install fails"), ("a", "Can you tell me what the error says?"))


def test_v5_short_order_number_given_twice():
    assert detect("agent.redundant_question", SHORT_ORDER_GIVEN)


def test_v5_indirect_question_for_a_quoted_error():
    assert detect("agent.redundant_question", QUOTED_ERROR_GIVEN)


@pytest.mark.parametrize("conversation", [ORDER_NOT_GIVEN, ERROR_NOT_GIVEN])
def test_v5_slot_not_given_is_a_fair_question(conversation):
    assert detect("agent.redundant_question", conversation) == []


# --- v6 (QA pass 8): "your account email", the router by brand and model ---------------------
QA8_ROUTER = ("c", "I have a Netgear Nighthawk R7000 router and it keeps dropping the Wi-Fi.")
QA8_EMAIL = ("c", "My account is jen.ortiz@example.com and I can't log in. I already told your colleague this.")


@pytest.mark.parametrize("given, question", [
    (QA8_ROUTER, "What's the name of your router?"),  # QA8 b18
    (QA8_ROUTER, "Which router do you have?"),
    (("c", "My TP-Link Archer C7200 keeps rebooting."), "What's the model of your router?"),
    (QA8_EMAIL, "Please provide your account email so I can look into this."),  # QA8 b29
    (QA8_EMAIL, "What's your login email address?"),
])
def test_v6_asks_again_for_the_router_or_the_account_email(given, question):
    assert detect("agent.redundant_question", conv(given, ("a", question)))


@pytest.mark.parametrize("given, question", [
    (("c", "My Wi-Fi keeps dropping."), "What's the name of your router?"),
    (("c", "I can't log in."), "Please provide your account email so I can look into this."),
    (QA8_EMAIL, "Could you confirm the account email is jen.ortiz@example.com?"),
])
def test_v6_first_asks_and_confirmations_stay_quiet(given, question):
    assert detect("agent.redundant_question", conv(given, ("a", question))) == []


def test_v7_device_by_brand_and_model_number() -> None:
    # QA pass 10 (b11): any device type, not only phones and routers
    c = conv(("c", "I have an HP LaserJet Pro M404n and it won't print from my laptop."),
             ("a", "What model of printer do you have?"))
    found = detect("agent.redundant_question", c)
    assert [f.data["slot"] for f in found] == ["device"]
    assert found[0].data["given_text"] == "HP LaserJet Pro M404n"


@pytest.mark.parametrize("customer", [
    "I've restarted the router twice already and it's still not working.",
    "Restarted the router twice, still nothing.",
    "restarting the router didn't help",
])
def test_v7_fix_already_reported(customer: str) -> None:
    # QA pass 10 (b40)
    found = detect("agent.redundant_question", conv(("c", customer), ("a", "Have you restarted the router?")))
    assert [f.data["slot"] for f in found] == ["did_restart"]


@pytest.mark.parametrize("customer, question", [
    ("I've restarted the router twice already.", "Have you restarted your phone?"),
    ("i restarted networking and now i cannot ssh to it", "did you restart ssh?"),  # real IRC
    ("I haven't restarted the router yet, should I?", "Have you restarted the router?"),
    ("Should I have restarted it?", "Have you restarted the router?"),
    ("I've restarted the router twice already.", "Could you restart the router once more?"),
])
def test_v7_other_thing_not_done_or_a_request_is_quiet(customer: str, question: str) -> None:
    assert detect("agent.redundant_question", conv(("c", customer), ("a", question))) == []


def test_v7_fix_asked_again_after_a_new_step_is_quiet() -> None:
    c = conv(("c", "I've restarted the router twice already."),
             ("a", "Please reset it with the pin on the back, then restart it."),
             ("c", "ok"),
             ("a", "Have you restarted the router?"))
    assert detect("agent.redundant_question", c) == []


# v8 (QA pass 13, b36): the customer said the device has power; the agent asks whether it has.
@pytest.mark.parametrize("customer, question", [
    ("It's plugged in, the power light is on, I've tried two different sockets, and the TV still shows "
     "'No signal'.", "Did you check if it's plugged in?"),
    ("The TV is definitely switched on, the standby light is on, but there's no picture.", "Is the TV turned on?"),
    ("I've checked the cables and tried another socket.", "Have you checked the power cable?"),
    ("I plugged it back in twice and nothing happens.", "Have you tried plugging it in?"),
    ("The printer is switched on but it won't print.", "Did you make sure the printer is switched on?"),
])
def test_v8_power_already_reported(customer: str, question: str) -> None:
    found = detect("agent.redundant_question", conv(("c", customer), ("a", question)))
    assert [f.data["slot"] for f in found] == ["did_power"]
    assert found[0].explanation.startswith("Asks whether the customer did what they already said they did")


@pytest.mark.parametrize("customer, question", [
    ("My printer will not print anything.", "Did you check if it's plugged in?"),  # not said yet
    ("It's not plugged in at the moment, I moved it.", "Is it plugged in?"),  # said it has none
    ("Is it plugged in the right way? The light stays off.", "Is it plugged in?"),  # the customer's question
    ("It's plugged in.", "Please make sure it's plugged in."),  # a step, not a question
    ("It's plugged in.", "Can you confirm it's plugged in?"),  # verification
    ("The power light is on but the screen is black.", "Is the HDMI cable connected to the laptop?"),
])
def test_v8_power_not_reported_or_not_asked_is_quiet(customer: str, question: str) -> None:
    assert detect("agent.redundant_question", conv(("c", customer), ("a", question))) == []


def test_v8_power_light_contracted() -> None:
    found = detect("agent.redundant_question", conv(("c", "The power light's on but the screen stays black."),
                                                    ("a", "Is the monitor turned on?")))
    assert [f.data["slot"] for f in found] == ["did_power"]


# v9 (info_asked v8, QA pass 15 b37): "What does the error message say exactly?" asks for the error
@pytest.mark.parametrize("customer, question", [
    ("It says 'Error 0x800F081F' like I told you.", "OK. What does the error message say exactly?"),
    ("The screen says \"Update failed, code 80070005\".", "What did the error code say?"),
])
def test_v9_what_the_error_message_says_already_given(customer: str, question: str) -> None:
    found = detect("agent.redundant_question", conv(("c", customer), ("a", question)))
    assert [f.data["slot"] for f in found] == ["error"]


@pytest.mark.parametrize("customer, question", [
    ("My update keeps failing.", "What does the error message say exactly?"),  # not given yet
    ("It says 'Error 0x800F081F'.", "Does the error message say anything else below the code?"),  # new detail
])
def test_v9_error_message_not_given_is_quiet(customer: str, question: str) -> None:
    assert detect("agent.redundant_question", conv(("c", customer), ("a", question))) == []
