"""Practice across sessions: assignments, a trainee's progress and the team's results.

An assignment is done once its trainee finishes a session of its scenario after it was
made; until then it is open, or overdue past its due date. Progress and team numbers come
from the finished sessions' stored debriefs (overall score, per-behaviour scores, success).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from statistics import fmean
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as DBSession

from ..practice import load_scenarios
from .auth import aware
from .db import Database
from .models import PracticeAssignment, PracticeSession, User
from .practice_store import PracticeError, clean, scenario_titles, session_dict

MAX_NOTE_CHARS = 1_000


def _mean(values: Iterable[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return round(fmean(vals), 1) if vals else None


# --- assignments --------------------------------------------------------------------------
def _status(a: PracticeAssignment, finished: Sequence[PracticeSession], today: date) -> tuple[str, int | None]:
    """(open | done | overdue, the session that did it)."""
    made = aware(a.created_at)
    for s in finished:
        if s.user_id == a.trainee_id and s.scenario_id == a.scenario_id and s.ended_at and aware(s.ended_at) >= made:
            return "done", s.id
    return ("overdue" if a.due_date and a.due_date < today else "open"), None


def assignment_dicts(db: Database, trainee_id: int | None = None) -> list[dict[str, Any]]:
    """Assignments (of one trainee, or everyone's), open and overdue first, by due date."""
    titles = scenario_titles()
    today = datetime.now(UTC).date()
    with db.read() as s:
        q = select(PracticeAssignment)
        f = select(PracticeSession).where(PracticeSession.status == "finished")
        if trainee_id is not None:
            q = q.where(PracticeAssignment.trainee_id == trainee_id)
            f = f.where(PracticeSession.user_id == trainee_id)
        rows = list(s.scalars(q.order_by(PracticeAssignment.id)))
        finished = list(s.scalars(f.order_by(PracticeSession.ended_at, PracticeSession.id)))
        out: list[dict[str, Any]] = []
        for a in rows:
            status, done_by = _status(a, finished, today)
            out.append({"id": a.id, "scenario_id": a.scenario_id, "title": titles.get(a.scenario_id, a.scenario_id),
                        "trainee": a.trainee.username, "assigned_by": a.assigner.username if a.assigner else None,
                        "due_date": a.due_date, "note": a.note, "created_at": a.created_at, "status": status,
                        "done_session": done_by,
                        "done_href": f"/practice/sessions/{done_by}/debrief" if done_by else None})
    rank = {"overdue": 0, "open": 1, "done": 2}
    out.sort(key=lambda a: (rank[a["status"]], a["due_date"] is None, a["due_date"] or date.max, a["id"]))
    return out


def parse_due(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise PracticeError(422, f"due_date: {value!r} is not a date (YYYY-MM-DD)") from exc


def create_assignment(db: Database, assigned_by: int, trainee: str, scenario_id: str, due: date | None,
                      note: str) -> dict[str, Any]:
    if scenario_id not in load_scenarios():
        raise PracticeError(422, f"scenario: no scenario {scenario_id!r}")
    if len(note) > MAX_NOTE_CHARS:
        raise PracticeError(422, f"note: at most {MAX_NOTE_CHARS:,} characters")

    def write(s: DBSession) -> int:
        user = s.scalar(select(User).where(User.username == trainee))
        if user is None or not user.active:
            raise PracticeError(422, f"trainee: no active user {trainee!r}")
        row = PracticeAssignment(scenario_id=scenario_id, trainee_id=user.id, assigned_by=assigned_by,
                                 due_date=due, note=clean(note))
        s.add(row)
        s.flush()
        return row.id

    new_id = db.write(write)
    return next(a for a in assignment_dicts(db) if a["id"] == new_id)


def delete_assignment(db: Database, assignment_id: int) -> None:
    def write(s: DBSession) -> None:
        row = s.get(PracticeAssignment, assignment_id)
        if row is None:
            raise PracticeError(404, f"no assignment {assignment_id}")
        s.delete(row)

    db.write(write)


def trainees(db: Database) -> list[dict[str, Any]]:
    """Active users a coach can assign to: agents first, then everyone else."""
    with db.read() as s:
        rows = s.scalars(select(User).where(User.active.is_(True)).order_by(User.username))
        users = [{"username": u.username, "role": u.role} for u in rows]
    return sorted(users, key=lambda u: u["role"] != "agent")


# --- the scenario list a trainee picks from ---------------------------------------------------
def scenario_list(db: Database, user_id: int) -> list[dict[str, Any]]:
    """Every scenario with the trainee's open assignment and attempts; assigned ones first."""
    mine = [a for a in assignment_dicts(db, user_id) if a["status"] != "done"]
    with db.read() as s:
        rows = list(s.execute(select(PracticeSession.scenario_id, PracticeSession.overall)
                              .where(PracticeSession.user_id == user_id, PracticeSession.status == "finished")))
    attempts: dict[str, list[float | None]] = defaultdict(list)
    for sid, overall in rows:
        attempts[sid].append(overall)
    out: list[dict[str, Any]] = []
    for order, (sid, sc) in enumerate(load_scenarios().items()):
        assignment = next((a for a in mine if a["scenario_id"] == sid), None)
        scores = [v for v in attempts.get(sid, []) if v is not None]
        out.append({**sc.summary_dict(), "assignment": assignment, "attempts": len(attempts.get(sid, [])),
                    "best": max(scores) if scores else None, "_order": order})
    out.sort(key=lambda x: (x["assignment"] is None, (x["assignment"] or {}).get("due_date") or date.max,
                            x["_order"]))
    for x in out:
        del x["_order"]
    return out


# --- progress and team results --------------------------------------------------------------
def _finished_rows(s: DBSession, user_id: int | None = None) -> list[PracticeSession]:
    q = select(PracticeSession).where(PracticeSession.status == "finished")
    if user_id is not None:
        q = q.where(PracticeSession.user_id == user_id)
    return list(s.scalars(q.order_by(PracticeSession.ended_at, PracticeSession.id)))


def _point(r: PracticeSession) -> dict[str, Any]:
    d = r.debrief or {}
    return {**session_dict(r), "targets": d.get("targets") or {}, "helped": d.get("helped"), "hurt": d.get("hurt")}


def progress(db: Database, username: str) -> dict[str, Any] | None:
    """A trainee's finished sessions over time, per scenario, and their behaviour means."""
    with db.read() as s:
        user = s.scalar(select(User).where(User.username == username))
        if user is None:
            return None
        rows = _finished_rows(s, user.id)
        points = [_point(r) for r in rows]
        scores = [(r.debrief or {}).get("scores") or {} for r in rows]
    by_scenario: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in points:
        by_scenario[p["scenario_id"]].append(p)
    scenarios = []
    for sid, pts in by_scenario.items():
        vals = [p["overall"] for p in pts]
        known = [v for v in vals if v is not None]
        scenarios.append({"scenario_id": sid, "title": pts[-1]["title"], "attempts": len(pts),
                          "first": vals[0], "last": vals[-1], "best": max(known) if known else None,
                          "mean": _mean(vals), "passed": sum(1 for p in pts if p["passed"]),
                          "scores": [{"id": p["id"], "overall": p["overall"], "ended_at": p["ended_at"]}
                                     for p in pts]})
    scenarios.sort(key=lambda x: x["title"])
    names = sorted({k for sc in scores for k in sc if k != "overall"})
    return {"trainee": username, "sessions": points, "scenarios": scenarios,
            "summary": {"finished": len(points), "passed": sum(1 for p in points if p["passed"]),
                        "mean_overall": _mean(p["overall"] for p in points),
                        "behaviours": {b: _mean(sc.get(b) for sc in scores) for b in names}},
            "assignments": assignment_dicts(db, user.id)}


def team_results(db: Database, recent: int = 30) -> dict[str, Any]:
    """Per trainee: sessions, mean and latest score per scenario, assignments; recent sessions."""
    assignments = assignment_dicts(db)
    with db.read() as s:
        rows = _finished_rows(s)
        active = list(s.execute(select(PracticeSession.user_id).where(PracticeSession.status == "active")))
        users = {u.id: u.username for u in s.scalars(select(User))}
        points = [_point(r) for r in rows]
        owners = [r.user_id for r in rows]
    per: dict[str, dict[str, Any]] = {}

    def entry(name: str) -> dict[str, Any]:
        return per.setdefault(name, {"trainee": name, "finished": 0, "passed": 0, "in_progress": 0,
                                     "mean_overall": None, "last_at": None, "latest": {}, "_scores": [],
                                     "assignments": {"open": 0, "overdue": 0, "done": 0},
                                     "href": f"/practice/progress/{name}"})

    for uid, p in zip(owners, points, strict=True):
        e = entry(users.get(uid, "?"))
        e["finished"] += 1
        e["passed"] += bool(p["passed"])
        e["_scores"].append(p["overall"])
        e["last_at"] = p["ended_at"]
        e["latest"][p["scenario_id"]] = p["overall"]  # rows are oldest first: the last one wins
    for (uid,) in active:
        entry(users.get(uid, "?"))["in_progress"] += 1
    for a in assignments:
        entry(a["trainee"])["assignments"][a["status"]] += 1
    for e in per.values():
        e["mean_overall"] = _mean(e.pop("_scores"))
    used = sorted({sid for e in per.values() for sid in e["latest"]})
    titles = scenario_titles()
    return {"trainees": sorted(per.values(), key=lambda e: e["trainee"]),
            "scenarios": [{"id": sid, "title": titles.get(sid, sid)} for sid in used],
            "recent": list(reversed(points))[:recent], "assignments": assignments}
