"""kept traveller keys: a masked traveller row keeps the key it had before masking

The traveller key is computed from the name and the date of birth, which retention masking
removes (the year stays): computed again from a masked row it is the same for every masked
traveller born that year. travellers.traveller_key keeps the key on the row when it is masked;
rows masked before this revision get it from their sealed copy (masked_records), which has
always recorded it.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_travellers = sa.table(
    "travellers", sa.column("id", sa.BigInteger()), sa.column("traveller_key", sa.String())
)
_masked = sa.table(
    "masked_records",
    sa.column("id", sa.BigInteger()),
    sa.column("owner_kind", sa.String()),
    sa.column("owner_id", sa.BigInteger()),
    sa.column("traveller_key", sa.String()),
)


def upgrade() -> None:
    with op.batch_alter_table("travellers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("traveller_key", sa.String(length=64), nullable=True))

    sealed = sa.and_(_masked.c.owner_kind == "traveller", _masked.c.traveller_key.is_not(None))
    kept = (
        sa.select(_masked.c.traveller_key)
        .where(sealed, _masked.c.owner_id == _travellers.c.id)
        .order_by(_masked.c.id)
        .limit(1)
        .scalar_subquery()
    )
    op.execute(
        _travellers.update()
        .values(traveller_key=kept)
        .where(_travellers.c.id.in_(sa.select(_masked.c.owner_id).where(sealed)))
    )


def downgrade() -> None:
    # Not in batch mode: that copies the table on SQLite, which rows of other tables pointing at
    # it forbid; SQLite (3.35 and later) and PostgreSQL both drop a column in place.
    op.drop_column("travellers", "traveller_key")
