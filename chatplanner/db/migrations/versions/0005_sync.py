"""CalDAV/CardDAV accounts and what each sync last agreed with the server

Revision ID: 0005_sync
Revises: 0004_advice_loop
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_sync"
down_revision = "0004_advice_loop"
branch_labels = None
depends_on = None


# Long: one statement per table, as Alembic writes a schema; a released migration never changes.
def upgrade() -> None:
    op.create_table(
        "sync_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("server_url", sa.String(), nullable=False),
        sa.Column("username", sa.String(), nullable=False),
        sa.Column("principal_url", sa.String(), nullable=False),
        sa.Column("calendar_url", sa.String(), nullable=True),
        sa.Column("calendar_name", sa.String(), nullable=False),
        sa.Column("address_book_url", sa.String(), nullable=True),
        sa.Column("address_book_name", sa.String(), nullable=False),
        sa.Column("card_version", sa.String(), nullable=False),
        sa.Column("contacts_sync_token", sa.String(), nullable=True),
        sa.Column("contact_groups", sa.Text(), nullable=False),
        sa.Column("last_sync_at", sa.DateTime(), nullable=True),
        sa.Column("last_result", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_accounts")),
    )
    op.create_table(
        "sync_cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("href", sa.String(), nullable=False),
        sa.Column("uid", sa.String(), nullable=False),
        sa.Column("etag", sa.String(), nullable=True),
        sa.Column("base", sa.Text(), nullable=False),
        sa.Column("card", sa.Text(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("conflict", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["sync_accounts.id"],
            name=op.f("fk_sync_cards_account_id_sync_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_sync_cards_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_cards")),
        sa.UniqueConstraint("account_id", "href", name=op.f("uq_sync_cards_account_id")),
    )
    with op.batch_alter_table("sync_cards", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_cards_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_cards_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_cards_uid"), ["uid"], unique=False)
    op.create_table(
        "sync_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("uid", sa.String(), nullable=False),
        sa.Column("href", sa.String(), nullable=False),
        sa.Column("etag", sa.String(), nullable=True),
        sa.Column("content_sha256", sa.String(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("conflict", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["sync_accounts.id"],
            name=op.f("fk_sync_events_account_id_sync_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_sync_events_meeting_id_meetings"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_events")),
        sa.UniqueConstraint("account_id", "uid", name=op.f("uq_sync_events_account_id")),
    )
    with op.batch_alter_table("sync_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_events_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_events_meeting_id"), ["meeting_id"], unique=False)
    op.create_table(
        "sync_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["sync_accounts.id"],
            name=op.f("fk_sync_notices_account_id_sync_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_notices")),
    )
    with op.batch_alter_table("sync_notices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_notices_account_id"), ["account_id"], unique=False)


def downgrade() -> None:
    op.drop_table("sync_notices")
    op.drop_table("sync_events")
    op.drop_table("sync_cards")
    op.drop_table("sync_accounts")
