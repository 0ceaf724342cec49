"""Practice scenarios: validated YAML files under ``practice/scenarios/``.

A scenario is data, not code: the persona, the IT problem with its hidden facts, the steps
that fix it, the customer's lines for each situation, the behaviour rules and the success
criteria. Unknown keys are rejected so a typo in a scenario fails loudly, with the file and
the field named (see docs/practice.md for the format).
"""

from __future__ import annotations

import difflib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator, model_validator

from ..config import StrictModel, format_validation_error, read_text_file, yaml_mapping
from ..errors import ConfigError, InputError

# Situations the engine picks a customer line for; a scenario must give the REQUIRED ones.
REQUIRED_LINES = ("opening", "angry", "calmer", "confused", "repeat_question", "goes_quiet",
                  "wrong_step", "waiting", "resolved", "thanks")
OPTIONAL_LINES = ("needs_time", "still_working", "not_yet", "nudge")
BEHAVIOURS = ("empathy", "active_listening", "calm_positive_tone", "professional_courtesy", "handling_repeats",
              "clear_explanations", "respecting_pace", "troubleshooting_communication", "de_escalation",
              "trust_follow_through")
SIDES = ("clarifying_questions", "angry_customer", "emotional_user", "repeated_questions", "non_technical",
         "slow_user", "lost_trust", "long_troubleshooting")


class UnknownScenarioError(InputError):
    """No scenario with that id; the message lists the ones that exist."""


class Persona(StrictModel):
    name: str
    role: str
    technical_level: Literal["low", "medium", "high"]
    mood: str
    pace: Literal["slow", "normal", "fast"]
    # Short finding names (e.g. "pressure", "jargon", "empathy"): their effect is amplified.
    upset_by: list[str] = []
    calmed_by: list[str] = []

    @field_validator("upset_by", "calmed_by")
    @classmethod
    def _known_findings(cls, names: list[str]) -> list[str]:
        # a typo would silently never amplify anything
        from .state import effects_table

        known = sorted(label.split(".", 1)[-1] for label in effects_table()["findings"])
        for name in names:
            if name not in known:
                close = difflib.get_close_matches(name, known, n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                raise ValueError(f"unknown finding '{name}'; {hint}use one of: {', '.join(known)}")
        return names


class Fact(StrictModel):
    """Something the customer knows but only says when asked about it."""

    id: str
    fact: str
    ask: list[str] = Field(min_length=1, description="Questions that uncover it (matched by meaning).")
    keywords: list[str] = []
    reveal: list[str] = Field(min_length=1, description="The customer's lines when it is uncovered.")


class Step(StrictModel):
    """One resolution step the trainee must give, once the facts it needs are known."""

    id: str
    description: str
    say: list[str] = Field(min_length=1, description="Ways a trainee might give the step (matched by meaning).")
    keywords: list[str] = []
    requires: list[str] = []  # fact ids
    progress: list[str] = Field(min_length=1, description="The customer's lines once the step is done.")


class WrongStep(StrictModel):
    id: str
    say: list[str] = Field(min_length=1)
    keywords: list[str] = []
    reply: list[str] = Field(min_length=1)


class Problem(StrictModel):
    summary: str
    root_cause: str
    facts: list[Fact] = Field(min_length=1)
    steps: list[Step] = Field(min_length=1)
    wrong_steps: list[WrongStep] = []


class Rules(StrictModel):
    repeats_unclear: bool = True  # asks again when the answer was jargon or confusing
    needs_time: bool = False  # a step takes a turn to carry out; new steps meanwhile confuse
    quiet_when_rushed: bool = False  # pressure makes them go quiet instead of answering
    asks_again_every: int | None = Field(None, ge=2)  # repeats their worry every N turns, whatever is said
    wants_updates: bool = False  # during the fix, each turn without a progress update annoys


class Start(StrictModel):
    anger: float = Field(ge=0, le=1)
    confusion: float = Field(0.1, ge=0, le=1)
    trust: float = Field(0.5, ge=0, le=1)


class Success(StrictModel):
    resolved: bool = True
    max_anger: float = Field(0.35, ge=0, le=1)
    min_trust: float = Field(0.5, ge=0, le=1)
    facts: list[str] = []  # fact ids that must be uncovered


class Scripts(StrictModel):
    patient: list[str] = Field(min_length=2)
    impatient: list[str] = Field(min_length=2)


class Scenario(StrictModel):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    summary: str
    sides: list[Literal[SIDES]] = Field(min_length=1)  # type: ignore[valid-type]
    topic: str
    targets: list[Literal[BEHAVIOURS]] = Field(min_length=1)  # type: ignore[valid-type]
    persona: Persona
    start: Start
    problem: Problem
    rules: Rules = Rules()
    lines: dict[str, list[str]]
    success: Success = Success()
    test_scripts: Scripts

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        missing = [k for k in REQUIRED_LINES if not self.lines.get(k)]
        if missing:
            raise ValueError(f"lines: missing situations {missing}")
        unknown = sorted(set(self.lines) - set(REQUIRED_LINES) - set(OPTIONAL_LINES))
        if unknown:
            raise ValueError(f"lines: unknown situations {unknown} (known: {REQUIRED_LINES + OPTIONAL_LINES})")
        fact_ids = [f.id for f in self.problem.facts]
        step_ids = [s.id for s in self.problem.steps]
        for ids, what in ((fact_ids, "facts"), (step_ids, "steps")):
            if len(set(ids)) != len(ids):
                raise ValueError(f"problem.{what}: ids must be unique")
        for s in self.problem.steps:
            bad = set(s.requires) - set(fact_ids)
            if bad:
                raise ValueError(f"problem.steps[{s.id}].requires: unknown facts {sorted(bad)}")
        bad = set(self.success.facts) - set(fact_ids)
        if bad:
            raise ValueError(f"success.facts: unknown facts {sorted(bad)}")
        return self

    def line_options(self, situation: str) -> list[str]:
        return self.lines.get(situation) or []

    def summary_dict(self) -> dict[str, object]:
        p = self.persona
        return {"id": self.id, "title": self.title, "summary": self.summary, "topic": self.topic,
                "sides": list(self.sides), "targets": list(self.targets),
                "persona": {"name": p.name, "role": p.role, "technical_level": p.technical_level,
                            "mood": p.mood, "pace": p.pace}}


def parse_scenario(text: str, source: str) -> Scenario:
    """Validate one scenario's YAML text; errors name the file and the field."""
    data, root = yaml_mapping(text, source, "a scenario is a mapping with 'id', 'persona', 'problem', 'lines'...")
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        message = format_validation_error(exc, source, root).replace("invalid configuration", "invalid scenario")
        if any(e["type"] == "string_type" for e in exc.errors()):
            # The usual cause: YAML reads yes/no/on/off as booleans and 4:02 or 192.168 as numbers.
            message += "\n  (put text that YAML reads as a number or yes/no in quotes, e.g. \"4:02\", \"yes\")"
        raise ConfigError(message) from exc


def load_scenario_file(path: str | Path) -> Scenario:
    return parse_scenario(read_text_file(path, "scenario"), str(path))


@lru_cache(maxsize=1)
def load_scenarios() -> dict[str, Scenario]:
    """The built-in scenarios by id, in file-name order (validated once per process)."""
    folder = resources.files("patiently") / "practice" / "scenarios"
    out: dict[str, Scenario] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        sc = parse_scenario(entry.read_text(encoding="utf-8"), f"practice/scenarios/{entry.name}")
        if sc.id in out:
            raise ConfigError(f"practice/scenarios/{entry.name}: duplicate scenario id {sc.id!r}")
        out[sc.id] = sc
    return out


def get_scenario(name: str) -> Scenario:
    """A built-in scenario by id, or a scenario YAML file by path."""
    scenarios = load_scenarios()
    if name in scenarios:
        return scenarios[name]
    if name.endswith((".yaml", ".yml")) or Path(name).exists():
        return load_scenario_file(name)  # a file, or the reason it cannot be read
    raise UnknownScenarioError(f"no scenario {name!r}; choose one of: {', '.join(scenarios)} "
                               "(or give a scenario .yaml file)")
