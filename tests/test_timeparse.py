from datetime import UTC, datetime, timedelta, timezone

import pytest

from patiently.timeparse import parse_due

PARIS = timezone(timedelta(hours=2))
SENT = datetime(2026, 10, 5, 9, 0, tzinfo=PARIS)  # a Monday


@pytest.mark.parametrize(("text", "due"), [
    ("I'll call you back by 3 pm", datetime(2026, 10, 5, 15, 0, tzinfo=PARIS)),
    ("back to you at 15:00", datetime(2026, 10, 5, 15, 0, tzinfo=PARIS)),
    ("by 10:30am", datetime(2026, 10, 5, 10, 30, tzinfo=PARIS)),
    ("within the hour", datetime(2026, 10, 5, 10, 0, tzinfo=PARIS)),
    ("in 30 minutes", datetime(2026, 10, 5, 9, 30, tzinfo=PARIS)),
    ("in 2 hours", datetime(2026, 10, 5, 11, 0, tzinfo=PARIS)),
    ("in half an hour", datetime(2026, 10, 5, 9, 30, tzinfo=PARIS)),
    ("tomorrow morning", datetime(2026, 10, 6, 12, 0, tzinfo=PARIS)),
    ("by end of day", datetime(2026, 10, 5, 17, 0, tzinfo=PARIS)),
    ("a technician on Monday", datetime(2026, 10, 12, 17, 0, tzinfo=PARIS)),
    ("by Friday afternoon", datetime(2026, 10, 9, 17, 0, tzinfo=PARIS)),
])
def test_due_times_in_the_messages_timezone(text: str, due: datetime) -> None:
    d = parse_due(text, SENT)
    assert d is not None and d.due == due and d.due.utcoffset() == timedelta(hours=2)
    assert d.seconds == (due - SENT).total_seconds()


def test_clock_time_already_past_means_tomorrow() -> None:
    d = parse_due("I'll call you by 8 am", SENT)
    assert d is not None and d.due == datetime(2026, 10, 6, 8, 0, tzinfo=PARIS)


def test_vague_words_take_the_default() -> None:
    d = parse_due("I'll get back to you shortly", SENT, vague_seconds=1800)
    assert d is not None and d.vague and d.seconds == 1800


def test_without_sent_at() -> None:
    rel = parse_due("in 2 hours", None)
    clock = parse_due("by 3pm", None)
    assert rel is not None and rel.due is None and rel.seconds == 7200
    assert clock is not None and clock.due is None and clock.seconds is None


def test_naive_times_stay_naive() -> None:
    d = parse_due("by 3 pm", datetime(2026, 10, 5, 9, 0))
    assert d is not None and d.due is not None and d.due.tzinfo is None


def test_no_time_and_bare_numbers() -> None:
    assert parse_due("I'll look into it", SENT) is None
    assert parse_due("kernel 2.6 at 3", datetime(2026, 10, 5, tzinfo=UTC)) is None
