"""rubric version number: a unique column, so two admins saving at once cannot both take N

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 08:20:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("rubric_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=True))

    # Number the stored rows from their data. A number saved twice (the race this closes)
    # stays with its first row; later ones keep NULL, which the unique index allows, and
    # their pages and history still read the number from their data.
    table = sa.table("rubric_versions", sa.column("id", sa.Integer()), sa.column("data", sa.JSON()),
                     sa.column("version", sa.Integer()))
    conn = op.get_bind()
    taken: set[int] = set()
    for row_id, data in conn.execute(sa.select(table.c.id, table.c.data).order_by(table.c.id)).all():
        try:
            number = int((data or {}).get("version") or 0)
        except (AttributeError, TypeError, ValueError):  # not a rubric: leave it unnumbered
            continue
        if number and number not in taken:
            taken.add(number)
            conn.execute(table.update().where(table.c.id == row_id).values(version=number))

    with op.batch_alter_table("rubric_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rubric_versions_version"), ["version"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("rubric_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rubric_versions_version"))
        batch_op.drop_column("version")
