"""channels.channel_kind: export channel names onto the five kinds of wait."""

from __future__ import annotations

import pytest

from patiently.channels import KINDS, channel_kind
from patiently.config import SilenceSettings


@pytest.mark.parametrize(("channel", "source", "kind"), [
    ("chat", None, "chat"), ("Email", None, "email"), ("web", "zendesk", "ticket"),
    ("help_center", "zendesk", "ticket"), ("feedback widget", "freshdesk", "ticket"),
    ("outbound email", "freshdesk", "email"), ("native_messaging", "zendesk", "chat"),
    ("conversation", "intercom", "chat"), ("whatsapp", "intercom", "chat"), ("twitter", "intercom", "social"),
    ("voice", "zendesk", "ticket"), ("phone", "freshdesk", "ticket"),  # a ticket logged from a call
    ("phone_call", "intercom", "phone"), ("phone", None, "phone"),
    ("fax", None, None), ("", None, None), (None, None, None),
])
def test_channel_kind(channel: str | None, source: str | None, kind: str | None) -> None:
    assert channel_kind(channel, source) == kind


def test_every_kind_has_a_silence_limit() -> None:
    s = SilenceSettings()
    assert all(s.threshold(k) != s.default_seconds or k == "default" for k in KINDS)
