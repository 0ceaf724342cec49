"""Standalone click commands the main CLI attaches: ``patiently users create`` (the first
admin, or any user) and ``patiently export-reviews`` (coaches' labels as JSONL)."""

from __future__ import annotations

import contextlib
import json
import sys

import click

from .settings import DEFAULT_DB

db_option = click.option("--db", default=DEFAULT_DB, show_default=True, envvar="PATIENTLY_DB",
                         help="Database URL: sqlite:///file.db or postgresql://...")


def _database(url: str, *, create: bool = True):  # -> Database; imported lazily so `patiently --help` stays fast
    try:
        from .db import open_database
    except ImportError as exc:
        raise click.ClickException("the web app needs the 'web' extra: pip install 'patiently[web]'") from exc
    return open_database(url, create=create)


@click.group("users")
def users_group() -> None:
    """Manage web app accounts."""


@users_group.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice(["admin", "coach", "agent"]), default="admin", show_default=True)
@click.option("--agent-name", help="For agents: the author name on their messages.")
@click.option("--password", envvar="PATIENTLY_PASSWORD", help="Default: asked for (hidden).")
@db_option
def create_user_command(username: str, role: str, agent_name: str | None, password: str | None, db: str) -> None:
    """Create a user, e.g. the first admin: patiently users create alice"""
    from ..errors import InputError
    from .auth import create_user

    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    database = _database(db)
    try:
        database.write(lambda s: create_user(s, username, password, role, agent_name))
    except InputError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        database.dispose()
    click.echo(f"created {role} {username}", err=True)


@click.command("export-reviews")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, writable=True), help="Default: stdout.")
@db_option
def export_reviews_command(out_path: str | None, db: str) -> None:
    """Export coaches' reviews as JSONL: one line per judged finding (correct or wrong)."""
    from .store import export_reviews

    database = _database(db, create=False)  # a read: a mistyped path must not make a new, empty database
    n = 0
    try:
        # nullcontext: leaving the block must not close stdout (later output would fail).
        with (open(out_path, "w", encoding="utf-8") if out_path else contextlib.nullcontext(sys.stdout)) as out:
            for row in export_reviews(database):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
    finally:
        database.dispose()
    click.echo(f"{n} labelled finding(s) exported", err=True)
