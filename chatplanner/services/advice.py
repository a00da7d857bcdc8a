"""The advice loop: what the user did with each piece of advice and each promise, and the
report-back message that tells a mentor what came of their advice.

Marking advice as acted on stores the piece as the notes held it (`advice_actions`); Today then
suggests a report-back, written by `domain/report_back.py` into the user's editable template.
Logging it as sent is a touch (an `outreach` row): it moves the keep-in-touch cadence and the
stage, through `OutreachService.log_sent`, the one place messages are logged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from chatplanner.domain.advice import AdviceRecord, advice_pieces
from chatplanner.domain.clock import chat_zone
from chatplanner.domain.enums import (
    Channel,
    ContactKind,
    FollowUpOwner,
    MeetingStatus,
    OutreachKind,
)
from chatplanner.domain.letter_phrases import offers_in_free_notes
from chatplanner.domain.person_names import display_name
from chatplanner.domain.person_references import Recipient, guess_pronoun
from chatplanner.domain.phrasing import upper_first
from chatplanner.domain.report_back import ReportBackDrafter, ReportBackFacts
from chatplanner.domain.text import fold_words
from chatplanner.domain.thank_you import Draft
from chatplanner.errors import ChatplannerError
from chatplanner.services.chat_rows import advice_action_rows, meeting_row
from chatplanner.services.contact_summaries import rows_of, statements_for
from chatplanner.services.context import ServiceContext, session_connection
from chatplanner.services.meeting_records import (
    MAX_FOLLOW_UP_CHARS,
    FollowUpEntry,
    MeetingNotFoundError,
    follow_up_entry,
)
from chatplanner.services.settings import SettingsService
from chatplanner.services.stored_enums import enum_or
from chatplanner.services.stored_rows import rows

# The database layer loads with the first write (or ORM read): listing the advice does without.
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from chatplanner.db.models import AdviceAction, Contact, Meeting, MeetingNotes
    from chatplanner.services.outreach import OutreachService
    from chatplanner.services.templates import ChatTemplateService

MAX_OUTCOME_CHARS = 500


class AdviceError(ChatplannerError):
    """An advice action that cannot be done; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class ReportBackDue:
    """Advice acted on whose giver has not heard about it yet: for Today."""

    action_id: int
    meeting_id: int
    contact_id: int
    contact_name: str
    advice: str
    acted_on: date


def _outcome(text: str) -> str:
    cleaned = " ".join(text.split())
    if len(cleaned) > MAX_OUTCOME_CHARS:
        raise AdviceError(
            f"Keep what happened under {MAX_OUTCOME_CHARS} characters; the notes are the place "
            "for the whole story."
        )
    return cleaned


class AdviceService:
    def __init__(
        self,
        context: ServiceContext,
        settings: SettingsService,
        templates: Callable[[], ChatTemplateService],
        outreach: Callable[[], OutreachService],
    ) -> None:
        self._context = context
        self._settings = settings
        self._templates = templates
        self._outreach = outreach

    # Reading ---------------------------------------------------------------------------------
    def for_meeting(self, meeting_id: int) -> list[AdviceRecord]:
        """Each piece of advice of one chat, acted on or not (pieces marked and since edited
        out of the notes stay listed: what was done is not lost)."""
        with self._context.reading() as connection:
            return self._records(connection, [meeting_row(connection, meeting_id)])

    def all_advice(self) -> list[AdviceRecord]:
        """Every piece of advice from every chat that took place, oldest chat first."""
        with self._context.reading() as connection:
            meetings = rows(
                connection,
                "SELECT * FROM meetings WHERE status != ? ORDER BY starts_at, id",
                (MeetingStatus.CANCELLED.value,),
            )
            return self._records(connection, meetings)

    def report_backs_due(self) -> list[ReportBackDue]:
        from sqlalchemy import select

        from chatplanner.db.models import AdviceAction, Contact

        with self._context.sessions() as session:
            rows = session.execute(
                select(AdviceAction, Contact)
                .join(Contact, Contact.id == AdviceAction.contact_id)
                .where(
                    AdviceAction.report_back_sent_at.is_(None),
                    AdviceAction.report_back_dismissed.is_(False),
                    Contact.archived.is_not(True),
                )
                .order_by(AdviceAction.acted_on, AdviceAction.id)
            ).all()
            return [
                ReportBackDue(
                    action.id,
                    action.meeting_id,
                    contact.id,
                    display_name(contact.first_name, contact.last_name),
                    action.advice,
                    action.acted_on,
                )
                for action, contact in rows
            ]

    # Acting on advice and promises ---------------------------------------------------------
    def mark_acted_on(
        self, meeting_id: int, advice: str, outcome: str = "", on: date | None = None
    ) -> AdviceRecord:
        """Record that the user acted on a piece of this chat's advice, and what happened."""
        from sqlalchemy import select

        from chatplanner.db.models import AdviceAction

        outcome = _outcome(outcome)
        advice = " ".join(advice.split())
        if not advice:
            raise AdviceError("Choose the piece of advice you acted on.")
        now = self._context.now()
        with self._context.sessions.begin() as session:
            meeting = self._meeting(session, meeting_id)
            row = session.scalar(
                select(AdviceAction).where(
                    AdviceAction.meeting_id == meeting_id, AdviceAction.advice == advice
                )
            )
            if row is None:
                row = AdviceAction(
                    meeting_id=meeting_id,
                    contact_id=meeting.contact_id,
                    advice=advice,
                    created_at=now,
                    report_back_dismissed=False,
                )
                session.add(row)
            row.acted_on = on or self._today(meeting)
            row.outcome = outcome
            session.flush()
            # Read on the transaction's own connection: the row just written is among them.
            records = self._records(session_connection(session), [meeting])
            return next(r for r in records if r.action_id == row.id)

    def clear_acted_on(self, action_id: int) -> None:
        from chatplanner.db.models import AdviceAction

        with self._context.sessions.begin() as session:
            row = session.get(AdviceAction, action_id)
            if row is not None:
                session.delete(row)

    def mark_promise_acted_on(self, follow_up_id: int, outcome: str = "") -> FollowUpEntry:
        """A promise kept, with a line on what came of it."""
        from chatplanner.db.models import FollowUp

        outcome = _outcome(outcome)
        with self._context.sessions.begin() as session:
            row = session.get(FollowUp, follow_up_id)
            if row is None:
                raise AdviceError("That promise no longer exists. Reload the chat.")
            if row.done_at is None:
                row.done_at = self._context.now()
            row.outcome = outcome
            return follow_up_entry(row)

    # What they offered, written in the free notes --------------------------------------------
    def offers_in_notes(self, meeting_id: int) -> list[str]:
        """What they offered in the chat's free notes ("Offered to review my LinkedIn
        profile" reads "Review my LinkedIn profile"), as the thank-you reads them; an offer
        already among their follow-ups is not listed again."""
        with self._context.sessions() as session:
            meeting = self._meeting(session, meeting_id)
            return self._noted_offers(session, meeting)

    def mark_offer_kept(self, meeting_id: int, offer: str, outcome: str = "") -> FollowUpEntry:
        """An offer from the free notes, kept: it becomes one of their follow-ups, done, with
        a line on what came of it (and is listed with them from then on)."""
        from sqlalchemy import select

        from chatplanner.db.models import FollowUp

        outcome = _outcome(outcome)
        with self._context.sessions.begin() as session:
            meeting = self._meeting(session, meeting_id)
            if fold_words(offer) not in {
                fold_words(o) for o in self._noted_offers(session, meeting)
            }:
                raise AdviceError("That offer is no longer in the notes. Reload the chat.")
            existing = list(
                session.scalars(
                    select(FollowUp)
                    .where(FollowUp.meeting_id == meeting_id)
                    .order_by(FollowUp.position, FollowUp.id)
                )
            )
            row = FollowUp(
                contact_id=meeting.contact_id,
                meeting_id=meeting_id,
                owner=FollowUpOwner.THEM.value,
                text=offer[:MAX_FOLLOW_UP_CHARS],
                done_at=self._context.now(),
                outcome=outcome,
                position=len(existing),
            )
            session.add(row)
            session.flush()
            return follow_up_entry(row)

    @staticmethod
    def _noted_offers(session: Session, meeting: Meeting) -> list[str]:
        from sqlalchemy import select

        from chatplanner.db.models import Contact, FollowUp

        notes = meeting.notes
        contact = session.get(Contact, meeting.contact_id)
        if notes is None or contact is None or not notes.free_notes.strip():
            return []
        recipient = Recipient(
            contact.first_name or "", contact.last_name or "", guess_pronoun([notes.free_notes])
        )
        theirs = {
            fold_words(text)
            for text in session.scalars(
                select(FollowUp.text).where(
                    FollowUp.meeting_id == meeting.id,
                    FollowUp.owner == FollowUpOwner.THEM.value,
                )
            )
        }
        offers: list[str] = []
        for offer in offers_in_free_notes(notes.free_notes, recipient):
            shown = upper_first(" ".join(offer.split()).rstrip("."))
            if shown and fold_words(shown) not in theirs and shown not in offers:
                offers.append(shown)
        return offers

    # The report-back ---------------------------------------------------------------------------
    def report_back_draft(self, action_id: int) -> Draft:
        with self._context.sessions() as session:
            action, contact, meeting, notes = self._action(session, action_id)
            pronoun = guess_pronoun(
                [
                    getattr(notes, name, "") or ""
                    for name in ("their_past", "their_present", "their_goals", "free_notes")
                ]
            )
            recipient = Recipient(contact.first_name or "", contact.last_name or "", pronoun)
            zone = chat_zone(meeting.timezone, self._context.zone())
            facts = ReportBackFacts(
                advice=action.advice,
                outcome=action.outcome,
                chat_on=meeting.starts_at.astimezone(zone).date(),
                professional=enum_or(ContactKind, contact.kind, ContactKind.OTHER).is_business_only,
                today=self._context.now().astimezone(zone).date(),
            )
        user = self._settings.user()
        return ReportBackDrafter().draft(
            facts, recipient, user.name, user.signature, self._templates().report_back_template()
        )

    def send_report_back(
        self, action_id: int, subject: str, body: str, channel: Channel = Channel.EMAIL
    ) -> datetime:
        """Log the report-back as sent (on `channel`, as the user says): a touch that moves
        the cadence and the stage."""
        from chatplanner.db.models import AdviceAction
        from chatplanner.services.outreach import SentMessage

        with self._context.sessions() as session:
            action, contact, _meeting, _notes = self._action(session, action_id)
            contact_id = contact.id
            already = action.report_back_sent_at
        if already is not None:
            return already
        now = self._context.now()
        change = self._outreach().log_sent(
            SentMessage(
                contact_id,
                OutreachKind.TOUCH,
                Channel(channel),
                subject=" ".join(subject.split())[:300],
                body=body,
                sent_at=now,
            )
        )
        with self._context.sessions.begin() as session:
            row = session.get(AdviceAction, action_id)
            if row is not None:
                row.report_back_sent_at = now
                row.report_back_outreach_id = (change.added_outreach or (None,))[0]
        return now

    def dismiss_report_back(self, action_id: int, *, dismissed: bool = True) -> None:
        """ "Not now": Today stops suggesting a report-back for this piece of advice (and with
        `dismissed=False`, the undo of it, suggests it again)."""
        from chatplanner.db.models import AdviceAction

        with self._context.sessions.begin() as session:
            row = session.get(AdviceAction, action_id)
            if row is not None:
                row.report_back_dismissed = dismissed

    # Helpers ---------------------------------------------------------------------------------
    def _today(self, meeting: Meeting) -> date:
        return (
            self._context.now().astimezone(chat_zone(meeting.timezone, self._context.zone())).date()
        )

    @staticmethod
    def _meeting(session: Session, meeting_id: int) -> Meeting:
        from chatplanner.db.models import Meeting

        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise MeetingNotFoundError(meeting_id)
        return meeting

    @staticmethod
    def _action(
        session: Session, action_id: int
    ) -> tuple[AdviceAction, Contact, Meeting, MeetingNotes | None]:
        from chatplanner.db.models import AdviceAction, Contact, Meeting

        action = session.get(AdviceAction, action_id)
        if action is None:
            raise AdviceError("That advice is no longer marked as acted on. Reload the page.")
        contact = session.get(Contact, action.contact_id)
        meeting = session.get(Meeting, action.meeting_id)
        if contact is None or meeting is None:
            raise AdviceError("The chat this advice came from was deleted.")
        return action, contact, meeting, meeting.notes

    def _records(
        self, connection: sqlite3.Connection, meetings: Sequence[Meeting]
    ) -> list[AdviceRecord]:
        if not meetings:
            return []
        ids = [m.id for m in meetings]
        actions: dict[int, list[AdviceAction]] = {}
        for action in advice_action_rows(connection, ids):
            actions.setdefault(action.meeting_id, []).append(action)
        names = {
            contact_id: display_name(first, last)
            for contact_id, first, last in rows_of(
                connection,
                statements_for(
                    "SELECT id, first_name, last_name FROM contacts",
                    (),
                    (),
                    sorted({m.contact_id for m in meetings}),
                    "id",
                ),
            )
        }
        notes = dict(
            rows_of(
                connection,
                statements_for(
                    "SELECT meeting_id, advice FROM meeting_notes", (), (), ids, "meeting_id"
                ),
            )
        )
        records: list[AdviceRecord] = []
        for meeting in meetings:
            name = names.get(meeting.contact_id, "")
            given_on = meeting.starts_at.astimezone(
                chat_zone(meeting.timezone, self._context.zone())
            ).date()
            marked = {a.advice: a for a in actions.get(meeting.id, [])}
            pieces = advice_pieces(notes.get(meeting.id, "") or "")
            pieces += [text for text in marked if text not in pieces]
            for piece in pieces:
                found = marked.get(piece)
                records.append(
                    AdviceRecord(
                        meeting_id=meeting.id,
                        contact_id=meeting.contact_id,
                        contact_name=name,
                        given_on=given_on,
                        advice=piece,
                        action_id=found.id if found else None,
                        acted_on=found.acted_on if found else None,
                        outcome=found.outcome if found else "",
                        reported_back=bool(found and found.report_back_sent_at),
                    )
                )
        return records
