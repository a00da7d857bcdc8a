"""store each contact's name key, so the People list's first screen comes from an index

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from chatplanner.db import name_keys

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ALTER TABLE ADD COLUMN: no copy of the table, however many contacts it holds.
    op.add_column("contacts", sa.Column("name_key", sa.String(), nullable=True))
    name_keys.fill_missing_name_keys(op.get_bind())
    op.create_index(
        "ix_contacts_name_order",
        "contacts",
        ["archived", "name_key", "last_name", "first_name"],
        unique=False,
    )
    name_keys.create_stale_key_trigger(op.get_bind())


def downgrade() -> None:
    name_keys.drop_stale_key_trigger(op.get_bind())
    op.drop_index("ix_contacts_name_order", table_name="contacts")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("name_key")
