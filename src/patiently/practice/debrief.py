"""The debrief after a practice session: the same analysis and rubric as a real ticket.

The whole transcript is analysed once by the shared :class:`Analyzer` (so the scores mean
exactly what they mean in ``patiently analyze``), and the turn-by-turn record of the session
says which moves helped the customer and which hurt, with the state changes they caused.
For the moves that hurt most, the reply coach suggests a better wording and the scenario
says what the move should have done (ask about a fact, or give the next step).
"""

from __future__ import annotations

from typing import Any

from ..pipeline import ConversationResult
from .engine import Session, TurnRecord
from .state import DIMENSIONS, CustomerState, success

HELPED, HURT = -0.05, 0.05  # impact thresholds: anger + confusion - trust, summed over the turn


def impact(before: CustomerState, after: CustomerState) -> dict[str, float]:
    deltas = {d: round(getattr(after, d) - getattr(before, d), 3) for d in DIMENSIONS}
    deltas["impact"] = round(deltas["anger"] + deltas["confusion"] - deltas["trust"], 3)
    return deltas


def next_move(session: Session, before: CustomerState) -> str:
    """What the scenario wanted at that point: the question that uncovers a missing fact,
    or the next resolution step (the trainee sees the direction, not a script to copy)."""
    problem = session.scenario.problem
    for step in problem.steps:
        if step.id in before.steps:
            continue
        missing = [f for f in problem.facts if f.id in step.requires and f.id not in before.facts]
        if missing:
            return f"Ask first, e.g. \"{missing[0].ask[0]}\" ({missing[0].fact})"
        return f"Next step: {step.description}"
    return "The issue was fixed: check it works for them and close warmly."


def _ideal(session: Session, record: TurnRecord) -> str | None:
    from ..coach import check

    idx = session.messages.index(record.message)
    context = [{"role": m.role, "text": m.text} for m in session.messages[:idx]]
    result = check(record.message.text, context)
    return result.rewrite.text if result.rewrite else None


def debrief(session: Session, *, suggestions: int = 3) -> dict[str, Any]:
    """Scores, evidence, helpful and harmful moves, and better wordings for the worst ones."""
    sc = session.scenario
    conv = session.conversation
    result: ConversationResult = session.analyzer.analyze(conv)
    texts = {m.id: m.text for m in conv.messages}
    findings = []
    for f in result.findings:
        ev = [texts.get(s.message_id, "")[s.start:s.end] for s in f.evidence]
        findings.append({"label": f.label, "score": round(f.score, 3), "message_id": f.message_id,
                         "evidence": [e for e in ev if e], "explanation": f.explanation})
    moves: list[dict[str, Any]] = []
    for n, rec in enumerate(session.turns, 1):
        d = impact(rec.before, rec.turn.state)
        verdict = "helped" if d["impact"] <= HELPED else "hurt" if d["impact"] >= HURT else "neutral"
        moves.append({"turn": n, "message_id": rec.message.id, "text": rec.message.text, "verdict": verdict,
                      **d, "effects": [e.to_dict() for e in rec.turn.effects],
                      "labels": [f.label for f in rec.turn.findings]})
    worst = sorted((m for m in moves if m["verdict"] == "hurt"), key=lambda m: -m["impact"])[:suggestions]
    for m in worst:
        rec = session.turns[m["turn"] - 1]
        m["ideal"] = _ideal(session, rec)
        m["next_move"] = next_move(session, rec.before)
    scores = result.scores
    return {
        "scenario": sc.id,
        "title": sc.title,
        "success": success(session.state, sc),
        "initial_state": session.initial.to_dict(),
        "final_state": session.state.to_dict(),
        "overall": result.overall,
        "scores": scores,
        "targets": {t: scores.get(t) for t in sc.targets},
        "findings": findings,
        "moves": moves,
        "worst_moves": [{k: m[k] for k in ("turn", "text", "impact", "labels", "ideal", "next_move")} for m in worst],
        "helped": sum(1 for m in moves if m["verdict"] == "helped"),
        "hurt": sum(1 for m in moves if m["verdict"] == "hurt"),
        "errors": result.errors,
    }


def session_json(session: Session, *, suggestions: int = 3) -> dict[str, Any]:
    """What ``patiently practice SCENARIO --script FILE --json`` prints."""
    transcript = [{"role": m.role, "author": m.author, "text": m.text} for m in session.messages]
    turns = [{"trainee": r.message.text, **r.turn.to_dict()} for r in session.turns]
    st = session.state
    return {
        "scenario": session.scenario.summary_dict(),
        "seed": session.seed,
        "transcript": transcript,
        "turns": turns,
        "final_state": {"anger": round(st.anger, 3), "confusion": round(st.confusion, 3),
                        "trust": round(st.trust, 3), "resolved": st.resolved,
                        "facts_uncovered": list(st.facts), "steps_done": list(st.steps)},
        "debrief": debrief(session, suggestions=suggestions),
        "notes": session.notes,
    }
