"""Reply check: paste a draft (and optionally the conversation so far), get flags and
suggestions. Same engine and JSON as ``POST /api/v1/check``. It changes nothing stored, so
it needs no CSRF token; it is open to anyone unless the server requires a token or login."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ...coach.context import CoachInputError
from ...coach.engine import MAX_DRAFT_CHARS, check
from ..auth import require_login
from ..render import json_object, page

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


@router.post("/check", summary="Check a draft reply (form or JSON)",
             description="Form fields or JSON `draft` and optionally `context` (the conversation so far as "
                         "text, lines like `Customer: ...`). Answers the page, or its JSON twin with `result`; "
                         "422 with `error` for a draft that cannot be checked.")
async def check_form(request: Request) -> Response:
    _gate(request)
    draft, context = await _draft_and_context(request)
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


async def _draft_and_context(request: Request) -> tuple[str, str]:
    """The form's fields, or a JSON object's, as the other POST pages take them."""
    if request.headers.get("content-type", "").startswith("application/json"):
        body = await json_object(request)
        values = {name: body.get(name) for name in ("draft", "context")}
        for name, value in values.items():
            if value is not None and not isinstance(value, str):
                raise HTTPException(422, f"{name}: must be a string")
        return values["draft"] or "", values["context"] or ""
    form = await request.form()
    draft, context = form.get("draft"), form.get("context")
    return (draft if isinstance(draft, str) else ""), (context if isinstance(context, str) else "")
