import pytest

from conftest import conv, detect, evidence_text

OBFUSCATED_SWEAR = conv(
    ("c", "The laptop won't boot."),
    ("a", "What the f*ck did you do to it? This sh!t again."),
)
SHOUTING = conv(
    ("c", "I didn't get the instructions."),
    ("a", "READ THE EMAIL I SENT YOU"),
)
SARCASM = conv(
    ("c", "I'll just fix it myself then."),
    ("a", "Yeah right, good luck with that."),
)
INSULT_AND_BANGS = conv(
    ("c", "What's the difference between RAM and storage?"),
    ("a", "That's a stupid question!!!"),
)
WHATEVER = conv(
    ("c", "I still think the update broke it."),
    ("a", "Whatever."),
)
# --- must stay quiet ----------------------------------------------------------------
ACRONYMS = conv(
    ("c", "No internet."),
    ("a", "Please check the DNS and VPN settings, then open the SSO portal over HTTPS."),
)
HAPPY_BANGS = conv(
    ("c", "It works now!"),
    ("a", "Great, glad it works now!!!"),
)
LINUX_WORDS = conv(
    ("c", "My disk is corrupted."),
    ("a", "Run fsck on the drive from a shell; dependency hell is real with that package."),
)
POLITE = conv(
    ("c", "Sorry, is this a stupid question?"),
    ("a", "There are no stupid questions! Whatever works best for you is fine."),
)
NICKNAME = conv(
    ("c:idiot", "how do I mount a drive?"),
    ("a", "idiot: create the mount point first, then mount it."),
)


@pytest.mark.parametrize(
    ("conversation", "evidence", "kinds"),
    [
        (OBFUSCATED_SWEAR, ["f*ck", "sh!t"], ["profanity"]),
        (SHOUTING, ["READ THE EMAIL I SENT YOU"], ["shouting"]),
        (SARCASM, ["Yeah right", "good luck with that"], ["sarcasm"]),
        (INSULT_AND_BANGS, ["stupid question", "!!!"], ["exclamation", "insult"]),
        (WHATEVER, ["Whatever"], ["sarcasm"]),
    ],
)
def test_unprofessional_language_is_found(conversation, evidence, kinds) -> None:
    found = detect("agent.unprofessional", conversation)
    assert [(f.label, f.message_id) for f in found] == [("agent.unprofessional", "m2")]
    assert evidence_text(conversation, found[0]) == evidence
    assert found[0].data["kinds"] == kinds


def test_more_kinds_score_higher() -> None:
    assert detect("agent.unprofessional", INSULT_AND_BANGS)[0].score > 0.9


@pytest.mark.parametrize("conversation", [ACRONYMS, HAPPY_BANGS, LINUX_WORDS, POLITE, NICKNAME])
def test_professional_replies_stay_quiet(conversation) -> None:
    assert detect("agent.unprofessional", conversation) == []
