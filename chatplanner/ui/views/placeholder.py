"""Pages whose features are still to come: an honest empty state saying what they will hold."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from chatplanner.services.overview import ProfileOverview
from chatplanner.ui.views.base import Page
from chatplanner.ui.widgets.empty_state import EmptyState


@dataclass(frozen=True)
class PagePromise:
    key: str
    label: str
    icon_name: str
    subtitle: str
    empty_title: str
    empty_body: str


PROMISES = {
    p.key: p
    for p in (
        PagePromise(
            "today",
            "Today",
            "today",
            "What needs you now",
            "Nothing needs you today",
            "Today gathers what to do next: chats coming up, thank-you emails owed, "
            "follow-ups due, and people to move on from when no reply came. "
            "Start by adding the people you want to meet.",
        ),
        PagePromise(
            "people",
            "People",
            "people",
            "Your network: mentors, peers and recruiters",
            "No contacts yet",
            "Your network lives here, with what you want from each person and where "
            "you met them. Import your LinkedIn connections, a vCard file or Google Contacts.",
        ),
        PagePromise(
            "venues",
            "Venues",
            "venues",
            "Places you know, for chats without surprises",
            "No venues yet",
            "Add the coffee shops and restaurants you already know: the commute, the parking "
            "and the menu hold no surprises there, so a first meeting is calmer.",
        ),
        PagePromise(
            "meetings",
            "Meetings",
            "meetings",
            "Plan, checklist, notes and thank-you",
            "No chats planned yet",
            "Each coffee chat gets a plan, a checklist for before, during and after, "
            "notes that save themselves, and a thank-you email drafted from your notes.",
        ),
        PagePromise(
            "archive",
            "Archive",
            "archive",
            "Everything you learned, searchable",
            "No notes yet",
            "Notes from every chat are kept here as Markdown files you own, "
            "with full-text search across all of them.",
        ),
    )
}


class PlaceholderPage(Page):
    def __init__(self, promise: PagePromise, parent: QWidget | None = None) -> None:
        self.key = promise.key
        self.label = promise.label
        self.icon_name = promise.icon_name
        super().__init__(promise.label, promise.subtitle, parent)
        self.empty = EmptyState(promise.icon_name, promise.empty_title, promise.empty_body)
        self.body.addWidget(self.empty, 1)

    def show_counts(self, overview: ProfileOverview) -> None:
        counts = {
            "people": (overview.contacts, "contact", "contacts"),
            "venues": (overview.venues, "venue", "venues"),
            "meetings": (overview.meetings, "meeting", "meetings"),
            "archive": (overview.notes, "meeting with notes", "meetings with notes"),
        }.get(self.key)
        if counts and counts[0]:
            number, one, many = counts
            self.header.set_subtitle(f"{number} {one if number == 1 else many} in this profile")
