"""agent.condescending v23: "most <people> <manage> ... on their own" compares the customer with those who
cope alone; "on their own <noun>" is only whose device or account it is (a rewrite round-24 near-miss,
"Most students find the app easier on their own phones", was flagged by the v22 subjects)."""

from __future__ import annotations

import pytest

from patiently.coach import check

ANGRY = "Customer: I've been trying to book a study room for an hour and it keeps failing!!"


def _condescending(draft: str) -> bool:
    return any(f.category == "condescending" and f.severity != "info" for f in check(draft, context=ANGRY).flags)


@pytest.mark.parametrize("draft", [
    "Use the Rooms tab. Most students figure it out on their own.",
    "Use the Rooms tab. Most people manage this on their own in a couple of minutes.",
    "Use the Rooms tab. Most users find it on their own these days.",
    "Use the Rooms tab. Most customers sort it out on their own, so give it a go.",
])
def test_the_others_managed_alone_is_condescending(draft: str) -> None:
    assert _condescending(draft)


@pytest.mark.parametrize("draft", [
    "Use the Rooms tab. Most students find the app easier on their own phones.",
    "Use the Rooms tab. Most customers prefer to set it up on their own laptops.",
    "Use the Rooms tab. Many students book rooms on their own accounts and share the link.",
])
def test_their_own_device_is_no_comparison(draft: str) -> None:
    assert not _condescending(draft)
