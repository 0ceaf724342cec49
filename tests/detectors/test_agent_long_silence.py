from patiently.config import Settings
from patiently.detectors.base import DetectorContext
from patiently.detectors.registry import get, order
from patiently.model import Conversation, Finding

from conftest import conv, evidence_text

REQUIRED = ("agent.progress_update", "agent.promise")


def detect(name: str, conversation: Conversation) -> list[Finding]:
    """Run the required detectors by name (not via the whole registry, which may be incomplete)."""
    ctx = DetectorContext(conversation, Settings())
    for d in order([get(n) for n in (*REQUIRED, name)]):
        ctx.findings.extend(d.detect(conversation, ctx))
    return [f for f in ctx.findings if f.detector == get(name).id]


NAME = "agent.long_silence"
MIN = 60

TWENTY_MINUTES = conv(
    ("c", "My Outlook won't open."),
    ("a", "Let's sort it. Which version are you on?", 1 * MIN),
    ("c", "Outlook 2019", 2 * MIN),
    ("a:ana", "Thanks. Please run the repair tool.", 22 * MIN),
)
AFTER_WORKING = conv(
    ("c", "Network is down"),
    ("a", "I'm checking the switch logs now.", 1 * MIN),
    ("c", "ok", 2 * MIN),
    ("c", "hello?", 30 * MIN),
    ("a", "Found it: a loop on port 12.", 40 * MIN),
)
UNANSWERED_CHASE = conv(
    ("c", "Can't print."),
    ("a", "Try restarting the printer.", 1 * MIN),
    ("c", "did that, still nothing", 2 * MIN),
    ("c", "anyone?", 30 * MIN),
)
QUICK_REPLIES = conv(
    ("c", "Can't print."),
    ("a", "Sorry about that! Which printer?", 1 * MIN),
    ("c", "the one on floor 2", 2 * MIN),
    ("a", "Thanks, checking it now.", 3 * MIN),
    ("a", "Fixed: the queue was stuck.", 6 * MIN),
)
CUSTOMER_AWAY = conv(
    ("c", "VPN fails at home."),
    ("a", "Please reinstall the client.", 1 * MIN),
    ("c", "ok, I'll try it tonight and let you know", 2 * MIN),
    ("c", "reinstalled, works!", 600 * MIN),
    ("a", "Great to hear!", 601 * MIN),
)
PROMISE_KEPT = conv(
    ("c", "Mailbox full"),
    ("a", "I'll get back to you within the hour.", 1 * MIN),
    ("a", "Done: I've archived old mail and you have 2 GB free.", 45 * MIN),
)
EMAIL_SAME_DAY = conv(
    ("c", "Please reset my token."),
    ("a", "Done, the new token is in your inbox.", 5 * 3600),
    channel="email",
)


def test_customer_waited_twenty_minutes_in_chat() -> None:
    found = detect(NAME, TWENTY_MINUTES)
    assert [f.message_id for f in found] == ["m3"]
    assert evidence_text(TWENTY_MINUTES, found[0]) == ["Outlook 2019"]
    assert found[0].data["waited_seconds"] == 20 * MIN and found[0].data["threshold"] == 300
    assert found[0].author == "ana" and found[0].score > 0.9


def test_wait_after_agent_said_it_was_working() -> None:
    found = detect(NAME, AFTER_WORKING)
    assert [f.message_id for f in found] == ["m2"]
    assert found[0].data["after_update"] is True and found[0].data["waited_seconds"] == 39 * MIN


def test_unanswered_customer_who_chased() -> None:
    found = detect(NAME, UNANSWERED_CHASE)
    assert [f.message_id for f in found] == ["m3"]
    assert found[0].data["answered_by"] is None and found[0].author == "sam"


def test_quick_replies_stay_quiet() -> None:
    assert detect(NAME, QUICK_REPLIES) == []


def test_customer_said_they_would_come_back() -> None:
    assert detect(NAME, CUSTOMER_AWAY) == []


def test_announced_return_that_was_kept() -> None:
    assert detect(NAME, PROMISE_KEPT) == []


def test_email_threshold_is_longer() -> None:
    assert detect(NAME, EMAIL_SAME_DAY) == []
