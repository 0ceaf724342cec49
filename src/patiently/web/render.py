"""One dict, two views: every page builds its data once and answers HTML or JSON.

JSON is chosen by a ``.json`` suffix on the path (``/team.json``), by an ``Accept``
header that asks for JSON and not HTML, or by a bearer token (a script) not asking for
HTML. The HTML view gets the same dict plus what only a
browser needs (charts as inline SVG, the CSRF token, the viewer).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import AfterValidator

from .. import __version__
from ..report import charts
from ..report.spans import pretty_label
from ..textcheck import finite_tree
from .auth import CSRF_COOKIE, LoginRequired, csrf_token, viewer_for
from .text import SURROGATE, bad_text_in, text_problem

JSON_EXEMPT = ("/api/", "/static/", "/openapi.json", "/docs", "/redoc")


def _env() -> Environment:
    env = Environment(loader=PackageLoader("patiently.web", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["score_color"] = charts.score_color
    env.filters["pretty"] = pretty_label
    env.filters["num"] = lambda v, d=0: "–" if v is None else f"{v:,.{d}f}"
    env.filters["when"] = lambda v: v.strftime("%Y-%m-%d %H:%M") if isinstance(v, datetime) else (v or "")
    env.globals["version"] = __version__
    return env


ENV = _env()


def wants_json(request: Request) -> bool:
    if request.scope.get("state", {}).get("json"):
        return True
    accept = request.headers.get("accept", "")
    if "text/html" in accept:
        return False
    # A bearer token means a script: it gets JSON unless it asks for HTML.
    return "application/json" in accept or request.headers.get("authorization", "").lower().startswith("bearer ")


def _viewer(request: Request) -> Any:
    """Who is logged in, for the navigation, also on pages open to anyone (check, errors)."""
    try:
        return viewer_for(request)
    except LoginRequired:  # a bad bearer token on an open page: show it logged out
        return None


def utf8(text: str) -> bytes:
    """``text`` as UTF-8 for a response. A lone surrogate that reached the database before input
    was checked for them becomes U+FFFD: one odd stored value must not make a page a 500 for good."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return SURROGATE.sub("\ufffd", text).encode("utf-8")


class JsonResponse(JSONResponse):
    """A JSON twin that always renders: non-finite numbers as null, lone surrogates as U+FFFD."""

    def render(self, content: Any) -> bytes:
        try:
            text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        except ValueError:  # NaN or Infinity somewhere: the rare case pays for the second walk
            text = json.dumps(finite_tree(content), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        return utf8(text)


def page(request: Request, template: str, data: Mapping[str, Any], *, status: int = 200,
         html: Callable[[], Mapping[str, Any]] | None = None, title: str = "") -> Response:
    """Render ``data`` as JSON or through ``template``; ``html()`` adds browser-only context."""
    if wants_json(request):
        return JsonResponse(jsonable_encoder(data), status_code=status)
    context = {"data": data, **data, **(html() if html else {}), "request": request, "title": title,
               "viewer": _viewer(request), "csrf": csrf_token(request),
               "json_href": json_href(request.url.path, request.url.query)}
    response = HTMLResponse(utf8(ENV.get_template(template).render(context)), status_code=status)
    new = getattr(request.state, "new_csrf", None)
    if new:
        # Readable by the page's script (it sends it as X-CSRF-Token); Strict: never sent cross-site.
        response.set_cookie(CSRF_COOKIE, new, httponly=False, samesite="strict",
                            secure=request.url.scheme == "https", path="/")
    return response


def json_href(path: str, query: str = "") -> str:
    """The link to a page's JSON twin: ``/x`` -> ``/x.json`` (``/`` -> ``/index.json``), with
    the same query. Always a path on this site, whatever the request's path holds: leading
    slashes collapse (``//evil.example`` would link to ``//evil.example.json``, another host)
    and the rest is percent-encoded (a tab, which browsers drop from links, or a backslash,
    which they read as ``/``, stays text)."""
    return f"/{quote(path.strip('/') or 'index')}.json" + (f"?{query}" if query else "")


def error_page(request: Request, status: int, message: str) -> Response:
    return page(request, "error.html", {"error": message}, status=status, title=f"Error {status}")


class JsonSuffix:
    """ASGI middleware: ``/x.json`` is routed as ``/x`` with the JSON view chosen."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        path: str = scope.get("path", "")
        if scope["type"] == "http" and path.endswith(".json") and not path.startswith(JSON_EXEMPT):
            stripped = path[:-5]
            if stripped.endswith("/index"):  # /index.json is the home page
                stripped = stripped[:-5]
            scope = {**scope, "path": stripped or "/", "raw_path": (stripped or "/").encode(),
                     "state": {**scope.get("state", {}), "json": True}}
        await self.app(scope, receive, send)


def check_text(value: str, field: str) -> str:
    """``value`` if it can be stored as text; else 422 naming ``field``."""
    problem = text_problem(value)
    if problem:
        raise HTTPException(422, f"{field} {problem}")
    return value


async def json_object(request: Request) -> dict[str, Any]:
    """The request's JSON body, which must be an object whose strings can be stored (no lone
    surrogate, no NUL): 422 naming the field (not a 500 from the database or the encoder)."""
    try:
        body = await request.json()
    except ValueError as exc:  # not JSON, or not UTF-8
        raise HTTPException(422, "the body is not valid JSON") from exc
    if not isinstance(body, dict):
        raise HTTPException(422, "expected a JSON object")
    bad = bad_text_in(body)
    if bad:
        raise HTTPException(422, " ".join(bad))
    return body


# --- ids in paths -------------------------------------------------------------------------
MAX_ID = 2**63 - 1  # the largest integer SQLite stores (PostgreSQL's bigint too): no row has a larger id


def _row_id(what: str) -> AfterValidator:
    """A path id no row can have answers 404 like any unknown id, not a 500 from the driver
    ("Python int too large to convert to SQLite INTEGER")."""
    def check(value: int) -> int:
        if not -MAX_ID - 1 <= value <= MAX_ID:
            raise HTTPException(404, f"no {what} {value}")
        return value

    return AfterValidator(check)


ConversationId = Annotated[int, _row_id("conversation")]
JobId = Annotated[int, _row_id("job")]
SessionId = Annotated[int, _row_id("practice session")]
CommentId = Annotated[int, _row_id("comment")]
AssignmentId = Annotated[int, _row_id("assignment")]
UserId = Annotated[int, _row_id("user")]
TokenId = Annotated[int, _row_id("token")]
