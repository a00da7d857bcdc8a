"""Importing contact files: a preview of what would change, then one all-or-nothing commit.

The same LinkedIn URL or e-mail address is the same person: the row updates the contact (see
import_fields for which fields). A likely duplicate (same name and company) is never merged on
its own: the preview lists it and the user decides per row; without a decision it is skipped.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chatplanner.collection import collection_paused
from chatplanner.domain.dedupe import ContactIndex, MatchReason
from chatplanner.domain.person_names import display_name
from chatplanner.domain.text import email_parts, fold_words, normalize_linkedin_url
from chatplanner.interop.contact_files import ContactFormat as ContactFormat
from chatplanner.interop.contact_files import (
    detect_contact_format,
    file_made_at,
    parse_contacts,
)
from chatplanner.interop.contact_record import ContactRecord, ParsedImport, SkippedRow
from chatplanner.services.context import ServiceContext
from chatplanner.services.errors import storage_errors
from chatplanner.services.import_fields import (
    FIELD_LABELS,
    KEPT_WORDS,
    REFRESHED,
    change_labels,
    column_values,
    split_changes,
)
from chatplanner.services.import_matching import RowMatch, match_records, nameless_key
from chatplanner.services.import_preview import (
    DEFAULT_DECISION,
    Decision,
    ExistingContact,
    ImportCancelledError,
    ImportPreview,
    ImportSummary,
    PreviewRow,
    ProgressCallback,
    StopCheck,
)
from chatplanner.services.import_writes import (
    ImportWriter,
    existing_values,
    groups_by_key,
    joins_new_group,
    memberships_of,
)

if TYPE_CHECKING:
    from chatplanner.services.auto_backup import AutomaticBackup

_SAME_BY = {"linkedin_url": "the same LinkedIn profile", "email": "the same e-mail address"}


def _ignore_progress(_done: int, _total: int, _what: str) -> None:
    return None


def _never() -> bool:
    return False


class ContactImportService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def detect(self, path: Path) -> ContactFormat | None:
        """The kind of contact file `path` holds, judged by its content; None if none."""
        return detect_contact_format(path)

    # Preview ---------------------------------------------------------------------------------
    def preview(
        self,
        path: Path,
        kind: ContactFormat | None = None,
        *,
        reading: str | None = None,
        progress: ProgressCallback | None = None,
        should_stop: StopCheck | None = None,
    ) -> ImportPreview:
        """Read the file and say what importing it would do. Writes nothing.

        Raises ImportFormatError (a plain sentence) when the file cannot be read as contacts,
        ImportCancelledError when should_stop() turns true.
        """
        with collection_paused():
            return self._preview(
                path, kind, reading, progress or _ignore_progress, should_stop or _never
            )

    # Long: one pass over the parsed rows, deciding each row's fate where its reasons are read.
    def _preview(
        self,
        path: Path,
        kind: ContactFormat | None,
        reading: str | None,
        report: ProgressCallback,
        stop: StopCheck,
    ) -> ImportPreview:
        report(0, 0, "Reading the file…")
        chosen = kind or detect_contact_format(path)
        parsed = parse_contacts(path, chosen, reading)
        made_at = file_made_at(path)
        invalid_emails = _keep_invalid_emails_in_notes(parsed)
        if stop():
            raise ImportCancelledError()
        with self._context.reading() as connection:
            report(0, 0, "Reading your contacts…")
            index = ContactIndex()
            nameless: dict[str, int] = {}
            for contact_id, first, last, email, url, company, phone in connection.execute(
                "SELECT id, first_name, last_name, email, linkedin_url, company, phone "
                "FROM contacts"
            ):
                index.add(contact_id, first, last, email, url, company)
                key = nameless_key(first, last, email, url, company, phone)
                if key is not None:
                    nameless.setdefault(key, contact_id)
            matches = match_records(parsed.records, index, nameless, report, stop)
            del index
            wanted = [m.contact_id for m in matches if m.contact_id is not None]
            existing = existing_values(connection, wanted)
            has_groups = any(record.groups for record in parsed.records)
            joined = memberships_of(connection, wanted) if has_groups else {}
            groups = groups_by_key(connection)
        rows = _PreviewBuilder(
            parsed, matches, existing, joined, self._context.now(), invalid_emails, made_at=made_at
        ).build()
        file_groups = {
            fold_words(group): group for record in parsed.records for group in record.groups
        }
        new_groups = tuple(name for key, name in file_groups.items() if key not in groups)
        source_kind = chosen or (parsed.records[0].source if parsed.records else "linkedin")
        warned = {parsed.row_number_of(i): text for i, text in parsed.record_warnings.items()}
        warnings = tuple(
            SkippedRow(row.row_number, _named(row.name, warned[row.row_number]))
            for row in rows
            if row.record is not None and row.row_number in warned
        )
        return ImportPreview(
            path,
            source_kind,
            parsed.source_label,
            rows,
            new_groups,
            parsed.encoding,
            blank_rows=parsed.blank_rows,
            warnings=warnings,
            made_at=made_at,
        )

    # Commit ----------------------------------------------------------------------------------
    def commit(
        self,
        preview: ImportPreview,
        decisions: Mapping[int, Decision] | None = None,
        *,
        progress: ProgressCallback | None = None,
        should_stop: StopCheck | None = None,
    ) -> ImportSummary:
        """Write what the preview showed, with the user's choice for each likely duplicate.

        One transaction: when anything fails or should_stop() turns true (ImportCancelledError),
        nothing is written.
        """
        chosen = decisions or {}
        skipped: list[SkippedRow] = []
        new_rows: list[PreviewRow] = []
        updates: list[tuple[PreviewRow, int, bool]] = []  # row, contact id, merged by choice
        unchanged = 0
        for row in preview.rows:
            if row.status == "new":
                new_rows.append(row)
            elif row.status == "update" and row.match is not None:
                updates.append((row, row.match.id, False))
            elif row.status == "unchanged":
                unchanged += 1
            elif row.status == "likely":
                decision = chosen.get(row.position, DEFAULT_DECISION)
                if decision is Decision.MERGE and row.match is not None:
                    updates.append((row, row.match.id, True))
                elif decision is Decision.ADD:
                    new_rows.append(row)
                else:
                    skipped.append(SkippedRow(row.row_number, _left_out(row)))
            else:
                skipped.append(SkippedRow(row.row_number, row.reason))
        backup = self._backup_first() if new_rows or updates else None
        writer = ImportWriter(
            self._context.writing,
            self._context.now(),
            progress or _ignore_progress,
            should_stop or _never,
            preview.made_at,
        )
        with collection_paused():
            result = writer.write(new_rows, updates)
        skipped.extend(result.skipped)
        skipped.sort(key=lambda item: item.row_number)
        return ImportSummary(
            new=result.new,
            updated=result.updated,
            merged=result.merged,
            unchanged=unchanged + result.unchanged,
            skipped=len(skipped),
            skipped_reasons=tuple(skipped),
            groups_created=result.groups_created,
            blank_rows=preview.blank_rows,
            backup_name=backup.name if backup is not None else "",
            backup_taken_at=backup.taken_at if backup is not None else None,
        )

    def _backup_first(self) -> AutomaticBackup | None:
        """An automatic backup of the profile as it is, when it holds anything: an import
        changes too much to undo step by step, and this puts it back (File › Restore from
        Automatic Backup…, `chatplanner recover --backup NAME`). A backup that cannot be
        taken stops the import, with nothing changed."""
        from chatplanner.services.auto_backup import take_backup_before_change

        with self._context.reading() as connection:
            holds = connection.execute(
                "SELECT EXISTS (SELECT 1 FROM contacts) OR EXISTS (SELECT 1 FROM meetings)"
            ).fetchone()[0]
        if not holds:
            return None
        context = self._context
        with storage_errors(context.profile.database_path):
            return take_backup_before_change(context.profile, context.now())


INVALID_EMAIL_NOTE = "E-mail address in the imported file, not a valid address:"


def _keep_invalid_emails_in_notes(parsed: ParsedImport) -> dict[int, str]:
    """Move each address the contact editor would refuse into the record's notes.

    The editor and the import share one check (domain.text.email_parts): an address with a
    space or a line break is not stored as an address, and nothing the file said is lost.
    Returns the addresses moved, by record position, for the preview to report.
    """
    moved: dict[int, str] = {}
    for position, record in enumerate(parsed.records):
        if record.email is None or email_parts(record.email) is not None:
            continue
        shown = " ".join(record.email.split())
        note = f"{INVALID_EMAIL_NOTE} {shown}"
        notes = f"{record.notes}\n{note}" if record.notes else note
        parsed.records[position] = record._replace(email=None, notes=notes)
        moved[position] = shown
    return moved


def _left_out(row: PreviewRow) -> str:
    if row.match is not None:
        return f"Possibly the same person as {row.match.label}; left out, as chosen."
    return f"Possibly the same person as row {row.earlier_row} of this file; left out, as chosen."


class _PreviewBuilder:
    """Turns matches into preview rows with a sentence each."""

    def __init__(
        self,
        parsed: ParsedImport,
        matches: list[RowMatch],
        existing: dict[int, dict[str, Any]],
        joined: dict[int, set[str]],
        now: datetime,
        invalid_emails: Mapping[int, str] | None = None,
        *,
        made_at: datetime | None = None,
    ) -> None:
        self._invalid_emails = invalid_emails or {}
        self._made_at = made_at
        self._parsed = parsed
        self._matches = matches
        self._existing = existing
        self._joined = joined
        self._now = now

    def build(self) -> tuple[PreviewRow, ...]:
        parsed = self._parsed
        entries: list[tuple[int, ContactRecord | None, RowMatch | None, str, int]] = [
            (parsed.row_number_of(i), record, match, "", i)
            for i, (record, match) in enumerate(zip(parsed.records, self._matches, strict=True))
        ]
        entries += [(skip.row_number, None, None, skip.reason, -1) for skip in parsed.skipped]
        entries.sort(key=lambda entry: entry[0])
        rows = []
        for position, (row_number, record, match, reason, index) in enumerate(entries):
            if record is None or match is None:
                rows.append(PreviewRow(position, row_number, "skipped", None, reason))
                continue
            row = self._row(position, row_number, record, match)
            warning = parsed.record_warnings.get(index)
            if warning is not None:
                row = row._replace(reason=f"{row.reason} {warning}")
            invalid = self._invalid_emails.get(index)
            if invalid is not None:
                # An update only fills empty notes: say where the address went.
                kept = row.status in ("new", "likely") or "notes" in row.changes
                where = "it is kept in the notes" if kept else "it is left out"
                row = row._replace(
                    reason=f"{row.reason} The e-mail address “{invalid[:80]}” is not valid: "
                    f"{where}, not stored as an address.",
                )
            rows.append(row)
        return tuple(rows)

    def _contact(self, contact_id: int) -> ExistingContact:
        values = self._existing[contact_id]
        name = display_name(values["first_name"], values["last_name"])
        return ExistingContact(
            contact_id, name or values["email"] or "(no name)", values["company"]
        )

    def _row(
        self, position: int, row_number: int, record: ContactRecord, match: RowMatch
    ) -> PreviewRow:
        earlier = None if match.earlier is None else self._parsed.row_number_of(match.earlier)
        if match.kind == "new":
            return PreviewRow(position, row_number, "new", record, "Not in your contacts yet.")
        if match.kind == "repeat":
            why = _SAME_BY.get(match.reason, "the same details")
            reason = f"Same person as row {earlier} of this file ({why})."
            return PreviewRow(position, row_number, "skipped", record, reason, earlier_row=earlier)
        if match.kind == "likely_repeat":
            reason = f"{_likely_words(match.reason)} as row {earlier} of this file."
            return PreviewRow(position, row_number, "likely", record, reason, earlier_row=earlier)
        assert match.contact_id is not None
        contact = self._contact(match.contact_id)
        existing = self._existing[match.contact_id]
        changes, kept = split_changes(column_values(record, self._now), existing, self._made_at)
        joins = joins_new_group(record, self._joined.get(match.contact_id, set()))
        labels = change_labels(changes, joins)
        kept_labels = change_labels(kept, False)
        if match.kind == "likely":
            another = _another_profile(record, existing)
            if not labels and not another:
                # Everything the row says is already on that contact: whoever it is, adding
                # it again would only make a copy.
                reason = f"Already in your contacts as {contact.label} (same name, nothing new)."
                return PreviewRow(position, row_number, "unchanged", record, reason, contact)
            # A profile link of its own other than the contact's: maybe another person of the
            # same name at the same company, which only the user can tell.
            words = _likely_words(match.reason)
            if another and match.reason != "email":
                words = f"{words}, another LinkedIn profile,"
            reason = f"{words} as {contact.label}, already in your contacts."
            return PreviewRow(position, row_number, "likely", record, reason, contact)
        why = _SAME_BY.get(match.reason, "the same details")
        kept_words = _kept_in_words(kept, existing)
        if not labels:
            reason = f"Already in your contacts as {contact.name} ({why}); nothing new."
            if kept_words:
                reason = f"Already in your contacts as {contact.name} ({why}); {kept_words}."
            return PreviewRow(
                position, row_number, "unchanged", record, reason, contact, kept=kept_labels
            )
        news = _changes_in_words(changes, existing, joins)
        if kept_words:
            news = f"{news}; {kept_words}"
        reason = f"{contact.name}, already in your contacts ({why}): {news}."
        return PreviewRow(
            position,
            row_number,
            "update",
            record,
            reason,
            contact,
            changes=labels,
            kept=kept_labels,
        )


def _named(name: str, sentence: str) -> str:
    return f"{name}: {sentence}" if name else sentence


def _changes_in_words(changes: Mapping[str, Any], existing: Mapping[str, Any], joins: bool) -> str:
    """What an update changes: "new e-mail, phone; title “Project Manager” → “Senior Project
    Manager”": a value replaced is shown as it was and as it will be."""
    replaced = [
        f"{FIELD_LABELS[name]} “{existing[name]}” → “{changes[name]}”"
        for name in REFRESHED
        if name in changes and existing.get(name) not in (None, "")
    ]
    filled = {
        name: value
        for name, value in changes.items()
        if name not in REFRESHED or existing.get(name) in (None, "")
    }
    added = change_labels(filled, joins)
    parts = (["new " + ", ".join(added)] if added else []) + replaced
    return "; ".join(parts)


def _kept_in_words(kept: Mapping[str, Any], existing: Mapping[str, Any]) -> str:
    """Fields the file would have replaced, kept because they changed here after the file was
    made: "title “Data Lead” kept: changed here after this file was made (the file says …)"."""
    return "; ".join(
        f"{FIELD_LABELS[name]} “{existing[name]}” kept: {KEPT_WORDS} (the file says “{kept[name]}”)"
        for name in REFRESHED
        if name in kept
    )


def _another_profile(record: ContactRecord, existing: Mapping[str, Any]) -> bool:
    """The row names a LinkedIn profile, and the contact another one."""
    ours, theirs = record.linkedin_url, existing.get("linkedin_url")
    if not ours or not theirs:
        return False
    return (normalize_linkedin_url(ours) or ours) != (normalize_linkedin_url(theirs) or theirs)


def _likely_words(reason: MatchReason) -> str:
    if reason == "name_and_company":
        return "Same name and company"
    if reason == "email":
        return "Same e-mail address, another LinkedIn profile,"
    return "Same name"
