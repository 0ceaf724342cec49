"""Rubrics: how findings become behaviour scores (0..100) with every point traceable.

A rubric (YAML, validated, unknown keys rejected) lists behaviours. Each starts at a
baseline; ``credits`` add points per matching finding (times its score, capped per rule),
``deductions`` take points away, and ``expect`` rules penalise a missing behaviour when
there was an opportunity for it (the customer was frustrated and nobody acknowledged it).
A behaviour that had no opportunity and no evidence is "not applicable" and does not
count toward the overall score. Scores are a pure function of findings, so stored
findings can be rescored with another rubric at any time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .config import apply_overrides, format_validation_error, yaml_mapping
from .errors import ConfigError
from .model import Finding


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Rule(_Strict):
    label: str
    points: float = Field(gt=0)
    max: float | None = Field(None, gt=0)  # cap on the total from this rule
    where: dict[str, Any] = {}  # match finding.data fields (e.g. trend: calmed)
    min_score: float = Field(0.0, ge=0, le=1)
    note: str | None = None

    def matches(self, f: Finding) -> bool:
        if f.label != self.label or f.score < self.min_score:
            return False
        return all(f.data.get(k) == v for k, v in self.where.items())


class Expect(_Strict):
    """Penalty when ``when`` was seen but none of ``any_of`` was."""

    when: str
    any_of: list[str]
    points: float = Field(gt=0)
    note: str


class Behaviour(_Strict):
    title: str
    description: str
    weight: float = Field(1.0, ge=0)
    baseline: float = Field(75.0, ge=0, le=100)
    always: bool = True  # scored in every conversation; else only when `when` labels occur
    when: list[str] = []
    credits: list[Rule] = []
    deductions: list[Rule] = []
    expect: list[Expect] = []


class Rubric(_Strict):
    name: str
    version: int = 1
    description: str = ""
    behaviours: dict[str, Behaviour]

    @model_validator(mode="after")
    def _has_weight(self) -> Rubric:
        if not self.behaviours:
            raise ValueError("a rubric needs at least one behaviour")
        if sum(b.weight for b in self.behaviours.values()) <= 0:
            raise ValueError("at least one behaviour needs a weight above 0")
        return self

    @property
    def id(self) -> str:
        return f"{self.name}@{self.version}"


@dataclass
class Item:
    """One credit or deduction, linked to the finding that caused it."""

    label: str
    points: float
    finding: int | None  # index into the conversation's findings
    message_id: str | None
    note: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "points": round(self.points, 1),
            "finding": self.finding,
            "message_id": self.message_id,
            "note": self.note,
        }


@dataclass
class BehaviourScore:
    score: float | None
    items: list[Item] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": None if self.score is None else round(self.score, 1),
            "items": [i.to_dict() for i in self.items],
        }


def load_rubric(path: str | Path | None = None, overrides: Sequence[str] = ()) -> Rubric:
    """The default rubric, or a user's file, with ``behaviours.empathy.weight=2`` style overrides."""
    if path is None:
        source = "rubrics/default.yaml"
        text = (resources.files("patiently") / "rubrics" / "default.yaml").read_text(encoding="utf-8")
    else:
        source = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read rubric: {exc}") from exc
    data = yaml_mapping(text, source, "a rubric is a mapping with 'name' and 'behaviours'")
    data = apply_overrides(data, list(overrides), what="rubric field")
    # "--set empathy.weight=2" is a shortcut for behaviours.empathy.weight
    for key in list(data):
        if key in data.get("behaviours", {}) and isinstance(data[key], dict):
            data["behaviours"][key] = {**data["behaviours"][key], **data.pop(key)}
    try:
        return Rubric.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(format_validation_error(exc, source)) from exc


Indexed = Sequence[tuple[int, Finding]]


def _apply(rules: Iterable[Rule], findings: Indexed, sign: float) -> list[Item]:
    items: list[Item] = []
    for rule in rules:
        total = 0.0
        for idx, f in findings:
            if not rule.matches(f):
                continue
            pts = rule.points * max(f.score, 0.5)
            if rule.max is not None:
                pts = min(pts, rule.max - total)
            if pts <= 0:
                break
            total += pts
            items.append(Item(f.label, sign * pts, idx, f.message_id, rule.note or f.explanation))
    return items


def score_behaviour(b: Behaviour, findings: Indexed, labels: set[str]) -> BehaviourScore:
    items = _apply(b.credits, findings, +1) + _apply(b.deductions, findings, -1)
    for exp in b.expect:
        if exp.when in labels and not labels.intersection(exp.any_of):
            idx, first = next((i, f) for i, f in findings if f.label == exp.when)
            items.append(Item(f"missing:{'|'.join(exp.any_of)}", -exp.points, idx, first.message_id, exp.note))
    applicable = b.always or bool(labels.intersection(b.when)) or bool(items)
    if not applicable:
        return BehaviourScore(None)
    score = b.baseline + sum(i.points for i in items)
    return BehaviourScore(max(0.0, min(100.0, score)), items)


def score_findings(
    rubric: Rubric, findings: Sequence[Finding], agent: str | None = None, agent_ids: Iterable[str] = ()
) -> dict[str, BehaviourScore]:
    """Behaviour scores for a conversation, or for one of its agents (their own findings
    plus everything about the customer). Items keep indices into ``findings``."""
    indexed: list[tuple[int, Finding]] = list(enumerate(findings))
    if agent is not None:
        ids = set(agent_ids)
        indexed = [(i, f) for i, f in indexed
                   if not f.label.startswith("agent.") or f.author == agent or f.author not in ids]
    labels = {f.label for _, f in indexed}
    return {name: score_behaviour(b, indexed, labels) for name, b in rubric.behaviours.items()}


def overall(rubric: Rubric, scores: Mapping[str, BehaviourScore]) -> float | None:
    num = den = 0.0
    for name, bs in scores.items():
        w = rubric.behaviours[name].weight
        if bs.score is not None and w > 0:
            num += w * bs.score
            den += w
    return round(num / den, 1) if den else None
