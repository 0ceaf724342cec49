"""Rewrite rules from QA pass 14: each case and a made-up variant, through ``check()``'s full rewrite."""

from __future__ import annotations

import pytest

from patiently.coach import check

OUTAGE = ("Customer: Is there an outage?\nAgent: Yes, there is an outage in your area, engineers are working on it.\n"
          "Customer: Is it just me or is the internet down in my street?")
INVOICE = "Customer: I never received the invoice for May, can you send it?"
CARD = "Customer: Let me check with my husband which card we used, one moment."
CALENDAR = ("Customer: The shared calendar doesn't show my colleagues' meetings.\nAgent: I've re-shared the calendar "
            "with your account. It can take up to an hour to appear.\nCustomer: OK, I'll check it after lunch.")


@pytest.mark.parametrize("draft, context, expected, gone", [
    # b15: the pointer takes the message it points at and its comma; no "step by step" before one fact
    ("I already told you in my last message, the outage is in your area and we're working on it.", OUTAGE,
     "Let me go through it again: the outage is in your area and we're working on it.", "in my last message"),
    ("I've already told you twice, the outage is in your area.", OUTAGE,
     "Let me go through it again: the outage is in your area.", "twice"),
    # b38: "As per my previous email" becomes "To recap", not "As to recap"
    ("As per my previous email, the invoice was attached.", INVOICE, "To recap, the invoice was attached.",
     "As to recap"),
    # b10: the threat after a demand goes with it
    ("I need an answer from you in the next 10 minutes, otherwise I'll have to move on to the next customer.", CARD,
     "Take your time to reply.", "next customer"),
    ("I need an answer in the next 5 minutes or I will have to help other customers in line.", CARD,
     "Take your time to reply.", "other customers"),
    # b31: the reason after a closing goes with it
    ("Great, that should fix it. I'll close this ticket now since the issue is resolved.", CALENDAR,
     "I'll keep this ticket open for now.", "since"),
    # b39: "on our end" and a subjectless "Must be something on your side"
    ("Works fine on our end. Must be something on your side.", None,
     "It works on our side, so let's find out what's different on yours.", "[tip]"),
])
def test_qa14_rewrites(draft: str, context: str | None, expected: str, gone: str) -> None:
    r = check(draft, context=context)
    assert r.rewrite is not None
    assert expected in r.rewrite.text, r.rewrite.text
    assert gone not in r.rewrite.text, r.rewrite.text


def test_a_closing_with_another_reason_keeps_it() -> None:
    # only "since the issue is resolved" goes: a reason that is about something else stays
    r = check("Great, that should fix it. I'll close this ticket now since you said it works on the laptop.",
              CALENDAR)
    assert r.rewrite is not None and "open for now since you said it works on the laptop" in r.rewrite.text


OUTLOOK = ("Customer: Outlook keeps asking for my password.\nAgent: Please remove the saved credentials in Credential "
           "Manager.\nCustomer: I did that and it's still asking.")


def test_qa14_b32_no_success_claim_after_the_customer_said_it_still_fails() -> None:
    r = check("That will fix it. Marking this as solved. Have a nice day!", OUTLOOK)
    assert r.rewrite is not None
    assert "That will fix it" not in r.rewrite.text and "keep the ticket open" in r.rewrite.text


@pytest.mark.parametrize("text, failing", [
    ("I did that and it's still asking.", True),
    ("It keeps popping up every five minutes.", True),
    ("It still logs me out after lunch.", True),
    ("I still ask myself why I bought it.", False),
    ("Thanks, that did it!", False),
])
def test_still_failing_in_the_customers_words(text: str, failing: bool) -> None:
    from patiently.coach.rewrite_frame import still_failing

    assert still_failing(text) is failing


# --- QA pass 15 and the session review ---------------------------------------------------------------
CHARGER = "Customer: My laptop will not charge."


@pytest.mark.parametrize("draft, expected", [
    # the ask stays, its rush and its threat go (qa15 b07: it became "Take your time." and lost the ask)
    ("I need you to reply within the next 30 minutes with the serial number, or I'll have to move on to the "
     "next customer.", "When you're ready, please send me the serial number."),
    ("I need your order number right now, otherwise I'll have to move on to the next customer.",
     "When you're ready, please send me your order number."),
    ("Please send the serial number within 10 minutes or I will close this chat.",
     "When you're ready, please send me the serial number; I'll keep this open until then."),
    # the pointer before a full stop or a dash, and curly apostrophes
    ("I already told you in my last message. Click Forgot password.", "Let me go through it"),
    ("I already told you in my last message \u2013 click Forgot password.", "Let me go through it: click"),
])
def test_review_rewrites(draft: str, expected: str) -> None:
    r = check(draft, context=CHARGER if "password" not in draft else "Customer: I asked this already, how?")
    assert r.rewrite is not None
    assert expected in r.rewrite.text, r.rewrite.text
    assert "last message" not in r.rewrite.text and "next customer" not in r.rewrite.text


def test_curly_apostrophes_match_the_rules() -> None:
    r = check("I\u2019ll close this ticket now as the issue is resolved!", "Customer: ok I updated it")
    assert r.rewrite is not None and r.rewrite.text.startswith("I'll keep this ticket open for now")
    assert "I\u2019ll I'll" not in r.rewrite.text


FLOOD = "Customer: I asked last week already: does my policy cover flood damage? Nobody answers!"


@pytest.mark.parametrize("draft, context, expected, gone", [
    # qa15 b04: what was typed is said as itself, never "the password"
    ("The parcel went to the wrong address, so you must have typed it wrong at checkout.",
     "Customer: My parcel was delivered to the wrong address!", "it may have been mistyped", "password"),
    ("You must have typed the postcode wrong.", "Customer: My parcel was delivered to the wrong address!",
     "The postcode may have been mistyped", "wrong got typed"),
    # qa15 b28: a title's full stop ends no sentence, so the opener goes after the greeting line; the
    # jab inside the pointer goes with it
    ("Dear Mr. Patel,\n\nAs stated clearly in my previous email, which you seem not to have read, your policy does "
     "not cover flood damage.\n\nRegards,\nAnna", FLOOD,
     "Dear Mr. Patel,\n\nI'm sorry this is still causing you trouble", "have read"),
    ("The form, which you clearly didn't read, says the refund takes 10 days.",
     "Customer: When do I get my refund?? I asked twice already!", "The form says the refund takes 10 days.",
     "didn't read"),
])
def test_qa15_rewrites(draft: str, context: str, expected: str, gone: str) -> None:
    r = check(draft, context=context)
    assert r.rewrite is not None
    assert expected in r.rewrite.text and gone not in r.rewrite.text, r.rewrite.text


def test_a_title_ends_no_sentence() -> None:
    from patiently.text import sentence_spans

    text = "Dear Mr. Patel, thanks. Dr. Lee will call. It is done."
    assert [text[s:e] for s, e in sentence_spans(text)] == ["Dear Mr. Patel, thanks.", "Dr. Lee will call.",
                                                            "It is done."]
