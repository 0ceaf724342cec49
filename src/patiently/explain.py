"""``patiently explain``: one conversation in the terminal, evidence highlighted.

Library functions return rich renderables and never print, so the CLI decides where output
goes (and tests can render to text). Highlighting uses the same :func:`highlight` helper
as the HTML report, so the terminal and the report always mark the same characters.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from io import StringIO
from pathlib import Path
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from .errors import RecordError
from .readers import SkippedRecord
from .report.spans import (
    Segment,
    finding_kind,
    highlight,
    label_kinds,
    message_marks,
    message_notes,
    pretty_label,
)
from .rubric import Rubric, load_rubric
from .terminal import visible
from .textcheck import finite_tree

# Foreground styles (not backgrounds) so the marks read on dark and light terminals alike;
# underline carries the meaning where colour is not shown (NO_COLOR, some pagers).
STYLES: dict[str, str] = {
    "good": "bold green underline",
    "bad": "bold red underline",
    "warn": "bold dark_orange underline",
    "customer": "bold bright_blue underline",
    "context": "magenta underline",
    "info": "underline",
}
ROLE_STYLES = {"customer": "bold bright_blue", "agent": "bold green", "system": "dim"}
LEGEND = {"good": "patient", "bad": "impatient", "warn": "minor issue", "customer": "customer state",
          "context": "trajectory"}
AGENT_INDENT = 8  # agent messages are indented, like the right-hand side of a chat


def _score_style(score: float | None) -> str:
    if score is None:
        return "dim"
    return "green" if score >= 80 else "yellow" if score >= 65 else "red"


def _fmt(score: float | None) -> str:
    return "–" if score is None else f"{score:.0f}"


def styled_text(segments: list[Segment]) -> Text:
    """A rich Text with each highlighted segment styled by the kind that wins there."""
    text = Text()
    for seg in segments:
        text.append(seg.text, style=STYLES.get(seg.kind or "", "") if seg.marks else "")
    return text


def _header(result: Mapping[str, Any]) -> RenderableType:
    overall = (result.get("scores") or {}).get("overall")
    title = Text.assemble(("Conversation ", "bold"), (str(result.get("id")), "bold"),
                          (f" — {result['subject']}" if result.get("subject") else "", "bold"))
    facts = [f"{result.get('n_messages', len(result.get('messages') or []))} messages"]
    if result.get("channel"):
        facts.insert(0, str(result["channel"]))
    if result.get("agents"):
        facts.append("agents: " + ", ".join(result["agents"]))
    line = Text.assemble("patience ", (_fmt(overall), f"bold {_score_style(overall)}"), "  ·  ", " · ".join(facts))
    legend = Text("  ").join(Text(name, style=STYLES[k]) for k, name in LEGEND.items())
    note = Text("Scores are for coaching, never for discipline: read the evidence in context.", style="dim italic")
    return Group(title, line, Text.assemble("highlights: ", legend), note)


def _when(sent_at: Any, previous_day: str | None) -> tuple[str, str | None]:
    """The time shown beside an author: ``HH:MM``, with the date in front on the first timed
    message and whenever the day changes (a 3-day wait read as two minutes without it). Times
    of clock-only transcripts sit on 1970-01-01 (their date is unknown) and show no date."""
    text = str(sent_at or "")
    if len(text) < 16:
        return "", previous_day
    day, clock = text[:10], text[11:16]
    if day.startswith("1970-01-0") or day == previous_day:
        return clock, day
    return f"{day} {clock}", day


def _message(m: Mapping[str, Any], segments: list[Segment], notes: list[dict[str, Any]],
             findings: list[tuple[str, str, str]], when: str = "") -> RenderableType:
    role = m.get("role") or "system"
    head = Text.assemble((str(m.get("author") or role), ROLE_STYLES.get(role, "")),
                         (f" ({role})" if role != "agent" or not m.get("author") else "", "dim"),
                         (f"  {when}" if when else "", "dim"))
    parts: list[RenderableType] = [head, styled_text(segments)]
    # A terminal has no hover titles: say under the message what each highlight is.
    for label, kind, explanation in findings:
        parts.append(Padding(Text.assemble(("▸ ", STYLES.get(kind, "")), (pretty_label(label), STYLES.get(kind, "")),
                                           (f": {explanation}" if explanation else "", "dim")), (0, 0, 0, 2)))
    for n in notes:
        style = "green" if n["positive"] else "red"
        parts.append(Padding(Text.assemble((f"{n['points']:+.0f}", f"bold {style}"),
                                           (f" {n['behaviour_title']}: ", style), (str(n.get("note") or ""), "")),
                             (0, 0, 0, 2)))
    indent = AGENT_INDENT if role == "agent" else 4 if role == "system" else 0
    return Padding(Group(*parts), (0, 0, 1, indent))


def score_table(result: Mapping[str, Any], rubric: Rubric, reasons: int = 3) -> Table:
    """Behaviour, score and the main reasons (largest credits/deductions first)."""
    table = Table(title="Scores", title_justify="left", expand=True, show_lines=False)
    table.add_column("Behaviour", no_wrap=True)
    table.add_column("Score", justify="right")
    table.add_column("Main reasons", ratio=1)
    details = result.get("score_details") or {}
    for name in list(rubric.behaviours) + [b for b in details if b not in rubric.behaviours]:
        if name not in details:
            continue
        detail = details[name]
        score = detail.get("score")
        items = sorted(detail.get("items", []), key=lambda i: -abs(i["points"]))
        why = Text()
        for i, item in enumerate(items[:reasons]):
            if i:
                why.append("\n")
            why.append(f"{item['points']:+.0f} ", style="bold green" if item["points"] >= 0 else "bold red")
            why.append(str(item.get("note") or pretty_label(item["label"])))
            if item.get("message_id") is not None:
                why.append(f" (msg {item['message_id']})", style="dim")
        if len(items) > reasons:
            why.append(f"\n… {len(items) - reasons} more", style="dim")
        if not items:
            why = Text("not applicable" if score is None else "baseline: nothing found", style="dim")
        title = rubric.behaviours[name].title if name in rubric.behaviours else name
        # a custom rubric's title is the user's text: no markup ("[/x]" raised), no escape codes
        table.add_row(Text(visible(title, "")), Text(_fmt(score), style=_score_style(score)), why)
    overall = (result.get("scores") or {}).get("overall")
    table.add_section()
    table.add_row(Text("Overall patience", style="bold"), Text(_fmt(overall), style=f"bold {_score_style(overall)}"),
                  Text("weighted mean of the behaviours that apply" + (
                      f"; one at its baseline counts {rubric.unobserved_weight:g} of its weight"
                      if rubric.unobserved_weight < 1 else ""), style="dim"))
    return table


def render_conversation(result: Mapping[str, Any], rubric: Rubric | None = None) -> list[RenderableType]:
    """Renderables for one result dict: header, transcript with highlights and notes, scores."""
    rubric = rubric or load_rubric()
    kinds = label_kinds(rubric)
    titles = {k: visible(b.title, "") for k, b in rubric.behaviours.items()}
    marks = message_marks(result, kinds)
    notes = message_notes(result, titles)
    per_message: dict[str, list[tuple[str, str, str]]] = {}
    for f in result.get("findings") or []:
        label = str(f.get("label", ""))
        if f.get("message_id") is not None:
            per_message.setdefault(str(f["message_id"]), []).append(
                (label, finding_kind(label, kinds), str(f.get("explanation") or "")))
    out: list[RenderableType] = [_header(result), Rule(style="dim")]
    messages = result.get("messages") or []
    if not messages:
        out.append(Text("Messages were not stored in this result (analysed with --no-messages).", style="dim"))
    day: str | None = None
    for m in messages:
        mid = str(m.get("id"))
        when, day = _when(m.get("sent_at"), day)
        out.append(_message(m, highlight(str(m.get("text") or ""), marks.get(mid, [])), notes.get(mid, []),
                            list(dict.fromkeys(per_message.get(mid, []))), when))
    for e in result.get("errors") or []:
        out.append(Text(f"detector error: {e.get('detector')}: {e.get('error')}", style="yellow"))
    out.append(score_table(result, rubric))
    return out


def explain_to_text(result: Mapping[str, Any], width: int = 100, rubric: Rubric | None = None) -> str:
    """The explanation as plain text (for tests and for piping)."""
    console = Console(record=True, width=width, file=StringIO(), color_system=None)
    for part in render_conversation(result, rubric):
        console.print(part)
    return console.export_text()


def result_json(result: Mapping[str, Any]) -> str:
    """``explain --json``: the result as strict JSON. A NaN or Infinity (from a results file
    that holds one: Python's json reads them) is written as null, never as ``NaN``, which no
    JSON reader accepts."""
    return json.dumps(finite_tree(result), indent=2, ensure_ascii=False, allow_nan=False)


def missing_message(skipped: SkippedRecord | None, paths: Iterable[str | Path], conversation_id: str) -> str:
    if skipped is not None:
        return skipped_message(skipped, conversation_id)
    return f"no conversation {conversation_id!r} in {', '.join(str(p) for p in paths)}"


def skipped_message(error: RecordError, conversation_id: str) -> str:
    what = f"{error.field}: {error.reason}" if error.field else error.reason
    return f"conversation {conversation_id!r} ({error.file}:{error.line}) was skipped as a bad record: {what}"
