"""The mood round: how the reply coach reads the customer (customer.frustration v17, coach_cues v17) on the QA
drafts it misread, with variants and near-misses."""

from __future__ import annotations

import pytest

from patiently.coach import check
from patiently.coach.customer_state import _cue
from patiently.coach.rewrite_frame import own_apology


def _state(context: str | list[dict[str, str]], draft: str = "Let me check that for you.") -> list[str]:
    return list(check(draft, context=context).context.customer)


def _counted(draft: str, context: str | list[dict[str, str]]) -> set[str]:
    return {f.category for f in check(draft, context=context).flags if f.severity in ("warning", "problem")}


@pytest.mark.parametrize("context", [
    "Customer: ich habe problem, the password not working, i try many times",  # QA pass 24 g07
    "Customer: I'm a network engineer. Your DNS resolver returns SERVFAIL for DNSSEC-signed domains since the update.",
    "Customer: I'm a teacher and I can't add students to my Google Classroom. Deadline is Friday.",  # g36
    "Customer: My Outlook search stopped working, it finds nothing older than a week.",  # QA pass 25 b27
    "Customer: Please cancel my card, I lost it.",
])
def test_calm_customers_are_read_as_calm(context: str) -> None:
    assert "frustrated" not in _state(context)


@pytest.mark.parametrize("context", [
    [{"role": "customer", "text": "The VPN keeps dropping."},
     {"role": "agent", "text": "Please reinstall the VPN client and restart."},
     {"role": "customer", "text": "The VPN still disconnects every 10 minutes, nothing you suggested worked."}],  # b10
    "Customer: I need access to the payroll system today, payroll is due tomorrow!",  # QA pass 25 b34
    "Customer: I've been a customer for 12 years and this outage is ruining my business. I'm considering switching.",
    "Customer: You've taken £120 from my account for a subscription I CANCELLED in March. This is theft.",
    "Customer: Cancel my contract. Your engineers never turned up, twice.",
    "Customer: I've been locked out of my account for three days and I can't pay my staff.",  # QA pass 20 b28
])
def test_upset_customers_are_read_as_upset(context: str | list[dict[str, str]]) -> None:
    assert "frustrated" in _state(context)


def test_qa24_g35_thanks_and_sorry_acknowledge_a_report_that_the_step_failed() -> None:
    draft = ("Thanks for trying that, and sorry it didn't help. Since restarting didn't fix it, let's check the output "
             "device: click the speaker icon at the bottom right of your screen and see which device is selected.")
    assert "no_acknowledgment" not in _counted(draft, "Customer: I did restart it, twice. Still no sound.")


@pytest.mark.parametrize("text", ["Thanks for trying that, and sorry it didn't help.",
                                  "Got it, and sorry for the wait.", "That's done, but sorry it took so long."])
def test_sorry_joined_by_and_or_but_is_an_own_apology(text: str) -> None:
    assert own_apology(text)


@pytest.mark.parametrize("text", ["Thanks, and sorry for my English.", "I'll check, and sorry about my typos.",
                                  "Sorrytown is our office name, and the key is there."])
def test_sorry_for_the_speakers_own_words_is_no_apology(text: str) -> None:
    assert not own_apology(text)


@pytest.mark.parametrize("text", ["I can't pay my staff.", "we couldn't pay our suppliers this week",
                                  "I'm unable to pay rent because the app is down"])
def test_a_fault_that_stops_paying_people_or_bills_is_at_stake(text: str) -> None:
    assert _cue(text, "at_stake")


@pytest.mark.parametrize("text", ["I can't pay by card.", "I cannot pay online, is there another way?",
                                  "Can I pay my bill by phone?"])
def test_a_way_of_paying_is_not_at_stake(text: str) -> None:
    assert not _cue(text, "at_stake")
