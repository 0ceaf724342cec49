"""Text from the input made harmless to print on a terminal.

Names, texts and scenario lines come from exports and files that anyone may have written
(a customer names themselves). An escape sequence in one would clear the screen, recolour
the table, set the window title or print a fake line when the CLI shows it. Control
characters are therefore shown as their Unicode pictures (ESC as ␛, a carriage return as
␍) and the C1 controls (U+0080 to U+009F) as U+FFFD: one character for one, so evidence
offsets into a text still point at the same characters. Rich markup is another matter:
callers still escape it (or print ``Text``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

_C1 = re.compile("[\x7f-\x9f]")


@cache
def _table(keep: str) -> dict[int, int]:
    table = {c: 0x2400 + c for c in range(0x20)}  # U+2400..U+241F: the C0 control pictures
    table[0x7F] = 0x2421  # DEL
    table.update(dict.fromkeys(range(0x80, 0xA0), 0xFFFD))
    for ch in keep:
        table.pop(ord(ch), None)
    return table


def visible(text: str, keep: str = "\n\t") -> str:
    """``text`` with its control characters (but those in ``keep``) made visible."""
    return text.translate(_table(keep))


def visible_tree(value: Any, keep: str = "\n\t") -> Any:
    """:func:`visible` on every string (keys too) of a decoded JSON-like value."""
    if isinstance(value, str):
        return visible(value, keep)
    if isinstance(value, Mapping):
        return {visible_tree(k, keep): visible_tree(v, keep) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [visible_tree(v, keep) for v in value]
    return value


def json_for_terminal(text: str) -> str:
    """JSON written with ``ensure_ascii=False`` with DEL and the C1 controls as ``\\u`` escapes
    (the encoder escapes only the C0 ones): the same JSON, safe on a terminal. These characters
    can only be inside strings, where an escape means the same character."""
    return _C1.sub(lambda m: f"\\u{ord(m[0]):04x}", text)
