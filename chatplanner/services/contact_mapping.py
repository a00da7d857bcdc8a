"""Between contact rows and contact records: the one mapping every contact service uses."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from chatplanner.domain.contacts import ContactDetail, ContactDraft
from chatplanner.domain.enums import ContactKind, OnlineActivity, Stage
from chatplanner.services.stored_enums import enum_or, goal_or_none

# The mapping reads and sets attributes only: a plain read (`contact_details.py`) uses it
# without loading the mapped classes.
if TYPE_CHECKING:
    from chatplanner.db.models import Contact

# Draft fields stored as they are (None for "no value"); group_ids are handled by the caller.
_PLAIN_FIELDS = (
    "email",
    "phone",
    "linkedin_url",
    "company",
    "title",
    "previous_title",
    "years_in_role",
    "city",
    "country",
    "address",
    "connected_on",
    "keep_in_touch_days",
    "follow_up_after_days",
    "move_on_after_days",
)


def draft_columns(draft: ContactDraft) -> dict[str, object]:
    """The columns a draft's fields set on a row (new or existing). Groups are not among them."""
    columns: dict[str, object] = {
        "first_name": draft.first_name.strip(),
        "last_name": draft.last_name.strip(),
    }
    for name in _PLAIN_FIELDS:
        value = getattr(draft, name)
        # Text is trimmed, and blank text stored as no value.
        columns[name] = (value.strip() or None) if isinstance(value, str) else value
    columns["kind"] = draft.kind.value
    columns["goal"] = draft.goal.value if draft.goal else None
    columns["online_activity"] = draft.online_activity.value
    columns["notes"] = draft.notes
    return columns


def new_row_columns(draft: ContactDraft, now: datetime) -> dict[str, object]:
    """The columns of a new row made from a draft, as apply_draft() sets them on a new Contact
    (a bulk insert writes these without an ORM object per row)."""
    columns = draft_columns(draft)
    columns["created_at"] = now
    columns["stage"] = Stage.NOT_CONTACTED.value
    columns["archived"] = False
    columns["updated_at"] = now
    return columns


def apply_draft(contact: Contact, draft: ContactDraft, now: datetime) -> None:
    """Write a draft's fields onto a row (new or existing). Groups are not touched."""
    for name, value in draft_columns(draft).items():
        setattr(contact, name, value)
    moment = now
    if contact.created_at is None:
        contact.created_at = moment
    if contact.stage is None:
        contact.stage = Stage.NOT_CONTACTED.value
    if contact.archived is None:
        contact.archived = False
    contact.updated_at = moment


def draft_of(contact: Contact, group_ids: tuple[int, ...] | None = None) -> ContactDraft:
    """`group_ids`: read beside the row, in the order of their names (a plain read); None: the
    row's own groups."""
    return ContactDraft(
        first_name=contact.first_name,
        last_name=contact.last_name,
        kind=enum_or(ContactKind, contact.kind, ContactKind.OTHER),
        goal=goal_or_none(contact.goal),
        online_activity=enum_or(OnlineActivity, contact.online_activity, OnlineActivity.UNKNOWN),
        notes=contact.notes or "",
        group_ids=group_ids
        if group_ids is not None
        else tuple(group.id for group in contact.groups),
        **{name: getattr(contact, name) for name in _PLAIN_FIELDS},
    )


def detail_of(contact: Contact, group_ids: tuple[int, ...] | None = None) -> ContactDetail:
    def aware(moment: datetime | None) -> datetime | None:
        return moment if moment is not None else None

    return ContactDetail(
        id=contact.id,
        draft=draft_of(contact, group_ids),
        stage=enum_or(Stage, contact.stage, Stage.NOT_CONTACTED),
        stage_changed_at=aware(contact.stage_changed_at),
        latitude=contact.latitude,
        longitude=contact.longitude,
        last_touch_at=aware(contact.last_touch_at),
        snoozed_until=contact.snoozed_until,
        archived=contact.archived,
        source=contact.source,
        created_at=contact.created_at,
        updated_at=contact.updated_at,
    )
