"""The simulated customer's state and the pure function that moves it.

``update(state, move, scenario)`` takes what one trainee message did (the analyser's findings
on it, the hidden facts its questions matched, the resolution steps it gave) and returns the
next state plus every change with its cause, so the debrief can show which move helped and
which hurt. No randomness and no I/O here: the same moves always give the same customer.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .scenario import Scenario

DIMENSIONS = ("anger", "confusion", "trust")


@dataclass(frozen=True)
class CustomerState:
    anger: float
    confusion: float
    trust: float
    facts: tuple[str, ...] = ()  # uncovered fact ids, in the order found
    steps: tuple[str, ...] = ()  # completed step ids
    busy_with: str | None = None  # a step the (slow) customer is still carrying out
    resolved: bool = False
    quiet: bool = False  # went quiet on the last turn (rushed)
    turn: int = 0

    @classmethod
    def initial(cls, scenario: Scenario) -> CustomerState:
        s = scenario.start
        return cls(anger=s.anger, confusion=s.confusion, trust=s.trust)

    def to_dict(self) -> dict[str, Any]:
        return {"anger": round(self.anger, 3), "confusion": round(self.confusion, 3), "trust": round(self.trust, 3),
                "resolved": self.resolved, "facts_uncovered": list(self.facts), "steps_done": list(self.steps),
                "busy_with": self.busy_with, "quiet": self.quiet, "turn": self.turn}


@dataclass(frozen=True)
class Move:
    """What one trainee message did, as the analyser and the matchers saw it."""

    findings: tuple[tuple[str, float], ...] = ()  # (label, score) on the trainee's message
    facts: tuple[str, ...] = ()  # fact ids its questions matched
    steps: tuple[str, ...] = ()  # step ids it gave
    wrong_steps: tuple[str, ...] = ()

    def has(self, label: str) -> bool:
        return any(lab == label for lab, _ in self.findings)


@dataclass(frozen=True)
class Effect:
    """One cause (``agent.empathy``, ``fact:home_wifi``, ``event:wrong_step``) and its changes."""

    cause: str
    deltas: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        return {"cause": self.cause, **{k: round(v, 3) for k, v in self.deltas.items() if v}}


@dataclass(frozen=True)
class Outcome:
    """The events of a turn the engine turns into the customer's reply."""

    revealed: tuple[str, ...] = ()
    done: tuple[str, ...] = ()
    started: str | None = None  # a step the customer is now carrying out (needs time)
    wrong: tuple[str, ...] = ()
    too_early: bool = False
    unexplained: bool = False
    busy_conflict: bool = False
    no_update: bool = False
    resolved_now: bool = False
    effects: tuple[Effect, ...] = field(default_factory=tuple)


@lru_cache(maxsize=1)
def effects_table() -> dict[str, Any]:
    text = (resources.files("patiently") / "practice" / "effects.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _clamp(x: float) -> float:
    return max(0.0, min(1.0, x))


def finding_effect(label: str, score: float, scenario: Scenario) -> dict[str, float]:
    """The change one finding makes to this persona (why: the same words land differently
    on an expert and a novice, on someone who hates being rushed and someone who does not)."""
    table = effects_table()
    base = table["findings"].get(label)
    if not base:
        return {}
    p = scenario.persona
    short = label.split(".", 1)[-1]
    out: dict[str, float] = {}
    for dim, value in base.items():
        v = float(value) * max(score, 0.5)
        if label == "agent.jargon":
            v *= table["jargon_scale"][p.technical_level]
        hurts = (dim in ("anger", "confusion") and v > 0) or (dim == "trust" and v < 0)
        helps = (dim == "anger" and v < 0) or (dim == "trust" and v > 0)
        if (hurts and short in p.upset_by) or (helps and short in p.calmed_by):
            v *= table["persona_scale"]
        out[dim] = v
    return out


def update(state: CustomerState, move: Move, scenario: Scenario) -> tuple[CustomerState, Outcome]:
    """The customer after one trainee message, and what happened on the way."""
    events = effects_table()["events"]
    rules = scenario.rules
    effects: list[Effect] = []
    for label, score in move.findings:
        d = finding_effect(label, score, scenario)
        if d:
            effects.append(Effect(label, d))

    quiet = rules.quiet_when_rushed and move.has("agent.pressure")
    jargon_hurts = move.has("agent.jargon") and scenario.persona.technical_level == "low"
    facts = list(state.facts)
    done = list(state.steps)
    revealed: list[str] = []
    finished: list[str] = []
    started: str | None = None
    busy = state.busy_with
    too_early = unexplained = conflict = False

    if not quiet:  # a rushed customer answers nothing: no facts, no progress this turn
        revealed = [f for f in move.facts if f not in facts]
        facts.extend(revealed)
        effects.extend(Effect(f"fact:{f}", dict(events["fact_revealed"])) for f in revealed)
        if busy is not None:  # the slow customer finishes the step they were carrying out
            done.append(busy)
            finished.append(busy)
            busy = None
            if move.steps:  # ...and a new instruction on top of that is one too many
                conflict = True
                effects.append(Effect("event:new_step_while_busy", dict(events["new_step_while_busy"])))
        else:
            order = [s.id for s in scenario.problem.steps]
            for step in scenario.problem.steps:
                if step.id not in move.steps or step.id in done:
                    continue
                ready = all(r in state.facts for r in step.requires) and all(
                    o in done for o in order[: order.index(step.id)])
                if not ready:
                    too_early = True
                    effects.append(Effect(f"early:{step.id}", dict(events["step_too_early"])))
                    break
                if jargon_hurts:  # a step in words they don't know is not a step they can do
                    unexplained = True
                    effects.append(Effect(f"unexplained:{step.id}", dict(events["unexplained_step"])))
                    break
                if rules.needs_time:
                    started = busy = step.id
                    break
                done.append(step.id)
                finished.append(step.id)
        effects.extend(Effect(f"step:{s}", dict(events["step_done"])) for s in finished)
    for w in move.wrong_steps:
        effects.append(Effect(f"wrong:{w}", dict(events["wrong_step"])))

    # During the fix, silence about what is happening costs (long troubleshooting scenarios).
    no_update = (rules.wants_updates and state.turn >= 1 and not state.resolved
                 and not move.has("agent.progress_update"))
    if no_update:
        effects.append(Effect("event:no_update", dict(events["no_update"])))

    all_done = len(done) == len(scenario.problem.steps)
    resolved_now = all_done and not state.resolved
    if resolved_now:
        effects.append(Effect("event:resolved", dict(events["resolved"])))

    values = {d: getattr(state, d) for d in DIMENSIONS}
    for e in effects:
        for dim, v in e.deltas.items():
            values[dim] += v
    new = replace(state, **{d: _clamp(v) for d, v in values.items()}, facts=tuple(facts), steps=tuple(done),
                  busy_with=busy, resolved=state.resolved or all_done, quiet=quiet, turn=state.turn + 1)
    outcome = Outcome(revealed=tuple(revealed), done=tuple(finished), started=started, wrong=move.wrong_steps,
                      too_early=too_early, unexplained=unexplained, busy_conflict=conflict, no_update=no_update,
                      resolved_now=resolved_now, effects=tuple(effects))
    return new, outcome


def success(state: CustomerState, scenario: Scenario) -> dict[str, Any]:
    """Whether the session met the scenario's success criteria, criterion by criterion."""
    s = scenario.success
    checks = {
        "resolved": state.resolved or not s.resolved,
        "calm": state.anger <= s.max_anger,
        "trust": state.trust >= s.min_trust,
        "facts": all(f in state.facts for f in s.facts),
    }
    return {"passed": all(checks.values()), **checks}
