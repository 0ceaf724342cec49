"""Alembic environment. patiently runs migrations itself (``Database.migrate``) with an
open connection in ``config.attributes``; there is no alembic.ini to keep in sync."""

from __future__ import annotations

from alembic import context

from patiently.web.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # `alembic` run by hand: patiently only supports the programmatic path
    raise RuntimeError("run migrations with patiently.web.db.Database(url).migrate()")

context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=True)  # batch mode: SQLite cannot ALTER most things in place
with context.begin_transaction():
    context.run_migrations()
