import pytest

from conftest import conv, detect, evidence_text

FLAT_REFUSAL = conv(
    ("c", "Can you install Spotify on my work laptop?"),
    ("a", "I can't do that."),
)
UNSUPPORTED_DEAD_END = conv(
    ("c", "Can I connect my personal Mac to the VPN?"),
    ("a", "We don't support that. That won't work."),
)
NOT_POSSIBLE = conv(
    ("c", "Could you recover the files I deleted last year?"),
    ("a", "Sorry, that's impossible. Thanks for contacting us."),
)
NOT_ALLOWED = conv(
    ("c", "Can I plug in my own USB stick?"),
    ("a", "USB sticks are not allowed."),
)
# --- must stay quiet ----------------------------------------------------------------
BUT_YOU_CAN = conv(
    ("c", "Can I connect my personal Mac?"),
    ("a", "We don't support Macs on the VPN, but you can use the web version of every app instead."),
)
NEXT_SENTENCE_OFFER = conv(
    ("c", "Can I get a refund for the licence?"),
    ("a", "I'm not able to refund it. What I can do is extend your licence by a month."),
)
SPLIT_OVER_TWO_MESSAGES = conv(
    ("c", "Can I get a refund?"),
    ("a", "That's not possible for annual plans."),
    ("a", "However, I can switch you to monthly billing from today."),
)
REQUEST_NOT_REFUSAL = conv(
    ("c", "Here's the screenshot."),
    ("a", "I can't see your screenshot, could you resend it?"),
)
QUESTION = conv(
    ("c", "I want to move my mailbox."),
    ("a", "Is that not possible from the portal?"),
)
IDIOM = conv(
    ("c", "You keep laughing!"),
    ("a", "Sorry, I can't help it, your cat is on the webcam. Now, about that printer."),
)


@pytest.mark.parametrize(
    ("conversation", "evidence"),
    [
        (FLAT_REFUSAL, ["I can't do that"]),
        (UNSUPPORTED_DEAD_END, ["We don't support that", "That won't work"]),
        (NOT_POSSIBLE, ["that's impossible"]),
        (NOT_ALLOWED, ["not allowed"]),
    ],
)
def test_bare_negatives_are_found(conversation, evidence) -> None:
    found = detect("agent.negative_phrasing", conversation)
    assert [(f.label, f.message_id) for f in found] == [("agent.negative_phrasing", "m2")]
    assert evidence_text(conversation, found[0]) == evidence
    assert "instead" in found[0].explanation


@pytest.mark.parametrize(
    "conversation", [BUT_YOU_CAN, NEXT_SENTENCE_OFFER, SPLIT_OVER_TWO_MESSAGES, REQUEST_NOT_REFUSAL, QUESTION, IDIOM]
)
def test_negatives_with_an_alternative_stay_quiet(conversation) -> None:
    assert detect("agent.negative_phrasing", conversation) == []


# --- chat refusals with the subject dropped -----------------------------------------------
NO_SUBJECT_REFUSAL = conv(
    ("c", "The meeting room screen shows no signal again."),
    ("a", "Ugh, that room. Cannot do much from here."),
)
NICK_NO_SUBJECT = conv(
    ("c", "how do I get my old emails back from the dead mailbox?"),
    ("a:kim", "jo: sorry, can't help with that"),
)
NO_SUBJECT_WITH_OFFER = conv(
    ("c", "Can you unlock my account remotely?"),
    ("a", "Can't do that from the chat tool, but I can call you and unlock it in two minutes."),
)
CANT_HELP_BUT = conv(
    ("c", "I renamed the file to final_final_v3.docx."),
    ("a", "Ha, can't help but smile at that name. Let's restore the earlier version."),
)
THIRD_PERSON = conv(
    ("c", "Why does the installer stop?"),
    ("a", "The installer can't do anything without admin rights, so I've added you to the admins group."),
)


def test_subject_dropped_refusals_are_found() -> None:
    for c, ev in ((NO_SUBJECT_REFUSAL, ["Cannot do much"]), (NICK_NO_SUBJECT, ["sorry, can't help with"])):
        found = detect("agent.negative_phrasing", c)
        assert [f.message_id for f in found] == ["m2"]
        assert evidence_text(c, found[0]) == ev


def test_subject_dropped_near_misses_stay_quiet() -> None:
    for c in (NO_SUBJECT_WITH_OFFER, CANT_HELP_BUT, THIRD_PERSON):
        assert detect("agent.negative_phrasing", c) == [], c.messages[-1].text


# --- false-positive classes from hand-judged IRC/Twitter findings ----------------------------
CONDITIONAL = conv(
    ("c", "my error output is huge, what now?"),
    ("a", "If one line is not possible, paste it in several messages."),
)
OWN_SETUP = conv(
    ("c", "Is your sound working on 9.04?"),
    ("a", "yeah, but my soundcard is not supported either."),
)
THIRD_PARTY_PRODUCT = conv(
    ("c", "Lightroom won't open my raw files."),
    ("a", "It is a new camera and is not supported in Lightroom 6 as of now."),
)
ADJECTIVE = conv(
    ("c", "Should I add this PPA?"),
    ("a", "Careful: PPAs are unsupported third-party packages."),
)
EXCLAMATION = conv(
    ("c", "I had to reinstall three times today."),
    ("a", "no way....jeesh"),
)
SPEAKER_OWN_REFUSAL = conv(
    ("c", "Maybe reinstall and see?"),
    ("a", "Well, there's no way I'm reinstalling."),
)
CHANNEL_REFERRAL = conv(
    ("c", "How do I recover files on Windows 10?"),
    ("a", "Windows is not supported here, try ##windows."),
)
FEEDBACK_PASSED_ON = conv(
    ("c", "No HDMI mirroring? I'm cancelling."),
    ("a", "HDMI mirroring isn't supported at this time, but we'll be sure to share the interest with our team."),
)
INSTRUCTION_BEFORE = conv(
    ("c", "ultamatix broke my system."),
    ("a", "Just reinstall. There's no way to get rid of the damage."),
)
UNLESS = conv(
    ("c", "Can I drag windows between the two screens?"),
    ("a", "That is not possible unless you set them up as separate X screens."),
)


@pytest.mark.parametrize(
    "conversation",
    [CONDITIONAL, OWN_SETUP, THIRD_PARTY_PRODUCT, ADJECTIVE, EXCLAMATION, SPEAKER_OWN_REFUSAL,
     CHANNEL_REFERRAL, FEEDBACK_PASSED_ON, INSTRUCTION_BEFORE, UNLESS],
    ids=["conditional", "own_setup", "third_party_product", "adjective", "exclamation",
         "speaker_own_refusal", "channel_referral", "feedback_passed_on", "instruction_before", "unless"],
)
def test_real_data_false_positives_stay_quiet(conversation) -> None:
    assert detect("agent.negative_phrasing", conversation) == [], conversation.messages[-1].text


def test_real_data_refusals_are_still_found() -> None:
    for text, ev in (("That is not supported in this channel.", ["is not supported"]),
                     ("7.10 is not supported anymore", ["is not supported"]),
                     ("there is no way to fix it", ["there is no way"]),
                     ("sorry i can't help", ["i can't help"])):
        c = conv(("c", "Can you help me with this?"), ("a", text))
        found = detect("agent.negative_phrasing", c)
        assert [f.message_id for f in found] == ["m2"], text
        assert evidence_text(c, found[0]) == ev, text


# --- v3 (QA pass 12) -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("draft", "evidence"),
    [
        ("You can't get a refund unless you send the receipt. No receipt, no refund. Don't send photos, we don't "
         "accept them.", ["No receipt, no refund.", "we don't accept"]),
        ("No ticket number, no support!", ["No ticket number, no support!"]),
        ("We do not accept returns.", ["We do not accept"]),
    ],
)
def test_v3_slogan_and_we_dont_accept(draft, evidence) -> None:
    c = conv(("c", "How do I get a refund for the broken kettle?"), ("a", draft))
    found = detect("agent.negative_phrasing", c)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(c, found[0]) == evidence


@pytest.mark.parametrize(
    "draft",
    [
        "No rush, and no receipt needed: a photo of the box is fine.",
        "No rush, no pressure. Take your time.",
        "Try pure WPA2 only. No TKIP, no mixed mode.",
        "We don't accept cheques, but you can pay by card or bank transfer.",
    ],
)
def test_v3_reassurance_instructions_and_alternatives_stay_quiet(draft) -> None:
    c = conv(("c", "How do I get a refund for the broken kettle?"), ("a", draft))
    assert detect("agent.negative_phrasing", c) == []


# v4 (QA pass 13, tone_alternatives v3): "I'd be happy to ..." offers the alternative, also in the next sentence.
@pytest.mark.parametrize(
    "draft",
    [
        pytest.param("I'm sorry, I won't be able to extend the free trial again, since it has already been extended "
                     "once. If budget is the concern, our Starter plan is 50% off for the first three months for "
                     "nonprofits, and I'd be happy to apply that for you.", id="g33_happy_to_apply"),
        pytest.param("We can't refund a used voucher. We'd be glad to swap it for one at another branch, though.",
                     id="glad_to_swap"),
    ],
)
def test_v4_a_refusal_with_an_offer_in_the_next_sentence_stays_quiet(draft) -> None:
    c = conv(("c", "Can you extend my trial again? We're a small charity and can't pay yet."), ("a", draft))
    assert detect("agent.negative_phrasing", c) == []


@pytest.mark.parametrize(
    "draft",
    [
        pytest.param("I won't be able to extend the free trial again. I'd be happy to hear from you next year.",
                     id="happy_to_hear_is_no_alternative"),
        pytest.param("I won't be able to extend the free trial again.", id="bare_refusal"),
    ],
)
def test_v4_a_refusal_without_an_alternative_is_still_found(draft) -> None:
    c = conv(("c", "Can you extend my trial again? We're a small charity and can't pay yet."), ("a", draft))
    assert [f.message_id for f in detect("agent.negative_phrasing", c)] == ["m2"]


# v5 (QA passes 16-17, lexicon v3): the way forward as a condition someone can meet in the next sentence, or what
# works instead, named; a negated condition is a threat and no way forward.
@pytest.mark.parametrize(
    "draft",
    [
        pytest.param("We can't accept the photo as it is, because the background has a shadow behind your head. If you "
                     "send a new photo through the online tracker by Friday, your application keeps its place in the "
                     "queue.", id="qa16_g27_if_you_send"),
        pytest.param("I can't install software on classroom PCs without an approved request. For tomorrow's call, the "
                     "Zoom web version works in Chrome on those PCs without installing anything.",
                     id="qa16_g30_web_version_works"),
        pytest.param("I can't reset the MFA for another staff member's account from here. If your colleague emails "
                     "it-help from their own address, we'll sort it within the hour.", id="qa17_g24_if_colleague"),
        pytest.param("I can't change the payee myself. Once the account holder calls us, we can do it straight away.",
                     id="once_the_holder_calls"),
        pytest.param("We can't process the refund yet. As soon as you upload the receipt, it will go through the same "
                     "day.", id="as_soon_as_you_upload"),
    ],
)
def test_v5_a_refusal_with_a_way_forward_in_the_next_sentence_stays_quiet(draft) -> None:
    c = conv(("c", "Can you sort this out for me today?"), ("a", draft))
    assert detect("agent.negative_phrasing", c) == []


@pytest.mark.parametrize(
    "draft",
    [
        pytest.param("We can't accept the photo. If you don't send a new one by Friday, we'll close your application.",
                     id="negated_condition_is_a_threat"),
        pytest.param("I can't extend the trial. Nothing works after the expiry date.", id="nothing_works"),
        pytest.param("I can't reset the MFA for another staff member. If you ask again, the answer is the same.",
                     id="if_you_ask_again_no_outcome"),
    ],
)
def test_v5_a_refusal_without_a_way_forward_is_still_found(draft) -> None:
    c = conv(("c", "Can you sort this out for me today?"), ("a", draft))
    assert [f.message_id for f in detect("agent.negative_phrasing", c)] == ["m2"]
