"""Evidence spans -> highlighted segments, shared by the HTML report and ``patiently explain``.

Findings point at characters ``[start, end)`` of a message, and spans from different
findings may overlap (a customer's "ridiculous!!!" is both exasperation and shouting) or
touch. Instead of nesting tags, which breaks as soon as two spans cross, the text is cut at
every span boundary into flat segments, each carrying every mark that covers it. Joining
the segments gives the original text back exactly, so offsets never drift.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from ..rubric import Rubric

# Kinds of evidence, in the order that wins when marks overlap: a problem stays visible
# even where it overlaps something good.
KINDS: tuple[str, ...] = ("bad", "warn", "good", "customer", "context", "info")
KIND_TITLES: dict[str, str] = {
    "good": "patient agent behaviour",
    "bad": "impatient agent behaviour",
    "warn": "minor agent issue",
    "customer": "customer state",
    "context": "customer trajectory",
    "info": "other finding",
}
# Deductions worth at least this many points per finding are shown red, smaller ones orange.
MAJOR_POINTS = 15.0


@dataclass(frozen=True, slots=True)
class Mark:
    """One evidence span to highlight, with what to say about it."""

    start: int
    end: int
    kind: str = "info"
    label: str = ""
    title: str = ""
    finding: int | None = None  # index into the result's findings


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text ``[start, end)`` covered by the same marks (none for plain text)."""

    text: str
    start: int
    end: int
    marks: tuple[Mark, ...] = ()

    @property
    def kind(self) -> str | None:
        """The kind that wins where marks overlap (see ``KINDS``)."""
        if not self.marks:
            return None
        return min((m.kind for m in self.marks), key=_kind_rank)

    @property
    def title(self) -> str:
        """Hover text: one line per distinct mark."""
        seen: dict[str, None] = {}
        for m in self.marks:
            seen.setdefault(m.title or m.label, None)
        return "\n".join(seen)

    @property
    def labels(self) -> list[str]:
        return list(dict.fromkeys(m.label for m in self.marks))


def _kind_rank(kind: str) -> int:
    return KINDS.index(kind) if kind in KINDS else len(KINDS)


def highlight(text: str, spans: Iterable[Mark | tuple[int, int]]) -> list[Segment]:
    """Cut ``text`` into segments at every span boundary.

    Spans are clamped to the text; empty or inverted spans are ignored (a stale result
    must not crash the report). Overlapping spans give a segment per distinct overlap;
    adjacent spans stay separate segments. ``"".join(s.text for s in result) == text``.
    """
    n = len(text)
    marks: list[Mark] = []
    for sp in spans:
        m = sp if isinstance(sp, Mark) else Mark(int(sp[0]), int(sp[1]))
        start, end = max(0, min(n, m.start)), max(0, min(n, m.end))
        if end > start:
            marks.append(m if (start, end) == (m.start, m.end) else
                         Mark(start, end, m.kind, m.label, m.title, m.finding))
    if not marks:
        return [Segment(text, 0, n)] if text else []
    cuts = sorted({0, n, *(m.start for m in marks), *(m.end for m in marks)})
    segments: list[Segment] = []
    for a, b in pairwise(cuts):
        covering = tuple(m for m in marks if m.start <= a and m.end >= b)
        prev = segments[-1] if segments else None
        if prev is not None and prev.marks == covering:  # e.g. two identical spans
            segments[-1] = Segment(prev.text + text[a:b], prev.start, b, covering)
        else:
            segments.append(Segment(text[a:b], a, b, covering))
    return segments


def label_kinds(rubric: Rubric) -> dict[str, str]:
    """Kind of each label the rubric scores: credited agent labels are good, deducted
    ones bad (or warn when minor), customer labels describe the customer's state."""
    kinds: dict[str, str] = {}
    worst: dict[str, float] = {}
    for b in rubric.behaviours.values():
        for rule in b.deductions:
            worst[rule.label] = max(worst.get(rule.label, 0.0), rule.points)
        for rule in b.credits:
            if rule.label.startswith("agent."):
                kinds.setdefault(rule.label, "good")
    for label, pts in worst.items():
        if label.startswith("agent."):
            kinds[label] = "bad" if pts >= MAJOR_POINTS else "warn"
    return kinds


def finding_kind(label: str, kinds: Mapping[str, str]) -> str:
    if label.endswith("_trajectory"):
        return "context"
    if label.startswith("customer."):
        return "customer"
    return kinds.get(label, "info")


def pretty_label(label: str) -> str:
    """``agent.clarifying_question`` -> ``clarifying question``; ``missing:a|b`` -> ``missing a / b``."""
    if label.startswith("missing:"):
        return "missing " + " / ".join(pretty_label(x) for x in label[8:].split("|"))
    return label.split(".", 1)[-1].replace("_", " ")


def message_marks(result: Mapping[str, Any], kinds: Mapping[str, str]) -> dict[str, list[Mark]]:
    """Marks per message id, from every finding's evidence."""
    out: dict[str, list[Mark]] = {}
    for idx, f in enumerate(result.get("findings") or []):
        label = str(f.get("label", ""))
        kind = finding_kind(label, kinds)
        title = f"{pretty_label(label)} ({KIND_TITLES.get(kind, kind)}): {f.get('explanation', '')}".strip()
        for ev in f.get("evidence") or []:
            try:
                mark = Mark(int(ev["start"]), int(ev["end"]), kind, label, title, idx)
            except (KeyError, TypeError, ValueError):
                continue
            out.setdefault(str(ev.get("message_id")), []).append(mark)
    return out


def message_notes(result: Mapping[str, Any], behaviour_titles: Mapping[str, str]) -> dict[str, list[dict[str, Any]]]:
    """Score items (credits and deductions) per message id: the coaching notes to show
    under that message. The same note for the same message is shown once."""
    out: dict[str, list[dict[str, Any]]] = {}
    seen: set[tuple[str, str, str]] = set()
    for behaviour, detail in (result.get("score_details") or {}).items():
        for item in detail.get("items", []):
            mid = item.get("message_id")
            if mid is None:
                continue
            key = (str(mid), str(item.get("note")), behaviour)
            if key in seen:
                continue
            seen.add(key)
            out.setdefault(str(mid), []).append({
                **item,
                "behaviour": behaviour,
                "behaviour_title": behaviour_titles.get(behaviour, behaviour),
                "positive": item.get("points", 0) >= 0,
            })
    for notes in out.values():
        notes.sort(key=lambda i: i["points"])  # deductions (what to work on) first
    return out


def top_labels(result: Mapping[str, Any], kinds: Mapping[str, str], limit: int = 4) -> list[tuple[str, str]]:
    """Distinct finding labels of a conversation as (label, kind), problems first."""
    labels = dict.fromkeys(str(f.get("label", "")) for f in result.get("findings") or [])
    ranked = sorted(labels, key=lambda lab: _kind_rank(finding_kind(lab, kinds)))
    return [(lab, finding_kind(lab, kinds)) for lab in ranked[:limit]]


def sort_worst_first(results: Sequence[Mapping[str, Any]]) -> list[int]:
    """Indices of results, lowest overall score first; unscored conversations last."""
    def key(i: int) -> tuple[int, float, int]:
        s = (results[i].get("scores") or {}).get("overall")
        return (1, 0.0, i) if s is None else (0, float(s), i)

    return sorted(range(len(results)), key=key)
