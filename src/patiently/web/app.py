"""Wire the web app into the server's FastAPI app: state, routes, errors, static files."""

from __future__ import annotations

import threading
from importlib import resources
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..config import settings_for_heads
from ..pipeline import Analyzer
from . import store
from .auth import LoginRequired
from .db import Database
from .jobs import Jobs
from .render import JsonResponse, JsonSuffix, error_page, wants_json
from .settings import WebSettings

ROUTE_MODULES = ("account", "dashboard", "conversations", "imports", "check", "rubric", "admin", "practice",
                 "practice_team")


class WebState:
    """What the routes share: settings, the database, the job runner and the analyzer."""

    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
        self.db = Database(settings.db, stamp=store.data_stamp, busy=store.jobs_writing)
        self.jobs = Jobs(self.db, self.analyzer, warm=self.warm_caches)
        self._analyzer: Analyzer | None = None
        self._analyzer_lock = threading.Lock()

    def analyzer(self) -> Analyzer:
        """The shared analyzer (detectors load once), always with the active rubric."""
        with self._analyzer_lock:
            if self._analyzer is None:
                self._analyzer = Analyzer(settings_for_heads(self.settings.heads_dir))
            self._analyzer.rubric = store.active_rubric(self.db)
            return self._analyzer

    def warm_caches(self) -> None:
        """Fill the costly cached pages (the team dashboard) after a job changed the data."""
        from .routes.dashboard import warm

        warm(self)

    def start(self) -> None:
        if self.settings.migrate:
            self.db.migrate()
        self.jobs.recover()

    def stop(self) -> None:
        self.jobs.shutdown()
        self.db.dispose()

    def http_error(self, request: Request, exc: StarletteHTTPException) -> Response:
        if wants_json(request):
            # The message may quote what the client sent: JsonResponse writes any text it holds.
            return JsonResponse({"error": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)
        return error_page(request, exc.status_code, str(exc.detail))


def mount(app: FastAPI, settings: WebSettings) -> WebState:
    from importlib import import_module

    state = WebState(settings)
    app.state.web = state
    for name in ROUTE_MODULES:
        app.include_router(import_module(f"patiently.web.routes.{name}").router)
    static = resources.files("patiently.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        if wants_json(request) or request.headers.get("authorization"):
            return JSONResponse({"error": str(exc)}, status_code=401, headers={"WWW-Authenticate": "Bearer"})
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)

    app.add_middleware(JsonSuffix)
    return state
