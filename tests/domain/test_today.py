from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from chatplanner.domain.enums import (
    ContactKind,
    FollowUpOwner,
    MeetingMode,
    MeetingStatus,
    OutreachKind,
    Stage,
)
from chatplanner.domain.pipeline import OutreachRecord
from chatplanner.domain.today import (
    TodayContact,
    TodayFollowUp,
    TodayMeeting,
    TodayReportBack,
    TodayRules,
    TodaySnapshot,
    build_today,
    today_list,
)
from chatplanner.domain.today_items import TodayItem, TodayKind

NOW = datetime(2025, 3, 15, 12, 0, tzinfo=UTC)  # a Saturday
TODAY = date(2025, 3, 15)


def contact(id_: int, name: str, stage: Stage, **kw: object) -> TodayContact:
    return TodayContact(id_, name, stage, **kw)  # type: ignore[arg-type]


def first_message(id_: int, contact_id: int, sent: datetime, **kw: object) -> OutreachRecord:
    return OutreachRecord(id_, contact_id, OutreachKind.FIRST_MESSAGE, sent, **kw)  # type: ignore[arg-type]


def today(snapshot: TodaySnapshot, now: datetime = NOW, **rules: object) -> list[TodayItem]:
    return build_today(snapshot, now, TodayRules(**rules))  # type: ignore[arg-type]


def kinds(items: list[TodayItem]) -> list[tuple[TodayKind, int]]:
    return [(i.kind, i.contact_id) for i in items]


def test_today_kinds_have_the_agreed_values() -> None:
    assert [k.value for k in TodayKind] == [
        "upcoming_chat",
        "thank_you",
        "follow_up",
        "move_on",
        "keep_in_touch",
        "report_back",
    ]


# Patience window --------------------------------------------------------------------------


def messaged(sent: datetime, **kw: object) -> TodaySnapshot:
    return TodaySnapshot(
        contacts=(contact(1, "Ana", Stage.MESSAGED, **kw),),
        outreach=(first_message(10, 1, sent),),
    )


def test_nothing_to_do_one_second_before_the_follow_up_is_due() -> None:
    assert today(messaged(NOW - timedelta(days=7) + timedelta(seconds=1))) == []


def test_exactly_seven_days_after_a_message_a_gentle_follow_up_is_listed() -> None:
    [item] = today(messaged(NOW - timedelta(days=7)))
    assert item.kind is TodayKind.FOLLOW_UP
    assert item.due == NOW
    assert item.outreach_id == 10
    assert item.reason == (
        "You wrote 7 days ago. People are busy: one short, friendly follow-up is welcome now."
    )


def test_no_reply_after_fifteen_days_says_moving_on_is_fine() -> None:
    [item] = today(messaged(NOW - timedelta(days=15)))
    assert item.kind is TodayKind.MOVE_ON
    assert item.due == NOW - timedelta(days=1)
    assert item.reason == ("No reply after 15 days — no reply is also an answer. Time to move on.")


def test_after_a_follow_up_moving_on_waits_the_rest_of_the_window() -> None:
    snapshot = TodaySnapshot(
        contacts=(contact(1, "Ana", Stage.MESSAGED),),
        outreach=(
            first_message(10, 1, NOW - timedelta(days=16)),
            OutreachRecord(11, 1, OutreachKind.FOLLOW_UP, NOW - timedelta(days=6)),
        ),
    )
    assert today(snapshot) == []
    [item] = today(snapshot, NOW + timedelta(days=1))
    assert item.kind is TodayKind.MOVE_ON
    assert item.reason.startswith("No reply after 17 days")


def test_a_reply_on_record_stops_the_nudges() -> None:
    snapshot = TodaySnapshot(
        contacts=(contact(1, "Ana", Stage.MESSAGED),),
        outreach=(
            first_message(10, 1, NOW - timedelta(days=20), replied_at=NOW - timedelta(days=2)),
        ),
    )
    assert today(snapshot) == []


def test_the_contacts_own_patience_overrides_the_default() -> None:
    [item] = today(messaged(NOW - timedelta(days=3), follow_up_after_days=3))
    assert item.kind is TodayKind.FOLLOW_UP


def test_a_contact_marked_messaged_by_hand_counts_from_the_stage_change() -> None:
    snapshot = TodaySnapshot(
        contacts=(contact(1, "Ana", Stage.MESSAGED, stage_changed_at=NOW - timedelta(days=8)),)
    )
    [item] = today(snapshot)
    assert item.kind is TodayKind.FOLLOW_UP
    assert item.outreach_id is None


def test_nudges_are_only_for_contacts_waiting_for_a_reply() -> None:
    snapshot = TodaySnapshot(
        contacts=(contact(1, "Ana", Stage.REPLIED),),
        outreach=(first_message(10, 1, NOW - timedelta(days=30)),),
    )
    assert today(snapshot) == []


def test_a_snoozed_contact_gets_no_nudge_until_the_snooze_day() -> None:
    snoozed = messaged(NOW - timedelta(days=8), snoozed_until=TODAY + timedelta(days=1))
    assert today(snoozed) == []
    assert kinds(today(snoozed, NOW + timedelta(days=1))) == [(TodayKind.FOLLOW_UP, 1)]


# Meetings ---------------------------------------------------------------------------------


def meeting_snapshot(
    *meetings: TodayMeeting, kind: ContactKind = ContactKind.MENTOR
) -> TodaySnapshot:
    return TodaySnapshot(
        contacts=(contact(1, "Ana", Stage.CHAT_PLANNED, kind=kind),), meetings=meetings
    )


def test_a_thank_you_is_owed_from_the_end_of_the_chat_and_due_within_a_day() -> None:
    starts = NOW - timedelta(hours=3)
    [item] = today(meeting_snapshot(TodayMeeting(5, 1, starts, duration_minutes=60)))
    assert item.kind is TodayKind.THANK_YOU
    assert item.meeting_id == 5
    assert item.due == starts + timedelta(hours=1) + timedelta(days=1)
    assert item.reason == (
        "Your chat ended 2 hours ago. A short thank-you while it is fresh means a lot."
    )


def test_a_thank_you_stays_listed_kindly_until_it_is_sent() -> None:
    old = TodayMeeting(5, 1, NOW - timedelta(days=10), status=MeetingStatus.DONE)
    [item] = today(meeting_snapshot(old))
    assert item.kind is TodayKind.THANK_YOU
    assert "still welcome" in item.reason
    sent = TodayMeeting(
        5, 1, NOW - timedelta(days=10), status=MeetingStatus.DONE, thank_you_sent=True
    )
    assert today(meeting_snapshot(sent)) == []


def test_a_cancelled_chat_asks_for_nothing() -> None:
    cancelled = TodayMeeting(5, 1, NOW - timedelta(days=1), status=MeetingStatus.CANCELLED)
    later = TodayMeeting(6, 1, NOW + timedelta(days=1), status=MeetingStatus.CANCELLED)
    assert today(meeting_snapshot(cancelled, later)) == []


def test_upcoming_chats_are_listed_for_the_next_seven_days() -> None:
    in_seven = TodayMeeting(5, 1, NOW + timedelta(days=7))
    in_eight = TodayMeeting(6, 1, NOW + timedelta(days=7, seconds=1))
    items = today(meeting_snapshot(in_seven, in_eight))
    assert kinds(items) == [(TodayKind.UPCOMING_CHAT, 1)]
    assert items[0].due == NOW + timedelta(days=7)
    assert items[0].reason == "Coffee chat on Sat 22 Mar at 12:00."
    assert kinds(today(meeting_snapshot(in_eight), upcoming_days=8)) == [
        (TodayKind.UPCOMING_CHAT, 1)
    ]


def test_an_upcoming_chat_says_where_and_when_in_the_users_time_zone() -> None:
    chat = TodayMeeting(5, 1, datetime(2025, 3, 15, 18, 30, tzinfo=UTC), place="Balzac's\nCafé")
    [item] = today(meeting_snapshot(chat), tz=ZoneInfo("America/Toronto"))
    assert item.reason == "Coffee chat at Balzac's Café today at 14:30."


def test_a_chat_in_progress_is_happening_now() -> None:
    chat = TodayMeeting(5, 1, NOW - timedelta(minutes=10), mode=MeetingMode.ONLINE, place="ignored")
    [item] = today(meeting_snapshot(chat))
    assert item.kind is TodayKind.UPCOMING_CHAT
    assert item.reason == "Online call happening now, until 12:35."


def test_a_recruiter_meeting_is_not_called_a_coffee_chat() -> None:
    chat = TodayMeeting(5, 1, NOW + timedelta(days=1))
    [item] = today(meeting_snapshot(chat, kind=ContactKind.RECRUITER))
    assert item.reason == "Meeting tomorrow at 12:00."


# Promised follow-ups ----------------------------------------------------------------------


def promise_snapshot(*promises: TodayFollowUp) -> TodaySnapshot:
    return TodaySnapshot(
        contacts=(contact(1, "Ana", Stage.THANKED, last_touch_at=NOW),), follow_ups=promises
    )


def test_a_follow_up_i_promised_is_listed_on_its_day_and_says_what() -> None:
    promise = TodayFollowUp(3, 1, "Send the PMBOK\nchapter link", TODAY, meeting_id=5)
    [item] = today(promise_snapshot(promise))
    assert item.kind is TodayKind.FOLLOW_UP
    assert (item.follow_up_id, item.meeting_id, item.due) == (3, 5, TODAY)
    assert item.reason == "From your chat: Send the PMBOK chapter link — due today."


def test_a_past_promise_is_mentioned_without_guilt() -> None:
    promise = TodayFollowUp(3, 1, "Intro to Sam", TODAY - timedelta(days=4))
    [item] = today(promise_snapshot(promise))
    assert item.reason == (
        "You planned: Intro to Sam — planned for Tuesday; "
        "it is still a kind gesture whenever you are ready."
    )


def test_a_past_promise_to_myself_is_not_called_a_gesture() -> None:
    promise = TodayFollowUp(
        3, 1, "Sign up for the Primavera P6 weekend course", TODAY - timedelta(days=1)
    )
    [item] = today(promise_snapshot(promise))
    assert item.reason == (
        "You planned: Sign up for the Primavera P6 weekend course — planned for yesterday; "
        "it is still worth doing whenever you are ready."
    )
    to_ana = TodayFollowUp(4, 1, "Send Ana my resume", TODAY - timedelta(days=1))
    [item] = today(promise_snapshot(to_ana))
    assert item.reason.endswith("it is still a kind gesture whenever you are ready.")


def test_a_thank_you_owed_past_a_day_says_yesterday_not_hours() -> None:
    ended_yesterday = TodayMeeting(5, 1, NOW - timedelta(hours=44), duration_minutes=60)
    # It ended 43 hours ago, on Thursday evening: two days ago by the calendar.
    [item] = today(meeting_snapshot(ended_yesterday))
    assert item.reason.startswith("Your chat was 2 days ago. ")
    ended_yesterday = TodayMeeting(5, 1, NOW - timedelta(hours=31), duration_minutes=60)
    [item] = today(meeting_snapshot(ended_yesterday))
    assert item.reason.startswith("Your chat was yesterday. ")
    three_days = TodayMeeting(5, 1, NOW - timedelta(days=3), duration_minutes=60)
    [item] = today(meeting_snapshot(three_days))
    assert item.reason.startswith("Your chat was 3 days ago. ")


def test_a_quoted_advice_line_ends_its_sentence_before_the_next() -> None:
    report = TodayReportBack(1, 1, 5, "Take the CAPM exam before the PMP", TODAY)
    snapshot = TodaySnapshot(
        contacts=(contact(1, "Ana", Stage.THANKED, last_touch_at=NOW),), report_backs=(report,)
    )
    [item] = today(snapshot)
    assert "“Take the CAPM exam before the PMP”. Tell them what came of it" in item.reason
    asked = TodayReportBack(1, 1, 5, "Why not apply now?", TODAY)
    snapshot = TodaySnapshot(contacts=snapshot.contacts, report_backs=(asked,))
    assert "“Why not apply now?” Tell them" in today(snapshot)[0].reason


def test_promises_that_are_theirs_done_undated_or_later_are_not_listed() -> None:
    promises = (
        TodayFollowUp(1, 1, "They send a book list", TODAY, owner=FollowUpOwner.THEM),
        TodayFollowUp(2, 1, "Done already", TODAY, done=True),
        TodayFollowUp(3, 1, "Someday", None),
        TodayFollowUp(4, 1, "Next week", TODAY + timedelta(days=2)),
    )
    assert today(promise_snapshot(*promises)) == []
    assert [i.follow_up_id for i in today(promise_snapshot(*promises), promise_lead_days=2)] == [4]


def test_a_very_long_promise_is_cut_short_in_the_reason() -> None:
    promise = TodayFollowUp(3, 1, "word " * 2000, TODAY)
    [item] = today(promise_snapshot(promise))
    assert len(item.reason) < 150
    assert "…" in item.reason


# Keeping in touch -------------------------------------------------------------------------


def test_keep_in_touch_is_due_a_cadence_after_the_last_touch() -> None:
    mentor = contact(
        1,
        "Ana",
        Stage.KEEPING_IN_TOUCH,
        kind=ContactKind.MENTOR,
        last_touch_at=NOW - timedelta(days=60),
    )
    [item] = today(TodaySnapshot(contacts=(mentor,)))
    assert item.kind is TodayKind.KEEP_IN_TOUCH
    assert item.due == TODAY
    assert (
        item.reason == "Last in touch about 2 months ago. A short hello keeps the connection warm."
    )
    one_day_less = contact(
        1,
        "Ana",
        Stage.KEEPING_IN_TOUCH,
        kind=ContactKind.MENTOR,
        last_touch_at=NOW - timedelta(days=59),
    )
    assert today(TodaySnapshot(contacts=(one_day_less,))) == []


def test_a_message_logged_with_the_person_resets_keep_in_touch() -> None:
    peer = contact(
        1,
        "Ana",
        Stage.KEEPING_IN_TOUCH,
        kind=ContactKind.PEER,
        last_touch_at=NOW - timedelta(days=200),
    )
    touched = TodaySnapshot(
        contacts=(peer,),
        outreach=(OutreachRecord(1, 1, OutreachKind.TOUCH, NOW - timedelta(days=10)),),
    )
    assert today(TodaySnapshot(contacts=(peer,)))[0].kind is TodayKind.KEEP_IN_TOUCH
    assert today(touched) == []


def test_a_past_meeting_resets_keep_in_touch_but_a_cancelled_one_does_not() -> None:
    peer = contact(
        1,
        "Ana",
        Stage.KEEPING_IN_TOUCH,
        kind=ContactKind.PEER,
        last_touch_at=NOW - timedelta(days=200),
    )
    met = TodayMeeting(
        5, 1, NOW - timedelta(days=30), status=MeetingStatus.DONE, thank_you_sent=True
    )
    cancelled = TodayMeeting(6, 1, NOW - timedelta(days=30), status=MeetingStatus.CANCELLED)
    assert today(TodaySnapshot(contacts=(peer,), meetings=(met,))) == []
    assert kinds(today(TodaySnapshot(contacts=(peer,), meetings=(cancelled,)))) == [
        (TodayKind.KEEP_IN_TOUCH, 1)
    ]


def test_a_chat_already_planned_replaces_the_keep_in_touch_reminder() -> None:
    peer = contact(1, "Ana", Stage.KEEPING_IN_TOUCH, last_touch_at=NOW - timedelta(days=400))
    planned = TodayMeeting(5, 1, NOW + timedelta(days=20))
    assert today(TodaySnapshot(contacts=(peer,), meetings=(planned,))) == []


def test_a_group_cadence_applies_and_recruiters_get_a_professional_reason() -> None:
    recruiter = contact(
        1,
        "Rita",
        Stage.KEEPING_IN_TOUCH,
        kind=ContactKind.RECRUITER,
        group_keep_in_touch_days=(30, None),
        last_touch_at=NOW - timedelta(days=30),
    )
    [item] = today(TodaySnapshot(contacts=(recruiter,)))
    assert item.reason == (
        "Last in touch 4 weeks ago. "
        "A brief professional update keeps you in mind for the right role."
    )


def test_archived_contacts_never_appear() -> None:
    snapshot = TodaySnapshot(
        contacts=(contact(1, "Ana", Stage.MESSAGED, archived=True),),
        outreach=(first_message(10, 1, NOW - timedelta(days=8)),),
        meetings=(TodayMeeting(5, 1, NOW + timedelta(days=1)),),
    )
    assert today(snapshot) == []


def test_a_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        build_today(TodaySnapshot(contacts=()), NOW.replace(tzinfo=None))


# Ordering ---------------------------------------------------------------------------------


def full_snapshot() -> TodaySnapshot:
    return TodaySnapshot(
        contacts=(
            contact(1, "Chat later", Stage.CHAT_PLANNED),
            contact(2, "Chat soon", Stage.CHAT_PLANNED),
            contact(3, "Thank", Stage.MET),
            contact(4, "Nudge", Stage.MESSAGED),
            contact(5, "Move on", Stage.MESSAGED),
            contact(6, "Hello", Stage.KEEPING_IN_TOUCH, last_touch_at=NOW - timedelta(days=400)),
            contact(7, "Promise", Stage.THANKED, last_touch_at=NOW),
            contact(8, "Old nudge", Stage.MESSAGED),
        ),
        outreach=(
            first_message(40, 4, NOW - timedelta(days=8)),
            first_message(50, 5, NOW - timedelta(days=15)),
            first_message(80, 8, NOW - timedelta(days=12)),
        ),
        meetings=(
            TodayMeeting(10, 1, NOW + timedelta(days=3)),
            TodayMeeting(20, 2, NOW + timedelta(hours=2)),
            TodayMeeting(30, 3, NOW - timedelta(days=1), status=MeetingStatus.DONE),
        ),
        follow_ups=(TodayFollowUp(70, 7, "Send notes", TODAY - timedelta(days=1)),),
    )


def test_today_is_ordered_most_urgent_first() -> None:
    assert kinds(today(full_snapshot())) == [
        (TodayKind.THANK_YOU, 3),  # due an hour ago, after yesterday's chat
        (TodayKind.UPCOMING_CHAT, 2),  # in two hours
        (TodayKind.FOLLOW_UP, 8),  # nudge due five days ago
        (TodayKind.FOLLOW_UP, 7),  # promise due yesterday
        (TodayKind.FOLLOW_UP, 4),  # nudge due a day ago
        (TodayKind.KEEP_IN_TOUCH, 6),
        (TodayKind.MOVE_ON, 5),
        (TodayKind.UPCOMING_CHAT, 1),  # in three days
    ]


def test_today_ordering_does_not_depend_on_input_order() -> None:
    snap = full_snapshot()
    reversed_snap = TodaySnapshot(
        contacts=snap.contacts[::-1],
        outreach=snap.outreach[::-1],
        meetings=snap.meetings[::-1],
        follow_ups=snap.follow_ups[::-1],
    )
    assert today(snap) == today(reversed_snap)


def test_items_due_at_the_same_moment_are_ordered_by_name() -> None:
    snapshot = TodaySnapshot(
        contacts=(
            contact(2, "bea", Stage.MESSAGED),
            contact(1, "Cy", Stage.MESSAGED),
            contact(3, "Al", Stage.MESSAGED),
        ),
        outreach=tuple(first_message(i, i, NOW - timedelta(days=8)) for i in (1, 2, 3)),
    )
    assert [i.contact_name for i in today(snapshot)] == ["Al", "bea", "Cy"]


def test_a_thank_you_due_after_a_chat_in_another_zone_names_whose_clock() -> None:
    # 12:00 UTC is 08:00 in Toronto; the chat ran 06:00–07:00 there, due 07:00 tomorrow.
    starts = NOW - timedelta(hours=2)
    chat = TodayMeeting(5, 1, starts, duration_minutes=60, timezone="America/Toronto")
    [item] = today(meeting_snapshot(chat), tz=ZoneInfo("Europe/Paris"))
    assert item.when_text == "due tomorrow at 07:00 Toronto time · 12:00 your time"
    [same] = today(meeting_snapshot(chat), tz=ZoneInfo("America/Toronto"))
    assert same.when_text == "due tomorrow at 07:00"


def test_a_listing_words_only_the_first_items_of_each_kind_and_counts_them_all() -> None:
    snapshot = full_snapshot()
    every = today(snapshot)
    listing = today_list(snapshot, NOW, TodayRules(), shown={TodayKind.FOLLOW_UP: 1})
    follow_ups = [i for i in every if i.kind is TodayKind.FOLLOW_UP]
    assert listing.counts[TodayKind.FOLLOW_UP] == len(follow_ups) == 3
    assert listing.contact_ids[TodayKind.FOLLOW_UP] == {i.contact_id for i in follow_ups}
    # The first follow-up in words, and every item of the kinds not limited, in the same order.
    assert list(listing.items) == [
        i for i in every if i.kind is not TodayKind.FOLLOW_UP or i == follow_ups[0]
    ]
    assert listing.total == len(every)
    assert today_list(snapshot, NOW, TodayRules()).items == tuple(every)
