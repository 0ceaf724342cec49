"""Plain-text transcripts: ``Customer: ...`` / ``Agent: ...`` lines.

* A speaker line is ``[time] Speaker (name): text``; time and name are optional. The speaker
  goes through the role map (``User``/``Support``... are built-in synonyms; add real names
  with ``role_map``). ``Agent (sam):`` gives author ``sam``.
* A line without a speaker prefix continues the previous message; one blank line inside a
  message is kept as a paragraph break.
* Conversations are separated by a ``---`` line or by two or more blank lines and get ids
  ``{file stem}-{n}`` (n counts every conversation, skipped ones too, so ids stay stable).
* ``Subject: ...`` before the first message sets the subject.
* Time: ISO 8601 (``[2024-05-01 09:12]``) or clock only (``[09:12]``, ``[9:12:30 PM]``). A
  clock-only time is put on 1970-01-01 UTC, moving to the next day when the clock goes
  back, so gaps between messages stay right; ``meta.date_unknown`` is then True.

A line whose speaker is not known (``Note: ...`` counts too: add it to ``role_map`` or
indent it) skips its conversation with a RecordError on that line, field ``role``, as do
empty or oversized messages; the rest of the file is still read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..errors import RecordError
from ..model import Conversation, Message
from ._common import (
    ReadOptions,
    RoleMapper,
    author_name,
    bad_time,
    iter_lines,
    open_binary,
    parse_iso,
    too_long,
    too_many,
)

# Indented lines never start a message: that is how a pasted "Error: ..." line stays text.
SPEAKER_LINE = re.compile(
    r"^(?:\[(?P<time>[^\]]{1,40})\]\s*|(?P<clock>\d{1,2}:\d{2}(?::\d{2})?)\s+)?"
    r"(?P<speaker>[^\W\d_][\w.'-]*(?: [\w.'-]+){0,2}?)\s*(?:\((?P<name>[^()]{0,80})\))?\s*:(?:\s+|$)"
    r"(?P<text>.*)$"
)
_SEPARATOR = re.compile(r"^\s*-{3,}\s*$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass
class _Msg:
    role: str
    author: str | None
    line: int
    sent_at: datetime | None
    parts: list[str]
    size: int = 0
    pending_break: bool = False


@dataclass
class _Conv:
    start: int = 0
    messages: list[_Msg] = field(default_factory=list)
    warnings: list[RecordError] = field(default_factory=list)
    failed: bool = False
    subject: str | None = None
    clock_day: int = 0
    last_clock: timedelta | None = None
    clock_only: bool = False

    @property
    def started(self) -> bool:
        return self.failed or bool(self.messages) or self.subject is not None


def _clock(value: str) -> timedelta | None:
    m = _CLOCK.match(value.strip())
    if not m:
        return None
    h, mi, s = int(m[1]), int(m[2]), int(m[3] or 0)
    if m[4]:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if m[4].lower() == "pm" else 0)
    if h > 23 or mi > 59 or s > 59:
        return None
    return timedelta(hours=h, minutes=mi, seconds=s)


class _Parser:
    def __init__(self, path: Path, options: ReadOptions) -> None:
        self.file = str(path)
        name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
        self.stem = Path(name).stem
        self.options = options
        self.roles = RoleMapper(options.role_map)
        self.n = 0
        self.conv = _Conv()

    def fail(self, line: int, fld: str | None, reason: str) -> RecordError:
        self.conv.failed = True
        self.conv.messages.clear()
        self.conv.warnings.clear()
        return RecordError(self.file, line, fld, reason)

    def end(self) -> Iterator[Conversation | RecordError]:
        conv, self.conv = self.conv, _Conv()
        if not conv.started:
            return
        self.n += 1
        if conv.failed:
            return
        if not conv.messages:
            yield RecordError(self.file, conv.start, None, "conversation has a subject but no messages")
            return
        messages = []
        for i, m in enumerate(conv.messages):
            text = "\n".join(m.parts).rstrip()
            if not text.strip():
                yield RecordError(self.file, m.line, "text", "empty text")
                return
            messages.append(Message(f"m{i + 1}", m.role, text, author=m.author,  # type: ignore[arg-type]
                                    sent_at=m.sent_at))
        yield from conv.warnings
        yield Conversation(f"{self.stem}-{self.n}", tuple(messages), source="transcript",
                           subject=conv.subject, meta={"date_unknown": True} if conv.clock_only else {})

    def time(self, number: int, raw: str) -> datetime | None:
        conv = self.conv
        clock = _clock(raw)
        if clock is None:
            try:
                return parse_iso(raw)
            except ValueError:
                conv.warnings.append(bad_time(self.file, number, "time", raw))
                return None
        if conv.last_clock is not None and clock < conv.last_clock:
            conv.clock_day += 1
        conv.last_clock, conv.clock_only = clock, True
        return _EPOCH + timedelta(days=conv.clock_day) + clock

    def speaker(self, number: int, m: re.Match[str]) -> RecordError | None:
        conv = self.conv
        speaker = m["speaker"]
        if speaker.lower() == "subject" and not conv.messages and conv.subject is None:
            conv.subject = m["text"].strip() or None
            return None
        role = self.roles(speaker)
        if role is None:
            return self.fail(number, "role", f"unknown speaker {speaker!r}; known speakers are "
                             f"{self.roles.allowed()}; indent the line if it continues the message above")
        if len(conv.messages) >= self.options.max_messages:
            return self.fail(number, None, too_many(len(conv.messages) + 1, self.options.max_messages))
        raw_time = m["time"] or m["clock"]
        sent_at = self.time(number, raw_time) if raw_time else None
        name = author_name(m["name"])
        conv.messages.append(_Msg(role, name, number, sent_at, []))
        return self.append(number, m["text"])

    def append(self, number: int, text: str) -> RecordError | None:
        msg = self.conv.messages[-1]
        if msg.pending_break and msg.parts:
            msg.parts.append("")
        msg.pending_break = False
        msg.parts.append(text.rstrip())
        msg.size += len(text) + 1
        if msg.size > self.options.max_message_chars:
            return self.fail(msg.line, "text", too_long(msg.size, self.options.max_message_chars))
        return None

    def run(self, lines: Iterator[tuple[int, str | None, str | None]],
            ) -> Iterator[Conversation | RecordError]:
        blank = 0
        for number, text, problem in lines:
            if text is not None:
                text = text.rstrip("\r\n")
            if text is not None and not text.strip():
                blank += 1
                if blank >= 2:
                    yield from self.end()
                elif self.conv.messages:
                    self.conv.messages[-1].pending_break = True
                continue
            blank = 0
            if text is not None and _SEPARATOR.match(text):
                yield from self.end()
                continue
            if not self.conv.started:
                self.conv.start = number
            if self.conv.failed:
                continue
            if problem or text is None:
                in_text = bool(self.conv.messages) or (text is not None and SPEAKER_LINE.match(text))
                yield self.fail(number, "text" if in_text else None, problem or "unreadable line")
                continue
            m = SPEAKER_LINE.match(text)
            if m:
                error = self.speaker(number, m)
            elif self.conv.messages:
                error = self.append(number, text)
            else:
                error = self.fail(number, "role", "text before the first speaker line; "
                                  "start messages with 'Customer:' or 'Agent:'")
            if error is not None:
                yield error
        yield from self.end()


def read_transcript(path: Path, options: ReadOptions) -> Iterator[Conversation | RecordError]:
    parser = _Parser(path, options)
    with open_binary(path) as f:
        yield from parser.run(iter_lines(f, options.encoding, options.line_limit))
