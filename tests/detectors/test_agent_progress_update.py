from patiently.model import Conversation

from conftest import conv, detect, evidence_text

NAME = "agent.progress_update"

CHECKING_LOGS = conv(
    ("c", "I still can't send email."),
    ("a", "Thanks for waiting. I'm checking the mail server logs now."),
)
SYNC_PERCENT = conv(
    ("c", "is it done?"),
    ("a", "Still working on it: the sync is at 60%."),
)
ESCALATED = conv(
    ("c", "The whole floor has no network."),
    ("a", "I've escalated this to the network team and they're looking at it. I'll update you in 30 minutes."),
)
HOLD_WITH_REASON = conv(
    ("c", "my account is locked"),
    ("a", "Give me 2 minutes while I check your account."),
)
BARE_HOLD = conv(("c", "hello"), ("a", "One moment."))
QUESTION_NOT_UPDATE = conv(
    ("c", "The app crashes."),
    ("a", "Are you checking the logs on your side? Which version is it?"),
)
POLITE_NO_UPDATE = conv(
    ("c", "Thanks, it works now."),
    ("a", "You're welcome, have a lovely day!"),
)
NEGATED = conv(("c", "any news?"), ("a", "I'm not looking at that part, sorry."))


def test_doing_now() -> None:
    found = detect(NAME, CHECKING_LOGS)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(CHECKING_LOGS, found[0]) == ["I'm checking the mail server logs now."]


def test_status_with_percentage() -> None:
    found = detect(NAME, SYNC_PERCENT)
    assert evidence_text(SYNC_PERCENT, found[0]) == ["Still working on it: the sync is at 60%."]
    assert found[0].score >= 0.8


def test_escalated_to_team() -> None:
    found = detect(NAME, ESCALATED)
    assert evidence_text(ESCALATED, found[0])[0].startswith("I've escalated this to the network team")
    assert found[0].data["kind"] == "handed_over"


def test_hold_that_says_why_beats_a_bare_hold() -> None:
    why = detect(NAME, HOLD_WITH_REASON)
    bare = detect(NAME, BARE_HOLD)
    assert evidence_text(HOLD_WITH_REASON, why[0]) == ["Give me 2 minutes while I check your account."]
    assert bare and bare[0].data["kind"] == "hold_bare"
    assert why[0].score > bare[0].score


def test_questions_are_not_updates() -> None:
    assert detect(NAME, QUESTION_NOT_UPDATE) == []


def test_polite_goodbye_stays_quiet() -> None:
    assert detect(NAME, POLITE_NO_UPDATE) == []


def test_negated_activity_is_not_an_update() -> None:
    assert detect(NAME, NEGATED) == []


# --- a job set going for the customer; states that only look like activity -----------------
STARTED_JOB = conv(
    ("c", "I deleted the Q3 folder by mistake."),
    ("a", "No problem. I've kicked off a restore from last night's backup; it takes about an hour."),
)
ORDERED_REPLACEMENT = conv(
    ("c", "My headset's microphone died."),
    ("a", "We have just ordered a replacement headset, it ships tomorrow."),
)
RUNNING_TESTS = conv(
    ("c", "Calls keep dropping."),
    ("a", "I'm running a few line tests on your extension now."),
)
RUNNING_AN_OS = conv(
    ("c", "which desktop do you use?"),
    ("a:kim", "I'm running Xubuntu 22.04 at home, works fine for me."),
)
LOOKING_FOR_HELP = conv(
    ("c", "anyone know grub?"),
    ("a:kim", "I'm looking for a good guide myself, sorry."),
)
STORY_NOT_UPDATE = conv(
    ("c", "did the upgrade work for you?"),
    ("a:kim", "I started a fresh install last week and kept my home partition."),
)


def test_started_jobs_and_running_tests_are_updates() -> None:
    for c, kind in ((STARTED_JOB, "started"), (ORDERED_REPLACEMENT, "started"), (RUNNING_TESTS, "doing_now")):
        found = detect(NAME, c)
        assert [f.message_id for f in found] == ["m2"], c.messages[-1].text
        assert found[0].data["kind"] == kind


def test_states_and_stories_are_not_updates() -> None:
    for c in (RUNNING_AN_OS, LOOKING_FOR_HELP, STORY_NOT_UPDATE):
        assert detect(NAME, c) == [], c.messages[-1].text


# --- v2: false positives seen on real chats (Ubuntu IRC, Twitter support) -------------------
def _last(text: str) -> Conversation:
    """A group chat (two helpers) where kim says ``text`` last."""
    return conv(("c:dana", "my sound is gone since the upgrade"), ("a:lee", "dana: which card do you have?"),
                ("c:dana", "lee: an intel hda"), ("a:kim", text))


BRB_LEAVING = ["brb", "remoteCTRL going down for reboot, brb", "brb. seeing if new kernel fixed my sound"]
TIME_NOT_HOLD = "dana man 6 times i restart Vista and in one moment it says Evaluation"
OPINIONS = ["I agree, I have found it great fun and a sweet OS.",
            "Did you try plugging it in? I've found about 95% of stuff just works right away."]
SLOGAN = conv(("c", "The crew on my flight were amazing!"),
              ("a", "Thanks! Every day our team is working to make flying with us better!"), channel="social")
CONDITIONS = ["dana: go make a coffee and come back till the job is done",
              "dana: report them via the console so that the Enforcement team is aware.",
              "dana: So yes, re-install is about the only way of ensuring it just works"]
NOT_ACTIVITY = ["dana: well theres no way I'm reinstalling",
                "dana: yes, it's online with wireless. but i'm looking to use the ethernet.",
                "dana, let me see if I understood you. You want to limit the modem?"]
# lee is told by kim what to paste: lee's "one sec" and "I'm checking" are the helped side.
HELPED_PERSON = conv(
    ("c:dana", "my sound is gone since the upgrade"),
    ("a:kim", "lee: can you pastebin your xorg.conf?"),
    ("a:lee", "kim: ok, one sec"),
)
THANKS_THEN_CHECKING = conv(
    ("c:dana", "my sound is gone since the upgrade"),
    ("a:kim", "lee: the pulseaudio guide on the wiki covers that"),
    ("a:lee", "thnx kim Im checking"),
)


def test_brb_leaving_is_no_hold_but_brb_to_the_customer_is() -> None:
    for text in BRB_LEAVING:
        assert detect(NAME, _last(text)) == [], text
    found = detect(NAME, _last("dana: brb"))
    assert found and found[0].data["kind"] == "hold_bare"


def test_time_phrase_is_no_hold() -> None:
    assert detect(NAME, _last(TIME_NOT_HOLD)) == []


def test_found_needs_what_was_found() -> None:
    for text in OPINIONS:
        assert detect(NAME, _last(text)) == [], text
    found = detect(NAME, _last("dana: I've found the cause, the card is muted in alsamixer."))
    assert found and found[0].data["kind"] == "done_so_far"


def test_slogans_conditions_and_purposes_are_not_updates() -> None:
    assert detect(NAME, SLOGAN) == []
    for text in CONDITIONS + NOT_ACTIVITY:
        assert detect(NAME, _last(text)) == [], text
    found = detect(NAME, conv(("c", "still down"), ("a", "Our network team is working on it right now.")))
    assert found and found[0].data["kind"] == "handed_over"


def test_person_being_helped_in_a_group_chat_gives_no_update() -> None:
    assert detect(NAME, HELPED_PERSON) == []
    assert detect(NAME, THANKS_THEN_CHECKING) == []
    # the helper's own hold in the same chat still counts, and one-to-one chats are not judged so
    assert detect(NAME, _last("dana: one sec, let me check the alsa bug list"))
    assert detect(NAME, conv(("c", "lee: can you pastebin your xorg.conf?"), ("a", "ok, one sec")))
