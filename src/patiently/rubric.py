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

import difflib
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import Field, ValidationError, field_validator, model_validator

from .config import StrictModel, apply_overrides, read_text_file, read_yaml, yaml_line
from .errors import ConfigError
from .model import Finding
from .textcheck import Loc, bad_strings, field_path

MAX_POINTS = 1000.0  # points and caps are on a 0..100 scale: anything larger is a typo
MAX_WEIGHT = 100.0
# The web app stores "name@version" in String(120) columns: a longer name fails on
# PostgreSQL (SQLite ignores the width), so it is refused here, leaving room for the version.
MAX_NAME_CHARS = 100


class Rule(StrictModel):
    label: str
    points: float = Field(gt=0, le=MAX_POINTS)
    max: float | None = Field(None, gt=0, le=MAX_POINTS)  # cap on the total from this rule
    where: dict[str, str | int | float | bool | None] = {}  # match finding.data fields (e.g. trend: calmed)
    min_score: float = Field(0.0, ge=0, le=1)
    note: str | None = None
    # The rule counts only when one of these labels was found too (in a per-agent score, the
    # agent's own): a customer who calmed down is no credit to an agent who did nothing for it.
    requires: list[str] = []
    requires_note: str | None = None  # the 0-point item's note when ``requires`` is not met
    # ... and only when none of these was found: an answer to a repeated question is no credit
    # to an agent who also answered it with "as I said".
    unless: list[str] = []
    unless_note: str | None = None  # the 0-point item's note when an ``unless`` label was found

    def matches(self, f: Finding) -> bool:
        if f.label != self.label or f.score < self.min_score:
            return False
        return all(f.data.get(k) == v for k, v in self.where.items())


class Expect(StrictModel):
    """Penalty when ``when`` was seen but none of ``any_of`` was."""

    when: str
    any_of: list[str]
    points: float = Field(gt=0, le=MAX_POINTS)
    note: str


class Behaviour(StrictModel):
    title: str
    description: str
    weight: float = Field(1.0, ge=0, le=MAX_WEIGHT)
    baseline: float = Field(75.0, ge=0, le=100)
    always: bool = True  # scored in every conversation; else only when `when` labels occur
    when: list[str] = []
    credits: list[Rule] = []
    deductions: list[Rule] = []
    expect: list[Expect] = []


class Rubric(StrictModel):
    name: str
    version: int = 1
    description: str = ""
    # In the overall score, a behaviour nothing was seen about (no credit, deduction or
    # opportunity: it sits at its baseline) counts with this share of its weight. A baseline is
    # an assumption, not an observation: at full weight the unobserved behaviours pull every
    # conversation towards the mean of the baselines, and a rude agent towards a patient one.
    unobserved_weight: float = Field(1.0, ge=0, le=1)
    behaviours: dict[str, Behaviour]

    @field_validator("name")
    @classmethod
    def _short_name(cls, name: str) -> str:
        if len(name) > MAX_NAME_CHARS:
            raise ValueError(f"at most {MAX_NAME_CHARS} characters, got {len(name):,} (the web app stores "
                             "the rubric as name@version)")
        return name

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
    # Something was seen about it: an item, or an opportunity (a `when` or `expect` label).
    # Without either, the score is the baseline: an assumption (Rubric.unobserved_weight).
    observed: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": None if self.score is None else round(self.score, 1),
            "items": [i.to_dict() for i in self.items],
            "observed": self.observed,
        }


@dataclass(frozen=True)
class RubricProblem:
    """One reason a rubric text does not validate: where (``line`` in the text, 1-based, when
    known) and which field (``behaviours.empathy.credits[0].label``)."""

    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        return f"{where}{self.field}: {self.message}" if self.field else f"{where}{self.message}"


class RubricError(ConfigError):
    """A rubric that does not validate; ``problems`` lists each with its line and field."""

    def __init__(self, source: str, problems: Sequence[RubricProblem], headline: str = "invalid rubric") -> None:
        self.source = source
        self.problems = list(problems)
        super().__init__("\n".join([f"{source}: {headline}", *(f"  {p}" for p in self.problems)]))


def load_rubric(path: str | Path | None = None, overrides: Sequence[str] = ()) -> Rubric:
    """The default rubric, or a user's file, with ``behaviours.empathy.weight=2`` style overrides."""
    if path is None:
        return parse_rubric(default_rubric_text(), "rubrics/default.yaml", overrides)
    return parse_rubric(read_text_file(path, "rubric"), str(path), overrides)


def default_rubric_text() -> str:
    """The built-in rubric's YAML, comments included."""
    return (resources.files("patiently") / "rubrics" / "default.yaml").read_text(encoding="utf-8")


def parse_rubric(text: str, source: str = "rubric", overrides: Sequence[str] = (),
                 labels: Collection[str] | None = None) -> Rubric:
    """A rubric from YAML text, as ``--rubric FILE`` reads it. Raises :class:`RubricError`
    naming the line and field of every problem. With ``labels`` (the labels the detectors
    produce), a rule naming any other label is a problem too: a typo would silently never match."""
    try:
        data, root, shape = read_yaml(text)
        if shape:
            raise RubricError(source, [RubricProblem(*p) for p in shape], "not a plain YAML rubric")
    except ValueError as exc:  # PyYAML's int() on a number of thousands of digits
        raise RubricError(source, [RubricProblem(None, "", f"not valid YAML: {exc}")], "not valid YAML") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        # YAML notices a problem where it stops making sense, often a line after the slip;
        # the line where the unfinished thing started helps find it.
        context, started = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and started and mark and started.line != mark.line:
            problem += f" ({context} started on line {started.line + 1})"
        raise RubricError(source, [RubricProblem(mark.line + 1 if mark else None, "", f"not valid YAML: {problem}")],
                          "not valid YAML") from exc
    if not isinstance(data, dict):
        raise RubricError(source, [RubricProblem(1, "", "a rubric is a mapping with 'name' and 'behaviours'")])
    data = apply_overrides(data, list(overrides), what="rubric field")
    # "--set empathy.weight=2" is a shortcut for behaviours.empathy.weight
    behaviours = data.get("behaviours")
    for key in list(data):
        if isinstance(behaviours, dict) and key in behaviours and isinstance(data[key], dict):
            behaviours[key] = {**behaviours[key], **data.pop(key)}
    overridden = [_override_path(o, data) for o in overrides]
    # First, and alone: the other messages may quote these strings, which cannot be printed.
    if bad_text := _text_problems(root, data, overridden):
        raise RubricError(source, bad_text)
    problems: list[RubricProblem] = []
    rubric: Rubric | None = None
    try:
        rubric = Rubric.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"]) or ("behaviours",)  # whole-rubric checks are about its behaviours
            msg = str(err["msg"]).removeprefix("Value error, ")
            if err["type"] == "extra_forbidden" and len(loc) == 1 and isinstance(data.get("behaviours"), dict):
                msg = (f"neither a rubric field nor a behaviour; behaviours are "
                       f"{', '.join(map(str, data['behaviours']))}")
            problems.append(_problem(root, loc, msg, overridden))
    if labels is not None:
        known = sorted(set(labels))
        for loc, label in _label_fields(data):
            if label not in known:
                close = difflib.get_close_matches(label, known, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                problems.append(_problem(root, loc, f"unknown label '{label}'{hint}", overridden))
    if problems or rubric is None:
        problems.sort(key=lambda p: (p.line or 0, p.field))
        raise RubricError(source, problems)
    return rubric




def _problem(root: yaml.Node | None, loc: Loc, msg: str, overridden: Sequence[Loc]) -> RubricProblem:
    # A value set by --set has no line in the text: naming one would point at the wrong value.
    # --set rubric.empathyy.weight=2 is reported at the key it added ("empathyy"), above the path set
    from_set = any(loc[:len(o)] == o or o[:len(loc)] == loc for o in overridden)
    if from_set:
        return RubricProblem(None, field_path(loc), f"{msg} (from --set)")
    return RubricProblem(yaml_line(root, loc), field_path(loc), msg)


def _text_problems(root: yaml.Node | None, data: Any, overridden: Sequence[Loc]) -> list[RubricProblem]:
    """Every key and string value holding text no page or database can take (textcheck): a
    lone surrogate, or a NUL (PostgreSQL refuses it). A key is named by its mapping: the key
    itself cannot be printed."""
    problems = []
    for loc, is_key, why in bad_strings(data, nul=True):
        found = _problem(root, loc, f"{'a key' if is_key else 'text'} {why}", overridden)
        problems.append(RubricProblem(found.line, field_path(loc[:-1]), found.message) if is_key else found)
    problems.sort(key=lambda p: (p.line or 0, p.field))
    return problems


def _override_path(item: str, data: Mapping[str, Any]) -> Loc:
    parts: list[str | int] = [int(p) if p.isdigit() else p for p in item.partition("=")[0].strip().split(".")]
    if parts and parts[0] in (data.get("behaviours") or {}) and parts[0] not in Rubric.model_fields:
        parts.insert(0, "behaviours")
    return tuple(parts)


def _label_fields(data: Mapping[str, Any]) -> Iterator[tuple[Loc, str]]:
    """Every place a rubric names a finding label, read leniently (shape errors are pydantic's)."""
    behaviours = data.get("behaviours")
    if not isinstance(behaviours, dict):
        return
    for name, b in behaviours.items():
        if not isinstance(b, dict):
            continue
        base: Loc = ("behaviours", str(name))
        for i, label in enumerate(_as_list(b.get("when"))):
            if isinstance(label, str):
                yield (*base, "when", i), label
        for kind in ("credits", "deductions"):
            for i, rule in enumerate(_as_list(b.get(kind))):
                if isinstance(rule, dict) and isinstance(rule.get("label"), str):
                    yield (*base, kind, i, "label"), rule["label"]
                if isinstance(rule, dict):
                    for key in ("requires", "unless"):
                        for j, label in enumerate(_as_list(rule.get(key))):
                            if isinstance(label, str):
                                yield (*base, kind, i, key, j), label
        for i, exp in enumerate(_as_list(b.get("expect"))):
            if not isinstance(exp, dict):
                continue
            if isinstance(exp.get("when"), str):
                yield (*base, "expect", i, "when"), exp["when"]
            for j, label in enumerate(_as_list(exp.get("any_of"))):
                if isinstance(label, str):
                    yield (*base, "expect", i, "any_of", j), label


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def rubric_yaml(rubric: Rubric) -> str:
    """A rubric as YAML that :func:`parse_rubric` reads back to the same rubric: defaults left
    out except each behaviour's weight and baseline (what people look for), one rule a line."""
    data = rubric.model_dump(mode="json", exclude_defaults=True)
    data = {"name": rubric.name, "version": rubric.version, **data}
    full = rubric.model_dump(mode="json")
    for name, b in data.get("behaviours", {}).items():
        keep = {k: b[k] for k in ("title", "description")}
        keep.update(weight=full["behaviours"][name]["weight"], baseline=full["behaviours"][name]["baseline"])
        data["behaviours"][name] = {**keep, **b}
    # width: a long note stays on its rule's line, as in the built-in file
    return yaml.safe_dump(_whole_numbers(data), sort_keys=False, allow_unicode=True, default_flow_style=None,
                          width=10_000)


def _whole_numbers(value: Any) -> Any:
    """15.0 as 15 and 3.5999999999999996 as 3.6: the numbers read as people wrote them
    (pydantic makes them floats again; a weight tripled by the API carries float noise)."""
    if isinstance(value, float):
        value = float(f"{value:.12g}")
        return int(value) if value.is_integer() else value
    if isinstance(value, dict):
        return {k: _whole_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_whole_numbers(v) for v in value]
    return value


Indexed = Sequence[tuple[int, Finding]]


# A label counts for ``requires`` only through a finding this strong: a stock line of sympathy
# (agent.empathy at 0.3) is no acknowledgment that earns a customer's calming down or a repeat.
REQUIRES_MIN_SCORE = 0.5


def _apply(rules: Iterable[Rule], findings: Indexed, sign: float, labels: set[str], strong: set[str]
           ) -> list[Item]:
    """``strong``: the labels found at REQUIRES_MIN_SCORE or more, which ``requires`` reads."""
    items: list[Item] = []
    for rule in rules:
        total = 0.0
        for idx, f in findings:
            if not rule.matches(f):
                continue
            if rule.requires and not strong.intersection(rule.requires):
                # shown at 0 points, so the explanation says why the finding earned nothing
                needs = ", ".join(rule.requires)
                note = rule.requires_note or f"{rule.note or f.explanation} (counts only with {needs})"
                items.append(Item(f.label, 0.0, idx, f.message_id, note))
                break
            if found := labels.intersection(rule.unless):
                note = rule.unless_note or f"{rule.note or f.explanation} (not with {', '.join(sorted(found))})"
                items.append(Item(f.label, 0.0, idx, f.message_id, note))
                break
            pts = rule.points * max(f.score, 0.5)
            if rule.max is not None:
                pts = min(pts, rule.max - total)
            if pts <= 0:
                break
            total += pts
            items.append(Item(f.label, sign * pts, idx, f.message_id, rule.note or f.explanation))
    return items


def score_behaviour(b: Behaviour, findings: Indexed, labels: set[str], strong: set[str]) -> BehaviourScore:
    items = _apply(b.credits, findings, +1, labels, strong) + _apply(b.deductions, findings, -1, labels, strong)
    for exp in b.expect:
        if exp.when in labels and not labels.intersection(exp.any_of):
            idx, first = next((i, f) for i, f in findings if f.label == exp.when)
            items.append(Item(f"missing:{'|'.join(exp.any_of)}", -exp.points, idx, first.message_id, exp.note))
    opportunity = bool(labels.intersection(b.when)) or any(exp.when in labels for exp in b.expect)
    applicable = b.always or opportunity or bool(items)
    if not applicable:
        return BehaviourScore(None)
    score = b.baseline + sum(i.points for i in items)
    return BehaviourScore(max(0.0, min(100.0, score)), items, observed=opportunity or bool(items))


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
    strong = {f.label for _, f in indexed if f.score >= REQUIRES_MIN_SCORE}
    return {name: score_behaviour(b, indexed, labels, strong) for name, b in rubric.behaviours.items()}


def overall(rubric: Rubric, scores: Mapping[str, BehaviourScore]) -> float | None:
    """The weighted mean of the behaviours that apply; one nothing was seen about counts
    ``rubric.unobserved_weight`` of its weight (all of it when nothing was seen at all, so an
    empty conversation still scores the mean of the baselines)."""
    applying = [(rubric.behaviours[n].weight, bs) for n, bs in scores.items() if bs.score is not None]
    for discount in (rubric.unobserved_weight, 1.0):
        num = den = 0.0
        for w, bs in applying:
            w = w if bs.observed else w * discount
            if w > 0 and bs.score is not None:
                num += w * bs.score
                den += w
        if den:
            return round(num / den, 1)
    return None
