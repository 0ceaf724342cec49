"""Reply check: paste a draft (and optionally the conversation so far), get flags and
suggestions. Same engine and JSON as ``POST /api/v1/check``. It changes nothing stored, so
it needs no CSRF token; it is open to anyone unless the server requires a token or login."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ...coach.context import CoachInputError
from ...coach.engine import MAX_DRAFT_CHARS, check
from ..auth import require_login
from ..render import page

router = APIRouter(tags=["coach"])


def _gate(request: Request) -> None:
    server = request.app.state.settings
    if server.require_token or request.app.state.web.settings.check_requires_login:
        require_login(request)


@router.get("/check", summary="Reply check page")
def check_page(request: Request) -> Response:
    _gate(request)
    return page(request, "check.html", {"draft": "", "context": "", "result": None, "error": None,
                                        "max_draft_chars": MAX_DRAFT_CHARS}, title="Check a reply")


@router.post("/check", summary="Check a draft reply (form)")
async def check_form(request: Request, draft: Annotated[str, Form()] = "",
                     context: Annotated[str, Form()] = "") -> Response:
    _gate(request)
    server = request.app.state.settings
    data: dict[str, Any] = {"draft": draft, "context": context, "result": None, "error": None,
                            "max_draft_chars": MAX_DRAFT_CHARS}
    try:
        result = await run_in_threadpool(check, draft, context.strip() or None, llm=server.llm)
        data["result"] = result.model_dump(mode="json")
    except (CoachInputError, ValueError, TypeError) as exc:
        data["error"] = str(exc)
    if data["error"] and request.scope.get("state", {}).get("json"):
        raise HTTPException(422, data["error"])
    return page(request, "check.html", data, status=422 if data["error"] else 200, title="Check a reply")
