from datetime import datetime

from patiently.config import Settings
from patiently.model import Conversation, Message

from conftest import T0, conv, detect, evidence_text

NAME = "agent.promise"

CALL_BY_3PM = conv(("c", "The server is down."), ("a", "I'm on it. I'll call you back by 3 pm."))
EMAIL_TOMORROW = conv(("c", "Need the report."), ("a", "I will email you the update tomorrow morning."),
                      channel="email")
WITHIN_THE_HOUR = conv(("c", "any news?"), ("a", "Not yet, I'll get back to you within the hour."))
TECHNICIAN_MONDAY = conv(("c", "The screen is cracked."), ("a", "We'll have a technician there on Monday."))
SHORTLY_ON_EMAIL = conv(("c", "hi"), ("a", "I'll let you know shortly."), channel="email")
OFFER = conv(("c", "Can someone call me?"), ("a", "Would you like me to call you back this afternoon?"))
THREAT = conv(("c", "..."), ("a", "I'll close this chat if you don't respond."))
PLAIN_HELP = conv(("c", "thanks!"), ("a", "You're welcome, happy to help any time."))
NO_TIMES = Conversation("nt", (
    Message("m1", "customer", "my disk is full"),
    Message("m2", "agent", "I'll update you in 2 hours.", author="sam"),
), channel="chat")


def test_clock_time_due_in_message_timezone() -> None:
    found = detect(NAME, CALL_BY_3PM)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(CALL_BY_3PM, found[0]) == ["I'll call you back by 3 pm."]
    due = datetime.fromisoformat(found[0].data["due"])
    assert due == T0.replace(hour=15) and due.tzinfo is not None
    assert found[0].data["what"] == "call back"


def test_tomorrow_morning_email() -> None:
    found = detect(NAME, EMAIL_TOMORROW)
    assert found[0].data["what"] == "email"
    assert datetime.fromisoformat(found[0].data["due"]).date() == T0.date().replace(day=T0.day + 1)
    assert found[0].data["due_text"] == "tomorrow morning"


def test_within_the_hour() -> None:
    found = detect(NAME, WITHIN_THE_HOUR)
    assert evidence_text(WITHIN_THE_HOUR, found[0]) == ["Not yet, I'll get back to you within the hour."]
    assert found[0].data["due_seconds"] == 3600


def test_technician_on_monday() -> None:
    found = detect(NAME, TECHNICIAN_MONDAY)
    assert found[0].data["what"] == "visit"
    assert datetime.fromisoformat(found[0].data["due"]).weekday() == 0


def test_vague_promise_uses_async_default_on_email() -> None:
    found = detect(NAME, SHORTLY_ON_EMAIL)
    assert found[0].data["vague"] is True
    assert found[0].data["due_seconds"] == Settings().promise.default_async_seconds


def test_relative_due_without_sent_at() -> None:
    found = detect(NAME, NO_TIMES)
    assert found[0].data["due"] is None and found[0].data["due_seconds"] == 7200


def test_offer_is_not_a_promise() -> None:
    assert detect(NAME, OFFER) == []


def test_threat_to_close_is_not_a_promise() -> None:
    assert detect(NAME, THREAT) == []


def test_polite_reply_stays_quiet() -> None:
    assert detect(NAME, PLAIN_HELP) == []


# --- monitoring, checks at a named time, day + clock (phrasings unlike the bundled examples) --
def _promise(text: str) -> list:
    return detect("agent.promise", conv(("c", "My laptop won't boot."), ("a", text)))


def test_monitoring_promise() -> None:
    for text in ("I'll keep a close eye on the mail queue this afternoon.",
                 "We'll keep the ticket open until the replacement arrives.",
                 "I will be monitoring the backup job overnight."):
        found = _promise(text)
        assert [f.data["what"] for f in found] == ["monitor"], text


def test_check_at_a_named_time_is_a_promise_but_narration_is_not() -> None:
    found = _promise("I'll review the sign-in logs first thing Tuesday and get back to you.")
    assert found and found[0].data["due"] is not None
    assert _promise("I'll check the logs.") == []
    assert _promise("I'll connect remotely to see what's running.") == []


def test_post_in_thread_and_call_a_phone() -> None:
    found = _promise("I'll post an update in this thread by 4 pm.")
    assert found and found[0].data["what"] == "update" and found[0].data["due_text"] == "by 4 pm"
    found = _promise("I'll ring your desk phone at 14:15.")
    assert found and found[0].data["what"] == "call back"


def test_day_and_clock_together_give_that_day_at_that_time() -> None:
    found = _promise("I'll swing by your desk on Thursday at 10:30 to swap the dock.")
    assert found and found[0].data["what"] == "visit"
    due = datetime.fromisoformat(found[0].data["due"])
    assert (due.weekday(), due.hour, due.minute) == (3, 10, 30)
    assert found[0].data["due_text"] == "on Thursday at 10:30"


# --- v2: false positives seen on real chats (Ubuntu IRC, Twitter support) -------------------
HEDGED_RETURN = conv(("c", "it works now, thanks!"),
                     ("a", "ok. Ill relog. And maybe ill be back to praise your name :)"))
OWN_LUCK = conv(("c", "so the install is safe?"), ("a", "if all goes well i'll be back in a few hours, running ubuntu"))
IF_I_FIND = conv(("c", "ntfs permissions can't be set per file"),
                 ("a", "okay. i'll let you know if i find a solution within a few minutes"))
JOKE_WITHOUT_TIME = conv(("c", "i've written my rules already"), ("a", "I will fix this kernel, until it is broken."))
THEY_ARE_OTHER_PEOPLE = conv(("c", "lol everyone in that channel is so quiet"),
                             ("a", "yes, they will reply hang on. Most of them are upstream developers"))
THEY_ARE_OUR_SIDE = conv(("c", "My credit is still not showing!"),
                         ("a", "We've forwarded your concerns to a dedicated case manager. "
                               "They will follow up with you directly."), channel="social")
# Group chat: lee is being helped by kim (told what to run), so lee's "I'll be back" is lee's plan.
HELPED_PERSON_LEAVES = conv(
    ("c:dana", "my wifi drops every few minutes"),
    ("a:kim", "lee: your user is not in the admin group, run sudo adduser lee admin"),
    ("a:lee", "kim: ok I'm going to run it and I'll be back in 10 min"),
)
HELPER_LEAVES = conv(
    ("c:dana", "my wifi drops every few minutes"),
    ("a:lee", "dana: which driver do you use?"),
    ("a:kim", "dana: good idea. I'll be back in 10 min."),
)


def test_hedged_and_luck_dependent_returns_are_not_promises() -> None:
    for c in (HEDGED_RETURN, OWN_LUCK, IF_I_FIND):
        assert detect(NAME, c) == [], c.messages[-1].text


def test_fix_needs_a_time_phrase_not_a_bare_this() -> None:
    assert detect(NAME, JOKE_WITHOUT_TIME) == []
    found = _promise("I'll get this sorted in 2 days.")
    assert found and found[0].data["what"] == "fix" and found[0].data["due_seconds"] == 2 * 86400
    assert [f.data["what"] for f in _promise("We will have the laptop fixed by Friday.")] == ["fix"]


def test_they_counts_only_when_handed_over_to_our_side() -> None:
    assert detect(NAME, THEY_ARE_OTHER_PEOPLE) == []
    found = detect(NAME, THEY_ARE_OUR_SIDE)
    assert found and found[0].data["what"] == "follow up"


def test_group_chat_person_being_helped_makes_no_promise() -> None:
    assert detect(NAME, HELPED_PERSON_LEAVES) == []
    found = detect(NAME, HELPER_LEAVES)
    assert found and found[0].data["due_seconds"] == 600


def test_every_commitment_holds_the_cheap_subject() -> None:
    """The detector skips a sentence without a _CHEAP subject ("I'll", "we will", "going to") before the
    lexicon: every commitment category's match must hold one (the lexicon says each pattern needs a future
    subject). A pattern added without one would be skipped: add its subject to _CHEAP."""
    import json

    from patiently.detectors.agent_promise import _CHEAP
    from patiently.lexicon import load_lexicon
    from patiently.text import sentence_spans

    from conftest import ROOT_EXAMPLES

    texts = [
        "I'll call you back by 3 pm.", "We'll have a technician there on Monday.", "Our engineer will be there",
        "A colleague will call you back.", "someone will ring u", "I'm going to update the ticket tonight",
        "we're going to keep an eye on it", "i shall email you", "I can phone you back", "they'll get back to you",
        "Ill send you the link", "I will check it tomorrow", "We will fix it by Friday.",
        "The courier will come tomorrow.", "I'll be right back", "we will reset it within the hour",
    ]
    for path in sorted(ROOT_EXAMPLES.rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for m in json.loads(line).get("messages", []) if line.strip() else []:
                text = m.get("text") or ""
                texts += [text[s:e] for s, e in sentence_spans(text)]
    lex = load_lexicon("promise")
    found = 0
    for sent in texts:
        for m in lex.find(sent):
            if m.category != "not_promise":
                found += 1
                assert _CHEAP.search(m.text), (sent, m)
    assert found >= 16
