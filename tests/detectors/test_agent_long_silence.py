import pytest

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


# --- precision (v2): waits that were not the agent's silence, from hand-judged real chats ---
H = 3600
# "thanks <nick>" and "@brand thank you very much.." are acknowledgements, not questions
THANKS_NAMING_THE_HELPER = conv(
    ("c:gautam", "Flash doesn't work in firefox"),
    ("a:akashj87", "Gautam, see the askubuntu page on flash", 1 * MIN),
    ("c:gautam", "thanks akashj87", 2 * MIN),
    ("c:gautam", "how do I enable the plugin then?", 9 * MIN),
    ("a:akashj87", "Gautam, Tools > Add-ons > Plugins", 10 * MIN),
)
TWEETED_THANKS_THEN_NEW_QUESTION = conv(
    ("c:115797", "@AirAsiaSupport my surname is wrong on the booking, can you fix it?"),
    ("a:AirAsiaSupport", "@115797 Done, see you on board!", 1 * H),
    ("c:115797", "@AirAsiaSupport thank you very much..", 1 * H + 4 * MIN),
    ("c:115797", "@AirAsiaSupport Hi! how can I see our birthdays on the itinerary?", 8 * 24 * H),
    ("a:AirAsiaSupport", "@115797 Under Manage My Booking.", 8 * 24 * H + 1 * H),
    channel="social",
)
# "I'll keep that in mind", "I'll take a look": the customer goes off to try it
GOES_OFF_TO_TRY = conv(
    ("c", "My TV shows no picture over HDMI. Should I load the proprietary drivers?"),
    ("a", "Try it, or hand-configure xorg.conf with the ignore EDID flag.", 1 * MIN),
    ("c", "Great, I'll keep that in mind!", 2 * MIN),
    ("c", "The drivers worked, but now there's no sound. Any idea?", 30 * MIN),
    ("a", "Pick the HDMI output in Sound settings.", 31 * MIN),
)
# a remark that asks nothing, the customer's own pause, then a new question answered at once
REMARK_THEN_NEW_QUESTION = conv(
    ("c", "I'll read that, it looks close to my setup."),
    ("a", "It should be, same laptop series.", 1 * MIN),
    ("c", "as a fun fact, lspci freezes my whole machine in Intel-only mode :/", 2 * MIN),
    ("c", "do you think disabling nvidia on the grub cmdline would work?", 8 * MIN),
    ("a", "It might; try nouveau.modeset=0 first.", 9 * MIN),
)
# threads exported reply by reply are not in time order: the first answer is listed last
LISTED_OUT_OF_ORDER = conv(
    ("c:115892", "@British_Airways my flight was cancelled, can I rebook on an earlier one?", 0),
    ("c:115892", "@British_Airways also: does my Sapphire status carry over?", 20 * H),
    ("a:British_Airways", "@115892 Yes, your status stays with the new booking.", 21 * H),
    ("a:British_Airways", "@115892 Yes, DM us the booking reference and we'll rebook you.", 1 * H),
    channel="social",
)
# a brand's own broadcast tweet, and a fan replying to it: nobody waits for the support account
BROADCAST_AND_REPLY_TO_SOMEONE_ELSE = conv(
    ("c:115911", "Happy Halloween! Submit your costume pics with #Contest to win a trip to London!", 0),
    ("c:116149", "@115911 This is kinda lame, I didn't even dress up", 9 * H),
    ("a:TMobileHelp", "@116149 No worries at all! Shoot me a DM and I'll dive right in!", 9 * H + 10 * MIN),
    channel="social",
)


@pytest.mark.parametrize(
    "conversation",
    [THANKS_NAMING_THE_HELPER, TWEETED_THANKS_THEN_NEW_QUESTION, GOES_OFF_TO_TRY, REMARK_THEN_NEW_QUESTION,
     LISTED_OUT_OF_ORDER, BROADCAST_AND_REPLY_TO_SOMEONE_ELSE],
    ids=["thanks-nick", "tweeted-thanks", "goes-off-to-try", "remark-then-new-question", "out-of-order",
         "broadcast"],
)
def test_waits_that_were_not_the_agents_silence(conversation: Conversation) -> None:
    assert detect(NAME, conversation) == []


# kept (and newly found) in v2: a reply to another customer does not end this customer's wait
ANSWERED_SOMEONE_ELSE_FIRST = conv(
    ("c:ann", "@brand my bill is wrong this month", 0),
    ("c:bob", "@brand the app crashes on start", 1 * H),
    ("a:brand", "@bob Please update the app to 5.2.", 1 * H + 30 * MIN),
    ("a:brand", "@ann Sorry about that, I've corrected the bill.", 6 * H),
    channel="social",
)
# a customer who asked, waited and then left is still reported
LEFT_AFTER_WAITING = conv(
    ("c", "The printer shows error 0x51, how do I fix it?"),
    ("c", "anyone?", 10 * MIN),
    ("c", "ok gotta go, I'll come back later", 15 * MIN),
)
STILL_CHASING_THE_SAME_QUESTION = conv(
    ("c", "how do I open a .wmf file?"),
    ("c", "can anyone tell me how to open a Windows Meta File (.wmf)?", 6 * MIN),
    ("a", "Try it in LibreOffice Draw.", 7 * MIN),
)


def test_reply_to_another_customer_does_not_end_the_wait() -> None:
    found = detect(NAME, ANSWERED_SOMEONE_ELSE_FIRST)
    assert [f.message_id for f in found] == ["m1"]
    assert found[0].data["waited_seconds"] == 6 * H and found[0].data["answered_by"] == "m4"


def test_customer_who_left_after_waiting() -> None:
    found = detect(NAME, LEFT_AFTER_WAITING)
    assert [f.message_id for f in found] == ["m1"]
    assert found[0].data["answered_by"] is None and found[0].data["waited_seconds"] == 15 * MIN


def test_question_asked_again_keeps_waiting() -> None:
    found = detect(NAME, STILL_CHASING_THE_SAME_QUESTION)
    assert [f.message_id for f in found] == ["m1"] and found[0].data["waited_seconds"] == 7 * MIN


# A thread exported reply by reply (TWCS): the customer's 23:35 follow-up is listed after the
# agent's reply of the next afternoon, so the last message listed is not the latest in time.
LISTED_OUT_OF_ORDER = conv(
    ("c", "Why do you charge for a meat bag?", 0),
    ("a", "We only provide bags for unpackaged meat.", 10 * MIN),
    ("a", "Our packaging is sufficient, so extra bags are charged.", 20 * 60 * MIN),
    ("c", "It does not say unwrapped raw meat anywhere! Why?", 5 * 60 * MIN),
)


def test_a_thread_listed_out_of_time_order_gives_the_same_findings_in_focus() -> None:
    """The coach's focus mode skips only a last message that is also the latest in time."""
    from patiently.pipeline import Analyzer

    analyzer = Analyzer()
    full = [f for f in analyzer.analyze(LISTED_OUT_OF_ORDER).findings if f.message_id == "m4"]
    prefix = analyzer.analyze_prefix(Conversation("c1", LISTED_OUT_OF_ORDER.messages[:-1],
                                                  channel=LISTED_OUT_OF_ORDER.channel))
    focused = [f for f in analyzer.analyze_focused(LISTED_OUT_OF_ORDER, prefix).findings if f.message_id == "m4"]
    assert any(f.label == NAME for f in full)  # waited 15 hours for the reply listed before it
    assert [f.to_dict() for f in focused] == [f.to_dict() for f in full]


def test_an_agent_reply_without_a_time_ends_the_wait() -> None:
    """A reply exported without its time still answered the customer: no silence across it."""
    from dataclasses import replace

    timed = conv(
        ("c", "My Outlook won't open. Can you help?", 0),
        ("a", "Sure, which version is it?", 1 * MIN),
        ("c", "Outlook 2019, it shows an error", 2 * MIN),
        ("a", "Thanks, please run the repair tool.", 3 * MIN),
        ("a:ana", "How did the repair go?", 45 * MIN),
    )
    untimed = Conversation(timed.id, tuple(replace(m, sent_at=None) if m.id == "m4" else m for m in timed.messages),
                           channel=timed.channel)
    assert not detect(NAME, untimed)
    gone = Conversation(timed.id, (*timed.messages[:3], timed.messages[4]), channel=timed.channel)
    assert [f.message_id for f in detect(NAME, gone)] == ["m3"]  # without the reply: 43 minutes of silence


# --- channels (v3): help-desk channel names mean a kind of wait --------------------------------
def _ticket(channel: str, source: str | None, reply_after: float) -> Conversation:
    c = conv(("c", "The shared drive asks for my password again and again."),
             ("a", "Thanks for the details. I've reset the drive mapping on your account; please sign in again.",
              reply_after), channel=channel)
    return Conversation(c.id, c.messages, channel=channel, source=source)


@pytest.mark.parametrize(("channel", "source", "after", "flagged"), [
    ("web", "zendesk", 2.6 * 3600, False),  # a web-form ticket: 24 h (was the 1 h default)
    ("phone", "freshdesk", 8 * MIN, False),  # logged from a call, answered as a ticket: 24 h (was 2 min)
    ("voice", "zendesk", 3 * 3600, False),
    ("phone_call", "intercom", 8 * MIN, True),  # a real call transcript keeps the phone limit
    ("portal", "freshdesk", 30 * 3600, True),  # over a day on a ticket is still a long silence
    ("sms", "intercom", 10 * MIN, True),  # SMS is answered like chat: 5 min
    ("Outbound Email", "freshdesk", 3 * 3600, False),
    ("carrier pigeon", None, 2 * 3600, True),  # unknown: the 1 h default
])
def test_help_desk_channel_names_get_their_kind_of_limit(channel: str, source: str | None, after: float,
                                                          flagged: bool) -> None:
    assert bool(detect(NAME, _ticket(channel, source, after))) is flagged
