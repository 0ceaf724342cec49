"""What a conversation's channel means for timing: which of the five kinds of wait it is.

Silence limits (``silence.*_seconds``) and the due time of a vague promise depend on how fast a
channel is expected to answer: ``chat``, ``social``, ``email``, ``ticket`` or ``phone``. The
readers keep the channel name an export gives (Zendesk's ``via.channel`` ``web`` or ``voice``,
Freshdesk's ``portal``, Intercom's ``sms``...), which is what a coach recognises in the results;
this module maps those names onto the five kinds. Without it a web-form ticket fell back to the
one-hour default limit and a ticket logged from a phone call got the two-minute phone limit,
so replies given within hours became coaching points.
"""

from __future__ import annotations

KINDS = frozenset({"chat", "social", "email", "ticket", "phone"})

# Names used by help desks and exports (lower case, "_" and "-" read as spaces).
ALIASES: dict[str, str] = {
    # asynchronous forms and APIs: answered like a ticket
    **dict.fromkeys(("web", "web form", "webform", "form", "portal", "api", "rule", "help center", "helpcenter",
                     "mobile", "mobile sdk", "any channel", "feedback widget", "closed ticket", "side conversation"),
                    "ticket"),
    **dict.fromkeys(("e mail", "mail", "outbound email", "inbound email"), "email"),
    **dict.fromkeys(("voice", "phone call", "call"), "phone"),
    **dict.fromkeys(("conversation", "messaging", "native messaging", "sms", "whatsapp", "messenger",
                     "live chat", "livechat", "web chat", "webchat", "push", "chat transcript"), "chat"),
    **dict.fromkeys(("twitter", "facebook", "instagram", "x"), "social"),
}

# Help desks whose records are tickets: their messages are comments answered on the ticket,
# whatever channel opened it (a call is logged, the follow-up is written).
TICKET_SYSTEMS = frozenset({"zendesk", "freshdesk"})


def channel_kind(channel: str | None, source: str | None = None) -> str | None:
    """The kind of wait (one of :data:`KINDS`) for a conversation's channel, or None when the
    channel is absent or unknown (the default limits apply)."""
    if not channel:
        return None
    name = " ".join(channel.lower().replace("_", " ").replace("-", " ").split())
    kind = name if name in KINDS else ALIASES.get(name)
    if kind == "phone" and source in TICKET_SYSTEMS:
        return "ticket"
    return kind
