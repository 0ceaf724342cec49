"""Text the database can store: valid Unicode (no lone surrogate) without NUL characters
(:mod:`patiently.textcheck`), refused at the door with the field named."""

from __future__ import annotations

from typing import Any

from ..textcheck import SURROGATE, bad_strings, field_path, problem

__all__ = ["SURROGATE", "bad_text_in", "text_problem"]


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be stored as text ("is not valid Unicode: ...", "contains a NUL
    character ..."), or None."""
    return problem(value, nul=True)


def bad_text_in(value: Any, field: str = "") -> tuple[str, str] | None:
    """The first string (or key) in a JSON value that cannot be stored: (field, problem)."""
    for loc, is_key, why in bad_strings(value, nul=True):
        name = field_path(loc[:-1] if is_key else loc, field)
        return (f"a key in {name or 'the body'}" if is_key else name or "the body"), why
    return None
