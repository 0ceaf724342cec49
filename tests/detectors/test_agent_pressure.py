import pytest

from patiently.model import Conversation, Message

from conftest import conv, detect, evidence_text

NAME = "agent.pressure"

ULTIMATUM = conv(("c", "hang on"), ("a", "I'll close this chat if you don't respond in 5 minutes."))
FAST_NUDGE = conv(
    ("c", "It shows error 0x51", 0),
    ("a", "Please restart the spooler service.", 10),
    ("a", "Are you there??", 40),
)
HURRY = conv(("c", "um, which button?"), ("a", "The blue one. I don't have all day, I have other customers."))
SLOW_CHECK_IN = conv(
    ("c", "ok trying", 0),
    ("a", "Take your time.", 10),
    ("a", "Are you still there? No rush.", 600),
)
PATIENT = conv(("c", "sorry I'm slow"), ("a", "No hurry at all, take all the time you need."))
SELF_QUICK = conv(("c", "is it the cable?"), ("a", "Let me quickly check that for you."))
NUDGE_AFTER_CUSTOMER = conv(("c", "hello?", 0), ("a", "Hello? Yes, I'm here!", 5))
UNTIMED_NUDGE = Conversation("u", (
    Message("m1", "customer", "printer broken"),
    Message("m2", "agent", "Restart it.", author="sam"),
    Message("m3", "agent", "you there?", author="sam"),
), channel="chat")


def test_ultimatum() -> None:
    found = detect(NAME, ULTIMATUM)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(ULTIMATUM, found[0]) == ["I'll close this chat if you don't"]
    assert found[0].data["kind"] == "ultimatum"


def test_nudge_right_after_own_message() -> None:
    found = detect(NAME, FAST_NUDGE)
    assert [f.message_id for f in found] == ["m3"]
    assert evidence_text(FAST_NUDGE, found[0]) == ["Are you there"]
    assert found[0].score >= 0.8


def test_hurry_phrases() -> None:
    found = detect(NAME, HURRY)
    assert evidence_text(HURRY, found[0]) == ["I don't have all day", "I have other customers"]


def test_untimed_nudge_scores_low() -> None:
    found = detect(NAME, UNTIMED_NUDGE)
    assert [f.message_id for f in found] == ["m3"] and found[0].score < 0.5


def test_check_in_after_a_real_pause_is_fine() -> None:
    assert detect(NAME, SLOW_CHECK_IN) == []


def test_patient_reply_stays_quiet() -> None:
    assert detect(NAME, PATIENT) == []


def test_agent_quick_about_itself_is_fine() -> None:
    assert detect(NAME, SELF_QUICK) == []


def test_hello_answering_the_customer_is_not_a_nudge() -> None:
    assert detect(NAME, NUDGE_AFTER_CUSTOMER) == []


# --- precision: phrases that only look like pressure --------------------------------
REOPEN_OFFER = conv(
    ("c", "That sorted it, the scanner emails PDFs again. Thanks!"),
    ("a", "Great! I'll close this case now; just reply here if it ever comes back."),
)
DESCRIBES_SPEED = conv(("c", "is the new laptop any good?"), ("a", "It boots really fast and the SSD copes fine."))
HELP_YOU_THERE = conv(("c", "what about my Mac?", 0), ("a", "No idea.", 5), ("a", "Sorry, I can't help you there.", 15))
IF_IN_A_HURRY = conv(("c", "I need the report tonight"), ("a", "If you're in a hurry, the web version works now."))
ANSWERS_A_PROMPT = conv(("c", "the installer keeps asking me"), ("a", "Add -y: it will answer the question with yes."))
SERVICE_ASAP = conv(("c", "episodes missing!"), ("a", "Our team is on it and will restore them ASAP!"))


# v2, from hand-judged real chats: exasperation at what the customer said, and a pointer back
COME_ON_REACTION = conv(("c", "you people are too excited about the new release"), ("a", "We're Linux geeks. Come on."))
POINTS_BACK = conv(
    ("c", "I use breezy. Does this still apply to me?"),
    ("a", "yes, just do what I said last comment"),
)


@pytest.mark.parametrize(
    "conversation",
    [REOPEN_OFFER, DESCRIBES_SPEED, HELP_YOU_THERE, IF_IN_A_HURRY, ANSWERS_A_PROMPT, SERVICE_ASAP,
     COME_ON_REACTION, POINTS_BACK],
)
def test_near_misses_stay_quiet(conversation) -> None:
    assert detect(NAME, conversation) == []


@pytest.mark.parametrize(
    ("conversation", "kind", "quote"),
    [
        (conv(("c", "which log?"), ("a", "The one I said. Send it over asap.")), "quick_request", "Send it over asap"),
        (conv(("c", "er", 0), ("a", "Open a terminal.", 5), ("a", "lee, you there yet?", 20)), "nudge",
         "lee, you there yet?"),
        (conv(("c", "I think so"), ("a", "Will you please just answer my question")), "hurry",
         "just answer"),
        (conv(("c", "one moment"), ("a", "We'll have to end this session unless you reply within 2 minutes.")),
         "ultimatum", "We'll have to end this session unless"),
    ],
)
def test_new_phrasings_are_found(conversation, kind, quote) -> None:
    found = detect(NAME, conversation)
    assert len(found) == 1 and found[0].data["kind"] == kind
    assert quote in evidence_text(conversation, found[0])[0]


# --- "... or we will close" ultimatums ------------------------------------------------------
OR_WE_CLOSE = conv(("c", "I'll check with my manager"), ("a", "Please reply ASAP or we will close the ticket."))
OTHERWISE_GETS_CLOSED = conv(
    ("c", "Still testing the new driver."),
    ("a", "Let us know by 3pm, otherwise this case will be closed automatically."),
)
OR_ELSE_I_END = conv(("c", "one sec, looking for the cable"), ("a", "Answer now or else I'm going to end this chat."))
COURTESY_CLOSE = conv(
    ("c", "That fixed it, thanks!"),
    ("a", "Great! Reply if you still need help, otherwise we'll close the ticket on Friday."),
)
OR_IN_A_REQUEST = conv(("c", "It still fails."), ("a", "Reply with the log file or a screenshot, whichever is easier."))


@pytest.mark.parametrize(
    ("conversation", "evidence"),
    [
        (OR_WE_CLOSE, "reply ASAP or we will close"),
        (OTHERWISE_GETS_CLOSED, "Let us know by 3pm, otherwise this case will be closed"),
        (OR_ELSE_I_END, "Answer now or else I'm going to end"),
    ],
)
def test_or_we_close_ultimatums(conversation, evidence) -> None:
    found = detect(NAME, conversation)
    assert [f.message_id for f in found] == ["m2"]
    assert found[0].data["kind"] == "ultimatum"
    assert evidence in evidence_text(conversation, found[0])


def test_courtesy_close_and_plain_or_stay_quiet() -> None:
    assert detect(NAME, COURTESY_CLOSE) == []
    assert detect(NAME, OR_IN_A_REQUEST) == []


def test_come_on_while_waiting_for_the_customer_is_still_hurry() -> None:
    hurry = conv(("c", "which one?", 0), ("a", "The blue cable.", 5), ("a", "Come on.", 20))
    found = detect(NAME, hurry)
    assert [f.message_id for f in found] == ["m3"] and found[0].data["kind"] == "hurry"


# v3 (QA pass 5): "I need you to ... right now" asks the customer to hurry; "I'll ... right now" does not.
NEED_YOU_NOW = conv(("c", "Which file?"), ("a", "I need you to do this right now, please."))
I_WILL_NOW = conv(("c", "Can you send the form?"), ("a", "Sure, I'll send it right now."))


def test_need_you_right_now_is_pressure() -> None:
    assert [f.message_id for f in detect("agent.pressure", NEED_YOU_NOW)] == ["m2"]
    assert detect("agent.pressure", I_WILL_NOW) == []


# --- v4 (QA pass 7) -------------------------------------------------------------------------
DEMANDED_ANSWER_DEADLINE = conv(("c", "I'm checking"),
                                ("a", "I need an answer in the next five minutes or I'm closing this ticket."))
ANSWER_IN_MINUTES_NO_THREAT = conv(("c", "when will it be done?"), ("a", "I should have an answer in five minutes."))


def test_v4_demanded_answer_with_spelled_out_deadline():
    assert detect(NAME, DEMANDED_ANSWER_DEADLINE)


def test_v4_agent_promising_an_answer_is_not_pressure():
    assert detect(NAME, ANSWER_IN_MINUTES_NO_THREAT) == []


@pytest.mark.parametrize("text", [
    "I need an answer today or I'm closing this ticket.",
    "Hi, we need you to reply within the hour, otherwise we cannot guarantee your booking. Thanks!",
    "Please confirm by 5pm today, or we will cancel the order.",
])
def test_v5_any_deadline_then_a_threat_or_a_loss(text: str) -> None:
    # QA pass 10 (b05, b39): the deadline is "today" / "within the hour", the threat a close or a loss
    found = detect(NAME, conv(("c", "I'm not sure which one to pick."), ("a", text)))
    assert [f.data["kind"] for f in found] == ["ultimatum"]


@pytest.mark.parametrize("text", [
    "If you can reply within the hour I can still hold the booking for you.",
    "Let me know today if you still need help, otherwise I'll close the ticket on Friday.",
    "Reply today or tomorrow, whatever suits you.",
])
def test_v5_deadline_without_a_threat_is_quiet(text: str) -> None:
    assert detect(NAME, conv(("c", "I'm not sure which one to pick."), ("a", text))) == []


# --- v6 (QA pass 11): the threat is to treat the case as solved ----------------------------

@pytest.mark.parametrize("text", [
    # b28
    "Just a friendly reminder that we will need your answer by end of day, otherwise we will assume the issue "
    "is resolved and close it.",
    "Please reply by 5pm, otherwise we'll consider the ticket resolved.",
    "We need a response today or we will mark this case as solved.",
])
def test_v6_deadline_or_we_assume_it_is_resolved(text: str) -> None:
    c = conv(("c", "I'll check with my manager tomorrow and get back to you."), ("a", text))
    found = detect("agent.pressure", c)
    assert [f.label for f in found] == ["agent.pressure"], text


@pytest.mark.parametrize("text", [
    "Let me know by Friday if you still need help; otherwise we'll assume it's resolved.",
    "No rush, get back to me whenever suits you; we'll keep the ticket open until then.",
    "If the fix works, we'll consider the ticket resolved; otherwise just reply here.",
])
def test_v6_courtesy_closings_stay_quiet(text: str) -> None:
    c = conv(("c", "I'll check with my manager tomorrow and get back to you."), ("a", text))
    assert detect("agent.pressure", c) == [], text


# --- v7 (QA pass 12) -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("draft", "evidence"),
    [
        # v16 (QA pass 23): the offer running out within minutes is hard_sell evidence too
        ("The offer expires in 10 minutes and I can't hold it forever.",
         ["The offer expires in 10 minutes", "I can't hold it forever"]),
        ("We won't hold the deal all day.", ["We won't hold the deal all day"]),
    ],
)
def test_v7_cant_hold_it_forever(draft, evidence) -> None:
    c = conv(("c", "Can I think about which package to pick?"), ("a", draft))
    found = detect("agent.pressure", c)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(c, found[0]) == evidence


def test_v7_holding_it_as_long_as_needed_stays_quiet() -> None:
    c = conv(("c", "Can I think about which package to pick?"),
             ("a", "Take as long as you need; I'll hold the offer for you until Friday."))
    assert detect("agent.pressure", c) == []


# --- v8 (QA pass 13, b39): hard_sell ---------------------------------------------------------------
@pytest.mark.parametrize("draft, evidence", [
    ("You need to decide today, the offer ends at midnight and I won't be able to hold it for you. "
     "Many customers regret waiting.", ["You need to decide today", "Many customers regret waiting"]),
    ("You have to choose by midnight.", ["You have to choose by midnight"]),
    ("Honestly, you'll regret it if you wait.", ["you'll regret it"]),
])
def test_v8_hard_sell(draft, evidence) -> None:
    c = conv(("c", "I need to talk to my wife before switching to the fiber plan."), ("a", draft))
    found = detect("agent.pressure", c)
    assert [f.data["kind"] for f in found] == ["hard_sell"]
    assert evidence_text(c, found[0]) == evidence


@pytest.mark.parametrize("draft", [
    "You don't need to decide today; the offer ends at midnight, but take the time you need.",
    "Just so you know, the offer ends at midnight.",
    "You need to book by Friday to get delivery before Christmas.",
    "Many customers regret not backing up their files, so I've turned on automatic backups for you.",
    "You will not regret it, the fiber plan is much faster.",
])
def test_v8_a_deadline_as_information_is_not_hard_sell(draft) -> None:
    c = conv(("c", "I need to talk to my wife before switching to the fiber plan."), ("a", draft))
    assert detect("agent.pressure", c) == []


@pytest.mark.parametrize("draft", ["You'll need to decide today.", "You’d better sign up tonight.",
                                   "You had better choose by midnight."])
def test_v8_hard_sell_with_contractions(draft) -> None:
    found = detect("agent.pressure", conv(("c", "Can I think about it?"), ("a", draft)))
    assert [f.data["kind"] for f in found] == ["hard_sell"]


# --- v11 (QA pass 18, b04 and b18): advice to decide now, an offer that ends with the agent, patience running out,
# an answer demanded by a clock time with no reason ------------------------------------------------------------
@pytest.mark.parametrize("customer, draft, kinds", [
    ("I'm still deciding between the Pro and Business plans, can I get back to you next week?",
     "I'd strongly advise you to decide today. This price is only guaranteed until I log off, and I can't keep holding "
     "your quote while you think it over.", ["hard_sell", "hurry"]),
    ("I'll need to check with my finance team before approving the licence renewal.",
     "I need an answer by 5pm today. I've got a lot of other accounts to get through, so I can't keep chasing you on "
     "this.", ["hurry", "quick_request"]),
    ("Can I think about it?", "I'd really recommend deciding now.", ["hard_sell"]),
    ("Can I think about it?", "The discount is valid only while we're on this call.", ["hard_sell"]),
    ("Can I think about it?", "This offer ends when I hang up.", ["hard_sell"]),
    ("Can I think about it?", "The deal is only on the table while I'm still on the line.", ["hard_sell"]),
    ("I'll check with finance.", "We can't keep waiting on you for this.", ["hurry"]),
    ("I'll check with finance.", "We need your decision by end of day.", ["quick_request"]),
    ("I'll check with finance.", "I have other customers waiting, so please decide.", ["hurry"]),
])
def test_v11_b04_b18_rushing_a_decision(customer, draft, kinds) -> None:
    found = detect("agent.pressure", conv(("c", customer), ("a", draft)))
    assert len(found) == 1
    assert found[0].data["kinds"] == kinds


@pytest.mark.parametrize("draft", [
    "Please reply by Friday so I can book the engineer.",
    "I need your confirmation by 3pm so I can book the engineer for tomorrow morning.",
    "This price is guaranteed until 31 March, so take the time you need.",
    "I'd recommend deciding once you've checked with finance; the quote is valid for 30 days.",
    "I'd recommend deciding today if you want it delivered before the holidays.",
    "I can't keep chasing the courier myself, so I've escalated it to their manager.",
    "We have other customers with the same issue, so it's being looked at.",
    "I'll keep holding your quote while you think it over, no rush.",
    "Of course. The quote is valid for 30 days; just reply here when you've decided.",
])
def test_v11_deadlines_with_a_reason_and_patient_holds_stay_quiet(draft) -> None:
    assert detect("agent.pressure", conv(("c", "Can I think about it and get back to you?"), ("a", draft))) == []


# v12 (QA pass 19, g01): someone else waiting on the customer is sympathy; the agent waiting is hurry
@pytest.mark.parametrize("draft", [
    "I'm really sorry. Being locked out three times in one week, with payroll waiting on you, is maddening.",
    "I know your team is waiting on you, so I've moved this to the top of my list.",
    "The whole office has been waiting on you all morning, I'm sorry this took so long.",
    "With three clients waiting on you, I'll keep this short: the fix is below.",
])
def test_v12_g01_someone_else_waiting_on_the_customer_stays_quiet(draft) -> None:
    assert detect(NAME, conv(("c", "Locked out AGAIN, I have payroll to run."), ("a", draft))) == []


@pytest.mark.parametrize("draft", [
    "I'm still waiting on you. Please send the file.",
    "Waiting on you.",
    "We're waiting on you to send the log.",
    "Still waiting on you here.",
])
def test_v12_the_agent_waiting_on_the_customer_is_hurry(draft) -> None:
    found = detect(NAME, conv(("c", "one sec"), ("a", draft)))
    assert len(found) == 1 and found[0].data["kind"] == "hurry"


# v12 (QA pass 19, b14): the demanded reply is the thing itself, and the loss may be starting over
@pytest.mark.parametrize("draft, evidence", [
    ("We need it within the hour, otherwise I'll have to close the case and you'll need to start again.",
     "We need it within the hour, otherwise I'll have to close"),
    ("We need the photo by 5pm, otherwise you'll need to start again.",
     "We need the photo by 5pm, otherwise you'll need to start again"),
    ("I need that screenshot today or I'm closing the ticket.", "I need that screenshot today or I'm closing"),
    ("We need the serial number within the hour, or the case will be closed.",
     "We need the serial number within the hour, or the case will be closed"),
])
def test_v12_b14_the_thing_demanded_by_a_deadline_or_closing(draft, evidence) -> None:
    c = conv(("a", "Please send a photo of the serial number sticker."),
             ("c", "I'm at work until 7, can I send it tonight?"), ("a", draft))
    found = detect(NAME, c)
    assert len(found) == 1 and found[0].data["kind"] == "ultimatum"
    assert evidence_text(c, found[0]) == [evidence]


@pytest.mark.parametrize("draft", [
    "We need it within the hour if you want the engineer today, otherwise we'll book tomorrow.",
    "Send it whenever you can tonight; the case stays open until I hear from you.",
    "You'll need to start again from the Settings page, then tap Reset.",
    "We need it to book the repair, so send it whenever suits you.",
])
def test_v12_a_need_without_a_threat_stays_quiet(draft) -> None:
    c = conv(("a", "Please send a photo of the serial number sticker."),
             ("c", "I'm at work until 7, can I send it tonight?"), ("a", draft))
    assert detect(NAME, c) == []
