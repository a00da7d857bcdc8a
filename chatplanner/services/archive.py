"""The notes archive the user owns: a folder of Markdown files, kept in step incrementally.

A meeting belongs in the archive once it is done or holds notes. `sync` brings the whole folder
in step (off the GUI thread, with progress and stop); `sync_meeting` updates one meeting's file
after its notes change, cheaply. What was written is remembered in `archive_files`, so a sync
with no changes writes nothing.

Deleted meetings leave no file behind: deleting a contact removes their meetings' files at once
(`forget_deleted`, called by the contact service; undo writes them back), and every `sync` also
removes files the folder's manifest lists for meeting ids that no longer exist (a meeting
deleted elsewhere). A file is removed only when this profile wrote it (the manifest names the
profile, see `interop/archive_manifest.py`), it still holds what was written, and the database
is the one that last wrote the folder: after a restore from an older backup nothing is removed.
The user's other files are left alone; a folder another profile writes is refused.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from chatplanner.db.models import (
    ArchiveFile,
    Contact,
    FollowUp,
    Meeting,
    MeetingNotes,
    ThankYouDraft,
    Venue,
)
from chatplanner.domain.enums import FollowUpOwner, MeetingMode, MeetingStatus
from chatplanner.domain.person_names import UNNAMED_CONTACT, shown_name
from chatplanner.errors import ChatplannerError
from chatplanner.interop.safe_files import make_private_folder
from chatplanner.services.archive_search import ArchiveSearch, SearchHit
from chatplanner.services.context import ServiceContext
from chatplanner.services.settings import SettingsService

# The writer's code (Markdown, the manifest) and the chats' time words load when the archive is
# written: a search of the notes, the first one included, does not wait for them.
if TYPE_CHECKING:
    from chatplanner.interop.archive_markdown import (
        ArchivedFile,
        ArchiveWriter,
        MeetingArchiveEntry,
        SyncResult,
    )
    from chatplanner.services.chat_times import ChatTimes

DIRECTORY_KEY = "archive.directory"
# The profile's own id, named in the manifest of every archive folder it writes.
PROFILE_ID_KEY = "profile.id"
# The manifest state this database last agreed on with the archive folder (see archive_manifest).
STATE_KEY = "archive.state"
_NOTE_COLUMNS = ("their_past", "their_present", "their_goals", "advice", "resources", "free_notes")

# The code that makes a chat's entry from its stored values (with RENDERER_MODULES, the code
# that renders it): part of every chat's source fingerprint, so a new version writes again.
_ENTRY_MODULES = (
    __name__,
    "chatplanner.services.chat_times",
    "chatplanner.domain.moments",
    "chatplanner.domain.clock",
    "chatplanner.domain.person_names",
    "chatplanner.domain.enums",
)
_SOURCE_CODE: list[str] = []

__all__ = ["ArchiveService", "ArchiveWriteError", "ArchivedFile", "SearchHit", "SyncResult"]


def __getattr__(name: str) -> Any:
    """ArchivedFile and SyncResult, named in __all__, from the writer's module when asked."""
    if name in ("ArchivedFile", "SyncResult"):
        from chatplanner.interop import archive_markdown

        return getattr(archive_markdown, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True, slots=True)
class _StoredChats:
    """The chats the archive shows, as read (`ArchiveService._read`), before any entry is made."""

    rows: list[tuple[Any, ...]]
    follow_ups: dict[int, list[tuple[str, str, date | None, bool]]]
    fingerprints: dict[int, str]  # meeting id -> source fingerprint ("" when unknown)
    with_text: bool


class ArchiveWriteError(ChatplannerError):
    """The archive folder could not be written; the message says what to do."""


def _has_notes() -> Any:
    return or_(*(func.length(getattr(MeetingNotes, c)) > 0 for c in _NOTE_COLUMNS))


class ArchiveService:
    def __init__(self, context: ServiceContext, settings: SettingsService) -> None:
        self._context = context
        self._settings = settings
        self._search = ArchiveSearch(context)
        # One writer per folder (it remembers what it rendered); syncs from a worker thread and
        # the autosave's one-meeting syncs take turns.
        self._lock = threading.Lock()
        self._writer: ArchiveWriter | None = None
        self._chat_times: ChatTimes | None = None

    @property
    def _times(self) -> ChatTimes:
        if self._chat_times is None:
            from chatplanner.services.chat_times import ChatTimes

            self._chat_times = ChatTimes(self._context)
        return self._chat_times

    # The folder --------------------------------------------------------------------------------
    def directory(self) -> Path:
        chosen = self._settings.get(DIRECTORY_KEY)
        if isinstance(chosen, str) and chosen.strip():
            return Path(chosen).expanduser()
        return self._context.profile.archive_dir

    def is_default_directory(self) -> bool:
        return self.directory() == self._context.profile.archive_dir

    def set_directory(self, directory: Path | None) -> None:
        """Write the archive to `directory` from now on (None: the profile's archive folder).

        What the old folder holds is left alone; the next sync writes everything anew."""
        value = None if directory is None else str(Path(directory).expanduser().absolute())
        if value is not None and Path(value) == self._context.profile.archive_dir:
            value = None
        with self._lock:
            self._settings.set(DIRECTORY_KEY, value)
            self._settings.set(STATE_KEY, None)
            self._writer = None
            with self._context.sessions.begin() as session:
                session.execute(delete(ArchiveFile))

    def ensure_directory(self) -> Path:
        """Create the archive folder if needed (private to the user) and return it."""
        directory = self.directory()
        try:
            return make_private_folder(directory)
        except OSError as error:
            raise ArchiveWriteError(
                f"The archive folder {directory} cannot be created ({error.strerror}). "
                "Choose another folder."
            ) from None

    def profile_id(self) -> str:
        """This profile's id, made the first time it is asked for."""
        known = self._settings.get(PROFILE_ID_KEY)
        if isinstance(known, str) and known:
            return known
        made = uuid.uuid4().hex
        self._settings.set(PROFILE_ID_KEY, made)
        return made

    def _current_writer(self) -> ArchiveWriter:
        from chatplanner.interop.archive_markdown import ArchiveWriter

        directory = self.directory()
        if self._writer is None or self._writer.directory != directory:
            self._writer = ArchiveWriter(directory, owner=self.profile_id())
        # The database may have been restored since: it says which state it agreed on.
        stored = self._settings.get(STATE_KEY)
        self._writer.state = stored if isinstance(stored, str) else None
        return self._writer

    def _remember_state(self, writer: ArchiveWriter, before: str | None) -> None:
        """Store the state the writer and the folder now agree on, when it changed."""
        if writer.state is not None and writer.state != before:
            self._settings.set(STATE_KEY, writer.state)

    # Writing -----------------------------------------------------------------------------------
    def sync(
        self,
        progress: Callable[[int, int], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> SyncResult:
        """Write or update every meeting's file and the index; unchanged files are not touched."""
        from chatplanner.interop.archive_manifest import ArchiveError

        with self._lock:
            with self._context.sessions() as session:
                chats = self._read(session, None)
                previous = self._stored(session, None)
                # Files of meetings deleted since (their archive_files rows went with them)
                # are found by name and removed too.
                existing = set(session.scalars(select(Meeting.id)))
            writer = self._current_writer()
            agreed = writer.state
            try:
                # Nothing changed since the last sync (the usual case): no entry is made.
                result = writer.unchanged(
                    chats.fingerprints, previous.values(), known_meetings=existing
                )
                if result is None:
                    result = writer.sync(
                        self._made(chats),
                        previous.values(),
                        should_stop=should_stop,
                        progress=progress,
                        known_meetings=existing,
                    )
                elif progress is not None and result.unchanged:
                    progress(len(result.unchanged), len(result.unchanged))
            except ArchiveError as error:
                raise ArchiveWriteError(str(error)) from None
            finally:
                self._remember_state(writer, agreed)
            self._store(previous, result.files)
            return result

    def export_to(self, directory: Path) -> SyncResult:
        """Write every meeting's file and the index into `directory`, recording nothing in the
        profile (a read-only profile's archive written elsewhere)."""
        from chatplanner.interop.archive_manifest import ArchiveError
        from chatplanner.interop.archive_markdown import ArchiveWriter

        with self._lock:
            with self._context.sessions() as session:
                entries = self._entries(session, None)
                existing = set(session.scalars(select(Meeting.id)))
            try:
                return ArchiveWriter(directory).sync(entries, (), known_meetings=existing)
            except ArchiveError as error:
                raise ArchiveWriteError(str(error)) from None

    def sync_meeting(self, meeting_id: int) -> str:
        """Update one meeting's file after it changed: "written", "updated", "unchanged",
        "removed" (it left the archive) or "skipped" (it is not in the archive)."""
        from chatplanner.interop.archive_manifest import ArchiveError
        from chatplanner.interop.archive_markdown import index_line

        with self._lock:
            with self._context.sessions() as session:
                entries = self._entries(session, meeting_id)
                previous = self._stored(session, meeting_id).get(meeting_id)
            writer = self._current_writer()
            agreed = writer.state
            try:
                if not entries:
                    if previous is None:
                        return "skipped"
                    writer.forget(previous)
                    self._store({meeting_id: previous}, {})
                    self._write_index(writer)
                    return "removed"
                outcome = writer.sync_one(entries[0], previous)
                if outcome.status == "unchanged":
                    return outcome.status
                self._store({meeting_id: previous} if previous else {}, {meeting_id: outcome.file})
                # Edited notes leave the index as it is; a new, moved or re-placed chat does not.
                line = index_line(entries[0], outcome.file.relative_path)
                if outcome.status != "updated" or not writer.index_lists(line):
                    self._write_index(writer)
                return outcome.status
            except ArchiveError as error:
                raise ArchiveWriteError(str(error)) from None
            finally:
                self._remember_state(writer, agreed)

    def forget_deleted(self, files: Iterable[ArchivedFile]) -> tuple[str, ...]:
        """Remove the files of meetings just deleted (their rows are gone) and update the index.

        Returns the names removed. Whatever cannot be removed now, the next `sync` removes."""
        from chatplanner.interop.archive_manifest import ArchiveError

        files = list(files)
        if not files:
            return ()
        with self._lock:
            writer = self._current_writer()
            agreed = writer.state
            if not writer.directory.is_dir():
                return ()
            removed: list[str] = []
            try:
                for item in files:
                    if writer.forget(item):
                        removed.append(item.relative_path)
                self._write_index(writer)
            except ArchiveError as error:
                raise ArchiveWriteError(str(error)) from None
            finally:
                self._remember_state(writer, agreed)
            return tuple(removed)

    def _write_index(self, writer: ArchiveWriter) -> None:
        """The index of what the archive holds, read without any note text."""
        with self._context.sessions() as session:
            stored = self._stored(session, None)
            entries = self._entries(session, None, with_text=False, only_archived=True)
        writer.write_index(entries, {mid: f.relative_path for mid, f in stored.items()})

    # Searching ---------------------------------------------------------------------------------
    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Meetings whose notes or contact name match every word typed (accents ignored)."""
        return self._search.search(query, limit)

    # Reading meetings --------------------------------------------------------------------------
    def _met_on(self, starts_at: datetime, zone_name: str | None) -> date:
        return starts_at.astimezone(self._times.place_zone(zone_name)).date()

    def _entries(
        self,
        session: Session,
        meeting_id: int | None,
        *,
        with_text: bool = True,
        only_archived: bool = False,
    ) -> list[MeetingArchiveEntry]:
        """The meetings the archive should hold (or, `only_archived`, the ones it holds)."""
        return self._made(self._read(session, meeting_id, with_text, only_archived))

    def _read(
        self,
        session: Session,
        meeting_id: int | None,
        with_text: bool = True,
        only_archived: bool = False,
    ) -> _StoredChats:
        """One query with the columns the archive files show (and the follow-ups), and with
        `with_text` each chat's `source_fingerprint`: what a sync compares before making any
        entry."""
        text_columns = [getattr(MeetingNotes, c) for c in _NOTE_COLUMNS] if with_text else []
        draft_columns = [ThankYouDraft.subject, ThankYouDraft.body] if with_text else []
        query = (
            select(
                Meeting.id,
                Meeting.starts_at,
                Meeting.timezone,
                Meeting.mode,
                Meeting.call_link,
                Meeting.tags,
                Contact.first_name,
                Contact.last_name,
                Venue.name,
                Venue.address,
                *text_columns,
                *draft_columns,
            )
            .join(Contact, Contact.id == Meeting.contact_id)
            .outerjoin(Venue, Venue.id == Meeting.venue_id)
            .outerjoin(MeetingNotes, MeetingNotes.meeting_id == Meeting.id)
            .outerjoin(ThankYouDraft, ThankYouDraft.meeting_id == Meeting.id)
            .order_by(Meeting.id)
        )
        if only_archived:
            query = query.join(ArchiveFile, ArchiveFile.meeting_id == Meeting.id)
        else:
            query = query.where(or_(Meeting.status == MeetingStatus.DONE.value, _has_notes()))
        if meeting_id is not None:
            query = query.where(Meeting.id == meeting_id)
        # Plain columns: read through the connection, without the ORM's row handling.
        rows = [tuple(row) for row in session.connection().execute(query).all()]
        follow_ups = self._follow_ups(session, meeting_id) if with_text else {}
        fingerprints: dict[int, str] = {}
        if with_text:
            from chatplanner.interop.archive_markdown import source_fingerprint

            version = self._source_version()
            fingerprints = {
                row[0]: source_fingerprint(
                    version, (*row, *(v for item in follow_ups.get(row[0], ()) for v in item))
                )
                for row in rows
            }
        return _StoredChats(rows, follow_ups, fingerprints, with_text)

    def _source_version(self) -> str:
        """What turns a chat's stored values into its file besides the values: the code (this
        module, the time words, the names, the renderer) and the user's time zone."""
        from chatplanner.interop.archive_markdown import RENDERER_MODULES, code_version

        if not _SOURCE_CODE:
            _SOURCE_CODE.append(code_version((*_ENTRY_MODULES, *RENDERER_MODULES)))
        if not _SOURCE_CODE[0]:
            return ""
        return f"{_SOURCE_CODE[0]} {self._context.zone().key}"

    def _made(self, chats: _StoredChats) -> list[MeetingArchiveEntry]:
        """The entries of the chats `_read` read."""
        from chatplanner.interop.archive_markdown import ArchiveFollowUp, MeetingArchiveEntry

        entries: list[MeetingArchiveEntry] = []
        for row in chats.rows:
            mid, starts, zone, mode, link, tags, first, last, venue, address = row[:10]
            kind = MeetingMode(mode)
            if kind is MeetingMode.ONLINE:
                where = link or ""
            else:
                where = ", ".join(p for p in (venue, address) if p)
            texts: dict[str, str] = {}
            if chats.with_text:
                notes: tuple[Any, ...] = tuple(row[10:16])
                texts = {
                    name: value or "" for name, value in zip(_NOTE_COLUMNS, notes, strict=True)
                }
                texts["thank_you_subject"] = row[16] or ""
                texts["thank_you_body"] = row[17] or ""
            follow_ups = tuple(
                ArchiveFollowUp(FollowUpOwner(owner), text, due, done)
                for owner, text, due, done in chats.follow_ups.get(mid, ())
            )
            entries.append(
                MeetingArchiveEntry(
                    meeting_id=mid,
                    contact_name=shown_name(first, last, UNNAMED_CONTACT),
                    met_on=self._met_on(starts, zone),
                    when=self._times.words(starts, zone),
                    mode=kind,
                    venue=where,
                    tags=tuple(t.strip() for t in (tags or "").split(",") if t.strip()),
                    follow_ups=follow_ups,
                    source=chats.fingerprints.get(mid, ""),
                    **texts,
                )
            )
        return entries

    @staticmethod
    def _follow_ups(
        session: Session, meeting_id: int | None
    ) -> dict[int, list[tuple[str, str, date | None, bool]]]:
        """Each chat's follow-ups as stored: (owner, text, due, done)."""
        query = select(
            FollowUp.meeting_id, FollowUp.owner, FollowUp.text, FollowUp.due_on, FollowUp.done_at
        ).where(FollowUp.meeting_id.is_not(None))
        if meeting_id is not None:
            query = query.where(FollowUp.meeting_id == meeting_id)
        grouped: dict[int, list[tuple[str, str, date | None, bool]]] = {}
        for mid, owner, text, due, done_at in (
            session.connection()
            .execute(query.order_by(FollowUp.meeting_id, FollowUp.position, FollowUp.id))
            .all()
        ):
            if mid is None:
                continue
            grouped.setdefault(mid, []).append((owner, text, due, done_at is not None))
        return grouped

    # What was written --------------------------------------------------------------------------
    @staticmethod
    def _stored(session: Session, meeting_id: int | None) -> dict[int, ArchivedFile]:
        from chatplanner.interop.archive_markdown import ArchivedFile

        query = select(
            ArchiveFile.meeting_id, ArchiveFile.relative_path, ArchiveFile.content_sha256
        )
        if meeting_id is not None:
            query = query.where(ArchiveFile.meeting_id == meeting_id)
        return {row[0]: ArchivedFile(*row) for row in session.connection().execute(query).all()}

    def _store(
        self, previous: Mapping[int, ArchivedFile], current: Mapping[int, ArchivedFile]
    ) -> None:
        """Record what changed between `previous` and `current` (other rows stay as they are)."""
        now = self._context.now()
        gone = [mid for mid in previous if mid not in current]
        added = [f for mid, f in current.items() if mid not in previous]
        changed = [f for mid, f in current.items() if mid in previous and previous[mid] != f]
        if not (gone or added or changed):
            return
        with self._context.sessions.begin() as session:
            if gone:
                session.execute(delete(ArchiveFile).where(ArchiveFile.meeting_id.in_(gone)))
            if added:
                session.execute(insert(ArchiveFile), _rows(added, now))
            for item in changed:
                session.execute(
                    update(ArchiveFile)
                    .where(ArchiveFile.meeting_id == item.meeting_id)
                    .values(
                        relative_path=item.relative_path,
                        content_sha256=item.content_sha256,
                        written_at=now,
                    )
                )


def _rows(files: Iterable[ArchivedFile], now: datetime) -> list[dict[str, Any]]:
    return [
        {
            "meeting_id": f.meeting_id,
            "relative_path": f.relative_path,
            "content_sha256": f.content_sha256,
            "written_at": now,
        }
        for f in files
    ]
