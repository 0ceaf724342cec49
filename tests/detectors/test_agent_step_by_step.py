import pytest

from conftest import conv, detect, evidence_text

NAME = "agent.step_by_step"

NUMBERED = conv(
    ("c", "How do I forget a wifi network?"),
    ("a", "Sure:\n1. Open Settings\n2. Tap Wi-Fi\n3. Tap the network and choose Forget"),
)
SEQUENCED_WORDS = conv(
    ("c", "How do I add my mailbox?"),
    ("a", "First, open Outlook. Then click File. After that, choose Account Settings."),
)
ONE_STEP_PER_LINE = conv(
    ("c", "how do i fix apt"),
    ("a", "1) run sudo apt update"),
    ("a", "2) then sudo apt -f install"),
)
BULLETS = conv(
    ("c", "What should I do before the upgrade?"),
    ("a", "- Save your files\n- Close Outlook\n- Restart the laptop"),
)
BULLETED_FACTS = conv(
    ("c", "What do you need?"),
    ("a", "Here is what I have:\n- Ubuntu 22.04\n- 8 GB RAM"),
)
NARRATION = conv(
    ("c", "what did you do?"),
    ("a", "First I checked the logs, then I restarted the server."),
)
NUMBERED_QUESTIONS = conv(
    ("c", "It's broken."),
    ("a", "1) What version are you on?\n2) What error do you see?"),
)
SINGLE_POLITE_STEP = conv(("c", "it froze"), ("a", "No worries, please restart it when you have a moment."))


def test_numbered_steps() -> None:
    found = detect(NAME, NUMBERED)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(NUMBERED, found[0]) == [
        "1. Open Settings", "2. Tap Wi-Fi", "3. Tap the network and choose Forget"]
    assert found[0].data == {"steps": 3, "structure": "numbered"}


def test_sequence_words() -> None:
    found = detect(NAME, SEQUENCED_WORDS)
    assert evidence_text(SEQUENCED_WORDS, found[0]) == ["First", "Then", "After that"]
    assert found[0].data["structure"] == "words"
    assert found[0].score < detect(NAME, NUMBERED)[0].score


def test_steps_across_consecutive_chat_lines() -> None:
    found = detect(NAME, ONE_STEP_PER_LINE)
    assert [f.message_id for f in found] == ["m2"]
    assert [s.message_id for s in found[0].evidence] == ["m2", "m3"]
    assert evidence_text(ONE_STEP_PER_LINE, found[0]) == ["1) run sudo apt update", "2) then sudo apt -f install"]


def test_bulleted_instructions() -> None:
    found = detect(NAME, BULLETS)
    assert evidence_text(BULLETS, found[0]) == ["- Save your files", "- Close Outlook", "- Restart the laptop"]


def test_bulleted_facts_are_not_steps() -> None:
    assert detect(NAME, BULLETED_FACTS) == []


def test_narration_of_own_work_is_not_steps() -> None:
    assert detect(NAME, NARRATION) == []


def test_numbered_questions_are_not_steps() -> None:
    assert detect(NAME, NUMBERED_QUESTIONS) == []


def test_single_polite_instruction_stays_quiet() -> None:
    assert detect(NAME, SINGLE_POLITE_STEP) == []


# --- v2: a chain of instructions in one sentence -----------------------------------------------
@pytest.mark.parametrize("text, first", [
    ("Click Start, then open Settings, then choose Network and Internet.", "Click"),
    ("Restart the router, wait two minutes, then reconnect.", "Restart"),
    ("Please unplug the router, wait 30 seconds and plug it back in.", "unplug"),
    ("Okay, open Settings; tap Wi-Fi; forget the network.", "open"),
])
def test_v2_a_chain_of_three_instructions_in_one_sentence(text: str, first: str) -> None:
    c = conv(("c", "My wifi keeps dropping."), ("a", text))
    found = detect("agent.step_by_step", c)
    assert [f.data["steps"] for f in found] == [3]
    assert evidence_text(c, found[0])[0] == first


@pytest.mark.parametrize("text", [
    "Open the app, then sign in.",  # one instruction and a follow-up
    "Thanks, check your email, and let me know.",  # opens with no instruction
    "I restarted the server, then I checked the logs, then I called you.",  # the agent's own work
    "Let me check the logs, restart the server, then call you back.",  # the agent's own work, as "let me"
    "Go to Settings > Network > Wi-Fi and turn it off and on.",
    "Try sudo apt-get update, then install it.",
])
def test_v2_two_clauses_or_no_instruction_first_is_no_chain(text: str) -> None:
    assert detect("agent.step_by_step", conv(("c", "My wifi keeps dropping."), ("a", text))) == []


def test_v2_two_verbs_of_one_action_are_one_step() -> None:
    c = conv(("c", "How do I move it?"),
             ("a", "Use the show desktop thing in the launcher and drag and drop the window to the first screen."))
    assert detect("agent.step_by_step", c) == []  # real IRC: "drag and drop" is one action
