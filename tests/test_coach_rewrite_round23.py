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


def test_library_is_v9() -> None:
    from patiently.lexicon import load_data

    assert load_data("rewrites")["version"] == 9
