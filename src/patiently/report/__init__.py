"""The HTML report: one self-contained, offline file for team leads and coaches.

    render_report(results, rubric=..., title=..., meta=..., max_detailed=400) -> str
    write_report(path, results, **same) -> Path

``results`` are result dicts (``ConversationResult.to_dict()``, the JSONL schema). The
highlighting helpers in :mod:`patiently.report.spans` are shared with ``patiently explain``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..rubric import Rubric
from .spans import Mark, Segment, highlight

__all__ = ["Mark", "Segment", "highlight", "render_report", "write_report"]


def render_report(results: Sequence[Mapping[str, Any]], *, rubric: Rubric | None = None,
                  title: str = "Patience report", meta: Mapping[str, Any] | None = None,
                  max_detailed: int = 400) -> str:
    """The report as an HTML string. Conversations are detailed worst-first, up to
    ``max_detailed`` (the rest stay in the sortable table) to keep the file readable."""
    from .html import render_html  # jinja2 only when a report is actually rendered

    return render_html(list(results), rubric=rubric, title=title, meta=meta, max_detailed=max_detailed)


def write_report(path: str | Path, results: Sequence[Mapping[str, Any]], **kw: Any) -> Path:
    """Render and write the report (UTF-8); returns the path written."""
    out = Path(path)
    if out.parent and not out.parent.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(results, **kw), encoding="utf-8")
    return out
