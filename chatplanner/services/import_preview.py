"""What an import would do (the preview) and what it did (the summary): plain records."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Literal, NamedTuple

from chatplanner.domain.person_names import display_name
from chatplanner.errors import WorkCancelledError
from chatplanner.interop.contact_record import ContactRecord, SkippedRow
from chatplanner.interop.source_file import READINGS, EncodingEvidence

__all__ = [
    "DEFAULT_DECISION",
    "READINGS",
    "Decision",
    "EncodingEvidence",
    "ExistingContact",
    "ImportCancelledError",
    "ImportPreview",
    "ImportSummary",
    "PreviewRow",
    "SkippedRow",
]

# new: a person not in the profile. update: the same person (LinkedIn URL or e-mail) with
# something new. unchanged: the same person, nothing new. likely: maybe someone already there
# (or an earlier row): the user decides. skipped: left out, with the reason.
RowStatus = Literal["new", "update", "unchanged", "likely", "skipped"]

# (done, total, what is happening); total 0 means "no measure yet".
ProgressCallback = Callable[[int, int, str], None]
StopCheck = Callable[[], bool]


class Decision(StrEnum):
    """What to do with a likely duplicate. Nothing is merged unless the user says so."""

    SKIP = "skip"
    MERGE = "merge"
    ADD = "add"


# Likely duplicates are left out unless the user chooses: skipping loses nothing already in
# the profile and makes no second copy of anyone; the same file can be imported again later.
DEFAULT_DECISION = Decision.SKIP


class ImportCancelledError(WorkCancelledError):
    def __init__(self) -> None:
        super().__init__("The import was cancelled. Nothing was changed.")


@dataclass(frozen=True, slots=True)
class ExistingContact:
    """A contact already in the profile that a row matched."""

    id: int
    name: str
    company: str | None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.company})" if self.company else self.name


class PreviewRow(NamedTuple):
    """One row (or card) of the file and what importing it would do. A named tuple, as the
    file's records are: the preview makes one per row while the user waits."""

    position: int  # index in ImportPreview.rows, the key of a decision
    row_number: int  # line of the file where the row starts
    status: RowStatus
    record: ContactRecord | None  # None for rows the file reader already left out
    reason: str  # a sentence: why this status
    match: ExistingContact | None = None  # the contact updated, or the possible duplicate
    earlier_row: int | None = None  # the row of this file it repeats (or may repeat)
    changes: tuple[str, ...] = ()  # for updates: the fields that would change
    # Fields the file says otherwise but that were changed here after the file was made.
    kept: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        if self.record is None:
            return ""
        record = self.record
        return (
            display_name(record.first_name, record.last_name)
            or record.email
            or record.company
            or record.phone
            or ""
        )

    @property
    def can_merge(self) -> bool:
        return self.status == "likely" and self.match is not None


@dataclass(frozen=True)
class ImportPreview:
    """Everything a file would change, computed before anything is written."""

    path: Path
    kind: str  # linkedin, vcard or google
    source_label: str
    rows: tuple[PreviewRow, ...]
    new_groups: tuple[str, ...] = ()  # groups the file names that the profile lacks
    # How the file's text was decoded; `encoding.mixed`: the preview says so and offers a choice.
    encoding: EncodingEvidence | None = None
    # Rows with nothing in them, left out and only counted.
    blank_rows: int = 0
    # Rows imported with something lost (a date that is no real day), with the sentence.
    warnings: tuple[SkippedRow, ...] = ()
    # When the file was made (its modification time): what changed here later is kept.
    made_at: datetime | None = None

    @cached_property
    def counts(self) -> Counter[str]:
        return Counter(row.status for row in self.rows)

    def count(self, status: RowStatus) -> int:
        return self.counts[status]

    @property
    def likely_rows(self) -> list[PreviewRow]:
        return [row for row in self.rows if row.status == "likely"]

    @property
    def has_work(self) -> bool:
        """Something would be written (with the default decisions or others)."""
        return any(self.counts[s] for s in ("new", "update", "likely"))


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What a committed import did."""

    new: int = 0
    updated: int = 0
    merged: int = 0
    unchanged: int = 0
    skipped: int = 0
    skipped_reasons: tuple[SkippedRow, ...] = field(default=())
    groups_created: tuple[str, ...] = ()
    blank_rows: int = 0  # rows with nothing in them, not counted in `skipped`
    # The automatic backup that holds the profile as it was before the import ("" when the
    # profile held no contact and no chat): what puts it back.
    backup_name: str = ""
    backup_taken_at: datetime | None = None

    @property
    def changed(self) -> bool:
        return bool(self.new or self.updated or self.merged or self.groups_created)
