"""Settings of the web app (a plain pydantic model: importing it loads no web stack)."""

from __future__ import annotations

import os
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

DEFAULT_DB = "sqlite:///patiently.db"


class WebSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    db: str = Field(DEFAULT_DB, description="SQLAlchemy URL: sqlite:///file.db (default) or postgresql://...")
    max_upload_bytes: int = Field(50 * 1024 * 1024, gt=0, description="Largest import upload.")
    # None: Secure cookies whenever the request came over https (behind a TLS proxy set True).
    secure_cookies: bool | None = None
    session_hours: float = Field(12.0, gt=0)
    # The reply check is open to anyone who can reach the server unless this is set.
    check_requires_login: bool = False
    migrate: bool = True  # bring the schema to the newest revision at start
    heads_dir: str | None = None  # a `train-heads` folder for the analyser's heads (`serve --heads`)
    # Log-in throttling: after this many failed log-ins for one username, or from one client
    # address, within the window, further attempts get 429 until the oldest failure ages out.
    # 0 turns that limit off (e.g. the per-address one behind a proxy that hides client addresses).
    # The defaults can be set from the environment, so `patiently serve` needs no extra flags.
    login_max_failures: int = Field(default_factory=lambda: _env("PATIENTLY_LOGIN_MAX_FAILURES", 5),
                                    validate_default=True, ge=0,
                                    description="Failed log-ins per username per window.")
    login_max_failures_per_ip: int = Field(default_factory=lambda: _env("PATIENTLY_LOGIN_MAX_FAILURES_PER_IP", 20),
                                           validate_default=True, ge=0,
                                           description="Failed log-ins per client address per window.")
    login_window_seconds: float = Field(default_factory=lambda: _env("PATIENTLY_LOGIN_WINDOW_SECONDS", 900.0),
                                        validate_default=True, gt=0, description="The window, in seconds.")


def _env(name: str, default: float) -> Any:
    """A default from the environment (validated like any other value), else ``default``."""
    value = os.environ.get(name, "").strip()
    return value or default
