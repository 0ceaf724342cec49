import pytest

from conftest import conv, detect, evidence_text

BOARD_MEETING = conv(
    ("c", "My laptop died and the slides for my board meeting at 2pm are on it!"),
    ("a", "That sounds really stressful right before your board meeting. Let's get your files back first."),
)
LOST_REPORT = conv(
    ("c", "Excel crashed and I lost the quarterly report I worked on all morning."),
    ("a", "Oh no. I can see why losing that report is upsetting after a whole morning's work."),
)
LOCKED_OUT = conv(
    ("c", "I've been locked out of my account three times today and I have payroll to run."),
    ("a", "I'd be frustrated too, being locked out three times with payroll due. I'll unlock it now."),
)
STOCK_ONLY = conv(
    ("c", "The printer on floor 2 is out of toner."),
    ("a", "I understand your frustration. We apologize for any inconvenience."),
)
TECHNICAL_SOUNDS = conv(
    ("c", "The Wi-Fi drops every time the laptop wakes from sleep."),
    ("a", "That sounds like a power management setting on the network adapter. Let me check."),
)
PLAIN_FIX = conv(
    ("c", "How do I map the shared drive?"),
    ("a", "Open File Explorer, right-click This PC and choose Map network drive. Use \\\\files\\shared."),
)
MUST_BE_TECHNICAL = conv(
    ("c", "My VPN won't connect."),
    ("a", "It must be the old client version; please update it from the portal."),
)


def test_specific_acknowledgement() -> None:
    found = detect("agent.empathy", BOARD_MEETING)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(BOARD_MEETING, found[0]) == ["That sounds really stressful right before your board meeting."]
    assert found[0].score >= 0.8
    assert found[0].data["specific"] is True and found[0].data["stock"] is False


def test_i_can_see_why_with_situation() -> None:
    found = detect("agent.empathy", LOST_REPORT)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(LOST_REPORT, found[0]) == [
        "I can see why losing that report is upsetting after a whole morning's work."]
    assert found[0].data["refers_to_message_id"] == "m1"


def test_direct_acknowledgement() -> None:
    found = detect("agent.empathy", LOCKED_OUT)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(LOCKED_OUT, found[0])[0].startswith("I'd be frustrated too")
    assert found[0].score >= 0.8


def test_stock_phrases_score_low() -> None:
    found = detect("agent.empathy", STOCK_ONLY)
    assert [f.message_id for f in found] == ["m2"]
    assert found[0].score <= 0.4
    assert found[0].data["stock"] is True
    assert evidence_text(STOCK_ONLY, found[0]) == ["I understand your frustration"]


def test_that_sounds_like_a_technical_guess_is_not_empathy() -> None:
    assert detect("agent.empathy", TECHNICAL_SOUNDS) == []


def test_plain_fix_is_quiet() -> None:
    assert detect("agent.empathy", PLAIN_FIX) == []


def test_must_be_as_diagnosis_is_not_empathy() -> None:
    assert detect("agent.empathy", MUST_BE_TECHNICAL) == []


# --- evaluations, reassurance, named feelings (phrasings unlike the bundled examples) ---------
EVALUATES_SITUATION = conv(
    ("c", "Outlook has crashed four times since lunch and my quarterly report is due at 5."),
    ("a", "Four crashes in one afternoon with the quarterly report due is miserable timing. Let's look now."),
)
WOULD_TEST_ANYONE = conv(
    ("c", "The scanner jammed again, it's the last scan before the auditors arrive."),
    ("a", "A jammed scanner right before the auditors arrive would rattle anyone. I'm sending someone up."),
)
REASSURES = conv(
    ("c", "Sorry, I think I broke the shared calendar, I'm really bad with this stuff."),
    ("a", "Please don't apologise, it's not your fault: that setting trips up a lot of people."),
)
NAMES_FEELING = conv(
    ("c", "My payslip portal says my account is disabled and payday is tomorrow."),
    ("a", "I can hear how worrying this is with payday tomorrow. I'm re-enabling the account now."),
)
GENERIC_EVALUATION = conv(
    ("c", "How do I add a signature in Outlook?"),
    ("a", "The signature editor is a bit annoying to find. Go to File, Options, Mail, Signatures."),
)
TERRIBLE_TOOL = conv(
    ("c", "Should I use the old sync tool to copy my files?"),
    ("a", "That tool is a terrible way to copy files; use OneDrive instead."),
)


def test_evaluation_of_the_customers_situation_is_empathy() -> None:
    for c in (EVALUATES_SITUATION, WOULD_TEST_ANYONE):
        found = detect("agent.empathy", c)
        assert [f.message_id for f in found] == ["m2"], c
        assert found[0].data["specific"] is True and found[0].score >= 0.7


def test_reassurance_and_normalising_count() -> None:
    found = detect("agent.empathy", REASSURES)
    assert [f.message_id for f in found] == ["m2"]
    assert found[0].data["stock"] is False and found[0].score >= 0.5


def test_naming_the_customers_feeling() -> None:
    found = detect("agent.empathy", NAMES_FEELING)
    assert [f.message_id for f in found] == ["m2"] and found[0].score >= 0.7


def test_evaluation_of_a_tool_or_ui_is_not_empathy() -> None:
    assert detect("agent.empathy", GENERIC_EVALUATION) == []
    assert detect("agent.empathy", TERRIBLE_TOOL) == []


# --- v2: false-positive patterns found by hand-judging real IRC chats ------------------------
# Each was reported by v1. An exclamation or evaluation followed by the thing it qualifies,
# an evaluation of a product or of the speaker, a negated one, and an apology for the
# speaker are not acknowledgements of the customer's situation.
TERRIBLE_ADVICE = conv(
    ("c", "Someone told me to just reinstall Windows over the Ubuntu partition."),
    ("a", "That's terrible advice, keep the partition and repair grub instead."),
)
OH_NO_SUCH_PACKAGE = conv(
    ("c", "Can I install the fakeidentd package?"),
    ("a", "oh no such package in the archive, try oidentd."),
)
PRODUCT_IS_AWFUL = conv(
    ("c", "Is there a fancy html editor like Dreamweaver for Ubuntu?"),
    ("a", "Dreamweaver is awful as an html editor; gedit highlights html fine."),
)
BRAND_IS_TERRIBLE = conv(
    ("c", "My Lexmark printer won't print from Ubuntu."),
    ("a", "Lexmark is terrible with Linux drivers, try the generic PCL driver."),
)
RELATIVE_PRODUCT = conv(
    ("c", "I know Linux support for Lexmark printers is horrible, it just worked out worse than I expected."),
    ("a", "In reality it's Lexmark that is terrible and Linux doesn't want to bother with it."),
)
SPEAKERS_OWN_NOTES = conv(
    ("c", "Got it, the error message pointed me to the missing libraries."),
    ("a", "Glad you found the libraries, my notes are terrible; it would have taken me a week."),
)
NEGATED_EVALUATION = conv(
    ("c", "Will the update take long? I have a meeting."),
    ("a", "The update is not terrible, it only takes a few minutes before your meeting."),
)
SPEAKERS_OWN_APOLOGY = conv(
    ("c", "There is no netroot option in the installer menu."),
    ("a", "Sorry it's been a while since I've used that installer menu. Look under Network."),
)
ATTRIBUTIVE_POPUP = conv(
    ("c", "Ubuntu works but I keep getting a popup about low memory."),
    ("a", "If it works and you are just getting an annoying popup about memory, skip the reinstall."),
)


def test_exclamation_followed_by_what_it_qualifies_is_not_empathy() -> None:
    assert detect("agent.empathy", TERRIBLE_ADVICE) == []
    assert detect("agent.empathy", OH_NO_SUCH_PACKAGE) == []


def test_evaluation_of_a_product_is_not_empathy() -> None:
    assert detect("agent.empathy", PRODUCT_IS_AWFUL) == []
    assert detect("agent.empathy", BRAND_IS_TERRIBLE) == []
    assert detect("agent.empathy", ATTRIBUTIVE_POPUP) == []
    assert detect("agent.empathy", RELATIVE_PRODUCT) == []


def test_speakers_own_situation_is_not_empathy() -> None:
    assert detect("agent.empathy", SPEAKERS_OWN_NOTES) == []
    assert detect("agent.empathy", SPEAKERS_OWN_APOLOGY) == []


def test_negated_evaluation_is_not_empathy() -> None:
    assert detect("agent.empathy", NEGATED_EVALUATION) == []


# The true positives these rules must keep (real phrasings from Twitter and IRC support).
OH_NO_NAME = conv(
    ("c", "My scroll wheel broke after two hours of use."),
    ("a", "Oh no, Barton! Please send us your order number."),
)
HOW_FRUSTRATING_DELAYS = conv(
    ("c", "Any updates on flight 6353? Four hours is a bit much."),
    ("a", "We know how frustrating delays can be, Danielle. The flight is set to depart at 8pm."),
)
DELAYS_ARE_FRUSTRATING = conv(
    ("c", "Stuck at the gate for three hours with no information about the delay."),
    ("a", "Without a doubt, delays are frustrating for everyone involved. Boarding starts at 6."),
)
THATS_A_PAIN_TOO = conv(
    ("c", "I tried to disable dual monitor cloning but it always resets."),
    ("a", "yeah, that's a pain, I tried so many parameters to aticonfig before it worked."),
)


def test_exclamations_and_evaluations_of_the_situation_are_kept() -> None:
    for c in (OH_NO_NAME, HOW_FRUSTRATING_DELAYS, DELAYS_ARE_FRUSTRATING, THATS_A_PAIN_TOO):
        found = detect("agent.empathy", c)
        assert [f.message_id for f in found] == ["m2"], c
        assert found[0].data["stock"] is False


# v3 (QA pass 4b): acknowledgements recognised by their structure.
PAYROLL = "This is the THIRD time I've been locked out this week!! I have a payroll deadline at 3pm."
UNDERSTAND_FRUSTRATED = conv(("c", PAYROLL), ("a", "I understand you're frustrated, and I'm sorry."))
UNDERSTAND_STRESSED_NON_NATIVE = conv(
    ("c", PAYROLL), ("a", "Sorry, my English is not perfect. I understand you are very stressed. I have unlock it."))
KNOW_HOW_IMPORTANT = conv(("c", PAYROLL), ("a", "I know how important payroll is, so I'll make this my top priority."))
UNDERSTAND_TIGHT = conv(("c", PAYROLL), ("a", "I understand, forty minutes is tight and I'll make this my priority."))
WORRIED_TOO = conv(("c", PAYROLL), ("a", "I'd be worried too in your position."))
LOT_OF_PRESSURE = conv(("c", PAYROLL), ("a", "That's a lot of pressure with payroll due at 3pm."))
SORRY_FOR_DISRUPTION = conv(
    ("c", "Email has been down for the whole office for two hours now. What is going on? We can't work."),
    ("a", "I'm sorry for the disruption. Our team is working on it right now."),
)
# Negative: the same words without what the customer feels or faces, or as the speaker's own view.
I_SEE_VERSION = conv(
    ("c", "I'm on Ubuntu 22.04 and the wifi drops."), ("a", "I see you're on 22.04, let me check."))
DONT_UNDERSTAND = conv(("c", PAYROLL), ("a", "I don't understand why the account is locked."))
WORRIED_ABOUT_DISK = conv(
    ("c", "My disk makes a clicking noise."), ("a", "I'd be worried about that disk, back it up."))
STOCK_INCONVENIENCE = conv(("c", PAYROLL), ("a", "Sorry for the inconvenience."))
SORRY_FOR_DELAY = conv(("c", "Any news on my refund?"), ("a", "Sorry for the delay, checking now."))


@pytest.mark.parametrize("c", [UNDERSTAND_FRUSTRATED, UNDERSTAND_STRESSED_NON_NATIVE, KNOW_HOW_IMPORTANT,
                               UNDERSTAND_TIGHT, WORRIED_TOO, LOT_OF_PRESSURE, SORRY_FOR_DISRUPTION],
                         ids=["understand_frustrated", "non_native_stressed", "know_how_important",
                              "understand_tight", "worried_too", "lot_of_pressure", "sorry_for_disruption"])
def test_structural_acknowledgements(c) -> None:
    found = detect("agent.empathy", c)
    assert [f.message_id for f in found] == ["m2"]
    assert found[0].data["stock"] is False and found[0].score >= 0.5


@pytest.mark.parametrize("c", [I_SEE_VERSION, DONT_UNDERSTAND, WORRIED_ABOUT_DISK, SORRY_FOR_DELAY],
                         ids=["i_see_version", "dont_understand", "worried_about_disk", "sorry_for_delay"])
def test_structure_without_feeling_or_situation_is_not_empathy(c) -> None:
    assert detect("agent.empathy", c) == []


def test_stock_apology_stays_stock() -> None:
    found = detect("agent.empathy", STOCK_INCONVENIENCE)
    assert [f.data["stock"] for f in found] == [True]


# --- v4: answering a deadline worry -------------------------------------------------------------
MEETING_SOON = conv(("c", "hi, i cant hear anyone in Teams calls. they can hear me though. meeting in 15 min, help"),
                    ("a", "Hi Greta, Sam here. 15 minutes is plenty, let's get your sound back. Headset or speakers?"))
BOARD_SOON = conv(("c", "presenting to the board in 20 minutes and the projector won't work!!"),
                  ("a", "We'll get you connected before your presentation. Which cable is it?"))
CALM_QUESTION = conv(("c", "how long does the upgrade take?"),
                     ("a", "You have plenty of time, it takes ten minutes."))


def test_answering_a_deadline_worry_is_empathy_only_after_an_urgent_message() -> None:
    assert detect("agent.empathy", MEETING_SOON) and detect("agent.empathy", BOARD_SOON)
    assert not detect("agent.empathy", CALM_QUESTION)  # information, not an acknowledgement


# --- v6: two reassurances that never matched ------------------------------------------------------
NOT_TECHNICAL_SORRY = ("c", "Hello, sorry to bother you. I'm not very technical. Nothing comes out of the printer.")


@pytest.mark.parametrize("reply", [
    "Hi Joan, please don't apologise, lots of people find printers confusing, and we'll fix this together.",
    "Please don’t apologize, we'll sort the printer out together.",
    "Many users find the new print menu tricky, so let's go through it together.",
])
def test_reassurances_that_normalise_the_trouble(reply: str) -> None:
    assert detect("agent.empathy", conv(NOT_TECHNICAL_SORRY, ("a", reply)))


def test_finding_something_hard_oneself_is_not_a_reassurance() -> None:
    assert not detect("agent.empathy", conv(NOT_TECHNICAL_SORRY, ("a", "I don't find it hard, just click Print.")))


# --- v7 (QA pass 10, g32): permission to feel it, and place-taking said after the feeling ----------
COURIER_DONE = ("c", "This is the third time your courier didn't show up. I'm done.")


@pytest.mark.parametrize("reply", [
    pytest.param("It's okay to be annoyed, honestly, I would be too. I've booked a redelivery for Saturday.",
                 id="g32_okay_to_be_annoyed"),
    pytest.param("You have every right to be upset about this. I've booked a redelivery for Saturday.",
                 id="every_right_to_be_upset"),
    pytest.param("Three missed deliveries? Anyone would be, in your shoes. I've booked a redelivery.",
                 id="anyone_would_be"),
    pytest.param("Fed up? Honestly, who wouldn't be? I've booked a redelivery for Saturday.", id="who_wouldnt_be"),
    pytest.param("Three no-shows is maddening. I'd be too. A redelivery is booked for Saturday.", id="id_be_too"),
])
def test_permission_and_elliptical_place_taking_are_empathy(reply: str) -> None:
    assert detect("agent.empathy", conv(COURIER_DONE, ("a", reply)))


@pytest.mark.parametrize("reply", [
    pytest.param("It's okay to be late for the redelivery, the driver will wait.", id="okay_to_be_late"),
    pytest.param("I would be too busy on Saturday, so I booked Friday.", id="would_be_too_busy"),
    pytest.param("Anyone would be able to sign for it at that address.", id="anyone_would_be_able"),
    pytest.param("It's normal to get a text from the courier first.", id="normal_to_get_a_text"),
])
def test_look_alikes_of_permission_and_place_taking_are_not(reply: str) -> None:
    assert not detect("agent.empathy", conv(COURIER_DONE, ("a", reply)))
