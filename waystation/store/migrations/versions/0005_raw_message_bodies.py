"""raw message bodies: the bytes of each message in a table of their own

A database rewrites a whole row when one of its columns changes: with the bytes a column of
raw_messages, the status update after parsing wrote a 300-passenger message's ~45 KB again.
The bytes move, unchanged, to raw_message_bodies (one row per message, keyed by its id).

The upgrade copies every message's bytes once and drops the column in place (SQLite 3.35 and
later, and PostgreSQL, drop a column without copying the table; batch mode would copy
raw_messages, which the rows of other tables pointing at it forbid). On a large store it takes
as long as copying the bytes; run it with the service stopped, as every upgrade.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_messages = sa.table("raw_messages", sa.column("id", _Id), sa.column("body", sa.LargeBinary()))
_bodies = sa.table("raw_message_bodies", sa.column("message_id", _Id), sa.column("body", sa.LargeBinary()))


def upgrade() -> None:
    op.create_table(
        "raw_message_bodies",
        sa.Column("message_id", _Id, nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["raw_messages.id"],
            name=op.f("fk_raw_message_bodies_message_id_raw_messages"),
        ),
        sa.PrimaryKeyConstraint("message_id", name=op.f("pk_raw_message_bodies")),
    )
    op.execute(
        _bodies.insert().from_select(["message_id", "body"], sa.select(_messages.c.id, _messages.c.body))
    )
    op.drop_column("raw_messages", "body")


def downgrade() -> None:
    op.add_column("raw_messages", sa.Column("body", sa.LargeBinary(), nullable=True))
    kept = sa.select(_bodies.c.body).where(_bodies.c.message_id == _messages.c.id).scalar_subquery()
    op.execute(_messages.update().values(body=kept))
    op.drop_table("raw_message_bodies")
