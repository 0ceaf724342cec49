"""Settings of the web app (a plain pydantic model: importing it loads no web stack)."""

from __future__ import annotations

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
