"""The HTTP server (FastAPI): ``patiently serve``; ``create_app()`` is the factory other features extend."""

from __future__ import annotations

from .app import ServerSettings, create_app

__all__ = ["ServerSettings", "create_app"]
