#!/usr/bin/env python3
"""Print a Markdown table (id, channel, agents, quality, subject, behaviours) of example conversations.

Usage::

    python scripts/examples_table.py [examples/conversations.jsonl]

``scripts/make_examples.py`` uses it to write the table in ``examples/README.md``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

DEFAULT = Path(__file__).resolve().parent.parent / "examples" / "conversations.jsonl"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table_from(conversations: Iterable[Mapping[str, Any]]) -> str:
    rows = [
        "| id | channel | agents | quality | subject | behaviours illustrated |",
        "|---|---|---|---|---|---|",
    ]
    for c in conversations:
        agents: dict[str, None] = {}
        for m in c["messages"]:
            if m["role"] == "agent":
                agents.setdefault(m.get("author") or "agent", None)
        labels = c.get("labels") or {}
        covers = ", ".join(f"`{lbl}`" for lbl in labels.get("covers", [])) or "(none: routine)"
        rows.append(
            f"| {c['id']} | {c.get('channel') or ''} | {', '.join(agents)} | "
            f"{labels.get('quality', '')} | {_cell(c.get('subject') or '')} | {covers} |"
        )
    return "\n".join(rows) + "\n"


def markdown_table(path: str | Path = DEFAULT) -> str:
    with open(path, encoding="utf-8") as fh:
        return markdown_table_from(json.loads(line) for line in fh if line.strip())


if __name__ == "__main__":
    sys.stdout.write(markdown_table(sys.argv[1] if len(sys.argv) > 1 else DEFAULT))
