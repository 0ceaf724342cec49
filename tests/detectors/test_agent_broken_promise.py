from patiently.config import Settings
from patiently.detectors.base import DetectorContext
from patiently.detectors.registry import get, order
from patiently.model import Conversation, Finding

from conftest import conv, evidence_text

REQUIRED = ("agent.promise",)


def detect(name: str, conversation: Conversation) -> list[Finding]:
    """Run the required detectors by name (not via the whole registry, which may be incomplete)."""
    ctx = DetectorContext(conversation, Settings())
    for d in order([get(n) for n in (*REQUIRED, name)]):
        ctx.findings.extend(d.detect(conversation, ctx))
    return [f for f in ctx.findings if f.detector == get(name).id]


NAME = "agent.broken_promise"
H = 3600

LATE_CALLBACK = conv(
    ("c", "The server is down."),
    ("a", "I'll get back to you within the hour.", 60),
    ("c", "any update? still waiting", 2 * H),
    ("a", "Sorry, the team is still on it.", 3 * H),
)
NEVER_CAME = conv(
    ("c", "Payroll export fails."),
    ("a", "I'll update you in 30 minutes.", 60),
    ("c", "hello? it's been two hours", 2 * H + 60),
)
KEPT = conv(
    ("c", "VPN is down."),
    ("a", "I'll get back to you within the hour.", 60),
    ("a", "Update: the VPN gateway is restarting, should be up in 10 minutes.", 50 * 60),
)
WITHIN_GRACE = conv(
    ("c", "email?"),
    ("a", "I'll update you in 30 minutes.", 0),
    ("a", "Quick update: mailbox restore is at 80%.", 40 * 60),
)
ENDED_BEFORE_DUE = conv(
    ("c", "Need a new laptop."),
    ("a", "I'll call you back tomorrow morning.", 60),
    ("c", "great, thanks!", 120),
)
NO_PROMISE = conv(("c", "hi"), ("a", "Happy to help.", 60), ("c", "any update?", 5 * H))


def test_late_follow_up_with_chaser() -> None:
    found = detect(NAME, LATE_CALLBACK)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(LATE_CALLBACK, found[0]) == ["I'll get back to you within the hour.", "any update"]
    assert found[0].data["chased_by"] == "m3"
    assert found[0].data["late_seconds"] == 3 * H - 60 - H
    assert found[0].score >= 0.8


def test_no_follow_up_while_conversation_went_on() -> None:
    found = detect(NAME, NEVER_CAME)
    assert [f.message_id for f in found] == ["m2"]
    assert found[0].data["follow_up"] is None
    assert evidence_text(NEVER_CAME, found[0])[1] == "hello?"


def test_kept_promise_is_quiet() -> None:
    assert detect(NAME, KEPT) == []


def test_follow_up_within_grace_is_quiet() -> None:
    assert detect(NAME, WITHIN_GRACE) == []


def test_conversation_ended_before_due_is_quiet() -> None:
    assert detect(NAME, ENDED_BEFORE_DUE) == []


def test_no_promise_no_finding() -> None:
    assert detect(NAME, NO_PROMISE) == []


# --- precision (v2), from hand-judged real chats ---
# "DM us your details & we'll get back to you shortly": the follow-up happens in private
DM_FIRST = conv(
    ("c:116118", "hi @Tesco your delivery driver swore at me on the answerphone"),
    ("a:Tesco", "@116118 Are you able to send us your name, address & email by DM please & we will get back "
                "to you shortly - Mike", 2 * H),
    ("c:116118", "@Tesco I spend £50 a week with you, so pretty poor apology", 2 * H + 300),
    ("a:Tesco", "@116118 We'll make sure this is addressed with the colleague concerned.", 12 * H),
    channel="social",
)
# threads exported reply by reply: the timely follow-up is listed before the promise it keeps
FOLLOW_UP_LISTED_EARLY = conv(
    ("c", "Payroll export fails.", 0),
    ("a", "Update: the export job is re-running now.", 25 * 60),
    ("a", "I'll update you in 30 minutes.", 60),
    ("c", "any news?", 3 * H),
)


def test_promise_moved_to_private_messages_is_not_judged() -> None:
    assert detect(NAME, DM_FIRST) == []


def test_follow_up_is_found_in_time_order() -> None:
    assert detect(NAME, FOLLOW_UP_LISTED_EARLY) == []
