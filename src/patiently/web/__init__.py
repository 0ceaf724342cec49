"""The web app for coaches and agents: SQLite (or PostgreSQL) store, server-rendered pages,
each with a JSON twin. ``mount(app, settings)`` adds it to the API's FastAPI app; the
server's ``create_app`` calls it when ``ServerSettings.web`` is set.

Layout: ``db`` (engine, sessions, the one writer, migrations), ``models`` (tables),
``auth`` (passwords, sessions, tokens, CSRF, roles), ``store`` (queries and upserts),
``jobs`` (background import and rescoring), ``render`` (HTML or JSON from one dict),
``routes/*`` (one module per page group).
"""

from __future__ import annotations

from .settings import DEFAULT_DB, WebSettings

__all__ = ["DEFAULT_DB", "WebSettings"]
