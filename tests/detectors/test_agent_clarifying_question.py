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


# --- precision (v2): false positives from real Ubuntu IRC / TWCS chats (docs page, "Measured precision") ---
RELATIVE_CLAUSE = conv(("c", "should I reinstall?"), ("a", "you could reinstall."), ("a", "Which I do not recommend"))
OWN_REPORT_NO_QMARK = conv(
    ("c", "my network is down"), ("a", 'when i do the ping it says "connect: Network is unreachable"')
)
BARE_WHAT = conv(("c", "try the smp kernel"), ("a", "crimsun: what?"))
HELPERS_OWN_QUESTION = conv(
    ("c", "how do I turn images into a video?"),
    ("a", "is there any way to decrease the size of all ubuntu desktop icons..?"),
    ("a", "How do I mount it?"),
)
FIX_CHECK_GOT_RID = conv(("c", "it still gives me errors"), ("a", "thought: did it get rid of the one you did it for?"))
WHAT_ABOUT_SUGGESTION = conv(
    ("c", "I need a project planning tool"),
    ("a", "StephenL: what about planner?"),
    ("a", "have you considered kubuntu?"),
)
MAKING_A_POINT = conv(("c", "my phone won't sync"), ("a", "what does your phone have to do with booting the livecd?"))
ASKING_AN_OPINION = conv(("c", "FAT32 for sharing, then"), ("a", "what do you think of the ext3 drivers for windows?"))
FAQ_LINE = conv(
    ("c", "the installer froze"),
    ("a", "Problems during install? See https://wiki.ubuntu.com/CommonProblemsInstall"),
)
FOLLOW_UP_ON_LINK = conv(
    ("c", "ready for some help"), ("a", "@115834 Were you able to reach us at the link DW provided?")
)
ANSWERED = conv(("c", "is ext4 journaled?"), ("a", "Yes, it is. Does that answer your question?"))
QUESTION_WITH_LINK = conv(
    ("c", "my order is late"),
    ("a", "Sorry, Skylar. Were you given a reason for the delay? Check here: https://t.co/KhGfgWxX2q"),
)
WHICH_VERSION_ADDRESSED = conv(("c", "my sound is gone"), ("a", "Linux-CLI, which version of ubuntu are you running"))


@pytest.mark.parametrize("conversation", [
    RELATIVE_CLAUSE, OWN_REPORT_NO_QMARK, BARE_WHAT, HELPERS_OWN_QUESTION, FIX_CHECK_GOT_RID, WHAT_ABOUT_SUGGESTION,
    MAKING_A_POINT, ASKING_AN_OPINION, FAQ_LINE, FOLLOW_UP_ON_LINK, ANSWERED,
], ids=["relative_clause", "own_report_no_qmark", "bare_what", "helpers_own_question", "fix_check_got_rid",
        "what_about_suggestion", "making_a_point", "asking_an_opinion", "faq_line", "follow_up_on_link", "answered"])
def test_questions_that_gather_no_facts_v2(conversation) -> None:
    assert detect(NAME, conversation) == []


def test_question_before_a_link_still_counts_when_it_asks_this_customer() -> None:
    found = detect(NAME, QUESTION_WITH_LINK)
    assert evidence_text(QUESTION_WITH_LINK, found[0]) == ["Were you given a reason for the delay?"]


def test_which_version_without_qmark_after_an_addressee() -> None:
    found = detect(NAME, WHICH_VERSION_ADDRESSED)
    assert evidence_text(WHICH_VERSION_ADDRESSED, found[0]) == ["Linux-CLI, which version of ubuntu are you running"]


def test_one_word_why_still_asks() -> None:
    c = conv(("c", "I want to change the mysql data directory"), ("a", "why?"))
    assert detect(NAME, c)
