"""Contacts as the app hands them around: plain records, never database rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from typing import NamedTuple

from chatplanner.domain.enums import ContactKind, Goal, GroupKind, OnlineActivity, Stage
from chatplanner.domain.person_names import shown_name

# Words in a job title that say the person hires for a living: a business relationship.
_RECRUITER_TITLE = re.compile(
    r"\b(recruit\w*|talent acquisition|talent partner|sourcer|sourcing specialist|"
    r"headhunter|staffing (?:consultant|specialist|manager)|recrut\w*|reclut\w*)\b",
    re.IGNORECASE,
)


def suggested_kind(title: str | None) -> ContactKind | None:
    """The kind a job title points to ("Technical Recruiter" -> recruiter); None when it
    says nothing about it. Only recruiters are told apart by title: mentor and peer are
    what the person is to the user, which no title says."""
    if title and _RECRUITER_TITLE.search(title):
        return ContactKind.RECRUITER
    return None


class ContactSummary(NamedTuple):
    """One row of the People list: what the table shows, sorts, searches and filters on.

    An immutable record like the others, but a named tuple: the People list builds 30,000 of
    them while the user waits, and a tuple is made several times faster than a frozen dataclass.
    """

    id: int
    first_name: str
    last_name: str
    company: str | None
    title: str | None
    city: str | None
    kind: ContactKind
    stage: Stage
    goal: Goal | None
    online_activity: OnlineActivity
    last_contact_at: datetime | None  # aware UTC
    group_ids: tuple[int, ...]
    archived: bool
    # Folded (accent- and case-insensitive) text of name, company, title, city, groups and notes,
    # one field per line. The first line is always the name key (`name_sort_key`), even if empty.
    search_text: str

    @property
    def display_name(self) -> str:
        return shown_name(self.first_name, self.last_name)


@dataclass(frozen=True, slots=True)
class ContactDraft:
    """What an editor or an import writes. Empty strings mean "no value" and are stored as None."""

    first_name: str = ""
    last_name: str = ""
    email: str | None = None
    phone: str | None = None
    linkedin_url: str | None = None
    company: str | None = None
    title: str | None = None
    previous_title: str | None = None
    years_in_role: int | None = None
    city: str | None = None
    country: str | None = None
    address: str | None = None
    kind: ContactKind = ContactKind.OTHER
    goal: Goal | None = None
    online_activity: OnlineActivity = OnlineActivity.UNKNOWN
    notes: str = ""
    connected_on: date | None = None
    keep_in_touch_days: int | None = None
    follow_up_after_days: int | None = None
    move_on_after_days: int | None = None
    group_ids: tuple[int, ...] = ()


def edits_onto(stored: ContactDraft, shown: ContactDraft, edited: ContactDraft) -> ContactDraft:
    """The form's edits laid onto the person as stored now: a field the user changed from what
    the form showed takes their value; any other keeps the stored one, which a sync or another
    window may have changed since the form was filled (saving the whole form wrote those back)."""
    changes = {
        each.name: getattr(edited, each.name)
        for each in fields(ContactDraft)
        if getattr(edited, each.name) != getattr(shown, each.name)
    }
    return replace(stored, **changes)


@dataclass(frozen=True, slots=True)
class ContactDetail:
    id: int
    draft: ContactDraft
    stage: Stage
    stage_changed_at: datetime | None
    latitude: float | None
    longitude: float | None
    last_touch_at: datetime | None
    snoozed_until: date | None
    archived: bool
    source: str | None
    created_at: datetime
    updated_at: datetime

    @property
    def display_name(self) -> str:
        return shown_name(self.draft.first_name, self.draft.last_name)

    @property
    def is_business_only(self) -> bool:
        return self.draft.kind.is_business_only


@dataclass(frozen=True, slots=True)
class GroupInfo:
    id: int
    name: str
    kind: GroupKind
    description: str
    keep_in_touch_days: int | None
    member_count: int


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """Something that happened with a contact: a message, a stage change, a meeting, a note."""

    at: datetime  # aware UTC
    kind: str  # message, reply, stage, meeting, note, follow_up, thank_you
    title: str
    detail: str = ""
    meeting_id: int | None = None
    extra: dict[str, str] = field(default_factory=dict)
