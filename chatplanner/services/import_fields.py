"""Which fields an import writes: a new contact's columns, and what an update may change.

An update never blanks a field and never overwrites what the user may have chosen (names,
e-mail, phone, place, notes): it only fills them when they are empty. Company and job title are
the exception: an export knows them better than an old entry (people change jobs), so a
different value replaces them, and the old title is kept as the previous title. But a file never
knows better than a change made in the app (by the user, or by sync) after the file was made:
when the contact changed after the file's date, its company and title are kept.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, cast

from chatplanner.domain.contacts import ContactDraft, suggested_kind
from chatplanner.domain.dedupe import company_key
from chatplanner.domain.enums import ContactKind, OnlineActivity, Stage
from chatplanner.interop.contact_record import ContactRecord

FILL_ONLY = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "linkedin_url",
    "city",
    "country",
    "address",
    "notes",
    "connected_on",
)
REFRESHED = ("company", "title")
# Every column an import compares, in the order of the query that reads them.
COMPARED = ("id", *FILL_ONLY, *REFRESHED, "previous_title", "updated_at")

KEPT_WORDS = "changed here after this file was made"

FIELD_LABELS = {
    "first_name": "first name",
    "last_name": "last name",
    "email": "e-mail",
    "phone": "phone",
    "linkedin_url": "LinkedIn profile",
    "city": "city",
    "country": "country",
    "address": "address",
    "notes": "notes",
    "connected_on": "connected on",
    "company": "company",
    "title": "title",
    "groups": "groups",
}

SOURCE_NOTES = {
    "linkedin": "Imported from LinkedIn connections",
    "vcard": "Imported from a vCard file",
    "google": "Imported from Google Contacts",
}


def draft_of_record(record: ContactRecord) -> ContactDraft:
    return ContactDraft(
        first_name=record.first_name or "",
        last_name=record.last_name or "",
        email=record.email,
        phone=record.phone,
        linkedin_url=record.linkedin_url,
        company=record.company,
        title=record.title,
        city=record.city,
        country=record.country,
        address=record.address,
        notes=record.notes or "",
        connected_on=record.connected_on,
        # A recruiter is told apart at once (business only); everyone else is sorted later.
        kind=suggested_kind(record.title) or ContactKind.OTHER,
    )


def column_values(record: ContactRecord, now: datetime) -> dict[str, Any]:
    """The columns of a new contact made from `record` (those apply_draft sets on a new row).

    The same dictionary, keys in the same order, as `new_row_columns(draft_of_record(record),
    now)`, the one mapping (tests/services/test_import_fields.py checks that they agree).
    """
    return {name: values[0] for name, values in new_contact_columns([record], now).items()}


def new_contact_columns(
    records: Sequence[ContactRecord], now: datetime
) -> dict[str, Sequence[Any]]:
    """column_values() of each record, as columns: an import of 30,000 rows makes them in a
    few loops over each field, with no draft and no dictionary per row."""
    count = len(records)
    by_field = zip(*records, strict=True) if records else [()] * len(ContactRecord._fields)
    field = dict(zip(ContactRecord._fields, by_field, strict=True))
    nothing = (None,) * count
    return {
        "first_name": [(text or "").strip() for text in field["first_name"]],
        "last_name": [(text or "").strip() for text in field["last_name"]],
        "email": _trimmed(field["email"]),
        "phone": _trimmed(field["phone"]),
        "linkedin_url": _trimmed(field["linkedin_url"]),
        "company": _trimmed(field["company"]),
        "title": _trimmed(field["title"]),
        "previous_title": nothing,
        "years_in_role": nothing,
        "city": _trimmed(field["city"]),
        "country": _trimmed(field["country"]),
        "address": _trimmed(field["address"]),
        "connected_on": field["connected_on"],
        "keep_in_touch_days": nothing,
        "follow_up_after_days": nothing,
        "move_on_after_days": nothing,
        # The kind is read from the title as the file gave it, before trimming.
        "kind": list(map(_kind_of_title, field["title"])),
        "goal": nothing,
        "online_activity": (_UNKNOWN_ACTIVITY,) * count,
        "notes": [text or "" for text in field["notes"]],
        "created_at": (now,) * count,
        "stage": (_NOT_CONTACTED,) * count,
        "archived": (False,) * count,
        "updated_at": (now,) * count,
    }


def _trimmed(texts: Iterable[str | None]) -> list[str | None]:
    """Texts trimmed, blank text as no value (as contact_mapping.draft_columns stores it)."""
    return [(text.strip() or None) if text is not None else None for text in texts]


@functools.lru_cache(maxsize=4096)  # many people share a job title
def _kind_of_title(title: str | None) -> str:
    return (suggested_kind(title) or ContactKind.OTHER).value


_UNKNOWN_ACTIVITY = OnlineActivity.UNKNOWN.value
_NOT_CONTACTED = Stage.NOT_CONTACTED.value


def _empty(value: object) -> bool:
    return value is None or value == ""


def changed_after(existing: dict[str, Any], made_at: datetime | None) -> bool:
    """The contact was changed in the app (or by sync) after the file was made."""
    changed = existing.get("updated_at")
    return made_at is not None and changed is not None and changed > made_at


def changes_for(
    values: dict[str, Any], existing: dict[str, Any], made_at: datetime | None = None
) -> dict[str, Any]:
    """The columns an import of `values` would change on the `existing` contact's columns.

    `made_at`: when the file was made; a contact changed after it keeps its company and title.
    """
    return split_changes(values, existing, made_at)[0]


def split_changes(
    values: dict[str, Any], existing: dict[str, Any], made_at: datetime | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The columns an import would change, and those it keeps (refreshed fields the contact
    holds otherwise, changed in the app after the file was made), with the file's values."""
    changes: dict[str, Any] = {}
    kept: dict[str, Any] = {}
    newer_here = changed_after(existing, made_at)
    for name in FILL_ONLY:
        new = values.get(name)
        if not _empty(new) and _empty(existing.get(name)):
            changes[name] = new
    for name in REFRESHED:
        new = values.get(name)
        old = existing.get(name)
        # Case, accents and punctuation alone are not news: the user may have tidied
        # "ACME Inc" into "Acme, Inc.".
        if not _empty(new) and company_key(cast(str, new)) != company_key(cast(str | None, old)):
            if newer_here and not _empty(old):
                kept[name] = new
            else:
                changes[name] = new
    if "title" in changes and not _empty(existing.get("title")):
        changes["previous_title"] = existing["title"]
    return changes, kept


def change_labels(changes: dict[str, Any], joins_groups: bool) -> tuple[str, ...]:
    labels = [FIELD_LABELS[name] for name in changes if name in FIELD_LABELS]
    if joins_groups:
        labels.append(FIELD_LABELS["groups"])
    return tuple(labels)
