"""Practice over time: a trainee's progress, coaches' assignments and the team's results.

A trainee sees their own progress; coaches and admins see everyone's, assign scenarios
(optionally by a date) and see the team's results. Charts are the app's inline SVG.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from ...practice import load_scenarios
from ...report import charts
from .. import practice_stats as stats
from .. import store
from ..auth import Viewer, check_csrf, require_login, require_team
from ..practice_store import PracticeError
from ..render import AssignmentId, page, wants_json
from .practice import call, fields

router = APIRouter(tags=["practice"])


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else str(value or "")


def _progress_html(data: Mapping[str, Any], rubric: Any) -> dict[str, Any]:
    titles = {k: b.title for k, b in rubric.behaviours.items()}
    sessions = data["sessions"]
    labels = [f"{_when(s['ended_at'])} {s['title']}" for s in sessions]
    trend = charts.sparkline([s["overall"] for s in sessions], title="Overall score per finished session",
                             labels=labels, lo=0, hi=100, width=900, height=90)
    per = {sc["scenario_id"]: Markup(charts.sparkline([p["overall"] for p in sc["scores"]],
                                                      title=f"{sc['title']}: score per attempt",
                                                      labels=[_when(p["ended_at"]) for p in sc["scores"]],
                                                      lo=0, hi=100, width=160, height=30))
           for sc in data["scenarios"]}
    behaviours = data["summary"]["behaviours"]
    order = [b for b in titles if b in behaviours] + [b for b in behaviours if b not in titles]  # rubric order
    bars = charts.hbar_chart([(titles.get(b, b), behaviours[b]) for b in order],
                             title="Mean score per behaviour in practice") if behaviours else ""
    return {"trend": Markup(trend), "per_scenario": per, "behaviour_chart": Markup(bars)}


async def _progress(request: Request, viewer: Viewer, username: str) -> Response:
    if username != viewer.username and not viewer.sees_team:
        raise HTTPException(403, "trainees can only see their own practice progress")
    db = request.app.state.web.db
    # No stored name holds a NUL (auth.validate_user), and PostgreSQL refuses one in a query.
    data = None if "\x00" in username else await run_in_threadpool(stats.progress, db, username)
    if data is None:
        raise HTTPException(404, f"no user {username!r}")
    rubric = store.active_rubric(db)
    return page(request, "practice_progress.html", data, html=lambda: _progress_html(data, rubric),
                title=f"Practice progress: {username}")


@router.get("/practice/progress", summary="Your practice progress over time")
async def my_progress(request: Request, viewer: Annotated[Viewer, Depends(require_login)]) -> Response:
    return await _progress(request, viewer, viewer.username)


@router.get("/practice/progress/{username}", summary="A trainee's practice progress (coaches, admins, themselves)")
async def progress(request: Request, username: str, viewer: Annotated[Viewer, Depends(require_login)]) -> Response:
    return await _progress(request, viewer, username)


# --- assignments --------------------------------------------------------------------------
def _assign_data(request: Request, error: str | None = None) -> dict[str, Any]:
    db = request.app.state.web.db
    return {"assignments": stats.assignment_dicts(db), "trainees": stats.trainees(db),
            "scenarios": [{"id": k, "title": sc.title} for k, sc in load_scenarios().items()], "error": error}


@router.get("/practice/assignments", summary="Assign scenarios to trainees (coaches, admins)")
async def assignments(request: Request, viewer: Annotated[Viewer, Depends(require_team)]) -> Response:
    data = await run_in_threadpool(_assign_data, request)
    return page(request, "practice_assignments.html", data, title="Practice assignments")


@router.post("/practice/assignments", dependencies=[Depends(check_csrf)], status_code=201,
             summary="Assign a scenario to a trainee (coaches, admins)",
             description="Form or JSON: `trainee` (username), `scenario` (id), optional `due_date` (YYYY-MM-DD) "
                         "and `note`.")
async def assign(request: Request, viewer: Annotated[Viewer, Depends(require_team)]) -> Response:
    f = await fields(request)
    db = request.app.state.web.db
    try:
        due = stats.parse_due(f.get("due_date"))
        saved = await run_in_threadpool(stats.create_assignment, db, viewer.id, f.get("trainee", "").strip(),
                                        f.get("scenario", "").strip(), due, f.get("note", ""))
    except PracticeError as exc:
        if wants_json(request):
            raise HTTPException(exc.status, str(exc)) from exc
        data = await run_in_threadpool(_assign_data, request, str(exc))
        return page(request, "practice_assignments.html", data, status=exc.status, title="Practice assignments")
    if wants_json(request):
        return page(request, "practice_assignments.html", {"assignment": saved}, status=201)
    return RedirectResponse("/practice/assignments", status_code=303)


@router.post("/practice/assignments/{assignment_id}/delete", dependencies=[Depends(check_csrf)],
             summary="Withdraw an assignment (coaches, admins)")
async def unassign(request: Request, assignment_id: AssignmentId,
                   viewer: Annotated[Viewer, Depends(require_team)]) -> Response:
    await call(stats.delete_assignment, request.app.state.web.db, assignment_id)
    if wants_json(request):
        return page(request, "practice_assignments.html", {"deleted": assignment_id})
    return RedirectResponse("/practice/assignments", status_code=303)


# --- the team's results -------------------------------------------------------------------
def _team_html(data: Mapping[str, Any]) -> dict[str, Any]:
    rows = [t for t in data["trainees"] if t["finished"]]
    if not rows or not data["scenarios"]:
        return {"heatmap": ""}
    return {"heatmap": Markup(charts.heatmap(
        [t["trainee"] for t in rows], [s["title"] for s in data["scenarios"]],
        [[t["latest"].get(s["id"]) for s in data["scenarios"]] for t in rows],
        title="Latest score per trainee and scenario", row_hrefs=[t["href"] for t in rows], cell_w=44,
        header=170))}


@router.get("/practice/team", summary="The team's practice results (coaches, admins)")
async def team(request: Request, viewer: Annotated[Viewer, Depends(require_team)]) -> Response:
    data = await run_in_threadpool(stats.team_results, request.app.state.web.db)
    return page(request, "practice_team.html", data, html=lambda: _team_html(data), title="Practice results")
