"""the advice loop: advice acted on, what came of a promise, and report-backs

Revision ID: 0004_advice_loop
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_advice_loop"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ALTER TABLE ADD COLUMN with a constant default: no copy of the table.
    op.add_column(
        "follow_ups", sa.Column("outcome", sa.Text(), nullable=False, server_default="")
    )
    op.create_table(
        "advice_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("advice", sa.Text(), nullable=False),
        sa.Column("acted_on", sa.Date(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("report_back_sent_at", sa.DateTime(), nullable=True),
        sa.Column("report_back_outreach_id", sa.Integer(), nullable=True),
        sa.Column("report_back_dismissed", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_advice_actions_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_advice_actions_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["report_back_outreach_id"],
            ["outreach.id"],
            name=op.f("fk_advice_actions_report_back_outreach_id_outreach"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_advice_actions")),
        sa.UniqueConstraint("meeting_id", "advice", name=op.f("uq_advice_actions_meeting_id")),
    )
    op.create_index(
        op.f("ix_advice_actions_contact_id"), "advice_actions", ["contact_id"], unique=False
    )
    op.create_index(
        op.f("ix_advice_actions_meeting_id"), "advice_actions", ["meeting_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_advice_actions_meeting_id"), table_name="advice_actions")
    op.drop_index(op.f("ix_advice_actions_contact_id"), table_name="advice_actions")
    op.drop_table("advice_actions")
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.drop_column("outcome")
