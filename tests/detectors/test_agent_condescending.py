import pytest

from conftest import conv, detect, evidence_text

OBVIOUS_AND_SIMPLE = conv(
    ("c", "I don't understand where the settings are."),
    ("a", "It's really simple, as anyone knows."),
)
CALM_DOWN_TO_ANGRY = conv(
    ("c", "This is RIDICULOUS, the third time this week!!!"),
    ("a", "Calm down."),
)
QUIZ = conv(
    ("c", "Where do I type the address?"),
    ("a", "You do know what a browser is, right?"),
)
ROCKET_SCIENCE = conv(
    ("c", "Sorry, can you explain the steps again?"),
    ("a", "It's not rocket science. Even a child could do it."),
)
OBVIOUSLY_YOU = conv(
    ("c", "The screen is black."),
    ("a", "Obviously you need to turn the monitor on."),
)
# --- must stay quiet ----------------------------------------------------------------
EMPATHIC_OBVIOUSLY = conv(
    ("c", "It froze again in the middle of my presentation."),
    ("a", "Obviously that's frustrating. Let's fix it now."),
)
CLEARLY_SEE = conv(
    ("c", "The sync fails."),
    ("a", "Thanks, I can clearly see the problem in the sync log. I'll fix it on our side."),
)
REASSURING_SIMPLE = conv(
    ("c", "Hi, how do I change my display name?"),
    ("a", "Good question! It's really simple: open Settings, then Profile, then Name."),
)
NO_STUPID_QUESTIONS = conv(
    ("c", "Sorry if this is a dumb question, what is a browser?"),
    ("a", "Not at all! A browser is the app you use to open websites, like Chrome or Edge."),
)


@pytest.mark.parametrize(
    ("conversation", "evidence"),
    [
        (OBVIOUS_AND_SIMPLE, ["It's really simple", "as anyone knows"]),
        (CALM_DOWN_TO_ANGRY, ["Calm down"]),
        (QUIZ, ["You do know what a browser is, right?"]),
        (ROCKET_SCIENCE, ["It's not rocket science", "Even a child could"]),
        (OBVIOUSLY_YOU, ["Obviously"]),
    ],
)
def test_condescension_is_found(conversation, evidence) -> None:
    found = detect("agent.condescending", conversation)
    assert [(f.label, f.message_id) for f in found] == [("agent.condescending", "m2")]
    assert evidence_text(conversation, found[0]) == evidence


def test_calm_down_is_worse_to_an_upset_customer() -> None:
    calm = conv(("c", "ok I will try that."), ("a", "Calm down."))
    angry = detect("agent.condescending", CALM_DOWN_TO_ANGRY)[0]
    assert angry.data["customer_upset"] and "upset customer" in angry.explanation
    assert angry.score > detect("agent.condescending", calm)[0].score


@pytest.mark.parametrize("conversation", [EMPATHIC_OBVIOUSLY, CLEARLY_SEE, REASSURING_SIMPLE, NO_STUPID_QUESTIONS])
def test_patient_replies_stay_quiet(conversation) -> None:
    assert detect("agent.condescending", conversation) == []
