"""Moving a contact along the pipeline: the one place that changes a stage and records it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from chatplanner.db.models import Contact, Outreach, StageEvent
from chatplanner.domain.enums import OutreachKind, Stage

# Stages that say the person answered: planning a chat, meeting or thanking someone still
# "messaged" (or moved on from) means a reply came, even if it was never logged. When it came
# is not known: the message is marked answered without a reply moment, so nothing that reads
# reply moments (the Brief's "They replied 9 days later", Insights' time to reply, the
# timeline) is given one the user never recorded.
_ANSWERED = (Stage.CHAT_PLANNED, Stage.MET, Stage.THANKED)
_WAITING = (Stage.MESSAGED, Stage.MOVED_ON)


def record_stage(
    session: Session, contact: Contact, stage: Stage, at: datetime, note: str = ""
) -> bool:
    """Set `contact`'s stage inside the caller's unit of work and add it to the history.

    Returns False (and records nothing) when the contact is already at that stage.
    """
    if contact.stage == stage.value:
        return False
    moment = at
    contact.stage = stage.value
    contact.stage_changed_at = moment
    contact.updated_at = moment
    session.add(StageEvent(contact_id=contact.id, stage=stage.value, at=moment, note=note))
    return True


def record_progress(
    session: Session, contact: Contact, stage: Stage, at: datetime, note: str = ""
) -> bool:
    """Like `record_stage`, also recording the reply that reaching `stage` implies: a chat
    planned with someone who was waiting for an answer means they answered (the message is
    marked replied, so reply rates and the funnel count it, but keeps no reply moment: the
    day they answered was never logged, and `at` is only when the user acted)."""
    if stage in _ANSWERED and contact.stage in {s.value for s in _WAITING}:
        _mark_latest_answered(session, contact)
        record_stage(session, contact, Stage.REPLIED, at, IMPLIED_REPLY_NOTE)
    return record_stage(session, contact, stage, at, note)


# The history's words for a reply known only from what followed it.
IMPLIED_REPLY_NOTE = "They answered (the day was not logged)"


def _mark_latest_answered(session: Session, contact: Contact) -> None:
    latest = session.scalars(
        select(Outreach)
        .where(
            Outreach.contact_id == contact.id,
            Outreach.kind.in_((OutreachKind.FIRST_MESSAGE.value, OutreachKind.FOLLOW_UP.value)),
            Outreach.replied_at.is_(None),
        )
        .order_by(Outreach.sent_at.desc(), Outreach.id.desc())
        .limit(1)
    ).first()
    if latest is not None:
        # `replied_at` stays empty: a reply logged later ("They replied" on People) still
        # finds this message and gives it its real moment.
        latest.outcome = "replied"
