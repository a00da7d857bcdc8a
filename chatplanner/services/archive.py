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
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chatplanner.errors import ChatplannerError
from chatplanner.interop.safe_files import make_private_folder
from chatplanner.services.archive_sources import (
    ArchiveEntries,
    archived_files,
    chat_fingerprints,
    meeting_ids,
    read_chats,
)
from chatplanner.services.context import ServiceContext
from chatplanner.services.stored_settings import stored_settings

# The writer's code (Markdown, the manifest) and the chats' time words load when the archive is
# written: a search of the notes, the first one included, does not wait for them. Reads go
# through `ServiceContext.reading` in plain SQL, and SQLAlchemy loads only for a write: an
# archive with nothing changed is found so without it.
if TYPE_CHECKING:
    from chatplanner.interop.archive_markdown import (
        ArchivedFile,
        ArchiveWriter,
        SyncResult,
    )
    from chatplanner.services.archive_search import ArchiveSearch, SearchHit
    from chatplanner.services.settings import SettingsService

DIRECTORY_KEY = "archive.directory"
# The profile's own id, named in the manifest of every archive folder it writes.
PROFILE_ID_KEY = "profile.id"
# The manifest state this database last agreed on with the archive folder (see archive_manifest).
STATE_KEY = "archive.state"
_SETTING_KEYS = (DIRECTORY_KEY, PROFILE_ID_KEY, STATE_KEY)

__all__ = ["ArchiveService", "ArchiveWriteError", "ArchivedFile", "SearchHit", "SyncResult"]


def __getattr__(name: str) -> Any:
    """The types named in __all__ from their modules, loaded when asked."""
    if name in ("ArchivedFile", "SyncResult"):
        from chatplanner.interop import archive_markdown

        return getattr(archive_markdown, name)
    if name == "SearchHit":
        from chatplanner.services import archive_search

        return archive_search.SearchHit
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class ArchiveWriteError(ChatplannerError):
    """The archive folder could not be written; the message says what to do."""


class ArchiveService:
    def __init__(self, context: ServiceContext, settings: Callable[[], SettingsService]) -> None:
        """`settings` gives the settings service when one is written (the archive's own are
        read in plain SQL, with its other reads)."""
        self._context = context
        self._settings = settings
        # One writer per folder (it remembers what it rendered); syncs from a worker thread and
        # the autosave's one-meeting syncs take turns.
        self._lock = threading.Lock()
        self._writer: ArchiveWriter | None = None
        self._entries = ArchiveEntries(context)

    @cached_property
    def _search(self) -> ArchiveSearch:
        from chatplanner.services.archive_search import ArchiveSearch

        return ArchiveSearch(self._context)

    # The folder --------------------------------------------------------------------------------
    def _stored_settings(self) -> dict[str, Any]:
        """The archive's settings as stored: its folder, the profile's id, the agreed state."""
        with self._context.reading() as connection:
            return stored_settings(connection, _SETTING_KEYS)

    def directory(self) -> Path:
        return self._directory(self._stored_settings())

    def _directory(self, stored: Mapping[str, Any]) -> Path:
        chosen = stored.get(DIRECTORY_KEY)
        if isinstance(chosen, str) and chosen.strip():
            return Path(chosen).expanduser()
        return self._context.profile.archive_dir

    def is_default_directory(self) -> bool:
        return self.directory() == self._context.profile.archive_dir

    def set_directory(self, directory: Path | None) -> None:
        """Write the archive to `directory` from now on (None: the profile's archive folder).

        What the old folder holds is left alone; the next sync writes everything anew."""
        from sqlalchemy import delete

        from chatplanner.db.models import ArchiveFile

        value = None if directory is None else str(Path(directory).expanduser().absolute())
        if value is not None and Path(value) == self._context.profile.archive_dir:
            value = None
        with self._lock:
            self._settings().set_many({DIRECTORY_KEY: value, STATE_KEY: None})
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
        return self._profile_id(self._stored_settings())

    def _profile_id(self, stored: Mapping[str, Any]) -> str:
        known = stored.get(PROFILE_ID_KEY)
        if isinstance(known, str) and known:
            return known
        made = uuid.uuid4().hex
        self._settings().set(PROFILE_ID_KEY, made)
        return made

    def _current_writer(self, stored: Mapping[str, Any] | None = None) -> ArchiveWriter:
        """The writer of the folder `stored` (the archive's settings, read now when not given)
        names, agreeing on the state the database stored."""
        from chatplanner.interop.archive_markdown import ArchiveWriter

        if stored is None:
            stored = self._stored_settings()
        directory = self._directory(stored)
        if self._writer is None or self._writer.directory != directory:
            self._writer = ArchiveWriter(directory, owner=self._profile_id(stored))
        # The database may have been restored since: it says which state it agreed on.
        state = stored.get(STATE_KEY)
        self._writer.state = state if isinstance(state, str) else None
        return self._writer

    def _remember_state(self, writer: ArchiveWriter, before: str | None) -> None:
        """Store the state the writer and the folder now agree on, when it changed."""
        if writer.state is not None and writer.state != before:
            self._settings().set(STATE_KEY, writer.state)

    # Writing -----------------------------------------------------------------------------------
    def sync(
        self,
        progress: Callable[[int, int], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> SyncResult:
        """Write or update every meeting's file and the index; unchanged files are not touched.

        Nothing changed since the last sync (the usual case) is found from the chats'
        fingerprints alone: no entry is made, and nothing but plain SQL is read."""
        from chatplanner.interop.archive_manifest import ArchiveError

        with self._lock:
            version = self._entries.version()
            with self._context.reading() as connection:
                stored = stored_settings(connection, _SETTING_KEYS)
                fingerprints = chat_fingerprints(connection, version)
                previous = archived_files(connection)
                # Files of meetings deleted since (their archive_files rows went with them)
                # are found by name and removed too.
                existing = meeting_ids(connection)
            writer = self._current_writer(stored)
            agreed = writer.state
            try:
                result = writer.unchanged(fingerprints, previous.values(), known_meetings=existing)
                if result is None:
                    with self._context.reading() as connection:
                        chats = read_chats(connection, version)
                    result = writer.sync(
                        self._entries.made(chats),
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
            version = self._entries.version()
            with self._context.reading() as connection:
                chats = read_chats(connection, version)
                existing = meeting_ids(connection)
            try:
                return ArchiveWriter(directory).sync(
                    self._entries.made(chats), (), known_meetings=existing
                )
            except ArchiveError as error:
                raise ArchiveWriteError(str(error)) from None

    def sync_meeting(self, meeting_id: int) -> str:
        """Update one meeting's file after it changed: "written", "updated", "unchanged",
        "removed" (it left the archive) or "skipped" (it is not in the archive)."""
        from chatplanner.interop.archive_manifest import ArchiveError
        from chatplanner.interop.archive_markdown import index_line

        with self._lock:
            version = self._entries.version()
            with self._context.reading() as connection:
                entries = self._entries.made(read_chats(connection, version, meeting_id))
                previous = archived_files(connection, meeting_id).get(meeting_id)
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
        with self._context.reading() as connection:
            stored = archived_files(connection)
            chats = read_chats(connection, "", with_text=False, only_archived=True)
        writer.write_index(
            self._entries.made(chats), {mid: f.relative_path for mid, f in stored.items()}
        )

    # Searching ---------------------------------------------------------------------------------
    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Meetings whose notes or contact name match every word typed (accents ignored)."""
        return self._search.search(query, limit)

    # What was written --------------------------------------------------------------------------
    def _store(
        self, previous: Mapping[int, ArchivedFile], current: Mapping[int, ArchivedFile]
    ) -> None:
        """Record what changed between `previous` and `current` (other rows stay as they are)."""
        gone = [mid for mid in previous if mid not in current]
        added = [f for mid, f in current.items() if mid not in previous]
        changed = [f for mid, f in current.items() if mid in previous and previous[mid] != f]
        if not (gone or added or changed):
            return
        from sqlalchemy import delete, insert, update

        from chatplanner.db.models import ArchiveFile

        now = self._context.now()
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
