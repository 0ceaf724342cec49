"""Text the database can store: valid Unicode (no lone surrogate) without NUL characters.

Python's json reads a ``"\\ud800"`` escape as a lone surrogate, which UTF-8 cannot encode:
stored, it would fail every page that shows it. PostgreSQL refuses a NUL in text. Both are
refused at the door with the field named (:func:`bad_text_in`).
"""

from __future__ import annotations

import re
from typing import Any

# A UTF-16 surrogate on its own (a "\ud800" escape in JSON or YAML) is no character.
SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be stored as text, or None: a lone surrogate is not valid Unicode
    (UTF-8 cannot encode it), and PostgreSQL refuses a NUL character in text."""
    bad = SURROGATE.search(value)
    if bad:
        return f"is not valid Unicode: a lone surrogate at character {bad.start() + 1}"
    nul = value.find("\x00")
    if nul >= 0:
        return f"contains a NUL character (at character {nul + 1}), which cannot be stored"
    return None


def bad_text_in(value: Any, field: str = "") -> tuple[str, str] | None:
    """The first string (or key) in a JSON value that cannot be stored: (field, problem)."""
    if isinstance(value, str):
        problem = text_problem(value)
        return (field or "the body", problem) if problem else None
    if isinstance(value, dict):
        for key, item in value.items():
            problem = text_problem(str(key))
            if problem:  # the key itself can't be shown safely: say where it is
                return f"a key in {field or 'the body'}", problem
            found = bad_text_in(item, f"{field}.{key}" if field else str(key))
            if found:
                return found
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found = bad_text_in(item, f"{field}[{i}]")
            if found:
                return found
    return None
