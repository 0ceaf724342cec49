"""The FastAPI app: ``create_app(settings) -> FastAPI``, an app factory the web app extends.

With ``ServerSettings.web`` set, the web app (:mod:`patiently.web`: pages, their JSON
twins, the SQLite store) is mounted on the same app; without it only the API is served.

Routes: ``GET /api/v1/health`` (trivial: the latency baseline), ``POST /api/v1/check`` (the
reply coach; same JSON as ``patiently check --json``), and FastAPI's ``/openapi.json``.

Bad input never becomes a 500: bodies over ``max_body_bytes`` get 413 before they are read
into memory, a body that is not JSON (or not UTF-8) gets 400 with the position of the
mistake, and anything that does not validate (binary, wrong types, an empty draft, text that
is not valid Unicode, a malformed context) gets 422 with one readable ``error`` line. A
failure of our own on /api/ is still a JSON ``{"error": ...}`` 500, never a bare one. The
check runs in a worker thread so the event loop keeps answering while it works.
"""

from __future__ import annotations

import gc
import hmac
import json
import logging
import os
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from contextlib import asynccontextmanager
from typing import Any

import anyio
import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..coach.context import MAX_CONTEXT_MESSAGES, CoachInputError
from ..coach.engine import MAX_DRAFT_CHARS, check, use_heads, warm_up
from ..coach.llm import LLMSettings
from ..coach.models import CheckResult
from ..errors import PatientlyError
from ..web.settings import WebSettings

CHECK_THREADS = 1  # checks running at once in one worker process (CPU-bound: one)
CHECK_THREADS_LLM = 16  # ... when an LLM endpoint polishes rewrites (its calls wait on the network)
SETTINGS_ENV = "PATIENTLY_SERVER_SETTINGS"  # JSON ServerSettings for worker processes (uvicorn --workers)
CHECK_BODY_HINT = 'send {"draft": "...", "context": ...}'
log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class ServerSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    max_body_bytes: int = Field(256 * 1024, gt=0)
    # Reserved for deployments beyond loopback: when set, /api/v1/* except health needs
    # "Authorization: Bearer <token>". The check stays open by default (a local tool).
    require_token: str | None = Field(None, repr=False)
    llm: LLMSettings | None = None
    warm_up: bool = True
    web: WebSettings | None = None  # None: the API only, no database
    heads_dir: str | None = None  # a `train-heads` folder for the detectors' heads (`serve --heads`)


class ContextMessageIn(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: str = Field(description="customer, agent or system (synonyms like user/support accepted)")
    text: str
    author: str | None = None
    sent_at: str | None = None


class ConversationIn(BaseModel):
    model_config = ConfigDict(extra="allow")
    messages: list[ContextMessageIn]


class CheckRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    draft: str = Field(description=f"The reply to check (1..{MAX_DRAFT_CHARS:,} characters).")
    context: str | ConversationIn | list[ContextMessageIn] | None = Field(
        None, description="The conversation so far: a canonical conversation object, a list of messages, or "
                          f"'Customer: ...' transcript text. Only the last {MAX_CONTEXT_MESSAGES} messages are used.")


class ErrorOut(BaseModel):
    error: str
    detail: list[dict[str, Any]] | None = None


class _AsciiJSON(JSONResponse):
    """JSON with every non-ASCII character escaped: an error that quotes the input (a field
    name with a lone surrogate) must not fail in its own encoding and become a bare 500."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, separators=(",", ":")).encode("ascii")


def _error(status: int, message: str, detail: list[dict[str, Any]] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"error": message}
    if detail:
        body["detail"] = detail
    return _AsciiJSON(body, status_code=status)


class BodyLimit:
    """413 for bodies over the limit, by Content-Length or while streaming (chunked uploads)."""

    def __init__(self, app: ASGIApp, limit: int, wider: dict[str, int] | None = None) -> None:
        self.app, self.limit = app, limit
        self.wider = wider or {}  # path prefix -> its own limit (the web app's file upload)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = next((n for prefix, n in self.wider.items() if scope.get("path", "").startswith(prefix)), self.limit)
        hint = "upload a smaller file" if limit != self.limit else "send one draft and the recent context only"
        too_big = _error(413, f"request body is over the limit of {limit:,} bytes; {hint}")
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    size = int(value)
                except ValueError:
                    await _error(400, "invalid Content-Length header")(scope, receive, send)
                    return
                if size > limit:
                    await too_big(scope, receive, send)
                    return
        seen = 0
        answered = False

        async def limited() -> Message:
            # Over the limit while streaming: answer 413 now and tell the app the client left,
            # so it stops reading (raising here would become FastAPI's generic 400).
            nonlocal seen, answered
            if answered:
                return {"type": "http.disconnect"}
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > limit:
                    answered = True
                    await too_big(scope, receive, send)
                    return {"type": "http.disconnect"}
            return msg

        async def guarded_send(msg: Message) -> None:
            if not answered:
                await send(msg)

        await self.app(scope, limited, guarded_send)


class TokenGuard:
    """401 on /api/* (except health) without 'Authorization: Bearer <token>'.

    Plain ASGI rather than ``@app.middleware("http")``: that wrapper costs a task and a
    stream per request, on every request, and is only installed when a token is required."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.expected = f"Bearer {token}".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if path.startswith("/api/") and path != "/api/v1/health":
            given = next((v for k, v in scope.get("headers", []) if k == b"authorization"), b"")
            if not hmac.compare_digest(given, self.expected):
                await _error(401, "missing or wrong token: send 'Authorization: Bearer <token>'")(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _not_json(error: Mapping[str, Any], body: Any, hint: str) -> str:
    """The message for a body that does not parse: FastAPI puts the character offset where a
    field goes (``loc`` = ("body", 9)); it becomes a line and column, as json's own errors say."""
    reason = str((error.get("ctx") or {}).get("error") or "invalid JSON")
    loc = error.get("loc") or ()
    pos = loc[-1] if loc and isinstance(loc[-1], int) else None
    where = ""
    if pos is not None and isinstance(body, str | bytes) and 0 <= pos <= len(body):
        nl = "\n" if isinstance(body, str) else b"\n"
        line = body.count(nl, 0, pos) + 1  # type: ignore[arg-type]
        column = pos - body.rfind(nl, 0, pos)  # type: ignore[arg-type]
        where = f" at line {line}, column {column}"
    elif pos is not None:
        where = f" at character {pos + 1}"
    return f"request body is not valid JSON: {reason}{where}{'; ' + hint if hint else ''}"


def _readable(errors: list[Any]) -> tuple[str, list[dict[str, Any]]]:
    detail: list[dict[str, Any]] = []
    for e in errors[:10]:
        loc = ".".join(str(x) for x in e.get("loc", ()) if x != "body")
        detail.append({"field": loc or "body", "problem": str(e.get("msg", "invalid"))})
    if detail and detail[0]["field"].startswith("context."):
        return ("context: expected 'Customer: ...' transcript text, a conversation object {\"messages\": [...]} "
                "or a list of {\"role\", \"text\"} messages"), detail
    first = detail[0] if detail else {"field": "body", "problem": "invalid"}
    return f"{first['field']}: {first['problem']}", detail


def create_app(settings: ServerSettings | None = None) -> FastAPI:
    s = settings or ServerSettings()
    if s.heads_dir:
        use_heads(s.heads_dir)  # the coach's checks; the web app's analyser reads it from s.web

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if web is not None:
            web.start()  # migrations first: a request must never meet an old schema
        if s.warm_up:
            warm_up()  # load lexicons and the embedder before the first request, not during it
            # What start-up loaded (detectors, lexicon indexes, the model) lives as long as the
            # process: keep it out of the cyclic GC, so full collections don't pause requests
            # to scan it again and again.
            gc.collect()
            gc.freeze()
        yield
        if web is not None:
            web.stop()

    app = FastAPI(title="patiently", version=__version__, lifespan=lifespan,
                  description="Analyse and coach patience in IT support conversations, offline.")
    app.state.settings = s
    web = None
    if s.web is not None:
        from ..web.app import mount

        web = mount(app, s.web)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        broken = next((e for e in errors if e.get("type") == "json_invalid"), None)
        if broken is not None:  # not JSON at all: 400, like a body that is not UTF-8 (docs/coach.md)
            hint = CHECK_BODY_HINT if request.url.path == "/api/v1/check" else ""
            return _error(400, _not_json(broken, exc.body, hint))
        message, detail = _readable(errors)
        return _error(422, message, detail)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
        # Same {"error": ...} shape for FastAPI's own errors (e.g. a body that is not UTF-8).
        if web is not None and not request.url.path.startswith("/api/"):
            return web.http_error(request, exc)  # pages answer in HTML unless JSON was asked for
        message = str(exc.detail)
        if "parsing the body" in message:
            message = "request body is not valid JSON (or not UTF-8 text): send {\"draft\": \"...\"}"
        return JSONResponse({"error": message}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(PatientlyError)
    async def on_input(request: Request, exc: PatientlyError) -> JSONResponse:
        return _error(422, str(exc))

    @app.exception_handler(Exception)
    async def on_crash(request: Request, exc: Exception) -> Response:
        # Our own failure (Starlette still logs the traceback): an API client gets the
        # documented {"error": ...} shape; pages keep Starlette's plain answer.
        if request.url.path.startswith("/api/"):
            return _error(500, "internal error: the server could not answer this request; "
                               "the details are in the server log")
        return PlainTextResponse("Internal Server Error", status_code=500)

    @app.get("/api/v1/health", tags=["meta"])
    async def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    def run_check(body: CheckRequest) -> Response:
        context: Any = body.context
        if isinstance(context, ConversationIn):
            context = context.model_dump()
        elif isinstance(context, list):
            context = [m.model_dump() for m in context]
        try:
            result = check(body.draft, context, llm=s.llm)
        except CoachInputError:
            raise
        except (ValueError, TypeError) as exc:  # input we did not foresee: still the client's, still a 4xx
            raise CoachInputError(f"cannot check this input: {exc}") from exc
        try:
            return Response(result.model_dump_json(), media_type="application/json")
        except ValueError:  # PydanticSerializationError: text the validation let through
            log.exception("check result could not be written as JSON")
            return _error(500, "internal error: the check result could not be written as JSON; "
                               "the details are in the server log")

    # The check runs in a worker thread, so the event loop keeps answering (health, other
    # connections) while the detectors work; but in one thread per process: the work is
    # CPU-bound Python, and more threads only add GIL hand-offs (measured with
    # benchmarks/check_latency.py: ~10% more checks/s with one thread than with 40). Checks
    # wait their turn in the event loop. With an LLM endpoint, whose calls wait on the
    # network, several run at once. The result is serialised by pydantic's own JSON encoder;
    # response_model still documents it in /openapi.json.
    threads: list[anyio.CapacityLimiter] = []  # made in the event loop, on first use

    @app.post("/api/v1/check", response_model=CheckResult, tags=["coach"],
              responses={413: {"model": ErrorOut}, 422: {"model": ErrorOut}})
    async def check_route(body: CheckRequest) -> Response:
        """Check a draft reply, optionally against the conversation so far."""
        if not threads:
            threads.append(anyio.CapacityLimiter(CHECK_THREADS if s.llm is None else CHECK_THREADS_LLM))
        return await anyio.to_thread.run_sync(run_check, body, limiter=threads[0])

    if s.require_token:
        app.add_middleware(TokenGuard, token=s.require_token)
    app.add_middleware(BodyLimit, limit=s.max_body_bytes,
                       wider={"/import": s.web.max_upload_bytes} if s.web is not None else None)
    return app


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` workers: settings come as JSON in $PATIENTLY_SERVER_SETTINGS."""
    raw = os.environ.get(SETTINGS_ENV)
    return create_app(ServerSettings.model_validate(json.loads(raw)) if raw else None)
