"""Moving a contact along the pipeline: the one place that changes a stage and records it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from chatplanner.db.models import Contact, StageEvent
from chatplanner.domain.enums import Stage


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
