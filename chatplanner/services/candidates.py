"""Contacts as the "who to reach next" ranking sees them, loaded in one query."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chatplanner.db.models import Contact, Group, Outreach, contact_groups
from chatplanner.domain.enums import ContactKind, OnlineActivity, Stage
from chatplanner.domain.person_names import shown_name
from chatplanner.domain.suggestions import Candidate
from chatplanner.services.stored_enums import enum_or, goal_or_none


def load_candidates(session: Session) -> list[Candidate]:
    """Every contact not archived, with their groups and when they were last written to."""
    groups = (
        select(
            contact_groups.c.contact_id,
            func.group_concat(contact_groups.c.group_id).label("group_ids"),
        )
        .group_by(contact_groups.c.contact_id)
        .subquery()
    )
    last_sent = (
        select(Outreach.contact_id, func.max(Outreach.sent_at).label("last_sent"))
        .group_by(Outreach.contact_id)
        .subquery()
    )
    query = (
        select(
            Contact.id,
            Contact.first_name,
            Contact.last_name,
            Contact.kind,
            Contact.goal,
            Contact.online_activity,
            Contact.city,
            Contact.stage,
            last_sent.c.last_sent,
            groups.c.group_ids,
        )
        .outerjoin(last_sent, last_sent.c.contact_id == Contact.id)
        .outerjoin(groups, groups.c.contact_id == Contact.id)
        .where(Contact.archived.is_(False))
    )
    candidates = []
    for row in session.execute(query):
        group_ids = frozenset(int(g) for g in (row.group_ids or "").split(",") if g)
        candidates.append(
            Candidate(
                id=row.id,
                name=shown_name(row.first_name, row.last_name),
                kind=enum_or(ContactKind, row.kind, ContactKind.OTHER),
                goal=goal_or_none(row.goal),
                online_activity=enum_or(
                    OnlineActivity, row.online_activity, OnlineActivity.UNKNOWN
                ),
                group_ids=group_ids,
                city=row.city,
                stage=enum_or(Stage, row.stage, Stage.NOT_CONTACTED),
                last_contacted_at=row.last_sent if row.last_sent else None,
            )
        )
    return candidates


def group_names(session: Session) -> Mapping[int, str]:
    return {row.id: row.name for row in session.execute(select(Group.id, Group.name))}
