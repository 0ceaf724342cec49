import pytest

from patiently.config import Settings
from patiently.detectors.base import DetectorContext
from patiently.detectors.registry import get, load_detectors
from patiently.model import Conversation, Finding

from conftest import conv, evidence_text


def run(conversation: Conversation) -> list[Finding]:
    """customer.repeat first (required), then the detector under test."""
    ctx = DetectorContext(conversation, Settings())
    for d in load_detectors(["customer.repeat", "agent.impatient_repeat"]):
        ctx.findings.extend(d.detect(conversation, ctx))
    return [f for f in ctx.findings if f.detector == get("agent.impatient_repeat").id]


AS_I_ALREADY_SAID = conv(
    ("c", "How do I connect to the office Wi-Fi?"),
    ("a", "Choose the network CORP-WIFI, sign in with your usual username and password, and accept the certificate."),
    ("c", "Sorry, how do I get onto the office Wi-Fi?"),
    ("a", "As I already said, choose CORP-WIFI and sign in."),
)
CURT_REPLY_TO_REPEAT = conv(
    ("c", "How do I add the shared mailbox to Outlook?"),
    ("a", "In Outlook, open File, Account Settings, then Change, More Settings, Advanced, and add the mailbox "
          "name under Open these additional mailboxes. Restart Outlook afterwards."),
    ("c", "Sorry, how do I add the shared mailbox in Outlook again?"),
    ("a", "File, Account Settings."),
)
READ_MY_MESSAGE = conv(
    ("c", "The scanner doesn't send emails."),
    ("a", "Please read my previous message, it has the steps."),
)
AGAIN_PREFIX = conv(
    ("c", "Where do I download the VPN client?"),
    ("a", "Again, it's on the intranet downloads page."),
)
PATIENT_REPEAT = conv(
    ("c", "How do I connect to the office Wi-Fi?"),
    ("a", "Choose the network CORP-WIFI, sign in with your usual username and password, and accept the certificate."),
    ("c", "Sorry, how do I get onto the office Wi-Fi?"),
    ("a", "No problem, let me put it another way: click the Wi-Fi icon at the bottom right, pick CORP-WIFI, "
          "then type the username and password you use for your computer. If a certificate box appears, click Accept."),
)
TRY_AGAIN = conv(
    ("c", "The update failed."),
    ("a", "Sorry about that! Could you restart and try the update again? Once again, thanks for your patience."),
)
YES_TO_YES_NO_REPEAT = conv(
    ("c", "Should I restart the router first?"),
    ("a", "Yes, restart the router first and then wait two minutes before reconnecting your laptop to it."),
    ("c", "So I should restart the router first?"),
    ("a", "Yes."),
)


def test_as_i_already_said_after_repeat() -> None:
    found = run(AS_I_ALREADY_SAID)
    assert [f.message_id for f in found] == ["m4"]
    assert evidence_text(AS_I_ALREADY_SAID, found[0]) == ["As I already said"]
    assert found[0].data["reply_to_repeat"] is True
    assert found[0].score >= 0.9


def test_curt_reply_to_repeat() -> None:
    found = run(CURT_REPLY_TO_REPEAT)
    assert [f.message_id for f in found] == ["m4"]
    assert evidence_text(CURT_REPLY_TO_REPEAT, found[0]) == ["File, Account Settings."]
    assert found[0].data["curt"] is True


def test_pointer_works_without_a_repeat() -> None:
    found = run(READ_MY_MESSAGE)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(READ_MY_MESSAGE, found[0]) == ["read my previous message"]
    assert found[0].data["reply_to_repeat"] is False


def test_again_at_the_start() -> None:
    found = run(AGAIN_PREFIX)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(AGAIN_PREFIX, found[0]) == ["Again,"]


def test_patient_full_answer_to_repeat_is_quiet() -> None:
    assert run(PATIENT_REPEAT) == []


def test_try_again_and_once_again_thanks_are_quiet() -> None:
    assert run(TRY_AGAIN) == []


def test_short_answer_to_yes_no_repeat_is_not_curt() -> None:
    assert run(YES_TO_YES_NO_REPEAT) == []


# --- a repeated yes/no question: a curt non-answer vs a short real answer -----------------
SIDESTEPS_YES_NO_REPEAT = conv(
    ("c", "Will my files on the old laptop be copied to the new one?"),
    ("a", "We move laptops over on a schedule and the migration tool handles most of the standard folders for you."),
    ("c", "Sorry, but will my files be copied to the new laptop or not?"),
    ("a", "Check the migration page."),
)
SHORT_NEGATIVE_ANSWER_TO_YES_NO_REPEAT = conv(
    ("c", "Will my files on the old laptop be copied to the new one?"),
    ("a", "We move laptops over on a schedule and the migration tool handles most of the standard folders for you."),
    ("c", "Sorry, but will my files be copied to the new laptop or not?"),
    ("a", "Unfortunately not the Downloads folder."),
)
SHORT_MODAL_ANSWER_TO_YES_NO_REPEAT = conv(
    ("c", "Can I keep using the old VPN client after Friday?"),
    ("a", "The old client is being retired as part of the security upgrade that IT announced in the newsletter."),
    ("c", "So can I keep using the old VPN client after Friday?"),
    ("a", "It will stop working on Monday."),
)


def test_curt_non_answer_to_repeated_yes_no_question() -> None:
    found = run(SIDESTEPS_YES_NO_REPEAT)
    assert [f.message_id for f in found] == ["m4"]
    assert found[0].data["curt"] is True
    assert evidence_text(SIDESTEPS_YES_NO_REPEAT, found[0]) == ["Check the migration page."]


def test_short_real_answers_to_repeated_yes_no_question_are_quiet() -> None:
    assert run(SHORT_NEGATIVE_ANSWER_TO_YES_NO_REPEAT) == []
    assert run(SHORT_MODAL_ANSWER_TO_YES_NO_REPEAT) == []


# --- v2: false positives measured on real support chats (docs/detectors/agent.impatient_repeat.md)
def _asked_again(reply: str) -> Conversation:
    """An open question, a full first answer, the same question again, then ``reply``."""
    return conv(
        ("c", "How do I add the shared mailbox to Outlook?"),
        ("a", "In Outlook, open File, Account Settings, then Change, More Settings, Advanced, and add the mailbox "
              "name under Open these additional mailboxes. Restart Outlook afterwards."),
        ("c", "Sorry, how do I add the shared mailbox in Outlook again?"),
        ("a", reply),
    )


NOT_SURE = _asked_again("Not sure, to be honest.")
HOLDING_LINE = _asked_again("One second, checking.")
QUESTION_BACK = _asked_again("Which Outlook version do you have?")
YES_NO_IN_LAST_CLAUSE = conv(
    ("c", "Do I need smoothwall on my laptop?"),
    ("a", "Smoothwall is a specialised Linux firewall distribution, usually used as a gateway on a LAN."),
    ("c", "ok, yes I know, but do I need smoothwall on my laptop?"),
    ("a", "Probably not for this."),
)
BARE_NICK_THEN_YEA = conv(
    ("c:geirha", "So the login screen fixed itself after the reboot?"),
    ("a:guest", "It came back after I pressed reset and rebooted the machine over and over again, now it works."),
    ("c:geirha", "The login screen fixed itself after the reboot?"),
    ("a:guest", "geirha  yea after multiple reboots"),
)
BOT_SEE_ABOVE = conv(
    ("c:arlene", "Which package should I install to get libsoftokn3.so?"),
    ("a:llutz", "!find libsoftokn3.so | arlene"),
    ("a:ubottu", "arlene: please see above"),
)
TO_ANOTHER_HELPER = conv(
    ("c:ghost", "How do I delete the cache in my home folder?"),
    ("a:smaudet", "ghost: how much memory does your computer have?"),
    ("a:mind", "smaudet: did you read what I suggested?"),
)
SAME_AS_BEFORE_IN_A_SENTENCE = conv(
    ("c", "Do I need to restart screen?"),
    ("a", "Hm, when I run screen -r things look the same as before."),
)
SAME_AS_BEFORE_ALONE = conv(
    ("c", "And what do I do with the second disk?"),
    ("a", "Same as before."),
)
AS_STATED_IN_A_SOURCE = conv(
    ("c", "Why does it crash?"),
    ("a", "This is a guess, but the crash reason is as stated in the bug report: a NULL write."),
)
OWN_SITUATION = conv(
    ("c", "Just use a wired connection if possible."),
    ("a", "Like I said, I can't, the router is not in reach."),
)
ONCE_MORE_PLEASE = conv(
    ("c", "Then I'm ready now, system booted and repaired."),
    ("a", "I need you to explain this to me once more, please."),
)
ONCE_MORE_POINTER = conv(
    ("c", "Where is the VPN client?"),
    ("a", "Once more, it's on the intranet downloads page."),
)


@pytest.mark.parametrize(
    "conversation",
    [NOT_SURE, HOLDING_LINE, QUESTION_BACK, YES_NO_IN_LAST_CLAUSE, BARE_NICK_THEN_YEA, BOT_SEE_ABOVE,
     TO_ANOTHER_HELPER, SAME_AS_BEFORE_IN_A_SENTENCE, AS_STATED_IN_A_SOURCE, OWN_SITUATION, ONCE_MORE_PLEASE],
)
def test_honest_short_replies_bots_and_look_alikes_stay_quiet(conversation) -> None:
    assert run(conversation) == []


@pytest.mark.parametrize(
    ("conversation", "evidence"),
    [(SAME_AS_BEFORE_ALONE, ["Same as before."]), (ONCE_MORE_POINTER, ["Once more,"])],
)
def test_pointers_still_found(conversation, evidence) -> None:
    found = run(conversation)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(conversation, found[0]) == evidence


# v3 (QA pass 4b): a pointer that names a message is impatient even before "I need ...".
PER_MY_LAST_MESSAGE = conv(
    ("c", "Outlook keeps freezing. I already restarted the laptop twice this morning."),
    ("a", "Which version of Outlook do you have?"),
    ("c", "I don't know!! It keeps freezing and I've restarted twice already. Please just fix it."),
    ("a", "Per my last message, I need the Outlook version."),
)
# Negative: restating one's own situation, and a kind re-explanation.
LIKE_I_SAID_I_CANT = conv(
    ("c", "Can you reach the router?"), ("a", "Like I said, I can't, it's not in reach."))
WALK_THROUGH_AGAIN = conv(
    ("c", "How do I connect to the office printer?"),
    ("a", "Open Settings, then Printers, then click Add printer and pick Floor2-HP."),
    ("c", "How do I connect to the office printer?"),
    ("a", "Sure! As mentioned, it's in Settings; let me walk you through it again. First, open Settings."),
)


def test_pointer_naming_a_message_before_i_need() -> None:
    found = run(PER_MY_LAST_MESSAGE)
    assert [f.message_id for f in found] == ["m4"]
    assert evidence_text(PER_MY_LAST_MESSAGE, found[0]) == ["Per my last message"]


def test_own_situation_and_walking_through_again_are_not_impatient() -> None:
    assert run(LIKE_I_SAID_I_CANT) == []
    assert run(WALK_THROUGH_AGAIN) == []


# v4 (QA pass 6): counting one's own explanations, refusing to go over it again, "I say already".
THIRD_TIME_EXPLAINING = conv(("c", "so which button do I press for the Zoom recording?"),
                             ("a", "This is the third time I'm explaining this. Press Record at the bottom."))
NO_TIME_TO_GO_THROUGH = conv(("c", "sorry, can you explain the MFA thing one more time?"),
                             ("a", "I don't have time to go through this again. Read the guide."))
I_SAY_ALREADY = conv(("a", "Please restart the router."), ("c", "the internet is still not working"),
                     ("a", "You are not understand. I say already to restart the router, do it again."))
# Negative: the customer's count, and a kind offer to go over it again.
THIRD_TIME_IT_CRASHED = conv(("c", "Outlook froze again."),
                             ("a", "If this is the third time it crashed today, I'll replace the profile."))
HAPPY_TO_GO_THROUGH = conv(("c", "can you explain it again?"),
                           ("a", "Of course, I'm happy to go through it again: open Settings, then Accounts."))


@pytest.mark.parametrize("c, words", [
    (THIRD_TIME_EXPLAINING, "This is the third time I'm explaining"),
    (NO_TIME_TO_GO_THROUGH, "I don't have time to go through this again"),
    (I_SAY_ALREADY, "I say already"),
], ids=["third_time_explaining", "no_time_to_go_through", "i_say_already"])
def test_qa6_impatient_repeats(c, words: str) -> None:
    found = run(c)
    assert [f.message_id for f in found] == [c.messages[-1].id]
    assert words in evidence_text(c, found[0])


def test_qa6_customer_count_and_kind_offer_are_fine() -> None:
    assert run(THIRD_TIME_IT_CRASHED) == []
    assert run(HAPPY_TO_GO_THROUGH) == []


# --- v5 (QA pass 7) -------------------------------------------------------------------------
AS_STATED_IN_OUR_POLICY = conv(("c", "Can I return these headphones? I bought them a month ago."),
                               ("a", "As stated in our policy, returns are only accepted within 14 days."))
AS_STATED_IN_OUR_PREVIOUS_CHAT = conv(("c", "Can I return these?"), ("a", "No."), ("c", "Can I return these?"),
                                      ("a", "As stated in our previous chat, no."))


def test_v5_as_stated_in_our_policy_cites_a_document():
    assert run(AS_STATED_IN_OUR_POLICY) == []


def test_v5_as_stated_in_our_previous_chat_is_still_a_repeat():
    assert run(AS_STATED_IN_OUR_PREVIOUS_CHAT)


# --- v6 (QA pass 8) -------------------------------------------------------------------------
@pytest.mark.parametrize("reply", [
    "Like I said twice now, the refund takes 10 days.",  # QA8 b12
    "As I've explained three times, it takes 10 days.",
    "I've told you twice now: 10 business days.",
    "Like I mentioned before, it takes 10 days.",
    "I'm not going to repeat myself. Check the previous message.",  # QA8 b38
    "I won't repeat myself.",
    "Please refer back to my previous message.",
])
def test_v6_pointer_family_with_a_count_or_a_refusal(reply):
    c = conv(("c", "When will I get my refund?"), ("a", "Refunds take 10 business days."),
             ("c", "but when exactly?"), ("a", reply))
    assert run(c)


@pytest.mark.parametrize("reply", [
    "Let me check the previous message and get back to you.",  # the agent checking, not sending them back
    "As I mentioned, the refund takes 10 days; here are the steps again: open Orders, then Refunds.",
    "I was wondering if I could check the previous message first.",
])
def test_v6_checking_or_reexplaining_is_not_impatient(reply):
    c = conv(("c", "When will I get my refund?"), ("a", "Refunds take 10 business days."),
             ("c", "but when exactly?"), ("a", reply))
    assert all(f.score < 0.5 for f in run(c))


# --- v7 (QA pass 13): pleasantries are courtesy, not a re-explanation ------------------------------
@pytest.mark.parametrize("reply", [
    # b24: a thank-you in front of "as mentioned in our previous email" re-explains nothing
    "Thank you so much for reaching out! As mentioned in our previous email, the steps are in the help centre. "
    "Have a wonderful day!",
    "Sorry about that. As per my last email, the refund takes 10 days.",
    "Thanks for your patience. As stated in my previous reply, it takes 10 days.",
])
def test_v7_courtesy_does_not_excuse_pointing_to_an_earlier_message(reply):
    c = conv(("c", "I followed the help centre and it didn't work. Can someone actually help me?"), ("a", reply))
    found = run(c)
    assert found and found[0].score >= 0.45


@pytest.mark.parametrize("reply", [
    "Thank you! As mentioned, the refund takes 10 days, and I've set a reminder to check on it for you.",
    "Sorry for the confusion! As mentioned, open Orders, then Refunds, and click the order.",
    "As mentioned in our help centre, the refund takes 10 days; thanks for checking.",  # a source, not a message
])
def test_v7_courtesy_still_excuses_a_bare_soft_pointer(reply):
    c = conv(("c", "How long does a refund take?"), ("a", reply))
    assert run(c) == []


# v9 (QA pass 17, lexicon v8): "Again," opening a later sentence points back when that sentence restates an earlier
# agent message; a pleasantry said again, a courtesy ("Again, if you have questions ...") or new content does not.
WIFI_ANSWER = ("a", "The Wi-Fi password is on the sticker on the back of the router.")
WIFI_ASKED = ("c", "where do I find the wifi password?")


@pytest.mark.parametrize(
    "conversation",
    [
        pytest.param(conv(WIFI_ANSWER, WIFI_ASKED,
                          ("a", "Sure, I'll check. Again, the Wi-Fi password is on the sticker. On the back. Of the "
                                "router.")), id="qa17_b30"),
        pytest.param(conv(("a", "Refunds take 5-7 business days."), ("c", "ok but when will I get the money?"),
                          ("a", "Sure. Again, the refund takes 5-7 business days.")), id="refund_restated"),
        pytest.param(conv(("a", "You need to update the app from the store."), ("c", "it still says error 502"),
                          ("a", "Ok. Again: you need to update the app.")), id="again_colon"),
    ],
)
def test_v9_again_before_a_restatement_is_found(conversation) -> None:
    assert [f.message_id for f in run(conversation)] == ["m3"]


@pytest.mark.parametrize(
    "conversation",
    [
        pytest.param(conv(("c", "thanks for waiting with me"), ("a", "Again, thanks for your patience.")),
                     id="again_thanks_opening"),
        pytest.param(conv(("a", "Sorry for the wait."), ("c", "ok"), ("a", "All done. Again, sorry for the wait.")),
                     id="again_sorry"),
        pytest.param(conv(("a", "Let us know if you have any questions."), ("c", "ok"),
                          ("a", "I've reset it. Again, if you have any questions, let us know.")), id="again_if"),
        pytest.param(conv(("a", "I've reset your password."), ("c", "and the router?"),
                          ("a", "Sure. Again, the new router ships tomorrow with tracking.")), id="again_new_content"),
    ],
)
def test_v9_again_before_a_pleasantry_or_new_content_stays_quiet(conversation) -> None:
    assert run(conversation) == []


# v10 (review): a curly apostrophe ("it’s", "that’s") is folded before the function-word lookup, as a straight one is.
STICKER = ("a", "The password is on the router sticker.")
STICKER_ASKED = ("c", "where is it though?")


@pytest.mark.parametrize("again", ["Again, it's the router sticker underneath.",
                                   "Again, it’s the router sticker underneath.",
                                   "Again, that’s the router sticker underneath."])
def test_v10_restatement_with_a_curly_apostrophe_is_found(again: str) -> None:
    found = run(conv(STICKER, STICKER_ASKED, ("a", "Sure, I will check. " + again)))
    assert [f.message_id for f in found] == ["m3"]


@pytest.mark.parametrize("again", ["Again, it’s a new router that ships tomorrow with tracking.",
                                   "Again, that’s thanks to your patience, we appreciate it."])
def test_v10_new_content_with_a_curly_apostrophe_stays_quiet(again: str) -> None:
    assert run(conv(STICKER, STICKER_ASKED, ("a", "Sure, I will check. " + again))) == []
