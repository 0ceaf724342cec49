import pytest

from conftest import conv, detect, evidence_text

SHOULD_HAVE_SAVED = conv(
    ("c", "Word crashed and I lost my whole report."),
    ("a", "You should have saved your work."),
)
MUST_HAVE_DELETED = conv(
    ("c", "The Finance folder is gone from the shared drive."),
    ("a", "Well, you must have deleted it."),
)
USER_ERROR = conv(
    ("c", "My password keeps getting rejected."),
    ("a", "That's user error, it's your fault for typing it wrong."),
)
BECAUSE_YOU_CLICKED = conv(
    ("c", "Why is my screen upside down?"),
    ("a", "That's because you clicked the rotate option."),
)
IF_YOU_HAD_READ = conv(
    ("c", "Nobody told me about the migration!"),
    ("a", "If you had read the email, you'd know. You didn't follow the instructions."),
)
# --- must stay quiet ----------------------------------------------------------------
SYSTEM_CAUSE = conv(
    ("c", "Why did the app log me out?"),
    ("a", "That happens because the cache was full, which signs everyone out. I've cleared it."),
)
HYPOTHESIS = conv(
    ("c", "My file is gone."),
    ("a", "If you deleted it by accident, don't worry: it's in the recycle bin for 30 days."),
)
NOT_YOUR_FAULT = conv(
    ("c", "Sorry, I think I broke it."),
    ("a", "It's not your fault at all; this update confuses everyone. Let's fix it together."),
)
EXPECTATION = conv(
    ("c", "Where is my code?"),
    ("a", "You should have received an email with the code; you shouldn't have a problem logging in after that."),
)
APOLOGY = conv(
    ("c", "I was charged twice."),
    ("a", "I'm sorry, you shouldn't have been charged twice. I've refunded it."),
)


@pytest.mark.parametrize(
    ("conversation", "evidence"),
    [
        (SHOULD_HAVE_SAVED, ["You should have saved"]),
        (MUST_HAVE_DELETED, ["you must have deleted"]),
        (USER_ERROR, ["user error", "your fault"]),
        (BECAUSE_YOU_CLICKED, ["That's because you clicked"]),
        (IF_YOU_HAD_READ, ["If you had read", "You didn't follow the instructions"]),
    ],
)
def test_blame_is_found(conversation, evidence) -> None:
    found = detect("agent.blame", conversation)
    assert [(f.label, f.message_id) for f in found] == [("agent.blame", "m2")]
    assert evidence_text(conversation, found[0]) == evidence
    assert found[0].data["suggestion"]


def test_reassurance_lowers_but_keeps_blame() -> None:
    soft = conv(("c", "My file is gone."), ("a", "You must have deleted it, but don't worry, it happens to everyone."))
    found = detect("agent.blame", soft)
    assert found and found[0].data["softened"]
    assert found[0].score < detect("agent.blame", MUST_HAVE_DELETED)[0].score


@pytest.mark.parametrize("conversation", [SYSTEM_CAUSE, HYPOTHESIS, NOT_YOUR_FAULT, EXPECTATION, APOLOGY])
def test_causes_hypotheses_and_reassurance_stay_quiet(conversation) -> None:
    assert detect("agent.blame", conversation) == []


# --- hindsight with any action verb, rhetorical "why didn't you", "that's what happens" -----
SHOULD_HAVE_TESTED = conv(
    ("c", "The presentation clicker doesn't pair with the room PC."),
    ("a", "You should've tried it in the room before the meeting started."),
)
SHOULD_HAVE_MADE_A_COPY = conv(
    ("c", "Excel crashed and my macro sheet is corrupted."),
    ("a", "Honestly, you ought to have kept a copy somewhere else."),
)
WHY_DIDNT_YOU = conv(
    ("c", "My phone was reset and all my photos are gone."),
    ("a", "Why didn't you back them up to the cloud?"),
)
WERE_TOLD = conv(
    ("c", "I still can't get into the new portal."),
    ("a", "You were told to change your password before Friday."),
)
WHAT_HAPPENS = conv(
    ("c", "The laptop rebooted in the middle of my call!"),
    ("a", "That's what happens when you postpone updates for a month."),
)
# --- near misses that must stay quiet -------------------------------------------------
EXPECTED_STATE = conv(
    ("c", "I ran the installer you sent."),
    ("a", "Great, now you should have installed the new client; open it from the Start menu."),
)
SHOULD_HAVE_SEEN = conv(
    ("c", "Where do I enter the code?"),
    ("a", "You should have seen a prompt after logging in, and you should have gotten a text too."),
)
SUPPOSED_TO_RECEIVE = conv(
    ("c", "No reset email here."),
    ("a", "You were supposed to receive it within a minute; I'll resend it now."),
)
APOLOGY_EXPERIENCED = conv(
    ("c", "Third outage this week."),
    ("a", "I'm sorry, you shouldn't have experienced that, and you should have been notified in advance."),
)
WHY_QUESTION_DIAGNOSTIC = conv(
    ("c", "I removed the app and now mail doesn't sync."),
    ("a", "Why did you remove it, was it slow? That helps me pick the right fix."),
)


@pytest.mark.parametrize(
    ("conversation", "evidence"),
    [
        (SHOULD_HAVE_TESTED, ["You should've tried"]),
        (SHOULD_HAVE_MADE_A_COPY, ["you ought to have kept"]),
        (WHY_DIDNT_YOU, ["Why didn't you back them up"]),
        (WERE_TOLD, ["You were told to change"]),
        (WHAT_HAPPENS, ["That's what happens when you"]),
    ],
)
def test_more_blame_phrasings(conversation, evidence) -> None:
    found = detect("agent.blame", conversation)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(conversation, found[0]) == evidence


@pytest.mark.parametrize(
    "conversation",
    [EXPECTED_STATE, SHOULD_HAVE_SEEN, SUPPOSED_TO_RECEIVE, APOLOGY_EXPERIENCED, WHY_QUESTION_DIAGNOSTIC],
)
def test_expectations_and_diagnostic_questions_stay_quiet(conversation) -> None:
    assert detect("agent.blame", conversation) == []


# --- deflecting onto the customer's side, without checking ----------------------------
ON_YOUR_END = conv(
    ("c", "My VPN keeps dropping when I work from home."),
    ("a", "It's probably something on your end."),
)
MUST_BE_YOUR_NETWORK = conv(
    ("c", "The portal won't load at home."),
    ("a", "That must be your home network, not us."),
)
ASKS_TO_CHECK_YOUR_END = conv(
    ("c", "My VPN keeps dropping when I work from home."),
    ("a", "Could you restart the router on your end and tell me if it still drops?"),
)
FINDING_AFTER_A_CHECK = conv(
    ("c", "My VPN keeps dropping when I work from home."),
    ("a", "If it stays up on your phone's hotspot, the problem is probably with your home router; "
          "let's check it together."),
)


def test_deflecting_onto_the_customers_side_is_blame() -> None:
    for c, evidence in ((ON_YOUR_END, "It's probably something on your end"),
                        (MUST_BE_YOUR_NETWORK, "That must be your home network")):
        found = detect("agent.blame", c)
        assert [f.message_id for f in found] == ["m2"]
        assert evidence_text(c, found[0]) == [evidence]
        assert "your_side" in found[0].data["categories"]


def test_a_request_or_a_hypothesis_about_their_side_is_not() -> None:
    assert detect("agent.blame", ASKS_TO_CHECK_YOUR_END) == []
    assert detect("agent.blame", FINDING_AFTER_A_CHECK) == []


# --- v2: false positives measured on real support chats (docs/detectors/agent.blame.md) ----
POINTER_TO_A_GUIDE = conv(
    ("c", "I'm new to Linux in general, is there a channel for beginners?"),
    ("a", "Here is pretty good. Maybe read the beginners guide on the wiki too."),
)
EITHER_OR_HYPOTHESIS = conv(
    ("c", "I don't understand the problem with my DVD."),
    ("a", "Either you have a CD-ROM drive, not a DVD drive, in which case you put the wrong disc in the wrong "
          "drive, or the codec can't decode it."),
)
USER_ERROR_ABOUT_ME = conv(
    ("c", "Should I report this as a bug?"),
    ("a", "I filed so many bugs that were just plain user error when I started out... we totally get that it "
          "happens."),
)
USER_ERROR_ABOUT_THEM = conv(
    ("c", "I put the router address in the search domains box."),
    ("a", "Ah, so user error :) Only the DNS server goes there."),
)


@pytest.mark.parametrize("conversation", [POINTER_TO_A_GUIDE, EITHER_OR_HYPOTHESIS, USER_ERROR_ABOUT_ME])
def test_guides_alternatives_and_self_labels_stay_quiet(conversation) -> None:
    assert detect("agent.blame", conversation) == []


def test_user_error_about_the_customer_is_still_blame() -> None:
    found = detect("agent.blame", USER_ERROR_ABOUT_THEM)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(USER_ERROR_ABOUT_THEM, found[0]) == ["user error"]


# v3 (QA pass 4b): disclaimers and new cues.
LOCKED = "I'm locked out again and I have payroll at 3pm!"
NOT_SAYING_AT_ALL = conv(
    ("c", LOCKED), ("a", "I'm not saying it's your fault at all, these lockouts happen to everyone."))
DONT_THINK_FAULT = conv(("c", LOCKED), ("a", "I don't think it's your fault, the policy changed on Monday."))
NOT_SAYING_BUT = conv(("c", "I clicked something weird in an email, am I in trouble?"),
                      ("a", "I'm not saying it's your fault, but you clearly clicked the phishing link."))
ONE_WHO_CLICKED = conv(
    ("c", "I clicked something weird in an email."), ("a", "Well, you're the one who clicked the link."))
TYPED_WRONG = conv(("c", LOCKED), ("a", "You probably typed it wrong too many times."))
STOP_TYPING_WRONG = conv(("c", LOCKED), ("a", "You need to stop typing the wrong password."))
KEYBOARD_CHAIR = conv(("c", "It says my password is wrong but I'm typing it right!"),
                      ("a", "The problem is clearly between the keyboard and the chair."))
# Negative: the same words about the system, a hypothesis, or the person who knows best.
ONE_WHO_KNOWS = conv(
    ("c", "Should I use the new portal?"), ("a", "You're the one who knows the setup best, so your call."))
MAYBE_TYPED_WRONG = conv(("c", LOCKED), ("a", "Maybe you typed it wrong? The caps lock key is easy to miss."))
STOP_THE_SERVICE = conv(("c", "How do I update it?"), ("a", "Stop the service first, then run the installer."))


@pytest.mark.parametrize("c", [NOT_SAYING_AT_ALL, DONT_THINK_FAULT, ONE_WHO_KNOWS, MAYBE_TYPED_WRONG, STOP_THE_SERVICE],
                         ids=["not_saying_at_all", "dont_think_fault", "one_who_knows", "maybe_typed_wrong",
                              "stop_the_service"])
def test_disclaimers_and_neutral_lookalikes_are_not_blame(c) -> None:
    assert detect("agent.blame", c) == []


def test_disclaimer_turned_by_but_is_still_blame() -> None:
    found = detect("agent.blame", NOT_SAYING_BUT)
    assert evidence_text(NOT_SAYING_BUT, found[0]) == ["your fault", "you clearly clicked"]


@pytest.mark.parametrize("c, words", [
    (ONE_WHO_CLICKED, "you're the one who clicked"), (TYPED_WRONG, "You probably typed it wrong"),
    (STOP_TYPING_WRONG, "You need to stop typing the wrong"), (KEYBOARD_CHAIR, "between the keyboard and the chair"),
], ids=["one_who_clicked", "typed_wrong", "stop_typing_wrong", "keyboard_chair"])
def test_new_blame_cues(c, words: str) -> None:
    found = detect("agent.blame", c)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(c, found[0]) == [words]


# --- v4 (QA pass 7) -------------------------------------------------------------------------
WHY_WOULD_YOU_CLICK = conv(("c", "I think I clicked a phishing link, I'm so worried"),
                           ("a", "Honestly, I don't know why you'd click on a link like that."))
WHY_YOU_NEED_TO_INSTALL = conv(("c", "should I install the old driver?"),
                               ("a", "I don't know why you'd need to install it; the new one works."))


def test_v4_reproachful_why_would_you_is_blame():
    found = detect("agent.blame", WHY_WOULD_YOU_CLICK)
    assert found and "why you'd click" in evidence_text(WHY_WOULD_YOU_CLICK, found[0])[0]


def test_v4_why_you_would_need_to_is_not_blame():
    assert detect("agent.blame", WHY_YOU_NEED_TO_INSTALL) == []


# --- v5 (QA pass 8): second-person fault verb + consequence, "you typed it wrong", "... yourself" ----
@pytest.mark.parametrize("reply", [
    "You broke the hinge by opening it too far, so this isn't covered.",  # QA8 b16
    "You dropped the laptop, so the warranty doesn't apply.",
    "You damaged the screen, which voids the warranty.",
    "Clearly you typed the password wrong. Try again.",  # QA8 b39
    "It's impossible to lose emails like that unless you deleted them yourself.",  # QA8 b24
    "Wow, the update you skipped broke things.",  # QA8 b27
])
def test_v5_fault_pinned_on_the_customer(reply):
    assert detect("agent.blame", conv(("c", "The laptop hinge snapped when I opened it."), ("a", reply)))


@pytest.mark.parametrize("reply", [
    "If you deleted the file by mistake, you can restore it from the Trash.",
    "If you typed the password wrong three times, the account locks for 15 minutes.",
    "If you deleted them yourself, they're in Recently Deleted for 30 days.",
    "I'm sorry the hinge snapped. I've booked a free repair under warranty.",
])
def test_v5_conditions_and_plain_facts_are_not_blame(reply):
    assert detect("agent.blame", conv(("c", "The laptop hinge snapped when I opened it."), ("a", reply))) == []


@pytest.mark.parametrize("text, quote", [
    ("The settings appear to have been changed on your device, which caused the sync to stop.",
     "have been changed on your device, which caused"),
    ("The sync folder was deleted from your account, which is why nothing uploads.",
     "was deleted from your account, which is why"),
    ("Everyone knows you can't use a USB-C charger from another brand. That's why it broke.",
     "you can't use a USB-C charger from another brand. That's why it broke"),
])
def test_v6_passive_and_broken_rule_blame(text: str, quote: str) -> None:
    # QA pass 10 (b27, b25)
    c = conv(("c", "It stopped working yesterday, I didn't touch anything."), ("a", text))
    found = detect("agent.blame", c)
    assert len(found) == 1 and evidence_text(c, found[0]) == [quote]


@pytest.mark.parametrize("text", [
    "The settings were reset by the update on your device, which caused the sync to stop.",
    "It looks like a setting on your device changed after the last update; let's switch it back together.",
    "Your password has been changed on your account, so please use the new one.",
    "Third-party chargers can damage the port, which is likely why it stopped; I'll book a free repair.",
    "If you can't use the original charger, that's why it broke.",
])
def test_v6_cause_not_pinned_on_the_customer_is_quiet(text: str) -> None:
    c = conv(("c", "It stopped working yesterday, I didn't touch anything."), ("a", text))
    assert detect("agent.blame", c) == []


# --- v7 (QA pass 11): "You are doing wrong." ------------------------------------------------

@pytest.mark.parametrize("text, quote", [
    ("You are doing wrong. You must to read manual before asking.", "You are doing wrong"),  # b38
    ("You're doing this all wrong, hold the button for five seconds.", "You're doing this all wrong"),
    ("You did it incorrectly.", "You did it incorrectly"),
])
def test_v7_you_are_doing_it_wrong(text: str, quote: str) -> None:
    c = conv(("c", "My new speaker won't connect to bluetooth."), ("a", text))
    found = detect("agent.blame", c)
    assert found and quote in evidence_text(c, found[0]), text


@pytest.mark.parametrize("text", [
    "You're not doing anything wrong; the speaker needs a firmware update first.",
    "If you're doing it wrong, the light blinks red, so watch for that.",
    "You did nothing wrong, this model has a known pairing bug.",
])
def test_v7_reassurance_and_conditions_stay_quiet(text: str) -> None:
    c = conv(("c", "My new speaker won't connect to bluetooth."), ("a", text))
    assert detect("agent.blame", c) == [], text


@pytest.mark.parametrize("reply", [
    "It was a safety measure, not something you did wrong. I've unlocked it now.",  # QA pass 13, g21
    "It wasn't because you typed it wrong; the server rejected every login for an hour.",
    "Don't worry, it's nothing you did wrong.",
])
def test_v8_a_fault_denied_right_before_it_is_no_blame(reply: str) -> None:
    assert detect("agent.blame", conv(("c", "Why was my account locked?"), ("a", reply))) == []


@pytest.mark.parametrize("reply", [
    "You did it wrong. Try again.",
    "It's not complicated: you did it wrong.",
    "You typed the password wrong, so the account locked.",
])
def test_v8_the_same_fault_not_denied_is_still_blame(reply: str) -> None:
    assert [f.label for f in detect("agent.blame", conv(("c", "Why was my account locked?"), ("a", reply)))] == \
        ["agent.blame"]


# v11 (QA pass 18, b14): a lecture for next time that points at the rules the customer was given.
@pytest.mark.parametrize(
    "draft, evidence",
    [
        pytest.param("It looks like you may have overwritten the file when you saved your offline copy over it. In "
                     "future, please make sure to always work in the online version as instructed in the onboarding "
                     "guide.", "In future, please make sure to always work in the online version as instructed",
                     id="b14"),
        pytest.param("Please ensure you never share your password again, as stated in the security policy.",
                     "Please ensure you never share your password again, as stated", id="never_as_stated"),
        pytest.param("Going forward, make sure you save to OneDrive as you were told in the training.",
                     "Going forward, make sure you save to OneDrive as you were told", id="as_you_were_told"),
        pytest.param("Next time, please remember to log out as required by the IT policy.",
                     "Next time, please remember to log out as required", id="as_required"),
    ],
)
def test_v11_b14_lecture_pointing_at_the_rules(draft, evidence) -> None:
    c = conv(("c", "The shared budget spreadsheet has lost all of yesterday's changes!"), ("a", draft))
    found = detect("agent.blame", c)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(c, found[0]) == [evidence]


@pytest.mark.parametrize(
    "draft",
    [
        "Next time, you can save it to OneDrive as shown in the guide, and it'll sync automatically.",
        "As instructed in the onboarding guide, click Next and choose your team.",
        "I've restored yesterday's version. In future, if it happens again, just message us and we'll restore it.",
        "Please make sure to always save to OneDrive; that way they're backed up automatically.",
    ],
)
def test_v11_tips_and_steps_stay_quiet(draft) -> None:
    c = conv(("c", "The shared budget spreadsheet has lost all of yesterday's changes!"), ("a", draft))
    assert detect("agent.blame", c) == []


# --- v12 (QA pass 19) ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "customer, draft, evidence",
    [
        ("Your banking app crashes every time I open it on my phone.",
         "The app needs Android 10. That's what you get for hanging on to an ancient Samsung; honestly, upgrade.",
         "That's what you get for hanging"),
        ("I lost my files", "That's what you get for not backing up. I can try a recovery tool.",
         "That's what you get for not backing"),
        ("Why was I charged a £12 late fee? I always pay on time!",
         "Because you paid late. The system doesn't make mistakes. The fee stays.", "Because you paid late."),
        ("Why did my order fail?", "Because you typed the card number wrong.",
         "Because you typed the card number wrong."),
    ],
)
def test_v12_qa19_b24_b38_what_you_get_for_and_a_bare_because(customer, draft, evidence) -> None:
    c = conv(("c", customer), ("a", draft))
    found = detect("agent.blame", c)
    assert len(found) == 1
    assert evidence in evidence_text(c, found[0])


@pytest.mark.parametrize(
    "customer, draft",
    [
        ("What's in the free plan?", "That's what you get with the free plan: 5 GB of storage and email support."),
        ("Why is yearly cheaper?", "That's what you get for paying yearly: two months free."),
        ("Why was I charged a £12 late fee? I always pay on time!",
         "Because you paid after the 5th, a £12 fee was added; if your bank delayed it, send me the statement and "
         "I'll refund it."),
        ("Why was I charged a £12 late fee? I always pay on time!",
         "The system flagged a late payment on 3 March, so a £12 fee was added. If you think that's wrong, send me "
         "your bank statement and I'll dispute it for you."),
        ("Why did my order fail?", "It's because the payment bounced; could you try another card?"),
    ],
)
def test_v12_qa19_look_alikes_stay_quiet(customer, draft) -> None:
    assert detect("agent.blame", conv(("c", customer), ("a", draft))) == []
