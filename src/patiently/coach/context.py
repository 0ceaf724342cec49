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
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import InputError, RecordError
from ..model import Message
from ..readers._common import ReadOptions, RoleMapper, check_text, parse_iso
from ..readers.transcript import _Parser

MAX_CONTEXT_MESSAGES = 20
MAX_MESSAGE_CHARS = 20_000
_OPTIONS = ReadOptions(max_message_chars=MAX_MESSAGE_CHARS, max_messages=10_000)
_ROLES = RoleMapper(None)


class CoachInputError(InputError, ValueError):
    """A draft or a context the coach cannot use; the message says what to fix."""


ContextInput = str | Mapping[str, Any] | Sequence[Mapping[str, Any]] | None


def parse_context(context: ContextInput) -> list[Message]:
    """Context messages (all of them, in order); raises CoachInputError on malformed input."""
    if context is None:
        return []
    if isinstance(context, str):
        text = context.strip()
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
            raise CoachInputError(f"{at}.text: {problem}")
        sent_at = None
        if isinstance(m.get("sent_at"), str) and m["sent_at"]:
            try:
                sent_at = parse_iso(m["sent_at"])
            except ValueError:
                sent_at = None  # a bad time only costs the time, as in the readers
        author = m.get("author")
        out.append(Message(f"c{i + 1}", role, str(m["text"]), author=None if author is None else str(author),  # type: ignore[arg-type]
                           sent_at=sent_at))
    return out


def _transcript(text: str) -> list[Message]:
    # The transcript reader's parser works on numbered lines, so a string needs no temp file.
    lines: Iterator[tuple[int, str | None, str | None]] = (
        (n, line, None) for n, line in enumerate(text.replace("\r\n", "\n").split("\n"), 1))
    items = list(_Parser(Path("context"), _OPTIONS).run(lines))
    errors = [e for e in items if isinstance(e, RecordError) and not e.reason.startswith("warning:")]
    if errors:
        e = errors[0]
        raise CoachInputError(f"context line {e.line}: {e.reason}")
    convs = [c for c in items if not isinstance(c, RecordError)]
    if not convs:
        raise CoachInputError("context: no messages found; use 'Customer: ...' / 'Agent: ...' lines or JSON")
    if len(convs) > 1:
        raise CoachInputError(f"context: holds {len(convs)} conversations (separated by '---' or blank lines); "
                              "give one")
    return [Message(f"c{i + 1}", m.role, m.text, author=m.author, sent_at=m.sent_at)
            for i, m in enumerate(convs[0].messages)]


def load_context_arg(value: str) -> str:
    """CLI ``--context FILE_OR_TEXT``: a readable file's content, else the text itself."""
    if "\n" not in value and len(value) < 4096:
        p = Path(value)
        if p.is_file():
            try:
                return p.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                raise CoachInputError(f"--context {value}: not UTF-8 text") from None
            except OSError as exc:
                raise CoachInputError(f"--context {value}: cannot read: {exc.strerror}") from None
    return value
