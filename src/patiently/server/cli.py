"""``patiently serve``: the HTTP API with uvicorn (a standalone click command).

The main CLI attaches it with ``cli.add_command(serve_command)``. It binds to 127.0.0.1 by
default: exposing it wider is a deliberate choice (and then ``--require-token`` is wise).
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..cli_options import heads_option
from ..config import usable_cores
from ..web.settings import DEFAULT_DB, WebSettings
from .app import SETTINGS_ENV, ServerSettings


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--workers", default=0, type=click.IntRange(0, 64),
              help="Worker processes (the detectors are CPU-bound Python: one per core). "
                   "Default: one per core with --api-only, 1 with the web app.")
@click.option("--require-token", envvar="PATIENTLY_TOKEN", metavar="TOKEN",
              help="Require 'Authorization: Bearer TOKEN' on /api/v1/* (not on health). Default: open.")
@click.option("--llm-url", envvar="PATIENTLY_LLM_URL", metavar="URL",
              help="OpenAI-compatible server to polish rewrites (optional).")
@click.option("--llm-model", default="local", show_default=True)
@click.option("--max-body", default=256 * 1024, show_default=True, type=click.IntRange(1024),
              help="Largest request body in bytes (bigger: 413).")
@click.option("--db", default=DEFAULT_DB, show_default=True, envvar="PATIENTLY_DB", metavar="URL",
              help="Web app database: sqlite:///file.db or postgresql://user@host/db.")
@click.option("--api-only", is_flag=True, help="Serve only /api/v1/* (no web app, no database).")
@click.option("--log-level", default="warning", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))
@heads_option
def serve_command(host: str, port: int, workers: int, require_token: str | None, llm_url: str | None,
                  llm_model: str, max_body: int, db: str, api_only: bool, log_level: str,
                  heads_dir: Path | None) -> None:
    """Serve the web app and the API (POST /api/v1/check, GET /api/v1/health, /openapi.json, /docs)."""
    try:
        import uvicorn
    except ImportError as exc:
        raise click.ClickException("the server needs the 'web' extra: pip install 'patiently[web]'") from exc
    from ..coach.llm import LLMSettings

    heads = str(heads_dir) if heads_dir is not None else None
    web = None if api_only else WebSettings(db=db, heads_dir=heads)
    if workers == 0:
        workers = usable_cores() if api_only else 1
    if web is not None:
        # Migrate once here, before workers start, so they never race to create the schema.
        from ..web.db import open_database

        open_database(web.db).dispose()
    settings = ServerSettings(max_body_bytes=max_body, require_token=require_token, web=web, heads_dir=heads,
                              llm=LLMSettings(url=llm_url, model=llm_model) if llm_url else None)
    # Worker processes rebuild the app from the environment (settings cannot be passed in memory).
    os.environ[SETTINGS_ENV] = settings.model_dump_json()
    # One check embeds a few sentences: the tokenizer's thread pool costs more than it saves
    # (~0.04 ms CPU per check) and competes with the other workers for the cores.
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    click.echo(f"patiently on http://{host}:{port} (docs: /docs, schema: /openapi.json"
               f"{'' if web is None else f', database: {web.db}'})", err=True)
    uvicorn.run("patiently.server.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                log_level=log_level, access_log=False)
