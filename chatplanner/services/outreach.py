"""Outreach as the user lives it: log a message, note the reply, follow up once, move on.

Every action returns a `PipelineChange` that `undo` takes back exactly (stage events and
messages it added are removed, fields it changed are restored), so the GUI can offer Undo.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from chatplanner.db.models import Contact, Outreach, StageEvent, contact_groups
from chatplanner.domain.enums import Channel, Goal, OutreachKind, Stage
from chatplanner.domain.person_names import shown_name
from chatplanner.domain.pipeline import (
    OutreachRecord,
    PatienceError,
    PatienceRule,
    attempts_of,
    patience_rule_for,
    reply_day_problem,
)
from chatplanner.domain.suggestions import (
    Candidate,
    Suggestion,
    SuggestionBasis,
    SuggestionRules,
    basis_from,
    suggest_next,
)
from chatplanner.errors import ChatplannerError
from chatplanner.interop.mail_draft import MailDraftError, build_mailto
from chatplanner.services.candidates import group_names
from chatplanner.services.candidates import load_candidates as _load_candidates
from chatplanner.services.context import ServiceContext
from chatplanner.services.pipeline_rules import patience_from
from chatplanner.services.settings import FOLLOW_UP_KEY, MOVE_ON_KEY, SettingsService
from chatplanner.services.stages import record_stage
from chatplanner.services.stored_enums import enum_or, goal_or_none

# Where a first message (or a follow-up) starts a new round of waiting.
_STARTS_WAITING = frozenset({Stage.NOT_CONTACTED, Stage.MOVED_ON})
MOVED_ON_NOTE = "No reply, moved on: no reply is also an answer"


class OutreachError(ChatplannerError):
    """An outreach action that cannot be done; the message says what to do instead."""


@dataclass(frozen=True, slots=True)
class SentMessage:
    """A message the user sent (or is about to log as sent)."""

    contact_id: int
    kind: OutreachKind = OutreachKind.FIRST_MESSAGE
    channel: Channel = Channel.LINKEDIN
    body: str = ""
    subject: str = ""
    goal: Goal | None = None
    sent_at: datetime | None = None  # aware; None: now


@dataclass(frozen=True, slots=True)
class PipelineChange:
    """What one action changed for one contact, enough to take it back."""

    contact_id: int
    contact_name: str
    description: str  # "Log message to Priya Shah": the Undo menu's words
    stage: Stage
    stage_changed_at: datetime | None
    last_touch_at: datetime | None
    snoozed_until: date | None
    updated_at: datetime | None
    added_stage_events: tuple[int, ...] = ()
    added_outreach: tuple[int, ...] = ()
    # (outreach id, replied_at, outcome) before the action changed them.
    outreach_before: tuple[tuple[int, datetime | None, str | None], ...] = ()


class OutreachService:
    def __init__(self, context: ServiceContext, settings: SettingsService) -> None:
        self._context = context
        self._settings = settings

    # Messages and replies -------------------------------------------------------------------
    def log_sent(self, message: SentMessage) -> PipelineChange:
        """Record a sent message; a first message (or a fresh try) moves the stage to messaged."""
        at = message.sent_at or self._context.now()
        with self._context.sessions.begin() as session:
            contact = self._contact(session, message.contact_id)
            change = _before(contact, f"Log message to {_name(contact)}")
            row = Outreach(
                contact_id=contact.id,
                kind=message.kind.value,
                channel=message.channel.value,
                goal=message.goal.value if message.goal else None,
                subject=message.subject,
                body=message.body,
                sent_at=at,
            )
            if message.kind is OutreachKind.FIRST_MESSAGE:
                rule = self._rule_for(contact)
                due = at + timedelta(days=rule.follow_up_after_days)
                row.follow_up_due = due.astimezone(self._context.zone()).date()
            session.add(row)
            session.flush()
            events: tuple[int, ...] = ()
            stage = enum_or(Stage, contact.stage, Stage.NOT_CONTACTED)
            if message.kind in (OutreachKind.FIRST_MESSAGE, OutreachKind.FOLLOW_UP):
                if stage in _STARTS_WAITING:
                    events = self._stage(session, contact, Stage.MESSAGED, at, _sent_note(message))
            elif message.kind is OutreachKind.TOUCH and stage is Stage.THANKED:
                events = self._stage(session, contact, Stage.KEEPING_IN_TOUCH, at, "")
            self._touched(contact, at)
            contact.snoozed_until = None
            return replace(change, added_stage_events=events, added_outreach=(row.id,))

    def log_touch(
        self,
        contact_id: int,
        *,
        channel: Channel = Channel.OTHER,
        note: str = "",
        at: datetime | None = None,
    ) -> PipelineChange:
        """A hello, a like, a short call: resets the keep-in-touch cadence."""
        return self.log_sent(
            SentMessage(contact_id, OutreachKind.TOUCH, channel, body=note, sent_at=at)
        )

    def record_reply(self, contact_id: int, replied_at: datetime | None = None) -> PipelineChange:
        """They answered: the waiting is over (a late answer after moving on is welcome too).

        `replied_at` (default now) is refused on a day still ahead or before the day the
        message it answers was sent."""
        now = self._context.now()
        at = replied_at or now
        zone = self._context.zone()
        with self._context.sessions.begin() as session:
            contact = self._contact(session, contact_id)
            change = _before(contact, f"Record reply from {_name(contact)}")
            before: list[tuple[int, datetime | None, str | None]] = []
            latest = _awaiting_reply(session, contact_id)
            problem = reply_day_problem(
                at.astimezone(zone).date(),
                latest.sent_at.astimezone(zone).date() if latest is not None else None,
                now.astimezone(zone).date(),
            )
            if problem:
                raise OutreachError(problem)
            if latest is not None:
                before.append((latest.id, latest.replied_at, latest.outcome))
                latest.replied_at = max(at, latest.sent_at)
                latest.outcome = "replied"
            events: tuple[int, ...] = ()
            stage = enum_or(Stage, contact.stage, Stage.NOT_CONTACTED)
            if stage in (Stage.NOT_CONTACTED, Stage.MESSAGED, Stage.MOVED_ON):
                events = self._stage(session, contact, Stage.REPLIED, at, "")
            self._touched(contact, at)
            return replace(change, added_stage_events=events, outreach_before=tuple(before))

    def mark_moved_on(self, contact_id: int, note: str = MOVED_ON_NOTE) -> PipelineChange:
        """No reply is also an answer: close the attempt without guilt."""
        now = self._context.now()
        with self._context.sessions.begin() as session:
            contact = self._contact(session, contact_id)
            change = _before(contact, f"Move on from {_name(contact)}")
            before = []
            waiting = session.scalars(
                select(Outreach).where(
                    Outreach.contact_id == contact_id,
                    Outreach.kind.in_(
                        (OutreachKind.FIRST_MESSAGE.value, OutreachKind.FOLLOW_UP.value)
                    ),
                    Outreach.replied_at.is_(None),
                    Outreach.outcome.is_(None),
                )
            ).all()
            for row in waiting:
                before.append((row.id, row.replied_at, row.outcome))
                row.outcome = "no_reply"
            events = self._stage(session, contact, Stage.MOVED_ON, now, note)
            return replace(change, added_stage_events=events, outreach_before=tuple(before))

    def snooze(self, contact_id: int, until: date) -> PipelineChange:
        """Quiet this person's nudges until `until` (chats and promises still show)."""
        with self._context.sessions.begin() as session:
            contact = self._contact(session, contact_id)
            change = _before(contact, f"Snooze {_name(contact)}")
            contact.snoozed_until = until
            contact.updated_at = self._context.now()
            return change

    def undo(self, change: PipelineChange) -> None:
        """Take back exactly what `change` did."""
        with self._context.sessions.begin() as session:
            contact = session.get(Contact, change.contact_id)
            if contact is None:
                return  # deleted since: nothing left to restore
            if change.added_stage_events:
                session.execute(
                    delete(StageEvent).where(StageEvent.id.in_(change.added_stage_events))
                )
            if change.added_outreach:
                session.execute(delete(Outreach).where(Outreach.id.in_(change.added_outreach)))
            for outreach_id, replied_at, outcome in change.outreach_before:
                row = session.get(Outreach, outreach_id)
                if row is not None:
                    row.replied_at = replied_at
                    row.outcome = outcome
            contact.stage = change.stage.value
            contact.stage_changed_at = change.stage_changed_at
            contact.last_touch_at = change.last_touch_at
            contact.snoozed_until = change.snoozed_until
            if change.updated_at is not None:
                contact.updated_at = change.updated_at

    @staticmethod
    def mail_link(to_email: str, subject: str, body: str) -> str | None:
        """A `mailto:` link for a message, or None when it is too long: copy the text instead."""
        try:
            return build_mailto(to_email, subject, body)
        except MailDraftError as error:
            raise OutreachError(str(error)) from None

    def messages(self, contact_id: int) -> list[OutreachRecord]:
        """Everything the user sent this person, oldest first."""
        with self._context.sessions() as session:
            rows = session.scalars(
                select(Outreach)
                .where(Outreach.contact_id == contact_id)
                .order_by(Outreach.sent_at, Outreach.id)
            ).all()
            return [outreach_record(row) for row in rows]

    def awaiting_reply_since(self, contact_id: int) -> datetime | None:
        """When the message a reply would answer was sent (the latest one without a reply
        moment), or None when there is none."""
        with self._context.sessions() as session:
            latest = _awaiting_reply(session, contact_id)
            return latest.sent_at if latest is not None else None

    def has_open_attempt(self, contact_id: int) -> bool:
        """A first message is out and no reply came: the next message is a follow-up."""
        attempts = attempts_of(self.messages(contact_id))
        return bool(attempts) and not attempts[-1].replied

    # Patience and cadence -------------------------------------------------------------------
    def default_patience(self) -> PatienceRule:
        return patience_from(self._settings.all())

    def set_default_patience(
        self, follow_up_after_days: int, move_on_after_days: int
    ) -> PatienceRule:
        rule = _checked_rule(follow_up_after_days, move_on_after_days)
        self._settings.set_many(
            {FOLLOW_UP_KEY: rule.follow_up_after_days, MOVE_ON_KEY: rule.move_on_after_days}
        )
        return rule

    def set_patience(
        self, contact_id: int, follow_up_after_days: int | None, move_on_after_days: int | None
    ) -> PatienceRule:
        """This person's own patience (None: the global rule); returns the rule now in force."""
        default = self.default_patience()
        _checked_rule(
            default.follow_up_after_days if follow_up_after_days is None else follow_up_after_days,
            default.move_on_after_days if move_on_after_days is None else move_on_after_days,
        )
        with self._context.sessions.begin() as session:
            contact = self._contact(session, contact_id)
            contact.follow_up_after_days = follow_up_after_days
            contact.move_on_after_days = move_on_after_days
            contact.updated_at = self._context.now()
            return patience_rule_for(default, follow_up_after_days, move_on_after_days)

    # Who next -------------------------------------------------------------------------------
    def suggest_next(self, contact_id: int, *, limit: int = 5) -> list[Suggestion]:
        """People to reach after moving on from `contact_id`: same goal, active online, a group
        in common, the user's city, not contacted lately; best first, with reasons."""
        with self._context.sessions() as session:
            candidates = _load_candidates(session)
            names = group_names(session)
        person = next((c for c in candidates if c.id == contact_id), None)
        if person is None:
            raise OutreachError("That contact no longer exists. Refresh the list and try again.")
        basis = basis_from(person, my_city=self._my_city())
        return suggest_next(
            candidates,
            basis,
            now=self._context.now(),
            group_names=names,
            rules=SuggestionRules(limit=limit),
        )

    def suggest_people(self, goal: Goal | None = None, *, limit: int = 5) -> list[Suggestion]:
        """People to write to when nobody is waiting: active, near, not contacted lately; the
        user's goal for them (`goal`) counts when given."""
        with self._context.sessions() as session:
            candidates = _load_candidates(session)
            names = group_names(session)
        return suggest_next(
            candidates,
            SuggestionBasis(goal=goal, city=self._my_city()),
            now=self._context.now(),
            group_names=names,
            rules=SuggestionRules(limit=limit),
        )

    def suggestions_fingerprint(self) -> tuple[object, ...]:
        """A cheap value that changes whenever `suggest_next` / `suggest_people` could answer
        otherwise: a contact added, edited, archived or moved to another stage, a message
        logged or taken back, a group joined or left (a page compares it to skip a re-rank)."""
        with self._context.sessions() as session:
            contacts = session.execute(
                select(
                    func.count(),
                    func.max(Contact.id),
                    func.max(Contact.updated_at),
                    func.max(Contact.stage_changed_at),
                )
            ).one()
            stages = session.execute(
                select(Contact.stage, Contact.archived, func.count())
                .group_by(Contact.stage, Contact.archived)
                .order_by(Contact.stage, Contact.archived)
            ).all()
            messages = session.execute(select(func.count(), func.max(Outreach.sent_at))).one()
            memberships = session.scalar(select(func.count()).select_from(contact_groups))
            return (
                tuple(contacts),
                tuple(tuple(row) for row in stages),
                tuple(messages),
                memberships,
                self._my_city(),
            )

    def candidates(self) -> list[Candidate]:
        with self._context.sessions() as session:
            return _load_candidates(session)

    # Helpers --------------------------------------------------------------------------------
    def _my_city(self) -> str | None:
        base = self._settings.get("user.base")
        if isinstance(base, dict) and isinstance(base.get("city"), str):
            return str(base["city"])
        return None

    def _rule_for(self, contact: Contact) -> PatienceRule:
        return patience_rule_for(
            self.default_patience(), contact.follow_up_after_days, contact.move_on_after_days
        )

    @staticmethod
    def _contact(session: Session, contact_id: int) -> Contact:
        contact = session.get(Contact, contact_id)
        if contact is None:
            raise OutreachError("That contact no longer exists. Refresh the list and try again.")
        return contact

    @staticmethod
    def _stage(
        session: Session, contact: Contact, stage: Stage, at: datetime, note: str
    ) -> tuple[int, ...]:
        if not record_stage(session, contact, stage, at, note):
            return ()
        session.flush()
        event_id = session.scalar(
            select(StageEvent.id)
            .where(StageEvent.contact_id == contact.id)
            .order_by(StageEvent.id.desc())
            .limit(1)
        )
        return (int(event_id),) if event_id is not None else ()

    def _touched(self, contact: Contact, at: datetime) -> None:
        if contact.last_touch_at is None or contact.last_touch_at < at:
            contact.last_touch_at = at
        contact.updated_at = self._context.now()


def outreach_record(row: Outreach) -> OutreachRecord:
    """A stored message as the rules see it."""
    return OutreachRecord(
        id=row.id,
        contact_id=row.contact_id,
        kind=enum_or(OutreachKind, row.kind, OutreachKind.TOUCH),
        sent_at=row.sent_at,
        replied_at=row.replied_at,
        outcome=row.outcome,
        goal=goal_or_none(row.goal),
    )


def _checked_rule(follow_up_after_days: int, move_on_after_days: int) -> PatienceRule:
    try:
        return PatienceRule(follow_up_after_days, move_on_after_days)
    except PatienceError as error:
        raise OutreachError(str(error)) from error


def _name(contact: Contact) -> str:
    return shown_name(contact.first_name, contact.last_name)


def _sent_note(message: SentMessage) -> str:
    what = "Follow-up" if message.kind is OutreachKind.FOLLOW_UP else "First message"
    if message.channel is Channel.LINKEDIN:
        return f"{what} on LinkedIn"
    return f"{what} by {message.channel.label.lower()}"


def _before(contact: Contact, description: str) -> PipelineChange:
    return PipelineChange(
        contact_id=contact.id,
        contact_name=_name(contact),
        description=description,
        stage=enum_or(Stage, contact.stage, Stage.NOT_CONTACTED),
        stage_changed_at=contact.stage_changed_at,
        last_touch_at=contact.last_touch_at,
        snoozed_until=contact.snoozed_until,
        updated_at=contact.updated_at,
    )


def _awaiting_reply(session: Session, contact_id: int) -> Outreach | None:
    """The message a reply answers: the latest first message or follow-up without a reply
    moment (one a planned chat marked answered still takes the real moment when logged)."""
    return session.scalars(
        select(Outreach)
        .where(
            Outreach.contact_id == contact_id,
            Outreach.kind.in_((OutreachKind.FIRST_MESSAGE.value, OutreachKind.FOLLOW_UP.value)),
            Outreach.replied_at.is_(None),
        )
        .order_by(Outreach.sent_at.desc(), Outreach.id.desc())
        .limit(1)
    ).first()
