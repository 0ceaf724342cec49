"""Mood round 26: the customer's state read from phrasing that varies (QA pass 26 b36, b23, g10; QA pass 25 b01).
Each family has the QA case, made-up variants in other wordings that must be read, and near-misses that must not:
a relative, a pet or the customer at a place of emergency care (coach_cues v18 ``distressed``), the verb of having said
it shouted (frustration.yaml v12, coach_cues v18 ``says_repeating``), looking for it N times (frustration_cues v9
``attempts``), a terse chat confirmation (confirm.yaml v7) and an answer that did not help (repeat_cues v3)."""

from __future__ import annotations

import pytest

from patiently.coach import check
from patiently.coach.customer_state import _cue, says_repeating
from patiently.detectors.agent_premature_closure import customer_state as confirmation
from patiently.detectors.customer_frustration import frustration_level


def _c(text: str) -> dict[str, str]:
    return {"role": "customer", "text": text}


def _a(text: str) -> dict[str, str]:
    return {"role": "agent", "text": text}


def _state(context: str | list[dict[str, str]], draft: str = "Let me check that for you.") -> list[str]:
    return list(check(draft, context=context).context.customer)


def _counted(draft: str, context: str | list[dict[str, str]]) -> set[str]:
    return {f.category for f in check(draft, context=context).flags if f.severity in ("warning", "problem")}


# --- b36: a relative, a pet or the customer at a place of emergency care -------------------------------------------

B36 = ("Customer: I'm at the hospital with my son and can't get into my work account to tell my team. Can you reset my "
       "password please?")


def test_qa26_b36_a_customer_at_the_hospital_with_their_son_is_read_as_distressed() -> None:
    assert "frustrated" in _state(B36)
    draft = "Password resets have to be requested through the self-service portal. Please submit a request there."
    assert "no_acknowledgment" in _counted(draft, B36)


@pytest.mark.parametrize("text", [
    "Sitting in A&E with my daughter, can't log in to Teams.",
    "my dad's in the ER and I need my email",
    "I'm at the vet with my dog, she's been hit by a car. Can you unlock my account?",
    "At the hospital with my mum, can't log in to teams",
    "with my son at the hospital, can't get in",
    "We had to rush our cat to the emergency vet last night and I missed the deadline.",
    "My husband was rushed to A&E this morning, I need the meeting moved.",
    "I'm in the ER right now with my father.",
    "They took my mum into hospital last night.",
    "I'm at a funeral today so can't call.",
])
def test_emergency_care_in_other_wordings_is_distress(text: str) -> None:
    assert _cue(text, "distressed")


@pytest.mark.parametrize("text", [
    "I work at the hospital and the printer on ward 3 is jammed.",
    "I'm the IT lead at the hospital, can you add a user?",
    "The hospital wifi is down again.",
    "I'm at the hospital's reception desk, the kiosk is frozen.",
    "We're in the hospital finance team and need the shared drive.",
    "Our ER printer is jammed.",
    "er, I'm not sure which version it is",
    "I'm at the vets reception, the card machine is down.",
    "I need to take my laptop to the hospital tomorrow.",
])
def test_a_hospital_as_a_workplace_or_a_thing_is_no_distress(text: str) -> None:
    assert not _cue(text, "distressed")


# --- b23: the verb of having said it shouted; looking for it N times -----------------------------------------------

B23 = [_c("how do I get the installer for the new CAD software?"),
       _a("It's on the software portal: portal.company.com/software"),
       _c("I looked there, it's not listed."),
       _a("It's at portal.company.com/software."),
       _c("I TOLD you it's not there!! I've looked three times.")]


def test_qa26_b23_a_shouted_told_is_read_as_frustrated_and_repeating() -> None:
    assert _state(B23, "Again, it's at portal.company.com/software.") == ["frustrated", "repeating"]
    assert "no_acknowledgment" in _counted("Again, it's at portal.company.com/software.", B23)


@pytest.mark.parametrize("text", [
    "I TOLD you it's not there",
    "Like I SAID, it only drops at home.",
    "I SAID the printer on floor 2, not floor 3",
    "You SAID it would be fixed today.",
    "i ASKED for a refund, not a voucher",
])
def test_the_shouted_verb_of_saying_is_exasperation(text: str) -> None:
    level, _, reasons = frustration_level(text, 0.0)
    assert level >= 0.35 and "exasperation" in reasons


@pytest.mark.parametrize("text", [
    "I told you I'd try it tonight.",
    "The error SAID access denied",
    "I said thanks already :)",
    "I TOLD my manager about it",
])
def test_a_plain_or_quoted_said_is_no_exasperation(text: str) -> None:
    assert "exasperation" not in frustration_level(text, 0.0)[2]


@pytest.mark.parametrize("text", [
    "I TOLD you it's not there!!", "Like I SAID, it only drops at home.", "I told you it's not there",
    "I told you that it doesn't work on the VPN", "I told you there's no cable in the box",
])
def test_saying_it_again_is_repeating(text: str) -> None:
    assert says_repeating(text)


@pytest.mark.parametrize("text", [
    "I told you I'd try it tonight.", "I TOLD my manager about it", "I told you the wrong number, sorry, it's 4471",
    "I said thanks already :)", "I told you it is working now",
])
def test_a_told_you_without_a_denial_is_no_repeat(text: str) -> None:
    assert not says_repeating(text)


@pytest.mark.parametrize("text", ["I've looked three times.", "I've checked it several times, nothing.",
                                  "we've searched many times"])
def test_looking_for_it_n_times_is_an_attempt_weak_alone(text: str) -> None:
    level, _, reasons = frustration_level(text, 0.0)
    assert "tried several times" in reasons and level < 0.35


@pytest.mark.parametrize("text", ["getting integrity check fail two times on max", "I check the logs three times a day",
                                  "the scanner looked at it three times"])
def test_a_check_or_a_habit_is_no_attempt(text: str) -> None:
    assert "tried several times" not in frustration_level(text, 0.0)[2]


# --- g10: a terse chat confirmation ---------------------------------------------------------------------------------

G10 = [_c("hi vpn keeps disconnecting"),
       _a("Can you try switching the protocol to TCP in the client settings, under Advanced?"),
       _c("vpn ok now thx")]


def test_qa26_g10_a_terse_confirmation_lets_the_agent_close() -> None:
    assert not _counted("Great, glad it's working. Have a good day!", G10)


@pytest.mark.parametrize("text", ["vpn ok now thx", "working now thx", "all good now ty", "sorted, cheers", "fixed!!",
                                  "its fine now!", "printer ok again, cheers", "gud now ty", "client ok now thx"])
def test_terse_confirmations_confirm(text: str) -> None:
    assert confirmation(text) == "confirmed"


@pytest.mark.parametrize("text", ["ok now what?", "ok now it says error 5", "ok now I get a different error",
                                  "fixed ip?", "sorted by date", "not working now thx", "still not ok now",
                                  "im back now thx", "a bit better now thx", "ok now",
                                  "vpn ok now thx but outlook still cant connect", "got it, thanks", "done!"])
def test_near_misses_do_not_confirm(text: str) -> None:
    assert confirmation(text) != "confirmed"


def test_a_closing_after_a_terse_report_that_it_still_fails_is_still_premature() -> None:
    ctx = [*G10[:2], _c("not working now either")]
    assert "premature_closure" in _counted("Great, glad it's working. Have a good day!", ctx)


# --- QA pass 25 b01: the customer says the answer did not help and asks again (customer.repeat v4) ------------------

def _repeats(*turns: tuple[str, str]) -> bool:
    from patiently.coach import check as _check

    context = [{"role": "customer" if r == "c" else "agent", "text": t} for r, t in turns]
    return "repeating" in _check("Let me check that for you.", context=context).context.customer


@pytest.mark.parametrize("turns", [
    (("c", "Where do I find the reset link?"), ("a", "It's in your work inbox."),
     ("c", "I don't see it. Where is the link?")),
    (("c", "Where is the printer driver?"), ("a", "On the software portal."),
     ("c", "It isn't listed. Where can I find the driver?")),
    (("c", "Where can I download the VPN client?"), ("a", "It's on the intranet under Tools."),
     ("c", "It's not there. Where do I get the VPN software?")),
])
def test_an_answer_that_did_not_help_and_the_question_again_is_a_repeat(turns: tuple[tuple[str, str], ...]) -> None:
    assert _repeats(*turns)


@pytest.mark.parametrize("turns", [
    (("c", "Where do I change my signature?"), ("a", "Settings, then Mail, then Signature."),
     ("c", "Found it, thanks! Where do I change the font too?")),
    (("c", "Where can I download the VPN client?"), ("a", "It's on the intranet under Tools."),
     ("c", "I can't see the screen well, can you make the text bigger?")),
    (("c", "When will my laptop arrive?"), ("a", "It shipped today."), ("c", "It's not there yet. How do I track it?")),
])
def test_a_next_question_after_an_answer_is_no_repeat(turns: tuple[tuple[str, str], ...]) -> None:
    assert not _repeats(*turns)
