"""Rewrite round 23: QA pass 22's rewrites that were worse than the draft, or wrong, with made-up
variants that must be fixed and near-misses that must stay as they were."""

from __future__ import annotations

import pytest

from patiently.coach import check

LATER = "Customer: I'll look for the serial number tonight when I get home."


def rewrite(draft: str, context: str) -> tuple[str, bool]:
    r = check(draft, context=context)
    assert r.rewrite is not None
    return r.rewrite.text, r.rewrite.complete


# b34: the deadline was softened and the threat kept ("... when you're ready or I'll have to close this
# request"): the whole ultimatum goes, the ask stays.
@pytest.mark.parametrize(("draft", "want"), [
    pytest.param("I need the serial number within the next 30 minutes or I'll have to close this request.",
                 "When you're ready, please send me the serial number; I'll keep this request open until then.",
                 id="b34"),
    pytest.param("We need your receipt within 2 hours or we'll close your claim.",
                 "When you're ready, please send me your receipt; I'll keep your claim open until then.",
                 id="we_need_claim"),
    pytest.param("I need your account number within the next hour or we'll have to cancel the request.",
                 "When you're ready, please send me your account number; I'll keep the request open until then.",
                 id="cancel_request"),
    pytest.param("We need the form back by Friday or we'll cancel the application.",
                 "When you're ready, please send me the form; I'll keep the application open until then.",
                 id="form_back_by_friday"),
    pytest.param("I need the serial number within the next 30 minutes, or I'll have to close this request and "
                 "you'll need to start again.",
                 "When you're ready, please send me the serial number; I'll keep this request open until then.",
                 id="threat_with_a_tail"),
])
def test_b34_a_need_with_a_deadline_and_a_threat_keeps_only_the_ask(draft: str, want: str) -> None:
    assert rewrite(draft, LATER) == (want, True)


def test_a_sentence_of_its_own_otherwise_keeps_the_ticket_open_without_a_stray_comma() -> None:
    text, _ = rewrite("I need the invoice within the hour. Otherwise I'll close the ticket.", LATER)
    assert "., " not in text and text.endswith("I'll keep this ticket open.")


@pytest.mark.parametrize(("draft", "want"), [
    pytest.param("Reply within 24 hours or we'll close your ticket.",
                 "Please reply when you're ready; I'll keep this ticket open until then.", id="reply_within"),
    pytest.param("Please send the documents by 5pm today, otherwise we'll close your claim.",
                 "Please send the documents when you're ready; I'll keep your claim open until then.",
                 id="send_by_5pm"),
])
def test_b34_near_misses_keep_their_rewrite(draft: str, want: str) -> None:
    assert rewrite(draft, LATER) == (want, True)


@pytest.mark.parametrize("draft", [
    "I need the serial number to register the repair.",
    "I need the serial number within the next 30 minutes so the courier can collect it today.",
])
def test_b34_near_misses_without_a_threat_are_not_rewritten(draft: str) -> None:
    assert check(draft, context=LATER).rewrite is None


# b22: "..., so you'll have to track down the right department yourself" was cut and left the refusal with no
# hand-over; the hand-over is a placeholder the agent fills (so the rewrite is not complete).
HANDOVER = "here's how to reach [the right team]: [contact]"
REFUND = "Customer: My refund still hasn't arrived after 3 weeks."


@pytest.mark.parametrize(("draft", "want"), [
    pytest.param("Thanks for getting in touch. I've looked at your account and I can see the refund was requested on "
                 "2 May. Refunds aren't handled by this team, so you'll have to track down the right department "
                 "yourself. Have a nice day.",
                 f"Refunds aren't handled by this team, so {HANDOVER}. Have a nice day.", id="b22"),
    pytest.param("Billing isn't something we deal with here. You'll need to find the right team yourself.",
                 f"Billing isn't something we deal with here. H{HANDOVER[1:]}.", id="sentence_of_its_own"),
    pytest.param("Invoices are done by another team, you'd have to find the right person yourself.",
                 f"Invoices are done by another team; {HANDOVER}.", id="after_a_bare_comma"),
    pytest.param("Refunds aren't handled by this team, so you'll have to figure out which department to contact "
                 "yourself.", f"Refunds aren't handled by this team, so {HANDOVER}.", id="figure_out_which"),
])
def test_b22_a_referral_with_no_hand_over_gets_a_hand_over_placeholder(draft: str, want: str) -> None:
    text, complete = rewrite(draft, REFUND)
    assert text.endswith(want) and not complete
    assert "yourself" not in text


@pytest.mark.parametrize("draft", [
    "Refunds aren't handled by this team, but I'll track down the right department for you.",
    "Refunds aren't handled by this team, so I've passed this to the billing team, who will email you within 2 days.",
    "You can find the right department on our contact page: example.com/contact.",
])
def test_b22_near_misses_with_a_hand_over_keep_their_words(draft: str) -> None:
    r = check(draft, context=REFUND)
    assert r.rewrite is not None and r.rewrite.text.endswith(draft) and r.rewrite.complete
    assert "dismissive" not in {f.category for f in r.flags}


# b14: cutting the blame clause left its condition as a sentence of its own ("..., so if you didn't get one.").
# A condition tied on just before the cut clause belongs to it and goes with it.
@pytest.mark.parametrize(("draft", "context", "want"), [
    pytest.param("Reminders are sent to the number you gave us, so if you didn't get one, that's because your details "
                 "were wrong. There will be a missed appointment fee of $40.",
                 "Customer: I missed my appointment because I never got the reminder text.",
                 "Reminders are sent to the number you gave us. There will be a missed appointment fee of $40.",
                 id="b14"),
    pytest.param("Confirmations go to the address on your account, so if it didn't arrive, that's because you typed "
                 "it wrong.", "Customer: I never got the confirmation email.",
                 "Confirmations go to the address on your account.", id="so_if_it_didnt_arrive"),
    pytest.param("We send the code by SMS, and if it never came, it's because you entered the wrong number.",
                 "Customer: The code never came.", "We send the code by SMS.", id="and_if"),
    pytest.param("Parcels go to the address on the order, so when it went somewhere else, that's because you gave us "
                 "the wrong address. I can reroute it today.", "Customer: My parcel went to the wrong place.",
                 "Parcels go to the address on the order. I can reroute it today.", id="so_when"),
])
def test_b14_a_cut_takes_the_condition_that_led_into_it(draft: str, context: str, want: str) -> None:
    text, _ = rewrite(draft, context)
    assert text.endswith(want)


@pytest.mark.parametrize(("draft", "want"), [
    pytest.param("That's because your details were wrong, so if you didn't get one, please update them.",
                 "If you didn't get one, please update them.", id="condition_after_the_cut_keeps_its_main_clause"),
    pytest.param("If you didn't get one, that's because your details were wrong.", "To avoid this next time, [tip].",
                 id="condition_alone_keeps_the_sentence_fallback"),
])
def test_b14_near_misses_keep_their_rewrite(draft: str, want: str) -> None:
    assert rewrite(draft, "Customer: I never got the reminder text.")[0] == want


@pytest.mark.parametrize("draft", [
    "Reminders are sent to the number you gave us, so if you didn't get one, please check your details in the app.",
    "Reminders are sent to the number you gave us, so if you didn't get one, I'm happy to check it with you.",
])
def test_b14_near_misses_without_blame_are_not_rewritten(draft: str) -> None:
    assert check(draft, context="Customer: I never got the reminder text.").rewrite is None


# b19: a customer who waits on us was told "Take your time; I'll keep this case open until you're ready".
# The case stays open for our part: what we chase and when we update are the agent's to fill in.
WAITING_ANSWER = "I'll keep this {} open, chase [what they're waiting for] and update you by [when]."


@pytest.mark.parametrize(("context", "draft", "thing"), [
    pytest.param("Customer: I'm still waiting for the technician to confirm a time.",
                 "If I don't hear back from you in the next hour I'll assume everything is fine and close the case.",
                 "case", id="b19"),
    pytest.param("Customer: Nobody has called me back about the leak.",
                 "If you don't reply within 24 hours, we will close this ticket.", "ticket", id="nobody_called"),
    pytest.param("Customer: I've been waiting on your team for a week now.",
                 "Reply within 2 hours or I'll close your case.", "case", id="waiting_on_your_team"),
    pytest.param("Customer: I haven't heard back about my refund.",
                 "Your ticket will be closed if we don't hear from you within 2 days.", "ticket", id="not_heard_back"),
])
def test_b19_a_customer_waiting_on_us_is_not_told_to_take_their_time(context: str, draft: str, thing: str) -> None:
    text, complete = rewrite(draft, context)
    assert text.endswith(WAITING_ANSWER.format(thing)) and not complete
    assert "take your time" not in text.lower() and "you're ready" not in text


@pytest.mark.parametrize(("context", "draft", "want"), [
    pytest.param("Customer: I'm waiting for my wife to decide.",
                 "If I don't hear back from you in the next hour I'll assume everything is fine and close the case.",
                 "Take your time; I'll keep this case open until you're ready.", id="waiting_on_their_own_side"),
    pytest.param("Customer: I'll check with the technician on site tomorrow.",
                 "If I don't hear back from you in the next hour I'll close the case.",
                 "Take your time; I'll keep this case open until you're ready.", id="technician_on_their_side"),
    pytest.param("Customer: I'm still waiting for the technician.",
                 "I need the serial number within the next 30 minutes or I'll have to close this request.",
                 "When you're ready, please send me the serial number; I'll keep this request open until then.",
                 id="we_still_need_something_from_them"),
])
def test_b19_near_misses_keep_their_rewrite(context: str, draft: str, want: str) -> None:
    assert rewrite(draft, context)[0].endswith(want)


def _flags(draft: str, context: str) -> set[str]:
    return {f.category for f in check(draft, context=context).flags if f.severity != "info"}


# b32: "Side effects are normal. It's nothing to worry about, just keep taking it." waved a worried patient off
# (dismissive v22, `normal_no_worry`); the rewrite no longer keeps it behind an apology.
DIZZY = "Customer: I've had dizzy spells since starting the new medication and I'm worried."


@pytest.mark.parametrize(("context", "draft"), [
    pytest.param(DIZZY, "Side effects are normal. It's nothing to worry about, just keep taking it.", id="b32"),
    pytest.param("Customer: My skin is itchy since I started the new cream and I'm worried.",
                 "That's nothing to worry about. Just keep using it.", id="keep_using_it"),
    pytest.param("Customer: I get headaches with the new tablets, should I be worried?",
                 "Don't worry, just keep taking them.", id="dont_worry_keep_taking"),
    pytest.param("Customer: My new hearing aid whistles a lot, is that bad?",
                 "Some whistling is normal. Nothing to worry about.", id="two_word_subject"),
])
def test_b32_the_worry_waved_away_is_dismissive(context: str, draft: str) -> None:
    assert "dismissive" in _flags(draft, context)


def test_b32_the_rewrite_keeps_no_brush_off_behind_the_apology() -> None:
    text, complete = rewrite("Side effects are normal. It's nothing to worry about, just keep taking it.", DIZZY)
    assert "keep taking it" not in text and "nothing to worry about" not in text and not complete


@pytest.mark.parametrize(("context", "draft"), [
    pytest.param(DIZZY, "Mild dizziness is a common side effect in the first two weeks because your body is adjusting, "
                 "so it's nothing to worry about, but if it gets worse please call your doctor.", id="reason_first"),
    pytest.param("Customer: My card was charged twice, I'm worried.",
                 "It's nothing to worry about: the second charge is a pre-authorisation and will drop off within 3 "
                 "days.", id="reason_after"),
    pytest.param("Customer: The app shows a warning about storage.",
                 "That's normal after an update because the cache is rebuilt. Nothing to worry about.", id="because"),
    pytest.param("Customer: Is it safe to keep using the app while you fix it?",
                 "Yes, don't worry, you can keep using it as normal while we fix the sync issue.", id="keep_using_ok"),
])
def test_b32_reassurance_with_a_reason_is_not_dismissive(context: str, draft: str) -> None:
    assert "dismissive" not in _flags(draft, context)


# b37: "Please review our Terms of Service, section 4.2, regarding ride cancellations." to an upset customer
# (dismissive v22, `policy_pointer`); the rewrite asks for the answer and keeps the pointer as where the details are.
RIDE = "Customer: Your app charged me but the ride never came. I waited 25 minutes in the rain."
ANSWER = "[What happened, and what you'll do about it]; the details are in "


@pytest.mark.parametrize(("context", "draft", "doc"), [
    pytest.param(RIDE, "Thank you for your message. Please review our Terms of Service, section 4.2, regarding ride "
                 "cancellations.", "our Terms of Service, section 4.2, regarding ride cancellations.", id="b37"),
    pytest.param("Customer: I was charged a cancellation fee for a booking I never made!",
                 "Please refer to our cancellation policy.", "our cancellation policy.", id="refer_to_policy"),
    pytest.param("Customer: Why was my account suspended?? I did nothing wrong.",
                 "Kindly read our Terms and Conditions, clause 7, regarding account suspensions. Thanks.",
                 "our Terms and Conditions, clause 7, regarding account suspensions.", id="clause_then_thanks"),
    pytest.param("Customer: My parcel arrived smashed and you won't refund me.",
                 "Thanks for reaching out. Please see our returns policy for details.", "our returns policy.",
                 id="for_details"),
])
def test_b37_a_policy_pointer_instead_of_an_answer(context: str, draft: str, doc: str) -> None:
    assert "dismissive" in _flags(draft, context)
    text, complete = rewrite(draft, context)
    assert ANSWER + doc in text and not complete


@pytest.mark.parametrize("draft", [
    "I'm sorry you waited in the rain. I've refunded the $14 fare to your card, and it should show within 3 days. "
    "Please see our cancellation policy, section 4.2, for the details.",
    "Please review our Terms of Service, section 4.2: if a driver cancels, the fare is refunded automatically, and I "
    "can see yours went back to your card this morning.",
    "Please review our Terms of Service, section 4.2, regarding ride cancellations, and I'll refund the fare right "
    "away.",
    "Tap Sign up on the home screen. Please review our terms before you sign up.",
])
def test_b37_a_policy_pointed_to_beside_an_answer_is_not_dismissive(draft: str) -> None:
    assert "dismissive" not in _flags(draft, RIDE)
