"""The conversation so far, as the coach accepts it: turned into context Messages.

Accepted forms (the CLI reads a file or takes the text; HTTP takes any of them as JSON):

* a canonical conversation: a JSON object ``{"messages": [{"role": ..., "text": ...}, ...]}``
  (one line of the canonical JSONL; ``id`` is optional here), or a list of such messages;
* a plain transcript: ``Customer: ...`` / ``Agent: ...`` lines, parsed by the transcript reader
  (same speaker synonyms, continuation lines and ``[time]`` prefixes as ``patiently analyze``).

Only the last :data:`MAX_CONTEXT_MESSAGES` messages are kept: what the draft answers is at
the end of the thread, and the cost of a check must not grow with a long ticket history.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import InputError, RecordError
from ..model import Message
from ..readers._common import RAISE_CHARS, RAISE_MESSAGES, ReadOptions, RoleMapper, check_text, not_unicode, parse_iso
from ..readers.transcript import SPEAKER_LINE, _Parser

MAX_CONTEXT_MESSAGES = 20
MAX_MESSAGE_CHARS = 20_000
_OPTIONS = ReadOptions(max_message_chars=MAX_MESSAGE_CHARS, max_messages=10_000)
_ROLES = RoleMapper(None)
# The readers' advice on their limits names options that a coach client (HTTP, the check
# command) cannot set: what such a client can do instead.
_COACH_FIX = {RAISE_CHARS: "shorten it: the recent part of the conversation is what counts",
              RAISE_MESSAGES: f"send the recent messages only (the last {MAX_CONTEXT_MESSAGES} are used)"}
# What a --context value that names a file (and is not one) usually ends with.
_FILE_SUFFIXES = (".txt", ".json", ".jsonl", ".ndjson", ".log", ".csv", ".md", ".gz")
# On POSIX, argv bytes that are not UTF-8 reach Python as these surrogates (surrogateescape).
_ARGV_BYTE = re.compile("[\udc80-\udcff]")


class CoachInputError(InputError, ValueError):
    """A draft or a context the coach cannot use; the message says what to fix."""


ContextInput = str | Mapping[str, Any] | Sequence[Mapping[str, Any]] | None


def parse_context(context: ContextInput) -> list[Message]:
    """Context messages (all of them, in order); raises CoachInputError on malformed input."""
    if context is None:
        return []
    if isinstance(context, str):
        text = context.lstrip("\ufeff").strip()  # a BOM from a file pasted or read as text
        if not text:
            return []
        if "\x00" in text:
            raise CoachInputError("context: contains NUL bytes; give JSON or 'Customer: ...' text")
        if text[0] in "{[":
            try:
                data = json.loads(text)
            except json.JSONDecodeError:
                data = _jsonl_one(text)
            return parse_context(data)
        _check_unicode(text)
        return _transcript(text)
    if isinstance(context, Mapping):
        messages = context.get("messages")
        if not isinstance(messages, list):
            raise CoachInputError("context: a conversation object needs a 'messages' list")
        return _messages(messages)
    if isinstance(context, Sequence):
        return _messages(context)
    raise CoachInputError(f"context: expected a conversation, a list of messages or transcript text, "
                          f"not {type(context).__name__}")


def _check_unicode(text: str) -> None:
    """Transcript text with a lone surrogate (a JSON "\\ud800" escape): the detectors would fail
    on that message one by one and the check would come back clean."""
    if not_unicode(text) is None:
        return
    for number, line in enumerate(text.split("\n"), 1):
        if problem := not_unicode(line):
            raise CoachInputError(f"context line {number}: {problem}")


def _coach_reason(reason: str) -> str:
    for raise_option, fix in _COACH_FIX.items():
        reason = reason.replace(raise_option, fix)
    return reason


def _jsonl_one(text: str) -> Any:
    """A JSONL string: exactly one conversation line is expected."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(lines) > 1:
        try:
            objs = [json.loads(ln) for ln in lines]
        except json.JSONDecodeError as exc:
            raise CoachInputError(f"context: invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
        raise CoachInputError(f"context: holds {len(objs)} JSON values; give one conversation")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CoachInputError(f"context: invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None


def _messages(raw: Sequence[Any]) -> list[Message]:
    out: list[Message] = []
    for i, m in enumerate(raw):
        at = f"context.messages[{i}]"
        if not isinstance(m, Mapping):
            raise CoachInputError(f"{at}: a message must be an object with 'role' and 'text'")
        role = _ROLES(m["role"]) if isinstance(m.get("role"), str) else None
        if role is None:
            raise CoachInputError(f"{at}.role: {_ROLES.unknown(m.get('role'))}")
        problem = check_text(m.get("text"), MAX_MESSAGE_CHARS)
        if problem:
            raise CoachInputError(f"{at}.text: {_coach_reason(problem)}")
        sent_at = None
        if isinstance(m.get("sent_at"), str) and m["sent_at"]:
            try:
                sent_at = parse_iso(m["sent_at"])
            except ValueError:
                sent_at = None  # a bad time only costs the time, as in the readers
        out.append(Message(f"c{i + 1}", role, str(m["text"]), author=_author(m.get("author"), at),  # type: ignore[arg-type]
                           sent_at=sent_at))
    return out


def _author(value: Any, at: str) -> str | None:
    """A message's author: text, or a number (a user id); anything else is refused, not
    turned into a Python repr."""
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise CoachInputError(f"{at}.author: must be a string, not {type(value).__name__}")
    if problem := not_unicode(value, "author"):
        raise CoachInputError(f"{at}.author: {problem}")
    return value


def _transcript(text: str) -> list[Message]:
    # The transcript reader's parser works on numbered lines, so a string needs no temp file.
    lines: Iterator[tuple[int, str | None, str | None]] = (
        (n, line, None) for n, line in enumerate(text.replace("\r\n", "\n").split("\n"), 1))
    items = list(_Parser(Path("context"), _OPTIONS).run(lines))
    errors = [e for e in items if isinstance(e, RecordError) and not e.reason.startswith("warning:")]
    if errors:
        e = errors[0]
        raise CoachInputError(f"context line {e.line}: {_coach_reason(e.reason)}")
    convs = [c for c in items if not isinstance(c, RecordError)]
    if not convs:
        raise CoachInputError("context: no messages found; use 'Customer: ...' / 'Agent: ...' lines or JSON")
    if len(convs) > 1:
        raise CoachInputError(f"context: holds {len(convs)} conversations (separated by '---' or two blank lines); "
                              "give one")
    return [Message(f"c{i + 1}", m.role, m.text, author=m.author, sent_at=m.sent_at)
            for i, m in enumerate(convs[0].messages)]


def load_context_arg(value: str) -> str:
    """CLI ``--context FILE_OR_TEXT``: a readable file's content, else the text itself.

    A value that looks like a path (a separator or a file suffix, on one line that is not a
    ``Speaker: ...`` line or JSON) but names no file is a mistyped path: said so, rather than
    parsed as a transcript that has no speaker line."""
    if "\n" not in value and len(value) < 4096:
        p = Path(value).expanduser()
        if p.is_dir():
            raise CoachInputError(f"--context {value}: is a directory; give a file, or the conversation text")
        if p.is_file():
            try:
                # utf-8-sig, as the readers: a BOM (Windows Notepad) is not text before the first speaker
                return p.read_text(encoding="utf-8-sig")
            except UnicodeDecodeError:
                raise CoachInputError(f"--context {value}: not UTF-8 text") from None
            except OSError as exc:
                raise CoachInputError(f"--context {value}: cannot read: {exc.strerror}") from None
        if _looks_like_path(value):
            raise CoachInputError(f"--context {value}: no such file; check the path, or give the conversation "
                                  "itself ('Customer: ...' lines or JSON)")
    if problem := argv_not_utf8(value):
        raise CoachInputError(f"--context is {problem}")
    return value


def _looks_like_path(value: str) -> bool:
    text = value.strip()
    if not text or text[0] in "{[" or SPEAKER_LINE.match(text):
        return False
    return "/" in text or os.sep in text or text.lower().endswith(_FILE_SUFFIXES)


def argv_not_utf8(value: str) -> str | None:
    """Why a command-line argument is not UTF-8 text (a byte the terminal or script sent in
    another encoding), or None."""
    m = _ARGV_BYTE.search(value)
    if m is None:
        return None
    return (f"not UTF-8 text: byte 0x{ord(m.group()) - 0xdc00:02x} at character {m.start() + 1}; "
            "set the terminal or script to UTF-8")
