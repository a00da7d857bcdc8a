"""The demo's outreach and stage history: every contact's path to the stage they are at."""

from __future__ import annotations

from datetime import datetime, timedelta

from chatplanner.db.models import Contact, StageEvent
from chatplanner.domain.enums import Channel, OutreachKind, Stage
from chatplanner.services.demo.context import ChatMoments, SeedContext
from chatplanner.services.demo.people import PersonSpec

# The demo's waiting messages are placed around a 7-day follow-up and 14-day move-on window.
DEFAULT_FOLLOW_UP_AFTER_DAYS = 7


def _first_message_note(channel: Channel) -> str:
    if channel is Channel.LINKEDIN:
        return "First message on LinkedIn"
    return f"First message by {channel.label.lower()}"


def seed_history(  # noqa: C901 - a demo person's story, one step per stage they have reached
    ctx: SeedContext, spec: PersonSpec, contact: Contact, moments: ChatMoments
) -> None:
    """Add the messages, the touches and the stage history that lead to `spec.stage`."""
    how = "Imported from LinkedIn connections" if spec.connected is not None else "Added by hand"
    events: list[tuple[Stage, datetime, str]] = [(Stage.NOT_CONTACTED, contact.created_at, how)]
    touched: list[datetime] = []
    if spec.sent is not None:
        sent_at = ctx.message_time(spec.sent)
        replied_at = None if spec.replied is None else ctx.message_time(spec.replied)
        patience = spec.follow_up_after_days or DEFAULT_FOLLOW_UP_AFTER_DAYS
        ctx.add_outreach(
            contact,
            OutreachKind.FIRST_MESSAGE,
            spec.channel,
            spec.message,
            sent_at,
            goal=spec.goal.value,
            subject=spec.subject,
            replied_at=replied_at,
            follow_up_due=None if replied_at else ctx.calendar.day(spec.sent + patience),
            outcome="replied" if replied_at else ("no_reply" if spec.moved_on else None),
        )
        events.append((Stage.MESSAGED, sent_at, _first_message_note(spec.channel)))
        touched.append(sent_at)
        if replied_at is not None:
            events.append((Stage.REPLIED, replied_at, ""))
            touched.append(replied_at)
    if spec.followed_up is not None:
        followed_at = ctx.message_time(spec.followed_up)
        ctx.add_outreach(
            contact,
            OutreachKind.FOLLOW_UP,
            spec.channel,
            spec.follow_up,
            followed_at,
            goal=spec.goal.value,
            outcome="no_reply" if spec.moved_on else None,
        )
        touched.append(followed_at)
    if moments.planned_at is not None:
        events.append((Stage.CHAT_PLANNED, moments.planned_at, ""))
    if moments.met_at is not None:
        events.append((Stage.MET, moments.met_at, ""))
        touched.append(moments.met_at)
    if moments.thanked_at is not None:
        events.append((Stage.THANKED, moments.thanked_at, ""))
        touched.append(moments.thanked_at)
    touch_times = []
    for touch in spec.touches:
        touched_at = ctx.message_time(touch.day)
        ctx.add_outreach(contact, OutreachKind.TOUCH, touch.channel, touch.text, touched_at)
        touch_times.append(touched_at)
    touched += touch_times
    if spec.stage is Stage.KEEPING_IN_TOUCH:
        if moments.met_at is not None:
            events.append((Stage.KEEPING_IN_TOUCH, touch_times[0], ""))
        else:
            at = contact.created_at + timedelta(minutes=5)
            events.append((Stage.KEEPING_IN_TOUCH, at, "Already in touch before the app"))
    if spec.moved_on is not None:
        moved_at = ctx.calendar.at(spec.moved_on, 9, ctx.minute())
        events.append((Stage.MOVED_ON, moved_at, "No reply after a follow-up"))

    events.sort(key=lambda event: event[1])
    if events[-1][0] is not spec.stage:  # the demo's own data contradicts itself
        raise ValueError(f"Demo contact {spec.key} ends at {events[-1][0]}, not {spec.stage}")
    for stage, at, note in events:
        ctx.add(
            "stage_events",
            StageEvent(contact_id=contact.id, stage=stage.value, at=at, note=note),
        )
    contact.stage_changed_at = events[-1][1]
    contact.last_touch_at = max(touched) if touched else None
    contact.updated_at = max(contact.created_at, events[-1][1], *touched)
