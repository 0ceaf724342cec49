"""Log in, log out, and the account page where a user manages their API tokens."""

from __future__ import annotations

import math
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from ..auth import (
    SESSION_COOKIE,
    Viewer,
    authenticate,
    check_csrf,
    client_address,
    create_token,
    end_session,
    login_limiter,
    require_login,
    start_session,
    viewer_for,
)
from ..models import ApiToken
from ..render import TokenId, check_text, page, wants_json

router = APIRouter(tags=["account"])


def _safe_next(target: str | None) -> str:
    # Only same-site paths: "//evil.example" or "https://..." would make login an open redirect.
    return target if target and target.startswith("/") and not target.startswith("//") else "/"


@router.get("/login", summary="Log-in page")
def login_page(request: Request, next: str = "/") -> Response:
    return page(request, "login.html", {"next": _safe_next(next), "error": None}, title="Log in")


def _too_many(request: Request, next: str, wait: int) -> Response:
    minutes = max(1, math.ceil(wait / 60))
    error = (f"too many failed log-ins for this account or from this address; try again in {minutes} "
             f"minute{'s' if minutes != 1 else ''}")
    response = page(request, "login.html", {"next": _safe_next(next), "error": error, "retry_after": wait},
                    status=429, title="Log in")
    response.headers["Retry-After"] = str(wait)
    return response


@router.post("/login", dependencies=[Depends(check_csrf)], summary="Log in with a form",
             responses={429: {"description": "Too many failed log-ins for this username or from this address; "
                                             "the Retry-After header says how many seconds to wait."}})
def login(request: Request, username: Annotated[str, Form()], password: Annotated[str, Form()],
          next: Annotated[str, Form()] = "/") -> Response:
    web = request.app.state.web
    limiter, ip = login_limiter(request), client_address(request)
    # Checked before the password: while locked, even the right password gets 429, so an
    # attacker learns nothing from trying.
    # The attempt is counted before the password is checked (begin), so concurrent guesses,
    # in this worker or another, cannot all slip through before any of them is recorded.
    wait, held = limiter.begin(username, ip)
    if wait:
        return _too_many(request, next, wait)
    user = authenticate(web.db, username, password)
    if user is None:
        limiter.failed(username, ip, held)
        return page(request, "login.html", {"next": _safe_next(next), "error": "wrong username or password"},
                    status=401, title="Log in")
    limiter.succeeded(username, held)
    token = start_session(web.db, user.id, web.settings.session_hours)
    response = RedirectResponse(_safe_next(next), status_code=303)
    secure = web.settings.secure_cookies
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax", path="/",
                        secure=request.url.scheme == "https" if secure is None else secure,
                        max_age=int(web.settings.session_hours * 3600))
    return response


@router.post("/logout", dependencies=[Depends(check_csrf)], summary="Log out")
def logout(request: Request) -> Response:
    if cookie := request.cookies.get(SESSION_COOKIE):
        end_session(request.app.state.web.db, cookie)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def _tokens(request: Request, viewer: Viewer) -> list[dict[str, Any]]:
    with request.app.state.web.db.read() as s:
        rows = s.scalars(select(ApiToken).where(ApiToken.user_id == viewer.id).order_by(ApiToken.id))
        return [{"id": t.id, "name": t.name, "prefix": t.prefix, "created_at": t.created_at, "revoked": t.revoked}
                for t in rows]


@router.get("/account", summary="Your account and API tokens")
def account(request: Request, viewer: Annotated[Viewer, Depends(require_login)]) -> Response:
    return page(request, "account.html", {"user": viewer.to_dict(), "tokens": _tokens(request, viewer),
                                          "new_token": None}, title="Account")


@router.post("/account/tokens", dependencies=[Depends(check_csrf)], summary="Create an API token",
             description="The token is shown once, in this response; only its hash is stored.")
def new_token(request: Request, viewer: Annotated[Viewer, Depends(require_login)],
              name: Annotated[str, Form()] = "token") -> Response:
    check_text(name, "name")
    _, plain = request.app.state.web.db.write(lambda s: create_token(s, viewer.id, name))
    return page(request, "account.html", {"user": viewer.to_dict(), "tokens": _tokens(request, viewer),
                                          "new_token": plain}, status=201, title="Account")


@router.post("/account/tokens/{token_id}/revoke", dependencies=[Depends(check_csrf)], summary="Revoke a token")
def revoke_token(request: Request, token_id: TokenId,
                 viewer: Annotated[Viewer, Depends(require_login)]) -> Response:
    def revoke(s: Any) -> bool:
        row = s.get(ApiToken, token_id)
        if row is None or (row.user_id != viewer.id and not viewer.is_admin):
            return False
        row.revoked = True
        return True

    if not request.app.state.web.db.write(revoke):
        raise HTTPException(404, "no such token")
    if wants_json(request):
        return page(request, "account.html", {"revoked": token_id})
    return RedirectResponse("/account", status_code=303)


@router.get("/", summary="Home: where to go next")
def home(request: Request) -> Response:
    viewer = viewer_for(request)
    if not wants_json(request):
        if viewer is None:
            return RedirectResponse("/login", status_code=303)
        if not viewer.sees_team and viewer.agent_name:
            return RedirectResponse(f"/agents/{viewer.agent_name}", status_code=303)
        return RedirectResponse("/team", status_code=303)
    links = {"check": "/check"}
    if viewer is not None:
        links |= {"account": "/account", "conversations": "/conversations", "rubric": "/rubric",
                  "practice": "/practice", "practice_progress": "/practice/progress"}
        links |= {"team": "/team", "import": "/import"} if viewer.sees_team else \
            {"agent": f"/agents/{viewer.agent_name}"}
        if viewer.sees_team:
            links |= {"practice_team": "/practice/team", "practice_assignments": "/practice/assignments"}
        if viewer.is_admin:
            links["users"] = "/users"
    return page(request, "error.html", {"viewer": viewer.to_dict() if viewer else None, "links": links})
