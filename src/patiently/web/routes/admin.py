"""Users (admin only): list, create, change role, deactivate, reset a password."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import InputError
from ..auth import Viewer, check_csrf, create_user, hash_password, require_admin, validate_user
from ..models import ROLES, LoginSession, User
from ..render import UserId, page, wants_json

router = APIRouter(tags=["admin"])


def _users(request: Request) -> list[dict[str, Any]]:
    with request.app.state.web.db.read() as s:
        return [{"id": u.id, "username": u.username, "role": u.role, "agent_name": u.agent_name,
                 "active": u.active, "created_at": u.created_at}
                for u in s.scalars(select(User).order_by(User.username))]


def _page(request: Request, error: str | None = None, status: int = 200) -> Response:
    return page(request, "users.html", {"users": _users(request), "roles": list(ROLES), "error": error},
                status=status, title="Users")


@router.get("/users", summary="Users (admin)")
def users_page(request: Request, viewer: Annotated[Viewer, Depends(require_admin)]) -> Response:
    return _page(request)


@router.post("/users", dependencies=[Depends(check_csrf)], summary="Create a user (admin)")
def add_user(request: Request, viewer: Annotated[Viewer, Depends(require_admin)],
             username: Annotated[str, Form()], password: Annotated[str, Form()], role: Annotated[str, Form()],
             agent_name: Annotated[str, Form()] = "") -> Response:
    try:
        request.app.state.web.db.write(lambda s: create_user(s, username.strip(), password, role, agent_name))
    except InputError as exc:
        return _page(request, str(exc), status=422)
    return _page(request, status=201) if wants_json(request) else RedirectResponse("/users", status_code=303)


@router.post("/users/{user_id}", dependencies=[Depends(check_csrf)], summary="Change a user (admin)")
def change_user(request: Request, user_id: UserId, viewer: Annotated[Viewer, Depends(require_admin)],
                role: Annotated[str | None, Form()] = None, agent_name: Annotated[str | None, Form()] = None,
                active: Annotated[bool | None, Form()] = None,
                password: Annotated[str | None, Form()] = None) -> Response:
    if user_id == viewer.id and (active is False or (role and role != "admin")):
        return _page(request, "you cannot demote or deactivate yourself (ask another admin)", status=422)

    def change(s: Session) -> None:
        user = s.get(User, user_id)
        if user is None:
            raise HTTPException(404, f"no user {user_id}")
        new_role = role or user.role
        new_agent = user.agent_name if agent_name is None else (agent_name.strip() or None)
        validate_user(user.username, password or None, new_role, new_agent)
        user.role, user.agent_name = new_role, new_agent
        if active is not None:
            user.active = active
        if password:
            user.password_hash = hash_password(password)
        if password or active is False:  # a reset or a deactivation logs them out everywhere
            for sess in s.scalars(select(LoginSession).where(LoginSession.user_id == user_id)):
                s.delete(sess)

    try:
        request.app.state.web.db.write(change)
    except InputError as exc:
        return _page(request, str(exc), status=422)
    return _page(request) if wants_json(request) else RedirectResponse("/users", status_code=303)
