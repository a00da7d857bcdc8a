"""The thank-you email of one chat: generate, edit, export, send.

Regenerating never silently throws away what the user wrote: `needs_confirmation` says whether
it would, and `generate` refuses (UnsavedEditsError) unless the caller says to discard.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from chatplanner.db.stored_moments import stored_moment_or_none
from chatplanner.domain.chat_notes import NOTE_SECTION_NAMES, PromisedFollowUp
from chatplanner.domain.enums import (
    Channel,
    ContactKind,
    FollowUpOwner,
    MeetingStatus,
    OutreachKind,
    Stage,
)
from chatplanner.domain.person_names import display_name
from chatplanner.domain.schedule import chat_has_happened
from chatplanner.domain.thank_you import (
    ChatNotes,
    Draft,
    ThankYouDrafter,
    ThankYouRecipient,
    ThankYouSender,
    needs_confirmation_to_regenerate,
)
from chatplanner.errors import ChatplannerError
from chatplanner.interop.mail_draft import MailDraftError, build_eml, build_mailto
from chatplanner.interop.safe_files import write_private_file
from chatplanner.services.chat_rows import (
    contact_row,
    follow_up_rows,
    meeting_row,
    notes_row,
    thank_you_row,
)
from chatplanner.services.chat_times import ChatTimes
from chatplanner.services.context import ServiceContext
from chatplanner.services.meeting_records import (
    MeetingNotFoundError,
    ThankYouEntry,
    clean_note_text,
    thank_you_entry,
)
from chatplanner.services.settings import SettingsService
from chatplanner.services.stored_enums import UNKNOWN_OWNER, enum_or

# The database layer loads with the first write: a draft is read in plain SQL.
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from chatplanner.db.models import Contact, Meeting
    from chatplanner.services.templates import ChatTemplateService

MAX_SUBJECT_CHARS = 300
MAX_BODY_CHARS = 100_000


class UnsavedEditsError(ChatplannerError):
    def __init__(self) -> None:
        super().__init__(
            "The thank-you draft has your own edits. Regenerating would replace them: "
            "confirm that you want a fresh draft, or keep editing this one."
        )


class ChatNotHappenedError(ChatplannerError):
    """A thank-you marked as sent for a chat that is still ahead, or was cancelled."""


def _require_chat_happened(meeting: Meeting, now: datetime) -> None:
    if chat_has_happened(
        enum_or(MeetingStatus, meeting.status, MeetingStatus.PLANNED), meeting.starts_at, now
    ):
        return
    if meeting.status == MeetingStatus.CANCELLED.value:
        raise ChatNotHappenedError(
            "This chat was cancelled, so there is no thank-you to send. "
            "Set it back to planned or done first."
        )
    # Done or not, a chat whose start is still ahead has not happened.
    raise ChatNotHappenedError(
        "This chat has not happened yet. Mark the thank-you as sent after you have met."
    )


class ThankYouDraftError(ChatplannerError):
    """The draft cannot be exported or sent as asked; the message says what to do."""


@dataclass(frozen=True, slots=True)
class GeneratedDraft:
    entry: ThankYouEntry
    # Template mistakes to point out ("Unknown placeholder {frist_name}"), empty when none.
    problems: tuple[str, ...] = ()
    # What the notes hold that the draft does not say (`Draft.left_out`).
    left_out: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MailText:
    to_name: str
    to_email: str
    from_name: str
    from_email: str
    subject: str
    body: str
    chat_when: str = ""  # when the chat was, in the words every page uses


class ThankYouService:
    def __init__(
        self,
        context: ServiceContext,
        settings: SettingsService,
        templates: ChatTemplateService,
    ) -> None:
        self._context = context
        self._settings = settings
        self._templates = templates
        self._drafter = ThankYouDrafter()

    # Reading ---------------------------------------------------------------------------------
    def saved(self, meeting_id: int) -> ThankYouEntry | None:
        with self._context.reading() as connection:
            meeting_row(connection, meeting_id)  # says so when there is no such chat
            return thank_you_entry(thank_you_row(connection, meeting_id))

    def needs_confirmation(self, meeting_id: int) -> bool:
        """True when regenerating would replace text the user wrote or edited."""
        entry = self.saved(meeting_id)
        return entry is not None and needs_confirmation_to_regenerate(
            entry.body, entry.generated_body
        )

    def preview(self, meeting_id: int) -> Draft:
        """A fresh draft from the notes and the template, without saving it."""
        with self._context.reading() as connection:
            return self._draft(connection, meeting_row(connection, meeting_id))

    def behind_the_notes(self, meeting_id: int) -> bool:
        """True when the draft was generated, is not sent, and the notes were written after it
        was last (generated, edited, or put back by an undo): it may not say what they do. By
        the times, not by drafting again: new advice a full letter leaves out changes no word."""
        entry = self.saved(meeting_id)
        if entry is None or entry.sent_at is not None or not entry.generated_body.strip():
            return False
        with self._context.reading() as connection:
            row = connection.execute(
                "SELECT updated_at FROM meeting_notes WHERE meeting_id = ?", (meeting_id,)
            ).fetchone()
        notes_written = stored_moment_or_none(row[0]) if row is not None else None
        return notes_written is not None and notes_written > entry.updated_at

    def current_text(self, meeting_id: int) -> tuple[str, str]:
        """(subject, body): the saved draft, or a generated one when there is none yet."""
        entry = self.saved(meeting_id)
        if entry is not None and (entry.subject.strip() or entry.body.strip()):
            return entry.subject, entry.body
        draft = self.preview(meeting_id)
        return draft.subject, draft.body

    # Writing ---------------------------------------------------------------------------------
    def generate(self, meeting_id: int, *, discard_edits: bool = False) -> GeneratedDraft:
        """Draft from the notes and store it; refuses to replace edits unless told to."""
        from chatplanner.db.models import ThankYouDraft

        now = self._context.now()
        # Drafted from what is stored (in plain SQL) before the write begins.
        draft = self.preview(meeting_id)
        with self._context.sessions.begin() as session:
            meeting = self._meeting(session, meeting_id)
            row = meeting.thank_you
            if (
                row is not None
                and not discard_edits
                and needs_confirmation_to_regenerate(row.body, row.generated_body)
            ):
                raise UnsavedEditsError()
            if row is None:
                row = ThankYouDraft(meeting_id=meeting_id)
                meeting.thank_you = row
                session.add(row)
            row.subject = draft.subject
            row.body = draft.body
            row.generated_body = draft.body
            row.updated_at = now
            session.flush()
            entry = thank_you_entry(row)
            assert entry is not None
            problems = tuple(p.message for p in draft.subject_problems + draft.body_problems)
            return GeneratedDraft(entry, problems, draft.left_out)

    def save(self, meeting_id: int, subject: str, body: str) -> ThankYouEntry:
        """Keep the user's edits (called by the editor's autosave)."""
        from chatplanner.db.models import ThankYouDraft

        subject = " ".join(clean_note_text(subject).split())[:MAX_SUBJECT_CHARS]
        body = clean_note_text(body)
        if len(body) > MAX_BODY_CHARS:
            raise ThankYouDraftError(
                f"The email is {len(body):,} characters long; keep it under {MAX_BODY_CHARS:,}."
            )
        with self._context.sessions.begin() as session:
            meeting = self._meeting(session, meeting_id)
            row = meeting.thank_you
            if row is None:
                row = ThankYouDraft(meeting_id=meeting_id, generated_body="")
                meeting.thank_you = row
                session.add(row)
            elif row.subject == subject and row.body == body:
                entry = thank_you_entry(row)
                assert entry is not None
                return entry
            row.subject = subject
            row.body = body
            row.updated_at = self._context.now()
            session.flush()
            entry = thank_you_entry(row)
            assert entry is not None
            return entry

    def restore(self, meeting_id: int, entry: ThankYouEntry | None) -> ThankYouEntry | None:
        """Put a draft back as it was (undoing a regenerate): its text and what was last
        generated; None empties it. A thank-you already sent is left as it went out."""
        from chatplanner.db.models import ThankYouDraft

        with self._context.sessions.begin() as session:
            meeting = self._meeting(session, meeting_id)
            row = meeting.thank_you
            if row is not None and row.sent_at is not None:
                return thank_you_entry(row)
            if row is None:
                if entry is None:
                    return None
                row = ThankYouDraft(meeting_id=meeting_id)
                meeting.thank_you = row
                session.add(row)
            row.subject = entry.subject if entry else ""
            row.body = entry.body if entry else ""
            row.generated_body = entry.generated_body if entry else ""
            # As it was: a draft put back is as old as its words (the notes may be newer).
            row.updated_at = entry.updated_at if entry else self._context.now()
            session.flush()
            return thank_you_entry(row)

    def mark_sent(self, meeting_id: int) -> ThankYouEntry:
        """Record that the thank-you went out: the contact moves to "thanked"."""
        from chatplanner.db.models import Outreach, ThankYouDraft
        from chatplanner.services.stages import record_progress

        now = self._context.now()
        saved = self.saved(meeting_id)
        # The text the user sees: their saved draft, or a fresh one when nothing is saved yet.
        subject, body = (saved.subject, saved.body) if saved else self.current_text(meeting_id)
        with self._context.sessions.begin() as session:
            meeting = self._meeting(session, meeting_id)
            if meeting.thank_you is None or meeting.thank_you.sent_at is None:
                _require_chat_happened(meeting, now)
                if not body.strip():
                    raise ThankYouDraftError(
                        "The thank-you is empty. Write it, or generate it from your notes, "
                        "before marking it as sent."
                    )
            row = meeting.thank_you
            if row is None:
                row = ThankYouDraft(meeting_id=meeting_id, subject=subject, body=body)
                row.updated_at = now
                row.generated_body = body
                meeting.thank_you = row
                session.add(row)
            if row.sent_at is not None:
                entry = thank_you_entry(row)
                assert entry is not None
                return entry
            contact = self._contact(session, meeting)
            if meeting.status != MeetingStatus.DONE.value:
                # The chat's time has passed and a thank-you went out: it happened.
                meeting.status = MeetingStatus.DONE.value
                meeting.updated_at = now
                record_progress(session, contact, Stage.MET, now, "Chat marked as done")
            row.sent_at = now
            row.updated_at = now
            record_progress(session, contact, Stage.THANKED, now, "Thank-you sent")
            contact.last_touch_at = now
            session.add(
                Outreach(
                    contact_id=contact.id,
                    kind=OutreachKind.THANK_YOU.value,
                    channel=Channel.EMAIL.value,
                    subject=row.subject,
                    body=row.body,
                    sent_at=now,
                )
            )
            session.flush()
            entry = thank_you_entry(row)
            assert entry is not None
            return entry

    # Leaving the app -------------------------------------------------------------------------
    def mail_text(self, meeting_id: int) -> MailText:
        subject, body = self.current_text(meeting_id)
        user = self._settings.user()
        with self._context.reading() as connection:
            meeting = meeting_row(connection, meeting_id)
            contact = _contact_of(connection, meeting)
            return MailText(
                to_name=display_name(contact.first_name, contact.last_name),
                to_email=contact.email or "",
                from_name=user.name,
                from_email=user.email,
                subject=subject,
                body=body,
                chat_when=ChatTimes(self._context).words(meeting.starts_at, meeting.timezone),
            )

    def eml_bytes(self, meeting_id: int) -> bytes:
        """The draft as an `.eml` file mail clients open as unsent (`X-Unsent: 1`)."""
        mail = self.mail_text(meeting_id)
        try:
            return build_eml(
                mail.to_name,
                mail.to_email,
                mail.from_name,
                mail.from_email,
                mail.subject,
                mail.body,
                date=self._context.now().astimezone(self._context.zone()),  # the user's zone
            )
        except MailDraftError as error:
            raise ThankYouDraftError(str(error)) from None

    def export_eml(self, meeting_id: int, path: Path) -> Path:
        data = self.eml_bytes(meeting_id)
        try:
            write_private_file(path, data, tidy=True)
        except OSError as error:
            raise ThankYouDraftError(
                f"Could not write {path.name} ({error.strerror}). "
                "Choose another folder, or check that the disk is not full."
            ) from None
        return path

    def mailto(self, meeting_id: int) -> str | None:
        """A `mailto:` link, or None when it is too long: copy the text instead."""
        mail = self.mail_text(meeting_id)
        try:
            return build_mailto(mail.to_email, mail.subject, mail.body)
        except MailDraftError as error:
            raise ThankYouDraftError(str(error)) from None

    # Helpers ---------------------------------------------------------------------------------
    @staticmethod
    def _meeting(session: Session, meeting_id: int) -> Meeting:
        from chatplanner.db.models import Meeting

        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise MeetingNotFoundError(meeting_id)
        return meeting

    @staticmethod
    def _contact(session: Session, meeting: Meeting) -> Contact:
        from chatplanner.db.models import Contact

        contact = session.get(Contact, meeting.contact_id)
        if contact is None:  # the foreign key makes this impossible; say so plainly if not
            raise MeetingNotFoundError(meeting.id)
        return contact

    def _user_city(self) -> str:
        base = self._settings.get("user.base")
        return str(base.get("city") or "") if isinstance(base, dict) else ""

    def _draft(self, connection: sqlite3.Connection, meeting: Meeting) -> Draft:
        contact = _contact_of(connection, meeting)
        kind = enum_or(ContactKind, contact.kind, ContactKind.OTHER)
        follow_ups = follow_up_rows(connection, "meeting_id = ?", (meeting.id,), "position, id")
        zone = ChatTimes(self._context).place_zone(meeting.timezone)
        # Days as the people in the chat count them: in the meeting's time zone.
        met_on = meeting.starts_at.astimezone(zone).date()
        today = self._context.now().astimezone(zone).date()
        notes = notes_row(connection, meeting.id)
        chat = ChatNotes(
            **{name: (getattr(notes, name) if notes else "") or "" for name in NOTE_SECTION_NAMES},
            follow_ups=tuple(
                PromisedFollowUp(
                    enum_or(FollowUpOwner, f.owner, UNKNOWN_OWNER),
                    f.text,
                    f.due_on,
                    f.done_at is not None,
                )
                for f in follow_ups
            ),
            met_on=met_on,
        )
        user = self._settings.user()
        template = self._templates.thank_you_template(professional=kind.is_business_only)
        return self._drafter.draft(
            chat,
            ThankYouRecipient(
                first_name=contact.first_name or display_name(None, contact.last_name),
                last_name=contact.last_name,
                kind=kind,
                company=contact.company or "",
            ),
            ThankYouSender(user.name, user.signature, self._user_city()),
            template,
            today=today,
        )


def _contact_of(connection: sqlite3.Connection, meeting: Meeting) -> Contact:
    contact = contact_row(connection, meeting.contact_id)
    if contact is None:  # the foreign key makes this impossible; say so plainly if not
        raise MeetingNotFoundError(meeting.id)
    return contact
