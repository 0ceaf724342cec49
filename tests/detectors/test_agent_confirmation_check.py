from conftest import conv, detect, evidence_text

NAME = "agent.confirmation_check"

TRY_AND_TELL = conv(
    ("c", "I can't log in."),
    ("a", "I've reset your password. Could you try it now and let me know if it works?"),
)
PRINTING_NOW = conv(
    ("c", "Printer is stuck."),
    ("a", "I cleared the queue."),
    ("a", "Is the printer printing now?"),
)
SOLVE_IT = conv(("c", "Teams has no sound"), ("a", "Select the headset under Devices. Does that solve it for you?"))
MAKES_SENSE = conv(("c", "what is a VPN?"), ("a", "It's a private tunnel to the office network. Does that make sense?"))
ANYTHING_ELSE = conv(("c", "works now, thanks"), ("a", "Glad to hear it! Is there anything else I can help with?"))
POLITE_INSTRUCTION = conv(("c", "how do I reset it?"), ("a", "Please hold the power button for ten seconds."))


def test_try_and_report_back() -> None:
    found = detect(NAME, TRY_AND_TELL)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(TRY_AND_TELL, found[0]) == ["Could you try it now and let me know if it works?"]
    assert found[0].data["after_fix"] is True


def test_state_now_question() -> None:
    found = detect(NAME, PRINTING_NOW)
    assert [f.message_id for f in found] == ["m3"]
    assert evidence_text(PRINTING_NOW, found[0]) == ["Is the printer printing now?"]


def test_direct_question() -> None:
    found = detect(NAME, SOLVE_IT)
    assert evidence_text(SOLVE_IT, found[0]) == ["Does that solve it for you?"]
    assert found[0].score >= 0.8


def test_understanding_check_is_not_a_fix_check() -> None:
    assert detect(NAME, MAKES_SENSE) == []


def test_closing_question_is_not_a_fix_check() -> None:
    assert detect(NAME, ANYTHING_ELSE) == []


def test_plain_instruction_stays_quiet() -> None:
    assert detect(NAME, POLITE_INSTRUCTION) == []


# --- verify-and-report-back requests (phrasings unlike the bundled examples) ----------------



REPORT_BACK = {
    "stays": "I've changed the DNS setting. Keep working for a while and tell me whether the share stays connected.",
    "arrive": "I've released the quarantine. Can you check whether the invoices arrive in your inbox now?",
    "stop": "I've removed the old phone from your account. Let us know if the password prompts stop.",
    "there": "The restore is finished. Could you open the folder and confirm that all the drawings are there?",
    "test": "I've replaced the fuser. Could you run a test print and make sure the pages come out clean?",
    "normal": "I've cleared the stuck update. Is scrolling in Excel back to normal?",
}
NOT_CHECKS = {
    "questions": "Let me know if you have any questions about the new policy.",
    "schedule": "I can call you at 3 pm tomorrow, let me know if that time works for you.",
    "self": "I'll email you by noon to confirm the licence is there.",
    "negated": "Please let us know if the parcel does not arrive by Friday.",
    "diagnostic": "Can you check whether the cable is plugged into the dock?",
    "want": "We want to make sure your charges are correct.",
}


def test_report_back_requests_count() -> None:
    for key, text in REPORT_BACK.items():
        c = conv(("c", "It's broken."), ("a", "Let me look."), ("c", "ok"), ("a", text))
        found = detect("agent.confirmation_check", c)
        assert [f.message_id for f in found] == ["m4"], key


def test_offers_schedules_and_own_checks_stay_quiet() -> None:
    for key, text in NOT_CHECKS.items():
        c = conv(("c", "It's broken."), ("a", text))
        assert detect("agent.confirmation_check", c) == [], key


# --- precision v2: not checks of a fix (patterns from hand-judged IRC chats) ------------------
NOT_FIX_CHECKS = {
    "live_cd": "There are two options when you boot the cd: install and live cd desktop. Go to the desktop and "
               "see if everything works.",
    "other_user": "if you press CTRL+ALT+F1 and make a new user, is it ok there?",
    "release": "i had Amarok crashing on 8.04, is it working fine on 9.04?",
    "history": "Did it ever work?",
    "embedded": "I don't know how does the nextgear router work... I can't help you there",
    "how": "how does that work? I just need to control someone's desktop",
    "my_problem": "can i just ask, all that i just did, did it fix my problem with suspend also?",
    "own_plan": "Okay, gonna reboot and see if it works. Wish me luck",
    "let_me": "i asked that same question once. let me make sure if it works. ill try now",
    "mine": "i just like to restart mine every once in a while, just to make sure everything is ok",
    "existence": "but first check that it's there in /boot/grub/menu.lst",
    "configured": "check if you have this file and see if its correctly configured",
    "port": "you can port scan your own box, to check that port 21 is open",
    "your_input": "Check that you entered the address correctly and try again.",
    "comma_break": "You can check the website, but I thought it worked with anything but the iphone",
    "busy": "go talk to the developers of the software and see if they are working on it",
    "agree": "i suggest we go for the older processors which are known to be working, is that fine?",
    "asked_for_version": "which version of Ubuntu are you running again?",
    "tried": "have you checked to make sure your cables were all connected properly",
    "way_to": "now what's the quickest way to see if it worked?",
}


def test_diagnostics_and_other_questions_are_not_fix_checks() -> None:
    for key, text in NOT_FIX_CHECKS.items():
        c = conv(("c", "It's broken."), ("a", "Let me look."), ("c", "ok"), ("a", text))
        assert detect(NAME, c) == [], key


def test_bot_reply_to_a_command_is_not_the_bots_check() -> None:
    c = conv(
        ("c", "Can anyone point me to an open source driver for my Broadcom wireless card?"),
        ("a:zyko", "!broadcom | bob does this help?"),
        ("a:ubottu", "bob does this help?: Help with Broadcom bcm43xx can be found at https://help.ubuntu.com/wifi"),
    )
    found = detect(NAME, c)
    assert [f.message_id for f in found] == ["m2"]
