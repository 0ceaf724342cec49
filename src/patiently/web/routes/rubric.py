"""Rubric page: see every behaviour's weight, baseline and rules; admins edit the weights.

Saving stores a new rubric version (``name@version+1``) and rescores every stored
conversation from its stored findings in the background: scores are a pure function of
findings, so no detector runs again.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from ...config import format_validation_error
from ...rubric import Rubric
from .. import store
from ..auth import Viewer, check_csrf, require_admin, require_login
from ..models import RubricVersion
from ..render import page, wants_json

router = APIRouter(tags=["rubric"])


def _data(request: Request, rubric: Rubric, errors: dict[str, str] | None = None) -> dict[str, Any]:
    with request.app.state.web.db.read() as s:
        history = [{"rubric_id": r.rubric_id, "created_at": r.created_at}
                   for r in s.scalars(select(RubricVersion).order_by(RubricVersion.id.desc()).limit(20))]
    return {"rubric": rubric.model_dump(mode="json"), "id": rubric.id, "history": history, "errors": errors or {}}


@router.get("/rubric", summary="The active rubric")
def rubric_page(request: Request, viewer: Annotated[Viewer, Depends(require_login)]) -> Response:
    rubric = store.active_rubric(request.app.state.web.db)
    return page(request, "rubric.html", _data(request, rubric), title="Rubric")


def parse_weights(raw: dict[str, Any], rubric: Rubric) -> tuple[dict[str, float], dict[str, str]]:
    """Weights per behaviour from a form or JSON; errors per field, in words."""
    weights: dict[str, float] = {}
    errors: dict[str, str] = {}
    for name in raw:
        if name not in rubric.behaviours:
            errors[name] = "not a behaviour of this rubric"
    for name in rubric.behaviours:
        value = raw.get(name, rubric.behaviours[name].weight)
        try:
            w = float(value)
        except (TypeError, ValueError):
            errors[name] = f"{value!r} is not a number"
            continue
        if not 0 <= w <= 100 or w != w:
            errors[name] = "must be between 0 and 100"
        weights[name] = w
    return weights, errors


@router.post("/rubric", dependencies=[Depends(check_csrf)], summary="Change behaviour weights (admin)",
             description="Form fields `weight-<behaviour>` or JSON `{\"weights\": {\"empathy\": 2}}`. Saves a new "
                         "rubric version and rescores stored conversations in the background.")
async def save_rubric(request: Request, viewer: Annotated[Viewer, Depends(require_admin)]) -> Response:
    web = request.app.state.web
    current = store.active_rubric(web.db)
    if request.headers.get("content-type", "").startswith("application/json"):
        body = await request.json()
        raw = body.get("weights") if isinstance(body, dict) else None
        if not isinstance(raw, dict):
            raise HTTPException(422, "weights: expected an object {behaviour: weight}")
    else:
        form = await request.form()
        raw = {k.removeprefix("weight-"): v for k, v in form.items() if k.startswith("weight-")}
    weights, errors = parse_weights(raw, current)
    rubric = None
    if not errors:
        data = current.model_dump(mode="json")
        data["version"] = current.version + 1
        for name, w in weights.items():
            data["behaviours"][name]["weight"] = w
        try:
            rubric = Rubric.model_validate(data)
        except ValidationError as exc:
            errors["rubric"] = format_validation_error(exc, "rubric")
    if rubric is None:
        return page(request, "rubric.html", _data(request, current, errors), status=422, title="Rubric")
    await run_in_threadpool(store.save_rubric, web.db, rubric, viewer.id)
    job_id, _ = await run_in_threadpool(web.jobs.start_rescore, rubric, viewer.id)
    if wants_json(request):
        return page(request, "rubric.html", {"id": rubric.id, "job": {"id": job_id, "href": f"/jobs/{job_id}"}},
                    status=202)
    return RedirectResponse(f"/jobs/{job_id}", status_code=303)
