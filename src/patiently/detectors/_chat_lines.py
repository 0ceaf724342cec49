"""Group-chat lines that are not an agent speaking to the customer (shared by tone detectors).

In IRC-style support channels two kinds of agent lines carry tone phrases without being a
helper's own words to the person being helped:

- a bot's canned reply, triggered by a helper's ``!command`` line just before it
  ("!language | nick" -> "nick: Please watch your language ..."; "!find x | nick" ->
  "nick: please see above"): nobody chose those words for this customer;
- a remark that opens by addressing another helper ("bob2: calm down, all is well ;)"):
  shop talk or banter between helpers, not talk to the customer.

Both are read from the text and the authors only; a one-to-one chat (one agent, one
customer, no ``!`` lines) is never affected.
"""

from __future__ import annotations

import re

from ..model import Conversation

# "!language | nick", "! language", "!caps", "!find libfoo.so | nick", "!tell nick about x"
_BOT_COMMAND = re.compile(r"^\s*!\s?[a-z][\w+-]*", re.IGNORECASE)
# "nick: ..." or "nick, ..." at the start of a line
_LEAD = re.compile(r"^\W{0,2}([\w\-\[\]\\`^{}|.]{2,32}?)[:,](?:\s|$)")
_NICK_TAIL = re.compile(r"[_\-^`|]+$")


def nick(author: str | None) -> str:
    """An IRC nick without the trailing ``_``/``^``/``|`` people add when they reconnect."""
    a = (author or "").lower()
    return _NICK_TAIL.sub("", a) or a


def bot_reply(conv: Conversation, i: int) -> bool:
    """Message ``i`` answers a ``!command`` line written just before it by someone else."""
    if i == 0:
        return False
    prev, msg = conv.messages[i - 1], conv.messages[i]
    return bool(_BOT_COMMAND.match(prev.text)) and nick(prev.author) != nick(msg.author)


def to_other_helper(conv: Conversation, i: int) -> bool:
    """Message ``i`` opens with "nick:" / "nick," naming another agent of this chat (and no
    customer of it) who never put a question to the speaker: someone who asks the speaker
    ("LjL, the cmos battery is bad?") is being helped by them, whatever their role says."""
    msg = conv.messages[i]
    m = _LEAD.match(msg.text)
    if m is None:
        return False
    who = nick(m.group(1))
    me = nick(msg.author)
    if not who or who == me:
        return False
    helpers = {nick(x.author) for x in conv.messages if x.role == "agent" and x.author}
    customers = {nick(x.author) for x in conv.messages if x.role == "customer" and x.author}
    if who not in helpers or who in customers:
        return False
    for x in conv.messages:
        if nick(x.author) == who and "?" in x.text:
            lead = _LEAD.match(x.text)
            if lead is not None and nick(lead.group(1)) == me:
                return False
    return True


def without_nick(conv: Conversation, text: str) -> str:
    """``text`` without a leading bare participant nick ("geirha  yea after reboots" -> "yea ...")."""
    head, _, rest = text.lstrip().partition(" ")
    if rest and nick(head.rstrip(":,")) in {nick(m.author) for m in conv.messages if m.author}:
        return rest.lstrip()
    return text
