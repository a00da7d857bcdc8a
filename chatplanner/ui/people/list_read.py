"""The People page's whole list, read in a worker thread.

A large network's list takes longer to read than the page takes to build and paint its first
screen. So the page starts the read before it makes its widgets (`read_ahead`): SQLite sorts the
rows on another processor meanwhile, which needs no interpreter. The rows come into Python once
the page lets them in (`go`, when its first screen is painted), not while the page needs the
interpreter itself. (Started earlier still, before the page's modules load, the read slowed the
first screen by more than it gained.)
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from chatplanner.errors import ChatplannerError
from chatplanner.ui.background import BackgroundTask
from chatplanner.ui.giving_way import give_way
from chatplanner.ui.people.prepared_rows import PreparedRows, prepare_rows

if TYPE_CHECKING:
    from chatplanner.services.contacts import ContactService
    from chatplanner.services.workspace import Workspace

# From this many people the list is read in the background, its first screen shown meanwhile.
BACKGROUND_LOAD_FROM = 3000
# At most this long the rows wait to be let in: the timer that lets them in could be held up
# by a modal dialog.
_LET_IN_WAIT_S = 1.0


@dataclass(frozen=True)
class ListRead:
    """A read under way: its task (whose `succeeded` carries `read_everyone`'s result) and the
    event that lets its rows into Python."""

    loader: BackgroundTask
    go: threading.Event


def contact_list_loader() -> BackgroundTask:
    return BackgroundTask(
        explain=lambda error: f"The contact list could not be read: {error}",
        name="contact-list",
    )


def read_everyone(
    contacts: ContactService, go: threading.Event | None = None
) -> tuple[PreparedRows, object]:
    """The whole list prepared for the table, and its fingerprint (of the same state of the
    database); in a worker thread. With `go`, the rows are sorted by SQLite and then wait for
    it. Between batches of rows, the read gives way to the window opening a page."""
    summaries, fingerprint = contacts.list_with_fingerprint(
        rows_ready=None if go is None else (lambda: go.wait(_LET_IN_WAIT_S)),
        between_batches=partial(give_way, "people"),
    )
    return prepare_rows(summaries), fingerprint


def start_reading(loader: BackgroundTask, contacts: ContactService) -> threading.Event:
    """Start `read_everyone` on `loader`; its rows wait for the event returned."""
    go = threading.Event()
    loader.call(lambda: read_everyone(contacts, go))
    return go


def read_ahead(workspace: Workspace) -> ListRead | None:
    """The whole list's read, started now when the network is large; None when it is small
    (the page reads it at once) or cannot be counted (the page says why)."""
    contacts = workspace.people.contacts
    try:
        if contacts.count() < BACKGROUND_LOAD_FROM:
            return None
    except ChatplannerError:
        return None
    loader = contact_list_loader()
    return ListRead(loader, start_reading(loader, contacts))
