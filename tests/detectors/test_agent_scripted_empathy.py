import pytest

from patiently.config import Settings
from patiently.detectors.agent_scripted_empathy import names_situation
from patiently.detectors.base import DetectorContext
from patiently.detectors.registry import get, load_detectors
from patiently.model import Conversation, Finding
from patiently.pipeline import Analyzer

from conftest import conv, evidence_text

NAMES = ["customer.frustration", "agent.scripted_empathy"]


def run(conversation: Conversation) -> list[Finding]:
    """The per-conversation path, with customer.frustration (required) first."""
    ctx = DetectorContext(conversation, Settings())
    for d in load_detectors(NAMES):
        ctx.findings.extend(d.detect(conversation, ctx))
    return [f for f in ctx.findings if f.detector == get("agent.scripted_empathy").id]


CALM_CUSTOMER_STOCK = conv(
    ("c", "Could you add me to the marketing distribution list?"),
    ("a", "I understand your frustration. I've added you to the list."),
)
AFTER_THANKS = conv(
    ("c", "The Teams camera is not working."),
    ("a", "Please close Teams, unplug the camera and plug it back in."),
    ("c", "Thanks, that worked!"),
    ("a", "We value your business. Have a nice day."),
)
VALUE_LINE = conv(
    ("c", "Can I get a second monitor for my desk?"),
    ("a", "Your call is important to us. I'll order one today."),
)
FRUSTRATED_CUSTOMER = conv(
    ("c", "This is ridiculous, the VPN has dropped for the third time today!!"),
    ("a", "I understand your frustration. Let me look at the VPN logs now."),
)
SORRY_TO_HEAR_FAULT = conv(
    ("c", "My laptop screen is cracked."),
    ("a", "Sorry to hear that! I'll book a repair for tomorrow morning."),
)
OWN_WORDS = conv(
    ("c", "Could you reset my password?"),
    ("a", "Sure, I've reset it. You'll be asked to choose a new one when you log in."),
    ("c", "Thanks!"),
    ("a", "You're welcome, glad it's sorted before your trip."),
)


def test_stock_line_to_a_calm_customer() -> None:
    found = run(CALM_CUSTOMER_STOCK)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(CALM_CUSTOMER_STOCK, found[0]) == ["I understand your frustration"]
    assert found[0].data["reason"] == "customer_not_upset"


def test_stock_line_after_thanks() -> None:
    found = run(AFTER_THANKS)
    assert [f.message_id for f in found] == ["m4"]
    assert evidence_text(AFTER_THANKS, found[0]) == ["We value your business"]
    assert found[0].data["reason"] == "after_thanks"
    assert found[0].score >= 0.7


def test_corporate_line() -> None:
    found = run(VALUE_LINE)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(VALUE_LINE, found[0]) == ["Your call is important to us"]


def test_stock_line_to_a_frustrated_customer_is_not_misplaced() -> None:
    assert run(FRUSTRATED_CUSTOMER) == []


def test_sorry_to_hear_after_a_fault_report_fits() -> None:
    assert run(SORRY_TO_HEAR_FAULT) == []


def test_own_words_are_quiet() -> None:
    assert run(OWN_WORDS) == []


def _reuse(cid: str, apology: str, problem: str) -> Conversation:
    return conv(
        ("c", f"This is ridiculous, {problem} again!!"),
        ("a:sam", apology),
        ("a:sam", "I've restarted the service, could you check now?"),
        cid=cid,
    )


APOLOGY = "@cust We sincerely apologize for the frustration this has caused you. ^SK"


def test_reuse_across_conversations_through_the_batch_pass() -> None:
    convs = [
        _reuse("t1", APOLOGY, "the VPN is down"),
        _reuse("t2", "@cust2 We sincerely apologize for the frustration this has caused you. ^JD", "Outlook froze"),
        _reuse("t3", "We sincerely apologize for the frustration this has caused you!", "my printer jammed"),
        _reuse("t4", "I'm so sorry, losing the VPN right before your demo is awful.", "the VPN is down"),
    ]
    analyzer = Analyzer(detectors=load_detectors(NAMES))
    results = {r.conversation.id: r for r in analyzer.analyze_batch(convs)}
    for cid in ("t1", "t2", "t3"):
        reused = [f for f in results[cid].findings
                  if f.label == "agent.scripted_empathy" and f.data.get("reason") == "reused"]
        assert [f.message_id for f in reused] == ["m2"], cid
        assert reused[0].data["conversations"] == 3
        assert "Used word for word in 3 conversations" in reused[0].explanation
        text = evidence_text(results[cid].conversation, reused[0])[0]
        assert "We sincerely apologize for the frustration this has caused you" in text
        assert reused[0].author == "sam"
    assert not [f for f in results["t4"].findings if f.label == "agent.scripted_empathy"]


def test_two_conversations_are_not_a_script() -> None:
    convs = [
        _reuse("t1", APOLOGY, "the VPN is down"),
        _reuse("t2", APOLOGY, "Outlook froze"),
    ]
    analyzer = Analyzer(detectors=load_detectors(NAMES))
    for r in analyzer.analyze_batch(convs):
        assert not [f for f in r.findings if f.data.get("reason") == "reused"]


def test_collect_returns_normalised_sentences() -> None:
    det = get("agent.scripted_empathy")
    c = _reuse("t1", APOLOGY, "the VPN is down")
    items = det.collect(c, DetectorContext(c, Settings()))
    # Handles and sign-offs are dropped from the key; the span is the sentence in the message.
    assert items == [("we sincerely apologize for the frustration this has caused you", "m2", 0,
                      APOLOGY.index("you.") + 4, "sam")]


# --- v2: false-positive patterns found by hand-judging real Twitter support chats ------------
# customer.frustration misses short, sarcastic complaints; these customers were plainly
# unhappy or reported a fault, so the stock line fits (weak, but not misplaced).
DISPLEASED_SHORT = conv(
    ("c", "The ordering app doesn't load anymore. Lame."),
    ("a", "We shut it off for tonight's promotion. My apologies for any frustration."),
)
ANGRY_EMOJI = conv(
    ("c", "You moved my seat when I need to be at the front for a sharp exit! 😡😡"),
    ("a", "Please accept our apologies for any inconvenience the seat change has caused."),
)
FAULT_REPORT_INCONVENIENCE = conv(
    ("c", "I bought a game in the store but the download is corrupted."),
    ("a", "Sorry for the inconvenience. Do you see an error code when you open it?"),
)
SARCASTIC_THANKS = conv(
    ("c", "Thanks @airline for the huge delays back to Chicago. So thrilled to sit here for 5 hours. #thanksnothanks"),
    ("a", "We never like to hear you're disappointed. We appreciate your patience in the meantime."),
)
PLAIN_REQUEST_FRUSTRATION = conv(
    ("c", "I need your burritos in my life tonight."),
    ("a", "I'm sorry for any frustration. We turned off online ordering for the promotion."),
)


def test_stock_line_to_a_displeased_customer_is_not_misplaced() -> None:
    assert run(DISPLEASED_SHORT) == []
    assert run(ANGRY_EMOJI) == []


def test_inconvenience_apology_fits_a_fault_report() -> None:
    assert run(FAULT_REPORT_INCONVENIENCE) == []


def test_sarcastic_thanks_is_not_thanks() -> None:
    assert run(SARCASTIC_THANKS) == []


def test_frustration_apology_to_a_plain_request_is_still_misplaced() -> None:
    found = run(PLAIN_REQUEST_FRUSTRATION)
    assert [f.message_id for f in found] == ["m2"]
    assert found[0].data["reason"] == "customer_not_upset"


def _short(cid: str, author: str) -> Conversation:
    return conv(
        ("c", "My order never arrived!!"),
        (f"a:{author}", "I'm sorry to hear that. Please DM us your order number."),
        cid=cid,
    )


def _reused(convs: list[Conversation]) -> dict[str, list[Finding]]:
    analyzer = Analyzer(detectors=load_detectors(NAMES))
    return {r.conversation.id: [f for f in r.findings if f.data.get("reason") == "reused"]
            for r in analyzer.analyze_batch(convs)}


def test_a_common_short_phrase_from_different_teams_is_not_a_script() -> None:
    found = _reused([_short("t1", "amy"), _short("t2", "bob"), _short("t3", "cat")])
    assert all(v == [] for v in found.values())


def test_a_short_phrase_one_team_reuses_is_a_script() -> None:
    found = _reused([_short("t1", "amy"), _short("t2", "amy"), _short("t3", "amy"), _short("t4", "bob")])
    assert [f.data["conversations"] for cid in ("t1", "t2", "t3") for f in found[cid]] == [3, 3, 3]
    assert found["t4"] == []


# --- v3 (QA pass 7) -------------------------------------------------------------------------
NAMES_THE_SITUATION = conv(("c", "How do I reset my PIN before my trip?"),
                           ("a", "I completely understand wanting this sorted before your flight. Open Settings."))
BARE_STOCK_LINE = conv(("c", "How do I reset my PIN before my trip?"), ("a", "I completely understand. Open Settings."))


def test_v3_understanding_that_names_the_situation_is_not_stock():
    assert run(NAMES_THE_SITUATION) == []


def test_v3_bare_understanding_to_a_calm_customer_is_still_stock():
    assert run(BARE_STOCK_LINE)


# --- v6 (QA pass 19, g18): "why you're ..." / "that you've ..." names the situation too --------------------------
@pytest.mark.parametrize("draft", [
    "I completely understand why you're thinking of leaving; two weeks of daily drops when you work from home is a "
    "real problem, and we should have caught it sooner.",
    "I totally understand that you've had to chase this three times already. I've refunded it.",
    "I completely understand why you'd want this sorted before your trip next week. It's done.",
    "I completely understand that you're worried about the payment going out on Friday. It won't.",
])
def test_v6_g18_a_contracted_you_that_names_the_situation_is_not_stock(draft):
    c = conv(("c", "How do I reset my PIN before my trip?"), ("a", draft))
    assert run(c) == []
    assert names_situation(draft, draft.index("understand") + len("understand"))


@pytest.mark.parametrize("draft", [
    "I completely understand why you're upset. Open Settings.",
    "I completely understand that you're annoyed. Open Settings.",
    "I completely understand. Open Settings.",
])
def test_v6_a_contracted_you_with_nothing_specific_is_still_stock(draft):
    assert run(conv(("c", "How do I reset my PIN before my trip?"), ("a", draft)))
