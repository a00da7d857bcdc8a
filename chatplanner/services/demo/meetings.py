"""The demo's chats: meetings with their checklists, notes, promises, visits and thank-yous."""

from __future__ import annotations

from datetime import datetime, timedelta

from chatplanner.db.models import (
    AdviceAction,
    ChecklistItem,
    Contact,
    Meeting,
    MeetingNotes,
    Outreach,
    ThankYouDraft,
    Venue,
    Visit,
)
from chatplanner.domain.advice import advice_pieces
from chatplanner.domain.enums import (
    Channel,
    ChecklistPhase,
    FollowUpOwner,
    MeetingStatus,
    OutreachKind,
    VenueKind,
)
from chatplanner.domain.person_references import Recipient
from chatplanner.domain.report_back import ReportBackDrafter, ReportBackFacts
from chatplanner.domain.templates import render
from chatplanner.services.demo.chats import ChatSpec
from chatplanner.services.demo.context import ChatMoments, SeedContext
from chatplanner.services.demo.places import TIMEZONE, USER_SETTINGS


def _fill(template: str, **values: str) -> str:
    result = render(template, values)
    if not result.ok:  # a mistake in the demo's own texts, not in user input
        raise ValueError(f"Demo template {template!r} has problems: {result.problems}")
    return result.text


_READ_PROFILE = "Read {first_name}'s profile and recent posts"
_ROUTE = "Plan the route to {venue} and leave 15 minutes early"
_TEST_LINK = "Test the call link, camera and microphone"
_CONFIRM = "Confirm the time with {first_name} the day before"
_DURING = (
    "Thank {first_name} for the time and keep to {minutes} minutes",
    "Ask what they would do in my place",
    "Ask who else I should talk to",
    "Write down what either of us promises",
)
_AFTER_NOTES = "Write the notes the same day"
_AFTER_THANKS = "Send the thank-you within 24 hours"
_AFTER_PROMISES = "Do what I promised"
_AFTER_REMINDER = "Set a keep-in-touch reminder"

_THANK_YOU_SUBJECT = "Thank you, {first_name}"
_THANK_YOU_BODY = (
    "Hi {first_name},\n\n"
    "Thank you for taking the time to talk with me. I really enjoyed hearing about {topic}.\n\n"
    "Your advice about {takeaway} is the first thing I'll act on. {next_step}\n\n"
    "{closing}\n\n"
    "{signature}"
)
_CLOSING = "I hope our paths cross again soon."


# Long: one demo chat with its checklist, notes, follow-ups and thank-you, as a user would have made them.
def seed_chat(
    ctx: SeedContext,
    chat: ChatSpec,
    contact: Contact,
    venues: dict[str, Venue],
    moments: ChatMoments,
) -> None:
    """Add one chat with everything that hangs off it; note its moments for the stage history."""
    starts = ctx.calendar.at(chat.day, chat.hour, chat.minute)
    ends = starts + timedelta(minutes=chat.duration)
    planned_at = ctx.calendar.at(chat.planned, 21, ctx.minute())
    venue = venues[chat.venue] if chat.venue else None
    if chat.status is MeetingStatus.DONE:
        updated = ends + timedelta(hours=3)
    elif chat.cancelled_on is not None:
        updated = ctx.calendar.at(chat.cancelled_on, 22, ctx.minute())
    else:
        updated = planned_at
    meeting = Meeting(
        contact_id=contact.id,
        mode=chat.mode.value,
        venue_id=None if venue is None else venue.id,
        call_link=chat.call_link,
        starts_at=starts,
        duration_minutes=chat.duration,
        timezone=TIMEZONE,
        travel_mode=None if chat.travel is None else chat.travel.value,
        status=chat.status.value,
        tags=chat.tags,
        created_at=planned_at,
        updated_at=updated,
    )
    meeting.checklist = _checklist(chat, contact, venue)
    ctx.counts["checklist_items"] += len(meeting.checklist)
    if chat.notes is not None:
        meeting.notes = MeetingNotes(
            their_past=chat.notes.their_past,
            their_present=chat.notes.their_present,
            their_goals=chat.notes.their_goals,
            advice=chat.notes.advice,
            resources=chat.notes.resources,
            free_notes=chat.notes.free_notes,
            updated_at=ends + timedelta(hours=3),
        )
        ctx.counts["meeting_notes"] += 1
    thanked_at = _seed_thank_you(ctx, chat, contact, meeting, ends)
    ctx.add("meetings", meeting)
    ctx.session.flush()

    if moments.planned_at is None:
        moments.planned_at = planned_at
    if chat.status is MeetingStatus.DONE:
        moments.met_at = ends
        moments.thanked_at = thanked_at
        if venue is not None:
            what = "Lunch" if venue.kind == VenueKind.RESTAURANT.value else "Coffee"
            visit = Visit(
                venue_id=venue.id,
                visited_on=ctx.calendar.day(chat.day),
                meeting_id=meeting.id,
                note=f"{what} with {contact.first_name}",
            )
            ctx.add("visits", visit)
    for position, promise in enumerate(chat.follow_ups):
        ctx.add_follow_up(contact, meeting, promise, position)
    _seed_advice_acted_on(ctx, chat, contact, meeting)


def _seed_advice_acted_on(
    ctx: SeedContext, chat: ChatSpec, contact: Contact, meeting: Meeting
) -> None:
    pieces = advice_pieces(chat.notes.advice) if chat.notes else []
    for acted in chat.acted_on:
        action = AdviceAction(
            meeting_id=meeting.id,
            contact_id=contact.id,
            advice=pieces[acted.piece],
            acted_on=ctx.calendar.day(acted.day),
            outcome=acted.outcome,
            report_back_dismissed=False,
            created_at=ctx.calendar.at(acted.day, 21, ctx.minute()),
        )
        if acted.reported is not None:
            sent = ctx.calendar.at(acted.reported, 19, ctx.minute())
            touch = Outreach(
                contact_id=contact.id,
                kind=OutreachKind.TOUCH.value,
                channel=Channel.EMAIL.value,
                subject=f"Your advice, {contact.first_name}",
                body=ReportBackDrafter()
                .draft(
                    ReportBackFacts(pieces[acted.piece], acted.outcome, ctx.calendar.day(chat.day)),
                    Recipient(contact.first_name, contact.last_name),
                    str(USER_SETTINGS["user.name"]),
                )
                .body,
                sent_at=sent,
            )
            ctx.add("outreach", touch)
            ctx.session.flush()
            action.report_back_sent_at = sent
            action.report_back_outreach_id = touch.id
        ctx.add("advice_actions", action)


def _checklist(chat: ChatSpec, contact: Contact, venue: Venue | None) -> list[ChecklistItem]:
    done = chat.status is MeetingStatus.DONE
    started = done or chat.status is MeetingStatus.CANCELLED
    name = contact.first_name
    before: list[tuple[str, bool]] = [(_fill(_READ_PROFILE, first_name=name), True)]
    # Questions get written a few days ahead, not a week ahead.
    before += [(f"Prepare the question: {q}", started or chat.day <= 4) for q in chat.questions]
    if venue is not None:
        before.append((_fill(_ROUTE, venue=venue.name), started))
    else:
        before.append((_TEST_LINK, done))
    before.append((_fill(_CONFIRM, first_name=name), done))
    during = [(_fill(t, first_name=name, minutes=str(chat.duration)), done) for t in _DURING]
    thanked = bool(chat.thanked_by_message) or (
        chat.thank_you is not None and chat.thank_you.sent is not None
    )
    promises_kept = all(f.done is not None for f in chat.follow_ups if f.owner is FollowUpOwner.ME)
    after = [
        (_AFTER_NOTES, done and chat.notes is not None),
        (_AFTER_THANKS, done and thanked),
        (_AFTER_PROMISES, done and promises_kept),
        (_AFTER_REMINDER, done and contact.keep_in_touch_days is not None),
    ]
    items: list[ChecklistItem] = []
    for phase, entries in (
        (ChecklistPhase.BEFORE, before),
        (ChecklistPhase.DURING, during),
        (ChecklistPhase.AFTER, after),
    ):
        for text, is_done in entries:
            items.append(
                ChecklistItem(phase=phase.value, text=text, done=is_done, position=len(items))
            )
    return items


def _seed_thank_you(
    ctx: SeedContext, chat: ChatSpec, contact: Contact, meeting: Meeting, ends: datetime
) -> datetime | None:
    """Attach the thank-you draft; return when a thank-you went out, if it did."""
    if chat.thanked_by_message:
        messaged_at = ctx.message_time(chat.day + 1)
        ctx.add_outreach(
            contact,
            OutreachKind.THANK_YOU,
            Channel.LINKEDIN,
            chat.thanked_by_message,
            messaged_at,
        )
        return messaged_at
    spec = chat.thank_you
    if spec is None:
        return None
    values = {
        "first_name": contact.first_name,
        "topic": spec.topic,
        "takeaway": spec.takeaway,
        "next_step": spec.next_step,
        "signature": str(USER_SETTINGS["user.signature"]),
    }
    subject = _fill(_THANK_YOU_SUBJECT, first_name=contact.first_name)
    generated = _fill(_THANK_YOU_BODY, closing=_CLOSING, **values)
    closing = f"{spec.personal_line}\n\n{_CLOSING}" if spec.personal_line else _CLOSING
    body = _fill(_THANK_YOU_BODY, closing=closing, **values)
    sent_at = None if spec.sent is None else ctx.calendar.at(spec.sent, 8, ctx.minute())
    meeting.thank_you = ThankYouDraft(
        subject=subject,
        body=body,
        generated_body=generated,
        sent_at=sent_at,
        updated_at=sent_at or ends + timedelta(hours=4),
    )
    ctx.counts["thank_you_drafts"] += 1
    if sent_at is not None:
        ctx.add_outreach(
            contact, OutreachKind.THANK_YOU, Channel.EMAIL, body, sent_at, subject=subject
        )
    return sent_at
