"""Text that can be written out: valid Unicode (no lone surrogate) and, where it is stored, no NUL.

JSON and YAML read a ``"\\ud800"`` escape without its pair as a lone UTF-16 surrogate, which is
no character: UTF-8 cannot encode it, so the tokenizer, every JSON answer and every page that
shows it fail, far from where it came in. PostgreSQL refuses a NUL in text. The readers, the
coach, the rubric and the web app refuse such text where it arrives, naming the field, with
the words of :func:`problem`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from typing import Any

SURROGATE = re.compile("[\ud800-\udfff]")
Loc = tuple[str | int, ...]


def problem(text: str, *, nul: bool = False) -> str | None:
    """What makes ``text`` unwritable ("is not valid Unicode: ..."), or None; ``nul``: a NUL
    character counts too (text that will be stored)."""
    if m := SURROGATE.search(text):
        return (f"is not valid Unicode: a lone surrogate at character {m.start() + 1} "
                f"(\\u{ord(m.group()):04x}, half of a UTF-16 pair)")
    if nul and (i := text.find("\0")) >= 0:
        return f"contains a NUL character (at character {i + 1}), which cannot be stored"
    return None


def text_problem(text: str, what: str = "text", *, nul: bool = False) -> str | None:
    """:func:`problem` with its subject: "author is not valid Unicode: ..."."""
    found = problem(text, nul=nul)
    return f"{what} {found}" if found else None


def walk(value: Any) -> Iterator[tuple[Loc, Any, Any, Any]]:
    """Every node of a decoded JSON/YAML value in document order, as ``(loc, parent, key,
    item)`` (``parent[key] is item``; None, None for the root): a loop, not recursion, so a
    value nested as deep as its parser allowed can be walked. A caller may replace a scalar
    in its parent as it is visited."""
    stack: list[tuple[Loc, Any, Any, Any]] = [((), None, None, value)]
    while stack:
        loc, parent, key, item = stack.pop()
        yield loc, parent, key, item
        if isinstance(item, dict):
            stack.extend(((*loc, k), item, k, v) for k, v in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend(((*loc, i), item, i, v) for i, v in reversed(list(enumerate(item))))


def bad_strings(value: Any, *, nul: bool = False) -> Iterator[tuple[Loc, bool, str]]:
    """Every string of a decoded JSON/YAML value that :func:`problem` refuses, in document
    order, as ``(loc, is_key, problem)``: the path of the string (for a key, the path of its
    value: ``loc[:-1]`` names the mapping, as the key itself cannot be printed)."""
    for loc, _, _, item in walk(value):
        if isinstance(item, str):
            if why := problem(item, nul=nul):
                yield loc, False, why
        elif isinstance(item, dict):
            for key in item:
                if isinstance(key, str) and (why := problem(key, nul=nul)):
                    yield (*loc, key), True, why


def field_path(loc: Loc, under: str | None = None) -> str:
    """``('behaviours', 'empathy', 'credits', 0, 'label')`` as ``behaviours.empathy.credits[0].label``;
    ``under``: the field the value itself is (``messages[2]`` + ``('x',)`` is ``messages[2].x``)."""
    out = under or ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def finite_tree(value: Any) -> Any:
    """A decoded JSON-like value with NaN and ±Infinity as None: JSON has no such numbers, but
    Python's json reads them, so a stored or read conversation may hold one (the web app's JSON
    twins and ``explain --json`` write strict JSON from it)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {k: finite_tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite_tree(v) for v in value]
    return value
